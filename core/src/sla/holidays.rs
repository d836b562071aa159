//! French public holidays, computed for any year: the eight fixed ones and
//! the three that follow Easter (Easter Monday, Ascension Thursday, Whit
//! Monday). Settings pre-fill an SLA calendar with them; an MSP in
//! Alsace-Moselle or abroad edits the list.
//!
//! Easter is computed by the Gregorian computus (the anonymous algorithm).

use chrono::{Datelike, Days, NaiveDate};

/// Easter Sunday of `year` (Gregorian calendar; the anonymous algorithm
/// published in *Nature*, 1876).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The eleven public holidays of mainland France in `year`, in date order.
pub fn french_public_holidays(year: i32) -> Vec<NaiveDate> {
    let fixed = [
        (1, 1),   // Jour de l'an
        (5, 1),   // Fête du travail
        (5, 8),   // Victoire 1945
        (7, 14),  // Fête nationale
        (8, 15),  // Assomption
        (11, 1),  // Toussaint
        (11, 11), // Armistice
        (12, 25), // Noël
    ];
    let mut days: Vec<NaiveDate> = fixed
        .iter()
        .filter_map(|(m, d)| NaiveDate::from_ymd_opt(year, *m, *d))
        .collect();
    if let Some(easter) = easter_sunday(year) {
        // Easter Monday, Ascension Thursday, Whit Monday.
        for offset in [1, 39, 50] {
            if let Some(day) = easter.checked_add_days(Days::new(offset)) {
                days.push(day);
            }
        }
    }
    days.sort();
    days.dedup();
    days.retain(|d| d.year() == year);
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_falls_on_the_known_sundays() {
        assert_eq!(easter_sunday(2024), Some(day(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(day(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(day(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(day(2027, 3, 28)));
        assert_eq!(easter_sunday(2038), Some(day(2038, 4, 25)));
    }

    #[test]
    fn france_has_eleven_public_holidays() {
        let days = french_public_holidays(2026);
        assert_eq!(days.len(), 11);
        for expected in [
            day(2026, 1, 1),
            day(2026, 4, 6),  // Easter Monday
            day(2026, 5, 14), // Ascension
            day(2026, 5, 25), // Whit Monday
            day(2026, 7, 14),
            day(2026, 12, 25),
        ] {
            assert!(days.contains(&expected), "{expected}");
        }
        // In 2008, Ascension fell on 1 May: ten distinct days.
        assert_eq!(french_public_holidays(2008).len(), 10);
    }
}
