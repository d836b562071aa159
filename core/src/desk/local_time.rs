//! Wall-clock times of the company: what a technician types in a datetime
//! field ("2026-11-27T09:30") and what a report prints are local times of
//! the company's time zone — the default SLA calendar's — while the database
//! keeps instants in UTC. Converting here, once, keeps a visit at 09:30 in
//! Paris at 09:30 on both sides of a daylight saving change.
//!
//! The UI formats date-times in the same zone, named in the start-up state.

use super::sla_calendar_entity as calendars;
use super::sla_policy::DEFAULT_CALENDAR;
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, NaiveDateTime, Utc};
use jiff::tz::TimeZone;
use parc_api::ValidationCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The zone used when no calendar names one.
const FALLBACK_ZONE: &str = "Europe/Paris";

/// The company's time zone, and its IANA name (which the UI formats with).
#[derive(Clone, Debug)]
pub struct CompanyZone(TimeZone, String);

impl CompanyZone {
    pub async fn load(db: &impl ConnectionTrait) -> CoreResult<Self> {
        let name = calendars::Entity::find()
            .filter(calendars::Column::Name.eq(DEFAULT_CALENDAR))
            .one(db)
            .await?
            .map(|c| c.time_zone)
            .unwrap_or_else(|| FALLBACK_ZONE.to_owned());
        Ok(Self::named(&name))
    }

    pub fn named(name: &str) -> Self {
        match TimeZone::get(name) {
            Ok(zone) => Self(zone, name.to_owned()),
            Err(_) => match TimeZone::get(FALLBACK_ZONE) {
                Ok(zone) => Self(zone, FALLBACK_ZONE.to_owned()),
                Err(_) => Self(TimeZone::UTC, "UTC".to_owned()),
            },
        }
    }

    /// The zone's IANA name, e.g. "Europe/Paris".
    pub fn name(&self) -> &str {
        &self.1
    }

    /// Reads "YYYY-MM-DDTHH:MM" (or with a space) as a local time; empty is
    /// none. A time a daylight saving change skips moves forward.
    pub fn parse(&self, field: &str, text: &str) -> CoreResult<Option<DateTime<Utc>>> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let bad = || {
            CoreError::validation(
                field,
                ValidationCode::InvalidFormat,
                "a date and time such as 2026-11-27 09:30",
            )
        };
        let naive = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
            .ok_or_else(bad)?;
        let civil = jiff::civil::DateTime::new(
            i16::try_from(chrono::Datelike::year(&naive)).map_err(|_| bad())?,
            i8::try_from(chrono::Datelike::month(&naive)).map_err(|_| bad())?,
            i8::try_from(chrono::Datelike::day(&naive)).map_err(|_| bad())?,
            i8::try_from(chrono::Timelike::hour(&naive)).map_err(|_| bad())?,
            i8::try_from(chrono::Timelike::minute(&naive)).map_err(|_| bad())?,
            0,
            0,
        )
        .map_err(|_| bad())?;
        let instant = self
            .0
            .to_ambiguous_timestamp(civil)
            .compatible()
            .map_err(|_| bad())?;
        DateTime::from_timestamp(instant.as_second(), 0)
            .map(Some)
            .ok_or_else(bad)
    }

    fn civil(&self, at: DateTime<Utc>) -> Option<jiff::civil::DateTime> {
        jiff::Timestamp::from_second(at.timestamp())
            .ok()
            .map(|t| t.to_zoned(self.0.clone()).datetime())
    }

    /// "YYYY-MM-DDTHH:MM", what a datetime field shows.
    pub fn field_text(&self, at: Option<DateTime<Utc>>) -> String {
        at.and_then(|at| self.civil(at))
            .map(|c| c.strftime("%Y-%m-%dT%H:%M").to_string())
            .unwrap_or_default()
    }

    /// "27/11/2026 09:30" or "2026-11-27 09:30" as the language writes it.
    pub fn display(&self, at: DateTime<Utc>, french: bool) -> String {
        let format = if french {
            "%d/%m/%Y %H:%M"
        } else {
            "%Y-%m-%d %H:%M"
        };
        self.civil(at)
            .map(|c| c.strftime(format).to_string())
            .unwrap_or_default()
    }

    /// The local day of an instant.
    pub fn day(&self, at: DateTime<Utc>) -> Option<chrono::NaiveDate> {
        let c = self.civil(at)?;
        chrono::NaiveDate::from_ymd_opt(
            i32::from(c.year()),
            u32::try_from(c.month()).ok()?,
            u32::try_from(c.day()).ok()?,
        )
    }

    /// The instant a local day starts.
    pub fn start_of(&self, day: chrono::NaiveDate) -> Option<DateTime<Utc>> {
        self.parse("day", &format!("{day}T00:00")).ok().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_round_trip_across_daylight_saving() {
        let paris = CompanyZone::named("Europe/Paris");
        let winter = paris.parse("at", "2026-11-27T09:30").unwrap().unwrap();
        assert_eq!(winter.to_rfc3339(), "2026-11-27T08:30:00+00:00");
        let summer = paris.parse("at", "2026-07-01 09:30").unwrap().unwrap();
        assert_eq!(summer.to_rfc3339(), "2026-07-01T07:30:00+00:00");
        assert_eq!(paris.field_text(Some(summer)), "2026-07-01T09:30");
        assert_eq!(paris.display(winter, true), "27/11/2026 09:30");
        assert_eq!(paris.day(winter).unwrap().to_string(), "2026-11-27");
    }

    #[test]
    fn bad_times_name_their_field() {
        let paris = CompanyZone::named("Europe/Paris");
        assert!(paris.parse("at", "").unwrap().is_none());
        let error = paris.parse("scheduled_start", "tomorrow").unwrap_err();
        assert!(format!("{error:?}").contains("scheduled_start"));
        assert!(paris.parse("at", "2026-02-30T10:00").is_err());
    }
}
