//! Cases ("Kcases"): the staff work queue. Payments that did not match, overpayments,
//! disputes and customer contacts become cases with a type, status, priority, an SLA due time
//! on the business clock, an assignee, links to the customer / invoice / payment / order, and
//! a notes thread; every change is audited.

#[cfg(feature = "ssr")]
pub mod open;
#[cfg(feature = "ssr")]
pub mod schema;
pub mod types;
