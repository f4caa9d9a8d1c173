//! Invoice and credit-note PDFs in the customer's language: the model of one document
//! ([`model`]), read from the database ([`load`]), drawn with printpdf ([`render`] on a
//! [`canvas`], placed by [`layout`]) in an embedded, subset DejaVu Sans ([`font`]), with the
//! payment slip's machine-readable line in OCR-B ([`scanline`]), written deterministically
//! ([`pdf`]); and the print shop's batch of many in one file ([`batch`]).

pub mod batch;
pub mod canvas;
pub mod company;
pub mod font;
pub mod layout;
pub mod load;
pub mod model;
pub mod pdf;
pub mod render;
pub mod sample;
pub mod scanline;
pub mod text;

#[cfg(test)]
mod tests;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::services::Services;

/// A finished PDF and the file name to offer it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPdf {
    /// The file.
    pub bytes: Vec<u8>,
    /// E.g. `faktura-1000123.pdf`, `invoice-1000123.pdf`, `kreditfaktura-1000124.pdf`.
    pub file_name: String,
}

fn file_name(doc: &model::Document) -> String {
    let title = text::title(&text::Words::of(doc), doc)
        .to_lowercase()
        .replace(' ', "-");
    format!("{title}-{}.pdf", doc.number)
}

/// Renders an already loaded document.
pub fn render(doc: &model::Document) -> Result<RenderedPdf, AppError> {
    let bytes = pdf::write(doc).map_err(|e| internal(&e))?;
    Ok(RenderedPdf {
        bytes,
        file_name: file_name(doc),
    })
}

/// [`render`] on tokio's blocking pool: a page takes milliseconds of CPU, which must not hold
/// up the other requests sharing this worker thread.
async fn render_off_thread(doc: model::Document) -> Result<RenderedPdf, AppError> {
    tokio::task::spawn_blocking(move || render(&doc))
        .await
        .map_err(|e| internal(&e))?
}

pub(crate) fn internal(e: &dyn std::fmt::Display) -> AppError {
    let correlation_id = crate::request::request_id();
    tracing::error!(%correlation_id, error = %e, "document rendering failed");
    AppError::Internal { correlation_id }
}

/// The PDF of invoice `invoice_id` in its stored language (or `lang`). `None` when there is
/// no such invoice. Callers check who may see it (merchant scope, staff role) first.
pub async fn render_invoice_pdf(
    services: &Services,
    invoice_id: uuid::Uuid,
    lang: Option<Lang>,
) -> Result<Option<RenderedPdf>, AppError> {
    match load::invoice(&services.kdb, invoice_id, lang).await? {
        Some(doc) => render_off_thread(doc).await.map(Some),
        None => Ok(None),
    }
}

/// The PDF of the credit note of refund `refund_id`, like [`render_invoice_pdf`].
pub async fn render_credit_note_pdf(
    services: &Services,
    refund_id: uuid::Uuid,
    lang: Option<Lang>,
) -> Result<Option<RenderedPdf>, AppError> {
    match load::credit_note(&services.kdb, refund_id, lang).await? {
        Some(doc) => render_off_thread(doc).await.map(Some),
        None => Ok(None),
    }
}
