//! The memory floor: a Tauri window of the same size as the app's showing an empty page served
//! the way the app serves its UI (a custom protocol), with nothing of ours: no UI, no engine, no
//! commands. `scripts/measure-memory.sh` compares the app's memory with this one's
//! (docs/performance.md).

fn main() {
    let mut context = tauri::generate_context!("tauri.conf.json");
    // No window from the configuration (it would load our UI): one empty page instead.
    context.config_mut().app.windows.clear();
    let result = tauri::Builder::default()
        .register_uri_scheme_protocol("empty", |_, _| {
            tauri::http::Response::builder()
                .header("content-type", "text/html")
                .body(
                    b"<!doctype html><html><head><title></title></head><body></body></html>"
                        .to_vec(),
                )
                .unwrap_or_default()
        })
        .setup(|app| {
            let url = "empty://localhost/".parse().map_err(|e| format!("{e}"))?;
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::CustomProtocol(url))
                .title("Cửa sổ trống")
                .inner_size(1440.0, 900.0)
                .build()?;
            Ok(())
        })
        .run(context);
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
