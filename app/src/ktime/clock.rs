//! Reading and moving the business clock (server side).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::sql_types::{BigInt, Bool, Timestamptz};
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::{AppEnv, ClockView, Country};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{cached, Conn, Ctx, Kdb, KdbError, Retryable, ScopedFutureExt};

/// Why the clock could not be moved.
#[derive(Debug, thiserror::Error)]
pub enum KtimeError {
    /// Production installations follow the wall clock.
    #[error("time travel is not allowed in production")]
    TimeTravelRefused,
    /// The clock may only move forward (outside `test` mode): history must not be rewritten.
    #[error("the business clock cannot move backwards")]
    Backwards,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl Retryable for KtimeError {
    fn is_retryable(&self) -> bool {
        matches!(self, KtimeError::Db(e) if e.is_retryable())
    }
}

#[derive(diesel::QueryableByName)]
struct ClockRow {
    #[diesel(sql_type = Timestamptz)]
    now: DateTime<Utc>,
    #[diesel(sql_type = BigInt)]
    offset_ms: i64,
    #[diesel(sql_type = Bool)]
    frozen: bool,
}

/// "now" computed by the database: one clock for every node.
const NOW_SQL: &str =
    "SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond') AS now, \
    offset_ms, frozen_at IS NOT NULL AS frozen FROM ktime_clock WHERE id = 1";

/// The same "now" as a scalar subquery.
const NOW_EXPR: &str = "(SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * \
    interval '1 millisecond') FROM ktime_clock WHERE id = 1)";

/// The business clock of one installation.
#[derive(Debug, Clone, Copy)]
pub struct Ktime {
    env: AppEnv,
}

impl Ktime {
    /// A clock for an installation in mode `env`.
    pub fn new(env: AppEnv) -> Self {
        Ktime { env }
    }

    /// The installation's mode.
    pub fn env(&self) -> AppEnv {
        self.env
    }

    /// Business "now", read inside the caller's transaction (so a write and its audit record
    /// see the same clock).
    pub async fn now_in(&self, conn: &mut Conn) -> Result<DateTime<Utc>, KdbError> {
        Ok(read_row(conn).await?.now)
    }

    /// Business "now" as an SQL expression, for an INSERT that only stores the time: the
    /// database reads the clock as part of the statement, saving a round trip.
    pub fn now_expr(&self) -> diesel::expression::SqlLiteral<Timestamptz> {
        diesel::dsl::sql::<Timestamptz>(NOW_EXPR)
    }

    /// Business "now", read from the primary (the clock must never appear to go backwards, as
    /// a lagging standby could make it).
    pub async fn now(&self, kdb: &Kdb) -> Result<DateTime<Utc>, KdbError> {
        kdb.read_primary(|conn| {
            async move { Ok::<_, KdbError>(read_row(conn).await?.now) }.scope_boxed()
        })
        .await
    }

    /// Today's business date in `country`.
    pub async fn today(&self, kdb: &Kdb, country: Country) -> Result<NaiveDate, KdbError> {
        Ok(country.date_at(self.now(kdb).await?))
    }

    /// The clock as the settings page shows it.
    pub async fn view(&self, kdb: &Kdb) -> Result<ClockView, KdbError> {
        let env = self.env;
        kdb.read_primary(|conn| {
            async move {
                let row = read_row(conn).await?;
                Ok::<_, KdbError>(ClockView {
                    today_se: Country::SE.date_at(row.now),
                    now: row.now,
                    offset_ms: row.offset_ms,
                    frozen: row.frozen,
                    env,
                })
            }
            .scope_boxed()
        })
        .await
    }

    /// Moves the clock forward by `by` (e.g. 30 days), keeping it frozen if it was.
    pub async fn advance(
        &self,
        kdb: &Kdb,
        ctx: &Ctx,
        by: Duration,
    ) -> Result<ClockView, KtimeError> {
        if by < Duration::zero() {
            return Err(KtimeError::Backwards);
        }
        self.change(kdb, ctx, "ktime.advance", move |now, frozen| {
            (now + by, frozen)
        })
        .await
    }

    /// Sets the clock to `to`; `freeze` stops it there, otherwise it runs on from `to`.
    pub async fn set(
        &self,
        kdb: &Kdb,
        ctx: &Ctx,
        to: DateTime<Utc>,
        freeze: bool,
    ) -> Result<ClockView, KtimeError> {
        self.change(kdb, ctx, "ktime.set", move |_, _| (to, freeze))
            .await
    }

    /// Stops the clock at its current business time (tests use this for repeatable results).
    pub async fn freeze(&self, kdb: &Kdb, ctx: &Ctx) -> Result<ClockView, KtimeError> {
        self.change(kdb, ctx, "ktime.freeze", |now, _| (now, true))
            .await
    }

    /// Lets a frozen clock run again from where it stands.
    pub async fn resume(&self, kdb: &Kdb, ctx: &Ctx) -> Result<ClockView, KtimeError> {
        self.change(kdb, ctx, "ktime.resume", |now, _| (now, false))
            .await
    }

    /// One audited change: `rule(now, frozen)` gives the new time and frozen flag.
    async fn change<R>(
        &self,
        kdb: &Kdb,
        ctx: &Ctx,
        action: &'static str,
        rule: R,
    ) -> Result<ClockView, KtimeError>
    where
        R: Fn(DateTime<Utc>, bool) -> (DateTime<Utc>, bool) + Send + Sync,
    {
        if !self.env.allows_time_travel() {
            return Err(KtimeError::TimeTravelRefused);
        }
        let env = self.env;
        let rule = &rule;
        kdb.write(|conn| {
            async move {
                let before = read_row_for_update(conn).await?;
                let (to, freeze) = rule(before.now, before.frozen);
                // Business history must not be rewritten; only a test database (new for each
                // test) may start its story at an earlier date.
                if to < before.now && env != AppEnv::Test {
                    return Err(KtimeError::Backwards);
                }
                let after = apply(conn, to, freeze).await?;
                audit::record(
                    conn,
                    ctx,
                    AuditEntry {
                        action,
                        entity_type: "ktime",
                        entity_id: "clock",
                        before: Some(json!({"now": before.now, "offset_ms": before.offset_ms, "frozen": before.frozen})),
                        after: Some(json!({"now": after.now, "offset_ms": after.offset_ms, "frozen": after.frozen})),
                    },
                )
                .await?;
                Ok(ClockView {
                    today_se: Country::SE.date_at(after.now),
                    now: after.now,
                    offset_ms: after.offset_ms,
                    frozen: after.frozen,
                    env,
                })
            }
            .scope_boxed()
        })
        .await
    }
}

async fn read_row(conn: &mut Conn) -> Result<ClockRow, KdbError> {
    Ok(cached(diesel::sql_query(NOW_SQL)).get_result(conn).await?)
}

async fn read_row_for_update(conn: &mut Conn) -> Result<ClockRow, KdbError> {
    Ok(diesel::sql_query(format!("{NOW_SQL} FOR UPDATE"))
        .get_result(conn)
        .await?)
}

/// Stores the clock so that business now = `to`, frozen or running from there.
async fn apply(conn: &mut Conn, to: DateTime<Utc>, freeze: bool) -> Result<ClockRow, KdbError> {
    Ok(diesel::sql_query(
        "UPDATE ktime_clock SET \
         offset_ms = (extract(epoch FROM ($1 - clock_timestamp())) * 1000)::bigint, \
         frozen_at = CASE WHEN $2 THEN $1 ELSE NULL END, updated_at = clock_timestamp() \
         WHERE id = 1 \
         RETURNING coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond') AS now, \
         offset_ms, frozen_at IS NOT NULL AS frozen",
    )
    .bind::<Timestamptz, _>(to)
    .bind::<Bool, _>(freeze)
    .get_result(conn)
    .await?)
}
