//! Test harness: the real router in-process on its own fresh database of the test pair, with
//! a cookie jar, so tests drive it like a browser would.
#![allow(dead_code)]

pub mod commit_cutter;
pub mod orders;
pub mod pdf;

use std::collections::HashMap;
use std::sync::Mutex;

use app::auth::staff::{create_staff, NewStaff};
use app::auth::Role;
use app::kdb::testing::TestDb;
use app::kdb::{Ctx, Kdb};
use app::ktime::AppEnv;
use app::services::AuthSettings;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use server::config::Config;
use server::state::AppState;
use tower::ServiceExt;

/// A response, read whole.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    /// The body as text (lossy for binary bodies: use `bytes` for PDFs).
    pub body: String,
    /// The body as sent.
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }
}

/// The application on its own database.
pub struct TestApp {
    pub db: TestDb,
    pub state: AppState,
    router: Router,
    jar: Mutex<HashMap<String, String>>,
}

/// A test configuration on `db` (APP_ENV=test).
pub fn test_config(db: &TestDb) -> Config {
    let mut kdb = app::kdb::KdbConfig::new(db.write_url.clone(), Some(db.read_url.clone()));
    kdb.pool_size = 4;
    Config {
        env: AppEnv::Test,
        bind_addr: "127.0.0.1:0".parse().unwrap(),
        db: kdb,
        // Tests sign in many times from one (unknown) address; the login limits themselves are
        // tested with their own settings (auth.rs, login_abuse.rs).
        auth: AuthSettings {
            per_ip_per_minute: 1000,
            global_per_second: 1000,
            ..AuthSettings::default()
        },
        session_secret: vec![7u8; 64],
        cookie_secure: false,
        site_root: "target/site".into(),
        log_json: false,
        company: app::ledger::export::Company {
            name: "Kreditor AB".into(),
            org_nr: "556000-0001".into(),
        },
        particulars: app::documents::company::Particulars::example(),
        providers: Default::default(),
        invoicing: Default::default(),
        rejection_alert: Default::default(),
        api_rate_limit: Default::default(),
        internal_bind_addr: "127.0.0.1:0".parse().unwrap(),
        limits: Default::default(),
        batch_input_retention_days: server::config::BATCH_INPUT_RETENTION_DAYS,
    }
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with(|_| {}).await
    }

    /// An app whose configuration `change` adjusts first.
    pub async fn with(change: impl FnOnce(&mut Config)) -> Self {
        let db = TestDb::new().await;
        let mut config = test_config(&db);
        change(&mut config);
        let state = server::state_from_config(config).expect("state");
        let router = server::router::build(state.clone());
        TestApp {
            db,
            state,
            router,
            jar: Mutex::new(HashMap::new()),
        }
    }

    pub fn kdb(&self) -> &Kdb {
        &self.state.services.kdb
    }

    /// Sends a request with the jar's cookies and keeps the cookies it sets.
    pub async fn send(&self, mut req: Request<Body>) -> TestResponse {
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req.headers_mut()
                .insert(header::COOKIE, cookies.parse().unwrap());
        }
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router answers");
        for set in res.headers().get_all(header::SET_COOKIE) {
            let text = set.to_str().unwrap();
            let (pair, attrs) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            let mut jar = self.jar.lock().unwrap();
            if attrs.contains("Max-Age=0") || value.is_empty() {
                jar.remove(name);
            } else {
                jar.insert(name.to_string(), value.to_string());
            }
        }
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    fn cookie_header(&self) -> String {
        self.jar
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar.lock().unwrap().get(name).cloned()
    }

    pub fn forget_cookies(&self) {
        self.jar.lock().unwrap().clear();
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// A form post as the hydrated page's `fetch` sends it, with the CSRF token from the jar.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        if self.cookie("kreditor_csrf").is_none() {
            self.get("/login").await;
        }
        let token = self.cookie("kreditor_csrf").expect("csrf cookie");
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.post_form_raw(path, &all, None).await
    }

    /// A form post exactly as given (no token added); `accept` e.g. `text/html` for a no-JS post.
    pub async fn post_form_raw(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        accept: Option<&str>,
    ) -> TestResponse {
        self.post_form_with(path, fields, accept, &[]).await
    }

    /// A form post with extra headers (e.g. the browser's `Sec-Fetch-Site`).
    pub async fn post_form_with(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        accept: Option<&str>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:3000");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(a) = accept {
            req = req
                .header(header::ACCEPT, a)
                .header(header::REFERER, "http://127.0.0.1:3000/login");
        }
        self.send(req.body(Body::from(body)).unwrap()).await
    }

    /// Creates a staff user; returns the generated password.
    pub async fn staff(&self, email: &str, role: Role) -> String {
        let (_, password) = create_staff(
            self.kdb(),
            &Ctx::system("test"),
            NewStaff {
                email: email.into(),
                display_name: None,
                role,
                password: None,
            },
        )
        .await
        .expect("create staff");
        password
    }

    pub async fn login(&self, email: &str, password: &str) -> TestResponse {
        self.post_form("/api/login", &[("email", email), ("password", password)])
            .await
    }

    /// Creates a user with `role` and signs in as them.
    pub async fn signed_in(&self, email: &str, role: Role) {
        let password = self.staff(email, role).await;
        let res = self.login(email, &password).await;
        assert!(res.status.is_success(), "login failed: {res:?}");
    }
}

/// Counts audit rows with `action`.
pub async fn audit_count(kdb: &Kdb, action: &str) -> i64 {
    use app::kdb::{KdbError, ScopedFutureExt};
    use app::schema::audit_log;
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    let action = action.to_string();
    let action = &action;
    kdb.read_primary(|conn| {
        async move {
            Ok::<_, KdbError>(
                audit_log::table
                    .filter(audit_log::action.eq(action))
                    .count()
                    .get_result(conn)
                    .await?,
            )
        }
        .scope_boxed()
    })
    .await
    .expect("count audit")
}

/// The text of the element marked `data-testid="{id}"` up to its first child tag (hydration
/// markers such as `<!>` skipped).
pub fn testid_text(html: &str, id: &str) -> Option<String> {
    let marker = format!("data-testid=\"{id}\"");
    let start = html.find(&marker)? + marker.len();
    let rest = &html[start..];
    let rest = &rest[rest.find('>')? + 1..];
    let rest = rest.replace("<!---->", "").replace("<!>", "");
    Some(rest[..rest.find('<')?].to_string())
}

/// The text a reader sees: the body without tags, scripts and styles.
pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let tag = &rest[open..];
        let skip_to = ["<script", "<style"]
            .iter()
            .find(|t| tag.starts_with(**t))
            .and_then(|t| tag.find(&format!("</{}", &t[1..])))
            .unwrap_or(0);
        rest = &tag[skip_to..];
        rest = match rest.find('>') {
            Some(close) => &rest[close + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// Chooses `lang` for this browser's session with the language form (no JavaScript).
pub async fn choose_language(app: &TestApp, lang: app::i18n::Lang) {
    let token = app.cookie("kreditor_csrf").expect("csrf cookie");
    let res = app
        .post_form_raw(
            "/api/set_language",
            &[("lang", lang.code()), ("csrf_token", &token)],
            Some("text/html"),
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{res:?}");
}
