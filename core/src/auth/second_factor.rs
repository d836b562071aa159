//! Two-step sign-in for staff users and portal contacts: enrolment, the
//! code asked after the password, turning it off, a manager's reset, and the
//! company rule that managers must have one. The codes themselves are
//! `totp`'s.
//!
//! - **Enrolment**: a new secret is kept unconfirmed and shown (QR code and
//!   base32); the factor counts only once a first code from the app has been
//!   typed. Then ten recovery codes are made and shown once. Every remembered
//!   login of a user is forgotten when a factor is confirmed or reset, so a
//!   "remember me" made without the code never stands in for it.
//! - **Sign-in**: a right password for an account with a confirmed factor
//!   opens no session: it makes a *challenge* (a random token, only its
//!   digest stored, five minutes, five wrong codes at most) that the door
//!   holds — the desktop shell in memory, the portal in a cookie — and that a
//!   right code turns into the session. A code is taken within ±1 step and
//!   only for a step after the last one accepted (kept per factor, updated
//!   by a conditional `UPDATE`, so two sign-ins racing with one code cannot
//!   both pass); a recovery code works once. A remembered login (desktop)
//!   skips the code: it was made after one.
//! - **Where the secret lives**: in the database, in base32. The server must
//!   read it to check a code, and a key kept elsewhere (the OS keyring) would
//!   make every factor unreadable after a backup is restored on another
//!   computer, or from `parc portal` running apart. The factor guards against
//!   a stolen password; a stolen database file holds the data it protects
//!   anyway. The secret is returned only while enrolling, never printed by
//!   `Debug` (`second_factor_entity`) and never written to the audit log,
//!   which records only that a factor was turned on, off or reset.

use super::second_factor_challenge_entity as challenges;
use super::second_factor_code_entity as codes;
use super::second_factor_entity as factors;
use super::totp::{self, CodeCheck};
use super::{password, remembered_entity, user_entity as users};
use crate::actor::Actor;
use crate::audit::{self, Audited};
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::portal::account_entity as accounts;
use chrono::{DateTime, Duration, Utc};
use parc_api::auth::{Role, SessionInfo};
use parc_api::problem::Thing;
use parc_api::second_factor::{SecondFactorEnrolment, SecondFactorStatus};
use parc_api::ValidationCode;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

/// How long a sign-in waits for its code.
pub const CHALLENGE_LIFETIME: Duration = Duration::minutes(5);
/// Wrong codes after which a sign-in ends (the password must be typed again).
pub const MAX_FAILURES: i32 = 5;
/// The settings row of the company rule.
const REQUIRED_FOR_MANAGERS: &str = "auth.second_factor_for_managers";

/// Whose factor: a staff user's or a portal contact's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Owner {
    User(i32),
    Contact(i32),
}

impl Owner {
    fn of(actor: &Actor) -> CoreResult<Owner> {
        let id = |id: i64| i32::try_from(id).map_err(|_| CoreError::not_found(Thing::Account));
        match actor {
            Actor::Staff { user_id, .. } => Ok(Owner::User(id(*user_id)?)),
            Actor::Portal { contact_id, .. } => Ok(Owner::Contact(id(*contact_id)?)),
            Actor::System => Err(CoreError::Forbidden(
                parc_api::problem::Problem::SecondFactorIsAPersons,
            )),
        }
    }

    fn factor_query(self) -> sea_orm::Select<factors::Entity> {
        match self {
            Owner::User(id) => factors::Entity::find().filter(factors::Column::UserId.eq(id)),
            Owner::Contact(id) => factors::Entity::find().filter(factors::Column::ContactId.eq(id)),
        }
    }

    fn challenge_filter(self) -> sea_orm::Condition {
        match self {
            Owner::User(id) => sea_orm::Condition::all().add(challenges::Column::UserId.eq(id)),
            Owner::Contact(id) => {
                sea_orm::Condition::all().add(challenges::Column::ContactId.eq(id))
            }
        }
    }

    /// The address the authenticator app lists the account under.
    async fn label(self, db: &impl ConnectionTrait) -> CoreResult<String> {
        Ok(match self {
            Owner::User(id) => {
                users::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .ok_or(CoreError::not_found(Thing::User))?
                    .email
            }
            Owner::Contact(id) => {
                crate::clients::contact_entity::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .ok_or(CoreError::not_found(Thing::Contact))?
                    .email
            }
        })
    }

    /// The owner acting for themselves (who the audit log names).
    async fn actor(self, db: &impl ConnectionTrait) -> CoreResult<Actor> {
        match self {
            Owner::User(id) => {
                let user = users::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .ok_or(CoreError::not_found(Thing::User))?;
                Ok(super::actor_of(&super::session_of(&user)?))
            }
            Owner::Contact(id) => {
                let contact = crate::clients::contact_entity::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .ok_or(CoreError::not_found(Thing::Contact))?;
                let account = accounts::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .ok_or(CoreError::not_found(Thing::Contact))?;
                Ok(crate::portal::actor_of(&contact, &account))
            }
        }
    }

    /// One audit row on the owner's record: what happened, never a secret.
    async fn audit(self, db: &impl ConnectionTrait, actor: &Actor, action: &str) -> CoreResult<()> {
        match self {
            Owner::User(id) => {
                audit::record::<users::Model>(db, actor, i64::from(id), action, None, None).await
            }
            Owner::Contact(id) => {
                audit::record::<accounts::Model>(db, actor, i64::from(id), action, None, None).await
            }
        }
    }

    /// Remembered logins end with a change of factor (staff only; the
    /// portal remembers none).
    async fn forget_remembered(self, db: &impl ConnectionTrait) -> CoreResult<()> {
        if let Owner::User(id) = self {
            remembered_entity::Entity::delete_many()
                .filter(remembered_entity::Column::UserId.eq(id))
                .exec(db)
                .await?;
        }
        Ok(())
    }
}

async fn confirmed_factor(
    db: &impl ConnectionTrait,
    owner: Owner,
) -> CoreResult<Option<factors::Model>> {
    Ok(owner
        .factor_query()
        .filter(factors::Column::ConfirmedAt.is_not_null())
        .one(db)
        .await?)
}

async fn codes_left(db: &impl ConnectionTrait, factor_id: i32) -> CoreResult<u64> {
    Ok(codes::Entity::find()
        .filter(codes::Column::FactorId.eq(factor_id))
        .filter(codes::Column::UsedAt.is_null())
        .count(db)
        .await?)
}

/// Whether the company asks managers for a second factor.
pub async fn required_for_managers(db: &impl ConnectionTrait) -> CoreResult<bool> {
    Ok(crate::settings::get(db, REQUIRED_FOR_MANAGERS)
        .await?
        .as_deref()
        == Some("true"))
}

/// The company rule, for Settings.
pub async fn policy(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<bool> {
    require(actor, Operation::ManageSettings)?;
    required_for_managers(db).await
}

/// The rule as its audit rows show it (the settings' history, entity
/// "settings", id 0).
struct Policy(bool);

impl Audited for Policy {
    const ENTITY: &'static str = "settings";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![(REQUIRED_FOR_MANAGERS, self.0.to_string())]
    }
}

/// Switches the rule. Turning it on is refused to a manager without a
/// factor of their own: they would be sent to enrolment at once.
pub async fn set_policy<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    required: bool,
) -> CoreResult<()> {
    require(actor, Operation::ManageSettings)?;
    let txn = crate::db::begin_write(db).await?;
    let before = required_for_managers(&txn).await?;
    if required && !before {
        let own = match Owner::of(actor) {
            Ok(owner) => confirmed_factor(&txn, owner).await?.is_some(),
            Err(_) => true,
        };
        if !own {
            return Err(CoreError::validation(
                "required_for_managers",
                ValidationCode::OwnSecondFactorFirst,
                "set up your own two-step sign-in first",
            ));
        }
    }
    crate::settings::put(&txn, REQUIRED_FOR_MANAGERS, &required.to_string()).await?;
    audit::record(
        &txn,
        actor,
        0,
        "update",
        Some(&Policy(before)),
        Some(&Policy(required)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A signed-in session as the rule sees it: `second_factor_due` when the
/// rule asks this manager for a factor they do not have yet.
pub async fn flag_due(db: &impl ConnectionTrait, session: SessionInfo) -> CoreResult<SessionInfo> {
    let due = session.role == Role::Manager
        && required_for_managers(db).await?
        && confirmed_factor(db, Owner::User(user_id32(session.user_id)?))
            .await?
            .is_none();
    Ok(SessionInfo {
        second_factor_due: due,
        ..session
    })
}

/// What a session sent to enrolment is told when it tries anything else.
pub fn enrolment_required() -> CoreError {
    CoreError::Forbidden(parc_api::problem::Problem::SecondFactorRequiredOfManagers)
}

fn user_id32(id: i64) -> CoreResult<i32> {
    i32::try_from(id).map_err(|_| CoreError::not_found(Thing::User))
}

/// What the enrolment page shows of the actor's own factor.
pub async fn status(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<SecondFactorStatus> {
    let owner = Owner::of(actor)?;
    let factor = owner.factor_query().one(db).await?;
    let enabled = factor.as_ref().is_some_and(|f| f.confirmed_at.is_some());
    let recovery_codes_left = match &factor {
        Some(f) if enabled => u32::try_from(codes_left(db, f.id).await?).unwrap_or(u32::MAX),
        _ => 0,
    };
    let required = matches!(
        actor,
        Actor::Staff {
            role: Role::Manager,
            ..
        }
    ) && required_for_managers(db).await?;
    Ok(SecondFactorStatus {
        enabled,
        enrolling: factor.is_some() && !enabled,
        recovery_codes_left,
        required,
    })
}

fn enrolment_of(secret: String, label: &str) -> CoreResult<SecondFactorEnrolment> {
    let otpauth_url = totp::otpauth_url(&secret, label)?;
    Ok(SecondFactorEnrolment {
        qr_code: totp::qr_data_uri(&otpauth_url)?,
        otpauth_url,
        secret,
    })
}

/// Starts enrolling the actor: a new secret, unconfirmed (one begun earlier
/// and never confirmed is replaced). Refused while a factor is on: it must
/// be turned off first, with the password or a code. Not audited: nothing
/// changes for the account until it is confirmed.
pub async fn begin_enrolment<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
) -> CoreResult<SecondFactorEnrolment> {
    let owner = Owner::of(actor)?;
    let txn = crate::db::begin_write(db).await?;
    if confirmed_factor(&txn, owner).await?.is_some() {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::SecondFactorAlreadyOnTurnOffFirst,
        ));
    }
    if let Some(unconfirmed) = owner.factor_query().one(&txn).await? {
        factors::Entity::delete_by_id(unconfirmed.id)
            .exec(&txn)
            .await?;
    }
    let (user_id, contact_id) = match owner {
        Owner::User(id) => (Some(id), None),
        Owner::Contact(id) => (None, Some(id)),
    };
    let secret = totp::new_secret();
    factors::ActiveModel {
        user_id: Set(user_id),
        contact_id: Set(contact_id),
        secret: Set(secret.clone()),
        confirmed_at: Set(None),
        last_step: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let label = owner.label(&txn).await?;
    txn.commit().await?;
    enrolment_of(secret, &label)
}

/// The enrolment begun and not confirmed yet, shown again (a page shown
/// again after a wrong code); nothing once confirmed.
pub async fn pending_enrolment(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> CoreResult<Option<SecondFactorEnrolment>> {
    let owner = Owner::of(actor)?;
    let Some(factor) = owner
        .factor_query()
        .filter(factors::Column::ConfirmedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(enrolment_of(factor.secret, &owner.label(db).await?)?))
}

fn wrong_code() -> CoreError {
    CoreError::validation("code", ValidationCode::WrongCode, "this code is not right")
}

fn used_code() -> CoreError {
    CoreError::validation(
        "code",
        ValidationCode::CodeUsed,
        "this code was used already: wait for the next one",
    )
}

/// Confirms the enrolment with a first code from the app: the factor is on
/// from now, ten recovery codes are made and returned (shown this once),
/// the user's remembered logins are forgotten. Audited.
pub async fn confirm_enrolment<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    code: &str,
    now: DateTime<Utc>,
) -> CoreResult<Vec<String>> {
    let owner = Owner::of(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let Some(factor) = owner
        .factor_query()
        .filter(factors::Column::ConfirmedAt.is_null())
        .one(&txn)
        .await?
    else {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::SecondFactorNotBeingSetUp,
        ));
    };
    let step = match totp::check_code(&factor.secret, code, now, None)? {
        CodeCheck::Accepted(step) => step,
        CodeCheck::Replayed | CodeCheck::Wrong => return Err(wrong_code()),
    };
    let confirmed = factors::Entity::update_many()
        .col_expr(factors::Column::ConfirmedAt, Expr::value(now))
        .col_expr(factors::Column::LastStep, Expr::value(step))
        .filter(factors::Column::Id.eq(factor.id))
        .filter(factors::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    if confirmed.rows_affected != 1 {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::SecondFactorAlreadyOn,
        ));
    }
    let recovery = totp::new_recovery_codes();
    for shown in &recovery {
        let normalised = totp::normalise_recovery(shown)
            .ok_or_else(|| CoreError::Internal("a recovery code of the wrong shape".into()))?;
        codes::ActiveModel {
            factor_id: Set(factor.id),
            code_digest: Set(totp::recovery_digest(&normalised)),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    owner.forget_remembered(&txn).await?;
    owner.audit(&txn, actor, "second_factor_on").await?;
    txn.commit().await?;
    Ok(recovery)
}

/// The outcome of a typed code against a confirmed factor, its use written
/// in `db` (the step kept, the recovery code spent) when it is right.
async fn use_code(
    db: &impl ConnectionTrait,
    factor: &factors::Model,
    typed: &str,
    now: DateTime<Utc>,
) -> CoreResult<Result<(), CoreError>> {
    if totp::six_digits(typed).is_some() {
        return Ok(
            match totp::check_code(&factor.secret, typed, now, factor.last_step)? {
                CodeCheck::Accepted(step) => {
                    // Only a step after the one stored: a racing sign-in
                    // with the same code finds it taken.
                    let kept = factors::Entity::update_many()
                        .col_expr(factors::Column::LastStep, Expr::value(step))
                        .filter(factors::Column::Id.eq(factor.id))
                        .filter(
                            sea_orm::Condition::any()
                                .add(factors::Column::LastStep.is_null())
                                .add(factors::Column::LastStep.lt(step)),
                        )
                        .exec(db)
                        .await?;
                    if kept.rows_affected == 1 {
                        Ok(())
                    } else {
                        Err(used_code())
                    }
                }
                CodeCheck::Replayed => Err(used_code()),
                CodeCheck::Wrong => Err(wrong_code()),
            },
        );
    }
    let Some(normalised) = totp::normalise_recovery(typed) else {
        return Ok(Err(wrong_code()));
    };
    let digest = totp::recovery_digest(&normalised);
    let Some(recovery) = codes::Entity::find()
        .filter(codes::Column::FactorId.eq(factor.id))
        .filter(codes::Column::CodeDigest.eq(digest))
        .one(db)
        .await?
    else {
        return Ok(Err(wrong_code()));
    };
    let spent = codes::Entity::update_many()
        .col_expr(codes::Column::UsedAt, Expr::value(now))
        .filter(codes::Column::Id.eq(recovery.id))
        .filter(codes::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(if spent.rows_affected == 1 {
        Ok(())
    } else {
        Err(used_code())
    })
}

/// Turns the actor's own factor off, proved by their password or a current
/// code (or a recovery code). Audited.
pub async fn disable<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    proof: &str,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let owner = Owner::of(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let Some(factor) = owner.factor_query().one(&txn).await? else {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::SecondFactorNotOn,
        ));
    };
    if factor.confirmed_at.is_some() {
        let by_password = password_of(&txn, owner)
            .await?
            .is_some_and(|hash| password::verify(proof, &hash));
        if !by_password && use_code(&txn, &factor, proof, now).await?.is_err() {
            return Err(CoreError::validation(
                "proof",
                ValidationCode::WrongCredentials,
                "type your password or a current code",
            ));
        }
        owner.audit(&txn, actor, "second_factor_off").await?;
    }
    factors::Entity::delete_by_id(factor.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}

async fn password_of(db: &impl ConnectionTrait, owner: Owner) -> CoreResult<Option<String>> {
    Ok(match owner {
        Owner::User(id) => users::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| u.password_hash),
        Owner::Contact(id) => accounts::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|a| a.password_hash),
    })
}

/// A manager clears a user's second factor (a lost phone): the user signs
/// in with the password alone and enrols again (at once, if the company
/// requires it of managers). Their remembered logins and waiting sign-ins
/// end. Audited on the user.
pub async fn reset_for_user<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    user_id: i64,
) -> CoreResult<()> {
    require(actor, Operation::ManageUsers)?;
    let owner = Owner::User(user_id32(user_id)?);
    let txn = crate::db::begin_write(db).await?;
    users::Entity::find_by_id(user_id32(user_id)?)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found(Thing::User))?;
    let removed = factors::Entity::delete_many()
        .filter(factors::Column::UserId.eq(user_id32(user_id)?))
        .exec(&txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::UserHasNoSecondFactor,
        ));
    }
    challenges::Entity::delete_many()
        .filter(owner.challenge_filter())
        .exec(&txn)
        .await?;
    owner.forget_remembered(&txn).await?;
    owner.audit(&txn, actor, "second_factor_reset").await?;
    txn.commit().await?;
    Ok(())
}

/// The users who sign in with a second factor (for the Users page).
pub async fn users_with_factor(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<Vec<i64>> {
    require(actor, Operation::ManageUsers)?;
    let ids: Vec<Option<i32>> = factors::Entity::find()
        .select_only()
        .column(factors::Column::UserId)
        .filter(factors::Column::UserId.is_not_null())
        .filter(factors::Column::ConfirmedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().flatten().map(i64::from).collect())
}

/// A sign-in waiting for its code: the token its door holds. `Debug` does
/// not print it.
#[derive(Clone, PartialEq, Eq)]
pub struct PendingLogin {
    pub token: String,
}

impl std::fmt::Debug for PendingLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PendingLogin { .. }")
    }
}

/// What a right password leads to.
#[derive(Clone, Debug, PartialEq)]
pub enum LoginStep {
    /// Signed in.
    Session(SessionInfo),
    /// A code is asked next (`complete_login`).
    SecondFactor(PendingLogin),
}

impl LoginStep {
    /// The session, for a caller that cannot ask for a code: refused when
    /// the account has a second factor.
    pub fn session(self) -> CoreResult<SessionInfo> {
        match self {
            LoginStep::Session(session) => Ok(session),
            LoginStep::SecondFactor(_) => Err(CoreError::Conflict(
                parc_api::problem::Problem::SignsInWithACode,
            )),
        }
    }
}

/// A challenge for `owner` if they have a confirmed factor.
pub(crate) async fn challenge(
    db: &impl ConnectionTrait,
    owner: Owner,
    now: DateTime<Utc>,
) -> CoreResult<Option<PendingLogin>> {
    if confirmed_factor(db, owner).await?.is_none() {
        return Ok(None);
    }
    // Housekeeping: this owner's sign-ins that are over anyway.
    challenges::Entity::delete_many()
        .filter(owner.challenge_filter())
        .filter(challenges::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    let token = password::new_token();
    let (user_id, contact_id) = match owner {
        Owner::User(id) => (Some(id), None),
        Owner::Contact(id) => (None, Some(id)),
    };
    challenges::ActiveModel {
        token_digest: Set(password::token_digest(&token)),
        user_id: Set(user_id),
        contact_id: Set(contact_id),
        failures: Set(0),
        created_at: Set(now),
        expires_at: Set(now + CHALLENGE_LIFETIME),
    }
    .insert(db)
    .await?;
    Ok(Some(PendingLogin { token }))
}

/// What `auth::login` answers once the password is right: the session, or
/// a challenge when the user has a factor; the session flagged when the
/// company rule sends this manager to enrolment.
pub(crate) async fn after_password(
    db: &impl ConnectionTrait,
    user: &users::Model,
    session: SessionInfo,
) -> CoreResult<LoginStep> {
    match challenge(db, Owner::User(user.id), Utc::now()).await? {
        Some(pending) => Ok(LoginStep::SecondFactor(pending)),
        None => Ok(LoginStep::Session(flag_due(db, session).await?)),
    }
}

/// "This sign-in is over: type your password again" (for the portal's door).
pub(crate) fn sign_in_over() -> CoreError {
    expired()
}

fn expired() -> CoreError {
    CoreError::validation(
        "code",
        ValidationCode::SignInExpired,
        "this sign-in is over: type your password again",
    )
}

/// Checks the code of a waiting sign-in at `now`. A right code ends the
/// challenge and names its owner; a wrong one counts, and the fifth ends
/// the sign-in.
pub(crate) async fn pass_challenge<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    code: &str,
    now: DateTime<Utc>,
) -> CoreResult<Owner> {
    let digest = password::token_digest(token);
    let txn = crate::db::begin_write(db).await?;
    // A write first: the transaction holds the database's write lock before
    // it reads, so two tries of one sign-in take turns.
    let held = challenges::Entity::update_many()
        .col_expr(
            challenges::Column::Failures,
            Expr::col(challenges::Column::Failures),
        )
        .filter(challenges::Column::TokenDigest.eq(digest.clone()))
        .exec(&txn)
        .await?;
    let found = if held.rows_affected == 1 {
        challenges::Entity::find_by_id(digest.clone())
            .one(&txn)
            .await?
    } else {
        None
    };
    let Some(challenge) = found.filter(|c| c.expires_at > now) else {
        challenges::Entity::delete_by_id(digest).exec(&txn).await?;
        txn.commit().await?;
        return Err(expired());
    };
    let owner = match (challenge.user_id, challenge.contact_id) {
        (Some(id), _) => Owner::User(id),
        (None, Some(id)) => Owner::Contact(id),
        (None, None) => return Err(CoreError::Internal("a challenge of nobody".into())),
    };
    let Some(factor) = confirmed_factor(&txn, owner).await? else {
        // Reset by a manager meanwhile: start again.
        challenges::Entity::delete_by_id(digest).exec(&txn).await?;
        txn.commit().await?;
        return Err(expired());
    };
    let was_recovery = totp::six_digits(code).is_none();
    match use_code(&txn, &factor, code, now).await? {
        Ok(()) => {
            challenges::Entity::delete_by_id(digest).exec(&txn).await?;
            if was_recovery {
                let actor = owner.actor(&txn).await?;
                owner
                    .audit(&txn, &actor, "second_factor_recovery_code_used")
                    .await?;
            }
            txn.commit().await?;
            Ok(owner)
        }
        Err(refused) => {
            let failures = challenge.failures + 1;
            if failures >= MAX_FAILURES {
                challenges::Entity::delete_by_id(digest).exec(&txn).await?;
                txn.commit().await?;
                return Err(CoreError::validation(
                    "code",
                    ValidationCode::SignInExpired,
                    "too many wrong codes: type your password again",
                ));
            }
            challenges::Entity::update_many()
                .col_expr(challenges::Column::Failures, Expr::value(failures))
                .filter(challenges::Column::TokenDigest.eq(digest))
                .exec(&txn)
                .await?;
            txn.commit().await?;
            Err(refused)
        }
    }
}

/// The login's second step: the session of a waiting sign-in whose code
/// is right at `now`.
pub async fn complete_login<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    code: &str,
    now: DateTime<Utc>,
) -> CoreResult<SessionInfo> {
    let Owner::User(user_id) = pass_challenge(db, token, code, now).await? else {
        return Err(expired());
    };
    let user = users::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|u| u.active)
        .ok_or_else(expired)?;
    flag_due(db, super::session_of(&user)?).await
}

/// Gives a waiting sign-in up (back to the password).
pub async fn cancel_login(db: &impl ConnectionTrait, token: &str) -> CoreResult<()> {
    challenges::Entity::delete_by_id(password::token_digest(token))
        .exec(db)
        .await?;
    Ok(())
}
