//! The report model at the boundary: sample coverage, JSON round trip, schema freshness,
//! NFC, forbidden characters, special characters in the DOCX, Vietnamese error messages.

mod common;

use std::path::PathBuf;

use baocao_engine::load::report_from_json;
use baocao_engine::model::{walk, Block, Division, Report};
use baocao_engine::sample::{sample, SAMPLE_JSON};
use baocao_engine::{report_schema, EngineError, SCHEMA_PATH};
use common::*;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn all_blocks(r: &Report) -> Vec<&Block> {
    walk::blocks(r).map(|(_, b)| b).collect()
}

#[test]
fn sample_has_every_block_type_four_lessons_six_groups_two_annex_tables() {
    let r = sample();
    let blocks = all_blocks(&r);
    let kinds: std::collections::BTreeSet<&str> = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(_) => "paragraph",
            Block::Lines(_) => "lines",
            Block::Results(_) => "results",
            Block::Shortcomings(_) => "shortcomings",
            Block::Causes(_) => "causes",
            Block::Lessons(_) => "lessons",
            Block::SolutionGroups(_) => "solution_groups",
            Block::Proposals(_) => "proposals",
            Block::Table(_) => "table",
        })
        .collect();
    assert_eq!(kinds.len(), 9, "{kinds:?}");
    let lessons = blocks.iter().find_map(|b| match b {
        Block::Lessons(l) => Some(l.items.len()),
        _ => None,
    });
    assert!(lessons >= Some(4));
    let groups = blocks.iter().find_map(|b| match b {
        Block::SolutionGroups(g) => Some(g.groups.len()),
        _ => None,
    });
    assert_eq!(groups, Some(6));
    let annex_tables: usize = r
        .annexes
        .iter()
        .map(|a| a.blocks.iter().filter(|b| matches!(b, Block::Table(_))).count())
        .sum();
    assert!(annex_tables >= 2);
    let profile = baocao_engine::profile_for(&r).expect("profile");
    let problems = baocao_engine::checks::structure::check(&r, &profile);
    assert!(problems.is_empty(), "the sample is clean: {problems:?}");
}

#[test]
fn json_round_trip_keeps_the_report() {
    let r = sample();
    let json = serde_json::to_string_pretty(&r).expect("serialises");
    let back = report_from_json(json.as_bytes()).expect("parses");
    assert_eq!(r, back);
    assert!(SAMPLE_JSON.contains("\"schema_version\": 1"));
}

#[test]
fn committed_json_schema_is_fresh() {
    let path = repo_root().join(SCHEMA_PATH);
    let fresh = report_schema();
    if std::env::var_os("BAOCAO_UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, &fresh).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `BAOCAO_UPDATE_SCHEMA=1 cargo test -p baocao-engine --test model` and commit it",
        SCHEMA_PATH
    );
    let v: serde_json::Value = serde_json::from_str(&fresh).expect("schema is JSON");
    assert!(v["properties"]["schema_version"].is_object());
    assert!(v["required"].as_array().expect("required").iter().any(|x| x == "header"));
}

fn load_err(json: &str) -> String {
    match report_from_json(json.as_bytes()) {
        Err(EngineError::Load { message: m, .. }) => m,
        Err(e) => panic!("unexpected error kind: {e}"),
        Ok(_) => panic!("accepted bad input"),
    }
}

fn with_header_field(field: &str, value: serde_json::Value) -> String {
    let mut v: serde_json::Value = serde_json::from_str(SAMPLE_JSON).expect("sample");
    v["header"][field] = value;
    v.to_string()
}

#[test]
fn bad_input_gets_a_vietnamese_message_naming_the_field() {
    let m = load_err("đây không phải JSON");
    assert!(m.contains("không phải JSON hợp lệ"), "{m}");

    let m = load_err(&with_header_field("subjct", "x".into()));
    assert!(m.contains("header") && m.contains("trường không xác định «subjct»"), "{m}");

    let m = load_err(&with_header_field("number", "bốn lăm".into()));
    assert!(m.contains("header.number") && m.contains("sai kiểu dữ liệu"), "{m}");

    let mut v: serde_json::Value = serde_json::from_str(SAMPLE_JSON).expect("sample");
    v["header"].as_object_mut().expect("object").remove("subject");
    let m = load_err(&v.to_string());
    assert!(m.contains("«header.subject»: thiếu trường bắt buộc"), "{m}");

    let m = load_err(&with_header_field("date", "20/5/2019".into()));
    assert!(m.contains("header.date") && m.contains("ngày không hợp lệ"), "{m}");

    let m = load_err(&with_header_field("place", "Tân\u{7}Lập".into()));
    assert!(m.contains("header.place") && m.contains("U+0007"), "{m}");

    let mut v: serde_json::Value = serde_json::from_str(SAMPLE_JSON).expect("sample");
    v["schema_version"] = 99.into();
    let m = load_err(&v.to_string());
    assert!(m.contains("phiên bản mới hơn") && m.contains("99"), "{m}");

    let m = load_err("[1, 2, 3]");
    assert!(m.contains("không chứa một báo cáo"), "{m}");

    let big = vec![b' '; 11 * 1024 * 1024];
    match report_from_json(&big) {
        Err(EngineError::Load { message: m, .. }) => assert!(m.contains("quá lớn"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_missing_required_field_is_named_at_once() {
    let mut v: serde_json::Value = serde_json::from_str(SAMPLE_JSON).expect("sample");
    let header = v["header"].as_object_mut().expect("object");
    for field in ["subject", "place", "issuing_body"] {
        header.remove(field);
    }
    v["closing"].as_object_mut().expect("object").remove("signer_name");
    let m = load_err(&v.to_string());
    for path in ["header.subject", "header.place", "header.issuing_body", "closing.signer_name"] {
        assert!(m.contains(&format!("«{path}»: thiếu trường bắt buộc")), "{path} not named: {m}");
    }
    assert!(m.contains("4 lỗi"), "{m}");
}

/// The JSON path (as the message writes it) of the first block item's `text` in the sample.
fn first_item_text(v: &serde_json::Value, path: String) -> Option<String> {
    match v {
        serde_json::Value::Object(map) => {
            if map.get("type").is_some() {
                if let Some(t) = map.get("items").and_then(|i| i.get(0)).and_then(|i| i.get("text"))
                {
                    if t.is_string() {
                        return Some(format!("{path}.items[0].text"));
                    }
                }
            }
            map.iter().find_map(|(k, x)| {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                first_item_text(x, p)
            })
        }
        serde_json::Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, x)| first_item_text(x, format!("{path}[{i}]")))
        }
        _ => None,
    }
}

#[test]
fn a_type_error_inside_a_block_names_the_exact_field() {
    let mut v: serde_json::Value = serde_json::from_str(SAMPLE_JSON).expect("sample");
    // Deep inside a section's block, not in the opening.
    let body = first_item_text(&v["body"]["content"], "body.content".into()).expect("an item");
    assert!(body.contains(".sections["), "{body}");
    let pointer = format!(
        "/{}",
        body.replace("].", "/").replace('[', "/").replace(']', "").replace('.', "/")
    );
    *v.pointer_mut(&pointer).expect("pointer") = 5.into();
    let m = load_err(&v.to_string());
    assert!(m.contains(&format!("«{body}»")) && m.contains("sai kiểu dữ liệu"), "{body}: {m}");

    // An unknown field inside a part's block, and a missing one in a table.
    let mut v: serde_json::Value = serde_json::from_str(SAMPLE_JSON).expect("sample");
    let pointer2 = pointer.trim_end_matches("/items/0/text").to_string();
    v.pointer_mut(&pointer2).expect("block")["itemz"] = serde_json::json!([]);
    let m = load_err(&v.to_string());
    let block = body.trim_end_matches(".items[0].text");
    assert!(m.contains(&format!("«{block}.itemz»")) && m.contains("không xác định"), "{m}");
}

#[test]
fn validation_lists_every_problem_with_its_place() {
    let mut r = sample();
    r.header.subject = "  ".into();
    r.closing.signer_name = String::new();
    if let Division::Part(p) = &mut r.body.content[3] {
        if let Block::SolutionGroups(g) = &mut p.sections[1].blocks[0] {
            g.lead = "Tập trung các nhóm giải pháp sau:".into();
        }
    }
    let profile = baocao_engine::profile_for(&r).expect("profile");
    let problems = baocao_engine::checks::structure::check(&r, &profile);
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"header.subject"), "{paths:?}");
    assert!(paths.contains(&"closing.signer_name"));
    assert!(paths.contains(&"body.content[3].sections[1].blocks[0].lead"));
    match baocao_engine::render_docx(&r, &profile, env()) {
        Err(EngineError::Invalid(list)) => assert_eq!(list.len(), 3, "{list:?}"),
        other => panic!("rendered an invalid report: {other:?}"),
    }
}

#[test]
fn nfd_input_comes_out_nfc_and_special_characters_survive() {
    let mut v: serde_json::Value = serde_json::from_str(SAMPLE_JSON).expect("sample");
    // "Hội" in decomposed form (o + combining circumflex + combining dot below).
    v["header"]["place"] = "Ho\u{0302}\u{0323}i An".into();
    let tricky =
        "A < B & C > D, \"trích dẫn\" và ‘nháy đơn’, “ngoặc kép” — Nhân dân; ký tự đặc biệt: ½ № ₫";
    v["body"]["opening"][0]["text"] = tricky.into();
    let r = report_from_json(v.to_string().as_bytes()).expect("parses");
    assert_eq!(r.header.place, "Hội An");
    let pkg = render(&r, "hd36");
    let xml = pkg.part("word/document.xml");
    assert!(!xml.contains('\u{0302}'), "no combining marks left");
    let d = doc(xml);
    find_para(&d, "Hội An, ngày 20 tháng 5 năm 2019");
    find_para(&d, tricky);
    // The document properties escape the same characters.
    let mut r2 = r.clone();
    r2.header.issuing_body_full = "Ban <Tuyên> & \"giáo\"".into();
    let pkg = render(&r2, "hd36");
    let core = doc(pkg.part("docProps/core.xml"));
    let creator =
        core.descendants().find(|n| n.tag_name().name() == "creator").and_then(|n| n.text());
    assert_eq!(creator, Some("Ban <Tuyên> & \"giáo\""));
}

#[test]
fn unassigned_number_leaves_room_for_the_clerk() {
    let mut r = sample();
    r.header.number = None;
    let pkg = render(&r, "hd36");
    let d = doc(pkg.part("word/document.xml"));
    find_para(&d, "Số       -BC/BTGHU");
}

#[test]
fn party_profile_refuses_state_only_authority() {
    let mut r = sample();
    r.closing.authority = Some(baocao_engine::model::Authority {
        kind: baocao_engine::model::AuthorityKind::Tuq,
        of: "Chủ tịch".into(),
    });
    let profile = baocao_engine::profile_for(&r).expect("profile");
    let problems = baocao_engine::checks::structure::check(&r, &profile);
    assert!(
        problems.iter().any(|p| p.path == "closing.authority.kind" && p.message.contains("TUQ")),
        "{problems:?}"
    );
}
