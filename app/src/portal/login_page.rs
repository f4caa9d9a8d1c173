//! The portal's login page (`/portal/login`).

use leptos::prelude::*;

use super::server_fns::PortalLogin;
use crate::i18n::t;
use crate::ui::components::{ActionError, CsrfField};
use crate::ui::form::{is_about, use_typed};
use crate::ui::layout::LanguageSwitch;

/// E-mail and password of a merchant user. A plain form post without JavaScript: the server
/// redirects to `/portal` on success, or back here with the error in the URL, which the form
/// shows (the same path the staff login page takes).
#[component]
pub fn PortalLoginPage() -> impl IntoView {
    let action = ServerAction::<PortalLogin>::new();
    let result = Signal::derive(move || action.value().get());
    // The e-mail typed before a failed post without JavaScript (never the password).
    let typed = use_typed("portal-login");
    let email_error = move || matches!(action.value().get(), Some(Err(e)) if is_about(&e, "email"));
    view! {
        <div class="login-page">
            <main class="login-card card">
                <h1 class="brand">"Kreditor"</h1>
                <p class="muted">{t("portal-login-intro")}</p>
                <ActionError result/>
                <ActionForm action attr:id="portal-login-form" attr:class="form">
                    <CsrfField/>
                    <Suspense fallback=|| ()>
                        <div class="field">
                            <label for="email">{t("field-email")}</label>
                            <input id="email" name="email" type="email" autocomplete="username" required
                                value=move || typed.get().and_then(|t| t.get("email"))
                                aria-invalid=move || email_error().then_some("true")/>
                        </div>
                    </Suspense>
                    <div class="field">
                        <label for="password">{t("field-password")}</label>
                        <input id="password" name="password" type="password" autocomplete="current-password" required/>
                    </div>
                    <button id="portal-login-submit" type="submit" class="btn btn-primary">{t("login-submit")}</button>
                </ActionForm>
                <LanguageSwitch/>
            </main>
        </div>
    }
}
