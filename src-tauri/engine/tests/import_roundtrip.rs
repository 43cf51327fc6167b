//! Our own DOCX comes back: render → import → render gives the same document body.

// Test data is built here: an unwrap failing is a defect of the test itself.
#![allow(clippy::unwrap_used)]

use baocao_engine::{import, profile_for, render_docx_unchecked, RenderEnv};
use chrono::{NaiveDate, TimeZone, Utc};

fn env() -> RenderEnv {
    RenderEnv { now: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap() }
}

fn document_xml(docx: &[u8]) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml").unwrap().read_to_string(&mut s).unwrap();
    s
}

fn reports() -> Vec<(String, baocao_engine::Report)> {
    let mut out = vec![
        ("mẫu".to_string(), baocao_engine::sample::sample()),
        ("30 trang".to_string(), baocao_engine::sample::generated(30)),
    ];
    let fixture =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/ubnd-ket-qua-03-nam.json");
    let bytes = std::fs::read(fixture).unwrap();
    out.push(("UBND".into(), baocao_engine::load::report_from_json(&bytes).unwrap()));
    out
}

#[test]
fn our_own_docx_comes_back() {
    for (name, r) in reports() {
        round_trip(&name, &r);
    }
}

fn round_trip(name: &str, r: &baocao_engine::Report) {
    eprintln!("{name}");
    let p = profile_for(r).unwrap();
    let a = render_docx_unchecked(r, &p, env()).unwrap();
    let imp = import::import_docx(&a, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
    let b = render_docx_unchecked(&imp.report, &p, env()).unwrap();
    same_document(&document_xml(&a), &document_xml(&b));
}

/// The two bodies are the same but for column widths within one twip (widths come back from the
/// file's grid, rounded).
fn same_document(a: &str, b: &str) {
    let re = regex::Regex::new(r#"w:w="(\d+)""#).unwrap();
    let strip = |s: &str| re.replace_all(s, "w:w=\"#\"").into_owned();
    let nums =
        |s: &str| -> Vec<i64> { re.captures_iter(s).map(|c| c[1].parse().unwrap()).collect() };
    let (sa, sb) = (strip(a), strip(b));
    if sa != sb {
        let i =
            sa.bytes().zip(sb.bytes()).position(|(x, y)| x != y).unwrap_or(sa.len().min(sb.len()));
        panic!(
            "differ at {i}:\n{}\n---\n{}",
            &sa[i.saturating_sub(300)..(i + 300).min(sa.len())],
            &sb[i.saturating_sub(300)..(i + 300).min(sb.len())]
        );
    }
    for (x, y) in nums(a).iter().zip(nums(b)) {
        assert!((x - y).abs() <= 1, "width {x} came back as {y}");
    }
}
