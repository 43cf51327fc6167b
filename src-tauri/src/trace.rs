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
        // One write per line: the test's own process appends to the same file.
        let _ = f.write_all(format!("{ms} {what}\n").as_bytes());
    }
}

/// Traces the window manager's close request twice: as GDK turns the X client message into a
/// delete event (with the GTK grab in force, which decides whether GTK delivers it), and as GTK
/// hands it to the main window, before tao turns it into `CloseRequested`. Linux only; nothing
/// when tracing is off.
pub fn watch_gtk_close<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    #[cfg(target_os = "linux")]
    {
        use gtk::prelude::{Cast, GtkWindowExt, ObjectExt, WidgetExt, WindowGroupExt};
        use tauri::Manager;
        if std::env::var_os("BAOCAO_TRACE_CLOSE").is_none() {
            return;
        }
        let Some(window) = app.get_webview_window("main") else { return };
        let Ok(gtk_window) = window.gtk_window() else { return };
        let group = gtk_window.group();
        gtk::gdk::Event::set_handler(Some(move |event: &mut gtk::gdk::Event| {
            if event.event_type() == gtk::gdk::EventType::Delete {
                let grab =
                    group.as_ref().and_then(|g| g.current_grab()).or_else(gtk::grab_get_current);
                let grab = grab.map(|w| {
                    let top = w.toplevel().map(|t| ObjectExt::type_(&t).name()).unwrap_or("-");
                    format!("{} in {top}", w.type_().name())
                });
                close(&format!(
                    "gdk: delete event (GTK grab: {})",
                    grab.as_deref().unwrap_or("none")
                ));
            }
            gtk::main_do_event(event);
        }));
        gtk_window.upcast_ref::<gtk::Widget>().connect_event(|_, event| {
            if event.event_type() == gtk::gdk::EventType::Delete {
                close("gtk: delete-event");
            }
            gtk::glib::Propagation::Proceed
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}
