//! The books: chart of accounts, the append-only double-entry journal, posting rules,
//! balances and reports, the daily close and the SIE 4 export.
//!
//! Every business module posts through [`post::post`] inside its own transaction, with an
//! [`entry::Entry`] built by a function in [`rules`]. The entry is checked for balance in Rust
//! before insert and again by PostgreSQL at COMMIT (a deferred constraint trigger).

pub mod accounts;
pub mod entry;
pub mod events;
pub mod rules;
pub mod sie;
pub mod vat;
pub mod views;

#[cfg(test)]
mod proptests;

#[cfg(feature = "ssr")]
pub mod close;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod post;
#[cfg(feature = "ssr")]
pub mod reports;
pub mod server_fns;

#[cfg(feature = "ssr")]
pub mod chart;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod journal;
