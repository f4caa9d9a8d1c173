//! The journal browser: entries filtered by period, event, account, merchant and customer.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{amount, param, BookkeepingNav, EntryText};
use crate::i18n::format::format_date;
use crate::i18n::{t, tr, use_lang};
use crate::ledger::events::LedgerEvent;
use crate::ledger::server_fns::load_journal;
use crate::ledger::views::{EntrySummary, JOURNAL_PAGE as PAGE};
use crate::ui::list::{
    loaded, Col, DataTable, FilterForm, FilterInput, FilterSelect, Label, Paging,
};

/// Newest first, 50 a page.
#[component]
pub fn JournalPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.get();
            (
                param(&q, "from"),
                param(&q, "to"),
                param(&q, "event"),
                param(&q, "account"),
                param(&q, "merchant"),
                param(&q, "customer"),
                q.get("before_id").and_then(|v| v.parse::<i64>().ok()),
            )
        },
        |(from, to, event, account, merchant, customer, before)| {
            load_journal(
                Some(from),
                Some(to),
                Some(event),
                Some(account),
                Some(merchant),
                Some(customer),
                before,
            )
        },
    );
    let events = LedgerEvent::ALL
        .into_iter()
        .map(|e| (e.code().to_string(), Label::msg(e.message_id())))
        .collect();
    view! {
        <h1>{t("nav-bookkeeping")}</h1>
        <BookkeepingNav/>
        <FilterForm action="/bookkeeping/journal">
            <FilterInput name="from" label="field-from" kind="date"/>
            <FilterInput name="to" label="field-to" kind="date"/>
            <FilterSelect name="event" label="bk-event" options=events all="bk-all"/>
            <FilterInput name="account" label="bk-account"/>
            <FilterInput name="merchant" label="bk-merchant"/>
            <FilterInput name="customer" label="bk-customer"/>
        </FilterForm>
        {loaded(data, |entries| view! { <JournalTable entries/> })}
    }
}

const COLS: &[Col] = &[
    Col::num("bk-entry"),
    Col::text("field-date"),
    Col::text("bk-event"),
    Col::text("bk-text"),
    Col::num("bk-amount"),
    Col::text("audit-actor"),
];

#[component]
fn JournalTable(entries: Vec<EntrySummary>) -> impl IntoView {
    let lang = use_lang();
    let paging = Paging::by_id(
        "before_id",
        entries.len(),
        PAGE,
        entries.last().map(|e| e.id),
    );
    let rows = entries
        .into_iter()
        .map(|e| {
            let href = format!("/bookkeeping/entries/{}", e.id);
            let event = LedgerEvent::parse(&e.event).map(|ev| ev.message_id()).unwrap_or_else(|| e.event.clone());
            let totals = e.totals.clone();
            let (date, reversed_by) = (e.business_date, e.reversed_by);
            view! {
                <tr>
                    <td class="num"><a href=href>{e.id}</a></td>
                    <td>{move || format_date(date, lang.get())}</td>
                    <td>{move || tr(lang.get(), &event)}</td>
                    <td><EntryText summary=e.clone()/>
                        {reversed_by.map(|r| view! { " " <span class="badge badge-warn">{t("bk-reversed")} " " {r}</span> })}
                    </td>
                    <td class="num">{move || totals.iter().map(|(c, d)| format!("{} {c}", amount(*d, lang.get()))).collect::<Vec<_>>().join(", ")}</td>
                    <td class="muted">{e.actor_label}</td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! { <DataTable cols=COLS rows testid="journal" empty="bk-no-entries" paging=Some(paging)/> }
}
