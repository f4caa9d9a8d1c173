//! The staff invoice screens: the list across merchants (GET filters: status, overdue,
//! merchant, number/OCR) and one invoice with its order, capture and the journal entries that
//! carry it (each linking to the bookkeeping entry page).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::pages::{invoice_status_id, merchant_filter, money, param, InvoiceTable};
use super::server_fns::{load_invoice, search_invoices};
use super::types::{EntryWithLines, InvoiceDetail};
use crate::i18n::format::format_date;
use crate::i18n::{t, tr, use_lang, Lang};
use crate::ledger::events::LedgerEvent;
use crate::ledger::pages::cell;
use crate::ui::components::LoadError;
use crate::ui::list::{loaded, FilterCheck, FilterForm, FilterInput, FilterSelect, Label, Paging};

/// `/invoices`.
#[component]
pub fn InvoicesPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.get();
            ["status", "overdue", "merchant", "number", "after"].map(|n| param(&q, n))
        },
        |[status, overdue, merchant, number, after]| {
            search_invoices(
                Some(status),
                Some(overdue),
                Some(merchant),
                Some(number),
                Some(after),
            )
        },
    );
    let statuses = ["open", "partially_paid", "paid", "credited"]
        .map(|s| (s.to_string(), Label::msg(invoice_status_id(s))))
        .to_vec();
    view! {
        <h1>{t("nav-invoices")}</h1>
        <FilterForm action="/invoices" id="invoice-search">
            <FilterInput name="number" label="so-number-or-ocr" kind="search"/>
            <FilterSelect name="status" label="so-status" options=statuses/>
            {loaded(data, |res| merchant_filter(res.merchants))}
            <FilterCheck name="overdue" label="so-overdue-only"/>
        </FilterForm>
        {loaded(data, |res| {
            let paging = Paging::older("after", res.next);
            view! { <InvoiceTable rows=res.rows paging/> }
        })}
    }
}

/// `/invoices/:id`.
#[component]
pub fn InvoicePage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.get().get("id").unwrap_or_default(),
        load_invoice,
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(d) => view! { <InvoiceView d/> }.into_any(),
                Err(e) => view! { <h1>{t("nav-invoices")}</h1> <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn InvoiceView(d: InvoiceDetail) -> impl IntoView {
    let lang = use_lang();
    let row = d.row;
    let inv = d.capture.invoice;
    let cur = inv.currency.clone();
    let m = move |minor: i64| {
        let cur = cur.clone();
        move || money(minor, &cur, lang.get())
    };
    let entries = if d.entries.is_empty() {
        view! { <p class="empty">{t("so-no-entries")}</p> }.into_any()
    } else {
        d.entries
            .into_iter()
            .map(|e| view! { <EntryCard e/> })
            .collect_view()
            .into_any()
    };
    let (invoice_date, due_date) = (inv.invoice_date, inv.due_date);
    let pdf = format!("/invoices/{}/invoice.pdf", inv.invoice_id);
    let languages = Lang::ALL
        .map(|l| view! { <option value=l.code() selected=move || lang.get() == l>{l.native_name()}</option> })
        .to_vec();
    view! {
        <h1>{t("so-invoice")} " " {row.invoice_number} " (" {row.country.clone()} ")"</h1>
        <section class="card" data-testid="invoice-document">
            <h2>{t("so-invoice-document")}</h2>
            <p><a href=pdf.clone() data-testid="invoice-pdf">{t("so-invoice-pdf")}</a></p>
            // A plain GET form: the preview works without JavaScript and opens the PDF itself.
            <form method="get" action=pdf class="inline-form">
                <label for="preview-lang">{t("so-invoice-preview-lang")}</label>
                <select id="preview-lang" name="lang" data-testid="preview-lang">{languages}</select>
                <button type="submit" class="btn btn-secondary" data-testid="preview-pdf">{t("so-invoice-preview")}</button>
            </form>
        </section>
        <section class="card">
            <dl class="kv" data-testid="invoice-summary">
                <dt>{t("so-ocr")}</dt><dd><code data-testid="invoice-ocr">{inv.ocr_reference.clone()}</code></dd>
                <dt>{t("so-status")}</dt>
                <dd data-status=inv.status.clone()>
                    {t(invoice_status_id(&inv.status))}
                    {row.overdue.then(|| view! { " " <span class="badge badge-error">{t("so-overdue")}</span> })}
                </dd>
                <dt>{t("so-customer")}</dt><dd><a href=format!("/customers/{}", row.customer_id)>{row.customer_name.clone()}</a></dd>
                <dt>{t("so-merchant")}</dt><dd><a href=format!("/merchants/{}", row.merchant_id)>{row.merchant_name.clone()}</a></dd>
                <dt>{t("so-order")}</dt><dd><a href=format!("/orders/{}", row.order_id) data-testid="invoice-order"><code>{row.order_id.to_string()}</code></a></dd>
                <dt>{t("so-capture")}</dt><dd><code>{row.capture_id.to_string()}</code> " " {m(d.capture.captured_amount)} " " {d.capture.reference.clone()}</dd>
                <dt>{t("so-invoice-date")}</dt><dd>{move || format_date(invoice_date, lang.get())}</dd>
                <dt>{t("so-due-date")}</dt><dd>{move || format_date(due_date, lang.get())}</dd>
                <dt>{t("so-goods")}</dt><dd>{m(inv.goods_amount)}</dd>
                <dt>{t("so-fee")}</dt><dd>{m(inv.invoice_fee)}</dd>
                <dt>{t("so-total")}</dt><dd>{m(inv.total_amount)}</dd>
                <dt>{t("so-credited")}</dt><dd>{m(inv.credited_amount)}</dd>
                <dt>{t("so-paid")}</dt><dd>{m(inv.paid_amount)}</dd>
                <dt>{t("so-amount-due")}</dt><dd data-testid="invoice-due">{m(inv.amount_due)}</dd>
            </dl>
        </section>
        <section class="card" data-testid="invoice-entries">
            <h2>{t("so-entries")}</h2>
            {entries}
        </section>
    }
}

/// One journal entry with its lines, linking to the bookkeeping entry page.
#[component]
fn EntryCard(e: EntryWithLines) -> impl IntoView {
    let lang = use_lang();
    let event = LedgerEvent::parse(&e.event)
        .map(|ev| ev.message_id())
        .unwrap_or_else(|| e.event.clone());
    let rows = e
        .lines
        .into_iter()
        .map(|l| {
            let (debit, credit) = if l.amount.is_sign_positive() {
                (l.amount, Default::default())
            } else {
                (Default::default(), -l.amount)
            };
            view! {
                <tr data-account=l.account>
                    <td>{l.account}</td>
                    <td>{move || if lang.get() == Lang::Sv { l.name_sv.clone() } else { l.name_en.clone() }}</td>
                    <td>{l.currency.clone()}</td>
                    <td class="num">{move || cell(debit, lang.get())}</td>
                    <td class="num">{move || cell(credit, lang.get())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>
            <a href=format!("/bookkeeping/entries/{}", e.id) data-testid="entry-link">{t("bk-entry")} " " {e.id}</a>
            " — " {move || format_date(e.business_date, lang.get())} " — " {move || tr(lang.get(), &event)}
        </h3>
        <p class="muted">{e.description}</p>
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th>{t("bk-account")}</th>
                        <th>{t("field-name")}</th>
                        <th>{t("bk-currency")}</th>
                        <th class="num">{t("bk-debit")}</th>
                        <th class="num">{t("bk-credit")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
