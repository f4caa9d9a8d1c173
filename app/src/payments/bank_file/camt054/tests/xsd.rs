//! What the writer produces is valid against the official ISO 20022 XSDs (checked with
//! `xmllint`, Debian `libxml2-utils`, which `scripts/install-deps.sh` installs), and so are the
//! hand-written golden files.

use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use super::golden::{expected_v02, expected_v08};
use super::props::big_file;
use super::testdata;
use crate::payments::bank_file::camt054::{write, Version};
use crate::payments::bank_file::model::{BankFile, Payer, PaymentReference};

fn xsd_path(version: Version) -> String {
    let name = match version {
        Version::V02 => "camt.054.001.02.xsd",
        Version::V08 => "camt.054.001.08.xsd",
    };
    format!(
        "{}/src/payments/bank_file/camt054/testdata/xsd/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// `Ok` when xmllint accepts `xml` against the version's XSD, else its complaint.
fn xmllint(xml: &[u8], version: Version) -> Result<(), String> {
    static N: AtomicU32 = AtomicU32::new(0);
    let file = std::env::temp_dir().join(format!(
        "kreditor-camt054-{}-{}.xml",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&file, xml).expect("write the temporary file");
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd_path(version))
        .arg(&file)
        .output();
    let _ = std::fs::remove_file(&file);
    let out = out.unwrap_or_else(|e| {
        panic!(
            "cannot run xmllint ({e}): install Debian's libxml2-utils \
             (scripts/install-deps.sh does)"
        )
    });
    if out.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        Err(stderr.lines().take(10).collect::<Vec<_>>().join("\n"))
    }
}

#[test]
fn the_golden_files_are_valid_against_the_iso_xsds() {
    xmllint(&testdata("golden-v02.xml"), Version::V02).expect("golden-v02.xml");
    xmllint(&testdata("golden-v08.xml"), Version::V08).expect("golden-v08.xml");
}

#[test]
fn xmllint_refuses_an_invalid_file_so_the_checks_can_fail() {
    let text = String::from_utf8(testdata("golden-v02.xml")).expect("UTF-8");
    let broken = text.replacen("<Sts>BOOK</Sts>", "", 1);
    assert!(xmllint(broken.as_bytes(), Version::V02).is_err());
    // And a 001.08 file is not a 001.02 file.
    assert!(xmllint(&testdata("golden-v08.xml"), Version::V02).is_err());
}

/// A model with characters that need escaping and every optional part filled.
fn awkward() -> BankFile {
    let mut file = expected_v02();
    file.file_id = "A&B<C>\"D'".into();
    let p = &mut file.deposits[0].payments[0];
    p.information = vec!["<tag> & \"quotes\" 'apos' åäö ÆØÅ €".into()];
    p.references.push(PaymentReference {
        value: "R&<>".into(),
        structured: false,
        amount: Some(-5),
        bank_flagged_invalid: false,
    });
    p.payer = Payer {
        name: Some("Åsa & Örjan <AB>".into()),
        address: vec!["Line 1".into(), "Line 2".into()],
        postal_code: Some("123 45".into()),
        city: Some("Malmö".into()),
        country: Some("SE".into()),
        account: Some("not an IBAN 123".into()),
        national_id: Some("5560000000".into()),
    };
    file
}

#[test]
fn written_files_of_both_versions_are_valid_against_the_iso_xsds() {
    for v in Version::ALL {
        for (name, model) in [
            ("golden v02 model", expected_v02()),
            ("golden v08 model", expected_v08()),
            ("awkward model", awkward()),
            ("3,000 payments", big_file(3_000, 25)),
        ] {
            if let Err(e) = xmllint(&write(&model, v), v) {
                panic!("{name} written as {v:?} is not valid:\n{e}");
            }
        }
    }
}
