//! The app's commands: each converts its arguments, calls the engine, and returns either data or
//! a Vietnamese message. File access happens only on paths the user chose in a dialog (or the
//! file the app was opened with), plus the app's own data folder (recovery file, recent files).

use std::path::{Path, PathBuf};

use baocao_engine::model::Report;
use baocao_engine::{
    flow, fsio, layout, load, profile_for, render_docx, render_pdf, rollforward, sample, svg,
    templates, validate, EngineError, FormatProfile, RenderEnv, Severity,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};

/// The extension of report documents (JSON inside).
pub const EXTENSION: &str = "baocao";

/// A problem shown in the editor.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct ProblemView {
    /// Field path, e.g. "header.subject".
    pub path: String,
    /// Vietnamese message.
    pub message: String,
    /// Whether it blocks export.
    pub blocking: bool,
}

/// The live preview: one SVG per page and the parts that start on each page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Preview {
    /// SVG markup of each page (no `<style>`; the UI declares the fonts).
    pub pages: Vec<String>,
    /// For each page, the report paths whose content starts there.
    pub anchors: Vec<Vec<String>>,
    /// Problems found by validation and layout.
    pub problems: Vec<ProblemView>,
}

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

fn problems(report: &Report, profile: &FormatProfile) -> Vec<ProblemView> {
    validate::validate(report, profile)
        .into_iter()
        .map(|p| ProblemView {
            path: p.path,
            message: p.message,
            blocking: p.severity == Severity::Error,
        })
        .collect()
}

/// Lays the report out and returns its pages as SVG, whatever its problems (they are listed).
#[tauri::command]
pub fn preview(report: Report) -> Result<Preview, String> {
    let profile = profile_for(&report).map_err(msg)?;
    let mut list = problems(&report, &profile);
    let flow = flow::build(&report, &profile, env().now);
    let pages = layout::layout(&flow, &profile);
    list.extend(pages.warnings.iter().map(|p| ProblemView {
        path: p.path.clone(),
        message: p.message.clone(),
        blocking: false,
    }));
    Ok(Preview {
        pages: svg::write(&pages, None),
        anchors: pages.pages.iter().map(|p| p.anchors.clone()).collect(),
        problems: list,
    })
}

/// Exports the report as DOCX or PDF to a path the user chose.
#[tauri::command]
pub fn export_document(
    path: String,
    report: Report,
    format: ExportFormat,
) -> Result<String, String> {
    let profile = profile_for(&report).map_err(msg)?;
    let mut p = PathBuf::from(&path);
    let ext = match format {
        ExportFormat::Docx => "docx",
        ExportFormat::Pdf => "pdf",
    };
    if p.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() != Some(ext) {
        p.set_extension(ext);
    }
    let rendered = match format {
        ExportFormat::Docx => render_docx(&report, &profile, env()),
        ExportFormat::Pdf => render_pdf(&report, &profile, env()),
    }
    .map_err(msg)?;
    fsio::write_atomic(&p, &rendered.bytes).map_err(msg)?;
    Ok(p.display().to_string())
}

/// Writes the recovery copy (autosave) into the app's data folder.
#[tauri::command]
pub fn write_recovery<R: Runtime>(app: AppHandle<R>, report: Report) -> Result<(), String> {
    let file = data_dir(&app)?.join("phuc-hoi.baocao");
    let json = serde_json::to_vec(&report).map_err(|e| format!("Không lưu tạm được: {e}."))?;
    fsio::write_atomic(&file, &json).map_err(msg)
}

/// The recovery copy left by a session that did not close normally, if any.
#[tauri::command]
pub fn take_recovery<R: Runtime>(app: AppHandle<R>) -> Option<Report> {
    let file = data_dir(&app).ok()?.join("phuc-hoi.baocao");
    read_report(&file).ok()
}

/// Deletes the recovery copy (after a save, or when the user declines it).
#[tauri::command]
pub fn clear_recovery<R: Runtime>(app: AppHandle<R>) -> Result<(), String> {
    let file = data_dir(&app)?.join("phuc-hoi.baocao");
    match std::fs::remove_file(&file) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("Không xoá được bản lưu tạm «{}»: {e}.", file.display())),
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
/// cannot drive (set through `BAOCAO_E2E_DIALOG_DIR`).
#[tauri::command]
pub fn e2e_dialog_dir() -> Option<String> {
    std::env::var("BAOCAO_E2E_DIALOG_DIR").ok().filter(|s| !s.is_empty())
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
            })
            .collect(),
    })
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

/// Next period's report from this one.
#[tauri::command]
pub fn next_period_report(report: Report, years: i32) -> Report {
    rollforward::next_period(&report, years)
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
