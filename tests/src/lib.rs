//! Helpers for the end-to-end tests of the real desktop app.
//!
//! `Desktop` starts tauri-driver (which drives WebKitWebDriver) with a private
//! database and HOME; each `launch` starts a fresh `parc` process, so closing
//! and launching again is a real restart on the same database file.
//! The app binary comes from `PARC_BIN` (set by `cargo xtask test`).

pub mod http;
pub mod portal;
pub mod smtp_sink;
use fantoccini::{Client, ClientBuilder, Locator};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// One desktop app at a time: parallel WebKit sessions compete for the one display.
pub static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub struct Desktop {
    driver: Child,
    port: u16,
    _home: tempfile::TempDir,
    pub db_path: PathBuf,
}

/// Keeps the session's notification daemon from drawing its windows over
/// the app while a test types (dunst paused queues what the app tells it);
/// the notification tests resume it. Without dunst, nothing to do.
fn quiet_notifications() {
    let _ = Command::new("dunstctl")
        .args(["set-paused", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

pub fn free_port() -> TestResult<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// The text of a PDF as a reader sees it (poppler's `pdftotext`, layout
/// kept). Two renderings of one invoice need not be the same bytes (font
/// subsets are written in no fixed order); their text is.
pub fn pdf_text(pdf: &[u8]) -> TestResult<String> {
    let file = tempfile::NamedTempFile::new()?;
    std::fs::write(file.path(), pdf)?;
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(file.path())
        .arg("-")
        .output()?;
    if !out.status.success() {
        return Err(format!("pdftotext: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

pub fn required_env(name: &str) -> TestResult<String> {
    std::env::var(name).map_err(|_| {
        format!("{name} is not set: run the end-to-end tests through `cargo xtask test`, which builds the app and provides a display").into()
    })
}

impl Desktop {
    /// The app's HOME: files it saves for the user land in `Downloads` there.
    pub fn home(&self) -> &Path {
        self._home.path()
    }

    /// Starts tauri-driver for the app on a new database in a temporary HOME.
    pub fn start() -> TestResult<Desktop> {
        let home = tempfile::tempdir()?;
        Self::start_with_db(home.path().join("parc.db"), home)
    }

    /// Same, on a database file prepared by the caller (e.g. with `parc demo`).
    pub fn start_with_db(db_path: PathBuf, home: tempfile::TempDir) -> TestResult<Desktop> {
        Self::start_with_env(db_path, home, &[])
    }

    /// Same, with extra environment for the app (e.g. a dark GTK theme).
    pub fn start_with_env(
        db_path: PathBuf,
        home: tempfile::TempDir,
        env: &[(&str, &str)],
    ) -> TestResult<Desktop> {
        let app = required_env("PARC_BIN")?;
        if !Path::new(&app).exists() {
            return Err(format!("PARC_BIN={app} does not exist").into());
        }
        required_env("DISPLAY")?;
        quiet_notifications();
        let driver_bin =
            std::env::var("PARC_TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let port = free_port()?;
        let native_port = free_port()?;
        let driver = Command::new(driver_bin)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("PARC_DB", &db_path)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("LANG", "en_US.UTF-8")
            // The app reads these before LANG: the machine's own must not leak in.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            // What the driver, the app and its web processes write on stderr:
            // shown when the test fails, see `Drop`.
            .stderr(std::fs::File::create(home.path().join(DRIVER_LOG))?)
            // Its own process group, for `Drop` to end with it.
            .process_group(0)
            .spawn()?;
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(15) {
                return Err("tauri-driver did not listen within 15 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Desktop {
            driver,
            port,
            _home: home,
            db_path,
        })
    }

    /// Launches the app (a new process) and returns the WebDriver client.
    pub async fn launch(&self) -> TestResult<Client> {
        let app = required_env("PARC_BIN")?;
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), "wry".into());
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app }),
        );
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(capabilities);
        let url = format!("http://127.0.0.1:{}", self.port);
        // tauri-driver may accept connections a moment before it serves sessions.
        let mut attempt = 1;
        loop {
            match builder.connect(&url).await {
                Ok(client) => return Ok(client),
                Err(error) if attempt < 3 => {
                    eprintln!("launch attempt {attempt} failed: {error}; retrying");
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(error) => return Err(error.into()),
            }
        }
    }
}

impl Drop for Desktop {
    /// Ends tauri-driver and its whole process group: WebKitWebDriver, the
    /// app and its web processes. Killing tauri-driver alone left them
    /// running whenever a test ended without closing its session (a failed
    /// one, for instance): a full run piled up a dozen idle apps whose
    /// background work slowed the later tests past their waits.
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        self.show_trouble_in_the_log();
    }
}

/// Where `Desktop` keeps the stderr of tauri-driver and everything under it.
const DRIVER_LOG: &str = "driver.log";

impl Desktop {
    /// Prints the end of the driver's log when it tells of a panic, a crash,
    /// an abort or a GLib error (`GLib-ERROR **`, which ends the web
    /// process), else the lines the app itself wrote (`parc: …`). A blank
    /// window, a "page crash" or a step that never came shows its cause.
    fn show_trouble_in_the_log(&self) {
        let Ok(log) = std::fs::read_to_string(self.home().join(DRIVER_LOG)) else {
            return;
        };
        let trouble = [
            "panicked",
            "crash",
            "CRASH",
            "Segmentation",
            "Aborted",
            "INCOHERENT",
            "web process ended",
        ];
        if trouble.iter().any(|word| log.contains(word)) {
            let lines: Vec<&str> = log.lines().collect();
            let tail = &lines[lines.len().saturating_sub(40)..];
            println!("--- the end of the app's log ---\n{}", tail.join("\n"));
            return;
        }
        // The app's own account of what went wrong in the background (a
        // keyring that did not answer, a send that failed): few lines.
        let own: Vec<&str> = log.lines().filter(|l| l.starts_with("parc: ")).collect();
        if !own.is_empty() {
            println!("--- what the app logged ---\n{}", own.join("\n"));
        }
    }
}

/// An account `parc demo` printed as `login: ROLE EMAIL PASSWORD`.
pub struct Account {
    pub role: String,
    pub email: String,
    pub password: String,
}

/// A desktop on a new database filled by `parc demo`, with the accounts it printed.
pub fn demo_desktop() -> TestResult<(Desktop, Vec<Account>)> {
    demo_desktop_with(&[])
}

/// Same, with extra environment for the app.
pub fn demo_desktop_with(env: &[(&str, &str)]) -> TestResult<(Desktop, Vec<Account>)> {
    demo_desktop_sized("small", env)
}

/// A desktop on a new database filled by `parc demo --size SIZE`.
pub fn demo_desktop_sized(size: &str, env: &[(&str, &str)]) -> TestResult<(Desktop, Vec<Account>)> {
    let home = tempfile::tempdir()?;
    let db_path = home.path().join("demo.db");
    let output = Command::new(required_env("PARC_BIN")?)
        .arg("demo")
        .arg("--size")
        .arg(size)
        .arg("--db")
        .arg(&db_path)
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "parc demo failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let accounts: Vec<Account> = String::from_utf8(output.stdout)?
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.strip_prefix("login: ")?.split_whitespace().collect();
            match fields.as_slice() {
                [role, email, password] => Some(Account {
                    role: (*role).to_owned(),
                    email: (*email).to_owned(),
                    password: (*password).to_owned(),
                }),
                _ => None,
            }
        })
        .collect();
    Ok((Desktop::start_with_env(db_path, home, env)?, accounts))
}

/// The first demo account of `role`.
pub fn account<'a>(accounts: &'a [Account], role: &str) -> TestResult<&'a Account> {
    accounts
        .iter()
        .find(|a| a.role == role)
        .ok_or_else(|| format!("parc demo printed no {role} account").into())
}

/// Fills the login screen and submits it.
pub async fn log_in(client: &Client, email: &str, password: &str) -> TestResult {
    type_into(client, "#login input[name=email]", email).await?;
    type_into(client, "#login input[name=password]", password).await?;
    click(client, "#login-submit").await
}

/// How long a step waits for the app. Generous: on 2 cores a full run's
/// debug builds, WebKit and SQLite share the machine, and a wait that
/// succeeds returns at once whatever the bound.
const TIMEOUT: Duration = Duration::from_secs(25);

/// Waits for an element matching `css` to exist.
pub async fn find(client: &Client, css: &str) -> TestResult<fantoccini::elements::Element> {
    match client
        .wait()
        .at_most(TIMEOUT)
        .for_element(Locator::Css(css))
        .await
    {
        Ok(element) => Ok(element),
        Err(e) => Err(format!("no element {css}: {e}; {}", on_screen(client).await).into()),
    }
}

/// Chooses the option labelled `label` in the select matching `css`, again
/// until it holds (a form whose options arrive after it opens may redraw
/// the select, putting back the value it had).
pub async fn choose(client: &Client, css: &str, label: &str) -> TestResult {
    let started = Instant::now();
    let option = format!("{css} option");
    loop {
        for element in client.find_all(Locator::Css(&option)).await? {
            if element.text().await?.trim() == label {
                element.click().await?;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        let chosen = client
            .execute(
                "const s = document.querySelector(arguments[0]); return s && s.selectedOptions.length ? s.selectedOptions[0].text : '';",
                vec![css.into()],
            )
            .await?;
        if chosen.as_str().map(str::trim) == Some(label) {
            return Ok(());
        }
        if started.elapsed() > TIMEOUT {
            return Err(format!("{css} holds {chosen}, not {label:?}").into());
        }
    }
}

/// Ticks the checkbox matching `css`, again until it stays ticked (a card
/// that loads its saved values after it shows may redraw the box unticked).
pub async fn tick(client: &Client, css: &str) -> TestResult {
    let started = Instant::now();
    loop {
        let element = find(client, css).await?;
        if element.prop("checked").await?.as_deref() != Some("true") {
            element.click().await?;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let element = find(client, css).await?;
        if element.prop("checked").await?.as_deref() == Some("true") {
            return Ok(());
        }
        if started.elapsed() > TIMEOUT {
            return Err(format!("{css} does not stay ticked").into());
        }
    }
}

/// Scrolls the element matching `css` into view (a long settings page).
pub async fn scroll_to(client: &Client, css: &str) -> TestResult {
    find(client, css).await?;
    client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView()",
            vec![css.into()],
        )
        .await?;
    Ok(())
}

/// Clicks the button matching `css` once it is enabled (a button the page
/// enables after some work of its own — a chosen file read — ignores a
/// click that comes before).
pub async fn click_when_enabled(client: &Client, css: &str) -> TestResult {
    let started = Instant::now();
    loop {
        let element = find(client, css).await?;
        if element.prop("disabled").await?.as_deref() == Some("false") {
            element.click().await?;
            return Ok(());
        }
        if started.elapsed() > TIMEOUT {
            return Err(format!("{css} stayed disabled").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the text of the element matching `css` contains `expected`.
pub async fn wait_text(client: &Client, css: &str, expected: &str) -> TestResult<String> {
    let started = Instant::now();
    loop {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            if let Ok(text) = element.text().await {
                if text.contains(expected) {
                    return Ok(text);
                }
                if started.elapsed() > TIMEOUT {
                    let screen = on_screen(client).await;
                    return Err(format!("{css} shows {text:?}, not {expected:?}; {screen}").into());
                }
            }
        } else if started.elapsed() > TIMEOUT {
            let screen = on_screen(client).await;
            return Err(format!("no element {css} (waiting for {expected:?}); {screen}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits for the element an XPath finds to show `expected` (the visit in
/// the row of a given technician, which a redraw moves there).
pub async fn wait_text_xpath(client: &Client, xpath: &str, expected: &str) -> TestResult<String> {
    let started = Instant::now();
    loop {
        let text = match client.find(Locator::XPath(xpath)).await {
            Ok(element) => element.text().await.ok(),
            Err(_) => None,
        };
        if let Some(text) = &text {
            if text.contains(expected) {
                return Ok(text.clone());
            }
        }
        if started.elapsed() > TIMEOUT {
            let screen = on_screen(client).await;
            return Err(format!("{xpath} shows {text:?}, not {expected:?}; {screen}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What the window shows, for a failure's message: a step that found
/// nothing says where the app was instead (a CI run keeps no screenshot).
pub async fn on_screen(client: &Client) -> String {
    let url = client
        .current_url()
        .await
        .map(|u| u.to_string())
        .unwrap_or_default();
    // The page itself (the shell's `main`), else the whole window.
    let mut body = String::new();
    for css in ["main", "body"] {
        if let Ok(found) = client.find(Locator::Css(css)).await {
            body = found.text().await.unwrap_or_default();
            break;
        }
    }
    let body: String = body.chars().take(600).collect();
    // A refused form or a failed command says why beside a field or in a toast.
    let mut problems = Vec::new();
    if let Ok(found) = client
        .find_all(Locator::Css(".error, .form-error, .toast"))
        .await
    {
        for element in found {
            if let Ok(text) = element.text().await {
                if !text.trim().is_empty() {
                    problems.push(text);
                }
            }
        }
    }
    // The commands the page asked and has no answer to (`ui/src/ipc.rs`),
    // with when they were asked, against the page's clock now.
    let pending = client
        .execute(
            "return JSON.stringify({now: performance.now(), unanswered: window.__parcPending || {}})",
            vec![],
        )
        .await
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default();
    format!(
        "the window is at {url:?} and shows {body:?}; errors and toasts: {problems:?}; commands: {pending}"
    )
}

/// Waits until the element matching `css` no longer shows `absent` (a list
/// whose previous page stays on screen until the new one arrives).
pub async fn wait_text_gone(client: &Client, css: &str, absent: &str) -> TestResult<String> {
    let started = Instant::now();
    loop {
        let text = match client.find(Locator::Css(css)).await {
            Ok(element) => element.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if !text.is_empty() && !text.contains(absent) {
            return Ok(text);
        }
        if started.elapsed() > TIMEOUT {
            return Err(format!("{css} still shows {absent:?}: {text:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Sets an input's value the way a user's picker does (WebKit's driver
/// cannot type into date and datetime-local fields) and tells the page.
pub async fn set_value(client: &Client, css: &str, value: &str) -> TestResult {
    find(client, css).await?;
    client
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
             el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![css.into(), value.into()],
        )
        .await?;
    Ok(())
}

pub async fn click(client: &Client, css: &str) -> TestResult {
    find(client, css)
        .await?
        .click()
        .await
        .map_err(|e| format!("cannot click {css}: {e}"))?;
    Ok(())
}

/// Clicks the element an XPath finds (for "the button in the row of X").
pub async fn click_xpath(client: &Client, xpath: &str) -> TestResult {
    client
        .wait()
        .at_most(TIMEOUT)
        .for_element(Locator::XPath(xpath))
        .await
        .map_err(|e| format!("no element {xpath}: {e}"))?
        .click()
        .await
        .map_err(|e| format!("cannot click {xpath}: {e}"))?;
    Ok(())
}

/// Types into a field (after clearing it).
pub async fn type_into(client: &Client, css: &str, text: &str) -> TestResult {
    // WebKit's driver refuses a field the page is redrawing ("Could not
    // parse element editable state", seen in a full run on the wizard's
    // first field): the field is found again and the typing tried again.
    // A field the page redraws while the keys arrive can also lose some
    // of them: what the field holds is read back, and typed again if it
    // is not the text.
    let mut refused = String::new();
    for _ in 0..30 {
        let element = find(client, css).await?;
        if let Err(e) = element.clear().await {
            refused = format!("cannot clear {css}: {e}");
        } else if let Err(e) = element.send_keys(text).await {
            refused = format!("cannot type into {css}: {e}");
        } else {
            let held = element.prop("value").await.ok().flatten();
            if held.as_deref() == Some(text) {
                return Ok(());
            }
            refused = format!("{css} holds {held:?} after typing {text:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(refused.into())
}

/// Reads the text of an element.
pub async fn text_of(client: &Client, css: &str) -> TestResult<String> {
    Ok(find(client, css).await?.text().await?)
}

/// Clicks the toasts away, so a screenshot shows the screen alone.
pub async fn dismiss_toasts(client: &Client) -> TestResult {
    for toast in client.find_all(Locator::Css(".toast")).await? {
        let _ = toast.click().await;
    }
    Ok(())
}

/// Waits for the toast naming the file just saved (`… /path/name.EXT`) and
/// returns that path.
pub async fn saved_file(client: &Client, extension: &str) -> TestResult<PathBuf> {
    let toast = wait_text(client, ".toast", extension).await?;
    toast
        .split_whitespace()
        .find(|w| w.ends_with(extension))
        .map(PathBuf::from)
        .ok_or_else(|| format!("no {extension} path in {toast:?}").into())
}

/// Saves a screenshot under `PARC_SCREENSHOTS` (or the temp folder) and returns its path.
pub async fn screenshot(client: &Client, name: &str) -> TestResult<PathBuf> {
    // A WebDriver screenshot can lag the DOM by a frame.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let dir = std::env::var_os("PARC_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, client.screenshot().await?)?;
    Ok(path)
}
