//! Turns a create-order request into a checked order, listing every invalid field at once
//! (a merchant's developer wants the whole list in one answer).

use std::net::IpAddr;

use chrono::NaiveDate;

use super::error::{FieldProblem, OrderError};
use super::lines::{validate_order_lines, FieldError, OrderLine};
use super::types::{AddressInput, CreateOrderRequest};
use crate::credit::rulesets::types::Product;
use crate::customers::national_id::NationalId;
use crate::customers::types::Address;
use crate::ktime::Country;
use crate::money::Currency;

/// Longest merchant reference.
pub const MAX_REFERENCE_CHARS: usize = 255;

/// A create-order request that passed every check.
#[derive(Debug, Clone)]
pub struct ValidOrder {
    /// The customer's (and the order's) country.
    pub country: Country,
    /// The order's currency (the country's).
    pub currency: Currency,
    /// `sv-SE`, …
    pub locale: String,
    /// Total incl. VAT, minor units.
    pub amount: i64,
    /// VAT, minor units.
    pub tax_amount: i64,
    /// The lines.
    pub lines: Vec<OrderLine>,
    /// The buyer.
    pub national_id: NationalId,
    /// E-mail (may be empty).
    pub email: String,
    /// Phone (may be empty).
    pub phone: String,
    /// Names from the billing address (may be empty).
    pub given_name: String,
    /// Family name from the billing address.
    pub family_name: String,
    /// The billing address, if given.
    pub billing_address: Option<Address>,
    /// Merchant references.
    pub reference1: String,
    /// Second merchant reference.
    pub reference2: String,
    /// The product.
    pub product: Product,
    /// The buyer's IP.
    pub ip: Option<IpAddr>,
}

/// The currency orders in `country` are made in.
pub fn currency_of(country: Country) -> Currency {
    match country {
        Country::SE => Currency::Sek,
        Country::NO => Currency::Nok,
        Country::DK => Currency::Dkk,
        Country::FI | Country::DE => Currency::Eur,
    }
}

/// The document language for an order: its `locale` when Kreditor writes that language
/// (`nb-NO` → `nb`, `de-DE` → `de`), else the language of the purchase country, so a
/// Finnish customer whose shop sent `fr-FR` gets a Finnish invoice, not a Swedish one.
pub fn language_of(locale: &str, country: Country) -> &'static str {
    crate::i18n::Lang::parse(locale)
        .unwrap_or_else(|| crate::i18n::Lang::of_country(country))
        .code()
}

/// Converts the line validator's errors into the API's problems.
pub fn problems(errors: Vec<FieldError>) -> Vec<FieldProblem> {
    errors
        .into_iter()
        .map(|e| FieldProblem::new(e.field, e.code, e.message))
        .collect()
}

fn required<T: Clone>(p: &mut Vec<FieldProblem>, field: &str, v: &Option<T>) -> Option<T> {
    if v.is_none() {
        p.push(FieldProblem::new(
            field,
            "REQUIRED",
            format!("{field} is required"),
        ));
    }
    v.clone()
}

fn reference(p: &mut Vec<FieldProblem>, field: &str, v: &Option<String>) -> String {
    let v = v.clone().unwrap_or_default();
    if v.chars().count() > MAX_REFERENCE_CHARS {
        p.push(FieldProblem::new(
            field,
            "TOO_LONG",
            format!("{field} is longer than {MAX_REFERENCE_CHARS} characters"),
        ));
    }
    v
}

/// Checks `req` for a merchant selling in `merchant_currency` on business date `today`.
pub fn validate_create(
    req: &CreateOrderRequest,
    merchant_currency: Currency,
    today: NaiveDate,
) -> Result<ValidOrder, OrderError> {
    let mut p = Vec::new();
    let country = required(&mut p, "purchase_country", &req.purchase_country).and_then(|c| {
        let parsed = Country::parse_code(&c.to_ascii_uppercase()).filter(|c| *c != Country::DE);
        if parsed.is_none() {
            p.push(FieldProblem::new(
                "purchase_country",
                "UNSUPPORTED_COUNTRY",
                format!("purchase_country {c:?} is not one of SE, NO, FI, DK"),
            ));
        }
        parsed
    });
    let currency = required(&mut p, "purchase_currency", &req.purchase_currency).and_then(|c| {
        let parsed = Currency::parse(&c.to_ascii_uppercase());
        match (parsed, country) {
            (None, _) => {
                p.push(FieldProblem::new(
                    "purchase_currency",
                    "UNSUPPORTED_CURRENCY",
                    format!("purchase_currency {c:?} is not one of SEK, NOK, DKK, EUR"),
                ));
                None
            }
            (Some(cur), Some(country)) if cur != currency_of(country) => {
                p.push(FieldProblem::new(
                    "purchase_currency",
                    "CURRENCY_MISMATCH",
                    format!(
                        "orders in {} are in {}, got {}",
                        country.code(),
                        currency_of(country).code(),
                        cur.code()
                    ),
                ));
                None
            }
            (Some(cur), _) if cur != merchant_currency => {
                p.push(FieldProblem::new(
                    "purchase_currency",
                    "CURRENCY_MISMATCH",
                    format!(
                        "this merchant sells in {}, got {}",
                        merchant_currency.code(),
                        cur.code()
                    ),
                ));
                None
            }
            (cur, _) => cur,
        }
    });
    // No locale: the purchase country's language (a Norwegian order is not written in Swedish).
    let locale = req.locale.clone().unwrap_or_else(|| {
        let c = country.unwrap_or(Country::SE);
        format!("{}-{}", crate::i18n::Lang::of_country(c).code(), c.code())
    });
    if locale.len() > 16
        || !locale
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        p.push(FieldProblem::new(
            "locale",
            "INVALID_LOCALE",
            "locale must look like sv-SE",
        ));
    }
    let amount = required(&mut p, "order_amount", &req.order_amount);
    let tax_amount = required(&mut p, "order_tax_amount", &req.order_tax_amount);
    let lines = required(&mut p, "order_lines", &req.order_lines);
    if let (Some(amount), Some(tax), Some(lines)) = (amount, tax_amount, &lines) {
        if let Err(errors) = validate_order_lines(lines, amount, tax) {
            p.extend(problems(errors));
        }
    }
    let customer = req.customer.clone().unwrap_or_default();
    let national_id = required(
        &mut p,
        "customer.national_identification_number",
        &customer.national_identification_number,
    )
    .and_then(|text| match country {
        Some(country) => match NationalId::parse(country, &text, today) {
            Ok(id) => Some(id),
            Err(e) => {
                p.push(FieldProblem::new(
                    "customer.national_identification_number",
                    e.code(),
                    format!("customer.national_identification_number: {e}"),
                ));
                None
            }
        },
        None => None,
    });
    let email = customer.email.unwrap_or_default();
    if !email.is_empty() && (!email.contains('@') || email.chars().count() > 254) {
        p.push(FieldProblem::new(
            "customer.email",
            "INVALID_EMAIL",
            "customer.email is not an e-mail address",
        ));
    }
    let phone = customer.phone.unwrap_or_default();
    if phone.chars().count() > 32 {
        p.push(FieldProblem::new(
            "customer.phone",
            "TOO_LONG",
            "customer.phone is longer than 32 characters",
        ));
    }
    let (given_name, family_name, billing_address) = billing(&mut p, &req.billing_address);
    let reference1 = reference(&mut p, "merchant_reference1", &req.merchant_reference1);
    let reference2 = reference(&mut p, "merchant_reference2", &req.merchant_reference2);
    let product = match req.payment_method.as_deref().unwrap_or("invoice") {
        "invoice" => Some(Product::Invoice),
        "installments" => {
            if p.is_empty() {
                return Err(OrderError::PaymentMethodUnavailable(
                    "installments are not offered yet; use payment_method \"invoice\"".into(),
                ));
            }
            None
        }
        other => {
            p.push(FieldProblem::new(
                "payment_method",
                "UNSUPPORTED_PAYMENT_METHOD",
                format!("payment_method {other:?} is not one of invoice, installments"),
            ));
            None
        }
    };
    let ip = match req.customer_ip.as_deref() {
        None | Some("") => None,
        Some(text) => match text.parse::<IpAddr>() {
            Ok(ip) => Some(ip),
            Err(_) => {
                p.push(FieldProblem::new(
                    "customer_ip",
                    "INVALID_IP",
                    format!("customer_ip {text:?} is not an IPv4 or IPv6 address"),
                ));
                None
            }
        },
    };
    match (
        country,
        currency,
        amount,
        tax_amount,
        lines,
        national_id,
        product,
    ) {
        (
            Some(country),
            Some(currency),
            Some(amount),
            Some(tax_amount),
            Some(lines),
            Some(national_id),
            Some(product),
        ) if p.is_empty() => Ok(ValidOrder {
            country,
            currency,
            locale,
            amount,
            tax_amount,
            lines,
            national_id,
            email,
            phone,
            given_name,
            family_name,
            billing_address,
            reference1,
            reference2,
            product,
            ip,
        }),
        _ => Err(OrderError::Validation(p)),
    }
}

/// Longest given or family name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// The names and address of `billing_address`; an address is only kept when complete. Every
/// bad part is reported (names too long, each bad address field).
fn billing(
    p: &mut Vec<FieldProblem>,
    input: &Option<AddressInput>,
) -> (String, String, Option<Address>) {
    let Some(a) = input else {
        return (String::new(), String::new(), None);
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default().trim().to_string();
    let (given, family) = (text(&a.given_name), text(&a.family_name));
    for (field, name) in [("given_name", &given), ("family_name", &family)] {
        if name.chars().count() > MAX_NAME_CHARS {
            p.push(FieldProblem::new(
                format!("billing_address.{field}"),
                "TOO_LONG",
                format!("billing_address.{field} is longer than {MAX_NAME_CHARS} characters"),
            ));
        }
    }
    // An address is all or nothing: any of its lines makes all of them checked (a city of
    // 5,000 characters is refused even without a street, not silently dropped).
    let street = text(&a.street_address);
    let lines = [
        &a.street_address,
        &a.street_address2,
        &a.postal_code,
        &a.city,
    ];
    if lines.iter().all(|v| text(v).is_empty()) {
        let country = text(&a.country).to_ascii_uppercase();
        if !country.is_empty() && !["SE", "NO", "FI", "DK", "DE"].contains(&country.as_str()) {
            p.push(FieldProblem::new(
                "billing_address.country",
                "INVALID",
                "billing_address.country is not one of SE, NO, FI, DK, DE",
            ));
        }
        return (given, family, None);
    }
    match Address::check(
        &text(&a.street_address2),
        &street,
        &text(&a.postal_code),
        &text(&a.city),
        &text(&a.country).to_ascii_uppercase(),
    ) {
        Ok(address) => (given, family, Some(address)),
        Err(problems) => {
            for (field, code) in problems {
                let field = match field {
                    "street" => "street_address",
                    "care_of" => "street_address2",
                    other => other,
                };
                let (code, why) = match code {
                    "ERR_TOO_LONG" => ("TOO_LONG", "is too long"),
                    "ERR_REQUIRED" => ("REQUIRED", "is required"),
                    "ERR_INVALID_POSTAL_CODE" => (
                        "INVALID_POSTAL_CODE",
                        "is not a postal code of the address's country",
                    ),
                    "ERR_CONTROL_CHARACTER" => ("CONTROL_CHARACTER", "holds a control character"),
                    _ => ("INVALID", "is invalid"),
                };
                p.push(FieldProblem::new(
                    format!("billing_address.{field}"),
                    code,
                    format!("billing_address.{field} {why}"),
                ));
            }
            (given, family, None)
        }
    }
}

/// Longest description or reference of a capture or refund.
pub const MAX_TEXT_CHARS: usize = 255;

/// The checks a capture and a refund share: `amount_field` present and positive, the lines (if
/// any) adding up to it, and `description` / `reference` not too long. Problems go to `p`;
/// returns the amount (0 when missing).
pub fn amount_lines_texts(
    p: &mut Vec<FieldProblem>,
    amount_field: &str,
    amount: Option<i64>,
    lines: &[OrderLine],
    texts: [(&str, &Option<String>); 2],
) -> i64 {
    let value = match amount {
        None => {
            p.push(FieldProblem::new(
                amount_field,
                "REQUIRED",
                format!("{amount_field} is required"),
            ));
            0
        }
        Some(a) if a <= 0 => {
            p.push(FieldProblem::new(
                amount_field,
                "AMOUNT_NOT_POSITIVE",
                format!("{amount_field} must be greater than 0, got {a}"),
            ));
            a
        }
        Some(a) => a,
    };
    if !lines.is_empty() && value > 0 {
        if let Err(errors) =
            super::lines::validate_lines_amount(lines, value, "order_lines", amount_field)
        {
            p.extend(problems(errors));
        }
    }
    for (field, text) in texts {
        if text.as_deref().unwrap_or("").chars().count() > MAX_TEXT_CHARS {
            p.push(FieldProblem::new(
                field,
                "TOO_LONG",
                format!("{field} is longer than {MAX_TEXT_CHARS} characters"),
            ));
        }
    }
    value
}
