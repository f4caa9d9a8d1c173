//! Properties of money math that must hold for every amount, not just the examples: nothing is
//! lost or invented by arithmetic, splits, rounding, formatting or parsing.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{Currency, Money, MoneyError, Rounding};
use crate::i18n::Lang;

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(Currency::ALL.to_vec())
}

fn lang() -> impl Strategy<Value = Lang> {
    prop::sample::select(Lang::ALL.to_vec())
}

/// Amounts at any precision, as intermediate results are.
fn any_amount() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0_u32..=10).prop_map(|(m, scale)| Decimal::new(m, scale))
}

/// Weights as merchants send them: line amounts, percentages, shares; at least one non-zero.
fn weights() -> impl Strategy<Value = Vec<Decimal>> {
    prop::collection::vec(
        (0_i64..1_000_000_000, 0_u32..=4).prop_map(|(m, s)| Decimal::new(m, s)),
        1..12,
    )
    .prop_filter("not all zero", |w| w.iter().any(|x| !x.is_zero()))
}

proptest! {
    #[test]
    fn add_then_sub_is_identity(a in any_amount(), b in any_amount(), c in currency()) {
        let (a, b) = (Money::new(a, c), Money::new(b, c));
        // Either exact both ways or refused; never a quietly rounded result.
        match a.checked_add(b) {
            Ok(sum) => {
                prop_assert_eq!(sum.checked_sub(b), Ok(a));
                prop_assert_eq!(sum.checked_sub(a), Ok(b));
            }
            Err(e) => prop_assert_eq!(e, MoneyError::Overflow),
        }
    }

    #[test]
    fn add_of_rounded_amounts_never_fails(x in any::<i64>(), y in any::<i64>(), c in currency()) {
        let (a, b) = (Money::from_minor(x, c), Money::from_minor(y, c));
        let expected = Money::new(Decimal::from(i128::from(x) + i128::from(y)) / Decimal::from(100), c);
        prop_assert_eq!(a.checked_add(b), Ok(expected));
        prop_assert_eq!(a.checked_add(b).and_then(|s| s.checked_sub(b)), Ok(a));
    }

    #[test]
    fn minor_units_round_trip(minor in any::<i64>(), c in currency()) {
        prop_assert_eq!(Money::from_minor(minor, c).to_minor(), Ok(minor));
    }

    #[test]
    fn allocate_is_exact_and_even(minor in any::<i64>(), parts in 1_u32..=60, c in currency()) {
        let total = Money::from_minor(minor, c);
        let split = total.allocate(parts).unwrap();
        prop_assert_eq!(split.len(), parts as usize);
        prop_assert_eq!(Money::sum(&split, c), Ok(total));
        let minors: Vec<i64> = split.iter().map(|m| m.to_minor().unwrap()).collect();
        let (lo, hi) = (minors.iter().min().unwrap(), minors.iter().max().unwrap());
        prop_assert!(hi - lo <= 1);
        // The extra öre (in magnitude) go to the first parts.
        prop_assert!(minors.windows(2).all(|w| w[0].abs() >= w[1].abs()));
    }

    #[test]
    fn allocate_by_is_exact(minor in -10_000_000_000_i64..10_000_000_000, w in weights(), c in currency()) {
        let total = Money::from_minor(minor, c);
        let split = total.allocate_by(&w).unwrap();
        prop_assert_eq!(split.len(), w.len());
        prop_assert_eq!(Money::sum(&split, c), Ok(total));
        for (part, weight) in split.iter().zip(&w) {
            if weight.is_zero() {
                prop_assert!(part.is_zero());
            }
            // Never the wrong sign.
            prop_assert!(!(part.is_positive() && total.is_negative()));
            prop_assert!(!(part.is_negative() && total.is_positive()));
        }
    }

    #[test]
    fn format_then_parse_round_trips(minor in -100_000_000_000_000_i64..100_000_000_000_000, c in currency(), l in lang()) {
        let money = Money::from_minor(minor, c);
        let text = money.format(l);
        prop_assert_eq!(Money::parse(&text, c, l), Ok(money), "{}", text);
    }

    #[test]
    fn half_up_and_half_even_differ_only_on_ties(m in any::<i64>(), extra in 1_u32..=4, c in currency()) {
        let scale = c.minor_units() + extra;
        let money = Money::new(Decimal::new(m, scale), c);
        let up = money.round(Rounding::HalfUp);
        let even = money.round(Rounding::HalfEven);
        let dropped = money.checked_sub(money.round(Rounding::Down)).unwrap().amount().abs();
        let half = Decimal::new(5, c.minor_units() + 1);
        if dropped == half {
            // On a tie they differ exactly when half-up lands on an odd last digit.
            let odd = up.to_minor().unwrap() % 2 != 0;
            prop_assert_eq!(up != even, odd);
            if odd {
                prop_assert_eq!(up.checked_sub(even).unwrap().amount().abs(), Decimal::new(1, c.minor_units()));
            }
        } else {
            prop_assert_eq!(up, even);
        }
    }

    #[test]
    fn rounding_is_idempotent_and_rounded(a in any_amount(), c in currency()) {
        for r in [Rounding::HalfUp, Rounding::HalfEven, Rounding::Down] {
            let once = Money::new(a, c).round(r);
            prop_assert!(once.is_rounded());
            prop_assert_eq!(once.round(r), once);
        }
        // Down never moves away from zero.
        let down = Money::new(a, c).round(Rounding::Down);
        prop_assert!(down.amount().abs() <= a.abs());
    }

    #[test]
    fn mismatched_currencies_always_error(a in any_amount(), b in any_amount(), i in 0_usize..4, k in 1_usize..4) {
        let (x, y) = (Currency::ALL[i], Currency::ALL[(i + k) % 4]);
        let (left, right) = (Money::new(a, x), Money::new(b, y));
        let mismatch = MoneyError::CurrencyMismatch { left: x, right: y };
        prop_assert_eq!(left.checked_add(right), Err(mismatch.clone()));
        prop_assert_eq!(left.checked_sub(right), Err(mismatch.clone()));
        prop_assert_eq!(left.checked_cmp(&right), Err(mismatch));
        prop_assert!(Money::sum([left, right], x).is_err());
    }

    #[test]
    fn json_round_trips(a in any_amount(), c in currency()) {
        let money = Money::new(a, c);
        let json = serde_json::to_string(&money).unwrap();
        prop_assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), money);
    }

    #[test]
    fn parse_never_panics(text in "\\PC{0,20}", c in currency(), l in lang()) {
        let _ = Money::parse(&text, c, l);
    }

    #[test]
    fn parse_never_panics_on_amount_like_text(text in "[-−€$ ,.\u{a0}0-9krSEK]{0,16}", c in currency(), l in lang()) {
        if let Ok(m) = Money::parse(&text, c, l) {
            prop_assert!(m.is_rounded());
            prop_assert_eq!(m.currency(), c);
        }
    }
}
