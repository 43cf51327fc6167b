//! Format profiles: the one a report is drawn under (`--profile`), and a built-in one written out.

use std::path::{Path, PathBuf};

use baocao_engine::{profile_for, FormatProfile, Report};

use crate::report_io::{emit, read_limited};
use crate::Failure;

/// The profile `--profile` names (a built-in id or a .toml file), else the report's own.
pub(crate) fn choose_profile(report: &Report, arg: Option<&str>) -> Result<FormatProfile, Failure> {
    match arg {
        None => Ok(profile_for(report)?),
        Some(id) if FormatProfile::builtin_ids().contains(&id) => Ok(FormatProfile::builtin(id)?),
        Some(id) if id == baocao_engine::profile::PARTY_AUTO => {
            Ok(FormatProfile::builtin(&baocao_engine::profile::resolve_id(id, report.header.date))?)
        }
        Some(path) => {
            let p = Path::new(path);
            if !p.exists() {
                return Err(Failure(format!(
                    "Không có định dạng có sẵn «{path}» và cũng không tìm thấy tệp «{path}»; \
                     định dạng có sẵn: hd36, hd05, nd30."
                )));
            }
            let bytes = read_limited(p)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Failure(format!("Tệp định dạng «{path}» không phải văn bản UTF-8."))
            })?;
            Ok(FormatProfile::from_toml(&text)?)
        }
    }
}

/// Writes a built-in format profile as TOML.
pub(crate) fn cmd_profile(id: &str, output: Option<PathBuf>, force: bool) -> Result<(), Failure> {
    let src = match id {
        "hd36" => baocao_engine::profile::HD36_TOML,
        "hd05" => baocao_engine::profile::HD05_TOML,
        "nd30" => baocao_engine::profile::ND30_TOML,
        other => {
            return Err(Failure(format!(
                "Không có định dạng «{other}»; các định dạng có sẵn: hd36, hd05, nd30."
            )))
        }
    };
    emit(output.as_deref(), src.as_bytes(), force)
}
