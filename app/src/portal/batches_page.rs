//! `/portal/batches` (upload form and the list with progress bars) and
//! `/portal/batches/:id` (progress, counts, the rows with their results, the CSV download).
//!
//! Both pages work without JavaScript: the upload is a plain multipart form, paging is links,
//! and a batch still being worked on reloads itself every two seconds (a meta refresh) until
//! its last row has a result.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::batches::{
    batch_path, load_portal_batch, load_portal_batches, results_path, PortalBatchList,
    UploadFailure, BATCHES_PATH, UPLOAD_PATH,
};
use super::orders::order_actions::order_path;
use crate::i18n::{t, tr, tr_args, use_lang, Lang};
use crate::orders::batches::types::{
    Batch, BatchKind, BatchRow, BatchStatus, BatchSummary, RowStatus,
};
use crate::ui::components::{CsrfField, LoadError};

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

fn status_id(s: BatchStatus) -> &'static str {
    match s {
        BatchStatus::Queued => "portal-batch-status-queued",
        BatchStatus::Running => "portal-batch-status-running",
        BatchStatus::Done => "portal-batch-status-done",
    }
}

fn kind_id(k: BatchKind) -> &'static str {
    match k {
        BatchKind::Captures => "portal-batch-kind-captures",
        BatchKind::Orders => "portal-batch-kind-orders",
    }
}

/// `/portal/batches`.
#[component]
pub fn PortalBatchesPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(
        move || query.with(|q| q.get("before").unwrap_or_default()),
        load_portal_batches,
    );
    view! {
        <h1>{t("portal-nav-batches")}</h1>
        <p class="muted">{t("portal-batches-intro")}</p>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || list.get().map(|r| match r {
                Ok(data) => view! { <BatchList data/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn BatchList(data: PortalBatchList) -> impl IntoView {
    let PortalBatchList {
        batches,
        next,
        upload_failure,
    } = data;
    let unfinished = batches.iter().any(|b| b.status != BatchStatus::Done);
    let table = if batches.is_empty() {
        view! { <p class="empty" data-testid="portal-batches-empty">{t("portal-batches-empty")}</p> }
            .into_any()
    } else {
        let rows = batches
            .into_iter()
            .map(|b| view! { <BatchListRow b/> })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table class="data" data-testid="portal-batches">
                    <thead><tr>
                        <th>{t("portal-batch-uploaded")}</th><th>{t("portal-batch-kind")}</th>
                        <th>{t("portal-batch-status")}</th><th>{t("portal-batch-progress")}</th>
                        <th>{t("portal-batch-ok")}</th><th>{t("portal-batch-errors")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        {unfinished.then(|| view! { <Meta http_equiv="refresh" content="2"/> })}
        {upload_failure.map(|f| view! { <UploadFailureBox f/> })}
        <UploadForm/>
        <h2>{t("portal-batches-list")}</h2>
        {table}
        {next.map(|c| view! {
            <nav class="pagination">
                <a href=format!("{BATCHES_PATH}?before={c}") data-testid="batches-next">{t("portal-batches-older")}</a>
            </nav>
        })}
    }
}

/// The upload form: a plain multipart post to the server's upload handler, which sends the
/// browser to the new batch's page (or back here with the problems).
#[component]
fn UploadForm() -> impl IntoView {
    view! {
        <section class="card">
            <h2>{t("portal-batches-upload")}</h2>
            <form method="post" action=UPLOAD_PATH enctype="multipart/form-data" class="form" id="batch-upload">
                <CsrfField/>
                <div class="field">
                    <label for="batch-kind">{t("portal-batch-kind")}</label>
                    <select id="batch-kind" name="kind">
                        <option value="captures">{t("portal-batch-kind-captures")}</option>
                        <option value="orders">{t("portal-batch-kind-orders")}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="batch-file">{t("portal-batch-file")}</label>
                    <input id="batch-file" name="file" type="file" accept=".csv,.jsonl,.ndjson,.txt,text/csv"/>
                </div>
                <p class="muted">{t("portal-batch-formats")}</p>
                <button type="submit" class="btn btn-primary" id="batch-upload-submit">{t("portal-batches-upload-button")}</button>
            </form>
        </section>
    }
}

/// The refused upload: what was wrong, with the file's problems by line and column.
#[component]
fn UploadFailureBox(f: UploadFailure) -> impl IntoView {
    let lang = use_lang();
    let code = f.code.clone();
    let total = f.total;
    let headline = move || {
        if code == "VALIDATION_ERROR" {
            tr_args(
                lang.get(),
                "portal-batch-file-problems",
                &[("total", total.to_string())],
            )
        } else {
            tr(lang.get(), &code)
        }
    };
    let problems = f
        .problems
        .into_iter()
        .map(|p| view! { <li>{p}</li> })
        .collect_view();
    view! {
        <div class="alert alert-error" role="alert" data-testid="batch-upload-error">
            <p>{headline}</p>
            <ul class="problems">{problems}</ul>
        </div>
    }
}

#[component]
fn Progress(b: BatchSummary) -> impl IntoView {
    let percent = b.percent_done();
    view! {
        <div class="progress-cell">
            <progress max=b.total_rows.to_string() value=b.done_rows.to_string()
                aria-label=t("portal-batch-progress")>{format!("{percent} %")}</progress>
            <span class="muted" data-testid="batch-progress-text">
                {format!("{} / {} ({percent} %)", b.done_rows, b.total_rows)}
            </span>
        </div>
    }
}

#[component]
fn BatchListRow(b: BatchSummary) -> impl IntoView {
    let lang = use_lang();
    let href = batch_path(&b.batch_id.to_string());
    let (status, kind) = (status_id(b.status), kind_id(b.kind));
    let (ok, errors) = (b.ok_rows, b.error_rows);
    let (id, created) = (b.batch_id.to_string(), when(b.created_at));
    view! {
        <tr data-batch-id=id>
            <td><a href=href>{created}</a></td>
            <td>{move || tr(lang.get(), kind)}</td>
            <td><span class="badge badge-neutral">{move || tr(lang.get(), status)}</span></td>
            <td><Progress b/></td>
            <td class="num">{ok}</td>
            <td class="num">{errors}</td>
        </tr>
    }
}

/// `/portal/batches/:id`.
#[component]
pub fn PortalBatchPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let batch = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                query.with(|q| q.get("after").unwrap_or_default()),
            )
        },
        |(id, after)| load_portal_batch(id, after),
    );
    view! {
        <p><a href=BATCHES_PATH>{t("portal-batches-back")}</a></p>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || batch.get().map(|r| match r {
                Ok(b) => view! { <BatchView b/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn BatchView(b: Batch) -> impl IntoView {
    let lang = use_lang();
    let summary = b.summary();
    let id = b.batch_id.to_string();
    let (status, kind) = (status_id(b.status), kind_id(b.kind));
    let unfinished = b.status != BatchStatus::Done;
    let next = b
        .next_after_row
        .map(|n| format!("{}?after={n}", batch_path(&id)));
    let rows = b
        .rows
        .into_iter()
        .map(|r| view! { <BatchRowLine r/> })
        .collect_view();
    view! {
        {unfinished.then(|| view! { <Meta http_equiv="refresh" content="2"/> })}
        <h1>{t("portal-batch")}" "<span class="mono">{id.clone()}</span></h1>
        <dl class="facts" data-testid="batch-facts">
            <dt>{t("portal-batch-kind")}</dt><dd>{move || tr(lang.get(), kind)}</dd>
            <dt>{t("portal-batch-status")}</dt>
            <dd><span class="badge badge-neutral" data-testid="batch-status">{move || tr(lang.get(), status)}</span></dd>
            <dt>{t("portal-batch-progress")}</dt><dd><Progress b=summary/></dd>
            <dt>{t("portal-batch-ok")}</dt><dd data-testid="batch-ok">{b.ok_rows}</dd>
            <dt>{t("portal-batch-errors")}</dt><dd data-testid="batch-errors">{b.error_rows}</dd>
            <dt>{t("portal-batch-uploaded")}</dt><dd>{when(b.created_at)}</dd>
        </dl>
        <p>
            <a href=results_path(&id) class="btn btn-secondary" download="" rel="external" data-testid="batch-download">
                {t("portal-batch-download")}
            </a>
        </p>
        <div class="table-wrap">
            <table class="data" data-testid="batch-rows">
                <thead><tr>
                    <th>{t("portal-batch-row")}</th><th>{t("portal-batch-key")}</th>
                    <th>{t("portal-batch-status")}</th><th>{t("portal-batch-result")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {next.map(|href| view! {
            <nav class="pagination"><a href=href data-testid="batch-rows-next">{t("portal-batch-more-rows")}</a></nav>
        })}
    }
}

/// A row's result in words: the order (and invoice) it made, or why it was refused.
fn row_result(lang: Lang, r: &BatchRow) -> (Option<String>, String) {
    match r.status {
        RowStatus::Pending => (None, tr(lang, "portal-batch-row-pending")),
        RowStatus::Ok => {
            let result = r.result.clone().unwrap_or_default();
            let link = result.order_id.map(|id| order_path(&id.to_string()));
            let text = match result.invoice_number {
                Some(n) => tr_args(
                    lang,
                    "portal-batch-row-invoice",
                    &[("number", n.to_string())],
                ),
                None => tr(lang, "portal-batch-row-order"),
            };
            (link, text)
        }
        RowStatus::Error => {
            let code = r.error_code.clone().unwrap_or_default();
            let translated = tr(lang, &code);
            // Validation problems name the row's fields: the API's English text says which.
            let text = if translated == code || code == "VALIDATION_ERROR" {
                format!("{code}: {}", r.error_message.clone().unwrap_or_default())
            } else {
                translated
            };
            (None, text)
        }
    }
}

#[component]
fn BatchRowLine(r: BatchRow) -> impl IntoView {
    let lang = use_lang();
    let status = match r.status {
        RowStatus::Pending => "portal-batch-row-status-pending",
        RowStatus::Ok => "portal-batch-row-status-ok",
        RowStatus::Error => "portal-batch-row-status-error",
    };
    let badge = match r.status {
        RowStatus::Error => "badge badge-error",
        RowStatus::Ok => "badge badge-ok",
        RowStatus::Pending => "badge badge-neutral",
    };
    let row = r.clone();
    view! {
        <tr data-row=r.row_no.to_string()>
            <td class="num">{r.row_no}</td>
            <td class="mono">{r.key.clone()}</td>
            <td><span class=badge>{move || tr(lang.get(), status)}</span></td>
            <td>{move || {
                let (link, text) = row_result(lang.get(), &row);
                match link {
                    Some(href) => view! { <a href=href>{text}</a> }.into_any(),
                    None => view! { <span>{text}</span> }.into_any(),
                }
            }}</td>
        </tr>
    }
}
