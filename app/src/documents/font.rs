//! The embedded fonts (DejaVu Sans and Sans Bold for the page, OCR-B for the payment slip's
//! machine-readable line; shipped in `app/fonts/` with their licences) and their subsetting.
//!
//! printpdf 0.12 subsets only with its `text_layout` feature (azul's layout engine, which we
//! do not want to build); without it `subset_font` hands back the whole 760 KB face, which is
//! why every PDF was ~390 KB compressed. The subsetter it does link, allsorts, is used here
//! directly: each document gets a face with only the glyphs it draws, renumbered, under a
//! `XXXXXX+DejaVuSans` name (the PDF convention that marks a subset) whose tag is derived
//! from the glyph set, so the same text gives the same bytes.

#![expect(
    clippy::float_arithmetic,
    reason = "font metrics in points, never money"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use printpdf::ParsedFont;

static REGULAR_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");
/// OCR-B (Debian's fonts-ocr-b, public domain; `app/fonts/OCRB-COPYRIGHT`): a CFF OpenType
/// face, which allsorts subsets as CFF and printpdf embeds as `/FontFile3 /OpenType`.
static OCRB_OTF: &[u8] = include_bytes!("../../fonts/OCRB.otf");

/// The faces a document uses: two weights of DejaVu Sans and OCR-B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weight {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
    /// OCR-B, for the payment slip's scan line ([`super::scanline`]): the typeface the
    /// Nordic slip readers are built for.
    Ocr,
}

impl Weight {
    /// Every face, in the order their fonts are added to a document.
    pub const ALL: [Weight; 3] = [Weight::Regular, Weight::Bold, Weight::Ocr];

    /// The face of this weight (parsed once per process).
    pub fn face(self) -> &'static Face {
        match self {
            Weight::Regular => &REGULAR,
            Weight::Bold => &BOLD,
            Weight::Ocr => &OCR,
        }
    }

    /// The PostScript name after the subset tag.
    fn ps_name(self) -> &'static str {
        match self {
            Weight::Regular => "DejaVuSans",
            Weight::Bold => "DejaVuSans-Bold",
            Weight::Ocr => "OCRB",
        }
    }
}

static REGULAR: LazyLock<Face> = LazyLock::new(|| Face::parse(REGULAR_TTF, Weight::Regular));
static BOLD: LazyLock<Face> = LazyLock::new(|| Face::parse(BOLD_TTF, Weight::Bold));
static OCR: LazyLock<Face> = LazyLock::new(|| Face::parse(OCRB_OTF, Weight::Ocr));

/// A parsed face: character map and advance widths for measuring, the bytes for subsetting.
pub struct Face {
    bytes: &'static [u8],
    weight: Weight,
    parsed: ParsedFont,
}

/// Why a subset could not be made (a broken font file: a bug, not an input problem).
#[derive(Debug, thiserror::Error)]
#[error("font subsetting failed: {0}")]
pub struct FontError(String);

impl Face {
    fn parse(bytes: &'static [u8], weight: Weight) -> Face {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            // The file is compiled in and tested: a parse failure cannot depend on input.
            .expect("the embedded font parses");
        Face {
            bytes,
            weight,
            parsed,
        }
    }

    fn glyph(&self, c: char) -> u16 {
        self.parsed.lookup_glyph_index(u32::from(c)).unwrap_or(0)
    }

    /// Width of `text` at `size` points, in points (as a PDF reader lays it out from the
    /// `/W` array, whose widths are whole thousandths of an em).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let upem = f32::from(self.parsed.units_per_em);
        let thousandths: i64 = text
            .chars()
            .map(|c| {
                let w = self.parsed.get_glyph_width(self.glyph(c)).unwrap_or(0);
                // Truncated like printpdf's `/W` entries.
                (f32::from(w) * 1000.0 / upem) as i64
            })
            .sum();
        thousandths as f32 * size / 1000.0
    }

    /// Whether the face can draw `c` (everything else prints as a box).
    pub fn has(&self, c: char) -> bool {
        self.glyph(c) != 0
    }

    /// A face with only the glyphs of `chars`, ready for `PdfDocument` resources.
    pub fn subset(&self, chars: &BTreeSet<char>) -> Result<ParsedFont, FontError> {
        let wanted: BTreeSet<u16> = chars
            .iter()
            .map(|c| self.glyph(*c))
            .filter(|g| *g != 0)
            .collect();
        // .notdef first; allsorts numbers the subset's glyphs by their position here.
        let ids: Vec<u16> = std::iter::once(0).chain(wanted.iter().copied()).collect();
        let font = ReadScope::new(self.bytes)
            .read::<FontData<'_>>()
            .map_err(|e| FontError(e.to_string()))?;
        let provider = font
            .table_provider(0)
            .map_err(|e| FontError(e.to_string()))?;
        let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| FontError(e.to_string()))?;
        let new_id: BTreeMap<u16, u16> = ids
            .iter()
            .enumerate()
            .map(|(i, g)| (*g, u16::try_from(i).unwrap_or(0)))
            .collect();
        let codepoint_to_glyph = chars
            .iter()
            .filter_map(|c| {
                let g = new_id.get(&self.glyph(*c)).copied().filter(|g| *g != 0)?;
                Some((u32::from(*c), g))
            })
            .collect();
        let glyph_widths = ids
            .iter()
            .enumerate()
            .map(|(i, g)| {
                (
                    u16::try_from(i).unwrap_or(0),
                    self.parsed.get_glyph_width(*g).unwrap_or(0),
                )
            })
            .collect();
        Ok(ParsedFont {
            original_bytes: bytes,
            font_index: 0,
            font_name: Some(format!("{}+{}", tag(&ids), self.weight.ps_name())),
            codepoint_to_glyph,
            glyph_widths,
            units_per_em: self.parsed.units_per_em,
            font_metrics: self.parsed.font_metrics.clone(),
            font_type: self.parsed.font_type,
            pdf_font_metrics: self.parsed.pdf_font_metrics.clone(),
        })
    }
}

/// Six capital letters from the glyph set (FNV-1a): the subset tag of the font's name.
fn tag(ids: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for id in ids {
        for b in id.to_be_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| {
            let letter = ((h >> (i * 5)) % 26) as u8;
            char::from(b'A' + letter)
        })
        .collect()
}
