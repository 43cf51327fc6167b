//! PDF writer: draws a [`Layout`] straight into page content streams (lopdf builds the file's
//! object structure), with the bundled Liberation Serif faces embedded once each as subsets
//! (Type0/Identity-H over a CIDFontType2 with widths and a ToUnicode map, so copying and
//! `pdftotext` return the text), A4 pages, document info and language. Page streams are
//! compressed in parallel.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use crate::error::EngineError;
use crate::flow::DocProps;
use crate::layout::{Item, Layout, TextRun};
use crate::metrics::{face_index, parsed_face, printable, FACES};

fn err(detail: impl ToString) -> EngineError {
    EngineError::Write { format: "PDF", detail: detail.to_string() }
}

fn run_face(t: &TextRun) -> usize {
    face_index(t.style.bold, t.style.italic)
}

/// A six-capital-letter subset tag derived from the face and its characters (stable output).
fn subset_tag(face: usize, chars: &BTreeSet<char>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ face as u64;
    for c in chars {
        h = (h ^ u64::from(*c)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

/// One face as embedded: its characters' codes in the subset (a code is the subset glyph id).
struct Embedded {
    /// Resource name, "F0"…"F3".
    name: String,
    /// Code of each character drawn with this face.
    codes: Codes,
}

/// Character → two-byte code: a table for the Basic Multilingual Plane, a map beyond it.
struct Codes {
    bmp: Vec<u16>,
    other: BTreeMap<char, u16>,
}

impl Codes {
    fn new() -> Self {
        Codes { bmp: vec![0; 0x1_0000], other: BTreeMap::new() }
    }

    fn insert(&mut self, c: char, code: u16) {
        match self.bmp.get_mut(c as usize) {
            Some(slot) => *slot = code,
            None => {
                self.other.insert(c, code);
            }
        }
    }

    fn get(&self, c: char) -> u16 {
        self.bmp
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| self.other.get(&c).copied().unwrap_or(0))
    }
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

/// Subsets face `index` to `chars` (plus .notdef) and adds its font objects; returns the Type0
/// font's object id and the character codes. Glyphs keep the order of their original ids, so a
/// character's code is its glyph's position in the subset.
fn embed_face(
    doc: &mut Document,
    index: usize,
    chars: &BTreeSet<char>,
) -> Result<(ObjectId, Embedded), EngineError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset as subset_font, CmapTarget, SubsetProfile};
    let face = parsed_face(index);
    let bytes = FACES[index].bytes;
    let mut by_gid: BTreeMap<u16, Vec<char>> = BTreeMap::new();
    for c in chars {
        if let Some(g) = face.glyph_index(*c) {
            if g.0 != 0 {
                by_gid.entry(g.0).or_default().push(*c);
            }
        }
    }
    let ids: Vec<u16> = std::iter::once(0).chain(by_gid.keys().copied()).collect();
    let scope = ReadScope::new(bytes);
    let data = scope.read::<FontData<'_>>().map_err(err)?;
    let provider = data.table_provider(0).map_err(err)?;
    let sub =
        subset_font(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(err)?;

    let upem = f64::from(face.units_per_em());
    let scale = |v: f64| (v * 1000.0 / upem).round() as i64;
    let mut codes = Codes::new();
    let mut widths = Vec::with_capacity(ids.len());
    let mut to_unicode = String::new();
    let mut entries = Vec::new();
    for (code, gid) in ids.iter().enumerate() {
        let advance = face.glyph_hor_advance(ttf_parser::GlyphId(*gid)).unwrap_or(0);
        widths.push(Object::Integer(scale(f64::from(advance))));
        if let Some(cs) = by_gid.get(gid) {
            for c in cs {
                codes.insert(*c, code as u16);
            }
            let mut utf16 = String::new();
            for unit in cs[0].encode_utf16(&mut [0; 2]) {
                let _ = write!(utf16, "{unit:04X}");
            }
            entries.push(format!("<{code:04X}> <{utf16}>"));
        }
    }
    let _ = write!(
        to_unicode,
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    );
    for chunk in entries.chunks(100) {
        let _ = writeln!(to_unicode, "{} beginbfchar", chunk.len());
        for e in chunk {
            to_unicode.push_str(e);
            to_unicode.push('\n');
        }
        to_unicode.push_str("endbfchar\n");
    }
    to_unicode.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");

    let name = format!("{}+{}", subset_tag(index, chars), FACES[index].postscript);
    let file_len = sub.len() as i64;
    let file =
        doc.add_object(compressed(dictionary! { "Length1" => file_len }, &sub, Level::Best)?);
    let bbox = face.global_bounding_box();
    let mut flags = 32; // non-symbolic
    flags |= 2; // serif
    if FACES[index].italic {
        flags |= 64;
    }
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(name.clone().into_bytes()),
        "Flags" => flags,
        "FontBBox" => vec![
            scale(f64::from(bbox.x_min)).into(),
            scale(f64::from(bbox.y_min)).into(),
            scale(f64::from(bbox.x_max)).into(),
            scale(f64::from(bbox.y_max)).into(),
        ],
        "ItalicAngle" => Object::Real(face.italic_angle()),
        "Ascent" => scale(f64::from(face.ascender())),
        "Descent" => scale(f64::from(face.descender())),
        "CapHeight" => scale(f64::from(face.capital_height().unwrap_or(face.ascender()))),
        "StemV" => if FACES[index].bold { 140 } else { 80 },
        "FontFile2" => file,
    });
    let cid = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(name.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "CIDToGIDMap" => "Identity",
        "W" => vec![Object::Integer(0), Object::Array(widths)],
    });
    let cmap = doc.add_object(compressed(Dictionary::new(), to_unicode.as_bytes(), Level::Best)?);
    let font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(name.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid.into()],
        "ToUnicode" => cmap,
    });
    Ok((font, Embedded { name: format!("F{index}"), codes }))
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

/// A Flate-compressed stream with `dict`'s entries.
fn compressed(mut dict: Dictionary, bytes: &[u8], level: Level) -> Result<Stream, EngineError> {
    dict.set("Filter", "FlateDecode");
    Ok(Stream::new(dict, deflate(bytes, level)?).with_compression(false))
}

/// A number in a content stream: two decimals, no trailing zeros (written by hand: the
/// formatter's float path was a visible share of a 100-page PDF's time).
fn num(out: &mut Vec<u8>, v: f64) {
    let hundredths = (v * 100.0).round() as i64;
    if hundredths < 0 {
        out.push(b'-');
    }
    let h = hundredths.unsigned_abs();
    let whole = h / 100;
    let frac = (h % 100) as u8;
    let mut digits = [0u8; 20];
    let mut n = whole;
    let mut len = 0;
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[..len].iter().rev());
    if frac != 0 {
        out.push(b'.');
        out.push(b'0' + frac / 10);
        if !frac.is_multiple_of(10) {
            out.push(b'0' + frac % 10);
        }
    }
}

/// Four upper-case hexadecimal digits.
fn hex4(out: &mut Vec<u8>, code: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[
        HEX[usize::from(code >> 12)],
        HEX[usize::from((code >> 8) & 15)],
        HEX[usize::from((code >> 4) & 15)],
        HEX[usize::from(code & 15)],
    ]);
}

/// The content stream of one page.
fn page_content(items: &[Item], height: f64, fonts: &[Option<Embedded>]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(items.len() * 48);
    out.extend_from_slice(b"0 g\nBT\n");
    let mut current: Option<(usize, f64)> = None;
    let hex = |out: &mut Vec<u8>, codes: &Codes, text: &str| {
        out.push(b'<');
        for c in text.chars() {
            hex4(out, codes.get(c));
        }
        out.push(b'>');
    };
    for item in items {
        let Item::Text(t) = item else { continue };
        let face = run_face(t);
        let Some(font) = fonts[face].as_ref() else { continue };
        if current != Some((face, t.style.size_pt)) {
            let _ = write!(out, "/{} ", font.name);
            num(&mut out, t.style.size_pt);
            out.extend_from_slice(b" Tf\n");
            current = Some((face, t.style.size_pt));
        }
        out.extend_from_slice(b"1 0 0 1 ");
        num(&mut out, t.x);
        out.push(b' ');
        num(&mut out, height - t.y);
        out.extend_from_slice(b" Tm\n");
        let text = printable(&t.text);
        if t.word_spacing.abs() > 1e-6 {
            // Tw does not apply to two-byte codes (ISO 32000 §9.3.3): widen each space with a
            // TJ offset instead, in thousandths of an em (negative = to the right).
            let offset = -(t.word_spacing / t.style.size_pt * 1000.0);
            out.push(b'[');
            let mut parts = text.split(' ').peekable();
            while let Some(part) = parts.next() {
                if parts.peek().is_some() {
                    out.push(b'<');
                    for c in part.chars() {
                        hex4(&mut out, font.codes.get(c));
                    }
                    hex4(&mut out, font.codes.get(' '));
                    out.push(b'>');
                    out.push(b' ');
                    num(&mut out, offset);
                    out.push(b' ');
                } else if !part.is_empty() {
                    hex(&mut out, &font.codes, part);
                }
            }
            out.extend_from_slice(b"] TJ\n");
        } else {
            hex(&mut out, &font.codes, &text);
            out.extend_from_slice(b" Tj\n");
        }
    }
    out.extend_from_slice(b"ET\n");
    let mut weight = None;
    for item in items {
        let Item::Line(r) = item else { continue };
        if weight.is_none() {
            out.extend_from_slice(b"0 G\n");
        }
        if weight != Some(r.width) {
            num(&mut out, r.width);
            out.extend_from_slice(b" w\n");
            weight = Some(r.width);
        }
        num(&mut out, r.x1);
        out.push(b' ');
        num(&mut out, height - r.y1);
        out.extend_from_slice(b" m ");
        num(&mut out, r.x2);
        out.push(b' ');
        num(&mut out, height - r.y2);
        out.extend_from_slice(b" l S\n");
    }
    out
}

/// A PDF text string: ASCII as is, anything else UTF-16BE with its byte-order mark.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::string_literal(s);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A PDF date string for the document's generation time.
fn pdf_date(props: &DocProps) -> Object {
    Object::string_literal(props.generated.format("D:%Y%m%d%H%M%SZ").to_string())
}

/// Compresses every page's content, on as many threads as the machine has (at most 8).
fn page_streams(layout: &Layout, fonts: &[Option<Embedded>]) -> Result<Vec<Vec<u8>>, EngineError> {
    let pages = &layout.pages;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let one =
        |i: usize| deflate(&page_content(&pages[i].items, layout.height_pt, fonts), Level::Fast);
    if threads == 1 || pages.len() < 8 {
        return (0..pages.len()).map(one).collect();
    }
    let chunk = pages.len().div_ceil(threads);
    let parts: Vec<Result<Vec<Vec<u8>>, EngineError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..pages.len())
            .step_by(chunk)
            .map(|start| {
                let end = (start + chunk).min(pages.len());
                scope.spawn(move || (start..end).map(one).collect::<Result<Vec<_>, _>>())
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(err("a page could not be compressed"))))
            .collect()
    });
    let mut out = Vec::with_capacity(pages.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

/// Writes the laid-out pages as PDF bytes with the layout's document properties.
pub fn write(layout: &Layout) -> Result<Vec<u8>, EngineError> {
    let props = &layout.props;
    let mut doc = Document::with_version("1.7");
    // Characters used by each face (regular, bold, italic, bold italic).
    let mut used = [Used::new(), Used::new(), Used::new(), Used::new()];
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text(t) = item {
                used[run_face(t)].add(&printable(&t.text));
            }
        }
    }
    let mut fonts: Vec<Option<Embedded>> = Vec::with_capacity(4);
    let mut font_dict = Dictionary::new();
    for (i, used) in used.iter().enumerate() {
        let chars = used.chars();
        let chars = &chars;
        if chars.is_empty() {
            fonts.push(None);
            continue;
        }
        let (id, embedded) = embed_face(&mut doc, i, chars)?;
        font_dict.set(embedded.name.clone(), id);
        fonts.push(Some(embedded));
    }
    let resources = doc.add_object(dictionary! { "Font" => font_dict });
    let pages_id = doc.new_object_id();
    let streams = page_streams(layout, &fonts)?;
    let media = vec![
        0.into(),
        0.into(),
        Object::Real(layout.width_pt as f32),
        Object::Real(layout.height_pt as f32),
    ];
    let mut kids = Vec::with_capacity(streams.len());
    for content in streams {
        let contents = doc.add_object(
            Stream::new(dictionary! { "Filter" => "FlateDecode" }, content).with_compression(false),
        );
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => media.clone(),
            "Contents" => contents,
            "Resources" => resources,
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "Lang" => Object::string_literal(props.language.as_str()),
    });
    let info = doc.add_object(dictionary! {
        "Title" => text_string(&props.title),
        "Author" => text_string(&props.author),
        "Subject" => text_string(&props.subject),
        "Creator" => text_string("Soạn Báo Cáo"),
        "Producer" => text_string("Soạn Báo Cáo"),
        "CreationDate" => pdf_date(props),
        "ModDate" => pdf_date(props),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(err)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f64) -> String {
        let mut out = Vec::new();
        num(&mut out, v);
        String::from_utf8(out).expect("ascii")
    }

    #[test]
    fn numbers_have_at_most_two_decimals_and_no_trailing_zeros() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.5), "1.5");
        assert_eq!(n(-0.25), "-0.25");
        assert_eq!(n(595.276), "595.28");
        assert_eq!(n(0.004), "0");
        assert_eq!(n(1234.05), "1234.05");
        assert_eq!(n(-28.571), "-28.57");
    }

    #[test]
    fn codes_are_four_hex_digits() {
        let mut out = Vec::new();
        hex4(&mut out, 0x0A3F);
        hex4(&mut out, 0xFFFF);
        assert_eq!(out, b"0A3FFFFF");
    }
}
