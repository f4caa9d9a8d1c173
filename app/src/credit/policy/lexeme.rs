//! The tokens of PolicyRules: blanks and comments, keywords, punctuation, identifiers and
//! strings, each a `winnow` parser that also skips the blanks after it and reports its span.

use std::cell::Cell;

use winnow::combinator::{alt, cut_err, not, repeat, terminated};
use winnow::error::{ContextError, ErrMode, StrContext, StrContextValue};
use winnow::prelude::*;
use winnow::stream::Location;
use winnow::token::{literal, one_of, take_till, take_while};
use winnow::{LocatingSlice, Stateful};

use super::ast::Span;

/// The parser input: the source text, remembering offsets so nodes get spans, and the
/// statement's [`Budget`].
pub(super) type Input<'a> = Stateful<LocatingSlice<&'a str>, &'a Budget>;

/// How deeply parentheses and `not` may nest in one statement. The parser, the checker, the
/// evaluator and even dropping the tree recurse once per level, so without a bound a draft of
/// 100,000 `(` overflowed the stack and took the process down each time it was opened.
pub const MAX_NESTING: usize = 32;
/// How many parts (facts, literals, operators) one statement's expression may have. A chain
/// `a + a + … + a` parses in a loop but builds a tree as deep as it is long, so its length is
/// bounded too; real rules have a few dozen parts.
pub const MAX_PARTS: usize = 300;

/// What one statement has used of [`MAX_NESTING`] and [`MAX_PARTS`], and where it first ran
/// over (byte offset and message), so the error can name the line and column.
#[derive(Debug, Default)]
pub(super) struct Budget {
    depth: Cell<usize>,
    parts: Cell<usize>,
    exceeded: Cell<Option<(usize, &'static str)>>,
}

impl Budget {
    /// Where and why the statement ran over its budget, if it did.
    pub(super) fn exceeded(&self) -> Option<(usize, &'static str)> {
        self.exceeded.get()
    }

    fn fail(&self, at: usize, message: &'static str) -> ErrMode<ContextError> {
        if self.exceeded.get().is_none() {
            self.exceeded.set(Some((at, message)));
        }
        ErrMode::Cut(ContextError::new())
    }
}

/// Runs `inner` one nesting level deeper; past [`MAX_NESTING`] it is a cut error.
pub(super) fn nested<'a, T>(
    input: &mut Input<'a>,
    inner: impl FnOnce(&mut Input<'a>) -> PResult<T>,
) -> PResult<T> {
    let budget = input.state;
    if budget.depth.get() >= MAX_NESTING {
        return Err(budget.fail(
            input.current_token_start(),
            "nested too deeply: at most 32 levels of parentheses and `not`",
        ));
    }
    budget.depth.set(budget.depth.get() + 1);
    let result = inner(input);
    budget.depth.set(budget.depth.get() - 1);
    result
}

/// Counts one part of the expression; past [`MAX_PARTS`] it is a cut error.
pub(super) fn part(input: &mut Input<'_>) -> PResult<()> {
    let budget = input.state;
    if budget.parts.get() >= MAX_PARTS {
        return Err(budget.fail(
            input.current_token_start(),
            "expression too long: at most 300 facts, literals and operators in one statement",
        ));
    }
    budget.parts.set(budget.parts.get() + 1);
    Ok(())
}
/// A parser result; `Cut` errors stop alternatives from being tried.
pub(super) type PResult<T> = ModalResult<T, ContextError>;

/// Words that cannot be fact names, rule names or reason codes.
pub(super) const RESERVED: &[&str] = &[
    "and", "or", "not", "in", "true", "false", "rule", "when", "for", "ruleset", "approve",
    "reject", "refer", "country", "merchant", "product",
];

/// Error context: what the parser wanted at this point, for the message.
pub(super) fn expected(what: &'static str) -> StrContext {
    StrContext::Expected(StrContextValue::Description(what))
}

/// Error context for a missing verdict.
pub(super) fn expected_verdict() -> StrContext {
    expected("`approve`, `reject` or `refer`")
}

/// Characters of identifiers, fact names and reason codes.
pub(super) fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Skips blanks, newlines and `#` comments.
pub(super) fn ws(input: &mut Input<'_>) -> PResult<()> {
    repeat(
        0..,
        alt((
            take_while(1.., char::is_whitespace).void(),
            ('#', take_till(0.., '\n')).void(),
        )),
    )
    .parse_next(input)
}

/// Keyword `word` as a whole word, then blanks; its span.
pub(super) fn kw<'a>(word: &'static str) -> impl Parser<Input<'a>, Span, ErrMode<ContextError>> {
    terminated(
        (literal(word), not(one_of(is_ident_char)))
            .span()
            .map(Span::from),
        ws,
    )
}

/// Punctuation `text`, then blanks; its span.
pub(super) fn sym<'a>(text: &'static str) -> impl Parser<Input<'a>, Span, ErrMode<ContextError>> {
    terminated(literal(text).span().map(Span::from), ws)
}

/// An identifier (`underage`, `CREDIT_LIMIT`) that is not a keyword, then blanks.
pub(super) fn ident<'a>(input: &mut Input<'a>) -> PResult<(&'a str, Span)> {
    terminated(
        (
            one_of(|c: char| c.is_ascii_alphabetic() || c == '_'),
            take_while(0.., is_ident_char),
        )
            .take()
            .verify(|w: &str| !RESERVED.contains(&w))
            .with_span()
            .map(|(w, r)| (w, Span::from(r))),
        ws,
    )
    .parse_next(input)
}

/// `"text"` (no escapes, no line breaks), then blanks.
pub(super) fn string_lit(input: &mut Input<'_>) -> PResult<(String, Span)> {
    terminated(
        (
            '"',
            take_till(0.., ['"', '\n']),
            cut_err('"').context(expected("a closing `\"`")),
        )
            .with_span()
            .map(|((_, s, _), r): ((char, &str, char), _)| (s.to_string(), Span::from(r))),
        ws,
    )
    .parse_next(input)
}
