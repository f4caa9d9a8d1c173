//! Rounding to the currency's minor units, with the rule named at every call: customer-facing
//! amounts, banker's rounding and legal caps each round differently, and "the default" hides
//! which one a line of code meant.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Money, MoneyError};

/// How to bring an amount to the currency's minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// Half away from zero (`2.345 → 2.35`, `-2.345 → -2.35`): what people expect, so the rule
    /// for amounts shown to customers and merchants.
    HalfUp,
    /// Half to the even neighbour (`2.345 → 2.34`, `2.355 → 2.36`): banker's rounding, only
    /// where a rule asks for it; it does not drift upward over many roundings.
    HalfEven,
    /// Toward zero (`2.349 → 2.34`): for caps and limits that must never be exceeded, such as
    /// legally capped fees and interest.
    Down,
}

impl Rounding {
    fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Down => RoundingStrategy::ToZero,
        }
    }
}

impl Money {
    /// The amount rounded to the currency's minor units by `rounding`. Rounding never
    /// overflows, so this cannot fail.
    pub fn round(self, rounding: Rounding) -> Money {
        let amount = self
            .amount
            .round_dp_with_strategy(self.currency.minor_units(), rounding.strategy());
        Money::new(amount, self.currency)
    }

    /// `self × factor` rounded by `rounding`, in one step so the unrounded product never leaks
    /// (e.g. 25 % VAT: `mul_round(dec!(0.25), Rounding::HalfUp)`; a day's interest).
    ///
    /// The product is exact up to `Decimal`'s 28 significant digits, far beyond any amount's
    /// öre; fails with [`MoneyError::Overflow`] instead of panicking when it does not fit.
    pub fn mul_round(self, factor: Decimal, rounding: Rounding) -> Result<Money, MoneyError> {
        let product = self
            .amount
            .checked_mul(factor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(product, self.currency).round(rounding))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{d, sek};
    use super::*;

    #[test]
    fn half_up_rounds_ties_away_from_zero() {
        assert_eq!(sek("2.345").round(Rounding::HalfUp), sek("2.35"));
        assert_eq!(sek("-2.345").round(Rounding::HalfUp), sek("-2.35"));
        assert_eq!(sek("2.3449").round(Rounding::HalfUp), sek("2.34"));
        assert_eq!(sek("0.005").round(Rounding::HalfUp), sek("0.01"));
    }

    #[test]
    fn half_even_rounds_ties_to_even() {
        assert_eq!(sek("2.345").round(Rounding::HalfEven), sek("2.34"));
        assert_eq!(sek("2.355").round(Rounding::HalfEven), sek("2.36"));
        assert_eq!(sek("-2.345").round(Rounding::HalfEven), sek("-2.34"));
        assert_eq!(sek("2.3451").round(Rounding::HalfEven), sek("2.35"));
    }

    #[test]
    fn down_rounds_toward_zero() {
        assert_eq!(sek("2.349").round(Rounding::Down), sek("2.34"));
        assert_eq!(sek("-2.349").round(Rounding::Down), sek("-2.34"));
        assert_eq!(sek("2.34").round(Rounding::Down), sek("2.34"));
    }

    #[test]
    fn rounded_amounts_convert_to_minor_units() {
        let m = sek("10.0049").round(Rounding::HalfUp);
        assert_eq!(m.to_minor(), Ok(1000));
    }

    #[test]
    fn vat_and_interest() {
        // 25 % VAT on 99.90 is 24.975: shown to the customer, so half up.
        assert_eq!(
            sek("99.90").mul_round(d("0.25"), Rounding::HalfUp),
            Ok(sek("24.98"))
        );
        assert_eq!(
            sek("99.90").mul_round(d("0.25"), Rounding::HalfEven),
            Ok(sek("24.98"))
        );
        assert_eq!(
            sek("99.90").mul_round(d("0.25"), Rounding::Down),
            Ok(sek("24.97"))
        );
        // A day's interest at 19.95 % a year on 10 000 kr, capped: toward zero.
        let daily = d("0.1995") / d("365");
        assert_eq!(
            sek("10000").mul_round(daily, Rounding::Down),
            Ok(sek("5.46"))
        );
        assert_eq!(
            sek("1").mul_round(Decimal::MAX, Rounding::HalfUp),
            Ok(Money::new(Decimal::MAX, super::super::Currency::Sek))
        );
        assert_eq!(
            sek("2").mul_round(Decimal::MAX, Rounding::HalfUp),
            Err(MoneyError::Overflow)
        );
    }
}
