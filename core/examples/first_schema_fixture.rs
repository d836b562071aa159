//! Writes the upgrade test's fixture: a database at Parc's first schema
//! (migration 1 only), holding rows of every table that schema has, the
//! way the first release wrote them (RFC 3339 times, argon2id hashes,
//! JSON audit changes), with the awkward cases a real file holds: accents,
//! quotes, line breaks, an archived client, empty optional fields.
//!
//! `cargo run -p parc-core --example first_schema_fixture -- core/tests/fixtures/first-schema.db`
//!
//! The file is committed; this program says how it was made. Run again, it
//! writes new password salts, so rerun only to extend the fixture.

use parc_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database};

/// The password of both fixture accounts; the upgrade test logs in with it.
const PASSWORD: &str = "fixture-password-1";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: first_schema_fixture OUT.db")?;
    let _ = std::fs::remove_file(&out);
    let db = Database::connect(format!("sqlite://{out}?mode=rwc")).await?;
    Migrator::up(&db, Some(1)).await?;
    let hash = parc_core::auth::password::hash(PASSWORD)?;
    let statements = [
        format!(
            "INSERT INTO users (id, name, email, role, password_hash, active, created_at) VALUES \
             (1, 'Claire Martin', 'claire@fixture.example', 'manager', '{hash}', 1, '2026-11-26T08:00:00.123456789+00:00'), \
             (2, 'Hugo L''Hôte', 'hugo@fixture.example', 'technician', '{hash}', 1, '2026-11-26T08:05:00+00:00'), \
             (3, 'Ancien Salarié', 'ancien@fixture.example', 'technician', '{hash}', 0, '2026-11-26T08:06:00+00:00')"
        ),
        "INSERT INTO remembered_logins (id, user_id, token_digest, created_at) VALUES \
         (1, 1, 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00', '2026-11-26T09:00:00+00:00')"
            .to_owned(),
        "INSERT INTO settings (key, value) VALUES \
         ('company.name', 'Infogérance Dupré & Fils'), \
         ('company.address', '4 rue des Lilas\n69003 Lyon'), \
         ('language', 'fr')"
            .to_owned(),
        "INSERT INTO sequences (code, prefix, padding, yearly_reset, year, next_number) VALUES \
         ('equipment', 'EQ', 6, 0, NULL, 1), \
         ('invoice', 'FA', 5, 1, 2026, 12)"
            .to_owned(),
        "INSERT INTO zones (id, name, description, created_at) VALUES \
         (1, 'Lyon Centre', 'Presqu''île et 3e', '2026-11-26T08:10:00+00:00'), \
         (2, 'Villeurbanne', '', '2026-11-26T08:11:00+00:00')"
            .to_owned(),
        "INSERT INTO clients (id, code, name, service_level, siret, vat_number, billing_address, notes, archived, created_at, updated_at) VALUES \
         (1, 'DUPRE', 'Éts Dupré & Fils', 'premium', '41234567800019', 'FR32412345678', '4 rue des Lilas\n69003 Lyon', 'Le client dit \"urgent\" pour tout.', 0, '2026-11-26T08:20:00+00:00', '2026-11-26T10:00:00+00:00'), \
         (2, 'BOUL', 'Boulangerie <b>Fournier</b>', 'standard', '', '', '', '', 0, '2026-11-26T08:21:00+00:00', '2026-11-26T08:21:00+00:00'), \
         (3, 'OLD', 'Ancien Client SARL', 'basic', '', '', '1 place Bellecour, 69002 Lyon', '', 1, '2026-11-26T08:22:00+00:00', '2026-11-26T11:00:00+00:00')"
            .to_owned(),
        "INSERT INTO contacts (id, client_id, name, job_title, email, phone, is_primary, archived, created_at) VALUES \
         (1, 1, 'Sophie Durand', 'DAF', 'sophie@dupre.example', '04 78 00 00 01', 1, 0, '2026-11-26T08:30:00+00:00'), \
         (2, 1, 'Marc O''Neil', '', '', '', 0, 0, '2026-11-26T08:31:00+00:00'), \
         (3, 2, 'Jeanne Fournier', 'Gérante', 'jeanne@fournier.example', '', 1, 0, '2026-11-26T08:32:00+00:00'), \
         (4, 3, 'Paul Ancien', '', 'paul@ancien.example', '', 1, 1, '2026-11-26T08:33:00+00:00')"
            .to_owned(),
        "INSERT INTO sites (id, client_id, name, address, zone_id, notes, archived, created_at) VALUES \
         (1, 1, 'Siège', '4 rue des Lilas, 69003 Lyon', 1, '', 0, '2026-11-26T08:40:00+00:00'), \
         (2, 1, 'Entrepôt', 'ZI Nord, 69100 Villeurbanne', 2, 'Badge à l''accueil', 0, '2026-11-26T08:41:00+00:00'), \
         (3, 2, 'Boutique', '8 place Bellecour, 69002 Lyon', NULL, '', 0, '2026-11-26T08:42:00+00:00')"
            .to_owned(),
        "INSERT INTO audit_log (id, at, actor_user_id, actor_label, entity, entity_id, action, changes) VALUES \
         (1, '2026-11-26T08:20:00+00:00', 1, 'Claire Martin', 'client', 1, 'create', '[{\"field\":\"name\",\"before\":null,\"after\":\"Éts Dupré & Fils\"}]'), \
         (2, '2026-11-26T10:00:00+00:00', 1, 'Claire Martin', 'client', 1, 'update', '[{\"field\":\"service_level\",\"before\":\"standard\",\"after\":\"premium\"}]'), \
         (3, '2026-11-26T11:00:00+00:00', NULL, 'system', 'client', 3, 'archive', '[]')"
            .to_owned(),
    ];
    for statement in statements {
        db.execute_unprepared(&statement).await?;
    }
    db.execute_unprepared("VACUUM").await?;
    db.close().await?;
    println!("wrote {out} at the first schema");
    Ok(())
}
