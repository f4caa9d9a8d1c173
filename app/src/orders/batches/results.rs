//! A batch's row results as CSV, the download both the REST API
//! (`GET /v1/batches/{id}/results.csv`) and the portal offer.

use super::types::BatchRow;

/// The header line's fields.
pub const HEADER: &str =
    "row_no,key,status,error_code,error_message,order_id,capture_id,invoice_number";

/// The CSV text of `rows` (fields quoted when they need it, RFC 4180; CRLF line ends).
pub fn results_csv(rows: &[BatchRow]) -> String {
    let mut out = format!("{HEADER}\r\n");
    for row in rows {
        let result = row.result.clone().unwrap_or_default();
        let fields = [
            row.row_no.to_string(),
            row.key.clone(),
            row.status.as_str().to_string(),
            row.error_code.clone().unwrap_or_default(),
            row.error_message.clone().unwrap_or_default(),
            result.order_id.map(|id| id.to_string()).unwrap_or_default(),
            result
                .capture_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            result
                .invoice_number
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| quote(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The download's file name.
pub fn file_name(batch_id: uuid::Uuid) -> String {
    format!("batch-{batch_id}-results.csv")
}

/// Whether a spreadsheet could read `field` as a formula: it starts with `=`, `+`, `-` or `@`
/// after any leading whitespace (spreadsheets skip it), or with a tab or carriage return
/// (which some treat as the start of a new cell).
fn formula_like(field: &str) -> bool {
    field.starts_with(['\t', '\r'])
        || field
            .trim_start_matches([' ', '\t', '\r', '\n'])
            .starts_with(['=', '+', '-', '@'])
}

/// A CSV field; a formula-like one (see [`formula_like`]) is prefixed with `'` so a
/// spreadsheet never runs a merchant-supplied key as a formula.
fn quote(field: &str) -> String {
    let field = if formula_like(field) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::batches::types::{RowResult, RowStatus};

    #[test]
    fn rows_are_quoted_and_formulas_defused() {
        let rows = vec![
            BatchRow {
                row_no: 1,
                key: "=cmd".into(),
                status: RowStatus::Error,
                error_code: Some("CAPTURE_NOT_ALLOWED".into()),
                error_message: Some("more than remains, \"really\"".into()),
                result: None,
            },
            BatchRow {
                row_no: 2,
                key: "2".into(),
                status: RowStatus::Ok,
                error_code: None,
                error_message: None,
                result: Some(RowResult {
                    order_id: Some(uuid::Uuid::nil()),
                    capture_id: None,
                    invoice_number: Some(1000001),
                }),
            },
        ];
        let text = results_csv(&rows);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], HEADER);
        assert_eq!(
            lines[1],
            "1,'=cmd,error,CAPTURE_NOT_ALLOWED,\"more than remains, \"\"really\"\"\",,,"
        );
        assert_eq!(
            lines[2],
            "2,2,ok,,,00000000-0000-0000-0000-000000000000,,1000001"
        );
    }

    #[test]
    fn formulas_behind_whitespace_tab_or_cr_are_defused() {
        for (key, out) in [
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "\"'\r=1+1\""),
            ("  =HYPERLINK(1)", "'  =HYPERLINK(1)"),
            (" \t+cmd", "' \t+cmd"),
            ("\n@x", "\"'\n@x\""),
            ("\tplain", "'\tplain"),
            ("a=b", "a=b"),
            (" plain", " plain"),
        ] {
            assert_eq!(quote(key), out, "{key:?}");
        }
    }
}
