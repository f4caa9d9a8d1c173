//! The UI kit's steps (`app::ui::{confirm, flash, form}`) through plain HTTP, as a browser
//! without JavaScript uses them: an action that cannot be undone (cancel, release, revoke a
//! key, close a day) posted without its confirmation changes nothing and leads to the
//! confirmation page, which names what will happen; the confirmed post does the work once;
//! each action lands on a page that shows its success message once (`role="status"`); and a
//! form whose post failed comes back with what was typed and the field's error.

use crate::common::orders::{order, Shop};
use crate::common::{audit_count, testid_text, TestApp, TestResponse};
use app::auth::Role;
use app::ktime::Country;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

/// How many success messages `page` shows.
fn flashes(page: &str) -> usize {
    page.matches("data-testid=\"flash\"").count()
}

/// The value of the first hidden field `name` on `page`.
fn hidden(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page.find(&marker)? + marker.len();
    let rest = &page[at..];
    Some(rest[..rest.find('"')?].to_string())
}

/// A redirect's target as a local path.
fn target(res: &TestResponse) -> String {
    assert_eq!(res.status, StatusCode::FOUND, "{res:?}");
    res.location()
        .expect("location")
        .trim_start_matches("http://127.0.0.1:3000")
        .to_string()
}

/// A form posted from the page at `from` by a browser without JavaScript (CSRF field in it).
async fn plain_post(
    app: &TestApp,
    path: &str,
    from: &str,
    fields: &[(&str, &str)],
) -> TestResponse {
    if app.cookie("kreditor_csrf").is_none() {
        app.get("/login").await;
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

#[tokio::test(flavor = "multi_thread")]
async fn cancelling_an_order_needs_its_confirmation_and_then_says_it_is_done() {
    let shop = Shop::new().await;
    let id = shop
        .create(&shop.a, &order("A-7007", "kund@example.se"))
        .await;
    shop.sign_in(&shop.a, "owner@butik-a.test").await;
    let app = &shop.app;
    let page_path = format!("/portal/orders/{id}");
    let page = app.get(&page_path).await.body;
    let token = hidden(&page, "form_token").expect("form token");
    // The page's "cancel" is only a way to the confirmation step.
    assert!(
        page.contains(&format!("href=\"{page_path}?confirm=cancel\"")),
        "{page}"
    );

    // A cancel posted without the confirmation (an old page, a hand-made post) does nothing
    // and shows the confirmation page.
    let res = plain_post(
        app,
        "/api/portal_order_cancel",
        &page_path,
        &[("order_id", &id), ("form_token", &token)],
    )
    .await;
    let step_path = target(&res);
    assert_eq!(step_path, format!("{page_path}?confirm=cancel"));
    assert_eq!(audit_count(app.kdb(), "order.cancel").await, 0);
    let step = app.get(&step_path).await.body;
    assert!(step.contains("data-testid=\"confirm-step\""), "{step}");
    assert!(step.contains("Makulera den här ordern?"), "{step}");
    assert!(step.contains("A-7007"), "the order's reference: {step}");
    assert!(
        step.contains("1\u{a0}250,00\u{a0}kr"),
        "the amount released: {step}"
    );
    assert!(step.contains("name=\"confirmed\" value=\"1\""), "{step}");
    assert!(step.contains("data-testid=\"confirm-back\""), "{step}");
    assert_eq!(
        testid_text(&step, "order-status").as_deref(),
        Some("Beviljad")
    );
    // The hydrated page's post without the confirmation does nothing either.
    let js = app
        .post_form(
            "/api/portal_order_cancel",
            &[("order_id", &id), ("form_token", &token)],
        )
        .await;
    assert_eq!(js.status, StatusCode::OK, "{js:?}");
    assert_eq!(audit_count(app.kdb(), "order.cancel").await, 0);

    // Confirmed, twice (a double click): cancelled once; each answer shows the message once.
    let token = hidden(&step, "form_token").expect("the step's form token");
    for _ in 0..2 {
        let res = plain_post(
            app,
            "/api/portal_order_cancel",
            &step_path,
            &[
                ("order_id", &id),
                ("form_token", &token),
                ("confirmed", "1"),
            ],
        )
        .await;
        let done = target(&res);
        assert_eq!(done, format!("{page_path}?done=order-cancelled"));
        let shown = app.get(&done).await.body;
        assert_eq!(flashes(&shown), 1, "{shown}");
        assert!(
            shown.contains("role=\"status\" data-testid=\"flash\""),
            "{shown}"
        );
        assert_eq!(
            testid_text(&shown, "flash").as_deref(),
            Some("Ordern är makulerad.")
        );
        assert_eq!(
            testid_text(&shown, "order-status").as_deref(),
            Some("Makulerad")
        );
    }
    assert_eq!(audit_count(app.kdb(), "order.cancel").await, 1);
    // The message belongs to that answer: the order page on its own shows none.
    assert_eq!(flashes(&app.get(&page_path).await.body), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn capture_and_release_say_they_are_done_and_a_failed_capture_keeps_what_was_typed() {
    let shop = Shop::new().await;
    let id = shop
        .create(&shop.a, &order("A-8008", "kund@example.se"))
        .await;
    shop.sign_in(&shop.a, "owner@butik-a.test").await;
    let app = &shop.app;
    let page_path = format!("/portal/orders/{id}");
    let token = hidden(&app.get(&page_path).await.body, "form_token").unwrap();

    // A capture whose amount is not a number: back with the typed amount and reference and
    // the amount field's error, nothing captured, no success message.
    let res = plain_post(
        app,
        "/api/portal_order_capture",
        &page_path,
        &[
            ("order_id", &id),
            ("amount", "12,5x"),
            ("reference", "PAKET-9"),
            ("form_token", &token),
        ],
    )
    .await;
    let back = target(&res);
    assert!(
        back.starts_with(&page_path) && back.contains("__err"),
        "{back}"
    );
    let page = app.get(&back).await.body;
    assert!(
        page.contains("value=\"12,5x\""),
        "typed amount kept: {page}"
    );
    assert!(
        page.contains("value=\"PAKET-9\""),
        "typed reference kept: {page}"
    );
    assert!(page.contains("data-testid=\"field-error\""), "{page}");
    assert!(page.contains("aria-invalid=\"true\""), "{page}");
    assert_eq!(flashes(&page), 0);
    assert_eq!(audit_count(app.kdb(), "order.capture").await, 0);
    // Kept once: the same address again shows the form as new.
    let again = app.get(&back).await.body;
    assert!(!again.contains("value=\"12,5x\""), "{again}");

    // A capture that works says so.
    let token = hidden(&again, "form_token").unwrap();
    let res = plain_post(
        app,
        "/api/portal_order_capture",
        &back,
        &[
            ("order_id", &id),
            ("amount", "100,00"),
            ("reference", "PAKET-1"),
            ("form_token", &token),
        ],
    )
    .await;
    let done = target(&res);
    assert_eq!(done, format!("{page_path}?done=order-captured"));
    let page = app.get(&done).await.body;
    assert_eq!(flashes(&page), 1, "{page}");
    assert!(
        page.contains("Aktiveringen är gjord och fakturan skapad."),
        "{page}"
    );
    assert_eq!(audit_count(app.kdb(), "order.capture").await, 1);

    // Release: without the confirmation nothing; the step names the amount left.
    let token = hidden(&page, "form_token").unwrap();
    let res = plain_post(
        app,
        "/api/portal_order_release",
        &done,
        &[("order_id", &id), ("form_token", &token)],
    )
    .await;
    let step_path = target(&res);
    assert_eq!(step_path, format!("{page_path}?confirm=release"));
    assert_eq!(audit_count(app.kdb(), "order.release_remaining").await, 0);
    let step = app.get(&step_path).await.body;
    assert!(
        step.contains("Släppa den återstående reservationen?"),
        "{step}"
    );
    assert!(
        step.contains("1\u{a0}150,00\u{a0}kr"),
        "what is released: {step}"
    );
    let token = hidden(&step, "form_token").unwrap();
    let res = plain_post(
        app,
        "/api/portal_order_release",
        &step_path,
        &[
            ("order_id", &id),
            ("form_token", &token),
            ("confirmed", "1"),
        ],
    )
    .await;
    let done = target(&res);
    assert_eq!(done, format!("{page_path}?done=order-released"));
    let page = app.get(&done).await.body;
    assert_eq!(flashes(&page), 1, "{page}");
    assert!(
        page.contains("Den återstående reservationen är släppt."),
        "{page}"
    );
    assert_eq!(audit_count(app.kdb(), "order.release_remaining").await, 1);
    // An error after a success: the old success flag in the address is not shown beside it.
    let token = hidden(&page, "form_token").unwrap_or_default();
    let res = plain_post(
        app,
        "/api/portal_order_refund",
        &done,
        &[
            ("order_id", &id),
            ("amount", "5000,00"),
            ("reference", ""),
            ("form_token", &token),
        ],
    )
    .await;
    let page = app.get(&target(&res)).await.body;
    assert_eq!(flashes(&page), 0, "{page}");
    assert!(page.contains("value=\"5000,00\""), "{page}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_portal_key_is_revoked_only_after_its_confirmation() {
    let shop = Shop::new().await;
    shop.sign_in(&shop.a, "owner@butik-a.test").await;
    let app = &shop.app;
    let created = app
        .post_form("/api/portal_api_keys_create", &[("label", "Kassan")])
        .await;
    assert_eq!(created.status, StatusCode::OK, "{created:?}");
    let key: serde_json::Value = serde_json::from_str(&created.body).unwrap();
    let key_id = key["key_id"].as_str().unwrap().to_string();

    let res = plain_post(
        app,
        "/api/portal_api_keys_revoke",
        "/portal/api-keys",
        &[("key_id", &key_id)],
    )
    .await;
    assert_eq!(target(&res), format!("/portal/api-keys?revoke={key_id}"));
    assert_eq!(audit_count(app.kdb(), "merchant.api_key_revoke").await, 0);
    let step = app.get(&target(&res)).await.body;
    assert!(step.contains("data-testid=\"confirm-revoke\""), "{step}");
    assert!(step.contains("Kassan"), "the key's name: {step}");

    let res = plain_post(
        app,
        "/api/portal_api_keys_revoke",
        &format!("/portal/api-keys?revoke={key_id}"),
        &[("key_id", &key_id), ("confirmed", "1")],
    )
    .await;
    let done = target(&res);
    assert_eq!(done, "/portal/api-keys?done=key-revoked");
    let page = app.get(&done).await.body;
    assert_eq!(flashes(&page), 1, "{page}");
    assert!(page.contains("API-nyckeln är spärrad."), "{page}");
    assert!(!page.contains("data-testid=\"confirm-revoke\""), "{page}");
    assert_eq!(audit_count(app.kdb(), "merchant.api_key_revoke").await, 1);

    // A label that is too long comes back as typed, with its error, and makes no key.
    let keys_made = audit_count(app.kdb(), "merchant.api_key_create").await;
    let long = "Kassa ".repeat(20);
    let res = plain_post(
        app,
        "/api/portal_api_keys_create",
        "/portal/api-keys",
        &[("label", &long)],
    )
    .await;
    let page = app.get(&target(&res)).await.body;
    assert!(
        page.contains(&format!("value=\"{long}\"")),
        "typed label kept: {page}"
    );
    assert!(page.contains("data-testid=\"field-error\""), "{page}");
    assert_eq!(
        audit_count(app.kdb(), "merchant.api_key_create").await,
        keys_made
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_actions_confirm_what_cannot_be_undone_and_say_what_was_done() {
    let app = TestApp::new().await;
    app.signed_in("ada@kreditor.test", Role::Admin).await;

    // A registration with a bad organisation number keeps everything typed.
    let form = [
        ("legal_name", "Skoaffären i Umeå AB"),
        ("org_nr", "12"),
        ("country", "SE"),
        ("currency", "SEK"),
        ("contact_email", "ekonomi@skoaffaren.se"),
        ("contact_phone", "090-123 45"),
    ];
    let res = plain_post(&app, "/api/merchants_create", "/merchants", &form).await;
    let page = app.get(&target(&res)).await.body;
    for (_, typed) in &form[..2] {
        assert!(
            page.contains(&format!("value=\"{typed}\"")),
            "{typed}: {page}"
        );
    }
    assert!(page.contains("value=\"ekonomi@skoaffaren.se\""), "{page}");
    assert_eq!(audit_count(app.kdb(), "merchant.create").await, 0);

    // Registered: the merchant page says so.
    let mut good = form;
    good[1] = ("org_nr", "556677-8899");
    let res = plain_post(&app, "/api/merchants_create", "/merchants", &good).await;
    let done = target(&res);
    assert!(
        done.starts_with("/merchants/") && done.ends_with("?done=merchant-created"),
        "{done}"
    );
    let merchant_path = done.split('?').next().unwrap().to_string();
    let page = app.get(&done).await.body;
    assert_eq!(flashes(&page), 1, "{page}");
    assert!(page.contains("Handlaren är registrerad."), "{page}");

    // A key, revoked only after its confirmation step.
    let id = merchant_path.trim_start_matches("/merchants/").to_string();
    let created = app
        .post_form(
            "/api/merchants_create_key",
            &[("id", &id), ("label", "webshop")],
        )
        .await;
    let (key_id, _): (String, String) = serde_json::from_str(&created.body).unwrap();
    let res = plain_post(
        &app,
        "/api/merchants_revoke_key",
        &merchant_path,
        &[("key_id", &key_id)],
    )
    .await;
    let step_path = target(&res);
    assert_eq!(step_path, format!("{merchant_path}?revoke={key_id}"));
    assert_eq!(audit_count(app.kdb(), "merchant.api_key_revoke").await, 0);
    let step = app.get(&step_path).await.body;
    assert!(step.contains("data-testid=\"confirm-revoke\""), "{step}");
    assert!(step.contains("webshop") && step.contains(&key_id), "{step}");
    let res = plain_post(
        &app,
        "/api/merchants_revoke_key",
        &step_path,
        &[("key_id", &key_id), ("confirmed", "1")],
    )
    .await;
    let done = target(&res);
    assert_eq!(done, format!("{merchant_path}?done=key-revoked"));
    let page = app.get(&done).await.body;
    assert_eq!(flashes(&page), 1, "{page}");
    assert!(page.contains("API-nyckeln är spärrad."), "{page}");
    assert_eq!(audit_count(app.kdb(), "merchant.api_key_revoke").await, 1);

    // Closing a day: nothing without the confirmation, then closed once, with the message.
    let s = &app.state.services;
    let today = s.ktime.today(&s.kdb, Country::SE).await.unwrap();
    let yesterday = today.pred_opt().unwrap().to_string();
    let res = plain_post(
        &app,
        "/api/ledger_close_day",
        "/bookkeeping",
        &[("date", &yesterday)],
    )
    .await;
    let step_path = target(&res);
    assert_eq!(step_path, format!("/bookkeeping?close={yesterday}"));
    assert_eq!(audit_count(app.kdb(), "ledger.close").await, 0);
    let step = app.get(&step_path).await.body;
    assert!(step.contains("Stänga dagen?"), "{step}");
    assert!(step.contains(&format!("value=\"{yesterday}\"")), "{step}");
    let res = plain_post(
        &app,
        "/api/ledger_close_day",
        &step_path,
        &[("date", &yesterday), ("confirmed", "1")],
    )
    .await;
    let done = target(&res);
    assert_eq!(done, "/bookkeeping?done=day-closed");
    let page = app.get(&done).await.body;
    assert_eq!(flashes(&page), 1, "{page}");
    assert!(page.contains("Dagen är stängd."), "{page}");
    assert!(!page.contains("Stänga dagen?"), "{page}");
    assert_eq!(audit_count(app.kdb(), "ledger.close").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_login_keeps_the_email_but_never_the_password() {
    let app = TestApp::new().await;
    app.staff("ada@kreditor.test", Role::Admin).await;
    let res = plain_post(
        &app,
        "/api/login",
        "/login",
        &[
            ("email", "ada@kreditor.test"),
            ("password", "fel-lösenord-9"),
        ],
    )
    .await;
    let back = target(&res);
    assert!(back.starts_with("/login?"), "{back}");
    let page = app.get(&back).await.body;
    assert!(page.contains("value=\"ada@kreditor.test\""), "{page}");
    assert!(!page.contains("fel-lösenord-9"), "{page}");
    let res = plain_post(
        &app,
        "/api/portal_login",
        "/portal/login",
        &[("email", "kassa@butik.test"), ("password", "fel")],
    )
    .await;
    let page = app.get(&target(&res)).await.body;
    assert!(page.contains("value=\"kassa@butik.test\""), "{page}");
}
