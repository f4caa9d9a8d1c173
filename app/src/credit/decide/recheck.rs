//! The credit limit under concurrency: a decision is made outside any transaction (providers
//! are slow), so before an order is committed its customer is locked and Kreditor's own facts
//! are read again inside the write transaction. If they changed (another order of the same
//! person committed meanwhile, at any merchant), the rules are evaluated again with the new
//! facts — the provider answers are reused, no provider is asked twice.
//!
//! The lock is a transaction-level advisory lock keyed on (country, national id), not on the
//! customer row: a first order's customer has no row yet, and two first orders must still
//! wait for each other. It is released by COMMIT or ROLLBACK, so nothing can strand it.

use diesel::sql_types::Integer;
use diesel_async::RunQueryDsl;
use sha2::{Digest, Sha256};

use super::{internal, CreditApplication, Decided};
use crate::credit::policy::evaluate;
use crate::customers::national_id::NationalId;
use crate::kdb::{cached, Conn, KdbError};
use crate::ktime::Ktime;

/// The first key of the two-key advisory lock form: the customer credit namespace (two-key
/// and one-key advisory locks never meet, and no other two-key lock uses this class).
const CUSTOMER_CREDIT_LOCK_CLASS: i32 = 0x4b43_5231; // "KCR1"

/// The second key: 32 bits of SHA-256 of country and national id (a collision only makes
/// two customers wait for each other, never lets one pass unlocked).
fn lock_key(id: &NationalId) -> i32 {
    let digest = Sha256::digest(format!(
        "{}:{}",
        id.country().code(),
        id.expose_normalized()
    ));
    i32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// Takes the customer's credit lock for the rest of the caller's transaction; waits while
/// another transaction holds it. Take it before any order row lock (one order of locks:
/// customer, then order) so two transactions never wait for each other in a circle.
pub async fn lock_customer(conn: &mut Conn, id: &NationalId) -> Result<(), KdbError> {
    cached(
        diesel::sql_query("SELECT pg_advisory_xact_lock($1, $2)")
            .bind::<Integer, _>(CUSTOMER_CREDIT_LOCK_CLASS)
            .bind::<Integer, _>(lock_key(id)),
    )
    .execute(conn)
    .await?;
    Ok(())
}

impl Decided {
    /// Under [`lock_customer`]: reads the internal facts of `application` again on `conn`
    /// and, if they differ from those the decision used, decides again with them. Returns
    /// whether the decision was made again.
    pub async fn recheck(
        &mut self,
        conn: &mut Conn,
        ktime: &Ktime,
        application: &CreditApplication<'_>,
    ) -> Result<bool, KdbError> {
        let now = internal::read(conn, ktime, application).await?;
        if now == self.internal {
            return Ok(false);
        }
        now.add_to(&mut self.facts);
        if now.ip_country.is_none() {
            self.facts.remove("request.ip_country");
        }
        self.decision = evaluate(&self.ruleset, &self.facts);
        self.internal = now;
        Ok(true)
    }
}
