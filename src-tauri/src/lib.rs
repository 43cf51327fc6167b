//! The Tauri shell of Soạn Báo Cáo: converts arguments, calls the document engine and maps errors
//! to Vietnamese messages. The web UI in `ui/` reaches it only through `ui/src/api/`.

pub mod bindings;
pub mod commands;
pub mod trace;
pub mod webview2;

use tauri::{Emitter, Manager};

/// Registers the plugins and commands on a Tauri builder (the real app and tests share it).
pub fn app_builder<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(commands::CloseGuard::default())
        .manage(commands::PreviewState::default())
        .manage(commands::CompileCancel::default())
        .setup(|app| {
            commands::load_dictionary();
            trace::watch_gtk_close(app.handle());
            Ok(())
        })
        .on_window_event(|window, event| {
            // The window manager's close request (× or Alt+F4): once the UI listens, stay open
            // and let it decide from its current state (with unsaved changes it writes a
            // recovery copy and asks «Lưu / Không lưu / Hủy»; otherwise it closes at once).
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let guard = window.state::<commands::CloseGuard>();
                let ask = guard.ui_answers.load(std::sync::atomic::Ordering::SeqCst);
                trace::close(&format!("shell: CloseRequested (to the UI: {ask})"));
                if ask {
                    api.prevent_close();
                    let sent = window.emit(CLOSE_ASKED, ());
                    trace::close(&format!("shell: close-asked emitted ({sent:?})"));
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::sample_report,
            commands::startup_file,
            commands::startup_sample,
            commands::open_report,
            commands::save_report,
            commands::preview,
            commands::profile_choices,
            commands::place_words,
            commands::export_document,
            commands::write_recovery,
            commands::take_recovery,
            commands::clear_recovery,
            commands::recent_files,
            commands::e2e_dialog_dir,
            commands::list_templates,
            commands::template_wizard,
            commands::wizard_state,
            commands::new_from_template,
            commands::next_period_report,
            commands::import_word,
            commands::convert_legacy,
            commands::save_as_template,
            commands::rename_template,
            commands::delete_template,
            commands::export_template,
            commands::import_template,
            commands::close_guard_ready,
            commands::close_window,
            commands::trace_close,
            commands::print_pages,
            commands::add_word,
            commands::form_tables,
            commands::units_from_text,
            commands::units_from_file,
            commands::export_forms,
            commands::export_form,
            commands::read_unit_files,
            commands::cancel_unit_files,
            commands::compile_units,
        ])
}

/// Event sent to the UI when the window was asked to close (the UI decides whether to ask first).
pub const CLOSE_ASKED: &str = "baocao://close-asked";

/// Starts the app.
pub fn run() {
    if !webview2::ensure() {
        std::process::exit(webview2::EXIT_CODE);
    }
    if let Err(e) = app_builder(tauri::Builder::default()).run(tauri::generate_context!()) {
        eprintln!("Không khởi động được Soạn Báo Cáo: {e}");
        std::process::exit(1);
    }
}
