//! The window: the close request answered by the UI, printing, and the end-to-end tests' stand-in
//! for file dialogs.

use super::*;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialog_hook_exists_only_in_debug_builds() {
        let dir = tempfile::tempdir().expect("test step");
        std::env::set_var("BAOCAO_E2E_DIALOG_DIR", dir.path());
        assert_eq!(e2e_dialog_dir().is_some(), cfg!(debug_assertions));
    }
}
