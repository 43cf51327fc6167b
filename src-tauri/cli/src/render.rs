//! `render`: a report to Word or PDF (by the app's export rule, `baocao_engine::app::export`)
//! or to SVG pages (a preview format, the command's own).

use std::path::{Path, PathBuf};

use baocao_engine::app::clock;
use baocao_engine::app::export::{self, Format};
use baocao_engine::app::guard;
use baocao_engine::{checks, fsio, render_layout, sample, svg, Diagnostic, FormatProfile};
use baocao_engine::{RenderEnv, Report};

use crate::profiles::choose_profile;
use crate::report_io::{read_report, write_atomic};
use crate::Failure;

/// Writes the report (or the sample) as DOCX, PDF or SVG pages.
pub(crate) fn cmd_render(
    input: Option<PathBuf>,
    output: Option<PathBuf>,
    format: Option<String>,
    profile: Option<String>,
    anyway: bool,
    force: bool,
) -> Result<(), Failure> {
    // The report and a profile file given by path are both inputs the output must spare.
    let profile_file = profile.as_deref().map(Path::new).filter(|p| p.is_file());
    let inputs: Vec<&Path> = input.iter().map(PathBuf::as_path).chain(profile_file).collect();
    // The checks' rules and patterns get ready on another core while the report is read.
    std::thread::spawn(baocao_engine::checks::warm_up);
    let (report, default_out) = match &input {
        Some(path) => (read_report(path)?, path.with_extension("docx")),
        None => (sample::sample(), PathBuf::from("bao-cao-mau.docx")),
    };
    let format_arg = format.as_deref().map(str::to_lowercase);
    let output = output.unwrap_or_else(|| match format_arg.as_deref() {
        Some("pdf") => default_out.with_extension("pdf"),
        Some("svg") => default_out.with_extension("svg.d"),
        _ => default_out,
    });
    // Checked before the format, so that naming an input is the first thing said.
    guard::check_output(&output, &inputs, force)?;
    let format = match format_arg {
        Some(f) => f,
        None => {
            output.extension().and_then(|e| e.to_str()).map(str::to_lowercase).unwrap_or_default()
        }
    };
    let format = match format.as_str() {
        "docx" => Format::Docx,
        "pdf" => Format::Pdf,
        "svg" => {
            let profile = choose_profile(&report, profile.as_deref())?;
            refuse_blocked(&checks::blocking(&report, &profile), input.as_deref(), false)?;
            return render_svg(&report, &profile, clock::render_env(), &output);
        }
        "" => {
            return Err(Failure(format!(
                "Không biết xuất định dạng gì cho «{}»: hãy đặt đuôi .docx hoặc .pdf, hoặc dùng --format docx|pdf|svg.",
                output.display()
            )))
        }
        other => {
            return Err(Failure(format!(
                "Định dạng «{other}» không được hỗ trợ; chọn docx, pdf hoặc svg."
            )))
        }
    };
    let profile = choose_profile(&report, profile.as_deref())?;
    // The app's export rule: blocking findings stop the export; --van-xuat goes on.
    let request = export::Request {
        report: &report,
        profile: &profile,
        format,
        path: &output,
        inputs: &inputs,
        replace_read_only: force,
        go_on_blocked: anyway,
        env: clock::render_env(),
    };
    match export::export(&request)? {
        export::Outcome::Written { path, kb, warnings, passed } => {
            refuse_blocked(&passed, input.as_deref(), true)?;
            for w in &warnings {
                eprintln!("{w}");
            }
            println!("{}", baocao_engine::profile_line(&report, &profile));
            println!("Đã xuất «{}» ({kb} KB).", path.display());
            Ok(())
        }
        export::Outcome::Refused(refused) => Err(refused.into_error().into()),
        export::Outcome::Blocked(blockers) => refuse_blocked(&blockers, input.as_deref(), false),
    }
}

/// Names every blocking finding, as the app does before exporting. Without `anyway` that is a
/// refusal naming how many and what to do; with it, the export goes on.
fn refuse_blocked(
    blockers: &[Diagnostic],
    input: Option<&Path>,
    anyway: bool,
) -> Result<(), Failure> {
    for f in blockers {
        eprintln!("{f}");
    }
    if blockers.is_empty() || anyway {
        return Ok(());
    }
    let shown = input.map_or_else(|| "Báo cáo mẫu".to_string(), |p| format!("«{}»", p.display()));
    Err(Failure(format!(
        "{shown}: còn {} lỗi chặn nên chưa xuất. Sửa rồi xuất lại («baocao check» chỉ rõ từng chỗ), \
         hoặc thêm --van-xuat để vẫn xuất.",
        blockers.len()
    )))
}

/// Writes one SVG per page into `dir` (created if its parent exists), with the fonts beside them.
fn render_svg(
    report: &Report,
    profile: &FormatProfile,
    env: RenderEnv,
    dir: &Path,
) -> Result<(), Failure> {
    let (_, pages, warnings) = render_layout(report, profile, env)?;
    for w in &warnings {
        eprintln!("{w}");
    }
    fsio::create_dir(dir, false)?;
    let fonts = dir.join("fonts");
    fsio::create_dir(&fonts, false)?;
    for face in &baocao_engine::metrics::FACES {
        write_atomic(&fonts.join(face.file), face.bytes)?;
    }
    let svgs = svg::write(&pages, Some("fonts/"));
    for (i, page) in svgs.iter().enumerate() {
        write_atomic(&dir.join(format!("trang-{:03}.svg", i + 1)), page.as_bytes())?;
    }
    println!("Đã xuất {} trang SVG vào «{}».", svgs.len(), dir.display());
    Ok(())
}
