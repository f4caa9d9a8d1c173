//! The portal's order screens through the real router and database: orders created through
//! the API show in the merchant's list (search by reference, e-mail and id; status and date
//! filters), never in another merchant's, and the order page's plain (no-JavaScript) forms
//! capture, refund, cancel and release with the services' errors shown translated; a form
//! sent twice (its one-time token with it) does its work once.

use crate::common::orders::{order, Shop};
use crate::common::{audit_count, testid_text, TestApp};
use app::kdb::ScopedFutureExt;
use app::ktime::Country;
use axum::http::StatusCode;

/// The portal's order tests' own steps: an order page form posted without JavaScript.
trait Act {
    async fn act(&self, action: &str, order_id: &str, fields: &[(&str, &str)]) -> String;
    async fn form_token(&self, order_id: &str) -> String;
    async fn send_form(
        &self,
        action: &str,
        order_id: &str,
        token: &str,
        fields: &[(&str, &str)],
    ) -> String;
}

impl Act for Shop {
    /// Loads the order page and posts one of its forms without JavaScript (with the page's
    /// one-time token), follows the redirect back and returns the page the browser then shows.
    async fn act(&self, action: &str, order_id: &str, fields: &[(&str, &str)]) -> String {
        let token = self.form_token(order_id).await;
        self.send_form(action, order_id, &token, fields).await
    }

    /// The one-time token of the order page's forms as the page shows it now (a made-up one
    /// when the page shows no form, e.g. another merchant's order).
    async fn form_token(&self, order_id: &str) -> String {
        let page = self
            .app
            .get(&format!("/portal/orders/{order_id}"))
            .await
            .body;
        let marker = "name=\"form_token\" value=\"";
        page.find(marker)
            .map(|at| {
                let rest = &page[at + marker.len()..];
                rest[..rest.find('"').unwrap()].to_string()
            })
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
    }

    /// Posts a form with `token`, follows the redirect back and returns the page shown.
    async fn send_form(
        &self,
        action: &str,
        order_id: &str,
        token: &str,
        fields: &[(&str, &str)],
    ) -> String {
        let page = format!("/portal/orders/{order_id}");
        let mut all = vec![("order_id", order_id), ("form_token", token)];
        all.extend_from_slice(fields);
        let res = self
            .plain_post(&format!("/api/{action}"), &page, &all)
            .await;
        assert_eq!(res.status, StatusCode::FOUND, "{res:?}");
        let back = res
            .location()
            .unwrap()
            .trim_start_matches("http://127.0.0.1:3000")
            .to_string();
        assert!(back.starts_with(&page), "{back}");
        // The page itself may carry the failed load's status (no `Accept: text/html` here).
        self.app.get(&back).await.body
    }
}

/// Whether the list page at `path` shows order `id`.
async fn lists(app: &TestApp, path: &str, id: &str) -> bool {
    let res = app.get(path).await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    res.body.contains(&format!("data-order-id=\"{id}\""))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_list_searches_filters_and_shows_only_the_merchants_own_orders() {
    let shop = Shop::new().await;
    let boots = shop
        .create(&shop.a, &order("A-1001", "kund@example.se"))
        .await;
    let socks = shop
        .create(&shop.a, &order("A-2002", "Annan.Kund@example.se"))
        .await;
    shop.sign_in(&shop.a, "owner@butik-a.test").await;
    let app = &shop.app;

    assert!(lists(app, "/portal", &boots).await);
    assert!(lists(app, "/portal", &socks).await);
    let page = app.get("/portal").await.body;
    assert!(page.contains("1\u{a0}250,00\u{a0}kr"), "{page}");
    assert!(page.contains(&format!("href=\"/portal/orders/{boots}\"")));

    // By reference, by e-mail (any case), by exact order id.
    assert!(lists(app, "/portal?q=a-1001", &boots).await);
    assert!(!lists(app, "/portal?q=a-1001", &socks).await);
    assert!(lists(app, "/portal?q=annan.kund%40EXAMPLE", &socks).await);
    assert!(!lists(app, "/portal?q=annan.kund%40EXAMPLE", &boots).await);
    assert!(lists(app, &format!("/portal?q={socks}"), &socks).await);
    assert!(!lists(app, &format!("/portal?q={socks}"), &boots).await);
    // `%` is matched literally, not as a wildcard.
    let none = app.get("/portal?q=%25").await.body;
    assert!(
        none.contains("data-testid=\"portal-orders-empty\""),
        "{none}"
    );

    // Status and dates.
    assert!(lists(app, "/portal?status=AUTHORIZED", &boots).await);
    assert!(!lists(app, "/portal?status=CAPTURED", &boots).await);
    let today = shop
        .app
        .state
        .services
        .ktime
        .today(app.kdb(), Country::SE)
        .await
        .unwrap();
    let (yesterday, tomorrow) = (today.pred_opt().unwrap(), today.succ_opt().unwrap());
    assert!(lists(app, &format!("/portal?from={today}&to={today}"), &boots).await);
    assert!(!lists(app, &format!("/portal?from={tomorrow}"), &boots).await);
    assert!(!lists(app, &format!("/portal?to={yesterday}"), &boots).await);
    let bad = app.get("/portal?from=28%2F11").await.body;
    assert!(bad.contains("ska vara ett datum"), "{bad}");

    // Capture one and the status filter follows.
    let body = shop
        .act(
            "portal_order_capture",
            &boots,
            &[("amount", "1 250,00"), ("reference", "")],
        )
        .await;
    assert!(body.contains("data-testid=\"invoice-number\""), "{body}");
    assert!(lists(app, "/portal?status=CAPTURED", &boots).await);
    assert!(!lists(app, "/portal?status=CAPTURED", &socks).await);

    // Merchant B sees none of it, and A's order page tells B nothing.
    shop.sign_in(&shop.b, "owner@butik-b.test").await;
    for path in ["/portal", "/portal?q=A-1001", "/portal?status=CAPTURED"] {
        assert!(!lists(app, path, &boots).await, "{path}");
        assert!(!lists(app, path, &socks).await, "{path}");
    }
    let peek = app.get(&format!("/portal/orders/{boots}")).await;
    assert!(peek.body.contains("Ordern finns inte."), "{}", peek.body);
    for secret in ["A-1001", "kund@example.se", "Kängor", "invoice-number"] {
        assert!(
            !peek.body.contains(secret),
            "{secret} leaked: {}",
            peek.body
        );
    }
    let api = app.get(&format!("/api/portal_order?id={boots}")).await;
    assert!(api.status.is_client_error(), "{api:?}");
    assert!(!api.body.contains("A-1001"));
    // B's forms cannot touch A's order either.
    let body = shop
        .act("portal_order_cancel", &socks, &[("confirmed", "1")])
        .await;
    assert!(body.contains("Ordern finns inte."), "{body}");
    assert_eq!(audit_count(app.kdb(), "order.cancel").await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_order_page_captures_refunds_cancels_and_shows_the_errors() {
    let shop = Shop::new().await;
    let id = shop
        .create(&shop.a, &order("A-3003", "kund@example.se"))
        .await;
    let other = shop
        .create(&shop.a, &order("A-4004", "kund@example.se"))
        .await;
    shop.sign_in(&shop.a, "owner@butik-a.test").await;
    let app = &shop.app;

    let page = app.get(&format!("/portal/orders/{id}")).await.body;
    assert_eq!(
        testid_text(&page, "order-status").as_deref(),
        Some("Beviljad")
    );
    assert!(page.contains("Kängor") && page.contains("SKO-1"), "{page}");
    assert!(page.contains("data-testid=\"order-expires\""));
    assert!(page.contains("approve"), "the decision is shown: {page}");
    assert!(page.contains("Order beviljad"), "timeline: {page}");
    assert!(page.contains("action=\"/api/portal_order_capture\""));
    // Cancel leads to its confirmation step first (`ui_steps` tests it).
    assert!(page.contains("?confirm=cancel"), "{page}");

    // A partial capture in Swedish notation creates an invoice shown on the page.
    let page = shop
        .act(
            "portal_order_capture",
            &id,
            &[("amount", "500,00"), ("reference", "PAKET-1")],
        )
        .await;
    assert_eq!(
        testid_text(&page, "order-status").as_deref(),
        Some("Delvis aktiverad")
    );
    assert_eq!(
        testid_text(&page, "order-captured").as_deref(),
        Some("500,00\u{a0}kr")
    );
    assert_eq!(
        testid_text(&page, "order-remaining").as_deref(),
        Some("750,00\u{a0}kr")
    );
    let number = testid_text(&page, "invoice-number").expect("invoice number");
    assert!(number.parse::<i64>().is_ok(), "{number}");
    let ocr = testid_text(&page, "invoice-ocr").expect("ocr");
    assert!(
        !ocr.is_empty() && ocr.chars().all(|c| c.is_ascii_digit()),
        "{ocr}"
    );
    assert!(page.contains("PAKET-1"));
    assert!(page.contains("Aktivering och faktura"), "timeline: {page}");
    // 500 + the demo agreement's 29 kr fee.
    assert_eq!(
        testid_text(&page, "invoice-total").as_deref(),
        Some("529,00\u{a0}kr")
    );
    assert!(
        page.contains("25\u{a0}%: 100,00\u{a0}kr"),
        "VAT per rate: {page}"
    );
    assert_eq!(audit_count(app.kdb(), "order.capture").await, 1);
    let actor = actor_of_last_capture(app).await;
    assert!(actor.starts_with("merchant-user:"), "{actor}");

    // More than remains: refused, nothing captured, the reason shown.
    let page = shop
        .act(
            "portal_order_capture",
            &id,
            &[("amount", "800,00"), ("reference", "")],
        )
        .await;
    assert!(page.contains("Aktiveringen går inte"), "{page}");
    assert_eq!(audit_count(app.kdb(), "order.capture").await, 1);
    // Not an amount at all.
    let page = shop
        .act(
            "portal_order_capture",
            &id,
            &[("amount", "12.50"), ("reference", "")],
        )
        .await;
    assert!(page.contains("Belopp är inte ett belopp"), "{page}");
    // Zero: the service's validation error names the field.
    let page = shop
        .act(
            "portal_order_capture",
            &id,
            &[("amount", "0"), ("reference", "")],
        )
        .await;
    assert!(
        page.contains("Kontrollera fälten: Belopp att aktivera."),
        "{page}"
    );

    // Cancel after a capture is refused.
    let page = shop
        .act("portal_order_cancel", &id, &[("confirmed", "1")])
        .await;
    assert!(
        page.contains("Det går inte i orderns nuvarande läge"),
        "{page}"
    );

    // A refund creates a credit note; more than is refundable is refused.
    let page = shop
        .act(
            "portal_order_refund",
            &id,
            &[("amount", "100"), ("reference", "RETUR-1")],
        )
        .await;
    assert_eq!(
        testid_text(&page, "order-refunded").as_deref(),
        Some("100,00\u{a0}kr")
    );
    assert!(testid_text(&page, "credit-note-number").is_some(), "{page}");
    assert!(page.contains("RETUR-1"));
    let page = shop
        .act(
            "portal_order_refund",
            &id,
            &[("amount", "450,00"), ("reference", "")],
        )
        .await;
    assert!(page.contains("Återbetalningen går inte"), "{page}");
    assert_eq!(audit_count(app.kdb(), "order.refund").await, 1);

    // Releasing the rest ends the authorization.
    let page = shop
        .act("portal_order_release", &id, &[("confirmed", "1")])
        .await;
    assert_eq!(
        testid_text(&page, "order-status").as_deref(),
        Some("Aktiverad")
    );
    assert!(!page.contains("action=\"/api/portal_order_capture\""));

    // The untouched order cancels; the timeline shows it.
    let page = shop
        .act("portal_order_cancel", &other, &[("confirmed", "1")])
        .await;
    assert_eq!(
        testid_text(&page, "order-status").as_deref(),
        Some("Makulerad")
    );
    assert!(page.contains("Order makulerad"), "{page}");

    // In English, amounts and errors follow the language.
    let en = app.post_form("/api/set_language", &[("lang", "en")]).await;
    assert_eq!(en.status, StatusCode::OK, "{en:?}");
    let page = shop
        .act(
            "portal_order_refund",
            &id,
            &[("amount", "1,000.00"), ("reference", "")],
        )
        .await;
    assert!(page.contains("The refund is not possible"), "{page}");
    assert!(
        page.contains("SEK\u{a0}100.00") || page.contains("SEK 100.00"),
        "{page}"
    );
    // The hydrated page's fetch gets the error as JSON with a status.
    let res = app
        .post_form(
            "/api/portal_order_capture",
            &[
                ("order_id", &other),
                ("amount", "1.00"),
                ("reference", ""),
                ("form_token", &uuid::Uuid::new_v4().to_string()),
            ],
        )
        .await;
    assert!(res.status.is_client_error(), "{res:?}");
    assert!(res.body.contains("CAPTURE_NOT_ALLOWED"), "{}", res.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_form_sent_twice_does_its_work_once() {
    let shop = Shop::new().await;
    let id = shop
        .create(&shop.a, &order("A-5005", "kund@example.se"))
        .await;
    shop.sign_in(&shop.a, "owner@butik-a.test").await;
    let app = &shop.app;

    // A double click on "capture" without JavaScript: the same form, twice at once.
    let token = shop.form_token(&id).await;
    let fields = [("amount", "100,00"), ("reference", "PAKET-1")];
    let (first, second) = tokio::join!(
        shop.send_form("portal_order_capture", &id, &token, &fields),
        shop.send_form("portal_order_capture", &id, &token, &fields),
    );
    for page in [&first, &second] {
        assert!(
            !page.contains("data-testid=\"order-action-error\""),
            "{page}"
        );
    }
    // …and once more later (the browser resends the POST): still one capture.
    let again = shop
        .send_form("portal_order_capture", &id, &token, &fields)
        .await;
    assert_eq!(
        testid_text(&again, "order-captured").as_deref(),
        Some("100,00\u{a0}kr")
    );
    assert_eq!(audit_count(app.kdb(), "order.capture").await, 1);
    assert_eq!(captures_of(app, &id).await, 1);

    // The page shown afterwards has a fresh form: a second capture is a second capture.
    let page = shop
        .act(
            "portal_order_capture",
            &id,
            &[("amount", "100,00"), ("reference", "PAKET-2")],
        )
        .await;
    assert_eq!(
        testid_text(&page, "order-captured").as_deref(),
        Some("200,00\u{a0}kr")
    );
    assert_eq!(captures_of(app, &id).await, 2);

    // The old form's token with other content is refused, and nothing is captured.
    let page = shop
        .send_form(
            "portal_order_capture",
            &id,
            &token,
            &[("amount", "300,00"), ("reference", "")],
        )
        .await;
    assert!(page.contains("Formuläret har redan skickats"), "{page}");
    assert_eq!(captures_of(app, &id).await, 2);
    // A form without a usable token does nothing either.
    let page = shop
        .send_form("portal_order_capture", &id, "not-a-token", &fields)
        .await;
    assert!(page.contains("Formuläret har redan skickats"), "{page}");
    assert_eq!(captures_of(app, &id).await, 2);

    // Refund and release sent twice: once each, and the second send shows no error.
    let token = shop.form_token(&id).await;
    for _ in 0..2 {
        let page = shop
            .send_form(
                "portal_order_refund",
                &id,
                &token,
                &[("amount", "50,00"), ("reference", "RETUR-1")],
            )
            .await;
        assert!(
            !page.contains("data-testid=\"order-action-error\""),
            "{page}"
        );
    }
    assert_eq!(audit_count(app.kdb(), "order.refund").await, 1);
    let token = shop.form_token(&id).await;
    for _ in 0..2 {
        let page = shop
            .send_form("portal_order_release", &id, &token, &[("confirmed", "1")])
            .await;
        assert!(
            !page.contains("data-testid=\"order-action-error\""),
            "{page}"
        );
    }
    assert_eq!(audit_count(app.kdb(), "order.release_remaining").await, 1);

    // Cancel, on an untouched order, likewise.
    let other = shop
        .create(&shop.a, &order("A-6006", "kund@example.se"))
        .await;
    let token = shop.form_token(&other).await;
    for _ in 0..2 {
        let page = shop
            .send_form("portal_order_cancel", &other, &token, &[("confirmed", "1")])
            .await;
        assert!(
            !page.contains("data-testid=\"order-action-error\""),
            "{page}"
        );
    }
    assert_eq!(audit_count(app.kdb(), "order.cancel").await, 1);
}

/// How many captures order `id` has, counted in the database.
async fn captures_of(app: &TestApp, id: &str) -> i64 {
    use app::kdb::KdbError;
    use app::orders::schema::captures as c;
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    let id = uuid::Uuid::parse_str(id).unwrap();
    app.kdb()
        .read_primary(|conn| {
            async move {
                Ok::<_, KdbError>(
                    c::table
                        .filter(c::order_id.eq(id))
                        .count()
                        .get_result::<i64>(conn)
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}

/// The actor id of the newest `order.capture` audit record.
async fn actor_of_last_capture(app: &TestApp) -> String {
    use app::kdb::KdbError;
    use app::schema::audit_log as a;
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    app.kdb()
        .read_primary(|c| {
            async move {
                Ok::<_, KdbError>(
                    a::table
                        .filter(a::action.eq("order.capture"))
                        .order(a::id.desc())
                        .select(a::actor_id)
                        .first::<String>(c)
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}
