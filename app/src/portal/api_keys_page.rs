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
use crate::i18n::{t, use_lang};
use crate::merchants::ApiKeyInfo;
use crate::ui::components::{error_text, ActionError, CsrfField, LoadError};
use crate::ui::confirm::{ConfirmButtons, ConfirmStep};
use crate::ui::form::{is_about, use_typed, TextField, Typed};

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

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
    } = data;
    let created = just_created.or(created);
    let confirm = revoking.filter(|_| can_manage).map(|id| {
        let key = keys
            .iter()
            .find(|k| k.key_id == id && k.revoked_at.is_none())
            .cloned();
        view! { <ConfirmRevoke key revoke/> }
    });
    let none = keys.is_empty();
    let rows = keys
        .into_iter()
        .map(|k| view! { <KeyRow k can_manage/> })
        .collect_view();
    view! {
        {created.map(|n| view! { <SecretOnce n/> })}
        {confirm}
        <section class="card">
            {none.then(|| view! { <p class="empty">{t("portal-keys-none")}</p> })}
            <div class="table-wrap">
                <table class="data" data-testid="portal-api-keys">
                    <thead><tr>
                        <th>{t("portal-key-id")}</th><th>{t("field-label")}</th>
                        <th>{t("portal-key-created")}</th><th>{t("portal-key-last-used")}</th>
                        <th>{t("portal-key-status")}</th><th></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
        {if can_manage {
            view! { <CreateKeyForm create typed/> }.into_any()
        } else {
            view! { <p class="muted" data-testid="portal-owner-only">{t("portal-keys-owner-only")}</p> }.into_any()
        }}
    }
}

#[component]
fn KeyRow(k: ApiKeyInfo, can_manage: bool) -> impl IntoView {
    let href = format!("{API_KEYS_PATH}?revoke={}", k.key_id);
    let status = match k.revoked_at {
        Some(at) => view! {
            <span class="badge badge-neutral">{t("portal-key-revoked")}</span> " " <span class="muted">{when(at)}</span>
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
            <td>{when(k.created_at)}</td>
            <td>{k.last_used_at.map(when).unwrap_or_else(|| "–".into())}</td>
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
