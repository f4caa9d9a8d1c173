//! Bank files that tell Kreditor what was paid into its accounts, whatever the format: one model
//! ([`model::BankFile`]) that the camt.054 and BgMax readers produce and the demo/test writers
//! consume, so a file written and read back must give the same model.

pub mod bgmax;
#[cfg(feature = "ssr")]
pub mod camt054;
pub mod model;

use model::{BankFile, FileError, Position};

/// Reads a bank file of any supported format, recognised by its content (not its name):
/// BgMax starts with its TK01 record `01BGMAX`; camt.054 is XML.
pub fn read(bytes: &[u8]) -> Result<BankFile, FileError> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(bytes.len());
    let head = &bytes[start..];
    if head.starts_with(b"01BGMAX") {
        bgmax::read(bytes)
    } else if head.starts_with(b"<") {
        camt_or_refuse(bytes)
    } else {
        Err(FileError {
            position: Position::Line(1),
            field: "format".into(),
            message: "neither a BgMax file (01BGMAX…) nor a camt.054 XML document".into(),
        })
    }
}

#[cfg(feature = "ssr")]
fn camt_or_refuse(bytes: &[u8]) -> Result<BankFile, FileError> {
    camt054::read(bytes)
}

/// The browser build carries no XML reader (imports run on the server).
#[cfg(not(feature = "ssr"))]
fn camt_or_refuse(_bytes: &[u8]) -> Result<BankFile, FileError> {
    Err(FileError {
        position: Position::Line(1),
        field: "format".into(),
        message: "camt.054 is read on the server only".into(),
    })
}
