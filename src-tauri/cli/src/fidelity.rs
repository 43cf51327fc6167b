//! `fidelity`: our PDF compared, page by page, with LibreOffice's print of our DOCX.

use std::path::{Path, PathBuf};

use baocao_engine::app::clock;
use baocao_engine::{render_docx, render_pdf, sample, FormatProfile, Report};

use crate::profiles::choose_profile;
use crate::report_io::{read_report, write_atomic};
use crate::Failure;

/// Runs an outside program (LibreOffice, poppler, fontconfig) and returns what it printed.
fn tool(
    program: impl AsRef<std::ffi::OsStr>,
    args: &[&std::ffi::OsStr],
) -> Result<String, Failure> {
    let program = program.as_ref();
    let name = program.to_string_lossy();
    let out = std::process::Command::new(program).args(args).output().map_err(|e| {
        Failure(format!(
            "Không chạy được «{name}» ({e}); cần cài LibreOffice và poppler (pdftotext){}.",
            if cfg!(windows) { "" } else { ": gói libreoffice-writer-nogui và poppler-utils" }
        ))
    })?;
    if !out.status.success() {
        return Err(Failure(format!(
            "«{name}» báo lỗi: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).to_string())
}

/// Renders DOCX and PDF, prints the DOCX through LibreOffice, and compares the pages.
fn fidelity(report: &Report, profile: &FormatProfile, words: usize) -> Result<(), Failure> {
    // LibreOffice measures the DOCX with whatever font stands in for Times New Roman here
    // (Windows has the font itself, and no fontconfig).
    let family = if cfg!(windows) {
        "Times New Roman".to_string()
    } else {
        let matched = tool("fc-match", &["Times New Roman".as_ref()])?;
        baocao_engine::fidelity::check_font_match(&matched).map_err(Failure)?
    };
    let soffice = baocao_engine::platform::soffice().ok_or_else(|| {
        Failure(baocao_engine::platform::missing_libreoffice_message(cfg!(windows)).into())
    })?;
    let env = clock::render_env();
    let dir =
        tempfile::tempdir().map_err(|e| Failure(format!("Không tạo được thư mục tạm: {e}.")))?;
    let docx = dir.path().join("bao-cao.docx");
    let ours = dir.path().join("cua-chung-toi.pdf");
    write_atomic(&docx, &render_docx(report, profile, env)?.bytes)?;
    write_atomic(&ours, &render_pdf(report, profile, env)?.bytes)?;
    let lo_profile = baocao_engine::platform::soffice_profile_arg(&dir.path().join("lo"));
    let out_dir = dir.path().join("lo-pdf");
    tool(
        &soffice,
        &[
            lo_profile.as_ref(),
            "--headless".as_ref(),
            "--convert-to".as_ref(),
            "pdf".as_ref(),
            "--outdir".as_ref(),
            out_dir.as_os_str(),
            docx.as_os_str(),
        ],
    )?;
    let lo_pdf = out_dir.join("bao-cao.pdf");
    // -layout: physical order, so both renderings are read the same way.
    let text = |pdf: &Path| tool("pdftotext", &["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()]);
    let reference = baocao_engine::fidelity::split_pages(&text(&lo_pdf)?);
    let our_pages = baocao_engine::fidelity::split_pages(&text(&ours)?);
    let result = baocao_engine::fidelity::compare(&reference, &our_pages, words);
    println!("Phông thay cho Times New Roman: {family}");
    println!("Số trang: LibreOffice {}, Soạn Báo Cáo {}", result.reference_pages, result.our_pages);
    println!("So {words} từ đầu và {words} từ cuối của từng trang:");
    for (i, p) in result.pages.iter().enumerate() {
        if p.same {
            continue;
        }
        println!("  trang {:>4} KHÁC", i + 1);
        if !p.same_start() {
            println!("    đầu trang  LibreOffice: {}", p.reference);
            println!("               PDF:         {}", p.ours);
        }
        if !p.same_end() {
            println!("    cuối trang LibreOffice: {}", p.reference_last);
            println!("               PDF:         {}", p.ours_last);
        }
    }
    println!(
        "Trùng khớp: {}/{} trang ({}%)",
        result.agreeing(),
        result.pages.len(),
        format!("{:.1}", result.ratio() * 100.0).replace('.', ",")
    );
    Ok(())
}

/// Compares our PDF with LibreOffice's print of our DOCX, page by page.
pub(crate) fn cmd_fidelity(
    report: Option<PathBuf>,
    profile: Option<String>,
    words: usize,
) -> Result<(), Failure> {
    let report = match &report {
        Some(path) => read_report(path)?,
        None => sample::sample(),
    };
    let profile = choose_profile(&report, profile.as_deref())?;
    fidelity(&report, &profile, words)
}
