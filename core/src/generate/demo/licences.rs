//! The demo's licences: a software catalogue, what is installed on each
//! client's workstations and server, and licences of every type — one
//! subscription over-allocated and expiring, one per-user licence short,
//! one expired, one site licence, one unlimited — so the compliance
//! screens have something true to say.

use crate::demo::inventory::Fleet;
use crate::equipment::entity as equipment;
use crate::error::CoreResult;
use crate::licences::{assignments, installations, register, software};
use crate::{clock, Actor};
use chrono::Days;
use parc_api::licences::{
    AssignLicence, InstallationInput, LicenceInput, LicenceKind, LotInput, SoftwareInput,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

/// (name, publisher, category, version).
const SOFTWARE: [(&str, &str, &str, &str); 7] = [
    (
        "Microsoft 365 Business Standard",
        "Microsoft",
        "Bureautique",
        "2411",
    ),
    ("Windows 11 Professionnel", "Microsoft", "Système", "23H2"),
    ("ESET Endpoint Security", "ESET", "Sécurité", "11.1"),
    ("7-Zip", "Igor Pavlov", "Utilitaire", "24.08"),
    ("Adobe Acrobat Pro", "Adobe", "PDF", "24.4"),
    ("Veeam Backup & Replication", "Veeam", "Sauvegarde", "12.2"),
    ("AutoCAD LT", "Autodesk", "CAO", "2025"),
];
const M365: usize = 0;
const WINDOWS: usize = 1;
const ESET: usize = 2;
const ZIP: usize = 3;
const ACROBAT: usize = 4;
const VEEAM: usize = 5;
const AUTOCAD: usize = 6;

struct Demo<'a, C> {
    db: &'a C,
    actor: &'a Actor,
    software: Vec<i64>,
}

impl<C: ConnectionTrait + TransactionTrait> Demo<'_, C> {
    async fn install(&self, which: usize, machines: &[i64]) -> CoreResult<()> {
        for machine in machines {
            installations::add_installation(
                self.db,
                self.actor,
                &InstallationInput {
                    equipment_id: *machine,
                    software_id: self.software[which],
                    version: SOFTWARE[which].3.into(),
                    installed_on: (clock::today() - Days::new(200)).to_string(),
                },
            )
            .await?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn licence(
        &self,
        client: i64,
        which: usize,
        kind: LicenceKind,
        seats: Option<i32>,
        expires_in: Option<i64>,
        key: &str,
        price: &str,
        site: Option<i64>,
    ) -> CoreResult<i64> {
        let today = clock::today();
        let expires_on = expires_in
            .and_then(|days| today.checked_add_signed(chrono::Duration::days(days)))
            .map(|d| d.to_string())
            .unwrap_or_default();
        let detail = register::create_licence(
            self.db,
            self.actor,
            &LicenceInput {
                software_id: self.software[which],
                client_id: client,
                kind,
                seats,
                site_id: site,
                term_months: (kind == LicenceKind::Subscription).then_some(12),
                licence_key: Some(key.into()),
                starts_on: String::new(),
                expires_on,
                renewal_price: price.into(),
                auto_renew: kind == LicenceKind::Subscription,
                notes: String::new(),
                first_lot: Some(LotInput {
                    purchased_on: (today - Days::new(340)).to_string(),
                    quantity: seats.unwrap_or(1),
                    cost: price.into(),
                    supplier: "Distributeur Pro".into(),
                }),
            },
        )
        .await?;
        Ok(detail.row.id)
    }

    async fn seats(&self, licence: i64, machines: &[i64], people: &[i64]) -> CoreResult<()> {
        let seats = machines
            .iter()
            .map(|m| (Some(*m), None))
            .chain(people.iter().map(|p| (None, Some(*p))));
        for (equipment_id, contact_id) in seats {
            assignments::assign(
                self.db,
                self.actor,
                &AssignLicence {
                    licence_id: licence,
                    equipment_id,
                    contact_id,
                },
            )
            .await?;
        }
        Ok(())
    }
}

/// A client's machines whose name starts with one of `prefixes`, by name.
async fn machines(
    db: &impl ConnectionTrait,
    client: i64,
    prefixes: &[&str],
) -> CoreResult<Vec<i64>> {
    Ok(equipment::Entity::find()
        .filter(equipment::Column::ClientId.eq(client))
        .order_by_asc(equipment::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|e| prefixes.iter().any(|p| e.name.starts_with(p)) && !e.name.ends_with("SPARE"))
        .map(|e| i64::from(e.id))
        .collect())
}

pub async fn fill<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    fleets: &[Fleet],
) -> CoreResult<()> {
    let mut ids = Vec::new();
    for (name, publisher, category, _) in SOFTWARE {
        let input = SoftwareInput {
            name: name.into(),
            publisher: publisher.into(),
            category: category.into(),
            notes: String::new(),
        };
        ids.push(software::create_software(db, actor, &input).await?.id);
    }
    let demo = Demo {
        db,
        actor,
        software: ids,
    };
    for (index, (client, sites, people)) in fleets.iter().enumerate() {
        let client = *client;
        let desks = machines(db, client, &["PC-", "PORT-"]).await?;
        let servers = machines(db, client, &["SRV-"]).await?;
        for which in [M365, WINDOWS, ZIP] {
            demo.install(which, &desks).await?;
        }
        let seats = i32::try_from(desks.len()).unwrap_or(1);
        let people_count = i32::try_from(people.len()).unwrap_or(1);
        let code = 7301 + index;
        if index == 0 {
            demo.install(ESET, &desks).await?;
            demo.install(ACROBAT, &desks[..desks.len().min(2)]).await?;
            demo.install(AUTOCAD, desks.get(..1).unwrap_or_default())
                .await?;
            demo.install(VEEAM, &servers).await?;
            // Every person has a seat, one more than bought; renews soon.
            let m365 = demo
                .licence(
                    client,
                    M365,
                    LicenceKind::Subscription,
                    Some((people_count - 1).max(1)),
                    Some(25),
                    "",
                    "1512.00",
                    None,
                )
                .await?;
            demo.seats(m365, &[], people).await?;
            let windows = demo
                .licence(
                    client,
                    WINDOWS,
                    LicenceKind::PerDevice,
                    Some(seats),
                    None,
                    &format!("W269N-WFGWX-YVC9B-4J6C9-T{code}"),
                    "",
                    None,
                )
                .await?;
            demo.seats(windows, &desks, &[]).await?;
            let eset = demo
                .licence(
                    client,
                    ESET,
                    LicenceKind::Subscription,
                    Some(seats + 2),
                    Some(45),
                    &format!("ESET-KQ8M-{code}-RT2X"),
                    "389.00",
                    None,
                )
                .await?;
            demo.seats(eset, &desks, &[]).await?;
            demo.licence(
                client,
                ZIP,
                LicenceKind::Unlimited,
                None,
                None,
                "",
                "",
                None,
            )
            .await?;
            let acrobat = demo
                .licence(
                    client,
                    ACROBAT,
                    LicenceKind::PerUser,
                    Some(1),
                    Some(150),
                    &format!("1118-1{code}-9921-0042-7781-3302"),
                    "239.88",
                    None,
                )
                .await?;
            demo.seats(acrobat, &[], people.get(..1).unwrap_or_default())
                .await?;
            demo.licence(
                client,
                VEEAM,
                LicenceKind::PerSite,
                None,
                Some(200),
                &format!("VEEAM-{code}-SITE-77Q1"),
                "980.00",
                sites.first().copied(),
            )
            .await?;
            let autocad = demo
                .licence(
                    client,
                    AUTOCAD,
                    LicenceKind::PerDevice,
                    Some(1),
                    Some(-20),
                    &format!("057Q1-{code}-AUTO"),
                    "495.00",
                    None,
                )
                .await?;
            demo.seats(autocad, desks.get(..1).unwrap_or_default(), &[])
                .await?;
        } else {
            let m365 = demo
                .licence(
                    client,
                    M365,
                    LicenceKind::Subscription,
                    Some(people_count),
                    Some(90 + 30 * i64::try_from(index).unwrap_or(0)),
                    "",
                    "1764.00",
                    None,
                )
                .await?;
            demo.seats(m365, &[], people).await?;
            // One workstation still waiting for its seat: a seat is free.
            let windows = demo
                .licence(
                    client,
                    WINDOWS,
                    LicenceKind::PerDevice,
                    Some(seats),
                    None,
                    &format!("W269N-WFGWX-YVC9B-4J6C9-T{code}"),
                    "",
                    None,
                )
                .await?;
            demo.seats(windows, &desks[..desks.len().saturating_sub(1)], &[])
                .await?;
            demo.licence(
                client,
                ZIP,
                LicenceKind::Unlimited,
                None,
                None,
                "",
                "",
                None,
            )
            .await?;
        }
    }
    Ok(())
}
