//! `/portal/orders/:id`: one of the merchant's orders — status and amounts, lines, captures
//! with their invoices, refunds with their credit notes, the credit decision and the timeline —
//! with the capture, refund, cancel and release forms (plain forms: they work without
//! JavaScript and come back here, with the success message or the error, and a failed
//! capture or refund shows what was typed). Cancel and release go through a confirmation
//! step first (`?confirm=cancel|release`), which names the order and the amounts concerned.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::order_actions::{
    confirm_path, order_error_text, order_path, typed_form_id, CancelPortalOrder,
    CapturePortalOrder, RefundPortalOrder, ReleasePortalOrder,
};
use crate::error::AppError;
use crate::i18n::format::{format_date, format_decimal, format_money, format_time_in};
use crate::i18n::{t, tr, use_lang, Lang};
use crate::orders::search_types::TimelineEntry;
use crate::orders::staff::pages::DecisionOutcome;
use crate::orders::types::{Capture, Order, OrderStatus, Refund, VatAmount};
use crate::portal::HOME_PATH;
use crate::ui::components::{CsrfField, LoadError};
use crate::ui::confirm::{ConfirmButtons, ConfirmStep};
use crate::ui::form::{is_about, use_typed, TextField, Typed};
use crate::ui::list::{Col, DataTable};

/// What the order page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalOrderView {
    /// The order with its captures, invoices and refunds.
    pub order: Order,
    /// Its audit records, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// The one-time token the page's forms send (see `order_actions`): new at every load, so
    /// the page shown after an action offers fresh forms, while a form sent twice does its
    /// work once.
    pub form_token: String,
}

/// The caller's order `id` (another merchant's order is "not found", like a missing one).
#[server(prefix = "/api", endpoint = "portal_order", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_portal_order(id: String) -> Result<PortalOrderView, AppError> {
    use super::order_actions::imp::{order_id_of, to_app_error};
    use crate::kdb::ScopedFutureExt;
    use crate::orders::error::OrderError;
    use crate::portal::guard::require_merchant_user;
    use crate::request::with_status;

    with_status(
        async {
            let cap = require_merchant_user().await?;
            let id = order_id_of(&id)?;
            let merchant_id = cap.merchant_id();
            // The primary: the page right after an action must show it.
            let (order, timeline) = crate::request::services()?
                .kdb
                .read_primary(|c| {
                    async move {
                        let order = crate::orders::store::load(c, Some(merchant_id), id).await?;
                        let timeline = crate::orders::search::timeline(c, id).await?;
                        Ok::<_, OrderError>((order, timeline))
                    }
                    .scope_boxed()
                })
                .await
                .map_err(to_app_error)?;
            Ok(PortalOrderView {
                order,
                timeline,
                form_token: uuid::Uuid::new_v4().to_string(),
            })
        }
        .await,
    )
}

/// Minor units in `currency`, written the way `lang` writes money.
pub fn money(minor: i64, currency: &str, lang: Lang) -> String {
    match crate::money::Currency::parse(currency) {
        Some(c) => crate::money::Money::from_minor(minor, c).format(lang),
        None => format_money(Decimal::new(minor, 2), currency, lang),
    }
}

/// Minor units as a bare number for an amount field (`1 250,00` / `1,250.00`).
fn amount_input(minor: i64, lang: Lang) -> String {
    format_decimal(Decimal::new(minor, 2), 2, lang)
}

/// The Fluent id of a status's name.
pub fn status_message_id(status: OrderStatus) -> String {
    format!(
        "portal-order-status-{}",
        status.as_str().to_ascii_lowercase().replace('_', "-")
    )
}

/// A timeline action in words (`order.capture` → `portal-order-event-order-capture`); an
/// action without a message is "changed", never its code (which stays in `data-action`).
fn event_text(lang: Lang, action: &str) -> String {
    let id = format!("portal-order-event-{}", action.replace(['.', '_'], "-"));
    let text = tr(lang, &id);
    if text == id {
        tr(lang, "portal-order-event-other")
    } else {
        text
    }
}

/// A VAT rate in hundredths of a percent as `25 %` / `12,5 %`.
fn rate(tax_rate: i64, lang: Lang) -> String {
    let d = Decimal::new(tax_rate, 2).normalize();
    format!("{}\u{a0}%", format_decimal(d, d.scale(), lang))
}

fn when(at: chrono::DateTime<chrono::Utc>) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    let country = use_context::<PurchaseCountry>()
        .map(|c| c.0)
        .unwrap_or_default();
    move || format_time_in(at, &country, lang.get())
}

/// The order's purchase country, whose wall clock dates everything on the order page.
#[derive(Debug, Clone)]
struct PurchaseCountry(String);

/// An order action's error box, shown only when it failed.
#[component]
fn OrderActionError(result: Signal<Option<Result<(), AppError>>>) -> impl IntoView {
    let lang = use_lang();
    move || match result.get() {
        Some(Err(e)) => Some(view! {
            <div class="alert alert-error" role="alert" data-testid="order-action-error">
                {order_error_text(lang.get(), &e)}
            </div>
        }),
        _ => None,
    }
}

/// `/portal/orders/:id`.
#[component]
pub fn PortalOrderPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let capture = ServerAction::<CapturePortalOrder>::new();
    let refund = ServerAction::<RefundPortalOrder>::new();
    let cancel = ServerAction::<CancelPortalOrder>::new();
    let release = ServerAction::<ReleasePortalOrder>::new();
    let loaded = Resource::new(
        move || {
            let changes = capture.version().get()
                + refund.version().get()
                + cancel.version().get()
                + release.version().get();
            (params.get().get("id").unwrap_or_default(), changes)
        },
        |(id, _)| load_portal_order(id),
    );
    let actions = OrderActions {
        capture,
        refund,
        cancel,
        release,
    };
    let typed_capture = use_typed(typed_form_id("capture"));
    let typed_refund = use_typed(typed_form_id("refund"));
    view! {
        <p><a href=HOME_PATH data-testid="back-to-orders">{t("portal-order-back")}</a></p>
        <OrderActionError result=Signal::derive(move || capture.value().get())/>
        <OrderActionError result=Signal::derive(move || refund.value().get())/>
        <OrderActionError result=Signal::derive(move || cancel.value().get())/>
        <OrderActionError result=Signal::derive(move || release.value().get())/>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || {
                let typed = (
                    typed_capture.get().unwrap_or_default(),
                    typed_refund.get().unwrap_or_default(),
                );
                let confirm = query.with(|q| q.get("confirm"));
                loaded.get().map(|r| match r {
                Ok(data) => view! { <OrderView data actions typed confirm/> }.into_any(),
                Err(e) => view! {
                    <h1>{t("portal-order-title")}</h1>
                    <LoadError error=e/>
                }
                .into_any(),
            })}}
        </Suspense>
    }
}

/// The page's four actions, handed to the forms.
#[derive(Clone, Copy)]
struct OrderActions {
    capture: ServerAction<CapturePortalOrder>,
    refund: ServerAction<RefundPortalOrder>,
    cancel: ServerAction<CancelPortalOrder>,
    release: ServerAction<ReleasePortalOrder>,
}

#[component]
fn OrderView(
    data: PortalOrderView,
    actions: OrderActions,
    /// What was typed into the capture and refund forms before a failed post.
    typed: (Typed, Typed),
    /// The action whose confirmation step is shown (`cancel`, `release`).
    confirm: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let PortalOrderView {
        order,
        timeline,
        form_token,
    } = data;
    let cur = order.purchase_currency.clone();
    let m = move |minor: i64| {
        let cur = cur.clone();
        move || money(minor, &cur, lang.get())
    };
    provide_context(PurchaseCountry(order.purchase_country.clone()));
    let status_id = status_message_id(order.status);
    let title = format!(
        "{} {}",
        tr(lang.get_untracked(), "portal-order-title"),
        order.merchant_reference1
    );
    view! {
        <h1 data-testid="order-title">{title}</h1>
        <section class="card">
            <dl class="kv" data-testid="order-summary">
                <dt>{t("portal-order-id")}</dt><dd><code data-testid="order-id">{order.order_id.to_string()}</code></dd>
                <dt>{t("portal-order-status")}</dt>
                <dd data-testid="order-status" data-status=order.status.as_str()>{move || tr(lang.get(), &status_id)}</dd>
                <dt>{t("portal-order-amount")}</dt><dd data-testid="order-amount">{m(order.order_amount)}</dd>
                <dt>{t("portal-order-captured")}</dt><dd data-testid="order-captured">{m(order.captured_amount)}</dd>
                <dt>{t("portal-order-refunded")}</dt><dd data-testid="order-refunded">{m(order.refunded_amount)}</dd>
                <dt>{t("portal-order-remaining")}</dt><dd data-testid="order-remaining">{m(order.remaining_authorized_amount)}</dd>
                <dt>{t("portal-order-created")}</dt><dd>{when(order.created_at)}</dd>
                <dt>{t("portal-order-expires")}</dt><dd data-testid="order-expires">{when(order.expires_at)}</dd>
                <dt>{t("portal-order-reference")}</dt><dd>{order.merchant_reference1.clone()} " " {order.merchant_reference2.clone()}</dd>
                <dt>{t("portal-order-decision")}</dt>
                <dd data-testid="order-decision"><DecisionOutcome outcome=order.decision.outcome.clone()/></dd>
            </dl>
        </section>
        <OrderForms order=order.clone() actions form_token typed confirm/>
        <LinesTable order=order.clone()/>
        <CapturesSection order_id=order.order_id captures=order.captures.clone() currency=order.purchase_currency.clone()/>
        <RefundsSection order_id=order.order_id refunds=order.refunds.clone() currency=order.purchase_currency.clone()/>
        <Timeline entries=timeline/>
    }
}

const LINE_COLS: &[Col] = &[
    Col::text("portal-order-line-reference"),
    Col::text("portal-order-line-name"),
    Col::num("portal-order-line-quantity"),
    Col::num("portal-order-line-unit-price"),
    Col::num("portal-order-line-tax-rate"),
    Col::num("portal-order-line-total"),
];

#[component]
fn LinesTable(order: Order) -> impl IntoView {
    let lang = use_lang();
    let cur = order.purchase_currency.clone();
    let rows = order
        .order_lines
        .into_iter()
        .map(|l| {
            let (c1, c2) = (cur.clone(), cur.clone());
            view! {
                <tr>
                    <td>{l.reference.clone().unwrap_or_default()}</td>
                    <td>{l.name.clone()}</td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{move || money(l.unit_price, &c1, lang.get())}</td>
                    <td class="num">{move || rate(l.tax_rate, lang.get())}</td>
                    <td class="num">{move || money(l.total_amount, &c2, lang.get())}</td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <section class="card">
            <h2>{t("portal-order-lines")}</h2>
            <DataTable cols=LINE_COLS rows testid="order-lines" empty="portal-order-no-lines"/>
        </section>
    }
}

fn vat_list(vat: Vec<VatAmount>, currency: String) -> impl IntoView {
    let lang = use_lang();
    vat.into_iter()
        .map(|v| {
            let cur = currency.clone();
            view! {
                <li>{move || format!("{}: {}", rate(v.tax_rate, lang.get()), money(v.tax, &cur, lang.get()))}</li>
            }
        })
        .collect_view()
}

const CAPTURE_COLS: &[Col] = &[
    Col::text("portal-order-captured-at"),
    Col::num("portal-order-captured"),
    Col::text("portal-order-capture-reference"),
    Col::num("portal-order-invoice-number"),
    Col::text("portal-order-invoice-ocr"),
    Col::text("portal-order-invoice-date"),
    Col::text("portal-order-invoice-due"),
    Col::num("portal-order-invoice-fee"),
    Col::num("portal-order-invoice-total"),
    Col::num("portal-order-invoice-due-amount"),
    Col::text("portal-order-invoice-vat"),
];

/// The captures, one row each with its invoice (like the staff order page's table); the
/// invoice number links the PDF.
#[component]
fn CapturesSection(
    order_id: uuid::Uuid,
    captures: Vec<Capture>,
    currency: String,
) -> impl IntoView {
    let lang = use_lang();
    let rows = captures
        .into_iter()
        .map(|c| {
            let inv = c.invoice;
            let cur = currency.clone();
            let m = move |minor: i64| {
                let cur = cur.clone();
                move || money(minor, &cur, lang.get())
            };
            let (date, due) = (inv.invoice_date, inv.due_date);
            let pdf = format!("/portal/orders/{order_id}/captures/{}/invoice.pdf", c.capture_id);
            view! {
                <tr data-testid="capture">
                    <td>{when(c.captured_at)}</td>
                    <td class="num" data-testid="capture-amount">{m(c.captured_amount)}</td>
                    <td>{c.reference.clone()}</td>
                    <td class="num">
                        <a href=pdf data-testid="invoice-pdf" download title=t("portal-order-invoice-pdf")>
                            <span data-testid="invoice-number">{inv.invoice_number}</span>
                        </a>
                    </td>
                    <td><code data-testid="invoice-ocr">{inv.ocr_reference.clone()}</code></td>
                    <td>{move || format_date(date, lang.get())}</td>
                    <td data-testid="invoice-due">{move || format_date(due, lang.get())}</td>
                    <td class="num" data-testid="invoice-fee">{m(inv.invoice_fee)}</td>
                    <td class="num" data-testid="invoice-total">{m(inv.total_amount)}</td>
                    <td class="num" data-testid="invoice-amount-due">{m(inv.amount_due)}</td>
                    <td><ul class="plain">{vat_list(inv.vat, currency.clone())}</ul></td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <section class="card" data-testid="captures">
            <h2>{t("portal-order-captures")}</h2>
            <DataTable cols=CAPTURE_COLS rows testid="order-captures" empty="portal-order-no-captures"/>
        </section>
    }
}

const REFUND_COLS: &[Col] = &[
    Col::text("portal-order-refunded-at"),
    Col::num("portal-order-refunded"),
    Col::text("portal-order-capture-reference"),
    Col::num("portal-order-credit-note"),
    Col::num("portal-order-paid-back"),
];

#[component]
fn RefundsSection(order_id: uuid::Uuid, refunds: Vec<Refund>, currency: String) -> impl IntoView {
    let lang = use_lang();
    let rows = refunds
        .into_iter()
        .map(|r| {
            let (c1, c2) = (currency.clone(), currency.clone());
            let pdf = format!("/portal/orders/{order_id}/refunds/{}/credit-note.pdf", r.refund_id);
            view! {
                <tr data-testid="refund">
                    <td>{when(r.refunded_at)}</td>
                    <td class="num">{move || money(r.refunded_amount, &c1, lang.get())}</td>
                    <td>{r.reference.clone()}</td>
                    <td class="num" data-testid="credit-note-number">
                        <a href=pdf data-testid="credit-note-pdf" download>{r.credit_note.credit_note_number}</a>
                    </td>
                    <td class="num">{move || money(r.paid_back_amount, &c2, lang.get())}</td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <section class="card" data-testid="refunds">
            <h2>{t("portal-order-refunds")}</h2>
            <DataTable cols=REFUND_COLS rows testid="order-refunds" empty="portal-order-no-refunds"/>
        </section>
    }
}

#[component]
fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let lang = use_lang();
    let items = entries
        .into_iter()
        .map(|e| {
            let action = e.action.clone();
            view! {
                <li data-action=e.action.clone()>
                    <span class="muted">{when(e.at)}</span> " "
                    <strong>{move || event_text(lang.get(), &action)}</strong> " — " {e.actor.clone()}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t("portal-order-timeline")}</h2>
            <ol class="timeline" data-testid="order-timeline">{items}</ol>
        </section>
    }
}

/// The forms that fit the order's state: capture and release while something remains,
/// cancel before any capture, refund while something captured is not refunded. Cancel and
/// release are links to their confirmation step; while one is shown, it replaces the forms.
#[component]
fn OrderForms(
    order: Order,
    actions: OrderActions,
    form_token: String,
    typed: (Typed, Typed),
    confirm: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let token = form_token;
    let id = order.order_id.to_string();
    let remaining = order.remaining_authorized_amount;
    let refundable = order.captured_amount - order.refunded_amount;
    let open = order.status.is_open() && remaining > 0;
    let cancellable = order.status == OrderStatus::Authorized;
    let can_release = open && !cancellable;
    match confirm.as_deref() {
        Some("cancel") if cancellable => {
            return view! { <ConfirmOrderStep order actions form_token=token cancel=true/> }
                .into_any();
        }
        Some("release") if can_release => {
            return view! { <ConfirmOrderStep order actions form_token=token cancel=false/> }
                .into_any();
        }
        // A step for an action the order no longer allows (done meanwhile): the forms that fit.
        _ => {}
    }
    let (typed_capture, typed_refund) = typed;
    let capture = open.then(|| {
        let (id, token) = (id.clone(), token.clone());
        let amount = typed_capture.or("amount", amount_input(remaining, lang.get_untracked()));
        let reference = typed_capture.or("reference", "");
        let result = Signal::derive(move || actions.capture.value().get());
        view! {
            <section class="card">
                <h2>{t("portal-order-capture-title")}</h2>
                <ActionForm action=actions.capture attr:class="form" attr:id="portal-capture">
                    <CsrfField/>
                    <input type="hidden" name="order_id" value=id/>
                    <input type="hidden" name="form_token" value=token/>
                    <TextField name="amount" id="capture-amount" label="portal-order-field-amount"
                        value=amount inputmode="decimal" required=true
                        error=field_error(result, &["amount", "captured_amount"])/>
                    <TextField name="reference" id="capture-reference" label="portal-order-field-reference"
                        value=reference maxlength=255 error=field_error(result, &["reference"])/>
                    <button type="submit" class="btn btn-primary" id="capture-submit">{t("portal-order-capture-submit")}</button>
                </ActionForm>
            </section>
        }
    });
    let refund = (refundable > 0).then(|| {
        let (id, token) = (id.clone(), token.clone());
        let amount = typed_refund.or("amount", amount_input(refundable, lang.get_untracked()));
        let reference = typed_refund.or("reference", "");
        let result = Signal::derive(move || actions.refund.value().get());
        view! {
            <section class="card">
                <h2>{t("portal-order-refund-title")}</h2>
                <ActionForm action=actions.refund attr:class="form" attr:id="portal-refund">
                    <CsrfField/>
                    <input type="hidden" name="order_id" value=id/>
                    <input type="hidden" name="form_token" value=token/>
                    <TextField name="amount" id="refund-amount" label="portal-order-field-amount"
                        value=amount inputmode="decimal" required=true
                        error=field_error(result, &["amount", "refunded_amount"])/>
                    <TextField name="reference" id="refund-reference" label="portal-order-field-reference"
                        value=reference maxlength=255 error=field_error(result, &["reference"])/>
                    <button type="submit" class="btn btn-primary" id="refund-submit">{t("portal-order-refund-submit")}</button>
                </ActionForm>
            </section>
        }
    });
    // Links to the confirmation step: nothing is done until it is confirmed.
    let release = can_release.then(|| {
        let href = confirm_path(&id, "release");
        view! {
            <p class="form inline" id="portal-release">
                <a href=href class="btn btn-secondary" id="release-submit">{t("portal-order-release-submit")}</a>
            </p>
        }
    });
    let cancel = cancellable.then(|| {
        let href = confirm_path(&id, "cancel");
        view! {
            <p class="form inline" id="portal-cancel">
                <a href=href class="btn btn-danger" id="cancel-submit">{t("portal-order-cancel-submit")}</a>
            </p>
        }
    });
    view! { {capture} {refund} {release} {cancel} }.into_any()
}

/// The error of an amount form's last post, in words, when it is about one of `fields`.
fn field_error(
    result: Signal<Option<Result<(), AppError>>>,
    fields: &'static [&'static str],
) -> Signal<Option<String>> {
    let lang = use_lang();
    Signal::derive(move || match result.get() {
        Some(Err(e)) if fields.iter().any(|f| is_about(&e, f)) => {
            Some(order_error_text(lang.get(), &e))
        }
        _ => None,
    })
}

/// The confirmation step of cancelling the order (`cancel`) or releasing what remains of its
/// reservation: the order's reference and amounts, what will happen, "Confirm" (the real
/// form, with the page's one-time token) and "Back".
#[component]
fn ConfirmOrderStep(
    order: Order,
    actions: OrderActions,
    form_token: String,
    cancel: bool,
) -> impl IntoView {
    let lang = use_lang();
    let id = order.order_id.to_string();
    let back = order_path(&id);
    let cur = order.purchase_currency.clone();
    let m = move |minor: i64| {
        let cur = cur.clone();
        (move || money(minor, &cur, lang.get())).into_any()
    };
    let facts = vec![
        (
            "portal-order-reference",
            order.merchant_reference1.clone().into_any(),
        ),
        ("portal-order-amount", m(order.order_amount)),
        ("portal-order-captured", m(order.captured_amount)),
        (
            if cancel {
                "portal-order-confirm-cancel-amount"
            } else {
                "portal-order-confirm-release-amount"
            },
            m(order.remaining_authorized_amount),
        ),
    ];
    let fields = view! {
        <CsrfField/>
        <input type="hidden" name="order_id" value=id/>
        <input type="hidden" name="form_token" value=form_token/>
    };
    if cancel {
        view! {
            <ConfirmStep title="portal-order-confirm-cancel-title" warning="portal-order-confirm-cancel-warning" facts>
                <ActionForm action=actions.cancel attr:class="form" attr:id="portal-cancel-confirm">
                    {fields}
                    <ConfirmButtons confirm="portal-order-cancel-submit" back/>
                </ActionForm>
            </ConfirmStep>
        }
        .into_any()
    } else {
        view! {
            <ConfirmStep title="portal-order-confirm-release-title" warning="portal-order-confirm-release-warning" facts>
                <ActionForm action=actions.release attr:class="form" attr:id="portal-release-confirm">
                    {fields}
                    <ConfirmButtons confirm="portal-order-release-submit" back/>
                </ActionForm>
            </ConfirmStep>
        }
        .into_any()
    }
}
