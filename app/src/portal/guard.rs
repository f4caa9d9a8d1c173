//! Who is calling the portal: the signed-in merchant user, and the role check every portal
//! server function does before anything else.
//!
//! The merchant a request may touch comes from here (the session), never from the request, so
//! a portal function cannot be pointed at another merchant's data.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::{keys, PortalRole, PortalUser};
use crate::auth::guard::unix_now;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::kdb::{Actor, Conn, Ctx, KdbError, ScopedFutureExt};
use crate::merchants::schema::{merchant_users as mu, merchants};
use crate::request::{request_id, services, session};

/// What the session remembers about the signed-in merchant user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionMerchantUser {
    /// Merchant user id.
    pub id: uuid::Uuid,
    /// Login time (Unix seconds, wall clock): sessions end `absolute_timeout` after it, as
    /// staff sessions do.
    pub login_at: i64,
}

/// Proof that the caller is a signed-in merchant user; portal services take it (or its
/// [`Ctx`] and [`MerchantUserCap::merchant_id`]) so they cannot run unchecked or unscoped.
#[derive(Debug, Clone)]
pub struct MerchantUserCap {
    /// The caller.
    pub user: PortalUser,
    /// Audit context: the merchant user as actor, this request's id.
    pub ctx: Ctx,
}

impl MerchantUserCap {
    /// The only merchant this caller may read or change.
    pub fn merchant_id(&self) -> uuid::Uuid {
        self.user.merchant_id
    }
}

/// The audit actor of a merchant user: `merchant-user:<uuid>`, labelled with the e-mail, so the
/// audit log tells portal users apart from API keys and staff.
pub fn actor(id: uuid::Uuid, email: &str) -> Actor {
    Actor::Merchant {
        id: format!("merchant-user:{id}"),
        label: email.to_string(),
    }
}

/// Whether a login at `login_at` is still within the absolute session lifetime.
pub fn within_lifetime(login_at: i64, absolute: std::time::Duration) -> bool {
    let absolute = i64::try_from(absolute.as_secs()).unwrap_or(i64::MAX);
    unix_now().saturating_sub(login_at) <= absolute
}

/// The signed-in merchant user, or `Unauthorized`.
pub async fn require_merchant_user() -> Result<MerchantUserCap, AppError> {
    let session = session().await?;
    let user = merchant_user_in(&session).await?;
    let ctx = Ctx {
        actor: actor(user.id, &user.email),
        request_id: request_id(),
    };
    Ok(MerchantUserCap { user, ctx })
}

/// The signed-in merchant user if they are an owner; `Forbidden` (403) for `staff` users.
pub async fn require_owner() -> Result<MerchantUserCap, AppError> {
    let cap = require_merchant_user().await?;
    if cap.user.role != PortalRole::Owner {
        tracing::warn!(merchant_user = %cap.user.id, "portal owner action denied");
        return Err(AppError::Forbidden);
    }
    Ok(cap)
}

/// The merchant user of `session`. Ends sessions past their absolute lifetime and those of
/// users deactivated (or whose role became unknown) since they logged in.
pub async fn merchant_user_in(session: &Session) -> Result<PortalUser, AppError> {
    merchant_user_for_session(session, &services()?).await
}

/// The merchant user of `session`, for plain axum handlers (uploads, downloads) outside
/// Leptos' context; the same checks as [`merchant_user_in`].
pub async fn merchant_user_for_session(
    session: &Session,
    services: &crate::services::Services,
) -> Result<PortalUser, AppError> {
    let internal = |_| AppError::Internal {
        correlation_id: request_id(),
    };
    let Some(who) = session
        .get::<SessionMerchantUser>(keys::MERCHANT_USER)
        .await
        .map_err(internal)?
    else {
        return Err(AppError::Unauthorized);
    };
    if !within_lifetime(who.login_at, services.auth.absolute_timeout) {
        session.flush().await.map_err(internal)?;
        return Err(AppError::Unauthorized);
    }
    let lang = session
        .get::<String>(crate::auth::keys::LANG)
        .await
        .map_err(internal)?
        .and_then(|code| Lang::parse(&code))
        .or_else(|| crate::request::extension::<crate::request::RequestLang>().map(|l| l.0))
        .unwrap_or_default();
    let id = who.id;
    let user = services
        .kdb
        .read_primary(|conn| async move { find_active(conn, id).await }.scope_boxed())
        .await?;
    match user {
        Some(mut user) => {
            user.lang = lang;
            Ok(user)
        }
        None => {
            session.flush().await.map_err(internal)?;
            Err(AppError::Unauthorized)
        }
    }
}

/// The active merchant user `id` with their merchant's name; `None` when missing, inactive or
/// with an unknown role. The language is left at the default for the caller to fill in.
pub async fn find_active(conn: &mut Conn, id: uuid::Uuid) -> Result<Option<PortalUser>, KdbError> {
    let row: Option<(uuid::Uuid, String, String, String, bool)> = mu::table
        .find(id)
        .select((
            mu::merchant_id,
            mu::email,
            mu::display_name,
            mu::role,
            mu::active,
        ))
        .first(conn)
        .await
        .optional()?;
    let Some((merchant_id, email, display_name, role, true)) = row else {
        return Ok(None);
    };
    let Some(role) = PortalRole::parse(&role) else {
        return Ok(None);
    };
    let (merchant_name, country): (String, String) = merchants::table
        .find(merchant_id)
        .select((merchants::legal_name, merchants::country))
        .first(conn)
        .await?;
    Ok(Some(PortalUser {
        id,
        merchant_id,
        merchant_name,
        country,
        role,
        email,
        display_name,
        lang: Lang::default(),
    }))
}
