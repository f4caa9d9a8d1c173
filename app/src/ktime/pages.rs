//! The settings page: the business clock, which admins may move in demo and test
//! installations (never in production).

use leptos::prelude::*;

use super::{AppEnv, ClockView};
use crate::error::AppError;
use crate::i18n::format::{format_date, format_time};
use crate::i18n::{t, tr, use_lang};
use crate::ui::components::{ActionError, CsrfField, LoadError};

/// The clock as it stands (any signed-in staff user may look).
#[server(prefix = "/api", endpoint = "clock", input = leptos::server_fn::codec::GetUrl)]
pub async fn clock() -> Result<ClockView, AppError> {
    use crate::request::with_status;
    with_status(
        async {
            crate::auth::guard::require_staff().await?;
            let s = crate::request::services()?;
            Ok(s.ktime.view(&s.kdb).await?)
        }
        .await,
    )
}

/// Moves the clock forward by `days` days and `hours` hours (admin only).
#[server(prefix = "/api", endpoint = "advance_clock")]
pub async fn advance_clock(days: String, hours: Option<String>) -> Result<ClockView, AppError> {
    use crate::request::with_status;
    with_status(
        async {
            let cap = crate::auth::guard::require_role(&[crate::auth::Role::Admin]).await?;
            let days = parse_count("days", &days, 3650)?;
            let hours = parse_count("hours", hours.as_deref().unwrap_or("0"), 24 * 3650)?;
            if days == 0 && hours == 0 {
                return Err(AppError::invalid("days", "ERR_ZERO_ADVANCE"));
            }
            let s = crate::request::services()?;
            let by = chrono::Duration::days(days) + chrono::Duration::hours(hours);
            let moved = s
                .ktime
                .advance(&s.kdb, &cap.ctx, by)
                .await
                .map_err(clock_error)?;
            crate::ui::flash::back_done("/settings", "clock-changed");
            Ok(moved)
        }
        .await,
    )
}

/// Sets the clock to a date and time (Europe/Stockholm), optionally frozen (admin only).
#[server(prefix = "/api", endpoint = "set_clock")]
pub async fn set_clock(
    date: String,
    time: Option<String>,
    freeze: Option<String>,
) -> Result<ClockView, AppError> {
    use crate::request::with_status;
    use chrono::TimeZone;
    with_status(
        async {
            let cap = crate::auth::guard::require_role(&[crate::auth::Role::Admin]).await?;
            let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::invalid("date", "ERR_INVALID_DATE"))?;
            let time_text = time.unwrap_or_default();
            let clock_time = if time_text.trim().is_empty() {
                chrono::NaiveTime::MIN
            } else {
                chrono::NaiveTime::parse_from_str(time_text.trim(), "%H:%M")
                    .map_err(|_| AppError::invalid("time", "ERR_INVALID_TIME"))?
            };
            let local = super::Country::SE
                .time_zone()
                .from_local_datetime(&day.and_time(clock_time))
                .earliest()
                .ok_or_else(|| AppError::invalid("time", "ERR_INVALID_TIME"))?;
            let s = crate::request::services()?;
            s.ktime
                .set(
                    &s.kdb,
                    &cap.ctx,
                    local.with_timezone(&chrono::Utc),
                    freeze.is_some(),
                )
                .await
                .map_err(clock_error)
                .inspect(|_| crate::ui::flash::back_done("/settings", "clock-changed"))
        }
        .await,
    )
}

/// Stops or restarts the clock (admin only).
#[server(prefix = "/api", endpoint = "freeze_clock")]
pub async fn freeze_clock(frozen: String) -> Result<ClockView, AppError> {
    use crate::request::with_status;
    with_status(
        async {
            let cap = crate::auth::guard::require_role(&[crate::auth::Role::Admin]).await?;
            let s = crate::request::services()?;
            let result = match frozen.as_str() {
                "true" => s.ktime.freeze(&s.kdb, &cap.ctx).await,
                "false" => s.ktime.resume(&s.kdb, &cap.ctx).await,
                _ => return Err(AppError::invalid("frozen", "ERR_INVALID_CHOICE")),
            };
            result
                .map_err(clock_error)
                .inspect(|_| crate::ui::flash::back_done("/settings", "clock-changed"))
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn parse_count(field: &str, text: &str, max: i64) -> Result<i64, AppError> {
    let text = text.trim().trim_start_matches('+');
    let text = if text.is_empty() { "0" } else { text };
    match text.parse::<i64>() {
        Ok(n) if (0..=max).contains(&n) => Ok(n),
        _ => Err(AppError::invalid(field, "ERR_INVALID_COUNT")),
    }
}

#[cfg(feature = "ssr")]
fn clock_error(e: super::KtimeError) -> AppError {
    match e {
        super::KtimeError::TimeTravelRefused => AppError::Refused {
            code: "ERR_TIME_TRAVEL_REFUSED".into(),
        },
        super::KtimeError::Backwards => AppError::Refused {
            code: "ERR_CLOCK_BACKWARDS".into(),
        },
        super::KtimeError::Db(e) => e.into(),
    }
}

/// Settings: the business clock.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let advance = ServerAction::<AdvanceClock>::new();
    let set = ServerAction::<SetClock>::new();
    let freeze = ServerAction::<FreezeClock>::new();
    let view_clock = Resource::new(
        move || {
            (
                advance.version().get(),
                set.version().get(),
                freeze.version().get(),
            )
        },
        |_| clock(),
    );
    view! {
        <h1>{t("nav-settings")}</h1>
        <section class="card">
            <h2>{t("settings-clock")}</h2>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                {move || view_clock.get().map(|r| match r {
                    Ok(c) => view! { <ClockState c/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                })}
            </Suspense>
            <ActionError result=Signal::derive(move || advance.value().get())/>
            <ActionError result=Signal::derive(move || set.value().get())/>
            <ActionError result=Signal::derive(move || freeze.value().get())/>
            <div class="cards">
                <ActionForm action=advance attr:class="form" attr:id="advance-clock">
                    <CsrfField/>
                    <h3>{t("settings-advance")}</h3>
                    <div class="form-row">
                        <div class="field">
                            <label for="advance-days">{t("field-days")}</label>
                            <input id="advance-days" name="days" type="number" min="0" max="3650" value="1"/>
                        </div>
                        <div class="field">
                            <label for="advance-hours">{t("field-hours")}</label>
                            <input id="advance-hours" name="hours" type="number" min="0" value="0"/>
                        </div>
                    </div>
                    <button type="submit" class="btn btn-primary">{t("settings-advance-submit")}</button>
                </ActionForm>
                <ActionForm action=set attr:class="form" attr:id="set-clock">
                    <CsrfField/>
                    <h3>{t("settings-set")}</h3>
                    <div class="form-row">
                        <div class="field">
                            <label for="set-date">{t("field-date")}</label>
                            <input id="set-date" name="date" type="date" required/>
                        </div>
                        <div class="field">
                            <label for="set-time">{t("field-time")}</label>
                            <input id="set-time" name="time" type="time"/>
                        </div>
                    </div>
                    <div class="field">
                        <label><input type="checkbox" name="freeze" value="on"/> " " {t("settings-freeze-there")}</label>
                    </div>
                    <button type="submit" class="btn btn-primary">{t("settings-set-submit")}</button>
                </ActionForm>
            </div>
            <ActionForm action=freeze attr:class="form-row">
                <CsrfField/>
                <button type="submit" name="frozen" value="true" class="btn btn-secondary">{t("settings-freeze")}</button>
                <button type="submit" name="frozen" value="false" class="btn btn-secondary">{t("settings-resume")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn ClockState(c: ClockView) -> impl IntoView {
    let lang = use_lang();
    // Rounded: the offset is a few milliseconds short of whole days (it is measured after
    // the business time was read).
    let offset_days = (c.offset_ms + 43_200_000).div_euclid(86_400_000);
    let (today, now) = (c.today_se, c.now);
    let production = c.env == AppEnv::Production;
    view! {
        <dl class="kv" data-testid="clock-state">
            <dt>{t("business-date")}</dt>
            <dd data-testid="clock-date">{move || format_date(today, lang.get())}</dd>
            <dt>{t("dash-clock")}</dt>
            <dd data-testid="clock-now">{move || format_time(now, super::Country::SE, lang.get())}</dd>
            <dt>{t("settings-offset")}</dt>
            <dd>{move || crate::i18n::tr_args(lang.get(), "settings-offset-days", &[("days", offset_days.to_string())])}</dd>
            <dt>{t("dash-clock-mode")}</dt>
            <dd>{move || tr(lang.get(), if c.frozen { "clock-frozen" } else { "clock-running" })}</dd>
            <dt>{t("settings-env")}</dt>
            <dd><span class="badge badge-neutral">{c.env.as_str()}</span></dd>
        </dl>
        {production.then(|| view! { <div class="alert alert-info">{t("settings-production-clock")}</div> })}
    }
}
