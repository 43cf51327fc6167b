//! The Party's format of 2026 (Hướng dẫn 05-HD/VPTW, `hd05`) against HD 36 (`hd36`): the same
//! Party report follows its date, and every value HD 05 changed is read back from the DOCX XML
//! and from the PDF's text: recipient and legal-basis punctuation, the title's bold, the line
//! spacing bounds, the codes. Properties run over every day around 27/5/2026 and every built-in
//! template.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use baocao_engine::model::{Block, Lines, Marker};
use baocao_engine::sample::sample;
use baocao_engine::{
    applicable_profile_id, checks, flow, profile_for, render_docx, render_pdf, templates,
    FormatProfile, Report,
};
use chrono::{Duration, NaiveDate};
use common::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The first day HD 05 applies to (its `[applies] from`).
fn cutoff() -> NaiveDate {
    FormatProfile::builtin("hd05").expect("hd05").applies.from.expect("hd05 has a start date")
}

/// Legal bases as a user types them: endings mixed or missing.
const BASES: [&str; 3] = [
    "Căn cứ Điều lệ Đảng Cộng sản Việt Nam,",
    "Căn cứ Quy định số 399-QĐ/TW, ngày 09/01/2026 của Ban Bí thư về thể loại, thẩm quyền ban hành và thể thức văn bản của Đảng",
    "Căn cứ Kế hoạch số 12-KH/BTGDVTU, ngày 02/3/2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy;",
];

/// The sample as a report of a merged provincial board, naming the Party family («dang»), with
/// legal bases in its opening, dated `on`.
fn party_report(on: NaiveDate) -> Report {
    let mut r = sample();
    r.header.profile = "dang".into();
    r.header.date = on;
    r.header.superior_body = Some("Tỉnh ủy Tân Lập".into());
    r.header.issuing_body = "Ban Tuyên giáo và Dân vận".into();
    r.header.issuing_body_full = "Ban Tuyên giáo và Dân vận Tỉnh ủy Tân Lập".into();
    r.header.issuer_code = "BTGDVTU".into();
    r.header.number = Some(5);
    let bases =
        Lines { marker: Marker::Dash, items: BASES.iter().map(|s| s.to_string()).collect() };
    r.body.opening.insert(0, Block::Lines(bases));
    r
}

fn docx_of(r: &Report) -> Package {
    let profile = profile_for(r).expect("profile");
    unzip(&render_docx(r, &profile, env()).expect("renders").bytes)
}

/// The recipient lines of the closing table (after «Nơi nhận:»), in order.
fn recipient_lines(d: &roxmltree::Document) -> Vec<String> {
    let all: Vec<String> = paragraphs(d).into_iter().map(|(_, t)| t).collect();
    let at = all.iter().position(|t| t == "Nơi nhận:").expect("«Nơi nhận:»");
    all[at + 1..].iter().take_while(|t| t.starts_with("- ")).cloned().collect()
}

/// The legal-basis paragraphs, in order.
fn basis_lines(d: &roxmltree::Document) -> Vec<String> {
    paragraphs(d).into_iter().map(|(_, t)| t).filter(|t| t.contains("Căn cứ ")).collect()
}

/// The signer's title paragraph (the line after the authority, or alone).
fn title_para<'a, 'i>(d: &'a roxmltree::Document<'i>, title: &str) -> roxmltree::Node<'a, 'i> {
    find_para(d, title)
}

#[test]
fn the_same_party_report_renders_in_hd05_from_27_5_2026_and_in_hd36_before() {
    let new = party_report(date(2026, 6, 15));
    let old = party_report(date(2019, 5, 15));
    assert_eq!(applicable_profile_id(&new), "hd05");
    assert_eq!(applicable_profile_id(&old), "hd36");

    // HD 05 p. 25 §9.2.5: «;» after each recipient, «.» after the «Lưu» line.
    let d05 = docx_of(&new);
    let d05 = doc(d05.part("word/document.xml"));
    let lines = recipient_lines(&d05);
    assert_eq!(
        lines,
        [
            "- Ban Tuyên giáo Tỉnh ủy;",
            "- Thường trực Huyện ủy;",
            "- Các tổ chức cơ sở đảng;",
            "- Lưu Văn phòng.",
        ]
    );
    // HD 36: «,».
    let d36 = docx_of(&old);
    let d36 = doc(d36.part("word/document.xml"));
    assert_eq!(
        recipient_lines(&d36),
        [
            "- Ban Tuyên giáo Tỉnh ủy,",
            "- Thường trực Huyện ủy,",
            "- Các tổ chức cơ sở đảng,",
            "- Lưu Văn phòng.",
        ]
    );

    // HD 05 p. 12 §6.2.3: «-» before each basis, «;» after it, «.» after the last.
    let b05 = basis_lines(&d05);
    assert_eq!(b05.len(), 3, "{b05:?}");
    assert!(b05.iter().all(|l| l.starts_with("- Căn cứ ")), "{b05:?}");
    assert!(b05[0].ends_with("Việt Nam;") && b05[1].ends_with("của Đảng;"), "{b05:?}");
    assert!(b05[2].ends_with("Tỉnh ủy.") && !b05[2].ends_with(";."), "{b05:?}");
    // HD 36 has no such rule: printed as typed.
    let b36 = basis_lines(&d36);
    assert_eq!(b36, BASES.iter().map(|b| format!("- {b}")).collect::<Vec<_>>());

    // The number line keeps the codes typed: «Số 05-BC/BTGDVTU» (HD 05 p. 7 example «BTGDVTU»).
    for d in [&d05, &d36] {
        find_para(d, "Số 05-BC/BTGDVTU");
    }
}

#[test]
fn a_title_is_bold_alone_and_regular_under_an_authority_in_hd05_only() {
    for (on, alone_bold) in [(date(2026, 6, 15), true), (date(2019, 5, 15), false)] {
        let under = party_report(on);
        let d = docx_of(&under);
        let d = doc(d.part("word/document.xml"));
        let authority = find_para(&d, "K/T TRƯỞNG BAN");
        assert!(is_on(first_rpr(authority), "b"), "{on}: the authority line is bold");
        let t = title_para(&d, "PHÓ TRƯỞNG BAN");
        assert!(!is_on(first_rpr(t), "b"), "{on}: a title under K/T is regular");

        let mut alone = under.clone();
        alone.closing.authority = None;
        alone.closing.signer_title = "Trưởng ban".into();
        let d = docx_of(&alone);
        let d = doc(d.part("word/document.xml"));
        let t = title_para(&d, "TRƯỞNG BAN");
        assert_eq!(is_on(first_rpr(t), "b"), alone_bold, "{on}: a title alone (HD 05 pp. 14–23)");
    }
}

#[test]
fn body_lines_are_exact_and_within_18_to_22_pt_in_hd05() {
    let profile = FormatProfile::builtin("hd05").expect("hd05");
    let bounds = profile.line_spacing_bounds.expect("hd05 bounds its line spacing");
    assert_eq!((bounds.min_pt, bounds.max_pt), (18.0, 22.0), "HD 05 p. 12 §6.2.2");
    let pkg = docx_of(&party_report(date(2026, 6, 15)));
    let d = doc(pkg.part("word/document.xml"));
    let body = find_para_starting(&d, "Thực hiện Kế hoạch số 112-KH/BTGTU");
    let spacing = path(body, &["pPr", "spacing"]).expect("w:spacing");
    assert_eq!(wattr(spacing, "lineRule"), Some("exact"));
    let line = num_attr(spacing, "line");
    assert!(
        (bounds.min_pt * 20.0) as i64 <= line && line <= (bounds.max_pt * 20.0) as i64,
        "{line} twips"
    );
    // Every paragraph of the body text proper (justified, indented) keeps to the bounds.
    let mut seen = 0;
    for (p, _) in paragraphs(&d) {
        if jc(p) != Some("both") {
            continue;
        }
        let Some(s) = path(p, &["pPr", "spacing"]) else { continue };
        if wattr(s, "lineRule") == Some("exact") {
            let l = num_attr(s, "line");
            assert!((360..=440).contains(&l), "{l}");
            seen += 1;
        }
    }
    assert!(seen > 20, "{seen} body paragraphs");
    // A copy of the profile outside the bounds is warned about.
    let mut wide = profile.clone();
    wide.body.para.line_spacing = baocao_engine::profile::LineSpacing::Exact(24.0);
    let problems = baocao_engine::checks::structure::check(&party_report(date(2026, 6, 15)), &wide);
    assert!(problems.iter().any(|p| p.message.contains("18 đến 22")), "{problems:?}");
}

#[test]
fn every_day_around_27_5_2026_gets_the_guidance_in_force_on_it() {
    let start = date(2026, 3, 1);
    for day in 0..180 {
        let on = start + Duration::days(day);
        let r = party_report(on);
        let want = if on >= cutoff() { "hd05" } else { "hd36" };
        assert_eq!(applicable_profile_id(&r), want, "{on}");
        let profile = profile_for(&r).expect("profile");
        let f = flow::build(&r, &profile, env().now);
        let texts: Vec<String> = f
            .blocks
            .iter()
            .flat_map(|b| match b {
                flow::FBlock::Para(p) => vec![p.text()],
                flow::FBlock::Table(t) => t
                    .rows
                    .iter()
                    .flat_map(|row| row.cells.iter().flat_map(|c| c.paras.iter().map(|p| p.text())))
                    .collect(),
            })
            .collect();
        let end = if want == "hd05" { ';' } else { ',' };
        assert!(
            texts.iter().any(|t| t == &format!("- Thường trực Huyện ủy{end}")),
            "{on}: recipients end with {end}"
        );
        // An explicit choice is kept whatever the date, and the other guidance is named.
        let mut pinned = r.clone();
        pinned.header.profile = "hd36".into();
        assert_eq!(applicable_profile_id(&pinned), "hd36", "{on}");
        let warned =
            baocao_engine::checks::structure::check(&pinned, &profile_for(&pinned).expect("p"))
                .iter()
                .any(|p| p.path == "header.profile");
        assert_eq!(warned, want == "hd05", "{on}: HD 36 chosen for a document HD 05 covers");
        // Docx for one day in five (each takes longer than a flow).
        if day % 5 == 0 || on == cutoff() || on == cutoff() - Duration::days(1) {
            let d = docx_of(&r);
            let d = doc(d.part("word/document.xml"));
            assert!(recipient_lines(&d).iter().rev().skip(1).all(|l| l.ends_with(end)), "{on}");
        }
    }
}

/// The answers a template has no default for, and its year and date.
fn answers(t: &templates::Template, on: NaiveDate) -> BTreeMap<String, String> {
    let mut a: BTreeMap<String, String> = t
        .placeholders
        .iter()
        .filter(|p| p.default.is_none())
        .map(|p| {
            (p.key.clone(), if p.key == "huyen" { "Cầu Ngang" } else { "Trần Văn Bình" }.into())
        })
        .collect();
    a.insert("nam".into(), on.format("%Y").to_string());
    a.insert("ngay".into(), on.format("%Y-%m-%d").to_string());
    a
}

#[test]
fn every_built_in_template_follows_the_date_it_is_used_with() {
    let days = [
        date(2019, 5, 20),
        date(2025, 12, 31),
        date(2026, 5, 26),
        date(2026, 5, 27),
        date(2026, 5, 28),
        date(2026, 6, 15),
        date(2027, 1, 10),
    ];
    let mut party = 0;
    for t in templates::builtin() {
        for on in days {
            let r = templates::instantiate(&t, &answers(&t, on), on).expect("instantiates");
            assert_eq!(r.header.date, on, "{}: the date answered", t.id);
            let id = applicable_profile_id(&r);
            if t.report["header"]["profile"] == "nd30" {
                assert_eq!(id, "nd30", "{}", t.id);
                continue;
            }
            party += 1;
            let want = if on >= cutoff() { "hd05" } else { "hd36" };
            assert_eq!(id, want, "{} on {on}", t.id);
            let d = docx_of(&r);
            let d = doc(d.part("word/document.xml"));
            let lines = recipient_lines(&d);
            let end = if want == "hd05" { ";" } else { "," };
            let (last, rest) = lines.split_last().expect("recipients");
            assert!(rest.iter().all(|l| l.ends_with(end)), "{} on {on}: {lines:?}", t.id);
            assert!(last.starts_with("- Lưu ") && last.ends_with('.'), "{last}");
        }
    }
    assert_eq!(party, 7 * days.len(), "three Party templates before 7/2025, four of 2026");
}

#[test]
fn checks_follow_the_profile_codes_collective_bodies_and_legal_bases() {
    let on = date(2026, 6, 15);
    let profile = |r: &Report| profile_for(r).expect("profile");
    let rules = |r: &Report, rule: &str| -> Vec<baocao_engine::Diagnostic> {
        checks::check(r, &profile(r)).into_iter().filter(|f| f.code == rule).collect()
    };
    // A Quy định: «QĐ» in HD 05 (p. 7 §3.1.2a), «QĐi» is retired.
    let mut r = party_report(on);
    r.header.doc_type = "QUY ĐỊNH".into();
    r.header.type_code = "QĐi".into();
    let found = rules(&r, "so-ky-hieu");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].fix.as_deref(), Some("QĐ"));
    r.header.type_code = "QĐ".into();
    assert!(rules(&r, "so-ky-hieu").is_empty());

    // A district body's code: warned about in HD 05 (no district level), not in HD 36.
    let mut district = party_report(on);
    district.header.issuer_code = "BTGHU".into();
    let found = rules(&district, "ma-co-quan");
    assert!(found.iter().any(|f| f.message.contains("cấp huyện")), "{found:?}");
    district.header.date = date(2019, 5, 15);
    assert!(rules(&district, "ma-co-quan").is_empty());
    // The merged board's code (HD 05 p. 8): BTGDV, suggested when missing.
    let mut merged = party_report(on);
    merged.header.issuer_code = "BTGTU".into();
    let found = rules(&merged, "ma-co-quan");
    assert!(found.iter().any(|f| f.message.contains("«BTGDV»")), "{found:?}");
    assert!(rules(&party_report(on), "ma-co-quan").is_empty(), "BTGDVTU is right");

    // T/M: a đảng đoàn no longer signs collectively in HD 05 (p. 13 §7.1.1a).
    let mut dd = party_report(on);
    dd.closing.authority = Some(baocao_engine::model::Authority {
        kind: baocao_engine::model::AuthorityKind::Tm,
        of: "Đảng đoàn".into(),
    });
    dd.closing.signer_title = "Bí thư".into();
    assert_eq!(rules(&dd, "tham-quyen").len(), 1, "HD 05");
    dd.header.date = date(2019, 5, 15);
    assert!(rules(&dd, "tham-quyen").is_empty(), "HD 36 lists đảng đoàn");

    // Legal bases typed with «,», or with «;» on the last: a suggestion naming HD 05's endings,
    // with the bare text (the program writes the ending).
    let found = rules(&party_report(on), "can-cu");
    let paths: Vec<&str> = found.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["body.opening[0].items[0]", "body.opening[0].items[2]"], "{found:?}");
    assert_eq!(found[0].fix.as_deref(), Some("Căn cứ Điều lệ Đảng Cộng sản Việt Nam"));
    assert!(found[1].message.contains("cuối cùng bằng «.»"), "{}", found[1].message);
    assert!(rules(&party_report(date(2019, 5, 15)), "can-cu").is_empty());

    // Recipients typed with HD 36's comma: the message names HD 05's «;».
    let mut typed = party_report(on);
    typed.closing.recipients[0] = "Ban Tuyên giáo Tỉnh ủy,".into();
    let found = rules(&typed, "noi-nhan");
    assert!(found.iter().any(|f| f.message.contains("«;»")), "{found:?}");
}

#[test]
fn the_pdf_says_what_the_docx_says() {
    let dir = tempfile::tempdir().expect("tmp");
    for (on, end, basis_last) in
        [(date(2026, 6, 15), ";", "Tỉnh ủy."), (date(2019, 5, 15), ",", "Tỉnh ủy;")]
    {
        let r = party_report(on);
        let pdf = render_pdf(&r, &profile_for(&r).expect("profile"), env()).expect("pdf");
        let path = dir.path().join(format!("bc-{on}.pdf"));
        std::fs::write(&path, pdf.bytes).expect("write");
        let out = Command::new("pdftotext")
            .args(["-layout"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is needed");
        let text = String::from_utf8_lossy(&out.stdout);
        for want in [
            format!("- Ban Tuyên giáo Tỉnh ủy{end}"),
            format!("- Thường trực Huyện ủy{end}"),
            "- Lưu Văn phòng.".to_string(),
            "Số 05-BC/BTGDVTU".to_string(),
        ] {
            assert!(text.contains(&want), "{on}: «{want}» in the PDF\n{text}");
        }
        assert!(text.contains(basis_last), "{on}: the last basis ends «{basis_last}»");
        assert!(text.contains("- Căn cứ Điều lệ Đảng"), "{on}");
        let date_line = format!("ngày 15 tháng {} năm {}", on.format("%-m"), on.format("%Y"));
        assert!(text.contains(&date_line), "{on}: {date_line}");
    }
}

#[test]
fn old_files_naming_hd36_keep_loading_and_stay_hd36() {
    let mut v = serde_json::to_value(sample()).expect("json");
    v["header"]["date"] = "2026-06-15".into();
    let r = baocao_engine::load::report_from_json(&serde_json::to_vec(&v).expect("bytes"))
        .expect("an old file loads");
    assert_eq!(r.header.profile, "hd36");
    assert_eq!(applicable_profile_id(&r), "hd36", "an explicit choice is kept");
    let problems = baocao_engine::checks::structure::check(&r, &profile_for(&r).expect("profile"));
    let named = problems.iter().find(|p| p.path == "header.profile").expect("told");
    assert!(named.message.contains("05-HD/VPTW"), "{}", named.message);
    // The checks under the form say it too, with the fix that makes the choice follow the date.
    let found = checks::check(&r, &profile_for(&r).expect("profile"));
    let f = found.iter().find(|f| f.code == "the-thuc").expect("a finding");
    assert_eq!((f.path.as_str(), f.fix.as_deref()), ("header.profile", Some("dang")));
    let mut fixed = r.clone();
    fixed.header.profile = "dang".into();
    assert_eq!(applicable_profile_id(&fixed), "hd05");
    let again = checks::check(&fixed, &profile_for(&fixed).expect("profile"));
    assert!(again.iter().all(|f| f.code != "the-thuc"));
}

#[test]
fn import_reads_both_punctuations_and_gives_the_guidance_of_the_date() {
    let today = date(2026, 11, 23);
    for (on, want) in [(date(2026, 6, 15), "hd05"), (date(2019, 5, 15), "hd36")] {
        let r = party_report(on);
        let bytes = render_docx(&r, &profile_for(&r).expect("profile"), env()).expect("docx").bytes;
        let back = baocao_engine::import::import_docx(&bytes, today).expect("imports").report;
        assert_eq!(back.header.date, on);
        assert_eq!(back.header.profile, want, "{on}");
        assert_eq!(back.closing.recipients, r.closing.recipients, "{on}: «,» and «;» both read");
        assert_eq!(back.closing.archive, "Văn phòng");
    }
}
