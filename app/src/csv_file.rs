//! Reading the CSV files people hand Kreditor (batch uploads, the registry and IP-range
//! imports) strictly, with the line and column of every field.
//!
//! The `csv` crate does the splitting and unquoting (RFC 4180: `,` between fields, `"` around
//! a field that holds a comma, a quote or a line break, `""` for a quote inside, CRLF or LF
//! line ends). It is lenient by design — it reads an unterminated quote to the end of the
//! file, and `"ab"cd` as `abcd` — and it does not say where a field stands. Both matter here:
//! a file read differently from what its author meant must be refused, not imported, and every
//! refusal names the place to fix. So each record the crate reads is checked against the text
//! it came from: a quoted field must be exactly `"` + the value with its quotes doubled + `"`,
//! followed by a comma or the end of the line, and an unquoted one must hold no quote. Lines
//! are counted by line feeds, columns by characters, both from 1.

use std::iter::FusedIterator;

/// One field: its value (quotes removed, doubled quotes made single) and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Line of the field's first character (after a quoted line break, a later line than the
    /// record's).
    pub line: usize,
    /// Column of the field's first character (its opening quote, if quoted).
    pub column: usize,
    /// The value.
    pub value: String,
}

/// One record (a row of the file; a quoted field may take it over several lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line it starts on.
    pub line: usize,
    /// Its fields, at least one.
    pub fields: Vec<Field>,
}

impl Record {
    /// The values, in order.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|f| f.value.as_str())
    }
}

/// A record that is not well-formed CSV; the reader goes on with the next record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct SyntaxError {
    /// Where the problem is.
    pub line: usize,
    /// Column there.
    pub column: usize,
    /// What is wrong and how to write it instead.
    pub message: &'static str,
}

/// A quote in the middle of an unquoted field.
pub const STRAY_QUOTE: &str =
    "a quote inside an unquoted field (quote the whole field and double the quote)";
/// Text after a field's closing quote.
pub const AFTER_QUOTE: &str = "after a closing quote, expected a comma or the end of the line";
/// An opening quote with no closing one.
pub const NEVER_CLOSED: &str = "a quoted field is never closed";

/// An import's invalid field, named by line and by the column's name in the file's header
/// (import files have a fixed header, so the name says more than a number would).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct RowError {
    /// Line number in the file, counting the header as 1.
    pub line: usize,
    /// The column's name in the header, or `row` for a wrong field count or malformed CSV.
    pub column: &'static str,
    /// What is wrong (never echoing a national id).
    pub message: String,
}

/// "3 invalid row(s); first: line 7, column national_id: …": an import's rows in one line,
/// for the error message of a whole import.
pub fn invalid_summary(errors: &[RowError]) -> String {
    let first = errors.first().map(ToString::to_string).unwrap_or_default();
    format!("{} invalid row(s); first: {first}", errors.len())
}

impl From<SyntaxError> for RowError {
    /// Malformed CSV is a `row` error; the character column goes into the message.
    fn from(e: SyntaxError) -> Self {
        RowError {
            line: e.line,
            column: "row",
            message: format!("{} (character {})", e.message, e.column),
        }
    }
}

/// Where the first byte that is not UTF-8 stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: the file must be UTF-8")]
pub struct NotUtf8 {
    /// Its line.
    pub line: usize,
    /// Its column (characters before it on the line, plus one).
    pub column: usize,
}

/// `bytes` as text without a leading byte order mark (spreadsheets write one).
pub fn utf8(bytes: &[u8]) -> Result<&str, NotUtf8> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(without_bom(text)),
        Err(e) => {
            let before = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let line = 1 + before.matches('\n').count();
            let column = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
            Err(NotUtf8 { line, column })
        }
    }
}

/// Why a file could not be read whole.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The reader failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The file is larger than the caller takes.
    #[error("the file is larger than {max_mib} MiB")]
    TooLarge {
        /// The limit.
        max_mib: usize,
    },
}

/// All of `reader`, refusing more than `max_mib` MiB (imports validate a file whole before
/// writing anything, so they hold it in memory).
pub async fn read_whole<R: tokio::io::AsyncRead + Unpin>(
    reader: R,
    max_mib: usize,
) -> Result<Vec<u8>, ReadError> {
    use tokio::io::AsyncReadExt;
    let max = max_mib.saturating_mul(1024 * 1024);
    let mut bytes = Vec::new();
    reader
        .take(u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .await?;
    if bytes.len() > max {
        return Err(ReadError::TooLarge { max_mib });
    }
    Ok(bytes)
}

/// `text` without a leading byte order mark.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The records of `text` in file order; lines holding nothing but white space are skipped.
pub fn records(text: &str) -> Records<'_> {
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    Records {
        reader,
        record: csv::StringRecord::new(),
        at: Cursor {
            text,
            pos: 0,
            line: 1,
            column: 1,
        },
        done: false,
    }
}

/// The iterator of [`records`].
pub struct Records<'t> {
    reader: csv::Reader<&'t [u8]>,
    record: csv::StringRecord,
    at: Cursor<'t>,
    done: bool,
}

impl Records<'_> {
    /// Reads the first record: whether it is on line 1 and names exactly the comma-separated
    /// columns of `header` (white space around a name is ignored).
    pub fn header_is(&mut self, header: &str) -> bool {
        match self.next() {
            Some(Ok(first)) => {
                first.line == 1 && first.values().map(str::trim).eq(header.split(','))
            }
            _ => false,
        }
    }
}

impl Iterator for Records<'_> {
    type Item = Result<Record, SyntaxError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let read = self.reader.read_record(&mut self.record);
            // Reading from a `&str` cannot fail (no I/O, valid UTF-8, `flexible`); were it to,
            // the rest of the file is named rather than skipped.
            let more = match read {
                Ok(more) => more,
                Err(_) => {
                    self.done = true;
                    let (line, column) = self.at.skip_line_ends();
                    return Some(Err(SyntaxError {
                        line,
                        column,
                        message: "the file cannot be read as CSV from here",
                    }));
                }
            };
            if !more {
                self.done = true;
                break;
            }
            let end = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
            let checked = self.at.check(&self.record);
            self.at.advance_to(end);
            match checked {
                Ok(record) if is_blank(&record) => continue,
                other => return Some(other),
            }
        }
        None
    }
}

impl FusedIterator for Records<'_> {}

fn is_blank(record: &Record) -> bool {
    matches!(record.fields.as_slice(), [only] if only.value.trim().is_empty())
}

/// A position in the text, moved forward as the records are read.
struct Cursor<'t> {
    text: &'t str,
    pos: usize,
    line: usize,
    column: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn here(&self) -> (usize, usize) {
        (self.line, self.column)
    }

    /// Moves to byte `end` (clamped to the text), counting lines and columns.
    fn advance_to(&mut self, end: usize) {
        let end = end.min(self.text.len()).max(self.pos);
        for c in self.text.get(self.pos..end).unwrap_or_default().chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.pos = end;
    }

    fn advance(&mut self, bytes: usize) {
        self.advance_to(self.pos.saturating_add(bytes));
    }

    /// Skips the line ends before a record (blank lines, the LF of a CRLF); where it starts.
    fn skip_line_ends(&mut self) -> (usize, usize) {
        let n = self.rest().len() - self.rest().trim_start_matches(['\r', '\n']).len();
        self.advance(n);
        self.here()
    }

    /// Checks that `record` is exactly what the text at the cursor says, field by field, and
    /// notes where each field starts. The caller moves the cursor to the record's end after.
    fn check(&mut self, record: &csv::StringRecord) -> Result<Record, SyntaxError> {
        let (line, _) = self.skip_line_ends();
        let mut fields = Vec::with_capacity(record.len());
        for (i, value) in record.iter().enumerate() {
            let (field_line, column) = self.here();
            let error = |at: (usize, usize), message| SyntaxError {
                line: at.0,
                column: at.1,
                message,
            };
            if self.rest().starts_with('"') {
                self.advance(1);
                let escaped = value.replace('"', "\"\"");
                let same = common_prefix(self.rest(), &escaped);
                self.advance(same);
                if same < escaped.len() {
                    // The crate ended the quoted part early and read on: past the closing
                    // quote stands text that is neither a comma nor a line end.
                    self.advance(1);
                    return Err(error(self.here(), AFTER_QUOTE));
                }
                if !self.rest().starts_with('"') {
                    return Err(error((field_line, column), NEVER_CLOSED));
                }
                self.advance(1);
            } else {
                if let Some(q) = value.find('"') {
                    self.advance(q);
                    return Err(error(self.here(), STRAY_QUOTE));
                }
                self.advance(value.len());
            }
            let last = i + 1 == record.len();
            let next = self.rest().chars().next();
            match next {
                Some(',') if !last => self.advance(1),
                None | Some('\r' | '\n') if last => {}
                _ => return Err(error(self.here(), AFTER_QUOTE)),
            }
            fields.push(Field {
                line: field_line,
                column,
                value: value.to_string(),
            });
        }
        Ok(Record { line, fields })
    }
}

/// Bytes at the start of `a` that are the same as at the start of `b` (whole characters).
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field as (line, column, value).
    type Placed = (usize, usize, String);

    fn read(text: &str) -> Vec<Result<Vec<Placed>, String>> {
        records(text)
            .map(|r| {
                r.map(|r| {
                    r.fields
                        .into_iter()
                        .map(|f| (f.line, f.column, f.value))
                        .collect()
                })
                .map_err(|e| e.to_string())
            })
            .collect()
    }

    fn f(line: usize, column: usize, value: &str) -> Placed {
        (line, column, value.to_string())
    }

    #[test]
    fn fields_carry_their_line_and_column() {
        let text = "a,bb,\r\n\r\n  \n\"c, \"\"d\"\"\",e\n\"multi\nline\",x\ny";
        assert_eq!(
            read(text),
            vec![
                Ok(vec![f(1, 1, "a"), f(1, 3, "bb"), f(1, 6, "")]),
                Ok(vec![f(4, 1, "c, \"d\""), f(4, 12, "e")]),
                Ok(vec![f(5, 1, "multi\nline"), f(6, 7, "x")]),
                Ok(vec![f(7, 1, "y")]),
            ]
        );
        let starts: Vec<usize> = records(text).map(|r| r.unwrap().line).collect();
        assert_eq!(starts, vec![1, 4, 5, 7]);
    }

    #[test]
    fn what_the_crate_would_guess_at_is_refused_by_place() {
        assert_eq!(
            read("a,b\"c,d\n\"ab\"cd,e\nok\n\"x\",\"y\"z\n\"é\" ,f\n"),
            vec![
                Err(format!("line 1, column 4: {STRAY_QUOTE}")),
                Err(format!("line 2, column 5: {AFTER_QUOTE}")),
                Ok(vec![f(3, 1, "ok")]),
                Err(format!("line 4, column 8: {AFTER_QUOTE}")),
                Err(format!("line 5, column 4: {AFTER_QUOTE}")),
            ]
        );
    }

    #[test]
    fn an_unterminated_quote_names_where_it_opens() {
        assert_eq!(
            read("a,b\nc,\"open\nmore,lines\n"),
            vec![
                Ok(vec![f(1, 1, "a"), f(1, 3, "b")]),
                Err(format!("line 2, column 3: {NEVER_CLOSED}")),
            ]
        );
        // An escaped quote at the very end does not close the field.
        assert_eq!(
            read("\"ab\"\""),
            vec![Err(format!("line 1, column 1: {NEVER_CLOSED}"))]
        );
    }

    #[test]
    fn utf8_names_the_first_bad_byte_and_drops_the_bom() {
        assert_eq!(utf8("\u{feff}a,b".as_bytes()), Ok("a,b"));
        assert_eq!(
            utf8(b"ab\nc\xc3\xa5d\xff"),
            Err(NotUtf8 { line: 2, column: 4 })
        );
    }

    /// A field as a careful writer puts it: quoted when it must be.
    fn encode(field: &str) -> String {
        if field.contains([',', '"', '\r', '\n']) || field.trim().is_empty() {
            format!("\"{}\"", field.replace('"', "\"\""))
        } else {
            field.to_string()
        }
    }

    proptest::proptest! {
        #[test]
        fn what_a_careful_writer_wrote_reads_back(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-c ,\"\r\né]{0,6}", 1..4), 1..6),
            crlf: bool,
        ) {
            let end = if crlf { "\r\n" } else { "\n" };
            let text: String = rows
                .iter()
                .map(|r| r.iter().map(|f| encode(f)).collect::<Vec<_>>().join(",") + end)
                .collect();
            let read: Vec<Vec<String>> = records(&text)
                .map(|r| r.map(|r| r.values().map(str::to_string).collect()))
                .collect::<Result<_, _>>()
                .map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            // A row of one blank field is a blank line, which is skipped.
            let written: Vec<Vec<String>> = rows
                .into_iter()
                .filter(|r| !matches!(r.as_slice(), [only] if only.trim().is_empty()))
                .collect();
            proptest::prop_assert_eq!(read, written);
        }

        #[test]
        fn any_text_reads_without_panicking(text in "[a,\"\r\n é]{0,40}") {
            for record in records(&text) {
                let (line, column) = match &record {
                    Ok(r) => (r.line, r.fields[0].column),
                    Err(e) => (e.line, e.column),
                };
                proptest::prop_assert!(line >= 1 && column >= 1);
            }
        }
    }
}
