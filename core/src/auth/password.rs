//! Password hashing (Argon2id, salted) and remember-me tokens.

use crate::error::{CoreError, CoreResult};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Argon2id with OWASP's first recommended setting: 19 MiB, two passes,
/// one lane. Stored hashes carry their own parameters, so raising these
/// later still verifies the old ones.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &str) -> CoreResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CoreError::Internal(format!("cannot hash password: {e}")))
}

pub fn verify(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|parsed| {
            hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Verifies against the account's hash, or, when there is no such account,
/// spends the same time on a hash of nothing and says no: a login answers
/// an unknown address as slowly as a known one.
pub fn verify_or_waste(password: &str, stored_hash: Option<&str>) -> bool {
    static NOBODY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    match stored_hash {
        Some(stored) => verify(password, stored),
        None => {
            let nobody =
                NOBODY.get_or_init(|| hash("no account has this password").unwrap_or_default());
            let _ = verify(password, nobody);
            false
        }
    }
}

/// A fresh random token (hex, 256 bits) for "remember me on this computer".
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// Tokens are stored hashed: a stolen database file does not log anyone in.
pub fn token_digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_verifies_only_the_right_password() {
        let stored = hash("correct horse").unwrap();
        assert!(verify("correct horse", &stored));
        assert!(!verify("wrong horse", &stored));
        assert!(!verify("correct horse", "not a hash"));
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify_or_waste("correct horse", Some(&stored)));
        assert!(!verify_or_waste("correct horse", None));
    }

    #[test]
    fn tokens_are_unique_and_digested() {
        let a = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_token());
        assert_ne!(token_digest(&a), a);
        assert_eq!(token_digest(&a), token_digest(&a));
    }
}
