//! Configuration from environment variables (documented in the README's table).

mod particulars;

use std::net::SocketAddr;
use std::time::Duration;

use app::kdb::KdbConfig;
use app::ktime::AppEnv;
use app::services::AuthSettings;

/// Why the configuration is unusable; names the variable.
#[derive(Debug, thiserror::Error)]
#[error("{var}: {problem}")]
pub struct ConfigError {
    /// The environment variable at fault.
    pub var: &'static str,
    /// What is wrong with it.
    pub problem: String,
}

/// Everything the server reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `APP_ENV`: production, demo or test.
    pub env: AppEnv,
    /// `BIND_ADDR`.
    pub bind_addr: SocketAddr,
    /// `INTERNAL_BIND_ADDR`: `/metrics` and `/health/ready`, not for the internet.
    pub internal_bind_addr: SocketAddr,
    /// Database settings (`DATABASE_URL`, `DATABASE_READ_URL`, `DB_*`).
    pub db: KdbConfig,
    /// Login and session rules (`SESSION_*`, `LOGIN_*`).
    pub auth: AuthSettings,
    /// `SESSION_SECRET`: signs the session cookie (at least 64 bytes).
    pub session_secret: Vec<u8>,
    /// Secure cookies (HTTPS only): on in production unless `COOKIE_SECURE=false`.
    pub cookie_secure: bool,
    /// `SITE_ROOT`: where `pkg/` (wasm, js, css) is served from.
    pub site_root: String,
    /// `LOG_FORMAT`: `json` (default) or `pretty`.
    pub log_json: bool,
    /// `COMPANY_NAME` and `COMPANY_ORG_NR`: whose books these are (SIE header).
    pub company: app::ledger::export::Company,
    /// `COMPANY_*`, `PAY_*`, `SERVICE_*`: who Kreditor is on its invoices and where customers
    /// pay (validated; required in production).
    pub particulars: app::documents::company::Particulars,
    /// `ADDRESS_PROVIDER_URL`, `SCORE_PROVIDER_URL`, `PROVIDER_TIMEOUT_MS`, `PROVIDER_CA_FILE`: where credit
    /// decisions look people up (the built-in registry when unset).
    pub providers: app::credit::providers::ProviderSettings,
    /// `OCR_LENGTH_DIGIT` and `KID_MOD11` (true/false) and `INVOICE_FEE_VAT_RATE` (hundredths
    /// of a percent: 0, 600, 1200 or 2500).
    pub invoicing: app::invoices::settings::InvoiceSettings,
    /// `API_RATE_LIMIT` (requests per second per merchant, 0 = off) and `API_RATE_BURST`.
    pub api_rate_limit: app::rate_limit::RateLimit,
    /// `REJECTION_ALERT_WINDOW_MINUTES`, `REJECTION_ALERT_MIN`, `REJECTION_ALERT_PERCENT`.
    pub rejection_alert: app::orders::alerts::RejectionAlert,
    /// Bounds on the work one caller can cause (`API_IP_*`, `API_BAD_KEY_*`, `BATCH_*`,
    /// `PORTAL_UPLOADS_*`).
    pub limits: Limits,
    /// `BATCH_INPUT_RETENTION_DAYS`: batch rows' inputs (national ids) are purged this long
    /// after their batch finished, on the business clock.
    pub batch_input_retention_days: u32,
}

/// Bounds on the work one caller can cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `API_IP_RATE_LIMIT` / `API_IP_RATE_BURST`: order API requests per second per client
    /// address, before authentication (0 = off).
    pub api_per_ip: app::rate_limit::RateLimit,
    /// `API_BAD_KEY_CACHE_SECONDS`: how long failed credentials are refused from memory.
    pub bad_key_cache: Duration,
    /// `BATCH_MAX_QUEUED_ROWS`: most unprocessed batch rows one merchant may have waiting.
    pub batch_max_queued_rows: i64,
    /// `PORTAL_UPLOADS_PER_MINUTE`: batch uploads per merchant through the portal (0 = off).
    pub portal_uploads_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            api_per_ip: app::rate_limit::RateLimit {
                per_second: 100,
                burst: 200,
            },
            bad_key_cache: Duration::from_secs(60),
            batch_max_queued_rows: 50_000,
            portal_uploads_per_minute: 10,
        }
    }
}

/// Default of `BATCH_INPUT_RETENTION_DAYS`.
pub const BATCH_INPUT_RETENTION_DAYS: u32 = 30;

fn var(name: &'static str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|_| ConfigError {
            var: name,
            problem: format!("cannot parse {v:?}"),
        }),
    }
}

fn millis(name: &'static str, default: Duration) -> Result<Duration, ConfigError> {
    let ms: u64 = parse(name, u64::try_from(default.as_millis()).unwrap_or(u64::MAX))?;
    Ok(Duration::from_millis(ms))
}

impl Config {
    /// Reads the environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        let env_text = var("APP_ENV").unwrap_or_else(|| "production".into());
        let env = AppEnv::parse(&env_text).ok_or(ConfigError {
            var: "APP_ENV",
            problem: format!("{env_text:?} is not one of production, demo, test"),
        })?;
        let write_url = var("DATABASE_URL").ok_or(ConfigError {
            var: "DATABASE_URL",
            problem: "is required".into(),
        })?;
        let mut db = KdbConfig::new(write_url, var("DATABASE_READ_URL"));
        db.connect_timeout = millis("DB_CONNECT_TIMEOUT_MS", db.connect_timeout)?;
        db.statement_timeout = millis("DB_STATEMENT_TIMEOUT_MS", db.statement_timeout)?;
        db.transaction_timeout = millis("DB_TRANSACTION_TIMEOUT_MS", db.transaction_timeout)?;
        db.commit_deadline = millis("DB_COMMIT_DEADLINE_MS", db.commit_deadline)?;
        db.retry_deadline = millis("DB_RETRY_DEADLINE_MS", db.retry_deadline)?;
        db.pool_size = parse("DB_POOL_SIZE", db.pool_size)?;

        let defaults = AuthSettings::default();
        let auth = AuthSettings {
            idle_timeout: Duration::from_secs(parse(
                "SESSION_IDLE_SECONDS",
                defaults.idle_timeout.as_secs(),
            )?),
            absolute_timeout: Duration::from_secs(parse(
                "SESSION_ABSOLUTE_SECONDS",
                defaults.absolute_timeout.as_secs(),
            )?),
            free_failures: parse("LOGIN_FREE_FAILURES", defaults.free_failures)?,
            max_delay: Duration::from_secs(parse(
                "LOGIN_MAX_DELAY_SECONDS",
                defaults.max_delay.as_secs(),
            )?),
            per_ip_per_minute: parse("LOGIN_RATE_PER_IP", defaults.per_ip_per_minute)?,
            global_per_second: parse("LOGIN_RATE_GLOBAL", defaults.global_per_second)?,
            hash_concurrency: parse("LOGIN_HASH_CONCURRENCY", defaults.hash_concurrency)?,
        };

        let fee_vat_rate: i64 = parse("INVOICE_FEE_VAT_RATE", 0)?;
        if fee_vat_rate != 0 && app::ledger::accounts::output_vat(fee_vat_rate).is_none() {
            return Err(ConfigError {
                var: "INVOICE_FEE_VAT_RATE",
                problem: "must be 0, 600, 1200 or 2500 (the Swedish rates, which have output-VAT accounts)".into(),
            });
        }

        let session_secret = match var("SESSION_SECRET") {
            Some(s) if s.len() >= 64 => s.into_bytes(),
            Some(_) => {
                return Err(ConfigError {
                    var: "SESSION_SECRET",
                    problem: "must be at least 64 bytes".into(),
                })
            }
            None if env == AppEnv::Production => {
                return Err(ConfigError {
                    var: "SESSION_SECRET",
                    problem: "is required in production".into(),
                })
            }
            // Demo and test: a fresh secret per start (signing in again after a restart is fine).
            None => {
                use rand::RngCore;
                let mut bytes = vec![0u8; 64];
                rand::thread_rng().fill_bytes(&mut bytes);
                bytes
            }
        };
        let mut providers = app::credit::providers::ProviderSettings {
            address_url: var("ADDRESS_PROVIDER_URL"),
            score_url: var("SCORE_PROVIDER_URL"),
            ca_file: var("PROVIDER_CA_FILE").map(std::path::PathBuf::from),
            require_tls: env == AppEnv::Production,
            ..Default::default()
        };
        providers.guard.timeout = millis("PROVIDER_TIMEOUT_MS", providers.guard.timeout)?;
        let particulars = particulars::from_env(env)?;
        Ok(Config {
            env,
            bind_addr: parse("BIND_ADDR", SocketAddr::from(([127, 0, 0, 1], 3000)))?,
            internal_bind_addr: parse(
                "INTERNAL_BIND_ADDR",
                SocketAddr::from(([127, 0, 0, 1], 9100)),
            )?,
            db,
            auth,
            session_secret,
            cookie_secure: parse("COOKIE_SECURE", env == AppEnv::Production)?,
            site_root: var("SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            log_json: var("LOG_FORMAT").as_deref() != Some("pretty"),
            company: app::ledger::export::Company {
                name: particulars.name.clone(),
                org_nr: particulars.org_nr.clone(),
            },
            particulars,
            providers,
            api_rate_limit: app::rate_limit::RateLimit {
                per_second: parse("API_RATE_LIMIT", 200)?,
                burst: parse("API_RATE_BURST", 400)?,
            },
            limits: {
                let d = Limits::default();
                Limits {
                    api_per_ip: app::rate_limit::RateLimit {
                        per_second: parse("API_IP_RATE_LIMIT", d.api_per_ip.per_second)?,
                        burst: parse("API_IP_RATE_BURST", d.api_per_ip.burst)?,
                    },
                    bad_key_cache: Duration::from_secs(parse(
                        "API_BAD_KEY_CACHE_SECONDS",
                        d.bad_key_cache.as_secs(),
                    )?),
                    batch_max_queued_rows: parse("BATCH_MAX_QUEUED_ROWS", d.batch_max_queued_rows)?,
                    portal_uploads_per_minute: parse(
                        "PORTAL_UPLOADS_PER_MINUTE",
                        d.portal_uploads_per_minute,
                    )?,
                }
            },
            batch_input_retention_days: parse(
                "BATCH_INPUT_RETENTION_DAYS",
                BATCH_INPUT_RETENTION_DAYS,
            )?,
            invoicing: app::invoices::settings::InvoiceSettings {
                ocr: app::invoices::ocr::OcrConfig {
                    length_digit: parse("OCR_LENGTH_DIGIT", false)?,
                    kid: if parse("KID_MOD11", false)? {
                        app::invoices::ocr::KidCheck::Mod11
                    } else {
                        app::invoices::ocr::KidCheck::Mod10
                    },
                },
                fee_vat: app::invoices::vat::InvoiceFeeVat {
                    tax_rate: fee_vat_rate,
                },
                allocation: match var("PAYMENT_ALLOCATION_ORDER") {
                    None => Default::default(),
                    Some(v) => {
                        app::payments::allocate::AllocationOrder::parse(&v).ok_or(ConfigError {
                            var: "PAYMENT_ALLOCATION_ORDER",
                            problem:
                                "must name fee, interest and principal once each, comma-separated"
                                    .into(),
                        })?
                    }
                },
            },
            rejection_alert: app::orders::alerts::RejectionAlert {
                window_minutes: parse("REJECTION_ALERT_WINDOW_MINUTES", 60)?,
                min_decisions: parse("REJECTION_ALERT_MIN", 20)?,
                percent: parse("REJECTION_ALERT_PERCENT", 50)?,
            },
        })
    }
}
