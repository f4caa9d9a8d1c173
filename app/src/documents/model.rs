//! The plain data of one invoice or credit note: everything printed, already looked up, so
//! drawing is a pure function of it (and tests and benchmarks can build one without a database).

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::invoices::vat::VatRow;
use crate::ktime::Country;
use crate::money::Currency;

/// Invoice or credit note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentKind {
    /// An invoice: due date and payment block.
    Invoice,
    /// A credit note against an earlier invoice.
    CreditNote {
        /// The number of the invoice it credits.
        invoice_number: i64,
        /// That invoice's date.
        invoice_date: NaiveDate,
    },
}

/// A postal address block (the customer in the envelope window).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recipient {
    /// Full name.
    pub name: String,
    /// c/o line, may be empty.
    pub care_of: String,
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// Town.
    pub city: String,
    /// ISO country code; printed only when it differs from the invoice's country.
    pub country: String,
}

/// One line of goods (or a discount, shipping, …), amounts in minor units incl. VAT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    /// What the customer sees.
    pub name: String,
    /// How many.
    pub quantity: i64,
    /// Unit of the quantity (`pcs`, `kg`), if given.
    pub unit: Option<String>,
    /// Price of one unit incl. VAT.
    pub unit_price: i64,
    /// Hundredths of a percent.
    pub tax_rate: i64,
    /// The line's amount incl. VAT (after discount).
    pub amount: i64,
}

/// Everything one document shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The invoice's (or refund's) id: the PDF's document id derives from it.
    pub id: uuid::Uuid,
    /// Invoice or credit note.
    pub kind: DocumentKind,
    /// The document's language.
    pub lang: Lang,
    /// The invoice's country: payment block, terms, customer service.
    pub country: Country,
    /// The currency of every amount.
    pub currency: Currency,
    /// Invoice or credit-note number.
    pub number: i64,
    /// Invoice (or credit-note) date; also the PDF's creation date.
    pub date: NaiveDate,
    /// Due date (a banking day); `None` on a credit note.
    pub due_date: Option<NaiveDate>,
    /// The agreement's payment terms in days.
    pub payment_terms_days: i64,
    /// The merchant's order reference (or the order id when it gave none).
    pub order_reference: String,
    /// The e-store the customer bought from.
    pub merchant_name: String,
    /// The customer's postal address as of the document date.
    pub recipient: Recipient,
    /// The goods lines.
    pub lines: Vec<DocLine>,
    /// VAT per rate over goods and fee together.
    pub vat: Vec<VatRow>,
    /// Kreditor's invoice fee incl. VAT (0 on credit notes).
    pub fee: i64,
    /// What the customer pays (or is credited): goods + fee.
    pub total: i64,
    /// The OCR / KID / viitenumero / FIK payment id.
    pub reference: String,
}

impl Document {
    /// Sum of the goods lines (what pages carry forward).
    pub fn goods_total(&self) -> i64 {
        self.lines.iter().map(|l| l.amount).sum()
    }
}
