//! Version 1 of the merchant API.

pub mod batches;
pub mod orders;
