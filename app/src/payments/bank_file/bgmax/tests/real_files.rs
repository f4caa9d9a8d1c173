//! Bankgirot's published sample files, read exactly: counts, sums, splits, the flagged
//! reference, and the deduction sample that shows how TK21 enters the TK15 amount.

use super::{date, ocr, reference, testdata};
use crate::invoices::ocr::luhn_check_digit;
use crate::money::Currency;
use crate::payments::bank_file::bgmax::read;
use crate::payments::bank_file::model::{FileFormat, PaymentKind, Position};

fn luhn_ok(reference: &str) -> bool {
    let digits: Vec<u8> = reference.bytes().map(|b| b - b'0').collect();
    match digits.split_last() {
        Some((&check, payload)) => luhn_check_digit(payload) == check,
        None => false,
    }
}

#[test]
fn bgmaxfil4_deposits_counts_and_sums() {
    let file = read(&testdata("BgMaxfil4.txt")).expect("Bankgirot's sample reads");
    assert_eq!(file.format, FileFormat::BgMax);
    assert_eq!(file.file_id, "20040525173035010331");
    assert_eq!(file.created, "2004-05-25T17:30:35.010331");
    assert!(!file.test);

    let d = &file.deposits;
    assert_eq!(d.len(), 4);
    assert!(d.iter().all(|d| d.account == "9912346"));
    assert!(d.iter().all(|d| d.booking_date == date(2004, 5, 25)));
    let currencies: Vec<_> = d.iter().map(|d| d.currency).collect();
    assert_eq!(
        currencies,
        [Currency::Sek, Currency::Sek, Currency::Sek, Currency::Eur]
    );
    let totals: Vec<_> = d.iter().map(|d| d.total).collect();
    assert_eq!(totals, [370_000, 200_000, 290_000, 400_000]);
    let serials: Vec<_> = d.iter().map(|d| d.bank_ref.as_str()).collect();
    assert_eq!(serials, ["00056", "00057", "00058", "00059"]);
    let starts: Vec<_> = d.iter().map(|d| d.position.clone()).collect();
    assert_eq!(starts, [2, 20, 29, 51].map(Position::Line));

    // 9 TK20, all payments; each deposit's payments add up to its TK15 amount.
    let amounts: Vec<Vec<i64>> = d
        .iter()
        .map(|d| d.payments.iter().map(|p| p.amount).collect())
        .collect();
    assert_eq!(
        amounts,
        [
            vec![180_000, 190_000],
            vec![200_000],
            vec![50_000, 50_000, 50_000, 140_000],
            vec![300_000, 100_000],
        ]
    );
    for deposit in d {
        assert_eq!(
            deposit.payments.iter().map(|p| p.amount).sum::<i64>(),
            deposit.total
        );
        assert!(deposit
            .payments
            .iter()
            .all(|p| p.kind == PaymentKind::Payment));
    }
    let lines: Vec<Vec<Position>> = d
        .iter()
        .map(|d| d.payments.iter().map(|p| p.position.clone()).collect())
        .collect();
    assert_eq!(
        lines,
        [
            vec![Position::Line(3), Position::Line(14)],
            vec![Position::Line(21)],
            [30, 35, 40, 41].map(Position::Line).to_vec(),
            vec![Position::Line(52), Position::Line(61)],
        ]
    );

    // 13 extra references (12 TK22 + 1 TK23) besides the 6 references in TK20s.
    let all: Vec<_> = d
        .iter()
        .flat_map(|d| &d.payments)
        .flat_map(|p| &p.references)
        .collect();
    assert_eq!(all.len(), 19);
}

#[test]
fn bgmaxfil4_splits_and_the_flagged_reference() {
    let file = read(&testdata("BgMaxfil4.txt")).expect("reads");
    let d = &file.deposits;

    // TK20 140000 (blank reference) split 100000 + 50000 + 40000 − 50000 (the TK23).
    let split = &d[2].payments[3];
    assert_eq!(split.amount, 140_000);
    assert_eq!(
        split.references,
        [
            reference("7495575", true, Some(100_000), false),
            reference("695668", true, Some(50_000), false),
            reference("8988777", false, Some(40_000), true),
            reference("74450", true, Some(-50_000), false),
        ]
    );
    let parts: i64 = split.references.iter().filter_map(|r| r.amount).sum();
    assert_eq!(parts, split.amount);

    // 200000 split 170000 + 30000 over two TK22.
    let two = &d[1].payments[0];
    assert_eq!(
        two.references,
        [
            reference("573964", true, Some(170_000), false),
            reference("573865", true, Some(30_000), false),
        ]
    );

    // Four TK22 without amounts after a blank TK20: four invoices, the split not given.
    let four = &d[0].payments[0];
    assert_eq!(
        four.references,
        [ocr("665760"), ocr("665869"), ocr("665661"), ocr("657775")]
    );
    assert_eq!(
        four.information,
        ["Betalning med extra refnr 665869 657775 665661", "665760"]
    );

    // Code 3 (several references in one field) is kept as free text.
    assert_eq!(
        d[3].payments[0].references[0],
        reference("8012577,8013575", false, None, false)
    );

    // The one reference Bankgirot flagged (code 5) is the only one that fails Luhn; every
    // reference it marked correct OCR (code 2) passes.
    let all: Vec<_> = d
        .iter()
        .flat_map(|d| &d.payments)
        .flat_map(|p| &p.references)
        .collect();
    let flagged: Vec<_> = all.iter().filter(|r| r.bank_flagged_invalid).collect();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].value, "8988777");
    assert!(!luhn_ok("8988777"));
    assert!(all
        .iter()
        .filter(|r| r.structured)
        .all(|r| luhn_ok(&r.value)));
    assert_eq!(all.iter().filter(|r| r.structured).count(), 17);
}

#[test]
fn bgmaxfil4_payers_in_latin1() {
    let file = read(&testdata("BgMaxfil4.txt")).expect("reads");
    let first = &file.deposits[0].payments[0].payer;
    assert_eq!(first.name.as_deref(), Some("Kalles Plåt AB"));
    assert_eq!(first.address, ["Storgatan 2"]);
    assert_eq!(first.postal_code.as_deref(), Some("12345"));
    assert_eq!(first.city.as_deref(), Some("Storåker"));
    assert_eq!(first.country, None);
    assert_eq!(first.account.as_deref(), Some("3783511"));
    assert_eq!(first.national_id.as_deref(), Some("005500001234"));
    let second = &file.deposits[0].payments[1].payer;
    assert_eq!(second.name.as_deref(), Some("Olles färg AB"));
    // Written left-aligned with 11 digits in the sample.
    assert_eq!(second.national_id.as_deref(), Some("00550000432"));
    // A payer bankgiro of zeros is no account.
    assert_eq!(file.deposits[2].payments[2].payer.account, None);
    assert_eq!(file.deposits[2].payments[2].payer.name, None);
    assert_eq!(file.deposits[3].payments[0].information, ["Faktura8014573"]);
}

/// The sample as published has two tabs on line 17: refused, with the line and column.
#[test]
fn ocr_kontroll_sample_with_its_tabs_is_refused_at_line_17() {
    let err = read(&testdata(
        "bankgiroinbetalningar_exempelfil_ocr_kontroll.txt",
    ))
    .expect_err("tabs are not BgMax");
    assert_eq!(err.position, Position::Line(17));
    assert_eq!(err.field, "line");
    assert!(err.message.contains("column 13"), "{err}");
    assert!(err.message.contains("0x09"), "{err}");
}

/// With the tabs replaced by the 12 blanks they stand for, the sample shows how Bankgirot
/// counts a deduction: TK15 amount = TK20 − TK21, TK15 count = TK20 + TK21.
#[test]
fn ocr_kontroll_sample_deduction_enters_the_deposit_negatively() {
    let raw = testdata("bankgiroinbetalningar_exempelfil_ocr_kontroll.txt");
    let bytes: Vec<u8> = raw
        .iter()
        .flat_map(|&b| if b == b'\t' { vec![b' '; 6] } else { vec![b] })
        .collect();
    let file = read(&bytes).expect("reads once the tabs are blanks");
    assert_eq!(file.deposits.len(), 2);
    let first = &file.deposits[0];
    assert_eq!(first.total, 190_000);
    let amounts: Vec<_> = first.payments.iter().map(|p| (p.kind, p.amount)).collect();
    assert_eq!(
        amounts,
        [
            (PaymentKind::Payment, 100_000),
            (PaymentKind::Deduction, -50_000),
            (PaymentKind::Payment, 140_000),
        ]
    );
    let deduction = &first.payments[1];
    assert_eq!(deduction.bank_ref, "000230000111");
    assert_eq!(
        deduction.references,
        [reference("89853", false, None, false)]
    );
    assert_eq!(deduction.position, Position::Line(8));
    // The repaired line 17 and the short line 16 are TK22s of the payment on line 13.
    let refs: Vec<_> = first.payments[2]
        .references
        .iter()
        .map(|r| r.value.as_str())
        .collect();
    assert_eq!(
        refs,
        [
            "657866 658765 657767",
            "657866",
            "658765",
            "657767",
            "657965"
        ]
    );

    let second = &file.deposits[1];
    assert_eq!(second.total, 800_000);
    assert_eq!(second.payments.len(), 4);
    // Reference code 1 with a blank field: no reference.
    assert!(second.payments[1].references.is_empty());
}
