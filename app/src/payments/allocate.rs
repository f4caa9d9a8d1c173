//! How one payment is divided: over the invoices its references name (within an invoice in
//! the configured order, fees → interest → principal by default), the customer's credit for
//! what is paid beyond the amount due, and the suspense account for money nobody can place.
//! Pure: the import loads and locks the invoices first, then books the [`Plan`] this returns.
//! `docs/payments.md` states the rules in prose.

use std::collections::HashMap;

use uuid::Uuid;

/// The parts of an invoice a payment can settle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// The invoice fee (and, with dunning, reminder fees).
    Fee,
    /// Late interest.
    Interest,
    /// The goods.
    Principal,
}

impl Target {
    /// The stored code (`payment_allocations.target`).
    pub fn code(self) -> &'static str {
        match self {
            Target::Fee => "fee",
            Target::Interest => "interest",
            Target::Principal => "principal",
        }
    }

    fn index(self) -> usize {
        match self {
            Target::Fee => 0,
            Target::Interest => 1,
            Target::Principal => 2,
        }
    }
}

/// The order in which a payment settles an invoice's parts (`PAYMENT_ALLOCATION_ORDER`).
/// Fees first is the Swedish practice (räntelagen § 9 lets a creditor take costs and interest
/// before the principal), and it leaves the principal, on which interest runs, open longest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocationOrder(pub [Target; 3]);

impl Default for AllocationOrder {
    fn default() -> Self {
        AllocationOrder([Target::Fee, Target::Interest, Target::Principal])
    }
}

impl AllocationOrder {
    /// Parses `fee,interest,principal` in any order; each part exactly once.
    pub fn parse(text: &str) -> Option<AllocationOrder> {
        let parts: Vec<Target> = text
            .split(',')
            .map(|p| match p.trim() {
                "fee" => Some(Target::Fee),
                "interest" => Some(Target::Interest),
                "principal" => Some(Target::Principal),
                _ => None,
            })
            .collect::<Option<_>>()?;
        let order: [Target; 3] = parts.try_into().ok()?;
        let distinct = order
            .iter()
            .map(|t| t.index())
            .collect::<std::collections::HashSet<_>>();
        (distinct.len() == 3).then_some(AllocationOrder(order))
    }
}

/// What one invoice still has due and has been paid, per part, as the import loaded (and
/// locked) it; updated as the payments of one file are planned one after another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceDue {
    /// The invoice.
    pub invoice_id: Uuid,
    /// Its customer (who gets the credit for an overpayment).
    pub customer_id: Uuid,
    /// Still due per part: fee, interest, principal.
    pub due: [i64; 3],
    /// Paid so far per part (what a return can take back).
    pub paid: [i64; 3],
}

impl InvoiceDue {
    /// Everything still due.
    pub fn total_due(&self) -> i64 {
        self.due.iter().sum()
    }

    fn total_paid(&self) -> i64 {
        self.paid.iter().sum()
    }
}

/// What a payment reference turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// It names this invoice (a key of the dues map).
    Invoice(Uuid),
    /// Its check digit is wrong (or the bank flagged it): a typing error, never guessed at.
    Invalid,
    /// Well-formed, but no invoice of this country has it.
    Unknown,
    /// The payer gave no reference at all.
    Missing,
}

/// Why money went to suspense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuspenseReason {
    /// No reference.
    NoReference,
    /// A reference with a wrong check digit.
    InvalidReference,
    /// A reference no invoice has.
    UnknownReference,
}

/// One booking of a plan. Amounts are signed: a return takes money back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Onto an invoice's part.
    Invoice {
        /// The invoice.
        invoice_id: Uuid,
        /// Which part.
        target: Target,
        /// Minor units.
        amount: i64,
    },
    /// Beyond what was due: the customer's credit (a liability) until refunded or moved.
    Overpayment {
        /// Whose credit.
        customer_id: Uuid,
        /// The invoice the payer meant.
        invoice_id: Uuid,
        /// Minor units.
        amount: i64,
    },
    /// Nobody can say whose money it is yet.
    Suspense {
        /// Minor units.
        amount: i64,
        /// Why.
        reason: SuspenseReason,
    },
}

/// How the payment came out, for the file's summary and the payment list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Every invoice it names is paid in full, nothing left over.
    Matched,
    /// It paid less than an invoice it names has due.
    Partial,
    /// It paid more: the excess is the customer's credit (a case follows).
    Over,
    /// Some or all of it is in suspense (a case follows).
    Unmatched,
    /// Money went back to the payer (a return or deduction).
    Returned,
}

impl Outcome {
    /// The stored code (`payments.outcome`).
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Matched => "matched",
            Outcome::Partial => "partial",
            Outcome::Over => "over",
            Outcome::Unmatched => "unmatched",
            Outcome::Returned => "returned",
        }
    }
}

/// A payment's division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The bookings, in order; they add up to the payment's amount.
    pub placements: Vec<Placement>,
    /// The summary.
    pub outcome: Outcome,
}

/// One reference of the payment with the part meant for it (`None`: whatever is due).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// What the reference is.
    pub resolved: Resolved,
    /// The split amount the file gives, signed.
    pub amount: Option<i64>,
}

/// Divides a payment of `amount` (minor units, signed) given with `parts`, against `dues`
/// (updated in place so later payments of the same file see this one).
///
/// Incoming money (`amount > 0`): each part in order takes its split amount (or, without one,
/// what its invoice has due) from what is left of the payment; on an invoice it settles the
/// parts in `order`; a part's amount beyond its invoice's due is that customer's credit; a part
/// whose reference is missing, invalid or unknown goes to suspense; negative split amounts
/// (BgMax TK23, a reference taken back) only lower what the positive parts can take. Money
/// left after all parts is the credit of the last customer named, else suspense.
///
/// Outgoing money (`amount < 0`, a return or deduction): taken back from the first named
/// invoice's paid parts in the reverse of `order` (principal first), the rest from suspense.
pub fn plan(
    amount: i64,
    parts: &[Part],
    dues: &mut HashMap<Uuid, InvoiceDue>,
    order: AllocationOrder,
) -> Plan {
    if amount < 0 {
        return plan_return(amount, parts, dues, order);
    }
    let mut placements = Vec::new();
    let mut left = amount;
    let mut last_customer: Option<(Uuid, Uuid)> = None;
    let mut short = false;
    let parts: Vec<Part> = if parts.is_empty() {
        vec![Part {
            resolved: Resolved::Missing,
            amount: None,
        }]
    } else {
        parts.to_vec()
    };
    let positive: Vec<&Part> = parts
        .iter()
        .filter(|p| p.amount.is_none_or(|a| a > 0))
        .collect();
    let single = positive.len() == 1;
    for (i, part) in positive.iter().enumerate() {
        if left == 0 {
            break;
        }
        let is_last = i + 1 == positive.len();
        match part.resolved {
            Resolved::Invoice(id) => {
                let Some(inv) = dues.get_mut(&id) else {
                    continue;
                };
                last_customer = Some((inv.customer_id, id));
                let wanted = match part.amount {
                    Some(a) => a.min(left),
                    // One reference, or the last: all that is left; else what is due.
                    None if single || is_last => left,
                    None => inv.total_due().min(left),
                };
                let mut rest = wanted;
                for target in order.0 {
                    let t = target.index();
                    let pay = rest.min(inv.due[t]);
                    if pay > 0 {
                        inv.due[t] -= pay;
                        inv.paid[t] += pay;
                        rest -= pay;
                        placements.push(Placement::Invoice {
                            invoice_id: id,
                            target,
                            amount: pay,
                        });
                    }
                }
                if rest > 0 {
                    placements.push(Placement::Overpayment {
                        customer_id: inv.customer_id,
                        invoice_id: id,
                        amount: rest,
                    });
                }
                if inv.total_due() > 0 {
                    short = true;
                }
                left -= wanted;
            }
            other => {
                let take = match part.amount {
                    Some(a) => a.min(left),
                    None if single || is_last => left,
                    // Without a split amount an unplaceable reference cannot say how much is
                    // its own: leave it to the parts after it, suspense gets the rest.
                    None => 0,
                };
                if take > 0 {
                    placements.push(Placement::Suspense {
                        amount: take,
                        reason: reason(other),
                    });
                    left -= take;
                }
            }
        }
    }
    if left > 0 {
        match last_customer {
            Some((customer_id, invoice_id)) => placements.push(Placement::Overpayment {
                customer_id,
                invoice_id,
                amount: left,
            }),
            None => placements.push(Placement::Suspense {
                amount: left,
                reason: SuspenseReason::UnknownReference,
            }),
        }
    }
    let outcome = if placements
        .iter()
        .any(|p| matches!(p, Placement::Suspense { .. }))
    {
        Outcome::Unmatched
    } else if placements
        .iter()
        .any(|p| matches!(p, Placement::Overpayment { .. }))
    {
        Outcome::Over
    } else if short {
        Outcome::Partial
    } else {
        Outcome::Matched
    };
    Plan {
        placements,
        outcome,
    }
}

fn reason(resolved: Resolved) -> SuspenseReason {
    match resolved {
        Resolved::Invalid => SuspenseReason::InvalidReference,
        Resolved::Missing => SuspenseReason::NoReference,
        Resolved::Unknown | Resolved::Invoice(_) => SuspenseReason::UnknownReference,
    }
}

fn plan_return(
    amount: i64,
    parts: &[Part],
    dues: &mut HashMap<Uuid, InvoiceDue>,
    order: AllocationOrder,
) -> Plan {
    let mut placements = Vec::new();
    let mut back = -amount;
    let first = parts.first().map_or(Resolved::Missing, |p| p.resolved);
    if let Resolved::Invoice(id) = first {
        if let Some(inv) = dues.get_mut(&id) {
            let take_total = back.min(inv.total_paid());
            let mut rest = take_total;
            for target in order.0.iter().rev() {
                let t = target.index();
                let take = rest.min(inv.paid[t]);
                if take > 0 {
                    inv.paid[t] -= take;
                    inv.due[t] += take;
                    rest -= take;
                    placements.push(Placement::Invoice {
                        invoice_id: id,
                        target: *target,
                        amount: -take,
                    });
                }
            }
            back -= take_total;
        }
    }
    if back > 0 {
        placements.push(Placement::Suspense {
            amount: -back,
            reason: reason(first),
        });
    }
    Plan {
        placements,
        outcome: Outcome::Returned,
    }
}

#[cfg(test)]
#[path = "allocate_tests.rs"]
mod tests;
