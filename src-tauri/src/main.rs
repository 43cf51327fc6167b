//! Soạn Báo Cáo desktop app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    soan_bao_cao::run();
}
