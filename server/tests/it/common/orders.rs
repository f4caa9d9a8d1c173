//! Shared set-up of the order, portal and batch tests: registry people, an order body, two
//! merchants ready to take orders, API calls and portal sign-in on one [`TestApp`].

use app::kdb::{Ctx, ScopedFutureExt};
use app::ktime::Country;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine;
use serde_json::{json, Value};
use server::demo_merchant::{ensure_ready_merchant, ReadyMerchant};

use super::{TestApp, TestResponse};

/// An adult with a good score in the registry.
pub const GOOD: &str = "194408139089";

/// Adds a person to the credit registry (SE, Stockholm address) with `score`.
pub async fn add_person(app: &TestApp, id: &str, score: i32) {
    let id = id.to_string();
    app.kdb()
        .write(|c| {
            let id = id.clone();
            async move {
                diesel_async::RunQueryDsl::execute(
                    diesel::sql_query(
                        "INSERT INTO registry_people (country, national_id, given_name, family_name, \
                         street, postal_code, city, score, risk_class, updated_at) \
                         VALUES ('SE', $1, 'Test', 'Person', 'Storgatan 1', '114 55', 'Stockholm', $2, 'B', now())",
                    )
                    .bind::<diesel::sql_types::Text, _>(id)
                    .bind::<diesel::sql_types::Integer, _>(score),
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

/// An order of 1250.00 SEK (two lines at 25 % VAT) for [`GOOD`].
pub fn order(reference: &str, email: &str) -> Value {
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

/// Two merchants ready to take orders (default rulesets, [`GOOD`] in the registry).
pub struct Shop {
    pub app: TestApp,
    pub a: ReadyMerchant,
    pub b: ReadyMerchant,
}

impl Shop {
    pub async fn new() -> Shop {
        Shop::with(|_| {}).await
    }

    /// A shop whose app configuration `change` adjusts first (e.g. the database URLs).
    pub async fn with(change: impl FnOnce(&mut server::config::Config)) -> Shop {
        let app = TestApp::with(change).await;
        app::credit::rulesets::store::seed_defaults(app.kdb(), &app.state.services.ktime)
            .await
            .unwrap();
        add_person(&app, GOOD, 800).await;
        let ktime = &app.state.services.ktime;
        let a = ensure_ready_merchant(app.kdb(), ktime, "Butik A AB", "556000-0001", Country::SE)
            .await
            .unwrap();
        let b = ensure_ready_merchant(app.kdb(), ktime, "Butik B AB", "556000-0002", Country::SE)
            .await
            .unwrap();
        Shop { app, a, b }
    }

    /// An API request as `who` (HTTP Basic with its key).
    pub async fn api(
        &self,
        who: &ReadyMerchant,
        method: Method,
        path: &str,
        content_type: &str,
        body: String,
    ) -> TestResponse {
        let auth = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", who.key_id, who.secret));
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Basic {auth}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap();
        self.app.send(req).await
    }

    /// Creates an order for `who` through the API; returns its id.
    pub async fn create(&self, who: &ReadyMerchant, body: &Value) -> String {
        let res = self
            .api(
                who,
                Method::POST,
                "/v1/orders",
                "application/json",
                body.to_string(),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let v: Value = serde_json::from_str(&res.body).unwrap();
        v["order_id"].as_str().unwrap().to_string()
    }

    /// Creates an owner for `who` and signs this browser in as them (alone).
    pub async fn sign_in(&self, who: &ReadyMerchant, email: &str) {
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
    pub async fn plain_post(
        &self,
        path: &str,
        from: &str,
        fields: &[(&str, &str)],
    ) -> TestResponse {
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
}
