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

use super::types::{Product, RulesetStatus};
use crate::credit::policy::Outcome;
use crate::i18n::t;

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

/// An outcome badge.
#[component]
pub fn OutcomeBadge(outcome: Outcome) -> impl IntoView {
    let (class, id) = match outcome {
        Outcome::Approve => ("badge badge-ok", "cr-outcome-approve"),
        Outcome::Reject => ("badge badge-error", "cr-outcome-reject"),
        Outcome::Refer => ("badge badge-warn", "cr-outcome-refer"),
    };
    view! { <span class=class data-outcome=outcome.as_str()>{t(id)}</span> }
}

/// A business time as staff read it (UTC, to the minute).
pub fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// An optional business time, or a dash.
pub fn when_opt(at: Option<DateTime<Utc>>) -> String {
    at.map(when).unwrap_or_else(|| "-".into())
}
