//! The portal's batch screens through the real router and database: a merchant uploads a file
//! of captures with the plain multipart form (no JavaScript), follows its progress, reads each
//! row's result and downloads them as CSV; a malformed file imports nothing and the page names
//! its lines; another merchant sees none of it.

use crate::common::orders::{order, Shop};
use crate::common::{audit_count, testid_text, TestResponse};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

const BOUNDARY: &str = "----kreditor-test-boundary";

/// A multipart body as a browser's form sends it: the CSRF field first, then `kind`, then the
/// file (when given).
fn multipart(token: Option<&str>, kind: &str, file: Option<(&str, &str)>) -> String {
    let mut body = String::new();
    let mut field = |name: &str, extra: &str, value: &str| {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"{extra}\r\n\r\n{value}\r\n"
        ));
    };
    if let Some(t) = token {
        field("csrf_token", "", t);
    }
    field("kind", "", kind);
    if let Some((name, content)) = file {
        field(
            "file",
            &format!("; filename=\"{name}\"\r\nContent-Type: text/csv"),
            content,
        );
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body
}

/// Posts the upload form without JavaScript (no fetch metadata: the CSRF token must be in the
/// form).
async fn upload(shop: &Shop, body: String) -> TestResponse {
    let req = Request::post("/portal/batches/upload")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .body(Body::from(body))
        .unwrap();
    shop.app.send(req).await
}

fn token(shop: &Shop) -> String {
    shop.app.cookie("kreditor_csrf").expect("csrf cookie")
}

/// The batch page until every row has its result (processing runs in the background).
async fn page_when_done(shop: &Shop, path: &str) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        let page = shop.app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{page:?}");
        if testid_text(&page.body, "batch-status").as_deref() == Some("Klar") {
            return page.body;
        }
        last = page.body;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("batch {path} not done: {last}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_merchant_uploads_captures_follows_them_and_downloads_the_results() {
    let shop = Shop::new().await;
    let o1 = shop.create(&shop.a, &order("P-1", "a@example.se")).await;
    let o2 = shop.create(&shop.a, &order("P-2", "b@example.se")).await;
    shop.sign_in(&shop.a, "owner@butik-a.test").await;

    let empty = shop.app.get("/portal/batches").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(
        empty.body.contains("portal-batches-empty"),
        "{}",
        empty.body
    );
    assert!(empty.body.contains("enctype=\"multipart/form-data\""));

    let file =
        format!("order_id,captured_amount,reference\n{o1},125000,SHIP-1\n{o2},999999,SHIP-2\n");
    let res = upload(
        &shop,
        multipart(
            Some(&token(&shop)),
            "captures",
            Some(("captures.csv", &file)),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{res:?}");
    let location = res.location().unwrap().to_string();
    // The batch page, with the success message once.
    let (path, flag) = location.split_once('?').unwrap();
    let path = path.to_string();
    assert_eq!(flag, "done=batch-uploaded");
    assert!(path.starts_with("/portal/batches/"), "{path}");
    let batch_id = path.trim_start_matches("/portal/batches/").to_string();
    let shown = shop.app.get(&location).await.body;
    assert_eq!(shown.matches("data-testid=\"flash\"").count(), 1, "{shown}");
    assert!(shown.contains("Filen är mottagen"), "{shown}");

    let page = page_when_done(&shop, &path).await;
    assert!(page.contains("2 / 2 (100 %)"), "{page}");
    assert_eq!(testid_text(&page, "batch-ok").as_deref(), Some("1"));
    assert_eq!(testid_text(&page, "batch-errors").as_deref(), Some("1"));
    // Row 1 made an invoice (linked to its order); row 2 was refused, in Swedish.
    assert!(page.contains("Faktura 1000001"), "{page}");
    assert!(page.contains(&format!("href=\"/portal/orders/{o1}\"")));
    assert!(page.contains("Aktiveringen går inte"), "{page}");
    assert!(
        !page.contains("http-equiv=\"refresh\""),
        "a done batch stops reloading"
    );

    let list = shop.app.get("/portal/batches").await.body;
    assert!(
        list.contains(&format!("data-batch-id=\"{batch_id}\"")),
        "{list}"
    );
    assert!(list.contains("<progress"), "{list}");

    let csv = shop
        .app
        .get(&format!("/portal/batches/{batch_id}/results.csv"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(csv.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(
        lines[1].starts_with(&format!("1,1,ok,,,{o1},")),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("2,2,error,CAPTURE_NOT_ALLOWED,"),
        "{}",
        lines[2]
    );
    assert_eq!(audit_count(shop.app.kdb(), "batch.upload").await, 1);

    // The same file again is the same batch, not a second one.
    let again = upload(
        &shop,
        multipart(
            Some(&token(&shop)),
            "captures",
            Some(("captures.csv", &file)),
        ),
    )
    .await;
    assert_eq!(again.location(), Some(location.as_str()));
    assert_eq!(audit_count(shop.app.kdb(), "batch.upload").await, 1);

    // Another merchant: not in their list, not their page, not their download.
    shop.sign_in(&shop.b, "owner@butik-b.test").await;
    let theirs = shop.app.get("/portal/batches").await.body;
    assert!(!theirs.contains(&batch_id), "{theirs}");
    let page = shop.app.get(&path).await.body;
    assert!(page.contains("Batchen finns inte"), "{page}");
    assert!(!page.contains("SHIP-1"));
    let csv = shop
        .app
        .get(&format!("/portal/batches/{batch_id}/results.csv"))
        .await;
    assert_eq!(csv.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_upload_imports_nothing_and_says_why() {
    let shop = Shop::new().await;
    let o1 = shop.create(&shop.a, &order("P-1", "a@example.se")).await;

    // Signed out: to the portal's login, nothing stored.
    shop.app.get("/portal/login").await;
    let res = upload(
        &shop,
        multipart(Some(&token(&shop)), "captures", Some(("c.csv", "x"))),
    )
    .await;
    assert_eq!(res.location(), Some("/portal/login"), "{res:?}");

    shop.sign_in(&shop.a, "owner@butik-a.test").await;
    // No token and no fetch metadata: refused before the handler.
    let file = format!("order_id,captured_amount,reference\n{o1},abc,SHIP-1\nnot-an-id,100,x\n");
    let res = upload(&shop, multipart(None, "captures", Some(("c.csv", &file)))).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // A malformed file: back to the list, which names the lines once.
    let res = upload(
        &shop,
        multipart(Some(&token(&shop)), "captures", Some(("c.csv", &file))),
    )
    .await;
    assert_eq!(res.location(), Some("/portal/batches"), "{res:?}");
    let page = shop.app.get("/portal/batches").await.body;
    assert!(page.contains("batch-upload-error"), "{page}");
    assert!(page.contains("Filen har 2 fel"), "{page}");
    assert!(page.contains("line 2, column 38"), "{page}");
    assert!(page.contains("line 3, column 1"), "{page}");
    let again = shop.app.get("/portal/batches").await.body;
    assert!(!again.contains("batch-upload-error"), "shown once");

    // No file, and an unknown kind.
    let res = upload(&shop, multipart(Some(&token(&shop)), "captures", None)).await;
    assert_eq!(res.location(), Some("/portal/batches"));
    let page = shop.app.get("/portal/batches").await.body;
    assert!(page.contains("Välj en fil att ladda upp"), "{page}");
    let res = upload(
        &shop,
        multipart(Some(&token(&shop)), "refunds", Some(("c.csv", &file))),
    )
    .await;
    assert_eq!(res.location(), Some("/portal/batches"));
    let page = shop.app.get("/portal/batches").await.body;
    assert!(page.contains("Välj vad filen innehåller"), "{page}");

    assert_eq!(audit_count(shop.app.kdb(), "batch.upload").await, 0);
    assert!(
        page.contains("portal-batches-empty"),
        "nothing was imported"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn portal_uploads_are_rate_limited_per_merchant() {
    let shop = Shop::new().await;
    let o1 = shop.create(&shop.a, &order("R-1", "a@example.se")).await;
    shop.sign_in(&shop.a, "owner@butik-a.test").await;
    let file = format!("order_id,captured_amount,reference\n{o1},100,R\n");
    // PORTAL_UPLOADS_PER_MINUTE is 10 by default: ten uploads go through (the same file is
    // the same batch each time) ...
    for n in 1..=10 {
        let res = upload(
            &shop,
            multipart(Some(&token(&shop)), "captures", Some(("r.csv", &file))),
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{n}: {res:?}");
        assert_ne!(
            res.location(),
            Some("/portal/batches"),
            "upload {n} refused"
        );
    }
    // ... the eleventh is refused before its body is read, and the page says why.
    let other = format!("order_id,captured_amount,reference\n{o1},200,R2\n");
    let res = upload(
        &shop,
        multipart(Some(&token(&shop)), "captures", Some(("r2.csv", &other))),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{res:?}");
    assert_eq!(res.location(), Some("/portal/batches"));
    let page = shop.app.get("/portal/batches").await;
    assert!(
        page.body.contains("För många uppladdningar"),
        "{}",
        page.body
    );
    assert_eq!(audit_count(shop.app.kdb(), "batch.upload").await, 1);
}
