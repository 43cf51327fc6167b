//! The resolved document: the report with its format applied, as styled paragraphs and tables.
//!
//! Every generated text lives here: numbering (I., 1., a)), ordinals ("Một là"), counts ("06"),
//! formatted figures, totals, the header and closing blocks. Writers (DOCX now, page layout for
//! PDF and SVG next) draw this and add nothing of their own.

use chrono::{DateTime, NaiveDate, Utc};

use crate::metrics::text_width_pt;
use crate::model::*;
use crate::profile::{
    Align, BlockText, Case, Emphasis, FixedLine, FormatProfile, Heading, LineSpacing, ParaStyle,
    RuleSpec, TextStyle,
};
use crate::text::{
    date_parts, fill, format_count, format_number, lower_first, mot_la, phan_ordinal, roman,
    thu_nhat, upper, upper_first, viet_letter, DateStyle, NumberStyle,
};
use crate::units::pt_to_mm;

/// The resolved document.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// Document properties.
    pub props: DocProps,
    /// Blocks in reading order.
    pub blocks: Vec<FBlock>,
}

/// Document properties (title, author, dates, language).
#[derive(Debug, Clone, PartialEq)]
pub struct DocProps {
    /// Title: document type and subject on one line.
    pub title: String,
    /// Author: the issuing body's full name.
    pub author: String,
    /// Subject line.
    pub subject: String,
    /// Language tag.
    pub language: String,
    /// Date of the document.
    pub date: NaiveDate,
    /// When the file was made (injected clock).
    pub generated: DateTime<Utc>,
}

/// What a paragraph is, for tests and for layout decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Superior body line.
    SuperiorBody,
    /// Issuing body line.
    IssuingBody,
    /// The "*" line.
    IssuerMark,
    /// National heading line (Party heading, Quốc hiệu, Tiêu ngữ).
    National,
    /// A drawn rule.
    Rule,
    /// Number line.
    Number,
    /// Place and date line.
    DateLine,
    /// Document type name.
    DocType,
    /// Subject line.
    Subject,
    /// The "-----" separator.
    Separator,
    /// "Phần thứ …" line.
    PhanMarker,
    /// Title under a "Phần" marker.
    PhanTitle,
    /// Part heading (I.).
    Part,
    /// Section heading (1.).
    Section,
    /// Point heading (a)).
    Point,
    /// Body text.
    Body,
    /// A lesson paragraph.
    Lesson,
    /// A solution group's title.
    SolutionGroup,
    /// Closing sentence.
    ClosingSentence,
    /// Authority line.
    Authority,
    /// Signer's title.
    SignerTitle,
    /// Blank signature line.
    SignatureSpace,
    /// Signer's name.
    SignerName,
    /// "Nơi nhận:" label.
    RecipientsLabel,
    /// A recipient line.
    Recipient,
    /// Annex label ("PHỤ LỤC").
    AnnexLabel,
    /// Annex title.
    AnnexTitle,
    /// Annex reference line.
    AnnexReference,
    /// Table caption or unit line.
    TableCaption,
    /// Table cell text.
    TableCell,
}

/// Character formatting of a span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpanStyle {
    /// Size in points.
    pub size_pt: f64,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
}

/// A run of text with one style; "\n" inside is a line break.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Its style.
    pub style: SpanStyle,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct FPara {
    /// What it is.
    pub role: Role,
    /// Its text runs (empty for a blank line or a rule).
    pub spans: Vec<Span>,
    /// Formatting of the paragraph mark (sets the height of an empty paragraph).
    pub mark: SpanStyle,
    /// Alignment.
    pub align: Align,
    /// First-line indent.
    pub first_line_mm: f64,
    /// Left indent.
    pub left_mm: f64,
    /// Right indent.
    pub right_mm: f64,
    /// Space before.
    pub space_before_pt: f64,
    /// Space after.
    pub space_after_pt: f64,
    /// Line spacing.
    pub line: LineSpacing,
    /// Keep on the page of the next paragraph.
    pub keep_next: bool,
    /// Start on a new page.
    pub page_break_before: bool,
    /// A rule drawn under the paragraph with this weight (the paragraph itself is empty).
    pub rule_pt: Option<f64>,
    /// Where in the report this paragraph starts a part ("body.content[1].sections[0]"), for
    /// previews that follow the part being edited.
    pub anchor: Option<String>,
}

impl FPara {
    /// The paragraph's plain text.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A table: the header and closing layout tables, or a statistics table.
#[derive(Debug, Clone, PartialEq)]
pub struct FTable {
    /// Column widths.
    pub widths_mm: Vec<f64>,
    /// Border weight; none for a borderless layout table.
    pub border_pt: Option<f64>,
    /// Left and right cell padding.
    pub padding_mm: f64,
    /// Rows.
    pub rows: Vec<FRow>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct FRow {
    /// Cells, one per column.
    pub cells: Vec<FCell>,
    /// Repeat this row at the top of each page (header row).
    pub repeat_header: bool,
    /// Never split this row across pages.
    pub cant_split: bool,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct FCell {
    /// Paragraphs of the cell.
    pub paras: Vec<FPara>,
    /// Centre the content vertically (statistics tables); top otherwise.
    pub v_center: bool,
}

/// A block of the flow.
#[derive(Debug, Clone, PartialEq)]
pub enum FBlock {
    /// A paragraph.
    Para(FPara),
    /// A table.
    Table(FTable),
}

impl From<&TextStyle> for SpanStyle {
    fn from(t: &TextStyle) -> Self {
        SpanStyle { size_pt: t.size_pt, bold: t.bold, italic: t.italic, underline: t.underline }
    }
}

fn style(t: &TextStyle) -> SpanStyle {
    SpanStyle::from(t)
}

fn with(base: SpanStyle, e: Emphasis) -> SpanStyle {
    SpanStyle {
        bold: base.bold || e.bold,
        italic: base.italic || e.italic,
        underline: base.underline || e.underline,
        ..base
    }
}

fn cased(text: &str, case: Case) -> String {
    match case {
        Case::Keep => text.to_string(),
        Case::Upper => upper(text),
        Case::LowerFirst => lower_first(text),
        Case::UpperFirst => upper_first(text),
    }
}

fn para(role: Role, spans: Vec<Span>, mark: SpanStyle, p: &ParaStyle) -> FPara {
    FPara {
        role,
        spans,
        mark,
        align: p.align,
        first_line_mm: p.first_line_indent_mm,
        left_mm: 0.0,
        right_mm: 0.0,
        space_before_pt: p.space_before_pt,
        space_after_pt: p.space_after_pt,
        line: p.line_spacing,
        keep_next: false,
        page_break_before: false,
        rule_pt: None,
        anchor: None,
    }
}

fn simple(role: Role, text: &str, b: &BlockText) -> FPara {
    let s = style(&b.text);
    para(role, vec![Span { text: cased(text, b.text.case), style: s }], s, &b.para)
}

fn centered(line: LineSpacing) -> ParaStyle {
    ParaStyle {
        align: Align::Center,
        first_line_indent_mm: 0.0,
        space_before_pt: 0.0,
        space_after_pt: 0.0,
        line_spacing: line,
    }
}

/// An empty paragraph drawing a centred rule of `length_mm` inside a box `box_mm` wide.
fn rule(spec: &RuleSpec, text_width_mm: f64, box_mm: f64) -> FPara {
    let length = (text_width_mm * spec.length_fraction).min(box_mm);
    let side = ((box_mm - length) / 2.0).max(0.0);
    let mark = SpanStyle { size_pt: 1.0, bold: false, italic: false, underline: false };
    let mut p = para(Role::Rule, vec![], mark, &centered(LineSpacing::Exact(spec.gap_pt)));
    p.left_mm = side;
    p.right_mm = side;
    p.rule_pt = Some(spec.width_pt);
    p
}

fn width_mm(text: &str, s: &TextStyle) -> f64 {
    text.split('\n')
        .map(|line| pt_to_mm(text_width_pt(line, s.size_pt, s.bold, s.italic)))
        .fold(0.0, f64::max)
}

/// The computed year references of a report (see [`Period`]) and their values.
pub struct YearRefs {
    pairs: Vec<(&'static str, String)>,
}

/// The computed year references that text may contain.
pub const YEAR_REFS: [&str; 6] =
    ["[năm]", "[năm trước]", "[năm sau]", "[từ năm]", "[đến năm]", "[số năm]"];

impl YearRefs {
    /// The values for a report: from its date and, for the period references, its period.
    pub fn of(report: &Report) -> Self {
        use chrono::Datelike;
        let year = report.header.date.year();
        let mut pairs = vec![
            ("[năm]", year.to_string()),
            ("[năm trước]", (year - 1).to_string()),
            ("[năm sau]", (year + 1).to_string()),
        ];
        if let Some(p) = report.period {
            let span = (p.end_year - p.start_year).max(0) as u64;
            pairs.push(("[từ năm]", p.start_year.to_string()));
            pairs.push(("[đến năm]", p.end_year.to_string()));
            pairs.push(("[số năm]", if span < 10 { format!("0{span}") } else { span.to_string() }));
        }
        YearRefs { pairs }
    }

    /// Replaces the references in a text.
    pub fn apply(&self, text: &str) -> String {
        if !text.contains('[') {
            return text.to_string();
        }
        let mut out = text.to_string();
        for (k, v) in &self.pairs {
            out = out.replace(k, v);
        }
        out
    }

    fn apply_para(&self, p: &mut FPara) {
        for span in &mut p.spans {
            if span.text.contains('[') {
                span.text = self.apply(&span.text);
            }
        }
    }
}

/// One piece of a result text: literal text or a cited figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Text(String),
    /// `{name}`: a figure.
    Figure(String),
}

/// Splits a result text into literal pieces and `{name}` figures; `{{` and `}}` are braces.
pub fn parse_figures(text: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => name.push(c),
                        None => return Err("thiếu dấu «}» đóng tên số liệu".into()),
                    }
                }
                if name.trim().is_empty() {
                    return Err("tên số liệu trong «{}» bị trống".into());
                }
                if !lit.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut lit)));
                }
                out.push(Piece::Figure(name.trim().to_string()));
            }
            '}' => return Err("dấu «}» đứng một mình (viết «}}» nếu muốn in dấu ngoặc)".into()),
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Text(lit));
    }
    Ok(out)
}

/// Builds flows for one report with one profile.
pub struct FlowBuilder<'a> {
    report: &'a Report,
    p: &'a FormatProfile,
    blocks: Vec<FBlock>,
    refs: YearRefs,
}

/// Resolves a report into its flow under a profile; `now` stamps the document properties.
pub fn build(report: &Report, profile: &FormatProfile, now: DateTime<Utc>) -> Flow {
    let mut b = FlowBuilder { report, p: profile, blocks: Vec::new(), refs: YearRefs::of(report) };
    b.header_block();
    b.title_block();
    b.body();
    b.closing();
    b.annexes();
    let h = &report.header;
    let refs = YearRefs::of(report);
    for block in &mut b.blocks {
        match block {
            FBlock::Para(p) => refs.apply_para(p),
            FBlock::Table(t) => {
                for row in &mut t.rows {
                    for cell in &mut row.cells {
                        for p in &mut cell.paras {
                            refs.apply_para(p);
                        }
                    }
                }
            }
        }
    }
    let subject_line = refs.apply(&h.subject.split_whitespace().collect::<Vec<_>>().join(" "));
    Flow {
        props: DocProps {
            title: refs.apply(&format!(
                "{} {}",
                upper_first(&h.doc_type.to_lowercase()),
                subject_line
            )),
            author: h.issuing_body_full.clone(),
            subject: subject_line,
            language: profile.font.language.clone(),
            date: h.date,
            generated: now,
        },
        blocks: b.blocks,
    }
}

/// The profile's number rules as the text module takes them.
pub(crate) fn number_style(p: &FormatProfile) -> NumberStyle<'_> {
    NumberStyle {
        thousands: &p.numbers.thousands_separator,
        decimal: &p.numbers.decimal_separator,
        pad_counts: p.numbers.pad_counts_below_10,
    }
}

impl FlowBuilder<'_> {
    fn numbers(&self) -> NumberStyle<'_> {
        number_style(self.p)
    }

    fn date_style(&self) -> DateStyle<'_> {
        DateStyle {
            pad_day: self.p.dates.pad_day_below_10,
            padded_months: &self.p.dates.padded_months,
        }
    }

    /// The document code: "45-BC/BTGHU" (Party), "12/BC-UBND" (State).
    pub fn code(&self) -> String {
        let h = &self.report.header;
        let hp = &self.p.header;
        let number = match h.number {
            Some(n) if hp.pad_number_below_10 && n < 10 => format!("0{n}"),
            Some(n) => n.to_string(),
            None => hp.blank_number.clone(),
        };
        fill(
            &hp.code_format,
            &[("number", &number), ("type", &h.type_code), ("issuer", &h.issuer_code)],
        )
    }

    fn content_mm(&self) -> f64 {
        self.p.page.content_width_mm()
    }

    fn header_block(&mut self) {
        let h = &self.report.header;
        let hp = &self.p.header;
        let total = self.content_mm();
        let left_w = total * hp.left_width_percent / 100.0;
        let right_w = total - left_w;
        let cell_para = centered(hp.line_spacing);

        let mut left = Vec::new();
        if let Some(sup) = h.superior_body.as_deref().filter(|s| !s.trim().is_empty()) {
            let s = style(&hp.superior_body);
            let t = cased(sup, hp.superior_body.case);
            left.push(para(Role::SuperiorBody, vec![Span { text: t, style: s }], s, &cell_para));
        }
        let s = style(&hp.issuing_body);
        let issuer = cased(&h.issuing_body, hp.issuing_body.case);
        let issuer_w = width_mm(&issuer, &hp.issuing_body);
        left.push(para(Role::IssuingBody, vec![Span { text: issuer, style: s }], s, &cell_para));
        if let Some(mark) = &hp.issuer_mark {
            left.push(fixed(Role::IssuerMark, mark, &cell_para));
        }
        if let Some(r) = &hp.issuer_rule {
            left.push(rule(r, issuer_w, left_w));
        }

        let mut right = Vec::new();
        for line in &hp.national_lines {
            right.push(fixed(Role::National, line, &cell_para));
        }
        if let Some(last) = hp.national_lines.last() {
            let w = width_mm(&cased(&last.text, last.style.case), &last.style);
            right.push(rule(&hp.national_rule, w, right_w));
        }

        let mut row2 = cell_para.clone();
        row2.space_before_pt = hp.second_row_space_before_pt;
        let s = style(&hp.number_line);
        let number_line = fill(&hp.number_line_format, &[("code", &self.code())]);
        let number = para(Role::Number, vec![Span { text: number_line, style: s }], s, &row2);
        let (day, month, year) = date_parts(h.date, &self.date_style());
        let date_text = fill(
            &self.p.dates.header_format,
            &[("place", &h.place), ("day", &day), ("month", &month), ("year", &year)],
        );
        let s = style(&hp.date_line);
        let date = para(Role::DateLine, vec![Span { text: date_text, style: s }], s, &row2);

        self.blocks.push(FBlock::Table(FTable {
            widths_mm: vec![left_w, right_w],
            border_pt: None,
            padding_mm: 0.0,
            rows: vec![
                FRow {
                    cells: vec![
                        FCell { paras: left, v_center: false },
                        FCell { paras: right, v_center: false },
                    ],
                    repeat_header: false,
                    cant_split: true,
                },
                FRow {
                    cells: vec![
                        FCell { paras: vec![number], v_center: false },
                        FCell { paras: vec![date], v_center: false },
                    ],
                    repeat_header: false,
                    cant_split: true,
                },
            ],
        }));
    }

    fn title_block(&mut self) {
        let h = &self.report.header;
        let mut t = simple(Role::DocType, &h.doc_type, &self.p.doc_type);
        t.keep_next = true;
        t.anchor = Some("header".into());
        self.blocks.push(FBlock::Para(t));
        let sp = &self.p.subject;
        let lines: Vec<String> = h.subject.split('\n').map(|l| l.trim().to_string()).collect();
        let mut subject = simple(Role::Subject, &self.refs.apply(&lines.join("\n")), &sp.style);
        subject.keep_next = true;
        let subject_w = width_mm(&subject.text(), &sp.style.text);
        self.blocks.push(FBlock::Para(subject));
        if let Some(sep) = &sp.separator_text {
            let s = style(&self.p.body.text);
            let mut p = para(
                Role::Separator,
                vec![Span { text: sep.clone(), style: s }],
                s,
                &centered(sp.style.para.line_spacing),
            );
            p.space_after_pt = sp.separator_space_after_pt;
            self.blocks.push(FBlock::Para(p));
        }
        if let Some(r) = &sp.separator_rule {
            let mut p = rule(r, subject_w, self.content_mm());
            p.space_after_pt = sp.separator_space_after_pt;
            self.blocks.push(FBlock::Para(p));
        }
    }

    fn body_style(&self) -> SpanStyle {
        style(&self.p.body.text)
    }

    fn body_para(&self, role: Role, spans: Vec<Span>) -> FPara {
        para(role, spans, self.body_style(), &self.p.body.para)
    }

    fn plain(&self, text: &str) -> Span {
        Span { text: text.to_string(), style: self.body_style() }
    }

    fn push(&mut self, p: FPara) {
        self.blocks.push(FBlock::Para(p));
    }

    fn heading(&mut self, role: Role, h: &Heading, number: &str, title: &str, anchor: String) {
        let s = style(&h.text);
        // Year references first: capitals would turn "[năm sau]" into "[NĂM SAU]".
        let text =
            format!("{number}{} {}", h.suffix, cased(&self.refs.apply(title.trim()), h.text.case));
        let mut p = para(role, vec![Span { text, style: s }], s, &h.para);
        p.keep_next = self.p.headings.keep_with_next;
        p.anchor = Some(anchor);
        self.push(p);
    }

    /// Marks the next paragraph pushed from `from` on as the start of `anchor`.
    fn anchor_from(&mut self, from: usize, anchor: String) {
        if let Some(FBlock::Para(p)) = self.blocks.get_mut(from) {
            if p.anchor.is_none() {
                p.anchor = Some(anchor);
            }
        }
    }

    fn body(&mut self) {
        let body = &self.report.body;
        let at = self.blocks.len();
        for b in &body.opening {
            self.block(b, None);
        }
        self.anchor_from(at, "body.opening".into());
        let mut phan_no = 0;
        let mut part_no = 0;
        for (di, d) in body.content.iter().enumerate() {
            let path = format!("body.content[{di}]");
            match d {
                Division::Phan(ph) => {
                    phan_no += 1;
                    let hs = &self.p.headings;
                    let marker =
                        fill(&hs.phan_marker_format, &[("ordinal", &phan_ordinal(phan_no))]);
                    let mut m = simple(Role::PhanMarker, &marker, &hs.phan_marker);
                    m.keep_next = hs.keep_with_next;
                    let title = self.refs.apply(ph.title.trim());
                    let mut t = simple(Role::PhanTitle, &title, &hs.phan_title);
                    t.keep_next = hs.keep_with_next;
                    m.anchor = Some(path.clone());
                    self.push(m);
                    self.push(t);
                    for b in &ph.blocks {
                        self.block(b, None);
                    }
                    for (i, part) in ph.parts.iter().enumerate() {
                        self.part(i + 1, part, format!("{path}.parts[{i}]"));
                    }
                }
                Division::Part(part) => {
                    part_no += 1;
                    self.part(part_no, part, path);
                }
            }
        }
    }

    fn part(&mut self, n: usize, part: &Part, path: String) {
        let p = self.p;
        self.heading(Role::Part, &p.headings.part, &roman(n), &part.title, path.clone());
        for b in &part.blocks {
            self.block(b, None);
        }
        for (i, s) in part.sections.iter().enumerate() {
            let h = &self.p.headings.section;
            let sp = format!("{path}.sections[{i}]");
            self.heading(Role::Section, h, &(i + 1).to_string(), &s.title, sp.clone());
            for b in &s.blocks {
                self.block(b, None);
            }
            for (j, pt) in s.points.iter().enumerate() {
                let letter = viet_letter(j + 1);
                let pp = format!("{sp}.points[{j}]");
                let at = self.blocks.len();
                match pt.title.as_deref().filter(|t| !t.trim().is_empty()) {
                    Some(title) => {
                        let h = &self.p.headings.point;
                        self.heading(Role::Point, h, &letter, title, pp.clone());
                        for b in &pt.blocks {
                            self.block(b, None);
                        }
                    }
                    None => {
                        let opener = format!("{letter}{} ", self.p.headings.point.suffix);
                        let mut blocks = pt.blocks.iter();
                        match blocks.next() {
                            Some(first) => self.block(first, Some(opener)),
                            None => {
                                let p = self.body_para(Role::Body, vec![self.plain(opener.trim())]);
                                self.push(p);
                            }
                        }
                        for b in blocks {
                            self.block(b, None);
                        }
                    }
                }
                self.anchor_from(at, pp);
            }
        }
    }

    /// Emits a block; `opener` ("a) ") prefixes its first paragraph.
    fn block(&mut self, block: &Block, opener: Option<String>) {
        let mut opener = opener.map(|o| {
            let s = with(self.body_style(), self.p.headings.point_opener);
            Span { text: o, style: s }
        });
        let mut first = |spans: Vec<Span>| -> Vec<Span> {
            match opener.take() {
                Some(o) => std::iter::once(o).chain(spans).collect(),
                None => spans,
            }
        };
        let rules = &self.p.blocks;
        match block {
            Block::Paragraph(p) => {
                let spans = first(vec![self.plain(&p.text)]);
                let p = self.body_para(Role::Body, spans);
                self.push(p);
            }
            Block::Lines(l) => {
                let marker = self.marker(l.marker);
                for item in &l.items {
                    let spans = first(vec![self.plain(&format!("{marker}{item}"))]);
                    let p = self.body_para(Role::Body, spans);
                    self.push(p);
                }
            }
            Block::Results(r) => {
                if let Some(intro) = &r.intro {
                    let spans = first(vec![self.plain(intro)]);
                    let p = self.body_para(Role::Body, spans);
                    self.push(p);
                }
                let marker = self.marker(r.marker);
                for item in &r.items {
                    let text = format!("{marker}{}", self.result_text(item));
                    let spans = first(vec![self.plain(&text)]);
                    let p = self.body_para(Role::Body, spans);
                    self.push(p);
                }
            }
            Block::Shortcomings(s) => {
                if let Some(intro) = &s.intro {
                    let spans = first(vec![self.plain(intro)]);
                    let p = self.body_para(Role::Body, spans);
                    self.push(p);
                }
                for item in &s.items {
                    let spans = first(vec![self.plain(&format!("{}{item}", rules.dash_marker))]);
                    let p = self.body_para(Role::Body, spans);
                    self.push(p);
                }
            }
            Block::Causes(c) => {
                if let Some(intro) = &c.intro {
                    let spans = first(vec![self.plain(intro)]);
                    let p = self.body_para(Role::Body, spans);
                    self.push(p);
                }
                for (label, items) in [
                    (&rules.objective_label, &c.objective),
                    (&rules.subjective_label, &c.subjective),
                ] {
                    if items.is_empty() {
                        continue;
                    }
                    let s = with(self.body_style(), rules.cause_label);
                    let spans = first(vec![Span { text: label.clone(), style: s }]);
                    let mut p = self.body_para(Role::Body, spans);
                    p.keep_next = true;
                    self.push(p);
                    for item in items {
                        let p = self.body_para(
                            Role::Body,
                            vec![self.plain(&format!("{}{item}", rules.dash_marker))],
                        );
                        self.push(p);
                    }
                }
            }
            Block::Lessons(l) => {
                if let Some(intro) = &l.intro {
                    let spans = first(vec![self.plain(intro)]);
                    let p = self.body_para(Role::Body, spans);
                    self.push(p);
                }
                for (i, item) in l.items.iter().enumerate() {
                    let word = match l.ordinals {
                        OrdinalSet::MotLa => mot_la(i + 1),
                        OrdinalSet::ThuNhat => thu_nhat(i + 1),
                    };
                    let s = with(self.body_style(), rules.ordinal);
                    let spans = first(vec![
                        Span { text: word, style: s },
                        self.plain(&format!("{}{}", rules.ordinal_separator, item.trim())),
                    ]);
                    let p = self.body_para(Role::Lesson, spans);
                    self.push(p);
                }
            }
            Block::SolutionGroups(g) => {
                let count = format_count(g.groups.len() as u64, &self.numbers());
                let lead = g.lead.replace("{count}", &count);
                let spans = first(vec![self.plain(&lead)]);
                let mut p = self.body_para(Role::Body, spans);
                p.keep_next = true;
                self.push(p);
                for (i, group) in g.groups.iter().enumerate() {
                    let n = i + 1;
                    let number = match g.numbering {
                        GroupNumbering::Parenthesized => {
                            format!(
                                "{} ",
                                fill(&rules.parenthesized_format, &[("n", &n.to_string())])
                            )
                        }
                        GroupNumbering::MotLa => {
                            format!("{}{}", mot_la(n), rules.ordinal_separator)
                        }
                        GroupNumbering::ThuNhat => {
                            format!("{}{}", thu_nhat(n), rules.ordinal_separator)
                        }
                    };
                    let s = with(self.body_style(), rules.solution_title);
                    let p = self.body_para(
                        Role::SolutionGroup,
                        vec![Span { text: format!("{number}{}", group.title.trim()), style: s }],
                    );
                    self.push(p);
                    for item in &group.items {
                        let p = self.body_para(
                            Role::Body,
                            vec![self.plain(&format!("{}{item}", rules.dash_marker))],
                        );
                        self.push(p);
                    }
                }
            }
            Block::Proposals(pr) => {
                if let Some(intro) = &pr.intro {
                    let spans = first(vec![self.plain(intro)]);
                    let p = self.body_para(Role::Body, spans);
                    self.push(p);
                }
                let (before, after) = rules
                    .proposal_format
                    .split_once("{text}")
                    .unwrap_or((&rules.proposal_format, ""));
                for item in &pr.items {
                    let lead = fill(before, &[("addressee", item.addressee.trim())]);
                    let lead_trimmed = lead.trim_end();
                    let gap = &lead[lead_trimmed.len()..];
                    let s = with(self.body_style(), rules.proposal_addressee);
                    let spans = first(vec![
                        self.plain(&rules.dash_marker),
                        Span { text: lead_trimmed.to_string(), style: s },
                        self.plain(&format!("{gap}{}{after}", item.text.trim())),
                    ]);
                    let p = self.body_para(Role::Body, spans);
                    self.push(p);
                }
            }
            Block::Table(t) => {
                let spans = first(vec![]);
                if !spans.is_empty() {
                    let p = self.body_para(Role::Body, spans);
                    self.push(p);
                }
                self.table(t);
            }
        }
    }

    fn marker(&self, m: Marker) -> String {
        match m {
            Marker::Dash => self.p.blocks.dash_marker.clone(),
            Marker::Plus => self.p.blocks.plus_marker.clone(),
        }
    }

    /// A result's text with its figures written out ("05", "1.234", "98,5%").
    fn result_text(&self, item: &ResultItem) -> String {
        let pieces = match parse_figures(&item.text) {
            Ok(p) => p,
            Err(_) => return item.text.clone(),
        };
        pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(t) => t.clone(),
                Piece::Figure(name) => match item.figures.get(name) {
                    Some(f) => self.figure(f),
                    None => self.p.numbers.missing_figure.clone(),
                },
            })
            .collect()
    }

    /// A figure as written.
    pub fn figure(&self, f: &Figure) -> String {
        let Some(v) = f.value else { return self.p.numbers.missing_figure.clone() };
        let n = self.numbers();
        match f.kind {
            FigureKind::Count if v >= 0.0 && v.fract() == 0.0 => format_count(v as u64, &n),
            FigureKind::Percent => {
                format!("{}%", format_number(v, self.p.numbers.max_decimals, &n))
            }
            _ => format_number(v, self.p.numbers.max_decimals, &n),
        }
    }

    fn table(&mut self, t: &StatTable) {
        let tp = &self.p.table;
        if let Some(title) = &t.title {
            let mut p = simple(Role::TableCaption, &self.refs.apply(title), &tp.caption);
            p.keep_next = true;
            self.push(p);
        }
        if let Some(unit) = &t.unit {
            let mut p = simple(Role::TableCaption, &self.refs.apply(unit), &tp.unit);
            p.keep_next = true;
            self.push(p);
        }
        // Widths sized by content, the text shrunk if the page is too narrow (tablefit).
        let fit = crate::tablefit::fit(t, self.p, self.content_mm());
        let widths_mm = fit.widths_mm;

        let cell_para = ParaStyle {
            align: Align::Left,
            first_line_indent_mm: 0.0,
            space_before_pt: tp.cell_space_pt,
            space_after_pt: tp.cell_space_pt,
            line_spacing: tp.line_spacing,
        };
        let p = self.p;
        let rows: Vec<FRow> = crate::tablefit::grid(t, p)
            .into_iter()
            .enumerate()
            .map(|(i, row)| FRow {
                cells: row
                    .into_iter()
                    .map(|c| {
                        let s = style(&crate::tablefit::role_style(p, c.role, fit.scale));
                        let spans = vec![Span { text: c.text, style: s }];
                        let mut cp = para(Role::TableCell, spans, s, &cell_para);
                        cp.align = c.align;
                        // The header row goes with the first row below it (keep-with-next on
                        // its paragraphs, as Word expresses it), never alone at a page foot.
                        cp.keep_next = i == 0;
                        FCell { paras: vec![cp], v_center: true }
                    })
                    .collect(),
                repeat_header: i == 0,
                cant_split: true,
            })
            .collect();
        self.blocks.push(FBlock::Table(FTable {
            widths_mm,
            border_pt: Some(tp.border_pt),
            padding_mm: tp.cell_padding_mm,
            rows,
        }));
    }

    fn closing(&mut self) {
        let c = &self.report.closing;
        let cp = &self.p.closing;
        let mut sentence = c.sentence.trim().to_string();
        if !cp.end_mark.is_empty() && !sentence.ends_with(&cp.end_mark) {
            sentence.push_str(&cp.end_mark);
        }
        let mut p = self.body_para(Role::ClosingSentence, vec![self.plain(&sentence)]);
        p.keep_next = true;
        p.anchor = Some("closing".into());
        self.push(p);

        let total = self.content_mm();
        let left_w = total * cp.left_width_percent / 100.0;
        let cell = centered(cp.line_spacing);
        let mut left_para = cell.clone();
        left_para.align = Align::Left;

        let mut right = Vec::new();
        if let Some(a) = &c.authority {
            let prefix = match a.kind {
                AuthorityKind::Tm => cp.tm_prefix.clone(),
                AuthorityKind::Kt => cp.kt_prefix.clone(),
                AuthorityKind::Tl => cp.tl_prefix.clone(),
                AuthorityKind::Q => cp.q_prefix.clone(),
                AuthorityKind::Tuq => cp.tuq_prefix.clone().unwrap_or_default(),
            };
            let text = cased(&format!("{prefix} {}", a.of.trim()), cp.authority.case);
            let s = style(&cp.authority);
            right.push(para(Role::Authority, vec![Span { text, style: s }], s, &cell));
        }
        let mut ts = style(&cp.title);
        if c.authority.is_none() && cp.title_alone_bold {
            ts.bold = true;
        }
        let title = cased(c.signer_title.trim(), cp.title.case);
        right.push(para(Role::SignerTitle, vec![Span { text: title, style: ts }], ts, &cell));
        let ns = style(&cp.name);
        for _ in 0..cp.signature_blank_lines {
            right.push(para(Role::SignatureSpace, vec![], ns, &cell));
        }
        let name = cased(c.signer_name.trim(), cp.name.case);
        right.push(para(Role::SignerName, vec![Span { text: name, style: ns }], ns, &cell));

        let mut left = Vec::new();
        let ls = style(&cp.recipients_label_style);
        let colon_style =
            if cp.colon_underlined { ls } else { SpanStyle { underline: false, ..ls } };
        left.push(para(
            Role::RecipientsLabel,
            vec![
                Span { text: cp.recipients_label.clone(), style: ls },
                Span { text: ":".into(), style: colon_style },
            ],
            ls,
            &left_para,
        ));
        let rs = style(&cp.recipient);
        for r in &c.recipients {
            let text = format!("{}{}{}", cp.recipient_prefix, r.trim(), cp.recipient_end);
            left.push(para(Role::Recipient, vec![Span { text, style: rs }], rs, &left_para));
        }
        let archive = format!(
            "{}{}",
            cp.recipient_prefix,
            fill(&cp.archive_format, &[("archive", c.archive.trim())])
        );
        left.push(para(Role::Recipient, vec![Span { text: archive, style: rs }], rs, &left_para));

        // Space between the sentence and the block goes on the first line of each cell.
        for cell in [&mut left, &mut right] {
            if let Some(first) = cell.first_mut() {
                first.space_before_pt = cp.space_before_pt;
            }
        }
        for p in left.iter_mut().chain(right.iter_mut()) {
            p.keep_next = true;
        }
        self.blocks.push(FBlock::Table(FTable {
            widths_mm: vec![left_w, total - left_w],
            border_pt: None,
            padding_mm: 0.0,
            rows: vec![FRow {
                cells: vec![
                    FCell { paras: left, v_center: false },
                    FCell { paras: right, v_center: false },
                ],
                repeat_header: false,
                cant_split: true,
            }],
        }));
    }

    fn annexes(&mut self) {
        let ap = &self.p.annex;
        let many = self.report.annexes.len() > 1;
        let h = &self.report.header;
        let (day, month, year) = date_parts(h.date, &self.date_style());
        let date = fill(
            &self.p.dates.citation_format,
            &[("day", &day), ("month", &month), ("year", &year)],
        );
        let doc_type = upper_first(&h.doc_type.to_lowercase());
        let reference = fill(
            &ap.reference_format,
            &[
                ("doc_type", &doc_type),
                ("code", &self.code()),
                ("date", &date),
                ("issuer", h.issuing_body_full.trim()),
            ],
        );
        for (i, annex) in self.report.annexes.iter().enumerate() {
            let label = if many {
                fill(&ap.numbered_label_format, &[("n", &(i + 1).to_string())])
            } else {
                ap.label.clone()
            };
            let mut l = simple(Role::AnnexLabel, &label, &ap.label_style);
            l.page_break_before = ap.new_page;
            l.anchor = Some(format!("annexes[{i}]"));
            l.keep_next = true;
            let title = self.refs.apply(annex.title.trim());
            let mut t = simple(Role::AnnexTitle, &title, &ap.title_style);
            t.keep_next = true;
            let mut r = simple(Role::AnnexReference, &reference, &ap.reference_style);
            r.keep_next = true;
            self.push(l);
            self.push(t);
            self.push(r);
            for b in &annex.blocks {
                self.block(b, None);
            }
        }
    }
}

fn fixed(role: Role, line: &FixedLine, p: &ParaStyle) -> FPara {
    let s = style(&line.style);
    para(role, vec![Span { text: cased(&line.text, line.style.case), style: s }], s, p)
}

/// A table cell after computing row sums.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// Empty.
    Empty,
}

/// The table's cells with row sums computed (computed columns ignore what was typed).
pub fn resolve_table(t: &StatTable) -> Vec<Vec<Resolved>> {
    t.rows
        .iter()
        .map(|row| {
            let mut out: Vec<Resolved> = t
                .columns
                .iter()
                .enumerate()
                .map(|(c, col)| match (col.kind, row.get(c)) {
                    (ColumnKind::RowSum, _) => Resolved::Empty,
                    (_, Some(Cell::Number(v))) => Resolved::Number(*v),
                    (_, Some(Cell::Text(s))) if !s.trim().is_empty() => Resolved::Text(s.clone()),
                    _ => Resolved::Empty,
                })
                .collect();
            for (c, col) in t.columns.iter().enumerate() {
                if col.kind == ColumnKind::RowSum {
                    let nums: Vec<f64> = col
                        .sum_of
                        .iter()
                        .filter_map(|&i| match out.get(i) {
                            Some(Resolved::Number(v)) => Some(*v),
                            _ => None,
                        })
                        .collect();
                    if !nums.is_empty() {
                        out[c] = Resolved::Number(nums.iter().sum());
                    }
                }
            }
            out
        })
        .collect()
}

/// Sums of each numeric or row-sum column (none for text columns or all-empty columns).
pub fn column_totals(t: &StatTable, values: &[Vec<Resolved>]) -> Vec<Option<f64>> {
    t.columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            if col.kind == ColumnKind::Text {
                return None;
            }
            let nums: Vec<f64> = values
                .iter()
                .filter_map(|r| match r.get(c) {
                    Some(Resolved::Number(v)) => Some(*v),
                    _ => None,
                })
                .collect();
            (!nums.is_empty()).then(|| nums.iter().sum())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_parsed() {
        assert_eq!(
            parse_figures("Tổ chức {hn} hội nghị {{x}}").expect("parses"),
            vec![
                Piece::Text("Tổ chức ".into()),
                Piece::Figure("hn".into()),
                Piece::Text(" hội nghị {x}".into())
            ]
        );
        assert!(parse_figures("a {b").is_err());
        assert!(parse_figures("a } b").is_err());
        assert!(parse_figures("a {} b").is_err());
    }
}
