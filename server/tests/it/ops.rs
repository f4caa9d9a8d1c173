//! Health, metrics and the dashboard's database status against the real pair.

use crate::common::TestApp;
use app::auth::Role;
use axum::http::StatusCode;

#[tokio::test(flavor = "multi_thread")]
async fn readiness_reports_the_pair() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/health/live").await.status, StatusCode::OK);
    let ready = app.get("/health/ready").await;
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
    let json: serde_json::Value = serde_json::from_str(&ready.body).unwrap();
    assert_eq!(json["primary"]["reachable"], true);
    assert_eq!(json["standby"]["reachable"], true);
    assert_eq!(json["standby"]["streaming"], true, "{json}");
    assert_eq!(json["replication"][0]["sync_state"], "sync", "{json}");
}

#[tokio::test(flavor = "multi_thread")]
async fn readiness_fails_without_a_primary() {
    let app = TestApp::with(|c| {
        c.db.write_url = "postgres://postgres@127.0.0.1:1/none".into();
        c.db.read_url = None;
        c.db.connect_timeout = std::time::Duration::from_millis(300);
        c.db.retry_deadline = std::time::Duration::from_millis(500);
    })
    .await;
    let ready = app.get("/health/ready").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(ready.body.contains("\"reachable\":false"));
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_count_requests_and_show_the_pools() {
    let app = TestApp::new().await;
    app.get("/health/live").await;
    app.get("/health/live").await;
    let m = app.get("/metrics").await;
    assert_eq!(m.status, StatusCode::OK);
    assert!(
        m.body.contains(
            "kreditor_http_requests_total{method=\"GET\",route=\"/health/live\",status=\"200\"} 2"
        ),
        "{}",
        m.body
    );
    assert!(m.body.contains(
        "kreditor_http_request_duration_seconds_bucket{route=\"/health/live\",le=\"+Inf\"} 2"
    ));
    assert!(m.body.contains("kreditor_db_pool_max{pool=\"write\"} 4"));
    assert!(m.body.contains("kreditor_db_replicas_streaming 1"));
    assert!(m.body.contains("kreditor_db_replication_lag_seconds{"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_shows_date_database_and_user_without_javascript() {
    let app = TestApp::new().await;
    app.signed_in("ivar@kreditor.test", Role::Admin).await;
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    for needle in [
        "data-testid=\"business-date\"",
        "uppe",
        "streaming",
        ">sync<",
        "ivar@kreditor.test",
        "lang=\"sv\"",
    ] {
        assert!(
            page.body.contains(needle),
            "missing {needle} in {}",
            page.body
        );
    }
    // English after switching language (a plain form post, as without JavaScript).
    let token = app.cookie("kreditor_csrf").unwrap();
    let res = app
        .post_form_raw(
            "/api/set_language",
            &[("lang", "en"), ("csrf_token", &token)],
            Some("text/html"),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    let page = app.get("/").await;
    assert!(
        page.body.contains("lang=\"en\"")
            && page.body.contains("Dashboard")
            && page.body.contains(">up<"),
        "{}",
        page.body
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn responses_carry_a_request_id() {
    let app = TestApp::new().await;
    let res = app.get("/health/live").await;
    assert!(res.headers.get("x-request-id").is_some());
}
