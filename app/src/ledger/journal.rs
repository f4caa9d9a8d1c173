//! Reading the journal for the browser: filtered lists and one entry with its lines.

use chrono::NaiveDate;
use diesel::sql_types::{Array, BigInt, Date, Integer, Nullable, Numeric, Text};
use diesel_async::RunQueryDsl;
use rust_decimal::Decimal;

use super::views::{EntryLineView, EntrySummary, JournalFilter};
use crate::kdb::{Conn, KdbError};

/// Entries per page.
pub const PAGE: i64 = super::views::JOURNAL_PAGE as i64;

#[derive(diesel::QueryableByName)]
struct EntryRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Date)]
    business_date: NaiveDate,
    #[diesel(sql_type = Text)]
    event: String,
    #[diesel(sql_type = Text)]
    description: String,
    #[diesel(sql_type = Nullable<Text>)]
    entity_type: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    entity_id: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    reverses: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    reversed_by: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    reason: Option<String>,
    #[diesel(sql_type = Text)]
    actor_label: String,
    #[diesel(sql_type = Nullable<BigInt>)]
    invoice_number: Option<i64>,
    #[diesel(sql_type = Array<Text>)]
    currencies: Vec<String>,
    #[diesel(sql_type = Array<Numeric>)]
    debits: Vec<Decimal>,
}

const SELECT: &str = "SELECT e.id, e.business_date, e.event, e.description, e.entity_type, e.entity_id, e.reverses, \
    (SELECT r.id FROM journal_entries r WHERE r.reverses = e.id) AS reversed_by, e.reason, e.actor_label, \
    (SELECT i.invoice_number FROM invoices i WHERE i.id = CASE WHEN e.entity_type = 'invoice' \
      AND e.entity_id ~ '^[0-9a-fA-F-]{36}$' THEN e.entity_id::uuid END) AS invoice_number, \
    t.currencies, t.debits \
    FROM journal_entries e, LATERAL (SELECT array_agg(currency ORDER BY currency) AS currencies, array_agg(debit ORDER BY currency) AS debits \
      FROM (SELECT currency, sum(amount) FILTER (WHERE amount > 0) AS debit FROM journal_lines WHERE entry_id = e.id GROUP BY currency) c) t";

fn summary(r: EntryRow) -> EntrySummary {
    EntrySummary {
        id: r.id,
        business_date: r.business_date,
        event: r.event,
        description: r.description,
        entity: r.entity_type.zip(r.entity_id),
        reverses: r.reverses,
        reversed_by: r.reversed_by,
        reason: r.reason,
        actor_label: r.actor_label,
        invoice_number: r.invoice_number,
        totals: r.currencies.into_iter().zip(r.debits).collect(),
    }
}

/// Newest first, [`PAGE`] at a time.
pub async fn list(conn: &mut Conn, f: &JournalFilter) -> Result<Vec<EntrySummary>, KdbError> {
    let rows: Vec<EntryRow> = diesel::sql_query(format!(
        "{SELECT} WHERE e.business_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR e.event = $3) \
         AND ($4::bigint IS NULL OR e.id < $4) \
         AND ($5::int IS NULL OR EXISTS (SELECT 1 FROM journal_lines l WHERE l.entry_id = e.id AND l.account = $5)) \
         AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM journal_lines l WHERE l.entry_id = e.id AND l.merchant_id = $6)) \
         AND ($7::text IS NULL OR EXISTS (SELECT 1 FROM journal_lines l WHERE l.entry_id = e.id AND l.customer_id = $7)) \
         ORDER BY e.id DESC LIMIT {PAGE}"
    ))
    .bind::<Date, _>(f.from.unwrap_or_default())
    .bind::<Date, _>(f.to.unwrap_or(NaiveDate::MAX))
    .bind::<Nullable<Text>, _>(f.event.as_deref())
    .bind::<Nullable<BigInt>, _>(f.before_id)
    .bind::<Nullable<Integer>, _>(f.account.and_then(|a| i32::try_from(a).ok()))
    .bind::<Nullable<Text>, _>(f.merchant.as_deref())
    .bind::<Nullable<Text>, _>(f.customer.as_deref())
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(summary).collect())
}

#[derive(diesel::QueryableByName)]
struct LineRow {
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

/// One entry and its lines.
pub async fn detail(
    conn: &mut Conn,
    id: i64,
) -> Result<Option<(EntrySummary, Vec<EntryLineView>)>, KdbError> {
    let rows: Vec<EntryRow> = diesel::sql_query(format!("{SELECT} WHERE e.id = $1"))
        .bind::<BigInt, _>(id)
        .load(conn)
        .await?;
    let Some(row) = rows.into_iter().next() else {
        return Ok(None);
    };
    let lines: Vec<LineRow> = diesel::sql_query(
        "SELECT l.account, a.name_sv, a.name_en, l.amount, l.currency, l.merchant_id, l.customer_id, l.invoice_id \
         FROM journal_lines l JOIN ledger_accounts a ON a.number = l.account WHERE l.entry_id = $1 ORDER BY l.line_no",
    )
    .bind::<BigInt, _>(id)
    .load(conn)
    .await?;
    Ok(Some((
        summary(row),
        lines
            .into_iter()
            .map(|l| EntryLineView {
                account: u32::try_from(l.account).unwrap_or_default(),
                name_sv: l.name_sv,
                name_en: l.name_en,
                amount: l.amount,
                currency: l.currency,
                merchant_id: l.merchant_id,
                customer_id: l.customer_id,
                invoice_id: l.invoice_id,
            })
            .collect(),
    )))
}
