//! Hand-written golden files: read to exactly the expected model; the canonical one is also
//! exactly what the writer produces for that model.

use super::{date, ocr, payment, reference, s, testdata};
use crate::money::Currency;
use crate::payments::bank_file::bgmax::{read, write};
use crate::payments::bank_file::model::{
    BankFile, Deposit, FileFormat, Payer, PaymentKind, Position,
};

/// The model of `golden_several_deposits.txt`.
fn several_deposits() -> BankFile {
    let mut p1 = payment(3, "000000000101", 150_000, Some("3783511"));
    p1.references = vec![ocr("1234567897")];
    p1.payer = Payer {
        name: s("Åsa Öberg"),
        address: vec!["Ängsvägen 3".into()],
        postal_code: s("72211"),
        city: s("Västerås"),
        country: s("SE"),
        account: s("3783511"),
        national_id: s("197912309296"),
    };

    let mut p2 = payment(8, "000000000102", 130_000, Some("97012333"));
    p2.references = vec![
        reference("1000173", true, Some(100_000), false),
        reference("1000256", true, Some(50_000), false),
        reference("555011", true, Some(-20_000), false),
    ];
    p2.information = vec!["Två fakturor minus kreditnota 555011".into()];
    p2.payer.name = s("Olles Färg AB");
    p2.payer.national_id = s("5560000001");

    let mut p3 = payment(15, "000000000103", -25_000, Some("97012333"));
    p3.references = vec![reference("KREDIT 77", false, None, false)];
    p3.payer.name = s("Olles Färg AB");

    let mut p4 = payment(17, "000000000104", 40_000, Some("1234567"));
    p4.references = vec![reference("8988777", false, None, true)];
    p4.payer.name = s("Björn Nyström");
    p4.payer.city = s("Örebro");

    let mut p5 = payment(20, "000000000105", 60_000, Some("3783511"));
    p5.references = vec![ocr("1000330"), ocr("202600417")];

    let mut e1 = payment(24, "000000000106", 300_000, None);
    e1.references = vec![ocr("47118")];
    e1.information = vec!["Maksu laskuista".into(), "Kiitos".into()];
    e1.payer.name = s("Äijälä Oy");

    let mut e2 = payment(28, "000000000107", 12_345, Some("5050"));
    e2.references = vec![reference("Faktura 2026-17", false, None, false)];

    let mut last = payment(31, "000000000108", 10_000, Some("3783511"));
    last.references = vec![ocr("900175")];

    BankFile {
        format: FileFormat::BgMax,
        file_id: "20261201080000123456".into(),
        created: "2026-12-01T08:00:00.123456".into(),
        test: false,
        deposits: vec![
            Deposit {
                account: "9912346".into(),
                currency: Currency::Sek,
                booking_date: date(2026, 11, 30),
                total: 355_000,
                bank_ref: "00001".into(),
                payments: vec![p1, p2, p3, p4, p5],
                position: Position::Line(2),
            },
            Deposit {
                account: "9912346".into(),
                currency: Currency::Eur,
                booking_date: date(2026, 11, 30),
                total: 312_345,
                bank_ref: "00002".into(),
                payments: vec![e1, e2],
                position: Position::Line(23),
            },
            Deposit {
                account: "9912346".into(),
                currency: Currency::Sek,
                booking_date: date(2026, 12, 1),
                total: 10_000,
                bank_ref: "00003".into(),
                payments: vec![last],
                position: Position::Line(30),
            },
        ],
    }
}

#[test]
fn several_deposits_golden_reads_to_the_model() {
    let file = read(&testdata("golden_several_deposits.txt")).expect("golden file reads");
    assert_eq!(file, several_deposits());
    // The deduction is a deduction, the split adds up, the flagged reference is flagged.
    let sek = &file.deposits[0];
    assert_eq!(sek.payments[2].kind, PaymentKind::Deduction);
    assert_eq!(sek.payments.iter().map(|p| p.amount).sum::<i64>(), 355_000);
    let split: i64 = sek.payments[1]
        .references
        .iter()
        .filter_map(|r| r.amount)
        .sum();
    assert_eq!(split, sek.payments[1].amount);
    assert!(sek.payments[3].references[0].bank_flagged_invalid);
}

#[test]
fn writer_produces_the_golden_file_byte_for_byte() {
    let golden = testdata("golden_several_deposits.txt");
    let written = write(&several_deposits());
    if written != golden {
        let w = String::from_utf8_lossy(&written);
        let g = String::from_utf8_lossy(&golden);
        for (i, (a, b)) in w.lines().zip(g.lines()).enumerate() {
            assert_eq!(a, b, "line {}", i + 1);
        }
        assert_eq!(written.len(), golden.len());
    }
    assert_eq!(written, golden);
}

#[test]
fn writer_output_is_latin1_with_crlf_and_80_columns() {
    let written = write(&several_deposits());
    // å ä ö Å Ä Ö as single ISO-8859-1 bytes, never UTF-8 sequences.
    for b in [0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6] {
        assert!(written.contains(&b), "byte {b:#04X} missing");
    }
    assert!(!written.windows(2).any(|w| w == [0xC3, 0xA5]), "UTF-8 å");
    let mut lines: Vec<&[u8]> = written.split(|&b| b == b'\n').collect();
    assert_eq!(lines.pop(), Some(&b""[..]), "ends with a line end");
    for line in lines {
        assert_eq!(line.len(), 81, "80 columns and CR");
        assert_eq!(line.last(), Some(&b'\r'));
    }
}

#[test]
fn layout_variants_golden_reads_to_the_model() {
    let file = read(&testdata("golden_layout_variants.txt")).expect("variants read");
    let mut pay = payment(3, "000000000201", 99_900, Some("3783511"));
    pay.references = vec![ocr("1234567897")];
    pay.information = vec!["Betalning för order 17".into()];
    pay.payer = Payer {
        name: s("Kalles Plåt AB c/o Åke Ström"),
        address: vec!["Storgatan 2".into()],
        postal_code: s("12345"),
        city: s("Storåker"),
        country: s("SE"),
        account: s("3783511"),
        national_id: s("55000012"),
    };
    let mut ded = payment(10, "000000000202", -900, Some("3783511"));
    ded.references = vec![ocr("1000256")];
    let expected = BankFile {
        format: FileFormat::BgMax,
        file_id: "20261202235959000001".into(),
        created: "2026-12-02T23:59:59.000001".into(),
        test: true,
        deposits: vec![Deposit {
            account: "9912346".into(),
            currency: Currency::Sek,
            booking_date: date(2026, 12, 2),
            total: 99_000,
            bank_ref: "00009".into(),
            payments: vec![pay, ded],
            position: Position::Line(2),
        }],
    };
    assert_eq!(file, expected);
}

/// The same records with CRLF or LF line ends, or with a final line end missing, read alike.
#[test]
fn line_ends_do_not_matter() {
    let crlf = testdata("golden_several_deposits.txt");
    let lf: Vec<u8> = crlf.iter().copied().filter(|&b| b != b'\r').collect();
    let unterminated = &crlf[..crlf.len() - 2];
    let expected = read(&crlf).expect("reads");
    assert_eq!(read(&lf), Ok(expected.clone()));
    assert_eq!(read(unterminated), Ok(expected));
}
