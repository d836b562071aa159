//! Today's date as the business sees it: the local calendar day of the
//! machine Parc runs on (an MSP bills in its own time zone).

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
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
