//! Two-step sign-in on the portal, over real HTTP on 127.0.0.1: optional,
//! switched on by the contact herself from Security (the secret read off
//! the page, codes computed as an authenticator app would); then her
//! password alone opens nothing, a wrong or replayed code is refused with
//! a message, a recovery code works once (then told it was used), and she turns it off with her
//! password. Another contact of the same portal is not asked for a code.

use chrono::Utc;
use parc_core::auth::totp;
use parc_tests::http::{Reply, Visitor};
use parc_tests::portal::{PortalSite, JULIEN, R, SOPHIE};

/// The text between `start` and the next `end` after it, if any.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}

/// The recovery codes a page shows.
fn recovery_codes(page: &str) -> Vec<String> {
    let Some(list) = between(page, "id=\"recovery-codes\">", "</ul>") else {
        return Vec::new();
    };
    list.split("<code>")
        .skip(1)
        .filter_map(|item| item.split("</code>").next())
        .map(str::to_owned)
        .collect()
}

fn code_at_step(secret: &str, offset: i64) -> R<String> {
    Ok(totp::code_for_step(
        secret,
        totp::step_at(Utc::now()) + offset,
    )?)
}

/// Six digits that are the code of no step around now.
fn wrong_code(secret: &str) -> R<String> {
    let around: Vec<String> = (-1..=1)
        .map(|offset| code_at_step(secret, offset))
        .collect::<R<_>>()?;
    (0..10)
        .map(|n| format!("{n}{n}{n}{n}{n}{n}"))
        .find(|guess| !around.contains(guess))
        .ok_or_else(|| "no wrong code".into())
}

/// The password step of a contact with a factor: to the code page, and no
/// session yet.
async fn password_step(visitor: &mut Visitor, who: (&str, &str)) -> R<Reply> {
    let reply = visitor.sign_in(who.0, who.1).await?;
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(reply.header("location"), Some("/login/code"));
    assert!(
        !visitor.cookies.contains_key("parc_session"),
        "a password alone opens no session"
    );
    let page = visitor.get("/login/code").await?;
    assert_eq!(page.status, 200);
    Ok(page)
}

#[tokio::test]
async fn a_contact_turns_two_step_sign_in_on_and_signs_in_with_a_code() -> R {
    let site = PortalSite::start().await?;
    let mut sophie = Visitor::new(site.addr);
    let reply = sophie.sign_in(SOPHIE.0, SOPHIE.1).await?;
    assert_eq!(reply.header("location"), Some("/"));

    // Security: off, then the QR code and the secret.
    let page = sophie.get("/security").await?;
    assert!(page.text().contains("id=\"set-up\""), "{}", page.text());
    let begun = sophie.post("/security/begin", &[]).await?;
    assert_eq!(begun.header("location"), Some("/security"));
    let page = sophie.get("/security").await?.text();
    assert!(
        page.contains("src=\"data:image/svg+xml"),
        "the QR code inline"
    );
    let secret = between(&page, "<code id=\"secret\">", "</code>")
        .ok_or("no secret shown")?
        .to_owned();
    // A wrong first code: refused, saying so, nothing on.
    let wrong = sophie
        .post("/security/confirm", &[("code", "12345")])
        .await?;
    assert!(
        wrong.text().contains("This code is not right"),
        "{}",
        wrong.text()
    );
    // Her phone runs 30 s late: the previous step's code is taken.
    let confirmed = sophie
        .post(
            "/security/confirm",
            &[("code", &code_at_step(&secret, -1)?)],
        )
        .await?;
    let codes = recovery_codes(&confirmed.text());
    assert_eq!(codes.len(), 10, "ten recovery codes: {}", confirmed.text());
    assert!(confirmed.text().contains("id=\"turn-off\""));

    // Signed in again: the password leads to the code page, nowhere else.
    let mut again = Visitor::new(site.addr);
    password_step(&mut again, SOPHIE).await?;
    assert_eq!(again.get("/").await?.header("location"), Some("/login"));
    let wrong = again
        .post("/login/code", &[("code", &wrong_code(&secret)?)])
        .await?;
    assert!(
        wrong.text().contains("This code is not right"),
        "{}",
        wrong.text()
    );
    // A phone 30 s ahead: the next step's code opens her home.
    let code = code_at_step(&secret, 1)?;
    let done = again.post("/login/code", &[("code", &code)]).await?;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(done.header("location"), Some("/"));
    assert_eq!(again.get("/").await?.status, 200);

    // Replayed by someone who saw it: refused as used.
    let mut stranger = Visitor::new(site.addr);
    password_step(&mut stranger, SOPHIE).await?;
    let replayed = stranger.post("/login/code", &[("code", &code)]).await?;
    assert!(
        replayed.text().contains("used already"),
        "{}",
        replayed.text()
    );
    // A recovery code opens once; the second time it is wrong.
    let opened = stranger.post("/login/code", &[("code", &codes[0])]).await?;
    assert_eq!(opened.header("location"), Some("/"));
    let mut later = Visitor::new(site.addr);
    password_step(&mut later, SOPHIE).await?;
    let spent = later.post("/login/code", &[("code", &codes[0])]).await?;
    assert!(spent.text().contains("used already"), "{}", spent.text());
    let security = stranger.get("/security").await?.text();
    assert!(security.contains("id=\"codes-left\""), "{security}");
    assert!(
        security.contains(": 9"),
        "one recovery code spent: {security}"
    );

    // Another contact of the portal signs in with a password as before.
    let mut julien = Visitor::new(site.addr);
    let reply = julien.sign_in(JULIEN.0, JULIEN.1).await?;
    assert_eq!(reply.header("location"), Some("/"));

    // Off with her password (a wrong one refused); the password alone again.
    let refused = stranger
        .post("/security/off", &[("proof", "not-her-password")])
        .await?;
    assert!(
        refused.text().contains("Neither your password"),
        "{}",
        refused.text()
    );
    let off = stranger
        .post("/security/off", &[("proof", SOPHIE.1)])
        .await?;
    assert_eq!(off.header("location"), Some("/security?off=1"));
    let mut plain = Visitor::new(site.addr);
    let reply = plain.sign_in(SOPHIE.0, SOPHIE.1).await?;
    assert_eq!(reply.header("location"), Some("/"));
    Ok(())
}

#[tokio::test]
async fn five_wrong_codes_end_the_sign_in() -> R {
    let site = PortalSite::start().await?;
    let mut sophie = Visitor::new(site.addr);
    sophie.sign_in(SOPHIE.0, SOPHIE.1).await?;
    sophie.get("/security").await?;
    sophie.post("/security/begin", &[]).await?;
    let page = sophie.get("/security").await?.text();
    let secret = between(&page, "<code id=\"secret\">", "</code>")
        .ok_or("no secret shown")?
        .to_owned();
    let confirmed = sophie
        .post("/security/confirm", &[("code", &code_at_step(&secret, 0)?)])
        .await?;
    assert_eq!(recovery_codes(&confirmed.text()).len(), 10);
    let mut guesser = Visitor::new(site.addr);
    password_step(&mut guesser, SOPHIE).await?;
    let around: Vec<String> = (-1..=1)
        .map(|offset| code_at_step(&secret, offset))
        .collect::<R<_>>()?;
    let guesses = (0..10)
        .map(|n| format!("{n}{n}{n}{n}{n}{n}"))
        .filter(|guess| !around.contains(guess));
    let mut last = String::new();
    for guess in guesses.take(5) {
        last = guesser
            .post("/login/code", &[("code", &guess)])
            .await?
            .text();
    }
    assert!(last.contains("This sign-in is over"), "{last}");
    // Even the right code no longer opens that sign-in.
    let late = guesser
        .post("/login/code", &[("code", &code_at_step(&secret, 1)?)])
        .await?;
    assert_ne!(late.header("location"), Some("/"));
    Ok(())
}
