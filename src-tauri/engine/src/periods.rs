//! Statistics tables whose columns are the years of the report's period ("Năm 2016 | Năm 2017 |
//! …"): one number column per year ([`Column::year`]), made from the period and moved on with it,
//! so a table always has as many year columns as the period has years, in order.
//!
//! Tables made before year columns existed are recognised by their headers ("Năm 2019",
//! "Năm [từ năm]"), so rolling an older report forward shifts its years instead of mislabelling
//! them.

use crate::flow::YearRefs;
use crate::model::walk;
use crate::model::*;

/// A column of a rebuilt table: its definition (its `sum_of` in the old table's indices), the
/// old column it stands for (row sums follow it) and the old column its cells come from (none:
/// empty cells).
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    /// The column.
    pub column: Column,
    /// The old column it replaces.
    pub was: Option<usize>,
    /// The old column whose cells it takes.
    pub from: Option<usize>,
}

/// The year a header names: "Năm 2019", "2019", "Năm [từ năm]" (with the report's references).
pub fn year_of_header(header: &str, refs: &YearRefs) -> Option<i32> {
    let h = refs.apply(header.trim());
    let h = h.strip_prefix("Năm ").or_else(|| h.strip_prefix("năm ")).unwrap_or(&h).trim();
    (h.len() == 4 && h.chars().all(|c| c.is_ascii_digit())).then(|| h.parse().ok()).flatten()
}

/// Marks as year columns the number columns of older tables headed by a year of `period`
/// ("Năm 2017", "Năm [năm trước]"); returns whether the table has year columns.
pub fn mark_year_columns(t: &mut StatTable, refs: &YearRefs, period: Period) -> bool {
    if t.columns.iter().any(|c| c.year.is_some()) {
        return true;
    }
    let mut any = false;
    for c in &mut t.columns {
        if c.kind != ColumnKind::Number || c.previous {
            continue;
        }
        if let Some(y) = year_of_header(&c.header, refs) {
            if (period.start_year..=period.end_year).contains(&y) {
                c.year = Some(y);
                any = true;
            }
        }
    }
    any
}

/// The header of the column for `year`, from a year column's header: its year replaced
/// ("Năm 2019" → "Năm 2016"; "Năm học 2019" → "Năm học 2016"), else "Năm 2016".
fn header_for(model: &Column, year: i32, refs: &YearRefs) -> String {
    let h = refs.apply(model.header.trim());
    match model.year.map(|y| y.to_string()).filter(|y| h.contains(y.as_str())) {
        Some(old) => h.replace(&old, &year.to_string()),
        None => format!("Năm {year}"),
    }
}

/// The table's columns with the year columns replaced by one per year of `years` at the place
/// of the first; a year already there keeps its column (and its cells when `carry`).
pub(crate) fn year_plan(
    t: &StatTable,
    years: &[i32],
    refs: &YearRefs,
    carry: bool,
) -> Vec<Planned> {
    let Some(first) = t.columns.iter().position(|c| c.year.is_some()) else {
        return keep_all(t);
    };
    let model = &t.columns[first];
    let mut out = Vec::new();
    for (i, c) in t.columns.iter().enumerate() {
        if i == first {
            for &y in years {
                let old = t.columns.iter().position(|c| c.year == Some(y));
                let base = old.map_or(model, |o| &t.columns[o]);
                let column = Column {
                    header: header_for(base, y, refs),
                    year: Some(y),
                    key: None,
                    sum_of: vec![],
                    previous: false,
                    ..base.clone()
                };
                out.push(Planned { column, was: old, from: old.filter(|_| carry) });
            }
        } else if c.year.is_none() {
            out.push(Planned { column: c.clone(), was: Some(i), from: Some(i) });
        }
    }
    out
}

/// Every column kept as it is.
pub(crate) fn keep_all(t: &StatTable) -> Vec<Planned> {
    let keep =
        |(i, c): (usize, &Column)| Planned { column: c.clone(), was: Some(i), from: Some(i) };
    t.columns.iter().enumerate().map(keep).collect()
}

/// Rebuilds a table from a plan: cells taken from their old columns, row sums pointing at the
/// new columns (a sum that took any year column takes every year column), sources moved.
pub(crate) fn apply_plan(t: &mut StatTable, plan: Vec<Planned>) {
    let old_years: Vec<usize> =
        (0..t.columns.len()).filter(|&i| t.columns[i].year.is_some()).collect();
    let new_years: Vec<usize> =
        (0..plan.len()).filter(|&j| plan[j].column.year.is_some()).collect();
    let current = |old: usize| -> Vec<usize> {
        if old_years.contains(&old) && !new_years.is_empty() {
            return new_years.clone();
        }
        (0..plan.len()).filter(|&j| plan[j].was == Some(old) && !plan[j].column.previous).collect()
    };
    let mut columns: Vec<Column> = Vec::with_capacity(plan.len());
    for p in &plan {
        let mut c = p.column.clone();
        if c.kind == ColumnKind::RowSum {
            let mut sum: Vec<usize> = c.sum_of.iter().flat_map(|&i| current(i)).collect();
            sum.sort_unstable();
            sum.dedup();
            c.sum_of = sum;
        }
        columns.push(c);
    }
    t.rows = t
        .rows
        .iter()
        .map(|row| {
            plan.iter()
                .map(|p| p.from.and_then(|i| row.get(i).cloned()).unwrap_or(Cell::Empty))
                .collect()
        })
        .collect();
    let sources = std::mem::take(&mut t.sources);
    for (at, text) in sources {
        let Some((r, c)) = at.split_once(',') else { continue };
        let Ok(c) = c.parse::<usize>() else { continue };
        for j in (0..plan.len()).filter(|&j| plan[j].from == Some(c)) {
            t.sources.insert(format!("{r},{j}"), text.clone());
        }
    }
    t.columns = columns;
}

/// Makes every year-column table of the report follow its period: one column per year, in
/// order, each year keeping its figures (a year no longer in the period is dropped). Returns
/// how many tables changed.
pub fn fit_to_period(report: &mut Report) -> usize {
    let Some(period) = report.period else { return 0 };
    let refs = YearRefs::of(report);
    let years = period.years();
    let mut changed = 0;
    for b in walk::blocks_mut(report) {
        let Block::Table(t) = b else { continue };
        if !mark_year_columns(t, &refs, period) {
            continue;
        }
        let before = t.clone();
        let plan = year_plan(t, &years, &refs, true);
        apply_plan(t, plan);
        if *t != before {
            changed += 1;
        }
    }
    changed
}

/// The year-column tables whose year columns are not the period's years, with what they have
/// ("2017, 2018"), for a warning.
pub fn out_of_step(report: &Report) -> Vec<(String, String)> {
    let Some(period) = report.period else { return vec![] };
    let want = period.years();
    walk::blocks(report)
        .filter_map(|(path, b)| {
            let Block::Table(t) = b else { return None };
            let have: Vec<i32> = t.columns.iter().filter_map(|c| c.year).collect();
            (!have.is_empty() && have != want).then(|| {
                let list: Vec<String> = have.iter().map(i32::to_string).collect();
                (path, list.join(", "))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(header: &str, kind: ColumnKind, year: Option<i32>) -> Column {
        Column {
            header: header.into(),
            kind,
            sum_of: vec![],
            width: None,
            previous: false,
            key: None,
            year,
        }
    }

    fn table() -> StatTable {
        let mut total = col("Tổng", ColumnKind::RowSum, None);
        total.sum_of = vec![1, 2];
        StatTable {
            title: None,
            unit: None,
            stt: true,
            columns: vec![
                col("Nội dung", ColumnKind::Text, None),
                col("Năm 2018", ColumnKind::Number, Some(2018)),
                col("Năm 2019", ColumnKind::Number, Some(2019)),
                total,
                col("Ghi chú", ColumnKind::Text, None),
            ],
            rows: vec![vec![
                Cell::Text("Hội nghị".into()),
                Cell::Number(3.0),
                Cell::Number(4.0),
                Cell::Empty,
                Cell::Text("x".into()),
            ]],
            total_label: None,
            collect: None,
            rules: vec![],
            sources: Default::default(),
        }
    }

    #[test]
    fn year_columns_follow_the_period_keeping_each_years_figures() {
        let mut t = table();
        let refs = YearRefs::for_period(2020, None);
        let plan = year_plan(&t, &[2017, 2018, 2019, 2020], &refs, true);
        apply_plan(&mut t, plan);
        let headers: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(
            headers,
            ["Nội dung", "Năm 2017", "Năm 2018", "Năm 2019", "Năm 2020", "Tổng", "Ghi chú"]
        );
        assert_eq!(t.columns[5].sum_of, vec![1, 2, 3, 4]);
        assert_eq!(t.rows[0][2], Cell::Number(3.0));
        assert_eq!(t.rows[0][3], Cell::Number(4.0));
        assert_eq!(t.rows[0][1], Cell::Empty);
        assert_eq!(t.rows[0][6], Cell::Text("x".into()));
    }

    #[test]
    fn older_tables_are_recognised_by_their_headers() {
        let mut t = table();
        for c in &mut t.columns {
            c.year = None;
        }
        t.columns[1].header = "Năm [năm trước]".into();
        t.columns[2].header = "Năm [năm]".into();
        let refs = YearRefs::for_period(2019, None);
        let p = Period { start_year: 2016, end_year: 2019 };
        assert!(mark_year_columns(&mut t, &refs, p));
        assert_eq!(t.columns[1].year, Some(2018));
        assert_eq!(t.columns[2].year, Some(2019));
        assert_eq!(year_of_header("Năm 2016–2017", &refs), None);
        assert_eq!(year_of_header("Tập thể", &refs), None);
    }
}
