//! `import` and `convert`: a Word file into a report, text in a legacy encoding into Unicode.

use std::path::{Path, PathBuf};

use baocao_engine::app::clock;
use baocao_engine::app::guard;

use crate::report_io::{emit, print_json, read_limited, write_report};
use crate::Failure;

/// Imports a Word file into a report file and prints what was recognised.
pub(crate) fn cmd_import(
    file: PathBuf,
    output: PathBuf,
    json: bool,
    force: bool,
) -> Result<(), Failure> {
    guard::check_output(&output, &[file.as_path()], force)?;
    let today = clock::today();
    let imported = baocao_engine::import::import_file(&file, today)?;
    write_report(&output, &imported.report)?;
    let s = &imported.summary;
    if json {
        print_json(s)?;
    } else {
        println!("Đã nhập «{}» vào «{}».", file.display(), output.display());
        println!("Nhận ra:");
        for c in &s.counts {
            println!("  {}: {}", c.label, c.n);
        }
        if let Some(enc) = &s.converted_from {
            println!("Đã chuyển {} đoạn từ bảng mã {enc} sang Unicode.", s.converted);
        }
        println!("Giữ nguyên thành đoạn văn: {} đoạn", s.kept);
        for line in s.source.iter().filter(|l| l.mark == baocao_engine::import::Mark::Kept) {
            let short: String = line.text.chars().take(90).collect();
            let more = if line.text.chars().count() > 90 { "…" } else { "" };
            println!("  - {short}{more}");
        }
        for w in &s.warnings {
            println!("{w}");
        }
        if !s.complete {
            println!("Báo cáo chưa đủ: hãy mở trong chương trình và điền phần còn thiếu.");
        }
    }
    Ok(())
}

/// Converts text typed in a legacy encoding to Unicode (NFC).
pub(crate) fn cmd_convert(
    file: String,
    from: String,
    output: Option<PathBuf>,
    force: bool,
) -> Result<(), Failure> {
    use baocao_engine::legacy::{self, Legacy};
    let bytes = if file == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .map_err(|e| Failure(format!("Không đọc được đầu vào chuẩn: {e}.")))?;
        b
    } else {
        read_limited(Path::new(&file))?
    };
    // Legacy text saved by old editors is often Windows-1252 bytes, not UTF-8.
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => e.into_bytes().iter().map(|b| char::from(*b)).collect(),
    };
    let encoding = match from.to_lowercase().as_str() {
        "tcvn3" | "abc" => Legacy::Tcvn3,
        "vni" => Legacy::Vni,
        "auto" => match legacy::detect(&text) {
            Some(e) => e,
            None => {
                return Err(Failure(
                    "Không nhận ra bảng mã cũ nào trong văn bản (TCVN3 hay VNI); nếu biết \
                     bảng mã, hãy chỉ rõ bằng --from tcvn3 hoặc --from vni."
                        .into(),
                ))
            }
        },
        other => {
            return Err(Failure(format!("Không có bảng mã «{other}»: chọn tcvn3, vni hoặc auto.")))
        }
    };
    eprintln!("Chuyển từ {} sang Unicode.", encoding.name());
    let converted = baocao_engine::text::nfc(&legacy::convert_without_font(&text, encoding));
    if let Some(o) = &output {
        if file != "-" {
            guard::check_output(o, &[Path::new(&file)], force)?;
        }
    }
    emit(output.as_deref(), converted.as_bytes(), force)
}
