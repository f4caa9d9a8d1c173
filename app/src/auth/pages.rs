//! The login page.

use leptos::prelude::*;

use super::server_fns::Login;
use crate::i18n::{t, use_lang};
use crate::ui::components::{ActionError, CsrfField};
use crate::ui::form::{is_about, use_typed};
use crate::ui::layout::LanguageSwitch;

/// E-mail and password; works as a plain form post without JavaScript.
#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let result = Signal::derive(move || action.value().get());
    // The e-mail typed before a failed post without JavaScript (never the password).
    let typed = use_typed("login");
    let email_error = move || matches!(action.value().get(), Some(Err(e)) if is_about(&e, "email"));
    // The signed-in user's own language takes over (the server did the same for the session).
    let lang = use_lang();
    Effect::new(move |_| {
        if let Some(Ok(chosen)) = action.value().get() {
            lang.set(chosen);
        }
    });
    view! {
        <div class="login-page">
            <main class="login-card card">
                <h1 class="brand">"Kreditor"</h1>
                <p class="muted">{t("login-intro")}</p>
                <ActionError result/>
                <ActionForm action attr:id="login-form" attr:class="form">
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
                    <button id="login-submit" type="submit" class="btn btn-primary">{t("login-submit")}</button>
                </ActionForm>
                <LanguageSwitch/>
            </main>
        </div>
    }
}
