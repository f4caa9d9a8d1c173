//! Orders placed by e-stores: authorization with a credit decision, captures into invoices,
//! refunds, cancels — the typed services behind both the REST API and the portal.

#[cfg(feature = "ssr")]
pub mod api_error;
pub mod batches;
pub mod capture_vat;
#[cfg(feature = "ssr")]
pub mod error;
pub mod lines;
pub mod search_types;
pub mod staff;
pub mod types;

#[cfg(feature = "ssr")]
pub mod alerts;
#[cfg(feature = "ssr")]
pub mod authorize;
#[cfg(feature = "ssr")]
pub mod capture;
#[cfg(feature = "ssr")]
pub mod idempotency;
#[cfg(feature = "ssr")]
pub mod manage;
#[cfg(feature = "ssr")]
pub mod refund;
#[cfg(feature = "ssr")]
pub mod schema;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod validate;
