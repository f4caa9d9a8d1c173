//! The merchant page's data: the record, every agreement version, portal users and API keys.
//! Apart from `store.rs` because it reads the agreements too (`agreements.rs` uses `store.rs`,
//! so imports run one way).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::{merchant_api_keys, merchant_users};
use super::store::{get, MerchantError};
use super::types::{ApiKeyInfo, MerchantDetail, MerchantUserInfo};
use crate::kdb::Conn;

/// The merchant page: record, agreements, users, keys.
pub async fn detail(conn: &mut Conn, id: uuid::Uuid) -> Result<MerchantDetail, MerchantError> {
    let merchant = get(conn, id).await?;
    let agreements = super::agreements::list(conn, id).await?;
    let users: Vec<(uuid::Uuid, String, String, String, bool)> = merchant_users::table
        .filter(merchant_users::merchant_id.eq(id))
        .order(merchant_users::email)
        .select((
            merchant_users::id,
            merchant_users::email,
            merchant_users::display_name,
            merchant_users::role,
            merchant_users::active,
        ))
        .load(conn)
        .await?;
    type KeyRow = (
        String,
        String,
        chrono::DateTime<chrono::Utc>,
        Option<chrono::DateTime<chrono::Utc>>,
        Option<chrono::DateTime<chrono::Utc>>,
    );
    let keys: Vec<KeyRow> = merchant_api_keys::table
        .filter(merchant_api_keys::merchant_id.eq(id))
        .order(merchant_api_keys::created_at.desc())
        .select((
            merchant_api_keys::key_id,
            merchant_api_keys::label,
            merchant_api_keys::created_at,
            merchant_api_keys::revoked_at,
            merchant_api_keys::last_used_at,
        ))
        .load(conn)
        .await?;
    Ok(MerchantDetail {
        merchant,
        agreements,
        users: users
            .into_iter()
            .map(|(id, email, display_name, role, active)| MerchantUserInfo {
                id,
                email,
                display_name,
                role,
                active,
            })
            .collect(),
        keys: keys
            .into_iter()
            .map(
                |(key_id, label, created_at, revoked_at, last_used_at)| ApiKeyInfo {
                    key_id,
                    label,
                    created_at,
                    revoked_at,
                    last_used_at,
                },
            )
            .collect(),
    })
}
