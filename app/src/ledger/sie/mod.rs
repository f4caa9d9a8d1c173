//! SIE 4 (type 4E) export of the books: the writer, an independent reader and a validator.
//!
//! SIE is how Swedish accountants and auditors move books between programs. The writer refuses
//! anything an accountant's program would reject or misread (unbalanced vouchers, unknown
//! accounts, letters with no code page 437 byte) instead of producing a file that looks fine.
//! The reader is written separately from the writer, so reading our own output back is a real
//! check and not the writer agreeing with itself; it also reads other programs' files.

mod check;
pub mod cp437;
mod error;
mod read;
mod token;
mod validate;
mod write;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use rust_decimal::Decimal;

pub use error::SieError;
pub use read::{read_sie4, SieFile, SieFileAccount, SieFileTransaction, SieFileVoucher};
pub use validate::validate;
pub use write::write_sie4;

/// Everything a SIE 4E export of one fiscal year contains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SieExport {
    /// Name of the generating program (`#PROGRAM`).
    pub program: String,
    /// Version of the generating program (`#PROGRAM`).
    pub program_version: String,
    /// When the file was generated (`#GEN`).
    pub generated_on: NaiveDate,
    /// Who generated it (`#GEN`'s signature), if known.
    pub generated_by: Option<String>,
    /// The company's name (`#FNAMN`).
    pub company_name: String,
    /// Swedish organisation number, e.g. `556677-8899` (`#ORGNR`).
    pub org_nr: String,
    /// First and last day of the exported fiscal year (`#RAR 0`).
    pub fiscal_year: (NaiveDate, NaiveDate),
    /// First and last day of the year before (`#RAR -1`), if there was one.
    pub previous_year: Option<(NaiveDate, NaiveDate)>,
    /// The chart of accounts the numbers follow, e.g. `BAS2014` (`#KPTYP`).
    pub chart: String,
    /// The chart of accounts (`#KONTO` and `#KTYP`); every other account number must be here.
    pub accounts: Vec<SieAccount>,
    /// Opening balances of balance-sheet accounts (`#IB 0`).
    pub opening: Vec<(u32, Decimal)>,
    /// Closing balances of balance-sheet accounts (`#UB 0`).
    pub closing: Vec<(u32, Decimal)>,
    /// The year's result per income or expense account (`#RES 0`).
    pub results: Vec<(u32, Decimal)>,
    /// The year's vouchers (`#VER` with `#TRANS` rows).
    pub vouchers: Vec<SieVoucher>,
}

/// One account of the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SieAccount {
    /// BAS account number, e.g. 1510.
    pub number: u32,
    /// Account name, e.g. "Kundfordringar".
    pub name: String,
    /// Whether it is a balance-sheet or a result account.
    pub kind: SieAccountKind,
}

/// The SIE account type (`#KTYP`); it decides whether an account carries IB/UB or RES.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SieAccountKind {
    /// Tillgång (`T`): balance sheet, debit side.
    Asset,
    /// Skuld (`S`): balance sheet, credit side (equity included, as in SIE).
    Liability,
    /// Intäkt (`I`): result account.
    Income,
    /// Kostnad (`K`): result account.
    Expense,
}

impl SieAccountKind {
    /// The `#KTYP` letter.
    pub fn code(self) -> char {
        match self {
            SieAccountKind::Asset => 'T',
            SieAccountKind::Liability => 'S',
            SieAccountKind::Income => 'I',
            SieAccountKind::Expense => 'K',
        }
    }

    /// Parses a `#KTYP` letter.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "T" => Some(SieAccountKind::Asset),
            "S" => Some(SieAccountKind::Liability),
            "I" => Some(SieAccountKind::Income),
            "K" => Some(SieAccountKind::Expense),
            _ => None,
        }
    }

    /// Balance-sheet accounts carry their balance into the next year (IB/UB); result accounts
    /// start every year at zero (RES).
    pub fn is_balance_sheet(self) -> bool {
        matches!(self, SieAccountKind::Asset | SieAccountKind::Liability)
    }
}

/// One voucher (verifikation) with its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SieVoucher {
    /// Voucher series, e.g. "A".
    pub series: String,
    /// Number within the series.
    pub number: u64,
    /// Accounting date.
    pub date: NaiveDate,
    /// What the voucher records.
    pub text: String,
    /// When it was entered in the books.
    pub registered_on: NaiveDate,
    /// The rows; they must sum to exactly zero.
    pub transactions: Vec<SieTransaction>,
}

/// One voucher row (`#TRANS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SieTransaction {
    /// Account number; must be in the chart.
    pub account: u32,
    /// Debit positive, credit negative; at most two decimals (öre).
    pub amount: Decimal,
    /// Row text, if the row needs one beyond the voucher's.
    pub text: Option<String>,
}
