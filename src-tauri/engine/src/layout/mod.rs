//! Page layout: breaks the [`Flow`] into lines and pages with the bundled font's real metrics,
//! following the rules Word and LibreOffice apply to the same paragraph settings: greedy line
//! breaking at spaces, justification by widening spaces, first-line indents, exact or multiple
//! line spacing, space before/after, keep-with-next, widow/orphan control, tables that break
//! between rows and repeat their header rows, rows that do not split, page breaks before,
//! and the page number in the header (hidden on page 1).
//!
//! The result is plain data ([`Layout`]: pages of positioned text runs and rules) that the PDF and
//! SVG writers draw and that tests inspect.

use crate::diagnostic::{codes, Diagnostic};
use crate::flow::{DocProps, FBlock, FPara, Flow, Role, SpanStyle};
use crate::metrics::{missing_glyphs, text_width_pt, vertical_em};
use crate::profile::{Align, FormatProfile};
use crate::text::describe_char;
use crate::units::mm_to_pt;
use lines::lay_para;
use pager::{LBlock, Notes, Pager};
use table::lay_table;

mod incremental;
mod lines;
mod pager;
mod table;

pub use incremental::{Incremental, Update};
pub use table::row_heights_twips;

/// Laid-out pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Page width in points.
    pub width_pt: f64,
    /// Page height in points.
    pub height_pt: f64,
    /// The content box: left, top, right, bottom in points from the top-left corner.
    pub content: [f64; 4],
    /// The pages.
    pub pages: Vec<Page>,
    /// Non-blocking problems found while laying out (characters the font lacks).
    pub warnings: Vec<Diagnostic>,
    /// The document's properties (title, author, dates, language), for the writers.
    pub props: DocProps,
}

/// One page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// What is drawn, in reading order.
    pub items: Vec<Item>,
    /// Parts of the report that start on this page (flow anchors such as "body.content[0]").
    pub anchors: Vec<String>,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text on one baseline in one style.
    Text(TextRun),
    /// A straight line (rules, underlines, table borders).
    Line(Rule),
}

/// Text in one style on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge, points from the page's left edge.
    pub x: f64,
    /// Baseline, points from the page's top edge.
    pub y: f64,
    /// The text (spaces included).
    pub text: String,
    /// Style.
    pub style: SpanStyle,
    /// Extra width added to each space (justification).
    pub word_spacing: f64,
    /// Width as drawn, extra spacing included.
    pub width: f64,
    /// What the paragraph is (for tests and previews).
    pub role: Role,
}

/// A straight line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Start x.
    pub x1: f64,
    /// Start y (from the top).
    pub y1: f64,
    /// End x.
    pub x2: f64,
    /// End y.
    pub y2: f64,
    /// Line weight.
    pub width: f64,
}

impl Page {
    /// The page's text in reading order, one line per baseline.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut last: Option<(f64, f64)> = None; // baseline, right edge
        for item in &self.items {
            if let Item::Text(t) = item {
                match last {
                    Some((y, _)) if (y - t.y).abs() > 0.01 => out.push('\n'),
                    Some((_, right)) if t.x > right + 1.0 => out.push(' '),
                    _ => {}
                }
                out.push_str(&t.text);
                last = Some((t.y, t.x + t.width));
            }
        }
        out
    }
}

/// The page and its content box in points, from the profile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Geometry {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Geometry {
    pub fn of(profile: &FormatProfile) -> Self {
        let pg = &profile.page;
        let width = mm_to_pt(pg.width_mm);
        let height = mm_to_pt(pg.height_mm);
        Geometry {
            width,
            height,
            left: mm_to_pt(pg.margin_left_mm),
            right: width - mm_to_pt(pg.margin_right_mm),
            top: mm_to_pt(pg.margin_top_mm),
            bottom: height - mm_to_pt(pg.margin_bottom_mm),
        }
    }

    fn content_width(&self) -> f64 {
        self.right - self.left
    }
}

/// Breaks one block of the flow into lines (a paragraph) or rows of lines (a table).
fn lay_block(b: &FBlock, geo: &Geometry) -> LBlock {
    match b {
        FBlock::Para(p) => LBlock::Para(lay_para(p, geo.content_width())),
        FBlock::Table(t) => LBlock::Table(lay_table(t, geo.left)),
    }
}

/// The flow's footnotes laid out across the text width, with the rule above them.
fn lay_notes(flow: &Flow, profile: &FormatProfile, geo: &Geometry) -> Notes {
    if flow.notes.is_empty() {
        return Notes::default();
    }
    let sep = profile.footnote_format().separator;
    Notes {
        paras: flow.notes.iter().map(|n| lay_para(&n.para, geo.content_width())).collect(),
        gap: sep.gap_pt,
        rule: (geo.content_width() * sep.length_fraction, sep.width_pt),
    }
}

/// Characters of a block that the font lacks, in order of appearance.
fn block_missing(b: &FBlock, out: &mut Vec<char>) {
    let mut para = |p: &FPara| {
        for s in &p.spans {
            for c in missing_glyphs(&s.text) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
    };
    match b {
        FBlock::Para(p) => para(p),
        FBlock::Table(t) => {
            for c in t.rows.iter().flat_map(|r| &r.cells) {
                c.paras.iter().for_each(&mut para);
            }
        }
    }
}

/// Whether a page starts a numbering section of its own (an annex numbered from 1).
fn starts_section(page: &Page, profile: &FormatProfile) -> bool {
    profile.annex.own_page_numbers
        && page.items.iter().any(|it| matches!(it, Item::Text(t) if t.role == Role::AnnexLabel))
}

/// Numbers pages `range` of `pages` (counted from their section's first page, found once by
/// looking back from the range's start; the pages before it are left as they are).
fn number_pages(
    pages: &mut [Page],
    range: std::ops::RangeInclusive<usize>,
    profile: &FormatProfile,
    geo: &Geometry,
) {
    let pn = &profile.page_number;
    if !pn.enabled {
        return;
    }
    let first = *range.start();
    let mut start = (1..first).rev().find(|&k| starts_section(&pages[k], profile)).unwrap_or(0);
    for i in range {
        if i > 0 && starts_section(&pages[i], profile) {
            start = i;
        }
        let n = i - start + 1;
        if !(n == 1 && pn.hide_on_first_page) {
            number_page(&mut pages[i], n, profile, geo);
        }
    }
}

/// Puts right the numbers of pages `from..` kept from an earlier layout (a section may now start
/// on another page), up to the first whose number is already right: the pages after it were
/// numbered from the same start. Returns the index of that page (the end of those renumbered).
fn renumber_kept(
    pages: &mut [Page],
    from: usize,
    profile: &FormatProfile,
    geo: &Geometry,
) -> usize {
    let pn = &profile.page_number;
    if !pn.enabled {
        return from;
    }
    let mut start = (1..from).rev().find(|&k| starts_section(&pages[k], profile)).unwrap_or(0);
    for (i, page) in pages.iter_mut().enumerate().skip(from) {
        if i > 0 && starts_section(page, profile) {
            start = i;
        }
        let n = i - start + 1;
        let want = !(n == 1 && pn.hide_on_first_page);
        let have = match page.items.first() {
            Some(Item::Text(t)) if t.role == Role::PageNumber => Some(t.text.as_str()),
            _ => None,
        };
        if have == want.then(|| n.to_string()).as_deref() {
            return i;
        }
        if have.is_some() {
            page.items.remove(0);
        }
        if want {
            number_page(page, n, profile, geo);
        }
    }
    pages.len()
}

/// Whether a page's first item is its page number.
fn has_number(page: &Page) -> bool {
    matches!(page.items.first(), Some(Item::Text(t)) if t.role == Role::PageNumber)
}

/// Puts number `n` in the page's header (its first item).
fn number_page(page: &mut Page, n: usize, profile: &FormatProfile, geo: &Geometry) {
    let pn = &profile.page_number;
    let style = SpanStyle::from(&pn.style);
    let (asc, _) = vertical_em(style.bold, style.italic);
    let y = mm_to_pt(profile.page.header_distance_mm) + asc * style.size_pt;
    let text = n.to_string();
    let w = text_width_pt(&text, style.size_pt, style.bold, style.italic);
    let x = match pn.align {
        Align::Left | Align::Justify => geo.left,
        Align::Center => geo.left + (geo.content_width() - w) / 2.0,
        Align::Right => geo.right - w,
    };
    let run = TextRun { x, y, text, style, word_spacing: 0.0, width: w, role: Role::PageNumber };
    page.items.insert(0, Item::Text(run));
}

/// The warning for characters the font lacks, if any.
fn block_missing_warning(blocks: &[FBlock]) -> Vec<Diagnostic> {
    let mut missing: Vec<char> = Vec::new();
    for b in blocks {
        block_missing(b, &mut missing);
    }
    if missing.is_empty() {
        return Vec::new();
    }
    let list: Vec<String> =
        missing.iter().map(|c| format!("«{c}» ({})", describe_char(*c))).collect();
    vec![Diagnostic::warning(
        codes::MISSING_GLYPH,
        format!(
            "Phông chữ không có ký tự {}; bản PDF in các ký tự này thành ô vuông «□».",
            list.join(", ")
        ),
    )]
}

/// The warning for characters the font lacks in the flow's text and footnotes, if any.
fn flow_missing_warning(flow: &Flow) -> Vec<Diagnostic> {
    if flow.notes.is_empty() {
        return block_missing_warning(&flow.blocks);
    }
    let mut blocks = flow.blocks.clone();
    blocks.extend(flow.notes.iter().map(|n| FBlock::Para(n.para.clone())));
    block_missing_warning(&blocks)
}

/// Height of one line of a paragraph (its largest style under its line spacing), in points.
pub fn line_height_pt(p: &FPara) -> f64 {
    let mut styles: Vec<SpanStyle> = p.spans.iter().map(|s| s.style).collect();
    styles.push(p.mark);
    lines::line_box(&styles, p.line).0
}

/// Lays out a flow on pages under the profile.
pub fn layout(flow: &Flow, profile: &FormatProfile) -> Layout {
    let geo = Geometry::of(profile);
    let blocks: Vec<LBlock> = flow.blocks.iter().map(|b| lay_block(b, &geo)).collect();
    let mut pager = Pager::with_notes(&geo, lay_notes(flow, profile, &geo));
    for i in 0..blocks.len() {
        pager.place(&blocks, i);
    }
    pager.finish();
    let mut pages = pager.pages;
    if !pages.is_empty() {
        let last = pages.len() - 1;
        number_pages(&mut pages, 0..=last, profile, &geo);
    }
    Layout {
        width_pt: geo.width,
        height_pt: geo.height,
        content: [geo.left, geo.top, geo.right, geo.bottom],
        pages,
        warnings: flow_missing_warning(flow),
        props: flow.props.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::lines::{break_lines, line_box, width_of, LLine};
    use super::*;
    use crate::flow::{FTable, Span};
    use crate::profile::LineSpacing;

    fn para(spans: &[(&str, bool)]) -> FPara {
        let style = |bold| SpanStyle { size_pt: 14.0, bold, italic: false, underline: false };
        FPara {
            role: Role::Body,
            spans: spans
                .iter()
                .map(|(t, b)| Span { text: t.to_string(), style: style(*b), note: None })
                .collect(),
            mark: style(false),
            align: Align::Justify,
            first_line_mm: 0.0,
            left_mm: 0.0,
            right_mm: 0.0,
            space_before_pt: 0.0,
            space_after_pt: 0.0,
            line: LineSpacing::Exact(18.0),
            keep_next: false,
            page_break_before: false,
            rule_pt: None,
            anchor: None,
            pin_bottom_mm: None,
        }
    }

    fn laid_out(blocks: Vec<FBlock>) -> Layout {
        let profile = FormatProfile::builtin("hd36").expect("profile");
        let now = chrono::DateTime::from_timestamp(0, 0).expect("time");
        let mut flow = crate::flow::build(&crate::sample::sample(), &profile, now);
        flow.blocks = blocks;
        layout(&flow, &profile)
    }

    /// Baselines of the runs whose text starts with `prefix`: (page index, y).
    fn baselines(l: &Layout, prefix: &str) -> Vec<(usize, f64)> {
        let mut out = Vec::new();
        for (i, page) in l.pages.iter().enumerate() {
            for item in &page.items {
                if let Item::Text(t) = item {
                    if t.text.starts_with(prefix) {
                        out.push((i, t.y));
                    }
                }
            }
        }
        out
    }

    fn spaced(text: &str, before: f64, after: f64) -> FPara {
        let mut p = para(&[(text, false)]);
        p.space_before_pt = before;
        p.space_after_pt = after;
        p
    }

    #[test]
    fn the_larger_of_space_after_and_space_before_separates_paragraphs() {
        let l = laid_out(vec![
            FBlock::Para(spaced("Một", 0.0, 6.0)),
            FBlock::Para(spaced("Hai", 6.0, 0.0)),
            FBlock::Para(spaced("Ba", 12.0, 0.0)),
        ]);
        let y = |t| baselines(&l, t)[0].1;
        assert!((y("Hai") - y("Một") - 24.0).abs() < 0.01, "6 pt, not 12: {}", y("Hai") - y("Một"));
        assert!((y("Ba") - y("Hai") - 30.0).abs() < 0.01);
    }

    #[test]
    fn space_before_is_dropped_after_an_automatic_page_break_only() {
        // 40 lines of 18 pt fill a page (728.5 pt); the 41st paragraph starts page 2.
        let mut blocks: Vec<FBlock> =
            (0..40).map(|i| FBlock::Para(spaced(&format!("Dòng {i}"), 0.0, 0.0))).collect();
        blocks.push(FBlock::Para(spaced("Sang trang", 6.0, 0.0)));
        let mut forced = spaced("Trang mới", 6.0, 0.0);
        forced.page_break_before = true;
        blocks.push(FBlock::Para(forced));
        let l = laid_out(blocks);
        let top = l.content[1];
        let (page, y) = baselines(&l, "Sang trang")[0];
        assert_eq!(page, 1);
        let line_top = y - (18.0 - 0.216 * 14.0);
        assert!((line_top - top).abs() < 0.05, "no space before at the top: {}", line_top - top);
        let (page, y) = baselines(&l, "Trang mới")[0];
        assert_eq!(page, 2);
        let line_top = y - (18.0 - 0.216 * 14.0);
        assert!((line_top - top - 6.0).abs() < 0.05, "kept after a page break it asked for");
    }

    #[test]
    fn single_spacing_includes_the_line_gap() {
        let s = SpanStyle { size_pt: 14.0, bold: false, italic: false, underline: false };
        let (h, _) = line_box(&[s], LineSpacing::Multiple(1.0));
        // Word and LibreOffice: 1.149 em for Times New Roman / Liberation Serif (16.09 pt at 14).
        assert!((h - 16.09).abs() < 0.02, "{h}");
    }

    #[test]
    fn table_rows_take_their_border_and_rules_their_width() {
        let s = SpanStyle { size_pt: 13.0, bold: false, italic: false, underline: false };
        let mut cell = para(&[("12", false)]);
        cell.mark = s;
        cell.spans[0].style = s;
        cell.line = LineSpacing::Multiple(1.0);
        cell.space_before_pt = 2.0;
        cell.space_after_pt = 2.0;
        let row = crate::flow::FRow {
            cells: vec![crate::flow::FCell { paras: vec![cell], v_center: true }],
            repeat_header: false,
            cant_split: true,
        };
        let t = FTable {
            widths_mm: vec![30.0],
            border_pt: Some(0.5),
            padding_mm: 1.5,
            rows: vec![row],
        };
        let lt = lay_table(&t, 0.0);
        // 2 + 14.94 + 2 + 0.5: LibreOffice's 19.45 pt rows (our PDF had 18.4 pt).
        assert!((lt.rows[0].height() - 19.44).abs() < 0.02, "{}", lt.rows[0].height());
        let mut r = spaced("", 0.0, 0.0);
        r.rule_pt = Some(0.5);
        r.line = LineSpacing::Exact(4.0);
        let lp = lay_para(&r, 100.0);
        assert!((lp.height_after(0.0) - 4.5).abs() < 0.001);
    }

    #[test]
    fn a_heading_moves_with_a_three_line_paragraph_it_cannot_split() {
        // 37 one-line paragraphs leave room for a heading and two lines, not three.
        let mut blocks: Vec<FBlock> =
            (0..37).map(|i| FBlock::Para(spaced(&format!("Dòng {i}"), 0.0, 0.0))).collect();
        let mut heading = spaced("Tiêu đề", 0.0, 0.0);
        heading.keep_next = true;
        blocks.push(FBlock::Para(heading));
        let long = "Nội dung ".repeat(24);
        let three = para(&[(long.trim(), false)]);
        let lp = lay_para(&three, mm_to_pt(165.0));
        assert_eq!(lp.lines.len(), 3);
        blocks.push(FBlock::Para(three));
        let l = laid_out(blocks);
        assert_eq!(baselines(&l, "Tiêu đề")[0].0, 1, "the heading goes with its paragraph");
    }

    fn texts(lines: &[LLine]) -> Vec<String> {
        lines.iter().map(|l| l.pieces.iter().map(|(_, p, _)| p.text.as_str()).collect()).collect()
    }

    #[test]
    fn breaks_after_a_dash_when_a_word_does_not_fit() {
        let lines = break_lines(&para(&[("2016–2017", false)]), 40.0);
        assert_eq!(texts(&lines), ["2016–", "2017"]);
    }

    #[test]
    fn never_breaks_between_glued_spans_and_drops_spaces_at_a_wrap() {
        let p = para(&[("Một là", true), (", phải thường xuyên lãnh đạo", false)]);
        let w = width_of(
            "Một là, phải",
            &SpanStyle { size_pt: 14.0, bold: true, italic: false, underline: false },
        );
        let lines = break_lines(&p, w + 1.0);
        assert_eq!(texts(&lines)[0], "Một là, phải");
        assert!(texts(&lines).iter().all(|l| !l.starts_with(' ') && !l.starts_with(',')));
        // Justified lines fill the width; the last one does not stretch.
        let last = lines.last().expect("lines");
        assert_eq!(last.pieces[0].2, 0.0);
    }
}
