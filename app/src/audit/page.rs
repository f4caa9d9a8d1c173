//! The audit log page: filters (a plain GET form) and a table, newest first.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{audit_log, AuditFilter, AuditRow, PAGE_SIZE};
use crate::i18n::t;
use crate::ui::components::LoadError;

/// Audit records with filters by action, entity and actor.
#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.get();
        AuditFilter {
            action: q.get("action"),
            entity_type: q.get("entity_type"),
            entity_id: q.get("entity_id"),
            actor: q.get("actor"),
            before_id: q.get("before_id").and_then(|v| v.parse().ok()),
        }
    };
    let rows = Resource::new(filter, |f| {
        audit_log(f.action, f.entity_type, f.entity_id, f.actor, f.before_id)
    });
    let field = move |name: &'static str, label: &'static str| {
        let value = move || query.get().get(name).unwrap_or_default();
        view! {
            <div class="field">
                <label for=name>{t(label)}</label>
                <input id=name name=name type="text" prop:value=value/>
            </div>
        }
    };
    view! {
        <h1>{t("nav-audit")}</h1>
        <form method="get" action="/audit" class="filters">
            {field("action", "audit-action")}
            {field("entity_type", "audit-entity-type")}
            {field("entity_id", "audit-entity-id")}
            {field("actor", "audit-actor")}
            <button type="submit" class="btn btn-secondary">{t("filter")}</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || rows.get().map(|r| match r {
                Ok(rows) => view! { <AuditTable rows filter=filter()/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn AuditTable(rows: Vec<AuditRow>, filter: AuditFilter) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{t("audit-empty")}</p> }.into_any();
    }
    let older = (rows.len() as i64 == PAGE_SIZE).then(|| {
        let last = rows.last().map(|r| r.id).unwrap_or_default();
        older_link(&filter, last)
    });
    let body = rows
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td class="num">{r.id}</td>
                    <td>{r.business_time.format("%Y-%m-%d %H:%M:%S").to_string()}</td>
                    <td>{r.actor_label}<br/><span class="muted">{r.actor_kind}</span></td>
                    <td><code>{r.action}</code></td>
                    <td>{r.entity_type} " " <span class="muted">{r.entity_id}</span></td>
                    <td>
                        <details>
                            <summary>{t("audit-changes")}</summary>
                            <pre class="json">{r.before.unwrap_or_else(|| "-".into())}</pre>
                            <pre class="json">{r.after.unwrap_or_else(|| "-".into())}</pre>
                        </details>
                    </td>
                    <td class="muted"><small>{r.request_id}</small></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th class="num">"#"</th>
                        <th>{t("audit-business-time")}</th>
                        <th>{t("audit-actor")}</th>
                        <th>{t("audit-action")}</th>
                        <th>{t("audit-entity")}</th>
                        <th>{t("audit-changes")}</th>
                        <th>{t("audit-request")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {older.map(|href| view! { <nav class="pagination"><a href=href>{t("older")}</a></nav> })}
    }
    .into_any()
}

/// The link to the next (older) page, keeping the filters.
fn older_link(filter: &AuditFilter, before_id: i64) -> String {
    let mut params = vec![format!("before_id={before_id}")];
    for (k, v) in [
        ("action", &filter.action),
        ("entity_type", &filter.entity_type),
        ("entity_id", &filter.entity_id),
        ("actor", &filter.actor),
    ] {
        if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
            params.push(format!("{k}={}", encode(v)));
        }
    }
    format!("/audit?{}", params.join("&"))
}

/// Percent-encodes a query value (unreserved characters stay).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
