//! Safe file input and output shared by the CLI and the app: bounded reads and atomic writes
//! (a temporary file in the same folder, renamed over the target), with Vietnamese messages.

use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::error::EngineError;
use crate::load::{too_large, MAX_REPORT_BYTES};

fn fail(msg: String) -> EngineError {
    EngineError::Io(msg)
}

/// The message for a failed write of `target` in folder `dir`.
fn io_error(e: std::io::Error, dir: &Path, target: &Path) -> EngineError {
    let shown = target.display();
    match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => fail(format!(
            "Không có quyền ghi vào thư mục «{}»; không ghi được «{shown}».",
            dir.display()
        )),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            fail(format!("Ổ đĩa đã đầy; không ghi được «{shown}». Tệp cũ (nếu có) vẫn giữ nguyên."))
        }
        _ => fail(format!("Không ghi được «{shown}»: {e}.")),
    }
}

/// Creates the folder `dir` (and, with `parents`, the folders above it) unless it exists; without
/// `parents` its parent folder must exist.
pub fn create_dir(dir: &Path, parents: bool) -> Result<(), EngineError> {
    if dir.is_dir() {
        return Ok(());
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parents && !parent.is_dir() {
        return Err(fail(format!(
            "Thư mục «{}» không tồn tại; không tạo được «{}».",
            parent.display(),
            dir.display()
        )));
    }
    let made = if parents { std::fs::create_dir_all(dir) } else { std::fs::create_dir(dir) };
    made.map_err(|e| io_error(e, &parent, dir))
}

/// Reads a file of at most [`MAX_REPORT_BYTES`], with messages naming the path.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, EngineError> {
    let shown = path.display();
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        ErrorKind::NotFound => fail(format!("Không tìm thấy tệp «{shown}».")),
        ErrorKind::PermissionDenied => fail(format!("Không có quyền đọc tệp «{shown}».")),
        _ => fail(format!("Không mở được tệp «{shown}»: {e}.")),
    })?;
    let meta = file.metadata().map_err(|e| fail(format!("Không đọc được «{shown}»: {e}.")))?;
    if meta.is_dir() {
        return Err(fail(format!("«{shown}» là một thư mục, không phải tệp báo cáo.")));
    }
    if meta.len() > MAX_REPORT_BYTES {
        return Err(fail(format!("«{shown}»: {}", too_large(meta.len()))));
    }
    let mut bytes = Vec::new();
    file.take(MAX_REPORT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| match e.kind() {
        ErrorKind::PermissionDenied => fail(format!("Không có quyền đọc tệp «{shown}».")),
        _ => fail(format!("Không đọc được tệp «{shown}»: {e}.")),
    })?;
    Ok(bytes)
}

/// Writes through a temporary file in the same folder, then renames it over the target, so a
/// failure never leaves a partial file and never damages an existing one. A new file gets the
/// usual permissions (0666 less the umask); a replaced file keeps its own.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), EngineError> {
    let shown = path.display();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(fail(format!(
            "Thư mục «{}» không tồn tại; không ghi được «{shown}».",
            dir.display()
        )));
    }
    if path.is_dir() {
        return Err(fail(format!("«{shown}» là một thư mục; hãy chọn tên tệp.")));
    }
    let io_failure = |e: std::io::Error| io_error(e, &dir, path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".baocao-")
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(&dir)
        .map_err(io_failure)?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions()).map_err(io_failure)?;
    }
    tmp.write_all(bytes).map_err(io_failure)?;
    tmp.as_file().sync_all().map_err(io_failure)?;
    tmp.persist(path).map_err(|e| io_failure(e.error))?;
    Ok(())
}
