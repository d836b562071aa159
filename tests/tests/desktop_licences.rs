//! End-to-end: software licences in the real desktop app, on the demo.
//! A manager reads a client's compliance, takes a Windows seat back from a
//! workstation (the bar drops to 2 / 3, the workstation is no longer
//! covered, the client's Windows line asks for a seat to be assigned) and
//! gives it back from the installation's row; gives the one-seat Acrobat
//! licence to a second person (over-allocated, the bar turns red, the
//! client is short) and takes it back; reveals a key. Another test creates
//! a licence through its form, buys seats, renews it, records and imports
//! installations and exports the list (no key in it); a technician sees
//! keys masked with no way to reveal them.

use parc_tests::{
    account, click, click_when_enabled, click_xpath, demo_desktop, dismiss_toasts, find, log_in,
    saved_file, screenshot, set_value, text_of, type_into, wait_text, wait_text_gone,
    wait_text_xpath, TestResult, ONE_AT_A_TIME,
};

/// Opens the licence of `software` at Acme Logistique from the licences list.
async fn open_licence(app: &fantoccini::Client, software: &str) -> TestResult {
    click(app, "#nav-licences").await?;
    // The client page met just before embeds a list with the same ids: the
    // list page's own button says the page has changed.
    find(app, "#open-software").await?;
    wait_text(app, "#licences-table", software).await?;
    type_into(app, "#licences-search", &format!("{software} acme")).await?;
    // Exactly one ("11 results" would hold "1 results" too).
    wait_text_xpath(
        app,
        "//div[@class='pager']/span[@class='count'][normalize-space(.)='1 results']",
        "1 results",
    )
    .await?;
    click_xpath(
        app,
        &format!("//table[@id='licences-table']//td[starts-with(., '{software}')]"),
    )
    .await?;
    wait_text(app, "#licence-name", software).await?;
    Ok(())
}

/// The state of a software's line on the client's compliance tab.
async fn compliance_state(app: &fantoccini::Client, software: &str) -> TestResult<String> {
    click_xpath(app, "//dd/a[.='Acme Logistique']").await?;
    let row = format!("#compliance-table tr[data-software='{software}'] [data-state]");
    Ok(find(app, &row)
        .await?
        .attr("data-state")
        .await?
        .unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread")]
async fn manager_gives_and_takes_back_seats_and_compliance_follows() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    // The list: the over-allocated Microsoft 365 subscription stands out.
    click(&app, "#nav-licences").await?;
    let list = wait_text(&app, "#licences-table", "Microsoft 365").await?;
    assert!(
        list.contains("Over-allocated") && list.contains("Expired"),
        "{list}"
    );
    find(&app, "#licences-table .seat-bar.over").await?;
    screenshot(&app, "licences").await?;

    // Windows at Acme: three seats on three workstations.
    open_licence(&app, "Windows 11 Professionnel").await?;
    find(
        &app,
        "#licence-seats .seat-bar[data-assigned='3'][data-seats='3']",
    )
    .await?;
    assert_eq!(
        compliance_state(&app, "Windows 11 Professionnel").await?,
        "compliant"
    );
    screenshot(&app, "licence-compliance").await?;

    // A seat taken back from a workstation: 2 / 3, that one not covered,
    // and the client has a seat to assign.
    open_licence(&app, "Windows 11 Professionnel").await?;
    click(&app, "#assignments-table button.unassign").await?;
    find(&app, "#licence-seats .seat-bar[data-assigned='2']").await?;
    find(&app, "#covered-table tr[data-covered='false']").await?;
    assert_eq!(
        compliance_state(&app, "Windows 11 Professionnel").await?,
        "to_assign"
    );

    // Given back from the installation's row: 3 / 3, compliant again.
    open_licence(&app, "Windows 11 Professionnel").await?;
    click(
        &app,
        "#covered-table tr[data-covered='false'] button.assign-equipment",
    )
    .await?;
    find(&app, "#licence-seats .seat-bar[data-assigned='3']").await?;
    assert!(app
        .find_all(fantoccini::Locator::Css(
            "#covered-table tr[data-covered='false']"
        ))
        .await?
        .is_empty());
    assert_eq!(
        compliance_state(&app, "Windows 11 Professionnel").await?,
        "compliant"
    );

    // Acrobat, one seat per user: a second person makes it over-allocated.
    open_licence(&app, "Adobe Acrobat Pro").await?;
    find(
        &app,
        "#licence-seats .seat-bar[data-assigned='1'][data-seats='1']",
    )
    .await?;
    assert_eq!(
        find(&app, "h1 [data-state]")
            .await?
            .attr("data-state")
            .await?
            .as_deref(),
        Some("compliant")
    );
    click_xpath(&app, "//select[@id='assign-person']/option[2]").await?;
    click(&app, "#assign-person-save").await?;
    find(&app, "#licence-seats .seat-bar.over[data-assigned='2']").await?;
    wait_text(&app, "#licence-seats", "−1").await?;
    wait_text(&app, "h1", "Over-allocated").await?;
    dismiss_toasts(&app).await?;
    screenshot(&app, "licence-detail").await?;
    assert_eq!(compliance_state(&app, "Adobe Acrobat Pro").await?, "short");

    // Taken back: one seat, one person.
    open_licence(&app, "Adobe Acrobat Pro").await?;
    click_xpath(
        &app,
        "(//table[@id='assignments-table']//button[contains(@class,'unassign')])[last()]",
    )
    .await?;
    find(&app, "#licence-seats .seat-bar[data-assigned='1']").await?;
    wait_text(&app, "h1", "Compliant").await?;

    // The key, masked, revealed to a manager on demand.
    let masked = text_of(&app, "#licence-key").await?;
    assert!(
        masked.starts_with('•') && masked.ends_with("3302"),
        "{masked}"
    );
    click(&app, "#reveal-key").await?;
    wait_text(&app, "#licence-key", "1118-17301-9921-0042-7781-3302").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn manager_creates_buys_renews_records_imports_and_exports() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    // A new software in the catalogue.
    click(&app, "#nav-licences").await?;
    click(&app, "#open-software").await?;
    wait_text(&app, "#software-table", "7-Zip").await?;
    type_into(&app, "#software-form #field-name", "Notepad++").await?;
    type_into(&app, "#software-form #field-publisher", "Don Ho").await?;
    click(&app, "#software-save").await?;
    wait_text(&app, "#software-table", "Notepad++").await?;

    // Installed by hand on a workstation, from its Software tab.
    click(&app, "#nav-clients").await?;
    click_xpath(
        &app,
        "//table[@id='clients-table']//td[.='Acme Logistique']",
    )
    .await?;
    click(&app, "#tab-equipment").await?;
    wait_text(&app, "#equipment-table", "PC-C01-01").await?;
    click_xpath(&app, "//table[@id='equipment-table']//td[.='PC-C01-01']").await?;
    click(&app, "#tab-software").await?;
    wait_text(&app, "#installations-table", "Windows 11 Professionnel").await?;
    // The picker searches the catalogue: only Notepad++ is left to choose.
    type_into(&app, "#software-pick-search", "notepad").await?;
    wait_text_gone(&app, "#field-software_id", "Windows").await?;
    click_xpath(
        &app,
        "//select[@id='field-software_id']/option[starts-with(., 'Notepad++')]",
    )
    .await?;
    type_into(&app, "#field-version", "8.7").await?;
    set_value(&app, "#field-installed_on", "2026-10-02").await?;
    click(&app, "#installation-save").await?;
    wait_text(&app, "#installations-table", "Notepad++").await?;
    screenshot(&app, "equipment-software").await?;

    // Two more found by an inventory file; a bad line first stops it all.
    let csv = desktop.home().join("installs.csv");
    std::fs::write(
        &csv,
        "hostname,software,version\nPC-C01-02,Notepad++,8.7\nPC-NOWHERE,Notepad++,8.7\n",
    )?;
    click(&app, "#nav-licences").await?;
    click(&app, "#open-software").await?;
    click(&app, "#import-installations").await?;
    find(&app, "#import-file")
        .await?
        .send_keys(&csv.display().to_string())
        .await?;
    click_when_enabled(&app, "#import-check").await?;
    wait_text(&app, "#import-errors", "PC-NOWHERE").await?;
    let fixed = desktop.home().join("installs-fixed.csv");
    std::fs::write(
        &fixed,
        "hostname,software,version\nPC-C01-02,Notepad++,8.7\nPORT-C01-01,Notepad++,8.6\n",
    )?;
    find(&app, "#import-file")
        .await?
        .send_keys(&fixed.display().to_string())
        .await?;
    click_when_enabled(&app, "#import-check").await?;
    wait_text(&app, "#import-counts", "2 to create").await?;
    click_when_enabled(&app, "#import-run").await?;
    wait_text(&app, "#import-done", "Import saved").await?;

    // A licence for it: the form refuses a per-device licence without seats.
    click(&app, "#nav-licences").await?;
    click(&app, "#new-licence").await?;
    click_xpath(
        &app,
        "//select[@id='field-software_id']/option[starts-with(., 'Notepad++')]",
    )
    .await?;
    click_xpath(
        &app,
        "//select[@id='field-client_id']/option[.='Acme Logistique']",
    )
    .await?;
    type_into(&app, "#field-licence_key", "NPP-ACME-0001-ZX42").await?;
    set_value(&app, "#field-expires_on", "2027-01-10").await?;
    type_into(&app, "#field-renewal_price", "90,00").await?;
    set_value(&app, "#field-first_lot-purchased_on", "2026-01-10").await?;
    type_into(&app, "#field-first_lot-supplier", "Softshop").await?;
    click(&app, "#licence-save").await?;
    find(&app, ".field.invalid #field-seats").await?;
    type_into(&app, "#field-seats", "2").await?;
    click(&app, "#licence-save").await?;
    wait_text(&app, "#licence-name", "Notepad++").await?;
    find(
        &app,
        "#licence-seats .seat-bar[data-assigned='0'][data-seats='2']",
    )
    .await?;
    assert_eq!(text_of(&app, "#licence-key").await?, "•••-••••-••••-ZX42");

    // Seats for the three workstations: the third is over the two owned.
    for _ in 0..3 {
        let before = app
            .find_all(fantoccini::Locator::Css("#assignments-table tbody tr"))
            .await?
            .len();
        click(&app, "#covered-table button.assign-equipment").await?;
        find(
            &app,
            &format!("#licence-seats .seat-bar[data-assigned='{}']", before + 1),
        )
        .await?;
    }
    wait_text(&app, "h1", "Over-allocated").await?;
    // One more seat bought: 3 / 3.
    set_value(&app, "#field-lot-purchased_on", "2026-11-02").await?;
    type_into(&app, "#field-lot-quantity", "1").await?;
    type_into(&app, "#field-lot-cost", "45,00").await?;
    click(&app, "#lot-save").await?;
    find(
        &app,
        "#licence-seats .seat-bar[data-assigned='3'][data-seats='3']",
    )
    .await?;
    wait_text(&app, "#lots-table", "Softshop").await?;
    // Renewed for a year: a date before the expiry is refused first.
    set_value(&app, "#field-expires_on", "2026-12-01").await?;
    set_value(&app, "#field-renew-purchased_on", "2026-11-20").await?;
    type_into(&app, "#field-renew-quantity", "3").await?;
    click(&app, "#renew-save").await?;
    find(&app, ".field.invalid #field-expires_on").await?;
    set_value(&app, "#field-expires_on", "2028-01-10").await?;
    click(&app, "#renew-save").await?;
    wait_text(&app, "#fact-expiry", "2028").await?;
    wait_text(&app, "#lots-table", "Renewal").await?;
    dismiss_toasts(&app).await?;
    screenshot(&app, "licence-renewed").await?;

    // A person's page (their name in the client's contacts) lists what they use.
    click_xpath(&app, "//dd/a[.='Acme Logistique']").await?;
    click(&app, "#tab-contacts").await?;
    click(&app, "#contacts-table a.open-contact").await?;
    wait_text(&app, "#installations-table", "Notepad++").await?;

    // The export has the licence, never its key.
    click(&app, "#nav-licences").await?;
    click(&app, "#export-licences").await?;
    let exported = std::fs::read_to_string(saved_file(&app, ".csv").await?)?;
    assert!(exported.contains("Notepad++"), "{exported}");
    assert!(
        !exported.contains("NPP-ACME") && !exported.contains("ZX42"),
        "{exported}"
    );
    assert!(!exported.contains("T7301"), "{exported}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_technician_sees_keys_masked_and_cannot_change_licences() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let technician = account(&accounts, "technician")?;
    let app = desktop.launch().await?;
    log_in(&app, &technician.email, &technician.password).await?;
    find(&app, "#nav-licences").await?;
    open_licence(&app, "Windows 11 Professionnel").await?;
    let key = text_of(&app, "#licence-key").await?;
    assert!(key.starts_with('•') && key.ends_with("7301"), "{key}");
    for absent in ["#reveal-key", "#edit-licence", "#lot-form", "#renew-form"] {
        assert!(
            app.find_all(fantoccini::Locator::Css(absent))
                .await?
                .is_empty(),
            "a technician sees {absent}"
        );
    }
    // Seats are field work: a technician gives and takes them back.
    click(&app, "#assignments-table button.unassign").await?;
    find(&app, "#licence-seats .seat-bar[data-assigned='2']").await?;
    Ok(())
}
