//! Technicians as the service desk sees them: job position, weekly
//! capacity, skills with a level; ticket categories and the skill each
//! needs; and the suggested assignee of a ticket — the active user who has
//! the category's skill and the fewest open tickets (then the highest
//! level, then by name), with the reason shown.

use super::skill_entity as skills;
use super::technician_profile_entity as profiles;
use super::technician_skill_entity as technician_skills;
use super::ticket_category_entity as categories;
use super::ticket_entity as tickets;
use crate::auth::user_entity as users;
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use crate::{validate, Actor};
use parc_api::problem::Thing;
use parc_api::tickets::{
    AssigneeSuggestion, DeskCatalogue, Skill, SkillLevel, TechnicianInput, TechnicianRow,
    TicketCategory, TicketStatus,
};
use parc_api::ValidationCode;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

/// Adds a skill (names are unique, compared without case).
pub async fn create_skill(db: &impl ConnectionTrait, actor: &Actor, name: &str) -> CoreResult<i64> {
    require(actor, Operation::ManageUsers)?;
    let name = validate::required("name", name, 80)?;
    let taken = skills::Entity::find()
        .all(db)
        .await?
        .iter()
        .any(|s| s.name.to_lowercase() == name.to_lowercase());
    if taken {
        return Err(CoreError::validation(
            "name",
            ValidationCode::Duplicate,
            "another skill has this name",
        ));
    }
    let saved = skills::ActiveModel {
        name: Set(name),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(i64::from(saved.id))
}

/// Adds a ticket category, and the skill it needs.
pub async fn create_category(
    db: &impl ConnectionTrait,
    actor: &Actor,
    name: &str,
    skill_id: Option<i64>,
) -> CoreResult<i64> {
    require(actor, Operation::ManageUsers)?;
    let name = validate::required("name", name, 80)?;
    let skill_id = match skill_id {
        Some(id) => Some(
            skills::Entity::find_by_id(id32(id, Thing::Skill)?)
                .one(db)
                .await?
                .ok_or_else(|| {
                    CoreError::validation("skill_id", ValidationCode::Unknown, "is not a skill")
                })?
                .id,
        ),
        None => None,
    };
    let saved = categories::ActiveModel {
        name: Set(name),
        skill_id: Set(skill_id),
        archived: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(i64::from(saved.id))
}

/// The skills and the categories still in use, by name.
pub async fn catalogue(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<DeskCatalogue> {
    require(actor, Operation::ReadTickets)?;
    let skills: Vec<Skill> = skills::Entity::find()
        .order_by_asc(skills::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|s| Skill {
            id: i64::from(s.id),
            name: s.name,
        })
        .collect();
    let categories = categories::Entity::find()
        .filter(categories::Column::Archived.eq(false))
        .order_by_asc(categories::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|c| TicketCategory {
            id: i64::from(c.id),
            skill_name: c.skill_id.and_then(|id| {
                skills
                    .iter()
                    .find(|s| s.id == i64::from(id))
                    .map(|s| s.name.clone())
            }),
            skill_id: c.skill_id.map(i64::from),
            name: c.name,
        })
        .collect();
    Ok(DeskCatalogue { skills, categories })
}

/// Saves a technician's position, capacity and skills (replacing them).
pub async fn set_profile<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &TechnicianInput,
) -> CoreResult<()> {
    require(actor, Operation::ManageUsers)?;
    let txn = crate::db::begin_write(db).await?;
    let user = users::Entity::find_by_id(id32(input.user_id, Thing::User)?)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found(Thing::User))?;
    let job_position = validate::optional("job_position", &input.job_position, 120)?;
    let weekly_minutes = parc_api::billing::parse_hours(&input.weekly_hours)
        .filter(|m| (0..=80 * 60).contains(m))
        .ok_or_else(|| {
            CoreError::validation(
                "weekly_hours",
                ValidationCode::InvalidFormat,
                "must be a number of hours from 0 to 80, like 35, 37.5 or 37:30",
            )
        })?;
    for (i, (_, level)) in input.skills.iter().enumerate() {
        if !(1..=3).contains(level) {
            return Err(CoreError::validation(
                &format!("skills[{i}].level"),
                ValidationCode::InvalidFormat,
                "must be 1, 2 or 3",
            ));
        }
    }
    profiles::Entity::insert(profiles::ActiveModel {
        user_id: Set(user.id),
        job_position: Set(job_position),
        weekly_minutes: Set(i32::try_from(weekly_minutes).unwrap_or(0)),
        updated_at: Set(chrono::Utc::now()),
    })
    .on_conflict(
        OnConflict::column(profiles::Column::UserId)
            .update_columns([
                profiles::Column::JobPosition,
                profiles::Column::WeeklyMinutes,
                profiles::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(&txn)
    .await?;
    technician_skills::Entity::delete_many()
        .filter(technician_skills::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    for (i, (skill_id, level)) in input.skills.iter().enumerate() {
        let skill = skills::Entity::find_by_id(id32(*skill_id, Thing::Skill)?)
            .one(&txn)
            .await?
            .ok_or_else(|| {
                CoreError::validation(
                    &format!("skills[{i}].skill_id"),
                    ValidationCode::Unknown,
                    "is not a skill",
                )
            })?;
        technician_skills::ActiveModel {
            user_id: Set(user.id),
            skill_id: Set(skill.id),
            level: Set(i32::try_from(*level).unwrap_or(1)),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Open tickets per assignee, in one grouped query.
async fn workloads(db: &impl ConnectionTrait) -> CoreResult<HashMap<i32, u64>> {
    let open: Vec<&str> = TicketStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.code())
        .collect();
    Ok(tickets::Entity::find()
        .select_only()
        .column(tickets::Column::AssigneeId)
        .column_as(tickets::Column::Id.count(), "open")
        .filter(tickets::Column::AssigneeId.is_not_null())
        .filter(tickets::Column::Status.is_in(open))
        .group_by(tickets::Column::AssigneeId)
        .into_tuple::<(Option<i32>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(user, n)| user.map(|u| (u, n.unsigned_abs())))
        .collect())
}

/// Every active user with their profile, skills and workload.
pub async fn list_technicians(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> CoreResult<Vec<TechnicianRow>> {
    require(actor, Operation::ReadTickets)?;
    let people = users::Entity::find()
        .filter(users::Column::Active.eq(true))
        .order_by_asc(users::Column::Name)
        .all(db)
        .await?;
    let profiles: HashMap<i32, profiles::Model> = profiles::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.user_id, p))
        .collect();
    let names: HashMap<i32, String> = skills::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut levels: HashMap<i32, Vec<SkillLevel>> = HashMap::new();
    for row in technician_skills::Entity::find().all(db).await? {
        levels.entry(row.user_id).or_default().push(SkillLevel {
            skill_id: i64::from(row.skill_id),
            skill_name: names.get(&row.skill_id).cloned().unwrap_or_default(),
            level: i64::from(row.level),
        });
    }
    let load = workloads(db).await?;
    Ok(people
        .into_iter()
        .map(|user| {
            let profile = profiles.get(&user.id);
            TechnicianRow {
                user_id: i64::from(user.id),
                job_position: profile.map(|p| p.job_position.clone()).unwrap_or_default(),
                weekly_minutes: profile.map_or(0, |p| i64::from(p.weekly_minutes)),
                skills: levels.remove(&user.id).unwrap_or_default(),
                open_tickets: load.get(&user.id).copied().unwrap_or(0),
                name: user.name,
            }
        })
        .collect())
}

/// Who should take a ticket of `category_id`: among the active users who
/// have the category's skill, the one with the fewest open tickets, then the
/// highest level, then by name. None when the category needs no skill or
/// nobody has it.
pub async fn suggest_assignee(
    db: &impl ConnectionTrait,
    actor: &Actor,
    category_id: i64,
) -> CoreResult<Option<AssigneeSuggestion>> {
    require(actor, Operation::ReadTickets)?;
    let Some(category) = categories::Entity::find_by_id(id32(category_id, Thing::Category)?)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(skill_id) = category.skill_id else {
        return Ok(None);
    };
    let skill = skills::Entity::find_by_id(skill_id)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Skill))?;
    let holders = technician_skills::Entity::find()
        .filter(technician_skills::Column::SkillId.eq(skill_id))
        .all(db)
        .await?;
    let active: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Active.eq(true))
        .filter(users::Column::Id.is_in(holders.iter().map(|h| h.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let load = workloads(db).await?;
    let mut candidates: Vec<(u64, i32, String, i32)> = holders
        .iter()
        .filter_map(|h| {
            let name = active.get(&h.user_id)?;
            Some((
                load.get(&h.user_id).copied().unwrap_or(0),
                -h.level,
                name.clone(),
                h.user_id,
            ))
        })
        .collect();
    candidates.sort();
    let count = candidates.len() as u64;
    Ok(candidates
        .into_iter()
        .next()
        .map(|(open_tickets, level, name, user_id)| AssigneeSuggestion {
            user_id: i64::from(user_id),
            name,
            skill_name: skill.name.clone(),
            level: i64::from(-level),
            open_tickets,
            candidates: count,
        }))
}
