//! A file of the benchmark's size (100,000 payments in two currencies) is written and read back
//! unchanged: no per-payment cost that grows with the file.

use super::{date, ocr, payment};
use crate::money::Currency;
use crate::payments::bank_file::bgmax::{read, write};
use crate::payments::bank_file::model::{BankFile, Deposit, FileFormat, Position};

#[test]
fn hundred_thousand_payments_round_trip() {
    let mut line = 2;
    let deposits = [Currency::Sek, Currency::Eur]
        .into_iter()
        .enumerate()
        .map(|(d, currency)| {
            let position = Position::Line(line);
            line += 1;
            let payments: Vec<_> = (0..50_000u32)
                .map(|i| {
                    let mut p = payment(line, &format!("{:012}", i), 10_000 + i64::from(i), None);
                    p.references = vec![ocr(&format!("{}", 1_000_000 + i))];
                    p.payer.name = Some(format!("Betalare {i} Åström"));
                    line += 2;
                    p
                })
                .collect();
            line += 1;
            Deposit {
                account: "9912346".into(),
                currency,
                booking_date: date(2026, 12, 1),
                total: payments.iter().map(|p| p.amount).sum(),
                bank_ref: format!("{:05}", d + 1),
                payments,
                position,
            }
        })
        .collect();
    let file = BankFile {
        format: FileFormat::BgMax,
        file_id: "20261201080000000000".into(),
        created: "2026-12-01T08:00:00.000000".into(),
        test: true,
        deposits,
    };
    let bytes = write(&file);
    assert_eq!(bytes.len(), (2 + 2 * 2 + 100_000 * 2) * 82);
    assert_eq!(read(&bytes), Ok(file));
}
