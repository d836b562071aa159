//! End-to-end: two-step sign-in on the real desktop app. The manager sets
//! it up in Settings (the secret read off the screen, its codes computed as
//! an authenticator app would), keeps the recovery codes, is then asked a
//! code after the password (a wrong one refused with a message, a recovery
//! code accepted once, a code from the app accepted); turns the company
//! rule on, so a new manager is held on the enrolment screen until they set
//! theirs up; and resets that manager's second factor from Users.

use chrono::Utc;
use parc_core::auth::totp;
use parc_tests::{
    account, choose, click, click_xpath, demo_desktop, dismiss_toasts, find, log_in, screenshot,
    text_of, tick, type_into, wait_text, TestResult, ONE_AT_A_TIME,
};

/// An authenticator app for one secret: the code it shows, never one of a
/// step already spent (Parc takes each step's code once).
struct Authenticator {
    secret: String,
    last_step: i64,
}

impl Authenticator {
    fn new(secret: &str) -> Self {
        Authenticator {
            secret: secret.trim().to_owned(),
            last_step: i64::MIN,
        }
    }

    /// The code of a phone whose clock is `drift` steps off (Parc allows
    /// one either way), never one of a step already spent.
    fn drifted(&mut self, drift: i64) -> TestResult<String> {
        let step = totp::step_at(Utc::now()) + drift;
        assert!(step > self.last_step, "a step already spent");
        self.last_step = step;
        Ok(totp::code_for_step(&self.secret, step)?)
    }

    /// The code of the current step, or of the next one while the current
    /// one is spent (Parc allows one step of drift). Two sign-ins within
    /// one step wait for the app's next code, as a person would.
    async fn code(&mut self) -> TestResult<String> {
        loop {
            let now = totp::step_at(Utc::now());
            let step = now.max(self.last_step.saturating_add(1));
            if step <= now + 1 {
                self.last_step = step;
                return Ok(totp::code_for_step(&self.secret, step)?);
            }
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
    }
}

/// Sets up the signed-in person's second factor from the card on screen:
/// the secret it showed and the recovery codes it gave.
async fn enrol_on_screen(app: &fantoccini::Client) -> TestResult<(Authenticator, Vec<String>)> {
    click(app, "#second-factor-begin").await?;
    let secret = wait_text(app, "#second-factor-secret", "").await?;
    assert!(
        secret.trim().len() >= 32,
        "a 160-bit base32 secret: {secret:?}"
    );
    find(app, "#second-factor-qr").await?;
    let mut phone = Authenticator::new(&secret);
    type_into(app, "#second-factor-code", &phone.code().await?).await?;
    click(app, "#second-factor-confirm").await?;
    Ok((phone, recovery_codes_shown(app).await?))
}

/// The recovery codes on screen, one per line of the list.
async fn recovery_codes_shown(app: &fantoccini::Client) -> TestResult<Vec<String>> {
    find(app, "#recovery-codes li").await?;
    let mut codes = Vec::new();
    for item in app
        .find_all(fantoccini::Locator::Css("#recovery-codes li"))
        .await?
    {
        codes.push(item.text().await?.trim().to_owned());
    }
    assert!(codes.len() >= 8, "recovery codes shown: {codes:?}");
    Ok(codes)
}

async fn log_out(app: &fantoccini::Client) -> TestResult {
    click(app, "#logout").await?;
    find(app, "#login-submit").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_manager_signs_in_in_two_steps_and_requires_it_of_managers() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    find(&app, "#user-name").await?;

    // Set up in Settings: the QR code and the secret, a first code, the
    // recovery codes shown once.
    click(&app, "#nav-settings").await?;
    find(&app, "#second-factor-begin").await?;
    click(&app, "#second-factor-begin").await?;
    find(&app, "#second-factor-qr").await?;
    screenshot(&app, "second-factor-enrol").await?;
    // A wrong first code is refused, saying so; nothing is turned on.
    type_into(&app, "#second-factor-code", "12345").await?;
    click(&app, "#second-factor-confirm").await?;
    let refusal = wait_text(&app, "#second-factor-error", "").await?;
    assert!(!refusal.trim().is_empty());
    // The manager's phone runs 30 s late: the previous step's code is taken.
    let mut phone = Authenticator::new(&text_of(&app, "#second-factor-secret").await?);
    type_into(&app, "#second-factor-code", &phone.drifted(-1)?).await?;
    click(&app, "#second-factor-confirm").await?;
    let recovery = recovery_codes_shown(&app).await?;
    click(&app, "#recovery-codes-kept").await?;
    find(&app, "#second-factor-disable").await?;

    // Next sign-in: the password, then a code. A wrong one is refused with
    // a message and the sign-in goes on; a recovery code opens it.
    log_out(&app).await?;
    log_in(&app, &manager.email, &manager.password).await?;
    find(&app, "#login-code").await?;
    type_into(&app, "#login-code", "000000").await?;
    click(&app, "#login-code-submit").await?;
    let refusal = wait_text(&app, "#login-code-error", "").await?;
    assert!(
        !refusal.trim().is_empty(),
        "the wrong code is refused, saying so"
    );
    screenshot(&app, "second-factor-login").await?;
    type_into(&app, "#login-code", &recovery[0]).await?;
    click(&app, "#login-code-submit").await?;
    find(&app, "#user-name").await?;
    click(&app, "#nav-settings").await?;
    let left = wait_text(&app, "#recovery-codes-left", "").await?;
    assert!(
        left.contains(&(recovery.len() - 1).to_string()),
        "one recovery code spent: {left}"
    );

    // A recovery code opens once only; the app's code opens.
    log_out(&app).await?;
    log_in(&app, &manager.email, &manager.password).await?;
    type_into(&app, "#login-code", &recovery[0]).await?;
    click(&app, "#login-code-submit").await?;
    wait_text(&app, "#login-code-error", "").await?;
    // A phone 30 s ahead: the next step's code is taken too.
    let code = phone.drifted(1)?;
    type_into(&app, "#login-code", &code).await?;
    click(&app, "#login-code-submit").await?;
    find(&app, "#user-name").await?;

    // A code seen over a shoulder opens nothing once used: replayed at the
    // next sign-in, it is refused as used.
    log_out(&app).await?;
    log_in(&app, &manager.email, &manager.password).await?;
    type_into(&app, "#login-code", &code).await?;
    click(&app, "#login-code-submit").await?;
    let refusal = wait_text(&app, "#login-code-error", "").await?;
    assert!(
        refusal.contains("used"),
        "a replayed code is refused: {refusal}"
    );
    type_into(&app, "#login-code", &phone.code().await?).await?;
    click(&app, "#login-code-submit").await?;
    find(&app, "#user-name").await?;
    // Settings is one click away from the user menu.
    click(&app, "#user-second-factor").await?;
    find(&app, "#second-factor-disable").await?;

    // The company rule: managers sign in in two steps. A new manager is
    // held on the enrolment screen until theirs is set up.
    tick(&app, "#second-factor-required-for-managers").await?;
    wait_text(&app, ".toast", "Saved").await?;
    click(&app, "#nav-users").await?;
    type_into(&app, "#user-form input[name=name]", "Nora Neuve").await?;
    type_into(
        &app,
        "#user-form input[name=email]",
        "nora.neuve@parc-demo.fr",
    )
    .await?;
    choose(&app, "#field-role", "Manager").await?;
    type_into(&app, "#user-form input[name=password]", "nora-first-pass").await?;
    click(&app, "#user-save").await?;
    wait_text(&app, "#users-table", "nora.neuve@parc-demo.fr").await?;
    log_out(&app).await?;
    log_in(&app, "nora.neuve@parc-demo.fr", "nora-first-pass").await?;
    find(&app, "#enrolment-due").await?;
    find(&app, "#second-factor-required").await?;
    let navigation = app
        .find_all(fantoccini::Locator::Css("#nav-clients"))
        .await?;
    assert!(navigation.is_empty(), "nothing else until it is set up");
    screenshot(&app, "second-factor-required").await?;
    enrol_on_screen(&app).await?;
    click(&app, "#recovery-codes-kept").await?;
    // Set up: the whole app opens.
    find(&app, "#nav-clients").await?;
    log_out(&app).await?;

    // The first manager resets Nora's (a lost phone): her password alone
    // signs her in again.
    log_in(&app, &manager.email, &manager.password).await?;
    type_into(&app, "#login-code", &phone.code().await?).await?;
    click(&app, "#login-code-submit").await?;
    find(&app, "#user-name").await?;
    // The rule off first, or Nora would be sent to enrolment again.
    click(&app, "#nav-settings").await?;
    dismiss_toasts(&app).await?;
    click(&app, "#second-factor-required-for-managers").await?;
    wait_text(&app, ".toast", "Saved").await?;
    click(&app, "#nav-users").await?;
    let nora = "//table[@id='users-table']//tr[td[.='nora.neuve@parc-demo.fr']]";
    wait_text(&app, "#users-table", "nora.neuve@parc-demo.fr").await?;
    click_xpath(
        &app,
        &format!("{nora}//button[contains(@class,'reset-second-factor')]"),
    )
    .await?;
    wait_text(&app, ".toast", "Two-step sign-in reset").await?;
    log_out(&app).await?;
    log_in(&app, "nora.neuve@parc-demo.fr", "nora-first-pass").await?;
    find(&app, "#nav-clients").await?;
    let menu = text_of(&app, "#user-name").await?;
    assert!(menu.contains("Nora"), "{menu}");
    Ok(())
}
