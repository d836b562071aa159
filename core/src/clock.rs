//! Today's date as the business sees it: the local calendar day of the
//! machine Parc runs on (an MSP bills in its own time zone).

pub fn today() -> chrono::NaiveDate {
    day_of(chrono::Utc::now())
}

/// The machine's calendar day of an instant: `today()` for now (figures
/// asked "at" an instant count days as the lists they open do).
pub fn day_of(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    at.with_timezone(&chrono::Local).date_naive()
}

/// The instants of whole days `[from, to]` as a half-open UTC range, how
/// time entries are matched to a billing period.
pub fn utc_days(
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) {
    let start = |day: chrono::NaiveDate| day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    (start(from), start(to.succ_opt().unwrap_or(to)))
}
