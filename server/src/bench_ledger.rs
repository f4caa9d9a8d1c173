//! `server bench-ledger`: posts about N journal lines of realistic business events into a
//! fresh `kreditor_bench` database, then times the trial balance and the SIE 4 export; it also
//! writes the same journal in ledger-cli format and times `ledger -f … bal` on it, printing
//! both times and their ratio. It prints figures; it is not a test.

use std::io::Write;
use std::str::FromStr;
use std::time::Instant;

use app::kdb::{Ctx, Kdb, KdbConfig, KdbError, ScopedFutureExt};
use app::ledger::entry::Entry;
use app::ledger::post::{post_batch, LedgerError};
use app::ledger::rules::{self, InvoiceRef};
use app::money::{Currency, Money};
use chrono::{Duration, NaiveDate};
use diesel_async::SimpleAsyncConnection;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;

use crate::config::Config;

/// The database the benchmark (re)creates on the configured server.
pub const BENCH_DB: &str = "kreditor_bench";

/// `a / b` as a decimal string with one digit after the point (timings are not money, but the
/// project keeps floats out altogether).
fn ratio(a: std::time::Duration, b: std::time::Duration) -> String {
    let tenths = a.as_micros() * 10 / b.as_micros().max(1);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Whole units per second.
fn per_second(count: usize, d: std::time::Duration) -> u128 {
    (count as u128) * 1_000_000 / d.as_micros().max(1)
}

/// `url` with its database name replaced by `db`.
pub fn with_db(url: &str, db: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let cut = base
        .rfind('/')
        .filter(|i| base[..*i].contains("://") && *i > base.find("://").unwrap_or(0) + 2)
        .unwrap_or(base.len());
    let mut out = format!("{}/{db}", &base[..cut]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

fn sek(minor: i64) -> Money {
    Money::from_minor(minor, Currency::Sek)
}

/// Realistic events in date order until about `target` lines: captures with fees, commission,
/// payments, some reminders with late interest, some credit notes, some write-offs, and a
/// monthly payout per merchant.
fn generate(target: usize) -> Vec<Entry> {
    let mut rng = StdRng::seed_from_u64(20261128);
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let days = 360;
    let mut entries = Vec::new();
    let mut lines = 0usize;
    let mut owed = vec![0i64; 200];
    let mut invoice = 0u64;
    let per_day = target / 3 / days + 1;
    for day in 0..days {
        let date = start + Duration::days(day as i64);
        for _ in 0..per_day {
            if lines >= target {
                break;
            }
            invoice += 1;
            let m = rng.gen_range(0..owed.len());
            let inv = InvoiceRef {
                merchant_id: format!("m{m}"),
                customer_id: format!("c{}", rng.gen_range(0..50_000)),
                invoice_id: format!("i{invoice}"),
            };
            let goods = rng.gen_range(9_900..500_000i64);
            let fee = 2_900;
            let mut batch = Vec::new();
            if let Ok(e) = rules::order_captured(date, &inv, sek(goods), sek(fee)) {
                batch.push(e);
            }
            let commission = goods * 3 / 100;
            if let Ok(e) = rules::merchant_commission(
                date,
                &inv.merchant_id,
                sek(commission),
                Decimal::from_str("0.25").unwrap_or_default(),
            ) {
                batch.push(e);
            }
            owed[m] += goods - commission - commission / 4;
            let later = date + Duration::days(rng.gen_range(5..40));
            let mut due = goods + fee;
            match rng.gen_range(0..100) {
                0..=79 => batch.push(rules::customer_payment(later, &inv, sek(due))),
                80..=91 => {
                    batch.push(rules::reminder_fee(later, &inv, sek(6_000)));
                    let interest = due / 100;
                    batch.push(rules::late_interest(later, &inv, sek(interest)));
                    due += 6_000 + interest;
                    batch.push(rules::customer_payment(
                        later + Duration::days(14),
                        &inv,
                        sek(due),
                    ));
                }
                92..=95 => {
                    let credit = goods / 2;
                    batch.push(rules::refund_before_payment(later, &inv, sek(credit)));
                    owed[m] -= credit;
                    batch.push(rules::customer_payment(later, &inv, sek(due - credit)));
                }
                _ => {
                    batch.push(rules::moved_to_doubtful(later, &inv, sek(due)));
                    batch.push(rules::write_off(
                        later + Duration::days(30),
                        &inv,
                        sek(due),
                        true,
                    ));
                }
            }
            for e in batch {
                lines += e.lines.len();
                entries.push(e);
            }
        }
        if day % 30 == 29 {
            for (m, amount) in owed.iter_mut().enumerate() {
                if *amount > 0 {
                    let e = rules::settlement_payout(
                        date,
                        &format!("m{m}"),
                        &format!("s{day}-{m}"),
                        sek(*amount),
                    );
                    lines += e.lines.len();
                    entries.push(e);
                    *amount = 0;
                }
            }
        }
    }
    entries.sort_by_key(|e| e.business_date);
    entries
}

/// Writes `entries` as a ledger-cli journal.
fn write_ledger_file(path: &std::path::Path, entries: &[Entry]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for e in entries {
        writeln!(
            out,
            "{} {}",
            e.business_date.format("%Y/%m/%d"),
            e.description
        )?;
        for l in &e.lines {
            writeln!(
                out,
                "    {}    {} {}",
                l.account,
                l.amount.amount(),
                l.amount.currency().code()
            )?;
        }
        writeln!(out)?;
    }
    out.flush()
}

/// Runs the benchmark and prints its figures.
pub async fn run(config: &Config, target_lines: usize) -> Result<(), Box<dyn std::error::Error>> {
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
    let mut bench_config = KdbConfig::new(with_db(&config.db.write_url, BENCH_DB), None);
    bench_config.statement_timeout = std::time::Duration::from_secs(600);
    bench_config.transaction_timeout = std::time::Duration::from_secs(600);
    bench_config.commit_deadline = std::time::Duration::from_secs(600);
    let kdb = Kdb::new(bench_config)?;
    kdb.migrate().await?;

    let entries = generate(target_lines);
    let line_count: usize = entries.iter().map(|e| e.lines.len()).sum();
    println!(
        "bench-ledger: {} entries, {} journal lines (seeded, deterministic)",
        entries.len(),
        line_count
    );

    let ctx = Ctx::system("bench-ledger");
    let started = Instant::now();
    for chunk in entries.chunks(2000) {
        let ctx = &ctx;
        kdb.write(|conn| {
            async move { post_batch(conn, ctx, chunk).await.map(|_| ()) }.scope_boxed()
        })
        .await
        .map_err(|e: LedgerError| e.to_string())?;
    }
    let post_time = started.elapsed();
    println!(
        "post:          {:>8.2} s  ({} lines/s, balance re-checked by the database at every commit)",
        post_time.as_secs_f64(),
        per_second(line_count, post_time)
    );

    let (from, to) = (
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
    );
    let started = Instant::now();
    let tb = kdb
        .read_primary(|c| {
            async move { app::ledger::reports::trial_balance(c, from, to).await }.scope_boxed()
        })
        .await?;
    let tb_time = started.elapsed();
    println!(
        "trial balance: {:>8.3} s  ({} accounts, balanced: {})",
        tb_time.as_secs_f64(),
        tb.rows.len(),
        tb.balances()
    );

    let started = Instant::now();
    let sie = crate::bookkeeping::sie_bytes(
        &kdb,
        &app::ktime::Ktime::new(config.env),
        &config.company,
        "SEK",
        from,
        to,
    )
    .await?;
    let sie_time = started.elapsed();
    println!(
        "SIE 4 export:  {:>8.3} s  ({} bytes)",
        sie_time.as_secs_f64(),
        sie.len()
    );

    let path = std::env::temp_dir().join("kreditor-bench.ledger");
    write_ledger_file(&path, &entries)?;
    let started = Instant::now();
    let ledger = std::process::Command::new("ledger")
        .arg("-f")
        .arg(&path)
        .arg("bal")
        .output();
    let ledger_time = started.elapsed();
    match ledger {
        Ok(out) if out.status.success() => {
            println!(
                "ledger bal:    {:>8.3} s  (ledger-cli on the same journal, {})",
                ledger_time.as_secs_f64(),
                path.display()
            );
            println!(
                "ratio:         trial balance takes {}x the time of `ledger bal` (SIE export {}x)",
                ratio(tb_time, ledger_time),
                ratio(sie_time, ledger_time)
            );
        }
        Ok(out) => println!(
            "ledger bal failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => println!(
            "ledger-cli not available ({e}): `apt-get install ledger` (make bench-ledger does it)"
        ),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_name_is_replaced_keeping_hosts_and_options() {
        assert_eq!(
            with_db(
                "postgres://u@h1:1,h2:2/kreditor?target_session_attrs=read-write",
                "x"
            ),
            "postgres://u@h1:1,h2:2/x?target_session_attrs=read-write"
        );
        assert_eq!(
            with_db("postgres://u@h/kreditor", "postgres"),
            "postgres://u@h/postgres"
        );
    }

    #[test]
    fn generated_entries_balance_and_reach_the_target() {
        let entries = generate(5_000);
        let lines: usize = entries.iter().map(|e| e.lines.len()).sum();
        assert!(lines >= 5_000);
        for e in &entries {
            e.validate().unwrap();
        }
    }
}
