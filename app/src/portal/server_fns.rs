//! Server functions for signing in and out of the portal and for the portal frame. Forms post
//! to these with or without JavaScript.

use leptos::prelude::*;

use super::PortalUser;
use crate::error::AppError;

/// Signs a merchant user in: on success the session id is rotated (defeats session fixation),
/// any staff sign-in in this browser is dropped (one session, one kind of user), and the
/// browser goes to the portal's home page.
#[server(prefix = "/api", endpoint = "portal_login")]
pub async fn portal_login(email: String, password: String) -> Result<(), AppError> {
    use super::guard::SessionMerchantUser;
    use super::login::login as check;
    use super::{keys, HOME_PATH};
    use crate::auth::guard::unix_now;
    use crate::request::with_status;
    use crate::request::{client_ip, request_id, services, session};

    let typed = email.clone();
    let result = async {
        if email.trim().is_empty() {
            return Err(AppError::invalid("email", "ERR_REQUIRED"));
        }
        if password.is_empty() {
            return Err(AppError::invalid("password", "ERR_REQUIRED"));
        }
        let services = services()?;
        let user = check(
            &services.kdb,
            &services.login_limits,
            &request_id(),
            client_ip(),
            &email,
            &password,
        )
        .await?;
        let session = session().await?;
        let internal = |_| AppError::Internal {
            correlation_id: request_id(),
        };
        crate::auth::session::begin(&session).await?;
        session
            .insert(
                keys::MERCHANT_USER,
                SessionMerchantUser {
                    id: user.id,
                    login_at: unix_now(),
                },
            )
            .await
            .map_err(internal)?;
        leptos_axum::redirect(HOME_PATH);
        Ok(())
    }
    .await;
    // The typed e-mail (never the password) comes back after a failed plain post.
    with_status(
        crate::ui::form::keep_on_error("portal-login", &[("email", typed.as_str())], result).await,
    )
}

/// Signs out: deletes the session row and goes to the portal's login page.
#[server(prefix = "/api", endpoint = "portal_logout")]
pub async fn portal_logout() -> Result<(), AppError> {
    use crate::request::{request_id, session};
    let session = session().await?;
    session.flush().await.map_err(|_| AppError::Internal {
        correlation_id: request_id(),
    })?;
    leptos_axum::redirect(super::LOGIN_PATH);
    Ok(())
}

/// The signed-in merchant user and their merchant, for the portal frame.
#[server(prefix = "/api", endpoint = "portal_me", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_portal_user() -> Result<PortalUser, AppError> {
    use crate::request::with_status;
    with_status(async { Ok(super::guard::require_merchant_user().await?.user) }.await)
}
