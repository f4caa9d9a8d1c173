//! What the server enforces, written into the generated OpenAPI document so generated clients
//! (and schemathesis) validate before calling: bounds, enums, lengths, the text rule, the
//! Idempotency-Key's shape, required fields, unique operation ids and the links between
//! create → capture → refund. utoipa derives the shapes from the types; these rules come from
//! the same constants the validators use, applied once here instead of as literals scattered
//! over the types.
//!
//! Choices written down:
//! - Whole-number floats (`-4571.0`, `1e3`): JSON Schema counts them as integers, so the server
//!   accepts them as the integer they equal (`api::body` converts them before deserializing);
//!   a fraction is still a 400.
//! - Every text field refuses control characters (`app::text`): declared as a `pattern`.
//! - Unknown properties are ignored (Klarna's bodies carry fields Kreditor does not use), so
//!   `additionalProperties` stays open.
//! - Rules JSON Schema cannot express are described, not declared: line sums, the currency
//!   of the merchant and the country, national id checksums, postal codes per country.

use app::orders::batches::MAX_ROWS;
use app::orders::lines::{
    MAX_DISCOUNT, MAX_LINES, MAX_NAME_CHARS, MAX_QUANTITY, MAX_QUANTITY_UNIT_CHARS,
    MAX_REFERENCE_CHARS, MAX_TAX_RATE,
};
use app::orders::validate::{MAX_NAME_CHARS as MAX_PERSON_NAME_CHARS, MAX_TEXT_CHARS};
use serde_json::{json, Map, Value};

/// A string without control characters other than tab, LF and CR (`app::text`).
pub const TEXT: &str = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";
/// A string with at least one visible character and no control characters (names).
pub const NON_BLANK_TEXT: &str = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F][^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";
/// An e-mail as the API checks it: empty, or containing `@`, without control characters.
pub const EMAIL: &str = "^([^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F@]*@[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*)?$";
/// The Idempotency-Key: 1 to 255 visible ASCII characters, no blanks (`api::body`).
pub const IDEMPOTENCY_KEY: &str = "^[!-~]{1,255}$";
/// Largest value of an `i64` amount.
const I64_MAX: i64 = i64::MAX;

/// Applies every rule to the document.
pub fn apply(doc: &mut Value) {
    operations(doc);
    let schemas = &mut doc["components"]["schemas"];
    text_everywhere(schemas);
    orders(schemas);
    lines(schemas);
    captures_refunds_updates(schemas);
}

/// `(path, method, operationId)`: unique ids (utoipa names them all `handle`).
const OPERATIONS: &[(&str, &str, &str)] = &[
    ("/v1/orders", "post", "createOrder"),
    ("/v1/orders/{order_id}", "get", "getOrder"),
    ("/v1/orders/{order_id}/captures", "post", "captureOrder"),
    ("/v1/orders/{order_id}/captures", "get", "listCaptures"),
    (
        "/v1/orders/{order_id}/captures/{capture_id}",
        "get",
        "getCapture",
    ),
    ("/v1/orders/{order_id}/refunds", "post", "refundOrder"),
    (
        "/v1/orders/{order_id}/refunds/{refund_id}",
        "get",
        "getRefund",
    ),
    (
        "/v1/orders/{order_id}/captures/{capture_id}/invoice.pdf",
        "get",
        "getInvoicePdf",
    ),
    (
        "/v1/orders/{order_id}/refunds/{refund_id}/credit-note.pdf",
        "get",
        "getCreditNotePdf",
    ),
    (
        "/v1/orders/{order_id}/authorization",
        "patch",
        "updateAuthorization",
    ),
    ("/v1/orders/{order_id}/cancel", "post", "cancelOrder"),
    (
        "/v1/orders/{order_id}/release-remaining-authorization",
        "post",
        "releaseRemainingAuthorization",
    ),
    (
        "/v1/orders/{order_id}/extend-authorization-time",
        "post",
        "extendAuthorizationTime",
    ),
    ("/v1/batches", "post", "createBatch"),
    ("/v1/batches/{batch_id}", "get", "getBatch"),
    (
        "/v1/batches/{batch_id}/results.csv",
        "get",
        "getBatchResults",
    ),
];

fn operations(doc: &mut Value) {
    for (path, method, id) in OPERATIONS {
        let op = &mut doc["paths"][*path][*method];
        if !op.is_object() {
            continue;
        }
        op["operationId"] = json!(id);
        for param in op["parameters"].as_array_mut().into_iter().flatten() {
            match param["name"].as_str().unwrap_or("") {
                "Idempotency-Key" => {
                    param["schema"] = json!({
                        "type": "string", "minLength": 1, "maxLength": 255,
                        "pattern": IDEMPOTENCY_KEY,
                    });
                    param["description"] = json!(
                        "Makes retries safe: 1 to 255 visible ASCII characters, no blanks; \
                         kept 7 days per merchant"
                    );
                }
                "kind" => {
                    param["schema"] = json!({"type": "string", "enum": ["captures", "orders"]})
                }
                "format" => param["schema"] = json!({"type": "string", "enum": ["csv", "jsonl"]}),
                "limit" => {
                    param["schema"] = json!({"type": "integer", "minimum": 1, "maximum": MAX_ROWS})
                }
                "after_row" => {
                    param["schema"] = json!({"type": "integer", "minimum": 0, "maximum": i32::MAX})
                }
                _ => {}
            }
        }
    }
    // A PDF is bytes, not the array of numbers utoipa makes of `Vec<u8>`.
    for path in [
        "/v1/orders/{order_id}/captures/{capture_id}/invoice.pdf",
        "/v1/orders/{order_id}/refunds/{refund_id}/credit-note.pdf",
    ] {
        let content = &mut doc["paths"][path]["get"]["responses"]["200"]["content"];
        if content.is_object() {
            content["application/pdf"]["schema"] = json!({"type": "string", "format": "binary"});
        }
    }
    links(doc);
}

/// create → get/capture/PATCH/cancel/…, capture → get capture / refund, refund → get refund:
/// the stateful phase of schemathesis (and client generators) follow these.
fn links(doc: &mut Value) {
    let order = json!({"order_id": "$response.body#/order_id"});
    let same_order = json!({"order_id": "$request.path.order_id"});
    let mut create = Map::new();
    for (name, op) in [
        ("GetOrder", "getOrder"),
        ("CaptureOrder", "captureOrder"),
        ("ListCaptures", "listCaptures"),
        ("UpdateAuthorization", "updateAuthorization"),
        ("CancelOrder", "cancelOrder"),
        (
            "ReleaseRemainingAuthorization",
            "releaseRemainingAuthorization",
        ),
        ("ExtendAuthorizationTime", "extendAuthorizationTime"),
    ] {
        create.insert(name.into(), json!({"operationId": op, "parameters": order}));
    }
    set_links(doc, "/v1/orders", "post", "201", Value::Object(create));
    set_links(
        doc,
        "/v1/orders/{order_id}/captures",
        "post",
        "201",
        json!({
            "GetCapture": {"operationId": "getCapture", "parameters": {
                "order_id": "$request.path.order_id", "capture_id": "$response.body#/capture_id"}},
            "GetInvoicePdf": {"operationId": "getInvoicePdf", "parameters": {
                "order_id": "$request.path.order_id", "capture_id": "$response.body#/capture_id"}},
            "RefundOrder": {"operationId": "refundOrder", "parameters": same_order},
            "GetOrder": {"operationId": "getOrder", "parameters": same_order},
        }),
    );
    set_links(
        doc,
        "/v1/batches",
        "post",
        "202",
        json!({
            "GetBatch": {"operationId": "getBatch", "parameters": {"batch_id": "$response.body#/batch_id"}},
            "GetBatchResults": {"operationId": "getBatchResults", "parameters": {"batch_id": "$response.body#/batch_id"}},
        }),
    );
    set_links(
        doc,
        "/v1/orders/{order_id}/refunds",
        "post",
        "201",
        json!({
            "GetRefund": {"operationId": "getRefund", "parameters": {
                "order_id": "$request.path.order_id", "refund_id": "$response.body#/refund_id"}},
            "GetCreditNotePdf": {"operationId": "getCreditNotePdf", "parameters": {
                "order_id": "$request.path.order_id", "refund_id": "$response.body#/refund_id"}},
            "GetOrder": {"operationId": "getOrder", "parameters": same_order},
        }),
    );
}

fn set_links(doc: &mut Value, path: &str, method: &str, status: &str, links: Value) {
    let response = &mut doc["paths"][path][method]["responses"][status];
    if response.is_object() {
        response["links"] = links;
    }
}

/// Every plain string property of a request type gets the text rule.
fn text_everywhere(schemas: &mut Value) {
    let requests = [
        "CreateOrderRequest",
        "CustomerInput",
        "AddressInput",
        "OrderLine",
        "CaptureRequest",
        "RefundRequest",
        "UpdateAuthorizationRequest",
        "ShippingInfo",
    ];
    for name in requests {
        for (_, prop) in schemas[name]["properties"]
            .as_object_mut()
            .into_iter()
            .flatten()
        {
            let is_string = prop["type"] == "string"
                || prop["type"]
                    .as_array()
                    .is_some_and(|t| t.contains(&json!("string")));
            if is_string && prop.get("enum").is_none() && prop.get("format").is_none() {
                prop["pattern"] = json!(TEXT);
            }
        }
    }
}

/// `prop` of `schema`, made non-null and required.
fn required(schemas: &mut Value, schema: &str, prop: &str) {
    let s = &mut schemas[schema];
    let p = &mut s["properties"][prop];
    if let Some(types) = p["type"].as_array() {
        let kept: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        p["type"] = if kept.len() == 1 {
            kept[0].clone()
        } else {
            Value::Array(kept)
        };
    }
    if let Some(one_of) = p["oneOf"].as_array() {
        if let Some(r) = one_of.iter().find(|v| v.get("$ref").is_some()).cloned() {
            *p = r;
        }
    }
    let list = s["required"].as_array().cloned().unwrap_or_default();
    if !list.contains(&json!(prop)) {
        let mut list = list;
        list.push(json!(prop));
        s["required"] = Value::Array(list);
    }
}

/// Sets each `key: value` of `rules` on property `prop` of `schema` (`null` removes the key).
fn set(schemas: &mut Value, schema: &str, prop: &str, rules: Value) {
    let p = &mut schemas[schema]["properties"][prop];
    for (k, v) in rules.as_object().into_iter().flatten() {
        match (v.is_null(), p.as_object_mut()) {
            (true, Some(obj)) => {
                obj.remove(k);
            }
            _ => p[k] = v.clone(),
        }
    }
}

fn orders(s: &mut Value) {
    for prop in [
        "purchase_country",
        "purchase_currency",
        "order_amount",
        "order_tax_amount",
        "order_lines",
        "customer",
    ] {
        required(s, "CreateOrderRequest", prop);
    }
    set(
        s,
        "CreateOrderRequest",
        "purchase_country",
        json!({"enum": ["SE", "NO", "FI", "DK"]}),
    );
    set(
        s,
        "CreateOrderRequest",
        "purchase_currency",
        json!({"enum": ["SEK", "NOK", "DKK", "EUR"]}),
    );
    set(
        s,
        "CreateOrderRequest",
        "locale",
        json!({"pattern": "^[A-Za-z0-9-]{0,16}$"}),
    );
    set(
        s,
        "CreateOrderRequest",
        "order_amount",
        json!({"minimum": 1, "maximum": I64_MAX}),
    );
    set(
        s,
        "CreateOrderRequest",
        "order_tax_amount",
        json!({"minimum": i64::MIN, "maximum": I64_MAX}),
    );
    set(
        s,
        "CreateOrderRequest",
        "order_lines",
        json!({"minItems": 1, "maxItems": MAX_LINES}),
    );
    for r in ["merchant_reference1", "merchant_reference2"] {
        set(
            s,
            "CreateOrderRequest",
            r,
            json!({"maxLength": MAX_TEXT_CHARS}),
        );
    }
    set(
        s,
        "CreateOrderRequest",
        "payment_method",
        json!({"type": ["string", "null"], "enum": ["invoice", null], "pattern": null}),
    );
    set(
        s,
        "CreateOrderRequest",
        "customer_ip",
        json!({"type": ["string", "null"], "pattern": null,
               "anyOf": [{"format": "ipv4"}, {"format": "ipv6"}, {"const": ""}, {"type": "null"}]}),
    );
    required(s, "CustomerInput", "national_identification_number");
    set(
        s,
        "CustomerInput",
        "national_identification_number",
        json!({"minLength": 1, "maxLength": 32}),
    );
    set(
        s,
        "CustomerInput",
        "email",
        json!({"pattern": EMAIL, "maxLength": 254}),
    );
    set(s, "CustomerInput", "phone", json!({"maxLength": 32}));
    for name in ["given_name", "family_name"] {
        set(
            s,
            "AddressInput",
            name,
            json!({"maxLength": MAX_PERSON_NAME_CHARS}),
        );
    }
    for line in ["street_address", "street_address2"] {
        set(
            s,
            "AddressInput",
            line,
            json!({"maxLength": app::customers::MAX_ADDRESS_LINE_CHARS}),
        );
    }
    set(
        s,
        "AddressInput",
        "city",
        json!({"maxLength": app::customers::MAX_CITY_CHARS}),
    );
    set(s, "AddressInput", "postal_code", json!({"maxLength": 10}));
    set(
        s,
        "AddressInput",
        "country",
        json!({"enum": ["SE", "NO", "FI", "DK", "DE", null], "pattern": null}),
    );
}

fn lines(s: &mut Value) {
    set(
        s,
        "OrderLine",
        "name",
        json!({"minLength": 1, "maxLength": MAX_NAME_CHARS, "pattern": NON_BLANK_TEXT}),
    );
    set(
        s,
        "OrderLine",
        "reference",
        json!({"maxLength": MAX_REFERENCE_CHARS}),
    );
    set(
        s,
        "OrderLine",
        "quantity_unit",
        json!({"maxLength": MAX_QUANTITY_UNIT_CHARS}),
    );
    set(
        s,
        "OrderLine",
        "quantity",
        json!({"minimum": 0, "maximum": MAX_QUANTITY}),
    );
    set(
        s,
        "OrderLine",
        "tax_rate",
        json!({"minimum": 0, "maximum": MAX_TAX_RATE}),
    );
    set(
        s,
        "OrderLine",
        "total_discount_amount",
        json!({"minimum": 0, "maximum": MAX_DISCOUNT}),
    );
    for amount in ["unit_price", "total_amount", "total_tax_amount"] {
        set(
            s,
            "OrderLine",
            amount,
            json!({"minimum": i64::MIN, "maximum": I64_MAX}),
        );
    }
}

fn captures_refunds_updates(s: &mut Value) {
    for (schema, amount) in [
        ("CaptureRequest", "captured_amount"),
        ("RefundRequest", "refunded_amount"),
    ] {
        required(s, schema, amount);
        set(s, schema, amount, json!({"minimum": 1, "maximum": I64_MAX}));
        for text in ["description", "reference"] {
            set(s, schema, text, json!({"maxLength": MAX_TEXT_CHARS}));
        }
    }
    set(
        s,
        "CaptureRequest",
        "shipping_info",
        json!({"maxItems": 500}),
    );
    required(s, "UpdateAuthorizationRequest", "order_amount");
    required(s, "UpdateAuthorizationRequest", "order_lines");
    set(
        s,
        "UpdateAuthorizationRequest",
        "order_amount",
        json!({"minimum": 1, "maximum": I64_MAX}),
    );
    set(
        s,
        "UpdateAuthorizationRequest",
        "order_lines",
        json!({"minItems": 1, "maxItems": MAX_LINES}),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_pattern_is_the_servers_rule() {
        // The pattern's character class lists exactly what `app::text` refuses.
        for c in [
            '\u{0}', '\u{8}', '\u{b}', '\u{c}', '\u{e}', '\u{1f}', '\u{7f}', '\u{9f}',
        ] {
            assert!(app::text::is_forbidden(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', ' ', '\u{a0}', 'Å', '😀'] {
            assert!(!app::text::is_forbidden(c), "{c:?}");
        }
        assert!(TEXT.contains("\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F"));
    }
}
