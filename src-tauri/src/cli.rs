//! The command line: `parc [--db PATH] [COMMAND]`.

use crate::state::App;
use anyhow::Context;
use clap::{Parser, Subcommand};
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
    /// Fill the database with a realistic small dataset and print its accounts,
    /// one per line, as `login: ROLE EMAIL PASSWORD`.
    Demo,
    /// Create or migrate the database, then print its path.
    Migrate,
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

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let db_path = cli.db.unwrap_or_else(default_db_path);
    let db = tauri::async_runtime::block_on(parc_core::db::open(&db_path))
        .with_context(|| format!("cannot open the database {}", db_path.display()))?;
    match cli.command.unwrap_or(Command::Gui) {
        Command::Gui => crate::run_desktop(App::new(db, &db_path)),
        Command::Demo => {
            let accounts = tauri::async_runtime::block_on(parc_core::demo::fill(&db))?;
            for account in accounts {
                println!("{account}");
            }
            Ok(())
        }
        Command::Migrate => {
            println!("{}", db_path.display());
            Ok(())
        }
    }
}
