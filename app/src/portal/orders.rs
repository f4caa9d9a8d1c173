//! The portal's home page (`/portal`): the merchant's orders. For now a heading and an empty
//! state; the order list arrives with the order screens.

use leptos::prelude::*;

use crate::i18n::t;

/// `/portal`.
#[component]
pub fn PortalOrdersPage() -> impl IntoView {
    view! {
        <h1>{t("portal-nav-orders")}</h1>
        <p class="empty" data-testid="portal-orders-empty">{t("portal-orders-empty")}</p>
    }
}
