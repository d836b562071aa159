//! The alert rules: defaults for a new database, kept as rows once changed.

use super::rule_entity as rules;
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::Actor;
use chrono::Utc;
use parc_api::alerts::{AlertRule, AlertRuleCode, AlertRuleInput};
use parc_api::ValidationCode;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

/// The most thresholds a rule may have: more would only repeat itself.
pub const MAX_THRESHOLDS: usize = 6;
/// The farthest threshold, in days (ten years).
pub const MAX_THRESHOLD_DAYS: i64 = 3650;

/// A rule as a new database has it: on, its default thresholds, on the
/// desktop and in the managers' digest; a contract entering its notice
/// period is also mailed to the client's primary contact.
pub fn default_rule(code: AlertRuleCode) -> AlertRule {
    AlertRule {
        code,
        enabled: true,
        thresholds: code.default_thresholds(),
        desktop: true,
        email_managers: true,
        email_client: code == AlertRuleCode::ContractEnd,
    }
}

/// Each threshold of a text ("90, 30, 7"; commas, semicolons or spaces
/// between): its days, or why that part is not a threshold. The one rule
/// for a threshold, for typed and for stored texts.
fn each_threshold(text: &str) -> impl Iterator<Item = Result<i64, String>> + '_ {
    text.split([',', ';', ' '])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| match part.parse::<i64>() {
            Ok(day) if (0..=MAX_THRESHOLD_DAYS).contains(&day) => Ok(day),
            Ok(day) => Err(format!(
                "{day} days: a threshold is between 0 and {MAX_THRESHOLD_DAYS} days"
            )),
            Err(_) => Err(format!(
                "\"{part}\" is not a number of days: write days separated by commas, e.g. 90, 30, 7"
            )),
        })
}

/// Largest first, without repeats: the order the scan raises them in.
fn largest_first(mut days: Vec<i64>) -> Vec<i64> {
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    days
}

/// Thresholds as stored ("90,30,7"), largest first; what does not read as
/// days is left out.
pub fn parse_thresholds(text: &str) -> Vec<i64> {
    largest_first(each_threshold(text).filter_map(Result::ok).collect())
}

/// Reads typed thresholds ("90, 30, 7"), refusing what is not a whole
/// number of days, naming it; largest first, without repeats.
pub fn read_thresholds(typed: &str) -> CoreResult<Vec<i64>> {
    let field = "thresholds";
    let days = each_threshold(typed)
        .collect::<Result<Vec<i64>, String>>()
        .map_err(|why| CoreError::validation(field, ValidationCode::InvalidFormat, why))?;
    let days = largest_first(days);
    if days.len() > MAX_THRESHOLDS {
        return Err(CoreError::validation(
            field,
            ValidationCode::TooLong,
            format!("at most {MAX_THRESHOLDS} thresholds"),
        ));
    }
    Ok(days)
}

/// Checks and saves a rule; a rule counting days before a date needs at
/// least one threshold while it is on.
pub async fn save(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &AlertRuleInput,
) -> CoreResult<AlertRule> {
    require(actor, Operation::ManageSettings)?;
    let thresholds = if input.code.has_thresholds() {
        read_thresholds(&input.thresholds)?
    } else {
        Vec::new()
    };
    if input.enabled && input.code.has_thresholds() && thresholds.is_empty() {
        return Err(CoreError::validation(
            "thresholds",
            ValidationCode::Required,
            "give at least one threshold in days (e.g. 30), or switch the rule off",
        ));
    }
    let rule = AlertRule {
        code: input.code,
        enabled: input.enabled,
        thresholds,
        desktop: input.desktop,
        email_managers: input.email_managers,
        email_client: input.email_client,
    };
    let text = rule
        .thresholds
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    rules::Entity::insert(rules::ActiveModel {
        code: Set(rule.code.code().to_owned()),
        enabled: Set(rule.enabled),
        thresholds: Set(text),
        desktop: Set(rule.desktop),
        email_managers: Set(rule.email_managers),
        email_client: Set(rule.email_client),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(rules::Column::Code)
            .update_columns([
                rules::Column::Enabled,
                rules::Column::Thresholds,
                rules::Column::Desktop,
                rules::Column::EmailManagers,
                rules::Column::EmailClient,
                rules::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(rule)
}

/// Every rule, for the settings page.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<Vec<AlertRule>> {
    require(actor, Operation::ManageSettings)?;
    all(db).await
}

/// Every rule, saved or default, in `AlertRuleCode::ALL`'s order.
pub async fn all(db: &impl ConnectionTrait) -> CoreResult<Vec<AlertRule>> {
    let saved = rules::Entity::find().all(db).await?;
    Ok(AlertRuleCode::ALL
        .into_iter()
        .map(|code| match saved.iter().find(|r| r.code == code.code()) {
            Some(row) => AlertRule {
                code,
                enabled: row.enabled,
                thresholds: parse_thresholds(&row.thresholds),
                desktop: row.desktop,
                email_managers: row.email_managers,
                email_client: row.email_client,
            },
            None => default_rule(code),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{parse_thresholds, read_thresholds};

    #[test]
    fn thresholds_read_largest_first_without_repeats_or_junk() {
        assert_eq!(parse_thresholds("7, 90,30,x,30,-2"), vec![90, 30, 7]);
        assert!(parse_thresholds("").is_empty());
    }

    #[test]
    fn typed_thresholds_are_checked_and_named() {
        assert_eq!(read_thresholds("7, 90 30,30").unwrap(), vec![90, 30, 7]);
        assert!(read_thresholds(" ").unwrap().is_empty());
        let error = read_thresholds("90, soon").unwrap_err().to_string();
        assert!(error.contains("soon"), "{error}");
        assert!(read_thresholds("-1").is_err());
        assert!(read_thresholds("4000").is_err());
        assert!(read_thresholds("1,2,3,4,5,6,7").is_err());
    }
}
