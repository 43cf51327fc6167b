//! The app's commands: each converts its arguments, calls the engine, and returns either data or
//! a Vietnamese message. File access happens only on paths the user chose in a dialog (or the
//! file the app was opened with), plus the app's own data folder (recovery file, recent files).

use std::path::{Path, PathBuf};

use baocao_engine::collect;
use baocao_engine::model::Report;
use baocao_engine::{
    checks, fsio, load, preview, profile_for, render_preview, rollforward, sample, templates,
    EngineError, RenderEnv,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};

/// The extension of report documents (JSON inside).
pub const EXTENSION: &str = "baocao";

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
    /// What the checks and the layout found.
    pub problems: Vec<checks::Finding>,
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

fn msg(e: EngineError) -> String {
    e.to_string()
}

fn env() -> RenderEnv {
    RenderEnv { now: chrono::Utc::now() }
}

fn data_dir<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, String> {
    let dir = app
        .path()
        .app_data_dir()
        .map_err(|e| format!("Không tìm thấy thư mục dữ liệu của ứng dụng: {e}."))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("Không tạo được thư mục dữ liệu «{}»: {e}.", dir.display()))?;
    Ok(dir)
}

fn remember<R: Runtime>(app: &AppHandle<R>, path: &Path) {
    let Ok(dir) = data_dir(app) else { return };
    let file = dir.join("recent.json");
    let mut list: Vec<String> =
        std::fs::read(&file).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    let p = path.display().to_string();
    list.retain(|x| x != &p);
    list.insert(0, p);
    list.truncate(10);
    if let Ok(bytes) = serde_json::to_vec_pretty(&list) {
        let _ = fsio::write_atomic(&file, &bytes);
    }
}

fn read_report(path: &Path) -> Result<Report, String> {
    let bytes = fsio::read_limited(path).map_err(msg)?;
    load::report_from_json(&bytes).map_err(|e| format!("«{}»: {e}", path.display()))
}

/// The built-in sample report (3-year review of Directive 05).
#[tauri::command]
pub fn sample_report() -> Report {
    sample::sample()
}

/// A report file passed on the command line (`soan-bao-cao bao-cao.baocao`), if any.
#[tauri::command]
pub fn startup_file() -> Option<String> {
    std::env::args().skip(1).find(|a| !a.starts_with('-'))
}

/// Whether the app was started with `--mau`: open the built-in sample report right away.
#[tauri::command]
pub fn startup_sample() -> bool {
    std::env::args().skip(1).any(|a| a == "--mau")
}

/// Opens a report file the user chose.
#[tauri::command]
pub fn open_report<R: Runtime>(app: AppHandle<R>, path: String) -> Result<Opened, String> {
    let p = PathBuf::from(&path);
    let report = read_report(&p)?;
    remember(&app, &p);
    Ok(Opened { report, path })
}

/// Saves the report (JSON) to a path the user chose; adds the extension when it is missing.
#[tauri::command]
pub fn save_report<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    report: Report,
) -> Result<String, String> {
    let mut p = PathBuf::from(&path);
    if p.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
        p.set_extension(EXTENSION);
    }
    let json =
        serde_json::to_vec_pretty(&report).map_err(|e| format!("Không ghi được báo cáo: {e}."))?;
    fsio::write_atomic(&p, &json).map_err(msg)?;
    remember(&app, &p);
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
    let p = render_preview(&mut session, &report, known.map(u64::from), env()).map_err(msg)?;
    Ok(Preview {
        version: p.version as u32,
        page_count: p.page_count as u32,
        complete: p.complete,
        pages: p.pages.into_iter().map(|(i, svg)| PreviewPage { index: i as u32, svg }).collect(),
        anchors: p.anchors,
        problems: p.problems,
        checks_pending: matches!(
            checks::spell::state(),
            checks::spell::State::Loading | checks::spell::State::NotStarted
        ),
        took_us: start.elapsed().as_micros().min(u128::from(u32::MAX)) as u32,
    })
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

/// Exports the report as DOCX or PDF to a path the user chose. Refuses the report's own file
/// (`source`, the file it was opened from); an existing read-only file is replaced only with
/// `replace_read_only` (the user was asked). The UI asks before exporting a report with blocking
/// findings; with the user's consent the document is written all the same.
#[tauri::command]
pub fn export_document(
    path: String,
    report: Report,
    format: ExportFormat,
    source: Option<String>,
    replace_read_only: Option<bool>,
) -> Result<ExportOutcome, String> {
    let profile = profile_for(&report).map_err(msg)?;
    let mut p = PathBuf::from(&path);
    let ext = match format {
        ExportFormat::Docx => "docx",
        ExportFormat::Pdf => "pdf",
    };
    if p.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() != Some(ext) {
        p.set_extension(ext);
    }
    if let Some(src) = source.as_deref() {
        if baocao_engine::fsio::same_file(&p, Path::new(src)) {
            return Err(format!(
                "Không xuất được: «{}» chính là tệp của báo cáo đang mở; xuất vào đó sẽ xóa mất báo cáo. Hãy chọn tên tệp khác.",
                p.display()
            ));
        }
    }
    if !replace_read_only.unwrap_or(false) && fsio::is_read_only(&p) {
        return Ok(ExportOutcome::ReadOnly { path: p.display().to_string() });
    }
    let rendered = match format {
        ExportFormat::Docx => baocao_engine::render_docx_unchecked(&report, &profile, env()),
        ExportFormat::Pdf => baocao_engine::render_pdf_unchecked(&report, &profile, env()),
    }
    .map_err(msg)?;
    fsio::write_atomic(&p, &rendered).map_err(msg)?;
    Ok(ExportOutcome::Written { path: p.display().to_string() })
}

/// The user's word list in the app's data folder.
fn words_file<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, String> {
    Ok(data_dir(app)?.join(checks::spell::USER_WORDS_FILE))
}

/// Loads the spelling dictionary in the background with the user's words (start-up does not wait).
pub fn load_dictionary<R: Runtime>(app: &AppHandle<R>) {
    let file = words_file(app).ok();
    checks::spell::load_in_background(move || {
        file.map(|f| checks::spell::read_word_list(&f)).unwrap_or_default()
    });
}

/// Adds a word to the user's dictionary (a file in the app's data folder) and to the checks.
#[tauri::command]
pub fn add_word<R: Runtime>(app: AppHandle<R>, word: String) -> Result<(), String> {
    let file = words_file(&app)?;
    checks::spell::add_to_word_list(&file, &word).map_err(msg)?;
    if let Some(s) = checks::spell::global() {
        s.add_words([word]);
    }
    Ok(())
}

/// A recovery copy: the report and the file it belongs to (none for a report never saved).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Recovered {
    /// The report as it was when copied.
    pub report: Report,
    /// The file it was opened from or last saved to.
    pub path: Option<String>,
}

/// The recovery file as written: the file's path beside the report (older copies hold the bare
/// report).
#[derive(Serialize, Deserialize)]
struct RecoveryFile {
    path: Option<String>,
    report: serde_json::Value,
}

/// Writes the recovery copy (autosave) into the app's data folder, with the report's own path.
#[tauri::command]
pub fn write_recovery<R: Runtime>(
    app: AppHandle<R>,
    report: Report,
    path: Option<String>,
) -> Result<(), String> {
    let file = data_dir(&app)?.join("phuc-hoi.baocao");
    let report = serde_json::to_value(&report).map_err(|e| format!("Không lưu tạm được: {e}."))?;
    let json = serde_json::to_vec(&RecoveryFile { path, report })
        .map_err(|e| format!("Không lưu tạm được: {e}."))?;
    fsio::write_atomic(&file, &json).map_err(msg)
}

/// Reads a recovery file: the new form (path and report) or a bare report.
pub fn read_recovery(file: &Path) -> Option<Recovered> {
    let bytes = fsio::read_limited(file).ok()?;
    if let Ok(RecoveryFile { path, report }) = serde_json::from_slice::<RecoveryFile>(&bytes) {
        let report = load::report_from_json(&serde_json::to_vec(&report).ok()?).ok()?;
        return Some(Recovered { report, path });
    }
    Some(Recovered { report: load::report_from_json(&bytes).ok()?, path: None })
}

/// The recovery copy left by a session that did not close normally, if any.
#[tauri::command]
pub fn take_recovery<R: Runtime>(app: AppHandle<R>) -> Option<Recovered> {
    read_recovery(&data_dir(&app).ok()?.join("phuc-hoi.baocao"))
}

/// Deletes the recovery copy (after a save, or when the user declines it).
#[tauri::command]
pub fn clear_recovery<R: Runtime>(app: AppHandle<R>) -> Result<(), String> {
    let file = data_dir(&app)?.join("phuc-hoi.baocao");
    match std::fs::remove_file(&file) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("Không xóa được bản lưu tạm «{}»: {e}.", file.display())),
    }
}

/// Recently opened or saved files, newest first, that still exist.
#[tauri::command]
pub fn recent_files<R: Runtime>(app: AppHandle<R>) -> Vec<String> {
    let Ok(dir) = data_dir(&app) else { return Vec::new() };
    let list: Vec<String> = std::fs::read(dir.join("recent.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    list.into_iter().filter(|p| Path::new(p).exists()).collect()
}

/// End-to-end tests only: a folder that stands in for the native file dialogs, which WebDriver
/// cannot drive (set through `BAOCAO_E2E_DIALOG_DIR`). Debug builds only: a release build has no
/// such hook (always `None`; the variable's name is not even in the binary).
#[tauri::command]
pub fn e2e_dialog_dir() -> Option<String> {
    #[cfg(debug_assertions)]
    {
        std::env::var("BAOCAO_E2E_DIALOG_DIR").ok().filter(|s| !s.is_empty())
    }
    #[cfg(not(debug_assertions))]
    {
        None
    }
}

/// Close guard shared by the window event handler and the UI: whether the UI answers close
/// requests itself (it decides from its own, current state whether to ask «Lưu / Không lưu /
/// Hủy»; the shell never sees the report's unsaved state, which would lag an edit by one IPC).
#[derive(Default)]
pub struct CloseGuard {
    /// The UI listens for close requests.
    pub ui_answers: std::sync::atomic::AtomicBool,
}

/// The UI has registered its close-request listener: from now on every close request goes to it.
#[tauri::command]
pub fn close_guard_ready(guard: tauri::State<'_, CloseGuard>) {
    guard.ui_answers.store(true, std::sync::atomic::Ordering::SeqCst);
    crate::trace::close("shell: the UI answers close requests");
}

/// The UI's steps of answering a close request, into the close trace (see `trace`).
#[tauri::command]
pub fn trace_close(what: String) {
    crate::trace::close(&format!("ui: {what}"));
}

/// Closes the window for good, after the user answered «Lưu / Không lưu».
#[tauri::command]
pub fn close_window<R: Runtime>(window: tauri::Window<R>) -> Result<(), String> {
    crate::trace::close("shell: close_window");
    window.destroy().map_err(|e| format!("Không đóng được cửa sổ: {e}."))
}

/// Opens the system's print dialog over the window (the UI's print styles show only the
/// preview's pages, one A4 sheet each).
#[tauri::command]
pub fn print_pages<R: Runtime>(webview: tauri::Webview<R>) -> Result<(), String> {
    webview.print().map_err(|e| format!("Không mở được hộp thoại in: {e}."))
}

fn library<R: Runtime>(app: &AppHandle<R>) -> Result<templates::UserLibrary, String> {
    Ok(templates::UserLibrary::new(data_dir(app)?.join("mau")))
}

/// One question of the new-report wizard, with its default answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Question {
    /// Placeholder key.
    pub key: String,
    /// The question.
    pub label: String,
    /// Help under it.
    pub hint: Option<String>,
    /// "text", "year" or "date".
    pub kind: templates::PlaceholderKind,
    /// Default answer (evaluated for today).
    pub default: String,
    /// The answers allowed, when the question is a choice («Bí thư», «Phó Bí thư»); empty for
    /// a free answer.
    pub choices: Vec<String>,
}

/// The wizard of a template.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Wizard {
    /// Template id.
    pub id: String,
    /// Template name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// The questions, in order.
    pub questions: Vec<Question>,
}

/// Built-in and user templates.
#[tauri::command]
pub fn list_templates<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Vec<templates::TemplateInfo>, String> {
    Ok(templates::list_all(&library(&app)?))
}

/// The wizard of a template: its blanks with defaults computed from today's date.
#[tauri::command]
pub fn template_wizard<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Wizard, String> {
    let t = templates::find(&library(&app)?, &id).map_err(msg)?;
    let defaults = templates::defaults(&t, chrono::Local::now().date_naive());
    Ok(Wizard {
        id: t.id.clone(),
        name: t.name.clone(),
        description: t.description.clone(),
        questions: t
            .placeholders
            .iter()
            .map(|p| Question {
                key: p.key.clone(),
                label: p.label.clone(),
                hint: p.hint.clone(),
                kind: p.kind,
                default: defaults.get(&p.key).cloned().unwrap_or_default(),
                choices: p.choices.iter().map(|c| c.value.clone()).collect(),
            })
            .collect(),
    })
}

/// The wizard's answers as they stand: those typed, the others from their linked defaults, and
/// the contradictions and unanswered questions that keep «Tạo báo cáo» disabled.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct WizardState {
    /// Every answer, by key.
    pub values: std::collections::BTreeMap<String, String>,
    /// Answers that contradict each other, in Vietnamese.
    pub contradictions: Vec<String>,
    /// The questions still unanswered (their labels).
    pub missing: Vec<String>,
}

/// Links the wizard's answers: `typed` holds only what the user typed.
#[tauri::command]
pub fn wizard_state<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    typed: std::collections::BTreeMap<String, String>,
) -> Result<WizardState, String> {
    let t = templates::find(&library(&app)?, &id).map_err(msg)?;
    let values = templates::wizard_values(&t, &typed, chrono::Local::now().date_naive());
    let contradictions = templates::contradictions(&t, &values);
    let missing = templates::unanswered(&t, &values);
    Ok(WizardState { values, contradictions, missing })
}

/// A new report from a template and the wizard's answers.
#[tauri::command]
pub fn new_from_template<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    answers: std::collections::BTreeMap<String, String>,
) -> Result<Report, String> {
    let t = templates::find(&library(&app)?, &id).map_err(msg)?;
    templates::instantiate(&t, &answers, chrono::Local::now().date_naive()).map_err(msg)
}

/// A Word file brought in: the report and what was recognised in it.
#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
pub struct WordImport {
    /// The report read from the file (not saved yet).
    pub report: Report,
    /// What was recognised, with the original's paragraphs.
    pub summary: baocao_engine::import::Summary,
    /// The Word file.
    pub file: String,
}

/// Imports a Word file (.docx; .doc through LibreOffice) into a new, unsaved report.
#[tauri::command]
pub async fn import_word(path: String) -> Result<WordImport, String> {
    let file = path.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let today = chrono::Local::now().date_naive();
        baocao_engine::import::import_file(Path::new(&path), today).map_err(msg)
    })
    .await
    .map_err(|e| e.to_string())?
    .map(|i| WordImport { report: i.report, summary: i.summary, file })
}

/// Text typed in a legacy encoding, converted.
#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
pub struct Converted {
    /// The text in Unicode NFC.
    pub text: String,
    /// The encoding it was typed in, as users know it.
    pub from: String,
}

/// Converts pasted text when it is TCVN3 or VNI-Windows; none when it is ordinary text.
#[tauri::command]
pub fn convert_legacy(text: String) -> Option<Converted> {
    let (enc, text) = baocao_engine::legacy::convert_detected(&text)?;
    Some(Converted { text: baocao_engine::text::nfc(&text), from: enc.name().to_string() })
}

/// Next period's report, with what changed beyond dates and figures (e.g. the Party guidance).
#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
pub struct NextPeriod {
    /// The new report.
    pub report: Report,
    /// Notices for the user, in Vietnamese.
    pub notices: Vec<String>,
}

/// Next period's report from this one, for the period and kind the user chose.
#[tauri::command]
pub fn next_period_report(report: Report, options: rollforward::RollOptions) -> NextPeriod {
    let rolled = rollforward::roll(&report, &options);
    NextPeriod { report: rolled.report, notices: rolled.notices }
}

/// Saves the report as a user template; returns its id.
#[tauri::command]
pub fn save_as_template<R: Runtime>(
    app: AppHandle<R>,
    report: Report,
    name: String,
) -> Result<String, String> {
    let t = templates::from_report(&report, &name).map_err(msg)?;
    library(&app)?.save(t).map_err(msg)
}

/// Renames a user template.
#[tauri::command]
pub fn rename_template<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    name: String,
) -> Result<(), String> {
    library(&app)?.rename(&id, &name).map_err(msg)
}

/// Deletes a user template.
#[tauri::command]
pub fn delete_template<R: Runtime>(app: AppHandle<R>, id: String) -> Result<(), String> {
    library(&app)?.delete(&id).map_err(msg)
}

/// Writes a template to a file the user chose, to share it.
#[tauri::command]
pub fn export_template<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    path: String,
) -> Result<String, String> {
    let mut p = PathBuf::from(path);
    if p.extension().and_then(|e| e.to_str()) != Some("json") {
        p.set_extension("json");
    }
    library(&app)?.export(&id, &p).map_err(msg)?;
    Ok(p.display().to_string())
}

/// Adds a template file another office shared; returns its id.
#[tauri::command]
pub fn import_template<R: Runtime>(app: AppHandle<R>, path: String) -> Result<String, String> {
    library(&app)?.import(Path::new(&path)).map_err(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_report() -> Report {
        sample::sample()
    }

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

    #[test]
    fn recovery_copy_keeps_the_reports_path_and_reads_old_copies() {
        let dir = tempfile::tempdir().expect("test step");
        let file = dir.path().join("phuc-hoi.baocao");
        let report = sample_report();
        let value = serde_json::to_value(&report).expect("test step");
        let own = dir.path().join("bao-cao.baocao").to_string_lossy().into_owned();
        let json = serde_json::to_vec(&RecoveryFile { path: Some(own.clone()), report: value })
            .expect("test step");
        std::fs::write(&file, json).expect("test step");
        let back = read_recovery(&file).expect("test step");
        assert_eq!(back.path.as_deref(), Some(own.as_str()));
        assert_eq!(back.report, report);
        std::fs::write(&file, serde_json::to_vec(&report).expect("test step")).expect("test step");
        let old = read_recovery(&file).expect("test step");
        assert_eq!(old.path, None);
        assert_eq!(old.report, report);
    }

    #[test]
    fn next_period_into_2026_moves_a_party_report_to_hd05_and_says_so() {
        let mut report = sample_report();
        report.header.date = chrono::NaiveDate::from_ymd_opt(2025, 6, 15).expect("test step");
        let next = next_period_report(report, rollforward::RollOptions::shift(1));
        assert_eq!(next.report.header.date.to_string(), "2026-06-15");
        assert_eq!(next.report.header.profile, "dang");
        let guidance = |n: &[String]| n.iter().filter(|m| m.contains("thể thức")).count();
        assert_eq!(guidance(&next.notices), 1, "{:?}", next.notices);
        assert!(next.notices[0].contains("05-HD/VPTW"), "{}", next.notices[0]);
        // Within one guidance: no notice of it (the superior's plan to cite anew is still said).
        let same = next_period_report(sample_report(), rollforward::RollOptions::shift(1));
        assert_eq!(guidance(&same.notices), 0, "{:?}", same.notices);
        assert!(same.notices.iter().any(|n| n.contains("112-KH/BTGTU")), "{:?}", same.notices);
    }

    #[test]
    fn the_dialog_hook_exists_only_in_debug_builds() {
        let dir = tempfile::tempdir().expect("test step");
        std::env::set_var("BAOCAO_E2E_DIALOG_DIR", dir.path());
        assert_eq!(e2e_dialog_dir().is_some(), cfg!(debug_assertions));
    }
}

// ---- Compiling from the units (issue 13) ----

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
    /// Rules that do not parse or name unknown columns, said in Vietnamese.
    pub problems: Vec<String>,
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

/// Writes a form for each listed unit, and a blank one, into a folder; returns how many.
#[tauri::command]
pub fn export_forms(report: Report, folder: String) -> Result<u32, String> {
    let dir = Path::new(&folder);
    let units = report.collection.as_ref().map(|c| c.units.clone()).unwrap_or_default();
    let mut n = 0;
    for u in units.iter().map(|u| Some(u.name.as_str())).chain([None]) {
        let bytes = collect::form::write_form(&report, u).map_err(msg)?;
        baocao_engine::fsio::write_atomic(&dir.join(collect::form::file_name(u)), &bytes)
            .map_err(msg)?;
        n += 1;
    }
    Ok(n)
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
    app.state::<CompileCancel>().0.store(false, Ordering::SeqCst);
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let today = chrono::Local::now().date_naive();
        let total = paths.len() as u32;
        let mut out = Vec::with_capacity(paths.len());
        for (i, p) in paths.iter().enumerate() {
            if handle.state::<CompileCancel>().0.load(Ordering::SeqCst) {
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
