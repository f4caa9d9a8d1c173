//! VAT breakdowns for invoices and credit notes: per tax rate, the gross (incl. VAT), net and
//! VAT in minor units, adding up exactly to what is invoiced.
//!
//! Three sources: order lines (a capture or refund with lines), an amount without lines (a
//! capture or refund by amount only, spread over the order's rates) and Kreditor's own invoice
//! fee. Prices are tax-inclusive throughout, as in the order API, so for every row
//! `net = gross − tax`, and the rows' gross add up to the amount invoiced to the öre.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::orders::lines::{div_round_half_up, tax_included, OrderLine, MAX_TAX_RATE};

/// The amounts of one tax rate, in minor units; stored in the invoice as
/// `{"tax_rate": 2500, "gross": …, "net": …, "tax": …}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatRow {
    /// Hundredths of a percent (2500 = 25 %).
    pub tax_rate: i64,
    /// Amount incl. VAT.
    pub gross: i64,
    /// Amount excl. VAT: `gross − tax`.
    pub net: i64,
    /// The VAT.
    pub tax: i64,
}

/// Rows per tax rate, ascending by rate, with their totals.
///
/// Built only by the functions here and [`VatBreakdown::from_rows`] (which JSON goes through
/// too), so every row has `net = gross − tax`, rates are unique and in range, and the totals
/// fit an `i64`. Serialised as the list of rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VatBreakdown {
    rows: Vec<VatRow>,
    gross: i64,
    net: i64,
    tax: i64,
}

/// Why a breakdown cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VatError {
    /// A tax rate outside 0..=10000 (a line that was never validated, or a misconfigured fee).
    #[error("tax rate {tax_rate} is outside 0..=10000")]
    TaxRateOutOfRange {
        /// The rate given.
        tax_rate: i64,
    },
    /// An amount without lines needs the order's lines to spread it over.
    #[error("no order lines to spread the amount over")]
    NoLines,
    /// The order's lines add up to zero, so there are no proportions to spread an amount by.
    #[error("the order's lines add up to zero")]
    ZeroBase,
    /// A sum or share does not fit 64 bits.
    #[error("amount out of range")]
    Overflow,
    /// A stored row that breaks the rules (net ≠ gross − tax, a rate twice or out of order).
    #[error("invalid VAT row at tax rate {tax_rate}: {reason}")]
    InvalidRow {
        /// The row's rate.
        tax_rate: i64,
        /// What is wrong with it.
        reason: &'static str,
    },
}

impl VatBreakdown {
    /// The rows, ascending by tax rate.
    pub fn rows(&self) -> &[VatRow] {
        &self.rows
    }

    /// The row of `tax_rate`, if there is one.
    pub fn row(&self, tax_rate: i64) -> Option<&VatRow> {
        self.rows.iter().find(|r| r.tax_rate == tax_rate)
    }

    /// Total incl. VAT.
    pub fn gross(&self) -> i64 {
        self.gross
    }

    /// Total excl. VAT.
    pub fn net(&self) -> i64 {
        self.net
    }

    /// Total VAT.
    pub fn tax(&self) -> i64 {
        self.tax
    }

    /// A breakdown from rows (as stored): rates in 0..=10000, strictly ascending, each row
    /// `net = gross − tax`, and totals that fit.
    pub fn from_rows(rows: Vec<VatRow>) -> Result<VatBreakdown, VatError> {
        let (mut gross, mut net, mut tax) = (0_i128, 0_i128, 0_i128);
        let mut previous: Option<i64> = None;
        for row in &rows {
            let invalid = |reason| VatError::InvalidRow {
                tax_rate: row.tax_rate,
                reason,
            };
            if !(0..=MAX_TAX_RATE).contains(&row.tax_rate) {
                return Err(VatError::TaxRateOutOfRange {
                    tax_rate: row.tax_rate,
                });
            }
            if previous.is_some_and(|p| p >= row.tax_rate) {
                return Err(invalid("rates must be unique and ascending"));
            }
            if i128::from(row.net) != i128::from(row.gross) - i128::from(row.tax) {
                return Err(invalid("net must be gross − tax"));
            }
            previous = Some(row.tax_rate);
            gross += i128::from(row.gross);
            net += i128::from(row.net);
            tax += i128::from(row.tax);
        }
        Ok(VatBreakdown {
            rows,
            gross: fit(gross)?,
            net: fit(net)?,
            tax: fit(tax)?,
        })
    }

    /// Both breakdowns in one, rows of the same rate added (goods and invoice fee on one
    /// invoice).
    pub fn combine(&self, other: &VatBreakdown) -> Result<VatBreakdown, VatError> {
        let mut sums: BTreeMap<i64, (i128, i128)> = BTreeMap::new();
        for row in self.rows.iter().chain(&other.rows) {
            let entry = sums.entry(row.tax_rate).or_default();
            entry.0 += i128::from(row.gross);
            entry.1 += i128::from(row.tax);
        }
        rows_from_sums(sums)
    }
}

impl Serialize for VatBreakdown {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.rows.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for VatBreakdown {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let rows = Vec::<VatRow>::deserialize(deserializer)?;
        VatBreakdown::from_rows(rows).map_err(serde::de::Error::custom)
    }
}

/// The breakdown of tax-inclusive order lines (a capture or refund with lines, or a whole
/// order): one row per tax rate present, gross = the lines' `total_amount`, tax = their
/// `total_tax_amount`.
///
/// The stated `total_tax_amount` is used whenever it is within the validation tolerance of the
/// computed tax, so the invoice shows exactly the VAT the merchant sent (and booked); a line
/// whose stated tax is off (one that skipped validation) gets the computed
/// [`tax_included`] instead, so the invoice's VAT is never wrong by more than rounding. No
/// lines give an empty breakdown.
pub fn breakdown_lines(lines: &[OrderLine]) -> Result<VatBreakdown, VatError> {
    let mut sums: BTreeMap<i64, (i128, i128)> = BTreeMap::new();
    for line in lines {
        let computed = line
            .expected_tax_amount()
            .ok_or(VatError::TaxRateOutOfRange {
                tax_rate: line.tax_rate,
            })?;
        let tax = if line.tax_amount_is_valid() {
            line.total_tax_amount
        } else {
            computed
        };
        let entry = sums.entry(line.tax_rate).or_default();
        entry.0 += i128::from(line.total_amount);
        entry.1 += i128::from(tax);
    }
    rows_from_sums(sums)
}

/// The breakdown of `amount` (incl. VAT) captured or refunded without lines, spread over the
/// tax rates of the order's lines in proportion to each rate's gross.
///
/// The rows add up to `amount` exactly: each rate's share is its exact proportion rounded
/// down, and the öre left over go one each to the rates with the largest fractions
/// (largest-remainder method), ties to the lower rate. Rounding each share on its own would
/// make the rows miss the invoiced amount by an öre now and then; the leftover method keeps
/// every share within one öre of its exact proportion, and the fixed tie-break makes the
/// breakdown a function of its inputs alone, so an invoice recomputed later (a copy, a PDF,
/// another node) shows the same öre. A negative `amount` is spread as its magnitude and
/// negated, so a refund by amount mirrors the capture of the same amount.
///
/// Each share's tax is the rate's tax in the order scaled by the share (`share × tax / gross`,
/// half away from zero), so capturing the whole order by amount gives exactly the lines'
/// breakdown. A rate whose lines are negative overall (a gift card at 0 %) gets a negative
/// share; with no such rate, the shares of a positive amount are never negative.
pub fn breakdown_amount(amount: i64, order_lines: &[OrderLine]) -> Result<VatBreakdown, VatError> {
    if order_lines.is_empty() {
        return Err(VatError::NoLines);
    }
    breakdown_over(amount, &breakdown_lines(order_lines)?)
}

/// [`breakdown_amount`] over a given base instead of an order's lines: `amount` spread over
/// `base`'s rates in proportion to their gross, each share's tax scaled from the rate's tax.
/// A capture by amount spreads over what is still uncaptured per rate
/// (`orders::capture_vat`), so the last capture takes exactly what is left of every rate.
pub fn breakdown_over(amount: i64, order: &VatBreakdown) -> Result<VatBreakdown, VatError> {
    let weights: Vec<i128> = order.rows.iter().map(|r| i128::from(r.gross)).collect();
    let shares = allocate(amount, &weights)?;
    let mut rows = Vec::with_capacity(shares.len());
    for (row, share) in order.rows.iter().zip(shares) {
        let gross = fit(share)?;
        let tax = if row.gross == 0 {
            0
        } else {
            let (n, d) = (
                i128::from(gross) * i128::from(row.tax),
                i128::from(row.gross),
            );
            // The rounding helper wants a positive divisor; the ratio is the same.
            if d < 0 {
                div_round_half_up(-n, -d)
            } else {
                div_round_half_up(n, d)
            }
        };
        let tax = fit(tax)?;
        rows.push(VatRow {
            tax_rate: row.tax_rate,
            gross,
            net: fit(i128::from(gross) - i128::from(tax))?,
            tax,
        });
    }
    VatBreakdown::from_rows(rows)
}

/// `amount` split in proportion to `weights` (any signs, non-zero sum), exactly, by largest
/// remainder with ties to the earlier weight.
fn allocate(amount: i64, weights: &[i128]) -> Result<Vec<i128>, VatError> {
    let total: i128 = weights.iter().sum();
    if total == 0 {
        return Err(VatError::ZeroBase);
    }
    // Proportions are unchanged when every weight flips sign; a positive total keeps the
    // remainders below simple.
    let flip = if total < 0 { -1 } else { 1 };
    let total = total * flip;
    let magnitude = i128::from(amount).abs();

    let mut shares = Vec::with_capacity(weights.len());
    let mut handed_out = 0_i128;
    for &w in weights {
        // |amount| < 2^63 and |w| < 2^63 (a row's gross), so the product fits 126 bits.
        let exact = magnitude * (w * flip);
        let (floor, fraction) = (exact.div_euclid(total), exact.rem_euclid(total));
        // Shares of weights with opposite signs can be huge; they are refused as overflow.
        handed_out = handed_out.checked_add(floor).ok_or(VatError::Overflow)?;
        shares.push((floor, fraction));
    }
    // The fractions add up to `leftover × total`, each below `total`: more than `leftover`
    // weights have a fraction, so only those get an öre.
    let leftover = magnitude - handed_out;
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| shares[b].1.cmp(&shares[a].1));
    for &i in order
        .iter()
        .take(usize::try_from(leftover).unwrap_or(usize::MAX))
    {
        shares[i].0 += 1;
    }
    let sign = if amount < 0 { -1 } else { 1 };
    Ok(shares.into_iter().map(|(s, _)| s * sign).collect())
}

/// The VAT rate of Kreditor's invoice fee.
///
/// The invoice fee is Kreditor's charge for the credit it gives, and in Sweden fees for
/// granting and administering consumer credit are VAT-exempt financial services (mervärdes-
/// skattelagen, exemption for financial services), hence the default of 0. A parameter, not a
/// constant, because another country's rules (or a fee Kreditor charges for the merchant's
/// account) may differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InvoiceFeeVat {
    /// Hundredths of a percent; 0 (exempt) by default.
    pub tax_rate: i64,
}

/// The breakdown of Kreditor's invoice fee (`fee` in minor units, as the customer pays it, so
/// incl. any VAT): one row at the fee's rate, or no rows for no fee.
pub fn invoice_fee_breakdown(fee: i64, vat: InvoiceFeeVat) -> Result<VatBreakdown, VatError> {
    let tax = tax_included(fee, vat.tax_rate).ok_or(VatError::TaxRateOutOfRange {
        tax_rate: vat.tax_rate,
    })?;
    if fee == 0 {
        return Ok(VatBreakdown::default());
    }
    let mut sums = BTreeMap::new();
    sums.insert(vat.tax_rate, (i128::from(fee), i128::from(tax)));
    rows_from_sums(sums)
}

/// Rows from per-rate (gross, tax) sums.
fn rows_from_sums(sums: BTreeMap<i64, (i128, i128)>) -> Result<VatBreakdown, VatError> {
    let rows = sums
        .into_iter()
        .map(|(tax_rate, (gross, tax))| {
            Ok(VatRow {
                tax_rate,
                gross: fit(gross)?,
                net: fit(gross - tax)?,
                tax: fit(tax)?,
            })
        })
        .collect::<Result<Vec<_>, VatError>>()?;
    VatBreakdown::from_rows(rows)
}

fn fit(value: i128) -> Result<i64, VatError> {
    i64::try_from(value).map_err(|_| VatError::Overflow)
}

#[cfg(test)]
#[path = "vat_tests.rs"]
mod tests;
