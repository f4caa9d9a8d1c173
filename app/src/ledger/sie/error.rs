//! The one error type of the SIE writer and reader, naming what is wrong and where.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::SieAccountKind;

/// Why a SIE file could not be written or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SieError {
    /// A voucher's rows do not sum to zero.
    #[error("voucher {series} {number} does not balance: its rows sum to {sum}")]
    UnbalancedVoucher {
        /// Voucher series.
        series: String,
        /// Voucher number.
        number: String,
        /// The non-zero sum.
        sum: Decimal,
    },
    /// A voucher has no rows.
    #[error("voucher {series} {number} has no rows")]
    EmptyVoucher {
        /// Voucher series.
        series: String,
        /// Voucher number.
        number: String,
    },
    /// Two vouchers share a series and number; numbering must be unique for the audit trail.
    #[error("voucher {series} {number} appears twice")]
    DuplicateVoucher {
        /// Voucher series.
        series: String,
        /// Voucher number.
        number: String,
    },
    /// A voucher is dated outside the exported fiscal year.
    #[error("voucher {series} {number} is dated {date}, outside the fiscal year")]
    VoucherOutsideYear {
        /// Voucher series.
        series: String,
        /// Voucher number.
        number: String,
        /// The voucher's date.
        date: NaiveDate,
    },
    /// An account number is used that the chart does not contain.
    #[error("{context} uses account {account}, which is not in the chart of accounts")]
    UnknownAccount {
        /// The account number.
        account: u32,
        /// Where it is used, e.g. "voucher A 3" or "#IB".
        context: String,
    },
    /// The chart lists an account twice.
    #[error("account {0} appears twice in the chart of accounts")]
    DuplicateAccount(u32),
    /// IB/UB on a result account or RES on a balance-sheet account.
    #[error("{record} is not allowed on account {account} of kind {kind:?}")]
    WrongAccountKind {
        /// The record, e.g. "#IB".
        record: &'static str,
        /// The account number.
        account: u32,
        /// The account's kind.
        kind: SieAccountKind,
    },
    /// The same account has two IB, UB or RES amounts.
    #[error("account {account} has more than one {record}")]
    DuplicateBalance {
        /// The record, e.g. "#UB".
        record: &'static str,
        /// The account number.
        account: u32,
    },
    /// An amount has fractions of öre; rounding is the ledger's decision, not the export's.
    #[error("{context}: the amount {amount} has more than two decimals")]
    TooManyDecimals {
        /// The amount.
        amount: Decimal,
        /// Where it occurs.
        context: String,
    },
    /// The file would contradict itself: for a balance-sheet account opening balance plus the
    /// year's rows is not the closing balance (`#UB`); for a result account the rows are not
    /// the result (`#RES`). Missing balances count as zero.
    #[error("account {account}: opening {opening} + rows {movements} ≠ {record} {stated}")]
    BalanceMismatch {
        /// The account number.
        account: u32,
        /// "#UB" or "#RES".
        record: &'static str,
        /// Its opening balance (always 0 for result accounts).
        opening: Decimal,
        /// The sum of its rows in the year.
        movements: Decimal,
        /// The stated closing balance or result.
        stated: Decimal,
    },
    /// A year ends before it starts.
    #[error("the fiscal year {start}–{end} ends before it starts")]
    InvalidYear {
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
    },
    /// A character has no code page 437 byte, so writing it would lose it.
    #[error("{context}: the character {character:?} (U+{code:04X}) cannot be written in code page 437", code = u32::from(*.character))]
    Unencodable {
        /// The character.
        character: char,
        /// The field it is in, e.g. "#KONTO 1510 name".
        context: String,
    },
    /// Reading: a quoted string is not closed on its line.
    #[error("line {line}: a quoted string is not closed")]
    UnterminatedString {
        /// 1-based line number.
        line: usize,
    },
    /// Reading: a record lacks a field it needs.
    #[error("line {line}: {record} lacks its {field}")]
    MissingField {
        /// 1-based line number.
        line: usize,
        /// The record label, e.g. "#TRANS".
        record: String,
        /// The field, e.g. "amount".
        field: &'static str,
    },
    /// Reading: a field cannot be parsed.
    #[error("line {line}: {record} has an invalid {field}: {value:?}")]
    InvalidField {
        /// 1-based line number.
        line: usize,
        /// The record label.
        record: String,
        /// The field.
        field: &'static str,
        /// The text found.
        value: String,
    },
    /// Reading: braces that do not belong to a voucher, or a `#TRANS` outside one.
    #[error("line {line}: {what} outside a voucher")]
    OutsideVoucher {
        /// 1-based line number.
        line: usize,
        /// What was found, e.g. "`}`" or "#TRANS".
        what: String,
    },
    /// Reading: the file ends inside a voucher.
    #[error("the voucher that starts on line {line} is never closed")]
    UnclosedVoucher {
        /// Line of its `#VER`.
        line: usize,
    },
}

impl SieError {
    /// The stable error code; also the Fluent message id for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            SieError::UnbalancedVoucher { .. } => "ERR_SIE_UNBALANCED_VOUCHER",
            SieError::EmptyVoucher { .. } => "ERR_SIE_EMPTY_VOUCHER",
            SieError::DuplicateVoucher { .. } => "ERR_SIE_DUPLICATE_VOUCHER",
            SieError::VoucherOutsideYear { .. } => "ERR_SIE_VOUCHER_OUTSIDE_YEAR",
            SieError::UnknownAccount { .. } => "ERR_SIE_UNKNOWN_ACCOUNT",
            SieError::DuplicateAccount(_) => "ERR_SIE_DUPLICATE_ACCOUNT",
            SieError::WrongAccountKind { .. } => "ERR_SIE_WRONG_ACCOUNT_KIND",
            SieError::DuplicateBalance { .. } => "ERR_SIE_DUPLICATE_BALANCE",
            SieError::TooManyDecimals { .. } => "ERR_SIE_TOO_MANY_DECIMALS",
            SieError::BalanceMismatch { .. } => "ERR_SIE_BALANCE_MISMATCH",
            SieError::InvalidYear { .. } => "ERR_SIE_INVALID_YEAR",
            SieError::Unencodable { .. } => "ERR_SIE_UNENCODABLE",
            SieError::UnterminatedString { .. }
            | SieError::MissingField { .. }
            | SieError::InvalidField { .. }
            | SieError::OutsideVoucher { .. }
            | SieError::UnclosedVoucher { .. } => "ERR_SIE_SYNTAX",
        }
    }
}
