//! End-to-end: the service desk in the real desktop app. A manager opens
//! the queue (the demo's at-risk VPN ticket in its view), creates a ticket
//! for a printer — the form and then the ticket suggest the technician who
//! has the skill, with the reason — assigns it as suggested, reads why its
//! deadline is what it is, replies, starts the timer (shown in the top
//! bar) and stops it, records an intervention that takes a toner out of
//! the stock, saves its report (read back with pdftotext and rendered to
//! PNG) and finds the visit on the week's planning.

use parc_tests::{
    account, click, click_xpath, demo_desktop, dismiss_toasts, find, log_in, saved_file,
    screenshot, set_value, text_of, tick, type_into, wait_text, wait_text_gone, wait_text_xpath,
    TestResult, ONE_AT_A_TIME,
};
use std::process::Command;

#[tokio::test(flavor = "multi_thread")]
async fn manager_creates_assigns_times_and_reports_a_ticket() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    // The queue: open tickets, the most urgent first; the at-risk view.
    click(&app, "#nav-tickets").await?;
    let queue = wait_text(&app, "#tickets-table", "VPN").await?;
    assert!(queue.contains("Sauvegarde du NAS"), "{queue}");
    assert!(
        queue.contains("left") || queue.contains("late by"),
        "{queue}"
    );
    click(&app, "#view-at_risk").await?;
    // The open view's table stays until the at-risk one arrives.
    // Exactly one ("11 results" would hold "1 results" too).
    wait_text_xpath(
        &app,
        "//div[@class='pager']/span[@class='count'][normalize-space(.)='1 results']",
        "1 results",
    )
    .await?;
    let at_risk = wait_text(&app, "#tickets-table", "VPN").await?;
    assert!(!at_risk.contains("Sauvegarde du NAS"), "{at_risk}");
    click(&app, "#view-open").await?;
    wait_text(&app, "#tickets-table", "Sauvegarde du NAS").await?;
    dismiss_toasts(&app).await?;
    screenshot(&app, "ticket-queue").await?;

    // A new ticket: the printer category suggests Emma (printing, level 3).
    click(&app, "#new-ticket").await?;
    click_xpath(
        &app,
        "//select[@id='field-client_id']/option[starts-with(., 'Acme Logistique')]",
    )
    .await?;
    click_xpath(
        &app,
        "//select[@id='field-category_id']/option[.='Imprimantes']",
    )
    .await?;
    let suggested = wait_text(&app, "#form-suggestion", "Emma Petit").await?;
    assert!(suggested.contains("Impression"), "{suggested}");
    type_into(
        &app,
        "#field-title",
        "Bourrage papier sur le copieur de l'accueil",
    )
    .await?;
    click_xpath(&app, "//select[@id='field-priority']/option[@value='high']").await?;
    click_xpath(&app, "//select[@id='field-equipment_id']/option[2]").await?;
    screenshot(&app, "ticket-form").await?;
    click(&app, "#save-ticket").await?;
    let heading = wait_text(&app, "h1", "Bourrage papier").await?;
    let reference = heading
        .split_whitespace()
        .find(|w| w.starts_with('T') && w[1..].chars().all(|c| c.is_ascii_digit()))
        .ok_or(format!("no reference in {heading}"))?
        .to_owned();

    // The suggestion, with why; assigned as suggested.
    let reason = text_of(&app, "#suggestion-reason").await?;
    assert!(
        reason.contains("Impression") && reason.contains("open tickets"),
        "{reason}"
    );
    assert_eq!(text_of(&app, "#suggested-name").await?, "Emma Petit");
    click(&app, "#assign-suggested").await?;
    wait_text(&app, "#ticket-badges", "Assigned").await?;
    // Why the resolution deadline is what it is.
    let why = wait_text(&app, "#sla-resolution", "left, counted in business hours").await?;
    assert!(why.contains("Heures ouvrées"), "{why}");

    // A reply to the client, then the timer: in the top bar, then stopped.
    type_into(&app, "#reply-body", "Nous passons dans l'heure.").await?;
    click(&app, "#send-reply").await?;
    wait_text(&app, "#conversation", "Nous passons dans l'heure.").await?;
    wait_text(&app, "#sla-first-response", "Met").await?;
    click(&app, "#start-timer").await?;
    wait_text(&app, "#top-timer", &reference).await?;
    dismiss_toasts(&app).await?;
    screenshot(&app, "ticket-detail").await?;
    click(&app, "#stop-timer").await?;
    wait_text(&app, ".toast", "Time logged").await?;
    wait_text(&app, "#time-entries", "Billable").await?;
    assert!(app
        .find(fantoccini::Locator::Css("#top-timer"))
        .await
        .is_err());

    // An intervention answering it, a toner taken out of the stock.
    click(&app, "#new-intervention").await?;
    wait_text(&app, "#intervention-ticket", &reference).await?;
    let today = chrono::Local::now().date_naive();
    set_value(&app, "#field-actual_start", &format!("{today}T10:00")).await?;
    set_value(&app, "#field-actual_end", &format!("{today}T11:15")).await?;
    type_into(
        &app,
        "#field-work_done",
        "Rouleau d'entraînement nettoyé, toner remplacé.",
    )
    .await?;
    screenshot(&app, "intervention-form").await?;
    click(&app, "#save-intervention").await?;
    let title = wait_text(&app, "h1", "INT").await?;
    let intervention = title
        .split_whitespace()
        .find(|w| w.starts_with("INT"))
        .ok_or(format!("no reference in {title}"))?
        .to_owned();
    // Local times are the company's (Europe/Paris), as typed.
    wait_text(&app, "#intervention-carried-out", "10:00").await?;
    assert!(text_of(&app, "#intervention-carried-out")
        .await?
        .contains("11:15"));
    assert_eq!(text_of(&app, "#intervention-time").await?, "1 h 15");
    click_xpath(
        &app,
        "//select[@id='use-part']/option[starts-with(., 'Toner noir')]",
    )
    .await?;
    click(&app, "#use-part-submit").await?;
    wait_text(&app, "#parts-used", "TN423BK").await?;
    // More than the stock holds is refused, with the figure.
    type_into(&app, "#use-part-quantity", "99").await?;
    click(&app, "#use-part-submit").await?;
    wait_text(&app, "#use-part-error", "in stock").await?;
    dismiss_toasts(&app).await?;
    screenshot(&app, "intervention-detail").await?;

    // The report, saved and read back.
    click(&app, "#save-report").await?;
    let path = saved_file(&app, ".pdf").await?;
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()?;
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        intervention.as_str(),
        reference.as_str(),
        "Acme Logistique",
        "Toner noir TN-423BK",
        "Rouleau d'entraînement nettoyé",
        "1 h 15",
        "10:00",
        "Parc Démo Services",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the report:\n{text}"
        );
    }
    if let Some(dir) = std::env::var_os("PARC_SCREENSHOTS") {
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&path)
            .arg(std::path::Path::new(&dir).join("intervention-report"))
            .status()?;
        assert!(status.success());
    }

    // Time typed by hand on the intervention: a bad duration named, then
    // 45 minutes, which now make its time spent.
    type_into(&app, "#time-duration", "beaucoup").await?;
    click(&app, "#log-time").await?;
    find(&app, "#time-error").await?;
    type_into(&app, "#time-duration", "0:45").await?;
    click(&app, "#log-time").await?;
    wait_text(&app, "#time-entries", "45 min").await?;
    wait_text(&app, "#intervention-time", "45 min").await?;

    // The demo's visit of the next working day is on the week's planning.
    dismiss_toasts(&app).await?;
    click(&app, "#nav-planning").await?;
    find(&app, "#planning-grid").await?;
    // The next working day may be in next week.
    let mut visit_day = today + chrono::Days::new(1);
    while matches!(
        chrono::Datelike::weekday(&visit_day),
        chrono::Weekday::Sat | chrono::Weekday::Sun
    ) {
        visit_day = visit_day + chrono::Days::new(1);
    }
    if chrono::Datelike::weekday(&visit_day) == chrono::Weekday::Mon {
        click(&app, "#week-next").await?;
    }
    let grid = wait_text(&app, "#planning-grid", "Emma Petit").await?;
    assert!(grid.contains("INT000001"), "{grid}");
    screenshot(&app, "planning").await?;

    // Handed over to Lucas and moved to the afternoon, from the planning.
    click(&app, "div.visit[data-reference='INT000001']").await?;
    find(&app, "#planning-editor").await?;
    click_xpath(
        &app,
        "//form[@id='planning-editor']//select[@id='field-technician_id']/option[.='Lucas Bernard']",
    )
    .await?;
    set_value(&app, "#edit-start", &format!("{visit_day}T14:00")).await?;
    set_value(&app, "#edit-end", &format!("{visit_day}T16:00")).await?;
    click(&app, "#save-planning").await?;
    // Another visit may show 14:00 already: wait for this one, in his row.
    wait_text_xpath(
        &app,
        "//tr[th//div[.='Lucas Bernard']]//div[@data-reference='INT000001']",
        "14:00",
    )
    .await?;
    assert!(app
        .find(fantoccini::Locator::XPath(
            "//tr[th//div[.='Emma Petit']]//div[@data-reference='INT000001']",
        ))
        .await
        .is_err());
    screenshot(&app, "planning-moved").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn manager_sets_up_skills_sla_and_auto_assignment() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    // A new skill, and Lucas made an expert in it; a category needing it.
    click(&app, "#nav-technicians").await?;
    wait_text(&app, "#technicians-table", "Lucas Bernard").await?;
    type_into(&app, "#new-skill", "Téléphonie").await?;
    click(&app, "#skill-form button").await?;
    wait_text(&app, "#skills-list", "Téléphonie").await?;
    type_into(&app, "#new-category", "Téléphones IP").await?;
    click_xpath(
        &app,
        "//select[@id='new-category-skill']/option[.='Téléphonie']",
    )
    .await?;
    click(&app, "#category-form button").await?;
    wait_text(&app, "#categories-list", "Téléphones IP").await?;
    click_xpath(&app, "//tr[@data-name='Lucas Bernard']//button").await?;
    type_into(&app, "#field-weekly_hours", "beaucoup").await?;
    click_xpath(
        &app,
        "//table[@id='skill-levels']//tr[td[.='Téléphonie']]//select/option[@value='3']",
    )
    .await?;
    click(&app, "#save-technician").await?;
    find(&app, "[data-error-for='weekly_hours']").await?;
    type_into(&app, "#field-weekly_hours", "32").await?;
    click(&app, "#save-technician").await?;
    let row = wait_text(&app, "tr[data-name='Lucas Bernard']", "Téléphonie · 3").await?;
    assert!(row.contains("32"), "{row}");
    dismiss_toasts(&app).await?;
    screenshot(&app, "technicians").await?;

    // Settings: auto-assignment on; the SLA matrix refuses a bad cell.
    click(&app, "#nav-settings").await?;
    tick(&app, "#field-auto_assign").await?;
    click(&app, "#desk-save").await?;
    wait_text(&app, ".toast", "Saved").await?;
    dismiss_toasts(&app).await?;
    type_into(&app, "#sla-0-resolution", "bientôt").await?;
    click(&app, "#sla-save").await?;
    find(&app, "[data-error-for='matrix[0].resolution']").await?;
    type_into(&app, "#sla-0-resolution", "48").await?;
    type_into(
        &app,
        "#field-footer_text",
        "Parc Démo Services — 01 23 45 67 89",
    )
    .await?;
    click(&app, "#report-layout-save").await?;
    click(&app, "#sla-save").await?;
    wait_text(&app, ".toast", "Saved").await?;
    dismiss_toasts(&app).await?;
    screenshot(&app, "settings-sla").await?;

    // A phone ticket now goes to Lucas at once.
    click(&app, "#nav-tickets").await?;
    click(&app, "#new-ticket").await?;
    click_xpath(
        &app,
        "//select[@id='field-client_id']/option[starts-with(., 'Boulangeries Fournier')]",
    )
    .await?;
    click_xpath(
        &app,
        "//select[@id='field-category_id']/option[.='Téléphones IP']",
    )
    .await?;
    wait_text(&app, "#form-suggestion", "Lucas Bernard").await?;
    type_into(
        &app,
        "#field-title",
        "Plus de tonalité sur le poste de la caisse",
    )
    .await?;
    click(&app, "#save-ticket").await?;
    wait_text(&app, "h1", "Plus de tonalité").await?;
    wait_text(&app, "#ticket-badges", "Assigned").await?;
    // The technicians behind the select load apart from the ticket.
    wait_text(&app, "#assignee", "Lucas Bernard").await?;
    let assignee = app
        .execute(
            "const s = document.querySelector('#assignee'); return s.options[s.selectedIndex].text;",
            vec![],
        )
        .await?;
    assert!(
        assignee
            .as_str()
            .is_some_and(|t| t.starts_with("Lucas Bernard")),
        "{assignee:?}"
    );
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_technicians_timer_survives_a_restart() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let lucas = accounts
        .iter()
        .find(|a| a.email.starts_with("lucas.bernard"))
        .ok_or("no Lucas in the demo accounts")?;
    let app = desktop.launch().await?;
    log_in(&app, &lucas.email, &lucas.password).await?;
    wait_text(&app, "#user-name", "Lucas Bernard").await?;

    // His own queue: the VPN outage and the access request, not the others'.
    click(&app, "#nav-tickets").await?;
    click(&app, "#view-mine").await?;
    // The open view's table stays until his own arrives.
    let mine = wait_text_gone(&app, "#tickets-table", "Sauvegarde du NAS").await?;
    assert!(mine.contains("VPN"), "{mine}");
    assert!(mine.contains("Accès au partage RH"), "{mine}");
    assert!(!mine.contains("Sauvegarde du NAS"), "{mine}");
    click_xpath(&app, "//table[@id='tickets-table']//td[contains(., 'VPN')]").await?;
    wait_text(&app, "h1", "VPN").await?;
    click(&app, "#start-timer").await?;
    let timer = wait_text(&app, "#top-timer", "T0000").await?;
    app.close().await?;

    // Started again, logged in again: the timer still runs, on that ticket.
    let app = desktop.launch().await?;
    log_in(&app, &lucas.email, &lucas.password).await?;
    let again = wait_text(&app, "#top-timer", "T0000").await?;
    assert_eq!(
        again.split_whitespace().next(),
        timer.split_whitespace().next(),
        "the same ticket"
    );
    click(&app, "#top-timer-item").await?;
    wait_text(&app, "h1", "VPN").await?;
    click(&app, "#top-timer-stop").await?;
    wait_text(&app, ".toast", "Time logged").await?;
    wait_text(&app, "#time-entries", "Lucas Bernard").await?;
    // A technician does not see the desk's settings.
    click(&app, "#nav-settings").await?;
    find(&app, "#settings-lang-fr").await?;
    assert!(app
        .find(fantoccini::Locator::Css("#sla-form"))
        .await
        .is_err());
    app.close().await?;
    Ok(())
}
