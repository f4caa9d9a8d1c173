//! Balances and reports read from the journal: trial balance, account statement with running
//! balance, merchant statement, customer balance. Read on the standby ("dirty reads are fine"
//! for reports); the daily close reads the primary.

use chrono::NaiveDate;
use diesel::sql_types::{BigInt, Date, Integer, Nullable, Numeric, Text};
use diesel_async::RunQueryDsl;
use rust_decimal::Decimal;

use super::views::{Statement, StatementRow, TrialBalance, TrialBalanceRow};
use crate::kdb::{Conn, KdbError};

#[derive(diesel::QueryableByName)]
struct TbRow {
    #[diesel(sql_type = Integer)]
    account: i32,
    #[diesel(sql_type = Text)]
    name_sv: String,
    #[diesel(sql_type = Text)]
    name_en: String,
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = Numeric)]
    opening: Decimal,
    #[diesel(sql_type = Numeric)]
    debit: Decimal,
    #[diesel(sql_type = Numeric)]
    credit: Decimal,
    #[diesel(sql_type = Numeric)]
    closing: Decimal,
}

/// Opening, debits, credits and closing per account and currency for `from..=to`.
pub async fn trial_balance(
    conn: &mut Conn,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<TrialBalance, KdbError> {
    let rows: Vec<TbRow> = diesel::sql_query(
        "SELECT l.account, a.name_sv, a.name_en, l.currency, \
           coalesce(sum(l.amount) FILTER (WHERE e.business_date < $1), 0) AS opening, \
           coalesce(sum(l.amount) FILTER (WHERE e.business_date >= $1 AND l.amount > 0), 0) AS debit, \
           coalesce(-sum(l.amount) FILTER (WHERE e.business_date >= $1 AND l.amount < 0), 0) AS credit, \
           sum(l.amount) AS closing \
         FROM journal_lines l \
         JOIN journal_entries e ON e.id = l.entry_id \
         JOIN ledger_accounts a ON a.number = l.account \
         WHERE e.business_date <= $2 \
         GROUP BY l.account, a.name_sv, a.name_en, l.currency \
         ORDER BY l.currency, l.account",
    )
    .bind::<Date, _>(from)
    .bind::<Date, _>(to)
    .load(conn)
    .await?;
    let rows: Vec<TrialBalanceRow> = rows
        .into_iter()
        .map(|r| TrialBalanceRow {
            account: u32::try_from(r.account).unwrap_or_default(),
            name_sv: r.name_sv,
            name_en: r.name_en,
            currency: r.currency,
            opening: r.opening,
            debit: r.debit,
            credit: r.credit,
            closing: r.closing,
        })
        .collect();
    let mut totals: Vec<(String, Decimal, Decimal, Decimal, Decimal)> = Vec::new();
    for r in &rows {
        match totals.iter_mut().find(|t| t.0 == r.currency) {
            Some(t) => {
                t.1 += r.opening;
                t.2 += r.debit;
                t.3 += r.credit;
                t.4 += r.closing;
            }
            None => totals.push((r.currency.clone(), r.opening, r.debit, r.credit, r.closing)),
        }
    }
    Ok(TrialBalance {
        from,
        to,
        rows,
        totals,
    })
}

#[derive(diesel::QueryableByName)]
struct Sum {
    #[diesel(sql_type = Numeric)]
    total: Decimal,
}

/// Filters on the dimensions of lines.
#[derive(Debug, Clone, Default)]
pub struct DimFilter {
    /// Only this merchant's lines.
    pub merchant_id: Option<String>,
    /// Only this customer's lines.
    pub customer_id: Option<String>,
}

/// The balance of `account` in `currency` at the end of `at`, optionally for one merchant or
/// customer.
pub async fn balance(
    conn: &mut Conn,
    account: u32,
    currency: &str,
    at: NaiveDate,
    dims: &DimFilter,
) -> Result<Decimal, KdbError> {
    let s: Sum = diesel::sql_query(
        "SELECT coalesce(sum(l.amount), 0) AS total FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id \
         WHERE l.account = $1 AND l.currency = $2 AND e.business_date <= $3 \
           AND ($4::text IS NULL OR l.merchant_id = $4) AND ($5::text IS NULL OR l.customer_id = $5)",
    )
    .bind::<Integer, _>(i32::try_from(account).unwrap_or(-1))
    .bind::<Text, _>(currency)
    .bind::<Date, _>(at)
    .bind::<Nullable<Text>, _>(dims.merchant_id.as_deref())
    .bind::<Nullable<Text>, _>(dims.customer_id.as_deref())
    .get_result(conn)
    .await?;
    Ok(s.total)
}

#[derive(diesel::QueryableByName)]
struct LineRow {
    #[diesel(sql_type = BigInt)]
    entry_id: i64,
    #[diesel(sql_type = Date)]
    business_date: NaiveDate,
    #[diesel(sql_type = Text)]
    event: String,
    #[diesel(sql_type = Text)]
    description: String,
    #[diesel(sql_type = Numeric)]
    amount: Decimal,
    #[diesel(sql_type = Nullable<Text>)]
    merchant_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    customer_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    invoice_id: Option<String>,
}

/// Rows a statement shows at most; the SIE export has everything.
pub const STATEMENT_LIMIT: i64 = 2000;

/// The movements of `account` in `currency` during `from..=to` with a running balance.
pub async fn statement(
    conn: &mut Conn,
    account: u32,
    currency: &str,
    from: NaiveDate,
    to: NaiveDate,
    dims: &DimFilter,
) -> Result<Statement, KdbError> {
    let day_before = from.pred_opt().unwrap_or(from);
    let opening = balance(conn, account, currency, day_before, dims).await?;
    let lines: Vec<LineRow> = diesel::sql_query(
        "SELECT e.id AS entry_id, e.business_date, e.event, e.description, l.amount, l.merchant_id, l.customer_id, l.invoice_id \
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id \
         WHERE l.account = $1 AND l.currency = $2 AND e.business_date BETWEEN $3 AND $4 \
           AND ($5::text IS NULL OR l.merchant_id = $5) AND ($6::text IS NULL OR l.customer_id = $6) \
         ORDER BY e.business_date, e.id, l.line_no LIMIT $7",
    )
    .bind::<Integer, _>(i32::try_from(account).unwrap_or(-1))
    .bind::<Text, _>(currency)
    .bind::<Date, _>(from)
    .bind::<Date, _>(to)
    .bind::<Nullable<Text>, _>(dims.merchant_id.as_deref())
    .bind::<Nullable<Text>, _>(dims.customer_id.as_deref())
    .bind::<BigInt, _>(STATEMENT_LIMIT + 1)
    .load(conn)
    .await?;
    let truncated = lines.len() as i64 > STATEMENT_LIMIT;
    let mut running = opening;
    let rows: Vec<StatementRow> = lines
        .into_iter()
        .take(usize::try_from(STATEMENT_LIMIT).unwrap_or(usize::MAX))
        .map(|l| {
            running += l.amount;
            StatementRow {
                entry_id: l.entry_id,
                business_date: l.business_date,
                event: l.event,
                description: l.description,
                amount: l.amount,
                running,
                merchant_id: l.merchant_id,
                customer_id: l.customer_id,
                invoice_id: l.invoice_id,
            }
        })
        .collect();
    let closing = if truncated {
        balance(conn, account, currency, to, dims).await?
    } else {
        running
    };
    Ok(Statement {
        account,
        currency: currency.to_string(),
        opening,
        rows,
        closing,
        truncated,
    })
}

/// What one customer owes (or is owed), per currency, at the end of `at`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CustomerBalance {
    /// ISO currency code.
    pub currency: String,
    /// Open receivables (1510 + 1515).
    pub receivable: Decimal,
    /// Money held for the customer (2420, overpayments and refunds), as a positive amount.
    pub held: Decimal,
    /// `receivable - held`: positive when the customer owes Kreditor.
    pub net: Decimal,
}

#[derive(diesel::QueryableByName)]
struct CustomerRow {
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = Numeric)]
    receivable: Decimal,
    #[diesel(sql_type = Numeric)]
    held: Decimal,
}

/// The customer's balance from the receivable and overpayment subledgers.
pub async fn customer_balance(
    conn: &mut Conn,
    customer_id: &str,
    at: NaiveDate,
) -> Result<Vec<CustomerBalance>, KdbError> {
    let rows: Vec<CustomerRow> = diesel::sql_query(
        "SELECT l.currency, \
           coalesce(sum(l.amount) FILTER (WHERE l.account IN (1510, 1515)), 0) AS receivable, \
           coalesce(-sum(l.amount) FILTER (WHERE l.account = 2420), 0) AS held \
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id \
         WHERE l.customer_id = $1 AND e.business_date <= $2 AND l.account IN (1510, 1515, 2420) \
         GROUP BY l.currency ORDER BY l.currency",
    )
    .bind::<Text, _>(customer_id)
    .bind::<Date, _>(at)
    .load(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CustomerBalance {
            net: r.receivable - r.held,
            currency: r.currency,
            receivable: r.receivable,
            held: r.held,
        })
        .collect())
}
