//! Writing the shared bank-file model as a BgMax file, for the demo (`server make-bank-file
//! --format bgmax`), the tests and the 100,000-payment benchmark: one pass, fixed-width records
//! straight into one byte buffer, no allocation per field.

use chrono::Datelike;

use super::records::{
    tk01, tk05, tk15, tk25, tk26, tk27, tk28, tk29, tk2x, tk70, Field, ReferenceCode, Tk,
    RECORD_LEN,
};
use crate::payments::bank_file::model::{
    BankFile, BankPayment, Deposit, PaymentKind, PaymentReference,
};

/// Writes `file` as BgMax: ISO-8859-1, CRLF after every record, TK01, then per deposit TK05,
/// its payments (TK20 or TK21, TK22/TK23, TK25, TK26–29) and TK15, then TK70.
///
/// The counts in TK15 and TK70 and each TK15 amount are computed from the payments
/// (`Deposit::total` is not consulted), so the file always adds up. Reading the result gives
/// `file` back (positions renumbered) whenever `file` is what BgMax can hold — what
/// [`read`](super::read) could have produced:
/// - currencies SEK and EUR; `Payment` amounts ≥ 0, `Deduction` amounts ≤ 0 (a `Return` is
///   written as a deduction: BgMax has nothing else that takes money off a deposit); no
///   deposit whose deductions exceed its payments;
/// - texts within their columns (reference 25, TK25 line 50, name 35 (+35 extra name, split at
///   a space), street 35, postcode 9, town 35, organisation number 12), without leading or
///   trailing blanks, in ISO-8859-1: longer texts are cut, other characters written as `?`;
/// - at most one street line (several are joined with `, `); `file_id` the 20-digit TK01
///   timestamp, deposit `bank_ref` 5 digits, payment `bank_ref` 12 digits;
/// - a reference with `amount: Some(0)` is written as a TK23 of 0; `None` as a TK22 of 0.
///
/// Fields the model does not carry are written as: payment channel 1 (internet bank), no
/// slip image, deduction code 0, TK15 bank account zeros and deposit type blank.
pub fn write(file: &BankFile) -> Vec<u8> {
    let payments: usize = file.deposits.iter().map(|d| d.payments.len()).sum();
    let mut w = Writer {
        out: Vec::with_capacity((2 + 2 * file.deposits.len() + 6 * payments) * (RECORD_LEN + 2)),
        counts: [0; 4],
    };
    let r = w.record(Tk::Start);
    w.text(r, tk01::LAYOUT, "BGMAX");
    w.text(r, tk01::VERSION, "01");
    w.fill(r, tk01::TIMESTAMP, b'0');
    w.text(r, tk01::TIMESTAMP, &file.file_id);
    w.byte(r, tk01::TEST_MARK, if file.test { b'T' } else { b'P' });
    for deposit in &file.deposits {
        w.deposit(deposit);
    }
    let r = w.record(Tk::End);
    let [payments, deductions, extra, deposits] = w.counts;
    w.number(r, tk70::PAYMENTS, payments);
    w.number(r, tk70::DEDUCTIONS, deductions);
    w.number(r, tk70::EXTRA_REFERENCES, extra);
    w.number(r, tk70::DEPOSITS, deposits);
    w.out
}

/// An empty record: 80 blanks and the line end, the type code written over the first two.
const BLANK: [u8; RECORD_LEN + 2] = {
    let mut b = [b' '; RECORD_LEN + 2];
    b[RECORD_LEN] = b'\r';
    b[RECORD_LEN + 1] = b'\n';
    b
};

struct Writer {
    out: Vec<u8>,
    /// TK20, TK21, TK22 + TK23 and TK15 records written, for TK70.
    counts: [u64; 4],
}

impl Writer {
    /// Starts a blank record of type `tk`; returns where it starts, for the field writers.
    fn record(&mut self, tk: Tk) -> usize {
        let start = self.out.len();
        self.out.extend_from_slice(&BLANK);
        self.out[start..start + 2].copy_from_slice(tk.code());
        start
    }

    fn slot(&mut self, record: usize, field: Field) -> &mut [u8] {
        let range = field.range();
        &mut self.out[record + range.start..record + range.end]
    }

    fn byte(&mut self, record: usize, field: Field, b: u8) {
        self.slot(record, field)[0] = b;
    }

    fn fill(&mut self, record: usize, field: Field, b: u8) {
        self.slot(record, field).fill(b);
    }

    /// Left-aligned text, cut to the field.
    fn text(&mut self, record: usize, field: Field, s: &str) {
        for (dst, c) in self.slot(record, field).iter_mut().zip(s.chars()) {
            *dst = latin1_byte(c);
        }
    }

    /// Right-aligned text (references, zero-filled numbers kept as text), cut to the field.
    fn text_right(&mut self, record: usize, field: Field, s: &str) {
        let n = s.chars().count().min(field.width());
        let slot = self.slot(record, field);
        let offset = slot.len() - n;
        for (dst, c) in slot[offset..].iter_mut().zip(s.chars()) {
            *dst = latin1_byte(c);
        }
    }

    /// Digits kept as text (giro numbers, serial numbers), right-aligned and zero-filled.
    fn digits(&mut self, record: usize, field: Field, s: &str) {
        self.fill(record, field, b'0');
        self.text_right(record, field, s);
    }

    /// A number, right-aligned and zero-filled (only its last digits if it is too wide).
    fn number(&mut self, record: usize, field: Field, mut n: u64) {
        for dst in self.slot(record, field).iter_mut().rev() {
            *dst = b'0' + u8::try_from(n % 10).unwrap_or(0);
            n /= 10;
        }
    }

    fn deposit(&mut self, deposit: &Deposit) {
        let r = self.record(Tk::Opening);
        self.digits(r, tk05::BANKGIRO, &deposit.account);
        self.text(r, tk05::CURRENCY, deposit.currency.code());
        let mut sum: i128 = 0;
        for payment in &deposit.payments {
            sum += self.payment(payment);
        }
        let r = self.record(Tk::Deposit);
        self.fill(r, tk15::ACCOUNT, b'0');
        let date = deposit.booking_date;
        let date_field = tk15::PAYMENT_DATE;
        let at = r + date_field.from - 1;
        self.number(at, field(1, 4), u64::try_from(date.year()).unwrap_or(0));
        self.number(at, field(5, 6), u64::from(date.month()));
        self.number(at, field(7, 8), u64::from(date.day()));
        self.digits(r, tk15::SERIAL, &deposit.bank_ref);
        self.number(
            r,
            tk15::AMOUNT,
            u64::try_from(sum.unsigned_abs()).unwrap_or(0),
        );
        self.text(r, tk15::CURRENCY, deposit.currency.code());
        self.number(r, tk15::COUNT, deposit.payments.len() as u64);
        self.counts[3] += 1;
    }

    /// Writes one payment and its detail records; returns what it adds to the deposit.
    fn payment(&mut self, p: &BankPayment) -> i128 {
        let deduction = p.kind != PaymentKind::Payment;
        let (tk, signed) = if deduction {
            self.counts[1] += 1;
            (Tk::Deduction, -i128::from(p.amount.unsigned_abs()))
        } else {
            self.counts[0] += 1;
            (Tk::Payment, i128::from(p.amount.unsigned_abs()))
        };
        // The first reference goes into the TK20/21 itself unless it carries a split amount
        // (or is blank, which a TK20 cannot say); then, as in Bankgirot's sample, the TK20's
        // reference stays blank and every reference gets a TK22/23.
        let (head, extra) = match p.references.split_first() {
            Some((first, rest)) if first.amount.is_none() && !first.value.is_empty() => {
                (Some(first), rest)
            }
            _ => (None, &p.references[..]),
        };
        let r = self.entry(
            tk,
            p,
            head.map_or("", |h| h.value.as_str()),
            p.amount.unsigned_abs(),
        );
        self.byte(r, tk2x::REFERENCE_CODE, head.map_or(b'0', code));
        if deduction {
            self.byte(r, tk2x::DEDUCTION_CODE, b'0');
        }
        for reference in extra {
            let (tk, amount) = match reference.amount {
                Some(a) if a <= 0 => (Tk::ExtraReferenceMinus, a.unsigned_abs()),
                Some(a) => (Tk::ExtraReference, a.unsigned_abs()),
                None => (Tk::ExtraReference, 0),
            };
            let r = self.entry(tk, p, &reference.value, amount);
            self.byte(r, tk2x::REFERENCE_CODE, code(reference));
            self.counts[2] += 1;
        }
        for line in &p.information {
            let r = self.record(Tk::Information);
            self.text(r, tk25::TEXT, line);
        }
        self.payer(p);
        signed
    }

    /// The columns TK20–23 share, the reference code left for the caller.
    fn entry(&mut self, tk: Tk, p: &BankPayment, reference: &str, amount: u64) -> usize {
        let r = self.record(tk);
        self.digits(
            r,
            tk2x::PAYER_BANKGIRO,
            p.payer.account.as_deref().unwrap_or(""),
        );
        self.text_right(r, tk2x::REFERENCE, reference);
        self.number(r, tk2x::AMOUNT, amount);
        self.byte(r, tk2x::CHANNEL, b'1');
        self.digits(r, tk2x::SERIAL, &p.bank_ref);
        self.byte(r, tk2x::IMAGE, b'0');
        r
    }

    /// TK26–29, each only when the model has something for it.
    fn payer(&mut self, p: &BankPayment) {
        let payer = &p.payer;
        if let Some(name) = &payer.name {
            let (name, extra) = split_name(name, tk26::NAME.width());
            let r = self.record(Tk::Name);
            self.text(r, tk26::NAME, name);
            self.text(r, tk26::EXTRA_NAME, extra);
        }
        if !payer.address.is_empty() || payer.postal_code.is_some() {
            let r = self.record(Tk::Address1);
            self.text(r, tk27::STREET, &payer.address.join(", "));
            self.text(
                r,
                tk27::POSTCODE,
                payer.postal_code.as_deref().unwrap_or(""),
            );
        }
        if payer.city.is_some() || payer.country.is_some() {
            let r = self.record(Tk::Address2);
            self.text(r, tk28::CITY, payer.city.as_deref().unwrap_or(""));
            self.text(
                r,
                tk28::COUNTRY_CODE,
                payer.country.as_deref().unwrap_or(""),
            );
        }
        if let Some(number) = &payer.national_id {
            let r = self.record(Tk::OrgNumber);
            self.text(r, tk29::NUMBER, number);
        }
    }
}

/// A field of columns `from..=to` counted from a given start (the TK15 date's parts).
const fn field(from: usize, to: usize) -> Field {
    Field { from, to, name: "" }
}

/// The reference code that says what the model says of a reference.
fn code(reference: &PaymentReference) -> u8 {
    if reference.bank_flagged_invalid {
        ReferenceCode::Incorrect.digit()
    } else if reference.structured {
        ReferenceCode::Ocr.digit()
    } else if reference.value.is_empty() {
        ReferenceCode::Blank.digit()
    } else {
        ReferenceCode::Text.digit()
    }
}

/// A name too long for TK26's name field split at the last blank that leaves both parts
/// within their 35 columns (the reader joins them with one blank); else cut.
fn split_name(name: &str, width: usize) -> (&str, &str) {
    if name.chars().count() <= width {
        return (name, "");
    }
    let split = name
        .char_indices()
        .take(width + 1)
        .filter(|&(_, c)| c == ' ')
        .map(|(i, _)| i)
        .last();
    match split {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => (name, ""),
    }
}

/// A character as ISO-8859-1: control characters become blanks (a record is one line),
/// characters beyond U+00FF `?`.
fn latin1_byte(c: char) -> u8 {
    match u32::from(c) {
        0x00..=0x1F | 0x7F..=0x9F => b' ',
        v => u8::try_from(v).unwrap_or(b'?'),
    }
}
