//! The ruleset list: every version per country and product with its status, and (admin) a
//! form to start a new draft.

use leptos::prelude::*;

use super::{product_id, when, when_opt, CreditNav, StatusBadge};
use crate::credit::rulesets::server_fns::{list_rulesets, CreateDraft};
use crate::credit::rulesets::types::{country_code, Product, RulesetSummary, COUNTRIES};
use crate::i18n::t;
use crate::ui::components::{ActionError, CsrfField, LoadError};

/// `/credit/rulesets`.
#[component]
pub fn RulesetsPage() -> impl IntoView {
    let create = ServerAction::<CreateDraft>::new();
    let data = Resource::new(move || create.version().get(), |_| list_rulesets());
    let countries = COUNTRIES
        .into_iter()
        .map(|c| view! { <option value=country_code(c)>{country_code(c)}</option> })
        .collect_view();
    let products = Product::ALL
        .into_iter()
        .map(|p| view! { <option value=p.as_str()>{t(product_id(p))}</option> })
        .collect_view();
    view! {
        <h1>{t("cr-title")}</h1>
        <CreditNav/>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(rows) => view! { <RulesetTable rows/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
        <section class="card">
            <h2>{t("cr-new-draft")}</h2>
            <p class="muted">{t("cr-new-draft-help")}</p>
            <ActionError result=Signal::derive(move || create.value().get())/>
            <ActionForm action=create attr:class="form" attr:id="new-draft">
                <CsrfField/>
                <div class="field"><label for="d-country">{t("cr-country")}</label><select id="d-country" name="country">{countries}</select></div>
                <div class="field"><label for="d-product">{t("cr-product")}</label><select id="d-product" name="product">{products}</select></div>
                <button type="submit" class="btn btn-primary" data-testid="create-draft">{t("cr-new-draft-submit")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn RulesetTable(rows: Vec<RulesetSummary>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{t("cr-no-rulesets")}</p> }.into_any();
    }
    let body = rows
        .into_iter()
        .map(|r| {
            let href = format!("/credit/rulesets/{}", r.id);
            let testid = format!("ruleset-{}-{}-{}", r.country, r.product.as_str(), r.version);
            view! {
                <tr data-testid=testid>
                    <td>{r.country.clone()}</td>
                    <td>{t(product_id(r.product))}</td>
                    <td class="num"><a href=href>{format!("v{}", r.version)}</a></td>
                    <td><StatusBadge status=r.status/></td>
                    <td class="muted">{r.created_by.clone()}</td>
                    <td>{when(r.created_at, &r.country)}</td>
                    <td>{when_opt(r.activated_at, &r.country)}</td>
                    <td>{when_opt(r.retired_at, &r.country)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data" data-testid="rulesets">
                <thead>
                    <tr>
                        <th>{t("cr-country")}</th>
                        <th>{t("cr-product")}</th>
                        <th class="num">{t("cr-version")}</th>
                        <th>{t("cr-status")}</th>
                        <th>{t("cr-created-by")}</th>
                        <th>{t("cr-created-at")}</th>
                        <th>{t("cr-activated-at")}</th>
                        <th>{t("cr-retired-at")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}
