//! Checking a staff login, with throttling: after `max_failed_logins` wrong passwords in a row
//! the account is locked for `lockout`.
//!
//! Lock times use the database server's clock, not Ktime: a security lock must not be lifted
//! by moving the business clock forward in a demo.

use diesel::sql_types::{BigInt, Bool, Integer, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::staff::{find_by_email, StaffRow};
use super::{password, StaffInfo};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Actor, Ctx, Kdb, KdbError, ScopedFutureExt};
use crate::services::AuthSettings;

/// Why a login was refused.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown e-mail, wrong password or inactive user (not told apart, on purpose).
    #[error("wrong email or password")]
    WrongCredentials,
    /// Too many failures; locked for this many more minutes.
    #[error("locked for {0} minutes")]
    Locked(i64),
    /// Database failure.
    #[error(transparent)]
    Db(#[from] KdbError),
}

#[derive(diesel::QueryableByName)]
struct LockState {
    #[diesel(sql_type = Bool)]
    locked: bool,
    #[diesel(sql_type = BigInt)]
    minutes_left: i64,
}

const LOCK_STATE_SQL: &str = "SELECT coalesce(locked_until > now(), false) AS locked, \
    coalesce(ceil(extract(epoch FROM (locked_until - now())) / 60), 0)::bigint AS minutes_left \
    FROM staff_users WHERE id = $1";

/// The result of one attempt, decided inside the transaction (so the failure count is kept
/// even though the login is refused).
enum Outcome {
    Ok,
    Wrong,
    Locked(i64),
}

/// Checks `email` / `clear` and records the attempt. On success the caller starts the session.
pub async fn login(
    kdb: &Kdb,
    settings: &AuthSettings,
    request_id: &str,
    email: &str,
    clear: &str,
) -> Result<StaffInfo, LoginError> {
    let row = kdb
        .read_primary(|conn| async move { find_by_email(conn, email).await }.scope_boxed())
        .await?;
    let hash = row.as_ref().map_or_else(
        || password::dummy_hash().to_string(),
        |r| r.password_hash.clone(),
    );
    let clear_owned = clear.to_string();
    let matches = tokio::task::spawn_blocking(move || password::verify(&clear_owned, &hash))
        .await
        .unwrap_or(false);
    let Some(row) = row.filter(|r| r.active) else {
        return Err(LoginError::WrongCredentials);
    };
    let info = row.info().ok_or(LoginError::WrongCredentials)?;
    let ctx = Ctx {
        actor: Actor::Staff {
            id: row.id,
            email: row.email.clone(),
        },
        request_id: request_id.to_string(),
    };
    let outcome = record_attempt(kdb, settings, &ctx, &row, matches).await?;
    match outcome {
        Outcome::Ok => Ok(info),
        Outcome::Wrong => Err(LoginError::WrongCredentials),
        Outcome::Locked(minutes) => Err(LoginError::Locked(minutes)),
    }
}

async fn record_attempt(
    kdb: &Kdb,
    settings: &AuthSettings,
    ctx: &Ctx,
    row: &StaffRow,
    matches: bool,
) -> Result<Outcome, KdbError> {
    let max = settings.max_failed_logins;
    let lockout_ms = i64::try_from(settings.lockout.as_millis()).unwrap_or(i64::MAX);
    let id = row.id;
    let id_text = &id.to_string();
    kdb.write(|conn| {
        async move {
            let lock: LockState = diesel::sql_query(format!("{LOCK_STATE_SQL} FOR UPDATE"))
                .bind::<SqlUuid, _>(id)
                .get_result(conn)
                .await?;
            if lock.locked {
                return Ok(Outcome::Locked(lock.minutes_left.max(1)));
            }
            if matches {
                diesel::sql_query(
                    "UPDATE staff_users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1",
                )
                .bind::<SqlUuid, _>(id)
                .execute(conn)
                .await?;
                audit::record(conn, ctx, entry("staff.login", id_text, json!({}))).await?;
                return Ok(Outcome::Ok);
            }
            diesel::sql_query(
                "UPDATE staff_users SET \
                 locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + $3 * interval '1 millisecond' END, \
                 failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END \
                 WHERE id = $1",
            )
            .bind::<SqlUuid, _>(id)
            .bind::<Integer, _>(max)
            .bind::<BigInt, _>(lockout_ms)
            .execute(conn)
            .await?;
            let lock: LockState = diesel::sql_query(LOCK_STATE_SQL).bind::<SqlUuid, _>(id).get_result(conn).await?;
            if lock.locked {
                audit::record(conn, ctx, entry("staff.locked", id_text, json!({"minutes": lock.minutes_left}))).await?;
                Ok(Outcome::Locked(lock.minutes_left.max(1)))
            } else {
                audit::record(conn, ctx, entry("staff.login_failed", id_text, json!({}))).await?;
                Ok(Outcome::Wrong)
            }
        }
        .scope_boxed()
    })
    .await
}

fn entry<'a>(action: &'a str, id: &'a str, after: serde_json::Value) -> AuditEntry<'a> {
    AuditEntry {
        action,
        entity_type: "staff_user",
        entity_id: id,
        before: None,
        after: Some(after),
    }
}
