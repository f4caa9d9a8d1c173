//! HTTP Basic with the merchant's API key id and secret. Everything after this is scoped to
//! the merchant the key belongs to.
//!
//! Work per caller is bounded before any database work: first a rate limit per client address
//! (so guessing keys costs the guesser time, not us a lookup per try), then a short memory of
//! failed credentials ([`super::bad_keys`]), then the lookup, then the per-merchant limit.

use app::kdb::{Ctx, ScopedFutureExt};
use app::request::RequestId;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use base64::Engine;

use super::error::ApiError;
use crate::state::AppState;

/// The authenticated caller of an API request.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    /// The merchant.
    pub merchant_id: uuid::Uuid,
    /// The key used (audit records name it, never the secret).
    pub key_id: String,
    /// Correlates the response, the logs and the audit log.
    pub request_id: String,
}

impl ApiCaller {
    /// The audit context of this request.
    pub fn ctx(&self) -> Ctx {
        Ctx {
            actor: app::kdb::Actor::Merchant {
                id: self.merchant_id.to_string(),
                label: format!("api key {}", self.key_id),
            },
            request_id: self.request_id.clone(),
        }
    }
}

/// The request id the observe middleware assigned.
pub fn request_id(parts: &Parts) -> String {
    parts
        .extensions
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

fn credentials(parts: &Parts) -> Option<(String, String)> {
    let header = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let encoded = header
        .strip_prefix("Basic ")
        .or_else(|| header.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let request_id = request_id(parts);
        // The peer address the listener saw (`main.rs` serves with connect info); in-process
        // callers without one are not limited by address.
        if let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() {
            if let Err(wait) = state.ip_limiter.check(&peer.ip()) {
                return Err(ApiError::rate_limited(&request_id, wait));
            }
        }
        let Some((key_id, secret)) = credentials(parts) else {
            return Err(ApiError::unauthorized(&request_id));
        };
        if state.bad_keys.known_bad(&key_id, &secret) {
            return Err(ApiError::unauthorized(&request_id));
        }
        let (key, pass) = (&key_id, &secret);
        let merchant = state
            .services
            .kdb
            .write(|conn| {
                async move { app::merchants::credentials::authenticate(conn, key, pass).await }
                    .scope_boxed()
            })
            .await
            .map_err(|e| ApiError::order(&e.into(), &request_id))?;
        let Some(merchant_id) = merchant else {
            state.bad_keys.remember(&key_id, &secret);
            return Err(ApiError::unauthorized(&request_id));
        };
        if let Err(wait) = state.rate_limiter.check(&merchant_id) {
            return Err(ApiError::rate_limited(&request_id, wait));
        }
        Ok(ApiCaller {
            merchant_id,
            key_id,
            request_id,
        })
    }
}
