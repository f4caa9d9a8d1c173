//! Payment references printed on invoices, per country: the Swedish OCR number (Bankgirot), the
//! Norwegian KID, the Finnish viitenumero, a Danish mod-10 payment id, and the international RF
//! creditor reference (ISO 11649). Generated from a number (the invoice number) and validated
//! when a payment comes in, so a mistyped reference is caught instead of matched to the wrong
//! invoice.
//!
//! All the check digits here catch every single-digit error; mod-10 (Luhn) also catches most
//! swaps of neighbouring digits.

use serde::{Deserialize, Serialize};

use crate::ktime::Country;

/// Longest OCR number or KID: the BgMax reference field holds 25 characters, and Norwegian KIDs
/// have at most 25 digits.
pub const MAX_OCR_LEN: usize = 25;
/// Shortest Finnish reference base (without the check digit).
pub const FI_MIN_BASE_LEN: usize = 3;
/// Longest Finnish reference base (without the check digit).
pub const FI_MAX_BASE_LEN: usize = 19;
/// Longest RF creditor reference (`RF`, two check digits, up to 21 characters).
pub const RF_MAX_LEN: usize = 25;

/// The payment-reference options agreed with the banks: Bankgirot's OCR agreement (Sweden)
/// and the KID agreement with Nets / Mastercard Payment Services (Norway).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct OcrConfig {
    /// Whether the next-to-last digit is a length digit (the length of the whole number
    /// including both control digits, mod 10). Off by default (check digit only).
    pub length_digit: bool,
    /// The check digit Norwegian KIDs carry (`KID_MOD11`): MOD10 by default.
    pub kid: KidCheck,
}

/// The check-digit method of a Norwegian KID agreement: Nets lets the payee choose MOD10 or
/// MOD11, and the bank then checks every KID paid with that method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum KidCheck {
    /// Luhn (weights 2, 1 from the right).
    #[default]
    Mod10,
    /// Weights 2, 3, 4, 5, 6, 7, 2, … from the right; check = 11 − sum mod 11, 11 → 0, and 10
    /// is written `-` (as the KID standard prescribes).
    Mod11,
}

/// What is wrong with a reference (or with the base it was to be made from).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OcrError {
    /// A character that is not a digit 0–9.
    #[error("not a digit: {found:?} at position {position}")]
    NotDigits {
        /// 1-based position of the character.
        position: usize,
        /// The character.
        found: char,
    },
    /// Fewer digits than the scheme allows.
    #[error("too short: {len} characters, at least {min}")]
    TooShort {
        /// Characters given.
        len: usize,
        /// Fewest allowed.
        min: usize,
    },
    /// More characters than the scheme allows (25 for OCR and KID).
    #[error("too long: {len} characters, at most {max}")]
    TooLong {
        /// Characters given.
        len: usize,
        /// Most allowed.
        max: usize,
    },
    /// The check digit (for RF: the two check digits) does not match the rest.
    #[error("wrong check digit: expected {expected}, found {found}")]
    CheckDigit {
        /// What the other digits call for.
        expected: u8,
        /// What the reference has.
        found: u8,
    },
    /// The length digit does not match the number of digits.
    #[error("wrong length digit: expected {expected}, found {found}")]
    LengthDigit {
        /// The length mod 10.
        expected: u8,
        /// What the reference has.
        found: u8,
    },
    /// An RF reference that does not start with `RF`.
    #[error("an RF reference starts with \"RF\"")]
    MissingRfPrefix,
    /// A character that has no place in an RF reference (only A–Z and 0–9 do).
    #[error("not a letter or digit: {found:?} at position {position}")]
    InvalidCharacter {
        /// 1-based position of the character.
        position: usize,
        /// The character.
        found: char,
    },
}

/// The mod-10 ("10-modul", Luhn) check digit of `payload` (digits 0–9): weights 2, 1, 2, 1…
/// from the rightmost digit, the digits of each product added, and the check digit brings the
/// sum to a multiple of 10.
pub fn luhn_check_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let p = if i % 2 == 0 {
                u32::from(d) * 2
            } else {
                u32::from(d)
            };
            p / 10 + p % 10
        })
        .sum();
    ten_complement(sum)
}

/// A Swedish OCR number for `base`: its digits, the length digit if configured, and the mod-10
/// check digit over everything before it (`123` → `1230`; with length digit `12351`).
///
/// Cannot fail: a `u64` has at most 20 digits, so the result stays within 25.
pub fn generate(base: u64, config: OcrConfig) -> String {
    ocr_from_digits(&to_digits(base), config)
}

/// [`generate`] for a base given as digits (leading zeros kept, e.g. a customer number
/// followed by a zero-padded invoice number). Fails when `base` is empty, not all digits, or
/// too long for a 25-digit reference.
pub fn generate_from_digits(base: &str, config: OcrConfig) -> Result<String, OcrError> {
    let controls = if config.length_digit { 2 } else { 1 };
    let digits = parse_digits(base, 1, MAX_OCR_LEN - controls)?;
    Ok(ocr_from_digits(&digits, config))
}

/// Checks a Swedish OCR number under `config`, in this order: length (at most 25), digits
/// only, at least 2 digits (3 with a length digit), the length digit, the check digit. The
/// length digit goes first because it pinpoints the usual typing error (a digit dropped or
/// doubled), which the check digit only reports as "wrong".
pub fn validate(reference: &str, config: OcrConfig) -> Result<(), OcrError> {
    let min = if config.length_digit { 3 } else { 2 };
    let digits = parse_digits(reference, min, MAX_OCR_LEN)?;
    let (payload, check) = split_check(&digits);
    if config.length_digit {
        let expected = length_digit(digits.len());
        let found = payload[payload.len() - 1];
        if found != expected {
            return Err(OcrError::LengthDigit { expected, found });
        }
    }
    expect_check(luhn_check_digit(payload), check)
}

/// A Norwegian KID with a mod-10 (Luhn) check digit: `1234` → `12344`.
pub fn kid_mod10(base: u64) -> String {
    with_luhn(&to_digits(base))
}

/// Checks a mod-10 KID: 2–25 digits, the last one the Luhn check digit of the others.
pub fn validate_kid_mod10(kid: &str) -> Result<(), OcrError> {
    validate_mod10(kid)
}

/// A Norwegian KID with a MOD11 check digit: `1234` → `12343`, `2345678` → `23456788`,
/// `1234567890` → `12345678903`; a base whose check would be 10 ends in `-` (`1` → `1-`).
pub fn kid_mod11(base: u64) -> String {
    let digits = to_digits(base);
    let mut out = digits_text(&digits);
    out.push(match mod11_check_digit(&digits) {
        Some(d) => char::from(b'0' + d),
        None => '-',
    });
    out
}

/// Checks a MOD11 KID: 2–25 characters, digits but the last, which is the MOD11 check digit
/// or `-` where that is 10.
pub fn validate_kid_mod11(kid: &str) -> Result<(), OcrError> {
    let len = kid.chars().count();
    if len > MAX_OCR_LEN {
        return Err(OcrError::TooLong {
            len,
            max: MAX_OCR_LEN,
        });
    }
    let Some((at, last)) = kid.char_indices().last() else {
        return Err(OcrError::TooShort { len, min: 2 });
    };
    let payload = parse_digits_at(&kid[..at], 1)?;
    let found = match last {
        '-' => 10,
        c if c.is_ascii_digit() => u8::try_from(c.to_digit(10).unwrap_or(0)).unwrap_or(0),
        c => {
            return Err(OcrError::NotDigits {
                position: len,
                found: c,
            })
        }
    };
    check_len(len, 2, MAX_OCR_LEN)?;
    expect_check(mod11_check_digit(&payload).unwrap_or(10), found)
}

/// The MOD11 check digit of `payload`: weights 2–7 repeating from the rightmost digit,
/// `11 − sum mod 11`, where 11 gives 0 and 10 has no digit (`None`).
pub fn mod11_check_digit(payload: &[u8]) -> Option<u8> {
    let sum: u32 = payload
        .iter()
        .rev()
        .zip([2_u32, 3, 4, 5, 6, 7].into_iter().cycle())
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        c => u8::try_from(c).ok(),
    }
}

/// A Danish payment id: `base` with a mod-10 (Luhn) check digit, like a KID.
///
/// A simplification: a real FIK payment id (card type +71/+75) has a fixed length (15 or 16
/// digits) and its own layout, and is printed with the card type and the creditor number. This
/// generic mod-10 id carries the same protection against typing errors; the full FIK layout
/// waits for a Danish bank agreement.
pub fn dk_payment_id(base: u64) -> String {
    with_luhn(&to_digits(base))
}

/// Checks a Danish mod-10 payment id ([`dk_payment_id`]): 2–25 digits, Luhn check digit last.
pub fn validate_dk_payment_id(id: &str) -> Result<(), OcrError> {
    validate_mod10(id)
}

/// A Finnish reference number (viitenumero): `base` of 3–19 digits and a check digit with
/// weights 7, 3, 1 from the right (`617435` → `6174354`, `1234` → `12344`).
///
/// A base below 100 is refused rather than padded: leading zeros do not count in a Finnish
/// reference, so `0012` would be the too-short `12`.
pub fn viitenumero(base: u64) -> Result<String, OcrError> {
    let digits = to_digits(base);
    check_len(digits.len(), FI_MIN_BASE_LEN, FI_MAX_BASE_LEN)?;
    let mut out = digits_text(&digits);
    out.push(char::from(b'0' + fi_check_digit(&digits)));
    Ok(out)
}

/// Checks a Finnish reference number: 4–20 digits, the last one the 7-3-1 check digit.
pub fn validate_viitenumero(reference: &str) -> Result<(), OcrError> {
    let digits = parse_digits(reference, FI_MIN_BASE_LEN + 1, FI_MAX_BASE_LEN + 1)?;
    let (base, check) = split_check(&digits);
    expect_check(fi_check_digit(base), check)
}

/// The Finnish 7-3-1 check digit of `base` (digits 0–9): weights 7, 3, 1, 7, 3, 1… from the
/// rightmost digit, and the check digit is `(10 − sum mod 10) mod 10`.
pub fn fi_check_digit(base: &[u8]) -> u8 {
    let sum: u32 = base
        .iter()
        .rev()
        .zip([7_u32, 3, 1].into_iter().cycle())
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    ten_complement(sum)
}

/// An RF creditor reference (ISO 11649) for `base` (1–21 letters or digits; lower case is
/// written in upper case): `RF`, two check digits, `base` (`539007547034` →
/// `RF18539007547034`).
pub fn rf_reference(base: &str) -> Result<String, OcrError> {
    let base = base.to_ascii_uppercase();
    check_len(base.chars().count(), 1, RF_MAX_LEN - 4)?;
    check_alphanumeric(&base, 0)?;
    let check = 98 - mod97(&format!("{base}RF00"));
    Ok(format!("RF{check:02}{base}"))
}

/// Checks an RF creditor reference: `RF`, two check digits and 1–21 letters or digits, valid
/// when the whole, with the first four characters moved to the end, is 1 mod 97. Letters may
/// be in either case, as ISO 11649 allows.
pub fn validate_rf(reference: &str) -> Result<(), OcrError> {
    let chars: Vec<char> = reference.chars().map(|c| c.to_ascii_uppercase()).collect();
    check_len(chars.len(), 5, RF_MAX_LEN)?;
    let (prefix, rest) = chars.split_at(2);
    if prefix != ['R', 'F'] {
        return Err(OcrError::MissingRfPrefix);
    }
    let (check_chars, body) = rest.split_at(2);
    let check_text: String = check_chars.iter().collect();
    let check = parse_digits_at(&check_text, 3)?;
    let body: String = body.iter().collect();
    check_alphanumeric(&body, 4)?;
    let found = check.iter().fold(0, |n, d| n * 10 + d);
    // 98 − (0..=96): a valid pair is 02..=98, so 00, 01 and 99 always fail here.
    let expected = 98 - mod97(&format!("{body}RF00"));
    expect_check(expected, found)
}

/// The reference scheme a country's invoices carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReferenceScheme {
    /// Sweden: Bankgiro OCR number (mod 10, optional length digit).
    SeOcr,
    /// Norway: KID with a mod-10 check digit.
    NoKidMod10,
    /// Norway: KID with a MOD11 check digit (`KID_MOD11=true`).
    NoKidMod11,
    /// Finland: viitenumero (7-3-1).
    FiViitenumero,
    /// Denmark: mod-10 payment id, a simplified FIK ([`dk_payment_id`]).
    DkMod10,
    /// Elsewhere (Germany): the international RF creditor reference, which SEPA transfers carry.
    Rf,
}

/// The scheme of `country`'s invoices.
pub fn scheme_for(country: Country) -> ReferenceScheme {
    match country {
        Country::SE => ReferenceScheme::SeOcr,
        Country::NO => ReferenceScheme::NoKidMod10,
        Country::FI => ReferenceScheme::FiViitenumero,
        Country::DK => ReferenceScheme::DkMod10,
        Country::DE => ReferenceScheme::Rf,
    }
}

/// The scheme of `country`'s invoices under the agreements in `config` (Norway: MOD10 or
/// MOD11 KIDs).
pub fn scheme_with(country: Country, config: OcrConfig) -> ReferenceScheme {
    match (scheme_for(country), config.kid) {
        (ReferenceScheme::NoKidMod10, KidCheck::Mod11) => ReferenceScheme::NoKidMod11,
        (scheme, _) => scheme,
    }
}

/// The payment reference for an invoice in `country` made from `base` (the invoice number),
/// by [`scheme_with`]; `config` applies to the Swedish OCR and the Norwegian KID. Fails only
/// for a Finnish base outside 3–19 digits.
pub fn reference_for(country: Country, base: u64, config: OcrConfig) -> Result<String, OcrError> {
    match scheme_with(country, config) {
        ReferenceScheme::SeOcr => Ok(generate(base, config)),
        ReferenceScheme::NoKidMod10 => Ok(kid_mod10(base)),
        ReferenceScheme::NoKidMod11 => Ok(kid_mod11(base)),
        ReferenceScheme::FiViitenumero => viitenumero(base),
        ReferenceScheme::DkMod10 => Ok(dk_payment_id(base)),
        ReferenceScheme::Rf => rf_reference(&base.to_string()),
    }
}

/// Checks a payment reference under `country`'s scheme ([`scheme_with`]).
pub fn validate_reference(
    country: Country,
    reference: &str,
    config: OcrConfig,
) -> Result<(), OcrError> {
    match scheme_with(country, config) {
        ReferenceScheme::SeOcr => validate(reference, config),
        ReferenceScheme::NoKidMod10 => validate_kid_mod10(reference),
        ReferenceScheme::NoKidMod11 => validate_kid_mod11(reference),
        ReferenceScheme::FiViitenumero => validate_viitenumero(reference),
        ReferenceScheme::DkMod10 => validate_dk_payment_id(reference),
        ReferenceScheme::Rf => validate_rf(reference),
    }
}

fn ocr_from_digits(base: &[u8], config: OcrConfig) -> String {
    let mut payload = base.to_vec();
    if config.length_digit {
        payload.push(length_digit(base.len() + 2));
    }
    with_luhn(&payload)
}

/// `payload` followed by its Luhn check digit, as text.
fn with_luhn(payload: &[u8]) -> String {
    let mut out = digits_text(payload);
    out.push(char::from(b'0' + luhn_check_digit(payload)));
    out
}

fn validate_mod10(reference: &str) -> Result<(), OcrError> {
    let digits = parse_digits(reference, 2, MAX_OCR_LEN)?;
    let (payload, check) = split_check(&digits);
    expect_check(luhn_check_digit(payload), check)
}

/// The length digit for a reference of `len` digits (its ones digit).
fn length_digit(len: usize) -> u8 {
    // `len % 10` is below 10, so the conversion cannot fail.
    u8::try_from(len % 10).unwrap_or(0)
}

fn ten_complement(sum: u32) -> u8 {
    u8::try_from((10 - sum % 10) % 10).unwrap_or(0)
}

fn expect_check(expected: u8, found: u8) -> Result<(), OcrError> {
    if expected == found {
        Ok(())
    } else {
        Err(OcrError::CheckDigit { expected, found })
    }
}

/// The digits before the last, and the last (callers guarantee at least two digits).
fn split_check(digits: &[u8]) -> (&[u8], u8) {
    match digits.split_last() {
        Some((last, payload)) => (payload, *last),
        None => (&[], 0),
    }
}

fn to_digits(n: u64) -> Vec<u8> {
    n.to_string().bytes().map(|b| b - b'0').collect()
}

fn digits_text(digits: &[u8]) -> String {
    digits.iter().map(|d| char::from(b'0' + d)).collect()
}

fn check_len(len: usize, min: usize, max: usize) -> Result<(), OcrError> {
    if len > max {
        Err(OcrError::TooLong { len, max })
    } else if len < min {
        Err(OcrError::TooShort { len, min })
    } else {
        Ok(())
    }
}

/// The digits of `text`: too long first (no work on huge input), then the first non-digit,
/// then too short.
fn parse_digits(text: &str, min: usize, max: usize) -> Result<Vec<u8>, OcrError> {
    let len = text.chars().count();
    if len > max {
        return Err(OcrError::TooLong { len, max });
    }
    let digits = parse_digits_at(text, 1)?;
    check_len(len, min, max)?;
    Ok(digits)
}

/// The digits of `text`, whose first character is at 1-based `first_position` of the
/// reference (for the error).
fn parse_digits_at(text: &str, first_position: usize) -> Result<Vec<u8>, OcrError> {
    text.chars()
        .enumerate()
        .map(|(i, c)| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => Ok(u8::try_from(d).unwrap_or(0)),
            _ => Err(OcrError::NotDigits {
                position: first_position + i,
                found: c,
            }),
        })
        .collect()
}

fn check_alphanumeric(text: &str, first_position: usize) -> Result<(), OcrError> {
    match text
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_alphanumeric())
    {
        Some((i, found)) => Err(OcrError::InvalidCharacter {
            position: first_position + i + 1,
            found,
        }),
        None => Ok(()),
    }
}

/// `text` (A–Z, 0–9; letters count as 10–35) read as a number, mod 97.
fn mod97(text: &str) -> u8 {
    let r = text.chars().fold(0_u32, |r, c| match c.to_digit(36) {
        Some(v) if v < 10 => (r * 10 + v) % 97,
        Some(v) => (r * 100 + v) % 97,
        None => r,
    });
    u8::try_from(r).unwrap_or(0)
}

#[cfg(test)]
#[path = "ocr_tests.rs"]
mod tests;
