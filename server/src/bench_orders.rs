//! `server bench-orders`: the order API under load, compared with like. In a fresh
//! `kreditor_bench_orders` database on the configured pair (synchronous standby on), the real
//! router is served in-process on an ephemeral port; then, round after round, three runs take
//! turns on the same, growing database (A B C A B C …):
//!
//! - A, the API: N clients each loop `POST /v1/orders` → `POST /v1/orders/{id}/captures`
//!   (HTTP/1.1 keep-alive over a plain TCP stream, Basic auth, an `Idempotency-Key` per
//!   request);
//! - B, the ceiling: `pgbench` runs the statements the service issues for one create + capture
//!   pair (`bench_orders_pgbench.sql`, on the business clock like the service) — the same
//!   number of pairs, so both see the same database size;
//! - C, the commit floor: `pgbench` doing two single-row synchronously replicated transactions
//!   per pair — what a pair would cost if it were only its commits.
//!
//! It prints each round (pairs per second of all three, API/pgbench and API/floor), then the
//! median of each ratio and its spread over the rounds. Interleaving matters on a shared
//! machine: a neighbour's load lands on both sides of a ratio instead of on one run. It prints
//! figures; it is not a test.

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

/// The commit floor's pgbench script: two single-row transactions per pair, each committed
/// on its own (autocommit) and so replicated synchronously, like the API's two big ones.
pub const FLOOR_SCRIPT: &str =
    "-- bench-orders commit floor: two synchronously replicated single-row commits per pair\n\
INSERT INTO bench_floor (pair_part) VALUES (1);\n\
INSERT INTO bench_floor (pair_part) VALUES (2);\n";

/// The median of thousandths (the mean of the middle two for an even count).
pub fn median(values: &[u64]) -> u64 {
    let mut v = values.to_vec();
    v.sort_unstable();
    match v.len() {
        0 => 0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2,
    }
}

/// `median 0.851, spread 0.820–0.870 (±0.025)` of per-round ratios in thousandths.
pub fn ratio_summary(ratios: &[u64]) -> String {
    let min = ratios.iter().copied().min().unwrap_or(0);
    let max = ratios.iter().copied().max().unwrap_or(0);
    format!(
        "median {}, spread {}–{} (±{})",
        ratio_text(median(ratios)),
        ratio_text(min),
        ratio_text(max),
        ratio_text((max - min).div_ceil(2))
    )
}

/// Thousandths as a ratio `0.851`.
fn ratio_text(milli: u64) -> String {
    format!("{}.{:03}", milli / 1000, milli % 1000)
}

/// `a / b` in thousandths.
fn ratio_milli(a: u64, b: u64) -> u64 {
    a.saturating_mul(1000) / b.max(1)
}

/// One client of the API runs: its connection and its random choices, kept across rounds.
struct Seat {
    client: Option<Client>,
    rng: StdRng,
}

/// What one API run measured.
struct ApiRun {
    tally: Tally,
    elapsed: Duration,
}

/// Runs `per_client` pairs on every seat at once (after a barrier) and collects the tallies.
async fn api_run(
    seats: Vec<Seat>,
    ids: &Arc<Vec<String>>,
    per_client: usize,
) -> (Vec<Seat>, ApiRun) {
    let start = Arc::new(tokio::sync::Barrier::new(seats.len() + 1));
    let mut tasks = Vec::new();
    for mut seat in seats {
        let (ids, start) = (Arc::clone(ids), Arc::clone(&start));
        tasks.push(tokio::spawn(async move {
            let mut tally = Tally::default();
            start.wait().await;
            if let Some(c) = seat.client.as_mut() {
                for _ in 0..per_client {
                    if let Err(e) = pair(c, &mut seat.rng, &ids, &mut tally, true).await {
                        tally.other.push(format!("connection: {e}"));
                        seat.client = None;
                        break;
                    }
                }
            }
            (seat, tally)
        }));
    }
    start.wait().await;
    let started = Instant::now();
    let mut seats = Vec::new();
    let mut all = Tally::default();
    for task in tasks {
        match task.await {
            Ok((seat, t)) => {
                seats.push(seat);
                all.create_us.extend(t.create_us);
                all.capture_us.extend(t.capture_us);
                all.pairs += t.pairs;
                all.rejected += t.rejected;
                all.other.extend(t.other);
            }
            Err(e) => all.other.push(format!("client task: {e}")),
        }
    }
    let elapsed = started.elapsed();
    (
        seats,
        ApiRun {
            tally: all,
            elapsed,
        },
    )
}

/// What one pgbench run reported: pairs per second in thousandths and failed transactions.
struct PgbenchRun {
    tps_milli: u64,
    failed: u64,
}

/// Runs `script` with `clients` clients for `per_client` script runs each (`-t`), prepared.
async fn pgbench(
    url: &str,
    name: &str,
    script: &str,
    clients: usize,
    per_client: usize,
    defines: &[String],
) -> Result<PgbenchRun, Box<dyn std::error::Error>> {
    let file = std::env::temp_dir().join(format!(
        "kreditor-bench-orders-{name}-{}.sql",
        std::process::id()
    ));
    std::fs::write(&file, script)?;
    let binary = pgbench_binary();
    let mut command = tokio::process::Command::new(&binary);
    command
        .arg("-n")
        .args(["-M", "prepared"])
        .args(["-c", &clients.to_string()])
        .args(["-j", "2"])
        .args(["-t", &per_client.to_string()]);
    for d in defines {
        command.args(["-D", d]);
    }
    let output = command.arg("-f").arg(&file).arg(url).output().await;
    let _ = std::fs::remove_file(&file);
    let output = output.map_err(|e| format!("{binary}: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let Some(tps_milli) = parse_pgbench_tps(&text).filter(|_| output.status.success()) else {
        return Err(format!("pgbench {name} failed ({}):\n{text}", output.status).into());
    };
    Ok(PgbenchRun {
        tps_milli,
        failed: parse_pgbench_failed(&text),
    })
}

/// Refreshes `bench_customers (n, national_id)`, the customers the API runs created, from
/// which the pgbench script picks by number; returns how many there are.
async fn bench_customers(kdb: &app::kdb::Kdb) -> Result<i64, KdbError> {
    kdb.read_primary(|c| {
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
    .await
}

/// Runs the benchmark: `rounds` interleaved rounds of `orders` create → capture pairs each
/// (split over `clients` clients), see the module docs.
pub async fn run(
    config: &Config,
    clients: usize,
    orders: usize,
    rounds: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let clients = clients.max(1);
    let rounds = rounds.max(1);
    let per_client = (orders / clients).max(1);
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
                c.batch_execute(
                    "CREATE TABLE bench_floor (n bigserial PRIMARY KEY, pair_part int NOT NULL)",
                )
                .await?;
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
    let pairs = per_client * clients;
    println!(
        "bench-orders: {rounds} rounds of {pairs} create → capture pairs ({clients} clients), API / pgbench / commit floor interleaved; server on {addr}, write pool {pool_size}, reads on {}, replication {replication}, {} customers (SE, risk A/B)",
        if config.db.read_url.is_some() { "the standby" } else { "the primary" },
        ids.len()
    );

    // Connections and a warm-up (caches, prepared statements) before the first round.
    let ids = Arc::new(ids);
    let mut seats = Vec::new();
    for t in 0..clients {
        let mut seat = Seat {
            client: Client::connect(addr, auth.clone()).await.ok(),
            rng: StdRng::seed_from_u64(7000 + t as u64),
        };
        let mut warm = Tally::default();
        if let Some(c) = seat.client.as_mut() {
            for _ in 0..WARMUP_PAIRS {
                if pair(c, &mut seat.rng, &ids, &mut warm, false)
                    .await
                    .is_err()
                {
                    seat.client = None;
                    break;
                }
            }
        }
        for failure in warm.other.iter().take(1) {
            println!("  warm-up failure: {failure}");
        }
        seats.push(seat);
    }
    if seats.iter().all(|s| s.client.is_none()) {
        return Err("no client could connect to the server".into());
    }

    let url = with_db(&config.db.write_url, BENCH_DB);
    let defines = [
        format!("merchant_id={}", shop.merchant_id),
        format!("key_id={}", shop.key_id),
        format!(
            "secret_hash={}",
            app::merchants::credentials::hash_secret(&shop.secret)
        ),
    ];
    let (mut vs_pgbench, mut vs_floor) = (Vec::new(), Vec::new());
    let (mut api_all, mut pgbench_all, mut floor_all) = (Vec::new(), Vec::new(), Vec::new());
    for round in 1..=rounds {
        // A: the API.
        let (back, api) = api_run(seats, &ids, per_client).await;
        seats = back;
        let api_milli = rate_milli(api.tally.pairs, api.elapsed);
        // B: the same statements straight from pgbench, as many pairs.
        let customers = bench_customers(&kdb).await?;
        if customers == 0 {
            return Err("the API run created no customers for pgbench to use".into());
        }
        let mut with_customers = defines.to_vec();
        with_customers.push(format!("customers={customers}"));
        let ceiling = pgbench(
            &url,
            "pairs",
            PGBENCH_SCRIPT,
            clients,
            per_client,
            &with_customers,
        )
        .await?;
        // C: the commit floor.
        let floor = pgbench(&url, "floor", FLOOR_SCRIPT, clients, per_client, &[]).await?;

        let (r_pg, r_floor) = (
            ratio_milli(api_milli, ceiling.tps_milli),
            ratio_milli(api_milli, floor.tps_milli),
        );
        println!(
            "round {round}/{rounds}: API {} pairs/s ({} pairs in {}.{:03} s, {} rejected, {} failed) · pgbench {} pairs/s ({} failed) · floor {} pairs/s ({} failed) · API/pgbench {} · API/floor {}",
            milli_text(api_milli),
            api.tally.pairs,
            api.elapsed.as_secs(),
            api.elapsed.subsec_millis(),
            api.tally.rejected,
            api.tally.other.len(),
            milli_text(ceiling.tps_milli),
            ceiling.failed,
            milli_text(floor.tps_milli),
            floor.failed,
            ratio_text(r_pg),
            ratio_text(r_floor),
        );
        for failure in api.tally.other.iter().take(3) {
            println!("    failure: {failure}");
        }
        println!(
            "    POST /v1/orders:                 {}",
            latency_line(api.tally.create_us)
        );
        println!(
            "    POST /v1/orders/{{id}}/captures:  {}",
            latency_line(api.tally.capture_us)
        );
        vs_pgbench.push(r_pg);
        vs_floor.push(r_floor);
        api_all.push(api_milli);
        pgbench_all.push(ceiling.tps_milli);
        floor_all.push(floor.tps_milli);
    }
    server.abort();
    println!(
        "pairs/s, median of {rounds} rounds: API {}, pgbench {}, commit floor {}",
        milli_text(median(&api_all)),
        milli_text(median(&pgbench_all)),
        milli_text(median(&floor_all)),
    );
    println!(
        "API / pgbench:      {} (target ≥ 0.800)",
        ratio_summary(&vs_pgbench)
    );
    println!(
        "API / commit floor: {} (the ratio to raise: it counts every statement and round trip a pair costs beyond its two commits)",
        ratio_summary(&vs_floor)
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
    fn rounds_summarise_as_median_and_spread() {
        assert_eq!(median(&[800, 730, 680]), 730);
        assert_eq!(median(&[800, 700]), 750);
        assert_eq!(median(&[]), 0);
        assert_eq!(
            ratio_summary(&[851, 820, 870]),
            "median 0.851, spread 0.820–0.870 (±0.025)"
        );
        assert_eq!(ratio_milli(170_000, 200_000), 850);
        assert_eq!(ratio_milli(1, 0), 1000);
        // Both scripts name the tables the benchmark creates, and the floor is two commits.
        assert_eq!(FLOOR_SCRIPT.matches("INSERT INTO bench_floor").count(), 2);
        assert!(PGBENCH_SCRIPT.contains("bench_customers"));
        assert!(
            !PGBENCH_SCRIPT.contains("current_date"),
            "the business clock, not the server's"
        );
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
