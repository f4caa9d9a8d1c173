//! `server bench-documents`: how fast invoices become PDFs, compared like with like.
//!
//! - A: one-page invoices rendered one after another on one thread, from an in-memory
//!   [`Document`] (four lines, two VAT rates, fee, Swedish bankgiro block), each a complete
//!   file with its own font subset, as a download gets it;
//! - B: the same number of the same page with reportlab (`scripts/bench_documents_reportlab.py`
//!   in the venv, DejaVu Sans embedded and subset per file). The script gets the page as the
//!   drawing operations our renderer produced (every text at its place, the rules and the
//!   payment box), so both draw identical content; it does no formatting or layout of its own,
//!   which only favours it;
//!
//! A and B take turns round after round (A B A B …) so a neighbour's load lands on both; then
//! each round's rates, the median ratio A/B and its spread. Last, a print batch of N invoices
//! (varied languages, names and postal codes, in address order) into one PDF: time, peak
//! memory (VmHWM, reset before the batch) and bytes per invoice. It prints figures; it is not
//! a test.

#![expect(
    clippy::float_arithmetic,
    reason = "rates, ratios and sizes for printing, never money"
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use app::documents::batch::{AddressKey, BatchWriter};
use app::documents::model::Document;
use app::documents::{render, sample};
use app::i18n::Lang;

/// Invoices rendered before the clock starts (font parse, message bundles, caches).
const WARMUP: usize = 50;

/// The repository root (scripts and fonts), as built.
fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The Python of the venv `scripts/install-deps.sh --bench` fills.
fn python() -> PathBuf {
    let venv = std::env::var("KREDITOR_VENV").unwrap_or_else(|_| "/var/tmp/kreditor-venv".into());
    PathBuf::from(venv).join("bin/python")
}

/// The benchmark's invoice: four lines, so one page.
fn invoice() -> Document {
    sample::invoice_with_lines(Lang::Sv, 4)
}

fn per_second(count: usize, d: Duration) -> f64 {
    count as f64 / d.as_secs_f64().max(1e-9)
}

/// A: `count` complete single-invoice PDFs on this thread; invoices per second.
fn rust_rate(doc: &Document, count: usize) -> Result<f64, Box<dyn std::error::Error>> {
    let start = Instant::now();
    let mut bytes = 0usize;
    for _ in 0..count {
        bytes += render(doc)?.bytes.len();
    }
    let elapsed = start.elapsed();
    std::hint::black_box(bytes);
    Ok(per_second(count, elapsed))
}

/// B: reportlab drawing `ops` `count` times; pages per second as the script measured them
/// (without interpreter start and font registration, as A is without them).
fn reportlab_rate(ops: &std::path::Path, count: usize) -> Result<f64, Box<dyn std::error::Error>> {
    let fonts = repo().join("app/fonts");
    let out = Command::new(python())
        .arg(repo().join("scripts/bench_documents_reportlab.py"))
        .arg("--ops")
        .arg(ops)
        .arg("--count")
        .arg(count.to_string())
        .arg("--regular")
        .arg(fonts.join("DejaVuSans.ttf"))
        .arg("--bold")
        .arg(fonts.join("DejaVuSans-Bold.ttf"))
        .output()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "reportlab script failed: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("pages_per_second "))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("no rate in the script's output: {stdout}").into())
}

/// Peak resident set size of this process in kB (`VmHWM`).
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Current resident set size in kB (`VmRSS`).
fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The `i`-th invoice of the print batch: a language, name, postal code and number of its own
/// (all in the shared fonts' repertoire), 3–5 lines.
fn batch_invoice(i: usize) -> Document {
    const GIVEN: [&str; 8] = [
        "Åsa", "Björn", "Søren", "Äijä", "Jürgen", "Eva", "Øystein", "Lærke",
    ];
    const FAMILY: [&str; 8] = [
        "Öström",
        "Ærø",
        "Hämäläinen",
        "Groß",
        "Lindqvist",
        "Ægidius",
        "Nyström",
        "Ørsted",
    ];
    let lang = Lang::ALL[i % Lang::ALL.len()];
    let mut doc = sample::invoice_with_lines(lang, 3 + i % 3);
    doc.number += i as i64;
    doc.recipient.name = format!("{} {}", GIVEN[i % 8], FAMILY[(i / 8) % 8]);
    doc.recipient.postal_code = format!("{:03} {:02}", 100 + (i * 7919) % 900, i % 100);
    doc
}

/// C: `count` invoices in address order into one PDF under `dir`; prints the figures and
/// removes the file.
fn print_batch(count: usize, dir: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    // Sort keys only (as the database print run does), then build each invoice in turn.
    let mut order: Vec<(AddressKey, usize)> = (0..count)
        .map(|i| (AddressKey::of(&batch_invoice(i)), i))
        .collect();
    order.sort();
    let pdf_path = dir.join(format!("kreditor-bench-batch-{}.pdf", std::process::id()));
    let csv_path = pdf_path.with_extension("csv");
    // Forget the rounds' peak: from here VmHWM is the batch's own.
    std::fs::write("/proc/self/clear_refs", "5")?;
    let rss_before = rss_kb();
    let start = Instant::now();
    let pdf = std::io::BufWriter::new(std::fs::File::create(&pdf_path)?);
    let csv = std::io::BufWriter::new(std::fs::File::create(&csv_path)?);
    let mut batch = BatchWriter::new(pdf, csv)?;
    for (_, i) in &order {
        batch.add(&batch_invoice(*i))?;
    }
    let own = batch.own_fonts();
    let (docs, pages) = batch.finish()?;
    let elapsed = start.elapsed();
    let peak = peak_rss_kb();
    let size = std::fs::metadata(&pdf_path)?.len();
    println!(
        "print batch: {docs} invoices, {pages} pages in {:.2} s ({:.0} invoices/s); \
         file {:.1} MB = {:.2} KB per invoice; peak RSS {:.1} MB (RSS before {:.1} MB); \
         {own} with fonts of their own",
        elapsed.as_secs_f64(),
        per_second(count, elapsed),
        size as f64 / 1e6,
        size as f64 / docs.max(1) as f64 / 1024.0,
        peak as f64 / 1024.0,
        rss_before as f64 / 1024.0,
    );
    let check = Command::new("qpdf").arg("--check").arg(&pdf_path).output();
    match check {
        Ok(o) if o.status.success() => println!("print batch: qpdf --check passes"),
        Ok(o) => println!(
            "print batch: qpdf --check FAILS: {}",
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .last()
                .unwrap_or("")
        ),
        Err(e) => println!("print batch: qpdf not run ({e})"),
    }
    std::fs::remove_file(&pdf_path)?;
    std::fs::remove_file(&csv_path)?;
    Ok(())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return 0.0;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Runs the benchmark: `invoices` per side per round, `rounds` rounds, then a print batch of
/// `batch` invoices.
pub fn run(invoices: usize, rounds: usize, batch: usize) -> Result<(), Box<dyn std::error::Error>> {
    let doc = invoice();
    let single = render(&doc)?.bytes.len();
    let (pages, _) = app::documents::render::pages(&doc);
    if pages.len() != 1 {
        return Err(format!("the benchmark invoice has {} pages, not one", pages.len()).into());
    }
    let dir = std::env::temp_dir();
    let ops_path = dir.join(format!("kreditor-bench-ops-{}.json", std::process::id()));
    let mut f = std::fs::File::create(&ops_path)?;
    serde_json::to_writer(&mut f, &pages[0].ops)?;
    f.flush()?;
    drop(f);
    for _ in 0..WARMUP {
        std::hint::black_box(render(&doc)?);
    }
    println!(
        "bench-documents: {invoices} one-page invoices per side per round, {rounds} rounds \
         interleaved A B (A = Kreditor, printpdf + allsorts subset, one thread; B = reportlab \
         {}, DejaVu Sans embedded); one file is {single} bytes",
        reportlab_version()
    );
    let mut ratios = Vec::with_capacity(rounds);
    for round in 1..=rounds {
        let a = rust_rate(&doc, invoices)?;
        let b = reportlab_rate(&ops_path, invoices)?;
        let ratio = a / b;
        println!(
            "round {round}: Kreditor {a:.0} invoices/s ({:.2} ms each), reportlab {b:.0} \
             pages/s ({:.2} ms each), ratio {ratio:.2}",
            1000.0 / a,
            1000.0 / b
        );
        ratios.push(ratio);
    }
    let min = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let max = ratios.iter().copied().fold(0.0, f64::max);
    println!(
        "Kreditor/reportlab: median {:.2}x, spread {min:.2}-{max:.2} (target >= 2x)",
        median(ratios.clone())
    );
    std::fs::remove_file(&ops_path)?;
    if batch > 0 {
        print_batch(batch, &dir)?;
    }
    Ok(())
}

fn reportlab_version() -> String {
    Command::new(python())
        .args(["-c", "import reportlab; print(reportlab.Version)"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "?".into())
}
