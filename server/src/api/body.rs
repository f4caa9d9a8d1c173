//! Request bodies and the Idempotency-Key: JSON that does not parse is a 400 naming where it
//! broke, a string holding NUL or another control character is a 422 naming its path (see
//! `app::text`), for every body of every endpoint at once; the key is scoped to the merchant
//! and bound to a hash of the request.

use app::orders::error::{FieldProblem, OrderError};
use app::orders::idempotency::IdempotencyKey;
use axum::http::{HeaderMap, Method, Uri};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::auth::ApiCaller;
use super::error::ApiError;

/// The header name.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Parses `bytes` as JSON of `T`; an empty body is `{}` (writes without a body, e.g. cancel).
///
/// Whole-number floats (`-4571.0`, `1e3`), which JSON Schema counts as integers, become those
/// integers first, so what the OpenAPI document allows the server accepts. Then every text
/// field of the parsed request holding a control character is named (422 `CONTROL_CHARACTER`,
/// see `app::text`) — the fields the server reads, found by writing `T` back out, so unknown
/// properties (ignored, never stored) do not count, as the document's open objects promise.
pub fn json<T: DeserializeOwned + Serialize>(
    bytes: &[u8],
    request_id: &str,
) -> Result<T, ApiError> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    let malformed = |path: String, inner: serde_json::Error| {
        let message = if path == "." || path.is_empty() {
            format!("malformed JSON: {inner}")
        } else {
            format!("malformed JSON at {path}: {inner}")
        };
        ApiError::new(400, "BAD_REQUEST", message, request_id)
    };
    let mut value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| malformed(String::new(), e))?;
    whole_floats_to_integers(&mut value);
    let parsed: T = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        malformed(path, e.into_inner())
    })?;
    let read = serde_json::to_value(&parsed).map_err(|e| malformed(String::new(), e))?;
    let problems: Vec<FieldProblem> = app::text::json_problems(&read)
        .into_iter()
        .map(|(path, c)| {
            FieldProblem::new(&path, "CONTROL_CHARACTER", app::text::message(&path, c))
        })
        .collect();
    if !problems.is_empty() {
        return Err(ApiError::order(
            &OrderError::Validation(problems),
            request_id,
        ));
    }
    Ok(parsed)
}

/// Replaces every float with no fraction that fits an `i64` by that integer, at any depth.
fn whole_floats_to_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            let text = n.to_string();
            let exact = rust_decimal::Decimal::from_str_exact(&text)
                .or_else(|_| rust_decimal::Decimal::from_scientific(&text));
            if let Ok(d) = exact {
                if d.fract().is_zero() {
                    if let Some(i) = rust_decimal::prelude::ToPrimitive::to_i64(&d) {
                        *value = Value::from(i);
                    }
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_floats_to_integers),
        Value::Object(map) => map.values_mut().for_each(whole_floats_to_integers),
        _ => {}
    }
}

/// The request's Idempotency-Key, if sent: 1 to 255 visible ASCII characters.
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
    // Exactly the OpenAPI pattern `^[!-~]{1,255}$` (`contract::IDEMPOTENCY_KEY`): blanks are
    // refused, not trimmed, so a key means one thing.
    let key = value
        .to_str()
        .ok()
        .filter(|k| (1..=255).contains(&k.len()) && k.bytes().all(|b| (b'!'..=b'~').contains(&b)))
        .ok_or_else(|| {
            ApiError::new(
                400,
                "BAD_REQUEST",
                "Idempotency-Key must be 1 to 255 visible ASCII characters without blanks",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, serde::Serialize, Debug)]
    struct Amounts {
        a: i64,
        b: Vec<i64>,
        #[serde(default)]
        c: String,
    }

    #[test]
    fn whole_number_floats_are_integers_fractions_are_not() {
        let ok: Amounts = json(br#"{"a": -4571.0, "b": [1e3, 2.50e1, 7]}"#, "r").unwrap();
        assert_eq!((ok.a, ok.b), (-4571, vec![1000, 25, 7]));
        let err = json::<Amounts>(br#"{"a": 1.5, "b": []}"#, "r").unwrap_err();
        assert_eq!(err.code(), "BAD_REQUEST");
        let err = json::<Amounts>(br#"{"a": 1e300, "b": []}"#, "r").unwrap_err();
        assert_eq!(err.code(), "BAD_REQUEST");
    }

    #[test]
    fn control_characters_in_read_fields_are_named() {
        let err = json::<Amounts>(br#"{"a": 1, "b": [], "c": "x\u0000"}"#, "r").unwrap_err();
        assert_eq!(err.code(), "VALIDATION_ERROR");
        // An unknown property is ignored, whatever it holds.
        assert!(json::<Amounts>(br#"{"a": 1, "b": [], "d\u0000": "\u0000"}"#, "r").is_ok());
    }
}
