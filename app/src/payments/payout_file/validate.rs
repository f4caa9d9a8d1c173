//! Every check a [`PayoutBatch`] passes before a byte is written, and the checked form the
//! writer works from (accounts in the spelling the file needs, amounts as decimal text, the
//! payouts grouped per currency with their sums).
//!
//! The limits are the XSD's (`Max35Text`, `Max140Text`, `IBAN2007Identifier`, 18 digits of
//! amount) narrowed where the banks' guidelines are stricter: identifiers in the SWIFT/EPC
//! character set, names within 70 characters, text in the Latin letters of ISO 8859-1.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::{
    CreditorAccount, DebtorAccount, Payout, PayoutBatch, PayoutFileError, PostalAddress, Remittance,
};
use crate::invoices::ocr;
use crate::merchants::payout as account_check;
use crate::money::Currency;

/// Longest `MsgId` we accept: `PmtInfId` is `MsgId-CCY` and must fit 35.
pub(super) const MAX_MESSAGE_ID: usize = 31;
/// Longest identifier (`Max35Text`).
const MAX_ID: usize = 35;
/// Longest name: the schema allows 140, CGI-based bank guidelines recommend 70, and longer
/// names are cut when a bank converts the payment to another format.
pub(super) const MAX_NAME: usize = 70;
/// Longest free remittance text (`Max140Text`).
pub(super) const MAX_REMITTANCE: usize = 140;
/// Amounts and control sums have at most 18 digits (`totalDigits` 18): with the currencies'
/// two decimals, below 10^18 minor units.
const MAX_MINOR: i64 = 1_000_000_000_000_000_000 - 1;

/// Bankgirot's clearing number in the Swedish clearing system (`SESBA`), the creditor agent of
/// a bankgiro payment.
pub(super) const BANKGIRO_CLEARING: &str = "9900";
/// The clearing number written for a plusgiro account (Plusgirot, Nordea).
pub(super) const PLUSGIRO_CLEARING: &str = "9500";

/// A batch that passed every check.
pub(super) struct Checked<'a> {
    pub batch: &'a PayoutBatch,
    pub debtor_account: AccountId,
    pub debtor_bic: String,
    pub org_number: String,
    pub groups: Vec<Group<'a>>,
    pub count: usize,
    pub total: Decimal,
}

/// The payouts of one currency: one `PmtInf`.
pub(super) struct Group<'a> {
    pub currency: Currency,
    pub items: Vec<Item<'a>>,
    pub total: Decimal,
}

/// One checked payout.
pub(super) struct Item<'a> {
    pub payout: &'a Payout,
    /// The amount as written (`1234.50`).
    pub amount: Decimal,
    pub account: AccountId,
    pub agent: Option<Agent>,
}

/// `CashAccount16/Id`.
pub(super) enum AccountId {
    /// `IBAN`, compact (no blanks).
    Iban(String),
    /// `Othr/Id` with `SchmeNm/Prtry` (`BGNR`).
    Proprietary { id: String, scheme: &'static str },
    /// `Othr/Id` with `SchmeNm/Cd` (`BBAN`).
    Code { id: String, scheme: &'static str },
}

/// `FinInstnId`: how the receiving bank is named.
pub(super) enum Agent {
    /// `BIC`, upper case.
    Bic(String),
    /// `ClrSysMmbId` in the Swedish clearing system `SESBA`.
    SwedishClearing(String),
}

/// Checks the whole batch; the first problem found is the error.
pub(super) fn check(batch: &PayoutBatch) -> Result<Checked<'_>, PayoutFileError> {
    identifier("message_id", &batch.message_id, MAX_MESSAGE_ID)?;
    text("debtor.name", &batch.debtor.name, MAX_NAME)?;
    let debtor_account = match &batch.debtor.account {
        DebtorAccount::Iban(iban) => AccountId::Iban(check_iban("debtor.account", iban)?),
        DebtorAccount::Bankgiro(number) => AccountId::Proprietary {
            id: check_bankgiro("debtor.account", number)?,
            scheme: "BGNR",
        },
    };
    let debtor_bic = bic("debtor.bic", &batch.debtor.bic)?;
    let org_number = org_number("debtor.org_number", &batch.debtor.org_number)?;
    if batch.execution_date < batch.created_at.date_naive() {
        return Err(PayoutFileError::new(
            "execution_date",
            "is before the file's creation date",
        ));
    }
    if batch.payouts.is_empty() {
        return Err(PayoutFileError::new("payouts", "there is nothing to pay"));
    }

    let mut seen = HashSet::new();
    let mut groups: Vec<Group<'_>> = Currency::ALL
        .iter()
        .map(|&currency| Group {
            currency,
            items: Vec::new(),
            total: Decimal::ZERO,
        })
        .collect();
    let mut total_minor: i64 = 0;
    for (i, payout) in batch.payouts.iter().enumerate() {
        let field = |name: &str| format!("payouts[{i}].{name}");
        identifier(&field("end_to_end_id"), &payout.end_to_end_id, MAX_ID)?;
        if !seen.insert(payout.end_to_end_id.as_str()) {
            return Err(PayoutFileError::new(
                field("end_to_end_id"),
                "is used by an earlier payout of the batch",
            ));
        }
        let minor = amount(&field("amount"), payout)?;
        total_minor = total_minor
            .checked_add(minor)
            .filter(|t| *t <= MAX_MINOR)
            .ok_or_else(|| {
                PayoutFileError::new(field("amount"), "makes the file's total too large")
            })?;
        text(&field("creditor.name"), &payout.creditor.name, MAX_NAME)?;
        if let Some(address) = &payout.creditor.address {
            postal_address(&field("creditor.address"), address)?;
        }
        let (account, agent) = creditor_account(&field("account"), payout)?;
        remittance(&field("remittance"), &payout.remittance)?;

        let currency = payout.amount.currency();
        let amount = Decimal::new(minor, currency.minor_units());
        let Some(group) = groups.iter_mut().find(|g| g.currency == currency) else {
            return Err(PayoutFileError::new(field("amount"), "unknown currency"));
        };
        group.total += amount;
        group.items.push(Item {
            payout,
            amount,
            account,
            agent,
        });
    }
    groups.retain(|g| !g.items.is_empty());
    let total = groups.iter().map(|g| g.total).sum();
    Ok(Checked {
        batch,
        debtor_account,
        debtor_bic,
        org_number,
        count: batch.payouts.len(),
        groups,
        total,
    })
}

/// The amount in minor units: above zero, exact to the currency's minor units, small enough.
fn amount(field: &str, payout: &Payout) -> Result<i64, PayoutFileError> {
    let money = payout.amount;
    if !money.is_positive() {
        return Err(PayoutFileError::new(field, "must be above zero"));
    }
    let minor = money.to_minor().map_err(|_| {
        PayoutFileError::new(
            field,
            format!(
                "has more decimals than {} has ({})",
                money.currency(),
                money.currency().minor_units()
            ),
        )
    })?;
    if minor > MAX_MINOR {
        return Err(PayoutFileError::new(field, "is too large for a payment"));
    }
    Ok(minor)
}

/// The creditor's account in the file's form, and the creditor agent to write with it.
fn creditor_account(
    field: &str,
    payout: &Payout,
) -> Result<(AccountId, Option<Agent>), PayoutFileError> {
    let currency = payout.amount.currency();
    let swedish_only = |kind: &str| {
        if currency == Currency::Sek {
            Ok(())
        } else {
            Err(PayoutFileError::new(
                field,
                format!("a {kind} takes SEK only, not {currency}"),
            ))
        }
    };
    Ok(match &payout.account {
        CreditorAccount::Iban { iban, bic: code } => {
            let iban = check_iban(field, iban)?;
            let agent = match code {
                Some(code) => Some(Agent::Bic(bic(&format!("{field}.bic"), code)?)),
                None => None,
            };
            (AccountId::Iban(iban), agent)
        }
        CreditorAccount::Bankgiro(number) => {
            swedish_only("bankgiro number")?;
            (
                AccountId::Proprietary {
                    id: check_bankgiro(field, number)?,
                    scheme: "BGNR",
                },
                Some(Agent::SwedishClearing(BANKGIRO_CLEARING.to_owned())),
            )
        }
        CreditorAccount::Plusgiro(number) => {
            swedish_only("plusgiro number")?;
            let digits = without_prefix(number, &["plusgiro", "pg"]);
            let valid = account_check::plusgiro(digits).ok_or_else(|| {
                PayoutFileError::new(field, "is not a valid plusgiro number (check digit)")
            })?;
            (
                AccountId::Code {
                    id: only_digits(&valid),
                    scheme: "BBAN",
                },
                Some(Agent::SwedishClearing(PLUSGIRO_CLEARING.to_owned())),
            )
        }
        CreditorAccount::SwedishBank { clearing, account } => {
            swedish_only("Swedish bank account")?;
            let clearing = digits_of(&format!("{field}.clearing"), clearing)?;
            if !(clearing.len() == 4 || (clearing.len() == 5 && clearing.starts_with('8')))
                || clearing.starts_with('0')
            {
                return Err(PayoutFileError::new(
                    format!("{field}.clearing"),
                    "must be 4 digits (5 for Swedbank's 8xxxx)",
                ));
            }
            let number = digits_of(&format!("{field}.account"), account)?;
            if !(7..=10).contains(&number.len()) {
                return Err(PayoutFileError::new(
                    format!("{field}.account"),
                    "must be 7 to 10 digits",
                ));
            }
            let member = clearing[..4].to_owned();
            (
                AccountId::Code {
                    id: format!("{clearing}{number}"),
                    scheme: "BBAN",
                },
                Some(Agent::SwedishClearing(member)),
            )
        }
    })
}

fn remittance(field: &str, remittance: &Remittance) -> Result<(), PayoutFileError> {
    match remittance {
        Remittance::Text(t) => text(field, t, MAX_REMITTANCE),
        Remittance::Reference(r) => {
            identifier(field, r, MAX_ID)?;
            if r.starts_with("RF") && ocr::validate_rf(r).is_err() {
                return Err(PayoutFileError::new(
                    field,
                    "is not a valid RF creditor reference (check digits)",
                ));
            }
            Ok(())
        }
    }
}

fn postal_address(field: &str, address: &PostalAddress) -> Result<(), PayoutFileError> {
    for (name, value, max) in [
        ("street", &address.street, MAX_NAME),
        ("postcode", &address.postcode, 16),
        ("town", &address.town, 35),
    ] {
        if let Some(value) = value {
            text(&format!("{field}.{name}"), value, max)?;
        }
    }
    let country = &address.country;
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(PayoutFileError::new(
            format!("{field}.country"),
            "must be two upper-case letters (ISO 3166)",
        ));
    }
    Ok(())
}

/// An IBAN checked by the merchant agreement's validator (country length, mod 97), compact.
fn check_iban(field: &str, text: &str) -> Result<String, PayoutFileError> {
    account_check::iban(text)
        .map(|grouped| grouped.replace(' ', ""))
        .ok_or_else(|| {
            PayoutFileError::new(
                field,
                "is not a valid IBAN (country, length or check digits)",
            )
        })
}

/// A bankgiro number checked by the merchant agreement's validator, digits only.
fn check_bankgiro(field: &str, text: &str) -> Result<String, PayoutFileError> {
    account_check::bankgiro(without_prefix(text, &["bankgiro", "bg"]))
        .map(|valid| only_digits(&valid))
        .ok_or_else(|| PayoutFileError::new(field, "is not a valid bankgiro number (check digit)"))
}

/// `text` without a leading kind word (`BG`, `plusgiro:`), as customers write giro numbers.
fn without_prefix<'t>(text: &'t str, prefixes: &[&str]) -> &'t str {
    let trimmed = text.trim();
    for prefix in prefixes {
        if let Some(head) = trimmed.get(..prefix.len()) {
            if head.eq_ignore_ascii_case(prefix) {
                return trimmed[prefix.len()..].trim_start_matches([' ', ':']);
            }
        }
    }
    trimmed
}

fn only_digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The digits of a number written with blanks and dashes; anything else is refused.
fn digits_of(field: &str, text: &str) -> Result<String, PayoutFileError> {
    if text
        .chars()
        .any(|c| !(c.is_ascii_digit() || c == ' ' || c == '-'))
    {
        return Err(PayoutFileError::new(
            field,
            "may hold only digits, blanks and dashes",
        ));
    }
    Ok(only_digits(text))
}

/// A BIC (ISO 9362) in the schema's pattern, upper-cased.
fn bic(field: &str, text: &str) -> Result<String, PayoutFileError> {
    let code = text.trim().to_ascii_uppercase();
    let b = code.as_bytes();
    let ok = (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && (b[6].is_ascii_uppercase() || (b'2'..=b'9').contains(&b[6]))
        && ((b[7].is_ascii_uppercase() && b[7] != b'O') || b[7].is_ascii_digit())
        && b[8..].iter().all(u8::is_ascii_alphanumeric);
    if ok {
        Ok(code)
    } else {
        Err(PayoutFileError::new(
            field,
            "is not a BIC (8 or 11 letters and digits)",
        ))
    }
}

/// A Swedish organisation number, digits only.
fn org_number(field: &str, text: &str) -> Result<String, PayoutFileError> {
    let text = text.trim();
    let digits = match text.split_once('-') {
        Some((a, b)) if a.len() == 6 => format!("{a}{b}"),
        Some(_) => String::new(),
        None => text.to_owned(),
    };
    if digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(PayoutFileError::new(
            field,
            "must be a Swedish organisation number (NNNNNN-NNNN)",
        ))
    }
}

/// Characters of identifiers (`MsgId`, `EndToEndId`, references): the SWIFT/EPC Latin set.
fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " /-?:().,'+".contains(c)
}

/// Characters of free text (names, addresses, remittance text): printable ASCII and the
/// letters of ISO 8859-1 (`À`–`ÿ` without `×` and `÷`), which covers å ä ö æ ø ü é and the
/// other Nordic and Western European letters, and which every Nordic bank's guideline accepts.
/// Control characters (NUL, tab, line breaks) never pass.
pub(super) fn is_text_char(c: char) -> bool {
    matches!(c, ' '..='~') || (matches!(c, 'À'..='ÿ') && c != '×' && c != '÷')
}

/// An identifier: 1 to `max` characters of the EPC set, not starting or ending with `/` or a
/// blank, no `//` (the EPC rule for references).
fn identifier(field: &str, value: &str, max: usize) -> Result<(), PayoutFileError> {
    length(field, value, max)?;
    if let Some((at, c)) = value.chars().enumerate().find(|(_, c)| !is_id_char(*c)) {
        return Err(PayoutFileError::new(
            field,
            format!(
                "character U+{:04X} at position {} is not allowed in an identifier \
                 (letters A-Z, digits and / - ? : ( ) . , ' + blank)",
                u32::from(c),
                at + 1
            ),
        ));
    }
    if value.starts_with(['/', ' ']) || value.ends_with(['/', ' ']) || value.contains("//") {
        return Err(PayoutFileError::new(
            field,
            "must not start or end with / or a blank, nor contain //",
        ));
    }
    Ok(())
}

/// Free text: 1 to `max` characters of the Latin set, not only blanks.
fn text(field: &str, value: &str, max: usize) -> Result<(), PayoutFileError> {
    length(field, value, max)?;
    if let Some((at, c)) = value.chars().enumerate().find(|(_, c)| !is_text_char(*c)) {
        return Err(PayoutFileError::new(
            field,
            format!(
                "character U+{:04X} at position {} is outside the Latin character set banks accept",
                u32::from(c),
                at + 1
            ),
        ));
    }
    Ok(())
}

fn length(field: &str, value: &str, max: usize) -> Result<(), PayoutFileError> {
    if value.trim().is_empty() {
        return Err(PayoutFileError::new(field, "is empty"));
    }
    let count = value.chars().count();
    if count > max {
        return Err(PayoutFileError::new(
            field,
            format!("is {count} characters long, at most {max} fit"),
        ));
    }
    Ok(())
}
