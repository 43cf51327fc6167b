//! DOCX writer: every part is written through docx-rs 0.4.22, the body included.
//!
//! The body (`word/document.xml`, [`body`]) is written per document with docx-rs's XML writer,
//! inside the start and end of the part docx-rs writes for an empty document: each paragraph's
//! and run's properties are docx-rs `ParagraphProperty` and `RunProperty` elements (with
//! `LineSpacing`, `Indent`, `ParagraphBorders`, `FrameProperty`), its text docx-rs `Text` and
//! `Break`, each table's `TableProperty`, `TableGrid`, `TableRowProperty` and
//! `TableCellProperty`, the page setup a `SectionProperty`, all serialised by docx-rs's
//! `BuildXML`. docx-rs's serialisation is slow (it moves its writer by value through every
//! optional child), so each distinct property element is serialised once and its XML reused,
//! and `w:p`, `w:r`, `w:tbl`, `w:tr`, `w:tc` are opened and closed around them as docx-rs's own
//! `build_to` does; [`body`] lists this and the other workarounds with their upstream fixes.
//!
//! The other parts (styles, settings, fonts, page-number headers, relations) depend only on the
//! profile: docx-rs builds them once per profile, with `w:lang` added (docs/library-notes.md
//! B.0 #1–#2), and they are zipped once and copied into each package as they are. The core
//! properties are ours (docx-rs has no setter for title, creator or subject); the package is
//! zipped once, deflated, with rawzip.
//!
//! Every element's children are written in the order of their sequence in ECMA-376 Part 1
//! (the complexTypes of wml.xsd): Word drops run properties out of order and calls some such
//! files corrupt, where LibreOffice reads anything. docx-rs writes some out of order
//! (bokuweb/docx-rs#724): [`order`] sorts them (the body's property elements one at a time, when
//! they are first made), and the parts docx-rs always writes but nothing uses (comments,
//! numbering, and footnotes for a report without any) are left out (docs/library-notes.md B.7; `tests/docx_schema.rs` checks
//! every file against the standard).

mod body;
mod order;
#[cfg(test)]
mod tests;

use std::io::Write;
use std::sync::{Arc, Mutex};

use docx_rs::{Docx, FieldCharType, Header, InstrPAGE, InstrText, Paragraph, Run, RunFonts};

use crate::error::EngineError;
use crate::flow::{Flow, SpanStyle};
use crate::profile::FormatProfile;
use crate::text::xml_escape as escape;
use crate::units::pt_to_half_points;

fn err(detail: impl ToString) -> EngineError {
    EngineError::Write { format: "DOCX", detail: detail.to_string() }
}

/// Writes the flow as DOCX bytes under the profile's page setup and fonts.
pub fn write(flow: &Flow, profile: &FormatProfile) -> Result<Vec<u8>, EngineError> {
    let frame = cached_frame(profile);
    let shell = (frame.document_start.as_slice(), frame.document_end.as_slice());
    let notes_shell = (frame.notes_start.as_slice(), frame.notes_end.as_slice());
    let (document, notes) = body::document_xml(flow, profile, frame.last_id, shell, notes_shell)?;
    let document = deflate(&document);
    let notes = notes.map(|xml| deflate(&xml));
    // The core properties (1 KB) are stored: deflating them would save a few hundred bytes.
    let core = core_xml(flow);
    let core = Part {
        crc: crc32fast::hash(core.as_bytes()),
        size: core.len() as u64,
        method: rawzip::CompressionMethod::STORE,
        data: core.into_bytes(),
    };
    let size = frame.parts.iter().map(|(_, p)| p.data.len() + 128).sum::<usize>()
        + document.data.len()
        + core.data.len()
        + 512;
    let mut out = rawzip::ZipArchiveWriter::new(Vec::with_capacity(size));
    for (name, part) in &frame.parts {
        // A document with footnotes relates its footnotes part and declares its type.
        let part = match (&notes, frame.with_notes.iter().find(|(n, _)| n == name)) {
            (Some(_), Some((_, noted))) => noted,
            _ => part,
        };
        add_part(&mut out, name, part)?;
        // The parts written per document go where docx-rs puts them.
        match name.as_str() {
            "docProps/app.xml" => add_part(&mut out, "docProps/core.xml", &core)?,
            "word/_rels/document.xml.rels" => {
                add_part(&mut out, "word/document.xml", &document)?;
                if let Some(notes) = &notes {
                    add_part(&mut out, "word/footnotes.xml", notes)?;
                }
            }
            _ => {}
        }
    }
    out.finish().map_err(err)
}

/// One part of the package, compressed.
struct Part {
    /// The bytes as they go in the archive.
    data: Vec<u8>,
    /// CRC-32 of the uncompressed bytes.
    crc: u32,
    /// Uncompressed length.
    size: u64,
    method: rawzip::CompressionMethod,
}

/// Appends a compressed part to the archive.
fn add_part(
    out: &mut rawzip::ZipArchiveWriter<Vec<u8>>,
    name: &str,
    part: &Part,
) -> Result<(), EngineError> {
    let (mut entry, _) = out.new_file(name).compression_method(part.method).start().map_err(err)?;
    entry.write_all(&part.data).map_err(err)?;
    entry.finish(rawzip::DataDescriptorOutput::new(part.crc, part.size)).map_err(err)?;
    Ok(())
}

/// Deflates `data` with this thread's deflate state, kept between documents: a new state is
/// larger than the sample's whole body, and setting one up cost more than compressing it.
fn deflate(data: &[u8]) -> Part {
    thread_local! {
        static DEFLATE: std::cell::RefCell<flate2::Compress> =
            std::cell::RefCell::new(flate2::Compress::new(flate2::Compression::new(DEFLATE_LEVEL), false));
    }
    let mut out = Vec::with_capacity(data.len() / 3 + 1024);
    DEFLATE.with_borrow_mut(|z| {
        z.reset();
        loop {
            let read = z.total_in() as usize;
            match z.compress_vec(&data[read..], &mut out, flate2::FlushCompress::Finish) {
                Ok(flate2::Status::StreamEnd) => break,
                // Out of room: the output buffer grows and the stream goes on.
                Ok(_) => out.reserve(out.capacity().max(4096)),
                Err(e) => unreachable!("deflate of a buffer in memory cannot fail: {e}"),
            }
        }
    });
    Part {
        data: out,
        crc: crc32fast::hash(data),
        size: data.len() as u64,
        method: rawzip::CompressionMethod::DEFLATE,
    }
}

/// Every part but the body and the core properties, compressed: they depend only on the profile.
struct Frame {
    /// The parts in package order.
    parts: Vec<(String, Part)>,
    /// The last paragraph id the headers use.
    last_id: u32,
    /// docx-rs's `word/document.xml` up to the body's first child (declaration, `w:document`
    /// with its namespaces, `<w:body>`).
    document_start: Vec<u8>,
    /// docx-rs's end of `word/document.xml`, from `</w:body>`.
    document_end: Vec<u8>,
    /// The content types and the document's relationships of a document with footnotes (in
    /// place of the parts of the same name), which name `word/footnotes.xml`.
    with_notes: Vec<(String, Part)>,
    /// docx-rs's start tag of `word/footnotes.xml` (declaration and `w:footnotes` with its
    /// namespaces) and its end tag.
    notes_start: Vec<u8>,
    notes_end: Vec<u8>,
}

/// How many profiles' frames are kept (the built-in profiles, and a few edited ones).
const FRAME_CACHE: usize = 4;

/// The profile's frame, built once and kept (most recently used first).
fn cached_frame(profile: &FormatProfile) -> Arc<Frame> {
    static FRAMES: Mutex<Vec<(FormatProfile, Arc<Frame>)>> = Mutex::new(Vec::new());
    let mut frames = FRAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = frames.iter().position(|(p, _)| p == profile) {
        let hit = frames.remove(i);
        let frame = hit.1.clone();
        frames.insert(0, hit);
        return frame;
    }
    let frame = Arc::new(frame(profile));
    frames.insert(0, (profile.clone(), frame.clone()));
    frames.truncate(FRAME_CACHE);
    frame
}

/// Builds with docx-rs every part but the body: styles (with the default font and size),
/// settings, fonts, page-number headers, relations. The page setup is the body's (`sectPr`).
fn frame(profile: &FormatProfile) -> Frame {
    let f = &profile.font.family;
    let fonts = RunFonts::new().ascii(f).hi_ansi(f).cs(f).east_asia(f);
    let mut docx = Docx::new()
        .default_fonts(fonts.clone())
        .default_size(pt_to_half_points(profile.font.size_pt));
    let mut last_id = 0;
    let mut id = || {
        last_id += 1;
        format!("{:08X}", 0x1000_0000 + last_id)
    };
    let pn = &profile.page_number;
    if pn.enabled {
        let props = body::RunKey::from(SpanStyle::from(&pn.style)).properties(fonts.clone());
        let field = |mut run: Run| {
            run.run_property = props.clone();
            run
        };
        let page = Paragraph::new()
            .id(id())
            .align(body::alignment(pn.align))
            .add_run(field(Run::new()).add_field_char(FieldCharType::Begin, false))
            .add_run(field(Run::new()).add_instr_text(InstrText::PAGE(InstrPAGE::new())))
            .add_run(field(Run::new()).add_field_char(FieldCharType::Separate, false))
            .add_run(field(Run::new()).add_text("2"))
            .add_run(field(Run::new()).add_field_char(FieldCharType::End, false));
        docx = docx.header(Header::new().add_paragraph(page));
        if pn.hide_on_first_page {
            let empty = Paragraph::new().id(id());
            docx = docx.first_header(Header::new().add_paragraph(empty)).title_pg();
        }
    }
    // The same package with footnotes: docx-rs relates the part and declares its type.
    let mut noted = docx.clone();
    noted.document_rels.has_footnotes = true;
    noted.content_type = noted.content_type.add_footnotes();
    let noted = noted.build();
    let mut parts = docx.build();
    let styles = String::from_utf8_lossy(&parts.styles).into_owned();
    parts.styles = add_language(&styles, &profile.font.language).into_bytes();
    // docx-rs writes the children of w:rPr, w:style and w:settings out of their schema order,
    // and an empty w:rPr in styles' w:pPr (bokuweb/docx-rs#724): sort them, drop it.
    let ordered = |xml: &[u8]| order::schema_order(&String::from_utf8_lossy(xml)).into_bytes();
    parts.styles = ordered(&parts.styles);
    parts.settings = ordered(&parts.settings);
    parts.font_table = ordered(&parts.font_table);
    parts.headers = parts.headers.iter().map(|h| ordered(h)).collect();
    parts.footers = parts.footers.iter().map(|f| ordered(f)).collect();
    // Leave out the parts docx-rs always writes but this writer never fills, with their
    // relationships and content types: unreferenced, they are invalid (ECMA-376 Part 1 §11.3.2,
    // §11.3.7, §11.3.11: each "shall be the target of" a relationship from the document).
    parts.document_rels = used_rels(&parts.document_rels, &UNUSED_PARTS);
    parts.content_type = used_types(&parts.content_type, &UNUSED_PARTS);
    let with_notes = vec![
        ("[Content_Types].xml".into(), deflate(&used_types(&noted.content_type, &NOTELESS))),
        (
            "word/_rels/document.xml.rels".into(),
            deflate(&used_rels(&noted.document_rels, &NOTELESS)),
        ),
        ("word/styles.xml".into(), deflate(&with_note_style(&parts.styles, profile))),
    ];
    let (document_start, document_end) = document_shell(&parts.document);
    let (notes_start, notes_end) = notes_shell(&noted.footnotes);
    Frame {
        parts: frame_parts(parts),
        last_id,
        document_start,
        document_end,
        with_notes,
        notes_start,
        notes_end,
    }
}

/// The style id of a footnote's own number (Word's "footnote reference").
pub(crate) const NOTE_NUMBER_STYLE: &str = "FootnoteReference";

/// The styles with Word's character style of a footnote's number added: raised, in the notes'
/// size. LibreOffice sizes that number by the style alone (a run's own size is ignored).
fn with_note_style(styles: &[u8], profile: &FormatProfile) -> Vec<u8> {
    let size = pt_to_half_points(profile.footnote_format().note.text.size_pt);
    let style = format!(
        r#"<w:style w:type="character" w:styleId="{NOTE_NUMBER_STYLE}"><w:name w:val="footnote reference" /><w:rPr><w:sz w:val="{size}" /><w:szCs w:val="{size}" /><w:vertAlign w:val="superscript" /></w:rPr></w:style>"#
    );
    let styles = String::from_utf8_lossy(styles);
    let at = styles.rfind("</w:styles>").expect("docx-rs closes w:styles");
    format!("{}{style}{}", &styles[..at], &styles[at..]).into_bytes()
}

/// The document's relationships without those to `unused` parts.
fn used_rels(rels: &[u8], unused: &[&str]) -> Vec<u8> {
    let used = |target: &str| !unused.iter().any(|p| p.strip_prefix("word/") == Some(target));
    let rels = String::from_utf8_lossy(rels);
    order::retain(&rels, |n| used(n.attribute("Target").unwrap_or(""))).into_bytes()
}

/// The content types without those of `unused` parts.
fn used_types(types: &[u8], unused: &[&str]) -> Vec<u8> {
    let types = String::from_utf8_lossy(types);
    order::retain(&types, |n| {
        let name = n.attribute("PartName").unwrap_or("").trim_start_matches('/');
        !unused.contains(&name)
    })
    .into_bytes()
}

/// The parts left out of a document with footnotes: [`UNUSED_PARTS`] but the footnotes.
const NOTELESS: [&str; 3] =
    ["word/comments.xml", "word/commentsExtended.xml", "word/numbering.xml"];

/// docx-rs's `word/footnotes.xml` of no notes (an empty `w:footnotes`) cut into the root's
/// start tag and its end tag.
fn notes_shell(empty: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let xml = String::from_utf8_lossy(empty);
    let xml = xml.trim_end();
    let Some(open) = xml.strip_suffix("/>") else {
        unreachable!("docx-rs writes an empty w:footnotes element: {xml}")
    };
    (format!("{}>", open.trim_end()).into_bytes(), b"</w:footnotes>".to_vec())
}

/// The parts docx-rs always writes that no report fills (footnotes: a report without any).
/// Nothing refers to them.
const UNUSED_PARTS: [&str; 4] =
    ["word/comments.xml", "word/commentsExtended.xml", "word/numbering.xml", "word/footnotes.xml"];

/// The start of docx-rs's `word/document.xml` up to the body's content, and its end from
/// `</w:body>` (docx-rs writes the part of an empty document with each package's other parts).
fn document_shell(document: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let xml = String::from_utf8_lossy(document);
    let start = xml.find("<w:body>").map(|i| i + "<w:body>".len());
    let end = xml.rfind("</w:body>");
    let (Some(start), Some(end)) = (start, end) else {
        unreachable!("docx-rs writes a w:body in word/document.xml: {xml}")
    };
    (xml[..start].as_bytes().to_vec(), xml[end..].as_bytes().to_vec())
}

fn iso(flow: &Flow) -> String {
    flow.props.generated.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn core_xml(flow: &Flow) -> String {
    let p = &flow.props;
    let when = iso(flow);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy><dc:language>{}</dc:language><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>"#,
        escape(&p.title),
        escape(&p.subject),
        escape(&p.author),
        escape(&p.author),
        escape(&p.language),
    )
}

/// Adds the document language to the run defaults of styles.xml (docx-rs always writes them).
fn add_language(styles: &str, lang: &str) -> String {
    let tag = format!(r#"<w:lang w:val="{0}" w:eastAsia="{0}" w:bidi="ar-SA" />"#, escape(lang));
    let at = styles
        .find("<w:rPrDefault>")
        .and_then(|start| Some(start + styles[start..].find("</w:rPr>")?))
        .expect("docx-rs writes run defaults in styles.xml");
    format!("{}{tag}{}", &styles[..at], &styles[at..])
}

/// The frame's parts, deflated, in the order docx-rs writes them (the content types first),
/// without [`UNUSED_PARTS`].
fn frame_parts(xml: docx_rs::XMLDocx) -> Vec<(String, Part)> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
    ];
    let mut header_rels = xml.header_rels.into_iter();
    for (i, h) in xml.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
        if let Some(rels) = header_rels.next() {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    let mut footer_rels = xml.footer_rels.into_iter();
    for (i, f) in xml.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(rels) = footer_rels.next() {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
    }
    parts.into_iter().map(|(name, data)| (name, deflate(&data))).collect()
}

/// Deflate level of the parts (1 = fastest; measured in docs/performance.md).
const DEFLATE_LEVEL: u32 = 1;
