//! What the portal allows each visitor, and all of them together, so that
//! clients that connect and then send nothing (or a byte a minute) cannot
//! keep its sockets, file descriptors and memory: the desktop that serves
//! it needs descriptors of its own for its database, backups and exports.
//!
//! A desktop session usually gives a process 1,024 descriptors (the soft
//! limit); the portal may hold 512 connections, and one address 64 of
//! them — more than a browser opens (six) or an office behind one address
//! needs, and enough for `wrk -c50`, the load test, which must pass with
//! these limits. An excess connection from an address at its cap is
//! closed at once; it never takes a place another address could use.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The portal's timeouts and caps: the production values by `default()`;
/// tests shorten the timeouts rather than wait ten seconds.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Time a client has to send a request's line and headers. hyper
    /// starts it as soon as a connection waits for its next request, so it
    /// is also how long a kept-alive connection may stay idle.
    pub header_read: Duration,
    /// Time a client has to finish its TLS handshake (HTTPS only).
    pub tls_handshake: Duration,
    /// Time to receive a request's body and answer it; a request still
    /// unanswered then gets 408.
    pub request: Duration,
    /// The largest request body read (forms are far smaller, see `web`).
    pub max_body: usize,
    /// The largest request head, and each connection's read buffer.
    pub max_head: usize,
    /// Connections open at once, from everyone.
    pub max_connections: usize,
    /// Connections open at once from one client address.
    pub max_per_address: usize,
    /// Once the portal stops, how long open connections may finish the
    /// answer they are sending before they are dropped.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read: Duration::from_secs(10),
            tls_handshake: Duration::from_secs(10),
            request: Duration::from_secs(30),
            max_body: 256 * 1024,
            max_head: 64 * 1024,
            max_connections: 512,
            max_per_address: 64,
            shutdown_grace: Duration::from_secs(2),
        }
    }
}

/// The count of open connections per client address.
#[derive(Default)]
pub(crate) struct PerAddress {
    open: Mutex<HashMap<IpAddr, usize>>,
}

/// One admitted connection's place in its address's count, given back when
/// the connection ends.
pub(crate) struct Place {
    counts: Arc<PerAddress>,
    address: IpAddr,
}

impl PerAddress {
    /// A place for one more connection from `address`, unless it already
    /// has `cap` open.
    pub(crate) fn admit(counts: &Arc<PerAddress>, address: IpAddr, cap: usize) -> Option<Place> {
        let address = address.to_canonical();
        let mut open = counts.open.lock().unwrap_or_else(|e| e.into_inner());
        let count = open.entry(address).or_default();
        if *count >= cap {
            return None;
        }
        *count += 1;
        Some(Place {
            counts: counts.clone(),
            address,
        })
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut open = self.counts.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = open.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_at_its_cap_is_refused_until_one_of_its_connections_ends() {
        let counts = Arc::new(PerAddress::default());
        let busy: IpAddr = [127, 0, 0, 2].into();
        let other: IpAddr = [127, 0, 0, 3].into();
        let first = PerAddress::admit(&counts, busy, 2);
        let second = PerAddress::admit(&counts, busy, 2);
        assert!(first.is_some() && second.is_some());
        assert!(PerAddress::admit(&counts, busy, 2).is_none());
        assert!(PerAddress::admit(&counts, other, 2).is_some());
        drop(first);
        assert!(PerAddress::admit(&counts, busy, 2).is_some());
        assert!(counts.open.lock().unwrap().get(&other).is_none());
    }
}
