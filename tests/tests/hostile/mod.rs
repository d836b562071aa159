//! What the portal's hostile-client tests share: a demo portal served
//! with chosen limits over HTTP or HTTPS, connections from a chosen
//! address of 127/8 (the portal sees other peers), and requests on a
//! connection kept alive, read by their Content-Length.

#![allow(dead_code)]

use parc_portal::{Limits, ServerHandle};
use parc_tests::portal::{R, SOPHIE};
use sea_orm::DatabaseConnection;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;

pub const ATTACKER: [u8; 4] = [127, 0, 0, 2];
pub const VISITOR: [u8; 4] = [127, 0, 0, 3];

/// A connection to the portal, plain or TLS.
pub trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}
pub type Connection = Box<dyn Stream>;

pub struct Site {
    pub db: DatabaseConnection,
    pub addr: SocketAddr,
    /// Under HTTPS: a client trusting the portal's certificate only.
    pub tls: Option<tokio_rustls::TlsConnector>,
    pub server: ServerHandle,
    _dir: tempfile::TempDir,
}

impl Site {
    /// The demo data served with `limits`, over HTTPS or plain HTTP.
    pub async fn start(https: bool, limits: Limits) -> R<Site> {
        let dir = tempfile::tempdir()?;
        let db = parc_core::db::open(&dir.path().join("parc.db")).await?;
        parc_core::demo::fill(&db).await?;
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let identity = match https {
            true => Some(parc_portal::tls::make_identity(vec![
                "localhost".into(),
                "127.0.0.1".into(),
            ])?),
            false => None,
        };
        let portal = parc_portal::Portal::new(db.clone(), https).await?;
        let (server, run) = parc_portal::server(portal, listener, identity.as_ref(), limits)?;
        tokio::spawn(run);
        let tls = identity.as_ref().map(connector).transpose()?;
        Ok(Site {
            db,
            addr,
            tls,
            server,
            _dir: dir,
        })
    }

    pub fn origin(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// A connection from `from`, its TLS handshake done under HTTPS.
    pub async fn connect(&self, from: [u8; 4]) -> R<Connection> {
        let stream = tcp_from(from, self.addr).await?;
        match &self.tls {
            None => Ok(Box::new(stream)),
            Some(connector) => {
                let name = rustls::pki_types::ServerName::try_from("localhost")?;
                Ok(Box::new(connector.connect(name, stream).await?))
            }
        }
    }

    /// A kept-alive request, as a browser sends it.
    pub fn request(&self, method: &str, path: &str, cookies: &str, form: Option<&str>) -> String {
        let mut text = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nOrigin: {}\r\nAccept-Language: en\r\n",
            self.addr,
            self.origin()
        );
        if !cookies.is_empty() {
            text.push_str(&format!("Cookie: {cookies}\r\n"));
        }
        if let Some(form) = form {
            text.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
            text.push_str(&format!("Content-Length: {}\r\n\r\n{form}", form.len()));
        } else {
            text.push_str("\r\n");
        }
        text
    }
}

pub fn connector(identity: &parc_portal::tls::Identity) -> R<tokio_rustls::TlsConnector> {
    let certificate =
        rustls::pki_types::CertificateDer::from_pem_slice(identity.certificate_pem.as_bytes())?;
    let mut roots = rustls::RootCertStore::empty();
    roots.add(certificate)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

/// A TCP connection from the local address `from` (one of 127/8).
pub async fn tcp_from(from: [u8; 4], to: SocketAddr) -> R<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(IpAddr::from(from), 0))?;
    Ok(socket.connect(to).await?)
}

/// One answer read off a connection that stays open.
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then_some(value.trim())
        })
    }

    /// The value a `Set-Cookie` gives cookie `name`.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            if !key.trim().eq_ignore_ascii_case("set-cookie") {
                return None;
            }
            let pair = value.trim().split(';').next()?;
            let (cookie, value) = pair.split_once('=')?;
            (cookie == name).then(|| value.to_owned())
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn csrf(&self) -> R<String> {
        let text = self.text();
        let marker = "name=\"csrf\" value=\"";
        let at = text.find(marker).ok_or("no csrf field")? + marker.len();
        let end = text[at..].find('"').ok_or("no csrf field")?;
        Ok(text[at..at + end].to_owned())
    }
}

/// Sends `request` and reads its answer, by its Content-Length.
pub async fn exchange(connection: &mut Connection, request: &str) -> R<Answer> {
    connection.write_all(request.as_bytes()).await?;
    read_answer(connection).await
}

pub async fn read_answer(connection: &mut Connection) -> R<Answer> {
    let mut raw = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let end = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let read = connection.read(&mut chunk).await?;
        if read == 0 {
            return Err("the connection closed before an answer".into());
        }
        raw.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no status")?;
    let mut answer = Answer {
        status,
        head,
        body: raw[end + 4..].to_vec(),
    };
    let length: usize = answer
        .header("content-length")
        .ok_or("no content-length")?
        .parse()?;
    while answer.body.len() < length {
        let read = connection.read(&mut chunk).await?;
        if read == 0 {
            return Err("the connection closed inside an answer".into());
        }
        answer.body.extend_from_slice(&chunk[..read]);
    }
    Ok(answer)
}

/// Whether the server closes `connection` within `wait`: the end of the
/// stream, or a reset, rather than nothing at all.
pub async fn closed_within(connection: &mut Connection, wait: Duration) -> bool {
    let mut rest = Vec::new();
    tokio::time::timeout(wait, connection.read_to_end(&mut rest))
        .await
        .is_ok()
}

/// Sophie signs in and sees her home page, on one kept-alive connection
/// from `from`: her session cookie.
pub async fn sign_in(site: &Site, connection: &mut Connection) -> R<String> {
    let login = exchange(connection, &site.request("GET", "/login", "", None)).await?;
    let form_cookie = login.cookie("parc_form").ok_or("no form cookie")?;
    let form = serde_urlencoded::to_string([
        ("csrf", login.csrf()?.as_str()),
        ("email", SOPHIE.0),
        ("password", SOPHIE.1),
    ])?;
    let cookies = format!("parc_form={form_cookie}");
    let posted = site.request("POST", "/login", &cookies, Some(&form));
    let signed = exchange(connection, &posted).await?;
    assert_eq!(signed.status, 303, "signed in: {}", signed.text());
    let session = signed.cookie("parc_session").ok_or("no session cookie")?;
    let home = site.request("GET", "/", &format!("parc_session={session}"), None);
    let home = exchange(connection, &home).await?;
    assert!(home.text().contains("Welcome, Sophie Durand"), "home page");
    Ok(session)
}
