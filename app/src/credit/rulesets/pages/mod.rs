//! The credit screens: ruleset list, ruleset editor (validation, diff, backtest, activation)
//! and the decision log with its detail page.

mod decision;
mod decisions;
mod ruleset;
mod rulesets;

pub use decision::DecisionPage;
pub use decisions::DecisionsPage;
pub use ruleset::RulesetPage;
pub use rulesets::RulesetsPage;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

use super::types::{DecisionSummary, Product, RulesetStatus};
use crate::credit::policy::Outcome;
use crate::i18n::format::format_time_in;
use crate::i18n::{t, use_lang};

/// Tabs between the credit screens.
#[component]
pub fn CreditNav() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label=t("cr-title")>
            <A href="/credit/rulesets">{t("cr-rulesets")}</A>
            <A href="/credit/decisions">{t("cr-decisions")}</A>
            <A href="/credit/providers">{t("pv-nav")}</A>
        </nav>
    }
}

/// The message id of a product.
pub fn product_id(p: Product) -> &'static str {
    match p {
        Product::Invoice => "cr-product-invoice",
        Product::Installments => "cr-product-installments",
    }
}

/// A status badge.
#[component]
pub fn StatusBadge(status: RulesetStatus) -> impl IntoView {
    let (class, id) = match status {
        RulesetStatus::Draft => ("badge badge-warn", "cr-status-draft"),
        RulesetStatus::Active => ("badge badge-ok", "cr-status-active"),
        RulesetStatus::Retired => ("badge badge-neutral", "cr-status-retired"),
    };
    view! { <span class=class data-status=status.as_str()>{t(id)}</span> }
}

/// The message id of an outcome.
pub fn outcome_id(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Approve => "cr-outcome-approve",
        Outcome::Reject => "cr-outcome-reject",
        Outcome::Refer => "cr-outcome-refer",
    }
}

/// An outcome badge.
#[component]
pub fn OutcomeBadge(outcome: Outcome) -> impl IntoView {
    let class = match outcome {
        Outcome::Approve => "badge badge-ok",
        Outcome::Reject => "badge badge-error",
        Outcome::Refer => "badge badge-warn",
    };
    view! { <span class=class data-outcome=outcome.as_str()>{t(outcome_id(outcome))}</span> }
}

/// The merchant of a decision by name, linked to its page (the id shown only when the
/// merchant is not one of ours).
pub fn merchant_link(d: &DecisionSummary) -> impl IntoView {
    name_link("merchants", &d.merchant_id, d.merchant_name.clone())
}

/// The customer of a decision by name, linked to their page (the key shown only when it is no
/// customer id).
pub fn customer_link(d: &DecisionSummary) -> impl IntoView {
    name_link("customers", &d.customer_key, d.customer_name.clone())
}

fn name_link(area: &str, id: &str, name: Option<String>) -> AnyView {
    match name {
        Some(name) => view! { <a href=format!("/{area}/{id}")>{name}</a> }.into_any(),
        None => view! { <code>{id.to_string()}</code> }.into_any(),
    }
}

/// A business time as staff read it: the wall clock in `country` (ISO code), to the minute,
/// the date in the reader's format.
pub fn when(at: DateTime<Utc>, country: &str) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    let country = country.to_string();
    move || format_time_in(at, &country, lang.get())
}

/// An optional business time, or a dash.
pub fn when_opt(
    at: Option<DateTime<Utc>>,
    country: &str,
) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    let country = country.to_string();
    move || at.map_or_else(|| "-".into(), |at| format_time_in(at, &country, lang.get()))
}
