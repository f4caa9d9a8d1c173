//! The portal frame: merchant name, signed-in user, language, logout, navigation and the page
//! outlet. A browser without a merchant session never gets here: the login gate sends it to
//! `/portal/login` first, as it sends staff pages to `/login`.

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

use super::batches::BATCHES_PATH;
use super::server_fns::{load_portal_user, PortalLogout};
use super::{PortalUser, API_KEYS_PATH, HOME_PATH};
use crate::i18n::t;
use crate::ui::components::{CsrfField, LoadError};
use crate::ui::flash::Flash;
use crate::ui::layout::LanguageSwitch;

/// The frame around every signed-in portal page.
#[component]
pub fn PortalLayout() -> impl IntoView {
    let user = Resource::new(|| (), |_| load_portal_user());
    view! {
        <div class="app-shell">
            <PortalNav/>
            <div class="main">
                <Suspense fallback=|| view! { <header class="topbar"></header> }>
                    {move || user.get().map(|r| match r {
                        Ok(user) => view! { <PortalTopbar user/> }.into_any(),
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

/// Areas of the portal.
#[component]
fn PortalNav() -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label=t("portal-nav-label")>
            <div class="brand">"Kreditor"</div>
            <ul class="nav">
                <li><A href=HOME_PATH exact=true>{t("portal-nav-orders")}</A></li>
                <li><A href=BATCHES_PATH>{t("portal-nav-batches")}</A></li>
                <li><A href=API_KEYS_PATH>{t("portal-nav-api-keys")}</A></li>
            </ul>
        </nav>
    }
}

#[component]
fn PortalTopbar(user: PortalUser) -> impl IntoView {
    view! {
        <header class="topbar">
            <div class="business-date" data-testid="portal-merchant">{user.merchant_name.clone()}</div>
            <div class="user-menu">
                <span class="user-name" data-testid="portal-user">{user.email.clone()}</span>
                <span class="badge badge-neutral">{t(user.role.message_id())}</span>
                <LanguageSwitch/>
                <PortalLogoutButton/>
            </div>
        </header>
    }
}

#[component]
fn PortalLogoutButton() -> impl IntoView {
    let action = ServerAction::<PortalLogout>::new();
    view! {
        <ActionForm action attr:class="logout">
            <CsrfField/>
            <button type="submit" class="btn-link" data-testid="portal-logout">{t("logout")}</button>
        </ActionForm>
    }
}
