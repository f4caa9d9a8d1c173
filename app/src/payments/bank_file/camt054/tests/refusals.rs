//! Every kind of bad file is refused whole, with the XML path and element of the problem.
//! Each case is the golden 001.02 file with one thing changed.

use super::*;
use crate::payments::bank_file::camt054::{read, MAX_FILE_BYTES};

/// The golden file with the first occurrence of `from` (which must exist) replaced.
fn golden_with(from: &str, to: &str) -> String {
    let text = testdata_text("golden-v02.xml");
    assert!(text.contains(from), "golden-v02.xml has no {from:?}");
    text.replacen(from, to, 1)
}

#[track_caller]
fn assert_refused(text: &str, position: &str, field: &str, message_part: &str) {
    let e = refused(text);
    assert_eq!(
        (e.position.clone(), e.field.as_str()),
        (Position::Path(position.to_string()), field),
        "{e}"
    );
    assert!(
        e.message.contains(message_part),
        "{:?} does not say {message_part:?}",
        e.message
    );
}

const TX2_AMT: &str = "/Ntfctn[1]/Ntry[2]/NtryDtls[1]/TxDtls[2]/AmtDtls/TxAmt/Amt";

#[test]
fn amounts_in_another_currency_than_the_account_or_entry_are_refused() {
    assert_refused(
        &golden_with(
            "<Amt Ccy=\"SEK\">1250.00</Amt>\n        <CdtDbtInd>",
            "<Amt Ccy=\"EUR\">1250.00</Amt>\n        <CdtDbtInd>",
        ),
        &format!("{MSG}/Ntfctn[1]/Ntry[1]/Amt"),
        "Ntry/Amt@Ccy",
        "account (Acct/Ccy) is in SEK",
    );
    assert_refused(
        &golden_with(
            "<Amt Ccy=\"SEK\">500.5</Amt>",
            "<Amt Ccy=\"NOK\">500.5</Amt>",
        ),
        &format!("{MSG}{TX2_AMT}"),
        "TxDtls/Amt@Ccy",
        "its entry is in SEK",
    );
    assert_refused(
        &golden_with("<Ccy>SEK</Ccy>", "<Ccy>USD</Ccy>"),
        &format!("{MSG}/Ntfctn[1]/Acct/Ccy"),
        "Acct/Ccy",
        "not one Kreditor settles in",
    );
    assert_refused(
        &golden_with(
            "<Amt Ccy=\"SEK\">500.5</Amt>",
            "<Amt Ccy=\"sek\">500.5</Amt>",
        ),
        &format!("{MSG}{TX2_AMT}"),
        "TxDtls/AmtDtls/TxAmt/Amt@Ccy",
        "not one Kreditor settles in",
    );
    assert_refused(
        &golden_with("<Amt Ccy=\"SEK\">500.5</Amt>", "<Amt>500.5</Amt>"),
        &format!("{MSG}{TX2_AMT}"),
        "TxDtls/AmtDtls/TxAmt/Amt@Ccy",
        "no Ccy",
    );
}

#[test]
fn amounts_that_would_need_rounding_a_sign_or_a_guess_are_refused() {
    for (bad, says) in [
        ("500.505", "more than the currency's 2 decimals"),
        ("500.500", "more than the currency's 2 decimals"),
        ("-500.50", "negative"),
        ("500,50", "not a decimal number"),
        ("5.005e2", "not a decimal number"),
        ("", "empty"),
        ("99999999999999999999", "too large"),
    ] {
        assert_refused(
            &golden_with(
                "<Amt Ccy=\"SEK\">500.5</Amt>",
                &format!("<Amt Ccy=\"SEK\">{bad}</Amt>"),
            ),
            &format!("{MSG}{TX2_AMT}"),
            "TxDtls/AmtDtls/TxAmt/Amt",
            says,
        );
    }
}

#[test]
fn totals_that_do_not_add_up_are_refused() {
    assert_refused(
        &golden_with(
            "<Amt Ccy=\"SEK\">3356.70</Amt>",
            "<Amt Ccy=\"SEK\">3356.71</Amt>",
        ),
        &format!("{MSG}/Ntfctn[1]/Ntry[2]/Amt"),
        "Ntry/Amt",
        "differs from the sum of its 4 transactions 3356.70",
    );
    assert_refused(
        &golden_with("<NbOfTxs>4</NbOfTxs>", "<NbOfTxs>5</NbOfTxs>"),
        &format!("{MSG}/Ntfctn[1]/Ntry[2]/NtryDtls[1]/Btch/NbOfTxs"),
        "Btch/NbOfTxs",
        "says 5 transactions",
    );
    assert_refused(
        &golden_with(
            "<TtlAmt Ccy=\"SEK\">3356.70</TtlAmt>",
            "<TtlAmt Ccy=\"SEK\">3356.60</TtlAmt>",
        ),
        &format!("{MSG}/Ntfctn[1]/Ntry[2]/NtryDtls[1]/Btch/TtlAmt"),
        "Btch/TtlAmt",
        "differs from the sum",
    );
    assert_refused(
        &golden_with("<NbOfNtries>4</NbOfNtries>", "<NbOfNtries>5</NbOfNtries>"),
        &format!("{MSG}/Ntfctn[1]/TxsSummry/TtlNtries/NbOfNtries"),
        "TxsSummry/TtlNtries/NbOfNtries",
        "says 5 entries",
    );
    assert_refused(
        &golden_with("<Sum>4905.70</Sum>", "<Sum>4905.80</Sum>"),
        &format!("{MSG}/Ntfctn[1]/TxsSummry/TtlNtries/Sum"),
        "TxsSummry/TtlNtries/Sum",
        "add up to 4905.70",
    );
    assert_refused(
        &golden_with("<Sum>200</Sum>", "<Sum>201</Sum>"),
        &format!("{MSG}/Ntfctn[1]/TxsSummry/TtlDbtNtries/Sum"),
        "TxsSummry/TtlDbtNtries/Sum",
        "add up to 200.00",
    );
    assert_refused(
        &golden_with(
            "<TtlNetNtryAmt>4505.70</TtlNetNtryAmt>",
            "<TtlNetNtryAmt>4905.70</TtlNetNtryAmt>",
        ),
        &format!("{MSG}/Ntfctn[1]/TxsSummry/TtlNtries/TtlNetNtryAmt"),
        "TxsSummry/TtlNtries/TtlNetNtryAmt",
        "net total",
    );
}

#[test]
fn a_batch_transaction_without_its_amount_is_refused() {
    assert_refused(
        &golden_with(
            "<AmtDtls>\n              <TxAmt>\n                <Amt Ccy=\"SEK\">500.5</Amt>\n              </TxAmt>\n            </AmtDtls>",
            "",
        ),
        &format!("{MSG}/Ntfctn[1]/Ntry[2]/NtryDtls[1]/TxDtls[2]"),
        "TxDtls/Amt",
        "each must give its own",
    );
}

#[test]
fn entries_that_are_not_plain_booked_payments_or_returns_are_refused() {
    assert_refused(
        &golden_with("<RvslInd>false</RvslInd>", "<RvslInd>true</RvslInd>"),
        &format!("{MSG}/Ntfctn[2]/Ntry[1]/RvslInd"),
        "Ntry/RvslInd",
        "not an incoming payment",
    );
    assert_refused(
        &golden_with("<Sts>BOOK</Sts>", "<Sts>PDNG</Sts>"),
        &format!("{MSG}/Ntfctn[1]/Ntry[1]/Sts"),
        "Ntry/Sts",
        "only booked entries (BOOK)",
    );
    assert_refused(
        &golden_with(
            "<CdtDbtInd>CRDT</CdtDbtInd>\n        <Sts>",
            "<CdtDbtInd>CRED</CdtDbtInd>\n        <Sts>",
        ),
        &format!("{MSG}/Ntfctn[1]/Ntry[1]/CdtDbtInd"),
        "Ntry/CdtDbtInd",
        "not CRDT or DBIT",
    );
    assert_refused(
        &golden_with(
            "<BookgDt>\n          <Dt>2026-12-07</Dt>\n        </BookgDt>\n        <AcctSvcrRef>NO-0001",
            "<AcctSvcrRef>NO-0001",
        ),
        &format!("{MSG}/Ntfctn[2]/Ntry[1]"),
        "Ntry/BookgDt",
        "no booking date",
    );
    assert_refused(
        &golden_with("<Dt>2026-12-07</Dt>", "<Dt>2026-02-30</Dt>"),
        &format!("{MSG}/Ntfctn[1]/Ntry[1]/BookgDt/Dt"),
        "Ntry/BookgDt/Dt",
        "not a date",
    );
}

#[test]
fn a_file_without_its_identifiers_is_refused() {
    assert_refused(
        &golden_with("<MsgId>KRED-V02-0001</MsgId>", "<MsgId> </MsgId>"),
        &format!("{MSG}/GrpHdr/MsgId"),
        "GrpHdr/MsgId",
        "missing",
    );
    assert_refused(
        &golden_with(
            "<CreDtTm>2026-12-08T06:30:00+01:00</CreDtTm>",
            "<CreDtTm>8.12.2026</CreDtTm>",
        ),
        &format!("{MSG}/GrpHdr/CreDtTm"),
        "GrpHdr/CreDtTm",
        "not a date and time",
    );
    assert_refused(
        &golden_with("<IBAN>FI2112345600000785</IBAN>", ""),
        &format!("{MSG}/Ntfctn[3]/Acct/Id"),
        "Acct/Id",
        "no IBAN",
    );
}

#[test]
fn other_messages_and_versions_are_refused_by_name() {
    assert_refused(
        &golden_with("xsd:camt.054.001.02", "xsd:camt.054.001.05"),
        "/Document",
        "Document@xmlns",
        "version \"001.05\" is not read",
    );
    assert_refused(
        &golden_with("xsd:camt.054.001.02", "xsd:camt.053.001.02"),
        "/Document",
        "Document@xmlns",
        "is not camt.054",
    );
    assert_refused(
        &golden_with(
            " xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\"",
            "",
        ),
        "/Document",
        "Document@xmlns",
        "no namespace",
    );
    assert_refused(
        "<?xml version=\"1.0\"?><Invoice/>",
        "/Invoice",
        "Document",
        "not Document",
    );
}

#[test]
fn encodings_dtds_entities_and_deep_nesting_are_refused() {
    let golden = testdata_text("golden-v02.xml");
    let mut latin1 = golden.clone().into_bytes();
    let at_name = golden.find("Anna").expect("a name");
    latin1[at_name] = 0xC5; // "Å" in ISO-8859-1, not UTF-8
    let e = read(&latin1).expect_err("not UTF-8");
    assert_eq!(
        (e.field.as_str(), e.position.clone()),
        ("encoding", Position::Path("/".into()))
    );
    assert!(e.message.contains(&format!("byte {at_name}")), "{e}");

    assert_refused(
        &golden_with("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\""),
        "/",
        "encoding",
        "UTF-8 only",
    );
    assert_refused(
        &golden_with(
            "<Document",
            "<!DOCTYPE Document [<!ENTITY x \"xx\">]>\n<Document",
        ),
        "/",
        "DOCTYPE",
        "not allowed",
    );
    assert_refused(
        &golden_with("Anna Andersson", "Anna &x; Andersson"),
        &format!("{MSG}/Ntfctn[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]/RltdPties/Dbtr/Nm"),
        "XML",
        "undefined entity",
    );
    let deep = format!("{}1{}", "<X>".repeat(100), "</X>".repeat(100));
    let e = refused(&golden_with(
        "<AddtlNtryInf>",
        &format!("{deep}<AddtlNtryInf>"),
    ));
    assert!(e.message.contains("nested deeper than 64"), "{e}");
    assert!(
        matches!(&e.position, Position::Path(p) if p.starts_with(&format!("{MSG}/Ntfctn[1]/Ntry[4]"))),
        "{e}"
    );
    let e = refused(&golden_with(
        "<Nm>Anna Andersson</Nm>",
        &format!("<Nm>{deep}</Nm>"),
    ));
    assert!(e.message.contains("nested deeper than 64"), "{e}");
}

#[test]
fn broken_xml_is_refused_with_the_path_and_byte() {
    let e = refused(&golden_with("Anna Andersson</Nm>", "Anna Andersson</Name>"));
    assert_eq!(e.field, "XML");
    assert!(
        matches!(&e.position, Position::Path(p) if p.starts_with(&format!("{MSG}/Ntfctn[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]/RltdPties/Dbtr"))),
        "{e}"
    );
    assert!(e.message.contains("line "), "{e}");
    let e = refused(&golden_with("</Document>", "</Document><Document/>"));
    assert_eq!(e.field, "XML", "{e}");
    let e = refused(&golden_with("</Document>", "</Document>trailing"));
    assert_eq!(e.field, "XML", "{e}");
    let e = refused("");
    assert_eq!(e.field, "Document", "{e}");
}

#[test]
fn files_over_the_limit_are_refused_before_parsing() {
    let huge = vec![b' '; MAX_FILE_BYTES + 1];
    let e = read(&huge).expect_err("too large");
    assert_eq!(e.field, "file");
    assert!(e.message.contains("over 200 MiB"), "{e}");
}
