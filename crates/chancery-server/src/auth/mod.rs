//! Authentication: who is calling, and what they may do.
//!
//! - [`password`]: argon2id hashes, checked in constant time; one-time passwords.
//! - [`session`]: browser sessions — a random 256-bit secret in an `HttpOnly`, `SameSite=Lax`
//!   cookie (also `Secure` when the site is served over https), of which the store keeps only
//!   the SHA-256; sessions last [`session::LIFETIME`] from sign-in (not sliding).
//! - [`csrf`]: every form carries the session's anti-forgery token, checked on every POST,
//!   and cross-site POSTs are refused by their `Sec-Fetch-Site` or `Origin` headers.
//! - [`caller`]: the [`caller::Caller`] extractor (a session cookie or an `Authorization:
//!   Bearer` API token resolved to a user through the store) and the middleware that resolves
//!   it once per request, limits the API's rate and forces a new password where one is due.
//! - [`rate`]: sign-in failures (per account and per client address) and the API's token
//!   buckets (per token or per client address).
//!
//! Secrets (session cookies, API tokens) are random 256-bit values written in base64url;
//! only their SHA-256 is stored, so a copy of the database gives no one a way in.

pub mod caller;
pub mod csrf;
pub mod password;
pub mod rate;
pub mod session;

use sha2::{Digest, Sha256};

use crate::error::AppError;

/// A new random secret: 256 bits from the operating system, in base64url without padding
/// (43 characters).
pub fn new_secret() -> Result<String, AppError> {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Internal(format!("no randomness from the system: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// The SHA-256 of a presented secret, in hex: what the store keeps and looks up.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The prefix of API token secrets, so that a leaked token is recognizable (secret
/// scanners) and cannot be mistaken for a session cookie.
pub const TOKEN_PREFIX: &str = "chy_";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_random_and_hashed() {
        let a = new_secret().unwrap();
        let b = new_secret().unwrap();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_eq!(hash_secret(&a).len(), 64);
        assert_eq!(hash_secret(&a), hash_secret(&a));
        assert_ne!(hash_secret(&a), hash_secret(&b));
    }
}
