//! Property tests: evaluation is deterministic and never panics on any facts, and the
//! compiler never panics on any text.

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::ktime::Country;
use crate::money::{Currency, Money};

use super::*;

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..6).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

fn fact_value() -> impl Strategy<Value = FactValue> {
    prop_oneof![
        any::<bool>().prop_map(FactValue::Bool),
        decimal().prop_map(FactValue::Number),
        (decimal(), prop::sample::select(Currency::ALL.to_vec()))
            .prop_map(|(d, c)| FactValue::Money(Money::new(d, c))),
        prop::sample::select(vec!["SE", "NO", "A", "E", "m-1", ""])
            .prop_map(|s| FactValue::String(s.to_string())),
    ]
}

/// For every schema fact: missing, or a random value of any type (mostly the right one).
fn facts() -> impl Strategy<Value = Facts> {
    let per_fact: Vec<_> = FACTS
        .iter()
        .map(|def| {
            let right_type =
                fact_value().prop_filter("schema type", move |v| v.fact_type() == def.ty);
            prop::option::weighted(0.9, prop_oneof![4 => right_type, 1 => fact_value()])
                .prop_map(move |v| v.map(|v| (def.name.to_string(), v)))
        })
        .collect();
    per_fact.prop_map(|values| values.into_iter().flatten().collect())
}

fn country() -> impl Strategy<Value = Country> {
    prop::sample::select(vec![
        Country::SE,
        Country::NO,
        Country::FI,
        Country::DK,
        Country::DE,
    ])
}

proptest! {
    #[test]
    fn evaluation_is_deterministic_and_total(country in country(), facts in facts()) {
        let ruleset = compile(default_ruleset_source(country)).unwrap();
        let first = evaluate(&ruleset, &facts);
        let second = evaluate(&ruleset, &facts);
        prop_assert_eq!(&first, &second);
        if !first.errors.is_empty() && first.outcome != Outcome::Refer {
            // An error may only be ignored when an earlier rule had already decided.
            prop_assert!(first.decided_by.is_some());
        }
        for (name, value) in &first.used_facts {
            prop_assert_eq!(facts.get(name), Some(value));
        }
    }

    #[test]
    fn compiling_any_text_never_panics(source in "\\PC{0,200}") {
        if let Err(errors) = compile(&source) {
            for error in errors {
                let _ = error.render(&source);
            }
        }
    }

    #[test]
    fn compiling_a_cut_default_never_panics(country in country(), cut in 0usize..1000) {
        let full = default_ruleset_source(country);
        let mut end = cut.min(full.len());
        while !full.is_char_boundary(end) {
            end -= 1;
        }
        let source = &full[..end];
        if let Err(errors) = compile(source) {
            prop_assert!(!errors.is_empty());
            for error in errors {
                prop_assert!(error.render(source).contains('^'));
            }
        }
    }
}
