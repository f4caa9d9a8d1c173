//! Reading a BgMax file into the shared bank-file model. The whole file is checked (layout,
//! every field, each deposit's amount and count against its payments, the end record's counts)
//! before anything is returned: the first problem refuses the file with its line and field.

use chrono::NaiveDate;

use super::records::{
    is_record_byte, latin1, tk01, tk05, tk15, tk25, tk26, tk27, tk28, tk29, tk2x, tk70,
    trim_blanks, Field, Record, ReferenceCode, Tk, RECORD_LEN,
};
use crate::money::Currency;
use crate::payments::bank_file::model::{
    BankFile, BankPayment, Deposit, FileError, FileFormat, Payer, PaymentKind, PaymentReference,
    Position,
};

/// Reads a BgMax file (ISO-8859-1, CRLF or LF line ends, 80-column records).
///
/// What is accepted and refused is listed in `docs/payments.md` ("BgMax"); in short: lines
/// longer than 80 characters, control characters (tabs included), a wrong or missing start or
/// end record, a field that does not hold what the layout says, a deposit whose TK15 amount or
/// count differs from its payments, or TK70 counts that differ from the file refuse the whole
/// file. Lines shorter than 80 characters are read as if blank-padded (Bankgirot's own sample
/// files have such lines); blank lines are allowed only after the end record; record types
/// Kreditor does not know are skipped, as Bankgirot asks of readers.
pub fn read(bytes: &[u8]) -> Result<BankFile, FileError> {
    if bytes.is_empty() {
        return Err(FileError {
            position: Position::Line(1),
            field: "file".into(),
            message: "is empty".into(),
        });
    }
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let mut reader = Reader::default();
    let mut last = 1;
    for (index, line) in body.split(|&b| b == b'\n').enumerate() {
        last = u32::try_from(index + 1).unwrap_or(u32::MAX);
        reader.line(last, line.strip_suffix(b"\r").unwrap_or(line))?;
    }
    reader.finish(last)
}

/// The file so far.
#[derive(Default)]
struct Reader {
    header: Option<Header>,
    deposits: Vec<Deposit>,
    section: Option<Section>,
    counts: Counts,
    ended: bool,
}

/// What the start record says.
struct Header {
    file_id: String,
    created: String,
    test: bool,
}

/// Records counted for the end record.
#[derive(Default)]
struct Counts {
    payments: u64,
    deductions: u64,
    extra_references: u64,
    deposits: u64,
}

/// An open deposit section: from its TK05 to the TK15 that closes it.
struct Section {
    line: u32,
    account: String,
    currency: Currency,
    payments: Vec<BankPayment>,
    /// The payment (TK20/21) that TK22–29 records belong to, with the payer records seen.
    current: Option<(BankPayment, PayerRecords)>,
    /// TK20 and TK21 records, which the TK15 count covers.
    records: u64,
    /// Payments less deductions, which the TK15 amount must equal.
    sum: i128,
}

/// Which of the once-per-payment records TK26–29 a payment has had.
#[derive(Default)]
struct PayerRecords {
    name: bool,
    address1: bool,
    address2: bool,
    org_number: bool,
}

fn line_error(line: u32, field: &str, message: impl Into<String>) -> FileError {
    FileError {
        position: Position::Line(line),
        field: field.into(),
        message: message.into(),
    }
}

impl Reader {
    fn line(&mut self, n: u32, text: &[u8]) -> Result<(), FileError> {
        if let Some(col) = text.iter().position(|&b| !is_record_byte(b)) {
            return Err(line_error(
                n,
                "line",
                format!(
                    "column {}: byte 0x{:02X} is a control character; BgMax records hold only \
                     printable ISO-8859-1 text (a tab has no column width)",
                    col + 1,
                    text[col]
                ),
            ));
        }
        if text.len() > RECORD_LEN {
            return Err(line_error(
                n,
                "line",
                format!(
                    "is {} characters long; a BgMax record has {RECORD_LEN}",
                    text.len()
                ),
            ));
        }
        if text.iter().all(|&b| b == b' ') {
            return if self.ended {
                Ok(())
            } else {
                Err(line_error(
                    n,
                    "line",
                    "is blank; blank lines may only follow the end record (TK70)",
                ))
            };
        }
        if self.ended {
            return Err(line_error(
                n,
                "line",
                "follows the end record (TK70); nothing but blank lines may",
            ));
        }
        let code = match text {
            [a, b, ..] if a.is_ascii_digit() && b.is_ascii_digit() => [*a, *b],
            _ => return Err(line_error(n, "record type", "must be two digits")),
        };
        let tk = Tk::from_code(code);
        if self.header.is_none() {
            return match tk {
                Some(Tk::Start) => {
                    self.header = Some(start(&Record::new(n, Tk::Start, text))?);
                    Ok(())
                }
                _ => Err(line_error(
                    n,
                    "record type",
                    "the file must begin with a start record (TK01)",
                )),
            };
        }
        match tk {
            Some(tk) => self.record(&Record::new(n, tk, text)),
            // Bankgirot may add record types; readers are to skip those they do not know.
            None => Ok(()),
        }
    }

    fn record(&mut self, rec: &Record) -> Result<(), FileError> {
        match rec.tk {
            Tk::Start => Err(structure(rec, "is a second start record")),
            Tk::Opening => {
                if let Some(open) = &self.section {
                    return Err(structure(
                        rec,
                        format!(
                            "opens a deposit section while the one opened on line {} has no \
                             deposit record (TK15)",
                            open.line
                        ),
                    ));
                }
                self.section = Some(opening(rec)?);
                Ok(())
            }
            Tk::Payment | Tk::Deduction => {
                let section = self.section.as_mut().ok_or_else(|| outside_section(rec))?;
                let payment = payment(rec)?;
                section.records += 1;
                section.sum += i128::from(payment.amount);
                if rec.tk == Tk::Payment {
                    self.counts.payments += 1;
                } else {
                    self.counts.deductions += 1;
                }
                if let Some((done, _)) = section.current.replace((payment, PayerRecords::default()))
                {
                    section.payments.push(done);
                }
                Ok(())
            }
            Tk::ExtraReference
            | Tk::ExtraReferenceMinus
            | Tk::Information
            | Tk::Name
            | Tk::Address1
            | Tk::Address2
            | Tk::OrgNumber => {
                let (payment, seen) = self
                    .section
                    .as_mut()
                    .and_then(|s| s.current.as_mut())
                    .ok_or_else(|| {
                        structure(rec, "must follow a payment (TK20) or deduction (TK21)")
                    })?;
                if matches!(rec.tk, Tk::ExtraReference | Tk::ExtraReferenceMinus) {
                    self.counts.extra_references += 1;
                }
                payment_detail(rec, payment, seen)
            }
            Tk::Deposit => {
                let section = self.section.take().ok_or_else(|| outside_section(rec))?;
                self.deposits.push(close(section, rec)?);
                self.counts.deposits += 1;
                Ok(())
            }
            Tk::End => {
                if let Some(open) = &self.section {
                    return Err(structure(
                        rec,
                        format!(
                            "ends the file while the deposit section opened on line {} has no \
                             deposit record (TK15)",
                            open.line
                        ),
                    ));
                }
                end(rec, &self.counts)?;
                self.ended = true;
                Ok(())
            }
        }
    }

    fn finish(self, last: u32) -> Result<BankFile, FileError> {
        let header = match (self.header, self.ended) {
            (Some(header), true) => header,
            _ => {
                return Err(line_error(
                    last,
                    "TK70",
                    "the file ends without its end record (TK70): it is incomplete",
                ))
            }
        };
        Ok(BankFile {
            format: FileFormat::BgMax,
            file_id: header.file_id,
            created: header.created,
            test: header.test,
            deposits: self.deposits,
        })
    }
}

/// An error about where a record is rather than what is in it.
fn structure(rec: &Record, message: impl Into<String>) -> FileError {
    line_error(rec.line, rec.tk.label(), message)
}

fn outside_section(rec: &Record) -> FileError {
    structure(
        rec,
        "is outside a deposit section (it must come between an opening record TK05 and its \
         deposit record TK15)",
    )
}

/// TK01: layout, version, timestamp, test mark.
fn start(rec: &Record) -> Result<Header, FileError> {
    if trim_blanks(rec.raw(tk01::LAYOUT)) != b"BGMAX" {
        return Err(rec.error(tk01::LAYOUT, "must be BGMAX"));
    }
    if rec.raw(tk01::VERSION) != b"01" {
        return Err(rec.error(
            tk01::VERSION,
            format!(
                "is {:?}; only layout version 01 is supported",
                latin1(rec.raw(tk01::VERSION))
            ),
        ));
    }
    let stamp = rec.digits(tk01::TIMESTAMP)?;
    let created = timestamp(&stamp)
        .ok_or_else(|| rec.error(tk01::TIMESTAMP, "is not a valid date and time"))?;
    let test = match rec.byte(tk01::TEST_MARK) {
        b'T' => true,
        b'P' => false,
        _ => return Err(rec.error(tk01::TEST_MARK, "must be T (test) or P (production)")),
    };
    Ok(Header {
        file_id: stamp,
        created,
        test,
    })
}

/// `YYYYMMDDhhmmssµµµµµµ` (20 digits, checked by the caller) as ISO 8601 local time with
/// microseconds, the form `BankFile::created` takes for both formats.
fn timestamp(digits: &str) -> Option<String> {
    let num = |from: usize, to: usize| digits.get(from..to)?.parse::<u32>().ok();
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0, 4)?).ok()?, num(4, 6)?, num(6, 8)?)?;
    let time = date.and_hms_micro_opt(num(8, 10)?, num(10, 12)?, num(12, 14)?, num(14, 20)?)?;
    Some(time.format("%Y-%m-%dT%H:%M:%S%.6f").to_string())
}

/// TK05: opens a deposit section for the payee's bankgiro number in one currency.
fn opening(rec: &Record) -> Result<Section, FileError> {
    let account =
        bankgiro(rec, tk05::BANKGIRO)?.ok_or_else(|| rec.error(tk05::BANKGIRO, "is missing"))?;
    // Kreditor is paid by bankgiro; a plusgiro number here is checked but not kept.
    bankgiro(rec, tk05::PLUSGIRO)?;
    Ok(Section {
        line: rec.line,
        account,
        currency: currency(rec, tk05::CURRENCY)?,
        payments: Vec::new(),
        current: None,
        records: 0,
        sum: 0,
    })
}

/// A zero-filled giro number without its leading zeros; `None` when blank or all zeros.
fn bankgiro(rec: &Record, field: Field) -> Result<Option<String>, FileError> {
    let raw = rec.raw(field);
    if raw.iter().all(|&b| b == b' ') {
        return Ok(None);
    }
    if !raw.iter().all(u8::is_ascii_digit) {
        return Err(rec.error(field, "must be digits only (zero-filled)"));
    }
    let start = raw.iter().position(|&b| b != b'0').unwrap_or(raw.len());
    Ok((start < raw.len()).then(|| latin1(&raw[start..])))
}

/// BgMax carries SEK and EUR only.
fn currency(rec: &Record, field: Field) -> Result<Currency, FileError> {
    match rec.raw(field) {
        b"SEK" => Ok(Currency::Sek),
        b"EUR" => Ok(Currency::Eur),
        _ => Err(rec.error(field, "must be SEK or EUR")),
    }
}

/// The fields TK20, TK21, TK22 and TK23 share.
struct Entry {
    payer_bankgiro: Option<String>,
    reference: String,
    amount: i64,
    code: ReferenceCode,
    serial: String,
}

fn entry(rec: &Record) -> Result<Entry, FileError> {
    let payer_bankgiro = bankgiro(rec, tk2x::PAYER_BANKGIRO)?;
    let amount = rec.number(tk2x::AMOUNT)?;
    let amount = i64::try_from(amount).map_err(|_| rec.error(tk2x::AMOUNT, "is too large"))?;
    let code = ReferenceCode::from_digit(rec.byte(tk2x::REFERENCE_CODE))
        .ok_or_else(|| rec.error(tk2x::REFERENCE_CODE, "must be a digit 0–5"))?;
    // The channel (1 internet bank, 2 LB, 3 paper slip, 4 Autogiro) is not kept; any digit is
    // accepted so a channel Bankgirot adds later does not refuse a whole file.
    if !rec.byte(tk2x::CHANNEL).is_ascii_digit() {
        return Err(rec.error(tk2x::CHANNEL, "must be a digit"));
    }
    let serial = rec.digits(tk2x::SERIAL)?;
    if !matches!(rec.byte(tk2x::IMAGE), b'0' | b'1') {
        return Err(rec.error(tk2x::IMAGE, "must be 0 or 1"));
    }
    Ok(Entry {
        payer_bankgiro,
        reference: rec.text(tk2x::REFERENCE),
        amount,
        code,
        serial,
    })
}

/// TK20 (money in) or TK21 (a deduction: negative, taken off the deposit).
fn payment(rec: &Record) -> Result<BankPayment, FileError> {
    let entry = entry(rec)?;
    let (kind, amount) = if rec.tk == Tk::Deduction {
        // Not kept: 0–3 say whether the deduction is whole or partial (Bankgirot's sample has
        // 0); the amount alone is what the deposit and the matching need.
        if !rec.byte(tk2x::DEDUCTION_CODE).is_ascii_digit() {
            return Err(rec.error(tk2x::DEDUCTION_CODE, "must be a digit"));
        }
        (PaymentKind::Deduction, -entry.amount)
    } else {
        (PaymentKind::Payment, entry.amount)
    };
    // A blank reference (codes 0/1, or a payment whose references follow in TK22/23) is no
    // reference at all.
    let references = if entry.reference.is_empty() {
        Vec::new()
    } else {
        vec![PaymentReference {
            value: entry.reference,
            structured: entry.code == ReferenceCode::Ocr,
            amount: None,
            bank_flagged_invalid: entry.code == ReferenceCode::Incorrect,
        }]
    };
    Ok(BankPayment {
        bank_ref: entry.serial,
        amount,
        kind,
        references,
        information: Vec::new(),
        payer: Payer {
            account: entry.payer_bankgiro,
            ..Payer::default()
        },
        value_date: None,
        position: Position::Line(rec.line),
    })
}

/// TK22–29: a detail of the current payment.
fn payment_detail(
    rec: &Record,
    payment: &mut BankPayment,
    seen: &mut PayerRecords,
) -> Result<(), FileError> {
    let once = |seen: &mut bool| {
        if std::mem::replace(seen, true) {
            Err(structure(rec, "appears twice for one payment"))
        } else {
            Ok(())
        }
    };
    match rec.tk {
        Tk::ExtraReference | Tk::ExtraReferenceMinus => {
            let entry = entry(rec)?;
            if entry.serial != payment.bank_ref {
                let line = match payment.position {
                    Position::Line(n) => n,
                    Position::Path(_) => 0,
                };
                return Err(rec.error(
                    tk2x::SERIAL,
                    format!("differs from that of its payment on line {line}"),
                ));
            }
            // TK22 with amount 0 names an invoice without saying how much of the payment is
            // for it; TK23 always takes its amount back.
            let amount = match (rec.tk, entry.amount) {
                (Tk::ExtraReferenceMinus, a) => Some(-a),
                (_, 0) => None,
                (_, a) => Some(a),
            };
            payment.references.push(PaymentReference {
                value: entry.reference,
                structured: entry.code == ReferenceCode::Ocr,
                amount,
                bank_flagged_invalid: entry.code == ReferenceCode::Incorrect,
            });
        }
        Tk::Information => payment.information.push(rec.text(tk25::TEXT)),
        Tk::Name => {
            once(&mut seen.name)?;
            let name = rec.text(tk26::NAME);
            let extra = rec.text(tk26::EXTRA_NAME);
            let full = match (name.is_empty(), extra.is_empty()) {
                (_, true) => name,
                (true, false) => extra,
                (false, false) => format!("{name} {extra}"),
            };
            payment.payer.name = (!full.is_empty()).then_some(full);
        }
        Tk::Address1 => {
            once(&mut seen.address1)?;
            let street = rec.text(tk27::STREET);
            if !street.is_empty() {
                payment.payer.address.push(street);
            }
            payment.payer.postal_code = non_empty(rec.text(tk27::POSTCODE));
        }
        Tk::Address2 => {
            once(&mut seen.address2)?;
            payment.payer.city = non_empty(rec.text(tk28::CITY));
            // The country's name (columns 38–72) is not kept: the code is what the model holds.
            let code = rec.text(tk28::COUNTRY_CODE);
            if !(code.is_empty()
                || (code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic())))
            {
                return Err(rec.error(tk28::COUNTRY_CODE, "must be two letters or blank"));
            }
            payment.payer.country = non_empty(code);
        }
        Tk::OrgNumber => {
            once(&mut seen.org_number)?;
            let number = rec.text(tk29::NUMBER);
            if !number.bytes().all(|b| b.is_ascii_digit()) {
                return Err(rec.error(tk29::NUMBER, "must be digits only"));
            }
            payment.payer.national_id = non_empty(number);
        }
        _ => {}
    }
    Ok(())
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// TK15: closes the section after checking its count and amount against its payments.
fn close(mut section: Section, rec: &Record) -> Result<Deposit, FileError> {
    if let Some((done, _)) = section.current.take() {
        section.payments.push(done);
    }
    if !rec
        .raw(tk15::ACCOUNT)
        .iter()
        .all(|b| b.is_ascii_digit() || *b == b' ')
    {
        return Err(rec.error(tk15::ACCOUNT, "must be digits only"));
    }
    let date = rec.digits(tk15::PAYMENT_DATE)?;
    let booking_date = NaiveDate::parse_from_str(&date, "%Y%m%d")
        .map_err(|_| rec.error(tk15::PAYMENT_DATE, "is not a valid date (YYYYMMDD)"))?;
    let serial = rec.digits(tk15::SERIAL)?;
    let amount = rec.number(tk15::AMOUNT)?;
    let currency = currency(rec, tk15::CURRENCY)?;
    if currency != section.currency {
        return Err(rec.error(
            tk15::CURRENCY,
            format!(
                "is {} but the section's opening record (line {}) says {}",
                currency.code(),
                section.line,
                section.currency.code()
            ),
        ));
    }
    let count = rec.number(tk15::COUNT)?;
    if !matches!(rec.byte(tk15::DEPOSIT_TYPE), b'K' | b'D' | b'S' | b' ') {
        return Err(rec.error(tk15::DEPOSIT_TYPE, "must be K, D, S or blank"));
    }
    if count != section.records {
        return Err(rec.error(
            tk15::COUNT,
            format!(
                "says {count} but the section (from line {}) has {} payment and deduction \
                 records (TK20 + TK21)",
                section.line, section.records
            ),
        ));
    }
    if i128::from(amount) != section.sum {
        return Err(rec.error(
            tk15::AMOUNT,
            format!(
                "is {amount} but the section's payments less its deductions (from line {}) add \
                 up to {} (minor units)",
                section.line, section.sum
            ),
        ));
    }
    Ok(Deposit {
        account: section.account,
        currency,
        booking_date,
        total: i64::try_from(amount).map_err(|_| rec.error(tk15::AMOUNT, "is too large"))?,
        bank_ref: serial,
        payments: section.payments,
        position: Position::Line(section.line),
    })
}

/// TK70: the counts must be those of the file.
fn end(rec: &Record, counts: &Counts) -> Result<(), FileError> {
    for (field, found, what) in [
        (tk70::PAYMENTS, counts.payments, "payment records (TK20)"),
        (
            tk70::DEDUCTIONS,
            counts.deductions,
            "deduction records (TK21)",
        ),
        (
            tk70::EXTRA_REFERENCES,
            counts.extra_references,
            "extra reference records (TK22 + TK23)",
        ),
        (tk70::DEPOSITS, counts.deposits, "deposit records (TK15)"),
    ] {
        let said = rec.number(field)?;
        if said != found {
            return Err(rec.error(
                field,
                format!("says {said} but the file has {found} {what}"),
            ));
        }
    }
    Ok(())
}
