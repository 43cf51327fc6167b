//! A report exported to a Word or PDF file, by the one rule of the app and the command: the file
//! gets the format's extension; it is never one of the inputs (the report's own file); an existing
//! read-only file is replaced only when the user agreed; blocking diagnostics stop the export
//! unless the user chose to go on; the file is written through a temporary file, then renamed.

use std::path::{Path, PathBuf};

use super::guard::{self, Refusal};
use crate::{fsio, Diagnostic, EngineError, FormatProfile, RenderEnv, Report};

/// The formats a report is exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Word (.docx).
    Docx,
    /// PDF (.pdf).
    Pdf,
}

impl Format {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// What to export where, and what the user agreed to.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The report.
    pub report: &'a Report,
    /// The format profile it is drawn under.
    pub profile: &'a FormatProfile,
    /// Word or PDF.
    pub format: Format,
    /// The path the user chose (the format's extension is put on it).
    pub path: &'a Path,
    /// The files the report was read from (its own file, a profile file): never written over.
    pub inputs: &'a [&'a Path],
    /// Whether replacing an existing read-only file was agreed.
    pub replace_read_only: bool,
    /// Whether to export despite blocking diagnostics (the user was told of them).
    pub go_on_blocked: bool,
    /// The clock ([`super::clock::render_env`]).
    pub env: RenderEnv,
}

/// What an export did.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The file was written.
    Written {
        /// Where.
        path: PathBuf,
        /// Its size in kilobytes (rounded up).
        kb: u64,
        /// The checks' and the layout's warnings.
        warnings: Vec<Diagnostic>,
        /// The blocking diagnostics the user chose to go past (empty unless `go_on_blocked`).
        passed: Vec<Diagnostic>,
    },
    /// Nothing was written: the path names an input, or a read-only file not agreed to replace.
    Refused(Refusal),
    /// Nothing was written: the report has these blocking diagnostics.
    Blocked(Vec<Diagnostic>),
}

/// The path a document is written to: `path` with the format's extension (any case kept when it
/// is already the format's, else put on in place of another one).
pub fn output_path(path: &Path, format: Format) -> PathBuf {
    let ext = format.extension();
    let mut p = path.to_path_buf();
    if p.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() != Some(ext) {
        p.set_extension(ext);
    }
    p
}

/// Exports the report (see the module's rule). The inputs are compared with both the path chosen
/// and the path written, so that pointing at the report's own file is refused even when the
/// extension would have changed.
pub fn export(req: &Request) -> Result<Outcome, EngineError> {
    let path = output_path(req.path, req.format);
    if let Some(Refusal::OwnFile { input, .. }) = guard::refusal(req.path, req.inputs, true) {
        return Ok(Outcome::Refused(Refusal::OwnFile { path: req.path.to_path_buf(), input }));
    }
    if let Some(refused) = guard::refusal(&path, req.inputs, req.replace_read_only) {
        return Ok(Outcome::Refused(refused));
    }
    let (report, profile, env) = (req.report, req.profile, req.env);
    let checked = match req.format {
        Format::Docx => crate::render_docx(report, profile, env),
        Format::Pdf => crate::render_pdf(report, profile, env),
    };
    let (bytes, warnings, passed) = match checked {
        Ok(r) => (r.bytes, r.warnings, Vec::new()),
        Err(EngineError::Invalid(blockers)) if !req.go_on_blocked => {
            return Ok(Outcome::Blocked(blockers))
        }
        Err(EngineError::Invalid(blockers)) => {
            let bytes = match req.format {
                Format::Docx => crate::render_docx_unchecked(report, profile, env)?,
                Format::Pdf => crate::render_pdf_unchecked(report, profile, env)?,
            };
            (bytes, Vec::new(), blockers)
        }
        Err(e) => return Err(e),
    };
    fsio::write_atomic(&path, &bytes)?;
    let kb = (bytes.len() as u64).div_ceil(1024);
    Ok(Outcome::Written { path, kb, warnings, passed })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files in a folder, sorted (to see that no temporary file is left).
    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn export_sample(path: &Path, format: Format, inputs: &[&Path], agreed: bool) -> Outcome {
        let report = crate::sample::sample();
        let profile = crate::profile_for(&report).expect("profile");
        let env = super::super::clock::render_env();
        let req = Request {
            report: &report,
            profile: &profile,
            format,
            path,
            inputs,
            replace_read_only: agreed,
            go_on_blocked: false,
            env,
        };
        export(&req).expect("export")
    }

    #[test]
    fn the_format_s_extension_is_put_on_the_path() {
        let p = |s: &str, f| output_path(Path::new(s), f).display().to_string();
        assert_eq!(p("bao-cao", Format::Docx), "bao-cao.docx");
        assert_eq!(p("bao-cao.DOCX", Format::Docx), "bao-cao.DOCX");
        assert_eq!(p("bao-cao.docx", Format::Pdf), "bao-cao.pdf");
        assert_eq!(p("bao-cao.baocao", Format::Pdf), "bao-cao.pdf");
    }

    #[test]
    fn a_written_export_leaves_only_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, format, magic) in
            [("bc.docx", Format::Docx, &b"PK"[..]), ("bc", Format::Pdf, &b"%PDF"[..])]
        {
            match export_sample(&dir.path().join(name), format, &[], false) {
                Outcome::Written { path, kb, .. } => {
                    let bytes = std::fs::read(&path).expect("written");
                    assert!(bytes.starts_with(magic), "{}", path.display());
                    assert_eq!(kb, (bytes.len() as u64).div_ceil(1024));
                }
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(listing(dir.path()), ["bc.docx", "bc.pdf"], "no temporary file left");
    }

    #[test]
    fn the_reports_own_file_is_refused_also_through_a_link_or_another_extension() {
        let dir = tempfile::tempdir().expect("tempdir");
        let own = dir.path().join("bao-cao.baocao");
        std::fs::write(&own, b"{}").expect("write");
        let link = dir.path().join("lien-ket.docx");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&own, &link).expect("symlink");
        #[cfg(windows)]
        std::os::windows::fs::symlink_file(&own, &link).expect("symlink");
        // The link as a PDF would become lien-ket.pdf: pointing at the report is refused all the same.
        for (path, format) in [(&own, Format::Docx), (&link, Format::Docx), (&link, Format::Pdf)] {
            match export_sample(path, format, &[&own], true) {
                Outcome::Refused(Refusal::OwnFile { path: p, input }) => {
                    assert_eq!((&p, &input), (path, &own));
                }
                other => panic!("{}: {other:?}", path.display()),
            }
        }
        assert_eq!(std::fs::read(&own).expect("read"), b"{}");
        assert_eq!(listing(dir.path()), ["bao-cao.baocao", "lien-ket.docx"]);
    }

    #[test]
    fn a_read_only_file_is_replaced_only_when_agreed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let kept = dir.path().join("da-ky.pdf");
        std::fs::write(&kept, b"cu").expect("write");
        let mut perm = std::fs::metadata(&kept).expect("metadata").permissions();
        perm.set_readonly(true);
        std::fs::set_permissions(&kept, perm).expect("chmod");
        match export_sample(&kept, Format::Pdf, &[], false) {
            Outcome::Refused(Refusal::ReadOnly { path }) => assert_eq!(path, kept),
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read(&kept).expect("read"), b"cu");
        assert!(matches!(export_sample(&kept, Format::Pdf, &[], true), Outcome::Written { .. }));
        assert!(std::fs::read(&kept).expect("read").starts_with(b"%PDF"));
        assert_eq!(listing(dir.path()), ["da-ky.pdf"]);
    }

    #[test]
    fn blocking_diagnostics_stop_the_export_unless_the_user_goes_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        // A hand-typed ordinal that skips a number: a blocking finding of the checks.
        let mut value = serde_json::to_value(crate::sample::sample()).expect("json");
        value["body"]["opening"][0]["text"] =
            "Một là, học tập. Hai là, làm theo. Bốn là, nêu gương.".into();
        let report: Report = serde_json::from_value(value).expect("report");
        let profile = crate::profile_for(&report).expect("profile");
        let path = dir.path().join("thieu-ten.docx");
        let mut req = Request {
            report: &report,
            profile: &profile,
            format: Format::Docx,
            path: &path,
            inputs: &[],
            replace_read_only: false,
            go_on_blocked: false,
            env: super::super::clock::render_env(),
        };
        match export(&req).expect("export") {
            Outcome::Blocked(found) => {
                assert!(!found.is_empty() && found.iter().all(Diagnostic::is_blocking))
            }
            other => panic!("{other:?}"),
        }
        assert!(listing(dir.path()).is_empty(), "nothing written");
        req.go_on_blocked = true;
        match export(&req).expect("export") {
            Outcome::Written { passed, .. } => assert!(!passed.is_empty()),
            other => panic!("{other:?}"),
        }
        assert_eq!(listing(dir.path()), ["thieu-ten.docx"]);
    }
}
