//! Drawing primitives shared by the documents, in millimetres measured from
//! the page's top-left corner (PDF measures from the bottom-left in points).

use printpdf::{Mm, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, TextItem, WindingOrder};

use crate::fonts::Face;
use crate::layout::PAGE_HEIGHT_MM;

/// One line of text whose baseline starts at (`x_mm`, `baseline_mm`).
pub(crate) fn show(
    ops: &mut Vec<Op>,
    face: &Face,
    size_pt: f32,
    x_mm: f32,
    baseline_mm: f32,
    text: String,
) {
    let Some(font) = face.id() else { return };
    if text.is_empty() {
        return;
    }
    ops.extend([
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::External(font.clone()),
            size: Pt(size_pt),
        },
        Op::SetTextCursor {
            pos: Point {
                x: Mm(x_mm).into(),
                y: Mm(PAGE_HEIGHT_MM - baseline_mm).into(),
            },
        },
        Op::ShowText {
            items: vec![TextItem::Text(text)],
        },
        Op::EndTextSection,
    ]);
}

/// One line of text ending at `right_mm` (amounts line up on their right).
pub(crate) fn show_right(
    ops: &mut Vec<Op>,
    face: &Face,
    size_pt: f32,
    right_mm: f32,
    baseline_mm: f32,
    text: String,
) {
    let x = right_mm - face.width_mm(&text, size_pt);
    show(ops, face, size_pt, x, baseline_mm, text);
}

/// A horizontal rule `width_mm` long whose top is at `top_mm`.
pub(crate) fn rule(ops: &mut Vec<Op>, x_mm: f32, top_mm: f32, width_mm: f32, thickness_mm: f32) {
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            x: Pt::from(Mm(x_mm)),
            y: Pt::from(Mm(PAGE_HEIGHT_MM - top_mm - thickness_mm)),
            width: Pt::from(Mm(width_mm)),
            height: Pt::from(Mm(thickness_mm)),
            mode: Some(PaintMode::Fill),
            winding_order: Some(WindingOrder::NonZero),
        },
    });
}
