//! The bookkeeping screens: trial balance (with close and SIE download), chart of accounts,
//! journal browser, entry detail, account and merchant statements.

mod accounts;
mod entry;
mod journal;
mod statement;
mod trial_balance;

pub use accounts::AccountsPage;
pub use entry::EntryPage;
pub use journal::JournalPage;
pub use statement::StatementPage;
pub use trial_balance::TrialBalancePage;

use leptos::prelude::*;
use leptos_router::components::A;
use rust_decimal::Decimal;

use crate::i18n::format::format_decimal;
use crate::i18n::{t, Lang};

/// Tabs between the bookkeeping screens.
#[component]
pub fn BookkeepingNav() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label=t("nav-bookkeeping")>
            <A href="/bookkeeping" exact=true>{t("bk-trial-balance")}</A>
            <A href="/bookkeeping/journal">{t("bk-journal")}</A>
            <A href="/bookkeeping/statement">{t("bk-statement")}</A>
            <A href="/bookkeeping/accounts">{t("bk-accounts")}</A>
        </nav>
    }
}

/// An amount in a table cell, or empty for zero (so debit/credit columns read cleanly).
pub fn cell(amount: Decimal, lang: Lang) -> String {
    if amount.is_zero() {
        String::new()
    } else {
        format_decimal(amount, 2, lang)
    }
}

/// An amount always shown (balances).
pub fn amount(amount: Decimal, lang: Lang) -> String {
    format_decimal(amount, 2, lang)
}

/// A query parameter, or "".
pub fn param(q: &leptos_router::params::ParamsMap, name: &str) -> String {
    q.get(name).unwrap_or_default()
}

/// A text input for a GET filter form, prefilled from the query.
#[component]
pub fn FilterField(
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    let id = format!("f-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <input id=id name=name type=kind value=value/>
        </div>
    }
}
