//! Placing an order: validate, decide on credit (no transaction open while providers answer),
//! then in one transaction lock the customer, re-check the decision on the exposure committed
//! meanwhile (`credit::decide::recheck`), record the customer, their addresses, the decision
//! and — when approved — the authorized order, with audit records and the Idempotency-Key.

use chrono::Duration;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::error::OrderError;
use super::idempotency::{self, IdempotencyKey, Reply, StoredResponse};
use super::schema::orders as o;
use super::types::{CreateOrderRequest, DecisionSummary, OrderCreated, OrderStatus};
use super::validate::{language_of, validate_create, ValidOrder};
use crate::credit::decide::{decide, lock_customer, CreditApplication, DecideError, Decided};
use crate::credit::policy::Outcome;
use crate::customers::records::Contact;
use crate::customers::types::{Address, AddressSource};
use crate::customers::{addresses, records};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, ScopedFutureExt};
use crate::merchants::types::{Merchant, MerchantStatus};
use crate::merchants::{agreements, store as merchant_store};
use crate::money::Money;
use crate::services::Services;

/// The merchant, or "not found"/"inactive" as the API should say.
pub(super) async fn active_merchant(
    conn: &mut Conn,
    merchant_id: uuid::Uuid,
) -> Result<Merchant, OrderError> {
    let merchant = merchant_store::get(conn, merchant_id)
        .await
        .map_err(|e| OrderError::Internal(format!("merchant {merchant_id}: {e}")))?;
    if merchant.status != MerchantStatus::Active {
        return Err(OrderError::MerchantInactive);
    }
    Ok(merchant)
}

/// `POST /v1/orders`: authorizes an order for `merchant_id` with a live credit decision.
/// A rejection is committed too (decision logged, key stored) and answered as
/// [`OrderError::Rejected`].
pub async fn create_order(
    services: &Services,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    req: &CreateOrderRequest,
    key: Option<&IdempotencyKey>,
) -> Result<Reply<OrderCreated>, OrderError> {
    let kdb = &services.kdb;
    // One round trip before the decision: a replay answers at once, without asking the
    // providers again; otherwise the merchant, the clock and the customer's id.
    let pre = kdb
        .read_primary(|conn| {
            async move {
                if let Some(key) = key {
                    if let Some(stored) = idempotency::stored(conn, key).await? {
                        return Ok::<_, OrderError>(Err(stored));
                    }
                }
                let merchant = active_merchant(conn, merchant_id).await?;
                let now = services.ktime.now_in(conn).await?;
                let country = req
                    .purchase_country
                    .as_deref()
                    .and_then(|c| crate::ktime::Country::parse_code(&c.to_ascii_uppercase()))
                    .unwrap_or(merchant.country);
                let order = validate_create(req, merchant.currency, country.date_at(now))?;
                let customer_id = records::find_id(conn, &order.national_id).await?;
                Ok(Ok((merchant, order, customer_id)))
            }
            .scope_boxed()
        })
        .await?;
    let (merchant, order, customer_id) = match pre {
        Ok(found) => found,
        Err(stored) => return Ok(Reply::Replayed(stored)),
    };
    // A new customer gets their id now, so the decision log and the order agree on it.
    let known_customer = customer_id;
    let customer_id = customer_id.unwrap_or_else(uuid::Uuid::new_v4);
    let order_id = uuid::Uuid::new_v4();
    let order_ref = order_id.to_string();
    let decided = decide(
        kdb,
        &services.ktime,
        &services.providers,
        &CreditApplication {
            merchant_id,
            merchant_country: merchant.country,
            customer_id,
            national_id: &order.national_id,
            product: order.product,
            amount: Money::from_minor(order.amount, order.currency),
            order_ref: &order_ref,
            ip: order.ip,
        },
    )
    .await
    .map_err(|e| match e {
        DecideError::NoActiveRuleset { country, product } => {
            OrderError::PolicyUnavailable(format!("{country} {product}"))
        }
        DecideError::Db(e) => OrderError::Db(e),
    })?;
    let (order, decided, merchant) = (&order, &decided, &merchant);
    // The outer result rolls back; the inner `Err` is a rejection that commits (its decision
    // is logged and its answer stored under the key).
    idempotency::write_once(
        kdb,
        key,
        |conn| {
            async move {
                commit_order(
                    conn,
                    services,
                    ctx,
                    merchant,
                    order,
                    decided,
                    (customer_id, known_customer.is_some()),
                    order_id,
                )
                .await
            }
            .scope_boxed()
        },
        |result| match result {
            Ok(created) => StoredResponse::json(
                201,
                created,
                Some(format!("/v1/orders/{}", created.order_id)),
            ),
            Err(rejected) => StoredResponse::json(
                rejected.status(),
                &super::api_error::ErrorBody::of(rejected, &ctx.request_id),
                None,
            ),
        },
    )
    .await?
    .refusal_as_error()
}

/// The write half of [`create_order`]. The outer `Result` is a failure that rolls back; the
/// inner `Err` is a committed rejection.
#[allow(clippy::too_many_arguments)]
async fn commit_order(
    conn: &mut Conn,
    services: &Services,
    ctx: &Ctx,
    merchant: &Merchant,
    order: &ValidOrder,
    decided: &Decided,
    (customer_id, known): (uuid::Uuid, bool),
    order_id: uuid::Uuid,
) -> Result<Result<OrderCreated, OrderError>, OrderError> {
    // One person's orders are decided one after another from here to COMMIT, at every
    // merchant: the exposure re-read below includes every order committed before.
    lock_customer(conn, &order.national_id).await?;
    let now = services.ktime.now_in(conn).await?;
    let today = order.country.date_at(now);
    let registered = decided.registered_address.as_ref();
    // Customers are never deleted: one found before the decision is still there; only a new
    // one needs its contact details.
    let customer_id = if known {
        customer_id
    } else {
        let contact = Contact {
            given_name: registered
                .map(|a| a.given_name.clone())
                .unwrap_or_else(|| order.given_name.clone()),
            family_name: registered
                .map(|a| a.family_name.clone())
                .unwrap_or_else(|| order.family_name.clone()),
            email: order.email.clone(),
            phone: order.phone.clone(),
            language: language_of(&order.locale, order.country).to_string(),
        };
        records::find_or_create(conn, ctx, customer_id, &order.national_id, &contact)
            .await?
            .0
    };
    let mut billing_address_id = None;
    if let Some(found) = registered {
        let address = Address {
            care_of: String::new(),
            street: found.street.clone(),
            postal_code: found.postal_code.clone(),
            city: found.city.clone(),
            country: order.country.code().to_string(),
        };
        let record = addresses::record(
            conn,
            ctx,
            &services.ktime,
            customer_id,
            &address,
            AddressSource::Lookup,
            true,
        )
        .await?;
        billing_address_id = Some(record.id);
    }
    if let Some(given) = &order.billing_address {
        let record = addresses::record(
            conn,
            ctx,
            &services.ktime,
            customer_id,
            given,
            AddressSource::Merchant,
            false,
        )
        .await?;
        billing_address_id = billing_address_id.or(Some(record.id));
    }
    let order_ref = order_id.to_string();
    let mut decided = decided.clone();
    let redecided = decided
        .recheck(
            conn,
            &services.ktime,
            &CreditApplication {
                merchant_id: merchant.id,
                merchant_country: merchant.country,
                customer_id,
                national_id: &order.national_id,
                product: order.product,
                amount: Money::from_minor(order.amount, order.currency),
                order_ref: &order_ref,
                ip: order.ip,
            },
        )
        .await?;
    if redecided {
        super::alerts::count_redecision();
    }
    let decision_id = decided
        .record(conn, &services.ktime, merchant.id, customer_id, &order_ref)
        .await
        .map_err(|e| match e {
            crate::credit::rulesets::decisions::RecordError::Db(e) => OrderError::Db(e),
            other => OrderError::Internal(other.to_string()),
        })?;
    let decision = &decided.decision;
    if decision.outcome != Outcome::Approve {
        audit::record(
            conn,
            ctx,
            AuditEntry {
                action: "order.rejected",
                entity_type: "order",
                entity_id: &order_ref,
                before: None,
                after: Some(json!({
                    "merchant_id": merchant.id, "customer_id": customer_id,
                    "decision_id": decision_id, "outcome": decision.outcome.as_str(),
                    "reason": decision.reason, "order_amount": order.amount,
                })),
            },
        )
        .await?;
        super::alerts::after_refusal(conn, ctx, &services.rejection_alert, merchant.id).await?;
        return Ok(Err(OrderError::Rejected {
            outcome: decision.outcome.as_str().to_string(),
            reason: decision.reason.clone(),
        }));
    }
    let agreement = agreements::in_force(conn, merchant.id, today)
        .await?
        .ok_or_else(|| OrderError::NotAllowed("the merchant has no agreement in force".into()))?;
    let expires_at = now + Duration::days(i64::from(agreement.terms.authorization_days));
    let lines = serde_json::to_value(&order.lines)
        .map_err(|e| OrderError::Internal(format!("order lines: {e}")))?;
    diesel::insert_into(o::table)
        .values((
            o::id.eq(order_id),
            o::merchant_id.eq(merchant.id),
            o::agreement_id.eq(agreement.id),
            o::customer_id.eq(customer_id),
            o::billing_address_id.eq(billing_address_id),
            o::decision_id.eq(decision_id),
            o::purchase_country.eq(order.country.code()),
            o::purchase_currency.eq(order.currency.code()),
            o::locale.eq(&order.locale),
            o::payment_method.eq(order.product.as_str()),
            o::status.eq(OrderStatus::Authorized.as_str()),
            o::order_amount.eq(order.amount),
            o::original_order_amount.eq(order.amount),
            o::order_tax_amount.eq(order.tax_amount),
            o::order_lines.eq(lines),
            o::merchant_reference1.eq(&order.reference1),
            o::merchant_reference2.eq(&order.reference2),
            o::customer_email.eq(&order.email),
            o::customer_phone.eq(&order.phone),
            o::created_at.eq(now),
            o::expires_at.eq(expires_at),
            o::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "order.authorize",
            entity_type: "order",
            entity_id: &order_ref,
            before: None,
            after: Some(json!({
                "merchant_id": merchant.id, "customer_id": customer_id,
                "decision_id": decision_id, "agreement_id": agreement.id,
                "order_amount": order.amount, "currency": order.currency.code(),
                "expires_at": expires_at,
            })),
        },
    )
    .await?;
    Ok(Ok(OrderCreated {
        order_id,
        status: OrderStatus::Authorized,
        expires_at,
        decision: DecisionSummary {
            outcome: decision.outcome.as_str().to_string(),
            reason: decision.reason.clone(),
        },
    }))
}
