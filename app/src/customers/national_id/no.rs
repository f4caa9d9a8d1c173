//! Norwegian fødselsnummer, D-number and H-number (domain.md §6).
//!
//! Layout `DDMMYY` + three individual digits + two mod-11 check digits. The century is not
//! written: it follows from the individual number's range.

use chrono::{Datelike, NaiveDate};

use super::{date, digits, number, sex_from_digit, IdError, IdKind, NationalId};
use crate::ktime::Country;

/// Weights of the first check digit, over the nine digits before it.
const K1_WEIGHTS: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
/// Weights of the second check digit, over the ten digits before it.
const K2_WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// Checks a Norwegian number; `input` is trimmed ASCII.
pub(super) fn parse(input: &str) -> Result<NationalId, IdError> {
    let d = digits(input.as_bytes())
        .filter(|d| d.len() == 11)
        .ok_or(IdError::Format("expected 11 digits"))?;
    if mod11(&d[..9], &K1_WEIGHTS) != Some(d[9]) || mod11(&d[..10], &K2_WEIGHTS) != Some(d[10]) {
        return Err(IdError::CheckDigit);
    }
    let (day, month) = (number(&d[0..2]), number(&d[2..4]));
    let (kind, day, month) = if day > 40 {
        (IdKind::DNumber, day - 40, month)
    } else if month > 40 {
        (IdKind::HNumber, day, month - 40)
    } else {
        (IdKind::Fodselsnummer, day, month)
    };
    let year = birth_year(number(&d[4..6]), number(&d[6..9]))?;
    let birth_date = date(year, month, day)?;
    Ok(NationalId {
        country: Country::NO,
        normalized: input.to_string(),
        kind,
        birth_date,
        sex: Some(sex_from_digit(d[8])),
        mod11_ok: true,
    })
}

/// The birth year from the two-digit year and the individual number, by the ranges the
/// population register allocates:
/// 000–499 → 1900–1999, 500–749 → 1854–1899, 500–999 → 2000–2039, 900–999 → 1940–1999.
fn birth_year(yy: u32, individual: u32) -> Result<i32, IdError> {
    let century = match (individual, yy) {
        (0..=499, _) => 1900,
        (500..=749, 54..=99) => 1800,
        (500..=999, 0..=39) => 2000,
        (900..=999, 40..=99) => 1900,
        _ => return Err(IdError::Century),
    };
    i32::try_from(yy)
        .map(|yy| century + yy)
        .map_err(|_| IdError::Century)
}

/// The mod-11 check digit over `digits`: 11 − (weighted sum mod 11), 11 → 0, and `None` for 10
/// (no such number is issued).
fn mod11(digits: &[u32], weights: &[u32]) -> Option<u32> {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k),
    }
}

/// A valid fødselsnummer for `birth`; serial picks the individual number within the range
/// for the birth year, skipping those whose check digit would be 10.
pub(super) fn generate(birth: NaiveDate, serial: u32) -> Option<String> {
    let year = birth.year();
    let (first, span) = match year {
        1854..=1899 => (500, 250),
        1900..=1999 => (0, 500),
        2000..=2039 => (500, 500),
        _ => return None,
    };
    let start = serial % span;
    (0..span).find_map(|i| {
        let individual = first + (start + i) % span;
        let nine = format!(
            "{:02}{:02}{:02}{individual:03}",
            birth.day(),
            birth.month(),
            year % 100
        );
        let mut d = digits(nine.as_bytes())?;
        let k1 = mod11(&d, &K1_WEIGHTS)?;
        d.push(k1);
        let k2 = mod11(&d, &K2_WEIGHTS)?;
        Some(format!("{nine}{k1}{k2}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn no(input: &str) -> Result<NationalId, IdError> {
        NationalId::parse(Country::NO, input, ymd(2026, 11, 28))
    }

    /// A valid number from the nine digits, with the last individual digit moved on if needed
    /// (about one in six prefixes has a check digit of 10, which is never issued).
    fn with_checks(nine: &str) -> String {
        let d = digits(nine.as_bytes()).expect("digits");
        (0..10)
            .find_map(|i| {
                let mut d = d.clone();
                d[8] = (d[8] + i) % 10;
                let k1 = mod11(&d, &K1_WEIGHTS)?;
                d.push(k1);
                let k2 = mod11(&d, &K2_WEIGHTS)?;
                d.push(k2);
                Some(d.iter().map(u32::to_string).collect())
            })
            .expect("some last digit gives valid check digits")
    }

    #[test]
    fn published_example_is_valid() {
        let id = no("15108695088").unwrap();
        assert_eq!(id.kind(), IdKind::Fodselsnummer);
        assert_eq!(id.birth_date(), ymd(1986, 10, 15));
        assert_eq!(id.expose_normalized(), "15108695088");
        assert_eq!(id.sex(), Some(super::super::Sex::Female));
    }

    #[test]
    fn published_invalid_example_is_refused() {
        assert_eq!(no("15108695077").unwrap_err(), IdError::CheckDigit);
    }

    #[test]
    fn d_number_adds_forty_to_the_day() {
        let n = with_checks("551086950");
        let id = no(&n).unwrap();
        assert_eq!(id.kind(), IdKind::DNumber);
        assert_eq!(id.birth_date(), ymd(1986, 10, 15));
        assert_eq!(id.masked(), "551086*****");
    }

    #[test]
    fn h_number_adds_forty_to_the_month() {
        let id = no(&with_checks("155086950")).unwrap();
        assert_eq!(id.kind(), IdKind::HNumber);
        assert_eq!(id.birth_date(), ymd(1986, 10, 15));
    }

    #[test]
    fn century_from_the_individual_number() {
        assert_eq!(
            no(&with_checks("010160123")).unwrap().birth_date(),
            ymd(1960, 1, 1)
        );
        assert_eq!(no(&with_checks("010145600")).unwrap_err(), IdError::Century);
        assert_eq!(
            no(&with_checks("010160950")).unwrap().birth_date(),
            ymd(1960, 1, 1)
        );
        assert_eq!(no(&with_checks("010160800")).unwrap_err(), IdError::Century);
        assert_eq!(
            no(&with_checks("010170600")).unwrap().birth_date(),
            ymd(1870, 1, 1)
        );
        assert_eq!(
            no(&with_checks("010110600")).unwrap().birth_date(),
            ymd(2010, 1, 1)
        );
        assert_eq!(
            no(&with_checks("010110950")).unwrap().birth_date(),
            ymd(2010, 1, 1)
        );
        assert_eq!(
            no(&with_checks("010130600")).unwrap_err(),
            IdError::FutureBirthDate
        );
    }

    #[test]
    fn refuses_wrong_length_and_characters() {
        for input in ["1510869508", "151086950888", "151086-95088", "1510869508x"] {
            assert_eq!(no(input).unwrap_err().code(), "ERR_ID_FORMAT", "{input}");
        }
    }

    #[test]
    fn refuses_impossible_dates() {
        assert_eq!(no(&with_checks("310486123")).unwrap_err(), IdError::Date);
        assert_eq!(no(&with_checks("290201123")).unwrap_err(), IdError::Date);
        assert_eq!(
            no(&with_checks("290204123")).unwrap().birth_date(),
            ymd(1904, 2, 29)
        );
    }

    #[test]
    fn generates_valid_numbers_in_every_range() {
        for birth in [ymd(1860, 3, 4), ymd(1986, 10, 15), ymd(2020, 2, 29)] {
            let n = generate(birth, 42).unwrap();
            assert_eq!(no(&n).unwrap().birth_date(), birth);
        }
        assert_eq!(generate(ymd(1853, 12, 31), 0), None);
        assert_eq!(generate(ymd(2040, 1, 1), 0), None);
    }
}
