//! PolicyRules: the small rule language risk staff use to decide who may buy on credit, and
//! the pure engine that applies it.
//!
//! ```text
//! # comments run to the end of the line
//! ruleset "SE invoice" for country SE product invoice
//! when not score.available: refer SCORE_UNAVAILABLE
//! rule underage:  reject UNDERAGE when customer.age < 18
//! rule limit:     reject CREDIT_LIMIT when customer.exposure + order.amount > 25000 SEK
//! rule vip for merchant "m-1": approve VIP when score.risk_class in ["A", "B"]
//! approve
//! ```
//!
//! Grammar (a statement starts on an unindented line; indented lines continue it):
//!
//! ```text
//! ruleset   := "ruleset" STRING ("for" scope+)?
//! rule      := "rule" NAME ("for" scope+)? ":" verdict "when" expr
//!            | "when" expr ":" verdict               (named when_line_N)
//!            | verdict "when" expr                   (named when_line_N)
//! default   := verdict                               (exactly one, last)
//! verdict   := "approve" CODE? | "reject" CODE | "refer" CODE
//! scope     := "country" CC | "merchant" STRING | "product" WORD
//! expr      := or;  or := and ("or" and)*;  and := not ("and" not)*;  not := "not" not | cmp
//! cmp       := sum (("="|"!="|"<"|"<="|">"|">=") sum | "not"? "in" "[" literal,* "]")?
//! sum       := product (("+"|"-") product)*;  product := atom (("*"|"/") atom)*
//! atom      := "(" expr ")" | NUMBER CURRENCY? | STRING | "true" | "false" | FACT
//! ```
//!
//! A statement may nest parentheses and `not` at most [`MAX_NESTING`] deep and have at most
//! [`MAX_PARTS`] facts, literals and operators; beyond that it is a syntax error at the line
//! and column where the limit was crossed (parsing, checking and evaluating recurse per level).
//!
//! The first rule that fires decides; see [`eval`] for precedence and run-time errors.
//! Scopes: `country` is compared with `customer.country`, `merchant` with `merchant.id`,
//! `product` with `order.product`; a rule applies only where all its scope items match.

pub mod ast;
mod check;
pub mod decision;
mod defaults;
pub mod error;
pub mod eval;
pub mod facts;
mod lexeme;
mod parse;
mod parse_expr;
pub mod schema;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_eval;
#[cfg(test)]
mod tests_limits;

pub use decision::{Decision, Outcome, RuleError, EVALUATION_ERROR};
pub use defaults::default_ruleset_source;
pub use error::{PolicyError, PolicyErrorKind};
pub use eval::{evaluate, EvalError};
pub use facts::{FactValue, Facts};
pub use lexeme::{MAX_NESTING, MAX_PARTS};
pub use schema::{fact_type, FactDef, FactType, FACTS};

use ast::{Header, Rule, Verdict};

/// A compiled, type-checked ruleset. Keeps its source text so versions can be stored, shown
/// and diffed as people wrote them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruleset {
    source: String,
    header: Option<Header>,
    rules: Vec<Rule>,
    default: Verdict,
}

impl Ruleset {
    /// The source text it was compiled from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The `ruleset "…"` line, if written.
    pub fn header(&self) -> Option<&Header> {
        self.header.as_ref()
    }

    /// The rules, in evaluation order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// What is decided when no rule fires.
    pub fn default_verdict(&self) -> &Verdict {
        &self.default
    }
}

/// Parses and type-checks `source`; on failure returns every error found, in source order
/// (each with line, column and [`PolicyError::render`]).
pub fn compile(source: &str) -> Result<Ruleset, Vec<PolicyError>> {
    let (statements, syntax_errors) = parse::parse_statements(source);
    check::check(source, statements, syntax_errors)
}
