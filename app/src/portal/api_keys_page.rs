//! `/portal/api-keys`: the merchant's API credentials. Owners create keys (the secret is shown
//! once) and revoke them after a confirmation step; `?revoke=<key id>` shows that step as its
//! own page state, so it works as plain links and forms without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api_keys::{
    load_portal_api_keys, ApiKeysView, CreatePortalApiKey, NewApiKey, RevokePortalApiKey,
    CREATE_FORM, MAX_LABEL_CHARS,
};
use super::API_KEYS_PATH;
use crate::i18n::format::format_time_in;
use crate::i18n::{t, use_lang};
use crate::merchants::ApiKeyInfo;
use crate::ui::components::{error_text, ActionError, CsrfField, LoadError};
use crate::ui::confirm::{ConfirmButtons, ConfirmStep};
use crate::ui::form::{is_about, use_typed, TextField, Typed};
use crate::ui::list::{Col, DataTable};

/// An instant on the merchant's wall clock, in the reader's language.
fn when(
    at: chrono::DateTime<chrono::Utc>,
    country: &str,
) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    let country = country.to_string();
    move || format_time_in(at, &country, lang.get())
}

const KEY_COLS: &[Col] = &[
    Col::text("portal-key-id"),
    Col::text("field-label"),
    Col::text("portal-key-created"),
    Col::text("portal-key-last-used"),
    Col::text("portal-key-status"),
    Col::literal_text(""),
];

/// `/portal/api-keys`.
#[component]
pub fn PortalApiKeysPage() -> impl IntoView {
    let query = use_query_map();
    let create = ServerAction::<CreatePortalApiKey>::new();
    let revoke = ServerAction::<RevokePortalApiKey>::new();
    let typed = use_typed(CREATE_FORM);
    let loaded = Resource::new(
        move || create.version().get() + revoke.version().get(),
        |_| load_portal_api_keys(),
    );
    // A secret stays on screen only until the next change on this page.
    Effect::new(move |_| {
        if revoke.version().get() > 0 {
            create.value().set(None);
        }
    });
    view! {
        <h1>{t("portal-api-keys")}</h1>
        <p class="muted">{t("portal-api-keys-intro")}</p>
        <ActionError result=Signal::derive(move || create.value().get())/>
        <ActionError result=Signal::derive(move || revoke.value().get())/>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || loaded.get().map(|r| match r {
                Ok(data) => {
                    let revoking = query.get().get("revoke");
                    let just_created = create.value().get().and_then(|r| r.ok());
                    let typed = typed.get().unwrap_or_default();
                    view! { <KeysView data revoking just_created create revoke typed/> }.into_any()
                }
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn KeysView(
    data: ApiKeysView,
    revoking: Option<String>,
    just_created: Option<NewApiKey>,
    create: ServerAction<CreatePortalApiKey>,
    revoke: ServerAction<RevokePortalApiKey>,
    typed: Typed,
) -> impl IntoView {
    let ApiKeysView {
        keys,
        can_manage,
        created,
        country,
    } = data;
    let created = just_created.or(created);
    let confirm = revoking.filter(|_| can_manage).map(|id| {
        let key = keys
            .iter()
            .find(|k| k.key_id == id && k.revoked_at.is_none())
            .cloned();
        view! { <ConfirmRevoke key revoke/> }
    });
    let rows = keys
        .into_iter()
        .map(|k| view! { <KeyRow k can_manage country=country.clone()/> }.into_any())
        .collect();
    view! {
        {created.map(|n| view! { <SecretOnce n/> })}
        {confirm}
        <DataTable cols=KEY_COLS rows testid="portal-api-keys" empty="portal-keys-none"/>
        {if can_manage {
            view! { <CreateKeyForm create typed/> }.into_any()
        } else {
            view! { <p class="muted" data-testid="portal-owner-only">{t("portal-keys-owner-only")}</p> }.into_any()
        }}
    }
}

#[component]
fn KeyRow(k: ApiKeyInfo, can_manage: bool, country: String) -> impl IntoView {
    let href = format!("{API_KEYS_PATH}?revoke={}", k.key_id);
    let status = match k.revoked_at {
        Some(at) => view! {
            <span class="badge badge-neutral">{t("portal-key-revoked")}</span> " " <span class="muted">{when(at, &country)}</span>
        }
        .into_any(),
        None => view! { <span class="badge badge-ok">{t("portal-key-active")}</span> }.into_any(),
    };
    let action = (can_manage && k.revoked_at.is_none())
        .then(|| view! { <a href=href class="btn btn-danger" data-testid="revoke-link">{t("portal-key-revoke")}</a> });
    view! {
        <tr data-key-id=k.key_id.clone()>
            <td><code>{k.key_id.clone()}</code></td>
            <td>{k.label.clone()}</td>
            <td>{when(k.created_at, &country)}</td>
            <td>{k.last_used_at.map(|at| when(at, &country).into_any()).unwrap_or_else(|| "–".into_any())}</td>
            <td>{status}</td>
            <td>{action}</td>
        </tr>
    }
}

/// The new key's id and secret with the warning that this is the only time it is shown.
#[component]
fn SecretOnce(n: NewApiKey) -> impl IntoView {
    view! {
        <div class="alert alert-success" role="status" data-testid="new-api-key">
            <p><strong>{t("portal-key-created-title")}</strong></p>
            <p>{t("portal-key-copy-warning")}</p>
            <p>{t("portal-key-id")} ": " <code data-testid="new-key-id">{n.key_id}</code></p>
            <p>{t("portal-key-secret")} ": " <code data-testid="new-key-secret">{n.secret}</code></p>
        </div>
    }
}

/// The confirmation step before a key is revoked; `None` when the key is not one of the
/// merchant's live keys (told the same way either way).
#[component]
fn ConfirmRevoke(
    key: Option<ApiKeyInfo>,
    revoke: ServerAction<RevokePortalApiKey>,
) -> impl IntoView {
    match key {
        None => view! {
            <div class="alert alert-error" role="alert">{t("portal-key-not-revocable")}</div>
        }
        .into_any(),
        Some(k) => {
            let facts = vec![
                (
                    "portal-key-id",
                    view! { <code>{k.key_id.clone()}</code> }.into_any(),
                ),
                ("field-label", k.label.clone().into_any()),
            ];
            view! {
                <ConfirmStep title="portal-key-revoke-title" warning="portal-key-revoke-warning"
                    facts testid="confirm-revoke">
                    <ActionForm action=revoke attr:class="form" attr:id="portal-revoke-key">
                        <CsrfField/>
                        <input type="hidden" name="key_id" value=k.key_id.clone()/>
                        <ConfirmButtons confirm="portal-key-revoke-confirm" back=API_KEYS_PATH.to_string()/>
                    </ActionForm>
                </ConfirmStep>
            }
            .into_any()
        }
    }
}

#[component]
fn CreateKeyForm(create: ServerAction<CreatePortalApiKey>, typed: Typed) -> impl IntoView {
    let lang = use_lang();
    let result = create.value();
    let error = Signal::derive(move || match result.get() {
        Some(Err(e)) if is_about(&e, "label") => Some(error_text(lang.get(), &e)),
        _ => None,
    });
    view! {
        <section class="card">
            <h2>{t("portal-key-create")}</h2>
            <ActionForm action=create attr:class="form" attr:id="portal-create-key">
                <CsrfField/>
                <TextField name="label" id="key-label" label="field-label" value=typed.or("label", "")
                    maxlength=MAX_LABEL_CHARS required=true error/>
                <button type="submit" class="btn btn-primary" id="create-key">{t("portal-key-create")}</button>
            </ActionForm>
        </section>
    }
}
