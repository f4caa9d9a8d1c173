//! How this installation issues invoices: the OCR agreement with Bankgirot and the VAT on
//! the invoice fee.

use super::ocr::OcrConfig;
use super::vat::InvoiceFeeVat;

/// Invoice settings (server configuration `OCR_LENGTH_DIGIT`, `INVOICE_FEE_VAT_RATE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InvoiceSettings {
    /// The Swedish OCR agreement's options (check digit always; length digit if agreed).
    pub ocr: OcrConfig,
    /// VAT on the invoice fee (exempt by default: a credit fee is a financial service).
    pub fee_vat: InvoiceFeeVat,
}
