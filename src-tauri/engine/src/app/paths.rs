//! Where the app keeps the user's data: the folder Tauri's `app_data_dir()` gives for the app's
//! identifier (Tauri's path resolver joins `dirs::data_dir()` with it), and what lives there.

use std::path::{Path, PathBuf};

use crate::error::EngineError;

/// The app's identifier (`identifier` in `tauri.conf.json`): the name of its data folder.
pub const IDENTIFIER: &str = "vn.soanbaocao.app";

/// The folder of the user's templates, inside the data folder.
pub const TEMPLATES_DIR: &str = "mau";

/// The app's data folder: `{FOLDERID_RoamingAppData}\vn.soanbaocao.app` (`%APPDATA%`) on
/// Windows, `~/Library/Application Support/vn.soanbaocao.app` on macOS, and
/// `$XDG_DATA_HOME/vn.soanbaocao.app` (`~/.local/share/…` when unset or not absolute) elsewhere;
/// none when the system names no such folder.
pub fn data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(IDENTIFIER))
}

/// The app's data folder, made if missing (the app writes its recovery copy and lists there).
pub fn create_data_dir() -> Result<PathBuf, EngineError> {
    let dir = data_dir().ok_or_else(|| {
        EngineError::Io("Không tìm thấy thư mục dữ liệu của ứng dụng.".to_string())
    })?;
    std::fs::create_dir_all(&dir).map_err(|e| {
        EngineError::Io(format!("Không tạo được thư mục dữ liệu «{}»: {e}.", dir.display()))
    })?;
    Ok(dir)
}

/// The user's template library in the data folder `data`.
pub fn templates_dir(data: &Path) -> PathBuf {
    data.join(TEMPLATES_DIR)
}

/// The user's own spelling word list in the data folder `data`.
pub fn words_file(data: &Path) -> PathBuf {
    data.join(crate::checks::spell::USER_WORDS_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Set in the child process of [`data_dir_follows_the_environment_it_is_given`].
    const CHILD: &str = "BAOCAO_TEST_PRINT_DATA_DIR";

    /// Prints the data folder when run as the child of the test below; nothing otherwise.
    #[test]
    fn print_data_dir_in_a_child_process() {
        if std::env::var_os(CHILD).is_some() {
            let dir = data_dir().map(|d| d.display().to_string()).unwrap_or_default();
            println!("DATA_DIR=[{dir}]");
        }
    }

    /// The data folder as this test binary finds it with `vars` set (and `HOME` etc. as given).
    #[cfg(target_os = "linux")]
    fn data_dir_with(vars: &[(&str, &std::ffi::OsStr)]) -> String {
        let exe = std::env::current_exe().expect("test binary");
        let out = std::process::Command::new(exe)
            .args(["--exact", "app::paths::tests::print_data_dir_in_a_child_process"])
            .args(["--nocapture", "--test-threads=1"])
            .env(CHILD, "1")
            .env_remove("XDG_DATA_HOME")
            .envs(vars.iter().copied())
            .output()
            .expect("run the test binary");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let start = text.find("DATA_DIR=[").expect("child output") + "DATA_DIR=[".len();
        text[start..].split(']').next().expect("closing bracket").to_string()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn data_dir_follows_the_environment_it_is_given() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let xdg = tmp.path().join("xdg");
        let home = tmp.path().join("home");
        let shown = |p: PathBuf| p.display().to_string();
        // XDG_DATA_HOME, when absolute, is the base.
        let got = data_dir_with(&[("XDG_DATA_HOME", xdg.as_os_str()), ("HOME", home.as_os_str())]);
        assert_eq!(got, shown(xdg.join("vn.soanbaocao.app")));
        // A relative XDG_DATA_HOME is ignored (XDG base directory rules): ~/.local/share.
        let got =
            data_dir_with(&[("XDG_DATA_HOME", "tuong-doi".as_ref()), ("HOME", home.as_os_str())]);
        assert_eq!(got, shown(home.join(".local/share/vn.soanbaocao.app")));
        // Unset: ~/.local/share too.
        let got = data_dir_with(&[("HOME", home.as_os_str())]);
        assert_eq!(got, shown(home.join(".local/share/vn.soanbaocao.app")));
    }

    #[test]
    fn the_library_and_the_word_list_live_in_the_data_folder() {
        let data = Path::new("du-lieu");
        assert_eq!(templates_dir(data), data.join("mau"));
        assert_eq!(words_file(data), data.join(crate::checks::spell::USER_WORDS_FILE));
        assert_eq!(data_dir(), dirs::data_dir().map(|d| d.join("vn.soanbaocao.app")));
    }
}
