//! The machine-readable payment line each market's payment slip carries at the bottom of the
//! page (pure: strings and barcode digits, no drawing), printed in OCR-B by the renderer.
//!
//! - **Sweden**, Bankgirot's inbetalningskort with OCR reference: the reading line
//!   `# <OCR, right-aligned in 25> #<kronor, right-aligned in 8> <öre>   <check> >` then the
//!   bankgiro number (digits only, right-aligned in 25) and `#41#`. The check digit is the
//!   mod-10 (Luhn) digit of kronor followed by öre. Positions follow Bankgirot's user manual
//!   ("Bankgiro Inbetalningar, användarmanual", the inbetalningskort chapter) as the
//!   open-source generator <https://gist.github.com/timint/59a8b9f3dcb096941e2e9a4d34d7f633>
//!   lays them out.
//! - **Norway**, the Nets (BBS) OCR giro's code line: `H`, the KID right-aligned in 25, the
//!   kroner right-aligned in 8, two blanks, the øre, the amount's mod-10 check digit in the
//!   middle of `< >`, two blanks, the 11-digit account, and the closing `<` (Nets' "Krav til
//!   oppsett av giroblankett for OCR", as summarised in the Cordel knowledge base). The
//!   pre-printed form number of a bank's own giro forms is left out: this page is plain paper.
//! - **Denmark**, FIK card type 71: `+71< <payment id, 15 digits> +<creditor number, 8>` and
//!   `<` (Nets' "Fremstilling af indbetalingskort +71<": the id is 15 digits with its mod-10
//!   check digit). Kreditor's Luhn payment id is left-padded with zeros to 15 digits, which
//!   leaves its check digit valid (a zero adds nothing under any weight).
//! - **Finland**, the bank barcode (Finanssiala's "Pankkiviivakoodi-opas" / "Bank bar code
//!   guide" 5.3): 54 digits — version `4` for a national viitenumero, `5` for an RF
//!   reference — printed as text ("virtuaaliviivakoodi") and as a Code 128 set C barcode
//!   ([`code128c`]).

use chrono::{Datelike, NaiveDate};

use super::company::{self, PayTo};
use super::model::{Document, DocumentKind};
use crate::invoices::ocr::luhn_check_digit;

/// What the bottom of an invoice's payment page carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanLine {
    /// An OCR-B reading line (Sweden, Norway, Denmark).
    Text(String),
    /// The Finnish bank barcode: its 54 digits, shown as text and drawn as Code 128 C.
    Barcode(String),
}

/// The scan line of `doc`: only invoices have one, and only when the amount and reference fit
/// the slip's fields (a positive total below 100 million; a reference the scheme can carry).
pub fn for_document(doc: &Document) -> Option<ScanLine> {
    if !matches!(doc.kind, DocumentKind::Invoice) {
        return None;
    }
    match company::pay_to(doc.country) {
        PayTo::Bankgiro(bg) => se_bankgiro(&doc.reference, doc.total, bg).map(ScanLine::Text),
        PayTo::AccountKid(account) => {
            no_giro(&doc.reference, doc.total, account).map(ScanLine::Text)
        }
        PayTo::Fik { creditor, .. } => dk_fik71(&doc.reference, creditor).map(ScanLine::Text),
        PayTo::Iban { iban, .. } => {
            fi_virtual_barcode(iban, &doc.reference, doc.total, doc.due_date).map(ScanLine::Barcode)
        }
    }
}

/// Digits only (`5402-9681` → `54029681`, `8601.11.17947` → `86011117947`).
fn digits_of(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Kronor and öre of a positive amount in minor units, when the kronor fit 8 digits.
fn split_amount(total_minor: i64) -> Option<(i64, i64)> {
    if total_minor <= 0 || total_minor >= 10_000_000_000 {
        return None;
    }
    Some((total_minor / 100, total_minor % 100))
}

/// The mod-10 (Luhn) check digit of kronor followed by two öre digits.
fn amount_check(kronor: i64, ore: i64) -> u8 {
    let digits: Vec<u8> = format!("{kronor}{ore:02}")
        .bytes()
        .map(|b| b - b'0')
        .collect();
    luhn_check_digit(&digits)
}

/// The Swedish Bankgirot reading line for OCR reference `ocr`, `total_minor` öre and
/// bankgiro number `bankgiro` (dash allowed). `None` when the reference is not 2–25 digits,
/// the bankgiro not 7–8 digits, or the amount does not fit.
pub fn se_bankgiro(ocr: &str, total_minor: i64, bankgiro: &str) -> Option<String> {
    let bg = digits_of(bankgiro);
    if !all_digits(ocr) || !(2..=25).contains(&ocr.len()) || !(7..=8).contains(&bg.len()) {
        return None;
    }
    let (kronor, ore) = split_amount(total_minor)?;
    let check = amount_check(kronor, ore);
    Some(format!(
        "# {ocr:>25} #{kronor:>8} {ore:02}   {check} >{bg:>25}#41#"
    ))
}

/// The Norwegian OCR giro code line for KID `kid`, `total_minor` øre and account `account`
/// (dots or blanks allowed). `None` when the KID is not 2–25 digits, the account not 11
/// digits, or the amount does not fit.
pub fn no_giro(kid: &str, total_minor: i64, account: &str) -> Option<String> {
    let account = digits_of(account);
    if !all_digits(kid) || !(2..=25).contains(&kid.len()) || account.len() != 11 {
        return None;
    }
    let (kroner, ore) = split_amount(total_minor)?;
    let check = amount_check(kroner, ore);
    Some(format!(
        "H  {kid:>25}  {kroner:>8}  {ore:02}  < {check} >  {account}  <"
    ))
}

/// The Danish FIK +71 OCR line for payment id `id` (at most 15 digits, zero-padded to 15) and
/// the 8-digit creditor number.
pub fn dk_fik71(id: &str, creditor: &str) -> Option<String> {
    if !all_digits(id) || id.len() > 15 || !all_digits(creditor) || creditor.len() != 8 {
        return None;
    }
    Some(format!("+71< {id:0>15} +{creditor}<"))
}

/// The Finnish bank barcode's 54 digits: version, the IBAN's 16 digits, euros (6) and cents
/// (2), then for a national reference (version 4) `000` and the reference right-aligned in
/// 20 digits, for an RF reference (version 5) its two check digits and the rest right-aligned
/// in 21 digits; last the due date as YYMMDD (`000000` without one). An amount of a million
/// euros or more is written as zeros, as the guide prescribes. `None` for a non-Finnish IBAN
/// or a reference either version cannot carry.
pub fn fi_virtual_barcode(
    iban: &str,
    reference: &str,
    total_minor: i64,
    due: Option<NaiveDate>,
) -> Option<String> {
    let iban: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    let account = iban.strip_prefix("FI")?;
    if account.len() != 16 || !all_digits(account) {
        return None;
    }
    if total_minor < 0 {
        return None;
    }
    let amount = if total_minor < 100_000_000 {
        total_minor
    } else {
        0
    };
    let (version, reference_part) = match reference.strip_prefix("RF") {
        Some(rf) => {
            let (check, body) = (rf.get(..2)?, rf.get(2..)?);
            if !all_digits(check) || !all_digits(body) || body.len() > 21 {
                return None;
            }
            ('5', format!("{check}{body:0>21}"))
        }
        None => {
            if !all_digits(reference) || reference.len() > 20 {
                return None;
            }
            ('4', format!("000{reference:0>20}"))
        }
    };
    let due = due.map_or_else(
        || "000000".to_string(),
        |d| format!("{:02}{:02}{:02}", d.year() % 100, d.month(), d.day()),
    );
    Some(format!(
        "{version}{account}{amount:08}{reference_part}{due}"
    ))
}

/// Code 128 bar and space widths (in modules) of symbol values 0–105; the stop pattern is
/// [`STOP`]. ISO/IEC 15417 table 1.
const PATTERNS: [[u8; 6]; 106] = [
    [2, 1, 2, 2, 2, 2],
    [2, 2, 2, 1, 2, 2],
    [2, 2, 2, 2, 2, 1],
    [1, 2, 1, 2, 2, 3],
    [1, 2, 1, 3, 2, 2],
    [1, 3, 1, 2, 2, 2],
    [1, 2, 2, 2, 1, 3],
    [1, 2, 2, 3, 1, 2],
    [1, 3, 2, 2, 1, 2],
    [2, 2, 1, 2, 1, 3],
    [2, 2, 1, 3, 1, 2],
    [2, 3, 1, 2, 1, 2],
    [1, 1, 2, 2, 3, 2],
    [1, 2, 2, 1, 3, 2],
    [1, 2, 2, 2, 3, 1],
    [1, 1, 3, 2, 2, 2],
    [1, 2, 3, 1, 2, 2],
    [1, 2, 3, 2, 2, 1],
    [2, 2, 3, 2, 1, 1],
    [2, 2, 1, 1, 3, 2],
    [2, 2, 1, 2, 3, 1],
    [2, 1, 3, 2, 1, 2],
    [2, 2, 3, 1, 1, 2],
    [3, 1, 2, 1, 3, 1],
    [3, 1, 1, 2, 2, 2],
    [3, 2, 1, 1, 2, 2],
    [3, 2, 1, 2, 2, 1],
    [3, 1, 2, 2, 1, 2],
    [3, 2, 2, 1, 1, 2],
    [3, 2, 2, 2, 1, 1],
    [2, 1, 2, 1, 2, 3],
    [2, 1, 2, 3, 2, 1],
    [2, 3, 2, 1, 2, 1],
    [1, 1, 1, 3, 2, 3],
    [1, 3, 1, 1, 2, 3],
    [1, 3, 1, 3, 2, 1],
    [1, 1, 2, 3, 1, 3],
    [1, 3, 2, 1, 1, 3],
    [1, 3, 2, 3, 1, 1],
    [2, 1, 1, 3, 1, 3],
    [2, 3, 1, 1, 1, 3],
    [2, 3, 1, 3, 1, 1],
    [1, 1, 2, 1, 3, 3],
    [1, 1, 2, 3, 3, 1],
    [1, 3, 2, 1, 3, 1],
    [1, 1, 3, 1, 2, 3],
    [1, 1, 3, 3, 2, 1],
    [1, 3, 3, 1, 2, 1],
    [3, 1, 3, 1, 2, 1],
    [2, 1, 1, 3, 3, 1],
    [2, 3, 1, 1, 3, 1],
    [2, 1, 3, 1, 1, 3],
    [2, 1, 3, 3, 1, 1],
    [2, 1, 3, 1, 3, 1],
    [3, 1, 1, 1, 2, 3],
    [3, 1, 1, 3, 2, 1],
    [3, 3, 1, 1, 2, 1],
    [3, 1, 2, 1, 1, 3],
    [3, 1, 2, 3, 1, 1],
    [3, 3, 2, 1, 1, 1],
    [3, 1, 4, 1, 1, 1],
    [2, 2, 1, 4, 1, 1],
    [4, 3, 1, 1, 1, 1],
    [1, 1, 1, 2, 2, 4],
    [1, 1, 1, 4, 2, 2],
    [1, 2, 1, 1, 2, 4],
    [1, 2, 1, 4, 2, 1],
    [1, 4, 1, 1, 2, 2],
    [1, 4, 1, 2, 2, 1],
    [1, 1, 2, 2, 1, 4],
    [1, 1, 2, 4, 1, 2],
    [1, 2, 2, 1, 1, 4],
    [1, 2, 2, 4, 1, 1],
    [1, 4, 2, 1, 1, 2],
    [1, 4, 2, 2, 1, 1],
    [2, 4, 1, 2, 1, 1],
    [2, 2, 1, 1, 1, 4],
    [4, 1, 3, 1, 1, 1],
    [2, 4, 1, 1, 1, 2],
    [1, 3, 4, 1, 1, 1],
    [1, 1, 1, 2, 4, 2],
    [1, 2, 1, 1, 4, 2],
    [1, 2, 1, 2, 4, 1],
    [1, 1, 4, 2, 1, 2],
    [1, 2, 4, 1, 1, 2],
    [1, 2, 4, 2, 1, 1],
    [4, 1, 1, 2, 1, 2],
    [4, 2, 1, 1, 1, 2],
    [4, 2, 1, 2, 1, 1],
    [2, 1, 2, 1, 4, 1],
    [2, 1, 4, 1, 2, 1],
    [4, 1, 2, 1, 2, 1],
    [1, 1, 1, 1, 4, 3],
    [1, 1, 1, 3, 4, 1],
    [1, 3, 1, 1, 4, 1],
    [1, 1, 4, 1, 1, 3],
    [1, 1, 4, 3, 1, 1],
    [4, 1, 1, 1, 1, 3],
    [4, 1, 1, 3, 1, 1],
    [1, 1, 3, 1, 4, 1],
    [1, 1, 4, 1, 3, 1],
    [3, 1, 1, 1, 4, 1],
    [4, 1, 1, 1, 3, 1],
    [2, 1, 1, 4, 1, 2],
    [2, 1, 1, 2, 1, 4],
    [2, 1, 1, 2, 3, 2],
];

/// The stop pattern (bar, space, bar, space, bar, space, bar), including the final bar.
const STOP: [u8; 7] = [2, 3, 3, 1, 1, 1, 2];

/// Code 128's "Start C" symbol value.
pub const START_C: u8 = 105;

/// The symbol values of an even number of digits in Code 128 set C: Start C, one value per
/// digit pair, the check value (Start C plus each value times its position, mod 103).
/// `None` for an odd count or a non-digit.
pub fn code128c(digits: &str) -> Option<Vec<u8>> {
    if !digits.len().is_multiple_of(2) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut values = vec![START_C];
    values.extend(
        digits
            .as_bytes()
            .chunks(2)
            .map(|pair| (pair[0] - b'0') * 10 + (pair[1] - b'0')),
    );
    let sum: u32 = values
        .iter()
        .enumerate()
        .map(|(i, v)| u32::from(*v) * u32::try_from(i.max(1)).unwrap_or(0))
        .sum();
    values.push(u8::try_from(sum % 103).unwrap_or(0));
    Some(values)
}

/// The bars of `values` (from [`code128c`]) and the stop pattern: `(start, width)` in modules
/// from the left end, spaces left out.
pub fn bars(values: &[u8]) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(values.len() * 3 + 4);
    let mut x: u32 = 0;
    let widths = values
        .iter()
        .filter_map(|v| PATTERNS.get(usize::from(*v)))
        .flat_map(|p| p.iter())
        .chain(STOP.iter());
    for (i, w) in widths.enumerate() {
        let w = u32::from(*w);
        if i % 2 == 0 {
            out.push((x, w));
        }
        x += w;
    }
    out
}

#[cfg(test)]
#[path = "scanline_tests.rs"]
mod tests;
