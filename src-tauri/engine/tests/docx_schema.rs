//! Every DOCX the project writes is valid WordprocessingML as Word reads it: child order, known
//! children and attributes, markup compatibility and the package (content types,
//! relationships, no orphan parts), checked by `tests/ooxml` against ECMA-376. The same checker
//! passes the real Word documents in `shared/reference/real-docs` (the control) and reports
//! each of a few hand-broken documents (it can fail).
//!
//! `BAOCAO_SCHEMA_KEEP=dir` writes every checked DOCX there, for another validator to look at.

// Test data is built here: an unwrap failing is a defect of the test itself.
#![allow(clippy::unwrap_used)]

mod common;
mod ooxml;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use baocao_engine::{corpus, import, profile_for, render_docx_unchecked, sample, templates};
use baocao_engine::{RenderEnv, Report};
use chrono::{NaiveDate, TimeZone, Utc};
use common::named;
use ooxml::{check, check_docx, check_part, tally, Kind, Violation};

fn env() -> RenderEnv {
    RenderEnv { now: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap() }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()
}

fn render(r: &Report) -> Vec<u8> {
    render_docx_unchecked(r, &profile_for(r).unwrap(), env()).unwrap()
}

/// The real Word documents (never copied into the project: read in place).
fn real_docs() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/reference/real-docs"))
}

/// The `.docx` files of the real documents, by name; fails if the folder is missing.
fn real_docx_files() -> Vec<(String, Vec<u8>)> {
    let dir = real_docs();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "the real Word documents are missing: {} ({e}); they come with the shared folder \
             beside the repository (shared/reference/real-docs)",
            dir.display()
        )
    });
    let mut out: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .map(|p| {
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 10, "only {} .docx files in {}", out.len(), dir.display());
    out
}

/// Writes the file for a person or another validator when `BAOCAO_SCHEMA_KEEP` is set.
fn keep(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("BAOCAO_SCHEMA_KEEP") {
        std::fs::create_dir_all(&dir).unwrap();
        let file: String =
            name.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect();
        std::fs::write(PathBuf::from(dir).join(format!("{file}.docx")), bytes).unwrap();
    }
}

/// Checks every document, prints a line per document and the total by kind, and fails showing
/// the first violations if there is any.
fn assert_valid(docs: &[(String, Vec<u8>)]) {
    let mut all: Vec<(String, Violation)> = Vec::new();
    for (name, bytes) in docs {
        keep(name, bytes);
        let c = check(bytes);
        eprintln!(
            "{name:<40} {:>2} parts {:>7} elements checked {:>6} violations {:?}",
            c.parts,
            c.elements,
            c.violations.len(),
            tally(&c.violations)
        );
        assert!(c.elements > 20, "{name}: only {} elements checked", c.elements);
        all.extend(c.violations.into_iter().map(|v| (name.clone(), v)));
    }
    let kinds = tally(&all.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>());
    eprintln!("{} documents, {} violations {kinds:?}", docs.len(), all.len());
    if !all.is_empty() {
        // One example of each distinct message, so a kind of defect shows once.
        let mut seen = BTreeMap::new();
        for (name, v) in &all {
            seen.entry((v.kind, v.part.clone(), v.message.clone())).or_insert((name, v));
        }
        let shown: Vec<String> =
            seen.values().take(40).map(|(name, v)| format!("  {name}: {v}")).collect();
        panic!("{} violations {kinds:?}:\n{}", all.len(), shown.join("\n"));
    }
}

/// Every report the project renders in its tests: the sample in each built-in profile, generated
/// reports, the fidelity corpus, every built-in template, the State fixture.
fn our_reports() -> Vec<(String, Report)> {
    let mut out = vec![];
    for profile in ["hd36", "hd05", "nd30"] {
        let mut r = sample::sample();
        r.header.profile = profile.into();
        out.push((format!("mẫu {profile}"), r));
    }
    for pages in [8, 30] {
        out.push((format!("sinh {pages} trang"), sample::generated(pages)));
    }
    out.extend(corpus::corpus());
    out.push(("dài 40 trang".into(), corpus::long_report(40)));
    for t in templates::builtin() {
        let r = templates::instantiate(&t, &named(&t), today()).unwrap();
        out.push((format!("mẫu {}", t.id), r));
    }
    let fixture =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/ubnd-ket-qua-03-nam.json");
    let json = std::fs::read(fixture).unwrap();
    out.push(("UBND".into(), baocao_engine::load::report_from_json(&json).unwrap()));
    out
}

#[test]
fn every_docx_we_write_is_valid() {
    let docs: Vec<(String, Vec<u8>)> =
        our_reports().iter().map(|(name, r)| (name.clone(), render(r))).collect();
    assert!(docs.len() >= 20, "{} documents", docs.len());
    assert_valid(&docs);
}

/// The real documents imported and written again by us.
#[test]
fn imported_real_documents_are_written_valid() {
    let mut docs = Vec::new();
    for (name, bytes) in real_docx_files() {
        match import::import_docx(&bytes, today()) {
            Ok(imp) => docs.push((format!("nhập {name}"), render(&imp.report))),
            Err(e) => eprintln!("{name}: not imported, so not rendered: {e}"),
        }
    }
    assert!(docs.len() >= 10, "only {} real documents imported", docs.len());
    assert_valid(&docs);
}

/// The control: Word's own files pass. (The .doc files are binary Word 97-2003, not OOXML.)
#[test]
fn real_word_documents_pass() {
    let docs = real_docx_files();
    assert_valid(&docs);
    // The check bites on Word's files too: the first run properties that begin with the fonts,
    // with the fonts moved last, are out of order.
    let (name, bytes) = &docs[0];
    let moved = with_part(bytes, "word/document.xml", |xml| {
        let re = regex::Regex::new(r"<w:rPr>(<w:rFonts[^>]*/>)((?:<w:[^>]*/>)+)</w:rPr>").unwrap();
        assert!(re.is_match(&xml), "{name}: no run properties starting with fonts");
        re.replacen(&xml, 1, "<w:rPr>$2$1</w:rPr>").into_owned()
    });
    let v = check_docx(&moved);
    assert!(
        v.len() == 1 && v[0].kind == Kind::Order && v[0].message.contains("w:rFonts"),
        "{name} with fonts moved: {v:#?}"
    );
}

/// The package with one part rewritten.
fn with_part(docx: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == part {
            data = edit(String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

// ------------------------------------------------------------------- the checker can fail

const DOC_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14"><w:body>"#;

const GOOD_BODY: &str = r#"<w:p w14:paraId="10000001"><w:pPr><w:pStyle w:val="Normal"/><w:spacing w:after="0"/><w:jc w:val="both"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:b/><w:i/><w:sz w:val="28"/><w14:ligatures w14:val="0"/></w:rPr><w:t>Chữ</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblW w:w="5000" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="5000"/></w:tblGrid><w:tr><w:trPr/><w:tc><w:tcPr><w:tcW w:w="5000" w:type="dxa"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl><w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr>"#;

const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>2</w:t></w:r></w:p></w:hdr>"#;

const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;

const FOOTNOTES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#;

/// A small package: the parts, with `edit` applied to each (name, text).
fn package(edit: impl Fn(&str, String) -> Option<String>) -> Vec<u8> {
    let parts = [
        ("[Content_Types].xml", TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/document.xml", format!("{DOC_START}{GOOD_BODY}</w:body></w:document>")),
        ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
        ("word/header1.xml", HEADER.to_string()),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        if let Some(text) = edit(name, text) {
            z.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
    }
    if let Some(extra) = edit("word/footnotes.xml", String::new()) {
        z.start_file("word/footnotes.xml", zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(extra.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The package with `from` replaced by `to` in one part.
fn broken(part: &'static str, from: &'static str, to: &'static str) -> Vec<u8> {
    package(move |name, text| {
        if name == "word/footnotes.xml" {
            return None;
        }
        if name == part {
            assert!(text.contains(from), "{from} not in {part}");
            return Some(text.replace(from, to));
        }
        Some(text)
    })
}

/// The header part left without a content type: no Override names it, no Default covers .xml.
fn without_content_type() -> Vec<u8> {
    package(|name, text| match name {
        "word/footnotes.xml" => None,
        "[Content_Types].xml" => {
            let header = r#"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#;
            let xml = r#"<Default Extension="xml" ContentType="application/xml"/>"#;
            assert!(text.contains(header) && text.contains(xml));
            Some(text.replace(header, "").replace(xml, ""))
        }
        _ => Some(text),
    })
}

fn kinds(bytes: &[u8]) -> Vec<Kind> {
    let v = check_docx(bytes);
    for x in &v {
        eprintln!("  {x}");
    }
    let mut k: Vec<Kind> = v.iter().map(|v| v.kind).collect();
    k.dedup();
    k
}

#[test]
fn the_checker_reports_each_broken_document() {
    let good = package(|name, text| (name != "word/footnotes.xml").then_some(text));
    assert_eq!(kinds(&good), vec![], "the unbroken package is valid");
    let cases: Vec<(&str, Vec<u8>, Kind)> = [broken_order_cases(), broken_other_cases()].concat();
    for (what, bytes, want) in cases {
        eprintln!("{what}:");
        let got = kinds(&bytes);
        assert!(got.contains(&want), "{what}: expected {want:?}, got {got:?}");
    }
    // An orphan part: footnotes.xml in the package, with its content type, reached by nothing.
    let orphan = package(|name, text| {
        Some(if name == "word/footnotes.xml" { FOOTNOTES.to_string() } else { text })
    });
    eprintln!("orphan footnotes:");
    assert_eq!(kinds(&orphan), vec![Kind::Orphan]);
    assert_eq!(kinds(b"not a zip"), vec![Kind::Malformed]);
}

/// The broken documents whose elements are out of order, each with the kind it must report.
fn broken_order_cases() -> Vec<(&'static str, Vec<u8>, Kind)> {
    vec![
        (
            "rPr before pStyle",
            broken(
                "word/document.xml",
                r#"<w:pStyle w:val="Normal"/>"#,
                r#"<w:rPr/><w:pStyle w:val="Normal"/>"#,
            ),
            Kind::Order,
        ),
        (
            "jc before spacing",
            broken(
                "word/document.xml",
                r#"<w:spacing w:after="0"/><w:jc w:val="both"/>"#,
                r#"<w:jc w:val="both"/><w:spacing w:after="0"/>"#,
            ),
            Kind::Order,
        ),
        (
            "b after sz",
            broken(
                "word/document.xml",
                r#"<w:b/><w:i/><w:sz w:val="28"/>"#,
                r#"<w:i/><w:sz w:val="28"/><w:b/>"#,
            ),
            Kind::Order,
        ),
        (
            "fonts after sz",
            broken(
                "word/document.xml",
                r#"<w:rFonts w:ascii="Times New Roman"/><w:b/><w:i/><w:sz w:val="28"/>"#,
                r#"<w:b/><w:i/><w:sz w:val="28"/><w:rFonts w:ascii="Times New Roman"/>"#,
            ),
            Kind::Order,
        ),
        (
            "headerReference after pgSz",
            broken(
                "word/document.xml",
                r#"<w:headerReference w:type="default" r:id="rId2"/><w:pgSz w:w="11906" w:h="16838"/>"#,
                r#"<w:pgSz w:w="11906" w:h="16838"/><w:headerReference w:type="default" r:id="rId2"/>"#,
            ),
            Kind::Order,
        ),
        (
            "tblLayout after tblCellMar",
            broken(
                "word/document.xml",
                r#"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/></w:tblCellMar>"#,
                r#"<w:tblCellMar><w:left w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLayout w:type="fixed"/>"#,
            ),
            Kind::Order,
        ),
    ]
}

/// The other broken documents (attributes, repetition, missing children, compatibility,
/// relationships, content types, roots, well-formedness), each with the kind it must report.
fn broken_other_cases() -> Vec<(&'static str, Vec<u8>, Kind)> {
    vec![
        (
            "gridCol w:type",
            broken(
                "word/document.xml",
                r#"<w:gridCol w:w="5000"/>"#,
                r#"<w:gridCol w:w="5000" w:type="dxa"/>"#,
            ),
            Kind::UnknownAttribute,
        ),
        (
            "two jc",
            broken(
                "word/document.xml",
                r#"<w:jc w:val="both"/>"#,
                r#"<w:jc w:val="both"/><w:jc w:val="left"/>"#,
            ),
            Kind::Repeated,
        ),
        (
            "unknown child",
            broken(
                "word/document.xml",
                r#"<w:jc w:val="both"/>"#,
                r#"<w:jc w:val="both"/><w:justify/>"#,
            ),
            Kind::UnknownChild,
        ),
        (
            "table without grid",
            broken("word/document.xml", r#"<w:tblGrid><w:gridCol w:w="5000"/></w:tblGrid>"#, ""),
            Kind::Missing,
        ),
        (
            "cell without paragraph",
            broken("word/document.xml", r#"</w:tcPr><w:p/>"#, "</w:tcPr>"),
            Kind::Missing,
        ),
        (
            "w14 not ignorable",
            broken("word/document.xml", r#" mc:Ignorable="w14""#, ""),
            Kind::Compatibility,
        ),
        (
            "ignorable order error inside a fallback",
            broken(
                "word/document.xml",
                "<w:t>Chữ</w:t></w:r>",
                r#"<w:t>Chữ</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>x</w:t></mc:Choice><mc:Fallback><w:t>x</w:t><w:rPr/></mc:Fallback></mc:AlternateContent></w:r>"#,
            ),
            Kind::Order,
        ),
        (
            "header rel id missing",
            broken("word/document.xml", r#"r:id="rId2""#, r#"r:id="rId9""#),
            Kind::MissingRelationship,
        ),
        (
            "missing rel target",
            broken(
                "word/_rels/document.xml.rels",
                r#"Target="header1.xml""#,
                r#"Target="header9.xml""#,
            ),
            Kind::MissingTarget,
        ),
        ("part without content type", without_content_type(), Kind::ContentType),
        ("wrong root", broken("word/header1.xml", "w:hdr", "w:ftr"), Kind::Root),
        ("not well-formed", broken("word/header1.xml", "</w:hdr>", "</w:ftr>"), Kind::Malformed),
    ]
}

#[test]
fn markup_compatibility_is_processed() {
    let doc = |body: &str, ignorable: &str| {
        format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" {ignorable}><w:body>{body}</w:body></w:document>"#
        )
    };
    let ign = r#"mc:Ignorable="w14""#;
    // An ignorable element inside w:rPr is dropped before the order check.
    assert_eq!(
        check_part(&doc(
            r#"<w:p><w:r><w:rPr><w:b/><w14:glow/><w:sz w:val="2"/></w:rPr></w:r></w:p>"#,
            ign
        )),
        vec![]
    );
    // Not ignorable, it is an error (and unknown to the order check it changes nothing else).
    let v = check_part(&doc(r#"<w:p><w:r><w:rPr><w:b/><w14:glow/></w:rPr></w:r></w:p>"#, ""));
    assert_eq!(v.iter().map(|v| v.kind).collect::<Vec<_>>(), vec![Kind::Compatibility], "{v:?}");
    // mc:AlternateContent: the Choice needing wps is skipped, the Fallback is checked in place.
    let alt = r#"<w:p><w:r><w:rPr><w:b/></w:rPr><mc:AlternateContent><mc:Choice Requires="wps"><w:rPr/></mc:Choice><mc:Fallback><w:t>x</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
    assert_eq!(check_part(&doc(alt, ign)), vec![]);
    let bad = alt.replace("<w:t>x</w:t>", "<w:rPr/>");
    let v = check_part(&doc(&bad, ign));
    assert_eq!(v.iter().map(|v| v.kind).collect::<Vec<_>>(), vec![Kind::Repeated], "{v:?}");
    // A Choice whose namespace is understood (w) is the one taken.
    let taken = r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="w"><w:t>x</w:t><w:rPr/></mc:Choice><mc:Fallback><w:t>x</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
    let v = check_part(&doc(taken, ign));
    assert_eq!(v.iter().map(|v| v.kind).collect::<Vec<_>>(), vec![Kind::Order], "{v:?}");
}
