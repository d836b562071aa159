//! End-to-end: contracts and invoices in the real desktop app. A manager
//! finds the demo's contract in its notice period, creates a contract for a
//! client from the form (a refused price first, named beside its field),
//! activates it, previews and runs the invoicing, opens the invoice the run
//! made, saves its PDF (read back with pdftotext), records its payment and
//! cancels it with a credit note; the client's page lists both. A
//! technician reads contracts but sees no invoices.

use parc_tests::{
    account, click, click_xpath, demo_desktop, dismiss_toasts, find, log_in, saved_file,
    screenshot, text_of, type_into, wait_text, wait_text_gone, TestResult, ONE_AT_A_TIME,
};
use std::process::Command;

#[tokio::test(flavor = "multi_thread")]
async fn manager_contracts_a_client_runs_invoicing_and_credits_an_invoice() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    // The demo's contracts; the yearly one is within its notice period.
    click(&app, "#nav-contracts").await?;
    let table = wait_text(&app, "#contracts-table", "Cabinet Vidal Avocats").await?;
    assert!(table.contains("Acme Logistique") && table.contains("Boulangeries Fournier"));
    let flagged = text_of(&app, "#contracts-table tr.in-notice").await?;
    assert!(flagged.contains("Cabinet Vidal Avocats"), "{flagged}");
    dismiss_toasts(&app).await?;
    screenshot(&app, "contracts-list").await?;

    // A new monthly contract for the school, from today; a bad price first.
    click(&app, "#new-contract").await?;
    click_xpath(
        &app,
        "//select[@id='field-client_id']/option[starts-with(., 'École Montessori')]",
    )
    .await?;
    click(&app, "#contract-sites input[data-site='École']").await?;
    type_into(&app, "#line-0-description", "Infogérance du parc").await?;
    type_into(&app, "#line-0-unit_price", "200,999").await?;
    type_into(&app, "#field-included_hours", "3").await?;
    screenshot(&app, "contract-form").await?;
    click(&app, "#contract-save").await?;
    find(&app, "[data-error-for='lines[0].unit_price']").await?;
    type_into(&app, "#line-0-unit_price", "200").await?;
    click(&app, "#contract-save").await?;
    let heading = wait_text(&app, "h1", "CT").await?;
    let reference = heading
        .split_whitespace()
        .find(|w| w.starts_with("CT"))
        .ok_or(format!("no reference in {heading}"))?
        .to_owned();
    let coverage = text_of(&app, "#contract-coverage").await?;
    assert!(coverage.contains("École"), "{coverage}");
    wait_text(&app, "#contract-schedule", "upcoming").await?;

    // Activated today, it is due at once (billed in advance).
    click(&app, "#contract-to-active").await?;
    click(&app, "#contract-status-apply").await?;
    wait_text(&app, ".badge.contract-active", "Active").await?;
    dismiss_toasts(&app).await?;
    screenshot(&app, "contract-detail").await?;

    // The invoice run: the preview names this contract only, then creates it.
    click(&app, "#nav-invoices").await?;
    click(&app, "#invoice-run").await?;
    click(&app, "#invoice-run-preview").await?;
    let preview = wait_text(&app, "#invoice-run-table", &reference).await?;
    assert!(preview.contains("École Montessori"), "{preview}");
    assert_eq!(text_of(&app, "#run-invoice-count").await?, "1");
    dismiss_toasts(&app).await?;
    screenshot(&app, "invoice-run-preview").await?;
    click(&app, "#invoice-run-create").await?;
    wait_text(&app, "#invoice-run-summary", "invoices created, for").await?;
    assert_eq!(text_of(&app, "#run-invoice-count").await?, "1");
    // A second preview: nothing left to bill.
    click(&app, "#invoice-run-preview").await?;
    wait_text(&app, "#invoice-run-summary", "Nothing to bill").await?;

    // The invoice, from the contract's schedule.
    click(&app, "#nav-contracts").await?;
    click_xpath(&app, &format!("//tr[@data-reference='{reference}']/td[1]")).await?;
    click(&app, "#contract-schedule tr.billed td").await?;
    let title = wait_text(&app, "#invoice-title", "Invoice FA-").await?;
    let number = title
        .split_whitespace()
        .find(|w| w.starts_with("FA-"))
        .ok_or(format!("no number in {title}"))?
        .to_owned();
    let lines = text_of(&app, "#invoice-lines").await?;
    assert!(lines.contains("Infogérance du parc"), "{lines}");
    let total = text_of(&app, "#invoice-total").await?;
    let totals = text_of(&app, "#invoice-totals").await?;
    assert!(totals.contains("20"), "{totals}");
    dismiss_toasts(&app).await?;
    screenshot(&app, "invoice-detail").await?;

    // Its PDF, saved to Downloads and read back.
    click(&app, "#invoice-save-pdf").await?;
    let path = saved_file(&app, ".pdf").await?;
    let text = Command::new("pdftotext").arg(path).arg("-").output()?;
    let text = String::from_utf8(text.stdout)?;
    assert!(text.contains(&number), "{number} not in the PDF:\n{text}");
    assert!(text.contains("École Montessori du Marais"), "{text}");
    let amount: String = total.chars().filter(|c| c.is_ascii_digit()).collect();
    let pdf_digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    assert!(pdf_digits.contains(&amount), "total {total} not in the PDF");

    // Paid today.
    click(&app, "#invoice-pay").await?;
    click(&app, "#invoice-payment-save").await?;
    wait_text(&app, ".badge.invoice-paid", "Paid").await?;

    // Cancelled by a credit note, which names it.
    click(&app, "#invoice-credit").await?;
    click(&app, "#invoice-credit").await?;
    wait_text(&app, "#invoice-title", "Credit note AV-").await?;
    wait_text(&app, "#invoice-credited", &number).await?;
    let credit_total = text_of(&app, "#invoice-total").await?;
    assert!(credit_total.starts_with('-'), "{credit_total}");
    dismiss_toasts(&app).await?;
    screenshot(&app, "credit-note").await?;
    click(&app, "#invoice-credited").await?;
    wait_text(&app, ".badge.invoice-cancelled", "Cancelled").await?;

    // The client's page lists the contract and both documents.
    click(&app, "#nav-clients").await?;
    click_xpath(&app, "//td[starts-with(., 'École Montessori')]").await?;
    click(&app, "#tab-contracts").await?;
    wait_text(&app, "#contracts-table", &reference).await?;
    click(&app, "#tab-invoices").await?;
    let listed = wait_text(&app, "#invoices-table", &number).await?;
    assert!(listed.contains("AV-"), "{listed}");

    // The invoices list filtered by status.
    click(&app, "#nav-invoices").await?;
    click_xpath(
        &app,
        "//select[@id='invoices-status']/option[@value='paid']",
    )
    .await?;
    // The unfiltered list shows "Paid" too: wait for the filtered one.
    let paid = wait_text_gone(&app, "#invoices-table", "Cancelled").await?;
    assert!(paid.contains("Paid"), "{paid}");
    assert!(
        !paid.contains("Cancelled") && !paid.contains("Draft"),
        "{paid}"
    );
    dismiss_toasts(&app).await?;
    screenshot(&app, "invoices-list").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_technician_reads_contracts_but_not_invoices() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let technician = account(&accounts, "technician")?;
    let app = desktop.launch().await?;
    log_in(&app, &technician.email, &technician.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;
    assert!(
        app.find(fantoccini::Locator::Css("#nav-invoices"))
            .await
            .is_err(),
        "no Invoices section for a technician"
    );
    click(&app, "#nav-contracts").await?;
    wait_text(&app, "#contracts-table", "Acme Logistique").await?;
    assert!(
        app.find(fantoccini::Locator::Css("#new-contract"))
            .await
            .is_err(),
        "a technician cannot create contracts"
    );
    click_xpath(&app, "//tr[td[.='Acme Logistique']]/td[1]").await?;
    // The schedule shows which periods were billed, never their invoices'
    // numbers, statuses or amounts.
    let schedule = wait_text(&app, "#contract-schedule tr.billed", "billed").await?;
    assert!(
        !schedule.contains("FA-") && !schedule.contains('€'),
        "{schedule}"
    );
    assert!(
        app.find(fantoccini::Locator::Css("#contract-edit"))
            .await
            .is_err(),
        "a technician cannot edit a contract"
    );
    click(&app, "#contract-schedule tr.billed td").await?;
    find(&app, "#contract-schedule").await?;
    assert!(
        app.find(fantoccini::Locator::Css("#invoice-title"))
            .await
            .is_err(),
        "a technician cannot open an invoice"
    );
    Ok(())
}
