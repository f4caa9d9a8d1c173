//! The login page.

use leptos::prelude::*;

use super::server_fns::Login;
use crate::i18n::{t, use_lang};
use crate::ui::components::{ActionError, CsrfField};
use crate::ui::layout::LanguageSwitch;

/// E-mail and password; works as a plain form post without JavaScript.
#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let result = Signal::derive(move || action.value().get());
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
                    <div class="field">
                        <label for="email">{t("field-email")}</label>
                        <input id="email" name="email" type="email" autocomplete="username" required/>
                    </div>
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
