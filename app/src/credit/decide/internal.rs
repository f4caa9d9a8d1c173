//! Facts Kreditor knows itself: the customer's open exposure, overdue invoices, recent
//! rejections, whether they ever paid an invoice, their age, and the country of their IP.
//!
//! The exposure leaves out the order being decided on (its `order_ref`): a new order is not
//! stored yet, and a changed order is decided on its new total (`order.amount`), so its
//! current authorization and invoices must not count twice.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::sql_types::{BigInt, Date, Nullable, Text, Timestamptz, Uuid};
use diesel::QueryableByName;
use diesel_async::RunQueryDsl;
use rust_decimal::Decimal;

use super::{number, CreditApplication};
use crate::credit::policy::{FactValue, Facts};
use crate::kdb::{cached, Conn, Kdb, KdbError, ScopedFutureExt};
use crate::ktime::Ktime;
use crate::money::Money;

/// How far back `customer.previous_rejections` looks.
pub const REJECTION_WINDOW_DAYS: i64 = 30;

/// What the database says about the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalFacts {
    /// Open authorizations plus open receivables, in the order's currency (other orders).
    pub exposure: Money,
    /// Open invoices past their due date.
    pub overdue_count: i64,
    /// Days the oldest overdue invoice is late (0 if none).
    pub oldest_overdue_days: i64,
    /// Rejections in the last [`REJECTION_WINDOW_DAYS`] days.
    pub previous_rejections: i64,
    /// No invoice paid yet.
    pub is_new: bool,
    /// Whole years, from the national id and the business date.
    pub age: u32,
    /// Country of the buyer's IP, when the IP-range table knows it.
    pub ip_country: Option<String>,
}

impl InternalFacts {
    /// Adds these facts under their PolicyRules names.
    pub fn add_to(&self, facts: &mut Facts) {
        facts.insert("customer.exposure", FactValue::Money(self.exposure));
        facts.insert("customer.overdue_count", number(self.overdue_count));
        facts.insert(
            "customer.oldest_overdue_days",
            number(self.oldest_overdue_days),
        );
        facts.insert(
            "customer.previous_rejections",
            number(self.previous_rejections),
        );
        facts.insert("customer.is_new", FactValue::Bool(self.is_new));
        facts.insert("customer.age", FactValue::Number(Decimal::from(self.age)));
        facts.insert(
            "request.ip_country_known",
            FactValue::Bool(self.ip_country.is_some()),
        );
        if let Some(country) = &self.ip_country {
            facts.insert("request.ip_country", FactValue::String(country.clone()));
        }
    }
}

#[derive(QueryableByName)]
struct HistoryRow {
    #[diesel(sql_type = BigInt)]
    open_authorized: i64,
    #[diesel(sql_type = BigInt)]
    open_receivable: i64,
    #[diesel(sql_type = BigInt)]
    overdue_count: i64,
    #[diesel(sql_type = Nullable<Date>)]
    oldest_due: Option<NaiveDate>,
    #[diesel(sql_type = BigInt)]
    rejections: i64,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    has_paid: bool,
    #[diesel(sql_type = Timestamptz)]
    now: DateTime<Utc>,
}

/// One round trip for the whole history. Read on the primary: a customer placing two orders
/// in a row must see the first in the second's exposure, and the standby may lag by a few
/// milliseconds even with synchronous commit (which waits for flush, not replay).
const HISTORY_SQL: &str = "
SELECT
  (SELECT coalesce(sum(order_amount - captured_amount - released_amount), 0)::bigint
     FROM orders WHERE customer_id = $1 AND purchase_currency = $2
      AND status IN ('AUTHORIZED', 'PART_CAPTURED') AND expires_at > k.now
      AND id::text <> $7) AS open_authorized,
  (SELECT coalesce(sum(total_amount - credited_amount - paid_amount), 0)::bigint
     FROM invoices WHERE customer_id = $1 AND currency = $2 AND status IN ('open', 'partially_paid')
      AND order_id::text <> $7) AS open_receivable,
  (SELECT count(*) FROM invoices
    WHERE customer_id = $1 AND status IN ('open', 'partially_paid') AND due_date < $4) AS overdue_count,
  (SELECT min(due_date) FROM invoices
    WHERE customer_id = $1 AND status IN ('open', 'partially_paid') AND due_date < $4) AS oldest_due,
  (SELECT count(*) FROM credit_decisions
    WHERE customer_key = $3 AND outcome = 'reject'
      AND business_time > k.now - make_interval(days => $5)) AS rejections,
  EXISTS (SELECT 1 FROM invoices WHERE customer_id = $1 AND paid_amount > 0) AS has_paid,
  k.now AS now
FROM (SELECT $6::timestamptz AS now) k";

/// Reads the customer's history and the IP country (on the primary).
pub(super) async fn gather(
    kdb: &Kdb,
    ktime: &Ktime,
    application: &CreditApplication<'_>,
) -> Result<InternalFacts, KdbError> {
    kdb.read_primary(|conn| async move { read(conn, ktime, application).await }.scope_boxed())
        .await
}

/// [`gather`] on the caller's connection: inside the order's write transaction, under the
/// customer's lock, it sees every order committed before the lock was granted.
pub(super) async fn read(
    conn: &mut Conn,
    ktime: &Ktime,
    application: &CreditApplication<'_>,
) -> Result<InternalFacts, KdbError> {
    let currency = application.amount.currency();
    let country = application.national_id.country();
    let customer_id = application.customer_id;
    let now = ktime.now_in(conn).await?;
    let today = country.date_at(now);
    let row: HistoryRow = cached(
        diesel::sql_query(HISTORY_SQL)
            .bind::<Uuid, _>(customer_id)
            .bind::<Text, _>(currency.code())
            .bind::<Text, _>(customer_id.to_string())
            .bind::<Date, _>(today)
            .bind::<diesel::sql_types::Integer, _>(
                i32::try_from(REJECTION_WINDOW_DAYS).unwrap_or(i32::MAX),
            )
            .bind::<Timestamptz, _>(now)
            .bind::<Text, _>(application.order_ref),
    )
    .get_result(conn)
    .await?;
    let ip_country = match application.ip {
        Some(ip) => crate::credit::ip_ranges::lookup(conn, ip).await?,
        None => None,
    };
    let today = country.date_at(row.now);
    Ok(InternalFacts {
        exposure: Money::from_minor(
            row.open_authorized.saturating_add(row.open_receivable),
            currency,
        ),
        overdue_count: row.overdue_count,
        oldest_overdue_days: row.oldest_due.map_or(0, |due| (today - due).num_days()),
        previous_rejections: row.rejections,
        is_new: !row.has_paid,
        age: application.national_id.age_on(today),
        ip_country,
    })
}
