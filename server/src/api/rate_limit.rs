//! Per-merchant rate limit of the API: a token bucket per merchant in this node's memory
//! (`API_RATE_LIMIT` requests per second, bursts up to `API_RATE_BURST`). Per node is enough
//! to protect the database from one runaway integration; a limit across nodes would need the
//! database and cost a write per request.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// Requests per second and burst size per merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Sustained requests per second (0 = no limit).
    pub per_second: u32,
    /// Most requests at once after a quiet spell.
    pub burst: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            per_second: 200,
            burst: 400,
        }
    }
}

/// The buckets.
#[derive(Debug)]
pub struct RateLimiter {
    limit: RateLimit,
    /// Per merchant: tokens in thousandths (integer arithmetic) and when last refilled.
    buckets: Mutex<HashMap<uuid::Uuid, (u64, Instant)>>,
}

impl RateLimiter {
    /// Buckets for `limit`.
    pub fn new(limit: RateLimit) -> Self {
        RateLimiter {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `merchant`, or says how many seconds to wait.
    pub fn check(&self, merchant: uuid::Uuid) -> Result<(), u64> {
        if self.limit.per_second == 0 {
            return Ok(());
        }
        let capacity = u64::from(self.limit.burst.max(1)) * 1000;
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let (tokens, last) = buckets.entry(merchant).or_insert((capacity, now));
        let elapsed_ms = u64::try_from(now.duration_since(*last).as_millis()).unwrap_or(u64::MAX);
        let refill = elapsed_ms.saturating_mul(u64::from(self.limit.per_second));
        *tokens = tokens.saturating_add(refill).min(capacity);
        *last = now;
        if *tokens >= 1000 {
            *tokens -= 1000;
            Ok(())
        } else {
            Err(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_bucket_refuses() {
        let limiter = RateLimiter::new(RateLimit {
            per_second: 1,
            burst: 3,
        });
        let m = uuid::Uuid::new_v4();
        assert!((0..3).all(|_| limiter.check(m).is_ok()));
        assert_eq!(limiter.check(m), Err(1));
        // Another merchant has its own bucket.
        assert!(limiter.check(uuid::Uuid::new_v4()).is_ok());
    }

    #[test]
    fn zero_means_unlimited() {
        let limiter = RateLimiter::new(RateLimit {
            per_second: 0,
            burst: 0,
        });
        let m = uuid::Uuid::new_v4();
        assert!((0..10_000).all(|_| limiter.check(m).is_ok()));
    }
}
