//! Payout files: money Kreditor sends out to customers (refunds of overpayments and of refunds
//! after payment), as an ISO 20022 pain.001.001.03 credit-transfer file for Kreditor's bank.
//!
//! Pure: no database, no clock. The caller (the payout export service) builds a
//! [`PayoutBatch`] from approved payouts, with the creation time taken from the business clock,
//! and [`write`] checks every field before writing anything: a batch with one bad field gives a
//! [`PayoutFileError`] naming it and no file, because a file the bank refuses (or, worse,
//! accepts and pays wrongly) is more expensive than a payout that waits for staff.
//!
//! What the file looks like and why (charge bearer, grouping, account schemes) is in
//! `docs/payments.md`, "Payout files (pain.001)".

mod pain001;
mod validate;

#[cfg(test)]
mod tests;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::money::Money;

pub use pain001::{write, NAMESPACE};

/// One pain.001 message: every approved payout to be sent in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutBatch {
    /// `GrpHdr/MsgId`: unique per file towards the bank (banks refuse a repeated one), at most
    /// 31 characters of the identifier set (letters, digits, `/-?:().,'+` and space), because
    /// each `PmtInfId` is this id plus `-` and the currency code (at most 35).
    pub message_id: String,
    /// `GrpHdr/CreDtTm`, written exactly as given (offset included). From the business clock:
    /// this module never reads a clock.
    pub created_at: DateTime<FixedOffset>,
    /// Kreditor, who pays.
    pub debtor: Debtor,
    /// `PmtInf/ReqdExctnDt`: the day the bank should pay; not before `created_at`'s date.
    pub execution_date: NaiveDate,
    /// The payouts, in the order they are written within their currency.
    pub payouts: Vec<Payout>,
}

/// The paying party: Kreditor and the account the money leaves from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debtor {
    /// `InitgPty/Nm` and `Dbtr/Nm`, at most 70 characters.
    pub name: String,
    /// `DbtrAcct`.
    pub account: DebtorAccount,
    /// `DbtrAgt/FinInstnId/BIC` of the bank that holds the account (8 or 11 characters).
    pub bic: String,
    /// Swedish organisation number (`556000-0000` or ten digits), written digits only as
    /// `OrgId/Othr/Id` with scheme `BANK`.
    pub org_number: String,
}

/// The account Kreditor pays from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DebtorAccount {
    /// An IBAN, with or without blanks.
    Iban(String),
    /// A Swedish bankgiro number (`5050-1055`), paid from through Bankgirot.
    Bankgiro(String),
}

/// One payout to one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payout {
    /// `PmtId/EndToEndId`: the payout's id, at most 35 identifier characters (a UUID goes in
    /// its 32-digit simple form). The bank returns it in pain.002 and camt.054, so it is how
    /// the bank's answer finds the payout again; unique within the batch.
    pub end_to_end_id: String,
    /// Above zero and exact to the currency's minor units (build it with
    /// [`Money::from_minor`]). Giro and Swedish bank accounts take SEK only; EUR goes to an
    /// IBAN (a SEPA credit transfer).
    pub amount: Money,
    /// Who receives it.
    pub creditor: Creditor,
    /// Where it goes, in the form the customer gave.
    pub account: CreditorAccount,
    /// What the customer sees on their statement.
    pub remittance: Remittance,
}

/// The receiving customer (`Cdtr`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Creditor {
    /// `Cdtr/Nm`, at most 70 characters.
    pub name: String,
    /// `Cdtr/PstlAdr`, when known (banks want it for payments abroad).
    pub address: Option<PostalAddress>,
}

/// A structured postal address (`PostalAddress6`); every line optional but the country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalAddress {
    /// `StrtNm` (with the house number, as customers write it), at most 70 characters.
    pub street: Option<String>,
    /// `PstCd`, at most 16 characters.
    pub postcode: Option<String>,
    /// `TwnNm`, at most 35 characters.
    pub town: Option<String>,
    /// `Ctry`: ISO 3166 alpha-2, upper case (`SE`).
    pub country: String,
}

/// The customer's account, in the forms customers give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditorAccount {
    /// An IBAN (blanks allowed) and, when known, the bank's BIC (`CdtrAgt`); without a BIC the
    /// creditor agent is left out (SEPA and the Nordic banks find it from the IBAN).
    Iban {
        /// The IBAN.
        iban: String,
        /// The BIC, 8 or 11 characters.
        bic: Option<String>,
    },
    /// A Swedish bankgiro number (`5050-1055`, `BG 5050-1055`).
    Bankgiro(String),
    /// A Swedish plusgiro number (`90 20 90-0`, `PG 902090-0`).
    Plusgiro(String),
    /// A Swedish bank account: clearing number (4 digits, Swedbank's 5 with `8` first) and
    /// account number (7 to 10 digits), blanks and dashes allowed in both.
    SwedishBank {
        /// Clearing number.
        clearing: String,
        /// Account number.
        account: String,
    },
}

/// `RmtInf`: the text or reference the customer sees with the money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remittance {
    /// `Ustrd`: free text, at most 140 characters.
    Text(String),
    /// `Strd/CdtrRefInf` with type `SCOR`: a structured creditor reference (OCR number, KID,
    /// RF reference), at most 35 identifier characters; an `RF` reference must pass its check.
    Reference(String),
}

/// Why a batch was not written: the first bad field and what is wrong with it.
///
/// `field` is the path in [`PayoutBatch`] (`payouts[3].creditor.name`, `debtor.account`);
/// `message` says what is wrong without repeating the value (names and account numbers are
/// personal data and must not reach logs).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct PayoutFileError {
    /// Where in the batch.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl PayoutFileError {
    fn new(field: impl Into<String>, message: impl Into<String>) -> PayoutFileError {
        PayoutFileError {
            field: field.into(),
            message: message.into(),
        }
    }
}
