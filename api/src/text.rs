//! How names are compared: folded to lower case without accents, so "École"
//! sorts with the E's and a search for "ecole" finds it. The keys are
//! computed here, in Rust, and stored: SQLite's `lower()` folds ASCII only,
//! and this way SQLite and PostgreSQL sort and search the same.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower case, accents removed, ligatures spelled out, spaces collapsed.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return fold_ascii(text);
    }
    fold_unicode(text)
}

/// `fold` for plain ASCII (most serial numbers, hostnames, codes): nothing
/// to decompose, so one pass; an import folds a dozen cells per row.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

fn fold_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
    {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The searchable text of a record: its fields folded, kept apart by a
/// separator no typed search contains, so a match never spans two fields.
pub fn search_text(fields: &[&str]) -> String {
    fields
        .iter()
        .map(|f| fold(f))
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_ligatures_and_spaces() {
        assert_eq!(fold("  École   Montessori "), "ecole montessori");
        assert_eq!(fold("ŒUVRE Ça GRÜẞE"), "oeuvre ca grusse");
        assert_eq!(fold("Lefèvre"), fold("LEFEVRE"));
    }

    #[test]
    fn plain_ascii_folds_as_the_general_rule_does() {
        for text in [
            "",
            "  PC-Accueil\t\x0B 02 ",
            "DL-100 AT-1",
            "Sophie@ACME.fr",
            "a\x1fB",
        ] {
            assert_eq!(fold(text), fold_unicode(text), "{text:?}");
        }
    }

    #[test]
    fn fields_stay_apart() {
        let text = search_text(&["Acme", "Lyon"]);
        assert!(text.contains("acme") && text.contains("lyon"));
        assert!(!text.contains("acme lyon") && !text.contains("acmelyon"));
    }
}
