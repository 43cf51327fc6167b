//! The breakdown annex: every unit's figures, a unit per row, replacing the one of an earlier
//! compile.

use std::collections::{BTreeMap, HashMap};

use crate::collect::read::Submission;
use crate::collect::{same_name, Sheet, BREAKDOWN_TITLE};
use crate::model::*;

/// The annex with every unit's figures, replacing the one of an earlier compile.
pub(super) fn breakdown(
    out: &mut Report,
    sheets: &[Sheet],
    taken: &[(usize, String)],
    subs: &[Submission],
    units: &[Unit],
) {
    out.annexes.retain(|a| !same_name(&a.title, BREAKDOWN_TITLE));
    // Listed units in list order, then the others as they came.
    let by_name: HashMap<&str, &(usize, String)> =
        taken.iter().map(|t| (t.1.as_str(), t)).collect();
    let listed: std::collections::HashSet<&str> = units.iter().map(|u| u.name.as_str()).collect();
    let mut order: Vec<&(usize, String)> =
        units.iter().filter_map(|l| by_name.get(l.name.as_str()).copied()).collect();
    order.extend(taken.iter().filter(|(_, u)| !listed.contains(u.as_str())));
    let mut blocks = Vec::new();
    for s in sheets {
        // One column per cell when the table is small, else per column added over the rows.
        let numbers: Vec<usize> =
            (0..s.columns.len()).filter(|&c| s.columns[c].kind == ColumnKind::Number).collect();
        let cells = s.rows.len() * numbers.len();
        let figures = s.rows.iter().any(|r| r.figure.is_some());
        let groups = breakdown_groups(s, &numbers, figures);
        // Five figures a table at most, so that the columns stay readable.
        let chunks: Vec<&[(String, Vec<String>)]> =
            if figures { groups.chunks(5).collect() } else { vec![&groups[..]] };
        for groups in chunks {
            if groups.is_empty() {
                continue;
            }
            let (columns, rows) = breakdown_table(groups, &order, subs);
            let title = if cells <= 6 || figures {
                s.title.clone()
            } else {
                format!("{} (cộng các dòng)", s.title)
            };
            blocks.push(Block::Table(StatTable {
                title: Some(title),
                unit: s.unit_line.clone(),
                stt: true,
                columns,
                rows,
                total_label: Some("Tổng cộng".into()),
                collect: Some(false),
                rules: vec![],
                sources: BTreeMap::new(),
            }));
        }
    }
    if !blocks.is_empty() {
        out.annexes.push(Annex { title: BREAKDOWN_TITLE.to_uppercase(), blocks });
    }
}

/// The figures of one breakdown table's columns: (header, the cells added into it) — a column per
/// result line's figure, per cell of a small table, else per column added over the rows.
fn breakdown_groups(s: &Sheet, numbers: &[usize], figures: bool) -> Vec<(String, Vec<String>)> {
    let cells = s.rows.len() * numbers.len();
    if figures {
        // The result lines' figures: one column each, headed by a short form of the line.
        s.rows
            .iter()
            .filter_map(|r| {
                let key = r.keys.get(1)?.clone()?;
                let short: String = r.label.chars().take(60).collect();
                let more = if r.label.chars().count() > 60 { "…" } else { "" };
                Some((format!("{short}{more}"), vec![key]))
            })
            .collect()
    } else if cells <= 6 {
        let mut g = Vec::new();
        for r in &s.rows {
            for &c in numbers {
                let Some(key) = r.keys[c].clone() else { continue };
                let header = if s.rows.len() == 1 {
                    s.columns[c].header.clone()
                } else if numbers.len() == 1 {
                    r.label.clone()
                } else {
                    format!("{} – {}", r.label, s.columns[c].header)
                };
                g.push((header, vec![key]));
            }
        }
        g
    } else {
        numbers
            .iter()
            .map(|&c| {
                (
                    s.columns[c].header.clone(),
                    s.rows.iter().filter_map(|r| r.keys[c].clone()).collect(),
                )
            })
            .collect()
    }
}

/// One breakdown table's columns and rows: a unit per row, each group's figures added.
fn breakdown_table(
    groups: &[(String, Vec<String>)],
    order: &[&(usize, String)],
    subs: &[Submission],
) -> (Vec<Column>, Vec<Vec<Cell>>) {
    let mut columns = vec![Column {
        header: "Đơn vị".into(),
        kind: ColumnKind::Text,
        sum_of: vec![],
        width: Some(3.0),
        previous: false,
        key: None,
        year: None,
    }];
    columns.extend(groups.iter().map(|(h, _)| Column {
        header: h.clone(),
        kind: ColumnKind::Number,
        sum_of: vec![],
        width: None,
        previous: false,
        key: None,
        year: None,
    }));
    let rows = order
        .iter()
        .map(|(i, u)| {
            let mut row = vec![Cell::Text(u.clone())];
            for (_, ks) in groups {
                let vals: Vec<f64> =
                    ks.iter().filter_map(|k| subs[*i].values.get(k)).copied().collect();
                row.push(if vals.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Number(vals.iter().sum())
                });
            }
            row
        })
        .collect();
    (columns, rows)
}
