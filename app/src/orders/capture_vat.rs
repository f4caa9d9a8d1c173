//! The VAT of a capture by amount (no lines): spread over what is still uncaptured per rate —
//! the order's lines per rate minus the goods of the invoices already issued for it — not
//! over the whole order. Lines 1000 @ 25 % + 1000 @ 6 %, the 25 % line captured by lines,
//! then 1000 by amount: the second invoice is all 6 %, not half of each. Whatever sequence of
//! captures by lines and then by amount, the invoices add up per rate to the order, gross and
//! VAT, because the last capture takes exactly what is left of every rate.

use crate::invoices::vat::{breakdown_lines, breakdown_over, VatBreakdown, VatError, VatRow};

use super::lines::OrderLine;

/// What of each rate of `order_lines` is not yet invoiced by `invoiced` (the goods breakdowns
/// of the order's invoices). Rates with nothing left are dropped.
pub fn uncaptured(
    order_lines: &[OrderLine],
    invoiced: &[VatBreakdown],
) -> Result<VatBreakdown, VatError> {
    let mut left = breakdown_lines(order_lines)?;
    for taken in invoiced {
        let negated = taken
            .rows()
            .iter()
            .map(|r| VatRow {
                tax_rate: r.tax_rate,
                gross: -r.gross,
                net: -r.net,
                tax: -r.tax,
            })
            .collect();
        left = left.combine(&VatBreakdown::from_rows(negated)?)?;
    }
    VatBreakdown::from_rows(
        left.rows()
            .iter()
            .copied()
            .filter(|r| r.gross != 0 || r.tax != 0)
            .collect(),
    )
}

/// The goods breakdown of capturing `amount` without lines from an order with `order_lines`
/// whose earlier invoices took `invoiced`.
pub fn by_amount(
    amount: i64,
    order_lines: &[OrderLine],
    invoiced: &[VatBreakdown],
) -> Result<VatBreakdown, VatError> {
    if order_lines.is_empty() {
        return Err(VatError::NoLines);
    }
    breakdown_over(amount, &uncaptured(order_lines, invoiced)?)
}

/// The goods breakdowns of the invoices issued for `order_id` so far (read under the order's
/// lock, so no capture is issued meanwhile).
#[cfg(feature = "ssr")]
pub async fn invoiced_goods(
    conn: &mut crate::kdb::Conn,
    order_id: uuid::Uuid,
) -> Result<Vec<VatBreakdown>, super::error::OrderError> {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;

    use super::error::OrderError;
    use super::schema::invoices as i;

    let stored: Vec<serde_json::Value> = i::table
        .filter(i::order_id.eq(order_id))
        .select(i::vat_breakdown)
        .load(conn)
        .await?;
    stored
        .into_iter()
        .map(|v| {
            serde_json::from_value(v.get("goods").cloned().unwrap_or_default())
                .map_err(|e| OrderError::Internal(format!("stored VAT breakdown: {e}")))
        })
        .collect()
}

#[cfg(test)]
#[path = "capture_vat_tests.rs"]
mod tests;
