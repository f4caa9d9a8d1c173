//! Failover: writers insert rows with client-generated ids through KDB and record every
//! acknowledged id; the primary is killed hard (its walsender paused first, so unsent WAL is
//! possible) and the standby promoted. The app must keep accepting writes within seconds, and
//! with synchronous replication every acknowledged id must be on the new primary. The same
//! scenario with asynchronous replication is the negative control: it must lose rows, which
//! proves the test can see a loss (postgres-pair.md, pitfall 6).
//!
//! The probe table has no unique key on the id and the insert no `ON CONFLICT`: a write that
//! KDB applied twice (a COMMIT lost with the old primary, then run again) shows as two rows,
//! and both scenarios must have none.
//!
//! Each scenario runs its own pair (scripts/pg-pair.sh) on its own ports.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::kdb::{connect_direct, Kdb, KdbConfig, KdbError, ScopedFutureExt};
use diesel::sql_types::{Integer, Text};
use diesel_async::{RunQueryDsl, SimpleAsyncConnection};

struct Pair {
    dir: String,
    ports: (u16, u16),
    sync: bool,
}

impl Pair {
    fn script(&self, command: &str) {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/pg-pair.sh");
        let status = Command::new("bash")
            .arg(script)
            .arg(command)
            .env("PG_DIR", &self.dir)
            .env("PG_PRIMARY_PORT", self.ports.0.to_string())
            .env("PG_STANDBY_PORT", self.ports.1.to_string())
            .env("PG_SYNC", if self.sync { "on" } else { "off" })
            .env("PG_FAST", "1")
            .status()
            .expect("run pg-pair.sh");
        assert!(status.success(), "pg-pair.sh {command} failed");
    }

    fn url(&self, port: u16) -> String {
        format!("postgres://postgres@127.0.0.1:{port}/kreditor")
    }
}

impl Drop for Pair {
    fn drop(&mut self) {
        self.script("destroy");
    }
}

#[derive(diesel::QueryableByName)]
struct Pid {
    #[diesel(sql_type = Integer)]
    pid: i32,
}

#[derive(diesel::QueryableByName)]
struct Id {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    copies: i64,
}

/// Children of `parent`, from /proc.
fn children(parent: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // Fields after the parenthesised command name: state, ppid, …
        let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
        if after
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok())
            == Some(parent)
        {
            out.push(pid);
        }
    }
    out
}

fn signal(sig: &str, pid: u32) {
    // A backend may exit on its own meanwhile; that is fine, so the outcome is not checked.
    let _ = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.to_string())
        .stderr(std::process::Stdio::null())
        .status();
}

struct Outcome {
    acknowledged: usize,
    lost: usize,
    /// Ids found more than once: writes applied twice.
    duplicated: usize,
    first_write_after_kill: Option<Duration>,
}

async fn scenario(sync: bool, ports: (u16, u16)) -> Outcome {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("app=debug,warn")
        .with_test_writer()
        .try_init();
    let pair = Pair {
        dir: format!("/var/tmp/kreditor-failover-{}", ports.0),
        ports,
        sync,
    };
    pair.script("destroy");
    pair.script("start");

    let multi = format!(
        "postgres://postgres@127.0.0.1:{},127.0.0.1:{}/kreditor",
        ports.0, ports.1
    );
    let mut config = KdbConfig::new(multi, None);
    config.connect_timeout = Duration::from_millis(500);
    config.commit_deadline = Duration::from_secs(10);
    config.retry_deadline = Duration::from_secs(30);
    config.pool_size = 8;
    let kdb = Kdb::new(config).unwrap();
    kdb.write(|c| {
        async move {
            c.batch_execute(
                "CREATE TABLE failover_probe (n bigserial PRIMARY KEY, id text NOT NULL, writer int NOT NULL)",
            )
            .await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    })
    .await
    .unwrap();

    let acked: Arc<Mutex<Vec<(String, Instant)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for writer in 0..4 {
        let (kdb, acked, stop) = (kdb.clone(), acked.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            while !AtomicBool::load(&stop, Ordering::Relaxed) {
                let id = uuid::Uuid::new_v4().to_string();
                let id_ref = &id;
                // Not idempotent on purpose: KDB must never run a write whose COMMIT may have
                // landed again, so each id is in the table at most once.
                let result = kdb
                    .write(|c| {
                        async move {
                            diesel::sql_query(
                                "INSERT INTO failover_probe (id, writer) VALUES ($1, $2)",
                            )
                            .bind::<Text, _>(id_ref)
                            .bind::<Integer, _>(writer)
                            .execute(c)
                            .await?;
                            Ok::<_, KdbError>(())
                        }
                        .scope_boxed()
                    })
                    .await;
                if result.is_ok() {
                    acked.lock().unwrap().push((id, Instant::now()));
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;

    // Pause the walsender so WAL can be committed on the primary but not yet sent.
    let mut primary = connect_direct(&pair.url(ports.0)).await.unwrap();
    let walsender: Pid = diesel::sql_query("SELECT pid FROM pg_stat_replication LIMIT 1")
        .get_result(&mut primary)
        .await
        .unwrap();
    drop(primary);
    let postmaster: u32 = std::fs::read_to_string(format!("{}/n1/postmaster.pid", pair.dir))
        .expect("postmaster.pid")
        .lines()
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    signal("STOP", u32::try_from(walsender.pid).unwrap());
    tokio::time::sleep(Duration::from_secs(1)).await;

    // Kill the primary hard: every backend and the postmaster.
    for child in children(postmaster) {
        signal("KILL", child);
    }
    signal("KILL", postmaster);
    let killed_at = Instant::now();

    // Promote the standby (as an operator or `make db-failover` would) and stop it waiting
    // for a synchronous standby it no longer has (pitfall 1).
    let mut standby = connect_direct(&pair.url(ports.1)).await.unwrap();
    standby
        .batch_execute("SELECT pg_promote(true, 30)")
        .await
        .unwrap();
    standby
        .batch_execute("ALTER SYSTEM SET synchronous_standby_names = ''")
        .await
        .unwrap();
    standby
        .batch_execute("SELECT pg_reload_conf()")
        .await
        .unwrap();

    tokio::time::sleep(Duration::from_secs(3)).await;
    AtomicBool::store(&stop, true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }

    let present: Vec<Id> =
        diesel::sql_query("SELECT id, count(*) AS copies FROM failover_probe GROUP BY id")
            .load(&mut standby)
            .await
            .unwrap();
    let duplicated = present.iter().filter(|r| r.copies > 1).count();
    let present: std::collections::HashSet<String> = present.into_iter().map(|r| r.id).collect();
    let acked = acked.lock().unwrap();
    let lost = acked.iter().filter(|(id, _)| !present.contains(id)).count();
    let first_write_after_kill = acked
        .iter()
        .filter(|(_, at)| *at > killed_at)
        .map(|(_, at)| *at - killed_at)
        .min();
    eprintln!(
        "failover sync={sync}: {} acknowledged, {lost} lost, {duplicated} applied twice, first write {:?} after the kill",
        acked.len(),
        first_write_after_kill
    );
    Outcome {
        acknowledged: acked.len(),
        lost,
        duplicated,
        first_write_after_kill,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn synchronous_replication_loses_no_acknowledged_write() {
    let outcome = scenario(true, (5460, 5461)).await;
    assert!(
        outcome.acknowledged > 50,
        "the writers barely wrote: {}",
        outcome.acknowledged
    );
    assert_eq!(outcome.lost, 0, "acknowledged writes were lost");
    assert_eq!(outcome.duplicated, 0, "writes were applied twice");
    let after = outcome
        .first_write_after_kill
        .expect("no write succeeded after the failover");
    assert!(
        after < Duration::from_secs(5),
        "writes resumed only after {after:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn asynchronous_replication_loses_writes_the_negative_control() {
    let outcome = scenario(false, (5462, 5463)).await;
    assert!(
        outcome.lost > 0,
        "async replication lost nothing: the scenario cannot detect loss"
    );
    assert_eq!(outcome.duplicated, 0, "writes were applied twice");
    assert!(outcome.first_write_after_kill.is_some());
}
