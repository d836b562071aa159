//! Writes a sample label sheet, to look at the layout or test-print it:
//! `cargo run -p parc-pdf --example label_sheet -- /tmp/labels.pdf [count]`

use parc_pdf::{label_sheet, Label};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "labels.pdf".to_owned());
    let count: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(30);
    let names = [
        "Poste d'accueil – Mézières",
        "Imprimante multifonction laser couleur du secrétariat général, bâtiment B",
        "Switch 24 ports",
        "Serveur de fichiers",
        "",
    ];
    let clients = [
        "Mairie de Sedan",
        "Communauté d'agglomération Ardenne Métropole – DSI",
        "Cabinet Lefèvre",
    ];
    let sites = [
        "Hôtel de ville, 1er étage",
        "Siège",
        "",
        "Entrepôt de Donchery — quai n° 3",
    ];
    let labels: Vec<Label> = (1..=count)
        .map(|n| Label {
            reference: format!("EQ{n:06}"),
            name: names[n % names.len()].to_owned(),
            client: clients[n % clients.len()].to_owned(),
            site: sites[n % sites.len()].to_owned(),
        })
        .collect();
    std::fs::write(&path, label_sheet(&labels)?)?;
    println!("{count} labels written to {path}");
    Ok(())
}
