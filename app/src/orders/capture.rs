//! Capturing an order (the goods shipped): one transaction creates the capture, its invoice
//! (number, payment reference, due date, fee, VAT per rate) and the ledger entries —
//! receivable against what is owed to the merchant plus the invoice fee, and the merchant's
//! commission.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use rust_decimal::Decimal;
use serde_json::json;

use super::error::OrderError;
use super::idempotency::{self, IdempotencyKey, Reply, StoredResponse};
use super::schema::{captures as c, invoices as i, orders as o};
use super::store::{self, OrderRow};
use super::types::{Capture, CaptureRequest, OrderStatus, ShippingInfo};
use super::validate::{amount_lines_texts, language_of};
use crate::invoices::banking_days;
use crate::invoices::ocr::reference_for;
use crate::invoices::vat::{breakdown_lines, invoice_fee_breakdown};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{cached, Conn, Ctx, ScopedFutureExt};
use crate::ktime::Country;
use crate::ledger::post::post;
use crate::ledger::rules::{self, InvoiceRef};
use crate::ledger::vat::{commission_vat, invoice_fee_vat};
use crate::merchants::agreements;
use crate::money::{Currency, Money, Rounding};
use crate::services::Services;

/// Most shipping-info entries.
const MAX_SHIPPING_INFO: usize = 500;

/// A checked capture request.
struct ValidCapture {
    amount: i64,
    description: String,
    reference: String,
    lines: Vec<super::lines::OrderLine>,
    shipping: Vec<ShippingInfo>,
}

fn validate(req: &CaptureRequest) -> Result<ValidCapture, OrderError> {
    let mut p = Vec::new();
    let lines = req.order_lines.clone().unwrap_or_default();
    let amount = amount_lines_texts(
        &mut p,
        "captured_amount",
        req.captured_amount,
        &lines,
        [
            ("description", &req.description),
            ("reference", &req.reference),
        ],
    );
    let shipping = req.shipping_info.clone().unwrap_or_default();
    if shipping.len() > MAX_SHIPPING_INFO {
        p.push(super::error::FieldProblem::new(
            "shipping_info",
            "TOO_MANY",
            format!("at most {MAX_SHIPPING_INFO} shipping_info entries"),
        ));
    }
    if !p.is_empty() {
        return Err(OrderError::Validation(p));
    }
    Ok(ValidCapture {
        amount,
        description: req.description.clone().unwrap_or_default(),
        reference: req.reference.clone().unwrap_or_default(),
        lines,
        shipping,
    })
}

/// The country and currency of a stored order.
pub(super) fn country_currency(row: &OrderRow) -> Result<(Country, Currency), OrderError> {
    let country = Country::parse_code(&row.purchase_country)
        .ok_or_else(|| OrderError::Internal(format!("country {:?}", row.purchase_country)))?;
    let currency = Currency::parse(&row.purchase_currency)
        .ok_or_else(|| OrderError::Internal(format!("currency {:?}", row.purchase_currency)))?;
    Ok((country, currency))
}

/// An amount in major units as integer minor units, rounded half-up.
pub(super) fn minor(amount: Decimal, currency: Currency) -> Result<i64, OrderError> {
    Money::new(amount, currency)
        .round(Rounding::HalfUp)
        .to_minor()
        .map_err(|e| OrderError::Internal(format!("amount: {e}")))
}

/// The next number in `country`'s invoice series (also used for credit notes): gapless, see
/// [`crate::invoices::numbers`].
pub(super) async fn next_invoice_number(
    conn: &mut Conn,
    country: Country,
) -> Result<i64, OrderError> {
    crate::invoices::numbers::next(conn, country)
        .await
        .map_err(|e| match e {
            crate::invoices::numbers::NumberError::Db(e) => OrderError::Db(e),
            other => OrderError::Internal(other.to_string()),
        })
}

/// The country the merchant is established in (its commission's VAT depends on it).
async fn merchant_country(conn: &mut Conn, merchant_id: uuid::Uuid) -> Result<Country, OrderError> {
    use crate::merchants::schema::merchants as m;
    let code: String = m::table
        .find(merchant_id)
        .select(m::country)
        .first(conn)
        .await?;
    Country::parse_code(&code).ok_or_else(|| OrderError::Internal(format!("country {code:?}")))
}

/// Maps a ledger failure (a bug or the database) to an order error.
pub(super) fn ledger_error(e: crate::ledger::post::LedgerError) -> OrderError {
    match e {
        crate::ledger::post::LedgerError::Db(e) => OrderError::Db(e),
        other => OrderError::Internal(format!("ledger: {other}")),
    }
}

/// `POST /v1/orders/{id}/captures`.
pub async fn capture_order(
    services: &Services,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    order_id: uuid::Uuid,
    req: &CaptureRequest,
    key: Option<&IdempotencyKey>,
) -> Result<Reply<Capture>, OrderError> {
    let valid = validate(req)?;
    let valid = &valid;
    idempotency::write_once(
        &services.kdb,
        key,
        |conn| {
            async move { capture_in(conn, services, ctx, merchant_id, order_id, valid).await }
                .scope_boxed()
        },
        |capture| {
            StoredResponse::json(
                201,
                capture,
                Some(format!(
                    "/v1/orders/{order_id}/captures/{}",
                    capture.capture_id
                )),
            )
        },
    )
    .await
}

async fn capture_in(
    conn: &mut Conn,
    services: &Services,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    order_id: uuid::Uuid,
    valid: &ValidCapture,
) -> Result<Capture, OrderError> {
    let order = store::lock(conn, merchant_id, order_id).await?;
    let now = services.ktime.now_in(conn).await?;
    let status = order.status()?;
    if !status.is_open() {
        return Err(OrderError::CaptureNotAllowed(format!(
            "the order is {}",
            status.as_str()
        )));
    }
    if now >= order.expires_at {
        return Err(OrderError::CaptureNotAllowed(
            "the authorization has expired".into(),
        ));
    }
    if valid.amount > order.remaining() {
        return Err(OrderError::CaptureNotAllowed(format!(
            "captured_amount {} is more than the remaining authorization {}",
            valid.amount,
            order.remaining()
        )));
    }
    let (country, currency) = country_currency(&order)?;
    let today = country.date_at(now);
    let agreement = agreements::by_id(conn, order.agreement_id)
        .await?
        .ok_or_else(|| OrderError::Internal(format!("agreement {}", order.agreement_id)))?;
    let terms = &agreement.terms;
    let goods_vat = if valid.lines.is_empty() {
        let invoiced = super::capture_vat::invoiced_goods(conn, order_id).await?;
        super::capture_vat::by_amount(valid.amount, &order.lines()?, &invoiced)
    } else {
        breakdown_lines(&valid.lines)
    }
    .map_err(|e| OrderError::Internal(format!("VAT: {e}")))?;
    let fee = minor(terms.invoice_fee, currency)?;
    let fee_vat = invoice_fee_breakdown(fee, services.invoicing.fee_vat)
        .map_err(|e| OrderError::Internal(format!("fee VAT: {e}")))?;
    let number = next_invoice_number(conn, country).await?;
    let ocr = reference_for(
        country,
        u64::try_from(number).unwrap_or(0),
        services.invoicing.ocr,
    )
    .map_err(|e| OrderError::Internal(format!("payment reference: {e}")))?;
    let capture_id = uuid::Uuid::new_v4();
    let invoice_id = uuid::Uuid::new_v4();
    // On a banking day of the invoice's country (weekends and bank holidays move it on).
    let due_date = banking_days::due_date(country, today, i64::from(terms.payment_terms_days));
    let json_err = |e: serde_json::Error| OrderError::Internal(format!("json: {e}"));
    diesel::insert_into(c::table)
        .values((
            c::id.eq(capture_id),
            c::order_id.eq(order_id),
            c::merchant_id.eq(merchant_id),
            c::captured_amount.eq(valid.amount),
            c::description.eq(&valid.description),
            c::reference.eq(&valid.reference),
            c::order_lines.eq(serde_json::to_value(&valid.lines).map_err(json_err)?),
            c::shipping_info.eq(serde_json::to_value(&valid.shipping).map_err(json_err)?),
            c::captured_at.eq(now),
        ))
        .execute(conn)
        .await?;
    let vat_json = json!({"goods": goods_vat.rows(), "fee": fee_vat.rows()});
    diesel::insert_into(i::table)
        .values((
            i::id.eq(invoice_id),
            i::country.eq(country.code()),
            i::invoice_number.eq(number),
            i::ocr.eq(&ocr),
            i::currency.eq(currency.code()),
            i::merchant_id.eq(merchant_id),
            i::customer_id.eq(order.customer_id),
            i::order_id.eq(order_id),
            i::capture_id.eq(capture_id),
            i::billing_address_id.eq(order.billing_address_id),
            i::language.eq(language_of(&order.locale, country)),
            i::invoice_date.eq(today),
            i::due_date.eq(due_date),
            i::goods_amount.eq(valid.amount),
            i::invoice_fee.eq(fee),
            i::total_amount.eq(valid.amount + fee),
            i::vat_breakdown.eq(vat_json),
            i::status.eq("open"),
            i::created_at.eq(now),
        ))
        .execute(conn)
        .await?;
    let captured = order.captured_amount + valid.amount;
    let new_status = if captured + order.released_amount >= order.order_amount {
        OrderStatus::Captured
    } else {
        OrderStatus::PartCaptured
    };
    cached(diesel::update(o::table.find(order_id)).set((
        o::captured_amount.eq(captured),
        o::status.eq(new_status.as_str()),
        o::updated_at.eq(now),
    )))
    .execute(conn)
    .await?;
    let inv = InvoiceRef {
        merchant_id: merchant_id.to_string(),
        customer_id: order.customer_id.to_string(),
        invoice_id: invoice_id.to_string(),
    };
    let goods = Money::from_minor(valid.amount, currency);
    let fee_vat_line =
        invoice_fee_vat(services.invoicing.fee_vat.tax_rate, fee_vat.tax(), currency)
            .map_err(|e| OrderError::Internal(format!("fee VAT: {e}")))?;
    let fee_money = Money::from_minor(fee, currency);
    let mut entry = rules::order_captured(today, &inv, goods, fee_money, fee_vat_line)
        .map_err(|e| OrderError::Internal(format!("ledger: {e}")))?;
    entry.idempotency_key = Some(format!("capture:{capture_id}"));
    post(conn, ctx, &entry).await.map_err(ledger_error)?;
    let commission = Money::new(
        goods
            .amount()
            .checked_mul(terms.commission_percent / Decimal::ONE_HUNDRED)
            .and_then(|v| v.checked_add(terms.commission_fixed))
            .ok_or_else(|| OrderError::Internal("commission overflow".into()))?,
        currency,
    )
    .round(Rounding::HalfUp);
    if commission.is_positive() {
        let vat = commission_vat(merchant_country(conn, merchant_id).await?);
        let mut entry = rules::merchant_commission(today, &inv.merchant_id, commission, vat)
            .map_err(|e| OrderError::Internal(format!("ledger: {e}")))?;
        entry.idempotency_key = Some(format!("commission:{capture_id}"));
        post(conn, ctx, &entry).await.map_err(ledger_error)?;
    }
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "order.capture",
            entity_type: "order",
            entity_id: &order_id.to_string(),
            before: Some(json!({"status": order.status, "captured_amount": order.captured_amount})),
            after: Some(json!({
                "status": new_status.as_str(), "captured_amount": captured,
                "capture_id": capture_id, "invoice_id": invoice_id, "invoice_number": number,
                "ocr": ocr, "due_date": due_date, "invoice_fee": fee,
            })),
        },
    )
    .await?;
    store::captures(conn, order_id, Some(capture_id))
        .await?
        .pop()
        .ok_or_else(|| OrderError::Internal("capture vanished".into()))
}
