//! The dashboard page.

use leptos::prelude::*;

use super::{load_dashboard, Dashboard};
use crate::i18n::format::{format_date, format_time};
use crate::i18n::{t, tr, use_lang};
use crate::ktime::Country;
use crate::ui::components::LoadError;

/// Business date, database pair and who is signed in.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_dashboard());
    view! {
        <h1>{t("nav-dashboard")}</h1>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(d) => view! { <Cards d/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Cards(d: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let Dashboard { clock, db, staff } = d;
    let up_down = move |up: bool| {
        let (class, id) = if up {
            ("badge badge-ok", "status-up")
        } else {
            ("badge badge-error", "status-down")
        };
        view! { <span class=class>{move || tr(lang.get(), id)}</span> }
    };
    let replication = db.replicas.first().cloned();
    let state = replication
        .as_ref()
        .map(|r| r.state.clone())
        .unwrap_or_else(|| "-".into());
    let sync = replication
        .as_ref()
        .map(|r| r.sync_state.clone())
        .unwrap_or_else(|| "-".into());
    let state_class = if state == "streaming" {
        "badge badge-ok"
    } else {
        "badge badge-error"
    };
    let sync_class = if sync == "sync" {
        "badge badge-ok"
    } else {
        "badge badge-warn"
    };
    let lag = db
        .max_replay_lag_ms()
        .map(|ms| format!("{ms} ms"))
        .unwrap_or_else(|| "-".into());
    let role_id = match staff.role {
        crate::auth::Role::Admin => "role-admin",
        crate::auth::Role::Support => "role-support",
        crate::auth::Role::Finance => "role-finance",
    };
    let today = clock.today_se;
    // The business clock as Stockholm's wall clock shows it (the date beside it is Sweden's).
    let now_at = clock.now;
    let now = move || format_time(now_at, Country::SE, lang.get());
    view! {
        <div class="cards">
            <section class="card">
                <h2>{t("dash-business-time")}</h2>
                <dl class="kv">
                    <dt>{t("business-date")}</dt>
                    <dd data-testid="business-date">{move || format_date(today, lang.get())}</dd>
                    <dt>{t("dash-clock")}</dt>
                    <dd>{now}</dd>
                    <dt>{t("dash-clock-mode")}</dt>
                    <dd>{move || tr(lang.get(), if clock.frozen { "clock-frozen" } else { "clock-running" })}</dd>
                </dl>
            </section>
            <section class="card">
                <h2>{t("dash-database")}</h2>
                <dl class="kv">
                    <dt>{t("dash-primary")}</dt>
                    <dd data-testid="primary-status">{up_down(db.primary_up)} " " <span class="muted">{db.primary_node.clone()}</span></dd>
                    <dt>{t("dash-standby")}</dt>
                    <dd>{up_down(db.standby_up)} " " <span class="muted">{db.standby_node.clone()}</span></dd>
                    <dt>{t("dash-replication")}</dt>
                    <dd data-testid="standby-status"><span class=state_class>{state}</span></dd>
                    <dt>{t("dash-sync")}</dt>
                    <dd data-testid="sync-state"><span class=sync_class>{sync}</span></dd>
                    <dt>{t("dash-lag")}</dt>
                    <dd>{lag}</dd>
                </dl>
            </section>
            <section class="card">
                <h2>{t("dash-signed-in")}</h2>
                <dl class="kv">
                    <dt>{t("field-name")}</dt>
                    <dd>{staff.display_name.clone()}</dd>
                    <dt>{t("field-email")}</dt>
                    <dd data-testid="current-user">{staff.email.clone()}</dd>
                    <dt>{t("field-role")}</dt>
                    <dd>{t(role_id)}</dd>
                </dl>
            </section>
        </div>
    }
}
