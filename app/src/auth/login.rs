//! Checking a staff login; the rate limits, the bounded password check and the recording of
//! attempts are [`super::throttle`]'s, shared with the merchant portal's login.

use std::net::IpAddr;

use super::staff::find_by_email;
use super::throttle::{self, LoginLimits, TooMany};
use super::StaffInfo;
use crate::kdb::{Actor, Ctx, Kdb, KdbError, ScopedFutureExt};

/// Why a login was refused.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown e-mail, wrong password or inactive user (not told apart, on purpose).
    #[error("wrong email or password")]
    WrongCredentials,
    /// Refused before any work (rate limit, delay after failures, hashing queue full); try
    /// again after this many seconds.
    #[error("too many attempts; try again in {0} s")]
    TooManyAttempts(u64),
    /// Database failure.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl From<TooMany> for LoginError {
    fn from(t: TooMany) -> Self {
        LoginError::TooManyAttempts(t.0)
    }
}

impl From<LoginError> for crate::error::AppError {
    fn from(e: LoginError) -> Self {
        use crate::error::AppError;
        match e {
            LoginError::WrongCredentials => AppError::WrongCredentials,
            LoginError::TooManyAttempts(seconds) => AppError::TooManyAttempts { seconds },
            LoginError::Db(e) => AppError::from(e),
        }
    }
}

/// Checks `email` / `clear` from client address `ip` and records the attempt. On success the
/// caller starts the session.
pub async fn login(
    kdb: &Kdb,
    limits: &LoginLimits,
    request_id: &str,
    ip: IpAddr,
    email: &str,
    clear: &str,
) -> Result<StaffInfo, LoginError> {
    limits.admit(email, ip)?;
    let row = kdb
        .read_primary(|conn| async move { find_by_email(conn, email).await }.scope_boxed())
        .await?;
    let matches = limits
        .verify(row.as_ref().map(|r| r.password_hash.clone()), clear)
        .await?;
    let Some(row) = row else {
        throttle::record_unknown(kdb, request_id, throttle::STAFF, email, ip).await?;
        limits.failed(email, ip);
        return Err(LoginError::WrongCredentials);
    };
    let info = row.info().filter(|_| row.active);
    let ok = matches && info.is_some();
    let ctx = Ctx {
        actor: Actor::Staff {
            id: row.id,
            email: row.email.clone(),
        },
        request_id: request_id.to_string(),
    };
    throttle::record_attempt(kdb, &ctx, throttle::STAFF, row.id, ok, ip).await?;
    match info {
        Some(info) if ok => {
            limits.succeeded(email, ip);
            Ok(info)
        }
        _ => {
            limits.failed(email, ip);
            Err(LoginError::WrongCredentials)
        }
    }
}
