//! A fixed, made-up document per language and country: for tests, snapshots and the
//! benchmark (no database needed).

use chrono::NaiveDate;

use super::model::{DocLine, Document, DocumentKind, Recipient};
use crate::i18n::Lang;
use crate::invoices::ocr::{reference_for, OcrConfig};
use crate::invoices::vat::VatRow;
use crate::ktime::Country;
use crate::money::Currency;

/// The market a language's sample is set in (German: a Swedish invoice in German).
pub fn country_of(lang: Lang) -> Country {
    match lang {
        Lang::Sv | Lang::En | Lang::De => Country::SE,
        Lang::Nb => Country::NO,
        Lang::Fi => Country::FI,
        Lang::Da => Country::DK,
    }
}

fn names(lang: Lang) -> (&'static str, &'static str, &'static str, &'static str) {
    // (customer, street, city, goods name): each with the language's own letters.
    match lang {
        Lang::Sv | Lang::En => ("Åsa Öström", "Storgatan 12", "Västerås", "Läderväska, brun"),
        Lang::Nb => ("Bjørn Ærø", "Kongens gate 5", "Tromsø", "Ullgenser, blå"),
        Lang::Da => ("Søren Ægidius", "Nørregade 7", "Århus", "Strikhue, grå"),
        Lang::Fi => (
            "Äijä Hämäläinen",
            "Mäkikatu 3",
            "Hämeenlinna",
            "Villasukat, yö",
        ),
        Lang::De => (
            "Jürgen Groß",
            "Storgatan 12",
            "Västerås",
            "Größe: Übergröße",
        ),
    }
}

fn currency(country: Country) -> (Currency, &'static str) {
    match country {
        Country::SE | Country::DE => (Currency::Sek, "722 40"),
        Country::NO => (Currency::Nok, "9008"),
        Country::FI => (Currency::Eur, "13100"),
        Country::DK => (Currency::Dkk, "8000"),
    }
}

/// A one-page invoice with three lines in `lang`.
pub fn invoice(lang: Lang) -> Document {
    invoice_with_lines(lang, 3)
}

/// An invoice with `n` lines (two VAT rates).
pub fn invoice_with_lines(lang: Lang, n: usize) -> Document {
    let country = country_of(lang);
    let (cur, postal) = currency(country);
    let number = 1_000_123;
    let reference = reference_for(country, number, OcrConfig::default()).unwrap_or_default();
    let (customer, street, city, goods) = names(lang);
    let mut lines = Vec::with_capacity(n);
    for i in 0..n {
        let (qty, price, rate) = match i % 3 {
            0 => (1, 49_900, 2500),
            1 => (2, 12_950, 2500),
            _ => (3, 2_500, 1200),
        };
        let name = if i == 0 {
            goods.to_string()
        } else {
            format!("Artikel {}", i + 1)
        };
        lines.push(DocLine {
            name,
            quantity: qty,
            unit: None,
            unit_price: price,
            tax_rate: rate,
            amount: qty * price,
        });
    }
    let goods_total: i64 = lines.iter().map(|l| l.amount).sum();
    let mut vat = Vec::new();
    for rate in [1200_i64, 2500] {
        let gross: i64 = lines
            .iter()
            .filter(|l| l.tax_rate == rate)
            .map(|l| l.amount)
            .sum();
        if gross > 0 {
            let tax = gross * rate / (10_000 + rate);
            vat.push(VatRow {
                tax_rate: rate,
                gross,
                net: gross - tax,
                tax,
            });
        }
    }
    let fee = 2_900;
    if let Some(row) = vat.iter_mut().find(|r| r.tax_rate == 0) {
        row.gross += fee;
    } else {
        vat.insert(
            0,
            VatRow {
                tax_rate: 0,
                gross: fee,
                net: fee,
                tax: 0,
            },
        );
    }
    Document {
        id: uuid::Uuid::from_u128(0x1d0c_0000_0000_4000_8000_0000_0000_0001),
        kind: DocumentKind::Invoice,
        lang,
        country,
        currency: cur,
        number: i64::try_from(number).unwrap_or_default(),
        date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default(),
        due_date: NaiveDate::from_ymd_opt(2026, 12, 28),
        payment_terms_days: 30,
        order_reference: "WEB-48213".into(),
        merchant_name: "Demobutiken AB".into(),
        recipient: Recipient {
            name: customer.into(),
            care_of: String::new(),
            street: street.into(),
            postal_code: postal.into(),
            city: city.into(),
            country: country.code().into(),
        },
        lines,
        vat,
        fee,
        total: goods_total + fee,
        reference,
    }
}

/// A credit note against [`invoice`]'s number.
pub fn credit_note(lang: Lang) -> Document {
    let mut doc = invoice_with_lines(lang, 1);
    doc.kind = DocumentKind::CreditNote {
        invoice_number: doc.number,
        invoice_date: doc.date,
    };
    doc.number += 1;
    doc.due_date = None;
    doc.vat.retain(|r| r.tax_rate != 0);
    doc.fee = 0;
    doc.total = doc.goods_total();
    doc
}
