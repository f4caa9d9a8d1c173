//! Evaluation tests: every operator, precedence, scoping and run-time errors.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::ktime::Country;
use crate::money::{Currency, Money};

use super::*;

fn num(s: &str) -> FactValue {
    FactValue::Number(Decimal::from_str(s).unwrap())
}

fn money(s: &str, currency: Currency) -> FactValue {
    FactValue::Money(Money::new(Decimal::from_str(s).unwrap(), currency))
}

fn text(s: &str) -> FactValue {
    FactValue::String(s.to_string())
}

/// A good Swedish customer buying for 1000 SEK with exposure 500 SEK.
fn facts() -> Facts {
    Facts::new()
        .with("order.amount", money("1000", Currency::Sek))
        .with("order.currency", text("SEK"))
        .with("order.product", text("invoice"))
        .with("customer.age", num("30"))
        .with("customer.exposure", money("500", Currency::Sek))
        .with("customer.overdue_count", num("0"))
        .with("customer.oldest_overdue_days", num("0"))
        .with("customer.is_new", FactValue::Bool(false))
        .with("customer.country", text("SE"))
        .with("customer.previous_rejections", num("0"))
        .with("score.available", FactValue::Bool(true))
        .with("score.value", num("700"))
        .with("score.risk_class", text("B"))
        .with("address.available", FactValue::Bool(true))
        .with("request.ip_country_known", FactValue::Bool(true))
        .with("request.ip_country", text("SE"))
        .with("merchant.id", text("m-1"))
        .with("merchant.country", text("SE"))
}

fn decide(source: &str, facts: &Facts) -> Decision {
    match compile(source) {
        Ok(ruleset) => evaluate(&ruleset, facts),
        Err(errors) => panic!("{:#?}", errors),
    }
}

/// Whether `condition` holds on the default facts.
fn holds(condition: &str) -> bool {
    let decision = decide(
        &format!("rule r: reject HIT when {condition}\napprove\n"),
        &facts(),
    );
    assert!(
        decision.errors.is_empty(),
        "{condition}: {:?}",
        decision.errors
    );
    decision.outcome == Outcome::Reject
}

#[test]
fn every_operator() {
    let cases = [
        ("customer.age = 30", true),
        ("customer.age != 30", false),
        ("customer.age < 30", false),
        ("customer.age <= 30", true),
        ("customer.age > 29.5", true),
        ("customer.age >= 31", false),
        ("customer.is_new = false", true),
        ("customer.country = \"SE\"", true),
        ("customer.country != merchant.country", false),
        ("true and false", false),
        ("true or false", true),
        ("not customer.is_new", true),
        ("not not true", true),
        ("score.risk_class in [\"A\", \"B\"]", true),
        ("score.risk_class not in [\"A\", \"B\"]", false),
        ("customer.age in [18, 30.0]", true),
        ("customer.age * 2 - 10 = 50", true),
        ("customer.age / 4 = 7.5", true),
        ("1 + 2 * 3 = 7", true),
        ("(1 + 2) * 3 = 9", true),
        ("-1 + 1 = 0", true),
        ("order.amount * 2 = 2000 SEK", true),
        ("2 * order.amount = 2000.00 SEK", true),
        ("order.amount / 4 = 250 SEK", true),
        ("customer.exposure / order.amount = 0.5", true),
        ("customer.exposure + order.amount > 1499.99 SEK", true),
        ("order.amount - customer.exposure = 500 SEK", true),
        ("order.amount in [1000 SEK, 2000 SEK]", true),
        ("false or customer.age > 18 and customer.is_new", false),
    ];
    for (condition, expected) in cases {
        assert_eq!(holds(condition), expected, "{condition}");
    }
}

#[test]
fn no_rule_fires_so_the_default_decides() {
    let decision = decide(
        "rule r: reject X when false\nrefer NOTHING_FIRED\n",
        &facts(),
    );
    assert_eq!(decision.outcome, Outcome::Refer);
    assert_eq!(decision.reason, "NOTHING_FIRED");
    assert_eq!(decision.decided_by, None);
    assert!(decision.fired.is_empty());
}

#[test]
fn the_first_rule_that_fires_decides_and_all_fired_are_listed() {
    let source = "rule vip: approve VIP when merchant.id = \"m-1\"\n\
                  rule old: reject TOO_OLD when customer.age > 20\n\
                  rule never: reject NEVER when false\n\
                  rule new: refer CHECK when customer.age > 25\napprove\n";
    let decision = decide(source, &facts());
    assert_eq!(decision.outcome, Outcome::Approve);
    assert_eq!(decision.reason, "VIP");
    assert_eq!(decision.decided_by.as_deref(), Some("vip"));
    assert_eq!(decision.fired, ["vip", "old", "new"]);
}

#[test]
fn scoped_rules_apply_only_where_they_match() {
    let source = "rule no for country NO: reject NORWAY when true\n\
                  rule m2 for merchant \"m-2\": reject M2 when true\n\
                  rule inv for product invoice: refer INVOICE when true\napprove\n";
    let decision = decide(source, &facts());
    assert_eq!(decision.fired, ["inv"]);
    let norwegian = facts().with("customer.country", text("NO"));
    assert_eq!(decide(source, &norwegian).reason, "NORWAY");
    let other = facts().with("merchant.id", text("m-2"));
    assert_eq!(decide(source, &other).fired, ["m2", "inv"]);
}

#[test]
fn a_missing_fact_refers_with_evaluation_error() {
    let mut facts = facts();
    facts.remove("customer.age");
    let decision = decide("rule r: reject X when customer.age < 18\napprove\n", &facts);
    assert_eq!(decision.outcome, Outcome::Refer);
    assert_eq!(decision.reason, EVALUATION_ERROR);
    assert_eq!(decision.decided_by.as_deref(), Some("r"));
    assert_eq!(decision.errors[0].message, "fact customer.age is missing");
}

#[test]
fn the_issue_example_decides() {
    let source = "when score.available = false: refer SCORE_UNAVAILABLE\n\
                  rule underage: reject UNDERAGE when customer.age < 18\n\
                  rule vip: approve VIP when merchant.id in [\"m-1\", \"m-2\"] and score.risk_class in [\"A\", \"B\"]\n\
                  approve\n";
    let decision = decide(source, &facts());
    assert_eq!(
        (decision.outcome, decision.reason.as_str()),
        (Outcome::Approve, "VIP")
    );
    let no_score = facts().with("score.available", FactValue::Bool(false));
    let decision = decide(source, &no_score);
    assert_eq!(decision.reason, "SCORE_UNAVAILABLE");
    assert_eq!(decision.decided_by.as_deref(), Some("when_line_1"));
}

#[test]
fn and_short_circuits_so_guards_work() {
    let no_score = Facts::new().with("score.available", FactValue::Bool(false));
    let source = "rule low: reject LOW when score.available and score.value < 300\napprove\n";
    let decision = decide(source, &no_score);
    assert_eq!(decision.outcome, Outcome::Approve);
    assert!(decision.errors.is_empty());
    assert_eq!(decision.used_facts.len(), 1);
}

#[test]
fn money_facts_in_another_currency_refer() {
    let euro_order = facts().with("order.amount", money("100", Currency::Eur));
    let decision = decide(default_ruleset_source(Country::SE), &euro_order);
    assert_eq!(decision.outcome, Outcome::Refer);
    assert_eq!(decision.reason, EVALUATION_ERROR);
    assert_eq!(decision.decided_by.as_deref(), Some("limit"));
    assert!(decision.errors[0].message.contains("currency mismatch"));
}

#[test]
fn a_fact_of_the_wrong_type_refers() {
    let wrong = facts().with("customer.age", text("thirty"));
    let decision = decide("rule r: reject X when customer.age < 18\napprove\n", &wrong);
    assert_eq!(decision.reason, EVALUATION_ERROR);
    assert_eq!(
        decision.errors[0].message,
        "fact customer.age should be number but is string"
    );
}

#[test]
fn division_by_zero_refers() {
    let decision = decide(
        "rule r: reject X when customer.overdue_count / customer.overdue_count > 1\napprove\n",
        &facts(),
    );
    assert_eq!(decision.reason, EVALUATION_ERROR);
    assert_eq!(decision.errors[0].message, "division by zero");
}

#[test]
fn errors_after_the_deciding_rule_are_only_reported() {
    let source = "rule r: reject FIRST when true\nrule s: reject X when nonexistent_ok\napprove\n";
    assert!(compile(source).is_err());
    let facts = Facts::new();
    let source =
        "rule r: reject FIRST when true\nrule s: reject X when customer.age < 18\napprove\n";
    let decision = decide(source, &facts);
    assert_eq!(decision.reason, "FIRST");
    assert_eq!(decision.errors.len(), 1);
}

#[test]
fn used_facts_are_the_facts_read() {
    let decision = decide(
        "rule r: reject X when customer.age < 18\napprove\n",
        &facts(),
    );
    let used: Vec<&String> = decision.used_facts.keys().collect();
    assert_eq!(used, ["customer.age"]);
    assert_eq!(decision.used_facts["customer.age"], num("30"));
}

#[test]
fn default_rulesets_decide_sensibly() {
    let se = default_ruleset_source(Country::SE);
    assert_eq!(decide(se, &facts()).outcome, Outcome::Approve);
    let minor = facts().with("customer.age", num("17"));
    assert_eq!(decide(se, &minor).reason, "UNDERAGE");
    let over_limit = facts().with("customer.exposure", money("24500.01", Currency::Sek));
    assert_eq!(decide(se, &over_limit).reason, "CREDIT_LIMIT");
    let no_score = facts().with("score.available", FactValue::Bool(false));
    assert_eq!(decide(se, &no_score).reason, "SCORE_UNAVAILABLE");
    let abroad = facts()
        .with("request.ip_country", text("DE"))
        .with("order.amount", money("5000", Currency::Sek));
    assert_eq!(decide(se, &abroad).reason, "IP_COUNTRY");
    let unknown_ip = abroad.with("request.ip_country_known", FactValue::Bool(false));
    assert_eq!(decide(se, &unknown_ip).outcome, Outcome::Approve);
}

#[test]
fn decisions_and_facts_round_trip_through_json() {
    let decision = decide(default_ruleset_source(Country::SE), &facts());
    let json = serde_json::to_string(&decision).unwrap();
    assert!(
        json.contains(
            r#""customer.exposure":{"type":"money","value":{"amount":"500.00","currency":"SEK"}}"#
        ),
        "{json}"
    );
    let back: Decision = serde_json::from_str(&json).unwrap();
    assert_eq!(back, decision);
    let facts_json = serde_json::to_string(&facts()).unwrap();
    let facts_back: Facts = serde_json::from_str(&facts_json).unwrap();
    assert_eq!(facts_back, facts());
}
