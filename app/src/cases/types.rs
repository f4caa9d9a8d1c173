//! The vocabulary of cases: kinds, statuses, priorities and their SLAs.

use serde::{Deserialize, Serialize};

/// What a case is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseKind {
    /// Money in suspense: no, an unknown or an invalid reference.
    UnmatchedPayment,
    /// A customer paid more than was due; the excess is their credit.
    Overpayment,
    /// A customer asks about (or staff look into) a partial payment.
    PartialPayment,
    /// The customer disputes an invoice.
    Dispute,
    /// The customer got in touch.
    CustomerContact,
    /// Anything else.
    Other,
}

impl CaseKind {
    /// Every kind, for filters and counts.
    pub const ALL: [CaseKind; 6] = [
        CaseKind::UnmatchedPayment,
        CaseKind::Overpayment,
        CaseKind::PartialPayment,
        CaseKind::Dispute,
        CaseKind::CustomerContact,
        CaseKind::Other,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            CaseKind::UnmatchedPayment => "unmatched_payment",
            CaseKind::Overpayment => "overpayment",
            CaseKind::PartialPayment => "partial_payment",
            CaseKind::Dispute => "dispute",
            CaseKind::CustomerContact => "customer_contact",
            CaseKind::Other => "other",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<CaseKind> {
        CaseKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// How long staff have to resolve it, in hours on the business clock: money in suspense
    /// is somebody's payment that is not counted, so it comes first.
    pub fn sla_hours(self) -> i64 {
        match self {
            CaseKind::UnmatchedPayment => 48,
            CaseKind::Overpayment | CaseKind::Dispute => 72,
            CaseKind::PartialPayment | CaseKind::CustomerContact | CaseKind::Other => 120,
        }
    }
}

/// Where a case is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseStatus {
    /// New, nobody works on it.
    Open,
    /// Someone works on it.
    InProgress,
    /// Waiting for the customer, the merchant or a bank.
    Waiting,
    /// Done.
    Resolved,
}

impl CaseStatus {
    /// Every status.
    pub const ALL: [CaseStatus; 4] = [
        CaseStatus::Open,
        CaseStatus::InProgress,
        CaseStatus::Waiting,
        CaseStatus::Resolved,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::InProgress => "in_progress",
            CaseStatus::Waiting => "waiting",
            CaseStatus::Resolved => "resolved",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// How urgent a case is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Priority {
    /// Can wait.
    Low,
    /// The usual.
    Normal,
    /// Sooner.
    High,
    /// Now.
    Urgent,
}

impl Priority {
    /// Every priority, lowest first.
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.code() == code)
    }
}
