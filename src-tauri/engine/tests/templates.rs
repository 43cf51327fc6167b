//! Templates and next period's report: every shipped template fills and renders without a blank
//! left; the wizard's defaults; the roll forward of the sample, field by field; bad templates.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use baocao_engine::model::{walk, Block, Cell, ColumnKind, Division};
use baocao_engine::rollforward::next_period;
use baocao_engine::sample::sample;
use baocao_engine::templates::{self, UserLibrary};
use baocao_engine::{render_pdf, EngineError, FormatProfile};
use chrono::NaiveDate;
use common::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 5, 20).expect("date")
}

fn no_blank_left(text: &str, what: &str) {
    for bad in ["{{", "}}", "[năm", "[từ năm]", "[đến năm]", "[số năm]"] {
        assert!(!text.contains(bad), "{what}: «{bad}» left in\n{text}");
    }
}

#[test]
fn every_shipped_template_renders_docx_and_pdf_without_blanks() {
    let all = templates::builtin();
    assert_eq!(all.len(), 9, "four district templates (before 7/2025) and five of 2026 ship");
    let state = all.iter().filter(|t| t.report["header"]["profile"] == "nd30").count();
    assert_eq!(state, 2, "two State-profile templates (district, commune)");
    for t in &all {
        // Without the place and the signer's name it refuses, naming them.
        let place = t.placeholders.iter().find(|p| p.default.is_none()).expect("a place asked");
        let refused = templates::instantiate(t, &BTreeMap::new(), today()).expect_err("asks");
        let asked = format!("chưa điền: «{}»", place.label);
        assert!(refused.to_string().contains(&asked), "{}: {refused}", t.id);
        // The district's name; in the templates of 2026 the place is the commune's, or the
        // province's when there is no commune.
        let mut answers = named(t);
        let commune = answers.contains_key("xa");
        for (key, name) in
            [("tinh", if commune { "Vĩnh Long" } else { "Cầu Ngang" }), ("xa", "Cầu Ngang")]
        {
            if let Some(a) = answers.get_mut(key) {
                *a = name.to_string();
            }
        }
        let report = templates::instantiate(t, &answers, today()).expect("fills with defaults");
        let profile = baocao_engine::profile_for(&report).expect("profile");
        let pkg = render(&report, &profile.id);
        let d = doc(pkg.part("word/document.xml"));
        let text: String = paragraphs(&d).into_iter().map(|(_, t)| t + "\n").collect();
        no_blank_left(&text, &t.id);
        assert!(text.contains("Cầu Ngang"), "{}: the place was filled", t.id);
        assert!(!text.contains("Tân Lập Giang"), "{}: the sample district planted", t.id);
        let pdf = render_pdf(&report, &profile, env()).expect("pdf");
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("t.pdf");
        std::fs::write(&path, pdf.bytes).expect("write");
        let out = Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext");
        no_blank_left(&String::from_utf8_lossy(&out.stdout), &t.id);
        // Hints are for the editor only.
        let json = serde_json::to_string(&report).expect("json");
        if json.contains("\"hint\"") {
            let hint = t.report["body"]["content"][0]["hint"].as_str().unwrap_or("");
            assert!(!hint.is_empty() && !text.contains(hint), "{}: hint printed", t.id);
        }
    }
}

#[test]
fn wizard_defaults_follow_the_date_and_answers_override_them() {
    let t = templates::builtin()
        .into_iter()
        .find(|t| t.id == "so-ket-03-nam-chi-thi-05")
        .expect("template");
    let d = templates::defaults(&t, today());
    assert_eq!(d["nam"], "2019");
    assert_eq!(d["tu_nam"], "2016");
    assert_eq!(d["ngay"], "2019-05-20");
    let mut answers = named(&t);
    answers.insert("nam".to_string(), "2021".to_string());
    answers.insert("ngay".to_string(), "2021-06-01".to_string());
    let r = templates::instantiate(&t, &answers, today()).expect("fills");
    assert_eq!(r.header.place, "Cầu Ngang");
    assert_eq!(r.header.issuing_body_full, "Ban Tuyên giáo Huyện ủy Cầu Ngang");
    let p = r.period.expect("period");
    assert_eq!(
        (p.start_year, p.end_year),
        (2018, 2021),
        "start year defaults from the answered end year"
    );
    assert_eq!(r.header.number, None);
    let pkg = render(&r, "hd36");
    let xml = pkg.part("word/document.xml");
    assert!(xml.contains("từ tháng 5/2018 đến tháng 5/2021"), "computed year references");
}

#[test]
fn roll_forward_of_the_sample_field_by_field() {
    let r = sample();
    let next = next_period(&r, 1);
    assert_eq!(next.header.date, NaiveDate::from_ymd_opt(2020, 5, 20).expect("date"));
    assert_eq!(next.header.number, None, "number cleared");
    let p = next.period.expect("period");
    assert_eq!((p.start_year, p.end_year), (2017, 2020));
    // Recurring text and structure kept: printed the same where the period does not show.
    let refs = baocao_engine::flow::YearRefs::of(&next);
    assert_eq!(refs.apply(&next.header.subject), r.header.subject);
    assert!(next.header.subject.starts_with("sơ kết [số năm] năm"), "follows the period");
    assert_eq!(next.body.content.len(), r.body.content.len());
    assert_eq!(refs.apply(&next.closing.sentence), r.closing.sentence);
    assert_eq!(next.closing.recipients, r.closing.recipients);
    // The opening: the superior's plan of 2019 left to fill, the period's years moved on, the
    // directive's date kept.
    let Block::Paragraph(opening) = &next.body.opening[0] else { panic!("paragraph") };
    let opening = refs.apply(&opening.text);
    assert!(
        opening.starts_with("Thực hiện Kế hoạch số …-KH/BTGTU, ngày …/…/2020 của"),
        "{opening}"
    );
    assert!(opening.contains("ngày 15/5/2016 của Bộ Chính trị"), "{opening}");
    assert!(opening.contains("từ tháng 5/2017 đến tháng 5/2020 như sau:"), "{opening}");
    // Figures cleared and reported as to update.
    let mut figures = 0;
    for (_, b) in walk::blocks(&next) {
        if let Block::Results(res) = b {
            for item in &res.items {
                for f in item.figures.values() {
                    assert_eq!(f.value, None);
                    figures += 1;
                }
            }
        }
    }
    let mut before = 0;
    for (_, b) in walk::blocks(&r) {
        if let Block::Results(res) = b {
            before += res
                .items
                .iter()
                .map(|i| i.figures.values().filter(|f| f.value.is_some()).count())
                .sum::<usize>();
        }
    }
    assert_eq!(figures, before, "every figure of the sample was cleared");
    assert!(figures >= 20);
    let profile = FormatProfile::builtin("hd36").expect("profile");
    let todo = baocao_engine::checks::structure::check(&next, &profile)
        .into_iter()
        .filter(|p| p.code == baocao_engine::diagnostic::codes::FIGURE_TO_UPDATE)
        .count();
    assert!(todo >= figures, "{todo} items to update listed before export");
    // Annex table 1, one column per year: the years move on, each year keeping its figures.
    let Block::Table(old) = &r.annexes[0].blocks[0] else { panic!("table") };
    let Block::Table(t) = &next.annexes[0].blocks[0] else { panic!("table") };
    let headers: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(
        headers,
        ["Nội dung", "Năm 2017", "Năm 2018", "Năm 2019", "Năm 2020", "Tổng", "Ghi chú"]
    );
    let sum = t.columns.iter().find(|c| c.kind == ColumnKind::RowSum).expect("row sum");
    assert_eq!(sum.sum_of, [1, 2, 3, 4], "row sums add every year");
    assert_eq!(t.rows[1][1], old.rows[1][2], "2017 under «Năm 2017»");
    assert_eq!(t.rows[1][3], old.rows[1][4], "2019 under «Năm 2019»");
    assert_eq!(t.rows[1][4], Cell::Empty, "2020 to fill");
    assert!(t.sources["1,1"].contains("kỳ trước"), "a kept figure is noted");
    // Annex table 2, columns of kinds: each figure column followed by last period's values.
    let Block::Table(old2) = &r.annexes[1].blocks[0] else { panic!("table") };
    let Block::Table(t2) = &next.annexes[1].blocks[0] else { panic!("table") };
    let headers: Vec<&str> = t2.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(
        headers,
        [
            "Cấp khen thưởng",
            "Tập thể",
            "Tập thể (kỳ trước)",
            "Cá nhân",
            "Cá nhân (kỳ trước)",
            "Cộng"
        ]
    );
    let sum = t2.columns.iter().find(|c| c.kind == ColumnKind::RowSum).expect("row sum");
    assert_eq!(sum.sum_of, [1, 3], "row sums still add the current figures");
    assert_eq!(t2.rows[1][1], Cell::Empty);
    assert_eq!(t2.rows[1][2], old2.rows[1][1], "last period kept beside");
    assert_eq!(t2.rows[1][0], old2.rows[1][0]);
    // Twice: comparison columns are replaced, not piled up.
    let third = next_period(&next, 1);
    let Block::Table(t3) = &third.annexes[1].blocks[0] else { panic!("table") };
    assert_eq!(t3.columns.len(), t2.columns.len());
    let Block::Table(y3) = &third.annexes[0].blocks[0] else { panic!("table") };
    assert_eq!(y3.columns[1].header, "Năm 2018");
    assert_eq!(y3.columns[4].header, "Năm 2021");
    assert!(matches!(third.body.content[0], Division::Part(_)));
    // It still renders.
    render(&third, "hd36");
}

fn template_err(json: &str) -> String {
    match templates::parse(json.as_bytes()) {
        Err(EngineError::Template { message: m, diagnostics }) => {
            let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
            assert_eq!(codes, ["mau-bao-cao"], "{m}");
            assert!(diagnostics[0].message.ends_with(&m) && diagnostics[0].is_blocking());
            m
        }
        other => panic!("accepted: {other:?}"),
    }
}

#[test]
fn bad_templates_get_clear_messages_and_the_library_stays_safe() {
    let good = templates::builtin()
        .into_iter()
        .find(|t| t.id == "so-ket-03-nam-chi-thi-05")
        .expect("template");
    let mut v = serde_json::to_value(&good).expect("json");
    v["report"]["header"]["place"] = "{{tinh}}".into();
    let m = template_err(&v.to_string());
    assert!(m.contains("{{tinh}}") && m.contains("không khai báo"), "{m}");
    assert!(template_err("không phải JSON").contains("không phải JSON"));
    assert!(template_err(baocao_engine::sample::SAMPLE_JSON)
        .contains("tệp báo cáo, không phải tệp mẫu"));
    let mut v2 = serde_json::to_value(&good).expect("json");
    v2["template_version"] = 9.into();
    assert!(template_err(&v2.to_string()).contains("phiên bản mới hơn"));
    let mut v3 = serde_json::to_value(&good).expect("json");
    v3["id"] = "../../etc/passwd".into();
    assert!(template_err(&v3.to_string()).contains("không hợp lệ"));

    let mut answers = BTreeMap::new();
    answers.insert("tinh".to_string(), "x".to_string());
    match templates::instantiate(&good, &answers, today()) {
        Err(EngineError::Template { message: m, .. }) => {
            assert!(m.contains("không có chỗ trống «tinh»"), "{m}")
        }
        other => panic!("{other:?}"),
    }
    let mut answers = named(&good);
    answers.insert("nam".to_string(), "hai nghìn".to_string());
    match templates::instantiate(&good, &answers, today()) {
        Err(EngineError::Template { message: m, .. }) => {
            assert!(m.contains("phải là một năm"), "{m}")
        }
        other => panic!("{other:?}"),
    }

    let dir = tempfile::tempdir().expect("tmp");
    let lib = UserLibrary::new(dir.path().join("mau"));
    for bad in ["../ngoai", "a/b", "", "Hoa"] {
        assert!(
            lib.delete(bad).is_err() && lib.rename(bad, "x").is_err() && lib.get(bad).is_err(),
            "{bad:?}"
        );
    }
    let id = lib
        .save(templates::from_report(&sample(), "Mẫu của tôi: sơ kết").expect("template"))
        .expect("saved");
    assert_eq!(id, "mau-cua-toi-so-ket");
    std::fs::write(dir.path().join("mau/hong.json"), "{ hỏng").expect("write");
    assert_eq!(lib.list().len(), 1, "a broken file is skipped, the library stays usable");
    lib.rename(&id, "Mẫu đã đổi tên").expect("rename");
    assert_eq!(lib.get(&id).expect("get").name, "Mẫu đã đổi tên");
    let shared = dir.path().join("chia-se.json");
    lib.export(&id, &shared).expect("export");
    let id2 = lib.import(&shared).expect("import");
    assert_eq!(id2, "mau-cua-toi-so-ket-2", "an imported copy never overwrites");
    lib.delete(&id).expect("delete");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "nothing written outside the folder: {names:?}");
    let filled = templates::instantiate(&lib.get(&id2).expect("get"), &BTreeMap::new(), today())
        .expect("fills");
    assert_eq!(filled.header.number, None);
}

/// Found by the mutation harness (tests/mutation.rs): serde's English in template messages, an
/// overflowing year offset in a default, no size limit.
#[test]
fn hostile_templates_get_vietnamese_messages_and_no_overflow() {
    let good = templates::builtin()
        .into_iter()
        .find(|t| t.id == "so-ket-03-nam-chi-thi-05")
        .expect("template");
    let mut v = serde_json::to_value(&good).expect("json");
    v["placeholders"] = serde_json::json!({"nam": "Năm"});
    let m = template_err(&v.to_string());
    assert!(m.contains("«placeholders»") && m.contains("cần danh sách"), "{m}");
    assert!(!m.contains("invalid type") && !m.contains("expected"), "{m}");
    let mut v = serde_json::to_value(&good).expect("json");
    v["fields"] = serde_json::json!([]);
    let m = template_err(&v.to_string());
    assert!(m.contains("trường không xác định «fields»"), "{m}");
    // «{{nam+2147483647}}» overflowed i32 (a panic in debug builds): the year is kept.
    let mut v = serde_json::to_value(&good).expect("json");
    v["placeholders"] = serde_json::json!([
        {"key": "nam", "label": "Năm", "default": "2019", "kind": "year"},
        {"key": "tu_nam", "label": "Từ năm", "default": "{{nam+2147483647}}", "kind": "year"}
    ]);
    v["report"] = serde_json::to_value(sample()).expect("json");
    let t = templates::parse(v.to_string().as_bytes()).expect("parses");
    assert_eq!(templates::defaults(&t, today())["tu_nam"], "2019");
    // Over the size of a report file: refused before parsing.
    let big = format!("{{\"x\": \"{}\"}}", "a".repeat(11 << 20));
    assert!(template_err(&big).contains("quá lớn"));
}

/// «Lưu làm mẫu» then «Dùng mẫu này» next period: the wizard asks the period, the date, the
/// place and the signer (defaults: the report's own); the period's years in the text follow the
/// answers, other years (the directive's date) stay; figures are blank, tables keep last period's
/// values as comparison columns; nothing of the old date or number is left.
#[test]
fn a_report_saved_as_template_asks_like_the_builtin_ones_and_leaves_no_stale_figures() {
    let source = sample();
    let t = templates::from_report(&source, "Sơ kết của tôi").expect("template");
    let keys: Vec<&str> = t.placeholders.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, ["dia_danh", "nam", "tu_nam", "ngay", "nguoi_ky"]);
    // Saved and read back as the app does.
    let dir = tempfile::tempdir().expect("tmp");
    let lib = UserLibrary::new(dir.path().join("mau"));
    let t = lib.get(&lib.save(t).expect("save")).expect("get");
    let d = templates::defaults(&t, today());
    assert_eq!(d["dia_danh"], source.header.place);
    assert_eq!(d["nguoi_ky"], source.closing.signer_name);
    let mut answers = BTreeMap::new();
    answers.insert("nam".to_string(), "2022".to_string());
    let v = templates::wizard_values(&t, &answers, today());
    assert_eq!((v["tu_nam"].as_str(), v["ngay"].as_str()), ("2019", "2022-05-20"), "linked");
    let r = templates::instantiate(&t, &answers, today()).expect("fills");
    assert_eq!(r.header.date, NaiveDate::from_ymd_opt(2022, 5, 20).expect("date"));
    assert_eq!(r.header.number, None);
    let p = r.period.expect("period");
    assert_eq!((p.start_year, p.end_year), (2019, 2022));
    let mut figures = 0;
    let mut comparison = 0;
    for (_, b) in walk::blocks(&r) {
        match b {
            Block::Results(res) => {
                for f in res.items.iter().flat_map(|i| i.figures.values()) {
                    assert_eq!(f.value, None, "figure kept: {f:?}");
                    figures += 1;
                }
            }
            Block::Table(t) => {
                for (i, c) in t.columns.iter().enumerate() {
                    let filled =
                        t.rows.iter().filter(|r| matches!(r.get(i), Some(Cell::Number(_)))).count();
                    if c.previous {
                        comparison += filled;
                    } else if c.kind == ColumnKind::Number {
                        assert_eq!(filled, 0, "column «{}» kept its figures", c.header);
                    }
                }
            }
            _ => {}
        }
    }
    assert!(figures > 5 && comparison > 5, "figures {figures}, comparison values {comparison}");
    let text: String = paragraphs(&doc(render(&r, "hd36").part("word/document.xml")))
        .into_iter()
        .map(|(_, t)| t + "\n")
        .collect();
    assert!(text.contains("từ tháng 5/2019 đến tháng 5/2022"), "period in the text:\n{text}");
    assert!(text.contains("ngày 15/5/2016"), "the directive's date stays:\n{text}");
    assert!(
        text.contains(&source.closing.signer_name) && text.contains("ngày 20 tháng 5 năm 2022")
    );
    no_blank_left(&text, "user template");
    // Another district and signer, answered in the wizard, replace the old ones everywhere.
    answers.insert("dia_danh".to_string(), "Cầu Kè".to_string());
    answers.insert("nguoi_ky".to_string(), "Trần Văn Bình".to_string());
    let r = templates::instantiate(&t, &answers, today()).expect("fills");
    let json = serde_json::to_string(&r).expect("json");
    assert!(!json.contains(&source.header.place) && !json.contains(&source.closing.signer_name));
    assert!(r.header.issuing_body_full.ends_with("Cầu Kè"), "{}", r.header.issuing_body_full);
}

#[test]
fn year_references_touch_only_the_period_years_in_period_words() {
    let f = |s: &str| templates::year_references(s, 2016, 2019);
    assert_eq!(f("từ tháng 5/2016 đến tháng 5/2019"), "từ tháng 5/[từ năm] đến tháng 5/[đến năm]");
    assert_eq!(f("Năm 2019, giai đoạn 2016–2019"), "Năm [đến năm], giai đoạn [từ năm]–[đến năm]");
    assert_eq!(
        f("Chỉ thị 05, ngày 15/5/2016; ngày 08/3/2019"),
        "Chỉ thị 05, ngày 15/5/2016; ngày 08/3/2019"
    );
    assert_eq!(f("năm 2016; năm 20190; tháng 12/2019"), "năm 2016; năm 20190; tháng 12/[đến năm]");
    assert_eq!(f("từ năm 2016"), "từ năm [từ năm]");
}

/// The wizard links its answers: the end year moves the start year, the date and the
/// plan reference until they are typed; contradictions are named and block creation.
#[test]
fn wizard_answers_follow_the_end_year_and_contradictions_block() {
    let t = templates::builtin()
        .into_iter()
        .find(|t| t.id == "so-ket-03-nam-chi-thi-05")
        .expect("template");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut answers = named(&t);
    answers.insert("nam".to_string(), "2019".to_string());
    let v = templates::wizard_values(&t, &answers, today);
    assert_eq!(v["tu_nam"], "2016");
    assert_eq!(v["ngay"], "2019-11-23");
    assert!(
        v["van_ban_chi_dao"].ends_with("/2019 của Ban Tuyên giáo Tỉnh ủy"),
        "{}",
        v["van_ban_chi_dao"]
    );
    assert!(templates::contradictions(&t, &v).is_empty());
    let report = templates::instantiate(&t, &answers, today).expect("creates");
    assert_eq!(report.header.date.to_string(), "2019-11-23");

    // Typed answers stay as typed, and contradicting ones are named.
    answers.insert("tu_nam".to_string(), "2023".to_string());
    answers.insert("ngay".to_string(), "2018-05-20".to_string());
    let v = templates::wizard_values(&t, &answers, today);
    assert_eq!(v["tu_nam"], "2023");
    let c = templates::contradictions(&t, &v);
    assert_eq!(c.len(), 2, "{c:?}");
    assert!(c
        .iter()
        .any(|m| m.contains("«Năm bắt đầu thực hiện» (2023) sau «Năm cuối của kỳ sơ kết» (2019)")));
    assert!(c.iter().any(|m| m.contains("(20/05/2018) trước «Năm cuối của kỳ sơ kết» (2019)")));
    let refused = templates::instantiate(&t, &answers, today).expect_err("contradictions block");
    assert!(refused.to_string().contains("sau «Năm cuối"), "{refused}");
}

/// A report from the built-in «Sơ kết 03 năm» template carries none of the sample district's
/// facts: each is a blank «…» or a figure to update, and validation lists every one.
#[test]
fn the_builtin_template_plants_no_facts_of_the_sample_district() {
    let t = templates::builtin()
        .into_iter()
        .find(|t| t.id == "so-ket-03-nam-chi-thi-05")
        .expect("template");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let report = templates::instantiate(&t, &named(&t), today).expect("creates");
    let text = serde_json::to_string(&report).expect("json");
    for fact in [
        "186 tin",
        "24 đội",
        "09 đội",
        "12 tổ chức đảng",
        "20 đảng viên",
        "08 cơ sở",
        "27-KH/HU",
        "12/7/2016",
        "Phạm Văn Được",
        "Thị trấn Tân Lập",
        "thị trấn Tân Lập",
        "Long Sơn",
        "Phước Thạnh",
        "5 tháng",
    ] {
        assert!(!text.contains(fact), "{fact:?} planted in a new report");
    }
    let profile = FormatProfile::builtin("hd36").expect("profile");
    let problems = baocao_engine::checks::structure::check(&report, &profile);
    let blanks: Vec<&str> = problems
        .iter()
        .filter(|p| p.code == baocao_engine::diagnostic::codes::BLANK)
        .map(|p| p.path.as_str())
        .collect();
    // Each place the sample's facts were: the plan, two lines, two points, six names in the
    // honours table, and the plan reference of the wizard's default (the annex notes are left
    // empty, not «…», so that the units' forms show no blank).
    for place in [
        "body.content[0].sections[0].blocks[0].text",
        "body.content[1].sections[3].points[0].blocks[0].text",
        "annexes[1].blocks[1].rows[1][0]",
    ] {
        assert!(blanks.iter().any(|b| b.starts_with(place)), "{place} not listed: {blanks:?}");
    }
    assert!(blanks.len() >= 12, "{} blanks listed: {blanks:?}", blanks.len());
    let figures = problems
        .iter()
        .filter(|p| p.code == baocao_engine::diagnostic::codes::FIGURE_TO_UPDATE)
        .count();
    assert!(figures > 10, "figures to update: {figures}");
}
