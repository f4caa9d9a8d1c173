//! The credit decision log: every decision stored with its fact snapshot and the ruleset
//! version that made it, searchable by staff and replayable by the backtest.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::{credit_decisions as cd, policy_rulesets as pr};
use super::types::{country_code, DecisionDetail, DecisionSummary, Product};
use crate::credit::policy::{Decision, FactValue, Facts, Outcome};
use crate::kdb::{cached, Conn, KdbError};
use crate::ktime::{Country, Ktime};

/// Decisions per page of the log.
pub const PAGE_SIZE: i64 = 50;

/// A decision to log. `customer_key` identifies the customer without their national id (a
/// customer id or a keyed hash): the log is read by many staff and kept for years.
#[derive(Debug, Clone)]
pub struct NewDecision<'a> {
    /// The customer's country (the ruleset's scope).
    pub country: Country,
    /// The product applied for.
    pub product: Product,
    /// The merchant.
    pub merchant_id: &'a str,
    /// Pseudonymous customer key; never a national id in clear.
    pub customer_key: &'a str,
    /// The merchant's order reference.
    pub order_ref: &'a str,
    /// The ruleset that decided.
    pub ruleset_id: i64,
    /// Every fact gathered (not only those read), so other rulesets can be backtested on it.
    pub facts: &'a Facts,
    /// The engine's decision.
    pub decision: &'a Decision,
}

/// Why a decision could not be logged.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The customer key looks like a national id; refused so one never reaches the log.
    #[error("customer key looks like a national id")]
    ClearNationalId,
    /// The fact snapshot could not be serialised.
    #[error("fact snapshot: {0}")]
    Snapshot(String),
    /// Database failure.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl From<diesel::result::Error> for RecordError {
    fn from(e: diesel::result::Error) -> Self {
        RecordError::Db(e.into())
    }
}

impl crate::kdb::Retryable for RecordError {
    fn is_retryable(&self) -> bool {
        matches!(self, RecordError::Db(e) if e.is_retryable())
    }
}

/// Whether `key` looks like a Nordic national id (9–12 digits with at most a `-`/`+`
/// separator, or FI's century sign): such keys are refused.
pub fn looks_like_national_id(key: &str) -> bool {
    let digits = key.chars().filter(char::is_ascii_digit).count();
    let others = key
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect::<String>();
    (9..=12).contains(&digits) && others.chars().count() <= 2
}

/// Logs a decision inside the caller's transaction (the order API's), at the business time
/// of that transaction; returns its id.
pub async fn record_decision(
    conn: &mut Conn,
    ktime: &Ktime,
    new: &NewDecision<'_>,
) -> Result<i64, RecordError> {
    if looks_like_national_id(new.customer_key) {
        return Err(RecordError::ClearNationalId);
    }
    let facts =
        serde_json::to_value(new.facts).map_err(|e| RecordError::Snapshot(e.to_string()))?;
    let fired = serde_json::json!(new.decision.fired);
    // The business time is an SQL expression, which diesel never caches; the text is fixed.
    Ok(cached(
        diesel::insert_into(cd::table)
            .values((
                cd::business_time.eq(ktime.now_expr()),
                cd::country.eq(country_code(new.country)),
                cd::product.eq(new.product.as_str()),
                cd::merchant_id.eq(new.merchant_id),
                cd::customer_key.eq(new.customer_key),
                cd::order_ref.eq(new.order_ref),
                cd::outcome.eq(new.decision.outcome.as_str()),
                cd::reason.eq(&new.decision.reason),
                cd::ruleset_id.eq(new.ruleset_id),
                cd::decided_by.eq(new.decision.decided_by.as_deref()),
                cd::fired_rules.eq(fired),
                cd::facts.eq(facts),
            ))
            .returning(cd::id),
    )
    .get_result(conn)
    .await?)
}

/// Search criteria of the decision log; empty fields don't filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionFilter {
    /// Exact customer key.
    pub customer_key: Option<String>,
    /// Exact order reference.
    pub order_ref: Option<String>,
    /// Outcome.
    pub outcome: Option<Outcome>,
    /// Exact reason code.
    pub reason: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
    /// Older than this id (paging).
    pub before_id: Option<i64>,
}

/// Parses an outcome keyword.
pub fn parse_outcome(s: &str) -> Option<Outcome> {
    [Outcome::Approve, Outcome::Reject, Outcome::Refer]
        .into_iter()
        .find(|o| o.as_str() == s.trim())
}

type Row = (
    i64,
    DateTime<Utc>,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    i32,
);

macro_rules! row_columns {
    () => {
        (
            cd::id,
            cd::business_time,
            cd::country,
            cd::product,
            cd::merchant_id,
            cd::customer_key,
            cd::order_ref,
            cd::outcome,
            cd::reason,
            cd::ruleset_id,
            pr::version,
        )
    };
}

fn to_summary(r: Row) -> DecisionSummary {
    DecisionSummary {
        id: r.0,
        business_time: r.1,
        country: r.2,
        product: Product::parse(&r.3).unwrap_or(Product::Invoice),
        merchant_id: r.4,
        merchant_name: None,
        customer_key: r.5,
        customer_name: None,
        order_ref: r.6,
        outcome: parse_outcome(&r.7).unwrap_or(Outcome::Refer),
        reason: r.8,
        ruleset_id: r.9,
        ruleset_version: r.10,
    }
}

/// Decisions matching `filter`, newest first, [`PAGE_SIZE`] a page.
pub async fn search(
    conn: &mut Conn,
    filter: &DecisionFilter,
) -> Result<Vec<DecisionSummary>, KdbError> {
    let mut q = cd::table
        .inner_join(pr::table)
        .select(row_columns!())
        .order(cd::id.desc())
        .limit(PAGE_SIZE)
        .into_boxed();
    if let Some(v) = &filter.customer_key {
        q = q.filter(cd::customer_key.eq(v));
    }
    if let Some(v) = &filter.order_ref {
        q = q.filter(cd::order_ref.eq(v));
    }
    if let Some(v) = filter.outcome {
        q = q.filter(cd::outcome.eq(v.as_str()));
    }
    if let Some(v) = &filter.reason {
        q = q.filter(cd::reason.eq(v));
    }
    if let Some(v) = &filter.country {
        q = q.filter(cd::country.eq(v));
    }
    if let Some(v) = filter.before_id {
        q = q.filter(cd::id.lt(v));
    }
    let rows: Vec<Row> = q.load(conn).await?;
    let mut rows: Vec<DecisionSummary> = rows.into_iter().map(to_summary).collect();
    attach_names(conn, &mut rows).await?;
    Ok(rows)
}

/// Fills in the merchant's and the customer's names (two queries for the whole page): staff
/// read names, and follow them to the merchant's and the customer's pages.
async fn attach_names(conn: &mut Conn, rows: &mut [DecisionSummary]) -> Result<(), KdbError> {
    use crate::customers::schema::customers as c;
    use crate::merchants::schema::merchants as m;
    let ids = |key: fn(&DecisionSummary) -> &str| {
        let mut ids: Vec<uuid::Uuid> = rows.iter().filter_map(|r| key(r).parse().ok()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let (merchant_ids, customer_ids) = (ids(|r| &r.merchant_id), ids(|r| &r.customer_key));
    let merchants: Vec<(uuid::Uuid, String)> = if merchant_ids.is_empty() {
        Vec::new()
    } else {
        m::table
            .filter(m::id.eq_any(&merchant_ids))
            .select((m::id, m::legal_name))
            .load(conn)
            .await?
    };
    let customers: Vec<(uuid::Uuid, String, String)> = if customer_ids.is_empty() {
        Vec::new()
    } else {
        c::table
            .filter(c::id.eq_any(&customer_ids))
            .select((c::id, c::given_name, c::family_name))
            .load(conn)
            .await?
    };
    for r in rows {
        r.merchant_name = merchants
            .iter()
            .find(|(id, _)| id.to_string() == r.merchant_id)
            .map(|(_, name)| name.clone());
        r.customer_name = customers
            .iter()
            .find(|(id, _, _)| id.to_string() == r.customer_key)
            .map(|(_, given, family)| format!("{given} {family}"));
    }
    Ok(())
}

/// One decision with its fired rules and fact snapshot.
pub async fn detail(conn: &mut Conn, id: i64) -> Result<Option<DecisionDetail>, KdbError> {
    let row: Option<(Row, Option<String>, serde_json::Value, serde_json::Value)> = cd::table
        .inner_join(pr::table)
        .filter(cd::id.eq(id))
        .select((row_columns!(), cd::decided_by, cd::fired_rules, cd::facts))
        .first(conn)
        .await
        .optional()?;
    let Some((row, decided_by, fired, facts)) = row else {
        return Ok(None);
    };
    let fired: Vec<String> = serde_json::from_value(fired).unwrap_or_default();
    let facts: Facts = serde_json::from_value(facts).unwrap_or_default();
    let mut summary = [to_summary(row)];
    attach_names(conn, &mut summary).await?;
    let [summary] = summary;
    Ok(Some(DecisionDetail {
        summary,
        decided_by,
        fired,
        facts: facts
            .iter()
            .map(|(k, v)| {
                let (kind, text) = show(v);
                (k.clone(), kind.to_string(), text)
            })
            .collect(),
    }))
}

/// A fact's type name and value as staff read them.
fn show(v: &FactValue) -> (&'static str, String) {
    match v {
        FactValue::Bool(b) => ("bool", b.to_string()),
        FactValue::Number(n) => ("number", n.to_string()),
        FactValue::Money(m) => ("money", format!("{} {}", m.amount(), m.currency().code())),
        FactValue::String(s) => ("string", s.clone()),
    }
}

/// A logged decision as the backtest replays it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Decision id.
    pub id: i64,
    /// Order reference.
    pub order_ref: String,
    /// Logged outcome.
    pub outcome: Outcome,
    /// Logged reason.
    pub reason: String,
    /// The facts it was decided on.
    pub facts: Facts,
}

/// The last `limit` decisions of (country, product), newest first, with their facts.
pub async fn last_snapshots(
    conn: &mut Conn,
    country: &str,
    product: Product,
    limit: i64,
) -> Result<Vec<Snapshot>, KdbError> {
    let rows: Vec<(i64, String, String, String, serde_json::Value)> = cd::table
        .filter(cd::country.eq(country))
        .filter(cd::product.eq(product.as_str()))
        .order(cd::id.desc())
        .limit(limit)
        .select((cd::id, cd::order_ref, cd::outcome, cd::reason, cd::facts))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, order_ref, outcome, reason, facts)| Snapshot {
            id,
            order_ref,
            outcome: parse_outcome(&outcome).unwrap_or(Outcome::Refer),
            reason,
            // A snapshot that no longer reads back replays as "no facts" (the engine then
            // refers it), so one bad row does not hide the rest.
            facts: serde_json::from_value(facts).unwrap_or_default(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_ids_are_not_customer_keys() {
        assert!(looks_like_national_id("19121212-1212"));
        assert!(looks_like_national_id("121212-1212"));
        assert!(looks_like_national_id("131052-308T"));
        assert!(looks_like_national_id("01010112345"));
        assert!(!looks_like_national_id("cust-42"));
        assert!(!looks_like_national_id(
            "c4f1a2e0-9a1b-4c33-8f51-2b9d6e0f7a10"
        ));
    }
}
