//! Invoice and credit-note PDFs through their three doors against a real PostgreSQL: the order
//! API (merchant-scoped, headers, byte-identical re-download), the portal (the signed-in
//! merchant's orders only) and the back office (a preview in another language); the document
//! language follows the order's locale; the text is read back with poppler's `pdftotext`.

use crate::common::orders::{order, Shop};
use crate::common::pdf::pdf_text;
use crate::common::TestResponse;
use app::auth::Role;
use axum::http::{header, Method, StatusCode};
use serde_json::{json, Value};

/// Öre as a Swedish reader writes kronor, written out independently of the app's formatter.
fn kronor(ore: i64) -> String {
    let digits = (ore / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{grouped},{:02} kr", ore % 100)
}

fn body(res: &TestResponse) -> Value {
    serde_json::from_str(&res.body).unwrap_or_else(|_| panic!("{res:?}"))
}

async fn api_get(
    shop: &Shop,
    who: &server::demo_merchant::ReadyMerchant,
    path: &str,
) -> TestResponse {
    shop.api(who, Method::GET, path, "application/json", String::new())
        .await
}

/// An order of `shop.a` in `locale` (None: no locale sent), captured in full: (order, capture
/// response).
async fn captured(shop: &Shop, reference: &str, locale: Option<&str>) -> (String, Value) {
    let mut o = order(reference, "doc@example.se");
    match locale {
        Some(l) => o["locale"] = json!(l),
        None => {
            o.as_object_mut().unwrap().remove("locale");
        }
    }
    let order_id = shop.create(&shop.a, &o).await;
    let res = shop
        .api(
            &shop.a,
            Method::POST,
            &format!("/v1/orders/{order_id}/captures"),
            "application/json",
            json!({"captured_amount": 125000, "reference": "ship-1"}).to_string(),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    (order_id, body(&res))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_api_serves_the_invoice_and_credit_note_to_their_merchant_only() {
    let shop = Shop::new().await;
    let (order_id, capture) = captured(&shop, "doc-1", Some("sv-SE")).await;
    let capture_id = capture["capture_id"].as_str().unwrap();
    let invoice = &capture["invoice"];
    let number = invoice["invoice_number"].as_i64().unwrap().to_string();
    let ocr = invoice["ocr_reference"].as_str().unwrap();
    let total = invoice["total_amount"].as_i64().unwrap();
    let path = format!("/v1/orders/{order_id}/captures/{capture_id}/invoice.pdf");

    let res = api_get(&shop, &shop.a, &path).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let h = |name| {
        res.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(h(header::CONTENT_TYPE), "application/pdf");
    assert!(
        h(header::CONTENT_DISPOSITION).contains(&format!("{number}.pdf")),
        "{}",
        h(header::CONTENT_DISPOSITION)
    );
    assert!(
        h(header::CACHE_CONTROL).contains("private"),
        "{}",
        h(header::CACHE_CONTROL)
    );
    let text = pdf_text(&res.bytes);
    for needle in [
        number.as_str(),
        ocr,
        &kronor(total),
        "Förfallodatum",
        "Butik A AB",
        "Test Person",
        "Storgatan 1",
        "114 55",
    ] {
        assert!(text.contains(needle), "no {needle:?} in\n{text}");
    }
    // A re-download is the same file, byte for byte.
    let again = api_get(&shop, &shop.a, &path).await;
    assert_eq!(again.bytes, res.bytes);
    // Another merchant's order is not found, as anywhere in the API; so are wrong ids.
    let other = api_get(&shop, &shop.b, &path).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND, "{}", other.body);
    assert!(other.body.contains("ORDER_NOT_FOUND"), "{}", other.body);
    let wrong = api_get(
        &shop,
        &shop.a,
        &format!(
            "/v1/orders/{order_id}/captures/{}/invoice.pdf",
            uuid::Uuid::new_v4()
        ),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert!(wrong.body.contains("CAPTURE_NOT_FOUND"), "{}", wrong.body);

    // A refund's credit note names the invoice it credits.
    let res = shop
        .api(
            &shop.a,
            Method::POST,
            &format!("/v1/orders/{order_id}/refunds"),
            "application/json",
            json!({"refunded_amount": 25000, "reference": "return-1"}).to_string(),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let refund = body(&res);
    let refund_id = refund["refund_id"].as_str().unwrap();
    let credit_number = refund["credit_note"]["credit_note_number"]
        .as_i64()
        .unwrap()
        .to_string();
    let res = api_get(
        &shop,
        &shop.a,
        &format!("/v1/orders/{order_id}/refunds/{refund_id}/credit-note.pdf"),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let text = pdf_text(&res.bytes);
    assert!(text.contains(&credit_number), "{text}");
    assert!(
        text.contains(&format!("Krediterar faktura {number}")),
        "{text}"
    );
    assert!(text.contains(&kronor(25000)), "{text}");
    let other = api_get(
        &shop,
        &shop.b,
        &format!("/v1/orders/{order_id}/refunds/{refund_id}/credit-note.pdf"),
    )
    .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_document_language_follows_the_orders_locale_else_the_country() {
    let shop = Shop::new().await;
    for (locale, due) in [
        (Some("de-DE"), "Fälligkeitsdatum"),
        (Some("nb-NO"), "Forfallsdato"),
        (Some("fr-FR"), "Förfallodatum"),
        (None, "Förfallodatum"),
        (Some("en-GB"), "Due date"),
    ] {
        let (order_id, capture) = captured(&shop, &format!("lang-{locale:?}"), locale).await;
        let capture_id = capture["capture_id"].as_str().unwrap();
        let res = api_get(
            &shop,
            &shop.a,
            &format!("/v1/orders/{order_id}/captures/{capture_id}/invoice.pdf"),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let text = pdf_text(&res.bytes);
        assert!(text.contains(due), "{locale:?}: no {due:?} in\n{text}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_portal_and_the_back_office_serve_and_preview_the_invoice() {
    let shop = Shop::new().await;
    let (order_id, capture) = captured(&shop, "doc-portal", Some("sv-SE")).await;
    let capture_id = capture["capture_id"].as_str().unwrap();
    let invoice_id = capture["invoice"]["invoice_id"].as_str().unwrap();
    let number = capture["invoice"]["invoice_number"]
        .as_i64()
        .unwrap()
        .to_string();
    let portal_path = format!("/portal/orders/{order_id}/captures/{capture_id}/invoice.pdf");

    // Not signed in: nothing.
    let res = shop.app.get(&portal_path).await;
    assert!(
        res.status == StatusCode::UNAUTHORIZED || res.status.is_redirection(),
        "{res:?}"
    );
    // Merchant B's user does not see A's invoice.
    shop.sign_in(&shop.b, "owner@butik-b.se").await;
    assert_eq!(
        shop.app.get(&portal_path).await.status,
        StatusCode::NOT_FOUND
    );
    // Merchant A's user does, and the order page links it.
    shop.sign_in(&shop.a, "owner@butik-a.se").await;
    let res = shop.app.get(&portal_path).await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    assert!(pdf_text(&res.bytes).contains(&number));
    let page = shop.app.get(&format!("/portal/orders/{order_id}")).await;
    assert!(
        page.body.contains(&portal_path),
        "the order page does not link the PDF"
    );

    // Support previews it in Norwegian; the page links it; an unknown language is refused.
    shop.app.forget_cookies();
    shop.app
        .signed_in("support@kreditor.test", Role::Support)
        .await;
    let staff_path = format!("/invoices/{invoice_id}/invoice.pdf");
    let page = shop.app.get(&format!("/invoices/{invoice_id}")).await;
    assert!(
        page.body.contains(&staff_path),
        "the invoice page does not link the PDF"
    );
    let swedish = pdf_text(&shop.app.get(&staff_path).await.bytes);
    assert!(swedish.contains("Förfallodatum"), "{swedish}");
    let res = shop.app.get(&format!("{staff_path}?lang=nb")).await;
    assert_eq!(res.status, StatusCode::OK);
    let norwegian = pdf_text(&res.bytes);
    assert!(
        norwegian.contains("Forfallsdato") && norwegian.contains(&number),
        "{norwegian}"
    );
    assert!(!norwegian.contains("Förfallodatum"), "{norwegian}");
    assert_eq!(
        shop.app.get(&format!("{staff_path}?lang=xx")).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        shop.app
            .get(&format!("/invoices/{}/invoice.pdf", uuid::Uuid::new_v4()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
