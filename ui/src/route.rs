//! Screens and their address in the location hash (`#/clients?q=acme&page=2`).
//!
//! Filters, sort and page live in the route, so going back, or restarting the
//! app on the same screen, shows the same list. Parsing and formatting are
//! pure functions, tested without a browser.

use parc_api::alerts::{AlertQuery, AlertRuleCode, AlertView};
use parc_api::clients::{ArchiveFilter, ClientQuery, ClientSort, ServiceLevel};
use parc_api::contracts::{ContractQuery, ContractStatus};
use parc_api::equipment::{EquipmentFilter, EquipmentSort, EquipmentStatus};
use parc_api::invoices::{InvoiceQuery, InvoiceStatus};
use parc_api::kpi::{KpiFilter, StatisticsQuery};
use parc_api::licences::{LicenceQuery, LicenceView};
use parc_api::sites::{SiteQuery, SiteSort};
use parc_api::tickets::{Priority, QueueView, SlaState, TicketQuery, TicketStatus};
use parc_api::SortDir;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClientTab {
    #[default]
    Overview,
    Contacts,
    Sites,
    Equipment,
    Contracts,
    Invoices,
    Tickets,
    Interventions,
    Licences,
    History,
}

impl ClientTab {
    pub const ALL: [ClientTab; 10] = [
        ClientTab::Overview,
        ClientTab::Contacts,
        ClientTab::Sites,
        ClientTab::Equipment,
        ClientTab::Contracts,
        ClientTab::Invoices,
        ClientTab::Tickets,
        ClientTab::Interventions,
        ClientTab::Licences,
        ClientTab::History,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ClientTab::Overview => "overview",
            ClientTab::Contacts => "contacts",
            ClientTab::Sites => "sites",
            ClientTab::Equipment => "equipment",
            ClientTab::Contracts => "contracts",
            ClientTab::Invoices => "invoices",
            ClientTab::Tickets => "tickets",
            ClientTab::Interventions => "interventions",
            ClientTab::Licences => "licences",
            ClientTab::History => "history",
        }
    }
}

/// The equipment list as the route keeps it: filters and order. The page
/// cursor stays in the list component (keyset pages have no number).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EquipmentView {
    pub filter: EquipmentFilter,
    pub sort: EquipmentSort,
    pub dir: SortDir,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EquipmentTab {
    #[default]
    Overview,
    Components,
    Tickets,
    Interventions,
    Software,
    History,
}

impl EquipmentTab {
    pub const ALL: [EquipmentTab; 6] = [
        EquipmentTab::Overview,
        EquipmentTab::Components,
        EquipmentTab::Tickets,
        EquipmentTab::Interventions,
        EquipmentTab::Software,
        EquipmentTab::History,
    ];
    pub fn code(self) -> &'static str {
        match self {
            EquipmentTab::Overview => "overview",
            EquipmentTab::Components => "components",
            EquipmentTab::Tickets => "tickets",
            EquipmentTab::Interventions => "interventions",
            EquipmentTab::Software => "software",
            EquipmentTab::History => "history",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Equipment(EquipmentView),
    NewEquipment {
        client_id: Option<i64>,
    },
    EquipmentItem {
        id: i64,
        tab: EquipmentTab,
    },
    EditEquipment {
        id: i64,
    },
    Catalogue,
    ImportEquipment,
    Parts,
    Clients(ClientQuery),
    NewClient,
    Client {
        id: i64,
        tab: ClientTab,
    },
    EditClient {
        id: i64,
    },
    Sites(SiteQuery),
    Licences(LicenceQuery),
    NewLicence {
        client_id: Option<i64>,
    },
    Licence {
        id: i64,
    },
    EditLicence {
        id: i64,
    },
    Software,
    SoftwareItem {
        id: i64,
    },
    ImportInstallations,
    Contact {
        client_id: i64,
        id: i64,
    },
    Contracts(ContractQuery),
    NewContract {
        client_id: Option<i64>,
    },
    Contract {
        id: i64,
    },
    EditContract {
        id: i64,
    },
    Invoices(InvoiceQuery),
    NewInvoice {
        client_id: Option<i64>,
    },
    Invoice {
        id: i64,
    },
    EditInvoice {
        id: i64,
    },
    InvoiceRun,
    Tickets(TicketQuery),
    NewTicket {
        client_id: Option<i64>,
    },
    Ticket {
        id: i64,
    },
    NewIntervention {
        ticket_id: Option<i64>,
        client_id: Option<i64>,
    },
    Intervention {
        id: i64,
    },
    EditIntervention {
        id: i64,
    },
    /// A week of interventions per technician; `week` is any day of it.
    Planning {
        week: Option<chrono::NaiveDate>,
    },
    Technicians,
    Zones,
    Users,
    Settings,
    /// The alert centre.
    Alerts(AlertQuery),
    /// The manager's dashboard.
    Dashboard,
    /// The technician's dashboard: their own day and week.
    MyDay,
    /// The figures of a period, narrowed; and a client's activity report.
    Statistics(StatisticsQuery),
}

impl Default for Route {
    fn default() -> Self {
        Route::Clients(ClientQuery {
            page: 1,
            ..ClientQuery::default()
        })
    }
}

/// The `?key=value&…` part of a hash, decoded.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(query: &str) -> Self {
        Params(
            query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (k.to_owned(), decode(v))
                })
                .collect(),
        )
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn id(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(|v| v.parse().ok())
    }

    fn search(&self) -> String {
        self.get("q").unwrap_or_default().to_owned()
    }

    fn archive(&self) -> ArchiveFilter {
        self.get("archive")
            .and_then(ArchiveFilter::from_code)
            .unwrap_or_default()
    }

    fn dir(&self) -> SortDir {
        if self.get("dir") == Some("desc") {
            SortDir::Desc
        } else {
            SortDir::Asc
        }
    }

    fn page(&self) -> u64 {
        self.get("page")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
            .max(1)
    }
}

impl Route {
    /// Reads a hash such as `#/clients/3?tab=history`; unknown ones give the clients list.
    pub fn parse(hash: &str) -> Route {
        let hash = hash.trim_start_matches('#');
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let params = Params::parse(query);
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            ["clients", "new"] => Route::NewClient,
            ["clients", id] => match id.parse() {
                Ok(id) => Route::Client {
                    id,
                    tab: ClientTab::ALL
                        .into_iter()
                        .find(|t| Some(t.code()) == params.get("tab"))
                        .unwrap_or_default(),
                },
                Err(_) => Route::default(),
            },
            ["clients", id, "edit"] => id
                .parse()
                .map(|id| Route::EditClient { id })
                .unwrap_or_default(),
            ["sites"] => Route::Sites(SiteQuery {
                search: params.search(),
                client_id: params.id("client"),
                zone_id: params.id("zone"),
                archive: params.archive(),
                sort: params
                    .get("sort")
                    .and_then(SiteSort::from_code)
                    .unwrap_or_default(),
                dir: params.dir(),
                page: params.page(),
                page_size: 0,
            }),
            ["equipment"] => Route::Equipment(EquipmentView {
                filter: EquipmentFilter {
                    search: params.search(),
                    client_id: params.id("client"),
                    site_id: params.id("site"),
                    type_id: params.id("type"),
                    status: params.get("status").and_then(EquipmentStatus::from_code),
                    contact_id: params.id("contact"),
                    warranty_within_days: params.get("warranty").and_then(|v| v.parse().ok()),
                },
                sort: params
                    .get("sort")
                    .and_then(EquipmentSort::from_code)
                    .unwrap_or_default(),
                dir: params.dir(),
            }),
            ["equipment", "import"] => Route::ImportEquipment,
            ["parts"] => Route::Parts,
            ["equipment", "new"] => Route::NewEquipment {
                client_id: params.id("client"),
            },
            ["equipment", id] => match id.parse() {
                Ok(id) => Route::EquipmentItem {
                    id,
                    tab: EquipmentTab::ALL
                        .into_iter()
                        .find(|t| Some(t.code()) == params.get("tab"))
                        .unwrap_or_default(),
                },
                Err(_) => Route::default(),
            },
            ["equipment", id, "edit"] => id
                .parse()
                .map(|id| Route::EditEquipment { id })
                .unwrap_or_default(),
            ["licences"] => Route::Licences(LicenceQuery {
                search: params.search(),
                client_id: params.id("client"),
                view: params
                    .get("view")
                    .and_then(LicenceView::from_code)
                    .unwrap_or_default(),
                page: params.page(),
                ..Default::default()
            }),
            ["licences", "new"] => Route::NewLicence {
                client_id: params.id("client"),
            },
            ["licences", id] => id
                .parse()
                .map(|id| Route::Licence { id })
                .unwrap_or_default(),
            ["licences", id, "edit"] => id
                .parse()
                .map(|id| Route::EditLicence { id })
                .unwrap_or_default(),
            ["software"] => Route::Software,
            ["software", "import"] => Route::ImportInstallations,
            ["software", id] => id
                .parse()
                .map(|id| Route::SoftwareItem { id })
                .unwrap_or_default(),
            ["clients", client, "contacts", id] => match (client.parse(), id.parse()) {
                (Ok(client_id), Ok(id)) => Route::Contact { client_id, id },
                _ => Route::default(),
            },
            ["contracts"] => Route::Contracts(ContractQuery {
                search: params.search(),
                client_id: params.id("client"),
                status: params.get("status").and_then(ContractStatus::from_code),
                in_notice: params.get("notice") == Some("1"),
                ending_within_days: params.get("ending").and_then(|v| v.parse().ok()),
                page: params.page(),
                page_size: 0,
            }),
            ["contracts", "new"] => Route::NewContract {
                client_id: params.id("client"),
            },
            ["contracts", id] => id
                .parse()
                .map(|id| Route::Contract { id })
                .unwrap_or_default(),
            ["contracts", id, "edit"] => id
                .parse()
                .map(|id| Route::EditContract { id })
                .unwrap_or_default(),
            ["invoices"] => Route::Invoices(InvoiceQuery {
                search: params.search(),
                client_id: params.id("client"),
                contract_id: params.id("contract"),
                status: params.get("status").and_then(InvoiceStatus::from_code),
                from: params.get("from").unwrap_or_default().to_owned(),
                to: params.get("to").unwrap_or_default().to_owned(),
                overdue_only: params.get("overdue") == Some("1"),
                unpaid_only: params.get("unpaid") == Some("1"),
                page: params.page(),
                page_size: 0,
            }),
            ["invoices", "new"] => Route::NewInvoice {
                client_id: params.id("client"),
            },
            ["invoices", "run"] => Route::InvoiceRun,
            ["invoices", id] => id
                .parse()
                .map(|id| Route::Invoice { id })
                .unwrap_or_default(),
            ["invoices", id, "edit"] => id
                .parse()
                .map(|id| Route::EditInvoice { id })
                .unwrap_or_default(),
            ["tickets"] => Route::Tickets(TicketQuery {
                view: params
                    .get("view")
                    .and_then(QueueView::from_code)
                    .unwrap_or_default(),
                client_id: params.id("client"),
                equipment_id: None,
                status: params.get("status").and_then(TicketStatus::from_code),
                priority: params.get("priority").and_then(Priority::from_code),
                sla_state: params.get("sla").and_then(SlaState::from_code),
                search: params.search(),
                page: params.page(),
                page_size: 0,
            }),
            ["tickets", "new"] => Route::NewTicket {
                client_id: params.id("client"),
            },
            ["tickets", id] => id
                .parse()
                .map(|id| Route::Ticket { id })
                .unwrap_or_default(),
            ["interventions", "new"] => Route::NewIntervention {
                ticket_id: params.id("ticket"),
                client_id: params.id("client"),
            },
            ["interventions", id] => id
                .parse()
                .map(|id| Route::Intervention { id })
                .unwrap_or_default(),
            ["interventions", id, "edit"] => id
                .parse()
                .map(|id| Route::EditIntervention { id })
                .unwrap_or_default(),
            ["planning"] => Route::Planning {
                week: params.get("week").and_then(|w| w.parse().ok()),
            },
            ["technicians"] => Route::Technicians,
            ["catalogue"] => Route::Catalogue,
            ["zones"] => Route::Zones,
            ["users"] => Route::Users,
            ["settings"] => Route::Settings,
            ["dashboard"] => Route::Dashboard,
            ["my-day"] => Route::MyDay,
            ["statistics"] => Route::Statistics(StatisticsQuery {
                filter: KpiFilter {
                    client_id: params.id("client"),
                    technician_id: params.id("technician"),
                },
                from: params.get("from").unwrap_or_default().to_owned(),
                to: params.get("to").unwrap_or_default().to_owned(),
            }),
            ["alerts"] => Route::Alerts(AlertQuery {
                search: params.search(),
                client_id: params.id("client"),
                view: params
                    .get("view")
                    .and_then(AlertView::from_code)
                    .unwrap_or_default(),
                rule: params.get("rule").and_then(AlertRuleCode::from_code),
                mine: params.get("mine") == Some("1"),
                page: params.page(),
                ..Default::default()
            }),
            _ => Route::Clients(ClientQuery {
                search: params.search(),
                service_level: params.get("level").and_then(ServiceLevel::from_code),
                archive: params.archive(),
                sort: params
                    .get("sort")
                    .and_then(ClientSort::from_code)
                    .unwrap_or_default(),
                dir: params.dir(),
                page: params.page(),
                page_size: 0,
            }),
        }
    }

    /// The hash for this route; only non-default parameters are written.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Clients(q) => {
                let mut p = Vec::new();
                push(&mut p, "q", &q.search);
                if let Some(level) = q.service_level {
                    push(&mut p, "level", level.code());
                }
                let sort = (q.sort != ClientSort::default()).then(|| q.sort.code());
                push_list_state(&mut p, q.archive, sort, q.dir, q.page);
                with_query("#/clients", &p)
            }
            Route::NewClient => "#/clients/new".into(),
            Route::Client { id, tab } => {
                if *tab == ClientTab::Overview {
                    format!("#/clients/{id}")
                } else {
                    format!("#/clients/{id}?tab={}", tab.code())
                }
            }
            Route::EditClient { id } => format!("#/clients/{id}/edit"),
            Route::Sites(q) => {
                let mut p = Vec::new();
                push(&mut p, "q", &q.search);
                if let Some(client) = q.client_id {
                    push(&mut p, "client", &client.to_string());
                }
                if let Some(zone) = q.zone_id {
                    push(&mut p, "zone", &zone.to_string());
                }
                let sort = (q.sort != SiteSort::default()).then(|| q.sort.code());
                push_list_state(&mut p, q.archive, sort, q.dir, q.page);
                with_query("#/sites", &p)
            }
            Route::Equipment(v) => {
                let f = &v.filter;
                let mut p = Vec::new();
                push(&mut p, "q", &f.search);
                let ids = [
                    ("client", f.client_id),
                    ("site", f.site_id),
                    ("type", f.type_id),
                    ("contact", f.contact_id),
                ];
                for (key, id) in ids {
                    if let Some(id) = id {
                        push(&mut p, key, &id.to_string());
                    }
                }
                if let Some(status) = f.status {
                    push(&mut p, "status", status.code());
                }
                if let Some(days) = f.warranty_within_days {
                    push(&mut p, "warranty", &days.to_string());
                }
                let sort = (v.sort != EquipmentSort::default()).then(|| v.sort.code());
                push_list_state(&mut p, ArchiveFilter::default(), sort, v.dir, 1);
                with_query("#/equipment", &p)
            }
            Route::NewEquipment { client_id } => match client_id {
                Some(id) => format!("#/equipment/new?client={id}"),
                None => "#/equipment/new".into(),
            },
            Route::EquipmentItem { id, tab } => {
                if *tab == EquipmentTab::Overview {
                    format!("#/equipment/{id}")
                } else {
                    format!("#/equipment/{id}?tab={}", tab.code())
                }
            }
            Route::EditEquipment { id } => format!("#/equipment/{id}/edit"),
            Route::Licences(q) => {
                let mut p = Vec::new();
                push(&mut p, "q", &q.search);
                if let Some(client) = q.client_id {
                    push(&mut p, "client", &client.to_string());
                }
                if q.view != LicenceView::All {
                    push(&mut p, "view", q.view.code());
                }
                push_list_state(&mut p, ArchiveFilter::default(), None, SortDir::Asc, q.page);
                with_query("#/licences", &p)
            }
            Route::NewLicence { client_id } => match client_id {
                Some(id) => format!("#/licences/new?client={id}"),
                None => "#/licences/new".into(),
            },
            Route::Licence { id } => format!("#/licences/{id}"),
            Route::EditLicence { id } => format!("#/licences/{id}/edit"),
            Route::Software => "#/software".into(),
            Route::SoftwareItem { id } => format!("#/software/{id}"),
            Route::ImportInstallations => "#/software/import".into(),
            Route::Contact { client_id, id } => format!("#/clients/{client_id}/contacts/{id}"),
            Route::Contracts(q) => {
                let mut p = Vec::new();
                push(&mut p, "q", &q.search);
                if let Some(client) = q.client_id {
                    push(&mut p, "client", &client.to_string());
                }
                if let Some(status) = q.status {
                    push(&mut p, "status", status.code());
                }
                if q.in_notice {
                    push(&mut p, "notice", "1");
                }
                if let Some(days) = q.ending_within_days {
                    push(&mut p, "ending", &days.to_string());
                }
                push_list_state(&mut p, ArchiveFilter::default(), None, SortDir::Asc, q.page);
                with_query("#/contracts", &p)
            }
            Route::NewContract { client_id } => match client_id {
                Some(id) => format!("#/contracts/new?client={id}"),
                None => "#/contracts/new".into(),
            },
            Route::Contract { id } => format!("#/contracts/{id}"),
            Route::EditContract { id } => format!("#/contracts/{id}/edit"),
            Route::Invoices(q) => {
                let mut p = Vec::new();
                push(&mut p, "q", &q.search);
                for (key, id) in [("client", q.client_id), ("contract", q.contract_id)] {
                    if let Some(id) = id {
                        push(&mut p, key, &id.to_string());
                    }
                }
                if let Some(status) = q.status {
                    push(&mut p, "status", status.code());
                }
                push(&mut p, "from", &q.from);
                push(&mut p, "to", &q.to);
                if q.overdue_only {
                    push(&mut p, "overdue", "1");
                }
                if q.unpaid_only {
                    push(&mut p, "unpaid", "1");
                }
                push_list_state(&mut p, ArchiveFilter::default(), None, SortDir::Asc, q.page);
                with_query("#/invoices", &p)
            }
            Route::NewInvoice { client_id } => match client_id {
                Some(id) => format!("#/invoices/new?client={id}"),
                None => "#/invoices/new".into(),
            },
            Route::Invoice { id } => format!("#/invoices/{id}"),
            Route::EditInvoice { id } => format!("#/invoices/{id}/edit"),
            Route::InvoiceRun => "#/invoices/run".into(),
            Route::Tickets(q) => {
                let mut p = Vec::new();
                if q.view != QueueView::default() {
                    push(&mut p, "view", q.view.code());
                }
                if let Some(client) = q.client_id {
                    push(&mut p, "client", &client.to_string());
                }
                if let Some(status) = q.status {
                    push(&mut p, "status", status.code());
                }
                if let Some(priority) = q.priority {
                    push(&mut p, "priority", priority.code());
                }
                if let Some(state) = q.sla_state {
                    push(&mut p, "sla", state.code());
                }
                push(&mut p, "q", &q.search);
                push_list_state(&mut p, ArchiveFilter::default(), None, SortDir::Asc, q.page);
                with_query("#/tickets", &p)
            }
            Route::NewTicket { client_id } => match client_id {
                Some(id) => format!("#/tickets/new?client={id}"),
                None => "#/tickets/new".into(),
            },
            Route::Ticket { id } => format!("#/tickets/{id}"),
            Route::NewIntervention {
                ticket_id,
                client_id,
            } => {
                let mut p = Vec::new();
                for (key, id) in [("ticket", ticket_id), ("client", client_id)] {
                    if let Some(id) = id {
                        push(&mut p, key, &id.to_string());
                    }
                }
                with_query("#/interventions/new", &p)
            }
            Route::Intervention { id } => format!("#/interventions/{id}"),
            Route::EditIntervention { id } => format!("#/interventions/{id}/edit"),
            Route::Planning { week } => match week {
                Some(day) => format!("#/planning?week={day}"),
                None => "#/planning".into(),
            },
            Route::Technicians => "#/technicians".into(),
            Route::Catalogue => "#/catalogue".into(),
            Route::ImportEquipment => "#/equipment/import".into(),
            Route::Parts => "#/parts".into(),
            Route::Zones => "#/zones".into(),
            Route::Users => "#/users".into(),
            Route::Settings => "#/settings".into(),
            Route::Alerts(q) => {
                let mut p = Vec::new();
                push(&mut p, "q", &q.search);
                if let Some(client) = q.client_id {
                    push(&mut p, "client", &client.to_string());
                }
                if q.view != AlertView::Open {
                    push(&mut p, "view", q.view.code());
                }
                if let Some(rule) = q.rule {
                    push(&mut p, "rule", rule.code());
                }
                if q.mine {
                    push(&mut p, "mine", "1");
                }
                push_list_state(&mut p, ArchiveFilter::default(), None, SortDir::Asc, q.page);
                with_query("#/alerts", &p)
            }
            Route::Dashboard => "#/dashboard".into(),
            Route::MyDay => "#/my-day".into(),
            Route::Statistics(q) => {
                let mut p = Vec::new();
                for (key, id) in [
                    ("client", q.filter.client_id),
                    ("technician", q.filter.technician_id),
                ] {
                    if let Some(id) = id {
                        push(&mut p, key, &id.to_string());
                    }
                }
                push(&mut p, "from", &q.from);
                push(&mut p, "to", &q.to);
                with_query("#/statistics", &p)
            }
        }
    }
}

/// The parameters every list shares; defaults are left out of the address.
fn push_list_state(
    params: &mut Vec<String>,
    archive: ArchiveFilter,
    sort: Option<&str>,
    dir: SortDir,
    page: u64,
) {
    if archive != ArchiveFilter::default() {
        push(params, "archive", archive.code());
    }
    if let Some(sort) = sort {
        push(params, "sort", sort);
    }
    if dir == SortDir::Desc {
        push(params, "dir", "desc");
    }
    if page > 1 {
        push(params, "page", &page.to_string());
    }
}

fn push(params: &mut Vec<String>, key: &str, value: &str) {
    if !value.is_empty() {
        params.push(format!("{key}={}", encode(value)));
    }
}

fn with_query(path: &str, params: &[String]) -> String {
    if params.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", params.join("&"))
    }
}

/// Percent-encodes everything but unreserved characters (UTF-8 aware).
fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn hex_digit(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex_digit(bytes[i + 1]), hex_digit(bytes[i + 2]))
            {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_list_filters_round_trip() {
        let route = Route::Clients(ClientQuery {
            search: "Acme & Fils é".into(),
            service_level: Some(ServiceLevel::Vip),
            archive: ArchiveFilter::All,
            sort: ClientSort::Code,
            dir: SortDir::Desc,
            page: 3,
            page_size: 0,
        });
        let hash = route.to_hash();
        assert!(
            hash.starts_with("#/clients?q=Acme%20%26%20Fils%20%C3%A9"),
            "{hash}"
        );
        assert_eq!(Route::parse(&hash), route);
    }

    #[test]
    fn equipment_filters_round_trip() {
        let route = Route::Equipment(EquipmentView {
            filter: EquipmentFilter {
                search: "SN-42".into(),
                client_id: Some(3),
                site_id: Some(7),
                type_id: None,
                status: Some(EquipmentStatus::InRepair),
                contact_id: None,
                warranty_within_days: Some(90),
            },
            sort: EquipmentSort::WarrantyEnd,
            dir: SortDir::Desc,
        });
        let hash = route.to_hash();
        assert_eq!(
            hash,
            "#/equipment?q=SN-42&client=3&site=7&status=in_repair&warranty=90&sort=warranty&dir=desc"
        );
        assert_eq!(Route::parse(&hash), route);
        assert_eq!(
            Route::parse("#/equipment/new?client=4"),
            Route::NewEquipment { client_id: Some(4) }
        );
        assert_eq!(
            Route::parse("#/equipment/9?tab=history"),
            Route::EquipmentItem {
                id: 9,
                tab: EquipmentTab::History
            }
        );
    }

    #[test]
    fn detail_tabs_and_unknown_paths() {
        assert_eq!(
            Route::parse("#/clients/12?tab=history"),
            Route::Client {
                id: 12,
                tab: ClientTab::History
            }
        );
        assert_eq!(Route::parse("#/clients/12").to_hash(), "#/clients/12");
        assert_eq!(Route::parse("#/nowhere"), Route::default());
        assert_eq!(Route::parse("#/clients/abc"), Route::default());
        assert_eq!(Route::parse(""), Route::default());
    }

    #[test]
    fn site_filters_round_trip() {
        let route = Route::Sites(SiteQuery {
            search: "gare".into(),
            zone_id: Some(4),
            page: 2,
            ..Default::default()
        });
        assert_eq!(Route::parse(&route.to_hash()), route);
    }

    #[test]
    fn desk_routes_round_trip() {
        let queue = Route::Tickets(TicketQuery {
            view: QueueView::AtRisk,
            client_id: Some(4),
            equipment_id: None,
            status: Some(TicketStatus::WaitingForClient),
            priority: Some(Priority::Urgent),
            sla_state: Some(SlaState::Paused),
            search: "printer".into(),
            page: 3,
            page_size: 0,
        });
        assert_eq!(
            queue.to_hash(),
            "#/tickets?view=at_risk&client=4&status=waiting_for_client&priority=urgent&sla=paused&q=printer&page=3"
        );
        assert_eq!(Route::parse(&queue.to_hash()), queue);
        let planning = Route::Planning {
            week: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        };
        assert_eq!(Route::parse(&planning.to_hash()), planning);
        let new = Route::NewIntervention {
            ticket_id: Some(9),
            client_id: Some(2),
        };
        assert_eq!(new.to_hash(), "#/interventions/new?ticket=9&client=2");
        assert_eq!(Route::parse(&new.to_hash()), new);
        assert_eq!(Route::parse("#/tickets/12"), Route::Ticket { id: 12 });
        assert_eq!(
            Route::parse("#/interventions/5/edit"),
            Route::EditIntervention { id: 5 }
        );
        assert_eq!(Route::parse("#/technicians"), Route::Technicians);
    }

    #[test]
    fn licence_routes_round_trip() {
        let expiring = Route::Licences(LicenceQuery {
            view: LicenceView::Expiring,
            client_id: Some(3),
            search: "office".into(),
            page: 2,
            ..Default::default()
        });
        assert_eq!(
            expiring.to_hash(),
            "#/licences?q=office&client=3&view=expiring&page=2"
        );
        assert_eq!(Route::parse(&expiring.to_hash()), expiring);
        for route in [
            Route::Licence { id: 4 },
            Route::EditLicence { id: 4 },
            Route::NewLicence { client_id: Some(2) },
            Route::Software,
            Route::SoftwareItem { id: 7 },
            Route::ImportInstallations,
            Route::Contact {
                client_id: 2,
                id: 9,
            },
        ] {
            assert_eq!(Route::parse(&route.to_hash()), route);
        }
    }

    #[test]
    fn alert_routes_round_trip() {
        let snoozed = Route::Alerts(AlertQuery {
            view: AlertView::Snoozed,
            rule: Some(AlertRuleCode::LicenceExpiry),
            client_id: Some(3),
            search: "office".into(),
            page: 2,
            ..Default::default()
        });
        assert_eq!(
            snoozed.to_hash(),
            "#/alerts?q=office&client=3&view=snoozed&rule=licence_expiry&page=2"
        );
        assert_eq!(Route::parse(&snoozed.to_hash()), snoozed);
        assert_eq!(
            Route::parse("#/alerts"),
            Route::Alerts(AlertQuery {
                page: 1,
                ..Default::default()
            })
        );
    }

    #[test]
    fn dashboard_routes_round_trip() {
        let statistics = Route::Statistics(StatisticsQuery {
            filter: KpiFilter {
                client_id: Some(3),
                technician_id: Some(7),
            },
            from: "2026-10-01".into(),
            to: "2026-10-31".into(),
        });
        assert_eq!(
            statistics.to_hash(),
            "#/statistics?client=3&technician=7&from=2026-10-01&to=2026-10-31"
        );
        assert_eq!(Route::parse(&statistics.to_hash()), statistics);
        assert_eq!(Route::parse("#/dashboard"), Route::Dashboard);
        assert_eq!(Route::parse("#/my-day"), Route::MyDay);
        let mine = Route::Alerts(AlertQuery {
            mine: true,
            page: 1,
            ..Default::default()
        });
        assert_eq!(mine.to_hash(), "#/alerts?mine=1");
        assert_eq!(Route::parse(&mine.to_hash()), mine);
    }

    #[test]
    fn billing_routes_round_trip() {
        let contracts = Route::Contracts(ContractQuery {
            search: "CT0".into(),
            client_id: Some(2),
            status: Some(ContractStatus::Active),
            in_notice: true,
            ending_within_days: Some(60),
            page: 2,
            page_size: 0,
        });
        assert_eq!(
            contracts.to_hash(),
            "#/contracts?q=CT0&client=2&status=active&notice=1&ending=60&page=2"
        );
        assert_eq!(Route::parse(&contracts.to_hash()), contracts);
        let invoices = Route::Invoices(InvoiceQuery {
            client_id: Some(5),
            status: Some(InvoiceStatus::Sent),
            from: "2026-01-01".into(),
            to: "2026-03-31".into(),
            overdue_only: true,
            page: 1,
            ..Default::default()
        });
        assert_eq!(Route::parse(&invoices.to_hash()), invoices);
        assert_eq!(Route::parse("#/invoices/run"), Route::InvoiceRun);
        assert_eq!(Route::parse("#/invoices/7"), Route::Invoice { id: 7 });
        assert_eq!(
            Route::parse("#/contracts/3/edit"),
            Route::EditContract { id: 3 }
        );
        assert_eq!(
            Route::parse("#/clients/4?tab=invoices"),
            Route::Client {
                id: 4,
                tab: ClientTab::Invoices
            }
        );
    }

    #[test]
    fn broken_percent_escapes_do_not_panic() {
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%é"), "%é");
        assert_eq!(decode("%C3%A9"), "é");
    }
}
