//! Batches of the order API: a merchant uploads a CSV or JSON-Lines file of captures or new
//! orders (`POST /v1/batches`), a background pass works through its rows with the same order
//! services the single-request API uses, and every row keeps its own answer
//! (`GET /v1/batches/{id}`). Each row is idempotent on its own key, so passes may die, overlap
//! or repeat without doing a row twice.

pub mod results;
pub mod types;

#[cfg(feature = "ssr")]
pub mod parse;
#[cfg(feature = "ssr")]
pub mod run;
#[cfg(feature = "ssr")]
pub mod schema;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod upload;

#[cfg(feature = "ssr")]
mod error;
#[cfg(feature = "ssr")]
pub use error::BatchError;

/// Most rows in one file.
pub const MAX_ROWS: usize = 10_000;
/// Most problems listed when a file is refused.
pub const MAX_PROBLEMS: usize = 50;
