//! Two-step sign-in on an in-memory SQLite built by the real migrations:
//! enrolment (a wrong first code, then the recovery codes), the login's
//! second step (a wrong code, a replayed one, the clock's skew with the time
//! injected, a recovery code used once, five wrong codes ending the
//! sign-in), turning it off, a manager's reset (audited) and a technician
//! refused it, and the company rule for managers.

use chrono::{DateTime, Duration, TimeZone, Utc};
use parc_api::auth::{CompanyIdentity, Language, Role, SessionInfo, SetupRequest};
use parc_api::users::NewUser;
use parc_api::ValidationCode;
use parc_core::auth::second_factor::{self as factor, LoginStep};
use parc_core::auth::totp;
use parc_core::{audit, auth, db, Actor, CoreError, DatabaseConnection};

type R = Result<(), Box<dyn std::error::Error>>;

const MANAGER: (&str, &str) = ("mia@helios.fr", "mia-password");
const TECH: (&str, &str) = ("tom@helios.fr", "tom-password");

async fn set_up() -> (DatabaseConnection, Actor, Actor) {
    let db = db::open_in_memory().await.unwrap();
    let session = auth::complete_setup(
        &db,
        &SetupRequest {
            language: Language::En,
            company: CompanyIdentity {
                name: "Helios IT".into(),
                ..Default::default()
            },
            manager_name: "Mia Manager".into(),
            manager_email: MANAGER.0.into(),
            manager_password: MANAGER.1.into(),
            with_demo_data: false,
        },
    )
    .await
    .unwrap();
    let manager = auth::actor_of(&session);
    let tech = auth::create_user(
        &db,
        &manager,
        &NewUser {
            name: "Tom Tech".into(),
            email: TECH.0.into(),
            role: Role::Technician,
            password: TECH.1.into(),
        },
    )
    .await
    .unwrap();
    (db, manager, Actor::technician(tech.id, "Tom Tech"))
}

/// A fixed instant to reason in steps, on a step's start; in the past, so a
/// sign-in made now (five minutes to live) is still waiting at it.
fn t0() -> DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_010, 0).unwrap()
}

/// Six digits that are the code of no step around `at`.
fn wrong_code(secret: &str, at: DateTime<Utc>) -> String {
    let around: Vec<String> = (-1..=1).map(|s| code_at(secret, at, s)).collect();
    (0..4)
        .map(|n| format!("{n}{n}{n}{n}{n}{n}"))
        .find(|c| !around.contains(c))
        .unwrap()
}

fn code_at(secret: &str, at: DateTime<Utc>, steps: i64) -> String {
    totp::code_for_step(secret, totp::step_at(at) + steps).unwrap()
}

/// Enrols `actor` at `at`: the secret and the recovery codes.
async fn enrol(db: &DatabaseConnection, actor: &Actor, at: DateTime<Utc>) -> (String, Vec<String>) {
    let enrolment = factor::begin_enrolment(db, actor).await.unwrap();
    let recovery = factor::confirm_enrolment(db, actor, &code_at(&enrolment.secret, at, 0), at)
        .await
        .unwrap();
    (enrolment.secret, recovery)
}

/// The pending sign-in a right password leads to.
async fn password_step(db: &DatabaseConnection, who: (&str, &str)) -> String {
    match auth::login_step(db, who.0, who.1).await.unwrap() {
        LoginStep::SecondFactor(pending) => pending.token,
        LoginStep::Session(session) => panic!("no code asked of {}", session.email),
    }
}

fn refusal(result: Result<SessionInfo, CoreError>) -> (String, ValidationCode) {
    match result {
        Err(CoreError::Validation { field, code, .. }) => (field, code),
        other => panic!("expected a refused code, got {other:?}"),
    }
}

async fn actions(db: &DatabaseConnection, entity: &str, id: i64) -> Vec<(String, String)> {
    audit::history(db, &Actor::System, entity, id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.actor))
        .collect()
}

#[tokio::test]
async fn enrolment_is_confirmed_by_a_first_code_then_asked_at_every_login() -> R {
    let (db, manager, _) = set_up().await;
    let remembered_before =
        auth::remember(&db, &auth::login(&db, MANAGER.0, MANAGER.1).await?).await?;

    let enrolment = factor::begin_enrolment(&db, &manager).await?;
    assert_eq!(enrolment.secret.len(), 32, "160 bits in base32");
    assert!(enrolment
        .otpauth_url
        .starts_with("otpauth://totp/Parc:mia%40helios.fr?secret="));
    assert!(enrolment.qr_code.starts_with("data:image/svg+xml;base64,"));
    let status = factor::status(&db, &manager).await?;
    assert!(status.enrolling && !status.enabled);
    // Not confirmed yet: the password alone still logs in.
    assert!(matches!(
        auth::login_step(&db, MANAGER.0, MANAGER.1).await?,
        LoginStep::Session(_)
    ));

    // A wrong first code leaves it off.
    let wrong =
        factor::confirm_enrolment(&db, &manager, &wrong_code(&enrolment.secret, t0()), t0()).await;
    assert!(matches!(
        wrong,
        Err(CoreError::Validation { ref field, code: ValidationCode::WrongCode, .. }) if field == "code"
    ));
    assert!(!factor::status(&db, &manager).await?.enabled);

    let recovery =
        factor::confirm_enrolment(&db, &manager, &code_at(&enrolment.secret, t0(), 0), t0())
            .await?;
    assert_eq!(recovery.len(), 10);
    let status = factor::status(&db, &manager).await?;
    assert!(status.enabled && !status.enrolling);
    assert_eq!(status.recovery_codes_left, 10);
    // Shown once: a second look gives nothing, and a new enrolment is refused.
    assert!(factor::pending_enrolment(&db, &manager).await?.is_none());
    assert!(matches!(
        factor::begin_enrolment(&db, &manager).await,
        Err(CoreError::Conflict(_))
    ));

    // The password alone no longer logs in, and a "remember me" made
    // without the code is forgotten.
    assert!(matches!(
        auth::login_step(&db, MANAGER.0, MANAGER.1).await?,
        LoginStep::SecondFactor(_)
    ));
    assert!(auth::login(&db, MANAGER.0, MANAGER.1).await.is_err());
    assert_eq!(auth::login_with_token(&db, &remembered_before).await?, None);

    // The audit log says it was turned on, and never holds the secret.
    let user_id = manager.user_id().unwrap();
    assert!(actions(&db, "user", user_id)
        .await
        .contains(&("second_factor_on".to_owned(), "Mia Manager".to_owned())));
    let everything = format!(
        "{:?}",
        audit::history(&db, &Actor::System, "user", user_id).await?
    );
    assert!(!everything.contains(&enrolment.secret));
    Ok(())
}

#[tokio::test]
async fn a_wrong_code_is_refused_and_five_end_the_sign_in() -> R {
    let (db, manager, _) = set_up().await;
    let (secret, _) = enrol(&db, &manager, t0()).await;
    let later = t0() + Duration::minutes(10);

    let token = password_step(&db, MANAGER).await;
    let (field, code) =
        refusal(factor::complete_login(&db, &token, &wrong_code(&secret, later), later).await);
    assert_eq!((field.as_str(), code), ("code", ValidationCode::WrongCode));
    let session = factor::complete_login(&db, &token, &code_at(&secret, later, 0), later).await?;
    assert_eq!(session.email, MANAGER.0);
    // The sign-in is spent: its token opens nothing more.
    let again = factor::complete_login(&db, &token, &code_at(&secret, later, 1), later).await;
    assert_eq!(refusal(again).1, ValidationCode::SignInExpired);

    let token = password_step(&db, MANAGER).await;
    for _ in 0..4 {
        let refused = factor::complete_login(&db, &token, &wrong_code(&secret, later), later).await;
        assert_eq!(refusal(refused).1, ValidationCode::WrongCode);
    }
    let fifth = factor::complete_login(&db, &token, &wrong_code(&secret, later), later).await;
    assert_eq!(refusal(fifth).1, ValidationCode::SignInExpired);
    let right_too_late =
        factor::complete_login(&db, &token, &code_at(&secret, later, 1), later).await;
    assert_eq!(refusal(right_too_late).1, ValidationCode::SignInExpired);

    // A sign-in left waiting more than five minutes is over.
    let token = password_step(&db, MANAGER).await;
    let much_later = Utc::now() + Duration::minutes(6);
    let stale =
        factor::complete_login(&db, &token, &code_at(&secret, much_later, 0), much_later).await;
    assert_eq!(refusal(stale).1, ValidationCode::SignInExpired);
    Ok(())
}

#[tokio::test]
async fn a_code_works_once_and_the_next_step_s_code_after_it() -> R {
    let (db, manager, _) = set_up().await;
    let (secret, _) = enrol(&db, &manager, t0()).await;
    let later = t0() + Duration::minutes(10);
    let code = code_at(&secret, later, 0);

    let token = password_step(&db, MANAGER).await;
    factor::complete_login(&db, &token, &code, later).await?;
    // The same code at a new sign-in, a few seconds later: replayed.
    let token = password_step(&db, MANAGER).await;
    let replayed = factor::complete_login(&db, &token, &code, later + Duration::seconds(5)).await;
    assert_eq!(
        refusal(replayed),
        ("code".to_owned(), ValidationCode::CodeUsed)
    );
    // An earlier step's code, still within the skew, is refused too.
    let earlier = code_at(&secret, later, -1);
    let refused = factor::complete_login(&db, &token, &earlier, later).await;
    assert_eq!(refusal(refused).1, ValidationCode::CodeUsed);
    // The next step's code works.
    let next = later + Duration::seconds(30);
    factor::complete_login(&db, &token, &code_at(&secret, next, 0), next).await?;
    Ok(())
}

#[tokio::test]
async fn clock_skew_of_one_step_is_accepted_and_two_refused() -> R {
    let (db, manager, _) = set_up().await;
    let (secret, _) = enrol(&db, &manager, t0()).await;
    let now = t0() + Duration::hours(1);
    for steps in [-2, 2] {
        let token = password_step(&db, MANAGER).await;
        let refused = factor::complete_login(&db, &token, &code_at(&secret, now, steps), now).await;
        assert_eq!(
            refusal(refused).1,
            ValidationCode::WrongCode,
            "{steps} steps"
        );
    }
    // Oldest first: a step accepted makes the earlier ones used.
    for steps in [-1, 0, 1] {
        let token = password_step(&db, MANAGER).await;
        let session = factor::complete_login(&db, &token, &code_at(&secret, now, steps), now).await;
        assert!(session.is_ok(), "{steps} steps: {session:?}");
    }
    Ok(())
}

#[tokio::test]
async fn a_recovery_code_works_once() -> R {
    let (db, manager, _) = set_up().await;
    let (_, recovery) = enrol(&db, &manager, t0()).await;
    let later = t0() + Duration::minutes(10);
    // Typed as a person might: upper case, a space for the dash.
    let typed = recovery[3].to_uppercase().replace('-', " ");

    let token = password_step(&db, MANAGER).await;
    let session = factor::complete_login(&db, &token, &typed, later).await?;
    assert_eq!(session.role, Role::Manager);
    assert_eq!(factor::status(&db, &manager).await?.recovery_codes_left, 9);
    let user_id = manager.user_id().unwrap();
    assert!(actions(&db, "user", user_id).await.contains(&(
        "second_factor_recovery_code_used".to_owned(),
        "Mia Manager".to_owned()
    )));

    let token = password_step(&db, MANAGER).await;
    let second = factor::complete_login(&db, &token, &recovery[3], later).await;
    assert_eq!(refusal(second).1, ValidationCode::CodeUsed);
    // Another one still works.
    factor::complete_login(&db, &token, &recovery[4], later).await?;
    Ok(())
}

#[tokio::test]
async fn turning_it_off_asks_the_password_or_a_code() -> R {
    let (db, manager, _) = set_up().await;
    let (secret, _) = enrol(&db, &manager, t0()).await;
    let refused = factor::disable(&db, &manager, "not-my-password", t0()).await;
    assert!(matches!(
        refused,
        Err(CoreError::Validation { ref field, .. }) if field == "proof"
    ));
    assert!(factor::status(&db, &manager).await?.enabled);
    let next = t0() + Duration::seconds(30);
    factor::disable(&db, &manager, &code_at(&secret, next, 0), next).await?;
    assert!(!factor::status(&db, &manager).await?.enabled);
    assert!(matches!(
        auth::login_step(&db, MANAGER.0, MANAGER.1).await?,
        LoginStep::Session(_)
    ));

    enrol(&db, &manager, t0()).await;
    factor::disable(&db, &manager, MANAGER.1, t0()).await?;
    assert!(!factor::status(&db, &manager).await?.enabled);
    let offs = actions(&db, "user", manager.user_id().unwrap())
        .await
        .into_iter()
        .filter(|(action, _)| action == "second_factor_off")
        .count();
    assert_eq!(offs, 2);
    Ok(())
}

#[tokio::test]
async fn a_manager_resets_a_user_s_factor_audited_and_a_technician_cannot() -> R {
    let (db, manager, tech) = set_up().await;
    let (_, _) = enrol(&db, &tech, t0()).await;
    let (_, _) = enrol(&db, &manager, t0()).await;
    let tech_id = tech.user_id().unwrap();
    assert_eq!(factor::users_with_factor(&db, &manager).await?.len(), 2);

    // A technician cannot reset another's factor, nor list them.
    let manager_id = manager.user_id().unwrap();
    assert!(matches!(
        factor::reset_for_user(&db, &tech, manager_id).await,
        Err(CoreError::Forbidden(_))
    ));
    assert!(matches!(
        factor::users_with_factor(&db, &tech).await,
        Err(CoreError::Forbidden(_))
    ));
    assert!(factor::status(&db, &manager).await?.enabled);

    // A sign-in waiting for its code when the reset comes is over.
    let waiting = password_step(&db, TECH).await;
    factor::reset_for_user(&db, &manager, tech_id).await?;
    let after_reset = factor::complete_login(&db, &waiting, "123456", t0()).await;
    assert_eq!(refusal(after_reset).1, ValidationCode::SignInExpired);
    assert!(matches!(
        auth::login_step(&db, TECH.0, TECH.1).await?,
        LoginStep::Session(_)
    ));
    assert!(!factor::status(&db, &tech).await?.enabled);
    assert!(actions(&db, "user", tech_id)
        .await
        .contains(&("second_factor_reset".to_owned(), "Mia Manager".to_owned())));
    // Nothing left to reset.
    assert!(matches!(
        factor::reset_for_user(&db, &manager, tech_id).await,
        Err(CoreError::Conflict(_))
    ));
    // The user enrols again.
    enrol(&db, &tech, t0()).await;
    assert!(factor::status(&db, &tech).await?.enabled);
    Ok(())
}

#[tokio::test]
async fn the_company_rule_sends_managers_without_a_factor_to_enrolment() -> R {
    let (db, manager, tech) = set_up().await;
    // Only managers switch it, and not before having one of their own.
    assert!(matches!(
        factor::set_policy(&db, &tech, true).await,
        Err(CoreError::Forbidden(_))
    ));
    assert!(matches!(
        factor::set_policy(&db, &manager, true).await,
        Err(CoreError::Validation { ref field, .. }) if field == "required_for_managers"
    ));
    let (_, _) = enrol(&db, &manager, t0()).await;
    factor::set_policy(&db, &manager, true).await?;
    assert!(factor::policy(&db, &manager).await?);
    let setting: Vec<_> = audit::history(&db, &Actor::System, "settings", 0)
        .await?
        .into_iter()
        .filter(|e| {
            e.changes
                .iter()
                .any(|c| c.field == "auth.second_factor_for_managers")
        })
        .collect();
    assert_eq!(setting.len(), 1);
    assert_eq!(setting[0].actor, "Mia Manager");
    assert_eq!(setting[0].changes[0].after.as_deref(), Some("true"));

    // Another manager without a factor: a session that may only enrol.
    let second = auth::create_user(
        &db,
        &manager,
        &NewUser {
            name: "Noé Manager".into(),
            email: "noe@helios.fr".into(),
            role: Role::Manager,
            password: "noe-password".into(),
        },
    )
    .await?;
    let session = auth::login(&db, "noe@helios.fr", "noe-password").await?;
    assert!(session.second_factor_due);
    let noe = Actor::manager(second.id, "Noé Manager");
    assert!(factor::status(&db, &noe).await?.required);
    // A technician is not asked.
    assert!(!auth::login(&db, TECH.0, TECH.1).await?.second_factor_due);
    // Enrolled, the flag is gone.
    let (secret, _) = enrol(&db, &noe, t0()).await;
    let token = password_step(&db, ("noe@helios.fr", "noe-password")).await;
    let later = t0() + Duration::minutes(1);
    let session = factor::complete_login(&db, &token, &code_at(&secret, later, 0), later).await?;
    assert!(!session.second_factor_due);
    Ok(())
}
