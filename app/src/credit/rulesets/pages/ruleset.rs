//! One ruleset version: its rules (an editor for admins while it is a draft), the compile
//! errors at their line and column, the diff against the active version, the backtest and
//! the activate button. Everything works as plain forms without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{product_id, when, when_opt, CreditNav, OutcomeBadge, StatusBadge};
use crate::credit::rulesets::server_fns::{
    load_ruleset, run_backtest, ActivateRuleset, SaveRuleset,
};
use crate::credit::rulesets::types::{
    BacktestReport, CompileMessage, DiffKind, DiffLine, RulesetStatus, RulesetView,
};
use crate::i18n::{t, tr_args, use_lang};
use crate::ui::components::{ActionError, CodeLabel, CsrfField, LoadError};

/// `/credit/rulesets/:id`; `?against=ID` diffs against another version, `?backtest=N` runs
/// the backtest on the last N decisions.
#[component]
pub fn RulesetPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let save = ServerAction::<SaveRuleset>::new();
    let activate = ServerAction::<ActivateRuleset>::new();
    let id = move || {
        params
            .get()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or_default()
    };
    let data = Resource::new(
        move || {
            let against = query
                .get()
                .get("against")
                .and_then(|v| v.parse::<i64>().ok());
            (
                id(),
                against,
                save.version().get(),
                activate.version().get(),
            )
        },
        |(id, against, _, _)| load_ruleset(id, against),
    );
    let backtest = Resource::new(
        move || (id(), query.get().get("backtest"), save.version().get()),
        |(id, limit, _)| async move {
            match limit {
                None => Ok(None),
                Some(l) => run_backtest(id, Some(l)).await.map(Some),
            }
        },
    );
    view! {
        <h1>{t("cr-title")}</h1>
        <CreditNav/>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(view) => view! { <RulesetDetail view save activate/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || backtest.get().map(|r| match r {
                Ok(Some(report)) => view! { <BacktestResult report/> }.into_any(),
                Ok(None) => ().into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn RulesetDetail(
    view: RulesetView,
    save: ServerAction<SaveRuleset>,
    activate: ServerAction<ActivateRuleset>,
) -> impl IntoView {
    let s = view.summary.clone();
    let id = s.id.to_string();
    let editable = view.can_edit && s.status == RulesetStatus::Draft;
    let clean = view.errors.is_empty();
    let editor = if editable {
        let id = id.clone();
        view! {
            <ActionError result=Signal::derive(move || save.value().get())/>
            <ActionForm action=save attr:class="form" attr:id="ruleset-editor">
                <CsrfField/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="source">{t("cr-source")}</label>
                    <textarea id="source" name="source" rows="24" cols="100" spellcheck="false"
                        class="source-input">{view.source.clone()}</textarea>
                </div>
                <button type="submit" class="btn btn-primary" data-testid="save-ruleset">{t("cr-save")}</button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <p class="muted">{t("cr-read-only")}</p>
            <pre class="json" data-testid="ruleset-source">{view.source.clone()}</pre>
        }
        .into_any()
    };
    view! {
        <section class="card">
            <h2 data-testid="ruleset-heading">
                {t("cr-ruleset")} " " {s.country.clone()} " " {t(product_id(s.product))} " " {format!("v{}", s.version)}
                " " <StatusBadge status=s.status/>
            </h2>
            <dl class="kv">
                <dt>{t("cr-created-by")}</dt><dd>{s.created_by.clone()}</dd>
                <dt>{t("cr-created-at")}</dt><dd>{when(s.created_at, &s.country)}</dd>
                <dt>{t("cr-activated-at")}</dt><dd>{when_opt(s.activated_at, &s.country)}</dd>
                <dt>{t("cr-retired-at")}</dt><dd>{when_opt(s.retired_at, &s.country)}</dd>
            </dl>
            <CompileErrors errors=view.errors.clone()/>
            {editor}
        </section>
        {(editable && clean).then(|| {
            let id = id.clone();
            view! {
                <section class="card">
                    <h2>{t("cr-activate")}</h2>
                    <p class="muted">{t("cr-activate-help")}</p>
                    <ActionError result=Signal::derive(move || activate.value().get())/>
                    <ActionForm action=activate attr:class="form" attr:id="activate">
                        <CsrfField/>
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="btn btn-danger" data-testid="activate-ruleset">{t("cr-activate")}</button>
                    </ActionForm>
                </section>
            }
        })}
        <Diff lines=view.diff.clone() version=view.compared_with.as_ref().map(|c| c.version)/>
        <section class="card">
            <h2>{t("cr-backtest")}</h2>
            <p class="muted">{t("cr-backtest-help")}</p>
            <form method="get" action=format!("/credit/rulesets/{}", s.id) class="filters" id="backtest">
                <div class="field">
                    <label for="bt-limit">{t("cr-backtest-limit")}</label>
                    <input id="bt-limit" name="backtest" inputmode="numeric" value="1000"/>
                </div>
                <button type="submit" class="btn btn-secondary" data-testid="run-backtest">{t("cr-backtest-run")}</button>
            </form>
        </section>
    }
}

#[component]
fn CompileErrors(errors: Vec<CompileMessage>) -> impl IntoView {
    let lang = use_lang();
    if errors.is_empty() {
        return view! { <p class="alert alert-success" data-testid="compiles">{t("cr-compiles")}</p> }
            .into_any();
    }
    let items = errors
        .into_iter()
        .map(|e| {
            let (line, column) = (e.line.to_string(), e.column.to_string());
            let args = [("line", line.clone()), ("column", column.clone())];
            view! {
                <li data-line=line data-column=column>
                    <strong>{move || tr_args(lang.get(), "cr-error-at", &args)}</strong>
                    " " {e.message.clone()} " " <small class="muted">{e.code.clone()}</small>
                    <pre class="json">{e.snippet.clone()}</pre>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="alert alert-error" role="alert" data-testid="compile-errors">
            <strong>{t("cr-errors")}</strong>
            <ul>{items}</ul>
        </div>
    }
    .into_any()
}

#[component]
fn Diff(lines: Vec<DiffLine>, version: Option<i32>) -> impl IntoView {
    let lang = use_lang();
    let Some(version) = version else {
        return view! { <section class="card"><p class="muted">{t("cr-no-diff")}</p></section> }
            .into_any();
    };
    let rows = lines
        .into_iter()
        .map(|l| {
            // Classes, not style attributes: the pages' CSP allows no inline styles.
            let class = match l.kind {
                DiffKind::Same => "",
                DiffKind::Added => "diff-added",
                DiffKind::Removed => "diff-removed",
            };
            view! { <span class=class>{l.render()}</span> "\n" }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{move || tr_args(lang.get(), "cr-diff", &[("version", version.to_string())])}</h2>
            <pre class="json" data-testid="ruleset-diff">{rows}</pre>
        </section>
    }
    .into_any()
}

#[component]
fn BacktestResult(report: BacktestReport) -> impl IntoView {
    let rate = |r: Option<rust_decimal::Decimal>| {
        r.map(|d| format!("{d} %")).unwrap_or_else(|| "-".into())
    };
    let before = format!(
        "{} / {} ({})",
        report.approved_before,
        report.decisions,
        rate(report.rate_before())
    );
    let after = format!(
        "{} / {} ({})",
        report.approved_after,
        report.decisions,
        rate(report.rate_after())
    );
    let changes = if report.changes.is_empty() {
        view! { <p class="empty">{t("cr-backtest-no-changes")}</p> }.into_any()
    } else {
        let rows = report
            .changes
            .into_iter()
            .map(|c| {
                view! {
                    <tr>
                        <td class="num"><a href=format!("/credit/decisions/{}", c.decision_id)>{c.decision_id}</a></td>
                        <td>{c.order_ref.clone()}</td>
                        <td><OutcomeBadge outcome=c.before/></td>
                        <td><CodeLabel prefix="cr-reason" code=c.reason_before.clone()/></td>
                        <td><OutcomeBadge outcome=c.after/></td>
                        <td><CodeLabel prefix="cr-reason" code=c.reason_after.clone()/></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table class="data" data-testid="backtest-changes">
                    <thead>
                        <tr>
                            <th class="num">{t("cr-decision")}</th>
                            <th>{t("cr-order")}</th>
                            <th>{t("cr-before")}</th>
                            <th>{t("cr-reason-before")}</th>
                            <th>{t("cr-after")}</th>
                            <th>{t("cr-reason-after")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card" data-testid="backtest-result">
            <h2>{t("cr-backtest-result")}</h2>
            <dl class="kv">
                <dt>{t("cr-backtest-decisions")}</dt><dd data-testid="backtest-decisions">{report.decisions}</dd>
                <dt>{t("cr-approval-before")}</dt><dd data-testid="approval-before">{before}</dd>
                <dt>{t("cr-approval-after")}</dt><dd data-testid="approval-after">{after}</dd>
            </dl>
            <h3>{t("cr-backtest-changes")}</h3>
            {changes}
        </section>
    }
}
