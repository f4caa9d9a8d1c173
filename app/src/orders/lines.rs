//! Order lines as e-stores send them (Klarna's order line shape, amounts in minor units incl.
//! VAT) and their validation against the order's amounts, reporting every failing field at once.
//!
//! Validation collects all problems instead of stopping at the first: a merchant's developer
//! fixing an integration wants the whole list in one response, not one round trip per field.
//! All arithmetic is in `i128` on `i64` inputs, so no input can overflow or panic, and there are
//! no floats anywhere.
//!
//! The VAT in a line is checked with the tax-inclusive identity
//! `tax = total − total × 10000 / (10000 + tax_rate)` (domain.md 1.3), rounded half away from
//! zero ([`crate::money::Rounding::HalfUp`], the rule for amounts customers see), and a line may
//! deviate from it by [`TAX_TOLERANCE`] minor unit, because merchants' systems round per unit or
//! per line in their own ways.

use std::fmt::Display;

use serde::{Deserialize, Serialize};

/// Most lines one order (or one capture or refund) may have.
pub const MAX_LINES: usize = 1000;
/// Largest quantity of one line.
pub const MAX_QUANTITY: i64 = 100_000;
/// Largest tax rate, in hundredths of a percent (10000 = 100 %).
pub const MAX_TAX_RATE: i64 = 10_000;
/// Largest `total_discount_amount` of one line, in minor units.
pub const MAX_DISCOUNT: i64 = 100_000_000;
/// Longest `name`, in characters.
pub const MAX_NAME_CHARS: usize = 255;
/// Longest `reference`, in characters.
pub const MAX_REFERENCE_CHARS: usize = 255;
/// Longest `quantity_unit`, in characters.
pub const MAX_QUANTITY_UNIT_CHARS: usize = 10;
/// How far (in minor units, either way) a line's `total_tax_amount` may be from the computed
/// tax.
pub const TAX_TOLERANCE: i64 = 1;

/// The stable error codes of [`FieldError::code`]; also the Fluent message ids.
pub mod codes {
    /// `name` is missing or blank.
    pub const NAME_REQUIRED: &str = "NAME_REQUIRED";
    /// `name` is longer than 255 characters.
    pub const NAME_TOO_LONG: &str = "NAME_TOO_LONG";
    /// `reference` is longer than 255 characters.
    pub const REFERENCE_TOO_LONG: &str = "REFERENCE_TOO_LONG";
    /// `quantity_unit` is longer than 10 characters.
    pub const QUANTITY_UNIT_TOO_LONG: &str = "QUANTITY_UNIT_TOO_LONG";
    /// `quantity` is outside 0..=100000.
    pub const QUANTITY_OUT_OF_RANGE: &str = "QUANTITY_OUT_OF_RANGE";
    /// `total_discount_amount` is outside 0..=100000000.
    pub const DISCOUNT_OUT_OF_RANGE: &str = "DISCOUNT_OUT_OF_RANGE";
    /// `tax_rate` is outside 0..=10000.
    pub const TAX_RATE_OUT_OF_RANGE: &str = "TAX_RATE_OUT_OF_RANGE";
    /// `total_amount` is not `quantity × unit_price − total_discount_amount`.
    pub const LINE_TOTAL_MISMATCH: &str = "LINE_TOTAL_MISMATCH";
    /// A `discount` line whose `total_amount` is not negative.
    pub const DISCOUNT_LINE_NOT_NEGATIVE: &str = "DISCOUNT_LINE_NOT_NEGATIVE";
    /// `total_tax_amount` is more than one minor unit from the tax in `total_amount`.
    pub const LINE_TAX_MISMATCH: &str = "LINE_TAX_MISMATCH";
    /// No lines at all.
    pub const NO_LINES: &str = "NO_LINES";
    /// More than 1000 lines.
    pub const TOO_MANY_LINES: &str = "TOO_MANY_LINES";
    /// `order_amount` is zero or negative.
    pub const ORDER_AMOUNT_NOT_POSITIVE: &str = "ORDER_AMOUNT_NOT_POSITIVE";
    /// `order_amount` is not the sum of the lines' `total_amount`.
    pub const ORDER_AMOUNT_MISMATCH: &str = "ORDER_AMOUNT_MISMATCH";
    /// `order_tax_amount` is not the sum of the lines' `total_tax_amount`.
    pub const ORDER_TAX_AMOUNT_MISMATCH: &str = "ORDER_TAX_AMOUNT_MISMATCH";
    /// A captured or refunded amount that is not the sum of the given lines' `total_amount`.
    pub const AMOUNT_MISMATCH: &str = "AMOUNT_MISMATCH";
    /// The sum of the lines' `total_tax_amount` does not fit 64 bits (lines with huge amounts
    /// of opposite signs).
    pub const SUM_OUT_OF_RANGE: &str = "SUM_OUT_OF_RANGE";
}

/// What an order line is for (Klarna's `type`), serialised in snake case (`shipping_fee`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderLineType {
    /// Goods delivered physically; the default when a merchant leaves `type` out, as in
    /// Klarna's API.
    #[default]
    Physical,
    /// A discount on the order; its total is negative.
    Discount,
    /// Shipping.
    ShippingFee,
    /// Sales tax as a line of its own (US style; not used for Nordic VAT).
    SalesTax,
    /// Store credit used as payment; usually negative.
    StoreCredit,
    /// A gift card used as payment; usually negative.
    GiftCard,
    /// Digital goods or services.
    Digital,
    /// A surcharge (e.g. a payment method fee charged by the merchant).
    Surcharge,
    /// A fee for a return.
    ReturnFee,
}

/// One order line, as in Klarna's Payments and Order Management APIs.
///
/// Amounts are `i64` minor units including VAT; `quantity` and `tax_rate` are `i64` too, so an
/// out-of-range value reaches [`validate_order_lines`] and comes back as a named field error
/// instead of a generic JSON error. `type`, `total_discount_amount`, `tax_rate` and
/// `total_tax_amount` may be left out (physical, 0, 0, 0); unknown fields such as
/// `product_url` are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderLine {
    /// What the line is for.
    #[serde(rename = "type", default)]
    pub line_type: OrderLineType,
    /// The merchant's article number (SKU), at most 255 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// What the customer sees on the invoice; required, at most 255 characters.
    pub name: String,
    /// How many, 0..=100000.
    pub quantity: i64,
    /// The unit of `quantity` (`pcs`, `kg`), at most 10 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_unit: Option<String>,
    /// Price of one unit in minor units, incl. VAT, before discount.
    pub unit_price: i64,
    /// VAT rate in hundredths of a percent (2500 = 25 %), 0..=10000.
    #[serde(default)]
    pub tax_rate: i64,
    /// Discount on the whole line in minor units incl. VAT, 0..=100000000.
    #[serde(default)]
    pub total_discount_amount: i64,
    /// `quantity × unit_price − total_discount_amount`, minor units incl. VAT.
    pub total_amount: i64,
    /// The VAT included in `total_amount`, minor units (negative for discount lines).
    #[serde(default)]
    pub total_tax_amount: i64,
}

impl OrderLine {
    /// `quantity × unit_price − total_discount_amount`, exact for any inputs (it may not fit an
    /// `i64`, which is why it is an `i128`).
    pub fn expected_total_amount(&self) -> i128 {
        i128::from(self.quantity) * i128::from(self.unit_price)
            - i128::from(self.total_discount_amount)
    }

    /// The VAT included in this line's stated `total_amount` at its `tax_rate`, by
    /// [`tax_included`]; `None` for a rate outside 0..=10000.
    pub fn expected_tax_amount(&self) -> Option<i64> {
        tax_included(self.total_amount, self.tax_rate)
    }

    /// Whether the stated `total_tax_amount` is within [`TAX_TOLERANCE`] of
    /// [`OrderLine::expected_tax_amount`]; false for an invalid rate.
    pub fn tax_amount_is_valid(&self) -> bool {
        self.expected_tax_amount().is_some_and(|expected| {
            (i128::from(self.total_tax_amount) - i128::from(expected)).abs()
                <= i128::from(TAX_TOLERANCE)
        })
    }
}

/// The VAT included in the tax-inclusive `gross` at `tax_rate` (hundredths of a percent):
/// `gross × tax_rate / (10000 + tax_rate)`, which is `gross − gross × 10000 / (10000 +
/// tax_rate)`, rounded half away from zero (`Rounding::HalfUp`): 62400 at 2000 → 10400,
/// 9990 at 2500 → 1998, 1 at 10000 → 1 (0.5 rounds away from zero).
///
/// `None` for a rate outside 0..=10000. Never overflows: the result's magnitude is at most
/// `gross`'s.
pub fn tax_included(gross: i64, tax_rate: i64) -> Option<i64> {
    if !(0..=MAX_TAX_RATE).contains(&tax_rate) {
        return None;
    }
    let tax = div_round_half_up(
        i128::from(gross) * i128::from(tax_rate),
        i128::from(MAX_TAX_RATE + tax_rate),
    );
    i64::try_from(tax).ok()
}

/// `n / d` rounded half away from zero, for `d > 0`.
pub(crate) fn div_round_half_up(n: i128, d: i128) -> i128 {
    let (q, r) = (n / d, n % d);
    if 2 * r.abs() >= d {
        q + n.signum()
    } else {
        q
    }
}

/// A request field that failed validation, in the shape of the API's `validation_errors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// JSON path of the field, e.g. `order_lines[2].total_amount` or `order_amount`.
    pub field: String,
    /// Stable code from [`codes`], e.g. `LINE_TOTAL_MISMATCH`.
    pub code: &'static str,
    /// English explanation naming the expected and the given value.
    pub message: String,
}

impl FieldError {
    fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code,
            message: message.into(),
        }
    }
}

/// The sums of valid lines, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineTotals {
    /// Sum of the lines' `total_amount`.
    pub amount: i64,
    /// Sum of the lines' `total_tax_amount`.
    pub tax_amount: i64,
}

/// Checks an order's lines and its `order_amount` / `order_tax_amount` (field names as in the
/// create-order request) and returns every failing field, or the lines' sums.
///
/// Besides each line's rules (see [`validate_lines`]): `order_amount` must be positive and
/// equal the sum of the lines' `total_amount`, and `order_tax_amount` must equal the sum of
/// their `total_tax_amount` exactly (the per-line tolerance already allows for rounding).
pub fn validate_order_lines(
    lines: &[OrderLine],
    order_amount: i64,
    order_tax_amount: i64,
) -> Result<LineTotals, Vec<FieldError>> {
    let mut errors = Vec::new();
    if order_amount <= 0 {
        errors.push(FieldError::new(
            "order_amount",
            codes::ORDER_AMOUNT_NOT_POSITIVE,
            format!("order_amount must be greater than 0, got {order_amount}"),
        ));
    }
    let sums = check_lines(lines, "order_lines", &mut errors);
    if let Some((amount, tax)) = sums {
        check_sum(
            &mut errors,
            "order_amount",
            codes::ORDER_AMOUNT_MISMATCH,
            "the sum of order_lines[].total_amount",
            amount,
            order_amount,
        );
        check_sum(
            &mut errors,
            "order_tax_amount",
            codes::ORDER_TAX_AMOUNT_MISMATCH,
            "the sum of order_lines[].total_tax_amount",
            tax,
            order_tax_amount,
        );
    }
    finish(errors, sums, "order_lines")
}

/// Checks the lines of a partial capture or refund and that `amount` (the stated captured or
/// refunded amount) is the sum of their `total_amount`; returns every failing field or the
/// lines' sums.
///
/// `lines_field` names the lines in the request (`order_lines` → `order_lines[0].name`),
/// `amount_field` the amount (`captured_amount`, `refunded_amount`). Whether the lines belong
/// to the order and the amount is still capturable is the caller's business.
pub fn validate_lines_amount(
    lines: &[OrderLine],
    amount: i64,
    lines_field: &str,
    amount_field: &str,
) -> Result<LineTotals, Vec<FieldError>> {
    let mut errors = Vec::new();
    let sums = check_lines(lines, lines_field, &mut errors);
    if let Some((sum, _)) = sums {
        let what = format!("the sum of {lines_field}[].total_amount");
        check_sum(
            &mut errors,
            amount_field,
            codes::AMOUNT_MISMATCH,
            &what,
            sum,
            amount,
        );
    }
    finish(errors, sums, lines_field)
}

/// Checks each line's own rules and returns every failing field (paths start with
/// `lines_field`): the count (1..=1000), then per line the name (required, ≤255 characters),
/// reference (≤255), quantity unit (≤10), quantity (0..=100000), discount (0..=100000000),
/// tax rate (0..=10000), `total_amount = quantity × unit_price − total_discount_amount`, a
/// negative total for `discount` lines, and the tax within [`TAX_TOLERANCE`] of
/// [`tax_included`].
///
/// More than 1000 lines are refused with the count error alone: the request fails anyway, and
/// checking an unbounded list would make the error list (and the work) unbounded too.
pub fn validate_lines(lines: &[OrderLine], lines_field: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_lines(lines, lines_field, &mut errors);
    errors
}

/// The count and per-line checks; the sums of `total_amount` and `total_tax_amount` when the
/// count is allowed (they are meaningful even if a line failed, so sum mismatches are reported
/// alongside).
fn check_lines(
    lines: &[OrderLine],
    lines_field: &str,
    errors: &mut Vec<FieldError>,
) -> Option<(i128, i128)> {
    if lines.is_empty() {
        errors.push(FieldError::new(
            lines_field,
            codes::NO_LINES,
            format!("{lines_field} must have at least 1 line, got none"),
        ));
        return None;
    }
    if lines.len() > MAX_LINES {
        errors.push(FieldError::new(
            lines_field,
            codes::TOO_MANY_LINES,
            format!(
                "{lines_field} may have at most {MAX_LINES} lines, got {}",
                lines.len()
            ),
        ));
        return None;
    }
    let (mut amount, mut tax) = (0_i128, 0_i128);
    for (i, line) in lines.iter().enumerate() {
        check_line(line, &format!("{lines_field}[{i}]"), errors);
        amount += i128::from(line.total_amount);
        tax += i128::from(line.total_tax_amount);
    }
    Some((amount, tax))
}

/// Every rule of one line; `path` is its JSON path (`order_lines[2]`).
fn check_line(line: &OrderLine, path: &str, errors: &mut Vec<FieldError>) {
    let mut fail = |field: &str, code: &'static str, message: String| {
        errors.push(FieldError::new(format!("{path}.{field}"), code, message));
    };

    if line.name.trim().is_empty() {
        fail("name", codes::NAME_REQUIRED, "name is required".into());
    }
    check_length(
        &mut fail,
        "name",
        &line.name,
        MAX_NAME_CHARS,
        codes::NAME_TOO_LONG,
    );
    if let Some(reference) = &line.reference {
        check_length(
            &mut fail,
            "reference",
            reference,
            MAX_REFERENCE_CHARS,
            codes::REFERENCE_TOO_LONG,
        );
    }
    if let Some(unit) = &line.quantity_unit {
        check_length(
            &mut fail,
            "quantity_unit",
            unit,
            MAX_QUANTITY_UNIT_CHARS,
            codes::QUANTITY_UNIT_TOO_LONG,
        );
    }
    check_range(
        &mut fail,
        "quantity",
        line.quantity,
        MAX_QUANTITY,
        codes::QUANTITY_OUT_OF_RANGE,
    );
    check_range(
        &mut fail,
        "total_discount_amount",
        line.total_discount_amount,
        MAX_DISCOUNT,
        codes::DISCOUNT_OUT_OF_RANGE,
    );
    check_range(
        &mut fail,
        "tax_rate",
        line.tax_rate,
        MAX_TAX_RATE,
        codes::TAX_RATE_OUT_OF_RANGE,
    );

    let expected_total = line.expected_total_amount();
    if expected_total != i128::from(line.total_amount) {
        fail(
            "total_amount",
            codes::LINE_TOTAL_MISMATCH,
            format!(
                "total_amount must be quantity × unit_price − total_discount_amount = {} × {} − {} \
                 = {expected_total}, got {}",
                line.quantity, line.unit_price, line.total_discount_amount, line.total_amount
            ),
        );
    }
    if line.line_type == OrderLineType::Discount && line.total_amount >= 0 {
        fail(
            "total_amount",
            codes::DISCOUNT_LINE_NOT_NEGATIVE,
            format!(
                "a discount line's total_amount must be negative, got {}",
                line.total_amount
            ),
        );
    }
    // Without a valid rate there is no expected tax; the rate's own error says why.
    if let Some(expected_tax) = line.expected_tax_amount() {
        if !line.tax_amount_is_valid() {
            fail(
                "total_tax_amount",
                codes::LINE_TAX_MISMATCH,
                format!(
                    "total_tax_amount must be {expected_tax} (±{TAX_TOLERANCE}), the tax in \
                     total_amount {} at tax_rate {}, got {}",
                    line.total_amount, line.tax_rate, line.total_tax_amount
                ),
            );
        }
    }
}

fn check_length(
    fail: &mut impl FnMut(&str, &'static str, String),
    field: &str,
    value: &str,
    max: usize,
    code: &'static str,
) {
    let chars = value.chars().count();
    if chars > max {
        fail(
            field,
            code,
            format!("{field} may be at most {max} characters, got {chars}"),
        );
    }
}

fn check_range(
    fail: &mut impl FnMut(&str, &'static str, String),
    field: &str,
    value: i64,
    max: i64,
    code: &'static str,
) {
    if !(0..=max).contains(&value) {
        fail(
            field,
            code,
            format!("{field} must be between 0 and {max}, got {value}"),
        );
    }
}

/// Reports `given` when it is not `expected` (a sum of the lines, described by `what`).
fn check_sum(
    errors: &mut Vec<FieldError>,
    field: &str,
    code: &'static str,
    what: &str,
    expected: i128,
    given: i64,
) {
    if expected != i128::from(given) {
        errors.push(FieldError::new(
            field,
            code,
            format!("{field} must be {what} = {expected}, got {given}"),
        ));
    }
}

/// The result: the errors, or the sums (which fit an `i64` when they equal a given amount; the
/// tax sum of a capture is not compared with anything, so it is checked here).
fn finish(
    errors: Vec<FieldError>,
    sums: Option<(i128, i128)>,
    lines_field: &str,
) -> Result<LineTotals, Vec<FieldError>> {
    if !errors.is_empty() {
        return Err(errors);
    }
    let (amount, tax) = sums.unwrap_or_default();
    match (i64::try_from(amount), i64::try_from(tax)) {
        (Ok(amount), Ok(tax_amount)) => Ok(LineTotals { amount, tax_amount }),
        _ => Err(vec![FieldError::new(
            lines_field,
            codes::SUM_OUT_OF_RANGE,
            format!("the sum of {lines_field}[].total_tax_amount is out of range: {tax}"),
        )]),
    }
}

impl Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

#[cfg(test)]
#[path = "lines_tests.rs"]
mod tests;
