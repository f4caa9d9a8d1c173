//! What the retry loops share (the transaction loop in `transaction.rs` and the commit-fate
//! check in `commit_fate.rs`): dropping a broken connection and the pause between attempts.

use std::time::Duration;

use diesel_async::pooled_connection::deadpool::Object;
use diesel_async::AsyncPgConnection;
use rand::Rng;

/// Removes a connection from its pool for good (it is closed when dropped).
pub(super) fn discard(obj: Object<AsyncPgConnection>) {
    drop(Object::take(obj));
}

/// 20–100 ms, growing with the attempt number, with jitter so retrying clients spread out.
pub(super) fn backoff(attempt: u32) -> Duration {
    let base = 20 * u64::from(attempt.min(5));
    let jitter = rand::thread_rng().gen_range(0..=base);
    Duration::from_millis((base + jitter).min(100))
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn backoff_stays_between_20_and_100_ms() {
        for attempt in 1..20 {
            let d = backoff(attempt);
            assert!(
                d >= Duration::from_millis(20) && d <= Duration::from_millis(100),
                "{d:?}"
            );
        }
    }
}
