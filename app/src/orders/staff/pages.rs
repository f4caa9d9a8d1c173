//! The staff order screens: search across merchants (a plain GET form, so links can be shared
//! and it works without JavaScript) and one order with its lines, captures, invoices, refunds
//! and the credit decision that authorized it. Also the tables the customer page reuses.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server_fns::{load_staff_order, search_orders};
use super::types::{InvoiceListRow, OrderListRow, StaffOrder};
use crate::i18n::format::{format_date, format_time_in};
use crate::i18n::{t, use_lang, Lang};
use crate::money::{Currency, Money};
use crate::orders::types::{Order, OrderStatus};
use crate::ui::components::{CodeLabel, LoadError};
pub use crate::ui::list::param;
use crate::ui::list::{
    loaded, sum_by_currency, totals_row, Col, DataTable, FilterForm, FilterInput, FilterSelect,
    Label, Paging,
};

/// Minor units in `currency`, written the way `lang` does (`1 250,00 kr`).
pub fn money(minor: i64, currency: &str, lang: Lang) -> String {
    match Currency::parse(currency) {
        Some(c) => Money::from_minor(minor, c).format(lang),
        None => format!("{minor} {currency}"),
    }
}

/// The message id of an order status.
pub fn status_id(status: &str) -> &'static str {
    match OrderStatus::parse(status) {
        Some(OrderStatus::Authorized) => "so-status-authorized",
        Some(OrderStatus::PartCaptured) => "so-status-part-captured",
        Some(OrderStatus::Captured) => "so-status-captured",
        Some(OrderStatus::Cancelled) => "so-status-cancelled",
        Some(OrderStatus::Expired) => "so-status-expired",
        Some(OrderStatus::Closed) => "so-status-closed",
        None => "so-unknown",
    }
}

/// The message id of an invoice status.
pub fn invoice_status_id(status: &str) -> &'static str {
    match status {
        "open" => "so-inv-status-open",
        "partially_paid" => "so-inv-status-partially-paid",
        "paid" => "so-inv-status-paid",
        "credited" => "so-inv-status-credited",
        _ => "so-unknown",
    }
}

/// A credit decision outcome as a badge (the raw outcome in `data-outcome`).
#[component]
pub fn DecisionOutcome(outcome: String) -> impl IntoView {
    let (class, id) = match outcome.as_str() {
        "approve" => ("badge badge-ok", "cr-outcome-approve"),
        "reject" => ("badge badge-error", "cr-outcome-reject"),
        "refer" => ("badge badge-warn", "cr-outcome-refer"),
        _ => ("badge badge-neutral", "so-unknown"),
    };
    view! { <span class=class data-outcome=outcome>{t(id)}</span> }
}

const ORDER_COLS: &[Col] = &[
    Col::text("so-created"),
    Col::text("so-order"),
    Col::text("so-merchant"),
    Col::text("so-reference"),
    Col::text("field-email"),
    Col::text("so-status"),
    Col::num("so-amount"),
    Col::num("so-captured"),
];

/// Orders as a table, each linking to its page, with the page's totals per currency.
#[component]
pub fn OrderTable(
    rows: Vec<OrderListRow>,
    #[prop(optional)] paging: Option<Paging>,
) -> impl IntoView {
    let lang = use_lang();
    let totals = totals_row(
        sum_by_currency(
            rows.iter()
                .map(|o| (o.currency.clone(), [o.order_amount, o.captured_amount])),
        ),
        6,
        0,
    );
    let rows = rows
        .into_iter()
        .map(|o| {
            let (amount, captured, currency) = (o.order_amount, o.captured_amount, o.currency);
            let c2 = currency.clone();
            let (at, country) = (o.created_at, o.country);
            view! {
                <tr>
                    <td>{move || format_time_in(at, &country, lang.get())}</td>
                    <td><a href=format!("/orders/{}", o.id)><code>{o.id.to_string()}</code></a></td>
                    <td><a href=format!("/merchants/{}", o.merchant_id)>{o.merchant_name}</a></td>
                    <td>{o.merchant_reference1}</td>
                    <td><a href=format!("/customers/{}", o.customer_id)>{o.customer_email}</a></td>
                    <td data-status=o.status.clone()>{t(status_id(&o.status))}</td>
                    <td class="num">{move || money(amount, &currency, lang.get())}</td>
                    <td class="num">{move || money(captured, &c2, lang.get())}</td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! { <DataTable cols=ORDER_COLS rows testid="orders" empty="so-no-orders" totals=totals paging=paging/> }
}

const INVOICE_COLS: &[Col] = &[
    Col::num("so-invoice-number"),
    Col::text("so-ocr"),
    Col::text("so-customer"),
    Col::text("so-merchant"),
    Col::text("so-invoice-date"),
    Col::text("so-due-date"),
    Col::num("so-total"),
    Col::num("so-amount-due"),
    Col::text("so-status"),
];

/// Invoices as a table, each linking to its page, with the page's totals per currency.
#[component]
pub fn InvoiceTable(
    rows: Vec<InvoiceListRow>,
    #[prop(optional)] paging: Option<Paging>,
) -> impl IntoView {
    let lang = use_lang();
    let totals = totals_row(
        sum_by_currency(
            rows.iter()
                .map(|i| (i.currency.clone(), [i.total_amount, i.amount_due])),
        ),
        6,
        1,
    );
    let rows = rows
        .into_iter()
        .map(|i| {
            let (total, due, currency) = (i.total_amount, i.amount_due, i.currency);
            let c2 = currency.clone();
            let (issued, due_date) = (i.invoice_date, i.due_date);
            view! {
                <tr>
                    <td class="num"><a href=format!("/invoices/{}", i.id)>{i.invoice_number}</a></td>
                    <td><code>{i.ocr}</code></td>
                    <td><a href=format!("/customers/{}", i.customer_id)>{i.customer_name}</a></td>
                    <td><a href=format!("/merchants/{}", i.merchant_id)>{i.merchant_name}</a></td>
                    <td>{move || format_date(issued, lang.get())}</td>
                    <td>{move || format_date(due_date, lang.get())}</td>
                    <td class="num">{move || money(total, &currency, lang.get())}</td>
                    <td class="num">{move || money(due, &c2, lang.get())}</td>
                    <td data-status=i.status.clone()>
                        {t(invoice_status_id(&i.status))}
                        {i.overdue.then(|| view! { " " <span class="badge badge-error">{t("so-overdue")}</span> })}
                    </td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! { <DataTable cols=INVOICE_COLS rows testid="invoices" empty="so-no-invoices" totals=totals paging=paging/> }
}

/// The merchant filter (`f-merchant`): every merchant by name.
pub fn merchant_filter(merchants: Vec<(uuid::Uuid, String)>) -> impl IntoView {
    let options = merchants
        .into_iter()
        .map(|(id, name)| (id.to_string(), Label::Raw(name)))
        .collect();
    view! { <FilterSelect name="merchant" label="so-merchant" options/> }
}

/// `/orders`.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.get();
            ["q", "status", "merchant", "from", "to", "after"].map(|n| param(&q, n))
        },
        |[q, status, merchant, from, to, after]| {
            search_orders(
                Some(q),
                Some(status),
                Some(merchant),
                Some(from),
                Some(to),
                Some(after),
            )
        },
    );
    let statuses = OrderStatus::ALL
        .into_iter()
        .map(|s| (s.as_str().to_string(), Label::msg(status_id(s.as_str()))))
        .collect();
    view! {
        <h1>{t("nav-orders")}</h1>
        <FilterForm action="/orders" id="order-search">
            <FilterInput name="q" label="so-search" kind="search"/>
            <FilterSelect name="status" label="so-status" options=statuses/>
            {loaded(data, |res| merchant_filter(res.merchants))}
            <FilterInput name="from" label="so-from" kind="date"/>
            <FilterInput name="to" label="so-to" kind="date"/>
        </FilterForm>
        {loaded(data, |res| {
            let paging = Paging::older("after", res.next);
            view! { <OrderTable rows=res.rows paging/> }
        })}
    }
}

/// `/orders/:id`.
#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.get().get("id").unwrap_or_default(),
        load_staff_order,
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(o) => view! { <OrderDetail o/> }.into_any(),
                Err(e) => view! { <h1>{t("nav-orders")}</h1> <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn OrderDetail(o: StaffOrder) -> impl IntoView {
    let lang = use_lang();
    let order = o.order;
    let cur = order.purchase_currency.clone();
    let m = move |minor: i64| {
        let cur = cur.clone();
        move || money(minor, &cur, lang.get())
    };
    let (created, expires, country) = (
        order.created_at,
        order.expires_at,
        order.purchase_country.clone(),
    );
    let c2 = country.clone();
    let title = if order.merchant_reference1.is_empty() {
        order.order_id.to_string()
    } else {
        order.merchant_reference1.clone()
    };
    view! {
        <h1>{t("so-order")} " " {title}</h1>
        <section class="card">
            <dl class="kv" data-testid="order-summary">
                <dt>{t("so-order-id")}</dt><dd><code>{order.order_id.to_string()}</code></dd>
                <dt>{t("so-status")}</dt><dd data-testid="order-status" data-status=order.status.as_str()>{t(status_id(order.status.as_str()))}</dd>
                <dt>{t("so-merchant")}</dt><dd><a href=format!("/merchants/{}", o.merchant_id)>{o.merchant_name.clone()}</a></dd>
                <dt>{t("so-customer")}</dt>
                <dd><a href=format!("/customers/{}", o.customer_id) data-testid="order-customer">{o.customer_name.clone()}</a> " " <span class="muted">{o.customer_email.clone()}</span></dd>
                <dt>{t("so-decision")}</dt>
                <dd data-testid="order-decision">
                    <a href=format!("/credit/decisions/{}", o.decision_id)>{o.decision_id}</a> " "
                    <DecisionOutcome outcome=order.decision.outcome.clone()/> " "
                    <CodeLabel prefix="cr-reason" code=order.decision.reason.clone()/>
                </dd>
                <dt>{t("so-reference")}</dt><dd>{order.merchant_reference1.clone()} " " {order.merchant_reference2.clone()}</dd>
                <dt>{t("so-country")}</dt><dd>{order.purchase_country.clone()} " / " {order.purchase_currency.clone()} " / " {order.locale.clone()} " / " {order.payment_method.clone()}</dd>
                <dt>{t("so-created")}</dt><dd>{move || format_time_in(created, &country, lang.get())}</dd>
                <dt>{t("so-expires")}</dt><dd>{move || format_time_in(expires, &c2, lang.get())}</dd>
                <dt>{t("so-amount")}</dt><dd>{m(order.order_amount)} " (" {t("so-original")} " " {m(order.original_order_amount)} ")"</dd>
                <dt>{t("so-captured")}</dt><dd>{m(order.captured_amount)}</dd>
                <dt>{t("so-refunded")}</dt><dd>{m(order.refunded_amount)}</dd>
                <dt>{t("so-remaining")}</dt><dd>{m(order.remaining_authorized_amount)}</dd>
            </dl>
        </section>
        <OrderParts order/>
    }
}

/// The lines, captures (with invoices) and refunds of an order.
#[component]
fn OrderParts(order: Order) -> impl IntoView {
    let lang = use_lang();
    let country = order.purchase_country.clone();
    let when = move |at| {
        let country = country.clone();
        move || format_time_in(at, &country, lang.get())
    };
    let cur = order.purchase_currency.clone();
    let m = move |minor: i64| {
        let cur = cur.clone();
        move || money(minor, &cur, lang.get())
    };
    let lines = order
        .order_lines
        .into_iter()
        .map(|l| {
            let rate = rust_decimal::Decimal::new(l.tax_rate, 2).normalize();
            view! {
                <tr>
                    <td>{l.reference.unwrap_or_default()}</td>
                    <td>{l.name}</td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{m(l.unit_price)}</td>
                    <td class="num">{format!("{rate} %")}</td>
                    <td class="num">{m(l.total_amount)}</td>
                </tr>
            }
        })
        .collect_view();
    let captures = order
        .captures
        .into_iter()
        .map(|c| {
            let inv = c.invoice;
            view! {
                <tr>
                    <td>{when(c.captured_at)}</td>
                    <td class="num">{m(c.captured_amount)}</td>
                    <td class="num"><a href=format!("/invoices/{}", inv.invoice_id) data-testid="invoice-link">{inv.invoice_number}</a></td>
                    <td><code>{inv.ocr_reference}</code></td>
                    <td>{move || format_date(inv.due_date, lang.get())}</td>
                    <td class="num">{m(inv.total_amount)}</td>
                    <td>{t(invoice_status_id(&inv.status))}</td>
                </tr>
            }
        })
        .collect_view();
    let refunds = order
        .refunds
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{when(r.refunded_at)}</td>
                    <td class="num">{m(r.refunded_amount)}</td>
                    <td class="num">{r.credit_note.credit_note_number}</td>
                    <td class="num">{m(r.paid_back_amount)}</td>
                    <td>{r.description}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t("so-lines")}</h2>
            <div class="table-wrap"><table class="data" data-testid="order-lines">
                <thead><tr><th>{t("so-reference")}</th><th>{t("field-name")}</th><th class="num">{t("so-quantity")}</th><th class="num">{t("so-unit-price")}</th><th class="num">{t("so-vat-rate")}</th><th class="num">{t("so-total")}</th></tr></thead>
                <tbody>{lines}</tbody>
            </table></div>
        </section>
        <section class="card">
            <h2>{t("so-captures")}</h2>
            <div class="table-wrap"><table class="data" data-testid="order-captures">
                <thead><tr><th>{t("so-captured-at")}</th><th class="num">{t("so-amount")}</th><th class="num">{t("so-invoice-number")}</th><th>{t("so-ocr")}</th><th>{t("so-due-date")}</th><th class="num">{t("so-total")}</th><th>{t("so-status")}</th></tr></thead>
                <tbody>{captures}</tbody>
            </table></div>
        </section>
        <section class="card">
            <h2>{t("so-refunds")}</h2>
            <div class="table-wrap"><table class="data" data-testid="order-refunds">
                <thead><tr><th>{t("so-refunded-at")}</th><th class="num">{t("so-amount")}</th><th class="num">{t("so-credit-note")}</th><th class="num">{t("so-paid-back")}</th><th>{t("so-description")}</th></tr></thead>
                <tbody>{refunds}</tbody>
            </table></div>
        </section>
    }
}
