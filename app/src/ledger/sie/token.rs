//! Splits one SIE line into fields (bare words, quoted strings, `{…}` object lists) and reads
//! them as typed values.
//!
//! Follows the SIE grammar rather than our writer's habits, so it also reads files from other
//! programs: fields separated by spaces or tabs, `\"` inside quotes is a quote, and a backslash
//! before anything else is kept as written (real files contain texts like `"1820\A012 Cykel"`).

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::SieError;

/// One field of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// A bare word or a quoted string, unquoted and unescaped.
    Text(String),
    /// An object list `{dim "obj" …}`, as its fields.
    List(Vec<String>),
}

/// The fields of one line; `line` is only for error messages.
pub(super) fn tokenize(text: &str, line: usize) -> Result<Vec<Token>, SieError> {
    let mut chars = text.chars().peekable();
    let mut tokens = Vec::new();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' | '\t' => {
                chars.next();
            }
            '"' => {
                chars.next();
                tokens.push(Token::Text(quoted(&mut chars, line)?));
            }
            '{' => {
                chars.next();
                tokens.push(Token::List(list(&mut chars, line)?));
            }
            _ => tokens.push(Token::Text(bare(&mut chars))),
        }
    }
    Ok(tokens)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// The rest of a quoted string, after its opening quote.
fn quoted(chars: &mut Chars<'_>, line: usize) -> Result<String, SieError> {
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Ok(out),
            '\\' => match chars.peek() {
                Some(&next @ ('"' | '\\')) => {
                    out.push(next);
                    chars.next();
                }
                _ => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    Err(SieError::UnterminatedString { line })
}

/// The fields of an object list, after its `{`.
fn list(chars: &mut Chars<'_>, line: usize) -> Result<Vec<String>, SieError> {
    let mut fields = Vec::new();
    while let Some(&c) = chars.peek() {
        match c {
            '}' => {
                chars.next();
                return Ok(fields);
            }
            ' ' | '\t' => {
                chars.next();
            }
            '"' => {
                chars.next();
                fields.push(quoted(chars, line)?);
            }
            _ => fields.push(bare(chars)),
        }
    }
    Err(SieError::InvalidField {
        line,
        record: String::new(),
        field: "object list",
        value: "a `{` without its `}`".to_owned(),
    })
}

/// A bare word: everything up to whitespace, a quote or a brace.
fn bare(chars: &mut Chars<'_>) -> String {
    let mut out = String::new();
    while let Some(&c) = chars.peek() {
        if matches!(c, ' ' | '\t' | '"' | '{' | '}') {
            break;
        }
        out.push(c);
        chars.next();
    }
    if out.is_empty() {
        // A stray `}`: keep it as a field of its own so the loop always advances.
        if let Some(c) = chars.next() {
            out.push(c);
        }
    }
    out
}

/// Typed access to a record's fields, with errors naming the line, record and field.
pub(super) struct Fields<'a> {
    /// The record's fields, its label first.
    pub(super) tokens: &'a [Token],
    /// The label, upper-cased.
    pub(super) label: &'a str,
    /// 1-based line number.
    pub(super) line: usize,
}

impl Fields<'_> {
    pub(super) fn invalid(&self, field: &'static str, value: &str) -> SieError {
        SieError::InvalidField {
            line: self.line,
            record: self.label.to_owned(),
            field,
            value: value.to_owned(),
        }
    }

    pub(super) fn optional_text(&self, i: usize) -> Option<String> {
        match self.tokens.get(i) {
            Some(Token::Text(t)) => Some(t.clone()),
            _ => None,
        }
    }

    pub(super) fn text(&self, i: usize, field: &'static str) -> Result<String, SieError> {
        match self.tokens.get(i) {
            Some(Token::Text(t)) => Ok(t.clone()),
            Some(Token::List(_)) => Err(self.invalid(field, "{…}")),
            None => Err(SieError::MissingField {
                line: self.line,
                record: self.label.to_owned(),
                field,
            }),
        }
    }

    pub(super) fn number<T: FromStr>(&self, i: usize, field: &'static str) -> Result<T, SieError> {
        let t = self.text(i, field)?;
        t.parse().map_err(|_| self.invalid(field, &t))
    }

    pub(super) fn amount(&self, i: usize) -> Result<Decimal, SieError> {
        let t = self.text(i, "amount")?;
        // Decimal's parser also takes `_` separators; SIE amounts are digits, `-` and `.` only.
        let plain = t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '.');
        match Decimal::from_str(&t) {
            Ok(amount) if plain => Ok(amount),
            _ => Err(self.invalid("amount", &t)),
        }
    }

    pub(super) fn date(&self, i: usize, field: &'static str) -> Result<NaiveDate, SieError> {
        let t = self.text(i, field)?;
        parse_date(&t).ok_or_else(|| self.invalid(field, &t))
    }

    /// A date that may be missing or written as `""`.
    pub(super) fn optional_date(&self, i: usize) -> Result<Option<NaiveDate>, SieError> {
        match self.optional_text(i) {
            None => Ok(None),
            Some(t) if t.is_empty() => Ok(None),
            Some(t) => parse_date(&t)
                .map(Some)
                .ok_or_else(|| self.invalid("date", &t)),
        }
    }
}

/// `yyyymmdd`, exactly eight digits.
fn parse_date(t: &str) -> Option<NaiveDate> {
    if t.len() != 8 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(t, "%Y%m%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Token {
        Token::Text(s.to_owned())
    }

    #[test]
    fn splits_bare_quoted_and_lists() {
        let tokens =
            tokenize("#TRANS 1229  {} -133 20090731 \"1820\\A012 Cykel\" ", 1).expect("valid line");
        assert_eq!(
            tokens,
            [
                text("#TRANS"),
                text("1229"),
                Token::List(vec![]),
                text("-133"),
                text("20090731"),
                text("1820\\A012 Cykel"),
            ]
        );
    }

    #[test]
    fn reads_escapes_and_object_lists() {
        let tokens = tokenize("#X \"a \\\"b\\\" c\\\\\" {1 \"7\" 6 \"A 1\"}\t\"\"", 1).expect("ok");
        assert_eq!(
            tokens,
            [
                text("#X"),
                text("a \"b\" c\\"),
                Token::List(vec!["1".into(), "7".into(), "6".into(), "A 1".into()]),
                text(""),
            ]
        );
    }

    #[test]
    fn unterminated_strings_and_lists_are_errors() {
        assert_eq!(
            tokenize("#FNAMN \"Kreditor AB", 3),
            Err(SieError::UnterminatedString { line: 3 })
        );
        assert!(tokenize("#TRANS 1510 {1 \"2\" 100", 4).is_err());
    }
}
