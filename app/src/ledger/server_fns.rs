//! Server functions of the bookkeeping screens. Finance and admin may change things; support
//! may look. Every function checks the caller's role first.

use leptos::prelude::*;

use super::accounts::Account;
use super::views::{CloseResult, EntryLineView, EntrySummary, Statement, TrialBalance};
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod imp {
    pub use crate::auth::guard::require_role;
    pub use crate::auth::Role;
    pub use crate::kdb::ScopedFutureExt;
    pub use crate::request::services;
    pub use crate::request::with_status;

    /// Everyone who may read the books.
    pub const READERS: &[Role] = &[Role::Admin, Role::Finance, Role::Support];
    /// Everyone who may change them.
    pub const WRITERS: &[Role] = &[Role::Admin, Role::Finance];

    /// A date field; empty means `default`.
    pub fn date_or(
        field: &str,
        text: &Option<String>,
        default: chrono::NaiveDate,
    ) -> Result<chrono::NaiveDate, crate::error::AppError> {
        match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(default),
            Some(t) => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| crate::error::AppError::invalid(field, "ERR_INVALID_DATE")),
        }
    }

    /// The business period a report shows by default: this month up to today.
    pub async fn default_period(
    ) -> Result<(chrono::NaiveDate, chrono::NaiveDate), crate::error::AppError> {
        use chrono::Datelike;
        let s = services()?;
        let today = s.ktime.today(&s.kdb, crate::ktime::Country::SE).await?;
        Ok((today.with_day(1).unwrap_or(today), today))
    }
}

/// The chart of accounts.
#[server(prefix = "/api", endpoint = "ledger_accounts", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_accounts() -> Result<Vec<Account>, AppError> {
    use imp::*;
    with_status(
        async {
            require_role(READERS).await?;
            let kdb = services()?.kdb;
            Ok(kdb
                .read_primary(|conn| async move { super::chart::list(conn).await }.scope_boxed())
                .await?)
        }
        .await,
    )
}

/// Adds an account (finance, admin).
#[server(prefix = "/api", endpoint = "ledger_add_account")]
pub async fn add_account(
    number: String,
    name_sv: String,
    name_en: String,
    kind: String,
    currency: Option<String>,
) -> Result<u32, AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(WRITERS).await?;
            let new = super::chart::NewAccount::parse(
                &number,
                &name_sv,
                &name_en,
                &kind,
                currency.as_deref(),
            )?;
            let kdb = services()?.kdb;
            let (new, ctx) = (&new, &cap.ctx);
            let added = kdb
                .write(|conn| async move { super::chart::add(conn, ctx, new).await }.scope_boxed())
                .await
                .map_err(super::chart::to_app_error)?;
            crate::ui::flash::back_done("/bookkeeping/accounts", "account-added");
            Ok(added)
        }
        .await,
    )
}

/// Renames an account (finance, admin).
#[server(prefix = "/api", endpoint = "ledger_rename_account")]
pub async fn rename_account(
    number: String,
    name_sv: String,
    name_en: String,
) -> Result<u32, AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(WRITERS).await?;
            let number: u32 = number
                .trim()
                .parse()
                .map_err(|_| AppError::invalid("number", "ERR_INVALID_ACCOUNT"))?;
            let (sv, en) = (name_sv.trim().to_string(), name_en.trim().to_string());
            if sv.is_empty() {
                return Err(AppError::invalid("name_sv", "ERR_REQUIRED"));
            }
            if en.is_empty() {
                return Err(AppError::invalid("name_en", "ERR_REQUIRED"));
            }
            let kdb = services()?.kdb;
            let (sv, en, ctx) = (&sv, &en, &cap.ctx);
            let renamed = kdb
                .write(|conn| {
                    async move { super::chart::rename(conn, ctx, number, sv, en).await }
                        .scope_boxed()
                })
                .await
                .map_err(super::chart::to_app_error)?;
            crate::ui::flash::back_done("/bookkeeping/accounts", "account-renamed");
            Ok(renamed)
        }
        .await,
    )
}

/// The trial balance of a period (default: this month).
#[server(prefix = "/api", endpoint = "ledger_trial_balance", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_trial_balance(
    from: Option<String>,
    to: Option<String>,
) -> Result<TrialBalance, AppError> {
    use imp::*;
    with_status(
        async {
            require_role(READERS).await?;
            let (dfrom, dto) = default_period().await?;
            let (from, to) = (date_or("from", &from, dfrom)?, date_or("to", &to, dto)?);
            let kdb = services()?.kdb;
            Ok(kdb
                .read(|conn| {
                    async move { super::reports::trial_balance(conn, from, to).await }.scope_boxed()
                })
                .await?)
        }
        .await,
    )
}

/// Journal entries, newest first, 50 a page; finance and admin only (the journal names every
/// customer's payments; support sees entries from the invoice they work on).
#[server(prefix = "/api", endpoint = "ledger_journal", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_journal(
    from: Option<String>,
    to: Option<String>,
    event: Option<String>,
    account: Option<String>,
    merchant: Option<String>,
    customer: Option<String>,
    before_id: Option<i64>,
) -> Result<Vec<EntrySummary>, AppError> {
    use imp::*;
    with_status(
        async {
            require_role(WRITERS).await?;
            let epoch = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
            let far = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default();
            let account = match account.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
                None => None,
                Some(a) => Some(
                    a.parse::<u32>()
                        .map_err(|_| AppError::invalid("account", "ERR_INVALID_ACCOUNT"))?,
                ),
            };
            let nonempty =
                |s: Option<String>| s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
            let filter = super::views::JournalFilter {
                from: Some(date_or("from", &from, epoch)?),
                to: Some(date_or("to", &to, far)?),
                event: nonempty(event),
                account,
                merchant: nonempty(merchant),
                customer: nonempty(customer),
                before_id,
            };
            let kdb = services()?.kdb;
            let filter = &filter;
            Ok(kdb
                .read(|conn| async move { super::journal::list(conn, filter).await }.scope_boxed())
                .await?)
        }
        .await,
    )
}

/// One entry with its lines.
#[server(prefix = "/api", endpoint = "ledger_entry", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_entry(id: i64) -> Result<(EntrySummary, Vec<EntryLineView>), AppError> {
    use imp::*;
    with_status(
        async {
            require_role(READERS).await?;
            let kdb = services()?.kdb;
            kdb.read_primary(|conn| {
                async move { super::journal::detail(conn, id).await }.scope_boxed()
            })
            .await?
            .ok_or_else(|| AppError::invalid("id", "ERR_NOT_FOUND"))
        }
        .await,
    )
}

/// Reverses an entry (finance, admin): a correction with a reason, dated today.
#[server(prefix = "/api", endpoint = "ledger_reverse")]
pub async fn reverse_entry(id: String, reason: String) -> Result<i64, AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(WRITERS).await?;
            let id: i64 = id
                .trim()
                .parse()
                .map_err(|_| AppError::invalid("id", "ERR_NOT_FOUND"))?;
            let reason = reason.trim().to_string();
            if reason.is_empty() {
                return Err(AppError::invalid("reason", "ERR_REQUIRED"));
            }
            let s = services()?;
            let today = s.ktime.today(&s.kdb, crate::ktime::Country::SE).await?;
            let (reason, ctx) = (&reason, &cap.ctx);
            let posted = s
                .kdb
                .write(|conn| {
                    async move { super::post::reverse(conn, ctx, id, today, reason).await }
                        .scope_boxed()
                })
                .await
                .map_err(super::chart::ledger_to_app_error)?;
            crate::ui::flash::back_done(&format!("/bookkeeping/entries/{id}"), "entry-reversed");
            Ok(posted.id)
        }
        .await,
    )
}

/// An account's statement with running balance; with `merchant` or `customer` only their lines.
#[server(prefix = "/api", endpoint = "ledger_statement", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_statement(
    account: String,
    currency: Option<String>,
    from: Option<String>,
    to: Option<String>,
    merchant: Option<String>,
    customer: Option<String>,
) -> Result<Statement, AppError> {
    use imp::*;
    with_status(
        async {
            require_role(READERS).await?;
            let account: u32 = account
                .trim()
                .parse()
                .map_err(|_| AppError::invalid("account", "ERR_INVALID_ACCOUNT"))?;
            let currency = currency
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .unwrap_or("SEK")
                .to_ascii_uppercase();
            if crate::money::Currency::parse(&currency).is_none() {
                return Err(AppError::invalid("currency", "ERR_INVALID_CHOICE"));
            }
            let (dfrom, dto) = default_period().await?;
            let (from, to) = (date_or("from", &from, dfrom)?, date_or("to", &to, dto)?);
            let nonempty =
                |s: Option<String>| s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
            let dims = super::reports::DimFilter {
                merchant_id: nonempty(merchant),
                customer_id: nonempty(customer),
            };
            let kdb = services()?.kdb;
            let (dims, currency) = (&dims, &currency);
            Ok(kdb
                .read(|conn| {
                    async move {
                        super::reports::statement(conn, account, currency, from, to, dims).await
                    }
                    .scope_boxed()
                })
                .await?)
        }
        .await,
    )
}

/// Closes a business date (finance, admin), once confirmed: without `confirmed` it only sends
/// the browser to the confirmation step (`/bookkeeping?close=<date>`); a closed date cannot
/// be opened again.
#[server(prefix = "/api", endpoint = "ledger_close_day")]
pub async fn close_day(date: String, confirmed: Option<String>) -> Result<CloseResult, AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(WRITERS).await?;
            let date = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::invalid("date", "ERR_INVALID_DATE"))?;
            if !crate::ui::confirm::is_confirmed(confirmed.as_deref()) {
                leptos_axum::redirect(&format!("/bookkeeping?close={date}"));
                return Ok(CloseResult {
                    business_date: date,
                    closed: false,
                    checks: Vec::new(),
                });
            }
            let s = services()?;
            let closed = super::close::close_day(&s.kdb, &s.ktime, &cap.ctx, date)
                .await
                .map_err(|e| match e {
                    super::close::CloseError::NotPast(_) => AppError::Refused {
                        code: "ERR_CLOSE_NOT_PAST".into(),
                    },
                    super::close::CloseError::OutOfOrder(_) => AppError::Refused {
                        code: "ERR_CLOSE_OUT_OF_ORDER".into(),
                    },
                    super::close::CloseError::AlreadyClosed(_) => AppError::Refused {
                        code: "ERR_CLOSE_ALREADY".into(),
                    },
                    super::close::CloseError::Failed(_) => AppError::Refused {
                        code: "ERR_CLOSE_FAILED".into(),
                    },
                    super::close::CloseError::Db(e) => e.into(),
                })?;
            crate::ui::flash::back_done("/bookkeeping", "day-closed");
            Ok(closed)
        }
        .await,
    )
}
