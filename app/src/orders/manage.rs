//! Changing an authorized order: cancel (before any capture), release what is left, extend
//! the authorization time, and change the amount (a higher amount asks for credit again).
//! Rules follow Klarna's Order Management API (`domain.md` §1.4).

use chrono::Duration;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::error::{FieldProblem, OrderError};
use super::idempotency::{self, IdempotencyKey, Reply, StoredResponse};
use super::lines::validate_order_lines;
use super::schema::orders as o;
use super::store::{self, OrderRow};
use super::types::{OrderStatus, UpdateAuthorizationRequest};
use super::validate::problems;
use crate::credit::decide::{decide, lock_customer, CreditApplication, DecideError};
use crate::credit::policy::Outcome;
use crate::credit::rulesets::types::Product;
use crate::customers::national_id::NationalId;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, ScopedFutureExt};
use crate::ktime::Country;
use crate::merchants::agreements;
use crate::money::Money;
use crate::services::Services;

/// Longest an authorization can live, counted from the order's creation.
pub const MAX_AUTHORIZATION_DAYS: i64 = 180;

/// What one management operation does to a locked order.
type Change = fn(&OrderRow, chrono::DateTime<chrono::Utc>) -> Result<Update, OrderError>;

/// The new values an operation sets.
struct Update {
    action: &'static str,
    status: OrderStatus,
    released_amount: i64,
    expires_at: chrono::DateTime<chrono::Utc>,
}

/// Runs a simple state change (cancel, release) under the order's lock with the key.
async fn change(
    services: &Services,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    order_id: uuid::Uuid,
    key: Option<&IdempotencyKey>,
    f: Change,
) -> Result<Reply<()>, OrderError> {
    idempotency::write_once(
        &services.kdb,
        key,
        |conn| {
            async move {
                let order = store::lock(conn, merchant_id, order_id).await?;
                let now = services.ktime.now_in(conn).await?;
                let update = f(&order, now)?;
                apply(conn, ctx, &order, &update, now).await
            }
            .scope_boxed()
        },
        |_| Ok(StoredResponse::no_content()),
    )
    .await
}

async fn apply(
    conn: &mut Conn,
    ctx: &Ctx,
    order: &OrderRow,
    update: &Update,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), OrderError> {
    diesel::update(o::table.find(order.id))
        .set((
            o::status.eq(update.status.as_str()),
            o::released_amount.eq(update.released_amount),
            o::expires_at.eq(update.expires_at),
            o::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: update.action,
            entity_type: "order",
            entity_id: &order.id.to_string(),
            before: Some(json!({
                "status": order.status, "released_amount": order.released_amount,
                "expires_at": order.expires_at,
            })),
            after: Some(json!({
                "status": update.status.as_str(), "released_amount": update.released_amount,
                "expires_at": update.expires_at,
            })),
        },
    )
    .await?;
    Ok(())
}

fn cancel_rule(
    order: &OrderRow,
    _now: chrono::DateTime<chrono::Utc>,
) -> Result<Update, OrderError> {
    if order.status()? != OrderStatus::Authorized || order.captured_amount > 0 {
        return Err(OrderError::NotAllowed(format!(
            "an order can only be cancelled before any capture; it is {}",
            order.status
        )));
    }
    Ok(Update {
        action: "order.cancel",
        status: OrderStatus::Cancelled,
        released_amount: order.released_amount,
        expires_at: order.expires_at,
    })
}

fn release_rule(
    order: &OrderRow,
    _now: chrono::DateTime<chrono::Utc>,
) -> Result<Update, OrderError> {
    let status = order.status()?;
    if !status.is_open() || order.remaining() == 0 {
        return Err(OrderError::NotAllowed(format!(
            "the order is {}: there is no remaining authorization to release",
            status.as_str()
        )));
    }
    Ok(Update {
        action: "order.release_remaining",
        status: if order.captured_amount > 0 {
            OrderStatus::Captured
        } else {
            OrderStatus::Cancelled
        },
        released_amount: order.released_amount + order.remaining(),
        expires_at: order.expires_at,
    })
}

/// `POST /v1/orders/{id}/cancel`: only before any capture.
pub async fn cancel_order(
    services: &Services,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    order_id: uuid::Uuid,
    key: Option<&IdempotencyKey>,
) -> Result<Reply<()>, OrderError> {
    change(services, ctx, merchant_id, order_id, key, cancel_rule).await
}

/// `POST /v1/orders/{id}/release-remaining-authorization`.
pub async fn release_remaining(
    services: &Services,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    order_id: uuid::Uuid,
    key: Option<&IdempotencyKey>,
) -> Result<Reply<()>, OrderError> {
    change(services, ctx, merchant_id, order_id, key, release_rule).await
}

/// `POST /v1/orders/{id}/extend-authorization-time`: the agreement's authorization days from
/// today (same-day repeats give the same time), at most [`MAX_AUTHORIZATION_DAYS`] after
/// creation, and never once expired.
pub async fn extend_authorization(
    services: &Services,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    order_id: uuid::Uuid,
    key: Option<&IdempotencyKey>,
) -> Result<Reply<()>, OrderError> {
    idempotency::write_once(
        &services.kdb,
        key,
        |conn| {
            async move {
                let order = store::lock(conn, merchant_id, order_id).await?;
                let now = services.ktime.now_in(conn).await?;
                if !order.status()?.is_open() || now >= order.expires_at {
                    return Err(OrderError::NotAllowed(
                        "the authorization has expired or the order is closed".into(),
                    ));
                }
                let agreement = agreements::by_id(conn, order.agreement_id)
                    .await?
                    .ok_or_else(|| OrderError::Internal("agreement missing".into()))?;
                let days = i64::from(agreement.terms.authorization_days);
                let cap = order.created_at + Duration::days(MAX_AUTHORIZATION_DAYS);
                let wanted = (now + Duration::days(days)).min(cap);
                let update = Update {
                    action: "order.extend_authorization",
                    status: order.status()?,
                    released_amount: order.released_amount,
                    expires_at: wanted.max(order.expires_at),
                };
                apply(conn, ctx, &order, &update, now).await
            }
            .scope_boxed()
        },
        |_| Ok(StoredResponse::no_content()),
    )
    .await
}

/// `PATCH /v1/orders/{id}/authorization`: new amount and lines. Lower (but not below what is
/// captured) is accepted; higher asks for credit again on the new total, decided like a new
/// order of that total (under the customer's lock, re-checked on the exposure committed
/// meanwhile; see `credit::decide::recheck`).
pub async fn update_authorization(
    services: &Services,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    order_id: uuid::Uuid,
    req: &UpdateAuthorizationRequest,
    key: Option<&IdempotencyKey>,
) -> Result<Reply<()>, OrderError> {
    let mut found = Vec::new();
    let amount = req.order_amount.unwrap_or(0);
    let tax = req.order_tax_amount.unwrap_or(0);
    if req.order_amount.is_none() {
        found.push(FieldProblem::new(
            "order_amount",
            "REQUIRED",
            "order_amount is required",
        ));
    }
    let lines = req.order_lines.clone().unwrap_or_default();
    if req.order_amount.is_some() {
        if lines.is_empty() {
            found.push(FieldProblem::new(
                "order_lines",
                "REQUIRED",
                "order_lines are required with a new order_amount",
            ));
        } else if let Err(errors) = validate_order_lines(&lines, amount, tax) {
            found.extend(problems(errors));
        }
    }
    if !found.is_empty() {
        return Err(OrderError::Validation(found));
    }
    let kdb = &services.kdb;
    let (order, national_id, merchant) = kdb
        .read_primary(|conn| {
            async move {
                let order = store::row(conn, Some(merchant_id), order_id).await?;
                let (country, national): (String, String) =
                    crate::customers::schema::customers::table
                        .find(order.customer_id)
                        .select((
                            crate::customers::schema::customers::country,
                            crate::customers::schema::customers::national_id,
                        ))
                        .first(conn)
                        .await?;
                let merchant = super::authorize::active_merchant(conn, merchant_id).await?;
                Ok::<_, OrderError>((order, (country, national), merchant))
            }
            .scope_boxed()
        })
        .await?;
    let (_, currency) = super::capture::country_currency(&order)?;
    let country = Country::parse_code(&national_id.0)
        .ok_or_else(|| OrderError::Internal(format!("stored country {}", national_id.0)))?;
    let today = country.date_at(services.ktime.now(kdb).await?);
    let id = NationalId::parse(country, &national_id.1, today)
        .map_err(|e| OrderError::Internal(format!("stored national id: {e}")))?;
    let order_ref = order_id.to_string();
    // A higher amount is decided on the new total (`order.amount`), with this order left out
    // of the exposure: raising an order step by step is decided exactly like placing it at
    // that total at once (the large-order rules see the whole amount).
    let application = CreditApplication {
        merchant_id,
        merchant_country: merchant.country,
        customer_id: order.customer_id,
        national_id: &id,
        product: Product::parse(&order.payment_method).unwrap_or(Product::Invoice),
        amount: Money::from_minor(amount, currency),
        order_ref: &order_ref,
        ip: None,
    };
    let decided = if amount > order.order_amount {
        Some(
            decide(kdb, &services.ktime, &services.providers, &application)
                .await
                .map_err(|e| match e {
                    DecideError::NoActiveRuleset { country, product } => {
                        OrderError::PolicyUnavailable(format!("{country} {product}"))
                    }
                    DecideError::Db(e) => OrderError::Db(e),
                })?,
        )
    } else {
        None
    };
    let (lines, decided, application, id) = (&lines, &decided, &application, &id);
    let order_ref = &order_ref;
    // As in create_order: a refused increase commits (decision logged, answer stored).
    idempotency::write_once(
        kdb,
        key,
        |conn| {
            async move {
                // The customer before the order (the order of locks everywhere).
                lock_customer(conn, id).await?;
                let order = store::lock(conn, merchant_id, order_id).await?;
                let now = services.ktime.now_in(conn).await?;
                if !order.status()?.is_open() || now >= order.expires_at {
                    return Err(OrderError::NotAllowed(
                        "the authorization has expired or the order is closed".into(),
                    ));
                }
                if amount < order.captured_amount + order.released_amount {
                    return Err(OrderError::NotAllowed(format!(
                        "order_amount {amount} is less than captured plus released ({})",
                        order.captured_amount + order.released_amount
                    )));
                }
                if amount > order.order_amount {
                    let Some(decided) = decided else {
                        // Another change lowered the order after this request read it: what
                        // was a decrease is now an increase that nobody decided on.
                        return Err(OrderError::Conflict(
                            "the order changed while this request was decided; retry".into(),
                        ));
                    };
                    let mut decided = decided.clone();
                    if decided.recheck(conn, &services.ktime, application).await? {
                        super::alerts::count_redecision();
                    }
                    let decision_id = decided
                        .record(
                            conn,
                            &services.ktime,
                            merchant_id,
                            order.customer_id,
                            order_ref,
                        )
                        .await
                        .map_err(|e| OrderError::Internal(e.to_string()))?;
                    if decided.decision.outcome != Outcome::Approve {
                        audit::record(
                            conn,
                            ctx,
                            AuditEntry {
                                action: "order.increase_rejected",
                                entity_type: "order",
                                entity_id: order_ref,
                                before: Some(json!({"order_amount": order.order_amount})),
                                after: Some(json!({
                                    "requested": amount, "decision_id": decision_id,
                                    "outcome": decided.decision.outcome.as_str(),
                                    "reason": decided.decision.reason,
                                })),
                            },
                        )
                        .await?;
                        super::alerts::after_refusal(
                            conn,
                            ctx,
                            &services.rejection_alert,
                            merchant_id,
                        )
                        .await?;
                        return Ok(Err(OrderError::Rejected {
                            outcome: decided.decision.outcome.as_str().to_string(),
                            reason: decided.decision.reason.clone(),
                        }));
                    }
                }
                let status = if order.captured_amount + order.released_amount >= amount {
                    OrderStatus::Captured
                } else {
                    order.status()?
                };
                diesel::update(o::table.find(order_id))
                    .set((
                        o::order_amount.eq(amount),
                        o::order_tax_amount.eq(tax),
                        o::order_lines.eq(serde_json::to_value(lines)
                            .map_err(|e| OrderError::Internal(e.to_string()))?),
                        o::status.eq(status.as_str()),
                        o::updated_at.eq(now),
                    ))
                    .execute(conn)
                    .await?;
                audit::record(
                    conn,
                    ctx,
                    AuditEntry {
                        action: "order.update_authorization",
                        entity_type: "order",
                        entity_id: order_ref,
                        before: Some(json!({"order_amount": order.order_amount})),
                        after: Some(json!({"order_amount": amount, "status": status.as_str()})),
                    },
                )
                .await?;
                Ok(Ok(()))
            }
            .scope_boxed()
        },
        |result| match result {
            Ok(()) => Ok(StoredResponse::no_content()),
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

/// Expires open orders whose authorization ran out by the business clock: `EXPIRED` when
/// nothing was captured, `CLOSED` when some was. Returns how many. Run by the job loop.
pub async fn expire_due(services: &Services, ctx: &Ctx) -> Result<usize, OrderError> {
    services
        .kdb
        .write(|conn| {
            async move {
                let now = services.ktime.now_in(conn).await?;
                let expired: Vec<(uuid::Uuid, String)> = diesel::update(
                    o::table
                        .filter(o::status.eq_any(["AUTHORIZED", "PART_CAPTURED"]))
                        .filter(o::expires_at.le(now)),
                )
                .set((
                    o::status.eq(diesel::dsl::sql::<diesel::sql_types::Text>(
                        "CASE WHEN captured_amount > 0 THEN 'CLOSED' ELSE 'EXPIRED' END",
                    )),
                    o::updated_at.eq(now),
                ))
                .returning((o::id, o::status))
                .get_results(conn)
                .await?;
                let ids: Vec<String> = expired.iter().map(|(id, _)| id.to_string()).collect();
                let entries: Vec<AuditEntry> = expired
                    .iter()
                    .zip(&ids)
                    .map(|((_, status), id)| AuditEntry {
                        action: "order.expire",
                        entity_type: "order",
                        entity_id: id,
                        before: None,
                        after: Some(json!({"status": status})),
                    })
                    .collect();
                audit::record_many(conn, ctx, &entries).await?;
                Ok(expired.len())
            }
            .scope_boxed()
        })
        .await
}
