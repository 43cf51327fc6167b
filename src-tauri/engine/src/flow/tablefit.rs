//! Column widths of statistics tables sized by their content: no number and no word that fits a
//! cell on its own is broken. Columns get at least the width of their longest unbreakable token;
//! when the page is too narrow for that, the table's text shrinks (down to the profile's
//! `table.min_size_pt`), and what still does not fit is reported with the column named. The DOCX
//! and the PDF use the same widths and sizes (both come from the flow).

use super::figures::{column_totals, number_style, resolve_table, Resolved};
use crate::metrics::text_width_pt;
use crate::model::{ColumnKind, StatTable};
use crate::profile::{Align, FormatProfile, TextStyle};
use crate::text::{format_count, format_number};
use crate::units::{floor_to_half_point, pt_to_mm};

/// Which row style a cell takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellRole {
    /// The header row.
    Header,
    /// A data row.
    Cell,
    /// The totals row.
    Total,
}

/// One cell's text as printed, its row style and alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    /// Text as printed.
    pub text: String,
    /// Row style.
    pub role: CellRole,
    /// Horizontal alignment.
    pub align: Align,
}

/// Every cell of a table as printed (STT column, computed sums and totals included).
pub fn grid(t: &StatTable, p: &FormatProfile) -> Vec<Vec<GridCell>> {
    let tp = &p.table;
    let n = number_style(p);
    // A whole number is a count, written as counts are in the text (the profile's leading zero
    // below 10: "02"); others with their decimals ("97,5").
    let number = |v: f64| {
        if v >= 0.0 && v.fract() == 0.0 && v < 1e15 {
            format_count(v as u64, &n)
        } else {
            format_number(v, p.numbers.max_decimals, &n)
        }
    };
    let cell = |text: String, role: CellRole, align: Align| GridCell { text, role, align };
    let mut rows = Vec::new();
    let mut header = Vec::new();
    if t.stt {
        header.push(cell(tp.stt_header.clone(), CellRole::Header, Align::Center));
    }
    for c in &t.columns {
        header.push(cell(c.header.clone(), CellRole::Header, Align::Center));
    }
    rows.push(header);
    let values = resolve_table(t);
    let num_align = tp.number_align;
    for (i, row) in values.iter().enumerate() {
        let mut cells = Vec::new();
        if t.stt {
            cells.push(cell((i + 1).to_string(), CellRole::Cell, Align::Center));
        }
        for (c, col) in t.columns.iter().enumerate() {
            let (text, align) = match (row.get(c).unwrap_or(&Resolved::Empty), col.kind) {
                (Resolved::Number(v), ColumnKind::Text) => (number(*v), Align::Left),
                (Resolved::Number(v), _) => (number(*v), num_align),
                (Resolved::Text(s), _) => (s.clone(), Align::Left),
                (Resolved::Empty, _) => (String::new(), Align::Left),
            };
            cells.push(cell(text, CellRole::Cell, align));
        }
        rows.push(cells);
    }
    if let Some(label) = &t.total_label {
        let totals = column_totals(t, &values);
        let mut cells = Vec::new();
        if t.stt {
            cells.push(cell(String::new(), CellRole::Total, Align::Center));
        }
        let label_col = t.columns.iter().position(|c| c.kind == ColumnKind::Text);
        for (c, col) in t.columns.iter().enumerate() {
            cells.push(if Some(c) == label_col {
                cell(label.clone(), CellRole::Total, Align::Left)
            } else if col.kind == ColumnKind::Text {
                cell(String::new(), CellRole::Total, Align::Left)
            } else {
                cell(totals[c].map(number).unwrap_or_default(), CellRole::Total, num_align)
            });
        }
        rows.push(cells);
    }
    rows
}

/// The text style of a row role at a scale.
pub fn role_style(p: &FormatProfile, role: CellRole, scale: f64) -> TextStyle {
    let tp = &p.table;
    let mut s = match role {
        CellRole::Header => tp.header.clone(),
        CellRole::Cell => tp.cell.clone(),
        CellRole::Total => tp.total.clone(),
    };
    s.size_pt = scaled(s.size_pt, scale);
    s
}

/// A size times a scale, rounded down to a half point (sizes Word can store exactly).
fn scaled(size_pt: f64, scale: f64) -> f64 {
    if scale >= 1.0 {
        size_pt
    } else {
        floor_to_half_point(size_pt * scale)
    }
}

/// The widths and text scale chosen for a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Column widths (the STT column first when there is one).
    pub widths_mm: Vec<f64>,
    /// Factor applied to the table's text sizes (1 = the profile's sizes).
    pub scale: f64,
    /// Columns (indices into `widths_mm`) that needed more room than their share.
    pub crowded: Vec<usize>,
    /// Columns whose longest token still does not fit, even at the smallest size.
    pub overflow: Vec<usize>,
}

/// Width in mm of the longest unbreakable token (text between spaces) of each column at `scale`.
fn token_widths(grid: &[Vec<GridCell>], p: &FormatProfile, scale: f64, cols: usize) -> Vec<f64> {
    let mut w = vec![0.0f64; cols];
    for row in grid {
        for (c, cell) in row.iter().enumerate().take(cols) {
            let s = role_style(p, cell.role, scale);
            for token in cell.text.split_whitespace() {
                let tw = pt_to_mm(text_width_pt(token, s.size_pt, s.bold, s.italic));
                w[c] = w[c].max(tw);
            }
        }
    }
    w
}

/// Widths honouring `min` within `avail`, the rest shared by `weights` (water-filling).
fn distribute(weights: &[f64], min: &[f64], avail: f64) -> Vec<f64> {
    let n = weights.len();
    let mut fixed = vec![false; n];
    loop {
        let fixed_sum: f64 = (0..n).filter(|&i| fixed[i]).map(|i| min[i]).sum();
        let free_weight: f64 = (0..n).filter(|&i| !fixed[i]).map(|i| weights[i]).sum();
        let rest = (avail - fixed_sum).max(0.0);
        let widths: Vec<f64> = (0..n)
            .map(|i| if fixed[i] { min[i] } else { weights[i] / free_weight.max(1e-9) * rest })
            .collect();
        let mut changed = false;
        for i in 0..n {
            if !fixed[i] && widths[i] + 1e-9 < min[i] {
                fixed[i] = true;
                changed = true;
            }
        }
        if !changed {
            return widths;
        }
    }
}

/// Chooses the columns' widths and the text scale of table `t` on a `avail_mm` wide column.
pub fn fit(t: &StatTable, p: &FormatProfile, avail_mm: f64) -> Fit {
    let tp = &p.table;
    let g = grid(t, p);
    let mut weights: Vec<f64> = Vec::new();
    let stt_mm = if t.stt { tp.stt_width_mm } else { 0.0 };
    let weight_sum: f64 = t.columns.iter().map(|c| c.width.unwrap_or(1.0).max(0.05)).sum();
    if t.stt {
        weights.push(stt_mm);
    }
    let rest = (avail_mm - stt_mm).max(1.0);
    weights.extend(t.columns.iter().map(|c| c.width.unwrap_or(1.0).max(0.05) / weight_sum * rest));
    let cols = weights.len();
    // Room for the padding on both sides plus a little slack, so Word and LibreOffice, which
    // round widths to twips, do not break what we measured as fitting.
    let extra = 2.0 * tp.cell_padding_mm + 0.3;
    let base = tp.cell.size_pt.max(0.1);
    let min_scale = (tp.min_size_pt / base).min(1.0);
    let need = |scale: f64| -> Vec<f64> {
        token_widths(&g, p, scale, cols)
            .iter()
            .map(|w| if *w > 0.0 { w + extra } else { 0.0 })
            .collect()
    };
    let at_base = need(1.0);
    let crowded: Vec<usize> = (0..cols).filter(|&i| at_base[i] > weights[i] + 1e-9).collect();
    let mut scale = 1.0;
    let mut min = at_base;
    while min.iter().sum::<f64>() > avail_mm && scale > min_scale + 1e-9 {
        // Half a point smaller at a time.
        scale = ((scale * base - 0.5) / base).max(min_scale);
        min = need(scale);
    }
    if min.iter().sum::<f64>() <= avail_mm {
        return Fit {
            widths_mm: distribute(&weights, &min, avail_mm),
            scale,
            crowded,
            overflow: Vec::new(),
        };
    }
    // Even the smallest size does not fit: widths in proportion to what each column needs.
    let total: f64 = min.iter().sum();
    let widths: Vec<f64> = min.iter().map(|m| m / total * avail_mm).collect();
    let overflow = (0..cols).filter(|&i| min[i] > widths[i] + 1e-9).collect();
    Fit { widths_mm: widths, scale, crowded, overflow }
}

/// The header of column `i` of `fit.widths_mm` (the STT column included).
pub fn column_name(t: &StatTable, p: &FormatProfile, i: usize) -> String {
    match (t.stt, i) {
        (true, 0) => p.table.stt_header.clone(),
        (true, i) => t.columns.get(i - 1).map(|c| c.header.clone()).unwrap_or_default(),
        (false, i) => t.columns.get(i).map(|c| c.header.clone()).unwrap_or_default(),
    }
}

/// The warnings for a table whose text had to shrink or still cannot fit, naming the columns.
pub fn warnings(t: &StatTable, p: &FormatProfile) -> Vec<String> {
    let f = fit(t, p, p.page.content_width_mm());
    let names = |cols: &[usize]| -> String {
        cols.iter().map(|&i| format!("«{}»", column_name(t, p, i))).collect::<Vec<_>>().join(", ")
    };
    let size = |s: f64| format!("{}", scaled(p.table.cell.size_pt, s)).replace('.', ",");
    let mut out = Vec::new();
    if !f.overflow.is_empty() {
        out.push(format!(
            "bảng quá rộng cho khổ giấy: dù thu chữ còn {} pt, cột {} vẫn không đủ chỗ nên số \
             hoặc chữ trong cột có thể bị ngắt dòng; hãy bớt cột hoặc tách bảng.",
            size(f.scale),
            names(if f.crowded.is_empty() { &f.overflow } else { &f.crowded })
        ));
    } else if f.scale < 1.0 {
        out.push(format!(
            "bảng rộng: chữ trong bảng thu nhỏ từ {} pt còn {} pt để số và chữ không bị ngắt \
             giữa chừng (cột cần chỗ: {}).",
            size(1.0),
            size(f.scale),
            names(&f.crowded)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StatTable;

    fn table() -> StatTable {
        serde_json::from_value(serde_json::json!({
            "columns": [
                { "header": "Đơn vị", "kind": "text" },
                { "header": "Tập thể", "kind": "number" },
                { "header": "Tỷ lệ", "kind": "number" }
            ],
            "rows": [["Xã A", 2, 97.5], ["Xã B", 12, 100]],
            "total_label": "Cộng"
        }))
        .expect("table")
    }

    #[test]
    fn whole_numbers_in_tables_are_written_as_counts_in_the_text() {
        let mut p = FormatProfile::builtin("hd36").expect("profile");
        let text = |p: &FormatProfile| -> Vec<Vec<String>> {
            grid(&table(), p).into_iter().map(|r| r.into_iter().map(|c| c.text).collect()).collect()
        };
        assert!(p.numbers.pad_counts_below_10);
        let rows = text(&p);
        assert_eq!(rows[1][1..], ["Xã A", "02", "97,5"]);
        assert_eq!(rows[2][1..], ["Xã B", "12", "100"]);
        assert_eq!(rows[3].last().map(String::as_str), Some("197,5"));
        // The profile decides, for the text and the tables alike.
        p.numbers.pad_counts_below_10 = false;
        assert_eq!(text(&p)[1][1..], ["Xã A", "2", "97,5"]);
    }
}
