//! The print shop's batch: many documents in one PDF, in address order (postal code, then
//! name), with a CSV manifest saying where each begins and ends.
//!
//! Streaming: each document is rendered on its own, its objects renumbered into the batch's
//! number space and written out at once; only the byte offset of every object and the page
//! ids stay in memory (a few bytes per page), so 10,000 invoices take as much memory as one.
//! The fonts are embedded once per batch ([`fonts`]): every page refers to the same three
//! subsets (DejaVu Sans, its bold, OCR-B), so a page costs its content stream (a few KB), not
//! its font subsets (~30 KB).
//!
//! [`print_run`] selects invoices in the database, sorts them in address order and streams
//! them through a [`BatchWriter`].

mod fonts;
mod run;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::model::Document;
use super::pdf::{self, PdfError};
use fonts::SharedFonts;
pub use run::{print_run, PrintRun, Selection};

/// The sort key of a document in a batch.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AddressKey {
    /// Postal code without spaces (so `722 40` and `72240` sort together).
    pub postal_code: String,
    /// The recipient's name, lowercased.
    pub name: String,
    /// Tie-break: the document number.
    pub number: i64,
}

impl AddressKey {
    /// The key of `doc`.
    pub fn of(doc: &Document) -> AddressKey {
        AddressKey::new(&doc.recipient.postal_code, &doc.recipient.name, doc.number)
    }

    /// The key of a document to `name` at `postal_code` numbered `number`.
    pub fn new(postal_code: &str, name: &str, number: i64) -> AddressKey {
        AddressKey {
            postal_code: postal_code.replace(' ', ""),
            name: name.to_lowercase(),
            number,
        }
    }
}

/// Writes a batch PDF and its manifest; add documents in address order, then [`finish`].
///
/// [`finish`]: BatchWriter::finish
pub struct BatchWriter<W: Write, M: Write> {
    out: CountingWriter<W>,
    manifest: csv::Writer<M>,
    offsets: Vec<u64>,
    kids: Vec<u32>,
    sequence: u64,
    shared: &'static SharedFonts,
    /// `<</F1 3 0 R/F2 9 0 R>>`: the `/Font` resources of every page drawn in the shared fonts.
    font_resources: Dictionary,
    own_fonts: u64,
}

const CATALOG: u32 = 1;
const PAGES: u32 = 2;

struct CountingWriter<W: Write> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn io(e: impl std::fmt::Display) -> PdfError {
    PdfError::Write(e.to_string())
}

impl<W: Write, M: Write> BatchWriter<W, M> {
    /// Starts a batch writing the PDF to `out` and the manifest CSV to `manifest`.
    pub fn new(out: W, manifest: M) -> Result<Self, PdfError> {
        let mut out = CountingWriter {
            inner: out,
            written: 0,
        };
        out.write_all(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
            .map_err(io)?;
        let mut manifest = csv::Writer::from_writer(manifest);
        manifest
            .write_record([
                "sequence",
                "document_number",
                "kind",
                "page_from",
                "page_to",
                "country",
                "postal_code",
                "recipient",
            ])
            .map_err(io)?;
        let shared = SharedFonts::get()?;
        let mut batch = BatchWriter {
            out,
            manifest,
            // Object 0 is the free-list head; 1 and 2 are written at the end.
            offsets: vec![0, 0, 0],
            kids: Vec::new(),
            sequence: 0,
            shared,
            font_resources: Dictionary::new(),
            own_fonts: 0,
        };
        batch.write_shared_fonts()?;
        Ok(batch)
    }

    /// Writes the shared subsets once, as objects 3, 4, …
    fn write_shared_fonts(&mut self) -> Result<(), PdfError> {
        let (mut lo, fonts) = self.shared.objects();
        let first = u32::try_from(self.offsets.len()).map_err(io)?;
        let map: BTreeMap<ObjectId, ObjectId> = lo
            .objects
            .keys()
            .zip(first..)
            .map(|(old, new)| (*old, (new, 0)))
            .collect();
        for (old, object) in lo.objects.iter_mut() {
            fonts::remap(object, &map);
            let n = map.get(old).map_or(0, |id| id.0);
            self.write_numbered(n, object)?;
        }
        let fonts: Vec<(Vec<u8>, ObjectId)> = fonts
            .into_iter()
            .filter_map(|(name, id)| Some((name, *map.get(&id)?)))
            .collect();
        self.font_resources = fonts::resource_dict(&fonts);
        Ok(())
    }

    fn write_numbered(&mut self, n: u32, object: &Object) -> Result<(), PdfError> {
        let i = n as usize;
        if self.offsets.len() <= i {
            self.offsets.resize(i + 1, 0);
        }
        self.offsets[i] = self.out.written;
        writeln!(self.out, "{n} 0 obj").map_err(io)?;
        write_object(&mut self.out, object).map_err(io)?;
        self.out.write_all(b"\nendobj\n").map_err(io)?;
        Ok(())
    }

    /// Documents that drew a character outside the shared subsets and so carry fonts of
    /// their own.
    pub fn own_fonts(&self) -> u64 {
        self.own_fonts
    }

    /// The lopdf document of `doc`: drawn in the shared fonts (its own font objects
    /// removed), or, when it needs a character they lack, with its own subsets.
    fn document(&mut self, doc: &Document) -> Result<(lopdf::Document, bool), PdfError> {
        let (pages, used) = super::render::pages(doc);
        if !self.shared.covers(&used) {
            self.own_fonts += 1;
            return Ok((pdf::build(doc)?, false));
        }
        let mut lo = self.shared.document(pages, &used);
        if let Some(dict) = fonts::font_dict_id(&lo) {
            let drop: BTreeSet<ObjectId> = fonts::reachable(&lo, dict);
            lo.objects.retain(|id, _| !drop.contains(id));
        }
        Ok((lo, true))
    }

    /// Renders `doc` and appends its pages.
    pub fn add(&mut self, doc: &Document) -> Result<(), PdfError> {
        let (mut lo, shared) = self.document(doc)?;
        lo.compress();
        let first = u32::try_from(self.offsets.len()).map_err(io)?;
        lo.renumber_objects_with(first);
        let catalog = lo.trailer.get(b"Root").and_then(Object::as_reference).ok();
        let info = lo.trailer.get(b"Info").and_then(Object::as_reference).ok();
        let pages_root = catalog
            .and_then(|c| lo.get_dictionary(c).ok())
            .and_then(|c| c.get(b"Pages").and_then(Object::as_reference).ok());
        let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
        let page_from = self.kids.len() + 1;
        let skip = [catalog, info, pages_root];
        // The pages' resource dictionaries, whose /Font now points at the shared fonts.
        let resources: Vec<ObjectId> = pages
            .iter()
            .filter_map(|p| lo.get_dictionary(*p).ok())
            .filter_map(|p| p.get(b"Resources").and_then(Object::as_reference).ok())
            .collect();
        for (id, object) in lo.objects.iter_mut() {
            if skip.contains(&Some(*id)) {
                continue;
            }
            if pages.contains(id) {
                if let Object::Dictionary(d) = object {
                    d.set("Parent", Object::Reference((PAGES, 0)));
                }
            }
            if shared && resources.contains(id) {
                if let Object::Dictionary(d) = object {
                    d.set("Font", Object::Dictionary(self.font_resources.clone()));
                }
            }
            self.write_numbered(id.0, object)?;
        }
        self.kids.extend(pages.iter().map(|p| p.0));
        self.sequence += 1;
        let kind = match doc.kind {
            super::model::DocumentKind::Invoice => "invoice",
            super::model::DocumentKind::CreditNote { .. } => "credit_note",
        };
        self.manifest
            .write_record([
                self.sequence.to_string(),
                doc.number.to_string(),
                kind.to_string(),
                page_from.to_string(),
                self.kids.len().to_string(),
                doc.country.code().to_string(),
                doc.recipient.postal_code.clone(),
                doc.recipient.name.clone(),
            ])
            .map_err(io)?;
        Ok(())
    }

    /// Writes the page tree, catalog, cross-reference table and trailer. Returns the number of
    /// documents and pages.
    pub fn finish(mut self) -> Result<(u64, usize), PdfError> {
        let kids: Vec<Object> = self
            .kids
            .iter()
            .map(|k| Object::Reference((*k, 0)))
            .collect();
        let pages = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Count", Object::Integer(self.kids.len() as i64)),
            ("Kids", Object::Array(kids)),
        ]);
        self.offsets[PAGES as usize] = self.out.written;
        writeln!(self.out, "{PAGES} 0 obj").map_err(io)?;
        write_object(&mut self.out, &Object::Dictionary(pages)).map_err(io)?;
        self.out.write_all(b"\nendobj\n").map_err(io)?;
        self.offsets[CATALOG as usize] = self.out.written;
        write!(
            self.out,
            "{CATALOG} 0 obj\n<</Type/Catalog/Pages {PAGES} 0 R>>\nendobj\n"
        )
        .map_err(io)?;
        let xref = self.out.written;
        write!(self.out, "xref\n0 {}\n", self.offsets.len()).map_err(io)?;
        self.out.write_all(b"0000000000 65535 f \n").map_err(io)?;
        for off in &self.offsets[1..] {
            if *off == 0 {
                // A number freed by a skipped catalog/info of a document.
                self.out.write_all(b"0000000000 65535 f \n").map_err(io)?;
            } else {
                writeln!(self.out, "{off:010} 00000 n ").map_err(io)?;
            }
        }
        write!(
            self.out,
            "trailer\n<</Size {}/Root {CATALOG} 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len()
        )
        .map_err(io)?;
        self.out.flush().map_err(io)?;
        self.manifest.flush().map_err(io)?;
        Ok((self.sequence, self.kids.len()))
    }
}

/// Writes one PDF object (lopdf keeps its own writer private).
fn write_object(w: &mut dyn Write, object: &Object) -> std::io::Result<()> {
    match object {
        Object::Null => w.write_all(b"null"),
        Object::Boolean(b) => w.write_all(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => write!(w, "{i}"),
        Object::Real(r) => write!(w, "{r}"),
        Object::Name(n) => write_name(w, n),
        Object::String(s, StringFormat::Literal) | Object::String(s, StringFormat::Hexadecimal) => {
            w.write_all(b"<")?;
            for b in s {
                write!(w, "{b:02X}")?;
            }
            w.write_all(b">")
        }
        Object::Array(items) => {
            w.write_all(b"[")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    w.write_all(b" ")?;
                }
                write_object(w, item)?;
            }
            w.write_all(b"]")
        }
        Object::Dictionary(d) => write_dict(w, d),
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", Object::Integer(s.content.len() as i64));
            write_dict(w, &dict)?;
            w.write_all(b"\nstream\n")?;
            w.write_all(&s.content)?;
            w.write_all(b"\nendstream")
        }
        Object::Reference((id, gen)) => write!(w, "{id} {gen} R"),
    }
}

fn write_dict(w: &mut dyn Write, d: &Dictionary) -> std::io::Result<()> {
    w.write_all(b"<<")?;
    for (key, value) in d.iter() {
        write_name(w, key)?;
        w.write_all(b" ")?;
        write_object(w, value)?;
    }
    w.write_all(b">>")
}

fn write_name(w: &mut dyn Write, name: &[u8]) -> std::io::Result<()> {
    w.write_all(b"/")?;
    for &b in name {
        if b.is_ascii_alphanumeric() || b"-_.+".contains(&b) {
            w.write_all(&[b])?;
        } else {
            write!(w, "#{b:02X}")?;
        }
    }
    Ok(())
}
