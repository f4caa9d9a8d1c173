//! The audit log page: filters (a plain GET form) and a table, newest first; times in
//! Swedish time (the business day's home market).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{audit_log, AuditFilter, AuditRow, PAGE_SIZE};
use crate::i18n::format::format_time;
use crate::i18n::{t, use_lang};
use crate::ktime::Country;
use crate::ui::components::CodeLabel;
use crate::ui::list::{loaded, Col, DataTable, FilterForm, FilterInput, Paging};

/// Audit records with filters by action, entity and actor.
#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let rows = Resource::new(
        move || {
            let q = query.get();
            AuditFilter {
                action: q.get("action"),
                entity_type: q.get("entity_type"),
                entity_id: q.get("entity_id"),
                actor: q.get("actor"),
                before_id: q.get("before_id").and_then(|v| v.parse().ok()),
            }
        },
        |f| audit_log(f.action, f.entity_type, f.entity_id, f.actor, f.before_id),
    );
    view! {
        <h1>{t("nav-audit")}</h1>
        <FilterForm action="/audit">
            <FilterInput name="action" label="audit-action"/>
            <FilterInput name="entity_type" label="audit-entity-type"/>
            <FilterInput name="entity_id" label="audit-entity-id"/>
            <FilterInput name="actor" label="audit-actor"/>
        </FilterForm>
        {loaded(rows, |rows| view! { <AuditTable rows/> })}
    }
}

const COLS: &[Col] = &[
    Col::literal_num("#"),
    Col::text("audit-business-time"),
    Col::text("audit-actor"),
    Col::text("audit-action"),
    Col::text("audit-entity"),
    Col::text("audit-changes"),
    Col::text("audit-request"),
];

#[component]
fn AuditTable(rows: Vec<AuditRow>) -> impl IntoView {
    let lang = use_lang();
    let paging = Paging::by_id(
        "before_id",
        rows.len(),
        PAGE_SIZE as usize,
        rows.last().map(|r| r.id),
    );
    let rows = rows
        .into_iter()
        .map(|r| {
            let at = r.business_time;
            view! {
                <tr>
                    <td class="num">{r.id}</td>
                    <td>{move || format_time(at, Country::SE, lang.get())}</td>
                    <td>{r.actor_label}<br/><span class="muted"><CodeLabel prefix="audit-actor-kind" code=r.actor_kind/></span></td>
                    <td><CodeLabel prefix="audit-action" code=r.action/></td>
                    <td><CodeLabel prefix="audit-entity" code=r.entity_type/> " " <span class="muted">{r.entity_id}</span></td>
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
            .into_any()
        })
        .collect();
    view! { <DataTable cols=COLS rows empty="audit-empty" paging=Some(paging)/> }
}
