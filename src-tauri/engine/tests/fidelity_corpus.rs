//! The fidelity corpus through LibreOffice: every corpus report (and a ~1 000-page one) is
//! written as DOCX and PDF; LibreOffice prints all the DOCX files in one run; pdftotext reads both
//! sides; the first and the last 8 words of every page must agree. Prints per report: pages and
//! agreeing pages. Needs soffice, pdftotext and a font metric-compatible with Times New Roman
//! (scripts/setup.sh installs them).
//!
//! `BAOCAO_CORPUS_ONLY=name,name` limits the run to some reports, `BAOCAO_CORPUS_PAGES=n` sizes
//! the long report (default 1000), `BAOCAO_CORPUS_KEEP=dir` keeps the files for a person to look at.

use std::fs;
use std::path::Path;
use std::process::Command;

use baocao_engine::fidelity::{check_font_match, compare, split_pages, Agreement};
use baocao_engine::{corpus, profile_for, render_docx, render_pdf, RenderEnv, Report};
use chrono::DateTime;

const WORDS: usize = 8;

/// Reports where LibreOffice is known to paginate differently from us, with the pages that
/// agreed when this was measured and why (docs/fidelity.md). The test fails if one of them gets
/// worse, and also if it starts agreeing fully (then take it off this list).
const KNOWN: [(&str, usize, &str); 1] = [(
    "tieu-de-cuoi-trang-nd30",
    12,
    "on page 13, under a repeated table header, LibreOffice moves a heading and its 8-line \
     paragraph to page 14 instead of splitting 6 + 2 as it does elsewhere; docs/fidelity.md",
)];

fn pdf_text(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(
        o.status.success(),
        "pdftotext {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    split_pages(&String::from_utf8_lossy(&o.stdout))
}

#[test]
fn corpus_pages_agree_with_libreoffice() {
    if std::env::var_os("BAOCAO_SKIP_LIBREOFFICE").is_some() {
        eprintln!("BAOCAO_SKIP_LIBREOFFICE set: fidelity corpus skipped");
        return;
    }
    let fc =
        Command::new("fc-match").arg("Times New Roman").output().expect("fc-match (fontconfig)");
    if let Err(message) = check_font_match(&String::from_utf8_lossy(&fc.stdout)) {
        panic!("{message}");
    }
    let only: Option<Vec<String>> = std::env::var("BAOCAO_CORPUS_ONLY")
        .ok()
        .map(|s| s.split(',').map(|n| n.trim().to_string()).collect());
    let pages: usize =
        std::env::var("BAOCAO_CORPUS_PAGES").ok().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let mut reports: Vec<(String, Report)> = corpus::corpus();
    reports.push((format!("dai-{pages}-trang"), corpus::long_report(pages)));
    if let Some(only) = &only {
        reports.retain(|(n, _)| only.iter().any(|o| n == o));
    }
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = match std::env::var_os("BAOCAO_CORPUS_KEEP") {
        Some(d) => {
            fs::create_dir_all(&d).expect("keep dir");
            std::path::PathBuf::from(d)
        }
        None => temp.path().to_path_buf(),
    };
    let env = RenderEnv { now: DateTime::from_timestamp(1_558_341_000, 0).expect("time") };
    let mut docx_files = Vec::new();
    for (name, r) in &reports {
        let profile = profile_for(r).expect("profile");
        let docx = dir.join(format!("{name}.docx"));
        fs::write(&docx, render_docx(r, &profile, env).expect("docx").bytes).expect("write");
        fs::write(
            dir.join(format!("{name}.ours.pdf")),
            render_pdf(r, &profile, env).expect("pdf").bytes,
        )
        .expect("write");
        docx_files.push(docx);
    }
    // One LibreOffice run for every file: its start-up is most of the cost.
    let lo_out = dir.join("lo");
    let o = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", temp.path().join("lo-profile").display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&lo_out)
        .args(&docx_files)
        .output()
        .expect("soffice (libreoffice-writer-nogui)");
    assert!(o.status.success(), "soffice: {}", String::from_utf8_lossy(&o.stderr));

    let mut results: Vec<(String, Agreement)> = Vec::new();
    println!(
        "{:<26} {:>12} {:>8} {:>12}  pages that differ",
        "report", "LibreOffice", "ours", "agreeing"
    );
    for (name, _) in &reports {
        let reference = pdf_text(&lo_out.join(format!("{name}.pdf")));
        let ours = pdf_text(&dir.join(format!("{name}.ours.pdf")));
        let a = compare(&reference, &ours, WORDS);
        let diff: Vec<String> = a.mismatches().iter().take(12).map(usize::to_string).collect();
        println!(
            "{name:<26} {:>12} {:>8} {:>7}/{:<4}  {}",
            a.reference_pages,
            a.our_pages,
            a.agreeing(),
            a.pages.len(),
            diff.join(" ")
        );
        for (i, p) in a.pages.iter().enumerate().filter(|(_, p)| !p.same).take(3) {
            println!("    page {}: LibreOffice «{}» … «{}»", i + 1, p.reference, p.reference_last);
            println!(
                "    {:>w$}  ours        «{}» … «{}»",
                "",
                p.ours,
                p.ours_last,
                w = 5 + (i + 1).to_string().len()
            );
        }
        results.push((name.clone(), a));
    }
    for (name, a) in &results {
        if let Some((_, agreed, why)) = KNOWN.iter().find(|(n, _, _)| n == name) {
            println!("{name}: known difference: {why}");
            assert!(
                a.agreeing() >= *agreed && a.agreeing() < a.pages.len(),
                "{name}: {}/{} pages agree; the known figure was {agreed} (update KNOWN)",
                a.agreeing(),
                a.pages.len()
            );
        } else if name.starts_with("dai-") {
            assert!(
                a.ratio() >= 0.99,
                "{name}: {}/{} pages agree (< 99 %)",
                a.agreeing(),
                a.pages.len()
            );
        } else {
            assert_eq!(
                a.agreeing(),
                a.pages.len(),
                "{name}: pages {:?} differ from LibreOffice's print",
                a.mismatches()
            );
        }
    }
}
