//! A portal to test: a demo database file served by `parc-portal` on a
//! free port of 127.0.0.1, in this test's own runtime.

use sea_orm::DatabaseConnection;
use std::net::SocketAddr;

pub type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The demo's portal contacts: Sophie Durand of ACME, Julien Fournier of BOUL.
pub const SOPHIE: (&str, &str) = ("sophie.durand@acme-logistique.fr", "demo-portal-acme-1");
pub const JULIEN: (&str, &str) = ("julien@fournier-boulangeries.fr", "demo-portal-boul-1");

pub struct PortalSite {
    pub db: DatabaseConnection,
    pub addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl PortalSite {
    /// The demo data, and the portal serving it over HTTP.
    pub async fn start() -> R<PortalSite> {
        let dir = tempfile::tempdir()?;
        let db = parc_core::db::open(&dir.path().join("parc.db")).await?;
        let accounts = parc_core::demo::fill(&db).await?;
        let printed = format!("login: portal {} {}", SOPHIE.0, SOPHIE.1);
        if !accounts.iter().any(|a| a.to_string() == printed) {
            return Err("the demo does not print Sophie's portal account".into());
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let portal = parc_portal::Portal::new(db.clone(), false).await?;
        tokio::spawn(parc_portal::serve(portal, listener));
        Ok(PortalSite {
            db,
            addr,
            _dir: dir,
        })
    }

    /// Another portal on the same file, started now (as the app restarts
    /// it when its settings are saved): its address.
    pub async fn restart(&self) -> R<SocketAddr> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let portal = parc_portal::Portal::new(self.db.clone(), false).await?;
        tokio::spawn(parc_portal::serve(portal, listener));
        Ok(addr)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}
