//! The pain.001 writer checked from outside: a golden file byte for byte, the ISO schema with
//! `xmllint --schema` (a fixed batch and random ones), control sums against an independent
//! sum, and refusals that name the field.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;
use quick_xml::events::Event;
use quick_xml::Reader;
use rust_decimal::Decimal;

use super::*;
use crate::invoices::ocr;
use crate::money::{Currency, Money};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/payments/payout_file/testdata")
}

/// A file in this test process's own temporary folder.
fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kreditor-pain001-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// `xmllint --noout --schema pain.001.001.03.xsd FILES…`: `Err` with xmllint's words when any
/// file is invalid. xmllint (Debian `libxml2-utils`) is installed by `scripts/install-deps.sh`;
/// a missing one fails the test rather than skipping it.
fn xmllint(files: &[PathBuf]) -> Result<(), String> {
    let xsd = testdata().join("pain.001.001.03.xsd");
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .args(files)
        .output()
        .expect("xmllint (Debian libxml2-utils) must be installed: scripts/install-deps.sh");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let validated = stderr.matches(" validates").count();
    if out.status.success() && validated == files.len() {
        Ok(())
    } else {
        Err(format!(
            "{} of {} files validate:\n{stderr}",
            validated,
            files.len()
        ))
    }
}

fn sek(minor: i64) -> Money {
    Money::from_minor(minor, Currency::Sek)
}

fn payout(id: &str, amount: Money, name: &str, account: CreditorAccount) -> Payout {
    Payout {
        end_to_end_id: id.to_owned(),
        amount,
        creditor: Creditor {
            name: name.to_owned(),
            address: None,
        },
        account,
        remittance: Remittance::Text("Återbetalning av överbetalning".to_owned()),
    }
}

/// The golden batch: every account form, every currency, a structured OCR and an RF
/// reference, an address, and names with the letters and signs that need care (å ä ö ø,
/// `&`, `<`, `'`).
pub(super) fn fixed_batch() -> PayoutBatch {
    let plus_one = FixedOffset::east_opt(3600).unwrap();
    let mut bank = payout(
        "9f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f",
        sek(1_234_550),
        "Örjan Ödmark & Söner",
        CreditorAccount::SwedishBank {
            clearing: "8327-9".to_owned(),
            account: "123 456 789-0".to_owned(),
        },
    );
    bank.creditor.address = Some(PostalAddress {
        street: Some("Storgatan 1 A".to_owned()),
        postcode: Some("111 22".to_owned()),
        town: Some("Stockholm".to_owned()),
        country: "SE".to_owned(),
    });
    let mut bankgiro = payout(
        "PAYOUT-0002",
        sek(9_900),
        "Anna Svensson",
        CreditorAccount::Bankgiro("BG 5050-1055".to_owned()),
    );
    bankgiro.remittance = Remittance::Reference("1234567897".to_owned());
    let mut eur = payout(
        "PAYOUT-0006",
        Money::from_minor(100, Currency::Eur),
        "Matti Meikäläinen",
        CreditorAccount::Iban {
            iban: "fi21 1234 5600 0007 85".to_owned(),
            bic: Some("ndeafihh".to_owned()),
        },
    );
    eur.remittance = Remittance::Reference("RF18539007547034".to_owned());
    PayoutBatch {
        message_id: "KRD-PAYOUT-20261208-0001".to_owned(),
        created_at: plus_one
            .with_ymd_and_hms(2026, 12, 8, 9, 30, 0)
            .single()
            .unwrap(),
        debtor: Debtor {
            name: "Kreditor AB".to_owned(),
            account: DebtorAccount::Iban("SE35 5000 0000 0549 1000 0003".to_owned()),
            bic: "ESSESESS".to_owned(),
            org_number: "556000-0000".to_owned(),
        },
        execution_date: NaiveDate::from_ymd_opt(2026, 12, 9).unwrap(),
        payouts: vec![
            bank,
            bankgiro,
            payout(
                "PAYOUT-0003",
                sek(1),
                "Per 'Pelle' <Plusgiro> Persson",
                CreditorAccount::Plusgiro("PG 90 20 90-0".to_owned()),
            ),
            payout(
                "PAYOUT-0004",
                Money::from_minor(25_000, Currency::Nok),
                "Kari Nordmann Østby",
                CreditorAccount::Iban {
                    iban: "NO93 8601 1117 947".to_owned(),
                    bic: None,
                },
            ),
            payout(
                "PAYOUT-0005",
                sek(100_000_000),
                "Lisa Lind",
                CreditorAccount::Iban {
                    iban: "SE45 5000 0000 0583 9825 7466".to_owned(),
                    bic: Some("ESSESESS".to_owned()),
                },
            ),
            eur,
            payout(
                "PAYOUT-0007",
                Money::from_minor(7_525, Currency::Dkk),
                "Søren Ærø",
                CreditorAccount::Iban {
                    iban: "DK50 0040 0440 1162 43".to_owned(),
                    bic: Some("DABADKKK".to_owned()),
                },
            ),
        ],
    }
}

/// Every element with text, as `(path, text)` with the path from the root
/// (`Document/CstmrCdtTrfInitn/GrpHdr/CtrlSum`) and `Ccy` attributes as `…/InstdAmt@Ccy`.
fn leaves(xml: &[u8]) -> Vec<(String, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut path: Vec<String> = Vec::new();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut text = String::new();
    // Whether the innermost open element has no child yet (its text is a value, not the
    // indentation between children).
    let mut leaf = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                path.push(e.name().as_ref().to_owned());
                for a in e.attributes() {
                    let a = a.unwrap();
                    if a.key.as_ref() == "Ccy" {
                        let value = a.value.into_owned();
                        out.push((format!("{}@Ccy", path.join("/")), value));
                    }
                }
                text.clear();
                leaf = true;
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c,
                    None => match r.xml10_content().as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "apos" => '\'',
                        "quot" => '"',
                        other => panic!("unknown entity {other}"),
                    },
                };
                text.push(c);
            }
            Event::End(_) => {
                if leaf {
                    out.push((path.join("/"), std::mem::take(&mut text)));
                }
                text.clear();
                leaf = false;
                path.pop();
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

fn values<'a>(leaves: &'a [(String, String)], suffix: &str) -> Vec<&'a str> {
    leaves
        .iter()
        .filter(|(p, _)| p.ends_with(suffix))
        .map(|(_, v)| v.as_str())
        .collect()
}

/// `123.45` → 12345, strictly: digits, a point, exactly two decimals.
fn minor_of(text: &str) -> i128 {
    let (units, cents) = text.split_once('.').expect("amount with decimals");
    assert_eq!(cents.len(), 2, "two decimals in {text}");
    assert!(units
        .bytes()
        .chain(cents.bytes())
        .all(|b| b.is_ascii_digit()));
    units.parse::<i128>().unwrap() * 100 + cents.parse::<i128>().unwrap()
}

#[test]
fn golden_file_for_a_fixed_batch() {
    let bytes = write(&fixed_batch()).unwrap();
    let golden = testdata().join("payouts-golden.xml");
    if std::env::var_os("KREDITOR_WRITE_GOLDEN").is_some() {
        std::fs::write(&golden, &bytes).unwrap();
    }
    let expected = std::fs::read(&golden).unwrap();
    assert!(
        bytes == expected,
        "output differs from {}:\n{}",
        golden.display(),
        String::from_utf8_lossy(&bytes)
    );
    // The same batch always gives the same bytes.
    assert_eq!(write(&fixed_batch()).unwrap(), bytes);
}

#[test]
fn the_golden_file_validates_against_the_iso_schema() {
    let path = tmp("golden.xml");
    std::fs::write(&path, write(&fixed_batch()).unwrap()).unwrap();
    xmllint(&[path.clone(), testdata().join("payouts-golden.xml")]).unwrap();
}

#[test]
fn xmllint_refuses_what_the_schema_forbids() {
    // The schema check itself must be able to fail, or the tests above prove nothing.
    let good = String::from_utf8(write(&fixed_batch()).unwrap()).unwrap();
    let bad = good.replacen("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>XXX</PmtMtd>", 1);
    assert_ne!(good, bad);
    let path = tmp("bad.xml");
    std::fs::write(&path, bad).unwrap();
    let err = xmllint(&[path]).unwrap_err();
    assert!(err.contains("PmtMtd"), "{err}");
}

#[test]
fn one_payment_information_per_currency_with_its_count_and_sum() {
    let bytes = write(&fixed_batch()).unwrap();
    let l = leaves(&bytes);
    let doc = "Document/CstmrCdtTrfInitn";
    assert_eq!(values(&l, "GrpHdr/NbOfTxs"), ["7"]);
    // 12345.50 + 99.00 + 0.01 + 250.00 + 1000000.00 + 1.00 + 75.25, irrespective of currency
    assert_eq!(values(&l, "GrpHdr/CtrlSum"), ["1012770.76"]);
    assert_eq!(
        values(&l, "PmtInf/PmtInfId"),
        [
            "KRD-PAYOUT-20261208-0001-SEK",
            "KRD-PAYOUT-20261208-0001-NOK",
            "KRD-PAYOUT-20261208-0001-DKK",
            "KRD-PAYOUT-20261208-0001-EUR"
        ]
    );
    assert_eq!(values(&l, "PmtInf/NbOfTxs"), ["4", "1", "1", "1"]);
    assert_eq!(
        values(&l, "PmtInf/CtrlSum"),
        ["1012444.51", "250.00", "75.25", "1.00"]
    );
    assert_eq!(values(&l, "PmtInf/PmtMtd"), ["TRF"; 4]);
    assert_eq!(
        values(&l, "PmtInf/ChrgBr"),
        ["SHAR", "SHAR", "SHAR", "SLEV"]
    );
    assert_eq!(values(&l, "PmtTpInf/SvcLvl/Cd"), ["SEPA"]);
    assert_eq!(values(&l, "PmtInf/ReqdExctnDt"), ["2026-12-09"; 4]);
    assert_eq!(
        values(&l, &format!("{doc}/GrpHdr/CreDtTm")),
        ["2026-12-08T09:30:00+01:00"]
    );
    assert_eq!(
        values(&l, "InstdAmt@Ccy"),
        ["SEK", "SEK", "SEK", "SEK", "NOK", "DKK", "EUR"]
    );
    assert_eq!(
        values(&l, "Amt/InstdAmt"),
        [
            "12345.50",
            "99.00",
            "0.01",
            "1000000.00",
            "250.00",
            "75.25",
            "1.00"
        ]
    );
    assert_eq!(values(&l, "OrgId/Othr/Id"), ["5560000000"; 5]);
}

#[test]
fn each_account_form_is_written_the_swedish_way() {
    let l = leaves(&write(&fixed_batch()).unwrap());
    // Bank account: clearing + number, BBAN, clearing number as SESBA member (first 4 digits).
    // Bankgiro: digits, BGNR, Bankgirot 9900. Plusgiro: digits, BBAN, 9500.
    assert_eq!(
        values(&l, "CdtrAcct/Id/Othr/Id"),
        ["832791234567890", "50501055", "9020900"]
    );
    assert_eq!(values(&l, "CdtrAcct/Id/Othr/SchmeNm/Cd"), ["BBAN", "BBAN"]);
    assert_eq!(values(&l, "CdtrAcct/Id/Othr/SchmeNm/Prtry"), ["BGNR"]);
    assert_eq!(
        values(&l, "CdtrAgt/FinInstnId/ClrSysMmbId/ClrSysId/Cd"),
        ["SESBA"; 3]
    );
    assert_eq!(
        values(&l, "CdtrAgt/FinInstnId/ClrSysMmbId/MmbId"),
        ["8327", "9900", "9500"]
    );
    // IBANs compact and upper case; a BIC only where the customer gave one.
    assert_eq!(
        values(&l, "CdtrAcct/Id/IBAN"),
        [
            "SE4550000000058398257466",
            "NO9386011117947",
            "DK5000400440116243",
            "FI2112345600000785"
        ]
    );
    assert_eq!(
        values(&l, "CdtrAgt/FinInstnId/BIC"),
        ["ESSESESS", "DABADKKK", "NDEAFIHH"]
    );
    assert_eq!(
        values(&l, "DbtrAcct/Id/IBAN"),
        ["SE3550000000054910000003"; 4]
    );
    // Names and texts exactly as given (escaped in the file, read back whole).
    assert!(values(&l, "Cdtr/Nm").contains(&"Per 'Pelle' <Plusgiro> Persson"));
    assert!(values(&l, "Cdtr/Nm").contains(&"Örjan Ödmark & Söner"));
    assert_eq!(values(&l, "PstlAdr/PstCd"), ["111 22"]);
    assert_eq!(values(&l, "CdtrRefInf/Tp/CdOrPrtry/Cd"), ["SCOR", "SCOR"]);
    assert_eq!(
        values(&l, "CdtrRefInf/Ref"),
        ["1234567897", "RF18539007547034"]
    );
    assert_eq!(
        values(&l, "RmtInf/Ustrd"),
        ["Återbetalning av överbetalning"; 5]
    );
}

#[test]
fn a_bankgiro_debtor_account_is_written_with_its_scheme() {
    let mut batch = fixed_batch();
    batch.debtor.account = DebtorAccount::Bankgiro("5050-1055".to_owned());
    let bytes = write(&batch).unwrap();
    let l = leaves(&bytes);
    assert_eq!(values(&l, "DbtrAcct/Id/Othr/Id"), ["50501055"; 4]);
    assert_eq!(values(&l, "DbtrAcct/Id/Othr/SchmeNm/Prtry"), ["BGNR"; 4]);
    let path = tmp("bankgiro-debtor.xml");
    std::fs::write(&path, bytes).unwrap();
    xmllint(&[path]).unwrap();
}

/// Changes one thing in the golden batch and expects the refusal to name `field`.
fn refused(change: impl FnOnce(&mut PayoutBatch), field: &str) -> PayoutFileError {
    let mut batch = fixed_batch();
    change(&mut batch);
    let err = write(&batch).expect_err(field);
    assert_eq!(err.field, field, "{err}");
    err
}

#[test]
fn invalid_inputs_are_refused_naming_the_field() {
    // The five the issue names.
    refused(
        |b| {
            b.payouts[4].account = CreditorAccount::Iban {
                iban: "SE45 5000 0000 0583 9825 7467".to_owned(),
                bic: None,
            }
        },
        "payouts[4].account",
    );
    refused(|b| b.payouts[0].amount = sek(0), "payouts[0].amount");
    let three = refused(
        |b| b.payouts[0].amount = Money::new(Decimal::new(12_345, 3), Currency::Sek),
        "payouts[0].amount",
    );
    assert!(three.message.contains("decimals"), "{three}");
    let long = refused(
        |b| b.payouts[1].creditor.name = "Å".repeat(200),
        "payouts[1].creditor.name",
    );
    assert!(!long.to_string().contains("ÅÅ"), "no personal data: {long}");
    refused(
        |b| b.payouts[2].remittance = Remittance::Text("Refund\0".to_owned()),
        "payouts[2].remittance",
    );

    // And the rest of the rules.
    refused(|b| b.payouts[0].amount = sek(-100), "payouts[0].amount");
    refused(
        |b| b.payouts[1].creditor.name = "Anna\u{0}Svensson".to_owned(),
        "payouts[1].creditor.name",
    );
    refused(
        |b| b.payouts[1].creditor.name = "Анна".to_owned(),
        "payouts[1].creditor.name",
    );
    refused(
        |b| b.payouts[1].creditor.name = "   ".to_owned(),
        "payouts[1].creditor.name",
    );
    refused(
        |b| b.payouts[1].account = CreditorAccount::Bankgiro("5050-1056".to_owned()),
        "payouts[1].account",
    );
    refused(
        |b| b.payouts[2].account = CreditorAccount::Plusgiro("90 20 90-1".to_owned()),
        "payouts[2].account",
    );
    refused(
        |b| {
            b.payouts[0].account = CreditorAccount::SwedishBank {
                clearing: "832".to_owned(),
                account: "1234567".to_owned(),
            }
        },
        "payouts[0].account.clearing",
    );
    refused(
        |b| {
            b.payouts[0].account = CreditorAccount::SwedishBank {
                clearing: "6789".to_owned(),
                account: "12345".to_owned(),
            }
        },
        "payouts[0].account.account",
    );
    refused(
        |b| b.payouts[5].account = CreditorAccount::Bankgiro("5050-1055".to_owned()),
        "payouts[5].account",
    );
    refused(
        |b| {
            b.payouts[5].account = CreditorAccount::Iban {
                iban: "FI2112345600000785".to_owned(),
                bic: Some("NDEA FI".to_owned()),
            }
        },
        "payouts[5].account.bic",
    );
    refused(
        |b| b.payouts[5].remittance = Remittance::Reference("RF19539007547034".to_owned()),
        "payouts[5].remittance",
    );
    refused(
        |b| b.payouts[1].remittance = Remittance::Reference("Faktura åtta".to_owned()),
        "payouts[1].remittance",
    );
    refused(
        |b| b.payouts[1].remittance = Remittance::Text("x".repeat(141)),
        "payouts[1].remittance",
    );
    refused(
        |b| b.payouts[3].end_to_end_id = "PAYOUT-0002".to_owned(),
        "payouts[3].end_to_end_id",
    );
    refused(
        |b| b.payouts[3].end_to_end_id = "a".repeat(36),
        "payouts[3].end_to_end_id",
    );
    refused(
        |b| b.payouts[3].end_to_end_id = "/PAYOUT".to_owned(),
        "payouts[3].end_to_end_id",
    );
    refused(
        |b| {
            if let Some(a) = b.payouts[0].creditor.address.as_mut() {
                a.country = "se".to_owned();
            }
        },
        "payouts[0].creditor.address.country",
    );
    refused(
        |b| {
            if let Some(a) = b.payouts[0].creditor.address.as_mut() {
                a.town = Some("T".repeat(36));
            }
        },
        "payouts[0].creditor.address.town",
    );
    refused(|b| b.message_id = "M".repeat(32), "message_id");
    refused(
        |b| b.debtor.account = DebtorAccount::Iban("SE35 5000".to_owned()),
        "debtor.account",
    );
    refused(|b| b.debtor.bic = "ESSESES".to_owned(), "debtor.bic");
    refused(
        |b| b.debtor.org_number = "55600-00000".to_owned(),
        "debtor.org_number",
    );
    refused(
        |b| b.execution_date = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
        "execution_date",
    );
    refused(|b| b.payouts.clear(), "payouts");
    refused(
        |b| b.payouts[4].amount = sek(999_999_999_999_999_999),
        "payouts[4].amount",
    );
}

// ---- random valid batches ----

/// A random IBAN of `country` with correct check digits.
fn iban_of(country: &str, bban: &str) -> String {
    let numeric: String = format!("{bban}{country}00")
        .chars()
        .map(|c| c.to_digit(36).unwrap().to_string())
        .collect();
    let rem = numeric
        .bytes()
        .fold(0u32, |r, b| (r * 10 + u32::from(b - b'0')) % 97);
    format!("{country}{:02}{bban}", 98 - rem)
}

fn digits(n: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(0u8..10, n).prop_map(|d| d.iter().map(|d| char::from(b'0' + d)).collect())
}

/// `payload` followed by its mod-10 check digit, written with an optional prefix.
fn with_luhn(payload: String) -> String {
    let d: Vec<u8> = payload.bytes().map(|b| b - b'0').collect();
    format!("{payload}{}", ocr::luhn_check_digit(&d))
}

fn iban_account() -> impl Strategy<Value = CreditorAccount> {
    (
        prop::sample::select(vec![
            ("SE", 20),
            ("NO", 11),
            ("DK", 14),
            ("FI", 14),
            ("DE", 18),
        ]),
        proptest::option::of(prop::sample::select(vec![
            "ESSESESS",
            "NDEASESS",
            "DNBANOKKXXX",
            "dabadkkk",
        ])),
        any::<bool>(),
    )
        .prop_flat_map(|((country, len), bic, spaced)| {
            digits(len..=len).prop_map(move |bban| {
                let iban = iban_of(country, &bban);
                let iban = if spaced {
                    iban.as_bytes()
                        .chunks(4)
                        .map(|c| std::str::from_utf8(c).unwrap())
                        .collect::<Vec<_>>()
                        .join(" ")
                } else {
                    iban
                };
                CreditorAccount::Iban {
                    iban,
                    bic: bic.map(str::to_owned),
                }
            })
        })
}

fn swedish_account() -> impl Strategy<Value = CreditorAccount> {
    prop_oneof![
        (1_000_000u32..=9_999_999, any::<bool>()).prop_map(|(n, prefix)| {
            let number = with_luhn(n.to_string());
            let (a, b) = number.split_at(number.len() - 4);
            let written = format!("{a}-{b}");
            CreditorAccount::Bankgiro(if prefix {
                format!("BG {written}")
            } else {
                written
            })
        }),
        (1u32..=9_999_999).prop_map(|n| CreditorAccount::Plusgiro(with_luhn(n.to_string()))),
        (1_000u32..=9_999, digits(7..=10), any::<bool>()).prop_map(|(clearing, account, five)| {
            let clearing = if five {
                format!("8{:03}-{}", clearing % 1000, clearing % 10)
            } else {
                clearing.to_string()
            };
            CreditorAccount::SwedishBank { clearing, account }
        }),
        iban_account(),
    ]
}

/// Free text in the accepted set, starting with a letter (never only blanks).
fn text_of(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!(
        "[A-Za-zÅÄÖåäöØøÆæ][ -~À-ÖØ-öø-ÿ]{{0,{}}}",
        max - 1
    ))
    .unwrap()
}

fn remittance() -> impl Strategy<Value = Remittance> {
    prop_oneof![
        text_of(140).prop_map(Remittance::Text),
        (1u64..u64::MAX).prop_map(|n| Remittance::Reference(with_luhn(n.to_string()))),
        "[A-Z0-9]{1,21}".prop_map(|b| Remittance::Reference(ocr::rf_reference(&b).unwrap())),
    ]
}

fn address() -> impl Strategy<Value = Option<PostalAddress>> {
    proptest::option::of(
        (
            proptest::option::of(text_of(70)),
            proptest::option::of("[0-9]{3} [0-9]{2}"),
            proptest::option::of(text_of(35)),
            "[A-Z]{2}",
        )
            .prop_map(|(street, postcode, town, country)| PostalAddress {
                street,
                postcode,
                town,
                country,
            }),
    )
}

fn random_payout() -> impl Strategy<Value = Payout> {
    (
        prop::sample::select(Currency::ALL.to_vec()),
        1i64..=100_000_000_000,
        text_of(70),
        address(),
        swedish_account(),
        iban_account(),
        remittance(),
    )
        .prop_map(
            |(currency, minor, name, address, swedish, iban, remittance)| {
                let account = if currency == Currency::Sek {
                    swedish
                } else {
                    iban
                };
                Payout {
                    end_to_end_id: String::new(),
                    amount: Money::from_minor(minor, currency),
                    creditor: Creditor { name, address },
                    account,
                    remittance,
                }
            },
        )
}

fn random_batch() -> impl Strategy<Value = PayoutBatch> {
    (
        "[A-Z0-9]([A-Za-z0-9?:().,'+ -]|/[A-Za-z0-9]){0,14}[A-Za-z0-9]",
        "[A-Za-z0-9]([A-Za-z0-9?:().,'+ -]|/[A-Za-z0-9]){0,10}",
        prop::collection::vec(random_payout(), 1..12),
        0u32..=3,
        -12i32..=12,
        text_of(70),
    )
        .prop_map(|(message_id, prefix, mut payouts, days, hours, name)| {
            for (i, p) in payouts.iter_mut().enumerate() {
                p.end_to_end_id = format!("{prefix}{i}");
            }
            let offset = FixedOffset::east_opt(hours * 3600).unwrap();
            let created_at = offset
                .with_ymd_and_hms(2026, 12, 8, 23, 59, 59)
                .single()
                .unwrap();
            PayoutBatch {
                message_id,
                created_at,
                debtor: Debtor {
                    name,
                    account: DebtorAccount::Iban("SE3550000000054910000003".to_owned()),
                    bic: "ESSESESS".to_owned(),
                    org_number: "5560000000".to_owned(),
                },
                execution_date: NaiveDate::from_ymd_opt(2026, 12, 8 + days).unwrap(),
                payouts,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2, failure_persistence: None, ..ProptestConfig::default() })]

    /// 32 random valid batches per case, all validated by one xmllint run.
    #[test]
    fn random_valid_batches_validate_against_the_schema(
        batches in prop::collection::vec(random_batch(), 32..=32)
    ) {
        let files: Vec<PathBuf> = batches
            .iter()
            .enumerate()
            .map(|(i, batch)| {
                let path = tmp(&format!("random-{i}.xml"));
                std::fs::write(&path, write(batch).unwrap()).unwrap();
                path
            })
            .collect();
        let result = xmllint(&files);
        prop_assert!(result.is_ok(), "{}", result.unwrap_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The control sums and counts equal an independent sum of the batch's minor units, and
    /// every payout appears once, in its currency's group, with its exact amount.
    #[test]
    fn control_sums_equal_an_independent_sum(batch in random_batch()) {
        let l = leaves(&write(&batch).unwrap());
        let expected: i128 = batch
            .payouts
            .iter()
            .map(|p| i128::from(p.amount.to_minor().unwrap()))
            .sum();
        prop_assert_eq!(minor_of(values(&l, "GrpHdr/CtrlSum")[0]), expected);
        prop_assert_eq!(values(&l, "GrpHdr/NbOfTxs"), [batch.payouts.len().to_string()]);

        let in_file: i128 = values(&l, "Amt/InstdAmt").into_iter().map(minor_of).sum();
        prop_assert_eq!(in_file, expected);
        let group_sums: i128 = values(&l, "PmtInf/CtrlSum").into_iter().map(minor_of).sum();
        prop_assert_eq!(group_sums, expected);
        let group_counts: usize = values(&l, "PmtInf/NbOfTxs")
            .into_iter()
            .map(|n| n.parse::<usize>().unwrap())
            .sum();
        prop_assert_eq!(group_counts, batch.payouts.len());

        // Each payout's id with its amount and currency.
        let ids = values(&l, "PmtId/EndToEndId");
        let amounts = values(&l, "Amt/InstdAmt");
        let currencies = values(&l, "InstdAmt@Ccy");
        prop_assert_eq!(ids.len(), batch.payouts.len());
        for p in &batch.payouts {
            let at = ids.iter().position(|id| *id == p.end_to_end_id).unwrap();
            prop_assert_eq!(minor_of(amounts[at]), i128::from(p.amount.to_minor().unwrap()));
            prop_assert_eq!(currencies[at], p.amount.currency().code());
        }
        // Names come back exactly (escaping round-trips).
        let names = values(&l, "Cdtr/Nm");
        for p in &batch.payouts {
            prop_assert!(names.contains(&p.creditor.name.as_str()));
        }
    }

    /// Any one character outside the accepted set, anywhere in a name, is refused with the
    /// name's field.
    #[test]
    fn a_foreign_character_in_a_name_is_refused(
        batch in random_batch(),
        which in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        c in any::<char>().prop_filter("outside the set", |c| !super::validate::is_text_char(*c)),
    ) {
        let mut batch = batch;
        let i = which.index(batch.payouts.len());
        let name = &mut batch.payouts[i].creditor.name;
        let pos = at.index(name.chars().count() + 1);
        let mut chars: Vec<char> = name.chars().collect();
        chars.insert(pos, c);
        chars.truncate(super::validate::MAX_NAME);
        if !chars.contains(&c) {
            chars[super::validate::MAX_NAME - 1] = c;
        }
        *name = chars.into_iter().collect();
        let err = write(&batch).unwrap_err();
        prop_assert_eq!(err.field, format!("payouts[{i}].creditor.name"));
    }
}
