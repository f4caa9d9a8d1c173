//! Merchants (e-stores): records, versioned agreements, portal users and API credentials,
//! and the admin screens for them.

pub mod pages;
pub mod payout;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod agreements;
#[cfg(feature = "ssr")]
pub mod credentials;
#[cfg(feature = "ssr")]
pub mod detail;
#[cfg(feature = "ssr")]
pub mod schema;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod users;

pub use types::*;
