//! Pagination: laid-out blocks placed on pages with space collapsing, keep-with-next,
//! widow/orphan control, tables that repeat their header rows and rows that do not split.

use super::lines::{collapsed, LPara, RAISED_BY, RAISED_SIZE};
use super::table::{LRow, LTable};
use super::{Geometry, Item, Page, Rule, TextRun};
use crate::flow::Role;
use crate::metrics::underline_em;

/// A block of the flow broken into lines.
#[derive(Debug, Clone)]
pub(super) enum LBlock {
    Para(LPara),
    Table(LTable),
}

/// The pager's state before a block: where it stood and why. Two runs that reach the same
/// block in the same state place everything from there on identically.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Mark {
    /// Index of the current page.
    pub page: usize,
    /// Items already on the current page (page number not counted).
    pub items: usize,
    /// Anchors already on the current page.
    pub anchors: usize,
    pub y: f64,
    pub prev_after: f64,
    pub top_kind: Top,
}

impl Mark {
    /// Same position and state (the item counts on the page may differ).
    pub fn same_place(&self, other: &Mark) -> bool {
        self.page == other.page
            && self.y == other.y
            && self.prev_after == other.prev_after
            && self.top_kind == other.top_kind
    }
}

/// Why the cursor stands at the top of a page: this decides whether a paragraph's space before
/// is kept there (Word keeps it at the start of the document and after a page break it asked
/// for, and drops it after an automatic break; LibreOffice does the same with DOCX files).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Top {
    Start,
    Forced,
    Automatic,
}

/// Places laid-out blocks on pages.
pub(super) struct Pager {
    pub pages: Vec<Page>,
    y: f64,
    top: f64,
    bottom: f64,
    left: f64,
    /// Height of the page.
    height: f64,
    /// Space after of the last paragraph placed (0 after a table or at a page top).
    prev_after: f64,
    top_kind: Top,
    /// The document's footnotes, laid out, and the rule above them.
    notes: Notes,
    /// The footnotes referred to on the current page, in order.
    page_notes: Vec<u32>,
    /// The lines of notes that did not fit at the foot of the previous page (note, first line
    /// left): they come first at the foot of this one.
    carry: Vec<(u32, usize)>,
}

/// The footnotes of a document, laid out for the foot of the page.
#[derive(Debug, Clone, Default)]
pub(super) struct Notes {
    /// Note `n`'s paragraph at index `n - 1`.
    pub paras: Vec<LPara>,
    /// Height of the line carrying the rule above the notes.
    pub gap: f64,
    /// The rule's length and weight.
    pub rule: (f64, f64),
}

impl Notes {
    fn para(&self, n: u32) -> Option<&LPara> {
        self.paras.get((n as usize).checked_sub(1)?)
    }

    /// Height of note `n`'s lines from line `from`.
    fn rest(&self, n: u32, from: usize) -> f64 {
        self.para(n).map_or(0.0, |p| p.lines.iter().skip(from).map(|l| l.height).sum())
    }

    /// Height of the notes area holding `carried` and then `notes` whole (none: no area).
    fn height(&self, carried: &[(u32, usize)], notes: &[u32]) -> f64 {
        if carried.is_empty() && notes.is_empty() {
            return 0.0;
        }
        let carried: f64 = carried.iter().map(|&(n, from)| self.rest(n, from)).sum();
        self.gap + carried + notes.iter().map(|&n| self.rest(n, 0)).sum::<f64>()
    }

    /// How many first lines of note `n` must share the page of its reference: as for body
    /// text under widow/orphan control, all of a note of up to three lines, else two.
    fn min_lines(&self, n: u32) -> usize {
        let len = self.para(n).map_or(0, |p| p.lines.len());
        if len <= 3 {
            len
        } else {
            2
        }
    }

    /// How many of note `n`'s lines from `from` go at the foot of a page with `room` left:
    /// those that fit, under widow/orphan control (a note split across pages continues on the
    /// next, as in Word and LibreOffice).
    fn fitting(&self, n: u32, from: usize, room: f64) -> usize {
        let Some(p) = self.para(n) else { return 0 };
        let mut fit = 0;
        let mut h = 0.0;
        for l in &p.lines[from..] {
            if h + l.height > room + 0.01 {
                break;
            }
            h += l.height;
            fit += 1;
        }
        widow_orphan(from, fit, p.lines.len() - from)
    }
}

impl Pager {
    /// A pager at the top of the document's first page, for a document with these footnotes.
    pub fn with_notes(geo: &Geometry, notes: Notes) -> Self {
        Pager {
            pages: vec![Page::default()],
            y: geo.top,
            top: geo.top,
            bottom: geo.bottom,
            left: geo.left,
            height: geo.height,
            prev_after: 0.0,
            top_kind: Top::Start,
            notes,
            page_notes: Vec::new(),
            carry: Vec::new(),
        }
    }

    /// Ends the last page (draws its footnotes, on more pages if they continue).
    pub fn finish(&mut self) {
        self.draw_notes();
        while !self.carry.is_empty() {
            self.pages.push(Page::default());
            self.y = self.top;
            self.draw_notes();
        }
    }

    /// The lowest the text may reach on the current page: the bottom margin, above the notes
    /// of the page.
    fn limit(&self) -> f64 {
        self.bottom - self.notes.height(&self.carry, &self.page_notes)
    }

    /// How much the notes area grows with the notes of `lines` (after `also`, notes of lines
    /// accepted but not drawn yet): whole, and at the least (the last of them split, its
    /// first lines on this page).
    fn notes_growth(&self, also: &[u32], lines: &[u32]) -> (f64, f64) {
        let Some(&last) = lines.last() else { return (0.0, 0.0) };
        let mut all = self.page_notes.clone();
        all.extend_from_slice(also);
        let before = self.notes.height(&self.carry, &all);
        all.extend_from_slice(lines);
        let whole = self.notes.height(&self.carry, &all) - before;
        let split = self.notes.rest(last, self.notes.min_lines(last));
        (whole, whole - split)
    }

    /// Draws the footnotes at the foot of the page that ends at the cursor: the rule, then the
    /// lines carried from the page before and the notes of this page, the last line on the
    /// bottom margin; the lines that do not fit below the text are carried to the next page.
    fn draw_notes(&mut self) {
        if self.page_notes.is_empty() && self.carry.is_empty() {
            return;
        }
        let mut list = std::mem::take(&mut self.carry);
        list.extend(std::mem::take(&mut self.page_notes).into_iter().map(|n| (n, 0)));
        let mut room = self.bottom - self.y - self.notes.gap;
        let mut placed: Vec<(u32, std::ops::Range<usize>)> = Vec::new();
        for (n, from) in list {
            let len = self.notes.para(n).map_or(0, |p| p.lines.len());
            let fit = if self.carry.is_empty() { self.notes.fitting(n, from, room) } else { 0 };
            if fit > 0 {
                room -= self.notes.rest(n, from) - self.notes.rest(n, from + fit);
                placed.push((n, from..from + fit));
            }
            if from + fit < len {
                self.carry.push((n, from + fit));
            }
        }
        if placed.is_empty() {
            return;
        }
        let (y, after, top_kind) = (self.y, self.prev_after, self.top_kind);
        let used: f64 = placed
            .iter()
            .map(|(n, r)| self.notes.rest(*n, r.start) - self.notes.rest(*n, r.end))
            .sum();
        self.y = self.bottom - used - self.notes.gap;
        let (length, weight) = self.notes.rule;
        let rule_y = self.y + self.notes.gap / 2.0;
        let x = self.left;
        self.page().items.push(Item::Line(Rule {
            x1: x,
            y1: rule_y,
            x2: x + length,
            y2: rule_y,
            width: weight,
        }));
        self.y += self.notes.gap;
        let notes = std::mem::take(&mut self.notes);
        for (n, range) in placed {
            if let Some(p) = notes.para(n) {
                self.draw_lines(p, x, range);
            }
        }
        self.notes = notes;
        (self.y, self.prev_after, self.top_kind) = (y, after, top_kind);
    }

    /// A pager continuing from `mark` on `pages` (the pages up to and including the mark's,
    /// which is cut back to what it held at the mark; page numbers already removed).
    pub fn resume(geo: &Geometry, mut pages: Vec<Page>, mark: &Mark) -> Self {
        // (Only for documents without footnotes: the incremental layout lays out those with
        // footnotes again from the start.)
        pages.truncate(mark.page + 1);
        if let Some(last) = pages.last_mut() {
            last.items.truncate(mark.items);
            last.anchors.truncate(mark.anchors);
        }
        Pager {
            pages,
            y: mark.y,
            top: geo.top,
            bottom: geo.bottom,
            left: geo.left,
            height: geo.height,
            prev_after: mark.prev_after,
            top_kind: mark.top_kind,
            notes: Notes::default(),
            page_notes: Vec::new(),
            carry: Vec::new(),
        }
    }

    /// The state before the next block.
    pub fn mark(&self) -> Mark {
        let page = self.pages.len().saturating_sub(1);
        let (items, anchors) =
            self.pages.last().map_or((0, 0), |p| (p.items.len(), p.anchors.len()));
        Mark {
            page,
            items,
            anchors,
            y: self.y,
            prev_after: self.prev_after,
            top_kind: self.top_kind,
        }
    }

    /// Places block `i`, first moving to a new page when keep-with-next asks for it.
    pub fn place(&mut self, blocks: &[LBlock], i: usize) {
        // Keep-with-next: the chain of kept paragraphs plus the start of what follows must
        // share a page (unless the chain alone is taller than a page).
        if let LBlock::Para(p) = &blocks[i] {
            if p.keep_next && !self.at_top() {
                let need = keep_chain_height(blocks, i, self.prev_after);
                if need > self.room() + 0.01 && need <= self.bottom - self.top {
                    self.new_page();
                }
            }
        }
        match &blocks[i] {
            LBlock::Para(p) => self.para(p, self.left),
            LBlock::Table(t) => self.table(t),
        }
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let n = self.pages.len() - 1;
        &mut self.pages[n]
    }

    fn new_page(&mut self) {
        self.draw_notes();
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
        self.limit() - self.y
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
            if p.role != Role::Footnote {
                self.page_notes.extend_from_slice(&l.notes);
            }
            for (px, piece, extra) in &l.pieces {
                let width = piece.width + extra * piece.spaces as f64;
                let rise = if piece.note.is_some() {
                    piece.style.size_pt / RAISED_SIZE * RAISED_BY
                } else {
                    0.0
                };
                items.push(Item::Text(TextRun {
                    x: x + px,
                    y: base - rise,
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
        if let Some(from_bottom) = p.pin_bottom {
            return self.pinned(p, x, from_bottom);
        }
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
            // The footnotes of the lines that fit take room at the page's foot too.
            let mut noted: Vec<u32> = Vec::new();
            let mut grown = 0.0;
            for l in &p.lines[start..] {
                let (whole, least) = self.notes_growth(&noted, &l.notes);
                if self.y + h + l.height > self.limit() - grown - least + 0.01 {
                    break;
                }
                h += l.height;
                grown += whole;
                noted.extend_from_slice(&l.notes);
                fit += 1;
            }
            fit = widow_orphan(start, fit, n - start);
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

    /// Draws a paragraph out of the flow at the foot of the current page; the cursor stays.
    fn pinned(&mut self, p: &LPara, x: f64, from_bottom: f64) {
        let (y, after) = (self.y, self.prev_after);
        self.y = self.height - from_bottom - p.lines_height();
        self.draw_lines(p, x, 0..p.lines.len());
        (self.y, self.prev_after) = (y, after);
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

/// How many of the `remaining` lines from line `start` to keep on this page when `fit` fit:
/// never a first line alone at a page's foot (orphan), never a last line alone carried to the
/// next page (widow).
fn widow_orphan(start: usize, mut fit: usize, remaining: usize) -> usize {
    if fit < remaining {
        if start == 0 && fit == 1 && remaining > 1 {
            fit = 0;
        }
        if fit > 0 && remaining - fit == 1 && remaining >= 3 {
            fit -= 1;
            if start == 0 && fit == 1 {
                fit = 0;
            }
        }
    }
    fit
}

/// Height that the keep-with-next chain starting at block `i` needs on one page: the kept
/// paragraphs and the lines of what follows that must start a page together.
fn keep_chain_height(blocks: &[LBlock], i: usize, prev_after: f64) -> f64 {
    let mut need = 0.0;
    let mut prev = prev_after;
    let mut j = i;
    while let Some(LBlock::Para(q)) = blocks.get(j) {
        if j > i && q.page_break_before {
            break;
        }
        if !q.keep_next {
            // What follows the chain: the lines that must start a page together under
            // widow/orphan control (all of a paragraph of up to three lines, else two).
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
        need +=
            t.rows.iter().take(heads + 1).map(LRow::height).sum::<f64>() + t.border.unwrap_or(0.0);
    }
    need
}
