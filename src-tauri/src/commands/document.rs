//! The open report: the sample, the file the app was started with, open and save, the live
//! preview and export to Word and PDF.

use super::*;

/// The live preview: the pages that changed (SVG) and the parts that start on each page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Preview {
    /// Version of the layout; the UI sends it back with the next request.
    pub version: u32,
    /// Number of pages.
    pub page_count: u32,
    /// Whether `pages` holds every page (else only those changed since the version the UI has).
    pub complete: bool,
    /// The pages drawn: index and SVG markup (no `<style>`; the UI declares the fonts).
    pub pages: Vec<PreviewPage>,
    /// For each page, the report paths whose content starts there (parts, blocks, items);
    /// absent when unchanged since the version the UI holds.
    pub anchors: Option<Vec<Vec<String>>>,
    /// What the checks and the layout found, each place named in words.
    pub problems: Vec<baocao_engine::Diagnostic>,
    /// The outline, the tables' computed cells and totals, the openers of lessons and solution
    /// groups, as the document prints them.
    pub outline: baocao_engine::outline::Outline,
    /// Whether the spelling was not checked because the dictionary is still loading.
    pub checks_pending: bool,
    /// Time spent in the command (reading the report, validation, layout, drawing), in
    /// microseconds: the rest of a keystroke's time is the UI and the IPC.
    pub took_us: u32,
}

/// One page of the preview.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct PreviewPage {
    /// Page index (0 = first page).
    pub index: u32,
    /// SVG markup.
    pub svg: String,
}

/// The preview kept between edits: only what an edit changed is laid out and drawn again.
#[derive(Default)]
pub struct PreviewState(pub std::sync::Mutex<preview::PreviewSession>);

/// A report read from disk, with the path it came from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Opened {
    /// The report.
    pub report: Report,
    /// Where it was read from.
    pub path: String,
}

/// Export formats.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Word.
    Docx,
    /// PDF.
    Pdf,
}

/// The built-in sample report (3-year review of Directive 05).
#[tauri::command]
pub fn sample_report() -> Report {
    sample::sample()
}

/// A report file passed on the command line (`soan-bao-cao bao-cao.baocao`), if any.
#[tauri::command]
pub fn startup_file() -> Option<String> {
    // args_os: a name that is not valid Unicode (a Linux file name in another encoding) must not
    // stop the app; it comes through lossily and opening it then says what is wrong.
    args().find(|a| !a.starts_with('-'))
}

/// The command line's arguments after the program, as text.
fn args() -> impl Iterator<Item = String> {
    std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned())
}

/// Whether the app was started with `--mau`: open the built-in sample report right away.
#[tauri::command]
pub fn startup_sample() -> bool {
    args().any(|a| a == "--mau")
}

/// Opens a report file the user chose.
#[tauri::command]
pub fn open_report(path: String) -> Result<Opened, String> {
    let p = PathBuf::from(&path);
    let report = read_report(&p)?;
    remember(&p);
    Ok(Opened { report, path })
}

/// Saves the report (JSON) to a path the user chose; adds the extension when it is missing.
#[tauri::command]
pub fn save_report(path: String, report: Report) -> Result<String, String> {
    let mut p = PathBuf::from(&path);
    if p.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
        p.set_extension(EXTENSION);
    }
    let json =
        serde_json::to_vec_pretty(&report).map_err(|e| format!("Không ghi được báo cáo: {e}."))?;
    fsio::write_atomic(&p, &json).map_err(msg)?;
    remember(&p);
    Ok(p.display().to_string())
}

/// Lays the report out and returns the pages the UI lacks as SVG, whatever the report's problems
/// (they are listed). The body is the report as JSON bytes (no intermediate JSON value: this runs
/// on every keystroke); the header `x-known` is the version the UI holds.
/// Runs off the main thread (an async command), which keeps the window responsive meanwhile.
#[tauri::command]
pub async fn preview(
    state: tauri::State<'_, PreviewState>,
    request: tauri::ipc::Request<'_>,
) -> Result<Preview, String> {
    let start = std::time::Instant::now();
    let report: Report = match request.body() {
        tauri::ipc::InvokeBody::Raw(bytes) => serde_json::from_slice(bytes),
        tauri::ipc::InvokeBody::Json(value) => Report::deserialize(value),
    }
    .map_err(|e| format!("Không đọc được báo cáo để xem trước: {e}."))?;
    let known: Option<u32> =
        request.headers().get("x-known").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    let mut session = state.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let p = render_preview(&mut session, &report, known.map(u64::from), clock::render_env())
        .map_err(msg)?;
    Ok(Preview {
        version: p.version as u32,
        page_count: p.page_count as u32,
        complete: p.complete,
        pages: p.pages.into_iter().map(|(i, svg)| PreviewPage { index: i as u32, svg }).collect(),
        anchors: p.anchors,
        problems: p.problems,
        outline: p.outline,
        checks_pending: matches!(
            checks::spell::state(),
            checks::spell::State::Loading | checks::spell::State::NotStarted
        ),
        took_us: start.elapsed().as_micros().min(u128::from(u32::MAX)) as u32,
    })
}

/// A report path's place in words («II. KẾT QUẢ… › 1. … › Đoạn văn (khối 2) › nội dung»), as the
/// checks name their findings' places: the find bar names its current match with it.
#[tauri::command]
pub fn place_words(report: Report, path: String) -> String {
    baocao_engine::diagnostic::place_words(&report, &path)
}

/// The «Thể thức» field's choices for a report naming `profile` dated `date` (ISO), and the note
/// under it (the Party guidance the date gives, as rendering resolves it).
#[tauri::command]
pub fn profile_choices(
    profile: String,
    date: String,
) -> Result<baocao_engine::outline::ProfileChoices, String> {
    let day = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
        .map_err(|e| format!("Ngày văn bản «{date}» không hợp lệ: {e}."))?;
    Ok(baocao_engine::outline::profile_choices(&profile, day))
}

/// What an export did.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ExportOutcome {
    /// The file was written.
    Written {
        /// Where.
        path: String,
    },
    /// Nothing was written: the file exists and is read-only; ask before replacing it.
    ReadOnly {
        /// The existing file.
        path: String,
    },
}

/// Exports the report as DOCX or PDF to a path the user chose, by the export rule the `baocao`
/// command follows too (`baocao_engine::app::export`): the format's extension is put on; the
/// report's own file (`source`, the file it was opened from) is refused; an existing read-only
/// file is replaced only with `replace_read_only` (the user was asked). The UI asks before
/// exporting a report with blocking diagnostics (the preview's, from `checks::check`: the answer
/// `checks::blocking` gives to `baocao render`), so the document is written all the same.
#[tauri::command]
pub fn export_document(
    path: String,
    report: Report,
    format: ExportFormat,
    source: Option<String>,
    replace_read_only: Option<bool>,
) -> Result<ExportOutcome, String> {
    use baocao_engine::app::export::{self, Format, Outcome};
    use baocao_engine::app::guard::Refusal;
    let profile = profile_for(&report).map_err(msg)?;
    let source = source.map(PathBuf::from);
    let inputs: Vec<&Path> = source.iter().map(PathBuf::as_path).collect();
    let request = export::Request {
        report: &report,
        profile: &profile,
        format: match format {
            ExportFormat::Docx => Format::Docx,
            ExportFormat::Pdf => Format::Pdf,
        },
        path: Path::new(&path),
        inputs: &inputs,
        replace_read_only: replace_read_only.unwrap_or(false),
        go_on_blocked: true,
        env: clock::render_env(),
    };
    match export::export(&request).map_err(msg)? {
        Outcome::Written { path, .. } => Ok(ExportOutcome::Written { path: shown(&path) }),
        Outcome::Refused(Refusal::ReadOnly { path }) => {
            Ok(ExportOutcome::ReadOnly { path: shown(&path) })
        }
        Outcome::Refused(Refusal::OwnFile { path, .. }) => Err(format!(
            "Không xuất được: «{}» chính là tệp của báo cáo đang mở; xuất vào đó sẽ xóa mất báo cáo. Hãy chọn tên tệp khác.",
            path.display()
        )),
        Outcome::Blocked(found) => Err(msg(EngineError::Invalid(found))),
    }
}

/// A path as the UI shows it.
fn shown(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_refuses_the_reports_own_file_also_through_a_link() {
        let dir = tempfile::tempdir().expect("test step");
        let own = dir.path().join("bao-cao.docx");
        std::fs::write(&own, b"{}").expect("test step");
        let err = export_document(
            own.display().to_string(),
            sample_report(),
            ExportFormat::Docx,
            Some(own.display().to_string()),
            None,
        )
        .expect_err("must be refused");
        assert!(err.contains("chính là tệp của báo cáo đang mở"), "{err}");
        assert_eq!(std::fs::read(&own).expect("test step"), b"{}");
        #[cfg(unix)]
        {
            let report = dir.path().join("that.baocao");
            std::fs::write(&report, b"{}").expect("test step");
            let link = dir.path().join("link.pdf");
            std::os::unix::fs::symlink(&report, &link).expect("test step");
            let err = export_document(
                link.display().to_string(),
                sample_report(),
                ExportFormat::Pdf,
                Some(report.display().to_string()),
                None,
            )
            .expect_err("must be refused");
            assert!(err.contains("chính là tệp của báo cáo đang mở"), "{err}");
            assert_eq!(std::fs::read(&report).expect("test step"), b"{}");
        }
        // Another file is written.
        let other = dir.path().join("khac.docx");
        let out = export_document(
            other.display().to_string(),
            sample_report(),
            ExportFormat::Docx,
            Some(own.display().to_string()),
            None,
        )
        .expect("test step");
        assert_eq!(out, ExportOutcome::Written { path: other.display().to_string() });
        assert!(std::fs::read(&other).expect("test step").starts_with(b"PK"));
    }
    #[test]
    fn export_asks_before_replacing_a_read_only_file() {
        let dir = tempfile::tempdir().expect("test step");
        let out = dir.path().join("chi-doc.pdf");
        std::fs::write(&out, b"old").expect("test step");
        let mut perm = std::fs::metadata(&out).expect("test step").permissions();
        perm.set_readonly(true);
        std::fs::set_permissions(&out, perm).expect("test step");
        let path = out.display().to_string();
        let first = export_document(path.clone(), sample_report(), ExportFormat::Pdf, None, None)
            .expect("test step");
        assert_eq!(first, ExportOutcome::ReadOnly { path: path.clone() });
        assert_eq!(std::fs::read(&out).expect("test step"), b"old");
        let second =
            export_document(path.clone(), sample_report(), ExportFormat::Pdf, None, Some(true))
                .expect("test step");
        assert_eq!(second, ExportOutcome::Written { path });
        assert!(std::fs::read(&out).expect("test step").starts_with(b"%PDF"));
    }
}
