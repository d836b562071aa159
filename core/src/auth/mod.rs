//! First-run set-up, login, "remember me" tokens and user management.
//!
//! Only managers manage users; the check is here in core (via `authz`), so a
//! technician calling the command directly is refused just the same.

pub mod password;
pub mod remembered_entity;
pub mod user_entity;

use crate::actor::Actor;
use crate::audit::{self, Audited};
use crate::authz::{self, require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::{settings, validate};
use parc_api::auth::{Role, SessionInfo, SetupRequest};
use parc_api::users::{NewUser, UserRow};
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
        ]
    }
}

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
    let txn = db.begin().await?;
    if !needs_setup(&txn).await? {
        return Err(CoreError::Conflict("Parc is already set up".into()));
    }
    settings::set_company(&txn, &Actor::System, &request.company).await?;
    settings::set_language(&txn, request.language).await?;
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

/// Checks an e-mail and password; the same message for every failure so the
/// screen does not tell which accounts exist.
pub async fn login(
    db: &impl ConnectionTrait,
    email: &str,
    password_typed: &str,
) -> CoreResult<SessionInfo> {
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
        Some(user) if right && user.active => session_of(&user),
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

/// The session a remembered token stands for, if the token and user are still valid.
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
    match users::Entity::find_by_id(remembered.user_id)
        .one(db)
        .await?
    {
        Some(user) if user.active => Ok(Some(session_of(&user)?)),
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
    i32::try_from(id).map_err(|_| CoreError::not_found("user"))
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
    let txn = db.begin().await?;
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
            "you cannot deactivate your own account".into(),
        ));
    }
    let txn = db.begin().await?;
    let before = users::Entity::find_by_id(id32(user_id)?)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found("user"))?;
    if !active && before.role == Role::Manager.code() {
        let active_managers = users::Entity::find()
            .filter(users::Column::Role.eq(Role::Manager.code()))
            .filter(users::Column::Active.eq(true))
            .count(&txn)
            .await?;
        if active_managers <= 1 {
            return Err(CoreError::Conflict(
                "the last active manager cannot be deactivated".into(),
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
    let txn = db.begin().await?;
    let user = users::Entity::find_by_id(id32(user_id)?)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found("user"))?;
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
