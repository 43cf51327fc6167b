//! The app's commands: each converts its arguments, calls the engine, and returns either data or
//! a Vietnamese message. File access happens only on paths the user chose in a dialog (or the
//! file the app was opened with), plus the app's own data folder (recovery file, recent files).

use std::path::{Path, PathBuf};

use baocao_engine::model::Report;
use baocao_engine::{
    checks, collect, fsio, load, preview, profile_for, render_preview, rollforward, sample,
    templates, EngineError, RenderEnv,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};

/// The extension of report documents (JSON inside).
pub const EXTENSION: &str = "baocao";

mod document;
mod library;
mod recovery;
mod spelling;
mod units;
mod window;
mod word;

pub use document::*;
pub use library::*;
pub use recovery::*;
pub use spelling::*;
pub use units::*;
pub use window::*;
pub use word::*;

/// The engine error's Vietnamese message, for the UI.
fn msg(e: EngineError) -> String {
    e.to_string()
}

/// What rendering takes from outside: the clock.
fn env() -> RenderEnv {
    RenderEnv { now: chrono::Utc::now() }
}

/// The app's data folder (made if missing).
fn data_dir<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, String> {
    let dir = app
        .path()
        .app_data_dir()
        .map_err(|e| format!("Không tìm thấy thư mục dữ liệu của ứng dụng: {e}."))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("Không tạo được thư mục dữ liệu «{}»: {e}.", dir.display()))?;
    Ok(dir)
}

/// Puts a file first in the recent files list (ten kept).
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

/// Reads a report file, the message naming the file.
fn read_report(path: &Path) -> Result<Report, String> {
    let bytes = fsio::read_limited(path).map_err(msg)?;
    load::report_from_json(&bytes).map_err(|e| format!("«{}»: {e}", path.display()))
}
