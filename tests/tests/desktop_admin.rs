//! End-to-end: a manager's other screens on the demo data — zones, sites,
//! users (validation, deactivation, password reset), archiving a client and
//! switching the language, which survives a restart; a remembered login
//! listed and revoked; the user menu's language switch, which leaves the
//! documents' language alone.

use parc_tests::{
    account, choose, click, click_xpath, demo_desktop, find, log_in, screenshot, scroll_to,
    type_into, wait_text, TestResult, ONE_AT_A_TIME,
};

#[tokio::test(flavor = "multi_thread")]
async fn manager_runs_zones_sites_users_archive_and_language() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    // Zones: a refused empty name, then a zone, then renamed in place.
    click(&app, "#nav-zones").await?;
    click(&app, "#new-zone").await?;
    click(&app, "#zone-save").await?;
    wait_text(&app, "[data-error-for=name]", "Required").await?;
    type_into(&app, "#zone-form input[name=name]", "Nice").await?;
    click(&app, "#zone-save").await?;
    wait_text(&app, "#zones-table", "Nice").await?;
    click_xpath(
        &app,
        "//table[@id='zones-table']//tr[td[normalize-space(.)='Nice']]//button",
    )
    .await?;
    type_into(&app, "#zone-form input[name=name]", "Nice Côte d'Azur").await?;
    click(&app, "#zone-save").await?;
    wait_text(&app, "#zones-table", "Nice Côte d'Azur").await?;
    screenshot(&app, "zones").await?;

    // A site moved into the new zone, then found through the zone's site list.
    click(&app, "#nav-clients").await?;
    type_into(&app, "#clients-search", "acme").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;
    click(&app, "#clients-table tbody td.strong").await?;
    click(&app, "#tab-sites").await?;
    click_xpath(
        &app,
        "//table[@id='sites-table']//tr[td[.='Siège']]//button[1]",
    )
    .await?;
    choose(&app, "#field-zone_id", "Nice Côte d'Azur").await?;
    click(&app, "#site-save").await?;
    wait_text(&app, "#sites-table", "Nice Côte d'Azur").await?;
    click(&app, "#nav-zones").await?;
    click_xpath(
        &app,
        "//table[@id='zones-table']//a[.=\"Nice Côte d'Azur\"]",
    )
    .await?;
    let sites = wait_text(&app, "#all-sites-table", "Siège").await?;
    assert!(
        sites.contains("Acme Logistique") && !sites.contains("Gennevilliers"),
        "{sites}"
    );

    // Users: a too-short password is refused at its field, then the technician exists.
    click(&app, "#nav-users").await?;
    type_into(&app, "#user-form input[name=name]", "Théo Test").await?;
    type_into(
        &app,
        "#user-form input[name=email]",
        "theo.test@parc-demo.fr",
    )
    .await?;
    type_into(&app, "#user-form input[name=password]", "short").await?;
    click(&app, "#user-save").await?;
    wait_text(&app, "[data-error-for=password]", "Too short").await?;
    type_into(&app, "#user-form input[name=password]", "theo-first-pass").await?;
    click(&app, "#user-save").await?;
    wait_text(&app, "#users-table", "theo.test@parc-demo.fr").await?;
    // Deactivated, then given a new password and reactivated.
    let row = "//table[@id='users-table']//tr[td[.='theo.test@parc-demo.fr']]";
    click_xpath(&app, &format!("{row}//button[2]")).await?;
    wait_text(&app, "#users-table", "Inactive").await?;
    click_xpath(&app, &format!("{row}//button[1]")).await?;
    type_into(
        &app,
        "#reset-form input[name=new_password]",
        "theo-second-pass",
    )
    .await?;
    click(&app, "#reset-form button[type=submit]").await?;
    wait_text(&app, ".toasts", "Password changed").await?;
    click_xpath(&app, &format!("{row}//button[2]")).await?;
    screenshot(&app, "users").await?;

    // Archiving a client takes it out of the list, not out of the database.
    click(&app, "#nav-clients").await?;
    type_into(&app, "#clients-search", "garage").await?;
    // The whole list (Acme first) may still show: the garage's own row.
    click_xpath(
        &app,
        "//table[@id='clients-table']//tbody//td[contains(@class,'strong') and starts-with(normalize-space(.),'Garage Lambert')]",
    )
    .await?;
    wait_text(&app, "h1", "Garage Lambert").await?;
    click(&app, "#client-archive").await?;
    wait_text(&app, ".banner", "archived").await?;
    click(&app, "#nav-clients").await?;
    type_into(&app, "#clients-search", "garage").await?;
    wait_text(&app, ".empty", "Nothing matches").await?;
    click(&app, "#clients-archive option[value=archived]").await?;
    wait_text(&app, "#clients-table", "Garage Lambert").await?;

    // A client entered by mistake is deleted; one with contacts and sites is not.
    click(&app, "#new-client").await?;
    type_into(&app, "#client-form input[name=name]", "Erreur SARL").await?;
    click(&app, "#client-save").await?;
    wait_text(&app, "#client-title", "Erreur SARL").await?;
    click(&app, "#client-delete").await?;
    wait_text(&app, "#client-delete", "Really delete?").await?;
    click(&app, "#client-delete").await?;
    wait_text(&app, ".toasts", "Deleted.").await?;
    type_into(&app, "#clients-search", "erreur").await?;
    wait_text(&app, ".empty", "Nothing matches").await?;
    type_into(&app, "#clients-search", "acme").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;
    click(&app, "#clients-table tbody td.strong").await?;
    click(&app, "#client-delete").await?;
    click(&app, "#client-delete").await?;
    wait_text(&app, ".toasts", "archive or retire it instead").await?;
    wait_text(&app, "#client-title", "Acme Logistique").await?;

    // French, kept across a restart.
    click(&app, "#nav-settings").await?;
    click(&app, "#settings-lang-fr").await?;
    wait_text(&app, "#nav-settings", "Paramètres").await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;
    screenshot(&app, "clients-list-fr").await?;
    click(&app, "#logout").await?;
    app.close().await?;

    let app = desktop.launch().await?;
    wait_text(&app, "#login", "Connexion").await?;
    // The old password no longer works, the new one does; Théo is active again.
    log_in(&app, "theo.test@parc-demo.fr", "theo-first-pass").await?;
    wait_text(&app, "#login", "E-mail ou mot de passe incorrect").await?;
    log_in(&app, "theo.test@parc-demo.fr", "theo-second-pass").await?;
    wait_text(&app, "#user-name", "Théo Test").await?;
    // A technician has no Users section and cannot create clients.
    assert!(app
        .find(fantoccini::Locator::Css("#nav-users"))
        .await
        .is_err());
    click(&app, "#nav-clients").await?;
    find(&app, "#clients-table").await?;
    assert!(app
        .find(fantoccini::Locator::Css("#new-client"))
        .await
        .is_err());
    app.close().await?;
    Ok(())
}

/// "Remember me" made on this computer, listed on the Users page with when
/// it was made and last used, then revoked there: the next start asks for
/// the password again. And the user menu switches the manager's own
/// screens to French while the documents stay in English.
#[tokio::test(flavor = "multi_thread")]
async fn a_remembered_login_is_listed_and_revoked() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    type_into(&app, "#login input[name=email]", &manager.email).await?;
    type_into(&app, "#login input[name=password]", &manager.password).await?;
    click(&app, "#login-remember").await?;
    click(&app, "#login-submit").await?;
    find(&app, "#user-name").await?;
    app.close().await?;

    // Remembered: the next start signs in with it.
    let app = desktop.launch().await?;
    find(&app, "#user-name").await?;
    click(&app, "#nav-users").await?;
    let row = format!("//table[@id='users-table']//tr[td[.='{}']]", manager.email);
    click_xpath(
        &app,
        &format!("{row}//button[contains(@class,'show-logins')]"),
    )
    .await?;
    let listed = wait_text(&app, "#remembered-logins-table", "Revoke").await?;
    assert_eq!(
        listed.matches("Revoke").count(),
        1,
        "one remembered login: {listed}"
    );
    assert!(
        !listed.contains("never"),
        "it was used at this start: {listed}"
    );
    scroll_to(&app, "#remembered-logins").await?;
    let shot = screenshot(&app, "users-remembered-logins").await?;
    println!("screenshot: {}", shot.display());
    click(&app, "#remembered-logins-table button.revoke").await?;
    wait_text(&app, ".toasts", "Revoked.").await?;
    wait_text(&app, "#remembered-logins", "No remembered login.").await?;
    let shot = screenshot(&app, "users-remembered-login-revoked").await?;
    println!("screenshot: {}", shot.display());

    // The user menu: French screens for this manager, English documents.
    click(&app, "#user-lang").await?;
    wait_text(&app, "#nav-settings", "Paramètres").await?;
    click(&app, "#nav-settings").await?;
    wait_text(&app, "#document-language-form", "Langue des documents").await?;
    let english = find(&app, "#document-lang-en").await?;
    assert!(
        english
            .attr("class")
            .await?
            .unwrap_or_default()
            .contains("selected"),
        "the documents stay in English"
    );
    app.close().await?;

    // Revoked: the next start asks for the password, in French.
    let app = desktop.launch().await?;
    wait_text(&app, "#login", "Connexion").await?;
    app.close().await?;
    Ok(())
}
