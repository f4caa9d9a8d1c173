//! The PolicyRules parser, built with `winnow` over a location-tracking input so every node
//! gets its byte span.
//!
//! The source is first cut into statements: a statement starts on a line whose first
//! character is not blank (and not `#`); indented lines continue it. Each statement is then
//! parsed on its own, which lets one compile report a syntax error in every broken statement
//! instead of stopping at the first.

use winnow::combinator::{alt, cut_err, opt, preceded, repeat};
use winnow::error::{ContextError, ErrMode, StrContext, StrContextValue};
use winnow::prelude::*;
use winnow::stream::{Location, Stream};
use winnow::{LocatingSlice, Stateful};

use super::ast::{Header, Rule, ScopeItem, ScopeKind, Span, Statement, Verdict};
use super::decision::{Outcome, APPROVED};
use super::error::{line_col, PolicyError, PolicyErrorKind};
use super::lexeme::{
    expected, expected_verdict, ident, is_ident_char, kw, string_lit, sym, ws, Budget, Input,
    PResult,
};
use super::parse_expr::expr;

/// Parses every statement of `source`; syntax errors are collected, one per broken statement.
pub fn parse_statements(source: &str) -> (Vec<Statement>, Vec<PolicyError>) {
    let mut statements = Vec::new();
    let mut errors = Vec::new();
    for (start, end) in statement_ranges(source) {
        match parse_chunk(source, start, end) {
            Ok(Some(statement)) => statements.push(statement),
            Ok(None) => {}
            Err(error) => errors.push(error),
        }
    }
    (statements, errors)
}

/// Byte ranges of the statements: each starts at an unindented, non-comment line.
fn statement_ranges(source: &str) -> Vec<(usize, usize)> {
    let mut starts = vec![0];
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let starts_statement = line
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#');
        if starts_statement && offset > 0 {
            starts.push(offset);
        }
        offset += line.len();
    }
    let ends = starts.iter().skip(1).copied().chain([source.len()]);
    starts.iter().copied().zip(ends).collect()
}

/// Parses one statement in `source[start..end]`; `None` if it is only blanks and comments.
fn parse_chunk(source: &str, start: usize, end: usize) -> Result<Option<Statement>, PolicyError> {
    let budget = Budget::default();
    let mut input = Stateful {
        input: LocatingSlice::new(&source[..end]),
        state: &budget,
    };
    input.next_slice(start);
    let syntax = |input: &Input<'_>, message: String| {
        if let Some((at, limit)) = budget.exceeded() {
            let span = Span::new(at, at + next_token_len(&source[at..end]));
            return PolicyError::new(PolicyErrorKind::Syntax, limit, span, source);
        }
        let at = after_last_token(source, start, input.current_token_start(), end);
        let span = Span::new(at, at + next_token_len(&source[at..end]));
        PolicyError::new(PolicyErrorKind::Syntax, message, span, source)
    };
    ws.parse_next(&mut input)
        .map_err(|e| syntax(&input, describe(&e)))?;
    if input.eof_offset() == 0 {
        return Ok(None);
    }
    let mut statement = statement
        .parse_next(&mut input)
        .map_err(|e| syntax(&input, describe(&e)))?;
    if input.eof_offset() != 0 {
        let found = &source[input.current_token_start()..end];
        let word = &found[..next_token_len(found)];
        return Err(syntax(
            &input,
            format!("unexpected `{word}`: expected an operator, `and`, `or` or the end of the statement"),
        ));
    }
    if let Statement::Rule(rule) = &mut statement {
        if rule.name.is_empty() {
            rule.name = format!("when_line_{}", line_col(source, rule.name_span.start).0);
        }
    }
    Ok(Some(statement))
}

/// Where an error at `at` should point: there, unless only blanks and comments follow, in
/// which case just after the statement's last token (so "expected an expression" after
/// `customer.age <` points at the end of that line, not at the next statement).
fn after_last_token(source: &str, start: usize, at: usize, end: usize) -> usize {
    let rest = &source[at..end];
    let only_trivia = rest
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    if only_trivia {
        start + source[start..at].trim_end().len()
    } else {
        at
    }
}

/// The length in bytes of the token at the start of `text`, for the caret's width.
fn next_token_len(text: &str) -> usize {
    let word: usize = text
        .chars()
        .take_while(|c| is_ident_char(*c))
        .map(char::len_utf8)
        .sum();
    if word > 0 {
        word
    } else {
        text.chars().next().map_or(0, char::len_utf8)
    }
}

/// A readable message from winnow's accumulated context.
fn describe(error: &ErrMode<ContextError>) -> String {
    let context: Vec<&StrContext> = match error {
        ErrMode::Backtrack(e) | ErrMode::Cut(e) => e.context().collect(),
        _ => Vec::new(),
    };
    let expected: Vec<String> = context
        .iter()
        .filter_map(|c| match c {
            StrContext::Expected(StrContextValue::StringLiteral(s)) => Some(format!("`{s}`")),
            StrContext::Expected(StrContextValue::CharLiteral(c)) => Some(format!("`{c}`")),
            StrContext::Expected(StrContextValue::Description(d)) => Some((*d).to_string()),
            _ => None,
        })
        .collect();
    match expected.first() {
        Some(first) => format!("expected {first}"),
        None => "syntax error".to_string(),
    }
}

/// One top-level statement.
fn statement(input: &mut Input<'_>) -> PResult<Statement> {
    alt((
        preceded(kw("ruleset"), cut_err(header)),
        preceded(kw("rule"), cut_err(named_rule)),
        when_rule,
        verdict_line,
    ))
    .context(expected(
        "a statement: `rule`, `when`, `ruleset` or a final `approve`/`reject`/`refer`",
    ))
    .parse_next(input)
}

/// `"name" [for …]` after `ruleset`.
fn header(input: &mut Input<'_>) -> PResult<Statement> {
    let (name, span) = string_lit
        .context(expected("the ruleset's name in quotes"))
        .parse_next(input)?;
    let scope = opt(preceded(kw("for"), cut_err(scope_items))).parse_next(input)?;
    Ok(Statement::Header(Header {
        name,
        scope: scope.unwrap_or_default(),
        span,
    }))
}

/// `NAME [for …]: VERDICT when EXPR` after `rule`.
fn named_rule(input: &mut Input<'_>) -> PResult<Statement> {
    let (name, name_span) = ident.context(expected("a rule name")).parse_next(input)?;
    let scope = opt(preceded(kw("for"), cut_err(scope_items))).parse_next(input)?;
    sym(":").context(expected("`:`")).parse_next(input)?;
    let verdict = verdict.context(expected_verdict()).parse_next(input)?;
    kw("when").context(expected("`when`")).parse_next(input)?;
    let condition = expr.parse_next(input)?;
    Ok(Statement::Rule(Rule {
        name: name.to_string(),
        name_span,
        scope: scope.unwrap_or_default(),
        verdict,
        condition,
    }))
}

/// `when EXPR: VERDICT`, a rule without a name (named `when_line_N` after parsing).
fn when_rule(input: &mut Input<'_>) -> PResult<Statement> {
    let name_span = kw("when").parse_next(input)?;
    let condition = cut_err(expr).parse_next(input)?;
    cut_err(sym(":").context(expected("`:`"))).parse_next(input)?;
    let verdict = cut_err(verdict.context(expected_verdict())).parse_next(input)?;
    Ok(Statement::Rule(Rule {
        name: String::new(),
        name_span,
        scope: Vec::new(),
        verdict,
        condition,
    }))
}

/// A bare verdict: the default line, or `VERDICT when EXPR` as an unnamed rule.
fn verdict_line(input: &mut Input<'_>) -> PResult<Statement> {
    let verdict = verdict.parse_next(input)?;
    match opt(kw("when")).parse_next(input)? {
        None => {
            let span = verdict.reason_span;
            Ok(Statement::Default(verdict, span))
        }
        Some(name_span) => Ok(Statement::Rule(Rule {
            name: String::new(),
            name_span,
            scope: Vec::new(),
            verdict,
            condition: cut_err(expr).parse_next(input)?,
        })),
    }
}

/// `approve [CODE]`, `reject CODE` or `refer CODE`.
fn verdict(input: &mut Input<'_>) -> PResult<Verdict> {
    let code = || cut_err(ident.context(expected("a reason code like CREDIT_LIMIT")));
    let (outcome, keyword) = alt((
        kw("approve").map(|s| (Outcome::Approve, s)),
        kw("reject").map(|s| (Outcome::Reject, s)),
        kw("refer").map(|s| (Outcome::Refer, s)),
    ))
    .parse_next(input)?;
    let reason = match outcome {
        Outcome::Approve => opt(ident).parse_next(input)?,
        Outcome::Reject | Outcome::Refer => Some(code().parse_next(input)?),
    };
    let (reason, reason_span) = reason.unwrap_or((APPROVED, keyword));
    Ok(Verdict {
        outcome,
        reason: reason.to_string(),
        reason_span,
    })
}

/// `country SE`, `merchant "m-1"`, `product invoice`, one or more.
fn scope_items(input: &mut Input<'_>) -> PResult<Vec<ScopeItem>> {
    let item = |input: &mut Input<'_>| -> PResult<ScopeItem> {
        let kind = alt((
            kw("country").value(ScopeKind::Country),
            kw("merchant").value(ScopeKind::Merchant),
            kw("product").value(ScopeKind::Product),
        ))
        .context(expected("`country`, `merchant` or `product`"))
        .parse_next(input)?;
        let (value, span) = cut_err(alt((string_lit, ident.map(|(w, s)| (w.to_string(), s)))))
            .context(expected("a value (a word or a \"string\")"))
            .parse_next(input)?;
        Ok(ScopeItem { kind, value, span })
    };
    repeat(1.., item).parse_next(input)
}
