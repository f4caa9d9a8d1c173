//! The payout account of an agreement: an IBAN (ISO 13616: country length and the mod-97
//! check), or a Swedish bankgiro or plusgiro number (mod-10 check digit). A typo here sends a
//! merchant's settlement to someone else, so every form is checked before it is stored, and
//! stored in one spelling: `SE45 5000 0000 0583 9825 7466`, `BG 5050-1055`, `PG 90 20 90-0`.
//!
//! How the kind is told apart: two letters first is an IBAN; a `BG`/`bankgiro` or
//! `PG`/`plusgiro` prefix names the giro; without one, the dash decides (`NNN-NNNN` and
//! `NNNN-NNNN` are bankgiro, `…-N` with one check digit after the dash is plusgiro).

/// IBAN lengths of the countries Kreditor's merchants are in and their neighbours (SWIFT IBAN
/// registry); an IBAN of a country not listed is refused rather than guessed.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AT", 20),
    ("BE", 16),
    ("CH", 21),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GL", 18),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("SE", 24),
];

/// Why an account is refused: the Fluent message id.
pub const ERR_PAYOUT_ACCOUNT: &str = "ERR_INVALID_PAYOUT_ACCOUNT";

/// The account in its stored spelling, or `None` when it is not a valid IBAN, bankgiro or
/// plusgiro number.
pub fn parse(text: &str) -> Option<String> {
    let text = text.trim();
    if text.chars().count() > 64 {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    for (prefixes, giro) in [
        (
            &["bankgiro", "bg"][..],
            bankgiro as fn(&str) -> Option<String>,
        ),
        (&["plusgiro", "pg"][..], plusgiro),
    ] {
        for prefix in prefixes {
            if let Some(rest) = lower.strip_prefix(prefix) {
                let rest = rest.trim_start_matches([' ', ':']);
                if rest.starts_with(|c: char| c.is_ascii_digit()) {
                    return giro(rest);
                }
            }
        }
    }
    if text.chars().take(2).all(|c| c.is_ascii_alphabetic()) {
        return iban(text);
    }
    match text.rsplit_once('-') {
        Some((_, check)) if check.len() == 1 => plusgiro(text),
        _ => bankgiro(text),
    }
}

/// An IBAN: letters, digits and blanks; its country's length; mod 97 = 1.
pub fn iban(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !compact.chars().all(|c| c.is_ascii_alphanumeric()) || compact.len() < 5 {
        return None;
    }
    let (country, check) = (&compact[..2], &compact[2..4]);
    let length = IBAN_LENGTHS.iter().find(|(c, _)| *c == country)?.1;
    if compact.len() != length || !check.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let rearranged = compact[4..].chars().chain(compact[..4].chars());
    let mut remainder = 0u32;
    for c in rearranged {
        let value = c.to_digit(36)?;
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    if remainder != 1 {
        return None;
    }
    let groups: Vec<String> = compact
        .as_bytes()
        .chunks(4)
        .map(|g| String::from_utf8_lossy(g).into_owned())
        .collect();
    Some(groups.join(" "))
}

/// Digits of a giro number written with blanks and one dash; `None` for anything else.
fn giro_digits(text: &str) -> Option<String> {
    let text = text.trim();
    if text.matches('-').count() > 1
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
    {
        return None;
    }
    Some(text.chars().filter(char::is_ascii_digit).collect())
}

/// Luhn (mod 10) over all digits, the last being the check digit.
fn mod10(digits: &str) -> bool {
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            let d = if i % 2 == 1 { d * 2 } else { d };
            if d > 9 {
                d - 9
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A bankgiro number: 7 or 8 digits with a mod-10 check digit, stored `BG NNNN-NNNN`.
pub fn bankgiro(text: &str) -> Option<String> {
    let digits = giro_digits(text)?;
    if !(7..=8).contains(&digits.len()) || !mod10(&digits) {
        return None;
    }
    let split = digits.len() - 4;
    Some(format!("BG {}-{}", &digits[..split], &digits[split..]))
}

/// A plusgiro number: 2 to 8 digits with a mod-10 check digit, stored `PG NN NN NN-N` (pairs
/// from the right, the check digit after the dash).
pub fn plusgiro(text: &str) -> Option<String> {
    let digits = giro_digits(text)?;
    if !(2..=8).contains(&digits.len()) || !mod10(&digits) {
        return None;
    }
    let (body, check) = digits.split_at(digits.len() - 1);
    let mut pairs: Vec<&str> = Vec::new();
    let mut end = body.len();
    while end > 0 {
        let start = end.saturating_sub(2);
        pairs.push(&body[start..end]);
        end = start;
    }
    pairs.reverse();
    Some(format!("PG {}-{check}", pairs.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_ibans_pass_in_any_spelling() {
        // Examples of the SWIFT IBAN registry and the Nordic banks' own documentation.
        for (text, stored) in [
            (
                "SE45 5000 0000 0583 9825 7466",
                "SE45 5000 0000 0583 9825 7466",
            ),
            ("se4550000000058398257466", "SE45 5000 0000 0583 9825 7466"),
            (
                "SE35 5000 0000 0549 1000 0003",
                "SE35 5000 0000 0549 1000 0003",
            ),
            ("NO9386011117947", "NO93 8601 1117 947"),
            ("FI2112345600000785", "FI21 1234 5600 0007 85"),
            ("DK5000400440116243", "DK50 0040 0440 1162 43"),
            ("DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00"),
        ] {
            assert_eq!(parse(text).as_deref(), Some(stored), "{text}");
        }
    }

    #[test]
    fn a_changed_digit_or_wrong_length_fails_the_iban() {
        assert_eq!(parse("SE45 5000 0000 0583 9825 7467"), None);
        assert_eq!(parse("SE54 5000 0000 0583 9825 7466"), None);
        assert_eq!(parse("SE45 5000 0000 0583 9825 746"), None);
        assert_eq!(parse("NO93 8601 1117 9470"), None);
        assert_eq!(parse("XX45 5000 0000 0583 9825 7466"), None);
        assert_eq!(parse("SE3550000"), None);
        assert_eq!(parse(&"SE35".repeat(1_250)), None);
    }

    #[test]
    fn bankgiro_and_plusgiro_check_their_digit() {
        // 5050-1055 is Bankgirot's published test number.
        assert_eq!(parse("5050-1055").as_deref(), Some("BG 5050-1055"));
        assert_eq!(parse("BG 5050-1055").as_deref(), Some("BG 5050-1055"));
        assert_eq!(parse("bankgiro: 50501055").as_deref(), Some("BG 5050-1055"));
        assert_eq!(parse("5050-1056"), None);
        assert_eq!(parse("505-01055").as_deref(), Some("BG 5050-1055"));
        assert_eq!(parse("90 20 90-0").as_deref(), Some("PG 90 20 90-0"));
        assert_eq!(parse("PG 900603-2").as_deref(), Some("PG 90 06 03-2"));
        assert_eq!(parse("plusgiro 90 20 90-1"), None);
        assert_eq!(parse("PG 1-2-3"), None);
        assert_eq!(parse(""), None);
    }
}
