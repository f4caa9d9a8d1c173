//! Test databases for integration tests: every test gets its own database, cloned from a
//! template that is migrated once per test cluster, so tests run in parallel on the real
//! primary + standby pair.
//!
//! The pair is given by `KREDITOR_TEST_PG` (`host:port,host:port`, default
//! `127.0.0.1:5450,127.0.0.1:5451`; `make test` starts it).

use std::time::Duration;

use diesel::migration::MigrationSource;
use diesel::sql_types::Text;
use diesel_async::{AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};

use super::connect::{connect, NodeRole};
use super::{Kdb, KdbConfig, MIGRATIONS};

/// One freshly cloned, migrated database on the test pair.
pub struct TestDb {
    /// Database name (`t_…`).
    pub name: String,
    /// Multi-host URL that finds the primary.
    pub write_url: String,
    /// Multi-host URL that finds the standby.
    pub read_url: String,
}

#[derive(diesel::QueryableByName)]
struct Exists {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    exists: bool,
}

/// The `host:port,host:port` list of the test pair.
pub fn test_hosts() -> String {
    std::env::var("KREDITOR_TEST_PG").unwrap_or_else(|_| "127.0.0.1:5450,127.0.0.1:5451".into())
}

/// A URL for database `db` on the test pair with the given session attribute.
pub fn test_url(db: &str) -> String {
    format!("postgres://postgres@{}/{db}", test_hosts())
}

impl TestDb {
    /// Creates a new database from the migrated template and waits until the standby has it.
    pub async fn new() -> Self {
        let template = template_name();
        let mut admin = admin_connection().await;
        ensure_template(&mut admin, &template).await;
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let mut tries = 0;
        loop {
            let created = admin
                .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                .await;
            match created {
                Ok(()) => break,
                // Another process may still be disconnecting from the template.
                Err(e) if tries < 50 => {
                    tries += 1;
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("cannot create test database {name}: {e}"),
            }
        }
        let db = TestDb {
            write_url: test_url(&name),
            read_url: test_url(&name),
            name,
        };
        db.wait_for_standby().await;
        db
    }

    /// A KDB on this database with production settings.
    pub fn kdb(&self) -> Kdb {
        self.kdb_with(|_| {})
    }

    /// A KDB on this database with settings changed by `change`.
    pub fn kdb_with(&self, change: impl FnOnce(&mut KdbConfig)) -> Kdb {
        let mut config = KdbConfig::new(self.write_url.clone(), Some(self.read_url.clone()));
        change(&mut config);
        Kdb::new(config).expect("test pools build")
    }

    async fn wait_for_standby(&self) {
        for _ in 0..100 {
            let c = connect(
                &self.read_url,
                NodeRole::Standby,
                Duration::from_secs(2),
                Duration::from_secs(5),
            )
            .await;
            if c.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "the standby never showed database {}: is the test pair streaming?",
            self.name
        );
    }
}

async fn admin_connection() -> AsyncPgConnection {
    let url = test_url("postgres");
    connect(
        &url,
        NodeRole::Primary,
        Duration::from_secs(3),
        Duration::from_secs(120),
    )
    .await
    .unwrap_or_else(|e| {
        panic!(
            "no test PostgreSQL primary at {} ({e}); run `make test-db`",
            test_hosts()
        )
    })
}

/// `kreditor_tpl_<hash of the migration names>`: a new migration gets a new template.
fn template_name() -> String {
    let names = MigrationSource::<diesel::pg::Pg>::migrations(&MIGRATIONS)
        .expect("embedded migrations")
        .iter()
        .map(|m| m.name().to_string())
        .collect::<Vec<_>>()
        .join("|");
    // FNV-1a: stable across runs and processes, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in names.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("kreditor_tpl_{hash:016x}")
}

async fn ensure_template(admin: &mut AsyncPgConnection, template: &str) {
    // Serialise template creation across test processes.
    admin
        .batch_execute("SELECT pg_advisory_lock(7215)")
        .await
        .expect("advisory lock");
    let found: Exists =
        diesel::sql_query("SELECT exists(SELECT 1 FROM pg_database WHERE datname = $1) AS exists")
            .bind::<Text, _>(template)
            .get_result(admin)
            .await
            .expect("look up template");
    if !found.exists {
        let building = format!("{template}_building");
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {building}"))
            .await
            .expect("drop half-built template");
        admin
            .batch_execute(&format!("CREATE DATABASE {building}"))
            .await
            .expect("create template");
        {
            let kdb = Kdb::new(KdbConfig::new(test_url(&building), None)).expect("pool");
            kdb.migrate().await.expect("migrate template");
        }
        // Renaming only once migrated means a crash never leaves a half-built template in use.
        let mut tries = 0;
        while let Err(e) = admin
            .batch_execute(&format!("ALTER DATABASE {building} RENAME TO {template}"))
            .await
        {
            tries += 1;
            assert!(tries < 100, "cannot rename template: {e}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    admin
        .batch_execute("SELECT pg_advisory_unlock(7215)")
        .await
        .expect("advisory unlock");
}
