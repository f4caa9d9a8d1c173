//! What a bank file says, independent of its format: the accounts it reports on, the bookings
//! (deposits) on each, and the single payments inside them with their references and payer.
//!
//! Amounts are integer minor units of the deposit's currency (öre, øre, cent): bank files carry
//! exact decimal amounts and nothing here is ever rounded. A reader that cannot represent a
//! file in this model exactly must reject the file, never approximate it.

use chrono::NaiveDate;

use crate::money::Currency;

/// The formats Kreditor reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileFormat {
    /// ISO 20022 BankToCustomerDebitCreditNotification, version 001.02 (2009 schema).
    Camt054V02,
    /// ISO 20022 BankToCustomerDebitCreditNotification, version 001.08 (2019 schema).
    Camt054V08,
    /// Bankgirot's BgMax (Bankgiro Inbetalningar), layout version 01.
    BgMax,
}

impl FileFormat {
    /// The stable code stored with an import and shown to staff.
    pub fn code(self) -> &'static str {
        match self {
            FileFormat::Camt054V02 => "camt.054.001.02",
            FileFormat::Camt054V08 => "camt.054.001.08",
            FileFormat::BgMax => "bgmax",
        }
    }
}

/// Where something is in the file, for error messages and for staff looking at a payment:
/// a 1-based line number (BgMax) or an XML path with 1-based element indices (camt.054,
/// e.g. `/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[3]/NtryDtls[1]/TxDtls[2]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Position {
    /// A 1-based line number.
    Line(u32),
    /// An XML element path.
    Path(String),
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Position::Line(n) => write!(f, "line {n}"),
            Position::Path(p) => f.write_str(p),
        }
    }
}

/// Why a file was refused: the first problem found, with where it is. A refused file is
/// imported not at all (all-or-nothing), so one error is enough to act on; `field` names the
/// record field or XML element in the format's own terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// Where in the file.
    pub position: Position,
    /// The field or element (`amount`, `TK15 deposit amount`, `Ntry/Amt@Ccy`, …).
    pub field: String,
    /// What is wrong, in English for staff and logs (no personal data: never echo a name or
    /// national id from the file, only positions, field names, counts and amounts).
    pub message: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.position, self.field, self.message)
    }
}

impl std::error::Error for FileError {}

/// A whole bank file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankFile {
    /// The format it was read from.
    pub format: FileFormat,
    /// The bank's identifier of the file: camt `GrpHdr/MsgId`; BgMax the TK01 timestamp
    /// (`YYYYMMDDhhmmssµµµµµµ`). Used with the content hash to say "already imported".
    pub file_id: String,
    /// When the bank created it, as written in the file (camt `GrpHdr/CreDtTm`, BgMax TK01).
    pub created: String,
    /// A test file (BgMax TK01 mark `T`); the import refuses test files outside demo mode.
    pub test: bool,
    /// The bookings in file order.
    pub deposits: Vec<Deposit>,
}

/// One booking on Kreditor's account: a BgMax deposit section (TK05 … TK15) or one camt.054
/// `Ntry` (a single payment or a batch of `TxDtls`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deposit {
    /// The receiving account as the file names it: bankgiro number (digits only) for BgMax,
    /// the `Ntfctn/Acct/Id` IBAN or other id (no spaces) for camt.054.
    pub account: String,
    /// The account's / booking's currency; every payment in the deposit is in it.
    pub currency: Currency,
    /// The date the bank booked the deposit (BgMax TK15 payment date, camt `BookgDt/Dt`):
    /// the date invoices count as paid on, on the business clock.
    pub booking_date: NaiveDate,
    /// The bank's total of the deposit in minor units, signed: credits positive, debits
    /// (returns, reversals) negative. Readers check it against the payments and refuse a file
    /// where they differ.
    pub total: i64,
    /// The bank's id of the booking: BgMax TK15 deposit serial number, camt `Ntry/AcctSvcrRef`
    /// (or `NtryRef`); empty when the file has none.
    pub bank_ref: String,
    /// The single payments in file order.
    pub payments: Vec<BankPayment>,
    /// Where the deposit starts in the file.
    pub position: Position,
}

/// One payment (or return of a payment) from one payer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankPayment {
    /// The bank's unique id of this transaction, stable across files, so the same payment in a
    /// second file is recognised: BgMax TK20/21 BGC serial number (with the deposit date and
    /// account); camt `TxDtls/Refs/AcctSvcrRef`, else `Refs/EndToEndId` (not `NOTPROVIDED`)
    /// plus the booking, else the entry's `AcctSvcrRef` with the transaction's index.
    pub bank_ref: String,
    /// Minor units, signed: positive money received, negative a return/reversal (camt
    /// `CdtDbtInd` DBIT or `RvslInd` true; BgMax TK21 deductions).
    pub amount: i64,
    /// What kind of movement this is.
    pub kind: PaymentKind,
    /// The references the payer gave, in file order. One entry for an ordinary OCR payment;
    /// several when the payment is split over invoices (BgMax TK22/TK23 with their own
    /// amounts); empty when the payer gave none.
    pub references: Vec<PaymentReference>,
    /// Free text from the payer or bank (BgMax TK25 lines, camt `RmtInf/Ustrd` lines).
    pub information: Vec<String>,
    /// Who paid, as far as the file says.
    pub payer: Payer,
    /// The value date when the file gives one (camt `ValDt/Dt`).
    pub value_date: Option<NaiveDate>,
    /// Where the payment is in the file.
    pub position: Position,
}

/// Received money, or money going back out again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentKind {
    /// An incoming payment (BgMax TK20, camt CRDT).
    Payment,
    /// A deduction (BgMax TK21, e.g. a credit note the payer deducted).
    Deduction,
    /// A payment the bank returned or reversed (camt DBIT or `RvslInd` true).
    Return,
}

/// A reference the payer gave with (part of) a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentReference {
    /// As written, trimmed (leading zeros kept: an OCR number's length can matter).
    pub value: String,
    /// Structured (an OCR/KID/viitenumero/RF/FIK field the bank checked the format of: BgMax
    /// reference code 2, camt `RmtInf/Strd/CdtrRefInf/Ref`) or free text the payer typed
    /// (BgMax code 4 or 5, camt `RmtInf/Ustrd`).
    pub structured: bool,
    /// The part of the payment meant for this reference, signed, when the file splits the
    /// payment (BgMax TK22 +, TK23 −; camt `RfrdDocAmt`); `None` = the whole payment.
    pub amount: Option<i64>,
    /// Whether the bank itself flagged the reference as wrong (BgMax reference code 5).
    pub bank_flagged_invalid: bool,
}

/// The payer as the file describes them. Personal data: stored with the payment for staff and
/// never logged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Payer {
    /// Name (BgMax TK26, camt `RltdPties/Dbtr/Nm`).
    pub name: Option<String>,
    /// Street lines.
    pub address: Vec<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Town.
    pub city: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
    /// The payer's own account: bankgiro (BgMax TK20 pos 3–12), IBAN or other id (camt
    /// `RltdPties/DbtrAcct`).
    pub account: Option<String>,
    /// Organisation or personal number when the bank gives one (BgMax TK29).
    pub national_id: Option<String>,
}
