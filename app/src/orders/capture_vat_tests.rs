//! Tests of a capture's VAT by amount: the example, and a property over random
//! mixed-rate orders and capture sequences (by lines, then by amount, until fully captured)
//! whose oracle sums the order's lines per rate directly.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::orders::lines::{tax_included, OrderLineType};

fn line(total: i64, tax_rate: i64) -> OrderLine {
    OrderLine {
        line_type: OrderLineType::Physical,
        reference: None,
        name: "Vara".into(),
        quantity: 1,
        quantity_unit: None,
        unit_price: total,
        tax_rate,
        total_discount_amount: 0,
        total_amount: total,
        total_tax_amount: tax_included(total, tax_rate).expect("rate in range"),
    }
}

/// Per rate: (gross, tax), summed straight from the lines.
fn per_rate_of_lines(lines: &[OrderLine]) -> BTreeMap<i64, (i64, i64)> {
    let mut m = BTreeMap::new();
    for l in lines {
        let e = m.entry(l.tax_rate).or_insert((0, 0));
        e.0 += l.total_amount;
        e.1 += l.total_tax_amount;
    }
    m.retain(|_, v| *v != (0, 0));
    m
}

fn per_rate_of_invoices(invoices: &[VatBreakdown]) -> BTreeMap<i64, (i64, i64)> {
    let mut m = BTreeMap::new();
    for b in invoices {
        for r in b.rows() {
            let e = m.entry(r.tax_rate).or_insert((0, 0));
            e.0 += r.gross;
            e.1 += r.tax;
        }
    }
    m.retain(|_, v| *v != (0, 0));
    m
}

#[test]
fn the_rest_by_amount_after_a_line_is_the_rest_of_each_rate() {
    let order = [line(100_000, 2500), line(100_000, 600)];
    let first = breakdown_lines(&order[..1]).unwrap();
    let second = by_amount(100_000, &order, std::slice::from_ref(&first)).unwrap();
    assert_eq!(
        second.rows(),
        &[VatRow {
            tax_rate: 600,
            gross: 100_000,
            net: 100_000 - 5_660,
            tax: 5_660
        }]
    );
    assert_eq!(
        per_rate_of_invoices(&[first, second]),
        per_rate_of_lines(&order)
    );
}

#[test]
fn by_amount_with_nothing_invoiced_is_the_orders_proportion() {
    let order = [line(100_000, 2500), line(100_000, 600)];
    let half = by_amount(100_000, &order, &[]).unwrap();
    assert_eq!(half.row(2500).unwrap().gross, 50_000);
    assert_eq!(half.row(600).unwrap().gross, 50_000);
    assert_eq!(half.row(2500).unwrap().tax, 10_000);
}

#[test]
fn uncaptured_drops_rates_taken_in_full() {
    let order = [line(100_000, 2500), line(100_000, 600)];
    let first = breakdown_lines(&order[1..]).unwrap();
    let left = uncaptured(&order, &[first]).unwrap();
    assert_eq!(left.rows().len(), 1);
    assert_eq!(left.rows()[0].tax_rate, 2500);
    assert_eq!(by_amount(1, &[], &[]), Err(VatError::NoLines));
}

/// A capture plan: which lines go by lines (in groups), then the amounts' cut points.
#[derive(Debug, Clone)]
struct Plan {
    lines: Vec<OrderLine>,
    /// For each line: `Some(group)` to capture it by lines in that group, `None` to leave it
    /// to the captures by amount.
    by_lines: Vec<Option<u8>>,
    /// Fractions (per mille) of what remains for each capture by amount before the last.
    cuts: Vec<u16>,
}

fn plan() -> impl Strategy<Value = Plan> {
    (1usize..7)
        .prop_flat_map(|n| {
            (
                prop::collection::vec(
                    (
                        1i64..5_000_000,
                        prop::sample::select(vec![0i64, 600, 1200, 2500]),
                    ),
                    n,
                ),
                prop::collection::vec(prop::option::of(0u8..3), n),
                prop::collection::vec(1u16..1000, 0..5),
            )
        })
        .prop_map(|(lines, by_lines, cuts)| Plan {
            lines: lines.into_iter().map(|(t, r)| line(t, r)).collect(),
            by_lines,
            cuts,
        })
}

proptest! {
    #[test]
    fn invoices_add_up_per_rate_to_the_order(plan in plan()) {
        let mut invoices: Vec<VatBreakdown> = Vec::new();
        // Captures by lines first, one per group.
        for group in 0u8..3 {
            let lines: Vec<OrderLine> = plan.lines.iter().zip(&plan.by_lines)
                .filter(|(_, g)| **g == Some(group))
                .map(|(l, _)| l.clone())
                .collect();
            if !lines.is_empty() {
                invoices.push(breakdown_lines(&lines).unwrap());
            }
        }
        let total: i64 = plan.lines.iter().map(|l| l.total_amount).sum();
        let mut remaining = total - invoices.iter().map(VatBreakdown::gross).sum::<i64>();
        // Then by amount: a share of what remains each time, the rest at the end.
        for cut in &plan.cuts {
            let amount = remaining * i64::from(*cut) / 1000;
            if amount == 0 || remaining == 0 {
                continue;
            }
            let b = by_amount(amount, &plan.lines, &invoices).unwrap();
            prop_assert_eq!(b.gross(), amount);
            invoices.push(b);
            remaining -= amount;
        }
        if remaining > 0 {
            let b = by_amount(remaining, &plan.lines, &invoices).unwrap();
            prop_assert_eq!(b.gross(), remaining);
            invoices.push(b);
        }
        prop_assert_eq!(per_rate_of_invoices(&invoices), per_rate_of_lines(&plan.lines));
        for b in &invoices {
            for r in b.rows() {
                prop_assert!(r.gross >= 0, "no negative share of a positive order: {:?}", b);
            }
        }
    }
}
