//! The fact schema: every fact a rule may read, with its type.
//!
//! A static table rather than whatever the gatherer happens to supply, so a typo in a rule
//! (`customer.agee`) is a compile error in the editor instead of a silent `refer` in
//! production.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The type of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactType {
    /// `true` / `false`.
    Bool,
    /// An exact decimal number.
    Number,
    /// An amount in a currency only known at run time (the order's currency).
    Money,
    /// Text.
    String,
}

impl fmt::Display for FactType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FactType::Bool => "bool",
            FactType::Number => "number",
            FactType::Money => "money",
            FactType::String => "string",
        })
    }
}

/// One known fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactDef {
    /// The dotted name used in rules.
    pub name: &'static str,
    /// Its type.
    pub ty: FactType,
    /// What it means, for the editor's help panel.
    pub doc: &'static str,
}

const fn fact(name: &'static str, ty: FactType, doc: &'static str) -> FactDef {
    FactDef { name, ty, doc }
}

/// Every fact rules may read.
///
/// `request.ip_country` is absent when the IP-range table does not know the address; rules
/// test `request.ip_country_known` first (`and` short-circuits), because reading an absent
/// fact makes the decision `refer EVALUATION_ERROR`.
pub const FACTS: &[FactDef] = &[
    fact("order.amount", FactType::Money, "Order total incl. VAT."),
    fact(
        "order.currency",
        FactType::String,
        "ISO code of the order currency.",
    ),
    fact(
        "order.product",
        FactType::String,
        "invoice, installments, …",
    ),
    fact(
        "customer.age",
        FactType::Number,
        "Age in whole years from the national id.",
    ),
    fact(
        "customer.exposure",
        FactType::Money,
        "Open authorizations plus open receivables.",
    ),
    fact(
        "customer.overdue_count",
        FactType::Number,
        "Invoices past due and unpaid.",
    ),
    fact(
        "customer.oldest_overdue_days",
        FactType::Number,
        "Days the oldest overdue invoice is late (0 if none).",
    ),
    fact(
        "customer.is_new",
        FactType::Bool,
        "No earlier paid invoice.",
    ),
    fact(
        "customer.country",
        FactType::String,
        "Country code of the national id (SE, NO, FI, DK).",
    ),
    fact(
        "customer.previous_rejections",
        FactType::Number,
        "Rejections in the look-back window.",
    ),
    fact(
        "score.available",
        FactType::Bool,
        "Whether the score provider answered.",
    ),
    fact(
        "score.value",
        FactType::Number,
        "Credit score (only when score.available).",
    ),
    fact(
        "score.risk_class",
        FactType::String,
        "Risk class A–E (only when score.available).",
    ),
    fact(
        "address.available",
        FactType::Bool,
        "Whether a registered address was found.",
    ),
    fact(
        "request.ip_country_known",
        FactType::Bool,
        "Whether the IP-range table knows the address.",
    ),
    fact(
        "request.ip_country",
        FactType::String,
        "Country of the buyer's IP (only when known).",
    ),
    fact("merchant.id", FactType::String, "The merchant's id."),
    fact(
        "merchant.country",
        FactType::String,
        "The merchant's country code.",
    ),
];

/// The type of fact `name`, or `None` if rules cannot read it.
pub fn fact_type(name: &str) -> Option<FactType> {
    FACTS.iter().find(|f| f.name == name).map(|f| f.ty)
}

/// The known fact `name` was most likely meant to be, for "did you mean" hints: one a couple
/// of typos away, or one with the same last part (`age` → `customer.age`).
pub fn closest_fact(name: &str) -> Option<&'static str> {
    let last = name.rsplit('.').next().unwrap_or(name);
    FACTS
        .iter()
        .map(|f| (edit_distance(name, f.name), f.name))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, fact)| fact)
        .or_else(|| {
            FACTS
                .iter()
                .find(|f| f.name.rsplit('.').next() == Some(last))
                .map(|f| f.name)
        })
}

/// Levenshtein distance in characters; names are short, so the quadratic table is fine.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}
