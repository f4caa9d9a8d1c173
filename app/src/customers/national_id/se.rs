//! Swedish personnummer and samordningsnummer (domain.md §2.1).
//!
//! Layout `YYMMDD-NNNC` (or `YYYYMMDDNNNC` as stored by Skatteverket), Luhn check digit over the
//! ten-digit form, coordination numbers with the day of birth + 60.

use chrono::{Datelike, NaiveDate};

use super::{date, digits, number, sex_from_digit, IdError, IdKind, NationalId};
use crate::ktime::Country;

/// How the input said (or did not say) which century the person was born in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Century {
    /// 12-digit form: the first two digits.
    Explicit(u32),
    /// 10-digit form with `-` or no separator: younger than 100.
    Under100,
    /// 10-digit form with `+`: turns 100 this year or is older.
    Over100,
}

/// Checks a Swedish number; `input` is trimmed ASCII.
pub(super) fn parse(input: &str, today: NaiveDate) -> Result<NationalId, IdError> {
    let (century, ten) = split(input.as_bytes())?;
    let ten = digits(&ten).ok_or(IdError::Format("only digits and a - or + separator"))?;
    if luhn(&ten[..9]) != ten[9] {
        return Err(IdError::CheckDigit);
    }
    let yy = number(&ten[0..2]);
    let month = number(&ten[2..4]);
    let day_digits = number(&ten[4..6]);
    let (kind, day) = if day_digits > 60 {
        (IdKind::Samordningsnummer, day_digits - 60)
    } else {
        (IdKind::Personnummer, day_digits)
    };
    let year = birth_year(century, yy, (month, day), today)?;
    let birth_date = date(year, month, day)?;
    let tail: String = ten[2..].iter().map(u32::to_string).collect();
    Ok(NationalId {
        country: Country::SE,
        normalized: format!("{year:04}{tail}"),
        kind,
        birth_date,
        sex: Some(sex_from_digit(ten[8])),
        mod11_ok: true,
    })
}

/// Splits the accepted layouts (`YYMMDDNNNC`, `YYMMDD-NNNC`, `YYMMDD+NNNC`, `YYYYMMDDNNNC`,
/// `YYYYMMDD-NNNC`) into the century information and the ten digits the check covers.
fn split(b: &[u8]) -> Result<(Century, Vec<u8>), IdError> {
    let joined = |head: &[u8], tail: &[u8]| [head, tail].concat();
    match b.len() {
        10 => Ok((Century::Under100, b.to_vec())),
        11 => match b[6] {
            b'-' => Ok((Century::Under100, joined(&b[..6], &b[7..]))),
            b'+' => Ok((Century::Over100, joined(&b[..6], &b[7..]))),
            _ => Err(IdError::Format("the separator must be - or +")),
        },
        12 => Ok((Century::Explicit(two_digits(&b[..2])?), b[2..].to_vec())),
        13 => match b[8] {
            b'-' => Ok((
                Century::Explicit(two_digits(&b[..2])?),
                joined(&b[2..8], &b[9..]),
            )),
            b'+' => Err(IdError::Format("+ is only used with 10 digits")),
            _ => Err(IdError::Format("the separator must be -")),
        },
        _ => Err(IdError::Format("expected 10 or 12 digits")),
    }
}

fn two_digits(b: &[u8]) -> Result<u32, IdError> {
    digits(b)
        .map(|d| number(&d))
        .ok_or(IdError::Format("only digits and a - or + separator"))
}

/// The birth year a number's century information and two-digit year imply.
///
/// Skatteverket switches the separator to `+` in the year a person turns 100. Without `+` we
/// take the latest year that does not put the birth date after today (so someone turning 100
/// later this year who still writes `-` is read correctly, not as a baby born in the future);
/// with `+` the latest year at least 100 years back.
fn birth_year(
    century: Century,
    yy: u32,
    (month, day): (u32, u32),
    today: NaiveDate,
) -> Result<i32, IdError> {
    let yy = i32::try_from(yy).map_err(|_| IdError::Century)?;
    match century {
        Century::Explicit(c @ 18..=20) => i32::try_from(c * 100)
            .map(|c| c + yy)
            .map_err(|_| IdError::Century),
        Century::Explicit(_) => Err(IdError::Century),
        Century::Under100 => {
            let year = latest_year_ending_in(yy, today.year());
            if year == today.year() && (month, day) > (today.month(), today.day()) {
                Ok(year - 100)
            } else {
                Ok(year)
            }
        }
        Century::Over100 => Ok(latest_year_ending_in(yy, today.year() - 100)),
    }
}

/// The latest year not after `limit` whose last two digits are `yy`.
fn latest_year_ending_in(yy: i32, limit: i32) -> i32 {
    limit - (limit - yy).rem_euclid(100)
}

/// The Luhn check digit for `digits`: weights 2, 1, 2, 1… from the left, digit sums added.
fn luhn(digits: &[u32]) -> u32 {
    let sum: u32 = digits
        .iter()
        .zip([2, 1].into_iter().cycle())
        .map(|(d, w)| {
            let p = d * w;
            p / 10 + p % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

/// A valid personnummer (12 digits) for `birth`; serial picks the birth number 001–999.
pub(super) fn generate(birth: NaiveDate, serial: u32) -> Option<String> {
    let year = birth.year();
    if !(1800..=2099).contains(&year) {
        return None;
    }
    let nine = format!(
        "{:02}{:02}{:02}{:03}",
        year % 100,
        birth.month(),
        birth.day(),
        serial % 999 + 1
    );
    let check = luhn(&digits(nine.as_bytes())?);
    Some(format!("{}{nine}{check}", year / 100))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn today() -> NaiveDate {
        ymd(2026, 11, 28)
    }

    fn se(input: &str) -> Result<NationalId, IdError> {
        NationalId::parse(Country::SE, input, today())
    }

    /// A 10-digit number with a correct check digit for the nine given digits.
    fn with_luhn(nine: &str) -> String {
        let d = digits(nine.as_bytes()).expect("digits");
        format!("{nine}{}", luhn(&d))
    }

    #[test]
    fn published_examples_are_valid() {
        let id = se("811218-9876").unwrap();
        assert_eq!(id.expose_normalized(), "198112189876");
        assert_eq!(id.birth_date(), ymd(1981, 12, 18));
        assert_eq!(id.kind(), IdKind::Personnummer);
        assert_eq!(id.sex(), Some(super::super::Sex::Male));
        assert_eq!(se("640823-3234").unwrap().birth_date(), ymd(1964, 8, 23));
        let karl = se("430415-8399").unwrap();
        assert_eq!(karl.birth_date(), ymd(1943, 4, 15));
    }

    #[test]
    fn skatteverket_test_numbers_are_valid() {
        for n in [
            "194408139089",
            "199006022397",
            "191212121212",
            "195005050512",
            "200001052380",
            "197912309296",
        ] {
            let id = se(n).unwrap_or_else(|e| panic!("{n}: {e}"));
            assert_eq!(id.expose_normalized(), n);
        }
    }

    #[test]
    fn reservnummer_is_refused() {
        assert!(se("992004391013").is_err());
    }

    #[test]
    fn wrong_check_digit_is_refused() {
        let err = se("811218-9877").unwrap_err();
        assert_eq!(err, IdError::CheckDigit);
        assert_eq!(err.code(), "ERR_ID_CHECK_DIGIT");
    }

    #[test]
    fn accepts_all_layouts() {
        for input in ["8112189876", "811218-9876", "198112189876", "19811218-9876"] {
            assert_eq!(
                se(input).unwrap().expose_normalized(),
                "198112189876",
                "{input}"
            );
        }
    }

    #[test]
    fn refuses_bad_layouts() {
        for input in [
            "811218 9876",
            "81121-89876",
            "19811218+9876",
            "1981121-89876",
            "811218-987",
            "81121898761",
            "811218-98a6",
        ] {
            assert_eq!(se(input).unwrap_err().code(), "ERR_ID_FORMAT", "{input}");
        }
    }

    #[test]
    fn twelve_digits_need_a_known_century() {
        assert_eq!(se("218112189876").unwrap_err(), IdError::Century);
        assert_eq!(se("178112189876").unwrap_err(), IdError::Century);
        assert_eq!(se("188112189876").unwrap().birth_date(), ymd(1881, 12, 18));
    }

    #[test]
    fn samordningsnummer_adds_sixty_to_the_day() {
        let id = se("701063-2391").unwrap();
        assert_eq!(id.kind(), IdKind::Samordningsnummer);
        assert_eq!(id.birth_date(), ymd(1970, 10, 3));
        assert_eq!(id.expose_normalized(), "197010632391");
        assert_eq!(id.masked(), "19701063-****");
        // Day 32–60 is neither a date nor a coordination number.
        assert_eq!(se(&with_luhn("701045239")).unwrap_err(), IdError::Date);
    }

    #[test]
    fn plus_means_a_hundred_years_or_more() {
        let young = se("121212-1212").unwrap();
        assert_eq!(young.birth_date(), ymd(2012, 12, 12));
        let old = se("121212+1212").unwrap();
        assert_eq!(old.birth_date(), ymd(1912, 12, 12));
        assert_eq!(old.expose_normalized(), "191212121212");
        assert!(old.age_on(today()) >= 100);
    }

    #[test]
    fn century_around_the_hundredth_birthday() {
        // Turns 100 later this year: `+` per Skatteverket, `-` still read as 1926, not 2026.
        let n = with_luhn("261215123");
        let plus = format!("{}+{}", &n[..6], &n[6..]);
        let minus = format!("{}-{}", &n[..6], &n[6..]);
        assert_eq!(se(&plus).unwrap().birth_date(), ymd(1926, 12, 15));
        assert_eq!(se(&minus).unwrap().birth_date(), ymd(1926, 12, 15));
        // Born earlier this year: `-` is a baby, `+` a centenarian.
        let n = with_luhn("261115123");
        let plus = format!("{}+{}", &n[..6], &n[6..]);
        assert_eq!(se(&n).unwrap().birth_date(), ymd(2026, 11, 15));
        assert_eq!(se(&plus).unwrap().birth_date(), ymd(1926, 11, 15));
        // Born today.
        let n = with_luhn("261128123");
        assert_eq!(se(&n).unwrap().birth_date(), today());
    }

    #[test]
    fn twelve_digit_birth_date_in_the_future_is_refused() {
        let n = generate(ymd(2026, 12, 1), 5).unwrap();
        assert_eq!(se(&n).unwrap_err(), IdError::FutureBirthDate);
    }

    #[test]
    fn leap_days() {
        // 2000 is a leap year, 1900 and 2001 are not.
        assert_eq!(
            se(&with_luhn("000229123")).unwrap().birth_date(),
            ymd(2000, 2, 29)
        );
        let n = with_luhn("000229123");
        assert_eq!(se(&format!("19{n}")).unwrap_err(), IdError::Date);
        assert_eq!(se(&with_luhn("010229123")).unwrap_err(), IdError::Date);
        assert_eq!(
            se(&with_luhn("040229123")).unwrap().birth_date(),
            ymd(2004, 2, 29)
        );
        assert_eq!(
            se(&with_luhn("010229123")).unwrap_err().code(),
            "ERR_ID_DATE"
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        for nine in ["811318987", "810431987", "811200987"] {
            assert_eq!(se(&with_luhn(nine)).unwrap_err(), IdError::Date, "{nine}");
        }
    }

    #[test]
    fn sex_from_the_ninth_digit() {
        let female = se(&with_luhn("811218982")).unwrap();
        assert_eq!(female.sex(), Some(super::super::Sex::Female));
    }

    #[test]
    fn generated_numbers_are_valid() {
        let n = generate(ymd(1981, 12, 18), 986).unwrap();
        assert_eq!(n, "198112189876");
        assert_eq!(generate(ymd(1799, 1, 1), 0), None);
    }
}
