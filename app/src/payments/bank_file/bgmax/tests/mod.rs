//! Tests of the BgMax reader and writer: Bankgirot's own sample files, hand-written golden
//! files, one test per refusal, and properties (round trip, no panics, corruption caught).

mod errors;
mod golden;
mod props;
mod real_files;
mod scale;

use chrono::NaiveDate;

use crate::payments::bank_file::model::{
    BankPayment, Payer, PaymentKind, PaymentReference, Position,
};

/// A test file from `testdata/`.
fn testdata(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/src/payments/bank_file/bgmax/testdata/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A reference as the reader gives it.
fn reference(
    value: &str,
    structured: bool,
    amount: Option<i64>,
    flagged: bool,
) -> PaymentReference {
    PaymentReference {
        value: value.into(),
        structured,
        amount,
        bank_flagged_invalid: flagged,
    }
}

/// An OCR reference (code 2) without amount.
fn ocr(value: &str) -> PaymentReference {
    reference(value, true, None, false)
}

/// A payment with only the fields every record has; tests add the rest.
fn payment(line: u32, bank_ref: &str, amount: i64, payer_account: Option<&str>) -> BankPayment {
    BankPayment {
        bank_ref: bank_ref.into(),
        amount,
        kind: if amount < 0 {
            PaymentKind::Deduction
        } else {
            PaymentKind::Payment
        },
        references: Vec::new(),
        information: Vec::new(),
        payer: Payer {
            account: payer_account.map(Into::into),
            ..Payer::default()
        },
        value_date: None,
        position: Position::Line(line),
    }
}

fn s(v: &str) -> Option<String> {
    Some(v.into())
}
