//! The one address API: every address a customer has had, with its source, time and author.
//! Rows are only added; the current address is the newest verified one.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::schema::customer_addresses as a;
use super::types::{Address, AddressRecord, AddressSource};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, KdbError};

type Row = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    bool,
    chrono::DateTime<chrono::Utc>,
    String,
);

fn to_record(r: Row) -> AddressRecord {
    AddressRecord {
        id: r.0,
        address: Address {
            care_of: r.1,
            street: r.2,
            postal_code: r.3,
            city: r.4,
            country: r.5,
        },
        source: AddressSource::parse(&r.6).unwrap_or(AddressSource::Staff),
        verified: r.7,
        recorded_at: r.8,
        recorded_by: r.9,
    }
}

macro_rules! columns {
    () => {
        (
            a::id,
            a::care_of,
            a::street,
            a::postal_code,
            a::city,
            a::country,
            a::source,
            a::verified,
            a::recorded_at,
            a::recorded_by,
        )
    };
}

/// Records an address for a customer at the current business time (Ktime, read in the same
/// transaction). Recording the same address again from the same source adds no row.
pub async fn record(
    conn: &mut Conn,
    ctx: &Ctx,
    ktime: &crate::ktime::Ktime,
    customer_id: uuid::Uuid,
    address: &Address,
    source: AddressSource,
    verified: bool,
) -> Result<AddressRecord, KdbError> {
    if let Some(latest) = history(conn, customer_id)
        .await?
        .into_iter()
        .find(|r| r.source == source)
    {
        if &latest.address == address && latest.verified == verified {
            return Ok(latest);
        }
    }
    let now = ktime.now_in(conn).await?;
    let id: i64 = diesel::insert_into(a::table)
        .values((
            a::customer_id.eq(customer_id),
            a::care_of.eq(&address.care_of),
            a::street.eq(&address.street),
            a::postal_code.eq(&address.postal_code),
            a::city.eq(&address.city),
            a::country.eq(&address.country),
            a::source.eq(source.as_str()),
            a::verified.eq(verified),
            a::recorded_at.eq(now),
            a::recorded_by.eq(ctx.actor.label()),
        ))
        .returning(a::id)
        .get_result(conn)
        .await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "customer.address_record",
            entity_type: "customer",
            entity_id: &customer_id.to_string(),
            before: None,
            after: Some(
                json!({"address": address, "source": source.as_str(), "verified": verified}),
            ),
        },
    )
    .await?;
    let row: Row = a::table.find(id).select(columns!()).first(conn).await?;
    Ok(to_record(row))
}

/// Every address, newest first.
pub async fn history(
    conn: &mut Conn,
    customer_id: uuid::Uuid,
) -> Result<Vec<AddressRecord>, KdbError> {
    let rows: Vec<Row> = a::table
        .filter(a::customer_id.eq(customer_id))
        .order((a::recorded_at.desc(), a::id.desc()))
        .select(columns!())
        .load(conn)
        .await?;
    Ok(rows.into_iter().map(to_record).collect())
}

/// The newest verified address, if any.
pub async fn current(
    conn: &mut Conn,
    customer_id: uuid::Uuid,
) -> Result<Option<AddressRecord>, KdbError> {
    Ok(history(conn, customer_id)
        .await?
        .into_iter()
        .find(|r| r.verified))
}
