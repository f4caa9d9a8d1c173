//! Reads a SIE 4 file (ours or another program's) into a [`SieFile`], independently of the writer.
//!
//! Tolerant where real files vary (LF or CRLF, records it does not know, optional fields,
//! `#RTRANS`/`#BTRANS` rows) and strict where a guess would change the books (amounts,
//! accounts, dates).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::token::{tokenize, Fields, Token};
use super::{cp437, SieAccountKind, SieError};

/// What a SIE file says, as read. Balances are keyed by (year index, account): year 0 is the
/// current fiscal year, -1 the one before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SieFile {
    /// `#FLAGGA`.
    pub flag: Option<String>,
    /// `#PROGRAM` name.
    pub program: Option<String>,
    /// `#PROGRAM` version.
    pub program_version: Option<String>,
    /// `#FORMAT`; `PC8` for a valid file.
    pub format: Option<String>,
    /// `#GEN` date.
    pub generated_on: Option<NaiveDate>,
    /// `#GEN` signature.
    pub generated_by: Option<String>,
    /// `#SIETYP`; `4` for a file with vouchers.
    pub sie_type: Option<String>,
    /// `#FNAMN`.
    pub company_name: Option<String>,
    /// `#ORGNR`.
    pub org_nr: Option<String>,
    /// `#RAR`: year index → first and last day.
    pub fiscal_years: BTreeMap<i32, (NaiveDate, NaiveDate)>,
    /// `#KPTYP`.
    pub chart: Option<String>,
    /// `#KONTO` with its `#KTYP`, in file order.
    pub accounts: Vec<SieFileAccount>,
    /// `#IB`: (year, account) → amount.
    pub opening: BTreeMap<(i32, u32), Decimal>,
    /// `#UB`: (year, account) → amount.
    pub closing: BTreeMap<(i32, u32), Decimal>,
    /// `#RES`: (year, account) → amount.
    pub results: BTreeMap<(i32, u32), Decimal>,
    /// `#VER` with their `#TRANS` rows, in file order.
    pub vouchers: Vec<SieFileVoucher>,
    /// Records this reader does not interpret, with how often each occurred.
    pub skipped: BTreeMap<String, usize>,
    /// Oddities that are not syntax errors (e.g. a balance given twice); [`validate`] reports them.
    ///
    /// [`validate`]: super::validate
    pub warnings: Vec<String>,
}

/// An account as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SieFileAccount {
    /// Account number.
    pub number: u32,
    /// Name from `#KONTO`.
    pub name: String,
    /// Type from `#KTYP`, if the file gives one.
    pub kind: Option<SieAccountKind>,
}

/// A voucher as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SieFileVoucher {
    /// Series.
    pub series: String,
    /// Number; import files (4I) may leave it empty.
    pub number: Option<u64>,
    /// Accounting date.
    pub date: NaiveDate,
    /// Voucher text ("" if none).
    pub text: String,
    /// Registration date, if given.
    pub registered_on: Option<NaiveDate>,
    /// Signature, if given.
    pub signature: Option<String>,
    /// Line of its `#VER`, for messages.
    pub line: usize,
    /// Its `#TRANS` rows.
    pub transactions: Vec<SieFileTransaction>,
}

/// A `#TRANS` row as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SieFileTransaction {
    /// Account number.
    pub account: u32,
    /// Object list fields (dimension, object, …), usually empty.
    pub objects: Vec<String>,
    /// Debit positive, credit negative.
    pub amount: Decimal,
    /// Row date, if given (otherwise the voucher's).
    pub date: Option<NaiveDate>,
    /// Row text, if given.
    pub text: Option<String>,
}

/// Decodes CP437 and reads every record; unknown records are counted in `skipped`.
pub fn read_sie4(bytes: &[u8]) -> Result<SieFile, SieError> {
    let text = cp437::decode(bytes);
    let mut reader = Reader::default();
    for (i, line) in text.lines().enumerate() {
        reader.line(line, i + 1)?;
    }
    reader.finish()
}

/// Where the reader is relative to vouchers.
#[derive(Default)]
enum State {
    #[default]
    Outside,
    /// After a `#VER`, before its `{`.
    AwaitingBrace(SieFileVoucher),
    /// Between `{` and `}`.
    Inside(SieFileVoucher),
}

#[derive(Default)]
struct Reader {
    file: SieFile,
    state: State,
    account_index: HashMap<u32, usize>,
}

impl Reader {
    fn line(&mut self, line: &str, n: usize) -> Result<(), SieError> {
        // Only SIE's own whitespace: a no-break space (CP437 0xFF) is text.
        let trimmed = line.trim_matches([' ', '\t', '\r']);
        match trimmed {
            "" => Ok(()),
            "{" => match std::mem::take(&mut self.state) {
                State::AwaitingBrace(v) => {
                    self.state = State::Inside(v);
                    Ok(())
                }
                _ => Err(SieError::OutsideVoucher {
                    line: n,
                    what: "`{`".to_owned(),
                }),
            },
            "}" => match std::mem::take(&mut self.state) {
                State::Inside(v) => {
                    self.file.vouchers.push(v);
                    Ok(())
                }
                _ => Err(SieError::OutsideVoucher {
                    line: n,
                    what: "`}`".to_owned(),
                }),
            },
            _ if trimmed.starts_with('#') => self.record(&tokenize(trimmed, n)?, n),
            // Not part of the grammar; tolerated like an unknown record.
            _ => {
                *self
                    .file
                    .skipped
                    .entry("(text without a label)".to_owned())
                    .or_default() += 1;
                Ok(())
            }
        }
    }

    fn record(&mut self, tokens: &[Token], n: usize) -> Result<(), SieError> {
        let label = match tokens.first() {
            Some(Token::Text(label)) => label.to_ascii_uppercase(),
            _ => return Ok(()),
        };
        let f = Fields {
            tokens,
            label: &label,
            line: n,
        };
        match (&self.state, label.as_str()) {
            // A new voucher while one is open: the `}` is missing, and guessing where it
            // belonged could move rows between vouchers.
            (State::Inside(v), "#VER") => return Err(SieError::UnclosedVoucher { line: v.line }),
            // A #VER without `{ … }`: keep it, rowless, so validation can name it.
            (State::AwaitingBrace(_), l) if !matches!(l, "#TRANS" | "#RTRANS" | "#BTRANS") => {
                if let State::AwaitingBrace(v) = std::mem::take(&mut self.state) {
                    self.file.vouchers.push(v);
                }
            }
            _ => {}
        }
        let file = &mut self.file;
        match label.as_str() {
            "#FLAGGA" => file.flag = Some(f.text(1, "flag")?),
            "#PROGRAM" => {
                file.program = Some(f.text(1, "name")?);
                file.program_version = f.optional_text(2);
            }
            "#FORMAT" => file.format = Some(f.text(1, "format")?),
            "#GEN" => {
                file.generated_on = Some(f.date(1, "date")?);
                file.generated_by = f.optional_text(2).filter(|s| !s.is_empty());
            }
            "#SIETYP" => file.sie_type = Some(f.text(1, "type")?),
            "#FNAMN" => file.company_name = Some(f.text(1, "name")?),
            "#ORGNR" => file.org_nr = Some(f.text(1, "organisation number")?),
            "#KPTYP" => file.chart = Some(f.text(1, "chart type")?),
            "#RAR" => {
                let year = f.number::<i32>(1, "year index")?;
                let span = (f.date(2, "start")?, f.date(3, "end")?);
                file.fiscal_years.insert(year, span);
            }
            "#KONTO" => {
                let name = f.text(2, "name")?;
                self.account(f.number(1, "account")?).name = name;
            }
            "#KTYP" => {
                let code = f.text(2, "type")?;
                let kind = SieAccountKind::from_code(&code.to_ascii_uppercase())
                    .ok_or_else(|| f.invalid("type", &code))?;
                self.account(f.number(1, "account")?).kind = Some(kind);
            }
            "#IB" | "#UB" | "#RES" => self.balance(&f)?,
            "#VER" => self.state = State::AwaitingBrace(voucher(&f)?),
            "#TRANS" => match &mut self.state {
                State::Inside(v) => v.transactions.push(transaction(&f)?),
                _ => {
                    return Err(SieError::OutsideVoucher {
                        line: n,
                        what: label,
                    })
                }
            },
            // #RTRANS (a row added later) is followed by the same row as #TRANS for readers
            // that don't know it; #BTRANS (a removed row) no longer counts. Both are skipped.
            _ => *file.skipped.entry(label).or_default() += 1,
        }
        Ok(())
    }

    /// The account with this number, created (without name or type) if not yet seen.
    fn account(&mut self, number: u32) -> &mut SieFileAccount {
        let accounts = &mut self.file.accounts;
        let i = *self.account_index.entry(number).or_insert_with(|| {
            accounts.push(SieFileAccount {
                number,
                name: String::new(),
                kind: None,
            });
            accounts.len() - 1
        });
        &mut accounts[i]
    }

    fn balance(&mut self, f: &Fields<'_>) -> Result<(), SieError> {
        let year = f.number::<i32>(1, "year index")?;
        let account = f.number::<u32>(2, "account")?;
        // #IB/#UB/#RES have no object list, but some writers put an empty `{}` there anyway.
        let amount_at = if matches!(f.tokens.get(3), Some(Token::List(_))) {
            4
        } else {
            3
        };
        let amount = f.amount(amount_at)?;
        let map = match f.label {
            "#IB" => &mut self.file.opening,
            "#UB" => &mut self.file.closing,
            _ => &mut self.file.results,
        };
        if map.insert((year, account), amount).is_some() {
            self.file.warnings.push(format!(
                "line {}: {} {year} {account} is given more than once; the last one counts",
                f.line, f.label
            ));
        }
        Ok(())
    }

    fn finish(mut self) -> Result<SieFile, SieError> {
        match std::mem::take(&mut self.state) {
            State::Outside => {}
            State::AwaitingBrace(v) => self.file.vouchers.push(v),
            State::Inside(v) => return Err(SieError::UnclosedVoucher { line: v.line }),
        }
        Ok(self.file)
    }
}

fn voucher(f: &Fields<'_>) -> Result<SieFileVoucher, SieError> {
    let number = f.optional_text(2).unwrap_or_default();
    Ok(SieFileVoucher {
        series: f.text(1, "series")?,
        number: if number.is_empty() {
            None
        } else {
            Some(number.parse().map_err(|_| f.invalid("number", &number))?)
        },
        date: f.date(3, "date")?,
        text: f.optional_text(4).unwrap_or_default(),
        registered_on: f.optional_date(5)?,
        signature: f.optional_text(6).filter(|s| !s.is_empty()),
        line: f.line,
        transactions: Vec::new(),
    })
}

fn transaction(f: &Fields<'_>) -> Result<SieFileTransaction, SieError> {
    // The object list is mandatory in SIE 4, but old writers leave it out; then the amount
    // comes right after the account.
    let (objects, at) = match f.tokens.get(2) {
        Some(Token::List(objects)) => (objects.clone(), 3),
        _ => (Vec::new(), 2),
    };
    Ok(SieFileTransaction {
        account: f.number(1, "account")?,
        objects,
        amount: f.amount(at)?,
        date: f.optional_date(at + 1)?,
        text: f.optional_text(at + 2),
    })
}
