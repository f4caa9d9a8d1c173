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
use crate::ledger::views::EntrySummary;

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

pub use crate::ui::list::param;

/// An entry's text as staff read it: an entry about one of our invoices names the invoice by
/// its number, linked to its page (the stored text cites its id, in English); any other entry
/// shows its stored text.
#[component]
pub fn EntryText(summary: EntrySummary) -> impl IntoView {
    match (summary.entity, summary.invoice_number) {
        (Some((kind, id)), Some(number)) if kind == "invoice" => view! {
            {t("so-invoice")} " " <a href=format!("/invoices/{id}") data-testid="entry-invoice">{number}</a>
        }
        .into_any(),
        _ => summary.description.into_any(),
    }
}
