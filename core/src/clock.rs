//! Today's date as the business sees it: the local calendar day of the
//! machine Parc runs on (an MSP bills in its own time zone).

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
