//! Every refusal, one change to the valid golden file at a time: the file is refused with the
//! line and field of the problem, and no message repeats a payer's name or number.

use super::testdata;
use crate::payments::bank_file::bgmax::read;
use crate::payments::bank_file::model::{FileError, Position};

/// The golden file's records (without line ends), lines 1–33:
/// 1 TK01 · 2 TK05 SEK · 3 TK20 · 4–7 TK26–29 · 8 TK20 · 9–10 TK22 · 11 TK23 · 12 TK25 ·
/// 13 TK26 · 14 TK29 · 15 TK21 · 16 TK26 · 17 TK20 · 18 TK26 · 19 TK28 · 20 TK20 · 21 TK22 ·
/// 22 TK15 · 23 TK05 EUR · 24 TK20 · 25–26 TK25 · 27 TK26 · 28 TK20 · 29 TK15 · 30 TK05 SEK ·
/// 31 TK20 · 32 TK15 · 33 TK70.
fn golden() -> Vec<Vec<u8>> {
    let bytes = testdata("golden_several_deposits.txt");
    let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    lines.pop();
    for line in &mut lines {
        line.pop();
    }
    lines
}

fn join(lines: &[Vec<u8>]) -> Vec<u8> {
    lines
        .iter()
        .flat_map(|l| l.iter().chain(b"\r\n"))
        .copied()
        .collect()
}

/// Writes `text` over `line` from 1-based column `col`.
fn put(lines: &mut [Vec<u8>], line: usize, col: usize, text: &[u8]) {
    lines[line - 1][col - 1..col - 1 + text.len()].copy_from_slice(text);
}

type Change = fn(&mut Vec<Vec<u8>>);

/// (what, the change, expected line, expected field)
const CASES: &[(&str, Change, u32, &str)] = &[
    ("81 columns", |l| l[11].push(b'X'), 12, "line"),
    ("a tab", |l| put(l, 5, 20, b"\t"), 5, "line"),
    ("a NUL byte", |l| put(l, 3, 1, b"\0"), 3, "line"),
    ("a C1 control byte", |l| put(l, 4, 10, &[0x85]), 4, "line"),
    ("a lone CR", |l| put(l, 6, 40, b"\r"), 6, "line"),
    ("no start record", |l| drop(l.remove(0)), 1, "record type"),
    ("layout", |l| put(l, 1, 3, b"BGMAY"), 1, "TK01 layout"),
    ("version", |l| put(l, 1, 23, b"02"), 1, "TK01 version"),
    ("month 13", |l| put(l, 1, 29, b"13"), 1, "TK01 timestamp"),
    (
        "timestamp letter",
        |l| put(l, 1, 40, b"x"),
        1,
        "TK01 timestamp",
    ),
    ("test mark", |l| put(l, 1, 45, b"X"), 1, "TK01 test mark"),
    ("second TK01", |l| l.insert(2, l[0].clone()), 3, "TK01"),
    (
        "currency NOK",
        |l| put(l, 2, 23, b"NOK"),
        2,
        "TK05 currency",
    ),
    (
        "payee bankgiro zeros",
        |l| put(l, 2, 3, b"0000000000"),
        2,
        "TK05 payee bankgiro number",
    ),
    (
        "payee bankgiro letter",
        |l| put(l, 2, 5, b"A"),
        2,
        "TK05 payee bankgiro number",
    ),
    (
        "TK05 in a section",
        |l| l.insert(3, l[1].clone()),
        4,
        "TK05",
    ),
    ("TK15 missing", |l| drop(l.remove(21)), 22, "TK05"),
    ("TK20 before TK05", |l| drop(l.remove(1)), 2, "TK20"),
    ("amount letter", |l| put(l, 3, 50, b"O"), 3, "TK20 amount"),
    ("amount blank", |l| put(l, 3, 38, b" "), 3, "TK20 amount"),
    (
        "reference code 6",
        |l| put(l, 3, 56, b"6"),
        3,
        "TK20 reference code",
    ),
    (
        "channel blank",
        |l| put(l, 3, 57, b" "),
        3,
        "TK20 payment channel code",
    ),
    (
        "serial letter",
        |l| put(l, 3, 60, b"Z"),
        3,
        "TK20 BGC serial number",
    ),
    (
        "image mark 2",
        |l| put(l, 3, 70, b"2"),
        3,
        "TK20 image mark",
    ),
    (
        "payer bankgiro letter",
        |l| put(l, 3, 4, b"-"),
        3,
        "TK20 payer bankgiro number",
    ),
    (
        "deduction code blank",
        |l| put(l, 15, 71, b" "),
        15,
        "TK21 deduction code",
    ),
    (
        "TK22 of another payment",
        |l| put(l, 9, 69, b"9"),
        9,
        "TK22 BGC serial number",
    ),
    (
        "TK23 amount letter",
        |l| put(l, 11, 55, b"-"),
        11,
        "TK23 amount",
    ),
    ("TK26 twice", |l| l.insert(4, l[3].clone()), 5, "TK26"),
    ("TK27 twice", |l| l.insert(5, l[4].clone()), 6, "TK27"),
    ("TK28 twice", |l| l.insert(6, l[5].clone()), 7, "TK28"),
    ("TK29 twice", |l| l.insert(7, l[6].clone()), 8, "TK29"),
    (
        "TK26 before any payment",
        |l| l.insert(2, l[3].clone()),
        3,
        "TK26",
    ),
    (
        "TK22 before any payment",
        |l| l.insert(2, l[8].clone()),
        3,
        "TK22",
    ),
    (
        "country code",
        |l| put(l, 6, 73, b"S1"),
        6,
        "TK28 country code",
    ),
    (
        "organisation number letter",
        |l| put(l, 7, 5, b"X"),
        7,
        "TK29 organisation number",
    ),
    (
        "TK20 amount changed",
        |l| put(l, 3, 50, b"2"),
        22,
        "TK15 deposit amount",
    ),
    (
        "TK21 amount changed",
        |l| put(l, 15, 51, b"3"),
        22,
        "TK15 deposit amount",
    ),
    (
        "TK20 removed",
        |l| drop(l.drain(16..19)),
        19,
        "TK15 number of payments",
    ),
    (
        "TK15 amount changed",
        |l| put(l, 22, 63, b"6"),
        22,
        "TK15 deposit amount",
    ),
    (
        "TK15 count changed",
        |l| put(l, 22, 79, b"4"),
        22,
        "TK15 number of payments",
    ),
    (
        "TK15 date",
        |l| put(l, 22, 44, b"31"),
        22,
        "TK15 payment date",
    ),
    (
        "TK15 serial",
        |l| put(l, 22, 46, b" "),
        22,
        "TK15 deposit serial number",
    ),
    (
        "TK15 account",
        |l| put(l, 22, 10, b"K"),
        22,
        "TK15 payee bank account",
    ),
    (
        "TK15 currency",
        |l| put(l, 22, 69, b"EUR"),
        22,
        "TK15 currency",
    ),
    (
        "TK15 deposit type",
        |l| put(l, 22, 80, b"X"),
        22,
        "TK15 deposit type",
    ),
    (
        "TK15 outside a section",
        |l| l.insert(22, l[21].clone()),
        23,
        "TK15",
    ),
    (
        "TK70 payments",
        |l| put(l, 33, 10, b"8"),
        33,
        "TK70 number of payment records",
    ),
    (
        "TK70 deductions",
        |l| put(l, 33, 18, b"0"),
        33,
        "TK70 number of deduction records",
    ),
    (
        "TK70 extra references",
        |l| put(l, 33, 26, b"3"),
        33,
        "TK70 number of extra reference records",
    ),
    (
        "TK70 deposits",
        |l| put(l, 33, 34, b"4"),
        33,
        "TK70 number of deposit records",
    ),
    (
        "TK70 in a section",
        |l| l.insert(3, l[32].clone()),
        4,
        "TK70",
    ),
    ("TK70 missing", |l| drop(l.pop()), 32, "TK70"),
    (
        "blank line inside",
        |l| l.insert(10, Vec::new()),
        11,
        "line",
    ),
    (
        "blanks-only line inside",
        |l| l.insert(10, vec![b' '; 80]),
        11,
        "line",
    ),
    ("record after TK70", |l| l.push(l[2].clone()), 34, "line"),
    (
        "record type letter",
        |l| put(l, 12, 2, b"X"),
        12,
        "record type",
    ),
    (
        "one-character line",
        |l| l[11] = b"2".to_vec(),
        12,
        "record type",
    ),
];

#[test]
fn each_problem_is_refused_with_its_line_and_field() {
    assert!(
        read(&join(&golden())).is_ok(),
        "the unchanged golden file reads"
    );
    let mut wrong = Vec::new();
    for (what, change, line, field) in CASES {
        let mut lines = golden();
        change(&mut lines);
        match read(&join(&lines)) {
            Err(FileError {
                position: Position::Line(n),
                field: f,
                message,
            }) if n == *line && f == *field => {
                for private in ["Åsa", "Öberg", "Olles", "Björn", "Nyström", "197912309296"] {
                    assert!(!message.contains(private), "{what}: {message}");
                }
            }
            other => wrong.push(format!(
                "{what}: expected line {line} {field}, got {other:?}"
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_empty_file_or_a_lone_start_record_is_refused() {
    let err = read(b"").expect_err("empty");
    assert_eq!(
        (err.position, err.field.as_str()),
        (Position::Line(1), "file")
    );
    let lines = golden();
    let err = read(&join(&lines[..1])).expect_err("no TK70");
    assert_eq!(
        (err.position, err.field.as_str()),
        (Position::Line(1), "TK70")
    );
}

#[test]
fn messages_say_what_was_expected() {
    let mut lines = golden();
    put(&mut lines, 22, 65, b"6");
    let err = read(&join(&lines)).expect_err("amount");
    assert_eq!(
        err.to_string(),
        "line 22: TK15 deposit amount: is 356000 but the section's payments less its \
         deductions (from line 2) add up to 355000 (minor units)"
    );
    let mut lines = golden();
    put(&mut lines, 33, 26, b"3");
    let err = read(&join(&lines)).expect_err("count");
    assert_eq!(
        err.to_string(),
        "line 33: TK70 number of extra reference records: says 3 but the file has 4 extra \
         reference records (TK22 + TK23)"
    );
}

/// Bankgirot asks readers to skip record types they do not know, wherever they are.
#[test]
fn unknown_record_types_are_skipped() {
    let expected = read(&join(&golden())).expect("reads");
    let mut lines = golden();
    let unknown = |code: &[u8]| {
        let mut l = code.to_vec();
        l.extend_from_slice(&[b'9'; 78]);
        l
    };
    lines.insert(32, unknown(b"99"));
    lines.insert(9, unknown(b"24"));
    lines.insert(1, unknown(b"02"));
    let file = read(&join(&lines)).expect("still reads");
    assert_eq!(file.deposits.len(), 3);
    let refs = |f: &crate::payments::bank_file::model::BankFile| {
        f.deposits
            .iter()
            .flat_map(|d| &d.payments)
            .map(|p| (p.amount, p.references.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(refs(&file), refs(&expected));
}

/// TK22/23 amounts are reported, not checked against their payment: a TK20 that carries its
/// own reference takes what the splits leave, and a payer's own split need not add up; the
/// matching decides. The deposit totals are what must add up.
#[test]
fn split_amounts_are_reported_as_given() {
    let mut lines = golden();
    put(&mut lines, 11, 51, b"3"); // the TK23: 20000 → 30000
    let file = read(&join(&lines)).expect("reads");
    let split = &file.deposits[0].payments[1];
    assert_eq!(split.amount, 130_000);
    assert_eq!(split.references[2].amount, Some(-30_000));
}

/// Lines shorter than 80 columns are read as blank-padded; a field that falls in the missing
/// part is then blank, and refused where blank is not allowed.
#[test]
fn short_lines_are_blank_padded() {
    let expected = read(&join(&golden())).expect("reads");
    let trimmed: Vec<Vec<u8>> = golden()
        .into_iter()
        .map(|mut l| {
            while l.last() == Some(&b' ') {
                l.pop();
            }
            l
        })
        .collect();
    assert_eq!(read(&join(&trimmed)), Ok(expected));
    let mut cut = golden();
    cut[21].truncate(75); // TK15 loses the end of its count
    let err = read(&join(&cut)).expect_err("count cut");
    assert_eq!(err.field, "TK15 number of payments");
    assert_eq!(err.position, Position::Line(22));
}
