//! KDB against the real primary + standby pair: routing, timeouts, retries, a COMMIT whose
//! connection is lost (through a local TCP stand-in between KDB and the primary) and the audit
//! record's transaction.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

use crate::common::commit_cutter::{CommitCutter, Cut};
use app::kdb::audit::{self, AuditEntry};
use app::kdb::testing::TestDb;
use app::kdb::{connect_direct, Ctx, KdbError, ScopedFutureExt};
use diesel::sql_types::{BigInt, Text};
use diesel_async::{RunQueryDsl, SimpleAsyncConnection};

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

async fn setup() -> (TestDb, app::kdb::Kdb) {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    kdb.write(|conn| {
        async move {
            conn.batch_execute("CREATE TABLE probe (id text PRIMARY KEY, note text NOT NULL)")
                .await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    })
    .await
    .unwrap();
    (db, kdb)
}

async fn insert(kdb: &app::kdb::Kdb, id: &str) -> Result<(), KdbError> {
    kdb.write(|conn| {
        async move {
            diesel::sql_query("INSERT INTO probe (id, note) VALUES ($1, 'x')")
                .bind::<Text, _>(id)
                .execute(conn)
                .await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    })
    .await
}

async fn count_on_primary(kdb: &app::kdb::Kdb, sql: &'static str) -> i64 {
    kdb.read_primary(|conn| {
        async move { Ok::<_, KdbError>(diesel::sql_query(sql).get_result::<Count>(conn).await?.n) }
            .scope_boxed()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_write_on_the_primary_is_visible_on_the_standby() {
    let (_db, kdb) = setup().await;
    insert(&kdb, "a1").await.unwrap();
    // Synchronous replication acknowledges after the standby flushed; replay follows within
    // milliseconds. Reads through `read` go to the standby.
    let mut seen = 0;
    for _ in 0..50 {
        #[derive(diesel::QueryableByName)]
        struct Seen {
            #[diesel(sql_type = BigInt)]
            n: i64,
            #[diesel(sql_type = diesel::sql_types::Bool)]
            standby: bool,
        }
        let read = kdb
            .read(|conn| {
                async move {
                    Ok::<_, KdbError>(
                        diesel::sql_query("SELECT count(*) AS n, pg_is_in_recovery() AS standby FROM probe WHERE id = 'a1'")
                            .get_result(conn)
                            .await?,
                    )
                }
                .scope_boxed()
            })
            .await;
        // Under load the standby may not have replayed even the table's creation yet.
        let s: Seen = match read {
            Ok(s) => s,
            Err(e) if e.to_string().contains("does not exist") => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
            Err(e) => panic!("{e}"),
        };
        assert!(s.standby, "reads must go to the standby when it answers");
        seen = s.n;
        if seen == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(seen, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_standby_rejects_writes() {
    let (db, _kdb) = setup().await;
    let standby_port = app::kdb::testing::test_hosts()
        .split(',')
        .nth(1)
        .unwrap()
        .to_string();
    let mut conn = connect_direct(&format!("postgres://postgres@{standby_port}/{}", db.name))
        .await
        .unwrap();
    // Synchronous commit waits for the standby to flush, not to replay: wait until the table
    // is visible there, so the INSERT fails for being on a standby and not for a missing table.
    #[derive(diesel::QueryableByName)]
    struct Visible {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        visible: bool,
    }
    for _ in 0..100 {
        let v: Visible = diesel::sql_query("SELECT to_regclass('probe') IS NOT NULL AS visible")
            .get_result(&mut conn)
            .await
            .unwrap();
        if v.visible {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let err = diesel::sql_query("INSERT INTO probe (id, note) VALUES ('s', 'x')")
        .execute(&mut conn)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("read-only transaction"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_statement_timeout_fires_and_is_not_retried() {
    let db = TestDb::new().await;
    let kdb = db.kdb_with(|c| c.statement_timeout = Duration::from_millis(300));
    let attempts = AtomicU32::new(0);
    let attempts = &attempts;
    let result = kdb
        .write(|conn| {
            async move {
                attempts.fetch_add(1, Ordering::SeqCst);
                diesel::sql_query("SELECT pg_sleep(3)")
                    .execute(conn)
                    .await?;
                Ok::<_, KdbError>(())
            }
            .scope_boxed()
        })
        .await;
    let err = result.unwrap_err();
    assert!(
        matches!(&err, KdbError::Query(e) if KdbError::is_statement_timeout(e)),
        "{err}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_client_side_transaction_deadline_fires() {
    let db = TestDb::new().await;
    let kdb = db.kdb_with(|c| c.transaction_timeout = Duration::from_millis(300));
    let started = std::time::Instant::now();
    let result = kdb
        .write(|_conn| {
            async move {
                tokio::time::sleep(Duration::from_secs(5)).await;
                Ok::<_, KdbError>(())
            }
            .scope_boxed()
        })
        .await;
    assert!(matches!(result, Err(KdbError::Timeout)), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_write_is_retried_after_its_connection_is_killed() {
    let (_db, kdb) = setup().await;
    let attempts = AtomicU32::new(0);
    let attempts = &attempts;
    kdb.write(|conn| {
        async move {
            if attempts.fetch_add(1, Ordering::SeqCst) == 0 {
                // The server ends this very connection, as a crash or failover would.
                diesel::sql_query("SELECT pg_terminate_backend(pg_backend_pid())")
                    .execute(conn)
                    .await?;
            }
            diesel::sql_query("INSERT INTO probe (id, note) VALUES ('k1', 'x')")
                .execute(conn)
                .await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    })
    .await
    .unwrap();
    assert_eq!(attempts.load(Ordering::SeqCst), 2);
    assert_eq!(
        count_on_primary(&kdb, "SELECT count(*) AS n FROM probe WHERE id = 'k1'").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn constraint_errors_are_not_retried() {
    let (_db, kdb) = setup().await;
    insert(&kdb, "dup").await.unwrap();
    let attempts = AtomicU32::new(0);
    let attempts = &attempts;
    let err = kdb
        .write(|conn| {
            async move {
                attempts.fetch_add(1, Ordering::SeqCst);
                diesel::sql_query("INSERT INTO probe (id, note) VALUES ('dup', 'x')")
                    .execute(conn)
                    .await?;
                Ok::<_, KdbError>(())
            }
            .scope_boxed()
        })
        .await
        .unwrap_err();
    assert!(!err.is_retryable());
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_audit_record_rolls_back_with_its_write() {
    let (_db, kdb) = setup().await;
    let ctx = Ctx::system("test");
    let ctx = &ctx;
    let entry = |id: &'static str| AuditEntry {
        action: "probe.insert",
        entity_type: "probe",
        entity_id: id,
        before: None,
        after: Some(serde_json::json!({"id": id})),
    };
    // Committed together…
    kdb.write(|conn| {
        async move {
            diesel::sql_query("INSERT INTO probe (id, note) VALUES ('ok', 'x')")
                .execute(conn)
                .await?;
            audit::record(conn, ctx, entry("ok")).await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    })
    .await
    .unwrap();
    // …and rolled back together when the business write fails after the audit insert.
    let failed = kdb
        .write(|conn| {
            async move {
                audit::record(conn, ctx, entry("bad")).await?;
                diesel::sql_query("INSERT INTO probe (id, note) VALUES ('bad', NULL)")
                    .execute(conn)
                    .await?;
                Ok::<_, KdbError>(())
            }
            .scope_boxed()
        })
        .await;
    assert!(failed.is_err());
    assert_eq!(
        count_on_primary(
            &kdb,
            "SELECT count(*) AS n FROM audit_log WHERE entity_id = 'ok'"
        )
        .await,
        1
    );
    assert_eq!(
        count_on_primary(
            &kdb,
            "SELECT count(*) AS n FROM audit_log WHERE entity_id = 'bad'"
        )
        .await,
        0
    );
    assert_eq!(
        count_on_primary(&kdb, "SELECT count(*) AS n FROM probe").await,
        1
    );
    // The audit record carries the actor, request id and business time.
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        actor_kind: String,
        #[diesel(sql_type = Text)]
        request_id: String,
    }
    let row: Row = kdb
        .read_primary(|conn| {
            async move {
                Ok::<_, KdbError>(
                    diesel::sql_query("SELECT actor_kind, request_id FROM audit_log WHERE entity_id = 'ok' AND business_time IS NOT NULL")
                        .get_result(conn)
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap();
    assert_eq!(row.actor_kind, "system");
    assert_eq!(row.request_id, ctx.request_id);
}

#[tokio::test(flavor = "multi_thread")]
async fn reads_fall_back_to_the_primary_without_a_standby() {
    let db = TestDb::new().await;
    // A read URL where nothing listens.
    let kdb = db.kdb_with(|c| {
        c.read_url = Some(format!("postgres://postgres@127.0.0.1:1/{}", db.name));
        c.connect_timeout = Duration::from_millis(500);
    });
    let in_recovery: bool = kdb
        .read(|conn| {
            async move {
                #[derive(diesel::QueryableByName)]
                struct R {
                    #[diesel(sql_type = diesel::sql_types::Bool)]
                    r: bool,
                }
                Ok::<_, KdbError>(
                    diesel::sql_query("SELECT pg_is_in_recovery() AS r")
                        .get_result::<R>(conn)
                        .await?
                        .r,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap();
    assert!(!in_recovery);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_frozen_host_cannot_stall_a_connection() {
    let db = TestDb::new().await;
    // A "host" that accepts TCP connections and then never says a word.
    let frozen = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let frozen_port = frozen.local_addr().unwrap().port();
    let _keep_accepting = std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in frozen.incoming() {
            held.push(stream);
        }
    });
    let kdb = db.kdb_with(|c| {
        c.write_url = format!(
            "postgres://postgres@127.0.0.1:{frozen_port},{}/{}",
            app::kdb::testing::test_hosts(),
            db.name
        );
        c.read_url = None;
        c.connect_timeout = Duration::from_millis(300);
    });
    let started = std::time::Instant::now();
    kdb.write(|conn| {
        async move {
            diesel::sql_query("SELECT 1").execute(conn).await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    })
    .await
    .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
}

#[derive(diesel::QueryableByName)]
struct Serial {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// A table without any unique key on the note, so a write applied twice shows as two rows.
async fn create_notes(kdb: &app::kdb::Kdb) {
    kdb.write(|conn| {
        async move {
            conn.batch_execute(
                "CREATE TABLE IF NOT EXISTS notes (n bigserial PRIMARY KEY, note text NOT NULL)",
            )
            .await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    })
    .await
    .unwrap();
}

/// Writes `note` once through `kdb`, counting how often the transaction body ran.
async fn write_note(
    kdb: &app::kdb::Kdb,
    note: &'static str,
    runs: &AtomicU32,
) -> Result<i64, KdbError> {
    kdb.write(|conn| {
        async move {
            runs.fetch_add(1, Ordering::SeqCst);
            let row: Serial = diesel::sql_query("INSERT INTO notes (note) VALUES ($1) RETURNING n")
                .bind::<Text, _>(note)
                .get_result(conn)
                .await?;
            Ok::<_, KdbError>(row.n)
        }
        .scope_boxed()
    })
    .await
}

async fn copies(kdb: &app::kdb::Kdb, note: &'static str) -> i64 {
    kdb.read_primary(|conn| {
        async move {
            let c: Count = diesel::sql_query("SELECT count(*) AS n FROM notes WHERE note = $1")
                .bind::<Text, _>(note)
                .get_result(conn)
                .await?;
            Ok::<_, KdbError>(c.n)
        }
        .scope_boxed()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_commit_whose_answer_is_lost_is_looked_up_and_never_run_twice() {
    let (db, direct) = setup().await;
    create_notes(&direct).await;

    // The COMMIT reaches the primary and commits; its answer is lost with the connection.
    // KDB asks the primary what became of the transaction and answers with the value it had,
    // instead of running the body again (which inserted a second row before).
    let cutter = CommitCutter::start(Cut::Answer, false).await;
    let runs = AtomicU32::new(0);
    let written = write_note(&cutter.kdb(&db), "answer-lost", &runs).await;
    assert_eq!(
        AtomicU32::load(&cutter.cuts, Ordering::SeqCst),
        1,
        "the stand-in cut no COMMIT"
    );
    assert!(written.is_ok(), "{written:?}");
    assert_eq!(
        AtomicU32::load(&runs, Ordering::SeqCst),
        1,
        "the body ran again"
    );
    assert_eq!(copies(&direct, "answer-lost").await, 1);

    // The COMMIT never reaches the primary: nothing was written, so the write is retried and
    // lands exactly once.
    let cutter = CommitCutter::start(Cut::Commit, false).await;
    let runs = AtomicU32::new(0);
    let written = write_note(&cutter.kdb(&db), "commit-lost", &runs).await;
    assert_eq!(AtomicU32::load(&cutter.cuts, Ordering::SeqCst), 1);
    assert!(written.is_ok(), "{written:?}");
    assert_eq!(
        AtomicU32::load(&runs, Ordering::SeqCst),
        2,
        "the write was not retried"
    );
    assert_eq!(copies(&direct, "commit-lost").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_commit_whose_fate_cannot_be_found_is_commit_uncertain_and_not_retried() {
    let (db, direct) = setup().await;
    create_notes(&direct).await;

    // The COMMIT commits, its answer is lost, and the primary cannot be reached afterwards:
    // the caller hears CommitUncertain (the API's 503 COMMIT_UNCERTAIN), not a retried write.
    let cutter = CommitCutter::start(Cut::Answer, true).await;
    let runs = AtomicU32::new(0);
    let written = write_note(&cutter.kdb(&db), "fate-unknown", &runs).await;
    assert_eq!(AtomicU32::load(&cutter.cuts, Ordering::SeqCst), 1);
    assert!(
        matches!(written, Err(KdbError::CommitUncertain)),
        "{written:?}"
    );
    assert!(!AtomicBool::load(&cutter.accepting, Ordering::SeqCst));
    assert_eq!(
        AtomicU32::load(&runs, Ordering::SeqCst),
        1,
        "the body ran again"
    );
    assert_eq!(
        copies(&direct, "fate-unknown").await,
        1,
        "the commit landed once"
    );

    // A definite answer at COMMIT (here a deferred unique constraint) stays what it is: the
    // transaction was rolled back, nothing is uncertain and nothing is retried.
    direct
        .write(|conn| {
            async move {
                conn.batch_execute(
                    "CREATE TABLE once (k text, CONSTRAINT once_k UNIQUE (k) DEFERRABLE INITIALLY DEFERRED)",
                )
                .await?;
                Ok::<_, KdbError>(())
            }
            .scope_boxed()
        })
        .await
        .unwrap();
    let runs = &AtomicU32::new(0);
    let refused = direct
        .write(|conn| {
            async move {
                runs.fetch_add(1, Ordering::SeqCst);
                conn.batch_execute("INSERT INTO once VALUES ('a'); INSERT INTO once VALUES ('a')")
                    .await?;
                Ok::<_, KdbError>(())
            }
            .scope_boxed()
        })
        .await;
    assert!(
        matches!(
            &refused,
            Err(KdbError::Query(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            )))
        ),
        "{refused:?}"
    );
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}
