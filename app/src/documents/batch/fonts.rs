//! One font subset per batch instead of one per document.
//!
//! A one-page invoice is ~35 KB, and ~30 KB of that is its font subsets: a batch of 10,000
//! single PDFs glued together would be ~350 MB of the same glyphs over and over. The batch
//! instead embeds each face (DejaVu Sans, its bold, and the slips' OCR-B) once, subset to
//! every character a batch can draw that the face has (the six languages' document labels,
//! the numbers and punctuation they format, ASCII, Latin-1 and Latin Extended-A for names and
//! streets, and the scan lines' digits and marks), and every page's `/Font` resource points at
//! those three objects. Documents are drawn against a stand-in face with the same glyph numbering but
//! no font program, so printpdf encodes the text for the shared subset and embeds nothing.
//!
//! A document that draws a character outside the shared set (a Cyrillic or Greek name, say)
//! keeps its own per-document subset, exactly as a single PDF: it renders right at the cost
//! of its own fonts.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use lopdf::{Dictionary, Object, ObjectId};
use printpdf::{Mm, ParsedFont, PdfDocument, PdfFont, PdfPage, PdfSaveOptions};

use super::super::canvas::{font_id, Canvas, Used};
use super::super::font::{FontError, Weight};
use super::super::pdf::PdfError;
use crate::i18n::Lang;

/// The label files: every character of every language's document words (a superset: ids
/// and comments are ASCII anyway).
const LABELS: [&str; 6] = [
    include_str!("../../../../locales/sv/documents.ftl"),
    include_str!("../../../../locales/en/documents.ftl"),
    include_str!("../../../../locales/nb/documents.ftl"),
    include_str!("../../../../locales/fi/documents.ftl"),
    include_str!("../../../../locales/da/documents.ftl"),
    include_str!("../../../../locales/de/documents.ftl"),
];

/// Punctuation that formatting and names bring beyond Latin-1: dashes, quotes, `…`, `‰`,
/// narrow and figure spaces (CLDR group separators), `−` (CLDR minus), `€`.
const EXTRA: &str = "\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2018}\u{2019}\u{201a}\u{201c}\
    \u{201d}\u{201e}\u{2020}\u{2021}\u{2022}\u{2026}\u{2030}\u{2039}\u{203a}\u{2007}\u{2009}\
    \u{202f}\u{2212}\u{20ac}\u{2122}";

/// Every character a batch page may draw without a font of its own.
fn batch_chars() -> BTreeSet<char> {
    let mut chars: BTreeSet<char> = (' '..='~').collect();
    chars.extend('\u{a0}'..='\u{17f}');
    chars.extend(EXTRA.chars());
    for file in LABELS {
        chars.extend(file.chars().filter(|c| !c.is_control()));
    }
    // What the formatting of amounts, dates and rates produces in each language.
    for lang in Lang::ALL {
        for doc in [
            super::super::sample::invoice(lang),
            super::super::sample::credit_note(lang),
        ] {
            let (_, used) = super::super::render::pages(&doc);
            for weight in Weight::ALL {
                chars.extend(used.of(weight).iter());
            }
        }
    }
    chars
}

/// One weight's shared subset: the face (glyph numbering, widths, program) and the same
/// without its program, for drawing documents against.
struct SharedFace {
    chars: BTreeSet<char>,
    full: ParsedFont,
    stand_in: ParsedFont,
}

/// Every face's shared subset, made once per process.
pub struct SharedFonts {
    faces: BTreeMap<Weight, SharedFace>,
}

static SHARED: LazyLock<Result<SharedFonts, String>> =
    LazyLock::new(|| SharedFonts::make().map_err(|e| e.to_string()));

impl SharedFonts {
    fn make() -> Result<SharedFonts, FontError> {
        let wanted = batch_chars();
        let mut faces = BTreeMap::new();
        for weight in Weight::ALL {
            let face = weight.face();
            // Only what the face can draw: the canvas prints anything else as `?`.
            let chars: BTreeSet<char> = wanted.iter().copied().filter(|c| face.has(*c)).collect();
            let full = face.subset(&chars)?;
            let stand_in = ParsedFont {
                original_bytes: Vec::new(),
                ..full.clone()
            };
            faces.insert(
                weight,
                SharedFace {
                    chars,
                    full,
                    stand_in,
                },
            );
        }
        Ok(SharedFonts { faces })
    }

    /// The process's shared subsets.
    pub fn get() -> Result<&'static SharedFonts, PdfError> {
        SHARED
            .as_ref()
            .map_err(|e| PdfError::Write(format!("the batch's shared font subset: {e}")))
    }

    /// Whether every character `used` draws is in the shared subsets.
    pub fn covers(&self, used: &Used) -> bool {
        Weight::ALL.iter().all(|w| {
            self.faces
                .get(w)
                .is_some_and(|f| used.of(*w).is_subset(&f.chars))
        })
    }

    /// A lopdf document of `pages` whose fonts are stand-ins (no program): the caller
    /// removes them and points the pages at the shared fonts.
    pub fn document(&self, pages: Vec<PdfPage>, used: &Used) -> lopdf::Document {
        let mut pdf = PdfDocument::new("");
        for weight in Weight::ALL {
            if used.of(weight).is_empty() {
                continue;
            }
            if let Some(face) = self.faces.get(&weight) {
                pdf.resources
                    .fonts
                    .map
                    .insert(font_id(weight), PdfFont::new(face.stand_in.clone()));
            }
        }
        pdf.pages = pages;
        to_lopdf(&pdf)
    }

    /// The shared font objects as a small lopdf document of their own (compressed), and the
    /// ids of its font dictionaries in it by resource name.
    pub fn objects(&self) -> (lopdf::Document, Vec<(Vec<u8>, ObjectId)>) {
        // A page drawing every shared character makes printpdf write complete /W widths and
        // /ToUnicode maps for the subsets.
        let mut used = Used::default();
        let mut ops = Vec::new();
        for weight in Weight::ALL {
            if let Some(face) = self.faces.get(&weight) {
                let text: String = face.chars.iter().collect();
                let mut c = Canvas::new(&mut used);
                c.text(weight, 10.0, 10.0, 10.0, &text);
                ops.extend(c.ops);
            }
        }
        let mut pdf = PdfDocument::new("");
        for weight in Weight::ALL {
            if let Some(face) = self.faces.get(&weight) {
                pdf.resources
                    .fonts
                    .map
                    .insert(font_id(weight), PdfFont::new(face.full.clone()));
            }
        }
        pdf.pages = vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)];
        let mut lo = to_lopdf(&pdf);
        lo.compress();
        let fonts = font_refs(&lo);
        let keep: BTreeSet<ObjectId> = fonts
            .iter()
            .flat_map(|(_, id)| reachable(&lo, *id))
            .collect();
        lo.objects.retain(|id, _| keep.contains(id));
        (lo, fonts)
    }
}

fn to_lopdf(pdf: &PdfDocument) -> lopdf::Document {
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    // Stand-ins have no program: printpdf warns that it embeds none, which is the point.
    let mut warnings = Vec::new();
    pdf.to_lopdf_document(&opts, &mut warnings)
}

/// The id of the `/Font` resource dictionary of `lo`'s pages (printpdf shares one).
pub fn font_dict_id(lo: &lopdf::Document) -> Option<ObjectId> {
    let page = lo.page_iter().next()?;
    let page = lo.get_dictionary(page).ok()?;
    let resources = match page.get(b"Resources").ok()? {
        Object::Reference(id) => lo.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    resources.get(b"Font").and_then(Object::as_reference).ok()
}

/// The fonts of `lo`'s pages: resource name and font dictionary id.
pub fn font_refs(lo: &lopdf::Document) -> Vec<(Vec<u8>, ObjectId)> {
    let Some(dict) = font_dict_id(lo).and_then(|id| lo.get_dictionary(id).ok()) else {
        return Vec::new();
    };
    dict.iter()
        .filter_map(|(name, v)| Some((name.clone(), v.as_reference().ok()?)))
        .collect()
}

/// `root` and every object it refers to, directly or not.
pub fn reachable(lo: &lopdf::Document, root: ObjectId) -> BTreeSet<ObjectId> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![root];
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Ok(object) = lo.get_object(id) {
            refs(object, &mut todo);
        }
    }
    seen
}

fn refs(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| refs(o, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, o)| refs(o, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, o)| refs(o, out)),
        _ => {}
    }
}

/// Rewrites every reference in `object` through `map` (ids not in it stay).
pub fn remap(object: &mut Object, map: &BTreeMap<ObjectId, ObjectId>) {
    match object {
        Object::Reference(id) => {
            if let Some(new) = map.get(id) {
                *id = *new;
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|o| remap(o, map)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| remap(o, map)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| remap(o, map)),
        _ => {}
    }
}

/// A one-line resource dictionary `<</F1 a 0 R /F2 b 0 R>>`.
pub fn resource_dict(fonts: &[(Vec<u8>, ObjectId)]) -> Dictionary {
    let mut d = Dictionary::new();
    for (name, id) in fonts {
        d.set(name.clone(), Object::Reference(*id));
    }
    d
}
