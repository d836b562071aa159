//! The invoice (or credit note) page layout, A4 portrait, 18 mm margins:
//!
//! - top left, the seller: name (bold), address, legal identifiers;
//! - top right, the client under "billed to": name, address, identifiers;
//! - the title with the number, then the dates, the service period and, for
//!   a credit note, the invoice it cancels;
//! - the lines: description (wrapped on up to three lines), quantity, unit
//!   price excluding VAT, VAT rate, total excluding VAT; a long invoice goes
//!   on over as many pages as needed, the column heads repeated on each;
//! - the totals, right-aligned, the last one in bold;
//! - the mentions (due date and terms, late-payment penalties, the fixed
//!   recovery indemnity, bank details), wrapped across the page.
//!
//! Every amount, date and heading arrives as text already written in the
//! document's language: this module lays out and never formats.

use printpdf::{Mm, Op, PdfDocument, PdfPage, PdfSaveOptions, Pt, RawImage, XObjectTransform};

use crate::draw::{rule, show, show_right};
use crate::fonts::{Face, Fonts, MM_PER_PT};
use crate::layout::{PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use crate::text::{clean, fit, wrap};
use crate::{InvoiceDocument, PdfError};

const LEFT: f32 = 18.0;
const RIGHT: f32 = PAGE_WIDTH_MM - 18.0;
const CLIENT_LEFT: f32 = 118.0;
/// Lowest baseline of the body; below it the page goes on to the next one.
const BOTTOM: f32 = PAGE_HEIGHT_MM - 20.0;
const LEADING: f32 = 1.3;

/// Right edges of the numeric columns, and the description's width.
const QUANTITY_RIGHT: f32 = 128.0;
const UNIT_PRICE_RIGHT: f32 = 153.0;
const VAT_RIGHT: f32 = 167.0;
const DESCRIPTION_WIDTH: f32 = 88.0;
const DESCRIPTION_LINES: usize = 3;

const BODY_PT: f32 = 9.0;
const SMALL_PT: f32 = 8.0;

fn line_height(size_pt: f32) -> f32 {
    size_pt * LEADING * MM_PER_PT
}

/// Pages being filled, top to bottom.
struct Pages<'a> {
    fonts: &'a Fonts,
    done: Vec<Vec<Op>>,
    ops: Vec<Op>,
    baseline: f32,
    headings: [String; 5],
}

impl Pages<'_> {
    /// Makes room for `height` mm below the current baseline, starting a new
    /// page (with the column heads when `table` is set) if needed.
    fn room(&mut self, height: f32, table: bool) {
        if self.baseline + height <= BOTTOM {
            return;
        }
        self.done.push(std::mem::take(&mut self.ops));
        self.baseline = 20.0;
        if table {
            self.table_heads();
        }
    }

    fn text(&mut self, face: &Face, size_pt: f32, x: f32, text: String) {
        show(&mut self.ops, face, size_pt, x, self.baseline, text);
    }

    fn next_line(&mut self, size_pt: f32) {
        self.baseline += line_height(size_pt);
    }

    fn table_heads(&mut self) {
        let bold = &self.fonts.bold;
        self.next_line(BODY_PT);
        let [description, quantity, unit_price, vat, total] = self.headings.clone();
        show(
            &mut self.ops,
            bold,
            SMALL_PT,
            LEFT,
            self.baseline,
            description,
        );
        for (right, text) in [
            (QUANTITY_RIGHT, quantity),
            (UNIT_PRICE_RIGHT, unit_price),
            (VAT_RIGHT, vat),
            (RIGHT, total),
        ] {
            show_right(&mut self.ops, bold, SMALL_PT, right, self.baseline, text);
        }
        rule(&mut self.ops, LEFT, self.baseline + 1.5, RIGHT - LEFT, 0.3);
        self.baseline += 2.0;
    }
}

/// A party's block: name in bold, then its lines, each cut to `width`.
fn party(pages: &mut Pages<'_>, x: f32, width: f32, name: &str, lines: &[String], top: f32) {
    let fonts = pages.fonts;
    pages.baseline = top;
    let name = fit(&fonts.bold, &clean(name), 11.0, width);
    pages.text(&fonts.bold, 11.0, x, name);
    pages.next_line(11.0);
    for line in lines {
        let line = fit(&fonts.regular, &clean(line), BODY_PT, width);
        if !line.is_empty() {
            pages.text(&fonts.regular, BODY_PT, x, line);
            pages.next_line(BODY_PT);
        }
    }
}

/// The logo's box, top left: at most this wide and this high, ratio kept.
const LOGO_MAX_WIDTH: f32 = 45.0;
const LOGO_MAX_HEIGHT: f32 = 16.0;
pub(crate) const LOGO_TOP: f32 = 14.0;

pub(crate) fn decode_logo(image: &[u8]) -> Result<RawImage, PdfError> {
    let decoded = RawImage::decode_from_bytes(image, &mut Vec::new()).map_err(PdfError::Logo)?;
    if decoded.width == 0 || decoded.height == 0 {
        return Err(PdfError::Logo("the image is empty".into()));
    }
    Ok(decoded)
}

/// Places the logo in its box; returns the height it took, in mm.
pub(crate) fn logo(
    doc: &mut PdfDocument,
    ops: &mut Vec<Op>,
    image: &[u8],
) -> Result<f32, PdfError> {
    let decoded = decode_logo(image)?;
    let (width_px, height_px) = (decoded.width as f32, decoded.height as f32);
    // The resolution that makes the image fill its box on the tighter side.
    let dpi = (width_px * 25.4 / LOGO_MAX_WIDTH).max(height_px * 25.4 / LOGO_MAX_HEIGHT);
    let height_mm = height_px * 25.4 / dpi;
    let id = doc.add_image(&decoded);
    ops.push(Op::UseXobject {
        id,
        transform: XObjectTransform {
            translate_x: Some(Mm(LEFT).into()),
            translate_y: Some(Pt::from(Mm(PAGE_HEIGHT_MM - LOGO_TOP - height_mm))),
            dpi: Some(dpi),
            ..Default::default()
        },
    });
    Ok(height_mm)
}

pub(crate) fn render(invoice: &InvoiceDocument) -> Result<Vec<u8>, PdfError> {
    let mut fonts = Fonts::load()?;
    let mut doc = PdfDocument::new(&clean(&format!("{} {}", invoice.title, invoice.number)));
    fonts.add_to(&mut doc);
    let mut pages = Pages {
        fonts: &fonts,
        done: Vec::new(),
        ops: Vec::new(),
        baseline: 0.0,
        headings: invoice.column_headings.clone(),
    };

    let seller_top = match &invoice.logo {
        Some(image) => LOGO_TOP + logo(&mut doc, &mut pages.ops, image)? + 6.0,
        None => 24.0,
    };
    party(
        &mut pages,
        LEFT,
        CLIENT_LEFT - LEFT - 6.0,
        &invoice.seller.name,
        &invoice.seller.lines,
        seller_top,
    );
    let seller_bottom = pages.baseline;
    pages.baseline = 20.0;
    pages.text(
        &fonts.regular,
        SMALL_PT,
        CLIENT_LEFT,
        clean(&invoice.billed_to_heading),
    );
    party(
        &mut pages,
        CLIENT_LEFT,
        RIGHT - CLIENT_LEFT,
        &invoice.client.name,
        &invoice.client.lines,
        25.0,
    );
    pages.baseline = pages.baseline.max(seller_bottom) + 10.0;

    let title = fit(
        &fonts.bold,
        &clean(&format!("{} {}", invoice.title, invoice.number)),
        16.0,
        RIGHT - LEFT,
    );
    pages.text(&fonts.bold, 16.0, LEFT, title);
    pages.next_line(16.0);
    for line in &invoice.details {
        let line = fit(&fonts.regular, &clean(line), BODY_PT, RIGHT - LEFT);
        pages.text(&fonts.regular, BODY_PT, LEFT, line);
        pages.next_line(BODY_PT);
    }
    pages.baseline += 4.0;
    pages.table_heads();

    for line in &invoice.lines {
        let description = wrap(
            &fonts.regular,
            &clean(&line.description),
            BODY_PT,
            DESCRIPTION_WIDTH,
            DESCRIPTION_LINES,
        );
        let rows = description.len().max(1);
        pages.room(line_height(BODY_PT) * rows as f32 + 1.5, true);
        pages.next_line(BODY_PT);
        let top = pages.baseline;
        for (right, text) in [
            (QUANTITY_RIGHT, &line.quantity),
            (UNIT_PRICE_RIGHT, &line.unit_price),
            (VAT_RIGHT, &line.vat_rate),
            (RIGHT, &line.total),
        ] {
            show_right(
                &mut pages.ops,
                &fonts.regular,
                BODY_PT,
                right,
                top,
                clean(text),
            );
        }
        for (i, text) in description.into_iter().enumerate() {
            if i > 0 {
                pages.next_line(BODY_PT);
            }
            pages.text(&fonts.regular, BODY_PT, LEFT, text);
        }
        pages.baseline += 1.5;
    }
    rule(
        &mut pages.ops,
        LEFT,
        pages.baseline + 0.5,
        RIGHT - LEFT,
        0.2,
    );
    pages.baseline += 3.0;

    let last = invoice.totals.len().saturating_sub(1);
    pages.room(line_height(10.0) * invoice.totals.len() as f32, false);
    for (i, (label, amount)) in invoice.totals.iter().enumerate() {
        let (face, size) = if i == last {
            (&fonts.bold, 10.5)
        } else {
            (&fonts.regular, BODY_PT)
        };
        pages.next_line(size);
        show(
            &mut pages.ops,
            face,
            size,
            CLIENT_LEFT,
            pages.baseline,
            clean(label),
        );
        show_right(
            &mut pages.ops,
            face,
            size,
            RIGHT,
            pages.baseline,
            clean(amount),
        );
    }
    pages.baseline += 8.0;

    for mention in &invoice.mentions {
        for line in wrap(&fonts.regular, &clean(mention), SMALL_PT, RIGHT - LEFT, 4) {
            pages.room(line_height(SMALL_PT), false);
            pages.next_line(SMALL_PT);
            pages.text(&fonts.regular, SMALL_PT, LEFT, line);
        }
        pages.baseline += 1.0;
    }

    pages.done.push(std::mem::take(&mut pages.ops));
    let pages = pages
        .done
        .into_iter()
        .map(|ops| PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), ops))
        .collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    Ok(doc.with_pages(pages).save(&options, &mut Vec::new()))
}
