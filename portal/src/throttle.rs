//! The portal's use of `parc_core::throttle`: sign-in failures counted per
//! account and address, per address and per account (so a stranger who
//! knows a contact's e-mail locks out only themselves), and reset requests
//! counted the same way. In memory: a restart forgets.
//!
//! A reset's work (a lookup, maybe a link and a mail) runs after the page
//! has answered, so its timing tells nothing; at most `RESET_WORKERS` run
//! at once, and a request beyond them is answered the same and does
//! nothing: a flood cannot take the connection pool the desktop shares.
//!
//! A refused attempt is answered 429 with `Retry-After`.

use parc_core::throttle::{Limits, Throttle as Counts, Verdict};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Reset requests worked on at once.
const RESET_WORKERS: usize = 2;

/// Reset requests: each one is counted (there is no "success" to forgive),
/// a few per account an hour whatever the address, and from one address a
/// few more (several people may share it).
const RESETS: Limits = Limits {
    window: Duration::from_secs(3600),
    per_pair: 3,
    per_address: 5,
    per_account: 3,
    trusted_for: Duration::ZERO,
    max_keys: 100_000,
};

pub struct Throttle {
    sign_in: Counts,
    reset: Counts,
    reset_workers: Arc<Semaphore>,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            sign_in: Counts::new(Limits::SIGN_IN),
            reset: Counts::new(RESETS),
            reset_workers: Arc::new(Semaphore::new(RESET_WORKERS)),
        }
    }
}

impl Throttle {
    /// Whether a sign-in for `email` from `address` may be checked now
    /// (counted as a failure until `succeeded`).
    pub fn attempt(&self, email: &str, address: IpAddr) -> Verdict {
        self.sign_in.attempt(email, address)
    }

    /// The sign-in admitted last for `email` from `address` was right.
    pub fn succeeded(&self, email: &str, address: IpAddr) {
        self.sign_in.succeeded(email, address);
    }

    /// A turn to work on a reset asked for `email` from `address`: none
    /// when that account or address asked too often, or when every worker
    /// is busy. The turn ends when dropped.
    pub fn reset_turn(&self, email: &str, address: IpAddr) -> Option<OwnedSemaphorePermit> {
        if !self.reset.attempt(email, address).admitted() {
            return None;
        }
        self.reset_workers.clone().try_acquire_owned().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_is_worked_on_only_with_a_free_worker_within_its_counts() {
        let throttle = Throttle::default();
        let here: IpAddr = [10, 0, 0, 1].into();
        let first = throttle.reset_turn("a@x.fr", here);
        let second = throttle.reset_turn("b@x.fr", here);
        assert!(first.is_some() && second.is_some());
        assert!(
            throttle.reset_turn("c@x.fr", here).is_none(),
            "both workers busy"
        );
        drop(first);
        assert!(throttle.reset_turn("d@x.fr", here).is_some());
        assert!(throttle.reset_turn("e@x.fr", here).is_some());
        // Five asked from this address (one while both were busy): enough.
        assert!(throttle.reset_turn("f@x.fr", here).is_none());
        assert!(throttle
            .reset_turn("f@x.fr", [10, 0, 0, 2].into())
            .is_some());
        drop(second);
    }
}
