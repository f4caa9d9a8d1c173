//! Draws a [`Document`] page by page (header and window address, details, lines with carried
//! totals, VAT per rate, fee, total, the country's payment block, terms and footer, and on an
//! invoice's last page the slip's reading zone with the scan line).

#![expect(
    clippy::float_arithmetic,
    reason = "page geometry in millimetres and points, never money"
)]

use printpdf::{Mm, PdfPage};

use super::canvas::{Canvas, Used};
use super::company::{self, PayTo};
use super::font::Weight::{Bold, Ocr, Regular};
use super::layout::{self as l, PagePlan};
use super::model::{Document, DocumentKind};
use super::scanline::{self, ScanLine};
use super::text::{self, Words};

/// The pages of `doc` and the characters they draw.
pub fn pages(doc: &Document) -> (Vec<PdfPage>, Used) {
    let w = Words::of(doc);
    let scan = scanline::for_document(doc);
    let plans = l::paginate(doc.lines.len(), doc.vat.len(), scan.is_some());
    let count = plans.len();
    let mut used = Used::default();
    let mut pages = Vec::with_capacity(count);
    let mut carried: i64 = 0;
    for (i, plan) in plans.iter().enumerate() {
        let mut c = Canvas::new(&mut used);
        if i == 0 {
            first_page_head(&mut c, &w, doc);
        } else {
            next_page_head(&mut c, &w, doc, i, count);
        }
        carried = lines(&mut c, &w, doc, i, plan, carried);
        let last = i + 1 == count;
        let lift = l::lift(last && scan.is_some());
        if last {
            let y = l::first_row_y(i) - (plan.end - plan.start) as f32 * l::ROW_H;
            totals(&mut c, &w, doc, y);
            match doc.kind {
                DocumentKind::Invoice => pay_box(&mut c, &w, doc, lift),
                DocumentKind::CreditNote { .. } => credit_box(&mut c, &w),
            }
            terms(&mut c, &w, doc, lift);
            if let Some(scan) = &scan {
                reading_zone(&mut c, &w, scan);
            }
        } else {
            c.rule(l::LEFT, l::RIGHT, l::CARRIED_Y + 4.0, 0.5, 0.0);
            c.text(
                Bold,
                8.5,
                l::LEFT,
                l::CARRIED_Y,
                &w.t("doc-carried-forward"),
            );
            c.text_right(Bold, 8.5, l::COL_AMOUNT, l::CARRIED_Y, &w.money(carried));
        }
        footer(&mut c, &w, doc, (i, count), lift);
        pages.push(PdfPage::new(Mm(l::PAGE_W), Mm(l::PAGE_H), c.ops));
    }
    (pages, used)
}

fn brand(c: &mut Canvas<'_>, w: &Words, doc: &Document) {
    c.text(Bold, 20.0, l::LEFT, l::PAGE_H - 22.0, "Kreditor");
    c.text_right(
        Bold,
        16.0,
        l::RIGHT,
        l::PAGE_H - 22.0,
        &text::title(w, doc).to_uppercase(),
    );
}

fn first_page_head(c: &mut Canvas<'_>, w: &Words, doc: &Document) {
    brand(c, w, doc);
    // Return address on the window's first line, small, with a rule under it.
    let me = company::get();
    let ret = format!("{} · {} · {}", me.name, me.street, me.postal_town);
    let (wx, _, ww, _) = l::WINDOW;
    c.text(Regular, 6.5, l::RECIPIENT_X, l::RETURN_LINE_Y, &ret);
    c.rule(
        l::RECIPIENT_X,
        wx + ww - 3.0,
        l::RETURN_LINE_Y - 1.5,
        0.3,
        0.4,
    );
    let r = &doc.recipient;
    let mut lines = vec![r.name.clone()];
    if !r.care_of.is_empty() {
        lines.push(format!("c/o {}", r.care_of));
    }
    lines.push(r.street.clone());
    lines.push(format!("{} {}", r.postal_code, r.city));
    if !r.country.is_empty() && r.country != doc.country.code() {
        lines.push(r.country.clone());
    }
    let max = ww - 6.0;
    for (i, line) in lines.iter().enumerate() {
        let line = Canvas::fit(Regular, 10.5, line, max);
        c.text(
            Regular,
            10.5,
            l::RECIPIENT_X,
            l::RECIPIENT_Y - i as f32 * 5.0,
            &line,
        );
    }
    details(c, w, doc);
}

fn details(c: &mut Canvas<'_>, w: &Words, doc: &Document) {
    let mut rows: Vec<(String, String, bool)> = Vec::new();
    match &doc.kind {
        DocumentKind::Invoice => {
            rows.push((w.t("doc-invoice-number"), doc.number.to_string(), true));
            rows.push((w.t("doc-invoice-date"), w.date(doc.date), false));
            if let Some(due) = doc.due_date {
                rows.push((w.t("doc-due-date"), w.date(due), true));
            }
            rows.push((
                w.t("doc-payment-terms"),
                w.t_args(
                    "doc-payment-terms-days",
                    &[("days", doc.payment_terms_days.to_string())],
                ),
                false,
            ));
        }
        DocumentKind::CreditNote {
            invoice_number,
            invoice_date,
        } => {
            rows.push((w.t("doc-credit-note-number"), doc.number.to_string(), true));
            rows.push((w.t("doc-credit-note-date"), w.date(doc.date), false));
            rows.push((
                w.t_args(
                    "doc-credits-invoice",
                    &[
                        ("number", invoice_number.to_string()),
                        ("date", w.date(*invoice_date)),
                    ],
                ),
                String::new(),
                true,
            ));
        }
    }
    rows.push((
        w.t("doc-order-reference"),
        doc.order_reference.clone(),
        false,
    ));
    rows.push((w.t("doc-merchant"), doc.merchant_name.clone(), false));
    for (i, (label, value, strong)) in rows.iter().enumerate() {
        let y = l::INFO_Y - i as f32 * 5.5;
        let label_w = Canvas::width(Regular, 8.5, label);
        c.text(Regular, 8.5, l::INFO_X, y, label);
        let weight = if *strong { Bold } else { Regular };
        let value = Canvas::fit(weight, 9.5, value, l::RIGHT - l::INFO_X - label_w - 3.0);
        c.text_right(weight, 9.5, l::RIGHT, y, &value);
    }
}

fn next_page_head(c: &mut Canvas<'_>, w: &Words, doc: &Document, page: usize, count: usize) {
    brand(c, w, doc);
    let label = match doc.kind {
        DocumentKind::Invoice => w.t("doc-invoice-number"),
        DocumentKind::CreditNote { .. } => w.t("doc-credit-note-number"),
    };
    let line = format!(
        "{label} {} · {}",
        doc.number,
        w.t_args(
            "doc-page",
            &[
                ("page", (page + 1).to_string()),
                ("pages", count.to_string())
            ]
        )
    );
    c.text_right(Regular, 9.0, l::RIGHT, l::PAGE_H - 29.0, &line);
}

/// Draws the table header and the rows of `plan`; returns the running goods total.
fn lines(
    c: &mut Canvas<'_>,
    w: &Words,
    doc: &Document,
    page: usize,
    plan: &PagePlan,
    mut carried: i64,
) -> i64 {
    let head_y = if page == 0 {
        l::TABLE_Y_FIRST
    } else {
        l::TABLE_Y_NEXT
    };
    c.text(Bold, 8.5, l::LEFT, head_y, &w.t("doc-col-description"));
    c.text_right(Bold, 8.5, l::COL_QTY, head_y, &w.t("doc-col-quantity"));
    c.text_right(Bold, 8.5, l::COL_PRICE, head_y, &w.t("doc-col-unit-price"));
    c.text_right(Bold, 8.5, l::COL_VAT, head_y, &w.t("doc-col-vat"));
    c.text_right(Bold, 8.5, l::COL_AMOUNT, head_y, &w.t("doc-col-amount"));
    c.rule(l::LEFT, l::RIGHT, head_y - 2.0, 0.6, 0.0);
    let mut y = l::first_row_y(page);
    if page > 0 {
        let by = y + l::ROW_H;
        c.text(Regular, 8.5, l::LEFT, by, &w.t("doc-brought-forward"));
        c.text_right(Regular, 8.5, l::COL_AMOUNT, by, &w.money(carried));
    }
    for line in &doc.lines[plan.start..plan.end] {
        let name = Canvas::fit(Regular, 9.0, &line.name, l::DESC_MAX_W);
        c.text(Regular, 9.0, l::LEFT, y, &name);
        c.text_right(
            Regular,
            9.0,
            l::COL_QTY,
            y,
            &w.quantity(line.quantity, line.unit.as_deref()),
        );
        c.text_right(Regular, 9.0, l::COL_PRICE, y, &w.money(line.unit_price));
        c.text_right(
            Regular,
            9.0,
            l::COL_VAT,
            y,
            &format!("{} %", w.rate(line.tax_rate)),
        );
        c.text_right(Regular, 9.0, l::COL_AMOUNT, y, &w.money(line.amount));
        carried += line.amount;
        y -= l::ROW_H;
    }
    carried
}

fn totals(c: &mut Canvas<'_>, w: &Words, doc: &Document, last_row_y: f32) {
    let x = 100.0;
    let mut y = last_row_y + l::ROW_H - 3.5;
    c.rule(l::LEFT, l::RIGHT, y, 0.4, 0.5);
    y -= 5.0;
    for row in &doc.vat {
        let label = w.t_args(
            "doc-vat-line",
            &[("rate", w.rate(row.tax_rate)), ("net", w.money(row.net))],
        );
        c.text(Regular, 8.5, x, y, &label);
        c.text_right(Regular, 8.5, l::COL_AMOUNT, y, &w.money(row.tax));
        y -= l::ROW_H;
    }
    if matches!(doc.kind, DocumentKind::Invoice) {
        c.text(Regular, 8.5, x, y, &w.t("doc-invoice-fee"));
        c.text_right(Regular, 8.5, l::COL_AMOUNT, y, &w.money(doc.fee));
        y -= l::ROW_H;
    }
    c.rule(x, l::RIGHT, y + 3.2, 0.6, 0.0);
    y -= 1.5;
    let label = match doc.kind {
        DocumentKind::Invoice => w.t("doc-total-to-pay"),
        DocumentKind::CreditNote { .. } => w.t("doc-total-credited"),
    };
    c.text(Bold, 11.0, x, y, &label);
    c.text_right(Bold, 11.0, l::COL_AMOUNT, y, &w.money(doc.total));
}

fn pay_box(c: &mut Canvas<'_>, w: &Words, doc: &Document, lift: f32) {
    let (top, bottom) = (l::PAY_BOX_TOP + lift, l::PAY_BOX_BOTTOM + lift);
    c.fill(l::LEFT, bottom, l::RIGHT - l::LEFT, top - bottom, 0.93);
    let x = l::LEFT + 4.0;
    let mut y = top - 6.0;
    c.text(Bold, 9.5, x, y, &w.t("doc-pay-heading"));
    y -= 6.0;
    let accounts: Vec<(String, String)> = match company::pay_to(doc.country) {
        PayTo::Bankgiro(bg) => vec![(w.t("doc-bankgiro"), bg.to_string())],
        PayTo::AccountKid(acc) => vec![(w.t("doc-account"), acc.to_string())],
        PayTo::Iban { iban, bic } => vec![
            (w.t("doc-iban"), iban.to_string()),
            (w.t("doc-bic"), bic.to_string()),
        ],
        PayTo::Fik { creditor, iban } => vec![
            (
                "FIK".to_string(),
                format!("+71< {} +{creditor}<", doc.reference),
            ),
            (w.t("doc-iban"), iban.to_string()),
        ],
    };
    // Values start after the longest label (Norwegian "Kontonummer" is longer than 22 mm
    // allows at 8.5 pt), but never left of the usual column.
    let value_x = accounts
        .iter()
        .map(|(label, _)| Canvas::width(Regular, 8.5, label) + 3.0)
        .fold(22.0_f32, f32::max);
    for (label, value) in &accounts {
        c.text(Regular, 8.5, x, y, label);
        c.text(Bold, 9.5, x + value_x, y, value);
        y -= 5.0;
    }
    // The reference and the amount, large, on the right.
    let rx = 112.0;
    let ref_label = text::reference_label(w, doc.country);
    c.text(Regular, 8.5, rx, top - 6.0, &ref_label);
    c.text(Bold, 17.0, rx, top - 14.5, &doc.reference);
    c.text(Regular, 8.5, rx, top - 22.0, &w.t("doc-total-to-pay"));
    c.text(Bold, 12.0, rx, top - 28.0, &w.money(doc.total));
    if let Some(due) = doc.due_date {
        c.text(Regular, 8.5, 154.0, top - 22.0, &w.t("doc-due-date"));
        c.text(Bold, 12.0, 154.0, top - 28.0, &w.date(due));
    }
    let note = w.t_args("doc-pay-note", &[("reference", ref_label)]);
    for (i, line) in Canvas::wrap(Regular, 7.5, &note, l::RIGHT - l::LEFT - 8.0)
        .iter()
        .take(2)
        .enumerate()
    {
        c.text(Regular, 7.5, x, bottom + 6.5 - i as f32 * 3.3, line);
    }
}

fn credit_box(c: &mut Canvas<'_>, w: &Words) {
    let (top, bottom) = (l::PAY_BOX_TOP, l::PAY_BOX_BOTTOM);
    c.fill(l::LEFT, bottom, l::RIGHT - l::LEFT, top - bottom, 0.93);
    let note = w.t("doc-credit-note-note");
    for (i, line) in Canvas::wrap(Regular, 9.0, &note, l::RIGHT - l::LEFT - 8.0)
        .iter()
        .enumerate()
    {
        c.text(
            Regular,
            9.0,
            l::LEFT + 4.0,
            top - 8.0 - i as f32 * 4.5,
            line,
        );
    }
}

fn terms(c: &mut Canvas<'_>, w: &Words, doc: &Document, lift: f32) {
    let fee = w.money(company::reminder_fee_minor(doc.country));
    let text = format!(
        "{} {}",
        text::interest_terms(w, doc.country),
        w.t_args("doc-terms-reminder", &[("fee", fee)])
    );
    let lines = Canvas::wrap(Regular, 7.0, &text, l::RIGHT - l::LEFT);
    for (i, line) in lines.iter().take(3).enumerate() {
        c.text(
            Regular,
            7.0,
            l::LEFT,
            l::TERMS_Y + lift - i as f32 * 3.2,
            line,
        );
    }
}

fn footer(c: &mut Canvas<'_>, w: &Words, doc: &Document, page: (usize, usize), lift: f32) {
    let (page, count) = page;
    let rule_y = l::FOOTER_RULE_Y + lift;
    c.rule(l::LEFT, l::RIGHT, rule_y, 0.3, 0.4);
    let y = rule_y - 4.0;
    let me = company::get();
    let address = format!(
        "{} · {} · {} · {}",
        me.name, me.street, me.postal_town, me.country
    );
    c.text(Regular, 7.0, l::LEFT, y, &address);
    let ids = format!(
        "{} {} · {} {}",
        w.t("doc-org-nr"),
        me.org_nr,
        w.t("doc-vat-nr"),
        me.vat_nr
    );
    c.text(Regular, 7.0, l::LEFT, y - 3.3, &ids);
    let (phone, mail) = company::customer_service(doc.country);
    let service = format!(
        "{} {phone} · {mail} · {}",
        w.t("doc-customer-service"),
        me.web
    );
    c.text(Regular, 7.0, l::LEFT, y - 6.6, &service);
    let page_no = w.t_args(
        "doc-page",
        &[
            ("page", (page + 1).to_string()),
            ("pages", count.to_string()),
        ],
    );
    c.text_right(Bold, 7.5, l::RIGHT, y, &page_no);
}

/// The slip's reading zone: the OCR-B line, or the Finnish barcode under its digits.
fn reading_zone(c: &mut Canvas<'_>, w: &Words, scan: &ScanLine) {
    match scan {
        ScanLine::Text(line) => c.text(Ocr, l::SCAN_SIZE, l::SCAN_X, l::SCAN_Y, line),
        ScanLine::Barcode(digits) => {
            let label = w.t("doc-virtual-barcode");
            c.text(Regular, 7.0, l::BARCODE_X, l::BARCODE_TEXT_Y, &label);
            let x = l::BARCODE_X + Canvas::width(Regular, 7.0, &label) + 3.0;
            c.text(Ocr, 8.0, x, l::BARCODE_TEXT_Y, digits);
            if let Some(values) = scanline::code128c(digits) {
                let module = |n: u32| n as f32 * l::BARCODE_MODULE;
                let bars: Vec<(f32, f32)> = scanline::bars(&values)
                    .into_iter()
                    .map(|(x, width)| (l::BARCODE_X + module(x), module(width)))
                    .collect();
                c.bars(&bars, l::BARCODE_Y, l::BARCODE_H);
            }
        }
    }
}
