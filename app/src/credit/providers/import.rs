//! Loading the registry from CSV (`server import-registry file.csv`): every row validated
//! first, then all rows upserted in one transaction with one audit record — a file with one
//! bad line changes nothing, and importing the same file again changes nothing either.
//!
//! The file is UTF-8 CSV with this header row, exactly:
//!
//! ```text
//! country,national_id,given_name,family_name,street,postal_code,city,score,risk_class
//! ```
//!
//! `country` is SE, NO, FI or DK; `national_id` any form [`NationalId::parse`] accepts (stored
//! normalized); `score` an integer 0–1000; `risk_class` one of A–E; names and address parts
//! one line each, without control characters. Fields may be quoted with `"` (RFC 4180, read by
//! [`crate::csv_file`]: a doubled `""` inside is a quote; a malformed quote is a `row` error
//! naming its line). Rows absent from the file are left alone: an import adds and corrects
//! people, it never deletes them.

use chrono::NaiveDate;
use diesel::sql_types::{Array, Bool, Int4, Text};
use diesel_async::RunQueryDsl;
use serde_json::json;
use std::collections::HashMap;
use tokio::io::AsyncRead;

use super::{country_code, registry_country, RiskClass, MAX_SCORE};
pub use crate::csv_file::RowError;
use crate::csv_file::{self, Record};
use crate::customers::national_id::NationalId;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, Kdb, KdbError, Retryable, ScopedFutureExt};

/// The header every registry file starts with.
pub const REGISTRY_HEADER: &str =
    "country,national_id,given_name,family_name,street,postal_code,city,score,risk_class";

/// Rows per INSERT statement: keeps each statement's arrays a sensible size.
const BATCH: usize = 1000;

/// Longest text accepted in a name or address field.
const MAX_FIELD: usize = 200;

/// Row errors reported at most; past this the file is clearly the wrong one.
const MAX_ROW_ERRORS: usize = 50;

/// Largest file read, in MiB (about two million people). The file is validated whole before
/// anything is written, so it is held in memory.
pub const MAX_FILE_MIB: usize = 256;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// Data rows in the file.
    pub rows: usize,
    /// People new to the registry.
    pub inserted: usize,
    /// People whose data changed.
    pub updated: usize,
    /// People already registered exactly so.
    pub unchanged: usize,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The first line is not [`REGISTRY_HEADER`].
    #[error("line 1: the header must be `{REGISTRY_HEADER}`")]
    Header,
    /// The file could not be read (or is not UTF-8) at this line.
    #[error("line {line}: cannot read: {message}")]
    Read {
        /// Line number.
        line: usize,
        /// The reader's error.
        message: String,
    },
    /// The file is larger than [`MAX_FILE_MIB`].
    #[error("the file is larger than {max_mib} MiB")]
    TooLarge {
        /// The limit.
        max_mib: usize,
    },
    /// Rows failed validation (at most the first [`MAX_ROW_ERRORS`] are listed).
    #[error("{}", crate::csv_file::invalid_summary(.0))]
    Invalid(Vec<RowError>),
    /// Database failure.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl From<crate::csv_file::ReadError> for ImportError {
    fn from(e: crate::csv_file::ReadError) -> Self {
        match e {
            crate::csv_file::ReadError::Io(e) => ImportError::Read {
                line: 0,
                message: e.to_string(),
            },
            crate::csv_file::ReadError::TooLarge { max_mib } => ImportError::TooLarge { max_mib },
        }
    }
}

impl From<crate::csv_file::NotUtf8> for ImportError {
    fn from(e: crate::csv_file::NotUtf8) -> Self {
        ImportError::Read {
            line: e.line,
            message: format!("not UTF-8 (character {})", e.column),
        }
    }
}

impl Retryable for ImportError {
    fn is_retryable(&self) -> bool {
        matches!(self, ImportError::Db(e) if e.is_retryable())
    }
}

/// One validated row, in column order.
#[derive(Debug, Default)]
struct Columns {
    country: Vec<String>,
    national_id: Vec<String>,
    given_name: Vec<String>,
    family_name: Vec<String>,
    street: Vec<String>,
    postal_code: Vec<String>,
    city: Vec<String>,
    score: Vec<i32>,
    risk_class: Vec<String>,
}

/// Reads, validates and imports a registry file; see the module docs. `today` (the business
/// date) is what national ids are checked against.
pub async fn import_registry_csv<R: AsyncRead + Unpin>(
    kdb: &Kdb,
    ctx: &Ctx,
    today: NaiveDate,
    reader: R,
) -> Result<ImportReport, ImportError> {
    let bytes = csv_file::read_whole(reader, MAX_FILE_MIB).await?;
    let batches = validate(&bytes, today)?;
    let rows = batches.iter().map(|b| b.country.len()).sum();
    let batches = &batches;
    kdb.write(|conn| async move { import_inner(conn, ctx, rows, batches).await }.scope_boxed())
        .await
}

/// Parses every record, collecting row errors instead of stopping at the first, so one run
/// shows the person fixing the file everything that is wrong.
fn validate(bytes: &[u8], today: NaiveDate) -> Result<Vec<Columns>, ImportError> {
    let text = csv_file::utf8(bytes)?;
    let mut records = csv_file::records(text);
    if !records.header_is(REGISTRY_HEADER) {
        return Err(ImportError::Header);
    }
    let mut errors = Vec::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut batches = vec![Columns::default()];
    for record in records {
        let parsed = record
            .map_err(RowError::from)
            .and_then(|r| person(&r, today).map(|row| (r.line, row)));
        match parsed {
            Ok((line, row)) => {
                let key = (row[0].clone(), row[1].clone());
                if let Some(first) = seen.insert(key, line) {
                    errors.push(RowError {
                        line,
                        column: "national_id",
                        message: format!("same person as line {first}"),
                    });
                    continue;
                }
                push_row(&mut batches, row);
            }
            Err(e) => errors.push(e),
        }
        if errors.len() >= MAX_ROW_ERRORS {
            break;
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Invalid(errors));
    }
    Ok(batches)
}

fn push_row(batches: &mut Vec<Columns>, row: [String; 9]) {
    if batches.last().is_none_or(|b| b.country.len() >= BATCH) {
        batches.push(Columns::default());
    }
    let Some(b) = batches.last_mut() else { return };
    let [country, id, given, family, street, postal, city, score, class] = row;
    b.country.push(country);
    b.national_id.push(id);
    b.given_name.push(given);
    b.family_name.push(family);
    b.street.push(street);
    b.postal_code.push(postal);
    b.city.push(city);
    b.score.push(score.parse().unwrap_or_default());
    b.risk_class.push(class);
}

/// Validates one record into its normalized fields (the score is checked, kept as text).
fn person(record: &Record, today: NaiveDate) -> Result<[String; 9], RowError> {
    let err = |column: &'static str, message: &str| RowError {
        line: record.line,
        column,
        message: message.to_string(),
    };
    let [country, id, given, family, street, postal, city, score, class] = record.fields.as_slice()
    else {
        return Err(err("row", "expected 9 fields"));
    };
    let [country, id, given, family, street, postal, city, score, class] = [
        country, id, given, family, street, postal, city, score, class,
    ]
    .map(|f| &f.value);
    let country = registry_country(country.trim())
        .ok_or_else(|| err("country", "must be SE, NO, FI or DK"))?;
    let id = NationalId::parse(country, id, today)
        .map_err(|e| err("national_id", &format!("not a valid national id: {e}")))?;
    let text = |column: &'static str, value: &str| {
        let value = value.trim();
        if value.is_empty() {
            Err(err(column, "must not be empty"))
        } else if value.chars().count() > MAX_FIELD {
            Err(err(column, "too long"))
        } else if value.contains(['\n', '\r']) {
            // A quoted line break reads fine as CSV, but a name or street is one line.
            Err(err(column, "must not contain a line break"))
        } else if let Some(c) = crate::text::forbidden_char(value) {
            let code = crate::text::code_point(c);
            Err(err(
                column,
                &format!("contains the control character {code}"),
            ))
        } else {
            Ok(value.to_string())
        }
    };
    let score_ok = score
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|s| *s <= MAX_SCORE)
        .ok_or_else(|| err("score", "must be a whole number from 0 to 1000"))?;
    let class =
        RiskClass::parse(class.trim()).ok_or_else(|| err("risk_class", "must be A to E"))?;
    Ok([
        country_code(country).to_string(),
        id.expose_normalized().to_string(),
        text("given_name", given)?,
        text("family_name", family)?,
        text("street", street)?,
        text("postal_code", postal)?,
        text("city", city)?,
        score_ok.to_string(),
        class.as_str().to_string(),
    ])
}

#[derive(diesel::QueryableByName)]
struct Upserted {
    #[diesel(sql_type = Bool)]
    inserted: bool,
}

/// The transaction: upsert every batch (rows that would not change are skipped by the
/// `WHERE … IS DISTINCT FROM`, so they are neither rewritten nor counted), then audit.
async fn import_inner(
    conn: &mut Conn,
    ctx: &Ctx,
    rows: usize,
    batches: &[Columns],
) -> Result<ImportReport, ImportError> {
    let (mut inserted, mut updated) = (0, 0);
    for b in batches.iter().filter(|b| !b.country.is_empty()) {
        let changed: Vec<Upserted> = diesel::sql_query(
            "INSERT INTO registry_people AS r (country, national_id, given_name, family_name, \
             street, postal_code, city, score, risk_class) \
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], \
             $6::text[], $7::text[], $8::int4[], $9::text[]) \
             ON CONFLICT (country, national_id) DO UPDATE SET given_name = EXCLUDED.given_name, \
             family_name = EXCLUDED.family_name, street = EXCLUDED.street, \
             postal_code = EXCLUDED.postal_code, city = EXCLUDED.city, score = EXCLUDED.score, \
             risk_class = EXCLUDED.risk_class, updated_at = now() \
             WHERE (r.given_name, r.family_name, r.street, r.postal_code, r.city, r.score, \
             r.risk_class) IS DISTINCT FROM (EXCLUDED.given_name, EXCLUDED.family_name, \
             EXCLUDED.street, EXCLUDED.postal_code, EXCLUDED.city, EXCLUDED.score, \
             EXCLUDED.risk_class) \
             RETURNING (xmax = 0) AS inserted",
        )
        .bind::<Array<Text>, _>(&b.country)
        .bind::<Array<Text>, _>(&b.national_id)
        .bind::<Array<Text>, _>(&b.given_name)
        .bind::<Array<Text>, _>(&b.family_name)
        .bind::<Array<Text>, _>(&b.street)
        .bind::<Array<Text>, _>(&b.postal_code)
        .bind::<Array<Text>, _>(&b.city)
        .bind::<Array<Int4>, _>(&b.score)
        .bind::<Array<Text>, _>(&b.risk_class)
        .load(conn)
        .await
        .map_err(KdbError::from)?;
        let new = changed.iter().filter(|u| u.inserted).count();
        inserted += new;
        updated += changed.len() - new;
    }
    let report = ImportReport {
        rows,
        inserted,
        updated,
        unchanged: rows - inserted - updated,
    };
    // An import that changed nothing wrote nothing, so there is nothing to audit.
    if inserted + updated > 0 {
        let entry = AuditEntry {
            action: "registry.import",
            entity_type: "registry",
            entity_id: "registry_people",
            before: None,
            after: Some(json!({
                "rows": report.rows,
                "inserted": report.inserted,
                "updated": report.updated,
                "unchanged": report.unchanged,
            })),
        };
        audit::record(conn, ctx, entry).await?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    /// One line read as line `line_no` of a file (the parser sees records, not lines).
    fn parse_row(line: &str, line_no: usize, today: NaiveDate) -> Result<[String; 9], RowError> {
        let text = format!("{}{line}", "\n".repeat(line_no - 1));
        let record = csv_file::records(&text).next().expect("a record");
        record
            .map_err(RowError::from)
            .and_then(|r| person(&r, today))
    }

    fn row_errors(text: &str) -> Vec<RowError> {
        match validate(text.as_bytes(), today()) {
            Err(ImportError::Invalid(errors)) => errors,
            Err(other) => panic!("expected row errors, got {other}"),
            Ok(_) => panic!("expected row errors, got none"),
        }
    }

    #[test]
    fn quoted_fields_are_read_as_csv() {
        // A separator and doubled quotes inside quotes belong to the field.
        let row = parse_row(
            r#"SE,811218-9876,"Anna ""Annie""","Berg, af",Storgatan 1,114 55,Stockholm,700,B"#,
            2,
            today(),
        )
        .unwrap();
        assert_eq!(
            (row[2].as_str(), row[3].as_str()),
            ("Anna \"Annie\"", "Berg, af")
        );
        // A line break inside quotes reads as one row (refused in a name), and the lines after
        // it keep their numbers.
        let text = format!(
            "{REGISTRY_HEADER}\nSE,811218-9876,Anna,Berg,\"Storgatan 1\nLgh 1101\",114 55,\
             Stockholm,700,B\nSE,811218-9876,Anna,Berg,Storgatan 1,114 55,Stockholm,700,X\n"
        );
        let errors = row_errors(&text);
        let places: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(places, vec![(2, "street"), (4, "risk_class")]);
        assert!(errors[0].message.contains("line break"), "{}", errors[0]);
        // An unterminated quote names its line.
        let text = format!(
            "{REGISTRY_HEADER}\nSE,811218-9876,\"Anna,Berg,Storgatan 1,114 55,Stockholm,700,B\n"
        );
        let errors = row_errors(&text);
        assert_eq!((errors[0].line, errors[0].column), (2, "row"));
        assert!(errors[0].message.contains("never closed"), "{}", errors[0]);
    }

    #[test]
    fn control_characters_are_refused_by_column() {
        let e = parse_row(
            "SE,811218-9876,An\u{0}na,Berg,Storgatan 1,114 55,Stockholm,700,B",
            5,
            today(),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (5, "given_name"));
        assert!(e.message.contains("U+0000"), "{e}");
    }

    #[test]
    fn a_row_error_names_line_and_column() {
        let e = parse_row(
            "SE,811218-9875,Anna,Berg,Storgatan 1,114 55,Stockholm,700,B",
            7,
            today(),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (7, "national_id"));
        let e = parse_row(
            "SE,811218-9876,Anna,Berg,Storgatan 1,114 55,Stockholm,1001,B",
            3,
            today(),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (3, "score"));
        let e = parse_row(
            "XX,1,Anna,Berg,Storgatan 1,114 55,Stockholm,1,B",
            4,
            today(),
        )
        .unwrap_err();
        assert_eq!(e.column, "country");
        let e = parse_row("SE,811218-9876,Anna", 5, today()).unwrap_err();
        assert_eq!(e.column, "row");
    }

    #[test]
    fn a_valid_row_is_normalized() {
        let row = parse_row(
            "SE,811218-9876, Anna ,Berg,Storgatan 1,114 55,Stockholm,700,b",
            2,
            today(),
        );
        // Lower-case risk classes are refused: the registry's own data must be exact.
        assert_eq!(row.unwrap_err().column, "risk_class");
        let row = parse_row(
            "SE,811218-9876, Anna ,Berg,Storgatan 1,114 55,Stockholm,700,B",
            2,
            today(),
        )
        .unwrap();
        assert_eq!(row[1], "198112189876");
        assert_eq!(row[2], "Anna");
    }
}
