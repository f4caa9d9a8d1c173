//! Reading an IP country file: every line validated (collecting errors rather than stopping
//! at the first), then the ranges checked against each other for overlaps. Pure, so the rules
//! are unit-tested without a database.
//!
//! The file is UTF-8 CSV with this header row, exactly:
//!
//! ```text
//! start_ip,end_ip,country
//! ```
//!
//! then one range per line, both ends inclusive, as the free "lite" country files of db-ip
//! and ip2location (in their address form) have them, e.g. `192.0.2.0,192.0.2.255,SE` or
//! `2001:db8::,2001:db8:0:ffff:ffff:ffff:ffff:ffff,DK`. Fields may be quoted with `"` (RFC 4180,
//! read by [`crate::csv_file`]: a malformed quote is a `row` error naming its line).
//! `country` is an ISO 3166-1 alpha-2 code in capitals; `ZZ`, which those files use for
//! "unknown", is accepted but not stored, so such addresses stay unknown exactly as ones in
//! no range do.

use std::net::IpAddr;

use super::error::{ImportError, RowError};
pub use super::format::{IP_RANGES_HEADER, UNKNOWN_COUNTRY};
use super::key::{key, KEY_LEN};
use crate::csv_file::{self, Record};

/// Row errors reported at most; past this the file is clearly the wrong one.
pub const MAX_ROW_ERRORS: usize = 50;

/// One valid range, in stored form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    /// First address (16-byte key).
    pub start: [u8; KEY_LEN],
    /// Last address, inclusive (16-byte key).
    pub end: [u8; KEY_LEN],
    /// Two capital letters.
    pub country: String,
    /// Whether the range is IPv6 (else IPv4).
    pub v6: bool,
    /// Where it is in the file, for overlap errors.
    pub line: usize,
}

/// A validated file: the ranges to store, sorted by start and not overlapping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Data rows in the file (blank lines not counted).
    pub rows: usize,
    /// The ranges to store (every row but the `ZZ` ones), sorted by start.
    pub ranges: Vec<Range>,
    /// Rows with country `ZZ`, validated but not stored.
    pub unknown: usize,
}

/// Validates a whole file; see the module docs. A UTF-8 byte order mark is ignored.
pub fn parse_file(text: &str) -> Result<Parsed, ImportError> {
    let mut records = csv_file::records(csv_file::without_bom(text));
    if !records.header_is(IP_RANGES_HEADER) {
        return Err(ImportError::Header);
    }
    let mut errors = Vec::new();
    let mut parsed = Parsed::default();
    for record in records {
        parsed.rows += 1;
        match record.map_err(RowError::from).and_then(|r| range(&r)) {
            Ok(range) if range.country == UNKNOWN_COUNTRY => parsed.unknown += 1,
            Ok(range) => parsed.ranges.push(range),
            Err(e) => errors.push(e),
        }
        if errors.len() >= MAX_ROW_ERRORS {
            break;
        }
    }
    parsed.ranges.sort_by_key(|r| r.start);
    errors.extend(overlaps(&parsed.ranges));
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        errors.truncate(MAX_ROW_ERRORS);
        return Err(ImportError::Invalid(errors));
    }
    if parsed.ranges.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(parsed)
}

/// Validates one record into a range.
pub fn range(record: &Record) -> Result<Range, RowError> {
    let line_no = record.line;
    let err = |column: &'static str, message: String| RowError {
        line: line_no,
        column,
        message,
    };
    let [start, end, country] = record.fields.as_slice() else {
        return Err(err("row", "expected 3 fields".into()));
    };
    let (start, end, country) = (&start.value, &end.value, &country.value);
    let address = |column: &'static str, text: &str| {
        text.trim()
            .parse::<IpAddr>()
            .map_err(|_| err(column, format!("{:?} is not an IP address", text.trim())))
    };
    let (start, end) = (address("start_ip", start)?, address("end_ip", end)?);
    let v6 = match (start, end) {
        (IpAddr::V4(_), IpAddr::V4(_)) => false,
        (IpAddr::V6(_), IpAddr::V6(_)) => true,
        (IpAddr::V4(_), IpAddr::V6(_)) => {
            return Err(err(
                "end_ip",
                "is IPv6 but start_ip is IPv4: a range is one family".into(),
            ))
        }
        (IpAddr::V6(_), IpAddr::V4(_)) => {
            return Err(err(
                "end_ip",
                "is IPv4 but start_ip is IPv6: a range is one family".into(),
            ))
        }
    };
    let (start, end) = (key(start), key(end));
    if end < start {
        return Err(err("end_ip", "comes before start_ip".into()));
    }
    let country = country.trim();
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(err(
            "country",
            format!("{country:?} is not a country code (two capital letters, e.g. SE)"),
        ));
    }
    Ok(Range {
        start,
        end,
        country: country.to_string(),
        v6,
        line: line_no,
    })
}

/// One error per range that overlaps an earlier one (by start), reported on the later line
/// of the two in the file and naming the other. `ranges` must be sorted by start.
fn overlaps(ranges: &[Range]) -> Vec<RowError> {
    let mut errors = Vec::new();
    // The range reaching furthest so far: with sorted starts, any overlap is with it.
    let mut reach: Option<&Range> = None;
    for r in ranges {
        match reach {
            Some(prev) if r.start <= prev.end => {
                let (line, other) = if r.line > prev.line {
                    (r.line, prev.line)
                } else {
                    (prev.line, r.line)
                };
                errors.push(RowError {
                    line,
                    column: "start_ip",
                    message: format!("the range overlaps the one on line {other}"),
                });
                if r.end > prev.end {
                    reach = Some(r);
                }
            }
            _ => reach = Some(r),
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credit::ip_ranges::key::address;

    const GOOD: &str = "start_ip,end_ip,country
192.0.2.0,192.0.2.255,SE
\"2001:db8::\",\"2001:db8:0:ffff:ffff:ffff:ffff:ffff\",DK

198.51.100.0,198.51.100.255,NO
203.0.113.0,203.0.113.255,ZZ
";

    /// One line read as line `line_no` of a file (the parser sees records, not lines).
    fn parse_row(line: &str, line_no: usize) -> Result<Range, RowError> {
        let text = format!("{}{line}", "\n".repeat(line_no - 1));
        let record = csv_file::records(&text).next().expect("a record");
        record.map_err(RowError::from).and_then(|r| range(&r))
    }

    fn row_errors(text: &str) -> Vec<RowError> {
        match parse_file(text) {
            Err(ImportError::Invalid(rows)) => rows,
            other => panic!("expected row errors, got {other:?}"),
        }
    }

    fn at(e: &RowError) -> (usize, &'static str) {
        (e.line, e.column)
    }

    #[test]
    fn a_valid_file_is_sorted_and_unknown_rows_are_skipped() {
        let p = parse_file(&format!("\u{feff}{GOOD}")).unwrap();
        assert_eq!((p.rows, p.unknown, p.ranges.len()), (4, 1, 3));
        let shown: Vec<_> = p
            .ranges
            .iter()
            .map(|r| {
                (
                    address(&r.start).unwrap().to_string(),
                    r.country.as_str(),
                    r.v6,
                    r.line,
                )
            })
            .collect();
        assert_eq!(
            shown,
            vec![
                ("192.0.2.0".to_string(), "SE", false, 2),
                ("198.51.100.0".to_string(), "NO", false, 5),
                ("2001:db8::".to_string(), "DK", true, 3),
            ]
        );
    }

    #[test]
    fn the_header_is_required() {
        assert!(matches!(
            parse_file("192.0.2.0,192.0.2.255,SE\n"),
            Err(ImportError::Header)
        ));
        assert!(matches!(parse_file(""), Err(ImportError::Header)));
        assert!(matches!(
            parse_file("start,end,country\n"),
            Err(ImportError::Header)
        ));
    }

    #[test]
    fn a_file_without_ranges_is_refused() {
        assert!(matches!(
            parse_file("start_ip,end_ip,country\n\n"),
            Err(ImportError::Empty)
        ));
        assert!(matches!(
            parse_file("start_ip,end_ip,country\n0.0.0.0,0.255.255.255,ZZ\n"),
            Err(ImportError::Empty)
        ));
    }

    #[test]
    fn row_errors_name_line_and_column() {
        let e = parse_row("192.0.2.9,192.0.2.0,SE", 4).unwrap_err();
        assert_eq!(at(&e), (4, "end_ip"));
        assert!(e.to_string().contains("comes before start_ip"), "{e}");
        assert_eq!(
            at(&parse_row("2001:db8::ff,2001:db8::1,SE", 5).unwrap_err()),
            (5, "end_ip")
        );
        assert_eq!(
            at(&parse_row("192.0.2.256,192.0.2.9,SE", 6).unwrap_err()),
            (6, "start_ip")
        );
        assert_eq!(
            at(&parse_row("192.0.2.0,not-an-ip,SE", 7).unwrap_err()),
            (7, "end_ip")
        );
        let mixed = parse_row("192.0.2.0,2001:db8::1,SE", 8).unwrap_err();
        assert_eq!(at(&mixed), (8, "end_ip"));
        assert!(mixed.message.contains("one family"), "{mixed}");
        assert_eq!(
            at(&parse_row("2001:db8::,192.0.2.0,SE", 9).unwrap_err()),
            (9, "end_ip")
        );
        for country in ["se", "S", "SWE", "S1", "", "ÅÄ"] {
            let e = parse_row(&format!("192.0.2.0,192.0.2.9,{country}"), 10).unwrap_err();
            assert_eq!(at(&e), (10, "country"), "{country:?}");
        }
        assert_eq!(
            at(&parse_row("192.0.2.0,192.0.2.9", 11).unwrap_err()),
            (11, "row")
        );
        assert_eq!(
            at(&parse_row("192.0.2.0,192.0.2.9,SE,x", 12).unwrap_err()),
            (12, "row")
        );
        assert_eq!(
            at(&parse_row("\"192.0.2.0,192.0.2.9,SE", 13).unwrap_err()),
            (13, "row")
        );
    }

    #[test]
    fn a_single_address_range_and_spaces_are_fine() {
        let r = parse_row(" 192.0.2.7 , 192.0.2.7 , FI ", 2).unwrap();
        assert_eq!((r.start, r.country.as_str()), (r.end, "FI"));
    }

    #[test]
    fn every_bad_row_is_reported_in_line_order() {
        let text = "start_ip,end_ip,country
192.0.2.0,192.0.2.255,SE
x,192.0.2.255,SE
192.0.2.9,192.0.2.1,SE
198.51.100.0,198.51.100.255,se
";
        let errors = row_errors(text);
        let places: Vec<_> = errors.iter().map(at).collect();
        assert_eq!(places, vec![(3, "start_ip"), (4, "end_ip"), (5, "country")]);
    }

    #[test]
    fn overlapping_ranges_are_refused_naming_both_lines() {
        let text = "start_ip,end_ip,country
192.0.2.128,192.0.2.255,NO
192.0.2.0,192.0.2.128,SE
2001:db8::,2001:db8::ffff,DK
2001:db8::100,2001:db8::200,SE
10.0.0.0,10.255.255.255,FI
10.1.0.0,10.1.0.255,FI
";
        let errors = row_errors(text);
        let places: Vec<_> = errors.iter().map(at).collect();
        assert_eq!(
            places,
            vec![(3, "start_ip"), (5, "start_ip"), (7, "start_ip")]
        );
        assert!(errors[0].message.contains("line 2"), "{}", errors[0]);
        assert!(errors[1].message.contains("line 4"), "{}", errors[1]);
        assert!(errors[2].message.contains("line 6"), "{}", errors[2]);
        // Touching is not overlapping.
        parse_file("start_ip,end_ip,country\n10.0.0.0,10.0.0.255,SE\n10.0.1.0,10.0.1.255,NO\n")
            .unwrap();
        // An IPv6 range over the IPv4-mapped block collides with the IPv4 ranges in it.
        let errors = row_errors(
            "start_ip,end_ip,country\n10.0.0.0,10.0.0.255,SE\n::ffff:0:0,::ffff:ffff:ffff,NO\n",
        );
        assert_eq!(
            errors.iter().map(at).collect::<Vec<_>>(),
            vec![(3, "start_ip")]
        );
        // Unknown rows claim nothing, so they may overlap anything.
        parse_file("start_ip,end_ip,country\n::,::ffff:ffff:ffff,ZZ\n10.0.0.0,10.0.0.255,SE\n")
            .unwrap();
    }

    #[test]
    fn errors_stop_at_the_limit() {
        let mut text = String::from("start_ip,end_ip,country\n");
        for _ in 0..200 {
            text.push_str("nope,nope,SE\n");
        }
        assert_eq!(row_errors(&text).len(), MAX_ROW_ERRORS);
    }

    #[test]
    fn quoted_fields_are_read_as_csv() {
        // A separator and doubled quotes inside quotes belong to the field.
        let e = parse_row(r#""192.0.2.0,192.0.2.9",192.0.2.9,SE"#, 2).unwrap_err();
        assert_eq!(at(&e), (2, "start_ip"));
        assert!(e.message.contains(r#""192.0.2.0,192.0.2.9""#), "{e}");
        let e = parse_row(r#""""192.0.2.0""",192.0.2.9,SE"#, 3).unwrap_err();
        assert!(e.message.contains(r#""\"192.0.2.0\"""#), "{e}");
        // A line break inside quotes: the row still reads, and later lines keep their numbers.
        let text = "start_ip,end_ip,country\n\"192.0.2.0\n\",192.0.2.9,SE\nx,192.0.2.255,SE\n";
        assert_eq!(
            row_errors(text).iter().map(at).collect::<Vec<_>>(),
            vec![(4, "start_ip")]
        );
        // An unterminated quote names its line.
        let text = "start_ip,end_ip,country\n192.0.2.0,192.0.2.9,SE\n10.0.0.0,\"10.0.0.9,SE\n";
        let errors = row_errors(text);
        assert_eq!(errors.iter().map(at).collect::<Vec<_>>(), vec![(3, "row")]);
        assert!(errors[0].message.contains("never closed"), "{}", errors[0]);
    }
}
