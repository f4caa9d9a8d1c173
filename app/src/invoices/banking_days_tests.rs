//! The bank-holiday calendars against published lists (the countries' official holiday
//! calendars for 2025–2027: e.g. kalender.se / Bankgirot for Sweden, Norges Bank for Norway,
//! Finanssiala for Finland, Nationalbanken for Denmark), and due dates moved off them.

use chrono::NaiveDate;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// `(year, "MM-DD …")` as dates.
fn list(year: i32, days: &str) -> Vec<NaiveDate> {
    days.split_whitespace()
        .map(|md| {
            let (m, dd) = md.split_once('-').unwrap();
            d(year, m.parse().unwrap(), dd.parse().unwrap())
        })
        .collect()
}

fn dates(country: Country, year: i32) -> Vec<NaiveDate> {
    holidays(country, year)
        .into_iter()
        .map(|(d, _)| d)
        .collect()
}

#[test]
fn easter_sundays() {
    // Published Easter dates.
    for (y, m, day) in [
        (2008, 3, 23),
        (2019, 4, 21),
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2038, 4, 25),
    ] {
        assert_eq!(easter_sunday(y), Some(d(y, m, day)), "{y}");
    }
}

#[test]
fn sweden_2025_to_2027() {
    assert_eq!(
        dates(Country::SE, 2025),
        list(2025, "01-01 01-06 04-18 04-20 04-21 05-01 05-29 06-06 06-08 06-20 06-21 11-01 12-24 12-25 12-26 12-31")
    );
    assert_eq!(
        dates(Country::SE, 2026),
        list(2026, "01-01 01-06 04-03 04-05 04-06 05-01 05-14 05-24 06-06 06-19 06-20 10-31 12-24 12-25 12-26 12-31")
    );
    assert_eq!(
        dates(Country::SE, 2027),
        list(2027, "01-01 01-06 03-26 03-28 03-29 05-01 05-06 05-16 06-06 06-25 06-26 11-06 12-24 12-25 12-26 12-31")
    );
}

#[test]
fn norway_2025_to_2027() {
    assert_eq!(
        dates(Country::NO, 2025),
        list(
            2025,
            "01-01 04-17 04-18 04-20 04-21 05-01 05-17 05-29 06-08 06-09 12-24 12-25 12-26 12-31"
        )
    );
    assert_eq!(
        dates(Country::NO, 2026),
        list(
            2026,
            "01-01 04-02 04-03 04-05 04-06 05-01 05-14 05-17 05-24 05-25 12-24 12-25 12-26 12-31"
        )
    );
    assert_eq!(
        dates(Country::NO, 2027),
        list(
            2027,
            "01-01 03-25 03-26 03-28 03-29 05-01 05-06 05-16 05-17 05-17 12-24 12-25 12-26 12-31"
        )
    );
}

#[test]
fn finland_2025_to_2027() {
    assert_eq!(
        dates(Country::FI, 2025),
        list(2025, "01-01 01-06 04-18 04-20 04-21 05-01 05-29 06-08 06-20 06-21 11-01 12-06 12-24 12-25 12-26")
    );
    assert_eq!(
        dates(Country::FI, 2026),
        list(2026, "01-01 01-06 04-03 04-05 04-06 05-01 05-14 05-24 06-19 06-20 10-31 12-06 12-24 12-25 12-26")
    );
    assert_eq!(
        dates(Country::FI, 2027),
        list(2027, "01-01 01-06 03-26 03-28 03-29 05-01 05-06 05-16 06-25 06-26 11-06 12-06 12-24 12-25 12-26")
    );
}

#[test]
fn denmark_2025_to_2027_and_great_prayer_day_until_2023() {
    assert_eq!(
        dates(Country::DK, 2025),
        list(
            2025,
            "01-01 04-17 04-18 04-20 04-21 05-29 05-30 06-05 06-08 06-09 12-24 12-25 12-26 12-31"
        )
    );
    assert_eq!(
        dates(Country::DK, 2026),
        list(
            2026,
            "01-01 04-02 04-03 04-05 04-06 05-14 05-15 05-24 05-25 06-05 12-24 12-25 12-26 12-31"
        )
    );
    assert_eq!(
        dates(Country::DK, 2027),
        list(
            2027,
            "01-01 03-25 03-26 03-28 03-29 05-06 05-07 05-16 05-17 06-05 12-24 12-25 12-26 12-31"
        )
    );
    // Store bededag 2023 was Friday 5 May; abolished from 2024.
    assert!(!is_banking_day(Country::DK, d(2023, 5, 5)));
    assert!(is_banking_day(Country::DK, d(2024, 4, 26)));
}

#[test]
fn weekends_and_holidays_move_the_due_date_to_the_next_banking_day() {
    // A weekday that is no holiday stays.
    assert_eq!(due_date(Country::SE, d(2026, 12, 1), 14), d(2026, 12, 15));
    // Saturday → Monday.
    assert_eq!(due_date(Country::SE, d(2026, 11, 28), 14), d(2026, 12, 14));
    // Christmas Eve (Thu), Christmas Day, Boxing Day (Sat), Sunday → Monday 28th.
    assert_eq!(due_date(Country::SE, d(2026, 12, 10), 14), d(2026, 12, 28));
    // New Year's Eve (Thu), New Year's Day (Fri), weekend → Monday 4 January 2027.
    assert_eq!(due_date(Country::SE, d(2026, 12, 17), 14), d(2027, 1, 4));
    // Good Friday 2027 → Easter Monday is closed too → Tuesday 30 March.
    assert_eq!(due_date(Country::SE, d(2027, 3, 12), 14), d(2027, 3, 30));
    // Midsummer Eve 2026 (Fri 19 June) → Monday 22 June, in Sweden and Finland.
    assert_eq!(due_date(Country::SE, d(2026, 6, 5), 14), d(2026, 6, 22));
    assert_eq!(due_date(Country::FI, d(2026, 6, 5), 14), d(2026, 6, 22));
    // Swedish National Day 2025 is a Friday; in Norway it is an ordinary banking day.
    assert_eq!(due_date(Country::SE, d(2025, 5, 23), 14), d(2025, 6, 9));
    assert_eq!(due_date(Country::NO, d(2025, 5, 23), 14), d(2025, 6, 6));
    // Norway: Maundy Thursday 2026 → Tuesday 7 April (Good Friday, Easter, Easter Monday).
    assert_eq!(due_date(Country::NO, d(2026, 3, 19), 14), d(2026, 4, 7));
    // Denmark: Ascension 2026 (Thu 14 May) and the bank holiday after it → Monday 18 May.
    assert_eq!(due_date(Country::DK, d(2026, 4, 30), 14), d(2026, 5, 18));
    // Finland: Independence Day 2027 is a Monday → Tuesday.
    assert_eq!(due_date(Country::FI, d(2027, 11, 22), 14), d(2027, 12, 7));
}

#[test]
fn every_country_has_a_calendar_and_weekends_never_count() {
    for c in [Country::SE, Country::NO, Country::FI, Country::DK] {
        assert!(holidays(c, 2026).len() >= 12, "{c:?}");
        assert!(!is_banking_day(c, d(2026, 12, 5)), "Saturday");
        assert!(!is_banking_day(c, d(2026, 12, 6)), "Sunday");
        assert!(!is_banking_day(c, d(2026, 12, 25)), "Christmas Day");
        assert!(is_banking_day(c, d(2026, 12, 8)), "an ordinary Tuesday");
    }
}
