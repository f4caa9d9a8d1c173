//! The chart of accounts in the database: list, add, rename (finance staff). Accounts with
//! postings cannot be deleted (the journal references them); they can be deactivated.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::accounts::{Account, AccountKind};
use super::post::LedgerError;
use crate::error::AppError;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, KdbError, Retryable};
use crate::money::Currency;
use crate::schema::ledger_accounts;

type Row = (
    i32,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    bool,
);

fn to_account(r: Row) -> Account {
    Account {
        number: u32::try_from(r.0).unwrap_or_default(),
        name_sv: r.1,
        name_en: r.2,
        kind: AccountKind::parse(&r.3).unwrap_or(AccountKind::Asset),
        currency: r.4.as_deref().and_then(Currency::parse),
        vat_code: r.5,
        active: r.6,
    }
}

/// Every account, by number.
pub async fn list(conn: &mut Conn) -> Result<Vec<Account>, KdbError> {
    let rows: Vec<Row> = ledger_accounts::table
        .order(ledger_accounts::number)
        .select((
            ledger_accounts::number,
            ledger_accounts::name_sv,
            ledger_accounts::name_en,
            ledger_accounts::kind,
            ledger_accounts::currency,
            ledger_accounts::vat_code,
            ledger_accounts::active,
        ))
        .load(conn)
        .await?;
    Ok(rows.into_iter().map(to_account).collect())
}

/// A validated new account.
#[derive(Debug, Clone)]
pub struct NewAccount {
    number: i32,
    name_sv: String,
    name_en: String,
    kind: AccountKind,
    currency: Option<Currency>,
}

impl NewAccount {
    /// Validates form input; errors name the field.
    pub fn parse(
        number: &str,
        name_sv: &str,
        name_en: &str,
        kind: &str,
        currency: Option<&str>,
    ) -> Result<NewAccount, AppError> {
        let number: i32 = number
            .trim()
            .parse()
            .map_err(|_| AppError::invalid("number", "ERR_INVALID_ACCOUNT"))?;
        if !(1000..=9999).contains(&number) {
            return Err(AppError::invalid("number", "ERR_INVALID_ACCOUNT"));
        }
        let (sv, en) = (name_sv.trim(), name_en.trim());
        if sv.is_empty() {
            return Err(AppError::invalid("name_sv", "ERR_REQUIRED"));
        }
        if en.is_empty() {
            return Err(AppError::invalid("name_en", "ERR_REQUIRED"));
        }
        let kind = AccountKind::parse(kind.trim())
            .ok_or_else(|| AppError::invalid("kind", "ERR_INVALID_CHOICE"))?;
        let currency = match currency.map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => Some(
                Currency::parse(c)
                    .ok_or_else(|| AppError::invalid("currency", "ERR_INVALID_CHOICE"))?,
            ),
        };
        Ok(NewAccount {
            number,
            name_sv: sv.to_string(),
            name_en: en.to_string(),
            kind,
            currency,
        })
    }
}

/// What can go wrong changing the chart.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The number is taken.
    #[error("account {0} already exists")]
    Exists(u32),
    /// No such account.
    #[error("account {0} does not exist")]
    Missing(u32),
    /// Database failure.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl From<diesel::result::Error> for ChartError {
    fn from(e: diesel::result::Error) -> Self {
        ChartError::Db(e.into())
    }
}

impl Retryable for ChartError {
    fn is_retryable(&self) -> bool {
        matches!(self, ChartError::Db(e) if e.is_retryable())
    }
}

/// Maps chart errors to the UI's error type.
pub fn to_app_error(e: ChartError) -> AppError {
    match e {
        ChartError::Exists(_) => AppError::invalid("number", "ERR_ACCOUNT_EXISTS"),
        ChartError::Missing(_) => AppError::invalid("number", "ERR_INVALID_ACCOUNT"),
        ChartError::Db(e) => e.into(),
    }
}

/// Maps posting errors to the UI's error type.
pub fn ledger_to_app_error(e: LedgerError) -> AppError {
    match e {
        LedgerError::NoSuchEntry(_) => AppError::invalid("id", "ERR_NOT_FOUND"),
        LedgerError::AlreadyReversed(_) => AppError::Refused {
            code: "ERR_ALREADY_REVERSED".into(),
        },
        LedgerError::Db(e) => e.into(),
        other => {
            tracing::error!(error = %other, "posting refused");
            AppError::Refused {
                code: "ERR_POSTING_REFUSED".into(),
            }
        }
    }
}

/// Adds an account.
pub async fn add(conn: &mut Conn, ctx: &Ctx, new: &NewAccount) -> Result<u32, ChartError> {
    let inserted = diesel::insert_into(ledger_accounts::table)
        .values((
            ledger_accounts::number.eq(new.number),
            ledger_accounts::name_sv.eq(&new.name_sv),
            ledger_accounts::name_en.eq(&new.name_en),
            ledger_accounts::kind.eq(new.kind.as_str()),
            ledger_accounts::currency.eq(new.currency.map(|c| c.code())),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    let number = u32::try_from(new.number).unwrap_or_default();
    if inserted == 0 {
        return Err(ChartError::Exists(number));
    }
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "ledger.account_add",
            entity_type: "ledger_account",
            entity_id: &number.to_string(),
            before: None,
            after: Some(json!({"name_sv": new.name_sv, "name_en": new.name_en, "kind": new.kind.as_str(), "currency": new.currency.map(|c| c.code())})),
        },
    )
    .await?;
    Ok(number)
}

/// Renames an account (its number and postings stay).
pub async fn rename(
    conn: &mut Conn,
    ctx: &Ctx,
    number: u32,
    name_sv: &str,
    name_en: &str,
) -> Result<u32, ChartError> {
    let n = i32::try_from(number).map_err(|_| ChartError::Missing(number))?;
    let before: Option<(String, String)> = ledger_accounts::table
        .find(n)
        .select((ledger_accounts::name_sv, ledger_accounts::name_en))
        .for_update()
        .first(conn)
        .await
        .optional()?;
    let Some((old_sv, old_en)) = before else {
        return Err(ChartError::Missing(number));
    };
    diesel::update(ledger_accounts::table.find(n))
        .set((
            ledger_accounts::name_sv.eq(name_sv),
            ledger_accounts::name_en.eq(name_en),
        ))
        .execute(conn)
        .await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "ledger.account_rename",
            entity_type: "ledger_account",
            entity_id: &number.to_string(),
            before: Some(json!({"name_sv": old_sv, "name_en": old_en})),
            after: Some(json!({"name_sv": name_sv, "name_en": name_en})),
        },
    )
    .await?;
    Ok(number)
}
