//! The fonts Parc's PDFs are set in, and how wide a piece of text is.
//!
//! DejaVu Sans (regular and bold) is compiled into the binary rather than taken
//! from the system or from PDF's 14 built-in fonts: the built-ins only cover
//! WinAnsi (anything else prints as "?") and viewers substitute them with
//! whatever they have, while an embedded font prints the same everywhere. The
//! document is saved with font subsetting, so a sheet only carries the glyphs
//! it uses (a few kilobytes, not the 700 KB font files).
//!
//! Widths are measured with the fonts' own advance widths (`hmtx`), glyph by
//! glyph, exactly as printpdf writes the text (one glyph per `char`, no
//! kerning), so what we measure is what gets printed.

use printpdf::{FontId, ParsedFont, PdfDocument};

use crate::PdfError;

const REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Millimetres per PostScript point.
pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;

/// One font face: its metrics and its handle in the document being built.
pub(crate) struct Face {
    parsed: ParsedFont,
    units_per_em: f32,
    /// `None` until the face is added to a document (measuring needs no document).
    id: Option<FontId>,
}

impl Face {
    fn parse(bytes: &[u8], name: &'static str) -> Result<Self, PdfError> {
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(PdfError::Font(name))?;
        let units_per_em = f32::from(parsed.font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(PdfError::Font(name));
        }
        Ok(Face {
            parsed,
            units_per_em,
            id: None,
        })
    }

    /// The handle to use in `Op::SetFont` (set by [`Fonts::add_to`]).
    pub(crate) fn id(&self) -> Option<&FontId> {
        self.id.as_ref()
    }

    /// Width of `text` set at `size_pt`, in millimetres. Characters the font
    /// lacks are measured as the `.notdef` glyph, which is what gets printed.
    pub(crate) fn width_mm(&self, text: &str, size_pt: f32) -> f32 {
        let units: u64 = text
            .chars()
            .map(|c| {
                let glyph = self.parsed.lookup_glyph_index(u32::from(c)).unwrap_or(0);
                u64::from(self.parsed.get_horizontal_advance(glyph))
            })
            .sum();
        units as f32 / self.units_per_em * size_pt * MM_PER_PT
    }
}

/// The two faces a document uses.
pub(crate) struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

impl Fonts {
    /// Parses the embedded fonts (no document needed: enough to measure text).
    pub(crate) fn load() -> Result<Self, PdfError> {
        Ok(Fonts {
            regular: Face::parse(REGULAR_TTF, "DejaVu Sans")?,
            bold: Face::parse(BOLD_TTF, "DejaVu Sans Bold")?,
        })
    }

    /// Registers both faces with `doc`, so text ops can refer to them.
    pub(crate) fn add_to(&mut self, doc: &mut PdfDocument) {
        self.regular.id = Some(doc.add_font(&self.regular.parsed));
        self.bold.id = Some(doc.add_font(&self.bold.parsed));
    }
}
