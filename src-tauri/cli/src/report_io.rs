//! Reading and writing the command's files: reports, unit lists, and any output (or the screen).

use std::io::Write;
use std::path::Path;

use baocao_engine::app::guard;
use baocao_engine::{fsio, load, Report};

use crate::Failure;

/// Reads a file of bounded size, the message naming it.
pub(crate) fn read_limited(path: &Path) -> Result<Vec<u8>, Failure> {
    Ok(fsio::read_limited(path)?)
}

/// A list of units: a spreadsheet's first column, or a text file with one unit per line.
pub(crate) fn read_units(path: &Path) -> Result<Vec<baocao_engine::model::Unit>, Failure> {
    let units = baocao_engine::collect::units_from_bytes(&read_limited(path)?)
        .map_err(|e| Failure(format!("«{}»: {e}", path.display())))?;
    if units.is_empty() {
        return Err(Failure(format!("«{}» không có tên đơn vị nào.", path.display())));
    }
    Ok(units)
}

/// Reads a report file, the message naming it.
pub(crate) fn read_report(path: &Path) -> Result<Report, Failure> {
    let bytes = read_limited(path)?;
    load::report_from_json(&bytes).map_err(|e| Failure(format!("«{}»: {e}", path.display())))
}

/// Writes `bytes` to `output` (never over a read-only file without `--force`), or to the screen.
pub(crate) fn emit(output: Option<&Path>, bytes: &[u8], force: bool) -> Result<(), Failure> {
    match output {
        Some(path) => {
            guard::check_output(path, &[], force)?;
            write_atomic(path, bytes)?;
            println!("Đã ghi «{}».", path.display());
            Ok(())
        }
        None => std::io::stdout()
            .write_all(bytes)
            .map_err(|e| Failure(format!("Không ghi được ra màn hình: {e}."))),
    }
}

/// Writes a report file as indented JSON (temporary file, then rename).
pub(crate) fn write_report(path: &Path, report: &Report) -> Result<(), Failure> {
    let json = serde_json::to_vec_pretty(report)
        .map_err(|e| Failure(format!("Không ghi được báo cáo: {e}.")))?;
    write_atomic(path, &json)
}

/// Prints a result as indented JSON (the `--json` options).
pub(crate) fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure(format!("Không ghi được kết quả: {e}.")))?;
    println!("{text}");
    Ok(())
}

/// Writes a file through a temporary file, renamed over the target.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    Ok(fsio::write_atomic(path, bytes)?)
}
