//! The result of evaluating a ruleset: what was decided, why, and on which facts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::facts::FactValue;

/// The reason code of a decision that could not be made because a fact was missing, had the
/// wrong type, or money in different currencies met (see [`super::eval`]).
pub const EVALUATION_ERROR: &str = "EVALUATION_ERROR";

/// The reason code of an `approve` that names none.
pub const APPROVED: &str = "APPROVED";

/// What happens to the purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Credit is granted.
    Approve,
    /// Credit is refused.
    Reject,
    /// A person decides (manual review); also the safe answer when the engine cannot decide.
    Refer,
}

impl Outcome {
    /// The keyword used in PolicyRules and in the decision log.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Approve => "approve",
            Outcome::Reject => "reject",
            Outcome::Refer => "refer",
        }
    }
}

/// A rule whose condition could not be evaluated, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleError {
    /// The rule's name.
    pub rule: String,
    /// What went wrong, for staff (`fact customer.age is missing`).
    pub message: String,
}

/// A credit decision, stored with the facts it read so it can be explained and backtested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Approve, reject or refer.
    pub outcome: Outcome,
    /// The reason code (`CREDIT_LIMIT`, `APPROVED`, `EVALUATION_ERROR`, …).
    pub reason: String,
    /// The rule that decided; `None` when the default line did.
    pub decided_by: Option<String>,
    /// Every rule whose condition was true, in ruleset order (the first one decides).
    pub fired: Vec<String>,
    /// Every fact the evaluation read, with its value.
    pub used_facts: BTreeMap<String, FactValue>,
    /// Rules that could not be evaluated. An error before the deciding rule turns the
    /// decision into `refer EVALUATION_ERROR`; later ones are only reported.
    pub errors: Vec<RuleError>,
}
