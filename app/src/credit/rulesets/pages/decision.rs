//! One credit decision: what was decided and why, the rules that fired and every fact the
//! decision was made on.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{customer_link, merchant_link, product_id, when, CreditNav, OutcomeBadge};
use crate::credit::rulesets::server_fns::load_decision;
use crate::credit::rulesets::types::DecisionDetail;
use crate::i18n::t;
use crate::ui::components::{CodeLabel, LoadError};

/// `/credit/decisions/:id`.
#[component]
pub fn DecisionPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params
                .get()
                .get("id")
                .and_then(|v| v.parse::<i64>().ok())
                .unwrap_or_default()
        },
        load_decision,
    );
    view! {
        <h1>{t("cr-title")}</h1>
        <CreditNav/>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(detail) => view! { <Detail detail/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Detail(detail: DecisionDetail) -> impl IntoView {
    let d = detail.summary;
    let fired = if detail.fired.is_empty() {
        view! { <p class="muted">{t("cr-none")}</p> }.into_any()
    } else {
        let items = detail
            .fired
            .into_iter()
            .map(|r| view! { <li><code>{r}</code></li> })
            .collect_view();
        view! { <ol data-testid="fired-rules">{items}</ol> }.into_any()
    };
    let facts = detail
        .facts
        .into_iter()
        .map(|(name, kind, value)| {
            view! { <tr><td><code>{name}</code></td><td class="muted">{kind}</td><td>{value}</td></tr> }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2 data-testid="decision-heading">{t("cr-decision")} " " {d.id} " " <OutcomeBadge outcome=d.outcome/></h2>
            <dl class="kv">
                <dt>{t("cr-time")}</dt><dd>{when(d.business_time, &d.country)}</dd>
                <dt>{t("cr-country")}</dt><dd>{d.country.clone()}</dd>
                <dt>{t("cr-product")}</dt><dd>{t(product_id(d.product))}</dd>
                <dt>{t("cr-merchant")}</dt><dd data-testid="decision-merchant">{merchant_link(&d)}</dd>
                <dt>{t("cr-customer")}</dt><dd data-testid="decision-customer">{customer_link(&d)}</dd>
                <dt>{t("cr-order")}</dt><dd>{d.order_ref.clone()}</dd>
                <dt>{t("cr-reason")}</dt><dd data-testid="decision-reason"><CodeLabel prefix="cr-reason" code=d.reason.clone()/></dd>
                <dt>{t("cr-decided-by")}</dt>
                <dd>{match detail.decided_by {
                    Some(rule) => view! { <code>{rule}</code> }.into_any(),
                    None => view! { <span class="muted">{t("cr-default-line")}</span> }.into_any(),
                }}</dd>
                <dt>{t("cr-ruleset")}</dt>
                <dd><a href=format!("/credit/rulesets/{}", d.ruleset_id)>{format!("v{}", d.ruleset_version)}</a></dd>
            </dl>
        </section>
        <section class="card">
            <h2>{t("cr-fired")}</h2>
            {fired}
        </section>
        <section class="card">
            <h2>{t("cr-facts")}</h2>
            <div class="table-wrap">
                <table class="data" data-testid="decision-facts">
                    <thead><tr><th>{t("cr-fact")}</th><th>{t("cr-type")}</th><th>{t("cr-value")}</th></tr></thead>
                    <tbody>{facts}</tbody>
                </table>
            </div>
        </section>
    }
}
