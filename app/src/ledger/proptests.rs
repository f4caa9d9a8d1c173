//! Property tests: random sequences of business events keep every entry balanced and the
//! trial balance at zero, and reversing any entry restores every balance.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::entry::Entry;
use super::rules::{self, InvoiceRef};
use crate::money::{Currency, Money};

#[derive(Debug, Clone)]
enum Event {
    Capture(i64, i64),
    Commission(i64),
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
        (amount.clone(), 0i64..10_000).prop_map(|(g, f)| Event::Capture(g, f)),
        amount.clone().prop_map(Event::Commission),
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
        Event::Capture(g, f) => rules::order_captured(d, &inv, m(*g), m(*f)).unwrap(),
        Event::Commission(a) => {
            rules::merchant_commission(d, "m", m(*a), Decimal::new(25, 2)).unwrap()
        }
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
        for e in &entries {
            prop_assert!(e.validate().is_ok(), "{:?} does not validate: {:?}", e, e.validate());
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
        apply(&mut balances, &reversal);
        prop_assert_eq!(balances, without);
    }
}
