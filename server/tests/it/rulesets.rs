//! Rulesets and the decision log against the real database and router: seeding, drafts that
//! save with errors but cannot be activated, audited activation with one active version,
//! role checks, the backtest and the decision log search.

use std::str::FromStr;

use crate::common::{audit_count, TestApp};
use app::auth::Role;
use app::credit::policy::{evaluate, FactValue, Facts, Outcome};
use app::credit::rulesets::decisions::{record_decision, search, DecisionFilter, NewDecision};
use app::credit::rulesets::types::{Product, RulesetStatus};
use app::credit::rulesets::{backtest, store};
use app::kdb::{Kdb, KdbError, ScopedFutureExt};
use app::ktime::{AppEnv, Country, Ktime};
use app::money::{Currency, Money};
use axum::http::StatusCode;
use diesel_async::SimpleAsyncConnection;
use rust_decimal::Decimal;

fn ktime() -> Ktime {
    Ktime::new(AppEnv::Test)
}

fn sek(n: i64) -> FactValue {
    FactValue::Money(Money::new(Decimal::from(n), Currency::Sek))
}

fn num(n: i64) -> FactValue {
    FactValue::Number(Decimal::from(n))
}

/// Everything the SE default reads, for a Swedish customer of `age` with `exposure` buying
/// for `amount` SEK; approved by the default unless a limit is hit.
fn facts(age: i64, exposure: i64, amount: i64) -> Facts {
    Facts::new()
        .with("order.amount", sek(amount))
        .with("order.currency", FactValue::String("SEK".into()))
        .with("order.product", FactValue::String("invoice".into()))
        .with("customer.age", num(age))
        .with("customer.exposure", sek(exposure))
        .with("customer.overdue_count", num(0))
        .with("customer.oldest_overdue_days", num(0))
        .with("customer.is_new", FactValue::Bool(false))
        .with("customer.country", FactValue::String("SE".into()))
        .with("customer.previous_rejections", num(0))
        .with("score.available", FactValue::Bool(true))
        .with("score.value", num(700))
        .with("score.risk_class", FactValue::String("B".into()))
        .with("address.available", FactValue::Bool(true))
        .with("request.ip_country_known", FactValue::Bool(true))
        .with("request.ip_country", FactValue::String("SE".into()))
        .with("merchant.id", FactValue::String("m-1".into()))
        .with("merchant.country", FactValue::String("SE".into()))
}

/// Decides `facts` with the active SE invoice ruleset and logs it; returns (id, outcome).
async fn decide(kdb: &Kdb, customer: &str, order: &str, facts: &Facts) -> (i64, Outcome) {
    let kt = ktime();
    let (kt, customer, order) = (&kt, customer, order);
    kdb.write(|c| {
        async move {
            let (ruleset_id, ruleset) = store::active_ruleset(c, Country::SE, Product::Invoice)
                .await?
                .expect("an active SE ruleset");
            let decision = evaluate(&ruleset, facts);
            let id = record_decision(
                c,
                kt,
                &NewDecision {
                    country: Country::SE,
                    product: Product::Invoice,
                    merchant_id: "m-1",
                    customer_key: customer,
                    order_ref: order,
                    ruleset_id,
                    facts,
                    decision: &decision,
                },
            )
            .await
            .map_err(|e| match e {
                app::credit::rulesets::decisions::RecordError::Db(e) => e,
                other => panic!("{other}"),
            })?;
            Ok::<_, KdbError>((id, decision.outcome))
        }
        .scope_boxed()
    })
    .await
    .expect("decision logged")
}

async fn seed(kdb: &Kdb) -> Vec<i64> {
    store::seed_defaults(kdb, &ktime()).await.expect("seed")
}

async fn all(kdb: &Kdb) -> Vec<app::credit::rulesets::RulesetSummary> {
    kdb.read_primary(|c| async move { store::list(c).await }.scope_boxed())
        .await
        .expect("list")
}

/// Creates an SE invoice draft through the router; returns its id.
async fn create_draft(app: &TestApp) -> i64 {
    let res = app
        .post_form(
            "/api/credit_ruleset_draft",
            &[("country", "SE"), ("product", "invoice")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let id: i64 = res.body.trim().parse().expect("draft id");
    assert_eq!(
        res.location(),
        Some(format!("/credit/rulesets/{id}?done=ruleset-created").as_str())
    );
    id
}

async fn source_of(kdb: &Kdb, id: i64) -> String {
    kdb.read_primary(|c| async move { store::get(c, id).await }.scope_boxed())
        .await
        .expect("get")
        .expect("exists")
        .1
}

#[tokio::test(flavor = "multi_thread")]
async fn seeding_is_idempotent_and_activates_one_default_per_country() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    assert_eq!(seed(kdb).await.len(), 4);
    assert!(seed(kdb).await.is_empty());
    let rows = all(kdb).await;
    assert_eq!(rows.len(), 4);
    assert!(rows
        .iter()
        .all(|r| r.status == RulesetStatus::Active && r.version == 1));
    let mut countries: Vec<_> = rows.iter().map(|r| r.country.as_str()).collect();
    countries.sort_unstable();
    assert_eq!(countries, ["DK", "FI", "NO", "SE"]);
    assert_eq!(audit_count(kdb, "credit.ruleset_seed").await, 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_draft_with_a_type_error_saves_but_cannot_be_activated() {
    let app = TestApp::new().await;
    app.signed_in("risk@kreditor.test", Role::Admin).await;
    // The list seeds the defaults on first use.
    let list = app.get("/credit/rulesets").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("ruleset-SE-invoice-1"), "{}", list.body);
    let id = create_draft(&app).await;
    let source = source_of(app.kdb(), id).await;
    // Line 3 compares an age with money.
    let broken = source.replacen("customer.age < 18", "customer.age < 18 SEK", 1);
    assert_ne!(broken, source);
    let id_text = id.to_string();
    let saved = app
        .post_form(
            "/api/credit_ruleset_save",
            &[("id", &id_text), ("source", &broken)],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{saved:?}");
    let errors: serde_json::Value = serde_json::from_str(&saved.body).unwrap();
    let first = &errors[0];
    assert_eq!(first["code"], "POLICY_TYPE", "{errors}");
    assert_eq!(first["line"], 3, "{errors}");
    let column = first["column"].as_u64().unwrap();
    assert!(column > 30, "{errors}");
    assert!(first["snippet"]
        .as_str()
        .unwrap()
        .contains("3 | rule underage"));
    assert_eq!(
        source_of(app.kdb(), id).await,
        broken,
        "stored despite errors"
    );
    let refused = app
        .post_form("/api/credit_ruleset_activate", &[("id", &id_text)])
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{refused:?}");
    assert!(refused.body.contains("ERR_RULESET_INVALID"));
    let page = app.get(&format!("/credit/rulesets/{id}")).await;
    assert!(
        page.body.contains(&format!("Rad 3, kolumn {column}")),
        "{}",
        page.body
    );
    assert!(page.body.contains("compile-errors"));
    // Fixed (CRLF as browsers post it), it compiles.
    let fixed = source.replace('\n', "\r\n");
    let saved = app
        .post_form(
            "/api/credit_ruleset_save",
            &[("id", &id_text), ("source", &fixed)],
        )
        .await;
    assert_eq!(saved.body.trim(), "[]");
    assert_eq!(source_of(app.kdb(), id).await, source);
}

#[tokio::test(flavor = "multi_thread")]
async fn activation_retires_the_old_version_and_is_audited() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    seed(kdb).await;
    app.signed_in("risk@kreditor.test", Role::Admin).await;
    let id = create_draft(&app).await;
    let id_text = id.to_string();
    let stricter = source_of(kdb, id).await.replace("25000 SEK", "20000 SEK");
    app.post_form(
        "/api/credit_ruleset_save",
        &[("id", &id_text), ("source", &stricter)],
    )
    .await;
    let diff = app.get(&format!("/credit/rulesets/{id}")).await;
    assert!(diff.body.contains("+rule limit:"), "{}", diff.body);
    assert!(diff.body.contains("-rule limit:"));
    let res = app
        .post_form("/api/credit_ruleset_activate", &[("id", &id_text)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let se: Vec<_> = all(kdb)
        .await
        .into_iter()
        .filter(|r| r.country == "SE")
        .collect();
    assert_eq!(se.len(), 2);
    let active: Vec<_> = se
        .iter()
        .filter(|r| r.status == RulesetStatus::Active)
        .collect();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].id, id);
    let old = se.iter().find(|r| r.version == 1).unwrap();
    assert_eq!(old.status, RulesetStatus::Retired);
    assert!(old.retired_at.is_some());
    assert_eq!(audit_count(kdb, "credit.ruleset_activate").await, 1);
    // An active version is no longer a draft.
    let again = app
        .post_form("/api/credit_ruleset_activate", &[("id", &id_text)])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("ERR_RULESET_NOT_DRAFT"));
    let edit = app
        .post_form(
            "/api/credit_ruleset_save",
            &[("id", &id_text), ("source", "approve")],
        )
        .await;
    assert_eq!(edit.status, StatusCode::CONFLICT);
    // The database itself allows one active version per country and product.
    let sql = format!(
        "UPDATE policy_rulesets SET status = 'active', retired_at = NULL WHERE id = {}",
        old.id
    );
    let sql = sql.as_str();
    let err = kdb
        .write(|c| async move { Ok::<_, KdbError>(c.batch_execute(sql).await?) }.scope_boxed())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("one_active"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn support_reads_but_may_not_change_rulesets() {
    let app = TestApp::new().await;
    let ids = seed(app.kdb()).await;
    app.signed_in("support@kreditor.test", Role::Support).await;
    assert_eq!(app.get("/credit/rulesets").await.status, StatusCode::OK);
    let page = app.get(&format!("/credit/rulesets/{}", ids[0])).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("ruleset-source"));
    assert!(!page.body.contains("ruleset-editor"));
    let id = ids[0].to_string();
    for (path, fields) in [
        (
            "/api/credit_ruleset_draft",
            vec![("country", "SE"), ("product", "invoice")],
        ),
        (
            "/api/credit_ruleset_save",
            vec![("id", id.as_str()), ("source", "approve")],
        ),
        ("/api/credit_ruleset_activate", vec![("id", id.as_str())]),
    ] {
        let res = app.post_form(path, &fields).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}: {res:?}");
    }
    assert_eq!(all(app.kdb()).await.len(), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backtest_reports_the_decisions_a_stricter_draft_changes() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    seed(kdb).await;
    let (d1, o1) = decide(kdb, "c-1", "o-1", &facts(30, 0, 1000)).await;
    let (d2, o2) = decide(kdb, "c-2", "o-2", &facts(30, 3000, 3000)).await;
    let (_, o3) = decide(kdb, "c-3", "o-3", &facts(16, 0, 500)).await;
    let (d4, o4) = decide(kdb, "c-4", "o-4", &facts(45, 2000, 4000)).await;
    assert_eq!(
        [o1, o2, o3, o4],
        [
            Outcome::Approve,
            Outcome::Approve,
            Outcome::Reject,
            Outcome::Approve
        ]
    );
    app.signed_in("risk@kreditor.test", Role::Admin).await;
    let id = create_draft(&app).await;
    let stricter = source_of(kdb, id).await.replace("25000 SEK", "5000 SEK");
    let id_text = id.to_string();
    app.post_form(
        "/api/credit_ruleset_save",
        &[("id", &id_text), ("source", &stricter)],
    )
    .await;
    let report = kdb
        .read_primary(|c| async move { backtest::backtest(c, id, 100).await }.scope_boxed())
        .await
        .expect("backtest");
    assert_eq!(report.decisions, 4);
    assert_eq!((report.approved_before, report.approved_after), (3, 1));
    let changed: Vec<_> = report.changes.iter().map(|c| c.decision_id).collect();
    assert_eq!(changed, [d4, d2], "newest first");
    assert!(report.changes.iter().all(|c| c.before == Outcome::Approve
        && c.after == Outcome::Reject
        && c.reason_before == "APPROVED"
        && c.reason_after == "CREDIT_LIMIT"));
    assert!(!changed.contains(&d1));
    assert_eq!(
        report.rate_before(),
        Some(Decimal::from_str("75.0").unwrap())
    );
    // Only the last N are replayed.
    let last_two = kdb
        .read_primary(|c| async move { backtest::backtest(c, id, 2).await }.scope_boxed())
        .await
        .expect("backtest");
    assert_eq!(last_two.decisions, 2);
    // The page runs it from a plain GET form.
    let page = app
        .get(&format!("/credit/rulesets/{id}?backtest=100"))
        .await;
    assert!(page.body.contains("backtest-changes"), "{}", page.body);
    assert!(page.body.contains("o-4") && page.body.contains("CREDIT_LIMIT"));
    let bad = app
        .get(&format!("/api/credit_backtest?id={id}&limit=abc"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_decision_log_filters_by_customer_order_outcome_and_reason() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    seed(kdb).await;
    let (young, _) = decide(kdb, "c-young", "o-1", &facts(16, 0, 500)).await;
    decide(kdb, "c-old", "o-2", &facts(60, 0, 500)).await;
    let (over, _) = decide(kdb, "c-old", "o-3", &facts(60, 24000, 5000)).await;
    let find = |f: DecisionFilter| async move {
        let f = &f;
        kdb.read_primary(|c| async move { search(c, f).await }.scope_boxed())
            .await
            .expect("search")
            .into_iter()
            .map(|d| d.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(find(DecisionFilter::default()).await.len(), 3);
    assert_eq!(
        find(DecisionFilter {
            customer_key: Some("c-old".into()),
            ..Default::default()
        })
        .await
        .len(),
        2
    );
    assert_eq!(
        find(DecisionFilter {
            outcome: Some(Outcome::Reject),
            ..Default::default()
        })
        .await,
        [over, young]
    );
    assert_eq!(
        find(DecisionFilter {
            reason: Some("UNDERAGE".into()),
            ..Default::default()
        })
        .await,
        [young]
    );
    assert_eq!(
        find(DecisionFilter {
            before_id: Some(over),
            customer_key: Some("c-old".into()),
            ..Default::default()
        })
        .await
        .len(),
        1
    );
    app.signed_in("finance@kreditor.test", Role::Finance).await;
    let res = app.get("/api/credit_decisions?order=o-3").await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let rows: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["reason"], "CREDIT_LIMIT");
    let page = app
        .get("/credit/decisions?outcome=reject&reason=underage")
        .await;
    assert!(
        page.body.contains("c-young") && !page.body.contains("c-old"),
        "{}",
        page.body
    );
    let detail = app.get(&format!("/credit/decisions/{over}")).await;
    assert!(detail.body.contains("customer.exposure"));
    assert!(detail.body.contains("fired-rules") && detail.body.contains("limit"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clear_national_id_is_never_logged_as_customer_key() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    seed(kdb).await;
    let kt = ktime();
    let kt = &kt;
    let f = facts(30, 0, 100);
    let f = &f;
    let err = kdb
        .write(|c| {
            async move {
                let (ruleset_id, ruleset) = store::active_ruleset(c, Country::SE, Product::Invoice)
                    .await?
                    .unwrap();
                let decision = evaluate(&ruleset, f);
                record_decision(
                    c,
                    kt,
                    &NewDecision {
                        country: Country::SE,
                        product: Product::Invoice,
                        merchant_id: "m-1",
                        customer_key: "19121212-1212",
                        order_ref: "o-1",
                        ruleset_id,
                        facts: f,
                        decision: &decision,
                    },
                )
                .await
            }
            .scope_boxed()
        })
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        app::credit::rulesets::decisions::RecordError::ClearNationalId
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_editor_works_as_plain_form_posts_without_javascript() {
    let app = TestApp::new().await;
    app.signed_in("risk@kreditor.test", Role::Admin).await;
    app.get("/credit/rulesets").await;
    let token = app.cookie("kreditor_csrf").expect("csrf cookie");
    let created = app
        .post_form_raw(
            "/api/credit_ruleset_draft",
            &[
                ("country", "SE"),
                ("product", "invoice"),
                ("csrf_token", &token),
            ],
            Some("text/html"),
        )
        .await;
    assert_eq!(created.status, StatusCode::FOUND, "{created:?}");
    let path = created.location().expect("redirect").to_string();
    let id: i64 = path
        .trim_start_matches("/credit/rulesets/")
        .trim_end_matches("?done=ruleset-created")
        .parse()
        .unwrap();
    let broken =
        source_of(app.kdb(), id)
            .await
            .replacen("customer.age < 18", "customer.agee < 18", 1);
    let id_text = id.to_string();
    let saved = app
        .post_form_raw(
            "/api/credit_ruleset_save",
            &[
                ("id", &id_text),
                ("source", &broken),
                ("csrf_token", &token),
            ],
            Some("text/html"),
        )
        .await;
    assert_eq!(saved.status, StatusCode::FOUND, "{saved:?}");
    let page = app.get(&path).await;
    assert!(page.body.contains("POLICY_UNKNOWN_FACT"), "{}", page.body);
    assert!(page.body.contains("data-line=\"3\""));
}
