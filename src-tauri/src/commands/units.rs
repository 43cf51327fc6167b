//! Compiling from the units: forms out, the units' files read back (with progress and cancel),
//! the compile and its review.

use super::*;

/// Event sent while units' files are read: how many of how many, and which file.
pub const COMPILE_PROGRESS: &str = "baocao://compile-progress";

/// Progress of reading units' files.
#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
pub struct CompileProgress {
    /// Files read so far.
    pub done: u32,
    /// Files to read.
    pub total: u32,
    /// The file being read.
    pub file: String,
}

/// Set when the user cancels reading units' files.
#[derive(Default)]
pub struct CompileCancel(pub std::sync::atomic::AtomicBool);

/// A form sheet as the collection panel lists it.
#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
pub struct FormTable {
    /// Sheet name in the form ("Bảng 1").
    pub sheet: String,
    /// The table's title.
    pub title: String,
    /// Rows the unit fills.
    pub rows: u32,
    /// Input cells.
    pub inputs: u32,
    /// The table's rules.
    pub rules: Vec<String>,
    /// Rules that do not parse or name unknown columns (warnings).
    pub problems: Vec<baocao_engine::Diagnostic>,
}

/// The tables the units' forms ask for.
#[tauri::command]
pub fn form_tables(report: Report) -> Vec<FormTable> {
    collect::sheets(&report)
        .into_iter()
        .map(|s| FormTable {
            problems: collect::compile::rule_problems(&s),
            inputs: s.rows.iter().map(|r| r.keys.iter().flatten().count() as u32).sum(),
            sheet: s.name,
            title: s.title,
            rows: s.rows.len() as u32,
            rules: s.rules,
        })
        .collect()
}

/// Units typed or pasted one per line (a spreadsheet's columns pasted too).
#[tauri::command]
pub fn units_from_text(text: String) -> Vec<baocao_engine::model::Unit> {
    collect::units_from_text(&text)
}

/// Units from a spreadsheet's first column (xlsx, xls, ods) or a text file.
#[tauri::command]
pub fn units_from_file(path: String) -> Result<Vec<baocao_engine::model::Unit>, String> {
    let bytes = baocao_engine::fsio::read_limited(Path::new(&path)).map_err(msg)?;
    let units = collect::units_from_bytes(&bytes).map_err(msg)?;
    if units.is_empty() {
        return Err(format!(
            "Không thấy tên đơn vị nào trong «{path}» (cột đầu tiên của trang đầu)."
        ));
    }
    Ok(units)
}

/// Writes a form for each listed unit, and a blank one, into a folder (the rule `baocao form
/// --all-units` follows too: `baocao_engine::app::forms`); returns how many. An existing
/// read-only form stops it before anything is written.
#[tauri::command]
pub fn export_forms(report: Report, folder: String) -> Result<u32, String> {
    use baocao_engine::app::{forms, guard::Refusal};
    let units = report.collection.as_ref().map(|c| c.units.clone()).unwrap_or_default();
    match forms::write_all(&report, &units, Path::new(&folder), &[], false).map_err(msg)? {
        forms::Outcome::Written { files, .. } => Ok(files.len() as u32),
        forms::Outcome::Refused(Refusal::OwnFile { path, .. }) => {
            Err(format!("Không tạo được biểu mẫu: «{}» là tệp đang dùng.", path.display()))
        }
        forms::Outcome::Refused(Refusal::ReadOnly { path }) => Err(format!(
            "Không tạo được biểu mẫu: tệp «{}» đã có và chỉ cho phép đọc. Hãy chọn thư mục \
                 khác, hoặc bỏ thuộc tính chỉ đọc của tệp đó.",
            path.display()
        )),
    }
}

/// Writes one form (a unit's, or blank) to a file.
#[tauri::command]
pub fn export_form(report: Report, path: String, unit: Option<String>) -> Result<(), String> {
    let bytes = collect::form::write_form(&report, unit.as_deref()).map_err(msg)?;
    baocao_engine::fsio::write_atomic(Path::new(&path), &bytes).map_err(msg)
}

/// Reads the units' files, telling progress; none when the user cancelled.
#[tauri::command]
pub async fn read_unit_files<R: Runtime>(
    app: AppHandle<R>,
    paths: Vec<String>,
) -> Result<Option<Vec<collect::read::Submission>>, String> {
    use std::sync::atomic::Ordering;
    use tauri::Emitter;
    // The flag is cleared when a reading ends, not when it starts: the UI shows «Hủy» before this
    // command runs, and a click in that moment was lost when the start cleared it (the reading
    // then went on to the review; the e2e step «Hủy khi đang đọc» failed so once).
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let cancelled = || handle.state::<CompileCancel>().0.swap(false, Ordering::SeqCst);
        let today = clock::today();
        let total = paths.len() as u32;
        let mut out = Vec::with_capacity(paths.len());
        for (i, p) in paths.iter().enumerate() {
            if cancelled() {
                return None;
            }
            let path = Path::new(p);
            let file =
                path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            let _ = handle.emit(COMPILE_PROGRESS, CompileProgress { done: i as u32, total, file });
            out.push(collect::read::read_path(path, today));
        }
        let _ = handle
            .emit(COMPILE_PROGRESS, CompileProgress { done: total, total, file: String::new() });
        // A click after the last file is too late for this reading and must not stop the next.
        cancelled();
        Some(out)
    })
    .await
    .map_err(|e| e.to_string())
}

/// Stops reading units' files.
#[tauri::command]
pub fn cancel_unit_files(cancel: tauri::State<'_, CompileCancel>) {
    cancel.0.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Adds the units' figures up into a copy of the report, with the review.
#[tauri::command]
pub fn compile_units(
    report: Report,
    submissions: Vec<collect::read::Submission>,
    choices: collect::Choices,
) -> collect::Compiled {
    collect::compile(&report, &submissions, &choices)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_one_per_unit_and_a_blank_one_and_a_read_only_form_stops_them() {
        let dir = tempfile::tempdir().expect("test step");
        let folder = dir.path().display().to_string();
        let mut report = sample_report();
        report.collection = Some(baocao_engine::model::Collection {
            id: collect::collection_id(&report),
            units: collect::units_from_text("Xã A\nXã B"),
            deadline: None,
            received: vec![],
            previous: vec![],
        });
        assert_eq!(export_forms(report.clone(), folder.clone()), Ok(3));
        let blank = dir.path().join("Biểu mẫu trống.xlsx");
        assert!(std::fs::read(&blank).expect("test step").starts_with(b"PK"));
        let mut perm = std::fs::metadata(&blank).expect("test step").permissions();
        perm.set_readonly(true);
        std::fs::set_permissions(&blank, perm).expect("test step");
        let err = export_forms(report, folder).expect_err("read-only form");
        assert!(err.contains("chỉ cho phép đọc") && err.contains("Biểu mẫu trống.xlsx"), "{err}");
    }
}
