//! The credit limit holds under concurrency: parallel orders for one customer (at one
//! merchant or several) are decided one after another on the exposure the others left, and a
//! stepwise increase through `PATCH …/authorization` is decided on the new total, exactly
//! like one big order.

use std::sync::Arc;

use crate::common::orders::{add_person, Shop};
use app::kdb::ScopedFutureExt;
use app::ktime::Country;
use axum::http::{Method, StatusCode};
use chrono::NaiveDate;
use serde_json::{json, Value};
use server::demo_merchant::ReadyMerchant;

/// The SE default ruleset's limit: `customer.exposure + order.amount > 25000 SEK` rejects.
const LIMIT: i64 = 2_500_000;

fn person(seq: u32) -> String {
    app::customers::national_id::generate_valid(
        Country::SE,
        NaiveDate::from_ymd_opt(1975, 6, 1).unwrap(),
        seq,
    )
    .unwrap()
}

/// An order of `amount` (one line at 25 % VAT) for `national_id`.
fn order_of(national_id: &str, amount: i64, reference: &str) -> Value {
    let tax = amount / 5;
    json!({
        "purchase_country": "SE",
        "purchase_currency": "SEK",
        "locale": "sv-SE",
        "order_amount": amount,
        "order_tax_amount": tax,
        "order_lines": [
            {"type": "physical", "reference": "CYKEL", "name": "Cykel", "quantity": 1,
             "unit_price": amount, "tax_rate": 2500, "total_amount": amount, "total_tax_amount": tax}
        ],
        "customer": {"national_identification_number": national_id, "email": "kund@example.se"},
        "merchant_reference1": reference,
        "payment_method": "invoice"
    })
}

/// Open authorizations plus open receivables of the person, summed here (not by the code's
/// own helper).
async fn exposure_of(shop: &Shop, national_id: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct S {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        s: i64,
    }
    let id = national_id.to_string();
    shop.app
        .kdb()
        .read_primary(|c| {
            let id = id.clone();
            async move {
                let s: S = diesel_async::RunQueryDsl::get_result(
                    diesel::sql_query(
                        "SELECT (coalesce((SELECT sum(o.order_amount - o.captured_amount - o.released_amount) \
                           FROM orders o JOIN customers c ON c.id = o.customer_id \
                          WHERE c.national_id = $1 AND o.status IN ('AUTHORIZED', 'PART_CAPTURED')), 0) \
                        + coalesce((SELECT sum(i.total_amount - i.credited_amount - i.paid_amount) \
                           FROM invoices i JOIN customers c ON c.id = i.customer_id \
                          WHERE c.national_id = $1 AND i.status = 'open'), 0))::bigint AS s",
                    )
                    .bind::<diesel::sql_types::Text, _>(id),
                    c,
                )
                .await?;
                Ok::<_, app::kdb::KdbError>(s.s)
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}

/// The logged decisions (outcome, reason) of the person, oldest first.
async fn decisions_of(shop: &Shop, national_id: &str) -> Vec<(String, String)> {
    #[derive(diesel::QueryableByName)]
    struct D {
        #[diesel(sql_type = diesel::sql_types::Text)]
        outcome: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        reason: String,
    }
    let id = national_id.to_string();
    shop.app
        .kdb()
        .read_primary(|c| {
            let id = id.clone();
            async move {
                let rows: Vec<D> = diesel_async::RunQueryDsl::load(
                    diesel::sql_query(
                        "SELECT d.outcome, d.reason FROM credit_decisions d \
                           JOIN customers c ON c.id::text = d.customer_key \
                          WHERE c.national_id = $1 ORDER BY d.id",
                    )
                    .bind::<diesel::sql_types::Text, _>(id),
                    c,
                )
                .await?;
                Ok::<_, app::kdb::KdbError>(rows)
            }
            .scope_boxed()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.outcome, d.reason))
        .collect()
}

/// 20 orders of 8,000 SEK at once for one new customer with a 25,000 SEK limit, spread over
/// `merchants`: exactly 3 fit.
async fn twenty_at_once(shop: Arc<Shop>, national_id: &str, merchants: &[ReadyMerchant]) {
    let amount = 800_000;
    let mut tasks = Vec::new();
    for i in 0..20 {
        let shop = Arc::clone(&shop);
        let who = merchants[i % merchants.len()].clone();
        let body = order_of(national_id, amount, &format!("PAR-{i}"));
        tasks.push(tokio::spawn(async move {
            let res = shop
                .api(
                    &who,
                    Method::POST,
                    "/v1/orders",
                    "application/json",
                    body.to_string(),
                )
                .await;
            (res.status, res.body)
        }));
    }
    let (mut authorized, mut rejected) = (0, 0);
    for t in tasks {
        let (status, body) = t.await.unwrap();
        match status {
            StatusCode::CREATED => authorized += 1,
            StatusCode::FORBIDDEN => {
                let v: Value = serde_json::from_str(&body).unwrap();
                assert_eq!(v["error_code"], "REJECTED", "{body}");
                rejected += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(
        authorized, 3,
        "3 × 8,000 fit a 25,000 limit, a 4th does not"
    );
    assert_eq!(rejected, 17);
    let exposure = exposure_of(&shop, national_id).await;
    assert_eq!(exposure, 3 * amount);
    assert!(exposure <= LIMIT);
    let decisions = decisions_of(&shop, national_id).await;
    assert_eq!(decisions.len(), 20, "every decision logged: {decisions:?}");
    let limit_rejections = decisions
        .iter()
        .filter(|(o, r)| o == "reject" && r == "CREDIT_LIMIT")
        .count();
    assert_eq!(limit_rejections, 17, "{decisions:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_concurrent_orders_at_one_merchant_authorize_exactly_what_the_limit_allows() {
    let shop = Shop::new().await;
    let id = person(301);
    add_person(&shop.app, &id, 800).await;
    let merchants = [shop.a.clone()];
    twenty_at_once(Arc::new(shop), &id, &merchants).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_concurrent_orders_across_two_merchants_authorize_exactly_what_the_limit_allows() {
    let shop = Shop::new().await;
    let id = person(302);
    add_person(&shop.app, &id, 800).await;
    let merchants = [shop.a.clone(), shop.b.clone()];
    twenty_at_once(Arc::new(shop), &id, &merchants).await;
}

/// A new customer's order above 10,000 SEK goes to manual review (`big_new`); raising a
/// small order step by step to the same total must end the same way, and the exposure a
/// PATCH leaves must respect the limit.
#[tokio::test(flavor = "multi_thread")]
async fn stepwise_increases_are_decided_like_one_big_order() {
    let shop = Shop::new().await;
    let (big, steps) = (person(303), person(304));
    add_person(&shop.app, &big, 800).await;
    add_person(&shop.app, &steps, 800).await;

    let res = shop
        .api(
            &shop.a,
            Method::POST,
            "/v1/orders",
            "application/json",
            order_of(&big, 1_200_000, "BIG").to_string(),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    let one_big = decisions_of(&shop, &big).await;
    assert_eq!(one_big.last().unwrap().1, "MANUAL_REVIEW", "{one_big:?}");

    let order_id = shop
        .create(&shop.a, &order_of(&steps, 600_000, "STEP"))
        .await;
    let patch = |amount: i64| {
        let mut body = order_of(&steps, amount, "STEP");
        body.as_object_mut().unwrap().retain(|k, _| {
            ["order_amount", "order_tax_amount", "order_lines"].contains(&k.as_str())
        });
        body.to_string()
    };
    let path = format!("/v1/orders/{order_id}/authorization");
    let res = shop
        .api(
            &shop.a,
            Method::PATCH,
            &path,
            "application/json",
            patch(900_000),
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    let res = shop
        .api(
            &shop.a,
            Method::PATCH,
            &path,
            "application/json",
            patch(1_200_000),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    let stepwise = decisions_of(&shop, &steps).await;
    assert_eq!(stepwise.len(), 3, "{stepwise:?}");
    assert_eq!(stepwise.last(), one_big.last(), "like one big order");
    assert_eq!(exposure_of(&shop, &steps).await, 900_000);

    // The limit counts the new total once (not the old amount plus the new total): a second
    // order of 9,000 beside it, then raising the first to 10,000 (19,000 in all) passes,
    // raising it to 17,000 (26,000 in all) does not.
    shop.create(&shop.a, &order_of(&steps, 900_000, "STEP-2"))
        .await;
    let res = shop
        .api(
            &shop.a,
            Method::PATCH,
            &path,
            "application/json",
            patch(1_000_000),
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    let res = shop
        .api(
            &shop.a,
            Method::PATCH,
            &path,
            "application/json",
            patch(1_700_000),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    let last = decisions_of(&shop, &steps).await;
    assert_eq!(last.last().unwrap().1, "CREDIT_LIMIT", "{last:?}");
    assert_eq!(exposure_of(&shop, &steps).await, 1_900_000);
}
