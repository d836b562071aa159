//! What the client has: equipment (searchable, paged, each with its
//! interventions), contracts, invoices (each PDF downloadable) and the
//! licences it holds — never a licence key.

use super::{page_number, record_id, ErrorPage, Shell};
use crate::web::{render, OrPage, Visitor};
use crate::Portal;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use parc_api::contracts::{ContractQuery, ContractRow};
use parc_api::equipment::{
    Cursor, EquipmentDetail, EquipmentFilter, EquipmentQuery, EquipmentRow, EquipmentSort,
};
use parc_api::interventions::{InterventionQuery, InterventionRow};
use parc_api::invoices::{InvoiceQuery, InvoiceRow};
use parc_api::licences::{LicenceQuery, LicenceRow};
use parc_api::{Page, SortDir};
use parc_core::{contracts, desk, equipment, invoices, licences, Actor, CoreError, CoreResult};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Rows on one page of a portal list: 25, as client portals usually show
/// (GLPI and Snipe-IT show 20), light on a phone and on the wire.
const PAGE_SIZE: u64 = 25;

/// The sorts a visitor may ask for; anything else is the default.
const EQUIPMENT_SORTS: [EquipmentSort; 5] = [
    EquipmentSort::Reference,
    EquipmentSort::Name,
    EquipmentSort::Serial,
    EquipmentSort::Status,
    EquipmentSort::WarrantyEnd,
];

#[derive(Deserialize, Serialize, Default)]
pub struct EquipmentParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    dir: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    after: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    after_id: String,
}

#[derive(Template)]
#[template(path = "equipment_list.html")]
struct EquipmentList {
    shell: Shell,
    search: String,
    sort: &'static str,
    descending: bool,
    sorts: Vec<(&'static str, &'static str)>,
    rows: Vec<EquipmentRow>,
    total: Option<u64>,
    next: Option<String>,
    first: Option<String>,
}

pub async fn equipment_list(
    State(portal): State<Portal>,
    visitor: Visitor,
    Query(params): Query<EquipmentParams>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let sort = EQUIPMENT_SORTS
        .into_iter()
        .find(|s| s.code() == params.sort)
        .unwrap_or_default();
    let dir = if params.dir == "desc" {
        SortDir::Desc
    } else {
        SortDir::Asc
    };
    let after = match (params.after.is_empty(), record_id(&params.after_id)) {
        (_, Some(id)) => Some(Cursor {
            value: params.after.clone(),
            id,
        }),
        _ => None,
    };
    let paging = after.is_some();
    let query = EquipmentQuery {
        filter: EquipmentFilter {
            search: params.q.chars().take(200).collect(),
            ..Default::default()
        },
        sort,
        dir,
        after,
        page_size: PAGE_SIZE,
    };
    let found = equipment::list_equipment(&portal.db, actor, &query)
        .await
        .or_page(&visitor)?;
    let link = |after: String, after_id: String| {
        let params = EquipmentParams {
            q: params.q.clone(),
            sort: sort.code().to_owned(),
            dir: if dir == SortDir::Desc { "desc" } else { "asc" }.to_owned(),
            after,
            after_id,
        };
        format!(
            "/equipment?{}",
            serde_urlencoded::to_string(&params).unwrap_or_default()
        )
    };
    let t = visitor.words;
    let page = EquipmentList {
        search: params.q.clone(),
        sort: sort.code(),
        descending: dir == SortDir::Desc,
        sorts: vec![
            ("reference", t.reference),
            ("name", t.name),
            ("serial", t.serial),
            ("status", t.status),
            ("warranty", t.warranty_end),
        ],
        next: found.next.map(|c| link(c.value, c.id.to_string())),
        first: paging.then(|| link(String::new(), String::new())),
        total: found.total,
        rows: found.items,
        shell: Shell::new(&visitor, "equipment"),
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "equipment_page.html")]
struct EquipmentPage {
    shell: Shell,
    item: EquipmentDetail,
    interventions: Vec<(InterventionRow, String)>,
}

pub async fn equipment_page(
    State(portal): State<Portal>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let Some(id) = record_id(&id) else {
        return Err(visitor.not_found());
    };
    let item = equipment::get_equipment(&portal.db, actor, id)
        .await
        .or_page(&visitor)?;
    let done = desk::interventions::list_interventions(
        &portal.db,
        actor,
        &InterventionQuery {
            equipment_id: Some(id),
            page: 1,
            page_size: PAGE_SIZE,
            ..Default::default()
        },
    )
    .await
    .or_page(&visitor)?;
    let interventions = done
        .items
        .into_iter()
        .map(|i| {
            let when = i
                .actual_start
                .or(i.scheduled_start)
                .map(|at| portal.time(at, visitor.words))
                .unwrap_or_default();
            (i, when)
        })
        .collect();
    let page = EquipmentPage {
        item,
        interventions,
        shell: Shell::new(&visitor, "equipment"),
    };
    Ok(render(&page))
}

#[derive(Deserialize, Default)]
pub struct PageParams {
    #[serde(default)]
    page: String,
}

/// "Previous" and "next" links of a numbered list.
pub struct Pager {
    pub total: u64,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    pub fn of<T>(page: &Page<T>, base: &str) -> Pager {
        let sep = if base.contains('?') { '&' } else { '?' };
        Pager {
            total: page.total,
            previous: (page.page > 1).then(|| format!("{base}{sep}page={}", page.page - 1)),
            next: (page.page < page.page_count())
                .then(|| format!("{base}{sep}page={}", page.page + 1)),
        }
    }
}

#[derive(Template)]
#[template(path = "contracts.html")]
struct ContractsPage {
    shell: Shell,
    rows: Vec<ContractRow>,
    pager: Pager,
}

pub async fn contracts(
    State(portal): State<Portal>,
    visitor: Visitor,
    Query(params): Query<PageParams>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let query = ContractQuery {
        page: page_number(&params.page),
        page_size: PAGE_SIZE,
        ..Default::default()
    };
    let found = contracts::list_contracts(&portal.db, actor, &query)
        .await
        .or_page(&visitor)?;
    let page = ContractsPage {
        pager: Pager::of(&found, "/contracts"),
        rows: found.items,
        shell: Shell::new(&visitor, "contracts"),
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "invoices.html")]
struct InvoicesPage {
    shell: Shell,
    rows: Vec<InvoiceRow>,
    pager: Pager,
}

pub async fn invoices(
    State(portal): State<Portal>,
    visitor: Visitor,
    Query(params): Query<PageParams>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let query = InvoiceQuery {
        page: page_number(&params.page),
        page_size: PAGE_SIZE,
        ..Default::default()
    };
    let found = invoices::list_invoices(&portal.db, actor, &query)
        .await
        .or_page(&visitor)?;
    let page = InvoicesPage {
        pager: Pager::of(&found, "/invoices"),
        rows: found.items,
        shell: Shell::new(&visitor, "invoices"),
    };
    Ok(render(&page))
}

/// Invoice PDFs made at once. Laying out a PDF is CPU work of tens of
/// milliseconds: on the async threads it would stall every other page, so
/// it runs on tokio's blocking pool, two at a time (the machine's other
/// cores serve pages); a download waits for its turn, at most
/// `RENDER_WAIT`, then gets a 503 page asking to try again.
static RENDERS: Semaphore = Semaphore::const_new(2);
const RENDER_WAIT: Duration = Duration::from_secs(10);

/// The invoice's PDF, by its id, as a download named by its number.
pub async fn invoice_pdf(
    State(portal): State<Portal>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?.clone();
    let Some(id) = record_id(&id) else {
        return Err(visitor.not_found());
    };
    let Ok(Ok(_turn)) = tokio::time::timeout(RENDER_WAIT, RENDERS.acquire()).await else {
        return Err(busy(&visitor));
    };
    let (number, bytes) = rendered_off_the_runtime(portal.db.clone(), actor, id)
        .await
        .or_page(&visitor)?;
    let number: String = number
        .unwrap_or_else(|| id.to_string())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    let disposition = format!("attachment; filename=\"{number}.pdf\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// Core's invoice PDF (its reads and its layout), on a blocking thread.
async fn rendered_off_the_runtime(
    db: parc_core::DatabaseConnection,
    actor: Actor,
    id: i64,
) -> CoreResult<(Option<String>, Vec<u8>)> {
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        runtime.block_on(invoices::document::numbered_invoice_pdf(&db, &actor, id))
    })
    .await
    .unwrap_or_else(|e| Err(CoreError::Internal(format!("the invoice PDF failed: {e}"))))
}

/// Every PDF slot stayed taken: try again in a moment.
fn busy(visitor: &Visitor) -> Response {
    let page = ErrorPage {
        shell: Shell::new(visitor, "invoices"),
        title: visitor.words.error_title.to_owned(),
        text: visitor.words.error_text.to_owned(),
    };
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "5")],
        render(&page),
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "licences.html")]
struct LicencesPage {
    shell: Shell,
    rows: Vec<LicenceRow>,
    pager: Pager,
}

pub async fn licences(
    State(portal): State<Portal>,
    visitor: Visitor,
    Query(params): Query<PageParams>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let query = LicenceQuery {
        page: page_number(&params.page),
        page_size: PAGE_SIZE,
        ..Default::default()
    };
    let found = licences::register::list_licences(&portal.db, actor, &query)
        .await
        .or_page(&visitor)?;
    let page = LicencesPage {
        pager: Pager::of(&found, "/licences"),
        rows: found.items,
        shell: Shell::new(&visitor, "licences"),
    };
    Ok(render(&page))
}
