//! Account statement with running balance; with a merchant it is the merchant statement
//! (account 2440: what Kreditor owes that e-store).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{amount, cell, BookkeepingNav};
use crate::i18n::{t, use_lang};
use crate::ledger::server_fns::load_statement;
use crate::ledger::views::Statement;
use crate::ui::components::LoadError;
use crate::ui::list::{param, FilterForm, FilterInput};

/// Filters: account, currency, period, merchant, customer.
#[component]
pub fn StatementPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.get();
            (
                param(&q, "account"),
                param(&q, "currency"),
                param(&q, "from"),
                param(&q, "to"),
                param(&q, "merchant"),
                param(&q, "customer"),
            )
        },
        |(account, currency, from, to, merchant, customer)| async move {
            if account.is_empty() {
                return None;
            }
            Some(
                load_statement(
                    account,
                    Some(currency),
                    Some(from),
                    Some(to),
                    Some(merchant),
                    Some(customer),
                )
                .await,
            )
        },
    );
    view! {
        <h1>{t("nav-bookkeeping")}</h1>
        <BookkeepingNav/>
        <FilterForm action="/bookkeeping/statement">
            <FilterInput name="account" label="bk-account"/>
            <FilterInput name="currency" label="bk-currency"/>
            <FilterInput name="from" label="field-from" kind="date"/>
            <FilterInput name="to" label="field-to" kind="date"/>
            <FilterInput name="merchant" label="bk-merchant"/>
            <FilterInput name="customer" label="bk-customer"/>
        </FilterForm>
        <p class="muted">{t("bk-merchant-help")}</p>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                None => view! { <p class="empty">{t("bk-choose-account")}</p> }.into_any(),
                Some(Ok(s)) => view! { <StatementTable s/> }.into_any(),
                Some(Err(e)) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn StatementTable(s: Statement) -> impl IntoView {
    let lang = use_lang();
    let (opening, closing) = (s.opening, s.closing);
    let rows = s
        .rows
        .into_iter()
        .map(|r| {
            let (debit, credit) = if r.amount.is_sign_positive() { (r.amount, Default::default()) } else { (Default::default(), -r.amount) };
            let href = format!("/bookkeeping/entries/{}", r.entry_id);
            let dims = [r.merchant_id.clone(), r.customer_id.clone(), r.invoice_id.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
            view! {
                <tr>
                    <td>{r.business_date.to_string()}</td>
                    <td><a href=href>{r.entry_id}</a></td>
                    <td>{r.description.clone()} <br/><span class="muted"><small>{dims}</small></span></td>
                    <td class="num">{move || cell(debit, lang.get())}</td>
                    <td class="num">{move || cell(credit, lang.get())}</td>
                    <td class="num">{move || amount(r.running, lang.get())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 data-testid="statement-heading">{t("bk-account")} " " {s.account} " · " {s.currency.clone()}</h2>
        {s.truncated.then(|| view! { <div class="alert alert-info">{t("bk-truncated")}</div> })}
        <div class="table-wrap">
            <table class="data" data-testid="statement">
                <thead>
                    <tr>
                        <th>{t("field-date")}</th>
                        <th>{t("bk-entry")}</th>
                        <th>{t("bk-text")}</th>
                        <th class="num">{t("bk-debit")}</th>
                        <th class="num">{t("bk-credit")}</th>
                        <th class="num">{t("bk-balance")}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <td colspan="5">{t("bk-opening")}</td>
                        <td class="num">{move || amount(opening, lang.get())}</td>
                    </tr>
                    {rows}
                </tbody>
                <tfoot>
                    <tr class="total">
                        <th colspan="5">{t("bk-closing")}</th>
                        <td class="num" data-testid="statement-closing">{move || amount(closing, lang.get())}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
