//! Amounts written the way each UI language writes them (`1 234,50 kr`, `SEK 1,234.50`), in
//! Rust because Fluent does not localise numbers.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Currency, Money};
use crate::i18n::Lang;

/// Swedish groups thousands and separates the unit with a no-break space, so an amount never
/// wraps across lines.
pub(super) const NBSP: char = '\u{a0}';

/// The thousands separator and the decimal mark of `lang` (CLDR): `1 234,50` in Swedish,
/// Norwegian and Finnish (no-break spaces), `1.234,50` in Danish and German, `1,234.50` in
/// English.
pub fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Sv | Lang::Nb | Lang::Fi => (NBSP, ','),
        Lang::Da | Lang::De => ('.', ','),
        Lang::En => (',', '.'),
    }
}

/// `value` rounded half away from zero to `decimals` places, grouped per `lang` (see
/// [`separators`]). A value that rounds to zero has no minus sign.
pub fn format_decimal(value: Decimal, decimals: u32, lang: Lang) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
    let (group, point) = separators(lang);
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 1);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    let digits: Vec<char> = int_part.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(*c);
    }
    if !frac_part.is_empty() {
        out.push(point);
        out.push_str(frac_part);
    }
    out
}

impl Money {
    /// The amount for people reading `lang`: sv `1 234,50 kr`, `1 234,50 €`, `1 234,50 NOK`;
    /// nb `1 234,50 kr` (NOK); da `1.234,50 kr.` (DKK); fi `1 234,50 €`; de `1.234,50 €`;
    /// en `SEK 1,234.50`, `€1,234.50`, `-€1,234.50`. A language writes its own crown as `kr`
    /// and anyone else's by code, so a Swedish reader never mistakes Norwegian crowns for
    /// Swedish ones. The spaces are no-break spaces.
    ///
    /// An amount with more decimals than the currency has is rounded half up (away from zero)
    /// for display only, the way customers expect; round it with a named rule first if the
    /// shown value must match what is booked.
    pub fn format(&self, lang: Lang) -> String {
        let number = format_decimal(self.amount, self.currency.minor_units(), lang);
        match (lang, self.currency) {
            (Lang::En, Currency::Eur) => match number.strip_prefix('-') {
                Some(n) => format!("-€{n}"),
                None => format!("€{number}"),
            },
            (Lang::En, _) => format!("{}{NBSP}{number}", self.currency.code()),
            (_, Currency::Eur) => format!("{number}{NBSP}€"),
            (Lang::Sv, Currency::Sek) | (Lang::Nb, Currency::Nok) => format!("{number}{NBSP}kr"),
            (Lang::Da, Currency::Dkk) => format!("{number}{NBSP}kr."),
            _ => format!("{number}{NBSP}{}", self.currency.code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::d;
    use super::*;

    fn fmt(amount: &str, currency: Currency, lang: Lang) -> String {
        Money::new(d(amount), currency).format(lang)
    }

    /// CLDR's patterns for the four other languages, written out by hand as the oracle.
    #[test]
    fn norwegian_finnish_danish_and_german_amounts() {
        let cases = [
            ("-1234567.891", Currency::Nok, Lang::Nb, "-1 234 567,89 kr"),
            ("1234.5", Currency::Sek, Lang::Nb, "1 234,50 SEK"),
            ("1234.5", Currency::Eur, Lang::Fi, "1 234,50 €"),
            ("1234.5", Currency::Sek, Lang::Fi, "1 234,50 SEK"),
            ("1234.5", Currency::Dkk, Lang::Da, "1.234,50 kr."),
            ("1234567", Currency::Eur, Lang::Da, "1.234.567,00 €"),
            ("1234.5", Currency::Eur, Lang::De, "1.234,50 €"),
            ("-0.5", Currency::Nok, Lang::De, "-0,50 NOK"),
        ];
        for (amount, currency, lang, want) in cases {
            assert_eq!(
                fmt(amount, currency, lang).replace('\u{a0}', " "),
                want,
                "{amount} {currency:?} {lang:?}"
            );
            assert!(
                !fmt(amount, currency, lang).contains(' '),
                "no-break spaces only"
            );
        }
    }

    #[test]
    fn swedish() {
        assert_eq!(
            fmt("1234.5", Currency::Sek, Lang::Sv),
            "1\u{a0}234,50\u{a0}kr"
        );
        assert_eq!(
            fmt("1234.5", Currency::Eur, Lang::Sv),
            "1\u{a0}234,50\u{a0}€"
        );
        assert_eq!(
            fmt("1234.5", Currency::Nok, Lang::Sv),
            "1\u{a0}234,50\u{a0}NOK"
        );
        assert_eq!(
            fmt("1234.5", Currency::Dkk, Lang::Sv),
            "1\u{a0}234,50\u{a0}DKK"
        );
        assert_eq!(
            fmt("-1234.5", Currency::Sek, Lang::Sv),
            "-1\u{a0}234,50\u{a0}kr"
        );
        assert_eq!(fmt("0", Currency::Sek, Lang::Sv), "0,00\u{a0}kr");
        assert_eq!(
            fmt("1234567.89", Currency::Sek, Lang::Sv),
            "1\u{a0}234\u{a0}567,89\u{a0}kr"
        );
    }

    #[test]
    fn english() {
        assert_eq!(fmt("1234.5", Currency::Sek, Lang::En), "SEK\u{a0}1,234.50");
        assert_eq!(fmt("1234.5", Currency::Eur, Lang::En), "€1,234.50");
        assert_eq!(fmt("-1234.5", Currency::Eur, Lang::En), "-€1,234.50");
        assert_eq!(fmt("1234.5", Currency::Nok, Lang::En), "NOK\u{a0}1,234.50");
        assert_eq!(fmt("-999", Currency::Dkk, Lang::En), "DKK\u{a0}-999.00");
        assert_eq!(fmt("999", Currency::Eur, Lang::En), "€999.00");
    }

    #[test]
    fn display_rounds_half_up() {
        assert_eq!(fmt("0.005", Currency::Nok, Lang::Sv), "0,01\u{a0}NOK");
        assert_eq!(fmt("-2.345", Currency::Eur, Lang::En), "-€2.35");
        assert_eq!(fmt("-0.004", Currency::Sek, Lang::Sv), "0,00\u{a0}kr");
    }

    #[test]
    fn decimals_group_per_language() {
        assert_eq!(format_decimal(d("2.345"), 2, Lang::En), "2.35");
        assert_eq!(format_decimal(d("-2.345"), 2, Lang::En), "-2.35");
        assert_eq!(format_decimal(d("-0.001"), 2, Lang::Sv), "0,00");
        assert_eq!(
            format_decimal(d("1000000"), 0, Lang::Sv),
            "1\u{a0}000\u{a0}000"
        );
        assert_eq!(format_decimal(d("100"), 0, Lang::En), "100");
        assert_eq!(format_decimal(d("1000"), 1, Lang::En), "1,000.0");
    }
}
