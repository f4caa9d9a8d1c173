//! Kreditor's own particulars as printed on every invoice and credit note: the company's name,
//! address, registration numbers, payment accounts and customer service contacts, configured
//! once at start-up from the server's environment (`COMPANY_*`, `PAY_*`, `SERVICE_*`, see the
//! README); and the dunning terms each market's law allows.
//!
//! Why a process-wide value instead of a parameter: documents are drawn from many doors (API,
//! portal, staff, the print run, benchmarks) deep inside layout code, the particulars never
//! change while the process runs, and an unconfigured process (unit tests, tools) gets the
//! example particulars below. Production refuses to start without real payment accounts
//! (`server::config`), so the examples can never reach a customer there.

use std::sync::OnceLock;

use crate::ktime::Country;
use crate::merchants::payout;

/// Who Kreditor is and how customers reach and pay it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Particulars {
    /// The company name in the header, footer and return-address line (`COMPANY_NAME`).
    pub name: String,
    /// Street address (`COMPANY_STREET`).
    pub street: String,
    /// Postal code and town (`COMPANY_POSTAL_TOWN`).
    pub postal_town: String,
    /// Country, in the company's own language; the footer is not translated (`COMPANY_COUNTRY`).
    pub country: String,
    /// Swedish organisation number `NNNNNN-NNNN` (`COMPANY_ORG_NR`).
    pub org_nr: String,
    /// EU VAT registration number (`COMPANY_VAT_NR`).
    pub vat_nr: String,
    /// The web address (`COMPANY_WEB`).
    pub web: String,
    /// Sweden's (and German customers') Bankgiro number `NNNN-NNNN` (`PAY_SE_BANKGIRO`).
    pub se_bankgiro: String,
    /// Norway's account number `NNNN.NN.NNNNN` (`PAY_NO_ACCOUNT`).
    pub no_account: String,
    /// Finland's IBAN grouped by four (`PAY_FI_IBAN`) and its bank's BIC (`PAY_FI_BIC`).
    pub fi_iban: String,
    /// See [`Particulars::fi_iban`].
    pub fi_bic: String,
    /// Denmark's FIK creditor number, 8 digits (`PAY_DK_CREDITOR`).
    pub dk_creditor: String,
    /// Denmark's IBAN for payers abroad (`PAY_DK_IBAN`).
    pub dk_iban: String,
    /// Customer service per market: phone and e-mail (`SERVICE_PHONE_SE`, `SERVICE_EMAIL_SE`, …
    /// for SE, NO, FI, DK; German customers are served by the Swedish desk).
    pub service: [ServiceDesk; 4],
}

/// Where the customers of one market call or write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDesk {
    /// The market (SE, NO, FI or DK).
    pub country: Country,
    /// Phone number in international form.
    pub phone: String,
    /// E-mail address.
    pub email: String,
}

/// A particular that cannot be printed on an invoice; names the environment variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticularError {
    /// The variable at fault, e.g. `PAY_SE_BANKGIRO`.
    pub var: &'static str,
    /// What is wrong.
    pub problem: &'static str,
}

impl Particulars {
    /// The published example numbers of each scheme (valid check digits, nobody's real
    /// account): for tests, demos and tools; production must configure its own.
    pub fn example() -> Particulars {
        let desk = |country, phone: &str, email: &str| ServiceDesk {
            country,
            phone: phone.into(),
            email: email.into(),
        };
        Particulars {
            name: "Kreditor AB".into(),
            street: "Box 7012".into(),
            postal_town: "103 86 Stockholm".into(),
            country: "Sverige".into(),
            org_nr: "556000-0001".into(),
            vat_nr: "SE556000000101".into(),
            web: "www.kreditor.example".into(),
            se_bankgiro: "5402-9681".into(),
            no_account: "8601.11.17947".into(),
            fi_iban: "FI21 1234 5600 0007 85".into(),
            fi_bic: "NDEAFIHH".into(),
            dk_creditor: "85382018".into(),
            dk_iban: "DK50 0040 0440 1162 43".into(),
            service: [
                desk(
                    Country::SE,
                    "+46 8 120 120 00",
                    "kundservice@kreditor.example",
                ),
                desk(
                    Country::NO,
                    "+47 21 00 00 00",
                    "kundeservice@kreditor.example",
                ),
                desk(
                    Country::FI,
                    "+358 9 4242 0000",
                    "asiakaspalvelu@kreditor.example",
                ),
                desk(
                    Country::DK,
                    "+45 70 00 00 00",
                    "kundeservice.dk@kreditor.example",
                ),
            ],
        }
    }

    /// Checks every particular a payer relies on and normalises the account numbers to their
    /// printed form; every problem at once, each naming its variable.
    pub fn validated(mut self) -> Result<Particulars, Vec<ParticularError>> {
        let mut errors = Vec::new();
        let mut bad = |var, problem| errors.push(ParticularError { var, problem });
        for (var, value) in [
            ("COMPANY_NAME", &self.name),
            ("COMPANY_STREET", &self.street),
            ("COMPANY_POSTAL_TOWN", &self.postal_town),
            ("COMPANY_COUNTRY", &self.country),
            ("COMPANY_WEB", &self.web),
        ] {
            if value.trim().is_empty()
                || value.chars().count() > 60
                || value.chars().any(char::is_control)
            {
                bad(var, "1 to 60 printable characters");
            }
        }
        if !swedish_org_nr(&self.org_nr) {
            bad(
                "COMPANY_ORG_NR",
                "a Swedish organisation number NNNNNN-NNNN with its check digit",
            );
        }
        if !vat_nr(&self.vat_nr) {
            bad(
                "COMPANY_VAT_NR",
                "an EU VAT number: two letters and 2 to 13 letters or digits",
            );
        }
        match payout::bankgiro(&self.se_bankgiro) {
            Some(bg) => self.se_bankgiro = bg.trim_start_matches("BG ").to_string(),
            None => bad("PAY_SE_BANKGIRO", "a bankgiro number with its check digit"),
        }
        match norwegian_account(&self.no_account) {
            Some(acct) => self.no_account = acct,
            None => bad(
                "PAY_NO_ACCOUNT",
                "an 11-digit Norwegian account number with its MOD11 check digit",
            ),
        }
        match payout::iban(&self.fi_iban).filter(|i| i.starts_with("FI")) {
            Some(iban) => self.fi_iban = iban,
            None => bad("PAY_FI_IBAN", "a Finnish IBAN (FI…) with its checksum"),
        }
        if !bic(&self.fi_bic) {
            bad("PAY_FI_BIC", "a BIC of 8 or 11 letters and digits");
        }
        if self.dk_creditor.len() != 8 || !self.dk_creditor.bytes().all(|b| b.is_ascii_digit()) {
            bad("PAY_DK_CREDITOR", "an 8-digit FIK creditor number");
        }
        match payout::iban(&self.dk_iban).filter(|i| i.starts_with("DK")) {
            Some(iban) => self.dk_iban = iban,
            None => bad("PAY_DK_IBAN", "a Danish IBAN (DK…) with its checksum"),
        }
        for desk in &self.service {
            let (phone_var, email_var) = service_vars(desk.country);
            if !phone(&desk.phone) {
                bad(phone_var, "a phone number: +, digits and blanks");
            }
            if !email(&desk.email) {
                bad(email_var, "an e-mail address");
            }
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }
}

/// The variable names of a market's customer service phone and e-mail.
pub fn service_vars(country: Country) -> (&'static str, &'static str) {
    match country {
        Country::NO => ("SERVICE_PHONE_NO", "SERVICE_EMAIL_NO"),
        Country::FI => ("SERVICE_PHONE_FI", "SERVICE_EMAIL_FI"),
        Country::DK => ("SERVICE_PHONE_DK", "SERVICE_EMAIL_DK"),
        Country::SE | Country::DE => ("SERVICE_PHONE_SE", "SERVICE_EMAIL_SE"),
    }
}

/// `NNNNNN-NNNN` (dash optional), Luhn over the ten digits.
fn swedish_org_nr(text: &str) -> bool {
    let digits: String = text.chars().filter(|c| *c != '-').collect();
    digits.len() == 10
        && digits.bytes().all(|b| b.is_ascii_digit())
        && text.chars().filter(|c| *c == '-').count() <= 1
        && {
            let d: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
            crate::invoices::ocr::luhn_check_digit(&d[..9]) == d[9]
        }
}

fn vat_nr(text: &str) -> bool {
    let b = text.as_bytes();
    (4..=15).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..].iter().all(u8::is_ascii_alphanumeric)
}

fn bic(text: &str) -> bool {
    (text.len() == 8 || text.len() == 11)
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn phone(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    (6..=16).contains(&digits)
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b' ' || b == b'+')
}

fn email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && text.len() <= 80
                && !text.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// A Norwegian account number (11 digits, MOD11 with weights 5,4,3,2,7,6,5,4,3,2; written
/// `NNNN.NN.NNNNN`), in its printed form.
fn norwegian_account(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| *c != '.' && *c != ' ').collect();
    if digits.len() != 11 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        .iter()
        .zip(&d)
        .map(|(w, x)| w * x)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return None,
        c => c,
    };
    (check == d[10]).then(|| format!("{}.{}.{}", &digits[..4], &digits[4..6], &digits[6..]))
}

static CONFIGURED: OnceLock<Particulars> = OnceLock::new();

/// Sets this process's particulars (the server does so once at start-up, after
/// [`Particulars::validated`]). A second call with other values is refused: documents already
/// drawn must not disagree with later ones.
pub fn configure(particulars: Particulars) -> Result<(), AlreadyConfigured> {
    match CONFIGURED.set(particulars) {
        Ok(()) => Ok(()),
        Err(p) if CONFIGURED.get() == Some(&p) => Ok(()),
        Err(_) => Err(AlreadyConfigured),
    }
}

/// [`configure`] was called before with other particulars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlreadyConfigured;

/// The particulars in force: configured, or the examples in a process that configured none.
pub fn get() -> &'static Particulars {
    CONFIGURED.get_or_init(Particulars::example)
}

/// Where a customer of `country` calls or writes.
pub fn customer_service(country: Country) -> (&'static str, &'static str) {
    let wanted = match country {
        Country::DE => Country::SE,
        c => c,
    };
    let p = get();
    let desk = p
        .service
        .iter()
        .find(|d| d.country == wanted)
        .unwrap_or(&p.service[0]);
    (&desk.phone, &desk.email)
}

/// How customers of a country pay Kreditor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayTo {
    /// Sweden: Bankgirot with an OCR reference.
    Bankgiro(&'static str),
    /// Norway: a bank account with a KID.
    AccountKid(&'static str),
    /// Finland: IBAN + BIC with a viitenumero (or RF reference).
    Iban {
        /// IBAN, grouped by four.
        iban: &'static str,
        /// BIC of the bank.
        bic: &'static str,
    },
    /// Denmark: FIK (card type 71, creditor number) or IBAN.
    Fik {
        /// The 8-digit creditor number (kreditornummer).
        creditor: &'static str,
        /// IBAN for payers abroad.
        iban: &'static str,
    },
}

/// The payment account of `country`'s invoices.
pub fn pay_to(country: Country) -> PayTo {
    let p = get();
    match country {
        Country::SE | Country::DE => PayTo::Bankgiro(&p.se_bankgiro),
        Country::NO => PayTo::AccountKid(&p.no_account),
        Country::FI => PayTo::Iban {
            iban: &p.fi_iban,
            bic: &p.fi_bic,
        },
        Country::DK => PayTo::Fik {
            creditor: &p.dk_creditor,
            iban: &p.dk_iban,
        },
    }
}

/// The reminder fee a customer of `country` may be charged, in minor units of its currency
/// (SE 60 kr: inkassolagen's cap; NO 35 kr: 1/10 of the inkassosats; FI 5 €: the consumer
/// cap; DK 100 kr: renteloven § 9 b).
pub fn reminder_fee_minor(country: Country) -> i64 {
    match country {
        Country::SE | Country::DE => 6_000,
        Country::NO => 3_500,
        Country::FI => 500,
        Country::DK => 10_000,
    }
}
