//! Checking a merchant user's login, with the same throttling as staff logins: after
//! `max_failed_logins` wrong passwords in a row the account is locked for `lockout`.
//!
//! Lock times use the database server's clock, not Ktime: a security lock must not be lifted
//! by moving the business clock forward in a demo.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Integer, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::guard::actor;
use crate::auth::login::LoginError;
use crate::auth::password;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, Kdb, KdbError, ScopedFutureExt};
use crate::merchants::schema::merchant_users as mu;
use crate::services::AuthSettings;

diesel::define_sql_function! {
    /// SQL `lower()`: merchant user e-mails are unique case-insensitively.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// The columns a login needs.
#[derive(Debug, Clone, Queryable)]
struct Candidate {
    id: uuid::Uuid,
    email: String,
    password_hash: String,
    active: bool,
}

/// A merchant user whose password was right; the caller starts the session.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// Merchant user id.
    pub id: uuid::Uuid,
    /// Login e-mail as stored.
    pub email: String,
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
    FROM merchant_users WHERE id = $1";

/// The result of one attempt, decided inside the transaction (so the failure count is kept
/// even though the login is refused).
enum Outcome {
    Ok,
    Wrong,
    Locked(i64),
}

async fn find_by_email(conn: &mut Conn, email: &str) -> Result<Option<Candidate>, KdbError> {
    Ok(mu::table
        .filter(lower(mu::email).eq(lower(email.trim())))
        .select((mu::id, mu::email, mu::password_hash, mu::active))
        .first(conn)
        .await
        .optional()?)
}

/// Checks `email` / `clear` and records the attempt. Unknown e-mails cost one real argon2
/// verification too, so response time does not reveal which e-mails have logins.
pub async fn login(
    kdb: &Kdb,
    settings: &AuthSettings,
    request_id: &str,
    email: &str,
    clear: &str,
) -> Result<SignedIn, LoginError> {
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
    let ctx = Ctx {
        actor: actor(row.id, &row.email),
        request_id: request_id.to_string(),
    };
    match record_attempt(kdb, settings, &ctx, row.id, matches).await? {
        Outcome::Ok => Ok(SignedIn {
            id: row.id,
            email: row.email,
        }),
        Outcome::Wrong => Err(LoginError::WrongCredentials),
        Outcome::Locked(minutes) => Err(LoginError::Locked(minutes)),
    }
}

async fn record_attempt(
    kdb: &Kdb,
    settings: &AuthSettings,
    ctx: &Ctx,
    id: uuid::Uuid,
    matches: bool,
) -> Result<Outcome, KdbError> {
    let max = settings.max_failed_logins;
    let lockout_ms = i64::try_from(settings.lockout.as_millis()).unwrap_or(i64::MAX);
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
                    "UPDATE merchant_users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1",
                )
                .bind::<SqlUuid, _>(id)
                .execute(conn)
                .await?;
                audit::record(conn, ctx, entry("portal.login", id_text, json!({}))).await?;
                return Ok(Outcome::Ok);
            }
            diesel::sql_query(
                "UPDATE merchant_users SET \
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
                audit::record(conn, ctx, entry("portal.locked", id_text, json!({"minutes": lock.minutes_left}))).await?;
                Ok(Outcome::Locked(lock.minutes_left.max(1)))
            } else {
                audit::record(conn, ctx, entry("portal.login_failed", id_text, json!({}))).await?;
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
        entity_type: "merchant_user",
        entity_id: id,
        before: None,
        after: Some(after),
    }
}
