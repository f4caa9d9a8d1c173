//! Property tests: generated numbers validate and round-trip, single-digit typos are caught,
//! arbitrary text never panics, and masking never shows the serial and check digits.

use chrono::{Datelike, Duration, NaiveDate};
use proptest::prelude::*;

use super::{generate_valid, NationalId};
use crate::ktime::Country;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn today() -> NaiveDate {
    ymd(2026, 11, 28)
}

/// Any day from 1900-01-01 to 2020-12-31.
fn birth_date() -> impl Strategy<Value = NaiveDate> {
    let first = ymd(1900, 1, 1);
    let days = (ymd(2020, 12, 31) - first).num_days();
    (0..=days).prop_map(move |d| first + Duration::days(d))
}

fn country() -> impl Strategy<Value = Country> {
    prop_oneof![
        Just(Country::SE),
        Just(Country::NO),
        Just(Country::FI),
        Just(Country::DK),
    ]
}

/// A generated valid number in the layout people type: the Swedish one as 10 digits with the
/// separator its age calls for, the others as generated.
fn typed(country: Country, birth: NaiveDate, serial: u32) -> String {
    let n = generate_valid(country, birth, serial).expect("birth years 1900–2020 are covered");
    if country != Country::SE {
        return n;
    }
    let separator = if today().year() - birth.year() >= 100 {
        '+'
    } else {
        '-'
    };
    format!("{}{separator}{}", &n[2..8], &n[8..])
}

/// `input` with the digit at byte `pos` replaced by `digit`.
fn replace_digit(input: &str, pos: usize, digit: u8) -> String {
    let mut bytes = input.as_bytes().to_vec();
    bytes[pos] = b'0' + digit;
    String::from_utf8(bytes).expect("ASCII")
}

proptest! {
    #[test]
    fn generated_numbers_validate_and_round_trip(
        country in country(),
        birth in birth_date(),
        serial in any::<u32>(),
    ) {
        let n = generate_valid(country, birth, serial).expect("covered birth year");
        let id = NationalId::parse(country, &n, today()).expect("generated id is valid");
        prop_assert_eq!(id.expose_normalized(), n.as_str());
        prop_assert_eq!(id.birth_date(), birth);
        prop_assert_eq!(id.country(), country);
        let again = NationalId::parse(country, id.expose_normalized(), today()).expect("normalized");
        prop_assert_eq!(again, id);
    }

    #[test]
    fn swedish_ten_digit_form_finds_the_century(birth in birth_date(), serial in any::<u32>()) {
        let input = typed(Country::SE, birth, serial);
        let id = NationalId::parse(Country::SE, &input, today()).expect("valid 10-digit id");
        prop_assert_eq!(id.birth_date(), birth);
        let normalized = generate_valid(Country::SE, birth, serial).expect("covered");
        prop_assert_eq!(id.expose_normalized(), normalized.as_str());
    }

    #[test]
    fn any_single_digit_change_is_refused(
        country in prop_oneof![Just(Country::SE), Just(Country::NO), Just(Country::FI)],
        birth in birth_date(),
        serial in any::<u32>(),
        pos in any::<prop::sample::Index>(),
        shift in 1u8..=9,
    ) {
        // The 10-digit Swedish form: the century digits of the 12-digit form are not covered
        // by the check digit, so changing them can give another valid number.
        let input = typed(country, birth, serial);
        let positions: Vec<usize> = input
            .bytes()
            .enumerate()
            .filter(|(_, b)| b.is_ascii_digit())
            .map(|(i, _)| i)
            .collect();
        let at = positions[pos.index(positions.len())];
        let old = input.as_bytes()[at] - b'0';
        let changed = replace_digit(&input, at, (old + shift) % 10);
        prop_assert!(
            NationalId::parse(country, &changed, today()).is_err(),
            "{} accepted after changing {}", changed, input
        );
    }

    #[test]
    fn parse_never_panics_on_arbitrary_text(country in country(), input in ".{0,40}") {
        let _ = NationalId::parse(country, &input, today());
    }

    #[test]
    fn parse_never_panics_on_id_like_text(
        country in prop_oneof![country(), Just(Country::DE)],
        input in "[0-9+\\-A-Za-z ]{0,16}",
        days in -80_000i64..80_000,
    ) {
        let _ = NationalId::parse(country, &input, today() + Duration::days(days));
    }

    #[test]
    fn masking_hides_the_last_four(
        country in country(),
        birth in birth_date(),
        serial in any::<u32>(),
    ) {
        let n = generate_valid(country, birth, serial).expect("covered birth year");
        let id = NationalId::parse(country, &n, today()).expect("valid");
        let masked = id.masked();
        prop_assert!(masked.ends_with("****"), "{}", masked);
        // What is shown is a prefix of the number that stops at least four characters short,
        // so none of the last four can be in it (they may still happen to equal date digits).
        let shown: String = masked.trim_end_matches('*').trim_end_matches('-').into();
        prop_assert!(n.starts_with(&shown), "{} vs {}", masked, n);
        prop_assert!(shown.len() + 4 <= n.len(), "{}", masked);
        prop_assert_eq!(id.to_string(), masked.clone());
        let debug = format!("{id:?}");
        prop_assert!(!debug.contains(&n), "{}", debug);
        prop_assert!(debug.contains(&masked), "{}", debug);
    }
}
