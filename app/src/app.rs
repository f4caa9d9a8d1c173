//! The root: HTML shell, language and CSRF context, and the route table.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::audit::page::AuditPage;
use crate::auth::pages::LoginPage;
use crate::credit::providers::pages::ProvidersPage;
use crate::credit::rulesets::pages::{DecisionPage, DecisionsPage, RulesetPage, RulesetsPage};
use crate::customers::pages::{CustomerPage, CustomersPage};
use crate::dashboard::page::DashboardPage;
use crate::i18n::{tr, Lang};
use crate::ktime::pages::SettingsPage;
use crate::ledger::pages::{AccountsPage, EntryPage, JournalPage, StatementPage, TrialBalancePage};
use crate::merchants::pages::{AgreementReviewPage, MerchantPage, MerchantsPage};
use crate::orders::staff::invoice_pages::{InvoicePage, InvoicesPage};
use crate::orders::staff::pages::{OrderPage, OrdersPage};
use crate::portal::api_keys_page::PortalApiKeysPage;
use crate::portal::batches_page::{PortalBatchPage, PortalBatchesPage};
use crate::portal::layout::PortalLayout;
use crate::portal::login_page::PortalLoginPage;
use crate::portal::orders::order_page::PortalOrderPage;
use crate::portal::orders::PortalOrdersPage;
use crate::request::CsrfToken;
use crate::ui::layout::Layout;

/// The full HTML document rendered by the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = initial_lang();
    let csrf = initial_csrf();
    #[cfg(feature = "ssr")]
    set_page_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="csrf-token" content=csrf/>
                <link rel="stylesheet" href="/pkg/main.css"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: context, then routes. Every route renders completely on the server
/// (`SsrMode::Async`) so the pages work without JavaScript.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = RwSignal::new(initial_lang());
    provide_context(lang);
    provide_context(CsrfToken(initial_csrf()));
    mark_hydrated(lang);

    view! {
        <Title text="Kreditor"/>
        <Router>
            <Routes fallback=move || view! { <p class="empty">{tr(lang.get_untracked(), "page-not-found")}</p> }>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=Layout ssr=SsrMode::Async>
                    <Route path=path!("") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("settings") view=SettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("customers") view=CustomersPage ssr=SsrMode::Async/>
                    <Route path=path!("customers/:id") view=CustomerPage ssr=SsrMode::Async/>
                    <Route path=path!("merchants") view=MerchantsPage ssr=SsrMode::Async/>
                    <Route path=path!("merchants/:id") view=MerchantPage ssr=SsrMode::Async/>
                    <Route path=path!("merchants/:id/agreement") view=AgreementReviewPage ssr=SsrMode::Async/>
                    <Route path=path!("orders") view=OrdersPage ssr=SsrMode::Async/>
                    <Route path=path!("orders/:id") view=OrderPage ssr=SsrMode::Async/>
                    <Route path=path!("invoices") view=InvoicesPage ssr=SsrMode::Async/>
                    <Route path=path!("invoices/:id") view=InvoicePage ssr=SsrMode::Async/>
                    <Route path=path!("credit/rulesets") view=RulesetsPage ssr=SsrMode::Async/>
                    <Route path=path!("credit/rulesets/:id") view=RulesetPage ssr=SsrMode::Async/>
                    <Route path=path!("credit/decisions") view=DecisionsPage ssr=SsrMode::Async/>
                    <Route path=path!("credit/decisions/:id") view=DecisionPage ssr=SsrMode::Async/>
                    <Route path=path!("credit/providers") view=ProvidersPage ssr=SsrMode::Async/>
                    <Route path=path!("bookkeeping") view=TrialBalancePage ssr=SsrMode::Async/>
                    <Route path=path!("bookkeeping/journal") view=JournalPage ssr=SsrMode::Async/>
                    <Route path=path!("bookkeeping/entries/:id") view=EntryPage ssr=SsrMode::Async/>
                    <Route path=path!("bookkeeping/statement") view=StatementPage ssr=SsrMode::Async/>
                    <Route path=path!("bookkeeping/accounts") view=AccountsPage ssr=SsrMode::Async/>
                </ParentRoute>
                <Route path=path!("/portal/login") view=PortalLoginPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("portal") view=PortalLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=PortalOrdersPage ssr=SsrMode::Async/>
                    <Route path=path!("api-keys") view=PortalApiKeysPage ssr=SsrMode::Async/>
                    <Route path=path!("orders/:id") view=PortalOrderPage ssr=SsrMode::Async/>
                    <Route path=path!("batches") view=PortalBatchesPage ssr=SsrMode::Async/>
                    <Route path=path!("batches/:id") view=PortalBatchPage ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// In the browser: keep `<html lang>` in step with the language signal, and set
/// `data-hydrated` once the wasm runs (browser tests wait for it before clicking).
fn mark_hydrated(lang: RwSignal<Lang>) {
    Effect::new(move |_| {
        let code = lang.get().code();
        #[cfg(feature = "hydrate")]
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
            let _ = root.set_attribute("data-hydrated", "true");
        }
        let _ = code;
    });
}

/// The Content-Security-Policy of a page: scripts only from our origin and those carrying this
/// response's nonce (Leptos puts it on the hydration script and the inline resource data), the
/// wasm compiled by the browser (`'wasm-unsafe-eval'`), styles only from `/pkg/main.css`, no
/// framing. The server's security-headers middleware keeps it and adds the rest.
#[cfg(feature = "ssr")]
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
}

#[cfg(feature = "ssr")]
fn set_page_policy() {
    let (Some(options), Some(nonce)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        leptos::nonce::use_nonce(),
    ) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&page_policy(&nonce)) {
        options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(feature = "ssr")]
fn initial_lang() -> Lang {
    crate::request::extension::<crate::request::RequestLang>()
        .map(|l| l.0)
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn initial_lang() -> Lang {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

#[cfg(feature = "ssr")]
fn initial_csrf() -> String {
    crate::request::extension::<CsrfToken>()
        .map(|t| t.0)
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn initial_csrf() -> String {
    document()
        .query_selector("meta[name=csrf-token]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("content"))
        .unwrap_or_default()
}
