//! API credentials: a key id and a secret shown once; only a SHA-256 hash of the secret is
//! stored. Several keys per merchant, each revocable, with its last use recorded.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::schema::merchant_api_keys as k;
use super::store::{get, MerchantError};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{cached, Conn, Ctx, KdbError};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored form of a secret.
pub fn hash_secret(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// A new key id and secret (random; the caller stores them through [`create`]).
pub fn generate() -> (String, String) {
    let mut id = [0u8; 8];
    let mut secret = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut id);
    rand::thread_rng().fill_bytes(&mut secret);
    (format!("kk_{}", hex(&id)), format!("ks_{}", hex(&secret)))
}

/// Stores a credential; returns the key id and the secret to show once.
pub async fn create(
    conn: &mut Conn,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    label: &str,
    key_id: &str,
    secret: &str,
) -> Result<(), MerchantError> {
    get(conn, merchant_id).await?;
    diesel::insert_into(k::table)
        .values((
            k::key_id.eq(key_id),
            k::merchant_id.eq(merchant_id),
            k::secret_hash.eq(hash_secret(secret)),
            k::label.eq(label),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "merchant.api_key_create",
            entity_type: "merchant",
            entity_id: &merchant_id.to_string(),
            before: None,
            after: Some(json!({"key_id": key_id, "label": label})),
        },
    )
    .await?;
    Ok(())
}

/// Revokes a key (idempotent).
pub async fn revoke(conn: &mut Conn, ctx: &Ctx, key_id: &str) -> Result<(), MerchantError> {
    let merchant: Option<uuid::Uuid> =
        diesel::update(k::table.find(key_id).filter(k::revoked_at.is_null()))
            .set(k::revoked_at.eq(diesel::dsl::now))
            .returning(k::merchant_id)
            .get_result(conn)
            .await
            .optional()?;
    if let Some(m) = merchant {
        audit::record(
            conn,
            ctx,
            AuditEntry {
                action: "merchant.api_key_revoke",
                entity_type: "merchant",
                entity_id: &m.to_string(),
                before: None,
                after: Some(json!({"key_id": key_id})),
            },
        )
        .await?;
    }
    Ok(())
}

/// The keys of one merchant, newest first (never their secrets). The merchant is the only
/// filter the caller chooses, so another merchant's keys cannot come back.
pub async fn list(
    conn: &mut Conn,
    merchant_id: uuid::Uuid,
) -> Result<Vec<super::types::ApiKeyInfo>, KdbError> {
    type KeyRow = (
        String,
        String,
        chrono::DateTime<chrono::Utc>,
        Option<chrono::DateTime<chrono::Utc>>,
        Option<chrono::DateTime<chrono::Utc>>,
    );
    let rows: Vec<KeyRow> = k::table
        .filter(k::merchant_id.eq(merchant_id))
        .order((k::created_at.desc(), k::key_id))
        .select((
            k::key_id,
            k::label,
            k::created_at,
            k::revoked_at,
            k::last_used_at,
        ))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(key_id, label, created_at, revoked_at, last_used_at)| super::types::ApiKeyInfo {
                key_id,
                label,
                created_at,
                revoked_at,
                last_used_at,
            },
        )
        .collect())
}

/// Revokes `key_id` only if it belongs to `merchant_id` (idempotent for its own revoked keys).
/// Another merchant's key and an unknown key both give [`MerchantError::NotFound`], so a
/// merchant learns nothing about keys that are not theirs.
pub async fn revoke_for_merchant(
    conn: &mut Conn,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    key_id: &str,
) -> Result<(), MerchantError> {
    // Locks the row so the ownership check and the revocation see the same key.
    let owned: Option<String> = k::table
        .find(key_id)
        .filter(k::merchant_id.eq(merchant_id))
        .select(k::key_id)
        .for_update()
        .first(conn)
        .await
        .optional()?;
    if owned.is_none() {
        return Err(MerchantError::NotFound);
    }
    revoke(conn, ctx, key_id).await
}

#[derive(diesel::QueryableByName)]
struct KeyRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    merchant_id: uuid::Uuid,
    #[diesel(sql_type = diesel::sql_types::Text)]
    secret_hash: String,
}

/// The merchant a live key and secret belong to; records the use. `None` for unknown, revoked
/// or wrong-secret credentials (not told apart).
pub async fn authenticate(
    conn: &mut Conn,
    key_id: &str,
    secret: &str,
) -> Result<Option<uuid::Uuid>, KdbError> {
    // One statement: the key's row, and "last used" touched at most once a minute (it needs no
    // more precision, and a write on every API call would cost a synchronously replicated
    // commit each). The UPDATE only happens for the right secret; the answer is still
    // compared below in constant time.
    let given = hash_secret(secret);
    let row: Option<KeyRow> = cached(
        diesel::sql_query(
            "WITH touched AS (UPDATE merchant_api_keys SET last_used_at = now() \
           WHERE key_id = $1 AND secret_hash = $2 AND revoked_at IS NULL \
             AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')) \
         SELECT merchant_id, secret_hash FROM merchant_api_keys \
         WHERE key_id = $1 AND revoked_at IS NULL",
        )
        .bind::<diesel::sql_types::Text, _>(key_id)
        .bind::<diesel::sql_types::Text, _>(&given),
    )
    .get_result(conn)
    .await
    .optional()?;
    let Some(KeyRow {
        merchant_id: merchant,
        secret_hash: stored,
    }) = row
    else {
        return Ok(None);
    };
    let same = stored.len() == given.len()
        && stored
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !same {
        return Ok(None);
    }
    Ok(Some(merchant))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_credentials_are_random_and_hashed() {
        let (id, secret) = generate();
        let (id2, secret2) = generate();
        assert!(id.starts_with("kk_") && secret.starts_with("ks_"));
        assert_ne!(id, id2);
        assert_ne!(secret, secret2);
        assert_eq!(secret.len(), 3 + 64);
        assert_eq!(hash_secret(&secret).len(), 64);
        assert_ne!(hash_secret(&secret), secret);
    }
}
