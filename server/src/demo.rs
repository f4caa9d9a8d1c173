//! Demo data: in `demo` mode, one administrator whose fresh password is printed at each start
//! (so `make run` always shows a login that works, and no password sits in a file).

use app::auth::staff::{create_staff, CreateStaffError, NewStaff};
use app::auth::Role;
use app::kdb::audit::{self, AuditEntry};
use app::kdb::{Ctx, Kdb, KdbError, ScopedFutureExt};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

/// The demo administrator's e-mail.
pub const DEMO_ADMIN: &str = "admin@kreditor.demo";

/// Creates the demo admin if missing, else gives it a new password; returns the password.
pub async fn ensure_demo_admin(kdb: &Kdb) -> Result<String, CreateStaffError> {
    let ctx = Ctx::system("demo-data");
    match create_staff(
        kdb,
        &ctx,
        NewStaff {
            email: DEMO_ADMIN.into(),
            display_name: Some("Demo Admin".into()),
            role: Role::Admin,
            password: None,
        },
    )
    .await
    {
        Ok((_, password)) => Ok(password),
        Err(CreateStaffError::EmailTaken) => reset_password(kdb, &ctx).await,
        Err(e) => Err(e),
    }
}

async fn reset_password(kdb: &Kdb, ctx: &Ctx) -> Result<String, CreateStaffError> {
    use app::schema::staff_users;
    let password = app::auth::password::generate();
    let hash = tokio::task::spawn_blocking({
        let p = password.clone();
        move || app::auth::password::hash(&p)
    })
    .await
    .map_err(|_| CreateStaffError::Hash)?
    .map_err(|_| CreateStaffError::Hash)?;
    let hash = &hash;
    kdb.write(|conn| {
        async move {
            let id: uuid::Uuid =
                diesel::update(staff_users::table.filter(staff_users::email.eq(DEMO_ADMIN)))
                    .set((
                        staff_users::password_hash.eq(hash),
                        staff_users::failed_logins.eq(0),
                        staff_users::locked_until.eq(None::<chrono::DateTime<chrono::Utc>>),
                        staff_users::active.eq(true),
                    ))
                    .returning(staff_users::id)
                    .get_result(conn)
                    .await?;
            audit::record(
                conn,
                ctx,
                AuditEntry {
                    action: "staff.reset_password",
                    entity_type: "staff_user",
                    entity_id: &id.to_string(),
                    before: None,
                    after: Some(serde_json::json!({"reason": "demo start"})),
                },
            )
            .await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    })
    .await?;
    Ok(password)
}
