//! Number, money and date formatting per locale, done in Rust because Fluent does not
//! localise numbers (`1 234,50 kr` in Swedish, `SEK 1,234.50` in English).

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::Lang;
use crate::ktime::Country;
use crate::money::{Currency, Money};

/// Number grouping per language lives with money, where amounts are formatted and parsed.
pub use crate::money::format_decimal;

/// An amount in `currency` (ISO 4217) with two decimals, written the way each language does.
///
/// For the currencies Kreditor handles this is [`Money::format`]; prefer that with a `Money`.
/// Any other code is shown beside the number, so a stray code is visible rather than an error.
pub fn format_money(amount: Decimal, currency: &str, lang: Lang) -> String {
    if let Some(currency) = Currency::parse(currency) {
        return Money::new(amount, currency).format(lang);
    }
    let number = format_decimal(amount, 2, lang);
    match lang {
        Lang::En => format!("{currency}\u{a0}{number}"),
        _ => format!("{number}\u{a0}{currency}"),
    }
}

/// A calendar date the way each market writes it on an invoice: ISO `2026-11-28` in Swedish
/// (SS-ISO 8601, ÅÅÅÅ-MM-DD), `28.11.2026` in Norwegian, Danish and German, `28.11.2026`
/// without leading zeros in Finnish (`1.12.2026`), `28 Nov 2026` in English (the month named,
/// so neither day-first nor month-first readers misread it).
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Sv => date.format("%Y-%m-%d").to_string(),
        Lang::Nb | Lang::Da | Lang::De => date.format("%d.%m.%Y").to_string(),
        Lang::Fi => date.format("%-d.%-m.%Y").to_string(),
        Lang::En => date.format("%-d %b %Y").to_string(),
    }
}

/// An instant as the clock on the wall in `country` showed it (Stockholm time for SE, with
/// summer time), the date in the reader's format and the time to the minute.
pub fn format_time(at: DateTime<Utc>, country: Country, lang: Lang) -> String {
    let local = at.with_timezone(&country.time_zone());
    format!(
        "{}\u{a0}{}",
        format_date(local.date_naive(), lang),
        local.format("%H:%M")
    )
}

/// [`format_time`] in the country with ISO code `code`, Sweden (the home market) when the code
/// is not one Kreditor serves.
pub fn format_time_in(at: DateTime<Utc>, code: &str, lang: Lang) -> String {
    format_time(at, Country::parse_code(code).unwrap_or(Country::SE), lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn times_are_the_country_s_wall_clock() {
        use chrono::TimeZone;
        let winter = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(
            format_time(winter, Country::SE, Lang::Sv),
            "2027-01-01\u{a0}00:30"
        );
        assert_eq!(
            format_time(winter, Country::FI, Lang::Fi),
            "1.1.2027\u{a0}01:30"
        );
        let summer = Utc.with_ymd_and_hms(2026, 6, 30, 10, 5, 0).unwrap();
        assert_eq!(
            format_time_in(summer, "NO", Lang::Nb),
            "30.06.2026\u{a0}12:05"
        );
        assert_eq!(
            format_time_in(summer, "XX", Lang::En),
            "30 Jun 2026\u{a0}12:05"
        );
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
        assert_eq!(format_money(d("5"), "USD", Lang::Sv), "5,00\u{a0}USD");
        assert_eq!(format_money(d("5"), "USD", Lang::En), "USD\u{a0}5.00");
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
        assert_eq!(format_date(date, Lang::Nb), "08.11.2026");
        assert_eq!(format_date(date, Lang::Da), "08.11.2026");
        assert_eq!(format_date(date, Lang::De), "08.11.2026");
        assert_eq!(format_date(date, Lang::Fi), "8.11.2026");
    }
}
