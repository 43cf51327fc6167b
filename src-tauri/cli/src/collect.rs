//! `form` and `compile`: the units' forms out, their figures added up into the report.

use std::path::{Path, PathBuf};

use baocao_engine::app::guard;
use baocao_engine::app::{clock, forms};

use crate::report_io::{print_json, read_report, read_units, write_atomic, write_report};
use crate::Failure;

/// Writes the units' Excel form(s) for the report's tables.
pub(crate) fn cmd_form(
    report: PathBuf,
    output: PathBuf,
    unit: Option<String>,
    all_units: bool,
    units: Option<PathBuf>,
    force: bool,
) -> Result<(), Failure> {
    use baocao_engine::collect::form;
    let r = read_report(&report)?;
    if all_units {
        let list = units;
        let units = match &list {
            Some(list) => read_units(list)?,
            None => r.collection.as_ref().map(|c| c.units.clone()).unwrap_or_default(),
        };
        if units.is_empty() {
            return Err(Failure(
                "Báo cáo chưa có danh sách đơn vị: hãy thêm trong chương trình (Tổng hợp \
                 từ đơn vị) hoặc dùng --unit."
                    .into(),
            ));
        }
        // The app's rule: each unit's form and a blank one (app::forms).
        let inputs: Vec<&Path> =
            [Some(report.as_path()), list.as_deref()].into_iter().flatten().collect();
        match forms::write_all(&r, &units, &output, &inputs, force)? {
            forms::Outcome::Written { units, files } => println!(
                "Đã tạo {} biểu mẫu ({units} đơn vị và 1 biểu mẫu trống) trong «{}».",
                files.len(),
                output.display()
            ),
            forms::Outcome::Refused(refused) => return Err(refused.into_error().into()),
        }
    } else {
        guard::check_output(&output, &[report.as_path()], force)?;
        write_atomic(&output, &form::write_form(&r, unit.as_deref())?)?;
        let tables = baocao_engine::collect::sheets(&r).len();
        println!("Đã tạo biểu mẫu «{}» ({tables} bảng).", output.display());
    }
    Ok(())
}

/// Compiles the units' files into the report and prints the review.
pub(crate) fn cmd_compile(
    report: PathBuf,
    files: Vec<PathBuf>,
    output: PathBuf,
    units: Option<PathBuf>,
    exclude: Vec<String>,
    json: bool,
    force: bool,
) -> Result<(), Failure> {
    use baocao_engine::collect;
    let mut r = read_report(&report)?;
    guard::check_output(&output, &[report.as_path()], force)?;
    if let Some(list) = units {
        let got = read_units(&list)?;
        let id = collect::collection_id(&r);
        let c = r.collection.get_or_insert_with(|| baocao_engine::model::Collection {
            id,
            units: vec![],
            deadline: None,
            received: vec![],
            previous: vec![],
        });
        c.units = got;
    }
    let today = clock::today();
    let subs: Vec<_> = files.iter().map(|f| collect::read::read_path(f, today)).collect();
    let choices = collect::Choices { excluded: exclude, picks: vec![] };
    let done = collect::compile(&r, &subs, &choices);
    write_report(&output, &done.report)?;
    let rev = &done.review;
    if json {
        print_json(rev)?;
    } else {
        println!("{}.", rev.rate);
        if !rev.missing.is_empty() {
            println!("Chưa nhận: {}.", rev.missing.join("; "));
        }
        let rejected: Vec<&str> = rev
            .units
            .iter()
            .filter(|u| u.state == collect::compile::UnitState::Rejected)
            .map(|u| u.name.as_str())
            .collect();
        if !rejected.is_empty() {
            println!("Đã gửi nhưng tệp có lỗi, chưa lấy số: {}.", rejected.join("; "));
        }
        println!(
            "Đã điền {} số liệu của báo cáo từ {} tệp; ghi vào «{}».",
            rev.figures,
            rev.files.iter().filter(|f| f.taken).count(),
            output.display()
        );
        for f in &rev.findings {
            println!("{f}");
        }
        if !rev.texts.is_empty() {
            println!(
                "Nội dung đơn vị gửi: {} ý (chọn đưa vào báo cáo trong chương trình).",
                rev.texts.len()
            );
        }
    }
    if rev.blocking > 0 {
        return Err(Failure(format!(
            "Còn {} lỗi: số liệu của các tệp có lỗi chưa được cộng. Sửa tệp, hoặc bỏ qua \
             tệp bằng --exclude, rồi tổng hợp lại.",
            rev.blocking
        )));
    }
    Ok(())
}
