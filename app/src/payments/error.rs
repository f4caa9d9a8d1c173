//! Why a bank file was not imported.

use super::bank_file::model::FileError;
use crate::kdb::{KdbError, Retryable};

/// An import that did not happen; nothing of the file was stored.
#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// The file is malformed or its totals do not add up (with where).
    #[error("the file was refused: {0}")]
    File(FileError),
    /// A deposit is booked on an account that is not one of Kreditor's, or in a currency
    /// Kreditor does not invoice in.
    #[error("{0}")]
    Account(String),
    /// A bank's test file outside demo and test mode.
    #[error("this is a test file (BgMax test mark T); only demo and test installations import it")]
    TestFile,
    /// The database.
    #[error(transparent)]
    Db(#[from] KdbError),
    /// A bug (ledger rules refused an entry, bad stored data).
    #[error("internal error: {0}")]
    Internal(String),
}

impl Retryable for PaymentError {
    fn is_retryable(&self) -> bool {
        matches!(self, PaymentError::Db(e) if e.is_retryable())
    }
}

impl From<diesel::result::Error> for PaymentError {
    fn from(e: diesel::result::Error) -> Self {
        PaymentError::Db(KdbError::from(e))
    }
}

impl From<crate::ledger::post::LedgerError> for PaymentError {
    fn from(e: crate::ledger::post::LedgerError) -> Self {
        match e {
            crate::ledger::post::LedgerError::Db(e) => PaymentError::Db(e),
            other => PaymentError::Internal(format!("ledger: {other}")),
        }
    }
}
