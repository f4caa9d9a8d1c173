//! The BgMax record layout (Bankgirot, "Bankgiro Inbetalningar – Teknisk manual", layout
//! `BGMAX` version `01`; `domain.md` §2.3): the record types and the 1-based columns of every
//! field, in one place so the reader and the writer cannot disagree about a position.
//!
//! Positions were checked against Bankgirot's published sample files (see
//! `testdata/README.md`), the zimpler gem's parser and pybgmax.

use crate::payments::bank_file::model::{FileError, Position};

/// Every BgMax record is exactly this many characters (bytes: the file is ISO-8859-1).
pub const RECORD_LEN: usize = 80;

/// A field: inclusive 1-based columns as the manual numbers them, and its name for errors.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// First column (1-based).
    pub from: usize,
    /// Last column (1-based, inclusive).
    pub to: usize,
    /// The field's name in errors, after the record type (`TK20` + ` amount`).
    pub name: &'static str,
}

impl Field {
    const fn new(from: usize, to: usize, name: &'static str) -> Field {
        Field { from, to, name }
    }

    /// How many columns the field has.
    pub const fn width(self) -> usize {
        self.to + 1 - self.from
    }

    /// The field's byte range in an 80-byte record.
    pub const fn range(self) -> std::ops::Range<usize> {
        (self.from - 1)..self.to
    }
}

/// TK01, the start record: which layout, when Bankgirot wrote the file, test or production.
pub mod tk01 {
    use super::Field;
    /// `BGMAX`, left-aligned, blank-filled.
    pub const LAYOUT: Field = Field::new(3, 22, "layout");
    /// `01`.
    pub const VERSION: Field = Field::new(23, 24, "version");
    /// `YYYYMMDDhhmmss` and six digits of microseconds.
    pub const TIMESTAMP: Field = Field::new(25, 44, "timestamp");
    /// `T` test, `P` production.
    pub const TEST_MARK: Field = Field::new(45, 45, "test mark");
}

/// TK05, the opening record of a deposit section.
pub mod tk05 {
    use super::Field;
    /// The payee's (Kreditor's) bankgiro number, zero-filled.
    pub const BANKGIRO: Field = Field::new(3, 12, "payee bankgiro number");
    /// The payee's plusgiro number; blank in files Kreditor receives.
    pub const PLUSGIRO: Field = Field::new(13, 22, "payee plusgiro number");
    /// `SEK` or `EUR`.
    pub const CURRENCY: Field = Field::new(23, 25, "currency");
}

/// TK20 payment, TK21 deduction, TK22/TK23 extra reference: one shared layout.
pub mod tk2x {
    use super::Field;
    /// The payer's bankgiro number, zero-filled; zeros when unknown.
    pub const PAYER_BANKGIRO: Field = Field::new(3, 12, "payer bankgiro number");
    /// The reference as the payer gave it (left- or right-aligned).
    pub const REFERENCE: Field = Field::new(13, 37, "reference");
    /// Amount in minor units (öre, cent), zero-filled, no sign: the record type gives it.
    pub const AMOUNT: Field = Field::new(38, 55, "amount");
    /// 0–5, see `ReferenceCode`.
    pub const REFERENCE_CODE: Field = Field::new(56, 56, "reference code");
    /// 1 internet bank, 2 Leverantörsbetalningar, 3 paper slip, 4 Autogiro.
    pub const CHANNEL: Field = Field::new(57, 57, "payment channel code");
    /// Bankgirot's serial number of the payment (BGC löpnummer); TK22/23 repeat their
    /// payment's.
    pub const SERIAL: Field = Field::new(58, 69, "BGC serial number");
    /// 1 when Bankgirot holds an image of the paper slip.
    pub const IMAGE: Field = Field::new(70, 70, "image mark");
    /// TK21 only: the kind of deduction.
    pub const DEDUCTION_CODE: Field = Field::new(71, 71, "deduction code");
}

/// TK25, a line of free information text.
pub mod tk25 {
    use super::Field;
    /// The text.
    pub const TEXT: Field = Field::new(3, 52, "information text");
}

/// TK26, the payer's name.
pub mod tk26 {
    use super::Field;
    /// Name.
    pub const NAME: Field = Field::new(3, 37, "name");
    /// Continuation of the name (c/o, a second line).
    pub const EXTRA_NAME: Field = Field::new(38, 72, "extra name");
}

/// TK27, the payer's street address and postcode.
pub mod tk27 {
    use super::Field;
    /// Street.
    pub const STREET: Field = Field::new(3, 37, "address");
    /// Postcode.
    pub const POSTCODE: Field = Field::new(38, 46, "postcode");
}

/// TK28, the payer's town and country.
pub mod tk28 {
    use super::Field;
    /// Town.
    pub const CITY: Field = Field::new(3, 37, "town");
    /// Country name.
    pub const COUNTRY: Field = Field::new(38, 72, "country");
    /// ISO 3166 country code.
    pub const COUNTRY_CODE: Field = Field::new(73, 74, "country code");
}

/// TK29, the payer's organisation or personal number.
pub mod tk29 {
    use super::Field;
    /// Up to 12 digits.
    pub const NUMBER: Field = Field::new(3, 14, "organisation number");
}

/// TK15, the deposit record that closes a section.
pub mod tk15 {
    use super::Field;
    /// The bank account the deposit was booked on, zero-filled.
    pub const ACCOUNT: Field = Field::new(3, 37, "payee bank account");
    /// `YYYYMMDD`.
    pub const PAYMENT_DATE: Field = Field::new(38, 45, "payment date");
    /// The deposit's serial number.
    pub const SERIAL: Field = Field::new(46, 50, "deposit serial number");
    /// The deposit amount in minor units.
    pub const AMOUNT: Field = Field::new(51, 68, "deposit amount");
    /// `SEK` or `EUR`, the same as the section's TK05.
    pub const CURRENCY: Field = Field::new(69, 71, "currency");
    /// Number of payment and deduction records (TK20 + TK21) in the section.
    pub const COUNT: Field = Field::new(72, 79, "number of payments");
    /// K, D, S or blank (meaning not confirmed; not used).
    pub const DEPOSIT_TYPE: Field = Field::new(80, 80, "deposit type");
}

/// TK70, the end record: how many records of each kind the file has.
pub mod tk70 {
    use super::Field;
    /// TK20 records.
    pub const PAYMENTS: Field = Field::new(3, 10, "number of payment records");
    /// TK21 records.
    pub const DEDUCTIONS: Field = Field::new(11, 18, "number of deduction records");
    /// TK22 and TK23 records.
    pub const EXTRA_REFERENCES: Field = Field::new(19, 26, "number of extra reference records");
    /// TK15 records.
    pub const DEPOSITS: Field = Field::new(27, 34, "number of deposit records");
}

/// The record types Kreditor reads. Any other two-digit type is skipped, as Bankgirot asks of
/// readers (new types may be added without notice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tk {
    /// 01 start.
    Start,
    /// 05 opening of a deposit section.
    Opening,
    /// 15 deposit (end of a section).
    Deposit,
    /// 20 payment.
    Payment,
    /// 21 deduction.
    Deduction,
    /// 22 extra reference, positive amount.
    ExtraReference,
    /// 23 extra reference, negative amount (a reference taken back, e.g. a credit note).
    ExtraReferenceMinus,
    /// 25 information text.
    Information,
    /// 26 name.
    Name,
    /// 27 address 1.
    Address1,
    /// 28 address 2.
    Address2,
    /// 29 organisation number.
    OrgNumber,
    /// 70 end.
    End,
}

impl Tk {
    /// The two-character type code.
    pub const fn code(self) -> &'static [u8; 2] {
        match self {
            Tk::Start => b"01",
            Tk::Opening => b"05",
            Tk::Deposit => b"15",
            Tk::Payment => b"20",
            Tk::Deduction => b"21",
            Tk::ExtraReference => b"22",
            Tk::ExtraReferenceMinus => b"23",
            Tk::Information => b"25",
            Tk::Name => b"26",
            Tk::Address1 => b"27",
            Tk::Address2 => b"28",
            Tk::OrgNumber => b"29",
            Tk::End => b"70",
        }
    }

    /// `TK20` etc., the record's name in errors and docs.
    pub const fn label(self) -> &'static str {
        match self {
            Tk::Start => "TK01",
            Tk::Opening => "TK05",
            Tk::Deposit => "TK15",
            Tk::Payment => "TK20",
            Tk::Deduction => "TK21",
            Tk::ExtraReference => "TK22",
            Tk::ExtraReferenceMinus => "TK23",
            Tk::Information => "TK25",
            Tk::Name => "TK26",
            Tk::Address1 => "TK27",
            Tk::Address2 => "TK28",
            Tk::OrgNumber => "TK29",
            Tk::End => "TK70",
        }
    }

    /// The known type for a code; `None` for types a reader skips.
    pub fn from_code(code: [u8; 2]) -> Option<Tk> {
        const ALL: [Tk; 13] = [
            Tk::Start,
            Tk::Opening,
            Tk::Deposit,
            Tk::Payment,
            Tk::Deduction,
            Tk::ExtraReference,
            Tk::ExtraReferenceMinus,
            Tk::Information,
            Tk::Name,
            Tk::Address1,
            Tk::Address2,
            Tk::OrgNumber,
            Tk::End,
        ];
        ALL.into_iter().find(|tk| *tk.code() == code)
    }
}

/// Bankgirot's reference code (TK20–23 column 56).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceCode {
    /// 0: no reference (also on a TK20 whose references follow in TK22/23).
    Blank,
    /// 1: reference not available.
    Unavailable,
    /// 2: a correct OCR reference (length and check digit checked by Bankgirot).
    Ocr,
    /// 3: several references in the field (each usually repeated in a TK22).
    Several,
    /// 4: one reference that is not an OCR number.
    Text,
    /// 5: a reference Bankgirot found incorrect.
    Incorrect,
}

impl ReferenceCode {
    /// The code for its digit; `None` outside 0–5.
    pub fn from_digit(d: u8) -> Option<ReferenceCode> {
        Some(match d {
            b'0' => ReferenceCode::Blank,
            b'1' => ReferenceCode::Unavailable,
            b'2' => ReferenceCode::Ocr,
            b'3' => ReferenceCode::Several,
            b'4' => ReferenceCode::Text,
            b'5' => ReferenceCode::Incorrect,
            _ => return None,
        })
    }

    /// Its digit.
    pub const fn digit(self) -> u8 {
        match self {
            ReferenceCode::Blank => b'0',
            ReferenceCode::Unavailable => b'1',
            ReferenceCode::Ocr => b'2',
            ReferenceCode::Several => b'3',
            ReferenceCode::Text => b'4',
            ReferenceCode::Incorrect => b'5',
        }
    }
}

/// One record of the file: its line number, type and the 80 columns (a shorter line padded
/// with blanks, see the reader).
pub struct Record {
    /// 1-based line number.
    pub line: u32,
    /// The record type.
    pub tk: Tk,
    bytes: [u8; RECORD_LEN],
}

impl Record {
    /// A record from a line of at most 80 bytes (checked by the caller), blank-padded.
    pub fn new(line: u32, tk: Tk, text: &[u8]) -> Record {
        let mut bytes = [b' '; RECORD_LEN];
        let n = text.len().min(RECORD_LEN);
        bytes[..n].copy_from_slice(&text[..n]);
        Record { line, tk, bytes }
    }

    /// The raw bytes of a field.
    pub fn raw(&self, field: Field) -> &[u8] {
        &self.bytes[field.range()]
    }

    /// The single byte of a one-column field.
    pub fn byte(&self, field: Field) -> u8 {
        self.bytes[field.from - 1]
    }

    /// A text field, decoded from ISO-8859-1 (each byte is the code point of the same value)
    /// and trimmed of blanks on both sides.
    pub fn text(&self, field: Field) -> String {
        latin1(trim_blanks(self.raw(field)))
    }

    /// A numeric field: every column a digit (zero-filled). BgMax's widest number (18 digits)
    /// fits in a `u64`.
    pub fn number(&self, field: Field) -> Result<u64, FileError> {
        let raw = self.raw(field);
        if raw.is_empty() || !raw.iter().all(u8::is_ascii_digit) {
            return Err(self.error(field, "must be digits only (zero-filled)"));
        }
        raw.iter()
            .try_fold(0u64, |n, d| {
                n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
            })
            .ok_or_else(|| self.error(field, "is too large"))
    }

    /// A zero-filled number field kept as the digits written (serial numbers).
    pub fn digits(&self, field: Field) -> Result<String, FileError> {
        let raw = self.raw(field);
        if !raw.iter().all(u8::is_ascii_digit) {
            return Err(self.error(field, "must be digits only (zero-filled)"));
        }
        Ok(latin1(raw))
    }

    /// An error in `field` of this record.
    pub fn error(&self, field: Field, message: impl Into<String>) -> FileError {
        FileError {
            position: Position::Line(self.line),
            field: format!("{} {}", self.tk.label(), field.name),
            message: message.into(),
        }
    }
}

/// `bytes` without leading and trailing blanks.
pub fn trim_blanks(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b != b' ')
        .map_or(start, |i| i + 1);
    &bytes[start..end]
}

/// ISO-8859-1 bytes as a string: every byte is the Unicode code point of the same number.
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Whether a byte may appear in a record: printable ISO-8859-1 (no C0/C1 control characters,
/// no DEL). Tabs in particular are refused: a tab has no column width in a fixed-column record.
pub const fn is_record_byte(b: u8) -> bool {
    matches!(b, 0x20..=0x7E | 0xA0..=0xFF)
}
