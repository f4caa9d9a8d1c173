//! ISO 20022 camt.054 (BankToCustomerDebitCreditNotification), versions 001.02 and 001.08:
//! the bank's notice of what was booked on Kreditor's accounts, read into and written from the
//! one bank-file model ([`crate::payments::bank_file::model`]).
//!
//! **Read** ([`read`]): the version comes from the `Document` namespace (other versions and
//! other messages are refused by name). One `Ntfctn` per account, any number of `Ntry` per
//! notification; every `Ntry` becomes one [`Deposit`](super::model::Deposit), every
//! `NtryDtls/TxDtls` in it one payment (an entry without details is one payment of its whole
//! amount). Amounts become exact minor units; the sign is `CdtDbtInd` (DBIT, also with
//! `RvslInd` true, is a [`Return`](super::model::PaymentKind::Return)). References: each
//! `RmtInf/Strd` with `CdtrRefInf/Ref` is a structured reference (Swedish OCR, Norwegian KID,
//! Finnish viitenumero or RF, Danish FIK: all arrive there, with or without `Tp` SCOR), its
//! `RfrdDocAmt/RmtdAmt` (or a deducted `CdtNoteAmt`) the part of the payment meant for it; a
//! `Strd` with only `RfrdDocInf/Nb` (an invoice or credit-note number) is an unstructured
//! reference; with no `Strd` reference at all, the `Ustrd` lines are. `Ustrd` lines are always
//! the payment's information. Payer from `RltdPties/Dbtr` (`Pty` in 001.08) and `DbtrAcct`.
//!
//! **Refused, the whole file** (a [`FileError`](super::model::FileError) with the XML path and
//! element): not UTF-8, larger than [`MAX_FILE_BYTES`], nested deeper than [`xml::MAX_DEPTH`],
//! not well-formed or truncated, a DTD; a currency other than SEK, NOK, DKK, EUR; an amount in
//! another currency than its account (`Acct/Ccy`) or entry; an amount that is negative,
//! malformed or has more decimals than its currency; an entry whose transactions do not add
//! up to it, or that is not booked (`Sts` other than BOOK); a batch whose `NbOfTxs` or
//! `TtlAmt` disagree with its transactions; a `TxsSummry` count or sum that disagrees with the
//! entries; a credit with `RvslInd` true (it reverses money Kreditor paid out: not an incoming
//! payment); several transactions in one entry where one gives no amount; a missing `MsgId`,
//! `CreDtTm`, account id, `CdtDbtInd` or booking date. Elements Kreditor has no use for
//! (charges, bank transaction codes, agents, supplementary data, …) are skipped unread.
//!
//! **Write** ([`write`], [`write_to`]): a schema-valid file of either version, one `Ntfctn`
//! per run of deposits on the same account and currency, streamed entry by entry.

mod amount;
mod read;
mod write;
mod xml;

#[cfg(test)]
mod tests;

pub use read::read;
pub use write::{write, write_to};

use super::model::FileFormat;

/// Largest file read: 200 MiB, about a million payments. The reader holds the file and the
/// model in memory (never a DOM of the whole file), so this bounds its memory too.
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// How every camt.054 namespace begins; the version follows.
const NAMESPACE_PREFIX: &str = "urn:iso:std:iso:20022:tech:xsd:camt.054.";

/// The camt.054 versions Kreditor reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    /// 001.02 (2009), still what most Nordic banks send.
    V02,
    /// 001.08 (2019).
    V08,
}

impl Version {
    /// Both, for tests and selects.
    pub const ALL: [Version; 2] = [Version::V02, Version::V08];

    /// The XML namespace of the version's `Document`.
    pub fn namespace(self) -> &'static str {
        match self {
            Version::V02 => "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02",
            Version::V08 => "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08",
        }
    }

    /// The version whose namespace is `ns`.
    pub fn from_namespace(ns: &str) -> Option<Version> {
        Version::ALL.into_iter().find(|v| v.namespace() == ns)
    }

    /// The model's format code.
    pub fn format(self) -> FileFormat {
        match self {
            Version::V02 => FileFormat::Camt054V02,
            Version::V08 => FileFormat::Camt054V08,
        }
    }
}
