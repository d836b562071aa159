//! End-to-end: the alert centre in the real desktop app, on the demo. The
//! app scans at start-up; the sidebar's badge counts the open alerts. A
//! manager filters by rule, acknowledges the Microsoft 365 licence's alert
//! (the badge drops by one, the alert moves to the acknowledged view),
//! snoozes ESET's (a day in the past refused beside the date, then three
//! days: out of the open view, in the snoozed one), opens a contract's
//! alert on its contract, and sets the warranty rule's thresholds (a word
//! refused, then "60, 14" kept). A technician acknowledges too, but has no
//! rules to change, and reads one client's alerts.

use parc_tests::{
    account, click, click_xpath, demo_desktop, dismiss_toasts, find, log_in, screenshot, set_value,
    text_of, type_into, wait_text, wait_text_gone, TestResult, ONE_AT_A_TIME,
};

async fn badge(app: &fantoccini::Client) -> TestResult<u64> {
    Ok(text_of(app, "#alerts-badge").await?.trim().parse()?)
}

/// Waits for the badge to show `expected`.
async fn wait_badge(app: &fantoccini::Client, expected: u64) -> TestResult {
    let started = std::time::Instant::now();
    loop {
        let shown = badge(app).await.unwrap_or_default();
        if shown == expected {
            return Ok(());
        }
        if started.elapsed() > std::time::Duration::from_secs(15) {
            let screen = parc_tests::on_screen(app).await;
            return Err(format!("the badge shows {shown}, not {expected}; {screen}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Waits for the list to count exactly `expected` alerts.
async fn wait_count(app: &fantoccini::Client, expected: u64) -> TestResult {
    let started = std::time::Instant::now();
    loop {
        let shown = text_of(app, ".pager .count").await.unwrap_or_default();
        if shown.split_whitespace().next() == Some(expected.to_string().as_str()) {
            return Ok(());
        }
        if started.elapsed() > std::time::Duration::from_secs(15) {
            let screen = parc_tests::on_screen(app).await;
            return Err(format!("the list counts {shown:?}, not {expected}; {screen}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

fn row_button(title: &str, class: &str) -> String {
    format!(
        "//table[@id='alerts-table']//tr[td[contains(., '{title}')]]//button[contains(@class, '{class}')]"
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn manager_acknowledges_snoozes_opens_and_sets_rules() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    // The start-up scan raised the demo's alerts: the badge counts them.
    find(&app, "#alerts-badge").await?;
    let open = badge(&app).await?;
    assert!(open > 10, "{open} open alerts");
    click(&app, "#nav-alerts").await?;
    wait_count(&app, open).await?;
    screenshot(&app, "alerts").await?;

    // The licences expiring.
    click(&app, "#alerts-rule option[value=licence_expiry]").await?;
    wait_count(&app, 2).await?;
    let licences = text_of(&app, "#alerts-table").await?;
    assert!(
        licences.contains("Microsoft 365") && licences.contains("ESET"),
        "{licences}"
    );

    // Acknowledged: gone from the open view, the badge one less.
    click_xpath(&app, &row_button("Microsoft 365", "acknowledge")).await?;
    wait_text_gone(&app, "#alerts-table", "Microsoft 365").await?;
    wait_badge(&app, open - 1).await?;

    // Snoozed: a day in the past is refused beside the date; three days on
    // it leaves the open view for the snoozed one.
    click_xpath(&app, &row_button("ESET", "snooze")).await?;
    let today = chrono::Local::now().date_naive();
    set_value(&app, "#snooze-until", &today.to_string()).await?;
    click(&app, "#snooze-confirm").await?;
    find(&app, "#snooze-error").await?;
    let later = today + chrono::Days::new(3);
    set_value(&app, "#snooze-until", &later.to_string()).await?;
    click(&app, "#snooze-confirm").await?;
    wait_badge(&app, open - 2).await?;
    click(&app, "#alerts-view option[value=snoozed]").await?;
    // The open view, ESET in it, stays until the snoozed one arrives.
    let snoozed = wait_text(&app, "#alerts-table", "Snoozed until").await?;
    assert!(snoozed.contains("ESET"), "{snoozed}");
    click(&app, "#alerts-view option[value=acknowledged]").await?;
    wait_text(&app, "#alerts-table", "Microsoft 365").await?;

    // An alert opens its item: the contract in its notice period.
    click(&app, "#alerts-view option[value=open]").await?;
    click(&app, "#alerts-rule option[value=contract_end]").await?;
    // The acknowledged licence view (one result too) stays until this one arrives.
    wait_text_gone(&app, "#alerts-table", "Microsoft 365").await?;
    wait_count(&app, 1).await?;
    click(&app, "#alerts-table .alert-item").await?;
    wait_text(&app, "h1", "CT00003").await?;

    // The rules: a word is not a number of days; "60, 14" is kept.
    click(&app, "#nav-settings").await?;
    let thresholds = "#alert-rules tr[data-rule=warranty_end] .rule-thresholds";
    find(&app, thresholds).await?;
    app.execute(
        "document.querySelector('#alert-rules').scrollIntoView()",
        vec![],
    )
    .await?;
    screenshot(&app, "alert-rules").await?;
    type_into(&app, thresholds, "60, soon").await?;
    click(&app, "#alert-rules tr[data-rule=warranty_end] .rule-save").await?;
    find(&app, "#alert-rules tr[data-rule=warranty_end] .rule-error").await?;
    type_into(&app, thresholds, "14, 60").await?;
    click(&app, "#alert-rules tr[data-rule=warranty_end] .rule-save").await?;
    wait_text(&app, ".toast", "Saved").await?;
    dismiss_toasts(&app).await?;
    click(&app, "#nav-alerts").await?;
    find(&app, "#alerts-table").await?;
    click(&app, "#nav-settings").await?;
    let kept = find(&app, thresholds).await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some("60, 14"));
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_technician_acknowledges_but_sets_no_rules() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let technician = account(&accounts, "technician")?;
    let app = desktop.launch().await?;
    log_in(&app, &technician.email, &technician.password).await?;
    find(&app, "#alerts-badge").await?;
    let open = badge(&app).await?;
    click(&app, "#nav-alerts").await?;
    // One client's alerts only.
    click_xpath(
        &app,
        "//select[@id='alerts-client']/option[.='Cabinet Vidal Avocats']",
    )
    .await?;
    wait_text(&app, "#alerts-table", "Cabinet Vidal Avocats").await?;
    let started = std::time::Instant::now();
    loop {
        let clients = app
            .find_all(fantoccini::Locator::Css(
                "#alerts-table tbody td:nth-child(4)",
            ))
            .await?;
        let mut names = Vec::new();
        for cell in clients {
            names.push(cell.text().await?);
        }
        if !names.is_empty() && names.iter().all(|n| n == "Cabinet Vidal Avocats") {
            break;
        }
        assert!(started.elapsed().as_secs() < 15, "{names:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    click(&app, "#alerts-client option[value='']").await?;
    click(&app, "#alerts-rule option[value=low_stock]").await?;
    wait_count(&app, 1).await?;
    click(&app, "#alerts-table button.acknowledge").await?;
    wait_badge(&app, open - 1).await?;
    click(&app, "#nav-settings").await?;
    find(&app, "#settings-lang-en").await?;
    assert!(
        app.find(fantoccini::Locator::Css("#alert-rules"))
            .await
            .is_err(),
        "a technician has no alert rules to change"
    );
    Ok(())
}
