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

impl Address {
    /// Validates an address form; errors name the field.
    pub fn parse(
        care_of: &str,
        street: &str,
        postal_code: &str,
        city: &str,
        country: &str,
    ) -> Result<Address, crate::error::AppError> {
        use crate::error::AppError;
        let (street, postal_code, city) = (street.trim(), postal_code.trim(), city.trim());
        if street.is_empty() {
            return Err(AppError::invalid("street", "ERR_REQUIRED"));
        }
        if postal_code.is_empty()
            || !postal_code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        {
            return Err(AppError::invalid("postal_code", "ERR_INVALID_POSTAL_CODE"));
        }
        if city.is_empty() {
            return Err(AppError::invalid("city", "ERR_REQUIRED"));
        }
        let country = country.trim().to_ascii_uppercase();
        if !["SE", "NO", "FI", "DK", "DE"].contains(&country.as_str()) {
            return Err(AppError::invalid("country", "ERR_INVALID_CHOICE"));
        }
        Ok(Address {
            care_of: care_of.trim().to_string(),
            street: street.to_string(),
            postal_code: postal_code.to_string(),
            city: city.to_string(),
            country,
        })
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
