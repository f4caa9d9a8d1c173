//! Why an IP-range import changed nothing: the file's shape, its rows (each named by line and
//! column, so one run shows everything to fix), or the database.

pub use crate::csv_file::RowError;
use crate::kdb::{KdbError, Retryable};

use super::format::IP_RANGES_HEADER;

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The first line is not [`IP_RANGES_HEADER`].
    #[error("line 1: the header must be `{IP_RANGES_HEADER}`")]
    Header,
    /// The file could not be read (or is not UTF-8) at this line.
    #[error("line {line}: cannot read: {message}")]
    Read {
        /// Line number (0 when the reader failed before any line).
        line: usize,
        /// The reader's error.
        message: String,
    },
    /// The file is larger than any country file we know of: most likely the wrong file, and
    /// it would be held in memory whole.
    #[error("the file is larger than {max_mib} MiB")]
    TooLarge {
        /// The limit.
        max_mib: usize,
    },
    /// The file has a header but no ranges. Refused because the import replaces the whole
    /// table: an empty (truncated) file would silently make every address unknown.
    #[error("the file has no ranges")]
    Empty,
    /// Rows failed validation (at most the first [`super::parse::MAX_ROW_ERRORS`] are listed,
    /// in line order).
    #[error("{}", crate::csv_file::invalid_summary(.0))]
    Invalid(Vec<RowError>),
    /// Database failure.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl From<crate::csv_file::ReadError> for ImportError {
    fn from(e: crate::csv_file::ReadError) -> Self {
        match e {
            crate::csv_file::ReadError::Io(e) => ImportError::Read {
                line: 0,
                message: e.to_string(),
            },
            crate::csv_file::ReadError::TooLarge { max_mib } => ImportError::TooLarge { max_mib },
        }
    }
}

impl From<crate::csv_file::NotUtf8> for ImportError {
    fn from(e: crate::csv_file::NotUtf8) -> Self {
        ImportError::Read {
            line: e.line,
            message: format!("not UTF-8 (character {})", e.column),
        }
    }
}

impl Retryable for ImportError {
    fn is_retryable(&self) -> bool {
        matches!(self, ImportError::Db(e) if e.is_retryable())
    }
}

impl From<diesel::result::Error> for ImportError {
    fn from(e: diesel::result::Error) -> Self {
        ImportError::Db(e.into())
    }
}
