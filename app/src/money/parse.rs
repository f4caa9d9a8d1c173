//! Reading an amount a person typed in a form, in the UI language: lenient about what people
//! really type (`1234,5`, `1 234,50 kr`, `€1,234.50`), strict about anything that could be
//! read two ways, because a misread amount is money sent to the wrong place.

use rust_decimal::Decimal;

use super::format::separators;
use super::{Currency, Money, MoneyError, ParseReason};
use crate::i18n::Lang;

impl Money {
    /// The amount in `text`, written as a person using `lang` writes it, in `currency`.
    ///
    /// Accepts a leading minus (also `−`), thousands separators in their right places (spaces,
    /// no-break and thin spaces; in English also commas, in Danish and German also points),
    /// the language's decimal separator
    /// with up to the currency's decimals, and a currency code or sign before or after the
    /// number (`kr` counts for all three crowns). Refuses, with a [`ParseReason`], anything
    /// ambiguous or malformed: `1,2,3`, `12.345,6` in English, `12.50` in Swedish, letters,
    /// fractions of öre, or a currency sign that is not `currency`.
    pub fn parse(text: &str, currency: Currency, lang: Lang) -> Result<Money, MoneyError> {
        parse_amount(text, currency, lang)
            .map(|amount| Money::new(amount, currency))
            .map_err(|reason| MoneyError::parse(text, reason))
    }
}

fn parse_amount(text: &str, currency: Currency, lang: Lang) -> Result<Decimal, ParseReason> {
    let mut rest = text.trim();
    let mut negative = false;
    let mut has_marker = false;
    // Sign and currency may come in either order at the front: `-€5` and `SEK -5`.
    if let Some(r) = strip_minus(rest) {
        negative = true;
        rest = r.trim_start();
    }
    if let Some((marker, r)) = leading_marker(rest) {
        check_marker(marker, currency)?;
        has_marker = true;
        rest = r.trim_start();
    }
    if let Some(r) = strip_minus(rest) {
        if negative {
            return Err(ParseReason::MisplacedMinus);
        }
        negative = true;
        rest = r.trim_start();
    }
    // Danish writes its crown `kr.`; the point belongs to the sign, not to the number.
    if let Some(r) = rest.strip_suffix('.').filter(|r| {
        r.len() >= 2
            && r.is_char_boundary(r.len() - 2)
            && r[r.len() - 2..].eq_ignore_ascii_case("kr")
    }) {
        rest = r;
    }
    if let Some((r, marker)) = trailing_marker(rest) {
        if has_marker {
            return Err(ParseReason::DuplicateCurrency);
        }
        check_marker(marker, currency)?;
        rest = r.trim_end();
    }
    let amount = parse_number(rest, currency, lang)?;
    Ok(if negative { -amount } else { amount })
}

fn strip_minus(text: &str) -> Option<&str> {
    text.strip_prefix(['-', '\u{2212}'])
}

/// Letters and currency signs: the characters of `kr`, `SEK`, `€`.
fn is_marker_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '€' | '$' | '£' | '¥' | '¤' | '¢' | '₹' | '₽' | '₩' | '₺')
}

/// Whether a character separates thousands in `lang`: any space, and the language's own
/// separator (`,` in English, `.` in Danish and German).
fn group_test(lang: Lang) -> impl Fn(char) -> bool {
    let (group, _) = separators(lang);
    move |c| is_space_separator(c) || c == group
}

/// Spaces people and formatters put between thousands.
fn is_space_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

fn leading_marker(text: &str) -> Option<(&str, &str)> {
    let end = text
        .char_indices()
        .find(|&(_, c)| !is_marker_char(c))
        .map_or(text.len(), |(i, _)| i);
    (end > 0).then(|| text.split_at(end))
}

fn trailing_marker(text: &str) -> Option<(&str, &str)> {
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_marker_char(c))
        .last()
        .map(|(i, _)| i)?;
    Some(text.split_at(start))
}

/// Whether a typed currency code or sign fits `currency`.
fn check_marker(marker: &str, currency: Currency) -> Result<(), ParseReason> {
    let fits: &[Currency] = if marker.eq_ignore_ascii_case("kr") {
        &[Currency::Sek, Currency::Nok, Currency::Dkk]
    } else if marker == "€" {
        &[Currency::Eur]
    } else {
        match Currency::parse(marker) {
            Some(Currency::Sek) => &[Currency::Sek],
            Some(Currency::Nok) => &[Currency::Nok],
            Some(Currency::Dkk) => &[Currency::Dkk],
            Some(Currency::Eur) => &[Currency::Eur],
            None => return Err(ParseReason::UnknownCurrency(marker.to_string())),
        }
    };
    if fits.contains(&currency) {
        Ok(())
    } else {
        Err(ParseReason::WrongCurrency(marker.to_string()))
    }
}

/// The unsigned number: groups of digits, then optionally the decimal separator and decimals.
fn parse_number(text: &str, currency: Currency, lang: Lang) -> Result<Decimal, ParseReason> {
    if text.is_empty() {
        return Err(ParseReason::Empty);
    }
    let (_, point) = separators(lang);
    let is_group = group_test(lang);
    if let Some(c) = text
        .chars()
        .find(|&c| !c.is_ascii_digit() && c != point && !is_group(c))
    {
        return Err(match c {
            '.' if point == ',' => ParseReason::WrongDecimalSeparator,
            '-' | '\u{2212}' => ParseReason::MisplacedMinus,
            _ => ParseReason::InvalidCharacter(c),
        });
    }
    let mut pieces = text.split(point);
    let int_part = pieces.next().unwrap_or("");
    let frac_part = pieces.next();
    if pieces.next().is_some() {
        return Err(ParseReason::MultipleDecimalSeparators);
    }
    let frac = match frac_part {
        None => "",
        Some(f) if f.chars().any(is_group) => return Err(ParseReason::MisplacedGroupSeparator),
        Some(f) if f.is_empty() || int_part.is_empty() => return Err(ParseReason::MissingDigits),
        Some(f) if f.len() > currency.minor_units() as usize => {
            return Err(ParseReason::TooManyDecimals {
                allowed: currency.minor_units(),
            })
        }
        Some(f) => f,
    };
    let int_digits = ungroup(int_part, lang)?;
    to_decimal(&int_digits, frac, currency)
}

/// The integer digits without thousands separators, if these sit between groups of three.
fn ungroup(int_part: &str, lang: Lang) -> Result<String, ParseReason> {
    let is_group = group_test(lang);
    let groups: Vec<&str> = int_part.split(is_group).collect();
    let (group, _) = separators(lang);
    let mixed = !is_space_separator(group)
        && int_part.contains(group)
        && int_part.chars().any(is_space_separator);
    let well_placed = match groups.split_first() {
        Some((first, rest)) => (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3),
        None => false,
    };
    if groups.len() > 1 && (mixed || !well_placed) {
        return Err(ParseReason::MisplacedGroupSeparator);
    }
    Ok(groups.concat())
}

/// `int_digits.frac_digits` as an exact decimal with the currency's scale.
fn to_decimal(int_digits: &str, frac: &str, currency: Currency) -> Result<Decimal, ParseReason> {
    let mut mantissa: i128 = 0;
    for c in int_digits.chars().chain(frac.chars()) {
        let digit = i128::from(c.to_digit(10).ok_or(ParseReason::InvalidCharacter(c))?);
        mantissa = mantissa
            .checked_mul(10)
            .and_then(|m| m.checked_add(digit))
            .ok_or(ParseReason::OutOfRange)?;
    }
    let scale = u32::try_from(frac.len()).map_err(|_| ParseReason::OutOfRange)?;
    let mut amount =
        Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| ParseReason::OutOfRange)?;
    // Exact: shows the typed `12` as `12.00` in JSON and logs.
    amount.rescale(currency.minor_units());
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::super::tests::d;
    use super::*;

    fn sv(text: &str) -> Result<Money, MoneyError> {
        Money::parse(text, Currency::Sek, Lang::Sv)
    }

    fn en(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        Money::parse(text, currency, Lang::En)
    }

    fn sek(s: &str) -> Money {
        Money::new(d(s), Currency::Sek)
    }

    fn reason(result: Result<Money, MoneyError>) -> ParseReason {
        match result {
            Err(MoneyError::Parse { reason, .. }) => reason,
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn swedish_as_people_type_it() {
        for (text, amount) in [
            ("1 234,50", "1234.50"),
            ("1234,5", "1234.5"),
            ("1234", "1234"),
            ("1 234,50 kr", "1234.50"),
            ("1\u{a0}234,50\u{a0}kr", "1234.50"),
            ("1\u{2009}234\u{202f}567,89", "1234567.89"),
            ("1234,50kr", "1234.50"),
            ("1234,50 SEK", "1234.50"),
            ("1234,50 Kr", "1234.50"),
            ("  12  ", "12"),
            ("-1 234,50 kr", "-1234.50"),
            ("\u{2212}5", "-5"),
            ("- 5", "-5"),
            ("0,05", "0.05"),
            ("007", "7"),
        ] {
            assert_eq!(sv(text), Ok(sek(amount)), "{text:?}");
        }
    }

    #[test]
    fn english_as_people_type_it() {
        for (text, currency, amount) in [
            ("1,234.50", Currency::Sek, "1234.50"),
            ("1234.5", Currency::Sek, "1234.5"),
            ("SEK 1,234.50", Currency::Sek, "1234.50"),
            ("SEK\u{a0}-1,234.50", Currency::Sek, "-1234.50"),
            ("sek1,234.50", Currency::Sek, "1234.50"),
            ("€1,234.50", Currency::Eur, "1234.50"),
            ("-€1,234.50", Currency::Eur, "-1234.50"),
            ("€ -1,234.50", Currency::Eur, "-1234.50"),
            ("1,234,567", Currency::Nok, "1234567"),
            ("1 234.50", Currency::Dkk, "1234.50"),
            ("12 kr", Currency::Nok, "12"),
            ("12 EUR", Currency::Eur, "12"),
        ] {
            assert_eq!(
                en(text, currency),
                Ok(Money::new(d(amount), currency)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn norwegian_finnish_danish_and_german_as_people_type_them() {
        for (text, currency, lang, amount) in [
            ("1 234,50 kr", Currency::Nok, Lang::Nb, "1234.50"),
            ("kr 1 234,50", Currency::Nok, Lang::Nb, "1234.50"),
            ("1234,5 €", Currency::Eur, Lang::Fi, "1234.5"),
            ("1.234,50 kr.", Currency::Dkk, Lang::Da, "1234.50"),
            ("-1.234.567 kr.", Currency::Dkk, Lang::Da, "-1234567"),
            ("1.234,50 €", Currency::Eur, Lang::De, "1234.50"),
            ("1 234,50 EUR", Currency::Eur, Lang::De, "1234.50"),
        ] {
            assert_eq!(
                Money::parse(text, currency, lang),
                Ok(Money::new(d(amount), currency)),
                "{text:?} {lang:?}"
            );
        }
        // A point is a decimal mark nowhere but in English: in Danish a misplaced group, in
        // Finnish a wrong decimal separator; neither is read as 12.50.
        let refused = |text: &str, lang| reason(Money::parse(text, Currency::Eur, lang));
        assert_eq!(
            refused("12.50", Lang::Da),
            ParseReason::MisplacedGroupSeparator
        );
        assert_eq!(
            refused("12.50", Lang::Fi),
            ParseReason::WrongDecimalSeparator
        );
        assert_eq!(
            refused("1.234 567", Lang::De),
            ParseReason::MisplacedGroupSeparator
        );
    }

    #[test]
    fn parsed_amounts_carry_the_currency_scale() {
        assert_eq!(sv("12").unwrap().amount().scale(), 2);
    }

    #[test]
    fn ambiguous_or_malformed_input_is_refused_with_a_reason() {
        use ParseReason::*;
        for (text, lang, expected) in [
            ("1,2,3", Lang::En, MisplacedGroupSeparator),
            ("1,2,3", Lang::Sv, MultipleDecimalSeparators),
            ("12.345,6", Lang::En, MisplacedGroupSeparator),
            ("1.2.3", Lang::En, MultipleDecimalSeparators),
            ("12,50", Lang::En, MisplacedGroupSeparator),
            ("1,234 567", Lang::En, MisplacedGroupSeparator),
            ("12 34", Lang::Sv, MisplacedGroupSeparator),
            ("1234 567", Lang::Sv, MisplacedGroupSeparator),
            ("1  234", Lang::Sv, MisplacedGroupSeparator),
            ("12.50", Lang::Sv, WrongDecimalSeparator),
            ("1.234,50", Lang::Sv, WrongDecimalSeparator),
            ("12,", Lang::Sv, MissingDigits),
            (",5", Lang::Sv, MissingDigits),
            ("1,005", Lang::Sv, TooManyDecimals { allowed: 2 }),
            ("1,500", Lang::Sv, TooManyDecimals { allowed: 2 }),
            ("1.005", Lang::En, TooManyDecimals { allowed: 2 }),
            ("", Lang::Sv, Empty),
            ("   ", Lang::Sv, Empty),
            ("kr", Lang::Sv, Empty),
            ("-", Lang::Sv, Empty),
            ("12a4", Lang::Sv, InvalidCharacter('a')),
            ("1e3", Lang::En, InvalidCharacter('e')),
            ("1_000", Lang::En, InvalidCharacter('_')),
            ("+5", Lang::En, InvalidCharacter('+')),
            ("1\t234", Lang::Sv, InvalidCharacter('\t')),
            ("--5", Lang::Sv, MisplacedMinus),
            ("5-", Lang::Sv, MisplacedMinus),
            ("1-000", Lang::Sv, MisplacedMinus),
            ("-SEK -5", Lang::En, MisplacedMinus),
            ("abc", Lang::Sv, UnknownCurrency("abc".into())),
            ("$5", Lang::En, UnknownCurrency("$".into())),
            ("5 USD", Lang::En, UnknownCurrency("USD".into())),
            ("€5", Lang::En, WrongCurrency("€".into())),
            ("5 NOK", Lang::Sv, WrongCurrency("NOK".into())),
            ("SEK 5 kr", Lang::Sv, DuplicateCurrency),
            ("99999999999999999999999999999", Lang::Sv, OutOfRange),
        ] {
            let got = Money::parse(text, Currency::Sek, lang);
            assert_eq!(reason(got), expected, "{text:?} in {lang:?}");
        }
        assert_eq!(
            reason(en("kr 5", Currency::Eur)),
            WrongCurrency("kr".into())
        );
    }

    #[test]
    fn errors_keep_the_input_and_a_code() {
        let err = sv("12.50").unwrap_err();
        assert_eq!(err.code(), "ERR_AMOUNT_WRONG_DECIMAL_SEPARATOR");
        assert_eq!(
            err,
            MoneyError::Parse {
                input: "12.50".into(),
                reason: ParseReason::WrongDecimalSeparator
            }
        );
    }
}
