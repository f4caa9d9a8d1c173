//! Customer screens: search (masked ids) and the customer page (clear id, address history,
//! staff address edit).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server_fns::{load_customer, search_customers, AddAddress};
use crate::i18n::t;
use crate::ui::components::{ActionError, CsrfField, LoadError};

/// `/customers`.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(
        move || {
            (
                query.get().get("q").unwrap_or_default(),
                query.get().get("country").unwrap_or_default(),
            )
        },
        |(q, country)| async move {
            if q.trim().is_empty() {
                return None;
            }
            Some(search_customers(Some(q), Some(country)).await)
        },
    );
    let q0 = query.get_untracked().get("q").unwrap_or_default();
    view! {
        <h1>{t("nav-customers")}</h1>
        <form method="get" action="/customers" class="filters">
            <div class="field">
                <label for="c-q">{t("customer-search")}</label>
                <input id="c-q" name="q" type="search" value=q0/>
            </div>
            <div class="field">
                <label for="c-country">{t("merchant-country")}</label>
                <select id="c-country" name="country">
                    <option value="">{t("customer-by-name")}</option>
                    <option>"SE"</option><option>"NO"</option><option>"FI"</option><option>"DK"</option>
                </select>
            </div>
            <button type="submit" class="btn btn-secondary">{t("filter")}</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || list.get().map(|r| match r {
                None => view! { <p class="empty">{t("customer-search-help")}</p> }.into_any(),
                Some(Ok(cs)) if cs.is_empty() => view! { <p class="empty">{t("customer-none")}</p> }.into_any(),
                Some(Ok(cs)) => {
                    let rows = cs.into_iter().map(|c| view! {
                        <tr>
                            <td><a href=format!("/customers/{}", c.id)>{format!("{} {}", c.given_name, c.family_name)}</a></td>
                            <td>{c.country.clone()}</td>
                            <td><code>{c.national_id_masked.clone()}</code></td>
                            <td>{c.email.clone()}</td>
                        </tr>
                    }).collect_view();
                    view! { <div class="table-wrap"><table class="data" data-testid="customers"><tbody>{rows}</tbody></table></div> }.into_any()
                }
                Some(Err(e)) => view! { <LoadError error=e/> }.into_any(),
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
    view! {
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(d) => {
                    let id = d.summary.id.to_string();
                    let rows = d.addresses.iter().map(|a| view! {
                        <tr>
                            <td>{a.recorded_at.format("%Y-%m-%d %H:%M").to_string()}</td>
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
    }
}
