//! What the order search takes and gives back (shared by the server and the browser, so the
//! portal and staff pages can build filters and show rows without the database code).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::types::OrderStatus;
use crate::ui::list::{keyset_page, PageDir, Paging};

/// Rows per page of the order list.
pub const PAGE_SIZE: usize = 50;

/// Where the next page starts: the last row shown (newest first, so the next page holds
/// orders created before it, ties broken by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderCursor {
    /// `created_at` of the last row shown.
    pub created_at: DateTime<Utc>,
    /// Its id.
    pub id: uuid::Uuid,
}

impl OrderCursor {
    /// The URL form: `<RFC 3339 time>_<uuid>`.
    pub fn encode(&self) -> String {
        format!(
            "{}_{}",
            self.created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            self.id
        )
    }

    /// Parses [`OrderCursor::encode`]; anything else is `None` (the first page).
    pub fn decode(s: &str) -> Option<OrderCursor> {
        let (at, id) = s.rsplit_once('_')?;
        Some(OrderCursor {
            created_at: DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc),
            id: uuid::Uuid::parse_str(id).ok()?,
        })
    }
}

/// The order list's filters. Empty text and `None` mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFilter {
    /// An order id (exact), or text found in either merchant reference or the customer's
    /// e-mail (case-insensitive).
    pub q: String,
    /// Only orders in this status.
    pub status: Option<OrderStatus>,
    /// Created on or after this business date (the order's country).
    pub from: Option<NaiveDate>,
    /// Created on or before this business date (the order's country).
    pub to: Option<NaiveDate>,
    /// The older page: the rows after this one.
    pub after: Option<OrderCursor>,
    /// The newer page: the rows before this one (ignored when `after` is set).
    pub before: Option<OrderCursor>,
}

/// One row of the order list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRowSummary {
    /// Id.
    pub order_id: uuid::Uuid,
    /// When it was placed (business time).
    pub created_at: DateTime<Utc>,
    /// Status.
    pub status: OrderStatus,
    /// Order amount incl. VAT, minor units.
    pub order_amount: i64,
    /// Captured so far, minor units.
    pub captured_amount: i64,
    /// Refunded so far, minor units.
    pub refunded_amount: i64,
    /// ISO 4217.
    pub currency: String,
    /// The purchase country, whose wall clock the list shows times in.
    pub country: String,
    /// The e-store's order number.
    pub merchant_reference1: String,
    /// The customer's e-mail as the e-store sent it.
    pub customer_email: String,
}

/// One page of the order list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSearchPage {
    /// At most [`PAGE_SIZE`] rows, newest first.
    pub rows: Vec<OrderRowSummary>,
    /// Where the next (older) page starts, when there is one.
    pub next: Option<OrderCursor>,
    /// Where the previous (newer) page ends, when there is one.
    pub prev: Option<OrderCursor>,
}

impl OrderSearchPage {
    /// A page from up to `PAGE_SIZE + 1` rows loaded in direction `dir` (newest first, or
    /// oldest first for the newer page): the extra row only tells that more exist that way.
    pub fn from_rows(dir: PageDir, rows: Vec<OrderRowSummary>) -> OrderSearchPage {
        let (rows, more) = keyset_page(dir, rows, PAGE_SIZE);
        let cursor = |r: &OrderRowSummary| OrderCursor {
            created_at: r.created_at,
            id: r.order_id,
        };
        let paging = Paging::keyset(
            dir,
            more,
            rows.first().map(|r| cursor(r).encode()),
            rows.last().map(|r| cursor(r).encode()),
        );
        OrderSearchPage {
            next: paging.next.as_deref().and_then(OrderCursor::decode),
            prev: paging.prev.as_deref().and_then(OrderCursor::decode),
            rows,
        }
    }
}

/// One event in an order's history (from the audit log), oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The audit action, e.g. `order.created`, `order.captured`.
    pub action: String,
    /// Business time of the event.
    pub at: DateTime<Utc>,
    /// Who did it: an e-mail, an API key label, or a system job's name.
    pub actor: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: u32) -> OrderRowSummary {
        OrderRowSummary {
            order_id: uuid::Uuid::from_u128(u128::from(n)),
            created_at: DateTime::from_timestamp(1_700_000_000 - i64::from(n), 0).unwrap(),
            status: OrderStatus::Authorized,
            order_amount: 100,
            captured_amount: 0,
            refunded_amount: 0,
            currency: "SEK".into(),
            country: "SE".into(),
            merchant_reference1: String::new(),
            customer_email: String::new(),
        }
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_the_first_page() {
        let c = OrderCursor {
            created_at: DateTime::from_timestamp(1_700_000_000, 123_456_000).unwrap(),
            id: uuid::Uuid::from_u128(42),
        };
        assert_eq!(OrderCursor::decode(&c.encode()), Some(c));
        assert_eq!(OrderCursor::decode("nonsense"), None);
        assert_eq!(OrderCursor::decode("2026-01-01T00:00:00Z_x"), None);
    }

    #[test]
    fn a_page_has_a_next_cursor_only_when_more_rows_exist() {
        let full: Vec<_> = (0..PAGE_SIZE as u32).map(row).collect();
        let page = OrderSearchPage::from_rows(PageDir::Newest, full);
        assert_eq!((page.next, page.prev), (None, None));
        let more: Vec<_> = (0..=PAGE_SIZE as u32).map(row).collect();
        let page = OrderSearchPage::from_rows(PageDir::Newest, more);
        assert_eq!(page.rows.len(), PAGE_SIZE);
        assert_eq!(
            page.next.map(|c| c.id),
            Some(page.rows[PAGE_SIZE - 1].order_id)
        );
        assert_eq!(page.prev, None);
    }

    #[test]
    fn a_newer_page_is_turned_newest_first_and_links_both_ways() {
        // Loaded oldest first (rows 60, 59, …): the page shows the 50 just before the cursor.
        let loaded: Vec<_> = (0..=PAGE_SIZE as u32).rev().map(|n| row(n + 10)).collect();
        let page = OrderSearchPage::from_rows(PageDir::Newer, loaded);
        assert_eq!(page.rows.len(), PAGE_SIZE);
        assert!(page.rows[0].created_at > page.rows[PAGE_SIZE - 1].created_at);
        assert_eq!(page.prev.map(|c| c.id), Some(page.rows[0].order_id));
        assert_eq!(
            page.next.map(|c| c.id),
            Some(page.rows[PAGE_SIZE - 1].order_id)
        );
        // The newest rows: no newer page beyond them.
        let last: Vec<_> = (0..3).rev().map(row).collect();
        assert_eq!(OrderSearchPage::from_rows(PageDir::Newer, last).prev, None);
    }
}
