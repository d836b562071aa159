//! End-to-end: files saved to Downloads in the real desktop app. With the
//! invoices numbered `FA/…` (a prefix holding a slash), a finalised
//! invoice's PDF saves (under a name with no slash, read back with
//! pdftotext); saved twice in a row, it lands twice, whole, the first file
//! never replaced.

use parc_tests::{
    account, click, click_xpath, demo_desktop, dismiss_toasts, log_in, saved_file, type_into,
    wait_text, TestResult, ONE_AT_A_TIME,
};
use std::path::Path;
use std::process::Command;

fn pdf_text(path: &Path) -> TestResult<String> {
    Ok(String::from_utf8(
        Command::new("pdftotext")
            .arg(path)
            .arg("-")
            .output()?
            .stdout,
    )?)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invoice_numbered_with_a_slash_saves_and_saving_again_replaces_nothing() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    // Invoices numbered FA/2026-…
    click(&app, "#nav-settings").await?;
    click(&app, "#settings-toc [data-to='numbering-card']").await?;
    let invoices = "#numbering-table tbody[data-code='invoice']";
    type_into(&app, &format!("{invoices} input[name=prefix]"), "FA/").await?;
    wait_text(&app, &format!("{invoices} .preview"), "FA/").await?;
    click(&app, &format!("{invoices} .save-sequence")).await?;
    wait_text(&app, ".toast", "Saved").await?;
    dismiss_toasts(&app).await?;

    // A draft, finalised: it takes the new prefix.
    click(&app, "#nav-invoices").await?;
    click(&app, "#new-invoice").await?;
    click_xpath(
        &app,
        "//select[@id='field-client_id']/option[starts-with(., 'Garage Lambert')]",
    )
    .await?;
    type_into(&app, "#line-0-description", "Diagnostic du réseau").await?;
    type_into(&app, "#line-0-quantity", "1").await?;
    type_into(&app, "#line-0-unit_price", "90").await?;
    click(&app, "#invoice-save").await?;
    wait_text(&app, "#invoice-title", "Draft").await?;
    click(&app, "#invoice-finalise").await?;
    click(&app, "#invoice-finalise").await?;
    let title = wait_text(&app, "#invoice-title", "Invoice FA/").await?;
    let number = title
        .split_whitespace()
        .find(|w| w.starts_with("FA/"))
        .ok_or(format!("no number in {title}"))?
        .to_owned();
    dismiss_toasts(&app).await?;

    // Its PDF saves to Downloads, the slash made a dash.
    let downloads = desktop.home().join("Downloads");
    click(&app, "#invoice-save-pdf").await?;
    let first = saved_file(&app, ".pdf").await?;
    assert_eq!(first.parent(), Some(downloads.as_path()), "{first:?}");
    let name = first
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("no name")?
        .to_owned();
    assert!(
        name.starts_with(&format!("parc-{}-", number.replace('/', "-"))),
        "{name}"
    );
    assert!(pdf_text(&first)?.contains(&number), "{number} in {name}");
    let first_bytes = std::fs::read(&first)?;

    // Saved again (the same second or not): a second file, the first kept.
    dismiss_toasts(&app).await?;
    click(&app, "#invoice-save-pdf").await?;
    let second = saved_file(&app, ".pdf").await?;
    assert_ne!(second, first);
    assert!(pdf_text(&second)?.contains(&number));
    assert_eq!(
        std::fs::read(&first)?,
        first_bytes,
        "the first file is whole"
    );
    let mut in_downloads: Vec<String> = std::fs::read_dir(&downloads)?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    in_downloads.sort();
    assert_eq!(in_downloads.len(), 2, "no .part left: {in_downloads:?}");
    Ok(())
}
