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

impl Throttle {
    /// Whether an attempt for `email` from `address` may be checked now.
    pub fn allows(&self, email: &str, address: IpAddr) -> bool {
        let now = Instant::now();
        let Ok(mut failures) = self.failures.lock() else {
            return false;
        };
        let mut recent = |key: String| {
            let list = failures.entry(key).or_default();
            list.retain(|at| now.duration_since(*at) < WINDOW);
            list.len()
        };
        recent(account_key(email)) < PER_ACCOUNT && recent(address_key(address)) < PER_ADDRESS
    }

    pub fn failed(&self, email: &str, address: IpAddr) {
        let now = Instant::now();
        if let Ok(mut failures) = self.failures.lock() {
            failures.entry(account_key(email)).or_default().push(now);
            failures.entry(address_key(address)).or_default().push(now);
            // Keep the table from growing without end under a spray of addresses.
            if failures.len() > 100_000 {
                failures.retain(|_, list| list.iter().any(|at| now.duration_since(*at) < WINDOW));
            }
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn succeeded(&self, email: &str) {
        if let Ok(mut failures) = self.failures.lock() {
            failures.remove(&account_key(email));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_the_account_not_the_others() {
        let throttle = Throttle::default();
        let here: IpAddr = [127, 0, 0, 1].into();
        for _ in 0..PER_ACCOUNT {
            assert!(throttle.allows("ann@acme.fr", here));
            throttle.failed("Ann@acme.fr ", here);
        }
        assert!(!throttle.allows("ann@acme.fr", here));
        assert!(throttle.allows("bob@acme.fr", here));
    }

    #[test]
    fn many_failures_from_one_address_lock_it() {
        let throttle = Throttle::default();
        let there: IpAddr = [10, 0, 0, 9].into();
        for n in 0..PER_ADDRESS {
            throttle.failed(&format!("user{n}@x.fr"), there);
        }
        assert!(!throttle.allows("new@x.fr", there));
        assert!(throttle.allows("new@x.fr", [10, 0, 0, 8].into()));
    }
}
