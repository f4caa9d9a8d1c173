//! Text input end to end: NUL and other control characters in any text field of the order
//! API, a staff form and a query string are refused as 422 naming the field (PostgreSQL cannot
//! store NUL, so they used to be 500s); over-long address lines are refused by name; and random
//! Unicode in every text field of `POST /v1/orders` never produces a 5xx.

use crate::common::orders::{order, Shop, GOOD};
use app::auth::Role;
use axum::http::{Method, StatusCode};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

/// Every text field of `POST /v1/orders`, as JSON pointer and the path the API names.
const TEXT_FIELDS: &[(&str, &str)] = &[
    ("/purchase_country", "purchase_country"),
    ("/purchase_currency", "purchase_currency"),
    ("/locale", "locale"),
    ("/merchant_reference1", "merchant_reference1"),
    ("/merchant_reference2", "merchant_reference2"),
    ("/payment_method", "payment_method"),
    ("/customer_ip", "customer_ip"),
    (
        "/customer/national_identification_number",
        "customer.national_identification_number",
    ),
    ("/customer/email", "customer.email"),
    ("/customer/phone", "customer.phone"),
    ("/billing_address/given_name", "billing_address.given_name"),
    (
        "/billing_address/family_name",
        "billing_address.family_name",
    ),
    (
        "/billing_address/street_address",
        "billing_address.street_address",
    ),
    (
        "/billing_address/street_address2",
        "billing_address.street_address2",
    ),
    (
        "/billing_address/postal_code",
        "billing_address.postal_code",
    ),
    ("/billing_address/city", "billing_address.city"),
    ("/billing_address/country", "billing_address.country"),
    ("/order_lines/0/reference", "order_lines[0].reference"),
    ("/order_lines/0/name", "order_lines[0].name"),
    (
        "/order_lines/0/quantity_unit",
        "order_lines[0].quantity_unit",
    ),
];

/// The test order with a full billing address, so every text field exists.
fn full_order() -> Value {
    let mut o = order("A-1", "kund@example.se");
    o["merchant_reference2"] = json!("B-2");
    o["customer_ip"] = json!("192.0.2.1");
    o["customer"]["phone"] = json!("+46701234567");
    o["order_lines"][0]["quantity_unit"] = json!("st");
    o["billing_address"] = json!({
        "given_name": "Anna", "family_name": "Ek", "street_address": "Storgatan 1",
        "street_address2": "c/o Berg", "postal_code": "114 55", "city": "Stockholm",
        "country": "SE"
    });
    o
}

fn with_text(pointer: &str, text: &str) -> Value {
    let mut o = full_order();
    *o.pointer_mut(pointer).expect("field exists") = json!(text);
    o
}

async fn post(shop: &Shop, body: &Value) -> (StatusCode, Value) {
    let res = shop
        .api(
            &shop.a,
            Method::POST,
            "/v1/orders",
            "application/json",
            body.to_string(),
        )
        .await;
    let value = serde_json::from_str(&res.body).unwrap_or(Value::Null);
    (res.status, value)
}

fn named_fields(body: &Value) -> Vec<String> {
    body["validation_errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p["field"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_nul_in_any_text_field_of_an_order_is_a_422_naming_the_field() {
    let shop = Shop::new().await;
    let (status, body) = post(&shop, &full_order()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    for (pointer, field) in TEXT_FIELDS {
        let (status, body) = post(&shop, &with_text(pointer, "a\u{0}b")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
        assert_eq!(body["error_code"], "VALIDATION_ERROR", "{body}");
        assert_eq!(named_fields(&body), vec![field.to_string()], "{body}");
        assert_eq!(body["validation_errors"][0]["code"], "CONTROL_CHARACTER");
    }
    // Two at once are both named; ESC and C1 controls count too, tab and newlines do not.
    let mut two = with_text("/merchant_reference1", "\u{1b}[31m");
    two["order_lines"][1]["name"] = json!("Strumpor\u{85}");
    let (status, body) = post(&shop, &two).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        named_fields(&body),
        vec!["merchant_reference1", "order_lines[1].name"]
    );
    let (status, body) = post(&shop, &with_text("/merchant_reference1", "A\t1\r\n")).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // Capture, refund and PATCH bodies go through the same check.
    let (_, created) = post(&shop, &full_order()).await;
    let id = created["order_id"].as_str().unwrap();
    for (method, path, body) in [
        (
            Method::POST,
            format!("/v1/orders/{id}/captures"),
            json!({"captured_amount": 100, "description": "x\u{0}"}),
        ),
        (
            Method::POST,
            format!("/v1/orders/{id}/refunds"),
            json!({"refunded_amount": 100, "reference": "\u{0}"}),
        ),
        (
            Method::PATCH,
            format!("/v1/orders/{id}/authorization"),
            json!({"order_amount": 100, "description": "\u{0}"}),
        ),
    ] {
        let res = shop
            .api(&shop.a, method, &path, "application/json", body.to_string())
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {}",
            res.body
        );
        assert!(res.body.contains("CONTROL_CHARACTER"), "{}", res.body);
    }
    // Nothing of the refused requests was stored: one order per 201 above.
    let order = shop
        .api(
            &shop.a,
            Method::GET,
            &format!("/v1/orders/{id}"),
            "application/json",
            String::new(),
        )
        .await;
    assert!(order.body.contains("\"captures\":[]"), "{}", order.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_5000_character_street_or_name_is_refused_by_name() {
    let shop = Shop::new().await;
    let long = "G".repeat(5_000);
    let mut o = with_text("/billing_address/street_address", &long);
    o["billing_address"]["given_name"] = json!(long);
    o["billing_address"]["postal_code"] = json!("1145");
    let (status, body) = post(&shop, &o).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        named_fields(&body),
        vec![
            "billing_address.given_name",
            "billing_address.street_address",
            "billing_address.postal_code"
        ],
        "{body}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn forms_and_query_strings_refuse_control_characters_by_name() {
    let shop = Shop::new().await;
    shop.app.signed_in("admin@kreditor.test", Role::Admin).await;
    let res = shop
        .app
        .post_form(
            "/api/merchants_create",
            &[
                ("legal_name", "Butik\u{0} AB"),
                ("org_nr", "556000-0009"),
                ("country", "SE"),
                ("currency", "SEK"),
                ("contact_email", "a@butik.se"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{res:?}");
    assert!(res.body.contains("legal_name") && res.body.contains("ERR_CONTROL_CHARACTER"));
    let res = shop.app.get("/api/merchants_search?q=%00").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{res:?}");
    assert!(res.body.contains("\"q\""), "{}", res.body);
    // The same form without the NUL works (the check passes the body on intact).
    let res = shop
        .app
        .post_form(
            "/api/merchants_create",
            &[
                ("legal_name", "Butik AB"),
                ("org_nr", "556000-0009"),
                ("country", "SE"),
                ("currency", "SEK"),
                ("contact_email", "a@butik.se"),
            ],
        )
        .await;
    assert!(
        res.status.is_success() || res.status.is_redirection(),
        "{res:?}"
    );
}

/// Random text: any Unicode (controls included), long strings, emoji, lone NULs.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => "\\PC{0,40}",
        1 => (any::<char>(), 4_990usize..5_010).prop_map(|(c, n)| c.to_string().repeat(n)),
        1 => prop::sample::select(vec!["😀👍🏽", "\u{0}", "\u{7f}", "a\u{0}", "\u{feff}", "'; --", "\u{202e}x"])
            .prop_map(str::to_string),
    ]
}

#[test]
fn random_text_in_every_field_of_an_order_never_answers_5xx() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let shop = rt.block_on(Shop::new());
    let _ = GOOD;
    let mut runner = TestRunner::new(Config {
        cases: 96,
        ..Config::default()
    });
    let fields = prop::collection::vec((0..TEXT_FIELDS.len(), text()), 1..4);
    let counts = std::cell::RefCell::new((0usize, 0usize));
    runner
        .run(&fields, |fields| {
            let mut o = full_order();
            // A field drawn twice keeps its last value: judge each field by what is sent.
            let sent: std::collections::BTreeMap<usize, &String> =
                fields.iter().map(|(i, v)| (*i, v)).collect();
            let mut controls = Vec::new();
            for (i, value) in sent {
                let (pointer, field) = TEXT_FIELDS[i];
                *o.pointer_mut(pointer).unwrap() = json!(value);
                if app::text::forbidden_char(value).is_some() {
                    controls.push(field.to_string());
                }
            }
            let (status, body) = rt.block_on(post(&shop, &o));
            prop_assert!(status.as_u16() < 500, "{status}: {body}");
            let mut counts = counts.borrow_mut();
            counts.0 += 1;
            if !controls.is_empty() {
                counts.1 += 1;
                prop_assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{}", body);
                let named = named_fields(&body);
                for field in &controls {
                    prop_assert!(named.contains(field), "{} not in {:?}", field, named);
                }
            }
            Ok(())
        })
        .unwrap();
    let (all, with_controls) = counts.into_inner();
    assert!(all >= 96, "{all}");
    assert!(
        with_controls >= 5,
        "only {with_controls} cases had a control character"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_5000_character_street_is_not_recorded_as_a_customers_address() {
    use app::customers::national_id::NationalId;
    use app::customers::records::{find_or_create, Contact};
    use app::kdb::{Ctx, ScopedFutureExt};
    let shop = Shop::new().await;
    let ctx = Ctx::system("test");
    let ctx = &ctx;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let nid = NationalId::parse(app::ktime::Country::SE, "811218-9876", today).unwrap();
    let (nid, contact) = (&nid, &Contact::default());
    let (id, _) = shop
        .app
        .kdb()
        .write(|c| {
            async move { find_or_create(c, ctx, uuid::Uuid::new_v4(), nid, contact).await }
                .scope_boxed()
        })
        .await
        .unwrap();
    shop.app.signed_in("sam@kreditor.test", Role::Support).await;
    let long = "G".repeat(5_000);
    let id = id.to_string();
    let res = shop
        .app
        .post_form(
            "/api/customers_add_address",
            &[
                ("id", id.as_str()),
                ("street", long.as_str()),
                ("postal_code", "903 25"),
                ("city", "Umeå"),
                ("country", "SE"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{res:?}");
    assert!(
        res.body.contains("street") && res.body.contains("ERR_TOO_LONG"),
        "{}",
        res.body
    );
    // A Norwegian postal code has four digits.
    let res = shop
        .app
        .post_form(
            "/api/customers_add_address",
            &[
                ("id", id.as_str()),
                ("street", "Storgata 1"),
                ("postal_code", "01500"),
                ("city", "Oslo"),
                ("country", "NO"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{res:?}");
    assert!(res.body.contains("postal_code"), "{}", res.body);
    let page = shop.app.get(&format!("/customers/{id}")).await;
    assert!(
        !page.body.contains("GGGGGGGGGG"),
        "the long street was recorded"
    );
}
