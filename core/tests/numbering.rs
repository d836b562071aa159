//! Settings → Numbering: every sequence listed with the reference it gives
//! next; a change applies to the next record; a number never goes back
//! below one already given; invoices and credit notes keep their unbroken
//! yearly series; wrong values are refused by field; technicians cannot
//! change anything.

use chrono::NaiveDate;
use parc_api::sequences::SequenceInput;
use parc_api::ValidationCode;
use parc_core::sequences::{self, settings};
use parc_core::{db, Actor, CoreError};

type R = Result<(), Box<dyn std::error::Error>>;

fn input(code: &str, prefix: &str, padding: &str, yearly: bool, next: &str) -> SequenceInput {
    SequenceInput {
        code: code.into(),
        prefix: prefix.into(),
        padding: padding.into(),
        yearly_reset: yearly,
        next_number: Some(next.into()),
    }
}

fn refused(result: Result<impl std::fmt::Debug, CoreError>, field: &str, code: ValidationCode) {
    match result.as_ref().err().and_then(CoreError::refused_field) {
        Some(refused) => assert_eq!(refused, (field, code)),
        None => panic!("expected {field} refused with {code:?}, got {result:?}"),
    }
}

#[tokio::test]
async fn numbering_is_changed_for_the_next_record_only() -> R {
    let db = db::open_in_memory().await?;
    let manager = Actor::manager(1, "Mia");
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).ok_or("date")?;

    let listed = settings::list(&db, &manager, today).await?;
    let next: Vec<String> = listed.iter().map(|s| s.next_reference()).collect();
    assert_eq!(
        next,
        [
            "C00001",
            "EQ000001",
            "CT00001",
            "T000001",
            "INT000001",
            "LIC00001",
            "FA-2026-00001",
            "AV-2026-00001"
        ]
    );
    assert_eq!(
        sequences::next_reference(&db, "client", today).await?,
        "C00001"
    );

    let saved = settings::save(
        &db,
        &manager,
        &input("client", "CLI-", "3", false, "500"),
        today,
    )
    .await?;
    assert_eq!(saved.next_reference(), "CLI-500");
    assert_eq!(
        sequences::next_reference(&db, "client", today).await?,
        "CLI-500"
    );
    assert_eq!(
        sequences::next_reference(&db, "client", today).await?,
        "CLI-501"
    );
    // Back below a number given: references would repeat.
    refused(
        settings::save(
            &db,
            &manager,
            &input("client", "CLI-", "3", false, "501"),
            today,
        )
        .await,
        "next_number",
        ValidationCode::NumberGoesBack,
    );
    // Up is fine, and a yearly series starts the year's count where asked.
    let yearly =
        settings::save(&db, &manager, &input("ticket", "T-", "4", true, "1"), today).await?;
    assert_eq!(yearly.next_reference(), "T-2026-0001");

    // Invoices: the prefix may change, the series may not.
    let invoice =
        settings::save(&db, &manager, &input("invoice", "F", "6", true, "1"), today).await?;
    assert_eq!(invoice.next_reference(), "F2026-000001");
    refused(
        settings::save(
            &db,
            &manager,
            &input("invoice", "F", "6", true, "40"),
            today,
        )
        .await,
        "next_number",
        ValidationCode::SeriesLocked,
    );
    refused(
        settings::save(
            &db,
            &manager,
            &input("credit_note", "AV-", "5", false, "1"),
            today,
        )
        .await,
        "yearly_reset",
        ValidationCode::SeriesLocked,
    );

    // Wrong values, named by their field; nothing saved.
    for (bad, field, code) in [
        (
            input("client", "A B", "3", false, "600"),
            "prefix",
            ValidationCode::InvalidFormat,
        ),
        (
            input("client", "ABCDEFGHIJKLM", "3", false, "600"),
            "prefix",
            ValidationCode::TooLong,
        ),
        (
            input("client", "C", "12", false, "600"),
            "padding",
            ValidationCode::OutOfRange,
        ),
        (
            input("client", "C", "x", false, "600"),
            "padding",
            ValidationCode::InvalidFormat,
        ),
        (
            input("client", "C", "3", false, "0"),
            "next_number",
            ValidationCode::OutOfRange,
        ),
        (
            input("client", "C", "3", false, "six"),
            "next_number",
            ValidationCode::InvalidFormat,
        ),
        (
            input("cheese", "C", "3", false, "1"),
            "code",
            ValidationCode::Unknown,
        ),
    ] {
        refused(
            settings::save(&db, &manager, &bad, today).await,
            field,
            code,
        );
    }
    let tech = Actor::technician(2, "Tom");
    assert!(matches!(
        settings::save(&db, &tech, &input("client", "X", "3", false, "900"), today).await,
        Err(CoreError::Forbidden(_))
    ));
    assert!(matches!(
        settings::list(&db, &tech, today).await,
        Err(CoreError::Forbidden(_))
    ));
    assert_eq!(
        sequences::next_reference(&db, "client", today).await?,
        "CLI-502"
    );
    Ok(())
}

/// On the demo, whose tickets T000001… and invoices FA-2026-… exist: a
/// yearly restart switched on then off again cannot bring back a number
/// already given, a credit note cannot take the invoices' prefix, and a
/// number left untouched is not checked against a page read long ago.
#[tokio::test]
async fn a_reference_already_given_is_never_handed_out_again() -> R {
    let db = db::open_in_memory().await?;
    parc_core::demo::fill(&db).await?;
    let manager = Actor::manager(1, "Mia");
    let today = parc_core::clock::today();
    let tickets = settings::list(&db, &manager, today)
        .await?
        .into_iter()
        .find(|s| s.code == "ticket")
        .ok_or("no ticket sequence")?;
    assert!(tickets.next_number > 5, "the demo has tickets");

    settings::save(&db, &manager, &input("ticket", "T", "6", true, "1"), today).await?;
    refused(
        settings::save(&db, &manager, &input("ticket", "T", "6", false, "5"), today).await,
        "next_number",
        ValidationCode::NumberGoesBack,
    );
    // Back to the old form at its old next number: free, so fine.
    let back = input("ticket", "T", "6", false, &tickets.next_number.to_string());
    settings::save(&db, &manager, &back, today).await?;

    refused(
        settings::save(
            &db,
            &manager,
            &input("credit_note", "FA-", "5", true, "1"),
            today,
        )
        .await,
        "next_number",
        ValidationCode::SeriesLocked,
    );
    let untouched = SequenceInput {
        next_number: None,
        ..input("credit_note", "FA-", "5", true, "")
    };
    refused(
        settings::save(&db, &manager, &untouched, today).await,
        "next_number",
        ValidationCode::NumberGoesBack,
    );
    // Untouched and free: only the prefix changes.
    let renamed = SequenceInput {
        next_number: None,
        ..input("credit_note", "AVOIR-", "5", true, "")
    };
    let saved = settings::save(&db, &manager, &renamed, today).await?;
    assert!(saved.next_reference().starts_with("AVOIR-"));
    Ok(())
}
