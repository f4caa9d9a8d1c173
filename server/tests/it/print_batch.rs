//! The print shop's batch from the database (`documents::batch::print_run`): captured
//! invoices of several customers selected by id and by date, printed into one PDF in address
//! order (postal code, then name, then number) with its manifest; the file passes
//! `qpdf --check`, each document's first page shows its number, and the font is embedded once.

use std::path::{Path, PathBuf};

use app::documents::batch::{print_run, PrintRun, Selection};
use app::kdb::ScopedFutureExt;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use server::demo_merchant::ReadyMerchant;

use crate::common::orders::{order, Shop, GOOD};
use crate::common::pdf::tool;

/// A Swedish personal identity number (12 digits) born 1980-01-`day`, serial `serial`, with
/// its Luhn check digit.
fn person_id(day: u32, serial: u32) -> String {
    let ten = format!("8001{day:02}{serial:03}");
    let sum: u32 = ten
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            d / 10 + d % 10
        })
        .sum();
    format!("19{ten}{}", (10 - sum % 10) % 10)
}

/// Adds a person to the registry (SE) with a good score.
async fn add_person(shop: &Shop, id: &str, given: &str, family: &str, postal: &str) {
    let (id, given, family, postal) = (
        id.to_string(),
        given.to_string(),
        family.to_string(),
        postal.to_string(),
    );
    shop.app
        .kdb()
        .write(|c| {
            let (id, given, family, postal) =
                (id.clone(), given.clone(), family.clone(), postal.clone());
            async move {
                diesel_async::RunQueryDsl::execute(
                    diesel::sql_query(
                        "INSERT INTO registry_people (country, national_id, given_name, \
                         family_name, street, postal_code, city, score, risk_class, updated_at) \
                         VALUES ('SE', $1, $2, $3, 'Storgatan 1', $4, 'Västerås', 800, 'B', now())",
                    )
                    .bind::<diesel::sql_types::Text, _>(id)
                    .bind::<diesel::sql_types::Text, _>(given)
                    .bind::<diesel::sql_types::Text, _>(family)
                    .bind::<diesel::sql_types::Text, _>(postal),
                    c,
                )
                .await?;
                Ok::<_, app::kdb::KdbError>(())
            }
            .scope_boxed()
        })
        .await
        .unwrap();
}

/// Orders and captures 1250.00 SEK for `person` at `who`; the invoice's id, number and date.
async fn invoice_for(
    shop: &Shop,
    who: &ReadyMerchant,
    person: &str,
    n: usize,
) -> (String, i64, String) {
    let mut body = order(&format!("ref-{n}"), &format!("p{n}@example.com"));
    body["customer"]["national_identification_number"] = json!(person);
    let id = shop.create(who, &body).await;
    let res = shop
        .api(
            who,
            Method::POST,
            &format!("/v1/orders/{id}/captures"),
            "application/json",
            json!({"captured_amount": 125_000}).to_string(),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let v: Value = serde_json::from_str(&res.body).unwrap();
    let inv = &v["invoice"];
    (
        inv["invoice_id"].as_str().unwrap().to_string(),
        inv["invoice_number"].as_i64().unwrap(),
        inv["invoice_date"].as_str().unwrap().to_string(),
    )
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kreditor-print-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

async fn print(
    shop: &Shop,
    selection: Selection,
    name: &str,
) -> (PathBuf, Vec<Vec<String>>, PrintRun) {
    let pdf = tmp(&format!("{name}.pdf"));
    let csv = tmp(&format!("{name}.csv"));
    let run = print_run(
        shop.app.kdb(),
        &selection,
        std::io::BufWriter::new(std::fs::File::create(&pdf).unwrap()),
        std::fs::File::create(&csv).unwrap(),
    )
    .await
    .unwrap();
    // No field here holds a comma or a quote: a plain split reads it.
    let rows = std::fs::read_to_string(&csv)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    (pdf, rows, run)
}

fn pages(path: &Path) -> usize {
    tool("pdfinfo", &[path.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_print_run_prints_the_selected_invoices_in_address_order_with_one_font_each() {
    let shop = Shop::new().await;
    // (given, family, postal code); GOOD is "Test Person", 114 55.
    let people = [
        ("Åsa", "Öström", "722 40"),
        ("Bertil", "Ek", "114 55"),
        ("Cecilia", "Ärlig", "211 20"),
        ("Ada", "Berg", "11455"),
    ];
    let mut ids = vec![GOOD.to_string()];
    for (i, (given, family, postal)) in people.iter().enumerate() {
        let id = person_id(u32::try_from(i).unwrap() + 10, 123);
        add_person(&shop, &id, given, family, postal).await;
        ids.push(id);
    }
    // Åsa twice (the number breaks the tie), everyone else once, in no address order.
    let who_order = [1, 0, 2, 1, 3, 4];
    let mut invoices = Vec::new();
    for (n, p) in who_order.iter().enumerate() {
        let (id, number, date) = invoice_for(&shop, &shop.a, &ids[*p], n).await;
        invoices.push((id, number, date, *p));
    }
    // Expected: 114 55 Ada Berg, Bertil Ek, Test Person; 211 20 Cecilia; 722 40 Åsa ×2.
    let number_of =
        |p: usize| -> Vec<i64> { invoices.iter().filter(|i| i.3 == p).map(|i| i.1).collect() };
    let mut expected: Vec<i64> = Vec::new();
    for p in [4, 2, 0, 3, 1] {
        expected.extend(number_of(p));
    }

    let selection = Selection::Invoices(
        invoices
            .iter()
            .map(|i| uuid::Uuid::parse_str(&i.0).unwrap())
            .chain([uuid::Uuid::nil()]) // not an invoice: left out
            .collect(),
    );
    let (pdf, rows, run) = print(&shop, selection, "by-id").await;
    let p = pdf.to_str().unwrap();
    assert_eq!(run.documents, 6);
    assert_eq!(run.own_fonts, 0);
    tool("qpdf", &["--check", p]);
    assert_eq!(pages(&pdf), run.pages);
    assert_eq!(run.pages, 6, "one page each");
    let numbers: Vec<i64> = rows.iter().map(|r| r[1].parse().unwrap()).collect();
    assert_eq!(numbers, expected, "manifest {rows:?}");
    for r in &rows {
        assert_eq!(r[2], "invoice");
        assert_eq!(
            (r[3].as_str(), r[4].as_str()),
            (r[0].as_str(), r[0].as_str())
        );
        let t = tool(
            "pdftotext",
            &["-f", &r[3], "-l", &r[3], "-enc", "UTF-8", p, "-"],
        );
        assert!(
            t.contains(&r[1]),
            "page {} lacks number {}:\n{t}",
            r[3],
            r[1]
        );
        assert!(
            t.contains(&r[7]),
            "page {} lacks recipient {}:\n{t}",
            r[3],
            r[7]
        );
    }
    assert_eq!(rows[0][7], "Ada Berg");
    assert_eq!(rows[5][7], "Åsa Öström");
    // The two weights and the slips' OCR-B, each embedded (and subset) once for the batch.
    let fonts = tool("pdffonts", &[p]);
    let fonts: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(fonts.len(), 3, "{fonts:?}");
    assert!(fonts.iter().all(|f| f.contains("yes yes yes")), "{fonts:?}");

    // By date: the same invoices (all dated today on the business clock), the same file.
    let day = chrono::NaiveDate::parse_from_str(&invoices[0].2, "%Y-%m-%d").unwrap();
    let (by_date, date_rows, _) = print(
        &shop,
        Selection::InvoiceDates { from: day, to: day },
        "by-date",
    )
    .await;
    assert_eq!(date_rows, rows);
    assert_eq!(
        std::fs::read(&by_date).unwrap(),
        std::fs::read(&pdf).unwrap()
    );
    let none = Selection::InvoiceDates {
        from: day.succ_opt().unwrap(),
        to: day.succ_opt().unwrap(),
    };
    let (_, empty_rows, empty_run) = print(&shop, none, "none").await;
    assert!(empty_rows.is_empty());
    assert_eq!((empty_run.documents, empty_run.pages), (0, 0));
}
