//! The SMTP server's settings, kept as settings rows (host, port, security,
//! user, sender). The password is not among them: the desktop shell keeps
//! it in the OS keyring and hands it to `send` when mailing.

use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::settings::{get, put};
use crate::{validate, Actor};
use parc_api::mail::{MailSettings, MailSettingsInput, SmtpSecurity};
use parc_api::ValidationCode;
use sea_orm::ConnectionTrait;

const HOST: &str = "mail.host";
const PORT: &str = "mail.port";
const SECURITY: &str = "mail.security";
const USER: &str = "mail.user";
const FROM_ADDRESS: &str = "mail.from_address";
const FROM_NAME: &str = "mail.from_name";

/// Where and how to send, once a host is set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub user: String,
    pub from_address: String,
    pub from_name: String,
}

/// Whether a password may be sent to this server: only over STARTTLS or
/// TLS, or in plain SMTP to a relay on this very machine.
pub fn may_send_password(config: &SmtpConfig) -> bool {
    config.security != SmtpSecurity::None || is_loopback(&config.host)
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The usual port of each kind of connection.
pub fn default_port(security: SmtpSecurity) -> u16 {
    match security {
        SmtpSecurity::None => 25,
        SmtpSecurity::StartTls => 587,
        SmtpSecurity::Tls => 465,
    }
}

/// The settings, or None while no server is set (nothing is mailed then).
pub async fn config(db: &impl ConnectionTrait) -> CoreResult<Option<SmtpConfig>> {
    let Some(host) = get(db, HOST).await?.filter(|h| !h.is_empty()) else {
        return Ok(None);
    };
    let security = get(db, SECURITY)
        .await?
        .and_then(|s| SmtpSecurity::from_code(&s))
        .unwrap_or_default();
    Ok(Some(SmtpConfig {
        host,
        port: get(db, PORT)
            .await?
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| default_port(security)),
        security,
        user: get(db, USER).await?.unwrap_or_default(),
        from_address: get(db, FROM_ADDRESS).await?.unwrap_or_default(),
        from_name: get(db, FROM_NAME).await?.unwrap_or_default(),
    }))
}

/// The settings for the settings page (the keyring's part is the shell's).
pub async fn settings(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<MailSettings> {
    require(actor, Operation::ManageSettings)?;
    Ok(match config(db).await? {
        Some(c) => MailSettings {
            host: c.host,
            port: c.port,
            security: c.security,
            user: c.user,
            from_address: c.from_address,
            from_name: c.from_name,
            password_stored: false,
            keyring_problem: None,
        },
        None => MailSettings {
            port: default_port(SmtpSecurity::default()),
            ..Default::default()
        },
    })
}

/// Checks and saves the settings, all but the password.
pub async fn save(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &MailSettingsInput,
) -> CoreResult<SmtpConfig> {
    require(actor, Operation::ManageSettings)?;
    let host = validate::required("host", &input.host, 253)?;
    if host.contains(char::is_whitespace) || host.contains('/') {
        return Err(CoreError::validation(
            "host",
            ValidationCode::InvalidFormat,
            "a host name or address, such as smtp.example.com",
        ));
    }
    let port = match input.port.trim() {
        "" => default_port(input.security),
        typed => typed
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| {
                CoreError::validation(
                    "port",
                    ValidationCode::InvalidFormat,
                    "a port between 1 and 65535 (587 for STARTTLS, 465 for TLS)",
                )
            })?,
    };
    let config = SmtpConfig {
        host,
        port,
        security: input.security,
        user: validate::optional("user", &input.user, 254)?,
        from_address: validate::email("from_address", &input.from_address, true)?,
        from_name: validate::optional("from_name", &input.from_name, 120)?,
    };
    if !config.user.is_empty() && !may_send_password(&config) {
        return Err(CoreError::validation(
            "security",
            ValidationCode::InvalidFormat,
            "a user name and password are only sent over STARTTLS or TLS (or to a relay on this machine)",
        ));
    }
    put(db, HOST, &config.host).await?;
    put(db, PORT, &config.port.to_string()).await?;
    put(db, SECURITY, config.security.code()).await?;
    put(db, USER, &config.user).await?;
    put(db, FROM_ADDRESS, &config.from_address).await?;
    put(db, FROM_NAME, &config.from_name).await?;
    Ok(config)
}

/// What becomes of the password the OS keyring keeps once settings are saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasswordChange {
    Keep,
    Store(String),
    Forget,
}

/// Saves the settings with the password rule: an empty password keeps the
/// stored one, but never for another server (a password is not handed to a
/// host it was not typed for). Whether one is stored is asked
/// (`password_stored`, a keyring read) only when the host changed.
pub async fn save_with_password(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &MailSettingsInput,
    password_stored: impl std::future::Future<Output = bool>,
) -> CoreResult<PasswordChange> {
    require(actor, Operation::ManageSettings)?;
    let before = config(db).await?;
    let moved = before.is_some_and(|old| !old.host.eq_ignore_ascii_case(input.host.trim()));
    if moved && input.password.is_empty() && !input.clear_password && password_stored.await {
        return Err(CoreError::validation(
            "password",
            ValidationCode::Required,
            "the server changed: type its password again, or forget the stored one",
        ));
    }
    save(db, actor, input).await?;
    Ok(if input.clear_password {
        PasswordChange::Forget
    } else if input.password.is_empty() {
        PasswordChange::Keep
    } else {
        PasswordChange::Store(input.password.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(host: &str, security: SmtpSecurity) -> SmtpConfig {
        SmtpConfig {
            host: host.into(),
            port: 25,
            security,
            user: "parc".into(),
            from_address: "parc@example.com".into(),
            from_name: String::new(),
        }
    }

    #[test]
    fn a_password_travels_only_encrypted_or_to_this_machine() {
        assert!(may_send_password(&config(
            "smtp.example.com",
            SmtpSecurity::StartTls
        )));
        assert!(may_send_password(&config(
            "smtp.example.com",
            SmtpSecurity::Tls
        )));
        assert!(!may_send_password(&config(
            "smtp.example.com",
            SmtpSecurity::None
        )));
        assert!(may_send_password(&config("127.0.0.1", SmtpSecurity::None)));
        assert!(may_send_password(&config("localhost", SmtpSecurity::None)));
        assert!(may_send_password(&config("::1", SmtpSecurity::None)));
    }

    fn server(host: &str, password: &str) -> MailSettingsInput {
        MailSettingsInput {
            host: host.into(),
            port: "587".into(),
            security: SmtpSecurity::StartTls,
            user: "parc@example.com".into(),
            password: password.into(),
            from_address: "parc@example.com".into(),
            ..Default::default()
        }
    }

    /// A stored password follows its server only: another host needs it
    /// typed again (or forgotten); the keyring is asked only then, and a
    /// technician is refused before anything is read or saved.
    #[tokio::test]
    async fn a_stored_password_is_never_handed_to_another_server() {
        let db = crate::db::open_in_memory().await.unwrap();
        let manager = Actor::manager(1, "Mia");
        let asked = std::cell::Cell::new(0);
        let stored = || {
            let asked = &asked;
            async move {
                asked.set(asked.get() + 1);
                true
            }
        };
        let first = save_with_password(&db, &manager, &server("smtp.a.fr", "pw"), stored()).await;
        assert_eq!(first.unwrap(), PasswordChange::Store("pw".into()));
        let same = save_with_password(&db, &manager, &server("SMTP.A.FR", ""), stored()).await;
        assert_eq!(same.unwrap(), PasswordChange::Keep);
        assert_eq!(asked.get(), 0, "the same host needs no keyring read");

        let moved = save_with_password(&db, &manager, &server("smtp.b.fr", ""), stored()).await;
        match moved {
            Err(CoreError::Validation { field, .. }) => assert_eq!(field, "password"),
            other => panic!("{other:?}"),
        }
        assert_eq!(super::config(&db).await.unwrap().unwrap().host, "SMTP.A.FR");
        let forgotten = MailSettingsInput {
            clear_password: true,
            ..server("smtp.b.fr", "")
        };
        let forget = save_with_password(&db, &manager, &forgotten, stored());
        assert_eq!(forget.await.unwrap(), PasswordChange::Forget);
        assert_eq!(super::config(&db).await.unwrap().unwrap().host, "smtp.b.fr");

        let before = asked.get();
        let technician = Actor::technician(2, "Tom");
        let refused =
            save_with_password(&db, &technician, &server("smtp.c.fr", ""), stored()).await;
        assert!(matches!(refused, Err(CoreError::Forbidden(_))));
        assert_eq!(asked.get(), before);
        assert_eq!(super::config(&db).await.unwrap().unwrap().host, "smtp.b.fr");
    }
}
