//! Small components used on many pages.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{tr, tr_args, use_lang};
use crate::request::CsrfToken;

/// The hidden CSRF field every state-changing form carries.
#[component]
pub fn CsrfField() -> impl IntoView {
    let token = use_context::<CsrfToken>().map(|t| t.0).unwrap_or_default();
    view! { <input type="hidden" name="csrf_token" value=token/> }
}

/// The translated text of an error.
pub fn error_text(lang: crate::i18n::Lang, e: &AppError) -> String {
    match e {
        AppError::TooManyAttempts { seconds } => {
            tr_args(lang, e.code(), &[("seconds", seconds.to_string())])
        }
        AppError::Validation { field, .. } => {
            let field_name = tr(lang, &format!("field-{field}"));
            tr_args(lang, e.code(), &[("field", field_name)])
        }
        AppError::Unavailable { correlation_id } | AppError::Internal { correlation_id } => {
            tr_args(lang, e.code(), &[("id", correlation_id.clone())])
        }
        _ => tr(lang, e.code()),
    }
}

/// An error box for the result of a server action, shown only when it failed.
#[component]
pub fn ActionError<T>(result: Signal<Option<Result<T, AppError>>>) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let lang = use_lang();
    move || match result.get() {
        Some(Err(e)) => Some(
            view! { <div class="alert alert-error" role="alert">{error_text(lang.get(), &e)}</div> },
        ),
        _ => None,
    }
}

/// An error box for a failed page load.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    let lang = use_lang();
    view! { <div class="alert alert-error" role="alert">{move || error_text(lang.get(), &error)}</div> }
}

/// The message id of `code` under `prefix`: `cr-reason` + `CREDIT_LIMIT` →
/// `cr-reason-credit-limit`, `audit-action` + `order.release_remaining` →
/// `audit-action-order-release-remaining`.
pub fn code_message_id(prefix: &str, code: &str) -> String {
    format!(
        "{prefix}-{}",
        code.to_ascii_lowercase().replace(['.', '_'], "-")
    )
}

/// A stored code (a credit reason, an audit action) shown in words: its message under
/// `prefix` in the reader's language, the code itself kept in `data-code` and the tooltip for
/// staff who search by it. A code with no message (a reason a rule author made up) is shown
/// as written, marked as code.
#[component]
pub fn CodeLabel(
    /// The message family (`cr-reason`, `audit-action`).
    prefix: &'static str,
    /// The stored code.
    code: String,
) -> impl IntoView {
    let lang = use_lang();
    let id = code_message_id(prefix, &code);
    let known = tr(lang.get_untracked(), &id) != id;
    if known {
        view! { <span data-code=code.clone() title=code>{move || tr(lang.get(), &id)}</span> }
            .into_any()
    } else {
        let shown = code.clone();
        view! { <code data-code=code>{shown}</code> }.into_any()
    }
}
