//! The portal against what a stranger, or a contact, can repeat: guessing
//! a contact's password to lock them out, asking resets for addresses they
//! do not own, opening tickets and sessions without end; and what stays
//! behind: sessions that outlive an archived contact, live links in the
//! mail log. Over real HTTP on 127.0.0.1 (and 127.0.0.2, another peer on
//! this machine), on a demo database file.

use parc_tests::http::Visitor;
use parc_tests::portal::{PortalSite, R, SOPHIE};
use std::net::IpAddr;

const ATTACKER: [u8; 4] = [127, 0, 0, 2];
const OWNER: [u8; 4] = [127, 0, 0, 1];

#[tokio::test]
async fn a_strangers_guesses_do_not_lock_the_owner_out() -> R {
    let site = PortalSite::start().await?;
    let mut attacker = Visitor::at(site.addr, IpAddr::from(ATTACKER));
    attacker.get("/login").await?;
    let mut statuses = Vec::new();
    for _ in 0..30 {
        let reply = attacker
            .post(
                "/login",
                &[("email", SOPHIE.0), ("password", "guess-guess-1")],
            )
            .await?;
        statuses.push(reply.status);
    }
    let checked = statuses.iter().filter(|s| **s == 200).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(
        (checked, refused),
        (5, 25),
        "five guesses checked, then refused"
    );
    // The owner, from their own address, signs in at once.
    let mut owner = Visitor::at(site.addr, IpAddr::from(OWNER));
    let reply = owner.sign_in(SOPHIE.0, SOPHIE.1).await?;
    assert_eq!(reply.status, 303, "the owner is let in: {}", reply.text());
    assert_eq!(owner.get("/").await?.status, 200);
    // From the attacker's address even the right password waits, and says how long.
    let reply = attacker
        .post("/login", &[("email", SOPHIE.0), ("password", SOPHIE.1)])
        .await?;
    assert_eq!(reply.status, 429);
    assert!(reply.text().contains("Too many attempts"));
    let wait: u64 = reply.header("retry-after").unwrap_or("").parse()?;
    assert!((1..=15 * 60).contains(&wait), "Retry-After {wait}");
    Ok(())
}
