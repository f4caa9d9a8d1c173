//! What the bookkeeping screens show: report rows shared by the server and the browser.
//! Amounts are exact decimals in the row's currency.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One account and currency in a trial balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialBalanceRow {
    /// Account number.
    pub account: u32,
    /// Swedish name.
    pub name_sv: String,
    /// English name.
    pub name_en: String,
    /// ISO currency code.
    pub currency: String,
    /// Balance before the period.
    pub opening: Decimal,
    /// Sum of debits in the period.
    pub debit: Decimal,
    /// Sum of credits in the period (positive).
    pub credit: Decimal,
    /// Balance at the end of the period.
    pub closing: Decimal,
}

/// A trial balance for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialBalance {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Per account and currency.
    pub rows: Vec<TrialBalanceRow>,
    /// Per currency: (opening, debit, credit, closing) totals; opening and closing must be 0.
    pub totals: Vec<(String, Decimal, Decimal, Decimal, Decimal)>,
}

impl TrialBalance {
    /// Whether every currency's books balance (opening and closing totals zero, debits = credits).
    pub fn balances(&self) -> bool {
        self.totals
            .iter()
            .all(|(_, o, d, c, cl)| o.is_zero() && cl.is_zero() && d == c)
    }
}

/// One line in an account statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementRow {
    /// Journal entry.
    pub entry_id: i64,
    /// Business date.
    pub business_date: NaiveDate,
    /// Event code.
    pub event: String,
    /// Entry text.
    pub description: String,
    /// Signed amount (debit positive).
    pub amount: Decimal,
    /// Balance after this line.
    pub running: Decimal,
    /// Dimensions.
    pub merchant_id: Option<String>,
    /// Dimensions.
    pub customer_id: Option<String>,
    /// Dimensions.
    pub invoice_id: Option<String>,
}

/// An account's movements in a period with running balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Account.
    pub account: u32,
    /// Currency.
    pub currency: String,
    /// Balance before the period.
    pub opening: Decimal,
    /// The lines, oldest first.
    pub rows: Vec<StatementRow>,
    /// Balance at the end.
    pub closing: Decimal,
    /// True when more lines exist than were returned (the rest is in the SIE export).
    pub truncated: bool,
}

/// Journal entries per page of the journal browser.
pub const JOURNAL_PAGE: usize = 50;

/// A journal entry as the journal browser lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrySummary {
    /// Id (voucher number).
    pub id: i64,
    /// Business date.
    pub business_date: NaiveDate,
    /// Event code.
    pub event: String,
    /// Text.
    pub description: String,
    /// Business object kind and id.
    pub entity: Option<(String, String)>,
    /// The entry this one reverses.
    pub reverses: Option<i64>,
    /// The entry that reversed this one.
    pub reversed_by: Option<i64>,
    /// Reason of a reversal.
    pub reason: Option<String>,
    /// Who posted it.
    pub actor_label: String,
    /// The number of the invoice the entry concerns (its entity), when it is one of ours.
    pub invoice_number: Option<i64>,
    /// Per currency: the debit total.
    pub totals: Vec<(String, Decimal)>,
}

/// One line of an entry's detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryLineView {
    /// Account.
    pub account: u32,
    /// Account name (sv).
    pub name_sv: String,
    /// Account name (en).
    pub name_en: String,
    /// Signed amount.
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Dimensions.
    pub merchant_id: Option<String>,
    /// Dimensions.
    pub customer_id: Option<String>,
    /// Dimensions.
    pub invoice_id: Option<String>,
}

/// The result of a daily close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloseResult {
    /// The date closed (or attempted).
    pub business_date: NaiveDate,
    /// Whether the books verified and the date is now closed.
    pub closed: bool,
    /// Each check and whether it held.
    pub checks: Vec<(String, bool, String)>,
}

/// Filters of the journal browser (built by the server function, read by `journal::list`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalFilter {
    /// First date.
    pub from: Option<NaiveDate>,
    /// Last date.
    pub to: Option<NaiveDate>,
    /// Event code.
    pub event: Option<String>,
    /// Entries touching this account.
    pub account: Option<u32>,
    /// Entries with a line for this merchant.
    pub merchant: Option<String>,
    /// Entries with a line for this customer.
    pub customer: Option<String>,
    /// Older than this id (paging).
    pub before_id: Option<i64>,
}
