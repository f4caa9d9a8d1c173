//! Tests of the camt.054 reader and writer: golden files written by hand from the schemas,
//! refusals, XSD validation of what the writer produces, round trips
//! and robustness against broken input.

mod golden;
mod props;
mod refusals;
mod xsd;

use chrono::NaiveDate;

use crate::payments::bank_file::model::{
    BankFile, BankPayment, FileError, Payer, PaymentKind, PaymentReference, Position,
};

/// The message element's path, the start of every position.
pub(super) const MSG: &str = "/Document/BkToCstmrDbtCdtNtfctn";

/// A file of `testdata/`.
pub(super) fn testdata(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/src/payments/bank_file/camt054/testdata/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A file of `testdata/` as text.
pub(super) fn testdata_text(name: &str) -> String {
    String::from_utf8(testdata(name)).expect("test data is UTF-8")
}

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub(super) fn at(path: &str) -> Position {
    Position::Path(format!("{MSG}{path}"))
}

/// A payment of `amount` (negative: a return) with nothing else said.
pub(super) fn payment(bank_ref: &str, amount: i64, path: &str) -> BankPayment {
    BankPayment {
        bank_ref: bank_ref.to_string(),
        amount,
        kind: if amount < 0 {
            PaymentKind::Return
        } else {
            PaymentKind::Payment
        },
        references: Vec::new(),
        information: Vec::new(),
        payer: Payer::default(),
        value_date: None,
        position: at(path),
    }
}

/// A structured reference (OCR, KID, viitenumero, RF, FIK).
pub(super) fn scor(value: &str) -> PaymentReference {
    PaymentReference {
        value: value.to_string(),
        structured: true,
        amount: None,
        bank_flagged_invalid: false,
    }
}

/// An unstructured reference (free text, a document number).
pub(super) fn free(value: &str) -> PaymentReference {
    PaymentReference {
        structured: false,
        ..scor(value)
    }
}

pub(super) fn with_amount(r: PaymentReference, amount: i64) -> PaymentReference {
    PaymentReference {
        amount: Some(amount),
        ..r
    }
}

pub(super) fn named(name: &str) -> Payer {
    Payer {
        name: Some(name.to_string()),
        ..Payer::default()
    }
}

/// The file with every position blanked, to compare models of different files.
pub(super) fn without_positions(mut file: BankFile) -> BankFile {
    for d in &mut file.deposits {
        d.position = Position::Path(String::new());
        for p in &mut d.payments {
            p.position = Position::Path(String::new());
        }
    }
    file
}

/// The error reading `text` gives; panics when it is read.
pub(super) fn refused(text: &str) -> FileError {
    match super::read(text.as_bytes()) {
        Ok(_) => panic!("the file was read"),
        Err(e) => e,
    }
}
