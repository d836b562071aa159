//! End-to-end: the client portal run by the real desktop app. A manager
//! switches it on in Settings (an address that is not one refused beside
//! the field), sees where it listens, lets a client's contact in from the
//! contact's page and makes their sign-in link; the contact follows the
//! link in a browser (the test's HTTP client), chooses a password and sees
//! their client's portal; the manager switches the access off and the
//! contact's session ends at once.

use parc_tests::http::{send, Visitor};
use parc_tests::{
    account, click, click_xpath, demo_desktop, dismiss_toasts, find, free_port, log_in, screenshot,
    scroll_to, text_of, tick, type_into, wait_text, TestResult, ONE_AT_A_TIME,
};
use std::net::SocketAddr;

#[tokio::test(flavor = "multi_thread")]
async fn manager_runs_the_portal_and_lets_a_contact_in() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    // Settings → Portal: off at first; an address that is not one is refused.
    click(&app, "#nav-settings").await?;
    scroll_to(&app, "#portal-form").await?;
    wait_text(&app, "#portal-status", "Stopped").await?;
    let port = free_port()?;
    type_into(&app, "#portal-form #field-port", &port.to_string()).await?;
    type_into(&app, "#portal-form #field-base_url", "parc.lan").await?;
    tick(&app, "#portal-enabled").await?;
    click(&app, "#portal-save").await?;
    find(&app, "[data-error-for=base_url]").await?;
    let base = format!("http://127.0.0.1:{port}");
    type_into(&app, "#portal-form #field-base_url", &base).await?;
    click(&app, "#portal-save").await?;
    wait_text(&app, "#portal-status", &format!("Running at {base}")).await?;
    dismiss_toasts(&app).await?;
    screenshot(&app, "portal-settings").await?;
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
    let login = send(addr, "GET", "/login", &[], None).await?;
    assert_eq!(login.status, 200);
    assert!(login.text().contains("Sign in to your portal"));

    // Marc Roux of Acme: let in, his own tickets only, and his link.
    click(&app, "#nav-clients").await?;
    click_xpath(&app, "//tr[td[.='Acme Logistique']]/td[1]").await?;
    click(&app, "#tab-contacts").await?;
    click_xpath(&app, "//a[contains(@class,'open-contact')][.='Marc Roux']").await?;
    wait_text(&app, "#contact-name", "Marc Roux").await?;
    scroll_to(&app, "#portal-access").await?;
    click(&app, "#portal-access-enabled").await?;
    wait_text(
        &app,
        "#portal-password-state",
        "Has not chosen a password yet.",
    )
    .await?;
    click(&app, "#portal-scope option[value=own]").await?;
    dismiss_toasts(&app).await?;
    click(&app, "#portal-send-link").await?;
    let link = wait_text(&app, "#portal-link", &format!("{base}/password/")).await?;
    wait_text(&app, "#portal-access", "Give this link to the contact").await?;
    wait_text(&app, "#portal-password-state", "A link is waiting until").await?;
    screenshot(&app, "portal-access").await?;

    // Marc follows it, chooses his password, and is in.
    let path = link.trim().trim_start_matches(&base).to_owned();
    let mut marc = Visitor::new(addr);
    let page = marc.get(&path).await?;
    assert!(page.text().contains("Marc Roux"), "{}", page.text());
    let saved = marc
        .post(
            &path,
            &[
                ("password", "marc-long-password"),
                ("repeat", "marc-long-password"),
            ],
        )
        .await?;
    assert_eq!(saved.header("location"), Some("/login?saved=1"));
    let reply = marc
        .sign_in("marc.roux@acme-logistique.fr", "marc-long-password")
        .await?;
    assert_eq!(reply.status, 303);
    let home = marc.get("/").await?;
    assert!(home.text().contains("Welcome, Marc Roux"));
    assert!(home.text().contains("Acme Logistique"));
    // The desktop says so.
    click(&app, "#nav-clients").await?;
    click_xpath(&app, "//tr[td[.='Acme Logistique']]/td[1]").await?;
    click(&app, "#tab-contacts").await?;
    click_xpath(&app, "//a[contains(@class,'open-contact')][.='Marc Roux']").await?;
    wait_text(&app, "#portal-password-state", "Has chosen a password.").await?;

    // Access switched off: his session ends at his next request.
    scroll_to(&app, "#portal-access").await?;
    click(&app, "#portal-access-enabled").await?;
    wait_text(&app, ".toast", "Saved").await?;
    let after = marc.get("/").await?;
    assert_eq!(after.status, 303);
    assert_eq!(after.header("location"), Some("/login?ended=1"));
    let checked = find(&app, "#portal-access-enabled")
        .await?
        .prop("checked")
        .await?;
    assert_eq!(checked.as_deref(), Some("false"));
    assert!(!text_of(&app, "#portal-access")
        .await?
        .contains("Make a sign-in link"));
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn manager_switches_the_portal_to_https_with_a_certificate_of_its_own() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;
    click(&app, "#nav-settings").await?;
    scroll_to(&app, "#portal-form").await?;
    let port = free_port()?;
    type_into(&app, "#portal-form #field-port", &port.to_string()).await?;
    let base = format!("https://127.0.0.1:{port}");
    type_into(&app, "#portal-form #field-base_url", &base).await?;
    tick(&app, "#portal-enabled").await?;
    tick(&app, "#portal-https").await?;
    click(&app, "#portal-save").await?;
    wait_text(&app, "#portal-status", &format!("Running at {base}")).await?;
    // The certificate made on this first start: its fingerprint is shown,
    // and it is the one the portal presents.
    let fingerprint = wait_text(&app, "#portal-fingerprint", ":").await?;
    assert_eq!(fingerprint.trim().len(), 32 * 3 - 1, "{fingerprint}");
    dismiss_toasts(&app).await?;
    screenshot(&app, "portal-settings-https").await?;
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
    let login =
        parc_tests::http::send_tls(addr, fingerprint.trim(), "GET", "/login", &[], None).await?;
    assert_eq!(login.status, 200);
    assert!(login.text().contains("Sign in to your portal"));
    assert!(login.header("strict-transport-security").is_some());
    let form_cookie = login
        .set_cookies()
        .into_iter()
        .find(|(name, ..)| name == "parc_form")
        .ok_or("no form cookie")?;
    assert!(form_cookie.2.contains("Secure"), "{}", form_cookie.2);
    // Another certificate is not accepted for it.
    let wrong = "00:".repeat(31) + "00";
    assert!(
        parc_tests::http::send_tls(addr, &wrong, "GET", "/login", &[], None)
            .await
            .is_err()
    );
    // Plain HTTP on that port gets no page.
    let plain = send(addr, "GET", "/login", &[], None).await;
    assert!(plain.map(|r| r.status != 200).unwrap_or(true));
    // Saved again (restarted), the portal keeps its certificate: it
    // answers again with the same one, and the page shows no problem.
    dismiss_toasts(&app).await?;
    click(&app, "#portal-save").await?;
    let started = std::time::Instant::now();
    loop {
        let answer =
            parc_tests::http::send_tls(addr, fingerprint.trim(), "GET", "/login", &[], None).await;
        if answer.is_ok_and(|reply| reply.status == 200) {
            break;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            return Err("the portal did not answer again with its certificate".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    wait_text(&app, "#portal-status", &format!("Running at {base}")).await?;
    let again = text_of(&app, "#portal-fingerprint").await?;
    assert_eq!(again.trim(), fingerprint.trim());
    assert!(app
        .find(fantoccini::Locator::Css("#portal-problem"))
        .await
        .is_err());
    Ok(())
}
