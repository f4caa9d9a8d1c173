//! Where things go on the page (A4, millimetres from the bottom-left corner) and how the lines
//! are split over pages.
//!
//! The recipient block sits in the window of a C5/DL window envelope (SS 637008 / DIN 5008
//! form B: 20 mm from the left edge, 45 mm from the top, 85 × 45 mm), with Kreditor's return
//! address on the window's first line. The first page carries the address and the invoice
//! details; the last page the totals, the payment block and the terms; pages in between only
//! lines, each after the first opening with the amount brought forward and each before the
//! last closing with the amount carried forward.
//!
//! An invoice's last page is also its payment slip: the bottom inch is its reading zone,
//! holding only the machine-readable line ([`super::scanline`]) at a fixed distance from the
//! bottom edge, as on the Nordic slips (Nets' FIK and giro forms keep the bottom 5/6 inch for
//! the OCR line); the payment box, terms and footer of that page sit [`SLIP_LIFT`] higher.

#![expect(
    clippy::float_arithmetic,
    reason = "page geometry in millimetres, never money"
)]

/// Page width.
pub const PAGE_W: f32 = 210.0;
/// Page height.
pub const PAGE_H: f32 = 297.0;
/// Left margin (also the window's left edge).
pub const LEFT: f32 = 20.0;
/// Right edge of the text.
pub const RIGHT: f32 = 190.0;
/// The envelope window: left edge, top (from the bottom), width and height.
pub const WINDOW: (f32, f32, f32, f32) = (20.0, PAGE_H - 45.0, 85.0, 45.0);
/// Baseline of the return-address line inside the window.
pub const RETURN_LINE_Y: f32 = WINDOW.1 - 4.0;
/// Baseline of the recipient's first line.
pub const RECIPIENT_Y: f32 = WINDOW.1 - 12.0;
/// Left edge of the recipient lines (a little inside the window).
pub const RECIPIENT_X: f32 = WINDOW.0 + 3.0;
/// Details block (number, dates, terms) on the first page: label column and right edge.
pub const INFO_X: f32 = 116.0;
/// First baseline of the details block.
pub const INFO_Y: f32 = WINDOW.1 - 2.0;

/// Table columns: right edges of quantity, unit price, VAT rate, amount; description at LEFT.
pub const COL_QTY: f32 = 120.0;
/// Unit price column's right edge.
pub const COL_PRICE: f32 = 145.0;
/// VAT column's right edge.
pub const COL_VAT: f32 = 160.0;
/// Amount column's right edge.
pub const COL_AMOUNT: f32 = RIGHT;
/// Widest a description may be before it is shortened.
pub const DESC_MAX_W: f32 = 82.0;
/// Baseline of the table header on the first page and on the others.
pub const TABLE_Y_FIRST: f32 = 196.0;
/// Baseline of the table header on later pages.
pub const TABLE_Y_NEXT: f32 = 258.0;
/// Distance between table rows.
pub const ROW_H: f32 = 5.0;
/// Lowest row baseline on a page that continues (the carried-forward row goes below it).
pub const ROWS_MIN_Y_CONTINUED: f32 = 32.0;
/// Baseline of the carried-forward row.
pub const CARRIED_Y: f32 = 25.0;
/// Top of the payment box on the last page.
pub const PAY_BOX_TOP: f32 = 72.0;
/// Bottom of the payment box.
pub const PAY_BOX_BOTTOM: f32 = 34.0;
/// First baseline of the terms (below the payment box).
pub const TERMS_Y: f32 = 30.0;
/// The footer's rule.
pub const FOOTER_RULE_Y: f32 = 16.5;

/// Top of the reading zone on an invoice's last page: nothing but the scan line below it.
pub const READING_ZONE_TOP: f32 = 25.4;
/// How much higher the payment box, terms and footer sit on a page with a reading zone (the
/// footer's lowest line then stays 4 mm above the zone).
pub const SLIP_LIFT: f32 = 23.5;
/// Left end of an OCR-B reading line: a fixed distance from the page's left edge, because
/// the slip readers find the fields by their character positions.
pub const SCAN_X: f32 = 10.0;
/// Baseline of an OCR-B reading line: 1/3 inch above the bottom edge.
pub const SCAN_Y: f32 = 8.5;
/// OCR-B size of a reading line: the slips' 10 characters per inch (7.2 pt a character)
/// with OCR-B's advance of 0.723 em (≈ 9.96 pt).
pub const SCAN_SIZE: f32 = 7.2 / 0.723;
/// The Finnish barcode: left end of its first bar (the 20 mm to the page edge are its quiet
/// zone), bottom, bar height and module width.
pub const BARCODE_X: f32 = 20.0;
/// Bottom of the bars.
pub const BARCODE_Y: f32 = 6.0;
/// Height of the bars.
pub const BARCODE_H: f32 = 13.0;
/// Width of one module (the narrowest bar or space).
pub const BARCODE_MODULE: f32 = 0.3;
/// Baseline of the virtual barcode's digits, above the bars.
pub const BARCODE_TEXT_Y: f32 = BARCODE_Y + BARCODE_H + 3.0;

/// The rows of one page: a range of the document's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagePlan {
    /// First line index.
    pub start: usize,
    /// One past the last line index.
    pub end: usize,
}

/// Baseline of the first line row on a page.
pub fn first_row_y(page: usize) -> f32 {
    let header = if page == 0 {
        TABLE_Y_FIRST
    } else {
        TABLE_Y_NEXT
    };
    // Below the header, and on later pages below the brought-forward row.
    header - 7.0 - if page == 0 { 0.0 } else { ROW_H }
}

/// Height the totals take on the last page (VAT rows, fee, total, gaps).
pub fn totals_height(vat_rows: usize) -> f32 {
    (vat_rows as f32 + 2.0) * ROW_H + 8.0
}

fn capacity(page: usize, min_y: f32) -> usize {
    let span = first_row_y(page) - min_y;
    if span < 0.0 {
        0
    } else {
        (span / ROW_H) as usize + 1
    }
}

/// How much higher the bottom blocks sit on the last page: [`SLIP_LIFT`] when it carries a
/// reading zone.
pub fn lift(slip: bool) -> f32 {
    if slip {
        SLIP_LIFT
    } else {
        0.0
    }
}

/// Splits `lines` rows over pages: as many as fit, the last page keeping room for the totals
/// and the payment block (lifted above the reading zone when `slip`); always at least one page.
pub fn paginate(lines: usize, vat_rows: usize, slip: bool) -> Vec<PagePlan> {
    let last_min_y = PAY_BOX_TOP + lift(slip) + 4.0 + totals_height(vat_rows);
    let mut plans = Vec::new();
    let mut start = 0;
    loop {
        let page = plans.len();
        let remaining = lines - start;
        if remaining <= capacity(page, last_min_y) {
            plans.push(PagePlan { start, end: lines });
            return plans;
        }
        // Leave at least one line for the last page, so totals follow a line.
        let take = capacity(page, ROWS_MIN_Y_CONTINUED)
            .min(remaining.saturating_sub(1))
            .max(1);
        plans.push(PagePlan {
            start,
            end: start + take,
        });
        start += take;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_holds_a_normal_invoice_and_120_lines_need_several() {
        assert_eq!(paginate(3, 1, true), vec![PagePlan { start: 0, end: 3 }]);
        assert_eq!(paginate(0, 1, true).len(), 1);
        let plans = paginate(120, 2, true);
        assert!(plans.len() >= 3, "{plans:?}");
        assert_eq!(plans[0].start, 0);
        assert_eq!(plans.last().map(|p| p.end), Some(120));
        for w in plans.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(w[0].end > w[0].start);
        }
    }
}
