//! DOCX writer: draws a [`Flow`] with docx-rs, completes in memory the parts docx-rs cannot
//! express (docs/library-notes.md B.0 #1–#2: `w:lang`, core properties, repeated table header
//! rows) and zips the package once, deflated.

use std::io::{Cursor, Write};

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, FieldCharType, Header, InstrPAGE, InstrText,
    LineSpacingType, PageMargin, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, SpecialIndentType, Table, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow, WidthType,
};

use crate::error::EngineError;
use crate::flow::{FBlock, FPara, FTable, Flow, SpanStyle};
use crate::profile::{Align, FormatProfile, LineSpacing};
use crate::units::{mm_to_twips, pt_to_eighths, pt_to_half_points, pt_to_twips};

/// Row height written on header rows as a marker, replaced by `<w:tblHeader/>` afterwards
/// (docx-rs 0.4.22 has no API for it). 1 twip "at least" is harmless if the marker survived.
const HEADER_ROW_MARKER: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

fn err(detail: impl ToString) -> EngineError {
    EngineError::Write { format: "DOCX", detail: detail.to_string() }
}

/// Writes the flow as DOCX bytes under the profile's page setup and fonts.
pub fn write(flow: &Flow, profile: &FormatProfile) -> Result<Vec<u8>, EngineError> {
    let mut w = Writer { profile, next_id: 0, header_rows: Vec::new() };
    let docx = w.docx(flow);
    let mut xml = docx.build();
    let document = String::from_utf8(std::mem::take(&mut xml.document)).map_err(err)?;
    let pieces: Vec<&str> = document.split(HEADER_ROW_MARKER).collect();
    if pieces.len() != w.header_rows.len() + 1 {
        return Err(err(format!(
            "header-row markers: expected {}, found {}",
            w.header_rows.len(),
            pieces.len() - 1
        )));
    }
    let mut out = String::with_capacity(document.len() + 64 * w.header_rows.len());
    for (i, piece) in pieces.iter().enumerate() {
        out.push_str(piece);
        match w.header_rows.get(i) {
            Some(Some(h)) => out.push_str(&format!(
                r#"<w:tblHeader /><w:trHeight w:val="{h}" w:hRule="atLeast" />"#
            )),
            Some(None) => out.push_str("<w:tblHeader />"),
            None => {}
        }
    }
    xml.document = out.into_bytes();
    xml.doc_props.core = core_xml(flow).into_bytes();
    let styles = String::from_utf8(std::mem::take(&mut xml.styles)).map_err(err)?;
    xml.styles = add_language(&styles, &profile.font.language)?.into_bytes();
    zip_parts(xml)
}

struct Writer<'a> {
    profile: &'a FormatProfile,
    next_id: u32,
    /// Per header row, in document order: its "at least" height in twips, if it has one.
    header_rows: Vec<Option<u32>>,
}

impl Writer<'_> {
    fn fonts(&self) -> RunFonts {
        let f = &self.profile.font.family;
        RunFonts::new().ascii(f).hi_ansi(f).cs(f).east_asia(f)
    }

    fn docx(&mut self, flow: &Flow) -> Docx {
        let pg = &self.profile.page;
        let mut docx = Docx::new()
            .page_size(mm_to_twips(pg.width_mm) as u32, mm_to_twips(pg.height_mm) as u32)
            .page_margin(
                PageMargin::new()
                    .top(mm_to_twips(pg.margin_top_mm))
                    .bottom(mm_to_twips(pg.margin_bottom_mm))
                    .left(mm_to_twips(pg.margin_left_mm))
                    .right(mm_to_twips(pg.margin_right_mm))
                    .header(mm_to_twips(pg.header_distance_mm))
                    .footer(mm_to_twips(pg.footer_distance_mm)),
            )
            .default_fonts(self.fonts())
            .default_size(pt_to_half_points(self.profile.font.size_pt))
            .created_at(&iso(flow))
            .updated_at(&iso(flow));
        let pn = &self.profile.page_number;
        if pn.enabled {
            let s = SpanStyle::from(&pn.style);
            let id = self.id();
            let field = |run: Run| self.styled(run, s);
            let page = Paragraph::new()
                .id(id)
                .align(alignment(pn.align))
                .add_run(field(Run::new()).add_field_char(FieldCharType::Begin, false))
                .add_run(field(Run::new()).add_instr_text(InstrText::PAGE(InstrPAGE::new())))
                .add_run(field(Run::new()).add_field_char(FieldCharType::Separate, false))
                .add_run(field(Run::new()).add_text("2"))
                .add_run(field(Run::new()).add_field_char(FieldCharType::End, false));
            docx = docx.header(Header::new().add_paragraph(page));
            if pn.hide_on_first_page {
                let empty = Paragraph::new().id(self.id());
                docx = docx.first_header(Header::new().add_paragraph(empty)).title_pg();
            }
        }
        for block in &flow.blocks {
            docx = match block {
                FBlock::Para(p) => docx.add_paragraph(self.para(p)),
                FBlock::Table(t) => docx.add_table(self.table(t)),
            };
        }
        docx
    }

    fn id(&mut self) -> String {
        self.next_id += 1;
        format!("{:08X}", 0x1000_0000 + self.next_id)
    }

    fn styled(&self, mut run: Run, s: SpanStyle) -> Run {
        run = run.fonts(self.fonts()).size(pt_to_half_points(s.size_pt));
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
    }

    fn para(&mut self, p: &FPara) -> Paragraph {
        let mut out = Paragraph::new()
            .id(self.id())
            .align(alignment(p.align))
            .widow_control(true)
            .fonts(self.fonts())
            .size(pt_to_half_points(p.mark.size_pt));
        if p.mark.bold {
            out = out.bold();
        }
        if p.mark.italic {
            out = out.italic();
        }
        let first = (p.first_line_mm > 0.0)
            .then(|| SpecialIndentType::FirstLine(mm_to_twips(p.first_line_mm)));
        let left = mm_to_twips(p.left_mm);
        let right = mm_to_twips(p.right_mm);
        if first.is_some() || left != 0 || right != 0 {
            out = out.indent(Some(left), first, Some(right), None);
        }
        let mut spacing = docx_rs::LineSpacing::new()
            .before(pt_to_twips(p.space_before_pt) as u32)
            .after(pt_to_twips(p.space_after_pt) as u32);
        spacing = match p.line {
            LineSpacing::Exact(pt) => {
                spacing.line_rule(LineSpacingType::Exact).line(pt_to_twips(pt))
            }
            LineSpacing::AtLeast(pt) => {
                spacing.line_rule(LineSpacingType::AtLeast).line(pt_to_twips(pt))
            }
            LineSpacing::Multiple(m) => {
                spacing.line_rule(LineSpacingType::Auto).line((m * 240.0).round() as i32)
            }
        };
        out = out.line_spacing(spacing);
        if p.keep_next {
            out = out.keep_next(true);
        }
        if p.page_break_before {
            out = out.page_break_before(true);
        }
        if let Some(w) = p.rule_pt {
            // Only the bottom side: docx-rs's `set_border` starts from a box of single borders
            // on all four sides, which Word and LibreOffice draw as a thin rectangle.
            out.property = out.property.set_borders(
                ParagraphBorders::with_empty().set(
                    ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                        .val(BorderType::Single)
                        .size(pt_to_eighths(w))
                        .space(0)
                        .color("000000"),
                ),
            );
        }
        for span in &p.spans {
            let mut run = self.styled(Run::new(), span.style);
            for (i, line) in span.text.split('\n').enumerate() {
                if i > 0 {
                    run = run.add_break(BreakType::TextWrapping);
                }
                if !line.is_empty() {
                    run = run.add_text(line.replace('\t', " "));
                }
            }
            out = out.add_run(run);
        }
        out
    }

    fn table(&mut self, t: &FTable) -> Table {
        let grid: Vec<usize> =
            t.widths_mm.iter().map(|w| mm_to_twips(*w).max(1) as usize).collect();
        let total: usize = grid.iter().sum();
        // Bordered tables get the row heights our layout uses, as "at least" heights: both
        // offices then give each row the height of our PDF (cell margins and borders included).
        let heights = crate::layout::row_heights_twips(t);
        let mut rows = Vec::new();
        for (ri, r) in t.rows.iter().enumerate() {
            let height = heights.as_ref().and_then(|h| h.get(ri).copied());
            let mut cells = Vec::new();
            for (c, cell) in r.cells.iter().enumerate() {
                let mut tc = TableCell::new().width(grid[c], WidthType::Dxa);
                if cell.v_center {
                    tc = tc.vertical_align(docx_rs::VAlignType::Center);
                }
                for p in &cell.paras {
                    tc = tc.add_paragraph(self.para(p));
                }
                if cell.paras.is_empty() {
                    tc = tc.add_paragraph(Paragraph::new().id(self.id()));
                }
                cells.push(tc);
            }
            let mut row = TableRow::new(cells);
            if r.cant_split {
                row = row.cant_split();
            }
            if r.repeat_header {
                row = row.row_height(1.0).height_rule(docx_rs::HeightRule::AtLeast);
                self.header_rows.push(height);
            } else if let Some(h) = height {
                row = row.row_height(h as f32).height_rule(docx_rs::HeightRule::AtLeast);
            }
            rows.push(row);
        }
        let pad = mm_to_twips(t.padding_mm).max(0) as usize;
        // Layout tables get explicit "nil" borders on all six sides (not just an empty
        // tblBorders), so no reader falls back to a bordered default.
        let (kind, size) = match t.border_pt {
            None => (BorderType::Nil, 0),
            Some(w) => (BorderType::Single, pt_to_eighths(w)),
        };
        let mut borders = TableBorders::new();
        for pos in [
            TableBorderPosition::Top,
            TableBorderPosition::Left,
            TableBorderPosition::Bottom,
            TableBorderPosition::Right,
            TableBorderPosition::InsideH,
            TableBorderPosition::InsideV,
        ] {
            borders =
                borders.set(TableBorder::new(pos).border_type(kind).size(size).color("000000"));
        }
        let mut table = Table::new(rows).set_borders(borders);
        table = table
            .set_grid(grid)
            .width(total, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(0, pad, 0, pad));
        table
    }
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        // docs/library-notes.md B.0 #1: `Justified` writes an invalid value; `Both` is ST_Jc "both".
        Align::Justify => AlignmentType::Both,
    }
}

fn iso(flow: &Flow) -> String {
    flow.props.generated.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

use crate::text::xml_escape as escape;

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

/// Adds the document language to the run defaults of styles.xml.
fn add_language(styles: &str, lang: &str) -> Result<String, EngineError> {
    let tag = format!(r#"<w:lang w:val="{0}" w:eastAsia="{0}" w:bidi="ar-SA" />"#, escape(lang));
    let start = styles.find("<w:rPrDefault>").ok_or_else(|| err("styles.xml has no rPrDefault"))?;
    let rel_end =
        styles[start..].find("</w:rPr>").ok_or_else(|| err("styles.xml rPrDefault has no rPr"))?;
    let at = start + rel_end;
    Ok(format!("{}{tag}{}", &styles[..at], &styles[at..]))
}

/// Zips the package's parts once, deflated, in the order docx-rs writes them (the content types
/// first). A fixed timestamp keeps the bytes identical for identical input.
fn zip_parts(xml: docx_rs::XMLDocx) -> Result<Vec<u8>, EngineError> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), xml.document),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
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
    let size: usize = parts.iter().map(|(_, d)| d.len()).sum();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(size / 4)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(DEFLATE_LEVEL))
        .last_modified_time(zip::DateTime::default());
    for (name, data) in parts {
        out.start_file(name, options).map_err(err)?;
        out.write_all(&data).map_err(err)?;
    }
    Ok(out.finish().map_err(err)?.into_inner())
}

/// Deflate level of the parts (1 = fastest; measured in docs/performance.md).
const DEFLATE_LEVEL: i64 = 1;
