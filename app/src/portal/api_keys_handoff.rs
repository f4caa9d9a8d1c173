//! Handing a new API key's secret to the page after a plain (no-JavaScript) form post without
//! the secret ever resting on the server. The post answers with a redirect, so the secret must
//! survive one round trip; it is split in two random-looking halves:
//!
//! - a one-time pad of random bytes, kept in the session (the database's session row), and
//! - secret ⊕ pad, sent to the same browser as a short-lived cookie (HttpOnly, SameSite=Strict,
//!   `Path=/portal/api-keys`, two minutes).
//!
//! Either half alone says nothing about the secret (a one-time pad), so a copy of the sessions
//! table, a backup or a leaked cookie never yields a working key. The API keys page joins them
//! once and takes the pad out of the session, so a second look shows nothing. With JavaScript
//! the create action answers with the secret directly and none of this happens.

use rand::RngCore;
use serde::{Deserialize, Serialize};

use crate::merchants::NewApiKey;

/// Session key of the pad.
pub const SESSION_KEY: &str = "portal_new_api_key_pad";
/// The cookie carrying secret ⊕ pad.
pub const COOKIE: &str = "kreditor_new_api_key";
/// How long the cookie lives: the redirect is followed at once.
pub const MAX_AGE_SECONDS: u32 = 120;

/// What the session holds for one new key: its id, label and the pad, never the secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pad {
    /// Public key id.
    pub key_id: String,
    /// The key's label.
    pub label: String,
    /// Random bytes as long as the secret, hex.
    pub pad: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

/// Splits `new`'s secret: the pad for the session and secret ⊕ pad (hex) for the cookie.
pub fn split(new: &NewApiKey) -> (Pad, String) {
    let secret = new.secret.as_bytes();
    let mut pad = vec![0u8; secret.len()];
    rand::thread_rng().fill_bytes(&mut pad);
    let cipher: Vec<u8> = secret.iter().zip(&pad).map(|(s, p)| s ^ p).collect();
    let pad = Pad {
        key_id: new.key_id.clone(),
        label: new.label.clone(),
        pad: hex(&pad),
    };
    (pad, hex(&cipher))
}

/// Joins the halves again; `None` when the cookie does not fit the pad.
pub fn join(pad: Pad, cipher_hex: &str) -> Option<NewApiKey> {
    let pad_bytes = unhex(&pad.pad)?;
    let cipher = unhex(cipher_hex)?;
    if pad_bytes.len() != cipher.len() {
        return None;
    }
    let secret: Vec<u8> = cipher.iter().zip(&pad_bytes).map(|(c, p)| c ^ p).collect();
    let secret = String::from_utf8(secret).ok()?;
    Some(NewApiKey {
        key_id: pad.key_id,
        label: pad.label,
        secret,
    })
}

/// The `Set-Cookie` value carrying `cipher_hex` (`secure` outside plain-HTTP demo and test).
pub fn set_cookie(cipher_hex: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{COOKIE}={cipher_hex}; Path={}; Max-Age={MAX_AGE_SECONDS}; HttpOnly; SameSite=Strict{secure}",
        super::API_KEYS_PATH
    )
}

/// The cookie's value in a `Cookie` request header.
pub fn from_cookie_header(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> NewApiKey {
        NewApiKey {
            key_id: "kk_1".into(),
            label: "Webshop".into(),
            secret: "ks_0123456789abcdef".into(),
        }
    }

    #[test]
    fn the_halves_join_and_neither_holds_the_secret() {
        let (pad, cipher) = split(&key());
        let secret_hex = hex(key().secret.as_bytes());
        assert_ne!(pad.pad, secret_hex);
        assert_ne!(cipher, secret_hex);
        assert!(!serde_json::to_string(&pad).unwrap().contains("ks_"));
        assert_eq!(join(pad.clone(), &cipher), Some(key()));
        assert_eq!(join(pad, "00"), None);
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let header = format!("a=1; {COOKIE}=beef; b=2");
        assert_eq!(from_cookie_header(&header), Some("beef"));
        assert_eq!(from_cookie_header("a=1"), None);
        let set = set_cookie("beef", true);
        assert!(set.contains("HttpOnly") && set.contains("Secure") && set.contains("Max-Age=120"));
    }
}
