//! `server bench-credit`, second half: end-to-end credit decisions — facts gathered from the
//! database (exposure, overdue invoices, rejections, IP country) and the guarded registry
//! provider, then the PolicyEngine — in a fresh `kreditor_bench_credit` database with a few
//! thousand customers who already have orders and invoices. Prints decisions per second and
//! latency percentiles; it is not a test.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::credit::decide::{decide, CreditApplication};
use app::credit::rulesets::types::Product;
use app::customers::national_id::NationalId;
use app::kdb::{Ctx, Kdb, KdbConfig, KdbError, ScopedFutureExt};
use app::ktime::{Country, Ktime};
use app::money::{Currency, Money};
use app::orders::types::CreateOrderRequest;
use app::services::Services;
use diesel_async::{RunQueryDsl, SimpleAsyncConnection};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::bench_ledger::with_db;
use crate::config::Config;

/// The database the benchmark (re)creates.
pub const BENCH_DB: &str = "kreditor_bench_credit";

/// Concurrent deciders (as many order requests in flight).
const CONCURRENCY: usize = 8;

/// The `p`-th percentile (0–100) of sorted durations, in microseconds.
fn percentile(sorted: &[Duration], p: usize) -> u128 {
    if sorted.is_empty() {
        return 0;
    }
    let i = (sorted.len() - 1) * p / 100;
    sorted[i].as_micros()
}

fn order_of(id: &str, amount: i64) -> CreateOrderRequest {
    let tax = amount / 5;
    serde_json::from_value(serde_json::json!({
        "purchase_country": "SE", "purchase_currency": "SEK", "locale": "sv-SE",
        "order_amount": amount, "order_tax_amount": tax,
        "order_lines": [{"name": "Vara", "quantity": 1, "unit_price": amount, "tax_rate": 2500,
                         "total_amount": amount, "total_tax_amount": tax}],
        "customer": {"national_identification_number": id},
        "customer_ip": "192.0.2.10"
    }))
    .unwrap_or_default()
}

/// Runs the end-to-end half with `decisions` decisions.
pub async fn run(config: &Config, decisions: usize) -> Result<(), Box<dyn std::error::Error>> {
    let admin = Kdb::new(KdbConfig::new(
        with_db(&config.db.write_url, "postgres"),
        None,
    ))?;
    admin
        .read_primary(|c| {
            async move {
                c.batch_execute(&format!("DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)"))
                    .await?;
                c.batch_execute(&format!("CREATE DATABASE {BENCH_DB}"))
                    .await?;
                Ok::<_, KdbError>(())
            }
            .scope_boxed()
        })
        .await?;
    let mut db = KdbConfig::new(with_db(&config.db.write_url, BENCH_DB), None);
    db.pool_size = 16;
    let kdb = Kdb::new(db)?;
    kdb.migrate().await?;
    let ktime = Ktime::new(config.env);
    let services = Services {
        kdb: kdb.clone(),
        ktime,
        auth: config.auth.clone(),
        login_limits: std::sync::Arc::new(app::auth::throttle::LoginLimits::new(&config.auth)),
        providers: config.providers.build(&kdb)?,
        invoicing: config.invoicing,
        rejection_alert: config.rejection_alert,
    };
    app::credit::rulesets::store::seed_defaults(&kdb, &ktime).await?;
    crate::demo::load_demo_registry(&kdb, &ktime).await?;
    crate::demo::load_demo_ip_ranges(&kdb).await?;
    let shop = crate::demo_merchant::ensure_ready_merchant(
        &kdb,
        &ktime,
        "Benchbutiken AB",
        "556677-0099",
        Country::SE,
    )
    .await
    .map_err(|e| e.to_string())?;
    let ids: Vec<String> = kdb
        .read_primary(|c| {
            async move {
                use app::credit::providers::schema::registry_people as r;
                use diesel::{ExpressionMethods, QueryDsl};
                Ok::<_, KdbError>(
                    r::table
                        .filter(r::country.eq("SE"))
                        .select(r::national_id)
                        .load(c)
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await?;
    // History: one order per person, half of them captured into an open invoice.
    let ctx = Ctx::system("bench-credit");
    let setup = Instant::now();
    let mut rng = StdRng::seed_from_u64(5);
    let (mut orders, mut captures) = (0usize, 0usize);
    for id in &ids {
        let amount = rng.gen_range(10_000..500_000);
        let created = app::orders::authorize::create_order(
            &services,
            &ctx,
            shop.merchant_id,
            &order_of(id, amount),
            None,
        )
        .await;
        if let Ok(app::orders::idempotency::Reply::Fresh(created)) = created {
            orders += 1;
            if rng.gen_bool(0.5) {
                let capture = app::orders::types::CaptureRequest {
                    captured_amount: Some(amount),
                    ..Default::default()
                };
                if app::orders::capture::capture_order(
                    &services,
                    &ctx,
                    shop.merchant_id,
                    created.order_id,
                    &capture,
                    None,
                )
                .await
                .is_ok()
                {
                    captures += 1;
                }
            }
        }
    }
    println!(
        "bench-credit (end to end): {} people in the registry, {orders} orders and {captures} invoices as history ({:.1} s setup)",
        ids.len(),
        setup.elapsed().as_secs_f64()
    );
    let customers: Vec<(uuid::Uuid, NationalId)> = {
        let today = ktime.today(&kdb, Country::SE).await?;
        let mut out = Vec::new();
        for id in &ids {
            let parsed = NationalId::parse(Country::SE, id, today)?;
            let found = kdb
                .read_primary(|c| {
                    let parsed = &parsed;
                    async move { app::customers::records::find_id(c, parsed).await }.scope_boxed()
                })
                .await?;
            out.push((found.unwrap_or_else(uuid::Uuid::new_v4), parsed));
        }
        out
    };
    let customers = Arc::new(customers);
    let services = Arc::new(services);
    let started = Instant::now();
    let per_task = decisions / CONCURRENCY;
    let mut tasks = Vec::new();
    for t in 0..CONCURRENCY {
        let (customers, services) = (Arc::clone(&customers), Arc::clone(&services));
        let merchant = shop.merchant_id;
        tasks.push(tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(100 + t as u64);
            let mut latencies = Vec::with_capacity(per_task);
            let mut outcomes = [0usize; 3];
            for _ in 0..per_task {
                let (customer_id, id) = &customers[rng.gen_range(0..customers.len())];
                let order_ref = uuid::Uuid::new_v4().to_string();
                let one = Instant::now();
                let decided = decide(
                    &services.kdb,
                    &services.ktime,
                    &services.providers,
                    &CreditApplication {
                        merchant_id: merchant,
                        merchant_country: Country::SE,
                        customer_id: *customer_id,
                        national_id: id,
                        product: Product::Invoice,
                        amount: Money::from_minor(rng.gen_range(10_000..1_500_000), Currency::Sek),
                        order_ref: &order_ref,
                        ip: Some(
                            "192.0.2.10"
                                .parse()
                                .unwrap_or(std::net::IpAddr::from([127, 0, 0, 1])),
                        ),
                    },
                )
                .await;
                latencies.push(one.elapsed());
                if let Ok(d) = decided {
                    outcomes[match d.decision.outcome {
                        app::credit::policy::Outcome::Approve => 0,
                        app::credit::policy::Outcome::Reject => 1,
                        app::credit::policy::Outcome::Refer => 2,
                    }] += 1;
                }
            }
            (latencies, outcomes)
        }));
    }
    let mut latencies = Vec::new();
    let mut outcomes = [0usize; 3];
    for t in tasks {
        let (l, o) = t.await?;
        latencies.extend(l);
        for i in 0..3 {
            outcomes[i] += o[i];
        }
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    let n = latencies.len();
    println!(
        "  {n} decisions with {CONCURRENCY} concurrent deciders in {:.2} s: {} decisions/s",
        elapsed.as_secs_f64(),
        (n as u128) * 1_000_000 / elapsed.as_micros().max(1)
    );
    println!(
        "  latency p50 {} µs, p95 {} µs, p99 {} µs (facts: one primary round trip for history + IP, registry via the guarded provider with its cache)",
        percentile(&latencies, 50),
        percentile(&latencies, 95),
        percentile(&latencies, 99)
    );
    println!(
        "  outcomes: {} approved, {} rejected, {} referred",
        outcomes[0], outcomes[1], outcomes[2]
    );
    Ok(())
}
