//! Facts from the external providers (registered address, credit score). A provider that
//! does not answer becomes `address.available = false` / `score.available = false`: the
//! ruleset decides what that means, the decision is never aborted by it.

use rust_decimal::Decimal;

use crate::credit::policy::{FactValue, Facts};
use crate::credit::providers::{Address, Providers, Score};
use crate::customers::national_id::NationalId;

/// What the providers answered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExternalFacts {
    /// The registered address, if the lookup found one.
    pub address: Option<Address>,
    /// The score, if the bureau answered.
    pub score: Option<Score>,
}

impl ExternalFacts {
    /// Adds these facts under their PolicyRules names.
    pub fn add_to(&self, facts: &mut Facts) {
        facts.insert("address.available", FactValue::Bool(self.address.is_some()));
        facts.insert("score.available", FactValue::Bool(self.score.is_some()));
        if let Some(score) = self.score {
            facts.insert("score.value", FactValue::Number(Decimal::from(score.value)));
            facts.insert(
                "score.risk_class",
                FactValue::String(score.risk_class.as_str().to_string()),
            );
        }
    }
}

/// Asks both providers at once.
pub(super) async fn gather(providers: &Providers, id: &NationalId) -> ExternalFacts {
    let (address, score) = tokio::join!(
        providers.lookup_address(id.country(), id),
        providers.score(id.country(), id)
    );
    ExternalFacts {
        address: address.ok(),
        score: score.ok(),
    }
}
