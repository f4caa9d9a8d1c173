//! The back-office frame: navigation, top bar (business date, user, language, logout) and the
//! page outlet.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use serde::{Deserialize, Serialize};

use super::components::{CsrfField, LoadError};
use super::flash::Flash;
use crate::auth::server_fns::{Logout, SetLanguage};
use crate::auth::StaffInfo;
use crate::error::AppError;
use crate::i18n::format::format_date;
use crate::i18n::{t, tr, use_lang, Lang};
use crate::ktime::AppEnv;

/// What the frame shows on every page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutInfo {
    /// The signed-in user.
    pub staff: StaffInfo,
    /// Business date in Sweden.
    pub business_date: NaiveDate,
    /// Installation mode (shown when not production).
    pub env: AppEnv,
}

/// The signed-in user and the business date.
#[server(prefix = "/api", endpoint = "load_layout", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_layout() -> Result<LayoutInfo, AppError> {
    use crate::ktime::Country;
    use crate::request::services;
    use crate::request::with_status;
    with_status(
        async {
            let cap = crate::auth::guard::require_staff().await?;
            let services = services()?;
            let business_date = services.ktime.today(&services.kdb, Country::SE).await?;
            Ok(LayoutInfo {
                staff: cap.staff,
                business_date,
                env: services.ktime.env(),
            })
        }
        .await,
    )
}

/// Areas of the back office: (path, message id). `None` = arrives with a later release.
const NAV: &[(Option<&str>, &str)] = &[
    (Some("/"), "nav-dashboard"),
    (Some("/customers"), "nav-customers"),
    (Some("/credit/rulesets"), "nav-credit"),
    (Some("/orders"), "nav-orders"),
    (Some("/invoices"), "nav-invoices"),
    (None, "nav-payments"),
    (None, "nav-cases"),
    (None, "nav-installments"),
    (None, "nav-settlements"),
    (Some("/bookkeeping"), "nav-bookkeeping"),
    (Some("/merchants"), "nav-merchants"),
    (None, "nav-jobs"),
    (None, "nav-alarms"),
    (Some("/audit"), "nav-audit"),
    (Some("/settings"), "nav-settings"),
];

/// The frame around every signed-in page.
#[component]
pub fn Layout() -> impl IntoView {
    let info = Resource::new(|| (), |_| load_layout());
    view! {
        <div class="app-shell">
            <Sidebar/>
            <div class="main">
                <Suspense fallback=|| view! { <header class="topbar"></header> }>
                    {move || info.get().map(|r| match r {
                        Ok(info) => view! { <Topbar info/> }.into_any(),
                        Err(e) => view! { <header class="topbar"><LoadError error=e/></header> }.into_any(),
                    })}
                </Suspense>
                <main class="content" id="content">
                    <Flash/>
                    <Outlet/>
                </main>
            </div>
        </div>
    }
}

#[component]
fn Sidebar() -> impl IntoView {
    let lang = use_lang();
    let items = NAV
        .iter()
        .map(|(href, id)| {
            let id: &'static str = id;
            match href {
                Some(href) => view! { <li><A href=*href>{t(id)}</A></li> }.into_any(),
                None => view! {
                    <li><span class="nav-later" aria-disabled="true" title=move || tr(lang.get(), "nav-later")>{t(id)}</span></li>
                }
                .into_any(),
            }
        })
        .collect_view();
    view! {
        <nav class="sidebar" aria-label=t("nav-label")>
            <div class="brand">"Kreditor"</div>
            <ul class="nav">{items}</ul>
        </nav>
    }
}

#[component]
fn Topbar(info: LayoutInfo) -> impl IntoView {
    let lang = use_lang();
    let date = info.business_date;
    let env = info.env;
    let role_id = match info.staff.role {
        crate::auth::Role::Admin => "role-admin",
        crate::auth::Role::Support => "role-support",
        crate::auth::Role::Finance => "role-finance",
    };
    view! {
        <header class="topbar">
            <div class="business-date">
                {t("business-date")} ": " {move || format_date(date, lang.get())}
                {(env != AppEnv::Production).then(|| view! { " " <span class="badge badge-warn">{env.as_str()}</span> })}
            </div>
            <div class="user-menu">
                <span class="user-name">{info.staff.display_name.clone()}</span>
                <span class="badge badge-neutral">{t(role_id)}</span>
                <LanguageSwitch/>
                <LogoutButton/>
            </div>
        </header>
    }
}

/// One button per language, labelled with its code and named in its own language (so a
/// reader finds theirs whatever the page's language); the current one is pressed.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SetLanguage>::new();
    Effect::new(move |_| {
        if let Some(Ok(chosen)) = action.value().get() {
            lang.set(chosen);
        }
    });
    let button = move |l: Lang| {
        view! {
            <button type="submit" name="lang" value=l.code() class="btn btn-secondary"
                title=l.native_name() aria-label=l.native_name()
                aria-pressed=move || (lang.get() == l).to_string() lang=l.code()>
                {l.code().to_uppercase()}
            </button>
        }
    };
    view! {
        <ActionForm action attr:class="lang-switch">
            <CsrfField/>
            {Lang::ALL.map(button).to_vec()}
        </ActionForm>
    }
}

#[component]
fn LogoutButton() -> impl IntoView {
    let action = ServerAction::<Logout>::new();
    view! {
        <ActionForm action attr:class="logout">
            <CsrfField/>
            <button type="submit" class="btn-link" data-testid="logout">{t("logout")}</button>
        </ActionForm>
    }
}
