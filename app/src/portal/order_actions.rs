//! The portal's order actions: capture, refund, cancel and release the rest. Each is a server
//! function a plain `<form method="post">` can call; it works on the signed-in user's merchant
//! only, calls the same order services as the REST API (with the merchant user as the audit
//! actor), and sends the browser back to the order page — with the error in the URL when it
//! failed, which the page shows translated.
//!
//! Cancel and release cannot be undone: their buttons lead to a confirmation step on the order
//! page (`?confirm=cancel`, `?confirm=release`, see `ui::confirm`), and a post without
//! `confirmed=1` only sends the browser there. Each action that worked lands on the order
//! page with its success message (`?done=…`, `ui::flash`); a capture or refund that failed
//! without JavaScript keeps the typed amount and reference (`ui::form`).
//!
//! Every form carries a one-time token (`form_token`, fresh each time the order page loads)
//! that becomes the action's Idempotency-Key: a form sent twice — a double click without
//! JavaScript, a resent POST after a lost answer — does the work once; the second send
//! replays the first and lands on the order page like it.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{tr, tr_args, Lang};

/// The order page of `id`.
pub fn order_path(id: &str) -> String {
    format!("{}/orders/{id}", crate::portal::HOME_PATH)
}

/// The confirmation step of `action` (`cancel`, `release`) on the order page of `id`.
pub fn confirm_path(id: &str, action: &str) -> String {
    format!("{}?confirm={action}", order_path(id))
}

/// The id under which the capture and refund forms park what was typed (`ui::form`).
pub fn typed_form_id(action: &str) -> &'static str {
    match action {
        "refund" => "portal-refund",
        _ => "portal-capture",
    }
}

/// The field names of a `VALIDATION_ERROR`, as the page lists them (comma-separated).
pub fn validation_fields(field: &str) -> Vec<&str> {
    field
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect()
}

/// The translated name of a form or API field (`portal-order-field-<name>`); a field without
/// a message (a nested order-line path) is shown as it is.
fn field_name(lang: Lang, field: &str) -> String {
    let id = format!("portal-order-field-{field}");
    let name = tr(lang, &id);
    if name == id {
        field.to_string()
    } else {
        name
    }
}

/// An order action's error in words: order errors by their code (a validation error with the
/// fields it names), the rest as everywhere else.
pub fn order_error_text(lang: Lang, e: &AppError) -> String {
    match e {
        AppError::Validation { field, code } if code == "VALIDATION_ERROR" => {
            let fields = validation_fields(field)
                .into_iter()
                .map(|f| field_name(lang, f))
                .collect::<Vec<_>>()
                .join(", ");
            tr_args(lang, code, &[("fields", fields)])
        }
        AppError::Validation { field, code } => {
            tr_args(lang, code, &[("field", field_name(lang, field))])
        }
        other => crate::ui::components::error_text(lang, other),
    }
}

/// The error code (and Fluent id) of a form whose one-time token is missing, malformed or was
/// used before for other content.
pub const FORM_TOKEN_ERROR: &str = "ERR_PORTAL_FORM_TOKEN";

/// The error code (and Fluent id) of an action whose COMMIT may or may not have taken effect.
pub const COMMIT_UNCERTAIN: &str = "COMMIT_UNCERTAIN";

#[cfg(feature = "ssr")]
pub(crate) mod imp {
    //! Server-side helpers of the order pages.

    use super::{COMMIT_UNCERTAIN, FORM_TOKEN_ERROR};
    use crate::error::AppError;
    use crate::orders::error::OrderError;
    use crate::request::request_id;

    /// An order id from the URL or a form; anything else is "not found" (as another
    /// merchant's order is).
    pub fn order_id_of(text: &str) -> Result<uuid::Uuid, AppError> {
        uuid::Uuid::parse_str(text.trim()).map_err(|_| AppError::Refused {
            code: "ORDER_NOT_FOUND".into(),
        })
    }

    /// An order service's answer as a server function error: the stable code is the Fluent
    /// message id; a validation error carries its field names; no database text leaves.
    pub fn to_app_error(e: OrderError) -> AppError {
        match e {
            OrderError::Validation(problems) => {
                let mut fields: Vec<String> = Vec::new();
                for p in problems {
                    if !fields.contains(&p.field) {
                        fields.push(p.field);
                    }
                }
                AppError::Validation {
                    field: fields.join(","),
                    code: "VALIDATION_ERROR".into(),
                }
            }
            // The page reloads after an action, so the user sees whether it was done.
            OrderError::Db(crate::kdb::KdbError::CommitUncertain) => {
                tracing::error!(correlation_id = %request_id(), "portal action: commit uncertain");
                AppError::Refused {
                    code: COMMIT_UNCERTAIN.into(),
                }
            }
            OrderError::Db(e) => AppError::from(e),
            // A form's token used before for other content: an old page's form.
            OrderError::IdempotencyKeyReused => AppError::Refused {
                code: FORM_TOKEN_ERROR.into(),
            },
            OrderError::Internal(message) => {
                let correlation_id = request_id();
                tracing::error!(%correlation_id, %message, "order service failure");
                AppError::Internal { correlation_id }
            }
            other => AppError::Refused {
                code: other.code().to_string(),
            },
        }
    }

    /// Minor units of an amount typed in the user's language (`125,00` in Swedish, `125.00`
    /// in English) in the order's currency.
    pub fn minor_units(
        text: &str,
        currency: &str,
        lang: crate::i18n::Lang,
    ) -> Result<i64, AppError> {
        let invalid = || AppError::invalid("amount", "ERR_PORTAL_ORDER_AMOUNT");
        if text.trim().is_empty() {
            return Err(AppError::invalid("amount", "ERR_REQUIRED"));
        }
        let currency = crate::money::Currency::parse(currency).ok_or_else(invalid)?;
        crate::money::Money::parse(text, currency, lang)
            .ok()
            .and_then(|m| m.to_minor().ok())
            .ok_or_else(invalid)
    }

    /// The currency of the caller's order `order_id` (not found for another merchant's).
    pub async fn currency_of(
        merchant_id: uuid::Uuid,
        order_id: uuid::Uuid,
    ) -> Result<String, AppError> {
        use crate::kdb::ScopedFutureExt;
        crate::request::services()?
            .kdb
            .read_primary(|c| {
                async move {
                    crate::orders::store::row(c, Some(merchant_id), order_id)
                        .await
                        .map(|r| r.purchase_currency)
                }
                .scope_boxed()
            })
            .await
            .map_err(to_app_error)
    }

    /// A checked order form: the signed-in merchant user, an order id of theirs, and the
    /// form's Idempotency-Key (see [`form_key`]).
    pub struct OrderForm {
        /// The caller.
        pub cap: crate::portal::guard::MerchantUserCap,
        /// The order.
        pub order_id: uuid::Uuid,
        /// The form's key.
        pub key: crate::orders::idempotency::IdempotencyKey,
    }

    /// Does what `form` asks with `work` (an order service call) and sends the browser back to
    /// the order page with the success flag `done`, or answers the service's error.
    pub async fn act<T>(
        done: &str,
        form: OrderForm,
        work: impl AsyncFnOnce(
            &crate::services::Services,
            &OrderForm,
        ) -> Result<T, crate::orders::error::OrderError>,
    ) -> Result<(), AppError> {
        let services = crate::request::services()?;
        work(&services, &form).await.map_err(to_app_error)?;
        crate::ui::flash::redirect_done(&super::order_path(&form.order_id.to_string()), done);
        Ok(())
    }

    /// The checks a form without fields (cancel, release) starts with; the key covers the
    /// order id.
    pub async fn order_form(
        action: &str,
        order_id: &str,
        form_token: &str,
    ) -> Result<OrderForm, AppError> {
        let cap = crate::portal::guard::require_merchant_user().await?;
        let order_id = order_id_of(order_id)?;
        let key = form_key(
            cap.merchant_id(),
            action,
            form_token,
            &[order_id.to_string().as_str()],
        )?;
        Ok(OrderForm { cap, order_id, key })
    }

    /// The checks every amount form (capture, refund) starts with: those of [`order_form`]
    /// and the typed amount in the order's currency's minor units; the key also covers the
    /// amount and the reference.
    pub async fn amount_form(
        action: &str,
        order_id: &str,
        amount: &str,
        reference: &str,
        form_token: &str,
    ) -> Result<(OrderForm, i64), AppError> {
        let cap = crate::portal::guard::require_merchant_user().await?;
        let order_id = order_id_of(order_id)?;
        let currency = currency_of(cap.merchant_id(), order_id).await?;
        let minor = minor_units(amount, &currency, cap.user.lang)?;
        let key = form_key(
            cap.merchant_id(),
            action,
            form_token,
            &[
                order_id.to_string().as_str(),
                minor.to_string().as_str(),
                reference.trim(),
            ],
        )?;
        Ok((OrderForm { cap, order_id, key }, minor))
    }

    /// The Idempotency-Key of a portal form: its one-time token (a UUID the order page made)
    /// scoped to the merchant and the action, with a hash of what the form asks, so the same
    /// token with other content (an old page's form edited and sent again) is refused.
    pub fn form_key(
        merchant_id: uuid::Uuid,
        action: &str,
        token: &str,
        content: &[&str],
    ) -> Result<crate::orders::idempotency::IdempotencyKey, AppError> {
        use sha2::{Digest, Sha256};
        let token = uuid::Uuid::parse_str(token.trim()).map_err(|_| AppError::Refused {
            code: FORM_TOKEN_ERROR.into(),
        })?;
        let mut hash = Sha256::new();
        hash.update(action.as_bytes());
        for part in content {
            // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
            hash.update(part.len().to_le_bytes());
            hash.update(part.as_bytes());
        }
        Ok(crate::orders::idempotency::IdempotencyKey {
            merchant_id,
            key: format!("portal:{action}:{token}"),
            request_hash: hash.finalize().iter().map(|b| format!("{b:02x}")).collect(),
        })
    }

    /// An optional text field: trimmed, `None` when empty.
    pub fn text(s: &str) -> Option<String> {
        Some(s.trim().to_string()).filter(|s| !s.is_empty())
    }
}

/// Captures `amount` (in major units, as the user's language writes it) of the caller's order,
/// creating its invoice; `reference` is the e-store's shipment reference.
#[server(prefix = "/api", endpoint = "portal_order_capture")]
pub async fn capture_portal_order(
    order_id: String,
    amount: String,
    reference: String,
    form_token: String,
) -> Result<(), AppError> {
    use self::imp::*;
    use crate::orders::capture::capture_order;
    use crate::orders::types::CaptureRequest;
    use crate::request::with_status;

    let done = async {
        let (form, minor) =
            amount_form("capture", &order_id, &amount, &reference, &form_token).await?;
        let req = CaptureRequest {
            captured_amount: Some(minor),
            reference: text(&reference),
            ..Default::default()
        };
        act("order-captured", form, async |services, f| {
            let m = f.cap.merchant_id();
            capture_order(services, &f.cap.ctx, m, f.order_id, &req, Some(&f.key)).await
        })
        .await
    }
    .await;
    let typed = [
        ("amount", amount.as_str()),
        ("reference", reference.as_str()),
    ];
    with_status(crate::ui::form::keep_on_error(typed_form_id("capture"), &typed, done).await)
}

/// Refunds `amount` (major units, the user's language) of the caller's order, against its
/// latest capture with room (the service picks it), creating a credit note.
#[server(prefix = "/api", endpoint = "portal_order_refund")]
pub async fn refund_portal_order(
    order_id: String,
    amount: String,
    reference: String,
    form_token: String,
) -> Result<(), AppError> {
    use self::imp::*;
    use crate::orders::refund::refund_order;
    use crate::orders::types::RefundRequest;
    use crate::request::with_status;

    let done = async {
        let (form, minor) =
            amount_form("refund", &order_id, &amount, &reference, &form_token).await?;
        let req = RefundRequest {
            refunded_amount: Some(minor),
            reference: text(&reference),
            ..Default::default()
        };
        act("order-refunded", form, async |services, f| {
            let m = f.cap.merchant_id();
            refund_order(services, &f.cap.ctx, m, f.order_id, &req, Some(&f.key)).await
        })
        .await
    }
    .await;
    let typed = [
        ("amount", amount.as_str()),
        ("reference", reference.as_str()),
    ];
    with_status(crate::ui::form::keep_on_error(typed_form_id("refund"), &typed, done).await)
}

/// Cancels the caller's order (only before anything is captured), once confirmed: without
/// `confirmed` it only sends the browser to the confirmation step.
#[server(prefix = "/api", endpoint = "portal_order_cancel")]
pub async fn cancel_portal_order(
    order_id: String,
    form_token: String,
    confirmed: Option<String>,
) -> Result<(), AppError> {
    use self::imp::*;
    use crate::orders::manage::cancel_order;
    use crate::request::with_status;

    with_status(
        async {
            let form = order_form("cancel", &order_id, &form_token).await?;
            if !crate::ui::confirm::is_confirmed(confirmed.as_deref()) {
                leptos_axum::redirect(&confirm_path(&form.order_id.to_string(), "cancel"));
                return Ok(());
            }
            act("order-cancelled", form, async |services, f| {
                let m = f.cap.merchant_id();
                cancel_order(services, &f.cap.ctx, m, f.order_id, Some(&f.key)).await
            })
            .await
        }
        .await,
    )
}

/// Releases what is left of the caller's order's authorization (nothing more can be
/// captured), once confirmed: without `confirmed` it only sends the browser to the
/// confirmation step.
#[server(prefix = "/api", endpoint = "portal_order_release")]
pub async fn release_portal_order(
    order_id: String,
    form_token: String,
    confirmed: Option<String>,
) -> Result<(), AppError> {
    use self::imp::*;
    use crate::orders::manage::release_remaining;
    use crate::request::with_status;

    with_status(
        async {
            let form = order_form("release", &order_id, &form_token).await?;
            if !crate::ui::confirm::is_confirmed(confirmed.as_deref()) {
                leptos_axum::redirect(&confirm_path(&form.order_id.to_string(), "release"));
                return Ok(());
            }
            act("order-released", form, async |services, f| {
                let m = f.cap.merchant_id();
                release_remaining(services, &f.cap.ctx, m, f.order_id, Some(&f.key)).await
            })
            .await
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_fields_are_listed_once_each() {
        assert_eq!(
            validation_fields("captured_amount, reference,"),
            vec!["captured_amount", "reference"]
        );
        assert!(validation_fields("").is_empty());
    }

    #[test]
    fn order_errors_read_in_both_languages() {
        let e = AppError::Refused {
            code: "CAPTURE_NOT_ALLOWED".into(),
        };
        assert_ne!(order_error_text(Lang::Sv, &e), "CAPTURE_NOT_ALLOWED");
        assert_ne!(
            order_error_text(Lang::En, &e),
            order_error_text(Lang::Sv, &e)
        );
        let v = AppError::Validation {
            field: "captured_amount,order_lines[0].total_amount".into(),
            code: "VALIDATION_ERROR".into(),
        };
        let text = order_error_text(Lang::En, &v);
        assert!(text.contains("order_lines[0].total_amount"), "{text}");
        assert!(!text.contains("portal-order-field"), "{text}");
    }

    #[test]
    fn the_order_path_is_under_the_portal() {
        assert_eq!(order_path("x"), "/portal/orders/x");
    }
}
