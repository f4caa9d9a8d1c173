//! The merchant's API credentials in the portal: list, create (secret shown once), revoke
//! (after a confirmation step: a post without `confirmed` only leads there). Every function
//! takes the merchant from the signed-in user's session; only owners change keys.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::merchants::ApiKeyInfo;
pub use crate::merchants::NewApiKey;

/// The id under which the create form parks a typed label after a failed plain post.
pub const CREATE_FORM: &str = "portal-create-key";

/// Longest label accepted (it is shown in tables and the audit log).
pub const MAX_LABEL_CHARS: usize = 100;

/// What the API keys page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeysView {
    /// The merchant's keys, newest first.
    pub keys: Vec<ApiKeyInfo>,
    /// Whether the caller may create and revoke keys (owners only).
    pub can_manage: bool,
    /// A key created by a plain form post (no JavaScript), handed over once (see
    /// `api_keys_handoff`: the session holds only a one-time pad, never the secret); with
    /// JavaScript the create action returns it directly instead.
    pub created: Option<NewApiKey>,
    /// The merchant's country, whose wall clock the key times are shown in.
    pub country: String,
}

/// The confirmation step of revoking key `key_id`.
pub fn revoke_path(key_id: &str) -> String {
    let key: String = key_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    format!("{}?revoke={key}", super::API_KEYS_PATH)
}

/// Trims a label and checks it is present and not too long.
pub fn parse_label(text: &str) -> Result<String, AppError> {
    let label = text.trim();
    if label.is_empty() {
        return Err(AppError::invalid("label", "ERR_REQUIRED"));
    }
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(AppError::invalid("label", "ERR_PORTAL_LABEL_TOO_LONG"));
    }
    Ok(label.to_string())
}

/// The caller's merchant's keys (any merchant user may look).
#[server(prefix = "/api", endpoint = "portal_api_keys", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_portal_api_keys() -> Result<ApiKeysView, AppError> {
    use super::api_keys_handoff as handoff;
    use super::guard::require_merchant_user;
    use super::PortalRole;
    use crate::kdb::ScopedFutureExt;
    use crate::request::with_status;
    use crate::request::{request_id, services, session};

    with_status(
        async {
            let cap = require_merchant_user().await?;
            let merchant_id = cap.merchant_id();
            // Read-your-write: the page right after a create or revoke must show it.
            let list = services()?
                .kdb
                .read_primary(|c| {
                    async move { crate::merchants::credentials::list(c, merchant_id).await }
                        .scope_boxed()
                })
                .await?;
            // The pad is taken out whatever happens next, so the secret is shown at most once.
            let pad = session()
                .await?
                .remove::<handoff::Pad>(handoff::SESSION_KEY)
                .await
                .map_err(|_| AppError::Internal {
                    correlation_id: request_id(),
                })?;
            let cipher = use_context::<http::request::Parts>().and_then(|p| {
                let header = p.headers.get(http::header::COOKIE)?.to_str().ok()?;
                handoff::from_cookie_header(header).map(str::to_string)
            });
            let created = pad
                .zip(cipher)
                .and_then(|(pad, cipher)| handoff::join(pad, &cipher))
                .filter(|n| list.iter().any(|k| k.key_id == n.key_id));
            Ok(ApiKeysView {
                keys: list,
                can_manage: cap.user.role == PortalRole::Owner,
                created,
                country: cap.user.country.clone(),
            })
        }
        .await,
    )
}

/// Creates a key for the caller's merchant (owners). Returns the secret to a hydrated page;
/// after a plain form post it reaches the page the browser is sent to split in a session pad
/// and a cookie (`api_keys_handoff`), never whole on the server.
#[server(prefix = "/api", endpoint = "portal_api_keys_create")]
pub async fn create_portal_api_key(label: String) -> Result<NewApiKey, AppError> {
    use super::api_keys_handoff as handoff;
    use super::guard::require_owner;
    use super::API_KEYS_PATH;
    use crate::kdb::ScopedFutureExt;
    use crate::merchants::credentials;
    use crate::merchants::store::to_app_error;
    use crate::request::with_status;
    use crate::request::{accepts_html, request_id, services, session};

    let typed = label.clone();
    let result = async {
        let cap = require_owner().await?;
        let label = parse_label(&label)?;
        let merchant_id = cap.merchant_id();
        let (key_id, secret) = credentials::generate();
        let (label_ref, key_ref, secret_ref, ctx) = (&label, &key_id, &secret, &cap.ctx);
        services()?
            .kdb
            .write(|c| {
                async move {
                    credentials::create(c, ctx, merchant_id, label_ref, key_ref, secret_ref).await
                }
                .scope_boxed()
            })
            .await
            .map_err(to_app_error)?;
        let new = NewApiKey {
            key_id,
            label,
            secret,
        };
        if accepts_html() {
            let internal = || AppError::Internal {
                correlation_id: request_id(),
            };
            let (pad, cipher) = handoff::split(&new);
            session()
                .await?
                .insert(handoff::SESSION_KEY, &pad)
                .await
                .map_err(|_| internal())?;
            let secure = services()?.ktime.env() == crate::ktime::AppEnv::Production;
            let cookie = http::HeaderValue::from_str(&handoff::set_cookie(&cipher, secure))
                .map_err(|_| internal())?;
            expect_context::<leptos_axum::ResponseOptions>()
                .append_header(http::header::SET_COOKIE, cookie);
            leptos_axum::redirect(API_KEYS_PATH);
        }
        Ok(new)
    }
    .await;
    with_status(
        crate::ui::form::keep_on_error(CREATE_FORM, &[("label", typed.as_str())], result).await,
    )
}

/// Revokes one of the caller's merchant's keys (owners), once confirmed: without `confirmed`
/// it only sends the browser to the confirmation step. Someone else's key is "not found",
/// exactly like a key that does not exist.
#[server(prefix = "/api", endpoint = "portal_api_keys_revoke")]
pub async fn revoke_portal_api_key(
    key_id: String,
    confirmed: Option<String>,
) -> Result<(), AppError> {
    use super::guard::require_owner;
    use super::API_KEYS_PATH;
    use crate::kdb::ScopedFutureExt;
    use crate::merchants::store::{to_app_error, MerchantError};
    use crate::request::services;
    use crate::request::with_status;

    with_status(
        async {
            let cap = require_owner().await?;
            let key_id = key_id.trim().to_string();
            if key_id.is_empty() {
                return Err(AppError::invalid("key_id", "ERR_REQUIRED"));
            }
            if !crate::ui::confirm::is_confirmed(confirmed.as_deref()) {
                leptos_axum::redirect(&revoke_path(&key_id));
                return Ok(());
            }
            let merchant_id = cap.merchant_id();
            let (key_ref, ctx) = (&key_id, &cap.ctx);
            services()?
                .kdb
                .write(|c| {
                    async move {
                        crate::merchants::credentials::revoke_for_merchant(
                            c,
                            ctx,
                            merchant_id,
                            key_ref,
                        )
                        .await
                    }
                    .scope_boxed()
                })
                .await
                .map_err(|e| match e {
                    MerchantError::NotFound => AppError::invalid("key_id", "ERR_NOT_FOUND"),
                    other => to_app_error(other),
                })?;
            crate::ui::flash::redirect_done(API_KEYS_PATH, "key-revoked");
            Ok(())
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_trimmed_required_and_bounded() {
        assert_eq!(parse_label("  shop  ").unwrap(), "shop");
        assert_eq!(parse_label("   ").unwrap_err().code(), "ERR_REQUIRED");
        let long = "å".repeat(MAX_LABEL_CHARS + 1);
        assert_eq!(
            parse_label(&long).unwrap_err().code(),
            "ERR_PORTAL_LABEL_TOO_LONG"
        );
        assert!(parse_label(&"å".repeat(MAX_LABEL_CHARS)).is_ok());
    }
}
