//! The order API's request and response bodies, shared by the REST handlers, the portal and
//! the staff pages (one set of types, so the two front doors cannot drift apart). Amounts are
//! integer minor units, as in Klarna's Order Management API.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::lines::OrderLine;

/// Where an order is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrderStatus {
    /// Credit granted; nothing captured yet.
    Authorized,
    /// Some of the amount captured.
    PartCaptured,
    /// The whole amount captured (or the rest released).
    Captured,
    /// Cancelled before any capture.
    Cancelled,
    /// The authorization ran out before anything was captured.
    Expired,
    /// Partly captured and then expired or released: nothing more can be captured.
    Closed,
}

impl OrderStatus {
    /// Every status, for filters.
    pub const ALL: [OrderStatus; 6] = [
        OrderStatus::Authorized,
        OrderStatus::PartCaptured,
        OrderStatus::Captured,
        OrderStatus::Cancelled,
        OrderStatus::Expired,
        OrderStatus::Closed,
    ];

    /// The stored and API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Authorized => "AUTHORIZED",
            OrderStatus::PartCaptured => "PART_CAPTURED",
            OrderStatus::Captured => "CAPTURED",
            OrderStatus::Cancelled => "CANCELLED",
            OrderStatus::Expired => "EXPIRED",
            OrderStatus::Closed => "CLOSED",
        }
    }

    /// Parses [`OrderStatus::as_str`].
    pub fn parse(s: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether more can still be captured (subject to the expiry time).
    pub fn is_open(self) -> bool {
        matches!(self, OrderStatus::Authorized | OrderStatus::PartCaptured)
    }
}

/// The buyer, as the e-store identifies them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CustomerInput {
    /// Personnummer, fødselsnummer, henkilötunnus or CPR, in any usual spelling.
    pub national_identification_number: Option<String>,
    /// E-mail for the invoice.
    pub email: Option<String>,
    /// Mobile phone for reminders.
    pub phone: Option<String>,
}

/// A postal address as the e-store sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AddressInput {
    /// Given name.
    pub given_name: Option<String>,
    /// Family name.
    pub family_name: Option<String>,
    /// Street and number.
    pub street_address: Option<String>,
    /// c/o, apartment.
    pub street_address2: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// ISO 3166 alpha-2.
    pub country: Option<String>,
}

/// `POST /v1/orders`. Every field is optional in the type so that a missing one is reported
/// by name with all the others (422), not as a parse failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CreateOrderRequest {
    /// ISO 3166 alpha-2: SE, NO, FI or DK.
    pub purchase_country: Option<String>,
    /// ISO 4217: SEK, NOK, DKK or EUR (must be the country's currency).
    pub purchase_currency: Option<String>,
    /// RFC 1766, e.g. `sv-SE`: the invoice's language.
    pub locale: Option<String>,
    /// Total incl. VAT, minor units; the sum of the lines' `total_amount`.
    pub order_amount: Option<i64>,
    /// Total VAT, minor units; the sum of the lines' `total_tax_amount`.
    pub order_tax_amount: Option<i64>,
    /// 1 to 1000 lines.
    pub order_lines: Option<Vec<OrderLine>>,
    /// The buyer.
    pub customer: Option<CustomerInput>,
    /// Where the invoice goes when the registry has no address.
    pub billing_address: Option<AddressInput>,
    /// The e-store's own order number (≤ 255).
    pub merchant_reference1: Option<String>,
    /// A second reference (≤ 255).
    pub merchant_reference2: Option<String>,
    /// `invoice` (or `installments`, once plans exist).
    pub payment_method: Option<String>,
    /// The buyer's IP address, when known (a credit fact).
    pub customer_ip: Option<String>,
}

/// The credit decision as the e-store sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionSummary {
    /// `approve`, `reject` or `refer`.
    pub outcome: String,
    /// Reason code, e.g. `APPROVED`, `CREDIT_LIMIT`.
    pub reason: String,
}

/// 201 answer to `POST /v1/orders`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderCreated {
    /// The new order's id.
    pub order_id: uuid::Uuid,
    /// Always `AUTHORIZED`.
    pub status: OrderStatus,
    /// Captures are possible until then.
    pub expires_at: DateTime<Utc>,
    /// The credit decision.
    pub decision: DecisionSummary,
}

/// One VAT rate's share of an invoice or credit note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VatAmount {
    /// Percent with two implied decimals (2500 = 25 %).
    pub tax_rate: i64,
    /// Incl. VAT.
    pub gross: i64,
    /// Excl. VAT.
    pub net: i64,
    /// The VAT.
    pub tax: i64,
}

/// An invoice, created by a capture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Invoice {
    /// Id.
    pub invoice_id: uuid::Uuid,
    /// Number in the country's series.
    pub invoice_number: i64,
    /// The payment reference (OCR / KID / viitenumero) the customer pays with.
    pub ocr_reference: String,
    /// Issue date (business date).
    pub invoice_date: NaiveDate,
    /// Due date: invoice date + the agreement's payment terms.
    pub due_date: NaiveDate,
    /// ISO 4217.
    pub currency: String,
    /// Goods captured incl. VAT.
    pub goods_amount: i64,
    /// Invoice fee charged to the customer.
    pub invoice_fee: i64,
    /// Goods + fee.
    pub total_amount: i64,
    /// Credited by refunds.
    pub credited_amount: i64,
    /// Paid by the customer.
    pub paid_amount: i64,
    /// What the customer still owes.
    pub amount_due: i64,
    /// `open`, `partially_paid`, `paid` or `credited`.
    pub status: String,
    /// VAT of the goods, per rate.
    pub vat: Vec<VatAmount>,
    /// VAT of the invoice fee (empty when there is no fee; rate 0 when exempt).
    pub invoice_fee_vat: Vec<VatAmount>,
}

/// A capture and its invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Capture {
    /// Id.
    pub capture_id: uuid::Uuid,
    /// Amount captured incl. VAT.
    pub captured_amount: i64,
    /// Refunded from this capture.
    pub refunded_amount: i64,
    /// Free text.
    pub description: String,
    /// The e-store's reference (shipment number).
    pub reference: String,
    /// The lines shipped (may be empty for a capture by amount).
    pub order_lines: Vec<OrderLine>,
    /// Carrier and tracking.
    pub shipping_info: Vec<ShippingInfo>,
    /// When.
    pub captured_at: DateTime<Utc>,
    /// The invoice this capture created.
    pub invoice: Invoice,
}

/// Shipping details of a capture.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShippingInfo {
    /// Carrier.
    pub shipping_company: Option<String>,
    /// e.g. `Home`, `PickUpPoint`.
    pub shipping_method: Option<String>,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// Tracking link.
    pub tracking_uri: Option<String>,
}

/// `POST /v1/orders/{id}/captures`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CaptureRequest {
    /// Amount to capture incl. VAT (≤ the remaining authorization).
    pub captured_amount: Option<i64>,
    /// Free text (≤ 255).
    pub description: Option<String>,
    /// The e-store's reference (≤ 255).
    pub reference: Option<String>,
    /// The lines shipped; their totals must add up to `captured_amount`.
    pub order_lines: Option<Vec<OrderLine>>,
    /// Carrier and tracking (≤ 500).
    pub shipping_info: Option<Vec<ShippingInfo>>,
}

/// A credit note created by a refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CreditNote {
    /// Number in the country's invoice series.
    pub credit_note_number: i64,
    /// The invoice credited.
    pub invoice_id: uuid::Uuid,
    /// VAT per rate.
    pub vat: Vec<VatAmount>,
}

/// A refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Refund {
    /// Id.
    pub refund_id: uuid::Uuid,
    /// Amount refunded incl. VAT.
    pub refunded_amount: i64,
    /// Free text.
    pub description: String,
    /// The e-store's reference.
    pub reference: String,
    /// The lines returned (may be empty).
    pub order_lines: Vec<OrderLine>,
    /// When.
    pub refunded_at: DateTime<Utc>,
    /// The capture refunded.
    pub capture_id: uuid::Uuid,
    /// The credit note.
    pub credit_note: CreditNote,
    /// Part of the refund paid back to the customer (they had already paid the invoice).
    pub paid_back_amount: i64,
}

/// `POST /v1/orders/{id}/refunds`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RefundRequest {
    /// Amount to refund incl. VAT (≤ captured − refunded).
    pub refunded_amount: Option<i64>,
    /// Free text (≤ 255).
    pub description: Option<String>,
    /// The e-store's reference (≤ 255).
    pub reference: Option<String>,
    /// The lines returned; their totals must add up to `refunded_amount`.
    pub order_lines: Option<Vec<OrderLine>>,
}

/// `PATCH /v1/orders/{id}/authorization`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UpdateAuthorizationRequest {
    /// The new order amount incl. VAT.
    pub order_amount: Option<i64>,
    /// The new order VAT.
    pub order_tax_amount: Option<i64>,
    /// Free text.
    pub description: Option<String>,
    /// The new lines; they must add up to `order_amount`.
    pub order_lines: Option<Vec<OrderLine>>,
}

/// An order with everything that happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Order {
    /// Id.
    pub order_id: uuid::Uuid,
    /// Status.
    pub status: OrderStatus,
    /// ISO 3166 alpha-2.
    pub purchase_country: String,
    /// ISO 4217.
    pub purchase_currency: String,
    /// RFC 1766.
    pub locale: String,
    /// `invoice` or `installments`.
    pub payment_method: String,
    /// Current order amount incl. VAT.
    pub order_amount: i64,
    /// The amount first authorized.
    pub original_order_amount: i64,
    /// Current order VAT.
    pub order_tax_amount: i64,
    /// Captured so far.
    pub captured_amount: i64,
    /// Refunded so far.
    pub refunded_amount: i64,
    /// What may still be captured (0 once expired, cancelled or released).
    pub remaining_authorized_amount: i64,
    /// The lines.
    pub order_lines: Vec<OrderLine>,
    /// The e-store's references.
    pub merchant_reference1: String,
    /// The e-store's second reference.
    pub merchant_reference2: String,
    /// When the order was placed (business time).
    pub created_at: DateTime<Utc>,
    /// Captures are possible until then.
    pub expires_at: DateTime<Utc>,
    /// The credit decision.
    pub decision: DecisionSummary,
    /// Captures, oldest first.
    pub captures: Vec<Capture>,
    /// Refunds, oldest first.
    pub refunds: Vec<Refund>,
}
