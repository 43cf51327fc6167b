//! The body: opening, "Phần" groups, parts (I.), sections (1.), points (a)) and the typed
//! blocks (lists, results with figures, causes, lessons, solution groups, proposals, tables).

use crate::model::walk::{self, Node};
use crate::model::*;
use crate::profile::{Align, BlockRules, Headings, ParaStyle};
use crate::text::{
    fill, format_count, format_number, mot_la, phan_ordinal, roman, strip_typed_ordinal, thu_nhat,
    viet_letter, NumberStyle,
};

use super::builder::{cased, para, simple, style, with, FlowBuilder};
use super::figures::{parse_figures, Piece, YearRefs};
use super::types::{FBlock, FCell, FRow, FTable, Role, Span};

impl FlowBuilder<'_> {
    /// The opening blocks, then the Phần groups and parts with their sections and points.
    pub(super) fn body(&mut self) {
        // The opening and each point have no heading of their own: once their content is
        // written, its first paragraph is marked with their path (first block's index, path).
        let mut unanchored: Option<(usize, String)> = None;
        // An untitled point's letter ("a) "), opening its first block.
        let mut opener = None;
        for (path, node) in walk::body(self.report) {
            if !matches!(node, Node::Block(_)) {
                if let Some((at, anchor)) = unanchored.take() {
                    self.anchor_from(at, anchor);
                }
            }
            match node {
                Node::Opening(_) => unanchored = Some((self.blocks.len(), path)),
                Node::Content(_) | Node::Annex { .. } => {}
                Node::Phan { n, phan } => {
                    let hs = &self.p.headings;
                    let (marker, title) = phan_lines(hs, n, &phan.title, &self.refs);
                    let mut m = simple(Role::PhanMarker, &marker, &hs.phan_marker);
                    m.keep_next = hs.keep_with_next;
                    let mut t = simple(Role::PhanTitle, &title, &hs.phan_title);
                    t.keep_next = hs.keep_with_next;
                    m.anchor = Some(path);
                    self.push(m);
                    self.push(t);
                }
                Node::Part { n, part } => {
                    let h = &self.p.headings.part;
                    self.heading(Role::Part, h, &roman(n), &part.title, path);
                }
                Node::Section { n, section } => {
                    let h = &self.p.headings.section;
                    self.heading(Role::Section, h, &n.to_string(), &section.title, path);
                }
                Node::Point { n, point } => {
                    let letter = viet_letter(n);
                    unanchored = Some((self.blocks.len(), path.clone()));
                    match point.title.as_deref().filter(|t| !t.trim().is_empty()) {
                        Some(title) => {
                            let h = &self.p.headings.point;
                            self.heading(Role::Point, h, &letter, title, path);
                        }
                        None => {
                            let letter = format!("{letter}{} ", self.p.headings.point.suffix);
                            if point.blocks.is_empty() {
                                let p = self.body_para(Role::Body, vec![self.plain(letter.trim())]);
                                self.push(p);
                            } else {
                                opener = Some(letter);
                            }
                        }
                    }
                }
                Node::Block(b) => self.block(b, opener.take(), &path),
            }
        }
        if let Some((at, anchor)) = unanchored {
            self.anchor_from(at, anchor);
        }
    }

    /// Emits a block at report path `at`; `opener` ("a) ") prefixes its first paragraph. Its
    /// first paragraph is anchored at `at` and each item's at the item's path, so the preview
    /// can show the page of the line being edited.
    pub(super) fn block(&mut self, block: &Block, opener: Option<String>, at: &str) {
        let start = self.blocks.len();
        self.emit_block(block, opener, at);
        self.item_anchor = None;
        self.anchor_from(start, at.to_string());
    }

    /// Emits a block's paragraphs (see [`Self::block`]).
    fn emit_block(&mut self, block: &Block, opener: Option<String>, at: &str) {
        let mut opener = Opener(opener.map(|o| {
            let s = with(self.body_style(), self.p.headings.point_opener);
            Span { text: o, style: s, note: None }
        }));
        match block {
            Block::Paragraph(p) => {
                let spans = opener.first(self.rich("", &p.text));
                let p = self.body_para(Role::Body, spans);
                self.push(p);
            }
            Block::Lines(l) => self.emit_lines(l, at, &mut opener),
            Block::Results(r) => self.emit_results(r, at, &mut opener),
            Block::Shortcomings(s) => self.emit_shortcomings(s, at, &mut opener),
            Block::Causes(c) => self.emit_causes(c, at, &mut opener),
            Block::Lessons(l) => self.emit_lessons(l, at, &mut opener),
            Block::SolutionGroups(g) => self.emit_solution_groups(g, at, &mut opener),
            Block::Proposals(pr) => self.emit_proposals(pr, at, &mut opener),
            Block::Table(t) => {
                let spans = opener.first(vec![]);
                if !spans.is_empty() {
                    let p = self.body_para(Role::Body, spans);
                    self.push(p);
                }
                self.table(t);
            }
        }
    }

    /// Emits a block's intro paragraph, if it has one.
    fn emit_intro(&mut self, intro: Option<&str>, opener: &mut Opener) {
        if let Some(intro) = intro {
            let spans = opener.first(self.rich("", intro));
            let p = self.body_para(Role::Body, spans);
            self.push(p);
        }
    }

    /// Emits a list of lines, as legal bases when the profile's rule says they are.
    fn emit_lines(&mut self, l: &Lines, at: &str, opener: &mut Opener) {
        let basis = self.legal_basis(l, at);
        let last = l.items.len().saturating_sub(1);
        for (i, item) in l.items.iter().enumerate() {
            let marker = match &basis {
                Some(lb) => lb.prefix.clone(),
                None => self.marker(l.marker, i),
            };
            self.item_anchor = Some(format!("{at}.items[{i}]"));
            let text = match &basis {
                Some(lb) => {
                    let bare = item.trim_end().trim_end_matches([',', ';', '.', ':']);
                    format!("{bare}{}", if i == last { &lb.last_end } else { &lb.end })
                }
                None => item.clone(),
            };
            let spans = opener.first(self.rich(&marker, &text));
            let p = self.body_para(Role::Body, spans);
            self.push(p);
        }
    }

    /// Emits results: the intro, then each item with its figures written out.
    fn emit_results(&mut self, r: &Results, at: &str, opener: &mut Opener) {
        self.emit_intro(r.intro.as_deref(), opener);
        for (i, item) in r.items.iter().enumerate() {
            let marker = self.marker(r.marker, i);
            self.item_anchor = Some(format!("{at}.items[{i}]"));
            let spans = opener.first(self.rich(&marker, &self.result_text(item)));
            let p = self.body_para(Role::Body, spans);
            self.push(p);
        }
    }

    /// Emits shortcomings: the intro, then each item after a dash.
    fn emit_shortcomings(&mut self, s: &Shortcomings, at: &str, opener: &mut Opener) {
        let rules = &self.p.blocks;
        self.emit_intro(s.intro.as_deref(), opener);
        for (i, item) in s.items.iter().enumerate() {
            self.item_anchor = Some(format!("{at}.items[{i}]"));
            let spans = opener.first(self.rich(&rules.dash_marker, item));
            let p = self.body_para(Role::Body, spans);
            self.push(p);
        }
    }

    /// Emits causes: the intro, then the objective and subjective ones under their labels.
    fn emit_causes(&mut self, c: &Causes, at: &str, opener: &mut Opener) {
        let rules = &self.p.blocks;
        self.emit_intro(c.intro.as_deref(), opener);
        for (label, items, key) in [
            (&rules.objective_label, &c.objective, "objective"),
            (&rules.subjective_label, &c.subjective, "subjective"),
        ] {
            if items.is_empty() {
                continue;
            }
            let s = with(self.body_style(), rules.cause_label);
            let spans = opener.first(vec![Span { text: label.clone(), style: s, note: None }]);
            let mut p = self.body_para(Role::Body, spans);
            p.keep_next = true;
            self.push(p);
            for (i, item) in items.iter().enumerate() {
                self.item_anchor = Some(format!("{at}.{key}[{i}]"));
                let p = self.body_para(Role::Body, self.rich(&rules.dash_marker, item));
                self.push(p);
            }
        }
    }

    /// Emits lessons: the intro, then each item opened by its ordinal word ("Một là, …").
    fn emit_lessons(&mut self, l: &Lessons, at: &str, opener: &mut Opener) {
        let rules = &self.p.blocks;
        self.emit_intro(l.intro.as_deref(), opener);
        for (i, item) in l.items.iter().enumerate() {
            self.item_anchor = Some(format!("{at}.items[{i}]"));
            let word = lesson_word(l, i + 1);
            let s = with(self.body_style(), rules.ordinal);
            // An ordinal typed by the user is dropped (validation says so).
            let item = strip_typed_ordinal(item).unwrap_or(item).trim();
            let mut spans = vec![Span { text: word, style: s, note: None }];
            spans.extend(self.rich(&rules.ordinal_separator, item));
            let spans = opener.first(spans);
            let p = self.body_para(Role::Lesson, spans);
            self.push(p);
        }
    }

    /// Emits solution groups: the lead with their count, then each numbered group and its items.
    fn emit_solution_groups(&mut self, g: &SolutionGroups, at: &str, opener: &mut Opener) {
        let rules = &self.p.blocks;
        let lead = solution_lead(g, &self.numbers());
        let spans = opener.first(vec![self.plain(&lead)]);
        let mut p = self.body_para(Role::Body, spans);
        p.keep_next = true;
        self.push(p);
        for (i, group) in g.groups.iter().enumerate() {
            self.item_anchor = Some(format!("{at}.groups[{i}]"));
            let number = group_number(g, i + 1, rules);
            let s = with(self.body_style(), rules.solution_title);
            let title = match g.numbering {
                GroupNumbering::Parenthesized => group.title.trim(),
                _ => strip_typed_ordinal(&group.title).unwrap_or(&group.title).trim(),
            };
            let p = self.body_para(Role::SolutionGroup, self.noted(&format!("{number}{title}"), s));
            self.push(p);
            for item in &group.items {
                let p = self.body_para(Role::Body, self.rich(&rules.dash_marker, item));
                self.push(p);
            }
        }
    }

    /// Emits proposals: the intro, then each item as the profile's format with its addressee.
    fn emit_proposals(&mut self, pr: &Proposals, at: &str, opener: &mut Opener) {
        let rules = &self.p.blocks;
        self.emit_intro(pr.intro.as_deref(), opener);
        let (before, after) =
            rules.proposal_format.split_once("{text}").unwrap_or((&rules.proposal_format, ""));
        for (i, item) in pr.items.iter().enumerate() {
            self.item_anchor = Some(format!("{at}.items[{i}]"));
            let lead = fill(before, &[("addressee", item.addressee.trim())]);
            let lead_trimmed = lead.trim_end();
            let gap = &lead[lead_trimmed.len()..];
            let s = with(self.body_style(), rules.proposal_addressee);
            let mut spans = vec![
                self.plain(&rules.dash_marker),
                Span { text: lead_trimmed.to_string(), style: s, note: None },
            ];
            spans.extend(self.rich(gap, &format!("{}{after}", item.text.trim())));
            let spans = opener.first(spans);
            let p = self.body_para(Role::Body, spans);
            self.push(p);
        }
    }

    /// The profile's legal-basis rule when `l`, in the opening, lists legal bases: every item
    /// starts with one of the rule's words («Căn cứ …»). HD 05 p. 12 §6.2.3.
    fn legal_basis(&self, l: &Lines, at: &str) -> Option<crate::profile::LegalBasis> {
        let lb = self.p.legal_basis.as_ref()?;
        let all = !l.items.is_empty()
            && l.items.iter().all(|item| {
                let t = item.trim_start();
                lb.starts_with.iter().any(|w| t.starts_with(w.as_str()))
            });
        (at.starts_with("body.opening") && all).then(|| lb.clone())
    }

    /// The text of a list marker before the `i`-th item (0-based).
    fn marker(&self, m: Marker, i: usize) -> String {
        let b = &self.p.blocks;
        match m {
            Marker::Dash => b.dash_marker.clone(),
            Marker::Plus => b.plus_marker.clone(),
            Marker::Number => fill(&b.number_marker, &[("n", &(i + 1).to_string())]),
            Marker::Paren => fill(&b.paren_marker, &[("n", &(i + 1).to_string())]),
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

    /// A statistics table with its caption and unit lines.
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
        let fit = super::tablefit::fit(t, self.p, self.content_mm());
        let widths_mm = fit.widths_mm;

        let cell_para = ParaStyle {
            align: Align::Left,
            first_line_indent_mm: 0.0,
            space_before_pt: tp.cell_space_pt,
            space_after_pt: tp.cell_space_pt,
            line_spacing: tp.line_spacing,
        };
        let p = self.p;
        let rows: Vec<FRow> = super::tablefit::grid(t, p)
            .into_iter()
            .enumerate()
            .map(|(i, row)| FRow {
                cells: row
                    .into_iter()
                    .map(|c| {
                        let s = style(&super::tablefit::role_style(p, c.role, fit.scale));
                        let spans = self.noted(&c.text, s);
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
}

/// The "Phần" group's marker line ("Phần thứ nhất") and title line as printed (year references
/// replaced, then each line's letter case).
pub(crate) fn phan_lines(
    hs: &Headings,
    n: usize,
    title: &str,
    refs: &YearRefs,
) -> (String, String) {
    let marker = fill(&hs.phan_marker_format, &[("ordinal", &phan_ordinal(n))]);
    (
        cased(&marker, hs.phan_marker.text.case),
        cased(&refs.apply(title.trim()), hs.phan_title.text.case),
    )
}

/// The ordinal word opening the n-th (1-based) lesson: "Một là", "Thứ nhất".
pub(crate) fn lesson_word(l: &Lessons, n: usize) -> String {
    match l.ordinals {
        OrdinalSet::MotLa => mot_la(n),
        OrdinalSet::ThuNhat => thu_nhat(n),
    }
}

/// The number printed before the n-th (1-based) solution group's title: "(1) ", "Một là, ".
pub(crate) fn group_number(g: &SolutionGroups, n: usize, rules: &BlockRules) -> String {
    match g.numbering {
        GroupNumbering::Parenthesized => {
            format!("{} ", fill(&rules.parenthesized_format, &[("n", &n.to_string())]))
        }
        GroupNumbering::MotLa => format!("{}{}", mot_la(n), rules.ordinal_separator),
        GroupNumbering::ThuNhat => format!("{}{}", thu_nhat(n), rules.ordinal_separator),
    }
}

/// The lead sentence of solution groups as printed: `{count}` is the number of groups ("06").
pub(crate) fn solution_lead(g: &SolutionGroups, numbers: &NumberStyle) -> String {
    g.lead.replace("{count}", &format_count(g.groups.len() as u64, numbers))
}

/// An untitled point's letter ("a) "), waiting to open the first paragraph of its block.
struct Opener(Option<Span>);

impl Opener {
    /// Prefixes `spans` with the waiting letter, once; later calls return `spans` unchanged.
    fn first(&mut self, spans: Vec<Span>) -> Vec<Span> {
        match self.0.take() {
            Some(o) => std::iter::once(o).chain(spans).collect(),
            None => spans,
        }
    }
}
