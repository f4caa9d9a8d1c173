//! Writes a checked [`SieExport`] as a SIE 4E file: CP437 bytes, CRLF line endings.
//!
//! Amounts are always written with exactly two decimals (`125000.00`, `-0.50`): one fixed
//! shape is easy to diff and review, and SIE readers accept any number of decimals.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::check::check_export;
use super::{cp437, SieError, SieExport, SieVoucher};

/// Writes the export as SIE 4E, refusing (before writing anything) a file that would be wrong:
/// unbalanced, empty or duplicate vouchers, unknown accounts, balances that don't follow from
/// the rows, amounts with fractions of öre, and text with characters CP437 cannot hold.
pub fn write_sie4(export: &SieExport) -> Result<Vec<u8>, SieError> {
    check_export(export)?;
    let mut lines = Lines::default();
    write_header(&mut lines, export)?;
    write_chart(&mut lines, export)?;
    for (record, rows) in [
        ("#IB", &export.opening),
        ("#UB", &export.closing),
        ("#RES", &export.results),
    ] {
        for &(account, amount) in rows {
            lines.push(format!("{record} 0 {account} {}", amount_text(amount)));
        }
    }
    for voucher in &export.vouchers {
        write_voucher(&mut lines, voucher)?;
    }
    // Every field was checked while quoting, so this only fails on a bug.
    cp437::encode(&lines.text).map_err(|e| SieError::Unencodable {
        character: e.0,
        context: "the file".to_owned(),
    })
}

/// The file's text so far, CRLF-terminated lines.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    fn push(&mut self, line: String) {
        self.text.push_str(&line);
        self.text.push_str("\r\n");
    }
}

fn write_header(lines: &mut Lines, e: &SieExport) -> Result<(), SieError> {
    lines.push("#FLAGGA 0".to_owned());
    lines.push(format!(
        "#PROGRAM {} {}",
        quoted(&e.program, "#PROGRAM name")?,
        field(&e.program_version, "#PROGRAM version")?
    ));
    lines.push("#FORMAT PC8".to_owned());
    let mut gen = format!("#GEN {}", date_text(e.generated_on));
    if let Some(by) = e.generated_by.as_ref().filter(|by| !by.is_empty()) {
        gen.push(' ');
        gen.push_str(&quoted(by, "#GEN signature")?);
    }
    lines.push(gen);
    lines.push("#SIETYP 4".to_owned());
    lines.push(format!("#FNAMN {}", quoted(&e.company_name, "#FNAMN")?));
    lines.push(format!("#ORGNR {}", field(&e.org_nr, "#ORGNR")?));
    lines.push(year_line(0, e.fiscal_year));
    if let Some(previous) = e.previous_year {
        lines.push(year_line(-1, previous));
    }
    lines.push(format!("#KPTYP {}", field(&e.chart, "#KPTYP")?));
    Ok(())
}

fn year_line(index: i32, (start, end): (NaiveDate, NaiveDate)) -> String {
    format!("#RAR {index} {} {}", date_text(start), date_text(end))
}

fn write_chart(lines: &mut Lines, e: &SieExport) -> Result<(), SieError> {
    for account in &e.accounts {
        let context = format!("#KONTO {} name", account.number);
        lines.push(format!(
            "#KONTO {} {}",
            account.number,
            quoted(&account.name, &context)?
        ));
        lines.push(format!("#KTYP {} {}", account.number, account.kind.code()));
    }
    Ok(())
}

fn write_voucher(lines: &mut Lines, v: &SieVoucher) -> Result<(), SieError> {
    let label = format!("voucher {} {}", v.series, v.number);
    lines.push(format!(
        "#VER {} \"{}\" {} {} {}",
        quoted(&v.series, &format!("{label} series"))?,
        v.number,
        date_text(v.date),
        quoted(&v.text, &format!("{label} text"))?,
        date_text(v.registered_on)
    ));
    lines.push("{".to_owned());
    for (i, row) in v.transactions.iter().enumerate() {
        let mut line = format!("#TRANS {} {{}} {}", row.account, amount_text(row.amount));
        // The text is the fifth field, so the row date has to be written before it; the
        // voucher's date is what a row without its own date means anyway.
        if let Some(text) = &row.text {
            let context = format!("{label} row {} text", i + 1);
            line.push_str(&format!(
                " {} {}",
                date_text(v.date),
                quoted(text, &context)?
            ));
        }
        lines.push(line);
    }
    lines.push("}".to_owned());
    Ok(())
}

/// `yyyymmdd`, the only date shape SIE knows.
fn date_text(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// Exactly two decimals, `.` as separator, `-` for credit, no thousands separator. The checks
/// already refused more than two decimals, so rescaling only ever adds zeros.
fn amount_text(amount: Decimal) -> String {
    // A computed zero can carry a minus sign; "-0.00" would look like a credit.
    let mut a = if amount.is_zero() {
        Decimal::ZERO
    } else {
        amount
    };
    a.rescale(2);
    a.to_string()
}

/// A value written bare when it is a plain token (`556677-8899`, `BAS2014`, `1.2.3`) and
/// quoted otherwise, so a space or quote in it cannot split the record.
fn field(value: &str, context: &str) -> Result<String, SieError> {
    let plain = !value.is_empty()
        && !value.starts_with('#')
        && value
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '{' | '}' | '\\'));
    if plain {
        Ok(value.to_owned())
    } else {
        quoted(value, context)
    }
}

/// A quoted SIE string. Line breaks, tabs and other control characters become spaces (a line
/// break would end the record). `"` is written `\"` as the SIE spec says; a backslash is
/// doubled only where it could otherwise be read as part of an escape (before `"` or `\`, or
/// last), so ordinary text like `1820\A012` looks the same to every reader.
fn quoted(value: &str, context: &str) -> Result<String, SieError> {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        let c = if c.is_control() { ' ' } else { c };
        cp437::encode_char(c).map_err(|e| SieError::Unencodable {
            character: e.0,
            context: context.to_owned(),
        })?;
        match c {
            '"' => out.push_str("\\\""),
            '\\' if matches!(chars.peek(), None | Some('"') | Some('\\')) => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test decimal")
    }

    #[test]
    fn amounts_have_exactly_two_decimals() {
        assert_eq!(amount_text(dec("125000")), "125000.00");
        assert_eq!(amount_text(dec("-1.5")), "-1.50");
        assert_eq!(amount_text(dec("0.05")), "0.05");
        assert_eq!(amount_text(dec("-0.00")), "0.00");
        assert_eq!(amount_text(dec("1234567.80")), "1234567.80");
    }

    #[test]
    fn quoting_escapes_quotes_and_ambiguous_backslashes() {
        assert_eq!(quoted("Kund \"AB\"", "t").expect("ok"), r#""Kund \"AB\"""#);
        assert_eq!(quoted(r"1820\A012", "t").expect("ok"), r#""1820\A012""#);
        assert_eq!(quoted(r"ends\", "t").expect("ok"), r#""ends\\""#);
        assert_eq!(
            quoted("rad 1\r\nrad 2\tx", "t").expect("ok"),
            "\"rad 1  rad 2 x\""
        );
    }

    #[test]
    fn quoting_names_the_unencodable_character_and_where() {
        let err = quoted("Pris 10 €", "#KONTO 3001 name").expect_err("euro is not CP437");
        assert_eq!(
            err,
            SieError::Unencodable {
                character: '€',
                context: "#KONTO 3001 name".to_owned()
            }
        );
    }

    #[test]
    fn plain_fields_stay_bare() {
        assert_eq!(field("556677-8899", "t").expect("ok"), "556677-8899");
        assert_eq!(field("BAS2014", "t").expect("ok"), "BAS2014");
        assert_eq!(field("1.0 beta", "t").expect("ok"), "\"1.0 beta\"");
        assert_eq!(field("", "t").expect("ok"), "\"\"");
    }
}
