//! The ruleset every country starts with, seeded into the ruleset store and used by tests
//! and benchmarks.

use crate::ktime::Country;

/// The default PolicyRules source for `country`: age ≥ 18, an exposure limit in the
/// country's currency, no overdue debt, a score threshold (refer when there is no score),
/// and manual review of big first orders.
pub fn default_ruleset_source(country: Country) -> &'static str {
    match country {
        Country::SE => SE,
        Country::NO => NO,
        Country::FI => FI,
        Country::DK => DK,
        Country::DE => DE,
    }
}

const SE: &str = r#"# Default credit policy for Sweden.
ruleset "SE default" for country SE
rule underage:        reject UNDERAGE when customer.age < 18
rule overdue:         reject OVERDUE_DEBT when customer.overdue_count > 0
rule limit:           reject CREDIT_LIMIT when customer.exposure + order.amount > 25000 SEK
rule no_score:        refer SCORE_UNAVAILABLE when not score.available
rule low_score:       reject LOW_SCORE when score.value < 300 or score.risk_class = "E"
rule no_address:      refer ADDRESS_UNAVAILABLE when not address.available
rule big_new:         refer MANUAL_REVIEW when customer.is_new and order.amount > 10000 SEK
rule ip:              refer IP_COUNTRY
  when request.ip_country_known and request.ip_country != customer.country
   and order.amount > 3000 SEK
approve
"#;

const NO: &str = r#"# Default credit policy for Norway.
ruleset "NO default" for country NO
rule underage:        reject UNDERAGE when customer.age < 18
rule overdue:         reject OVERDUE_DEBT when customer.overdue_count > 0
rule limit:           reject CREDIT_LIMIT when customer.exposure + order.amount > 25000 NOK
rule no_score:        refer SCORE_UNAVAILABLE when not score.available
rule low_score:       reject LOW_SCORE when score.value < 300 or score.risk_class = "E"
rule no_address:      refer ADDRESS_UNAVAILABLE when not address.available
rule big_new:         refer MANUAL_REVIEW when customer.is_new and order.amount > 10000 NOK
approve
"#;

const FI: &str = r#"# Default credit policy for Finland.
ruleset "FI default" for country FI
rule underage:        reject UNDERAGE when customer.age < 18
rule overdue:         reject OVERDUE_DEBT when customer.overdue_count > 0
rule limit:           reject CREDIT_LIMIT when customer.exposure + order.amount > 2500 EUR
rule no_score:        refer SCORE_UNAVAILABLE when not score.available
rule low_score:       reject LOW_SCORE when score.value < 300 or score.risk_class = "E"
rule no_address:      refer ADDRESS_UNAVAILABLE when not address.available
rule big_new:         refer MANUAL_REVIEW when customer.is_new and order.amount > 1000 EUR
approve
"#;

const DK: &str = r#"# Default credit policy for Denmark.
ruleset "DK default" for country DK
rule underage:        reject UNDERAGE when customer.age < 18
rule overdue:         reject OVERDUE_DEBT when customer.overdue_count > 0
rule limit:           reject CREDIT_LIMIT when customer.exposure + order.amount > 25000 DKK
rule no_score:        refer SCORE_UNAVAILABLE when not score.available
rule low_score:       reject LOW_SCORE when score.value < 300 or score.risk_class = "E"
rule no_address:      refer ADDRESS_UNAVAILABLE when not address.available
rule big_new:         refer MANUAL_REVIEW when customer.is_new and order.amount > 7500 DKK
approve
"#;

const DE: &str = r#"# Default credit policy for Germany (not yet a launch market: everything is reviewed).
ruleset "DE default" for country DE
rule underage:        reject UNDERAGE when customer.age < 18
rule overdue:         reject OVERDUE_DEBT when customer.overdue_count > 0
rule limit:           reject CREDIT_LIMIT when customer.exposure + order.amount > 2500 EUR
rule no_score:        refer SCORE_UNAVAILABLE when not score.available
refer MANUAL_REVIEW
"#;
