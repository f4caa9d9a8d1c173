//! Staff login, lockout, roles, CSRF, session expiry and logout, through the real router.

use std::time::Duration;

use crate::common::{audit_count, TestApp};
use app::auth::Role;
use axum::http::StatusCode;

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

#[tokio::test(flavor = "multi_thread")]
async fn repeated_failures_lock_the_account() {
    let app = TestApp::with(|c| c.auth.max_failed_logins = 3).await;
    let password = app.staff("cia@kreditor.test", Role::Finance).await;
    for _ in 0..2 {
        assert_eq!(
            app.login("cia@kreditor.test", "wrong-wrong-wrong")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
    let third = app.login("cia@kreditor.test", "wrong-wrong-wrong").await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS, "{third:?}");
    assert!(third.body.contains("AccountLocked"));
    // Even the right password is refused while locked.
    let right = app.login("cia@kreditor.test", &password).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(audit_count(app.kdb(), "staff.locked").await, 1);
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
        page.body.contains("<code>ktime.advance</code>"),
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
