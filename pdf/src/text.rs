//! Making text fit a width: clean-up, truncation with "…", word wrapping.
//!
//! A label is 70 mm wide and its neighbour starts right after it, so a line
//! that is too long must be cut, never allowed to run on: printed text that
//! spills over belongs to the wrong equipment. Every function here guarantees
//! its lines measure at most the width it is given (with [`Face::width_mm`]).

use crate::fonts::Face;

/// What is appended to a cut line.
pub(crate) const ELLIPSIS: &str = "…";

/// One line of text: control characters (newlines, tabs…) become spaces, runs
/// of white space collapse to one, and the ends are trimmed.
pub(crate) fn clean(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` on one line of at most `max_mm`: unchanged if it fits, otherwise its
/// longest fitting beginning followed by "…" (or nothing at all if even "…"
/// does not fit).
pub(crate) fn fit(face: &Face, text: &str, size_pt: f32, max_mm: f32) -> String {
    if face.width_mm(text, size_pt) <= max_mm {
        return text.to_owned();
    }
    let room = max_mm - face.width_mm(ELLIPSIS, size_pt);
    if room < 0.0 {
        return String::new();
    }
    // Widths only grow with the prefix, so the last fitting prefix is the longest.
    let mut best = "";
    for (end, c) in text.char_indices() {
        let candidate = text[..end + c.len_utf8()].trim_end();
        if face.width_mm(candidate, size_pt) > room {
            break;
        }
        best = candidate;
    }
    format!("{best}{ELLIPSIS}")
}

/// `text` wrapped on at most `max_lines` lines of at most `max_mm` each,
/// breaking between words (or inside a word too long for a line); what does not
/// fit on the last line is cut with "…".
pub(crate) fn wrap(
    face: &Face,
    text: &str,
    size_pt: f32,
    max_mm: f32,
    max_lines: usize,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() && lines.len() < max_lines {
        if lines.len() + 1 == max_lines || face.width_mm(rest, size_pt) <= max_mm {
            lines.push(fit(face, rest, size_pt, max_mm));
            break;
        }
        let split = break_point(face, rest, size_pt, max_mm);
        if split == 0 {
            // Not even one character fits: give up on wrapping.
            lines.push(fit(face, rest, size_pt, max_mm));
            break;
        }
        lines.push(rest[..split].trim_end().to_owned());
        rest = rest[split..].trim_start();
    }
    lines
}

/// Byte index where the first line of `text` ends: after the last word that
/// fits, or, when the first word alone is too wide, after the last character
/// that fits. 0 when not even one character fits.
fn break_point(face: &Face, text: &str, size_pt: f32, max_mm: f32) -> usize {
    let fits = |end: usize| face.width_mm(text[..end].trim_end(), size_pt) <= max_mm;
    let word_end = text
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(i, _)| i)
        .take_while(|&i| fits(i))
        .last();
    if let Some(end) = word_end.filter(|&end| end > 0) {
        return end;
    }
    text.char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take_while(|&end| fits(end))
        .last()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Fonts;

    const SAMPLES: &[&str] = &[
        "",
        "EQ000001",
        "Poste d'accueil – Mézières",
        "Imprimante multifonction couleur du secrétariat général, 2e étage, bâtiment B",
        "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM",
        "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
        "Sans-espace-très-long-identifiant-de-matériel-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "Кириллица и 日本語 mélangés ≥ ✓ 🚀 avec des mots",
        "  espaces   multiples\tet\nretours  ",
    ];

    #[test]
    fn truncation_never_exceeds_the_width() {
        let fonts = Fonts::load().unwrap();
        for face in [&fonts.regular, &fonts.bold] {
            for size in [6.0, 8.0, 9.0, 12.0, 20.0] {
                for max_mm in [0.5, 2.0, 5.0, 10.0, 20.0, 37.5, 60.0] {
                    for sample in SAMPLES {
                        let text = clean(sample);
                        let line = fit(face, &text, size, max_mm);
                        assert!(
                            face.width_mm(&line, size) <= max_mm,
                            "{line:?} is wider than {max_mm} mm at {size} pt"
                        );
                        if face.width_mm(&text, size) <= max_mm {
                            assert_eq!(line, text, "a fitting text must be left alone");
                        } else if !line.is_empty() {
                            assert!(line.ends_with(ELLIPSIS), "{line:?} was cut without …");
                        }
                        for max_lines in 1..=3 {
                            let lines = wrap(face, &text, size, max_mm, max_lines);
                            assert!(lines.len() <= max_lines);
                            for line in &lines {
                                assert!(
                                    face.width_mm(line, size) <= max_mm,
                                    "wrapped {line:?} is wider than {max_mm} mm at {size} pt"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn wrapping_keeps_whole_words_and_cuts_the_last_line() {
        let fonts = Fonts::load().unwrap();
        let face = &fonts.regular;
        let lines = wrap(face, "Poste d'accueil – Mézières", 9.0, 30.0, 2);
        assert_eq!(lines, ["Poste d'accueil –", "Mézières"]);
        let long = "Imprimante multifonction couleur du secrétariat général";
        let lines = wrap(face, long, 9.0, 30.0, 2);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "Imprimante");
        assert!(lines[1].starts_with("multifonction") && lines[1].ends_with(ELLIPSIS));
    }

    #[test]
    fn clean_makes_one_line() {
        assert_eq!(clean("  a\tb\n\nc  d\u{7}e "), "a b c d e");
    }
}
