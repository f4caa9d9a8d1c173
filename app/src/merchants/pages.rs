//! Merchant screens: the searchable list with a registration form, and the merchant page with
//! its record, agreement versions, portal users and API credentials.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server_fns::{
    load_merchant, search_merchants, AddAgreement, CreateApiKey, CreateMerchant,
    CreateMerchantUser, RevokeApiKey, UpdateMerchant,
};
use super::types::{country_code, MerchantDetail, MerchantStatus};
use crate::i18n::format::format_decimal;
use crate::i18n::{t, use_lang};
use crate::ui::components::{ActionError, CsrfField, LoadError};

fn field(
    name: &'static str,
    label: &'static str,
    value: String,
    kind: &'static str,
) -> impl IntoView {
    let id = format!("m-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <input id=id name=name type=kind value=value/>
        </div>
    }
}

fn choice(
    name: &'static str,
    label: &'static str,
    options: &'static [&'static str],
    chosen: String,
) -> impl IntoView {
    let id = format!("m-{name}");
    let opts = options
        .iter()
        .map(|o| view! { <option value=*o selected=chosen == *o>{*o}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <select id=id name=name>{opts}</select>
        </div>
    }
}

const COUNTRIES: &[&str] = &["SE", "NO", "FI", "DK", "DE"];
const CURRENCIES: &[&str] = &["SEK", "NOK", "DKK", "EUR"];

/// `/merchants`: search and register.
#[component]
pub fn MerchantsPage() -> impl IntoView {
    let query = use_query_map();
    let create = ServerAction::<CreateMerchant>::new();
    let list = Resource::new(
        move || {
            (
                query.get().get("q").unwrap_or_default(),
                create.version().get(),
            )
        },
        |(q, _)| search_merchants(Some(q)),
    );
    view! {
        <h1>{t("nav-merchants")}</h1>
        <form method="get" action="/merchants" class="filters">
            {field("q", "merchant-search", query.get_untracked().get("q").unwrap_or_default(), "search")}
            <button type="submit" class="btn btn-secondary">{t("filter")}</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || list.get().map(|r| match r {
                Ok(ms) if ms.is_empty() => view! { <p class="empty">{t("merchant-none")}</p> }.into_any(),
                Ok(ms) => {
                    let rows = ms.into_iter().map(|m| {
                        let href = format!("/merchants/{}", m.id);
                        let badge = if m.status == MerchantStatus::Active { "badge badge-ok" } else { "badge badge-warn" };
                        view! {
                            <tr>
                                <td><a href=href>{m.legal_name.clone()}</a></td>
                                <td>{m.org_nr.clone()}</td>
                                <td>{country_code(m.country)}</td>
                                <td>{m.currency.code()}</td>
                                <td><span class=badge>{m.status.as_str()}</span></td>
                            </tr>
                        }
                    }).collect_view();
                    view! {
                        <div class="table-wrap">
                            <table class="data" data-testid="merchants">
                                <thead><tr>
                                    <th>{t("merchant-name")}</th><th>{t("merchant-org-nr")}</th>
                                    <th>{t("merchant-country")}</th><th>{t("bk-currency")}</th><th>{t("bk-status")}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
        <section class="card">
            <h2>{t("merchant-register")}</h2>
            <ActionError result=Signal::derive(move || create.value().get())/>
            <ActionForm action=create attr:class="form" attr:id="create-merchant">
                <CsrfField/>
                {field("legal_name", "merchant-name", String::new(), "text")}
                {field("org_nr", "merchant-org-nr", String::new(), "text")}
                {choice("country", "merchant-country", COUNTRIES, "SE".into())}
                {choice("currency", "bk-currency", CURRENCIES, "SEK".into())}
                {field("contact_email", "field-email", String::new(), "email")}
                {field("contact_phone", "merchant-phone", String::new(), "tel")}
                <button type="submit" class="btn btn-primary">{t("merchant-register")}</button>
            </ActionForm>
        </section>
    }
}

/// `/merchants/:id`.
#[component]
pub fn MerchantPage() -> impl IntoView {
    let params = use_params_map();
    let update = ServerAction::<UpdateMerchant>::new();
    let agreement = ServerAction::<AddAgreement>::new();
    let key = ServerAction::<CreateApiKey>::new();
    let revoke = ServerAction::<RevokeApiKey>::new();
    let user = ServerAction::<CreateMerchantUser>::new();
    let data = Resource::new(
        move || {
            (
                params.get().get("id").unwrap_or_default(),
                update.version().get()
                    + agreement.version().get()
                    + key.version().get()
                    + revoke.version().get()
                    + user.version().get(),
            )
        },
        |(id, _)| load_merchant(id),
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(d) => view! { <MerchantView d update agreement key revoke user/> }.into_any(),
                Err(e) => view! { <h1>{t("nav-merchants")}</h1> <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn MerchantView(
    d: MerchantDetail,
    update: ServerAction<UpdateMerchant>,
    agreement: ServerAction<AddAgreement>,
    key: ServerAction<CreateApiKey>,
    revoke: ServerAction<RevokeApiKey>,
    user: ServerAction<CreateMerchantUser>,
) -> impl IntoView {
    let lang = use_lang();
    let m = d.merchant.clone();
    let id = m.id.to_string();
    let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id);
    let agreements = d
        .agreements
        .iter()
        .map(|a| {
            let terms = a.terms.clone();
            view! {
                <tr>
                    <td class="num">{a.version}</td>
                    <td>{a.valid_from.to_string()}</td>
                    <td class="num">{move || format_decimal(terms.invoice_fee, 2, lang.get())}</td>
                    <td class="num">{move || format!("{} %", format_decimal(terms.commission_percent, 2, lang.get()))}</td>
                    <td class="num">{move || format_decimal(terms.commission_fixed, 2, lang.get())}</td>
                    <td class="num">{a.terms.payment_terms_days}</td>
                    <td class="num">{a.terms.authorization_days}</td>
                    <td>{a.terms.settlement_schedule.as_str()}</td>
                    <td>{a.terms.payout_account.clone()}</td>
                    <td>{if a.terms.reminder_fees { "✓" } else { "–" }}</td>
                </tr>
            }
        })
        .collect_view();
    let users = d
        .users
        .iter()
        .map(|u| view! { <tr><td>{u.email.clone()}</td><td>{u.role.clone()}</td><td>{if u.active { "✓" } else { "–" }}</td></tr> })
        .collect_view();
    let keys = d
        .keys
        .iter()
        .map(|k| {
            let key_id = k.key_id.clone();
            let live = k.revoked_at.is_none();
            view! {
                <tr>
                    <td><code>{k.key_id.clone()}</code></td>
                    <td>{k.label.clone()}</td>
                    <td>{k.created_at.format("%Y-%m-%d %H:%M").to_string()}</td>
                    <td>{k.last_used_at.map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "–".into())}</td>
                    <td>{if live {
                        view! {
                            <ActionForm action=revoke>
                                <CsrfField/>
                                <input type="hidden" name="key_id" value=key_id/>
                                <button type="submit" class="btn btn-danger">{t("merchant-revoke")}</button>
                            </ActionForm>
                        }.into_any()
                    } else {
                        view! { <span class="badge badge-neutral">{t("merchant-revoked")}</span> }.into_any()
                    }}</td>
                </tr>
            }
        })
        .collect_view();
    let status = m.status.as_str().to_string();
    view! {
        <h1 data-testid="merchant-name">{m.legal_name.clone()}</h1>
        <div class="cards">
            <section class="card">
                <h2>{t("merchant-record")}</h2>
                <ActionError result=Signal::derive(move || update.value().get())/>
                <ActionForm action=update attr:class="form" attr:id="update-merchant">
                    <CsrfField/>
                    <input type="hidden" name="id" value=id1/>
                    {field("legal_name", "merchant-name", m.legal_name.clone(), "text")}
                    {field("org_nr", "merchant-org-nr", m.org_nr.clone(), "text")}
                    {choice("country", "merchant-country", COUNTRIES, country_code(m.country).to_string())}
                    {choice("currency", "bk-currency", CURRENCIES, m.currency.code().to_string())}
                    {field("contact_email", "field-email", m.contact_email.clone(), "email")}
                    {field("contact_phone", "merchant-phone", m.contact_phone.clone(), "tel")}
                    {choice("status", "bk-status", &["active", "suspended"], status)}
                    <button type="submit" class="btn btn-primary">{t("merchant-save")}</button>
                </ActionForm>
            </section>
            <section class="card">
                <h2>{t("merchant-new-agreement")}</h2>
                <p class="muted">{t("merchant-agreement-help")}</p>
                <ActionError result=Signal::derive(move || agreement.value().get())/>
                <ActionForm action=agreement attr:class="form" attr:id="add-agreement">
                    <CsrfField/>
                    <input type="hidden" name="id" value=id2/>
                    {field("valid_from", "merchant-valid-from", String::new(), "date")}
                    {field("invoice_fee", "merchant-invoice-fee", "29.00".into(), "text")}
                    {field("commission_percent", "merchant-commission-percent", "2.5".into(), "text")}
                    {field("commission_fixed", "merchant-commission-fixed", "0.00".into(), "text")}
                    {field("payment_terms_days", "merchant-terms-days", "14".into(), "number")}
                    {field("authorization_days", "merchant-auth-days", "28".into(), "number")}
                    {choice("settlement_schedule", "merchant-schedule", &["daily", "weekly", "monthly"], "weekly".into())}
                    {field("payout_account", "merchant-payout-account", String::new(), "text")}
                    <div class="field"><label><input type="checkbox" name="reminder_fees" value="on" checked/> " " {t("merchant-reminder-fees")}</label></div>
                    <button type="submit" class="btn btn-primary">{t("merchant-add-agreement")}</button>
                </ActionForm>
            </section>
        </div>
        <section class="card">
            <h2>{t("merchant-agreements")}</h2>
            <div class="table-wrap">
                <table class="data" data-testid="agreements">
                    <thead><tr>
                        <th class="num">{t("merchant-version")}</th><th>{t("merchant-valid-from")}</th>
                        <th class="num">{t("merchant-invoice-fee")}</th><th class="num">{t("merchant-commission-percent")}</th>
                        <th class="num">{t("merchant-commission-fixed")}</th><th class="num">{t("merchant-terms-days")}</th>
                        <th class="num">{t("merchant-auth-days")}</th><th>{t("merchant-schedule")}</th>
                        <th>{t("merchant-payout-account")}</th><th>{t("merchant-reminder-fees")}</th>
                    </tr></thead>
                    <tbody>{agreements}</tbody>
                </table>
            </div>
        </section>
        <div class="cards">
            <section class="card">
                <h2>{t("merchant-users")}</h2>
                <table class="data"><tbody>{users}</tbody></table>
                <ActionError result=Signal::derive(move || user.value().get())/>
                {move || user.value().get().and_then(|r| r.ok()).map(|(u, pw)| view! {
                    <div class="alert alert-success" role="status">{t("merchant-user-created")} " " {u.email} ": " <code data-testid="new-user-password">{pw}</code></div>
                })}
                <ActionForm action=user attr:class="form" attr:id="create-merchant-user">
                    <CsrfField/>
                    <input type="hidden" name="id" value=id3/>
                    {field("email", "field-email", String::new(), "email")}
                    {choice("role", "field-role", &["owner", "staff"], "owner".into())}
                    <button type="submit" class="btn btn-secondary">{t("merchant-add-user")}</button>
                </ActionForm>
            </section>
            <section class="card">
                <h2>{t("merchant-keys")}</h2>
                <table class="data" data-testid="api-keys"><tbody>{keys}</tbody></table>
                <ActionError result=Signal::derive(move || key.value().get())/>
                {move || key.value().get().and_then(|r| r.ok()).map(|(k, s)| view! {
                    <div class="alert alert-success" role="status">
                        {t("merchant-key-created")} <br/> <code>{k}</code> <br/> <code data-testid="new-key-secret">{s}</code>
                    </div>
                })}
                <ActionForm action=key attr:class="form" attr:id="create-api-key">
                    <CsrfField/>
                    <input type="hidden" name="id" value=id4/>
                    {field("label", "merchant-key-label", String::new(), "text")}
                    <button type="submit" class="btn btn-secondary">{t("merchant-create-key")}</button>
                </ActionForm>
            </section>
        </div>
    }
}
