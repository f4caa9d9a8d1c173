//! Bounded work per caller of the order API, before any database work: a rate limit per client
//! address ahead of authentication, and failed credentials refused from memory.

use std::net::SocketAddr;

use crate::common::orders::Shop;
use crate::common::{TestApp, TestResponse};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use base64::Engine;

/// `GET path` with HTTP Basic `key:secret`, from `peer` when given (as the listener's
/// connect info would say).
async fn get_as(
    app: &TestApp,
    path: &str,
    key: &str,
    secret: &str,
    peer: Option<&str>,
) -> TestResponse {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{key}:{secret}"));
    let mut req = Request::get(path)
        .header(header::AUTHORIZATION, format!("Basic {auth}"))
        .body(Body::empty())
        .unwrap();
    if let Some(peer) = peer {
        let addr: SocketAddr = peer.parse().unwrap();
        req.extensions_mut().insert(ConnectInfo(addr));
    }
    app.send(req).await
}

fn code(res: &TestResponse) -> String {
    let v: serde_json::Value = serde_json::from_str(&res.body).unwrap_or_default();
    v["error_code"].as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn each_client_address_is_limited_before_its_key_is_checked() {
    let app = TestApp::with(|c| {
        c.limits.api_per_ip = app::rate_limit::RateLimit {
            per_second: 1,
            burst: 3,
        };
        c.limits.bad_key_cache = std::time::Duration::ZERO;
    })
    .await;
    let path = format!("/v1/orders/{}", uuid::Uuid::new_v4());
    let guesser = Some("203.0.113.7:40000");
    for n in 0..3 {
        let res = get_as(&app, &path, "kk_guess", &format!("ks_{n}"), guesser).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{n}: {}", res.body);
    }
    let mut limited = 0;
    for n in 3..40 {
        let res = get_as(&app, &path, "kk_guess", &format!("ks_{n}"), guesser).await;
        assert_eq!(
            res.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{n}: {}",
            res.body
        );
        assert_eq!(code(&res), "RATE_LIMITED");
        let wait: u64 = res.headers[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=2).contains(&wait), "{wait}");
        limited += 1;
    }
    assert_eq!(limited, 37);
    // Another address (another port of the same host counts as the same address) has its own.
    let other = get_as(&app, &path, "kk_guess", "ks_x", Some("198.51.100.2:1")).await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);
    let same_host = get_as(&app, &path, "kk_guess", "ks_x", Some("203.0.113.7:40001")).await;
    assert_eq!(same_host.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_credentials_are_refused_from_memory_and_good_ones_still_work() {
    let shop = Shop::new().await;
    let path = format!("/v1/orders/{}", uuid::Uuid::new_v4());
    let key = shop.a.key_id.clone();
    let bad_keys = shop.app.state.bad_keys.clone();
    assert_eq!(bad_keys.hits(), 0);
    for _ in 0..25 {
        let res = get_as(&shop.app, &path, &key, "ks_wrong", None).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
        assert_eq!(code(&res), "UNAUTHORIZED");
    }
    // One lookup; the other 24 tries were answered from memory.
    assert_eq!(bad_keys.hits(), 24);
    // The key's owner is not locked out by someone else's wrong secret.
    let ok = get_as(&shop.app, &path, &key, &shop.a.secret, None).await;
    assert_eq!(ok.status, StatusCode::NOT_FOUND, "{}", ok.body);
    assert_eq!(bad_keys.hits(), 24);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_remembered_failure_needs_no_database() {
    // No database answers: a lookup would be a 503, so a 401 proves none was made.
    let app = TestApp::with(|c| {
        c.db.write_url = "postgres://postgres@127.0.0.1:1/kreditor".into();
        c.db.read_url = None;
        c.db.connect_timeout = std::time::Duration::from_millis(200);
        c.db.retry_deadline = std::time::Duration::from_millis(300);
    })
    .await;
    app.state.bad_keys.remember("kk_known_bad", "ks_nope");
    let path = format!("/v1/orders/{}", uuid::Uuid::new_v4());
    let res = get_as(&app, &path, "kk_known_bad", "ks_nope", None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
    let res = get_as(&app, &path, "kk_known_bad", "ks_other", None).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
}
