//! A journal entry before it is posted, and the checks every entry passes in Rust before it
//! reaches the database (which checks the balance again at COMMIT).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::events::LedgerEvent;
use crate::money::{Currency, Money};

/// The business object an entry belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRef {
    /// `order`, `invoice`, `payment`, `settlement`, `case`, `customer`, `merchant`.
    pub kind: String,
    /// Its id.
    pub id: String,
}

/// Subledger dimensions of a line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dims {
    /// The e-store concerned.
    pub merchant_id: Option<String>,
    /// The customer concerned.
    pub customer_id: Option<String>,
    /// The invoice concerned.
    pub invoice_id: Option<String>,
}

/// One line: an account and a signed amount (debit positive, credit negative).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// BAS account number.
    pub account: u32,
    /// Signed amount.
    pub amount: Money,
    /// Subledger dimensions.
    pub dims: Dims,
}

/// An entry to post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The business date it belongs to (a closed date moves it to the next open one).
    pub business_date: NaiveDate,
    /// What happened.
    pub event: LedgerEvent,
    /// Human-readable text (also the SIE voucher text).
    pub description: String,
    /// The business object.
    pub entity: Option<EntityRef>,
    /// For a reversal: the entry it cancels, and why.
    pub reverses: Option<(i64, String)>,
    /// The lines.
    pub lines: Vec<Line>,
    /// Makes a retried posting a no-op.
    pub idempotency_key: Option<String>,
}

/// Why an entry cannot be posted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    /// Fewer than two lines.
    #[error("an entry needs at least two lines")]
    TooFewLines,
    /// A line of zero.
    #[error("line {0} is zero")]
    ZeroLine(usize),
    /// A line with fractions of the currency's minor unit.
    #[error("line {0} is not rounded to the currency's minor unit")]
    NotRounded(usize),
    /// The lines of one currency don't sum to zero.
    #[error("the {currency} lines sum to {sum}, not zero")]
    Unbalanced {
        /// The currency out of balance.
        currency: String,
        /// By how much.
        sum: Decimal,
    },
    /// A reversal without a reason.
    #[error("a reversal needs a reason")]
    ReasonMissing,
}

impl Entry {
    /// The Rust half of "balanced, enforced twice".
    pub fn validate(&self) -> Result<(), EntryError> {
        if self.lines.len() < 2 {
            return Err(EntryError::TooFewLines);
        }
        let mut sums: BTreeMap<&'static str, Decimal> = BTreeMap::new();
        for (i, line) in self.lines.iter().enumerate() {
            if line.amount.is_zero() {
                return Err(EntryError::ZeroLine(i + 1));
            }
            if line.amount.to_minor().is_err() {
                return Err(EntryError::NotRounded(i + 1));
            }
            *sums.entry(line.amount.currency().code()).or_default() += line.amount.amount();
        }
        if let Some((currency, sum)) = sums.into_iter().find(|(_, s)| !s.is_zero()) {
            return Err(EntryError::Unbalanced {
                currency: currency.to_string(),
                sum,
            });
        }
        if let Some((_, reason)) = &self.reverses {
            if reason.trim().is_empty() {
                return Err(EntryError::ReasonMissing);
            }
        }
        Ok(())
    }

    /// The total debited per currency (for lists).
    pub fn debit_total(&self, currency: Currency) -> Decimal {
        self.lines
            .iter()
            .filter(|l| l.amount.currency() == currency && l.amount.is_positive())
            .map(|l| l.amount.amount())
            .sum()
    }
}
