//! End-to-end check of the label sheet: render the PDF like a printer would
//! (poppler's `pdftoppm`), then scan every label's QR code like a scanner would
//! (`rqrr`), label by label, and read the text back (`pdftotext`).
//!
//! Needs poppler-utils (`pdftoppm`, `pdftotext`) on PATH.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use parc_pdf::layout::{PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use parc_pdf::{label_rect, label_sheet, Label, LABELS_PER_PAGE};

const DPI: f32 = 200.0;
const LONG_NAME: &str =
    "Imprimante multifonction laser couleur du secrétariat général, deuxième étage, bâtiment des archives départementales";
const LONG_CLIENT: &str = "Communauté d'agglomération Charleville-Mézières / Sedan – Direction des systèmes d'information";

fn sample_labels() -> Vec<Label> {
    (1..=30)
        .map(|n| Label {
            reference: format!("EQ{n:06}"),
            name: match n % 3 {
                0 => "Poste d'accueil – Mézières".to_owned(),
                1 => LONG_NAME.to_owned(),
                _ => format!("Serveur de fichiers n° {n}"),
            },
            client: if n % 2 == 0 {
                LONG_CLIENT.to_owned()
            } else {
                "Mairie de Sedan".to_owned()
            },
            site: if n % 5 == 0 {
                String::new()
            } else {
                "Hôtel de ville, 1er étage — salle « Ardennes »".to_owned()
            },
        })
        .collect()
}

fn run(program: &str, args: &[&str]) -> std::process::Output {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} (install poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn render_pages(pdf: &Path, dir: &Path) -> Vec<image::GrayImage> {
    let prefix = dir.join("page");
    let dpi = DPI.to_string();
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            &dpi,
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "png"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| image::open(path).unwrap().to_luma8())
        .collect()
}

fn px(mm: f32) -> u32 {
    (mm / 25.4 * DPI).round() as u32
}

#[test]
fn every_label_scans_to_its_own_reference() {
    let labels = sample_labels();
    let pdf = label_sheet(&labels).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("labels.pdf");
    std::fs::write(&path, &pdf).unwrap();

    let pages = render_pages(&path, dir.path());
    assert_eq!(
        pages.len(),
        labels.len().div_ceil(LABELS_PER_PAGE),
        "30 labels take 2 pages"
    );
    for page in &pages {
        assert_eq!(
            (page.width(), page.height()),
            (px(PAGE_WIDTH_MM), px(PAGE_HEIGHT_MM))
        );
    }

    // Scan each label cell on its own: proves each label holds its own code.
    let mut decoded = BTreeSet::new();
    for (index, label) in labels.iter().enumerate() {
        let rect = label_rect(index);
        let page = &pages[rect.page];
        let cell = image::imageops::crop_imm(
            page,
            px(rect.x_mm),
            px(rect.y_mm),
            px(rect.width_mm),
            px(rect.height_mm),
        )
        .to_image();
        let mut prepared = rqrr::PreparedImage::prepare(cell);
        let grids = prepared.detect_grids();
        assert_eq!(
            grids.len(),
            1,
            "label {index} should show exactly one QR code"
        );
        let (_, content) = grids[0]
            .decode()
            .unwrap_or_else(|e| panic!("label {index}: {e:?}"));
        assert_eq!(content, label.reference, "label {index}");
        decoded.insert(content);
    }
    let expected: BTreeSet<String> = labels.iter().map(|l| l.reference.clone()).collect();
    assert_eq!(decoded, expected);

    // The text is real text, with its accents, and long lines were cut.
    let text = String::from_utf8(run("pdftotext", &[path.to_str().unwrap(), "-"]).stdout).unwrap();
    // A name may be wrapped on two lines: compare with white space collapsed.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for label in &labels {
        let reference = format!(" {} ", label.reference);
        assert!(
            text.contains(&reference) || text.starts_with(reference.trim_start()),
            "{reference} missing"
        );
    }
    assert!(
        text.contains("Poste d'accueil – Mézières"),
        "accented name missing:\n{text}"
    );
    assert!(
        text.contains("Hôtel de ville"),
        "accented site missing:\n{text}"
    );
    assert!(text.contains('…'), "long lines should be cut with …");
    assert!(
        !text.contains("départementales"),
        "the long name should have been cut"
    );
    assert!(
        !text.contains("Direction des systèmes d'information"),
        "the long client should have been cut"
    );
}

#[test]
fn the_fonts_are_embedded_and_subset() {
    let pdf = label_sheet(&sample_labels()[..3]).unwrap();
    assert!(
        pdf.len() < 100_000,
        "fonts should be subset, got {} bytes",
        pdf.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("labels.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let fonts = String::from_utf8(run("pdffonts", &[path.to_str().unwrap()]).stdout).unwrap();
    assert!(fonts.contains("DejaVuSans-Bold"), "{fonts}");
    assert!(
        fonts.lines().skip(2).all(|line| line.contains(" yes ")),
        "all fonts embedded:\n{fonts}"
    );
}
