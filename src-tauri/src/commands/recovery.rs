//! Never losing an edit: the recovery copy written while typing, offered after a crash, and the
//! recently opened files.

use super::*;

/// A recovery copy: the report and the file it belongs to (none for a report never saved).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Recovered {
    /// The report as it was when copied.
    pub report: Report,
    /// The file it was opened from or last saved to.
    pub path: Option<String>,
}

/// The recovery file as written: the file's path beside the report (older copies hold the bare
/// report).
#[derive(Serialize, Deserialize)]
struct RecoveryFile {
    path: Option<String>,
    report: serde_json::Value,
}

/// Writes the recovery copy (autosave) into the app's data folder, with the report's own path.
#[tauri::command]
pub fn write_recovery(report: Report, path: Option<String>) -> Result<(), String> {
    let file = data_dir()?.join("phuc-hoi.baocao");
    let report = serde_json::to_value(&report).map_err(|e| format!("Không lưu tạm được: {e}."))?;
    let json = serde_json::to_vec(&RecoveryFile { path, report })
        .map_err(|e| format!("Không lưu tạm được: {e}."))?;
    fsio::write_atomic(&file, &json).map_err(msg)
}

/// Reads a recovery file: the new form (path and report) or a bare report.
pub fn read_recovery(file: &Path) -> Option<Recovered> {
    let bytes = fsio::read_limited(file).ok()?;
    if let Ok(RecoveryFile { path, report }) = serde_json::from_slice::<RecoveryFile>(&bytes) {
        let report = load::report_from_json(&serde_json::to_vec(&report).ok()?).ok()?;
        return Some(Recovered { report, path });
    }
    Some(Recovered { report: load::report_from_json(&bytes).ok()?, path: None })
}

/// The recovery copy left by a session that did not close normally, if any.
#[tauri::command]
pub fn take_recovery() -> Option<Recovered> {
    read_recovery(&data_dir().ok()?.join("phuc-hoi.baocao"))
}

/// Deletes the recovery copy (after a save, or when the user declines it).
#[tauri::command]
pub fn clear_recovery() -> Result<(), String> {
    let file = data_dir()?.join("phuc-hoi.baocao");
    match std::fs::remove_file(&file) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("Không xóa được bản lưu tạm «{}»: {e}.", file.display())),
    }
}

/// Recently opened or saved files, newest first, that still exist.
#[tauri::command]
pub fn recent_files() -> Vec<String> {
    let Ok(dir) = data_dir() else { return Vec::new() };
    let list: Vec<String> = std::fs::read(dir.join("recent.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    list.into_iter().filter(|p| Path::new(p).exists()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_copy_keeps_the_reports_path_and_reads_old_copies() {
        let dir = tempfile::tempdir().expect("test step");
        let file = dir.path().join("phuc-hoi.baocao");
        let report = sample_report();
        let value = serde_json::to_value(&report).expect("test step");
        let own = dir.path().join("bao-cao.baocao").to_string_lossy().into_owned();
        let json = serde_json::to_vec(&RecoveryFile { path: Some(own.clone()), report: value })
            .expect("test step");
        std::fs::write(&file, json).expect("test step");
        let back = read_recovery(&file).expect("test step");
        assert_eq!(back.path.as_deref(), Some(own.as_str()));
        assert_eq!(back.report, report);
        std::fs::write(&file, serde_json::to_vec(&report).expect("test step")).expect("test step");
        let old = read_recovery(&file).expect("test step");
        assert_eq!(old.path, None);
        assert_eq!(old.report, report);
    }
}
