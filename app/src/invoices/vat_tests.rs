//! Tests of VAT breakdowns: per-rate sums from lines (the merchant's tax kept), allocation of an
//! amount without lines (exact, largest remainder, tie to the lower rate), the invoice fee, the
//! stored JSON, and properties: sums always equal the inputs, allocation is exact and never
//! negative for positive amounts.

use proptest::prelude::*;

use super::*;
use crate::orders::lines::{OrderLineType, MAX_DISCOUNT};

fn line(line_type: OrderLineType, quantity: i64, unit_price: i64, tax_rate: i64) -> OrderLine {
    let total = quantity * unit_price;
    OrderLine {
        line_type,
        reference: None,
        name: "Vara".into(),
        quantity,
        quantity_unit: None,
        unit_price,
        tax_rate,
        total_discount_amount: 0,
        total_amount: total,
        total_tax_amount: tax_included(total, tax_rate).expect("valid rate"),
    }
}

/// Two shirts at 25 %, a discounted book at 6 %, shipping at 25 %, a discount at 25 %.
fn order() -> Vec<OrderLine> {
    let mut book = line(OrderLineType::Physical, 1, 19_900, 600);
    book.total_discount_amount = 1_000;
    book.total_amount = 18_900;
    book.total_tax_amount = 1_070;
    vec![
        line(OrderLineType::Physical, 2, 49_900, 2500),
        book,
        line(OrderLineType::ShippingFee, 1, 4_900, 2500),
        line(OrderLineType::Discount, 1, -10_000, 2500),
    ]
}

fn row(tax_rate: i64, gross: i64, tax: i64) -> VatRow {
    VatRow {
        tax_rate,
        gross,
        net: gross - tax,
        tax,
    }
}

fn grosses(b: &VatBreakdown) -> Vec<i64> {
    b.rows().iter().map(|r| r.gross).collect()
}

#[test]
fn lines_are_summed_per_rate() {
    let b = breakdown_lines(&order()).unwrap();
    assert_eq!(
        b.rows(),
        [row(600, 18_900, 1_070), row(2500, 94_700, 18_940)]
    );
    assert_eq!((b.gross(), b.net(), b.tax()), (113_600, 93_590, 20_010));
    assert_eq!(b.row(600), Some(&row(600, 18_900, 1_070)));
    assert_eq!(b.row(1200), None);
}

#[test]
fn the_merchants_tax_is_kept_when_within_tolerance() {
    let mut lines = order();
    lines[1].total_tax_amount = 1_071;
    let b = breakdown_lines(&lines).unwrap();
    assert_eq!(b.row(600), Some(&row(600, 18_900, 1_071)));
}

#[test]
fn a_wrong_tax_is_replaced_by_the_computed_one() {
    let mut lines = order();
    lines[1].total_tax_amount = 5_000;
    let b = breakdown_lines(&lines).unwrap();
    assert_eq!(b.row(600), Some(&row(600, 18_900, 1_070)));
}

#[test]
fn lines_with_a_bad_rate_or_none_at_all() {
    let mut lines = order();
    lines[0].tax_rate = 10_001;
    let e = breakdown_lines(&lines).unwrap_err();
    assert_eq!(e, VatError::TaxRateOutOfRange { tax_rate: 10_001 });
    assert_eq!(e.to_string(), "tax rate 10001 is outside 0..=10000");
    let empty = breakdown_lines(&[]).unwrap();
    assert!(empty.rows().is_empty());
    assert_eq!((empty.gross(), empty.net(), empty.tax()), (0, 0, 0));
}

#[test]
fn the_whole_order_by_amount_is_the_lines_breakdown() {
    let lines = order();
    assert_eq!(
        breakdown_amount(113_600, &lines).unwrap(),
        breakdown_lines(&lines).unwrap()
    );
}

#[test]
fn half_the_order_by_amount() {
    let b = breakdown_amount(56_800, &order()).unwrap();
    assert_eq!(b.rows(), [row(600, 9_450, 535), row(2500, 47_350, 9_470)]);
}

#[test]
fn leftover_ore_go_to_the_largest_fraction() {
    // 100 × 18900 / 113600 = 16.64, 100 × 94700 / 113600 = 83.36: the öre goes to the first.
    let b = breakdown_amount(100, &order()).unwrap();
    assert_eq!(b.rows(), [row(600, 17, 1), row(2500, 83, 17)]);
    assert_eq!(b.gross(), 100);
    // A refund by amount mirrors the capture.
    let b = breakdown_amount(-100, &order()).unwrap();
    assert_eq!(b.rows(), [row(600, -17, -1), row(2500, -83, -17)]);
}

#[test]
fn ties_go_to_the_lower_rate() {
    let lines = [
        line(OrderLineType::Physical, 1, 10_000, 2500),
        line(OrderLineType::Physical, 1, 10_000, 1200),
        line(OrderLineType::Physical, 1, 10_000, 600),
    ];
    assert_eq!(grosses(&breakdown_amount(1, &lines).unwrap()), [1, 0, 0]);
    assert_eq!(grosses(&breakdown_amount(2, &lines).unwrap()), [1, 1, 0]);
    assert_eq!(grosses(&breakdown_amount(5, &lines).unwrap()), [2, 2, 1]);
    assert_eq!(
        grosses(&breakdown_amount(-5, &lines).unwrap()),
        [-2, -2, -1]
    );
    assert_eq!(grosses(&breakdown_amount(0, &lines).unwrap()), [0, 0, 0]);
}

#[test]
fn a_gift_card_at_zero_rate_gets_its_negative_share() {
    let lines = [
        line(OrderLineType::Physical, 1, 10_000, 2500),
        line(OrderLineType::GiftCard, 1, -2_000, 0),
    ];
    let b = breakdown_amount(8_000, &lines).unwrap();
    assert_eq!(b.rows(), [row(0, -2_000, 0), row(2500, 10_000, 2_000)]);
    let b = breakdown_amount(4_000, &lines).unwrap();
    assert_eq!(b.rows(), [row(0, -1_000, 0), row(2500, 5_000, 1_000)]);
}

#[test]
fn amounts_without_a_base_are_refused() {
    assert_eq!(breakdown_amount(100, &[]), Err(VatError::NoLines));
    let nets_to_zero = [
        line(OrderLineType::Physical, 1, 1_000, 2500),
        line(OrderLineType::Discount, 1, -1_000, 2500),
    ];
    assert_eq!(
        breakdown_amount(100, &nets_to_zero),
        Err(VatError::ZeroBase)
    );
    let mut bad = order();
    bad[2].tax_rate = -1;
    assert_eq!(
        breakdown_amount(100, &bad),
        Err(VatError::TaxRateOutOfRange { tax_rate: -1 })
    );
}

#[test]
fn shares_that_do_not_fit_are_an_overflow() {
    // Rates of opposite sign adding up to 1: a share of 10 is 10 × 9·10^18.
    let lines = [
        line(OrderLineType::Physical, 1, 9_000_000_000_000_000_000, 0),
        line(OrderLineType::GiftCard, 1, -8_999_999_999_999_999_999, 2500),
    ];
    assert_eq!(breakdown_amount(10, &lines), Err(VatError::Overflow));
    assert_eq!(VatError::Overflow.to_string(), "amount out of range");
}

#[test]
fn the_invoice_fee_is_exempt_by_default() {
    assert_eq!(InvoiceFeeVat::default().tax_rate, 0);
    let b = invoice_fee_breakdown(2_900, InvoiceFeeVat::default()).unwrap();
    assert_eq!(b.rows(), [row(0, 2_900, 0)]);
    let b = invoice_fee_breakdown(2_900, InvoiceFeeVat { tax_rate: 2500 }).unwrap();
    assert_eq!(b.rows(), [row(2500, 2_900, 580)]);
    assert!(invoice_fee_breakdown(0, InvoiceFeeVat::default())
        .unwrap()
        .rows()
        .is_empty());
    assert_eq!(
        invoice_fee_breakdown(2_900, InvoiceFeeVat { tax_rate: 10_001 }),
        Err(VatError::TaxRateOutOfRange { tax_rate: 10_001 })
    );
}

#[test]
fn goods_and_fee_combine_per_rate() {
    let goods = breakdown_lines(&order()).unwrap();
    let exempt_fee = invoice_fee_breakdown(2_900, InvoiceFeeVat::default()).unwrap();
    let b = goods.combine(&exempt_fee).unwrap();
    assert_eq!(
        b.rows(),
        [
            row(0, 2_900, 0),
            row(600, 18_900, 1_070),
            row(2500, 94_700, 18_940)
        ]
    );
    assert_eq!(b.gross(), 113_600 + 2_900);
    let taxed_fee = invoice_fee_breakdown(2_900, InvoiceFeeVat { tax_rate: 2500 }).unwrap();
    let b = goods.combine(&taxed_fee).unwrap();
    assert_eq!(
        b.rows(),
        [row(600, 18_900, 1_070), row(2500, 97_600, 19_520)]
    );
    assert_eq!(b.tax(), 1_070 + 19_520);
}

#[test]
fn json_is_the_list_of_rows_and_is_checked_when_read() {
    let b = breakdown_lines(&order()).unwrap();
    let json = serde_json::to_value(&b).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"tax_rate": 600, "gross": 18900, "net": 17830, "tax": 1070},
            {"tax_rate": 2500, "gross": 94700, "net": 75760, "tax": 18940}
        ])
    );
    assert_eq!(serde_json::from_value::<VatBreakdown>(json).unwrap(), b);
    let bad = serde_json::json!([{"tax_rate": 2500, "gross": 100, "net": 100, "tax": 20}]);
    assert!(serde_json::from_value::<VatBreakdown>(bad).is_err());
}

#[test]
fn stored_rows_are_checked() {
    let invalid = |rows: Vec<VatRow>| VatBreakdown::from_rows(rows).unwrap_err();
    let e = invalid(vec![row(2500, 100, 20), row(600, 100, 6)]);
    assert!(matches!(e, VatError::InvalidRow { tax_rate: 600, .. }));
    assert!(matches!(
        invalid(vec![row(600, 100, 6), row(600, 100, 6)]),
        VatError::InvalidRow { tax_rate: 600, .. }
    ));
    let mut off = row(2500, 100, 20);
    off.net = 81;
    assert_eq!(
        invalid(vec![off]).to_string(),
        "invalid VAT row at tax rate 2500: net must be gross − tax"
    );
    assert_eq!(
        invalid(vec![row(-1, 100, 0)]),
        VatError::TaxRateOutOfRange { tax_rate: -1 }
    );
    assert_eq!(
        invalid(vec![row(0, i64::MAX, 0), row(600, i64::MAX, 0)]),
        VatError::Overflow
    );
    let mut wraps = row(0, i64::MIN, 0);
    wraps.tax = 1;
    wraps.net = i64::MAX;
    assert!(matches!(invalid(vec![wraps]), VatError::InvalidRow { .. }));
    assert_eq!(VatBreakdown::from_rows(vec![]), Ok(VatBreakdown::default()));
}

/// Lines as shops send them: Nordic rates, positive prices, some discounted, no negatives.
fn shop_line() -> impl Strategy<Value = OrderLine> {
    let rate = prop::sample::select(vec![0_i64, 600, 1000, 1200, 1400, 1500, 2500, 2550]);
    (1_i64..=100, 0_i64..=10_000_000, rate, 0_i64..=50).prop_map(|(q, p, r, pct)| {
        let mut l = line(OrderLineType::Physical, q, p, r);
        l.total_discount_amount = (q * p * pct / 100).min(MAX_DISCOUNT);
        l.total_amount -= l.total_discount_amount;
        l.total_tax_amount = tax_included(l.total_amount, r).expect("valid rate");
        l
    })
}

/// Any lines with valid rates, amounts of either sign and taxes off by up to a few öre.
fn any_line() -> impl Strategy<Value = OrderLine> {
    (
        -1_000_000_000_000_i64..1_000_000_000_000,
        0_i64..=10_000,
        -3_i64..=3,
    )
        .prop_map(|(total, rate, off)| {
            let mut l = line(OrderLineType::Physical, 1, total, rate);
            l.total_tax_amount += off;
            l
        })
}

proptest! {
    #[test]
    fn line_breakdowns_add_up_exactly(lines in prop::collection::vec(any_line(), 0..30)) {
        let b = breakdown_lines(&lines).unwrap();
        let gross: i64 = lines.iter().map(|l| l.total_amount).sum();
        let tax: i64 = lines
            .iter()
            .map(|l| if l.tax_amount_is_valid() { l.total_tax_amount } else { l.expected_tax_amount().unwrap() })
            .sum();
        prop_assert_eq!((b.gross(), b.tax(), b.net()), (gross, tax, gross - tax));
        prop_assert_eq!(b.rows().iter().map(|r| r.gross).sum::<i64>(), gross);
        prop_assert_eq!(b.rows().iter().map(|r| r.tax).sum::<i64>(), tax);
        for r in b.rows() {
            prop_assert_eq!(r.net, r.gross - r.tax);
            let of_rate: i64 = lines.iter().filter(|l| l.tax_rate == r.tax_rate).map(|l| l.total_amount).sum();
            prop_assert_eq!(r.gross, of_rate);
        }
        prop_assert!(b.rows().windows(2).all(|w| w[0].tax_rate < w[1].tax_rate));
    }

    #[test]
    fn allocation_is_exact_and_never_negative(
        lines in prop::collection::vec(shop_line(), 1..30),
        amount in 1_i64..=i64::MAX,
    ) {
        let order = breakdown_lines(&lines).unwrap();
        prop_assume!(order.gross() > 0);
        let b = breakdown_amount(amount, &lines).unwrap();
        prop_assert_eq!(b.gross(), amount);
        prop_assert_eq!(b.net(), b.gross() - b.tax());
        let total = i128::from(order.gross());
        for (share, whole) in b.rows().iter().zip(order.rows()) {
            prop_assert_eq!(share.tax_rate, whole.tax_rate);
            prop_assert!(share.gross >= 0 && share.tax >= 0, "{:?}", share);
            // Within one öre of the exact proportion.
            let exact = i128::from(amount) * i128::from(whole.gross);
            prop_assert!((i128::from(share.gross) * total - exact).abs() < total);
        }
    }

    #[test]
    fn allocation_of_any_amount_adds_up(
        lines in prop::collection::vec(any_line(), 1..10),
        amount in any::<i64>(),
    ) {
        match breakdown_amount(amount, &lines) {
            Ok(b) => {
                prop_assert_eq!(b.gross(), amount);
                let back = breakdown_amount(amount.saturating_neg(), &lines);
                if amount != i64::MIN {
                    let back = back.unwrap();
                    prop_assert_eq!(
                        grosses(&back),
                        grosses(&b).iter().map(|g| -g).collect::<Vec<_>>()
                    );
                }
            }
            Err(e) => prop_assert!(matches!(e, VatError::ZeroBase | VatError::Overflow), "{:?}", e),
        }
    }

    #[test]
    fn the_whole_amount_gives_the_lines_breakdown(lines in prop::collection::vec(shop_line(), 1..30)) {
        let whole = breakdown_lines(&lines).unwrap();
        prop_assume!(whole.gross() > 0);
        prop_assert_eq!(breakdown_amount(whole.gross(), &lines).unwrap(), whole);
    }
}
