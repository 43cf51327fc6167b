//! The taken figures added up and written into a copy of the report, with their sources, the
//! figures received and the text items picked.

use std::collections::HashMap;

use crate::collect::{Sheet, TextKind, UnitText};
use crate::model::walk;
use crate::model::*;

use super::breakdown::breakdown;
use super::{Compilation, FileStatus};

/// Each key's sum and who gave what.
type Sums<'a> = HashMap<&'a str, (f64, Vec<(String, f64)>)>;

impl<'a> Compilation<'a> {
    /// The sums of the taken files' figures the forms ask for, marking those files taken.
    pub(super) fn add_up(&self, taken: &[(usize, String)], files: &mut [FileStatus]) -> Sums<'a> {
        let (subs, known) = (self.subs, self.known);
        let mut sums: Sums = HashMap::new();
        for (i, u) in taken {
            for (k, v) in &subs[*i].values {
                if known.contains(k) {
                    let e = sums.entry(k.as_str()).or_insert((0.0, vec![]));
                    e.0 += v;
                    e.1.push((u.clone(), *v));
                }
            }
            if let Some(f) = files.get_mut(*i) {
                f.taken = true;
                f.figures = subs[*i].values.keys().filter(|k| known.contains(*k)).count();
            }
        }
        sums
    }

    /// The report with the sums, the breakdown annex, the figures received and the picks;
    /// and how many district figures were filled.
    pub(super) fn fill(
        &self,
        report: &Report,
        sums: &Sums<'_>,
        taken: &[(usize, String)],
        id: &str,
        picks: &[UnitText],
    ) -> (Report, usize) {
        let (subs, known) = (self.subs, self.known);
        let mut out = report.clone();
        let mut filled = 0;
        if !sums.is_empty() {
            filled = apply(&mut out, self.sheets, sums);
            breakdown(&mut out, self.sheets, taken, subs, self.units);
        }
        let received: Vec<UnitFigures> = taken
            .iter()
            .map(|(i, u)| UnitFigures {
                unit: u.clone(),
                file: subs[*i].file.clone(),
                values: subs[*i]
                    .values
                    .iter()
                    .filter(|(k, _)| known.contains(*k))
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
            })
            .collect();
        let c = out.collection.get_or_insert_with(|| Collection {
            id: id.to_string(),
            units: vec![],
            deadline: None,
            received: vec![],
            previous: vec![],
        });
        if c.id.is_empty() {
            c.id = id.to_string();
        }
        if !taken.is_empty() {
            c.received = received;
        }
        for p in picks {
            place_pick(&mut out, p);
        }
        (out, filled)
    }
}

/// Where a sum came from, as written beside it: each unit and what it gave.
fn source_text(parts: &[(String, f64)]) -> String {
    let list: Vec<String> = parts.iter().map(|(u, v)| format!("{u}: {v}")).collect();
    format!("Tổng hợp từ {} đơn vị — {}", parts.len(), list.join("; "))
}

/// Writes the sums and their sources into the report; returns how many figures were filled.
fn apply(out: &mut Report, sheets: &[Sheet], sums: &Sums) -> usize {
    let mut filled = 0;
    let mut blocks = walk::blocks_mut(out);
    for s in sheets {
        for row in &s.rows {
            for (c, key) in row.keys.iter().enumerate() {
                let Some(key) = key else { continue };
                let got = sums.get(key.as_str());
                if got.is_some() {
                    filled += 1;
                }
                if let Some(f) = &row.figure {
                    if let Some(Block::Results(res)) = blocks.get_mut(f.block) {
                        if let Some(fig) =
                            res.items.get_mut(f.item).and_then(|i| i.figures.get_mut(&f.name))
                        {
                            fig.value = got.map(|g| g.0);
                            fig.source = got.map(|g| source_text(&g.1));
                        }
                    }
                    continue;
                }
                if let Some(Block::Table(t)) = blocks.get_mut(s.block) {
                    let col = s.columns[c].index;
                    if let Some(cell) = t.rows.get_mut(row.index).and_then(|r| r.get_mut(col)) {
                        *cell = got.map(|g| Cell::Number(g.0)).unwrap_or(Cell::Empty);
                    }
                    let at = format!("{},{col}", row.index);
                    match got {
                        Some(g) => t.sources.insert(at, source_text(&g.1)),
                        None => t.sources.remove(&at),
                    };
                }
            }
        }
    }
    filled
}

/// Puts a picked text item where it belongs, naming its unit: a shortcoming with the
/// shortcomings, a proposal after the proposals, a result or model after the first results.
fn place_pick(out: &mut Report, p: &UnitText) {
    let text = format!("{} ({})", p.text.trim_end_matches('.'), p.unit);
    let mut lists = walk::block_lists_mut(out);
    if p.kind == TextKind::Shortcoming {
        for list in lists.iter_mut() {
            if let Some(Block::Shortcomings(s)) =
                list.iter_mut().find(|b| matches!(b, Block::Shortcomings(_)))
            {
                s.items.push(text);
                return;
            }
        }
    }
    let anchor = |b: &Block| match p.kind {
        TextKind::Proposal => matches!(b, Block::Proposals(_)),
        _ => matches!(b, Block::Results(_)),
    };
    for list in lists.iter_mut() {
        if let Some(i) = list.iter().position(anchor) {
            // Picks gather in one list of lines right after the anchor.
            if let Some(Block::Lines(l)) = list.get_mut(i + 1) {
                l.items.push(text);
            } else {
                list.insert(
                    i + 1,
                    Block::Lines(Lines { marker: Marker::default(), items: vec![text] }),
                );
            }
            return;
        }
    }
    // No such block: after the last part's blocks.
    if let Some(list) = lists.iter_mut().rev().find(|l| !l.is_empty()) {
        list.push(Block::Lines(Lines { marker: Marker::default(), items: vec![text] }));
    }
}
