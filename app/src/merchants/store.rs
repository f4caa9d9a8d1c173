//! Merchant rows: create, edit, search. (The detail page's data, which also needs the
//! agreements, is in `detail.rs`, so that `agreements.rs` can use this module without a circle.)

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::schema::merchants;
use super::types::{country_code, parse_country, Merchant, MerchantForm, MerchantStatus};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, KdbError, Retryable};
use crate::money::Currency;

/// What can go wrong with merchant records.
#[derive(Debug, thiserror::Error)]
pub enum MerchantError {
    /// Another merchant has this organisation number in this country.
    #[error("org_nr: already registered")]
    OrgNrTaken,
    /// No such merchant.
    #[error("no such merchant")]
    NotFound,
    /// An agreement for that date already exists.
    #[error("valid_from: an agreement already starts that day")]
    AgreementDateTaken,
    /// A new agreement must start after the latest one.
    #[error("valid_from: must be after the latest agreement's start")]
    AgreementNotLater,
    /// Another version was added after the one a confirmed diff was made against.
    #[error("based_on: the agreement changed meanwhile")]
    AgreementChanged,
    /// E-mail already used by a portal user.
    #[error("email: already used")]
    EmailTaken,
    /// Database failure.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl From<diesel::result::Error> for MerchantError {
    fn from(e: diesel::result::Error) -> Self {
        MerchantError::Db(e.into())
    }
}

impl Retryable for MerchantError {
    fn is_retryable(&self) -> bool {
        matches!(self, MerchantError::Db(e) if e.is_retryable())
    }
}

/// Maps to the UI error type, naming the field.
pub fn to_app_error(e: MerchantError) -> crate::error::AppError {
    use crate::error::AppError;
    match e {
        MerchantError::OrgNrTaken => AppError::invalid("org_nr", "ERR_ORG_NR_TAKEN"),
        MerchantError::NotFound => AppError::invalid("id", "ERR_NOT_FOUND"),
        MerchantError::AgreementDateTaken | MerchantError::AgreementNotLater => {
            AppError::invalid("valid_from", "ERR_AGREEMENT_DATE")
        }
        MerchantError::AgreementChanged => AppError::invalid("valid_from", "ERR_AGREEMENT_CHANGED"),
        MerchantError::EmailTaken => AppError::invalid("email", "ERR_EMAIL_TAKEN"),
        MerchantError::Db(e) => e.into(),
    }
}

type Row = (
    uuid::Uuid,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

fn to_merchant(r: Row) -> Merchant {
    Merchant {
        id: r.0,
        legal_name: r.1,
        org_nr: r.2,
        country: parse_country(&r.3).unwrap_or(crate::ktime::Country::SE),
        currency: Currency::parse(&r.4).unwrap_or(Currency::Sek),
        contact_email: r.5,
        contact_phone: r.6,
        status: MerchantStatus::parse(&r.7).unwrap_or(MerchantStatus::Suspended),
    }
}

macro_rules! merchant_columns {
    () => {
        (
            merchants::id,
            merchants::legal_name,
            merchants::org_nr,
            merchants::country,
            merchants::currency,
            merchants::contact_email,
            merchants::contact_phone,
            merchants::status,
        )
    };
}

/// Creates a merchant; `id` comes from the caller so a retried transaction inserts it once.
pub async fn create(
    conn: &mut Conn,
    ctx: &Ctx,
    id: uuid::Uuid,
    form: &MerchantForm,
) -> Result<Merchant, MerchantError> {
    let inserted = diesel::insert_into(merchants::table)
        .values((
            merchants::id.eq(id),
            merchants::legal_name.eq(&form.legal_name),
            merchants::org_nr.eq(&form.org_nr),
            merchants::country.eq(country_code(form.country)),
            merchants::currency.eq(form.currency.code()),
            merchants::contact_email.eq(&form.contact_email),
            merchants::contact_phone.eq(&form.contact_phone),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    if inserted == 0 {
        return Err(MerchantError::OrgNrTaken);
    }
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "merchant.create",
            entity_type: "merchant",
            entity_id: &id.to_string(),
            before: None,
            after: Some(json!({"legal_name": form.legal_name, "org_nr": form.org_nr, "country": country_code(form.country), "currency": form.currency.code()})),
        },
    )
    .await?;
    get(conn, id).await
}

/// Edits a merchant's record and status.
pub async fn update(
    conn: &mut Conn,
    ctx: &Ctx,
    id: uuid::Uuid,
    form: &MerchantForm,
    status: MerchantStatus,
) -> Result<Merchant, MerchantError> {
    let before = get(conn, id).await?;
    let taken: i64 = merchants::table
        .filter(merchants::country.eq(country_code(form.country)))
        .filter(merchants::org_nr.eq(&form.org_nr))
        .filter(merchants::id.ne(id))
        .count()
        .get_result(conn)
        .await?;
    if taken > 0 {
        return Err(MerchantError::OrgNrTaken);
    }
    diesel::update(merchants::table.find(id))
        .set((
            merchants::legal_name.eq(&form.legal_name),
            merchants::org_nr.eq(&form.org_nr),
            merchants::country.eq(country_code(form.country)),
            merchants::currency.eq(form.currency.code()),
            merchants::contact_email.eq(&form.contact_email),
            merchants::contact_phone.eq(&form.contact_phone),
            merchants::status.eq(status.as_str()),
            merchants::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await?;
    let after = get(conn, id).await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "merchant.update",
            entity_type: "merchant",
            entity_id: &id.to_string(),
            before: Some(json!(before)),
            after: Some(json!(after)),
        },
    )
    .await?;
    Ok(after)
}

/// One merchant.
pub async fn get(conn: &mut Conn, id: uuid::Uuid) -> Result<Merchant, MerchantError> {
    let row: Option<Row> = merchants::table
        .find(id)
        .select(merchant_columns!())
        .first(conn)
        .await
        .optional()?;
    row.map(to_merchant).ok_or(MerchantError::NotFound)
}

/// Merchants whose name or org number contains `q` (case-insensitive), by name.
pub async fn search(conn: &mut Conn, q: &str) -> Result<Vec<Merchant>, KdbError> {
    let pattern = format!("%{}%", crate::kdb::escape_like(q.trim()));
    let rows: Vec<Row> = merchants::table
        .filter(
            merchants::legal_name
                .ilike(&pattern)
                .or(merchants::org_nr.ilike(&pattern)),
        )
        .order(merchants::legal_name)
        .limit(200)
        .select(merchant_columns!())
        .load(conn)
        .await?;
    Ok(rows.into_iter().map(to_merchant).collect())
}
