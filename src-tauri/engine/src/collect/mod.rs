//! Compiling the district report from its units ("tổng hợp"): which figures the units fill
//! ([`sheets`]), the Excel form they fill ([`form`]), reading what they send back — forms, reports
//! made with this program, Word reports — ([`read`]), and adding it all up with the checks a
//! board relies on: reporting rate, rules, outliers, duplicates ([`compile()`]).
//!
//! Every figure a unit fills has a *key* that names it in words: the table's title, the row's
//! label and the column's key (`Số lượng được khen thưởng|Huyện ủy|tap_the`). Keys survive edits elsewhere in the report and "next period's
//! report", so last period's figures of a unit can be compared with this period's.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::flow::{parse_figures, Piece, YearRefs};
use crate::model::walk;
use crate::model::*;

pub mod compile;
pub mod form;
pub mod read;

pub use compile::{compile, Choices, Compiled, Review};

/// Version of the form layout this build writes and reads.
pub const FORM_FORMAT: u32 = 1;

/// Title of the annex with every unit's figures, replaced at each compile.
pub const BREAKDOWN_TITLE: &str = "Số liệu theo đơn vị";

/// Name of the form's sheet with the result lines' figures marked for collection.
pub const FIGURES_SHEET: &str = "Số liệu chính";

/// Name of the form's sheet with the units' text items.
pub const TEXT_SHEET: &str = "Báo cáo ngắn";

/// One sheet of the form: a statistics table the units fill, or the result lines' figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Sheet name in the workbook ("Bảng 1", "Số liệu chính").
    pub name: String,
    /// Title shown above the grid.
    pub title: String,
    /// Unit line ("Đơn vị tính: …"), if any.
    pub unit_line: Option<String>,
    /// Columns the unit fills or sees.
    pub columns: Vec<SheetColumn>,
    /// Rows of the table.
    pub rows: Vec<SheetRow>,
    /// Whether a totals row follows.
    pub total: Option<String>,
    /// Rules over column keys every row must keep.
    pub rules: Vec<String>,
    /// Index of the block in [`walk::blocks`] order.
    pub block: usize,
}

/// A column of a form sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetColumn {
    /// Header text.
    pub header: String,
    /// Key used in rules and field keys.
    pub key: String,
    /// Index in the table's columns.
    pub index: usize,
    /// What the column holds.
    pub kind: ColumnKind,
    /// For a computed column: the sheet columns (indices into `columns`) it adds up.
    pub sum_of: Vec<usize>,
}

/// A row of a form sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// The row's label (its first text cell).
    pub label: String,
    /// Text shown in the text columns, by sheet column.
    pub texts: Vec<String>,
    /// Index of the row in the table.
    pub index: usize,
    /// Field key per sheet column (none for text and computed columns).
    pub keys: Vec<Option<String>>,
    /// For the figures sheet: the result line's figure this row asks for.
    pub figure: Option<FigureRef>,
}

/// A figure of a result line: block (in [`walk::blocks`] order), item, name.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRef {
    /// Index of the Results block.
    pub block: usize,
    /// Index of the item in the block.
    pub item: usize,
    /// The figure's name in the item's text.
    pub name: String,
}

/// The kinds of text a unit sends besides figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TextKind {
    /// A result or achievement.
    Achievement,
    /// A named model («mô hình»).
    Model,
    /// A shortcoming.
    Shortcoming,
    /// A proposal.
    Proposal,
}

impl TextKind {
    /// Every kind, in the order the form lists them.
    pub const ALL: [TextKind; 4] =
        [TextKind::Achievement, TextKind::Model, TextKind::Shortcoming, TextKind::Proposal];

    /// The kind's name as the form and the review say it.
    pub fn label(self) -> &'static str {
        match self {
            TextKind::Achievement => "Kết quả nổi bật",
            TextKind::Model => "Mô hình tiêu biểu",
            TextKind::Shortcoming => "Hạn chế",
            TextKind::Proposal => "Kiến nghị, đề xuất",
        }
    }

    /// Key of the kind's cell in the form.
    pub fn key(self) -> &'static str {
        match self {
            TextKind::Achievement => "text|ket_qua",
            TextKind::Model => "text|mo_hinh",
            TextKind::Shortcoming => "text|han_che",
            TextKind::Proposal => "text|kien_nghi",
        }
    }
}

/// A text item a unit sent, to be picked into the district report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitText {
    /// The unit that sent it.
    pub unit: String,
    /// What it is.
    pub kind: TextKind,
    /// The text.
    pub text: String,
}

/// Letters without Vietnamese marks, lower case, words joined by `_`: "Mô hình mới" → "mo_hinh_moi".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in crate::text::fold_marks(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "cot_");
    }
    out
}

/// A name compared without case, marks' encoding or extra spaces ("Xã  Hòa Lợi" = "XÃ HÒA LỢI").
pub fn same_name(a: &str, b: &str) -> bool {
    norm_name(a) == norm_name(b)
}

/// The form of a name [`same_name`] compares.
pub fn norm_name(s: &str) -> String {
    s.nfc().collect::<String>().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A column's key in rules: its own, or made from its header.
pub fn column_key(c: &Column) -> String {
    c.key.clone().filter(|k| !k.trim().is_empty()).unwrap_or_else(|| slug(&c.header))
}

/// Whether a table is filled by the units: as marked, or by default an annex table with figures.
pub fn is_collected(t: &StatTable, in_annex: bool) -> bool {
    let has_numbers = t.columns.iter().any(|c| c.kind == ColumnKind::Number && !c.previous);
    has_numbers && t.collect.unwrap_or(in_annex)
}

/// The form's sheets for a report: one per collected table.
pub fn sheets(report: &Report) -> Vec<Sheet> {
    let mut out = Vec::new();
    let mut titles: HashMap<String, usize> = HashMap::new();
    let mut figure_rows: Vec<SheetRow> = Vec::new();
    let mut seen_figures: HashMap<String, usize> = HashMap::new();
    for (block, (path, b)) in walk::blocks(report).enumerate() {
        match b {
            Block::Table(t) if is_collected(t, path.starts_with("annexes")) => {
                let n = out.len() + 1;
                // An untitled table is called by its annex's title, else «Bảng n».
                let annex = path
                    .strip_prefix("annexes[")
                    .and_then(|p| p.split(']').next())
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| report.annexes.get(i))
                    .map(|a| a.title.trim().to_string())
                    .filter(|t| !t.is_empty());
                let base = t
                    .title
                    .clone()
                    .filter(|s| !s.trim().is_empty())
                    .or(annex)
                    .unwrap_or_else(|| format!("Bảng {n}"));
                let title_key = numbered(&mut titles, norm_name(&base), &base);
                out.push(table_sheet(t, n, &title_key, block));
            }
            Block::Results(res) => {
                for (i, item) in res.items.iter().enumerate() {
                    for name in figure_order(&item.text, &item.figures) {
                        let Some(f) = item.figures.get(&name) else { continue };
                        if !f.collect || f.kind == FigureKind::Percent {
                            continue;
                        }
                        let label = item_label(&item.text, &name);
                        let row_key =
                            numbered(&mut seen_figures, format!("{label}|{name}"), &label);
                        let key = format!("{FIGURES_SHEET}|{row_key}|{name}");
                        figure_rows.push(SheetRow {
                            label: label.clone(),
                            texts: vec![label, String::new()],
                            index: figure_rows.len(),
                            keys: vec![None, Some(key)],
                            figure: Some(FigureRef { block, item: i, name }),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(first) = figure_rows.first().and_then(|r| r.figure.as_ref()).map(|f| f.block) {
        let col = |header: &str, key: &str, index, kind| SheetColumn {
            header: header.into(),
            key: key.into(),
            index,
            kind,
            sum_of: vec![],
        };
        out.push(Sheet {
            name: FIGURES_SHEET.into(),
            title: "Số liệu chính của báo cáo".into(),
            unit_line: Some(
                "Mỗi dòng là một câu của báo cáo; […] là chỗ đặt số của đơn vị.".into(),
            ),
            columns: vec![
                col("Nội dung", "noi_dung", 0, ColumnKind::Text),
                col("Số liệu", "so_lieu", 1, ColumnKind::Number),
            ],
            rows: figure_rows,
            total: None,
            rules: vec![],
            block: first,
        });
    }
    let refs = YearRefs::of(report);
    out.iter_mut().for_each(|s| in_words(s, &refs));
    out
}

/// The sheet as a unit reads it (its keys untouched, so they stay the same from one period to
/// the next): year references resolved («Năm [từ năm]» → «Năm 2016»), a template's blank «…»
/// left as an empty cell.
fn in_words(s: &mut Sheet, refs: &YearRefs) {
    let words = |t: &str| {
        let t = refs.apply(t);
        if !t.trim().is_empty() && t.trim().chars().all(|c| c == '…' || c == '.' || c == ' ') {
            String::new()
        } else {
            t
        }
    };
    s.title = refs.apply(&s.title);
    s.unit_line = s.unit_line.as_deref().map(|u| refs.apply(u));
    for c in &mut s.columns {
        c.header = refs.apply(&c.header);
    }
    for r in &mut s.rows {
        r.label = refs.apply(&r.label);
        r.texts = r.texts.iter().map(|t| words(t)).collect();
    }
}

/// `base`, or `base (n)` for its n-th occurrence (by `seen_as`) after the first: a unique key.
fn numbered(seen: &mut HashMap<String, usize>, seen_as: String, base: &str) -> String {
    let n = seen.entry(seen_as).or_insert(0);
    *n += 1;
    if *n > 1 {
        format!("{base} ({n})")
    } else {
        base.to_string()
    }
}

/// The figures of a result line in the order its text cites them, then any it does not cite.
fn figure_order(text: &str, figures: &BTreeMap<String, Figure>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in parse_figures(text).unwrap_or_default() {
        if let Piece::Figure(name) = piece {
            if figures.contains_key(&name) && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out.extend(figures.keys().filter(|k| !out.contains(k)).cloned().collect::<Vec<_>>());
    out
}

/// A result line as the form shows it: the asked figure as "[…]", the others as "…".
fn item_label(text: &str, name: &str) -> String {
    let Ok(pieces) = parse_figures(text) else { return text.to_string() };
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.as_str(),
            Piece::Figure(n) if n == name => "[…]",
            Piece::Figure(_) => "…",
        })
        .collect()
}

fn table_sheet(t: &StatTable, n: usize, title_key: &str, block: usize) -> Sheet {
    let kept: Vec<usize> = (0..t.columns.len()).filter(|&i| !t.columns[i].previous).collect();
    let pos = |i: usize| kept.iter().position(|&k| k == i);
    let columns: Vec<SheetColumn> = kept
        .iter()
        .map(|&i| {
            let c = &t.columns[i];
            SheetColumn {
                header: c.header.clone(),
                key: column_key(c),
                index: i,
                kind: c.kind,
                sum_of: c.sum_of.iter().filter_map(|&s| pos(s)).collect(),
            }
        })
        .collect();
    let label_col = columns.iter().position(|c| c.kind == ColumnKind::Text);
    let mut labels: HashMap<String, usize> = HashMap::new();
    let rows = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let text_of = |c: &SheetColumn| match row.get(c.index) {
                Some(Cell::Text(s)) => s.clone(),
                Some(Cell::Number(v)) if c.kind == ColumnKind::Text => v.to_string(),
                _ => String::new(),
            };
            let mut label = label_col.map(|c| text_of(&columns[c])).unwrap_or_default();
            if label.trim().is_empty() {
                label = format!("Dòng {}", r + 1);
            }
            let row_key = numbered(&mut labels, norm_name(&label), &label);
            SheetRow {
                texts: columns
                    .iter()
                    .map(|c| if c.kind == ColumnKind::Text { text_of(c) } else { String::new() })
                    .collect(),
                keys: columns
                    .iter()
                    .map(|c| {
                        (c.kind == ColumnKind::Number)
                            .then(|| format!("{title_key}|{row_key}|{}", c.key))
                    })
                    .collect(),
                label,
                index: r,
                figure: None,
            }
        })
        .collect();
    Sheet {
        name: format!("Bảng {n}"),
        title: title_key.to_string(),
        unit_line: t.unit.clone(),
        columns,
        rows,
        total: t.total_label.clone(),
        rules: t.rules.clone(),
        block,
    }
}

/// A table rule with its columns named by their headers: «mo_hinh_moi <= mo_hinh» →
/// ««Mô hình mới» ≤ «Mô hình»».
pub fn rule_in_words(s: &Sheet, rule: &str) -> String {
    let mut text = rule.to_string();
    // Longest keys first, so "mo_hinh_moi" is not read as "mo_hinh" + "_moi".
    let mut cols: Vec<_> = s.columns.iter().collect();
    cols.sort_by_key(|c| std::cmp::Reverse(c.key.len()));
    for c in cols {
        text = text.replace(&c.key, &format!("«{}»", c.header));
    }
    text.replace("<=", "≤").replace(">=", "≥").replace("!=", "≠").replace("==", "=")
}

/// Every figure key the report's forms ask for, in form order.
pub fn keys(sheets: &[Sheet]) -> Vec<String> {
    sheets
        .iter()
        .flat_map(|s| s.rows.iter().flat_map(|r| r.keys.iter().flatten().cloned()))
        .collect()
}

/// A short fingerprint of the forms' layout: forms made before the tables changed differ.
pub fn form_version(sheets: &[Sheet]) -> String {
    let mut h = crc32fast::Hasher::new();
    for k in keys(sheets) {
        h.update(k.as_bytes());
        h.update(b"\n");
    }
    format!("{:08x}", h.finalize())
}

/// The report's collection id: the one it keeps (set at the first compile), or one made from
/// who issues it, the document type and the year (so editing the subject keeps the forms valid).
pub fn collection_id(report: &Report) -> String {
    if let Some(c) = &report.collection {
        if !c.id.is_empty() {
            return c.id.clone();
        }
    }
    let mut h = crc32fast::Hasher::new();
    h.update(norm_name(&report.header.issuing_body).as_bytes());
    h.update(report.header.type_code.as_bytes());
    h.update(chrono::Datelike::year(&report.header.date).to_string().as_bytes());
    format!("bc-{:08x}", h.finalize())
}

/// The period as the form says it: "2021 – 2023", or the report's year.
pub fn period_text(report: &Report) -> String {
    match report.period {
        Some(p) if p.start_year != p.end_year => format!("{} – {}", p.start_year, p.end_year),
        Some(p) => p.end_year.to_string(),
        None => format!("Năm {}", chrono::Datelike::year(&report.header.date)),
    }
}

/// Units listed one per line (pasted text): numbers, bullets and a header line left out.
pub fn units_from_text(text: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('\t').map(str::trim).filter(|c| !c.is_empty()).collect();
        // "1<TAB>Xã A" or "Xã A<TAB>Đảng bộ xã<TAB>0912…" as pasted from a spreadsheet.
        let cells: Vec<&str> = cells
            .into_iter()
            .skip_while(|c| c.trim_end_matches('.').chars().all(|ch| ch.is_ascii_digit()))
            .collect();
        let Some(first) = cells.first() else { continue };
        let name = first
            .trim_start_matches(['-', '+', '•', '*'])
            .trim()
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['.', ')'])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .nfc()
            .collect::<String>();
        if name.is_empty() || is_unit_header(&name) || out.iter().any(|u| same_name(&u.name, &name))
        {
            continue;
        }
        out.push(Unit {
            name,
            kind: cells.get(1).map(|s| s.to_string()),
            contact: cells.get(2).map(|s| s.to_string()),
        });
    }
    out
}

fn is_unit_header(s: &str) -> bool {
    let n = norm_name(s);
    ["tên đơn vị", "đơn vị", "stt", "danh sách đơn vị", "tt"].contains(&n.as_str())
}

/// Units from a file's bytes: a spreadsheet (see [`units_from_sheet`]) or text, one unit per line.
pub fn units_from_bytes(bytes: &[u8]) -> Result<Vec<Unit>, crate::error::EngineError> {
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.starts_with("PK") => Ok(units_from_text(text)),
        _ => units_from_sheet(bytes),
    }
}

/// Units from the first column of a spreadsheet (xlsx, xls, ods), the others read as kind and contact.
pub fn units_from_sheet(bytes: &[u8]) -> Result<Vec<Unit>, crate::error::EngineError> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|_| {
        crate::error::EngineError::Collect(
            "Không đọc được bảng tính danh sách đơn vị (cần tệp .xlsx, .xls hoặc .ods, không đặt mật khẩu)."
                .into(),
        )
    })?;
    let first = book.sheet_names().first().cloned().unwrap_or_default();
    let range = book.worksheet_range(&first).map_err(|e| {
        crate::error::EngineError::Collect(format!("Không đọc được trang «{first}»: {e}."))
    })?;
    let mut text = String::new();
    for row in range.rows() {
        let cells: Vec<String> = row.iter().map(|c| c.to_string().trim().to_string()).collect();
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    Ok(units_from_text(&text))
}

/// Figures of a report as its own forms' keys would name them (for a unit's own report).
pub fn values_of(report: &Report) -> BTreeMap<String, f64> {
    let blocks: Vec<&Block> = walk::blocks(report).map(|(_, b)| b).collect();
    let mut out = BTreeMap::new();
    for s in sheets(report) {
        for row in &s.rows {
            for (c, key) in row.keys.iter().enumerate() {
                let Some(key) = key else { continue };
                let value = match (&row.figure, blocks.get(s.block)) {
                    (Some(f), _) => match blocks.get(f.block) {
                        Some(Block::Results(res)) => res
                            .items
                            .get(f.item)
                            .and_then(|i| i.figures.get(&f.name))
                            .and_then(|f| f.value),
                        _ => None,
                    },
                    (None, Some(Block::Table(t))) => {
                        match t.rows.get(row.index).and_then(|r| r.get(s.columns[c].index)) {
                            Some(Cell::Number(v)) => Some(*v),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                if let Some(v) = value {
                    out.insert(key.clone(), v);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_labels() {
        assert_eq!(slug("Mô hình mới"), "mo_hinh_moi");
        assert_eq!(slug("Đảng viên (lượt)"), "dang_vien_luot");
        assert_eq!(slug("2022"), "cot_2022");
        assert!(same_name("Xã  Hòa Lợi", "XÃ HÒA LỢI"));
        assert_eq!(
            item_label("Tổ chức {hn} hội nghị, {luot} lượt", "luot"),
            "Tổ chức … hội nghị, […] lượt"
        );
    }

    #[test]
    fn units_pasted_from_a_spreadsheet_or_typed() {
        let u = units_from_text("STT\tTên đơn vị\n1\tĐảng ủy xã Hòa Lợi\tĐảng bộ xã\n2.\tChi bộ Công an\n- Đảng ủy xã Hòa Lợi\n\n3) Đảng ủy thị trấn");
        let names: Vec<&str> = u.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["Đảng ủy xã Hòa Lợi", "Chi bộ Công an", "Đảng ủy thị trấn"]);
        assert_eq!(u[0].kind.as_deref(), Some("Đảng bộ xã"));
    }
}
