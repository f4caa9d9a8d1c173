//! Number, money and date formatting per locale, done in Rust because Fluent does not
//! localise numbers (`1 234,50 kr` in Swedish, `SEK 1,234.50` in English).

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::Lang;

/// Swedish groups thousands with a no-break space, so amounts never wrap inside.
const NBSP: char = '\u{a0}';

/// `value` rounded half away from zero to `decimals` places, grouped per `lang`:
/// `1 234,50` (sv) or `1,234.50` (en).
pub fn format_decimal(value: Decimal, decimals: u32, lang: Lang) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
    let (group, point) = match lang {
        Lang::Sv => (NBSP, ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::new();
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

/// An amount in `currency` (ISO 4217) with two decimals, written the way each language does.
pub fn format_money(amount: Decimal, currency: &str, lang: Lang) -> String {
    let number = format_decimal(amount, 2, lang);
    match (lang, currency) {
        (Lang::Sv, "SEK") => format!("{number}{NBSP}kr"),
        (Lang::Sv, "EUR") => format!("{number}{NBSP}€"),
        (Lang::Sv, other) => format!("{number}{NBSP}{other}"),
        (Lang::En, "EUR") => match number.strip_prefix('-') {
            Some(n) => format!("-€{n}"),
            None => format!("€{number}"),
        },
        (Lang::En, other) => format!("{other}{NBSP}{number}"),
    }
}

/// A calendar date: ISO `2026-11-28` in Swedish (the Swedish standard), `28 Nov 2026` in English.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Sv => date.format("%Y-%m-%d").to_string(),
        Lang::En => date.format("%-d %b %Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_in_swedish_and_english() {
        assert_eq!(
            format_money(d("1234.5"), "SEK", Lang::Sv),
            "1\u{a0}234,50\u{a0}kr"
        );
        assert_eq!(
            format_money(d("1234.5"), "SEK", Lang::En),
            "SEK\u{a0}1,234.50"
        );
        assert_eq!(
            format_money(d("-1234567.891"), "EUR", Lang::En),
            "-€1,234,567.89"
        );
        assert_eq!(format_money(d("0.005"), "NOK", Lang::Sv), "0,01\u{a0}NOK");
        assert_eq!(format_money(d("999"), "DKK", Lang::Sv), "999,00\u{a0}DKK");
    }

    #[test]
    fn numbers_round_half_away_from_zero() {
        assert_eq!(format_decimal(d("2.345"), 2, Lang::En), "2.35");
        assert_eq!(format_decimal(d("-2.345"), 2, Lang::En), "-2.35");
        assert_eq!(format_decimal(d("-0.001"), 2, Lang::Sv), "0,00");
        assert_eq!(
            format_decimal(d("1000000"), 0, Lang::Sv),
            "1\u{a0}000\u{a0}000"
        );
    }

    #[test]
    fn dates() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 8).unwrap();
        assert_eq!(format_date(date, Lang::Sv), "2026-11-08");
        assert_eq!(format_date(date, Lang::En), "8 Nov 2026");
    }
}
