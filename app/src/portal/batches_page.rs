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
    PortalBatchView, UploadFailure, BATCHES_PATH, UPLOAD_PATH,
};
use super::orders::order_actions::order_path;
use crate::i18n::format::format_time_in;
use crate::i18n::{t, tr, tr_args, use_lang, Lang};
use crate::orders::batches::types::{BatchKind, BatchRow, BatchStatus, BatchSummary, RowStatus};
use crate::ui::components::CsrfField;
use crate::ui::list::{loaded, param, Col, DataTable, Paging};

/// An instant on the merchant's wall clock, in the reader's language.
fn when(
    at: chrono::DateTime<chrono::Utc>,
    country: &str,
) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    let country = country.to_string();
    move || format_time_in(at, &country, lang.get())
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
        move || query.with(|q| (param(q, "after"), param(q, "before"))),
        |(after, before)| load_portal_batches(after, before),
    );
    view! {
        <h1>{t("portal-nav-batches")}</h1>
        <p class="muted">{t("portal-batches-intro")}</p>
        {loaded(list, |data| view! { <BatchList data/> })}
    }
}

const BATCH_COLS: &[Col] = &[
    Col::text("portal-batch-uploaded"),
    Col::text("portal-batch-kind"),
    Col::text("portal-batch-status"),
    Col::text("portal-batch-progress"),
    Col::num("portal-batch-ok"),
    Col::num("portal-batch-errors"),
];

#[component]
fn BatchList(data: PortalBatchList) -> impl IntoView {
    let PortalBatchList {
        batches,
        next,
        prev,
        upload_failure,
        country,
    } = data;
    let unfinished = batches.iter().any(|b| b.status != BatchStatus::Done);
    let rows = batches
        .into_iter()
        .map(|b| view! { <BatchListRow b country=country.clone()/> }.into_any())
        .collect();
    let paging = Paging {
        key: "after",
        next,
        newer_key: "before",
        prev,
    };
    view! {
        {unfinished.then(|| view! { <Meta http_equiv="refresh" content="2"/> })}
        {upload_failure.map(|f| view! { <UploadFailureBox f/> })}
        <UploadForm/>
        <h2>{t("portal-batches-list")}</h2>
        <DataTable cols=BATCH_COLS rows testid="portal-batches" empty="portal-batches-empty" paging=Some(paging)/>
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
fn BatchListRow(b: BatchSummary, country: String) -> impl IntoView {
    let lang = use_lang();
    let href = batch_path(&b.batch_id.to_string());
    let (status, kind) = (status_id(b.status), kind_id(b.kind));
    let (ok, errors) = (b.ok_rows, b.error_rows);
    let (id, created) = (b.batch_id.to_string(), when(b.created_at, &country));
    view! {
        <tr data-batch-id=id>
            <td><a href=href>{created}</a></td>
            <td>{move || tr(lang.get(), kind)}</td>
            <td><StatusBadge status/></td>
            <td><Progress b/></td>
            <td class="num">{ok}</td>
            <td class="num">{errors}</td>
        </tr>
    }
}

/// A batch status as a badge: done is "ok", queued and running are neutral.
#[component]
fn StatusBadge(status: &'static str) -> impl IntoView {
    let lang = use_lang();
    let class = if status == status_id(BatchStatus::Done) {
        "badge badge-ok"
    } else {
        "badge badge-neutral"
    };
    view! { <span class=class data-testid="batch-status">{move || tr(lang.get(), status)}</span> }
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
                query.with(|q| param(q, "after")),
            )
        },
        |(id, after)| load_portal_batch(id, after),
    );
    view! {
        <p><a href=BATCHES_PATH>{t("portal-batches-back")}</a></p>
        {loaded(batch, |v| view! { <BatchView v/> })}
    }
}

const ROW_COLS: &[Col] = &[
    Col::num("portal-batch-row"),
    Col::text("portal-batch-key"),
    Col::text("portal-batch-status"),
    Col::text("portal-batch-result"),
];

/// One batch, laid out like the staff detail pages: a card of facts (`dl.kv`), then its rows
/// in the list kit's table.
#[component]
fn BatchView(v: PortalBatchView) -> impl IntoView {
    let lang = use_lang();
    let PortalBatchView { batch: b, country } = v;
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
        .map(|r| view! { <BatchRowLine r/> }.into_any())
        .collect();
    view! {
        {unfinished.then(|| view! { <Meta http_equiv="refresh" content="2"/> })}
        <h1>{t("portal-batch")}" "<span class="mono">{id.clone()}</span></h1>
        <section class="card">
            <dl class="kv" data-testid="batch-facts">
                <dt>{t("portal-batch-kind")}</dt><dd>{move || tr(lang.get(), kind)}</dd>
                <dt>{t("portal-batch-status")}</dt><dd><StatusBadge status/></dd>
                <dt>{t("portal-batch-progress")}</dt><dd><Progress b=summary/></dd>
                <dt>{t("portal-batch-ok")}</dt><dd data-testid="batch-ok">{b.ok_rows}</dd>
                <dt>{t("portal-batch-errors")}</dt><dd data-testid="batch-errors">{b.error_rows}</dd>
                <dt>{t("portal-batch-uploaded")}</dt><dd>{when(b.created_at, &country)}</dd>
            </dl>
        </section>
        <p>
            <a href=results_path(&id) class="btn btn-secondary" download="" rel="external" data-testid="batch-download">
                {t("portal-batch-download")}
            </a>
        </p>
        <DataTable cols=ROW_COLS rows testid="batch-rows" empty="portal-batch-no-rows"/>
        {next.map(|href| view! {
            <nav class="pagination"><a href=href rel="next" data-testid="batch-rows-next">{t("portal-batch-more-rows")}</a></nav>
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
        RowStatus::Error => (None, row_error_text(lang, r)),
    }
}

/// Why a row was refused, in words: the order API's code has a message in every language
/// (validation problems list the row's fields as the API named them); a code without one is
/// never shown raw but as "refused" with the API's explanation.
fn row_error_text(lang: Lang, r: &BatchRow) -> String {
    let code = r.error_code.clone().unwrap_or_default();
    let message = r.error_message.clone().unwrap_or_default();
    if code == "VALIDATION_ERROR" {
        return tr_args(lang, &code, &[("fields", message)]);
    }
    let translated = tr(lang, &code);
    if translated != code && !code.is_empty() {
        return translated;
    }
    tr_args(
        lang,
        "portal-batch-row-error-other",
        &[("message", message)],
    )
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
        <tr data-row=r.row_no.to_string() data-code=r.error_code.clone()>
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

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(code: &str, message: &str) -> BatchRow {
        BatchRow {
            row_no: 1,
            key: "1".into(),
            status: RowStatus::Error,
            error_code: Some(code.into()),
            error_message: Some(message.into()),
            result: None,
        }
    }

    #[test]
    fn a_refused_row_says_why_in_words_never_its_code() {
        for lang in Lang::ALL {
            for (code, message) in [
                ("CAPTURE_NOT_ALLOWED", "more than remains"),
                ("VALIDATION_ERROR", "captured_amount"),
                ("CONFLICT", "changed meanwhile"),
                ("A_CODE_FROM_A_NEWER_SERVICE", "something new"),
            ] {
                let text = row_error_text(lang, &refused(code, message));
                assert!(!text.contains(code), "{lang:?} {code}: {text}");
                assert!(!text.is_empty());
            }
            let text = row_error_text(lang, &refused("VALIDATION_ERROR", "captured_amount"));
            assert!(text.contains("captured_amount"), "{text}");
        }
    }
}
