//! Statistics tables: a Word table with its caption and unit line read as a table of columns
//! and numbers, its totals row checked.

use crate::diagnostic::{codes, Diagnostic};
use crate::import::read::{RawCell, RawItem, RawTable};
use crate::import::Mark;
use crate::model::*;
use crate::text::parse_vi_number;

use super::patterns::part_heading;
use super::state::State;

/// A caption and/or unit line followed by a table: consumes them all, returns how many items.
pub(super) fn caption(items: &[RawItem], k: usize, end: usize, st: &mut State) -> Option<usize> {
    let mut title = None;
    let mut unit = None;
    let mut j = k;
    while j < end && j < k + 2 {
        let RawItem::Para(p) = &items[j] else { break };
        let t = p.text.trim();
        let is_unit = regex!(r"^\(?(?i:đơn vị tính|đvt)\s*:").is_match(t);
        if is_unit && unit.is_none() {
            unit = Some(p);
        } else if p.center
            && p.bold
            && title.is_none()
            && unit.is_none()
            && part_heading(t).is_none()
        {
            title = Some(p);
        } else {
            break;
        }
        j += 1;
    }
    let Some(RawItem::Table(t)) = items.get(j).filter(|_| j < end && j > k) else { return None };
    for p in title.iter().chain(unit.iter()) {
        st.note(p, Mark::Table);
    }
    let table = stat_table(
        t,
        title.map(|p| p.text.trim().to_string()),
        unit.map(|p| p.text.trim().to_string()),
        st,
    );
    st.close_runs();
    st.target().push(Block::Table(table));
    Some(j - k + 1)
}

/// A Word table as a statistics table: STT column, merged header rows flattened, numbers read,
/// the "Tổng cộng" row recognised (recomputed on export, checked now).
pub(super) fn stat_table(
    t: &RawTable,
    title: Option<String>,
    unit: Option<String>,
    st: &mut State,
) -> StatTable {
    st.counts.tables += 1;
    // Lay the rows out on the grid: spanned cells repeat, merged-up cells take the text above.
    let (grid, width, merged) = lay_out_grid(t);
    for row in &t.rows {
        for cell in row {
            for p in &cell.paras {
                st.note(p, Mark::Table);
            }
        }
    }
    // Header rows: the first row, and the rows below it while a merged cell spans into them.
    let header_rows = count_header_rows(t, &grid);
    let mut headers = flat_headers(&grid, header_rows, width);
    if merged && header_rows > 1 {
        st.warnings.push(Diagnostic::warning(
            codes::IMPORT_MERGED_HEADER,
            format!(
                "Bảng {}: tiêu đề có ô gộp, đã trải thành một hàng tiêu đề («{}»).",
                st.counts.tables,
                headers.join(" | ")
            ),
        ));
    }
    let mut rows: Vec<Vec<String>> =
        grid[header_rows..].iter().map(|r| r.iter().map(|c| c.0.clone()).collect()).collect();
    // A row of column numbers "(1) (2) (3)" or "1 2 3" under the header.
    drop_column_numbers(&mut rows);
    // STT column.
    let stt = strip_stt(&mut headers, &mut rows);
    // The totals row.
    let (total_label, file_totals) = totals_row(&mut rows);
    let columns_n = headers.len();
    let numeric = numeric_columns(&rows, columns_n);
    // Relative widths as Word laid the columns out (the STT column's is the profile's).
    let mut columns = table_columns(t, width, stt, &headers, &numeric);
    let mut cells = table_cells(&rows, &numeric, columns_n);
    row_sums(&mut columns, &mut cells);
    if let Some(file) = &file_totals {
        check_totals(file, total_label.as_deref(), &columns, &cells, st);
    }
    StatTable {
        title,
        unit,
        stt,
        columns,
        rows: cells,
        total_label,
        collect: None,
        rules: vec![],
        sources: std::collections::BTreeMap::new(),
    }
}

/// The table's text on its grid (with whether each cell is spanned or merged), the grid's
/// width, and whether any cell is spanned or merged.
fn lay_out_grid(t: &RawTable) -> (Vec<Vec<(String, bool)>>, usize, bool) {
    let width = t.rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max().unwrap_or(0);
    let mut grid: Vec<Vec<(String, bool)>> = Vec::new();
    let mut merged = false;
    for row in &t.rows {
        let mut out: Vec<(String, bool)> = Vec::with_capacity(width);
        for cell in row {
            let text = cell_text(cell);
            let col = out.len();
            let text = if cell.merged_up {
                merged = true;
                grid.last().and_then(|r| r.get(col)).map(|c| c.0.clone()).unwrap_or_default()
            } else {
                text
            };
            if cell.span > 1 {
                merged = true;
            }
            for _ in 0..cell.span {
                out.push((text.clone(), cell.span > 1 || cell.merged_up));
            }
        }
        out.resize(width, (String::new(), false));
        grid.push(out);
    }
    (grid, width, merged)
}

/// How many of the grid's first rows are header rows.
fn count_header_rows(t: &RawTable, grid: &[Vec<(String, bool)>]) -> usize {
    let mut header_rows = 1usize.min(grid.len());
    while header_rows < grid.len()
        && t.rows.get(header_rows).is_some_and(|r| r.iter().any(|c| c.merged_up))
        && grid[header_rows].iter().all(|(c, _)| parse_vi_number(c).is_none())
    {
        header_rows += 1;
    }
    // Under merged top cells, a second header row of plain text (e.g. "Nam | Nữ").
    if header_rows == 1
        && grid.len() > 2
        && t.rows[0].iter().any(|c| c.span > 1)
        && grid[1].iter().all(|(c, _)| parse_vi_number(c).is_none())
    {
        header_rows = 2;
    }
    header_rows
}

/// Each column's header, the header rows' texts joined into one.
fn flat_headers(grid: &[Vec<(String, bool)>], header_rows: usize, width: usize) -> Vec<String> {
    (0..width)
        .map(|col| {
            let mut parts: Vec<&str> = Vec::new();
            for row in &grid[..header_rows] {
                let c = row[col].0.as_str();
                if !c.is_empty() && parts.last() != Some(&c) {
                    parts.push(c);
                }
            }
            parts.join(" - ")
        })
        .collect()
}

/// Drops the row of column numbers under the header, if there is one.
fn drop_column_numbers(rows: &mut Vec<Vec<String>>) {
    if let Some(first) = rows.first() {
        let numbered = first.iter().enumerate().all(|(i, c)| {
            let c = c.trim().trim_start_matches('(').trim_end_matches(')');
            c == (i + 1).to_string() || c.is_empty() || c.chars().all(|ch| ch.is_ascii_uppercase())
        }) && first.iter().filter(|c| !c.trim().is_empty()).count() >= 2
            && first.iter().any(|c| c.contains('('));
        if numbered {
            rows.remove(0);
        }
    }
}

/// Drops the STT column, if the table has one; tells whether it had.
fn strip_stt(headers: &mut Vec<String>, rows: &mut [Vec<String>]) -> bool {
    let stt = headers.first().is_some_and(|h| {
        let h = h.trim().to_uppercase().replace(['.', ' '], "");
        matches!(h.as_str(), "STT" | "TT" | "SỐTT")
    });
    if stt {
        headers.remove(0);
        for r in rows {
            if !r.is_empty() {
                r.remove(0);
            }
        }
    }
    stt
}

/// Takes the totals row off the rows: its label and its cells as the file gives them.
fn totals_row(rows: &mut Vec<Vec<String>>) -> (Option<String>, Option<Vec<String>>) {
    let mut total_label = None;
    let mut file_totals: Option<Vec<String>> = None;
    if let Some(last) = rows.last() {
        let label = last.iter().find(|c| !c.trim().is_empty()).cloned().unwrap_or_default();
        let l = label.trim().to_lowercase();
        if l == "tổng cộng" || l == "tổng" || l == "cộng" || l == "tổng số" || l == "toàn huyện"
        {
            total_label = Some(label.trim().to_string());
            file_totals = rows.pop();
        }
    }
    (total_label, file_totals)
}

/// Whether each column holds numbers (the first column never does).
fn numeric_columns(rows: &[Vec<String>], columns_n: usize) -> Vec<bool> {
    (0..columns_n)
        .map(|c| {
            let mut any = false;
            for r in rows {
                let v = r.get(c).map(String::as_str).unwrap_or("").trim();
                if v.is_empty() || v == "-" {
                    continue;
                }
                if parse_vi_number(v).is_none() {
                    return false;
                }
                any = true;
            }
            any && c > 0
        })
        .collect()
}

/// The table's columns: header, kind and the width Word gave each.
fn table_columns(
    t: &RawTable,
    width: usize,
    stt: bool,
    headers: &[String],
    numeric: &[bool],
) -> Vec<Column> {
    let grid: &[u32] = if t.grid.len() == width { &t.grid[usize::from(stt)..] } else { &[] };
    headers
        .iter()
        .zip(numeric)
        .enumerate()
        .map(|(i, (h, num))| Column {
            header: h.clone(),
            kind: if *num { ColumnKind::Number } else { ColumnKind::Text },
            sum_of: vec![],
            width: grid.get(i).filter(|w| **w > 0).map(|w| f64::from(*w)),
            previous: false,
            key: None,
            year: None,
        })
        .collect()
}

/// The rows' cells, numbers read in the number columns.
fn table_cells(rows: &[Vec<String>], numeric: &[bool], columns_n: usize) -> Vec<Vec<Cell>> {
    rows.iter()
        .map(|r| {
            (0..columns_n)
                .map(|c| {
                    let v = r.get(c).map(String::as_str).unwrap_or("").trim();
                    if v.is_empty() {
                        Cell::Empty
                    } else if numeric[c] {
                        parse_vi_number(v).map_or(Cell::Empty, Cell::Number)
                    } else {
                        Cell::Text(v.to_string())
                    }
                })
                .collect()
        })
        .collect()
}

/// Warns of each number column whose total in the file differs from the sum of its rows.
fn check_totals(
    file: &[String],
    total_label: Option<&str>,
    columns: &[Column],
    cells: &[Vec<Cell>],
    st: &mut State,
) {
    for (c, col) in columns.iter().enumerate() {
        if col.kind != ColumnKind::Number {
            continue;
        }
        let sum: f64 = cells
            .iter()
            .filter_map(|r| match r.get(c) {
                Some(Cell::Number(v)) => Some(*v),
                _ => None,
            })
            .sum();
        if let Some(given) = file.get(c).and_then(|v| parse_vi_number(v)) {
            if (given - sum).abs() > 1e-6 {
                st.warnings.push(Diagnostic::warning(
                    codes::IMPORT_TOTAL,
                    format!(
                    "Bảng {}, cột «{}»: dòng «{}» trong tệp ghi {}, cộng lại các dòng được {}; \
                     chương trình dùng số cộng lại.",
                    st.counts.tables,
                    col.header,
                    total_label.unwrap_or("Tổng cộng"),
                    file[c].trim(),
                    crate::text::format_number(
                        sum,
                        2,
                        &crate::text::NumberStyle {
                            thousands: ".",
                            decimal: ",",
                            pad_counts: false,
                        }
                    )
                ),
                ));
            }
        }
    }
}

/// A number column that is, in every row, the sum of the number columns before it (from the
/// first after the last text column) becomes a computed row-sum column.
fn row_sums(columns: &mut [Column], cells: &mut [Vec<Cell>]) {
    let value = |row: &[Cell], c: usize| match row.get(c) {
        Some(Cell::Number(v)) => Some(*v),
        _ => None,
    };
    for c in 0..columns.len() {
        if columns[c].kind != ColumnKind::Number {
            continue;
        }
        let addends: Vec<usize> = (0..c)
            .rev()
            .take_while(|i| columns[*i].kind == ColumnKind::Number)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if addends.len() < 2 || cells.is_empty() {
            continue;
        }
        let sums = cells.iter().all(|r| {
            let sum: f64 = addends.iter().filter_map(|a| value(r, *a)).sum();
            let any = addends.iter().any(|a| value(r, *a).is_some());
            match value(r, c) {
                Some(v) => any && (v - sum).abs() < 1e-6,
                None => !any,
            }
        });
        let informative =
            cells.iter().any(|r| addends.iter().filter(|a| value(r, **a).is_some()).count() >= 2);
        if sums && informative {
            columns[c].kind = ColumnKind::RowSum;
            columns[c].sum_of = addends;
            for r in cells.iter_mut() {
                if let Some(cell) = r.get_mut(c) {
                    *cell = Cell::Empty;
                }
            }
        }
    }
}

/// A cell's paragraphs as one line of text.
fn cell_text(c: &RawCell) -> String {
    c.paras.iter().map(|p| p.text.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ")
}
