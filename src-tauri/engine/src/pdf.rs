//! PDF writer (printpdf 0.12.8, no default features): draws a [`Layout`] with the bundled
//! Liberation Serif faces embedded as subsets (Type0/Identity-H with a ToUnicode map, so
//! copying and `pdftotext` return the text), A4 pages, document info and language.

use printpdf::{
    Color, Line, LinePoint, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rgb, TextItem, TextMatrix,
};

use std::collections::BTreeSet;

use crate::error::EngineError;
use crate::flow::DocProps;
use crate::layout::{Item, Layout};
use crate::metrics::{printable, SERIF_BOLD, SERIF_BOLD_ITALIC, SERIF_ITALIC, SERIF_REGULAR};
use crate::units::pt_to_mm;

fn err(detail: impl ToString) -> EngineError {
    EngineError::Write { format: "PDF", detail: detail.to_string() }
}

/// PostScript names of the four bundled faces.
const FACE_NAMES: [&str; 4] = [
    "LiberationSerif",
    "LiberationSerif-Bold",
    "LiberationSerif-Italic",
    "LiberationSerif-BoldItalic",
];

fn face_index(t: &crate::layout::TextRun) -> usize {
    usize::from(t.style.bold) + 2 * usize::from(t.style.italic)
}

/// A six-capital-letter subset tag derived from the face and its characters (stable output).
fn subset_tag(face: usize, chars: &BTreeSet<char>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ face as u64;
    for c in chars {
        h = (h ^ u64::from(*c)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

/// Keeps only the glyphs of `chars` (and .notdef), with a Unicode cmap for them.
fn subset(bytes: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>, EngineError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset as subset_font, CmapTarget, SubsetProfile};
    let face = ttf_parser::Face::parse(bytes, 0).map_err(err)?;
    let mut gids: BTreeSet<u16> =
        chars.iter().filter_map(|c| face.glyph_index(*c)).map(|g| g.0).collect();
    gids.remove(&0);
    let ids: Vec<u16> = std::iter::once(0).chain(gids).collect();
    let scope = ReadScope::new(bytes);
    let data = scope.read::<FontData<'_>>().map_err(err)?;
    let provider = data.table_provider(0).map_err(err)?;
    subset_font(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(err)
}

fn black() -> Color {
    Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None })
}

/// Writes the laid-out pages as PDF bytes with the document's properties.
pub fn write(layout: &Layout, props: &DocProps) -> Result<Vec<u8>, EngineError> {
    let mut doc = PdfDocument::new(&props.title);
    let info = &mut doc.metadata.info;
    info.author = props.author.clone();
    info.subject = props.subject.clone();
    info.creator = "Soạn Báo Cáo".into();
    info.producer = "Soạn Báo Cáo (printpdf)".into();
    if let Ok(t) = printpdf::OffsetDateTime::from_unix_timestamp(props.generated.timestamp()) {
        info.creation_date = t;
        info.modification_date = t;
        info.metadata_date = t;
    }
    // Characters used by each face (regular, bold, italic, bold italic).
    let mut used: [BTreeSet<char>; 4] = Default::default();
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text(t) = item {
                used[face_index(t)].extend(printable(&t.text).chars());
            }
        }
    }
    let mut warnings = Vec::new();
    let mut font_ids = Vec::new();
    let mut names = Vec::new();
    for (i, bytes) in
        [SERIF_REGULAR, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC].into_iter().enumerate()
    {
        if used[i].is_empty() {
            font_ids.push(None);
            continue;
        }
        let sub = subset(bytes, &used[i])?;
        let font = ParsedFont::from_bytes(&sub, 0, &mut warnings)
            .ok_or_else(|| err("the font subset could not be parsed"))?;
        let id = doc.add_font(&font);
        names.push((id.0.clone(), format!("{}+{}", subset_tag(i, &used[i]), FACE_NAMES[i])));
        font_ids.push(Some(id));
    }
    let h = layout.height_pt;
    let mut pages = Vec::with_capacity(layout.pages.len());
    for page in &layout.pages {
        // One text object per page; font and colour are set only when they change (they are
        // graphics state and outlive BT/ET). Lines are drawn after it, outside the text object.
        let mut ops = vec![Op::SetFillColor { col: black() }, Op::StartTextSection];
        let mut current: Option<(usize, f64)> = None;
        let mut lines = Vec::new();
        for item in &page.items {
            match item {
                Item::Text(t) => {
                    let face = face_index(t);
                    let Some(font) = font_ids[face].clone() else { continue };
                    if current != Some((face, t.style.size_pt)) {
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(font),
                            size: Pt(t.style.size_pt as f32),
                        });
                        current = Some((face, t.style.size_pt));
                    }
                    let mut items = Vec::new();
                    let text = printable(&t.text);
                    if t.word_spacing.abs() > 1e-6 {
                        // Tw does not apply to two-byte codes (library-notes B.0 #4): widen each
                        // space with a TJ offset instead, in thousandths of an em (negative = right).
                        let offset = -(t.word_spacing / t.style.size_pt * 1000.0) as f32;
                        let mut parts = text.split(' ').peekable();
                        while let Some(part) = parts.next() {
                            if parts.peek().is_some() {
                                items.push(TextItem::Text(format!("{part} ")));
                                items.push(TextItem::Offset(offset));
                            } else if !part.is_empty() {
                                items.push(TextItem::Text(part.to_string()));
                            }
                        }
                    } else {
                        items.push(TextItem::Text(text.into_owned()));
                    }
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(t.x as f32), Pt((h - t.y) as f32)),
                    });
                    ops.push(Op::ShowText { items });
                }
                Item::Line(r) => lines.push(*r),
            }
        }
        ops.push(Op::EndTextSection);
        if !lines.is_empty() {
            ops.push(Op::SetOutlineColor { col: black() });
        }
        let mut weight = None;
        for r in lines {
            if weight != Some(r.width) {
                ops.push(Op::SetOutlineThickness { pt: Pt(r.width as f32) });
                weight = Some(r.width);
            }
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point { x: Pt(r.x1 as f32), y: Pt((h - r.y1) as f32) },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point { x: Pt(r.x2 as f32), y: Pt((h - r.y2) as f32) },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
        }
        pages.push(PdfPage::new(
            printpdf::Mm(pt_to_mm(layout.width_pt) as f32),
            printpdf::Mm(pt_to_mm(layout.height_pt) as f32),
            ops,
        ));
    }
    doc.with_pages(pages);
    let opts = PdfSaveOptions { optimize: true, subset_fonts: true, ..Default::default() };
    let mut save_warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut save_warnings);
    // printpdf has no setter for the document language: add /Lang to the catalog.
    lo.catalog_mut()
        .map_err(err)?
        .set("Lang", lopdf::Object::string_literal(props.language.as_str()));
    // Name the embedded subsets "ABCDEF+LiberationSerif…" (ISO 32000 §9.6.4) in place of
    // printpdf's random ids, so readers and pdffonts see them as subsets.
    for obj in lo.objects.values_mut() {
        if let lopdf::Object::Dictionary(dict) = obj {
            for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
                let current = dict.get(key).ok().and_then(|v| v.as_name().ok()).map(<[u8]>::to_vec);
                if let Some(cur) = current {
                    if let Some((_, name)) =
                        names.iter().find(|(id, _)| id.as_bytes() == cur.as_slice())
                    {
                        dict.set(key.to_vec(), lopdf::Object::Name(name.clone().into_bytes()));
                    }
                }
            }
        }
    }
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(err)?;
    Ok(out)
}
