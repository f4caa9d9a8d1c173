//! Customers keyed by national id, and the address history with its sources.

use app::auth::Role;
use app::customers::addresses;
use app::customers::national_id::NationalId;
use app::customers::records::{find_or_create, search, Contact};
use app::customers::{Address, AddressSource};
use app::kdb::testing::TestDb;
use app::kdb::{Ctx, KdbError, ScopedFutureExt};
use app::ktime::{AppEnv, Country, Ktime};
use chrono::{Duration, NaiveDate};
use diesel_async::SimpleAsyncConnection;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn addr(street: &str) -> Address {
    Address::parse("", street, "903 25", "Umeå", "SE").unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn customers_are_keyed_by_national_id_and_masked_outside_their_page() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let ctx = Ctx::system("test");
    let ctx = &ctx;
    let id = NationalId::parse(Country::SE, "811218-9876", today()).unwrap();
    let twelve = NationalId::parse(Country::SE, "198112189876", today()).unwrap();
    let contact = Contact {
        given_name: "Anna".into(),
        family_name: "Ek".into(),
        email: "anna@example.se".into(),
        ..Contact::default()
    };
    let (id_ref, twelve_ref, contact) = (&id, &twelve, &contact);
    let (first, created) = kdb
        .write(|c| {
            async move { find_or_create(c, ctx, uuid::Uuid::new_v4(), id_ref, contact).await }
                .scope_boxed()
        })
        .await
        .unwrap();
    assert!(created);
    let (again, created) = kdb
        .write(|c| {
            async move { find_or_create(c, ctx, uuid::Uuid::new_v4(), twelve_ref, contact).await }
                .scope_boxed()
        })
        .await
        .unwrap();
    assert!(!created, "the 10- and 12-digit forms are the same person");
    assert_eq!(first, again);
    let found = kdb
        .read_primary(|c| async move { search(c, "ek", None).await }.scope_boxed())
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].national_id_masked, "19811218****");
    let by_id = kdb
        .read_primary(|c| async move { search(c, "", Some(id_ref)).await }.scope_boxed())
        .await
        .unwrap();
    assert_eq!(by_id[0].id, first);
    // The audit log never holds the clear number.
    #[derive(diesel::QueryableByName)]
    struct After {
        #[diesel(sql_type = diesel::sql_types::Text)]
        after: String,
    }
    let rows: Vec<After> = kdb
        .read_primary(|c| {
            async move {
                use diesel_async::RunQueryDsl;
                Ok::<_, KdbError>(
                    diesel::sql_query("SELECT after::text AS after FROM audit_log")
                        .load(c)
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap();
    assert!(
        rows.iter().all(|r| !r.after.contains("9876")),
        "clear id in the audit log"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_current_address_is_the_newest_verified_one_and_history_is_kept() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let ktime = Ktime::new(AppEnv::Test);
    let ctx = Ctx::system("test");
    let (ctx, kt) = (&ctx, &ktime);
    let nid = NationalId::parse(Country::SE, "640823-3234", today()).unwrap();
    let nid = &nid;
    let contact = Contact::default();
    let contact = &contact;
    let (customer, _) = kdb
        .write(|c| {
            async move { find_or_create(c, ctx, uuid::Uuid::new_v4(), nid, contact).await }
                .scope_boxed()
        })
        .await
        .unwrap();
    let record = |a: Address, source: AddressSource, verified: bool| {
        let kdb = kdb.clone();
        async move {
            let a = &a;
            kdb.write(|c| {
                async move { addresses::record(c, ctx, kt, customer, a, source, verified).await }
                    .scope_boxed()
            })
            .await
            .unwrap()
        }
    };
    record(addr("Storgatan 1"), AddressSource::Lookup, true).await;
    ktime.advance(&kdb, ctx, Duration::days(1)).await.unwrap();
    record(addr("Kungsgatan 9"), AddressSource::Merchant, false).await;
    let current = kdb
        .read_primary(|c| async move { addresses::current(c, customer).await }.scope_boxed())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        current.address.street, "Storgatan 1",
        "an unverified merchant address does not replace a verified one"
    );
    ktime.advance(&kdb, ctx, Duration::days(1)).await.unwrap();
    record(addr("Kungsgatan 9"), AddressSource::Staff, true).await;
    // Recording the same address from the same source again adds nothing.
    record(addr("Kungsgatan 9"), AddressSource::Staff, true).await;
    let history = kdb
        .read_primary(|c| async move { addresses::history(c, customer).await }.scope_boxed())
        .await
        .unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0].source, AddressSource::Staff);
    assert!(history[0].recorded_at > history[2].recorded_at);
    let current = kdb
        .read_primary(|c| async move { addresses::current(c, customer).await }.scope_boxed())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.address.street, "Kungsgatan 9");
    // The history cannot be rewritten.
    let err = kdb
        .write(|c| {
            async move {
                Ok::<_, KdbError>(
                    c.batch_execute("UPDATE customer_addresses SET street = 'x'")
                        .await?,
                )
            }
            .scope_boxed()
        })
        .await
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn address_forms_name_the_bad_field() {
    let field = |r: Result<Address, app::error::AppError>| match r {
        Err(app::error::AppError::Validation { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        field(Address::parse("", " ", "903 25", "Umeå", "SE")),
        "street"
    );
    assert_eq!(
        field(Address::parse("", "Storgatan 1", "9#3", "Umeå", "SE")),
        "postal_code"
    );
    assert_eq!(
        field(Address::parse("", "Storgatan 1", "90325", "", "SE")),
        "city"
    );
    assert_eq!(
        field(Address::parse("", "Storgatan 1", "90325", "Umeå", "US")),
        "country"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn screens_mask_the_id_except_on_the_customer_page() {
    let app = crate::common::TestApp::new().await;
    let ctx = Ctx::system("test");
    let ctx = &ctx;
    let nid = NationalId::parse(Country::SE, "811218-9876", today()).unwrap();
    let nid = &nid;
    let contact = Contact {
        given_name: "Anna".into(),
        family_name: "Ek".into(),
        ..Contact::default()
    };
    let contact = &contact;
    let (id, _) = app
        .kdb()
        .write(|c| {
            async move { find_or_create(c, ctx, uuid::Uuid::new_v4(), nid, contact).await }
                .scope_boxed()
        })
        .await
        .unwrap();
    app.signed_in("sara@kreditor.test", Role::Support).await;
    let search = app
        .post_form("/api/customers_search", &[("q", "Ek"), ("country", "")])
        .await;
    assert_eq!(search.status, axum::http::StatusCode::OK, "{search:?}");
    let list = app.get("/customers").await;
    assert!(
        list.body.contains("19811218****") && !list.body.contains("198112189876"),
        "{}",
        list.body
    );
    let page = app.get(&format!("/customers/{id}")).await;
    assert!(page.body.contains("198112189876"), "{}", page.body);
    let res = app
        .post_form(
            "/api/customers_add_address",
            &[
                ("id", &id.to_string()),
                ("street", "Storgatan 1"),
                ("postal_code", "903 25"),
                ("city", "Umeå"),
                ("country", "SE"),
            ],
        )
        .await;
    assert_eq!(res.status, axum::http::StatusCode::OK, "{res:?}");
    let bad = app
        .post_form(
            "/api/customers_add_address",
            &[
                ("id", &id.to_string()),
                ("street", ""),
                ("postal_code", "903 25"),
                ("city", "Umeå"),
                ("country", "SE"),
            ],
        )
        .await;
    assert!(bad.body.contains("street"), "{}", bad.body);
    assert!(app
        .get(&format!("/customers/{id}"))
        .await
        .body
        .contains("Storgatan 1"));
}

/// A customer Anna Ek with national id 811218-9876; returns the customer id.
async fn anna(app: &crate::common::TestApp) -> uuid::Uuid {
    let ctx = &Ctx::system("test");
    let nid = &NationalId::parse(Country::SE, "811218-9876", today()).unwrap();
    let contact = &Contact {
        given_name: "Anna".into(),
        family_name: "Ek".into(),
        ..Contact::default()
    };
    app.kdb()
        .write(|c| {
            async move { find_or_create(c, ctx, uuid::Uuid::new_v4(), nid, contact).await }
                .scope_boxed()
        })
        .await
        .unwrap()
        .0
}

#[tokio::test(flavor = "multi_thread")]
async fn a_search_by_national_id_is_a_post_and_no_url_carries_the_id() {
    use axum::http::StatusCode;
    let app = crate::common::TestApp::new().await;
    let id = anna(&app).await;
    app.signed_in("tove@kreditor.test", Role::Support).await;
    // The old GET with the id in the query string is gone.
    let get = app
        .get("/api/customers_search?q=198112189876&country=SE")
        .await;
    assert_ne!(get.status, StatusCode::OK, "{get:?}");
    assert!(!get.body.contains(&id.to_string()));
    // A plain form post (no JavaScript) comes back to the page, which shows the result.
    app.get("/customers").await;
    let token = app.cookie("kreditor_csrf").unwrap();
    let post = app
        .post_form_raw(
            "/api/customers_search",
            &[
                ("q", "19811218-9876"),
                ("country", "SE"),
                ("csrf_token", &token),
            ],
            Some("text/html"),
        )
        .await;
    assert_eq!(post.status, StatusCode::FOUND, "{post:?}");
    let back = post.location().unwrap_or_default().to_string();
    assert!(
        !back.contains("19811218") && !back.contains("9876"),
        "{back}"
    );
    let page = app.get("/customers").await;
    assert!(
        page.body.contains(&format!("/customers/{id}")),
        "{}",
        page.body
    );
    assert!(page.body.contains("19811218****"));
    // No link or form on the page puts the id into a URL.
    for attr in ["href=\"", "action=\""] {
        for url in page.body.split(attr).skip(1) {
            let url = &url[..url.find('"').unwrap_or(0)];
            assert!(!url.contains("19811218"), "{url}");
        }
    }
    // The form is a POST.
    assert!(page.body.contains("method=\"post\""), "{}", page.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_of_a_clear_national_id_is_audited() {
    let app = crate::common::TestApp::new().await;
    let id = anna(&app).await;
    app.signed_in("ulf@kreditor.test", Role::Support).await;
    assert_eq!(
        crate::common::audit_count(app.kdb(), "customer.national_id_viewed").await,
        0
    );
    let res = app.get(&format!("/api/customers_detail?id={id}")).await;
    assert!(res.body.contains("198112189876"), "{res:?}");
    let page = app.get(&format!("/customers/{id}")).await;
    assert!(page.body.contains("198112189876"));
    assert_eq!(
        crate::common::audit_count(app.kdb(), "customer.national_id_viewed").await,
        2
    );
}
