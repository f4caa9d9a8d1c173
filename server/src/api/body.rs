//! Request bodies and the Idempotency-Key: JSON that does not parse is a 400 naming where it
//! broke; the key is scoped to the merchant and bound to a hash of the request.

use app::orders::idempotency::IdempotencyKey;
use axum::http::{HeaderMap, Method, Uri};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::auth::ApiCaller;
use super::error::ApiError;

/// The header name.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Parses `bytes` as JSON of `T`; an empty body is `{}` (writes without a body, e.g. cancel).
pub fn json<T: DeserializeOwned>(bytes: &[u8], request_id: &str) -> Result<T, ApiError> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = if path == "." || path.is_empty() {
            format!("malformed JSON: {inner}")
        } else {
            format!("malformed JSON at {path}: {inner}")
        };
        ApiError::new(400, "BAD_REQUEST", message, request_id)
    })
}

/// The request's Idempotency-Key, if sent: at most 255 characters.
pub fn idempotency_key(
    caller: &ApiCaller,
    headers: &HeaderMap,
    method: &Method,
    uri: &Uri,
    bytes: &[u8],
) -> Result<Option<IdempotencyKey>, ApiError> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 255)
        .ok_or_else(|| {
            ApiError::new(
                400,
                "BAD_REQUEST",
                "Idempotency-Key must be 1 to 255 visible ASCII characters",
                &caller.request_id,
            )
        })?;
    let mut hash = Sha256::new();
    hash.update(method.as_str().as_bytes());
    hash.update(b" ");
    hash.update(uri.path().as_bytes());
    hash.update(b"\n");
    hash.update(bytes);
    let digest = hash.finalize();
    let request_hash = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(Some(IdempotencyKey {
        merchant_id: caller.merchant_id,
        key: key.to_string(),
        request_hash,
    }))
}

/// Parses a path id; a malformed one is "not found" like any unknown id.
pub fn path_id(text: &str, code: &str, request_id: &str) -> Result<uuid::Uuid, ApiError> {
    uuid::Uuid::parse_str(text)
        .map_err(|_| ApiError::new(404, code, format!("no such id {text:?}"), request_id))
}
