//! The portal's order screens through the real router and database: orders created through
//! the API show in the merchant's list (search by reference, e-mail and id; status and date
//! filters), never in another merchant's, and the order page's plain (no-JavaScript) forms
//! capture, refund, cancel and release with the services' errors shown translated.

mod common;

use app::kdb::{Ctx, ScopedFutureExt};
use app::ktime::Country;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine;
use common::{audit_count, TestApp, TestResponse};
use serde_json::{json, Value};
use server::demo_merchant::{ensure_ready_merchant, ReadyMerchant};

/// An adult with a good score in the registry.
const GOOD: &str = "194408139089";

struct Shop {
    app: TestApp,
    a: ReadyMerchant,
    b: ReadyMerchant,
}

async fn add_person(app: &TestApp, id: &str) {
    let id = id.to_string();
    app.kdb()
        .write(|c| {
            let id = id.clone();
            async move {
                diesel_async::RunQueryDsl::execute(
                    diesel::sql_query(
                        "INSERT INTO registry_people (country, national_id, given_name, family_name, \
                         street, postal_code, city, score, risk_class, updated_at) \
                         VALUES ('SE', $1, 'Test', 'Person', 'Storgatan 1', '114 55', 'Stockholm', 800, 'B', now())",
                    )
                    .bind::<diesel::sql_types::Text, _>(id),
                    c,
                )
                .await?;
                Ok::<_, app::kdb::KdbError>(())
            }
            .scope_boxed()
        })
        .await
        .unwrap();
}

/// An order of 1250.00 SEK (two lines at 25 % VAT).
fn order(reference: &str, email: &str) -> Value {
    json!({
        "purchase_country": "SE",
        "purchase_currency": "SEK",
        "locale": "sv-SE",
        "order_amount": 125000,
        "order_tax_amount": 25000,
        "order_lines": [
            {"type": "physical", "reference": "SKO-1", "name": "Kängor", "quantity": 2,
             "unit_price": 50000, "tax_rate": 2500, "total_amount": 100000, "total_tax_amount": 20000},
            {"type": "physical", "reference": "STR-1", "name": "Strumpor", "quantity": 1,
             "unit_price": 25000, "tax_rate": 2500, "total_amount": 25000, "total_tax_amount": 5000}
        ],
        "customer": {"national_identification_number": GOOD, "email": email},
        "merchant_reference1": reference,
        "payment_method": "invoice"
    })
}

impl Shop {
    /// Two merchants ready to take orders, each with a portal owner.
    async fn new() -> Shop {
        let app = TestApp::new().await;
        app::credit::rulesets::store::seed_defaults(app.kdb(), &app.state.services.ktime)
            .await
            .unwrap();
        add_person(&app, GOOD).await;
        let ktime = &app.state.services.ktime;
        let a = ensure_ready_merchant(app.kdb(), ktime, "Butik A AB", "556000-0001", Country::SE)
            .await
            .unwrap();
        let b = ensure_ready_merchant(app.kdb(), ktime, "Butik B AB", "556000-0002", Country::SE)
            .await
            .unwrap();
        Shop { app, a, b }
    }

    /// Creates an order for `who` through the API; returns its id.
    async fn create(&self, who: &ReadyMerchant, body: &Value) -> String {
        let auth = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", who.key_id, who.secret));
        let req = Request::builder()
            .method(Method::POST)
            .uri("/v1/orders")
            .header(header::AUTHORIZATION, format!("Basic {auth}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let res = self.app.send(req).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let v: Value = serde_json::from_str(&res.body).unwrap();
        v["order_id"].as_str().unwrap().to_string()
    }

    /// Creates an owner for `who` and signs this browser in as them (alone).
    async fn sign_in(&self, who: &ReadyMerchant, email: &str) {
        let (_, password) = app::merchants::users::create_with_password(
            self.app.kdb(),
            &Ctx::system("test"),
            who.merchant_id,
            email,
            "owner",
        )
        .await
        .expect("create merchant user");
        self.app.forget_cookies();
        let res = self
            .app
            .post_form(
                "/api/portal_login",
                &[("email", email), ("password", &password)],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{res:?}");
    }

    /// A plain HTML form post (JavaScript off) from the page at `from`, with the CSRF field.
    async fn plain_post(&self, path: &str, from: &str, fields: &[(&str, &str)]) -> TestResponse {
        let token = self.app.cookie("kreditor_csrf").expect("csrf cookie");
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
        self.app.send(req).await
    }

    /// Posts a form of the order page without JavaScript, follows the redirect back and
    /// returns the page the browser then shows.
    async fn act(&self, action: &str, order_id: &str, fields: &[(&str, &str)]) -> String {
        let page = format!("/portal/orders/{order_id}");
        let mut all = vec![("order_id", order_id)];
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

/// The text of the element marked `data-testid="{id}"` up to its first child tag (hydration
/// markers such as `<!>` skipped).
fn testid_text(html: &str, id: &str) -> Option<String> {
    let marker = format!("data-testid=\"{id}\"");
    let start = html.find(&marker)? + marker.len();
    let rest = &html[start..];
    let rest = &rest[rest.find('>')? + 1..];
    let rest = rest.replace("<!---->", "").replace("<!>", "");
    Some(rest[..rest.find('<')?].to_string())
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
    let body = shop.act("portal_order_cancel", &socks, &[]).await;
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
    assert!(page.contains("action=\"/api/portal_order_cancel\""));

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
        Some("Delvis dragen")
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
    assert!(page.contains("Dragning och faktura"), "timeline: {page}");
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
    assert!(page.contains("Dragningen går inte"), "{page}");
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
        page.contains("Kontrollera fälten: Belopp att dra."),
        "{page}"
    );

    // Cancel after a capture is refused.
    let page = shop.act("portal_order_cancel", &id, &[]).await;
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
    assert!(page.contains("Returen går inte"), "{page}");
    assert_eq!(audit_count(app.kdb(), "order.refund").await, 1);

    // Releasing the rest ends the authorization.
    let page = shop.act("portal_order_release", &id, &[]).await;
    assert_eq!(
        testid_text(&page, "order-status").as_deref(),
        Some("Dragen")
    );
    assert!(!page.contains("action=\"/api/portal_order_capture\""));

    // The untouched order cancels; the timeline shows it.
    let page = shop.act("portal_order_cancel", &other, &[]).await;
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
            &[("order_id", &other), ("amount", "1.00"), ("reference", "")],
        )
        .await;
    assert!(res.status.is_client_error(), "{res:?}");
    assert!(res.body.contains("CAPTURE_NOT_ALLOWED"), "{}", res.body);
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
