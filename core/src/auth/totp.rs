//! The codes of two-step sign-in, with no database: TOTP as every
//! authenticator app reads it (RFC 6238: HMAC-SHA-1, 6 digits, 30-second
//! steps, through the `totp-rs` crate), the enrolment QR code, and the
//! one-time recovery codes.
//!
//! - A secret is 160 random bits (the RFC's recommended length), shown to
//!   its owner in base32 and as an `otpauth://` QR code while enrolling.
//! - A code is accepted for the step of the moment or the one either side
//!   (±30 s of clock drift between the phone and this computer), and only for
//!   a step after the last one accepted: the caller keeps that step, so a
//!   code seen over a shoulder or replayed is refused.
//! - Recovery codes are ten characters from an alphabet without look-alikes
//!   (no 0/O, 1/I/L), written in two groups of five: 50 random bits each.
//!   Only their SHA-256 is stored. A slow hash (Argon2) is not needed: the
//!   codes are random and long, not chosen by a person, so nothing can be
//!   guessed from a dictionary, and the TOTP secret they stand in for sits
//!   in the same database anyway.

use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// Seconds of one step.
pub const STEP_SECONDS: i64 = 30;
/// Steps accepted either side of the current one.
pub const SKEW_STEPS: i64 = 1;
/// Digits of a code.
pub const DIGITS: usize = 6;
/// Recovery codes given at enrolment.
pub const RECOVERY_CODES: usize = 10;
/// The name an authenticator app lists the account under.
pub const ISSUER: &str = "Parc";

/// Characters of a recovery code: 32 of them, none mistaken for another.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A new secret: 160 bits from the operating system's generator, in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::from(bytes).to_base32()
}

/// The TOTP of a stored secret, labelled with its owner's address.
fn totp(secret_base32: &str, account: &str) -> CoreResult<Totp> {
    let secret = Secret::try_from_base32(secret_base32)
        .map_err(|_| CoreError::Internal("a stored second-factor secret is not base32".into()))?;
    // The label may not hold a colon; an address never does, but be sure.
    let account = account.replace(':', " ");
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS as u8)
        .with_step_duration(STEP_SECONDS as u64)
        .with_skew(0)
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| CoreError::Internal(format!("cannot build the TOTP: {e}")))
}

/// The step an instant falls in.
pub fn step_at(now: DateTime<Utc>) -> i64 {
    now.timestamp().div_euclid(STEP_SECONDS)
}

/// The code of `step` (for tests and the enrolment check).
pub fn code_for_step(secret_base32: &str, step: i64) -> CoreResult<String> {
    let seconds = u64::try_from(step * STEP_SECONDS)
        .map_err(|_| CoreError::Internal("a step before 1970".into()))?;
    Ok(totp(secret_base32, "")?.generate(seconds).to_string())
}

/// What a typed code is worth against a secret at `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeCheck {
    /// Right, for this step (after the last one accepted).
    Accepted(i64),
    /// Right, but for a step already used: refused.
    Replayed,
    /// Not the code of any step around now.
    Wrong,
}

/// Checks a six-digit code (spaces allowed) for the steps around `now`,
/// refusing any step at or before `last_step`.
pub fn check_code(
    secret_base32: &str,
    typed: &str,
    now: DateTime<Utc>,
    last_step: Option<i64>,
) -> CoreResult<CodeCheck> {
    let Some(typed) = six_digits(typed) else {
        return Ok(CodeCheck::Wrong);
    };
    let current = step_at(now);
    let mut replayed = false;
    for step in current - SKEW_STEPS..=current + SKEW_STEPS {
        if step < 0 {
            continue;
        }
        let right = constant_time_eq(
            code_for_step(secret_base32, step)?.as_bytes(),
            typed.as_bytes(),
        );
        if right {
            if last_step.is_some_and(|last| step <= last) {
                replayed = true;
            } else {
                return Ok(CodeCheck::Accepted(step));
            }
        }
    }
    Ok(if replayed {
        CodeCheck::Replayed
    } else {
        CodeCheck::Wrong
    })
}

/// The digits of a typed TOTP code, if it is one (six digits, spaces and
/// dashes between them allowed).
pub fn six_digits(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `otpauth://` link an authenticator app reads from the QR code.
pub fn otpauth_url(secret_base32: &str, account: &str) -> CoreResult<String> {
    totp(secret_base32, account)?
        .to_url()
        .map_err(|e| CoreError::Internal(format!("cannot write the otpauth link: {e}")))
}

/// The QR code of `text` as an SVG `data:` URI, for an `<img>` (the portal
/// has no script and the desktop no network: the picture travels inline).
pub fn qr_data_uri(text: &str) -> CoreResult<String> {
    use base64::Engine;
    let code = qrcode::QrCode::new(text.as_bytes())
        .map_err(|e| CoreError::Internal(format!("cannot draw the QR code: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

/// Ten new recovery codes, as shown to their owner (`abcde-fghij`).
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rngs::OsRng;
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: String = (0..10)
                .map(|_| char::from(RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())]))
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// A typed recovery code as stored: lower case, without spaces or dashes;
/// `None` if it cannot be one.
pub fn normalise_recovery(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (code.len() == 10 && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b))).then_some(code)
}

/// The digest a recovery code is stored as.
pub fn recovery_digest(normalised: &str) -> String {
    Sha256::digest(normalised.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// RFC 6238's own test vector (SHA-1, secret "12345678901234567890"),
    /// cut to six digits: T = 59 s gives 94287082.
    #[test]
    fn the_rfc_test_vector() {
        let secret = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        assert_eq!(code_for_step(&secret, 59 / 30).unwrap(), "287082");
        let at = Utc.timestamp_opt(1_111_111_109, 0).unwrap();
        assert_eq!(code_for_step(&secret, step_at(at)).unwrap(), "081804");
    }

    #[test]
    fn a_secret_is_160_bits_of_base32() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32, "{secret}");
        assert_ne!(secret, new_secret());
        assert!(otpauth_url(&secret, "mia@helios.fr")
            .unwrap()
            .starts_with("otpauth://totp/Parc:mia%40helios.fr?secret="));
    }

    #[test]
    fn skew_of_one_step_either_way_and_no_more() {
        let secret = new_secret();
        let now = Utc.timestamp_opt(1_800_000_000, 0).unwrap();
        let step = step_at(now);
        for (offset, expected) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = code_for_step(&secret, step + offset).unwrap();
            let accepted = matches!(
                check_code(&secret, &code, now, None).unwrap(),
                CodeCheck::Accepted(s) if s == step + offset
            );
            assert_eq!(accepted, expected, "offset {offset}");
        }
        let code = code_for_step(&secret, step).unwrap();
        assert_eq!(
            check_code(&secret, &code, now, Some(step)).unwrap(),
            CodeCheck::Replayed
        );
        assert_eq!(
            check_code(&secret, "12345", now, None).unwrap(),
            CodeCheck::Wrong
        );
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_read_back_however_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        let first = &codes[0];
        assert_eq!(first.len(), 11);
        let typed = format!(" {} ", first.to_uppercase().replace('-', " "));
        assert_eq!(
            normalise_recovery(&typed).as_deref(),
            Some(first.replace('-', "").as_str())
        );
        assert_eq!(normalise_recovery("123456"), None);
        assert!(qr_data_uri("otpauth://totp/x")
            .unwrap()
            .starts_with("data:image/svg+xml;base64,"));
    }
}
