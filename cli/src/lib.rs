//! The command line: `parc [--db PATH] [COMMAND]`, as its own crate over
//! the same core services, with no Tauri in it: scripts and administrators
//! get every subcommand from this crate; the `parc` binary (src-tauri) adds
//! only the window, which it hands to [`run`] as `open_desktop`. The pieces
//! of this computer that both use live here too: the OS keyring
//! (`keychain`), desktop notifications (`notifier`), the portal server
//! (`portal_server`) and the one async runtime ([`runtime`]).

pub mod alerts;
pub mod backup;
pub mod desk;
pub mod inventory;
pub mod invoicing;
pub mod keychain;
pub mod licences;
pub mod notifier;
pub mod portal;
pub mod portal_server;
pub mod report;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use parc_core::DatabaseConnection;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "parc",
    version,
    about = "Parc: IT asset management for MSPs and small IT departments.",
    long_about = "Parc: IT asset management for MSPs and small IT departments.\n\n\
        Without a command, opens the desktop application on the database file.\n\
        The database is one SQLite file, created and brought up to date on first use."
)]
pub struct Cli {
    /// The SQLite database file (default: ~/.local/share/parc/parc.db).
    #[arg(long, global = true, env = "PARC_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the desktop application (the default).
    Gui,
    /// Fill the database with demo data and print its accounts, one per line,
    /// as `login: ROLE EMAIL PASSWORD`.
    Demo {
        /// small: a realistic MSP to try Parc; large: 500 clients, 2,000 sites
        /// and 100,000 equipment, always the same (for benchmarks).
        #[arg(long, value_enum, default_value = "small")]
        size: DemoSize,
    },
    /// Create or migrate the database, then print its path.
    Migrate,
    /// Import records from a CSV file.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export records as CSV on standard output.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Invoices: the run that bills contracts, and their PDFs.
    #[command(subcommand)]
    Invoice(InvoiceCommand),
    /// Plan preventive interventions: contracts' visit plans and equipment
    /// whose maintenance is due over the horizon. Safe to run again.
    Plan {
        /// The first day of the horizon (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
        /// How many days ahead to plan.
        #[arg(long, value_name = "DAYS", default_value_t = parc_core::desk::planning::DEFAULT_HORIZON_DAYS)]
        horizon: u32,
    },
    /// Alerts: the scan that raises them (safe to run again).
    #[command(subcommand)]
    Alerts(AlertsCommand),
    /// Licences: renewals coming and compliance.
    #[command(subcommand)]
    Licences(LicencesCommand),
    /// Interventions: their reports.
    #[command(subcommand)]
    Intervention(InterventionCommand),
    /// Reports for clients.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Write a backup of the database (made by SQLite while the app may run,
    /// then checked); never overwrites a file.
    Backup {
        /// The backup file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Put a backup in place of the database: the file is checked first,
    /// the current database kept aside, then the backup brought up to date.
    /// Close the app first.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Serve the client portal on the network without the desktop app,
    /// until interrupted (Ctrl+C).
    Portal {
        /// Where to listen, e.g. 0.0.0.0:8470 (default: Settings → Portal).
        #[arg(long, value_name = "ADDR:PORT")]
        bind: Option<std::net::SocketAddr>,
    },
    /// Write a PDF sheet of equipment labels with QR codes (A4, 3 x 8).
    Labels {
        /// The PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only the equipment of this client (its code).
        #[arg(long, value_name = "CODE")]
        client: Option<String>,
        /// Only the equipment of this site (its name).
        #[arg(long, value_name = "NAME")]
        site: Option<String>,
    },
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoSize {
    Small,
    Large,
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Equipment: creates new rows, updates those matched by reference or by
    /// manufacturer + serial number; all or nothing. Exits non-zero when a row is bad.
    Equipment {
        file: PathBuf,
        /// Check the file and report what would change, without saving.
        #[arg(long)]
        dry_run: bool,
    },
    /// Installed software (columns hostname or serial, client, software,
    /// publisher, version, installed_on): adds software not yet in the
    /// catalogue; all or nothing. Exits non-zero when a row is bad.
    Installs {
        file: PathBuf,
        /// Check the file and report what would change, without saving.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Every equipment, by reference, in the columns the import reads.
    Equipment,
    /// Every licence with its seats, installations and state (never its key).
    Licences,
    /// Invoices and credit notes with their lines, one row per line, for the
    /// accountant.
    Invoices {
        /// Issued on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<NaiveDate>,
        /// Issued on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<NaiveDate>,
    },
}

#[derive(Subcommand, Debug)]
pub enum InvoiceCommand {
    /// Bill every active contract whose next billing date has come; safe to
    /// run again or to interrupt (nothing is billed twice).
    Run {
        /// The billing day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
    },
    /// Write the PDF of an invoice or credit note.
    Pdf {
        /// Its number, e.g. FA-2026-00001.
        number: String,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum AlertsCommand {
    /// Raise the alerts due on that day (default today) — warranties,
    /// contracts, licences, maintenance, stock, SLAs — each once; resolve
    /// those no longer due. Prints each alert raised.
    Scan {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
        /// Also tell the desktop of the alerts not yet told (one summary
        /// when more than three), as the app does after its scans.
        #[arg(long)]
        notify: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum LicencesCommand {
    /// Licences expiring within DAYS, soonest first (tab-separated).
    Expiring {
        #[arg(long, value_name = "DAYS", default_value_t = parc_api::licences::EXPIRING_WITHIN_DAYS)]
        days: i64,
    },
    /// Seats owned, assigned and installed per client and software, with
    /// the seats short (tab-separated).
    Compliance {
        /// Only this client (its code).
        #[arg(long, value_name = "CODE")]
        client: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Write a client's activity report over a period: interventions,
    /// tickets, time spent, SLA compliance, equipment added, moved and
    /// retired, licence compliance. A PDF, or a CSV when FILE ends in .csv.
    Activity {
        /// The client's code, e.g. ACME.
        #[arg(long, value_name = "CODE")]
        client: String,
        /// The first day of the period.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: NaiveDate,
        /// The last day of the period (included).
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: NaiveDate,
        /// The file to write (.pdf or .csv).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum InterventionCommand {
    /// Write the report of an intervention as a PDF.
    Pdf {
        /// Its reference, e.g. INT000012.
        reference: String,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// The default database: in the user's data directory.
pub fn default_db_path() -> PathBuf {
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local").join("share"))
        })
        .unwrap_or_else(|| PathBuf::from("."));
    data_home.join("parc").join("parc.db")
}

/// The async runtime of the whole process: the command line's work, and
/// the desktop's (src-tauri hands it to Tauri), so that the database pool
/// opened here serves the window too. At least `MIN_WORKERS` threads: on a
/// two-core machine tokio would start two, and a job computing for a while
/// between two awaits (a password hash, a PDF, an SLA evaluation of many
/// tickets) then left the window's commands waiting for a thread.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    const MIN_WORKERS: usize = 4;
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(MIN_WORKERS, |n| n.get());
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(cores.max(MIN_WORKERS))
            .enable_all()
            .build()
            .expect("the async runtime starts")
    })
}

fn block_on<F: std::future::Future>(work: F) -> F::Output {
    runtime().block_on(work)
}

/// Runs the command; `parc` alone (or `parc gui`) calls `open_desktop` on
/// the opened database and its path.
pub fn run(
    cli: Cli,
    open_desktop: impl FnOnce(DatabaseConnection, &std::path::Path) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let db_path = cli.db.unwrap_or_else(default_db_path);
    // A restore replaces the file: it runs before anything opens it.
    if let Some(Command::Restore { file }) = &cli.command {
        return block_on(backup::restore(file, &db_path));
    }
    let db = block_on(parc_core::db::open(&db_path))
        .with_context(|| format!("cannot open the database {}", db_path.display()))?;
    match cli.command.unwrap_or(Command::Gui) {
        Command::Gui => open_desktop(db, &db_path),
        Command::Demo { size } => {
            let accounts = block_on(async {
                match size {
                    DemoSize::Small => parc_core::demo::fill(&db).await,
                    DemoSize::Large => {
                        parc_core::dataset::generate(&db, parc_core::dataset::LARGE).await
                    }
                }
            })?;
            for account in accounts {
                println!("{account}");
            }
            Ok(())
        }
        Command::Import(ImportCommand::Equipment { file, dry_run }) => {
            block_on(inventory::import(&db, &file, dry_run))
        }
        Command::Import(ImportCommand::Installs { file, dry_run }) => {
            block_on(licences::import_installs(&db, &file, dry_run))
        }
        Command::Export(ExportCommand::Licences) => block_on(licences::export(&db)),
        Command::Alerts(AlertsCommand::Scan { date, notify }) => {
            block_on(alerts::scan(&db, date, notify))
        }
        Command::Licences(LicencesCommand::Expiring { days }) => {
            block_on(licences::expiring(&db, days))
        }
        Command::Licences(LicencesCommand::Compliance { client }) => {
            block_on(licences::compliance(&db, client.as_deref()))
        }
        Command::Export(ExportCommand::Equipment) => block_on(inventory::export(&db)),
        Command::Export(ExportCommand::Invoices { from, to }) => {
            block_on(invoicing::export(&db, from, to))
        }
        Command::Invoice(InvoiceCommand::Run { date }) => block_on(invoicing::run(&db, date)),
        Command::Invoice(InvoiceCommand::Pdf { number, out }) => {
            block_on(invoicing::pdf(&db, &number, &out))
        }
        Command::Plan { date, horizon } => block_on(desk::plan(&db, date, horizon)),
        Command::Intervention(InterventionCommand::Pdf { reference, out }) => {
            block_on(desk::report_pdf(&db, &reference, &out))
        }
        Command::Report(ReportCommand::Activity {
            client,
            from,
            to,
            out,
        }) => block_on(report::activity(&db, &client, from, to, &out)),
        Command::Backup { out } => block_on(backup::back_up(&db, &out)),
        // Done above, before the database was opened.
        Command::Restore { .. } => Ok(()),
        Command::Labels { out, client, site } => block_on(inventory::labels(
            &db,
            &out,
            client.as_deref(),
            site.as_deref(),
        )),
        Command::Portal { bind } => {
            let keychain = keychain::Keychain::for_database(&db_path);
            block_on(portal::serve(&db, &keychain, bind))
        }
        Command::Migrate => {
            println!("{}", db_path.display());
            Ok(())
        }
    }
}
