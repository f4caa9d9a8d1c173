//! A page's drawing operations in millimetres, remembering which characters each weight
//! drew so the fonts can be subset to exactly those.

#![expect(
    clippy::float_arithmetic,
    reason = "page geometry in millimetres and points, never money"
)]

use std::collections::BTreeSet;

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfFontHandle, Point, Pt, Rect,
    TextItem, WindingOrder,
};

use super::font::Weight;

/// The resource name of a weight's font in every document.
pub fn font_id(weight: Weight) -> FontId {
    FontId(match weight {
        Weight::Regular => "F1".into(),
        Weight::Bold => "F2".into(),
        Weight::Ocr => "F3".into(),
    })
}

fn pt(mm: f32) -> Pt {
    Mm(mm).into_pt()
}

/// Points to millimetres.
pub fn pt_to_mm(points: f32) -> f32 {
    points * 25.4 / 72.0
}

/// The characters drawn per weight, across all pages of a document.
#[derive(Debug, Default, Clone)]
pub struct Used {
    /// Characters in DejaVu Sans.
    pub regular: BTreeSet<char>,
    /// Characters in DejaVu Sans Bold.
    pub bold: BTreeSet<char>,
    /// Characters in OCR-B.
    pub ocr: BTreeSet<char>,
}

impl Used {
    /// The set of `weight`.
    pub fn of(&self, weight: Weight) -> &BTreeSet<char> {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
            Weight::Ocr => &self.ocr,
        }
    }
}

/// One page being drawn.
pub struct Canvas<'u> {
    /// The operations so far.
    pub ops: Vec<Op>,
    used: &'u mut Used,
}

impl<'u> Canvas<'u> {
    /// An empty page recording its characters in `used`.
    pub fn new(used: &'u mut Used) -> Canvas<'u> {
        Canvas {
            ops: Vec::with_capacity(256),
            used,
        }
    }

    /// `text` with its left end at `x`, baseline at `y` (mm), `size` in points. Characters the
    /// font lacks become `?`, so what is drawn is what a reader extracts.
    pub fn text(&mut self, weight: Weight, size: f32, x: f32, y: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        let face = weight.face();
        let text: String = text
            .chars()
            .map(|c| if face.has(c) { c } else { '?' })
            .collect();
        let set = match weight {
            Weight::Regular => &mut self.used.regular,
            Weight::Bold => &mut self.used.bold,
            Weight::Ocr => &mut self.used.ocr,
        };
        set.extend(text.chars());
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font_id(weight)),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point { x: pt(x), y: pt(y) },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text)],
            },
            Op::EndTextSection,
        ]);
    }

    /// `text` with its right end at `x`.
    pub fn text_right(&mut self, weight: Weight, size: f32, x: f32, y: f32, text: &str) {
        let w = pt_to_mm(weight.face().width(text, size));
        self.text(weight, size, x - w, y, text);
    }

    /// Width of `text` in mm.
    pub fn width(weight: Weight, size: f32, text: &str) -> f32 {
        pt_to_mm(weight.face().width(text, size))
    }

    /// `text` shortened with `…` until it is at most `max` mm wide.
    pub fn fit(weight: Weight, size: f32, text: &str, max: f32) -> String {
        if Self::width(weight, size, text) <= max {
            return text.to_string();
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
            if Self::width(weight, size, &candidate) <= max {
                return candidate;
            }
        }
        String::new()
    }

    /// `text` broken into lines of at most `max` mm at spaces.
    pub fn wrap(weight: Weight, size: f32, text: &str, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if Self::width(weight, size, &candidate) <= max || current.is_empty() {
                current = candidate;
            } else {
                lines.push(std::mem::replace(&mut current, word.to_string()));
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        lines
    }

    /// A horizontal rule from `x1` to `x2` at `y`, `width` points thick, in `grey` (0 black).
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32, grey: f32) {
        self.ops.extend([
            Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale {
                    percent: grey,
                    icc_profile: None,
                }),
            },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: pt(x1),
                                y: pt(y),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: pt(x2),
                                y: pt(y),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A filled rectangle (lower-left corner `x`, `y`) in `grey`; text after it is black.
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        self.ops.extend([
            Op::SetFillColor {
                col: Color::Greyscale(Greyscale {
                    percent: grey,
                    icc_profile: None,
                }),
            },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: pt(x),
                    y: pt(y),
                    width: pt(w),
                    height: pt(h),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            },
            Op::SetFillColor {
                col: Color::Greyscale(Greyscale {
                    percent: 0.0,
                    icc_profile: None,
                }),
            },
        ]);
    }

    /// Black bars `(x, width)` from `y` up `height` (all mm), each a filled rectangle: a
    /// barcode drawn with vectors, sharp at any printer resolution.
    pub fn bars(&mut self, bars: &[(f32, f32)], y: f32, height: f32) {
        self.ops.push(Op::SetFillColor {
            col: Color::Greyscale(Greyscale {
                percent: 0.0,
                icc_profile: None,
            }),
        });
        for (x, w) in bars {
            self.ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: pt(*x),
                    y: pt(y),
                    width: pt(*w),
                    height: pt(height),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            });
        }
    }
}
