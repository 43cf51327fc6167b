//! Page layout: breaks the [`Flow`] into lines and pages with the bundled font's real metrics,
//! following the rules Word and LibreOffice apply to the same paragraph settings: greedy line
//! breaking at spaces, justification by widening spaces, first-line indents, exact or multiple
//! line spacing, space before/after, keep-with-next, widow/orphan control, tables that break
//! between rows and repeat their header rows, rows that do not split, page breaks before,
//! and the page number in the header (hidden on page 1).
//!
//! The result is plain data ([`Layout`]: pages of positioned text runs and rules) that the PDF and
//! SVG writers draw and that tests inspect.

use crate::error::{Problem, Severity};
use crate::flow::{FBlock, FPara, FTable, Flow, Role, SpanStyle};
use crate::metrics::{line_gap_em, missing_glyphs, text_width_pt, underline_em, vertical_em};
use crate::profile::{Align, FormatProfile, LineSpacing};
use crate::text::describe_char;
use crate::units::mm_to_pt;

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
    pub warnings: Vec<Problem>,
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

/// A token of a paragraph: a piece of a word, a space, or a forced line break.
#[derive(Debug, Clone)]
enum Token {
    /// Text between break opportunities (UAX #14): a word, or the part of one after a hyphen,
    /// dash or slash. `break_before` tells whether a line may end just before it.
    Word {
        text: String,
        style: SpanStyle,
        width: f64,
        break_before: bool,
    },
    Space {
        style: SpanStyle,
        width: f64,
    },
    Break,
}

impl Token {
    fn width(&self) -> f64 {
        match self {
            Token::Word { width, .. } | Token::Space { width, .. } => *width,
            Token::Break => 0.0,
        }
    }
}

/// A piece of a line: consecutive tokens of one style.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    style: SpanStyle,
    width: f64,
    spaces: usize,
}

/// A laid-out line, positions relative to the paragraph's left edge.
#[derive(Debug, Clone)]
struct LLine {
    pieces: Vec<(f64, Piece, f64)>, // x, piece, word spacing
    height: f64,
    baseline: f64,
}

/// A paragraph broken into lines for a given width.
#[derive(Debug, Clone)]
struct LPara {
    role: Role,
    lines: Vec<LLine>,
    before: f64,
    after: f64,
    keep_next: bool,
    page_break_before: bool,
    rule: Option<(f64, f64, f64)>, // x1, x2 relative, weight
    anchor: Option<String>,
}

impl LPara {
    /// Height after a paragraph whose space after was `prev_after`: Word and LibreOffice put the
    /// larger of the two spaces between paragraphs, not their sum (ISO/IEC 29500-1 §17.3.1.33).
    fn height_after(&self, prev_after: f64) -> f64 {
        collapsed(self.before, prev_after) + self.lines_height() + self.after
    }

    /// The lines and the bottom border (a rule takes its width below the text, in Word and
    /// LibreOffice alike).
    fn lines_height(&self) -> f64 {
        self.lines.iter().map(|l| l.height).sum::<f64>() + self.rule.map_or(0.0, |r| r.2)
    }
}

/// The space a paragraph adds above itself when the one before it ended with `prev_after`.
fn collapsed(before: f64, prev_after: f64) -> f64 {
    (before - prev_after).max(0.0)
}

fn width_of(text: &str, s: &SpanStyle) -> f64 {
    text_width_pt(text, s.size_pt, s.bold, s.italic)
}

fn tokens(p: &FPara) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for span in &p.spans {
        let text = span.text.replace('\t', " ");
        for (li, line) in text.split('\n').enumerate() {
            if li > 0 {
                out.push(Token::Break);
            }
            let mut start = 0;
            for (n, (end, _)) in unicode_linebreak::linebreaks(line).enumerate() {
                let seg = &line[start..end];
                start = end;
                let word = seg.trim_end_matches(' ');
                if !word.is_empty() {
                    // A span that starts inside a word ("Một là" + ", …") is glued to it.
                    let glued = n == 0 && matches!(out.last(), Some(Token::Word { .. }));
                    out.push(Token::Word {
                        text: word.to_string(),
                        style: span.style,
                        width: width_of(word, &span.style),
                        break_before: !glued,
                    });
                }
                for _ in 0..seg.len() - word.len() {
                    out.push(Token::Space { style: span.style, width: width_of(" ", &span.style) });
                }
            }
        }
    }
    out
}

/// Natural height and baseline of a line whose largest style is `s`, under a spacing rule.
/// Single spacing is ascent + descent + the font's external leading (placed above the text), as
/// Word and LibreOffice measure it; exact lines put the text at the bottom of their height.
fn line_box(sizes: &[SpanStyle], rule: LineSpacing) -> (f64, f64) {
    let (mut asc, mut desc, mut gap) = (0.0f64, 0.0f64, 0.0f64);
    for s in sizes {
        let (a, d) = vertical_em(s.bold, s.italic);
        asc = asc.max(a * s.size_pt);
        desc = desc.max(d * s.size_pt);
        gap = gap.max(line_gap_em(s.bold, s.italic) * s.size_pt);
    }
    let natural = asc + desc + gap;
    match rule {
        LineSpacing::Exact(h) => (h, h - desc),
        LineSpacing::AtLeast(h) if h > natural => (h, h - desc),
        LineSpacing::AtLeast(_) => (natural, gap + asc),
        LineSpacing::Multiple(m) => (natural * m, natural * m - desc),
    }
}

/// Breaks a paragraph into lines within `width` (greedy, at spaces; words longer than a line
/// are cut by characters only when nothing else fits).
fn break_lines(p: &FPara, width: f64) -> Vec<LLine> {
    let toks = tokens(p);
    let first_avail = (width - p.first_line_mm.max(0.0) * 72.0 / 25.4).max(1.0);
    let rest_avail = width.max(1.0);
    let mut lines: Vec<(Vec<Token>, bool)> = Vec::new(); // tokens, ends with forced break
    let mut cur: Vec<Token> = Vec::new();
    let mut after_wrap = false;
    let avail = |n: usize| if n == 0 { first_avail } else { rest_avail };
    let mut queue: std::collections::VecDeque<Token> = toks.into();
    let has_word = |toks: &[Token]| toks.iter().any(|t| matches!(t, Token::Word { .. }));
    while let Some(t) = queue.pop_front() {
        let cur_w: f64 = cur.iter().map(Token::width).sum();
        match t {
            Token::Break => {
                lines.push((std::mem::take(&mut cur), true));
                after_wrap = false;
            }
            // Spaces where a line wrapped vanish, as in Word and LibreOffice.
            Token::Space { .. } if cur.is_empty() && after_wrap => {}
            Token::Space { .. } => cur.push(t),
            Token::Word { ref text, style, width: w, break_before } => {
                let a = avail(lines.len());
                if cur_w + w <= a + 0.01 {
                    cur.push(t);
                    continue;
                }
                // The last break opportunity on the line: before a space, before a word piece
                // that allows it, or before this piece.
                let allowed = |i: usize| match cur.get(i) {
                    Some(Token::Space { .. }) => true,
                    Some(Token::Word { break_before, .. }) => *break_before,
                    Some(Token::Break) => false,
                    None => break_before || matches!(cur.last(), Some(Token::Space { .. })),
                };
                let at = (1..=cur.len()).rev().find(|&i| allowed(i) && has_word(&cur[..i]));
                if let Some(i) = at {
                    let rest = cur.split_off(i);
                    trim_spaces(&mut cur);
                    lines.push((std::mem::take(&mut cur), false));
                    after_wrap = true;
                    queue.push_front(t);
                    for r in rest.into_iter().rev() {
                        queue.push_front(r);
                    }
                    continue;
                }
                // No opportunity at all: cut this piece by characters where it must be.
                let room = a - cur_w;
                let mut head = String::new();
                let mut head_w = 0.0;
                let mut chars = text.chars().peekable();
                while let Some(&c) = chars.peek() {
                    let cw = width_of(&c.to_string(), &style);
                    if (has_word(&cur) || !head.is_empty()) && head_w + cw > room {
                        break;
                    }
                    head.push(c);
                    head_w += cw;
                    chars.next();
                }
                let tail: String = chars.collect();
                if !head.is_empty() {
                    cur.push(Token::Word { text: head, style, width: head_w, break_before });
                }
                lines.push((std::mem::take(&mut cur), false));
                after_wrap = true;
                if !tail.is_empty() {
                    let tw = width_of(&tail, &style);
                    queue.push_front(Token::Word {
                        text: tail,
                        style,
                        width: tw,
                        break_before: true,
                    });
                }
            }
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push((cur, true));
    } else if let Some(last) = lines.last_mut() {
        last.1 = true;
    }

    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (mut toks, forced))| {
            trim_spaces(&mut toks);
            let indent = if i == 0 { width - first_avail } else { 0.0 };
            let a = avail(i);
            let mut pieces: Vec<Piece> = Vec::new();
            for t in &toks {
                let (text, style, w, space) = match t {
                    Token::Word { text, style, width, .. } => {
                        (text.as_str(), *style, *width, false)
                    }
                    Token::Space { style, width } => (" ", *style, *width, true),
                    Token::Break => continue,
                };
                match pieces.last_mut() {
                    Some(last) if last.style == style => {
                        last.text.push_str(text);
                        last.width += w;
                        last.spaces += usize::from(space);
                    }
                    _ => pieces.push(Piece {
                        text: text.to_string(),
                        style,
                        width: w,
                        spaces: usize::from(space),
                    }),
                }
            }
            let natural: f64 = pieces.iter().map(|p| p.width).sum();
            let spaces: usize = pieces.iter().map(|p| p.spaces).sum();
            let last = i + 1 == n || forced;
            let (start, extra) = match p.align {
                Align::Justify if !last && spaces > 0 => {
                    (0.0, ((a - natural) / spaces as f64).max(0.0))
                }
                Align::Center => (((a - natural) / 2.0).max(0.0), 0.0),
                Align::Right => ((a - natural).max(0.0), 0.0),
                _ => (0.0, 0.0),
            };
            let mut x = indent + start;
            let mut placed = Vec::new();
            for piece in pieces {
                let w = piece.width + extra * piece.spaces as f64;
                placed.push((x, piece, extra));
                x += w;
            }
            let mut styles: Vec<SpanStyle> = placed.iter().map(|(_, p, _)| p.style).collect();
            if styles.is_empty() {
                styles.push(p.mark);
            }
            let (height, baseline) = line_box(&styles, p.line);
            LLine { pieces: placed, height, baseline }
        })
        .collect()
}

fn trim_spaces(toks: &mut Vec<Token>) {
    while matches!(toks.last(), Some(Token::Space { .. })) {
        toks.pop();
    }
}

fn lay_para(p: &FPara, width: f64) -> LPara {
    let left = mm_to_pt(p.left_mm);
    let right = mm_to_pt(p.right_mm);
    let inner = (width - left - right).max(1.0);
    let mut lines = break_lines(p, inner);
    for l in &mut lines {
        for (x, _, _) in &mut l.pieces {
            *x += left;
        }
    }
    LPara {
        role: p.role,
        lines,
        before: p.space_before_pt,
        after: p.space_after_pt,
        keep_next: p.keep_next,
        page_break_before: p.page_break_before,
        rule: p.rule_pt.map(|w| (left, width - right, w)),
        anchor: p.anchor.clone(),
    }
}

/// A table cell laid out.
#[derive(Debug, Clone)]
struct LCell {
    x: f64,
    width: f64,
    paras: Vec<LPara>,
    v_center: bool,
}

impl LCell {
    fn height(&self) -> f64 {
        let mut prev = 0.0;
        let mut h = 0.0;
        for p in &self.paras {
            h += p.height_after(prev);
            prev = p.after;
        }
        h
    }
}

#[derive(Debug, Clone)]
struct LRow {
    cells: Vec<LCell>,
    repeat_header: bool,
    cant_split: bool,
    /// Width of the row's top border: LibreOffice (and Word) lay the cells out below it.
    border: f64,
    /// The height is also written in the DOCX (bordered tables): rounded up to whole twips.
    explicit: bool,
}

impl LRow {
    /// Height with the top border; the table's last row on a page adds its bottom border.
    fn height(&self) -> f64 {
        let h = self.border + self.cells.iter().map(LCell::height).fold(0.0, f64::max);
        if self.explicit {
            twips_up(h) as f64 / 20.0
        } else {
            h
        }
    }
}

/// Points rounded up to whole twips (a hair under a twip is not rounded up).
fn twips_up(pt: f64) -> u32 {
    (pt * 20.0 - 1e-3).ceil().max(0.0) as u32
}

/// The height of each row of a bordered table in twips, as the layout uses it, for the DOCX's
/// "at least" row heights (so Word and LibreOffice give rows the height our PDF gives them);
/// `None` for borderless layout tables, whose rows keep their natural height.
pub fn row_heights_twips(t: &FTable) -> Option<Vec<u32>> {
    t.border_pt?;
    Some(lay_table(t, 0.0).rows.iter().map(|r| twips_up(r.height())).collect())
}

#[derive(Debug, Clone)]
struct LTable {
    rows: Vec<LRow>,
    border: Option<f64>,
    x: f64,
    width: f64,
}

fn lay_table(t: &FTable, x: f64) -> LTable {
    let pad = mm_to_pt(t.padding_mm);
    let widths: Vec<f64> = t.widths_mm.iter().map(|w| mm_to_pt(*w)).collect();
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let mut cx = x;
            let cells = r
                .cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| {
                    let inner = (w - 2.0 * pad).max(1.0);
                    let cell = LCell {
                        x: cx + pad,
                        width: inner,
                        paras: c.paras.iter().map(|p| lay_para(p, inner)).collect(),
                        v_center: c.v_center,
                    };
                    cx += w;
                    cell
                })
                .collect();
            LRow {
                cells,
                repeat_header: r.repeat_header,
                cant_split: r.cant_split,
                border: t.border_pt.unwrap_or(0.0),
                explicit: t.border_pt.is_some(),
            }
        })
        .collect();
    LTable { rows, border: t.border_pt, x, width: widths.iter().sum() }
}

enum LBlock {
    Para(LPara),
    Table(LTable),
}

/// Why the cursor stands at the top of a page: this decides whether a paragraph's space before
/// is kept there (Word keeps it at the start of the document and after a page break it asked
/// for, and drops it after an automatic break; LibreOffice does the same with DOCX files).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Top {
    Start,
    Forced,
    Automatic,
}

/// Places laid-out blocks on pages.
struct Pager {
    pages: Vec<Page>,
    y: f64,
    top: f64,
    bottom: f64,
    left: f64,
    /// Space after of the last paragraph placed (0 after a table or at a page top).
    prev_after: f64,
    top_kind: Top,
}

impl Pager {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let n = self.pages.len() - 1;
        &mut self.pages[n]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.top;
        self.prev_after = 0.0;
        self.top_kind = Top::Automatic;
    }

    /// Space a paragraph opens above itself where the cursor is.
    fn space_before(&self, p: &LPara) -> f64 {
        if self.at_top() {
            match self.top_kind {
                Top::Automatic => 0.0,
                Top::Start | Top::Forced => p.before,
            }
        } else {
            collapsed(p.before, self.prev_after)
        }
    }

    fn at_top(&self) -> bool {
        (self.y - self.top).abs() < 0.01
    }

    fn room(&self) -> f64 {
        self.bottom - self.y
    }

    /// Draws lines `range` of a paragraph at x, starting at the cursor.
    fn draw_lines(&mut self, p: &LPara, x: f64, range: std::ops::Range<usize>) {
        if range.start == 0 {
            if let Some(a) = &p.anchor {
                self.page().anchors.push(a.clone());
            }
        }
        for l in &p.lines[range] {
            let base = self.y + l.baseline;
            let mut items = Vec::new();
            for (px, piece, extra) in &l.pieces {
                let width = piece.width + extra * piece.spaces as f64;
                items.push(Item::Text(TextRun {
                    x: x + px,
                    y: base,
                    text: piece.text.clone(),
                    style: piece.style,
                    word_spacing: *extra,
                    width,
                    role: p.role,
                }));
                if piece.style.underline {
                    let (pos, thick) = underline_em();
                    let uy = base + pos * piece.style.size_pt;
                    items.push(Item::Line(Rule {
                        x1: x + px,
                        y1: uy,
                        x2: x + px + width,
                        y2: uy,
                        width: thick * piece.style.size_pt,
                    }));
                }
            }
            self.page().items.extend(items);
            self.y += l.height;
        }
    }

    /// Draws a paragraph's bottom border below its lines and moves past it.
    fn draw_rule(&mut self, p: &LPara, x: f64) {
        if let Some((x1, x2, w)) = p.rule {
            let y = self.y + w / 2.0;
            self.y += w;
            self.page().items.push(Item::Line(Rule {
                x1: x + x1,
                y1: y,
                x2: x + x2,
                y2: y,
                width: w,
            }));
        }
    }

    /// Places a body paragraph with widow/orphan control.
    fn para(&mut self, p: &LPara, x: f64) {
        if p.page_break_before {
            if !self.at_top() {
                self.new_page();
            }
            self.top_kind = Top::Forced;
        }
        let n = p.lines.len();
        let mut start = 0;
        let mut first_chunk = true;
        while start < n {
            let before = if first_chunk { self.space_before(p) } else { 0.0 };
            let mut fit = 0;
            let mut h = before;
            for l in &p.lines[start..] {
                if self.y + h + l.height > self.bottom + 0.01 {
                    break;
                }
                h += l.height;
                fit += 1;
            }
            let remaining = n - start;
            if fit < remaining {
                // Orphan: never leave a first line alone at a page's foot.
                if start == 0 && fit == 1 && remaining > 1 {
                    fit = 0;
                }
                // Widow: never carry a last line alone to the next page.
                if fit > 0 && remaining - fit == 1 && remaining >= 3 {
                    fit -= 1;
                    if start == 0 && fit == 1 {
                        fit = 0;
                    }
                }
            }
            if fit == 0 {
                if self.at_top() {
                    fit = 1; // a line taller than the page: place it anyway
                } else {
                    self.new_page();
                    continue;
                }
            }
            self.y += before;
            self.draw_lines(p, x, start..start + fit);
            start += fit;
            first_chunk = false;
            if start < n {
                self.new_page();
            }
        }
        self.draw_rule(p, x);
        self.y += p.after;
        self.prev_after = p.after;
    }

    /// Places a table: rows stay whole when they can, header rows repeat on each new page.
    fn table(&mut self, t: &LTable) {
        let headers: Vec<&LRow> = t.rows.iter().take_while(|r| r.repeat_header).collect();
        let header_h: f64 = headers.iter().map(|r| r.height()).sum();
        let body: Vec<&LRow> = t.rows.iter().skip(headers.len()).collect();
        // The header rows go with the first body row.
        let first = body.first().map(|r| r.height()).unwrap_or(0.0);
        let b = t.border.unwrap_or(0.0);
        if header_h + first + b > self.room() + 0.01 && !self.at_top() {
            self.new_page();
        }
        for r in &headers {
            self.row(t, r);
        }
        for r in body {
            let h = r.height() + b;
            if h > self.room() + 0.01 {
                let fresh = self.bottom - self.top - header_h;
                if r.cant_split && h <= fresh || !self.at_top() && self.room() < h.min(fresh) * 0.2
                {
                    self.new_page();
                    for hr in &headers {
                        self.row(t, hr);
                    }
                }
            }
            if h <= self.room() + 0.01 {
                self.row(t, r);
            } else {
                self.split_row(t, r, &headers);
            }
        }
        self.y += b;
        self.prev_after = 0.0;
    }

    fn borders(&mut self, t: &LTable, r: &LRow, top: f64, height: f64) {
        let Some(w) = t.border else { return };
        let bottom = top + height;
        let mut items = vec![
            Item::Line(Rule { x1: t.x, y1: top, x2: t.x + t.width, y2: top, width: w }),
            Item::Line(Rule { x1: t.x, y1: bottom, x2: t.x + t.width, y2: bottom, width: w }),
            Item::Line(Rule { x1: t.x, y1: top, x2: t.x, y2: bottom, width: w }),
        ];
        let mut edge = t.x;
        for c in &r.cells {
            let pad = c.x - edge;
            edge = c.x + c.width + pad;
            items.push(Item::Line(Rule { x1: edge, y1: top, x2: edge, y2: bottom, width: w }));
        }
        self.page().items.extend(items);
    }

    fn row(&mut self, t: &LTable, r: &LRow) {
        let top = self.y;
        let h = r.height();
        for c in &r.cells {
            let inner = h - r.border;
            self.y = top + r.border + if c.v_center { (inner - c.height()) / 2.0 } else { 0.0 };
            let mut prev = 0.0;
            for p in &c.paras {
                self.y += collapsed(p.before, prev);
                self.draw_lines(p, c.x, 0..p.lines.len());
                self.draw_rule(p, c.x);
                self.y += p.after;
                prev = p.after;
            }
        }
        self.borders(t, r, top, h);
        self.y = top + h;
    }

    /// A row taller than the room left: its cells continue on the next page.
    fn split_row(&mut self, t: &LTable, r: &LRow, headers: &[&LRow]) {
        // Flatten each cell into (para index, line index) steps.
        let mut pos: Vec<(usize, usize)> = vec![(0, 0); r.cells.len()];
        loop {
            let top = self.y;
            let mut used: f64 = 0.0;
            let mut done = true;
            for (ci, c) in r.cells.iter().enumerate() {
                self.y = top + r.border;
                let (mut pi, mut li) = pos[ci];
                while pi < c.paras.len() {
                    let p = &c.paras[pi];
                    if li == 0 {
                        self.y += p.before;
                    }
                    while li < p.lines.len() {
                        let lh = p.lines[li].height;
                        if self.y + lh > self.bottom + 0.01 && self.y > top + 0.01 {
                            break;
                        }
                        self.draw_lines(p, c.x, li..li + 1);
                        li += 1;
                    }
                    if li < p.lines.len() {
                        break;
                    }
                    self.draw_rule(p, c.x);
                    self.y += p.after;
                    pi += 1;
                    li = 0;
                }
                pos[ci] = (pi, li);
                if pi < c.paras.len() {
                    done = false;
                }
                used = used.max(self.y - top);
            }
            self.borders(t, r, top, used);
            self.y = top + used;
            if done {
                return;
            }
            self.new_page();
            for hr in headers {
                self.row(t, hr);
            }
        }
    }
}

/// Lays out a flow on pages under the profile.
pub fn layout(flow: &Flow, profile: &FormatProfile) -> Layout {
    let pg = &profile.page;
    let width = mm_to_pt(pg.width_mm);
    let height = mm_to_pt(pg.height_mm);
    let left = mm_to_pt(pg.margin_left_mm);
    let right = width - mm_to_pt(pg.margin_right_mm);
    let top = mm_to_pt(pg.margin_top_mm);
    let bottom = height - mm_to_pt(pg.margin_bottom_mm);
    let content_w = right - left;

    let blocks: Vec<LBlock> = flow
        .blocks
        .iter()
        .map(|b| match b {
            FBlock::Para(p) => LBlock::Para(lay_para(p, content_w)),
            FBlock::Table(t) => LBlock::Table(lay_table(t, left)),
        })
        .collect();

    let mut pager = Pager {
        pages: vec![Page::default()],
        y: top,
        top,
        bottom,
        left,
        prev_after: 0.0,
        top_kind: Top::Start,
    };
    let mut i = 0;
    while i < blocks.len() {
        // Keep-with-next: the chain of kept paragraphs plus the start of what follows must
        // share a page (unless the chain alone is taller than a page).
        if let LBlock::Para(p) = &blocks[i] {
            if p.keep_next && !pager.at_top() {
                let mut need = 0.0;
                let mut prev = pager.prev_after;
                let mut j = i;
                while let Some(LBlock::Para(q)) = blocks.get(j) {
                    if j > i && q.page_break_before {
                        break;
                    }
                    if !q.keep_next {
                        // What follows the chain: the lines that must start a page together
                        // under widow/orphan control (all of a paragraph of up to three lines,
                        // else two).
                        let first = if q.lines.len() <= 3 { q.lines.len() } else { 2 };
                        need += collapsed(q.before, prev)
                            + q.lines.iter().take(first).map(|l| l.height).sum::<f64>();
                        break;
                    }
                    need += q.height_after(prev);
                    prev = q.after;
                    j += 1;
                }
                if let Some(LBlock::Table(t)) = blocks.get(j) {
                    let heads = t.rows.iter().take_while(|r| r.repeat_header).count();
                    need += t.rows.iter().take(heads + 1).map(LRow::height).sum::<f64>()
                        + t.border.unwrap_or(0.0);
                }
                if need > pager.room() + 0.01 && need <= bottom - top {
                    pager.new_page();
                }
            }
        }
        match &blocks[i] {
            LBlock::Para(p) => pager.para(p, pager.left),
            LBlock::Table(t) => pager.table(t),
        }
        i += 1;
    }

    let mut pages = pager.pages;
    let pn = &profile.page_number;
    if pn.enabled {
        let style = SpanStyle::from(&pn.style);
        let (asc, _) = vertical_em(style.bold, style.italic);
        let y = mm_to_pt(pg.header_distance_mm) + asc * style.size_pt;
        for (i, page) in pages.iter_mut().enumerate() {
            if i == 0 && pn.hide_on_first_page {
                continue;
            }
            let text = (i + 1).to_string();
            let w = width_of(&text, &style);
            let x = match pn.align {
                Align::Left | Align::Justify => left,
                Align::Center => left + (content_w - w) / 2.0,
                Align::Right => right - w,
            };
            page.items.insert(
                0,
                Item::Text(TextRun {
                    x,
                    y,
                    text,
                    style,
                    word_spacing: 0.0,
                    width: w,
                    role: Role::Body,
                }),
            );
        }
    }

    let mut warnings = Vec::new();
    let mut missing: Vec<char> = Vec::new();
    for page in &pages {
        for item in &page.items {
            if let Item::Text(t) = item {
                for c in missing_glyphs(&t.text) {
                    if !missing.contains(&c) {
                        missing.push(c);
                    }
                }
            }
        }
    }
    if !missing.is_empty() {
        let list: Vec<String> =
            missing.iter().map(|c| format!("«{c}» ({})", describe_char(*c))).collect();
        warnings.push(Problem {
            path: String::new(),
            message: format!(
                "phông chữ không có ký tự {}; bản PDF in các ký tự này thành ô vuông «□».",
                list.join(", ")
            ),
            severity: Severity::Warning,
        });
    }
    Layout {
        width_pt: width,
        height_pt: height,
        content: [left, top, right, bottom],
        pages,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::Span;

    fn para(spans: &[(&str, bool)]) -> FPara {
        let style = |bold| SpanStyle { size_pt: 14.0, bold, italic: false, underline: false };
        FPara {
            role: Role::Body,
            spans: spans
                .iter()
                .map(|(t, b)| Span { text: t.to_string(), style: style(*b) })
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
