//! The client portal in headless Chromium (Debian's chromium and
//! chromium-driver, driven over WebDriver): Sophie signs in, opens a ticket
//! about one of her machines, finds it in her list (and the MSP finds it in
//! its queue, from the portal), and downloads an invoice's PDF. Every page
//! is photographed at desktop and phone width (under `PARC_SCREENSHOTS`).

use fantoccini::{Client, ClientBuilder, Locator};
use parc_api::tickets::{Channel, QueueView, TicketQuery};
use parc_core::Actor;
use parc_tests::free_port;
use parc_tests::portal::{PortalSite, R, SOPHIE};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// chromedriver on a free port, stopped with the test.
struct Driver {
    process: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn start_driver() -> R<Driver> {
    let port = free_port()?;
    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let process = Command::new(binary)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(15) {
            return Err("chromedriver did not listen within 15 s".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(Driver { process, port })
}

async fn browser(driver: &Driver, downloads: &Path, profile: &Path) -> R<Client> {
    let options = serde_json::json!({
        "binary": "/usr/bin/chromium",
        "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1280,900",
            "--lang=en-GB", format!("--user-data-dir={}", profile.display()),
        ],
        "prefs": {
            "download.default_directory": downloads.display().to_string(),
            "download.prompt_for_download": false,
            "plugins.always_open_pdf_externally": true,
            "intl.accept_languages": "en-GB,en",
        },
    });
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), "chrome".into());
    capabilities.insert("goog:chromeOptions".into(), options);
    let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
    builder.capabilities(capabilities);
    Ok(builder
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await?)
}

async fn text(client: &Client, css: &str) -> R<String> {
    Ok(client
        .wait()
        .for_element(Locator::Css(css))
        .await?
        .text()
        .await?)
}

/// The text of `css` once it contains `expected` (the page after a click
/// may still be the one before for a moment).
async fn wait_text(client: &Client, css: &str, expected: &str) -> R<String> {
    let started = Instant::now();
    loop {
        let seen = match client.find(Locator::Css(css)).await {
            Ok(element) => element.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if seen.contains(expected) {
            return Ok(seen);
        }
        if started.elapsed() > Duration::from_secs(10) {
            return Err(format!("{css} says {seen:?}, not {expected:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn fill(client: &Client, css: &str, value: &str) -> R {
    let field = client.wait().for_element(Locator::Css(css)).await?;
    field.clear().await?;
    field.send_keys(value).await?;
    Ok(())
}

async fn click(client: &Client, css: &str) -> R {
    client
        .wait()
        .for_element(Locator::Css(css))
        .await?
        .click()
        .await?;
    Ok(())
}

/// A screenshot at desktop and at phone width, both under `PARC_SCREENSHOTS`.
async fn photograph(client: &Client, name: &str) -> R<Vec<PathBuf>> {
    let dir = std::env::var_os("PARC_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&dir)?;
    let mut taken = Vec::new();
    for (width, height, suffix) in [(1280, 900, "desktop"), (390, 844, "phone")] {
        client.set_window_size(width, height).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let path = dir.join(format!("portal-{name}-{suffix}.png"));
        std::fs::write(&path, client.screenshot().await?)?;
        taken.push(path);
    }
    client.set_window_size(1280, 900).await?;
    Ok(taken)
}

#[tokio::test]
async fn a_contact_signs_in_opens_a_ticket_and_downloads_an_invoice() -> R {
    let site = PortalSite::start().await?;
    let downloads = tempfile::tempdir()?;
    let profile = tempfile::tempdir()?;
    let driver = start_driver()?;
    let client = browser(&driver, downloads.path(), profile.path()).await?;
    let outcome = story(&site, &client, downloads.path()).await;
    client.close().await?;
    outcome
}

async fn story(site: &PortalSite, client: &Client, downloads: &Path) -> R {
    client.goto(&site.url("/")).await?;
    // Not signed in: the sign-in page.
    assert!(client.current_url().await?.path().starts_with("/login"));
    photograph(client, "login").await?;
    fill(client, "#email", SOPHIE.0).await?;
    fill(client, "#password", SOPHIE.1).await?;
    click(client, "#sign-in").await?;
    wait_text(client, "h1", "Welcome, Sophie Durand").await?;
    assert_eq!(text(client, ".client").await?, "Acme Logistique");
    photograph(client, "home").await?;

    // A ticket about one of her machines.
    click(client, "#new-ticket").await?;
    wait_text(client, "h1", "New ticket").await?;
    fill(client, "#title", "Scanner offline in the warehouse").await?;
    fill(
        client,
        "#description",
        "It stopped this morning.\nThe light is red.",
    )
    .await?;
    let choice = client
        .wait()
        .for_element(Locator::Css("#equipment option:nth-child(2)"))
        .await?;
    let machine = choice.text().await?;
    choice.click().await?;
    photograph(client, "new-ticket").await?;
    click(client, "#open-ticket").await?;
    wait_text(client, "#ticket-title", "Scanner offline in the warehouse").await?;
    assert_eq!(text(client, "#ticket-status").await?, "New");
    let reference = text(client, "#ticket-reference").await?;
    fill(client, "#reply", "It is the one by the loading bay.").await?;
    click(client, "#send-reply").await?;
    wait_text(client, "#messages", "It is the one by the loading bay.").await?;
    assert!(
        text(client, "main").await?.contains(&machine),
        "the ticket names {machine}"
    );
    photograph(client, "ticket").await?;

    // Listed in her tickets, and in the MSP's queue at once, from the portal.
    client.goto(&site.url("/tickets")).await?;
    assert!(text(client, "#tickets-table").await?.contains(&reference));
    photograph(client, "tickets").await?;
    let queue = parc_core::desk::tickets::list_tickets(
        &site.db,
        &Actor::manager(1, "Claire"),
        &TicketQuery {
            view: QueueView::Open,
            search: reference.clone(),
            page: 1,
            page_size: 10,
            ..Default::default()
        },
    )
    .await?;
    let row = queue
        .items
        .iter()
        .find(|t| t.reference == reference)
        .ok_or("not in the queue")?;
    assert_eq!(row.channel, Channel::Portal);
    assert_eq!(row.client_name, "Acme Logistique");

    // An invoice's PDF, downloaded.
    client.goto(&site.url("/invoices")).await?;
    photograph(client, "invoices").await?;
    let invoice_row =
        "//table[@id='invoices-table']//tr[td[normalize-space()='Invoice']]//a[@class='download']";
    client
        .wait()
        .for_element(Locator::XPath(invoice_row))
        .await?
        .click()
        .await?;
    let started = Instant::now();
    let pdf = loop {
        let found = std::fs::read_dir(downloads)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "pdf"));
        if let Some(path) = found {
            break path;
        }
        if started.elapsed() > Duration::from_secs(20) {
            return Err("no PDF downloaded within 20 s".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let name = pdf
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    assert!(name.starts_with("FA-"), "{name}");
    assert!(std::fs::read(&pdf)?.starts_with(b"%PDF"));

    // The other pages, looked at.
    client.goto(&site.url("/equipment")).await?;
    assert!(text(client, "#total").await?.ends_with("results"));
    photograph(client, "equipment").await?;
    click(client, "#equipment-table a").await?;
    wait_text(client, "#serial", "").await?;
    photograph(client, "equipment-page").await?;
    for page in ["contracts", "licences"] {
        client.goto(&site.url(&format!("/{page}"))).await?;
        text(client, &format!("#{page}-table")).await?;
        photograph(client, page).await?;
    }
    // Two-step sign-in, begun: the QR code drawn (the page's CSP lets
    // its inline image through, and nothing else).
    client.goto(&site.url("/security")).await?;
    click(client, "#set-up").await?;
    wait_text(client, "#secret", "").await?;
    let drawn = client
        .execute(
            "return document.getElementById('qr-code').naturalWidth",
            vec![],
        )
        .await?;
    assert!(
        drawn.as_u64().is_some_and(|width| width > 0),
        "the QR code is drawn: {drawn:?}"
    );
    photograph(client, "security").await?;
    // In French, then signed out.
    click(client, "#switch-language").await?;
    wait_text(client, "#sign-out", "Se déconnecter").await?;
    client.goto(&site.url("/")).await?;
    photograph(client, "home-fr").await?;
    click(client, "#sign-out").await?;
    wait_text(client, "#notice", "Vous êtes déconnecté.").await?;
    client.goto(&site.url("/reset")).await?;
    photograph(client, "reset").await?;
    Ok(())
}
