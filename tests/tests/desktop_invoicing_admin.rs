//! End-to-end: the manager's other billing screens in the real desktop app.
//! The invoicing settings refuse a bad IBAN beside the field, then keep the
//! terms and a logo; a draft invoice typed by hand refuses a bad quantity,
//! is saved, edited, finalised (numbered) and its PDF carries the IBAN and
//! the logo; another draft is deleted; a contract is suspended, resumed and
//! terminated from its page; the period's invoices are exported as CSV.

use parc_tests::{
    account, click, click_xpath, demo_desktop, dismiss_toasts, find, log_in, saved_file,
    screenshot, text_of, type_into, wait_text, TestResult, ONE_AT_A_TIME,
};
use std::process::Command;

/// A 90 × 30 PNG, written where the file input can read it.
fn logo_file(dir: &std::path::Path) -> TestResult<std::path::PathBuf> {
    let path = dir.join("logo.png");
    image::RgbImage::from_pixel(90, 30, image::Rgb([31, 79, 191])).save(&path)?;
    Ok(path)
}

#[tokio::test(flavor = "multi_thread")]
async fn manager_sets_terms_types_a_draft_finalises_it_and_ends_a_contract() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    // Invoicing settings: a bad IBAN is refused beside its field.
    click(&app, "#nav-settings").await?;
    type_into(&app, "#field-iban", "FR76 3000 6000 0112 3456 7890 188").await?;
    click(&app, "#invoicing-save").await?;
    find(&app, "[data-error-for=iban]").await?;
    type_into(&app, "#field-iban", "FR14 2004 1010 0505 0001 3M02 606").await?;
    type_into(&app, "#field-bic", "CMCIFR2A").await?;
    type_into(&app, "#field-payment_terms_days", "45").await?;
    click(&app, "#invoicing-save").await?;
    wait_text(&app, ".toast", "Saved").await?;
    let logo = logo_file(desktop.home())?;
    find(&app, "#field-logo")
        .await?
        .send_keys(&logo.display().to_string())
        .await?;
    wait_text(&app, "#logo-state", "A logo is printed").await?;
    dismiss_toasts(&app).await?;
    screenshot(&app, "settings-invoicing").await?;

    // A draft typed by hand: a bad quantity first.
    click(&app, "#nav-invoices").await?;
    click(&app, "#new-invoice").await?;
    click_xpath(
        &app,
        "//select[@id='field-client_id']/option[starts-with(., 'Garage Lambert')]",
    )
    .await?;
    type_into(
        &app,
        "#line-0-description",
        "Remplacement de l'alimentation du serveur",
    )
    .await?;
    type_into(&app, "#line-0-quantity", "un").await?;
    type_into(&app, "#line-0-unit_price", "149,90").await?;
    click(&app, "#invoice-add-line").await?;
    type_into(&app, "#line-1-description", "Main-d'œuvre (heures)").await?;
    type_into(&app, "#line-1-quantity", "1,5").await?;
    type_into(&app, "#line-1-unit_price", "80").await?;
    click(&app, "#invoice-save").await?;
    find(&app, "[data-error-for='lines[0].quantity']").await?;
    type_into(&app, "#line-0-quantity", "1").await?;
    // 149.90 + 1.5 × 80 = 269.90 excl. VAT; 323.88 incl. 20 % VAT.
    wait_text(&app, "#invoice-form-total", "323.88").await?;
    screenshot(&app, "invoice-form").await?;
    click(&app, "#invoice-save").await?;
    wait_text(&app, "#invoice-title", "Draft").await?;
    wait_text(&app, "#invoice-total", "323.88").await?;

    // Edited while a draft, then finalised: it gets its number.
    click(&app, "#invoice-edit").await?;
    type_into(&app, "#line-1-quantity", "2").await?;
    click(&app, "#invoice-save").await?;
    wait_text(&app, "#invoice-total", "371.88").await?;
    click(&app, "#invoice-finalise").await?;
    click(&app, "#invoice-finalise").await?;
    let title = wait_text(&app, "#invoice-title", "Invoice FA-").await?;
    let number = title
        .split_whitespace()
        .find(|w| w.starts_with("FA-"))
        .ok_or(format!("no number in {title}"))?
        .to_owned();
    assert!(
        app.find(fantoccini::Locator::Css("#invoice-edit"))
            .await
            .is_err(),
        "a finalised invoice cannot be edited"
    );
    dismiss_toasts(&app).await?;
    click(&app, "#invoice-save-pdf").await?;
    let path = saved_file(&app, ".pdf").await?;
    let text = String::from_utf8(
        Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()?
            .stdout,
    )?;
    assert!(text.contains(&number), "{text}");
    assert!(text.contains("FR14 2004 1010 0505 0001 3M02 606"), "{text}");
    assert!(text.contains("Payment terms: 45 days"), "{text}");
    let images = String::from_utf8(
        Command::new("pdfimages")
            .arg("-list")
            .arg(&path)
            .output()?
            .stdout,
    )?;
    assert!(
        images.lines().count() > 2,
        "the logo is in the PDF:\n{images}"
    );

    // Another draft, deleted.
    click(&app, "#nav-invoices").await?;
    click(&app, "#new-invoice").await?;
    click_xpath(
        &app,
        "//select[@id='field-client_id']/option[starts-with(., 'Garage Lambert')]",
    )
    .await?;
    type_into(&app, "#line-0-description", "Brouillon à jeter").await?;
    type_into(&app, "#line-0-unit_price", "10").await?;
    click(&app, "#invoice-save").await?;
    wait_text(&app, "#invoice-title", "Draft").await?;
    click(&app, "#invoice-delete").await?;
    click(&app, "#invoice-delete").await?;
    click(&app, "#tab-invoices").await?;
    let listed = wait_text(&app, "#invoices-table", &number).await?;
    assert!(!listed.contains("Draft"), "{listed}");

    // A contract suspended, resumed, then terminated from its page.
    click(&app, "#nav-contracts").await?;
    click_xpath(&app, "//tr[td[.='Acme Logistique']]/td[1]").await?;
    click(&app, "#contract-to-suspended").await?;
    click(&app, "#contract-status-apply").await?;
    wait_text(&app, ".badge.contract-suspended", "Suspended").await?;
    click(&app, "#contract-to-active").await?;
    click(&app, "#contract-status-apply").await?;
    wait_text(&app, ".badge.contract-active", "Active").await?;
    click(&app, "#contract-to-terminated").await?;
    click(&app, "#contract-status-apply").await?;
    wait_text(&app, ".badge.contract-terminated", "Terminated").await?;
    let facts = text_of(&app, "#contract-facts").await?;
    assert!(
        facts.contains(&parc_core::clock::today().to_string()),
        "{facts}"
    );
    assert!(
        app.find(fantoccini::Locator::Css("#contract-edit"))
            .await
            .is_err(),
        "an ended contract is not edited"
    );

    // The yearly contract in its notice period, renewed for a term.
    click(&app, "#nav-contracts").await?;
    click_xpath(&app, "//tr[td[.='Cabinet Vidal Avocats']]/td[1]").await?;
    let end_of = |facts: &str| -> TestResult<chrono::NaiveDate> {
        // The facts' text runs labels and values together: find the dates.
        let dates: Vec<chrono::NaiveDate> = (0..facts.len().saturating_sub(9))
            .filter_map(|i| facts.get(i..i + 10))
            .filter_map(|w| chrono::NaiveDate::parse_from_str(w, "%Y-%m-%d").ok())
            .collect();
        // Start, then end.
        Ok(*dates.get(1).ok_or(format!("no end date in {facts}"))?)
    };
    let before = end_of(&text_of(&app, "#contract-facts").await?)?;
    click(&app, "#contract-renew").await?;
    let renewed = before + chrono::Months::new(12);
    let facts = wait_text(&app, "#contract-facts", &renewed.to_string()).await?;
    assert_eq!(end_of(&facts)?, renewed);

    // The accountant's CSV of every invoice.
    click(&app, "#nav-invoices").await?;
    click(&app, "#invoices-export").await?;
    let path = saved_file(&app, ".csv").await?;
    let csv = std::fs::read_to_string(path)?;
    assert!(csv.starts_with("number,kind,status,"), "{csv}");
    assert!(csv.contains(&number), "{number} not exported");
    assert!(
        csv.contains("Main-d'œuvre (heures)"),
        "the lines are exported"
    );
    Ok(())
}
