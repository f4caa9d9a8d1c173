//! Getting paid: bank files in (camt.054, BgMax), payment matching and allocation, customer
//! payouts (pain.001). Parsers and writers of the file formats live in `bank_file/` and
//! `payout_file/` and know nothing of the database; the services that import, match and book
//! build on their one model (`bank_file::model`).

pub mod allocate;
pub mod bank_file;
#[cfg(feature = "ssr")]
pub mod error;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod invoices_due;
#[cfg(feature = "ssr")]
pub mod payout_file;
#[cfg(feature = "ssr")]
pub mod schema;
