//! Server functions for signing in and out and choosing the language. Forms post to these
//! with or without JavaScript; each checks the caller before doing anything.

use leptos::prelude::*;

use super::StaffInfo;
use crate::error::AppError;
use crate::i18n::Lang;

/// Signs in; on success the session id is rotated, the user's language restored, and the
/// browser goes to the dashboard. Returns that language for the hydrated page.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<Lang, AppError> {
    use super::guard::{unix_now, SessionStaff};
    use super::keys;
    use super::login::login as check;
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
        let staff = check(
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
        super::session::begin(&session).await?;
        session
            .insert(
                keys::STAFF,
                SessionStaff {
                    id: staff.id,
                    login_at: unix_now(),
                },
            )
            .await
            .map_err(internal)?;
        session
            .insert(keys::LANG, staff.lang.code())
            .await
            .map_err(internal)?;
        leptos_axum::redirect("/");
        Ok(staff.lang)
    }
    .await;
    // The typed e-mail (never the password) comes back after a failed plain post.
    with_status(crate::ui::form::keep_on_error("login", &[("email", typed.as_str())], result).await)
}

/// Signs out: deletes the session row and goes to the login page.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::request::{request_id, session};
    let session = session().await?;
    session.flush().await.map_err(|_| AppError::Internal {
        correlation_id: request_id(),
    })?;
    leptos_axum::redirect("/login");
    Ok(())
}

/// Stores the UI language in the session and, when signed in, on the staff user.
#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<Lang, AppError> {
    use super::guard::current_staff_in;
    use super::keys;
    use crate::kdb::audit::{self, AuditEntry};
    use crate::kdb::{Actor, Ctx, KdbError, ScopedFutureExt};
    use crate::request::with_status;
    use crate::request::{request_id, services, session};
    use crate::schema::staff_users;
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;

    with_status(
        async {
            let Some(lang) = Lang::parse(&lang) else {
                return Err(AppError::invalid("lang", "ERR_UNKNOWN_LANGUAGE"));
            };
            let session = session().await?;
            session
                .insert(keys::LANG, lang.code())
                .await
                .map_err(|_| AppError::Internal {
                    correlation_id: request_id(),
                })?;
            if let Ok(staff) = current_staff_in(&session).await {
                let ctx = Ctx {
                    actor: Actor::Staff {
                        id: staff.id,
                        email: staff.email.clone(),
                    },
                    request_id: request_id(),
                };
                let (ctx, id) = (&ctx, staff.id);
                services()?
                    .kdb
                    .write(|conn| {
                        async move {
                            let before: String = staff_users::table
                                .find(id)
                                .select(staff_users::language)
                                .first(conn)
                                .await?;
                            diesel::update(staff_users::table.find(id))
                                .set(staff_users::language.eq(lang.code()))
                                .execute(conn)
                                .await?;
                            audit::record(
                                conn,
                                ctx,
                                AuditEntry {
                                    action: "staff.set_language",
                                    entity_type: "staff_user",
                                    entity_id: &id.to_string(),
                                    before: Some(serde_json::json!({"language": before})),
                                    after: Some(serde_json::json!({"language": lang.code()})),
                                },
                            )
                            .await?;
                            Ok::<_, KdbError>(())
                        }
                        .scope_boxed()
                    })
                    .await?;
            }
            Ok(lang)
        }
        .await,
    )
}

/// The signed-in staff user, or `None`.
#[server(prefix = "/api", endpoint = "whoami", input = leptos::server_fn::codec::GetUrl)]
pub async fn whoami() -> Result<Option<StaffInfo>, AppError> {
    match super::guard::current_staff().await {
        Ok(staff) => Ok(Some(staff)),
        Err(AppError::Unauthorized) => Ok(None),
        Err(e) => Err(e),
    }
}
