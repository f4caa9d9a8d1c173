//! Properties: every model BgMax can hold survives write → read unchanged; no input makes the
//! reader panic; a truncated file, or one digit changed in an amount or a count, is refused
//! with the line where the totals stop adding up.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::money::Currency;
use crate::payments::bank_file::bgmax::{read, write};
use crate::payments::bank_file::model::{
    BankFile, BankPayment, Deposit, FileFormat, Payer, PaymentKind, PaymentReference, Position,
};

/// Printable ISO-8859-1 text of at most `max` characters, without leading or trailing blanks
/// (the reader trims them), possibly empty.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![4 => 0x20u8..=0x7E, 1 => 0xA0u8..=0xFF], 0..=max).prop_map(
        |bytes| {
            let s: String = bytes.into_iter().map(char::from).collect();
            s.trim_matches(' ').to_string()
        },
    )
}

fn some_text(max: usize) -> impl Strategy<Value = Option<String>> {
    prop::option::of(text(max)).prop_map(|o| o.filter(|s| !s.is_empty()))
}

fn digits(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(b'0'..=b'9', min..=max)
        .prop_map(|d| d.into_iter().map(char::from).collect())
}

/// A giro number without leading zeros.
fn giro() -> impl Strategy<Value = String> {
    (1u64..10_000_000_000).prop_map(|n| n.to_string())
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (0u64..20_000).prop_map(|n| {
        NaiveDate::from_ymd_opt(1990, 1, 1)
            .and_then(|d| d.checked_add_days(Days::new(n)))
            .expect("in range")
    })
}

fn reference() -> impl Strategy<Value = PaymentReference> {
    let value = prop_oneof![digits(1, 25), text(25)];
    let amount = prop_oneof![
        Just(None),
        (1i64..1_000_000_000).prop_map(Some),
        (-1_000_000_000i64..=0).prop_map(Some),
    ];
    (value, 0u8..3, amount).prop_map(|(value, kind, amount)| PaymentReference {
        value,
        structured: kind == 1,
        amount,
        bank_flagged_invalid: kind == 2,
    })
}

fn payer() -> impl Strategy<Value = Payer> {
    (
        some_text(35),
        some_text(35),
        some_text(9),
        some_text(35),
        prop::option::of("[A-Z]{2}"),
        prop::option::of(giro()),
        prop::option::of(digits(1, 12)),
    )
        .prop_map(
            |(name, street, postal_code, city, country, account, national_id)| Payer {
                name,
                address: street.into_iter().collect(),
                postal_code,
                city,
                country,
                account,
                national_id,
            },
        )
}

fn payment() -> impl Strategy<Value = BankPayment> {
    (
        any::<bool>(),
        0i64..1_000_000_000_000,
        digits(12, 12),
        prop::collection::vec(reference(), 0..4),
        prop::collection::vec(text(50), 0..3),
        payer(),
    )
        .prop_map(
            |(deduction, amount, bank_ref, references, information, payer)| BankPayment {
                bank_ref,
                amount: if deduction { -amount } else { amount },
                kind: if deduction {
                    PaymentKind::Deduction
                } else {
                    PaymentKind::Payment
                },
                references,
                information,
                payer,
                value_date: None,
                position: Position::Line(0),
            },
        )
}

fn deposit() -> impl Strategy<Value = Deposit> {
    (
        giro(),
        prop_oneof![Just(Currency::Sek), Just(Currency::Eur)],
        day(),
        digits(5, 5),
        prop::collection::vec(payment(), 0..6),
    )
        .prop_map(
            |(account, currency, booking_date, bank_ref, mut payments)| {
                // A deposit cannot be negative: if the deductions outweigh, they become payments.
                if payments.iter().map(|p| p.amount).sum::<i64>() < 0 {
                    for p in &mut payments {
                        p.amount = p.amount.abs();
                        p.kind = PaymentKind::Payment;
                    }
                }
                Deposit {
                    account,
                    currency,
                    booking_date,
                    total: payments.iter().map(|p| p.amount).sum(),
                    bank_ref,
                    payments,
                    position: Position::Line(0),
                }
            },
        )
}

fn bank_file() -> impl Strategy<Value = BankFile> {
    let stamp = (day(), 0u32..24, 0u32..60, 0u32..60, 0u32..1_000_000);
    (stamp, any::<bool>(), prop::collection::vec(deposit(), 0..4)).prop_map(
        |((d, h, m, s, us), test, deposits)| {
            let at = d.and_hms_micro_opt(h, m, s, us).expect("valid time");
            let mut file = BankFile {
                format: FileFormat::BgMax,
                file_id: at.format("%Y%m%d%H%M%S%6f").to_string(),
                created: at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
                test,
                deposits,
            };
            number_lines(&mut file);
            file
        },
    )
}

/// The lines the records land on: TK01 is line 1; a deposit is its TK05, its payments and
/// its TK15; a payment is its TK20/21, a TK22/23 per reference (all of them when the first
/// carries an amount or is blank, else all but the first, which is in the TK20), a TK25 per
/// information line and one each of TK26–29 when the payer has that.
fn number_lines(file: &mut BankFile) {
    let mut line = 2;
    for deposit in &mut file.deposits {
        deposit.position = Position::Line(line);
        line += 1;
        for p in &mut deposit.payments {
            p.position = Position::Line(line);
            let head = matches!(p.references.first(), Some(r) if r.amount.is_none() && !r.value.is_empty());
            let payer = &p.payer;
            let records = 1 + p.references.len() - usize::from(head)
                + p.information.len()
                + usize::from(payer.name.is_some())
                + usize::from(!payer.address.is_empty() || payer.postal_code.is_some())
                + usize::from(payer.city.is_some() || payer.country.is_some())
                + usize::from(payer.national_id.is_some());
            line += u32::try_from(records).expect("few records");
        }
        line += 1;
    }
}

/// Where one digit of an amount or count sits, and the line whose check must then fail.
fn amount_and_count_digits(bytes: &[u8]) -> Vec<(usize, u32)> {
    let mut found = Vec::new();
    let mut pending = Vec::new();
    let mut offset = 0;
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let n = u32::try_from(i + 1).expect("few lines");
        let columns = |from: usize, to: usize| (from..=to).map(move |c| offset + c - 1);
        match line.get(..2) {
            Some(b"20" | b"21") => pending.extend(columns(38, 55)),
            Some(b"15") => {
                found.extend(pending.drain(..).map(|at| (at, n)));
                found.extend(columns(51, 68).chain(columns(72, 79)).map(|at| (at, n)));
            }
            Some(b"70") => found.extend(columns(3, 34).map(|at| (at, n))),
            _ => {}
        }
        offset += line.len() + 1;
    }
    found
}

proptest! {
    #[test]
    fn written_files_read_back_to_the_same_model(file in bank_file()) {
        let bytes = write(&file);
        prop_assert_eq!(read(&bytes), Ok(file));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        let _ = read(&bytes);
    }

    /// Random records after a valid start record reach every state of the reader.
    #[test]
    fn random_records_never_panic(
        records in prop::collection::vec(
            (
                prop::sample::select(vec![
                    "05", "15", "20", "21", "22", "23", "25", "26", "27", "28", "29", "70", "99",
                ]),
                prop::collection::vec(prop_oneof![b'0'..=b'9', Just(b' '), any::<u8>()], 0..85),
            ),
            0..40,
        )
    ) {
        let mut bytes = b"01BGMAX               0120261201080000000000P".to_vec();
        for (tk, rest) in &records {
            bytes.extend_from_slice(b"\r\n");
            bytes.extend_from_slice(tk.as_bytes());
            bytes.extend_from_slice(rest);
        }
        if let Err(e) = read(&bytes) {
            let lines = u32::try_from(records.len() + 1).expect("few");
            prop_assert!(matches!(e.position, Position::Line(n) if (1..=lines).contains(&n)), "{e}");
        }
    }

    #[test]
    fn a_changed_byte_never_panics(file in bank_file(), at in any::<Index>(), byte in any::<u8>()) {
        let mut bytes = write(&file);
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let lines = bytes.split(|&b| b == b'\n').count();
        if let Err(e) = read(&bytes) {
            prop_assert!(matches!(e.position, Position::Line(n) if n >= 1 && n as usize <= lines), "{e}");
        }
    }

    #[test]
    fn truncated_files_are_refused(file in bank_file(), at in any::<Index>()) {
        let bytes = write(&file);
        // Anything that cuts into the TK70 counts (the last record, columns 1–34) or earlier.
        let end_record = bytes.len() - 82;
        let cut = at.index(end_record + 34);
        let err = read(&bytes[..cut]);
        prop_assert!(matches!(err, Err(ref e) if matches!(e.position, Position::Line(_))), "{:?}", err);
    }

    #[test]
    fn a_changed_digit_in_an_amount_or_count_is_refused(
        file in bank_file(),
        which in any::<Index>(),
        delta in 1u8..=9,
    ) {
        let mut bytes = write(&file);
        let digits = amount_and_count_digits(&bytes);
        let (at, line) = digits[which.index(digits.len())];
        bytes[at] = b'0' + (bytes[at] - b'0' + delta) % 10;
        let err = read(&bytes).expect_err("refused");
        prop_assert_eq!(&err.position, &Position::Line(line), "{}", err);
    }
}
