//! Several people saving into one SQLite file at the same moment: each save
//! waits for the one before it rather than being refused with "database is
//! locked". A transaction that reads before it writes (validation, the next
//! reference) would otherwise fail whenever another connection committed in
//! between, which no busy timeout retries.

use parc_api::clients::{ClientInput, ClientQuery};
use parc_core::{clients, db, Actor};

type R = Result<(), Box<dyn std::error::Error>>;

const PEOPLE: usize = 4;
const SAVES_EACH: usize = 25;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_people_creating_clients_at_once_are_all_saved() -> R {
    let dir = tempfile::tempdir()?;
    let db = db::open(&dir.path().join("parc.db")).await?;
    let manager = Actor::manager(1, "Mia");
    let mut people = Vec::new();
    for person in 0..PEOPLE {
        let (db, manager) = (db.clone(), manager.clone());
        people.push(tokio::spawn(async move {
            for save in 0..SAVES_EACH {
                let input = ClientInput {
                    code: format!("C-{person}-{save:02}"),
                    name: format!("Client {person}-{save}"),
                    ..Default::default()
                };
                clients::create_client(&db, &manager, &input)
                    .await
                    .map_err(|e| format!("person {person}, save {save}: {e}"))?;
            }
            Ok::<(), String>(())
        }));
    }
    for person in people {
        person.await??;
    }
    let query = ClientQuery {
        page: 1,
        page_size: 200,
        ..Default::default()
    };
    let page = clients::list_clients(&db, &manager, &query).await?;
    assert_eq!(page.total, (PEOPLE * SAVES_EACH) as u64);
    let mut codes: Vec<_> = page.items.iter().map(|row| row.code.clone()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), PEOPLE * SAVES_EACH, "each kept its own code");
    Ok(())
}
