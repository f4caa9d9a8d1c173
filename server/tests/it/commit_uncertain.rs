//! The order API when the database connection is lost during COMMIT, through the real HTTP
//! router: the capture's COMMIT lands but its answer is lost and the primary cannot be asked
//! afterwards, so the service answers 503 `COMMIT_UNCERTAIN` (with `Retry-After`) instead of
//! running the capture again; once the database is back, a retry with the same
//! Idempotency-Key replays the first answer and the capture exists exactly once.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::common::commit_cutter::{CommitCutter, Cut};
use crate::common::orders::{order, Shop};
use crate::common::TestResponse;
use app::kdb::{KdbError, ScopedFutureExt};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine;
use diesel::sql_types::{BigInt, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use serde_json::Value;

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Invoices plus captures of `order_id` (2 per capture), counted on the primary without the
/// stand-in.
async fn invoices(shop: &Shop, order_id: uuid::Uuid) -> i64 {
    shop.app
        .db
        .kdb()
        .read_primary(|c| {
            async move {
                diesel::sql_query(
                    "SELECT (SELECT count(*) FROM invoices WHERE order_id = $1) \
                     + (SELECT count(*) FROM captures WHERE order_id = $1) AS n",
                )
                .bind::<SqlUuid, _>(order_id)
                .get_result::<Count>(c)
                .await
                .map_err(KdbError::from)
            }
            .scope_boxed()
        })
        .await
        .unwrap()
        .n
}

/// `POST /v1/orders/{id}/captures` as merchant A with `key`.
async fn capture(shop: &Shop, order_id: &str, key: &str) -> TestResponse {
    let auth = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", shop.a.key_id, shop.a.secret));
    let req = Request::builder()
        .method(Method::POST)
        .uri(format!("/v1/orders/{order_id}/captures"))
        .header(header::AUTHORIZATION, format!("Basic {auth}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("Idempotency-Key", key)
        .body(Body::from(
            r#"{"captured_amount": 50000, "reference": "ship-uncertain"}"#,
        ))
        .unwrap();
    shop.app.send(req).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_capture_whose_commit_is_lost_is_503_commit_uncertain_and_the_retry_replays_it() {
    // The app's primary is reached through the stand-in, which loses the answer to the COMMIT
    // of the transaction that inserts the invoice and then lets nobody reach the primary.
    let cutter =
        CommitCutter::start_when(Cut::Answer, true, Some("INSERT INTO \"invoices\"")).await;
    let port = cutter.port;
    let shop = Shop::with(|c| {
        let name = c.db.write_url.rsplit('/').next().unwrap().to_string();
        c.db.write_url = format!("postgres://postgres@127.0.0.1:{port}/{name}");
        c.db.connect_timeout = Duration::from_millis(500);
        c.db.commit_deadline = Duration::from_secs(1);
        c.db.retry_deadline = Duration::from_secs(2);
    })
    .await;
    let order_id = shop
        .create(&shop.a, &order("uncertain-1", "oviss@example.se"))
        .await;
    let id: uuid::Uuid = order_id.parse().unwrap();
    assert_eq!(
        AtomicU32::load(&cutter.cuts, Ordering::SeqCst),
        0,
        "cut too early"
    );

    let first = capture(&shop, &order_id, "capture-uncertain-1").await;
    assert_eq!(
        AtomicU32::load(&cutter.cuts, Ordering::SeqCst),
        1,
        "no COMMIT was cut"
    );
    assert_eq!(
        first.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        first.body
    );
    let body: Value = serde_json::from_str(&first.body).unwrap();
    assert_eq!(body["error_code"], "COMMIT_UNCERTAIN", "{}", first.body);
    assert!(first.headers.contains_key(header::RETRY_AFTER), "{first:?}");
    // The commit did land: one capture with its invoice, and the capture did not run again.
    assert_eq!(invoices(&shop, id).await, 2);

    // The database is back: the client retries with the same key and hears the first answer.
    cutter.reopen();
    let retry = capture(&shop, &order_id, "capture-uncertain-1").await;
    assert_eq!(retry.status, StatusCode::CREATED, "{}", retry.body);
    assert_eq!(
        retry
            .headers
            .get("Idempotency-Replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true"),
        "{retry:?}"
    );
    let replayed: Value = serde_json::from_str(&retry.body).unwrap();
    assert_eq!(replayed["captured_amount"], 50000, "{}", retry.body);
    assert_eq!(invoices(&shop, id).await, 2, "the capture was done twice");
    let got = shop
        .api(
            &shop.a,
            Method::GET,
            &format!("/v1/orders/{order_id}"),
            "application/json",
            String::new(),
        )
        .await;
    let got: Value = serde_json::from_str(&got.body).unwrap();
    assert_eq!(got["captured_amount"], 50000, "{got}");
}
