//! The syntax tree of a PolicyRules source, shared by the parser, the type checker and the
//! evaluator.
//!
//! Every node keeps its [`Span`] (byte offsets into the source) so that a type error or a
//! runtime problem can point at the exact text risk staff wrote.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;

use super::decision::Outcome;

/// A byte range `start..end` in the ruleset source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The range `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

/// A literal value written in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lit {
    /// `true` / `false`.
    Bool(bool),
    /// `18`, `0.5`, `-3`.
    Number(Decimal),
    /// `25000 SEK`: the currency is part of the literal, so limits can never be compared
    /// against an amount in another currency by accident.
    Money(Money),
    /// `"SE"`, `"m-1"`.
    Str(String),
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// Whether the operator needs an order (numbers and money) rather than only equality.
    pub fn is_ordering(self) -> bool {
        !matches!(self, CmpOp::Eq | CmpOp::Ne)
    }
}

/// An expression with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Where it is written.
    pub span: Span,
}

/// The shapes of expressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprKind {
    /// A literal.
    Lit(Lit),
    /// A fact such as `customer.age`, looked up in the schema by the checker.
    Fact(String),
    /// `not e`.
    Not(Box<Expr>),
    /// `a and b` (short-circuit: `b` is not read when `a` is false).
    And(Box<Expr>, Box<Expr>),
    /// `a or b` (short-circuit: `b` is not read when `a` is true).
    Or(Box<Expr>, Box<Expr>),
    /// `a + b`, `a - b`, `a * b`, `a / b`.
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    /// `a < b` and friends.
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    /// `a in [..]`, or `a not in [..]` when `negated`.
    In {
        /// The value looked for.
        value: Box<Expr>,
        /// Literal elements.
        list: Vec<Expr>,
        /// `not in`.
        negated: bool,
    },
}

/// What a rule (or the default line) decides, with its reason code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Approve, reject or refer.
    pub outcome: Outcome,
    /// The reason code (`CREDIT_LIMIT`); `APPROVED` for an `approve` without one.
    pub reason: String,
    /// Where the reason code (or the bare `approve`) is written.
    pub reason_span: Span,
}

/// Which fact a scope item restricts a rule by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// `for country NO`: compared with `customer.country`.
    Country,
    /// `for merchant "m-1"`: compared with `merchant.id`.
    Merchant,
    /// `for product invoice`: compared with `order.product`.
    Product,
}

impl ScopeKind {
    /// The fact the scope item is compared with.
    pub fn fact(self) -> &'static str {
        match self {
            ScopeKind::Country => "customer.country",
            ScopeKind::Merchant => "merchant.id",
            ScopeKind::Product => "order.product",
        }
    }
}

/// One `country NO` / `merchant "m-1"` / `product invoice` item of a `for` clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeItem {
    /// What is restricted.
    pub kind: ScopeKind,
    /// The required value.
    pub value: String,
    /// Where the value is written.
    pub span: Span,
}

/// A named rule: `rule NAME [for …]: VERDICT when CONDITION`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The rule's name, reported in decisions (`when` sugar gets `when_line_N`).
    pub name: String,
    /// Where the name (or the `when` keyword) is written.
    pub name_span: Span,
    /// All items must match for the rule to apply; empty means everywhere.
    pub scope: Vec<ScopeItem>,
    /// What the rule decides when it fires.
    pub verdict: Verdict,
    /// When it fires.
    pub condition: Expr,
}

/// The optional first line: `ruleset "SE invoice" for country SE product invoice`.
///
/// Metadata for people and the ruleset store; the engine does not check it, because the
/// caller has already picked the ruleset by (country, product).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The display name.
    pub name: String,
    /// The declared scope.
    pub scope: Vec<ScopeItem>,
    /// Where the `ruleset` line is.
    pub span: Span,
}

/// One top-level statement as parsed, before the checker puts them in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Statement {
    /// The `ruleset` line.
    Header(Header),
    /// A rule (named, or `when` sugar).
    Rule(Rule),
    /// The final bare verdict.
    Default(Verdict, Span),
}
