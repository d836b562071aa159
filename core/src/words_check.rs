//! For tests: a document's word table (one struct per language, so a
//! missing word is already a compile error) must also have no word left
//! empty, and its French must not be a copy of its English.

/// Fails, naming the language, when a word is empty or nothing is translated.
pub(crate) fn assert_complete<W: std::fmt::Debug>(document: &str, french: &W, english: &W) {
    let (french, english) = (format!("{french:?}"), format!("{english:?}"));
    for (language, listed) in [("French", &french), ("English", &english)] {
        // An empty word prints as `field: ""`, or `""` inside a list.
        let empty = [": \"\"", "[\"\"", ", \"\""];
        assert!(
            !empty.iter().any(|mark| listed.contains(mark)),
            "{document}: a {language} word is empty: {listed}"
        );
    }
    assert_ne!(french, english, "{document}: the French is the English");
}
