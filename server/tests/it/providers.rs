//! Fact providers against a real local HTTP stand-in (slow, failing, flapping, not found, ok)
//! and the registry import on the real database pair.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::credit::providers::demo::{demo_registry_csv, DEMO_PEOPLE, DEMO_SEED};
use app::credit::providers::schema::{provider_calls, registry_people};
use app::credit::providers::{
    import_registry_csv, BreakerState, GuardConfig, Guarded, HttpJsonProvider, ImportError,
    Provider, Providers, RegistryProvider, RiskClass, Unavailable,
};
use app::customers::national_id::{generate_valid, NationalId};
use app::kdb::testing::TestDb;
use app::kdb::{Ctx, Kdb, KdbError, ScopedFutureExt};
use app::ktime::Country;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn swede(serial: u32) -> NationalId {
    let born = NaiveDate::from_ymd_opt(1981, 12, 18).unwrap();
    let id = generate_valid(Country::SE, born, serial).unwrap();
    NationalId::parse(Country::SE, &id, today()).unwrap()
}

// ---- the stand-in ------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Ok,
    Slow,
    Failing,
    Flapping,
    NotFound,
}

struct StandIn {
    mode: Mutex<Mode>,
    hits: AtomicU32,
    /// Every request line seen: the national id must never be in one.
    uris: Mutex<Vec<String>>,
    /// The ids received in request bodies.
    ids: Mutex<Vec<String>>,
}

impl StandIn {
    fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    fn hits(&self) -> u32 {
        AtomicU32::load(&self.hits, Ordering::SeqCst)
    }
}

async fn answer(stand_in: &StandIn, body: serde_json::Value) -> Response {
    let n = stand_in.hits.fetch_add(1, Ordering::SeqCst) + 1;
    let mode = *stand_in.mode.lock().unwrap();
    match mode {
        Mode::Ok => Json(body).into_response(),
        Mode::Slow => {
            tokio::time::sleep(Duration::from_secs(2)).await;
            Json(body).into_response()
        }
        Mode::Failing => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        // The first call of every pair fails.
        Mode::Flapping if n % 2 == 1 => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Mode::Flapping => Json(body).into_response(),
        Mode::NotFound => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The request body of both look-ups.
#[derive(Debug, serde::Deserialize)]
struct Lookup {
    country: String,
    national_id: String,
}

async fn address(State(s): State<Arc<StandIn>>, Json(q): Json<Lookup>) -> Response {
    assert_eq!(q.country, "SE");
    assert_eq!(
        q.national_id.len(),
        12,
        "the stand-in gets the normalized id"
    );
    s.ids.lock().unwrap().push(q.national_id);
    let body = json!({"given_name": "Anna", "family_name": "Berg", "street": "Storgatan 1",
        "postal_code": "114 55", "city": "Stockholm"});
    answer(&s, body).await
}

async fn score(State(s): State<Arc<StandIn>>, Json(q): Json<Lookup>) -> Response {
    s.ids.lock().unwrap().push(q.national_id);
    answer(&s, json!({"score": 712, "risk_class": "B"})).await
}

/// Notes every request line (method and URI) the stand-in sees, matched or not.
async fn note_uri(State(s): State<Arc<StandIn>>, req: Request) -> Request {
    s.uris
        .lock()
        .unwrap()
        .push(format!("{} {}", req.method(), req.uri()));
    req
}

fn stand_in_state(mode: Mode) -> Arc<StandIn> {
    Arc::new(StandIn {
        mode: Mutex::new(mode),
        hits: AtomicU32::new(0),
        uris: Mutex::new(Vec::new()),
        ids: Mutex::new(Vec::new()),
    })
}

fn stand_in_router(state: &Arc<StandIn>) -> Router {
    Router::new()
        .route("/v1/address", post(address))
        .route("/v1/score", post(score))
        .layer(axum::middleware::map_request_with_state(
            state.clone(),
            note_uri,
        ))
        .with_state(state.clone())
}

/// Starts the stand-in on a free local port; returns its state and base URL.
async fn stand_in(mode: Mode) -> (Arc<StandIn>, String) {
    let state = stand_in_state(mode);
    let router = stand_in_router(&state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (state, format!("http://{addr}/v1"))
}

/// A TCP listener that completes a TLS handshake before handing the connection to axum.
struct TlsListener {
    tcp: tokio::net::TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
}

impl axum::serve::Listener for TlsListener {
    type Io = tokio_rustls::server::TlsStream<tokio::net::TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Ok((tcp, addr)) = self.tcp.accept().await else {
                continue;
            };
            // A client that does not trust us fails here; keep serving the others.
            if let Ok(tls) = self.acceptor.accept(tcp).await {
                return (tls, addr);
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}

/// The stand-in over TLS with a certificate from a fresh private CA (rcgen); returns its
/// state, its `https://` base URL and the CA certificate as PEM.
async fn tls_stand_in(mode: Mode) -> (Arc<StandIn>, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    use tokio_rustls::rustls;
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_key = KeyPair::generate().unwrap();
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&leaf_key, &ca, &ca_key)
        .unwrap();
    // ring, as reqwest's rustls uses; its missing post-quantum key exchange is no matter for
    // a stand-in on localhost.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![leaf.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into()),
        )
        .unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let state = stand_in_state(mode);
    let router = stand_in_router(&state);
    let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = tcp.local_addr().unwrap();
    let listener = TlsListener {
        tcp,
        acceptor: tokio_rustls::TlsAcceptor::from(Arc::new(config)),
    };
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (state, format!("https://{addr}/v1"), ca.pem())
}

fn fast_config() -> GuardConfig {
    GuardConfig {
        // Generous: a local answer takes milliseconds, but tests share a busy machine.
        timeout: Duration::from_millis(1000),
        retries: 0,
        backoff: Duration::from_millis(10),
        failure_threshold: 3,
        cool_down: Duration::from_millis(400),
        cache_ttl: Duration::from_secs(60),
        cache_capacity: 100,
    }
}

async fn guarded_http(
    mode: Mode,
    config: GuardConfig,
) -> (TestDb, Kdb, Arc<StandIn>, Guarded<HttpJsonProvider>) {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let (s, base) = stand_in(mode).await;
    let provider = HttpJsonProvider::new("http:stand-in", &base).unwrap();
    let guarded = Guarded::new(provider, config, kdb.clone());
    (db, kdb, s, guarded)
}

/// The logged (operation, outcome, attempts) rows, oldest first, once `g`'s log is written.
async fn calls<P: Provider>(kdb: &Kdb, g: &Guarded<P>) -> Vec<(String, String, i16)> {
    g.flush_log().await;
    kdb.read_primary(|conn| {
        async move {
            Ok::<_, KdbError>(
                provider_calls::table
                    .order(provider_calls::id)
                    .select((
                        provider_calls::operation,
                        provider_calls::outcome,
                        provider_calls::attempts,
                    ))
                    .load(conn)
                    .await?,
            )
        }
        .scope_boxed()
    })
    .await
    .unwrap()
}

fn outcomes(rows: &[(String, String, i16)]) -> Vec<&str> {
    rows.iter().map(|r| r.1.as_str()).collect()
}

// ---- the guard ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn ok_answers_are_parsed_and_recorded() {
    let (_db, kdb, s, g) = guarded_http(Mode::Ok, fast_config()).await;
    let id = swede(1);
    let a = g.lookup_address(Country::SE, &id).await.unwrap();
    assert_eq!(
        (a.family_name.as_str(), a.city.as_str()),
        ("Berg", "Stockholm")
    );
    let sc = g.score(Country::SE, &id).await.unwrap();
    assert_eq!((sc.value, sc.risk_class), (712, RiskClass::B));
    assert_eq!(s.hits(), 2);
    // The id travelled in the POST bodies, never in a request line.
    let normalized = id.expose_normalized().to_string();
    assert_eq!(*s.ids.lock().unwrap(), vec![normalized.clone(); 2]);
    let uris = s.uris.lock().unwrap().clone();
    assert_eq!(uris, vec!["POST /v1/address", "POST /v1/score"]);
    assert!(
        uris.iter().all(|u| !u.contains(&normalized[2..])),
        "{uris:?}"
    );
    let rows = calls(&kdb, &g).await;
    assert_eq!(
        rows,
        vec![
            ("address".into(), "ok".into(), 1),
            ("score".into(), "ok".into(), 1)
        ]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_provider_times_out() {
    let config = GuardConfig {
        timeout: Duration::from_millis(300),
        retries: 1,
        ..fast_config()
    };
    let (_db, kdb, s, g) = guarded_http(Mode::Slow, config).await;
    let started = std::time::Instant::now();
    assert_eq!(
        g.score(Country::SE, &swede(1)).await,
        Err(Unavailable::Timeout)
    );
    // Two attempts of 300 ms and a 10 ms pause: well under one of the stand-in's 2 s sleeps.
    assert!(
        started.elapsed() < Duration::from_millis(1900),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(s.hits(), 2);
    assert_eq!(
        calls(&kdb, &g).await,
        vec![("score".into(), "timeout".into(), 2)]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retry_rescues_a_flapping_provider() {
    let config = GuardConfig {
        retries: 2,
        ..fast_config()
    };
    let (_db, kdb, s, g) = guarded_http(Mode::Flapping, config).await;
    let sc = g.score(Country::SE, &swede(1)).await.unwrap();
    assert_eq!(sc.value, 712);
    assert_eq!(s.hits(), 2, "failed once, then succeeded");
    assert_eq!(
        calls(&kdb, &g).await,
        vec![("score".into(), "ok".into(), 2)]
    );
    assert_eq!(g.breaker_state(), BreakerState::Closed { failures: 0 });
}

#[tokio::test(flavor = "multi_thread")]
async fn the_circuit_opens_short_circuits_half_opens_and_closes() {
    // A cool-down long enough that the logging between calls cannot outlast it on a busy
    // machine.
    let config = GuardConfig {
        cool_down: Duration::from_millis(1000),
        ..fast_config()
    };
    let (_db, kdb, s, g) = guarded_http(Mode::Failing, config).await;
    let id = swede(1);
    for n in 1..=3 {
        assert!(matches!(
            g.score(Country::SE, &id).await,
            Err(Unavailable::Error(_))
        ));
        assert_eq!(s.hits(), n);
    }
    assert!(matches!(g.breaker_state(), BreakerState::Open { .. }));
    // Open: refused without calling the stand-in.
    assert_eq!(
        g.score(Country::SE, &id).await,
        Err(Unavailable::CircuitOpen)
    );
    assert_eq!(
        g.lookup_address(Country::SE, &id).await,
        Err(Unavailable::CircuitOpen)
    );
    assert_eq!(s.hits(), 3);

    // After the cool-down one probe goes through; it fails, so the circuit opens again.
    tokio::time::sleep(Duration::from_millis(1050)).await;
    assert!(matches!(
        g.score(Country::SE, &id).await,
        Err(Unavailable::Error(_))
    ));
    assert_eq!(s.hits(), 4);
    assert_eq!(
        g.score(Country::SE, &id).await,
        Err(Unavailable::CircuitOpen)
    );
    assert_eq!(s.hits(), 4);

    // The provider recovers: the next probe succeeds and closes the circuit.
    s.set(Mode::Ok);
    tokio::time::sleep(Duration::from_millis(1050)).await;
    assert_eq!(g.score(Country::SE, &id).await.unwrap().value, 712);
    assert_eq!(g.breaker_state(), BreakerState::Closed { failures: 0 });
    assert_eq!(
        g.lookup_address(Country::SE, &id).await.unwrap().given_name,
        "Anna"
    );
    assert_eq!(s.hits(), 6);

    let rows = calls(&kdb, &g).await;
    assert_eq!(
        outcomes(&rows),
        vec![
            "error",
            "error",
            "error",
            "circuit_open",
            "circuit_open",
            "error",
            "circuit_open",
            "ok",
            "ok"
        ]
    );
    assert_eq!(rows[3].2, 0, "a short-circuited call makes no attempt");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cache_hit_avoids_the_second_call() {
    let (_db, kdb, s, g) = guarded_http(Mode::Ok, fast_config()).await;
    let id = swede(1);
    let first = g.score(Country::SE, &id).await.unwrap();
    let second = g.score(Country::SE, &id).await.unwrap();
    assert_eq!(first, second);
    assert_eq!(s.hits(), 1);
    // Another person and another operation are not served from that entry.
    g.score(Country::SE, &swede(2)).await.unwrap();
    g.lookup_address(Country::SE, &id).await.unwrap();
    assert_eq!(s.hits(), 3);
    assert_eq!(
        outcomes(&calls(&kdb, &g).await),
        vec!["ok", "cache_hit", "ok", "ok"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn not_found_is_an_answer_cached_and_harmless_to_the_breaker() {
    let config = GuardConfig {
        failure_threshold: 1,
        ..fast_config()
    };
    let (_db, kdb, s, g) = guarded_http(Mode::NotFound, config).await;
    let id = swede(1);
    assert_eq!(
        g.lookup_address(Country::SE, &id).await,
        Err(Unavailable::NotFound)
    );
    assert_eq!(
        g.lookup_address(Country::SE, &id).await,
        Err(Unavailable::NotFound)
    );
    assert_eq!(s.hits(), 1);
    assert_eq!(g.breaker_state(), BreakerState::Closed { failures: 0 });
    assert_eq!(
        outcomes(&calls(&kdb, &g).await),
        vec!["not_found", "cache_hit"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_provider_is_an_error_value_and_recording_failures_do_not_matter() {
    // Nothing listens on the port: connection refused, a transient error.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    // A KDB on a database that does not exist: recording fails, the answer must not.
    let broken = app::kdb::Kdb::new(app::kdb::KdbConfig::new(
        app::kdb::testing::test_url("no_such_database"),
        None,
    ))
    .unwrap();
    let provider = HttpJsonProvider::new("http:gone", &format!("http://{addr}")).unwrap();
    let g = Guarded::new(provider, fast_config(), broken);
    let answer = g.score(Country::SE, &swede(1)).await;
    assert!(matches!(answer, Err(Unavailable::Error(_))), "{answer:?}");
    let text = format!("{answer:?}");
    assert!(
        !text.contains(swede(1).expose_normalized()),
        "no id in reasons: {text}"
    );
}

// ---- TLS ---------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn https_providers_trust_the_configured_ca_and_send_the_id_in_the_body() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let (s, base, ca_pem) = tls_stand_in(Mode::Ok).await;
    let ca_file = std::env::temp_dir().join(format!("kreditor-ca-{}.pem", uuid::Uuid::new_v4()));
    std::fs::write(&ca_file, ca_pem).unwrap();
    let settings = app::credit::providers::ProviderSettings {
        address_url: Some(base.clone()),
        score_url: Some(base.clone()),
        guard: fast_config(),
        ca_file: Some(ca_file.clone()),
        require_tls: true,
    };
    let providers = settings.build(&kdb).unwrap();
    let id = swede(3);
    let a = providers.lookup_address(Country::SE, &id).await;
    let sc = providers.score(Country::SE, &id).await;
    let _ = std::fs::remove_file(&ca_file);
    assert_eq!(a.unwrap().city, "Stockholm");
    assert_eq!(sc.unwrap().value, 712);
    assert_eq!(s.hits(), 2);
    assert_eq!(
        *s.uris.lock().unwrap(),
        vec!["POST /v1/address", "POST /v1/score"]
    );
    assert_eq!(
        *s.ids.lock().unwrap(),
        vec![id.expose_normalized().to_string(); 2]
    );

    // Without the CA the handshake fails: nothing reaches the stand-in's handlers.
    let untrusting = HttpJsonProvider::new("http:untrusting", &base).unwrap();
    let g = Guarded::new(untrusting, fast_config(), kdb.clone());
    let answer = g.score(Country::SE, &id).await;
    assert!(matches!(answer, Err(Unavailable::Error(_))), "{answer:?}");
    assert_eq!(s.hits(), 2);

    // Production refuses plain http for an id look-up.
    let plain = app::credit::providers::ProviderSettings {
        score_url: Some("http://127.0.0.1:9/v1".into()),
        require_tls: true,
        ..Default::default()
    };
    assert!(plain.build(&kdb).is_err());
}

// ---- the registry ------------------------------------------------------------------------

const GOOD: &str =
    "country,national_id,given_name,family_name,street,postal_code,city,score,risk_class
SE,811218-9876,Anna,Berg,Storgatan 1,114 55,Stockholm,712,B
NO,15108695088,Kari,Hansen,Storgata 2,0150,Oslo,640,C
";

async fn registry_count(kdb: &Kdb) -> i64 {
    kdb.read_primary(|conn| {
        async move { Ok::<_, KdbError>(registry_people::table.count().get_result(conn).await?) }
            .scope_boxed()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_valid_file_imports_and_the_registry_answers() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let ctx = Ctx::system("test");
    let report = import_registry_csv(&kdb, &ctx, today(), GOOD.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        (
            report.rows,
            report.inserted,
            report.updated,
            report.unchanged
        ),
        (2, 2, 0, 0)
    );
    assert_eq!(registry_count(&kdb).await, 2);
    assert_eq!(crate::common::audit_count(&kdb, "registry.import").await, 1);

    // Through the facade the decision code uses, with the registry for both facts.
    let registry: Arc<dyn Provider> = Arc::new(RegistryProvider::new(kdb.clone()));
    let guarded = Arc::new(Guarded::new(registry, fast_config(), kdb.clone()));
    let providers = Providers::new(guarded.clone(), guarded.clone());
    let anna = NationalId::parse(Country::SE, "198112189876", today()).unwrap();
    let a = providers.lookup_address(Country::SE, &anna).await.unwrap();
    assert_eq!(
        (a.given_name.as_str(), a.postal_code.as_str()),
        ("Anna", "114 55")
    );
    let sc = providers.score(Country::SE, &anna).await.unwrap();
    assert_eq!((sc.value, sc.risk_class), (712, RiskClass::B));
    assert_eq!(
        providers.score(Country::SE, &swede(7)).await,
        Err(Unavailable::NotFound)
    );
    assert_eq!(
        providers.score(Country::NO, &anna).await,
        Err(Unavailable::Error(
            "id is not of the requested country".into()
        ))
    );
    let rows = calls(&kdb, &guarded).await;
    assert_eq!(outcomes(&rows), vec!["ok", "ok", "not_found"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_with_one_bad_line_imports_nothing_and_names_the_line() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    // Line 3 has a wrong Norwegian check digit.
    let bad = GOOD.replace("15108695088", "15108695089");
    let err = import_registry_csv(&kdb, &Ctx::system("test"), today(), bad.as_bytes())
        .await
        .unwrap_err();
    let ImportError::Invalid(rows) = &err else {
        panic!("expected row errors, got {err}");
    };
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].line, rows[0].column), (3, "national_id"));
    assert!(
        err.to_string().contains("line 3, column national_id"),
        "{err}"
    );
    assert!(
        !err.to_string().contains("15108695089"),
        "the id is not echoed: {err}"
    );
    assert_eq!(registry_count(&kdb).await, 0);
    assert_eq!(crate::common::audit_count(&kdb, "registry.import").await, 0);

    let wrong_header = GOOD.replacen("country,", "land,", 1);
    let err = import_registry_csv(&kdb, &Ctx::system("test"), today(), wrong_header.as_bytes())
        .await
        .unwrap_err();
    assert!(matches!(err, ImportError::Header), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_re_import_is_a_no_op_and_a_correction_updates_one_row() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let ctx = Ctx::system("test");
    import_registry_csv(&kdb, &ctx, today(), GOOD.as_bytes())
        .await
        .unwrap();
    let again = import_registry_csv(&kdb, &ctx, today(), GOOD.as_bytes())
        .await
        .unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 2));
    assert_eq!(crate::common::audit_count(&kdb, "registry.import").await, 1);

    let moved = GOOD.replace("Storgata 2,0150,Oslo", "Fjordveien 9,5003,Bergen");
    let fixed = import_registry_csv(&kdb, &ctx, today(), moved.as_bytes())
        .await
        .unwrap();
    assert_eq!((fixed.inserted, fixed.updated, fixed.unchanged), (0, 1, 1));
    assert_eq!(registry_count(&kdb).await, 2);
    assert_eq!(crate::common::audit_count(&kdb, "registry.import").await, 2);
}

const DEMO_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/registry-demo.csv");

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_file_is_current_and_imports_without_errors() {
    let generated = demo_registry_csv(DEMO_PEOPLE, DEMO_SEED);
    if std::env::var_os("KREDITOR_WRITE_DEMO").is_some() {
        std::fs::write(DEMO_FILE, &generated).unwrap();
    }
    let shipped = std::fs::read_to_string(DEMO_FILE).unwrap();
    assert!(
        shipped == generated,
        "server/data/registry-demo.csv differs from the generator; rerun with KREDITOR_WRITE_DEMO=1"
    );
    for country in ["SE,", "NO,", "FI,", "DK,"] {
        assert!(shipped.lines().filter(|l| l.starts_with(country)).count() >= 700);
    }

    let db = TestDb::new().await;
    let kdb = db.kdb();
    let file = tokio::io::BufReader::new(tokio::fs::File::open(DEMO_FILE).await.unwrap());
    let report = import_registry_csv(&kdb, &Ctx::system("test"), today(), file)
        .await
        .unwrap();
    assert_eq!((report.rows, report.inserted), (DEMO_PEOPLE, DEMO_PEOPLE));
    assert_eq!(
        registry_count(&kdb).await,
        i64::try_from(DEMO_PEOPLE).unwrap()
    );
}
