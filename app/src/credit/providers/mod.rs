//! Fact providers: the external sources a credit decision asks about a person (registered
//! address, credit score), behind one framework that bounds every call in time, retries
//! transient failures, stops calling a source that is down (circuit breaker), caches answers
//! and records every call.
//!
//! The decision code only sees [`Providers`] (server side), whose answers are values: a
//! failed lookup is an [`Unavailable`] reason, which becomes a fact such as
//! `score.available = false` instead of an error that aborts the decision.

pub mod pages;
pub mod server_fns;
pub mod stats;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
mod guard;
#[cfg(feature = "ssr")]
mod http;
#[cfg(feature = "ssr")]
mod import;
#[cfg(feature = "ssr")]
mod record;
#[cfg(feature = "ssr")]
mod registry;
#[cfg(feature = "ssr")]
pub mod schema;
#[cfg(feature = "ssr")]
mod setup;

#[cfg(feature = "ssr")]
pub use guard::{BreakerState, DynGuarded, GuardConfig, Guarded, Providers};
#[cfg(feature = "ssr")]
pub use http::{BadBaseUrl, HttpJsonProvider, HttpOptions};
#[cfg(feature = "ssr")]
pub use import::{import_registry_csv, ImportError, ImportReport, RowError, REGISTRY_HEADER};
#[cfg(feature = "ssr")]
pub use record::{CallOutcome, Operation};
#[cfg(feature = "ssr")]
pub use registry::RegistryProvider;
#[cfg(feature = "ssr")]
pub use setup::ProviderSettings;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ktime::Country;

/// A person's registered name and address as a provider knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Given name(s).
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Street and number.
    pub street: String,
    /// Postal code as written in the country (`114 55`, `0150`, `00100`, `2100`).
    pub postal_code: String,
    /// City / post town.
    pub city: String,
}

/// Coarse risk band a score provider puts a person in, A (lowest risk) to E (highest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RiskClass {
    /// Lowest risk.
    A,
    /// Low risk.
    B,
    /// Medium risk.
    C,
    /// High risk.
    D,
    /// Highest risk.
    E,
}

impl RiskClass {
    /// Parses the one-letter form providers and the registry use.
    pub fn parse(s: &str) -> Option<RiskClass> {
        match s {
            "A" => Some(RiskClass::A),
            "B" => Some(RiskClass::B),
            "C" => Some(RiskClass::C),
            "D" => Some(RiskClass::D),
            "E" => Some(RiskClass::E),
            _ => None,
        }
    }

    /// The one-letter form.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskClass::A => "A",
            RiskClass::B => "B",
            RiskClass::C => "C",
            RiskClass::D => "D",
            RiskClass::E => "E",
        }
    }
}

/// Highest score a provider may give; the scale is 0..=1000 so rules compare plain integers.
pub const MAX_SCORE: u16 = 1000;

/// A credit score: a number on a fixed scale and the provider's risk class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// 0 (worst) to [`MAX_SCORE`] (best).
    pub value: u16,
    /// The provider's risk band.
    pub risk_class: RiskClass,
}

impl Score {
    /// A score, if `value` is on the scale.
    pub fn new(value: u16, risk_class: RiskClass) -> Option<Score> {
        (value <= MAX_SCORE).then_some(Score { value, risk_class })
    }
}

/// Why a guarded provider call gave no answer. A value, not an error: the decision turns it
/// into "fact not available" and decides on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unavailable {
    /// The provider answered: it does not know this person.
    NotFound,
    /// No answer within the time limit (after retries).
    Timeout,
    /// The provider failed (after retries) or answered something unusable. The reason never
    /// contains the national id.
    Error(String),
    /// The circuit breaker is open: the provider failed repeatedly and is left alone for a
    /// while, so it was not called.
    CircuitOpen,
}

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unavailable::NotFound => f.write_str("not found"),
            Unavailable::Timeout => f.write_str("timed out"),
            Unavailable::Error(reason) => write!(f, "failed: {reason}"),
            Unavailable::CircuitOpen => f.write_str("circuit open"),
        }
    }
}

/// The answer of a guarded provider call.
pub type ProviderResult<T> = Result<T, Unavailable>;

/// The two-letter code used in provider URLs, CSV files and the registry table.
pub fn country_code(country: Country) -> &'static str {
    country.code()
}

/// The country of a two-letter code, among those whose national ids Kreditor can check.
pub fn registry_country(code: &str) -> Option<Country> {
    match code {
        "SE" => Some(Country::SE),
        "NO" => Some(Country::NO),
        "FI" => Some(Country::FI),
        "DK" => Some(Country::DK),
        _ => None,
    }
}

/// How one raw provider call failed, as the provider itself reports it (before the guard).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The source does not know the person: a definite answer, not retried, cached.
    NotFound,
    /// Worth trying again (connection refused, 5xx, database hiccup).
    Transient(String),
    /// Trying again gives the same answer (malformed response, 4xx other than 404).
    Permanent(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::NotFound => f.write_str("not found"),
            FetchError::Transient(r) => write!(f, "transient: {r}"),
            FetchError::Permanent(r) => write!(f, "permanent: {r}"),
        }
    }
}

/// An external source of facts about a person: the one seam where registries, credit bureaus
/// and test stand-ins plug in. Implementations make one plain attempt; timeouts, retries,
/// the breaker, caching and recording are added by [`Guarded`] so every source gets the same.
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait Provider: Send + Sync {
    /// Stable name for the call log and the cache key, e.g. `registry`, `http:bureau`.
    fn name(&self) -> &str;

    /// The registered name and address of `id`.
    async fn address(
        &self,
        id: &crate::customers::national_id::NationalId,
    ) -> Result<Address, FetchError>;

    /// The credit score of `id`.
    async fn score(
        &self,
        id: &crate::customers::national_id::NationalId,
    ) -> Result<Score, FetchError>;
}

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
impl<P: Provider + ?Sized> Provider for std::sync::Arc<P> {
    fn name(&self) -> &str {
        (**self).name()
    }

    async fn address(
        &self,
        id: &crate::customers::national_id::NationalId,
    ) -> Result<Address, FetchError> {
        (**self).address(id).await
    }

    async fn score(
        &self,
        id: &crate::customers::national_id::NationalId,
    ) -> Result<Score, FetchError> {
        (**self).score(id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risk_class_round_trips() {
        for c in [
            RiskClass::A,
            RiskClass::B,
            RiskClass::C,
            RiskClass::D,
            RiskClass::E,
        ] {
            assert_eq!(RiskClass::parse(c.as_str()), Some(c));
        }
        assert_eq!(RiskClass::parse("F"), None);
        assert_eq!(RiskClass::parse("a"), None);
    }

    #[test]
    fn score_must_be_on_the_scale() {
        assert!(Score::new(1000, RiskClass::A).is_some());
        assert!(Score::new(1001, RiskClass::A).is_none());
    }
}
