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

/// A key just created: the only moment its secret exists outside the caller's hands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiKey {
    /// Public key id (`kk_…`).
    pub key_id: String,
    /// What it is for.
    pub label: String,
    /// The secret (`ks_…`); only its SHA-256 hash is stored.
    pub secret: String,
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

/// What the "new agreement version" confirm page shows: the version it follows, the typed
/// values, and either every invalid field or the terms that change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementPreview {
    /// The merchant.
    pub merchant: Merchant,
    /// The version the new one follows (the latest: the one in force, or already scheduled),
    /// which the form was prefilled from and the diff compares with.
    pub base: Option<Agreement>,
    /// The form as typed, by field name (kept when it is shown again).
    pub input: Vec<(String, String)>,
    /// The new terms and start date, when every field is valid.
    pub proposed: Option<(NaiveDate, Terms)>,
    /// Every invalid field at once: (field, Fluent code).
    pub problems: Vec<(String, String)>,
    /// The terms that differ from `base` (all of them for a first version).
    pub changed: Vec<String>,
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

/// A non-negative amount or percentage typed with `.` or `,`, at most `max`, with at most
/// `scale` decimals.
fn decimal(text: &str, max: Decimal, scale: u32) -> Option<Decimal> {
    let d: Decimal = text.trim().replace(',', ".").parse().ok()?;
    (!d.is_sign_negative() && d.scale() <= scale && d <= max).then_some(d)
}

fn days(text: &str, max: i32) -> Option<i32> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (1..=max).contains(n))
}

/// The terms of an agreement form, in the order the form and the diff show them.
pub const TERM_FIELDS: [&str; 8] = [
    "invoice_fee",
    "commission_percent",
    "commission_fixed",
    "payment_terms_days",
    "authorization_days",
    "settlement_schedule",
    "payout_account",
    "reminder_fees",
];

/// An agreement form as typed (named, so two of its many text fields cannot be swapped).
#[derive(Debug, Clone, Copy, Default)]
pub struct TermsForm<'a> {
    /// Invoice fee, e.g. `29.00` or `29,00`.
    pub invoice_fee: &'a str,
    /// Commission in percent.
    pub commission_percent: &'a str,
    /// Fixed commission per order.
    pub commission_fixed: &'a str,
    /// Days to pay an invoice.
    pub payment_terms_days: &'a str,
    /// Days an authorization lasts.
    pub authorization_days: &'a str,
    /// `daily`, `weekly` or `monthly`.
    pub settlement_schedule: &'a str,
    /// IBAN, bankgiro or plusgiro number.
    pub payout_account: &'a str,
    /// Whether reminder fees are charged.
    pub reminder_fees: bool,
}

impl Terms {
    /// Validates an agreement form and lists every bad field at once, as (field, Fluent
    /// code), in form order: fees at most 100,000 with two decimals, the commission 0–100 %
    /// with three, days 1–120 (payment) and 1–180 (authorization), a known schedule, and a
    /// payout account that is a valid IBAN, bankgiro or plusgiro number
    /// ([`super::payout`], stored in its one spelling).
    pub fn check(form: &TermsForm<'_>) -> Result<Terms, Vec<(&'static str, &'static str)>> {
        let TermsForm {
            invoice_fee,
            commission_percent,
            commission_fixed,
            payment_terms_days,
            authorization_days,
            settlement_schedule,
            payout_account,
            reminder_fees,
        } = *form;
        let mut problems = Vec::new();
        let mut need = |field: &'static str, code: &'static str, ok: bool| {
            if !ok {
                problems.push((field, code));
            }
        };
        let max_fee = Decimal::from(100_000);
        let invoice_fee_v = decimal(invoice_fee, max_fee, 2);
        need("invoice_fee", "ERR_INVALID_AMOUNT", invoice_fee_v.is_some());
        let percent_v = decimal(commission_percent, Decimal::from(100), 3);
        need(
            "commission_percent",
            "ERR_INVALID_AMOUNT",
            percent_v.is_some(),
        );
        let fixed_v = decimal(commission_fixed, max_fee, 2);
        need("commission_fixed", "ERR_INVALID_AMOUNT", fixed_v.is_some());
        let terms_v = days(payment_terms_days, 120);
        need("payment_terms_days", "ERR_INVALID_COUNT", terms_v.is_some());
        let auth_v = days(authorization_days, 180);
        need("authorization_days", "ERR_INVALID_COUNT", auth_v.is_some());
        let schedule_v = SettlementSchedule::parse(settlement_schedule.trim());
        need(
            "settlement_schedule",
            "ERR_INVALID_CHOICE",
            schedule_v.is_some(),
        );
        let account_v = super::payout::parse(payout_account);
        if payout_account.trim().is_empty() {
            need("payout_account", "ERR_REQUIRED", false);
        } else {
            need(
                "payout_account",
                super::payout::ERR_PAYOUT_ACCOUNT,
                account_v.is_some(),
            );
        }
        match (
            invoice_fee_v,
            percent_v,
            fixed_v,
            terms_v,
            auth_v,
            schedule_v,
            account_v,
        ) {
            (
                Some(invoice_fee),
                Some(commission_percent),
                Some(commission_fixed),
                Some(payment_terms_days),
                Some(authorization_days),
                Some(settlement_schedule),
                Some(payout_account),
            ) => Ok(Terms {
                invoice_fee,
                commission_percent,
                commission_fixed,
                payment_terms_days,
                authorization_days,
                settlement_schedule,
                payout_account,
                reminder_fees,
            }),
            _ => Err(problems),
        }
    }

    /// The terms that differ between `self` (the version in force) and `new`, in form order.
    pub fn changed(&self, new: &Terms) -> Vec<&'static str> {
        TERM_FIELDS
            .into_iter()
            .filter(|field| self.text(field) != new.text(field))
            .collect()
    }

    /// One term as plain text (`.` decimals; pages format numbers for their language).
    pub fn text(&self, field: &str) -> String {
        match field {
            "invoice_fee" => format!("{:.2}", self.invoice_fee),
            "commission_percent" => self.commission_percent.normalize().to_string(),
            "commission_fixed" => format!("{:.2}", self.commission_fixed),
            "payment_terms_days" => self.payment_terms_days.to_string(),
            "authorization_days" => self.authorization_days.to_string(),
            "settlement_schedule" => self.settlement_schedule.as_str().to_string(),
            "payout_account" => self.payout_account.clone(),
            "reminder_fees" => if self.reminder_fees { "on" } else { "off" }.to_string(),
            _ => String::new(),
        }
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

    /// A valid form, for tests to spoil one field at a time.
    fn form() -> TermsForm<'static> {
        TermsForm {
            invoice_fee: "29",
            commission_percent: "2,5",
            commission_fixed: "1.50",
            payment_terms_days: "14",
            authorization_days: "28",
            settlement_schedule: "weekly",
            payout_account: "SE35 5000 0000 0549 1000 0003",
            reminder_fees: true,
        }
    }

    #[test]
    fn terms_forms_name_the_bad_field() {
        let ok = Terms::check(&form()).unwrap();
        assert_eq!(ok.commission_percent, Decimal::new(25, 1));
        let field = |f: TermsForm<'_>| match Terms::check(&f) {
            Err(problems) if problems.len() == 1 => problems[0].0,
            other => panic!("{other:?}"),
        };
        let cases = [
            (
                TermsForm {
                    invoice_fee: "-1",
                    ..form()
                },
                "invoice_fee",
            ),
            (
                TermsForm {
                    commission_percent: "101",
                    ..form()
                },
                "commission_percent",
            ),
            (
                TermsForm {
                    commission_fixed: "0.001",
                    ..form()
                },
                "commission_fixed",
            ),
            (
                TermsForm {
                    payment_terms_days: "0",
                    ..form()
                },
                "payment_terms_days",
            ),
            (
                TermsForm {
                    authorization_days: "365",
                    ..form()
                },
                "authorization_days",
            ),
            (
                TermsForm {
                    settlement_schedule: "yearly",
                    ..form()
                },
                "settlement_schedule",
            ),
            (
                TermsForm {
                    payout_account: "SE3550000",
                    ..form()
                },
                "payout_account",
            ),
            (
                TermsForm {
                    payout_account: "",
                    ..form()
                },
                "payout_account",
            ),
        ];
        for (f, name) in cases {
            assert_eq!(field(f), name, "{f:?}");
        }
    }

    #[test]
    fn every_bad_term_is_listed_at_once_and_the_diff_names_changed_terms() {
        let long = "9".repeat(5_000);
        let problems = Terms::check(&TermsForm {
            invoice_fee: "x",
            commission_percent: "101",
            commission_fixed: "1.001",
            payment_terms_days: "0",
            authorization_days: "181",
            settlement_schedule: "yearly",
            payout_account: &long,
            reminder_fees: false,
        })
        .unwrap_err();
        assert_eq!(
            problems.iter().map(|p| p.0).collect::<Vec<_>>(),
            vec![
                "invoice_fee",
                "commission_percent",
                "commission_fixed",
                "payment_terms_days",
                "authorization_days",
                "settlement_schedule",
                "payout_account"
            ]
        );
        assert_eq!(problems[6].1, "ERR_INVALID_PAYOUT_ACCOUNT");
        let old = Terms::check(&TermsForm {
            commission_percent: "2.5",
            commission_fixed: "1.00",
            payout_account: "5050-1055",
            ..form()
        })
        .unwrap();
        assert_eq!(old.payout_account, "BG 5050-1055");
        let new = Terms::check(&TermsForm {
            invoice_fee: "39,00",
            commission_percent: "2.50",
            commission_fixed: "1",
            payout_account: "BG 50501055",
            ..form()
        })
        .unwrap();
        assert_eq!(old.changed(&new), vec!["invoice_fee"]);
        assert_eq!(
            (old.text("invoice_fee"), new.text("invoice_fee")),
            ("29.00".into(), "39.00".into())
        );
    }
}
