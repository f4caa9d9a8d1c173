//! The tokens of PolicyRules: blanks and comments, keywords, punctuation, identifiers and
//! strings, each a `winnow` parser that also skips the blanks after it and reports its span.

use winnow::combinator::{alt, cut_err, not, repeat, terminated};
use winnow::error::{ContextError, ErrMode, StrContext, StrContextValue};
use winnow::prelude::*;
use winnow::token::{literal, one_of, take_till, take_while};
use winnow::LocatingSlice;

use super::ast::Span;

/// The parser input: the source text, remembering offsets so nodes get spans.
pub(super) type Input<'a> = LocatingSlice<&'a str>;
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
