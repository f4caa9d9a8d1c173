//! The provider call log screen (`/credit/providers`): how each fact provider answered over
//! the last 24 hours (outcomes, p50/p95 latency) and the latest calls, filtered by provider
//! and outcome with a plain GET form, so it works without JavaScript and links can be shared.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::server_fns::load_provider_log;
use super::stats::{outcome_message, ProviderCallRow, ProviderLog, ProviderStat, OUTCOMES};
use crate::credit::rulesets::pages::CreditNav;
use crate::i18n::format::format_time;
use crate::i18n::{t, tr, use_lang};
use crate::ktime::Country;
use crate::ui::components::LoadError;

fn param(q: &leptos_router::params::ParamsMap, name: &str) -> String {
    q.get(name).unwrap_or_default()
}

/// The message id of an operation (the value itself if unknown).
fn operation_message(operation: &str) -> &str {
    match operation {
        "address" => "pv-operation-address",
        "score" => "pv-operation-score",
        other => other,
    }
}

/// A latency in ms, or a dash when no call reached the provider.
fn millis(ms: Option<i64>) -> String {
    ms.map_or_else(|| "–".into(), |ms| format!("{ms} ms"))
}

/// `/credit/providers`.
#[component]
pub fn ProvidersPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.get();
            (param(&q, "provider"), param(&q, "outcome"))
        },
        |(provider, outcome)| load_provider_log(Some(provider), Some(outcome)),
    );
    view! {
        <h1>{t("cr-title")}</h1>
        <CreditNav/>
        <p class="muted">{t("pv-help")}</p>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| {
                let q = query.get_untracked();
                match r {
                    Ok(log) => view! {
                        <ProviderLogView log provider=param(&q, "provider") outcome=param(&q, "outcome")/>
                    }.into_any(),
                    Err(e) => view! {
                        <LoadError error=e/>
                        <p><a href="/credit/providers">{t("pv-show-all")}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProviderLogView(log: ProviderLog, provider: String, outcome: String) -> impl IntoView {
    let ProviderLog {
        stats,
        calls,
        providers,
    } = log;
    let provider_options = providers
        .into_iter()
        .map(|p| {
            let selected = p == provider;
            let label = p.clone();
            view! { <option value=p selected=selected>{label}</option> }
        })
        .collect_view();
    let outcome_options = OUTCOMES
        .into_iter()
        .map(|(value, id)| {
            view! { <option value=value selected=outcome == value>{t(id)}</option> }
        })
        .collect_view();
    view! {
        <section>
            <h2>{t("pv-stats-title")}</h2>
            <StatsTable stats/>
        </section>
        <section>
            <h2>{t("pv-calls-title")}</h2>
            <form method="get" action="/credit/providers" class="filters" id="provider-filter">
                <div class="field">
                    <label for="f-provider">{t("pv-provider")}</label>
                    <select id="f-provider" name="provider">
                        <option value="">{t("cr-all")}</option>
                        {provider_options}
                    </select>
                </div>
                <div class="field">
                    <label for="f-outcome">{t("pv-outcome")}</label>
                    <select id="f-outcome" name="outcome">
                        <option value="">{t("cr-all")}</option>
                        {outcome_options}
                    </select>
                </div>
                <button type="submit" class="btn btn-secondary">{t("filter")}</button>
            </form>
            <CallsTable calls/>
        </section>
    }
}

#[component]
fn StatsTable(stats: Vec<ProviderStat>) -> impl IntoView {
    if stats.is_empty() {
        return view! { <p class="empty">{t("pv-no-stats")}</p> }.into_any();
    }
    let lang = use_lang();
    let body = stats
        .into_iter()
        .map(|s| {
            let testid = format!("stat-{}-{}", s.provider, s.operation);
            let op = operation_message(&s.operation).to_string();
            view! {
                <tr data-testid=testid>
                    <td>{s.provider.clone()}</td>
                    <td>{move || tr(lang.get(), &op)}</td>
                    <td class="num" data-col="calls">{s.calls}</td>
                    <td class="num" data-col="ok">{s.ok}</td>
                    <td class="num" data-col="not_found">{s.not_found}</td>
                    <td class="num" data-col="timeouts">{s.timeouts}</td>
                    <td class="num" data-col="errors">{s.errors}</td>
                    <td class="num" data-col="circuit_open">{s.circuit_open}</td>
                    <td class="num" data-col="cache_hits">{s.cache_hits}</td>
                    <td class="num" data-col="p50">{millis(s.p50_ms)}</td>
                    <td class="num" data-col="p95">{millis(s.p95_ms)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data" data-testid="provider-stats">
                <thead>
                    <tr>
                        <th>{t("pv-provider")}</th>
                        <th>{t("pv-operation")}</th>
                        <th class="num">{t("pv-calls")}</th>
                        <th class="num">{t("pv-outcome-ok")}</th>
                        <th class="num">{t("pv-outcome-not_found")}</th>
                        <th class="num">{t("pv-outcome-timeout")}</th>
                        <th class="num">{t("pv-outcome-error")}</th>
                        <th class="num">{t("pv-outcome-circuit_open")}</th>
                        <th class="num">{t("pv-outcome-cache_hit")}</th>
                        <th class="num">{t("pv-p50")}</th>
                        <th class="num">{t("pv-p95")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <p class="muted">{t("pv-latency-help")}</p>
    }
    .into_any()
}

#[component]
fn CallsTable(calls: Vec<ProviderCallRow>) -> impl IntoView {
    if calls.is_empty() {
        return view! { <p class="empty">{t("pv-no-calls")}</p> }.into_any();
    }
    let lang = use_lang();
    let body = calls
        .into_iter()
        .map(|c| {
            let class = match c.outcome.as_str() {
                "ok" => "badge badge-ok",
                "timeout" | "circuit_open" => "badge badge-warn",
                "error" => "badge badge-error",
                _ => "badge badge-neutral",
            };
            let op = operation_message(&c.operation).to_string();
            // Provider calls belong to no one country: Stockholm time, like the audit log.
            let recorded = c.recorded_at;
            let outcome = outcome_message(&c.outcome).to_string();
            view! {
                <tr data-testid=format!("call-{}", c.id)>
                    <td>{move || format_time(recorded, Country::SE, lang.get())}</td>
                    <td>{c.provider.clone()}</td>
                    <td>{move || tr(lang.get(), &op)}</td>
                    <td><span class=class data-outcome=c.outcome.clone()>{move || tr(lang.get(), &outcome)}</span></td>
                    <td class="num">{c.attempts}</td>
                    <td class="num">{format!("{} ms", c.latency_ms)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data" data-testid="provider-calls">
                <thead>
                    <tr>
                        <th>{t("cr-time")}</th>
                        <th>{t("pv-provider")}</th>
                        <th>{t("pv-operation")}</th>
                        <th>{t("pv-outcome")}</th>
                        <th class="num">{t("pv-attempts")}</th>
                        <th class="num">{t("pv-latency")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}
