//! The alert rules: defaults for a new database, kept as rows once changed.

use super::rule_entity as rules;
use crate::error::CoreResult;
use parc_api::alerts::{AlertRule, AlertRuleCode};
use sea_orm::{ConnectionTrait, EntityTrait};

/// A rule as a new database has it: on, its default thresholds, on the
/// desktop and in the managers' digest.
pub fn default_rule(code: AlertRuleCode) -> AlertRule {
    AlertRule {
        code,
        enabled: true,
        thresholds: code.default_thresholds(),
        desktop: true,
        email_managers: true,
        email_client: false,
    }
}

/// Thresholds as stored ("90,30,7"), largest first; what does not read as
/// days is left out.
pub fn parse_thresholds(text: &str) -> Vec<i64> {
    let mut days: Vec<i64> = text
        .split(',')
        .filter_map(|d| d.trim().parse().ok())
        .filter(|d| (0..=3650).contains(d))
        .collect();
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    days
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
    use super::parse_thresholds;

    #[test]
    fn thresholds_read_largest_first_without_repeats_or_junk() {
        assert_eq!(parse_thresholds("7, 90,30,x,30,-2"), vec![90, 30, 7]);
        assert!(parse_thresholds("").is_empty());
    }
}
