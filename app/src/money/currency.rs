//! The currencies Kreditor settles in, and how many minor units (öre, cents) each has.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An ISO 4217 currency Kreditor handles.
///
/// A closed enum rather than a code string, so an amount can never carry a currency we have no
/// rounding, formatting or bookkeeping rules for. Serialised as the upper-case ISO code
/// (`"SEK"`), which is also what the database and the merchant API use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    /// Swedish krona, the home currency.
    Sek,
    /// Norwegian krone.
    Nok,
    /// Danish krone.
    Dkk,
    /// Euro (Finland).
    Eur,
}

impl Currency {
    /// Every currency, in a stable order (for selects and exhaustive tests).
    pub const ALL: [Currency; 4] = [Currency::Sek, Currency::Nok, Currency::Dkk, Currency::Eur];

    /// The ISO 4217 code, e.g. `SEK`.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Sek => "SEK",
            Currency::Nok => "NOK",
            Currency::Dkk => "DKK",
            Currency::Eur => "EUR",
        }
    }

    /// The currency with ISO code `code`, ignoring case (`sek` is what people and some
    /// merchants' systems send); `None` for anything we do not handle.
    pub fn parse(code: &str) -> Option<Currency> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code))
    }

    /// Decimals of the smallest unit that exists in payments (öre, cents).
    ///
    /// Spelled out per currency so that adding one with a different count (ISK has 0) is a
    /// decision, not an accident.
    pub fn minor_units(self) -> u32 {
        match self {
            Currency::Sek | Currency::Nok | Currency::Dkk | Currency::Eur => 2,
        }
    }
}

impl fmt::Display for Currency {
    /// The ISO code, so logs and error messages read `SEK`, never `Sek`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_case_insensitively() {
        for c in Currency::ALL {
            assert_eq!(Currency::parse(c.code()), Some(c));
            assert_eq!(Currency::parse(&c.code().to_lowercase()), Some(c));
            assert_eq!(c.to_string(), c.code());
        }
        assert_eq!(Currency::parse("sEk"), Some(Currency::Sek));
        assert_eq!(Currency::parse("USD"), None);
        assert_eq!(Currency::parse(""), None);
        assert_eq!(Currency::parse(" SEK"), None);
    }

    #[test]
    fn all_have_two_minor_units() {
        for c in Currency::ALL {
            assert_eq!(c.minor_units(), 2);
        }
    }

    #[test]
    fn serde_is_the_iso_code() {
        assert_eq!(serde_json::to_string(&Currency::Nok).unwrap(), "\"NOK\"");
        assert_eq!(
            serde_json::from_str::<Currency>("\"DKK\"").unwrap(),
            Currency::Dkk
        );
        assert!(serde_json::from_str::<Currency>("\"Dkk\"").is_err());
        assert!(serde_json::from_str::<Currency>("\"USD\"").is_err());
    }
}
