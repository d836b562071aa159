//! Horizontal bar charts in a report: one row per label, each bar made of
//! up to [`PALETTE`]'s length of stacked series, the row's total written at
//! its end, a legend of the series above. Bars are scaled to the largest
//! total; a row of nothing draws no bar. Printed in colours that stay apart
//! in greyscale (dark blue, light orange, grey).

use printpdf::color::Rgb;
use printpdf::{Color, Mm, Op, PaintMode, Pt, Rect, WindingOrder};

use crate::draw::show;
use crate::fonts::{Face, Fonts};
use crate::layout::PAGE_HEIGHT_MM;
use crate::text::{clean, fit};
use crate::BarChart;

/// The series' colours, in order (RGB, 0–255).
pub(crate) const PALETTE: [(u8, u8, u8); 3] = [(29, 78, 216), (245, 158, 11), (148, 163, 184)];
/// Height of a bar and the room of a row, in mm.
pub(crate) const BAR_HEIGHT: f32 = 4.2;
pub(crate) const ROW_HEIGHT: f32 = 6.5;
/// The labels' column, and the room kept right of the bars for the totals.
const LABEL_WIDTH: f32 = 48.0;
const TOTAL_WIDTH: f32 = 28.0;
const TEXT_PT: f32 = 8.5;

fn fill(ops: &mut Vec<Op>, (r, g, b): (u8, u8, u8)) {
    ops.push(Op::SetFillColor {
        col: Color::Rgb(Rgb {
            r: f32::from(r) / 255.0,
            g: f32::from(g) / 255.0,
            b: f32::from(b) / 255.0,
            icc_profile: None,
        }),
    });
}

fn black(ops: &mut Vec<Op>) {
    fill(ops, (0, 0, 0));
}

fn bar(ops: &mut Vec<Op>, x: f32, top: f32, width: f32, height: f32) {
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            x: Pt::from(Mm(x)),
            y: Pt::from(Mm(PAGE_HEIGHT_MM - top - height)),
            width: Pt::from(Mm(width)),
            height: Pt::from(Mm(height)),
            mode: Some(PaintMode::Fill),
            winding_order: Some(WindingOrder::NonZero),
        },
    });
}

/// The legend: a swatch and the name of each series, on one line whose
/// baseline is `baseline`.
pub(crate) fn legend(ops: &mut Vec<Op>, fonts: &Fonts, chart: &BarChart, left: f32, baseline: f32) {
    let mut x = left;
    for (i, name) in chart.series.iter().enumerate().take(PALETTE.len()) {
        fill(ops, PALETTE[i]);
        bar(ops, x, baseline - 2.6, 3.0, 3.0);
        black(ops);
        let name = clean(name);
        let width = fonts.regular.width_mm(&name, TEXT_PT);
        show(ops, &fonts.regular, TEXT_PT, x + 4.2, baseline, name);
        x += 4.2 + width + 6.0;
    }
}

/// One row of the chart: its label, its stacked bar and its total, the
/// row's top at `top`; `largest` is the chart's largest total.
pub(crate) fn row(
    ops: &mut Vec<Op>,
    face: &Face,
    (left, right): (f32, f32),
    top: f32,
    row: &crate::BarRow,
    largest: u64,
) {
    let baseline = top + BAR_HEIGHT - 0.8;
    let label = fit(face, &clean(&row.label), TEXT_PT, LABEL_WIDTH - 2.0);
    show(ops, face, TEXT_PT, left, baseline, label);
    let area = right - left - LABEL_WIDTH - TOTAL_WIDTH;
    let mut x = left + LABEL_WIDTH;
    for (i, value) in row.values.iter().enumerate().take(PALETTE.len()) {
        if *value == 0 || largest == 0 {
            continue;
        }
        let width = area * (*value as f32 / largest as f32);
        fill(ops, PALETTE[i]);
        bar(ops, x, top, width, BAR_HEIGHT);
        x += width;
    }
    black(ops);
    let total = fit(face, &clean(&row.total), TEXT_PT, TOTAL_WIDTH - 2.0);
    show(ops, face, TEXT_PT, x + 1.5, baseline, total);
}
