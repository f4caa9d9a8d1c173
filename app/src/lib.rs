//! Kreditor's application library: pages and components (server-rendered and hydrated) and,
//! behind the `ssr` feature, the domain services and database access they call.

pub mod app;
pub mod audit;
pub mod auth;
pub mod cases;
pub mod credit;
pub mod customers;
pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod documents;
pub mod error;
pub mod i18n;
pub mod invoices;
pub mod ktime;
pub mod ledger;
pub mod merchants;
pub mod money;
pub mod ops;
pub mod orders;
pub mod payments;
pub mod portal;
pub mod request;
pub mod text;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod csv_file;
#[cfg(feature = "ssr")]
pub mod kdb;
#[cfg(feature = "ssr")]
pub mod rate_limit;
#[cfg(feature = "ssr")]
pub mod schema;
#[cfg(feature = "ssr")]
pub mod services;

/// Browser entry point: attaches the server-rendered page to the reactive app.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
