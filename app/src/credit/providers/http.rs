//! The HTTP JSON provider: a bureau (or the test stand-in) answering
//! `GET {base}/address/{country}/{id}` and `GET {base}/score/{country}/{id}` with JSON.
//!
//! Status mapping: 200 = answer, 404 = not found (definite, cached), 5xx and connection
//! failures = transient (retried, count towards the breaker), other statuses and unparsable
//! bodies = permanent (not retried: asking again gives the same).

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::http_client::{self, encode_segment, BaseUrl};
use super::{country_code, Address, FetchError, Provider, RiskClass, Score};
use crate::customers::national_id::NationalId;

/// The score body: `{"score": 712, "risk_class": "B"}`.
#[derive(Debug, Deserialize)]
struct ScoreBody {
    score: u16,
    risk_class: String,
}

/// A JSON provider at a configurable base URL.
#[derive(Debug, Clone)]
pub struct HttpJsonProvider {
    name: String,
    base: BaseUrl,
}

/// The base URL given to [`HttpJsonProvider::new`] is not `http://host[:port][/prefix]`.
#[derive(Debug, thiserror::Error)]
#[error("provider base URL must look like http://host[:port][/prefix]")]
pub struct BadBaseUrl;

impl HttpJsonProvider {
    /// A provider logged as `name` (e.g. `http:bureau`) at `base_url`.
    pub fn new(name: &str, base_url: &str) -> Result<Self, BadBaseUrl> {
        Ok(HttpJsonProvider {
            name: name.to_string(),
            base: BaseUrl::parse(base_url).ok_or(BadBaseUrl)?,
        })
    }

    async fn get_json<T: DeserializeOwned>(
        &self,
        kind: &str,
        id: &NationalId,
    ) -> Result<T, FetchError> {
        let path = format!(
            "/{kind}/{}/{}",
            country_code(id.country()),
            encode_segment(id.expose_normalized())
        );
        let res = http_client::get(&self.base, &path)
            .await
            .map_err(|e| FetchError::Transient(e.to_string()))?;
        match res.status {
            200 => serde_json::from_slice(&res.body)
                .map_err(|e| FetchError::Permanent(format!("unusable {kind} body: {e}"))),
            404 => Err(FetchError::NotFound),
            s @ 500..=599 => Err(FetchError::Transient(format!("HTTP {s}"))),
            s => Err(FetchError::Permanent(format!("HTTP {s}"))),
        }
    }
}

#[async_trait::async_trait]
impl Provider for HttpJsonProvider {
    fn name(&self) -> &str {
        &self.name
    }

    async fn address(&self, id: &NationalId) -> Result<Address, FetchError> {
        self.get_json("address", id).await
    }

    async fn score(&self, id: &NationalId) -> Result<Score, FetchError> {
        let body: ScoreBody = self.get_json("score", id).await?;
        RiskClass::parse(&body.risk_class)
            .and_then(|c| Score::new(body.score, c))
            .ok_or_else(|| FetchError::Permanent("score or risk class out of range".into()))
    }
}
