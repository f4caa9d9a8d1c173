//! Which sources answer address and score look-ups in this installation: the built-in
//! registry unless an HTTP endpoint is configured (`ADDRESS_PROVIDER_URL`,
//! `SCORE_PROVIDER_URL`).

use std::sync::Arc;

use super::{BadBaseUrl, DynGuarded, GuardConfig, Guarded, HttpJsonProvider, Providers};
use super::{Provider, RegistryProvider};
use crate::kdb::Kdb;

/// The provider part of the server configuration.
#[derive(Debug, Clone, Default)]
pub struct ProviderSettings {
    /// Base URL of an HTTP JSON address provider; `None` = the registry.
    pub address_url: Option<String>,
    /// Base URL of an HTTP JSON score provider; `None` = the registry.
    pub score_url: Option<String>,
    /// Timeouts, retries, breaker and cache of every provider.
    pub guard: GuardConfig,
}

impl ProviderSettings {
    /// The guarded providers these settings describe. The registry is shared when it serves
    /// both look-ups, so one breaker and one cache cover it.
    pub fn build(&self, kdb: &Kdb) -> Result<Providers, BadBaseUrl> {
        let guarded = |p: Arc<dyn Provider>| -> Arc<DynGuarded> {
            Arc::new(Guarded::new(p, self.guard.clone(), kdb.clone()))
        };
        let registry = guarded(Arc::new(RegistryProvider::new(kdb.clone())));
        let address = match &self.address_url {
            Some(url) => guarded(Arc::new(HttpJsonProvider::new("http:address", url)?)),
            None => registry.clone(),
        };
        let score = match &self.score_url {
            Some(url) => guarded(Arc::new(HttpJsonProvider::new("http:score", url)?)),
            None => registry,
        };
        Ok(Providers::new(address, score))
    }
}
