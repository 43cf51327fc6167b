//! Whether a file may be written: never over one of the files the work was read from (under any
//! name, a link included), and over an existing read-only file only when the user agreed.

use std::path::{Path, PathBuf};

use crate::fsio;

/// Why nothing was written to a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The path names an input (the report's own file, a profile file…): writing would destroy it.
    OwnFile {
        /// The path that would have been written.
        path: PathBuf,
        /// The input it names.
        input: PathBuf,
    },
    /// The file exists and is read-only (kept so on purpose): ask before replacing it.
    ReadOnly {
        /// The existing file.
        path: PathBuf,
    },
}

impl Refusal {
    /// The refusal as the `baocao` command words it (naming `--force` for a read-only file).
    pub fn into_error(self) -> crate::EngineError {
        match self {
            Refusal::OwnFile { path, input } => fsio::own_file_error(&path, &input),
            Refusal::ReadOnly { path } => fsio::read_only_error(&path),
        }
    }
}

/// The refusal to write `target`, if any: it names one of `inputs`, or it is read-only and
/// replacing it was not agreed (`replace_read_only`).
pub fn refusal(target: &Path, inputs: &[&Path], replace_read_only: bool) -> Option<Refusal> {
    if let Some(input) = inputs.iter().find(|i| fsio::same_file(i, target)) {
        return Some(Refusal::OwnFile { path: target.to_path_buf(), input: input.to_path_buf() });
    }
    if !replace_read_only && fsio::is_read_only(target) {
        return Some(Refusal::ReadOnly { path: target.to_path_buf() });
    }
    None
}

/// Refuses to write `output` over one of the `inputs` (the same file under any name), and over an
/// existing read-only file unless `force` is given, in the `baocao` command's words.
pub fn check_output(
    output: &Path,
    inputs: &[&Path],
    force: bool,
) -> Result<(), crate::EngineError> {
    match refusal(output, inputs, force) {
        Some(refused) => Err(refused.into_error()),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_is_refused_under_any_name_and_a_read_only_file_unless_agreed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let report = dir.path().join("bao-cao.baocao");
        std::fs::write(&report, "{}").expect("write");
        let link = dir.path().join("lien-ket.docx");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&report, &link).expect("symlink");
        #[cfg(windows)]
        std::os::windows::fs::symlink_file(&report, &link).expect("symlink");
        let own = |p: &Path| Refusal::OwnFile { path: p.to_path_buf(), input: report.clone() };
        assert_eq!(refusal(&report, &[&report], true), Some(own(&report)));
        assert_eq!(refusal(&link, &[&report], true), Some(own(&link)));
        let other = dir.path().join("khac.docx");
        assert_eq!(refusal(&other, &[&report], false), None, "a new file");
        std::fs::write(&other, "cũ").expect("write");
        let mut perm = std::fs::metadata(&other).expect("metadata").permissions();
        perm.set_readonly(true);
        std::fs::set_permissions(&other, perm).expect("chmod");
        assert_eq!(
            refusal(&other, &[&report], false),
            Some(Refusal::ReadOnly { path: other.clone() })
        );
        assert_eq!(refusal(&other, &[&report], true), None, "agreed");
        let e = Refusal::ReadOnly { path: other.clone() }.into_error().to_string();
        assert!(e.contains("chỉ cho đọc") && e.contains("--force"), "{e}");
        assert!(check_output(&other, &[&report], true).is_ok());
        let e = check_output(&other, &[&report], false).expect_err("read-only").to_string();
        assert!(e.contains("--force"), "{e}");
        let e = own(&link).into_error().to_string();
        assert!(e.contains("chính là tệp đầu vào") && e.contains("bao-cao.baocao"), "{e}");
    }
}
