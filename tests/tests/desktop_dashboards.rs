//! End-to-end: the dashboards in the real desktop app, on the demo. A
//! manager's tiles each open the list behind them, and the list counts what
//! the tile said; the charts switch to a table of their numbers; the
//! dashboard is photographed in the light and the dark theme. A technician's
//! "My day" lists their own tickets (the tile opens the same list) and has
//! no manager dashboard. The statistics page narrows to a client, refuses a
//! period that ends before it starts beside the field, and writes the
//! client's activity report as a PDF (read back with pdftotext) and a CSV,
//! and its own figures as a CSV.

use parc_tests::{
    account, click, click_xpath, demo_desktop, dismiss_toasts, find, log_in, saved_file,
    screenshot, scroll_to, set_value, text_of, wait_text, TestResult, ONE_AT_A_TIME,
};
use std::process::Command;

/// Waits until the list's pager counts exactly `count` results.
async fn wait_count(app: &fantoccini::Client, count: &str) -> TestResult {
    let expected = format!("{count} results");
    for _ in 0..150 {
        if let Ok(found) = app.find(fantoccini::Locator::Css(".pager .count")).await {
            if found.text().await.unwrap_or_default() == expected {
                return Ok(());
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("the list never counted {expected}").into())
}

/// The big figure of a tile.
async fn tile_value(app: &fantoccini::Client, id: &str) -> TestResult<String> {
    text_of(app, &format!("#{id} .tile-value")).await
}

/// The theme the top bar's switch says is chosen.
async fn current_theme(app: &fantoccini::Client) -> TestResult<String> {
    Ok(find(app, "#theme-switch")
        .await?
        .attr("data-theme")
        .await?
        .unwrap_or_default())
}

/// Switches the theme until the document says `theme` (each click waits
/// for the switch to change), and checks the page took its background.
async fn choose_theme(app: &fantoccini::Client, theme: &str, background: &str) -> TestResult {
    for _ in 0..3 {
        let before = current_theme(app).await?;
        if before == theme {
            break;
        }
        click(app, "#theme-switch").await?;
        let mut waited = 0;
        while current_theme(app).await? == before {
            waited += 1;
            if waited > 50 {
                return Err("the theme switch did not change".into());
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    let seen = app
        .execute(
            "return [document.documentElement.dataset.theme, \
                     getComputedStyle(document.body).backgroundColor].join(' ')",
            vec![],
        )
        .await?;
    assert_eq!(
        seen.as_str(),
        Some(format!("{theme} {background}").as_str())
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn manager_dashboard_tiles_open_what_they_count_in_both_themes() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    // A manager lands on the Dashboard, and the address bar says so.
    find(&app, "#manager-dashboard #tile-open").await?;
    assert!(app.current_url().await?.as_str().ends_with("#/dashboard"));
    // Every chart is drawn, and reads as a table on demand: 12 weeks.
    for chart in [
        "#chart-backlog",
        "#chart-revenue",
        "#chart-time",
        "#chart-load",
    ] {
        find(&app, &format!("{chart} svg")).await?;
    }
    assert!(!app
        .find_all(fantoccini::Locator::Css("#chart-backlog svg rect"))
        .await?
        .is_empty());
    click(&app, "#chart-backlog .chart-switch").await?;
    find(&app, "#chart-backlog table").await?;
    let weeks = app
        .find_all(fantoccini::Locator::Css("#chart-backlog table tbody tr"))
        .await?;
    assert_eq!(weeks.len(), 12);
    click(&app, "#chart-backlog .chart-switch").await?;
    find(&app, "#chart-backlog svg").await?;

    choose_theme(&app, "light", "rgb(246, 247, 249)").await?;
    screenshot(&app, "dashboard-manager-light").await?;
    choose_theme(&app, "dark", "rgb(15, 17, 21)").await?;
    screenshot(&app, "dashboard-manager-dark").await?;
    choose_theme(&app, "light", "rgb(246, 247, 249)").await?;
    scroll_to(&app, "#chart-load").await?;
    screenshot(&app, "dashboard-manager-charts").await?;

    // Open tickets: the queue counts what the tile said.
    let open = tile_value(&app, "tile-open").await?;
    click(&app, "#tile-open").await?;
    wait_count(&app, &open.to_string()).await?;

    // Unpaid invoices: as many in the list as the tile's detail says.
    click(&app, "#nav-dashboard").await?;
    let detail = text_of(&app, "#tile-unpaid .tile-detail").await?;
    let unpaid = detail
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert_ne!(unpaid, "0", "the demo has an unpaid invoice");
    click(&app, "#tile-unpaid").await?;
    wait_count(&app, &unpaid).await?;

    // Warranties ending within 90 days: the equipment list's total.
    click(&app, "#nav-dashboard").await?;
    let cell = "#ending-warranties td[data-days='90'] a";
    let warranties = text_of(&app, cell).await?;
    assert_ne!(warranties, "0", "the demo has warranties ending");
    click(&app, cell).await?;
    wait_text(&app, "#equipment-count", &format!("/ {warranties} results")).await?;

    // A cell of the priority × SLA table: the queue narrowed to both.
    click(&app, "#nav-dashboard").await?;
    let link = find(&app, "#open-matrix a.cell-link").await?;
    let count = link.text().await?;
    link.click().await?;
    wait_count(&app, &count.to_string()).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_technicians_day_lists_their_own_work() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let technician = account(&accounts, "technician")?;
    let app = desktop.launch().await?;
    log_in(&app, &technician.email, &technician.password).await?;
    // A technician lands on My day.
    find(&app, "#my-day #tile-my-tickets").await?;
    assert!(app.current_url().await?.as_str().ends_with("#/my-day"));
    assert!(
        app.find_all(fantoccini::Locator::Css("#nav-dashboard"))
            .await?
            .is_empty(),
        "the manager dashboard is not a technician's"
    );

    click(&app, "#nav-my-day").await?;
    find(&app, "#my-day #tile-my-tickets").await?;
    let mine: usize = tile_value(&app, "tile-my-tickets").await?.parse()?;
    let rows = app
        .find_all(fantoccini::Locator::Css("#my-tickets tr"))
        .await?;
    assert_eq!(rows.len(), mine.min(8));
    choose_theme(&app, "light", "rgb(246, 247, 249)").await?;
    screenshot(&app, "dashboard-technician-light").await?;
    choose_theme(&app, "dark", "rgb(15, 17, 21)").await?;
    screenshot(&app, "dashboard-technician-dark").await?;
    choose_theme(&app, "light", "rgb(246, 247, 249)").await?;

    click(&app, "#tile-my-tickets").await?;
    wait_count(&app, &mine.to_string()).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn statistics_narrow_to_a_client_and_write_its_activity_report() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    click(&app, "#nav-dashboard").await?;
    click(&app, "#open-statistics").await?;
    find(&app, "#statistics-tiles").await?;
    click_xpath(
        &app,
        "//select[@id='stat-client']/option[.='Acme Logistique']",
    )
    .await?;
    find(&app, "#activity-pdf").await?;

    // A period that ends before it starts is refused beside its field.
    set_value(&app, "#stat-to", "2020-01-01").await?;
    wait_text(&app, "[data-error-for='stat-to']", "before").await?;
    set_value(&app, "#stat-to", "2026-12-31").await?;
    set_value(&app, "#stat-from", "2026-01-01").await?;
    find(&app, "#statistics-tiles").await?;
    screenshot(&app, "statistics").await?;

    // The activity report: a PDF naming the client and its tickets.
    click(&app, "#activity-pdf").await?;
    let pdf = saved_file(&app, ".pdf").await?;
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output()?;
    let text = String::from_utf8(text.stdout)?;
    assert!(text.contains("Acme Logistique"), "{text}");
    assert!(text.contains("T000001"), "{text}");
    dismiss_toasts(&app).await?;

    click(&app, "#activity-csv").await?;
    let csv = std::fs::read_to_string(saved_file(&app, ".csv").await?)?;
    assert!(
        csv.contains("Acme Logistique") && csv.contains("T000001"),
        "{csv}"
    );
    dismiss_toasts(&app).await?;

    click(&app, "#export-statistics").await?;
    let csv = std::fs::read_to_string(saved_file(&app, ".csv").await?)?;
    assert!(csv.lines().count() > 10, "{csv}");
    Ok(())
}
