//! Compile errors of a PolicyRules source, with line, column and a caret snippet, so the
//! editor can show them at the right line and the CLI can print them readably.

use serde::{Deserialize, Serialize};

use super::ast::Span;

/// What kind of mistake a [`PolicyError`] is; `code()` is stable for the UI and translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicyErrorKind {
    /// The text does not follow the grammar.
    Syntax,
    /// A fact that is not in the schema.
    UnknownFact,
    /// Operand types that do not fit the operator (money vs number, bool where needed, …).
    Type,
    /// Two money literals (or a literal and a literal-typed result) in different currencies.
    CurrencyMismatch,
    /// Two rules with the same name.
    DuplicateRule,
    /// No final default line, or more than one, or statements after it.
    Default,
    /// A reason code that is not UPPER_SNAKE.
    ReasonCode,
    /// A malformed `for` scope or `ruleset` header.
    Scope,
}

impl PolicyErrorKind {
    /// The stable error code, also the Fluent message id.
    pub fn code(self) -> &'static str {
        match self {
            PolicyErrorKind::Syntax => "POLICY_SYNTAX",
            PolicyErrorKind::UnknownFact => "POLICY_UNKNOWN_FACT",
            PolicyErrorKind::Type => "POLICY_TYPE",
            PolicyErrorKind::CurrencyMismatch => "POLICY_CURRENCY_MISMATCH",
            PolicyErrorKind::DuplicateRule => "POLICY_DUPLICATE_RULE",
            PolicyErrorKind::Default => "POLICY_DEFAULT",
            PolicyErrorKind::ReasonCode => "POLICY_REASON_CODE",
            PolicyErrorKind::Scope => "POLICY_SCOPE",
        }
    }
}

/// A compile error at a position in the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct PolicyError {
    /// What kind of mistake.
    pub kind: PolicyErrorKind,
    /// For people: what is wrong and, where possible, what was expected.
    pub message: String,
    /// Where, in bytes.
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column (in characters) of `span.start`.
    pub column: usize,
}

impl PolicyError {
    /// An error of `kind` at `span` in `source`.
    pub fn new(
        kind: PolicyErrorKind,
        message: impl Into<String>,
        span: Span,
        source: &str,
    ) -> PolicyError {
        let (line, column) = line_col(source, span.start);
        PolicyError {
            kind,
            message: message.into(),
            span,
            line,
            column,
        }
    }

    /// The error with the offending line and a caret under the span:
    ///
    /// ```text
    /// error: unknown fact `customer.agee`
    ///  --> line 3, column 37
    ///   |
    /// 3 | rule underage: reject UNDERAGE when customer.agee < 18
    ///   |                                     ^^^^^^^^^^^^^
    /// ```
    pub fn render(&self, source: &str) -> String {
        let line_text = source.lines().nth(self.line - 1).unwrap_or("");
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        let carets = "^".repeat(caret_width(line_text, self.column, self.span));
        let indent = " ".repeat(self.column - 1);
        format!(
            "error: {}\n{pad}--> line {}, column {}\n{pad} |\n{number} | {line_text}\n{pad} | {indent}{carets}\n",
            self.message, self.line, self.column
        )
    }
}

/// 1-based line and character column of byte `offset` (clamped to the source).
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// How many carets: the span's characters on its first line, at least one.
fn caret_width(line_text: &str, column: usize, span: Span) -> usize {
    let rest: String = line_text.chars().skip(column - 1).collect();
    let wanted = span.end.saturating_sub(span.start);
    let mut width = 0;
    let mut bytes = 0;
    for c in rest.chars() {
        if bytes >= wanted {
            break;
        }
        bytes += c.len_utf8();
        width += 1;
    }
    width.max(1)
}
