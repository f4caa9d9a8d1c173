//! The provider call log as staff read it: per provider and operation, the outcomes and
//! latency percentiles of the last 24 hours, and the latest calls. The figures are computed
//! in SQL (counts with `FILTER`, percentiles with `percentile_cont`) so only a few rows leave
//! the database however busy the providers are, and the percentiles arrive as whole
//! milliseconds.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The window the statistics cover.
pub const WINDOW_HOURS: i32 = 24;

/// Calls listed at most.
pub const LATEST_CALLS: i64 = 100;

/// Every `outcome` value of `provider_calls` with its message id, in display order.
pub const OUTCOMES: [(&str, &str); 6] = [
    ("ok", "pv-outcome-ok"),
    ("not_found", "pv-outcome-not_found"),
    ("timeout", "pv-outcome-timeout"),
    ("error", "pv-outcome-error"),
    ("circuit_open", "pv-outcome-circuit_open"),
    ("cache_hit", "pv-outcome-cache_hit"),
];

/// The message id of an outcome value (the value itself if unknown).
pub fn outcome_message(outcome: &str) -> &str {
    OUTCOMES
        .iter()
        .find(|(value, _)| *value == outcome)
        .map_or(outcome, |(_, id)| id)
}

/// One provider and operation over the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(diesel::QueryableByName))]
pub struct ProviderStat {
    /// Provider name, e.g. `registry`, `http:bureau`.
    #[cfg_attr(feature = "ssr", diesel(sql_type = diesel::sql_types::Text))]
    pub provider: String,
    /// `address` or `score`.
    #[cfg_attr(feature = "ssr", diesel(sql_type = diesel::sql_types::Text))]
    pub operation: String,
    /// Every logged call.
    #[cfg_attr(feature = "ssr", diesel(sql_type = diesel::sql_types::Int8))]
    pub calls: i64,
    /// Answered with the fact.
    #[cfg_attr(feature = "ssr", diesel(sql_type = diesel::sql_types::Int8))]
    pub ok: i64,
    /// Answered "unknown person".
    #[cfg_attr(feature = "ssr", diesel(sql_type = diesel::sql_types::Int8))]
    pub not_found: i64,
    /// No answer in time.
    #[cfg_attr(feature = "ssr", diesel(sql_type = diesel::sql_types::Int8))]
    pub timeouts: i64,
    /// Failed or useless answer.
    #[cfg_attr(feature = "ssr", diesel(sql_type = diesel::sql_types::Int8))]
    pub errors: i64,
    /// Not called: the circuit breaker was open.
    #[cfg_attr(feature = "ssr", diesel(sql_type = diesel::sql_types::Int8))]
    pub circuit_open: i64,
    /// Answered from the cache.
    #[cfg_attr(feature = "ssr", diesel(sql_type = diesel::sql_types::Int8))]
    pub cache_hits: i64,
    /// Median latency in ms of the calls that reached the provider (cache hits and
    /// open-circuit skips take no time and would only pull it down); `None` if there were none.
    #[cfg_attr(
        feature = "ssr",
        diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Int8>)
    )]
    pub p50_ms: Option<i64>,
    /// 95th percentile latency in ms, of the same calls.
    #[cfg_attr(
        feature = "ssr",
        diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Int8>)
    )]
    pub p95_ms: Option<i64>,
}

/// One logged call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderCallRow {
    /// Log row id.
    pub id: i64,
    /// Provider name.
    pub provider: String,
    /// `address` or `score`.
    pub operation: String,
    /// One of [`OUTCOMES`].
    pub outcome: String,
    /// Attempts made (retries included; 0 when not called).
    pub attempts: i16,
    /// Time the caller waited, ms.
    pub latency_ms: i32,
    /// When (database clock).
    pub recorded_at: DateTime<Utc>,
}

/// Filters of the latest-calls list; `None` doesn't filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallFilter {
    /// Exact provider name.
    pub provider: Option<String>,
    /// One of [`OUTCOMES`].
    pub outcome: Option<String>,
}

/// Everything the provider screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderLog {
    /// Per provider and operation, over the last [`WINDOW_HOURS`].
    pub stats: Vec<ProviderStat>,
    /// The latest [`LATEST_CALLS`] calls matching the filter, newest first.
    pub calls: Vec<ProviderCallRow>,
    /// Provider names for the filter (those with calls in the window, and the one chosen).
    pub providers: Vec<String>,
}

#[cfg(feature = "ssr")]
pub use queries::{latest_calls, window_stats};

#[cfg(feature = "ssr")]
mod queries {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;

    use super::{CallFilter, ProviderCallRow, ProviderStat, LATEST_CALLS, WINDOW_HOURS};
    use crate::credit::providers::schema::provider_calls as pc;
    use crate::kdb::{Conn, KdbError};

    /// Outcomes, latency percentiles (whole ms, rounded) per provider and operation over the
    /// last [`WINDOW_HOURS`] by the database clock (the log's own clock).
    pub async fn window_stats(conn: &mut Conn) -> Result<Vec<ProviderStat>, KdbError> {
        Ok(diesel::sql_query(
            "SELECT provider, operation, count(*) AS calls, \
             count(*) FILTER (WHERE outcome = 'ok') AS ok, \
             count(*) FILTER (WHERE outcome = 'not_found') AS not_found, \
             count(*) FILTER (WHERE outcome = 'timeout') AS timeouts, \
             count(*) FILTER (WHERE outcome = 'error') AS errors, \
             count(*) FILTER (WHERE outcome = 'circuit_open') AS circuit_open, \
             count(*) FILTER (WHERE outcome = 'cache_hit') AS cache_hits, \
             round(percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) \
                   FILTER (WHERE outcome NOT IN ('cache_hit', 'circuit_open')))::int8 AS p50_ms, \
             round(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) \
                   FILTER (WHERE outcome NOT IN ('cache_hit', 'circuit_open')))::int8 AS p95_ms \
             FROM provider_calls \
             WHERE recorded_at > now() - make_interval(hours => $1) \
             GROUP BY provider, operation \
             ORDER BY provider, operation",
        )
        .bind::<diesel::sql_types::Int4, _>(WINDOW_HOURS)
        .load(conn)
        .await?)
    }

    /// The latest [`LATEST_CALLS`] calls matching `filter`, newest first.
    pub async fn latest_calls(
        conn: &mut Conn,
        filter: &CallFilter,
    ) -> Result<Vec<ProviderCallRow>, KdbError> {
        let mut q = pc::table
            .select((
                pc::id,
                pc::provider,
                pc::operation,
                pc::outcome,
                pc::attempts,
                pc::latency_ms,
                pc::recorded_at,
            ))
            .order(pc::id.desc())
            .limit(LATEST_CALLS)
            .into_boxed();
        if let Some(p) = &filter.provider {
            q = q.filter(pc::provider.eq(p));
        }
        if let Some(o) = &filter.outcome {
            q = q.filter(pc::outcome.eq(o));
        }
        type Row = (
            i64,
            String,
            String,
            String,
            i16,
            i32,
            chrono::DateTime<chrono::Utc>,
        );
        let rows: Vec<Row> = q.load(conn).await?;
        Ok(rows
            .into_iter()
            .map(
                |(id, provider, operation, outcome, attempts, latency_ms, recorded_at)| {
                    ProviderCallRow {
                        id,
                        provider,
                        operation,
                        outcome,
                        attempts,
                        latency_ms,
                        recorded_at,
                    }
                },
            )
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_has_a_message_id() {
        assert_eq!(outcome_message("cache_hit"), "pv-outcome-cache_hit");
        assert_eq!(outcome_message("weird"), "weird");
    }
}
