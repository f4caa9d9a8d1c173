//! The services the server hands to every page render and server function (via context).

use std::time::Duration;

use crate::credit::providers::Providers;
use crate::kdb::Kdb;
use crate::ktime::Ktime;

/// Login and session rules.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// A session unused this long is gone.
    pub idle_timeout: Duration,
    /// A session is gone this long after login, used or not.
    pub absolute_timeout: Duration,
    /// Failed logins in a row before the account is locked.
    pub max_failed_logins: i32,
    /// How long a locked account stays locked.
    pub lockout: Duration,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            idle_timeout: Duration::from_secs(30 * 60),
            absolute_timeout: Duration::from_secs(12 * 3600),
            max_failed_logins: 5,
            lockout: Duration::from_secs(15 * 60),
        }
    }
}

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct Services {
    /// The database.
    pub kdb: Kdb,
    /// The business clock.
    pub ktime: Ktime,
    /// Login and session rules.
    pub auth: AuthSettings,
    /// Address and score look-ups for credit decisions.
    pub providers: Providers,
    /// OCR agreement and invoice-fee VAT.
    pub invoicing: crate::invoices::settings::InvoiceSettings,
    /// When a merchant's share of refused credit decisions raises an alert.
    pub rejection_alert: crate::orders::alerts::RejectionAlert,
}
