//! Kreditor's own particulars as printed on every invoice and credit note: the one place to
//! change the company's name, address, registration numbers, payment accounts, customer
//! service contacts and the dunning terms each market's law allows.
//!
//! The accounts are the published example numbers of each scheme (valid check digits,
//! nobody's real account); replace them with the agreements' numbers before going live.

use crate::ktime::Country;

/// The company name in the header, footer and return-address line.
pub const NAME: &str = "Kreditor AB";
/// Street address.
pub const STREET: &str = "Box 7012";
/// Postal code and town.
pub const POSTAL_TOWN: &str = "103 86 Stockholm";
/// Country, in the company's own language (the footer is not translated).
pub const COUNTRY: &str = "Sverige";
/// Swedish organisation number.
pub const ORG_NR: &str = "556000-0000";
/// EU VAT registration number.
pub const VAT_NR: &str = "SE556000000001";
/// The web address.
pub const WEB: &str = "www.kreditor.example";

/// Where a customer of `country` calls or writes.
pub fn customer_service(country: Country) -> (&'static str, &'static str) {
    match country {
        Country::SE | Country::DE => ("+46 8 120 120 00", "kundservice@kreditor.example"),
        Country::NO => ("+47 21 00 00 00", "kundeservice@kreditor.example"),
        Country::FI => ("+358 9 4242 0000", "asiakaspalvelu@kreditor.example"),
        Country::DK => ("+45 70 00 00 00", "kundeservice.dk@kreditor.example"),
    }
}

/// How customers of a country pay Kreditor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayTo {
    /// Sweden: Bankgirot with an OCR reference.
    Bankgiro(&'static str),
    /// Norway: a bank account with a KID.
    AccountKid(&'static str),
    /// Finland: IBAN + BIC with a viitenumero (or RF reference).
    Iban {
        /// IBAN, grouped by four.
        iban: &'static str,
        /// BIC of the bank.
        bic: &'static str,
    },
    /// Denmark: FIK (card type 71, creditor number) or IBAN.
    Fik {
        /// The 8-digit creditor number (kreditornummer).
        creditor: &'static str,
        /// IBAN for payers abroad.
        iban: &'static str,
    },
}

/// The payment account of `country`'s invoices.
pub fn pay_to(country: Country) -> PayTo {
    match country {
        Country::SE | Country::DE => PayTo::Bankgiro("5402-9681"),
        Country::NO => PayTo::AccountKid("8601.11.17947"),
        Country::FI => PayTo::Iban {
            iban: "FI21 1234 5600 0007 85",
            bic: "NDEAFIHH",
        },
        Country::DK => PayTo::Fik {
            creditor: "85382018",
            iban: "DK50 0040 0440 1162 43",
        },
    }
}

/// The reminder fee a customer of `country` may be charged, in minor units of its currency
/// (SE 60 kr: inkassolagen's cap; NO 35 kr: 1/10 of the inkassosats; FI 5 €: the consumer
/// cap; DK 100 kr: renteloven § 9 b).
pub fn reminder_fee_minor(country: Country) -> i64 {
    match country {
        Country::SE | Country::DE => 6_000,
        Country::NO => 3_500,
        Country::FI => 500,
        Country::DK => 10_000,
    }
}
