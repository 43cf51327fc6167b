//! Reading what a unit sends back: a filled form (xlsx, also re-saved as xls or ods), a report
//! made with this program (`.baocao`, `.json`), or a Word report (through the importer). Nothing
//! is judged here beyond the file itself: a problem names the file, the sheet and the cell.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Dimensions, Range, Reader, Sheets};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::form::ID_SHEET;
use super::{values_of, TextKind, UnitText, FORM_FORMAT};
use crate::model::{Block, Report};

/// What kind of file a unit sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SubmissionKind {
    /// A filled form.
    Form,
    /// A report made with this program.
    Report,
    /// A Word report.
    Word,
    /// Not readable.
    Unreadable,
}

/// A problem with a file, where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileProblem {
    /// Whether the file's figures cannot be taken because of it.
    pub blocking: bool,
    /// The sheet, for a form.
    pub sheet: Option<String>,
    /// The cell ("C9"), for a form.
    pub cell: Option<String>,
    /// What is wrong and what to do, in Vietnamese.
    pub message: String,
}

impl FileProblem {
    /// A problem that keeps the file's figures out.
    pub fn blocking(message: String) -> Self {
        FileProblem { blocking: true, sheet: None, cell: None, message }
    }

    /// A note: the figures are still taken.
    pub fn warning(message: String) -> Self {
        FileProblem { blocking: false, sheet: None, cell: None, message }
    }

    /// The same problem, placed at a sheet and cell.
    pub fn at(self, sheet: Option<String>, cell: Option<String>) -> Self {
        FileProblem { sheet, cell, ..self }
    }
}

/// One file a unit sent, as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Submission {
    /// The file's name (or path) as the user knows it.
    pub file: String,
    /// What kind of file it is.
    pub kind: SubmissionKind,
    /// The unit it is from, as written in it.
    pub unit: Option<String>,
    /// The figures, by field key.
    pub values: BTreeMap<String, f64>,
    /// Where each figure was read: key → (sheet, cell).
    pub cells: BTreeMap<String, (String, String)>,
    /// The unit's text items.
    pub texts: Vec<UnitText>,
    /// Problems with the file.
    pub problems: Vec<FileProblem>,
    /// The collection id written in the form.
    pub report_id: Option<String>,
    /// The form version written in the form.
    pub version: Option<String>,
    /// The day the file was last changed (counted as the day it was sent).
    pub modified: Option<NaiveDate>,
}

impl Submission {
    fn new(file: &str, kind: SubmissionKind, modified: Option<NaiveDate>) -> Self {
        Submission {
            file: file.to_string(),
            kind,
            unit: None,
            values: BTreeMap::new(),
            cells: BTreeMap::new(),
            texts: vec![],
            problems: vec![],
            report_id: None,
            version: None,
            modified,
        }
    }

    fn block(&mut self, sheet: Option<&str>, cell: Option<&str>, message: String) {
        self.problems.push(
            FileProblem::blocking(message).at(sheet.map(str::to_string), cell.map(str::to_string)),
        );
    }
}

/// Reads a file from disk; the day it was last changed counts as the day it was sent.
pub fn read_path(path: &Path, today: NaiveDate) -> Submission {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).date_naive());
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if ext == "doc" {
        // Old Word files go through LibreOffice, which needs the path.
        let mut s = Submission::new(&name, SubmissionKind::Word, modified);
        match crate::import::import_file(path, today) {
            Ok(imp) => from_report(&mut s, &imp.report),
            Err(e) => {
                s.kind = SubmissionKind::Unreadable;
                s.block(None, None, e.to_string());
            }
        }
        return s;
    }
    match crate::fsio::read_limited(path) {
        Ok(bytes) => read_bytes(&name, &bytes, modified, today),
        Err(e) => {
            let mut s = Submission::new(&name, SubmissionKind::Unreadable, modified);
            s.block(None, None, e.to_string());
            s
        }
    }
}

/// Reads a file's bytes: a form, a report of this program, or a Word report.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    modified: Option<NaiveDate>,
    today: NaiveDate,
) -> Submission {
    let lower = name.to_lowercase();
    let trimmed = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF);
    if trimmed.clone().next() == Some(&b'{')
        || lower.ends_with(".baocao")
        || lower.ends_with(".json")
    {
        let mut s = Submission::new(name, SubmissionKind::Report, modified);
        match crate::load::report_from_json(bytes) {
            Ok(r) => from_report(&mut s, &r),
            Err(e) => {
                s.kind = SubmissionKind::Unreadable;
                s.block(None, None, format!("Không đọc được báo cáo của đơn vị: {e}"));
            }
        }
        return s;
    }
    if let Some(encrypted) = crate::import::read::ole(bytes) {
        if encrypted {
            let mut s = Submission::new(name, SubmissionKind::Unreadable, modified);
            s.block(
                None,
                None,
                "Tệp được đặt mật khẩu: hãy nhờ đơn vị bỏ mật khẩu (Excel: Tệp › Thông tin › Bảo vệ \
                 sổ làm việc) rồi gửi lại."
                    .into(),
            );
            return s;
        }
        if lower.ends_with(".doc") {
            let mut s = Submission::new(name, SubmissionKind::Unreadable, modified);
            s.block(None, None, "Tệp Word cũ (.doc): hãy chọn tệp từ ổ đĩa để chương trình chuyển qua LibreOffice, hoặc lưu lại thành .docx.".into());
            return s;
        }
        return read_form(name, bytes, modified);
    }
    if is_docx(bytes) {
        let mut s = Submission::new(name, SubmissionKind::Word, modified);
        match crate::import::import_docx(bytes, today) {
            Ok(imp) => from_report(&mut s, &imp.report),
            Err(e) => {
                s.kind = SubmissionKind::Unreadable;
                s.block(None, None, e.to_string());
            }
        }
        return s;
    }
    read_form(name, bytes, modified)
}

fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK") && bytes.windows(17).any(|w| w == b"word/document.xml")
}

/// The figures and text items of a unit's own report.
fn from_report(s: &mut Submission, r: &Report) {
    s.unit = Some(r.header.issuing_body.split_whitespace().collect::<Vec<_>>().join(" "));
    s.values = values_of(r);
    s.texts = texts_of(r, s.unit.as_deref().unwrap_or_default());
}

/// A unit report's text items: results, lines naming a model, shortcomings, proposals.
pub fn texts_of(r: &Report, unit: &str) -> Vec<UnitText> {
    let mut out = Vec::new();
    let mut push = |kind, text: String| {
        let text = text.trim().to_string();
        if !text.is_empty() && !out.iter().any(|t: &UnitText| t.text == text) {
            out.push(UnitText { unit: unit.to_string(), kind, text });
        }
    };
    let model = |t: &str| t.to_lowercase().contains("mô hình");
    for (_, b) in crate::model::walk::blocks(r) {
        match b {
            Block::Results(res) => {
                for item in &res.items {
                    let text = fill_figures(&item.text, &item.figures);
                    push(if model(&text) { TextKind::Model } else { TextKind::Achievement }, text);
                }
            }
            Block::Lines(l) => {
                for i in &l.items {
                    if model(i) {
                        push(TextKind::Model, i.clone());
                    }
                }
            }
            Block::Paragraph(p) if model(&p.text) => push(TextKind::Model, p.text.clone()),
            Block::Shortcomings(sc) => {
                for i in &sc.items {
                    push(TextKind::Shortcoming, i.clone());
                }
            }
            Block::Proposals(ps) => {
                for p in &ps.items {
                    push(TextKind::Proposal, format!("Đối với {}: {}", p.addressee, p.text));
                }
            }
            _ => {}
        }
    }
    out
}

fn fill_figures(text: &str, figures: &BTreeMap<String, crate::model::Figure>) -> String {
    use crate::flow::{parse_figures, Piece};
    let Ok(pieces) = parse_figures(text) else { return text.to_string() };
    pieces
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t,
            Piece::Figure(name) => match figures.get(&name).and_then(|f| f.value) {
                Some(v) if v.fract() == 0.0 => format!("{v:.0}"),
                Some(v) => v.to_string(),
                None => "…".into(),
            },
        })
        .collect()
}

/// A sheet's values, formulas and merged areas.
type SheetData = (Range<Data>, Range<String>, Vec<Dimensions>);

fn read_form(name: &str, bytes: &[u8], modified: Option<NaiveDate>) -> Submission {
    let mut s = Submission::new(name, SubmissionKind::Form, modified);
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(_) => {
            s.kind = SubmissionKind::Unreadable;
            s.block(
                None,
                None,
                "Không đọc được tệp: tệp hỏng, hoặc không phải bảng tính Excel (.xlsx, .xls), \
                 LibreOffice (.ods), báo cáo (.baocao) hay văn bản Word (.docx)."
                    .into(),
            );
            return s;
        }
    };
    let names = book.sheet_names();
    if !names.iter().any(|n| n == ID_SHEET) {
        s.block(
            None,
            None,
            "Đây không phải biểu mẫu do Soạn Báo Cáo tạo (không có trang nhận dạng): có thể số liệu \
             đã được chép sang tệp khác. Hãy dùng đúng tệp biểu mẫu đã gửi cho đơn vị."
                .into(),
        );
        return s;
    }
    let id = match book.worksheet_range(ID_SHEET) {
        Ok(r) => r,
        Err(e) => {
            s.block(Some(ID_SHEET), None, format!("Không đọc được trang nhận dạng: {e}."));
            return s;
        }
    };
    let text_at = |r: &Range<Data>, row: u32, col: u32| -> String {
        r.get_value((row, col)).map(|d| d.to_string().trim().to_string()).unwrap_or_default()
    };
    let format: u32 = text_at(&id, 0, 1).parse().unwrap_or(0);
    if text_at(&id, 0, 0) != "baocao-form" || format == 0 || format > FORM_FORMAT {
        s.block(
            Some(ID_SHEET),
            None,
            "Biểu mẫu được tạo bởi phiên bản khác của chương trình; hãy gửi lại biểu mẫu mới cho đơn vị.".into(),
        );
        return s;
    }
    s.report_id = Some(text_at(&id, 1, 1)).filter(|x| !x.is_empty());
    s.version = Some(text_at(&id, 2, 1)).filter(|x| !x.is_empty());
    let fixed_unit = text_at(&id, 3, 1);
    if !fixed_unit.is_empty() {
        s.unit = Some(fixed_unit);
    }
    // The input cells: (sheet, cell, key) from row 11 down.
    let mut map = Vec::new();
    let mut row = 10;
    loop {
        let sheet = text_at(&id, row, 0);
        if sheet.is_empty() {
            break;
        }
        map.push((sheet, text_at(&id, row, 1), text_at(&id, row, 2)));
        row += 1;
    }
    let mut ranges: HashMap<String, Option<SheetData>> = HashMap::new();
    let mut missing_reported = Vec::new();
    for (sheet, cell_ref, key) in &map {
        let entry = ranges.entry(sheet.clone()).or_insert_with(|| {
            if !names.iter().any(|n| n == sheet) {
                return None;
            }
            let values = book.worksheet_range(sheet).ok()?;
            let formulas = book.worksheet_formula(sheet).unwrap_or_default();
            let merges = match &mut book {
                Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
                Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
                _ => vec![],
            };
            Some((values, formulas, merges))
        });
        let Some((values, formulas, merges)) = entry else {
            if !missing_reported.contains(sheet) {
                missing_reported.push(sheet.clone());
                s.block(
                    Some(sheet),
                    None,
                    format!(
                        "Không thấy trang «{sheet}» trong tệp (trang bị đổi tên hoặc bị xóa). Hãy \
                         giữ nguyên tên các trang của biểu mẫu."
                    ),
                );
            }
            continue;
        };
        let Some((r, c)) = parse_cell(cell_ref) else { continue };
        if let Some(m) = merges.iter().find(|m| m.contains(r, c) && m.start != m.end) {
            s.block(
                Some(sheet),
                Some(cell_ref),
                format!(
                    "nằm trong vùng ô bị gộp ({}:{}); hãy bỏ gộp ô và gõ số vào từng ô.",
                    super::form::cell(m.start.0, m.start.1 as u16),
                    super::form::cell(m.end.0, m.end.1 as u16)
                ),
            );
            continue;
        }
        if let Some(f) = formulas.get_value((r, c)).filter(|f| !f.is_empty()) {
            s.block(
                Some(sheet),
                Some(cell_ref),
                format!("có công thức «={f}»: hãy gõ con số, không dùng công thức."),
            );
            continue;
        }
        let value = values.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        if key == "unit" {
            let name = value.to_string().trim().to_string();
            if !name.is_empty() && s.unit.is_none() {
                s.unit = Some(name);
            }
            continue;
        }
        if let Some(kind) = TextKind::ALL.iter().find(|k| k.key() == key) {
            let text = value.to_string();
            for line in text.lines() {
                let line = line.trim().trim_start_matches(['-', '+', '•']).trim();
                if !line.is_empty() {
                    s.texts.push(UnitText {
                        unit: String::new(),
                        kind: *kind,
                        text: line.to_string(),
                    });
                }
            }
            continue;
        }
        let number = match &value {
            Data::Empty => continue,
            Data::Int(i) => Ok(*i as f64),
            Data::Float(f) => Ok(*f),
            Data::String(t) if t.trim().is_empty() => continue,
            Data::String(t) => crate::text::parse_vi_number(t).ok_or_else(|| t.clone()),
            other => Err(other.to_string()),
        };
        match number {
            Err(text) => s.block(
                Some(sheet),
                Some(cell_ref),
                format!("có «{}», không phải là số: hãy gõ một số nguyên.", text.trim()),
            ),
            Ok(v) if v < 0.0 => s.block(
                Some(sheet),
                Some(cell_ref),
                format!("có số âm ({v}): số lượng không thể âm."),
            ),
            Ok(v) if v.fract() != 0.0 => s.block(
                Some(sheet),
                Some(cell_ref),
                format!(
                    "có số lẻ ({}): số lượng phải là số nguyên.",
                    v.to_string().replace('.', ",")
                ),
            ),
            Ok(v) => {
                s.values.insert(key.clone(), v);
                s.cells.insert(key.clone(), (sheet.clone(), cell_ref.clone()));
            }
        }
    }
    if s.unit.as_deref().is_none_or(str::is_empty) {
        s.block(
            map.first().map(|m| m.0.as_str()),
            Some("B2"),
            "Biểu mẫu chưa ghi tên đơn vị (ô B2): không biết số liệu này của đơn vị nào.".into(),
        );
    }
    let unit = s.unit.clone().unwrap_or_default();
    for t in &mut s.texts {
        t.unit = unit.clone();
    }
    s
}

/// "C9" → (8, 2), 0-based.
pub fn parse_cell(r: &str) -> Option<(u32, u32)> {
    let letters: String = r.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits = &r[letters.len()..];
    if letters.is_empty() || digits.is_empty() {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1))
        - 1;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_parsed() {
        assert_eq!(parse_cell("A1"), Some((0, 0)));
        assert_eq!(parse_cell("C9"), Some((8, 2)));
        assert_eq!(parse_cell("AA10"), Some((9, 26)));
        assert_eq!(parse_cell("9"), None);
    }
}
