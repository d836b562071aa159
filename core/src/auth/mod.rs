//! First-run set-up, login, "remember me" tokens and user management.
//!
//! Only managers manage users; the check is here in core (via `authz`), so a
//! technician calling the command directly is refused just the same.

pub mod password;
pub mod remembered_entity;
pub mod second_factor;
pub mod second_factor_challenge_entity;
pub mod second_factor_code_entity;
pub mod second_factor_entity;
pub mod totp;
pub mod user_entity;

pub use second_factor::{LoginStep, PendingLogin};

use crate::actor::Actor;
use crate::audit::{self, Audited};
use crate::authz::{self, require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::{settings, validate};
use parc_api::auth::{Language, Role, SessionInfo, SetupRequest};
use parc_api::history::FieldChange;
use parc_api::problem::Thing;
use parc_api::users::{NewUser, RememberedLoginRow, UserRow};
use parc_api::ValidationCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use user_entity as users;

impl Audited for users::Model {
    const ENTITY: &'static str = "user";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("email", self.email.clone()),
            ("role", self.role.clone()),
            ("active", self.active.to_string()),
            ("language", self.language.clone()),
        ]
    }
}

/// How long a remembered login lasts from the day it was made, however
/// often it is used: a token copied off a computer stops working too.
pub const REMEMBERED_FOR: chrono::TimeDelta = chrono::TimeDelta::days(30);

fn role_of(user: &users::Model) -> CoreResult<Role> {
    Role::from_code(&user.role)
        .ok_or_else(|| CoreError::Internal(format!("user {} has unknown role", user.id)))
}

fn session_of(user: &users::Model) -> CoreResult<SessionInfo> {
    let role = role_of(user)?;
    Ok(SessionInfo {
        user_id: i64::from(user.id),
        name: user.name.clone(),
        email: user.email.clone(),
        role,
        permissions: authz::permissions(role),
        second_factor_due: false,
        language: Language::from_code(&user.language).unwrap_or_default(),
    })
}

/// The actor a logged-in session acts as.
pub fn actor_of(session: &SessionInfo) -> Actor {
    Actor::Staff {
        user_id: session.user_id,
        name: session.name.clone(),
        role: session.role,
    }
}

/// True until the first manager has been created by the wizard.
pub async fn needs_setup(db: &impl ConnectionTrait) -> CoreResult<bool> {
    Ok(users::Entity::find().count(db).await? == 0)
}

/// The first-run wizard: company identity, language and the first manager,
/// all or nothing. Refused once any user exists.
pub async fn complete_setup<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    request: &SetupRequest,
) -> CoreResult<SessionInfo> {
    let txn = crate::db::begin_write(db).await?;
    if !needs_setup(&txn).await? {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::AlreadySetUp,
        ));
    }
    settings::set_company(&txn, &Actor::System, &request.company).await?;
    settings::set_document_language(&txn, &Actor::System, request.language).await?;
    crate::catalogue::add_default_types(&txn, request.language).await?;
    let manager = insert_user(
        &txn,
        &Actor::System,
        &NewUser {
            name: request.manager_name.clone(),
            email: request.manager_email.clone(),
            role: Role::Manager,
            password: request.manager_password.clone(),
        },
    )
    .await?;
    txn.commit().await?;
    session_of(&manager)
}

/// Checks an e-mail and password and gives the session; refused for an
/// account with a second factor, whose door must ask the code
/// (`login_step`, what the desktop's login calls).
pub async fn login(
    db: &impl ConnectionTrait,
    email: &str,
    password_typed: &str,
) -> CoreResult<SessionInfo> {
    login_step(db, email, password_typed).await?.session()
}

/// Checks an e-mail and password; the same message for every failure so the
/// screen does not tell which accounts exist. An account with a second
/// factor gets no session yet: a code is asked next (`second_factor`).
pub async fn login_step(
    db: &impl ConnectionTrait,
    email: &str,
    password_typed: &str,
) -> CoreResult<LoginStep> {
    let wrong = || {
        CoreError::validation(
            "password",
            ValidationCode::WrongCredentials,
            "wrong e-mail or password",
        )
    };
    let user = users::Entity::find()
        .filter(users::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await?;
    let right = password::verify_or_waste(
        password_typed,
        user.as_ref().map(|u| u.password_hash.as_str()),
    );
    match user {
        Some(user) if right && user.active => {
            second_factor::after_password(db, &user, session_of(&user)?).await
        }
        _ => Err(wrong()),
    }
}

/// Creates a "remember me" token for a user; only its digest is stored.
pub async fn remember(db: &impl ConnectionTrait, session: &SessionInfo) -> CoreResult<String> {
    let token = password::new_token();
    remembered_entity::ActiveModel {
        user_id: Set(id32(session.user_id)?),
        token_digest: Set(password::token_digest(&token)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The session a remembered token stands for, if the token (younger than
/// `REMEMBERED_FOR`) and the user are still valid.
pub async fn login_with_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> CoreResult<Option<SessionInfo>> {
    let Some(remembered) = remembered_entity::Entity::find()
        .filter(remembered_entity::Column::TokenDigest.eq(password::token_digest(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if !remembered_still_good(&remembered, chrono::Utc::now()) {
        forget(db, token).await?;
        return Ok(None);
    }
    mark_remembered_used(db, &remembered).await?;
    match users::Entity::find_by_id(remembered.user_id)
        .one(db)
        .await?
    {
        // Made after a second factor, if any; flagged if the rule now asks one.
        Some(user) if user.active => {
            Ok(Some(second_factor::flag_due(db, session_of(&user)?).await?))
        }
        _ => Ok(None),
    }
}

/// Invalidates a remembered token (logout).
pub async fn forget(db: &impl ConnectionTrait, token: &str) -> CoreResult<()> {
    remembered_entity::Entity::delete_many()
        .filter(remembered_entity::Column::TokenDigest.eq(password::token_digest(token)))
        .exec(db)
        .await?;
    Ok(())
}

fn id32(id: i64) -> CoreResult<i32> {
    i32::try_from(id).map_err(|_| CoreError::not_found(Thing::User))
}

fn row_of(user: &users::Model) -> CoreResult<UserRow> {
    Ok(UserRow {
        id: i64::from(user.id),
        name: user.name.clone(),
        email: user.email.clone(),
        role: role_of(user)?,
        active: user.active,
    })
}

pub async fn list_users(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<Vec<UserRow>> {
    require(actor, Operation::ManageUsers)?;
    users::Entity::find()
        .order_by_asc(users::Column::Name)
        .all(db)
        .await?
        .iter()
        .map(row_of)
        .collect()
}

pub async fn create_user<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    new_user: &NewUser,
) -> CoreResult<UserRow> {
    require(actor, Operation::ManageUsers)?;
    let txn = crate::db::begin_write(db).await?;
    let user = insert_user(&txn, actor, new_user).await?;
    txn.commit().await?;
    row_of(&user)
}

async fn insert_user(
    db: &impl ConnectionTrait,
    actor: &Actor,
    new_user: &NewUser,
) -> CoreResult<users::Model> {
    let name = validate::required("name", &new_user.name, 120)?;
    let email = validate::email("email", &new_user.email, true)?;
    validate::password("password", &new_user.password)?;
    let taken = users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .count(db)
        .await?
        > 0;
    if taken {
        return Err(CoreError::validation(
            "email",
            ValidationCode::Duplicate,
            "another user has this e-mail",
        ));
    }
    let user = users::ActiveModel {
        name: Set(name),
        email: Set(email),
        role: Set(new_user.role.code().to_owned()),
        password_hash: Set(password::hash(&new_user.password)?),
        active: Set(true),
        created_at: Set(chrono::Utc::now()),
        // Their screens speak the company's language until they choose.
        language: Set(settings::document_language(db).await?.code().to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, actor, i64::from(user.id), "create", None, Some(&user)).await?;
    Ok(user)
}

/// Deactivates or reactivates a user. Nobody deactivates themselves, and the
/// last active manager stays, so the installation can always be managed.
pub async fn set_user_active<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    user_id: i64,
    active: bool,
) -> CoreResult<UserRow> {
    require(actor, Operation::ManageUsers)?;
    if !active && actor.user_id() == Some(user_id) {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::OwnAccountDeactivated,
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let before = users::Entity::find_by_id(id32(user_id)?)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found(Thing::User))?;
    if !active && before.role == Role::Manager.code() {
        let active_managers = users::Entity::find()
            .filter(users::Column::Role.eq(Role::Manager.code()))
            .filter(users::Column::Active.eq(true))
            .count(&txn)
            .await?;
        if active_managers <= 1 {
            return Err(CoreError::Conflict(
                parc_api::problem::Problem::LastManagerDeactivated,
            ));
        }
    }
    let mut model = before.clone().into_active_model();
    model.active = Set(active);
    let after = model.update(&txn).await?;
    if !active {
        remembered_entity::Entity::delete_many()
            .filter(remembered_entity::Column::UserId.eq(after.id))
            .exec(&txn)
            .await?;
    }
    let action = if active { "activate" } else { "deactivate" };
    audit::record(&txn, actor, user_id, action, Some(&before), Some(&after)).await?;
    txn.commit().await?;
    row_of(&after)
}

/// Sets a new password and forgets every remembered login of that user.
pub async fn reset_password<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    user_id: i64,
    new_password: &str,
) -> CoreResult<()> {
    require(actor, Operation::ManageUsers)?;
    validate::password("new_password", new_password)?;
    let txn = crate::db::begin_write(db).await?;
    let user = users::Entity::find_by_id(id32(user_id)?)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found(Thing::User))?;
    let mut model = user.clone().into_active_model();
    model.password_hash = Set(password::hash(new_password)?);
    model.update(&txn).await?;
    remembered_entity::Entity::delete_many()
        .filter(remembered_entity::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    // The hash itself is never audited; the fact of the reset is.
    audit::record::<users::Model>(&txn, actor, user_id, "reset_password", None, None).await?;
    txn.commit().await?;
    Ok(())
}

/// Sets the signed-in user's own interface language: anyone signed in, for
/// themselves only. It is their screens' alone (recorded in their own
/// history); documents keep the company's (`settings::document_language`).
pub async fn set_own_language<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    language: Language,
) -> CoreResult<()> {
    let user_id = actor.staff_row_id().ok_or(CoreError::Unauthenticated)?;
    let txn = crate::db::begin_write(db).await?;
    let before = users::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(CoreError::Unauthenticated)?;
    let mut model = before.clone().into_active_model();
    model.language = Set(language.code().to_owned());
    let after = model.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        i64::from(user_id),
        "language",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn remembered_still_good(
    remembered: &remembered_entity::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    now < remembered.created_at + REMEMBERED_FOR
}

async fn mark_remembered_used(
    db: &impl ConnectionTrait,
    remembered: &remembered_entity::Model,
) -> CoreResult<()> {
    let mut model = remembered.clone().into_active_model();
    model.last_used_at = Set(Some(chrono::Utc::now()));
    model.update(db).await?;
    Ok(())
}

/// Who may see and end a user's remembered logins: the user, or managers.
fn require_self_or_manager(actor: &Actor, user_id: i64) -> CoreResult<()> {
    if actor.user_id() == Some(user_id) {
        Ok(())
    } else {
        require(actor, Operation::ManageUsers)
    }
}

/// A user's remembered logins still good, newest first.
pub async fn list_remembered_logins(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i64,
) -> CoreResult<Vec<RememberedLoginRow>> {
    require_self_or_manager(actor, user_id)?;
    let oldest_good = chrono::Utc::now() - REMEMBERED_FOR;
    Ok(remembered_entity::Entity::find()
        .filter(remembered_entity::Column::UserId.eq(id32(user_id)?))
        .filter(remembered_entity::Column::CreatedAt.gt(oldest_good))
        .order_by_desc(remembered_entity::Column::CreatedAt)
        .order_by_desc(remembered_entity::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| RememberedLoginRow {
            id: i64::from(r.id),
            user_id: i64::from(r.user_id),
            created_at: r.created_at,
            last_used_at: r.last_used_at,
            expires_at: r.created_at + REMEMBERED_FOR,
        })
        .collect())
}

/// Ends one remembered login (the computer that holds it asks for the
/// password next time); the user's history records it.
pub async fn revoke_remembered_login<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<()> {
    let txn = crate::db::begin_write(db).await?;
    let remembered = remembered_entity::Entity::find_by_id(
        i32::try_from(id).map_err(|_| CoreError::not_found(Thing::RememberedLogin))?,
    )
    .one(&txn)
    .await?
    .ok_or(CoreError::not_found(Thing::RememberedLogin))?;
    require_self_or_manager(actor, i64::from(remembered.user_id))?;
    remembered_entity::Entity::delete_by_id(remembered.id)
        .exec(&txn)
        .await?;
    let change = FieldChange {
        field: "remembered_login".into(),
        before: Some(
            remembered
                .created_at
                .format("%Y-%m-%d %H:%M UTC")
                .to_string(),
        ),
        after: None,
    };
    audit::entry_of_changes(
        actor,
        users::Model::ENTITY,
        i64::from(remembered.user_id),
        "revoke remembered login",
        &[change],
    )?
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Gives a user another role. Nobody changes their own, and the last
/// active manager stays one, so the installation can always be managed.
/// Their open sessions follow at their next command (`current_session`).
pub async fn set_user_role<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    user_id: i64,
    role: Role,
) -> CoreResult<UserRow> {
    require(actor, Operation::ManageUsers)?;
    if actor.user_id() == Some(user_id) {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::OwnRoleChanged,
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let before = users::Entity::find_by_id(id32(user_id)?)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found(Thing::User))?;
    if before.role == Role::Manager.code() && role != Role::Manager && before.active {
        let active_managers = users::Entity::find()
            .filter(users::Column::Role.eq(Role::Manager.code()))
            .filter(users::Column::Active.eq(true))
            .count(&txn)
            .await?;
        if active_managers <= 1 {
            return Err(CoreError::Conflict(
                parc_api::problem::Problem::LastManagerDemoted,
            ));
        }
    }
    let mut model = before.clone().into_active_model();
    model.role = Set(role.code().to_owned());
    let after = model.update(&txn).await?;
    audit::record(&txn, actor, user_id, "role", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    row_of(&after)
}

/// The session as the users row has it now: `None` once the user is
/// deactivated or gone; their role, rights, name and language as they are
/// now (the rest of the session as it was). The desktop asks before every
/// command, so a manager's change applies to open sessions at once.
pub async fn current_session(
    db: &impl ConnectionTrait,
    session: &SessionInfo,
) -> CoreResult<Option<SessionInfo>> {
    let Some(user) = users::Entity::find_by_id(id32(session.user_id)?)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if !user.active {
        return Ok(None);
    }
    let now = session_of(&user)?;
    Ok(Some(SessionInfo {
        name: now.name,
        email: now.email,
        role: now.role,
        permissions: now.permissions,
        language: now.language,
        ..session.clone()
    }))
}
