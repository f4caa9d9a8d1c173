//! The particulars' environment: production refuses the examples, every bad value is named.

use std::collections::HashMap;

use app::ktime::AppEnv;

use super::from_lookup;

fn lookup(pairs: &[(&'static str, &str)]) -> impl Fn(&'static str) -> Option<String> {
    let map: HashMap<&'static str, String> =
        pairs.iter().map(|(k, v)| (*k, (*v).to_string())).collect();
    move |name| map.get(name).cloned()
}

/// Real-looking accounts (valid check digits, computed by hand below), not the examples.
const PRODUCTION: [(&str, &str); 8] = [
    ("COMPANY_ORG_NR", "556036-0793"),
    ("COMPANY_VAT_NR", "SE556036079301"),
    ("PAY_SE_BANKGIRO", "5050-1055"),
    ("PAY_NO_ACCOUNT", "1234 56 78903"),
    ("PAY_FI_IBAN", "FI4950009420028730"),
    ("PAY_FI_BIC", "OKOYFIHH"),
    ("PAY_DK_CREDITOR", "12345678"),
    ("PAY_DK_IBAN", "DK5000400440116243"),
];

#[test]
fn production_without_payment_accounts_does_not_start() {
    let err = from_lookup(AppEnv::Production, lookup(&[])).unwrap_err();
    assert_eq!(err.var, "COMPANY_ORG_NR");
    let mut some = PRODUCTION.to_vec();
    some.retain(|(k, _)| *k != "PAY_DK_IBAN");
    let err = from_lookup(AppEnv::Production, lookup(&some)).unwrap_err();
    assert_eq!(err.var, "PAY_DK_IBAN");
}

#[test]
fn production_prints_the_configured_accounts_in_their_usual_form() {
    // Check digits worked by hand: 556036-0793 Luhn over 556036079 → 3; bankgiro 5050-1055
    // Luhn over 5050105 → 5; 1234.56.78903 MOD11 (weights 5,4,3,2,7,6,5,4,3,2 over
    // 1234567890: sum 195, 195 mod 11 = 8, 11 − 8 = 3); both IBANs mod 97 = 1.
    let p = from_lookup(AppEnv::Production, lookup(&PRODUCTION));
    let p = p.expect("valid production particulars");
    assert_eq!(p.se_bankgiro, "5050-1055");
    assert_eq!(p.no_account, "1234.56.78903");
    assert_eq!(p.org_nr, "556036-0793");
    assert_eq!(p.fi_iban, "FI49 5000 9420 0287 30");
    assert_eq!(p.dk_iban, "DK50 0040 0440 1162 43");
}

#[test]
fn every_bad_value_is_named_at_once() {
    let err = from_lookup(
        AppEnv::Demo,
        lookup(&[
            ("PAY_SE_BANKGIRO", "5050-1056"),
            ("PAY_NO_ACCOUNT", "1234.56.78904"),
            ("PAY_FI_IBAN", "DK5000400440116243"),
            ("COMPANY_ORG_NR", "556036-0794"),
            ("COMPANY_NAME", "Kreditor\u{0}AB"),
            ("SERVICE_EMAIL_NO", "not an address"),
        ]),
    )
    .unwrap_err();
    assert_eq!(err.var, "COMPANY_NAME");
    for var in [
        "PAY_SE_BANKGIRO",
        "PAY_NO_ACCOUNT",
        "PAY_FI_IBAN",
        "COMPANY_ORG_NR",
        "SERVICE_EMAIL_NO",
    ] {
        assert!(
            err.problem.contains(var),
            "{var} missing from: {}",
            err.problem
        );
    }
}

#[test]
fn demo_without_variables_gets_the_examples() {
    let p = from_lookup(AppEnv::Demo, lookup(&[])).expect("examples are valid");
    assert_eq!(p, app::documents::company::Particulars::example());
}
