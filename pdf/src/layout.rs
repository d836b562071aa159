//! Where each label sits on the sheet.
//!
//! The sheet is the common A4 "70 × 37 mm, 24 per sheet" stock (Avery 3474 and
//! its equivalents): 3 columns × 8 rows of 70 × 37 mm labels, edge to edge.
//!
//! - Page: A4, 210 × 297 mm.
//! - Columns: 3 × 70 mm = 210 mm, so **no left/right margin** and no gap.
//! - Rows: 8 × 37 mm = 296 mm, so a **0.5 mm top and bottom margin** and no gap.
//!
//! Because the labels reach the paper's edge, and office printers cannot print
//! the outer ~4 mm, everything drawn inside a label keeps a padding (see
//! [`crate::labels`]): nothing important lands in the unprintable band even on
//! the outer labels.
//!
//! The geometry is public so callers (and the tests, which crop each label out
//! of a rendered page) agree with the generator on where every label is.

/// A4 page width, in millimetres.
pub const PAGE_WIDTH_MM: f32 = 210.0;
/// A4 page height, in millimetres.
pub const PAGE_HEIGHT_MM: f32 = 297.0;
/// Label width, in millimetres.
pub const LABEL_WIDTH_MM: f32 = 70.0;
/// Label height, in millimetres.
pub const LABEL_HEIGHT_MM: f32 = 37.0;
/// Labels across a page.
pub const COLUMNS: usize = 3;
/// Labels down a page.
pub const ROWS: usize = 8;
/// Labels on one page.
pub const LABELS_PER_PAGE: usize = COLUMNS * ROWS;
/// Space between the left page edge and the first column (none: 3 × 70 = 210).
pub const LEFT_MARGIN_MM: f32 = (PAGE_WIDTH_MM - COLUMNS as f32 * LABEL_WIDTH_MM) / 2.0;
/// Space between the top page edge and the first row: (297 − 8 × 37) / 2 = 0.5 mm.
pub const TOP_MARGIN_MM: f32 = (PAGE_HEIGHT_MM - ROWS as f32 * LABEL_HEIGHT_MM) / 2.0;

/// The place of one label: its page and its rectangle on that page.
///
/// Coordinates are in millimetres measured from the **top-left** corner of the
/// page (as on paper and in a rendered image), not PDF's bottom-left origin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelRect {
    /// Zero-based page number.
    pub page: usize,
    /// Distance from the left page edge to the label's left edge.
    pub x_mm: f32,
    /// Distance from the top page edge to the label's top edge.
    pub y_mm: f32,
    /// Always [`LABEL_WIDTH_MM`].
    pub width_mm: f32,
    /// Always [`LABEL_HEIGHT_MM`].
    pub height_mm: f32,
}

/// Where the label number `index` (zero-based, in the order given to
/// [`crate::label_sheet`]) is printed. Labels fill a page row by row, left to
/// right, then continue on the next page.
pub fn label_rect(index: usize) -> LabelRect {
    let page = index / LABELS_PER_PAGE;
    let slot = index % LABELS_PER_PAGE;
    let (row, column) = (slot / COLUMNS, slot % COLUMNS);
    LabelRect {
        page,
        x_mm: LEFT_MARGIN_MM + column as f32 * LABEL_WIDTH_MM,
        y_mm: TOP_MARGIN_MM + row as f32 * LABEL_HEIGHT_MM,
        width_mm: LABEL_WIDTH_MM,
        height_mm: LABEL_HEIGHT_MM,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_and_order() {
        assert_eq!(LEFT_MARGIN_MM, 0.0);
        assert_eq!(TOP_MARGIN_MM, 0.5);
        assert_eq!(LABELS_PER_PAGE, 24);
        let first = label_rect(0);
        assert_eq!((first.page, first.x_mm, first.y_mm), (0, 0.0, 0.5));
        let second = label_rect(1);
        assert_eq!((second.page, second.x_mm, second.y_mm), (0, 70.0, 0.5));
        let last = label_rect(23);
        assert_eq!((last.page, last.x_mm, last.y_mm), (0, 140.0, 259.5));
        assert!(last.y_mm + last.height_mm <= PAGE_HEIGHT_MM);
        let next_page = label_rect(24);
        assert_eq!(
            (next_page.page, next_page.x_mm, next_page.y_mm),
            (1, 0.0, 0.5)
        );
    }
}
