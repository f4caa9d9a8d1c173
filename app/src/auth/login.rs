//! Checking a login: the one flow staff and merchant portal logins share ([`check_login`],
//! built on [`super::throttle`]'s limits, bounded password check and recording), and the staff
//! login on it (the portal's is `crate::portal::login`).

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

/// An account found by its login e-mail, as the shared check needs it.
#[derive(Debug)]
pub struct Account<T> {
    /// Its row id (in `accounts.table`).
    pub id: uuid::Uuid,
    /// Its argon2 hash.
    pub password_hash: String,
    /// The audit actor of its attempts.
    pub actor: Actor,
    /// What a successful login returns; `None` when the account may not sign in (inactive),
    /// which then answers exactly like a wrong password.
    pub signed_in: Option<T>,
}

/// The login check staff and merchant users share, so both answer alike in content and time:
/// the rate limits and the (e-mail, IP) delay, then `find` (not started before the limits
/// pass: no database work for a refused attempt), the bounded password check (against a dummy
/// hash for an unknown e-mail), the audited record of the attempt, and the delay bookkeeping.
#[expect(
    clippy::too_many_arguments,
    reason = "the attempt's parts, named at both call sites"
)]
pub async fn check_login<T>(
    kdb: &Kdb,
    limits: &LoginLimits,
    accounts: throttle::Accounts,
    request_id: &str,
    ip: IpAddr,
    email: &str,
    clear: &str,
    find: impl std::future::Future<Output = Result<Option<Account<T>>, KdbError>>,
) -> Result<T, LoginError> {
    limits.admit(email, ip)?;
    let account = find.await?;
    let matches = limits
        .verify(account.as_ref().map(|a| a.password_hash.clone()), clear)
        .await?;
    let Some(account) = account else {
        throttle::record_unknown(kdb, request_id, accounts, email, ip).await?;
        limits.failed(email, ip);
        return Err(LoginError::WrongCredentials);
    };
    let ok = matches && account.signed_in.is_some();
    let ctx = Ctx {
        actor: account.actor,
        request_id: request_id.to_string(),
    };
    throttle::record_attempt(kdb, &ctx, accounts, account.id, ok, ip).await?;
    match account.signed_in {
        Some(value) if ok => {
            limits.succeeded(email, ip);
            Ok(value)
        }
        _ => {
            limits.failed(email, ip);
            Err(LoginError::WrongCredentials)
        }
    }
}

/// Checks a staff login (see [`check_login`]); on success the caller starts the session.
pub async fn login(
    kdb: &Kdb,
    limits: &LoginLimits,
    request_id: &str,
    ip: IpAddr,
    email: &str,
    clear: &str,
) -> Result<StaffInfo, LoginError> {
    let find = async {
        let row = kdb
            .read_primary(|conn| async move { find_by_email(conn, email).await }.scope_boxed())
            .await?;
        Ok(row.map(|row| Account {
            id: row.id,
            password_hash: row.password_hash.clone(),
            actor: Actor::Staff {
                id: row.id,
                email: row.email.clone(),
            },
            signed_in: row.info().filter(|_| row.active),
        }))
    };
    check_login(
        kdb,
        limits,
        throttle::STAFF,
        request_id,
        ip,
        email,
        clear,
        find,
    )
    .await
}
