//! The story of a client's contracts, on a real SQLite database built by the
//! migrations: contracts created and activated through the services, the
//! invoice run on successive billing dates (a prorated first month, three
//! monthly invoices, a quarterly and a yearly one), idempotent runs, a
//! credit note, the PDF an accountant reads and the CSV export.

use chrono::{Datelike, NaiveDate};
use parc_api::auth::CompanyIdentity;
use parc_api::billing::Periodicity;
use parc_api::contracts::{ContractInput, ContractLineInput, ContractStatus, ContractStatusChange};
use parc_api::invoices::{InvoiceKind, InvoiceQuery, InvoiceStatus, PaymentInput};
use parc_api::settings::InvoicingSettings;
use parc_core::dataset::{self, Size};
use parc_core::db::open_in_memory;
use parc_core::{contracts, invoices, settings, Actor, CoreError};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::process::Command;

type R = Result<(), Box<dyn std::error::Error>>;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn manager() -> Actor {
    Actor::manager(1, "Mia")
}

async fn numbers(db: &DatabaseConnection, sql: &str) -> Vec<Vec<String>> {
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        sql.to_owned(),
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|row| {
        (0..)
            .map_while(|i| {
                row.try_get_by_index::<Option<String>>(i)
                    .map(|v| v.unwrap_or_default())
                    .or_else(|_| {
                        row.try_get_by_index::<Option<i64>>(i)
                            .map(|v| v.map(|n| n.to_string()).unwrap_or_default())
                    })
                    .ok()
            })
            .collect()
    })
    .collect()
}

/// A client with two sites and five equipment, and the company's identity.
async fn installation() -> Result<(DatabaseConnection, i64, Vec<i64>), Box<dyn std::error::Error>> {
    let db = open_in_memory().await?;
    dataset::generate(
        &db,
        Size {
            clients: 1,
            sites_per_client: 2,
            contacts_per_client: 1,
            equipment: 5,
            contracts: 0,
            tickets: 0,
        },
    )
    .await?;
    settings::set_document_language(&db, &Actor::System, parc_api::auth::Language::Fr).await?;
    settings::set_company(
        &db,
        &manager(),
        &CompanyIdentity {
            name: "Ardennes Informatique Services".into(),
            address: "12 rue de l'Église\n08000 Charleville-Mézières".into(),
            siret: "732 829 320 00074".into(),
            vat_number: "FR44732829320".into(),
        },
    )
    .await?;
    settings::set_invoicing(
        &db,
        &manager(),
        &InvoicingSettings {
            iban: "FR76 3000 6000 0112 3456 7890 189".into(),
            bic: "AGRIFRPP".into(),
            payment_terms_days: "30".into(),
            late_penalty_rate: "12".into(),
            has_logo: false,
            hourly_rate: "75".into(),
        },
    )
    .await?;
    let client = numbers(&db, "SELECT id FROM clients").await[0][0].parse()?;
    let sites = numbers(&db, "SELECT id FROM sites ORDER BY id")
        .await
        .iter()
        .map(|r| r[0].parse().unwrap())
        .collect();
    Ok((db, client, sites))
}

fn contract(client: i64, sites: &[i64], periodicity: Periodicity, start: &str) -> ContractInput {
    ContractInput {
        client_id: client,
        kind: "maintenance".into(),
        site_ids: sites.to_vec(),
        covers_all_equipment: true,
        equipment_ids: vec![],
        start_date: start.into(),
        end_date: String::new(),
        periodicity,
        billed_in_advance: true,
        lines: vec![
            ContractLineInput {
                description: "Forfait de maintenance".into(),
                per_equipment: false,
                unit_price: "310".into(),
                vat_rate: "20".into(),
            },
            ContractLineInput {
                description: "Supervision".into(),
                per_equipment: true,
                unit_price: "10".into(),
                vat_rate: "20".into(),
            },
        ],
        included_hours: "2".into(),
        overage_rate: "80".into(),
        service_level: None,
        visit_every_months: "6".into(),
        auto_renew: false,
        renewal_months: "12".into(),
        notice_days: "60".into(),
        notes: String::new(),
    }
}

async fn activate(db: &DatabaseConnection, id: i64, on: &str) -> R {
    contracts::change_contract_status(
        db,
        &manager(),
        &ContractStatusChange {
            id,
            status: ContractStatus::Active,
            on: on.into(),
        },
    )
    .await?;
    Ok(())
}

async fn run(db: &DatabaseConnection, on: NaiveDate) -> u64 {
    invoices::run::run(db, &manager(), on, |_| {})
        .await
        .unwrap()
        .invoice_count
}

/// Every numbered invoice: no duplicate period, a gap-free series, totals
/// equal to the sum of the lines.
pub async fn assert_books_are_right(db: &DatabaseConnection) {
    let duplicates = numbers(
        db,
        "SELECT contract_id, period_start, COUNT(*) FROM invoices WHERE kind = 'invoice' \
         AND contract_id IS NOT NULL GROUP BY contract_id, period_start HAVING COUNT(*) > 1",
    )
    .await;
    assert!(duplicates.is_empty(), "duplicate periods: {duplicates:?}");
    for (kind, prefix) in [("invoice", "FA-"), ("credit_note", "AV-")] {
        let found = numbers(
            db,
            &format!("SELECT number FROM invoices WHERE kind = '{kind}' AND number IS NOT NULL ORDER BY number"),
        )
        .await;
        for (i, row) in found.iter().enumerate() {
            let serial: usize = row[0].rsplit('-').next().unwrap().parse().unwrap();
            assert!(row[0].starts_with(prefix));
            assert_eq!(serial, i + 1, "gap before {}", row[0]);
        }
    }
    let wrong = numbers(
        db,
        "SELECT i.number FROM invoices i LEFT JOIN invoice_lines l ON l.invoice_id = i.id \
         GROUP BY i.id HAVING i.excluding_vat_cents <> COALESCE(SUM(l.total_cents), 0) \
         OR i.including_vat_cents <> i.excluding_vat_cents + i.vat_cents",
    )
    .await;
    assert!(
        wrong.is_empty(),
        "totals differ from their lines: {wrong:?}"
    );
}

#[tokio::test]
async fn a_client_contract_story_from_creation_to_credit_note() -> R {
    let (db, client, sites) = installation().await?;
    let monthly = contracts::create_contract(
        &db,
        &manager(),
        &contract(client, &sites, Periodicity::Monthly, "2026-01-20"),
    )
    .await?;
    assert!(monthly.row.reference.starts_with("CT"));
    assert_eq!(monthly.row.status, ContractStatus::Draft);
    assert_eq!(monthly.covered_equipment_count, 5);
    let quarterly_input = ContractInput {
        billed_in_advance: false,
        ..contract(client, &sites[..1], Periodicity::Quarterly, "2026-01-01")
    };
    let quarterly = contracts::create_contract(&db, &manager(), &quarterly_input).await?;
    let yearly = contracts::create_contract(
        &db,
        &manager(),
        &contract(client, &sites, Periodicity::Yearly, "2026-01-01"),
    )
    .await?;

    // A draft is never billed.
    assert_eq!(run(&db, day(2026, 1, 1)).await, 0);
    for c in [&monthly, &quarterly, &yearly] {
        activate(&db, c.row.id, "2026-01-01").await?;
    }

    // 1 January: the yearly contract, in advance, for the whole year.
    assert_eq!(run(&db, day(2026, 1, 1)).await, 1);
    // Run again the same day: nothing new.
    assert_eq!(run(&db, day(2026, 1, 1)).await, 0);
    // 20 January: the monthly contract starts, its first month prorated.
    assert_eq!(run(&db, day(2026, 1, 20)).await, 1);
    assert_eq!(run(&db, day(2026, 2, 1)).await, 1);
    assert_eq!(run(&db, day(2026, 2, 1)).await, 0);
    assert_eq!(run(&db, day(2026, 3, 1)).await, 1);
    // 1 April: March in advance was billed; April, and the first quarter in arrears.
    assert_eq!(run(&db, day(2026, 4, 1)).await, 2);

    let list = invoices::list_invoices(
        &db,
        &manager(),
        &InvoiceQuery {
            page_size: 50,
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(list.total, 6);
    let numbers_issued: Vec<_> = list.items.iter().filter_map(|i| i.number.clone()).collect();
    assert_eq!(numbers_issued.len(), 6);
    let by_period = |contract: i64, start: NaiveDate| {
        list.items
            .iter()
            .find(|i| i.contract_id == Some(contract) && i.period_start == Some(start))
            .unwrap_or_else(|| panic!("no invoice of {contract} from {start}"))
            .clone()
    };
    // 12 of January's 31 days: (310 + 5 × 10) × 12 / 31, each line prorated.
    let first = by_period(monthly.row.id, day(2026, 1, 20));
    assert_eq!(first.period_end, Some(day(2026, 1, 31)));
    assert_eq!(first.excluding_vat_cents, 12_000 + 5 * 387);
    let february = by_period(monthly.row.id, day(2026, 2, 1));
    assert_eq!(february.excluding_vat_cents, 31_000 + 5_000);
    assert_eq!(february.vat_cents, 7_200);
    assert_eq!(february.including_vat_cents, 43_200);
    assert_eq!(february.issue_date, Some(day(2026, 2, 1)));
    assert_eq!(february.due_date, Some(day(2026, 3, 3)));
    let quarter = by_period(quarterly.row.id, day(2026, 1, 1));
    assert_eq!(quarter.period_end, Some(day(2026, 3, 31)));
    assert_eq!(quarter.issue_date, Some(day(2026, 4, 1)));
    let year = by_period(yearly.row.id, day(2026, 1, 1));
    assert_eq!(year.period_end, Some(day(2026, 12, 31)));
    assert_eq!(year.number.as_deref(), Some("FA-2026-00001"));
    assert_eq!(first.number.as_deref(), Some("FA-2026-00002"));
    assert_books_are_right(&db).await;

    let detail = invoices::get_invoice(&db, &manager(), first.id).await?;
    assert!(
        detail.lines[0]
            .description
            .contains("(prorata 12/31 jours)"),
        "{:?}",
        detail.lines[0]
    );
    assert_eq!(detail.lines[1].quantity_thousandths, 5_000);

    // The schedule shows what was billed and what comes.
    let schedule = contracts::get_contract(&db, &manager(), monthly.row.id)
        .await?
        .schedule;
    assert_eq!(schedule.iter().filter(|e| e.invoice.is_some()).count(), 4);
    let upcoming = schedule.iter().find(|e| e.invoice.is_none()).unwrap();
    assert_eq!(upcoming.period_start, day(2026, 5, 1));

    // A finalised invoice is never edited or deleted.
    let refused = invoices::delete_draft(&db, &manager(), february.id).await;
    assert!(
        matches!(refused, Err(CoreError::Conflict(_))),
        "{refused:?}"
    );

    // Sent, then paid.
    invoices::mark_sent(&db, &manager(), february.id).await?;
    let paid = invoices::record_payment(
        &db,
        &manager(),
        &PaymentInput {
            id: february.id,
            paid_on: "2026-02-20".into(),
        },
    )
    .await?;
    assert_eq!(paid.row.status, InvoiceStatus::Paid);
    assert_eq!(paid.row.paid_on, Some(day(2026, 2, 20)));

    // March is cancelled by a credit note that names it.
    let march = by_period(monthly.row.id, day(2026, 3, 1));
    let note = invoices::credit(&db, &manager(), march.id).await?;
    assert_eq!(note.row.kind, InvoiceKind::CreditNote);
    let year_now = parc_core::clock::today().year();
    assert_eq!(
        note.row.number.as_deref(),
        Some(format!("AV-{year_now}-00001").as_str())
    );
    assert_eq!(note.row.including_vat_cents, -march.including_vat_cents);
    assert_eq!(
        note.credited,
        Some((march.id, march.number.clone().unwrap()))
    );
    let cancelled = invoices::get_invoice(&db, &manager(), march.id).await?;
    assert_eq!(cancelled.row.status, InvoiceStatus::Cancelled);
    assert_eq!(cancelled.credit_notes.len(), 1);
    let again = invoices::credit(&db, &manager(), march.id).await;
    assert!(matches!(again, Err(CoreError::Conflict(_))), "{again:?}");
    // A credit note is the MSP's to pay back: never overdue, even past its
    // due date (the dashboard's overdue tile opens this list).
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "UPDATE invoices SET due_date = '2020-01-31' WHERE id = ?",
        [note.row.id.into()],
    ))
    .await?;
    let overdue = invoices::list_invoices(
        &db,
        &manager(),
        &InvoiceQuery {
            overdue_only: true,
            ..Default::default()
        },
    )
    .await?;
    assert!(
        overdue.items.iter().all(|i| i.kind == InvoiceKind::Invoice),
        "{:?}",
        overdue.items
    );
    assert!(
        !invoices::get_invoice(&db, &manager(), note.row.id)
            .await?
            .row
            .overdue
    );
    // The cancelled period is not billed again by a later run.
    assert_eq!(run(&db, day(2026, 4, 1)).await, 0);
    assert_books_are_right(&db).await;

    // The PDFs, as pdftotext reads them.
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let invoice_text = pdf_text(
        &invoices::document::invoice_pdf(&db, &manager(), first.id).await?,
        &dir.join("story-invoice.pdf"),
    );
    for mention in [
        "Facture FA-2026-00002",
        "Ardennes Informatique Services",
        "12 rue de l'Église",
        "08000 Charleville-Mézières",
        "SIRET 732 829 320 00074",
        "TVA intracommunautaire FR44732829320",
        "Facturé à",
        "Date de facture : 20/01/2026",
        "Date d'échéance : 19/02/2026",
        "Période : du 20/01/2026 au 31/01/2026",
        "Forfait de maintenance",
        "prorata 12/31 jours",
        "Qté",
        "PU HT",
        "20 %",
        "Total HT",
        "TVA 20 % sur",
        "Total TTC",
        "Conditions de paiement : à 30 jours",
        "Pénalités de retard : 12 % par an",
        "40 €",
        "IBAN FR76 3000 6000 0112 3456 7890 189",
    ] {
        assert!(
            invoice_text.contains(mention),
            "{mention:?} missing from:\n{invoice_text}"
        );
    }
    let client_name = &first.client_name;
    assert!(invoice_text.contains(client_name.as_str()));
    let note_text = pdf_text(
        &invoices::document::invoice_pdf(&db, &manager(), note.row.id).await?,
        &dir.join("story-credit-note.pdf"),
    );
    let march_number = march.number.clone().unwrap();
    assert!(note_text.contains(&format!("Avoir {}", note.row.number.clone().unwrap())));
    assert!(
        note_text.contains(&format!(
            "Avoir sur la facture {march_number} du 01/03/2026"
        )),
        "{note_text}"
    );
    assert!(note_text.contains("-432,00"), "{note_text}");
    assert!(note_text.contains("Date de l'avoir"), "{note_text}");

    // The accountant's CSV: one row per line, credit note included.
    let mut csv = Vec::new();
    let count = invoices::export::export_csv(&db, &manager(), None, None, &mut csv).await?;
    assert_eq!(count, 7);
    let csv = String::from_utf8(csv)?;
    assert_eq!(csv.lines().count(), 1 + 7 * 2);
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .starts_with("number,kind,status"));
    assert!(csv.contains(",credit_note,finalised,"));
    assert!(csv.contains(&march_number));
    Ok(())
}

fn pdf_text(pdf: &[u8], path: &std::path::Path) -> String {
    std::fs::write(path, pdf).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "70", "-f", "1", "-l", "1"])
        .arg(path)
        .arg(path.with_extension(""))
        .status()
        .expect("pdftoppm (poppler-utils) on PATH");
    assert!(status.success());
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext on PATH");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn a_contract_form_names_the_field_at_fault() -> R {
    let (db, client, sites) = installation().await?;
    type Spoil = Box<dyn Fn(&mut ContractInput)>;
    let cases: Vec<(Spoil, &str)> = vec![
        (Box::new(|c| c.kind = " ".into()), "kind"),
        (
            Box::new(|c| c.start_date = "31/01/2026".into()),
            "start_date",
        ),
        (Box::new(|c| c.end_date = "2025-12-31".into()), "end_date"),
        (Box::new(|c| c.site_ids.clear()), "site_ids"),
        (Box::new(|c| c.site_ids = vec![999_999]), "site_ids"),
        (
            Box::new(|c| c.covers_all_equipment = false),
            "equipment_ids",
        ),
        (Box::new(|c| c.lines.clear()), "lines"),
        (
            Box::new(|c| c.lines[1].unit_price = "12,345".into()),
            "lines[1].unit_price",
        ),
        (
            Box::new(|c| c.lines[0].vat_rate = "vingt".into()),
            "lines[0].vat_rate",
        ),
        (
            Box::new(|c| c.included_hours = "-2".into()),
            "included_hours",
        ),
        (Box::new(|c| c.notice_days = "many".into()), "notice_days"),
        (Box::new(|c| c.auto_renew = true), "end_date"),
    ];
    for (spoil, field) in cases {
        let mut input = contract(client, &sites, Periodicity::Monthly, "2026-01-01");
        spoil(&mut input);
        match contracts::create_contract(&db, &manager(), &input).await {
            Err(CoreError::Validation { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    let saved = numbers(&db, "SELECT COUNT(*) FROM contracts").await;
    assert_eq!(saved[0][0], "0", "nothing saved by a refused form");
    Ok(())
}

#[tokio::test]
async fn technicians_read_contracts_but_never_touch_invoices() -> R {
    let (db, client, sites) = installation().await?;
    let created = contracts::create_contract(
        &db,
        &manager(),
        &contract(client, &sites, Periodicity::Monthly, "2026-01-01"),
    )
    .await?;
    let tech = Actor::technician(2, "Tom");
    assert!(contracts::get_contract(&db, &tech, created.row.id)
        .await
        .is_ok());
    let refused = contracts::create_contract(
        &db,
        &tech,
        &contract(client, &sites, Periodicity::Monthly, "2026-01-01"),
    )
    .await;
    assert!(matches!(refused, Err(CoreError::Forbidden(_))));
    let err = invoices::run::run(&db, &tech, day(2026, 1, 1), |_| {})
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a technician cannot create, finalise or change invoices"
    );
    assert!(matches!(
        invoices::list_invoices(&db, &tech, &InvoiceQuery::default()).await,
        Err(CoreError::Forbidden(_))
    ));
    Ok(())
}

#[tokio::test]
async fn a_terminated_contract_bills_its_last_days_then_stops_and_terms_renew() -> R {
    let (db, client, sites) = installation().await?;
    let c = contracts::create_contract(
        &db,
        &manager(),
        &contract(client, &sites, Periodicity::Monthly, "2026-01-01"),
    )
    .await?;
    activate(&db, c.row.id, "2026-01-01").await?;
    assert_eq!(run(&db, day(2026, 1, 1)).await, 1);
    contracts::change_contract_status(
        &db,
        &manager(),
        &ContractStatusChange {
            id: c.row.id,
            status: ContractStatus::Terminated,
            on: "2026-02-14".into(),
        },
    )
    .await?;
    assert_eq!(run(&db, day(2026, 2, 1)).await, 1);
    assert_eq!(run(&db, day(2026, 6, 1)).await, 0);
    let last = invoices::list_invoices(
        &db,
        &manager(),
        &InvoiceQuery {
            contract_id: Some(c.row.id),
            ..Default::default()
        },
    )
    .await?
    .items
    .into_iter()
    .find(|i| i.period_start == Some(day(2026, 2, 1)))
    .unwrap();
    assert_eq!(last.period_end, Some(day(2026, 2, 14)));
    // 14 of February's 28 days: half of 310 + 5 × 10.
    assert_eq!(last.excluding_vat_cents, 15_500 + 5 * 500);

    // An auto-renewed contract whose term ended starts its next term.
    let renewing = contracts::create_contract(
        &db,
        &manager(),
        &ContractInput {
            end_date: "2026-03-31".into(),
            auto_renew: true,
            ..contract(client, &sites, Periodicity::Quarterly, "2026-01-01")
        },
    )
    .await?;
    activate(&db, renewing.row.id, "2026-01-01").await?;
    let summary = invoices::run::run(&db, &manager(), day(2026, 6, 1), |_| {}).await?;
    assert_eq!(summary.renewed, 1);
    let renewed = contracts::get_contract(&db, &manager(), renewing.row.id).await?;
    assert_eq!(renewed.row.end_date, Some(day(2027, 3, 31)));
    assert_eq!(summary.invoice_count, 2, "Q1 and Q2, in advance");
    assert_books_are_right(&db).await;
    Ok(())
}

#[tokio::test]
async fn the_invoice_and_contract_lists_filter_as_a_manager_expects() -> R {
    let (db, client, sites) = installation().await?;
    let monthly = contracts::create_contract(
        &db,
        &manager(),
        &contract(client, &sites, Periodicity::Monthly, "2026-01-01"),
    )
    .await?;
    activate(&db, monthly.row.id, "2026-01-01").await?;
    for month in 1..=3 {
        run(&db, day(2026, month, 1)).await;
    }
    let query = |q: InvoiceQuery| {
        let db = db.clone();
        async move {
            invoices::list_invoices(&db, &manager(), &q)
                .await
                .unwrap()
                .items
                .into_iter()
                .filter_map(|i| i.number)
                .collect::<Vec<_>>()
        }
    };
    // Newest first; all three are past their due date and unpaid.
    let all = query(InvoiceQuery::default()).await;
    assert_eq!(all, ["FA-2026-00003", "FA-2026-00002", "FA-2026-00001"]);
    let february = invoices::list_invoices(
        &db,
        &manager(),
        &InvoiceQuery {
            search: "00002".into(),
            ..Default::default()
        },
    )
    .await?
    .items;
    assert_eq!(february.len(), 1);
    assert!(february[0].overdue);
    invoices::record_payment(
        &db,
        &manager(),
        &PaymentInput {
            id: february[0].id,
            paid_on: "2026-02-10".into(),
        },
    )
    .await?;
    let overdue = query(InvoiceQuery {
        overdue_only: true,
        ..Default::default()
    })
    .await;
    assert_eq!(overdue, ["FA-2026-00003", "FA-2026-00001"]);
    let paid = query(InvoiceQuery {
        status: Some(InvoiceStatus::Paid),
        ..Default::default()
    })
    .await;
    assert_eq!(paid, ["FA-2026-00002"]);
    let in_february = query(InvoiceQuery {
        from: "2026-02-01".into(),
        to: "2026-02-28".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(in_february, ["FA-2026-00002"]);
    let bad_date = invoices::list_invoices(
        &db,
        &manager(),
        &InvoiceQuery {
            from: "février".into(),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(bad_date, Err(CoreError::Validation { ref field, .. }) if field == "from"),
        "{bad_date:?}"
    );
    let of_another_client = query(InvoiceQuery {
        client_id: Some(client + 1_000),
        ..Default::default()
    })
    .await;
    assert!(of_another_client.is_empty());

    // Contracts in their notice period: the term ends in 30 days; a notice
    // of 60 days has begun, one of 10 days has not.
    let today = parc_core::clock::today();
    let end = (today + chrono::Days::new(30)).to_string();
    for (notice, kind) in [("60", "support"), ("10", "hosting")] {
        let created = contracts::create_contract(
            &db,
            &manager(),
            &ContractInput {
                kind: kind.into(),
                end_date: end.clone(),
                notice_days: notice.into(),
                ..contract(client, &sites, Periodicity::Yearly, "2026-01-01")
            },
        )
        .await?;
        activate(&db, created.row.id, "2026-01-01").await?;
    }
    let in_notice = contracts::list_contracts(
        &db,
        &manager(),
        &parc_api::contracts::ContractQuery {
            in_notice: true,
            ..Default::default()
        },
    )
    .await?
    .items;
    assert_eq!(in_notice.len(), 1, "{in_notice:?}");
    assert_eq!(in_notice[0].kind, "support");
    assert!(in_notice[0].in_notice);
    let by_search = contracts::list_contracts(
        &db,
        &manager(),
        &parc_api::contracts::ContractQuery {
            search: "hosting".into(),
            ..Default::default()
        },
    )
    .await?
    .items;
    assert_eq!(by_search.len(), 1);
    assert!(!by_search[0].in_notice);
    Ok(())
}

#[tokio::test]
async fn a_portal_contact_sees_only_its_clients_issued_invoices_and_contracts() -> R {
    let db = open_in_memory().await?;
    dataset::generate(
        &db,
        Size {
            clients: 2,
            sites_per_client: 1,
            contacts_per_client: 1,
            equipment: 2,
            contracts: 0,
            tickets: 0,
        },
    )
    .await?;
    let ids: Vec<i64> = numbers(&db, "SELECT id FROM clients ORDER BY id")
        .await
        .iter()
        .map(|r| r[0].parse().unwrap())
        .collect();
    let site_of = |client: i64| {
        let db = db.clone();
        async move {
            numbers(
                &db,
                &format!("SELECT id FROM sites WHERE client_id = {client}"),
            )
            .await[0][0]
                .parse::<i64>()
                .unwrap()
        }
    };
    let (a, b) = (ids[0], ids[1]);
    let site_a = site_of(a).await;
    let created = contracts::create_contract(
        &db,
        &manager(),
        &contract(a, &[site_a], Periodicity::Monthly, "2026-01-01"),
    )
    .await?;
    activate(&db, created.row.id, "2026-01-01").await?;
    run(&db, day(2026, 1, 1)).await;
    let issued = invoices::list_invoices(&db, &manager(), &InvoiceQuery::default())
        .await?
        .items[0]
        .id;
    let draft = invoices::create_draft(
        &db,
        &manager(),
        &parc_api::invoices::DraftInvoiceInput {
            client_id: a,
            lines: vec![parc_api::invoices::InvoiceLineInput {
                description: "Intervention".into(),
                quantity: "1".into(),
                unit_price: "90".into(),
                vat_rate: "20".into(),
            }],
        },
    )
    .await?
    .row
    .id;
    let portal = |client: i64| Actor::Portal {
        contact_id: 1,
        client_id: client,
        name: "Paul".into(),
        tickets: parc_api::portal::TicketScope::Client,
    };
    // Client A's contact: its issued invoice, never the draft.
    let seen = invoices::list_invoices(&db, &portal(a), &InvoiceQuery::default()).await?;
    assert_eq!(seen.total, 1);
    assert_eq!(seen.items[0].id, issued);
    assert!(matches!(
        invoices::get_invoice(&db, &portal(a), draft).await,
        Err(CoreError::NotFound { .. })
    ));
    assert!(invoices::document::invoice_pdf(&db, &portal(a), issued)
        .await
        .is_ok());
    // Client B's contact: nothing of A's, even by id.
    let other = portal(b);
    assert_eq!(
        invoices::list_invoices(&db, &other, &InvoiceQuery::default())
            .await?
            .total,
        0
    );
    assert_eq!(
        invoices::list_invoices(
            &db,
            &other,
            &InvoiceQuery {
                client_id: Some(a),
                ..Default::default()
            }
        )
        .await?
        .total,
        0
    );
    for result in [
        invoices::get_invoice(&db, &other, issued).await.err(),
        invoices::document::invoice_pdf(&db, &other, issued)
            .await
            .err(),
        contracts::get_contract(&db, &other, created.row.id)
            .await
            .err(),
    ] {
        assert!(
            matches!(result, Some(CoreError::NotFound { .. })),
            "{result:?}"
        );
    }
    assert_eq!(
        contracts::list_contracts(&db, &other, &Default::default())
            .await?
            .total,
        0
    );
    // And a portal contact changes nothing.
    assert!(matches!(
        invoices::credit(&db, &portal(a), issued).await,
        Err(CoreError::Forbidden(_))
    ));
    Ok(())
}

#[tokio::test]
async fn support_time_beyond_the_included_hours_is_billed_once_as_overage() -> R {
    use parc_api::tickets::{TicketInput, TimeEntryInput, WorkItem};
    use parc_core::desk::{tickets, time};
    let (db, client, sites) = installation().await?;
    let user = numbers(&db, "SELECT id FROM users ORDER BY id").await[0][0].parse()?;
    let staff = Actor::manager(user, "Mia");
    // Two hours included a month, 80.00 an hour beyond; billed in advance.
    let c = contracts::create_contract(
        &db,
        &manager(),
        &contract(client, &sites, Periodicity::Monthly, "2026-01-01"),
    )
    .await?;
    activate(&db, c.row.id, "2026-01-01").await?;
    assert_eq!(run(&db, day(2026, 1, 1)).await, 1);
    let ticket = tickets::create_ticket(
        &db,
        &staff,
        &TicketInput {
            client_id: client,
            title: "Mail server migration".into(),
            ..Default::default()
        },
    )
    .await?;
    let log = |date: &str, duration: &str, billable: bool| TimeEntryInput {
        item: WorkItem::Ticket(ticket.row.id),
        date: date.into(),
        duration: duration.into(),
        billable,
        note: String::new(),
    };
    time::add_entry(&db, &staff, &log("2026-01-15", "2:30", true)).await?;
    time::add_entry(&db, &staff, &log("2026-01-20", "1", true)).await?;
    time::add_entry(&db, &staff, &log("2026-01-21", "4", false)).await?;

    // February's invoice bills January's 1.5 hours beyond the 2 included.
    assert_eq!(run(&db, day(2026, 2, 1)).await, 1);
    let february = invoices::list_invoices(
        &db,
        &manager(),
        &InvoiceQuery {
            from: "2026-02-01".into(),
            ..Default::default()
        },
    )
    .await?
    .items
    .pop()
    .ok_or("no February invoice")?;
    let detail = invoices::get_invoice(&db, &manager(), february.id).await?;
    let overage = detail
        .lines
        .iter()
        .find(|l| l.description.contains("Dépassement"))
        .ok_or(format!("no overage line in {:?}", detail.lines))?;
    assert_eq!(overage.quantity_thousandths, 1_500);
    assert_eq!(overage.unit_price_cents, 8_000);
    assert_eq!(overage.total_cents, 12_000);
    assert!(
        overage
            .description
            .contains("3,5 h utilisées pour 2 h incluses"),
        "{}",
        overage.description
    );

    // February: one hour, within what is included: no overage on March's.
    time::add_entry(&db, &staff, &log("2026-02-10", "1", true)).await?;
    assert_eq!(run(&db, day(2026, 3, 1)).await, 1);
    let march = invoices::list_invoices(
        &db,
        &manager(),
        &InvoiceQuery {
            from: "2026-03-01".into(),
            ..Default::default()
        },
    )
    .await?
    .items
    .pop()
    .ok_or("no March invoice")?;
    let march = invoices::get_invoice(&db, &manager(), march.id).await?;
    assert!(march
        .lines
        .iter()
        .all(|l| !l.description.contains("Dépassement")));
    // Every billable entry is now accounted for; the unbillable one never is.
    let unaccounted = numbers(
        &db,
        "SELECT COUNT(*) FROM time_entries WHERE billable AND invoice_id IS NULL",
    )
    .await;
    assert_eq!(unaccounted[0][0], "0");
    assert_eq!(
        time::billable_minutes(
            &db,
            i32::try_from(client)?,
            day(2026, 1, 1),
            day(2026, 12, 31)
        )
        .await?,
        0
    );
    assert_books_are_right(&db).await;
    Ok(())
}

#[tokio::test]
async fn time_and_parts_outside_contracts_are_billed_once_a_month() -> R {
    use parc_api::equipment::{PartInput, StockMovementInput, StockReason};
    use parc_api::interventions::{
        InterventionInput, InterventionKind, InterventionStatus, PartUseInput,
    };
    use parc_api::tickets::{TicketInput, TimeEntryInput, WorkItem};
    use parc_core::desk::{interventions, tickets, time};
    use parc_core::parts;
    let (db, client, sites) = installation().await?;
    let user = numbers(&db, "SELECT id FROM users ORDER BY id").await[0][0].parse()?;
    let staff = Actor::manager(user, "Mia");
    let ticket = tickets::create_ticket(
        &db,
        &staff,
        &TicketInput {
            client_id: client,
            title: "Poste lent".into(),
            ..Default::default()
        },
    )
    .await?;
    let log = |item: WorkItem, date: &str, duration: &str, billable: bool| TimeEntryInput {
        item,
        date: date.into(),
        duration: duration.into(),
        billable,
        note: String::new(),
    };
    time::add_entry(
        &db,
        &staff,
        &log(WorkItem::Ticket(ticket.row.id), "2026-02-10", "1:30", true),
    )
    .await?;
    time::add_entry(
        &db,
        &staff,
        &log(WorkItem::Ticket(ticket.row.id), "2026-02-11", "2", false),
    )
    .await?;
    // March's time waits for April's run.
    time::add_entry(
        &db,
        &staff,
        &log(WorkItem::Ticket(ticket.row.id), "2026-03-02", "1", true),
    )
    .await?;
    let ssd = parts::create_part(
        &db,
        &manager(),
        &PartInput {
            name: "SSD 1 To".into(),
            part_number: "MZ-77E1T0".into(),
            min_stock: 0,
            unit_cost: "89.90".into(),
            notes: String::new(),
        },
    )
    .await?;
    parts::record_movement(
        &db,
        &manager(),
        &StockMovementInput {
            part_id: ssd.id,
            reason: StockReason::Receipt,
            quantity: 5,
            note: String::new(),
            equipment_id: None,
        },
    )
    .await?;
    let visit = interventions::create_intervention(
        &db,
        &staff,
        &InterventionInput {
            kind: InterventionKind::Corrective,
            status: InterventionStatus::Done,
            client_id: client,
            site_id: Some(sites[0]),
            ticket_id: Some(ticket.row.id),
            technician_id: Some(user),
            actual_start: "2026-02-12T09:00".into(),
            actual_end: "2026-02-12T10:00".into(),
            ..Default::default()
        },
    )
    .await?;
    interventions::use_parts(
        &db,
        &staff,
        &PartUseInput {
            intervention_id: visit.row.id,
            part_id: ssd.id,
            quantity: 2,
        },
    )
    .await?;

    // No contract: March's run bills February's billable time and parts,
    // as its preview says.
    let preview = invoices::run::preview(&db, &manager(), day(2026, 3, 1)).await?;
    assert_eq!((preview.invoice_count, preview.time_and_materials), (1, 1));
    let summary = invoices::run::run(&db, &manager(), day(2026, 3, 1), |_| {}).await?;
    assert_eq!((summary.invoice_count, summary.time_and_materials), (1, 1));
    let listed = invoices::list_invoices(&db, &manager(), &InvoiceQuery::default()).await?;
    let invoice = invoices::get_invoice(&db, &manager(), listed.items[0].id).await?;
    assert_eq!(invoice.lines.len(), 2, "{:?}", invoice.lines);
    let hours = &invoice.lines[0];
    assert!(
        hours.description.contains(&ticket.row.reference),
        "{}",
        hours.description
    );
    assert_eq!(
        (hours.quantity_thousandths, hours.unit_price_cents),
        (1_500, 7_500)
    );
    let part = &invoice.lines[1];
    assert!(
        part.description.contains("SSD 1 To") && part.description.contains(&visit.row.reference)
    );
    assert_eq!(
        (part.quantity_thousandths, part.unit_price_cents),
        (2_000, 8_990)
    );
    assert_eq!(invoice.row.status, InvoiceStatus::Finalised);
    assert_books_are_right(&db).await;

    // Run again: nothing twice. April's run bills March's hour only.
    let again = invoices::run::run(&db, &manager(), day(2026, 3, 1), |_| {}).await?;
    assert_eq!(again.invoice_count, 0);
    let april = invoices::run::run(&db, &manager(), day(2026, 4, 1), |_| {}).await?;
    assert_eq!(april.time_and_materials, 1);

    // A client under contract: its time is the contract's, not billed here.
    let c = contracts::create_contract(
        &db,
        &manager(),
        &contract(client, &sites, Periodicity::Monthly, "2026-04-01"),
    )
    .await?;
    activate(&db, c.row.id, "2026-04-01").await?;
    time::add_entry(
        &db,
        &staff,
        &log(WorkItem::Ticket(ticket.row.id), "2026-04-03", "1", true),
    )
    .await?;
    let may = invoices::run::run(&db, &manager(), day(2026, 5, 1), |_| {}).await?;
    assert_eq!(may.time_and_materials, 0);
    Ok(())
}
