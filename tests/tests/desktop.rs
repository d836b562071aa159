//! End-to-end: the real desktop app under Xvfb, driven through tauri-driver
//! and WebKitWebDriver, on a real SQLite file.

use parc_tests::{
    account, click, demo_desktop, find, log_in, screenshot, type_into, wait_text, Desktop,
    TestResult, ONE_AT_A_TIME,
};
use std::time::Instant;

const EMAIL: &str = "mia.manager@example.fr";
const PASSWORD: &str = "a-long-password";

/// Logs Mia in, ticking "remember me" or not.
async fn log_in_as_mia(client: &fantoccini::Client, remember: bool) -> TestResult {
    type_into(client, "#login input[name=email]", EMAIL).await?;
    type_into(client, "#login input[name=password]", PASSWORD).await?;
    if remember {
        click(client, "#login-remember").await?;
    }
    click(client, "#login-submit").await?;
    wait_text(client, "#user-name", "Mia Manager").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn wizard_login_client_contact_site_search_and_restart() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let desktop = Desktop::start()?;

    // First launch: the wizard is the first usable screen.
    let launched = Instant::now();
    let app = desktop.launch().await?;
    find(&app, "#wizard-lang-en").await?;
    println!(
        "launch to first usable screen: {} ms",
        launched.elapsed().as_millis()
    );

    click(&app, "#wizard-lang-en").await?;
    click(&app, "#wizard-next").await?;
    type_into(&app, "input[name='company.name']", "Helios IT Services").await?;
    type_into(&app, "input[name='company.siret']", "123 456 789 00017").await?;
    click(&app, "#wizard-next").await?;
    type_into(&app, "input[name=manager_name]", "Mia Manager").await?;
    type_into(&app, "input[name=manager_email]", EMAIL).await?;
    type_into(&app, "input[name=manager_password]", PASSWORD).await?;
    click(&app, "#wizard-finish").await?;

    // Then the login screen.
    wait_text(&app, "#login", "Parc is ready").await?;
    log_in_as_mia(&app, false).await?;
    click(&app, "#nav-clients").await?;

    // A client, with one validation error on the way: the name is missing.
    click(&app, "#new-client").await?;
    type_into(&app, "#client-form input[name=code]", "zeph").await?;
    click(&app, "#client-save").await?;
    wait_text(&app, "[data-error-for=name]", "Required").await?;
    // What was typed is still there.
    let code = find(&app, "#client-form input[name=code]")
        .await?
        .prop("value")
        .await?;
    assert_eq!(code.as_deref(), Some("zeph"));
    type_into(&app, "#client-form input[name=name]", "Zephyr Santé").await?;
    click(&app, "#field-service_level option[value=vip]").await?;
    click(&app, "#client-save").await?;
    wait_text(&app, "#client-title", "Zephyr Santé").await?;

    // A contact.
    click(&app, "#tab-contacts").await?;
    click(&app, "#new-contact").await?;
    type_into(&app, "#contact-form input[name=name]", "Alice Martin").await?;
    type_into(
        &app,
        "#contact-form input[name=email]",
        "alice@zephyr-sante.fr",
    )
    .await?;
    click(&app, "#contact-primary").await?;
    click(&app, "#contact-save").await?;
    wait_text(&app, "#contacts-table", "alice@zephyr-sante.fr").await?;
    // Edited in place: the form comes back filled with the contact.
    click(&app, "#contacts-table tbody button").await?;
    type_into(&app, "#contact-form input[name=job_title]", "DSI").await?;
    click(&app, "#contact-save").await?;
    wait_text(&app, "#contacts-table", "DSI").await?;

    // A site.
    click(&app, "#tab-sites").await?;
    click(&app, "#new-site").await?;
    type_into(&app, "#site-form input[name=name]", "Siège Zephyr").await?;
    type_into(
        &app,
        "#site-form textarea[name=address]",
        "4 rue Lafayette, 75009 Paris",
    )
    .await?;
    click(&app, "#site-save").await?;
    wait_text(&app, "#sites-table", "Siège Zephyr").await?;

    // History records the creation.
    click(&app, "#tab-history").await?;
    wait_text(&app, "#history", "Mia Manager").await?;
    // Fields are named as on the form, values shown as they were set.
    let history = wait_text(&app, "#history", "Service level").await?;
    assert!(
        history.contains("Zephyr Santé") && history.contains("vip"),
        "{history}"
    );

    // Found again through the list search.
    click(&app, "#nav-clients").await?;
    type_into(&app, "#clients-search", "zeph").await?;
    let table = wait_text(&app, "#clients-table", "Zephyr Santé").await?;
    assert!(table.contains("ZEPH"), "{table}");
    type_into(&app, "#clients-search", "nobody-has-this-name").await?;
    wait_text(&app, ".empty", "Nothing matches").await?;

    // And through the global search.
    type_into(&app, "#global-search", "Alice").await?;
    wait_text(&app, ".global-search .hits", "Alice Martin").await?;
    app.close().await?;

    // Restart: the data is on disk; log in, this time remembering the login.
    let relaunched = Instant::now();
    let app = desktop.launch().await?;
    find(&app, "#login").await?;
    println!(
        "restart to login screen: {} ms",
        relaunched.elapsed().as_millis()
    );
    log_in_as_mia(&app, true).await?;
    click(&app, "#nav-clients").await?;
    // The first page is in before the search is typed (typed earlier, the
    // list's first answer could replace the filtered one).
    find(&app, "#clients-table").await?;
    type_into(&app, "#clients-search", "Zephyr").await?;
    wait_text(&app, "#clients-table", "Zephyr Santé").await?;
    click(&app, "#clients-table tbody td.strong").await?;
    click(&app, "#tab-contacts").await?;
    wait_text(&app, "#contacts-table", "Alice Martin").await?;
    click(&app, "#tab-sites").await?;
    wait_text(&app, "#sites-table", "Siège Zephyr").await?;
    app.close().await?;

    // Remembered in the OS keyring: the next start opens straight on the work screen.
    let app = desktop.launch().await?;
    wait_text(&app, "#user-name", "Mia Manager").await?;
    click(&app, "#logout").await?;
    find(&app, "#login").await?;
    app.close().await?;

    // Logged out for good: the token is gone from the keyring and the database.
    let app = desktop.launch().await?;
    find(&app, "#login").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_data_clients_list_screenshot() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    assert!(accounts.iter().any(|a| a.role == "technician"));
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    let table = wait_text(&app, "#clients-table", "Acme Logistique").await?;
    assert!(table.contains("Clinique des Calanques"), "{table}");
    let shot = screenshot(&app, "clients-list").await?;
    assert!(
        std::fs::metadata(&shot)?.len() > 10_000,
        "screenshot too small"
    );
    // Sorted and searched the French way: accents and case do not matter.
    let names_in_order = wait_text(&app, "#clients-table", "École Montessori").await?;
    let ecole = names_in_order
        .find("École Montessori")
        .unwrap_or(usize::MAX);
    let garage = names_in_order.find("Garage Lambert").unwrap_or(0);
    assert!(
        ecole < garage,
        "École should sort with the E's: {names_in_order}"
    );
    type_into(&app, "#clients-search", "ECOLE marais").await?;
    wait_text(&app, "#clients-table", "École Montessori du Marais").await?;
    type_into(&app, "#clients-search", "calanques").await?;
    wait_text(&app, "#clients-table", "Clinique des Calanques").await?;
    click(&app, "#clients-table tbody td.strong").await?;
    click(&app, "#tab-contacts").await?;
    wait_text(&app, "#contacts-table", "Isabelle Fabre").await?;
    screenshot(&app, "client-contacts").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn dark_theme_follows_the_os() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = parc_tests::demo_desktop_with(&[("GTK_THEME", "Adwaita:dark")])?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;
    let dark = app
        .execute(
            "return window.matchMedia('(prefers-color-scheme: dark)').matches;",
            vec![],
        )
        .await?;
    assert_eq!(dark, serde_json::Value::Bool(true), "the OS asks for dark");
    let background = app
        .execute(
            "return getComputedStyle(document.body).backgroundColor;",
            vec![],
        )
        .await?;
    assert_eq!(
        background.as_str(),
        Some("rgb(15, 17, 21)"),
        "the page is dark"
    );
    screenshot(&app, "clients-list-dark").await?;
    app.close().await?;
    Ok(())
}
