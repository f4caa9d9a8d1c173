//! The journal browser: entries filtered by period, event, account, merchant and customer.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{amount, param, BookkeepingNav, FilterField};
use crate::i18n::{t, tr, use_lang};
use crate::ledger::events::LedgerEvent;
use crate::ledger::server_fns::load_journal;
use crate::ledger::views::EntrySummary;
use crate::ui::components::LoadError;

/// Newest first, 50 a page.
#[component]
pub fn JournalPage() -> impl IntoView {
    let query = use_query_map();
    let lang = use_lang();
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
    let q = query.get_untracked();
    let chosen = param(&q, "event");
    let options = LedgerEvent::ALL
        .into_iter()
        .map(|e| {
            let selected = chosen == e.code();
            view! { <option value=e.code() selected=selected>{move || tr(lang.get(), &e.message_id())}</option> }
        })
        .collect_view();
    view! {
        <h1>{t("nav-bookkeeping")}</h1>
        <BookkeepingNav/>
        <form method="get" action="/bookkeeping/journal" class="filters">
            <FilterField name="from" label="field-from" kind="date" value=param(&q, "from")/>
            <FilterField name="to" label="field-to" kind="date" value=param(&q, "to")/>
            <div class="field">
                <label for="f-event">{t("bk-event")}</label>
                <select id="f-event" name="event">
                    <option value="">{t("bk-all")}</option>
                    {options}
                </select>
            </div>
            <FilterField name="account" label="bk-account" value=param(&q, "account")/>
            <FilterField name="merchant" label="bk-merchant" value=param(&q, "merchant")/>
            <FilterField name="customer" label="bk-customer" value=param(&q, "customer")/>
            <button type="submit" class="btn btn-secondary">{t("filter")}</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(entries) => view! { <JournalTable entries query=query.get_untracked().to_query_string()/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn JournalTable(entries: Vec<EntrySummary>, query: String) -> impl IntoView {
    let lang = use_lang();
    if entries.is_empty() {
        return view! { <p class="empty">{t("bk-no-entries")}</p> }.into_any();
    }
    let older = (entries.len() == 50).then(|| {
        let last = entries.last().map(|e| e.id).unwrap_or_default();
        let keep: String = query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("before_id="))
            .map(|p| format!("&{p}"))
            .collect();
        format!("/bookkeeping/journal?before_id={last}{keep}")
    });
    let rows = entries
        .into_iter()
        .map(|e| {
            let href = format!("/bookkeeping/entries/{}", e.id);
            let event = LedgerEvent::parse(&e.event).map(|ev| ev.message_id()).unwrap_or_else(|| e.event.clone());
            let totals = e.totals.clone();
            view! {
                <tr>
                    <td class="num"><a href=href>{e.id}</a></td>
                    <td>{e.business_date.to_string()}</td>
                    <td>{move || tr(lang.get(), &event)}</td>
                    <td>{e.description.clone()}
                        {e.reversed_by.map(|r| view! { " " <span class="badge badge-warn">{t("bk-reversed")} " " {r}</span> })}
                    </td>
                    <td class="num">{move || totals.iter().map(|(c, d)| format!("{} {c}", amount(*d, lang.get()))).collect::<Vec<_>>().join(", ")}</td>
                    <td class="muted">{e.actor_label.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data" data-testid="journal">
                <thead>
                    <tr>
                        <th class="num">{t("bk-entry")}</th>
                        <th>{t("field-date")}</th>
                        <th>{t("bk-event")}</th>
                        <th>{t("bk-text")}</th>
                        <th class="num">{t("bk-amount")}</th>
                        <th>{t("audit-actor")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {older.map(|href| view! { <nav class="pagination"><a href=href>{t("older")}</a></nav> })}
    }
    .into_any()
}
