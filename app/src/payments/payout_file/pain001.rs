//! The pain.001.001.03 writer (CustomerCreditTransferInitiationV03, Swedish/CGI usage), with
//! quick-xml's writer so escaping and nesting are never hand-made.
//!
//! Layout: one `GrpHdr` (count and control sum of all payouts), then one `PmtInf` per
//! currency in the order SEK, NOK, DKK, EUR (the batch has one execution date), each with its
//! own count and sum, `PmtMtd` TRF, `BtchBookg` false (every payout its own booking on
//! Kreditor's statement, so the bank's debit notification matches one payout) and `ChrgBr`:
//! SLEV with service level SEPA for EUR (the SEPA rulebook's only allowed value), SHAR for the
//! others (each side pays its own bank, the Nordic banks' default for domestic and
//! cross-border transfers). Payouts keep their batch order within a currency.

use std::io;

use chrono::SecondsFormat;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::validate::{self, AccountId, Agent, Checked, Group, Item};
use super::{PayoutBatch, PayoutFileError, Remittance};
use crate::money::Currency;

/// The message's XML namespace.
pub const NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

type XmlWriter = Writer<Vec<u8>>;

/// The pain.001.001.03 file for `batch`, UTF-8 with an XML declaration, two-space indented,
/// ending in a newline; the same batch always gives the same bytes.
///
/// Checks every field first and writes nothing when one is wrong (see [`PayoutFileError`]).
pub fn write(batch: &PayoutBatch) -> Result<Vec<u8>, PayoutFileError> {
    let checked = validate::check(batch)?;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    document(&mut w, &checked).map_err(|e| {
        // Writing into a Vec cannot fail; should it, say so rather than hand out half a file.
        PayoutFileError::new("file", format!("could not be written: {e}"))
    })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn document(w: &mut XmlWriter, c: &Checked<'_>) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("Document")
        .with_attribute(("xmlns", NAMESPACE))
        .write_inner_content(|w| {
            w.create_element("CstmrCdtTrfInitn")
                .write_inner_content(|w| {
                    group_header(w, c)?;
                    for group in &c.groups {
                        payment_information(w, c, group)?;
                    }
                    Ok(())
                })
                .map(drop)
        })?;
    Ok(())
}

fn group_header(w: &mut XmlWriter, c: &Checked<'_>) -> io::Result<()> {
    let batch: &PayoutBatch = c.batch;
    w.create_element("GrpHdr")
        .write_inner_content(|w| {
            leaf(w, "MsgId", &batch.message_id)?;
            leaf(
                w,
                "CreDtTm",
                &batch
                    .created_at
                    .to_rfc3339_opts(SecondsFormat::AutoSi, false),
            )?;
            leaf(w, "NbOfTxs", &c.count.to_string())?;
            leaf(w, "CtrlSum", &c.total.to_string())?;
            party(w, "InitgPty", &batch.debtor.name, &c.org_number)
        })
        .map(drop)
}

fn payment_information(w: &mut XmlWriter, c: &Checked<'_>, group: &Group<'_>) -> io::Result<()> {
    let batch = c.batch;
    let sepa = group.currency == Currency::Eur;
    w.create_element("PmtInf")
        .write_inner_content(|w| {
            leaf(
                w,
                "PmtInfId",
                &format!("{}-{}", batch.message_id, group.currency.code()),
            )?;
            leaf(w, "PmtMtd", "TRF")?;
            leaf(w, "BtchBookg", "false")?;
            leaf(w, "NbOfTxs", &group.items.len().to_string())?;
            leaf(w, "CtrlSum", &group.total.to_string())?;
            if sepa {
                w.create_element("PmtTpInf").write_inner_content(|w| {
                    w.create_element("SvcLvl")
                        .write_inner_content(|w| leaf(w, "Cd", "SEPA"))
                        .map(drop)
                })?;
            }
            leaf(
                w,
                "ReqdExctnDt",
                &batch.execution_date.format("%Y-%m-%d").to_string(),
            )?;
            party(w, "Dbtr", &batch.debtor.name, &c.org_number)?;
            account(w, "DbtrAcct", &c.debtor_account)?;
            agent(w, "DbtrAgt", &Agent::Bic(c.debtor_bic.clone()))?;
            leaf(w, "ChrgBr", if sepa { "SLEV" } else { "SHAR" })?;
            for item in &group.items {
                transaction(w, group.currency, item)?;
            }
            Ok(())
        })
        .map(drop)
}

fn transaction(w: &mut XmlWriter, currency: Currency, item: &Item<'_>) -> io::Result<()> {
    let payout = item.payout;
    w.create_element("CdtTrfTxInf")
        .write_inner_content(|w| {
            w.create_element("PmtId")
                .write_inner_content(|w| leaf(w, "EndToEndId", &payout.end_to_end_id))?;
            w.create_element("Amt").write_inner_content(|w| {
                w.create_element("InstdAmt")
                    .with_attribute(("Ccy", currency.code()))
                    .write_text_content(BytesText::new(&item.amount.to_string()))
                    .map(drop)
            })?;
            if let Some(a) = &item.agent {
                agent(w, "CdtrAgt", a)?;
            }
            w.create_element("Cdtr").write_inner_content(|w| {
                leaf(w, "Nm", &payout.creditor.name)?;
                if let Some(address) = &payout.creditor.address {
                    w.create_element("PstlAdr").write_inner_content(|w| {
                        if let Some(street) = &address.street {
                            leaf(w, "StrtNm", street)?;
                        }
                        if let Some(postcode) = &address.postcode {
                            leaf(w, "PstCd", postcode)?;
                        }
                        if let Some(town) = &address.town {
                            leaf(w, "TwnNm", town)?;
                        }
                        leaf(w, "Ctry", &address.country)
                    })?;
                }
                Ok(())
            })?;
            account(w, "CdtrAcct", &item.account)?;
            w.create_element("RmtInf")
                .write_inner_content(|w| match &payout.remittance {
                    Remittance::Text(text) => leaf(w, "Ustrd", text),
                    Remittance::Reference(reference) => w
                        .create_element("Strd")
                        .write_inner_content(|w| {
                            w.create_element("CdtrRefInf")
                                .write_inner_content(|w| {
                                    w.create_element("Tp").write_inner_content(|w| {
                                        w.create_element("CdOrPrtry")
                                            .write_inner_content(|w| leaf(w, "Cd", "SCOR"))
                                            .map(drop)
                                    })?;
                                    leaf(w, "Ref", reference)
                                })
                                .map(drop)
                        })
                        .map(drop),
                })
                .map(drop)
        })
        .map(drop)
}

/// `InitgPty` / `Dbtr`: Kreditor's name and organisation number (scheme `BANK`, the form
/// Nordea's guideline asks for; other banks accept it).
fn party(w: &mut XmlWriter, tag: &str, name: &str, org_number: &str) -> io::Result<()> {
    w.create_element(tag)
        .write_inner_content(|w| {
            leaf(w, "Nm", name)?;
            w.create_element("Id").write_inner_content(|w| {
                w.create_element("OrgId").write_inner_content(|w| {
                    w.create_element("Othr").write_inner_content(|w| {
                        leaf(w, "Id", org_number)?;
                        scheme_code(w, "BANK")
                    })?;
                    Ok(())
                })?;
                Ok(())
            })?;
            Ok(())
        })
        .map(drop)
}

fn account(w: &mut XmlWriter, tag: &str, id: &AccountId) -> io::Result<()> {
    w.create_element(tag)
        .write_inner_content(|w| {
            w.create_element("Id")
                .write_inner_content(|w| match id {
                    AccountId::Iban(iban) => leaf(w, "IBAN", iban),
                    AccountId::Proprietary { id, scheme } => other(w, id, "Prtry", scheme),
                    AccountId::Code { id, scheme } => other(w, id, "Cd", scheme),
                })
                .map(drop)
        })
        .map(drop)
}

/// `Othr`: an account id outside IBAN with its scheme (`Cd` BBAN or `Prtry` BGNR).
fn other(w: &mut XmlWriter, id: &str, kind: &str, scheme: &str) -> io::Result<()> {
    w.create_element("Othr")
        .write_inner_content(|w| {
            leaf(w, "Id", id)?;
            w.create_element("SchmeNm")
                .write_inner_content(|w| leaf(w, kind, scheme))
                .map(drop)
        })
        .map(drop)
}

fn scheme_code(w: &mut XmlWriter, code: &str) -> io::Result<()> {
    w.create_element("SchmeNm")
        .write_inner_content(|w| leaf(w, "Cd", code))
        .map(drop)
}

fn agent(w: &mut XmlWriter, tag: &str, agent: &Agent) -> io::Result<()> {
    w.create_element(tag)
        .write_inner_content(|w| {
            w.create_element("FinInstnId")
                .write_inner_content(|w| match agent {
                    Agent::Bic(bic) => leaf(w, "BIC", bic),
                    Agent::SwedishClearing(member) => w
                        .create_element("ClrSysMmbId")
                        .write_inner_content(|w| {
                            w.create_element("ClrSysId")
                                .write_inner_content(|w| leaf(w, "Cd", "SESBA"))?;
                            leaf(w, "MmbId", member)
                        })
                        .map(drop),
                })
                .map(drop)
        })
        .map(drop)
}

/// `<tag>text</tag>`, the text escaped.
fn leaf(w: &mut XmlWriter, tag: &str, text: &str) -> io::Result<()> {
    w.create_element(tag)
        .write_text_content(BytesText::new(text))
        .map(drop)
}
