//! Why a national identity number was refused, with stable codes for the API and the UI.

use crate::ktime::Country;

/// A national id that cannot be accepted.
///
/// The variants never carry the typed number: an error is logged and shown far more often than
/// an id is, and a personnummer in a log line is personal data we would have to hunt down later.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The text does not have the shape of an id for the country (length, characters,
    /// separators); the reason says which, so the form can tell the person what to fix.
    #[error("not a national id: {0}")]
    Format(&'static str),
    /// The digits name a day that does not exist (31 April, 29 February in a common year).
    #[error("the id contains a date that does not exist")]
    Date,
    /// The check digit (or check character) does not match: most often a typing mistake.
    #[error("the check digit does not match")]
    CheckDigit,
    /// The century cannot be worked out (an individual number outside every range, a
    /// 12-digit Swedish number starting with something other than 18, 19 or 20).
    #[error("the century of the birth date cannot be determined")]
    Century,
    /// The birth date would be after today; nobody can have been issued such an id yet.
    #[error("the birth date is after today")]
    FutureBirthDate,
    /// The country has no national id we can check (Germany has none in general use).
    #[error("no national id is checked for {0:?}")]
    UnsupportedCountry(Country),
}

impl IdError {
    /// The stable error code; also the Fluent message id for the form field.
    pub fn code(&self) -> &'static str {
        match self {
            IdError::Format(_) => "ERR_ID_FORMAT",
            IdError::Date => "ERR_ID_DATE",
            IdError::CheckDigit => "ERR_ID_CHECK_DIGIT",
            IdError::Century => "ERR_ID_CENTURY",
            IdError::FutureBirthDate => "ERR_ID_FUTURE_BIRTH_DATE",
            IdError::UnsupportedCountry(_) => "ERR_ID_UNSUPPORTED_COUNTRY",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct() {
        let all = [
            IdError::Format("x"),
            IdError::Date,
            IdError::CheckDigit,
            IdError::Century,
            IdError::FutureBirthDate,
            IdError::UnsupportedCountry(Country::DE),
        ];
        let mut codes: Vec<_> = all.iter().map(IdError::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert!(codes.iter().all(|c| c.starts_with("ERR_ID_")));
    }
}
