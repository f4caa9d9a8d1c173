//! The decision log: every credit decision, newest first, searchable by customer key, order
//! reference, outcome, reason and country (a plain GET form, so links can be shared).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{product_id, when, CreditNav, OutcomeBadge};
use crate::credit::policy::Outcome;
use crate::credit::rulesets::server_fns::search_decisions;
use crate::credit::rulesets::types::DecisionSummary;
use crate::i18n::t;
use crate::ui::components::LoadError;

/// Decisions per page (as the server returns them).
const PAGE: usize = 50;

fn param(q: &leptos_router::params::ParamsMap, name: &str) -> String {
    q.get(name).unwrap_or_default()
}

/// `/credit/decisions`.
#[component]
pub fn DecisionsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.get();
            (
                param(&q, "customer"),
                param(&q, "order"),
                param(&q, "outcome"),
                param(&q, "reason"),
                param(&q, "country"),
                q.get("before_id").and_then(|v| v.parse::<i64>().ok()),
            )
        },
        |(customer, order, outcome, reason, country, before)| {
            search_decisions(
                Some(customer),
                Some(order),
                Some(outcome),
                Some(reason),
                Some(country),
                before,
            )
        },
    );
    let q = query.get_untracked();
    let chosen = param(&q, "outcome");
    let outcomes = [
        (Outcome::Approve, "cr-outcome-approve"),
        (Outcome::Reject, "cr-outcome-reject"),
        (Outcome::Refer, "cr-outcome-refer"),
    ]
    .into_iter()
    .map(
        |(o, id)| view! { <option value=o.as_str() selected=chosen == o.as_str()>{t(id)}</option> },
    )
    .collect_view();
    let field = |name: &'static str, label: &'static str, value: String| {
        let id = format!("f-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{t(label)}</label>
                <input id=id name=name type="text" value=value/>
            </div>
        }
    };
    view! {
        <h1>{t("cr-title")}</h1>
        <CreditNav/>
        <form method="get" action="/credit/decisions" class="filters" id="decision-search">
            {field("customer", "cr-customer", param(&q, "customer"))}
            {field("order", "cr-order", param(&q, "order"))}
            <div class="field">
                <label for="f-outcome">{t("cr-outcome")}</label>
                <select id="f-outcome" name="outcome">
                    <option value="">{t("cr-all")}</option>
                    {outcomes}
                </select>
            </div>
            {field("reason", "cr-reason", param(&q, "reason"))}
            {field("country", "cr-country", param(&q, "country"))}
            <button type="submit" class="btn btn-secondary">{t("filter")}</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(rows) => view! { <DecisionTable rows query=query.get_untracked().to_query_string()/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn DecisionTable(rows: Vec<DecisionSummary>, query: String) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{t("cr-no-decisions")}</p> }.into_any();
    }
    let older = (rows.len() == PAGE).then(|| {
        let last = rows.last().map(|d| d.id).unwrap_or_default();
        let keep: String = query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("before_id="))
            .map(|p| format!("&{p}"))
            .collect();
        format!("/credit/decisions?before_id={last}{keep}")
    });
    let body = rows
        .into_iter()
        .map(|d| {
            view! {
                <tr>
                    <td class="num"><a href=format!("/credit/decisions/{}", d.id)>{d.id}</a></td>
                    <td>{when(d.business_time)}</td>
                    <td>{d.country.clone()}</td>
                    <td>{t(product_id(d.product))}</td>
                    <td>{d.merchant_id.clone()}</td>
                    <td>{d.customer_key.clone()}</td>
                    <td>{d.order_ref.clone()}</td>
                    <td><OutcomeBadge outcome=d.outcome/></td>
                    <td>{d.reason.clone()}</td>
                    <td><a href=format!("/credit/rulesets/{}", d.ruleset_id)>{format!("v{}", d.ruleset_version)}</a></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data" data-testid="decisions">
                <thead>
                    <tr>
                        <th class="num">{t("cr-decision")}</th>
                        <th>{t("cr-time")}</th>
                        <th>{t("cr-country")}</th>
                        <th>{t("cr-product")}</th>
                        <th>{t("cr-merchant")}</th>
                        <th>{t("cr-customer")}</th>
                        <th>{t("cr-order")}</th>
                        <th>{t("cr-outcome")}</th>
                        <th>{t("cr-reason")}</th>
                        <th>{t("cr-ruleset")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {older.map(|href| view! { <nav class="pagination"><a href=href>{t("older")}</a></nav> })}
    }
    .into_any()
}
