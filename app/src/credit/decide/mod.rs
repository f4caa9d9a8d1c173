//! The one function the order API calls for a credit decision: gather every fact (internal
//! history from the database, external facts from the providers), then evaluate the active
//! ruleset — with no database transaction open while providers are asked or rules run.
//!
//! The decision is logged by the caller, in the same transaction that creates the order
//! ([`Decided::record`]), so a decision row exists exactly when the order (or its
//! rejection) was committed.

mod external;
mod internal;
mod recheck;

use std::net::IpAddr;

use rust_decimal::Decimal;

pub use external::ExternalFacts;
pub use internal::{InternalFacts, REJECTION_WINDOW_DAYS};
pub use recheck::lock_customer;

use crate::credit::policy::{evaluate, Decision, FactValue, Facts, Ruleset};
use crate::credit::providers::{Address, Providers};
use crate::credit::rulesets::decisions::{record_decision, NewDecision, RecordError};
use crate::credit::rulesets::store::active_ruleset_cached;
use crate::credit::rulesets::types::Product;
use crate::customers::national_id::NationalId;
use crate::kdb::{Conn, Kdb, KdbError, ScopedFutureExt};
use crate::ktime::{Country, Ktime};
use crate::money::Money;

/// A purchase to decide on.
#[derive(Debug, Clone)]
pub struct CreditApplication<'a> {
    /// The e-store.
    pub merchant_id: uuid::Uuid,
    /// The e-store's country (a fact rules may scope on).
    pub merchant_country: Country,
    /// The customer (already found or created by national id).
    pub customer_id: uuid::Uuid,
    /// The customer's national id: the providers are asked by it; it never reaches the log.
    pub national_id: &'a NationalId,
    /// The product applied for.
    pub product: Product,
    /// The order amount incl. VAT: for a changed order its new total.
    pub amount: Money,
    /// The order's id, for the decision log; this order is left out of the exposure.
    pub order_ref: &'a str,
    /// The buyer's IP address, when the e-store sent it.
    pub ip: Option<IpAddr>,
}

/// Why no decision could be made (as opposed to a reject, which is a decision).
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    /// No compiling active ruleset for the customer's country and the product.
    #[error("no active credit policy for {country} {product}")]
    NoActiveRuleset {
        /// Country code.
        country: &'static str,
        /// Product.
        product: &'static str,
    },
    /// Database failure while gathering facts.
    #[error(transparent)]
    Db(#[from] KdbError),
}

/// A decision made and not yet logged.
#[derive(Debug, Clone)]
pub struct Decided {
    /// The customer's country (the ruleset's scope).
    pub country: Country,
    /// The product.
    pub product: Product,
    /// The ruleset that decided.
    pub ruleset_id: i64,
    /// Every fact gathered.
    pub facts: Facts,
    /// The engine's answer.
    pub decision: Decision,
    /// The registered address the lookup returned, to record in the address history.
    pub registered_address: Option<Address>,
    /// Kreditor's own facts the decision used (compared again under the customer's lock).
    pub internal: InternalFacts,
    /// The ruleset, to decide again without asking the providers.
    pub ruleset: std::sync::Arc<Ruleset>,
}

impl Decided {
    /// Logs the decision in the caller's transaction; returns its id.
    pub async fn record(
        &self,
        conn: &mut Conn,
        ktime: &Ktime,
        merchant_id: uuid::Uuid,
        customer_id: uuid::Uuid,
        order_ref: &str,
    ) -> Result<i64, RecordError> {
        let merchant = merchant_id.to_string();
        let customer = customer_id.to_string();
        record_decision(
            conn,
            ktime,
            &NewDecision {
                country: self.country,
                product: self.product,
                merchant_id: &merchant,
                customer_key: &customer,
                order_ref,
                ruleset_id: self.ruleset_id,
                facts: &self.facts,
                decision: &self.decision,
            },
        )
        .await
    }
}

/// Gathers the facts of `application` and decides with the active ruleset of the customer's
/// country and the product. Providers are asked concurrently with the database reads.
pub async fn decide(
    kdb: &Kdb,
    ktime: &Ktime,
    providers: &Providers,
    application: &CreditApplication<'_>,
) -> Result<Decided, DecideError> {
    let country = application.national_id.country();
    let product = application.product;
    let (internal, external, ruleset) = tokio::join!(
        internal::gather(kdb, ktime, application),
        external::gather(providers, application.national_id),
        kdb.read_primary(
            |conn| async move { active_ruleset_cached(conn, country, product).await }.scope_boxed()
        ),
    );
    let internal = internal?;
    let Some((ruleset_id, ruleset)) = ruleset? else {
        return Err(DecideError::NoActiveRuleset {
            country: country.code(),
            product: product.as_str(),
        });
    };
    let facts = facts_of(application, &internal, &external);
    let decision = evaluate(&ruleset, &facts);
    Ok(Decided {
        country,
        product,
        ruleset_id,
        facts,
        decision,
        registered_address: external.address,
        internal,
        ruleset,
    })
}

/// The fact set rules read, from the application and what was gathered. Public so tests and
/// the benchmark build exactly what the order API builds.
pub fn facts_of(
    application: &CreditApplication<'_>,
    internal: &InternalFacts,
    external: &ExternalFacts,
) -> Facts {
    let mut facts = Facts::new()
        .with("order.amount", FactValue::Money(application.amount))
        .with(
            "order.currency",
            FactValue::String(application.amount.currency().code().to_string()),
        )
        .with(
            "order.product",
            FactValue::String(application.product.as_str().to_string()),
        )
        .with(
            "merchant.id",
            FactValue::String(application.merchant_id.to_string()),
        )
        .with(
            "merchant.country",
            FactValue::String(application.merchant_country.code().to_string()),
        )
        .with(
            "customer.country",
            FactValue::String(application.national_id.country().code().to_string()),
        );
    internal.add_to(&mut facts);
    external.add_to(&mut facts);
    facts
}

/// A count as a number fact.
fn number(n: i64) -> FactValue {
    FactValue::Number(Decimal::from(n))
}
