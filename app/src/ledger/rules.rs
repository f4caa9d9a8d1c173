//! Posting rules: one function per business event, the only place that decides which
//! accounts an event touches. Every business module posts through these; `docs/ledger.md`
//! shows the same table for people.

use chrono::NaiveDate;

use super::accounts as acct;
use super::entry::{Dims, EntityRef, Entry, Line};
use super::events::LedgerEvent;
use super::vat::{CommissionVat, OutputVat};
use crate::money::{Money, Rounding};

/// The invoice a posting concerns, with the dimensions its lines carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceRef {
    /// The e-store.
    pub merchant_id: String,
    /// The customer.
    pub customer_id: String,
    /// The invoice.
    pub invoice_id: String,
}

impl InvoiceRef {
    fn all(&self) -> Dims {
        Dims {
            merchant_id: Some(self.merchant_id.clone()),
            customer_id: Some(self.customer_id.clone()),
            invoice_id: Some(self.invoice_id.clone()),
        }
    }
    fn merchant(&self) -> Dims {
        merchant(&self.merchant_id)
    }
    fn customer(&self) -> Dims {
        customer(&self.customer_id)
    }
    fn entity(&self) -> Option<EntityRef> {
        Some(EntityRef {
            kind: "invoice".into(),
            id: self.invoice_id.clone(),
        })
    }
}

fn merchant(id: &str) -> Dims {
    Dims {
        merchant_id: Some(id.to_string()),
        ..Dims::default()
    }
}

fn customer(id: &str) -> Dims {
    Dims {
        customer_id: Some(id.to_string()),
        ..Dims::default()
    }
}

/// Collects lines; zero amounts are left out (a zero fee posts nothing).
struct Lines(Vec<Line>);

impl Lines {
    fn new() -> Self {
        Lines(Vec::new())
    }
    fn debit(mut self, account: u32, amount: Money, dims: Dims) -> Self {
        if !amount.is_zero() {
            self.0.push(Line {
                account,
                amount,
                dims,
            });
        }
        self
    }
    fn credit(self, account: u32, amount: Money, dims: Dims) -> Self {
        self.debit(account, amount.neg(), dims)
    }
}

fn entry(
    date: NaiveDate,
    event: LedgerEvent,
    description: String,
    entity: Option<EntityRef>,
    lines: Lines,
) -> Entry {
    Entry {
        business_date: date,
        event,
        description,
        entity,
        reverses: None,
        lines: lines.0,
        idempotency_key: None,
    }
}

/// Capture: the customer owes goods (incl. VAT, which is the merchant's) + invoice fee;
/// Kreditor owes the merchant the goods. The fee is Kreditor's income: when it carries VAT
/// (`fee_vat`, configured by `INVOICE_FEE_VAT_RATE`) only the net goes to revenue and the VAT
/// to its output-VAT account, so revenue never includes tax owed to Skatteverket.
pub fn order_captured(
    date: NaiveDate,
    inv: &InvoiceRef,
    goods: Money,
    invoice_fee: Money,
    fee_vat: Option<OutputVat>,
) -> Result<Entry, crate::money::MoneyError> {
    let total = goods.checked_add(invoice_fee)?;
    let vat = fee_vat.map_or(Money::zero(invoice_fee.currency()), |v| v.amount);
    let fee_net = invoice_fee.checked_sub(vat)?;
    let mut lines = Lines::new()
        .debit(acct::RECEIVABLES, total, inv.all())
        .credit(acct::OWED_TO_MERCHANTS, goods, inv.merchant())
        .credit(acct::INVOICE_FEES, fee_net, inv.all());
    if let Some(v) = fee_vat {
        lines = lines.credit(v.account, v.amount, inv.all());
    }
    Ok(entry(
        date,
        LedgerEvent::OrderCaptured,
        format!("Capture, invoice {}", inv.invoice_id),
        inv.entity(),
        lines,
    ))
}

/// Commission: Kreditor keeps its commission from what it owes the merchant. How VAT applies
/// depends on where the merchant is ([`CommissionVat`], decided by [`commission_vat`]):
/// a Swedish merchant pays `net` + Swedish VAT (rounded half-up to the öre, as on the
/// merchant's invoice); another EU merchant accounts for the VAT itself (reverse charge), a
/// merchant outside the EU pays none (export of services) — both book the net only, on the
/// sales accounts the VAT return reads.
pub fn merchant_commission(
    date: NaiveDate,
    merchant_id: &str,
    net: Money,
    vat: CommissionVat,
) -> Result<Entry, crate::money::MoneyError> {
    let dims = || merchant(merchant_id);
    let (lines, note) = match vat {
        CommissionVat::Swedish { rate } => {
            let tax = net.mul_round(rate, Rounding::HalfUp)?;
            let gross = net.checked_add(tax)?;
            (
                Lines::new()
                    .debit(acct::OWED_TO_MERCHANTS, gross, dims())
                    .credit(acct::COMMISSION, net, dims())
                    .credit(acct::OUTPUT_VAT_25, tax, dims()),
                "",
            )
        }
        CommissionVat::EuReverseCharge => (
            Lines::new()
                .debit(acct::OWED_TO_MERCHANTS, net, dims())
                .credit(acct::COMMISSION_EU_REVERSE_CHARGE, net, dims()),
            " (reverse charge)",
        ),
        CommissionVat::OutsideEu => (
            Lines::new()
                .debit(acct::OWED_TO_MERCHANTS, net, dims())
                .credit(acct::COMMISSION_OUTSIDE_EU, net, dims()),
            " (outside the EU, no VAT)",
        ),
    };
    Ok(entry(
        date,
        LedgerEvent::MerchantCommission,
        format!("Commission, merchant {merchant_id}{note}"),
        Some(EntityRef {
            kind: "merchant".into(),
            id: merchant_id.to_string(),
        }),
        lines,
    ))
}

/// A customer paid an invoice: bank up, receivable down.
pub fn customer_payment(date: NaiveDate, inv: &InvoiceRef, amount: Money) -> Entry {
    entry(
        date,
        LedgerEvent::CustomerPayment,
        format!("Payment, invoice {}", inv.invoice_id),
        inv.entity(),
        Lines::new()
            .debit(acct::bank(amount.currency()), amount, Dims::default())
            .credit(acct::RECEIVABLES, amount, inv.all()),
    )
}

/// The part of a payment above what was due: held for the customer.
pub fn overpayment(date: NaiveDate, customer_id: &str, amount: Money) -> Entry {
    entry(
        date,
        LedgerEvent::Overpayment,
        format!("Overpayment, customer {customer_id}"),
        Some(EntityRef {
            kind: "customer".into(),
            id: customer_id.to_string(),
        }),
        Lines::new()
            .debit(acct::bank(amount.currency()), amount, Dims::default())
            .credit(acct::OVERPAYMENTS, amount, customer(customer_id)),
    )
}

/// Money nobody could match yet: parked in the suspense account.
pub fn unmatched_payment(date: NaiveDate, payment_id: &str, amount: Money) -> Entry {
    entry(
        date,
        LedgerEvent::UnmatchedPayment,
        format!("Unmatched payment {payment_id}"),
        Some(EntityRef {
            kind: "payment".into(),
            id: payment_id.to_string(),
        }),
        Lines::new()
            .debit(acct::bank(amount.currency()), amount, Dims::default())
            .credit(acct::SUSPENSE, amount, Dims::default()),
    )
}

/// Unmatched money allocated to an invoice (a case resolved).
pub fn payment_allocated(date: NaiveDate, inv: &InvoiceRef, amount: Money) -> Entry {
    entry(
        date,
        LedgerEvent::PaymentAllocated,
        format!("Allocated to invoice {}", inv.invoice_id),
        inv.entity(),
        Lines::new()
            .debit(acct::SUSPENSE, amount, Dims::default())
            .credit(acct::RECEIVABLES, amount, inv.all()),
    )
}

/// A payment the bank returned or reversed: out of the bank account again, back onto the
/// invoice it had paid (`inv`), or out of suspense when it had not been placed.
pub fn payment_returned(
    date: NaiveDate,
    inv: Option<&InvoiceRef>,
    payment_id: &str,
    amount: Money,
) -> Entry {
    let (text, entity, debit) = match inv {
        Some(inv) => (
            format!("Payment returned, invoice {}", inv.invoice_id),
            inv.entity(),
            (acct::RECEIVABLES, inv.all()),
        ),
        None => (
            format!("Payment returned, payment {payment_id}"),
            Some(EntityRef {
                kind: "payment".into(),
                id: payment_id.to_string(),
            }),
            (acct::SUSPENSE, Dims::default()),
        ),
    };
    entry(
        date,
        LedgerEvent::PaymentReturned,
        text,
        entity,
        Lines::new().debit(debit.0, amount, debit.1).credit(
            acct::bank(amount.currency()),
            amount,
            Dims::default(),
        ),
    )
}

/// Refund / credit note before the customer paid: both the receivable and the debt to the
/// merchant shrink.
pub fn refund_before_payment(date: NaiveDate, inv: &InvoiceRef, amount: Money) -> Entry {
    entry(
        date,
        LedgerEvent::RefundBeforePayment,
        format!("Credit note, invoice {}", inv.invoice_id),
        inv.entity(),
        Lines::new()
            .debit(acct::OWED_TO_MERCHANTS, amount, inv.merchant())
            .credit(acct::RECEIVABLES, amount, inv.all()),
    )
}

/// Refund after payment: the merchant owes it back (less owed to them), the customer is owed it.
pub fn refund_after_payment(date: NaiveDate, inv: &InvoiceRef, amount: Money) -> Entry {
    entry(
        date,
        LedgerEvent::RefundAfterPayment,
        format!("Refund, invoice {}", inv.invoice_id),
        inv.entity(),
        Lines::new()
            .debit(acct::OWED_TO_MERCHANTS, amount, inv.merchant())
            .credit(acct::OVERPAYMENTS, amount, inv.customer()),
    )
}

/// Money paid back to a customer from what Kreditor held for them.
pub fn customer_refund_paid(date: NaiveDate, customer_id: &str, amount: Money) -> Entry {
    entry(
        date,
        LedgerEvent::CustomerRefundPaid,
        format!("Refund paid, customer {customer_id}"),
        Some(EntityRef {
            kind: "customer".into(),
            id: customer_id.to_string(),
        }),
        Lines::new()
            .debit(acct::OVERPAYMENTS, amount, customer(customer_id))
            .credit(acct::bank(amount.currency()), amount, Dims::default()),
    )
}

/// A reminder fee added to what the customer owes.
pub fn reminder_fee(date: NaiveDate, inv: &InvoiceRef, fee: Money) -> Entry {
    entry(
        date,
        LedgerEvent::ReminderFee,
        format!("Reminder fee, invoice {}", inv.invoice_id),
        inv.entity(),
        Lines::new()
            .debit(acct::RECEIVABLES, fee, inv.all())
            .credit(acct::REMINDER_FEES, fee, inv.all()),
    )
}

/// Late interest added to what the customer owes.
pub fn late_interest(date: NaiveDate, inv: &InvoiceRef, interest: Money) -> Entry {
    entry(
        date,
        LedgerEvent::LateInterest,
        format!("Late interest, invoice {}", inv.invoice_id),
        inv.entity(),
        Lines::new()
            .debit(acct::RECEIVABLES, interest, inv.all())
            .credit(acct::INTEREST_INCOME, interest, inv.all()),
    )
}

/// A receivable handed to collection becomes doubtful.
pub fn moved_to_doubtful(date: NaiveDate, inv: &InvoiceRef, amount: Money) -> Entry {
    entry(
        date,
        LedgerEvent::MovedToDoubtful,
        format!("To collection, invoice {}", inv.invoice_id),
        inv.entity(),
        Lines::new()
            .debit(acct::DOUBTFUL, amount, inv.all())
            .credit(acct::RECEIVABLES, amount, inv.all()),
    )
}

/// A realised credit loss, from the receivable or from the doubtful receivable.
pub fn write_off(date: NaiveDate, inv: &InvoiceRef, amount: Money, from_doubtful: bool) -> Entry {
    let from = if from_doubtful {
        acct::DOUBTFUL
    } else {
        acct::RECEIVABLES
    };
    entry(
        date,
        LedgerEvent::WriteOff,
        format!("Write-off, invoice {}", inv.invoice_id),
        inv.entity(),
        Lines::new()
            .debit(acct::REALISED_LOSSES, amount, inv.all())
            .credit(from, amount, inv.all()),
    )
}

/// Money received on a receivable already written off.
pub fn recovery(date: NaiveDate, inv: &InvoiceRef, amount: Money) -> Entry {
    entry(
        date,
        LedgerEvent::Recovery,
        format!("Recovery, invoice {}", inv.invoice_id),
        inv.entity(),
        Lines::new()
            .debit(acct::bank(amount.currency()), amount, Dims::default())
            .credit(acct::RECOVERIES, amount, inv.all()),
    )
}

/// Kreditor pays a merchant what it owes.
pub fn settlement_payout(
    date: NaiveDate,
    merchant_id: &str,
    settlement_id: &str,
    amount: Money,
) -> Entry {
    entry(
        date,
        LedgerEvent::SettlementPayout,
        format!("Settlement {settlement_id}, merchant {merchant_id}"),
        Some(EntityRef {
            kind: "settlement".into(),
            id: settlement_id.to_string(),
        }),
        Lines::new()
            .debit(acct::OWED_TO_MERCHANTS, amount, merchant(merchant_id))
            .credit(acct::bank(amount.currency()), amount, Dims::default()),
    )
}

/// The exact opposite of `lines` (an earlier entry `original_id`), dated `date`.
pub fn reversal(date: NaiveDate, original_id: i64, original_lines: &[Line], reason: &str) -> Entry {
    Entry {
        business_date: date,
        event: LedgerEvent::Reversal,
        description: format!("Reversal of entry {original_id}: {reason}"),
        entity: None,
        reverses: Some((original_id, reason.to_string())),
        lines: original_lines
            .iter()
            .map(|l| Line {
                account: l.account,
                amount: l.amount.neg(),
                dims: l.dims.clone(),
            })
            .collect(),
        idempotency_key: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn sek(s: &str) -> Money {
        Money::new(Decimal::from_str(s).unwrap(), Currency::Sek)
    }
    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }
    fn inv() -> InvoiceRef {
        InvoiceRef {
            merchant_id: "m1".into(),
            customer_id: "c1".into(),
            invoice_id: "i1".into(),
        }
    }
    /// (account, amount) pairs, for compact assertions.
    fn lines(e: &Entry) -> Vec<(u32, String)> {
        e.lines
            .iter()
            .map(|l| (l.account, l.amount.amount().to_string()))
            .collect()
    }

    #[test]
    fn capture_with_fee() {
        let e = order_captured(day(), &inv(), sek("1000.00"), sek("29.00"), None).unwrap();
        e.validate().unwrap();
        assert_eq!(
            lines(&e),
            vec![
                (1510, "1029.00".into()),
                (2440, "-1000.00".into()),
                (3540, "-29.00".into())
            ]
        );
        assert_eq!(e.lines[0].dims.invoice_id.as_deref(), Some("i1"));
        assert_eq!(e.lines[1].dims.merchant_id.as_deref(), Some("m1"));
    }

    #[test]
    fn capture_without_fee_has_no_zero_line() {
        let e = order_captured(day(), &inv(), sek("500"), sek("0"), None).unwrap();
        e.validate().unwrap();
        assert_eq!(e.lines.len(), 2);
    }

    #[test]
    fn capture_with_fee_vat_books_net_revenue_and_output_vat() {
        // A 29.00 fee incl. 25 % VAT: 5.80 VAT, 23.20 revenue.
        let vat = OutputVat {
            account: 2611,
            amount: sek("5.80"),
        };
        let e = order_captured(day(), &inv(), sek("1000.00"), sek("29.00"), Some(vat)).unwrap();
        e.validate().unwrap();
        assert_eq!(
            lines(&e),
            vec![
                (1510, "1029.00".into()),
                (2440, "-1000.00".into()),
                (3540, "-23.20".into()),
                (2611, "-5.80".into())
            ]
        );
    }

    #[test]
    fn commission_with_vat_rounded_half_up() {
        // 25 % of 10.02 is 2.505 → 2.51.
        let e = merchant_commission(
            day(),
            "m1",
            sek("10.02"),
            CommissionVat::Swedish {
                rate: Decimal::from_str("0.25").unwrap(),
            },
        )
        .unwrap();
        e.validate().unwrap();
        assert_eq!(
            lines(&e),
            vec![
                (2440, "12.53".into()),
                (3921, "-10.02".into()),
                (2611, "-2.51".into())
            ]
        );
    }

    #[test]
    fn commission_reverse_charge_and_outside_eu_book_no_vat() {
        let eur = |s: &str| Money::new(Decimal::from_str(s).unwrap(), Currency::Eur);
        let e =
            merchant_commission(day(), "m1", eur("10.02"), CommissionVat::EuReverseCharge).unwrap();
        e.validate().unwrap();
        assert_eq!(
            lines(&e),
            vec![(2440, "10.02".into()), (3308, "-10.02".into())]
        );
        assert!(e.lines.iter().all(|l| l.amount.currency() == Currency::Eur));
        let nok = Money::new(Decimal::from_str("10.02").unwrap(), Currency::Nok);
        let e = merchant_commission(day(), "m1", nok, CommissionVat::OutsideEu).unwrap();
        assert_eq!(
            lines(&e),
            vec![(2440, "10.02".into()), (3305, "-10.02".into())]
        );
    }

    #[test]
    fn payments() {
        let e = customer_payment(day(), &inv(), sek("1029"));
        assert_eq!(
            lines(&e),
            vec![(1930, "1029".into()), (1510, "-1029".into())]
        );
        let e = overpayment(day(), "c1", sek("5"));
        assert_eq!(lines(&e), vec![(1930, "5".into()), (2420, "-5".into())]);
        let e = unmatched_payment(day(), "p1", sek("7"));
        assert_eq!(lines(&e), vec![(1930, "7".into()), (2421, "-7".into())]);
        let e = payment_allocated(day(), &inv(), sek("7"));
        assert_eq!(lines(&e), vec![(2421, "7".into()), (1510, "-7".into())]);
        let eur = customer_payment(day(), &inv(), Money::new(Decimal::from(3), Currency::Eur));
        assert_eq!(eur.lines[0].account, 1933, "bank account per currency");
    }

    #[test]
    fn refunds_before_and_after_payment() {
        assert_eq!(
            lines(&refund_before_payment(day(), &inv(), sek("100"))),
            vec![(2440, "100".into()), (1510, "-100".into())]
        );
        assert_eq!(
            lines(&refund_after_payment(day(), &inv(), sek("100"))),
            vec![(2440, "100".into()), (2420, "-100".into())]
        );
        assert_eq!(
            lines(&customer_refund_paid(day(), "c1", sek("100"))),
            vec![(2420, "100".into()), (1930, "-100".into())]
        );
    }

    #[test]
    fn dunning_and_collection() {
        assert_eq!(
            lines(&reminder_fee(day(), &inv(), sek("60"))),
            vec![(1510, "60".into()), (3541, "-60".into())]
        );
        assert_eq!(
            lines(&late_interest(day(), &inv(), sek("3.21"))),
            vec![(1510, "3.21".into()), (8313, "-3.21".into())]
        );
        assert_eq!(
            lines(&moved_to_doubtful(day(), &inv(), sek("900"))),
            vec![(1515, "900".into()), (1510, "-900".into())]
        );
        assert_eq!(
            lines(&write_off(day(), &inv(), sek("900"), true)),
            vec![(6351, "900".into()), (1515, "-900".into())]
        );
        assert_eq!(
            lines(&write_off(day(), &inv(), sek("50"), false)),
            vec![(6351, "50".into()), (1510, "-50".into())]
        );
        assert_eq!(
            lines(&recovery(day(), &inv(), sek("20"))),
            vec![(1930, "20".into()), (3950, "-20".into())]
        );
    }

    #[test]
    fn settlement_and_reversal() {
        let e = settlement_payout(day(), "m1", "s1", sek("950"));
        assert_eq!(lines(&e), vec![(2440, "950".into()), (1930, "-950".into())]);
        let r = reversal(day(), 42, &e.lines, "wrong amount");
        r.validate().unwrap();
        assert_eq!(lines(&r), vec![(2440, "-950".into()), (1930, "950".into())]);
        assert_eq!(r.reverses, Some((42, "wrong amount".into())));
        let no_reason = reversal(day(), 42, &e.lines, " ");
        assert!(no_reason.validate().is_err());
    }

    #[test]
    fn unbalanced_and_unrounded_entries_are_refused() {
        let mut e = customer_payment(day(), &inv(), sek("10"));
        e.lines[0].amount = sek("10.01");
        assert!(matches!(
            e.validate(),
            Err(crate::ledger::entry::EntryError::Unbalanced { .. })
        ));
        let mut e = customer_payment(day(), &inv(), sek("10"));
        e.lines[0].amount = sek("10.001");
        e.lines[1].amount = sek("-10.001");
        assert!(matches!(
            e.validate(),
            Err(crate::ledger::entry::EntryError::NotRounded(1))
        ));
        let mut e = customer_payment(day(), &inv(), sek("10"));
        e.lines.truncate(1);
        assert!(matches!(
            e.validate(),
            Err(crate::ledger::entry::EntryError::TooFewLines)
        ));
    }
}
