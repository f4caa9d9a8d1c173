//! The OpenAPI 3.1 document of the order API, generated from the handlers' annotations and
//! the shared request/response types (so it cannot drift from the code), and a readable
//! reference page rendered from that same document.

use axum::response::{Html, IntoResponse, Response};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::v1::batches;
use super::v1::orders;

/// The document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kreditor order API",
        version = "1",
        description = "Place orders with a live credit decision, capture them into invoices, \
            refund, cancel. Amounts are integer minor units (öre, cents) incl. VAT. \
            Authenticate with HTTP Basic: API key id and secret. Send an Idempotency-Key \
            header on every POST/PATCH so a retry never does the work twice."
    ),
    paths(
        orders::create::handle,
        orders::get::handle,
        orders::capture::handle,
        orders::captures::list,
        orders::captures::one,
        orders::refund::handle,
        orders::refunds::one,
        crate::documents::api_invoice,
        crate::documents::api_credit_note,
        orders::update_authorization::handle,
        orders::cancel::handle,
        orders::release::handle,
        orders::extend::handle,
        batches::create::handle,
        batches::get::handle,
        batches::get::results_csv,
    ),
    modifiers(&BasicAuth),
    security(("basic" = []))
)]
pub struct ApiDoc;

/// Declares HTTP Basic as the scheme every operation uses.
struct BasicAuth;

impl Modify for BasicAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "basic",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Basic).build()),
        );
    }
}

/// The document as pretty JSON (the snapshot test compares this text), with the rules the
/// server enforces declared on it (`super::contract`).
pub fn document() -> String {
    let mut doc = match serde_json::to_value(ApiDoc::openapi()) {
        Ok(doc) => doc,
        Err(e) => return format!("{{\"error\": \"{e}\"}}"),
    };
    super::contract::apply(&mut doc);
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// `GET /v1/openapi.json`.
pub async fn json() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        document(),
    )
        .into_response()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `GET /v1/docs`: every operation with its parameters and responses, and every schema with
/// its fields — generated from the same document.
pub async fn page() -> Html<String> {
    let doc: serde_json::Value = serde_json::from_str(&document()).unwrap_or_default();
    let mut html = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Kreditor order API</title><style>body{font-family:system-ui,sans-serif;\
         max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}code{background:#f3f3f3;\
         padding:0 .2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;\
         padding:.2em .5em;text-align:left}h3{margin-top:2rem}</style></head><body>",
    );
    html.push_str("<h1>Kreditor order API v1</h1>");
    if let Some(d) = doc["info"]["description"].as_str() {
        html.push_str(&format!("<p>{}</p>", escape(d)));
    }
    html.push_str("<p>Machine-readable: <a href=\"/v1/openapi.json\">/v1/openapi.json</a> (OpenAPI 3.1).</p><h2>Operations</h2>");
    if let Some(paths) = doc["paths"].as_object() {
        for (path, ops) in paths {
            for (method, op) in ops.as_object().into_iter().flatten() {
                html.push_str(&format!(
                    "<h3><code>{} {}</code></h3>",
                    method.to_uppercase(),
                    escape(path)
                ));
                if let Some(s) = op["summary"].as_str().or(op["description"].as_str()) {
                    html.push_str(&format!("<p>{}</p>", escape(s)));
                }
                html.push_str("<table><tr><th>Status</th><th>Meaning</th></tr>");
                for (status, r) in op["responses"].as_object().into_iter().flatten() {
                    html.push_str(&format!(
                        "<tr><td>{}</td><td>{}</td></tr>",
                        escape(status),
                        escape(r["description"].as_str().unwrap_or(""))
                    ));
                }
                html.push_str("</table>");
            }
        }
    }
    html.push_str("<h2>Schemas</h2>");
    if let Some(schemas) = doc["components"]["schemas"].as_object() {
        for (name, schema) in schemas {
            html.push_str(&format!("<h3 id=\"{0}\">{0}</h3>", escape(name)));
            if let Some(props) = schema["properties"].as_object() {
                html.push_str("<table><tr><th>Field</th><th>Description</th></tr>");
                for (field, p) in props {
                    html.push_str(&format!(
                        "<tr><td><code>{}</code></td><td>{}</td></tr>",
                        escape(field),
                        escape(p["description"].as_str().unwrap_or(""))
                    ));
                }
                html.push_str("</table>");
            }
        }
    }
    html.push_str("</body></html>");
    Html(html)
}
