//! The books against the real database: posting, the balance and append-only rules the
//! database enforces itself, closed dates, reversals, reports and the SIE export.

use std::str::FromStr;

use crate::common::{audit_count, TestApp};
use app::auth::Role;
use app::kdb::{Ctx, Kdb, KdbError, ScopedFutureExt};
use app::ktime::{AppEnv, Country, Ktime};
use app::ledger::close::{close_day, CloseError};
use app::ledger::entry::Entry;
use app::ledger::entry::{Dims, Line};
use app::ledger::events::LedgerEvent;
use app::ledger::post::{post, reverse, LedgerError, Posted};
use app::ledger::rules::{self, InvoiceRef};
use app::ledger::vat::commission_vat;
use app::money::{Currency, Money};
use axum::http::StatusCode;
use chrono::{NaiveDate, TimeZone, Utc};
use diesel_async::SimpleAsyncConnection;
use rust_decimal::Decimal;

fn sek(s: &str) -> Money {
    Money::new(Decimal::from_str(s).unwrap(), Currency::Sek)
}
fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}
fn inv(n: u32) -> InvoiceRef {
    InvoiceRef {
        merchant_id: "m1".into(),
        customer_id: format!("c{n}"),
        invoice_id: format!("i{n}"),
    }
}

async fn post_one(kdb: &Kdb, entry: &Entry) -> Result<Posted, LedgerError> {
    let ctx = Ctx::system("test");
    let ctx = &ctx;
    kdb.write(|c| async move { post(c, ctx, entry).await }.scope_boxed())
        .await
}

/// Runs raw SQL in one transaction, as an attacker with SQL access would.
async fn raw(kdb: &Kdb, sql: &'static str) -> Result<(), KdbError> {
    kdb.write(|c| async move { Ok::<_, KdbError>(c.batch_execute(sql).await?) }.scope_boxed())
        .await
}

/// Freezes the business clock on `at`.
async fn clock(kdb: &Kdb, y: i32, m: u32, d: u32) {
    Ktime::new(AppEnv::Test)
        .set(
            kdb,
            &Ctx::system("test"),
            Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap(),
            true,
        )
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_posting_writes_balanced_lines_and_an_audit_record() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    let p = post_one(
        kdb,
        &rules::order_captured(day(2), &inv(1), sek("1000"), sek("29"), None).unwrap(),
    )
    .await
    .unwrap();
    assert!(p.new);
    assert_eq!(audit_count(kdb, "ledger.post").await, 1);
    let tb = kdb
        .read_primary(|c| {
            async move { app::ledger::reports::trial_balance(c, day(1), day(30)).await }
                .scope_boxed()
        })
        .await
        .unwrap();
    assert!(tb.balances());
    let receivable = tb.rows.iter().find(|r| r.account == 1510).unwrap();
    assert_eq!(receivable.debit, Decimal::from(1029));
    assert_eq!(receivable.closing, Decimal::from(1029));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_database_refuses_an_unbalanced_entry_at_commit() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    let err = raw(
        kdb,
        "INSERT INTO journal_entries (id, business_date, event, description, actor_kind, actor_id, actor_label) \
           VALUES (900, '2026-11-02', 'manual', 'raw', 'system', 'x', 'x'); \
         INSERT INTO journal_lines (entry_id, line_no, account, amount, currency) VALUES \
           (900, 1, 1510, 100, 'SEK'), (900, 2, 2440, -99, 'SEK')",
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("not balanced"), "{err}");
    // Balanced in total but not per currency.
    let err = raw(
        kdb,
        "INSERT INTO journal_entries (id, business_date, event, description, actor_kind, actor_id, actor_label) \
           VALUES (901, '2026-11-02', 'manual', 'raw', 'system', 'x', 'x'); \
         INSERT INTO journal_lines (entry_id, line_no, account, amount, currency) VALUES \
           (901, 1, 1510, 100, 'SEK'), (901, 2, 2440, -100, 'EUR')",
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("not balanced"), "{err}");
    // An entry without lines, and a line added later to a balanced entry.
    let err = raw(
        kdb,
        "INSERT INTO journal_entries (id, business_date, event, description, actor_kind, actor_id, actor_label) \
           VALUES (902, '2026-11-02', 'manual', 'raw', 'system', 'x', 'x')",
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("fewer than two lines"), "{err}");
    let p = post_one(kdb, &rules::customer_payment(day(2), &inv(1), sek("10")))
        .await
        .unwrap();
    let sql = format!("INSERT INTO journal_lines (entry_id, line_no, account, amount, currency) VALUES ({}, 9, 1510, 5, 'SEK')", p.id);
    let sql: &'static str = Box::leak(sql.into_boxed_str());
    assert!(raw(kdb, sql)
        .await
        .unwrap_err()
        .to_string()
        .contains("not balanced"));
    // A balanced raw entry is fine: the rule is balance, not who writes.
    raw(
        kdb,
        "INSERT INTO journal_entries (id, business_date, event, description, actor_kind, actor_id, actor_label) \
           VALUES (903, '2026-11-02', 'manual', 'raw', 'system', 'x', 'x'); \
         INSERT INTO journal_lines (entry_id, line_no, account, amount, currency) VALUES \
           (903, 1, 1510, 100, 'SEK'), (903, 2, 2440, -100, 'SEK')",
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn journal_rows_cannot_be_updated_or_deleted() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    post_one(kdb, &rules::customer_payment(day(2), &inv(1), sek("10")))
        .await
        .unwrap();
    for sql in [
        "UPDATE journal_lines SET amount = amount * 2",
        "DELETE FROM journal_lines",
        "UPDATE journal_entries SET description = 'changed'",
        "DELETE FROM journal_entries",
        "TRUNCATE journal_lines",
    ] {
        let err = raw(kdb, sql).await.unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    // An account with postings cannot be deleted.
    let err = raw(kdb, "DELETE FROM ledger_accounts WHERE number = 1510")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("foreign key"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn rust_refuses_bad_entries_before_the_database() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    let mut e = rules::customer_payment(day(2), &inv(1), sek("10"));
    e.lines[0].amount = sek("11");
    assert!(matches!(
        post_one(kdb, &e).await,
        Err(LedgerError::Invalid(_))
    ));
    // A bank account takes its own currency only.
    let mut e = rules::customer_payment(day(2), &inv(1), sek("10"));
    e.lines[0].account = 1933;
    assert!(matches!(
        post_one(kdb, &e).await,
        Err(LedgerError::WrongCurrency { account: 1933, .. })
    ));
    let mut e = rules::customer_payment(day(2), &inv(1), sek("10"));
    e.lines[0].account = 1234;
    assert!(matches!(
        post_one(kdb, &e).await,
        Err(LedgerError::UnknownAccount(1234))
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_idempotency_key_posts_once() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    let mut e = rules::customer_payment(day(2), &inv(1), sek("10"));
    e.idempotency_key = Some("bank-file-1:row-7".into());
    let first = post_one(kdb, &e).await.unwrap();
    let second = post_one(kdb, &e).await.unwrap();
    assert!(first.new && !second.new);
    assert_eq!(first.id, second.id);
    assert_eq!(audit_count(kdb, "ledger.post").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reversal_restores_the_balances_once_and_needs_a_reason() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    let p = post_one(
        kdb,
        &rules::order_captured(day(2), &inv(1), sek("500"), sek("29"), None).unwrap(),
    )
    .await
    .unwrap();
    let ctx = Ctx::system("test");
    let ctx = &ctx;
    let id = p.id;
    let r = kdb
        .write(|c| async move { reverse(c, ctx, id, day(3), "wrong merchant").await }.scope_boxed())
        .await
        .unwrap();
    let tb = kdb
        .read_primary(|c| {
            async move { app::ledger::reports::trial_balance(c, day(1), day(30)).await }
                .scope_boxed()
        })
        .await
        .unwrap();
    assert!(
        tb.rows.iter().all(|row| row.closing.is_zero()),
        "{:?}",
        tb.rows
    );
    let again = kdb
        .write(|c| async move { reverse(c, ctx, id, day(3), "twice").await }.scope_boxed())
        .await;
    assert!(matches!(again, Err(LedgerError::AlreadyReversed(_))));
    let no_reason = kdb
        .write(|c| async move { reverse(c, ctx, r.id, day(3), " ").await }.scope_boxed())
        .await;
    assert!(matches!(no_reason, Err(LedgerError::Invalid(_))));
}

#[tokio::test(flavor = "multi_thread")]
async fn closed_dates_refuse_postings() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    let ktime = Ktime::new(AppEnv::Test);
    clock(kdb, 2026, 11, 10).await;
    post_one(
        kdb,
        &rules::order_captured(day(4), &inv(1), sek("100"), sek("0"), None).unwrap(),
    )
    .await
    .unwrap();
    let ctx = Ctx::system("test");
    // Only past dates, and in order.
    assert!(matches!(
        close_day(kdb, &ktime, &ctx, day(10)).await,
        Err(CloseError::NotPast(_))
    ));
    let closed = close_day(kdb, &ktime, &ctx, day(4)).await.unwrap();
    assert!(closed.closed && closed.checks.iter().all(|c| c.1));
    assert!(
        matches!(close_day(kdb, &ktime, &ctx, day(6)).await, Err(CloseError::OutOfOrder(d)) if d == day(5))
    );
    assert!(matches!(
        close_day(kdb, &ktime, &ctx, day(4)).await,
        Err(CloseError::AlreadyClosed(_))
    ));
    // A late posting for the 3rd or the 4th lands on the 5th …
    let late = post_one(kdb, &rules::customer_payment(day(3), &inv(1), sek("100")))
        .await
        .unwrap();
    assert_eq!(late.business_date, day(5));
    // … and raw SQL cannot post on a closed date at all.
    let err = raw(
        kdb,
        "INSERT INTO journal_entries (id, business_date, event, description, actor_kind, actor_id, actor_label) \
           VALUES (990, '2026-11-04', 'manual', 'raw', 'system', 'x', 'x'); \
         INSERT INTO journal_lines (entry_id, line_no, account, amount, currency) VALUES \
           (990, 1, 1510, 1, 'SEK'), (990, 2, 2440, -1, 'SEK')",
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("is closed"), "{err}");
    assert_eq!(audit_count(kdb, "ledger.close").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_close_checks_control_accounts_against_their_subledger() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    clock(kdb, 2026, 11, 10).await;
    // A receivable line without an invoice: balanced, but not in the invoice subledger.
    raw(
        kdb,
        "INSERT INTO journal_entries (id, business_date, event, description, actor_kind, actor_id, actor_label) \
           VALUES (990, '2026-11-02', 'manual', 'raw', 'system', 'x', 'x'); \
         INSERT INTO journal_lines (entry_id, line_no, account, amount, currency) VALUES \
           (990, 1, 1510, 7, 'SEK'), (990, 2, 1930, -7, 'SEK')",
    )
    .await
    .unwrap();
    let result = close_day(kdb, &Ktime::new(AppEnv::Test), &Ctx::system("test"), day(2)).await;
    let Err(CloseError::Failed(r)) = result else {
        panic!("the close must fail: {result:?}")
    };
    assert!(!r.closed);
    assert!(r
        .checks
        .iter()
        .any(|(name, ok, _)| name == "control_1510_subledger" && !ok));
    assert_eq!(audit_count(kdb, "ledger.close_failed").await, 1);
    // The date stays open.
    let p = post_one(kdb, &rules::customer_payment(day(2), &inv(1), sek("1")))
        .await
        .unwrap();
    assert_eq!(p.business_date, day(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn statements_and_the_sie_export_agree_with_the_journal() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    clock(kdb, 2026, 11, 30).await;
    for e in [
        rules::order_captured(day(2), &inv(1), sek("1000"), sek("29"), None).unwrap(),
        rules::merchant_commission(day(2), "m1", sek("30"), commission_vat(Country::SE)).unwrap(),
        rules::customer_payment(day(20), &inv(1), sek("1029")),
        rules::order_captured(day(21), &inv(2), sek("200"), sek("0"), None).unwrap(),
        rules::settlement_payout(day(25), "m1", "s1", sek("962.50")),
    ] {
        post_one(kdb, &e).await.unwrap();
    }
    let dims = app::ledger::reports::DimFilter {
        merchant_id: Some("m1".into()),
        customer_id: None,
    };
    let dims = &dims;
    let st = kdb
        .read_primary(|c| async move { app::ledger::reports::statement(c, 2440, "SEK", day(10), day(30), dims).await }.scope_boxed())
        .await
        .unwrap();
    // Before the 10th: owed 1000 − 37.50 = 962.50; then +200 captured, −962.50 paid out.
    assert_eq!(st.opening, Decimal::from_str("-962.50").unwrap());
    assert_eq!(st.rows.len(), 2);
    assert_eq!(st.closing, Decimal::from(-200));
    assert_eq!(st.rows.last().unwrap().running, st.closing);

    // The customer of invoice 1 paid in full; the customer of invoice 2 owes 200.
    let c2 = kdb
        .read_primary(|c| {
            async move { app::ledger::reports::customer_balance(c, "c2", day(30)).await }
                .scope_boxed()
        })
        .await
        .unwrap();
    assert_eq!(c2.len(), 1);
    assert_eq!(c2[0].net, Decimal::from(200));
    let c1 = kdb
        .read_primary(|c| {
            async move { app::ledger::reports::customer_balance(c, "c1", day(30)).await }
                .scope_boxed()
        })
        .await
        .unwrap();
    assert!(c1[0].net.is_zero());

    // SIE: October-start opening balances are zero; the file validates with our own reader.
    let company = app::ledger::export::Company {
        name: "Kreditor AB".into(),
        org_nr: "556000-0000".into(),
    };
    let s = &app.state.services;
    let bytes = server::bookkeeping::sie_bytes(&s.kdb, &s.ktime, &company, "SEK", day(10), day(30))
        .await
        .unwrap();
    let text = app::ledger::sie::cp437::decode(&bytes);
    assert!(text.contains("#FORMAT PC8") && text.contains("#SIETYP 4"));
    // "Förskott från kunder": ö is 0x94 in code page 437.
    assert!(bytes.windows(3).any(|w| w == [b'F', 0x94, b'r']));
    let file = app::ledger::sie::read_sie4(&bytes).unwrap();
    assert_eq!(app::ledger::sie::validate(&file), Vec::<String>::new());
    assert_eq!(file.vouchers.len(), 3, "the three entries from the 10th on");
}

#[tokio::test(flavor = "multi_thread")]
async fn finance_staff_manage_accounts_and_support_only_reads() {
    let app = TestApp::new().await;
    app.signed_in("fina@kreditor.test", Role::Finance).await;
    let add = app
        .post_form(
            "/api/ledger_add_account",
            &[
                ("number", "1940"),
                ("name_sv", "Bankkonto 2"),
                ("name_en", "Bank 2"),
                ("kind", "asset"),
                ("currency", "SEK"),
            ],
        )
        .await;
    assert_eq!(add.status, StatusCode::OK, "{add:?}");
    let dup = app
        .post_form(
            "/api/ledger_add_account",
            &[
                ("number", "1940"),
                ("name_sv", "X"),
                ("name_en", "X"),
                ("kind", "asset"),
            ],
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dup.body.contains("ERR_ACCOUNT_EXISTS"));
    let bad = app
        .post_form(
            "/api/ledger_add_account",
            &[
                ("number", "12"),
                ("name_sv", "X"),
                ("name_en", "X"),
                ("kind", "asset"),
            ],
        )
        .await;
    assert!(bad.body.contains("number"), "{}", bad.body);
    let rename = app
        .post_form(
            "/api/ledger_rename_account",
            &[
                ("number", "1940"),
                ("name_sv", "Sparkonto"),
                ("name_en", "Savings"),
            ],
        )
        .await;
    assert_eq!(rename.status, StatusCode::OK);
    assert_eq!(audit_count(app.kdb(), "ledger.account_rename").await, 1);
    let page = app.get("/bookkeeping/accounts").await;
    assert!(page.body.contains("Sparkonto"), "{}", page.body);

    app.post_form("/api/logout", &[]).await;
    app.signed_in("sven@kreditor.test", Role::Support).await;
    assert_eq!(app.get("/bookkeeping").await.status, StatusCode::OK);
    let denied = app
        .post_form(
            "/api/ledger_rename_account",
            &[("number", "1940"), ("name_sv", "X"), ("name_en", "X")],
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    // The books leave the house only through finance and admin (issue 10, point 17).
    let sie = app
        .get("/bookkeeping/sie?from=2026-01-01&to=2026-12-31")
        .await;
    assert_eq!(sie.status, StatusCode::FORBIDDEN);
}

/// A balanced entry on `date` whose 2440 line names no merchant: the close's control check
/// (`control_2440_merchants`) fails on any day that holds it, so a close that saw it fails.
fn orphan_entry(date: NaiveDate) -> Entry {
    Entry {
        business_date: date,
        event: LedgerEvent::SettlementPayout,
        description: "payout without a merchant".into(),
        entity: None,
        reverses: None,
        lines: vec![
            Line {
                account: 2440,
                amount: sek("5"),
                dims: Dims::default(),
            },
            Line {
                account: 1930,
                amount: sek("-5"),
                dims: Dims::default(),
            },
        ],
        idempotency_key: None,
    }
}

/// Lines on a closed date that the close's checks would refuse (2440 without a merchant).
async fn orphans_on_closed_days(kdb: &Kdb) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    kdb.read_primary(|c| {
        async move {
            let n: N = diesel_async::RunQueryDsl::get_result(
                diesel::sql_query(
                    "SELECT count(*) AS n FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id \
                     WHERE l.account = 2440 AND l.merchant_id IS NULL \
                       AND e.business_date <= (SELECT max(business_date) FROM ledger_closed_days)",
                ),
                c,
            )
            .await?;
            Ok::<_, KdbError>(n.n)
        }
        .scope_boxed()
    })
    .await
    .unwrap()
}

/// A posting in flight when the close starts: the close waits for it and verifies it (here it
/// fails on the posting's orphan line and leaves the day open). Before, the close ran past the
/// uncommitted posting, closed the day, and the posting then committed onto the closed day.
#[tokio::test(flavor = "multi_thread")]
async fn a_close_waits_for_a_posting_in_flight_and_sees_it() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    clock(kdb, 2026, 11, 10).await;
    let ktime = Ktime::new(AppEnv::Test);
    let ctx = Ctx::system("test");
    let entry = orphan_entry(day(4));
    let posting = async {
        let ctx = &ctx;
        let entry = &entry;
        kdb.write(|c| {
            async move {
                let p = post(c, ctx, entry).await?;
                // Still in the transaction: the close starts meanwhile.
                diesel_async::RunQueryDsl::execute(diesel::sql_query("SELECT pg_sleep(0.6)"), c)
                    .await
                    .map_err(KdbError::from)?;
                Ok::<_, LedgerError>(p)
            }
            .scope_boxed()
        })
        .await
        .unwrap()
    };
    let closing = async {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        close_day(kdb, &ktime, &ctx, day(4)).await
    };
    let (posted, closed) = tokio::join!(posting, closing);
    assert_eq!(posted.business_date, day(4));
    let Err(CloseError::Failed(r)) = closed else {
        panic!("the close must see the posting and fail its check: {closed:?}")
    };
    assert!(r
        .checks
        .iter()
        .any(|(name, ok, _)| name == "control_2440_merchants" && !ok));
    assert_eq!(orphans_on_closed_days(kdb).await, 0);
    assert_eq!(audit_count(kdb, "ledger.close").await, 0);
}

/// A close in flight when a posting arrives (its lock held, its closed-day row written but not
/// committed): the posting waits, then sees the day closed and lands on the next open day.
#[tokio::test(flavor = "multi_thread")]
async fn a_posting_waits_for_a_close_in_flight_and_takes_the_next_open_day() {
    let app = TestApp::new().await;
    let kdb = app.kdb();
    clock(kdb, 2026, 11, 10).await;
    // What `close_day` does inside its transaction, held open for a moment.
    let closing = async {
        raw(
            kdb,
            "LOCK TABLE ledger_closed_days IN EXCLUSIVE MODE; \
             INSERT INTO ledger_closed_days (business_date, actor_label, result) \
               VALUES ('2026-11-04', 'test', '{}'); \
             SELECT pg_sleep(0.6);",
        )
        .await
        .unwrap();
    };
    let posting = async {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        post_one(kdb, &rules::customer_payment(day(4), &inv(1), sek("10")))
            .await
            .unwrap()
    };
    let ((), posted) = tokio::join!(closing, posting);
    assert_eq!(
        posted.business_date,
        day(5),
        "not on the day closed meanwhile"
    );
}
