//! Server functions of the staff order and invoice screens: admin, support and finance may
//! read them (every function checks the role first); all reads go through `kdb.read`.

use leptos::prelude::*;

use super::types::{InvoiceDetail, InvoiceSearchResult, OrderSearchResult, StaffOrder};
use crate::error::AppError;

#[cfg(feature = "ssr")]
pub(crate) mod imp {
    use crate::auth::Role;
    use crate::error::AppError;
    use crate::orders::error::OrderError;

    /// Everyone who may read orders and invoices.
    pub const READERS: &[Role] = &[Role::Admin, Role::Support, Role::Finance];

    /// Runs `body` for a reader, with the error's HTTP status set.
    pub async fn as_reader<T>(
        body: impl std::future::Future<Output = Result<T, AppError>>,
    ) -> Result<T, AppError> {
        crate::request::with_status(
            async {
                crate::auth::guard::require_role(READERS).await?;
                body.await
            }
            .await,
        )
    }

    /// A non-empty, trimmed form value.
    pub fn text(v: Option<String>) -> Option<String> {
        v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    }

    /// An id field: empty is `None`, anything but a UUID is "not found".
    pub fn uuid_of(field: &str, v: Option<String>) -> Result<Option<uuid::Uuid>, AppError> {
        text(v)
            .map(|s| {
                s.parse()
                    .map_err(|_| AppError::invalid(field, "ERR_NOT_FOUND"))
            })
            .transpose()
    }

    /// A `YYYY-MM-DD` field; empty is `None`.
    pub fn date_of(field: &str, v: Option<String>) -> Result<Option<chrono::NaiveDate>, AppError> {
        text(v)
            .map(|s| {
                chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                    .map_err(|_| AppError::invalid(field, "ERR_INVALID_DATE"))
            })
            .transpose()
    }

    /// An order service error as the staff screens show it (never the database text).
    pub fn from_order(e: OrderError) -> AppError {
        match e {
            OrderError::OrderNotFound | OrderError::CaptureNotFound => {
                AppError::invalid("id", "ERR_NOT_FOUND")
            }
            OrderError::Db(e) => e.into(),
            other => {
                let correlation_id = crate::request::request_id();
                tracing::error!(%correlation_id, error = %other, "staff order read failed");
                AppError::Internal { correlation_id }
            }
        }
    }
}

/// Orders of every merchant: `q` is an exact order id, merchant reference or customer e-mail;
/// `after` is the cursor of the next page.
#[server(prefix = "/api", endpoint = "staff_orders_search", input = leptos::server_fn::codec::GetUrl)]
pub async fn search_orders(
    q: Option<String>,
    status: Option<String>,
    merchant: Option<String>,
    from: Option<String>,
    to: Option<String>,
    after: Option<String>,
) -> Result<OrderSearchResult, AppError> {
    use super::queries::{merchant_names, parse_cursor, search_orders as search, OrderFilter};
    use crate::kdb::ScopedFutureExt;
    use imp::*;
    as_reader(async {
        let status = text(status);
        if let Some(s) = &status {
            if crate::orders::types::OrderStatus::parse(s).is_none() {
                return Err(AppError::invalid("status", "ERR_INVALID_CHOICE"));
            }
        }
        let filter = OrderFilter {
            q: text(q),
            status,
            merchant: uuid_of("merchant", merchant)?,
            from: date_of("from", from)?,
            to: date_of("to", to)?,
            after: text(after).and_then(|a| parse_cursor(&a)),
        };
        let s = crate::request::services()?;
        let filter = &filter;
        Ok(s.kdb
            .read(|c| {
                async move {
                    let (rows, next) = search(c, filter).await?;
                    let merchants = merchant_names(c).await?;
                    Ok::<_, crate::kdb::KdbError>(OrderSearchResult {
                        rows,
                        next,
                        merchants,
                    })
                }
                .scope_boxed()
            })
            .await?)
    })
    .await
}

/// One order of any merchant with its merchant, customer and the decision that authorized it.
#[server(prefix = "/api", endpoint = "staff_order", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_staff_order(id: String) -> Result<StaffOrder, AppError> {
    use crate::kdb::ScopedFutureExt;
    use imp::*;
    as_reader(async {
        let id =
            uuid_of("id", Some(id))?.ok_or_else(|| AppError::invalid("id", "ERR_NOT_FOUND"))?;
        let s = crate::request::services()?;
        s.kdb
            .read(|c| async move { super::queries::staff_order(c, id).await }.scope_boxed())
            .await
            .map_err(from_order)
    })
    .await
}

/// Invoices of every merchant by status, overdue, merchant and number/OCR; `after` is the
/// cursor of the next page.
#[server(prefix = "/api", endpoint = "staff_invoices_search", input = leptos::server_fn::codec::GetUrl)]
pub async fn search_invoices(
    status: Option<String>,
    overdue: Option<String>,
    merchant: Option<String>,
    number: Option<String>,
    after: Option<String>,
) -> Result<InvoiceSearchResult, AppError> {
    use super::queries::{merchant_names, parse_cursor, search_invoices as search, InvoiceFilter};
    use crate::kdb::ScopedFutureExt;
    use imp::*;
    as_reader(async {
        let status = text(status);
        if status
            .as_deref()
            .is_some_and(|s| !matches!(s, "open" | "partially_paid" | "paid" | "credited"))
        {
            return Err(AppError::invalid("status", "ERR_INVALID_CHOICE"));
        }
        let filter = InvoiceFilter {
            status,
            overdue: text(overdue).is_some_and(|v| v != "false"),
            merchant: uuid_of("merchant", merchant)?,
            number: text(number),
            after: text(after).and_then(|a| parse_cursor(&a)),
        };
        let s = crate::request::services()?;
        let today = s.ktime.today(&s.kdb, crate::ktime::Country::SE).await?;
        let filter = &filter;
        Ok(s.kdb
            .read(|c| {
                async move {
                    let (rows, next) = search(c, filter, today).await?;
                    let merchants = merchant_names(c).await?;
                    Ok::<_, crate::kdb::KdbError>(InvoiceSearchResult {
                        rows,
                        next,
                        merchants,
                    })
                }
                .scope_boxed()
            })
            .await?)
    })
    .await
}

/// One invoice with its order, capture and journal entries.
#[server(prefix = "/api", endpoint = "staff_invoice", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_invoice(id: String) -> Result<InvoiceDetail, AppError> {
    use crate::kdb::ScopedFutureExt;
    use imp::*;
    as_reader(async {
        let id =
            uuid_of("id", Some(id))?.ok_or_else(|| AppError::invalid("id", "ERR_NOT_FOUND"))?;
        let s = crate::request::services()?;
        let today = s.ktime.today(&s.kdb, crate::ktime::Country::SE).await?;
        s.kdb
            .read(|c| {
                async move { super::queries::invoice_detail(c, id, today).await }.scope_boxed()
            })
            .await
            .map_err(from_order)?
            .ok_or_else(|| AppError::invalid("id", "ERR_NOT_FOUND"))
    })
    .await
}
