//! PDF writer: turns a [`Layout`] into a printpdf document (a page of text and rule operations
//! per laid-out page), which printpdf serialises: Type0/Identity-H fonts over CIDFontType2 with
//! widths and a ToUnicode map (so copying and `pdftotext` return the text), A4 pages, document
//! info. Around printpdf, each in the smallest way (docs/library-notes.md, «printpdf 0.12»):
//! - each face is subset here with allsorts (printpdf subsets only with its `text_layout`
//!   feature, which pulls a whole HTML layout engine) and handed to printpdf as a font of its
//!   own, named with the subset tag;
//! - fonts get fixed resource names and the file a fixed ID (printpdf makes both at random):
//!   the same report gives the same bytes on every machine;
//! - the catalog gets `/Lang` (printpdf has no field for it) and the version 1.7;
//! - streams are deflated here, page contents on every core at the fast level
//!   (`lopdf::Document::compress`, what printpdf's `optimize` calls, is one thread at the
//!   default level; docs/performance.md).

use std::collections::BTreeSet;
use std::io::Write as _;

use lopdf::{Document, Object, ObjectId, Stream};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, ParsedFont, PdfDocument, PdfDocumentInfo,
    PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use crate::error::EngineError;
use crate::flow::DocProps;
use crate::layout::{Item, Layout, TextRun};
use crate::metrics::{face_index, printable, FACES};

mod parts;

fn err(detail: impl ToString) -> EngineError {
    EngineError::Write { format: "PDF", detail: detail.to_string() }
}

fn run_face(t: &TextRun) -> usize {
    face_index(t.style.bold, t.style.italic)
}

/// An FNV-1a hash of `items`, started from the offset basis mixed with `seed`: stable on every
/// machine and build, which output names need.
fn fnv(seed: u64, items: impl IntoIterator<Item = u64>) -> u64 {
    items
        .into_iter()
        .fold(0xcbf2_9ce4_8422_2325 ^ seed, |h, v| (h ^ v).wrapping_mul(0x0100_0000_01b3))
}

/// A six-capital-letter subset tag derived from the face and its characters (stable output).
fn subset_tag(face: usize, chars: &BTreeSet<char>) -> String {
    let h = fnv(face as u64, chars.iter().map(|c| u64::from(*c)));
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

/// Characters used by one face: a bit set for the Basic Multilingual Plane, a set beyond it.
struct Used {
    bmp: Vec<u64>,
    other: BTreeSet<char>,
}

impl Used {
    fn new() -> Self {
        Used { bmp: vec![0; 0x1_0000 / 64], other: BTreeSet::new() }
    }

    fn add(&mut self, text: &str) {
        for c in text.chars() {
            let i = c as usize;
            match self.bmp.get_mut(i / 64) {
                Some(word) => *word |= 1 << (i % 64),
                None => {
                    self.other.insert(c);
                }
            }
        }
    }

    fn chars(&self) -> BTreeSet<char> {
        let mut out = BTreeSet::new();
        for (w, word) in self.bmp.iter().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if let Some(c) = char::from_u32((w * 64 + b) as u32) {
                    out.insert(c);
                }
            }
        }
        out.extend(self.other.iter().copied());
        out
    }
}

/// The resource name of face `index` ("F0"…"F3").
fn font_name(index: usize) -> String {
    format!("F{index}")
}

/// Face `index` subset to `chars` (with .notdef; glyphs keep their order, a Unicode cmap is
/// kept), read by printpdf and named with the subset tag.
fn subset_face(index: usize, chars: &BTreeSet<char>) -> Result<ParsedFont, EngineError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset as subset_font, CmapTarget, SubsetProfile};
    let face = crate::metrics::parsed_face(index);
    let mut ids: Vec<u16> =
        chars.iter().filter_map(|c| face.glyph_index(*c)).map(|g| g.0).collect();
    ids.push(0);
    ids.sort_unstable();
    ids.dedup();
    let scope = ReadScope::new(FACES[index].bytes);
    let data = scope.read::<FontData<'_>>().map_err(err)?;
    let provider = data.table_provider(0).map_err(err)?;
    let bytes =
        subset_font(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(err)?;
    let mut warnings = Vec::new();
    let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| err(format!("the subset of {} cannot be read", FACES[index].file)))?;
    parsed.font_name = Some(format!("{}+{}", subset_tag(index, chars), FACES[index].postscript));
    per_thousand_em(&mut parsed);
    Ok(parsed)
}

/// Restates the font's metrics in thousandths of an em, rounded. printpdf truncates each
/// advance when it writes `/W` (`get_scaled_glyph_width`: up to 1/1000 em short per glyph,
/// 0.6 pt over a 14 pt line of 90 characters, so justified lines would end short of the
/// margin); given metrics already per 1000 em, its scaling is exact and the widths are the
/// rounded advances the layout measured with (upstream fix: round there).
fn per_thousand_em(font: &mut ParsedFont) {
    let upem = f64::from(font.pdf_font_metrics.units_per_em.max(1));
    let scale = |v: f64| (v * 1000.0 / upem).round();
    for w in font.glyph_widths.values_mut() {
        *w = scale(f64::from(*w)) as u16;
    }
    let m = &mut font.pdf_font_metrics;
    for v in [&mut m.x_min, &mut m.y_min, &mut m.x_max, &mut m.y_max] {
        *v = scale(f64::from(*v)) as i16;
    }
    for v in [&mut font.font_metrics.ascent, &mut font.font_metrics.descent] {
        *v = scale(f64::from(*v)) as i16;
    }
    m.units_per_em = 1000;
    font.units_per_em = 1000;
}

/// A face the layout uses, subset to the characters it shows.
struct Face {
    font: ParsedFont,
    /// Every character the face shows, once each.
    chars: String,
}

/// The faces the layout uses (regular, bold, italic, bold italic), each subset to its
/// characters; `None` for a face no text uses.
fn subset_faces(layout: &Layout) -> Result<Vec<Option<Face>>, EngineError> {
    let mut used = [Used::new(), Used::new(), Used::new(), Used::new()];
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text(t) = item {
                used[run_face(t)].add(&printable(&t.text));
            }
        }
    }
    used.iter()
        .enumerate()
        .map(|(i, u)| {
            let chars = u.chars();
            if chars.is_empty() {
                Ok(None)
            } else {
                let font = subset_face(i, &chars)?;
                Ok(Some(Face { font, chars: chars.into_iter().collect() }))
            }
        })
        .collect()
}

fn black() -> Color {
    Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None })
}

/// What shows a run's text: the string, or, on a justified line, each space followed by the
/// line's extra space as a TJ offset in thousandths of an em (negative = to the right): Tw
/// does not apply to two-byte codes (ISO 32000 §9.3.3).
fn text_items(t: &TextRun) -> Vec<TextItem> {
    let text = printable(&t.text);
    if t.word_spacing.abs() <= 1e-6 {
        return vec![TextItem::Text(text.into_owned())];
    }
    let offset = -(t.word_spacing / t.style.size_pt * 1000.0) as f32;
    let mut items = Vec::new();
    let mut parts = text.split(' ').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_some() {
            items.push(TextItem::Text(format!("{part} ")));
            items.push(TextItem::Offset(offset));
        } else if !part.is_empty() {
            items.push(TextItem::Text(part.to_string()));
        }
    }
    items
}

/// The drawing operations of one page: its text in one text object, then its rules.
fn page_ops(items: &[Item], height: f64, fonts: &[Option<Face>]) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 2 + 4);
    ops.push(Op::SetFillColor { col: black() });
    ops.push(Op::StartTextSection);
    let mut current: Option<(usize, f64)> = None;
    for item in items {
        let Item::Text(t) = item else { continue };
        let face = run_face(t);
        if fonts[face].is_none() {
            continue;
        }
        if current != Some((face, t.style.size_pt)) {
            let font = PdfFontHandle::External(FontId(font_name(face)));
            ops.push(Op::SetFont { font, size: Pt(t.style.size_pt as f32) });
            current = Some((face, t.style.size_pt));
        }
        let matrix = TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, t.x as f32, (height - t.y) as f32]);
        ops.push(Op::SetTextMatrix { matrix });
        ops.push(Op::ShowText { items: text_items(t) });
    }
    ops.push(Op::EndTextSection);
    let mut weight = None;
    for item in items {
        let Item::Line(r) = item else { continue };
        if weight.is_none() {
            ops.push(Op::SetOutlineColor { col: black() });
        }
        if weight != Some(r.width) {
            ops.push(Op::SetOutlineThickness { pt: Pt(r.width as f32) });
            weight = Some(r.width);
        }
        let point = |x: f64, y: f64| LinePoint {
            p: Point { x: Pt(x as f32), y: Pt((height - y) as f32) },
            bezier: false,
        };
        let line = Line { points: vec![point(r.x1, r.y1), point(r.x2, r.y2)], is_closed: false };
        ops.push(Op::DrawLine { line });
    }
    ops
}

/// The document information: title, author, subject, program, the generation time.
fn info(props: &DocProps) -> PdfDocumentInfo {
    let base = PdfDocumentInfo::default();
    let when = printpdf::OffsetDateTime::from_unix_timestamp(props.generated.timestamp())
        .unwrap_or(base.creation_date);
    PdfDocumentInfo {
        document_title: props.title.clone(),
        author: props.author.clone(),
        subject: props.subject.clone(),
        creator: "Soạn Báo Cáo".into(),
        producer: "Soạn Báo Cáo".into(),
        creation_date: when,
        modification_date: when,
        metadata_date: when,
        ..base
    }
}

/// What one printpdf document of a file holds (`pdf::parts`).
enum Job {
    /// A page showing every character of each face: the fonts' widths and ToUnicode maps.
    Fonts,
    /// The laid-out pages in this range.
    Pages(std::ops::Range<usize>),
}

/// A job's printpdf document: its pages, the faces as fonts F0…F3.
fn document(layout: &Layout, job: &Job, fonts: &[Option<Face>]) -> PdfDocument {
    let mut doc = PdfDocument::new(&layout.props.title);
    doc.metadata.info = info(&layout.props);
    let size = Rect::from_wh(Pt(layout.width_pt as f32), Pt(layout.height_pt as f32));
    let page = |ops| PdfPage {
        media_box: size.clone(),
        trim_box: size.clone(),
        crop_box: size.clone(),
        ops,
    };
    doc.pages = match job {
        Job::Fonts => vec![page(every_glyph(fonts))],
        Job::Pages(range) => layout.pages[range.clone()]
            .iter()
            .map(|p| page(page_ops(&p.items, layout.height_pt, fonts)))
            .collect(),
    };
    for (i, face) in fonts.iter().enumerate() {
        if let Some(face) = face {
            doc.resources.fonts.map.insert(FontId(font_name(i)), PdfFont::new(face.font.clone()));
        }
    }
    doc
}

/// Operations that show every character of each face (printpdf describes a font's glyphs from
/// what its pages show).
fn every_glyph(fonts: &[Option<Face>]) -> Vec<Op> {
    let mut ops = vec![Op::StartTextSection];
    for (i, face) in fonts.iter().enumerate() {
        let Some(face) = face else { continue };
        let font = PdfFontHandle::External(FontId(font_name(i)));
        ops.push(Op::SetFont { font, size: Pt(12.0) });
        ops.push(Op::ShowText { items: vec![TextItem::Text(face.chars.clone())] });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// How hard to compress a stream.
#[derive(Clone, Copy)]
enum Level {
    /// Page content: fast (most of the file's streams; measured in docs/performance.md).
    Fast,
    /// Fonts and maps, written once.
    Best,
}

fn deflate(bytes: &[u8], level: Level) -> Result<Vec<u8>, EngineError> {
    let level = match level {
        Level::Fast => flate2::Compression::fast(),
        Level::Best => flate2::Compression::default(),
    };
    let mut z = flate2::write::ZlibEncoder::new(Vec::with_capacity(bytes.len() / 3), level);
    z.write_all(bytes).map_err(err)?;
    z.finish().map_err(err)
}

/// The streams printpdf left uncompressed, by object id, with their level: page contents
/// fast, fonts and maps best.
fn raw_streams(doc: &Document) -> Vec<(ObjectId, Level)> {
    let pages: BTreeSet<ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has_type(b"Page"))
        .filter_map(|d| d.get(b"Contents").and_then(Object::as_reference).ok())
        .collect();
    doc.objects
        .iter()
        .filter_map(|(id, o)| match o {
            Object::Stream(s) if !s.dict.has(b"Filter") => {
                Some((*id, if pages.contains(id) { Level::Fast } else { Level::Best }))
            }
            _ => None,
        })
        .collect()
}

/// Deflates every stream printpdf left raw, on as many threads as the machine has (at most 8).
fn compress_streams(doc: &mut Document) -> Result<(), EngineError> {
    let work = raw_streams(doc);
    let content = |(id, level): &(ObjectId, Level)| -> Result<Vec<u8>, EngineError> {
        match doc.objects.get(id) {
            Some(Object::Stream(s)) => deflate(&s.content, *level),
            _ => Err(err("a stream disappeared")),
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let packed: Vec<Vec<u8>> = if threads == 1 || work.len() < 8 {
        work.iter().map(content).collect::<Result<_, _>>()?
    } else {
        let chunk = work.len().div_ceil(threads);
        let parts: Vec<Result<Vec<Vec<u8>>, EngineError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = work
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(content).collect()))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err(err("a stream could not be compressed"))))
                .collect()
        });
        let mut all = Vec::with_capacity(work.len());
        for part in parts {
            all.extend(part?);
        }
        all
    };
    for ((id, _), bytes) in work.iter().zip(packed) {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(id) {
            let mut dict = std::mem::take(&mut s.dict);
            dict.set("Filter", "FlateDecode");
            *s = Stream::new(dict, bytes).with_compression(false);
        }
    }
    Ok(())
}

/// A stable file identifier: the same document gives the same bytes (printpdf's is random).
fn file_id(props: &DocProps, pages: usize) -> Object {
    let seed = format!("{}|{}|{}|{pages}", props.title, props.subject, props.generated);
    let h = fnv(0, seed.bytes().map(u64::from));
    let id = Object::String(format!("{h:016X}").into_bytes(), lopdf::StringFormat::Hexadecimal);
    Object::Array(vec![id.clone(), id])
}

/// What printpdf does not write: the version, `/Lang`, a stable ID, compressed streams; and
/// what it writes but we do not claim (a PDF/X version).
fn finish(doc: &mut Document, layout: &Layout) -> Result<(), EngineError> {
    doc.version = "1.7".into();
    let root = doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(err)?;
    let catalog = doc.get_object_mut(root).and_then(Object::as_dict_mut).map_err(err)?;
    catalog.set("Lang", Object::string_literal(layout.props.language.as_str()));
    // printpdf's info always names a PDF/X version (from its conformance setting, even the
    // custom one) and writes empty keywords and identifier: we claim no standard.
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).map_err(err)?;
    let info = doc.get_object_mut(info).and_then(Object::as_dict_mut).map_err(err)?;
    for key in ["GTS_PDFXVersion", "Trapped", "Identifier", "Keywords"] {
        info.remove(key.as_bytes());
    }
    doc.trailer.set("ID", file_id(&layout.props, layout.pages.len()));
    compress_streams(doc)
}

/// Writes the laid-out pages as PDF bytes with the layout's document properties.
pub fn write(layout: &Layout) -> Result<Vec<u8>, EngineError> {
    let fonts = subset_faces(layout)?;
    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let serialise = |job: &Job| {
        let mut warnings = Vec::new();
        Ok(document(layout, job, &fonts).to_lopdf_document(&opts, &mut warnings))
    };
    let jobs: Vec<Job> = std::iter::once(Job::Fonts)
        .chain(parts::ranges(layout.pages.len()).into_iter().map(Job::Pages))
        .collect();
    let mut docs = parts::run(&jobs, serialise)?;
    let pages = docs.split_off(1);
    let mut doc = parts::join(docs.remove(0), pages)?;
    finish(&mut doc, layout)?;
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(err)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{Role, SpanStyle};

    fn run(text: &str, word_spacing: f64) -> TextRun {
        TextRun {
            x: 0.0,
            y: 0.0,
            text: text.into(),
            style: SpanStyle { size_pt: 14.0, bold: false, italic: false, underline: false },
            word_spacing,
            width: 0.0,
            role: Role::Body,
        }
    }

    #[test]
    fn a_justified_line_widens_each_space_with_an_offset() {
        let items = text_items(&run("Một hai ba", 1.4));
        let shown: Vec<String> = items
            .iter()
            .map(|i| match i {
                TextItem::Text(t) => t.clone(),
                TextItem::Offset(o) => format!("{o}"),
                TextItem::GlyphIds(_) => "glyphs".into(),
            })
            .collect();
        assert_eq!(shown, ["Một ", "-100", "hai ", "-100", "ba"]);
        assert!(
            matches!(&text_items(&run("Một hai", 0.0))[..], [TextItem::Text(t)] if t == "Một hai")
        );
    }

    #[test]
    fn subset_tags_are_six_capitals_and_stable() {
        let chars: BTreeSet<char> = "Báo cáo".chars().collect();
        let tag = subset_tag(1, &chars);
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(tag, subset_tag(1, &chars));
        assert_ne!(tag, subset_tag(2, &chars));
    }
}
