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

/// A letter (công văn) imports as one: no type name, its number without a type code, its
/// «V/v …» subject and its «Kính gửi» addressees; it is written back so in DOCX and PDF, under
/// each profile that lays letters out (a letter in a State profile: NĐ 30).
#[test]
fn a_letter_imports_and_is_written_back_as_a_letter() {
    let path = real_docs().into_iter().find(|p| p.ends_with("state-congvan-01.docx")).expect("doc");
    let report = import::import_file(&path, env().now.date_naive()).expect("import").report;
    let h = &report.header;
    assert!(h.is_letter(), "type name {:?}", h.doc_type);
    assert_eq!((h.type_code.as_str(), h.issuer_code.as_str()), ("", "UBND-NC"));
    assert!(h.subject.starts_with("tập trung thực hiện các giải pháp"), "{:?}", h.subject);
    assert_eq!(h.addressees.len(), 3, "{:?}", h.addressees);
    let profile = profile_for(&report).expect("profile");
    // Its subject is measured against the header's left column, where it is printed.
    let left = profile.page.content_width_mm() * profile.header.left_width_percent / 100.0;
    let width = checks::check(&report, &profile)
        .into_iter()
        .find(|d| d.path == "header.subject" && d.message.contains("vượt bề rộng"))
        .expect("the long subject is measured");
    assert!(width.message.contains(&format!("vượt bề rộng {left:.0} mm")), "{}", width.message);
    let pkg = common::unzip(&render_docx(&report, &profile, env()).expect("docx").bytes);
    let xml = common::doc(pkg.part("word/document.xml"));
    let first_table = common::descendants(xml.root(), "tbl").next().expect("header table");
    let header_text: Vec<String> =
        common::descendants(first_table, "p").map(common::para_text).collect();
    assert!(
        header_text.iter().any(|t| t.ends_with("/UBND-NC") && t.starts_with("Số:")),
        "{header_text:?}"
    );
    assert!(
        header_text.iter().any(|t| t.starts_with("V/v tập trung thực hiện")),
        "the subject is not under the number: {header_text:?}"
    );
    // No type-name line, and the subject is not printed again under the header.
    let body: Vec<String> = common::paragraphs(&xml).into_iter().map(|(_, t)| t).collect();
    assert_eq!(body.iter().filter(|t| t.contains("tập trung thực hiện các giải pháp")).count(), 1);
    assert!(body.iter().any(|t| t.starts_with("Kính gửi")), "no addressees: {body:?}");
    let pdf = render_pdf(&report, &profile, env()).expect("pdf");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("letter.pdf");
    std::fs::write(&file, pdf.bytes).expect("write");
    let out =
        std::process::Command::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("V/v tập trung thực hiện") && text.contains("/UBND-NC"), "{text}");
}
