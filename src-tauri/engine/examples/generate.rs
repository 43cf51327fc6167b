//! Writes generated reports (for stress tests, page-count and fidelity checks):
//! - `cargo run -p baocao-engine --example generate -- 100 > dai-100-trang.json`: the sample
//!   lengthened to about 100 pages;
//! - `… -- dai 1000 > dai-1000-trang.json`: the corpus's varied report of about 1 000 pages;
//! - `… -- corpus thu-muc/`: every fidelity corpus report as a JSON file in `thu-muc/`
//!   (then `baocao fidelity thu-muc/ten.json`).

use std::path::Path;

fn json(report: &baocao_engine::Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| {
        eprintln!("Không tạo được báo cáo: {e}");
        std::process::exit(1);
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("corpus") => {
            let dir = Path::new(args.get(1).map(String::as_str).unwrap_or("corpus"));
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("Không tạo được thư mục «{}»: {e}", dir.display());
                std::process::exit(1);
            }
            for (name, report) in baocao_engine::corpus::corpus() {
                let path = dir.join(format!("{name}.json"));
                if let Err(e) = baocao_engine::fsio::write_atomic(&path, json(&report).as_bytes()) {
                    eprintln!("Không ghi được «{}»: {e}", path.display());
                    std::process::exit(1);
                }
                println!("{}", path.display());
            }
        }
        Some("dai") => {
            let pages = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
            println!("{}", json(&baocao_engine::corpus::long_report(pages)));
        }
        other => {
            let pages = other.and_then(|s| s.parse().ok()).unwrap_or(100);
            println!("{}", json(&baocao_engine::sample::generated(pages)));
        }
    }
}
