//! Login abuse (issue 10, point 12): a burst of concurrent wrong logins is mostly refused
//! before any password is hashed, the hashing that does run is bounded, the server keeps
//! answering everyone else meanwhile, and the real user can still sign in afterwards.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::auth::login_from;
use crate::common::TestApp;
use app::auth::Role;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

/// One wrong login for an unknown e-mail from `ip`, straight to the router (no cookie jar).
async fn attack(router: axum::Router, ip: [u8; 4], n: usize) -> StatusCode {
    let body = format!("email=nobody{n}%40kreditor.test&password=guess-{n}");
    let mut req = Request::post("/api/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 50000))));
    router.oneshot(req).await.unwrap().status()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_burst_of_wrong_logins_is_refused_before_hashing_and_bounded() {
    const HASHERS: usize = 2;
    const GLOBAL_PER_SECOND: u32 = 5;
    let app = TestApp::with(|c| {
        c.auth.hash_concurrency = HASHERS;
        c.auth.global_per_second = GLOBAL_PER_SECOND;
        c.auth.per_ip_per_minute = 5;
    })
    .await;
    let password = app.staff("real@kreditor.test", Role::Support).await;
    app.signed_in("watcher@kreditor.test", Role::Admin).await;
    let limits = app.state.services.login_limits.clone();
    let hashed_before = limits.hashes_run();

    // 200 concurrent wrong logins: 100 from one address, 100 from 100 different ones.
    let started = Instant::now();
    let router = server::router::build(app.state.clone());
    let burst: Vec<_> = (0..200)
        .map(|n| {
            let ip = if n < 100 {
                [203, 0, 113, 66]
            } else {
                [10, 1, (n / 250) as u8, (n % 250) as u8]
            };
            tokio::spawn(attack(router.clone(), ip, n))
        })
        .collect();

    // Meanwhile the server answers other requests, signed-in pages included, promptly.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let t = Instant::now();
    assert_eq!(app.get("/health/live").await.status, StatusCode::OK);
    let dashboard = app.get("/api/load_dashboard").await;
    assert_eq!(dashboard.status, StatusCode::OK, "{dashboard:?}");
    let meanwhile = t.elapsed();
    assert!(meanwhile < Duration::from_secs(3), "{meanwhile:?}");

    let mut statuses = Vec::new();
    for task in burst {
        statuses.push(task.await.unwrap());
    }
    let elapsed = started.elapsed();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    let wrong = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!(refused + wrong, 200, "only 401 or 429: {statuses:?}");
    assert!(
        refused >= 150,
        "most refused before hashing: {refused} of 200"
    );

    // Hashing ran only for the admitted attempts, never more than HASHERS at once.
    let hashed = limits.hashes_run() - hashed_before;
    assert_eq!(hashed as usize, wrong, "one hash per answered attempt");
    let budget = 2 * GLOBAL_PER_SECOND as u64 + GLOBAL_PER_SECOND as u64 * (elapsed.as_secs() + 1);
    assert!(hashed <= budget, "{hashed} hashes in {elapsed:?}");
    assert!(
        limits.peak_concurrent_hashes() <= HASHERS,
        "peak {} concurrent hashes",
        limits.peak_concurrent_hashes()
    );
    assert!(limits.peak_concurrent_hashes() >= 1);

    // The real user, from their own address, signs in once the global budget has refilled.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let real = login_from(&app, [192, 0, 2, 7], "real@kreditor.test", &password).await;
    assert_eq!(real.status, StatusCode::OK, "{real:?}");
}
