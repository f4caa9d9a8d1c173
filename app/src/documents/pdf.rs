//! Assembles the PDF file: subset fonts, fixed dates and a document id from the invoice id,
//! compressed streams — the same document always gives the same bytes.

use chrono::{Datelike, NaiveDate};
use printpdf::{Date, DateTime, Offset, PdfDocument, PdfFont, PdfPage, PdfSaveOptions, Time};

use super::canvas::{font_id, Used};
use super::font::{FontError, Weight};
use super::model::Document;
use super::text::{self, Words};

/// Why a PDF could not be written (never an input problem: a bug or a broken font).
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Subsetting failed.
    #[error(transparent)]
    Font(#[from] FontError),
    /// Writing the file failed.
    #[error("writing the PDF: {0}")]
    Write(String),
}

fn pdf_date(date: NaiveDate) -> DateTime {
    DateTime::new_in_offset(
        Date {
            year: date.year(),
            month: u8::try_from(date.month()).unwrap_or(1),
            day: u8::try_from(date.day()).unwrap_or(1),
        },
        Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    )
}

/// The lopdf document of `doc` (before compression), for [`write`] and the print batch.
pub fn build(doc: &Document) -> Result<lopdf::Document, PdfError> {
    let (pages, used) = super::render::pages(doc);
    build_pages(doc, pages, &used)
}

fn build_pages(
    doc: &Document,
    pages: Vec<PdfPage>,
    used: &Used,
) -> Result<lopdf::Document, PdfError> {
    let w = Words::of(doc);
    let title = format!("{} {}", text::title(&w, doc), doc.number);
    let mut pdf = PdfDocument::new(&title);
    let info = &mut pdf.metadata.info;
    info.creation_date = pdf_date(doc.date);
    info.modification_date = pdf_date(doc.date);
    info.metadata_date = pdf_date(doc.date);
    info.author = super::company::get().name.clone();
    info.creator = "Kreditor".to_string();
    info.producer = "Kreditor (printpdf)".to_string();
    info.identifier = doc.id.to_string();
    for weight in Weight::ALL {
        let chars = used.of(weight);
        if chars.is_empty() {
            continue;
        }
        let font = weight.face().subset(chars)?;
        pdf.resources
            .fonts
            .map
            .insert(font_id(weight), PdfFont::new(font));
    }
    pdf.pages = pages;
    let opts = PdfSaveOptions {
        optimize: true,
        // Subset already: printpdf's own subsetting needs its text_layout feature.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    // printpdf draws the trailer /ID from a process-wide counter: use the invoice's id.
    let id = lopdf::Object::String(doc.id.as_bytes().to_vec(), lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    Ok(lo)
}

/// The finished file of `doc`.
pub fn write(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let mut lo = build(doc)?;
    lo.compress();
    let mut out = Vec::with_capacity(32 * 1024);
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}
