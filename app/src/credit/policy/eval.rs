//! The pure evaluator: (ruleset, facts) → decision, with no I/O and no panics.
//!
//! Precedence: rules are evaluated in order and the **first rule that fires decides**,
//! whatever its verdict (so an `approve` rule placed early overrides later rejections, and a
//! `reject` placed early cannot be approved away). If no rule fires, the default line
//! decides. The remaining rules are still evaluated so the decision lists every rule that
//! fired, which is what staff and backtests want to see.
//!
//! A rule that cannot be evaluated (a missing fact, a fact of the wrong type, money facts in
//! different currencies, overflow, division by zero) makes the decision
//! `refer EVALUATION_ERROR` if it comes before the deciding rule: the engine never guesses
//! in the customer's or the merchant's favour. `and`/`or` short-circuit left to right, so
//! `score.available and score.value < 300` does not read the score when there is none.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::money::{Money, MoneyError};

use super::ast::{ArithOp, CmpOp, Expr, ExprKind, Lit, Rule};
use super::decision::{Decision, Outcome, RuleError, EVALUATION_ERROR};
use super::facts::{FactValue, Facts};
use super::schema::{fact_type, FactType};
use super::Ruleset;

/// Why an expression could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// The fact was not gathered.
    #[error("fact {0} is missing")]
    MissingFact(String),
    /// The fact was gathered with another type than the schema says.
    #[error("fact {fact} should be {expected} but is {found}")]
    WrongType {
        /// The fact.
        fact: String,
        /// Its schema type.
        expected: FactType,
        /// What was supplied.
        found: FactType,
    },
    /// Money arithmetic failed (different currencies, out of range).
    #[error("{0}")]
    Money(#[from] MoneyError),
    /// A number out of range.
    #[error("number out of range")]
    Overflow,
    /// `x / 0`.
    #[error("division by zero")]
    DivisionByZero,
    /// Operands of unexpected types (only possible for a ruleset the checker did not see).
    #[error("operands of unexpected types")]
    Mismatch,
}

/// Decides on `facts` with `ruleset` (see the module documentation for the precedence).
pub fn evaluate(ruleset: &Ruleset, facts: &Facts) -> Decision {
    let mut reader = Reader {
        facts,
        used: BTreeMap::new(),
    };
    let mut decided: Option<(Outcome, String, String)> = None;
    let mut fired = Vec::new();
    let mut errors = Vec::new();
    for rule in ruleset.rules() {
        let verdict = match reader.fires(rule) {
            Ok(false) => continue,
            Ok(true) => {
                fired.push(rule.name.clone());
                (rule.verdict.outcome, rule.verdict.reason.clone())
            }
            Err(error) => {
                errors.push(RuleError {
                    rule: rule.name.clone(),
                    message: error.to_string(),
                });
                (Outcome::Refer, EVALUATION_ERROR.to_string())
            }
        };
        if decided.is_none() {
            decided = Some((verdict.0, verdict.1, rule.name.clone()));
        }
    }
    let (outcome, reason, decided_by) = match decided {
        Some((outcome, reason, rule)) => (outcome, reason, Some(rule)),
        None => {
            let default = ruleset.default_verdict();
            (default.outcome, default.reason.clone(), None)
        }
    };
    Decision {
        outcome,
        reason,
        decided_by,
        fired,
        used_facts: reader.used,
        errors,
    }
}

/// Reads facts, remembering each one read.
struct Reader<'f> {
    facts: &'f Facts,
    used: BTreeMap<String, FactValue>,
}

impl Reader<'_> {
    /// Whether `rule` applies (its scope matches) and its condition holds.
    fn fires(&mut self, rule: &Rule) -> Result<bool, EvalError> {
        for item in &rule.scope {
            match self.fact(item.kind.fact())? {
                FactValue::String(value) if value == item.value => {}
                _ => return Ok(false),
            }
        }
        self.bool(&rule.condition)
    }

    fn fact(&mut self, name: &str) -> Result<FactValue, EvalError> {
        let value = self
            .facts
            .get(name)
            .ok_or_else(|| EvalError::MissingFact(name.to_string()))?;
        let expected = fact_type(name).ok_or_else(|| EvalError::MissingFact(name.to_string()))?;
        if value.fact_type() != expected {
            return Err(EvalError::WrongType {
                fact: name.to_string(),
                expected,
                found: value.fact_type(),
            });
        }
        self.used.insert(name.to_string(), value.clone());
        Ok(value.clone())
    }

    fn bool(&mut self, expr: &Expr) -> Result<bool, EvalError> {
        match self.value(expr)? {
            FactValue::Bool(b) => Ok(b),
            _ => Err(EvalError::Mismatch),
        }
    }

    fn value(&mut self, expr: &Expr) -> Result<FactValue, EvalError> {
        Ok(match &expr.kind {
            ExprKind::Lit(lit) => lit_value(lit),
            ExprKind::Fact(name) => self.fact(name)?,
            ExprKind::Not(inner) => FactValue::Bool(!self.bool(inner)?),
            ExprKind::And(l, r) => FactValue::Bool(self.bool(l)? && self.bool(r)?),
            ExprKind::Or(l, r) => FactValue::Bool(self.bool(l)? || self.bool(r)?),
            ExprKind::Arith(op, l, r) => arith(*op, self.value(l)?, self.value(r)?)?,
            ExprKind::Cmp(op, l, r) => {
                FactValue::Bool(compare(*op, &self.value(l)?, &self.value(r)?)?)
            }
            ExprKind::In {
                value,
                list,
                negated,
            } => {
                let needle = self.value(value)?;
                let mut found = false;
                for item in list {
                    found = found || compare(CmpOp::Eq, &needle, &self.value(item)?)?;
                }
                FactValue::Bool(found != *negated)
            }
        })
    }
}

fn lit_value(lit: &Lit) -> FactValue {
    match lit {
        Lit::Bool(b) => FactValue::Bool(*b),
        Lit::Number(n) => FactValue::Number(*n),
        Lit::Money(m) => FactValue::Money(*m),
        Lit::Str(s) => FactValue::String(s.clone()),
    }
}

fn arith(op: ArithOp, left: FactValue, right: FactValue) -> Result<FactValue, EvalError> {
    use FactValue::{Money as M, Number as N};
    Ok(match (op, left, right) {
        (op, N(a), N(b)) => N(number_op(op, a, b)?),
        (ArithOp::Add, M(a), M(b)) => M(a.checked_add(b)?),
        (ArithOp::Sub, M(a), M(b)) => M(a.checked_sub(b)?),
        (ArithOp::Div, M(a), M(b)) => {
            a.checked_cmp(&b)?;
            N(number_op(ArithOp::Div, a.amount(), b.amount())?)
        }
        (ArithOp::Mul, M(m), N(n)) | (ArithOp::Mul, N(n), M(m)) | (ArithOp::Div, M(m), N(n)) => {
            M(Money::new(number_op(op, m.amount(), n)?, m.currency()))
        }
        _ => return Err(EvalError::Mismatch),
    })
}

fn number_op(op: ArithOp, a: Decimal, b: Decimal) -> Result<Decimal, EvalError> {
    let result = match op {
        ArithOp::Add => a.checked_add(b),
        ArithOp::Sub => a.checked_sub(b),
        ArithOp::Mul => a.checked_mul(b),
        ArithOp::Div if b.is_zero() => return Err(EvalError::DivisionByZero),
        ArithOp::Div => a.checked_div(b),
    };
    result.ok_or(EvalError::Overflow)
}

fn compare(op: CmpOp, left: &FactValue, right: &FactValue) -> Result<bool, EvalError> {
    let order = match (left, right) {
        (FactValue::Number(a), FactValue::Number(b)) => a.cmp(b),
        (FactValue::Money(a), FactValue::Money(b)) => a.checked_cmp(b)?,
        (FactValue::String(a), FactValue::String(b)) if !op.is_ordering() => a.cmp(b),
        (FactValue::Bool(a), FactValue::Bool(b)) if !op.is_ordering() => a.cmp(b),
        _ => return Err(EvalError::Mismatch),
    };
    Ok(match op {
        CmpOp::Eq => order == Ordering::Equal,
        CmpOp::Ne => order != Ordering::Equal,
        CmpOp::Lt => order == Ordering::Less,
        CmpOp::Le => order != Ordering::Greater,
        CmpOp::Gt => order == Ordering::Greater,
        CmpOp::Ge => order != Ordering::Less,
    })
}
