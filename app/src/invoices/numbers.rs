//! Invoice and credit-note numbers: one gapless series per country.
//!
//! Swedish bookkeeping (and the VAT act's invoice rules) want numbers that are unique and run
//! in sequence, with gaps explained. A PostgreSQL sequence cannot promise that: `nextval` is
//! never rolled back, so every capture that fails after taking its number (a refused posting,
//! a lost connection, a deadlock retry) silently burns one. Here the number comes from a
//! counter row per series (`invoice_number_series`), advanced with `UPDATE … RETURNING` in the
//! caller's own transaction: when the capture rolls back, so does its number, and the next
//! capture gets it.
//!
//! The price is that captures (and refunds) of one country serialize on that row from the
//! allocation to their COMMIT — a few milliseconds with the synchronous standby. At our rates
//! (well under a hundred invoices per second per country) that is fine; a busier installation
//! would split the series (per merchant or per node) rather than go back to gaps. Allocate as
//! late in the transaction as possible to keep the wait short.

use diesel::sql_types::{BigInt, Text};
use diesel_async::RunQueryDsl;

use crate::kdb::{cached, Conn, KdbError};
use crate::ktime::Country;

/// Why no number could be allocated.
#[derive(Debug, thiserror::Error)]
pub enum NumberError {
    /// The country has no invoice series (Germany: no invoices yet).
    #[error("no invoice series for {0}")]
    NoSeries(&'static str),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl From<diesel::result::Error> for NumberError {
    fn from(e: diesel::result::Error) -> Self {
        NumberError::Db(e.into())
    }
}

#[derive(diesel::QueryableByName)]
struct Next {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The next number of `country`'s series (shared by invoices and credit notes), taken inside
/// the caller's transaction: gapless, and it holds the series' row lock until COMMIT.
pub async fn next(conn: &mut Conn, country: Country) -> Result<i64, NumberError> {
    if !matches!(
        country,
        Country::SE | Country::NO | Country::FI | Country::DK
    ) {
        return Err(NumberError::NoSeries(country.code()));
    }
    let next: Option<Next> = cached(
        diesel::sql_query(
            "UPDATE invoice_number_series SET last_number = last_number + 1 \
             WHERE country = $1 RETURNING last_number AS n",
        )
        .bind::<Text, _>(country.code()),
    )
    .get_result(conn)
    .await
    .map(Some)
    .or_else(|e| match e {
        diesel::result::Error::NotFound => Ok(None),
        e => Err(e),
    })?;
    next.map(|n| n.n)
        .ok_or(NumberError::NoSeries(country.code()))
}
