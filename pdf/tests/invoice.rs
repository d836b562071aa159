//! The invoice PDF read back as an accountant's tools would: `pdftotext` finds
//! every mention French law asks of an invoice, accents intact, on every page
//! of a long invoice; `pdftoppm` renders it (kept under the target directory
//! to be looked at).
//!
//! Needs poppler-utils (`pdftoppm`, `pdftotext`) on PATH.

use std::process::Command;

use parc_pdf::{invoice_pdf, InvoiceDocument, InvoiceLine, InvoiceParty};

fn sample(lines: usize) -> InvoiceDocument {
    InvoiceDocument {
        title: "Facture".into(),
        number: "FA-2026-00042".into(),
        seller: InvoiceParty {
            name: "Ardennes Informatique Services".into(),
            lines: vec![
                "12 rue de l'Église".into(),
                "08000 Charleville-Mézières".into(),
                "SIREN 123 456 789 — SIRET 123 456 789 00012".into(),
                "TVA FR12 123456789".into(),
            ],
        },
        billed_to_heading: "Facturé à".into(),
        client: InvoiceParty {
            name: "Mairie de Sedan".into(),
            lines: vec![
                "Place d'Armes".into(),
                "08200 Sedan".into(),
                "SIREN 987 654 321".into(),
                "TVA FR98 987654321".into(),
            ],
        },
        details: vec![
            "Date : 27/11/2026".into(),
            "Période : du 01/11/2026 au 30/11/2026".into(),
            "Contrat CT00007 — maintenance".into(),
        ],
        column_headings: [
            "Désignation".into(),
            "Qté".into(),
            "PU HT".into(),
            "TVA".into(),
            "Total HT".into(),
        ],
        lines: (0..lines)
            .map(|n| InvoiceLine {
                description: if n == 0 {
                    "Forfait de maintenance mensuel — postes, serveurs et imprimantes du site « Hôtel de ville », novembre 2026".into()
                } else {
                    format!("Ligne {}", n + 1)
                },
                quantity: "1,5".into(),
                unit_price: "80,00 €".into(),
                vat_rate: "20 %".into(),
                total: "120,00 €".into(),
            })
            .collect(),
        totals: vec![
            ("Total HT".into(), "211,00 €".into()),
            ("TVA 20 % sur 211,00 €".into(), "42,20 €".into()),
            ("Total TTC".into(), "253,20 €".into()),
        ],
        mentions: vec![
            "Échéance : 27/12/2026 — paiement à 30 jours par virement.".into(),
            "Pénalités de retard : 3 fois le taux d'intérêt légal. Indemnité forfaitaire pour frais de recouvrement : 40 €.".into(),
            "IBAN FR76 1234 5678 9012 3456 7890 123 — BIC AGRIFRPP".into(),
        ],
        logo: None,
    }
}

fn text_of(pdf: &[u8], name: &str) -> String {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&path)
        .arg(dir.join(name))
        .status()
        .expect("pdftoppm (poppler-utils) on PATH");
    assert!(status.success());
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) on PATH");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_mention_of_an_invoice_is_in_its_text() {
    let text = text_of(&invoice_pdf(&sample(2)).unwrap(), "invoice");
    for mention in [
        "Facture FA-2026-00042",
        "Ardennes Informatique Services",
        "12 rue de l'Église",
        "SIRET 123 456 789 00012",
        "TVA FR12 123456789",
        "Facturé à",
        "Mairie de Sedan",
        "SIREN 987 654 321",
        "TVA FR98 987654321",
        "Date : 27/11/2026",
        "Période : du 01/11/2026 au 30/11/2026",
        "Désignation",
        "PU HT",
        "Forfait de maintenance mensuel",
        "80,00 €",
        "20 %",
        "Total HT",
        "TVA 20 % sur 211,00 €",
        "42,20 €",
        "Total TTC",
        "253,20 €",
        "Échéance : 27/12/2026",
        "Pénalités de retard",
        "40 €",
    ] {
        assert!(text.contains(mention), "{mention:?} missing from:\n{text}");
    }
}

#[test]
fn a_long_invoice_goes_on_over_pages_with_its_column_heads() {
    let pdf = invoice_pdf(&sample(120)).unwrap();
    let text = text_of(&pdf, "invoice-long");
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for page in pages.iter().filter(|p| p.contains("Ligne")) {
        assert!(
            page.contains("Désignation"),
            "column heads on every page of lines"
        );
    }
    assert!(text.contains("Ligne 120"));
    assert!(pages.last().unwrap().contains("Total TTC"));
}

/// A 120 × 40 PNG: a blue band with a white square, like a small logo.
fn logo_png() -> Vec<u8> {
    let image = image::RgbImage::from_fn(120, 40, |x, y| {
        if (10..30).contains(&x) && (10..30).contains(&y) {
            image::Rgb([255, 255, 255])
        } else {
            image::Rgb([20, 60, 160])
        }
    });
    let mut png = std::io::Cursor::new(Vec::new());
    image.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}

#[test]
fn the_logo_is_embedded_above_the_seller() {
    let mut invoice = sample(2);
    invoice.logo = Some(logo_png());
    let pdf = invoice_pdf(&invoice).unwrap();
    let text = text_of(&pdf, "invoice-logo");
    assert!(text.contains("Ardennes Informatique Services"));
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("invoice-logo.pdf");
    let list = Command::new("pdfimages")
        .arg("-list")
        .arg(&path)
        .output()
        .expect("pdfimages (poppler-utils) on PATH");
    let listing = String::from_utf8(list.stdout).unwrap();
    assert!(
        listing
            .lines()
            .any(|l| l.contains(" 120 ") && l.contains(" 40 ")),
        "one 120 × 40 image in:\n{listing}"
    );
}

#[test]
fn a_logo_that_is_not_an_image_is_refused_with_a_message() {
    let err = parc_pdf::check_logo(b"not an image").unwrap_err();
    assert!(
        err.to_string().starts_with("the logo cannot be read"),
        "{err}"
    );
    assert!(parc_pdf::check_logo(&logo_png()).is_ok());
}
