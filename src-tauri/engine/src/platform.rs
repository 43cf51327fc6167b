//! Where this computer keeps what the engine borrows from it: LibreOffice (old .doc files, the
//! fidelity check) and the Vietnamese Hunspell dictionary, on Debian and on Windows.
//!
//! The candidate lists are pure functions of the environment, so both systems' rules are tested
//! on Linux; [`soffice`] and [`dictionary_dir`] pick the first candidate that exists here.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Debian's Hunspell folder (package `hunspell-vi`).
pub const DEBIAN_DICTIONARY_DIR: &str = "/usr/share/hunspell";
/// The folder beside the Windows program where the installer puts the dictionary.
pub const BUNDLED_DICTIONARY_DIR: &str = "tu-dien";

/// The dictionary folder the environment names, else the folders searched, first match wins.
pub fn dictionary_candidates(
    windows: bool,
    var: impl Fn(&str) -> Option<OsString>,
    exe_dir: Option<&Path>,
    registry_soffice: Option<PathBuf>,
) -> Vec<PathBuf> {
    if let Some(dir) = var("BAOCAO_HUNSPELL_DIR") {
        return vec![PathBuf::from(dir)];
    }
    if !windows {
        return vec![PathBuf::from(DEBIAN_DICTIONARY_DIR)];
    }
    let mut out: Vec<PathBuf> =
        exe_dir.map(|d| d.join(BUNDLED_DICTIONARY_DIR)).into_iter().collect();
    // LibreOffice for Windows ships the Vietnamese dictionary as a bundled extension:
    // <root>\program\soffice.exe and <root>\share\extensions\dict-vi\vi_VN.dic.
    for exe in soffice_candidates(true, &var, registry_soffice) {
        let Some(root) = exe.parent().and_then(Path::parent) else { continue };
        let dict = root.join("share").join("extensions").join("dict-vi");
        if !out.contains(&dict) {
            out.push(dict);
        }
    }
    out
}

/// Where LibreOffice's `soffice` may be, in the order tried: the environment's override, the
/// registry's install path (Windows), Program Files, then `PATH`.
pub fn soffice_candidates(
    windows: bool,
    var: impl Fn(&str) -> Option<OsString>,
    registry_soffice: Option<PathBuf>,
) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = var("BAOCAO_SOFFICE").map(PathBuf::from).into_iter().collect();
    let (exe, sep) = if windows { ("soffice.exe", ';') } else { ("soffice", ':') };
    if windows {
        out.extend(registry_soffice);
        for key in ["ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA"] {
            let Some(base) = var(key) else { continue };
            let base = PathBuf::from(base);
            let base = if key == "LOCALAPPDATA" { base.join("Programs") } else { base };
            out.push(base.join("LibreOffice").join("program").join(exe));
        }
    }
    if let Some(path) = var("PATH") {
        for dir in path.to_string_lossy().split(sep).filter(|d| !d.is_empty()) {
            out.push(Path::new(dir).join(exe));
            if !windows {
                out.push(Path::new(dir).join("libreoffice"));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    out
}

/// LibreOffice's program on this computer, if it is installed.
pub fn soffice() -> Option<PathBuf> {
    soffice_candidates(cfg!(windows), |k| std::env::var_os(k), registry_soffice())
        .into_iter()
        .find(|p| p.is_file())
}

/// The folder holding `vi_VN.aff` and `vi_VN.dic` on this computer (the first searched when
/// none has them, so a message can name it).
pub fn dictionary_dir() -> PathBuf {
    let exe_dir = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf));
    let all = dictionary_candidates(
        cfg!(windows),
        |k| std::env::var_os(k),
        exe_dir.as_deref(),
        registry_soffice(),
    );
    all.iter()
        .find(|d| d.join("vi_VN.dic").is_file() && d.join("vi_VN.aff").is_file())
        .or(all.first())
        .cloned()
        .unwrap_or_else(|| PathBuf::from(DEBIAN_DICTIONARY_DIR))
}

/// The spelling finding's text when no dictionary was found.
pub fn missing_dictionary_message(windows: bool) -> &'static str {
    if windows {
        "Chưa kiểm tra chính tả: không thấy từ điển tiếng Việt (vi_VN.dic) trong thư mục «tu-dien» \
         cạnh chương trình hay trong LibreOffice. Chạy lại bộ cài Soạn Báo Cáo, chọn thành phần \
         «Từ điển chính tả tiếng Việt», rồi mở lại chương trình."
    } else {
        "Chưa kiểm tra chính tả: máy chưa có từ điển tiếng Việt (gói hunspell-vi, tệp \
         /usr/share/hunspell/vi_VN.dic). Cài gói này rồi mở lại chương trình."
    }
}

/// What to say when LibreOffice is needed and not installed.
pub fn missing_libreoffice_message(windows: bool) -> &'static str {
    if windows {
        "Máy này chưa cài LibreOffice (không thấy soffice.exe trong Program Files) nên chương trình \
         không tự chuyển được; cài LibreOffice (libreoffice.org) rồi thử lại."
    } else {
        "Máy này chưa cài LibreOffice (gói libreoffice-writer-nogui) nên chương trình không tự \
         chuyển được."
    }
}

/// The `-env:UserInstallation=…` argument giving LibreOffice a profile of its own in `dir`
/// (a file URL: `file:///C:/…` on Windows, percent-encoded).
pub fn soffice_profile_arg(dir: &Path) -> String {
    let url = url::Url::from_directory_path(dir)
        .map(String::from)
        .unwrap_or_else(|()| format!("file://{}", dir.display()));
    format!("-env:UserInstallation={url}")
}

/// LibreOffice's program folder as its installer recorded it in the registry (Windows).
#[cfg(windows)]
fn registry_soffice() -> Option<PathBuf> {
    use winreg::enums::{HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE};
    [HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER].into_iter().find_map(|root| {
        let key = winreg::RegKey::predef(root)
            .open_subkey("SOFTWARE\\LibreOffice\\UNO\\InstallPath")
            .ok()?;
        let dir: String = key.get_value("").ok()?;
        Some(PathBuf::from(dir).join("soffice.exe"))
    })
}

#[cfg(not(windows))]
fn registry_soffice() -> Option<PathBuf> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| OsString::from(*v))
    }

    #[test]
    fn debian_reads_hunspell_folder_and_path() {
        let var = env(&[("PATH", "/usr/local/bin:/usr/bin")]);
        assert_eq!(
            dictionary_candidates(false, &var, None, None),
            [PathBuf::from("/usr/share/hunspell")]
        );
        let found = soffice_candidates(false, &var, None);
        assert_eq!(found[0], PathBuf::from("/usr/local/bin/soffice"));
        assert!(found.contains(&PathBuf::from("/usr/bin/libreoffice")));
    }

    #[test]
    fn override_wins_everywhere() {
        let var = env(&[("BAOCAO_HUNSPELL_DIR", "/x/dict"), ("BAOCAO_SOFFICE", "/x/lo")]);
        for windows in [false, true] {
            assert_eq!(
                dictionary_candidates(windows, &var, None, None),
                [PathBuf::from("/x/dict")]
            );
            assert_eq!(soffice_candidates(windows, &var, None)[0], PathBuf::from("/x/lo"));
        }
    }

    #[test]
    fn windows_looks_beside_the_program_then_in_libreoffice() {
        let var =
            env(&[("ProgramFiles", "C:/Program Files"), ("ProgramW6432", "C:/Program Files")]);
        let reg = Some(PathBuf::from("D:/LO/program/soffice.exe"));
        let dirs = dictionary_candidates(true, &var, Some(Path::new("C:/app")), reg.clone());
        let dirs: Vec<String> =
            dirs.iter().map(|d| d.to_string_lossy().replace('\\', "/")).collect();
        assert_eq!(
            dirs,
            [
                "C:/app/tu-dien",
                "D:/LO/share/extensions/dict-vi",
                "C:/Program Files/LibreOffice/share/extensions/dict-vi"
            ]
        );
        let exes = soffice_candidates(true, &var, reg);
        assert_eq!(exes.len(), 2, "{exes:?}");
        assert!(exes[1].to_string_lossy().ends_with("soffice.exe"));
    }

    #[test]
    fn profile_argument_is_a_file_url() {
        let dir = tempfile::tempdir().expect("test folder");
        let arg = soffice_profile_arg(&dir.path().join("Nguyễn Văn A").join("lo"));
        let base = dir.path().display().to_string();
        assert!(base.is_ascii() && base.starts_with('/'), "an ASCII test folder: {base}");
        let want = format!("-env:UserInstallation=file://{base}/Nguy%E1%BB%85n%20V%C4%83n%20A/lo/");
        assert_eq!(arg, want);
    }

    #[test]
    fn messages_are_nfc_and_name_what_to_install() {
        use unicode_normalization::is_nfc;
        for windows in [false, true] {
            let (d, l) =
                (missing_dictionary_message(windows), missing_libreoffice_message(windows));
            assert!(is_nfc(d) && is_nfc(l));
            assert!(l.contains("LibreOffice"));
        }
        assert!(missing_dictionary_message(true).contains("tu-dien"));
        assert!(missing_dictionary_message(false).contains("hunspell-vi"));
    }
}
