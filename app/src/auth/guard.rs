//! Who is calling: the signed-in staff user, and the role check every server function does
//! before anything else.

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::staff::find_by_id;
use super::{keys, Role, StaffInfo};
use crate::error::AppError;
use crate::kdb::{Actor, Ctx, ScopedFutureExt};
use crate::request::{request_id, services, session};

/// What the session remembers about the signed-in user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionStaff {
    /// Staff user id.
    pub id: uuid::Uuid,
    /// Login time (Unix seconds, wall clock): sessions end `absolute_timeout` after it.
    pub login_at: i64,
}

/// Proof that the caller is a signed-in staff user with one of the required roles; mutating
/// services take it (or its [`Ctx`]) so they cannot be called without the check.
#[derive(Debug, Clone)]
pub struct StaffCap {
    /// The caller.
    pub staff: StaffInfo,
    /// Audit context: the caller as actor, this request's id.
    pub ctx: Ctx,
}

/// Wall-clock seconds, for session expiry only (infrastructure, not business time).
pub fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The signed-in staff user, or `Unauthorized`. Ends sessions past their absolute lifetime and
/// those of users deactivated since they logged in.
pub async fn current_staff() -> Result<StaffInfo, AppError> {
    let session = session().await?;
    current_staff_in(&session).await
}

/// [`current_staff`] for a session the caller already has.
pub async fn current_staff_in(session: &Session) -> Result<StaffInfo, AppError> {
    staff_for_session(session, &services()?).await
}

/// The staff user of `session`, for plain axum handlers (downloads) outside Leptos' context.
pub async fn staff_for_session(
    session: &Session,
    services: &crate::services::Services,
) -> Result<StaffInfo, AppError> {
    let internal = |_| AppError::Internal {
        correlation_id: request_id(),
    };
    let Some(who) = session
        .get::<SessionStaff>(keys::STAFF)
        .await
        .map_err(internal)?
    else {
        return Err(AppError::Unauthorized);
    };
    let absolute = i64::try_from(services.auth.absolute_timeout.as_secs()).unwrap_or(i64::MAX);
    if unix_now().saturating_sub(who.login_at) > absolute {
        session.flush().await.map_err(internal)?;
        return Err(AppError::Unauthorized);
    }
    let id = who.id;
    let row = services
        .kdb
        .read_primary(|conn| async move { find_by_id(conn, id).await }.scope_boxed())
        .await?;
    match row.filter(|r| r.active).and_then(|r| r.info()) {
        Some(info) => Ok(info),
        None => {
            session.flush().await.map_err(internal)?;
            Err(AppError::Unauthorized)
        }
    }
}

/// The caller, if signed in with one of `roles`; `Forbidden` (403) otherwise.
pub async fn require_role(roles: &[Role]) -> Result<StaffCap, AppError> {
    let staff = current_staff().await?;
    if !roles.contains(&staff.role) {
        tracing::warn!(staff = %staff.id, role = staff.role.as_str(), "role denied");
        return Err(AppError::Forbidden);
    }
    let ctx = Ctx {
        actor: Actor::Staff {
            id: staff.id,
            email: staff.email.clone(),
        },
        request_id: request_id(),
    };
    Ok(StaffCap { staff, ctx })
}

/// Any signed-in staff user.
pub async fn require_staff() -> Result<StaffCap, AppError> {
    require_role(&Role::ALL).await
}
