//! `server bench-orders`: the order API under load. In a fresh `kreditor_bench_orders`
//! database on the configured pair (synchronous standby on), the real router is served
//! in-process on an ephemeral port and N clients each loop `POST /v1/orders` → `POST
//! /v1/orders/{id}/captures` (HTTP/1.1 keep-alive over a plain TCP stream, Basic auth, an
//! `Idempotency-Key` per request). It prints pairs per second, requests per second and
//! p50/p95/p99 per endpoint; then, for as many seconds as the API run took, `pgbench` runs a
//! script with the statements the service issues for one create + capture pair
//! (`bench_orders_pgbench.sql`) against the same database on the primary — the database
//! ceiling — and prints the ratio API / ceiling. It prints figures; it is not a test.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::kdb::{KdbConfig, KdbError, ScopedFutureExt};
use app::ktime::Country;
use base64::Engine;
use diesel_async::{RunQueryDsl, SimpleAsyncConnection};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::bench_ledger::with_db;
use crate::config::Config;

/// The database the benchmark (re)creates.
pub const BENCH_DB: &str = "kreditor_bench_orders";

/// The pgbench script: one create + capture pair per pgbench transaction.
pub const PGBENCH_SCRIPT: &str = include_str!("bench_orders_pgbench.sql");

/// Where pgbench is looked for (the newest first), before `PATH`.
const PGBENCH_PATHS: [&str; 3] = [
    "/usr/lib/postgresql/17/bin/pgbench",
    "/usr/lib/postgresql/16/bin/pgbench",
    "/usr/lib/postgresql/15/bin/pgbench",
];

/// Pairs each client runs before the clock starts (connections, caches).
const WARMUP_PAIRS: usize = 5;

/// The `p`-th percentile (0–100) of sorted microsecond latencies (nearest rank below).
pub fn percentile(sorted: &[u64], p: u64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let last = (sorted.len() - 1) as u64;
    let i = usize::try_from(last * p.min(100) / 100).unwrap_or(0);
    sorted[i]
}

/// Thousandths from a decimal text such as `1234.567890` (extra digits are cut off).
fn parse_milli(text: &str) -> Option<u64> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut milli = whole.parse::<u64>().ok()?.checked_mul(1000)?;
    let mut scale = 100;
    for b in frac.bytes().take(3) {
        milli += u64::from(b - b'0') * scale;
        scale /= 10;
    }
    Some(milli)
}

/// The transactions per second pgbench reported, in thousandths (`tps = 812.345678 (without
/// initial connection time)` → 812345). Prefers the figure without connection time.
pub fn parse_pgbench_tps(output: &str) -> Option<u64> {
    let mut any = None;
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("tps = ") else {
            continue;
        };
        let number = rest.split_whitespace().next()?;
        let tps = parse_milli(number)?;
        if rest.contains("without initial connection time") || rest.contains("excluding") {
            return Some(tps);
        }
        any = any.or(Some(tps));
    }
    any
}

/// Failed transactions pgbench reported (`number of failed transactions: 3 (0.1%)`).
pub fn parse_pgbench_failed(output: &str) -> u64 {
    output
        .lines()
        .find_map(|l| l.trim().strip_prefix("number of failed transactions: "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Thousandths as `123.456`-style text with one decimal.
fn milli_text(milli: u64) -> String {
    let tenths = (milli + 50) / 100;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Per-second rate of `count` over `d`, in thousandths.
fn rate_milli(count: usize, d: Duration) -> u64 {
    let per = (count as u128) * 1_000_000_000 / d.as_micros().max(1);
    u64::try_from(per).unwrap_or(u64::MAX)
}

/// One HTTP/1.1 keep-alive connection to the in-process server.
struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
    auth: String,
}

/// An answer: status and body.
struct Answer {
    status: u16,
    body: Vec<u8>,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl Client {
    async fn connect(addr: std::net::SocketAddr, auth: String) -> std::io::Result<Client> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Client {
            stream,
            buf: Vec::with_capacity(8192),
            auth,
        })
    }

    async fn more(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 8192];
        let n = self.stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    async fn post(&mut self, path: &str, key: &str, body: &str) -> std::io::Result<Answer> {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {}\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\n\r\n{body}",
            self.auth,
            body.len()
        );
        self.stream.write_all(request.as_bytes()).await?;
        let head_end = loop {
            if let Some(i) = find(&self.buf, b"\r\n\r\n") {
                break i;
            }
            self.more().await?;
        };
        let head = String::from_utf8_lossy(&self.buf[..head_end]).to_ascii_lowercase();
        let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "bad HTTP answer");
        let status: u16 = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(bad)?;
        let header = |name: &str| {
            head.lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(k, _)| k.trim() == name)
                .map(|(_, v)| v.trim().to_string())
        };
        self.buf.drain(..head_end + 4);
        let body = if let Some(len) = header("content-length") {
            let len: usize = len.parse().map_err(|_| bad())?;
            while self.buf.len() < len {
                self.more().await?;
            }
            self.buf.drain(..len).collect()
        } else if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            let mut body = Vec::new();
            loop {
                let line_end = loop {
                    if let Some(i) = find(&self.buf, b"\r\n") {
                        break i;
                    }
                    self.more().await?;
                };
                let size_text = String::from_utf8_lossy(&self.buf[..line_end]).to_string();
                let size =
                    usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                        .map_err(|_| bad())?;
                while self.buf.len() < line_end + 2 + size + 2 {
                    self.more().await?;
                }
                body.extend_from_slice(&self.buf[line_end + 2..line_end + 2 + size]);
                self.buf.drain(..line_end + 2 + size + 2);
                if size == 0 {
                    break body;
                }
            }
        } else {
            Vec::new()
        };
        Ok(Answer { status, body })
    }
}

/// What one client measured.
#[derive(Default)]
struct Tally {
    create_us: Vec<u64>,
    capture_us: Vec<u64>,
    pairs: usize,
    rejected: usize,
    other: Vec<String>,
}

/// The JSON body of an order for `national_id`.
fn order_body(national_id: &str, amount: i64, reference: &str) -> String {
    let tax = amount / 5;
    serde_json::json!({
        "purchase_country": "SE", "purchase_currency": "SEK", "locale": "sv-SE",
        "order_amount": amount, "order_tax_amount": tax,
        "order_lines": [{"name": "Vara", "quantity": 1, "unit_price": amount, "tax_rate": 2500,
                         "total_amount": amount, "total_tax_amount": tax}],
        "customer": {"national_identification_number": national_id},
        "customer_ip": "192.0.2.10",
        "merchant_reference1": reference
    })
    .to_string()
}

/// One create → capture pair; latencies are added to `tally` when `measure`.
async fn pair(
    client: &mut Client,
    rng: &mut StdRng,
    ids: &[String],
    tally: &mut Tally,
    measure: bool,
) -> std::io::Result<()> {
    let id = &ids[rng.gen_range(0..ids.len())];
    let amount = rng.gen_range(100i64..500) * 100;
    let key = uuid::Uuid::new_v4().to_string();
    let body = order_body(id, amount, &key);
    let started = Instant::now();
    let created = client.post("/v1/orders", &key, &body).await?;
    let create_us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    if measure {
        tally.create_us.push(create_us);
    }
    if created.status == 403 {
        tally.rejected += 1;
        return Ok(());
    }
    let order_id = match (
        created.status,
        serde_json::from_slice::<serde_json::Value>(&created.body),
    ) {
        (201, Ok(v)) => v["order_id"].as_str().unwrap_or_default().to_string(),
        (status, _) => {
            tally.other.push(format!(
                "create {status}: {}",
                String::from_utf8_lossy(&created.body)
            ));
            return Ok(());
        }
    };
    let key = uuid::Uuid::new_v4().to_string();
    let body = serde_json::json!({ "captured_amount": amount }).to_string();
    let started = Instant::now();
    let captured = client
        .post(&format!("/v1/orders/{order_id}/captures"), &key, &body)
        .await?;
    let capture_us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    if measure {
        tally.capture_us.push(capture_us);
    }
    if captured.status == 201 {
        if measure {
            tally.pairs += 1;
        }
    } else {
        tally.other.push(format!(
            "capture {}: {}",
            captured.status,
            String::from_utf8_lossy(&captured.body)
        ));
    }
    Ok(())
}

/// `p50 … µs, p95 … µs, p99 … µs` of unsorted latencies.
fn latency_line(mut us: Vec<u64>) -> String {
    us.sort_unstable();
    format!(
        "{} requests, p50 {} µs, p95 {} µs, p99 {} µs, max {} µs",
        us.len(),
        percentile(&us, 50),
        percentile(&us, 95),
        percentile(&us, 99),
        us.last().copied().unwrap_or(0)
    )
}

/// The pgbench binary: a known install path, else `pgbench` on `PATH`.
fn pgbench_binary() -> String {
    PGBENCH_PATHS
        .iter()
        .find(|p| std::path::Path::new(p).exists())
        .map_or_else(|| "pgbench".to_string(), |p| (*p).to_string())
}

/// Runs the benchmark: `clients` concurrent clients, `orders` create → capture pairs in all.
pub async fn run(
    config: &Config,
    clients: usize,
    orders: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let clients = clients.max(1);
    let admin = app::kdb::Kdb::new(KdbConfig::new(
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
    let mut bench = config.clone();
    bench.db.write_url = with_db(&config.db.write_url, BENCH_DB);
    bench.db.read_url = config.db.read_url.as_deref().map(|u| with_db(u, BENCH_DB));
    bench.api_rate_limit.per_second = 0;
    bench.limits.api_per_ip.per_second = 0;
    bench.bind_addr = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    let pool_size = bench.db.pool_size;
    let state = crate::state_from_config(bench)?;
    let kdb = state.services.kdb.clone();
    let ktime = state.services.ktime;
    kdb.migrate().await?;
    app::credit::rulesets::store::seed_defaults(&kdb, &ktime).await?;
    crate::demo::load_demo_registry(&kdb, &ktime).await?;
    crate::demo::load_demo_ip_ranges(&kdb).await?;
    let shop = crate::demo_merchant::ensure_ready_merchant(
        &kdb,
        &ktime,
        "Ordertestbutiken AB",
        "556677-0123",
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
                        .filter(r::risk_class.eq_any(["A", "B"]))
                        .select(r::national_id)
                        .load(c)
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await?;
    if ids.is_empty() {
        return Err("no Swedish people in the demo registry".into());
    }
    let sync: Vec<(String, String)> = kdb
        .read_primary(|c| {
            async move {
                #[derive(diesel::QueryableByName)]
                struct Row {
                    #[diesel(sql_type = diesel::sql_types::Text)]
                    application_name: String,
                    #[diesel(sql_type = diesel::sql_types::Text)]
                    sync_state: String,
                }
                let rows: Vec<Row> = diesel::sql_query(
                    "SELECT application_name::text AS application_name, sync_state::text AS sync_state FROM pg_stat_replication",
                )
                .load(c)
                .await?;
                Ok::<_, KdbError>(
                    rows.into_iter()
                        .map(|r| (r.application_name, r.sync_state))
                        .collect(),
                )
            }
            .scope_boxed()
        })
        .await?;

    let app = crate::router::build(state);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let auth = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", shop.key_id, shop.secret));
    let replication = if sync.is_empty() {
        "no standby streaming".to_string()
    } else {
        sync.iter()
            .map(|(n, s)| format!("{n}: {s}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "bench-orders: {clients} clients, {orders} create → capture pairs, server on {addr}, write pool {pool_size}, reads on {}, replication {replication}, {} customers (SE, risk A/B)",
        if config.db.read_url.is_some() { "the standby" } else { "the primary" },
        ids.len()
    );

    let ids = Arc::new(ids);
    let start = Arc::new(tokio::sync::Barrier::new(clients + 1));
    let per_client = orders / clients;
    let mut tasks = Vec::new();
    for t in 0..clients {
        let (ids, start, auth) = (Arc::clone(&ids), Arc::clone(&start), auth.clone());
        tasks.push(tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(7000 + t as u64);
            let mut tally = Tally::default();
            let mut client = match Client::connect(addr, auth).await {
                Ok(c) => Some(c),
                Err(e) => {
                    tally.other.push(format!("connect: {e}"));
                    None
                }
            };
            if let Some(c) = client.as_mut() {
                for _ in 0..WARMUP_PAIRS {
                    if let Err(e) = pair(c, &mut rng, &ids, &mut tally, false).await {
                        tally.other.push(format!("warm-up: {e}"));
                        break;
                    }
                }
            }
            start.wait().await;
            if let Some(c) = client.as_mut() {
                for _ in 0..per_client {
                    if let Err(e) = pair(c, &mut rng, &ids, &mut tally, true).await {
                        tally.other.push(format!("connection: {e}"));
                        break;
                    }
                }
            }
            tally
        }));
    }
    start.wait().await;
    let started = Instant::now();
    let mut all = Tally::default();
    for task in tasks {
        let t = task.await?;
        all.create_us.extend(t.create_us);
        all.capture_us.extend(t.capture_us);
        all.pairs += t.pairs;
        all.rejected += t.rejected;
        all.other.extend(t.other);
    }
    let elapsed = started.elapsed();
    server.abort();
    let requests = all.create_us.len() + all.capture_us.len();
    let api_pairs_milli = rate_milli(all.pairs, elapsed);
    println!(
        "  API: {} pairs (create + capture) in {}.{:03} s: {} pairs/s, {} requests/s; {} rejected (no capture), {} other failures",
        all.pairs,
        elapsed.as_secs(),
        elapsed.subsec_millis(),
        milli_text(api_pairs_milli),
        milli_text(rate_milli(requests, elapsed)),
        all.rejected,
        all.other.len()
    );
    for failure in all.other.iter().take(5) {
        println!("    failure: {failure}");
    }
    println!(
        "  POST /v1/orders:                 {}",
        latency_line(all.create_us)
    );
    println!(
        "  POST /v1/orders/{{id}}/captures:  {}",
        latency_line(all.capture_us)
    );

    // The ceiling: the same statements straight from pgbench, for as long as the API ran.
    let seconds = elapsed.as_secs().max(1) + u64::from(elapsed.subsec_millis() >= 500);
    // The script picks a known customer by number (as the API run's customers are by id).
    let customers: i64 = kdb
        .read_primary(|c| {
            async move {
                c.batch_execute(
                    "DROP TABLE IF EXISTS bench_customers; \
                     CREATE TABLE bench_customers AS SELECT row_number() OVER (ORDER BY id) AS n, \
                     national_id FROM customers WHERE country = 'SE'; \
                     CREATE UNIQUE INDEX ON bench_customers (n); ANALYZE bench_customers",
                )
                .await?;
                #[derive(diesel::QueryableByName)]
                struct Count {
                    #[diesel(sql_type = diesel::sql_types::BigInt)]
                    n: i64,
                }
                let count: Count = diesel::sql_query("SELECT count(*) AS n FROM bench_customers")
                    .get_result(c)
                    .await?;
                Ok::<_, KdbError>(count.n)
            }
            .scope_boxed()
        })
        .await?;
    if customers == 0 {
        return Err("the API run created no customers for pgbench to use".into());
    }
    let script =
        std::env::temp_dir().join(format!("kreditor-bench-orders-{}.sql", std::process::id()));
    std::fs::write(&script, PGBENCH_SCRIPT)?;
    let binary = pgbench_binary();
    let output = tokio::process::Command::new(&binary)
        .arg("-n")
        .args(["-M", "prepared"])
        .args(["-c", &clients.to_string()])
        .args(["-j", "2"])
        .args(["-T", &seconds.to_string()])
        .args(["-D", &format!("merchant_id={}", shop.merchant_id)])
        .args(["-D", &format!("key_id={}", shop.key_id)])
        .args([
            "-D",
            &format!(
                "secret_hash={}",
                app::merchants::credentials::hash_secret(&shop.secret)
            ),
        ])
        .args(["-D", &format!("customers={customers}")])
        .arg("-f")
        .arg(&script)
        .arg(with_db(&config.db.write_url, BENCH_DB))
        .output()
        .await;
    let _ = std::fs::remove_file(&script);
    let output = output.map_err(|e| format!("{binary}: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let Some(ceiling_milli) = parse_pgbench_tps(&text).filter(|_| output.status.success()) else {
        return Err(format!("pgbench failed ({}):\n{text}", output.status).into());
    };
    let failed = parse_pgbench_failed(&text);
    println!(
        "  pgbench: {clients} clients, -j 2, -M prepared, {seconds} s, one create + capture pair per script run: {} pairs/s ({failed} failed)",
        milli_text(ceiling_milli)
    );
    let ratio_milli = api_pairs_milli.saturating_mul(1000) / ceiling_milli.max(1);
    println!(
        "API: {} pairs/s, pgbench ceiling: {} pairs/s, ratio {}.{:03} (target ≥ 0.800)",
        milli_text(api_pairs_milli),
        milli_text(ceiling_milli),
        ratio_milli / 1000,
        ratio_milli % 1000
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PGBENCH_15: &str = "pgbench (15.10 (Debian 15.10-0+deb12u1))
transaction type: /tmp/kreditor-bench-orders-1.sql
scaling factor: 1
query mode: simple
number of clients: 8
number of threads: 2
maximum number of tries: 1
duration: 20 s
number of transactions actually processed: 16247
number of failed transactions: 2 (0.012%)
latency average = 9.848 ms
initial connection time = 12.345 ms
tps = 812.345678 (without initial connection time)
";

    #[test]
    fn reads_pgbench_tps_and_failures() {
        assert_eq!(parse_pgbench_tps(PGBENCH_15), Some(812_345));
        assert_eq!(parse_pgbench_failed(PGBENCH_15), 2);
        // Older pgbench prints two lines; the one without connections wins.
        let old = "tps = 700.1 (including connections establishing)\ntps = 712.0456 (excluding connections establishing)\n";
        assert_eq!(parse_pgbench_tps(old), Some(712_045));
        assert_eq!(
            parse_pgbench_tps("tps = 700.1 (including)\n"),
            Some(700_100)
        );
        let both = "tps = 700.1 (including)\ntps = 9.5 (without initial connection time)\n";
        assert_eq!(parse_pgbench_tps(both), Some(9_500));
        assert_eq!(
            parse_pgbench_tps("tps = 42 (without initial connection time)"),
            Some(42_000)
        );
        assert_eq!(parse_pgbench_tps("pgbench: error: connection failed"), None);
        assert_eq!(
            parse_pgbench_tps("tps = x.5 (without initial connection time)"),
            None
        );
        assert_eq!(parse_pgbench_failed("no such line"), 0);
    }

    #[test]
    fn percentiles_are_nearest_rank_below() {
        let us: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&us, 50), 50);
        assert_eq!(percentile(&us, 95), 95);
        assert_eq!(percentile(&us, 99), 99);
        assert_eq!(percentile(&us, 100), 100);
        assert_eq!(percentile(&us, 0), 1);
        assert_eq!(percentile(&[], 50), 0);
        assert_eq!(percentile(&[7], 99), 7);
        assert!(latency_line(vec![3, 1, 2]).contains("p50 2 µs"));
    }

    #[test]
    fn rates_and_thousandths_format_without_floats() {
        assert_eq!(rate_milli(1500, Duration::from_secs(2)), 750_000);
        assert_eq!(milli_text(812_345), "812.3");
        assert_eq!(milli_text(812_350), "812.4");
        assert_eq!(parse_milli("0.0005"), Some(0));
        assert_eq!(parse_milli("12."), Some(12_000));
        assert_eq!(parse_milli(""), None);
    }
}
