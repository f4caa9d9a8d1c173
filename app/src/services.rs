//! The services the server hands to every page render and server function (via context).

pub use crate::auth::settings::AuthSettings;
use crate::credit::providers::Providers;
use crate::kdb::Kdb;
use crate::ktime::Ktime;

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct Services {
    /// The database.
    pub kdb: Kdb,
    /// The business clock.
    pub ktime: Ktime,
    /// Login and session rules.
    pub auth: AuthSettings,
    /// Login rate limits and the bound on concurrent password hashing (shared by all
    /// requests of this node).
    pub login_limits: std::sync::Arc<crate::auth::throttle::LoginLimits>,
    /// Address and score look-ups for credit decisions.
    pub providers: Providers,
    /// OCR agreement and invoice-fee VAT.
    pub invoicing: crate::invoices::settings::InvoiceSettings,
    /// When a merchant's share of refused credit decisions raises an alert.
    pub rejection_alert: crate::orders::alerts::RejectionAlert,
}
