//! The flow builder: walks the report in reading order and emits styled paragraphs and tables.
//! This file holds the entry point and the paragraph helpers shared by the parts of the document
//! (`header.rs`, `body.rs`, `closing.rs`).

use chrono::{DateTime, Utc};

use crate::metrics::text_width_pt;
use crate::model::Report;
use crate::profile::{
    Align, BlockText, Case, Emphasis, FixedLine, FormatProfile, Heading, LineSpacing, ParaStyle,
    RuleSpec, TextStyle,
};
use crate::text::{fill, lower_first, upper, upper_first, DateStyle, NumberStyle};
use crate::units::pt_to_mm;

use super::figures::{number_style, YearRefs};
use super::types::{DocProps, FBlock, FNote, FPara, Flow, Role, Span, SpanStyle};

/// Builds flows for one report with one profile.
pub struct FlowBuilder<'a> {
    pub(super) report: &'a Report,
    pub(super) p: &'a FormatProfile,
    pub(super) blocks: Vec<FBlock>,
    pub(super) refs: YearRefs,
    /// The report path of the item whose paragraph is pushed next (the preview follows it).
    pub(super) item_anchor: Option<String>,
    /// The footnotes referred to so far, numbered in the order met.
    pub(super) notes: std::cell::RefCell<Vec<(String, FNote)>>,
}

/// Resolves a report into its flow under a profile; `now` stamps the document properties.
pub fn build(report: &Report, profile: &FormatProfile, now: DateTime<Utc>) -> Flow {
    let mut b = FlowBuilder {
        report,
        p: profile,
        blocks: Vec::new(),
        refs: YearRefs::of(report),
        item_anchor: None,
        notes: std::cell::RefCell::new(Vec::new()),
    };
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
    let mut notes: Vec<FNote> = b.notes.take().into_iter().map(|(_, n)| n).collect();
    for n in &mut notes {
        refs.apply_para(&mut n.para);
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
        notes,
    }
}

impl FlowBuilder<'_> {
    /// The profile's number style.
    pub(super) fn numbers(&self) -> NumberStyle<'_> {
        number_style(self.p)
    }

    /// The profile's date padding rules.
    pub(super) fn date_style(&self) -> DateStyle<'_> {
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
        let format = match &self.p.letter {
            Some(l) if h.type_code.trim().is_empty() => &l.code_format,
            _ => &hp.code_format,
        };
        fill(format, &[("number", &number), ("type", &h.type_code), ("issuer", &h.issuer_code)])
    }

    /// Width of the text area.
    pub(super) fn content_mm(&self) -> f64 {
        self.p.page.content_width_mm()
    }

    /// Character style of body text.
    pub(super) fn body_style(&self) -> SpanStyle {
        style(&self.p.body.text)
    }

    /// A body paragraph of these spans.
    pub(super) fn body_para(&self, role: Role, spans: Vec<Span>) -> FPara {
        para(role, spans, self.body_style(), &self.p.body.para)
    }

    /// A span of body text.
    pub(super) fn plain(&self, text: &str) -> Span {
        Span { text: text.to_string(), style: self.body_style(), note: None }
    }

    /// Body text with its inline emphasis (`**đậm**`, `_nghiêng_`), after `prefix` (a list
    /// marker, printed as is).
    pub(super) fn rich(&self, prefix: &str, text: &str) -> Vec<Span> {
        let base = self.body_style();
        let mut out: Vec<Span> = Vec::new();
        if !prefix.is_empty() {
            out.push(Span { text: prefix.to_string(), style: base, note: None });
        }
        for m in crate::text::inline_marks(text) {
            let style = with(base, Emphasis { bold: m.bold, italic: m.italic, underline: false });
            for span in self.noted(&m.text, style) {
                match out.last_mut() {
                    Some(last)
                        if last.style == span.style
                            && last.note.is_none()
                            && span.note.is_none() =>
                    {
                        last.text.push_str(&span.text)
                    }
                    _ => out.push(span),
                }
            }
        }
        out
    }

    /// Text in one style, its footnote markers (`[^id]`) made references: the first marker of
    /// a note that the report holds becomes its number (the note is numbered then); any other
    /// marker is printed as typed (the checks name it).
    pub(super) fn noted(&self, text: &str, style: SpanStyle) -> Vec<Span> {
        use crate::text::NotePiece;
        let mut out = Vec::new();
        for piece in crate::text::note_pieces(text) {
            let span = match piece {
                NotePiece::Text(t) => Span { text: t.to_string(), style, note: None },
                NotePiece::Ref(id) => match self.note_number(id) {
                    Some(n) => Span { text: n.to_string(), style, note: Some(n) },
                    None => Span { text: format!("[^{id}]"), style, note: None },
                },
            };
            match out.last_mut() {
                Some(Span { text, note: None, .. }) if span.note.is_none() => {
                    text.push_str(&span.text)
                }
                _ => out.push(span),
            }
        }
        out
    }

    /// The number of the note `id` at its first reference (the note is made then); none when
    /// the report has no such note or it was referred to already.
    fn note_number(&self, id: &str) -> Option<u32> {
        let same = |a: &str| a.trim().to_lowercase() == id.to_lowercase();
        let mut notes = self.notes.borrow_mut();
        if notes.iter().any(|(seen, _)| same(seen)) {
            return None;
        }
        let note = self.report.footnotes.iter().find(|f| same(&f.id))?;
        let n = notes.len() as u32 + 1;
        let para = self.note_para(n, &note.text);
        notes.push((note.id.clone(), FNote { number: n, para }));
        Some(n)
    }

    /// A footnote's paragraph: its number (raised), a space, its text with inline emphasis.
    fn note_para(&self, n: u32, text: &str) -> FPara {
        let f = self.p.footnote_format();
        let base = style(&f.note.text);
        let mut spans = vec![
            Span { text: n.to_string(), style: base, note: Some(n) },
            Span { text: " ".into(), style: base, note: None },
        ];
        for m in crate::text::inline_marks(text.trim()) {
            let s = with(base, Emphasis { bold: m.bold, italic: m.italic, underline: false });
            match spans.last_mut() {
                Some(last) if last.style == s && last.note.is_none() => last.text.push_str(&m.text),
                _ => spans.push(Span { text: m.text, style: s, note: None }),
            }
        }
        para(Role::Footnote, spans, base, &f.note.para)
    }

    /// Appends a paragraph to the flow.
    pub(super) fn push(&mut self, mut p: FPara) {
        if let Some(a) = self.item_anchor.take() {
            p.anchor.get_or_insert(a);
        }
        self.blocks.push(FBlock::Para(p));
    }

    /// A numbered heading ("I. TITLE") anchored at its report path.
    pub(super) fn heading(
        &mut self,
        role: Role,
        h: &Heading,
        number: &str,
        title: &str,
        anchor: String,
    ) {
        let s = style(&h.text);
        let (number, title) = heading_parts(h, number, title, &self.refs);
        let text = format!("{number} {title}");
        let mut p = para(role, self.noted(&text, s), s, &h.para);
        p.keep_next = self.p.headings.keep_with_next;
        p.anchor = Some(anchor);
        self.push(p);
    }

    /// Marks the next paragraph pushed from `from` on as the start of `anchor`.
    pub(super) fn anchor_from(&mut self, from: usize, anchor: String) {
        if let Some(FBlock::Para(p)) = self.blocks.get_mut(from) {
            if p.anchor.is_none() {
                p.anchor = Some(anchor);
            }
        }
    }
}

/// A numbered heading's number with its suffix ("I.", "1.", "a)") and its title as printed:
/// year references replaced, then the profile's letter case (capitals would turn "[năm sau]"
/// into "[NĂM SAU]"). The document prints them joined by a space.
pub(crate) fn heading_parts(
    h: &Heading,
    number: &str,
    title: &str,
    refs: &YearRefs,
) -> (String, String) {
    (format!("{number}{}", h.suffix), cased(&refs.apply(title.trim()), h.text.case))
}

/// A span style from a profile text style.
pub(super) fn style(t: &TextStyle) -> SpanStyle {
    SpanStyle::from(t)
}

/// A span style with an emphasis added.
pub(super) fn with(base: SpanStyle, e: Emphasis) -> SpanStyle {
    SpanStyle {
        bold: base.bold || e.bold,
        italic: base.italic || e.italic,
        underline: base.underline || e.underline,
        ..base
    }
}

/// The text in the profile's letter case.
pub(crate) fn cased(text: &str, case: Case) -> String {
    match case {
        Case::Keep => text.to_string(),
        Case::Upper => upper(text),
        Case::LowerFirst => lower_first(text),
        Case::UpperFirst => upper_first(text),
    }
}

/// A paragraph of these spans with a profile paragraph style.
pub(super) fn para(role: Role, spans: Vec<Span>, mark: SpanStyle, p: &ParaStyle) -> FPara {
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
        pin_bottom_mm: None,
    }
}

/// A one-span paragraph styled and cased by a profile block style.
pub(super) fn simple(role: Role, text: &str, b: &BlockText) -> FPara {
    let s = style(&b.text);
    para(role, vec![Span { text: cased(text, b.text.case), style: s, note: None }], s, &b.para)
}

/// A centred paragraph style without indent or spacing.
pub(super) fn centered(line: LineSpacing) -> ParaStyle {
    ParaStyle {
        align: Align::Center,
        first_line_indent_mm: 0.0,
        space_before_pt: 0.0,
        space_after_pt: 0.0,
        line_spacing: line,
    }
}

/// An empty paragraph drawing a centred rule of `length_mm` inside a box `box_mm` wide.
pub(super) fn rule(spec: &RuleSpec, text_width_mm: f64, box_mm: f64) -> FPara {
    let length = (text_width_mm * spec.length_fraction).min(box_mm);
    let side = ((box_mm - length) / 2.0).max(0.0);
    let mark = SpanStyle { size_pt: 1.0, bold: false, italic: false, underline: false };
    let mut p = para(Role::Rule, vec![], mark, &centered(LineSpacing::Exact(spec.gap_pt)));
    p.left_mm = side;
    p.right_mm = side;
    p.rule_pt = Some(spec.width_pt);
    p
}

/// Width of the longest line of a text, measured with the bundled font.
pub(super) fn width_mm(text: &str, s: &TextStyle) -> f64 {
    text.split('\n')
        .map(|line| pt_to_mm(text_width_pt(line, s.size_pt, s.bold, s.italic)))
        .fold(0.0, f64::max)
}

/// A paragraph of a fixed profile line (national heading, "*").
pub(super) fn fixed(role: Role, line: &FixedLine, p: &ParaStyle) -> FPara {
    let s = style(&line.style);
    para(role, vec![Span { text: cased(&line.text, line.style.case), style: s, note: None }], s, p)
}
