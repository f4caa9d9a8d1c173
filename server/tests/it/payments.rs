//! Payments in (`payments::import`): a bank file pays invoices exactly, partly and too much,
//! and parks unknown and mistyped references in suspense with a case; the ledger's receivable
//! per invoice equals the invoice's open balance afterwards (computed from the invoice rows,
//! not the import's own sums); the same file again, or the same bank transactions in another
//! file, do nothing twice; two imports paying one invoice at once cannot both spend its due.

use app::kdb::{Ctx, ScopedFutureExt};
use app::money::Currency;
use app::payments::bank_file::model::{
    BankFile, BankPayment, Deposit, FileFormat, Payer, PaymentKind, PaymentReference, Position,
};
use app::payments::import::{content_hash, import_file, ImportReport, Source};
use axum::http::{Method, StatusCode};
use chrono::NaiveDate;
use diesel::sql_types::{BigInt, Text};
use serde_json::{json, Value};

use crate::common::orders::{order, Shop};

/// An invoice the test can pay: id, OCR reference, total.
struct Inv {
    id: String,
    ocr: String,
    total: i64,
}

async fn invoice(shop: &Shop, n: usize) -> Inv {
    let id = shop
        .create(&shop.a, &order(&format!("pay-{n}"), "p@example.com"))
        .await;
    let res = shop
        .api(
            &shop.a,
            Method::POST,
            &format!("/v1/orders/{id}/captures"),
            "application/json",
            json!({"captured_amount": 125_000}).to_string(),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let v: Value = serde_json::from_str(&res.body).unwrap();
    let inv = &v["invoice"];
    Inv {
        id: inv["invoice_id"].as_str().unwrap().to_string(),
        ocr: inv["ocr_reference"].as_str().unwrap().to_string(),
        total: inv["total_amount"].as_i64().unwrap(),
    }
}

fn payment(bank_ref: &str, amount: i64, refs: &[(&str, Option<i64>)]) -> BankPayment {
    BankPayment {
        bank_ref: bank_ref.to_string(),
        amount,
        kind: if amount < 0 {
            PaymentKind::Return
        } else {
            PaymentKind::Payment
        },
        references: refs
            .iter()
            .map(|(v, a)| PaymentReference {
                value: (*v).to_string(),
                structured: true,
                amount: *a,
                bank_flagged_invalid: false,
            })
            .collect(),
        information: vec![],
        payer: Payer {
            name: Some("Test Person".into()),
            ..Payer::default()
        },
        value_date: None,
        position: Position::Line(1),
    }
}

fn file(id: &str, booked: NaiveDate, payments: Vec<BankPayment>) -> BankFile {
    BankFile {
        format: FileFormat::BgMax,
        file_id: id.to_string(),
        created: "20261208000000000000".into(),
        test: false,
        deposits: vec![Deposit {
            account: "54029681".into(),
            currency: Currency::Sek,
            booking_date: booked,
            total: payments.iter().map(|p| p.amount).sum(),
            bank_ref: "1".into(),
            payments,
            position: Position::Line(2),
        }],
    }
}

async fn import(shop: &Shop, f: &BankFile, bytes: &[u8]) -> ImportReport {
    import_file(
        &shop.app.state.services,
        &Ctx::system("test"),
        "bgmax.txt",
        Source::Command,
        &content_hash(bytes),
        f,
    )
    .await
    .unwrap()
}

#[derive(diesel::QueryableByName, Debug, PartialEq)]
struct InvoiceState {
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = BigInt)]
    paid: i64,
    #[diesel(sql_type = BigInt)]
    open: i64,
    #[diesel(sql_type = BigInt)]
    ledger: i64,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Date>)]
    paid_on: Option<NaiveDate>,
}

/// The invoice row and, independently, its receivable in the journal (account 1510 lines
/// carrying its id), in öre.
async fn state(shop: &Shop, invoice_id: &str) -> InvoiceState {
    let id = invoice_id.to_string();
    shop.app
        .kdb()
        .read_primary(|c| {
            let id = id.clone();
            async move {
                diesel_async::RunQueryDsl::get_result(
                    diesel::sql_query(
                        "SELECT i.status, i.paid_amount AS paid, \
                                greatest(i.total_amount - i.credited_amount - i.paid_amount, 0) AS open, \
                                (SELECT coalesce(sum(l.amount) * 100, 0)::bigint FROM journal_lines l \
                                  WHERE l.account = 1510 AND l.invoice_id = i.id::text) AS ledger, \
                                i.paid_on \
                           FROM invoices i WHERE i.id::text = $1",
                    )
                    .bind::<Text, _>(id),
                    c,
                )
                .await
                .map_err(app::kdb::KdbError::from)
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}

async fn count(shop: &Shop, sql: &'static str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    shop.app
        .kdb()
        .read_primary(|c| {
            async move {
                diesel_async::RunQueryDsl::get_result::<N>(diesel::sql_query(sql), c)
                    .await
                    .map(|r| r.n)
                    .map_err(app::kdb::KdbError::from)
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bank_file_pays_exactly_partly_and_too_much_and_parks_the_rest() {
    let shop = Shop::new().await;
    let (a, b, c) = (
        invoice(&shop, 1).await,
        invoice(&shop, 2).await,
        invoice(&shop, 3).await,
    );
    // 1234567897: Luhn-valid (check digit 7 over 123456789), no invoice has it.
    // 1234567890: check digit wrong.
    let f = file(
        "F1",
        day(),
        vec![
            payment("P1", a.total, &[(&a.ocr, None)]),
            payment("P2", 50_000, &[(&b.ocr, None)]),
            payment("P3", c.total + 10_000, &[(&c.ocr, None)]),
            payment("P4", 7_700, &[("1234567897", None)]),
            payment("P5", 3_300, &[("1234567890", None)]),
        ],
    );
    let r = import(&shop, &f, b"file one").await;
    assert!(!r.already_imported);
    assert_eq!(r.payments, 5);
    assert_eq!(
        r.outcomes,
        [
            ("matched", 1),
            ("over", 1),
            ("partial", 1),
            ("unmatched", 2)
        ]
        .map(|(k, v)| (k.to_string(), v))
        .into()
    );
    assert_eq!(r.cases, 3, "over + two unmatched");

    let (sa, sb, sc) = (
        state(&shop, &a.id).await,
        state(&shop, &b.id).await,
        state(&shop, &c.id).await,
    );
    assert_eq!((sa.status.as_str(), sa.paid, sa.open), ("paid", a.total, 0));
    assert_eq!(sa.paid_on, Some(day()));
    assert_eq!(
        (sb.status.as_str(), sb.paid, sb.open),
        ("partially_paid", 50_000, b.total - 50_000)
    );
    assert_eq!(sb.paid_on, None);
    assert_eq!((sc.status.as_str(), sc.paid, sc.open), ("paid", c.total, 0));
    for s in [&sa, &sb, &sc] {
        assert_eq!(
            s.ledger, s.open,
            "receivable in the journal = open balance: {s:?}"
        );
    }
    // Suspense (2421) holds the two unplaced payments; the customer's credit (2420) the 100 kr.
    assert_eq!(
        count(
            &shop,
            "SELECT (-sum(amount) * 100)::bigint AS n FROM journal_lines WHERE account = 2421"
        )
        .await,
        7_700 + 3_300
    );
    assert_eq!(
        count(
            &shop,
            "SELECT (-sum(amount) * 100)::bigint AS n FROM journal_lines WHERE account = 2420"
        )
        .await,
        10_000
    );
    assert_eq!(
        count(&shop, "SELECT count(*) AS n FROM cases WHERE kind = 'unmatched_payment' AND payment_id IS NOT NULL").await,
        2
    );

    // The same bytes again: nothing new, and it says so.
    let again = import(&shop, &f, b"file one").await;
    assert!(again.already_imported);
    assert_eq!(again.file_id, r.file_id);
    // The same bank transactions in another file: skipped, counted.
    let other = import(
        &shop,
        &file("F2", day(), f.deposits[0].payments.clone()),
        b"file two",
    )
    .await;
    assert_eq!((other.payments, other.duplicates), (0, 5));
    assert_eq!(count(&shop, "SELECT count(*) AS n FROM payments").await, 5);
    assert_eq!(count(&shop, "SELECT count(*) AS n FROM cases").await, 3);
    assert_eq!(
        count(
            &shop,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'payments.import'"
        )
        .await,
        2
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn two_imports_paying_one_invoice_at_once_spend_its_due_once() {
    let shop = Shop::new().await;
    let a = invoice(&shop, 1).await;
    let f1 = file("C1", day(), vec![payment("X1", a.total, &[(&a.ocr, None)])]);
    let f2 = file("C2", day(), vec![payment("X2", a.total, &[(&a.ocr, None)])]);
    let (r1, r2) = tokio::join!(import(&shop, &f1, b"c1"), import(&shop, &f2, b"c2"));
    let mut outcomes: Vec<String> = [r1, r2]
        .iter()
        .flat_map(|r| r.outcomes.keys().cloned())
        .collect();
    outcomes.sort();
    assert_eq!(
        outcomes,
        ["matched", "over"],
        "one pays, the other is credit"
    );
    let s = state(&shop, &a.id).await;
    assert_eq!((s.paid, s.open, s.ledger), (a.total, 0, 0));
    assert_eq!(
        count(
            &shop,
            "SELECT (-sum(amount) * 100)::bigint AS n FROM journal_lines WHERE account = 2420"
        )
        .await,
        a.total
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_split_payment_and_a_return_move_the_invoices_both_ways() {
    let shop = Shop::new().await;
    let (a, b) = (invoice(&shop, 1).await, invoice(&shop, 2).await);
    let f = file(
        "S1",
        day(),
        vec![payment(
            "SP",
            a.total + 20_000,
            &[(&a.ocr, Some(a.total)), (&b.ocr, Some(20_000))],
        )],
    );
    let r = import(&shop, &f, b"split").await;
    assert_eq!(r.outcomes, [("partial".to_string(), 1)].into());
    assert_eq!(state(&shop, &a.id).await.status, "paid");
    assert_eq!(state(&shop, &b.id).await.paid, 20_000);
    // The bank takes 300 kr of the payment to invoice a back: it is open again.
    let back = file(
        "S2",
        day(),
        vec![payment("RET", -30_000, &[(&a.ocr, None)])],
    );
    let r = import(&shop, &back, b"return").await;
    assert_eq!(r.outcomes, [("returned".to_string(), 1)].into());
    let sa = state(&shop, &a.id).await;
    assert_eq!(
        (sa.status.as_str(), sa.paid, sa.open, sa.ledger),
        ("partially_paid", a.total - 30_000, 30_000, 30_000)
    );
    assert_eq!(sa.paid_on, None);
}

/// A BgMax file as Bankgirot would send it (written, then read back like any file): the
/// invoice is paid; a deposit on somebody else's bankgiro refuses the whole file.
#[tokio::test(flavor = "multi_thread")]
async fn a_bgmax_file_from_bytes_pays_and_a_foreign_account_refuses_the_file() {
    let shop = Shop::new().await;
    let a = invoice(&shop, 1).await;
    let mut f = file(
        "20261208101500000001",
        day(),
        vec![payment("000000000101", a.total, &[(&a.ocr, None)])],
    );
    f.deposits[0].bank_ref = "00001".into();
    let bytes = app::payments::bank_file::bgmax::write(&f);
    let read = app::payments::bank_file::read(&bytes).expect("our own BgMax reads");
    let r = import(&shop, &read, &bytes).await;
    assert_eq!(r.outcomes, [("matched".to_string(), 1)].into());
    assert_eq!(state(&shop, &a.id).await.status, "paid");

    let b = invoice(&shop, 2).await;
    let mut other = file(
        "20261208101500000002",
        day(),
        vec![payment("000000000102", b.total, &[(&b.ocr, None)])],
    );
    other.deposits[0].account = "56781239".into();
    let bytes = app::payments::bank_file::bgmax::write(&other);
    let read = app::payments::bank_file::read(&bytes).unwrap();
    let err = import_file(
        &shop.app.state.services,
        &Ctx::system("test"),
        "other.txt",
        Source::Command,
        &content_hash(&bytes),
        &read,
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("not Kreditor's"), "{err}");
    assert_eq!(count(&shop, "SELECT count(*) AS n FROM payments").await, 1);
    assert_eq!(
        count(&shop, "SELECT count(*) AS n FROM payment_files").await,
        1
    );
    assert_eq!(state(&shop, &b.id).await.status, "open");
}
