//! The equipment label sheet.
//!
//! Each 70 × 37 mm label (see [`crate::layout`]) shows, left to right:
//!
//! - the QR code of the reference, a 27 mm square including its 4-module quiet
//!   zone, vertically centred, 1.5 mm from the label's left edge (so the first
//!   dark module is ≈ 5 mm in, clear of the printer's unprintable border);
//! - a 37.5 mm wide text column, starting where the quiet zone ends and
//!   stopping 4 mm before the label's right edge:
//!   - the reference, bold 12 pt, shrunk down to 7 pt if needed to fit whole
//!     (it is what people read aloud and type), cut with "…" only beyond that;
//!   - the name, 9 pt, on up to two lines, the second cut with "…";
//!   - the client, then the site, 8 pt, one line each, cut with "…".
//!
//! Empty name/client/site lines are skipped and the next ones move up. Nothing
//! is drawn outside the labels (no cut lines): on pre-cut stock a border only
//! shows how far off the printer feeds.

use printpdf::{Mm, Op, PdfDocument, PdfPage, PdfSaveOptions};

use crate::draw::show;

use crate::fonts::{Fonts, MM_PER_PT};
use crate::layout::{
    label_rect, LabelRect, LABEL_HEIGHT_MM, LABEL_WIDTH_MM, PAGE_HEIGHT_MM, PAGE_WIDTH_MM,
};
use crate::qr::{Matrix, QrFailure};
use crate::text::{clean, fit, wrap};
use crate::{Label, PdfError};

/// Left edge of the QR square (quiet zone included), from the label's left edge.
const QR_LEFT_MM: f32 = 1.5;
/// Side of the QR square, quiet zone included.
const QR_SIDE_MM: f32 = 27.0;
/// Top of the QR square, from the label's top edge: centred vertically.
const QR_TOP_MM: f32 = (LABEL_HEIGHT_MM - QR_SIDE_MM) / 2.0;
/// Left edge of the text column: where the QR's quiet zone ends.
const TEXT_LEFT_MM: f32 = QR_LEFT_MM + QR_SIDE_MM;
/// Blank kept between the text and the label's right edge.
const TEXT_RIGHT_PADDING_MM: f32 = 4.0;
/// Width of the text column: 37.5 mm.
pub(crate) const TEXT_WIDTH_MM: f32 = LABEL_WIDTH_MM - TEXT_LEFT_MM - TEXT_RIGHT_PADDING_MM;

/// Baseline of the reference, from the label's top edge: its capitals line up
/// with the top of the QR code's dark modules.
const FIRST_BASELINE_MM: f32 = 11.5;
const REFERENCE_PT: f32 = 12.0;
const MIN_REFERENCE_PT: f32 = 7.0;
const NAME_PT: f32 = 9.0;
const NAME_LINES: usize = 2;
const DETAIL_PT: f32 = 8.0;
/// Extra space between the reference and the lines under it.
const AFTER_REFERENCE_MM: f32 = 1.0;
/// Extra space between the name and the client/site lines.
const AFTER_NAME_MM: f32 = 0.6;
/// Baseline-to-baseline distance, as a multiple of the font size.
const LEADING: f32 = 1.2;

/// Renders the whole sheet; `labels` must not be empty (checked by the caller).
pub(crate) fn render(labels: &[Label]) -> Result<Vec<u8>, PdfError> {
    let mut fonts = Fonts::load()?;
    let mut doc = PdfDocument::new("Étiquettes");
    fonts.add_to(&mut doc);

    let mut pages: Vec<Vec<Op>> = Vec::new();
    for (index, label) in labels.iter().enumerate() {
        let rect = label_rect(index);
        while pages.len() <= rect.page {
            pages.push(Vec::new());
        }
        let ops = &mut pages[rect.page];
        draw_qr(index, &label.reference, &rect, ops)?;
        draw_text(label, &rect, &fonts, ops);
    }

    let pages = pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), ops))
        .collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    Ok(doc.with_pages(pages).save(&options, &mut Vec::new()))
}

fn draw_qr(
    index: usize,
    reference: &str,
    rect: &LabelRect,
    ops: &mut Vec<Op>,
) -> Result<(), PdfError> {
    if reference.trim().is_empty() {
        return Err(PdfError::EmptyReference { index });
    }
    let failure = |failure| match failure {
        QrFailure::TooLong => PdfError::ReferenceTooLong {
            index,
            reference: reference.to_owned(),
        },
        QrFailure::Other(reason) => PdfError::Qr {
            index,
            reference: reference.to_owned(),
            reason,
        },
    };
    let matrix = Matrix::encode(reference).map_err(failure)?;
    let left = rect.x_mm + QR_LEFT_MM;
    let top = PAGE_HEIGHT_MM - (rect.y_mm + QR_TOP_MM);
    ops.extend(matrix.draw(left, top, QR_SIDE_MM).map_err(failure)?);
    Ok(())
}

fn draw_text(label: &Label, rect: &LabelRect, fonts: &Fonts, ops: &mut Vec<Op>) {
    let x = rect.x_mm + TEXT_LEFT_MM;
    let mut baseline = rect.y_mm + FIRST_BASELINE_MM;

    let reference = clean(&label.reference);
    let mut size = REFERENCE_PT;
    while size > MIN_REFERENCE_PT && fonts.bold.width_mm(&reference, size) > TEXT_WIDTH_MM {
        size -= 0.5;
    }
    show(
        ops,
        &fonts.bold,
        size,
        x,
        baseline,
        fit(&fonts.bold, &reference, size, TEXT_WIDTH_MM),
    );
    baseline += AFTER_REFERENCE_MM;

    let mut line = |ops: &mut Vec<Op>, size: f32, text: String, gap: f32| {
        baseline += gap + size * LEADING * MM_PER_PT;
        show(ops, &fonts.regular, size, x, baseline, text);
    };
    for text in wrap(
        &fonts.regular,
        &clean(&label.name),
        NAME_PT,
        TEXT_WIDTH_MM,
        NAME_LINES,
    ) {
        line(ops, NAME_PT, text, 0.0);
    }
    let mut gap = AFTER_NAME_MM;
    for detail in [&label.client, &label.site] {
        let text = fit(&fonts.regular, &clean(detail), DETAIL_PT, TEXT_WIDTH_MM);
        if !text.is_empty() {
            line(ops, DETAIL_PT, text, gap);
            gap = 0.0;
        }
    }
}
