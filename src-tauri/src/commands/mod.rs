//! The app's commands: each converts its arguments, calls the engine, and returns either data or
//! a Vietnamese message. File access happens only on paths the user chose in a dialog (or the
//! file the app was opened with), plus the app's own data folder (recovery file, recent files).

use std::path::{Path, PathBuf};

use baocao_engine::app::{clock, paths};
use baocao_engine::model::Report;
use baocao_engine::{
    checks, collect, fsio, load, preview, profile_for, render_preview, rollforward, sample,
    templates, EngineError,
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

/// The app's data folder (made if missing): the engine's, the one Tauri's `app_data_dir()`
/// gives (a test below compares them) and the `baocao` command uses.
fn data_dir() -> Result<PathBuf, String> {
    paths::create_data_dir().map_err(msg)
}

/// Puts a file first in the recent files list (ten kept).
fn remember(path: &Path) {
    let Ok(dir) = data_dir() else { return };
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

#[cfg(test)]
mod tests {

    /// The app's `tauri.conf.json`, as the shell is built with it.
    fn config() -> serde_json::Value {
        let text = include_str!("../../../tauri.conf.json");
        serde_json::from_str(text).expect("tauri.conf.json")
    }

    #[test]
    fn the_engines_data_folder_is_the_one_tauri_gives_the_app() {
        let config = config();
        assert_eq!(config["identifier"], baocao_engine::app::paths::IDENTIFIER);
        assert!(
            config["app"].get("appDirectoriesOverride").is_none(),
            "no override of the folders"
        );
        // Tauri 2's app_data_dir() is `dirs::data_dir()` joined with the identifier
        // (tauri/src/path/desktop.rs), the call the engine makes. A mock app would check it by
        // running Tauri's code, but its `test` feature compiles Tauri a second time for the tests.
        assert_eq!(
            baocao_engine::app::paths::data_dir(),
            dirs::data_dir().map(|d| d.join(config["identifier"].as_str().expect("identifier")))
        );
    }
}
