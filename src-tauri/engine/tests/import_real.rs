//! The real Word documents of an office (`shared/reference/real-docs`, read in place, never
//! copied): every one imports, and every imported report exports (issue 27). What the file did
//! not have, or what the recognition did not find, is left as a blank «…» named by a warning
//! (`nhap-de-trong`), as a template leaves its blanks; the checks then list each blank.

mod common;

use std::path::PathBuf;

use baocao_engine::diagnostic::codes;
use baocao_engine::{checks, import, profile_for, render_docx, render_pdf};
use common::env;

/// The real documents, `.docx` and `.doc`, by name; fails if the folder is missing.
fn real_docs() -> Vec<PathBuf> {
    let dir =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/reference/real-docs"));
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the real Word documents are missing: {} ({e})", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx" || x == "doc"))
        .collect();
    out.sort();
    assert!(out.len() >= 19, "only {} Word files in {}", out.len(), dir.display());
    out
}

#[test]
fn every_real_document_imports_and_exports_with_its_blanks_named() {
    let today = env().now.date_naive();
    let (mut blanks, docs) = (0, real_docs());
    for path in &docs {
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        let imported = import::import_file(path, today)
            .unwrap_or_else(|e| panic!("{name}: not imported: {e}"));
        // Their text is all Unicode, though some styles name .VnTime or VNI-Times (each run
        // overrides the style's font): nothing may be decoded as a legacy encoding.
        assert_eq!(imported.summary.converted, 0, "{name}: text decoded as legacy");
        assert!(imported.summary.converted_from.is_none(), "{name}: decoded as legacy");
        let report = &imported.report;
        let profile = profile_for(report).expect("profile");
        let blocking = checks::blocking(report, &profile);
        assert!(
            blocking.is_empty(),
            "{name}: the import made a report that cannot export: {blocking:#?}"
        );
        render_docx(report, &profile, env()).unwrap_or_else(|e| panic!("{name}: DOCX: {e}"));
        render_pdf(report, &profile, env()).unwrap_or_else(|e| panic!("{name}: PDF: {e}"));
        // Each blank the import left is named, and the checks list it until it is filled.
        let listed = checks::check(report, &profile);
        for w in imported.summary.warnings.iter().filter(|w| w.code == codes::IMPORT_BLANK) {
            assert!(w.message.contains('…') && !w.path.is_empty(), "{name}: {w:?}");
            assert!(
                listed.iter().any(|d| d.code == codes::BLANK && d.path == w.path),
                "{name}: the blank at {} is not listed by the checks",
                w.path
            );
            blanks += 1;
        }
    }
    eprintln!("{} real documents exported; {blanks} blanks left to fill", docs.len());
    assert!(blanks > 0, "no document lacked anything: the blanks were not exercised");
}
