//! Bank files that tell Kreditor what was paid into its accounts, whatever the format: one model
//! ([`model::BankFile`]) that the camt.054 and BgMax readers produce and the demo/test writers
//! consume, so a file written and read back must give the same model.

#[cfg(feature = "ssr")]
pub mod camt054;
pub mod model;
