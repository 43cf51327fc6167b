//! "Next period's report" from an existing one: dates and period moved on, the document number
//! cleared, structure and recurring text kept, figures cleared ("cần cập nhật") and, in tables,
//! last period's figures kept in a comparison column beside each figure column.

use chrono::{Datelike, NaiveDate};

use crate::model::walk;
use crate::model::*;

/// Label appended to the header of a comparison column.
pub const PREVIOUS_SUFFIX: &str = " (kỳ trước)";

fn add_years(d: NaiveDate, years: i32) -> NaiveDate {
    let y = d.year() + years;
    NaiveDate::from_ymd_opt(y, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
        .unwrap_or(d)
}

/// Next period's report and what changed beyond dates and figures, for the user.
#[derive(Debug, Clone)]
pub struct Rolled {
    /// The new report.
    pub report: Report,
    /// Notices in Vietnamese («Báo cáo kỳ sau theo Hướng dẫn 05-HD/VPTW…»).
    pub notices: Vec<String>,
}

/// The report for the period `years` later ([`next_period`]), with notices: when a Party report's
/// new date falls under another guidance (HD 05 from 27/5/2026) the notice names it.
pub fn roll(report: &Report, years: i32) -> Rolled {
    let next = next_period(report, years);
    let mut notices = Vec::new();
    let old = crate::profile::resolve_id(&report.header.profile, report.header.date);
    let new = crate::profile::resolve_id(&next.header.profile, next.header.date);
    if new != old {
        let name = |id: &str| {
            crate::profile::FormatProfile::builtin(id).map(|p| p.name).unwrap_or(id.to_string())
        };
        notices.push(format!(
            "Báo cáo kỳ sau (ngày {}) theo {} thay cho {}: thể thức văn bản của Đảng nay theo \
             ngày văn bản.",
            next.header.date.format("%d/%m/%Y"),
            name(&new),
            name(&old)
        ));
    }
    Rolled { report: next, notices }
}

/// A Party report moved to a date under another guidance than its own (HD 05 from 27/5/2026)
/// names the Party family instead, which follows the date.
fn follow_guidance(old: &Report, next: &mut Report) {
    let was = crate::profile::resolve_id(&old.header.profile, old.header.date);
    if let Some(family) = crate::profile::family_of(&was) {
        if crate::profile::resolve_id(family, next.header.date) != was {
            next.header.profile = family.to_string();
        }
    }
}

/// The report for the period `years` later; a Party report whose new date falls under another
/// guidance is moved to the Party family («dang», see [`roll`] for the notice).
pub fn next_period(report: &Report, years: i32) -> Report {
    let mut r = report.clone();
    r.header.date = add_years(r.header.date, years);
    follow_guidance(report, &mut r);
    r.header.number = None;
    if let Some(p) = &mut r.period {
        p.start_year += years;
        p.end_year += years;
    }
    // This period's unit figures become last period's, for the outlier check.
    if let Some(c) = &mut r.collection {
        c.previous = std::mem::take(&mut c.received);
        // A new period, new forms: last period's forms are another report's.
        c.id = String::new();
        c.deadline = c.deadline.map(|d| add_years(d, years));
    }
    for b in walk::blocks_mut(&mut r) {
        match b {
            Block::Results(res) => {
                for item in &mut res.items {
                    for f in item.figures.values_mut() {
                        f.value = None;
                    }
                }
            }
            Block::Table(t) => {
                t.sources.clear();
                roll_table(t);
            }
            _ => {}
        }
    }
    r
}

/// Drops the old comparison columns, then puts each figure column's values into a new
/// comparison column right after it and clears the figure column.
fn roll_table(t: &mut StatTable) {
    // Old index → kept; drop previous columns.
    let keep: Vec<usize> = (0..t.columns.len()).filter(|&i| !t.columns[i].previous).collect();
    let mut map_old_to_mid = vec![None; t.columns.len()];
    for (new, &old) in keep.iter().enumerate() {
        map_old_to_mid[old] = Some(new);
    }
    let columns: Vec<Column> = keep.iter().map(|&i| t.columns[i].clone()).collect();
    let rows: Vec<Vec<Cell>> = t
        .rows
        .iter()
        .map(|row| keep.iter().map(|&i| row.get(i).cloned().unwrap_or(Cell::Empty)).collect())
        .collect();
    // Remap row sums to the kept columns.
    let columns: Vec<Column> = columns
        .into_iter()
        .map(|mut c| {
            c.sum_of =
                c.sum_of.iter().filter_map(|&i| map_old_to_mid.get(i).copied().flatten()).collect();
            c
        })
        .collect();
    // Insert a comparison column after each figure column.
    let mut final_index = Vec::with_capacity(columns.len());
    let mut out_cols = Vec::new();
    for c in &columns {
        final_index.push(out_cols.len());
        out_cols.push(c.clone());
        if c.kind == ColumnKind::Number {
            out_cols.push(Column {
                header: format!("{}{PREVIOUS_SUFFIX}", c.header),
                kind: ColumnKind::Number,
                sum_of: vec![],
                width: c.width,
                previous: true,
                key: None,
            });
        }
    }
    for c in &mut out_cols {
        if c.kind == ColumnKind::RowSum {
            c.sum_of = c.sum_of.iter().map(|&i| final_index[i]).collect();
        }
    }
    t.rows = rows
        .into_iter()
        .map(|row| {
            let mut out = Vec::new();
            for (c, cell) in columns.iter().zip(row) {
                if c.kind == ColumnKind::Number {
                    out.push(Cell::Empty);
                    out.push(cell);
                } else {
                    out.push(cell);
                }
            }
            out
        })
        .collect();
    t.columns = out_cols;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_party_report_rolled_into_2026_moves_to_hd05_and_says_so() {
        let mut r = crate::sample::sample();
        r.header.date = NaiveDate::from_ymd_opt(2025, 6, 15).expect("date");
        assert_eq!(r.header.profile, "hd36");
        let rolled = roll(&r, 1);
        assert_eq!(rolled.report.header.profile, "dang");
        assert_eq!(crate::applicable_profile_id(&rolled.report), "hd05");
        assert_eq!(rolled.notices.len(), 1);
        assert!(rolled.notices[0].contains("05-HD/VPTW"), "{:?}", rolled.notices);
        // Within one guidance nothing moves and nothing is said.
        r.header.date = NaiveDate::from_ymd_opt(2018, 6, 15).expect("date");
        let same = roll(&r, 1);
        assert_eq!(same.report.header.profile, "hd36");
        assert!(same.notices.is_empty());
    }

    #[test]
    fn a_leap_day_moves_to_the_28th() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).expect("date");
        assert_eq!(add_years(d, 1), NaiveDate::from_ymd_opt(2025, 2, 28).expect("date"));
    }
}
