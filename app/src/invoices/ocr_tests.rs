//! Tests of payment references: the published examples, every error of every scheme, the
//! per-country choice, and properties: generated references validate, any single-digit change
//! is caught, and no input makes a validator panic.

use proptest::prelude::*;

use super::*;

const LD: OcrConfig = OcrConfig {
    length_digit: true,
    kid: KidCheck::Mod10,
};
const PLAIN: OcrConfig = OcrConfig {
    length_digit: false,
    kid: KidCheck::Mod10,
};
const KID11: OcrConfig = OcrConfig {
    length_digit: false,
    kid: KidCheck::Mod11,
};

#[test]
fn kid_mod11_published_examples() {
    // Published MOD11 KIDs: `1234` → `12343` (domain.md §6, the kid-util package),
    // `2345678` → `23456788` (kid-util's README), `12345678903` (no-commons' test suite).
    assert_eq!(kid_mod11(1234), "12343");
    assert_eq!(kid_mod11(2_345_678), "23456788");
    assert_eq!(kid_mod11(1_234_567_890), "12345678903");
    for kid in ["12343", "23456788", "12345678903"] {
        assert_eq!(validate_kid_mod11(kid), Ok(()), "{kid}");
    }
    // The same bases under MOD10 (`2345676` is no-commons' MOD10 example).
    assert_eq!(kid_mod10(234_567), "2345676");
    assert_eq!(
        validate_kid_mod11("23456783"),
        Err(OcrError::CheckDigit {
            expected: 8,
            found: 3
        })
    );
    // A check of 10 is written `-`: 1 × 2 = 2, 11 − 2 = 9; 5 × 2 = 10 → 11 − 10 = 1;
    // 6 × 2 + 0 = 12 → 11 − 1 = 10 → `-`.
    assert_eq!(kid_mod11(6), "6-");
    assert_eq!(validate_kid_mod11("6-"), Ok(()));
    assert_eq!(
        validate_kid_mod11("60"),
        Err(OcrError::CheckDigit {
            expected: 10,
            found: 0
        })
    );
    assert_eq!(
        validate_kid_mod11("1-"),
        Err(OcrError::CheckDigit {
            expected: 9,
            found: 10
        })
    );
    assert!(matches!(
        validate_kid_mod11("12-3"),
        Err(OcrError::NotDigits { position: 3, .. })
    ));
    assert!(matches!(
        validate_kid_mod11("1"),
        Err(OcrError::TooShort { .. })
    ));
    assert!(matches!(
        validate_kid_mod11(""),
        Err(OcrError::TooShort { .. })
    ));
    // The setting picks the Norwegian scheme; the others do not change.
    assert_eq!(scheme_with(Country::NO, KID11), ReferenceScheme::NoKidMod11);
    assert_eq!(scheme_with(Country::NO, PLAIN), ReferenceScheme::NoKidMod10);
    assert_eq!(scheme_with(Country::SE, KID11), ReferenceScheme::SeOcr);
    assert_eq!(reference_for(Country::NO, 1234, KID11), Ok("12343".into()));
    assert_eq!(reference_for(Country::NO, 1234, PLAIN), Ok("12344".into()));
    assert!(validate_reference(Country::NO, "12344", KID11).is_err());
    assert_eq!(validate_reference(Country::NO, "12343", KID11), Ok(()));
}

#[test]
fn bankgirot_examples() {
    assert_eq!(generate(123, PLAIN), "1230");
    assert_eq!(generate(123, LD), "12351");
    assert_eq!(validate("1230", PLAIN), Ok(()));
    assert_eq!(validate("12351", LD), Ok(()));
    assert_eq!(OcrConfig::default(), PLAIN);
}

#[test]
fn luhn_is_the_bankgiro_and_personnummer_check() {
    // Bankgiro number 5402-9681.
    assert_eq!(luhn_check_digit(&[5, 4, 0, 2, 9, 6, 8]), 1);
    // Personnummer 811218-987(6).
    assert_eq!(luhn_check_digit(&[8, 1, 1, 2, 1, 8, 9, 8, 7]), 6);
    assert_eq!(luhn_check_digit(&[]), 0);
    assert_eq!(luhn_check_digit(&[0]), 0);
    assert_eq!(luhn_check_digit(&[9]), 1);
}

#[test]
fn length_digit_is_the_ones_digit_of_the_length() {
    // 9 digits + 2 control digits = 11 → length digit 1.
    let ocr = generate(123_456_789, LD);
    assert_eq!(ocr.len(), 11);
    assert_eq!(&ocr[9..10], "1");
    assert_eq!(validate(&ocr, LD), Ok(()));
    // 8 digits + 2 = 10 → 0.
    let ocr = generate(12_345_678, LD);
    assert_eq!(&ocr[8..9], "0");
    assert_eq!(validate(&ocr, LD), Ok(()));
    // Small and large bases.
    assert_eq!(generate(0, PLAIN), "00");
    assert_eq!(validate(&generate(0, LD), LD), Ok(()));
    assert_eq!(generate(u64::MAX, LD).len(), 22);
}

#[test]
fn digits_bases_keep_leading_zeros() {
    assert_eq!(generate_from_digits("00123", PLAIN), Ok("001230".into()));
    assert_eq!(generate_from_digits("123", LD), Ok("12351".into()));
    assert_eq!(
        generate_from_digits("", PLAIN),
        Err(OcrError::TooShort { len: 0, min: 1 })
    );
    assert_eq!(
        generate_from_digits("12a", PLAIN),
        Err(OcrError::NotDigits {
            position: 3,
            found: 'a'
        })
    );
    let ok = "1".repeat(24);
    assert_eq!(generate_from_digits(&ok, PLAIN).map(|s| s.len()), Ok(25));
    assert_eq!(
        generate_from_digits(&"1".repeat(25), PLAIN),
        Err(OcrError::TooLong { len: 25, max: 24 })
    );
    assert_eq!(
        generate_from_digits(&"1".repeat(24), LD),
        Err(OcrError::TooLong { len: 24, max: 23 })
    );
}

#[test]
fn ocr_errors_name_what_is_wrong() {
    assert_eq!(
        validate("1231", PLAIN),
        Err(OcrError::CheckDigit {
            expected: 0,
            found: 1
        })
    );
    assert_eq!(
        validate("12361", LD),
        Err(OcrError::LengthDigit {
            expected: 5,
            found: 6
        })
    );
    assert_eq!(
        validate("12352", LD),
        Err(OcrError::CheckDigit {
            expected: 1,
            found: 2
        })
    );
    // A dropped digit: the length digit says so before the check digit does.
    assert!(matches!(
        validate("1351", LD),
        Err(OcrError::LengthDigit { expected: 4, .. })
    ));
    assert_eq!(
        validate("", PLAIN),
        Err(OcrError::TooShort { len: 0, min: 2 })
    );
    assert_eq!(
        validate("0", PLAIN),
        Err(OcrError::TooShort { len: 1, min: 2 })
    );
    assert_eq!(
        validate("00", LD),
        Err(OcrError::TooShort { len: 2, min: 3 })
    );
    assert_eq!(
        validate("12 30", PLAIN),
        Err(OcrError::NotDigits {
            position: 3,
            found: ' '
        })
    );
    // Full-width and other non-ASCII digits are not digits of a reference.
    assert!(matches!(
        validate("１２３０", PLAIN),
        Err(OcrError::NotDigits { position: 1, .. })
    ));
    assert_eq!(
        validate(&"0".repeat(26), PLAIN),
        Err(OcrError::TooLong { len: 26, max: 25 })
    );
    assert_eq!(validate(&"0".repeat(25), PLAIN), Ok(()));
    // Too long is reported before anything else, so huge input costs nothing more.
    assert!(matches!(
        validate(&"x".repeat(10_000), PLAIN),
        Err(OcrError::TooLong { len: 10_000, .. })
    ));
}

#[test]
fn error_messages_name_the_problem() {
    let cases = [
        (
            OcrError::NotDigits {
                position: 2,
                found: 'x',
            },
            "not a digit: 'x' at position 2",
        ),
        (
            OcrError::TooShort { len: 1, min: 2 },
            "too short: 1 characters, at least 2",
        ),
        (
            OcrError::TooLong { len: 26, max: 25 },
            "too long: 26 characters, at most 25",
        ),
        (
            OcrError::CheckDigit {
                expected: 0,
                found: 1,
            },
            "wrong check digit: expected 0, found 1",
        ),
        (
            OcrError::LengthDigit {
                expected: 5,
                found: 6,
            },
            "wrong length digit: expected 5, found 6",
        ),
        (
            OcrError::MissingRfPrefix,
            "an RF reference starts with \"RF\"",
        ),
        (
            OcrError::InvalidCharacter {
                position: 7,
                found: '-',
            },
            "not a letter or digit: '-' at position 7",
        ),
    ];
    for (e, message) in cases {
        assert_eq!(e.to_string(), message);
    }
}

#[test]
fn norwegian_kid_mod10() {
    assert_eq!(kid_mod10(1234), "12344");
    assert_eq!(validate_kid_mod10("12344"), Ok(()));
    assert_eq!(
        validate_kid_mod10("12345"),
        Err(OcrError::CheckDigit {
            expected: 4,
            found: 5
        })
    );
    assert_eq!(
        validate_kid_mod10("4"),
        Err(OcrError::TooShort { len: 1, min: 2 })
    );
    assert_eq!(
        validate_kid_mod10(&"0".repeat(26)),
        Err(OcrError::TooLong { len: 26, max: 25 })
    );
    assert!(matches!(
        validate_kid_mod10("1234-4"),
        Err(OcrError::NotDigits { position: 5, .. })
    ));
}

#[test]
fn danish_mod10_payment_id() {
    assert_eq!(dk_payment_id(1234), "12344");
    assert_eq!(validate_dk_payment_id("12344"), Ok(()));
    assert!(matches!(
        validate_dk_payment_id("12340"),
        Err(OcrError::CheckDigit { .. })
    ));
    assert!(matches!(
        validate_dk_payment_id(""),
        Err(OcrError::TooShort { .. })
    ));
}

#[test]
fn finnish_viitenumero() {
    assert_eq!(viitenumero(617_435), Ok("6174354".into()));
    assert_eq!(viitenumero(1234), Ok("12344".into()));
    assert_eq!(fi_check_digit(&[6, 1, 7, 4, 3, 5]), 4);
    assert_eq!(validate_viitenumero("6174354"), Ok(()));
    assert_eq!(validate_viitenumero("12344"), Ok(()));
    assert_eq!(
        validate_viitenumero("6174355"),
        Err(OcrError::CheckDigit {
            expected: 4,
            found: 5
        })
    );
    assert_eq!(viitenumero(99), Err(OcrError::TooShort { len: 2, min: 3 }));
    assert_eq!(viitenumero(100).map(|r| r.len()), Ok(4));
    assert_eq!(
        viitenumero(9_999_999_999_999_999_999).map(|r| r.len()),
        Ok(20)
    );
    assert_eq!(
        viitenumero(10_000_000_000_000_000_000),
        Err(OcrError::TooLong { len: 20, max: 19 })
    );
    assert_eq!(
        validate_viitenumero("123"),
        Err(OcrError::TooShort { len: 3, min: 4 })
    );
    assert_eq!(
        validate_viitenumero(&"1".repeat(21)),
        Err(OcrError::TooLong { len: 21, max: 20 })
    );
    assert_eq!(
        validate_viitenumero("61743 54"),
        Err(OcrError::NotDigits {
            position: 6,
            found: ' '
        })
    );
}

#[test]
fn rf_creditor_reference() {
    assert_eq!(rf_reference("539007547034"), Ok("RF18539007547034".into()));
    assert_eq!(validate_rf("RF18539007547034"), Ok(()));
    assert_eq!(validate_rf("rf18539007547034"), Ok(()));
    let lower = rf_reference("abc123").unwrap();
    assert!(lower.ends_with("ABC123"));
    assert_eq!(validate_rf(&lower), Ok(()));
    assert_eq!(
        validate_rf("RF19539007547034"),
        Err(OcrError::CheckDigit {
            expected: 18,
            found: 19
        })
    );
    for impossible in ["RF00539007547034", "RF01539007547034", "RF99539007547034"] {
        assert!(matches!(
            validate_rf(impossible),
            Err(OcrError::CheckDigit { expected: 18, .. })
        ));
    }
    assert_eq!(
        validate_rf("XX18539007547034"),
        Err(OcrError::MissingRfPrefix)
    );
    assert_eq!(
        validate_rf("RF1A539007547034"),
        Err(OcrError::NotDigits {
            position: 4,
            found: 'A'
        })
    );
    assert_eq!(
        validate_rf("RF18539-07547034"),
        Err(OcrError::InvalidCharacter {
            position: 8,
            found: '-'
        })
    );
    assert_eq!(
        validate_rf("RF18"),
        Err(OcrError::TooShort { len: 4, min: 5 })
    );
    assert_eq!(
        validate_rf(&format!("RF18{}", "1".repeat(22))),
        Err(OcrError::TooLong { len: 26, max: 25 })
    );
    assert_eq!(rf_reference(""), Err(OcrError::TooShort { len: 0, min: 1 }));
    assert_eq!(
        rf_reference(&"1".repeat(22)),
        Err(OcrError::TooLong { len: 22, max: 21 })
    );
    assert_eq!(
        rf_reference("ab-c"),
        Err(OcrError::InvalidCharacter {
            position: 3,
            found: '-'
        })
    );
    assert!(matches!(
        validate_rf("RFé8539007547034"),
        Err(OcrError::NotDigits { position: 3, .. })
    ));
}

#[test]
fn each_country_has_its_scheme() {
    assert_eq!(scheme_for(Country::SE), ReferenceScheme::SeOcr);
    assert_eq!(scheme_for(Country::NO), ReferenceScheme::NoKidMod10);
    assert_eq!(scheme_for(Country::FI), ReferenceScheme::FiViitenumero);
    assert_eq!(scheme_for(Country::DK), ReferenceScheme::DkMod10);
    assert_eq!(scheme_for(Country::DE), ReferenceScheme::Rf);

    assert_eq!(reference_for(Country::SE, 123, PLAIN), Ok("1230".into()));
    assert_eq!(reference_for(Country::SE, 123, LD), Ok("12351".into()));
    assert_eq!(reference_for(Country::NO, 1234, LD), Ok("12344".into()));
    assert_eq!(
        reference_for(Country::FI, 617_435, LD),
        Ok("6174354".into())
    );
    assert_eq!(reference_for(Country::DK, 1234, LD), Ok("12344".into()));
    assert_eq!(
        reference_for(Country::DE, 539_007_547_034, PLAIN),
        Ok("RF18539007547034".into())
    );
    assert_eq!(
        reference_for(Country::FI, 12, PLAIN),
        Err(OcrError::TooShort { len: 2, min: 3 })
    );
    // The invoice number series start at 1000001 (SE) … 4000001 (DK).
    for (country, first) in [
        (Country::SE, 1_000_001),
        (Country::NO, 2_000_001),
        (Country::FI, 3_000_001),
        (Country::DK, 4_000_001),
        (Country::DE, 5_000_001),
    ] {
        for config in [PLAIN, LD] {
            let r = reference_for(country, first, config).unwrap();
            assert_eq!(validate_reference(country, &r, config), Ok(()), "{r}");
        }
    }
    assert!(validate_reference(Country::SE, "1231", PLAIN).is_err());
    assert!(validate_reference(Country::NO, "12345", PLAIN).is_err());
    assert!(validate_reference(Country::FI, "6174355", PLAIN).is_err());
    assert!(validate_reference(Country::DK, "12345", PLAIN).is_err());
    assert!(validate_reference(Country::DE, "RF19539007547034", PLAIN).is_err());
}

fn country() -> impl Strategy<Value = Country> {
    prop::sample::select(Country::ALL.to_vec())
}

fn config() -> impl Strategy<Value = OcrConfig> {
    (any::<bool>(), any::<bool>()).prop_map(|(length_digit, mod11)| OcrConfig {
        length_digit,
        kid: if mod11 {
            KidCheck::Mod11
        } else {
            KidCheck::Mod10
        },
    })
}

/// `reference` with the character at byte `pos` (an ASCII digit) replaced by another digit.
fn change_digit(reference: &str, pos: usize, by: u8) -> String {
    let mut bytes = reference.as_bytes().to_vec();
    let old = bytes[pos] - b'0';
    bytes[pos] = b'0' + (old + by) % 10;
    String::from_utf8(bytes).expect("ASCII")
}

proptest! {
    #[test]
    fn generated_references_validate(
        country in country(),
        base in 100_u64..=9_999_999_999_999_999_999,
        config in config(),
    ) {
        let r = reference_for(country, base, config).unwrap();
        prop_assert_eq!(validate_reference(country, &r, config), Ok(()));
    }

    #[test]
    fn generated_ocr_numbers_validate(base in any::<u64>(), digits in "[0-9]{1,23}", config in config()) {
        prop_assert_eq!(validate(&generate(base, config), config), Ok(()));
        let from_digits = generate_from_digits(&digits, config).unwrap();
        prop_assert!(from_digits.starts_with(&digits));
        prop_assert_eq!(validate(&from_digits, config), Ok(()));
        prop_assert_eq!(validate_kid_mod10(&kid_mod10(base)), Ok(()));
        prop_assert_eq!(validate_kid_mod11(&kid_mod11(base)), Ok(()));
        prop_assert_eq!(validate_dk_payment_id(&dk_payment_id(base)), Ok(()));
    }

    #[test]
    fn generated_rf_references_validate(base in "[A-Za-z0-9]{1,21}") {
        let r = rf_reference(&base).unwrap();
        prop_assert_eq!(r.len(), base.len() + 4);
        prop_assert_eq!(validate_rf(&r), Ok(()));
    }

    #[test]
    fn any_single_digit_change_fails(
        country in country(),
        base in 100_u64..=9_999_999_999_999_999_999,
        config in config(),
        pick in any::<prop::sample::Index>(),
        by in 1_u8..=9,
    ) {
        let r = reference_for(country, base, config).unwrap();
        // Digit positions: all of them (not the `RF` of an RF reference, nor a MOD11 `-`).
        let digits: Vec<usize> = r
            .bytes()
            .enumerate()
            .filter(|(i, b)| b.is_ascii_digit() && !(r.starts_with("RF") && *i < 2))
            .map(|(i, _)| i)
            .collect();
        let pos = digits[pick.index(digits.len())];
        let changed = change_digit(&r, pos, by);
        prop_assert!(validate_reference(country, &changed, config).is_err(), "{} → {}", r, changed);
    }

    #[test]
    fn any_single_digit_change_of_an_ocr_fails(
        digits in "[0-9]{1,23}",
        config in config(),
        pick in any::<prop::sample::Index>(),
        by in 1_u8..=9,
    ) {
        let r = generate_from_digits(&digits, config).unwrap();
        let changed = change_digit(&r, pick.index(r.len()), by);
        prop_assert!(validate(&changed, config).is_err());
        let kid = kid_mod10(digits.parse::<u64>().unwrap_or(u64::MAX));
        let changed = change_digit(&kid, pick.index(kid.len()), by);
        prop_assert!(validate_kid_mod10(&changed).is_err());
        let kid = kid_mod11(digits.parse::<u64>().unwrap_or(u64::MAX));
        let pos = pick.index(kid.len() - 1);
        let changed = change_digit(&kid, pos, by);
        prop_assert!(validate_kid_mod11(&changed).is_err(), "{} → {}", kid, changed);
    }

    #[test]
    fn validators_never_panic(text in ".{0,40}", country in country(), config in config()) {
        let _ = validate(&text, config);
        let _ = validate_kid_mod10(&text);
        let _ = validate_kid_mod11(&text);
        let _ = validate_dk_payment_id(&text);
        let _ = validate_viitenumero(&text);
        let _ = validate_rf(&text);
        let _ = validate_reference(country, &text, config);
        let _ = generate_from_digits(&text, config);
        let _ = rf_reference(&text);
    }

    #[test]
    fn rf_like_text_never_panics(text in "[Rr][Ff].{0,25}") {
        let _ = validate_rf(&text);
    }
}
