//! The staff screens' reads across merchants: order search, invoice list and detail with the
//! journal entries of an invoice, and a customer's orders, decisions, open invoices and
//! exposure. Lists page by key (`created_at`, `id`), never by offset.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Date, Integer, Nullable, Numeric, Text, Timestamptz};
use diesel_async::RunQueryDsl;
use rust_decimal::Decimal;

use super::types::{
    CustomerDecision, EntryWithLines, Exposure, InvoiceDetail, InvoiceListRow, OrderListRow,
    StaffOrder, PAGE,
};
use crate::kdb::{Conn, KdbError};
use crate::ledger::views::EntryLineView;
use crate::orders::error::OrderError;

type SqlUuid = diesel::sql_types::Uuid;

/// A position in a list: the last row's creation time and id.
pub type Cursor = (DateTime<Utc>, uuid::Uuid);

/// Writes a cursor for a page link (`<microseconds>_<id>`).
pub fn cursor_text(at: DateTime<Utc>, id: uuid::Uuid) -> String {
    format!("{}_{id}", at.timestamp_micros())
}

/// Reads [`cursor_text`]; anything else is no cursor.
pub fn parse_cursor(text: &str) -> Option<Cursor> {
    let (micros, id) = text.trim().split_once('_')?;
    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
    Some((at, id.parse().ok()?))
}

/// The order search's filters (all optional).
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    /// Exact order id, merchant reference or customer e-mail.
    pub q: Option<String>,
    /// Stored status spelling.
    pub status: Option<String>,
    /// One merchant.
    pub merchant: Option<uuid::Uuid>,
    /// Placed on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Placed on or before this day (UTC).
    pub to: Option<NaiveDate>,
    /// Older than this row.
    pub after: Option<Cursor>,
}

/// The invoice list's filters (all optional).
#[derive(Debug, Clone, Default)]
pub struct InvoiceFilter {
    /// `open`, `paid` or `credited`.
    pub status: Option<String>,
    /// Only open invoices past their due date.
    pub overdue: bool,
    /// One merchant.
    pub merchant: Option<uuid::Uuid>,
    /// Invoice number or OCR reference, exactly.
    pub number: Option<String>,
    /// Older than this row.
    pub after: Option<Cursor>,
}

#[derive(QueryableByName)]
struct OrderSqlRow {
    #[diesel(sql_type = SqlUuid)]
    id: uuid::Uuid,
    #[diesel(sql_type = Timestamptz)]
    created_at: DateTime<Utc>,
    #[diesel(sql_type = SqlUuid)]
    merchant_id: uuid::Uuid,
    #[diesel(sql_type = Text)]
    merchant_name: String,
    #[diesel(sql_type = Text)]
    merchant_reference1: String,
    #[diesel(sql_type = SqlUuid)]
    customer_id: uuid::Uuid,
    #[diesel(sql_type = Text)]
    customer_email: String,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Text)]
    country: String,
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = BigInt)]
    order_amount: i64,
    #[diesel(sql_type = BigInt)]
    captured_amount: i64,
}

impl From<OrderSqlRow> for OrderListRow {
    fn from(r: OrderSqlRow) -> Self {
        OrderListRow {
            id: r.id,
            created_at: r.created_at,
            merchant_id: r.merchant_id,
            merchant_name: r.merchant_name,
            merchant_reference1: r.merchant_reference1,
            customer_id: r.customer_id,
            customer_email: r.customer_email,
            status: r.status,
            country: r.country,
            currency: r.currency,
            order_amount: r.order_amount,
            captured_amount: r.captured_amount,
        }
    }
}

const ORDER_SELECT: &str = "SELECT o.id, o.created_at, o.merchant_id, m.legal_name AS merchant_name, \
    o.merchant_reference1, o.customer_id, o.customer_email, o.status, o.purchase_country AS country, o.purchase_currency AS currency, \
    o.order_amount, o.captured_amount FROM orders o JOIN merchants m ON m.id = o.merchant_id";

/// Splits one extra row off a page: the rows to show and the next page's cursor.
fn page<T>(mut rows: Vec<T>, key: impl Fn(&T) -> Cursor) -> (Vec<T>, Option<String>) {
    if rows.len() <= PAGE {
        return (rows, None);
    }
    rows.truncate(PAGE);
    let next = rows.last().map(|r| {
        let (at, id) = key(r);
        cursor_text(at, id)
    });
    (rows, next)
}

fn day_start(d: NaiveDate) -> DateTime<Utc> {
    d.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Orders of every merchant matching `f`, newest first, [`PAGE`] at a time.
pub async fn search_orders(
    conn: &mut Conn,
    f: &OrderFilter,
) -> Result<(Vec<OrderListRow>, Option<String>), KdbError> {
    let q = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let q_id = q.and_then(|q| q.parse::<uuid::Uuid>().ok());
    let rows: Vec<OrderSqlRow> = diesel::sql_query(format!(
        "{ORDER_SELECT} WHERE ($2::text IS NULL OR o.id = $1 OR o.merchant_reference1 = $2 \
           OR o.merchant_reference2 = $2 OR lower(o.customer_email) = lower($2)) \
         AND ($3::text IS NULL OR o.status = $3) \
         AND ($4::uuid IS NULL OR o.merchant_id = $4) \
         AND ($5::timestamptz IS NULL OR o.created_at >= $5) \
         AND ($6::timestamptz IS NULL OR o.created_at < $6) \
         AND ($7::timestamptz IS NULL OR (o.created_at, o.id) < ($7, $8)) \
         ORDER BY o.created_at DESC, o.id DESC LIMIT {}",
        PAGE + 1
    ))
    .bind::<Nullable<SqlUuid>, _>(q_id)
    .bind::<Nullable<Text>, _>(q)
    .bind::<Nullable<Text>, _>(f.status.as_deref())
    .bind::<Nullable<SqlUuid>, _>(f.merchant)
    .bind::<Nullable<Timestamptz>, _>(f.from.map(day_start))
    .bind::<Nullable<Timestamptz>, _>(f.to.and_then(|d| d.succ_opt()).map(day_start))
    .bind::<Nullable<Timestamptz>, _>(f.after.map(|c| c.0))
    .bind::<Nullable<SqlUuid>, _>(f.after.map(|c| c.1))
    .load(conn)
    .await?;
    let (rows, next) = page(rows, |r| (r.created_at, r.id));
    Ok((rows.into_iter().map(Into::into).collect(), next))
}

/// A customer's orders, newest first (at most [`PAGE`]).
pub async fn customer_orders(
    conn: &mut Conn,
    customer_id: uuid::Uuid,
) -> Result<Vec<OrderListRow>, KdbError> {
    let rows: Vec<OrderSqlRow> = diesel::sql_query(format!(
        "{ORDER_SELECT} WHERE o.customer_id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT {PAGE}"
    ))
    .bind::<SqlUuid, _>(customer_id)
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Every merchant (id, legal name) for the filters, by name.
pub async fn merchant_names(conn: &mut Conn) -> Result<Vec<(uuid::Uuid, String)>, KdbError> {
    use crate::merchants::schema::merchants as m;
    Ok(m::table
        .select((m::id, m::legal_name))
        .order((m::legal_name.asc(), m::id.asc()))
        .limit(1000)
        .load(conn)
        .await?)
}

#[derive(QueryableByName)]
struct OrderPeople {
    #[diesel(sql_type = SqlUuid)]
    merchant_id: uuid::Uuid,
    #[diesel(sql_type = Text)]
    merchant_name: String,
    #[diesel(sql_type = SqlUuid)]
    customer_id: uuid::Uuid,
    #[diesel(sql_type = Text)]
    customer_name: String,
    #[diesel(sql_type = Text)]
    customer_email: String,
    #[diesel(sql_type = BigInt)]
    decision_id: i64,
}

/// One order of any merchant with its merchant, customer and decision.
pub async fn staff_order(conn: &mut Conn, id: uuid::Uuid) -> Result<StaffOrder, OrderError> {
    let order = crate::orders::store::load(conn, None, id).await?;
    let p: OrderPeople = diesel::sql_query(
        "SELECT o.merchant_id, m.legal_name AS merchant_name, o.customer_id, \
         c.given_name || ' ' || c.family_name AS customer_name, o.customer_email, o.decision_id \
         FROM orders o JOIN merchants m ON m.id = o.merchant_id JOIN customers c ON c.id = o.customer_id \
         WHERE o.id = $1",
    )
    .bind::<SqlUuid, _>(id)
    .get_result(conn)
    .await?;
    Ok(StaffOrder {
        order,
        merchant_id: p.merchant_id,
        merchant_name: p.merchant_name,
        customer_id: p.customer_id,
        customer_name: p.customer_name,
        customer_email: p.customer_email,
        decision_id: p.decision_id,
    })
}

#[derive(QueryableByName)]
struct InvoiceSqlRow {
    #[diesel(sql_type = SqlUuid)]
    id: uuid::Uuid,
    #[diesel(sql_type = Text)]
    country: String,
    #[diesel(sql_type = BigInt)]
    invoice_number: i64,
    #[diesel(sql_type = Text)]
    ocr: String,
    #[diesel(sql_type = SqlUuid)]
    customer_id: uuid::Uuid,
    #[diesel(sql_type = Text)]
    customer_name: String,
    #[diesel(sql_type = SqlUuid)]
    merchant_id: uuid::Uuid,
    #[diesel(sql_type = Text)]
    merchant_name: String,
    #[diesel(sql_type = SqlUuid)]
    order_id: uuid::Uuid,
    #[diesel(sql_type = SqlUuid)]
    capture_id: uuid::Uuid,
    #[diesel(sql_type = Date)]
    invoice_date: NaiveDate,
    #[diesel(sql_type = Date)]
    due_date: NaiveDate,
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = BigInt)]
    total_amount: i64,
    #[diesel(sql_type = BigInt)]
    amount_due: i64,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Bool)]
    overdue: bool,
    #[diesel(sql_type = Timestamptz)]
    created_at: DateTime<Utc>,
}

impl From<InvoiceSqlRow> for InvoiceListRow {
    fn from(r: InvoiceSqlRow) -> Self {
        InvoiceListRow {
            id: r.id,
            country: r.country,
            invoice_number: r.invoice_number,
            ocr: r.ocr,
            customer_id: r.customer_id,
            customer_name: r.customer_name,
            merchant_id: r.merchant_id,
            merchant_name: r.merchant_name,
            order_id: r.order_id,
            capture_id: r.capture_id,
            invoice_date: r.invoice_date,
            due_date: r.due_date,
            currency: r.currency,
            total_amount: r.total_amount,
            amount_due: r.amount_due,
            status: r.status,
            overdue: r.overdue,
        }
    }
}

/// `$1` is always the business date that decides what is overdue.
const INVOICE_SELECT: &str = "SELECT i.id, i.country, i.invoice_number, i.ocr, i.customer_id, \
    c.given_name || ' ' || c.family_name AS customer_name, i.merchant_id, m.legal_name AS merchant_name, \
    i.order_id, i.capture_id, i.invoice_date, i.due_date, i.currency, i.total_amount, \
    greatest(i.total_amount - i.credited_amount - i.paid_amount, 0) AS amount_due, i.status, \
    (i.status IN ('open', 'partially_paid') AND i.due_date < $1) AS overdue, i.created_at \
    FROM invoices i JOIN customers c ON c.id = i.customer_id JOIN merchants m ON m.id = i.merchant_id";

/// Invoices of every merchant matching `f`, newest first, [`PAGE`] at a time; `today` decides
/// what is overdue.
pub async fn search_invoices(
    conn: &mut Conn,
    f: &InvoiceFilter,
    today: NaiveDate,
) -> Result<(Vec<InvoiceListRow>, Option<String>), KdbError> {
    let number = f.number.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let rows: Vec<InvoiceSqlRow> = diesel::sql_query(format!(
        "{INVOICE_SELECT} WHERE ($2::text IS NULL OR i.status = $2) \
         AND (NOT $3 OR (i.status IN ('open', 'partially_paid') AND i.due_date < $1)) \
         AND ($4::uuid IS NULL OR i.merchant_id = $4) \
         AND ($5::text IS NULL OR i.invoice_number::text = $5 OR i.ocr = $5) \
         AND ($6::timestamptz IS NULL OR (i.created_at, i.id) < ($6, $7)) \
         ORDER BY i.created_at DESC, i.id DESC LIMIT {}",
        PAGE + 1
    ))
    .bind::<Date, _>(today)
    .bind::<Nullable<Text>, _>(f.status.as_deref())
    .bind::<Bool, _>(f.overdue)
    .bind::<Nullable<SqlUuid>, _>(f.merchant)
    .bind::<Nullable<Text>, _>(number)
    .bind::<Nullable<Timestamptz>, _>(f.after.map(|c| c.0))
    .bind::<Nullable<SqlUuid>, _>(f.after.map(|c| c.1))
    .load(conn)
    .await?;
    let (rows, next) = page(rows, |r| (r.created_at, r.id));
    Ok((rows.into_iter().map(Into::into).collect(), next))
}

/// A customer's open invoices, oldest due first.
pub async fn customer_open_invoices(
    conn: &mut Conn,
    customer_id: uuid::Uuid,
    today: NaiveDate,
) -> Result<Vec<InvoiceListRow>, KdbError> {
    let rows: Vec<InvoiceSqlRow> = diesel::sql_query(format!(
        "{INVOICE_SELECT} WHERE i.customer_id = $2 AND i.status IN ('open', 'partially_paid') \
         ORDER BY i.due_date, i.id LIMIT {PAGE}"
    ))
    .bind::<Date, _>(today)
    .bind::<SqlUuid, _>(customer_id)
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

#[derive(QueryableByName)]
struct EntryLineRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Date)]
    business_date: NaiveDate,
    #[diesel(sql_type = Text)]
    event: String,
    #[diesel(sql_type = Text)]
    description: String,
    #[diesel(sql_type = Integer)]
    account: i32,
    #[diesel(sql_type = Text)]
    name_sv: String,
    #[diesel(sql_type = Text)]
    name_en: String,
    #[diesel(sql_type = Numeric)]
    amount: Decimal,
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = Nullable<Text>)]
    merchant_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    customer_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    invoice_id: Option<String>,
}

/// The journal entries with a line for `invoice_id`, oldest first, each with all its lines
/// (one query: the entry's other lines show where the money went).
pub async fn invoice_entries(
    conn: &mut Conn,
    invoice_id: uuid::Uuid,
) -> Result<Vec<EntryWithLines>, KdbError> {
    let rows: Vec<EntryLineRow> = diesel::sql_query(
        "SELECT e.id, e.business_date, e.event, e.description, l.account, a.name_sv, a.name_en, \
         l.amount, l.currency, l.merchant_id, l.customer_id, l.invoice_id \
         FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id \
         JOIN ledger_accounts a ON a.number = l.account \
         WHERE e.id IN (SELECT entry_id FROM journal_lines WHERE invoice_id = $1) \
         ORDER BY e.id, l.line_no",
    )
    .bind::<Text, _>(invoice_id.to_string())
    .load(conn)
    .await?;
    let mut out: Vec<EntryWithLines> = Vec::new();
    for r in rows {
        let line = EntryLineView {
            account: u32::try_from(r.account).unwrap_or_default(),
            name_sv: r.name_sv,
            name_en: r.name_en,
            amount: r.amount,
            currency: r.currency,
            merchant_id: r.merchant_id,
            customer_id: r.customer_id,
            invoice_id: r.invoice_id,
        };
        match out.last_mut() {
            Some(e) if e.id == r.id => e.lines.push(line),
            _ => out.push(EntryWithLines {
                id: r.id,
                business_date: r.business_date,
                event: r.event,
                description: r.description,
                lines: vec![line],
            }),
        }
    }
    Ok(out)
}

/// One invoice with its capture and journal entries, or `None`.
pub async fn invoice_detail(
    conn: &mut Conn,
    id: uuid::Uuid,
    today: NaiveDate,
) -> Result<Option<InvoiceDetail>, OrderError> {
    let row: Option<InvoiceSqlRow> = diesel::sql_query(format!("{INVOICE_SELECT} WHERE i.id = $2"))
        .bind::<Date, _>(today)
        .bind::<SqlUuid, _>(id)
        .get_result(conn)
        .await
        .optional()?;
    let Some(row) = row else {
        return Ok(None);
    };
    let capture = crate::orders::store::captures(conn, row.order_id, Some(row.capture_id))
        .await?
        .into_iter()
        .next()
        .ok_or(OrderError::CaptureNotFound)?;
    let entries = invoice_entries(conn, id).await?;
    Ok(Some(InvoiceDetail {
        row: row.into(),
        capture,
        entries,
    }))
}

/// A customer's credit decisions (`customer_key` is the customer id), newest first.
pub async fn customer_decisions(
    conn: &mut Conn,
    customer_id: uuid::Uuid,
) -> Result<Vec<CustomerDecision>, KdbError> {
    use crate::credit::rulesets::schema::credit_decisions as cd;
    let rows: Vec<(i64, DateTime<Utc>, String, String, String, String)> = cd::table
        .filter(cd::customer_key.eq(customer_id.to_string()))
        .order(cd::id.desc())
        .select((
            cd::id,
            cd::business_time,
            cd::country,
            cd::outcome,
            cd::reason,
            cd::order_ref,
        ))
        .limit(i64::try_from(PAGE).unwrap_or(50))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, business_time, country, outcome, reason, order_ref)| CustomerDecision {
                id,
                business_time,
                country,
                outcome,
                reason,
                order_ref,
            },
        )
        .collect())
}

#[derive(QueryableByName)]
struct ExposureRow {
    #[diesel(sql_type = BigInt)]
    open_authorized: i64,
    #[diesel(sql_type = BigInt)]
    open_receivable: i64,
}

/// Open authorizations (not expired at `now`) plus open receivables in `currency`: the same
/// sums the credit engine's `customer.exposure` fact is made of.
pub async fn exposure(
    conn: &mut Conn,
    customer_id: uuid::Uuid,
    currency: &str,
    now: DateTime<Utc>,
) -> Result<Exposure, KdbError> {
    let row: ExposureRow = diesel::sql_query(
        "SELECT \
          (SELECT coalesce(sum(order_amount - captured_amount - released_amount), 0)::bigint \
             FROM orders WHERE customer_id = $1 AND purchase_currency = $2 \
              AND status IN ('AUTHORIZED', 'PART_CAPTURED') AND expires_at > $3) AS open_authorized, \
          (SELECT coalesce(sum(total_amount - credited_amount - paid_amount), 0)::bigint \
             FROM invoices WHERE customer_id = $1 AND currency = $2 AND status IN ('open', 'partially_paid')) AS open_receivable",
    )
    .bind::<SqlUuid, _>(customer_id)
    .bind::<Text, _>(currency)
    .bind::<Timestamptz, _>(now)
    .get_result(conn)
    .await?;
    Ok(Exposure {
        currency: currency.to_string(),
        open_authorized: row.open_authorized,
        open_receivable: row.open_receivable,
        total: row.open_authorized.saturating_add(row.open_receivable),
    })
}
