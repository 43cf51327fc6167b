//! Output that used to be wrong without a warning (issue 8, §4): year references in capitalised
//! titles, wide statistics tables, characters the font lacks, legacy-encoded Vietnamese text.

mod common;

use std::path::Path;
use std::process::Command;

use baocao_engine::model::{walk, Block, Division};
use baocao_engine::sample::sample;
use baocao_engine::units::{mm_to_twips, pt_to_half_points};
use baocao_engine::{render_docx, render_pdf, FormatProfile, Report};
use common::{env, unzip};

fn pdftotext(report: &Report, profile: &str, args: &[&str]) -> String {
    let profile = FormatProfile::builtin(profile).expect("profile");
    let out = render_pdf(report, &profile, env()).expect("renders");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bc.pdf");
    std::fs::write(&path, out.bytes).expect("write");
    let mut cmd = Command::new("pdftotext");
    cmd.args(args).arg(&path).arg("-");
    let o = cmd.output().expect("pdftotext is needed (scripts/setup.sh installs poppler-utils)");
    assert!(o.status.success());
    String::from_utf8(o.stdout).expect("utf-8")
}

/// The text of the DOCX body (all `w:t`), paragraphs on separate lines.
fn docx_text(report: &Report, profile: &str) -> String {
    let profile = FormatProfile::builtin(profile).expect("profile");
    let out = render_docx(report, &profile, env()).expect("renders");
    let pkg = unzip(&out.bytes);
    let xml = pkg.part("word/document.xml");
    let doc = common::doc(xml);
    common::descendants(doc.root(), "p")
        .map(|p| common::descendants(p, "t").filter_map(|t| t.text()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn first_part(r: &mut Report) -> &mut baocao_engine::model::Part {
    r.body
        .content
        .iter_mut()
        .find_map(|d| match d {
            Division::Part(p) => Some(p),
            Division::Phan(ph) => ph.parts.first_mut(),
        })
        .expect("a part")
}

#[test]
fn year_references_in_capitalised_titles_are_filled() {
    let mut r = sample();
    first_part(&mut r).title = "Nhiệm vụ trọng tâm năm [năm sau]".into();
    r.annexes[0].title = "Số liệu năm [năm] và năm [năm trước]".into();
    let next = (chrono::Datelike::year(&r.header.date) + 1).to_string();
    let this = chrono::Datelike::year(&r.header.date).to_string();
    let before = (chrono::Datelike::year(&r.header.date) - 1).to_string();
    for profile in ["hd36", "nd30"] {
        let docx = docx_text(&r, profile).to_uppercase();
        let pdf = pdftotext(&r, profile, &[]).to_uppercase();
        for (what, text) in [("DOCX", &docx), ("PDF", &pdf)] {
            assert!(!text.contains("[NĂM"), "{what} {profile}: reference left unfilled");
            assert!(text.contains(&format!("NHIỆM VỤ TRỌNG TÂM NĂM {next}")), "{what} {profile}");
            assert!(text.contains(&format!("NĂM {this} VÀ NĂM {before}")), "{what} {profile}");
        }
    }
}

fn warnings(report: &Report, profile: &str) -> Vec<baocao_engine::Diagnostic> {
    let profile = FormatProfile::builtin(profile).expect("profile");
    let out = render_docx(report, &profile, env()).expect("renders");
    let mut w = out.warnings;
    w.extend(render_pdf(report, &profile, env()).expect("renders").warnings);
    w
}

/// A new paragraph at the start of the first part, with the path of its text.
fn first_paragraph(r: &mut Report) -> (String, &mut String) {
    let part = first_part(r);
    part.blocks.insert(
        0,
        Block::Paragraph(baocao_engine::model::Paragraph { text: "Mở đầu phần.".into() }),
    );
    let path = walk::blocks(r)
        .find(|(_, b)| matches!(b, Block::Paragraph(p) if p.text == "Mở đầu phần."))
        .map(|(path, _)| format!("{path}.text"))
        .expect("the new paragraph");
    let Block::Paragraph(para) = &mut first_part(r).blocks[0] else { unreachable!() };
    (path, &mut para.text)
}

#[test]
fn a_character_the_font_lacks_prints_as_a_box_and_is_named() {
    let mut r = sample();
    let (path, text) = first_paragraph(&mut r);
    *text = format!("Thi đua 😀 sôi nổi. {text}");
    let pdf = pdftotext(&r, "hd36", &[]);
    assert!(pdf.contains("Thi đua □ sôi nổi."), "the emoji is a box in the PDF:\n{pdf}");
    assert!(docx_text(&r, "hd36").contains("Thi đua 😀 sôi nổi."), "the DOCX keeps the character");
    let w = warnings(&r, "hd36");
    assert!(
        w.iter().any(|p| p.path == path && p.message.contains("«😀»") && p.message.contains("□")),
        "{w:#?}"
    );
}

const TCVN3: &str = "Ban Tuyªn gi¸o HuyÖn ñy CÇu Ngang tæ chøc qu¸n triÖt";
const VNI: &str = "Ban Tuyeân giaùo Huyeän uûy Caàu Ngang toå chöùc quaùn trieät";

#[test]
fn legacy_encoded_text_is_warned_with_field_and_encoding() {
    use baocao_engine::diagnostic::codes;
    for (legacy, name) in [(TCVN3, "TCVN3"), (VNI, "VNI-Windows")] {
        let mut r = sample();
        let (path, text) = first_paragraph(&mut r);
        *text = legacy.to_string();
        r.header.issuing_body_full = legacy.to_string();
        let profile = FormatProfile::builtin("hd36").expect("profile");
        // The checks block the export (the print would be gibberish), as the app and `baocao
        // render` say: one answer; the structure group names the field and the encoding too.
        let Err(baocao_engine::EngineError::Invalid(found)) = render_docx(&r, &profile, env())
        else {
            panic!("{name}: rendered text in a legacy encoding");
        };
        let structure = baocao_engine::checks::structure::check(&r, &profile);
        for field in [path.as_str(), "header.issuing_body_full"] {
            for list in [&found, &structure] {
                assert!(
                    list.iter().any(|p| p.path == field
                        && p.code == codes::LEGACY_ENCODING
                        && p.message.contains(name)),
                    "{name} at {field}: {list:#?}"
                );
            }
        }
    }
}

/// Every string of a JSON document.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn unicode_reports_and_templates_give_no_legacy_warning() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut texts = Vec::new();
    let mut files = vec![root.join("tests/fixtures/ubnd-ket-qua-03-nam.json")];
    for e in std::fs::read_dir(root.join("templates/library")).expect("templates") {
        files.push(e.expect("entry").path());
    }
    for f in &files {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(f).expect("read")).expect("json");
        strings(&v, &mut texts);
    }
    strings(&serde_json::from_str(baocao_engine::sample::SAMPLE_JSON).expect("json"), &mut texts);
    assert!(texts.len() > 300, "enough text to mean something: {}", texts.len());
    for t in &texts {
        assert_eq!(baocao_engine::legacy::detect(t), None, "false alarm on {t:?}");
    }
    for profile in ["hd36", "nd30"] {
        let w = warnings(&sample(), profile);
        assert!(!w.iter().any(|p| p.message.contains("bảng mã cũ")), "{w:#?}");
    }
}

/// A statistics table: a name column, `n` number columns of seven-digit figures, their row sum
/// ("Tổng") and a rate column ("97,55%"), with a totals row.
fn wide_table(n: usize) -> serde_json::Value {
    let mut columns = vec![serde_json::json!({"header": "Đơn vị", "kind": "text"})];
    for i in 0..n {
        columns
            .push(serde_json::json!({"header": format!("Chỉ tiêu {}", i + 1), "kind": "number"}));
    }
    columns.push(serde_json::json!({"header": "Tổng", "kind": "row_sum", "sum_of": (1..=n).collect::<Vec<_>>()}));
    columns.push(serde_json::json!({"header": "Tỷ lệ", "kind": "text"}));
    let rows: Vec<serde_json::Value> = (0..6)
        .map(|r| {
            let mut row = vec![serde_json::json!(format!("Xã Long Hòa {}", r + 1))];
            for i in 0..n {
                row.push(serde_json::json!(1_234_567 + 1_111 * (r * n + i)));
            }
            row.push(serde_json::Value::Null);
            row.push(serde_json::json!(format!("97,{}%", 50 + r)));
            serde_json::Value::Array(row)
        })
        .collect();
    serde_json::json!({"type": "table", "title": "Kết quả", "stt": true, "columns": columns,
        "rows": rows, "total_label": "Tổng cộng"})
}

fn with_table(table: serde_json::Value) -> Report {
    let mut v: serde_json::Value =
        serde_json::from_str(baocao_engine::sample::SAMPLE_JSON).expect("sample");
    v["annexes"][0]["blocks"] = serde_json::json!([table]);
    baocao_engine::load::report_from_json(v.to_string().as_bytes()).expect("loads")
}

/// Every printed figure and word of the table, as it should appear whole.
fn table_tokens(r: &Report, profile: &FormatProfile) -> Vec<String> {
    let baocao_engine::model::Block::Table(t) = &r.annexes[0].blocks[0] else { panic!("table") };
    baocao_engine::tablefit::grid(t, profile)
        .iter()
        .flatten()
        .flat_map(|c| c.text.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

#[test]
fn wide_tables_never_break_a_number_and_docx_matches_pdf() {
    // Six columns of seven-digit figures: too wide at 13 pt, whole once the text shrinks.
    let r = with_table(wide_table(5));
    for id in ["hd36", "nd30"] {
        let profile = FormatProfile::builtin(id).expect("profile");
        let pdf = pdftotext(&r, id, &[]);
        let words: Vec<&str> = pdf.split_whitespace().collect();
        let tokens = table_tokens(&r, &profile);
        assert!(tokens.iter().any(|t| t == "9.012.345" || t.len() >= 9), "seven-digit sums");
        for t in &tokens {
            assert!(words.contains(&t.as_str()), "{id}: «{t}» is not whole in the PDF text");
        }
        // The text shrank, within the profile's limit, and the warning names the columns.
        let w = warnings(&r, id);
        let shrink = w.iter().find(|p| p.message.contains("thu nhỏ")).expect("a warning");
        assert_eq!(shrink.path, "annexes[0].blocks[0]");
        assert!(shrink.message.contains("«Chỉ tiêu 1»"), "{}", shrink.message);

        // DOCX and PDF use the same widths and the same size.
        let (flow, pages, _) = baocao_engine::render_layout(&r, &profile, env()).expect("lays out");
        let table = flow
            .blocks
            .iter()
            .filter_map(|b| match b {
                baocao_engine::flow::FBlock::Table(t) => Some(t),
                _ => None,
            })
            .next_back()
            .expect("the annex table");
        let pdf_size = pages
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .find_map(|i| match i {
                baocao_engine::layout::Item::Text(t) if t.text.contains("1.234.567") => {
                    Some(t.style.size_pt)
                }
                _ => None,
            })
            .expect("figure in the layout");
        assert!(pdf_size < profile.table.cell.size_pt && pdf_size >= profile.table.min_size_pt);
        let out = render_docx(&r, &profile, env()).expect("docx");
        let xml = unzip(&out.bytes).part("word/document.xml").to_string();
        let doc = common::doc(&xml);
        let grid = common::descendants(doc.root(), "tblGrid").last().expect("annex table grid");
        let cols: Vec<i64> = common::descendants(grid, "gridCol")
            .map(|g| common::wattr(g, "w").expect("w").parse().expect("twips"))
            .collect();
        let want: Vec<i64> = table.widths_mm.iter().map(|mm| i64::from(mm_to_twips(*mm))).collect();
        assert_eq!(cols.len(), want.len());
        for (a, b) in cols.iter().zip(&want) {
            assert!((a - b).abs() <= 1, "{id}: DOCX {cols:?} vs flow {want:?}");
        }
        let run = common::descendants(doc.root(), "r")
            .find(|r| common::descendants(*r, "t").any(|t| t.text() == Some("1.234.567")))
            .expect("figure run in the DOCX");
        let sz = common::descendants(run, "sz").next().and_then(|s| common::wattr(s, "val"));
        assert_eq!(sz, Some(pt_to_half_points(pdf_size).to_string().as_str()), "{id}");
    }
}

#[test]
fn a_table_too_wide_even_at_the_smallest_size_is_warned_with_its_columns() {
    let r = with_table(wide_table(12));
    let w = warnings(&r, "hd36");
    let over = w.iter().find(|p| p.message.contains("quá rộng")).expect("a warning");
    assert_eq!(over.path, "annexes[0].blocks[0]");
    assert!(over.message.contains("«Chỉ tiêu"), "{}", over.message);
}
