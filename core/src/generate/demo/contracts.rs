//! The demo's contracts and their invoice history: one contract of each
//! periodicity (a monthly one whose first month is prorated, a quarterly one
//! billed in arrears, a yearly one nearing the end of its term, within its
//! notice period), a draft, and every invoice the run would have issued
//! since they started, most of them paid, one cancelled by a credit note.
//! Dates are relative to today, so the demo always looks current.

use crate::demo::inventory::Fleet;
use crate::error::CoreResult;
use crate::{clock, contracts, invoices, settings, Actor};
use chrono::{Datelike, Days, Months, NaiveDate};
use parc_api::billing::Periodicity;
use parc_api::contracts::{ContractInput, ContractLineInput, ContractStatus, ContractStatusChange};
use parc_api::invoices::{InvoiceQuery, InvoiceStatus, PaymentInput};
use parc_api::settings::InvoicingSettings;
use sea_orm::{ConnectionTrait, TransactionTrait};

fn line(description: &str, per_equipment: bool, price: &str) -> ContractLineInput {
    ContractLineInput {
        description: description.into(),
        per_equipment,
        unit_price: price.into(),
        vat_rate: "20".into(),
    }
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

pub(crate) async fn fill<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    fleets: &[Fleet],
) -> CoreResult<()> {
    settings::set_invoicing(
        db,
        actor,
        &InvoicingSettings {
            iban: "FR76 3000 4000 0312 3456 7890 143".into(),
            bic: "BNPAFRPP".into(),
            payment_terms_days: "30".into(),
            late_penalty_rate: "12".into(),
            has_logo: false,
            hourly_rate: "75".into(),
        },
    )
    .await?;
    let today = clock::today();
    let months_ago = |n: u32| {
        first_of_month(today)
            .checked_sub_months(Months::new(n))
            .unwrap_or(today)
    };
    let base = |fleet: &Fleet, periodicity: Periodicity, start: NaiveDate| ContractInput {
        client_id: fleet.0,
        kind: "maintenance".into(),
        site_ids: fleet.1.clone(),
        covers_all_equipment: true,
        equipment_ids: Vec::new(),
        start_date: start.to_string(),
        end_date: String::new(),
        periodicity,
        billed_in_advance: true,
        lines: vec![line("Forfait de maintenance", false, "450")],
        included_hours: "4".into(),
        overage_rate: "85".into(),
        service_level: None,
        visit_every_months: "6".into(),
        auto_renew: false,
        renewal_months: "12".into(),
        notice_days: "60".into(),
        notes: String::new(),
    };
    let mut plans = Vec::new();
    if let Some(fleet) = fleets.first() {
        // Started on the 11th eleven months ago: its first month is prorated.
        let start = months_ago(11) + Days::new(10);
        plans.push(ContractInput {
            lines: vec![
                line("Forfait de maintenance", false, "450"),
                line("Supervision des équipements", true, "12"),
            ],
            ..base(fleet, Periodicity::Monthly, start)
        });
    }
    if let Some(fleet) = fleets.get(1) {
        plans.push(ContractInput {
            kind: "support".into(),
            billed_in_advance: false,
            lines: vec![line("Support et assistance utilisateurs", false, "1200")],
            ..base(fleet, Periodicity::Quarterly, months_ago(9))
        });
    }
    if let Some(fleet) = fleets.get(2) {
        // A year's term ending next month, renewed automatically: in notice.
        let end = months_ago(0)
            .checked_add_months(Months::new(2))
            .and_then(|d| d.pred_opt())
            .unwrap_or(today);
        let start = end
            .checked_sub_months(Months::new(12))
            .and_then(|d| d.succ_opt())
            .unwrap_or(today);
        plans.push(ContractInput {
            kind: "hosting".into(),
            end_date: end.to_string(),
            auto_renew: true,
            lines: vec![line("Hébergement et sauvegarde", false, "3600")],
            ..base(fleet, Periodicity::Yearly, start)
        });
    }
    let mut started = Vec::new();
    for plan in &plans {
        let contract = contracts::create_contract(db, actor, plan).await?;
        contracts::change_contract_status(
            db,
            actor,
            &ContractStatusChange {
                id: contract.row.id,
                status: ContractStatus::Active,
                on: plan.start_date.clone(),
            },
        )
        .await?;
        started.push(contract.row.start_date);
    }
    if let Some(fleet) = fleets.get(3) {
        // Being prepared: not billed until activated.
        contracts::create_contract(
            db,
            actor,
            &ContractInput {
                kind: "network".into(),
                ..base(fleet, Periodicity::Monthly, first_of_month(today))
            },
        )
        .await?;
    }

    // The runs the app would have made: on every first of the month since
    // the first contract started, then today.
    if let Some(first) = started.iter().min() {
        let mut day = first_of_month(*first);
        while day < today {
            if day >= *first {
                invoices::run::run(db, actor, day, |_| {}).await?;
            }
            day = day.checked_add_months(Months::new(1)).unwrap_or(today);
        }
        invoices::run::run(db, actor, today, |_| {}).await?;
    }

    // Paid when older than a month, sent otherwise; one credited.
    let issued = invoices::list_invoices(
        db,
        actor,
        &InvoiceQuery {
            page_size: 200,
            ..InvoiceQuery::default()
        },
    )
    .await?
    .items;
    let month_ago = today.checked_sub_months(Months::new(1)).unwrap_or(today);
    for (n, invoice) in issued.iter().enumerate() {
        let Some(issue) = invoice.issue_date else {
            continue;
        };
        if invoice.status != InvoiceStatus::Finalised {
            continue;
        }
        if issue < month_ago {
            let paid_on = (issue + Days::new(20)).min(today);
            invoices::record_payment(
                db,
                actor,
                &PaymentInput {
                    id: invoice.id,
                    paid_on: paid_on.to_string(),
                },
            )
            .await?;
        } else if n % 2 == 0 {
            invoices::mark_sent(db, actor, invoice.id).await?;
        }
    }
    if let Some(to_credit) = issued
        .iter()
        .filter(|i| i.issue_date.is_some_and(|d| d < month_ago))
        .nth(2)
    {
        invoices::credit(db, actor, to_credit.id).await?;
    }
    Ok(())
}
