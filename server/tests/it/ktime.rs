//! The business clock: frozen and advanced time, audited, and refused in production.

use app::kdb::testing::TestDb;
use app::kdb::Ctx;
use app::ktime::{AppEnv, Country, Ktime, KtimeError};
use chrono::{Duration, TimeZone, Utc};

#[tokio::test(flavor = "multi_thread")]
async fn time_can_be_frozen_and_advanced() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let ktime = Ktime::new(AppEnv::Test);
    let ctx = Ctx::system("test");
    let start = Utc.with_ymd_and_hms(2026, 1, 30, 22, 30, 0).unwrap();
    let view = ktime.set(&kdb, &ctx, start, true).await.unwrap();
    assert!(view.frozen);
    assert_eq!(view.now, start);
    // Frozen: time does not move by itself.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(ktime.now(&kdb).await.unwrap(), start);
    // 22:30 UTC on 30 Jan is 23:30 in Stockholm: still the 30th; in Helsinki already the 31st.
    assert_eq!(
        ktime.today(&kdb, Country::SE).await.unwrap().to_string(),
        "2026-01-30"
    );
    assert_eq!(
        ktime.today(&kdb, Country::FI).await.unwrap().to_string(),
        "2026-01-31"
    );

    let view = ktime.advance(&kdb, &ctx, Duration::days(30)).await.unwrap();
    assert_eq!(view.now, start + Duration::days(30));
    assert!(view.frozen, "advancing keeps a frozen clock frozen");
    assert_eq!(
        ktime.today(&kdb, Country::SE).await.unwrap().to_string(),
        "2026-03-01"
    );

    // Running again, it continues from the business time, not from the wall clock.
    let view = ktime.resume(&kdb, &ctx).await.unwrap();
    assert!(!view.frozen);
    let now = ktime.now(&kdb).await.unwrap();
    assert!(
        now >= start + Duration::days(30)
            && now < start + Duration::days(30) + Duration::minutes(1),
        "{now}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_clock_change_is_audited() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let ktime = Ktime::new(AppEnv::Demo);
    ktime
        .advance(&kdb, &Ctx::system("test"), Duration::hours(5))
        .await
        .unwrap();
    ktime.freeze(&kdb, &Ctx::system("test")).await.unwrap();
    let rows = app_audit(&kdb).await;
    assert_eq!(
        rows,
        vec!["ktime.advance".to_string(), "ktime.freeze".to_string()]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_clocks_only_move_forward() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let ktime = Ktime::new(AppEnv::Demo);
    let past = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
    assert!(matches!(
        ktime.set(&kdb, &Ctx::system("test"), past, false).await,
        Err(KtimeError::Backwards)
    ));
    assert!(matches!(
        ktime
            .advance(&kdb, &Ctx::system("test"), Duration::days(-1))
            .await,
        Err(KtimeError::Backwards)
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn production_refuses_time_travel() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let ktime = Ktime::new(AppEnv::Production);
    let ctx = Ctx::system("test");
    assert!(matches!(
        ktime.advance(&kdb, &ctx, Duration::days(1)).await,
        Err(KtimeError::TimeTravelRefused)
    ));
    assert!(matches!(
        ktime.freeze(&kdb, &ctx).await,
        Err(KtimeError::TimeTravelRefused)
    ));
    let view = ktime.view(&kdb).await.unwrap();
    assert_eq!(view.offset_ms, 0);
    assert!(!view.frozen);
    assert!(app_audit(&kdb).await.is_empty());
}

async fn app_audit(kdb: &app::kdb::Kdb) -> Vec<String> {
    use app::kdb::{KdbError, ScopedFutureExt};
    use app::schema::audit_log;
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    kdb.read_primary(|conn| {
        async move {
            Ok::<_, KdbError>(
                audit_log::table
                    .order(audit_log::id)
                    .select(audit_log::action)
                    .load(conn)
                    .await?,
            )
        }
        .scope_boxed()
    })
    .await
    .unwrap()
}
