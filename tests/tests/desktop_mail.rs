//! End-to-end: the e-mail settings in the real desktop app, against a real
//! SMTP server on 127.0.0.1 (aiosmtpd). A manager sets the server (a bad
//! port refused beside the field), its password goes to the keyring (the
//! page only says one is kept), a test e-mail arrives at the server and is
//! in the log as sent; a template using a placeholder its event lacks is
//! refused, naming it, then saved and put back to Parc's text; with the
//! server down the test e-mail's failure is shown and logged, to retry by hand.

use mail_parser::MessageParser;
use parc_tests::smtp_sink::Sink;
use parc_tests::{
    account, click, demo_desktop, dismiss_toasts, find, log_in, screenshot, scroll_to, text_of,
    type_into, wait_text, TestResult, ONE_AT_A_TIME,
};

#[tokio::test(flavor = "multi_thread")]
async fn manager_sets_the_smtp_server_sends_a_test_and_edits_a_template() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let sink = Sink::start()?;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;
    click(&app, "#nav-settings").await?;
    scroll_to(&app, "#mail-form").await?;

    // The server: a port that is not one is refused beside the field.
    type_into(&app, "#mail-form #field-host", "127.0.0.1").await?;
    type_into(&app, "#mail-form #field-port", "smtp").await?;
    click(&app, "#field-security option[value=none]").await?;
    type_into(
        &app,
        "#mail-form #field-from_address",
        "support@parc-demo.fr",
    )
    .await?;
    type_into(&app, "#mail-form #field-from_name", "Parc Démo Services").await?;
    type_into(&app, "#mail-form #field-password", "relay-secret").await?;
    click(&app, "#mail-save").await?;
    find(&app, "[data-error-for=port]").await?;
    type_into(&app, "#mail-form #field-port", &sink.port.to_string()).await?;
    click(&app, "#mail-save").await?;
    wait_text(&app, ".toast", "Saved").await?;
    dismiss_toasts(&app).await?;
    wait_text(&app, "#mail-form", "A password is kept in the OS keyring").await?;
    let password_box = find(&app, "#mail-form #field-password").await?;
    assert_eq!(password_box.prop("value").await?.as_deref(), Some(""));

    // The test e-mail reaches the server and the log.
    type_into(&app, "#test-mail-to", "claire.martin@parc-demo.fr").await?;
    click(&app, "#send-test-mail").await?;
    wait_text(
        &app,
        ".toast",
        "Test e-mail sent to claire.martin@parc-demo.fr",
    )
    .await?;
    let mails = sink.received();
    assert_eq!(mails.len(), 1);
    let message = MessageParser::default()
        .parse(&mails[0])
        .ok_or("unreadable")?;
    assert_eq!(message.subject(), Some("Parc test e-mail"));
    let to: Vec<String> = message
        .to()
        .map(|to| {
            to.iter()
                .filter_map(|a| a.address().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(to, ["claire.martin@parc-demo.fr"]);
    wait_text(
        &app,
        "#outbox-table tr[data-status=sent]",
        "Parc test e-mail",
    )
    .await?;

    // A template: {invoice} is not a ticket's placeholder.
    scroll_to(&app, "#mail-templates").await?;
    click(&app, "#template-event option[value=ticket_created]").await?;
    click(&app, "#template-language option[value=en]").await?;
    wait_text(&app, "#template-placeholders", "{ticket}").await?;
    type_into(
        &app,
        "#mail-templates #field-subject",
        "Got it: [{ticket}] {invoice}",
    )
    .await?;
    click(&app, "#template-save").await?;
    let refused = text_of(&app, "[data-error-for=subject]").await?;
    assert!(refused.contains("{invoice}"), "{refused}");
    type_into(
        &app,
        "#mail-templates #field-subject",
        "Got it: [{ticket}] {title}",
    )
    .await?;
    click(&app, "#template-save").await?;
    wait_text(&app, ".toast", "Saved").await?;
    dismiss_toasts(&app).await?;
    screenshot(&app, "mail-templates").await?;
    click(&app, "#template-reset").await?;
    find(&app, "#template-default").await?;
    let subject = find(&app, "#mail-templates #field-subject").await?;
    assert_eq!(
        subject.prop("value").await?.as_deref(),
        Some("[{ticket}] {title}")
    );

    // The server gone: the failure is shown, and the mail waits for a retry.
    drop(sink);
    scroll_to(&app, "#mail-form").await?;
    click(&app, "#send-test-mail").await?;
    let failure = text_of(&app, "#test-mail-error").await?;
    assert!(failure.contains("127.0.0.1"), "{failure}");
    let queued = wait_text(
        &app,
        "#outbox-table tr[data-status=failed]",
        "Parc test e-mail",
    )
    .await?;
    assert!(
        queued.contains("Attempts: 1") && queued.contains("127.0.0.1"),
        "{queued}"
    );
    scroll_to(&app, "#outbox").await?;
    screenshot(&app, "mail-settings").await?;
    Ok(())
}
