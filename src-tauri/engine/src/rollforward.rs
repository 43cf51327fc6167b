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

/// The report for the period `years` later.
pub fn next_period(report: &Report, years: i32) -> Report {
    let mut r = report.clone();
    r.header.date = add_years(r.header.date, years);
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
    fn a_leap_day_moves_to_the_28th() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).expect("date");
        assert_eq!(add_years(d, 1), NaiveDate::from_ymd_opt(2025, 2, 28).expect("date"));
    }
}
