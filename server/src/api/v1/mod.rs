//! Version 1 of the merchant API.

pub mod orders;
