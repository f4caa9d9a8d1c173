//! Login abuse defences shared by the two kinds of login (staff in `staff_users`, merchant
//! users in `merchant_users`), in the order a request meets them:
//!
//! 1. **Rate limits before any work** ([`LoginLimits::admit`]): a budget per client IP address
//!    and one for everyone together ([`crate::rate_limit::KeyedLimiter`]), then a progressive delay per
//!    (e-mail, IP): after `free_failures` wrong passwords from one address for one e-mail, each
//!    further attempt from there must wait 1 s, 2 s, 4 s … up to `max_delay`. Nobody can lock
//!    an account for its owner (the owner's address has its own delay), and the delay does not
//!    depend on whether the e-mail exists. Refusals are one generic 429.
//! 2. **Bounded hashing** ([`LoginLimits::verify`]): at most `hash_concurrency` argon2
//!    verifications run at once (each needs ~19 MiB); the others wait on a semaphore holding
//!    nothing but their request. An unknown e-mail is verified against a dummy hash, so it
//!    costs the same time.
//! 3. **Recording** ([`record_attempt`], [`record_unknown`]): every attempt is audited (the
//!    typed e-mail for unknown accounts, never a password), each costing one write, so wrong,
//!    unknown and inactive answers look and take alike.
//!
//! The limits live in this node's memory (per node is enough to keep one node's CPU and memory
//! safe; a password guesser spread over nodes is still bounded by the global budget times the
//! number of nodes). Times use the real clock: moving a demo's business clock must not lift them.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use diesel::sql_types::Uuid as SqlUuid;
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::password;
use super::settings::AuthSettings;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Ctx, Kdb, KdbError, ScopedFutureExt};
use crate::rate_limit::{KeyedLimiter, RateLimit};

/// Where a kind of login keeps its accounts, and how its attempts are audited.
#[derive(Debug, Clone, Copy)]
pub struct Accounts {
    /// The table (with `failed_logins`, `last_login_at`).
    pub table: &'static str,
    /// The audit records' entity type.
    pub entity_type: &'static str,
    /// Audit action of a successful login.
    pub login_action: &'static str,
    /// Audit action of a wrong password (or an inactive account).
    pub failed_action: &'static str,
    /// Audit action of an attempt on an e-mail that has no account.
    pub unknown_action: &'static str,
}

/// Staff logins.
pub const STAFF: Accounts = Accounts {
    table: "staff_users",
    entity_type: "staff_user",
    login_action: "staff.login",
    failed_action: "staff.login_failed",
    unknown_action: "staff.login_unknown",
};

/// Merchant portal logins.
pub const MERCHANT_USERS: Accounts = Accounts {
    table: "merchant_users",
    entity_type: "merchant_user",
    login_action: "portal.login",
    failed_action: "portal.login_failed",
    unknown_action: "portal.login_unknown",
};

/// An attempt refused before any work; try again after this many seconds (at least 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooMany(pub u64);

/// Failures of one e-mail from one address.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    next_allowed: Instant,
}

/// Most (e-mail, IP) pairs remembered; beyond it, pairs whose delay has passed are forgotten.
const MAX_PAIRS: usize = 100_000;
/// Longest a request waits for a hashing slot before it is refused as busy.
const HASH_QUEUE_WAIT: Duration = Duration::from_secs(10);

/// The rate limits, the progressive delays and the hashing semaphore of one node.
pub struct LoginLimits {
    per_ip: KeyedLimiter<IpAddr>,
    /// One budget for everyone: a single key.
    global: KeyedLimiter<()>,
    free_failures: u32,
    max_delay: Duration,
    delays: Mutex<HashMap<(String, IpAddr), Failures>>,
    hashing: tokio::sync::Semaphore,
    running: AtomicUsize,
    peak: AtomicUsize,
    total: AtomicU64,
}

impl std::fmt::Debug for LoginLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginLimits")
            .field("hashes_run", &self.hashes_run())
            .field("peak_concurrent_hashes", &self.peak_concurrent_hashes())
            .finish()
    }
}

/// The delay key: the e-mail as typed, trimmed and lower-cased (bounded in length).
fn email_key(email: &str) -> String {
    email.trim().to_lowercase().chars().take(254).collect()
}

impl LoginLimits {
    /// Limits for `settings`. Unlike the API's limits these are never off: 0 counts as 1.
    pub fn new(settings: &AuthSettings) -> Self {
        let global = RateLimit {
            per_second: settings.global_per_second.max(1),
            burst: settings.global_per_second.saturating_mul(2),
        };
        LoginLimits {
            per_ip: KeyedLimiter::per_minute(settings.per_ip_per_minute.max(1)),
            global: KeyedLimiter::new(global),
            free_failures: settings.free_failures,
            max_delay: settings.max_delay,
            delays: Mutex::new(HashMap::new()),
            hashing: tokio::sync::Semaphore::new(settings.hash_concurrency.max(1)),
            running: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
            total: AtomicU64::new(0),
        }
    }

    /// Whether an attempt for `email` from `ip` may go on to the password check: the IP's
    /// budget, then the global one, then the pair's delay. Costs no database work and no hash.
    pub fn admit(&self, email: &str, ip: IpAddr) -> Result<(), TooMany> {
        self.per_ip.check(&ip).map_err(TooMany)?;
        self.global.check(&()).map_err(TooMany)?;
        let delays = self.delays.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(f) = delays.get(&(email_key(email), ip)) {
            let now = Instant::now();
            if f.next_allowed > now {
                let left = f.next_allowed.duration_since(now);
                return Err(TooMany(left.as_secs().max(1)));
            }
        }
        Ok(())
    }

    /// Notes a wrong password (or unknown e-mail) for `email` from `ip`: past the free
    /// failures, the next attempt from there waits twice as long as the last.
    pub fn failed(&self, email: &str, ip: IpAddr) {
        let now = Instant::now();
        let mut delays = self.delays.lock().unwrap_or_else(|p| p.into_inner());
        if delays.len() >= MAX_PAIRS {
            delays.retain(|_, f| f.next_allowed > now);
        }
        let f = delays.entry((email_key(email), ip)).or_insert(Failures {
            count: 0,
            next_allowed: now,
        });
        f.count = f.count.saturating_add(1);
        if f.count > self.free_failures {
            let doublings = (f.count - self.free_failures - 1).min(20);
            let delay = Duration::from_secs(1u64 << doublings).min(self.max_delay);
            f.next_allowed = now + delay;
        }
    }

    /// Forgets the failures of `email` from `ip` after a successful login.
    pub fn succeeded(&self, email: &str, ip: IpAddr) {
        let mut delays = self.delays.lock().unwrap_or_else(|p| p.into_inner());
        delays.remove(&(email_key(email), ip));
    }

    /// Whether `clear` matches `stored`; without a stored hash (unknown e-mail) a dummy hash is
    /// verified instead, so response time does not reveal which e-mails have logins. At most
    /// `hash_concurrency` of these run at once; `Err` when no slot came free in time.
    pub async fn verify(&self, stored: Option<String>, clear: &str) -> Result<bool, TooMany> {
        let Ok(Ok(_permit)) = tokio::time::timeout(HASH_QUEUE_WAIT, self.hashing.acquire()).await
        else {
            return Err(TooMany(HASH_QUEUE_WAIT.as_secs()));
        };
        let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        self.total.fetch_add(1, Ordering::SeqCst);
        let hash = stored.unwrap_or_else(|| password::dummy_hash().to_string());
        let clear = clear.to_string();
        let matches = tokio::task::spawn_blocking(move || password::verify(&clear, &hash))
            .await
            .unwrap_or(false);
        self.running.fetch_sub(1, Ordering::SeqCst);
        Ok(matches)
    }

    /// Password verifications run so far (instrumentation for tests and metrics).
    pub fn hashes_run(&self) -> u64 {
        AtomicU64::load(&self.total, Ordering::SeqCst)
    }

    /// The most verifications that ran at the same moment so far.
    pub fn peak_concurrent_hashes(&self) -> usize {
        AtomicUsize::load(&self.peak, Ordering::SeqCst)
    }
}

/// Records an attempt on account `id` of `accounts` whose password did (`matches`) or did not
/// match, in one transaction with its audit record (the client address included).
pub async fn record_attempt(
    kdb: &Kdb,
    ctx: &Ctx,
    accounts: Accounts,
    id: uuid::Uuid,
    matches: bool,
    ip: IpAddr,
) -> Result<(), KdbError> {
    let id_text = &id.to_string();
    let table = accounts.table;
    let ip = ip.to_string();
    let entry = |action: &'static str| AuditEntry {
        action,
        entity_type: accounts.entity_type,
        entity_id: id_text,
        before: None,
        after: Some(json!({ "ip": ip })),
    };
    let (action, sql) = if matches {
        (
            accounts.login_action,
            format!("UPDATE {table} SET failed_logins = 0, last_login_at = now() WHERE id = $1"),
        )
    } else {
        (
            accounts.failed_action,
            format!("UPDATE {table} SET failed_logins = failed_logins + 1 WHERE id = $1"),
        )
    };
    let (sql, entry) = (&sql, &entry);
    kdb.write(|conn| {
        async move {
            diesel::sql_query(sql.as_str())
                .bind::<SqlUuid, _>(id)
                .execute(conn)
                .await?;
            audit::record(conn, ctx, entry(action)).await?;
            Ok(())
        }
        .scope_boxed()
    })
    .await
}

/// Records an attempt on an e-mail without an account: the e-mail as typed (bounded) and the
/// client address, never the password.
pub async fn record_unknown(
    kdb: &Kdb,
    request_id: &str,
    accounts: Accounts,
    email: &str,
    ip: IpAddr,
) -> Result<(), KdbError> {
    let ctx = &Ctx {
        actor: crate::kdb::Actor::System {
            name: "login".into(),
        },
        request_id: request_id.to_string(),
    };
    let after = json!({ "email": email_key(email), "ip": ip.to_string() });
    let after = &after;
    kdb.write(|conn| {
        async move {
            audit::record(
                conn,
                ctx,
                AuditEntry {
                    action: accounts.unknown_action,
                    entity_type: accounts.entity_type,
                    entity_id: "unknown",
                    before: None,
                    after: Some(after.clone()),
                },
            )
            .await
        }
        .scope_boxed()
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> AuthSettings {
        AuthSettings {
            free_failures: 2,
            max_delay: Duration::from_secs(60),
            per_ip_per_minute: 100,
            global_per_second: 100,
            ..AuthSettings::default()
        }
    }

    #[test]
    fn the_delay_starts_after_the_free_failures_and_only_for_that_pair() {
        let limits = LoginLimits::new(&settings());
        let (attacker, owner) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        for _ in 0..2 {
            assert_eq!(limits.admit("Anna@x.se", attacker), Ok(()));
            limits.failed("anna@x.se", attacker);
        }
        assert_eq!(limits.admit("anna@x.se", attacker), Ok(()));
        limits.failed("anna@x.se", attacker);
        assert_eq!(limits.admit(" ANNA@x.se", attacker), Err(TooMany(1)));
        // The owner, elsewhere, is not held up; nor is another e-mail from the attacker.
        assert_eq!(limits.admit("anna@x.se", owner), Ok(()));
        assert_eq!(limits.admit("bo@x.se", attacker), Ok(()));
        limits.succeeded("anna@x.se", attacker);
        assert_eq!(limits.admit("anna@x.se", attacker), Ok(()));
    }

    #[test]
    fn the_ip_budget_is_spent_before_anything_else() {
        let limits = LoginLimits::new(&AuthSettings {
            per_ip_per_minute: 3,
            ..settings()
        });
        let ip = IpAddr::from([10, 0, 0, 9]);
        for n in 0..3 {
            assert_eq!(limits.admit(&format!("u{n}@x.se"), ip), Ok(()));
        }
        assert!(limits.admit("u9@x.se", ip).is_err());
        assert_eq!(limits.admit("u9@x.se", IpAddr::from([10, 0, 0, 8])), Ok(()));
    }
}
