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
use crate::diagnostic::{codes, Diagnostic};
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
    /// Problems with the file (placed at their sheet and cell; the compile adds the file).
    pub problems: Vec<Diagnostic>,
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

    fn block(&mut self, code: &str, sheet: Option<&str>, cell: Option<&str>, message: String) {
        let (sheet, cell) = (sheet.map(str::to_string), cell.map(str::to_string));
        self.problems.push(Diagnostic::blocking(code, message).at_cell(sheet, cell));
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
                s.block(codes::FILE_UNREADABLE, None, None, e.to_string());
            }
        }
        return s;
    }
    match crate::fsio::read_limited(path) {
        Ok(bytes) => read_bytes(&name, &bytes, modified, today),
        Err(e) => {
            let mut s = Submission::new(&name, SubmissionKind::Unreadable, modified);
            s.block(codes::FILE_UNREADABLE, None, None, e.to_string());
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
                s.block(
                    codes::FILE_UNREADABLE,
                    None,
                    None,
                    format!("Không đọc được báo cáo của đơn vị: {e}"),
                );
            }
        }
        return s;
    }
    if let Some(encrypted) = crate::import::read::ole(bytes) {
        if encrypted {
            let mut s = Submission::new(name, SubmissionKind::Unreadable, modified);
            s.block(
                codes::FILE_UNREADABLE,
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
            s.block(codes::FILE_UNREADABLE, None, None, "Tệp Word cũ (.doc): hãy chọn tệp từ ổ đĩa để chương trình chuyển qua LibreOffice, hoặc lưu lại thành .docx.".into());
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
                s.block(codes::FILE_UNREADABLE, None, None, e.to_string());
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

/// The message for a spreadsheet that cannot be read at all.
const UNREADABLE: &str = "Không đọc được tệp: tệp hỏng, hoặc không phải bảng tính Excel (.xlsx, \
                          .xls), LibreOffice (.ods), báo cáo (.baocao) hay văn bản Word (.docx).";

/// The most text read from a spreadsheet package's XML parts, all together (a real form's are
/// well under 1 MB; a zip bomb stops here).
const MAX_FORM_XML_BYTES: u64 = 64 << 20;

/// The most cells a sheet's used area may span (rows × columns): the spreadsheet reader holds
/// every cell of that area in memory, so a value typed in XFD1048576 beside one in A1 would take
/// hundreds of GB.
pub const MAX_SHEET_CELLS: u64 = 4_000_000;

fn read_form(name: &str, bytes: &[u8], modified: Option<NaiveDate>) -> Submission {
    if let Err(why) = check_package(bytes).and_then(|()| check_xls(bytes)) {
        let mut s = Submission::new(name, SubmissionKind::Unreadable, modified);
        s.block(codes::FILE_UNREADABLE, None, None, why);
        return s;
    }
    // The spreadsheet reader (calamine) panics on some damaged files (an index out of bounds
    // in its .xls reader, an overflow on a column of too many letters): the file is refused.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook(name, bytes, modified)
    })) {
        Ok(s) => s,
        Err(_) => {
            let mut s = Submission::new(name, SubmissionKind::Unreadable, modified);
            s.block(
                codes::FILE_UNREADABLE,
                None,
                None,
                "Không đọc được tệp: bảng tính bị hỏng. Hãy nhờ đơn vị mở tệp trong Excel hoặc \
                 LibreOffice, lưu lại rồi gửi lại."
                    .into(),
            );
            s
        }
    }
}

/// Checks a zip spreadsheet (.xlsx, .ods) before the spreadsheet reader holds it in memory:
/// its XML inflates to at most [`MAX_FORM_XML_BYTES`], no sheet spans more than
/// [`MAX_SHEET_CELLS`], the shared strings do not claim more strings than their part can hold.
/// Anything else (not a zip, an .xls) is left to the reader.
fn check_package(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let damaged = "Không đọc được tệp: tệp nén của bảng tính bị hỏng (dữ liệu nén lỗi hoặc bị cắt \
                   cụt). Hãy nhờ đơn vị mở tệp trong Excel hoặc LibreOffice, lưu lại rồi gửi lại.";
    let mut budget = MAX_FORM_XML_BYTES;
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index(i) else { return Err(damaged.into()) };
        let name = f.name().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut data = Vec::new();
        if f.take(budget + 1).read_to_end(&mut data).is_err() {
            return Err(damaged.into());
        }
        if data.len() as u64 > budget {
            return Err(format!(
                "Không đọc được tệp: nội dung bảng tính giải nén ra hơn {} MB, quá lớn đối với \
                 một biểu mẫu (có thể là tệp nén độc hại). Hãy kiểm tra tệp đơn vị gửi.",
                MAX_FORM_XML_BYTES >> 20
            ));
        }
        budget -= data.len() as u64;
        // Any part may be a sheet (the workbook's relationships name them).
        let area = if name.starts_with("xl/") {
            sheet_area(&data, b"row", b"c")
        } else if name == "content.xml" {
            sheet_area(&data, b"table:table-row", b"table:table-cell")
        } else {
            0
        };
        if area > MAX_SHEET_CELLS {
            return Err(too_many_cells());
        }
        if name == "xl/sharedStrings.xml" {
            // Each string takes at least a few bytes of the part ("<si/>").
            let claimed = attr(&data, b"sst", b"uniqueCount").and_then(|v| v.parse::<u64>().ok());
            if claimed.is_some_and(|n| n > data.len() as u64 / 4) {
                return Err(damaged.into());
            }
        }
    }
    Ok(())
}

/// The message for a sheet spanning more than [`MAX_SHEET_CELLS`].
fn too_many_cells() -> String {
    format!(
        "Không đọc được tệp: một trang của bảng tính có dữ liệu trải trên hơn {} triệu ô (có ô \
         có giá trị ở rất xa, ví dụ cột XFD hay dòng 1048576). Hãy xóa các ô thừa ở xa rồi lưu \
         lại.",
        MAX_SHEET_CELLS / 1_000_000
    )
}

/// Checks an old Excel file (.xls, an OLE compound file) before the spreadsheet reader holds
/// it: the reader reserves room for every cell of the area a sheet's «Dimensions» record
/// claims, so one claiming 4 billion rows aborted the program. The workbook stream is read
/// out of the compound file and each sheet's claimed area checked; a file whose stream cannot
/// be found is left to the reader (which refuses it).
fn check_xls(bytes: &[u8]) -> Result<(), String> {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(());
    }
    let Some(stream) = ole_stream(bytes, &["Workbook", "Book"]) else { return Ok(()) };
    // The used area of the sheet being read: (first row, last row, first column, last column).
    let mut used: Option<(u32, u32, u32, u32)> = None;
    let too_wide = |u: Option<(u32, u32, u32, u32)>| {
        u.is_some_and(|(r0, r1, c0, c1)| {
            u64::from(r1 - r0 + 1).saturating_mul(u64::from(c1 - c0 + 1)) > MAX_SHEET_CELLS
        })
    };
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        let u16_at = |i: usize| -> Option<u32> {
            data.get(i..i + 2).map(|x| u32::from(u16::from_le_bytes([x[0], x[1]])))
        };
        let u32_at = |i: usize| -> Option<u32> {
            data.get(i..i + 4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
        };
        match typ {
            // Dimensions (MS-XLS 2.4.90), as the reader reads it: first row, row after the
            // last, first column, column after the last; the area it reserves is
            // (last − first + 1)² in 32 bits.
            0x0200 => {
                let dims = match data.len() {
                    10 => u16_at(0).zip(u16_at(2)).zip(u16_at(4)).zip(u16_at(6)),
                    14 | 16 => u32_at(0).zip(u32_at(4)).zip(u16_at(8)).zip(u16_at(10)),
                    _ => None,
                };
                if let Some((((rf, rl), mut cf), cl)) = dims {
                    if 0xFF < cf || cl < cf {
                        cf = 0;
                    }
                    let (end_r, end_c) =
                        if rl >= 1 && cl >= 1 { (rl - 1, cl - 1) } else { (rf, cf) };
                    let rows = u64::from(end_r.wrapping_sub(rf).wrapping_add(1));
                    let cols = u64::from(end_c.wrapping_sub(cf).wrapping_add(1));
                    if rows.saturating_mul(cols) > MAX_SHEET_CELLS {
                        return Err(too_many_cells());
                    }
                }
            }
            // A cell with a value (number, text, shared text, RK, several RKs, boolean or
            // error, formula): the reader lays every sheet out over its cells' area.
            0x0203 | 0x0204 | 0x00D6 | 0x00FD | 0x027E | 0x00BD | 0x0205 | 0x0006 => {
                if let (Some(row), Some(col)) = (u16_at(0), u16_at(2)) {
                    let last = if typ == 0x00BD {
                        data.len().checked_sub(2).and_then(u16_at).unwrap_or(col).max(col)
                    } else {
                        col
                    };
                    used = Some(match used {
                        None => (row, row, col, last),
                        Some((r0, r1, c0, c1)) => {
                            (r0.min(row), r1.max(row), c0.min(col), c1.max(last))
                        }
                    });
                    if too_wide(used) {
                        return Err(too_many_cells());
                    }
                }
            }
            // A sheet's end: the next sheet has its own area.
            0x000A => used = None,
            _ => {}
        }
        at += 4 + len;
    }
    Ok(())
}

/// A stream of an OLE compound file (MS-CFB) by name (ASCII, any case), following its sector
/// chain (or the mini stream's for a small one); `None` when the file's structure does not lead
/// to it. Every read is bounded by the file: chains stop at their length in sectors.
fn ole_stream(b: &[u8], names: &[&str]) -> Option<Vec<u8>> {
    let u16_at = |i: usize| b.get(i..i + 2).map(|x| u16::from_le_bytes([x[0], x[1]]));
    let u32_at = |i: usize| b.get(i..i + 4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]));
    let shift = u16_at(30)?;
    if !(7..=16).contains(&shift) {
        return None;
    }
    let size = 1usize << shift;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        b.get(start..start.checked_add(size)?)
    };
    let words = |s: &[u8]| -> Vec<u32> {
        s.chunks_exact(4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]])).collect()
    };
    const END: u32 = 0xFFFF_FFFA;
    // The FAT: the sectors listed in the header, then in the DIFAT chain.
    let mut fat_ids: Vec<u32> = (0..109).filter_map(|k| u32_at(76 + 4 * k)).collect();
    let mut difat = u32_at(68)?;
    let max_sectors = b.len() / size + 1;
    let mut guard = 0;
    while difat < END && guard < max_sectors {
        let w = words(sector(difat)?);
        let (next, ids) = w.split_last()?;
        fat_ids.extend_from_slice(ids);
        difat = *next;
        guard += 1;
    }
    let fat: Vec<u32> =
        fat_ids.into_iter().filter(|id| *id < END).filter_map(sector).flat_map(words).collect();
    let chain = |start: u32, table: &[u32]| -> Vec<u32> {
        let mut out = Vec::new();
        let mut id = start;
        while id < END && out.len() < table.len() {
            out.push(id);
            id = match table.get(id as usize) {
                Some(n) => *n,
                None => break,
            };
        }
        out
    };
    let read = |start: u32| -> Vec<u8> {
        chain(start, &fat).into_iter().filter_map(sector).flatten().copied().collect()
    };
    let dir = read(u32_at(48)?);
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let root = entries.first()?;
    let entry = entries.iter().find(|e| {
        let len = usize::from(u16::from_le_bytes([e[64], e[65]])).min(64);
        let name: Vec<u16> = e[..len]
            .chunks_exact(2)
            .map(|x| u16::from_le_bytes([x[0], x[1]]))
            .take_while(|c| *c != 0)
            .collect();
        let name = String::from_utf16_lossy(&name);
        e[66] == 2 && names.iter().any(|n| n.eq_ignore_ascii_case(&name))
    })?;
    let start = u32::from_le_bytes([entry[116], entry[117], entry[118], entry[119]]);
    let len = u32::from_le_bytes([entry[120], entry[121], entry[122], entry[123]]) as usize;
    let mut data = if len < 4096 {
        // A small stream lives in the mini stream (64-byte sectors, its own FAT).
        let mini = read(u32::from_le_bytes([root[116], root[117], root[118], root[119]]));
        let mini_fat: Vec<u32> = words(&read(u32_at(60)?));
        let mini_size = 1usize << u16_at(32)?.min(12);
        chain(start, &mini_fat)
            .into_iter()
            .filter_map(|id| {
                let s = (id as usize).checked_mul(mini_size)?;
                mini.get(s..s.checked_add(mini_size)?)
            })
            .flatten()
            .copied()
            .collect()
    } else {
        read(start)
    };
    data.truncate(len);
    Some(data)
}

/// An attribute of the first `<tag …>` in `xml` (without namespace prefix on the tag).
fn attr(xml: &[u8], tag: &[u8], name: &[u8]) -> Option<String> {
    let mut at = 0;
    while let Some(p) = xml[at..].iter().position(|b| *b == b'<') {
        let start = at + p + 1;
        let end = start + xml[start..].iter().position(|b| *b == b'>')?;
        let t = &xml[start..end];
        let tag_name = t.split(|b| b.is_ascii_whitespace() || *b == b'/').next().unwrap_or(&[]);
        if tag_name == tag || tag_name.rsplit(|b| *b == b':').next() == Some(tag) {
            return attr_in(t, name);
        }
        at = end;
    }
    None
}

/// The value of attribute `name` inside a start tag's text.
fn attr_in(tag: &[u8], name: &[u8]) -> Option<String> {
    let mut i = 0;
    while let Some(p) = tag[i..].windows(name.len() + 2).position(|w| {
        &w[..name.len()] == name && w[name.len()] == b'=' && w[name.len() + 1] == b'"'
    }) {
        let at = i + p;
        if at > 0 && tag[at - 1].is_ascii_whitespace() {
            let v = &tag[at + name.len() + 2..];
            let end = v.iter().position(|b| *b == b'"')?;
            return Some(String::from_utf8_lossy(&v[..end]).into_owned());
        }
        i = at + 1;
    }
    None
}

/// The number of cells of the rectangle a sheet's cells with content span (as the spreadsheet
/// reader lays them out), read from the XML's tags without parsing it (it may be malformed):
/// `<row r>`/`<c r>` in XLSX, repeated rows and cells in ODS. An ODS part holds every sheet: each
/// `table:table` starts a sheet of its own, and the largest sheet's area is returned (empty rows
/// repeated to the end of a sheet, as LibreOffice writes them, count for nothing).
fn sheet_area(xml: &[u8], row_tag: &[u8], cell_tag: &[u8]) -> u64 {
    let ods = cell_tag != b"c";
    let (mut row, mut col) = (0u64, 0u64);
    let mut row_repeat = 1u64;
    let (mut min_row, mut max_row, mut min_col, mut max_col) = (u64::MAX, 0u64, u64::MAX, 0u64);
    let mut largest = 0u64;
    let area = |min_row: u64, max_row: u64, min_col: u64, max_col: u64| {
        if max_col == 0 {
            return 0;
        }
        (max_row.saturating_sub(min_row) + 1).saturating_mul(max_col.saturating_sub(min_col))
    };
    let mut at = 0;
    while let Some(p) = xml[at..].iter().position(|b| *b == b'<') {
        let start = at + p + 1;
        let Some(len) = xml[start..].iter().position(|b| *b == b'>') else { break };
        let end = start + len;
        at = end;
        let t = &xml[start..end];
        let name = t.split(|b| b.is_ascii_whitespace() || *b == b'/').next().unwrap_or(&[]);
        let local = if ods { name } else { name.rsplit(|b| *b == b':').next().unwrap_or(name) };
        let number = |a: &[u8]| attr_in(t, a).and_then(|v| v.trim().parse::<u64>().ok());
        if ods && local == b"table:table" {
            largest = largest.max(area(min_row, max_row, min_col, max_col));
            (row, col, row_repeat) = (0, 0, 1);
            (min_row, max_row, min_col, max_col) = (u64::MAX, 0, u64::MAX, 0);
        } else if local == row_tag {
            if ods {
                row = row.saturating_add(row_repeat);
                row_repeat = number(b"table:number-rows-repeated").unwrap_or(1).max(1);
            } else {
                row = match attr_in(t, b"r").and_then(|v| v.trim().parse::<u64>().ok()) {
                    Some(r) => r,
                    None => row.saturating_add(1),
                };
            }
            col = 0;
        } else if local == cell_tag || (ods && local == b"table:covered-table-cell") {
            let empty = t.ends_with(b"/") && !(ods && attr_in(t, b"office:value-type").is_some());
            let repeat =
                if ods { number(b"table:number-columns-repeated").unwrap_or(1).max(1) } else { 1 };
            let (r0, c0) = if ods {
                (row, col)
            } else {
                match attr_in(t, b"r").and_then(|v| loose_cell(&v)) {
                    Some(rc) => rc,
                    None => (row.max(1), col),
                }
            };
            if !empty {
                let last_row = if ods { r0.saturating_add(row_repeat - 1) } else { r0 };
                min_row = min_row.min(r0);
                max_row = max_row.max(last_row);
                min_col = min_col.min(c0);
                max_col = max_col.max(c0.saturating_add(repeat));
            }
            col = c0.saturating_add(repeat);
        }
    }
    largest.max(area(min_row, max_row, min_col, max_col))
}

/// A cell reference as a lenient reader takes it, past the sheet's bounds too: (row from 1,
/// column from 0), saturating.
fn loose_cell(r: &str) -> Option<(u64, u64)> {
    let r = r.trim().trim_start_matches('$');
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = r[letters..].trim_start_matches('$');
    if letters == 0 {
        return None;
    }
    let col = r.bytes().take(letters).fold(0u64, |acc, b| {
        acc.saturating_mul(26).saturating_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))
    });
    let row = digits
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0u64, |acc, b| acc.saturating_mul(10).saturating_add(u64::from(b - b'0')));
    Some((row.max(1), col - 1))
}

fn read_workbook(name: &str, bytes: &[u8], modified: Option<NaiveDate>) -> Submission {
    let mut s = Submission::new(name, SubmissionKind::Form, modified);
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(_) => {
            s.kind = SubmissionKind::Unreadable;
            s.block(codes::FILE_UNREADABLE, None, None, UNREADABLE.into());
            return s;
        }
    };
    let names = book.sheet_names();
    if !names.iter().any(|n| n == ID_SHEET) {
        s.block(
            codes::FILE_UNREADABLE,
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
        Err(_) => {
            s.block(
                codes::FILE_UNREADABLE,
                Some(ID_SHEET),
                None,
                "Không đọc được trang nhận dạng của biểu mẫu: tệp bị hỏng. Hãy nhờ đơn vị mở tệp \
                 trong Excel hoặc LibreOffice, lưu lại rồi gửi lại."
                    .into(),
            );
            return s;
        }
    };
    let format: u32 = text_at(&id, 0, 1).parse().unwrap_or(0);
    if text_at(&id, 0, 0) != "baocao-form" || format == 0 || format > FORM_FORMAT {
        s.block(
            codes::FILE_UNREADABLE,
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
    let map = input_cells(&id);
    read_inputs(&mut s, &mut book, &names, &map);
    if s.unit.as_deref().is_none_or(str::is_empty) {
        s.block(
            codes::NO_UNIT,
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

/// An input cell of a form, as its identification sheet lists it: (sheet, cell, key).
type InputCell = (String, String, String);

/// The text of a cell of a sheet (0-based row and column), trimmed; empty when there is none.
fn text_at(r: &Range<Data>, row: u32, col: u32) -> String {
    r.get_value((row, col)).map(|d| d.to_string().trim().to_string()).unwrap_or_default()
}

/// The input cells the identification sheet lists.
fn input_cells(id: &Range<Data>) -> Vec<InputCell> {
    // The input cells: (sheet, cell, key) from row 11 down.
    let mut map = Vec::new();
    let mut row = 10;
    loop {
        let sheet = text_at(id, row, 0);
        if sheet.is_empty() {
            break;
        }
        map.push((sheet, text_at(id, row, 1), text_at(id, row, 2)));
        row += 1;
    }
    map
}

/// Reads every listed input cell into the submission, naming once each sheet that is missing.
fn read_inputs(
    s: &mut Submission,
    book: &mut Sheets<Cursor<&[u8]>>,
    names: &[String],
    map: &[InputCell],
) {
    let mut ranges: HashMap<String, Option<SheetData>> = HashMap::new();
    let mut missing_reported = Vec::new();
    for input in map {
        let sheet = &input.0;
        let entry = ranges.entry(sheet.clone()).or_insert_with(|| {
            if !names.iter().any(|n| n == sheet) {
                return None;
            }
            let values = book.worksheet_range(sheet).ok()?;
            let formulas = book.worksheet_formula(sheet).unwrap_or_default();
            let merges = match &mut *book {
                Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
                Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
                _ => vec![],
            };
            Some((values, formulas, merges))
        });
        let Some(data) = entry else {
            if !missing_reported.contains(sheet) {
                missing_reported.push(sheet.clone());
                s.block(
                    codes::SHEET_MISSING,
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
        read_input(s, input, data);
    }
}

/// Reads one input cell of a sheet: the unit's name, its text items or a figure.
fn read_input(s: &mut Submission, input: &InputCell, (values, formulas, merges): &SheetData) {
    let (sheet, cell_ref, key) = input;
    let Some((r, c)) = parse_cell(cell_ref) else { return };
    if let Some(m) = merges.iter().find(|m| m.contains(r, c) && m.start != m.end) {
        s.block(
            codes::BAD_CELL,
            Some(sheet),
            Some(cell_ref),
            format!(
                "nằm trong vùng ô bị gộp ({}:{}); hãy bỏ gộp ô và gõ số vào từng ô.",
                super::form::cell(m.start.0, m.start.1 as u16),
                super::form::cell(m.end.0, m.end.1 as u16)
            ),
        );
        return;
    }
    if let Some(f) = formulas.get_value((r, c)).filter(|f| !f.is_empty()) {
        s.block(
            codes::BAD_CELL,
            Some(sheet),
            Some(cell_ref),
            format!("có công thức «={f}»: hãy gõ con số, không dùng công thức."),
        );
        return;
    }
    let value = values.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    if key == "unit" {
        let name = value.to_string().trim().to_string();
        if !name.is_empty() && s.unit.is_none() {
            s.unit = Some(name);
        }
        return;
    }
    if let Some(kind) = TextKind::ALL.iter().find(|k| k.key() == key) {
        take_texts(s, *kind, &value);
        return;
    }
    take_number(s, input, &value);
}

/// Takes a text cell's lines as the unit's text items of a kind.
fn take_texts(s: &mut Submission, kind: TextKind, value: &Data) {
    let text = value.to_string();
    for line in text.lines() {
        let line = line.trim().trim_start_matches(['-', '+', '•']).trim();
        if !line.is_empty() {
            s.texts.push(UnitText { unit: String::new(), kind, text: line.to_string() });
        }
    }
}

/// Takes a figure cell's whole number ≥ 0, or says what is wrong with what it holds.
fn take_number(s: &mut Submission, (sheet, cell_ref, key): &InputCell, value: &Data) {
    let number = match value {
        Data::Empty => return,
        Data::Int(i) => Ok(*i as f64),
        Data::Float(f) => Ok(*f),
        Data::String(t) if t.trim().is_empty() => return,
        Data::String(t) => crate::text::parse_vi_number(t).ok_or_else(|| t.clone()),
        other => Err(other.to_string()),
    };
    match number {
        Err(text) => s.block(
            codes::BAD_CELL,
            Some(sheet),
            Some(cell_ref),
            format!("có «{}», không phải là số: hãy gõ một số nguyên.", text.trim()),
        ),
        Ok(v) if v < 0.0 => s.block(
            codes::BAD_CELL,
            Some(sheet),
            Some(cell_ref),
            format!("có số âm ({v}): số lượng không thể âm."),
        ),
        Ok(v) if v.fract() != 0.0 => s.block(
            codes::BAD_CELL,
            Some(sheet),
            Some(cell_ref),
            format!("có số lẻ ({}): số lượng phải là số nguyên.", v.to_string().replace('.', ",")),
        ),
        Ok(v) => {
            s.values.insert(key.clone(), v);
            s.cells.insert(key.clone(), (sheet.clone(), cell_ref.clone()));
        }
    }
}

/// "C9" → (8, 2), 0-based; `None` for what is not a cell of a sheet (up to XFD1048576).
pub fn parse_cell(r: &str) -> Option<(u32, u32)> {
    let letters: String = r.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits = &r[letters.len()..];
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1))
        - 1;
    let row: u32 = digits.parse().ok()?;
    (col < 16_384 && row <= 1_048_576).then_some((row.checked_sub(1)?, col))
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
        // Past the sheet's last cell, or too many letters for a column: not a cell.
        assert_eq!(parse_cell("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_cell("XFE1"), None);
        assert_eq!(parse_cell("A1048577"), None);
        assert_eq!(parse_cell("ZZZZZZZZ1"), None);
    }

    #[test]
    fn ods_sheets_are_measured_one_by_one() {
        let sheet = |rows: &str| format!("<table:table table:name=\"t\">{rows}</table:table>");
        let data = "<table:table-row><table:table-cell office:value-type=\"float\"/>\
                    <table:table-cell office:value-type=\"float\"/></table:table-row>";
        // As LibreOffice ends every sheet: empty rows repeated to the sheet's last row.
        let tail = "<table:table-row table:number-rows-repeated=\"1048574\">\
                    <table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>";
        let ods =
            format!("{}{}", sheet(&format!("{data}{tail}")), sheet(&format!("{data}{data}{tail}")));
        let area = sheet_area(ods.as_bytes(), b"table:table-row", b"table:table-cell");
        assert_eq!(area, 4, "two rows of two cells in the larger sheet");
        // A value far down one sheet still counts.
        let far = "<table:table-row table:number-rows-repeated=\"3000000\"><table:table-cell/></table:table-row>\
                   <table:table-row><table:table-cell office:value-type=\"float\"/>\
                   <table:table-cell office:value-type=\"float\"/></table:table-row>";
        let ods = sheet(&format!("{data}{far}"));
        assert!(sheet_area(ods.as_bytes(), b"table:table-row", b"table:table-cell") > 4_000_000);
    }
}
