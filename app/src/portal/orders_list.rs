//! `/portal`: the merchant's orders, newest first — search by order id, reference or the
//! customer's e-mail, filter by status and dates (a plain GET form), pages of 50.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::order_page::{money, status_message_id};
use crate::error::AppError;
use crate::i18n::{t, tr, use_lang};
use crate::orders::search_types::{OrderRowSummary, OrderSearchPage};
use crate::orders::types::OrderStatus;
use crate::portal::HOME_PATH;
use crate::ui::components::LoadError;

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
#[server(prefix = "/api", endpoint = "portal_orders", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_portal_orders(
    q: String,
    status: String,
    from: String,
    to: String,
    after: String,
) -> Result<OrderSearchPage, AppError> {
    use crate::error::with_status;
    use crate::kdb::{KdbError, ScopedFutureExt};
    use crate::orders::search_types::{OrderCursor, OrderFilter};
    use crate::portal::guard::require_merchant_user;

    with_status(
        async {
            let cap = require_merchant_user().await?;
            let filter = OrderFilter {
                q: q.trim().to_string(),
                status: parse_status(&status)?,
                from: parse_date("from", &from)?,
                to: parse_date("to", &to)?,
                after: OrderCursor::decode(after.trim()),
            };
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
            Ok(OrderSearchPage::from_rows(rows))
        }
        .await,
    )
}

/// The query string of the list with these filters (and a page cursor).
fn list_link(params: &[(&str, String)]) -> String {
    let query = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    format!("{HOME_PATH}?{query}")
}

/// Percent-encodes a query value (unreserved characters stay).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `/portal`.
#[component]
pub fn PortalOrdersPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.with(|q| q.get(k).unwrap_or_default());
    let page = Resource::new(
        move || {
            (
                get("q"),
                get("status"),
                get("from"),
                get("to"),
                get("after"),
            )
        },
        |(q, status, from, to, after)| load_portal_orders(q, status, from, to, after),
    );
    view! {
        <h1>{t("portal-nav-orders")}</h1>
        <OrderFilters/>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || page.get().map(|r| match r {
                Ok(data) => {
                    let filters = [
                        ("q", get("q")),
                        ("status", get("status")),
                        ("from", get("from")),
                        ("to", get("to")),
                    ];
                    view! { <OrdersTable data filters/> }.into_any()
                }
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The filter form: a plain GET to the list, so filters are in the URL and work without
/// JavaScript.
#[component]
fn OrderFilters() -> impl IntoView {
    let query = use_query_map();
    let lang = use_lang();
    let value = move |k: &'static str| move || query.with(|q| q.get(k).unwrap_or_default());
    let options = move || {
        let chosen = query.with(|q| q.get("status").unwrap_or_default());
        OrderStatus::ALL
            .into_iter()
            .map(|s| {
                let selected = chosen == s.as_str();
                view! {
                    <option value=s.as_str() selected=selected>{tr(lang.get(), &status_message_id(s))}</option>
                }
            })
            .collect_view()
    };
    view! {
        <form method="get" action=HOME_PATH class="filters" data-testid="order-filters">
            <div class="field">
                <label for="orders-q">{t("portal-orders-search")}</label>
                <input id="orders-q" name="q" type="search" prop:value=value("q")/>
            </div>
            <div class="field">
                <label for="orders-status">{t("portal-order-status")}</label>
                <select id="orders-status" name="status">
                    <option value="">{t("portal-orders-any-status")}</option>
                    {options}
                </select>
            </div>
            <div class="field">
                <label for="orders-from">{t("portal-orders-from")}</label>
                <input id="orders-from" name="from" type="date" prop:value=value("from")/>
            </div>
            <div class="field">
                <label for="orders-to">{t("portal-orders-to")}</label>
                <input id="orders-to" name="to" type="date" prop:value=value("to")/>
            </div>
            <button type="submit" class="btn btn-secondary" id="orders-filter">{t("portal-orders-filter")}</button>
        </form>
    }
}

#[component]
fn OrdersTable(data: OrderSearchPage, filters: [(&'static str, String); 4]) -> impl IntoView {
    if data.rows.is_empty() {
        return view! { <p class="empty" data-testid="portal-orders-empty">{t("portal-orders-empty")}</p> }
            .into_any();
    }
    let next = data.next.map(|c| {
        let mut params: Vec<(&str, String)> = filters.to_vec();
        params.push(("after", c.encode()));
        list_link(&params)
    });
    let rows = data
        .rows
        .into_iter()
        .map(|r| view! { <OrderRow r/> })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data" data-testid="portal-orders">
                <thead><tr>
                    <th>{t("portal-order-reference")}</th><th>{t("portal-order-created")}</th>
                    <th>{t("portal-order-status")}</th><th>{t("portal-order-amount")}</th>
                    <th>{t("portal-order-captured")}</th><th>{t("portal-order-refunded")}</th>
                    <th>{t("portal-orders-customer")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {next.map(|href| view! {
            <nav class="pagination"><a href=href data-testid="orders-next">{t("portal-orders-next")}</a></nav>
        })}
    }
    .into_any()
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
    view! {
        <tr data-order-id=r.order_id.to_string()>
            <td><a href=href>{reference}</a></td>
            <td>{r.created_at.format("%Y-%m-%d %H:%M").to_string()}</td>
            <td><span class="badge badge-neutral">{move || tr(lang.get(), &status_id)}</span></td>
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

    #[test]
    fn links_keep_filters_and_encode_them() {
        let link = list_link(&[
            ("q", "a b&c".into()),
            ("status", String::new()),
            ("after", "x".into()),
        ]);
        assert_eq!(link, "/portal?q=a%20b%26c&after=x");
    }
}
