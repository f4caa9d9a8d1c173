//! The SIE 4 export: a file download for staff (`GET /bookkeeping/sie`) and the
//! `server export-sie` command share [`sie_bytes`].

use app::auth::guard::staff_for_session;
use app::kdb::{Kdb, ScopedFutureExt};
use app::ktime::{Country, Ktime};
use app::ledger::export::{self, Company};
use app::ledger::sie::write_sie4;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use tower_sessions::Session;

use crate::state::AppState;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Bad input, naming the parameter.
    #[error("{0}")]
    Invalid(String),
    /// The data cannot be written as SIE (e.g. a character outside code page 437).
    #[error("SIE: {0}")]
    Sie(String),
    /// Database failure.
    #[error(transparent)]
    Db(#[from] app::kdb::KdbError),
}

/// The SIE 4 file of `from..=to` in `currency`.
pub async fn sie_bytes(
    kdb: &Kdb,
    ktime: &Ktime,
    company: &Company,
    currency: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<u8>, ExportError> {
    if to < from {
        return Err(ExportError::Invalid("to: must not be before from".into()));
    }
    if app::money::Currency::parse(currency).is_none() {
        return Err(ExportError::Invalid(format!(
            "currency: {currency:?} is not SEK, NOK, DKK or EUR"
        )));
    }
    let today = ktime.today(kdb, Country::SE).await?;
    let data = kdb
        .read(|conn| {
            async move { export::build(conn, company, currency, from, to, today).await }
                .scope_boxed()
        })
        .await?;
    write_sie4(&data).map_err(|e| ExportError::Sie(e.to_string()))
}

/// Query of the download.
#[derive(Debug, Deserialize)]
pub struct SieQuery {
    from: Option<String>,
    to: Option<String>,
    currency: Option<String>,
}

fn date(field: &str, value: Option<&str>) -> Result<NaiveDate, ExportError> {
    let v = value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ExportError::Invalid(format!("{field}: required (YYYY-MM-DD)")))?;
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map_err(|_| ExportError::Invalid(format!("{field}: not a date (YYYY-MM-DD)")))
}

/// `GET /bookkeeping/sie?from=YYYY-MM-DD&to=YYYY-MM-DD&currency=SEK` for signed-in staff.
pub async fn sie_download(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<SieQuery>,
) -> Response {
    if staff_for_session(&session, &state.services).await.is_err() {
        return (StatusCode::UNAUTHORIZED, "sign in first").into_response();
    }
    let currency = q
        .currency
        .as_deref()
        .unwrap_or("SEK")
        .trim()
        .to_ascii_uppercase();
    let result = async {
        let (from, to) = (
            date("from", q.from.as_deref())?,
            date("to", q.to.as_deref())?,
        );
        let s = &state.services;
        let bytes = sie_bytes(&s.kdb, &s.ktime, &state.config.company, &currency, from, to).await?;
        Ok::<_, ExportError>((bytes, from, to))
    }
    .await;
    match result {
        Ok((bytes, from, to)) => {
            let name = format!("kreditor-{currency}-{from}-{to}.se");
            (
                [
                    (
                        header::CONTENT_TYPE,
                        "text/plain; charset=IBM437".to_string(),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}\""),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
        Err(ExportError::Invalid(msg)) => (StatusCode::UNPROCESSABLE_ENTITY, msg).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "SIE export failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the export failed; see the logs",
            )
                .into_response()
        }
    }
}
