//! Invoices: numbers, OCR references, VAT breakdowns and the invoice records a capture creates.

pub mod ocr;
pub mod settings;
pub mod vat;
