//! Passwords: argon2id hashes in PHC strings (the `argon2` crate's defaults: 19 MiB of
//! memory, 2 passes, one lane — OWASP's recommendation), checked in constant time, and
//! one-time passwords for new accounts and resets.

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};

use crate::error::AppError;

/// The shortest password a user may choose.
pub const MIN_LENGTH: usize = 10;
/// The longest (in bytes): hashing is costly, and nobody types more.
pub const MAX_BYTES: usize = 1024;

/// The argon2id hash of `password`, as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub fn hash(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| AppError::Internal(format!("no randomness from the system: {e}")))?;
    let salt = SaltString::encode_b64(&salt)
        .map_err(|e| AppError::Internal(format!("a salt could not be written: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("a password could not be hashed: {e}")))
}

/// Whether `password` matches `hash` (the comparison of the hashes takes the same time
/// wherever they differ). A hash that cannot be read matches nothing.
pub fn verify(password: &str, hash: &str) -> bool {
    if password.len() > MAX_BYTES {
        return false;
    }
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Spends the time a verification takes, for a sign-in with an unknown name, so that the
/// answer's timing does not tell which names exist.
pub fn verify_nothing(password: &str) {
    // The hash of a random password nobody knows, made once.
    static DUMMY: std::sync::LazyLock<Option<String>> = std::sync::LazyLock::new(|| {
        crate::auth::new_secret()
            .ok()
            .and_then(|secret| hash(&secret).ok())
    });
    if let Some(dummy) = DUMMY.as_deref() {
        let _ = verify(password, dummy);
    }
}

/// A one-time password: 20 characters from an alphabet without look-alikes (100 bits), in
/// groups of five (`k7mfq-2xw9c-…`).
pub fn generate() -> Result<String, AppError> {
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz"; // 31 symbols, no 0 o 1 l i
    let mut out = String::with_capacity(23);
    let mut produced = 0;
    while produced < 20 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| AppError::Internal(format!("no randomness from the system: {e}")))?;
        for b in bytes {
            // Rejection sampling keeps every symbol equally likely.
            let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
            if b >= limit {
                continue;
            }
            if produced > 0 && produced % 5 == 0 {
                out.push('-');
            }
            out.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
            produced += 1;
            if produced == 20 {
                break;
            }
        }
    }
    Ok(out)
}

/// Why a chosen password is refused, if it is.
pub fn check_new(name: &str, password: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_LENGTH {
        return Err(format!(
            "the password must have at least {MIN_LENGTH} characters"
        ));
    }
    if password.len() > MAX_BYTES {
        return Err(format!("the password must have at most {MAX_BYTES} bytes"));
    }
    if password.trim().eq_ignore_ascii_case(name.trim()) {
        return Err("the password must not be the account's name".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash("correct horse battery").unwrap();
        let b = hash("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "salted");
        assert!(verify("correct horse battery", &a));
        assert!(!verify("correct horse batterY", &a));
        assert!(!verify("x", "not a hash"));
        verify_nothing("anything");
    }

    #[test]
    fn one_time_passwords_are_grouped_and_acceptable() {
        let p = generate().unwrap();
        assert_eq!(p.len(), 23, "{p}");
        assert_eq!(p.split('-').count(), 4);
        assert!(check_new("admin", &p).is_ok());
        assert_ne!(p, generate().unwrap());
    }

    #[test]
    fn weak_passwords_are_refused() {
        assert!(check_new("alice", "short").is_err());
        assert!(check_new("alice-smith", "alice-smith").is_err());
        assert!(check_new("alice", &"x".repeat(2000)).is_err());
    }
}
