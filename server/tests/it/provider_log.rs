//! The provider call log screen (`/credit/providers`) rendered by the real router without
//! JavaScript: the 24-hour figures per provider and operation (counts and p50/p95 computed
//! in SQL), the latest calls with their GET filters, and who may see it.

use crate::common::TestApp;
use app::auth::Role;
use app::kdb::{Kdb, KdbError, ScopedFutureExt};
use axum::http::StatusCode;
use diesel_async::SimpleAsyncConnection;

/// Logs calls as the guard would: (provider, operation, outcome, latency ms, hours ago).
async fn log_calls(kdb: &Kdb, calls: &[(&str, &str, &str, i32, i32)]) {
    let values: Vec<String> = calls
        .iter()
        .map(|(provider, operation, outcome, ms, hours_ago)| {
            format!(
                "('{provider}', '{operation}', '{outcome}', 1, {ms}, \
                 now() - interval '{hours_ago} hours')"
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO provider_calls (provider, operation, outcome, attempts, latency_ms, \
         recorded_at) VALUES {}",
        values.join(", ")
    );
    let sql = sql.as_str();
    kdb.write(|c| async move { Ok::<_, KdbError>(c.batch_execute(sql).await?) }.scope_boxed())
        .await
        .unwrap();
    // The page reads from the standby, which replays a moment after the synchronous commit.
    let expected = i64::try_from(calls.len()).unwrap();
    for _ in 0..100 {
        let seen: i64 = kdb
            .read(|c| {
                async move {
                    use app::credit::providers::schema::provider_calls;
                    use diesel::prelude::*;
                    use diesel_async::RunQueryDsl;
                    Ok::<_, KdbError>(provider_calls::table.count().get_result(c).await?)
                }
                .scope_boxed()
            })
            .await
            .unwrap();
        if seen >= expected {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the standby never showed the logged calls");
}

/// A day of calls: the registry's scores fast and cached, the bureau's addresses slow and
/// failing, and one old, very slow registry call outside the window.
async fn seed(kdb: &Kdb) {
    let mut calls = Vec::new();
    // 21 answered calls, 10..=210 ms: p50 is the 11th (110 ms), p95 the 20th (200 ms).
    for n in 1..=21 {
        calls.push(("registry", "score", "ok", n * 10, 1));
    }
    // Cache hits and open-circuit skips count as calls but not towards the latency.
    calls.push(("registry", "score", "cache_hit", 0, 2));
    calls.push(("registry", "score", "cache_hit", 0, 3));
    calls.push(("registry", "score", "circuit_open", 0, 3));
    calls.push(("http:bureau", "address", "timeout", 1500, 1));
    calls.push(("http:bureau", "address", "timeout", 1500, 2));
    calls.push(("http:bureau", "address", "timeout", 1500, 3));
    calls.push(("http:bureau", "address", "error", 300, 4));
    calls.push(("http:bureau", "address", "not_found", 100, 5));
    calls.push(("http:bureau", "address", "not_found", 100, 6));
    // Yesterday's news: in the call list, not in the figures.
    calls.push(("registry", "score", "ok", 9999, 30));
    log_calls(kdb, &calls).await;
}

/// The page without Leptos' hydration markers, so cells read as plain HTML.
fn plain(body: &str) -> String {
    body.replace("<!>", "").replace("<!---->", "")
}

/// The `<tr>` with `data-testid="{testid}"`.
fn row<'a>(html: &'a str, testid: &str) -> &'a str {
    let start = html
        .find(&format!("data-testid=\"{testid}\""))
        .unwrap_or_else(|| panic!("no row {testid} in {html}"));
    let rest = &html[start..];
    &rest[..rest.find("</tr>").unwrap_or(rest.len())]
}

/// The text of the cell with `data-col="{col}"` in `row`.
fn cell(row: &str, col: &str) -> String {
    let at = row
        .find(&format!("data-col=\"{col}\""))
        .unwrap_or_else(|| panic!("no {col} in {row}"));
    let text = &row[at..];
    let text = &text[text.find('>').map_or(text.len(), |i| i + 1)..];
    text.split('<').next().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn support_sees_the_days_figures_and_the_latest_calls() {
    let app = TestApp::new().await;
    seed(app.kdb()).await;
    app.signed_in("stina@kreditor.test", Role::Support).await;
    let res = app.get("/credit/providers").await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let html = plain(&res.body);

    let registry = row(&html, "stat-registry-score");
    for (col, expected) in [
        ("calls", "24"),
        ("ok", "21"),
        ("not_found", "0"),
        ("timeouts", "0"),
        ("errors", "0"),
        ("circuit_open", "1"),
        ("cache_hits", "2"),
        ("p50", "110 ms"),
        ("p95", "200 ms"),
    ] {
        assert_eq!(cell(registry, col), expected, "registry {col}");
    }
    let bureau = row(&html, "stat-http:bureau-address");
    for (col, expected) in [
        ("calls", "6"),
        ("ok", "0"),
        ("not_found", "2"),
        ("timeouts", "3"),
        ("errors", "1"),
        ("circuit_open", "0"),
        ("cache_hits", "0"),
        // 100, 100, 300, 1500, 1500, 1500: halfway between 300 and 1500.
        ("p50", "900 ms"),
        ("p95", "1500 ms"),
    ] {
        assert_eq!(cell(bureau, col), expected, "bureau {col}");
    }
    // All 31 calls are listed, the old one too, newest (highest id) first.
    assert_eq!(html.matches("data-testid=\"call-").count(), 31);
    assert!(html.contains("9999 ms"));
    // Swedish by default, and the tab is there.
    assert!(html.contains("Senaste 24 timmarna"), "{html}");
    assert!(html.contains("href=\"/credit/providers\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_call_list_filters_by_provider_and_outcome_without_javascript() {
    let app = TestApp::new().await;
    seed(app.kdb()).await;
    app.signed_in("sune@kreditor.test", Role::Admin).await;
    let res = app
        .get("/credit/providers?provider=http%3Abureau&outcome=timeout")
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let html = plain(&res.body);
    let list = &html[html
        .find("data-testid=\"provider-calls\"")
        .expect("call list")..];
    assert_eq!(list.matches("data-testid=\"call-").count(), 3);
    assert_eq!(list.matches("data-outcome=\"timeout\"").count(), 3);
    assert!(!list.contains("data-outcome=\"ok\""));
    // The form keeps the choice (a plain GET form: no script needed).
    assert!(html.contains("<form method=\"get\" action=\"/credit/providers\""));
    assert!(html.contains("value=\"timeout\" selected"), "{html}");
    // The figures still cover every provider.
    row(&html, "stat-registry-score");

    let only_registry = plain(&app.get("/credit/providers?provider=registry").await.body);
    let list = &only_registry[only_registry
        .find("data-testid=\"provider-calls\"")
        .expect("call list")..];
    assert_eq!(list.matches("data-testid=\"call-").count(), 25);

    let none = plain(&app.get("/credit/providers?provider=nobody").await.body);
    assert!(!none.contains("data-testid=\"provider-calls\""));
    assert!(none.contains("Inga anrop."), "{none}");

    // A made-up outcome is a named error, not an empty list.
    let api = app.get("/api/credit_provider_log?outcome=lost").await;
    assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY, "{api:?}");
    let page = app.get("/credit/providers?outcome=lost").await;
    assert!(page.body.contains("Utfall: ogiltigt val."), "{}", page.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_log_says_so() {
    let app = TestApp::new().await;
    app.signed_in("siv@kreditor.test", Role::Support).await;
    let html = plain(&app.get("/credit/providers").await.body);
    assert!(
        html.contains("Inga leverantörsanrop de senaste 24 timmarna."),
        "{html}"
    );
    assert!(html.contains("Inga anrop."));
}

#[tokio::test(flavor = "multi_thread")]
async fn strangers_and_finance_are_refused() {
    let app = TestApp::new().await;
    seed(app.kdb()).await;
    // Not signed in: the page sends the browser to the login, the data answers 401.
    let page = app.get("/credit/providers").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{page:?}");
    assert_eq!(page.location(), Some("/login"));
    let api = app.get("/api/credit_provider_log").await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED, "{api:?}");
    assert!(!api.body.contains("registry"));

    // Finance works with money, not with the providers: 403, and the page shows no figures.
    app.signed_in("fia@kreditor.test", Role::Finance).await;
    let api = app.get("/api/credit_provider_log").await;
    assert_eq!(api.status, StatusCode::FORBIDDEN, "{api:?}");
    let page = app.get("/credit/providers").await;
    assert!(!page.body.contains("data-testid=\"provider-stats\""));
    assert!(
        page.body.contains("Din roll får inte göra detta."),
        "{}",
        page.body
    );
}
