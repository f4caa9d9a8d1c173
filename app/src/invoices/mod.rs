//! Invoices: numbers, OCR references, VAT breakdowns, due dates on banking days and the
//! invoice records a capture creates.

pub mod banking_days;

#[cfg(feature = "ssr")]
pub mod numbers;
pub mod ocr;
pub mod settings;
pub mod vat;
