//! Tests of order lines: the JSON shape, every validation rule and error path, the tax
//! identity's rounding, and properties over arbitrary input (never a panic, consistent lines
//! always pass, a wrong total is always caught).

use proptest::prelude::*;

use super::*;

/// A consistent line: total and tax computed from the other fields.
fn line(line_type: OrderLineType, quantity: i64, unit_price: i64, tax_rate: i64) -> OrderLine {
    discounted(line_type, quantity, unit_price, tax_rate, 0)
}

fn discounted(
    line_type: OrderLineType,
    quantity: i64,
    unit_price: i64,
    tax_rate: i64,
    discount: i64,
) -> OrderLine {
    let total = quantity * unit_price - discount;
    OrderLine {
        line_type,
        reference: Some("SKU-1".into()),
        name: "Tröja".into(),
        quantity,
        quantity_unit: Some("pcs".into()),
        unit_price,
        tax_rate,
        total_discount_amount: discount,
        total_amount: total,
        total_tax_amount: tax_included(total, tax_rate).expect("valid rate"),
    }
}

/// A typical order: two shirts at 25 %, a book at 6 %, shipping, a discount.
fn order() -> Vec<OrderLine> {
    vec![
        line(OrderLineType::Physical, 2, 49_900, 2500),
        discounted(OrderLineType::Physical, 1, 19_900, 600, 1_000),
        line(OrderLineType::ShippingFee, 1, 4_900, 2500),
        line(OrderLineType::Discount, 1, -10_000, 2500),
    ]
}

fn sums(lines: &[OrderLine]) -> (i64, i64) {
    (
        lines.iter().map(|l| l.total_amount).sum(),
        lines.iter().map(|l| l.total_tax_amount).sum(),
    )
}

fn codes_of(errors: &[FieldError]) -> Vec<(&str, &str)> {
    errors.iter().map(|e| (e.field.as_str(), e.code)).collect()
}

/// The errors of one changed line in an otherwise valid order (order sums follow the line).
fn errors_for(change: impl FnOnce(&mut OrderLine)) -> Vec<FieldError> {
    let mut lines = order();
    change(&mut lines[1]);
    let (amount, tax) = sums(&lines);
    validate_order_lines(&lines, amount, tax).expect_err("the change breaks a rule")
}

#[test]
fn json_has_klarnas_field_names() {
    let l = discounted(OrderLineType::ShippingFee, 2, 4_900, 2500, 800);
    let json = serde_json::to_value(&l).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "type": "shipping_fee", "reference": "SKU-1", "name": "Tröja", "quantity": 2,
            "quantity_unit": "pcs", "unit_price": 4900, "tax_rate": 2500,
            "total_discount_amount": 800, "total_amount": 9000, "total_tax_amount": 1800
        })
    );
    let back: OrderLine = serde_json::from_value(json).unwrap();
    assert_eq!(back, l);
}

#[test]
fn every_line_type_has_its_snake_case_name() {
    let names = [
        (OrderLineType::Physical, "physical"),
        (OrderLineType::Discount, "discount"),
        (OrderLineType::ShippingFee, "shipping_fee"),
        (OrderLineType::SalesTax, "sales_tax"),
        (OrderLineType::StoreCredit, "store_credit"),
        (OrderLineType::GiftCard, "gift_card"),
        (OrderLineType::Digital, "digital"),
        (OrderLineType::Surcharge, "surcharge"),
        (OrderLineType::ReturnFee, "return_fee"),
    ];
    for (t, name) in names {
        assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{name}\""));
        assert_eq!(
            serde_json::from_str::<OrderLineType>(&format!("\"{name}\"")).unwrap(),
            t
        );
    }
    assert!(serde_json::from_str::<OrderLineType>("\"Physical\"").is_err());
    assert!(serde_json::from_str::<OrderLineType>("\"coupon\"").is_err());
}

#[test]
fn optional_fields_default_and_unknown_fields_are_ignored() {
    let l: OrderLine = serde_json::from_str(
        r#"{"name":"Mugg","quantity":1,"unit_price":100,"total_amount":100,
            "product_url":"https://shop.example/mugg"}"#,
    )
    .unwrap();
    assert_eq!(l.line_type, OrderLineType::Physical);
    assert_eq!((&l.reference, &l.quantity_unit), (&None, &None));
    assert_eq!(
        (l.tax_rate, l.total_discount_amount, l.total_tax_amount),
        (0, 0, 0)
    );
    let json = serde_json::to_value(l).unwrap();
    assert!(json.get("reference").is_none() && json.get("quantity_unit").is_none());
}

#[test]
fn required_fields_and_integer_types_are_enforced_by_json() {
    for bad in [
        r#"{"quantity":1,"unit_price":100,"total_amount":100}"#,
        r#"{"name":"x","unit_price":100,"total_amount":100}"#,
        r#"{"name":"x","quantity":1,"total_amount":100}"#,
        r#"{"name":"x","quantity":1,"unit_price":100}"#,
        r#"{"name":"x","quantity":1.5,"unit_price":100,"total_amount":150}"#,
        r#"{"name":"x","quantity":1,"unit_price":"100","total_amount":100}"#,
    ] {
        assert!(serde_json::from_str::<OrderLine>(bad).is_err(), "{bad}");
    }
}

#[test]
fn tax_identity_examples() {
    // Klarna's example: 624.00 incl. 20 % VAT carries 104.00.
    assert_eq!(tax_included(62_400, 2000), Some(10_400));
    assert_eq!(tax_included(12_500, 2500), Some(2_500));
    // 99.90 at 25 %: 19.98 exactly; at 12 %: 10.703… → 10.70; at 6 %: 5.654… → 5.65.
    assert_eq!(tax_included(9_990, 2500), Some(1_998));
    assert_eq!(tax_included(9_990, 1200), Some(1_070));
    assert_eq!(tax_included(9_990, 600), Some(565));
    // Finland's 25.5 %: 100.00 carries 20.318… → 20.32.
    assert_eq!(tax_included(10_000, 2550), Some(2_032));
    assert_eq!(tax_included(-10_000, 2550), Some(-2_032));
    assert_eq!(tax_included(10_000, 0), Some(0));
}

#[test]
fn tax_rounds_half_away_from_zero() {
    // 0.01 at 100 %: 0.005 exactly → 0.01; and mirrored for a negative line.
    assert_eq!(tax_included(1, 10_000), Some(1));
    assert_eq!(tax_included(-1, 10_000), Some(-1));
    // 0.03 at 100 %: 0.015 → 0.02.
    assert_eq!(tax_included(3, 10_000), Some(2));
    assert_eq!(div_round_half_up(5, 2), 3);
    assert_eq!(div_round_half_up(-5, 2), -3);
    assert_eq!(div_round_half_up(4, 3), 1);
    assert_eq!(div_round_half_up(-4, 3), -1);
    assert_eq!(div_round_half_up(0, 7), 0);
}

#[test]
fn tax_of_extreme_amounts_and_bad_rates() {
    assert_eq!(tax_included(i64::MAX, 10_000), Some(i64::MAX / 2 + 1));
    assert_eq!(tax_included(i64::MIN, 10_000), Some(i64::MIN / 2));
    assert_eq!(tax_included(100, -1), None);
    assert_eq!(tax_included(100, 10_001), None);
    assert_eq!(tax_included(100, i64::MIN), None);
}

#[test]
fn a_consistent_order_passes_with_its_sums() {
    let lines = order();
    let (amount, tax) = sums(&lines);
    assert_eq!(amount, 99_800 + 18_900 + 4_900 - 10_000);
    assert_eq!(
        validate_order_lines(&lines, amount, tax),
        Ok(LineTotals {
            amount,
            tax_amount: tax
        })
    );
    assert!(validate_lines(&lines, "order_lines").is_empty());
}

#[test]
fn name_is_required_and_at_most_255_characters() {
    let e = errors_for(|l| l.name = String::new());
    assert_eq!(
        codes_of(&e),
        [("order_lines[1].name", codes::NAME_REQUIRED)]
    );
    let e = errors_for(|l| l.name = " \t".into());
    assert_eq!(
        codes_of(&e),
        [("order_lines[1].name", codes::NAME_REQUIRED)]
    );
    let e = errors_for(|l| l.name = "å".repeat(256));
    assert_eq!(
        codes_of(&e),
        [("order_lines[1].name", codes::NAME_TOO_LONG)]
    );
    assert!(e[0].message.contains("255") && e[0].message.contains("256"));
    // 255 characters are fine even when they take 510 bytes.
    let mut lines = order();
    lines[1].name = "å".repeat(255);
    let (amount, tax) = sums(&lines);
    assert!(validate_order_lines(&lines, amount, tax).is_ok());
}

#[test]
fn reference_and_quantity_unit_lengths() {
    let e = errors_for(|l| l.reference = Some("x".repeat(256)));
    assert_eq!(
        codes_of(&e),
        [("order_lines[1].reference", codes::REFERENCE_TOO_LONG)]
    );
    let e = errors_for(|l| l.quantity_unit = Some("kilogrammes".into()));
    assert_eq!(
        codes_of(&e),
        [(
            "order_lines[1].quantity_unit",
            codes::QUANTITY_UNIT_TOO_LONG
        )]
    );
    let mut lines = order();
    lines[1].reference = Some("x".repeat(255));
    lines[1].quantity_unit = Some("kilogramme".into());
    let (amount, tax) = sums(&lines);
    assert!(validate_order_lines(&lines, amount, tax).is_ok());
}

#[test]
fn quantity_range() {
    for q in [-1, 100_001, i64::MAX, i64::MIN] {
        let e = errors_for(|l| {
            l.quantity = q;
            l.total_amount = 0;
            l.total_discount_amount = 0;
            l.unit_price = 0;
            l.total_tax_amount = 0;
        });
        assert_eq!(
            codes_of(&e),
            [("order_lines[1].quantity", codes::QUANTITY_OUT_OF_RANGE)]
        );
        assert!(e[0].message.contains(&q.to_string()), "{}", e[0].message);
    }
    let mut lines = vec![line(OrderLineType::Digital, 100_000, 1, 2500)];
    lines.push(line(OrderLineType::Digital, 0, 500, 2500));
    let (amount, tax) = sums(&lines);
    assert!(validate_order_lines(&lines, amount, tax).is_ok());
}

#[test]
fn discount_range() {
    for d in [-1, MAX_DISCOUNT + 1, i64::MIN + 1] {
        let l = discounted(OrderLineType::Physical, 1, 0, 2500, d);
        let e = validate_lines(&[l], "order_lines");
        assert_eq!(
            codes_of(&e),
            [(
                "order_lines[0].total_discount_amount",
                codes::DISCOUNT_OUT_OF_RANGE
            )]
        );
    }
    let l = discounted(OrderLineType::Physical, 1, MAX_DISCOUNT, 2500, MAX_DISCOUNT);
    assert!(validate_lines(&[l], "order_lines").is_empty());
}

#[test]
fn tax_rate_range_skips_the_tax_check() {
    for rate in [-1, 10_001, i64::MIN, i64::MAX] {
        let e = errors_for(|l| l.tax_rate = rate);
        assert_eq!(
            codes_of(&e),
            [("order_lines[1].tax_rate", codes::TAX_RATE_OUT_OF_RANGE)]
        );
    }
    // 100 % is allowed.
    let lines = vec![line(OrderLineType::Surcharge, 1, 1_000, 10_000)];
    assert_eq!(lines[0].total_tax_amount, 500);
    assert!(validate_order_lines(&lines, 1_000, 500).is_ok());
}

#[test]
fn line_total_must_follow_from_quantity_price_and_discount() {
    let e = errors_for(|l| l.total_amount += 100);
    // The tax no longer matches the stated total either; and the order sum follows the line.
    assert_eq!(
        codes_of(&e),
        [
            ("order_lines[1].total_amount", codes::LINE_TOTAL_MISMATCH),
            ("order_lines[1].total_tax_amount", codes::LINE_TAX_MISMATCH),
        ]
    );
    assert_eq!(
        e[0].message,
        "total_amount must be quantity × unit_price − total_discount_amount = 1 × 19900 − 1000 \
         = 18900, got 19000"
    );
}

#[test]
fn line_total_of_huge_inputs_does_not_overflow() {
    let mut l = line(OrderLineType::Physical, 1, 1, 0);
    l.quantity = i64::MAX;
    l.unit_price = i64::MAX;
    l.total_discount_amount = i64::MIN;
    let e = validate_lines(&[l], "order_lines");
    assert!(e.iter().any(|e| e.code == codes::LINE_TOTAL_MISMATCH));
    let expected = i128::from(i64::MAX) * i128::from(i64::MAX) - i128::from(i64::MIN);
    assert!(e.iter().any(|e| e.message.contains(&expected.to_string())));
}

#[test]
fn discount_lines_must_be_negative() {
    for total in [0, 500] {
        let mut lines = vec![
            line(OrderLineType::Physical, 1, 10_000, 2500),
            line(OrderLineType::Discount, 1, total, 2500),
        ];
        lines[1].name = "Rabatt".into();
        let (amount, tax) = sums(&lines);
        let e = validate_order_lines(&lines, amount, tax).unwrap_err();
        assert_eq!(
            codes_of(&e),
            [(
                "order_lines[1].total_amount",
                codes::DISCOUNT_LINE_NOT_NEGATIVE
            )]
        );
    }
    // Other reducing lines (gift cards) may be negative without being discounts.
    let lines = vec![
        line(OrderLineType::Physical, 1, 10_000, 2500),
        line(OrderLineType::GiftCard, 1, -2_000, 0),
    ];
    assert!(validate_order_lines(&lines, 8_000, 2_000).is_ok());
}

#[test]
fn line_tax_has_a_tolerance_of_one_minor_unit() {
    for delta in [-1, 1] {
        let mut lines = order();
        lines[0].total_tax_amount += delta;
        let (amount, tax) = sums(&lines);
        assert!(validate_order_lines(&lines, amount, tax).is_ok(), "{delta}");
    }
    for delta in [-2, 2, 1000] {
        let e = errors_for(|l| l.total_tax_amount += delta);
        assert_eq!(
            codes_of(&e),
            [("order_lines[1].total_tax_amount", codes::LINE_TAX_MISMATCH)]
        );
    }
    let e = errors_for(|l| l.total_tax_amount = 0);
    // 189.00 at 6 %: 10.698… → 10.70.
    assert_eq!(
        e[0].message,
        "total_tax_amount must be 1070 (±1), the tax in total_amount 18900 at tax_rate 600, got 0"
    );
}

#[test]
fn order_amount_must_be_positive_and_the_sum_of_the_lines() {
    let lines = order();
    let (amount, tax) = sums(&lines);
    let e = validate_order_lines(&lines, amount + 1, tax).unwrap_err();
    assert_eq!(
        codes_of(&e),
        [("order_amount", codes::ORDER_AMOUNT_MISMATCH)]
    );
    assert_eq!(
        e[0].message,
        format!(
            "order_amount must be the sum of order_lines[].total_amount = {amount}, got {}",
            amount + 1
        )
    );
    let e = validate_order_lines(&lines, 0, tax).unwrap_err();
    assert_eq!(
        codes_of(&e),
        [
            ("order_amount", codes::ORDER_AMOUNT_NOT_POSITIVE),
            ("order_amount", codes::ORDER_AMOUNT_MISMATCH),
        ]
    );
}

#[test]
fn order_tax_amount_must_be_the_sum_of_the_lines() {
    let lines = order();
    let (amount, tax) = sums(&lines);
    let e = validate_order_lines(&lines, amount, tax - 1).unwrap_err();
    assert_eq!(
        codes_of(&e),
        [("order_tax_amount", codes::ORDER_TAX_AMOUNT_MISMATCH)]
    );
    assert!(e[0].message.contains(&tax.to_string()));
}

#[test]
fn line_count_is_one_to_a_thousand() {
    let e = validate_order_lines(&[], 100, 0).unwrap_err();
    assert_eq!(codes_of(&e), [("order_lines", codes::NO_LINES)]);

    let thousand = vec![line(OrderLineType::Digital, 1, 100, 2500); MAX_LINES];
    let (amount, tax) = sums(&thousand);
    assert!(validate_order_lines(&thousand, amount, tax).is_ok());

    // 1001 lines: only the count is reported, however broken the lines are.
    let mut too_many = vec![line(OrderLineType::Digital, 1, 100, 2500); MAX_LINES + 1];
    too_many[0].name.clear();
    let e = validate_order_lines(&too_many, 1, 0).unwrap_err();
    assert_eq!(codes_of(&e), [("order_lines", codes::TOO_MANY_LINES)]);
    assert!(e[0].message.contains("1001"));
}

#[test]
fn every_failing_field_is_reported_at_once() {
    let mut lines = order();
    lines[0].name.clear();
    lines[2].quantity = -3;
    lines[3].tax_rate = 20_000;
    let e = validate_order_lines(&lines, -5, 7).unwrap_err();
    assert_eq!(
        codes_of(&e),
        [
            ("order_amount", codes::ORDER_AMOUNT_NOT_POSITIVE),
            ("order_lines[0].name", codes::NAME_REQUIRED),
            ("order_lines[2].quantity", codes::QUANTITY_OUT_OF_RANGE),
            ("order_lines[2].total_amount", codes::LINE_TOTAL_MISMATCH),
            ("order_lines[3].tax_rate", codes::TAX_RATE_OUT_OF_RANGE),
            ("order_amount", codes::ORDER_AMOUNT_MISMATCH),
            ("order_tax_amount", codes::ORDER_TAX_AMOUNT_MISMATCH),
        ]
    );
    assert_eq!(e[1].to_string(), "order_lines[0].name: name is required");
    let json = serde_json::to_value(&e[1]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"field": "order_lines[0].name", "code": "NAME_REQUIRED",
                           "message": "name is required"})
    );
}

#[test]
fn capture_lines_must_add_up_to_the_captured_amount() {
    let lines = &order()[..2];
    let (amount, tax) = sums(lines);
    assert_eq!(
        validate_lines_amount(lines, amount, "order_lines", "captured_amount"),
        Ok(LineTotals {
            amount,
            tax_amount: tax
        })
    );
    let e = validate_lines_amount(lines, amount - 1, "order_lines", "captured_amount").unwrap_err();
    assert_eq!(codes_of(&e), [("captured_amount", codes::AMOUNT_MISMATCH)]);
    assert_eq!(
        e[0].message,
        format!(
            "captured_amount must be the sum of order_lines[].total_amount = {amount}, got {}",
            amount - 1
        )
    );
}

#[test]
fn refund_lines_use_the_given_field_names() {
    let mut lines = order();
    lines[1].name.clear();
    let (amount, _) = sums(&lines);
    let e =
        validate_lines_amount(&lines, amount + 5, "refund.lines", "refunded_amount").unwrap_err();
    assert_eq!(
        codes_of(&e),
        [
            ("refund.lines[1].name", codes::NAME_REQUIRED),
            ("refunded_amount", codes::AMOUNT_MISMATCH),
        ]
    );
    let e = validate_lines_amount(&[], 0, "refund.lines", "refunded_amount").unwrap_err();
    assert_eq!(codes_of(&e), [("refund.lines", codes::NO_LINES)]);
}

#[test]
fn a_tax_sum_beyond_64_bits_is_an_error_not_a_panic() {
    // Huge lines of opposite sign: the amounts cancel, the taxes (100 % vs 0 %) do not.
    let big = i64::MAX - 1;
    let mut lines = Vec::new();
    for _ in 0..4 {
        lines.push(line(OrderLineType::Physical, 1, big, 10_000));
        lines.push(line(OrderLineType::GiftCard, 1, -big, 0));
    }
    let e = validate_lines_amount(&lines, 0, "order_lines", "captured_amount").unwrap_err();
    assert_eq!(codes_of(&e), [("order_lines", codes::SUM_OUT_OF_RANGE)]);
}

fn any_line() -> impl Strategy<Value = OrderLine> {
    let line_type = prop::sample::select(vec![
        OrderLineType::Physical,
        OrderLineType::Discount,
        OrderLineType::ShippingFee,
        OrderLineType::GiftCard,
    ]);
    (
        line_type,
        prop::option::of(".{0,300}"),
        ".{0,300}",
        any::<i64>(),
        prop::option::of(".{0,12}"),
        (any::<i64>(), any::<i64>(), any::<i64>()),
        (any::<i64>(), any::<i64>()),
    )
        .prop_map(
            |(
                line_type,
                reference,
                name,
                quantity,
                quantity_unit,
                (unit_price, tax_rate, d),
                (t, x),
            )| {
                OrderLine {
                    line_type,
                    reference,
                    name,
                    quantity,
                    quantity_unit,
                    unit_price,
                    tax_rate,
                    total_discount_amount: d,
                    total_amount: t,
                    total_tax_amount: x,
                }
            },
        )
}

/// Lines that follow every rule: positive goods at Nordic rates, sometimes discounted.
fn valid_line() -> impl Strategy<Value = OrderLine> {
    let rate = prop::sample::select(vec![0_i64, 600, 1000, 1200, 1400, 1500, 2500, 2550]);
    (1_i64..=1000, 0_i64..=10_000_000, rate, 0_i64..=100).prop_map(|(q, p, r, pct)| {
        let discount = (q * p * pct / 1000).min(MAX_DISCOUNT);
        discounted(OrderLineType::Physical, q, p, r, discount)
    })
}

proptest! {
    #[test]
    fn validation_never_panics(
        lines in prop::collection::vec(any_line(), 0..8),
        amount in any::<i64>(),
        tax in any::<i64>(),
    ) {
        let known = [
            codes::NAME_REQUIRED, codes::NAME_TOO_LONG, codes::REFERENCE_TOO_LONG,
            codes::QUANTITY_UNIT_TOO_LONG, codes::QUANTITY_OUT_OF_RANGE,
            codes::DISCOUNT_OUT_OF_RANGE, codes::TAX_RATE_OUT_OF_RANGE,
            codes::LINE_TOTAL_MISMATCH, codes::DISCOUNT_LINE_NOT_NEGATIVE,
            codes::LINE_TAX_MISMATCH, codes::NO_LINES, codes::TOO_MANY_LINES,
            codes::ORDER_AMOUNT_NOT_POSITIVE, codes::ORDER_AMOUNT_MISMATCH,
            codes::ORDER_TAX_AMOUNT_MISMATCH, codes::AMOUNT_MISMATCH, codes::SUM_OUT_OF_RANGE,
        ];
        match validate_order_lines(&lines, amount, tax) {
            Ok(totals) => prop_assert_eq!((totals.amount, totals.tax_amount), (amount, tax)),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in &errors {
                    prop_assert!(known.contains(&e.code), "{}", e.code);
                    prop_assert!(!e.message.is_empty());
                }
            }
        }
        let _ = validate_lines_amount(&lines, amount, "order_lines", "captured_amount");
    }

    #[test]
    fn consistent_lines_pass(lines in prop::collection::vec(valid_line(), 1..20)) {
        let (amount, tax) = sums(&lines);
        prop_assume!(amount > 0);
        prop_assert_eq!(
            validate_order_lines(&lines, amount, tax),
            Ok(LineTotals { amount, tax_amount: tax })
        );
    }

    #[test]
    fn a_wrong_line_total_is_always_caught(
        lines in prop::collection::vec(valid_line(), 1..10),
        pick in any::<prop::sample::Index>(),
        delta in prop_oneof![-1_000_000_i64..0, 1_i64..1_000_000],
    ) {
        let mut lines = lines;
        let i = pick.index(lines.len());
        lines[i].total_amount += delta;
        let (amount, tax) = sums(&lines);
        let errors = validate_order_lines(&lines, amount, tax).unwrap_err();
        let field = format!("order_lines[{i}].total_amount");
        prop_assert!(errors.iter().any(|e| e.field == field && e.code == codes::LINE_TOTAL_MISMATCH));
    }
}
