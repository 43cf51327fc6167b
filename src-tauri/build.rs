//! Build script of the app: tauri-build reads the root tauri.conf.json; capabilities live in
//! src-tauri/capabilities (the capability files must be found by this pattern, or no command
//! is allowed from the UI).

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("src-tauri/capabilities/**/*"),
    )
    .expect("failed to run tauri-build");
}
