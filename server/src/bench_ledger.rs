//! `server bench-ledger`: about N journal lines of realistic business events, compared like
//! with like against ledger-cli on the same journal and the same date range (all of the data's
//! dates, which run into the next year):
//! - A: loading them into a fresh `kreditor_bench` database + the trial balance, vs
//!   `ledger -f … bal` (which parses the text file and sums it);
//! - B: the trial balance on the loaded data vs `ledger bal` run again (file in the page cache).
//!
//! Rounds run interleaved (A and B of round 1, then of round 2, …) so load on the machine hits
//! both sides alike; it prints each round, the median ratio and the spread, then times the SIE
//! export once. It prints figures; it is not a test.

use std::io::Write;
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

use crate::config::Config;

/// The database the benchmark (re)creates on the configured server.
pub const BENCH_DB: &str = "kreditor_bench";

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
            if let Ok(e) = rules::order_captured(date, &inv, sek(goods), sek(fee), None) {
                batch.push(e);
            }
            let commission = goods * 3 / 100;
            if let Ok(e) = rules::merchant_commission(
                date,
                &inv.merchant_id,
                sek(commission),
                app::ledger::vat::commission_vat(app::ktime::Country::SE),
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

/// Drops and creates the bench database, migrated and empty (not timed).
async fn fresh_database(config: &Config) -> Result<Kdb, Box<dyn std::error::Error>> {
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
    Ok(kdb)
}

/// Posts every entry (2,000 per transaction, as a bulk import would).
async fn load(kdb: &Kdb, entries: &[Entry]) -> Result<(), Box<dyn std::error::Error>> {
    let ctx = Ctx::system("bench-ledger");
    for chunk in entries.chunks(2000) {
        let ctx = &ctx;
        kdb.write(|conn| {
            async move { post_batch(conn, ctx, chunk).await.map(|_| ()) }.scope_boxed()
        })
        .await
        .map_err(|e: LedgerError| e.to_string())?;
    }
    Ok(())
}

/// The trial balance of `from..=to`, timed.
async fn trial_balance(
    kdb: &Kdb,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(std::time::Duration, app::ledger::views::TrialBalance), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let tb = kdb
        .read_primary(|c| {
            async move { app::ledger::reports::trial_balance(c, from, to).await }.scope_boxed()
        })
        .await?;
    Ok((started.elapsed(), tb))
}

/// `ledger -f path bal`, timed; `Err` when ledger-cli is missing or fails.
fn ledger_bal(path: &std::path::Path) -> Result<(std::time::Duration, String), String> {
    let started = Instant::now();
    let out = std::process::Command::new("ledger")
        .arg("-f")
        .arg(path)
        .arg("bal")
        .output()
        .map_err(|e| {
            format!("ledger-cli not available ({e}): `apt-get install ledger` (make bench-ledger does it)")
        })?;
    let elapsed = started.elapsed();
    if !out.status.success() {
        return Err(format!(
            "ledger bal failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok((elapsed, String::from_utf8_lossy(&out.stdout).into_owned()))
}

/// `a / b` in thousandths (integer, for the median and spread).
fn milli_ratio(a: std::time::Duration, b: std::time::Duration) -> u128 {
    a.as_micros() * 1000 / b.as_micros().max(1)
}

/// Thousandths as `1.234`.
fn milli(r: u128) -> String {
    format!("{}.{:03}", r / 1000, r % 1000)
}

/// The median of `values` (the lower middle for an even count) and the spread (max − min).
fn median_spread(values: &[u128]) -> (u128, u128) {
    let mut v = values.to_vec();
    v.sort_unstable();
    let median = v.get((v.len().max(1) - 1) / 2).copied().unwrap_or(0);
    let spread = v.last().copied().unwrap_or(0) - v.first().copied().unwrap_or(0);
    (median, spread)
}

/// Runs the benchmark and prints its figures: `rounds` interleaved rounds of (A) loading the
/// journal into a fresh database + the trial balance vs `ledger bal` parsing the same journal,
/// and (B) the trial balance on the loaded data vs a warm `ledger bal` (its file in the page
/// cache), both over the whole date range of the data; then the SIE export once.
pub async fn run(
    config: &Config,
    target_lines: usize,
    rounds: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let entries = generate(target_lines);
    let line_count: usize = entries.iter().map(|e| e.lines.len()).sum();
    // The same range on both sides: every date the data has (it runs into the next year).
    let from = entries
        .iter()
        .map(|e| e.business_date)
        .min()
        .unwrap_or_default();
    let to = entries
        .iter()
        .map(|e| e.business_date)
        .max()
        .unwrap_or_default();
    println!(
        "bench-ledger: {} entries, {} journal lines (seeded, deterministic), dates {from} to {to}; {rounds} interleaved rounds",
        entries.len(),
        line_count
    );
    let path = std::env::temp_dir().join("kreditor-bench.ledger");
    write_ledger_file(&path, &entries)?;

    let rounds = rounds.max(1);
    let (mut cold, mut warm) = (Vec::new(), Vec::new());
    let mut kdb = None;
    for round in 1..=rounds {
        // A: ours = load into a fresh database + trial balance; theirs = ledger parsing the file.
        let db = fresh_database(config).await?;
        let started = Instant::now();
        load(&db, &entries).await?;
        let load_time = started.elapsed();
        let (tb_cold, tb) = trial_balance(&db, from, to).await?;
        if !tb.balances() {
            return Err("the trial balance does not balance".into());
        }
        let ours = load_time + tb_cold;
        let (ledger_cold, _) = ledger_bal(&path)?;
        // B: the trial balance again on the loaded data vs ledger again (file cached).
        let (tb_warm, _) = trial_balance(&db, from, to).await?;
        let (ledger_warm, _) = ledger_bal(&path)?;
        let (a, b) = (
            milli_ratio(ours, ledger_cold),
            milli_ratio(tb_warm, ledger_warm),
        );
        cold.push(a);
        warm.push(b);
        println!(
            "round {round}: A load {:.2} s ({} lines/s) + trial balance {:.3} s = {:.2} s vs ledger bal {:.3} s → {}x | B trial balance {:.3} s vs warm ledger bal {:.3} s → {}x",
            load_time.as_secs_f64(),
            per_second(line_count, load_time),
            tb_cold.as_secs_f64(),
            ours.as_secs_f64(),
            ledger_cold.as_secs_f64(),
            milli(a),
            tb_warm.as_secs_f64(),
            ledger_warm.as_secs_f64(),
            milli(b),
        );
        kdb = Some(db);
    }
    let (cm, cs) = median_spread(&cold);
    let (wm, ws) = median_spread(&warm);
    println!(
        "A (load + trial balance) / ledger bal:   median {}x, spread {} (min–max over {rounds} rounds)",
        milli(cm),
        milli(cs)
    );
    println!(
        "B (trial balance) / warm ledger bal:     median {}x, spread {}",
        milli(wm),
        milli(ws)
    );

    if let Some(kdb) = kdb {
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
        println!(
            "SIE 4 export:  {:>8.3} s  ({} bytes, {from} to {to}; once, not interleaved)",
            started.elapsed().as_secs_f64(),
            sie.len()
        );
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
    fn median_and_spread() {
        assert_eq!(median_spread(&[3000, 1000, 2000]), (2000, 2000));
        assert_eq!(median_spread(&[1500, 1000, 2000, 4000]), (1500, 3000));
        assert_eq!(milli(1234), "1.234");
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
