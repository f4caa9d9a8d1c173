//! Staff user rows and creating staff users (server side).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::{password, Role, StaffInfo};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, Kdb, KdbError, Retryable, ScopedFutureExt};
use crate::schema::staff_users;

diesel::define_sql_function! {
    /// SQL `lower()`: e-mails are unique and matched case-insensitively.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// A `staff_users` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = staff_users)]
pub struct StaffRow {
    /// Id.
    pub id: uuid::Uuid,
    /// Login e-mail.
    pub email: String,
    /// Name shown in the UI.
    pub display_name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// `admin` / `support` / `finance`.
    pub role: String,
    /// Inactive users cannot log in.
    pub active: bool,
    /// Preferred UI language.
    pub language: String,
    /// Failed logins since the last success or lock.
    pub failed_logins: i32,
    /// No login before this instant.
    pub locked_until: Option<DateTime<Utc>>,
    /// Last successful login.
    pub last_login_at: Option<DateTime<Utc>>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

impl StaffRow {
    /// The public view of the user; `None` if the stored role is unknown.
    pub fn info(&self) -> Option<StaffInfo> {
        Some(StaffInfo {
            id: self.id,
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            role: Role::parse(&self.role)?,
            lang: crate::i18n::Lang::parse(&self.language).unwrap_or_default(),
        })
    }
}

/// Why a staff user could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateStaffError {
    /// The e-mail is not an address.
    #[error("email: not a valid e-mail address")]
    InvalidEmail,
    /// Someone already has this e-mail (case-insensitive).
    #[error("email: a staff user with this e-mail already exists")]
    EmailTaken,
    /// The password is too short.
    #[error("password: must be at least 12 characters")]
    WeakPassword,
    /// Hashing failed.
    #[error("password hashing failed")]
    Hash,
    /// Database failure.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl Retryable for CreateStaffError {
    fn is_retryable(&self) -> bool {
        matches!(self, CreateStaffError::Db(e) if e.is_retryable())
    }
}

/// What to create.
#[derive(Debug, Clone)]
pub struct NewStaff {
    /// Login e-mail.
    pub email: String,
    /// Display name (defaults to the e-mail's local part).
    pub display_name: Option<String>,
    /// Role.
    pub role: Role,
    /// Initial password; generated when `None`.
    pub password: Option<String>,
}

/// Creates a staff user; returns it with the password in clear (to show once).
pub async fn create_staff(
    kdb: &Kdb,
    ctx: &Ctx,
    new: NewStaff,
) -> Result<(StaffInfo, String), CreateStaffError> {
    let email = new.email.trim().to_string();
    if !is_plausible_email(&email) {
        return Err(CreateStaffError::InvalidEmail);
    }
    let clear = new.password.unwrap_or_else(password::generate);
    if clear.chars().count() < 12 {
        return Err(CreateStaffError::WeakPassword);
    }
    let hash = tokio::task::spawn_blocking({
        let clear = clear.clone();
        move || password::hash(&clear)
    })
    .await
    .map_err(|_| CreateStaffError::Hash)?
    .map_err(|_| CreateStaffError::Hash)?;
    let display_name = new
        .display_name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_string());
    // Generated outside the transaction so a retried attempt inserts the same id.
    let id = uuid::Uuid::new_v4();
    let (email, display_name, hash, role) = (&email, &display_name, &hash, new.role);
    let info = kdb
        .write(|conn| {
            async move {
                let taken: i64 = staff_users::table
                    .filter(lower(staff_users::email).eq(lower(email)))
                    .count()
                    .get_result(conn)
                    .await
                    .map_err(KdbError::from)?;
                if taken > 0 {
                    return Err(CreateStaffError::EmailTaken);
                }
                diesel::insert_into(staff_users::table)
                    .values((
                        staff_users::id.eq(id),
                        staff_users::email.eq(email),
                        staff_users::display_name.eq(display_name),
                        staff_users::password_hash.eq(hash),
                        staff_users::role.eq(role.as_str()),
                    ))
                    .execute(conn)
                    .await
                    .map_err(KdbError::from)?;
                audit::record(
                    conn,
                    ctx,
                    AuditEntry {
                        action: "staff.create",
                        entity_type: "staff_user",
                        entity_id: &id.to_string(),
                        before: None,
                        after: Some(json!({"email": email, "display_name": display_name, "role": role.as_str()})),
                    },
                )
                .await?;
                Ok(StaffInfo {
                    id,
                    email: email.clone(),
                    display_name: display_name.clone(),
                    role,
                    lang: crate::i18n::Lang::default(),
                })
            }
            .scope_boxed()
        })
        .await?;
    Ok((info, clear))
}

/// The staff user with this e-mail (case-insensitive), read on the primary.
pub async fn find_by_email(conn: &mut Conn, email: &str) -> Result<Option<StaffRow>, KdbError> {
    Ok(staff_users::table
        .filter(lower(staff_users::email).eq(lower(email.trim())))
        .select(StaffRow::as_select())
        .first(conn)
        .await
        .optional()?)
}

/// The staff user with this id.
pub async fn find_by_id(conn: &mut Conn, id: uuid::Uuid) -> Result<Option<StaffRow>, KdbError> {
    Ok(staff_users::table
        .find(id)
        .select(StaffRow::as_select())
        .first(conn)
        .await
        .optional()?)
}

/// Good enough to catch typos; the real check is that the person can log in.
fn is_plausible_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::is_plausible_email;

    #[test]
    fn plausible_emails() {
        assert!(is_plausible_email("anna@kreditor.se"));
        assert!(!is_plausible_email("anna"));
        assert!(!is_plausible_email("@kreditor.se"));
        assert!(!is_plausible_email("anna@localhost"));
        assert!(!is_plausible_email("an na@kreditor.se"));
    }
}
