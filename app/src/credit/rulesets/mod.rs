//! Stored PolicyRules rulesets (draft → active → retired, one active per country and product),
//! the credit decision log, the backtest of a draft against logged decisions, and the staff
//! screens for all of it.
//!
//! The order API decides with [`store::active_ruleset`] + [`crate::credit::policy::evaluate`]
//! and logs the result with [`decisions::record_decision`], in its own transaction.

pub mod diff;
pub mod pages;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod backtest;
#[cfg(feature = "ssr")]
pub mod decisions;
#[cfg(feature = "ssr")]
pub mod schema;
#[cfg(feature = "ssr")]
pub mod store;

pub use types::{
    BacktestChange, BacktestReport, CompileMessage, DecisionDetail, DecisionSummary, DiffKind,
    DiffLine, Product, RulesetStatus, RulesetSummary, RulesetView,
};
