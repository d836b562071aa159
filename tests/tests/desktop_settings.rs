//! End-to-end: the Settings page in the real desktop app, on the demo.
//! Numbering: the next reference is previewed as it is typed, saved, and
//! the next client gets it; a number below one already given is refused
//! beside its field; the invoices' series is locked and says why. Then
//! every settings card is photographed in English and in French (the
//! screenshots the README shows), each checked for its French title.

use parc_tests::{
    account, click, demo_desktop, find, log_in, screenshot, scroll_to, type_into, wait_text,
    Desktop, TestResult, ONE_AT_A_TIME,
};

const CLIENT_ROW: &str = "#numbering-table tbody[data-code='client']";

#[tokio::test(flavor = "multi_thread")]
async fn manager_sets_the_numbering_and_reads_settings_in_both_languages() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    click(&app, "#nav-settings").await?;
    // The contents at the top lead to each card.
    click(&app, "#settings-toc [data-to='numbering-card']").await?;
    type_into(&app, &format!("{CLIENT_ROW} input[name=prefix]"), "CLI-").await?;
    type_into(&app, &format!("{CLIENT_ROW} input[name=padding]"), "3").await?;
    type_into(
        &app,
        &format!("{CLIENT_ROW} input[name=next_number]"),
        "500",
    )
    .await?;
    wait_text(&app, &format!("{CLIENT_ROW} .preview"), "CLI-500").await?;
    click(&app, &format!("{CLIENT_ROW} .save-sequence")).await?;
    wait_text(&app, ".toast", "Saved").await?;

    // The invoices' series: its next number cannot be typed, and it says why.
    let invoice = "#numbering-table tbody[data-code='invoice']";
    let next = find(&app, &format!("{invoice} input[name=next_number]")).await?;
    assert!(
        next.attr("disabled").await?.is_some(),
        "the invoices' next number is locked"
    );
    wait_text(&app, invoice, "unbroken series").await?;
    wait_text(&app, &format!("{invoice} .preview"), "FA-").await?;
    screenshot(&app, "settings-numbering-saved").await?;

    // The next client, left without a code, gets the new reference.
    click(&app, "#nav-clients").await?;
    click(&app, "#new-client").await?;
    type_into(&app, "#client-form input[name=name]", "Numérotée SARL").await?;
    click(&app, "#client-save").await?;
    wait_text(&app, "#client-title", "Numérotée SARL").await?;
    wait_text(&app, ".page-head", "CLI-500").await?;

    // Going back below it is refused beside the field.
    click(&app, "#nav-settings").await?;
    scroll_to(&app, "#numbering-card").await?;
    wait_text(&app, &format!("{CLIENT_ROW} .preview"), "CLI-501").await?;
    type_into(
        &app,
        &format!("{CLIENT_ROW} input[name=next_number]"),
        "400",
    )
    .await?;
    click(&app, &format!("{CLIENT_ROW} .save-sequence")).await?;
    wait_text(
        &app,
        &format!("{CLIENT_ROW} [data-error-for='next_number']"),
        "can only go up",
    )
    .await?;

    // Equipment types live in the catalogue; Settings leads there.
    click(&app, "#settings-toc [data-to='types-card']").await?;
    click(&app, "#open-catalogue").await?;
    find(&app, "#types-table").await?;

    // Every card, in English then in French (the page opened afresh).
    click(&app, "#nav-clients").await?;
    click(&app, "#nav-settings").await?;
    let cards = [
        (
            "#company-form",
            "settings-company",
            "Identité de l'entreprise",
        ),
        ("#invoicing-form", "settings-invoicing", "Facturation"),
        ("#numbering-card", "settings-numbering", "Numérotation"),
        ("#desk-form", "settings-desk", "Support"),
        ("#sla-form", "settings-sla", "Politique de SLA"),
        ("#alert-rules", "settings-alerts", "Règles d'alerte"),
        ("#mail-form", "settings-mail", "serveur SMTP"),
        ("#portal-form", "settings-portal", "Portail client"),
        (
            "#report-layout-form",
            "settings-report",
            "Rapport d'intervention",
        ),
        ("#backup-form", "settings-backups", "Sauvegardes"),
    ];
    for (card, name, _) in cards {
        scroll_to(&app, card).await?;
        screenshot(&app, &format!("{name}-en")).await?;
    }
    scroll_to(&app, "#settings-lang-fr").await?;
    click(&app, "#settings-lang-fr").await?;
    wait_text(&app, "#nav-settings", "Paramètres").await?;
    scroll_to(&app, "#settings-toc").await?;
    wait_text(&app, "#settings-toc", "Numérotation").await?;
    screenshot(&app, "settings-contents-fr").await?;
    for (card, name, french_title) in cards {
        scroll_to(&app, card).await?;
        wait_text(&app, card, french_title).await?;
        screenshot(&app, &format!("{name}-fr")).await?;
    }
    Ok(())
}

/// A first start on a French system speaks French before anyone chooses:
/// the language comes from the OS locale until set-up stores one.
#[tokio::test(flavor = "multi_thread")]
async fn a_french_system_starts_in_french() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let home = tempfile::tempdir()?;
    let db = home.path().join("parc.db");
    let desktop = Desktop::start_with_env(db, home, &[("LANG", "fr_FR.UTF-8")])?;
    let app = desktop.launch().await?;
    wait_text(&app, "#wizard", "Bienvenue dans Parc").await?;
    let chosen = find(&app, "#wizard-lang-fr").await?.attr("class").await?;
    assert!(
        chosen.unwrap_or_default().contains("selected"),
        "French is the choice already made"
    );
    Ok(())
}
