//! The one rate limiter, in this node's memory, on `governor` (GCRA, one small state per key):
//! the order API per merchant (`API_RATE_LIMIT` requests per second, bursts up to
//! `API_RATE_BURST`) and per client address before authentication (`API_IP_RATE_LIMIT` /
//! `API_IP_RATE_BURST`), the portal's batch uploads per merchant (`PORTAL_UPLOADS_PER_MINUTE`),
//! and logins per client address and for everyone together (`crate::auth::throttle`, the
//! latter as the single key `()`). Per node is enough to protect the database and the CPU from
//! one runaway caller; a limit across nodes would need the database and cost a write per
//! request.

use std::hash::Hash;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

/// Requests per second and burst size per key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Sustained requests per second (0 = no limit).
    pub per_second: u32,
    /// Most requests at once after a quiet spell.
    pub burst: u32,
}

/// The order API's per-merchant default (`API_RATE_LIMIT` 200, `API_RATE_BURST` 400).
impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            per_second: 200,
            burst: 400,
        }
    }
}

impl RateLimit {
    /// The governor quota; `None` when the limit is off.
    fn quota(self) -> Option<Quota> {
        let per_second = NonZeroU32::new(self.per_second)?;
        let burst = NonZeroU32::new(self.burst).unwrap_or(NonZeroU32::MIN);
        Some(Quota::per_second(per_second).allow_burst(burst))
    }
}

/// Keys kept before the idle ones are dropped (a scan of random addresses must not grow the
/// table without bound; a dropped key starts again with a full burst, which is harmless).
const MAX_KEYS: usize = 100_000;

/// A rate limit per key (merchant, client address; `()` for one budget shared by everyone).
pub struct KeyedLimiter<K: Hash + Eq + Clone> {
    limiter: Option<DefaultKeyedRateLimiter<K>>,
}

impl<K: Hash + Eq + Clone> std::fmt::Debug for KeyedLimiter<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyedLimiter")
            .field("on", &self.limiter.is_some())
            .finish()
    }
}

impl<K: Hash + Eq + Clone> KeyedLimiter<K> {
    /// A limiter for `limit` (off when its rate is 0).
    pub fn new(limit: RateLimit) -> Self {
        Self::with_quota(limit.quota())
    }

    /// At most `n` per minute, all of them at once after a quiet minute (0 = off).
    pub fn per_minute(n: u32) -> Self {
        Self::with_quota(NonZeroU32::new(n).map(Quota::per_minute))
    }

    fn with_quota(quota: Option<Quota>) -> Self {
        KeyedLimiter {
            limiter: quota.map(DefaultKeyedRateLimiter::keyed),
        }
    }

    /// Takes one unit for `key`, or says how many whole seconds to wait (at least 1).
    pub fn check(&self, key: &K) -> Result<(), u64> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        if limiter.len() > MAX_KEYS {
            limiter.retain_recent();
        }
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_bucket_refuses() {
        let limiter = KeyedLimiter::new(RateLimit {
            per_second: 1,
            burst: 3,
        });
        let m = uuid::Uuid::new_v4();
        assert!((0..3).all(|_| limiter.check(&m).is_ok()));
        assert_eq!(limiter.check(&m), Err(1));
        // Another merchant has its own bucket.
        assert!(limiter.check(&uuid::Uuid::new_v4()).is_ok());
    }

    #[test]
    fn zero_means_unlimited() {
        let limiter = KeyedLimiter::new(RateLimit {
            per_second: 0,
            burst: 0,
        });
        let m = uuid::Uuid::new_v4();
        assert!((0..10_000).all(|_| limiter.check(&m).is_ok()));
        let per_minute = KeyedLimiter::<u8>::per_minute(0);
        assert!((0..1_000).all(|_| per_minute.check(&1).is_ok()));
    }

    #[test]
    fn per_minute_waits_tens_of_seconds() {
        let limiter = KeyedLimiter::<u8>::per_minute(2);
        assert!(limiter.check(&1).is_ok() && limiter.check(&1).is_ok());
        let wait = limiter.check(&1).unwrap_err();
        assert!((25..=30).contains(&wait), "{wait}");
    }
}
