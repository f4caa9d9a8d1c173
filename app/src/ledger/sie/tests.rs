//! Tests of the SIE writer, reader and validator together: snapshot, bytes, round trips.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;

mod random;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test decimal")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

fn account(number: u32, name: &str, kind: SieAccountKind) -> SieAccount {
    SieAccount {
        number,
        name: name.to_owned(),
        kind,
    }
}

fn row(account: u32, amount: &str, text: Option<&str>) -> SieTransaction {
    SieTransaction {
        account,
        amount: dec(amount),
        text: text.map(str::to_owned),
    }
}

fn voucher(number: u64, date: NaiveDate, text: &str, rows: Vec<SieTransaction>) -> SieVoucher {
    SieVoucher {
        series: "A".to_owned(),
        number,
        date,
        text: text.to_owned(),
        registered_on: date,
        transactions: rows,
    }
}

/// A small but complete year: receivables, a customer payment with öre rounding, an
/// overpayment parked on 2420 and a merchant payout net of commission and bank fee.
fn sample() -> SieExport {
    use SieAccountKind::*;
    SieExport {
        program: "Kreditor".to_owned(),
        program_version: "0.1.0".to_owned(),
        generated_on: day(2010, 1, 15),
        generated_by: Some("Ekonomi Åsa".to_owned()),
        company_name: "Kreditor AB".to_owned(),
        org_nr: "556677-8899".to_owned(),
        fiscal_year: (day(2009, 1, 1), day(2009, 12, 31)),
        previous_year: Some((day(2008, 1, 1), day(2008, 12, 31))),
        chart: "BAS2014".to_owned(),
        accounts: vec![
            account(1510, "Kundfordringar", Asset),
            account(1930, "Checkräkningskonto", Asset),
            account(2420, "Förskott från kunder", Liability),
            account(2440, "Leverantörsskulder", Liability),
            account(3740, "Öres- och kronutjämning", Income),
            account(3921, "Provisionsintäkter", Income),
            account(6570, "Bankkostnader", Expense),
        ],
        opening: vec![
            (1510, dec("125000")),
            (1930, dec("50000")),
            (2440, dec("-175000")),
        ],
        closing: vec![
            (1510, dec("124000.50")),
            (1930, dec("46397.50")),
            (2420, dec("-250")),
            (2440, dec("-170000")),
        ],
        results: vec![
            (3740, dec("-0.50")),
            (3921, dec("-150")),
            (6570, dec("2.50")),
        ],
        vouchers: vec![
            voucher(
                1,
                day(2009, 3, 2),
                "Inbetalning OCR 1001 från \"Åsa Öberg\"",
                vec![
                    row(1930, "1000", None),
                    row(1510, "-999.50", Some("Faktura 1001")),
                    row(3740, "-0.50", None),
                ],
            ),
            voucher(
                2,
                day(2009, 3, 9),
                "Överbetalning",
                vec![
                    row(1930, "250.00", None),
                    row(2420, "-250.00", Some("Förskott från kund")),
                ],
            ),
            voucher(
                3,
                day(2009, 4, 1),
                "Utbetalning till handlare, provision och bankavgift",
                vec![
                    row(2440, "5000", None),
                    row(3921, "-150", None),
                    row(6570, "2.5", None),
                    row(1930, "-4852.50", None),
                ],
            ),
        ],
    }
}

fn write_ok(export: &SieExport) -> Vec<u8> {
    write_sie4(export).expect("export is valid")
}

#[test]
fn snapshot_of_a_small_export() {
    let bytes = write_ok(&sample());
    let text = cp437::decode(&bytes);
    assert!(text.ends_with("}\r\n"));
    assert_eq!(
        text.matches("\r\n").count(),
        text.matches('\n').count(),
        "CRLF everywhere"
    );
    insta::assert_snapshot!("sie4_small_export", text.replace("\r\n", "\n"));
}

#[test]
fn swedish_letters_are_cp437_bytes_in_the_file() {
    let bytes = write_ok(&sample());
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(contains(b"\"F\x94rskott fr\x86n kunder\""));
    assert!(contains(b"\"\x99res- och kronutj\x84mning\""));
    assert!(contains(b"\"Checkr\x84kningskonto\""));
    assert!(contains(
        b"\"Inbetalning OCR 1001 fr\x86n \\\"\x8Fsa \x99berg\\\"\""
    ));
    // No UTF-8 lead byte for å/ä/ö (0xC3) may slip through.
    assert!(!bytes.contains(&0xC3));
}

/// What the reader found, as an export, so it can be compared with what was written.
pub(super) fn as_export(file: &SieFile) -> SieExport {
    let this_year = |map: &std::collections::BTreeMap<(i32, u32), Decimal>| {
        map.iter()
            .filter(|((y, _), _)| *y == 0)
            .map(|(&(_, a), &v)| (a, v))
            .collect::<Vec<_>>()
    };
    SieExport {
        program: file.program.clone().expect("#PROGRAM"),
        program_version: file.program_version.clone().expect("version"),
        generated_on: file.generated_on.expect("#GEN"),
        generated_by: file.generated_by.clone(),
        company_name: file.company_name.clone().expect("#FNAMN"),
        org_nr: file.org_nr.clone().expect("#ORGNR"),
        fiscal_year: file.fiscal_years[&0],
        previous_year: file.fiscal_years.get(&-1).copied(),
        chart: file.chart.clone().expect("#KPTYP"),
        accounts: file
            .accounts
            .iter()
            .map(|a| SieAccount {
                number: a.number,
                name: a.name.clone(),
                kind: a.kind.expect("#KTYP"),
            })
            .collect(),
        opening: this_year(&file.opening),
        closing: this_year(&file.closing),
        results: this_year(&file.results),
        vouchers: file
            .vouchers
            .iter()
            .map(|v| SieVoucher {
                series: v.series.clone(),
                number: v.number.expect("numbered"),
                date: v.date,
                text: v.text.clone(),
                registered_on: v.registered_on.expect("registered"),
                transactions: v
                    .transactions
                    .iter()
                    .map(|t| {
                        assert!(t.objects.is_empty());
                        assert!(t.date.is_none() || t.date == Some(v.date));
                        SieTransaction {
                            account: t.account,
                            amount: t.amount,
                            text: t.text.clone(),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The reader returns balances sorted by account; sort the export's the same way.
pub(super) fn sorted(mut e: SieExport) -> SieExport {
    e.opening.sort_by_key(|&(a, _)| a);
    e.closing.sort_by_key(|&(a, _)| a);
    e.results.sort_by_key(|&(a, _)| a);
    e
}

#[test]
fn write_then_read_gives_the_export_back_and_validates() {
    let export = sample();
    let file = read_sie4(&write_ok(&export)).expect("our own file reads");
    assert_eq!(validate(&file), Vec::<String>::new());
    assert_eq!(file.format.as_deref(), Some("PC8"));
    assert_eq!(file.sie_type.as_deref(), Some("4"));
    assert_eq!(file.flag.as_deref(), Some("0"));
    assert!(
        file.skipped.is_empty(),
        "we write only records we read: {:?}",
        file.skipped
    );
    assert_eq!(as_export(&file), sorted(export));
}

fn read_text(text: &str) -> SieFile {
    read_sie4(&cp437::encode(text).expect("test file is CP437")).expect("test file reads")
}

const HEADER: &str = "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20090101 20091231\n\
                      #KONTO 1510 \"Kundfordringar\"\n#KONTO 1930 \"Bank\"\n#KONTO 3010 \"Försäljning\"\n";

#[test]
fn validate_finds_an_unbalanced_voucher() {
    let file = read_text(&format!(
        "{HEADER}#VER A 7 20090301 \"Felaktig\"\n{{\n#TRANS 1930 {{}} 100.00\n#TRANS 3010 {{}} -99.00\n}}\n\
         #UB 0 1930 100\n#RES 0 3010 -99\n"
    ));
    let problems = validate(&file);
    assert_eq!(
        problems,
        ["voucher A 7 (line 8) does not balance: its rows sum to 1.00"]
    );
}

#[test]
fn validate_finds_opening_plus_rows_not_closing() {
    let file = read_text(&format!(
        "{HEADER}#IB 0 1510 500\n#UB 0 1510 400\n#UB 0 1930 100\n\
         #VER A 1 20090301 \"Betalning\"\n{{\n#TRANS 1930 {{}} 100\n#TRANS 1510 {{}} -50\n#TRANS 3010 {{}} -50\n}}\n\
         #RES 0 3010 -50\n"
    ));
    assert_eq!(
        validate(&file),
        ["account 1510: #IB 500 + rows -50 = 450, but #UB is 400"]
    );
}

#[test]
fn validate_wants_pc8_type_4_and_known_accounts() {
    let file = read_text(
        "#FORMAT UTF8\n#RAR 0 20090101 20091231\n#VER A 1 20100101 \"\"\n{\n#TRANS 1930 {} 1\n#TRANS 1930 {} -1\n}\n",
    );
    let problems = validate(&file);
    assert!(
        problems.contains(&"#FORMAT is UTF8, not PC8".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems.contains(&"#SIETYP 4 is missing".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("outside #RAR 0")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("account 1930, which has no #KONTO")),
        "{problems:?}"
    );
}

/// Other programs' files: LF endings, records we don't interpret, unquoted fields, row
/// dates and texts, object lists, `#RTRANS`/`#BTRANS`, and backslashes that are not escapes.
#[test]
fn reads_foreign_files_tolerantly() {
    let text = "#FLAGGA 0\n#PROGRAM \"Annat program\" 2011.2\n#FORMAT PC8\n#GEN 20111101 1\n#SIETYP 4\n\
        #FNR 0001\n#ORGNR 556265-1892\n#ADRESS \"\" \"Gatan 1\" \"112 64 Stockholm\" \"08-1\"\n\
        #FNAMN \"Exempel AB\"\n#RAR 0 20090701 20100630\n#KPTYP EUBAS97\n#DIM 1 \"Kostnadsställe\"\n\
        #KONTO 1229 \"Inventarier, värdeminskn\"\n#KONTO 7830 \"Avskrivning inventarier\"\n#SRU 1229 7215\n\
        #IB 0 1229 -199380.6\n#UB 0 1229 -199514.6\n#RES 0 7830 134\n\
        #VER # 1 20090731 \"Avskrivning\" 20091202 \"2 Christer\"\n{\n\
        #TRANS 1229  {} -133 20090731 \"1820\\A012 Cykel\" \n#TRANS 7830 {1 \"1\"} 133 \"\" \"\"\n\
        #BTRANS 7830 {} 99 20090731\n#OKANDPOST 1\n#RTRANS 7830 {} 1 20090731\n#TRANS 7830 {} 1 20090731\n#TRANS 1229 {} -1\n}\n\
        #KSUMMA 12345\n";
    let file = read_text(text);
    assert_eq!(validate(&file), Vec::<String>::new());
    assert_eq!(file.program_version.as_deref(), Some("2011.2"));
    assert_eq!(file.generated_by.as_deref(), Some("1"));
    assert_eq!(file.skipped.get("#SRU"), Some(&1));
    assert_eq!(file.skipped.get("#BTRANS"), Some(&1));
    assert_eq!(file.skipped.get("#OKANDPOST"), Some(&1));
    let v = &file.vouchers[0];
    assert_eq!(
        (v.series.as_str(), v.number, v.signature.as_deref()),
        ("#", Some(1), Some("2 Christer"))
    );
    assert_eq!(v.transactions.len(), 4);
    assert_eq!(v.transactions[0].text.as_deref(), Some("1820\\A012 Cykel"));
    assert_eq!(v.transactions[1].objects, ["1", "1"]);
    assert_eq!(v.transactions[1].date, None);
}

#[test]
fn reader_reports_syntax_errors_with_lines() {
    let bad = |text: &str| read_sie4(&cp437::encode(text).expect("ascii")).expect_err("invalid");
    assert_eq!(
        bad("#FORMAT PC8\n#FNAMN \"Öppen"),
        SieError::UnterminatedString { line: 2 }
    );
    assert!(matches!(
        bad("#VER A 1 20090101\n{\n#TRANS 1510 {} 1,5\n}\n"),
        SieError::InvalidField {
            line: 3,
            field: "amount",
            ..
        }
    ));
    assert!(matches!(
        bad("#TRANS 1510 {} 1\n"),
        SieError::OutsideVoucher { line: 1, .. }
    ));
    assert_eq!(
        bad("#VER A 1 20090101\n{\n#TRANS 1510 {} 1\n"),
        SieError::UnclosedVoucher { line: 1 }
    );
    assert_eq!(
        bad("#VER A 1 20090101\n{\n#TRANS 1510 {} 1\n#VER A 2 20090101\n{\n}\n"),
        SieError::UnclosedVoucher { line: 1 }
    );
    assert!(matches!(
        bad("#RAR 0 20091301 20091231\n"),
        SieError::InvalidField { field: "start", .. }
    ));
}

#[test]
fn writer_refuses_an_unbalanced_voucher_and_names_it() {
    let mut export = sample();
    export.vouchers[1].transactions[0].amount = dec("250.01");
    let err = write_sie4(&export).expect_err("unbalanced");
    assert_eq!(
        err,
        SieError::UnbalancedVoucher {
            series: "A".into(),
            number: "2".into(),
            sum: dec("0.01")
        }
    );
    assert_eq!(
        err.to_string(),
        "voucher A 2 does not balance: its rows sum to 0.01"
    );
}

#[test]
fn writer_refuses_an_unknown_account() {
    let mut export = sample();
    export.vouchers[0].transactions[2].account = 3741;
    assert_eq!(
        write_sie4(&export),
        Err(SieError::UnknownAccount {
            account: 3741,
            context: "voucher A 1 row 3".into()
        })
    );
}

#[test]
fn writer_refuses_other_mistakes() {
    let refuse = |change: &dyn Fn(&mut SieExport)| {
        let mut export = sample();
        change(&mut export);
        write_sie4(&export).expect_err("refused").code()
    };
    assert_eq!(
        refuse(&|e| e.vouchers[2].transactions.clear()),
        "ERR_SIE_EMPTY_VOUCHER"
    );
    assert_eq!(
        refuse(&|e| e.accounts[4].name = "Öresutjämning €".into()),
        "ERR_SIE_UNENCODABLE"
    );
    assert_eq!(
        refuse(&|e| e.vouchers[0].transactions[0].amount = dec("1000.001")),
        "ERR_SIE_TOO_MANY_DECIMALS"
    );
    assert_eq!(
        refuse(&|e| e.closing[0].1 = dec("124000")),
        "ERR_SIE_BALANCE_MISMATCH"
    );
    assert_eq!(
        refuse(&|e| e.results.pop().map(drop).unwrap_or_default()),
        "ERR_SIE_BALANCE_MISMATCH"
    );
    assert_eq!(
        refuse(&|e| e.opening.push((3921, dec("1")))),
        "ERR_SIE_WRONG_ACCOUNT_KIND"
    );
    assert_eq!(
        refuse(&|e| e.vouchers[1].number = 1),
        "ERR_SIE_DUPLICATE_VOUCHER"
    );
    assert_eq!(
        refuse(&|e| e.vouchers[0].date = day(2010, 1, 1)),
        "ERR_SIE_VOUCHER_OUTSIDE_YEAR"
    );
    assert_eq!(
        refuse(&|e| e
            .accounts
            .push(account(1510, "Igen", SieAccountKind::Asset))),
        "ERR_SIE_DUPLICATE_ACCOUNT"
    );

    let mut export = sample();
    export.vouchers[1].text = "Kund betalade 10 €".into();
    assert_eq!(
        write_sie4(&export),
        Err(SieError::Unencodable {
            character: '€',
            context: "voucher A 2 text".into()
        })
    );
}
