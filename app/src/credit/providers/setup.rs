//! Which sources answer address and score look-ups in this installation: the built-in
//! registry unless an HTTP endpoint is configured (`ADDRESS_PROVIDER_URL`,
//! `SCORE_PROVIDER_URL`; `PROVIDER_CA_FILE` adds a trusted CA for them).

use std::sync::Arc;

use super::Providers;
use super::{BadBaseUrl, DynGuarded, GuardConfig, Guarded, HttpJsonProvider, HttpOptions};
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
    /// `PROVIDER_CA_FILE`: a PEM file of CA certificates trusted besides the web PKI roots.
    pub ca_file: Option<std::path::PathBuf>,
    /// Refuse `http://` provider URLs (on in production: national ids only over TLS).
    pub require_tls: bool,
}

impl ProviderSettings {
    /// The guarded providers these settings describe. The registry is shared when it serves
    /// both look-ups, so one breaker and one cache cover it.
    pub fn build(&self, kdb: &Kdb) -> Result<Providers, BadBaseUrl> {
        let guarded = |p: Arc<dyn Provider>| -> Arc<DynGuarded> {
            Arc::new(Guarded::new(p, self.guard.clone(), kdb.clone()))
        };
        let ca = match &self.ca_file {
            Some(path) => Some(
                std::fs::read(path)
                    .map_err(|e| BadBaseUrl(format!("PROVIDER_CA_FILE {}: {e}", path.display())))?,
            ),
            None => None,
        };
        let options = HttpOptions {
            extra_ca_pem: ca.as_deref(),
            require_tls: self.require_tls,
        };
        let http = |name: &str, url: &str| -> Result<Arc<DynGuarded>, BadBaseUrl> {
            let provider = HttpJsonProvider::with_options(name, url, &options)?;
            Ok(guarded(Arc::new(provider)))
        };
        let registry = guarded(Arc::new(RegistryProvider::new(kdb.clone())));
        let address = match &self.address_url {
            Some(url) => http("http:address", url)?,
            None => registry.clone(),
        };
        let score = match &self.score_url {
            Some(url) => http("http:score", url)?,
            None => registry,
        };
        Ok(Providers::new(address, score))
    }
}
