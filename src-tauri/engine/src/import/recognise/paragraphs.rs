//! A body paragraph as a lesson, a solution group, a proposal, a cause, a shortcoming or a
//! list line, or kept as a plain paragraph.

use crate::import::read::RawPara;
use crate::import::Mark;
use crate::model::*;
use crate::text::strip_typed_ordinal;

use super::patterns::{cause_label, group_lead, group_title, list_line, ordinal_set, proposal};
use super::state::State;

impl State {
    /// A body paragraph: a lesson, group, proposal, cause, list line, or kept as it is.
    pub(super) fn body_para(&mut self, p: &RawPara) {
        let text = p.text.trim();
        // Solution groups: lead, then titled groups with their lines.
        if self.solution_groups_para(p, text) {
            return;
        }
        // Causes: the label, then its lines.
        if self.causes_para(p, text) {
            return;
        }
        // Proposals: "- Đối với …: …".
        if self.proposal_para(p, text) {
            return;
        }
        // Lessons: "Một là, …", "Thứ hai, …" in order.
        if self.lesson_para(p, text) {
            return;
        }
        // "- " and "+ " lines; shortcomings under a heading that speaks of them.
        if self.list_para(p, text) {
            return;
        }
        self.close_runs();
        self.target().push(Block::Paragraph(Paragraph { text: text.to_string() }));
        self.note(p, Mark::Kept);
    }

    /// Takes a solution groups' lead, or a group or line of the groups being filled.
    fn solution_groups_para(&mut self, p: &RawPara, text: &str) -> bool {
        if let Some(lead) = group_lead(text) {
            self.close_runs();
            self.target().push(Block::SolutionGroups(SolutionGroups {
                lead,
                numbering: GroupNumbering::Parenthesized,
                groups: vec![],
            }));
            self.in_groups = true;
            self.note(p, Mark::SolutionGroup);
            return true;
        }
        if self.in_groups {
            let group = group_title(text);
            if let Some(Block::SolutionGroups(g)) = self.target().last_mut() {
                if let Some((numbering, title)) = group {
                    if g.groups.is_empty() {
                        g.numbering = numbering;
                    }
                    g.groups.push(SolutionGroup { title, items: vec![] });
                    self.counts.groups += 1;
                    self.note(p, Mark::SolutionGroup);
                    return true;
                }
                if let (Some((_, line)), Some(last)) = (list_line(text), g.groups.last_mut()) {
                    last.items.push(line.to_string());
                    self.note(p, Mark::SolutionGroup);
                    return true;
                }
            }
            self.in_groups = false;
        }
        false
    }

    /// Takes a causes label, or a line of the causes being filled.
    fn causes_para(&mut self, p: &RawPara, text: &str) -> bool {
        if let Some((subjective, rest)) = cause_label(text) {
            self.in_groups = false;
            let continues = matches!(self.target().last(), Some(Block::Causes(_)));
            if !continues {
                self.target().push(Block::Causes(Causes {
                    intro: None,
                    objective: vec![],
                    subjective: vec![],
                }));
            }
            if !rest.is_empty() {
                if let Some(Block::Causes(c)) = self.target().last_mut() {
                    if subjective { &mut c.subjective } else { &mut c.objective }.push(rest);
                }
            }
            self.in_causes = Some(subjective);
            self.note(p, Mark::Cause);
            return true;
        }
        if let Some(subjective) = self.in_causes {
            if let Some((Marker::Dash, line)) = list_line(text) {
                if let Some(Block::Causes(c)) = self.target().last_mut() {
                    if subjective { &mut c.subjective } else { &mut c.objective }
                        .push(line.to_string());
                    self.counts.causes += 1;
                    self.note(p, Mark::Cause);
                    return true;
                }
            }
            self.in_causes = None;
        }
        false
    }

    /// Takes a proposal, with or without its dash.
    fn proposal_para(&mut self, p: &RawPara, text: &str) -> bool {
        let bare = list_line(text).map_or(text, |(_, t)| t);
        if let Some(pr) = proposal(bare) {
            match self.target().last_mut() {
                Some(Block::Proposals(ps)) => ps.items.push(pr),
                _ => {
                    self.target().push(Block::Proposals(Proposals { intro: None, items: vec![pr] }))
                }
            }
            self.counts.proposals += 1;
            self.note(p, Mark::Proposal);
            return true;
        }
        false
    }

    /// Takes a lesson, continuing the lessons of the same ordinal set.
    fn lesson_para(&mut self, p: &RawPara, text: &str) -> bool {
        if let Some(set) = ordinal_set(text) {
            let item = strip_typed_ordinal(text).unwrap_or(text).to_string();
            match self.target().last_mut() {
                Some(Block::Lessons(l)) if l.ordinals == set => l.items.push(item),
                _ => self.target().push(Block::Lessons(Lessons {
                    intro: None,
                    ordinals: set,
                    items: vec![item],
                })),
            }
            self.counts.lessons += 1;
            self.note(p, Mark::Lesson);
            return true;
        }
        false
    }

    /// Takes a numbered item («1. …», «(1) …») numbered `n`, when it opens a run of items (1) or
    /// continues the run before it (its number comes next): the writer numbers them again.
    fn numbered_item(&mut self, p: &RawPara, marker: Marker, n: usize, line: &str) -> bool {
        let next = self.next_number(marker);
        if n != next && n != 1 {
            return false;
        }
        match self.target().last_mut() {
            Some(Block::Lines(l)) if l.marker == marker && n == next => {
                l.items.push(line.to_string())
            }
            _ => {
                self.close_runs();
                self.target().push(Block::Lines(Lines { marker, items: vec![line.to_string()] }));
            }
        }
        self.counts.lines += 1;
        self.note(p, Mark::Line);
        true
    }

    /// The number the next item of a run of `marker` items would have (1: no run open).
    fn next_number(&mut self, marker: Marker) -> usize {
        match self.target().last() {
            Some(Block::Lines(l)) if l.marker == marker => l.items.len() + 1,
            _ => 1,
        }
    }

    /// Takes a "- " or "+ " line, as a shortcoming or a list line.
    fn list_para(&mut self, p: &RawPara, text: &str) -> bool {
        if let Some((Marker::Paren, line)) = list_line(text) {
            let n = text.trim_start()[1..].split(')').next().and_then(|d| d.trim().parse().ok());
            return n.is_some_and(|n| self.numbered_item(p, Marker::Paren, n, line));
        }
        if let Some((marker, line)) = list_line(text) {
            let line = line.to_string();
            let shortcomings = self.shortcomings && marker == Marker::Dash;
            match self.target().last_mut() {
                Some(Block::Shortcomings(s)) if shortcomings => s.items.push(line),
                Some(Block::Lines(l)) if !shortcomings && l.marker == marker => l.items.push(line),
                _ if shortcomings => self
                    .target()
                    .push(Block::Shortcomings(Shortcomings { intro: None, items: vec![line] })),
                _ => self.target().push(Block::Lines(Lines { marker, items: vec![line] })),
            }
            if shortcomings {
                self.counts.shortcomings += 1;
                self.note(p, Mark::Shortcoming);
            } else {
                self.counts.lines += 1;
                self.note(p, Mark::Line);
            }
            return true;
        }
        false
    }
}
