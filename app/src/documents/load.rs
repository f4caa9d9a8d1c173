//! Reads one invoice or credit note through KDB (the standby) into a [`Document`]: the
//! customer's address as of the document date from the address history, the merchant, the
//! captured (or refunded) lines, VAT per rate, fee, total, reference, due date and terms.

use chrono::NaiveDate;
use diesel::sql_types::{
    BigInt, Date, Integer, Jsonb, Nullable, Text, Timestamptz, Uuid as SqlUuid,
};
use diesel_async::RunQueryDsl;
use scoped_futures::ScopedFutureExt;

use super::model::{DocLine, Document, DocumentKind, Recipient};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::invoices::vat::VatRow;
use crate::kdb::{Conn, Kdb, KdbError};
use crate::ktime::Country;
use crate::money::Currency;
use crate::orders::lines::OrderLine;

#[derive(diesel::QueryableByName)]
struct Row {
    #[diesel(sql_type = SqlUuid)]
    id: uuid::Uuid,
    #[diesel(sql_type = Text)]
    country: String,
    #[diesel(sql_type = BigInt)]
    number: i64,
    #[diesel(sql_type = Text)]
    ocr: String,
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = Text)]
    language: String,
    #[diesel(sql_type = Date)]
    invoice_date: NaiveDate,
    #[diesel(sql_type = Date)]
    due_date: NaiveDate,
    #[diesel(sql_type = BigInt)]
    goods_amount: i64,
    #[diesel(sql_type = BigInt)]
    invoice_fee: i64,
    #[diesel(sql_type = Jsonb)]
    vat_breakdown: serde_json::Value,
    #[diesel(sql_type = SqlUuid)]
    customer_id: uuid::Uuid,
    #[diesel(sql_type = Nullable<BigInt>)]
    billing_address_id: Option<i64>,
    #[diesel(sql_type = Text)]
    merchant_name: String,
    #[diesel(sql_type = Text)]
    customer_name: String,
    #[diesel(sql_type = Text)]
    order_reference: String,
    #[diesel(sql_type = Jsonb)]
    capture_lines: serde_json::Value,
    #[diesel(sql_type = Integer)]
    payment_terms_days: i32,
}

const INVOICE_SQL: &str = "SELECT i.id, i.country, i.invoice_number AS number, i.ocr, i.currency, \
    i.language, i.invoice_date, i.due_date, i.goods_amount, i.invoice_fee, i.vat_breakdown, \
    i.customer_id, i.billing_address_id, m.legal_name AS merchant_name, \
    trim(c.given_name || ' ' || c.family_name) AS customer_name, \
    COALESCE(NULLIF(o.merchant_reference1, ''), o.id::text) AS order_reference, \
    cap.order_lines AS capture_lines, a.payment_terms_days \
    FROM invoices i JOIN merchants m ON m.id = i.merchant_id \
    JOIN customers c ON c.id = i.customer_id JOIN orders o ON o.id = i.order_id \
    JOIN captures cap ON cap.id = i.capture_id \
    JOIN merchant_agreements a ON a.id = o.agreement_id WHERE i.id = $1";

#[derive(diesel::QueryableByName)]
struct RefundRow {
    #[diesel(sql_type = SqlUuid)]
    invoice_id: uuid::Uuid,
    #[diesel(sql_type = BigInt)]
    refunded_amount: i64,
    #[diesel(sql_type = BigInt)]
    credit_note_number: i64,
    #[diesel(sql_type = Jsonb)]
    order_lines: serde_json::Value,
    #[diesel(sql_type = Jsonb)]
    vat_breakdown: serde_json::Value,
    #[diesel(sql_type = Timestamptz)]
    refunded_at: chrono::DateTime<chrono::Utc>,
}

#[derive(diesel::QueryableByName)]
struct AddressRow {
    #[diesel(sql_type = Text)]
    care_of: String,
    #[diesel(sql_type = Text)]
    street: String,
    #[diesel(sql_type = Text)]
    postal_code: String,
    #[diesel(sql_type = Text)]
    city: String,
    #[diesel(sql_type = Text)]
    country: String,
}

/// The address the customer had on `date`: the newest verified entry of the history recorded
/// before the end of that day, else the billing address the order named, else the newest.
async fn address_as_of(
    conn: &mut Conn,
    customer_id: uuid::Uuid,
    billing_address_id: Option<i64>,
    date: NaiveDate,
) -> Result<Option<AddressRow>, KdbError> {
    let day_end = date.succ_opt().unwrap_or(date);
    let rows: Vec<AddressRow> = diesel::sql_query(
        "SELECT care_of, street, postal_code, city, country FROM customer_addresses \
         WHERE customer_id = $1 ORDER BY \
         (verified AND recorded_at < $2::date) DESC, (id = $3) DESC, recorded_at DESC, id DESC \
         LIMIT 1",
    )
    .bind::<SqlUuid, _>(customer_id)
    .bind::<Date, _>(day_end)
    .bind::<BigInt, _>(billing_address_id.unwrap_or(-1))
    .load(conn)
    .await?;
    Ok(rows.into_iter().next())
}

fn bad(what: &str) -> KdbError {
    KdbError::Query(diesel::result::Error::DeserializationError(
        format!("document: {what}").into(),
    ))
}

fn vat_rows(v: &serde_json::Value) -> Result<Vec<VatRow>, KdbError> {
    // Invoices store {"goods": [...], "fee": [...]}, credit notes the list itself.
    let lists: Vec<&serde_json::Value> = match v {
        serde_json::Value::Object(o) => o.values().collect(),
        other => vec![other],
    };
    let mut rows: Vec<VatRow> = Vec::new();
    for list in lists {
        let part: Vec<VatRow> =
            serde_json::from_value(list.clone()).map_err(|_| bad("VAT breakdown"))?;
        for r in part {
            match rows.iter_mut().find(|x| x.tax_rate == r.tax_rate) {
                Some(x) => {
                    x.gross += r.gross;
                    x.net += r.net;
                    x.tax += r.tax;
                }
                None => rows.push(r),
            }
        }
    }
    rows.sort_by_key(|r| r.tax_rate);
    Ok(rows)
}

fn doc_lines(v: &serde_json::Value, vat: &[VatRow], lang: Lang) -> Result<Vec<DocLine>, KdbError> {
    let lines: Vec<OrderLine> = serde_json::from_value(v.clone()).map_err(|_| bad("lines"))?;
    if lines.is_empty() {
        // A capture (or refund) by amount: one line per VAT rate of the goods.
        let name = crate::i18n::tr(lang, "doc-col-amount");
        return Ok(vat
            .iter()
            .map(|r| DocLine {
                name: name.clone(),
                quantity: 1,
                unit: None,
                unit_price: r.gross,
                tax_rate: r.tax_rate,
                amount: r.gross,
            })
            .collect());
    }
    Ok(lines
        .into_iter()
        .map(|l| DocLine {
            name: l.name,
            quantity: l.quantity,
            unit: l.quantity_unit,
            unit_price: l.unit_price,
            tax_rate: l.tax_rate,
            amount: l.total_amount,
        })
        .collect())
}

async fn invoice_row(conn: &mut Conn, id: uuid::Uuid) -> Result<Option<Row>, KdbError> {
    let rows: Vec<Row> = diesel::sql_query(INVOICE_SQL)
        .bind::<SqlUuid, _>(id)
        .load(conn)
        .await?;
    Ok(rows.into_iter().next())
}

async fn document_of(conn: &mut Conn, row: Row, lang: Option<Lang>) -> Result<Document, KdbError> {
    let country = Country::parse_code(&row.country).ok_or_else(|| bad("country"))?;
    let currency = Currency::parse(&row.currency).ok_or_else(|| bad("currency"))?;
    let lang = lang
        .or_else(|| Lang::parse(&row.language))
        .unwrap_or_else(|| Lang::of_country(country));
    let vat = vat_rows(&row.vat_breakdown)?;
    let goods_vat = {
        let goods = row.vat_breakdown.get("goods").cloned().unwrap_or_default();
        vat_rows(&goods)?
    };
    let address = address_as_of(
        conn,
        row.customer_id,
        row.billing_address_id,
        row.invoice_date,
    )
    .await?;
    let recipient = recipient(row.customer_name, address);
    let lines = doc_lines(&row.capture_lines, &goods_vat, lang)?;
    Ok(Document {
        id: row.id,
        kind: DocumentKind::Invoice,
        lang,
        country,
        currency,
        number: row.number,
        date: row.invoice_date,
        due_date: Some(row.due_date),
        payment_terms_days: i64::from(row.payment_terms_days),
        order_reference: row.order_reference,
        merchant_name: row.merchant_name,
        recipient,
        lines,
        vat,
        fee: row.invoice_fee,
        total: row.goods_amount + row.invoice_fee,
        reference: row.ocr,
    })
}

fn recipient(name: String, a: Option<AddressRow>) -> Recipient {
    let a = a.unwrap_or(AddressRow {
        care_of: String::new(),
        street: String::new(),
        postal_code: String::new(),
        city: String::new(),
        country: String::new(),
    });
    Recipient {
        name,
        care_of: a.care_of,
        street: a.street,
        postal_code: a.postal_code,
        city: a.city,
        country: a.country,
    }
}

/// Loads invoice `id` in one read transaction; `lang` overrides its stored language.
pub async fn invoice_in(
    conn: &mut Conn,
    id: uuid::Uuid,
    lang: Option<Lang>,
) -> Result<Option<Document>, KdbError> {
    match invoice_row(conn, id).await? {
        Some(row) => Ok(Some(document_of(conn, row, lang).await?)),
        None => Ok(None),
    }
}

/// Loads invoice `id` (standby read).
pub async fn invoice(
    kdb: &Kdb,
    id: uuid::Uuid,
    lang: Option<Lang>,
) -> Result<Option<Document>, AppError> {
    Ok(kdb
        .read(|conn| async move { invoice_in(conn, id, lang).await }.scope_boxed())
        .await?)
}

/// Loads the credit note of refund `id` in one read transaction.
pub async fn credit_note_in(
    conn: &mut Conn,
    id: uuid::Uuid,
    lang: Option<Lang>,
) -> Result<Option<Document>, KdbError> {
    let rows: Vec<RefundRow> = diesel::sql_query(
        "SELECT r.invoice_id, r.refunded_amount, r.credit_note_number, r.order_lines, \
         r.vat_breakdown, r.refunded_at \
         FROM refunds r WHERE r.id = $1",
    )
    .bind::<SqlUuid, _>(id)
    .load(conn)
    .await?;
    let Some(refund) = rows.into_iter().next() else {
        return Ok(None);
    };
    let Some(row) = invoice_row(conn, refund.invoice_id).await? else {
        return Ok(None);
    };
    let invoice_number = row.number;
    let invoice_date = row.invoice_date;
    let mut doc = document_of(conn, row, lang).await?;
    let vat = vat_rows(&refund.vat_breakdown)?;
    doc.id = id;
    doc.kind = DocumentKind::CreditNote {
        invoice_number,
        invoice_date,
    };
    doc.number = refund.credit_note_number;
    doc.date = doc.country.date_at(refund.refunded_at);
    doc.due_date = None;
    doc.lines = doc_lines(&refund.order_lines, &vat, doc.lang)?;
    doc.vat = vat;
    doc.fee = 0;
    doc.total = refund.refunded_amount;
    Ok(Some(doc))
}

/// Loads the credit note of refund `id` (standby read).
pub async fn credit_note(
    kdb: &Kdb,
    id: uuid::Uuid,
    lang: Option<Lang>,
) -> Result<Option<Document>, AppError> {
    Ok(kdb
        .read(|conn| async move { credit_note_in(conn, id, lang).await }.scope_boxed())
        .await?)
}
