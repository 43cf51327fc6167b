//! Text measurement with the bundled Liberation Serif 2 faces (metric-compatible with
//! Times New Roman), used for rules "as long as the text" and, later, for page layout.

use std::sync::atomic::{AtomicU32, AtomicU8, Ordering};
use std::sync::OnceLock;

use ttf_parser::Face;

/// Liberation Serif Regular (SIL OFL 1.1, see templates/fonts/LICENSE-OFL.txt).
pub static SERIF_REGULAR: &[u8] =
    include_bytes!("../../../templates/fonts/LiberationSerif-Regular.ttf");
/// Liberation Serif Bold.
pub static SERIF_BOLD: &[u8] = include_bytes!("../../../templates/fonts/LiberationSerif-Bold.ttf");
/// Liberation Serif Italic.
pub static SERIF_ITALIC: &[u8] =
    include_bytes!("../../../templates/fonts/LiberationSerif-Italic.ttf");
/// Liberation Serif Bold Italic.
pub static SERIF_BOLD_ITALIC: &[u8] =
    include_bytes!("../../../templates/fonts/LiberationSerif-BoldItalic.ttf");

/// One bundled face: its file, PostScript name, bytes and style.
#[derive(Debug, Clone, Copy)]
pub struct FontFace {
    /// File name in `templates/fonts` (and in the UI's `fonts/`).
    pub file: &'static str,
    /// PostScript name (the PDF's BaseFont, before the subset tag).
    pub postscript: &'static str,
    /// The TrueType file.
    pub bytes: &'static [u8],
    /// Bold face.
    pub bold: bool,
    /// Italic face.
    pub italic: bool,
}

/// The bundled faces in the order regular, bold, italic, bold italic: the one table the
/// metrics, PDF, SVG and CLI use ([`face_index`] gives a style's place in it).
pub static FACES: [FontFace; 4] = [
    FontFace {
        file: "LiberationSerif-Regular.ttf",
        postscript: "LiberationSerif",
        bytes: SERIF_REGULAR,
        bold: false,
        italic: false,
    },
    FontFace {
        file: "LiberationSerif-Bold.ttf",
        postscript: "LiberationSerif-Bold",
        bytes: SERIF_BOLD,
        bold: true,
        italic: false,
    },
    FontFace {
        file: "LiberationSerif-Italic.ttf",
        postscript: "LiberationSerif-Italic",
        bytes: SERIF_ITALIC,
        bold: false,
        italic: true,
    },
    FontFace {
        file: "LiberationSerif-BoldItalic.ttf",
        postscript: "LiberationSerif-BoldItalic",
        bytes: SERIF_BOLD_ITALIC,
        bold: true,
        italic: true,
    },
];

/// The place of a style's face in [`FACES`].
pub fn face_index(bold: bool, italic: bool) -> usize {
    usize::from(bold) + 2 * usize::from(italic)
}

/// The parsed face at `index` in [`FACES`].
pub fn parsed_face(index: usize) -> &'static Face<'static> {
    &faces().faces[index.min(3)]
}

/// The four faces, parsed once.
struct Faces {
    faces: [Face<'static>; 4],
}

fn faces() -> &'static Faces {
    static PARSED: OnceLock<Faces> = OnceLock::new();
    PARSED.get_or_init(|| {
        let parse = |bytes: &'static [u8]| {
            // The fonts are compiled in and checked by the tests below; parsing cannot fail
            // at run time unless the build itself is broken.
            Face::parse(bytes, 0).unwrap_or_else(|e| panic!("bundled font is corrupt: {e}"))
        };
        Faces {
            faces: [
                parse(FACES[0].bytes),
                parse(FACES[1].bytes),
                parse(FACES[2].bytes),
                parse(FACES[3].bytes),
            ],
        }
    })
}

fn face(bold: bool, italic: bool) -> &'static Face<'static> {
    &faces().faces[face_index(bold, italic)]
}

/// Advances of Basic Multilingual Plane characters per face, filled on first use
/// (0 = not looked up yet, otherwise advance + 1), so layout does not repeat cmap lookups.
fn advance_cache(index: usize) -> &'static [AtomicU32] {
    static CACHES: [OnceLock<Vec<AtomicU32>>; 4] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    CACHES[index].get_or_init(|| (0..=0xFFFF).map(|_| AtomicU32::new(0)).collect())
}

fn advance(face: &Face<'_>, index: usize, c: char) -> u32 {
    let glyph = |c: char| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g));
    // A character the font lacks is printed as [`STAND_IN`] (see [`printable`]): measure that.
    let lookup = || {
        glyph(c)
            .or_else(|| if c.is_control() { None } else { glyph(STAND_IN) })
            .map(u32::from)
            .unwrap_or(0)
    };
    let Some(slot) = advance_cache(index).get(c as usize) else { return lookup() };
    match slot.load(Ordering::Relaxed) {
        0 => {
            let a = lookup();
            slot.store(a + 1, Ordering::Relaxed);
            a
        }
        cached => cached - 1,
    }
}

/// Width of `text` in points at `size_pt`, from the glyph advances (no kerning, as Word's default).
pub fn text_width_pt(text: &str, size_pt: f64, bold: bool, italic: bool) -> f64 {
    let index = face_index(bold, italic);
    let face = face(bold, italic);
    let units = f64::from(face.units_per_em());
    let total: u32 = text.chars().map(|c| advance(face, index, c)).sum();
    f64::from(total) * size_pt / units
}

/// What the PDF prints in place of a character the font lacks: a white square, as a box.
pub const STAND_IN: char = '\u{25A1}';

/// `text` as the PDF prints it: every character the bundled font lacks (an emoji…) becomes
/// [`STAND_IN`], so it shows as a box instead of vanishing.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| c.is_control() || has_glyph(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars().map(|c| if c.is_control() || has_glyph(c) { c } else { STAND_IN }).collect()
}

/// Whether the regular face has a glyph for `c` (Basic Multilingual Plane answers are kept:
/// a cmap lookup per character was most of the time of validating a long report).
fn has_glyph(c: char) -> bool {
    static KNOWN: OnceLock<Vec<AtomicU8>> = OnceLock::new();
    if c.is_ascii_graphic() || c == ' ' {
        return true;
    }
    let lookup = || face(false, false).glyph_index(c).is_some();
    let known = KNOWN.get_or_init(|| (0..=0xFFFF).map(|_| AtomicU8::new(0)).collect());
    let Some(slot) = known.get(c as usize) else { return lookup() };
    match slot.load(Ordering::Relaxed) {
        0 => {
            let has = lookup();
            slot.store(if has { 1 } else { 2 }, Ordering::Relaxed);
            has
        }
        v => v == 1,
    }
}

/// Characters of `text` the bundled font has no glyph for.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let mut out: Vec<char> = text.chars().filter(|c| !c.is_control() && !has_glyph(*c)).collect();
    out.dedup();
    out
}

/// Vertical metrics of the face in em units: (ascent, descent), both positive.
/// Single line height is their sum, as Word and LibreOffice compute it (winAscent + winDescent).
pub fn vertical_em(bold: bool, italic: bool) -> (f64, f64) {
    let face = face(bold, italic);
    let upm = f64::from(face.units_per_em());
    let (asc, desc) = match face.tables().os2 {
        Some(os2) => (f64::from(os2.windows_ascender()), f64::from(os2.windows_descender())),
        None => (f64::from(face.ascender()), -f64::from(face.descender())),
    };
    (asc / upm, desc.abs() / upm)
}

/// The face's external leading in em units: the part of the hhea line height (ascender +
/// descender + line gap) beyond winAscent + winDescent. Word and LibreOffice add it to single
/// ("multiple") line spacing: Times New Roman and Liberation Serif lines are 1.149 em, not 1.107.
pub fn line_gap_em(bold: bool, italic: bool) -> f64 {
    let face = face(bold, italic);
    let upm = f64::from(face.units_per_em());
    let hhea =
        f64::from(face.ascender()) - f64::from(face.descender()) + f64::from(face.line_gap());
    let (asc, desc) = vertical_em(bold, italic);
    (hhea / upm - asc - desc).max(0.0)
}

/// Underline position below the baseline and thickness, in em units.
pub fn underline_em() -> (f64, f64) {
    let face = face(false, false);
    let upm = f64::from(face.units_per_em());
    match face.underline_metrics() {
        Some(m) => (-f64::from(m.position) / upm, f64::from(m.thickness) / upm),
        None => (0.1, 0.05),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::pt_to_mm;

    #[test]
    fn party_heading_is_about_74_mm() {
        // docs/official-format.md §1.3 #2: ≈ 74 mm at 15 pt bold.
        let mm = pt_to_mm(text_width_pt("ĐẢNG CỘNG SẢN VIỆT NAM", 15.0, true, false));
        assert!((70.0..78.0).contains(&mm), "{mm}");
    }

    #[test]
    fn vietnamese_is_covered() {
        let all = "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ";
        assert!(missing_glyphs(all).is_empty());
        assert_eq!(missing_glyphs("a\u{10FFFD}"), vec!['\u{10FFFD}']);
        assert!(missing_glyphs(&STAND_IN.to_string()).is_empty(), "the stand-in is in the font");
        assert_eq!(printable("a😀b"), "a\u{25A1}b");
        assert_eq!(text_width_pt("😀", 13.0, false, false), text_width_pt("□", 13.0, false, false));
    }
}
