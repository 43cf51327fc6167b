//! New reports: from a template, the user's template library, and the next period's report.

use std::path::{Path, PathBuf};

use baocao_engine::app::guard;
use baocao_engine::app::{clock, paths};
use baocao_engine::{checks, templates};

use crate::args::TemplateAction;
use crate::profiles::choose_profile;
use crate::report_io::{read_report, write_report};
use crate::Failure;

/// The user's template library: `--library`, else the app's (in its data folder).
fn library(arg: Option<PathBuf>) -> templates::UserLibrary {
    let dir = arg.unwrap_or_else(|| {
        paths::templates_dir(&paths::data_dir().unwrap_or_else(|| PathBuf::from(".")))
    });
    templates::UserLibrary::new(dir)
}

/// Writes the next period's report from a report.
pub(crate) fn cmd_rollforward(
    report: PathBuf,
    output: PathBuf,
    years: i32,
    start_year: Option<i32>,
    end_year: Option<i32>,
    kind: Option<String>,
    force: bool,
) -> Result<(), Failure> {
    use baocao_engine::rollforward::{NewPeriod, ReportKind, RollOptions};
    let r = read_report(&report)?;
    let period = match end_year {
        Some(end) => NewPeriod::Range { start_year: start_year.unwrap_or(end), end_year: end },
        None => NewPeriod::Shift { years },
    };
    let kind = kind.as_deref().map(|k| match k {
        "nam" => ReportKind::Annual,
        "so-ket" => ReportKind::SoKet,
        _ => ReportKind::TongKet,
    });
    let rolled = baocao_engine::rollforward::roll(&r, &RollOptions { period, kind });
    for n in &rolled.notices {
        println!("{n}");
    }
    let next = rolled.report;
    guard::check_output(&output, &[report.as_path()], force)?;
    write_report(&output, &next)?;
    let profile = choose_profile(&next, None)?;
    let todo = checks::structure::check(&next, &profile)
        .iter()
        .filter(|p| p.code == baocao_engine::diagnostic::codes::FIGURE_TO_UPDATE)
        .count();
    println!(
        "Đã tạo báo cáo kỳ sau «{}» (ngày {}); {todo} số liệu cần cập nhật.",
        output.display(),
        next.header.date.format("%d/%m/%Y")
    );
    Ok(())
}

/// Saves, renames, deletes, exports or imports a user template.
pub(crate) fn cmd_template(
    action: TemplateAction,
    lib: Option<PathBuf>,
    force: bool,
) -> Result<(), Failure> {
    let lib = library(lib);
    match action {
        TemplateAction::Save { report, name } => {
            let r = read_report(&report)?;
            let id = lib.save(templates::from_report(&r, &name)?)?;
            println!("Đã lưu mẫu «{name}» (mã {id}).");
        }
        TemplateAction::Rename { id, name } => {
            lib.rename(&id, &name)?;
            println!("Đã đổi tên mẫu {id} thành «{name}».");
        }
        TemplateAction::Delete { id } => {
            lib.delete(&id)?;
            println!("Đã xóa mẫu {id}.");
        }
        TemplateAction::Export { id, output } => {
            guard::check_output(&output, &[], force)?;
            lib.export(&id, &output)?;
            println!("Đã xuất mẫu {id} ra «{}».", output.display());
        }
        TemplateAction::Import { file } => {
            let id = lib.import(&file)?;
            println!("Đã nhập mẫu (mã {id}).");
        }
    }
    Ok(())
}

/// Lists the built-in and the user's templates.
pub(crate) fn cmd_templates(lib: Option<PathBuf>) -> Result<(), Failure> {
    let lib = library(lib);
    for t in templates::list_all(&lib) {
        let origin = if t.builtin { "có sẵn" } else { "của bạn" };
        println!("{:<40} {} ({origin})", t.id, t.name);
    }
    Ok(())
}

/// Writes a new report from a template, its blanks filled with `--set` values.
pub(crate) fn cmd_new(
    template: &str,
    set: &[String],
    output: &Path,
    lib: Option<PathBuf>,
    force: bool,
) -> Result<(), Failure> {
    let lib = library(lib);
    let t = templates::find(&lib, template)?;
    let mut answers = std::collections::BTreeMap::new();
    for pair in set {
        let Some((k, v)) = pair.split_once('=') else {
            return Err(Failure(format!("«--set {pair}» phải có dạng khoa=gia_tri.")));
        };
        answers.insert(k.trim().to_string(), v.to_string());
    }
    let report = templates::instantiate(&t, &answers, clock::today())?;
    guard::check_output(output, &[], force)?;
    write_report(output, &report)?;
    println!("Đã tạo «{}» từ mẫu «{}».", output.display(), t.name);
    Ok(())
}
