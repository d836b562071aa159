//! The e-mail settings' door to the OS keyring: the SMTP settings go to
//! the database and core's rule says what becomes of the password; this
//! door keeps it in the keyring only, and says on reading back whether one
//! is stored.

use parc_api::mail::{MailSettings, MailSettingsInput};
use parc_api::problem::Problem;
use parc_cli::keychain::Keychain;
use parc_core::mail::smtp::{self, PasswordChange};
use parc_core::{Actor, CoreError, DatabaseConnection};

/// Saves the settings in the database (core decides, with its password
/// rule, what becomes of the stored password) and does it in the keyring.
pub async fn save(
    db: &DatabaseConnection,
    keychain: &Keychain,
    actor: &Actor,
    input: &MailSettingsInput,
) -> Result<MailSettings, CoreError> {
    let secret = keychain.smtp_password();
    let stored = async { matches!(secret.load().await, Ok(Some(_))) };
    let kept = match smtp::save_with_password(db, actor, input, stored).await? {
        PasswordChange::Keep => Ok(()),
        PasswordChange::Store(password) => secret.store(password).await,
        PasswordChange::Forget => secret.clear().await,
    };
    kept.map_err(|detail| CoreError::Failed(Problem::PasswordNotKept { detail }))?;
    read(db, keychain, actor).await
}

/// The settings, with whether the keyring holds a password.
pub async fn read(
    db: &DatabaseConnection,
    keychain: &Keychain,
    actor: &Actor,
) -> Result<MailSettings, CoreError> {
    let mut settings = smtp::settings(db, actor).await?;
    match keychain.smtp_password().load().await {
        Ok(found) => settings.password_stored = found.is_some(),
        Err(problem) => settings.keyring_problem = Some(problem),
    }
    Ok(settings)
}

/// The SMTP password, if the keyring has one (a keyring problem is logged:
/// the mail is then tried without it, and fails with the server's answer).
pub async fn password(keychain: &Keychain) -> Option<String> {
    match keychain.smtp_password().load().await {
        Ok(found) => found,
        Err(problem) => {
            eprintln!("parc: the SMTP password could not be read: {problem}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parc_api::mail::SmtpSecurity;
    use sea_orm::{ConnectionTrait, Statement};

    /// The password reaches the keyring and no row of any table.
    #[tokio::test]
    async fn the_smtp_password_is_in_the_keyring_and_in_no_database_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("parc.db");
        let db = parc_core::db::open(&path).await.unwrap();
        parc_core::demo::fill(&db).await.unwrap();
        let keychain = Keychain::for_database(&path);
        let manager = Actor::manager(1, "Mia");
        let password = "Unique-SMTP-pa55word";
        let input = MailSettingsInput {
            host: "smtp.example.com".into(),
            port: "587".into(),
            security: SmtpSecurity::StartTls,
            user: "parc@example.com".into(),
            from_address: "parc@example.com".into(),
            password: password.into(),
            ..Default::default()
        };
        assert!(!format!("{input:?}").contains(password));
        let saved = save(&db, &keychain, &manager, &input).await.unwrap();
        assert!(saved.password_stored, "{saved:?}");
        assert_eq!(password_of(&keychain).await.as_deref(), Some(password));

        let backend = db.get_database_backend();
        let tables = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT name FROM sqlite_master WHERE type = 'table'",
            ))
            .await
            .unwrap();
        let mut cells = 0;
        for table in tables {
            let name: String = table.try_get_by_index(0).unwrap();
            let rows = db
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("SELECT * FROM \"{name}\""),
                ))
                .await
                .unwrap();
            for row in rows {
                for column in row.column_names() {
                    cells += 1;
                    if let Ok(Some(text)) = row.try_get::<Option<String>>("", &column) {
                        assert!(
                            !text.contains(password),
                            "{name}.{column} holds the password"
                        );
                    }
                }
            }
        }
        assert!(cells > 1000, "only {cells} cells read");
        // Saved again with the field empty: the password is kept.
        let again = save(
            &db,
            &keychain,
            &manager,
            &MailSettingsInput {
                password: String::new(),
                ..input.clone()
            },
        )
        .await
        .unwrap();
        assert!(again.password_stored);
        // Another server with the field empty: the password is not handed
        // to it; the manager is asked to type it.
        let moved = save(
            &db,
            &keychain,
            &manager,
            &MailSettingsInput {
                host: "mail.elsewhere.example".into(),
                password: String::new(),
                ..input.clone()
            },
        )
        .await
        .unwrap_err()
        .to_string();
        assert!(moved.starts_with("password:"), "{moved}");
        keychain.smtp_password().clear().await.unwrap();
    }

    async fn password_of(keychain: &Keychain) -> Option<String> {
        password(keychain).await
    }
}
