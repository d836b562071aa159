//! Screens and their address in the location hash (`#/clients?q=acme&page=2`).
//!
//! Filters, sort and page live in the route, so going back, or restarting the
//! app on the same screen, shows the same list. Each route is one row of the
//! table below, from which `Route::parse` and `Route::to_hash` are both
//! written (`address`); they are pure functions, tested without a browser.

#[macro_use]
mod address;

use parc_api::alerts::{AlertQuery, AlertRuleCode, AlertView};
use parc_api::clients::{ArchiveFilter, ClientQuery, ClientSort, ServiceLevel};
use parc_api::contracts::{ContractQuery, ContractStatus};
use parc_api::equipment::{EquipmentFilter, EquipmentSort, EquipmentStatus};
use parc_api::invoices::{InvoiceQuery, InvoiceStatus};
use parc_api::kpi::StatisticsQuery;
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
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|tab| tab.code() == code)
    }
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
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|tab| tab.code() == code)
    }
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

impl Route {
    /// Where a user lands after signing in: a manager on the Dashboard, a
    /// technician on My day (their tickets, interventions and time).
    pub fn home_of(role: parc_api::auth::Role) -> Route {
        match role {
            parc_api::auth::Role::Manager => Route::Dashboard,
            parc_api::auth::Role::Technician => Route::MyDay,
        }
    }
}

impl Default for Route {
    fn default() -> Self {
        Route::Clients(ClientQuery {
            page: 1,
            ..ClientQuery::default()
        })
    }
}

text_by_code!(
    ServiceLevel,
    ArchiveFilter,
    ClientSort,
    SiteSort,
    EquipmentStatus,
    EquipmentSort,
    LicenceView,
    ContractStatus,
    InvoiceStatus,
    QueueView,
    TicketStatus,
    Priority,
    SlaState,
    AlertView,
    AlertRuleCode,
    ClientTab,
    EquipmentTab,
);

param_with_default!(
    ArchiveFilter,
    ClientSort,
    SiteSort,
    EquipmentSort,
    LicenceView,
    QueueView,
    AlertView,
    ClientTab,
    EquipmentTab,
);

// The keys of each list's filters, in the order they are written.
query_params! {
    ClientQuery {
        search: "q", service_level: "level", archive: "archive", sort: "sort", dir: "dir",
        page: "page",
    }
    SiteQuery {
        search: "q", client_id: "client", zone_id: "zone", archive: "archive", sort: "sort",
        dir: "dir", page: "page",
    }
    EquipmentView {
        filter.search: "q", filter.client_id: "client", filter.site_id: "site",
        filter.type_id: "type", filter.contact_id: "contact", filter.status: "status",
        filter.warranty_within_days: "warranty", sort: "sort", dir: "dir",
    }
    LicenceQuery { search: "q", client_id: "client", view: "view", page: "page" }
    ContractQuery {
        search: "q", client_id: "client", status: "status", in_notice: "notice",
        ending_within_days: "ending", page: "page",
    }
    InvoiceQuery {
        search: "q", client_id: "client", contract_id: "contract", status: "status",
        from: "from", to: "to", overdue_only: "overdue", unpaid_only: "unpaid", page: "page",
    }
    TicketQuery {
        view: "view", client_id: "client", status: "status", priority: "priority",
        sla_state: "sla", search: "q", page: "page",
    }
    AlertQuery {
        search: "q", client_id: "client", view: "view", rule: "rule", mine: "mine",
        page: "page",
    }
    StatisticsQuery {
        filter.client_id: "client", filter.technician_id: "technician", from: "from", to: "to",
    }
}

// Every screen's address. `{id}` is a number taken from the path; `field =
// "key"` comes from the query.
routes! {
    "clients" => Clients(ClientQuery);
    "clients" / "new" => NewClient {};
    "clients" / {id} => Client { id, tab = "tab" };
    "clients" / {id} / "edit" => EditClient { id };
    "clients" / {client_id} / "contacts" / {id} => Contact { client_id, id };
    "sites" => Sites(SiteQuery);
    "equipment" => Equipment(EquipmentView);
    "equipment" / "import" => ImportEquipment {};
    "equipment" / "new" => NewEquipment { client_id = "client" };
    "equipment" / {id} => EquipmentItem { id, tab = "tab" };
    "equipment" / {id} / "edit" => EditEquipment { id };
    "parts" => Parts {};
    "catalogue" => Catalogue {};
    "licences" => Licences(LicenceQuery);
    "licences" / "new" => NewLicence { client_id = "client" };
    "licences" / {id} => Licence { id };
    "licences" / {id} / "edit" => EditLicence { id };
    "software" => Software {};
    "software" / "import" => ImportInstallations {};
    "software" / {id} => SoftwareItem { id };
    "contracts" => Contracts(ContractQuery);
    "contracts" / "new" => NewContract { client_id = "client" };
    "contracts" / {id} => Contract { id };
    "contracts" / {id} / "edit" => EditContract { id };
    "invoices" => Invoices(InvoiceQuery);
    "invoices" / "new" => NewInvoice { client_id = "client" };
    "invoices" / "run" => InvoiceRun {};
    "invoices" / {id} => Invoice { id };
    "invoices" / {id} / "edit" => EditInvoice { id };
    "tickets" => Tickets(TicketQuery);
    "tickets" / "new" => NewTicket { client_id = "client" };
    "tickets" / {id} => Ticket { id };
    "interventions" / "new" => NewIntervention { ticket_id = "ticket", client_id = "client" };
    "interventions" / {id} => Intervention { id };
    "interventions" / {id} / "edit" => EditIntervention { id };
    "planning" => Planning { week = "week" };
    "technicians" => Technicians {};
    "zones" => Zones {};
    "users" => Users {};
    "settings" => Settings {};
    "alerts" => Alerts(AlertQuery);
    "dashboard" => Dashboard {};
    "my-day" => MyDay {};
    "statistics" => Statistics(StatisticsQuery);
}

#[cfg(test)]
mod tests {
    use super::address::decode;
    use super::*;
    use parc_api::kpi::KpiFilter;

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
    fn every_screen_reads_back_the_address_it_writes() {
        let screens = [
            Route::NewClient,
            Route::EditClient { id: 3 },
            Route::ImportEquipment,
            Route::EditEquipment { id: 8 },
            Route::NewEquipment { client_id: None },
            Route::Parts,
            Route::Catalogue,
            Route::NewContract { client_id: Some(1) },
            Route::Contract { id: 2 },
            Route::NewInvoice { client_id: None },
            Route::EditInvoice { id: 6 },
            Route::NewTicket { client_id: Some(5) },
            Route::Intervention { id: 4 },
            Route::Planning { week: None },
            Route::Zones,
            Route::Users,
            Route::Settings,
            Route::Equipment(EquipmentView::default()),
        ];
        for route in screens {
            let hash = route.to_hash();
            assert_eq!(Route::parse(&hash), route, "{hash}");
        }
        assert_eq!(Route::EditClient { id: 3 }.to_hash(), "#/clients/3/edit");
        assert_eq!(Route::Parts.to_hash(), "#/parts");
        assert_eq!(Route::default().to_hash(), "#/clients");
        // A literal segment is not taken for an id, nor a word for a number.
        assert_eq!(Route::parse("#/equipment/import"), Route::ImportEquipment);
        assert_eq!(Route::parse("#/tickets/abc"), Route::default());
        assert_eq!(
            Route::parse("#/clients?page=0&dir=sideways"),
            Route::default()
        );
    }

    #[test]
    fn broken_percent_escapes_do_not_panic() {
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%é"), "%é");
        assert_eq!(decode("%C3%A9"), "é");
        assert_eq!(decode("a+b"), "a b");
    }
}
