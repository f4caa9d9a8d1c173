//! What can go wrong with money: mixing currencies, amounts we refuse to round silently, and
//! text a person typed that is not an amount.

use rust_decimal::Decimal;

use super::Currency;

/// An operation on [`super::Money`] that has no correct answer.
///
/// Each of these would otherwise be a panic (`Add` across currencies, overflow) or a silent
/// loss of öre (rounding inside a conversion), so they are values the caller must handle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Two amounts in different currencies met; converting is a business decision, never an
    /// implicit one.
    #[error("currency mismatch: {left} and {right}")]
    CurrencyMismatch {
        /// The currency of the receiver (`self`).
        left: Currency,
        /// The currency of the argument.
        right: Currency,
    },
    /// The amount has more decimals than the currency has minor units; round it first with a
    /// named [`super::Rounding`].
    #[error("{amount} {currency} has more decimals than {currency} allows")]
    NotRounded {
        /// The amount as it was.
        amount: Decimal,
        /// Its currency.
        currency: Currency,
    },
    /// The result does not fit (a 96-bit decimal, or an `i64` of minor units).
    #[error("amount out of range")]
    Overflow,
    /// An amount cannot be split into zero parts.
    #[error("cannot split an amount into zero parts")]
    NoParts,
    /// Weights for a proportional split must be non-negative and not all zero.
    #[error("weights must be non-negative and not all zero")]
    InvalidWeights,
    /// Text is not an amount in the expected language and currency.
    #[error("{input:?} is not an amount: {reason}")]
    Parse {
        /// What was given, for the message back to the person.
        input: String,
        /// Why it was refused.
        reason: ParseReason,
    },
}

impl MoneyError {
    /// The stable error code; also the Fluent message id for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            MoneyError::CurrencyMismatch { .. } => "ERR_MONEY_CURRENCY_MISMATCH",
            MoneyError::NotRounded { .. } => "ERR_MONEY_NOT_ROUNDED",
            MoneyError::Overflow => "ERR_MONEY_OVERFLOW",
            MoneyError::NoParts => "ERR_MONEY_NO_PARTS",
            MoneyError::InvalidWeights => "ERR_MONEY_INVALID_WEIGHTS",
            MoneyError::Parse { reason, .. } => reason.code(),
        }
    }

    /// A parse error for `input`.
    pub(crate) fn parse(input: &str, reason: ParseReason) -> Self {
        MoneyError::Parse {
            input: input.to_string(),
            reason,
        }
    }
}

/// Why typed (or serialised) text is not an amount. Specific, so the form can tell the person
/// what to fix rather than "invalid".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseReason {
    /// No digits at all.
    #[error("no amount given")]
    Empty,
    /// A character that has no place in an amount.
    #[error("unexpected character {0:?}")]
    InvalidCharacter(char),
    /// A decimal point where this language uses a decimal comma (`12.50` in Swedish).
    #[error("wrong decimal separator for the language")]
    WrongDecimalSeparator,
    /// More than one decimal separator.
    #[error("more than one decimal separator")]
    MultipleDecimalSeparators,
    /// A decimal separator without digits on both sides (`12,` or `,5`).
    #[error("digits missing around the decimal separator")]
    MissingDigits,
    /// Thousands separators not between groups of three digits before the decimals (`1,2,3`,
    /// `12.345,6` in English), which would make the amount ambiguous.
    #[error("thousands separator in the wrong place")]
    MisplacedGroupSeparator,
    /// A minus sign anywhere but the start, or more than one.
    #[error("misplaced minus sign")]
    MisplacedMinus,
    /// More decimals than the currency has minor units (nobody pays fractions of öre).
    #[error("at most {allowed} decimals")]
    TooManyDecimals {
        /// The currency's minor units.
        allowed: u32,
    },
    /// A currency sign or code we do not know.
    #[error("unknown currency {0:?}")]
    UnknownCurrency(String),
    /// A currency sign or code that is not the amount's currency (`€` on a SEK field).
    #[error("currency {0:?} does not match the expected one")]
    WrongCurrency(String),
    /// More than one currency sign or code.
    #[error("currency given more than once")]
    DuplicateCurrency,
    /// Too many digits to be an amount.
    #[error("amount out of range")]
    OutOfRange,
}

impl ParseReason {
    /// The stable error code; also the Fluent message id for the form field.
    pub fn code(&self) -> &'static str {
        match self {
            ParseReason::Empty => "ERR_AMOUNT_EMPTY",
            ParseReason::InvalidCharacter(_) => "ERR_AMOUNT_INVALID_CHARACTER",
            ParseReason::WrongDecimalSeparator => "ERR_AMOUNT_WRONG_DECIMAL_SEPARATOR",
            ParseReason::MultipleDecimalSeparators => "ERR_AMOUNT_MULTIPLE_DECIMAL_SEPARATORS",
            ParseReason::MissingDigits => "ERR_AMOUNT_MISSING_DIGITS",
            ParseReason::MisplacedGroupSeparator => "ERR_AMOUNT_MISPLACED_GROUP_SEPARATOR",
            ParseReason::MisplacedMinus => "ERR_AMOUNT_MISPLACED_MINUS",
            ParseReason::TooManyDecimals { .. } => "ERR_AMOUNT_TOO_MANY_DECIMALS",
            ParseReason::UnknownCurrency(_) => "ERR_AMOUNT_UNKNOWN_CURRENCY",
            ParseReason::WrongCurrency(_) => "ERR_AMOUNT_WRONG_CURRENCY",
            ParseReason::DuplicateCurrency => "ERR_AMOUNT_DUPLICATE_CURRENCY",
            ParseReason::OutOfRange => "ERR_AMOUNT_OUT_OF_RANGE",
        }
    }
}
