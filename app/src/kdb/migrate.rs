//! Embedded migrations, applied on the primary at start-up and by `server migrate`.

use diesel_async::{AsyncMigrationHarness, RunQueryDsl};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::connect::NodeRole;
use super::pool::Pools;
use super::KdbError;

/// Every migration in `migrations/`, compiled into the binary.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations");

/// Arbitrary but fixed: the advisory lock that serialises migrations across nodes.
const MIGRATION_LOCK: i64 = 0x4b52_4544_4954; // "KREDIT"

pub(super) async fn run(pools: &Pools) -> Result<Vec<String>, KdbError> {
    let mut conn = pools.get(NodeRole::Primary).await?;
    diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
        .execute(&mut conn)
        .await?;
    // Migrations may take longer than the request statement timeout.
    diesel::sql_query("SET statement_timeout = 0")
        .execute(&mut conn)
        .await?;
    let mut harness = AsyncMigrationHarness::new(conn);
    let applied = harness
        .run_pending_migrations(MIGRATIONS)
        .map(|versions| versions.iter().map(ToString::to_string).collect::<Vec<_>>())
        .map_err(|e| KdbError::Migration(e.to_string()));
    let mut conn = harness.into_inner();
    let unlock = diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
        .execute(&mut conn)
        .await;
    // This connection had its timeout changed: don't hand it back to the pool.
    drop(diesel_async::pooled_connection::deadpool::Object::take(
        conn,
    ));
    unlock?;
    applied
}
