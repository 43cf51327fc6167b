//! DOCX writer: writes the body (`word/document.xml`) and the core properties directly from a
//! [`Flow`], takes the other parts (styles, settings, fonts, page-number headers, relations)
//! from docx-rs with `w:lang` added (docs/library-notes.md B.0 #1–#2), and zips the package
//! once, deflated. The other parts depend only on the profile: they are built and zipped once
//! per profile and copied into each package as they are.
//!
//! Every element's children are written in the order of their sequence in ECMA-376 Part 1
//! (the complexTypes of wml.xsd): Word drops run properties out of order and calls some such
//! files corrupt, where LibreOffice reads anything. docx-rs's parts get their children sorted
//! by [`order`], and the parts docx-rs always writes but nothing uses (comments, numbering,
//! footnotes) are left out (docs/library-notes.md B.7;
//! `tests/docx_schema.rs` checks every file against the standard).

mod order;

use std::fmt::Write as _;
use std::io::Write;
use std::sync::{Arc, Mutex};

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Header, InstrPAGE, InstrText, Paragraph, Run, RunFonts,
};

use crate::error::EngineError;
use crate::flow::{FBlock, FPara, FTable, Flow, Role, SpanStyle};
use crate::profile::{Align, FormatProfile, LineSpacing};
use crate::text::xml_escape as escape;
use crate::units::{mm_to_twips, pt_to_eighths, pt_to_half_points, pt_to_twips};

fn err(detail: impl ToString) -> EngineError {
    EngineError::Write { format: "DOCX", detail: detail.to_string() }
}

/// Writes the flow as DOCX bytes under the profile's page setup and fonts.
pub fn write(flow: &Flow, profile: &FormatProfile) -> Result<Vec<u8>, EngineError> {
    let frame = cached_frame(profile);
    let document = deflate(document_xml(flow, profile, frame.last_id).as_bytes());
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
        add_part(&mut out, name, part)?;
        // The parts written per document go where docx-rs puts them.
        match name.as_str() {
            "docProps/app.xml" => add_part(&mut out, "docProps/core.xml", &core)?,
            "word/_rels/document.xml.rels" => add_part(&mut out, "word/document.xml", &document)?,
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
        let s = SpanStyle::from(&pn.style);
        let field = |run: Run| {
            let mut run = run.fonts(fonts.clone()).size(pt_to_half_points(s.size_pt));
            if s.bold {
                run = run.bold();
            }
            if s.italic {
                run = run.italic();
            }
            if s.underline {
                run = run.underline("single");
            }
            run
        };
        let page = Paragraph::new()
            .id(id())
            .align(alignment_val(pn.align).parse().unwrap_or(AlignmentType::Left))
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
    let used = |target: &str| !UNUSED_PARTS.iter().any(|p| p.strip_prefix("word/") == Some(target));
    let rels = String::from_utf8_lossy(&parts.document_rels).into_owned();
    parts.document_rels =
        order::retain(&rels, |n| used(n.attribute("Target").unwrap_or(""))).into_bytes();
    let types = String::from_utf8_lossy(&parts.content_type).into_owned();
    parts.content_type = order::retain(&types, |n| {
        let name = n.attribute("PartName").unwrap_or("").trim_start_matches('/');
        !UNUSED_PARTS.contains(&name)
    })
    .into_bytes();
    Frame { parts: frame_parts(parts), last_id }
}

/// The parts docx-rs always writes that no report fills: comments (and Word's comment
/// extension), numbering definitions, footnotes. Nothing refers to them.
const UNUSED_PARTS: [&str; 4] =
    ["word/comments.xml", "word/commentsExtended.xml", "word/numbering.xml", "word/footnotes.xml"];

/// The namespaces docx-rs declares on `w:document`.
const DOCUMENT_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 wp14"><w:body>"#;

/// Writes `word/document.xml`: the flow's paragraphs and tables, then the section properties.
/// Paragraph ids continue after `last_id` (the headers').
fn document_xml(flow: &Flow, profile: &FormatProfile, last_id: u32) -> String {
    let f = escape(&profile.font.family);
    let fonts = format!(r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}" />"#);
    let mut w = Writer {
        profile,
        fonts,
        run_props: Vec::new(),
        next_id: last_id,
        sections_ended: 0,
        after_section_end: false,
    };
    // Markup is about three quarters of the part: size the buffer once.
    let text: usize = flow
        .blocks
        .iter()
        .map(|b| match b {
            FBlock::Para(p) => 700 + p.spans.iter().map(|s| s.text.len() + 300).sum::<usize>(),
            FBlock::Table(t) => t.rows.len() * t.widths_mm.len() * 1000,
        })
        .sum();
    let mut out = String::with_capacity(DOCUMENT_START.len() + text + 1024);
    out.push_str(DOCUMENT_START);
    for block in &flow.blocks {
        match block {
            FBlock::Para(p) => w.para(&mut out, p),
            FBlock::Table(t) => w.table(&mut out, t),
        }
    }
    w.section(&mut out);
    out.push_str("</w:body></w:document>");
    out
}

struct Writer<'a> {
    profile: &'a FormatProfile,
    /// The `w:rFonts` element every run carries (text pasted into another document keeps it).
    fonts: String,
    /// The `w:rPr` of each run style met so far.
    run_props: Vec<(SpanStyle, String)>,
    next_id: u32,
    /// Page-numbering sections closed so far (each annex numbered on its own opens one).
    sections_ended: usize,
    /// The last paragraph written closed a section (its break starts the next page).
    after_section_end: bool,
}

impl Writer<'_> {
    fn open_para(&mut self, out: &mut String) {
        self.next_id += 1;
        out.push_str(r#"<w:p w14:paraId=""#);
        let id = 0x1000_0000 + self.next_id;
        for shift in (0..8).rev() {
            out.push(char::from(b"0123456789ABCDEF"[((id >> (shift * 4)) & 0xF) as usize]));
        }
        out.push_str(r#"">"#);
    }

    /// A run's (or a paragraph mark's) properties; each style's XML is made once.
    fn run_props(&mut self, out: &mut String, s: SpanStyle) {
        if let Some((_, xml)) = self.run_props.iter().find(|(k, _)| *k == s) {
            out.push_str(xml);
            return;
        }
        // In the sequence of CT_RPr (EG_RPrBase): rFonts, b, bCs, i, iCs, sz, szCs, u.
        let mut xml = String::from("<w:rPr>");
        xml.push_str(&self.fonts);
        if s.bold {
            xml.push_str("<w:b /><w:bCs />");
        }
        if s.italic {
            xml.push_str("<w:i /><w:iCs />");
        }
        let sz = pt_to_half_points(s.size_pt);
        let _ = write!(xml, r#"<w:sz w:val="{sz}" /><w:szCs w:val="{sz}" />"#);
        if s.underline {
            xml.push_str(r#"<w:u w:val="single" />"#);
        }
        xml.push_str("</w:rPr>");
        out.push_str(&xml);
        self.run_props.push((s, xml));
    }

    fn para(&mut self, out: &mut String, p: &FPara) {
        self.open_para(out);
        // In the sequence of CT_PPr: keepNext, pageBreakBefore, widowControl, pBdr, spacing,
        // ind, jc, then the paragraph mark's rPr.
        out.push_str("<w:pPr>");
        if p.keep_next {
            out.push_str("<w:keepNext />");
        }
        // A section break already starts a new page: a page break too would make Word and
        // LibreOffice leave a blank one.
        if p.page_break_before && !self.after_section_end {
            out.push_str("<w:pageBreakBefore />");
        }
        if let Some(mm) = p.pin_bottom_mm {
            self.frame_pr(out, p, mm);
        }
        out.push_str(r#"<w:widowControl w:val="1" />"#);
        let mut num = itoa::Buffer::new();
        if let Some(w) = p.rule_pt {
            // Only the bottom side: a box of four borders draws as a thin rectangle.
            out.push_str(r#"<w:pBdr><w:bottom w:val="single" w:space="0" w:sz=""#);
            out.push_str(num.format(pt_to_eighths(w)));
            out.push_str(r#"" w:color="000000" /></w:pBdr>"#);
        }
        let (line, rule) = match p.line {
            LineSpacing::Exact(pt) => (pt_to_twips(pt), "exact"),
            LineSpacing::AtLeast(pt) => (pt_to_twips(pt), "atLeast"),
            LineSpacing::Multiple(m) => ((m * 240.0).round() as i32, "auto"),
        };
        out.push_str(r#"<w:spacing w:before=""#);
        out.push_str(num.format(pt_to_twips(p.space_before_pt).max(0)));
        out.push_str(r#"" w:after=""#);
        out.push_str(num.format(pt_to_twips(p.space_after_pt).max(0)));
        out.push_str(r#"" w:line=""#);
        out.push_str(num.format(line));
        out.push_str(r#"" w:lineRule=""#);
        out.push_str(rule);
        out.push_str(r#"" />"#);
        let left = mm_to_twips(p.left_mm);
        let right = mm_to_twips(p.right_mm);
        if p.first_line_mm > 0.0 || left != 0 || right != 0 {
            out.push_str(r#"<w:ind w:left=""#);
            out.push_str(num.format(left));
            out.push_str(r#"" w:right=""#);
            out.push_str(num.format(right));
            if p.first_line_mm > 0.0 {
                out.push_str(r#"" w:firstLine=""#);
                out.push_str(num.format(mm_to_twips(p.first_line_mm)));
            }
            out.push_str(r#"" />"#);
        }
        out.push_str(r#"<w:jc w:val=""#);
        out.push_str(alignment_val(p.align));
        out.push_str(r#"" />"#);
        // The paragraph mark takes the paragraph's size, weight and slant, never an underline.
        self.run_props(out, SpanStyle { underline: false, ..p.mark });
        self.after_section_end = p.role == Role::SectionEnd;
        if self.after_section_end {
            self.section(out);
            self.sections_ended += 1;
        }
        out.push_str("</w:pPr>");
        for span in &p.spans {
            out.push_str("<w:r>");
            self.run_props(out, span.style);
            for (i, line) in span.text.split('\n').enumerate() {
                if i > 0 {
                    out.push_str(r#"<w:br w:type="textWrapping" />"#);
                }
                if !line.is_empty() {
                    out.push_str(r#"<w:t xml:space="preserve">"#);
                    push_text(out, line);
                    out.push_str("</w:t>");
                }
            }
            out.push_str("</w:r>");
        }
        out.push_str("</w:p>");
    }

    fn table(&mut self, out: &mut String, t: &FTable) {
        let grid: Vec<i32> = t.widths_mm.iter().map(|w| mm_to_twips(*w).max(1)).collect();
        let total: i32 = grid.iter().sum();
        let pad = mm_to_twips(t.padding_mm).max(0);
        // Layout tables get explicit "nil" borders on all six sides (not just an empty
        // tblBorders), so no reader falls back to a bordered default.
        let (kind, size) = match t.border_pt {
            None => ("nil", 0),
            Some(w) => ("single", pt_to_eighths(w)),
        };
        // CT_TblPr's sequence: tblW, jc, tblBorders, tblLayout, tblCellMar.
        let _ = write!(
            out,
            r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa" /><w:jc w:val="left" /><w:tblBorders>"#
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                out,
                r#"<w:{side} w:val="{kind}" w:sz="{size}" w:space="0" w:color="000000" />"#
            );
        }
        let _ = write!(
            out,
            r#"</w:tblBorders><w:tblLayout w:type="fixed" /><w:tblCellMar><w:top w:w="0" w:type="dxa" /><w:left w:w="{pad}" w:type="dxa" /><w:bottom w:w="0" w:type="dxa" /><w:right w:w="{pad}" w:type="dxa" /></w:tblCellMar></w:tblPr><w:tblGrid>"#
        );
        // CT_TblGridCol has only w:w (in twips).
        for g in &grid {
            let _ = write!(out, r#"<w:gridCol w:w="{g}" />"#);
        }
        out.push_str("</w:tblGrid>");
        // Bordered tables get the row heights our layout uses, as "at least" heights: both
        // offices then give each row the height of our PDF (cell margins and borders included).
        let heights = crate::layout::row_heights_twips(t);
        let mut num = itoa::Buffer::new();
        for (ri, r) in t.rows.iter().enumerate() {
            let height = heights.as_ref().and_then(|h| h.get(ri).copied());
            out.push_str("<w:tr><w:trPr>");
            if r.cant_split {
                out.push_str("<w:cantSplit />");
            }
            if r.repeat_header {
                out.push_str("<w:tblHeader />");
            }
            if let Some(h) = height {
                out.push_str(r#"<w:trHeight w:val=""#);
                out.push_str(num.format(h));
                out.push_str(r#"" w:hRule="atLeast" />"#);
            }
            out.push_str("</w:trPr>");
            for (c, cell) in r.cells.iter().enumerate() {
                out.push_str(r#"<w:tc><w:tcPr><w:tcW w:w=""#);
                out.push_str(num.format(grid[c]));
                out.push_str(r#"" w:type="dxa" />"#);
                if cell.v_center {
                    out.push_str(r#"<w:vAlign w:val="center" />"#);
                }
                out.push_str("</w:tcPr>");
                for p in &cell.paras {
                    self.para(out, p);
                }
                if cell.paras.is_empty() {
                    self.open_para(out);
                    out.push_str("<w:pPr><w:rPr /></w:pPr></w:p>");
                }
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
    }

    /// A frame holding the paragraph at the foot of its page, its line's bottom `mm` above the
    /// bottom edge, centred on the text block (ECMA-376 Part 1 §17.3.1.11).
    fn frame_pr(&self, out: &mut String, p: &FPara, mm: f64) {
        let line = crate::layout::line_height_pt(p);
        let pg = &self.profile.page;
        let y = mm_to_twips(pg.height_mm - mm) - pt_to_twips(line);
        let _ = write!(
            out,
            r#"<w:framePr w:w="{}" w:h="{}" w:hRule="exact" w:wrap="around" w:vAnchor="page" w:hAnchor="margin" w:xAlign="center" w:y="{y}" />"#,
            mm_to_twips(pg.content_width_mm()),
            pt_to_twips(line),
        );
    }

    /// The section properties: header references, page size and margins (CT_SectPr puts the
    /// references first, then the page setup, the numbering restart and titlePg). A section
    /// after the first (an annex numbered on its own) numbers its pages from 1.
    fn section(&self, out: &mut String) {
        out.push_str("<w:sectPr>");
        let pn = &self.profile.page_number;
        if pn.enabled {
            out.push_str(r#"<w:headerReference w:type="default" r:id="rIdHeader1" />"#);
            if pn.hide_on_first_page {
                out.push_str(r#"<w:headerReference w:type="first" r:id="rIdHeader2" />"#);
            }
        }
        let pg = &self.profile.page;
        let _ = write!(
            out,
            r#"<w:pgSz w:w="{}" w:h="{}" /><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0" />"#,
            mm_to_twips(pg.width_mm),
            mm_to_twips(pg.height_mm),
            mm_to_twips(pg.margin_top_mm),
            mm_to_twips(pg.margin_right_mm),
            mm_to_twips(pg.margin_bottom_mm),
            mm_to_twips(pg.margin_left_mm),
            mm_to_twips(pg.header_distance_mm),
            mm_to_twips(pg.footer_distance_mm),
        );
        if self.sections_ended > 0 {
            out.push_str(r#"<w:pgNumType w:start="1" />"#);
        }
        out.push_str(r#"<w:cols w:space="425" w:num="1" />"#);
        if pn.enabled && pn.hide_on_first_page {
            out.push_str("<w:titlePg />");
        }
        out.push_str("</w:sectPr>");
    }
}

/// Appends text escaped for XML character data; a tab becomes a space.
fn push_text(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'', '\t']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => " ",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// The `w:jc` value of an alignment.
fn alignment_val(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        // docs/library-notes.md B.0 #1: ST_Jc "both" is justified ("justified" is invalid).
        Align::Justify => "both",
    }
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
