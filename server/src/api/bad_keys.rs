//! A short memory of credentials that failed: the same wrong key id and secret sent again
//! (a misconfigured integration retrying, a replayed guess) is refused from memory for
//! `API_BAD_KEY_CACHE_SECONDS`, without a hash and a database lookup per try. Only a SHA-256
//! of the pair is kept, never the secret. New guesses are bounded by the per-address limit
//! that runs before authentication.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// Most remembered pairs; when full, expired ones go first, then everything (a flood of
/// distinct guesses must not grow memory; forgetting only costs a lookup again).
const CAPACITY: usize = 50_000;

/// The remembered failures.
#[derive(Debug)]
pub struct BadKeys {
    ttl: Duration,
    entries: Mutex<HashMap<[u8; 32], Instant>>,
    hits: AtomicU64,
}

fn fingerprint(key_id: &str, secret: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(key_id.as_bytes());
    h.update([0u8]);
    h.update(secret.as_bytes());
    h.finalize().into()
}

impl BadKeys {
    /// Failures kept for `ttl` (zero = off).
    pub fn new(ttl: Duration) -> Self {
        BadKeys {
            ttl,
            entries: Mutex::new(HashMap::new()),
            hits: AtomicU64::new(0),
        }
    }

    /// Whether this pair failed within the last `ttl` (counted as a hit).
    pub fn known_bad(&self, key_id: &str, secret: &str) -> bool {
        if self.ttl.is_zero() {
            return false;
        }
        let fp = fingerprint(key_id, secret);
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        match entries.get(&fp) {
            Some(until) if *until > Instant::now() => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                true
            }
            Some(_) => {
                entries.remove(&fp);
                false
            }
            None => false,
        }
    }

    /// Remembers a failed pair.
    pub fn remember(&self, key_id: &str, secret: &str) {
        if self.ttl.is_zero() {
            return;
        }
        let now = Instant::now();
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= CAPACITY {
            entries.retain(|_, until| *until > now);
            if entries.len() >= CAPACITY {
                entries.clear();
            }
        }
        entries.insert(fingerprint(key_id, secret), now + self.ttl);
    }

    /// Tries refused from memory since the start.
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_pair_is_remembered_for_its_time_only() {
        let bad = BadKeys::new(Duration::from_millis(50));
        assert!(!bad.known_bad("kk_1", "ks_wrong"));
        bad.remember("kk_1", "ks_wrong");
        assert!(bad.known_bad("kk_1", "ks_wrong"));
        assert!(!bad.known_bad("kk_1", "ks_right"));
        assert_eq!(bad.hits(), 1);
        std::thread::sleep(Duration::from_millis(60));
        assert!(!bad.known_bad("kk_1", "ks_wrong"));
        let off = BadKeys::new(Duration::ZERO);
        off.remember("a", "b");
        assert!(!off.known_bad("a", "b"));
    }
}
