//! The decision log: every credit decision, newest first, searchable by customer key, order
//! reference, outcome, reason and country (a plain GET form, so links can be shared).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{customer_link, merchant_link, outcome_id, product_id, when, CreditNav, OutcomeBadge};
use crate::credit::policy::Outcome;
use crate::credit::rulesets::server_fns::search_decisions;
use crate::credit::rulesets::types::DecisionSummary;
use crate::i18n::t;
use crate::ui::components::CodeLabel;
use crate::ui::list::{
    loaded, param, Col, DataTable, FilterForm, FilterInput, FilterSelect, Label, Paging,
};

/// Decisions per page (as the server returns them).
const PAGE: usize = 50;

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
    let outcomes = [Outcome::Approve, Outcome::Reject, Outcome::Refer]
        .map(|o| (o.as_str().to_string(), Label::msg(outcome_id(o))))
        .to_vec();
    view! {
        <h1>{t("cr-title")}</h1>
        <CreditNav/>
        <FilterForm action="/credit/decisions" id="decision-search">
            <FilterInput name="customer" label="cr-customer"/>
            <FilterInput name="order" label="cr-order"/>
            <FilterSelect name="outcome" label="cr-outcome" options=outcomes/>
            <FilterInput name="reason" label="cr-reason"/>
            <FilterInput name="country" label="cr-country"/>
        </FilterForm>
        {loaded(data, |rows| view! { <DecisionTable rows/> })}
    }
}

const COLS: &[Col] = &[
    Col::num("cr-decision"),
    Col::text("cr-time"),
    Col::text("cr-country"),
    Col::text("cr-product"),
    Col::text("cr-merchant"),
    Col::text("cr-customer"),
    Col::text("cr-order"),
    Col::text("cr-outcome"),
    Col::text("cr-reason"),
    Col::text("cr-ruleset"),
];

#[component]
fn DecisionTable(rows: Vec<DecisionSummary>) -> impl IntoView {
    let paging = Paging::by_id("before_id", rows.len(), PAGE, rows.last().map(|d| d.id));
    let rows = rows
        .into_iter()
        .map(|d| {
            view! {
                <tr>
                    <td class="num"><a href=format!("/credit/decisions/{}", d.id)>{d.id}</a></td>
                    <td>{when(d.business_time, &d.country)}</td>
                    <td>{d.country.clone()}</td>
                    <td>{t(product_id(d.product))}</td>
                    <td>{merchant_link(&d)}</td>
                    <td>{customer_link(&d)}</td>
                    <td>{d.order_ref.clone()}</td>
                    <td><OutcomeBadge outcome=d.outcome/></td>
                    <td><CodeLabel prefix="cr-reason" code=d.reason.clone()/></td>
                    <td><a href=format!("/credit/rulesets/{}", d.ruleset_id)>{format!("v{}", d.ruleset_version)}</a></td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! { <DataTable cols=COLS rows testid="decisions" empty="cr-no-decisions" paging=Some(paging)/> }
}
