//! The check made on Windows before the window opens: without Microsoft Edge WebView2 Runtime
//! the window cannot show, so the clerk reads in Vietnamese what is missing and what to do.

/// The message box's title.
pub const TITLE: &str = "Soạn Báo Cáo: máy chưa có WebView2";

/// The message box's text: what is missing, how to get it, and that no report is touched.
pub const MESSAGE: &str = "Soạn Báo Cáo cần Microsoft Edge WebView2 Runtime để mở cửa sổ \
soạn thảo, nhưng máy này chưa có.\n\n\
Cách khắc phục:\n\
1. Chạy Windows Update (Windows 11 và Windows 10 đã cập nhật đều có sẵn WebView2), hoặc\n\
2. Nhờ cán bộ tin học cài «WebView2 Runtime» (bản Evergreen) từ trang của Microsoft: \
https://developer.microsoft.com/microsoft-edge/webview2/\n\
rồi mở lại Soạn Báo Cáo.\n\n\
Các báo cáo đã lưu không bị ảnh hưởng.";

/// The exit code when the runtime is missing (the window never opened).
pub const EXIT_CODE: i32 = 3;

/// Whether the window can open; when it cannot, the message box is shown and answered first.
#[cfg(windows)]
pub fn ensure() -> bool {
    match tauri::webview_version() {
        Ok(_) => true,
        Err(e) => {
            eprintln!("{TITLE}: {e}");
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title(TITLE)
                .set_description(MESSAGE)
                .set_buttons(rfd::MessageButtons::Ok)
                .show();
            false
        }
    }
}

/// Other systems' webviews come with the system (WebKitGTK is a package dependency).
#[cfg(not(windows))]
pub fn ensure() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_is_nfc_vietnamese_and_says_what_to_do() {
        use unicode_normalization::UnicodeNormalization;
        for text in [TITLE, MESSAGE] {
            assert_eq!(text.nfc().collect::<String>(), text);
        }
        assert!(MESSAGE.contains("Windows Update") && MESSAGE.contains("WebView2 Runtime"));
        assert!(MESSAGE.contains("không bị ảnh hưởng"));
    }
}
