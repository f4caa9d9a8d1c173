//! The facts `credit::decide` gathers from Kreditor's own data, checked against orders and
//! invoices made through the order services: exposure, overdue invoices, previous rejections,
//! newness, age and IP country.

use crate::common::TestApp;
use app::credit::decide::{decide, CreditApplication};
use app::credit::policy::FactValue;
use app::credit::rulesets::types::Product;
use app::customers::national_id::NationalId;
use app::kdb::{Ctx, ScopedFutureExt};
use app::ktime::Country;
use app::money::{Currency, Money};
use app::orders::idempotency::Reply;
use app::orders::types::{CaptureRequest, CreateOrderRequest};
use rust_decimal::Decimal;
use server::demo_merchant::ensure_ready_merchant;

const PERSON: &str = "194408139089";

fn order(amount: i64) -> CreateOrderRequest {
    serde_json::from_value(serde_json::json!({
        "purchase_country": "SE", "purchase_currency": "SEK",
        "order_amount": amount, "order_tax_amount": amount / 5,
        "order_lines": [{"name": "Vara", "quantity": 1, "unit_price": amount, "tax_rate": 2500,
                         "total_amount": amount, "total_tax_amount": amount / 5}],
        "customer": {"national_identification_number": PERSON}
    }))
    .unwrap()
}

fn money(facts: &app::credit::policy::Facts, name: &str) -> Money {
    match facts.get(name) {
        Some(FactValue::Money(m)) => *m,
        other => panic!("{name}: {other:?}"),
    }
}

fn number(facts: &app::credit::policy::Facts, name: &str) -> Decimal {
    match facts.get(name) {
        Some(FactValue::Number(n)) => *n,
        other => panic!("{name}: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn facts_follow_orders_invoices_rejections_and_the_clock() {
    let app = TestApp::new().await;
    let services = &app.state.services;
    let kdb = app.kdb();
    app::credit::rulesets::store::seed_defaults(kdb, &services.ktime)
        .await
        .unwrap();
    kdb.write(|c| {
        async move {
            diesel_async::RunQueryDsl::execute(
                diesel::sql_query(
                    "INSERT INTO registry_people VALUES ('SE', '194408139089', 'Test', 'Person', \
                     'Storgatan 1', '114 55', 'Stockholm', 800, 'B', now())",
                ),
                c,
            )
            .await?;
            Ok::<_, app::kdb::KdbError>(())
        }
        .scope_boxed()
    })
    .await
    .unwrap();
    let csv = "start_ip,end_ip,country\n192.0.2.0,192.0.2.255,NO\n";
    app::credit::ip_ranges::import_ip_ranges_csv(kdb, &Ctx::system("test"), csv.as_bytes())
        .await
        .unwrap();
    let shop = ensure_ready_merchant(kdb, &services.ktime, "Butik AB", "556000-0001", Country::SE)
        .await
        .unwrap();
    let ctx = Ctx::system("test");
    let today = services.ktime.today(kdb, Country::SE).await.unwrap();
    let id = NationalId::parse(Country::SE, PERSON, today).unwrap();

    let facts_now = |ip: &'static str| {
        let id = id.clone();
        async move {
            let customer_id = kdb
                .read_primary(|c| {
                    let id = &id;
                    async move { app::customers::records::find_id(c, id).await }.scope_boxed()
                })
                .await
                .unwrap()
                .unwrap_or_else(uuid::Uuid::new_v4);
            decide(
                kdb,
                &services.ktime,
                &services.providers,
                &CreditApplication {
                    merchant_id: shop.merchant_id,
                    merchant_country: Country::SE,
                    customer_id,
                    national_id: &id,
                    product: Product::Invoice,
                    amount: Money::from_minor(10_000, Currency::Sek),
                    order_ref: "probe",
                    ip: Some(ip.parse().unwrap()),
                },
            )
            .await
            .unwrap()
            .facts
        }
    };

    // A new customer: nothing open, age from the id, IP country from the table.
    let f = facts_now("192.0.2.7").await;
    assert_eq!(
        money(&f, "customer.exposure"),
        Money::from_minor(0, Currency::Sek)
    );
    assert_eq!(f.get("customer.is_new"), Some(&FactValue::Bool(true)));
    assert_eq!(number(&f, "customer.age"), Decimal::from(id.age_on(today)));
    assert_eq!(
        f.get("request.ip_country"),
        Some(&FactValue::String("NO".into()))
    );
    let f = facts_now("198.51.100.1").await;
    assert_eq!(
        f.get("request.ip_country_known"),
        Some(&FactValue::Bool(false))
    );
    assert_eq!(f.get("request.ip_country"), None);

    // Two orders, one captured: exposure = open authorization + open invoice (incl. fee).
    let mut ids = Vec::new();
    for amount in [100_000, 50_000] {
        let Reply::Fresh(created) = app::orders::authorize::create_order(
            services,
            &ctx,
            shop.merchant_id,
            &order(amount),
            None,
        )
        .await
        .unwrap() else {
            panic!("fresh")
        };
        ids.push(created.order_id);
    }
    let capture = CaptureRequest {
        captured_amount: Some(50_000),
        ..Default::default()
    };
    app::orders::capture::capture_order(services, &ctx, shop.merchant_id, ids[1], &capture, None)
        .await
        .unwrap();
    let f = facts_now("192.0.2.7").await;
    assert_eq!(
        money(&f, "customer.exposure"),
        Money::from_minor(100_000 + 50_000 + 2_900, Currency::Sek)
    );
    assert_eq!(number(&f, "customer.overdue_count"), Decimal::ZERO);

    // 20 days on (terms: 14 days), the invoice is overdue by 6 days.
    services
        .ktime
        .advance(kdb, &ctx, chrono::Duration::days(20))
        .await
        .unwrap();
    let f = facts_now("192.0.2.7").await;
    assert_eq!(number(&f, "customer.overdue_count"), Decimal::ONE);
    // (6 days when the due date is a banking day; fewer when it moved past a holiday.)
    let due = app::invoices::banking_days::due_date(Country::SE, today, 14);
    assert_eq!(
        number(&f, "customer.oldest_overdue_days"),
        Decimal::from((today + chrono::Duration::days(20) - due).num_days())
    );

    // The overdue debt rejects the next order, and that rejection is counted next time.
    let rejected = app::orders::authorize::create_order(
        services,
        &ctx,
        shop.merchant_id,
        &order(10_000),
        None,
    )
    .await;
    assert!(
        matches!(&rejected, Err(app::orders::error::OrderError::Rejected { reason, .. }) if reason == "OVERDUE_DEBT"),
        "{rejected:?}"
    );
    let f = facts_now("192.0.2.7").await;
    assert_eq!(number(&f, "customer.previous_rejections"), Decimal::ONE);
}
