//! Customer and address types shared by the server and the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where an address came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressSource {
    /// The registry / address lookup provider (verified).
    Lookup,
    /// Given by the merchant with an order.
    Merchant,
    /// Entered by staff.
    Staff,
}

impl AddressSource {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            AddressSource::Lookup => "lookup",
            AddressSource::Merchant => "merchant",
            AddressSource::Staff => "staff",
        }
    }
    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "lookup" => Some(AddressSource::Lookup),
            "merchant" => Some(AddressSource::Merchant),
            "staff" => Some(AddressSource::Staff),
            _ => None,
        }
    }
}

/// A postal address (the one address shape in the system).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// c/o line, may be empty.
    pub care_of: String,
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// ISO country code.
    pub country: String,
}

/// Longest street or c/o line, in characters (a printed invoice's address line).
pub const MAX_ADDRESS_LINE_CHARS: usize = 100;
/// Longest city name, in characters.
pub const MAX_CITY_CHARS: usize = 60;

impl Address {
    /// Validates an address form; the error names the first bad field (see [`Address::check`]
    /// for all of them).
    pub fn parse(
        care_of: &str,
        street: &str,
        postal_code: &str,
        city: &str,
        country: &str,
    ) -> Result<Address, crate::error::AppError> {
        Address::check(care_of, street, postal_code, city, country).map_err(|problems| {
            let (field, code) = problems[0];
            crate::error::AppError::invalid(field, code)
        })
    }

    /// Validates an address form and lists every bad field at once, as (field, Fluent code):
    /// lines of at most [`MAX_ADDRESS_LINE_CHARS`] (city [`MAX_CITY_CHARS`]) without control
    /// characters, and the postal code in its country's form (SE five digits, stored as
    /// `NNN NN`; NO and DK four digits; FI and DE five).
    pub fn check(
        care_of: &str,
        street: &str,
        postal_code: &str,
        city: &str,
        country: &str,
    ) -> Result<Address, Vec<(&'static str, &'static str)>> {
        let mut problems = Vec::new();
        let (care_of, street, city) = (care_of.trim(), street.trim(), city.trim());
        let mut line = |field: &'static str, text: &str, max: usize, required: bool| {
            if required && text.is_empty() {
                problems.push((field, "ERR_REQUIRED"));
            } else if crate::text::forbidden_char(text).is_some() {
                problems.push((field, "ERR_CONTROL_CHARACTER"));
            } else if text.chars().count() > max {
                problems.push((field, "ERR_TOO_LONG"));
            }
        };
        line("care_of", care_of, MAX_ADDRESS_LINE_CHARS, false);
        line("street", street, MAX_ADDRESS_LINE_CHARS, true);
        line("city", city, MAX_CITY_CHARS, true);
        let country = country.trim().to_ascii_uppercase();
        let postal = postal_code_of(&country, postal_code.trim());
        if postal.is_none() {
            problems.push(("postal_code", "ERR_INVALID_POSTAL_CODE"));
        }
        if country.is_empty() {
            problems.push(("country", "ERR_REQUIRED"));
        } else if !["SE", "NO", "FI", "DK", "DE"].contains(&country.as_str()) {
            problems.push(("country", "ERR_INVALID_CHOICE"));
        }
        problems.sort_by_key(|(field, _)| {
            ["care_of", "street", "postal_code", "city", "country"]
                .iter()
                .position(|f| f == field)
        });
        match postal {
            Some(postal_code) if problems.is_empty() => Ok(Address {
                care_of: care_of.to_string(),
                street: street.to_string(),
                postal_code,
                city: city.to_string(),
                country,
            }),
            _ => Err(problems),
        }
    }
}

/// The postal code `text` in `country`'s form, or `None` if it is not one. Sweden writes
/// `NNN NN` (Postnord); `11455` is accepted and stored that way.
pub fn postal_code_of(country: &str, text: &str) -> Option<String> {
    let digits = |n: usize| text.len() == n && text.chars().all(|c| c.is_ascii_digit());
    match country {
        "SE" => {
            let compact: String = text.chars().filter(|c| *c != ' ').collect();
            let one_space = text.len() == 5 || (text.len() == 6 && text.as_bytes()[3] == b' ');
            (one_space && compact.len() == 5 && compact.chars().all(|c| c.is_ascii_digit()))
                .then(|| format!("{} {}", &compact[..3], &compact[3..]))
        }
        "NO" | "DK" => digits(4).then(|| text.to_string()),
        "FI" | "DE" => digits(5).then(|| text.to_string()),
        // Unknown country (reported on its own field): only the shape is checked.
        _ => (!text.is_empty()
            && text.len() <= 10
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-'))
        .then(|| text.to_string()),
    }
}

/// One address in a customer's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressRecord {
    /// Row id.
    pub id: i64,
    /// The address.
    pub address: Address,
    /// Where it came from.
    pub source: AddressSource,
    /// Confirmed by a registry (or staff after checking).
    pub verified: bool,
    /// Business time it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub recorded_by: String,
}

/// A customer as lists show it (national id masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSummary {
    /// Id.
    pub id: uuid::Uuid,
    /// Country of the national id.
    pub country: String,
    /// Masked national id (birth date only).
    pub national_id_masked: String,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// E-mail.
    pub email: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_follow_each_country() {
        assert_eq!(postal_code_of("SE", "114 55").as_deref(), Some("114 55"));
        assert_eq!(postal_code_of("SE", "11455").as_deref(), Some("114 55"));
        for bad in ["1145", "114 555", "11 455", "ABC DE", "114  55", ""] {
            assert_eq!(postal_code_of("SE", bad), None, "{bad}");
        }
        assert_eq!(postal_code_of("NO", "0150").as_deref(), Some("0150"));
        assert_eq!(postal_code_of("NO", "01500"), None);
        assert_eq!(postal_code_of("DK", "1050").as_deref(), Some("1050"));
        assert_eq!(postal_code_of("DK", "DK-1050"), None);
        assert_eq!(postal_code_of("FI", "00100").as_deref(), Some("00100"));
        assert_eq!(postal_code_of("FI", "0010"), None);
    }

    #[test]
    fn every_bad_field_is_listed_at_once() {
        let long = "G".repeat(5_000);
        let problems = Address::check("", &long, "1", "", "SE").unwrap_err();
        assert_eq!(
            problems,
            vec![
                ("street", "ERR_TOO_LONG"),
                ("postal_code", "ERR_INVALID_POSTAL_CODE"),
                ("city", "ERR_REQUIRED"),
            ]
        );
        let problems = Address::check("c/o \u{0}", "Gatan 1", "114 55", "Ort", "XX").unwrap_err();
        assert_eq!(
            problems,
            vec![
                ("care_of", "ERR_CONTROL_CHARACTER"),
                ("country", "ERR_INVALID_CHOICE")
            ]
        );
        // A missing country is missing, not a wrong choice (the API says REQUIRED).
        let problems = Address::check("", "Gatan 1", "114 55", "Ort", " ").unwrap_err();
        assert!(
            problems.contains(&("country", "ERR_REQUIRED")),
            "{problems:?}"
        );
        let ok = Address::check("", " Storgatan 1 ", "11455", "Stockholm", "se").unwrap();
        assert_eq!(
            (ok.postal_code.as_str(), ok.country.as_str()),
            ("114 55", "SE")
        );
    }
}
