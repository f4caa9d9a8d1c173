//! Merchants: records, versioned agreements, API credentials and portal users, through the
//! real router and database.

use crate::common::{audit_count, TestApp};
use app::auth::Role;
use app::kdb::{Ctx, KdbError, ScopedFutureExt};
use app::merchants::{agreements, credentials, Terms, TermsForm};
use axum::http::StatusCode;
use chrono::NaiveDate;
use diesel_async::SimpleAsyncConnection;

fn merchant_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("legal_name", "Skoaffären i Umeå AB"),
        ("org_nr", "556677-8899"),
        ("country", "SE"),
        ("currency", "SEK"),
        ("contact_email", "ekonomi@skoaffaren.se"),
    ]
}

async fn create_merchant(app: &TestApp) -> uuid::Uuid {
    let res = app
        .post_form("/api/merchants_create", &merchant_form())
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let m: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    m["id"].as_str().unwrap().parse().unwrap()
}

fn terms(fee: &str) -> Terms {
    Terms::check(&TermsForm {
        invoice_fee: fee,
        commission_percent: "2.5",
        commission_fixed: "1.00",
        payment_terms_days: "14",
        authorization_days: "28",
        settlement_schedule: "weekly",
        payout_account: "SE35 5000 0000 0549 1000 0003",
        reminder_fees: true,
    })
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_register_and_edit_merchants_with_named_errors() {
    let app = TestApp::new().await;
    app.signed_in("ada@kreditor.test", Role::Admin).await;
    let id = create_merchant(&app).await;
    let dup = app
        .post_form("/api/merchants_create", &merchant_form())
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        dup.body.contains("org_nr") && dup.body.contains("ERR_ORG_NR_TAKEN"),
        "{}",
        dup.body
    );
    let mut bad = merchant_form();
    bad[4] = ("contact_email", "not-an-email");
    bad[1] = ("org_nr", "556000-1111");
    let bad = app.post_form("/api/merchants_create", &bad).await;
    assert!(bad.body.contains("contact_email"), "{}", bad.body);

    let mut edit = merchant_form();
    edit.push(("id", Box::leak(id.to_string().into_boxed_str())));
    edit.push(("status", "suspended"));
    let res = app.post_form("/api/merchants_update", &edit).await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    assert!(res.body.contains("Suspended"));
    assert_eq!(audit_count(app.kdb(), "merchant.update").await, 1);

    let list = app.get("/merchants?q=umeå").await;
    assert!(list.body.contains("Skoaffären i Umeå AB"), "{}", list.body);
    let page = app.get(&format!("/merchants/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);

    // Support may look but not change.
    app.post_form("/api/logout", &[]).await;
    app.signed_in("sam@kreditor.test", Role::Support).await;
    assert_eq!(
        app.get("/api/merchants_search?q=sko").await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.post_form("/api/merchants_create", &merchant_form())
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_order_keeps_its_terms_after_the_agreement_changes() {
    let app = TestApp::new().await;
    app.signed_in("ada@kreditor.test", Role::Admin).await;
    let id = create_merchant(&app).await;
    let kdb = app.kdb();
    let ctx = Ctx::system("test");
    let ctx = &ctx;
    let d = |day: u32| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
    let (t1, t2) = (terms("29.00"), terms("39.00"));
    let (t1, t2) = (&t1, &t2);
    let v1 = kdb
        .write(|c| async move { agreements::add(c, ctx, id, d(1), t1).await }.scope_boxed())
        .await
        .unwrap();
    // An order on the 10th records the agreement in force then.
    let order_agreement = kdb
        .read_primary(|c| async move { agreements::in_force(c, id, d(10)).await }.scope_boxed())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(order_agreement.id, v1.id);
    let v2 = kdb
        .write(|c| async move { agreements::add(c, ctx, id, d(15), t2).await }.scope_boxed())
        .await
        .unwrap();
    assert_eq!(v2.version, 2);
    // The order's terms are unchanged; new orders from the 15th get the new fee.
    let kept = kdb
        .read_primary(|c| async move { agreements::by_id(c, v1.id).await }.scope_boxed())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.terms.invoice_fee.to_string(), "29.00");
    let on_10 = kdb
        .read_primary(|c| async move { agreements::in_force(c, id, d(10)).await }.scope_boxed())
        .await
        .unwrap()
        .unwrap();
    let on_20 = kdb
        .read_primary(|c| async move { agreements::in_force(c, id, d(20)).await }.scope_boxed())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((on_10.version, on_20.version), (1, 2));
    assert_eq!(on_20.terms.invoice_fee.to_string(), "39.00");
    // Versions cannot go back in time, and the database refuses edits.
    let earlier = kdb
        .write(|c| async move { agreements::add(c, ctx, id, d(12), t2).await }.scope_boxed())
        .await;
    assert!(earlier.is_err());
    let err = kdb
        .write(|c| {
            async move {
                Ok::<_, KdbError>(
                    c.batch_execute("UPDATE merchant_agreements SET invoice_fee = 0")
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap_err();
    assert!(err.to_string().contains("versioned"), "{err}");
    // Through the screen: a bad field is named.
    let res = app
        .post_form(
            "/api/merchants_add_agreement",
            &[
                ("id", &id.to_string()),
                ("valid_from", "2026-12-01"),
                ("invoice_fee", "x"),
                ("commission_percent", "2"),
                ("commission_fixed", "0"),
                ("payment_terms_days", "14"),
                ("authorization_days", "28"),
                ("settlement_schedule", "weekly"),
                ("payout_account", "SE3550000"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("invoice_fee"));
    assert_eq!(audit_count(kdb, "merchant.agreement_add").await, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn api_keys_are_shown_once_stored_hashed_and_revocable() {
    let app = TestApp::new().await;
    app.signed_in("ada@kreditor.test", Role::Admin).await;
    let id = create_merchant(&app).await;
    let res = app
        .post_form(
            "/api/merchants_create_key",
            &[("id", &id.to_string()), ("label", "webshop")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let (key_id, secret): (String, String) = serde_json::from_str(&res.body).unwrap();
    let kdb = app.kdb();
    let (k, s) = (&key_id, &secret);
    let found = kdb
        .write(|c| async move { credentials::authenticate(c, k, s).await }.scope_boxed())
        .await
        .unwrap();
    assert_eq!(found, Some(id));
    let wrong = kdb
        .write(|c| async move { credentials::authenticate(c, k, "ks_wrong").await }.scope_boxed())
        .await
        .unwrap();
    assert_eq!(wrong, None);
    // The secret is not stored; the detail lists the key with its last use.
    let detail = app.get(&format!("/api/merchants_detail?id={id}")).await;
    assert!(
        !detail.body.contains(&secret) && detail.body.contains(&key_id),
        "{}",
        detail.body
    );
    assert!(
        !detail.body.contains("\"last_used_at\":null"),
        "last use recorded: {}",
        detail.body
    );
    let revoked = app
        .post_form(
            "/api/merchants_revoke_key",
            &[("key_id", &key_id), ("confirmed", "1")],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK);
    let after = kdb
        .write(|c| async move { credentials::authenticate(c, k, s).await }.scope_boxed())
        .await
        .unwrap();
    assert_eq!(after, None);
    assert_eq!(audit_count(kdb, "merchant.api_key_revoke").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn portal_users_get_a_generated_password_once() {
    let app = TestApp::new().await;
    app.signed_in("ada@kreditor.test", Role::Admin).await;
    let id = create_merchant(&app).await;
    let res = app
        .post_form(
            "/api/merchants_create_user",
            &[
                ("id", &id.to_string()),
                ("email", "owner@skoaffaren.se"),
                ("role", "owner"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let (_user, password): (serde_json::Value, String) = serde_json::from_str(&res.body).unwrap();
    assert_eq!(password.len(), 20);
    let dup = app
        .post_form(
            "/api/merchants_create_user",
            &[
                ("id", &id.to_string()),
                ("email", "Owner@Skoaffaren.se"),
                ("role", "staff"),
            ],
        )
        .await;
    assert!(dup.body.contains("ERR_EMAIL_TAKEN"), "{}", dup.body);
    let bad_role = app
        .post_form(
            "/api/merchants_create_user",
            &[
                ("id", &id.to_string()),
                ("email", "x@y.se"),
                ("role", "boss"),
            ],
        )
        .await;
    assert!(bad_role.body.contains("role"), "{}", bad_role.body);
}

/// The form of a new agreement version, as the merchant page submits it.
fn agreement_form(id: &str, valid_from: &str, fee: &str, account: &str) -> Vec<(String, String)> {
    [
        ("id", id),
        ("valid_from", valid_from),
        ("invoice_fee", fee),
        ("commission_percent", "2.5"),
        ("commission_fixed", "1.00"),
        ("payment_terms_days", "14"),
        ("authorization_days", "28"),
        ("settlement_schedule", "weekly"),
        ("payout_account", account),
        ("reminder_fees", "on"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn query(fields: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields.iter().filter(|(k, _)| k != "id"))
        .finish()
}

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

async fn agreement_versions(app: &TestApp, id: uuid::Uuid) -> Vec<app::merchants::Agreement> {
    app.kdb()
        .read_primary(|c| async move { agreements::list(c, id).await }.scope_boxed())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_agreement_version_is_prefilled_and_confirmed_after_a_diff() {
    let app = TestApp::new().await;
    app.signed_in("ada@kreditor.test", Role::Admin).await;
    let id = create_merchant(&app).await;
    let ids = id.to_string();
    let first = agreement_form(&ids, "2026-11-01", "29.00", "SE35 5000 0000 0549 1000 0003");
    let res = app
        .post_form("/api/merchants_add_agreement", &pairs(&first))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");

    // The new-version form starts from the version in force, not from blanks.
    let page = app.get(&format!("/merchants/{id}")).await;
    let form = &page.body[page.body.find("id=\"add-agreement\"").expect("form")..];
    for (name, value) in [
        ("commission_fixed", "1.00"),
        ("invoice_fee", "29.00"),
        ("payout_account", "SE35 5000 0000 0549 1000 0003"),
        ("commission_percent", "2.5"),
    ] {
        let input = &form[form.find(&format!("name=\"{name}\"")).expect(name)..];
        let input = &input[..input.find('>').unwrap()];
        assert!(
            input.contains(&format!("value=\"{value}\"")),
            "{name}: {input}"
        );
    }
    assert!(
        page.body.contains(&format!(
            "method=\"get\" action=\"/merchants/{id}/agreement\""
        )),
        "the form leads to the review step"
    );

    // Changing only the invoice fee: the review page shows that one term changed, saves nothing.
    let second = agreement_form(&ids, "2026-12-01", "39,00", "SE35 5000 0000 0549 1000 0003");
    let review = app
        .get(&format!("/merchants/{id}/agreement?{}", query(&second)))
        .await;
    assert_eq!(review.status, StatusCode::OK);
    let diff = &review.body[review
        .body
        .find("data-testid=\"agreement-diff\"")
        .expect("diff")..];
    assert!(
        diff.contains("data-term=\"invoice_fee\" data-changed=\"true\""),
        "{diff}"
    );
    for other in [
        "commission_fixed",
        "commission_percent",
        "payout_account",
        "reminder_fees",
    ] {
        assert!(
            diff.contains(&format!("data-term=\"{other}\" data-changed=\"false\"")),
            "{other}: {diff}"
        );
    }
    assert!(diff.contains("29,00") && diff.contains("39,00"), "{diff}");
    assert_eq!(agreement_versions(&app, id).await.len(), 1);

    // Confirming saves exactly the reviewed terms; a confirm against a stale diff is refused.
    let mut confirm = second.clone();
    confirm.push(("based_on".into(), "1".into()));
    let res = app
        .post_form("/api/merchants_add_agreement", &pairs(&confirm))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{res:?}");
    let versions = agreement_versions(&app, id).await;
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].terms.invoice_fee.to_string(), "39.00");
    assert_eq!(versions[0].terms.commission_fixed.to_string(), "1.00");
    assert_eq!(
        versions[0].terms.payout_account,
        "SE35 5000 0000 0549 1000 0003"
    );
    let mut stale = agreement_form(&ids, "2027-01-01", "49.00", "5050-1055");
    stale.push(("based_on".into(), "1".into()));
    let res = app
        .post_form("/api/merchants_add_agreement", &pairs(&stale))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{res:?}");
    assert!(res.body.contains("ERR_AGREEMENT_CHANGED"), "{}", res.body);
    assert_eq!(agreement_versions(&app, id).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_invalid_agreement_field_is_listed_at_once_and_the_account_is_checked() {
    let app = TestApp::new().await;
    app.signed_in("ada@kreditor.test", Role::Admin).await;
    let id = create_merchant(&app).await;
    let ids = id.to_string();
    let long = "9".repeat(5_000);
    let mut bad = agreement_form(&ids, "someday", "x", &long);
    bad[5].1 = "0".into(); // payment_terms_days
    let review = app
        .get(&format!("/merchants/{id}/agreement?{}", query(&bad)))
        .await;
    assert_eq!(review.status, StatusCode::OK);
    let body = &review.body;
    for field in [
        "valid_from",
        "invoice_fee",
        "payment_terms_days",
        "payout_account",
    ] {
        assert!(
            body.contains(&format!("data-field=\"{field}\"")),
            "{field}: {body}"
        );
    }
    // The form is shown again as typed (no JavaScript needed).
    assert!(body.contains("value=\"someday\""), "{body}");
    // Saving directly is refused too: a 5,000-character, a mistyped and a short account.
    for account in [
        long.as_str(),
        "SE45 5000 0000 0583 9825 7467",
        "SE3550000",
        "5050-1056",
    ] {
        let form = agreement_form(&ids, "2026-11-01", "29.00", account);
        let res = app
            .post_form("/api/merchants_add_agreement", &pairs(&form))
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{account}: {res:?}"
        );
        assert!(res.body.contains("payout_account"), "{}", res.body);
    }
    assert!(agreement_versions(&app, id).await.is_empty());
    // Published valid examples pass and are stored in one spelling.
    for (account, stored) in [
        ("5050-1055", "BG 5050-1055"),
        (
            "se45 5000 0000 0583 9825 7466",
            "SE45 5000 0000 0583 9825 7466",
        ),
    ] {
        let date = if stored.starts_with("BG") {
            "2026-11-01"
        } else {
            "2026-11-02"
        };
        let form = agreement_form(&ids, date, "29.00", account);
        let res = app
            .post_form("/api/merchants_add_agreement", &pairs(&form))
            .await;
        assert_eq!(res.status, StatusCode::OK, "{account}: {res:?}");
        assert_eq!(
            agreement_versions(&app, id).await[0].terms.payout_account,
            stored
        );
    }
}
