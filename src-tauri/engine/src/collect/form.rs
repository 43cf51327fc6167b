//! The Excel form a unit fills: one sheet per collected table (and one for the result lines'
//! figures), the unit's name and the period filled, input cells unlocked and limited to whole
//! numbers ≥ 0, everything else locked, short instructions, a sheet for the unit's text items,
//! and a hidden sheet naming the report, the form version and the key of every input cell.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

use super::{
    collection_id, form_version, period_text, sheets, Sheet, TextKind, FORM_FORMAT, TEXT_SHEET,
};
use crate::error::EngineError;
use crate::model::{ColumnKind, Report};

/// Name of the hidden sheet that identifies the form.
pub const ID_SHEET: &str = "_baocao";

/// First row (0-based) of a table's header in a form sheet.
pub const HEADER_ROW: u32 = 7;

/// The form for one unit (its name filled) or a blank form (the unit types its name).
pub fn write_form(report: &Report, unit: Option<&str>) -> Result<Vec<u8>, EngineError> {
    build(report, unit)
        .map_err(|e| EngineError::Collect(format!("Không tạo được biểu mẫu Excel: {e}.")))
}

/// A file name for a unit's form: "Biểu mẫu - Đảng ủy xã Hòa Lợi.xlsx" (characters Windows refuses replaced).
pub fn file_name(unit: Option<&str>) -> String {
    let name = match unit {
        Some(u) => format!("Biểu mẫu - {u}"),
        None => "Biểu mẫu trống".to_string(),
    };
    let clean: String = name
        .chars()
        .map(|c| if "\\/:*?\"<>|".contains(c) || c.is_control() { '_' } else { c })
        .collect();
    format!("{}.xlsx", clean.trim_end_matches(['.', ' ']))
}

fn build(report: &Report, unit: Option<&str>) -> Result<Vec<u8>, XlsxError> {
    let sheets = sheets(report);
    let mut book = Workbook::new();
    let styles = Styles::new()?;
    let period = period_text(report);
    let top = Top {
        report,
        unit,
        period: &period,
        bold: &styles.bold,
        title: &styles.title,
        note: &styles.note,
        input_text: &styles.input_text,
    };
    let mut form = FormSheets { top, styles: &styles, map: Vec::new() };

    for s in &sheets {
        form.table_sheet(book.add_worksheet(), s)?;
    }

    // The unit's own words: one cell per kind, one item per line.
    form.text_sheet(book.add_worksheet())?;
    let map = form.map;

    // Identification, hidden: what the reader checks before taking any figure.
    let id_rows = [
        ("baocao-form", FORM_FORMAT.to_string()),
        ("report", collection_id(report)),
        ("version", form_version(&sheets)),
        ("unit", unit.unwrap_or_default().to_string()),
        ("period", period),
        ("subject", report.header.subject.clone()),
    ];
    id_sheet(book.add_worksheet(), &id_rows, &map)?;
    book.save_to_buffer()
}

/// The formats and the whole-number rule the form's sheets are written with.
struct Styles {
    bold: Format,
    title: Format,
    note: Format,
    head: Format,
    locked: Format,
    locked_num: Format,
    input: Format,
    input_text: Format,
    whole: DataValidation,
}

impl Styles {
    /// The form's formats: headings, notes, locked cells and the yellow input cells.
    fn new() -> Result<Self, XlsxError> {
        let bold = Format::new().set_bold();
        let title = Format::new().set_bold().set_font_size(13);
        let note = Format::new().set_italic().set_font_color(Color::RGB(0x44_44_44));
        let head = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(FormatBorder::Thin)
            .set_background_color(Color::RGB(0xDD_EB_F7));
        let locked = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
        let locked_num = Format::new().set_border(FormatBorder::Thin).set_num_format("#,##0");
        let input = Format::new()
            .set_unlocked()
            .set_border(FormatBorder::Thin)
            .set_background_color(Color::RGB(0xFF_F2_CC))
            .set_num_format("0");
        let input_text = Format::new()
            .set_unlocked()
            .set_border(FormatBorder::Thin)
            .set_background_color(Color::RGB(0xFF_F2_CC))
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let whole = DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_title("Chỉ gõ số nguyên")?
            .set_error_message("Ô này chỉ nhận số nguyên từ 0 trở lên (ví dụ 12), không gõ chữ, số thập phân hay số âm.")?
            .set_input_title("Số liệu")?
            .set_input_message("Gõ số nguyên từ 0 trở lên; để trống nếu không có.")?;
        Ok(Styles { bold, title, note, head, locked, locked_num, input, input_text, whole })
    }
}

/// What writing the form's visible sheets shares: the top lines, the formats and the input
/// cells written so far.
struct FormSheets<'a> {
    top: Top<'a>,
    styles: &'a Styles,
    /// (sheet, cell, key) of every input cell, for the hidden sheet.
    map: Vec<(String, String, String)>,
}

impl FormSheets<'_> {
    /// Writes the sheet of one collected table: header, one row per line, total and rules.
    fn table_sheet(&mut self, ws: &mut Worksheet, s: &Sheet) -> Result<(), XlsxError> {
        let Styles { note, head, .. } = self.styles;
        ws.set_name(&s.name)?;
        self.top.write(ws, &s.title, true)?;
        if self.top.unit.is_none() {
            self.map.push((s.name.clone(), "B2".into(), "unit".into()));
        }
        if let Some(u) = &s.unit_line {
            ws.write_with_format(4, 0, u.as_str(), note)?;
        }
        ws.write_with_format(HEADER_ROW, 0, "STT", head)?;
        for (c, col) in s.columns.iter().enumerate() {
            let x = c as u16 + 1;
            ws.write_with_format(HEADER_ROW, x, col.header.as_str(), head)?;
            let text_width = if s.name == super::FIGURES_SHEET { 80 } else { 40 };
            ws.set_column_width(x, if col.kind == ColumnKind::Text { text_width } else { 14 })?;
        }
        ws.set_row_height(HEADER_ROW, 45)?;
        self.table_rows(ws, s)?;
        let last = HEADER_ROW + s.rows.len() as u32;
        if let Some(label) = &s.total {
            self.total_row(ws, s, label, last)?;
        }
        if !s.rules.is_empty() {
            let y = last + 3;
            ws.write_with_format(y, 0, format!("Kiểm tra: {}", rules_in_words(s)).as_str(), note)?;
        }
        ws.protect();
        Ok(())
    }

    /// Writes a table's rows: labels locked, figures as input cells, row sums as formulas.
    fn table_rows(&mut self, ws: &mut Worksheet, s: &Sheet) -> Result<(), XlsxError> {
        let Styles { locked, locked_num, input, whole, .. } = self.styles;
        for (r, row) in s.rows.iter().enumerate() {
            let y = HEADER_ROW + 1 + r as u32;
            ws.write_with_format(y, 0, (r + 1) as u32, locked)?;
            for (c, col) in s.columns.iter().enumerate() {
                let x = c as u16 + 1;
                match col.kind {
                    ColumnKind::Text => {
                        ws.write_with_format(y, x, row.texts[c].as_str(), locked)?;
                    }
                    ColumnKind::Number => {
                        ws.write_blank(y, x, input)?;
                        ws.add_data_validation(y, x, y, x, whole)?;
                        if let Some(key) = &row.keys[c] {
                            self.map.push((s.name.clone(), cell(y, x), key.clone()));
                        }
                    }
                    ColumnKind::RowSum => {
                        let parts: Vec<String> =
                            col.sum_of.iter().map(|&i| cell(y, i as u16 + 1)).collect();
                        let f = if parts.is_empty() {
                            "=0".to_string()
                        } else {
                            format!("={}", parts.join("+"))
                        };
                        ws.write_formula_with_format(y, x, f.as_str(), locked_num)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Writes a table's total row under its last row (`last`): the label, then column sums.
    fn total_row(
        &self,
        ws: &mut Worksheet,
        s: &Sheet,
        label: &str,
        last: u32,
    ) -> Result<(), XlsxError> {
        let Styles { head, locked, locked_num, .. } = self.styles;
        let y = last + 1;
        ws.write_with_format(y, 0, "", locked)?;
        for (c, col) in s.columns.iter().enumerate() {
            let x = c as u16 + 1;
            if col.kind == ColumnKind::Text {
                let text = if s.columns.iter().position(|c| c.kind == ColumnKind::Text) == Some(c) {
                    label
                } else {
                    ""
                };
                ws.write_with_format(y, x, text, head)?;
            } else if !s.rows.is_empty() {
                let f = format!("=SUM({}:{})", cell(HEADER_ROW + 1, x), cell(last, x));
                ws.write_formula_with_format(y, x, f.as_str(), locked_num)?;
            }
        }
        Ok(())
    }

    /// Writes the sheet for the unit's text items, one input cell per kind.
    fn text_sheet(&mut self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let Styles { note, head, input_text, .. } = self.styles;
        ws.set_name(TEXT_SHEET)?;
        self.top.write(ws, "Nội dung báo cáo ngắn của đơn vị", false)?;
        if self.top.unit.is_none() {
            self.map.push((TEXT_SHEET.into(), "B2".into(), "unit".into()));
        }
        ws.write_with_format(
            4,
            0,
            "Mỗi ý một dòng (Alt+Enter để xuống dòng trong ô). Ghi cụ thể tên mô hình, kết quả, số liệu.",
            note,
        )?;
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 90)?;
        for (i, kind) in TextKind::ALL.iter().enumerate() {
            let y = HEADER_ROW + i as u32;
            ws.write_with_format(y, 0, kind.label(), head)?;
            ws.write_blank(y, 1, input_text)?;
            ws.set_row_height(y, 90)?;
            self.map.push((TEXT_SHEET.into(), cell(y, 1), kind.key().into()));
        }
        ws.protect();
        Ok(())
    }
}

/// Writes the hidden sheet naming the report, the form and the key of every input cell.
fn id_sheet(
    ws: &mut Worksheet,
    id_rows: &[(&str, String)],
    map: &[(String, String, String)],
) -> Result<(), XlsxError> {
    ws.set_name(super::form::ID_SHEET)?;
    for (i, (k, v)) in id_rows.iter().enumerate() {
        ws.write(i as u32, 0, *k)?;
        ws.write(i as u32, 1, v.as_str())?;
    }
    for (i, (sheet, c, key)) in map.iter().enumerate() {
        let y = 10 + i as u32;
        ws.write(y, 0, sheet.as_str())?;
        ws.write(y, 1, c.as_str())?;
        ws.write(y, 2, key.as_str())?;
    }
    ws.protect();
    ws.set_very_hidden(true);
    Ok(())
}

/// The lines above every sheet's grid: what the form is, the unit, the period, the heading and
/// (on the table sheets) how to fill it.
struct Top<'a> {
    report: &'a Report,
    unit: Option<&'a str>,
    period: &'a str,
    bold: &'a Format,
    title: &'a Format,
    note: &'a Format,
    input_text: &'a Format,
}

impl Top<'_> {
    fn write(&self, ws: &mut Worksheet, heading: &str, numbers: bool) -> Result<(), XlsxError> {
        let Top { report, unit, period, bold, title, note, input_text } = *self;
        let subject = crate::flow::YearRefs::of(report)
            .apply(&format!("{} {}", report.header.doc_type, report.header.subject));
        ws.write_with_format(0, 0, "BIỂU MẪU", bold)?;
        ws.write(0, 1, subject.split_whitespace().collect::<Vec<_>>().join(" "))?;
        // Printed on one page wide, landscape: the form is often printed and filled by hand first.
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_column_width(0, 13)?;
        ws.write_with_format(1, 0, "Đơn vị:", bold)?;
        match unit {
            Some(u) => ws.write_with_format(1, 1, u, bold)?,
            None => ws.write_with_format(1, 1, "", input_text)?,
        };
        ws.write_with_format(2, 0, "Kỳ báo cáo:", bold)?;
        ws.write(2, 1, period)?;
        ws.write_with_format(3, 0, heading, title)?;
        if !numbers {
            return Ok(());
        }
        ws.write_with_format(
        5,
        0,
        if unit.is_none() {
            "Gõ tên đơn vị vào ô B2 (ô nền vàng), rồi gõ số nguyên vào các ô nền vàng; ô để trống được hiểu là chưa có số. \
             Không đổi tên trang, không chèn hay gộp ô; lưu tệp dạng .xlsx rồi gửi lại."
        } else {
            "Gõ số nguyên (0, 1, 2…) vào các ô nền vàng; ô để trống được hiểu là chưa có số. \
             Không đổi tên trang, không chèn hay gộp ô; lưu tệp dạng .xlsx rồi gửi lại."
        },
        note,
    )?;
        Ok(())
    }
}

fn rules_in_words(s: &Sheet) -> String {
    s.rules.iter().map(|r| super::rule_in_words(s, r)).collect::<Vec<_>>().join("; ")
}

/// "C8" for row 7, column 2 (0-based).
pub fn cell(row: u32, col: u16) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, col)
}
