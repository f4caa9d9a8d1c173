//! One journal entry: its lines, the business object, and its reversal (or the entry it
//! reverses); finance staff can reverse it with a reason.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{cell, BookkeepingNav, EntryText};
use crate::i18n::format::format_date;
use crate::i18n::{t, tr, use_lang, Lang};
use crate::ledger::events::LedgerEvent;
use crate::ledger::server_fns::{load_entry, ReverseEntry};
use crate::ledger::views::{EntryLineView, EntrySummary};
use crate::ui::components::{ActionError, CsrfField, LoadError};

/// `/bookkeeping/entries/:id`.
#[component]
pub fn EntryPage() -> impl IntoView {
    let params = use_params_map();
    let reverse = ServerAction::<ReverseEntry>::new();
    let data = Resource::new(
        move || {
            (
                params
                    .get()
                    .get("id")
                    .and_then(|v| v.parse::<i64>().ok())
                    .unwrap_or_default(),
                reverse.version().get(),
            )
        },
        |(id, _)| load_entry(id),
    );
    view! {
        <h1>{t("nav-bookkeeping")}</h1>
        <BookkeepingNav/>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok((summary, lines)) => view! { <EntryDetail summary lines reverse/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn EntryDetail(
    summary: EntrySummary,
    lines: Vec<EntryLineView>,
    reverse: ServerAction<ReverseEntry>,
) -> impl IntoView {
    let lang = use_lang();
    let event = LedgerEvent::parse(&summary.event)
        .map(|e| e.message_id())
        .unwrap_or_else(|| summary.event.clone());
    let rows = lines
        .into_iter()
        .map(|l| {
            let (debit, credit) = if l.amount.is_sign_positive() { (l.amount, Default::default()) } else { (Default::default(), -l.amount) };
            let dims = [l.merchant_id.clone(), l.customer_id.clone(), l.invoice_id.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
            view! {
                <tr>
                    <td>{l.account}</td>
                    <td>{move || if lang.get() == Lang::Sv { l.name_sv.clone() } else { l.name_en.clone() }}</td>
                    <td>{l.currency.clone()}</td>
                    <td class="num">{move || cell(debit, lang.get())}</td>
                    <td class="num">{move || cell(credit, lang.get())}</td>
                    <td class="muted"><small>{dims}</small></td>
                </tr>
            }
        })
        .collect_view();
    let id = summary.id;
    let date = summary.business_date;
    let can_reverse = summary.reversed_by.is_none() && summary.reverses.is_none();
    view! {
        <section class="card">
            <h2 data-testid="entry-heading">{t("bk-entry")} " " {id}</h2>
            <dl class="kv">
                <dt>{t("field-date")}</dt><dd>{move || format_date(date, lang.get())}</dd>
                <dt>{t("bk-event")}</dt><dd>{move || tr(lang.get(), &event)}</dd>
                <dt>{t("bk-text")}</dt><dd><EntryText summary=summary.clone()/></dd>
                <dt>{t("bk-object")}</dt><dd>{summary.entity.clone().map(|(k, v)| format!("{k} {v}")).unwrap_or_else(|| "-".into())}</dd>
                <dt>{t("audit-actor")}</dt><dd>{summary.actor_label.clone()}</dd>
                {summary.reverses.map(|r| view! {
                    <dt>{t("bk-reverses")}</dt>
                    <dd><a href=format!("/bookkeeping/entries/{r}")>{r}</a> " — " {summary.reason.clone()}</dd>
                })}
                {summary.reversed_by.map(|r| view! {
                    <dt>{t("bk-reversed")}</dt>
                    <dd><a href=format!("/bookkeeping/entries/{r}") data-testid="reversed-by">{r}</a></dd>
                })}
            </dl>
            <div class="table-wrap">
                <table class="data">
                    <thead>
                        <tr>
                            <th>{t("bk-account")}</th>
                            <th>{t("field-name")}</th>
                            <th>{t("bk-currency")}</th>
                            <th class="num">{t("bk-debit")}</th>
                            <th class="num">{t("bk-credit")}</th>
                            <th>{t("bk-dimensions")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
        {can_reverse.then(|| view! {
            <section class="card">
                <h2>{t("bk-reverse")}</h2>
                <ActionError result=Signal::derive(move || reverse.value().get())/>
                <ActionForm action=reverse attr:class="form">
                    <CsrfField/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="field">
                        <label for="reason">{t("bk-reason")}</label>
                        <input id="reason" name="reason" type="text" required/>
                    </div>
                    <button type="submit" class="btn btn-danger">{t("bk-reverse-submit")}</button>
                </ActionForm>
            </section>
        })}
    }
}
