//! Property tests: random sequences of business events keep every entry balanced and the
//! trial balance at zero, every line sits on the side its event calls for (a capture never
//! credits the receivable, a payment never debits it, …), and reversing any entry restores
//! every balance.
//!
//! The expected sides are written out here per event as plain BAS numbers, from the business
//! meaning of each event (what the customer owes, what Kreditor owes the merchant, where money
//! comes in), not from `rules.rs`, so a rule that swaps a side fails here.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::entry::Entry;
use super::rules::{self, InvoiceRef};
use super::vat::CommissionVat;
use crate::money::{Currency, Money};

#[derive(Debug, Clone)]
enum Event {
    /// Goods, fee, and the fee's VAT (account, amount) if any.
    Capture(i64, i64, Option<(u32, i64)>),
    Commission(i64, CommissionVat),
    Payment(i64),
    Overpayment(i64),
    Unmatched(i64),
    Allocated(i64),
    RefundBefore(i64),
    RefundAfter(i64),
    RefundPaid(i64),
    Reminder(i64),
    Interest(i64),
    Doubtful(i64),
    WriteOff(i64, bool),
    Recovery(i64),
    Payout(i64),
}

fn event() -> impl Strategy<Value = Event> {
    let amount = 1i64..10_000_000;
    prop_oneof![
        (
            amount.clone(),
            0i64..10_000,
            proptest::option::of((
                prop_oneof![Just(2611u32), Just(2621), Just(2631)],
                0i64..2_000
            ))
        )
            .prop_map(|(g, f, v)| Event::Capture(g, f, v)),
        (
            amount.clone(),
            prop_oneof![
                Just(CommissionVat::Swedish {
                    rate: Decimal::new(25, 2)
                }),
                Just(CommissionVat::EuReverseCharge),
                Just(CommissionVat::OutsideEu),
            ]
        )
            .prop_map(|(a, v)| Event::Commission(a, v)),
        amount.clone().prop_map(Event::Payment),
        amount.clone().prop_map(Event::Overpayment),
        amount.clone().prop_map(Event::Unmatched),
        amount.clone().prop_map(Event::Allocated),
        amount.clone().prop_map(Event::RefundBefore),
        amount.clone().prop_map(Event::RefundAfter),
        amount.clone().prop_map(Event::RefundPaid),
        amount.clone().prop_map(Event::Reminder),
        amount.clone().prop_map(Event::Interest),
        amount.clone().prop_map(Event::Doubtful),
        (amount.clone(), any::<bool>()).prop_map(|(a, d)| Event::WriteOff(a, d)),
        amount.clone().prop_map(Event::Recovery),
        amount.prop_map(Event::Payout),
    ]
}

fn to_entry(e: &Event, currency: Currency) -> Entry {
    let d = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let m = |minor: i64| Money::from_minor(minor, currency);
    let inv = InvoiceRef {
        merchant_id: "m".into(),
        customer_id: "c".into(),
        invoice_id: "i".into(),
    };
    match e {
        Event::Capture(g, f, vat) => {
            let fee_vat = vat.map(|(account, tax)| super::vat::OutputVat {
                account,
                amount: m(tax.min(*f)),
            });
            rules::order_captured(d, &inv, m(*g), m(*f), fee_vat).unwrap()
        }
        Event::Commission(a, vat) => rules::merchant_commission(d, "m", m(*a), *vat).unwrap(),
        Event::Payment(a) => rules::customer_payment(d, &inv, m(*a)),
        Event::Overpayment(a) => rules::overpayment(d, "c", m(*a)),
        Event::Unmatched(a) => rules::unmatched_payment(d, "p", m(*a)),
        Event::Allocated(a) => rules::payment_allocated(d, &inv, m(*a)),
        Event::RefundBefore(a) => rules::refund_before_payment(d, &inv, m(*a)),
        Event::RefundAfter(a) => rules::refund_after_payment(d, &inv, m(*a)),
        Event::RefundPaid(a) => rules::customer_refund_paid(d, "c", m(*a)),
        Event::Reminder(a) => rules::reminder_fee(d, &inv, m(*a)),
        Event::Interest(a) => rules::late_interest(d, &inv, m(*a)),
        Event::Doubtful(a) => rules::moved_to_doubtful(d, &inv, m(*a)),
        Event::WriteOff(a, from) => rules::write_off(d, &inv, m(*a), *from),
        Event::Recovery(a) => rules::recovery(d, &inv, m(*a)),
        Event::Payout(a) => rules::settlement_payout(d, "m", "s", m(*a)),
    }
}

/// The bank account money of `currency` arrives on (BAS 193x, one per currency).
fn bank(currency: Currency) -> u32 {
    match currency {
        Currency::Sek => 1930,
        Currency::Nok => 1931,
        Currency::Dkk => 1932,
        Currency::Eur => 1933,
    }
}

/// What an event must do to the books, by its meaning: the accounts it may debit, the accounts
/// it may credit, and the accounts it must touch (with a non-zero amount).
struct Sides {
    debit: Vec<u32>,
    credit: Vec<u32>,
    required: Vec<u32>,
}

fn sides(e: &Event, currency: Currency) -> Sides {
    let b = bank(currency);
    let s = |debit: &[u32], credit: &[u32]| Sides {
        debit: debit.to_vec(),
        credit: credit.to_vec(),
        required: debit.iter().chain(credit).copied().collect(),
    };
    match e {
        // The customer owes more (receivable up), Kreditor owes the merchant the goods
        // (liability up), the fee is income and its VAT a liability.
        Event::Capture(_, fee, vat) => {
            let mut credit = vec![2440];
            let mut required = vec![1510, 2440];
            let tax = vat.map_or(0, |(_, t)| t.min(*fee));
            if *fee - tax > 0 {
                credit.push(3540);
                required.push(3540);
            }
            if let Some((account, _)) = vat.filter(|_| tax > 0) {
                credit.push(account);
                required.push(account);
            }
            Sides {
                debit: vec![1510],
                credit,
                required,
            }
        }
        // Kreditor owes the merchant less; commission income, Swedish VAT a liability.
        Event::Commission(_, CommissionVat::Swedish { .. }) => s(&[2440], &[3921, 2611]),
        Event::Commission(_, CommissionVat::EuReverseCharge) => s(&[2440], &[3308]),
        Event::Commission(_, CommissionVat::OutsideEu) => s(&[2440], &[3305]),
        // Money in: bank up, the customer owes less.
        Event::Payment(_) => s(&[b], &[1510]),
        Event::Overpayment(_) => s(&[b], &[2420]),
        Event::Unmatched(_) => s(&[b], &[2421]),
        Event::Allocated(_) => s(&[2421], &[1510]),
        // A credit note: the customer owes less and so does Kreditor to the merchant.
        Event::RefundBefore(_) => s(&[2440], &[1510]),
        Event::RefundAfter(_) => s(&[2440], &[2420]),
        Event::RefundPaid(_) => s(&[2420], &[b]),
        Event::Reminder(_) => s(&[1510], &[3541]),
        Event::Interest(_) => s(&[1510], &[8313]),
        Event::Doubtful(_) => s(&[1515], &[1510]),
        Event::WriteOff(_, true) => s(&[6351], &[1515]),
        Event::WriteOff(_, false) => s(&[6351], &[1510]),
        Event::Recovery(_) => s(&[b], &[3950]),
        Event::Payout(_) => s(&[2440], &[b]),
    }
}

/// Checks every line of `entry` (built from `e`) against [`sides`], and the amounts a capture
/// and a commission must carry.
fn check_sides(e: &Event, currency: Currency, entry: &Entry) -> Result<(), TestCaseError> {
    let want = sides(e, currency);
    for l in &entry.lines {
        let allowed = if l.amount.is_positive() {
            &want.debit
        } else {
            &want.credit
        };
        prop_assert!(
            allowed.contains(&l.account),
            "{:?}: account {} on the wrong side ({}) in {:?}",
            e,
            l.account,
            l.amount.amount(),
            entry.lines
        );
        if l.account == 1510 || l.account == 1515 {
            prop_assert!(l.dims.customer_id.is_some() && l.dims.invoice_id.is_some());
        }
        if l.account == 2440 {
            prop_assert!(l.dims.merchant_id.is_some());
        }
    }
    for account in &want.required {
        prop_assert!(
            entry.lines.iter().any(|l| l.account == *account),
            "{:?}: account {} not touched in {:?}",
            e,
            account,
            entry.lines
        );
    }
    let on = |account: u32| -> i64 {
        entry
            .lines
            .iter()
            .filter(|l| l.account == account)
            .map(|l| l.amount.to_minor().unwrap_or(i64::MIN))
            .sum()
    };
    match e {
        Event::Capture(goods, fee, _) => {
            // The customer owes goods + fee; the merchant is owed exactly the goods.
            prop_assert_eq!(on(1510), goods + fee);
            prop_assert_eq!(on(2440), -goods);
        }
        Event::Commission(net, CommissionVat::Swedish { .. }) => {
            // 25 % on top, rounded half-up to the öre: (net × 25 + 50) / 100 in hundredths.
            let vat = (net * 25 + 50) / 100;
            prop_assert_eq!(on(2611), -vat);
            prop_assert_eq!(on(3921), -net);
        }
        Event::Commission(net, _) => prop_assert_eq!(on(2440), *net),
        _ => {}
    }
    Ok(())
}

type Balances = BTreeMap<(u32, &'static str), Decimal>;

fn apply(balances: &mut Balances, entry: &Entry) {
    for l in &entry.lines {
        *balances
            .entry((l.account, l.amount.currency().code()))
            .or_default() += l.amount.amount();
    }
    balances.retain(|_, v| !v.is_zero());
}

proptest! {
    #[test]
    fn random_events_keep_the_books_balanced(
        events in proptest::collection::vec((event(), prop_oneof![Just(Currency::Sek), Just(Currency::Eur), Just(Currency::Nok)]), 1..60),
        pick in any::<prop::sample::Index>(),
    ) {
        let entries: Vec<Entry> = events.iter().map(|(e, c)| to_entry(e, *c)).collect();
        let mut balances = Balances::new();
        for (e, (event, currency)) in entries.iter().zip(&events) {
            prop_assert!(e.validate().is_ok(), "{:?} does not validate: {:?}", e, e.validate());
            check_sides(event, *currency, e)?;
            apply(&mut balances, e);
        }
        // Trial balance: every currency sums to zero.
        let mut per_currency: BTreeMap<&str, Decimal> = BTreeMap::new();
        for ((_, c), v) in &balances {
            *per_currency.entry(c).or_default() += *v;
        }
        prop_assert!(per_currency.values().all(|v| v.is_zero()), "{per_currency:?}");

        // Reversing one entry gives the balances of the books without it.
        let i = pick.index(entries.len());
        let mut without = Balances::new();
        for (j, e) in entries.iter().enumerate() {
            if j != i {
                apply(&mut without, e);
            }
        }
        let reversal = rules::reversal(entries[i].business_date, 1, &entries[i].lines, "test");
        prop_assert!(reversal.validate().is_ok());
        // A reversal puts every line on the other side.
        for (r, o) in reversal.lines.iter().zip(&entries[i].lines) {
            prop_assert_eq!(r.account, o.account);
            prop_assert_eq!(r.amount.is_positive(), o.amount.is_negative());
        }
        apply(&mut balances, &reversal);
        prop_assert_eq!(balances, without);
    }
}
