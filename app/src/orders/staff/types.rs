//! What the staff order and invoice screens show, shared by the server and the browser.
//! Amounts are integer minor units in the row's currency (formatted per language on the page).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::ledger::views::EntryLineView;
use crate::orders::types::{Capture, Order};

/// Rows per page of the order and invoice lists.
pub const PAGE: usize = 50;

/// One order in the staff search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderListRow {
    /// Order id.
    pub id: uuid::Uuid,
    /// When it was placed (business time).
    pub created_at: DateTime<Utc>,
    /// The e-store.
    pub merchant_id: uuid::Uuid,
    /// The e-store's legal name.
    pub merchant_name: String,
    /// The e-store's order number.
    pub merchant_reference1: String,
    /// The buyer.
    pub customer_id: uuid::Uuid,
    /// The e-mail given with the order.
    pub customer_email: String,
    /// `AUTHORIZED`, `PART_CAPTURED`, …
    pub status: String,
    /// Purchase country (ISO 3166): its time zone dates the row.
    pub country: String,
    /// ISO 4217.
    pub currency: String,
    /// Current order amount.
    pub order_amount: i64,
    /// Captured so far.
    pub captured_amount: i64,
}

/// A page of orders and the cursor of the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSearchResult {
    /// At most [`PAGE`] rows, newest first.
    pub rows: Vec<OrderListRow>,
    /// `after` value for the next page, when there is one.
    pub next: Option<String>,
    /// Every merchant (id, name), for the filter.
    pub merchants: Vec<(uuid::Uuid, String)>,
}

/// The order page: the order as the API shows it plus who and what is behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOrder {
    /// Everything `orders::store::load` returns.
    pub order: Order,
    /// The e-store.
    pub merchant_id: uuid::Uuid,
    /// Its legal name.
    pub merchant_name: String,
    /// The buyer.
    pub customer_id: uuid::Uuid,
    /// The buyer's name.
    pub customer_name: String,
    /// The e-mail given with the order.
    pub customer_email: String,
    /// The credit decision that authorized it.
    pub decision_id: i64,
}

/// One invoice in the staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceListRow {
    /// Invoice id.
    pub id: uuid::Uuid,
    /// Country of the number series.
    pub country: String,
    /// Number in the country's series.
    pub invoice_number: i64,
    /// Payment reference.
    pub ocr: String,
    /// The buyer.
    pub customer_id: uuid::Uuid,
    /// The buyer's name.
    pub customer_name: String,
    /// The e-store.
    pub merchant_id: uuid::Uuid,
    /// Its legal name.
    pub merchant_name: String,
    /// The order invoiced.
    pub order_id: uuid::Uuid,
    /// The capture that created it.
    pub capture_id: uuid::Uuid,
    /// Issue date.
    pub invoice_date: NaiveDate,
    /// Due date.
    pub due_date: NaiveDate,
    /// ISO 4217.
    pub currency: String,
    /// Goods + fee.
    pub total_amount: i64,
    /// What the customer still owes.
    pub amount_due: i64,
    /// `open`, `paid` or `credited`.
    pub status: String,
    /// Open and past its due date.
    pub overdue: bool,
}

/// A page of invoices and the cursor of the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceSearchResult {
    /// At most [`PAGE`] rows, newest first.
    pub rows: Vec<InvoiceListRow>,
    /// `after` value for the next page, when there is one.
    pub next: Option<String>,
    /// Every merchant (id, name), for the filter.
    pub merchants: Vec<(uuid::Uuid, String)>,
}

/// A journal entry with all its lines (those of an invoice's entries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryWithLines {
    /// Entry id (voucher number).
    pub id: i64,
    /// Business date.
    pub business_date: NaiveDate,
    /// Event code.
    pub event: String,
    /// Text.
    pub description: String,
    /// The lines, in order.
    pub lines: Vec<EntryLineView>,
}

/// The invoice page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceDetail {
    /// The list row (customer, merchant, order).
    pub row: InvoiceListRow,
    /// The capture with the invoice as the API shows it.
    pub capture: Capture,
    /// The journal entries with a line for this invoice, oldest first.
    pub entries: Vec<EntryWithLines>,
}

/// A credit decision about a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerDecision {
    /// Decision id.
    pub id: i64,
    /// When.
    pub business_time: DateTime<Utc>,
    /// The purchase country (its time zone dates the decision).
    pub country: String,
    /// `approve`, `reject` or `refer`.
    pub outcome: String,
    /// Reason code.
    pub reason: String,
    /// The order reference the decision was asked for.
    pub order_ref: String,
}

/// What the customer owes or may still be charged, in the customer's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exposure {
    /// ISO 4217.
    pub currency: String,
    /// Authorized, not yet captured, not expired.
    pub open_authorized: i64,
    /// Open invoices: total − credited − paid.
    pub open_receivable: i64,
    /// The sum of both (the `customer.exposure` credit fact).
    pub total: i64,
}

/// The customer page's orders, decisions, open invoices and exposure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerActivity {
    /// Newest first (at most [`PAGE`]).
    pub orders: Vec<OrderListRow>,
    /// Newest first (at most [`PAGE`]).
    pub decisions: Vec<CustomerDecision>,
    /// Oldest due first.
    pub open_invoices: Vec<InvoiceListRow>,
    /// Current exposure.
    pub exposure: Exposure,
}
