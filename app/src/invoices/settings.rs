//! How this installation issues invoices: the OCR agreement with Bankgirot and the VAT on
//! the invoice fee.

use super::ocr::OcrConfig;
use super::vat::InvoiceFeeVat;

/// Invoice settings (server configuration `OCR_LENGTH_DIGIT`, `INVOICE_FEE_VAT_RATE`,
/// `PAYMENT_ALLOCATION_ORDER`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InvoiceSettings {
    /// The Swedish OCR agreement's options (check digit always; length digit if agreed).
    pub ocr: OcrConfig,
    /// VAT on the invoice fee (exempt by default: a credit fee is a financial service).
    pub fee_vat: InvoiceFeeVat,
    /// The order in which a payment settles an invoice's fee, interest and principal
    /// (`PAYMENT_ALLOCATION_ORDER`, default `fee,interest,principal`).
    pub allocation: crate::payments::allocate::AllocationOrder,
}
