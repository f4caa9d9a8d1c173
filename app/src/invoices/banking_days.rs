//! Banking days per country: a due date that falls on a weekend or a bank holiday moves to the
//! next banking day, because a payment cannot reach Kreditor's account before then and the
//! customer must not be late (or charged a reminder) for the bank's closing day.
//!
//! The holidays are data: [`HOLIDAYS`] lists, per country, each day the country's payment
//! system is closed and the rule that dates it — a fixed date, a distance from Easter Sunday,
//! or a weekday in a window of dates (midsummer, All Saints) — with the years it applies. The
//! Easter date is computed (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
//! Sundays and Saturdays are never banking days, so holidays that always fall on one (Easter
//! Sunday, Whitsunday, Swedish Midsummer Day and All Saints' Day) are listed for completeness
//! but change nothing.
//!
//! Sources (checked against the calendars of 2025–2027 in the tests):
//! - SE: lag (1989:253) om allmänna helgdagar; Bankgirot/Riksbanken also keep Midsummer Eve,
//!   Christmas Eve and New Year's Eve as non-banking days ("bankfria dagar", RIX closed).
//! - NO: lov om helligdager og helligdagsfred (1995) and lov om 1. og 17. mai som høgtidsdager;
//!   Norges Bank's settlement system is also closed on Christmas Eve and New Year's Eve.
//! - FI: Finanssiala's bank holidays (pankkivapaapäivät): the public holidays on weekdays plus
//!   Midsummer Eve and Christmas Eve (TARGET2/T2 itself is open on some of them; Finnish banks
//!   do not clear).
//! - DK: Danmarks Nationalbank's bank holidays (helligdagsloven plus Constitution Day, Christmas
//!   Eve, New Year's Eve and the Friday after Ascension); Great Prayer Day (store bededag) was
//!   abolished from 2024 (lov nr. 133 af 28.2.2023).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::ktime::Country;

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The same month and day every year.
    Fixed(u32, u32),
    /// This many days after Easter Sunday (negative: before).
    Easter(i64),
    /// The `weekday` between month/day `from` and month/day `to` (a 7-day window, inclusive).
    WeekdayBetween(Weekday, (u32, u32), (u32, u32)),
}

/// One bank holiday of a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    /// The country.
    pub country: Country,
    /// Its local name.
    pub name: &'static str,
    /// How its date is found.
    pub rule: Rule,
    /// First year it applies, if it has one.
    pub since: Option<i32>,
    /// Last year it applies, if it has one.
    pub until: Option<i32>,
}

const fn h(country: Country, name: &'static str, rule: Rule) -> Holiday {
    Holiday {
        country,
        name,
        rule,
        since: None,
        until: None,
    }
}

use Country::{DK, FI, NO, SE};
use Rule::{Easter, Fixed, WeekdayBetween};

/// Every bank holiday, per country (see the module's sources).
pub const HOLIDAYS: &[Holiday] = &[
    // Sweden
    h(SE, "Nyårsdagen", Fixed(1, 1)),
    h(SE, "Trettondedag jul", Fixed(1, 6)),
    h(SE, "Långfredagen", Easter(-2)),
    h(SE, "Påskdagen", Easter(0)),
    h(SE, "Annandag påsk", Easter(1)),
    h(SE, "Första maj", Fixed(5, 1)),
    h(SE, "Kristi himmelsfärdsdag", Easter(39)),
    h(SE, "Pingstdagen", Easter(49)),
    h(SE, "Sveriges nationaldag", Fixed(6, 6)),
    h(
        SE,
        "Midsommarafton",
        WeekdayBetween(Weekday::Fri, (6, 19), (6, 25)),
    ),
    h(
        SE,
        "Midsommardagen",
        WeekdayBetween(Weekday::Sat, (6, 20), (6, 26)),
    ),
    h(
        SE,
        "Alla helgons dag",
        WeekdayBetween(Weekday::Sat, (10, 31), (11, 6)),
    ),
    h(SE, "Julafton", Fixed(12, 24)),
    h(SE, "Juldagen", Fixed(12, 25)),
    h(SE, "Annandag jul", Fixed(12, 26)),
    h(SE, "Nyårsafton", Fixed(12, 31)),
    // Norway
    h(NO, "Nyttårsdag", Fixed(1, 1)),
    h(NO, "Skjærtorsdag", Easter(-3)),
    h(NO, "Langfredag", Easter(-2)),
    h(NO, "Første påskedag", Easter(0)),
    h(NO, "Andre påskedag", Easter(1)),
    h(NO, "Arbeidernes dag", Fixed(5, 1)),
    h(NO, "Grunnlovsdag", Fixed(5, 17)),
    h(NO, "Kristi himmelfartsdag", Easter(39)),
    h(NO, "Første pinsedag", Easter(49)),
    h(NO, "Andre pinsedag", Easter(50)),
    h(NO, "Julaften", Fixed(12, 24)),
    h(NO, "Første juledag", Fixed(12, 25)),
    h(NO, "Andre juledag", Fixed(12, 26)),
    h(NO, "Nyttårsaften", Fixed(12, 31)),
    // Finland
    h(FI, "Uudenvuodenpäivä", Fixed(1, 1)),
    h(FI, "Loppiainen", Fixed(1, 6)),
    h(FI, "Pitkäperjantai", Easter(-2)),
    h(FI, "Pääsiäispäivä", Easter(0)),
    h(FI, "2. pääsiäispäivä", Easter(1)),
    h(FI, "Vappu", Fixed(5, 1)),
    h(FI, "Helatorstai", Easter(39)),
    h(FI, "Helluntaipäivä", Easter(49)),
    h(
        FI,
        "Juhannusaatto",
        WeekdayBetween(Weekday::Fri, (6, 19), (6, 25)),
    ),
    h(
        FI,
        "Juhannuspäivä",
        WeekdayBetween(Weekday::Sat, (6, 20), (6, 26)),
    ),
    h(
        FI,
        "Pyhäinpäivä",
        WeekdayBetween(Weekday::Sat, (10, 31), (11, 6)),
    ),
    h(FI, "Itsenäisyyspäivä", Fixed(12, 6)),
    h(FI, "Jouluaatto", Fixed(12, 24)),
    h(FI, "Joulupäivä", Fixed(12, 25)),
    h(FI, "Tapaninpäivä", Fixed(12, 26)),
    // Denmark
    h(DK, "Nytårsdag", Fixed(1, 1)),
    h(DK, "Skærtorsdag", Easter(-3)),
    h(DK, "Langfredag", Easter(-2)),
    h(DK, "Påskedag", Easter(0)),
    h(DK, "2. påskedag", Easter(1)),
    Holiday {
        country: DK,
        name: "Store bededag",
        rule: Easter(26),
        since: None,
        until: Some(2023),
    },
    h(DK, "Kristi himmelfartsdag", Easter(39)),
    h(DK, "Dagen efter Kristi himmelfartsdag", Easter(40)),
    h(DK, "Pinsedag", Easter(49)),
    h(DK, "2. pinsedag", Easter(50)),
    h(DK, "Grundlovsdag", Fixed(6, 5)),
    h(DK, "Juleaftensdag", Fixed(12, 24)),
    h(DK, "Juledag", Fixed(12, 25)),
    h(DK, "2. juledag", Fixed(12, 26)),
    h(DK, "Nytårsaftensdag", Fixed(12, 31)),
];

/// Easter Sunday of `year` (Gregorian; the anonymous algorithm published in Nature, 1876,
/// as given by Meeus, "Astronomical Algorithms", ch. 8).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

impl Rule {
    /// The date of this rule in `year`, if it has one.
    pub fn date_in(self, year: i32) -> Option<NaiveDate> {
        match self {
            Rule::Fixed(m, d) => NaiveDate::from_ymd_opt(year, m, d),
            Rule::Easter(offset) => easter_sunday(year).map(|e| e + Duration::days(offset)),
            Rule::WeekdayBetween(weekday, (fm, fd), (tm, td)) => {
                let from = NaiveDate::from_ymd_opt(year, fm, fd)?;
                let to = NaiveDate::from_ymd_opt(year, tm, td)?;
                from.iter_days()
                    .take_while(|d| *d <= to)
                    .find(|d| d.weekday() == weekday)
            }
        }
    }
}

/// The bank holidays of `country` in `year`, sorted by date, with their names.
pub fn holidays(country: Country, year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut out: Vec<(NaiveDate, &'static str)> = HOLIDAYS
        .iter()
        .filter(|h| h.country == country)
        .filter(|h| h.since.is_none_or(|s| year >= s) && h.until.is_none_or(|u| year <= u))
        .filter_map(|h| h.rule.date_in(year).map(|d| (d, h.name)))
        .collect();
    out.sort();
    out
}

/// Whether payments clear in `country` on `date`: a weekday that is no bank holiday. A
/// country without a calendar here (Germany: no invoices yet) counts weekdays only.
pub fn is_banking_day(country: Country, date: NaiveDate) -> bool {
    if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        return false;
    }
    !HOLIDAYS.iter().any(|h| {
        h.country == country
            && h.since.is_none_or(|s| date.year() >= s)
            && h.until.is_none_or(|u| date.year() <= u)
            && h.rule.date_in(date.year()) == Some(date)
    })
}

/// `date` if it is a banking day in `country`, else the next one (Christmas to New Year can
/// skip a week; the loop is bounded by a month in case of a broken calendar).
pub fn next_banking_day(country: Country, date: NaiveDate) -> NaiveDate {
    date.iter_days()
        .take(31)
        .find(|d| is_banking_day(country, *d))
        .unwrap_or(date)
}

/// The due date of an invoice dated `invoice_date` with `terms_days` to pay, in `country`:
/// the calendar date moved forward to a banking day.
pub fn due_date(country: Country, invoice_date: NaiveDate, terms_days: i64) -> NaiveDate {
    next_banking_day(country, invoice_date + Duration::days(terms_days))
}

#[cfg(test)]
#[path = "banking_days_tests.rs"]
mod tests;
