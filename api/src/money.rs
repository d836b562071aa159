//! Money as exact integer cents: how a typed amount is read and how an
//! amount is written, the one place for both. Never `f64`.

/// Reads "1234.5", "1 234,50", "1234,56 €" as cents. `Ok(None)` for an empty
/// text; `Err(())` for anything else than a non-negative amount with at most
/// two decimals.
#[allow(clippy::result_unit_err)]
pub fn parse_cents(text: &str) -> Result<Option<i64>, ()> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€' && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let (units, decimals) = match cleaned.find([',', '.']) {
        Some(at) => (&cleaned[..at], &cleaned[at + 1..]),
        None => (cleaned.as_str(), ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if units.is_empty() || !digits(units) || !digits(decimals) || decimals.len() > 2 {
        return Err(());
    }
    let units: i64 = units.parse().map_err(|_| ())?;
    let cents: i64 = format!("{decimals:0<2}").parse().map_err(|_| ())?;
    units
        .checked_mul(100)
        .and_then(|u| u.checked_add(cents))
        .map(Some)
        .ok_or(())
}

/// "1234.50" — the plain form used in forms and CSV files.
pub fn plain(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{}.{:02}", cents / 100, cents % 100)
}

/// "1 234,50 €" (French) or "€1,234.50" (English), for display.
pub fn display(cents: i64, french: bool) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let units = (abs / 100).to_string();
    let (group, point) = if french {
        ('\u{202f}', ',')
    } else {
        (',', '.')
    };
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let amount = format!("{grouped}{point}{:02}", abs % 100);
    if french {
        format!("{sign}{amount}\u{a0}€")
    } else {
        format!("{sign}€{amount}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_exactly() {
        assert_eq!(parse_cents(""), Ok(None));
        assert_eq!(parse_cents("1234.5"), Ok(Some(123_450)));
        assert_eq!(parse_cents("1 234,56 €"), Ok(Some(123_456)));
        assert_eq!(parse_cents("0.07"), Ok(Some(7)));
        assert_eq!(parse_cents("12"), Ok(Some(1200)));
        assert_eq!(parse_cents("1.234"), Err(()));
        assert_eq!(parse_cents("-3"), Err(()));
        assert_eq!(parse_cents("abc"), Err(()));
        assert_eq!(parse_cents(",5"), Err(()));
    }

    #[test]
    fn amounts_are_written_per_language() {
        assert_eq!(plain(123_450), "1234.50");
        assert_eq!(
            display(123_456_789, true),
            "1\u{202f}234\u{202f}567,89\u{a0}€"
        );
        assert_eq!(display(99, false), "€0.99");
    }
}
