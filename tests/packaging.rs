//! What the system must provide is declared where a fresh machine and a user's machine get it:
//! `scripts/setup.sh` installs it for tests, the `.deb` declares it for users.

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Font packages metric-compatible with Times New Roman: without one, LibreOffice lays out our
/// DOCX with another font's widths and every line wraps elsewhere.
const FONT_PACKAGES: &[&str] = &["fonts-liberation2"];

#[test]
fn the_deb_depends_on_the_metric_compatible_font() {
    let conf: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tauri.conf.json")).expect("tauri.conf.json"),
    )
    .expect("tauri.conf.json is JSON");
    let depends: Vec<&str> = conf["bundle"]["linux"]["deb"]["depends"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    for pkg in FONT_PACKAGES {
        assert!(depends.contains(pkg), "the .deb must depend on {pkg}: {depends:?}");
    }
}

#[test]
fn setup_installs_the_metric_compatible_font() {
    let setup = std::fs::read_to_string(root().join("scripts/setup.sh")).expect("setup.sh");
    let listed: Vec<&str> = setup
        .lines()
        .skip_while(|l| !l.starts_with("for pkg in"))
        .take_while(|l| !l.trim_start().starts_with("have_pkg"))
        .flat_map(|l| l.split_whitespace())
        .collect();
    for pkg in FONT_PACKAGES {
        assert!(listed.contains(pkg), "scripts/setup.sh must install {pkg}");
    }
}
