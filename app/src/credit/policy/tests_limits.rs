//! Pathological sources: deep nesting and very long expressions are compile errors with a
//! line and column, never a stack overflow. Each runs on a thread with a small stack (smaller
//! than a tokio worker's 2 MiB; debug builds have large frames), so a parser or checker that recursed per level would abort
//! the test binary instead of passing.

use proptest::prelude::*;

use super::*;

/// Stack of the threads the tests run on.
const SMALL_STACK: usize = 1024 * 1024;

/// Runs `f` on a thread with [`SMALL_STACK`] bytes of stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic, no overflow")
}

/// Compiles `source` on a small stack and returns its errors (it must not compile).
fn errors_of(source: String) -> Vec<PolicyError> {
    on_small_stack(move || match compile(&source) {
        Ok(_) => panic!("compiled"),
        Err(errors) => {
            for error in &errors {
                assert!(error.render(&source).contains('^'));
            }
            errors
        }
    })
}

fn nested_parens(levels: usize) -> String {
    format!(
        "reject DEEP when {}customer.age < 18{}\napprove\n",
        "(".repeat(levels),
        ")".repeat(levels)
    )
}

#[test]
fn a_hundred_thousand_nested_parentheses_are_a_syntax_error_at_the_33rd() {
    let errors = errors_of(nested_parens(100_000));
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = &errors[0];
    assert_eq!(error.kind, PolicyErrorKind::Syntax);
    assert!(error.message.contains("nested too deeply"), "{error:?}");
    // `reject DEEP when ` is 17 characters; the error points just inside the 33rd `(`.
    assert_eq!((error.line, error.column), (1, 17 + MAX_NESTING + 2));
}

#[test]
fn a_hundred_thousand_nots_are_a_syntax_error() {
    let source = format!(
        "ruleset \"x\"\nreject DEEP when {}customer.age < 18\napprove\n",
        "not ".repeat(100_000)
    );
    let errors = errors_of(source);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("nested too deeply"),
        "{errors:?}"
    );
    assert_eq!(errors[0].line, 2);
    // Just after the 33rd `not `.
    assert_eq!(errors[0].column, 17 + 4 * (MAX_NESTING + 1) + 1);
}

#[test]
fn a_chain_of_a_hundred_thousand_terms_is_a_syntax_error() {
    let source = format!(
        "reject LONG when customer.age{} > 18\napprove\n",
        " + 1".repeat(100_000)
    );
    let errors = errors_of(source);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("too long"), "{errors:?}");
    assert_eq!(errors[0].line, 1);
}

#[test]
fn a_long_in_list_and_a_long_or_chain_are_syntax_errors() {
    let list = vec!["\"SE\""; 5_000].join(", ");
    let source = format!("reject LIST when customer.country in [{list}]\napprove\n");
    assert!(errors_of(source)[0].message.contains("too long"));
    let chain = vec!["customer.age < 18"; 5_000].join(" or ");
    let source = format!("reject OR when {chain}\napprove\n");
    assert!(errors_of(source)[0].message.contains("too long"));
}

#[test]
fn the_largest_allowed_statement_compiles_and_evaluates_on_a_small_stack() {
    // MAX_NESTING levels of parentheses around a chain that uses up the parts budget: the
    // checker, the evaluator and dropping the tree recurse through all of it.
    // Parts: each parenthesis, each term and `+`, the comparison and its literal.
    let terms = (MAX_PARTS - MAX_NESTING - 4) / 2;
    let source = format!(
        "reject BIG when {}customer.age{} > 18{}\napprove\n",
        "(".repeat(MAX_NESTING),
        " + 0".repeat(terms - 1),
        ")".repeat(MAX_NESTING)
    );
    let decision = on_small_stack(move || {
        let ruleset = compile(&source).expect("compiles");
        let mut facts = Facts::new();
        facts.insert("customer.age".to_string(), FactValue::Number(20.into()));
        evaluate(&ruleset, &facts).outcome
    });
    assert_eq!(decision, Outcome::Reject);
}

/// One level of nesting of a random kind.
fn level() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop::sample::select(vec![
        ("(", ")"),
        ("not ", ""),
        ("not (", ")"),
        ("(customer.age < 18 and ", ")"),
        ("(1 + ", ") > 0"),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any mix of nesting deeper than the limit, at any line, is an error with a position.
    #[test]
    fn pathological_nesting_is_an_error_with_a_position(
        levels in prop::collection::vec(level(), MAX_NESTING + 1..3_000),
        blank_lines in 0usize..5,
    ) {
        let open: String = levels.iter().map(|l| l.0).collect();
        let close: String = levels.iter().rev().map(|l| l.1).collect();
        let source = format!(
            "{}reject DEEP when {open}customer.age < 18{close}\napprove\n",
            "\n".repeat(blank_lines)
        );
        let errors = errors_of(source);
        prop_assert!(!errors.is_empty());
        prop_assert_eq!(errors[0].kind, PolicyErrorKind::Syntax);
        prop_assert_eq!(errors[0].line, blank_lines + 1);
    }
}
