//! A merchant ready to take orders: the merchant, an agreement in force from the current
//! business date, and a fresh API key. `make run` prints its credentials; the order API
//! tests and the orders benchmark use the same setup.

use app::kdb::{Ctx, Kdb, ScopedFutureExt};
use app::ktime::{Country, Ktime};
use app::merchants::types::{Terms, TermsForm};
use app::merchants::{agreements, credentials, store, MerchantForm};

/// What an integration needs.
#[derive(Debug, Clone)]
pub struct ReadyMerchant {
    /// The merchant.
    pub merchant_id: uuid::Uuid,
    /// API key id (HTTP Basic user name).
    pub key_id: String,
    /// API secret (HTTP Basic password), shown once.
    pub secret: String,
}

/// The terms a demo merchant gets: 29 kr invoice fee, 2.5 % + 1 kr commission, 14 days to
/// pay, 28-day authorizations, weekly settlement.
pub fn demo_terms() -> Terms {
    Terms::check(&TermsForm {
        invoice_fee: "29.00",
        commission_percent: "2.5",
        commission_fixed: "1.00",
        payment_terms_days: "14",
        authorization_days: "28",
        settlement_schedule: "weekly",
        payout_account: "SE35 5000 0000 0549 1000 0003",
        reminder_fees: true,
    })
    .expect("demo terms are valid")
}

/// Creates (or finds, by `org_nr`) a merchant in `country` with an agreement and a new key.
pub async fn ensure_ready_merchant(
    kdb: &Kdb,
    ktime: &Ktime,
    name: &str,
    org_nr: &str,
    country: Country,
) -> Result<ReadyMerchant, Box<dyn std::error::Error + Send + Sync>> {
    let currency = app::orders::validate::currency_of(country);
    let form = MerchantForm::parse(
        name,
        org_nr,
        country.code(),
        currency.code(),
        "orders@example.com",
        "",
    )
    .map_err(|e| format!("{}: {e}", e.code()))?;
    let ctx = Ctx::system("demo-merchant");
    let today = ktime.today(kdb, country).await?;
    let terms = demo_terms();
    let (key_id, secret) = credentials::generate();
    let (form, ctx, terms, key, pass) = (&form, &ctx, &terms, &key_id, &secret);
    let merchant_id = kdb
        .write(|c| {
            async move {
                let existing = store::search(c, &form.org_nr)
                    .await?
                    .into_iter()
                    .find(|m| m.org_nr == form.org_nr && m.country == form.country);
                let id = match existing {
                    Some(m) => m.id,
                    None => store::create(c, ctx, uuid::Uuid::new_v4(), form).await?.id,
                };
                if agreements::in_force(c, id, today).await?.is_none() {
                    agreements::add(c, ctx, id, today, terms).await?;
                }
                credentials::create(c, ctx, id, "demo", key, pass).await?;
                Ok::<_, app::merchants::store::MerchantError>(id)
            }
            .scope_boxed()
        })
        .await?;
    Ok(ReadyMerchant {
        merchant_id,
        key_id,
        secret,
    })
}
