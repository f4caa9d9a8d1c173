//! Health, metrics and the dashboard's database status against the real pair.

use std::collections::BTreeSet;

use crate::common::{TestApp, TestResponse};
use app::auth::Role;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// GET on the internal listener's router (`INTERNAL_BIND_ADDR`).
async fn internal(app: &TestApp, path: &str) -> TestResponse {
    let res = server::internal::router(app.state.clone())
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    TestResponse {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

/// The (method, route) label pairs of the request counter.
fn series(metrics: &str) -> BTreeSet<(String, String)> {
    metrics
        .lines()
        .filter_map(|l| l.strip_prefix("kreditor_http_requests_total{method=\""))
        .filter_map(|l| {
            let (method, rest) = l.split_once("\",route=\"")?;
            let (route, _) = rest.split_once("\",status=")?;
            Some((method.to_string(), route.to_string()))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn readiness_reports_the_pair() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/health/live").await.status, StatusCode::OK);
    let ready = internal(&app, "/health/ready").await;
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
    let ready = internal(&app, "/health/ready").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(ready.body.contains("\"reachable\":false"));
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_count_requests_and_show_the_pools() {
    let app = TestApp::new().await;
    app.get("/health/live").await;
    app.get("/health/live").await;
    let m = internal(&app, "/metrics").await;
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

/// The value of `name` in `res`, or "".
fn header_of(res: &crate::common::TestResponse, name: &str) -> String {
    res.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new().await;
    // A page: a CSP whose nonce is the one on the page's scripts, no framing, no caching.
    let login = app.get("/login").await;
    let csp = header_of(&login, "content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("object-src 'none'"),
        "{csp}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("no nonce in {csp}"));
    assert!(nonce.len() >= 16, "{nonce}");
    assert!(
        login.body.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce: {}",
        login.body
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    // Every inline script carries it.
    for script in login.body.split("<script").skip(1) {
        let tag = &script[..script.find('>').unwrap_or(0)];
        assert!(tag.contains(nonce) || tag.contains("src="), "<script{tag}>");
    }
    let again = app.get("/login").await;
    assert_ne!(
        header_of(&again, "content-security-policy"),
        csp,
        "a new nonce per response"
    );

    app.signed_in("ulla@kreditor.test", Role::Admin).await;
    let responses = [
        ("/", app.get("/").await),
        ("/api/whoami", app.get("/api/whoami").await),
        ("/api/load_dashboard", app.get("/api/load_dashboard").await),
        ("/health/live", app.get("/health/live").await),
        ("/v1/orders/x", app.get("/v1/orders/x").await),
    ];
    for (path, res) in &responses {
        assert_eq!(
            header_of(res, "x-content-type-options"),
            "nosniff",
            "{path}"
        );
        assert_eq!(header_of(res, "referrer-policy"), "same-origin", "{path}");
        assert_eq!(header_of(res, "x-frame-options"), "DENY", "{path}");
        assert!(
            header_of(res, "content-security-policy").contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(header_of(res, "cache-control"), "no-store", "{path}");
        assert_eq!(
            header_of(res, "strict-transport-security"),
            "",
            "{path}: test env"
        );
    }
    // Non-page answers allow no script at all.
    let api = &responses[1].1;
    assert!(header_of(api, "content-security-policy").starts_with("default-src 'none'"));
}

#[tokio::test(flavor = "multi_thread")]
async fn production_adds_hsts() {
    let app = TestApp::with(|c| c.env = app::ktime::AppEnv::Production).await;
    let res = app.get("/health/live").await;
    assert!(
        header_of(&res, "strict-transport-security").starts_with("max-age="),
        "{:?}",
        res.headers
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn request_ids_are_the_servers_own_and_the_clients_is_only_logged() {
    use axum::body::Body;
    use axum::http::Request;
    let app = TestApp::new().await;
    let password = app.staff("vera@kreditor.test", Role::Support).await;
    app.get("/login").await;
    let token = app.cookie("kreditor_csrf").unwrap();
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("email", "vera@kreditor.test"),
            ("password", password.as_str()),
            ("csrf_token", token.as_str()),
        ])
        .finish();
    let res = app
        .send(
            Request::post("/api/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("host", "127.0.0.1:3000")
                .header("x-request-id", "chosen-by-client")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let id = header_of(&res, "x-request-id");
    assert_ne!(id, "chosen-by-client");
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");
    // The audit record carries the server's id.
    use app::kdb::{KdbError, ScopedFutureExt};
    use app::schema::audit_log;
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    let ids: Vec<String> = app
        .kdb()
        .read_primary(|c| {
            async move {
                Ok::<_, KdbError>(
                    audit_log::table
                        .filter(audit_log::action.eq("staff.login"))
                        .select(audit_log::request_id)
                        .load(c)
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap();
    assert_eq!(ids, vec![id]);
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_and_readiness_are_not_on_the_public_listener() {
    let app = TestApp::new().await;
    for path in ["/metrics", "/health/ready"] {
        let res = app.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}: {}", res.body);
        assert!(!res.body.contains("kreditor_db_pool"), "{path}");
        assert!(!res.body.contains("replication"), "{path}");
    }
    assert_eq!(app.get("/health/live").await.status, StatusCode::OK);
    assert_eq!(internal(&app, "/metrics").await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread")]
async fn random_paths_and_odd_methods_add_no_label_values() {
    let app = TestApp::new().await;
    let methods = ["GET", "POST", "PROPFIND", "BREW", "X-SCAN"];
    let mut sent = 0;
    let mut send = |i: usize| {
        let method = Method::from_bytes(methods[i % methods.len()].as_bytes()).unwrap();
        let path = match i % 4 {
            0 => format!("/api/nothing-{i}"),
            1 => format!("/v1/nope/{i}"),
            2 => format!("/v1/orders/{}/x{i}", uuid::Uuid::new_v4()),
            _ => format!("/health/live{i}"),
        };
        sent += 1;
        Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .unwrap()
    };
    for i in 0..10 {
        app.send(send(i)).await;
    }
    let before = series(&internal(&app, "/metrics").await.body);
    for i in 10..1_010 {
        app.send(send(i)).await;
    }
    let m = internal(&app, "/metrics").await.body;
    let after = series(&m);
    assert_eq!(sent, 1_010);
    assert_eq!(
        after, before,
        "new label values after 1,000 random requests"
    );
    let routes: BTreeSet<&str> = after.iter().map(|(_, r)| r.as_str()).collect();
    assert!(routes.contains("unmatched"), "{m}");
    assert!(
        routes
            .iter()
            .all(|r| !r.contains("nothing") && !r.contains("nope")),
        "{m}"
    );
    let methods_seen: BTreeSet<&str> = after.iter().map(|(m, _)| m.as_str()).collect();
    assert!(methods_seen.contains("OTHER"), "{m}");
    assert!(
        methods_seen
            .iter()
            .all(|m| ["GET", "POST", "OTHER"].contains(m)),
        "{methods_seen:?}"
    );
    // Every request was counted, under the fixed labels.
    let counted: u64 = m
        .lines()
        .filter(|l| l.starts_with("kreditor_http_requests_total{"))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
        .sum();
    assert!(counted >= 1_010, "{counted}");
}
