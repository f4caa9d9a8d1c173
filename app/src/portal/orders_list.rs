//! `/portal`: the merchant's orders, newest first — search by order id, reference or the
//! customer's e-mail, filter by status and dates (a plain GET form), pages of 50 with links to
//! the newer and older page; built from the list-page kit (`ui::list`) like the staff lists.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::order_page::{money, status_message_id};
use crate::error::AppError;
use crate::i18n::format::format_time_in;
use crate::i18n::{t, tr, use_lang};
use crate::orders::search_types::{OrderRowSummary, OrderSearchPage};
use crate::orders::types::OrderStatus;
use crate::portal::HOME_PATH;
use crate::ui::list::{
    loaded, param, sum_by_currency, totals_row, Col, DataTable, FilterForm, FilterInput,
    FilterSelect, Label, Paging,
};

/// A `YYYY-MM-DD` date field; empty is "no limit".
pub fn parse_date(field: &str, text: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| AppError::invalid(field, "ERR_PORTAL_ORDERS_DATE"))
}

/// A status filter in its API spelling; empty is "any".
pub fn parse_status(text: &str) -> Result<Option<OrderStatus>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    OrderStatus::parse(text)
        .map(Some)
        .ok_or_else(|| AppError::invalid("status", "ERR_PORTAL_ORDERS_STATUS"))
}

/// One page of the caller's merchant's orders (read on the standby: a list may lag a moment).
/// `after` asks for the older page after that row, `before` for the newer page before it.
#[server(prefix = "/api", endpoint = "portal_orders", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_portal_orders(
    q: String,
    status: String,
    from: String,
    to: String,
    after: String,
    before: String,
) -> Result<OrderSearchPage, AppError> {
    use crate::kdb::{KdbError, ScopedFutureExt};
    use crate::orders::search_types::{OrderCursor, OrderFilter};
    use crate::portal::guard::require_merchant_user;
    use crate::request::with_status;
    use crate::ui::list::PageDir;

    with_status(
        async {
            let cap = require_merchant_user().await?;
            let filter = OrderFilter {
                q: q.trim().to_string(),
                status: parse_status(&status)?,
                from: parse_date("from", &from)?,
                to: parse_date("to", &to)?,
                after: OrderCursor::decode(after.trim()),
                before: OrderCursor::decode(before.trim()),
            };
            let dir = PageDir::of(filter.after.is_some(), filter.before.is_some());
            let merchant_id = Some(cap.merchant_id());
            let filter = &filter;
            let rows = crate::request::services()?
                .kdb
                .read(|c| {
                    async move { crate::orders::search::search(c, merchant_id, filter).await }
                        .scope_boxed()
                })
                .await
                .map_err(|e: KdbError| AppError::from(e))?;
            Ok(OrderSearchPage::from_rows(dir, rows))
        }
        .await,
    )
}

/// `/portal`.
#[component]
pub fn PortalOrdersPage() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(
        move || {
            let q = query.get();
            ["q", "status", "from", "to", "after", "before"].map(|n| param(&q, n))
        },
        |[q, status, from, to, after, before]| {
            load_portal_orders(q, status, from, to, after, before)
        },
    );
    let statuses = OrderStatus::ALL
        .into_iter()
        .map(|s| (s.as_str().to_string(), Label::Msg(status_message_id(s))))
        .collect();
    view! {
        <h1>{t("portal-nav-orders")}</h1>
        <FilterForm action=HOME_PATH id="order-filters">
            <FilterInput name="q" label="portal-orders-search" kind="search"/>
            <FilterSelect name="status" label="portal-order-status" options=statuses all="portal-orders-any-status"/>
            <FilterInput name="from" label="portal-orders-from" kind="date"/>
            <FilterInput name="to" label="portal-orders-to" kind="date"/>
        </FilterForm>
        {loaded(page, |data| view! { <OrdersTable data/> })}
    }
}

const ORDER_COLS: &[Col] = &[
    Col::text("portal-order-reference"),
    Col::text("portal-order-created"),
    Col::text("portal-order-status"),
    Col::num("portal-order-amount"),
    Col::num("portal-order-captured"),
    Col::num("portal-order-refunded"),
    Col::text("portal-orders-customer"),
];

/// The page's orders under the kit's table, with the page's totals per currency and paging
/// both ways.
#[component]
fn OrdersTable(data: OrderSearchPage) -> impl IntoView {
    let sums = sum_by_currency(data.rows.iter().map(|r| {
        (
            r.currency.clone(),
            [r.order_amount, r.captured_amount, r.refunded_amount],
        )
    }));
    let totals = totals_row(sums, 3, 1);
    let paging = Paging {
        key: "after",
        next: data.next.map(|c| c.encode()),
        newer_key: "before",
        prev: data.prev.map(|c| c.encode()),
    };
    let rows = data
        .rows
        .into_iter()
        .map(|r| view! { <OrderRow r/> }.into_any())
        .collect();
    view! {
        <DataTable cols=ORDER_COLS rows testid="portal-orders" empty="portal-orders-empty"
            totals=totals paging=Some(paging)/>
    }
}

#[component]
fn OrderRow(r: OrderRowSummary) -> impl IntoView {
    let lang = use_lang();
    let href = super::order_actions::order_path(&r.order_id.to_string());
    let reference = if r.merchant_reference1.is_empty() {
        r.order_id.to_string()
    } else {
        r.merchant_reference1.clone()
    };
    let status_id = status_message_id(r.status);
    let (c1, c2, c3) = (r.currency.clone(), r.currency.clone(), r.currency.clone());
    let (at, country) = (r.created_at, r.country.clone());
    view! {
        <tr data-order-id=r.order_id.to_string()>
            <td><a href=href>{reference}</a></td>
            <td>{move || format_time_in(at, &country, lang.get())}</td>
            <td data-status=r.status.as_str()>{move || tr(lang.get(), &status_id)}</td>
            <td class="num">{move || money(r.order_amount, &c1, lang.get())}</td>
            <td class="num">{move || money(r.captured_amount, &c2, lang.get())}</td>
            <td class="num">{move || money(r.refunded_amount, &c3, lang.get())}</td>
            <td>{r.customer_email.clone()}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_or_name_their_field() {
        assert_eq!(parse_date("from", " ").unwrap(), None);
        assert!(parse_date("from", "2026-11-28").unwrap().is_some());
        assert_eq!(
            parse_date("to", "28/11/2026").unwrap_err().code(),
            "ERR_PORTAL_ORDERS_DATE"
        );
        assert_eq!(parse_status("").unwrap(), None);
        assert_eq!(
            parse_status("PART_CAPTURED").unwrap(),
            Some(OrderStatus::PartCaptured)
        );
        assert_eq!(
            parse_status("open").unwrap_err().code(),
            "ERR_PORTAL_ORDERS_STATUS"
        );
    }
}
