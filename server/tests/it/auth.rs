//! Staff login, login throttling, roles, CSRF, session expiry and logout, cookies and session
//! storage, the audit log's immutability, and who may take the books out, through the real
//! router.

use std::time::Duration;

use std::net::SocketAddr;

use crate::common::{audit_count, TestApp, TestResponse};
use app::auth::Role;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use diesel_async::RunQueryDsl;
use tower::ServiceExt;

#[tokio::test(flavor = "multi_thread")]
async fn pages_need_a_session_and_login_rotates_it() {
    let app = TestApp::new().await;
    let res = app.get("/").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location(), Some("/login"));

    let login_page = app.get("/login").await;
    assert_eq!(login_page.status, StatusCode::OK);
    assert!(
        login_page.body.contains("id=\"login-form\""),
        "{}",
        login_page.body
    );
    assert!(login_page.body.contains("name=\"csrf_token\""));

    let password = app.staff("anna@kreditor.test", Role::Support).await;
    let before = app.cookie("kreditor_session");
    let res = app.login("Anna@Kreditor.test", &password).await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let after = app.cookie("kreditor_session").expect("session cookie");
    assert_ne!(before, Some(after), "session id must change at login");
    assert_eq!(audit_count(app.kdb(), "staff.login").await, 1);

    let dashboard = app.get("/").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(dashboard.body.contains("anna@kreditor.test"));
    // A signed-in user is sent away from the login page.
    assert_eq!(app.get("/login").await.location(), Some("/"));
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_password_is_refused_and_counted() {
    let app = TestApp::new().await;
    app.staff("bo@kreditor.test", Role::Admin).await;
    let res = app.login("bo@kreditor.test", "not the password").await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(res.body.contains("WrongCredentials"), "{}", res.body);
    let unknown = app.login("nobody@kreditor.test", "whatever-password").await;
    assert_eq!(
        unknown.status,
        StatusCode::UNAUTHORIZED,
        "unknown users look the same"
    );
    assert_eq!(audit_count(app.kdb(), "staff.login_failed").await, 1);
    assert!(
        app.cookie("kreditor_session").is_none()
            || app.get("/").await.status == StatusCode::SEE_OTHER
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plain_form_login_error_comes_back_on_the_page() {
    let app = TestApp::new().await;
    app.get("/login").await;
    let token = app.cookie("kreditor_csrf").unwrap();
    let res = app
        .post_form_raw(
            "/api/login",
            &[
                ("email", "x@kreditor.test"),
                ("password", "wrong-password"),
                ("csrf_token", &token),
            ],
            Some("text/html"),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    let back = res.location().unwrap().to_string();
    assert!(back.contains("__err"), "{back}");
    let path = back.trim_start_matches("http://127.0.0.1:3000");
    let page = app.get(path).await;
    assert!(
        page.body.contains("Fel e-postadress eller lösenord."),
        "{}",
        page.body
    );
}

/// A login form post (as the hydrated page's fetch) from client address `ip`.
pub async fn login_from(app: &TestApp, ip: [u8; 4], email: &str, password: &str) -> TestResponse {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("email", email), ("password", password)])
        .finish();
    let mut req = Request::post("/api/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 40000))));
    app.send(req).await
}

#[tokio::test(flavor = "multi_thread")]
async fn failures_delay_only_that_address_and_never_lock_the_owner_out() {
    let app = TestApp::with(|c| c.auth.free_failures = 2).await;
    let password = app.staff("cia@kreditor.test", Role::Finance).await;
    let (attacker, owner) = ([203, 0, 113, 9], [198, 51, 100, 7]);
    for _ in 0..3 {
        let res = login_from(&app, attacker, "cia@kreditor.test", "wrong-wrong-wrong").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{res:?}");
    }
    // Past the free failures the attacker's address waits (one generic answer, no hashing)…
    let hashed = app.state.services.login_limits.hashes_run();
    let delayed = login_from(&app, attacker, "cia@kreditor.test", &password).await;
    assert_eq!(delayed.status, StatusCode::TOO_MANY_REQUESTS, "{delayed:?}");
    assert!(delayed.body.contains("TooManyAttempts"), "{}", delayed.body);
    assert_eq!(app.state.services.login_limits.hashes_run(), hashed);
    // …and so does an unknown e-mail from there: the delay says nothing about existence.
    for _ in 0..3 {
        login_from(&app, attacker, "nobody@kreditor.test", "wrong-wrong-wrong").await;
    }
    let unknown = login_from(&app, attacker, "nobody@kreditor.test", "x-wrong-x").await;
    assert_eq!(unknown.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        unknown.body.replace(char::is_numeric, ""),
        delayed.body.replace(char::is_numeric, "")
    );
    // The owner, from their own address, is not locked out: no hard lock any more.
    let own = login_from(&app, owner, "cia@kreditor.test", &password).await;
    assert_eq!(own.status, StatusCode::OK, "{own:?}");
    assert_eq!(audit_count(app.kdb(), "staff.login_failed").await, 3);
    assert_eq!(audit_count(app.kdb(), "staff.login_unknown").await, 3);
    assert_eq!(audit_count(app.kdb(), "staff.login").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_unknown_and_inactive_answer_alike_and_unknown_attempts_are_audited() {
    use app::kdb::{KdbError, ScopedFutureExt};
    let app = TestApp::new().await;
    app.staff("dora@kreditor.test", Role::Support).await;
    let inactive = app.staff("ex@kreditor.test", Role::Support).await;
    app.kdb()
        .write(|c| {
            async move {
                diesel::sql_query(
                    "UPDATE staff_users SET active = false WHERE email = 'ex@kreditor.test'",
                )
                .execute(c)
                .await?;
                Ok::<_, KdbError>(())
            }
            .scope_boxed()
        })
        .await
        .unwrap();
    let ip = [198, 51, 100, 20];
    let before = app.state.services.login_limits.hashes_run();
    let wrong = login_from(&app, ip, "dora@kreditor.test", "secret-guess-1").await;
    let unknown = login_from(&app, ip, "nobody@kreditor.test", "secret-guess-2").await;
    let disabled = login_from(&app, ip, "ex@kreditor.test", &inactive).await;
    for res in [&wrong, &unknown, &disabled] {
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{res:?}");
        assert_eq!(res.body, wrong.body);
    }
    // Each of them cost one password hash (the unknown one against a dummy hash).
    assert_eq!(app.state.services.login_limits.hashes_run(), before + 3);
    assert_eq!(audit_count(app.kdb(), "staff.login_unknown").await, 1);
    let rows = audit_texts(&app).await;
    assert!(
        rows.iter().any(|r| r.contains("nobody@kreditor.test")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .all(|r| !r.contains("secret-guess") && !r.contains(&inactive)),
        "no password in the audit log: {rows:?}"
    );
}

/// Every audit row's action and after-JSON as text.
async fn audit_texts(app: &TestApp) -> Vec<String> {
    use app::kdb::{KdbError, ScopedFutureExt};
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        t: String,
    }
    app.kdb()
        .read_primary(|c| {
            async move {
                Ok::<_, KdbError>(
                    diesel::sql_query(
                        "SELECT action || ' ' || coalesce(after::text, '') || coalesce(before::text, '') AS t FROM audit_log",
                    )
                    .load::<Row>(c)
                    .await?,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.t)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_role_without_permission_gets_403() {
    let app = TestApp::new().await;
    app.signed_in("dan@kreditor.test", Role::Support).await;
    let res = app.post_form("/api/advance_clock", &[("days", "1")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{res:?}");
    assert_eq!(audit_count(app.kdb(), "ktime.advance").await, 0);
    // Support may not read the audit log either.
    assert_eq!(
        app.get("/api/audit_log").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn state_changes_without_the_csrf_token_are_refused() {
    let app = TestApp::new().await;
    app.signed_in("eva@kreditor.test", Role::Admin).await;
    let missing = app
        .post_form_raw("/api/advance_clock", &[("days", "1")], None)
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(missing.body.contains("ERR_CSRF"));
    let wrong = app
        .post_form_raw(
            "/api/advance_clock",
            &[("days", "1"), ("csrf_token", &"0".repeat(64))],
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(audit_count(app.kdb(), "ktime.advance").await, 0);
    // The same request with the token goes through…
    let ok = app.post_form("/api/advance_clock", &[("days", "1")]).await;
    assert_eq!(ok.status, StatusCode::OK, "{ok:?}");
    // …and so does the hydrated page's fetch, which the browser marks same-origin.
    let fetch = app
        .post_form_with(
            "/api/advance_clock",
            &[("days", "1")],
            None,
            &[
                ("sec-fetch-site", "same-origin"),
                ("origin", "http://127.0.0.1:3000"),
            ],
        )
        .await;
    assert_eq!(fetch.status, StatusCode::OK, "{fetch:?}");
    assert_eq!(audit_count(app.kdb(), "ktime.advance").await, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn idle_sessions_expire() {
    let app = TestApp::with(|c| c.auth.idle_timeout = Duration::from_secs(2)).await;
    app.signed_in("fia@kreditor.test", Role::Admin).await;
    assert_eq!(app.get("/api/load_dashboard").await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(3500)).await;
    assert_eq!(
        app.get("/api/load_dashboard").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.get("/").await.location(), Some("/login"));
}

#[tokio::test(flavor = "multi_thread")]
async fn sessions_end_at_their_absolute_limit_even_when_used() {
    let app = TestApp::with(|c| c.auth.absolute_timeout = Duration::from_secs(2)).await;
    app.signed_in("gus@kreditor.test", Role::Admin).await;
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(1100)).await;
        app.get("/api/load_dashboard").await;
    }
    assert_eq!(
        app.get("/api/load_dashboard").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn logout_deletes_the_session_row() {
    let app = TestApp::new().await;
    app.signed_in("hugo@kreditor.test", Role::Finance).await;
    assert_eq!(session_rows(&app).await, 1);
    let res = app.post_form("/api/logout", &[]).await;
    assert!(res.status.is_success(), "{res:?}");
    assert_eq!(session_rows(&app).await, 0);
    assert_eq!(app.get("/").await.location(), Some("/login"));
    assert_eq!(
        app.get("/api/load_dashboard").await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn session_rows(app: &TestApp) -> i64 {
    use app::kdb::{KdbError, ScopedFutureExt};
    use app::schema::web_sessions;
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    app.kdb()
        .read_primary(|conn| {
            async move {
                Ok::<_, KdbError>(
                    web_sessions::table
                        .filter(web_sessions::data.has_key("staff"))
                        .count()
                        .get_result(conn)
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_read_the_audit_log_with_filters() {
    let app = TestApp::new().await;
    app.signed_in("ida@kreditor.test", Role::Admin).await;
    app.post_form("/api/advance_clock", &[("days", "2")]).await;
    let all = app.get("/api/audit_log").await;
    assert_eq!(all.status, StatusCode::OK, "{all:?}");
    assert!(all.body.contains("ktime.advance") && all.body.contains("staff.login"));
    let filtered = app.get("/api/audit_log?action=ktime.").await;
    assert!(
        filtered.body.contains("ktime.advance") && !filtered.body.contains("staff.login"),
        "{}",
        filtered.body
    );
    let page = app.get("/audit?action=ktime.").await;
    assert!(
        page.body.contains("data-code=\"ktime.advance\"")
            && page.body.contains("Affärsklockan flyttad framåt")
            && !page.body.contains("<code>ktime.advance</code>"),
        "{}",
        page.body
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_chosen_language_is_kept_for_the_user() {
    let app = TestApp::new().await;
    let password = app.staff("jon@kreditor.test", Role::Support).await;
    app.login("jon@kreditor.test", &password).await;
    let res = app.post_form("/api/set_language", &[("lang", "en")]).await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    assert_eq!(audit_count(app.kdb(), "staff.set_language").await, 1);
    app.post_form("/api/logout", &[]).await;
    // A new browser (no session, Swedish by default) gets the user's language back at login.
    app.forget_cookies();
    assert!(app.get("/login").await.body.contains("lang=\"sv\""));
    app.login("jon@kreditor.test", &password).await;
    let page = app.get("/").await;
    assert!(
        page.body.contains("lang=\"en\"") && page.body.contains("Dashboard"),
        "{}",
        page.body
    );
    // An unknown language is a named validation error.
    let bad = app.post_form("/api/set_language", &[("lang", "xx")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("ERR_UNKNOWN_LANGUAGE") && bad.body.contains("lang"),
        "{}",
        bad.body
    );
}

/// The session-id part of a signed `kreditor_session` cookie (the cookie crate puts the
/// 44-character base64 signature first).
fn session_id_of(cookie: &str) -> String {
    cookie[44..].to_string()
}

/// The `id` column of every session row.
async fn session_keys(app: &TestApp) -> Vec<String> {
    use app::kdb::{KdbError, ScopedFutureExt};
    use app::schema::web_sessions;
    use diesel::QueryDsl;
    app.kdb()
        .read_primary(|conn| {
            async move {
                Ok::<_, KdbError>(
                    web_sessions::table
                        .select(web_sessions::id)
                        .load::<String>(conn)
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn session_ids_are_stored_hashed() {
    use sha2::{Digest, Sha256};
    let app = TestApp::new().await;
    app.signed_in("kim@kreditor.test", Role::Support).await;
    let id = session_id_of(&app.cookie("kreditor_session").expect("session cookie"));
    let keys = session_keys(&app).await;
    let hashed: String = Sha256::digest(id.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(keys, vec![hashed], "cookie id {id}");
    assert!(!keys.contains(&id));
    // The hashed row still finds the session.
    assert_eq!(app.get("/api/load_dashboard").await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_csrf_token_is_bound_to_the_session_and_rotated_at_login() {
    let app = TestApp::new().await;
    let password = app.staff("lea@kreditor.test", Role::Admin).await;
    app.get("/login").await;
    let before = app.cookie("kreditor_csrf").expect("token before login");
    let res = app.login("lea@kreditor.test", &password).await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let after = app.cookie("kreditor_csrf").expect("token after login");
    assert_ne!(before, after, "login must rotate the CSRF token");
    // The pre-login token, even sent as a matching cookie + field pair, is now refused…
    let stale = server::router::build(app.state.clone())
        .oneshot(
            Request::post("/api/advance_clock")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::HOST, "127.0.0.1:3000")
                .header(
                    header::COOKIE,
                    format!(
                        "kreditor_session={}; kreditor_csrf={before}",
                        app.cookie("kreditor_session").unwrap()
                    ),
                )
                .body(Body::from(format!("days=1&csrf_token={before}")))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::FORBIDDEN);
    assert_eq!(audit_count(app.kdb(), "ktime.advance").await, 0);
    // …the session's own token works, and the page's forms carry it.
    let page = app.get("/").await;
    assert!(
        page.body.contains(&after),
        "forms carry the session's token"
    );
    let ok = app.post_form("/api/advance_clock", &[("days", "1")]).await;
    assert_eq!(ok.status, StatusCode::OK, "{ok:?}");
    assert_eq!(audit_count(app.kdb(), "ktime.advance").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn over_https_the_cookies_carry_the_host_prefix() {
    let app = TestApp::with(|c| c.cookie_secure = true).await;
    let password = app.staff("max@kreditor.test", Role::Support).await;
    let page = app.get("/login").await;
    let set: Vec<String> = page
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let csrf = set
        .iter()
        .find(|c| c.starts_with("__Host-kreditor_csrf="))
        .unwrap_or_else(|| panic!("{set:?}"));
    assert!(csrf.contains("Secure") && csrf.contains("Path=/") && !csrf.contains("Domain"));
    let res = login_from(&app, [198, 51, 100, 1], "max@kreditor.test", &password).await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let session = res
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("__Host-kreditor_session="))
        .unwrap_or_else(|| panic!("{:?}", res.headers));
    assert!(session.contains("Secure") && session.contains("Path=/"));
    assert!(!session.contains("Domain"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_audit_log_refuses_update_delete_and_truncate() {
    use app::kdb::{KdbError, ScopedFutureExt};
    let app = TestApp::new().await;
    app.signed_in("ola@kreditor.test", Role::Admin).await;
    let rows = audit_count(app.kdb(), "staff.login").await;
    assert_eq!(rows, 1);
    for sql in [
        "UPDATE audit_log SET actor_label = 'someone else'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ] {
        let res = app
            .kdb()
            .write(|c| {
                async move {
                    diesel::sql_query(sql).execute(c).await?;
                    Ok::<_, KdbError>(())
                }
                .scope_boxed()
            })
            .await;
        let err = res.expect_err(sql).to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(audit_count(app.kdb(), "staff.login").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn only_finance_and_admin_take_the_books_out_a_bounded_period_at_a_time_audited() {
    let app = TestApp::new().await;
    app.signed_in("per@kreditor.test", Role::Support).await;
    let sie = app
        .get("/bookkeeping/sie?from=2026-01-01&to=2026-01-31")
        .await;
    assert_eq!(sie.status, StatusCode::FORBIDDEN);
    let journal = app.get("/api/ledger_journal").await;
    assert_eq!(journal.status, StatusCode::FORBIDDEN, "{journal:?}");
    app.post_form("/api/logout", &[]).await;

    app.signed_in("fia@kreditor.test", Role::Finance).await;
    assert_eq!(app.get("/api/ledger_journal").await.status, StatusCode::OK);
    let too_long = app
        .get("/bookkeeping/sie?from=2025-01-01&to=2026-06-30")
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_long.body.contains("366"), "{}", too_long.body);
    assert_eq!(audit_count(app.kdb(), "ledger.sie_export").await, 0);
    let ok = app
        .get("/bookkeeping/sie?from=2026-01-01&to=2026-12-31")
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{ok:?}");
    assert_eq!(audit_count(app.kdb(), "ledger.sie_export").await, 1);
    let rows = audit_texts(&app).await;
    assert!(
        rows.iter()
            .any(|r| r.starts_with("ledger.sie_export") && r.contains("2026-12-31")),
        "{rows:?}"
    );
}
