//! Portal users of a merchant (logins separate from staff).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::schema::merchant_users as mu;
use super::store::{get, MerchantError};
use super::types::MerchantUserInfo;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx};

diesel::define_sql_function! {
    /// SQL `lower()`.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// Creates a portal user with an already hashed password.
pub async fn create(
    conn: &mut Conn,
    ctx: &Ctx,
    id: uuid::Uuid,
    merchant_id: uuid::Uuid,
    email: &str,
    role: &str,
    password_hash: &str,
) -> Result<MerchantUserInfo, MerchantError> {
    get(conn, merchant_id).await?;
    let taken: i64 = mu::table
        .filter(lower(mu::email).eq(lower(email)))
        .count()
        .get_result(conn)
        .await?;
    if taken > 0 {
        return Err(MerchantError::EmailTaken);
    }
    let display_name = email.split('@').next().unwrap_or(email).to_string();
    diesel::insert_into(mu::table)
        .values((
            mu::id.eq(id),
            mu::merchant_id.eq(merchant_id),
            mu::email.eq(email),
            mu::display_name.eq(&display_name),
            mu::password_hash.eq(password_hash),
            mu::role.eq(role),
        ))
        .execute(conn)
        .await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "merchant.user_create",
            entity_type: "merchant",
            entity_id: &merchant_id.to_string(),
            before: None,
            after: Some(json!({"user_id": id, "email": email, "role": role})),
        },
    )
    .await?;
    Ok(MerchantUserInfo {
        id,
        email: email.to_string(),
        display_name,
        role: role.to_string(),
        active: true,
    })
}

/// Creates a portal user with a generated password; returns it with the password to show once.
/// Used by the staff screen and by `server create-merchant-user`.
pub async fn create_with_password(
    kdb: &crate::kdb::Kdb,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    email: &str,
    role: &str,
) -> Result<(MerchantUserInfo, String), crate::error::AppError> {
    use crate::error::AppError;
    use crate::kdb::ScopedFutureExt;
    let email = email.trim().to_string();
    if !email.contains('@') || email.contains(char::is_whitespace) {
        return Err(AppError::invalid("email", "ERR_INVALID_EMAIL"));
    }
    if role != "owner" && role != "staff" {
        return Err(AppError::invalid("role", "ERR_INVALID_CHOICE"));
    }
    let password = crate::auth::password::generate();
    let hash = tokio::task::spawn_blocking({
        let p = password.clone();
        move || crate::auth::password::hash(&p)
    })
    .await
    .map_err(|_| AppError::Internal {
        correlation_id: crate::request::request_id(),
    })?
    .map_err(|_| AppError::Internal {
        correlation_id: crate::request::request_id(),
    })?;
    let id = uuid::Uuid::new_v4();
    let (email_ref, hash_ref) = (&email, &hash);
    let info = kdb
        .write(|c| {
            async move { create(c, ctx, id, merchant_id, email_ref, role, hash_ref).await }
                .scope_boxed()
        })
        .await
        .map_err(super::store::to_app_error)?;
    Ok((info, password))
}
