//! Writing the bank-file model as a camt.054 file (for `server make-bank-file`, tests and the
//! import benchmark), valid against the ISO XSD of either version.
//!
//! Consecutive deposits on the same account and currency share one `Ntfctn`; each deposit is
//! one `Ntry` (booked, `Sts` BOOK) with a `TxsSummry` count and sum per notification, a `Btch`
//! summary when it holds several payments, and one `TxDtls` per payment carrying its bank
//! reference as `Refs/AcctSvcrRef`. The text is built in a buffer that [`write_to`] hands to
//! its sink after every entry, so a 100,000-payment file never exists twice in memory.
//!
//! What the model holds that camt.054 cannot say is written as the nearest thing and reads
//! back differently: a deduction (BgMax TK21) is a debit and reads back as a return; a
//! deposit's value date is its first payment's; 001.02 has no direction per transaction, so
//! its entry's direction applies to all of them. Lengths are the caller's business (the model
//! is not checked against the schema's Max35Text etc.).

use std::io::{self, Write};

use quick_xml::escape::partial_escape;

use super::amount::format_minor;
use super::Version;
use crate::money::Currency;
use crate::payments::bank_file::model::{BankFile, BankPayment, Deposit, Payer, PaymentKind};

/// The file as bytes.
pub fn write(file: &BankFile, version: Version) -> Vec<u8> {
    let mut out = Out::new(version);
    out.file(file, &mut |_: &mut Vec<u8>| Ok(()))
        .unwrap_or_default();
    out.buf
}

/// The file streamed to `sink`, flushed after every entry.
pub fn write_to(file: &BankFile, version: Version, sink: &mut impl Write) -> io::Result<()> {
    let mut out = Out::new(version);
    out.file(file, &mut |buf: &mut Vec<u8>| {
        sink.write_all(buf)?;
        buf.clear();
        Ok(())
    })?;
    sink.write_all(&out.buf)?;
    sink.flush()
}

struct Out {
    version: Version,
    buf: Vec<u8>,
    depth: usize,
}

type Flush<'a> = dyn FnMut(&mut Vec<u8>) -> io::Result<()> + 'a;

impl Out {
    fn new(version: Version) -> Out {
        Out {
            version,
            buf: Vec::with_capacity(64 * 1024),
            depth: 0,
        }
    }

    fn indent(&mut self) {
        self.buf.push(b'\n');
        for _ in 0..self.depth {
            self.buf.extend_from_slice(b"  ");
        }
    }

    fn open(&mut self, name: &str) {
        self.indent();
        self.buf.push(b'<');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.buf.extend_from_slice(b"</");
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
    }

    fn leaf(&mut self, name: &str, text: &str) {
        self.indent();
        self.buf.push(b'<');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
        self.text(text);
        self.buf.extend_from_slice(b"</");
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
    }

    fn amount(&mut self, name: &str, currency: Currency, minor: i64) {
        self.indent();
        self.buf.push(b'<');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b" Ccy=\"");
        self.buf.extend_from_slice(currency.code().as_bytes());
        self.buf.extend_from_slice(b"\">");
        self.buf.extend_from_slice(
            format_minor(minor.unsigned_abs(), currency.minor_units()).as_bytes(),
        );
        self.buf.extend_from_slice(b"</");
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
    }

    /// Escaped text; characters XML 1.0 cannot hold at all (most C0 controls) become `?`.
    fn text(&mut self, text: &str) {
        let clean: std::borrow::Cow<'_, str> = if text.chars().all(xml_char) {
            text.into()
        } else {
            text.chars()
                .map(|c| if xml_char(c) { c } else { '?' })
                .collect::<String>()
                .into()
        };
        self.buf
            .extend_from_slice(partial_escape(clean.as_ref()).as_bytes());
    }

    fn file(&mut self, file: &BankFile, flush: &mut Flush<'_>) -> io::Result<()> {
        self.buf
            .extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"");
        self.buf
            .extend_from_slice(self.version.namespace().as_bytes());
        self.buf.extend_from_slice(b"\">");
        self.depth = 1;
        self.open("BkToCstmrDbtCdtNtfctn");
        self.open("GrpHdr");
        self.leaf("MsgId", &file.file_id);
        self.leaf("CreDtTm", &file.created);
        self.close("GrpHdr");
        let mut start = 0;
        let mut number = 0;
        while start < file.deposits.len() {
            let first = &file.deposits[start];
            let end = file.deposits[start..]
                .iter()
                .position(|d| d.account != first.account || d.currency != first.currency)
                .map_or(file.deposits.len(), |n| start + n);
            number += 1;
            self.notification(number, &file.created, &file.deposits[start..end], flush)?;
            start = end;
        }
        self.close("BkToCstmrDbtCdtNtfctn");
        self.buf.extend_from_slice(b"\n</Document>\n");
        Ok(())
    }

    fn notification(
        &mut self,
        number: usize,
        created: &str,
        deposits: &[Deposit],
        flush: &mut Flush<'_>,
    ) -> io::Result<()> {
        let Some(first) = deposits.first() else {
            return Ok(());
        };
        self.open("Ntfctn");
        self.leaf("Id", &number.to_string());
        self.leaf("CreDtTm", created);
        self.open("Acct");
        self.open("Id");
        if looks_like_iban(&first.account) {
            self.leaf("IBAN", &first.account);
        } else {
            self.open("Othr");
            self.leaf("Id", &first.account);
            self.close("Othr");
        }
        self.close("Id");
        self.leaf("Ccy", first.currency.code());
        self.close("Acct");
        let sum = deposits
            .iter()
            .fold(0u64, |acc, d| acc.saturating_add(d.total.unsigned_abs()));
        self.open("TxsSummry");
        self.open("TtlNtries");
        self.leaf("NbOfNtries", &deposits.len().to_string());
        self.leaf("Sum", &format_minor(sum, first.currency.minor_units()));
        self.close("TtlNtries");
        self.close("TxsSummry");
        for d in deposits {
            self.entry(d);
            flush(&mut self.buf)?;
        }
        self.close("Ntfctn");
        Ok(())
    }

    fn entry(&mut self, d: &Deposit) {
        let debit =
            d.total < 0 || (d.total == 0 && d.payments.first().is_some_and(|p| is_debit(p.kind)));
        let ind = if debit { "DBIT" } else { "CRDT" };
        self.open("Ntry");
        self.amount("Amt", d.currency, d.total);
        self.leaf("CdtDbtInd", ind);
        match self.version {
            Version::V02 => self.leaf("Sts", "BOOK"),
            Version::V08 => {
                self.open("Sts");
                self.leaf("Cd", "BOOK");
                self.close("Sts");
            }
        }
        self.open("BookgDt");
        self.leaf("Dt", &d.booking_date.to_string());
        self.close("BookgDt");
        if let Some(v) = d.payments.first().and_then(|p| p.value_date) {
            self.open("ValDt");
            self.leaf("Dt", &v.to_string());
            self.close("ValDt");
        }
        if !d.bank_ref.is_empty() {
            self.leaf("AcctSvcrRef", &d.bank_ref);
        }
        self.open("BkTxCd");
        self.open("Domn");
        self.leaf("Cd", "PMNT");
        self.open("Fmly");
        self.leaf("Cd", "RCDT");
        self.leaf("SubFmlyCd", if debit { "RRTN" } else { "DMCT" });
        self.close("Fmly");
        self.close("Domn");
        self.close("BkTxCd");
        if !d.payments.is_empty() {
            self.open("NtryDtls");
            if d.payments.len() > 1 {
                self.open("Btch");
                self.leaf("NbOfTxs", &d.payments.len().to_string());
                self.amount("TtlAmt", d.currency, d.total);
                self.leaf("CdtDbtInd", ind);
                self.close("Btch");
            }
            for p in &d.payments {
                self.transaction(p, d.currency);
            }
            self.close("NtryDtls");
        }
        self.close("Ntry");
    }

    fn transaction(&mut self, p: &BankPayment, currency: Currency) {
        self.open("TxDtls");
        if !p.bank_ref.is_empty() {
            self.open("Refs");
            self.leaf("AcctSvcrRef", &p.bank_ref);
            self.close("Refs");
        }
        match self.version {
            Version::V08 => {
                self.amount("Amt", currency, p.amount);
                self.leaf("CdtDbtInd", if is_debit(p.kind) { "DBIT" } else { "CRDT" });
            }
            Version::V02 => {
                self.open("AmtDtls");
                self.open("TxAmt");
                self.amount("Amt", currency, p.amount);
                self.close("TxAmt");
                self.close("AmtDtls");
            }
        }
        self.parties(&p.payer);
        self.remittance(p, currency);
        self.close("TxDtls");
    }

    fn parties(&mut self, payer: &Payer) {
        let has_party = payer.name.is_some()
            || !payer.address.is_empty()
            || payer.postal_code.is_some()
            || payer.city.is_some()
            || payer.country.is_some()
            || payer.national_id.is_some();
        if !has_party && payer.account.is_none() {
            return;
        }
        self.open("RltdPties");
        if has_party {
            self.open("Dbtr");
            if self.version == Version::V08 {
                self.open("Pty");
            }
            if let Some(n) = &payer.name {
                self.leaf("Nm", n);
            }
            let has_address = !payer.address.is_empty()
                || payer.postal_code.is_some()
                || payer.city.is_some()
                || payer.country.is_some();
            if has_address {
                self.open("PstlAdr");
                if let Some(v) = &payer.postal_code {
                    self.leaf("PstCd", v);
                }
                if let Some(v) = &payer.city {
                    self.leaf("TwnNm", v);
                }
                if let Some(v) = &payer.country {
                    self.leaf("Ctry", v);
                }
                for line in &payer.address {
                    self.leaf("AdrLine", line);
                }
                self.close("PstlAdr");
            }
            if let Some(id) = &payer.national_id {
                self.open("Id");
                self.open("OrgId");
                self.open("Othr");
                self.leaf("Id", id);
                self.close("Othr");
                self.close("OrgId");
                self.close("Id");
            }
            if self.version == Version::V08 {
                self.close("Pty");
            }
            self.close("Dbtr");
        }
        if let Some(acct) = &payer.account {
            self.open("DbtrAcct");
            self.open("Id");
            if looks_like_iban(acct) {
                self.leaf("IBAN", acct);
            } else {
                self.open("Othr");
                self.leaf("Id", acct);
                self.close("Othr");
            }
            self.close("Id");
            self.close("DbtrAcct");
        }
        self.close("RltdPties");
    }

    fn remittance(&mut self, p: &BankPayment, currency: Currency) {
        // The reader makes the `Ustrd` lines the references when there is no `Strd` one; a
        // payment read that way is written back the same way, not with its lines twice.
        let refs_are_the_lines = !p.references.is_empty()
            && p.references.len() == p.information.len()
            && p.references
                .iter()
                .zip(&p.information)
                .all(|(r, line)| !r.structured && r.amount.is_none() && r.value == *line);
        let refs: &[_] = if refs_are_the_lines {
            &[]
        } else {
            &p.references
        };
        if refs.is_empty() && p.information.is_empty() {
            return;
        }
        self.open("RmtInf");
        for line in &p.information {
            self.leaf("Ustrd", line);
        }
        let payment_sign = if is_debit(p.kind) { -1 } else { 1 };
        for r in refs {
            self.open("Strd");
            if !r.structured {
                self.open("RfrdDocInf");
                self.leaf("Nb", &r.value);
                self.close("RfrdDocInf");
            }
            if let Some(a) = r.amount {
                self.open("RfrdDocAmt");
                // Signed like the payment: remitted; against it: a deducted credit note.
                if a.signum() * payment_sign < 0 {
                    self.amount("CdtNoteAmt", currency, a);
                } else {
                    self.amount("RmtdAmt", currency, a);
                }
                self.close("RfrdDocAmt");
            }
            if r.structured {
                self.open("CdtrRefInf");
                self.open("Tp");
                self.open("CdOrPrtry");
                self.leaf("Cd", "SCOR");
                self.close("CdOrPrtry");
                self.close("Tp");
                self.leaf("Ref", &r.value);
                self.close("CdtrRefInf");
            }
            self.close("Strd");
        }
        self.close("RmtInf");
    }
}

fn is_debit(kind: PaymentKind) -> bool {
    matches!(kind, PaymentKind::Return | PaymentKind::Deduction)
}

/// The XSD's IBAN pattern `[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}`; anything else is `Othr/Id`.
fn looks_like_iban(id: &str) -> bool {
    let b = id.as_bytes();
    (5..=34).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_alphanumeric)
}

/// Whether XML 1.0 can hold `c` (`#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | …`).
fn xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
