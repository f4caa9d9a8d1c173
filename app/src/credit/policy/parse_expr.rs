//! The expression grammar of PolicyRules, loosest binding first: `or`, `and`, `not`,
//! comparisons and `in`, `+ -`, `* /`, then literals, facts and parentheses.

use rust_decimal::Decimal;
use winnow::combinator::{alt, cut_err, opt, peek, preceded, repeat, separated, terminated};
use winnow::prelude::*;
use winnow::token::{one_of, take_while};

use crate::money::{Currency, Money};

use super::ast::{ArithOp, CmpOp, Expr, ExprKind, Lit, Span};
use super::lexeme::{
    expected, is_ident_char, kw, nested, part, string_lit, sym, ws, Input, PResult, RESERVED,
};

/// An expression: `or` binds loosest, then `and`, `not`, comparisons, `+ -`, `* /`.
pub(super) fn expr(input: &mut Input<'_>) -> PResult<Expr> {
    let mut left = and_expr(input)?;
    while opt(kw("or")).parse_next(input)?.is_some() {
        part(input)?;
        let right = cut_err(and_expr).parse_next(input)?;
        left = binary(left, right, ExprKind::Or);
    }
    Ok(left)
}

fn and_expr(input: &mut Input<'_>) -> PResult<Expr> {
    let mut left = not_expr(input)?;
    while opt(kw("and")).parse_next(input)?.is_some() {
        part(input)?;
        let right = cut_err(not_expr).parse_next(input)?;
        left = binary(left, right, ExprKind::And);
    }
    Ok(left)
}

fn not_expr(input: &mut Input<'_>) -> PResult<Expr> {
    match opt(kw("not")).parse_next(input)? {
        Some(span) => {
            part(input)?;
            let inner = nested(input, |input| cut_err(not_expr).parse_next(input))?;
            Ok(Expr {
                span: span.join(inner.span),
                kind: ExprKind::Not(Box::new(inner)),
            })
        }
        None => cmp_expr(input),
    }
}

/// `a OP b`, `a in [..]`, `a not in [..]`, or just `a` (comparisons do not chain).
fn cmp_expr(input: &mut Input<'_>) -> PResult<Expr> {
    let left = sum(input)?;
    if let Some(op) = opt(cmp_op).parse_next(input)? {
        part(input)?;
        let right = cut_err(sum).parse_next(input)?;
        return Ok(binary(left, right, |l, r| ExprKind::Cmp(op, l, r)));
    }
    let negated = opt(alt((
        kw("in").value(false),
        (kw("not"), kw("in")).value(true),
    )))
    .parse_next(input)?;
    let Some(negated) = negated else {
        return Ok(left);
    };
    part(input)?;
    let (list, list_span) = cut_err(list).parse_next(input)?;
    Ok(Expr {
        span: left.span.join(list_span),
        kind: ExprKind::In {
            value: Box::new(left),
            list,
            negated,
        },
    })
}

fn cmp_op(input: &mut Input<'_>) -> PResult<CmpOp> {
    alt((
        sym("<=").value(CmpOp::Le),
        sym(">=").value(CmpOp::Ge),
        sym("!=").value(CmpOp::Ne),
        sym("<").value(CmpOp::Lt),
        sym(">").value(CmpOp::Gt),
        sym("=").value(CmpOp::Eq),
    ))
    .parse_next(input)
}

/// `[lit, lit, …]`.
fn list(input: &mut Input<'_>) -> PResult<(Vec<Expr>, Span)> {
    let open = sym("[").parse_next(input)?;
    let item = |input: &mut Input<'_>| {
        let item = literal_expr(input)?;
        part(input)?;
        Ok(item)
    };
    let items: Vec<Expr> = separated(0.., item, sym(",")).parse_next(input)?;
    let close = cut_err(sym("]"))
        .context(expected("`,` or `]`"))
        .parse_next(input)?;
    Ok((items, open.join(close)))
}

fn sum(input: &mut Input<'_>) -> PResult<Expr> {
    let mut left = product(input)?;
    while let Some(op) = opt(alt((
        sym("+").value(ArithOp::Add),
        sym("-").value(ArithOp::Sub),
    )))
    .parse_next(input)?
    {
        part(input)?;
        let right = cut_err(product).parse_next(input)?;
        left = binary(left, right, |l, r| ExprKind::Arith(op, l, r));
    }
    Ok(left)
}

fn product(input: &mut Input<'_>) -> PResult<Expr> {
    let mut left = atom(input)?;
    while let Some(op) = opt(alt((
        sym("*").value(ArithOp::Mul),
        sym("/").value(ArithOp::Div),
    )))
    .parse_next(input)?
    {
        part(input)?;
        let right = cut_err(atom).parse_next(input)?;
        left = binary(left, right, |l, r| ExprKind::Arith(op, l, r));
    }
    Ok(left)
}

fn binary(left: Expr, right: Expr, kind: impl FnOnce(Box<Expr>, Box<Expr>) -> ExprKind) -> Expr {
    Expr {
        span: left.span.join(right.span),
        kind: kind(Box::new(left), Box::new(right)),
    }
}

/// A literal, a fact or a parenthesised expression.
fn atom(input: &mut Input<'_>) -> PResult<Expr> {
    let atom = alt((paren, literal_expr, fact))
        .context(expected(
            "an expression (a fact, a number, an amount like `100 SEK`, a \"string\", `true`/`false` or `(`)",
        ))
        .parse_next(input)?;
    part(input)?;
    Ok(atom)
}

fn paren(input: &mut Input<'_>) -> PResult<Expr> {
    let open = sym("(").parse_next(input)?;
    let inner = nested(input, |input| cut_err(expr).parse_next(input))?;
    let close = cut_err(sym(")").context(expected("`)`"))).parse_next(input)?;
    Ok(Expr {
        span: open.join(close),
        kind: inner.kind,
    })
}

fn literal_expr(input: &mut Input<'_>) -> PResult<Expr> {
    let lit = |kind: Lit, span: Span| Expr {
        kind: ExprKind::Lit(kind),
        span,
    };
    alt((
        number_or_money,
        string_lit.map(move |(s, span)| lit(Lit::Str(s), span)),
        kw("true").map(move |span| lit(Lit::Bool(true), span)),
        kw("false").map(move |span| lit(Lit::Bool(false), span)),
    ))
    .parse_next(input)
}

/// `18`, `-0.5`, or an amount `25000 SEK` (any upper-case word after a number must be a
/// currency, so `100 USD` is an error rather than a number followed by garbage).
fn number_or_money(input: &mut Input<'_>) -> PResult<Expr> {
    let (number, span) = terminated(
        (
            opt('-'),
            take_while(1.., |c: char| c.is_ascii_digit()),
            opt(('.', take_while(1.., |c: char| c.is_ascii_digit()))),
        )
            .take()
            .try_map(Decimal::from_str_exact)
            .with_span()
            .map(|(n, r)| (n, Span::from(r))),
        ws,
    )
    .parse_next(input)?;
    let currency = opt(preceded(peek(one_of('A'..='Z')), cut_err(currency))).parse_next(input)?;
    Ok(match currency {
        Some((currency, cspan)) => Expr {
            kind: ExprKind::Lit(Lit::Money(Money::new(number, currency))),
            span: span.join(cspan),
        },
        None => Expr {
            kind: ExprKind::Lit(Lit::Number(number)),
            span,
        },
    })
}

fn currency(input: &mut Input<'_>) -> PResult<(Currency, Span)> {
    terminated(
        take_while(1.., is_ident_char)
            .verify_map(Currency::parse)
            .with_span()
            .map(|(c, r)| (c, Span::from(r))),
        ws,
    )
    .context(expected("a currency: SEK, NOK, DKK or EUR"))
    .parse_next(input)
}

/// `customer.age`: dotted words; the checker decides whether the schema knows it.
fn fact(input: &mut Input<'_>) -> PResult<Expr> {
    let word = || {
        (
            one_of(|c: char| c.is_ascii_alphabetic() || c == '_'),
            take_while(0.., is_ident_char),
        )
    };
    terminated(
        (word(), repeat::<_, _, (), _, _>(0.., ('.', word())))
            .take()
            .verify(|w: &str| !RESERVED.contains(&w))
            .with_span()
            .map(|(w, r): (&str, _)| Expr {
                kind: ExprKind::Fact(w.to_string()),
                span: Span::from(r),
            }),
        ws,
    )
    .parse_next(input)
}
