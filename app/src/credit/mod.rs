//! Credit decisions: facts, the PolicyRules language and the engine.

#[cfg(feature = "ssr")]
pub mod decide;
#[cfg(feature = "ssr")]
pub mod ip_ranges;
pub mod policy;
pub mod providers;
pub mod rulesets;
