//! The documents checked the way a reader sees them: `qpdf --check`, `pdffonts` (embedded
//! and subset), `pdftotext` (numbers, reference, locale-formatted total, the language's
//! letters, the slip's scan line and where it sits), snapshots of the text per language,
//! byte-identical re-renders, multi-page carry, and the Finnish barcode read back by zbar.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::batch::{AddressKey, BatchWriter};
use super::model::Document;
use super::scanline::{self, ScanLine};
use super::{render, sample};
use crate::i18n::Lang;

/// A file in this test process's own temporary folder (also for the batch tests).
pub(super) fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kreditor-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn write(name: &str, doc: &Document) -> (PathBuf, Vec<u8>) {
    let pdf = render(doc).unwrap();
    let path = tmp(name);
    std::fs::write(&path, &pdf.bytes).unwrap();
    (path, pdf.bytes)
}

/// Runs a tool (qpdf, poppler) and returns its output; fails the test when it fails.
pub(super) fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text of the PDF (or one page), no-break spaces as spaces, trailing blanks trimmed.
fn text(path: &Path, page: Option<usize>) -> String {
    let p = path.to_str().unwrap();
    let mut args = vec!["-layout", "-enc", "UTF-8"];
    let n = page.map(|n| n.to_string());
    if let Some(n) = &n {
        args.extend(["-f", n, "-l", n]);
    }
    args.extend([p, "-"]);
    run("pdftotext", &args)
        .replace('\u{a0}', " ")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn page_count(path: &Path) -> usize {
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

fn letters(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Sv | Lang::En => &["Åsa Öström", "Västerås", "Läderväska"],
        Lang::Nb => &["Bjørn Ærø", "Tromsø", "Beløp", "blå"],
        Lang::Da => &["Søren Ægidius", "Århus", "Beløb", "grå"],
        Lang::Fi => &["Äijä Hämäläinen", "Eräpäivä", "Määrä"],
        Lang::De => &["Jürgen Groß", "Übergröße", "Fälligkeitsdatum"],
    }
}

#[test]
fn every_language_renders_a_valid_subset_extractable_invoice() {
    for lang in Lang::ALL {
        let doc = sample::invoice(lang);
        let (path, bytes) = write(&format!("invoice-{}.pdf", lang.code()), &doc);
        let p = path.to_str().unwrap();
        run("qpdf", &["--check", p]);
        let fonts = run("pdffonts", &[p]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(rows.len(), 3, "{fonts}");
        assert!(
            rows.iter()
                .any(|r| r.get(6..).is_some_and(|n| n.starts_with("+OCRB "))),
            "no OCR-B subset: {fonts}"
        );
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let name = cols[0];
            assert!(
                name.len() > 7
                    && name.as_bytes()[6] == b'+'
                    && name[..6].bytes().all(|b| b.is_ascii_uppercase()),
                "not a subset name: {row}"
            );
            // name type encoding emb sub uni object ID
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
        }
        let t = text(&path, None);
        let total = crate::money::Money::from_minor(doc.total, doc.currency)
            .format(lang)
            .replace('\u{a0}', " ");
        for needle in [doc.number.to_string(), doc.reference.clone(), total] {
            assert!(t.contains(&needle), "{lang:?}: {needle:?} missing in\n{t}");
        }
        for needle in letters(lang) {
            assert!(t.contains(needle), "{lang:?}: {needle:?} missing in\n{t}");
        }
        let scan = match scanline::for_document(&doc) {
            Some(ScanLine::Text(line) | ScanLine::Barcode(line)) => line,
            None => panic!("{lang:?}: the sample invoice has no scan line"),
        };
        assert!(
            squeeze(&t).contains(&squeeze(&scan)),
            "{lang:?}: scan line {scan:?} missing in\n{t}"
        );
        assert!(
            bytes.len() <= 40 * 1024,
            "{lang:?}: {} bytes for one page",
            bytes.len()
        );
        insta::assert_snapshot!(format!("invoice_text_{}", lang.code()), t);
    }
}

#[test]
fn the_same_document_renders_to_the_same_bytes() {
    for lang in [Lang::Sv, Lang::Nb, Lang::Fi, Lang::Da] {
        let doc = sample::invoice(lang);
        let a = render(&doc).unwrap().bytes;
        let _other = render(&sample::invoice(Lang::De)).unwrap();
        let b = render(&doc).unwrap().bytes;
        assert!(a == b, "{lang:?}: two renders differ");
    }
}

#[test]
fn a_credit_note_names_the_invoice_it_credits() {
    let doc = sample::credit_note(Lang::Sv);
    let (path, _) = write("credit-sv.pdf", &doc);
    run("qpdf", &["--check", path.to_str().unwrap()]);
    let t = text(&path, None);
    assert!(t.contains("KREDITFAKTURA"), "{t}");
    assert!(
        t.contains("Krediterar faktura 1000123 av 2026-11-27"),
        "{t}"
    );
    assert!(!t.contains("Att betala"), "{t}");
    // No payment slip on a credit note: no scan line, no OCR-B.
    assert!(!t.contains("#41#"), "{t}");
    let fonts = run("pdffonts", &[path.to_str().unwrap()]);
    assert!(!fonts.contains("OCRB"), "{fonts}");
    assert_eq!(render(&doc).unwrap().file_name, "kreditfaktura-1000124.pdf");
}

#[test]
fn a_long_invoice_carries_its_totals_over_numbered_pages() {
    let doc = sample::invoice_with_lines(Lang::Sv, 120);
    let (path, _) = write("long-sv.pdf", &doc);
    run("qpdf", &["--check", path.to_str().unwrap()]);
    let slip = super::scanline::for_document(&doc).is_some();
    let plans = super::layout::paginate(doc.lines.len(), doc.vat.len(), slip);
    let pages = plans.len();
    assert!(pages >= 3, "{pages} pages");
    assert_eq!(page_count(&path), pages);
    let w = super::text::Words::of(&doc);
    let mut running = 0;
    for (i, plan) in plans.iter().enumerate() {
        let t = text(&path, Some(i + 1));
        assert!(
            t.contains(&format!("Sida {} av {pages}", i + 1)),
            "page {}:\n{t}",
            i + 1
        );
        if i > 0 {
            let brought = w.money(running).replace('\u{a0}', " ");
            let line = t.lines().find(|l| l.contains("Överfört")).unwrap_or("");
            assert!(
                line.contains(&brought),
                "page {}: {line:?} vs {brought}",
                i + 1
            );
        }
        running += doc.lines[plan.start..plan.end]
            .iter()
            .map(|l| l.amount)
            .sum::<i64>();
        if i + 1 < pages {
            let carried = w.money(running).replace('\u{a0}', " ");
            let line = t.lines().find(|l| l.contains("Att överföra")).unwrap_or("");
            assert!(
                line.contains(&carried),
                "page {}: {line:?} vs {carried}",
                i + 1
            );
        } else {
            let total = w.money(doc.total).replace('\u{a0}', " ");
            assert!(t.contains(&total), "last page lacks {total}:\n{t}");
        }
    }
    assert_eq!(running, doc.goods_total());
}

#[test]
fn a_batch_is_one_valid_pdf_in_address_order_with_a_manifest() {
    let mut docs: Vec<Document> = Lang::ALL.iter().map(|l| sample::invoice(*l)).collect();
    docs.push(sample::invoice_with_lines(Lang::Sv, 60));
    for (i, d) in docs.iter_mut().enumerate() {
        d.number += i as i64;
    }
    docs.sort_by_key(AddressKey::of);
    let path = tmp("batch.pdf");
    let mut manifest = Vec::new();
    let file = std::fs::File::create(&path).unwrap();
    let mut batch = BatchWriter::new(std::io::BufWriter::new(file), &mut manifest).unwrap();
    for d in &docs {
        batch.add(d).unwrap();
    }
    let (count, pages) = batch.finish().unwrap();
    assert_eq!(count, docs.len() as u64);
    run("qpdf", &["--check", path.to_str().unwrap()]);
    assert_eq!(page_count(&path), pages);
    let manifest = String::from_utf8(manifest).unwrap();
    let rows: Vec<&str> = manifest.lines().collect();
    assert_eq!(rows.len(), docs.len() + 1, "{manifest}");
    assert!(rows[0].starts_with("sequence,document_number,kind,page_from,page_to"));
    let postal: Vec<String> = rows[1..]
        .iter()
        .map(|r| r.split(',').nth(6).unwrap().replace(' ', ""))
        .collect();
    let mut sorted = postal.clone();
    sorted.sort();
    assert_eq!(postal, sorted);
    // Each document's first page holds its own number.
    for row in &rows[1..] {
        let cols: Vec<&str> = row.split(',').collect();
        let t = text(&path, Some(cols[3].parse().unwrap()));
        assert!(t.contains(cols[1]), "page {} lacks {}", cols[3], cols[1]);
    }
}

/// Whitespace runs as one space (pdftotext -layout may widen or narrow the blanks between
/// fixed-position fields).
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words of page 1 with their bottom edge in mm from the page's bottom (`pdftotext -bbox`).
#[expect(
    clippy::float_arithmetic,
    reason = "page coordinates in points and millimetres"
)]
fn words_from_bottom(path: &Path) -> Vec<(String, f32)> {
    let html = run(
        "pdftotext",
        &["-bbox", "-f", "1", "-l", "1", path.to_str().unwrap(), "-"],
    );
    let page_h: f32 = html
        .split("<page ")
        .nth(1)
        .and_then(|p| p.split("height=\"").nth(1))
        .and_then(|h| h.split('"').next())
        .and_then(|h| h.parse().ok())
        .unwrap();
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let attr = |name: &str| -> f32 {
                l.split(&format!("{name}=\""))
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .and_then(|v| v.parse().ok())
                    .unwrap()
            };
            let word = l
                .split('>')
                .nth(1)
                .and_then(|w| w.split('<').next())
                .unwrap_or("")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            (word, (page_h - attr("yMax")) * 25.4 / 72.0)
        })
        .collect()
}

#[test]
fn each_countrys_scan_line_sits_alone_in_the_reading_zone_at_a_fixed_height() {
    use super::layout as l;
    for lang in [Lang::Sv, Lang::Nb, Lang::Da] {
        let doc = sample::invoice(lang);
        let Some(ScanLine::Text(line)) = scanline::for_document(&doc) else {
            panic!("{lang:?}: no text scan line");
        };
        let (path, _) = write(&format!("scan-{}.pdf", lang.code()), &doc);
        let words = words_from_bottom(&path);
        let (inside, outside): (Vec<_>, Vec<_>) = words
            .iter()
            .partition(|(_, bottom)| *bottom < l::READING_ZONE_TOP);
        // Every word of the line, and nothing else, in the zone, all on one baseline.
        let found: Vec<&str> = inside.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(found.join(" "), squeeze(&line), "{lang:?}");
        for (word, bottom) in &inside {
            // The bottom of the glyph box is the baseline less OCR-B's descent (0.336 em,
            // 1.2 mm at the line's size).
            assert!(
                (l::SCAN_Y - 1.5..=l::SCAN_Y - 0.9).contains(bottom),
                "{lang:?}: {word:?} bottom at {bottom} mm"
            );
        }
        assert!(!outside.is_empty());
    }
}

#[test]
fn the_finnish_barcode_decodes_to_the_printed_virtual_barcode() {
    let doc = sample::invoice(Lang::Fi);
    let Some(ScanLine::Barcode(digits)) = scanline::for_document(&doc) else {
        panic!("no Finnish barcode");
    };
    assert_eq!(digits.len(), 54);
    let (path, _) = write("barcode-fi.pdf", &doc);
    let t = text(&path, None);
    assert!(t.contains(&digits), "digits not printed:\n{t}");
    let png = tmp("barcode-fi");
    run(
        "pdftoppm",
        &[
            "-r",
            "300",
            "-png",
            "-singlefile",
            path.to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    );
    let decoded = run(
        "zbarimg",
        &[
            "--quiet",
            "--raw",
            "-Sdisable",
            "-Scode128.enable",
            &format!("{}.png", png.display()),
        ],
    );
    assert_eq!(decoded.trim(), digits);
    // The reading zone holds the labelled digits above the bars and no other word.
    let words = words_from_bottom(&path);
    let zone: Vec<&str> = words
        .iter()
        .filter(|(_, b)| *b < super::layout::READING_ZONE_TOP)
        .map(|(w, _)| w.as_str())
        .collect();
    assert_eq!(zone, vec!["Virtuaaliviivakoodi", digits.as_str()]);
}
