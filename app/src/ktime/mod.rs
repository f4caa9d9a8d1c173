//! Ktime, the business clock: the only source of "now" and "today" in business code.
//!
//! One row in the database holds the clock, so every node agrees. Production follows the wall
//! clock (of the database server); `demo` and `test` installations may freeze it or move it
//! forward, and the jobs catch up day by day exactly as after downtime.

#[cfg(feature = "ssr")]
mod clock;
pub mod pages;

#[cfg(feature = "ssr")]
pub use clock::{Ktime, KtimeError};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where the installation runs; decides whether the clock may be moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppEnv {
    /// Real money: time travel is refused.
    Production,
    /// Demonstrations: staff may move the clock.
    Demo,
    /// Automated tests: tests may move the clock.
    Test,
}

impl AppEnv {
    /// Parses `APP_ENV`.
    pub fn parse(s: &str) -> Option<AppEnv> {
        match s {
            "production" => Some(AppEnv::Production),
            "demo" => Some(AppEnv::Demo),
            "test" => Some(AppEnv::Test),
            _ => None,
        }
    }

    /// The `APP_ENV` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            AppEnv::Production => "production",
            AppEnv::Demo => "demo",
            AppEnv::Test => "test",
        }
    }

    /// Whether the business clock may differ from the wall clock.
    pub fn allows_time_travel(self) -> bool {
        self != AppEnv::Production
    }
}

/// A country Kreditor serves, with the time zone its business days follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Country {
    /// Sweden.
    SE,
    /// Norway.
    NO,
    /// Finland.
    FI,
    /// Denmark.
    DK,
    /// Germany.
    DE,
}

impl Country {
    /// Every country, in a stable order.
    pub const ALL: [Country; 5] = [
        Country::SE,
        Country::NO,
        Country::FI,
        Country::DK,
        Country::DE,
    ];

    /// The ISO 3166 code, the spelling stored in the database and used in URLs and files.
    pub fn code(self) -> &'static str {
        match self {
            Country::SE => "SE",
            Country::NO => "NO",
            Country::FI => "FI",
            Country::DK => "DK",
            Country::DE => "DE",
        }
    }

    /// Parses an ISO code, ignoring case and surrounding spaces.
    pub fn parse_code(s: &str) -> Option<Country> {
        let s = s.trim();
        Country::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(s))
    }

    /// The IANA time zone whose midnight starts this country's business day.
    pub fn time_zone(self) -> chrono_tz::Tz {
        match self {
            Country::SE => chrono_tz::Europe::Stockholm,
            Country::NO => chrono_tz::Europe::Oslo,
            Country::FI => chrono_tz::Europe::Helsinki,
            Country::DK => chrono_tz::Europe::Copenhagen,
            Country::DE => chrono_tz::Europe::Berlin,
        }
    }

    /// The calendar date at instant `at` in this country.
    pub fn date_at(self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.time_zone()).date_naive()
    }
}

/// The clock's state as staff see it on the settings page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockView {
    /// Business "now".
    pub now: DateTime<Utc>,
    /// Business date in Sweden (the home market).
    pub today_se: NaiveDate,
    /// Milliseconds ahead of the wall clock (0 in production).
    pub offset_ms: i64,
    /// Whether the clock is stopped.
    pub frozen: bool,
    /// The installation's mode.
    pub env: AppEnv,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn business_date_follows_the_country_time_zone() {
        // 23:30 UTC on 31 Dec is already 1 Jan in Stockholm (UTC+1) but not in UTC.
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(
            Country::SE.date_at(at),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        assert_eq!(
            Country::FI.date_at(at),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        // 22:30 UTC in summer is 00:30 in Helsinki (UTC+3) and 00:30 in Stockholm (UTC+2).
        let summer = Utc.with_ymd_and_hms(2026, 6, 30, 21, 30, 0).unwrap();
        assert_eq!(
            Country::FI.date_at(summer),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
        assert_eq!(
            Country::SE.date_at(summer),
            NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
        );
    }

    #[test]
    fn country_codes_round_trip_ignoring_case() {
        for c in Country::ALL {
            assert_eq!(Country::parse_code(c.code()), Some(c));
        }
        assert_eq!(Country::parse_code(" se "), Some(Country::SE));
        assert_eq!(Country::parse_code("US"), None);
    }

    #[test]
    fn only_production_refuses_time_travel() {
        assert!(!AppEnv::Production.allows_time_travel());
        assert!(AppEnv::Demo.allows_time_travel());
        assert!(AppEnv::Test.allows_time_travel());
        assert_eq!(AppEnv::parse("demo"), Some(AppEnv::Demo));
        assert_eq!(AppEnv::parse("prod"), None);
    }
}
