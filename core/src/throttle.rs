//! Throttling of what a stranger can repeat — password guesses above all —
//! in memory: pure, no I/O, counted on `Instant`s from a clock the caller
//! may inject (tests move time by hand). The portal's sign-in and reset
//! pages and the desktop's login use it.
//!
//! Why three counts, and not one per account: a lock per account lets
//! anyone who knows a contact's address lock its owner out with five wrong
//! passwords. So failures are counted
//! - per (account, address), with a low limit: a guesser at one place is
//!   stopped after a few tries, while the owner elsewhere goes on;
//! - per address, over every account: spraying one password over many
//!   accounts from one place stops too (higher, as an office shares one);
//! - per account, over every address, with a much wider ceiling: guessing
//!   from many places at once is bounded as well. An address where the
//!   account signed in successfully lately is exempt from this ceiling
//!   only, so such an attack still leaves the owner their usual place.
//!
//! An IPv6 address counts as its /64 (what one subscriber is given). An
//! attempt is counted when it is admitted, before its password is checked,
//! so attempts sent together cannot all slip through; `succeeded` takes it
//! back. A refused attempt adds nothing, so a flood does not lengthen its
//! own wait. A restart forgets everything: that only gives an attacker a
//! fresh window after the owner restarted the program.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, Ipv6Addr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How much a throttle lets through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Failures are counted over this sliding window.
    pub window: Duration,
    /// At most this many for one account from one address…
    pub per_pair: usize,
    /// …this many from one address over all accounts…
    pub per_address: usize,
    /// …and this many for one account from all addresses together.
    pub per_account: usize,
    /// An address where the account succeeded within this long is not
    /// held to `per_account`.
    pub trusted_for: Duration,
    /// The most keys remembered; past it, only what is still in the window
    /// stays, and a throttle still full refuses rather than grows.
    pub max_keys: usize,
}

impl Limits {
    /// Password checks (portal sign-in, desktop login).
    pub const SIGN_IN: Limits = Limits {
        window: Duration::from_secs(15 * 60),
        per_pair: 5,
        per_address: 20,
        per_account: 50,
        trusted_for: Duration::from_secs(30 * 24 * 3600),
        max_keys: 100_000,
    };
}

/// Whether an attempt may go ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Go ahead (the attempt is counted as a failure until `succeeded`).
    Check,
    /// Refused; the first attempt that would be admitted again is this far.
    Refused { retry_after: Duration },
}

impl Verdict {
    pub fn admitted(self) -> bool {
        self == Verdict::Check
    }
}

/// Where time comes from.
pub type Clock = Arc<dyn Fn() -> Instant + Send + Sync>;

/// An address as it is counted: IPv4 (also when mapped into IPv6) whole,
/// IPv6 by its /64.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
struct Place(IpAddr);

impl Place {
    fn of(address: IpAddr) -> Place {
        match address {
            IpAddr::V4(v4) => Place(IpAddr::V4(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Place(IpAddr::V4(v4)),
                None => {
                    let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                    Place(IpAddr::V6(Ipv6Addr::from(prefix)))
                }
            },
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
enum Key {
    Pair(String, Place),
    Address(Place),
    Account(String),
}

#[derive(Default)]
struct State {
    /// Each key's admitted attempts in the window, oldest first.
    failures: HashMap<Key, VecDeque<Instant>>,
    /// When each account last succeeded from each place.
    trusted: HashMap<(String, Place), Instant>,
}

pub struct Throttle {
    limits: Limits,
    clock: Clock,
    state: Mutex<State>,
}

/// Accounts are e-mail addresses or user names, matched whatever their case.
fn account_of(account: &str) -> String {
    account.trim().to_lowercase()
}

impl Throttle {
    pub fn new(limits: Limits) -> Throttle {
        Throttle::with_clock(limits, Arc::new(Instant::now))
    }

    /// A throttle reading the time from `clock` (tests move it by hand).
    pub fn with_clock(limits: Limits, clock: Clock) -> Throttle {
        Throttle {
            limits,
            clock,
            state: Mutex::default(),
        }
    }

    /// The counts hold no invariant a panic elsewhere could break.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether an attempt for `account` from `address` may be checked now;
    /// if so it is counted at once, as a failure until `succeeded` says
    /// otherwise.
    pub fn attempt(&self, account: &str, address: IpAddr) -> Verdict {
        let now = (self.clock)();
        let (account, place) = (account_of(account), Place::of(address));
        let keys = [
            (Key::Pair(account.clone(), place), self.limits.per_pair),
            (Key::Address(place), self.limits.per_address),
            (Key::Account(account.clone()), self.limits.per_account),
        ];
        let mut state = self.state();
        let trusted = state
            .trusted
            .get(&(account.clone(), place))
            .is_some_and(|at| now.saturating_duration_since(*at) < self.limits.trusted_for);
        let mut wait = Duration::ZERO;
        for (key, limit) in &keys {
            if matches!(key, Key::Account(_)) && trusted {
                continue;
            }
            if let Some(until) = self.full_until(&mut state, key, *limit, now) {
                wait = wait.max(until);
            }
        }
        if wait > Duration::ZERO {
            return Verdict::Refused { retry_after: wait };
        }
        if !self.room_for(&mut state, &keys, now) {
            return Verdict::Refused {
                retry_after: self.limits.window,
            };
        }
        for (key, _) in keys {
            state.failures.entry(key).or_default().push_back(now);
        }
        Verdict::Check
    }

    /// `key`'s attempts in the window (older ones dropped): when it holds
    /// `limit` of them, how long until the oldest leaves.
    fn full_until(
        &self,
        state: &mut State,
        key: &Key,
        limit: usize,
        now: Instant,
    ) -> Option<Duration> {
        let list = state.failures.get_mut(key)?;
        while list
            .front()
            .is_some_and(|at| now.saturating_duration_since(*at) >= self.limits.window)
        {
            list.pop_front();
        }
        if list.len() < limit {
            return None;
        }
        let oldest = list.front()?;
        let left = self
            .limits
            .window
            .saturating_sub(now.saturating_duration_since(*oldest));
        Some(left.max(Duration::from_secs(1)))
    }

    /// Whether new keys fit, after forgetting what left the window.
    fn room_for(&self, state: &mut State, keys: &[(Key, usize)], now: Instant) -> bool {
        let new = keys
            .iter()
            .filter(|(k, _)| !state.failures.contains_key(k))
            .count();
        if state.failures.len() + new <= self.limits.max_keys {
            return true;
        }
        let window = self.limits.window;
        state.failures.retain(|_, list| {
            list.back()
                .is_some_and(|at| now.saturating_duration_since(*at) < window)
        });
        state.failures.len() + new <= self.limits.max_keys
    }

    /// The attempt admitted last for `account` from `address` was right:
    /// it is not held against the address nor the account, the failures of
    /// this pair are forgotten (the owner's own typos), and the address is
    /// trusted for the account.
    pub fn succeeded(&self, account: &str, address: IpAddr) {
        let now = (self.clock)();
        let (account, place) = (account_of(account), Place::of(address));
        let mut state = self.state();
        state.failures.remove(&Key::Pair(account.clone(), place));
        for key in [Key::Address(place), Key::Account(account.clone())] {
            if let Some(list) = state.failures.get_mut(&key) {
                list.pop_back();
                if list.is_empty() {
                    state.failures.remove(&key);
                }
            }
        }
        let trusted_for = self.limits.trusted_for;
        if state.trusted.len() >= self.limits.max_keys {
            state
                .trusted
                .retain(|_, at| now.saturating_duration_since(*at) < trusted_for);
        }
        if state.trusted.len() < self.limits.max_keys {
            state.trusted.insert((account, place), now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// A clock the test moves by hand.
    struct Hand {
        start: Instant,
        seconds: Arc<AtomicU64>,
    }

    impl Hand {
        fn new() -> Hand {
            Hand {
                start: Instant::now(),
                seconds: Arc::default(),
            }
        }

        fn clock(&self) -> Clock {
            let (start, seconds) = (self.start, self.seconds.clone());
            Arc::new(move || start + Duration::from_secs(seconds.load(Ordering::SeqCst)))
        }

        fn advance(&self, by: Duration) {
            self.seconds.fetch_add(by.as_secs(), Ordering::SeqCst);
        }
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or(IpAddr::V4([0, 0, 0, 0].into()))
    }

    fn sign_in() -> (Hand, Throttle) {
        let hand = Hand::new();
        let throttle = Throttle::with_clock(Limits::SIGN_IN, hand.clock());
        (hand, throttle)
    }

    #[test]
    fn a_guesser_is_stopped_while_the_owner_elsewhere_signs_in() {
        let (_, throttle) = sign_in();
        let (attacker, owner) = (ip("203.0.113.9"), ip("192.168.1.20"));
        for _ in 0..Limits::SIGN_IN.per_pair {
            assert!(throttle.attempt("Ann@acme.fr ", attacker).admitted());
        }
        assert!(!throttle.attempt("ann@acme.fr", attacker).admitted());
        assert!(throttle.attempt("ann@acme.fr", owner).admitted());
        throttle.succeeded("ann@acme.fr", owner);
        // Another account from the attacker's address is still checked.
        assert!(throttle.attempt("bob@acme.fr", attacker).admitted());
    }

    #[test]
    fn the_wait_ends_with_the_window() {
        let (hand, throttle) = sign_in();
        let there = ip("10.0.0.9");
        for _ in 0..5 {
            throttle.attempt("ann@acme.fr", there);
        }
        hand.advance(Duration::from_secs(60));
        match throttle.attempt("ann@acme.fr", there) {
            Verdict::Refused { retry_after } => {
                assert_eq!(retry_after, Duration::from_secs(14 * 60));
            }
            Verdict::Check => panic!("a sixth guess went through"),
        }
        hand.advance(Duration::from_secs(14 * 60));
        assert!(throttle.attempt("ann@acme.fr", there).admitted());
    }

    #[test]
    fn many_accounts_from_one_address_lock_the_address() {
        let (_, throttle) = sign_in();
        let there = ip("10.0.0.9");
        for n in 0..Limits::SIGN_IN.per_address {
            assert!(throttle.attempt(&format!("user{n}@x.fr"), there).admitted());
        }
        assert!(!throttle.attempt("new@x.fr", there).admitted());
        assert!(throttle.attempt("new@x.fr", ip("10.0.0.8")).admitted());
    }

    #[test]
    fn many_addresses_reach_the_accounts_ceiling_but_not_its_trusted_place() {
        let (_, throttle) = sign_in();
        let home = ip("192.168.1.20");
        assert!(throttle.attempt("ann@acme.fr", home).admitted());
        throttle.succeeded("ann@acme.fr", home);
        for n in 0..Limits::SIGN_IN.per_account {
            let bot = ip(&format!("198.51.{}.{}", n / 5, n % 5 + 1));
            assert!(throttle.attempt("ann@acme.fr", bot).admitted(), "bot {n}");
        }
        assert!(!throttle
            .attempt("ann@acme.fr", ip("198.51.99.1"))
            .admitted());
        assert!(throttle.attempt("ann@acme.fr", home).admitted());
    }

    #[test]
    fn a_success_forgets_the_pairs_typos_and_its_own_attempt() {
        let (_, throttle) = sign_in();
        let here = ip("10.0.0.5");
        for _ in 0..4 {
            throttle.attempt("ann@acme.fr", here);
        }
        throttle.attempt("ann@acme.fr", here);
        throttle.succeeded("ann@acme.fr", here);
        for _ in 0..5 {
            assert!(throttle.attempt("ann@acme.fr", here).admitted());
        }
        let state = throttle.state();
        assert_eq!(state.failures[&Key::Address(Place::of(here))].len(), 9);
    }

    #[test]
    fn an_ipv6_subscriber_counts_as_its_prefix() {
        let (_, throttle) = sign_in();
        for n in 0..5 {
            let address = ip(&format!("2001:db8:1:2::{:x}", n + 1));
            assert!(throttle.attempt("ann@acme.fr", address).admitted());
        }
        assert!(!throttle
            .attempt("ann@acme.fr", ip("2001:db8:1:2:ffff::1"))
            .admitted());
        assert!(throttle
            .attempt("ann@acme.fr", ip("2001:db8:1:3::1"))
            .admitted());
        assert_eq!(
            Place::of(ip("::ffff:10.0.0.1")),
            Place::of(ip("10.0.0.1")),
            "an IPv4 address mapped into IPv6 is itself"
        );
    }

    #[test]
    fn refused_attempts_add_nothing_and_a_full_throttle_refuses() {
        let hand = Hand::new();
        let limits = Limits {
            // Exactly the keys of the address's twenty accounts.
            max_keys: 41,
            ..Limits::SIGN_IN
        };
        let throttle = Throttle::with_clock(limits, hand.clock());
        let there = ip("10.0.0.7");
        for n in 0..limits.per_address {
            throttle.attempt(&format!("user{n}@x.fr"), there);
        }
        let before = throttle.state().failures.len();
        for n in 0..1000 {
            assert!(!throttle
                .attempt(&format!("spray{n}@x.fr"), there)
                .admitted());
        }
        assert_eq!(throttle.state().failures.len(), before);
        // Keys enough for nothing new: refused until the window forgets.
        assert!(!throttle.attempt("new@x.fr", ip("10.0.0.8")).admitted());
        hand.advance(limits.window);
        assert!(throttle.attempt("new@x.fr", ip("10.0.0.8")).admitted());
        assert_eq!(throttle.state().failures.len(), 3);
    }
}
