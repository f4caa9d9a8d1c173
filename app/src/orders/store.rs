//! Reading orders with their captures, invoices and refunds, always scoped to a merchant (an
//! order of another merchant is "not found", never "forbidden": no existence leak).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::error::OrderError;
use super::lines::OrderLine;
use super::schema::{captures as c, invoices as i, orders as o, refunds as r};
use super::types::{
    Capture, CreditNote, DecisionSummary, Invoice, Order, OrderStatus, Refund, ShippingInfo,
    VatAmount,
};
use crate::credit::rulesets::schema::credit_decisions as cd;
use crate::kdb::Conn;

/// An order row as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = o)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct OrderRow {
    /// Id.
    pub id: uuid::Uuid,
    /// Merchant.
    pub merchant_id: uuid::Uuid,
    /// Agreement the order keeps.
    pub agreement_id: i64,
    /// Customer.
    pub customer_id: uuid::Uuid,
    /// Billing address in the history.
    pub billing_address_id: Option<i64>,
    /// The decision.
    pub decision_id: i64,
    /// Country.
    pub purchase_country: String,
    /// Currency.
    pub purchase_currency: String,
    /// Locale.
    pub locale: String,
    /// Product.
    pub payment_method: String,
    /// Status text.
    pub status: String,
    /// Current amount.
    pub order_amount: i64,
    /// First amount.
    pub original_order_amount: i64,
    /// VAT.
    pub order_tax_amount: i64,
    /// Captured.
    pub captured_amount: i64,
    /// Refunded.
    pub refunded_amount: i64,
    /// Released.
    pub released_amount: i64,
    /// Lines JSON.
    pub order_lines: serde_json::Value,
    /// Reference 1.
    pub merchant_reference1: String,
    /// Reference 2.
    pub merchant_reference2: String,
    /// E-mail.
    pub customer_email: String,
    /// Phone.
    pub customer_phone: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Expiry.
    pub expires_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl OrderRow {
    /// The status.
    pub fn status(&self) -> Result<OrderStatus, OrderError> {
        OrderStatus::parse(&self.status)
            .ok_or_else(|| OrderError::Internal(format!("order status {:?}", self.status)))
    }

    /// What may still be captured, ignoring expiry.
    pub fn remaining(&self) -> i64 {
        self.order_amount - self.captured_amount - self.released_amount
    }

    /// The lines.
    pub fn lines(&self) -> Result<Vec<OrderLine>, OrderError> {
        lines_of(&self.order_lines)
    }
}

/// Parses stored lines.
pub fn lines_of(v: &serde_json::Value) -> Result<Vec<OrderLine>, OrderError> {
    serde_json::from_value(v.clone()).map_err(|e| OrderError::Internal(format!("lines: {e}")))
}

/// The order, locked for update, if it belongs to `merchant_id`.
pub async fn lock(
    conn: &mut Conn,
    merchant_id: uuid::Uuid,
    order_id: uuid::Uuid,
) -> Result<OrderRow, OrderError> {
    o::table
        .filter(o::id.eq(order_id))
        .filter(o::merchant_id.eq(merchant_id))
        .select(OrderRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()?
        .ok_or(OrderError::OrderNotFound)
}

/// The order row, if it belongs to `merchant_id` (`None` = staff: any merchant).
pub async fn row(
    conn: &mut Conn,
    merchant_id: Option<uuid::Uuid>,
    order_id: uuid::Uuid,
) -> Result<OrderRow, OrderError> {
    let mut q = o::table
        .filter(o::id.eq(order_id))
        .select(OrderRow::as_select())
        .into_boxed();
    if let Some(m) = merchant_id {
        q = q.filter(o::merchant_id.eq(m));
    }
    q.first(conn)
        .await
        .optional()?
        .ok_or(OrderError::OrderNotFound)
}

type InvoiceRow = (
    uuid::Uuid,
    i64,
    String,
    NaiveDate,
    NaiveDate,
    String,
    i64,
    i64,
    i64,
    i64,
    i64,
    String,
    serde_json::Value,
);

fn to_invoice(row: InvoiceRow) -> Invoice {
    let (id, number, ocr, date, due, currency, goods, fee, total, credited, paid, status, vat) =
        row;
    Invoice {
        invoice_id: id,
        invoice_number: number,
        ocr_reference: ocr,
        invoice_date: date,
        due_date: due,
        currency,
        goods_amount: goods,
        invoice_fee: fee,
        total_amount: total,
        credited_amount: credited,
        paid_amount: paid,
        amount_due: (total - credited - paid).max(0),
        status,
        vat: rows(&vat["goods"]),
        invoice_fee_vat: rows(&vat["fee"]),
    }
}

/// Stored VAT rows (written by the capture; a malformed value would be a bug, shown empty).
fn rows(v: &serde_json::Value) -> Vec<VatAmount> {
    serde_json::from_value(v.clone()).unwrap_or_default()
}

macro_rules! invoice_columns {
    () => {
        (
            i::id,
            i::invoice_number,
            i::ocr,
            i::invoice_date,
            i::due_date,
            i::currency,
            i::goods_amount,
            i::invoice_fee,
            i::total_amount,
            i::credited_amount,
            i::paid_amount,
            i::status,
            i::vat_breakdown,
        )
    };
}

type CaptureRow = (
    uuid::Uuid,
    i64,
    i64,
    String,
    String,
    serde_json::Value,
    serde_json::Value,
    DateTime<Utc>,
);

/// The captures of an order with their invoices, oldest first (optionally just one).
pub async fn captures(
    conn: &mut Conn,
    order_id: uuid::Uuid,
    only: Option<uuid::Uuid>,
) -> Result<Vec<Capture>, OrderError> {
    let mut q = c::table
        .inner_join(i::table.on(i::capture_id.eq(c::id)))
        .filter(c::order_id.eq(order_id))
        // Two captures of one business instant (a batch) keep their order by invoice number,
        // drawn in commit order from the country's gapless counter; the random id did not.
        .order((c::captured_at.asc(), i::invoice_number.asc()))
        .select((
            (
                c::id,
                c::captured_amount,
                c::refunded_amount,
                c::description,
                c::reference,
                c::order_lines,
                c::shipping_info,
                c::captured_at,
            ),
            invoice_columns!(),
        ))
        .into_boxed();
    if let Some(id) = only {
        q = q.filter(c::id.eq(id));
    }
    let rows: Vec<(CaptureRow, InvoiceRow)> = q.load(conn).await?;
    rows.into_iter()
        .map(|(cap, inv)| {
            let (id, amount, refunded, description, reference, lines, shipping, at) = cap;
            Ok(Capture {
                capture_id: id,
                captured_amount: amount,
                refunded_amount: refunded,
                description,
                reference,
                order_lines: lines_of(&lines)?,
                shipping_info: serde_json::from_value::<Vec<ShippingInfo>>(shipping)
                    .unwrap_or_default(),
                captured_at: at,
                invoice: to_invoice(inv),
            })
        })
        .collect()
}

type RefundRow = (
    uuid::Uuid,
    i64,
    String,
    String,
    serde_json::Value,
    DateTime<Utc>,
    uuid::Uuid,
    uuid::Uuid,
    i64,
    serde_json::Value,
);

/// The refunds of an order, oldest first (optionally just one), with what was paid back.
pub async fn refunds(
    conn: &mut Conn,
    order_id: uuid::Uuid,
    only: Option<uuid::Uuid>,
) -> Result<Vec<Refund>, OrderError> {
    use super::schema::customer_payouts as p;
    let mut q = r::table
        .left_join(p::table.on(p::refund_id.eq(r::id)))
        .filter(r::order_id.eq(order_id))
        .order((r::refunded_at.asc(), r::credit_note_number.asc()))
        .select((
            (
                r::id,
                r::refunded_amount,
                r::description,
                r::reference,
                r::order_lines,
                r::refunded_at,
                r::capture_id,
                r::invoice_id,
                r::credit_note_number,
                r::vat_breakdown,
            ),
            p::amount.nullable(),
        ))
        .into_boxed();
    if let Some(id) = only {
        q = q.filter(r::id.eq(id));
    }
    let rows: Vec<(RefundRow, Option<i64>)> = q.load(conn).await?;
    rows.into_iter()
        .map(|(row, paid_back)| {
            let (id, amount, description, reference, lines, at, capture, invoice, number, vat) =
                row;
            Ok(Refund {
                refund_id: id,
                refunded_amount: amount,
                description,
                reference,
                order_lines: lines_of(&lines)?,
                refunded_at: at,
                capture_id: capture,
                credit_note: CreditNote {
                    credit_note_number: number,
                    invoice_id: invoice,
                    vat: serde_json::from_value::<Vec<VatAmount>>(vat).unwrap_or_default(),
                },
                paid_back_amount: paid_back.unwrap_or(0),
            })
        })
        .collect()
}

/// The whole order as the API shows it. `merchant_id = None` is the staff view (any merchant).
pub async fn load(
    conn: &mut Conn,
    merchant_id: Option<uuid::Uuid>,
    order_id: uuid::Uuid,
) -> Result<Order, OrderError> {
    let row = row(conn, merchant_id, order_id).await?;
    let (outcome, reason): (String, String) = cd::table
        .find(row.decision_id)
        .select((cd::outcome, cd::reason))
        .first(conn)
        .await?;
    let captures = captures(conn, order_id, None).await?;
    let refunds = refunds(conn, order_id, None).await?;
    let status = row.status()?;
    Ok(Order {
        order_id: row.id,
        status,
        purchase_country: row.purchase_country.clone(),
        purchase_currency: row.purchase_currency.clone(),
        locale: row.locale.clone(),
        payment_method: row.payment_method.clone(),
        order_amount: row.order_amount,
        original_order_amount: row.original_order_amount,
        order_tax_amount: row.order_tax_amount,
        captured_amount: row.captured_amount,
        refunded_amount: row.refunded_amount,
        remaining_authorized_amount: if status.is_open() { row.remaining() } else { 0 },
        order_lines: row.lines()?,
        merchant_reference1: row.merchant_reference1,
        merchant_reference2: row.merchant_reference2,
        created_at: row.created_at,
        expires_at: row.expires_at,
        decision: DecisionSummary { outcome, reason },
        captures,
        refunds,
    })
}
