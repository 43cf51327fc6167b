//! `word/document.xml`, written through docx-rs: every property element of the body (a
//! paragraph's `ParagraphProperty` with its `LineSpacing`, `Indent`, `ParagraphBorders`,
//! `FrameProperty` and the mark's `RunProperty`; each run's `RunProperty`; a table's
//! `TableProperty` with `TableBorders`, `TableCellMargins` and `TableLayoutType`, its
//! `TableGrid`, each row's `TableRowProperty`, each cell's `TableCellProperty`; the
//! `SectionProperty` with `PageSize`, `PageMargin`, `HeaderReference` and `PageNumType`) and
//! every text and line break (`Text`, `Break`) is a docx-rs element serialised by docx-rs's
//! `BuildXML`, and the elements that hold them (`w:p`, `w:r`, `w:tbl`, `w:tr`, `w:tc`) are
//! opened and closed by docx-rs's XML writer, the one `EventWriter` that writes the whole part.
//!
//! What docx-rs 0.4.22 lacks, gets wrong or makes slow, and the upstream change that would
//! remove each workaround:
//! - **Speed.** `BuildXML::build_to` takes the writer (an `EventWriter` of 280 bytes) by value
//!   and hands it back through every optional child, present or not: `RunProperty` has 25 of
//!   them. Serialising each `Paragraph` with `Paragraph::build_to` made the body 16 times
//!   slower than the hand-written one it replaces (25 pages: 3.1 ms against 0.19 ms; perf:
//!   `RunProperty::build_to` was 70 % of it, `memmove` 45 % of all samples). So the
//!   containers `Paragraph`, `Run`, `Table`, `TableRow` and `TableCell` are not serialised by
//!   their own `build_to`: [`Body`] writes the same start tag, properties, children and end tag,
//!   and each distinct property element is built and serialised by docx-rs once, then its XML
//!   reused ([`Memo`]). Upstream: `build_to(&self, &mut EventWriter<W>)` (write into the
//!   caller's writer instead of moving it), and absent children skipped without a call.
//! - **Order.** Children out of their ECMA-376 sequence in `w:pPr`, `w:rPr`, `w:tblPr` and
//!   `w:sectPr` (bokuweb/docx-rs#724): sorted by [`order::element`] when the element is made.
//!   Upstream: each `build_to` writing its children in the schema's sequence.
//! - **`w:tblHeader`** (repeat a header row on each page): no API; [`TableHeader`] is ours, put
//!   in the row's `w:trPr` after `w:cantSplit`. Upstream: `TableRow::table_header()`.
//! - **`w:gridCol`** carries a `w:type`, which CT_TblGridCol does not have: removed. Upstream:
//!   `TableGrid::build_to` writing `w:w` alone.

use std::collections::HashMap;
use std::io::Write;

use docx_rs::xml::writer::{EmitterConfig, EventWriter, XmlEvent};
use docx_rs::{
    AlignmentType, BorderType, Break, BreakType, BuildXML, FrameProperty, HeaderReference,
    HeightRule, Indent, LineSpacingType, PageMargin, PageNumType, PageSize, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, ParagraphProperty, RunFonts, RunProperty,
    SectionProperty, SpecialIndentType, TableAlignmentType, TableBorder, TableBorderPosition,
    TableBorders, TableCellMargins, TableCellProperty, TableGrid, TableLayoutType, TableProperty,
    TableRowProperty, Text, VAlignType, VertAlignType, WidthType,
};

use super::{err, order};
use crate::error::EngineError;
use crate::flow::{FBlock, FNote, FPara, FRow, FTable, Flow, Role, Span, SpanStyle};
use crate::profile::{Align, FormatProfile, LineSpacing};
use crate::units::{mm_to_twips, pt_to_eighths, pt_to_half_points, pt_to_twips};

/// The alignments, in the order of [`ParaKey::align`].
const ALIGNMENTS: [Align; 4] = [Align::Left, Align::Center, Align::Right, Align::Justify];

/// The relationship ids docx-rs gives the default and the first-page header.
const HEADER_IDS: [&str; 2] = ["rIdHeader1", "rIdHeader2"];

type Writer = EventWriter<Vec<u8>>;

/// Writes `word/document.xml`: docx-rs's start of the part (`start`, up to `<w:body>`), the
/// flow's paragraphs and tables, the section properties, docx-rs's end (`end`); and, when the
/// flow has footnotes, `word/footnotes.xml` (`notes_shell`: its root's start and end tags).
/// Paragraph ids continue after `last_id` (the headers'), through the body, then the notes.
pub(super) fn document_xml(
    flow: &Flow,
    profile: &FormatProfile,
    last_id: u32,
    (start, end): (&[u8], &[u8]),
    notes_shell: (&[u8], &[u8]),
) -> Result<(Vec<u8>, Option<Vec<u8>>), EngineError> {
    // Markup is about three quarters of the part: size the buffer once.
    let text: usize = flow
        .blocks
        .iter()
        .map(|b| match b {
            FBlock::Para(p) => 700 + p.spans.iter().map(|s| s.text.len() + 300).sum::<usize>(),
            FBlock::Table(t) => t.rows.len() * t.widths_mm.len() * 1000,
        })
        .sum();
    let mut out = Vec::with_capacity(start.len() + text + end.len() + 1024);
    out.extend_from_slice(start);
    // What `BuildXML::build` uses, over the part's buffer.
    let config = EmitterConfig {
        write_document_declaration: false,
        perform_escaping: false,
        perform_indent: false,
        line_separator: "".into(),
    };
    let (mut out, notes) = MEMO.with_borrow_mut(|memo| {
        memo.use_fonts(&profile.font.family);
        let mut body = Body {
            w: Some(config.create_writer(out)),
            profile,
            memo,
            next_id: last_id,
            sections_ended: 0,
            after_section_end: false,
            in_notes: false,
        };
        for block in &flow.blocks {
            match block {
                FBlock::Para(p) => body.paragraph(p)?,
                FBlock::Table(t) => body.table(t)?,
            }
        }
        let section = ordered(&body.section());
        body.raw(section.as_bytes())?;
        let out = body.writer().into_inner().map_err(err)?;
        if flow.notes.is_empty() {
            return Ok((out, None));
        }
        let mut part = notes_shell.0.to_vec();
        body.w = Some(config.create_writer(std::mem::take(&mut part)));
        body.footnotes(&flow.notes)?;
        let mut notes = body.writer().into_inner().map_err(err)?;
        notes.extend_from_slice(notes_shell.1);
        Ok::<_, EngineError>((out, Some(notes)))
    })?;
    out.extend_from_slice(end);
    Ok((out, notes))
}

/// The separator and continuation separator notes Word writes first in `word/footnotes.xml`
/// (ids -1 and 0): the short rule above the notes, and the long one when a note continues.
const NOTE_SEPARATORS: &str = concat!(
    r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" "#,
    r#"w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:separator /></w:r></w:p></w:footnote>"#,
    r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing "#,
    r#"w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:continuationSeparator />"#,
    r#"</w:r></w:p></w:footnote>"#,
);

/// docx-rs's XML of `element`, its children in schema order.
fn ordered(element: &impl BuildXML) -> String {
    let xml = String::from_utf8(element.build()).expect("docx-rs writes UTF-8");
    let mut out = String::with_capacity(xml.len());
    order::element(&xml, &mut out);
    out
}

thread_local! {
    /// The property elements made so far on this thread, kept between documents.
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// How many property elements are kept (a report has a few dozen distinct ones).
const MEMO_LIMIT: usize = 4096;

/// A run's formatting, as its `RunProperty` has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct RunKey {
    half_points: usize,
    bold: bool,
    italic: bool,
    underline: bool,
    /// Raised (a footnote's number).
    raised: bool,
    /// In the character style of a note's own number ([`super::NOTE_NUMBER_STYLE`]).
    note_number: bool,
}

impl From<SpanStyle> for RunKey {
    fn from(s: SpanStyle) -> Self {
        RunKey {
            half_points: pt_to_half_points(s.size_pt),
            bold: s.bold,
            italic: s.italic,
            underline: s.underline,
            raised: false,
            note_number: false,
        }
    }
}

impl RunKey {
    /// The run properties: fonts, size, weight, slant, underline.
    pub(super) fn properties(self, fonts: RunFonts) -> RunProperty {
        let mut rp = RunProperty::new().fonts(fonts).size(self.half_points);
        if self.bold {
            rp = rp.bold();
        }
        if self.italic {
            rp = rp.italic();
        }
        if self.underline {
            rp = rp.underline("single");
        }
        if self.raised {
            rp = rp.vert_align(VertAlignType::SuperScript);
        }
        if self.note_number {
            rp = rp.style(super::NOTE_NUMBER_STYLE);
        }
        rp
    }
}

/// A paragraph's formatting, as its `ParagraphProperty` has it (in twips and eighths).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ParaKey {
    keep_next: bool,
    page_break_before: bool,
    /// Width, height and vertical position of the frame of a pinned paragraph.
    frame: Option<(u32, u32, i32)>,
    /// Weight of the rule under it.
    rule: Option<usize>,
    before: u32,
    after: u32,
    line: i32,
    rule_kind: u8,
    /// Left, right and first-line indents, when there are any.
    indent: Option<(i32, i32, Option<i32>)>,
    /// The alignment's index in [`ALIGNMENTS`].
    align: usize,
    mark: RunKey,
}

/// The XML of each distinct property element, made by docx-rs and sorted once.
#[derive(Default)]
struct Memo {
    /// The font family of the run properties below.
    family: String,
    runs: HashMap<RunKey, String, foldhash::fast::RandomState>,
    paras: HashMap<ParaKey, String, foldhash::fast::RandomState>,
    /// Cell properties by width and vertical centring.
    cells: HashMap<(usize, bool), String, foldhash::fast::RandomState>,
    /// An empty cell's paragraph properties.
    empty: String,
    /// [`TableHeader`]'s XML.
    table_header: String,
}

impl Memo {
    /// Starts over when the font family changes (every run property names it) or when full.
    fn use_fonts(&mut self, family: &str) {
        let size = self.runs.len() + self.paras.len() + self.cells.len();
        if self.family != family || size > MEMO_LIMIT || self.empty.is_empty() {
            *self = Memo {
                family: family.to_string(),
                empty: ordered(&ParagraphProperty::new()),
                table_header: String::from_utf8(TableHeader.build()).expect("UTF-8"),
                ..Memo::default()
            };
        }
    }

    /// The family in all four font slots (docs/library-notes.md B.0 #1).
    fn fonts(&self) -> RunFonts {
        let f = &self.family;
        RunFonts::new().ascii(f).hi_ansi(f).cs(f).east_asia(f)
    }

    /// A run's (or a paragraph mark's) properties: fonts, weight, slant, size, underline.
    fn run_property(&self, k: RunKey) -> RunProperty {
        k.properties(self.fonts())
    }

    /// The XML of a run's properties.
    fn run(&mut self, k: RunKey) -> &str {
        if !self.runs.contains_key(&k) {
            let xml = ordered(&self.run_property(k));
            self.runs.insert(k, xml);
        }
        &self.runs[&k]
    }

    /// A paragraph's properties, without section properties.
    fn paragraph_property(&self, k: &ParaKey) -> ParagraphProperty {
        let mut pp = ParagraphProperty::new();
        pp.keep_next = k.keep_next.then_some(true);
        pp.page_break_before = k.page_break_before.then_some(true);
        pp.frame_property = k.frame.map(|(w, h, y)| {
            FrameProperty::new()
                .width(w)
                .height(h)
                .h_rule("exact")
                .wrap("around")
                .v_anchor("page")
                .h_anchor("margin")
                .x_align("center")
                .y(y)
        });
        pp.widow_control = Some(true);
        // Only the bottom side: a box of four borders draws as a thin rectangle.
        pp.borders = k.rule.map(|size| {
            let bottom = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(size)
                .space(0)
                .color("000000");
            ParagraphBorders::with_empty().set(bottom)
        });
        let rule = [LineSpacingType::Exact, LineSpacingType::AtLeast, LineSpacingType::Auto];
        pp.line_spacing = Some(
            docx_rs::LineSpacing::new()
                .before(k.before)
                .after(k.after)
                .line(k.line)
                .line_rule(rule[usize::from(k.rule_kind)]),
        );
        pp.indent = k.indent.map(|(left, right, first)| {
            Indent::new(Some(left), first.map(SpecialIndentType::FirstLine), Some(right), None)
        });
        pp = pp.align(alignment(ALIGNMENTS[k.align]));
        pp.run_property = self.run_property(k.mark);
        pp
    }

    /// The XML of a paragraph's properties (no section properties).
    fn paragraph(&mut self, k: &ParaKey) -> &str {
        if !self.paras.contains_key(k) {
            let xml = ordered(&self.paragraph_property(k));
            self.paras.insert(*k, xml);
        }
        &self.paras[k]
    }

    /// The XML of a cell's properties: its width, and its content centred vertically or not.
    fn cell(&mut self, width: usize, v_center: bool) -> &str {
        self.cells.entry((width, v_center)).or_insert_with(|| {
            let mut tc = TableCellProperty::new().width(width, WidthType::Dxa);
            if v_center {
                tc = tc.vertical_align(VAlignType::Center);
            }
            ordered(&tc)
        })
    }
}

/// `w:tblHeader`, a header row repeated at the top of each page (ECMA-376 Part 1 §17.4.49).
/// docx-rs 0.4.22 has no API for it (`TableRowProperty` has `cant_split` but no
/// `table_header`); upstream, a `TableRow::table_header()` writing it would replace this.
struct TableHeader;

impl BuildXML for TableHeader {
    fn build_to<W: Write>(
        &self,
        mut stream: EventWriter<W>,
    ) -> docx_rs::xml::writer::Result<EventWriter<W>> {
        stream.write(XmlEvent::start_element("w:tblHeader"))?;
        stream.write(XmlEvent::end_element())?;
        Ok(stream)
    }
}

/// docx-rs's `w:cantSplit`.
const CANT_SPLIT: &str = "<w:cantSplit />";

/// Writes the body's blocks with docx-rs's writer.
struct Body<'a> {
    /// docx-rs's XML writer over the part (taken while a docx-rs element writes itself).
    w: Option<Writer>,
    profile: &'a FormatProfile,
    memo: &'a mut Memo,
    next_id: u32,
    /// Page-numbering sections closed so far (each annex numbered on its own opens one).
    sections_ended: usize,
    /// The last paragraph written closed a section (its break starts the next page).
    after_section_end: bool,
    /// Writing `word/footnotes.xml`: a note's number is its `w:footnoteRef`.
    in_notes: bool,
}

impl Body<'_> {
    /// The writer, taken out (to be handed to a docx-rs element, or at the end).
    fn writer(&mut self) -> Writer {
        self.w.take().expect("the writer is put back after each element")
    }

    /// Opens the element `name`, with the attribute `attr` if any.
    fn open(&mut self, name: &str, attr: Option<(&str, &str)>) -> Result<(), EngineError> {
        let mut start = XmlEvent::start_element(name);
        if let Some((k, v)) = attr {
            start = start.attr(k, v);
        }
        self.w.as_mut().expect("writer").write(start).map_err(err)
    }

    /// Closes the element opened last.
    fn close(&mut self) -> Result<(), EngineError> {
        self.w.as_mut().expect("writer").write(XmlEvent::end_element()).map_err(err)
    }

    /// Appends XML docx-rs made (a property element), after the start tag open.
    fn raw(&mut self, xml: &[u8]) -> Result<(), EngineError> {
        raw(&mut self.w, xml)
    }

    /// Lets a docx-rs element write itself.
    fn child(&mut self, element: &impl BuildXML) -> Result<(), EngineError> {
        let w = element.build_to(self.writer()).map_err(err)?;
        self.w = Some(w);
        Ok(())
    }

    /// Opens a paragraph with the next id (docx-rs's `Paragraph::build_to` writes
    /// `<w:p w14:paraId="…">`).
    fn open_paragraph(&mut self) -> Result<(), EngineError> {
        self.next_id += 1;
        let id = 0x1000_0000 + self.next_id;
        let hex: [u8; 8] =
            std::array::from_fn(|i| b"0123456789ABCDEF"[(id >> (28 - 4 * i)) as usize & 0xF]);
        let id = std::str::from_utf8(&hex).expect("ASCII");
        self.open("w:p", Some(("w14:paraId", id)))
    }

    /// A paragraph: properties, then a run per span (as `Paragraph::build_to`).
    fn paragraph(&mut self, p: &FPara) -> Result<(), EngineError> {
        self.open_paragraph()?;
        let key = self.para_key(p);
        self.after_section_end = p.role == Role::SectionEnd;
        if self.after_section_end {
            let mut pp = self.memo.paragraph_property(&key);
            pp.section_property = Some(self.section());
            self.sections_ended += 1;
            self.raw(ordered(&pp).as_bytes())?;
        } else {
            raw(&mut self.w, self.memo.paragraph(&key).as_bytes())?;
        }
        for span in &p.spans {
            self.run(span)?;
        }
        self.close()
    }

    /// The key of a paragraph's properties.
    fn para_key(&self, p: &FPara) -> ParaKey {
        let (line, rule_kind) = match p.line {
            LineSpacing::Exact(pt) => (pt_to_twips(pt), 0),
            LineSpacing::AtLeast(pt) => (pt_to_twips(pt), 1),
            LineSpacing::Multiple(m) => ((m * 240.0).round() as i32, 2),
        };
        let left = mm_to_twips(p.left_mm);
        let right = mm_to_twips(p.right_mm);
        let first = (p.first_line_mm > 0.0).then(|| mm_to_twips(p.first_line_mm));
        ParaKey {
            keep_next: p.keep_next,
            // A section break already starts a new page: a page break too would make Word and
            // LibreOffice leave a blank one.
            page_break_before: p.page_break_before && !self.after_section_end,
            frame: p.pin_bottom_mm.map(|mm| self.frame(p, mm)),
            rule: p.rule_pt.map(pt_to_eighths),
            // Spacing is never negative.
            before: pt_to_twips(p.space_before_pt).max(0).unsigned_abs(),
            after: pt_to_twips(p.space_after_pt).max(0).unsigned_abs(),
            line,
            rule_kind,
            indent: (first.is_some() || left != 0 || right != 0).then_some((left, right, first)),
            align: ALIGNMENTS.iter().position(|a| *a == p.align).unwrap_or(0),
            // The paragraph mark takes the paragraph's size, weight and slant, never an
            // underline.
            mark: RunKey::from(SpanStyle { underline: false, ..p.mark }),
        }
    }

    /// The footnotes (as `Footnotes::build_to`, after Word's separators): each a `w:footnote`
    /// with its number as `w:id` and its paragraph.
    fn footnotes(&mut self, notes: &[FNote]) -> Result<(), EngineError> {
        self.in_notes = true;
        self.raw(NOTE_SEPARATORS.as_bytes())?;
        for n in notes {
            self.open("w:footnote", Some(("w:id", &n.number.to_string())))?;
            self.paragraph(&n.para)?;
            self.close()?;
        }
        Ok(())
    }

    /// A footnote's reference (`w:footnoteReference`) in the body, or its number
    /// (`w:footnoteRef`) in the note, in a raised run.
    fn note_run(&mut self, span: &Span, n: u32) -> Result<(), EngineError> {
        self.open("w:r", None)?;
        // LibreOffice sizes a note's own number by its character style alone.
        let key = RunKey { raised: true, note_number: self.in_notes, ..span.style.into() };
        raw(&mut self.w, self.memo.run(key).as_bytes())?;
        if self.in_notes {
            self.open("w:footnoteRef", None)?;
        } else {
            self.open("w:footnoteReference", Some(("w:id", &n.to_string())))?;
        }
        self.close()?;
        self.close()
    }

    /// A run of text (as `Run::build_to`): each "\n" is a line break, a tab becomes a space.
    fn run(&mut self, span: &Span) -> Result<(), EngineError> {
        if let Some(n) = span.note {
            return self.note_run(span, n);
        }
        self.open("w:r", None)?;
        raw(&mut self.w, self.memo.run(span.style.into()).as_bytes())?;
        for (i, line) in span.text.split('\n').enumerate() {
            if i > 0 {
                self.child(&Break::new(BreakType::TextWrapping))?;
            }
            if !line.is_empty() {
                self.child(&Text::new(line.replace('\t', " ")))?;
            }
        }
        self.close()
    }

    /// A table (as `Table::build_to`): properties, grid, rows.
    fn table(&mut self, t: &FTable) -> Result<(), EngineError> {
        let grid: Vec<usize> =
            t.widths_mm.iter().map(|w| mm_to_twips(*w).max(1).unsigned_abs() as usize).collect();
        self.open("w:tbl", None)?;
        self.raw(ordered(&table_property(t, &grid)).as_bytes())?;
        // docx-rs writes `w:type="dxa"` on each `w:gridCol`, which has `w:w` only.
        let grid_xml = String::from_utf8(TableGrid::new(grid.clone()).build()).expect("UTF-8");
        self.raw(grid_xml.replace(r#" w:type="dxa""#, "").as_bytes())?;
        // Bordered tables get the row heights our layout uses, as "at least" heights: both
        // offices then give each row the height of our PDF (cell margins and borders included).
        let heights = crate::layout::row_heights_twips(t);
        for (ri, r) in t.rows.iter().enumerate() {
            self.row(r, &grid, heights.as_ref().and_then(|h| h.get(ri).copied()))?;
        }
        self.close()
    }

    /// A table row (as `TableRow::build_to`), then its cells (as `TableCell::build_to`).
    fn row(&mut self, r: &FRow, grid: &[usize], height: Option<u32>) -> Result<(), EngineError> {
        self.open("w:tr", None)?;
        let mut tr = TableRowProperty::new();
        if r.cant_split {
            tr = tr.cant_split();
        }
        if let Some(h) = height {
            tr = tr.row_height(h as f32).height_rule(HeightRule::AtLeast);
        }
        let mut xml = String::from_utf8(tr.build()).expect("UTF-8");
        if r.repeat_header {
            xml = self.with_table_header(&xml);
        }
        self.raw(xml.as_bytes())?;
        for (c, cell) in r.cells.iter().enumerate() {
            self.open("w:tc", None)?;
            raw(&mut self.w, self.memo.cell(grid[c], cell.v_center).as_bytes())?;
            for p in &cell.paras {
                self.paragraph(p)?;
            }
            if cell.paras.is_empty() {
                // A cell holds at least one paragraph (docx-rs would add one with an id of
                // its own).
                self.open_paragraph()?;
                raw(&mut self.w, self.memo.empty.as_bytes())?;
                self.close()?;
            }
            self.close()?;
        }
        self.close()
    }

    /// A row's `w:trPr` (`tr`, as docx-rs writes it) with `w:tblHeader` after `w:cantSplit`
    /// (the order of CT_TrPrBase's elements this writer has always used).
    fn with_table_header(&self, tr: &str) -> String {
        let header = &self.memo.table_header;
        if let Some(open) = tr.strip_suffix(" />") {
            return format!("{open}>{header}</w:trPr>");
        }
        let at = "<w:trPr>".len();
        let at = if tr[at..].starts_with(CANT_SPLIT) { at + CANT_SPLIT.len() } else { at };
        format!("{}{header}{}", &tr[..at], &tr[at..])
    }

    /// Width, height and vertical position of a frame holding the paragraph at the foot of its
    /// page, its line's bottom `mm` above the bottom edge, centred on the text block (ECMA-376
    /// Part 1 §17.3.1.11).
    fn frame(&self, p: &FPara, mm: f64) -> (u32, u32, i32) {
        let line = pt_to_twips(crate::layout::line_height_pt(p));
        let pg = &self.profile.page;
        let y = mm_to_twips(pg.height_mm - mm) - line;
        (mm_to_twips(pg.content_width_mm()).unsigned_abs(), line.unsigned_abs(), y)
    }

    /// The section properties: header references, page size and margins, the numbering
    /// restart and titlePg. A section after the first (an annex numbered on its own) numbers
    /// its pages from 1.
    fn section(&self) -> SectionProperty {
        let pg = &self.profile.page;
        let pn = &self.profile.page_number;
        let twips = |mm: f64| mm_to_twips(mm);
        let mut s = SectionProperty::new()
            .page_size(
                PageSize::new()
                    .size(twips(pg.width_mm).unsigned_abs(), twips(pg.height_mm).unsigned_abs()),
            )
            .page_margin(PageMargin {
                top: twips(pg.margin_top_mm),
                right: twips(pg.margin_right_mm),
                bottom: twips(pg.margin_bottom_mm),
                left: twips(pg.margin_left_mm),
                header: twips(pg.header_distance_mm),
                footer: twips(pg.footer_distance_mm),
                gutter: 0,
            });
        if pn.enabled {
            s.header_reference = Some(HeaderReference::new("default", HEADER_IDS[0]));
            if pn.hide_on_first_page {
                s.first_header_reference = Some(HeaderReference::new("first", HEADER_IDS[1]));
                s.title_pg = true;
            }
        }
        if self.sections_ended > 0 {
            s.page_num_type = Some(PageNumType::new().start(1));
        }
        s
    }
}

/// Appends XML docx-rs made (a property element) to the writer's part, after the start tag
/// open.
fn raw(w: &mut Option<Writer>, xml: &[u8]) -> Result<(), EngineError> {
    let w = w.as_mut().expect("the writer is put back after each element");
    // Writing no text ends the pending start tag, as docx-rs's `inner_mut` does.
    w.write("").map_err(err)?;
    w.inner_mut().map_err(err)?.extend_from_slice(xml);
    Ok(())
}

/// A table's properties: fixed layout, width, borders (nil on layout tables), padding.
fn table_property(t: &FTable, grid: &[usize]) -> TableProperty {
    let pad = mm_to_twips(t.padding_mm).max(0).unsigned_abs() as usize;
    // Layout tables get explicit "nil" borders on all six sides (not just an empty
    // tblBorders), so no reader falls back to a bordered default.
    let (kind, size) = match t.border_pt {
        None => (BorderType::Nil, 0),
        Some(w) => (BorderType::Single, pt_to_eighths(w)),
    };
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::new(), |b, at| {
        b.set(TableBorder::new(at).border_type(kind).size(size).color("000000"))
    });
    TableProperty::new()
        .width(grid.iter().sum(), WidthType::Dxa)
        .align(TableAlignmentType::Left)
        .set_borders(borders)
        .layout(TableLayoutType::Fixed)
        .set_margins(
            TableCellMargins::new()
                .margin_left(pad, WidthType::Dxa)
                .margin_right(pad, WidthType::Dxa),
        )
}

/// docx-rs's alignment of ours.
pub(super) fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        // docs/library-notes.md B.0 #1: ST_Jc "both" is justified ("justified" is invalid).
        Align::Justify => AlignmentType::Both,
    }
}
