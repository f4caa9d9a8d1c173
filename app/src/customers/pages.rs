//! Customer screens: search (masked ids) and the customer page (clear id, address history,
//! staff address edit).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::server_fns::{
    last_customer_search, load_customer, load_customer_activity, AddAddress, SearchCustomers,
};
use crate::i18n::format::format_time_in;
use crate::i18n::{t, use_lang};
use crate::orders::staff::pages::{money, DecisionOutcome, InvoiceTable, OrderTable};
use crate::orders::staff::types::CustomerActivity;
use crate::ui::components::{ActionError, CodeLabel, CsrfField, LoadError};
use crate::ui::list::{Col, DataTable};

const COLS: &[Col] = &[
    Col::text("field-name"),
    Col::text("merchant-country"),
    Col::text("customer-national-id"),
    Col::text("field-email"),
];

/// `/customers`: the search form posts (a national id never goes into the URL); the page
/// shows the session's last search.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let search = ServerAction::<SearchCustomers>::new();
    let list = Resource::new(move || search.version().get(), |_| last_customer_search());
    view! {
        <h1>{t("nav-customers")}</h1>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || list.get().map(|r| {
                let (q0, country0) = match &r {
                    Ok(Some(s)) => (s.q.clone(), s.country.clone()),
                    _ => (String::new(), String::new()),
                };
                let option = move |c: &'static str| {
                    let selected = country0 == c;
                    view! { <option selected=selected>{c}</option> }
                };
                let form = view! {
                    <ActionForm action=search attr:class="filters" attr:id="customer-search">
                        <CsrfField/>
                        <div class="field">
                            <label for="c-q">{t("customer-search")}</label>
                            <input id="c-q" name="q" type="search" value=q0 autocomplete="off"/>
                        </div>
                        <div class="field">
                            <label for="c-country">{t("merchant-country")}</label>
                            <select id="c-country" name="country">
                                <option value="">{t("customer-by-name")}</option>
                                {option("SE")}{option("NO")}{option("FI")}{option("DK")}
                            </select>
                        </div>
                        <button type="submit" class="btn btn-secondary">{t("filter")}</button>
                    </ActionForm>
                };
                let body = match r {
                    Ok(None) => view! { <p class="empty">{t("customer-search-help")}</p> }.into_any(),
                    Ok(Some(s)) => {
                        let rows = s.results.into_iter().map(|c| view! {
                            <tr>
                                <td><a href=format!("/customers/{}", c.id)>{format!("{} {}", c.given_name, c.family_name)}</a></td>
                                <td>{c.country.clone()}</td>
                                <td><code>{c.national_id_masked.clone()}</code></td>
                                <td>{c.email.clone()}</td>
                            </tr>
                        }.into_any()).collect();
                        view! { <DataTable cols=COLS rows testid="customers" empty="customer-none"/> }.into_any()
                    }
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                };
                view! { {form} {body} }
            })}
        </Suspense>
    }
}

/// `/customers/:id`.
#[component]
pub fn CustomerPage() -> impl IntoView {
    let params = use_params_map();
    let add = ServerAction::<AddAddress>::new();
    let data = Resource::new(
        move || {
            (
                params.get().get("id").unwrap_or_default(),
                add.version().get(),
            )
        },
        |(id, _)| load_customer(id),
    );
    let activity = Resource::new(
        move || params.get().get("id").unwrap_or_default(),
        load_customer_activity,
    );
    let lang = use_lang();
    view! {
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(d) => {
                    let id = d.summary.id.to_string();
                    let rows = d.addresses.iter().map(|a| view! {
                        <tr>
                            <td>{format_time_in(a.recorded_at, &a.address.country, lang.get_untracked())}</td>
                            <td>{format!("{} {}, {} {} ({})", a.address.care_of, a.address.street, a.address.postal_code, a.address.city, a.address.country)}</td>
                            <td>{a.source.as_str()}</td>
                            <td>{if a.verified { "✓" } else { "–" }}</td>
                            <td class="muted">{a.recorded_by.clone()}</td>
                        </tr>
                    }).collect_view();
                    view! {
                        <h1>{format!("{} {}", d.summary.given_name, d.summary.family_name)}</h1>
                        <section class="card">
                            <dl class="kv">
                                <dt>{t("customer-national-id")}</dt><dd data-testid="national-id"><code>{d.national_id.clone()}</code> " (" {d.summary.country.clone()} ")"</dd>
                                <dt>{t("customer-age")}</dt><dd>{d.age.map(|a| a.to_string()).unwrap_or_else(|| "–".into())}</dd>
                                <dt>{t("field-email")}</dt><dd>{d.summary.email.clone()}</dd>
                            </dl>
                        </section>
                        <section class="card">
                            <h2>{t("customer-addresses")}</h2>
                            <div class="table-wrap"><table class="data" data-testid="addresses"><tbody>{rows}</tbody></table></div>
                            <ActionError result=Signal::derive(move || add.value().get())/>
                            <ActionForm action=add attr:class="form" attr:id="add-address">
                                <CsrfField/>
                                <input type="hidden" name="id" value=id/>
                                <div class="field"><label for="a-street">{t("field-street")}</label><input id="a-street" name="street" required/></div>
                                <div class="field"><label for="a-postal">{t("field-postal_code")}</label><input id="a-postal" name="postal_code" required/></div>
                                <div class="field"><label for="a-city">{t("field-city")}</label><input id="a-city" name="city" required/></div>
                                <div class="field"><label for="a-country">{t("merchant-country")}</label><input id="a-country" name="country" value=d.summary.country.clone()/></div>
                                <button type="submit" class="btn btn-secondary">{t("customer-add-address")}</button>
                            </ActionForm>
                        </section>
                    }.into_any()
                }
                Err(e) => view! { <h1>{t("nav-customers")}</h1> <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || activity.get().map(|r| match r {
                Ok(a) => view! { <ActivitySections a/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The customer's exposure, orders, credit decisions and open invoices.
const DECISION_COLS: &[Col] = &[
    Col::num("cr-decision"),
    Col::text("cr-time"),
    Col::text("cr-outcome"),
    Col::text("cr-reason"),
    Col::text("cr-order"),
];

#[component]
fn ActivitySections(a: CustomerActivity) -> impl IntoView {
    let lang = use_lang();
    let x = a.exposure;
    let cur = x.currency.clone();
    let m = move |minor: i64| {
        let cur = cur.clone();
        move || money(minor, &cur, lang.get())
    };
    let decisions = a
        .decisions
        .into_iter()
        .map(|d| {
            let (at, country) = (d.business_time, d.country);
            view! {
                <tr>
                    <td class="num"><a href=format!("/credit/decisions/{}", d.id)>{d.id}</a></td>
                    <td>{move || format_time_in(at, &country, lang.get())}</td>
                    <td><DecisionOutcome outcome=d.outcome/></td>
                    <td><CodeLabel prefix="cr-reason" code=d.reason/></td>
                    <td>{d.order_ref}</td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <section class="card">
            <h2>{t("so-exposure")}</h2>
            <dl class="kv" data-testid="customer-exposure" data-minor=x.total>
                <dt>{t("so-open-authorized")}</dt><dd>{m(x.open_authorized)}</dd>
                <dt>{t("so-open-receivable")}</dt><dd>{m(x.open_receivable)}</dd>
                <dt>{t("so-exposure-total")}</dt><dd data-testid="exposure-total">{m(x.total)}</dd>
            </dl>
        </section>
        <section class="card" data-testid="customer-orders">
            <h2>{t("nav-orders")}</h2>
            <OrderTable rows=a.orders/>
        </section>
        <section class="card">
            <h2>{t("cr-decisions")}</h2>
            <DataTable cols=DECISION_COLS rows=decisions testid="customer-decisions" empty="cr-no-decisions"/>
        </section>
        <section class="card" data-testid="customer-invoices">
            <h2>{t("so-open-invoices")}</h2>
            <InvoiceTable rows=a.open_invoices/>
        </section>
    }
}
