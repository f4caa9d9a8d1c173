//! IBM code page 437 ("PC8" in SIE), written out by hand so the export depends on no codec crate.
//!
//! SIE files declare `#FORMAT PC8`, and real-world files are often garbled because some program
//! wrote UTF-8 or cp1252 instead. Encoding and decoding explicitly here keeps Swedish letters
//! intact and makes a character that has no CP437 byte an error instead of a silent `?`.

/// The characters for bytes 0x80–0xFF, in byte order. Bytes 0x00–0x7F are ASCII.
const HIGH: [char; 128] = [
    // 0x80
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å',
    // 0x90
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '\u{20A7}', 'ƒ',
    // 0xA0
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '\u{2310}', '¬', '½', '¼', '¡', '«', '»',
    // 0xB0
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐',
    // 0xC0
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧',
    // 0xD0
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀',
    // 0xE0
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩',
    // 0xF0
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '\u{2219}', '·', '√', 'ⁿ', '²', '■', '\u{A0}',
];

/// A character with no byte in code page 437.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} (U+{code:04X}) has no code page 437 byte", code = u32::from(*.0))]
pub struct NotInCp437(pub char);

/// The CP437 byte for one character.
pub fn encode_char(c: char) -> Result<u8, NotInCp437> {
    if c.is_ascii() {
        // An ASCII char's scalar value is below 0x80, so the conversion cannot fail.
        return u8::try_from(u32::from(c)).map_err(|_| NotInCp437(c));
    }
    HIGH.iter()
        .position(|&h| h == c)
        .and_then(|i| u8::try_from(0x80 + i).ok())
        .ok_or(NotInCp437(c))
}

/// Encodes a whole string; the error names the first character that cannot be encoded.
pub fn encode(s: &str) -> Result<Vec<u8>, NotInCp437> {
    s.chars().map(encode_char).collect()
}

/// The character for one CP437 byte. Every byte has one, so decoding cannot fail.
pub fn decode_byte(b: u8) -> char {
    if b < 0x80 {
        char::from(b)
    } else {
        HIGH[usize::from(b - 0x80)]
    }
}

/// Decodes CP437 bytes to a string.
pub fn decode(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| decode_byte(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_have_their_cp437_bytes() {
        let text = "åäöÅÄÖéü";
        let bytes = encode(text).expect("all in CP437");
        assert_eq!(bytes, [0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82, 0x81]);
        assert_eq!(decode(&bytes), text);
    }

    #[test]
    fn every_byte_round_trips() {
        let all: Vec<u8> = (0..=255).collect();
        let text = decode(&all);
        assert_eq!(text.chars().count(), 256);
        assert_eq!(encode(&text).expect("decoded text re-encodes"), all);
    }

    #[test]
    fn high_half_has_no_duplicates_and_no_ascii() {
        for (i, a) in HIGH.iter().enumerate() {
            assert!(!a.is_ascii(), "0x{:02X} maps to ASCII", 0x80 + i);
            assert!(!HIGH[i + 1..].contains(a), "{a:?} appears twice");
        }
    }

    #[test]
    fn characters_outside_cp437_are_named() {
        assert_eq!(encode("Kund €"), Err(NotInCp437('€')));
        assert_eq!(encode("Łódź"), Err(NotInCp437('Ł')));
        assert_eq!(
            NotInCp437('€').to_string(),
            "'€' (U+20AC) has no code page 437 byte"
        );
    }
}
