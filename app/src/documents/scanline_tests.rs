//! The scan lines against oracles outside this code: published examples and check digits
//! worked out by hand in the comments (not with the crate's own check-digit helpers).

use chrono::NaiveDate;

use super::*;

fn spaces(n: usize) -> String {
    " ".repeat(n)
}

#[test]
fn the_swedish_reading_line_has_bankgirots_fields_and_amount_check_digit() {
    // 862,00 kr: Luhn over "86200", weights 2,1,… from the right:
    // 0·2=0, 0·1=0, 2·2=4, 6·1=6, 8·2=16→1+6=7; sum 17 → check 3.
    let expected = format!(
        "# {}10001238 #{}862 00   3 >{}54029681#41#",
        spaces(17),
        spaces(5),
        spaces(17)
    );
    assert_eq!(
        se_bankgiro("10001238", 86_200, "5402-9681").as_deref(),
        Some(expected.as_str())
    );
    // The open-source generator's example amount, 100,00 kr: "10000" → 0,0,0,0,1·2=2 → 8.
    let line = se_bankgiro("123456789", 10_000, "5050-1055").unwrap_or_default();
    assert!(
        line.ends_with("#     100 00   8 >                 50501055#41#"),
        "{line}"
    );
    assert_eq!(
        line.find("#     100"),
        Some(28),
        "the amount field starts at column 29"
    );
    assert_eq!(line.chars().count(), 75);
}

#[test]
fn the_swedish_line_refuses_what_its_fields_cannot_carry() {
    assert_eq!(se_bankgiro("1", 100, "5402-9681"), None);
    assert_eq!(se_bankgiro(&"1".repeat(26), 100, "5402-9681"), None);
    assert_eq!(se_bankgiro("12A4", 100, "5402-9681"), None);
    assert_eq!(se_bankgiro("10001238", 0, "5402-9681"), None);
    assert_eq!(se_bankgiro("10001238", -500, "5402-9681"), None);
    assert_eq!(se_bankgiro("10001238", 10_000_000_000, "5402-9681"), None);
    assert_eq!(se_bankgiro("10001238", 100, "12-34"), None);
}

#[test]
fn the_norwegian_code_line_has_the_kid_amount_check_and_account() {
    // 1 234,50 kr: "123450" from the right 0·2=0, 5, 4·2=8, 3, 2·2=4, 1 → 21 → check 9.
    let expected = format!(
        "H  {}10001238  {}1234  50  < 9 >  86011117947  <",
        spaces(17),
        spaces(4)
    );
    assert_eq!(
        no_giro("10001238", 123_450, "8601.11.17947").as_deref(),
        Some(expected.as_str())
    );
    assert_eq!(no_giro("10001238", 123_450, "8601.11.1794"), None);
    assert_eq!(no_giro("1", 123_450, "8601.11.17947"), None);
    assert_eq!(no_giro("10001238", 0, "8601.11.17947"), None);
}

#[test]
fn the_danish_fik_line_pads_the_payment_id_to_fifteen_digits() {
    assert_eq!(
        dk_fik71("10001238", "85382018").as_deref(),
        Some("+71< 000000010001238 +85382018<")
    );
    assert_eq!(dk_fik71(&"1".repeat(16), "85382018"), None);
    assert_eq!(dk_fik71("10001238", "8538201"), None);
}

#[test]
fn the_finnish_virtual_barcode_matches_published_examples() {
    // Version 4 and 5 examples of the virtuaaliviivakoodi package
    // (github.com/akselinurmio/virtuaaliviivakoodi, README), built from the bank bar code guide.
    let due = NaiveDate::from_ymd_opt(2016, 12, 21);
    assert_eq!(
        fi_virtual_barcode("FI37 1590 3000 0007 76", "11112", 1_225, due).as_deref(),
        Some("437159030000007760000122500000000000000000011112161221")
    );
    let due = NaiveDate::from_ymd_opt(2017, 1, 1);
    assert_eq!(
        fi_virtual_barcode("FI37 1590 3000 0007 76", "RF9811112", 110, due).as_deref(),
        Some("537159030000007760000011098000000000000000011112170101")
    );
}

#[test]
fn the_finnish_virtual_barcode_fills_amount_and_date_by_the_guide() {
    // No due date → 000000; a million euros or more → amount zeros.
    let code = fi_virtual_barcode("FI21 1234 5600 0007 85", "10001235", 100_000_000, None);
    let code = code.unwrap_or_default();
    assert_eq!(code.len(), 54);
    assert_eq!(&code[..1], "4");
    assert_eq!(&code[1..17], "2112345600000785");
    assert_eq!(&code[17..25], "00000000");
    assert_eq!(&code[25..28], "000");
    assert_eq!(&code[28..48], "00000000000010001235");
    assert_eq!(&code[48..], "000000");
    assert_eq!(
        fi_virtual_barcode("SE45 5000 0000 0583 9825 7466", "1232", 1, None),
        None
    );
    assert_eq!(
        fi_virtual_barcode("FI21 1234 5600 0007 85", &"1".repeat(21), 1, None),
        None
    );
    assert_eq!(
        fi_virtual_barcode("FI21 1234 5600 0007 85", "RF98ABC", 1, None),
        None
    );
}

#[test]
fn code_128_c_values_and_check_are_the_worked_ones() {
    // "123456" → pairs 12, 34, 56; check (105 + 12·1 + 34·2 + 56·3) mod 103
    // = (105 + 12 + 68 + 168) mod 103 = 353 mod 103 = 44.
    assert_eq!(code128c("123456"), Some(vec![105, 12, 34, 56, 44]));
    assert_eq!(code128c("123"), None);
    assert_eq!(code128c("12a4"), None);
}

#[test]
fn every_code_128_pattern_is_eleven_modules_with_even_bars() {
    // ISO/IEC 15417: each symbol is 11 modules, its three bars an even number of them (the
    // parity a reader checks) — a typo in the table breaks one of the two.
    for (value, p) in PATTERNS.iter().enumerate() {
        let total: u8 = p.iter().sum();
        let bars = p[0] + p[2] + p[4];
        assert_eq!(total, 11, "value {value}");
        assert_eq!(bars % 2, 0, "value {value}");
    }
    assert_eq!(STOP.iter().map(|w| u32::from(*w)).sum::<u32>(), 13);
    // 54 digits: start, 27 pairs, check = 29 symbols of 11 modules, plus the 13 of stop.
    let values = code128c(&"0".repeat(54)).unwrap_or_default();
    let bars = bars(&values);
    let end = bars.last().map(|(x, w)| x + w);
    assert_eq!(end, Some(29 * 11 + 13));
}
