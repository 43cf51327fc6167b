//! The close-request trace: when `BAOCAO_TRACE_CLOSE` names a file, each hop of a window close
//! (the shell's `CloseRequested`, the event to the UI, the UI's question and answer, the final
//! close) is appended to it with a wall-clock time in milliseconds, so that the end-to-end tests
//! can line it up with the moment they sent the window manager's request.

use std::io::Write;

/// Appends one line «<ms since 1970> <what>» to the trace file, if tracing is on.
pub fn close(what: &str) {
    let Some(path) = std::env::var_os("BAOCAO_TRACE_CLOSE").filter(|p| !p.is_empty()) else {
        return;
    };
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        let _ = writeln!(f, "{ms} {what}");
    }
}

/// Traces the window manager's close request (GDK's delete event) as GTK hands it to the main
/// window, before tao turns it into `CloseRequested`. Linux only; nothing when tracing is off.
pub fn watch_gtk_close<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    #[cfg(target_os = "linux")]
    {
        use gtk::prelude::WidgetExt;
        use tauri::Manager;
        if std::env::var_os("BAOCAO_TRACE_CLOSE").is_none() {
            return;
        }
        let Some(window) = app.get_webview_window("main") else { return };
        if let Ok(gtk_window) = window.gtk_window() {
            gtk_window.connect_event(|_, event| {
                if event.event_type() == gtk::gdk::EventType::Delete {
                    close("gtk: delete-event");
                }
                gtk::glib::Propagation::Proceed
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}
