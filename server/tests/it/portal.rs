//! The merchant portal through the real router and database: merchant user login (with and
//! without JavaScript), lockout, the separation of staff and merchant sessions, and API keys
//! (shown once, stored hashed, owners only, never another merchant's).

use crate::common::{audit_count, TestApp, TestResponse};
use app::auth::Role;
use app::kdb::{Ctx, KdbError, ScopedFutureExt};
use app::merchants::{credentials, store, MerchantForm};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use diesel::sql_types::{BigInt, Text};
use diesel_async::RunQueryDsl;

/// Registers a merchant directly in the database.
async fn merchant(app: &TestApp, name: &str, org_nr: &str) -> uuid::Uuid {
    let form = MerchantForm::parse(name, org_nr, "SE", "SEK", "info@shop.test", "").unwrap();
    let id = uuid::Uuid::new_v4();
    let (form, ctx) = (&form, &Ctx::system("test"));
    app.kdb()
        .write(|c| async move { store::create(c, ctx, id, form).await }.scope_boxed())
        .await
        .expect("create merchant");
    id
}

/// Creates a portal user; returns the generated password.
async fn portal_user(app: &TestApp, merchant: uuid::Uuid, email: &str, role: &str) -> String {
    let (_, password) = app::merchants::users::create_with_password(
        app.kdb(),
        &Ctx::system("test"),
        merchant,
        email,
        role,
    )
    .await
    .expect("create merchant user");
    password
}

/// Signs in the way the hydrated login page does (fetch).
async fn portal_login(app: &TestApp, email: &str, password: &str) -> TestResponse {
    app.post_form(
        "/api/portal_login",
        &[("email", email), ("password", password)],
    )
    .await
}

/// A merchant with an owner who is signed in; returns the merchant id.
async fn signed_in_owner(app: &TestApp, email: &str) -> uuid::Uuid {
    let m = merchant(app, "Cykelbutiken i Lund AB", "556111-2222").await;
    let password = portal_user(app, m, email, "owner").await;
    let res = portal_login(app, email, &password).await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    m
}

/// A plain HTML form post (JavaScript off) from the page at `from`, with the CSRF field.
async fn plain_post(
    app: &TestApp,
    path: &str,
    from: &str,
    fields: &[(&str, &str)],
) -> TestResponse {
    if app.cookie("kreditor_csrf").is_none() {
        app.get("/portal/login").await;
    }
    let token = app.cookie("kreditor_csrf").expect("csrf cookie");
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .append_pair("csrf_token", &token)
        .finish();
    let req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("http://127.0.0.1:3000{from}"))
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

/// The text between `data-testid="{id}">` and the next `<`.
fn testid_text(html: &str, id: &str) -> Option<String> {
    let marker = format!("data-testid=\"{id}\">");
    let start = html.find(&marker)? + marker.len();
    let rest = &html[start..];
    Some(rest[..rest.find('<')?].to_string())
}

/// Rows of `merchant_api_keys` whose JSON form contains `text` anywhere.
async fn key_rows_containing(app: &TestApp, text: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let text = text.to_string();
    let text = &text;
    app.kdb()
        .read_primary(|c| {
            async move {
                let row: Count = diesel::sql_query(
                    "SELECT count(*) AS n FROM merchant_api_keys k WHERE row_to_json(k)::text LIKE '%' || $1 || '%'",
                )
                .bind::<Text, _>(text)
                .get_result(c)
                .await?;
                Ok::<_, KdbError>(row.n)
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}

/// Session rows whose data contains `text`.
async fn session_rows_containing(app: &TestApp, text: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let text = text.to_string();
    let text = &text;
    app.kdb()
        .read_primary(|c| {
            async move {
                let row: Count = diesel::sql_query(
                    "SELECT count(*) AS n FROM web_sessions WHERE data::text LIKE '%' || $1 || '%'",
                )
                .bind::<Text, _>(text)
                .get_result(c)
                .await?;
                Ok::<_, KdbError>(row.n)
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}

/// Whether the key is revoked.
async fn revoked(app: &TestApp, key_id: &str) -> bool {
    let key_id = key_id.to_string();
    let key_id = &key_id;
    app.kdb()
        .read_primary(|c| {
            async move {
                use app::merchants::schema::merchant_api_keys as k;
                use diesel::QueryDsl;
                let at: Option<chrono::DateTime<chrono::Utc>> =
                    k::table.find(key_id).select(k::revoked_at).first(c).await?;
                Ok::<_, KdbError>(at.is_some())
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_merchant_user_logs_in_without_javascript_and_sees_the_portal() {
    let app = TestApp::new().await;
    for path in ["/portal", "/portal/api-keys"] {
        let res = app.get(path).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(res.location(), Some("/portal/login"), "{path}");
    }
    let page = app.get("/portal/login").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("id=\"portal-login-form\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("action=\"/api/portal_login\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("name=\"csrf_token\""));

    let m = merchant(&app, "Skoaffären i Umeå AB", "556677-8899").await;
    let password = portal_user(&app, m, "olle@skoaffaren.test", "owner").await;
    let before = app.cookie("kreditor_session");
    let res = plain_post(
        &app,
        "/api/portal_login",
        "/portal/login",
        &[("email", "Olle@Skoaffaren.test"), ("password", &password)],
    )
    .await;
    assert_eq!(res.status, StatusCode::FOUND, "{res:?}");
    assert_eq!(res.location(), Some("/portal"));
    let after = app.cookie("kreditor_session").expect("session cookie");
    assert_ne!(before, Some(after), "session id must change at login");
    assert_eq!(audit_count(app.kdb(), "portal.login").await, 1);

    let home = app.get("/portal").await;
    assert_eq!(home.status, StatusCode::OK, "{home:?}");
    assert!(home.body.contains("Skoaffären i Umeå AB"), "{}", home.body);
    assert!(home.body.contains("olle@skoaffaren.test"));
    assert!(home.body.contains("<h1>Ordrar</h1>"), "{}", home.body);
    assert!(home.body.contains("action=\"/api/portal_logout\""));
    // Signed in: the login page sends the user on to the portal.
    assert_eq!(app.get("/portal/login").await.location(), Some("/portal"));
    // The language switch works for merchant users too (kept in the session).
    let en = app.post_form("/api/set_language", &[("lang", "en")]).await;
    assert_eq!(en.status, StatusCode::OK, "{en:?}");
    let home = app.get("/portal").await;
    assert!(
        home.body.contains("lang=\"en\"") && home.body.contains("<h1>Orders</h1>"),
        "{}",
        home.body
    );
    assert_eq!(audit_count(app.kdb(), "staff.set_language").await, 0);

    // Logging out (a plain form too) ends the session.
    let out = plain_post(&app, "/api/portal_logout", "/portal", &[]).await;
    assert_eq!(out.status, StatusCode::FOUND, "{out:?}");
    assert_eq!(out.location(), Some("/portal/login"));
    assert_eq!(app.get("/portal").await.location(), Some("/portal/login"));
    assert_eq!(
        app.get("/api/portal_me").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_passwords_are_refused_and_shown_on_the_plain_form() {
    let app = TestApp::new().await;
    let m = merchant(&app, "Tebutiken AB", "556222-3333").await;
    portal_user(&app, m, "tea@tebutiken.test", "owner").await;

    let res = portal_login(&app, "tea@tebutiken.test", "not the password").await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(res.body.contains("WrongCredentials"), "{}", res.body);
    let unknown = portal_login(&app, "nobody@tebutiken.test", "whatever-password").await;
    assert_eq!(
        unknown.status,
        StatusCode::UNAUTHORIZED,
        "unknown users look the same"
    );
    assert_eq!(unknown.body, res.body);
    assert_eq!(audit_count(app.kdb(), "portal.login_failed").await, 1);

    let res = plain_post(
        &app,
        "/api/portal_login",
        "/portal/login",
        &[("email", "tea@tebutiken.test"), ("password", "wrong-again")],
    )
    .await;
    assert_eq!(res.status, StatusCode::FOUND);
    let back = res.location().unwrap().to_string();
    assert!(back.contains("__err"), "{back}");
    let path = back.trim_start_matches("http://127.0.0.1:3000");
    assert!(path.starts_with("/portal/login"), "{path}");
    let page = app.get(path).await;
    assert!(
        page.body.contains("Fel e-postadress eller lösenord."),
        "{}",
        page.body
    );
    assert_eq!(app.get("/portal").await.location(), Some("/portal/login"));
}

#[tokio::test(flavor = "multi_thread")]
async fn repeated_failures_delay_the_address_with_the_staff_logins_rules() {
    let app = TestApp::with(|c| c.auth.free_failures = 2).await;
    let m = merchant(&app, "Lampan AB", "556333-4444").await;
    let password = portal_user(&app, m, "lisa@lampan.test", "staff").await;
    for _ in 0..3 {
        let res = portal_login(&app, "lisa@lampan.test", "wrong-wrong-wrong").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    let fourth = portal_login(&app, "lisa@lampan.test", &password).await;
    assert_eq!(fourth.status, StatusCode::TOO_MANY_REQUESTS, "{fourth:?}");
    assert!(fourth.body.contains("TooManyAttempts"));
    let unknown = portal_login(&app, "nobody@lampan.test", "wrong-wrong-wrong").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(audit_count(app.kdb(), "portal.login_failed").await, 3);
    assert_eq!(audit_count(app.kdb(), "portal.login_unknown").await, 1);
    assert_eq!(app.get("/portal").await.location(), Some("/portal/login"));
}

#[tokio::test(flavor = "multi_thread")]
async fn each_login_clears_both_kinds_of_user_from_the_session() {
    // A merchant user signed in, then a staff login in the same browser: the portal is closed.
    let app = TestApp::new().await;
    signed_in_owner(&app, "owner@cykel.test").await;
    assert_eq!(app.get("/portal").await.status, StatusCode::OK);
    app.signed_in("anna@kreditor.test", Role::Admin).await;
    assert_eq!(app.get("/").await.status, StatusCode::OK);
    assert_eq!(app.get("/portal").await.location(), Some("/portal/login"));
    assert_eq!(
        app.get("/api/portal_me").await.status,
        StatusCode::UNAUTHORIZED
    );

    // The other way round: a staff user signed in, then a portal login.
    let app = TestApp::new().await;
    app.signed_in("bo@kreditor.test", Role::Admin).await;
    signed_in_owner(&app, "owner@cykel.test").await;
    assert_eq!(app.get("/portal").await.status, StatusCode::OK);
    assert_eq!(app.get("/").await.location(), Some("/login"));
    assert_eq!(
        app.get("/api/load_dashboard").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_and_merchant_sessions_never_open_each_others_pages() {
    // A staff session is no merchant session…
    let app = TestApp::new().await;
    app.signed_in("anna@kreditor.test", Role::Admin).await;
    assert_eq!(app.get("/merchants").await.status, StatusCode::OK);
    for path in ["/portal", "/portal/api-keys"] {
        assert_eq!(
            app.get(path).await.location(),
            Some("/portal/login"),
            "{path}"
        );
    }
    assert_eq!(app.get("/portal/login").await.status, StatusCode::OK);
    assert_eq!(
        app.get("/api/portal_me").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/portal_api_keys").await.status,
        StatusCode::UNAUTHORIZED
    );
    let create = app
        .post_form("/api/portal_api_keys_create", &[("label", "sneaky")])
        .await;
    assert_eq!(create.status, StatusCode::UNAUTHORIZED);

    // …and a merchant session is no staff session.
    let app = TestApp::new().await;
    signed_in_owner(&app, "owner@cykel.test").await;
    assert_eq!(app.get("/portal").await.status, StatusCode::OK);
    for path in ["/", "/customers", "/merchants", "/audit", "/bookkeeping"] {
        assert_eq!(app.get(path).await.location(), Some("/login"), "{path}");
    }
    assert_eq!(
        app.get("/api/merchants_search").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/load_dashboard").await.status,
        StatusCode::UNAUTHORIZED
    );
    // Signing in as staff in the same browser does not need the portal's login either way.
    assert_eq!(app.get("/login").await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread")]
async fn owners_create_a_key_shown_once_stored_hashed_and_revoke_it() {
    let app = TestApp::new().await;
    let m = signed_in_owner(&app, "owner@cykel.test").await;

    // With JavaScript: the action answers with the secret.
    let res = app
        .post_form("/api/portal_api_keys_create", &[("label", "Webshop")])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let new: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let key_id = new["key_id"].as_str().unwrap().to_string();
    let secret = new["secret"].as_str().unwrap().to_string();
    assert!(key_id.starts_with("kk_") && secret.starts_with("ks_"));
    assert_eq!(key_rows_containing(&app, &key_id).await, 1);
    assert_eq!(
        key_rows_containing(&app, &secret).await,
        0,
        "secret stored in clear"
    );
    assert_eq!(
        key_rows_containing(&app, &credentials::hash_secret(&secret)).await,
        1
    );
    assert_eq!(session_rows_containing(&app, &secret).await, 0);
    let authenticated = app
        .kdb()
        .write(|c| {
            let (key_id, secret) = (key_id.clone(), secret.clone());
            async move { credentials::authenticate(c, &key_id, &secret).await }.scope_boxed()
        })
        .await
        .unwrap();
    assert_eq!(authenticated, Some(m));
    let page = app.get("/portal/api-keys").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&key_id) && page.body.contains("Webshop"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains(&secret),
        "the secret is shown only once"
    );

    // Without JavaScript: the secret is handed to the next page once, then forgotten.
    let res = plain_post(
        &app,
        "/api/portal_api_keys_create",
        "/portal/api-keys",
        &[("label", "Kassasystem")],
    )
    .await;
    assert_eq!(res.status, StatusCode::FOUND, "{res:?}");
    assert_eq!(res.location(), Some("/portal/api-keys"));
    // Between the post and the page the secret is parked nowhere on the server: the session
    // row holds a one-time pad, the browser's cookie the other half.
    assert_eq!(
        session_rows_containing(&app, "ks_").await,
        0,
        "secret parked in the session"
    );
    assert!(app.cookie("kreditor_new_api_key").is_some());
    let page = app.get("/portal/api-keys").await;
    let shown = testid_text(&page.body, "new-key-secret").expect("secret on the page");
    let shown_id = testid_text(&page.body, "new-key-id").unwrap();
    assert!(shown.starts_with("ks_"), "{shown}");
    assert!(
        page.body.contains("Kopiera hemligheten nu"),
        "{}",
        page.body
    );
    assert_eq!(key_rows_containing(&app, &shown).await, 0);
    let again = app.get("/portal/api-keys").await;
    assert!(again.body.contains(&shown_id));
    assert!(!again.body.contains(&shown), "shown a second time");
    assert_eq!(session_rows_containing(&app, &shown).await, 0);
    assert_eq!(audit_count(app.kdb(), "merchant.api_key_create").await, 2);

    // Revoking: a confirmation step first, then the form.
    let confirm = app.get(&format!("/portal/api-keys?revoke={key_id}")).await;
    assert!(
        confirm.body.contains("data-testid=\"confirm-revoke\"")
            && confirm.body.contains(&format!("value=\"{key_id}\"")),
        "{}",
        confirm.body
    );
    let res = app
        .post_form(
            "/api/portal_api_keys_revoke",
            &[("key_id", &key_id), ("confirmed", "1")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    assert!(revoked(&app, &key_id).await);
    assert!(!revoked(&app, &shown_id).await);
    // Idempotent for one's own key.
    let res = app
        .post_form(
            "/api/portal_api_keys_revoke",
            &[("key_id", &key_id), ("confirmed", "1")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    assert_eq!(audit_count(app.kdb(), "merchant.api_key_revoke").await, 1);
    let actor = audit_actor(&app, "merchant.api_key_revoke").await;
    assert_eq!(actor.0, "merchant");
    assert!(actor.1.starts_with("merchant-user:"), "{actor:?}");
    assert_eq!(actor.2, "owner@cykel.test");

    // No JavaScript: revoking from the confirmation page lands back on the list.
    let res = plain_post(
        &app,
        "/api/portal_api_keys_revoke",
        &format!("/portal/api-keys?revoke={shown_id}"),
        &[("key_id", &shown_id), ("confirmed", "1")],
    )
    .await;
    assert_eq!(res.status, StatusCode::FOUND, "{res:?}");
    assert_eq!(res.location(), Some("/portal/api-keys?done=key-revoked"));
    assert!(revoked(&app, &shown_id).await);

    let empty = app
        .post_form("/api/portal_api_keys_create", &[("label", "  ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("ERR_REQUIRED") && empty.body.contains("label"));
}

/// (kind, id, label) of the newest audit row with `action`.
async fn audit_actor(app: &TestApp, action: &str) -> (String, String, String) {
    let action = action.to_string();
    let action = &action;
    app.kdb()
        .read_primary(|c| {
            async move {
                use app::schema::audit_log as a;
                use diesel::{ExpressionMethods, QueryDsl};
                Ok::<_, KdbError>(
                    a::table
                        .filter(a::action.eq(action))
                        .order(a::id.desc())
                        .select((a::actor_kind, a::actor_id, a::actor_label))
                        .first(c)
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}

/// Creates a key for `merchant` directly (as staff would); returns its id.
async fn key_for(app: &TestApp, merchant: uuid::Uuid, label: &str) -> String {
    let (key_id, secret) = credentials::generate();
    let (k, s, ctx) = (&key_id, &secret, &Ctx::system("test"));
    app.kdb()
        .write(|c| {
            async move { credentials::create(c, ctx, merchant, label, k, s).await }.scope_boxed()
        })
        .await
        .unwrap();
    key_id
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_role_merchant_users_cannot_manage_keys() {
    let app = TestApp::new().await;
    let m = merchant(&app, "Bokhandeln AB", "556444-5555").await;
    let key = key_for(&app, m, "Lager").await;
    let password = portal_user(&app, m, "sam@bokhandeln.test", "staff").await;
    assert_eq!(
        portal_login(&app, "sam@bokhandeln.test", &password)
            .await
            .status,
        StatusCode::OK
    );
    // They may look…
    let page = app.get("/portal/api-keys").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&key), "{}", page.body);
    assert!(page.body.contains("data-testid=\"portal-owner-only\""));
    assert!(!page.body.contains("id=\"portal-create-key\""));
    assert!(!page.body.contains("data-testid=\"revoke-link\""));
    // …but not change.
    let create = app
        .post_form("/api/portal_api_keys_create", &[("label", "Mine")])
        .await;
    assert_eq!(create.status, StatusCode::FORBIDDEN, "{create:?}");
    let revoke = app
        .post_form(
            "/api/portal_api_keys_revoke",
            &[("key_id", &key), ("confirmed", "1")],
        )
        .await;
    assert_eq!(revoke.status, StatusCode::FORBIDDEN, "{revoke:?}");
    assert!(!revoked(&app, &key).await);
    assert_eq!(audit_count(app.kdb(), "merchant.api_key_create").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn merchants_never_see_or_revoke_each_others_keys() {
    let app = TestApp::new().await;
    let other = merchant(&app, "Konkurrenten AB", "556555-6666").await;
    let theirs = key_for(&app, other, "Their shop").await;
    signed_in_owner(&app, "owner@cykel.test").await;
    let mine = app
        .post_form("/api/portal_api_keys_create", &[("label", "Mine")])
        .await;
    assert_eq!(mine.status, StatusCode::OK);

    let list = app.get("/api/portal_api_keys").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Mine"), "{}", list.body);
    assert!(!list.body.contains(&theirs) && !list.body.contains("Their shop"));
    let page = app.get("/portal/api-keys").await;
    assert!(!page.body.contains(&theirs));

    // Revoking their key looks exactly like revoking a key that does not exist.
    let foreign = app
        .post_form(
            "/api/portal_api_keys_revoke",
            &[("key_id", &theirs), ("confirmed", "1")],
        )
        .await;
    let missing = app
        .post_form(
            "/api/portal_api_keys_revoke",
            &[("key_id", "kk_0000000000000000"), ("confirmed", "1")],
        )
        .await;
    assert_eq!(
        foreign.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{foreign:?}"
    );
    assert!(foreign.body.contains("ERR_NOT_FOUND"), "{}", foreign.body);
    assert_eq!(foreign.status, missing.status);
    assert_eq!(foreign.body, missing.body);
    assert!(!revoked(&app, &theirs).await);
    assert_eq!(audit_count(app.kdb(), "merchant.api_key_revoke").await, 0);
    // The confirmation step does not show it either.
    let confirm = app.get(&format!("/portal/api-keys?revoke={theirs}")).await;
    assert!(!confirm.body.contains(&theirs[3..]), "{}", confirm.body);
    assert!(!confirm.body.contains("data-testid=\"confirm-revoke\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_merchant_owner_gets_a_fresh_working_password_at_each_start() {
    let app = TestApp::new().await;
    let m = merchant(&app, "Demobutiken AB", "556677-0001").await;
    let first = server::demo::ensure_demo_merchant_owner(app.kdb(), m)
        .await
        .unwrap();
    let second = server::demo::ensure_demo_merchant_owner(app.kdb(), m)
        .await
        .unwrap();
    assert_ne!(first, second);
    let owner = server::demo::DEMO_MERCHANT_OWNER;
    let res = portal_login(&app, owner, &first).await;
    assert!(!res.status.is_success(), "the old password no longer works");
    app.forget_cookies();
    let res = portal_login(&app, owner, &second).await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let home = app.get("/portal").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Demobutiken AB"), "{}", home.body);
    assert_eq!(audit_count(app.kdb(), "merchant.user_create").await, 1);
    assert_eq!(
        audit_count(app.kdb(), "merchant.user_reset_password").await,
        1
    );
}
