//! Checking a merchant user's login, with the same password check and throttling as staff
//! logins ([`crate::auth::throttle`]).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::guard::actor;
use std::net::IpAddr;

use crate::auth::login::{check_login, Account, LoginError};
use crate::auth::throttle::{self, LoginLimits};
use crate::kdb::{Conn, Kdb, KdbError, ScopedFutureExt};
use crate::merchants::schema::merchant_users as mu;

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

async fn find_by_email(conn: &mut Conn, email: &str) -> Result<Option<Candidate>, KdbError> {
    Ok(mu::table
        .filter(lower(mu::email).eq(lower(email.trim())))
        .select((mu::id, mu::email, mu::password_hash, mu::active))
        .first(conn)
        .await
        .optional()?)
}

/// Checks `email` / `clear` from client address `ip` and records the attempt, with the same
/// limits and the same answers as staff logins ([`check_login`]).
pub async fn login(
    kdb: &Kdb,
    limits: &LoginLimits,
    request_id: &str,
    ip: IpAddr,
    email: &str,
    clear: &str,
) -> Result<SignedIn, LoginError> {
    let find = async {
        let row = kdb
            .read_primary(|conn| async move { find_by_email(conn, email).await }.scope_boxed())
            .await?;
        Ok(row.map(|row| Account {
            id: row.id,
            actor: actor(row.id, &row.email),
            signed_in: row.active.then(|| SignedIn {
                id: row.id,
                email: row.email.clone(),
            }),
            password_hash: row.password_hash,
        }))
    };
    let accounts = throttle::MERCHANT_USERS;
    check_login(kdb, limits, accounts, request_id, ip, email, clear, find).await
}
