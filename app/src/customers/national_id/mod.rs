//! National identity numbers of the Nordic countries Kreditor serves: parsing, validation,
//! the birth date and sex they encode, and a masked form for display.
//!
//! A national id is the key to a consumer's credit history and the one piece of personal data
//! people most want kept out of logs. So a [`NationalId`] prints itself masked (`Display` and
//! `Debug` both), and the clear form has to be asked for by name with
//! [`NationalId::expose_normalized`] where it is really needed (storage, the customer page,
//! a credit bureau request).
//!
//! Each country's rules live in their own file; this file holds what they share.

mod dk;
mod error;
mod fi;
mod no;
mod se;

#[cfg(test)]
mod proptests;

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::ktime::Country;

pub use error::IdError;

/// Which kind of number it is: the kinds share a layout within a country but mean different
/// things (a Swedish samordningsnummer is issued to people who are not registered residents,
/// which a credit decision may need to know).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IdKind {
    /// Sweden: the personnummer of a registered resident.
    Personnummer,
    /// Sweden: a coordination number (day of birth + 60) for people not (yet) registered.
    Samordningsnummer,
    /// Norway: the fødselsnummer of a registered resident.
    Fodselsnummer,
    /// Norway: a D-number (day of birth + 40) for people staying a short time.
    DNumber,
    /// Norway: an H-number (month of birth + 40), an auxiliary number used in health care.
    HNumber,
    /// Finland: the henkilötunnus (personal identity code).
    Henkilotunnus,
    /// Denmark: the CPR number.
    Cpr,
}

/// Legal sex as the number encodes it.
///
/// Optional on [`NationalId`] because countries are moving away from encoding it (Norway's new
/// numbers from 2032 will not), so code must not assume it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// Odd serial digit in all four countries.
    Male,
    /// Even serial digit in all four countries.
    Female,
}

/// A checked national identity number.
///
/// Can only be built by [`NationalId::parse`], so holding one means the number passed the
/// country's checks. `Display` and `Debug` print [`NationalId::masked`] only.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct NationalId {
    country: Country,
    normalized: String,
    kind: IdKind,
    birth_date: NaiveDate,
    sex: Option<Sex>,
    mod11_ok: bool,
}

/// Longest input worth looking at (a 12-digit Swedish number with separator and some slack);
/// anything longer is refused before any work is done on it.
const MAX_INPUT_LEN: usize = 16;

impl NationalId {
    /// Checks `input` as a national id of `country`.
    ///
    /// `today` is needed because a 10-digit Swedish number does not say its century: it is
    /// inferred from the separator (`+` from the year the person turns 100) and today's date. It
    /// also lets us refuse birth dates in the future. Surrounding whitespace is ignored.
    pub fn parse(country: Country, input: &str, today: NaiveDate) -> Result<NationalId, IdError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(IdError::Format("no id given"));
        }
        if input.len() > MAX_INPUT_LEN {
            return Err(IdError::Format("too long"));
        }
        if !input.is_ascii() {
            return Err(IdError::Format("unexpected character"));
        }
        let id = match country {
            Country::SE => se::parse(input, today)?,
            Country::NO => no::parse(input)?,
            Country::FI => fi::parse(input)?,
            Country::DK => dk::parse(input)?,
            Country::DE => return Err(IdError::UnsupportedCountry(country)),
        };
        if id.birth_date > today {
            return Err(IdError::FutureBirthDate);
        }
        Ok(id)
    }

    /// The country that issued the number.
    pub fn country(&self) -> Country {
        self.country
    }

    /// Which kind of number it is.
    pub fn kind(&self) -> IdKind {
        self.kind
    }

    /// The birth date the number encodes (for coordination and D-numbers, the real day, not
    /// the shifted one).
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// Legal sex, where the number encodes it.
    pub fn sex(&self) -> Option<Sex> {
        self.sex
    }

    /// Denmark: whether the CPR number passes the old modulus-11 check. Only a hint, because
    /// numbers issued since 1 October 2007 need not pass it, so [`NationalId::parse`] never
    /// refuses on it; a failing check on an old birth date is worth a second look. Other
    /// countries: always `true`, because their check digits are enforced by `parse`.
    pub fn mod11_ok(&self) -> bool {
        self.mod11_ok
    }

    /// Completed years of age on `date` (0 before the birth date).
    ///
    /// Someone born on 29 February becomes a year older on 1 March in common years.
    pub fn age_on(&self, date: NaiveDate) -> u32 {
        let born = self.birth_date;
        let mut years = date.year() - born.year();
        if (date.month(), date.day()) < (born.month(), born.day()) {
            years -= 1;
        }
        u32::try_from(years).unwrap_or(0)
    }

    /// The number in clear, in its one stored form: SE 12 digits `YYYYMMDDNNNC`, NO 11 digits,
    /// FI `DDMMYY` + century sign + `NNNC`, DK 10 digits.
    ///
    /// Named so that every use stands out in review: use it for storage, look-ups, the
    /// customer page and requests to credit bureaus, never for logs or general display.
    pub fn expose_normalized(&self) -> &str {
        &self.normalized
    }

    /// The number with its serial and check digits hidden and the birth date kept, for display
    /// everywhere except the customer page: `19811218-****` (SE), `151086*****` (NO),
    /// `131052-****` (FI), `070761-****` (DK).
    pub fn masked(&self) -> String {
        let (visible, hidden) = match self.kind {
            IdKind::Personnummer | IdKind::Samordningsnummer => (8, "-****"),
            IdKind::Fodselsnummer | IdKind::DNumber | IdKind::HNumber => (6, "*****"),
            IdKind::Henkilotunnus => (7, "****"),
            IdKind::Cpr => (6, "-****"),
        };
        let shown = self.normalized.get(..visible).unwrap_or_default();
        format!("{shown}{hidden}")
    }
}

impl fmt::Display for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NationalId")
            .field("country", &self.country)
            .field("kind", &self.kind)
            .field("masked", &self.masked())
            .field("birth_date", &self.birth_date)
            .field("sex", &self.sex)
            .field("mod11_ok", &self.mod11_ok)
            .finish()
    }
}

/// Builds a valid id of `country` for someone born on `birth_date`, in the normalized form
/// ([`NationalId::expose_normalized`]); `serial` picks among the valid serial numbers (any
/// value works, it wraps around).
///
/// For tests and demo data only: the number may belong to a real person, so never use it
/// where it could be mistaken for a customer's own. `None` when the country has no id
/// (DE) or its numbers cannot encode that birth year.
pub fn generate_valid(country: Country, birth_date: NaiveDate, serial: u32) -> Option<String> {
    match country {
        Country::SE => se::generate(birth_date, serial),
        Country::NO => no::generate(birth_date, serial),
        Country::FI => fi::generate(birth_date, serial),
        Country::DK => dk::generate(birth_date, serial),
        Country::DE => None,
    }
}

/// The values of `bytes` if all are ASCII digits.
fn digits(bytes: &[u8]) -> Option<Vec<u32>> {
    bytes.iter().map(|&b| char::from(b).to_digit(10)).collect()
}

/// The number the digits spell, read left to right.
fn number(digits: &[u32]) -> u32 {
    digits.iter().fold(0, |n, d| n * 10 + d)
}

/// `Date` unless year, month and day name a real day.
fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate, IdError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(IdError::Date)
}

/// The sex encoded by an odd (male) or even (female) serial digit.
fn sex_from_digit(digit: u32) -> Sex {
    if digit % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    }
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

    #[test]
    fn germany_has_no_national_id() {
        let err = NationalId::parse(Country::DE, "811218-9876", today()).unwrap_err();
        assert_eq!(err, IdError::UnsupportedCountry(Country::DE));
        assert_eq!(err.code(), "ERR_ID_UNSUPPORTED_COUNTRY");
        assert_eq!(generate_valid(Country::DE, ymd(1981, 12, 18), 1), None);
    }

    #[test]
    fn display_and_debug_are_masked() {
        let id = NationalId::parse(Country::SE, "811218-9876", today()).unwrap();
        assert_eq!(id.to_string(), "19811218-****");
        let debug = format!("{id:?}");
        assert!(!debug.contains("9876"), "{debug}");
        assert!(debug.contains("19811218-****"), "{debug}");
        assert_eq!(id.expose_normalized(), "198112189876");
    }

    #[test]
    fn masks_per_country() {
        let cases = [
            (Country::NO, "15108695088", "151086*****"),
            (Country::FI, "131052-308T", "131052-****"),
            (Country::DK, "070761-4285", "070761-****"),
        ];
        for (country, input, masked) in cases {
            let id = NationalId::parse(country, input, today()).unwrap();
            assert_eq!(id.masked(), masked);
            assert_eq!(id.to_string(), masked);
        }
    }

    #[test]
    fn age_counts_completed_years() {
        let id = NationalId::parse(Country::SE, "811218-9876", today()).unwrap();
        assert_eq!(id.age_on(ymd(1999, 12, 17)), 17);
        assert_eq!(id.age_on(ymd(1999, 12, 18)), 18);
        assert_eq!(id.age_on(ymd(2026, 11, 28)), 44);
        assert_eq!(id.age_on(ymd(1970, 1, 1)), 0);
    }

    #[test]
    fn leap_day_birthday_counts_from_first_of_march() {
        let leap = generate_valid(Country::SE, ymd(2000, 2, 29), 7).unwrap();
        let id = NationalId::parse(Country::SE, &leap, today()).unwrap();
        assert_eq!(id.age_on(ymd(2018, 2, 28)), 17);
        assert_eq!(id.age_on(ymd(2018, 3, 1)), 18);
        assert_eq!(id.age_on(ymd(2020, 2, 29)), 20);
    }

    #[test]
    fn refuses_empty_long_and_non_ascii_input() {
        for input in [
            "",
            "   ",
            "12345678901234567890",
            "811218–9876",
            "८११२१८-९८७६",
        ] {
            let err = NationalId::parse(Country::SE, input, today()).unwrap_err();
            assert_eq!(err.code(), "ERR_ID_FORMAT", "{input}");
        }
    }

    #[test]
    fn ignores_surrounding_whitespace() {
        let id = NationalId::parse(Country::SE, "  811218-9876\n", today()).unwrap();
        assert_eq!(id.expose_normalized(), "198112189876");
    }
}
