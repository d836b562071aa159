//! `parc report activity` on a demo database: a PDF naming the client, its
//! tickets and its figures (read back with pdftotext), a CSV of the same,
//! and clear refusals of an unknown client and of a period backwards.

use parc_tests::TestResult;
use std::process::Command;

fn parc(db: &std::path::Path, args: &[&str]) -> TestResult<std::process::Output> {
    let bin = std::env::var("PARC_BIN").map_err(|_| "PARC_BIN is not set")?;
    Ok(Command::new(bin).arg("--db").arg(db).args(args).output()?)
}

#[test]
fn the_activity_report_is_written_as_pdf_and_csv() -> TestResult {
    let home = tempfile::tempdir()?;
    let db = home.path().join("demo.db");
    let demo = parc(&db, &["demo"])?;
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );

    let pdf = home.path().join("acme.pdf");
    let written = parc(
        &db,
        &[
            "report",
            "activity",
            "--client",
            "ACME",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--out",
        ],
    );
    // `--out` needs its file: the command refuses without it.
    assert!(!written?.status.success());
    let args = |out: &std::path::Path| {
        vec![
            "report".to_owned(),
            "activity".into(),
            "--client".into(),
            "ACME".into(),
            "--from".into(),
            "2026-01-01".into(),
            "--to".into(),
            "2026-12-31".into(),
            "--out".into(),
            out.display().to_string(),
        ]
    };
    let run = |out: &std::path::Path| -> TestResult<std::process::Output> {
        let args = args(out);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        parc(&db, &args)
    };
    let done = run(&pdf)?;
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let bytes = std::fs::read(&pdf)?;
    assert!(bytes.starts_with(b"%PDF-"));
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output()?;
    let text = String::from_utf8(text.stdout)?;
    for expected in ["Acme Logistique", "ACME", "T000001", "EQ000001"] {
        assert!(
            text.contains(expected),
            "{expected} not in the PDF:\n{text}"
        );
    }

    let csv = home.path().join("acme.csv");
    let done = run(&csv)?;
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let csv = std::fs::read_to_string(&csv)?;
    assert!(
        csv.starts_with("Rapport d'activité,ACME,Acme Logistique")
            || csv.starts_with("Activity report,ACME,Acme Logistique"),
        "{csv}"
    );
    assert!(csv.contains("T000001") && csv.contains("EQ000001"), "{csv}");

    let unknown = parc(
        &db,
        &[
            "report",
            "activity",
            "--client",
            "NOPE",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--out",
            "/tmp/never.pdf",
        ],
    )?;
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("\"NOPE\""));

    let backwards = parc(
        &db,
        &[
            "report",
            "activity",
            "--client",
            "ACME",
            "--from",
            "2026-12-31",
            "--to",
            "2026-01-01",
            "--out",
            "/tmp/never.pdf",
        ],
    )?;
    assert!(!backwards.status.success());
    assert!(String::from_utf8_lossy(&backwards.stderr).contains("before --from"));
    assert!(!std::path::Path::new("/tmp/never.pdf").exists());
    Ok(())
}
