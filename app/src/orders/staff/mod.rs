//! Staff screens for orders and invoices (admin, support and finance read them): order search
//! across merchants, the order with the decision that authorized it, the invoice list and an
//! invoice with its journal entries. Also the customer page's orders, decisions and exposure.

pub mod invoice_pages;
pub mod pages;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod queries;
