//! Safe file input and output shared by the CLI and the app: bounded reads and atomic writes
//! (a temporary file in the same folder, renamed over the target), with Vietnamese messages.

use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::EngineError;
use crate::load::{too_large, MAX_REPORT_BYTES};

fn fail(msg: String) -> EngineError {
    EngineError::Io(msg)
}

/// The message for a failed write of `target` in folder `dir`.
fn io_error(e: std::io::Error, dir: &Path, target: &Path) -> EngineError {
    io_error_on(e, dir, target, cfg!(windows))
}

/// [`io_error`] as on Windows (`windows`) or elsewhere: Windows refuses to replace a file another
/// program holds open (Word keeps its documents so) with «access denied» (5), a sharing (32) or a
/// lock (33) violation, where the folder itself may be writable.
fn io_error_on(e: std::io::Error, dir: &Path, target: &Path, windows: bool) -> EngineError {
    let shown = target.display();
    if windows && matches!(e.raw_os_error(), Some(5 | 32 | 33)) {
        return fail(format!(
            "Không ghi được «{shown}»: tệp đang mở trong chương trình khác (như Word), hoặc thư \
             mục «{}» không cho ghi. Đóng tệp đó rồi thử lại; tệp cũ vẫn giữ nguyên.",
            dir.display()
        ));
    }
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

/// Whether `a` and `b` name the same existing file (also through a symbolic or hard link, or
/// another spelling of the path).
pub fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

/// Whether `path` is an existing file nobody may write to (the owner keeps it read-only on purpose).
pub fn is_read_only(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().readonly())
}

/// The refusal to write `output` over the input `input` (the same file).
pub fn own_file_error(output: &Path, input: &Path) -> EngineError {
    fail(format!(
        "Tệp kết quả «{}» chính là tệp đầu vào «{}»: ghi vào đó sẽ xóa mất báo cáo. \
         Hãy chọn tên tệp kết quả khác.",
        output.display(),
        input.display()
    ))
}

/// The refusal to replace the read-only file `output` (the command's wording: `--force`).
pub fn read_only_error(output: &Path) -> EngineError {
    fail(format!(
        "Tệp «{}» đã có và chỉ cho đọc (có thể được giữ lại có chủ ý); không ghi đè. \
         Chọn tên khác, hoặc thêm --force để thay tệp đó.",
        output.display()
    ))
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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".baocao-").suffix(".tmp");
    // A new file gets the usual rights (less the umask), not tempfile's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(io_failure)?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions()).map_err(io_failure)?;
    }
    tmp.write_all(bytes).map_err(io_failure)?;
    tmp.as_file().sync_all().map_err(io_failure)?;
    tmp.persist(path).map_err(|e| io_failure(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_file_is_recognised_under_any_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let report = dir.path().join("bao-cao.json");
        std::fs::write(&report, "{}").expect("write");
        std::fs::create_dir(dir.path().join("x")).expect("mkdir");
        let soft = dir.path().join("lien-ket.docx");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&report, &soft).expect("symlink");
        #[cfg(windows)]
        std::os::windows::fs::symlink_file(&report, &soft).expect("symlink");
        let hard = dir.path().join("cung-tep.docx");
        std::fs::hard_link(&report, &hard).expect("hard link");
        let other = dir.path().join("khac.docx");
        std::fs::write(&other, "{}").expect("write");

        assert!(same_file(&report, &report));
        assert!(same_file(&report, &dir.path().join("x/../bao-cao.json")));
        assert!(same_file(&report, &soft));
        assert!(same_file(&report, &hard));
        assert!(!same_file(&report, &other));
        assert!(!same_file(&report, &dir.path().join("chua-co.docx")));

        let mut read_only = std::fs::metadata(&other).expect("metadata").permissions();
        read_only.set_readonly(true);
        std::fs::set_permissions(&other, read_only).expect("chmod");
        assert!(is_read_only(&other) && !is_read_only(&report));
    }

    #[test]
    fn a_file_held_open_on_windows_is_named_as_such_and_elsewhere_as_before() {
        let (dir, target) = (Path::new("C:/Bao cao"), Path::new("C:/Bao cao/bc.docx"));
        for code in [5, 32, 33] {
            let e = io_error_on(std::io::Error::from_raw_os_error(code), dir, target, true);
            assert!(e.to_string().contains("đang mở trong chương trình khác"), "{code}: {e}");
        }
        let denied = std::io::Error::from(ErrorKind::PermissionDenied);
        let e = io_error_on(denied, dir, target, false);
        assert!(e.to_string().contains("Không có quyền ghi vào thư mục"), "{e}");
    }
}
