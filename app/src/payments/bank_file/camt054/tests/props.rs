//! Properties: any model the writer can express reads back unchanged in both versions;
//! arbitrary, truncated and corrupted input never panics and is refused with a position; one
//! bad amount among 20,000 payments refuses the whole file.

use proptest::prelude::*;

use super::*;
use crate::money::Currency;
use crate::payments::bank_file::camt054::{read, write, Version};
use crate::payments::bank_file::model::{Deposit, FileFormat};

/// A file of `payments` payments, `per_entry` to an entry, all on one SEK account, each
/// with an OCR reference, a payer and a distinct amount (1.00 + its number in öre).
pub(in super::super) fn big_file(payments: usize, per_entry: usize) -> BankFile {
    let per_entry = per_entry.max(1);
    let mut deposits = Vec::new();
    let mut n: usize = 0;
    while n < payments {
        let count = per_entry.min(payments - n);
        let list: Vec<BankPayment> = (n..n + count)
            .map(|i| BankPayment {
                references: vec![scor(&format!("{:09}", i * 7 + 1))],
                payer: Payer {
                    account: Some(format!("SE35500000000549{:08}", i)),
                    ..named(&format!("Payer {i}"))
                },
                value_date: Some(date(2026, 12, 7)),
                ..payment(&format!("TX-{i:08}"), 100 + i as i64, "")
            })
            .collect();
        deposits.push(Deposit {
            account: "SE4550000000058398257466".into(),
            currency: Currency::Sek,
            booking_date: date(2026, 12, 7),
            total: list.iter().map(|p| p.amount).sum(),
            bank_ref: format!("E-{:06}", deposits.len() + 1),
            payments: list,
            position: Position::Path(String::new()),
        });
        n += count;
    }
    BankFile {
        format: FileFormat::Camt054V08,
        file_id: "BIG-1".into(),
        created: "2026-12-08T06:00:00".into(),
        test: false,
        deposits,
    }
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9åÄ&<>'\"][A-Za-z0-9åÄ &<>./'\"-]{0,18}[A-Za-z0-9.ö]"
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

fn account() -> impl Strategy<Value = String> {
    prop_oneof![
        "SE[0-9]{22}",
        "FI[0-9]{16}",
        "[0-9]{4,12}",
        "[0-9]{3}-[0-9]{4}"
    ]
}

fn reference() -> impl Strategy<Value = PaymentReference> {
    (
        any::<bool>(),
        prop_oneof!["[0-9]{2,25}", "RF[0-9]{2}[0-9A-Z]{1,21}"],
        text(),
        proptest::option::of(-1_000_000i64..1_000_000),
    )
        .prop_map(|(structured, digits, words, amount)| PaymentReference {
            value: if structured { digits } else { words },
            structured,
            amount,
            bank_flagged_invalid: false,
        })
}

fn payer() -> impl Strategy<Value = Payer> {
    (
        opt_text(),
        proptest::collection::vec(text(), 0..3),
        opt_text(),
        opt_text(),
        proptest::option::of("[A-Z]{2}"),
        proptest::option::of(account()),
        proptest::option::of("[0-9]{10,12}"),
    )
        .prop_map(
            |(name, address, postal_code, city, country, account, national_id)| Payer {
                name,
                address,
                postal_code,
                city,
                country,
                account,
                national_id,
            },
        )
}

/// A payment as the reader gives it: with no `Strd` reference, the `Ustrd` lines are its
/// references.
fn one_payment(debit: bool) -> impl Strategy<Value = BankPayment> {
    (
        "[A-Z0-9][A-Z0-9/-]{0,20}",
        0i64..100_000_000,
        proptest::collection::vec(reference(), 0..3),
        proptest::collection::vec(text(), 0..3),
        payer(),
    )
        .prop_map(move |(bank_ref, minor, references, information, payer)| {
            let references = if references.is_empty() {
                information.iter().map(|l| free(l)).collect()
            } else {
                references
            };
            BankPayment {
                bank_ref,
                amount: if debit { -minor } else { minor },
                kind: if debit {
                    PaymentKind::Return
                } else {
                    PaymentKind::Payment
                },
                references,
                information,
                payer,
                value_date: None,
                position: Position::Path(String::new()),
            }
        })
}

fn one_deposit() -> impl Strategy<Value = Deposit> {
    (
        any::<bool>(),
        prop_oneof![
            Just("SE4550000000058398257466".to_string()),
            Just("15038899999".to_string()),
            account()
        ],
        prop::sample::select(Currency::ALL.to_vec()),
        (2020i32..2030, 1u32..13, 1u32..29),
        proptest::option::of((1u32..13, 1u32..29)),
        "[A-Z0-9-]{0,12}",
    )
        .prop_flat_map(|(debit, account, currency, (y, m, d), value, bank_ref)| {
            proptest::collection::vec(one_payment(debit), 1..5).prop_map(move |mut payments| {
                let value_date = value.map(|(vm, vd)| date(y, vm, vd));
                for p in &mut payments {
                    p.value_date = value_date;
                }
                Deposit {
                    account: account.clone(),
                    currency,
                    booking_date: date(y, m, d),
                    total: payments.iter().map(|p| p.amount).sum(),
                    bank_ref: bank_ref.clone(),
                    payments,
                    position: Position::Path(String::new()),
                }
            })
        })
}

fn any_file() -> impl Strategy<Value = BankFile> {
    (
        "[A-Z0-9-]{1,30}",
        (2020i32..2030, 1u32..13, 1u32..29, 0u32..24, 0u32..60),
        proptest::collection::vec(one_deposit(), 1..6),
    )
        .prop_map(|(file_id, (y, mo, d, h, mi), deposits)| BankFile {
            format: FileFormat::Camt054V02,
            file_id,
            created: format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:00+01:00"),
            test: false,
            deposits,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_model_written_reads_back_the_same_in_both_versions(file in any_file()) {
        for v in Version::ALL {
            let bytes = write(&file, v);
            let again = read(&bytes).map_err(|e| TestCaseError::fail(format!("{v:?}: {e}")))?;
            let want = BankFile { format: v.format(), ..file.clone() };
            prop_assert_eq!(without_positions(again), without_positions(want));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_are_refused_with_a_path(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
    ) {
        let e = read(&bytes).expect_err("random bytes are no camt.054");
        prop_assert!(matches!(&e.position, Position::Path(p) if p.starts_with('/')), "{}", e);
    }

    #[test]
    fn corrupted_golden_files_never_panic(
        v08 in any::<bool>(),
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(b"<>/&;\"'= x9.-\n\0\xC3".to_vec())),
            1..6,
        ),
    ) {
        let mut bytes = testdata(if v08 { "golden-v08.xml" } else { "golden-v02.xml" });
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Err(e) = read(&bytes) {
            prop_assert!(matches!(&e.position, Position::Path(p) if p.starts_with('/')), "{}", e);
            prop_assert!(!e.field.is_empty() && !e.message.is_empty());
        }
    }
}

#[test]
fn every_truncation_of_a_golden_file_is_refused_with_a_position() {
    for name in ["golden-v02.xml", "golden-v08.xml"] {
        let bytes = testdata(name);
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        let end = text.find("Document>\n").expect("closing tag") + "Document>".len();
        let root_start = text
            .find(":Document")
            .or(text.find("<Document"))
            .expect("root");
        let root_tag_end = root_start + text[root_start..].find('>').expect("root tag");
        // Every 7th length and the whole tail: all lengths would take minutes in debug builds.
        for len in (0..end).filter(|l| l % 7 == 0 || end - l < 100) {
            let e = read(&bytes[..len])
                .map(|_| format!("{name} cut to {len} bytes was read"))
                .expect_err("a truncated file");
            let Position::Path(p) = &e.position else {
                panic!("{name} cut to {len}: no path");
            };
            // Cut after the root element started, the error is inside it.
            if len > root_tag_end {
                assert!(p.starts_with("/Document"), "{name} cut to {len}: {e}");
            }
        }
    }
}

#[test]
fn one_bad_amount_among_20000_payments_refuses_the_whole_file() {
    let file = big_file(20_000, 100);
    for v in Version::ALL {
        let good = String::from_utf8(write(&file, v)).expect("UTF-8");
        let read_back = read(good.as_bytes()).expect("the good file is read");
        assert_eq!(
            read_back
                .deposits
                .iter()
                .map(|d| d.payments.len())
                .sum::<usize>(),
            20_000
        );
        // Payment 12,345 (entry 124, transaction 46) has the only amount 124.45.
        let needle = "Ccy=\"SEK\">124.45<";
        assert_eq!(good.matches(needle).count(), 1);
        let bad = good.replace(needle, "Ccy=\"SEK\">124.455<");
        let e = read(bad.as_bytes()).expect_err("one bad amount");
        let amt = match v {
            Version::V02 => "AmtDtls/TxAmt/Amt",
            Version::V08 => "Amt",
        };
        assert_eq!(
            e.position,
            at(&format!(
                "/Ntfctn[1]/Ntry[124]/NtryDtls[1]/TxDtls[46]/{amt}"
            )),
            "{v:?}: {e}"
        );
        assert!(e.message.contains("decimals"), "{e}");
    }
}
