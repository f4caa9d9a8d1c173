//! The matching table: exact, partial, over, unknown, invalid check digit, no reference,
//! multi-reference splits, a reference taken back, an invoice already paid, returns — each
//! with the placements worked out by hand.

use std::collections::HashMap;

use proptest::prelude::*;
use uuid::Uuid;

use super::*;

const A: Uuid = Uuid::from_u128(0xA);
const B: Uuid = Uuid::from_u128(0xB);
const CUST_A: Uuid = Uuid::from_u128(0xCA);
const CUST_B: Uuid = Uuid::from_u128(0xCB);

/// Invoice A: fee 29,00, goods 1 000,00 (due 1 029,00). Invoice B: goods 500,00, no fee.
fn dues() -> HashMap<Uuid, InvoiceDue> {
    HashMap::from([
        (
            A,
            InvoiceDue {
                invoice_id: A,
                customer_id: CUST_A,
                due: [2_900, 0, 100_000],
                paid: [0, 0, 0],
            },
        ),
        (
            B,
            InvoiceDue {
                invoice_id: B,
                customer_id: CUST_B,
                due: [0, 0, 50_000],
                paid: [0, 0, 0],
            },
        ),
    ])
}

fn one(resolved: Resolved) -> Vec<Part> {
    vec![Part {
        resolved,
        amount: None,
    }]
}

fn inv(invoice_id: Uuid, target: Target, amount: i64) -> Placement {
    Placement::Invoice {
        invoice_id,
        target,
        amount,
    }
}

#[test]
fn exact_amount_pays_fee_then_principal() {
    let mut d = dues();
    let p = plan(
        102_900,
        &one(Resolved::Invoice(A)),
        &mut d,
        AllocationOrder::default(),
    );
    assert_eq!(p.outcome, Outcome::Matched);
    assert_eq!(
        p.placements,
        vec![
            inv(A, Target::Fee, 2_900),
            inv(A, Target::Principal, 100_000)
        ]
    );
    assert_eq!(d[&A].due, [0, 0, 0]);
}

#[test]
fn less_pays_the_fee_first_and_leaves_principal_open() {
    let mut d = dues();
    let p = plan(
        40_000,
        &one(Resolved::Invoice(A)),
        &mut d,
        AllocationOrder::default(),
    );
    assert_eq!(p.outcome, Outcome::Partial);
    assert_eq!(
        p.placements,
        vec![
            inv(A, Target::Fee, 2_900),
            inv(A, Target::Principal, 37_100)
        ]
    );
    assert_eq!(d[&A].due, [0, 0, 62_900]);
}

#[test]
fn principal_first_when_configured() {
    let order = AllocationOrder::parse("principal, interest, fee").unwrap();
    let mut d = dues();
    let p = plan(40_000, &one(Resolved::Invoice(A)), &mut d, order);
    assert_eq!(p.placements, vec![inv(A, Target::Principal, 40_000)]);
    assert_eq!(d[&A].due, [2_900, 0, 60_000]);
}

#[test]
fn more_pays_in_full_and_credits_the_customer() {
    let mut d = dues();
    let p = plan(
        110_000,
        &one(Resolved::Invoice(A)),
        &mut d,
        AllocationOrder::default(),
    );
    assert_eq!(p.outcome, Outcome::Over);
    assert_eq!(
        p.placements,
        vec![
            inv(A, Target::Fee, 2_900),
            inv(A, Target::Principal, 100_000),
            Placement::Overpayment {
                customer_id: CUST_A,
                invoice_id: A,
                amount: 7_100
            }
        ]
    );
}

#[test]
fn a_second_payment_of_an_invoice_already_paid_is_all_credit() {
    let mut d = dues();
    plan(
        102_900,
        &one(Resolved::Invoice(A)),
        &mut d,
        AllocationOrder::default(),
    );
    let p = plan(
        102_900,
        &one(Resolved::Invoice(A)),
        &mut d,
        AllocationOrder::default(),
    );
    assert_eq!(p.outcome, Outcome::Over);
    assert_eq!(
        p.placements,
        vec![Placement::Overpayment {
            customer_id: CUST_A,
            invoice_id: A,
            amount: 102_900
        }]
    );
}

#[test]
fn unknown_invalid_and_missing_references_go_to_suspense() {
    for (resolved, reason) in [
        (Resolved::Unknown, SuspenseReason::UnknownReference),
        (Resolved::Invalid, SuspenseReason::InvalidReference),
        (Resolved::Missing, SuspenseReason::NoReference),
    ] {
        let mut d = dues();
        let p = plan(12_345, &one(resolved), &mut d, AllocationOrder::default());
        assert_eq!(p.outcome, Outcome::Unmatched);
        assert_eq!(
            p.placements,
            vec![Placement::Suspense {
                amount: 12_345,
                reason
            }]
        );
        assert_eq!(d, dues(), "no invoice touched");
    }
    let mut d = dues();
    let p = plan(500, &[], &mut d, AllocationOrder::default());
    assert_eq!(
        p.placements,
        vec![Placement::Suspense {
            amount: 500,
            reason: SuspenseReason::NoReference
        }]
    );
}

#[test]
fn a_split_payment_is_allocated_per_reference() {
    // BgMax TK20 1 400,00 with TK22 A 1 029,00, TK22 B 500,00, TK23 (taken back) −129,00.
    let parts = [
        Part {
            resolved: Resolved::Invoice(A),
            amount: Some(102_900),
        },
        Part {
            resolved: Resolved::Invoice(B),
            amount: Some(50_000),
        },
        Part {
            resolved: Resolved::Unknown,
            amount: Some(-12_900),
        },
    ];
    let mut d = dues();
    let p = plan(140_000, &parts, &mut d, AllocationOrder::default());
    assert_eq!(p.outcome, Outcome::Partial);
    assert_eq!(
        p.placements,
        vec![
            inv(A, Target::Fee, 2_900),
            inv(A, Target::Principal, 100_000),
            inv(B, Target::Principal, 37_100),
        ]
    );
    assert_eq!(d[&B].due, [0, 0, 12_900]);
}

#[test]
fn references_without_split_amounts_fill_invoices_in_order() {
    let parts = [
        Part {
            resolved: Resolved::Invoice(B),
            amount: None,
        },
        Part {
            resolved: Resolved::Invoice(A),
            amount: None,
        },
    ];
    let mut d = dues();
    let p = plan(160_000, &parts, &mut d, AllocationOrder::default());
    assert_eq!(p.outcome, Outcome::Over);
    assert_eq!(
        p.placements,
        vec![
            inv(B, Target::Principal, 50_000),
            inv(A, Target::Fee, 2_900),
            inv(A, Target::Principal, 100_000),
            Placement::Overpayment {
                customer_id: CUST_A,
                invoice_id: A,
                amount: 7_100
            }
        ]
    );
}

#[test]
fn a_split_with_an_unknown_reference_parks_only_that_part() {
    let parts = [
        Part {
            resolved: Resolved::Invoice(B),
            amount: Some(50_000),
        },
        Part {
            resolved: Resolved::Invalid,
            amount: Some(20_000),
        },
    ];
    let mut d = dues();
    let p = plan(70_000, &parts, &mut d, AllocationOrder::default());
    assert_eq!(p.outcome, Outcome::Unmatched);
    assert_eq!(
        p.placements,
        vec![
            inv(B, Target::Principal, 50_000),
            Placement::Suspense {
                amount: 20_000,
                reason: SuspenseReason::InvalidReference
            }
        ]
    );
}

#[test]
fn a_return_reopens_the_invoice_principal_first() {
    let mut d = dues();
    plan(
        102_900,
        &one(Resolved::Invoice(A)),
        &mut d,
        AllocationOrder::default(),
    );
    let p = plan(
        -50_000,
        &one(Resolved::Invoice(A)),
        &mut d,
        AllocationOrder::default(),
    );
    assert_eq!(p.outcome, Outcome::Returned);
    assert_eq!(p.placements, vec![inv(A, Target::Principal, -50_000)]);
    assert_eq!(d[&A].due, [0, 0, 50_000]);
    // More back than was ever paid: the rest comes out of suspense.
    let p = plan(
        -60_000,
        &one(Resolved::Invoice(A)),
        &mut d,
        AllocationOrder::default(),
    );
    assert_eq!(
        p.placements,
        vec![
            inv(A, Target::Principal, -50_000),
            inv(A, Target::Fee, -2_900),
            Placement::Suspense {
                amount: -7_100,
                reason: SuspenseReason::UnknownReference
            }
        ]
    );
    assert_eq!(d[&A].due, [2_900, 0, 100_000]);
}

#[test]
fn the_order_setting_refuses_repeats_and_unknown_parts() {
    assert!(AllocationOrder::parse("fee,fee,principal").is_none());
    assert!(AllocationOrder::parse("fee,principal").is_none());
    assert!(AllocationOrder::parse("fee,interest,goods").is_none());
    assert_eq!(
        AllocationOrder::parse("fee,interest,principal"),
        Some(AllocationOrder::default())
    );
}

fn placed(p: &Plan) -> i64 {
    p.placements
        .iter()
        .map(|p| match p {
            Placement::Invoice { amount, .. }
            | Placement::Overpayment { amount, .. }
            | Placement::Suspense { amount, .. } => *amount,
        })
        .sum()
}

proptest! {
    /// Whatever the references and amounts: every öre of the payment is placed exactly once,
    /// no invoice part goes below zero due or paid, and invoices are only paid what they had due.
    #[test]
    fn every_payment_is_placed_exactly(
        payments in prop::collection::vec(
            (-200_000i64..300_000, prop::collection::vec((0u8..5, prop::option::of(-50_000i64..200_000)), 0..4)),
            1..12,
        ),
    ) {
        let mut d = dues();
        let before: i64 = d.values().map(InvoiceDue::total_due).sum();
        let mut paid_to_invoices = 0i64;
        let mut counted = 0;
        for (amount, parts) in payments {
            if amount == 0 { continue; }
            let parts: Vec<Part> = parts.into_iter().map(|(k, amount)| Part {
                resolved: match k { 0 => Resolved::Invoice(A), 1 => Resolved::Invoice(B), 2 => Resolved::Unknown, 3 => Resolved::Invalid, _ => Resolved::Missing },
                amount: amount.filter(|a| *a != 0),
            }).collect();
            let p = plan(amount, &parts, &mut d, AllocationOrder::default());
            prop_assert_eq!(placed(&p), amount);
            paid_to_invoices += p.placements.iter().map(|p| match p { Placement::Invoice { amount, .. } => *amount, _ => 0 }).sum::<i64>();
            counted += 1;
            for inv in d.values() {
                prop_assert!(inv.due.iter().all(|x| *x >= 0) && inv.paid.iter().all(|x| *x >= 0));
            }
        }
        let after: i64 = d.values().map(InvoiceDue::total_due).sum();
        prop_assert_eq!(before - after, paid_to_invoices);
        prop_assert!(counted > 0);
    }
}
