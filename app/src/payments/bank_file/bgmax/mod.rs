//! Bankgirot's BgMax ("Bankgiro Inbetalningar"): the fixed-column file of payments received on
//! a bankgiro number, read into and written from the shared model ([`super::model`]). Pure:
//! bytes in, model out, no database. The layout and what is accepted or refused are in
//! `docs/payments.md` ("BgMax"); the positions in [`records`].

mod read;
pub mod records;
mod write;

#[cfg(test)]
mod tests;

pub use read::read;
pub use write::write;
