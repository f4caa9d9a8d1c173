//! Credit decisions: facts, the PolicyRules language and the engine.

pub mod policy;
pub mod providers;
pub mod rulesets;
