//! The batch API end to end over HTTP against a real PostgreSQL: a captures CSV whose rows
//! each get their own result, idempotent re-processing (also after a pass that died between
//! the service's commit and the row's result), the same file uploaded twice, malformed files
//! refused whole, orders from JSON-Lines, and merchant isolation.

use std::time::Duration;

use crate::common::orders::GOOD;
use crate::common::{TestApp, TestResponse};
use app::kdb::{Ctx, ScopedFutureExt};
use app::ktime::Country;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine;
use serde_json::{json, Value};
use server::demo_merchant::{ensure_ready_merchant, ReadyMerchant};

struct Api {
    app: TestApp,
    a: ReadyMerchant,
    b: ReadyMerchant,
}

async fn sql(app: &TestApp, query: &str) {
    let query = query.to_string();
    app.kdb()
        .write(|c| {
            let query = query.clone();
            async move {
                diesel_async::RunQueryDsl::execute(diesel::sql_query(query), c).await?;
                Ok::<_, app::kdb::KdbError>(())
            }
            .scope_boxed()
        })
        .await
        .unwrap();
}

async fn count(app: &TestApp, query: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let query = query.to_string();
    app.kdb()
        .read_primary(|c| {
            let query = query.clone();
            async move {
                let n: N =
                    diesel_async::RunQueryDsl::get_result(diesel::sql_query(query), c).await?;
                Ok::<_, app::kdb::KdbError>(n.n)
            }
            .scope_boxed()
        })
        .await
        .unwrap()
}

impl Api {
    async fn new() -> Api {
        Api::with(|_| {}).await
    }

    async fn with(change: impl FnOnce(&mut server::config::Config)) -> Api {
        let app = TestApp::with(change).await;
        app::credit::rulesets::store::seed_defaults(app.kdb(), &app.state.services.ktime)
            .await
            .unwrap();
        sql(
            &app,
            &format!(
                "INSERT INTO registry_people (country, national_id, given_name, family_name, \
                 street, postal_code, city, score, risk_class, updated_at) VALUES ('SE', '{GOOD}', \
                 'Test', 'Person', 'Storgatan 1', '114 55', 'Stockholm', 800, 'B', now())"
            ),
        )
        .await;
        let ktime = &app.state.services.ktime;
        let a = ensure_ready_merchant(app.kdb(), ktime, "Butik A AB", "556000-0001", Country::SE)
            .await
            .unwrap();
        let b = ensure_ready_merchant(app.kdb(), ktime, "Butik B AB", "556000-0002", Country::SE)
            .await
            .unwrap();
        Api { app, a, b }
    }

    async fn call(
        &self,
        who: &ReadyMerchant,
        method: Method,
        path: &str,
        content_type: &str,
        body: &str,
    ) -> TestResponse {
        let auth = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", who.key_id, who.secret));
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Basic {auth}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body.to_string()))
            .unwrap();
        self.app.send(req).await
    }

    async fn get(&self, who: &ReadyMerchant, path: &str) -> TestResponse {
        self.call(who, Method::GET, path, "application/json", "")
            .await
    }

    async fn create_order(&self, reference: &str) -> String {
        let mut body = order(GOOD);
        body["merchant_reference1"] = json!(reference);
        let res = self
            .call(
                &self.a,
                Method::POST,
                "/v1/orders",
                "application/json",
                &body.to_string(),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        json_of(&res)["order_id"].as_str().unwrap().to_string()
    }

    async fn upload(&self, kind: &str, content_type: &str, file: &str) -> TestResponse {
        self.call(
            &self.a,
            Method::POST,
            &format!("/v1/batches?kind={kind}"),
            content_type,
            file,
        )
        .await
    }

    /// Processes pending rows (as the job loop would) until the batch is done.
    async fn wait_done(&self, batch_id: &str) -> Value {
        for _ in 0..200 {
            let ctx = Ctx::system("test:batches");
            app::orders::batches::run::process_pending(&self.app.state.services, &ctx, 100)
                .await
                .unwrap();
            let res = self.get(&self.a, &format!("/v1/batches/{batch_id}")).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            let batch = json_of(&res);
            if batch["status"] == "done" {
                return batch;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("batch {batch_id} never finished");
    }
}

fn json_of(res: &TestResponse) -> Value {
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("{e}: {}", res.body))
}

/// An order of two lines at 25 % VAT: 2 × 500.00 + 1 × 250.00 = 1250.00 SEK.
fn order(national_id: &str) -> Value {
    json!({
        "purchase_country": "SE",
        "purchase_currency": "SEK",
        "locale": "sv-SE",
        "order_amount": 125000,
        "order_tax_amount": 25000,
        "order_lines": [
            {"type": "physical", "reference": "SKO-1", "name": "Kängor", "quantity": 2,
             "unit_price": 50000, "tax_rate": 2500, "total_amount": 100000, "total_tax_amount": 20000},
            {"type": "physical", "reference": "STR-1", "name": "Strumpor", "quantity": 1,
             "unit_price": 25000, "tax_rate": 2500, "total_amount": 25000, "total_tax_amount": 5000}
        ],
        "customer": {"national_identification_number": national_id, "email": "kund@example.se"},
        "merchant_reference1": "A-1001",
        "payment_method": "invoice"
    })
}

fn row(batch: &Value, row_no: usize) -> &Value {
    &batch["rows"][row_no - 1]
}

#[tokio::test(flavor = "multi_thread")]
async fn a_captures_csv_gives_each_row_its_result_once() {
    let api = Api::new().await;
    let o1 = api.create_order("B-1").await;
    let o2 = api.create_order("B-2").await;
    let unknown = uuid::Uuid::new_v4();
    let file = format!(
        "order_id,captured_amount,reference,key\n\
         {o1},50000,first part,k1\n\
         {o1},75000,\"rest, all of it\",k2\n\
         {o2},200000,too much,k3\n\
         {o2},125000,whole,k4\n\
         {unknown},1000,nobody's,k5\n"
    );
    let res = api.upload("captures", "text/csv", &file).await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.body);
    let accepted = json_of(&res);
    let id = accepted["batch_id"].as_str().unwrap().to_string();
    assert_eq!(accepted["total_rows"], 5);
    assert_eq!(res.location(), Some(format!("/v1/batches/{id}").as_str()));

    let batch = api.wait_done(&id).await;
    assert_eq!(
        (&batch["done_rows"], &batch["ok_rows"], &batch["error_rows"]),
        (&json!(5), &json!(3), &json!(2)),
        "{batch}"
    );
    assert!(batch["started_at"].is_string() && batch["finished_at"].is_string());
    for (n, key) in [(1, "k1"), (2, "k2"), (4, "k4")] {
        assert_eq!(row(&batch, n)["status"], "ok", "{batch}");
        assert_eq!(row(&batch, n)["key"], key);
        assert!(
            row(&batch, n)["result"]["capture_id"].is_string(),
            "{batch}"
        );
        assert!(
            row(&batch, n)["result"]["invoice_number"].is_i64(),
            "{batch}"
        );
    }
    assert_eq!(row(&batch, 3)["status"], "error");
    assert_eq!(row(&batch, 3)["error_code"], "CAPTURE_NOT_ALLOWED");
    assert_eq!(row(&batch, 5)["error_code"], "ORDER_NOT_FOUND");
    let order1 = json_of(&api.get(&api.a, &format!("/v1/orders/{o1}")).await);
    assert_eq!(order1["captured_amount"], 125000, "{order1}");
    assert_eq!(order1["captures"].as_array().unwrap().len(), 2);
    assert_eq!(order1["captures"][1]["reference"], "rest, all of it");

    // The results download: a header and one line per row.
    let res = api
        .get(&api.a, &format!("/v1/batches/{id}/results.csv"))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let lines: Vec<&str> = res.body.lines().collect();
    assert_eq!(lines.len(), 6, "{}", res.body);
    assert!(lines[0].starts_with("row_no,key,status,error_code"));
    assert!(
        lines[1].starts_with(&format!("1,k1,ok,,,{o1},")),
        "{}",
        lines[1]
    );
    assert!(
        lines[3].starts_with("3,k3,error,CAPTURE_NOT_ALLOWED,"),
        "{}",
        lines[3]
    );

    // Rows come in pages: `limit` rows after `after_row`, and where the next page starts.
    let page = json_of(
        &api.get(&api.a, &format!("/v1/batches/{id}?after_row=1&limit=2"))
            .await,
    );
    let numbers: Vec<i64> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["row_no"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, vec![2, 3]);
    assert_eq!(page["next_after_row"], 3);
    assert_eq!(page["done_rows"], 5, "counts cover the whole batch");
    let last = json_of(
        &api.get(&api.a, &format!("/v1/batches/{id}?after_row=3&limit=2"))
            .await,
    );
    assert_eq!(last["rows"].as_array().unwrap().len(), 2);
    assert!(last.get("next_after_row").is_none(), "{last}");
    assert!(
        batch.get("next_after_row").is_none(),
        "all 5 rows fit the default page"
    );
    // A repeated parameter counts once (its first value); never a 400 for the query's shape.
    let twice = api
        .get(&api.a, &format!("/v1/batches/{id}?limit=1&limit=null"))
        .await;
    assert_eq!(twice.status, StatusCode::OK, "{}", twice.body);
    assert_eq!(json_of(&twice)["rows"].as_array().unwrap().len(), 1);
    for bad in [
        "limit=0",
        "limit=10001",
        "after_row=-1",
        "limit=many",
        "limit=null&limit=null",
    ] {
        let res = api.get(&api.a, &format!("/v1/batches/{id}?{bad}")).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let field = bad.split('=').next().unwrap();
        assert_eq!(json_of(&res)["validation_errors"][0]["field"], field);
    }
    assert_eq!(
        crate::common::audit_count(api.app.kdb(), "batch.upload").await,
        1
    );

    // Processing again changes nothing: no pending rows are left.
    let ctx = Ctx::system("test:batches");
    let again = app::orders::batches::run::process_pending(&api.app.state.services, &ctx, 100)
        .await
        .unwrap();
    assert_eq!(again, 0);
    let same = json_of(&api.get(&api.a, &format!("/v1/batches/{id}")).await);
    assert_eq!(same, batch);

    // A pass that died after the capture committed but before the row's result: the row is
    // pending again, and the next pass replays the capture instead of making another.
    sql(
        &api.app,
        &format!(
            "UPDATE api_batch_rows SET status = 'pending', result = NULL \
             WHERE batch_id = '{id}' AND row_no = 1"
        ),
    )
    .await;
    sql(
        &api.app,
        &format!(
            "UPDATE api_batches SET done_rows = 4, ok_rows = 2, status = 'running', \
             finished_at = NULL WHERE id = '{id}'"
        ),
    )
    .await;
    let redone = api.wait_done(&id).await;
    assert_eq!(redone["ok_rows"], 3);
    assert_eq!(row(&redone, 1)["result"], row(&batch, 1)["result"]);
    let captures = count(
        &api.app,
        &format!("SELECT count(*) AS n FROM captures WHERE order_id = '{o1}'"),
    )
    .await;
    assert_eq!(captures, 2);

    // The same file again is the same batch.
    let res = api.upload("captures", "text/csv", &file).await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.body);
    assert_eq!(json_of(&res)["batch_id"], id.as_str());
    assert_eq!(json_of(&res)["status"], "done");
    let batches = count(&api.app, "SELECT count(*) AS n FROM api_batches").await;
    assert_eq!(batches, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_malformed_file_is_refused_whole_naming_its_lines() {
    let api = Api::new().await;
    let o1 = api.create_order("M-1").await;
    let file = format!(
        "order_id,captured_amount,reference\n\
         {o1},1000,fine\n\
         not-an-id,1000,x\n\
         {o1},10.50,x\n"
    );
    let res = api.upload("captures", "text/csv", &file).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let body = json_of(&res);
    assert_eq!(body["error_code"], "VALIDATION_ERROR");
    let problems = body["validation_errors"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{body}");
    assert_eq!(problems[0]["field"], "line 3, column 1");
    assert_eq!(problems[0]["code"], "BAD_ORDER_ID");
    assert_eq!(problems[1]["field"], "line 4, column 38");
    assert_eq!(problems[1]["code"], "BAD_AMOUNT");
    let batches = count(&api.app, "SELECT count(*) AS n FROM api_batches").await;
    assert_eq!(batches, 0, "nothing imported");

    // Orders come as JSON-Lines only; an unknown kind is refused too.
    let res = api
        .upload("orders", "text/csv", "purchase_country\nSE\n")
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert_eq!(json_of(&res)["error_code"], "BATCH_FORMAT_UNSUPPORTED");
    let res = api.upload("refunds", "text/csv", &file).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn orders_from_json_lines_and_only_their_merchant_sees_the_batch() {
    let api = Api::new().await;
    let mut first = order(GOOD);
    first["key"] = json!("shop-order-1");
    let mut second = order(GOOD);
    second["merchant_reference1"] = json!("A-1002");
    let mut wrong = order(GOOD);
    wrong["order_amount"] = json!(1);
    let file = format!("{first}\n{second}\n\n{wrong}\n");
    let res = api
        .call(
            &api.a,
            Method::POST,
            "/v1/batches?kind=orders&format=jsonl",
            "application/octet-stream",
            &file,
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.body);
    let id = json_of(&res)["batch_id"].as_str().unwrap().to_string();
    let batch = api.wait_done(&id).await;
    assert_eq!(batch["kind"], "orders");
    assert_eq!(
        (&batch["ok_rows"], &batch["error_rows"]),
        (&json!(2), &json!(1))
    );
    assert_eq!(row(&batch, 1)["key"], "shop-order-1");
    assert_eq!(row(&batch, 2)["key"], "2");
    assert_eq!(row(&batch, 3)["error_code"], "VALIDATION_ERROR");
    for n in [1, 2] {
        let order_id = row(&batch, n)["result"]["order_id"].as_str().unwrap();
        let res = api.get(&api.a, &format!("/v1/orders/{order_id}")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(json_of(&res)["status"], "AUTHORIZED");
    }

    // Another merchant's batch does not exist for B.
    for path in [
        format!("/v1/batches/{id}"),
        format!("/v1/batches/{id}/results.csv"),
    ] {
        let res = api.get(&api.b, &path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
        assert_eq!(json_of(&res)["error_code"], "BATCH_NOT_FOUND");
    }
    let res = api.get(&api.a, "/v1/batches/not-a-uuid").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn batches_are_metered_by_rows_queued_per_merchant() {
    let api = Api::with(|c| c.limits.batch_max_queued_rows = 3).await;
    let o1 = api.create_order("Q-1").await;
    let rows = |n: usize, tag: &str| {
        let mut file = String::from("order_id,captured_amount,reference,key\n");
        for i in 1..=n {
            file.push_str(&format!("{o1},100,part {i},{tag}{i}\n"));
        }
        file
    };
    // Four rows never fit a cap of three, however empty the queue: refused whole, with the
    // code, nothing stored.
    let res = api.upload("captures", "text/csv", &rows(4, "a")).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(json_of(&res)["error_code"], "BATCH_QUEUE_FULL");
    assert_eq!(
        count(&api.app, "SELECT count(*) AS n FROM api_batches").await,
        0
    );
    assert_eq!(
        count(&api.app, "SELECT count(*) AS n FROM api_batch_rows").await,
        0
    );

    // Two rows of A's are still waiting (an earlier batch nobody has worked on yet).
    sql(
        &api.app,
        &format!(
            "INSERT INTO api_batches (id, merchant_id, kind, format, total_rows, sha256) \
             VALUES (gen_random_uuid(), '{}', 'captures', 'csv', 2, repeat('0', 64))",
            api.a.merchant_id
        ),
    )
    .await;
    let res = api.upload("captures", "text/csv", &rows(2, "b")).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(json_of(&res)["error_code"], "BATCH_QUEUE_FULL");
    // One more row fits (2 + 1 = 3), and B's queue is its own.
    let res = api.upload("captures", "text/csv", &rows(1, "c")).await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.body);
    let res = api
        .call(
            &api.b,
            Method::POST,
            "/v1/batches?kind=captures",
            "text/csv",
            &rows(3, "d"),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.body);
    assert_eq!(
        count(&api.app, "SELECT count(*) AS n FROM api_batches").await,
        3
    );
    assert_eq!(
        crate::common::audit_count(api.app.kdb(), "batch.upload").await,
        2
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn batch_inputs_are_purged_after_the_retention_period_on_the_business_clock() {
    let api = Api::with(|c| c.batch_input_retention_days = 30).await;
    let mut first = order(GOOD);
    first["key"] = json!("keep-me");
    let file = format!("{first}\n");
    let res = api
        .call(
            &api.a,
            Method::POST,
            "/v1/batches?kind=orders&format=jsonl",
            "application/x-ndjson",
            &file,
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.body);
    let id = json_of(&res)["batch_id"].as_str().unwrap().to_string();
    let done = api.wait_done(&id).await;
    let with_id =
        format!("SELECT count(*) AS n FROM api_batch_rows WHERE input::text LIKE '%{GOOD}%'");
    assert_eq!(count(&api.app, &with_id).await, 1);
    let settings = server::jobs::JobSettings::of(&api.app.state.config);

    // Within the period nothing is purged.
    server::jobs::run_once(&api.app.state.services, &settings).await;
    assert_eq!(count(&api.app, &with_id).await, 1);
    assert_eq!(
        crate::common::audit_count(api.app.kdb(), "batch.inputs_purge").await,
        0
    );

    // 31 business days later the job clears the inputs, once, audited; results stay.
    api.app
        .state
        .services
        .ktime
        .advance(
            api.app.kdb(),
            &Ctx::system("test"),
            chrono::Duration::days(31),
        )
        .await
        .unwrap();
    server::jobs::run_once(&api.app.state.services, &settings).await;
    assert_eq!(
        count(&api.app, &with_id).await,
        0,
        "national id still stored"
    );
    assert_eq!(
        count(
            &api.app,
            "SELECT count(*) AS n FROM api_batch_rows WHERE input = '{}'::jsonb"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &api.app,
            "SELECT count(*) AS n FROM api_batches WHERE inputs_purged_at IS NOT NULL"
        )
        .await,
        1
    );
    server::jobs::run_once(&api.app.state.services, &settings).await;
    assert_eq!(
        crate::common::audit_count(api.app.kdb(), "batch.inputs_purge").await,
        1
    );
    let after = json_of(&api.get(&api.a, &format!("/v1/batches/{id}")).await);
    assert_eq!(after["rows"][0]["result"], done["rows"][0]["result"]);
    assert_eq!(after["rows"][0]["key"], "keep-me");
}
