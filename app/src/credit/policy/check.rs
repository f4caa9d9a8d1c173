//! The type checker: turns parsed statements into a [`Ruleset`] or a list of errors.
//!
//! It rejects everything that can be known to be wrong before a single decision is made:
//! unknown facts, money mixed with plain numbers, literals in different currencies, `in`
//! lists of the wrong type, non-boolean conditions, duplicate rule names, bad reason codes
//! and a missing default. What can only be known at run time (the currency of money facts)
//! is left to the evaluator.

use std::collections::BTreeSet;

use crate::money::Currency;

use super::ast::{ArithOp, Expr, ExprKind, Lit, Rule, ScopeItem, ScopeKind, Span, Statement};
use super::error::{PolicyError, PolicyErrorKind};
use super::lexeme::MAX_PARTS;
use super::schema::{closest_fact, fact_type, FactType};
use super::Ruleset;

/// A static type. Money carries a currency when a literal fixed it; money facts have none
/// until run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Bool,
    Number,
    Money(Option<Currency>),
    Str,
}

impl Ty {
    fn name(self) -> String {
        match self {
            Ty::Bool => "bool".into(),
            Ty::Number => "number".into(),
            Ty::Money(Some(c)) => format!("money in {c}", c = c.code()),
            Ty::Money(None) => "money".into(),
            Ty::Str => "string".into(),
        }
    }
}

/// Checks `statements` (parsed from `source`) and builds the ruleset; `syntax_errors` are
/// reported together with the checker's own, sorted by position.
pub fn check(
    source: &str,
    statements: Vec<Statement>,
    syntax_errors: Vec<PolicyError>,
) -> Result<Ruleset, Vec<PolicyError>> {
    let had_syntax_errors = !syntax_errors.is_empty();
    let mut checker = Checker {
        source,
        errors: syntax_errors,
        depth: 0,
    };
    let mut header = None;
    let mut rules: Vec<Rule> = Vec::new();
    let mut default = None;
    let mut names = BTreeSet::new();
    for (index, statement) in statements.into_iter().enumerate() {
        match statement {
            Statement::Header(h) => {
                if index > 0 || header.is_some() {
                    checker.error(
                        PolicyErrorKind::Scope,
                        "the `ruleset` line must come first",
                        h.span,
                    );
                }
                checker.check_scope(&h.scope);
                header = Some(h);
            }
            Statement::Rule(rule) => {
                if default.is_some() {
                    checker.error(
                        PolicyErrorKind::Default,
                        "rule after the default line is never used; the default line must be last",
                        rule.name_span,
                    );
                }
                if !names.insert(rule.name.clone()) {
                    let message = format!("rule `{}` is defined twice", rule.name);
                    checker.error(PolicyErrorKind::DuplicateRule, message, rule.name_span);
                }
                checker.check_rule(&rule);
                rules.push(rule);
            }
            Statement::Default(verdict, span) => {
                if default.is_some() {
                    checker.error(PolicyErrorKind::Default, "a second default line", span);
                }
                checker.check_reason(&verdict.reason, verdict.reason_span);
                default = Some(verdict);
            }
        }
    }
    if default.is_none() && !had_syntax_errors {
        let end = source.trim_end().len();
        checker.error(
            PolicyErrorKind::Default,
            "missing default line: end the ruleset with `approve`, `reject CODE` or `refer CODE`",
            Span::new(end, end),
        );
    }
    let mut errors = checker.errors;
    match default {
        Some(default) if errors.is_empty() => Ok(Ruleset {
            source: source.to_string(),
            header,
            rules,
            default,
        }),
        _ => {
            errors.sort_by_key(|e| (e.span.start, e.span.end));
            Err(errors)
        }
    }
}

struct Checker<'s> {
    source: &'s str,
    errors: Vec<PolicyError>,
    /// How deep `expr` has recursed: the checker refuses trees deeper than the parser can
    /// build ([`MAX_PARTS`]) instead of trusting every caller to have parsed them.
    depth: usize,
}

impl Checker<'_> {
    fn error(&mut self, kind: PolicyErrorKind, message: impl Into<String>, span: Span) {
        self.errors
            .push(PolicyError::new(kind, message, span, self.source));
    }

    fn check_rule(&mut self, rule: &Rule) {
        self.check_scope(&rule.scope);
        self.check_reason(&rule.verdict.reason, rule.verdict.reason_span);
        match self.expr(&rule.condition) {
            Some(Ty::Bool) | None => {}
            Some(other) => {
                let message = format!(
                    "a rule's condition must be true or false, but this is a {}",
                    other.name()
                );
                self.error(PolicyErrorKind::Type, message, rule.condition.span);
            }
        }
    }

    fn check_scope(&mut self, scope: &[ScopeItem]) {
        for item in scope {
            let valid = match item.kind {
                ScopeKind::Country => {
                    item.value.len() == 2 && item.value.chars().all(|c| c.is_ascii_uppercase())
                }
                ScopeKind::Merchant | ScopeKind::Product => !item.value.is_empty(),
            };
            if !valid {
                let message = format!("`{}` is not a valid {:?} here", item.value, item.kind);
                self.error(PolicyErrorKind::Scope, message.to_lowercase(), item.span);
            }
        }
    }

    fn check_reason(&mut self, reason: &str, span: Span) {
        if !is_upper_snake(reason) {
            let message = format!("reason code `{reason}` must be UPPER_SNAKE, e.g. CREDIT_LIMIT");
            self.error(PolicyErrorKind::ReasonCode, message, span);
        }
    }

    /// The type of `expr`, or `None` if an error inside it was already reported.
    fn expr(&mut self, expr: &Expr) -> Option<Ty> {
        if self.depth >= MAX_PARTS {
            let message = "expression too deeply nested to check";
            self.error(PolicyErrorKind::Syntax, message, expr.span);
            return None;
        }
        self.depth += 1;
        let ty = self.expr_inner(expr);
        self.depth -= 1;
        ty
    }

    fn expr_inner(&mut self, expr: &Expr) -> Option<Ty> {
        match &expr.kind {
            ExprKind::Lit(lit) => Some(lit_type(lit)),
            ExprKind::Fact(name) => self.fact(name, expr.span),
            ExprKind::Not(inner) => {
                self.want_bool(inner);
                Some(Ty::Bool)
            }
            ExprKind::And(l, r) | ExprKind::Or(l, r) => {
                self.want_bool(l);
                self.want_bool(r);
                Some(Ty::Bool)
            }
            ExprKind::Arith(op, l, r) => {
                let (lt, rt) = (self.expr(l)?, self.expr(r)?);
                self.arith(*op, lt, rt, expr.span)
            }
            ExprKind::Cmp(op, l, r) => {
                let (lt, rt) = (self.expr(l)?, self.expr(r)?);
                let ordered = matches!(lt, Ty::Number | Ty::Money(_)) || !op.is_ordering();
                if !ordered {
                    let message = format!(
                        "`<`, `<=`, `>`, `>=` need numbers or money, not {}",
                        lt.name()
                    );
                    self.error(PolicyErrorKind::Type, message, expr.span);
                    return Some(Ty::Bool);
                }
                self.same_type(lt, rt, expr.span)?;
                Some(Ty::Bool)
            }
            ExprKind::In { value, list, .. } => {
                self.in_list(value, list, expr.span);
                Some(Ty::Bool)
            }
        }
    }

    fn fact(&mut self, name: &str, span: Span) -> Option<Ty> {
        match fact_type(name) {
            Some(FactType::Bool) => Some(Ty::Bool),
            Some(FactType::Number) => Some(Ty::Number),
            Some(FactType::Money) => Some(Ty::Money(None)),
            Some(FactType::String) => Some(Ty::Str),
            None => {
                let message = match closest_fact(name) {
                    Some(fact) => format!("unknown fact `{name}`; did you mean `{fact}`?"),
                    None => format!("unknown fact `{name}`"),
                };
                self.error(PolicyErrorKind::UnknownFact, message, span);
                None
            }
        }
    }

    fn want_bool(&mut self, expr: &Expr) {
        if let Some(ty) = self.expr(expr) {
            if ty != Ty::Bool {
                let message = format!("expected true/false here, found {}", ty.name());
                self.error(PolicyErrorKind::Type, message, expr.span);
            }
        }
    }

    fn arith(&mut self, op: ArithOp, lt: Ty, rt: Ty, span: Span) -> Option<Ty> {
        use ArithOp::{Add, Div, Mul, Sub};
        match (op, lt, rt) {
            (_, Ty::Number, Ty::Number) => Some(Ty::Number),
            (Add | Sub, Ty::Money(a), Ty::Money(b)) => self.currency(a, b, span).map(Ty::Money),
            (Div, Ty::Money(a), Ty::Money(b)) => self.currency(a, b, span).map(|_| Ty::Number),
            (Mul | Div, Ty::Money(c), Ty::Number) | (Mul, Ty::Number, Ty::Money(c)) => {
                Some(Ty::Money(c))
            }
            (Add | Sub, Ty::Money(_), Ty::Number) | (Add | Sub, Ty::Number, Ty::Money(_)) => {
                self.error(
                    PolicyErrorKind::Type,
                    "cannot mix money and a plain number; write amounts with their currency, e.g. `100 SEK`",
                    span,
                );
                None
            }
            _ => {
                let message = format!("cannot compute with {} and {}", lt.name(), rt.name());
                self.error(PolicyErrorKind::Type, message, span);
                None
            }
        }
    }

    /// The common currency of two money types, or an error if literals fix different ones.
    fn currency(
        &mut self,
        a: Option<Currency>,
        b: Option<Currency>,
        span: Span,
    ) -> Option<Option<Currency>> {
        match (a, b) {
            (Some(x), Some(y)) if x != y => {
                let message = format!("money in {} and {} cannot be combined", x.code(), y.code());
                self.error(PolicyErrorKind::CurrencyMismatch, message, span);
                None
            }
            _ => Some(a.or(b)),
        }
    }

    /// Checks that two operands can be compared; reports money vs number and the like.
    fn same_type(&mut self, lt: Ty, rt: Ty, span: Span) -> Option<()> {
        match (lt, rt) {
            (Ty::Money(a), Ty::Money(b)) => self.currency(a, b, span).map(|_| ()),
            _ if lt == rt => Some(()),
            (Ty::Money(_), Ty::Number) | (Ty::Number, Ty::Money(_)) => {
                self.error(
                    PolicyErrorKind::Type,
                    "cannot compare money with a plain number; write the amount with its currency, e.g. `100 SEK`",
                    span,
                );
                None
            }
            _ => {
                let message = format!("cannot compare {} with {}", lt.name(), rt.name());
                self.error(PolicyErrorKind::Type, message, span);
                None
            }
        }
    }

    fn in_list(&mut self, value: &Expr, list: &[Expr], span: Span) {
        let Some(ty) = self.expr(value) else { return };
        if list.is_empty() {
            self.error(PolicyErrorKind::Type, "an empty list never matches", span);
        }
        for item in list {
            if let Some(item_ty) = self.expr(item) {
                self.same_type(ty, item_ty, item.span);
            }
        }
    }
}

fn lit_type(lit: &Lit) -> Ty {
    match lit {
        Lit::Bool(_) => Ty::Bool,
        Lit::Number(_) => Ty::Number,
        Lit::Money(m) => Ty::Money(Some(m.currency())),
        Lit::Str(_) => Ty::Str,
    }
}

/// `CREDIT_LIMIT`, `A1`: upper-case words joined by single underscores.
fn is_upper_snake(code: &str) -> bool {
    code.split('_').all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    }) && code.starts_with(|c: char| c.is_ascii_uppercase())
}
