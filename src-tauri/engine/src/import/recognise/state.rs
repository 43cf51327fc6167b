//! The report as it is being built: where the next blocks go, the counts of what was
//! recognised, the original's lines with their marks, and the warnings.

use crate::diagnostic::{codes, Diagnostic};
use crate::import::read::RawPara;
use crate::import::{Mark, SourceLine};
use crate::model::*;

use super::patterns::speaks_of_shortcomings;

/// Where body blocks go next.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Open {
    /// The body's opening, before the first heading.
    Opening,
    /// The last "Phần".
    Phan,
    /// The last part (I.).
    Part,
    /// The last section (1.).
    Section,
    /// The last point (a)).
    Point,
    /// The last annex.
    Annex,
}

/// The report being built from the items read so far, with what was recognised.
pub(super) struct State {
    /// The report's body so far.
    pub(super) report_body: Body,
    /// The annexes so far.
    pub(super) annexes: Vec<Annex>,
    /// Where body blocks go next.
    pub(super) open: Open,
    /// The solution groups block being filled (its lines go to its last group).
    pub(super) in_groups: bool,
    /// The causes block being filled: subjective (true) or objective.
    pub(super) in_causes: Option<bool>,
    /// The heading in force speaks of shortcomings ("Hạn chế", "Tồn tại").
    pub(super) shortcomings: bool,
    /// How many of each kind were recognised.
    pub(super) counts: Counts,
    /// The original's paragraphs so far, each with what it became.
    pub(super) source: Vec<SourceLine>,
    /// The warnings met so far.
    pub(super) warnings: Vec<Diagnostic>,
}

/// How many of each kind were recognised, for the summary.
#[derive(Default)]
pub(super) struct Counts {
    /// Header lines.
    pub(super) header: u32,
    /// "Phần" headings.
    pub(super) phans: u32,
    /// Parts (I.).
    pub(super) parts: u32,
    /// Sections (1.).
    pub(super) sections: u32,
    /// Points (a)).
    pub(super) points: u32,
    /// Lessons.
    pub(super) lessons: u32,
    /// Solution groups.
    pub(super) groups: u32,
    /// Proposals.
    pub(super) proposals: u32,
    /// Cause lines.
    pub(super) causes: u32,
    /// Shortcoming lines.
    pub(super) shortcomings: u32,
    /// "- " and "+ " lines.
    pub(super) lines: u32,
    /// Statistics tables.
    pub(super) tables: u32,
    /// Parts of the closing (sentence, signature lines, recipients, archive).
    pub(super) closing: u32,
    /// Annexes.
    pub(super) annexes: u32,
    /// Paragraphs kept as plain paragraphs.
    pub(super) kept: u32,
    /// Paragraphs converted from a legacy encoding.
    pub(super) converted: u32,
}

impl State {
    /// An empty state, before the first item of the document.
    pub(super) fn new() -> Self {
        State {
            report_body: Body { opening: vec![], content: vec![] },
            annexes: vec![],
            open: Open::Opening,
            in_groups: false,
            in_causes: None,
            shortcomings: false,
            counts: Counts::default(),
            source: vec![],
            warnings: vec![],
        }
    }
    /// Records `p` in the source lines as having become `mark`.
    pub(super) fn note(&mut self, p: &RawPara, mark: Mark) {
        if p.converted.is_some() {
            self.counts.converted += 1;
        }
        if mark == Mark::Kept {
            self.counts.kept += 1;
        }
        self.source.push(SourceLine {
            text: p.text.clone(),
            mark,
            converted_from: p.converted.map(|e| e.name().to_string()),
            page_break: p.page_break,
        });
    }

    /// The blocks of the innermost open container.
    pub(super) fn target(&mut self) -> &mut Vec<Block> {
        let open = self.open;
        if open == Open::Annex && !self.annexes.is_empty() {
            return &mut self.annexes.last_mut().expect("not empty").blocks;
        }
        let body = &mut self.report_body;
        if open == Open::Opening || body.content.is_empty() {
            return &mut body.opening;
        }
        match body.content.last_mut().expect("not empty") {
            Division::Phan(ph) => {
                if open == Open::Phan || ph.parts.is_empty() {
                    &mut ph.blocks
                } else {
                    part_target(ph.parts.last_mut().expect("not empty"), open)
                }
            }
            Division::Part(p) => part_target(p, open),
        }
    }

    /// Ends the solution groups or causes being filled.
    pub(super) fn close_runs(&mut self) {
        self.in_groups = false;
        self.in_causes = None;
    }

    /// Opens a "Phần" titled `title`.
    pub(super) fn new_phan(&mut self, title: String) {
        self.close_runs();
        self.report_body.content.push(Division::Phan(Phan {
            title,
            hint: None,
            blocks: vec![],
            parts: vec![],
        }));
        self.open = Open::Phan;
        self.counts.phans += 1;
        self.shortcomings = false;
    }

    /// Opens a part (I.) titled `title`.
    pub(super) fn new_part(&mut self, title: String) {
        self.close_runs();
        let part = Part { title: title.clone(), hint: None, blocks: vec![], sections: vec![] };
        match self.report_body.content.last_mut() {
            Some(Division::Phan(ph)) => ph.parts.push(part),
            _ => self.report_body.content.push(Division::Part(part)),
        }
        self.open = Open::Part;
        self.counts.parts += 1;
        self.shortcomings = speaks_of_shortcomings(&title);
    }

    /// The part sections go into, made (untitled) when the file has none.
    fn part_mut(&mut self) -> &mut Part {
        let needs = match self.report_body.content.last() {
            Some(Division::Part(_)) => false,
            Some(Division::Phan(ph)) => ph.parts.is_empty(),
            None => true,
        };
        if needs {
            self.warnings.push(Diagnostic::warning(
                codes::IMPORT_UNTITLED_PART,
                "Có khoản (1., 2.) nằm ngoài mục La Mã nào: chương trình đặt chúng vào một mục \
                 chưa có tên, hãy đặt tên mục.",
            ));
            self.new_part(String::new());
        }
        match self.report_body.content.last_mut() {
            Some(Division::Part(p)) => p,
            Some(Division::Phan(ph)) => ph.parts.last_mut().expect("made above"),
            None => unreachable!("made above"),
        }
    }

    /// Opens a section (1.) titled `title`.
    pub(super) fn new_section(&mut self, title: String) {
        self.close_runs();
        self.shortcomings = speaks_of_shortcomings(&title);
        let t = title.clone();
        self.part_mut().sections.push(Section {
            title: t,
            hint: None,
            blocks: vec![],
            points: vec![],
        });
        self.open = Open::Section;
        self.counts.sections += 1;
    }

    /// Opens a point (a)), titled or not.
    pub(super) fn new_point(&mut self, title: Option<String>) {
        self.close_runs();
        if let Some(t) = &title {
            self.shortcomings = speaks_of_shortcomings(t);
        }
        let part = self.part_mut();
        if part.sections.is_empty() {
            part.sections.push(Section {
                title: String::new(),
                hint: None,
                blocks: vec![],
                points: vec![],
            });
        }
        part.sections.last_mut().expect("made above").points.push(Point {
            title,
            hint: None,
            blocks: vec![],
        });
        self.open = Open::Point;
        self.counts.points += 1;
    }
}

/// The blocks of a part's innermost open container.
fn part_target(p: &mut Part, open: Open) -> &mut Vec<Block> {
    if !matches!(open, Open::Section | Open::Point) || p.sections.is_empty() {
        return &mut p.blocks;
    }
    let s = p.sections.last_mut().expect("not empty");
    if open == Open::Point && !s.points.is_empty() {
        return &mut s.points.last_mut().expect("not empty").blocks;
    }
    &mut s.blocks
}
