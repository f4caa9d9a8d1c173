//! Money in JSON: `{"amount":"1234.50","currency":"SEK"}`. The amount is a string so no JSON
//! library on the way ever turns it into a float, and it is read back strictly (no exponents,
//! no `_`, no JSON numbers).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Currency, Money, MoneyError, ParseReason};

/// The JSON shape of [`Money`].
#[derive(Serialize, Deserialize)]
struct MoneyJson {
    amount: String,
    currency: Currency,
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MoneyJson {
            amount: amount_text(self),
            currency: self.currency,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let json = MoneyJson::deserialize(deserializer)?;
        let amount = parse_plain(&json.amount).map_err(serde::de::Error::custom)?;
        Ok(Money::new(amount, json.currency))
    }
}

/// The amount in plain decimal notation with at least the currency's decimals (`1234.50`,
/// not `1234.5`), so rounded amounts always read the same; extra decimals of an unrounded
/// intermediate value are kept, never dropped.
pub(super) fn amount_text(money: &Money) -> String {
    let mut amount = money.amount;
    if amount.scale() < money.currency.minor_units() {
        // Raising the scale is exact; it only falls short for amounts too large to need it.
        amount.rescale(money.currency.minor_units());
    }
    if amount.is_zero() {
        // `-0.00` is the same amount as `0.00`; write it one way.
        amount.set_sign_positive(true);
    }
    amount.to_string()
}

/// A machine-written decimal: optional `-`, digits, optionally `.` and digits.
fn parse_plain(text: &str) -> Result<Decimal, MoneyError> {
    let fail = |reason| MoneyError::parse(text, reason);
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    if let Some(c) = unsigned.chars().find(|c| !c.is_ascii_digit() && *c != '.') {
        return Err(fail(if c == '-' {
            ParseReason::MisplacedMinus
        } else {
            ParseReason::InvalidCharacter(c)
        }));
    }
    if frac_part.is_some_and(|f| f.contains('.')) {
        return Err(fail(ParseReason::MultipleDecimalSeparators));
    }
    if int_part.is_empty() && frac_part.is_none() {
        return Err(fail(ParseReason::Empty));
    }
    if int_part.is_empty() || frac_part.is_some_and(str::is_empty) {
        return Err(fail(ParseReason::MissingDigits));
    }
    Decimal::from_str_exact(text).map_err(|_| fail(ParseReason::OutOfRange))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{d, sek};
    use super::*;

    #[test]
    fn json_has_the_amount_as_a_string() {
        let json = serde_json::to_string(&sek("1234.5")).unwrap();
        assert_eq!(json, r#"{"amount":"1234.50","currency":"SEK"}"#);
        let json = serde_json::to_string(&Money::from_minor(-5, Currency::Eur)).unwrap();
        assert_eq!(json, r#"{"amount":"-0.05","currency":"EUR"}"#);
        let json = serde_json::to_string(&sek("0").neg()).unwrap();
        assert_eq!(json, r#"{"amount":"0.00","currency":"SEK"}"#);
    }

    #[test]
    fn unrounded_amounts_keep_their_decimals() {
        let json = serde_json::to_string(&sek("0.125")).unwrap();
        assert_eq!(json, r#"{"amount":"0.125","currency":"SEK"}"#);
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back.amount().scale(), 3);
    }

    #[test]
    fn json_round_trips() {
        let m: Money = serde_json::from_str(r#"{"amount":"1234.50","currency":"SEK"}"#).unwrap();
        assert_eq!(m, sek("1234.50"));
        let m: Money = serde_json::from_str(r#"{"currency":"NOK","amount":"-7"}"#).unwrap();
        assert_eq!(m, Money::new(d("-7"), Currency::Nok));
    }

    #[test]
    fn json_is_read_strictly() {
        for bad in [
            r#"{"amount":1234.5,"currency":"SEK"}"#,
            r#"{"amount":1234,"currency":"SEK"}"#,
            r#"{"amount":"1e3","currency":"SEK"}"#,
            r#"{"amount":"1_000","currency":"SEK"}"#,
            r#"{"amount":"+1","currency":"SEK"}"#,
            r#"{"amount":"1.","currency":"SEK"}"#,
            r#"{"amount":".5","currency":"SEK"}"#,
            r#"{"amount":"1.2.3","currency":"SEK"}"#,
            r#"{"amount":"--1","currency":"SEK"}"#,
            r#"{"amount":"","currency":"SEK"}"#,
            r#"{"amount":" 1","currency":"SEK"}"#,
            r#"{"amount":"1","currency":"USD"}"#,
            r#"{"amount":"1"}"#,
            r#"{"amount":"99999999999999999999999999999999","currency":"SEK"}"#,
        ] {
            assert!(serde_json::from_str::<Money>(bad).is_err(), "{bad}");
        }
    }
}
