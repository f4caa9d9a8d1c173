//! Refunds: a credit note against the capture's invoice in one transaction with its ledger
//! entries. The part of a refund the customer still owed reduces the receivable; the part
//! they had already paid becomes money owed back to them (a payout instruction that the
//! payments run pays).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::capture::{country_currency, ledger_error, next_invoice_number};
use super::error::OrderError;
use super::idempotency::{self, IdempotencyKey, Reply, StoredResponse};
use super::lines::OrderLine;
use super::schema::{
    captures as c, customer_payouts as p, invoices as i, orders as o, refunds as r,
};
use super::store;
use super::types::{Refund, RefundRequest};
use super::validate::amount_lines_texts;
use crate::invoices::vat::{breakdown_amount, breakdown_lines};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, ScopedFutureExt};
use crate::ledger::post::post;
use crate::ledger::rules::{self, InvoiceRef};
use crate::money::Money;
use crate::services::Services;

struct ValidRefund {
    amount: i64,
    description: String,
    reference: String,
    lines: Vec<OrderLine>,
}

fn validate(req: &RefundRequest) -> Result<ValidRefund, OrderError> {
    let mut problems_found = Vec::new();
    let lines = req.order_lines.clone().unwrap_or_default();
    let amount = amount_lines_texts(
        &mut problems_found,
        "refunded_amount",
        req.refunded_amount,
        &lines,
        [
            ("description", &req.description),
            ("reference", &req.reference),
        ],
    );
    if !problems_found.is_empty() {
        return Err(OrderError::Validation(problems_found));
    }
    Ok(ValidRefund {
        amount,
        description: req.description.clone().unwrap_or_default(),
        reference: req.reference.clone().unwrap_or_default(),
        lines,
    })
}

/// `POST /v1/orders/{id}/refunds`.
pub async fn refund_order(
    services: &Services,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    order_id: uuid::Uuid,
    req: &RefundRequest,
    key: Option<&IdempotencyKey>,
) -> Result<Reply<Refund>, OrderError> {
    let valid = validate(req)?;
    let valid = &valid;
    idempotency::write_once(
        &services.kdb,
        key,
        |conn| {
            async move { refund_in(conn, services, ctx, merchant_id, order_id, valid).await }
                .scope_boxed()
        },
        |refund| {
            StoredResponse::json(
                201,
                refund,
                Some(format!(
                    "/v1/orders/{order_id}/refunds/{}",
                    refund.refund_id
                )),
            )
        },
    )
    .await
}

async fn refund_in(
    conn: &mut Conn,
    services: &Services,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    order_id: uuid::Uuid,
    valid: &ValidRefund,
) -> Result<Refund, OrderError> {
    let order = store::lock(conn, merchant_id, order_id).await?;
    let refundable = order.captured_amount - order.refunded_amount;
    if valid.amount > refundable {
        return Err(OrderError::RefundNotAllowed(format!(
            "refunded_amount {} is more than captured minus refunded ({refundable})",
            valid.amount
        )));
    }
    // The newest capture with room for the whole refund: one refund, one credit note.
    let candidates: Vec<(uuid::Uuid, i64, i64, serde_json::Value)> = c::table
        .filter(c::order_id.eq(order_id))
        .order((c::captured_at.desc(), c::id.desc()))
        .select((
            c::id,
            c::captured_amount,
            c::refunded_amount,
            c::order_lines,
        ))
        .load(conn)
        .await?;
    let Some((capture_id, _, capture_refunded, capture_lines)) = candidates
        .into_iter()
        .find(|(_, captured, refunded, _)| captured - refunded >= valid.amount)
    else {
        return Err(OrderError::RefundNotAllowed(
            "no single capture has that much left to refund; refund per capture".into(),
        ));
    };
    let (country, currency) = country_currency(&order)?;
    let now = services.ktime.now_in(conn).await?;
    let today = country.date_at(now);
    let vat = if valid.lines.is_empty() {
        let capture_lines = store::lines_of(&capture_lines)?;
        let base = if capture_lines.is_empty() {
            order.lines()?
        } else {
            capture_lines
        };
        breakdown_amount(valid.amount, &base)
    } else {
        breakdown_lines(&valid.lines)
    }
    .map_err(|e| OrderError::Internal(format!("VAT: {e}")))?;
    let (invoice_id, total, credited, paid): (uuid::Uuid, i64, i64, i64) = i::table
        .filter(i::capture_id.eq(capture_id))
        .select((i::id, i::total_amount, i::credited_amount, i::paid_amount))
        .for_update()
        .first(conn)
        .await?;
    let open = (total - credited - paid).max(0);
    let before_payment = valid.amount.min(open);
    let after_payment = valid.amount - before_payment;
    let number = next_invoice_number(conn, country).await?;
    let refund_id = uuid::Uuid::new_v4();
    let json_err = |e: serde_json::Error| OrderError::Internal(format!("json: {e}"));
    diesel::insert_into(r::table)
        .values((
            r::id.eq(refund_id),
            r::order_id.eq(order_id),
            r::merchant_id.eq(merchant_id),
            r::capture_id.eq(capture_id),
            r::invoice_id.eq(invoice_id),
            r::refunded_amount.eq(valid.amount),
            r::description.eq(&valid.description),
            r::reference.eq(&valid.reference),
            r::order_lines.eq(serde_json::to_value(&valid.lines).map_err(json_err)?),
            r::credit_note_number.eq(number),
            r::vat_breakdown.eq(serde_json::to_value(vat.rows()).map_err(json_err)?),
            r::refunded_at.eq(now),
        ))
        .execute(conn)
        .await?;
    let new_credited = credited + valid.amount;
    let status = crate::payments::invoices_due::status(total, new_credited, paid);
    diesel::update(i::table.find(invoice_id))
        .set((i::credited_amount.eq(new_credited), i::status.eq(status)))
        .execute(conn)
        .await?;
    diesel::update(c::table.find(capture_id))
        .set(c::refunded_amount.eq(capture_refunded + valid.amount))
        .execute(conn)
        .await?;
    diesel::update(o::table.find(order_id))
        .set((
            o::refunded_amount.eq(order.refunded_amount + valid.amount),
            o::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
    let inv = InvoiceRef {
        merchant_id: merchant_id.to_string(),
        customer_id: order.customer_id.to_string(),
        invoice_id: invoice_id.to_string(),
    };
    if before_payment > 0 {
        let mut entry =
            rules::refund_before_payment(today, &inv, Money::from_minor(before_payment, currency));
        entry.idempotency_key = Some(format!("refund:{refund_id}:open"));
        post(conn, ctx, &entry).await.map_err(ledger_error)?;
    }
    if after_payment > 0 {
        let mut entry =
            rules::refund_after_payment(today, &inv, Money::from_minor(after_payment, currency));
        entry.idempotency_key = Some(format!("refund:{refund_id}:paid"));
        post(conn, ctx, &entry).await.map_err(ledger_error)?;
        diesel::insert_into(p::table)
            .values((
                p::id.eq(uuid::Uuid::new_v4()),
                p::customer_id.eq(order.customer_id),
                p::refund_id.eq(refund_id),
                p::currency.eq(currency.code()),
                p::amount.eq(after_payment),
                p::created_at.eq(now),
            ))
            .execute(conn)
            .await?;
    }
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "order.refund",
            entity_type: "order",
            entity_id: &order_id.to_string(),
            before: Some(json!({"refunded_amount": order.refunded_amount})),
            after: Some(json!({
                "refunded_amount": order.refunded_amount + valid.amount,
                "refund_id": refund_id, "invoice_id": invoice_id,
                "credit_note_number": number, "paid_back": after_payment,
            })),
        },
    )
    .await?;
    store::refunds(conn, order_id, Some(refund_id))
        .await?
        .pop()
        .ok_or_else(|| OrderError::Internal("refund vanished".into()))
}
