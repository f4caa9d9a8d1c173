//! Reading an uploaded batch file into rows, all or nothing: captures as CSV
//! (`order_id,captured_amount,reference[,key]`, RFC 4180 quoting, read by
//! [`crate::csv_file`]) or JSON-Lines, new orders as
//! JSON-Lines of `CreateOrderRequest` objects. Any malformed line refuses the whole file, with
//! every problem named by line and column, so a merchant never has half a file imported.
//!
//! Only the shape is checked here; what the order services decide (an order that does not
//! exist, an amount above what remains, a failing order field) is each row's own result.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::types::{BatchFormat, BatchKind};
use super::{BatchError, MAX_PROBLEMS, MAX_ROWS};
use crate::csv_file::{self, Field, Record};
use crate::orders::error::FieldProblem;
use crate::orders::types::CreateOrderRequest;

/// Longest row key (the service key `batch:<uuid>:<key>` must stay within 255 characters).
pub const MAX_KEY: usize = 200;
/// Longest capture reference (as in the capture API).
const MAX_REFERENCE: usize = 255;

/// One row of a file, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRow {
    /// 1-based position among the rows.
    pub row_no: i32,
    /// The merchant's key, or the row number as text when none was given.
    pub key: String,
    /// What the row asks for, as stored (a [`CaptureInput`] or a `CreateOrderRequest` object).
    pub input: serde_json::Value,
}

/// The input of one capture row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptureInput {
    /// The order to capture.
    pub order_id: uuid::Uuid,
    /// Minor units incl. VAT.
    pub captured_amount: i64,
    /// The merchant's reference for the capture (shown on the invoice).
    #[serde(default)]
    pub reference: String,
}

/// Problems found so far; the file is refused when there is any.
#[derive(Default)]
struct Problems {
    found: Vec<(usize, usize, FieldProblem)>,
}

impl Problems {
    fn add(&mut self, line: usize, column: usize, code: &str, message: impl Into<String>) {
        let at = format!("line {line}, column {column}");
        let message = format!("{at}: {}", message.into());
        self.found
            .push((line, column, FieldProblem::new(at, code, message)));
    }

    /// `value`, or the first [`MAX_PROBLEMS`] problems in file order.
    fn finish<T>(mut self, value: T) -> Result<T, BatchError> {
        if self.found.is_empty() {
            return Ok(value);
        }
        self.found.sort_by_key(|(line, column, _)| (*line, *column));
        Err(BatchError::Malformed {
            total: self.found.len(),
            problems: self
                .found
                .into_iter()
                .take(MAX_PROBLEMS)
                .map(|(_, _, p)| p)
                .collect(),
        })
    }
}

/// Parses `bytes` as a file of `kind` rows written in `format`.
pub fn parse(
    kind: BatchKind,
    format: BatchFormat,
    bytes: &[u8],
) -> Result<Vec<ParsedRow>, BatchError> {
    if kind == BatchKind::Orders && format == BatchFormat::Csv {
        return Err(BatchError::Unsupported(
            "orders batches must be JSON-Lines (one CreateOrderRequest object per line, \
             Content-Type application/x-ndjson); CSV is supported for captures only"
                .into(),
        ));
    }
    let text = utf8(bytes)?;
    let mut problems = Problems::default();
    control_chars(text, &mut problems);
    let rows = match (kind, format) {
        (BatchKind::Captures, BatchFormat::Csv) => captures_csv(text, &mut problems),
        (BatchKind::Captures, BatchFormat::Jsonl) => jsonl(text, &mut problems, capture_line),
        (BatchKind::Orders, _) => jsonl(text, &mut problems, order_line),
    };
    if problems.found.is_empty() && rows.is_empty() {
        problems.add(1, 1, "EMPTY_FILE", "the file has no rows");
    }
    if rows.len() > MAX_ROWS {
        problems.add(
            1,
            1,
            "TOO_MANY_ROWS",
            format!("at most {MAX_ROWS} rows per file, got {}", rows.len()),
        );
    }
    check_keys(&rows, &mut problems);
    problems.finish(rows.into_iter().map(|(_, row)| row).collect())
}

/// Control characters written as themselves (NUL, ESC, …; see `crate::text`), by line and
/// column. Escaped ones inside JSON strings are found per row in [`jsonl`].
fn control_chars(text: &str, problems: &mut Problems) {
    for (i, line) in text.split('\n').enumerate() {
        for (column, c) in line.chars().enumerate() {
            if crate::text::is_forbidden(c) {
                problems.add(
                    i + 1,
                    column + 1,
                    "CONTROL_CHARACTER",
                    format!(
                        "the control character {} is not allowed in a batch file",
                        crate::text::code_point(c)
                    ),
                );
            }
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, BatchError> {
    csv_file::utf8(bytes).map_err(|e| {
        let mut p = Problems::default();
        p.add(e.line, e.column, "NOT_UTF8", "the file must be UTF-8");
        match p.finish(()) {
            Err(e) => e,
            Ok(()) => BatchError::Unsupported("the file must be UTF-8".into()),
        }
    })
}

/// Effective keys (the merchant's or the row number) must be unique within the file.
fn check_keys(rows: &[(usize, ParsedRow)], problems: &mut Problems) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (line, row) in rows {
        if let Some(first) = seen.insert(row.key.as_str(), *line) {
            problems.add(
                *line,
                1,
                "DUPLICATE_KEY",
                format!(
                    "row key {:?} is also the key of the row on line {first}",
                    row.key
                ),
            );
        }
    }
}

/// A row's key: the given one (trimmed), or the row number.
fn key_of(given: Option<&str>, row_no: i32) -> String {
    match given.map(str::trim) {
        Some(k) if !k.is_empty() => k.to_string(),
        _ => row_no.to_string(),
    }
}

fn row_no(rows: usize) -> i32 {
    i32::try_from(rows + 1).unwrap_or(i32::MAX)
}

// ---------------------------------------------------------------------------------------------
// CSV

/// The file's CSV records; each malformed one is reported and dropped.
fn records(text: &str, problems: &mut Problems) -> Vec<Record> {
    let mut out = Vec::new();
    for record in csv_file::records(text) {
        match record {
            Ok(record) => out.push(record),
            Err(e) => problems.add(e.line, e.column, "CSV_SYNTAX", e.message),
        }
    }
    out
}

/// The columns of a captures CSV.
#[derive(Clone, Copy, PartialEq)]
enum Column {
    OrderId,
    Amount,
    Reference,
    Key,
}

const HEADER_HELP: &str = "the first line must be the header order_id,captured_amount,reference \
                           (optionally followed by ,key)";

fn header(record: &Record, problems: &mut Problems) -> Option<Vec<Column>> {
    let mut columns = Vec::new();
    for Field {
        column: col,
        value: name,
        ..
    } in &record.fields
    {
        let column = match name.trim().to_ascii_lowercase().as_str() {
            "order_id" => Column::OrderId,
            "captured_amount" => Column::Amount,
            "reference" => Column::Reference,
            "key" => Column::Key,
            other => {
                problems.add(
                    record.line,
                    *col,
                    "BAD_HEADER",
                    format!("unknown column {other:?}; {HEADER_HELP}"),
                );
                return None;
            }
        };
        if columns.contains(&column) {
            problems.add(
                record.line,
                *col,
                "BAD_HEADER",
                format!("column {name:?} twice"),
            );
            return None;
        }
        columns.push(column);
    }
    for needed in [Column::OrderId, Column::Amount, Column::Reference] {
        if !columns.contains(&needed) {
            problems.add(record.line, 1, "BAD_HEADER", HEADER_HELP);
            return None;
        }
    }
    Some(columns)
}

fn captures_csv(text: &str, problems: &mut Problems) -> Vec<(usize, ParsedRow)> {
    let records = records(text, problems);
    let mut records = records.into_iter();
    let Some(first) = records.next() else {
        return Vec::new();
    };
    let Some(columns) = header(&first, problems) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for record in records {
        if record.fields.len() != columns.len() {
            let col = record
                .fields
                .get(columns.len())
                .or(record.fields.last())
                .map_or(1, |f| f.column);
            problems.add(
                record.line,
                col,
                "WRONG_FIELD_COUNT",
                format!(
                    "expected {} fields as in the header, got {}",
                    columns.len(),
                    record.fields.len()
                ),
            );
            continue;
        }
        let mut order_id = None;
        let mut amount = None;
        let mut reference = String::new();
        let mut key = None;
        for (column, field) in columns.iter().zip(&record.fields) {
            let (value, at) = (&field.value, (field.line, field.column));
            match column {
                Column::OrderId => order_id = uuid_field(value, at, problems),
                Column::Amount => amount = amount_field(value, at, problems),
                Column::Reference => reference = text_field(value, "reference", at, problems),
                Column::Key => key = Some(text_field(value, "key", at, problems)),
            }
        }
        let n = row_no(rows.len());
        if let (Some(order_id), Some(captured_amount)) = (order_id, amount) {
            let input = CaptureInput {
                order_id,
                captured_amount,
                reference,
            };
            rows.push((
                record.line,
                ParsedRow {
                    row_no: n,
                    key: key_of(key.as_deref(), n),
                    input: serde_json::to_value(&input).unwrap_or_default(),
                },
            ));
        } else {
            // Keep the numbering of later rows as the merchant counts them.
            rows.push((
                record.line,
                ParsedRow {
                    row_no: n,
                    key: format!("\u{0}invalid:{n}"),
                    input: serde_json::Value::Null,
                },
            ));
        }
    }
    rows
}

fn uuid_field(value: &str, at: (usize, usize), problems: &mut Problems) -> Option<uuid::Uuid> {
    match uuid::Uuid::parse_str(value.trim()) {
        Ok(id) => Some(id),
        Err(_) => {
            problems.add(
                at.0,
                at.1,
                "BAD_ORDER_ID",
                format!("order_id must be an order id (a UUID), got {value:?}"),
            );
            None
        }
    }
}

fn amount_field(value: &str, at: (usize, usize), problems: &mut Problems) -> Option<i64> {
    let v = value.trim();
    let parsed = if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        v.parse::<i64>().ok()
    } else {
        None
    };
    match parsed {
        Some(a) if a > 0 => Some(a),
        _ => {
            problems.add(
                at.0,
                at.1,
                "BAD_AMOUNT",
                format!(
                    "captured_amount must be a whole number of minor units (öre, cents) \
                     greater than 0, got {value:?}"
                ),
            );
            None
        }
    }
}

fn text_field(value: &str, name: &str, at: (usize, usize), problems: &mut Problems) -> String {
    let max = if name == "key" {
        MAX_KEY
    } else {
        MAX_REFERENCE
    };
    if value.chars().count() > max {
        problems.add(
            at.0,
            at.1,
            "TOO_LONG",
            format!("{name} is longer than {max} characters"),
        );
    }
    value.to_string()
}

// ---------------------------------------------------------------------------------------------
// JSON-Lines

/// A parsed line: its key (if given) and its stored input.
type LineResult = Result<(Option<String>, serde_json::Value), (usize, String)>;

fn jsonl(
    text: &str,
    problems: &mut Problems,
    line_of: fn(&str) -> LineResult,
) -> Vec<(usize, ParsedRow)> {
    let mut rows = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        let n = row_no(rows.len());
        let (key, input) = match line_of(line) {
            Ok(parsed) => {
                for (path, c) in crate::text::json_problems(&parsed.1) {
                    problems.add(
                        i + 1,
                        1,
                        "CONTROL_CHARACTER",
                        crate::text::message(&path, c),
                    );
                }
                parsed
            }
            Err((column, message)) => {
                problems.add(i + 1, column, "BAD_JSON", message);
                (Some(format!("\u{0}invalid:{n}")), serde_json::Value::Null)
            }
        };
        if let Some(k) = &key {
            if let Some(c) = crate::text::forbidden_char(k).filter(|_| !input.is_null()) {
                problems.add(
                    i + 1,
                    1,
                    "CONTROL_CHARACTER",
                    crate::text::message("key", c),
                );
            }
            if k.chars().count() > MAX_KEY {
                problems.add(
                    i + 1,
                    1,
                    "TOO_LONG",
                    format!("key is longer than {MAX_KEY} characters"),
                );
            }
        }
        rows.push((
            i + 1,
            ParsedRow {
                row_no: n,
                key: key_of(key.as_deref(), n),
                input,
            },
        ));
    }
    rows
}

/// serde_json's message without its " at line 1 column N" suffix (the caller names the place).
fn json_error(e: &serde_json::Error) -> (usize, String) {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    (e.column().max(1), message)
}

/// The line as a JSON object with its optional `key` taken out.
fn object_and_key(line: &str) -> LineResult {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| json_error(&e))?;
    let serde_json::Value::Object(mut object) = value else {
        return Err((1, "each line must be one JSON object".into()));
    };
    let key = match object.remove("key") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(k)) => Some(k),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(_) => return Err((1, "key must be a string".into())),
    };
    Ok((key, serde_json::Value::Object(object)))
}

fn order_line(line: &str) -> LineResult {
    let (key, object) = object_and_key(line)?;
    // Type errors are found on the text so that they carry their column.
    serde_json::from_str::<CreateOrderRequest>(line).map_err(|e| json_error(&e))?;
    Ok((key, object))
}

fn capture_line(line: &str) -> LineResult {
    let (key, object) = object_and_key(line)?;
    let input: CaptureInput = serde_json::from_value(object).map_err(|e| (1, e.to_string()))?;
    if input.captured_amount <= 0 {
        return Err((1, "captured_amount must be greater than 0".into()));
    }
    if input.reference.chars().count() > MAX_REFERENCE {
        return Err((1, "reference is longer than 255 characters".into()));
    }
    let input = serde_json::to_value(&input).map_err(|e| (1, e.to_string()))?;
    Ok((key, input))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(e: BatchError) -> Vec<String> {
        match e {
            BatchError::Malformed { problems, .. } => {
                problems.into_iter().map(|p| p.message).collect()
            }
            other => panic!("{other}"),
        }
    }

    const ID: &str = "6f0c2a8e-3c55-4a4e-9a49-5f1f0f6f2d11";

    #[test]
    fn captures_csv_with_quotes_keys_and_crlf() {
        let csv = format!(
            "\u{feff}order_id,captured_amount,reference,key\r\n{ID},1000,\"a, \"\"b\"\"\",k1\r\n\r\n{ID},5,x,\n"
        );
        let rows = parse(BatchKind::Captures, BatchFormat::Csv, csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].key, "k1");
        assert_eq!(rows[0].input["reference"], "a, \"b\"");
        assert_eq!(rows[0].input["captured_amount"], 1000);
        assert_eq!(rows[1].key, "2");
        assert_eq!(rows[1].row_no, 2);
    }

    #[test]
    fn every_bad_line_is_named_and_nothing_is_imported() {
        let csv = format!(
            "order_id,captured_amount,reference\n{ID},10,ok\nnope,10,x\n{ID},12.50,x\n{ID},1\n{ID},1,\"open\n"
        );
        let p = problems(parse(BatchKind::Captures, BatchFormat::Csv, csv.as_bytes()).unwrap_err());
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p[0].starts_with("line 3, column 1:"), "{p:?}");
        assert!(p[1].starts_with("line 4, column 38:"), "{p:?}");
        assert!(p[2].starts_with("line 5,"), "{p:?}");
        assert!(p[3].contains("never closed"), "{p:?}");
    }

    #[test]
    fn quoted_commas_quotes_and_line_breaks_and_an_unclosed_quote() {
        let csv = format!(
            "order_id,captured_amount,reference\n{ID},10,\"one, \"\"two\"\"\nthree\"\n{ID},x,ok\n"
        );
        let p = problems(parse(BatchKind::Captures, BatchFormat::Csv, csv.as_bytes()).unwrap_err());
        // The record with the quoted line break takes lines 2 and 3; the bad amount is on 4.
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].starts_with("line 4, column 38:"), "{p:?}");
        let csv =
            format!("order_id,captured_amount,reference\n{ID},10,\"one, \"\"two\"\"\nthree\"\n");
        let rows = parse(BatchKind::Captures, BatchFormat::Csv, csv.as_bytes()).unwrap();
        assert_eq!(rows[0].input["reference"], "one, \"two\"\nthree");
        let csv =
            format!("order_id,captured_amount,reference\n{ID},10,a\n{ID},10,\"open\n{ID},10,b\n");
        let p = problems(parse(BatchKind::Captures, BatchFormat::Csv, csv.as_bytes()).unwrap_err());
        assert_eq!(
            p,
            vec!["line 3, column 41: a quoted field is never closed".to_string()]
        );
    }

    #[test]
    fn header_and_keys_are_checked() {
        let p =
            problems(parse(BatchKind::Captures, BatchFormat::Csv, b"order,amount\n").unwrap_err());
        assert!(p[0].contains("header"), "{p:?}");
        let csv = format!("order_id,captured_amount,reference,key\n{ID},1,a,x\n{ID},1,b,x\n");
        let p = problems(parse(BatchKind::Captures, BatchFormat::Csv, csv.as_bytes()).unwrap_err());
        assert!(
            p[0].starts_with("line 3,") && p[0].contains("line 2"),
            "{p:?}"
        );
        let p = problems(parse(BatchKind::Captures, BatchFormat::Csv, b"").unwrap_err());
        assert!(p[0].contains("no rows"), "{p:?}");
    }

    #[test]
    fn control_characters_are_named_by_line_and_column() {
        // Raw NUL and ESC in a CSV, an escaped NUL in JSON-Lines (in a line name and the key).
        let csv = format!("order_id,captured_amount,reference\n{ID},10,a\u{0}b\n{ID},10,\u{1b}\n");
        let p = problems(parse(BatchKind::Captures, BatchFormat::Csv, csv.as_bytes()).unwrap_err());
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p[0].starts_with("line 2, column 42:") && p[0].contains("U+0000"),
            "{p:?}"
        );
        assert!(
            p[1].starts_with("line 3, column 41:") && p[1].contains("U+001B"),
            "{p:?}"
        );
        let jsonl = "{\"order_lines\": [{\"name\": \"a\\u0000\", \"quantity\": 1, \"unit_price\": 1, \"total_amount\": 1}], \"key\": \"k\\u0007\"}\n";
        let p =
            problems(parse(BatchKind::Orders, BatchFormat::Jsonl, jsonl.as_bytes()).unwrap_err());
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p
            .iter()
            .any(|m| m.contains("order_lines[0].name") && m.contains("U+0000")));
        assert!(p.iter().any(|m| m.contains("key") && m.contains("U+0007")));
        // Tabs and CRLF stay allowed.
        let csv = format!("order_id,captured_amount,reference\r\n{ID},10,a\tb\r\n");
        assert!(parse(BatchKind::Captures, BatchFormat::Csv, csv.as_bytes()).is_ok());
    }

    #[test]
    fn problems_are_capped() {
        let mut csv = String::from("order_id,captured_amount,reference\n");
        for _ in 0..80 {
            csv.push_str("x,1,a\n");
        }
        match parse(BatchKind::Captures, BatchFormat::Csv, csv.as_bytes()).unwrap_err() {
            BatchError::Malformed { total, problems } => {
                assert_eq!((total, problems.len()), (80, MAX_PROBLEMS));
            }
            other => panic!("{other}"),
        }
    }

    #[test]
    fn orders_are_json_lines_only() {
        let e = parse(BatchKind::Orders, BatchFormat::Csv, b"a,b\n").unwrap_err();
        assert_eq!(e.code(), "BATCH_FORMAT_UNSUPPORTED");
        let jsonl = "{\"order_amount\": 100, \"key\": \"o-1\"}\n\n{\"order_amount\": \"x\"}\n[1]\n";
        let p =
            problems(parse(BatchKind::Orders, BatchFormat::Jsonl, jsonl.as_bytes()).unwrap_err());
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("line 3, column 20:"), "{p:?}");
        assert!(p[1].starts_with("line 4,"), "{p:?}");
        let rows = parse(
            BatchKind::Orders,
            BatchFormat::Jsonl,
            b"{\"order_amount\": 100, \"key\": \"o-1\"}\n",
        )
        .unwrap();
        assert_eq!(rows[0].key, "o-1");
        assert!(rows[0].input.get("key").is_none());
    }
}
