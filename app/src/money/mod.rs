//! Money: an exact decimal amount tied to its currency, with rounding named at every call,
//! exact splits for installment plans, and locale formatting and parsing.
//!
//! Amounts are [`Decimal`] (or `i64` minor units at API and database edges), never floats.
//! Nothing here panics on data: mixing currencies, overflow and unrounded amounts are
//! [`MoneyError`]s. There is deliberately no `std::ops::Add`, because `+` cannot report a
//! currency mismatch.

mod allocate;
mod currency;
mod error;
mod format;
mod parse;
mod rounding;
mod wire;

#[cfg(test)]
mod proptests;

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;

pub use currency::Currency;
pub use error::{MoneyError, ParseReason};
pub use format::format_decimal;
pub use rounding::Rounding;

/// An amount in a currency.
///
/// The amount may carry more decimals than the currency's minor units while it is an
/// intermediate result (interest, VAT); [`Money::round`] with a named [`Rounding`] brings it
/// back, and [`Money::to_minor`] refuses amounts that were never rounded. Equality compares
/// values, not representations (`1.5 SEK == 1.50 SEK`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// `amount` in `currency`, at any precision.
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// Nothing, in `currency`; the start of a sum.
    pub fn zero(currency: Currency) -> Money {
        Money::new(Decimal::ZERO, currency)
    }

    /// An amount given in minor units (öre, cents), as payment APIs and the database send it.
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        Money::new(Decimal::new(minor, currency.minor_units()), currency)
    }

    /// The amount in minor units, for APIs and storage.
    ///
    /// Fails with [`MoneyError::NotRounded`] rather than rounding: which rounding applies is the
    /// caller's rule to name, and a silent one loses öre.
    pub fn to_minor(&self) -> Result<i64, MoneyError> {
        if !self.is_rounded() {
            return Err(MoneyError::NotRounded {
                amount: self.amount,
                currency: self.currency,
            });
        }
        let scaled = self
            .amount
            .checked_mul(Decimal::from(minor_factor(self.currency)))
            .ok_or(MoneyError::Overflow)?
            .normalize();
        if scaled.scale() != 0 {
            return Err(MoneyError::NotRounded {
                amount: self.amount,
                currency: self.currency,
            });
        }
        i64::try_from(scaled.mantissa()).map_err(|_| MoneyError::Overflow)
    }

    /// The exact amount.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Whether the amount fits the currency's minor units (what can actually be paid).
    pub fn is_rounded(&self) -> bool {
        self.amount.normalize().scale() <= self.currency.minor_units()
    }

    /// `self + other`, if both are in the same currency and the sum is exact.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(&other)?;
        let amount = exact(
            self.amount.checked_add(other.amount),
            self.amount,
            other.amount,
        )?;
        Ok(Money::new(amount, self.currency))
    }

    /// `self - other`, if both are in the same currency and the difference is exact.
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(&other)?;
        let amount = exact(
            self.amount.checked_sub(other.amount),
            self.amount,
            other.amount,
        )?;
        Ok(Money::new(amount, self.currency))
    }

    /// Orders two amounts of the same currency (e.g. a fee against its legal cap); amounts in
    /// different currencies have no order.
    pub fn checked_cmp(&self, other: &Money) -> Result<Ordering, MoneyError> {
        self.same_currency(other)?;
        Ok(self.amount.cmp(&other.amount))
    }

    /// The sum of `items`, all in `currency`; zero when there are none (which is why the
    /// currency is given rather than taken from the first item).
    pub fn sum<I>(items: I, currency: Currency) -> Result<Money, MoneyError>
    where
        I: IntoIterator,
        I::Item: Borrow<Money>,
    {
        items
            .into_iter()
            .try_fold(Money::zero(currency), |acc, m| acc.checked_add(*m.borrow()))
    }

    /// The same amount with the opposite sign (a refund of a charge). Never overflows.
    #[expect(clippy::should_implement_trait, reason = "no operator traits on Money")]
    pub fn neg(self) -> Money {
        Money::new(-self.amount, self.currency)
    }

    /// The amount without its sign.
    pub fn abs(self) -> Money {
        Money::new(self.amount.abs(), self.currency)
    }

    /// Whether the amount is zero (also `-0`).
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// Whether the amount is above zero.
    pub fn is_positive(&self) -> bool {
        self.amount > Decimal::ZERO
    }

    /// Whether the amount is below zero (`-0` is not).
    pub fn is_negative(&self) -> bool {
        self.amount < Decimal::ZERO
    }

    fn same_currency(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            })
        }
    }
}

impl fmt::Display for Money {
    /// `1234.50 SEK`: unambiguous for logs and error messages. People see [`Money::format`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", wire::amount_text(self), self.currency)
    }
}

/// The result of `a ± b`, if it is exact. `Decimal` quietly drops decimals when a sum needs
/// more than its 28 digits (a huge amount plus one with many decimals); for money that would
/// be a silent rounding, so it counts as overflow.
fn exact(result: Option<Decimal>, a: Decimal, b: Decimal) -> Result<Decimal, MoneyError> {
    result
        .filter(|r| r.scale() >= a.scale().max(b.scale()))
        .ok_or(MoneyError::Overflow)
}

/// Minor units per major unit (100 öre per krona).
fn minor_factor(currency: Currency) -> i64 {
    10_i64.pow(currency.minor_units())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    pub(super) fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    pub(super) fn sek(s: &str) -> Money {
        Money::new(d(s), Currency::Sek)
    }

    #[test]
    fn minor_units_convert_both_ways() {
        let m = Money::from_minor(123_450, Currency::Sek);
        assert_eq!(m.amount(), d("1234.50"));
        assert_eq!(m.currency(), Currency::Sek);
        assert_eq!(m.to_minor(), Ok(123_450));
        assert_eq!(sek("1234.5").to_minor(), Ok(123_450));
        assert_eq!(sek("-0.01").to_minor(), Ok(-1));
        assert_eq!(sek("12.000").to_minor(), Ok(1200));
        assert_eq!(
            Money::from_minor(i64::MIN, Currency::Eur).to_minor(),
            Ok(i64::MIN)
        );
    }

    #[test]
    fn to_minor_never_rounds_silently() {
        assert_eq!(
            sek("1.005").to_minor(),
            Err(MoneyError::NotRounded {
                amount: d("1.005"),
                currency: Currency::Sek
            })
        );
        assert!(!sek("1.005").is_rounded());
        assert!(sek("1.000").is_rounded());
    }

    #[test]
    fn to_minor_overflow_is_an_error() {
        let huge = sek("100000000000000000000");
        assert_eq!(huge.to_minor(), Err(MoneyError::Overflow));
        assert_eq!(
            Money::new(Decimal::MAX, Currency::Sek).to_minor(),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn add_and_sub_in_one_currency() {
        assert_eq!(sek("10.50").checked_add(sek("0.75")), Ok(sek("11.25")));
        assert_eq!(sek("10.50").checked_sub(sek("12")), Ok(sek("-1.50")));
        assert_eq!(
            Money::new(Decimal::MAX, Currency::Sek).checked_add(sek("1")),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::new(Decimal::MIN, Currency::Sek).checked_sub(sek("1")),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn sums_that_would_lose_decimals_are_refused() {
        // The exact sum needs 29 significant digits; Decimal would round it to 28.
        let huge = sek("-7922816251361294297");
        let fine = sek("-65139463.0061638641");
        assert_eq!(huge.checked_add(fine), Err(MoneyError::Overflow));
        assert_eq!(huge.checked_sub(fine.neg()), Err(MoneyError::Overflow));
        assert_eq!(
            huge.checked_sub(fine),
            Ok(sek("-7922816251296154833.9938361359"))
        );
    }

    #[test]
    fn mixing_currencies_is_an_error() {
        let eur = Money::new(d("1"), Currency::Eur);
        let mismatch = MoneyError::CurrencyMismatch {
            left: Currency::Sek,
            right: Currency::Eur,
        };
        assert_eq!(sek("1").checked_add(eur), Err(mismatch.clone()));
        assert_eq!(sek("1").checked_sub(eur), Err(mismatch.clone()));
        assert_eq!(sek("1").checked_cmp(&eur), Err(mismatch.clone()));
        assert_eq!(Money::sum([sek("1"), eur], Currency::Sek), Err(mismatch));
        assert_eq!(mismatch_code(), "ERR_MONEY_CURRENCY_MISMATCH");
    }

    fn mismatch_code() -> &'static str {
        MoneyError::CurrencyMismatch {
            left: Currency::Sek,
            right: Currency::Nok,
        }
        .code()
    }

    #[test]
    fn sums_start_at_zero_in_the_given_currency() {
        assert_eq!(
            Money::sum(Vec::<Money>::new(), Currency::Nok),
            Ok(Money::zero(Currency::Nok))
        );
        let items = [sek("1.10"), sek("2.20"), sek("-0.30")];
        assert_eq!(Money::sum(items.iter(), Currency::Sek), Ok(sek("3.00")));
        assert_eq!(
            Money::sum(items, Currency::Eur),
            Err(MoneyError::CurrencyMismatch {
                left: Currency::Eur,
                right: Currency::Sek
            })
        );
    }

    #[test]
    fn signs() {
        assert_eq!(sek("5").neg(), sek("-5"));
        assert_eq!(sek("-5").abs(), sek("5"));
        assert!(sek("0.01").is_positive() && !sek("0.01").is_negative());
        assert!(sek("-0.01").is_negative() && !sek("-0.01").is_positive());
        let minus_zero = sek("0").neg();
        assert!(minus_zero.is_zero() && !minus_zero.is_negative() && !minus_zero.is_positive());
        assert_eq!(minus_zero, Money::zero(Currency::Sek));
    }

    #[test]
    fn comparison_within_a_currency() {
        assert_eq!(sek("1.5").checked_cmp(&sek("1.50")), Ok(Ordering::Equal));
        assert_eq!(sek("1").checked_cmp(&sek("2")), Ok(Ordering::Less));
    }

    #[test]
    fn equality_and_hash_ignore_trailing_zeros() {
        use std::collections::HashSet;
        let set: HashSet<Money> = [sek("1.5"), sek("1.50"), sek("-0"), sek("0")].into();
        assert_eq!(set.len(), 2);
        assert_ne!(sek("1"), Money::new(d("1"), Currency::Nok));
    }

    #[test]
    fn display_is_for_logs() {
        assert_eq!(sek("1234.5").to_string(), "1234.50 SEK");
        assert_eq!(sek("-0.125").to_string(), "-0.125 SEK");
    }
}
