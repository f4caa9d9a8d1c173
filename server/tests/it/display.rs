//! What the pages show of stored values, staff and portal alike: every time on a country's
//! wall clock in the reader's format (never UTC, never an ISO time), and every stored code
//! (audit actions, credit decision reasons, batch error codes) in words, never as the code.
//! The crawl reads the text a reader sees (tags, scripts and the audit log's raw JSON records
//! left out) after an order was created, captured and refunded and both kinds of user signed
//! in, so the audit log, the decision log and the provider log all have rows.

use std::collections::BTreeSet;

use crate::common::orders::{order, Shop};
use crate::common::{choose_language, visible_text};
use app::auth::Role;
use app::i18n::Lang;
use app::kdb::{KdbError, ScopedFutureExt};
use axum::http::{Method, StatusCode};
use diesel::sql_types::Text;
use diesel_async::RunQueryDsl;
use serde_json::Value;

#[derive(diesel::QueryableByName)]
struct Code {
    #[diesel(sql_type = Text)]
    code: String,
}

/// Every stored code that must not be shown as it is: audit actions, entity types with an
/// underscore, decision reasons and batch row error codes.
async fn stored_codes(shop: &Shop) -> BTreeSet<String> {
    let rows: Vec<Code> = shop
        .app
        .db
        .kdb()
        .read_primary(|c| {
            async move {
                diesel::sql_query(
                    "SELECT action AS code FROM audit_log \
                     UNION SELECT entity_type FROM audit_log WHERE entity_type LIKE '%\\_%' \
                     UNION SELECT reason FROM credit_decisions \
                     UNION SELECT error_code FROM api_batch_rows WHERE error_code IS NOT NULL",
                )
                .load(c)
                .await
                .map_err(KdbError::from)
            }
            .scope_boxed()
        })
        .await
        .unwrap();
    rows.into_iter().map(|r| r.code).collect()
}

/// The text a reader sees, without the audit log's raw before/after records (`<pre>`), which
/// show the stored JSON on purpose.
fn shown(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<pre") {
        out.push_str(&rest[..at]);
        rest = rest[at..]
            .find("</pre>")
            .map_or("", |end| &rest[at + end + 6..]);
    }
    out.push_str(rest);
    visible_text(&out)
}

/// `YYYY-MM-DD` followed by a space, `T` or no-break space and `HH:MM`: a time written the
/// ISO (or UTC log) way, which no English page writes (`8 Dec 2026 01:30`).
fn iso_times(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let mut found = Vec::new();
    for i in 0..chars.len() {
        let date = (0..4).all(|k| digit(i + k))
            && chars.get(i + 4) == Some(&'-')
            && digit(i + 5)
            && digit(i + 6)
            && chars.get(i + 7) == Some(&'-')
            && digit(i + 8)
            && digit(i + 9);
        let sep = matches!(chars.get(i + 10), Some(' ' | 'T' | '\u{a0}'));
        let time = digit(i + 11) && digit(i + 12) && chars.get(i + 13) == Some(&':');
        if date && sep && time {
            found.push(chars[i..i + 16.min(chars.len() - i)].iter().collect());
        }
    }
    found
}

/// The codes of `codes` that `text` shows as whole words.
fn raw_codes(text: &str, codes: &BTreeSet<String>) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| codes.contains(*w))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_checks_see_an_iso_time_and_a_raw_code() {
    assert_eq!(
        iso_times("Skapad 2026-12-08 00:41 UTC"),
        vec!["2026-12-08 00:41"]
    );
    assert!(iso_times("8 Dec 2026 01:41 · 2026-12-08").is_empty());
    let codes: BTreeSet<String> = ["order.capture", "APPROVED"].map(String::from).into();
    assert_eq!(
        raw_codes("Beviljad (APPROVED). Händelse order.capture.", &codes),
        vec!["APPROVED", "order.capture"]
    );
    assert!(raw_codes("<td data-code=\"APPROVED\">", &codes).len() == 1);
    assert!(raw_codes(&shown("<td data-code=\"APPROVED\">Approved</td>"), &codes).is_empty());
    assert!(raw_codes(&shown("<pre>APPROVED</pre><p>x</p>"), &codes).is_empty());
}

fn check(path: &str, status: StatusCode, html: &str, codes: &BTreeSet<String>) {
    assert_eq!(status, StatusCode::OK, "{path}: {html}");
    let text = shown(html);
    assert!(!text.contains("UTC"), "{path} shows UTC: {text}");
    let iso = iso_times(&text);
    assert!(iso.is_empty(), "{path} shows ISO times {iso:?}: {text}");
    let raw = raw_codes(&text, codes);
    assert!(raw.is_empty(), "{path} shows raw codes {raw:?}: {text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn no_page_shows_a_utc_time_or_a_raw_code() {
    let shop = Shop::new().await;
    let order_id = shop
        .create(&shop.a, &order("show-1", "show@example.se"))
        .await;
    let res = shop
        .api(
            &shop.a,
            Method::POST,
            &format!("/v1/orders/{order_id}/captures"),
            "application/json",
            r#"{"captured_amount": 125000, "reference": "ship-1"}"#.into(),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let capture: Value = serde_json::from_str(&res.body).unwrap();
    let invoice_id = capture["invoice"]["invoice_id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = shop
        .api(
            &shop.a,
            Method::POST,
            &format!("/v1/orders/{order_id}/refunds"),
            "application/json",
            r#"{"refunded_amount": 25000, "reference": "return-1"}"#.into(),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);

    // The portal in English (whose dates are never ISO): the owner signs in and looks around.
    shop.sign_in(&shop.a, "display@butik-a.se").await;
    choose_language(&shop.app, Lang::En).await;
    let codes = stored_codes(&shop).await;
    for must in ["order.capture", "order.refund", "APPROVED", "portal.login"] {
        assert!(codes.contains(must), "no {must} stored: {codes:?}");
    }
    for path in [
        "/portal".to_string(),
        format!("/portal/orders/{order_id}"),
        "/portal/api-keys".into(),
        "/portal/batches".into(),
    ] {
        let page = shop.app.get(&path).await;
        check(&path, page.status, &page.body, &codes);
    }

    // Staff, in English.
    shop.app.forget_cookies();
    shop.app
        .signed_in("display@kreditor.test", Role::Admin)
        .await;
    choose_language(&shop.app, Lang::En).await;
    let order_page = shop.app.get(&format!("/orders/{order_id}")).await.body;
    let link = |area: &str| {
        order_page
            .split(&format!("href=\"/{area}/"))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("no {area} link: {order_page}"))
            .to_string()
    };
    let (decision_id, customer_id) = (link("credit/decisions"), link("customers"));
    let codes = stored_codes(&shop).await;
    for path in [
        "/".to_string(),
        "/orders".into(),
        format!("/orders/{order_id}"),
        "/invoices".into(),
        format!("/invoices/{invoice_id}"),
        "/credit/decisions".into(),
        format!("/credit/decisions/{decision_id}"),
        format!("/customers/{customer_id}"),
        "/credit/providers".into(),
        format!("/merchants/{}", shop.a.merchant_id),
        "/settings".into(),
        "/audit".into(),
    ] {
        let page = shop.app.get(&path).await;
        check(&path, page.status, &page.body, &codes);
    }
}
