//! Amounts and dates as camt.054 writes them, read exactly: `1234.5` SEK is 123450 öre, and
//! anything that would need rounding, a sign, an exponent or a guess is refused.

use chrono::NaiveDate;

/// Why an amount text was refused (the reader adds where and which field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    Negative,
    Malformed,
    TooManyDecimals,
    TooLarge,
}

impl AmountError {
    /// A sentence for staff, with the allowed number of decimals.
    pub fn message(self, text: &str, decimals: u32) -> String {
        let text: String = text.chars().take(40).collect();
        match self {
            AmountError::Empty => "the amount is empty".to_string(),
            AmountError::Negative => format!(
                "the amount {text} is negative; camt.054 amounts are unsigned and the direction \
                 is CdtDbtInd"
            ),
            AmountError::Malformed => {
                format!("the amount {text} is not a decimal number like 1234.50")
            }
            AmountError::TooManyDecimals => format!(
                "the amount {text} has more than the currency's {decimals} decimals; it would \
                 have to be rounded"
            ),
            AmountError::TooLarge => format!("the amount {text} is too large"),
        }
    }
}

/// `text` (an ISO 20022 amount: digits, optionally `.` and at most `decimals` digits) in
/// minor units. Surrounding whitespace is allowed (the schema collapses it); a sign, an
/// exponent, a leading or trailing bare `.` are not.
pub fn parse_minor(text: &str, decimals: u32) -> Result<i64, AmountError> {
    parse(text, decimals, false)
}

/// Like [`parse_minor`] for a `DecimalNumber` total (`TxsSummry/…/Sum`): these carry no
/// currency, so further decimals are accepted as long as they are zeros (`7048.000`).
pub fn parse_minor_lenient(text: &str, decimals: u32) -> Result<i64, AmountError> {
    parse(text, decimals, true)
}

fn parse(text: &str, decimals: u32, zeros_beyond: bool) -> Result<i64, AmountError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    if t.starts_with('-') {
        return Err(AmountError::Negative);
    }
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err(AmountError::Malformed);
    }
    let frac = frac.unwrap_or("");
    let (kept, beyond) = frac.split_at(frac.len().min(decimals as usize));
    let zeros_only = beyond.bytes().all(|b| b == b'0');
    let allowed = beyond.is_empty() || (zeros_beyond && zeros_only);
    if !allowed {
        return Err(AmountError::TooManyDecimals);
    }
    let mut value: i64 = 0;
    let push = |v: i64, b: u8| {
        v.checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(b - b'0')))
            .ok_or(AmountError::TooLarge)
    };
    for b in int.bytes() {
        value = push(value, b)?;
    }
    for b in kept.bytes() {
        value = push(value, b)?;
    }
    for _ in kept.len()..decimals as usize {
        value = value.checked_mul(10).ok_or(AmountError::TooLarge)?;
    }
    Ok(value)
}

/// `minor` (≥ 0) as an ISO 20022 amount with exactly `decimals` decimals: 123450 → `1234.50`.
pub fn format_minor(minor: u64, decimals: u32) -> String {
    if decimals == 0 {
        return minor.to_string();
    }
    let factor = 10u64.pow(decimals);
    format!(
        "{}.{:0width$}",
        minor / factor,
        minor % factor,
        width = decimals as usize
    )
}

/// An `ISODate` (`2026-12-08`, the schema also allows a zone suffix `Z` / `+01:00`).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let (date, zone) = t.split_at_checked(10)?;
    if !(zone.is_empty() || valid_zone(zone)) {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// The date part of an `ISODateTime` (`2026-12-08T10:15:00`, optional fraction and zone).
pub fn parse_date_time(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let (date, time) = t.split_once('T')?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let (hms, rest) = time.split_at_checked(8)?;
    chrono::NaiveTime::parse_from_str(hms, "%H:%M:%S").ok()?;
    let rest = match rest.strip_prefix('.') {
        Some(r) => {
            let n = r.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return None;
            }
            &r[n..]
        }
        None => rest,
    };
    (rest.is_empty() || valid_zone(rest)).then_some(date)
}

fn valid_zone(zone: &str) -> bool {
    if zone == "Z" {
        return true;
    }
    let b = zone.as_bytes();
    b.len() == 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b':'
        && b[4].is_ascii_digit()
        && b[5].is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_exactly_or_refused() {
        assert_eq!(parse_minor("1234.5", 2), Ok(123_450));
        assert_eq!(parse_minor(" 0.01 ", 2), Ok(1));
        assert_eq!(parse_minor("7", 2), Ok(700));
        assert_eq!(parse_minor("00012.30", 2), Ok(1230));
        assert_eq!(parse_minor("1.234", 2), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_minor("1.230", 2), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_minor_lenient("7048.000", 2), Ok(704_800));
        assert_eq!(
            parse_minor_lenient("7048.001", 2),
            Err(AmountError::TooManyDecimals)
        );
        assert_eq!(parse_minor("-1.00", 2), Err(AmountError::Negative));
        for bad in [
            "+1", "1e3", "1.", ".5", "1,50", "1 000", "NaN", "0x10", "١٢",
        ] {
            assert_eq!(parse_minor(bad, 2), Err(AmountError::Malformed), "{bad}");
        }
        assert_eq!(parse_minor("", 2), Err(AmountError::Empty));
        assert_eq!(
            parse_minor("92233720368547758.08", 2),
            Err(AmountError::TooLarge)
        );
        assert_eq!(parse_minor("92233720368547758.07", 2), Ok(i64::MAX));
    }

    #[test]
    fn amounts_are_written_with_the_currencys_decimals() {
        assert_eq!(format_minor(123_450, 2), "1234.50");
        assert_eq!(format_minor(5, 2), "0.05");
        assert_eq!(format_minor(0, 2), "0.00");
        assert_eq!(format_minor(7, 0), "7");
    }

    #[test]
    fn dates_and_date_times() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 8);
        assert_eq!(parse_date("2026-12-08"), d);
        assert_eq!(parse_date("2026-12-08+01:00"), d);
        assert_eq!(parse_date("2026-12-08Z"), d);
        assert_eq!(parse_date("2026-13-08"), None);
        assert_eq!(parse_date("08.12.2026"), None);
        assert_eq!(parse_date("2026-12-0"), None);
        assert_eq!(parse_date_time("2026-12-08T10:15:00"), d);
        assert_eq!(parse_date_time("2026-12-08T10:15:00.123+01:00"), d);
        assert_eq!(parse_date_time("2026-12-08T10:15:00Z"), d);
        assert_eq!(parse_date_time("2026-12-08"), None);
        assert_eq!(parse_date_time("2026-12-08T25:00:00"), None);
        assert_eq!(parse_date_time("2026-12-08T10:15:00.+01:00"), None);
    }
}
