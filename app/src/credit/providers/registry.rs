//! The built-in registry provider: answers from the `registry_people` table (loaded by
//! [`super::import_registry_csv`]), for demos, tests and installations without a bureau.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::registry_people;
use super::{Address, FetchError, Provider, RiskClass, Score};
use crate::customers::national_id::NationalId;
use crate::kdb::{Kdb, KdbError, ScopedFutureExt};

/// The columns a look-up needs.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = registry_people)]
struct PersonRow {
    given_name: String,
    family_name: String,
    street: String,
    postal_code: String,
    city: String,
    score: i32,
    risk_class: String,
}

/// Reads the registry table; a database failure is transient (the guard retries it).
#[derive(Clone)]
pub struct RegistryProvider {
    kdb: Kdb,
}

impl RegistryProvider {
    /// A registry provider reading through `kdb` (the standby is fine: the registry changes
    /// only by import).
    pub fn new(kdb: Kdb) -> Self {
        RegistryProvider { kdb }
    }

    async fn person(&self, id: &NationalId) -> Result<PersonRow, FetchError> {
        let country = super::country_code(id.country());
        let key = id.expose_normalized();
        let row = self
            .kdb
            .read(|conn| {
                async move {
                    Ok::<_, KdbError>(
                        registry_people::table
                            .find((country, key))
                            .select(PersonRow::as_select())
                            .first(conn)
                            .await
                            .optional()?,
                    )
                }
                .scope_boxed()
            })
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "registry look-up failed");
                FetchError::Transient("registry database unavailable".into())
            })?;
        row.ok_or(FetchError::NotFound)
    }
}

#[async_trait::async_trait]
impl Provider for RegistryProvider {
    fn name(&self) -> &str {
        "registry"
    }

    async fn address(&self, id: &NationalId) -> Result<Address, FetchError> {
        let p = self.person(id).await?;
        Ok(Address {
            given_name: p.given_name,
            family_name: p.family_name,
            street: p.street,
            postal_code: p.postal_code,
            city: p.city,
        })
    }

    async fn score(&self, id: &NationalId) -> Result<Score, FetchError> {
        let p = self.person(id).await?;
        let class = RiskClass::parse(&p.risk_class);
        u16::try_from(p.score)
            .ok()
            .zip(class)
            .and_then(|(v, c)| Score::new(v, c))
            .ok_or_else(|| FetchError::Permanent("registry row has an invalid score".into()))
    }
}
