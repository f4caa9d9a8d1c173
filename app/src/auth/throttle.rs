//! Login throttling shared by the two kinds of login (staff in `staff_users`, merchant users in
//! `merchant_users`): the password check that costs the same for unknown e-mails, and the
//! recording of an attempt — after `max_failed_logins` wrong passwords in a row the account is
//! locked for `lockout`, every attempt audited.
//!
//! Lock times use the database server's clock, not Ktime: a security lock must not be lifted
//! by moving the business clock forward in a demo.

use diesel::sql_types::{BigInt, Bool, Integer, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::password;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Ctx, Kdb, KdbError, ScopedFutureExt};
use crate::services::AuthSettings;

/// Where a kind of login keeps its accounts, and how its attempts are audited.
#[derive(Debug, Clone, Copy)]
pub struct Accounts {
    /// The table (with `failed_logins`, `locked_until`, `last_login_at`).
    pub table: &'static str,
    /// The audit records' entity type.
    pub entity_type: &'static str,
    /// Audit action of a successful login.
    pub login_action: &'static str,
    /// Audit action of a wrong password.
    pub failed_action: &'static str,
    /// Audit action of the failure that locks the account.
    pub locked_action: &'static str,
}

/// Staff logins.
pub const STAFF: Accounts = Accounts {
    table: "staff_users",
    entity_type: "staff_user",
    login_action: "staff.login",
    failed_action: "staff.login_failed",
    locked_action: "staff.locked",
};

/// Merchant portal logins.
pub const MERCHANT_USERS: Accounts = Accounts {
    table: "merchant_users",
    entity_type: "merchant_user",
    login_action: "portal.login",
    failed_action: "portal.login_failed",
    locked_action: "portal.locked",
};

/// The result of one attempt, decided inside the transaction (so the failure count is kept
/// even though the login is refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// Right password, not locked.
    Ok,
    /// Wrong password (counted).
    Wrong,
    /// Locked for this many more minutes (at least 1).
    Locked(i64),
}

/// Whether `clear` matches `stored`; without a stored hash (unknown e-mail) a dummy hash is
/// verified instead, so response time does not reveal which e-mails have logins.
pub async fn verify(stored: Option<String>, clear: &str) -> bool {
    let hash = stored.unwrap_or_else(|| password::dummy_hash().to_string());
    let clear = clear.to_string();
    tokio::task::spawn_blocking(move || password::verify(&clear, &hash))
        .await
        .unwrap_or(false)
}

#[derive(diesel::QueryableByName)]
struct LockState {
    #[diesel(sql_type = Bool)]
    locked: bool,
    #[diesel(sql_type = BigInt)]
    minutes_left: i64,
}

fn lock_state_sql(table: &str) -> String {
    format!(
        "SELECT coalesce(locked_until > now(), false) AS locked, \
         coalesce(ceil(extract(epoch FROM (locked_until - now())) / 60), 0)::bigint AS minutes_left \
         FROM {table} WHERE id = $1"
    )
}

/// Records an attempt on account `id` of `accounts` whose password did (`matches`) or did not
/// match, in one transaction with its audit record.
pub async fn record_attempt(
    kdb: &Kdb,
    settings: &AuthSettings,
    ctx: &Ctx,
    accounts: Accounts,
    id: uuid::Uuid,
    matches: bool,
) -> Result<Attempt, KdbError> {
    let max = settings.max_failed_logins;
    let lockout_ms = i64::try_from(settings.lockout.as_millis()).unwrap_or(i64::MAX);
    let id_text = &id.to_string();
    let table = accounts.table;
    let entry = &|action: &'static str, after: serde_json::Value| AuditEntry {
        action,
        entity_type: accounts.entity_type,
        entity_id: id_text,
        before: None,
        after: Some(after),
    };
    kdb.write(|conn| {
        async move {
            let lock: LockState =
                diesel::sql_query(format!("{} FOR UPDATE", lock_state_sql(table)))
                    .bind::<SqlUuid, _>(id)
                    .get_result(conn)
                    .await?;
            if lock.locked {
                return Ok(Attempt::Locked(lock.minutes_left.max(1)));
            }
            if matches {
                diesel::sql_query(format!(
                    "UPDATE {table} SET failed_logins = 0, locked_until = NULL, \
                     last_login_at = now() WHERE id = $1"
                ))
                .bind::<SqlUuid, _>(id)
                .execute(conn)
                .await?;
                audit::record(conn, ctx, entry(accounts.login_action, json!({}))).await?;
                return Ok(Attempt::Ok);
            }
            diesel::sql_query(format!(
                "UPDATE {table} SET \
                 locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + $3 * interval '1 millisecond' END, \
                 failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END \
                 WHERE id = $1"
            ))
            .bind::<SqlUuid, _>(id)
            .bind::<Integer, _>(max)
            .bind::<BigInt, _>(lockout_ms)
            .execute(conn)
            .await?;
            let lock: LockState = diesel::sql_query(lock_state_sql(table))
                .bind::<SqlUuid, _>(id)
                .get_result(conn)
                .await?;
            if lock.locked {
                audit::record(conn, ctx, entry(accounts.locked_action, json!({"minutes": lock.minutes_left})))
                    .await?;
                Ok(Attempt::Locked(lock.minutes_left.max(1)))
            } else {
                audit::record(conn, ctx, entry(accounts.failed_action, json!({}))).await?;
                Ok(Attempt::Wrong)
            }
        }
        .scope_boxed()
    })
    .await
}
