//! A tower-sessions store in PostgreSQL through KDB (no published store fits tower-sessions
//! 0.15 with diesel-async). Sessions live in the database so any app node can serve any user.
//!
//! Rows are keyed by the SHA-256 of the session id, never the id itself: someone who reads the
//! table (a backup, a replica, a support query) learns no id they could present as a cookie.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::RunQueryDsl;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::SessionStore;

use crate::kdb::{Kdb, KdbError, ScopedFutureExt};
use crate::schema::web_sessions;

/// Sessions in the `web_sessions` table.
#[derive(Clone)]
pub struct PgSessionStore {
    kdb: Kdb,
}

impl std::fmt::Debug for PgSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PgSessionStore")
    }
}

impl PgSessionStore {
    /// A store on `kdb`.
    pub fn new(kdb: Kdb) -> Self {
        PgSessionStore { kdb }
    }

    /// Deletes expired sessions; returns how many.
    pub async fn delete_expired(&self) -> std::result::Result<usize, KdbError> {
        self.kdb
            .write(|conn| {
                async move {
                    Ok::<_, KdbError>(
                        diesel::delete(
                            web_sessions::table
                                .filter(web_sessions::expires_at.lt(diesel::dsl::now)),
                        )
                        .execute(conn)
                        .await?,
                    )
                }
                .scope_boxed()
            })
            .await
    }
}

fn to_chrono(t: time::OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_default()
}

fn to_time(t: DateTime<Utc>) -> Result<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp(t.timestamp())
        .map_err(|e| Error::Decode(e.to_string()))
}

/// The row key of session `id`: hex SHA-256 of its text form (the id has 128 random bits, so
/// a fast unsalted hash is enough).
pub fn row_key(id: &Id) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(id.to_string().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn backend(e: KdbError) -> Error {
    Error::Backend(e.to_string())
}

#[async_trait::async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A new id on the (astronomically unlikely) collision, instead of overwriting.
        loop {
            let id = row_key(&record.id);
            let data =
                serde_json::to_value(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
            let expires = to_chrono(record.expiry_date);
            let (id_ref, data_ref) = (&id, &data);
            let inserted = self
                .kdb
                .write(|conn| {
                    async move {
                        Ok::<_, KdbError>(
                            diesel::insert_into(web_sessions::table)
                                .values((
                                    web_sessions::id.eq(id_ref),
                                    web_sessions::data.eq(data_ref),
                                    web_sessions::expires_at.eq(expires),
                                ))
                                .on_conflict_do_nothing()
                                .execute(conn)
                                .await?,
                        )
                    }
                    .scope_boxed()
                })
                .await
                .map_err(backend)?;
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let id = row_key(&record.id);
        let data = serde_json::to_value(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        let expires = to_chrono(record.expiry_date);
        let (id, data) = (&id, &data);
        self.kdb
            .write(|conn| {
                async move {
                    diesel::insert_into(web_sessions::table)
                        .values((
                            web_sessions::id.eq(id),
                            web_sessions::data.eq(data),
                            web_sessions::expires_at.eq(expires),
                        ))
                        .on_conflict(web_sessions::id)
                        .do_update()
                        .set((
                            web_sessions::data.eq(excluded(web_sessions::data)),
                            web_sessions::expires_at.eq(excluded(web_sessions::expires_at)),
                        ))
                        .execute(conn)
                        .await?;
                    Ok::<_, KdbError>(())
                }
                .scope_boxed()
            })
            .await
            .map_err(backend)
    }

    async fn load(&self, session_id: &Id) -> Result<Option<Record>> {
        let id = row_key(session_id);
        let id_ref = &id;
        // The primary: a session written a moment ago (login) must be found.
        let row: Option<(serde_json::Value, DateTime<Utc>)> = self
            .kdb
            .read_primary(|conn| {
                async move {
                    Ok::<_, KdbError>(
                        web_sessions::table
                            .find(id_ref)
                            .filter(web_sessions::expires_at.gt(diesel::dsl::now))
                            .select((web_sessions::data, web_sessions::expires_at))
                            .first(conn)
                            .await
                            .optional()?,
                    )
                }
                .scope_boxed()
            })
            .await
            .map_err(backend)?;
        match row {
            None => Ok(None),
            Some((data, expires)) => Ok(Some(Record {
                id: *session_id,
                data: serde_json::from_value(data).map_err(|e| Error::Decode(e.to_string()))?,
                expiry_date: to_time(expires)?,
            })),
        }
    }

    async fn delete(&self, session_id: &Id) -> Result<()> {
        let id = row_key(session_id);
        let id_ref = &id;
        self.kdb
            .write(|conn| {
                async move {
                    diesel::delete(web_sessions::table.find(id_ref))
                        .execute(conn)
                        .await?;
                    Ok::<_, KdbError>(())
                }
                .scope_boxed()
            })
            .await
            .map_err(backend)
    }
}
