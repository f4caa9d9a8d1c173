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

/// The demo merchant's portal owner.
pub const DEMO_MERCHANT_OWNER: &str = "owner@demobutiken.se";

/// The demo merchant's portal owner, created on the first demo start; every start gives it a
/// fresh password (printed, like the demo admin's) and lifts any lockout.
pub async fn ensure_demo_merchant_owner(
    kdb: &Kdb,
    merchant_id: uuid::Uuid,
) -> Result<String, app::error::AppError> {
    use app::error::AppError;
    use app::merchants::schema::merchant_users as mu;
    let ctx = Ctx::system("demo-data");
    match app::merchants::users::create_with_password(
        kdb,
        &ctx,
        merchant_id,
        DEMO_MERCHANT_OWNER,
        "owner",
    )
    .await
    {
        Ok((_, password)) => return Ok(password),
        Err(AppError::Validation { code, .. }) if code == "ERR_EMAIL_TAKEN" => {}
        Err(e) => return Err(e),
    }
    let password = app::auth::password::generate();
    let hash = tokio::task::spawn_blocking({
        let p = password.clone();
        move || app::auth::password::hash(&p)
    })
    .await
    .map_err(|_| AppError::Internal {
        correlation_id: "demo-start".into(),
    })?
    .map_err(|_| AppError::Internal {
        correlation_id: "demo-start".into(),
    })?;
    let (hash, ctx) = (&hash, &ctx);
    kdb.write(|conn| {
        async move {
            let id: uuid::Uuid =
                diesel::update(mu::table.filter(mu::email.eq(DEMO_MERCHANT_OWNER)))
                    .set((
                        mu::password_hash.eq(hash),
                        mu::failed_logins.eq(0),
                        mu::locked_until.eq(None::<chrono::DateTime<chrono::Utc>>),
                        mu::active.eq(true),
                    ))
                    .returning(mu::id)
                    .get_result(conn)
                    .await?;
            audit::record(
                conn,
                ctx,
                AuditEntry {
                    action: "merchant.user_reset_password",
                    entity_type: "merchant_user",
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
    .await
    .map_err(AppError::from)?;
    Ok(password)
}

/// Demo books: when the journal is empty, three weeks of business for two e-stores up to
/// yesterday (captures with fees, commission, payments, a reminder, a credit note, a payout),
/// so the bookkeeping screens have something to show. Posted through the real rules.
pub async fn seed_demo_books(
    kdb: &Kdb,
    ktime: &app::ktime::Ktime,
) -> Result<usize, Box<dyn std::error::Error>> {
    use app::ledger::rules::{self, InvoiceRef};
    use app::money::{Currency, Money};
    use app::schema::journal_entries;

    let existing: i64 = kdb
        .read_primary(|c| {
            async move { Ok::<_, KdbError>(journal_entries::table.count().get_result(c).await?) }
                .scope_boxed()
        })
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let today = ktime.today(kdb, app::ktime::Country::SE).await?;
    let sek = |minor: i64| Money::from_minor(minor, Currency::Sek);
    let mut entries = Vec::new();
    for n in 0..24i64 {
        let date = today - chrono::Duration::days(22 - n);
        let merchant = if n % 3 == 0 {
            "demo-shop-skor"
        } else {
            "demo-shop-bocker"
        };
        let inv = InvoiceRef {
            merchant_id: merchant.into(),
            customer_id: format!("demo-customer-{}", n % 7),
            invoice_id: format!("demo-invoice-{n}"),
        };
        let goods = 19_900 + n * 12_345;
        entries.push(rules::order_captured(
            date,
            &inv,
            sek(goods),
            sek(2_900),
            None,
        )?);
        entries.push(rules::merchant_commission(
            date,
            merchant,
            sek(goods * 3 / 100),
            app::ledger::vat::commission_vat(app::ktime::Country::SE),
        )?);
        let later = date + chrono::Duration::days(6);
        if later < today {
            match n % 6 {
                0 => entries.push(rules::reminder_fee(later, &inv, sek(6_000))),
                1 => entries.push(rules::refund_before_payment(later, &inv, sek(goods / 2))),
                _ => entries.push(rules::customer_payment(later, &inv, sek(goods + 2_900))),
            }
        }
    }
    entries.push(rules::settlement_payout(
        today - chrono::Duration::days(1),
        "demo-shop-bocker",
        "demo-settlement-1",
        sek(100_000),
    ));
    entries.sort_by_key(|e| e.business_date);
    let ctx = Ctx::system("demo-data");
    let (ctx, entries_ref) = (&ctx, &entries);
    kdb.write(|c| {
        async move { app::ledger::post::post_batch(c, ctx, entries_ref).await }.scope_boxed()
    })
    .await
    .map_err(|e| e.to_string())?;
    Ok(entries.len())
}

/// The shipped demo registry (3,000 fictitious people with valid ids across SE, NO, FI, DK),
/// compiled in so `make run` needs no file path. Re-importing it changes nothing.
const DEMO_REGISTRY: &str = include_str!("../data/registry-demo.csv");

/// Loads the demo registry in demo mode, so address and score lookups answer.
pub async fn load_demo_registry(
    kdb: &Kdb,
    ktime: &app::ktime::Ktime,
) -> Result<(), Box<dyn std::error::Error>> {
    let today = ktime.today(kdb, app::ktime::Country::SE).await?;
    let report = app::credit::providers::import_registry_csv(
        kdb,
        &Ctx::system("demo-data"),
        today,
        DEMO_REGISTRY.as_bytes(),
    )
    .await
    .map_err(|e| e.to_string())?;
    if report.inserted > 0 {
        println!("Demo registry: {} people loaded", report.inserted);
    }
    Ok(())
}

/// The shipped demo IP ranges: the documentation blocks (192.0.2.0/24 SE, 198.51.100.0/24 NO,
/// 203.0.113.0/24 FI, 2001:db8::/48 DK, 2001:db8:1::/48 SE, …) and loopback as Swedish, so a
/// demo from the same machine has a known IP country.
const DEMO_IP_RANGES: &str = include_str!("../data/ip-ranges-demo.csv");

/// Loads the demo IP ranges in demo mode when no IP file was ever imported. An import
/// replaces the whole table, so once an operator has loaded a real file, a demo restart must
/// not swap it back.
pub async fn load_demo_ip_ranges(kdb: &Kdb) -> Result<(), Box<dyn std::error::Error>> {
    use app::credit::ip_ranges;
    let loaded = kdb
        .read_primary(|c| async move { ip_ranges::latest_import(c).await }.scope_boxed())
        .await?;
    if loaded.is_some() {
        return Ok(());
    }
    let report =
        ip_ranges::import_ip_ranges_csv(kdb, &Ctx::system("demo-data"), DEMO_IP_RANGES.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
    if !report.already_imported {
        println!("Demo IP ranges: {} ranges loaded", report.ranges);
    }
    Ok(())
}
