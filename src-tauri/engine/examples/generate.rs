//! Writes a generated long report (for stress tests and page-count checks):
//! `cargo run -p baocao-engine --example generate -- 100 > dai-100-trang.json`.

fn main() {
    let pages = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let report = baocao_engine::sample::generated(pages);
    match serde_json::to_string_pretty(&report) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("Không tạo được báo cáo: {e}");
            std::process::exit(1);
        }
    }
}
