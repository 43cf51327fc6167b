//! The source files a scanning test reads (shared by the root package's scanning tests).

use std::path::{Path, PathBuf};

/// The files under `dir` whose name `keep` accepts, not descending into folders named in `skip`.
pub fn files(dir: &Path, skip: &[&str], keep: &dyn Fn(&str) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if path.is_dir() {
            if !skip.contains(&name.as_str()) {
                files(&path, skip, keep, out);
            }
        } else if keep(&name) {
            out.push(path);
        }
    }
}
