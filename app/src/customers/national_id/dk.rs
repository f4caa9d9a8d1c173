//! Danish CPR numbers (domain.md §6).
//!
//! Layout `DDMMYY-SSSS`. The century follows from the seventh digit and the year; the old
//! modulus-11 check is only a hint, because numbers issued since 1 October 2007 need not pass it.

use chrono::{Datelike, NaiveDate};

use super::{date, digits, number, sex_from_digit, IdError, IdKind, NationalId};
use crate::ktime::Country;

/// Weights of the modulus-11 check over all ten digits (valid when the sum is divisible by 11).
const WEIGHTS: [u32; 10] = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

/// Checks a Danish number; `input` is trimmed ASCII, with or without the `-`.
pub(super) fn parse(input: &str) -> Result<NationalId, IdError> {
    let b = input.as_bytes();
    let ten = match b.len() {
        10 => b.to_vec(),
        11 if b[6] == b'-' => [&b[..6], &b[7..]].concat(),
        _ => return Err(IdError::Format("expected 10 digits (DDMMYY-SSSS)")),
    };
    let d = digits(&ten).ok_or(IdError::Format("expected 10 digits (DDMMYY-SSSS)"))?;
    let yy = number(&d[4..6]);
    let year = i32::try_from(yy)
        .map(|short| century(d[6], yy) + short)
        .map_err(|_| IdError::Century)?;
    let birth_date = date(year, number(&d[2..4]), number(&d[0..2]))?;
    Ok(NationalId {
        country: Country::DK,
        normalized: d.iter().map(u32::to_string).collect(),
        kind: IdKind::Cpr,
        birth_date,
        sex: Some(sex_from_digit(d[9])),
        mod11_ok: mod11_ok(&d),
    })
}

/// The first year of the century, from the seventh digit and the two-digit year (CPR office
/// table): 0–3 → 1900s; 4 and 9 → 2000–2036 or 1937–1999; 5–8 → 2000–2057 or 1858–1899.
fn century(seventh: u32, yy: u32) -> i32 {
    match (seventh, yy) {
        (0..=3, _) => 1900,
        (4 | 9, 0..=36) => 2000,
        (4 | 9, _) => 1900,
        (_, 0..=57) => 2000,
        (_, _) => 1800,
    }
}

/// Whether the ten digits pass the pre-2007 modulus-11 check.
fn mod11_ok(ten: &[u32]) -> bool {
    ten.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum::<u32>() % 11 == 0
}

/// A valid CPR number (10 digits, passing modulus 11 so it also looks right to old systems)
/// for `birth`; serial picks the sequence number within the range for the birth year.
pub(super) fn generate(birth: NaiveDate, serial: u32) -> Option<String> {
    let year = birth.year();
    let (first, span) = match year {
        1858..=1899 | 2037..=2057 => (5000, 4000),
        1900..=1999 => (0, 4000),
        2000..=2036 => (4000, 1000),
        _ => return None,
    };
    let ddmmyy = format!("{:02}{:02}{:02}", birth.day(), birth.month(), year % 100);
    let start = serial % span;
    (0..span).find_map(|i| {
        let candidate = format!("{ddmmyy}{:04}", first + (start + i) % span);
        let d = digits(candidate.as_bytes())?;
        mod11_ok(&d).then_some(candidate)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn dk(input: &str) -> Result<NationalId, IdError> {
        NationalId::parse(Country::DK, input, ymd(2026, 11, 28))
    }

    #[test]
    fn published_example_is_valid() {
        let id = dk("070761-4285").unwrap();
        assert_eq!(id.birth_date(), ymd(1961, 7, 7));
        assert_eq!(id.expose_normalized(), "0707614285");
        assert_eq!(id.kind(), IdKind::Cpr);
        assert!(id.mod11_ok());
        assert_eq!(id.sex(), Some(super::super::Sex::Male));
        assert_eq!(dk("0707614285").unwrap(), id);
    }

    #[test]
    fn failing_mod11_is_only_a_hint() {
        let id = dk("070761-4286").unwrap();
        assert!(!id.mod11_ok());
        assert_eq!(id.birth_date(), ymd(1961, 7, 7));
        assert_eq!(id.sex(), Some(super::super::Sex::Female));
    }

    #[test]
    fn century_from_the_seventh_digit() {
        for (input, year) in [
            ("0101300000", 1930),
            ("0101303999", 1930),
            ("0101364000", 2036),
            ("0101374000", 1937),
            ("0101369000", 2036),
            ("0101379000", 1937),
            ("0101105000", 2010),
            ("0101578999", 2057),
            ("0101585000", 1858),
            ("0101998999", 1899),
        ] {
            let result = NationalId::parse(Country::DK, input, ymd(2100, 1, 1));
            assert_eq!(result.unwrap().birth_date(), ymd(year, 1, 1), "{input}");
        }
    }

    #[test]
    fn refuses_bad_layouts_and_dates() {
        for input in [
            "070761 4285",
            "07076-14285",
            "070761428",
            "07076142851",
            "0707614a85",
        ] {
            assert_eq!(dk(input).unwrap_err().code(), "ERR_ID_FORMAT", "{input}");
        }
        assert_eq!(dk("310461-4285").unwrap_err(), IdError::Date);
        assert_eq!(dk("290201-4285").unwrap_err(), IdError::Date);
        assert_eq!(dk("290204-4285").unwrap().birth_date(), ymd(2004, 2, 29));
        assert_eq!(dk("010130-4285").unwrap_err(), IdError::FutureBirthDate);
    }

    #[test]
    fn generated_numbers_pass_mod11() {
        for birth in [
            ymd(1860, 5, 6),
            ymd(1961, 7, 7),
            ymd(2010, 1, 1),
            ymd(2040, 1, 1),
        ] {
            let n = generate(birth, 77).unwrap();
            let id = NationalId::parse(Country::DK, &n, ymd(2100, 1, 1)).unwrap();
            assert!(id.mod11_ok());
            assert_eq!(id.birth_date(), birth);
            assert_eq!(id.expose_normalized(), n);
        }
        assert_eq!(generate(ymd(1857, 1, 1), 0), None);
    }
}
