//! The demo's inventory: a small catalogue, each demo client's fleet (a
//! server with its disks at the main site, desktops assigned to the staff,
//! printers, network gear), a few warranties ending soon, and spare parts
//! in stock. Created through the same services as the screens, so every
//! record has its history. Always the same data.

use crate::actor::Actor;
use crate::catalogue::{self, DEFAULT_TYPES};
use crate::error::{CoreError, CoreResult};
use crate::{equipment, parts};
use chrono::{Days, Months, NaiveDate};
use parc_api::equipment::{
    EquipmentInput, EquipmentStatus, ManufacturerInput, ModelInput, PartInput, StockMovementInput,
    StockReason,
};
use sea_orm::{ConnectionTrait, TransactionTrait};

/// (manufacturer, model, type in English, serial prefix)
const MODELS: &[(&str, &str, &str, &str)] = &[
    ("Dell", "PowerEdge R650", "Server", "DLS"),
    ("Dell", "OptiPlex 7010", "Desktop", "DLO"),
    ("Lenovo", "ThinkPad T14", "Laptop", "LNV"),
    ("Brother", "MFC-L8900CDW", "Printer", "BRO"),
    ("Fortinet", "FortiGate 60F", "Firewall", "FGT"),
    ("Ubiquiti", "U6-Pro", "Access point", "UBQ"),
    ("Synology", "DS923+", "NAS", "SYN"),
    ("Samsung", "870 EVO 1 To", "Disk", "SMS"),
];

/// One demo client's ids: the client, its sites, its contacts.
pub type Fleet = (i64, Vec<i64>, Vec<i64>);

pub async fn fill<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    fleets: &[Fleet],
) -> CoreResult<()> {
    let mut model_ids = Vec::new();
    let mut makers: Vec<(String, i64)> = Vec::new();
    let types = catalogue::catalogue(db, actor).await?.types;
    for (maker, model, type_en, _) in MODELS {
        let maker_id = match makers.iter().find(|(name, _)| name == maker) {
            Some((_, id)) => *id,
            None => {
                let id = catalogue::create_manufacturer(
                    db,
                    actor,
                    &ManufacturerInput {
                        name: (*maker).into(),
                    },
                )
                .await?
                .id;
                makers.push(((*maker).to_owned(), id));
                id
            }
        };
        let (en, fr, ..) = DEFAULT_TYPES
            .iter()
            .find(|(en, ..)| en == type_en)
            .ok_or_else(|| CoreError::Internal(format!("no default type {type_en}")))?;
        let type_id = types
            .iter()
            .find(|t| t.name == *en || t.name == *fr)
            .map(|t| t.id);
        let row = catalogue::create_model(
            db,
            actor,
            &ModelInput {
                manufacturer_id: Some(maker_id),
                type_id,
                name: (*model).into(),
                warranty_months: None,
            },
        )
        .await?;
        model_ids.push(row.id);
    }
    let base = NaiveDate::from_ymd_opt(2024, 1, 15).unwrap_or_default();
    let mut serial = 1000;
    let mut add = |client: i64,
                   site: Option<i64>,
                   contact: Option<i64>,
                   parent: Option<i64>,
                   model: usize,
                   name: String,
                   status: EquipmentStatus,
                   months_ago: u32| {
        serial += 7;
        let purchase = base
            .checked_add_months(Months::new(24u32.saturating_sub(months_ago)))
            .unwrap_or(base);
        EquipmentInput {
            client_id: Some(client),
            site_id: site,
            contact_id: contact,
            parent_id: parent,
            name,
            model_id: model_ids.get(model).copied(),
            serial: format!("{}{serial:06}", MODELS[model].3),
            asset_tag: String::new(),
            status,
            purchase_date: purchase.to_string(),
            supplier: "LDLC Pro".into(),
            purchase_price: [
                "4890.00", "749.90", "1129.00", "689.00", "612.50", "189.00", "659.00", "89.90",
            ][model]
                .into(),
            ..Default::default()
        }
    };
    let today = crate::clock::today();
    for (index, (client, sites, contacts)) in fleets.iter().enumerate() {
        let main = sites.first().copied();
        let code = format!("C{:02}", index + 1);
        let server = equipment::create_equipment(
            db,
            actor,
            &add(
                *client,
                main,
                None,
                None,
                0,
                format!("SRV-{code}-01"),
                EquipmentStatus::Deployed,
                20,
            ),
        )
        .await?;
        for disk in 1..=2 {
            equipment::create_equipment(
                db,
                actor,
                &add(
                    *client,
                    main,
                    None,
                    Some(server.row.id),
                    7,
                    format!("Disque {disk} SRV-{code}-01"),
                    EquipmentStatus::Deployed,
                    20,
                ),
            )
            .await?;
        }
        equipment::create_equipment(
            db,
            actor,
            &add(
                *client,
                main,
                None,
                None,
                4,
                format!("FW-{code}"),
                EquipmentStatus::Deployed,
                14,
            ),
        )
        .await?;
        equipment::create_equipment(
            db,
            actor,
            &add(
                *client,
                main,
                None,
                None,
                6,
                format!("NAS-{code}"),
                EquipmentStatus::Deployed,
                30,
            ),
        )
        .await?;
        for (n, site) in sites.iter().enumerate() {
            let contact = contacts.get(n % contacts.len().max(1)).copied();
            equipment::create_equipment(
                db,
                actor,
                &add(
                    *client,
                    Some(*site),
                    contact,
                    None,
                    1,
                    format!("PC-{code}-{:02}", n + 1),
                    EquipmentStatus::Deployed,
                    10,
                ),
            )
            .await?;
            equipment::create_equipment(
                db,
                actor,
                &add(
                    *client,
                    Some(*site),
                    None,
                    None,
                    3,
                    format!("IMP-{code}-{:02}", n + 1),
                    EquipmentStatus::Deployed,
                    26,
                ),
            )
            .await?;
            equipment::create_equipment(
                db,
                actor,
                &add(
                    *client,
                    Some(*site),
                    None,
                    None,
                    5,
                    format!("AP-{code}-{:02}", n + 1),
                    EquipmentStatus::Deployed,
                    6,
                ),
            )
            .await?;
        }
        let spare = add(
            *client,
            main,
            None,
            None,
            2,
            format!("PORT-{code}-SPARE"),
            EquipmentStatus::InStock,
            2,
        );
        equipment::create_equipment(db, actor, &spare).await?;
        // One laptop per client whose warranty ends within the month.
        let mut ending = add(
            *client,
            main,
            contacts.first().copied(),
            None,
            2,
            format!("PORT-{code}-01"),
            EquipmentStatus::InRepair,
            23,
        );
        ending.warranty_end = (today + Days::new(12 + index as u64)).to_string();
        equipment::create_equipment(db, actor, &ending).await?;
    }
    for (name, number, min, stock, cost) in [
        (
            "Barrette mémoire 16 Go DDR4",
            "KVR32N22S8/16",
            4,
            10,
            "42.50",
        ),
        ("SSD 1 To SATA", "MZ-77E1T0", 2, 1, "89.90"),
        ("Toner noir TN-423BK", "TN423BK", 3, 6, "78.00"),
        ("Alimentation 65 W USB-C", "GX20P92529", 2, 3, "39.00"),
    ] {
        let part = parts::create_part(
            db,
            actor,
            &PartInput {
                name: name.into(),
                part_number: number.into(),
                min_stock: min,
                unit_cost: cost.into(),
                notes: String::new(),
            },
        )
        .await?;
        parts::record_movement(
            db,
            actor,
            &StockMovementInput {
                part_id: part.id,
                reason: StockReason::Receipt,
                quantity: stock,
                note: "Stock initial".into(),
                equipment_id: None,
            },
        )
        .await?;
    }
    Ok(())
}
