//! Every main page in each of the six languages: the page says which language it is in, shows
//! that language's words, and no message is missing (a missing Fluent message shows its id,
//! e.g. `nav-orders`, which this crawl looks for in the visible text of each page).

use std::collections::BTreeSet;

use crate::common::orders::{order, Shop};
use crate::common::{choose_language, visible_text, TestResponse};
use app::auth::Role;
use app::i18n::{tr, Lang};
use axum::http::{Method, StatusCode};
use serde_json::Value;

/// Every message id of the English files (the parity test makes the others equal).
fn message_ids() -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales/en");
    let mut ids = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for line in text.lines() {
            if let Some((id, _)) = line.split_once(" = ") {
                if id.starts_with(|c: char| c.is_ascii_alphabetic()) && !id.contains(' ') {
                    ids.insert(id.to_string());
                }
            }
        }
    }
    ids
}

/// Message ids (with `-` or `_`, so ordinary words do not count) shown as text.
fn missing_ids(html: &str, ids: &BTreeSet<String>) -> Vec<String> {
    visible_text(html)
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| (w.contains('-') || w.contains('_')) && ids.contains(*w))
        .map(str::to_string)
        .collect()
}

fn check(page: &TestResponse, path: &str, lang: Lang, ids: &BTreeSet<String>) {
    assert_eq!(
        page.status,
        StatusCode::OK,
        "{path} in {lang:?}: {}",
        page.body
    );
    assert!(
        page.body.contains(&format!("lang=\"{}\"", lang.code())),
        "{path} is not marked {}",
        lang.code()
    );
    let missing = missing_ids(&page.body, ids);
    assert!(
        missing.is_empty(),
        "{path} in {}: missing messages {missing:?}",
        lang.code()
    );
}

async fn choose(shop: &Shop, lang: Lang) {
    choose_language(&shop.app, lang).await;
}

#[test]
fn the_crawl_sees_a_missing_message_and_ignores_scripts() {
    let ids: BTreeSet<String> = ["nav-orders".to_string()].into_iter().collect();
    assert_eq!(
        missing_ids("<p>Ordrar</p><b>nav-orders</b>", &ids),
        vec!["nav-orders"]
    );
    assert!(missing_ids("<script>var a='nav-orders';</script><p>x</p>", &ids).is_empty());
    assert!(missing_ids("<a data-x=\"nav-orders\">Ordrar</a>", &ids).is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn every_main_page_renders_in_all_six_languages_without_a_missing_message() {
    let shop = Shop::new().await;
    let ids = message_ids();
    assert!(ids.len() > 500, "{}", ids.len());
    let order_id = shop
        .create(&shop.a, &order("lang-1", "lang@example.se"))
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

    shop.app
        .signed_in("polyglot@kreditor.test", Role::Admin)
        .await;
    let staff_pages = [
        "/".to_string(),
        "/customers".into(),
        "/merchants".into(),
        format!("/merchants/{}", shop.a.merchant_id),
        "/orders".into(),
        format!("/orders/{order_id}"),
        "/invoices".into(),
        "/credit/rulesets".into(),
        "/credit/decisions".into(),
        "/credit/providers".into(),
        "/bookkeeping".into(),
        "/bookkeeping/journal".into(),
        "/bookkeeping/accounts".into(),
        "/settings".into(),
        "/audit".into(),
        format!("/invoices/{invoice_id}"),
    ];
    for lang in Lang::ALL {
        choose(&shop, lang).await;
        for path in &staff_pages {
            let page = shop.app.get(path).await;
            check(&page, path, lang, &ids);
        }
        // The dashboard shows this language's own word for "Orders" in the menu.
        let home = shop.app.get("/").await;
        assert!(
            home.body.contains(&tr(lang, "nav-orders")),
            "{}: no {:?}",
            lang.code(),
            tr(lang, "nav-orders")
        );
    }

    shop.sign_in(&shop.a, "polyglot@butik-a.se").await;
    let portal_pages = [
        "/portal".to_string(),
        format!("/portal/orders/{order_id}"),
        "/portal/api-keys".into(),
        "/portal/batches".into(),
    ];
    for lang in Lang::ALL {
        choose(&shop, lang).await;
        for path in &portal_pages {
            let page = shop.app.get(path).await;
            check(&page, path, lang, &ids);
        }
    }
    // Signed out: both login pages.
    shop.app.forget_cookies();
    for lang in Lang::ALL {
        let _ = shop.app.get("/login").await;
        choose(&shop, lang).await;
        for path in ["/login", "/portal/login"] {
            let page = shop.app.get(path).await;
            check(&page, path, lang, &ids);
        }
    }
}
