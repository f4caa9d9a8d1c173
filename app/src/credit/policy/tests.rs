//! Parser and type-checker tests: what compiles, and where errors point.

use crate::ktime::Country;

use super::*;

/// The issue's example, with the optional header and `when` sugar.
const EXAMPLE: &str = r#"# comments
ruleset "SE invoice" for country SE product invoice
when score.available = false: refer SCORE_UNAVAILABLE      # sugar for an unnamed rule
rule underage:  reject UNDERAGE when customer.age < 18
rule limit:     reject CREDIT_LIMIT when customer.exposure + order.amount > 25000 SEK
rule overdue:   reject OVERDUE_DEBT when customer.overdue_count > 0
rule big_new:   refer MANUAL_REVIEW when customer.is_new and order.amount > 10000 SEK
rule ip:        reject IP_COUNTRY when request.ip_country != customer.country and order.amount > 3000 SEK
rule vip:       approve VIP when merchant.id in ["m-1", "m-2"] and score.risk_class in ["A", "B"]
approve
"#;

fn errors(source: &str) -> Vec<PolicyError> {
    match compile(source) {
        Ok(_) => panic!("expected errors for:\n{source}"),
        Err(errors) => errors,
    }
}

fn single_error(source: &str) -> PolicyError {
    let errors = errors(source);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn the_issue_example_compiles() {
    let ruleset = compile(EXAMPLE).unwrap();
    let names: Vec<&str> = ruleset.rules().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "when_line_3",
            "underage",
            "limit",
            "overdue",
            "big_new",
            "ip",
            "vip"
        ]
    );
    assert_eq!(ruleset.default_verdict().outcome, Outcome::Approve);
    assert_eq!(ruleset.default_verdict().reason, "APPROVED");
    assert_eq!(
        ruleset.header().map(|h| h.name.as_str()),
        Some("SE invoice")
    );
    assert_eq!(ruleset.source(), EXAMPLE);
}

#[test]
fn every_default_ruleset_compiles() {
    for country in [
        Country::SE,
        Country::NO,
        Country::FI,
        Country::DK,
        Country::DE,
    ] {
        let source = default_ruleset_source(country);
        if let Err(errors) = compile(source) {
            let rendered: Vec<String> = errors.iter().map(|e| e.render(source)).collect();
            panic!("{country:?}:\n{}", rendered.join("\n"));
        }
    }
}

#[test]
fn statements_may_continue_on_indented_lines() {
    let source =
        "rule r: reject X\n  when customer.age < 18\n    and customer.is_new\nreject DEFAULT_NO\n";
    let ruleset = compile(source).unwrap();
    assert_eq!(ruleset.rules().len(), 1);
    assert_eq!(ruleset.default_verdict().reason, "DEFAULT_NO");
}

#[test]
fn scopes_and_verdict_forms_parse() {
    let source = "rule a for country NO merchant \"m-1\": approve when true\n\
                  rule b for product invoice: refer CHECK when not (1 < 2)\n\
                  reject X when customer.age not in [1, 2]\nrefer FALLBACK\n";
    let ruleset = compile(source).unwrap();
    assert_eq!(ruleset.rules()[0].scope.len(), 2);
    assert_eq!(ruleset.rules()[1].scope[0].kind, ast::ScopeKind::Product);
    assert_eq!(ruleset.rules()[2].name, "when_line_3");
    assert_eq!(ruleset.default_verdict().outcome, Outcome::Refer);
}

#[test]
fn syntax_error_points_at_the_missing_operand() {
    let source = "rule a: reject X when customer.age <\napprove\n";
    let error = single_error(source);
    assert_eq!(error.kind, PolicyErrorKind::Syntax);
    assert_eq!((error.line, error.column), (1, 37));
    assert!(
        error.message.starts_with("expected an expression"),
        "{}",
        error.message
    );
}

#[test]
fn syntax_error_at_an_unknown_statement() {
    let source = "approve\n";
    assert!(compile(source).is_ok());
    let error = single_error("rulez a: reject X when true\napprove\n");
    assert_eq!((error.line, error.column), (1, 1));
    assert!(error.message.contains("a statement"), "{}", error.message);
}

#[test]
fn syntax_errors_are_collected_per_statement() {
    let source = "rule a: reject X when (customer.age < 18\nrule b reject Y when true\napprove\n";
    let errors = errors(source);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!((errors[0].line, errors[0].column), (1, 41));
    assert_eq!((errors[1].line, errors[1].column), (2, 8));
    assert_eq!(errors[1].message, "expected `:`");
}

#[test]
fn trailing_garbage_is_reported_where_it_starts() {
    let error = single_error("rule a: reject X when customer.age < 18 18\napprove\n");
    assert_eq!((error.line, error.column), (1, 41));
    assert!(
        error.message.starts_with("unexpected `18`"),
        "{}",
        error.message
    );
}

#[test]
fn unknown_currency_is_a_syntax_error_at_the_code() {
    let error = single_error("rule a: reject X when order.amount > 100 USD\napprove\n");
    assert_eq!((error.line, error.column), (1, 42));
    assert_eq!(error.message, "expected a currency: SEK, NOK, DKK or EUR");
}

#[test]
fn reject_needs_a_reason_code() {
    let error = single_error("rule a: reject when true\napprove\n");
    assert_eq!((error.line, error.column), (1, 16));
    assert_eq!(error.message, "expected a reason code like CREDIT_LIMIT");
}

#[test]
fn unclosed_string_is_reported() {
    let error = single_error("rule a: reject X when merchant.id = \"m-1\napprove\n");
    assert_eq!(error.line, 1);
    assert_eq!(error.message, "expected a closing `\"`");
}

#[test]
fn unknown_fact_renders_with_a_caret() {
    let source = "# policy\nrule underage: reject UNDERAGE when customer.agee < 18\napprove\n";
    let error = single_error(source);
    assert_eq!(error.kind, PolicyErrorKind::UnknownFact);
    assert_eq!((error.line, error.column), (2, 37));
    assert_eq!(
        error.render(source),
        "error: unknown fact `customer.agee`; did you mean `customer.age`?\n \
         --> line 2, column 37\n  |\n\
         2 | rule underage: reject UNDERAGE when customer.agee < 18\n  \
         |                                     ^^^^^^^^^^^^^\n"
    );
    assert!(error
        .to_string()
        .starts_with("2:37: unknown fact `customer.agee`"));
}

#[test]
fn unknown_facts_get_a_hint_when_one_is_close() {
    let error = single_error("rule a: reject X when age < 18\napprove\n");
    assert_eq!(
        error.message,
        "unknown fact `age`; did you mean `customer.age`?"
    );
    let error = single_error("rule a: reject X when weather.rain\napprove\n");
    assert_eq!(error.message, "unknown fact `weather.rain`");
}

#[test]
fn money_and_plain_numbers_do_not_mix() {
    let error = single_error("rule a: reject X when customer.exposure > 25000\napprove\n");
    assert_eq!(error.kind, PolicyErrorKind::Type);
    assert_eq!((error.line, error.column), (1, 23));
    let error = single_error("rule a: reject X when order.amount + 5 > 25 SEK\napprove\n");
    assert_eq!(error.kind, PolicyErrorKind::Type);
    assert!(error.message.contains("money and a plain number"));
}

#[test]
fn literal_currencies_must_agree() {
    let error = single_error("rule a: reject X when order.amount > 100 SEK + 5 EUR\napprove\n");
    assert_eq!(error.kind, PolicyErrorKind::CurrencyMismatch);
    assert_eq!(error.message, "money in SEK and EUR cannot be combined");
    let error = single_error("rule a: reject X when order.amount + 1 NOK > 100 SEK\napprove\n");
    assert_eq!(error.kind, PolicyErrorKind::CurrencyMismatch);
}

#[test]
fn in_list_elements_must_match_the_value() {
    let source = "rule a: reject X when score.risk_class in [\"A\", 1]\napprove\n";
    let error = single_error(source);
    assert_eq!(error.kind, PolicyErrorKind::Type);
    assert_eq!((error.line, error.column), (1, 49));
    let error = single_error("rule a: reject X when customer.age in []\napprove\n");
    assert_eq!(error.message, "an empty list never matches");
}

#[test]
fn conditions_must_be_boolean() {
    let error = single_error("rule a: reject X when customer.age\napprove\n");
    assert!(error.message.contains("must be true or false"));
    let error = single_error("rule a: reject X when customer.age and true\napprove\n");
    assert_eq!(error.message, "expected true/false here, found number");
    let error = single_error("rule a: reject X when \"a\" < \"b\"\napprove\n");
    assert_eq!(error.kind, PolicyErrorKind::Type);
}

#[test]
fn missing_default_is_reported_at_the_end() {
    let source = "rule a: reject X when true\n\n";
    let error = single_error(source);
    assert_eq!(error.kind, PolicyErrorKind::Default);
    assert_eq!((error.line, error.column), (1, 27));
}

#[test]
fn the_default_line_must_be_last_and_single() {
    let errors = errors("approve\nrule a: reject X when true\nreject Y\n");
    let kinds: Vec<PolicyErrorKind> = errors.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [PolicyErrorKind::Default, PolicyErrorKind::Default]);
    assert_eq!(errors[0].line, 2);
    assert_eq!(errors[1].line, 3);
}

#[test]
fn duplicate_rule_names_and_bad_codes() {
    let source = "rule a: reject X when true\nrule a: refer credit_limit when true\napprove\n";
    let errors = errors(source);
    let kinds: Vec<PolicyErrorKind> = errors.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [PolicyErrorKind::DuplicateRule, PolicyErrorKind::ReasonCode]
    );
    assert_eq!((errors[0].line, errors[0].column), (2, 6));
    assert_eq!((errors[1].line, errors[1].column), (2, 15));
}

#[test]
fn scope_values_are_checked() {
    let error = single_error("rule a for country Sweden: reject X when true\napprove\n");
    assert_eq!(error.kind, PolicyErrorKind::Scope);
    assert_eq!((error.line, error.column), (1, 20));
}

#[test]
fn several_type_errors_come_back_in_source_order() {
    let source =
        "rule a: reject X when nope.x\nrule b: reject Y when customer.age > 1 SEK\napprove\n";
    let errors = errors(source);
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].kind, PolicyErrorKind::UnknownFact);
    assert_eq!(errors[1].kind, PolicyErrorKind::Type);
    assert_eq!(errors[1].line, 2);
}
