//! Trial balance of a period, the daily close (after a confirmation step, `?close=<date>`:
//! a closed date cannot be opened again), and the SIE 4 download.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{amount, cell, param, BookkeepingNav};
use crate::i18n::{t, use_lang};
use crate::ledger::server_fns::{load_trial_balance, CloseDay};
use crate::ledger::views::TrialBalance;
use crate::ui::components::{ActionError, CsrfField, LoadError};
use crate::ui::confirm::{ConfirmButtons, ConfirmStep};
use crate::ui::list::{FilterForm, FilterInput};

/// Opening, debit, credit, closing per account; totals per currency.
#[component]
pub fn TrialBalancePage() -> impl IntoView {
    let query = use_query_map();
    let close = ServerAction::<CloseDay>::new();
    let data = Resource::new(
        move || {
            (
                param(&query.get(), "from"),
                param(&query.get(), "to"),
                close.version().get(),
            )
        },
        |(from, to, _)| load_trial_balance(Some(from), Some(to)),
    );
    view! {
        <h1>{t("nav-bookkeeping")}</h1>
        <BookkeepingNav/>
        <FilterForm action="/bookkeeping">
            <FilterInput name="from" label="field-from" kind="date"/>
            <FilterInput name="to" label="field-to" kind="date"/>
        </FilterForm>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(tb) => view! { <TrialBalanceTable tb/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
        <section class="card">
            <h2>{t("bk-close")}</h2>
            <p class="muted">{t("bk-close-help")}</p>
            <ActionError result=Signal::derive(move || close.value().get())/>
            {move || {
                let date = param(&query.get(), "close");
                (!date.is_empty()).then(|| {
                    let lang = use_lang();
                    let shown = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                        .map(|d| crate::i18n::format::format_date(d, lang.get_untracked()))
                        .unwrap_or_else(|_| date.clone());
                    let facts = vec![("field-date", shown.into_any())];
                    view! {
                        <ConfirmStep title="bk-close-confirm-title" warning="bk-close-confirm-warning" facts>
                            <ActionForm action=close attr:class="form" attr:id="close-day-confirm">
                                <CsrfField/>
                                <input type="hidden" name="date" value=date.clone()/>
                                <ConfirmButtons confirm="bk-close-submit" back="/bookkeeping".to_string()/>
                            </ActionForm>
                        </ConfirmStep>
                    }
                })
            }}
            <ActionForm action=close attr:class="form-row">
                <CsrfField/>
                <div class="field">
                    <label for="close-date">{t("field-date")}</label>
                    <input id="close-date" name="date" type="date" required/>
                </div>
                <button type="submit" class="btn btn-primary">{t("bk-close-submit")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn TrialBalanceTable(tb: TrialBalance) -> impl IntoView {
    let lang = use_lang();
    let balanced = tb.balances();
    let (from, to) = (tb.from, tb.to);
    let rows = tb
        .rows
        .into_iter()
        .map(|r| {
            let href = format!("/bookkeeping/statement?account={}&currency={}&from={from}&to={to}", r.account, r.currency);
            view! {
                <tr>
                    <td><a href=href>{r.account}</a></td>
                    <td>{move || if lang.get() == crate::i18n::Lang::Sv { r.name_sv.clone() } else { r.name_en.clone() }}</td>
                    <td>{r.currency.clone()}</td>
                    <td class="num">{move || amount(r.opening, lang.get())}</td>
                    <td class="num">{move || cell(r.debit, lang.get())}</td>
                    <td class="num">{move || cell(r.credit, lang.get())}</td>
                    <td class="num">{move || amount(r.closing, lang.get())}</td>
                </tr>
            }
        })
        .collect_view();
    let totals = tb
        .totals
        .into_iter()
        .map(|(currency, o, d, c, cl)| {
            view! {
                <tr class="total">
                    <th colspan="2">{t("bk-total")}</th>
                    <th>{currency}</th>
                    <td class="num">{move || amount(o, lang.get())}</td>
                    <td class="num">{move || amount(d, lang.get())}</td>
                    <td class="num">{move || amount(c, lang.get())}</td>
                    <td class="num">{move || amount(cl, lang.get())}</td>
                </tr>
            }
        })
        .collect_view();
    let sie = format!("/bookkeeping/sie?from={from}&to={to}&currency=SEK");
    view! {
        <div class="page-header">
            <h2 data-testid="trial-balance-period">{from.to_string()} " – " {to.to_string()}</h2>
            <div>
                {if balanced {
                    view! { <span class="badge badge-ok" data-testid="tb-balanced">{t("bk-balanced")}</span> }.into_any()
                } else {
                    view! { <span class="badge badge-error" data-testid="tb-balanced">{t("bk-unbalanced")}</span> }.into_any()
                }}
                " "
                <a class="btn btn-secondary" href=sie data-testid="sie-download" download="">{t("bk-sie-download")}</a>
            </div>
        </div>
        <div class="table-wrap">
            <table class="data" data-testid="trial-balance">
                <thead>
                    <tr>
                        <th>{t("bk-account")}</th>
                        <th>{t("field-name")}</th>
                        <th>{t("bk-currency")}</th>
                        <th class="num">{t("bk-opening")}</th>
                        <th class="num">{t("bk-debit")}</th>
                        <th class="num">{t("bk-credit")}</th>
                        <th class="num">{t("bk-closing")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>{totals}</tfoot>
            </table>
        </div>
    }
}
