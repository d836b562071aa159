//! A small HTTP/1.1 client over a plain TCP socket, for the portal's tests:
//! every header is the test's to choose (a forged Host, a foreign Origin,
//! no cookie at all), and every answer is read whole as it came.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

pub type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Each `Set-Cookie`: (name, value, the whole line).
    pub fn set_cookies(&self) -> Vec<(String, String, String)> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
            .filter_map(|(_, line)| {
                let pair = line.split(';').next()?;
                let (name, value) = pair.split_once('=')?;
                Some((
                    name.trim().to_owned(),
                    value.trim().to_owned(),
                    line.clone(),
                ))
            })
            .collect()
    }

    /// The value of the page's first `name="csrf"` hidden field.
    pub fn csrf(&self) -> Option<String> {
        let text = self.text();
        let at = text.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
        let end = text[at..].find('"')?;
        Some(text[at..at + end].to_owned())
    }
}

/// Sends one request and reads the whole answer (the connection is closed after it).
pub async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: Option<&str>,
) -> R<Reply> {
    send_from(None, addr, method, path, headers, body).await
}

/// The same from the local address `from` (any of 127/8 is this machine
/// on Linux: the server sees another peer), else the system's choice.
pub async fn send_from(
    from: Option<IpAddr>,
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: Option<&str>,
) -> R<Reply> {
    let stream = match from {
        Some(local) => {
            let socket = match local {
                IpAddr::V4(_) => TcpSocket::new_v4()?,
                IpAddr::V6(_) => TcpSocket::new_v6()?,
            };
            socket.bind(SocketAddr::new(local, 0))?;
            socket.connect(addr).await?
        }
        None => TcpStream::connect(addr).await?,
    };
    exchange(stream, request_text(addr, method, path, headers, body)).await
}

/// The same over HTTPS, trusting only the certificate whose SHA-256
/// fingerprint ("AB:CD:…") is `pinned` — what a client told the
/// fingerprint shown in Settings does.
pub async fn send_tls(
    addr: SocketAddr,
    pinned: &str,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: Option<&str>,
) -> R<Reply> {
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(std::sync::Arc::new(Pinned {
            fingerprint: pinned.to_owned(),
            provider,
        }))
        .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(std::sync::Arc::new(config));
    let stream = TcpStream::connect(addr).await?;
    let name = rustls::pki_types::ServerName::try_from("localhost")?;
    let tls = connector.connect(name, stream).await?;
    exchange(tls, request_text(addr, method, path, headers, body)).await
}

/// Trusts one certificate, by fingerprint, and checks its signatures.
#[derive(Debug)]
struct Pinned {
    fingerprint: String,
    provider: std::sync::Arc<rustls::crypto::CryptoProvider>,
}

impl rustls::client::danger::ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        use sha2::Digest;
        let seen: Vec<String> = sha2::Sha256::digest(end_entity.as_ref())
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        if seen.join(":") == self.fingerprint {
            Ok(rustls::client::danger::ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General("not the pinned certificate".into()))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

fn request_text(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: Option<&str>,
) -> String {
    let mut request = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        request.push_str(&format!("Host: {addr}\r\n"));
    }
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        request.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    if let Some(body) = body {
        request.push_str(body);
    }
    request
}

async fn exchange<S>(mut stream: S, request: String) -> R<Reply>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    stream.write_all(request.as_bytes()).await?;
    let mut raw = Vec::new();
    // A TLS peer may close without notifying: what arrived is the answer.
    if let Err(error) = stream.read_to_end(&mut raw).await {
        if raw.is_empty() {
            return Err(error.into());
        }
    }
    parse(&raw)
}

fn parse(raw: &[u8]) -> R<Reply> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or("no status")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = unchunk(&body)?;
    }
    Ok(Reply {
        status,
        headers,
        body,
    })
}

fn unchunk(mut data: &[u8]) -> R<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("bad chunk")?;
        let size = usize::from_str_radix(std::str::from_utf8(&data[..end])?.trim(), 16)?;
        data = &data[end + 2..];
        if size == 0 {
            return Ok(out);
        }
        out.extend_from_slice(data.get(..size).ok_or("short chunk")?);
        data = data.get(size + 2..).ok_or("short chunk")?;
    }
}

/// A browser-like visitor: keeps its cookies, sends its Origin on forms
/// and the token of the last page it read.
pub struct Visitor {
    pub addr: SocketAddr,
    pub cookies: BTreeMap<String, String>,
    pub csrf: Option<String>,
    pub language: &'static str,
    /// The local address its connections come from (None: the system's).
    pub from: Option<IpAddr>,
}

impl Visitor {
    pub fn new(addr: SocketAddr) -> Visitor {
        Visitor {
            addr,
            cookies: BTreeMap::new(),
            csrf: None,
            language: "en",
            from: None,
        }
    }

    /// A visitor whose connections come from `from` (e.g. 127.0.0.2).
    pub fn at(addr: SocketAddr, from: IpAddr) -> Visitor {
        Visitor {
            from: Some(from),
            ..Visitor::new(addr)
        }
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn cookie_header(&self) -> Option<(&'static str, String)> {
        (!self.cookies.is_empty()).then(|| {
            let pairs: Vec<String> = self
                .cookies
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect();
            ("Cookie", pairs.join("; "))
        })
    }

    fn keep(&mut self, reply: &Reply) {
        for (name, value, line) in reply.set_cookies() {
            if value.is_empty() || line.contains("Max-Age=0") {
                self.cookies.remove(&name);
            } else {
                self.cookies.insert(name, value);
            }
        }
        if let Some(token) = reply.csrf() {
            self.csrf = Some(token);
        }
    }

    pub async fn get(&mut self, path: &str) -> R<Reply> {
        let mut headers = vec![("Accept-Language", self.language.to_owned())];
        headers.extend(self.cookie_header());
        let reply = send_from(self.from, self.addr, "GET", path, &headers, None).await?;
        self.keep(&reply);
        Ok(reply)
    }

    /// Posts a form as the portal's own page would: its Origin and token.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> R<Reply> {
        let token = self.csrf.clone().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        let body = serde_urlencoded::to_string(&all)?;
        let mut headers = vec![
            ("Accept-Language", self.language.to_owned()),
            ("Origin", self.origin()),
        ];
        headers.extend(self.cookie_header());
        let reply = send_from(self.from, self.addr, "POST", path, &headers, Some(&body)).await?;
        self.keep(&reply);
        Ok(reply)
    }

    /// Posts with exactly these headers and body (besides the cookies).
    pub async fn post_raw(
        &mut self,
        path: &str,
        headers: &[(&str, String)],
        body: &str,
    ) -> R<Reply> {
        let mut all: Vec<(&str, String)> = headers.to_vec();
        all.extend(self.cookie_header());
        send_from(self.from, self.addr, "POST", path, &all, Some(body)).await
    }

    /// Signs in through the form; the answer to the form.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> R<Reply> {
        self.get("/login").await?;
        self.post("/login", &[("email", email), ("password", password)])
            .await
    }
}
