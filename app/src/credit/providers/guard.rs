//! [`Guarded`]: what every provider call gets — a timeout, retries with backoff, a circuit
//! breaker, a TTL cache and a row in the call log — so each source only has to make one plain
//! attempt. [`Providers`] is the facade the decision code calls.
//!
//! Timing here (timeouts, breaker cool-down, cache expiry) is infrastructure, measured with
//! the monotonic `tokio::time::Instant`, not business time: a frozen or advanced Ktime must
//! not keep a broken provider's circuit open or serve week-old cached scores.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::time::Instant;

use super::record::{CallLog, CallOutcome, Operation};
use super::{Address, FetchError, Provider, ProviderResult, Score, Unavailable};
use crate::customers::national_id::NationalId;
use crate::kdb::Kdb;
use crate::ktime::Country;

/// Limits of a guarded provider. The defaults suit a credit bureau answering in well under a
/// second; a decision should not wait more than a few seconds for any one fact.
#[derive(Debug, Clone)]
pub struct GuardConfig {
    /// Longest one attempt may take.
    pub timeout: Duration,
    /// Extra attempts after a transient failure or timeout.
    pub retries: u32,
    /// Pause before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// Consecutive failed calls that open the circuit.
    pub failure_threshold: u32,
    /// How long an open circuit refuses calls before letting one probe through.
    pub cool_down: Duration,
    /// How long an answer (including "not found") is reused.
    pub cache_ttl: Duration,
    /// Most cached answers kept; bounds memory when many people are looked up.
    pub cache_capacity: usize,
}

impl Default for GuardConfig {
    fn default() -> Self {
        GuardConfig {
            timeout: Duration::from_secs(2),
            retries: 2,
            backoff: Duration::from_millis(100),
            failure_threshold: 5,
            cool_down: Duration::from_secs(30),
            cache_ttl: Duration::from_secs(15 * 60),
            cache_capacity: 10_000,
        }
    }
}

/// The circuit breaker's state, as the staff UI and tests see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakerState {
    /// Calls go through; counts consecutive failed calls.
    Closed {
        /// Failed calls since the last success.
        failures: u32,
    },
    /// Calls are refused until the cool-down ends.
    Open {
        /// When a probe may go through.
        until: Instant,
    },
    /// One probe call is in flight; its outcome closes or re-opens the circuit.
    HalfOpen {
        /// When the probe started (a probe abandoned by its caller is replaced after the
        /// cool-down, so the breaker cannot get stuck half-open).
        probe_started: Instant,
    },
}

/// A cached answer.
#[derive(Debug, Clone)]
enum Cached {
    Address(Address),
    Score(Score),
    NotFound,
}

/// Cache key: the provider is implied (one cache per [`Guarded`]); the id is held in memory
/// only, never logged.
type Key = (Operation, Country, String);

/// A provider with the guard around it; see the module docs.
pub struct Guarded<P> {
    provider: P,
    config: GuardConfig,
    log: CallLog,
    breaker: Mutex<BreakerState>,
    cache: Mutex<HashMap<Key, (Instant, Cached)>>,
}

/// Locks `m`, ignoring poisoning: the guarded state stays consistent under every early exit
/// (each update is one assignment), so a panic elsewhere must not disable the provider.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl<P: Provider> Guarded<P> {
    /// Guards `provider` with `config`, logging calls through `kdb` (in the background: call
    /// from within a Tokio runtime).
    pub fn new(provider: P, config: GuardConfig, kdb: Kdb) -> Self {
        Guarded {
            provider,
            config,
            log: CallLog::start(kdb),
            breaker: Mutex::new(BreakerState::Closed { failures: 0 }),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The provider inside.
    pub fn provider(&self) -> &P {
        &self.provider
    }

    /// The circuit breaker's current state.
    pub fn breaker_state(&self) -> BreakerState {
        *lock(&self.breaker)
    }

    /// The registered name and address of `id`, or why there is none.
    pub async fn lookup_address(
        &self,
        country: Country,
        id: &NationalId,
    ) -> ProviderResult<Address> {
        self.call(
            Operation::Address,
            country,
            id,
            || self.provider.address(id),
            Cached::Address,
            |c| match c {
                Cached::Address(a) => Some(a.clone()),
                _ => None,
            },
        )
        .await
    }

    /// The credit score of `id`, or why there is none.
    pub async fn score(&self, country: Country, id: &NationalId) -> ProviderResult<Score> {
        self.call(
            Operation::Score,
            country,
            id,
            || self.provider.score(id),
            Cached::Score,
            |c| match c {
                Cached::Score(s) => Some(*s),
                _ => None,
            },
        )
        .await
    }

    /// Cache, breaker, attempts, breaker update, cache fill, log — in that order.
    async fn call<T, F, Fut>(
        &self,
        op: Operation,
        country: Country,
        id: &NationalId,
        fetch: F,
        to_cache: fn(T) -> Cached,
        from_cache: fn(&Cached) -> Option<T>,
    ) -> ProviderResult<T>
    where
        T: Clone,
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, FetchError>>,
    {
        let started = Instant::now();
        if country != id.country() {
            // A caller bug, not a provider failure: don't touch the breaker.
            return Err(Unavailable::Error(
                "id is not of the requested country".into(),
            ));
        }
        let key: Key = (op, country, id.expose_normalized().to_string());
        if let Some(hit) = self.cached(&key) {
            let answer = match hit {
                Cached::NotFound => Err(Unavailable::NotFound),
                other => from_cache(&other).ok_or(Unavailable::Error("cache mix-up".into())),
            };
            self.log(op, CallOutcome::CacheHit, 0, started);
            return answer;
        }
        if !self.admit() {
            self.log(op, CallOutcome::CircuitOpen, 0, started);
            return Err(Unavailable::CircuitOpen);
        }
        let (result, attempts) = self.attempts(&fetch).await;
        let outcome = match &result {
            Ok(value) => {
                self.on_success();
                self.store(key, to_cache(value.clone()));
                CallOutcome::Ok
            }
            Err(Unavailable::NotFound) => {
                self.on_success();
                self.store(key, Cached::NotFound);
                CallOutcome::NotFound
            }
            Err(Unavailable::Timeout) => {
                self.on_failure();
                CallOutcome::Timeout
            }
            // A permanent error counts too: a provider answering garbage is as broken as
            // one not answering, and the breaker spares it (and us) the load.
            Err(Unavailable::Error(_) | Unavailable::CircuitOpen) => {
                self.on_failure();
                CallOutcome::Error
            }
        };
        self.log(op, outcome, attempts, started);
        result
    }

    /// Runs `fetch` with the timeout, retrying transient failures with doubling backoff.
    /// Returns the last result and how many attempts were made.
    async fn attempts<T, F, Fut>(&self, fetch: &F) -> (ProviderResult<T>, u32)
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, FetchError>>,
    {
        let mut pause = self.config.backoff;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let last = match tokio::time::timeout(self.config.timeout, fetch()).await {
                Ok(Ok(value)) => return (Ok(value), attempt),
                Ok(Err(FetchError::NotFound)) => return (Err(Unavailable::NotFound), attempt),
                Ok(Err(FetchError::Permanent(reason))) => {
                    return (Err(Unavailable::Error(reason)), attempt)
                }
                Ok(Err(FetchError::Transient(reason))) => Unavailable::Error(reason),
                Err(_elapsed) => Unavailable::Timeout,
            };
            if attempt > self.config.retries {
                tracing::info!(
                    provider = self.provider.name(),
                    attempts = attempt,
                    reason = %last,
                    "provider call failed"
                );
                return (Err(last), attempt);
            }
            tokio::time::sleep(pause).await;
            pause = pause.saturating_mul(2);
        }
    }

    /// Whether a call may go to the provider now; moves an expired open circuit to half-open
    /// and lets exactly this caller probe.
    fn admit(&self) -> bool {
        let mut state = lock(&self.breaker);
        let now = Instant::now();
        match *state {
            BreakerState::Closed { .. } => true,
            BreakerState::Open { until } if now < until => false,
            BreakerState::HalfOpen { probe_started }
                if now.duration_since(probe_started) < self.config.cool_down =>
            {
                false
            }
            BreakerState::Open { .. } | BreakerState::HalfOpen { .. } => {
                *state = BreakerState::HalfOpen { probe_started: now };
                true
            }
        }
    }

    fn on_success(&self) {
        *lock(&self.breaker) = BreakerState::Closed { failures: 0 };
    }

    fn on_failure(&self) {
        let mut state = lock(&self.breaker);
        let open = BreakerState::Open {
            until: Instant::now() + self.config.cool_down,
        };
        *state = match *state {
            BreakerState::Closed { failures } if failures + 1 < self.config.failure_threshold => {
                BreakerState::Closed {
                    failures: failures + 1,
                }
            }
            _ => {
                tracing::warn!(provider = self.provider.name(), "provider circuit opened");
                open
            }
        };
    }

    fn cached(&self, key: &Key) -> Option<Cached> {
        let cache = lock(&self.cache);
        let (expires, value) = cache.get(key)?;
        (Instant::now() < *expires).then(|| value.clone())
    }

    fn store(&self, key: Key, value: Cached) {
        let mut cache = lock(&self.cache);
        let now = Instant::now();
        if cache.len() >= self.config.cache_capacity {
            cache.retain(|_, (expires, _)| now < *expires);
            if cache.len() >= self.config.cache_capacity {
                // Still full of live entries: start over rather than track recency.
                cache.clear();
            }
        }
        cache.insert(key, (now + self.config.cache_ttl, value));
    }

    fn log(&self, op: Operation, outcome: CallOutcome, attempts: u32, started: Instant) {
        self.log.record(
            self.provider.name(),
            op,
            outcome,
            attempts,
            started.elapsed(),
        );
    }

    /// Waits until every call made so far is in the call log (tests and shutdown; the log is
    /// written in the background).
    pub async fn flush_log(&self) {
        self.log.flush().await;
    }
}

/// A guarded provider of any kind, so one [`Providers`] can mix sources.
pub type DynGuarded = Guarded<Arc<dyn Provider>>;

/// What the decision code asks: one guarded source for addresses, one for scores (possibly
/// the same). Cheap to clone.
#[derive(Clone)]
pub struct Providers {
    address: Arc<DynGuarded>,
    score: Arc<DynGuarded>,
}

impl Providers {
    /// Uses `address` for address look-ups and `score` for scores.
    pub fn new(address: Arc<DynGuarded>, score: Arc<DynGuarded>) -> Self {
        Providers { address, score }
    }

    /// The registered name and address of `id`; a failure is a value for the decision.
    pub async fn lookup_address(
        &self,
        country: Country,
        id: &NationalId,
    ) -> ProviderResult<Address> {
        self.address.lookup_address(country, id).await
    }

    /// The credit score of `id`; a failure becomes `score.available = false`.
    pub async fn score(&self, country: Country, id: &NationalId) -> ProviderResult<Score> {
        self.score.score(country, id).await
    }
}
