//! Invoicing through the order API against the real database: the invoice fee's VAT and the
//! commission's VAT in the books, due dates on banking days, and gapless invoice numbers.

use std::str::FromStr;

use app::kdb::{Ctx, Kdb, KdbError, ScopedFutureExt};
use app::ktime::Country;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine;
use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use server::demo_merchant::{ensure_ready_merchant, ReadyMerchant};

use crate::common::orders::{add_person, order, GOOD};
use crate::common::{TestApp, TestResponse};

/// An app (with `change` applied to its configuration) ready to take orders for [`GOOD`].
async fn app_with(change: impl FnOnce(&mut server::config::Config)) -> TestApp {
    let app = TestApp::with(change).await;
    app::credit::rulesets::store::seed_defaults(app.kdb(), &app.state.services.ktime)
        .await
        .unwrap();
    add_person(&app, GOOD, 800).await;
    app
}

async fn merchant(app: &TestApp, name: &str, org_nr: &str, country: Country) -> ReadyMerchant {
    ensure_ready_merchant(app.kdb(), &app.state.services.ktime, name, org_nr, country)
        .await
        .unwrap()
}

async fn api(app: &TestApp, who: &ReadyMerchant, path: &str, body: &Value) -> TestResponse {
    let auth =
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", who.key_id, who.secret));
    let req = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Basic {auth}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    app.send(req).await
}

fn json_of(res: &TestResponse) -> Value {
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("{e}: {}", res.body))
}

/// Creates an order of 1250.00 SEK for [`GOOD`] at `who`; returns its id.
async fn create(app: &TestApp, who: &ReadyMerchant) -> String {
    let res = api(app, who, "/v1/orders", &order("ref", "a@example.com")).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    json_of(&res)["order_id"].as_str().unwrap().to_string()
}

/// Captures `amount` of order `id`; the response.
async fn capture(app: &TestApp, who: &ReadyMerchant, id: &str, amount: i64) -> TestResponse {
    api(
        app,
        who,
        &format!("/v1/orders/{id}/captures"),
        &json!({"captured_amount": amount}),
    )
    .await
}

async fn capture_ok(app: &TestApp, who: &ReadyMerchant, id: &str, amount: i64) -> Value {
    let res = capture(app, who, id, amount).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    json_of(&res)
}

/// The lines (account, amount, currency) of the journal entry posted under `key`.
async fn entry_lines(kdb: &Kdb, key: String) -> Vec<(i32, Decimal, String)> {
    #[derive(diesel::QueryableByName)]
    struct L {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        account: i32,
        #[diesel(sql_type = diesel::sql_types::Numeric)]
        amount: Decimal,
        #[diesel(sql_type = diesel::sql_types::Text)]
        currency: String,
    }
    kdb.read_primary(|c| {
        let key = key.clone();
        async move {
            let rows: Vec<L> = diesel_async::RunQueryDsl::load(
                diesel::sql_query(
                    "SELECT l.account, l.amount, l.currency FROM journal_lines l \
                     JOIN journal_entries e ON e.id = l.entry_id \
                     WHERE e.idempotency_key = $1 ORDER BY l.line_no",
                )
                .bind::<diesel::sql_types::Text, _>(key),
                c,
            )
            .await?;
            Ok::<_, KdbError>(
                rows.into_iter()
                    .map(|l| (l.account, l.amount, l.currency))
                    .collect(),
            )
        }
        .scope_boxed()
    })
    .await
    .unwrap()
}

fn on(lines: &[(i32, Decimal, String)], account: i32) -> Option<Decimal> {
    lines
        .iter()
        .filter(|l| l.0 == account)
        .map(|l| l.1)
        .reduce(|a, b| a + b)
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Sets the country a merchant is established in.
async fn establish(kdb: &Kdb, merchant_id: uuid::Uuid, country: Country) {
    kdb.write(|c| {
        async move {
            diesel_async::RunQueryDsl::execute(
                diesel::sql_query("UPDATE merchants SET country = $1 WHERE id = $2")
                    .bind::<diesel::sql_types::Text, _>(country.code())
                    .bind::<diesel::sql_types::Uuid, _>(merchant_id),
                c,
            )
            .await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    })
    .await
    .unwrap();
}

async fn sql(kdb: &Kdb, text: &'static str) {
    kdb.write(|c| {
        async move {
            diesel_async::RunQueryDsl::execute(diesel::sql_query(text), c).await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    })
    .await
    .unwrap();
}

/// Point 4: with `INVOICE_FEE_VAT_RATE` 25 %, the 29.00 fee is booked as 23.20 revenue and
/// 5.80 output VAT (the invoice's fee VAT row), not 29.00 revenue.
#[tokio::test(flavor = "multi_thread")]
async fn the_invoice_fee_vat_goes_to_output_vat_and_only_the_net_to_revenue() {
    let app = app_with(|c| c.invoicing.fee_vat.tax_rate = 2500).await;
    let shop = merchant(&app, "Butik A AB", "556000-0001", Country::SE).await;
    let id = create(&app, &shop).await;
    let capture = capture_ok(&app, &shop, &id, 125_000).await;
    let invoice = &capture["invoice"];
    assert_eq!(invoice["invoice_fee"], 2900);
    let lines = entry_lines(
        app.kdb(),
        format!("capture:{}", capture["capture_id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(on(&lines, 1510), Some(dec("1279.00")), "{lines:?}");
    assert_eq!(on(&lines, 2440), Some(dec("-1250.00")), "{lines:?}");
    assert_eq!(on(&lines, 3540), Some(dec("-23.20")), "{lines:?}");
    assert_eq!(on(&lines, 2611), Some(dec("-5.80")), "{lines:?}");
    assert_eq!(
        on(&lines, 3540).unwrap() + on(&lines, 2611).unwrap(),
        dec("-29.00"),
        "net revenue + output VAT = the fee"
    );
    // The books agree with the VAT the invoice prints for the fee.
    let stored: Value = app
        .kdb()
        .read_primary(|c| {
            let id = uuid::Uuid::parse_str(invoice["invoice_id"].as_str().unwrap()).unwrap();
            async move {
                use app::orders::schema::invoices as i;
                use diesel::prelude::*;
                use diesel_async::RunQueryDsl;
                let v: Value = i::table.find(id).select(i::vat_breakdown).first(c).await?;
                Ok::<_, KdbError>(v)
            }
            .scope_boxed()
        })
        .await
        .unwrap();
    assert_eq!(stored["fee"][0]["tax"], 580, "{stored}");
    assert_eq!(stored["fee"][0]["net"], 2320, "{stored}");
}

/// Point 5: the commission's VAT follows the merchant's country — Swedish VAT for a Swedish
/// merchant, reverse charge (no VAT, account 3308) for Finland and Denmark, none (export,
/// account 3305) for Norway — in the order's currency.
#[tokio::test(flavor = "multi_thread")]
async fn the_commission_vat_follows_the_merchant_country() {
    let app = app_with(|_| {}).await;
    // Commission: 2.5 % of 1250.00 + 1.00 = 32.25 (the demo terms).
    for (country, org_nr, revenue_account, vat) in [
        (Country::SE, "556000-0001", 3921, Some(dec("-8.06"))),
        (Country::FI, "556000-0002", 3308, None),
        (Country::DK, "556000-0003", 3308, None),
        (Country::NO, "556000-0004", 3305, None),
    ] {
        // A merchant established in `country` selling to Swedish customers in SEK (the
        // merchant is registered as Swedish first: a merchant's own currency must match
        // the order's; then its country of establishment is set).
        let shop = merchant(
            &app,
            &format!("Butik {}", country.code()),
            org_nr,
            Country::SE,
        )
        .await;
        establish(app.kdb(), shop.merchant_id, country).await;
        let id = create(&app, &shop).await;
        let capture = capture_ok(&app, &shop, &id, 125_000).await;
        let lines = entry_lines(
            app.kdb(),
            format!("commission:{}", capture["capture_id"].as_str().unwrap()),
        )
        .await;
        let gross = dec("32.25") - vat.unwrap_or_default();
        assert_eq!(on(&lines, 2440), Some(gross), "{country:?}: {lines:?}");
        assert_eq!(
            on(&lines, revenue_account),
            Some(dec("-32.25")),
            "{country:?}: {lines:?}"
        );
        assert_eq!(on(&lines, 2611), vat, "{country:?}: {lines:?}");
        assert_eq!(
            lines.len(),
            if vat.is_some() { 3 } else { 2 },
            "{country:?}: {lines:?}"
        );
        assert!(
            lines.iter().all(|l| l.2 == "SEK"),
            "the order's currency: {lines:?}"
        );
    }
}

/// Point 6: a due date on Christmas Eve moves past the holidays and the weekend to the next
/// Swedish banking day, and that stored date is what overdue is judged by.
#[tokio::test(flavor = "multi_thread")]
async fn a_due_date_on_a_bank_holiday_moves_to_the_next_banking_day() {
    let app = app_with(|_| {}).await;
    let shop = merchant(&app, "Butik A AB", "556000-0001", Country::SE).await;
    let ctx = Ctx::system("test");
    // 10 December 2026 + 14 days = Thursday 24 December (Christmas Eve), then Christmas Day,
    // Boxing Day (Saturday), Sunday → Monday 28 December.
    app.state
        .services
        .ktime
        .set(
            app.kdb(),
            &ctx,
            Utc.with_ymd_and_hms(2026, 12, 10, 10, 0, 0).unwrap(),
            true,
        )
        .await
        .unwrap();
    let id = create(&app, &shop).await;
    let invoice = capture_ok(&app, &shop, &id, 125_000).await["invoice"].clone();
    assert_eq!(invoice["invoice_date"], "2026-12-10");
    assert_eq!(invoice["due_date"], "2026-12-28", "{invoice}");
    // Not overdue on the 28th, overdue on the 29th (the credit facts read the stored date).
    let overdue = |at: (u32, u32)| {
        let app = &app;
        let ctx = &ctx;
        async move {
            app.state
                .services
                .ktime
                .set(
                    app.kdb(),
                    ctx,
                    Utc.with_ymd_and_hms(2026, at.0, at.1, 10, 0, 0).unwrap(),
                    true,
                )
                .await
                .unwrap();
            #[derive(diesel::QueryableByName)]
            struct N {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let today = NaiveDate::from_ymd_opt(2026, at.0, at.1).unwrap();
            app.kdb()
                .read_primary(|c| {
                    async move {
                        let n: N = diesel_async::RunQueryDsl::get_result(
                            diesel::sql_query(
                                "SELECT count(*) AS n FROM invoices WHERE status = 'open' AND due_date < $1",
                            )
                            .bind::<diesel::sql_types::Date, _>(today),
                            c,
                        )
                        .await?;
                        Ok::<_, KdbError>(n.n)
                    }
                    .scope_boxed()
                })
                .await
                .unwrap()
        }
    };
    assert_eq!(overdue((12, 28)).await, 0);
    assert_eq!(overdue((12, 29)).await, 1);
}

/// Point 7: a capture that fails after taking its invoice number (here the ledger refuses an
/// inactive account, so the whole capture rolls back) gives the number back: the next
/// invoice gets the next number, no gap.
#[tokio::test(flavor = "multi_thread")]
async fn a_rolled_back_capture_leaves_no_gap_in_the_invoice_numbers() {
    let app = app_with(|_| {}).await;
    let shop = merchant(&app, "Butik A AB", "556000-0001", Country::SE).await;
    let (first, second, third) = (
        create(&app, &shop).await,
        create(&app, &shop).await,
        create(&app, &shop).await,
    );
    let n1 = capture_ok(&app, &shop, &first, 125_000).await["invoice"]["invoice_number"]
        .as_i64()
        .unwrap();
    // The capture posts to 2440 after the number is allocated: make that posting fail.
    sql(
        app.kdb(),
        "UPDATE ledger_accounts SET active = false WHERE number = 2440",
    )
    .await;
    let res = capture(&app, &shop, &second, 125_000).await;
    assert!(res.status.is_server_error(), "{} {}", res.status, res.body);
    sql(
        app.kdb(),
        "UPDATE ledger_accounts SET active = true WHERE number = 2440",
    )
    .await;
    let n2 = capture_ok(&app, &shop, &third, 125_000).await["invoice"]["invoice_number"]
        .as_i64()
        .unwrap();
    assert_eq!(n2, n1 + 1, "the rolled-back capture's number was reused");
    // A refund's credit note takes the next number of the same series.
    let res = capture_ok(&app, &shop, &second, 125_000).await;
    assert_eq!(res["invoice"]["invoice_number"].as_i64().unwrap(), n1 + 2);
    let res = api(
        &app,
        &shop,
        &format!("/v1/orders/{second}/refunds"),
        &json!({"refunded_amount": 1000}),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(
        json_of(&res)["credit_note"]["credit_note_number"].as_i64(),
        Some(n1 + 3)
    );
}

/// Point 7: concurrent captures get distinct, consecutive numbers.
#[tokio::test(flavor = "multi_thread")]
async fn concurrent_captures_get_distinct_consecutive_numbers() {
    let app = std::sync::Arc::new(app_with(|_| {}).await);
    let shop = std::sync::Arc::new(merchant(&app, "Butik A AB", "556000-0001", Country::SE).await);
    let mut ids = Vec::new();
    for _ in 0..8 {
        ids.push(create(&app, &shop).await);
    }
    let mut tasks = Vec::new();
    for id in ids {
        let (app, shop) = (app.clone(), shop.clone());
        tasks.push(tokio::spawn(async move {
            capture_ok(&app, &shop, &id, 125_000).await["invoice"]["invoice_number"]
                .as_i64()
                .unwrap()
        }));
    }
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.unwrap());
    }
    numbers.sort_unstable();
    let first = numbers[0];
    assert_eq!(numbers, (first..first + 8).collect::<Vec<_>>());
}
