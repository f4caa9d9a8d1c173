//! The HTTP JSON provider: a bureau (or the test stand-in) answering
//! `POST {base}/address` and `POST {base}/score` with a JSON body
//! `{"country": "SE", "national_id": "198112189876"}` and a JSON answer.
//!
//! The national id travels in the body, never in the URL: URLs end up in access logs, proxy
//! logs and error messages. The client is `reqwest` over rustls (no OpenSSL); `https://` base
//! URLs are verified against the web PKI roots plus an optional extra CA (`PROVIDER_CA_FILE`,
//! for a bureau with a private CA and for the tests' self-signed stand-in). Redirects are not
//! followed (a redirected POST would carry the id somewhere nobody configured).
//!
//! Status mapping: 200 = answer, 404 = not found (definite, cached), 5xx and connection
//! failures = transient (retried, count towards the breaker), other statuses and unparsable
//! bodies = permanent (not retried: asking again gives the same).

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use super::{country_code, Address, FetchError, Provider, RiskClass, Score};
use crate::customers::national_id::NationalId;

/// Largest response body accepted; a provider's answer is a few hundred bytes.
const MAX_RESPONSE: usize = 256 * 1024;

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
    /// The base URL without a trailing slash.
    base: String,
    client: reqwest::Client,
}

/// The provider cannot be set up: the base URL or the CA file is unusable. Says which.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadBaseUrl(pub String);

/// How to reach an HTTP provider.
#[derive(Debug, Clone, Default)]
pub struct HttpOptions<'a> {
    /// PEM certificate(s) trusted in addition to the web PKI roots.
    pub extra_ca_pem: Option<&'a [u8]>,
    /// Refuse `http://` base URLs (production: the id must not cross a network in clear).
    pub require_tls: bool,
}

impl HttpJsonProvider {
    /// A provider logged as `name` (e.g. `http:bureau`) at `base_url` (`http(s)://host[:port][/prefix]`).
    pub fn new(name: &str, base_url: &str) -> Result<Self, BadBaseUrl> {
        Self::with_options(name, base_url, &HttpOptions::default())
    }

    /// As [`HttpJsonProvider::new`], with an extra trusted CA and the TLS requirement.
    pub fn with_options(
        name: &str,
        base_url: &str,
        options: &HttpOptions<'_>,
    ) -> Result<Self, BadBaseUrl> {
        let url = reqwest::Url::parse(base_url)
            .map_err(|_| BadBaseUrl("must look like https://host[:port][/prefix]".into()))?;
        let tls = match url.scheme() {
            "https" => true,
            "http" => false,
            _ => return Err(BadBaseUrl("must be an http:// or https:// URL".into())),
        };
        if !tls && options.require_tls {
            return Err(BadBaseUrl(
                "must be https:// (plain http is refused in production)".into(),
            ));
        }
        if url.host_str().is_none_or(str::is_empty)
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return Err(BadBaseUrl(
                "must look like https://host[:port][/prefix]".into(),
            ));
        }
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("kreditor");
        if let Some(pem) = options.extra_ca_pem {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| BadBaseUrl(format!("PROVIDER_CA_FILE: not a PEM certificate: {e}")))?;
            if certs.is_empty() {
                return Err(BadBaseUrl(
                    "PROVIDER_CA_FILE: no certificate in the file".into(),
                ));
            }
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        let client = builder
            .build()
            .map_err(|e| BadBaseUrl(format!("cannot build the HTTP client: {e}")))?;
        Ok(HttpJsonProvider {
            name: name.to_string(),
            base: base_url.trim_end_matches('/').to_string(),
            client,
        })
    }

    async fn post_json<T: DeserializeOwned>(
        &self,
        kind: &str,
        id: &NationalId,
    ) -> Result<T, FetchError> {
        let body = json!({
            "country": country_code(id.country()),
            "national_id": id.expose_normalized(),
        });
        let mut res = self
            .client
            .post(format!("{}/{kind}", self.base))
            .header(reqwest::header::ACCEPT, "application/json")
            .json(&body)
            .send()
            .await
            // `without_url`: the message names no URL (nothing personal is in it anyway).
            .map_err(|e| FetchError::Transient(e.without_url().to_string()))?;
        let status = res.status().as_u16();
        let mut bytes = Vec::new();
        while let Some(chunk) = res
            .chunk()
            .await
            .map_err(|e| FetchError::Transient(e.without_url().to_string()))?
        {
            if bytes.len() + chunk.len() > MAX_RESPONSE {
                return Err(FetchError::Permanent(format!("{kind} answer too large")));
            }
            bytes.extend_from_slice(&chunk);
        }
        match status {
            200 => serde_json::from_slice(&bytes)
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
        self.post_json("address", id).await
    }

    async fn score(&self, id: &NationalId) -> Result<Score, FetchError> {
        let body: ScoreBody = self.post_json("score", id).await?;
        RiskClass::parse(&body.risk_class)
            .and_then(|c| Score::new(body.score, c))
            .ok_or_else(|| FetchError::Permanent("score or risk class out of range".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert!(HttpJsonProvider::new("a", "http://127.0.0.1:8080/api/").is_ok());
        assert!(HttpJsonProvider::new("a", "https://bureau.example").is_ok());
        assert!(HttpJsonProvider::new("a", "ftp://bureau.example").is_err());
        assert!(HttpJsonProvider::new("a", "bureau.example").is_err());
        let tls = HttpOptions {
            require_tls: true,
            ..Default::default()
        };
        assert!(HttpJsonProvider::with_options("a", "http://bureau.example", &tls).is_err());
        assert!(HttpJsonProvider::with_options("a", "https://bureau.example", &tls).is_ok());
        let bad_ca = HttpOptions {
            extra_ca_pem: Some(b"not a pem"),
            ..Default::default()
        };
        assert!(HttpJsonProvider::with_options("a", "https://b.example", &bad_ca).is_err());
    }
}
