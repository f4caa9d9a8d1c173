//! Customer rows keyed by (country, national id).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::national_id::NationalId;
use super::schema::customers as c;
use super::types::CustomerSummary;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, KdbError};
use crate::merchants::country_code;

/// Contact details given with an order or by staff.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// UI/letter language.
    pub language: String,
}

/// The id of the customer with this national id, if known.
pub async fn find_id(conn: &mut Conn, id: &NationalId) -> Result<Option<uuid::Uuid>, KdbError> {
    Ok(c::table
        .filter(c::country.eq(country_code(id.country())))
        .filter(c::national_id.eq(id.expose_normalized()))
        .select(c::id)
        .first(conn)
        .await
        .optional()?)
}

/// The customer with this national id, created if new (id from the caller, so a retried
/// transaction creates it once). Returns the id and whether it was created.
///
/// Insert first, look up on conflict: two concurrent first orders of one new customer both
/// reach the INSERT; the second waits for the first's transaction and then finds its row,
/// where a SELECT-then-INSERT would have failed it on the unique (country, national_id) key.
pub async fn find_or_create(
    conn: &mut Conn,
    ctx: &Ctx,
    new_id: uuid::Uuid,
    id: &NationalId,
    contact: &Contact,
) -> Result<(uuid::Uuid, bool), KdbError> {
    let country = country_code(id.country());
    let inserted: Option<uuid::Uuid> = diesel::insert_into(c::table)
        .values((
            c::id.eq(new_id),
            c::country.eq(country),
            c::national_id.eq(id.expose_normalized()),
            c::given_name.eq(&contact.given_name),
            c::family_name.eq(&contact.family_name),
            c::email.eq(&contact.email),
            c::phone.eq(&contact.phone),
            c::language.eq(if contact.language.is_empty() {
                "sv"
            } else {
                &contact.language
            }),
        ))
        .on_conflict((c::country, c::national_id))
        .do_nothing()
        .returning(c::id)
        .get_result(conn)
        .await
        .optional()?;
    if inserted.is_none() {
        // Customers are never deleted, so the conflicting row is there to be found.
        let found = find_id(conn, id)
            .await?
            .ok_or(KdbError::Query(diesel::result::Error::NotFound))?;
        return Ok((found, false));
    }
    // The audit log carries the masked id only: it is read by many, the id is sensitive.
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "customer.create",
            entity_type: "customer",
            entity_id: &new_id.to_string(),
            before: None,
            after: Some(json!({"country": country, "national_id": id.masked(), "name": format!("{} {}", contact.given_name, contact.family_name)})),
        },
    )
    .await?;
    Ok((new_id, true))
}

type Row = (uuid::Uuid, String, String, String, String, String);

/// Customers whose name or e-mail contains `q`, or whose national id equals `exact_id`.
pub async fn search(
    conn: &mut Conn,
    q: &str,
    exact_id: Option<&NationalId>,
) -> Result<Vec<CustomerSummary>, KdbError> {
    let mut query = c::table
        .select((
            c::id,
            c::country,
            c::national_id,
            c::given_name,
            c::family_name,
            c::email,
        ))
        .order((c::family_name, c::given_name))
        .limit(100)
        .into_boxed();
    if let Some(id) = exact_id {
        query = query
            .filter(c::country.eq(country_code(id.country())))
            .filter(c::national_id.eq(id.expose_normalized().to_string()));
    } else {
        let pattern = format!("%{}%", crate::kdb::escape_like(q.trim()));
        query = query.filter(
            c::given_name
                .ilike(pattern.clone())
                .or(c::family_name.ilike(pattern.clone()))
                .or(c::email.ilike(pattern)),
        );
    }
    let rows: Vec<Row> = query.load(conn).await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, country, nid, given_name, family_name, email)| CustomerSummary {
                id,
                national_id_masked: mask(&nid),
                country,
                given_name,
                family_name,
                email,
            },
        )
        .collect())
}

/// The birth-date part of a stored national id, the rest hidden.
pub fn mask(normalized: &str) -> String {
    let keep = normalized.len().saturating_sub(4);
    format!("{}****", &normalized[..keep.min(normalized.len())])
}

/// One customer: the summary and the clear national id (for the customer page only).
pub async fn by_id(
    conn: &mut Conn,
    id: uuid::Uuid,
) -> Result<Option<(CustomerSummary, String)>, KdbError> {
    let row: Option<Row> = c::table
        .find(id)
        .select((
            c::id,
            c::country,
            c::national_id,
            c::given_name,
            c::family_name,
            c::email,
        ))
        .first(conn)
        .await
        .optional()?;
    Ok(
        row.map(|(id, country, nid, given_name, family_name, email)| {
            (
                CustomerSummary {
                    id,
                    national_id_masked: mask(&nid),
                    country,
                    given_name,
                    family_name,
                    email,
                },
                nid,
            )
        }),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn masking_hides_the_last_four() {
        assert_eq!(super::mask("198112189876"), "19811218****");
        assert_eq!(super::mask("12"), "****");
    }
}
