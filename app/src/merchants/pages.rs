//! Merchant screens: the searchable list with a registration form, and the merchant page with
//! its record, agreement versions, portal users and API credentials.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server_fns::{
    load_merchant, preview_agreement, search_merchants, AddAgreement, CreateApiKey, CreateMerchant,
    CreateMerchantUser, RevokeApiKey, UpdateMerchant,
};
use super::types::{
    country_code, AgreementPreview, MerchantDetail, MerchantStatus, Terms, TERM_FIELDS,
};
use crate::error::AppError;
use crate::i18n::format::{format_date, format_decimal, format_time};
use crate::i18n::{t, tr, use_lang};
use crate::ui::components::{error_text, ActionError, CsrfField, LoadError};
use crate::ui::confirm::{ConfirmButtons, ConfirmStep};
use crate::ui::form::{use_typed, Typed};
use crate::ui::list::{loaded, Col, DataTable, FilterForm, FilterInput};

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

const LIST_COLS: &[Col] = &[
    Col::text("merchant-name"),
    Col::text("merchant-org-nr"),
    Col::text("merchant-country"),
    Col::text("bk-currency"),
    Col::text("bk-status"),
];

/// `/merchants`: search and register.
#[component]
pub fn MerchantsPage() -> impl IntoView {
    let query = use_query_map();
    let create = ServerAction::<CreateMerchant>::new();
    // What a failed registration (without JavaScript) had typed.
    let typed = use_typed("create-merchant");
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
        <FilterForm action="/merchants">
            <FilterInput name="q" label="merchant-search" kind="search"/>
        </FilterForm>
        {loaded(list, |ms| {
            let rows = ms.into_iter().map(|m| {
                let href = format!("/merchants/{}", m.id);
                let (badge, status) = match m.status {
                    MerchantStatus::Active => ("badge badge-ok", "merchant-status-active"),
                    MerchantStatus::Suspended => ("badge badge-warn", "merchant-status-suspended"),
                };
                view! {
                    <tr>
                        <td><a href=href>{m.legal_name.clone()}</a></td>
                        <td>{m.org_nr.clone()}</td>
                        <td>{country_code(m.country)}</td>
                        <td>{m.currency.code()}</td>
                        <td><span class=badge data-status=m.status.as_str()>{t(status)}</span></td>
                    </tr>
                }
                .into_any()
            }).collect();
            view! { <DataTable cols=LIST_COLS rows testid="merchants" empty="merchant-none"/> }
        })}
        <section class="card">
            <h2>{t("merchant-register")}</h2>
            <ActionError result=Signal::derive(move || create.value().get())/>
            <Suspense fallback=|| ()>
                {move || typed.get().map(|typed: Typed| view! {
                    <ActionForm action=create attr:class="form" attr:id="create-merchant">
                        <CsrfField/>
                        {field("legal_name", "merchant-name", typed.or("legal_name", ""), "text")}
                        {field("org_nr", "merchant-org-nr", typed.or("org_nr", ""), "text")}
                        {choice("country", "merchant-country", COUNTRIES, typed.or("country", "SE"))}
                        {choice("currency", "bk-currency", CURRENCIES, typed.or("currency", "SEK"))}
                        {field("contact_email", "field-email", typed.or("contact_email", ""), "email")}
                        {field("contact_phone", "merchant-phone", typed.or("contact_phone", ""), "tel")}
                        <button type="submit" class="btn btn-primary">{t("merchant-register")}</button>
                    </ActionForm>
                })}
            </Suspense>
        </section>
    }
}

/// `/merchants/:id`.
#[component]
pub fn MerchantPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
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
                Ok(d) => {
                    let revoking = query.with(|q| q.get("revoke"));
                    view! { <MerchantView d update agreement key revoke user revoking/> }.into_any()
                }
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
    /// The key whose revocation is being confirmed (`?revoke=`).
    revoking: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let page = format!("/merchants/{}", d.merchant.id);
    let confirm =
        revoking.map(|key_id| {
            let key = d
                .keys
                .iter()
                .find(|k| k.key_id == key_id && k.revoked_at.is_none())
                .cloned();
            let back = page.clone();
            match key {
            None => view! {
                <div class="alert alert-error" role="alert">{t("portal-key-not-revocable")}</div>
            }
            .into_any(),
            Some(k) => {
                let facts = vec![
                    ("merchant-name", d.merchant.legal_name.clone().into_any()),
                    ("portal-key-id", view! { <code>{k.key_id.clone()}</code> }.into_any()),
                    ("merchant-key-label", k.label.clone().into_any()),
                ];
                view! {
                    <ConfirmStep title="portal-key-revoke-title" warning="portal-key-revoke-warning"
                        facts testid="confirm-revoke">
                        <ActionForm action=revoke attr:class="form" attr:id="revoke-api-key">
                            <CsrfField/>
                            <input type="hidden" name="key_id" value=k.key_id.clone()/>
                            <ConfirmButtons confirm="portal-key-revoke-confirm" back/>
                        </ActionForm>
                    </ConfirmStep>
                }
                .into_any()
            }
        }
        });
    let m = d.merchant.clone();
    let id = m.id.to_string();
    let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id);
    let agreements = d
        .agreements
        .iter()
        .map(|a| {
            let terms = a.terms.clone();
            let valid_from = a.valid_from;
            view! {
                <tr>
                    <td class="num">{a.version}</td>
                    <td>{move || format_date(valid_from, lang.get())}</td>
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
        .map(|u| view! { <tr><td>{u.email.clone()}</td><td>{portal_role_label(&u.role)}</td><td>{if u.active { "✓" } else { "–" }}</td></tr> })
        .collect_view();
    let keys = d
        .keys
        .iter()
        .map(|k| {
            let href = format!("{page}?revoke={}", k.key_id);
            let live = k.revoked_at.is_none();
            // On the merchant's wall clock, like everything the merchant sees of the key.
            let (created, last_used, country) = (k.created_at, k.last_used_at, d.merchant.country);
            view! {
                <tr>
                    <td><code>{k.key_id.clone()}</code></td>
                    <td>{k.label.clone()}</td>
                    <td>{move || format_time(created, country, lang.get())}</td>
                    <td>{move || last_used.map_or_else(|| "–".into(), |at| format_time(at, country, lang.get()))}</td>
                    <td>{if live {
                        // The confirmation step first; nothing is revoked by this link.
                        view! {
                            <a href=href class="btn btn-danger" data-testid="revoke-link">{t("merchant-revoke")}</a>
                        }.into_any()
                    } else {
                        view! { <span class="badge badge-neutral">{t("merchant-revoked")}</span> }.into_any()
                    }}</td>
                </tr>
            }
        })
        .collect_view();
    let status = m.status.as_str().to_string();
    let prefill = prefill_from(d.agreements.first().map(|a| &a.terms));
    let _ = agreement;
    view! {
        <h1 data-testid="merchant-name">{m.legal_name.clone()}</h1>
        {confirm}
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
                // A GET to the review page: the diff is shown before anything is saved, with or
                // without JavaScript. Prefilled from the latest version, so changing one term
                // keeps the others.
                {view! { <AgreementFields action=format!("/merchants/{id2}/agreement") values=prefill/> }.into_any()}
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

/// The new-version form's starting values: the terms of `base` (the latest version), or the
/// usual defaults for a first agreement.
fn prefill_from(base: Option<&Terms>) -> Vec<(String, String)> {
    let values: Vec<(&str, String)> = match base {
        Some(b) => TERM_FIELDS.iter().map(|f| (*f, b.text(f))).collect(),
        None => vec![
            ("invoice_fee", "29.00".into()),
            ("commission_percent", "2.5".into()),
            ("commission_fixed", "0.00".into()),
            ("payment_terms_days", "14".into()),
            ("authorization_days", "28".into()),
            ("settlement_schedule", "weekly".into()),
            ("payout_account", String::new()),
            ("reminder_fees", "on".into()),
        ],
    };
    values
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .chain([("valid_from".to_string(), String::new())])
        .collect()
}

fn value_of(values: &[(String, String)], name: &str) -> String {
    values
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The agreement form (a GET to the review page), filled with `values`.
#[component]
fn AgreementFields(action: String, values: Vec<(String, String)>) -> impl IntoView {
    let v = |name: &str| value_of(&values, name);
    let reminder = v("reminder_fees") == "on";
    view! {
        <form method="get" action=action class="form" id="add-agreement">
            {field("valid_from", "merchant-valid-from", v("valid_from"), "date")}
            {field("invoice_fee", "merchant-invoice-fee", v("invoice_fee"), "text")}
            {field("commission_percent", "merchant-commission-percent", v("commission_percent"), "text")}
            {field("commission_fixed", "merchant-commission-fixed", v("commission_fixed"), "text")}
            {field("payment_terms_days", "merchant-terms-days", v("payment_terms_days"), "number")}
            {field("authorization_days", "merchant-auth-days", v("authorization_days"), "number")}
            {choice("settlement_schedule", "merchant-schedule", &["daily", "weekly", "monthly"], v("settlement_schedule"))}
            {field("payout_account", "merchant-payout-account", v("payout_account"), "text")}
            <div class="field"><label><input type="checkbox" name="reminder_fees" value="on" checked=reminder/> " " {t("merchant-reminder-fees")}</label></div>
            <button type="submit" class="btn btn-primary">{t("merchant-review-agreement")}</button>
        </form>
    }
}

/// A term's value as shown in the diff (numbers in the page's language).
fn shown(terms: &Terms, name: &str, lang: crate::i18n::Lang) -> String {
    match name {
        "invoice_fee" => format_decimal(terms.invoice_fee, 2, lang),
        "commission_fixed" => format_decimal(terms.commission_fixed, 2, lang),
        "commission_percent" => format!(
            "{} %",
            format_decimal(
                terms.commission_percent.normalize(),
                terms.commission_percent.normalize().scale(),
                lang
            )
        ),
        "reminder_fees" => if terms.reminder_fees { "✓" } else { "–" }.to_string(),
        other => terms.text(other),
    }
}

/// `/merchants/:id/agreement?…`: the new version checked against the latest one. Invalid
/// fields are all listed and the form shown again as typed; otherwise each term old → new,
/// and a confirm form that saves exactly what was reviewed.
#[component]
pub fn AgreementReviewPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let add = ServerAction::<AddAgreement>::new();
    let preview = Resource::new(
        move || (params.get().get("id").unwrap_or_default(), query.get()),
        |(id, q)| {
            let g = |k: &str| q.get(k).unwrap_or_default();
            preview_agreement(
                id,
                g("valid_from"),
                g("invoice_fee"),
                g("commission_percent"),
                g("commission_fixed"),
                g("payment_terms_days"),
                g("authorization_days"),
                g("settlement_schedule"),
                g("payout_account"),
                q.get("reminder_fees"),
            )
        },
    );
    view! {
        <h1>{t("merchant-review-title")}</h1>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || preview.get().map(|r| match r {
                Ok(p) if query.get().get("edit").is_some() => {
                    let action = format!("/merchants/{}/agreement", p.merchant.id);
                    view! {
                        <section class="card">
                            <AgreementFields action values=p.input.clone()/>
                        </section>
                    }.into_any()
                }
                Ok(p) => view! { <AgreementReview p add/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn AgreementReview(p: AgreementPreview, add: ServerAction<AddAgreement>) -> impl IntoView {
    let lang = use_lang();
    let id = p.merchant.id.to_string();
    let back = format!("/merchants/{id}");
    let heading = view! { <p><a href=back.clone()>{p.merchant.legal_name.clone()}</a></p> };
    let Some((valid_from, new)) = p.proposed.clone() else {
        let problems = p
            .problems
            .iter()
            .map(|(field, code)| {
                let e = AppError::Validation {
                    field: field.clone(),
                    code: code.clone(),
                };
                view! { <li data-field=field.clone()>{move || error_text(lang.get(), &e)}</li> }
            })
            .collect_view();
        return view! {
            {heading}
            <div class="alert alert-error" role="alert" data-testid="agreement-problems">
                <p>{t("merchant-fix-fields")}</p>
                <ul>{problems}</ul>
            </div>
            <section class="card">
                <AgreementFields action=format!("/merchants/{id}/agreement") values=p.input.clone()/>
            </section>
        }
        .into_any();
    };
    let base = p.base.clone();
    let rows = TERM_FIELDS
        .iter()
        .map(|name| {
            let changed = p.changed.iter().any(|c| c == name);
            let old = base.as_ref().map(|b| b.terms.clone());
            let new = new.clone();
            let name = *name;
            view! {
                <tr class=if changed { "changed" } else { "" } data-term=name data-changed=changed.to_string()>
                    <td>{move || tr(lang.get(), &format!("field-{name}"))}</td>
                    <td>{move || old.as_ref().map(|o| shown(o, name, lang.get())).unwrap_or_else(|| "–".into())}</td>
                    <td>{move || shown(&new, name, lang.get())}</td>
                </tr>
            }
        })
        .collect_view();
    let hidden = p
        .input
        .iter()
        .filter(|(k, v)| k != "reminder_fees" || !v.is_empty())
        .map(|(k, v)| view! { <input type="hidden" name=k.clone() value=v.clone()/> })
        .collect_view();
    let based_on = base.as_ref().map_or(0, |b| b.version).to_string();
    let edit = format!(
        "/merchants/{id}/agreement?edit=1&{}",
        p.input
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect::<Vec<_>>()
            .join("&")
    );
    let no_changes = p.changed.is_empty();
    view! {
        {heading}
        <p class="muted">{t("merchant-review-help")}</p>
        <section class="card">
            <p>{t("merchant-valid-from")} ": " <strong>{valid_from.to_string()}</strong></p>
            {no_changes.then(|| view! { <p class="muted">{t("merchant-no-changes")}</p> })}
            <table class="data" data-testid="agreement-diff">
                <thead><tr>
                    <th>{t("merchant-term")}</th><th>{t("merchant-old-value")}</th><th>{t("merchant-new-value")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <ActionError result=Signal::derive(move || add.value().get())/>
            <ActionForm action=add attr:class="form" attr:id="confirm-agreement">
                <CsrfField/>
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="based_on" value=based_on/>
                {hidden}
                <button type="submit" class="btn btn-primary">{t("merchant-confirm-agreement")}</button>
                " "
                <a href=edit class="btn btn-secondary">{t("merchant-edit-agreement")}</a>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// Percent-encodes a query value.
fn urlencode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A portal user's stored role (`owner`, `staff`) in words; an unknown one as written.
fn portal_role_label(role: &str) -> AnyView {
    match crate::portal::PortalRole::parse(role) {
        Some(r) => view! { <span data-code=role.to_string()>{t(r.message_id())}</span> }.into_any(),
        None => view! { <code>{role.to_string()}</code> }.into_any(),
    }
}
