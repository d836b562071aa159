//! The intervention report layout, A4 portrait, 18 mm margins:
//!
//! - top left, the company (its logo above its name when there is one);
//!   top right, the client under its heading;
//! - the title with the reference, then the optional header text;
//! - the sections in the order given: facts (label, value) in two columns,
//!   paragraphs of text (the work done, the terms), tables (equipment
//!   with serials, parts used) whose heads repeat on a new page, or bar
//!   charts (an activity report's);
//! - the signature area: two boxes side by side, kept together on one page;
//! - the footer text at the bottom of every page, with "page n / N".
//!
//! As for invoices, every word and figure arrives already written in the
//! report's language: this module lays out and never formats.

use printpdf::{Mm, Op, PdfDocument, PdfPage, PdfSaveOptions};

use crate::chart;
use crate::draw::{rule, show, show_right};
use crate::fonts::{Fonts, MM_PER_PT};
use crate::invoice::logo;
use crate::layout::{PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use crate::text::{clean, fit, wrap};
use crate::{PdfError, ReportBody, ReportDocument};

const LEFT: f32 = 18.0;
const RIGHT: f32 = PAGE_WIDTH_MM - 18.0;
const CLIENT_LEFT: f32 = 118.0;
/// Lowest baseline of the body, above the footer.
const BOTTOM: f32 = PAGE_HEIGHT_MM - 24.0;
const FOOTER_BASELINE: f32 = PAGE_HEIGHT_MM - 12.0;
const LEADING: f32 = 1.3;
const BODY_PT: f32 = 9.5;
const SMALL_PT: f32 = 8.0;
const HEADING_PT: f32 = 11.0;
/// Width of a fact's label column.
const LABEL_WIDTH: f32 = 42.0;
const SIGNATURE_HEIGHT: f32 = 32.0;
/// Lines a paragraph may take before it is cut with "…".
const PARAGRAPH_LINES: usize = 200;

fn line_height(size_pt: f32) -> f32 {
    size_pt * LEADING * MM_PER_PT
}

/// Pages being filled, top to bottom.
struct Pages<'a> {
    fonts: &'a Fonts,
    done: Vec<Vec<Op>>,
    ops: Vec<Op>,
    baseline: f32,
}

impl Pages<'_> {
    /// Makes room for `height` mm, going on to a new page if needed;
    /// returns whether it did.
    fn room(&mut self, height: f32) -> bool {
        if self.baseline + height <= BOTTOM {
            return false;
        }
        self.done.push(std::mem::take(&mut self.ops));
        self.baseline = 20.0;
        true
    }

    fn line(&mut self, bold: bool, size_pt: f32, x: f32, text: String) {
        let face = if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        };
        show(&mut self.ops, face, size_pt, x, self.baseline, text);
    }

    fn next_line(&mut self, size_pt: f32) {
        self.baseline += line_height(size_pt);
    }

    fn heading(&mut self, text: &str) {
        // A heading keeps a few lines of what follows (a table's heads and
        // first rows, a chart's legend and first bar) on its page.
        self.room(line_height(HEADING_PT) + 5.0 * line_height(BODY_PT));
        self.baseline += 4.0;
        self.next_line(HEADING_PT);
        let text = fit(&self.fonts.bold, &clean(text), HEADING_PT, RIGHT - LEFT);
        self.line(true, HEADING_PT, LEFT, text);
        rule(&mut self.ops, LEFT, self.baseline + 1.2, RIGHT - LEFT, 0.3);
        self.baseline += 1.5;
    }

    fn facts(&mut self, facts: &[(String, String)]) {
        // The labels' column fits the longest label, from LABEL_WIDTH up to
        // half the page.
        let widest = facts
            .iter()
            .map(|(label, _)| self.fonts.bold.width_mm(&clean(label), BODY_PT) + 4.0)
            .fold(LABEL_WIDTH, f32::max);
        let label_width = widest.min((RIGHT - LEFT) / 2.0);
        let width = RIGHT - LEFT - label_width;
        for (label, value) in facts {
            let lines = wrap(&self.fonts.regular, &clean(value), BODY_PT, width, 4);
            let rows = lines.len().max(1);
            self.room(line_height(BODY_PT) * rows as f32);
            self.next_line(BODY_PT);
            let label = fit(&self.fonts.bold, &clean(label), BODY_PT, label_width - 2.0);
            self.line(true, BODY_PT, LEFT, label);
            for (i, text) in lines.into_iter().enumerate() {
                if i > 0 {
                    self.next_line(BODY_PT);
                }
                self.line(false, BODY_PT, LEFT + label_width, text);
            }
        }
    }

    fn paragraphs(&mut self, text: &str) {
        for paragraph in text.lines() {
            let lines = wrap(
                &self.fonts.regular,
                &clean(paragraph),
                BODY_PT,
                RIGHT - LEFT,
                PARAGRAPH_LINES,
            );
            if lines.is_empty() {
                self.baseline += line_height(BODY_PT) / 2.0;
            }
            for text in lines {
                self.room(line_height(BODY_PT));
                self.next_line(BODY_PT);
                self.line(false, BODY_PT, LEFT, text);
            }
        }
    }

    /// Column `i` starts at `starts[i]` (mm from the left margin).
    fn table_heads(&mut self, headings: &[String], starts: &[f32]) {
        self.next_line(SMALL_PT);
        for (i, heading) in headings.iter().enumerate() {
            let width = column_width(starts, i);
            let text = fit(&self.fonts.bold, &clean(heading), SMALL_PT, width - 2.0);
            self.line(true, SMALL_PT, LEFT + starts[i], text);
        }
        rule(&mut self.ops, LEFT, self.baseline + 1.2, RIGHT - LEFT, 0.2);
        self.baseline += 1.5;
    }

    fn table(&mut self, headings: &[String], widths: &[u16], rows: &[Vec<String>]) {
        let total: f32 = widths.iter().map(|&w| f32::from(w)).sum::<f32>().max(1.0);
        let mut starts = Vec::with_capacity(widths.len());
        let mut x = 0.0;
        for &w in widths {
            starts.push(x);
            x += f32::from(w) / total * (RIGHT - LEFT);
        }
        let columns = headings.len().min(starts.len());
        self.room(line_height(SMALL_PT) + 2.0 * line_height(BODY_PT));
        self.table_heads(&headings[..columns], &starts[..columns]);
        for row in rows {
            if self.room(line_height(BODY_PT)) {
                self.table_heads(&headings[..columns], &starts[..columns]);
            }
            self.next_line(BODY_PT);
            for (i, cell) in row.iter().take(columns).enumerate() {
                let width = column_width(&starts[..columns], i);
                let text = fit(&self.fonts.regular, &clean(cell), BODY_PT, width - 2.0);
                self.line(false, BODY_PT, LEFT + starts[i], text);
            }
        }
    }

    /// A bar chart: the legend when there are several series, then a row
    /// per label; rows go on to the next page like a table's.
    fn bars(&mut self, chart: &crate::BarChart) {
        let largest = chart
            .rows
            .iter()
            .map(|r| r.values.iter().sum::<u64>())
            .max()
            .unwrap_or(0);
        if chart.series.len() > 1 {
            self.room(line_height(SMALL_PT) + chart::ROW_HEIGHT);
            self.next_line(BODY_PT);
            chart::legend(&mut self.ops, self.fonts, chart, LEFT, self.baseline);
            self.baseline += 1.5;
        }
        self.baseline += 1.0;
        for row in &chart.rows {
            self.room(chart::ROW_HEIGHT);
            chart::row(
                &mut self.ops,
                &self.fonts.regular,
                (LEFT, RIGHT),
                self.baseline,
                row,
                largest,
            );
            self.baseline += chart::ROW_HEIGHT;
        }
    }

    fn signatures(&mut self, boxes: &[String; 2]) {
        self.room(SIGNATURE_HEIGHT + 12.0);
        self.baseline += 8.0;
        let half = (RIGHT - LEFT - 8.0) / 2.0;
        for (i, label) in boxes.iter().enumerate() {
            let x = LEFT + (half + 8.0) * i as f32;
            let top = self.baseline;
            show(
                &mut self.ops,
                &self.fonts.bold,
                SMALL_PT,
                x + 2.0,
                top + line_height(SMALL_PT),
                fit(&self.fonts.bold, &clean(label), SMALL_PT, half - 4.0),
            );
            for (y, thickness) in [(top, 0.3), (top + SIGNATURE_HEIGHT, 0.3)] {
                rule(&mut self.ops, x, y, half, thickness);
            }
            vertical(&mut self.ops, x, top, SIGNATURE_HEIGHT);
            vertical(&mut self.ops, x + half - 0.3, top, SIGNATURE_HEIGHT);
        }
        self.baseline += SIGNATURE_HEIGHT;
    }
}

fn column_width(starts: &[f32], i: usize) -> f32 {
    starts.get(i + 1).copied().unwrap_or(RIGHT - LEFT) - starts[i]
}

fn vertical(ops: &mut Vec<Op>, x: f32, top: f32, height: f32) {
    use printpdf::{PaintMode, Pt, Rect, WindingOrder};
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            x: Pt::from(Mm(x)),
            y: Pt::from(Mm(PAGE_HEIGHT_MM - top - height)),
            width: Pt::from(Mm(0.3)),
            height: Pt::from(Mm(height)),
            mode: Some(PaintMode::Fill),
            winding_order: Some(WindingOrder::NonZero),
        },
    });
}

fn party(pages: &mut Pages<'_>, x: f32, width: f32, name: &str, lines: &[String]) {
    let fonts = pages.fonts;
    let name = fit(&fonts.bold, &clean(name), 11.0, width);
    pages.line(true, 11.0, x, name);
    pages.next_line(11.0);
    for line in lines {
        let line = fit(&fonts.regular, &clean(line), BODY_PT, width);
        if !line.is_empty() {
            pages.line(false, BODY_PT, x, line);
            pages.next_line(BODY_PT);
        }
    }
}

pub(crate) fn render(report: &ReportDocument) -> Result<Vec<u8>, PdfError> {
    let mut fonts = Fonts::load()?;
    let mut doc = PdfDocument::new(&clean(&report.title));
    fonts.add_to(&mut doc);
    let mut pages = Pages {
        fonts: &fonts,
        done: Vec::new(),
        ops: Vec::new(),
        baseline: 0.0,
    };
    pages.baseline = match &report.logo {
        Some(image) => crate::invoice::LOGO_TOP + logo(&mut doc, &mut pages.ops, image)? + 6.0,
        None => 24.0,
    };
    party(
        &mut pages,
        LEFT,
        CLIENT_LEFT - LEFT - 6.0,
        &report.company.name,
        &report.company.lines,
    );
    let company_bottom = pages.baseline;
    pages.baseline = 20.0;
    pages.line(false, SMALL_PT, CLIENT_LEFT, clean(&report.client_heading));
    pages.baseline = 25.0;
    party(
        &mut pages,
        CLIENT_LEFT,
        RIGHT - CLIENT_LEFT,
        &report.client.name,
        &report.client.lines,
    );
    pages.baseline = pages.baseline.max(company_bottom) + 8.0;
    let title = fit(&fonts.bold, &clean(&report.title), 16.0, RIGHT - LEFT);
    pages.line(true, 16.0, LEFT, title);
    pages.next_line(SMALL_PT);
    if !report.header_text.trim().is_empty() {
        pages.paragraphs(&report.header_text);
    }
    for section in &report.sections {
        pages.heading(&section.heading);
        match &section.body {
            ReportBody::Facts(facts) => pages.facts(facts),
            ReportBody::Text(text) => pages.paragraphs(text),
            ReportBody::Table {
                headings,
                widths,
                rows,
            } => pages.table(headings, widths, rows),
            ReportBody::Bars(chart) => pages.bars(chart),
        }
    }
    if let Some(boxes) = &report.signatures {
        pages.signatures(boxes);
    }
    pages.done.push(std::mem::take(&mut pages.ops));
    let count = pages.done.len();
    let mut done = pages.done;
    for (i, ops) in done.iter_mut().enumerate() {
        let footer = fit(
            &fonts.regular,
            &clean(&report.footer),
            SMALL_PT,
            RIGHT - LEFT - 25.0,
        );
        show(ops, &fonts.regular, SMALL_PT, LEFT, FOOTER_BASELINE, footer);
        show_right(
            ops,
            &fonts.regular,
            SMALL_PT,
            RIGHT,
            FOOTER_BASELINE,
            format!("{} / {}", i + 1, count),
        );
    }
    let pages = done
        .into_iter()
        .map(|ops| PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), ops))
        .collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    Ok(doc.with_pages(pages).save(&options, &mut Vec::new()))
}
