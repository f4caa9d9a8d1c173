//! Opening one connection to the right node: each host is tried in turn under its own timeout,
//! and kept only if its role (primary or standby) is the one asked for.
//!
//! tokio-postgres' own multi-host support has no per-host handshake timeout (a frozen host
//! stalls it forever, postgres-pair.md pitfall 3) and no "prefer standby", so we do it here.

use std::str::FromStr;
use std::time::Duration;

use diesel::ConnectionError;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};

/// Which node a pool wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeRole {
    /// Accepts writes (`pg_is_in_recovery() = false`).
    Primary,
    /// A hot standby (`pg_is_in_recovery() = true`).
    Standby,
}

#[derive(diesel::QueryableByName)]
struct InRecovery {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    in_recovery: bool,
}

/// Connects to the first host of `url` that answers within `timeout` and has `role`.
///
/// `url` is a libpq-style URL, possibly multi-host (`postgres://u@h1:p1,h2:p2/db`).
/// `statement_timeout` becomes the session default, so every read is bounded too.
pub async fn connect(
    url: &str,
    role: NodeRole,
    timeout: Duration,
    statement_timeout: Duration,
) -> Result<AsyncPgConnection, ConnectionError> {
    let config = tokio_postgres::Config::from_str(url)
        .map_err(|e| ConnectionError::InvalidConnectionUrl(e.to_string()))?;
    let hosts = config.get_hosts();
    let ports = config.get_ports();
    let mut last_error = String::from("no host in the database URL");
    for (i, host) in hosts.iter().enumerate() {
        let port = ports.get(i).or(ports.first()).copied().unwrap_or(5432);
        // The same credentials, with this host only.
        let mut single = tokio_postgres::Config::new();
        copy_credentials(&config, &mut single);
        match host {
            tokio_postgres::config::Host::Tcp(h) => single.host(h),
            #[cfg(unix)]
            tokio_postgres::config::Host::Unix(p) => single.host_path(p),
        };
        single.port(port).connect_timeout(timeout);
        let label = format!("{}:{port}", host_label(host));
        match tokio::time::timeout(timeout, open(single, role, statement_timeout)).await {
            Ok(Ok(conn)) => return Ok(conn),
            Ok(Err(e)) => last_error = format!("{label}: {e}"),
            Err(_) => last_error = format!("{label}: no answer within {timeout:?}"),
        }
    }
    Err(ConnectionError::BadConnection(last_error))
}

fn host_label(host: &tokio_postgres::config::Host) -> String {
    match host {
        tokio_postgres::config::Host::Tcp(h) => h.clone(),
        #[cfg(unix)]
        tokio_postgres::config::Host::Unix(p) => p.display().to_string(),
    }
}

fn copy_credentials(from: &tokio_postgres::Config, to: &mut tokio_postgres::Config) {
    if let Some(u) = from.get_user() {
        to.user(u);
    }
    if let Some(p) = from.get_password() {
        to.password(p);
    }
    if let Some(d) = from.get_dbname() {
        to.dbname(d);
    }
    to.application_name(from.get_application_name().unwrap_or("kreditor"));
}

async fn open(
    config: tokio_postgres::Config,
    role: NodeRole,
    statement_timeout: Duration,
) -> Result<AsyncPgConnection, String> {
    let (client, connection) = config
        .connect(tokio_postgres::NoTls)
        .await
        .map_err(|e| e.to_string())?;
    let mut conn = AsyncPgConnection::try_from_client_and_connection(client, connection)
        .await
        .map_err(|e| e.to_string())?;
    let found: InRecovery = diesel::sql_query("SELECT pg_is_in_recovery() AS in_recovery")
        .get_result(&mut conn)
        .await
        .map_err(|e| e.to_string())?;
    let wanted = role == NodeRole::Standby;
    if found.in_recovery != wanted {
        return Err(format!("is not a {role:?}"));
    }
    let ms = statement_timeout.as_millis();
    conn.batch_execute(&format!(
        "SET statement_timeout = {ms}; SET idle_in_transaction_session_timeout = {ms}"
    ))
    .await
    .map_err(|e| e.to_string())?;
    Ok(conn)
}

/// Checks that a pooled connection is still on a node of the wanted role (a failover turns a
/// primary into a standby under our feet).
pub async fn still_has_role(
    conn: &mut AsyncPgConnection,
    role: NodeRole,
) -> diesel::QueryResult<()> {
    let found: InRecovery = diesel::sql_query("SELECT pg_is_in_recovery() AS in_recovery")
        .get_result(conn)
        .await?;
    if found.in_recovery == (role == NodeRole::Standby) {
        Ok(())
    } else {
        Err(diesel::result::Error::BrokenTransactionManager)
    }
}

/// A direct connection to one URL, for admin work (creating test databases, migrations).
pub async fn connect_direct(url: &str) -> Result<AsyncPgConnection, ConnectionError> {
    AsyncPgConnection::establish(url).await
}
