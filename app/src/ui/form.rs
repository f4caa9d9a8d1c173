//! Forms that keep what was typed when a plain (no-JavaScript) post fails. A failed post is
//! sent back to its page with the error in the address (the server-function machinery does
//! that), which would show the form empty again; so the server function also parks the
//! submitted values in the session ([`keep_on_error`], only for a plain post: a hydrated form
//! never lost them), and the page, seeing the error in its address, takes them back once
//! ([`use_typed`]) to fill the fields, each with its own error beside it ([`TextField`]).
//! The values stay on the server (nothing typed goes into a URL) and are removed when read.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::t;

/// What was typed into one form: (field name, value).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Typed(pub Vec<(String, String)>);

impl Typed {
    /// The value typed into `name`, if the form came back.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    /// The value typed into `name`, else `default`.
    pub fn or(&self, name: &str, default: impl Into<String>) -> String {
        self.get(name).unwrap_or_else(|| default.into())
    }
}

/// Whether a failed action's error is about field `name` (a validation error names one field
/// or several, comma-separated).
pub fn is_about(e: &AppError, name: &str) -> bool {
    match e {
        AppError::Validation { field, .. } => field.split(',').any(|f| f.trim() == name),
        _ => false,
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use serde::{Deserialize, Serialize};

    /// The session key of the parked values (one form at a time: the last failed post).
    pub const SESSION_KEY: &str = "typed_input";

    /// The parked values of form `form`.
    #[derive(Debug, Serialize, Deserialize)]
    pub struct Parked {
        pub form: String,
        pub values: Vec<(String, String)>,
    }
}

/// Passes `result` on; when it failed and came from a plain form post, first parks `values`
/// (never a password) in the session for the page the browser is sent back to. A post refused
/// by a rate limit parks nothing: such refusals must stay free of database work.
#[cfg(feature = "ssr")]
pub async fn keep_on_error<T>(
    form: &str,
    values: &[(&str, &str)],
    result: Result<T, AppError>,
) -> Result<T, AppError> {
    let throttled = matches!(result, Err(AppError::TooManyAttempts { .. }));
    if result.is_err() && !throttled && crate::request::accepts_html() {
        if let Ok(session) = crate::request::session().await {
            let parked = ssr::Parked {
                form: form.to_string(),
                values: values
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            };
            // Best effort: without it the form comes back empty, as it did before.
            let _ = session.insert(ssr::SESSION_KEY, parked).await;
        }
    }
    result
}

/// Takes (reads and removes) what was last typed into `form`, if that form's post failed.
#[server(prefix = "/api", endpoint = "typed_input", input = leptos::server_fn::codec::GetUrl)]
pub async fn take_typed(form: String) -> Result<Typed, AppError> {
    let session = crate::request::session().await?;
    let parked = session
        .get::<ssr::Parked>(ssr::SESSION_KEY)
        .await
        .ok()
        .flatten();
    match parked {
        Some(p) if p.form == form => {
            let _ = session.remove::<ssr::Parked>(ssr::SESSION_KEY).await;
            Ok(Typed(p.values))
        }
        _ => Ok(Typed::default()),
    }
}

/// What was typed into `form` before the failed post that brought the browser here (the
/// address carries the error), else nothing.
pub fn use_typed(form: &'static str) -> Resource<Typed> {
    let query = use_query_map();
    Resource::new(
        move || query.with(|q| q.get("__err").is_some()),
        move |failed| async move {
            if failed {
                take_typed(form.to_string()).await.unwrap_or_default()
            } else {
                Typed::default()
            }
        },
    )
}

/// A labelled input (id `id`) showing `value`, and under it `error` when there is one (then
/// marked `aria-invalid` and described by it).
#[component]
pub fn TextField(
    /// The field name.
    name: &'static str,
    /// The input's id.
    id: &'static str,
    /// The label's message id.
    label: &'static str,
    /// The value shown.
    value: String,
    /// The input type.
    #[prop(default = "text")]
    kind: &'static str,
    /// This field's error, in words.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// `inputmode`, e.g. `decimal`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// `maxlength`.
    #[prop(optional)]
    maxlength: Option<usize>,
    /// Whether the field must be filled.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    let invalid = move || error.get().is_some().then_some("true");
    view! {
        <div class=move || if error.get().is_some() { "field field-invalid" } else { "field" }>
            <label for=id>{t(label)}</label>
            <input id=id name=name type=kind value=value.clone() prop:value=value
                inputmode=inputmode maxlength=maxlength.map(|m| m.to_string()) required=required
                aria-invalid=invalid
                aria-describedby=move || error.get().is_some().then(|| described.clone())/>
            {move || error.get().map(|text| view! {
                <span class="field-error" id=error_id.clone() data-testid="field-error">{text}</span>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_validation_error_is_about_each_field_it_names() {
        let e = AppError::Validation {
            field: "amount, reference".into(),
            code: "VALIDATION_ERROR".into(),
        };
        assert!(is_about(&e, "amount") && is_about(&e, "reference"));
        assert!(!is_about(&e, "label"));
        assert!(!is_about(&AppError::Forbidden, "amount"));
    }

    #[test]
    fn typed_values_fall_back_to_the_default() {
        let typed = Typed(vec![("amount".into(), "12,50".into())]);
        assert_eq!(typed.or("amount", "0"), "12,50");
        assert_eq!(typed.or("reference", "x"), "x");
    }
}
