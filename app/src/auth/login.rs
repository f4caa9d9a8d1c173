//! Checking a staff login; the password check and the throttling (lock after
//! `max_failed_logins` wrong passwords in a row) are [`super::throttle`]'s, shared with the
//! merchant portal's login.

use super::staff::find_by_email;
use super::throttle::{self, Attempt};
use super::StaffInfo;
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

impl LoginError {
    /// The refusal of an attempt that was not `Ok`; `None` for a successful one.
    pub fn of(attempt: Attempt) -> Option<LoginError> {
        match attempt {
            Attempt::Ok => None,
            Attempt::Wrong => Some(LoginError::WrongCredentials),
            Attempt::Locked(minutes) => Some(LoginError::Locked(minutes)),
        }
    }
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
    let matches = throttle::verify(row.as_ref().map(|r| r.password_hash.clone()), clear).await;
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
    let attempt =
        throttle::record_attempt(kdb, settings, &ctx, throttle::STAFF, row.id, matches).await?;
    match LoginError::of(attempt) {
        None => Ok(info),
        Some(refused) => Err(refused),
    }
}
