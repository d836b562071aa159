//! Sign-in throttling: after too many failures for one account, or from
//! one address, further attempts are refused for a while without even
//! checking the password. Counted in memory: a restart forgets, which only
//! gives an attacker a fresh window after the owner restarted the portal.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures counted over this window…
const WINDOW: Duration = Duration::from_secs(15 * 60);
/// …at most this many per account…
const PER_ACCOUNT: usize = 5;
/// …and this many per address (several people may share one).
const PER_ADDRESS: usize = 20;

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

fn account_key(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

fn address_key(address: IpAddr) -> String {
    format!("address:{address}")
}

/// The most keys kept: past it, only failures still in the window stay.
const MAX_KEYS: usize = 100_000;

impl Throttle {
    /// Whether an attempt for `email` from `address` may be checked now; if
    /// so it is counted at once, as a failure until `succeeded` says
    /// otherwise, so attempts sent together cannot all slip through.
    pub fn attempt(&self, email: &str, address: IpAddr) -> bool {
        let now = Instant::now();
        let Ok(mut failures) = self.failures.lock() else {
            return false;
        };
        let recent = |failures: &HashMap<String, Vec<Instant>>, key: &str| {
            failures.get(key).map_or(0, |list| {
                list.iter()
                    .filter(|at| now.duration_since(**at) < WINDOW)
                    .count()
            })
        };
        let (account, place) = (account_key(email), address_key(address));
        if recent(&failures, &account) >= PER_ACCOUNT || recent(&failures, &place) >= PER_ADDRESS {
            return false;
        }
        if failures.len() >= MAX_KEYS {
            failures.retain(|_, list| list.iter().any(|at| now.duration_since(*at) < WINDOW));
            if failures.len() >= MAX_KEYS {
                // Sprayed from everywhere: refuse rather than grow without end.
                return false;
            }
        }
        for key in [account, place] {
            let list = failures.entry(key).or_default();
            list.retain(|at| now.duration_since(*at) < WINDOW);
            list.push(now);
        }
        true
    }

    /// A successful sign-in: the account's failures are forgotten and the
    /// attempt is not held against the address.
    pub fn succeeded(&self, email: &str, address: IpAddr) {
        if let Ok(mut failures) = self.failures.lock() {
            failures.remove(&account_key(email));
            if let Some(list) = failures.get_mut(&address_key(address)) {
                list.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_attempts_lock_the_account_not_the_others() {
        let throttle = Throttle::default();
        let here: IpAddr = [127, 0, 0, 1].into();
        for _ in 0..PER_ACCOUNT {
            assert!(throttle.attempt("Ann@acme.fr ", here));
        }
        assert!(!throttle.attempt("ann@acme.fr", here));
        assert!(throttle.attempt("bob@acme.fr", here));
        throttle.succeeded("bob@acme.fr", here);
        assert!(throttle.attempt("bob@acme.fr", here));
    }

    #[test]
    fn many_attempts_from_one_address_lock_it() {
        let throttle = Throttle::default();
        let there: IpAddr = [10, 0, 0, 9].into();
        for n in 0..PER_ADDRESS {
            assert!(throttle.attempt(&format!("user{n}@x.fr"), there));
        }
        assert!(!throttle.attempt("new@x.fr", there));
        assert!(throttle.attempt("new@x.fr", [10, 0, 0, 8].into()));
    }

    #[test]
    fn refused_attempts_add_nothing() {
        let throttle = Throttle::default();
        let there: IpAddr = [10, 0, 0, 7].into();
        for n in 0..PER_ADDRESS {
            throttle.attempt(&format!("user{n}@x.fr"), there);
        }
        let before = throttle.failures.lock().map(|f| f.len()).unwrap_or(0);
        for n in 0..1000 {
            assert!(!throttle.attempt(&format!("spray{n}@x.fr"), there));
        }
        assert_eq!(
            throttle.failures.lock().map(|f| f.len()).unwrap_or(0),
            before
        );
    }
}
