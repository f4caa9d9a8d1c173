//! The staff order and invoice screens against a real PostgreSQL: orders and captures made
//! through the order API, then read by a support user without JavaScript (order search by
//! reference, e-mail, id and status; the order page with its decision and invoice; the invoice
//! list and page with its journal entries; the customer page with orders, decisions and
//! exposure) and refused to anyone not signed in.

use crate::common::orders::{add_person, GOOD};
use crate::common::{TestApp, TestResponse};
use app::auth::Role;
use app::kdb::ScopedFutureExt;
use app::ktime::Country;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine;
use serde_json::{json, Value};
use server::demo_merchant::{ensure_ready_merchant, ReadyMerchant};

/// The order API as merchant A (copied from `orders_api.rs`, trimmed to what is used here).
struct Api {
    app: TestApp,
    a: ReadyMerchant,
}

impl Api {
    async fn new() -> Api {
        let app = TestApp::new().await;
        app::credit::rulesets::store::seed_defaults(app.kdb(), &app.state.services.ktime)
            .await
            .unwrap();
        add_person(&app, GOOD, 800).await;
        let ktime = &app.state.services.ktime;
        let a = ensure_ready_merchant(app.kdb(), ktime, "Butik A AB", "556000-0001", Country::SE)
            .await
            .unwrap();
        Api { app, a }
    }

    async fn call(&self, method: Method, path: &str, body: &Value) -> TestResponse {
        let auth = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", self.a.key_id, self.a.secret));
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Basic {auth}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        self.app.send(req).await
    }

    async fn create_ok(&self, order: &Value) -> String {
        let res = self.call(Method::POST, "/v1/orders", order).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        json_of(&res)["order_id"].as_str().unwrap().to_string()
    }

    async fn capture_ok(&self, order_id: &str, amount: i64) -> Value {
        let res = self
            .call(
                Method::POST,
                &format!("/v1/orders/{order_id}/captures"),
                &json!({"captured_amount": amount, "reference": "ship-1"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        json_of(&res)
    }

    /// A page as a browser without JavaScript gets it; the reads may go to the standby, so
    /// wait (briefly) until it shows what `ready` looks for.
    async fn page(&self, path: &str, ready: &str) -> String {
        for _ in 0..50 {
            let res = self.app.get(path).await;
            assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
            if res.body.contains(ready) {
                return res.body;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("{path} never showed {ready:?}");
    }

    /// (customer id, decision id) of an order.
    async fn order_keys(&self, order_id: &str) -> (String, i64) {
        #[derive(diesel::QueryableByName)]
        struct Keys {
            #[diesel(sql_type = diesel::sql_types::Text)]
            customer: String,
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            decision: i64,
        }
        let id: uuid::Uuid = order_id.parse().unwrap();
        let k: Keys = self
            .app
            .kdb()
            .read_primary(|c| {
                async move {
                    Ok::<_, app::kdb::KdbError>(
                        diesel_async::RunQueryDsl::get_result(
                            diesel::sql_query(
                                "SELECT customer_id::text AS customer, decision_id AS decision \
                                 FROM orders WHERE id = $1",
                            )
                            .bind::<diesel::sql_types::Uuid, _>(id),
                            c,
                        )
                        .await?,
                    )
                }
                .scope_boxed()
            })
            .await
            .unwrap();
        (k.customer, k.decision)
    }
}

fn json_of(res: &TestResponse) -> Value {
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("{e}: {}", res.body))
}

/// An order of 1250.00 SEK at 25 % VAT.
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

#[tokio::test(flavor = "multi_thread")]
async fn support_finds_orders_invoices_their_books_and_the_customer() {
    let api = Api::new().await;
    let first = api.create_ok(&order("A-1001", "kund@example.se")).await;
    let captured = api.capture_ok(&first, 100000).await;
    let invoice = &captured["invoice"];
    let invoice_id = invoice["invoice_id"].as_str().unwrap().to_string();
    let number = invoice["invoice_number"].as_i64().unwrap();
    assert_eq!(invoice["total_amount"], 102900);
    let second = api.create_ok(&order("B-2002", "annan@example.se")).await;
    let (customer, decision) = api.order_keys(&first).await;
    api.app
        .signed_in("support@kreditor.test", Role::Support)
        .await;

    // Search by merchant reference, by e-mail (any case), by order id and by status.
    let by_ref = api.page("/orders?q=A-1001", &first).await;
    assert!(!by_ref.contains(&second), "only the matching order");
    let by_mail = api.page("/orders?q=KUND%40example.se", &first).await;
    assert!(!by_mail.contains(&second));
    let by_id = api.page(&format!("/orders?q={second}"), &second).await;
    assert!(!by_id.contains(&first));
    let authorized = api.page("/orders?status=AUTHORIZED", &second).await;
    assert!(!authorized.contains(&format!("/orders/{first}")));
    let part = api.page("/orders?status=PART_CAPTURED", &first).await;
    assert!(!part.contains(&format!("/orders/{second}")));
    let none = api.page("/orders?q=no-such-ref", "<h1").await;
    assert!(!none.contains(&first) && !none.contains(&second));
    assert!(
        api.page("/orders", "order-search")
            .await
            .contains("<form method=\"get\""),
        "the filters are a plain GET form"
    );

    // The order page: decision with its outcome, customer and the invoice.
    let page = api
        .page(&format!("/orders/{first}"), "order-decision")
        .await;
    assert!(
        page.contains(&format!("/credit/decisions/{decision}")),
        "{page}"
    );
    assert!(page.contains("data-outcome=\"approve\""), "{page}");
    assert!(page.contains(&format!("/customers/{customer}")));
    assert!(page.contains(&format!("/invoices/{invoice_id}")));
    assert!(
        page.contains(&format!(">{number}</a>")),
        "invoice number shown"
    );
    assert!(page.contains("data-status=\"PART_CAPTURED\""));
    assert!(page.contains("Butik A AB"));

    // The invoice list and its filters.
    let list = api.page("/invoices", &invoice_id).await;
    assert!(list.contains(invoice["ocr_reference"].as_str().unwrap()));
    let by_number = api
        .page(&format!("/invoices?number={number}"), &invoice_id)
        .await;
    assert!(by_number.contains("data-testid=\"invoices\""));
    let paid = api.page("/invoices?status=paid", "invoice-search").await;
    assert!(!paid.contains(&invoice_id), "no paid invoices yet");
    let overdue = api.page("/invoices?overdue=1", "invoice-search").await;
    assert!(!overdue.contains(&invoice_id), "not due yet");

    // The invoice page with its journal entries: the receivable on 1510.
    let page = api
        .page(&format!("/invoices/{invoice_id}"), "invoice-entries")
        .await;
    assert!(page.contains("data-account=\"1510\""), "{page}");
    assert!(page.contains("/bookkeeping/entries/"));
    assert!(page.contains(&format!("/orders/{first}")));

    // The customer page: orders, the decision and the exposure. Open: the first order's
    // remaining 250.00 + its invoice 1029.00 + the second order's 1250.00 = 2529.00 SEK.
    let page = api
        .page(&format!("/customers/{customer}"), "customer-exposure")
        .await;
    assert!(page.contains(&format!("/orders/{first}")));
    assert!(page.contains(&format!("/orders/{second}")));
    assert!(page.contains(&format!("/credit/decisions/{decision}")));
    assert!(page.contains("data-minor=\"252900\""), "{page}");
    assert!(page.contains("2\u{a0}529,00\u{a0}kr"), "{page}");
    assert!(
        page.contains(&format!("/invoices/{invoice_id}")),
        "open invoice"
    );

    // Finance reads the same screens.
    api.app.forget_cookies();
    api.app
        .signed_in("finance@kreditor.test", Role::Finance)
        .await;
    api.page(&format!("/orders/{first}"), "order-decision")
        .await;

    // Names, not ids: the decision log names the merchant and the customer, linked to their
    // pages, and the outcome in words; the journal cites the invoice by its number.
    let log = api
        .page("/credit/decisions", "data-testid=\"decisions\"")
        .await;
    assert!(log.contains(">Butik A AB</a>"), "{log}");
    assert!(
        log.contains(&format!("href=\"/customers/{customer}\"")),
        "{log}"
    );
    assert!(!log.contains(&format!("<code>{customer}</code>")), "{log}");
    assert!(log.contains(">Beviljad<"), "{log}");
    let journal = api
        .page("/bookkeeping/journal", "data-testid=\"journal\"")
        .await;
    assert!(
        journal.contains(&format!(
            "href=\"/invoices/{invoice_id}\" data-testid=\"entry-invoice\">{number}</a>"
        )),
        "{journal}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn not_signed_in_is_refused() {
    let app = TestApp::new().await;
    for path in [
        "/orders",
        "/invoices",
        "/orders/00000000-0000-0000-0000-000000000000",
    ] {
        let res = app.get(path).await;
        assert!(res.status.is_redirection(), "{path}: {res:?}");
        assert_eq!(res.location(), Some("/login"), "{path}");
    }
    for path in [
        "/api/staff_orders_search?q=x",
        "/api/staff_invoices_search",
        "/api/staff_order?id=00000000-0000-0000-0000-000000000000",
        "/api/staff_invoice?id=00000000-0000-0000-0000-000000000000",
        "/api/customers_activity?id=00000000-0000-0000-0000-000000000000",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{path}: {}", res.body);
    }
}
