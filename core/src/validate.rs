//! Field checks shared by every service: each returns a validation error that
//! names the field, so the UI can show the message beside it.

use crate::error::{CoreError, CoreResult};
use parc_api::ValidationCode;

/// A trimmed, non-empty value of at most `max` characters.
pub fn required(field: &str, value: &str, max: usize) -> CoreResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(CoreError::validation(
            field,
            ValidationCode::Required,
            "is required",
        ));
    }
    optional(field, value, max)
}

/// A trimmed value (possibly empty) of at most `max` characters.
pub fn optional(field: &str, value: &str, max: usize) -> CoreResult<String> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(CoreError::validation(
            field,
            ValidationCode::TooLong,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(value.to_owned())
}

/// A date typed as `YYYY-MM-DD` (what a date input sends); empty is none.
pub fn date(field: &str, value: &str) -> CoreResult<Option<chrono::NaiveDate>> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            CoreError::validation(
                field,
                ValidationCode::InvalidDate,
                format!("\"{value}\" is not a date (YYYY-MM-DD)"),
            )
        })
}

/// An amount of money as exact cents (see `parc_api::money`); empty is none.
pub fn amount(field: &str, value: &str) -> CoreResult<Option<i64>> {
    parc_api::money::parse_cents(value).map_err(|()| {
        CoreError::validation(
            field,
            ValidationCode::InvalidAmount,
            format!("\"{}\" is not an amount (like 1234.50)", value.trim()),
        )
    })
}

/// An e-mail address, lower-cased; empty allowed unless `mandatory`.
pub fn email(field: &str, value: &str, mandatory: bool) -> CoreResult<String> {
    let value = if mandatory {
        required(field, value, 254)?
    } else {
        optional(field, value, 254)?
    };
    if value.is_empty() {
        return Ok(value);
    }
    if !looks_like_email(&value) {
        return Err(CoreError::validation(
            field,
            ValidationCode::InvalidEmail,
            "is not a valid e-mail address",
        ));
    }
    Ok(value.to_lowercase())
}

fn looks_like_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
}

/// A French SIREN (9 digits) or SIRET (14 digits), spaces ignored; empty allowed.
pub fn siret(field: &str, value: &str) -> CoreResult<String> {
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Ok(digits);
    }
    if !(digits.len() == 9 || digits.len() == 14) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(CoreError::validation(
            field,
            ValidationCode::InvalidFormat,
            "must be a SIREN (9 digits) or a SIRET (14 digits)",
        ));
    }
    Ok(digits)
}

/// An intra-community VAT number: two letters then 2 to 13 letters or digits.
pub fn vat_number(field: &str, value: &str) -> CoreResult<String> {
    let vat: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if vat.is_empty() {
        return Ok(vat);
    }
    let country_ok = vat.chars().take(2).all(|c| c.is_ascii_uppercase());
    let rest_ok = vat.chars().skip(2).all(|c| c.is_ascii_alphanumeric());
    if vat.len() < 4 || vat.len() > 15 || !country_ok || !rest_ok {
        return Err(CoreError::validation(
            field,
            ValidationCode::InvalidFormat,
            "must start with a country code, e.g. FR12345678901",
        ));
    }
    Ok(vat)
}

pub const MIN_PASSWORD_LEN: usize = 8;

pub fn password(field: &str, value: &str) -> CoreResult<()> {
    if value.chars().count() < MIN_PASSWORD_LEN {
        return Err(CoreError::validation(
            field,
            ValidationCode::TooShort,
            format!("must be at least {MIN_PASSWORD_LEN} characters"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(result: CoreResult<String>) -> Option<ValidationCode> {
        match result {
            Err(CoreError::Validation { code, .. }) => Some(code),
            _ => None,
        }
    }

    #[test]
    fn required_trims_and_refuses_blank() {
        assert_eq!(required("name", "  Acme ", 10).unwrap(), "Acme");
        assert_eq!(
            code(required("name", "   ", 10)),
            Some(ValidationCode::Required)
        );
        assert_eq!(
            code(required("name", "abcdefghijk", 10)),
            Some(ValidationCode::TooLong)
        );
    }

    #[test]
    fn emails() {
        assert_eq!(
            email("email", " Ana@Example.FR ", true).unwrap(),
            "ana@example.fr"
        );
        assert_eq!(email("email", "", false).unwrap(), "");
        for bad in [
            "ana", "ana@", "@x.fr", "ana@x", "a b@x.fr", "a@@x.fr", "a@x.fr.",
        ] {
            assert_eq!(
                code(email("email", bad, false)),
                Some(ValidationCode::InvalidEmail),
                "{bad}"
            );
        }
    }

    #[test]
    fn siret_and_vat() {
        assert_eq!(
            siret("siret", "732 829 320 00074").unwrap(),
            "73282932000074"
        );
        assert_eq!(siret("siret", "732829320").unwrap(), "732829320");
        assert!(siret("siret", "12345").is_err());
        assert_eq!(
            vat_number("vat_number", "fr 44 732829320").unwrap(),
            "FR44732829320"
        );
        assert!(vat_number("vat_number", "12345").is_err());
    }
}
