//! The business events that move money, each with a stable code stored on journal entries.
//! `docs/ledger.md` lists their lines; `rules` builds them.

use serde::{Deserialize, Serialize};

/// Why an entry was posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LedgerEvent {
    /// An order was captured: the customer owes goods + fee, Kreditor owes the merchant.
    OrderCaptured,
    /// Kreditor's commission (with VAT) is taken from what it owes the merchant.
    MerchantCommission,
    /// A customer paid an invoice.
    CustomerPayment,
    /// A customer paid more than was due.
    Overpayment,
    /// Money arrived that could not be matched to an invoice.
    UnmatchedPayment,
    /// Unmatched money was later allocated to an invoice.
    PaymentAllocated,
    /// The bank returned or reversed a payment (camt DBIT/RvslInd, BgMax deduction): money
    /// leaves the bank account again, reopening the invoice it had paid or out of suspense.
    PaymentReturned,
    /// A refund or credit note on an invoice not yet paid.
    RefundBeforePayment,
    /// A refund or credit note on an invoice already paid: the customer has money to get back.
    RefundAfterPayment,
    /// Money paid back to a customer.
    CustomerRefundPaid,
    /// A reminder fee was charged.
    ReminderFee,
    /// Late interest was charged.
    LateInterest,
    /// A receivable was moved to doubtful (collection).
    MovedToDoubtful,
    /// A receivable was written off as a realised loss.
    WriteOff,
    /// Money came in on a receivable written off earlier.
    Recovery,
    /// Kreditor paid a merchant what it owed (settlement).
    SettlementPayout,
    /// A correction: the exact opposite of an earlier entry.
    Reversal,
}

impl LedgerEvent {
    /// Every event, for filters and the documentation table.
    pub const ALL: [LedgerEvent; 17] = [
        LedgerEvent::OrderCaptured,
        LedgerEvent::MerchantCommission,
        LedgerEvent::CustomerPayment,
        LedgerEvent::Overpayment,
        LedgerEvent::UnmatchedPayment,
        LedgerEvent::PaymentAllocated,
        LedgerEvent::PaymentReturned,
        LedgerEvent::RefundBeforePayment,
        LedgerEvent::RefundAfterPayment,
        LedgerEvent::CustomerRefundPaid,
        LedgerEvent::ReminderFee,
        LedgerEvent::LateInterest,
        LedgerEvent::MovedToDoubtful,
        LedgerEvent::WriteOff,
        LedgerEvent::Recovery,
        LedgerEvent::SettlementPayout,
        LedgerEvent::Reversal,
    ];

    /// The stored code (also the Fluent id suffix: `event-<code with . as ->`).
    pub fn code(self) -> &'static str {
        match self {
            LedgerEvent::OrderCaptured => "order.captured",
            LedgerEvent::MerchantCommission => "merchant.commission",
            LedgerEvent::CustomerPayment => "payment.received",
            LedgerEvent::Overpayment => "payment.overpaid",
            LedgerEvent::UnmatchedPayment => "payment.unmatched",
            LedgerEvent::PaymentAllocated => "payment.allocated",
            LedgerEvent::PaymentReturned => "payment.returned",
            LedgerEvent::RefundBeforePayment => "refund.before_payment",
            LedgerEvent::RefundAfterPayment => "refund.after_payment",
            LedgerEvent::CustomerRefundPaid => "refund.paid_out",
            LedgerEvent::ReminderFee => "dunning.reminder_fee",
            LedgerEvent::LateInterest => "dunning.late_interest",
            LedgerEvent::MovedToDoubtful => "collection.doubtful",
            LedgerEvent::WriteOff => "collection.write_off",
            LedgerEvent::Recovery => "collection.recovery",
            LedgerEvent::SettlementPayout => "settlement.payout",
            LedgerEvent::Reversal => "correction.reversal",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<LedgerEvent> {
        LedgerEvent::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The Fluent message id naming the event.
    pub fn message_id(self) -> String {
        format!("event-{}", self.code().replace(['.', '_'], "-"))
    }
}

#[cfg(test)]
mod tests {
    use super::LedgerEvent;

    #[test]
    fn codes_are_unique_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for e in LedgerEvent::ALL {
            assert!(seen.insert(e.code()), "duplicate code {}", e.code());
            assert_eq!(LedgerEvent::parse(e.code()), Some(e));
        }
    }
}
