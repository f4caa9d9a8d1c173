//! The SIE 4 export: a file download for finance and admin staff (`GET /bookkeeping/sie`, at
//! most [`MAX_EXPORT_DAYS`] days, each download audited) and the `server export-sie` command
//! share [`sie_bytes`].

use app::auth::guard::staff_for_session;
use app::auth::Role;
use app::kdb::audit::{self, AuditEntry};
use app::kdb::{Actor, Ctx};
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

/// The longest period one download may cover: a fiscal year (with a leap day). The whole
/// books of a company are a bulk copy of every customer's payments; who needs more runs the
/// `export-sie` command on the server.
pub const MAX_EXPORT_DAYS: i64 = 366;

/// Who may download the books.
const EXPORTERS: &[Role] = &[Role::Admin, Role::Finance];

/// Records one download (who, which period and currency, how many bytes).
async fn audit_export(
    kdb: &Kdb,
    ctx: &Ctx,
    currency: &str,
    from: NaiveDate,
    to: NaiveDate,
    bytes: usize,
) -> Result<(), app::kdb::KdbError> {
    let id = format!("{currency}:{from}..{to}");
    let after = serde_json::json!({
        "from": from.to_string(), "to": to.to_string(), "currency": currency, "bytes": bytes,
    });
    let (id, after) = (&id, &after);
    kdb.write(|conn| {
        async move {
            audit::record(
                conn,
                ctx,
                AuditEntry {
                    action: "ledger.sie_export",
                    entity_type: "sie_export",
                    entity_id: id,
                    before: None,
                    after: Some(after.clone()),
                },
            )
            .await
        }
        .scope_boxed()
    })
    .await
}

/// `GET /bookkeeping/sie?from=YYYY-MM-DD&to=YYYY-MM-DD&currency=SEK` for finance and admin.
pub async fn sie_download(
    State(state): State<AppState>,
    session: Session,
    request_id: Option<axum::Extension<app::request::RequestId>>,
    Query(q): Query<SieQuery>,
) -> Response {
    let staff = match staff_for_session(&session, &state.services).await {
        Ok(staff) => staff,
        Err(_) => return (StatusCode::UNAUTHORIZED, "sign in first").into_response(),
    };
    if !EXPORTERS.contains(&staff.role) {
        tracing::warn!(staff = %staff.id, role = staff.role.as_str(), "SIE export denied");
        return (StatusCode::FORBIDDEN, "finance or admin only").into_response();
    }
    let ctx = Ctx {
        actor: Actor::Staff {
            id: staff.id,
            email: staff.email.clone(),
        },
        request_id: request_id
            .map(|r| r.0 .0)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
    };
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
        if (to - from).num_days() >= MAX_EXPORT_DAYS {
            return Err(ExportError::Invalid(format!(
                "to: at most {MAX_EXPORT_DAYS} days from from"
            )));
        }
        let s = &state.services;
        let bytes = sie_bytes(&s.kdb, &s.ktime, &state.config.company, &currency, from, to).await?;
        audit_export(&s.kdb, &ctx, &currency, from, to, bytes.len()).await?;
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
