//! The batch's shared fonts: embedded once, every page readable, a document with a character
//! outside them still right (with its own subset), and much smaller than single PDFs.

use std::path::PathBuf;

use super::super::model::Document;
use super::super::tests::{run, tmp};
use super::super::{render, sample};
use super::{AddressKey, BatchWriter};
use crate::i18n::Lang;

/// Writes `docs` as one batch; the file, its manifest and the writer's counts.
fn batch(name: &str, docs: &[Document]) -> (PathBuf, String, u64) {
    let path = tmp(name);
    let mut manifest = Vec::new();
    let file = std::fs::File::create(&path).unwrap();
    let mut b = BatchWriter::new(std::io::BufWriter::new(file), &mut manifest).unwrap();
    for d in docs {
        b.add(d).unwrap();
    }
    let own = b.own_fonts();
    b.finish().unwrap();
    (path, String::from_utf8(manifest).unwrap(), own)
}

/// `pdffonts` rows: (name, embedded, subset, unicode).
fn fonts(path: &std::path::Path) -> Vec<(String, String, String, String)> {
    run("pdffonts", &[path.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(|row| {
            let c: Vec<&str> = row.split_whitespace().collect();
            let n = c.len();
            (
                c[0].to_string(),
                c[n - 5].to_string(),
                c[n - 4].to_string(),
                c[n - 3].to_string(),
            )
        })
        .collect()
}

#[test]
fn a_batch_embeds_each_font_once_and_every_page_reads_right() {
    let mut docs: Vec<Document> = Vec::new();
    for (i, lang) in Lang::ALL.iter().cycle().take(24).enumerate() {
        let mut d = if i % 7 == 3 {
            sample::credit_note(*lang)
        } else {
            sample::invoice_with_lines(*lang, 3 + i % 3)
        };
        d.number += i as i64 * 2;
        docs.push(d);
    }
    docs.sort_by_key(AddressKey::of);
    let (path, manifest, own) = batch("shared.pdf", &docs);
    assert_eq!(own, 0);
    let p = path.to_str().unwrap();
    run("qpdf", &["--check", p]);
    let f = fonts(&path);
    // DejaVu Sans, its bold and the slips' OCR-B: each once for the whole batch.
    assert_eq!(f.len(), 3, "{f:?}");
    assert!(f.iter().any(|(name, ..)| name.ends_with("+OCRB")), "{f:?}");
    for (name, emb, sub, uni) in &f {
        assert_eq!(
            (emb.as_str(), sub.as_str(), uni.as_str()),
            ("yes", "yes", "yes")
        );
        assert_eq!(name.as_bytes()[6], b'+', "{name}");
    }
    for (row, doc) in manifest.lines().skip(1).zip(&docs) {
        let page = row.split(',').nth(3).unwrap();
        let t = run(
            "pdftotext",
            &["-f", page, "-l", page, "-enc", "UTF-8", p, "-"],
        );
        assert!(t.contains(&doc.number.to_string()), "page {page}: {t}");
        assert!(t.contains(&doc.recipient.name), "page {page}: {t}");
        if doc.due_date.is_some() {
            assert!(t.contains(&doc.reference), "page {page}: {t}");
        }
    }
    // A page costs its content, not a font: far below a single PDF each.
    let size = std::fs::metadata(&path).unwrap().len();
    let single: usize = docs.iter().map(|d| render(d).unwrap().bytes.len()).sum();
    assert!(
        size * 3 < single as u64,
        "batch {size} bytes vs {single} as single PDFs"
    );
}

#[test]
fn a_name_outside_the_shared_fonts_keeps_its_own_subset() {
    let mut odd = sample::invoice(Lang::En);
    odd.recipient.name = "Дмитрий Ωμέγα".into();
    odd.number += 1;
    let docs = vec![sample::invoice(Lang::Sv), odd, sample::invoice(Lang::Fi)];
    let (path, manifest, own) = batch("own.pdf", &docs);
    assert_eq!(own, 1);
    let p = path.to_str().unwrap();
    run("qpdf", &["--check", p]);
    // The three shared faces, and the odd invoice's own three subsets.
    assert_eq!(fonts(&path).len(), 6);
    let page = manifest.lines().nth(2).unwrap().split(',').nth(3).unwrap();
    let t = run(
        "pdftotext",
        &["-f", page, "-l", page, "-enc", "UTF-8", p, "-"],
    );
    assert!(t.contains("Дмитрий Ωμέγα"), "{t}");
    let last = run(
        "pdftotext",
        &["-f", "3", "-l", "3", "-enc", "UTF-8", p, "-"],
    );
    assert!(last.contains("Äijä Hämäläinen"), "{last}");
}
