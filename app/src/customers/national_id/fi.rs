//! Finnish henkilötunnus (domain.md §6).
//!
//! Layout `DDMMYY` + century sign + three individual digits + a check character. Since 2023
//! each century has several signs (`-` or `Y X W V U` for the 1900s, `A` or `B C D E F` for
//! the 2000s) so that more numbers can be issued per day; the check character does not cover
//! the sign, so the sign is part of the identity and is kept as written.

use chrono::{Datelike, NaiveDate};

use super::{date, digits, number, sex_from_digit, IdError, IdKind, NationalId};
use crate::ktime::Country;

/// The check characters, indexed by `DDMMYYNNN mod 31` (no G, I, O, Q or Z).
const CHECK_CHARS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// Checks a Finnish number; `input` is trimmed ASCII. Lower-case letters are accepted.
pub(super) fn parse(input: &str) -> Result<NationalId, IdError> {
    let s = input.to_ascii_uppercase();
    let b = s.as_bytes();
    if b.len() != 11 {
        return Err(IdError::Format(
            "expected DDMMYY, a century sign and 4 characters",
        ));
    }
    let d = digits(&b[..6])
        .zip(digits(&b[7..10]))
        .map(|(date_digits, individual)| [date_digits, individual].concat())
        .ok_or(IdError::Format("expected digits around the century sign"))?;
    let century = century(b[6]).ok_or(IdError::Format("unknown century sign"))?;
    if Some(&b[10]) != CHECK_CHARS.get(check_index(&d)) {
        return Err(IdError::CheckDigit);
    }
    let yy = i32::try_from(number(&d[4..6])).map_err(|_| IdError::Century)?;
    let birth_date = date(century + yy, number(&d[2..4]), number(&d[0..2]))?;
    match number(&d[6..9]) {
        0 | 1 => {
            return Err(IdError::Format(
                "individual numbers 000 and 001 are not used",
            ))
        }
        900.. => return Err(IdError::Format("temporary identity codes are not accepted")),
        _ => {}
    }
    Ok(NationalId {
        country: Country::FI,
        normalized: s,
        kind: IdKind::Henkilotunnus,
        birth_date,
        sex: Some(sex_from_digit(d[8])),
        mod11_ok: true,
    })
}

/// The first year of the century a sign stands for.
fn century(sign: u8) -> Option<i32> {
    match sign {
        b'+' => Some(1800),
        b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => Some(1900),
        b'A'..=b'F' => Some(2000),
        _ => None,
    }
}

/// Position of the check character for the nine digits `DDMMYYNNN`.
fn check_index(nine: &[u32]) -> usize {
    usize::try_from(number(nine) % 31).unwrap_or(usize::MAX)
}

/// A valid henkilötunnus for `birth` with the classic sign of its century; serial picks the
/// individual number 002–899.
pub(super) fn generate(birth: NaiveDate, serial: u32) -> Option<String> {
    let year = birth.year();
    let sign = match year {
        1800..=1899 => '+',
        1900..=1999 => '-',
        2000..=2099 => 'A',
        _ => return None,
    };
    let (ddmmyy, individual) = (
        format!("{:02}{:02}{:02}", birth.day(), birth.month(), year % 100),
        format!("{:03}", serial % 898 + 2),
    );
    let d = digits(format!("{ddmmyy}{individual}").as_bytes())?;
    let check = char::from(*CHECK_CHARS.get(check_index(&d))?);
    Some(format!("{ddmmyy}{sign}{individual}{check}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn fi(input: &str) -> Result<NationalId, IdError> {
        NationalId::parse(Country::FI, input, ymd(2026, 11, 28))
    }

    #[test]
    fn published_examples_are_valid() {
        let id = fi("131052-308T").unwrap();
        assert_eq!(id.birth_date(), ymd(1952, 10, 13));
        assert_eq!(id.expose_normalized(), "131052-308T");
        assert_eq!(id.kind(), IdKind::Henkilotunnus);
        assert_eq!(id.sex(), Some(super::super::Sex::Female));
        assert_eq!(fi("010101-0101").unwrap().birth_date(), ymd(1901, 1, 1));
        assert_eq!(fi("230246-8989").unwrap().birth_date(), ymd(1946, 2, 23));
    }

    #[test]
    fn wrong_check_character_is_refused() {
        assert_eq!(fi("131052-308U").unwrap_err(), IdError::CheckDigit);
        assert_eq!(fi("131052-3081").unwrap_err(), IdError::CheckDigit);
    }

    #[test]
    fn lower_case_is_accepted_and_normalized() {
        assert_eq!(
            fi("131052-308t").unwrap().expose_normalized(),
            "131052-308T"
        );
    }

    #[test]
    fn every_century_sign() {
        for (sign, year) in [
            ('+', 1801),
            ('-', 1901),
            ('Y', 1901),
            ('X', 1901),
            ('W', 1901),
            ('V', 1901),
            ('U', 1901),
            ('A', 2001),
            ('B', 2001),
            ('C', 2001),
            ('D', 2001),
            ('E', 2001),
            ('F', 2001),
        ] {
            let id = fi(&format!("010101{sign}0101")).unwrap();
            assert_eq!(id.birth_date(), ymd(year, 1, 1), "{sign}");
            assert_eq!(id.masked(), format!("010101{sign}****"));
        }
        for sign in ['G', 'Z', '*', '0', ' '] {
            let err = fi(&format!("010101{sign}0101")).unwrap_err();
            assert_eq!(err.code(), "ERR_ID_FORMAT", "{sign}");
        }
    }

    #[test]
    fn check_characters_skip_ambiguous_letters() {
        assert_eq!(CHECK_CHARS.len(), 31);
        assert!(!CHECK_CHARS.iter().any(|c| b"GIOQZ".contains(c)));
    }

    #[test]
    fn leap_days() {
        let ok = generate(ymd(2000, 2, 29), 10).unwrap();
        assert_eq!(fi(&ok).unwrap().birth_date(), ymd(2000, 2, 29));
        // The same digits in the 1900s: 1900 is not a leap year.
        let no_leap = format!("{}-{}", &ok[..6], &ok[7..]);
        assert_eq!(fi(&no_leap).unwrap_err(), IdError::Date);
    }

    #[test]
    fn reserved_and_temporary_individual_numbers_are_refused() {
        for individual in [0, 1, 900, 999] {
            let nine = format!("010190{individual:03}");
            let d = digits(nine.as_bytes()).unwrap();
            let check = char::from(CHECK_CHARS[check_index(&d)]);
            let input = format!("010190-{individual:03}{check}");
            assert_eq!(fi(&input).unwrap_err().code(), "ERR_ID_FORMAT", "{input}");
        }
    }

    #[test]
    fn future_birth_date_is_refused() {
        let n = generate(ymd(2030, 1, 1), 3).unwrap();
        assert_eq!(fi(&n).unwrap_err(), IdError::FutureBirthDate);
    }

    #[test]
    fn generated_numbers_are_valid() {
        for birth in [ymd(1899, 12, 31), ymd(1952, 10, 13), ymd(2020, 1, 1)] {
            let n = generate(birth, 123_456).unwrap();
            assert_eq!(fi(&n).unwrap().expose_normalized(), n);
        }
        assert_eq!(generate(ymd(1799, 1, 1), 0), None);
    }
}
