//! Versioned agreements: a change is a new version valid from a business date; the database
//! refuses edits, and an order keeps the agreement id it was made under.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use rust_decimal::Decimal;
use serde_json::json;

use super::schema::merchant_agreements as ma;
use super::store::{get, MerchantError};
use super::types::{Agreement, SettlementSchedule, Terms};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, KdbError};

type Row = (
    i64,
    i32,
    NaiveDate,
    Decimal,
    Decimal,
    Decimal,
    i32,
    i32,
    String,
    String,
    bool,
    String,
);

fn to_agreement(r: Row) -> Agreement {
    Agreement {
        id: r.0,
        version: r.1,
        valid_from: r.2,
        terms: Terms {
            invoice_fee: r.3,
            commission_percent: r.4,
            commission_fixed: r.5,
            payment_terms_days: r.6,
            authorization_days: r.7,
            settlement_schedule: SettlementSchedule::parse(&r.8)
                .unwrap_or(SettlementSchedule::Monthly),
            payout_account: r.9,
            reminder_fees: r.10,
        },
        created_by: r.11,
    }
}

macro_rules! columns {
    () => {
        (
            ma::id,
            ma::version,
            ma::valid_from,
            ma::invoice_fee,
            ma::commission_percent,
            ma::commission_fixed,
            ma::payment_terms_days,
            ma::authorization_days,
            ma::settlement_schedule,
            ma::payout_account,
            ma::reminder_fees,
            ma::created_by,
        )
    };
}

/// Every version, newest first.
pub async fn list(conn: &mut Conn, merchant_id: uuid::Uuid) -> Result<Vec<Agreement>, KdbError> {
    let rows: Vec<Row> = ma::table
        .filter(ma::merchant_id.eq(merchant_id))
        .order(ma::version.desc())
        .select(columns!())
        .load(conn)
        .await?;
    Ok(rows.into_iter().map(to_agreement).collect())
}

/// The agreement in force on `date`: the latest version valid from that date or earlier.
pub async fn in_force(
    conn: &mut Conn,
    merchant_id: uuid::Uuid,
    date: NaiveDate,
) -> Result<Option<Agreement>, KdbError> {
    let row: Option<Row> = ma::table
        .filter(ma::merchant_id.eq(merchant_id))
        .filter(ma::valid_from.le(date))
        .order(ma::valid_from.desc())
        .select(columns!())
        .first(conn)
        .await
        .optional()?;
    Ok(row.map(to_agreement))
}

/// One version by id: what an order made under it keeps.
pub async fn by_id(conn: &mut Conn, id: i64) -> Result<Option<Agreement>, KdbError> {
    let row: Option<Row> = ma::table
        .find(id)
        .select(columns!())
        .first(conn)
        .await
        .optional()?;
    Ok(row.map(to_agreement))
}

/// Adds a version valid from `valid_from`, which must be later than the latest version's.
pub async fn add(
    conn: &mut Conn,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    valid_from: NaiveDate,
    terms: &Terms,
) -> Result<Agreement, MerchantError> {
    add_after(conn, ctx, merchant_id, None, valid_from, terms).await
}

/// [`add`], refused with [`MerchantError::AgreementChanged`] unless the latest version is
/// still `based_on` (0 = none yet), when given: the person confirmed a diff against it.
pub async fn add_after(
    conn: &mut Conn,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    based_on: Option<i32>,
    valid_from: NaiveDate,
    terms: &Terms,
) -> Result<Agreement, MerchantError> {
    get(conn, merchant_id).await?;
    // Serialise concurrent additions for one merchant.
    diesel::sql_query("SELECT 1 FROM merchants WHERE id = $1 FOR UPDATE")
        .bind::<diesel::sql_types::Uuid, _>(merchant_id)
        .execute(conn)
        .await?;
    let latest: Option<(i32, NaiveDate)> = ma::table
        .filter(ma::merchant_id.eq(merchant_id))
        .order(ma::version.desc())
        .select((ma::version, ma::valid_from))
        .first(conn)
        .await
        .optional()?;
    if based_on.is_some_and(|v| v != latest.map_or(0, |(v, _)| v)) {
        return Err(MerchantError::AgreementChanged);
    }
    if let Some((_, from)) = latest {
        if valid_from == from {
            return Err(MerchantError::AgreementDateTaken);
        }
        if valid_from < from {
            return Err(MerchantError::AgreementNotLater);
        }
    }
    let version = latest.map_or(1, |(v, _)| v + 1);
    let id: i64 = diesel::insert_into(ma::table)
        .values((
            ma::merchant_id.eq(merchant_id),
            ma::version.eq(version),
            ma::valid_from.eq(valid_from),
            ma::invoice_fee.eq(terms.invoice_fee),
            ma::commission_percent.eq(terms.commission_percent),
            ma::commission_fixed.eq(terms.commission_fixed),
            ma::payment_terms_days.eq(terms.payment_terms_days),
            ma::authorization_days.eq(terms.authorization_days),
            ma::settlement_schedule.eq(terms.settlement_schedule.as_str()),
            ma::payout_account.eq(&terms.payout_account),
            ma::reminder_fees.eq(terms.reminder_fees),
            ma::created_by.eq(ctx.actor.label()),
        ))
        .returning(ma::id)
        .get_result(conn)
        .await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "merchant.agreement_add",
            entity_type: "merchant",
            entity_id: &merchant_id.to_string(),
            before: None,
            after: Some(json!({"agreement_id": id, "version": version, "valid_from": valid_from, "terms": terms})),
        },
    )
    .await?;
    by_id(conn, id).await?.ok_or(MerchantError::NotFound)
}
