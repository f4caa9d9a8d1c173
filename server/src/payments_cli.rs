//! `server import-payments FILE`: a bank file from disk through the same import as the staff
//! upload and the inbox job; prints what it did as JSON (nothing when the file was refused,
//! which names the line or XML path).

use std::path::Path;

use app::kdb::Ctx;
use app::payments::import::{content_hash, import_file, Source};
use app::services::Services;

/// Imports `path`; the report on stdout.
pub async fn import_payments(
    services: &Services,
    path: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file =
        app::payments::bank_file::read(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let report = import_file(
        services,
        &Ctx::system("import-payments"),
        &name,
        Source::Command,
        &content_hash(&bytes),
        &file,
    )
    .await?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
