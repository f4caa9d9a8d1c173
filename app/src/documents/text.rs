//! The document's words in its language (`locales/<lang>/documents.ftl`) and its numbers,
//! amounts and dates formatted the way that language writes them.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::company::{self, PayTo};
use super::model::{Document, DocumentKind};
use crate::i18n::format::{format_date, format_decimal};
use crate::i18n::{tr, tr_args, Lang};
use crate::ktime::Country;
use crate::money::Money;

/// Formats for one document.
pub struct Words {
    lang: Lang,
    currency: crate::money::Currency,
}

impl Words {
    /// The words of `doc`.
    pub fn of(doc: &Document) -> Words {
        Words {
            lang: doc.lang,
            currency: doc.currency,
        }
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        tr(self.lang, id)
    }

    /// A message with arguments.
    pub fn t_args(&self, id: &str, args: &[(&'static str, String)]) -> String {
        tr_args(self.lang, id, args)
    }

    /// An amount in minor units of the document's currency.
    pub fn money(&self, minor: i64) -> String {
        Money::from_minor(minor, self.currency).format(self.lang)
    }

    /// A date.
    pub fn date(&self, date: NaiveDate) -> String {
        format_date(date, self.lang)
    }

    /// A VAT rate in hundredths of a percent: `25`, `25,5`, `12`.
    pub fn rate(&self, tax_rate: i64) -> String {
        let decimals = if tax_rate % 100 == 0 { 0 } else { 1 };
        let d = Decimal::new(tax_rate, 2);
        format_decimal(d, decimals, self.lang)
    }

    /// A quantity with its unit (`2`, `1,5 kg` is not possible: quantities are whole).
    pub fn quantity(&self, qty: i64, unit: Option<&str>) -> String {
        let n = format_decimal(Decimal::from(qty), 0, self.lang);
        match unit {
            Some(u) if !u.is_empty() => format!("{n} {u}"),
            _ => n,
        }
    }
}

/// The title of the document.
pub fn title(w: &Words, doc: &Document) -> String {
    match doc.kind {
        DocumentKind::Invoice => w.t("doc-invoice"),
        DocumentKind::CreditNote { .. } => w.t("doc-credit-note"),
    }
}

/// The label of the payment reference (OCR-nummer, KID, Viitenumero, Betalings-id).
pub fn reference_label(w: &Words, country: Country) -> String {
    match company::pay_to(country) {
        PayTo::Bankgiro(_) => w.t("doc-ocr"),
        PayTo::AccountKid(_) => w.t("doc-kid"),
        PayTo::Iban { .. } => w.t("doc-viitenumero"),
        PayTo::Fik { .. } => w.t("doc-fik"),
    }
}

/// The late-interest sentence of the invoice's country, in the document's language.
pub fn interest_terms(w: &Words, country: Country) -> String {
    w.t(match country {
        Country::SE | Country::DE => "doc-terms-interest-se",
        Country::NO => "doc-terms-interest-no",
        Country::FI => "doc-terms-interest-fi",
        Country::DK => "doc-terms-interest-dk",
    })
}
