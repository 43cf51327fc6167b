//! The units' forms written into one folder, by the one rule of the app and the command: a form
//! for each unit of the list and a blank one (for a unit not on the list); the folder is made if
//! missing; nothing is written when one of the files may not be (see [`super::guard`]).

use std::path::{Path, PathBuf};

use super::guard::{self, Refusal};
use crate::collect::form;
use crate::model::{Report, Unit};
use crate::{fsio, EngineError};

/// What writing the forms did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The forms were written.
    Written {
        /// The units' forms written (the blank one besides).
        units: usize,
        /// The files written, the units' in the list's order, then the blank form.
        files: Vec<PathBuf>,
    },
    /// Nothing was written: one of the files names an input, or is read-only and not agreed.
    Refused(Refusal),
}

/// Writes a form for each of `units` and a blank one into `folder` (made if missing). `inputs`
/// are never written over; existing read-only forms are replaced only with `replace_read_only`.
pub fn write_all(
    report: &Report,
    units: &[Unit],
    folder: &Path,
    inputs: &[&Path],
    replace_read_only: bool,
) -> Result<Outcome, EngineError> {
    let names: Vec<Option<&str>> =
        units.iter().map(|u| Some(u.name.as_str())).chain([None]).collect();
    let files: Vec<PathBuf> = names.iter().map(|n| folder.join(form::file_name(*n))).collect();
    if let Some(refused) = files.iter().find_map(|f| guard::refusal(f, inputs, replace_read_only)) {
        return Ok(Outcome::Refused(refused));
    }
    fsio::create_dir(folder, true)?;
    for (name, file) in names.iter().zip(&files) {
        fsio::write_atomic(file, &form::write_form(report, *name)?)?;
    }
    Ok(Outcome::Written { units: units.len(), files })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str) -> Unit {
        Unit { name: name.to_string(), kind: None, contact: None }
    }

    #[test]
    fn every_unit_gets_a_form_and_one_blank_form_is_added() {
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = dir.path().join("bieu-mau/dot-1");
        let report = crate::sample::sample();
        let units = [unit("Đảng ủy xã Hòa Lợi"), unit("Chi bộ A/B")];
        let out = write_all(&report, &units, &folder, &[], false).expect("forms");
        let Outcome::Written { units: n, files } = out else { panic!("{out:?}") };
        assert_eq!(n, 2);
        let names: Vec<_> =
            files.iter().map(|f| f.file_name().expect("name").to_string_lossy()).collect();
        assert_eq!(
            names,
            [
                "Biểu mẫu - Đảng ủy xã Hòa Lợi.xlsx",
                "Biểu mẫu - Chi bộ A_B.xlsx",
                "Biểu mẫu trống.xlsx"
            ]
        );
        let mut listed: Vec<_> = std::fs::read_dir(&folder)
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        listed.sort();
        assert_eq!(listed.len(), 3, "no temporary file left: {listed:?}");
        assert!(files.iter().all(|f| std::fs::read(f).expect("form").starts_with(b"PK")));
        // No unit: the blank form alone.
        let out = write_all(&report, &[], &folder, &[], false).expect("forms");
        assert!(matches!(out, Outcome::Written { units: 0, ref files } if files.len() == 1));
    }

    #[test]
    fn a_read_only_form_stops_all_unless_agreed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let report = crate::sample::sample();
        let kept = dir.path().join("Biểu mẫu trống.xlsx");
        std::fs::write(&kept, b"cu").expect("write");
        let mut perm = std::fs::metadata(&kept).expect("metadata").permissions();
        perm.set_readonly(true);
        std::fs::set_permissions(&kept, perm).expect("chmod");
        let units = [unit("Xã A")];
        let out = write_all(&report, &units, dir.path(), &[], false).expect("forms");
        assert_eq!(out, Outcome::Refused(Refusal::ReadOnly { path: kept.clone() }));
        assert!(!dir.path().join("Biểu mẫu - Xã A.xlsx").exists(), "nothing written");
        let out = write_all(&report, &units, dir.path(), &[], true).expect("forms");
        assert!(matches!(out, Outcome::Written { units: 1, .. }));
        assert!(std::fs::read(&kept).expect("read").starts_with(b"PK"));
    }
}
