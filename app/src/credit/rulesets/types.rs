//! What the ruleset and decision screens show: rows shared by the server and the browser.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::credit::policy::{Outcome, PolicyError};
use crate::ktime::Country;

/// The credit product a ruleset decides for; each has its own active ruleset per country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Product {
    /// Pay later against an invoice.
    Invoice,
    /// Part payment.
    Installments,
}

impl Product {
    /// Every product, in display order.
    pub const ALL: [Product; 2] = [Product::Invoice, Product::Installments];

    /// The database and URL spelling (also `order.product` in PolicyRules).
    pub fn as_str(self) -> &'static str {
        match self {
            Product::Invoice => "invoice",
            Product::Installments => "installments",
        }
    }

    /// Parses [`Product::as_str`].
    pub fn parse(s: &str) -> Option<Product> {
        Product::ALL.into_iter().find(|p| p.as_str() == s.trim())
    }
}

/// The countries rulesets exist for, in display order (DE is not a launch market but may
/// have a ruleset).
pub const COUNTRIES: [Country; 5] = Country::ALL;

/// A country's ISO code (the stored spelling).
pub fn country_code(c: Country) -> &'static str {
    c.code()
}

/// Parses an ISO country code, any case.
pub fn parse_country(s: &str) -> Option<Country> {
    Country::parse_code(s)
}

/// Where a ruleset is in its life: only drafts are edited, only one is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RulesetStatus {
    /// Being written; never used for decisions.
    Draft,
    /// Used for every new decision of its country and product.
    Active,
    /// Was active; kept so old decisions stay explainable.
    Retired,
}

impl RulesetStatus {
    /// The database spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            RulesetStatus::Draft => "draft",
            RulesetStatus::Active => "active",
            RulesetStatus::Retired => "retired",
        }
    }

    /// Parses [`RulesetStatus::as_str`].
    pub fn parse(s: &str) -> Option<RulesetStatus> {
        [
            RulesetStatus::Draft,
            RulesetStatus::Active,
            RulesetStatus::Retired,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }

    /// Whether a ruleset in this status may become active: only drafts, so an active or
    /// retired version is never changed after the fact.
    pub fn can_activate(self) -> bool {
        self == RulesetStatus::Draft
    }
}

/// One stored ruleset version, without its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesetSummary {
    /// Id.
    pub id: i64,
    /// ISO country code.
    pub country: String,
    /// Product.
    pub product: Product,
    /// 1, 2, … per (country, product).
    pub version: i32,
    /// Draft, active or retired.
    pub status: RulesetStatus,
    /// Who created it (e-mail or system name).
    pub created_by: String,
    /// Business time of creation.
    pub created_at: DateTime<Utc>,
    /// Business time it became active.
    pub activated_at: Option<DateTime<Utc>>,
    /// Business time it was replaced.
    pub retired_at: Option<DateTime<Utc>>,
}

/// A compile error as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompileMessage {
    /// Stable code (`POLICY_TYPE`, …), also a Fluent id.
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The offending line with a caret under the error.
    pub snippet: String,
}

impl CompileMessage {
    /// The editor's form of a compiler error.
    pub fn from_error(e: &PolicyError, source: &str) -> CompileMessage {
        CompileMessage {
            code: e.kind.code().to_string(),
            message: e.message.clone(),
            line: e.line,
            column: e.column,
            snippet: e.render(source),
        }
    }
}

/// The ruleset detail page: the version, its source, its compile errors and its diff against
/// the active version of the same country and product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesetView {
    /// The version.
    pub summary: RulesetSummary,
    /// Its source text.
    pub source: String,
    /// Compile errors of the stored source (empty = compiles).
    pub errors: Vec<CompileMessage>,
    /// The version it is compared with (the active one, or another chosen).
    pub compared_with: Option<RulesetSummary>,
    /// Line diff from `compared_with` to this version; empty when there is nothing to compare.
    pub diff: Vec<DiffLine>,
    /// Whether the caller may edit and activate (admin).
    pub can_edit: bool,
}

/// How a line of a diff relates the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffKind {
    /// In both.
    Same,
    /// Only in the newer version (`+`).
    Added,
    /// Only in the older version (`-`).
    Removed,
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    /// Same, added or removed.
    pub kind: DiffKind,
    /// The line's text.
    pub text: String,
}

impl DiffLine {
    /// The line as `diff -u` prints it: `+`, `-` or a space, then the text.
    pub fn render(&self) -> String {
        let mark = match self.kind {
            DiffKind::Same => ' ',
            DiffKind::Added => '+',
            DiffKind::Removed => '-',
        };
        format!("{mark}{}", self.text)
    }
}

/// A logged decision as the decision log lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionSummary {
    /// Id.
    pub id: i64,
    /// Business time of the decision.
    pub business_time: DateTime<Utc>,
    /// ISO country code.
    pub country: String,
    /// Product.
    pub product: Product,
    /// The merchant.
    pub merchant_id: String,
    /// The merchant's legal name, when the id is one of our merchants.
    #[serde(default)]
    pub merchant_name: Option<String>,
    /// Pseudonymous customer key.
    pub customer_key: String,
    /// The customer's name, when the key is a customer id (what the order API logs).
    #[serde(default)]
    pub customer_name: Option<String>,
    /// The merchant's order reference.
    pub order_ref: String,
    /// What was decided.
    pub outcome: Outcome,
    /// The reason code.
    pub reason: String,
    /// The ruleset that decided.
    pub ruleset_id: i64,
    /// Its version number.
    pub ruleset_version: i32,
}

/// A decision with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionDetail {
    /// The decision.
    pub summary: DecisionSummary,
    /// The rule that decided (`None` = the default line).
    pub decided_by: Option<String>,
    /// Every rule that fired, in ruleset order.
    pub fired: Vec<String>,
    /// The fact snapshot: name, type and value as text.
    pub facts: Vec<(String, String, String)>,
}

/// A decision whose outcome a backtested ruleset would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BacktestChange {
    /// The logged decision.
    pub decision_id: i64,
    /// Its order reference.
    pub order_ref: String,
    /// The logged outcome.
    pub before: Outcome,
    /// The outcome under the backtested ruleset.
    pub after: Outcome,
    /// The logged reason.
    pub reason_before: String,
    /// The reason under the backtested ruleset.
    pub reason_after: String,
}

/// What a ruleset would have decided on the last logged decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BacktestReport {
    /// The ruleset tested.
    pub ruleset_id: i64,
    /// How many decisions were replayed.
    pub decisions: u32,
    /// How many were approved as logged.
    pub approved_before: u32,
    /// How many the tested ruleset approves.
    pub approved_after: u32,
    /// The decisions whose outcome changes, newest first.
    pub changes: Vec<BacktestChange>,
}

impl BacktestReport {
    /// Approval rate as logged, in percent with one decimal (`None` with no decisions).
    pub fn rate_before(&self) -> Option<Decimal> {
        percent(self.approved_before, self.decisions)
    }

    /// Approval rate under the tested ruleset.
    pub fn rate_after(&self) -> Option<Decimal> {
        percent(self.approved_after, self.decisions)
    }
}

/// `part / whole` in percent, rounded half-even to one decimal (exact decimals, no floats).
fn percent(part: u32, whole: u32) -> Option<Decimal> {
    if whole == 0 {
        return None;
    }
    Some((Decimal::from(part) * Decimal::from(100) / Decimal::from(whole)).round_dp(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for p in Product::ALL {
            assert_eq!(Product::parse(p.as_str()), Some(p));
        }
        for c in COUNTRIES {
            assert_eq!(parse_country(&country_code(c).to_lowercase()), Some(c));
        }
        assert_eq!(RulesetStatus::parse("active"), Some(RulesetStatus::Active));
        assert!(RulesetStatus::Draft.can_activate());
        assert!(!RulesetStatus::Retired.can_activate());
        assert!(!RulesetStatus::Active.can_activate());
    }

    #[test]
    fn rates_are_exact_percentages() {
        let r = BacktestReport {
            ruleset_id: 1,
            decisions: 3,
            approved_before: 2,
            approved_after: 1,
            changes: vec![],
        };
        assert_eq!(r.rate_before(), Some(Decimal::new(667, 1)));
        assert_eq!(r.rate_after(), Some(Decimal::new(333, 1)));
        let empty = BacktestReport { decisions: 0, ..r };
        assert_eq!(empty.rate_before(), None);
    }
}
