//! Merchant types shared by the server and the browser, and the validation of their forms.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ktime::Country;
use crate::money::Currency;

/// Whether a merchant may trade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MerchantStatus {
    /// Orders accepted.
    Active,
    /// No new orders (existing ones run to their end).
    Suspended,
}

impl MerchantStatus {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            MerchantStatus::Active => "active",
            MerchantStatus::Suspended => "suspended",
        }
    }
    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(MerchantStatus::Active),
            "suspended" => Some(MerchantStatus::Suspended),
            _ => None,
        }
    }
}

/// A merchant as screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merchant {
    /// Id.
    pub id: uuid::Uuid,
    /// Legal name.
    pub legal_name: String,
    /// Organisation number.
    pub org_nr: String,
    /// Country of business.
    pub country: Country,
    /// Settlement currency.
    pub currency: Currency,
    /// Contact e-mail.
    pub contact_email: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Active or suspended.
    pub status: MerchantStatus,
}

/// How often a merchant is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SettlementSchedule {
    /// Every business day.
    Daily,
    /// Once a week.
    Weekly,
    /// Once a month.
    Monthly,
}

impl SettlementSchedule {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SettlementSchedule::Daily => "daily",
            SettlementSchedule::Weekly => "weekly",
            SettlementSchedule::Monthly => "monthly",
        }
    }
    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "daily" => Some(SettlementSchedule::Daily),
            "weekly" => Some(SettlementSchedule::Weekly),
            "monthly" => Some(SettlementSchedule::Monthly),
            _ => None,
        }
    }
}

/// The terms of one agreement version. Amounts are in the merchant's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    /// Fee the customer pays per invoice.
    pub invoice_fee: Decimal,
    /// Commission on the captured amount, in percent.
    pub commission_percent: Decimal,
    /// Fixed commission per capture.
    pub commission_fixed: Decimal,
    /// Days from invoice to due date.
    pub payment_terms_days: i32,
    /// Days an authorization may wait for its capture.
    pub authorization_days: i32,
    /// When the merchant is paid.
    pub settlement_schedule: SettlementSchedule,
    /// Bank account (IBAN or bankgiro) for payouts.
    pub payout_account: String,
    /// Whether reminder fees are charged to late customers.
    pub reminder_fees: bool,
}

/// One version of a merchant's agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// Id (orders record it, so they keep their terms).
    pub id: i64,
    /// 1, 2, …
    pub version: i32,
    /// First business date it applies to.
    pub valid_from: NaiveDate,
    /// The terms.
    pub terms: Terms,
    /// Who made it.
    pub created_by: String,
}

/// An API credential as listed (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyInfo {
    /// Public key id.
    pub key_id: String,
    /// What it is for.
    pub label: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Revoked, if so.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Last successful use.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A portal user as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerchantUserInfo {
    /// Id.
    pub id: uuid::Uuid,
    /// Login e-mail.
    pub email: String,
    /// Name.
    pub display_name: String,
    /// `owner` or `staff`.
    pub role: String,
    /// Can log in.
    pub active: bool,
}

/// Everything the merchant page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerchantDetail {
    /// The merchant.
    pub merchant: Merchant,
    /// Agreement versions, newest first.
    pub agreements: Vec<Agreement>,
    /// Portal users.
    pub users: Vec<MerchantUserInfo>,
    /// API credentials.
    pub keys: Vec<ApiKeyInfo>,
}

/// The ISO code of a country (see [`Country::code`]).
pub fn country_code(c: Country) -> &'static str {
    c.code()
}

/// Parses a stored country code (see [`Country::parse_code`]).
pub fn parse_country(s: &str) -> Option<Country> {
    Country::parse_code(s)
}

/// A validated merchant form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerchantForm {
    /// Legal name.
    pub legal_name: String,
    /// Organisation number.
    pub org_nr: String,
    /// Country.
    pub country: Country,
    /// Currency.
    pub currency: Currency,
    /// E-mail.
    pub contact_email: String,
    /// Phone.
    pub contact_phone: String,
}

impl MerchantForm {
    /// Validates form input; every error names its field.
    pub fn parse(
        legal_name: &str,
        org_nr: &str,
        country_text: &str,
        currency: &str,
        email: &str,
        phone: &str,
    ) -> Result<Self, AppError> {
        let legal_name = legal_name.trim();
        if legal_name.is_empty() {
            return Err(AppError::invalid("legal_name", "ERR_REQUIRED"));
        }
        let org_nr = org_nr.trim();
        if org_nr.len() < 6
            || !org_nr
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(AppError::invalid("org_nr", "ERR_INVALID_ORG_NR"));
        }
        let country = Country::parse_code(country_text)
            .ok_or_else(|| AppError::invalid("country", "ERR_INVALID_CHOICE"))?;
        let currency = Currency::parse(currency)
            .ok_or_else(|| AppError::invalid("currency", "ERR_INVALID_CHOICE"))?;
        let email = email.trim();
        if !email.contains('@') || email.contains(char::is_whitespace) {
            return Err(AppError::invalid("contact_email", "ERR_INVALID_EMAIL"));
        }
        Ok(MerchantForm {
            legal_name: legal_name.to_string(),
            org_nr: org_nr.to_string(),
            country,
            currency,
            contact_email: email.to_string(),
            contact_phone: phone.trim().to_string(),
        })
    }
}

/// Parses a non-negative amount or percentage typed with `.` or `,`.
fn decimal(field: &str, text: &str) -> Result<Decimal, AppError> {
    let d: Decimal = text
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| AppError::invalid(field, "ERR_INVALID_AMOUNT"))?;
    if d.is_sign_negative() || d.scale() > 3 {
        return Err(AppError::invalid(field, "ERR_INVALID_AMOUNT"));
    }
    Ok(d)
}

fn days(field: &str, text: &str, max: i32) -> Result<i32, AppError> {
    match text.trim().parse::<i32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(AppError::invalid(field, "ERR_INVALID_COUNT")),
    }
}

impl Terms {
    /// Validates an agreement form; every error names its field.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        invoice_fee: &str,
        commission_percent: &str,
        commission_fixed: &str,
        payment_terms_days: &str,
        authorization_days: &str,
        settlement_schedule: &str,
        payout_account: &str,
        reminder_fees: bool,
    ) -> Result<Terms, AppError> {
        let invoice_fee = decimal("invoice_fee", invoice_fee)?;
        let commission_percent = decimal("commission_percent", commission_percent)?;
        if commission_percent > Decimal::from(100) {
            return Err(AppError::invalid(
                "commission_percent",
                "ERR_INVALID_AMOUNT",
            ));
        }
        let commission_fixed = decimal("commission_fixed", commission_fixed)?;
        if invoice_fee.scale() > 2 || commission_fixed.scale() > 2 {
            let field = if invoice_fee.scale() > 2 {
                "invoice_fee"
            } else {
                "commission_fixed"
            };
            return Err(AppError::invalid(field, "ERR_INVALID_AMOUNT"));
        }
        let payout_account = payout_account.trim();
        if payout_account.len() < 5 {
            return Err(AppError::invalid("payout_account", "ERR_REQUIRED"));
        }
        Ok(Terms {
            invoice_fee,
            commission_percent,
            commission_fixed,
            payment_terms_days: days("payment_terms_days", payment_terms_days, 120)?,
            authorization_days: days("authorization_days", authorization_days, 180)?,
            settlement_schedule: SettlementSchedule::parse(settlement_schedule.trim())
                .ok_or_else(|| AppError::invalid("settlement_schedule", "ERR_INVALID_CHOICE"))?,
            payout_account: payout_account.to_string(),
            reminder_fees,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merchant_forms_name_the_bad_field() {
        assert!(MerchantForm::parse("Skor AB", "556677-8899", "se", "SEK", "a@b.se", "").is_ok());
        let field = |r: Result<MerchantForm, AppError>| match r {
            Err(AppError::Validation { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(MerchantForm::parse(
                " ",
                "556677-8899",
                "SE",
                "SEK",
                "a@b.se",
                ""
            )),
            "legal_name"
        );
        assert_eq!(
            field(MerchantForm::parse("X", "55", "SE", "SEK", "a@b.se", "")),
            "org_nr"
        );
        assert_eq!(
            field(MerchantForm::parse(
                "X",
                "556677-8899",
                "US",
                "SEK",
                "a@b.se",
                ""
            )),
            "country"
        );
        assert_eq!(
            field(MerchantForm::parse(
                "X",
                "556677-8899",
                "SE",
                "USD",
                "a@b.se",
                ""
            )),
            "currency"
        );
        assert_eq!(
            field(MerchantForm::parse(
                "X",
                "556677-8899",
                "SE",
                "SEK",
                "nope",
                ""
            )),
            "contact_email"
        );
    }

    #[test]
    fn terms_forms_name_the_bad_field() {
        let ok = Terms::parse(
            "29",
            "2,5",
            "1.50",
            "14",
            "28",
            "weekly",
            "SE35 5000 0000 0549 1000 0003",
            true,
        )
        .unwrap();
        assert_eq!(ok.commission_percent, Decimal::new(25, 1));
        let field = |r: Result<Terms, AppError>| match r {
            Err(AppError::Validation { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(Terms::parse(
                "-1",
                "2",
                "0",
                "14",
                "28",
                "weekly",
                "SE3550000",
                true
            )),
            "invoice_fee"
        );
        assert_eq!(
            field(Terms::parse(
                "29",
                "101",
                "0",
                "14",
                "28",
                "weekly",
                "SE3550000",
                true
            )),
            "commission_percent"
        );
        assert_eq!(
            field(Terms::parse(
                "29",
                "2",
                "0.001",
                "14",
                "28",
                "weekly",
                "SE3550000",
                true
            )),
            "commission_fixed"
        );
        assert_eq!(
            field(Terms::parse(
                "29",
                "2",
                "0",
                "0",
                "28",
                "weekly",
                "SE3550000",
                true
            )),
            "payment_terms_days"
        );
        assert_eq!(
            field(Terms::parse(
                "29",
                "2",
                "0",
                "14",
                "365",
                "weekly",
                "SE3550000",
                true
            )),
            "authorization_days"
        );
        assert_eq!(
            field(Terms::parse(
                "29",
                "2",
                "0",
                "14",
                "28",
                "yearly",
                "SE3550000",
                true
            )),
            "settlement_schedule"
        );
        assert_eq!(
            field(Terms::parse("29", "2", "0", "14", "28", "weekly", "", true)),
            "payout_account"
        );
    }
}
