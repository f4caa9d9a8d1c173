//! PDFs read back the way a reader's tools see them: poppler (`pdftotext`, `pdfinfo`,
//! `pdffonts`) and `qpdf`, from the Debian packages `scripts/install-deps.sh` installs.

use std::process::Command;

/// Runs a command-line tool and returns its standard output; fails the test when it fails.
pub fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} (poppler-utils, qpdf) is installed: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text of a PDF given as bytes (layout kept), no-break spaces as spaces.
pub fn pdf_text(bytes: &[u8]) -> String {
    assert!(
        bytes.starts_with(b"%PDF-"),
        "not a PDF: {:?}",
        &bytes[..bytes.len().min(40)]
    );
    let path = std::env::temp_dir().join(format!(
        "kreditor-it-doc-{}-{}.pdf",
        std::process::id(),
        uuid::Uuid::new_v4()
    ));
    std::fs::write(&path, bytes).unwrap();
    let text = tool(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", path.to_str().unwrap(), "-"],
    );
    std::fs::remove_file(&path).ok();
    text.replace('\u{a0}', " ")
}
