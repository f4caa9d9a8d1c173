//! Splitting an amount into parts that add up to exactly the original: installment plans and
//! spreading a discount or fee over order lines. Rounding each share separately would lose or
//! invent öre; these hand out the leftover öre explicitly instead.

use rust_decimal::Decimal;

use super::{Money, MoneyError};

impl Money {
    /// `parts` nearly equal amounts summing exactly to `self`: they differ by at most one minor
    /// unit, and the larger ones come first (100 kr in 3 → 33.34, 33.33, 33.33), so a plan's
    /// first installment carries the leftover öre.
    ///
    /// Fails for zero parts and for an amount that is not rounded to minor units.
    pub fn allocate(self, parts: u32) -> Result<Vec<Money>, MoneyError> {
        if parts == 0 {
            return Err(MoneyError::NoParts);
        }
        let total = self.to_minor()?;
        let n = i64::from(parts);
        // Truncating division: for a negative total the remainder is negative too, so the
        // first parts get one öre more in magnitude either way.
        let (base, remainder) = (total / n, total % n);
        let extra_count = remainder.unsigned_abs();
        let extra = remainder.signum();
        Ok((0..u64::from(parts))
            .map(|i| {
                let bump = if i < extra_count { extra } else { 0 };
                Money::from_minor(base + bump, self.currency)
            })
            .collect())
    }

    /// Amounts proportional to `weights` summing exactly to `self` (largest-remainder method:
    /// every part gets its share rounded down, then the leftover öre go to the parts with the
    /// largest fractions, earlier parts winning ties).
    ///
    /// Computed in integers, so the sum is exact. Fails for empty, negative or all-zero
    /// weights, for an unrounded amount, and with [`MoneyError::Overflow`] for weights whose
    /// decimals differ so much that the exact arithmetic does not fit 128 bits.
    pub fn allocate_by(self, weights: &[Decimal]) -> Result<Vec<Money>, MoneyError> {
        let weights = integer_weights(weights)?;
        let weight_sum = weights
            .iter()
            .try_fold(0_i128, |acc, w| acc.checked_add(*w))
            .ok_or(MoneyError::Overflow)?;
        if weight_sum == 0 {
            return Err(MoneyError::InvalidWeights);
        }
        let total = self.to_minor()?;
        let magnitude = i128::from(total).abs();

        let mut shares = Vec::with_capacity(weights.len());
        let mut handed_out = 0_i128;
        for w in &weights {
            let exact = magnitude.checked_mul(*w).ok_or(MoneyError::Overflow)?;
            let (floor, fraction) = (exact / weight_sum, exact % weight_sum);
            handed_out += floor;
            shares.push((floor, fraction));
        }

        // The fractions add up to `leftover × weight_sum` with each below `weight_sum`, so more
        // than `leftover` parts have a fraction and zero-weight parts never get an öre.
        let leftover = magnitude - handed_out;
        let mut order: Vec<usize> = (0..shares.len()).collect();
        order.sort_by(|&a, &b| shares[b].1.cmp(&shares[a].1));
        for &i in order
            .iter()
            .take(usize::try_from(leftover).unwrap_or(usize::MAX))
        {
            shares[i].0 += 1;
        }

        let sign = if total < 0 { -1 } else { 1 };
        shares
            .into_iter()
            .map(|(minor, _)| {
                i64::try_from(sign * minor)
                    .map(|m| Money::from_minor(m, self.currency))
                    .map_err(|_| MoneyError::Overflow)
            })
            .collect()
    }
}

/// The weights as integers on one common scale (their ratios are what matter), refusing empty
/// lists and negative weights.
fn integer_weights(weights: &[Decimal]) -> Result<Vec<i128>, MoneyError> {
    if weights.is_empty() || weights.iter().any(|w| w.is_sign_negative() && !w.is_zero()) {
        return Err(MoneyError::InvalidWeights);
    }
    let normalized: Vec<Decimal> = weights.iter().map(Decimal::normalize).collect();
    let scale = normalized.iter().map(Decimal::scale).max().unwrap_or(0);
    normalized
        .iter()
        .map(|w| {
            let factor = 10_i128
                .checked_pow(scale - w.scale())
                .ok_or(MoneyError::Overflow)?;
            w.mantissa().checked_mul(factor).ok_or(MoneyError::Overflow)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{d, sek};
    use super::super::Currency;
    use super::*;

    fn minor(parts: &[Money]) -> Vec<i64> {
        parts.iter().map(|m| m.to_minor().unwrap()).collect()
    }

    #[test]
    fn equal_parts_put_leftover_ore_first() {
        assert_eq!(
            sek("100").allocate(3).unwrap(),
            vec![sek("33.34"), sek("33.33"), sek("33.33")]
        );
        assert_eq!(minor(&sek("0.05").allocate(3).unwrap()), vec![2, 2, 1]);
        assert_eq!(minor(&sek("0.02").allocate(4).unwrap()), vec![1, 1, 0, 0]);
        assert_eq!(minor(&sek("12").allocate(1).unwrap()), vec![1200]);
        assert_eq!(minor(&sek("0").allocate(2).unwrap()), vec![0, 0]);
    }

    #[test]
    fn negative_amounts_split_into_negative_parts() {
        assert_eq!(
            minor(&sek("-1.00").allocate(3).unwrap()),
            vec![-34, -33, -33]
        );
        assert_eq!(
            Money::from_minor(i64::MIN, Currency::Sek)
                .allocate(2)
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn allocate_refuses_what_it_cannot_split_exactly() {
        assert_eq!(sek("100").allocate(0), Err(MoneyError::NoParts));
        assert!(matches!(
            sek("100.005").allocate(2),
            Err(MoneyError::NotRounded { .. })
        ));
        assert!(matches!(
            sek("100.005").allocate_by(&[d("1")]),
            Err(MoneyError::NotRounded { .. })
        ));
    }

    #[test]
    fn proportional_parts_use_largest_remainders() {
        // 100 kr by 1:1:1 → 33.333… each; one öre left, to the first.
        assert_eq!(
            minor(&sek("100").allocate_by(&[d("1"), d("1"), d("1")]).unwrap()),
            vec![3334, 3333, 3333]
        );
        // 10 kr by 0.2 : 0.3 : 0.5 (weights as fractions).
        assert_eq!(
            minor(
                &sek("10")
                    .allocate_by(&[d("0.2"), d("0.3"), d("0.5")])
                    .unwrap()
            ),
            vec![200, 300, 500]
        );
        // 1.00 by 1 : 2 → 33.33… and 66.66…: the larger fraction (.66) gets the öre.
        assert_eq!(
            minor(&sek("1").allocate_by(&[d("1"), d("2")]).unwrap()),
            vec![33, 67]
        );
        // Weights with different scales: a discount spread over lines of 99.90, 250 and 0.10.
        let parts = sek("-50")
            .allocate_by(&[d("99.90"), d("250"), d("0.1")])
            .unwrap();
        assert_eq!(minor(&parts), vec![-1427, -3572, -1]);
        assert_eq!(Money::sum(&parts, Currency::Sek), Ok(sek("-50")));
    }

    #[test]
    fn zero_weights_get_nothing() {
        assert_eq!(
            minor(
                &sek("0.07")
                    .allocate_by(&[d("0"), d("1"), d("0"), d("1")])
                    .unwrap()
            ),
            vec![0, 4, 0, 3]
        );
    }

    #[test]
    fn allocate_by_refuses_bad_weights() {
        assert_eq!(sek("1").allocate_by(&[]), Err(MoneyError::InvalidWeights));
        assert_eq!(
            sek("1").allocate_by(&[d("0"), d("0.00")]),
            Err(MoneyError::InvalidWeights)
        );
        assert_eq!(
            sek("1").allocate_by(&[d("2"), d("-1")]),
            Err(MoneyError::InvalidWeights)
        );
        assert_eq!(
            sek("1").allocate_by(&[Decimal::MAX, Decimal::new(1, 28)]),
            Err(MoneyError::Overflow)
        );
    }
}
