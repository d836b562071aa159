//! QR codes drawn as vector rectangles.
//!
//! The code holds the equipment reference and nothing else, so that a USB
//! scanner (which "types" what it reads) enters exactly the reference into
//! Parc's search field. Error correction level M (15 %) survives the scuffs and
//! smudges of a label stuck on a machine without making the code denser.
//!
//! The modules are drawn as filled rectangles, not as an image: they stay sharp
//! at any printer resolution, and merging each horizontal run of dark modules
//! into one rectangle keeps the content stream small (a version 1 code is
//! about 130 rectangles instead of 230 modules).

use printpdf::{Mm, Op, PaintMode, Pt, Rect, WindingOrder};
use qrcode::{Color, EcLevel, QrCode};

/// Light modules required around the code by the QR specification.
pub(crate) const QUIET_ZONE_MODULES: usize = 4;

/// Below this module size a worn label printed by an office printer stops
/// scanning reliably: longer references are refused rather than printed unreadable.
pub(crate) const MIN_MODULE_MM: f32 = 0.5;

/// Why a reference cannot be turned into a printable code.
#[derive(Debug)]
pub(crate) enum QrFailure {
    /// More data than fits a code whose modules are at least [`MIN_MODULE_MM`].
    TooLong,
    /// Any other encoder error, described.
    Other(String),
}

/// A QR code as a square of dark/light modules, without its quiet zone.
pub(crate) struct Matrix {
    width: usize,
    dark: Vec<bool>,
}

impl Matrix {
    /// Encodes `data` at error correction level M.
    pub(crate) fn encode(data: &str) -> Result<Self, QrFailure> {
        let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).map_err(
            |e| match e {
                qrcode::types::QrError::DataTooLong => QrFailure::TooLong,
                other => QrFailure::Other(other.to_string()),
            },
        )?;
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        Ok(Matrix {
            width: code.width(),
            dark,
        })
    }

    /// Modules across the code, quiet zone included.
    pub(crate) fn width_with_quiet_zone(&self) -> usize {
        self.width + 2 * QUIET_ZONE_MODULES
    }

    /// Fill ops drawing the code, quiet zone included, in the square whose
    /// top-left corner is (`left_mm`, `top_mm`) from the page's bottom-left
    /// origin and whose side is `side_mm`.
    ///
    /// Fails with [`QrFailure::TooLong`] when the modules would be smaller than
    /// [`MIN_MODULE_MM`].
    pub(crate) fn draw(
        &self,
        left_mm: f32,
        top_mm: f32,
        side_mm: f32,
    ) -> Result<Vec<Op>, QrFailure> {
        let module = side_mm / self.width_with_quiet_zone() as f32;
        if module < MIN_MODULE_MM {
            return Err(QrFailure::TooLong);
        }
        let quiet = QUIET_ZONE_MODULES as f32 * module;
        let mut ops = Vec::new();
        for (row, cells) in self.dark.chunks(self.width).enumerate() {
            // Top of this row, then one rectangle per run of dark modules.
            let y = top_mm - quiet - (row + 1) as f32 * module;
            let mut column = 0;
            while column < cells.len() {
                if !cells[column] {
                    column += 1;
                    continue;
                }
                let start = column;
                while column < cells.len() && cells[column] {
                    column += 1;
                }
                let x = left_mm + quiet + start as f32 * module;
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt::from(Mm(x)),
                        y: Pt::from(Mm(y)),
                        width: Pt::from(Mm((column - start) as f32 * module)),
                        height: Pt::from(Mm(module)),
                        mode: Some(PaintMode::Fill),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
        }
        Ok(ops)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let matrix = Matrix::encode("EQ000001").unwrap();
        assert_eq!(matrix.width, 21, "a short reference fits version 1");
        let ops = matrix.draw(0.0, 100.0, 29.0).unwrap();
        let dark_modules = matrix.dark.iter().filter(|&&d| d).count();
        let mut covered = 0.0;
        for op in &ops {
            let Op::DrawRectangle { rectangle } = op else {
                panic!("unexpected op {op:?}")
            };
            covered += rectangle.width.0 / rectangle.height.0;
        }
        assert!((covered - dark_modules as f32).abs() < 0.01);
        assert!(ops.len() < dark_modules);
    }

    #[test]
    fn too_dense_codes_are_refused() {
        // Version 7 (53 modules with the quiet zone) is the densest that fits 27 mm.
        let fits = |data: String| {
            Matrix::encode(&data)
                .unwrap()
                .draw(0.0, 100.0, 27.0)
                .is_ok()
        };
        assert!(fits("x".repeat(122)) && !fits("x".repeat(123)));
        assert!(fits("X".repeat(178)) && !fits("X".repeat(179)));
        let long = "X".repeat(300);
        let matrix = Matrix::encode(&long).unwrap();
        assert!(matches!(
            matrix.draw(0.0, 100.0, 27.0),
            Err(QrFailure::TooLong)
        ));
        assert!(matches!(
            Matrix::encode(&"x".repeat(5000)),
            Err(QrFailure::TooLong)
        ));
    }
}
