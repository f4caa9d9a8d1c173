//! The print shop's batch: many documents in one PDF, in address order (postal code, then
//! name), with a CSV manifest saying where each begins and ends.
//!
//! Streaming: each document is rendered on its own, its objects renumbered into the batch's
//! number space and written out at once; only the byte offset of every object and the page
//! ids stay in memory (a few bytes per page), so 10,000 invoices take as much memory as one.
//! Each document keeps its own font subset, so a batch costs what its single PDFs cost.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::model::Document;
use super::pdf::{self, PdfError};

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
        AddressKey {
            postal_code: doc.recipient.postal_code.replace(' ', ""),
            name: doc.recipient.name.to_lowercase(),
            number: doc.number,
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
        Ok(BatchWriter {
            out,
            manifest,
            // Object 0 is the free-list head; 1 and 2 are written at the end.
            offsets: vec![0, 0, 0],
            kids: Vec::new(),
            sequence: 0,
        })
    }

    /// Renders `doc` and appends its pages.
    pub fn add(&mut self, doc: &Document) -> Result<(), PdfError> {
        let mut lo = pdf::build(doc)?;
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
        for (id, object) in lo.objects.iter_mut() {
            if skip.contains(&Some(*id)) {
                continue;
            }
            if pages.contains(id) {
                if let Object::Dictionary(d) = object {
                    d.set("Parent", Object::Reference((PAGES, 0)));
                }
            }
            let n = id.0 as usize;
            if self.offsets.len() <= n {
                self.offsets.resize(n + 1, 0);
            }
            self.offsets[n] = self.out.written;
            writeln!(self.out, "{} 0 obj", id.0).map_err(io)?;
            write_object(&mut self.out, object).map_err(io)?;
            self.out.write_all(b"\nendobj\n").map_err(io)?;
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
