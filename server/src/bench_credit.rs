//! `server bench-credit`: decisions per second of the pure PolicyEngine on the default Swedish
//! ruleset with generated facts. It prints figures; it is not a test.

use std::time::Instant;

use app::credit::policy::{compile, default_ruleset_source, evaluate, FactValue, Facts, Outcome};
use app::ktime::Country;
use app::money::{Currency, Money};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;

/// Facts of a plausible Swedish invoice order, varied by a seeded generator; a few have no
/// score or an unknown IP country, as in life.
fn facts(rng: &mut StdRng) -> Facts {
    let sek = |minor: i64| FactValue::Money(Money::from_minor(minor, Currency::Sek));
    let num = |n: i64| FactValue::Number(Decimal::from(n));
    let text = |s: &str| FactValue::String(s.to_string());
    let mut f = Facts::new()
        .with("order.amount", sek(rng.gen_range(10_000..3_000_000)))
        .with("order.currency", text("SEK"))
        .with("order.product", text("invoice"))
        .with("customer.age", num(rng.gen_range(16..90)))
        .with("customer.exposure", sek(rng.gen_range(0..3_000_000)))
        .with(
            "customer.overdue_count",
            num(if rng.gen_range(0..10) == 0 { 1 } else { 0 }),
        )
        .with("customer.oldest_overdue_days", num(rng.gen_range(0..60)))
        .with("customer.is_new", FactValue::Bool(rng.gen_range(0..3) == 0))
        .with("customer.country", text("SE"))
        .with("customer.previous_rejections", num(rng.gen_range(0..3)))
        .with(
            "address.available",
            FactValue::Bool(rng.gen_range(0..50) != 0),
        )
        .with("merchant.id", text(&format!("m{}", rng.gen_range(0..200))))
        .with("merchant.country", text("SE"));
    let scored = rng.gen_range(0..20) != 0;
    f.insert("score.available", FactValue::Bool(scored));
    if scored {
        f.insert("score.value", num(rng.gen_range(0..1000)));
        f.insert(
            "score.risk_class",
            text(["A", "B", "C", "D", "E"][rng.gen_range(0..5)]),
        );
    }
    let ip_known = rng.gen_range(0..10) != 0;
    f.insert("request.ip_country_known", FactValue::Bool(ip_known));
    if ip_known {
        f.insert(
            "request.ip_country",
            text(if rng.gen_range(0..20) == 0 {
                "DE"
            } else {
                "SE"
            }),
        );
    }
    f
}

/// Runs the benchmark.
pub fn run(decisions: usize) -> Result<(), Box<dyn std::error::Error>> {
    let ruleset = compile(default_ruleset_source(Country::SE))
        .map_err(|e| format!("default ruleset: {e:?}"))?;
    let mut rng = StdRng::seed_from_u64(4);
    let inputs: Vec<Facts> = (0..decisions.min(100_000))
        .map(|_| facts(&mut rng))
        .collect();
    let started = Instant::now();
    let (mut approved, mut rejected, mut referred) = (0usize, 0usize, 0usize);
    for i in 0..decisions {
        match evaluate(&ruleset, &inputs[i % inputs.len()]).outcome {
            Outcome::Approve => approved += 1,
            Outcome::Reject => rejected += 1,
            Outcome::Refer => referred += 1,
        }
    }
    let elapsed = started.elapsed();
    let per_second = (decisions as u128) * 1_000_000 / elapsed.as_micros().max(1);
    println!(
        "bench-credit: {decisions} decisions on the default SE ruleset in {:.3} s",
        elapsed.as_secs_f64()
    );
    println!(
        "  {per_second} decisions/s (pure engine, one core), {} µs per decision",
        elapsed.as_micros() / (decisions as u128).max(1)
    );
    println!("  outcomes: {approved} approved, {rejected} rejected, {referred} referred");
    Ok(())
}
