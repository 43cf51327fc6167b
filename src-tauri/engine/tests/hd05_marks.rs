//! HD 05's supplementary elements and page numbering, read back from what users get: the urgency
//! mark and the draft round under the number (p. 26 §II.3, §II.4.2), «Không phổ biến…» on the
//! last page 10 mm above the bottom edge (p. 26 §II.4.1), the drafter's code at the end of «Nơi
//! nhận» (p. 26 §II.5), each annex numbered on its own (p. 28 §IV.5.2), and room for the
//! signature and seal images (pp. 23–24) with neither painted. The same report in HD 36 and ND 30
//! shows what stays as before.

mod common;

use std::process::Command;

use baocao_engine::layout::{Item, Layout};
use baocao_engine::model::{Block, Urgency};
use baocao_engine::{flow::Role, profile_for, render_docx, render_layout, render_pdf, Report};
use common::*;

/// The HD 05 sample, second draft, urgent, not for the press, with the drafter's code.
fn marked() -> Report {
    let mut r = hd05_sample();
    r.header.urgency = Some(Urgency::Khan);
    r.header.draft = Some(2);
    r.header.not_public = true;
    r.closing.drafter = Some("NTH, 25b".into());
    r
}

/// `r` with three annexes, the second one's table repeated until it fills several pages.
fn with_annexes(mut r: Report) -> Report {
    let first = r.annexes[0].clone();
    let mut long = first.clone();
    long.title = "Số liệu chi tiết theo đơn vị".into();
    for b in &mut long.blocks {
        if let Block::Table(t) = b {
            let rows = t.rows.clone();
            for _ in 0..30 {
                t.rows.extend(rows.iter().cloned());
            }
        }
    }
    let mut short = first.clone();
    short.title = "Danh sách mô hình".into();
    r.annexes = vec![first, long, short];
    r
}

fn docx(r: &Report) -> Package {
    let profile = profile_for(r).expect("profile");
    unzip(&render_docx(r, &profile, env()).expect("renders").bytes)
}

fn laid_out(r: &Report) -> Layout {
    render_layout(r, &profile_for(r).expect("profile"), env()).expect("lays out").1
}

/// The runs of a role on each page: (page index, run).
fn runs(l: &Layout, role: Role) -> Vec<(usize, &baocao_engine::layout::TextRun)> {
    let mut out = Vec::new();
    for (i, p) in l.pages.iter().enumerate() {
        for it in &p.items {
            if let Item::Text(t) = it {
                if t.role == role {
                    out.push((i, t));
                }
            }
        }
    }
    out
}

/// The number printed on each page, none where there is none.
fn page_numbers(l: &Layout) -> Vec<Option<u32>> {
    let mut out = vec![None; l.pages.len()];
    for (i, t) in runs(l, Role::PageNumber) {
        out[i] = Some(t.text.parse().expect("a number"));
    }
    out
}

/// Pages on which an annex starts.
fn annex_starts(l: &Layout) -> Vec<usize> {
    runs(l, Role::AnnexLabel).into_iter().map(|(i, _)| i).collect()
}

/// The numbers each page must carry: counted from 1 at the start and at each annex start, the
/// first page of each run left blank.
fn expected_numbers(pages: usize, starts: &[usize]) -> Vec<Option<u32>> {
    let mut out = Vec::new();
    let mut n = 0;
    for i in 0..pages {
        n = if starts.contains(&i) { 1 } else { n + 1 };
        out.push((n > 1).then_some(n));
    }
    out
}

#[test]
fn urgency_and_draft_go_under_the_number_in_their_styles() {
    for (r, khan) in [(marked(), "KHẨN"), (with_date_2019(marked()), "KHẨN")] {
        let pkg = docx(&r);
        let d = doc(pkg.part("word/document.xml"));
        let number = find_para_starting(&d, "Số ");
        let cell: Vec<roxmltree::Node> = number
            .parent()
            .expect("cell")
            .children()
            .filter(|n| n.has_tag_name((W, "p")))
            .collect();
        let texts: Vec<String> = cell.iter().map(|p| para_text(*p)).collect();
        let at = texts.iter().position(|t| t.starts_with("Số ")).expect("number");
        assert_eq!(texts[at + 1..], [khan.to_string(), "Dự thảo lần 2".to_string()], "{texts:?}");
        assert!(is_on(first_rpr(cell[at + 1]), "b"), "the urgency mark is bold");
        assert!(is_on(first_rpr(cell[at + 2]), "i"), "the draft line is italic");
        assert!(!is_on(first_rpr(cell[at + 2]), "b"));
    }
    let mut plain = marked();
    plain.header.urgency = None;
    plain.header.draft = None;
    let d = docx(&plain);
    let d = doc(d.part("word/document.xml"));
    assert!(paragraphs(&d).iter().all(|(_, t)| t != "KHẨN" && !t.starts_with("Dự thảo")));
}

fn with_date_2019(mut r: Report) -> Report {
    r.header.date = chrono::NaiveDate::from_ymd_opt(2019, 5, 15).expect("date");
    r
}

#[test]
fn not_public_is_framed_10_mm_above_the_bottom_of_the_signature_page_in_hd05() {
    let r = with_annexes(marked());
    let pkg = docx(&r);
    let d = doc(pkg.part("word/document.xml"));
    let notice = find_para(&d, "Không phổ biến trên phương tiện thông tin đại chúng");
    let frame = path(notice, &["pPr", "framePr"]).expect("a frame");
    assert_eq!(wattr(frame, "vAnchor"), Some("page"));
    assert_eq!(wattr(frame, "xAlign"), Some("center"));
    assert_eq!(wattr(frame, "hAnchor"), Some("margin"));
    // Its line (16.09 pt at 14 pt single) ends 10 mm above the bottom edge of the 297 mm page.
    let y = num_attr(frame, "y");
    let h = num_attr(frame, "h");
    let bottom_mm = (y + h) as f64 / 56.6929;
    assert!((bottom_mm - 287.0).abs() < 0.1, "line bottom at {bottom_mm} mm");
    assert!(is_on(first_rpr(notice), "i"));
    // The paragraph follows the signature table, before the first annex.
    let prev = notice.prev_sibling_element().expect("before it");
    assert!(prev.has_tag_name((W, "tbl")), "after the signature block");

    // Our PDF: on the page of the signer's name, its text bottom 10 mm above the edge.
    let l = laid_out(&r);
    let (name_page, _) = runs(&l, Role::SignerName)[0];
    let notes = runs(&l, Role::NotPublic);
    assert_eq!(notes.len(), 1);
    let (page, run) = notes[0];
    assert_eq!(page, name_page, "on the signature's page");
    let edge_mm = (l.height_pt - run.y) / 72.0 * 25.4;
    // The baseline sits the line's descent (about 3 pt) above the line's bottom.
    assert!((10.0..12.0).contains(&edge_mm), "baseline {edge_mm} mm above the edge");
    let mid = run.x + run.width / 2.0;
    let text_mid = (l.content[0] + l.content[2]) / 2.0;
    assert!((mid - text_mid).abs() < 0.5, "centred on the text block");
}

#[test]
fn not_public_follows_the_signature_in_hd36_and_is_not_printed_in_nd30() {
    let r = with_date_2019(marked());
    let d = docx(&r);
    let d = doc(d.part("word/document.xml"));
    let notice = find_para(&d, "Không phổ biến trên phương tiện thông tin đại chúng");
    assert!(path(notice, &["pPr", "framePr"]).is_none(), "in the flow under the signature");
    assert!(notice.prev_sibling_element().expect("prev").has_tag_name((W, "tbl")));
    assert_eq!(jc(notice), Some("center"));

    let mut state = marked();
    state.header.profile = "nd30".into();
    let profile = profile_for(&state).expect("nd30");
    let out = render_docx(&state, &profile, env()).expect("renders");
    let d = unzip(&out.bytes);
    assert!(!d.part("word/document.xml").contains("Không phổ biến"));
    assert!(
        out.warnings.iter().any(|w| w.path == "header.not_public"),
        "the user is told it is not printed: {:?}",
        out.warnings
    );
}

#[test]
fn the_drafter_code_ends_the_recipients() {
    for r in [marked(), with_date_2019(marked())] {
        let d = docx(&r);
        let d = doc(d.part("word/document.xml"));
        let texts: Vec<String> = paragraphs(&d).into_iter().map(|(_, t)| t).collect();
        let at = texts.iter().position(|t| t == "- Lưu Văn phòng.").expect("«Lưu»");
        assert_eq!(texts[at + 1], "NTH, 25b");
    }
}

#[test]
fn each_annex_numbers_its_pages_from_one_in_hd05() {
    let r = with_annexes(marked());
    let l = laid_out(&r);
    let starts = annex_starts(&l);
    assert_eq!(starts.len(), 3, "three annexes");
    assert!(starts[2] - starts[1] >= 3, "the long annex takes several pages: {starts:?}");
    assert_eq!(page_numbers(&l), expected_numbers(l.pages.len(), &starts));

    // The DOCX: a section per annex, numbered from 1, first page unnumbered, no extra break.
    let pkg = docx(&r);
    let d = doc(pkg.part("word/document.xml"));
    let sections: Vec<roxmltree::Node> = descendants(d.root_element(), "sectPr").collect();
    assert_eq!(sections.len(), 4, "the text and three annexes");
    for (i, s) in sections.iter().enumerate() {
        let start = child(*s, "pgNumType").and_then(|n| wattr(n, "start"));
        assert_eq!(start, (i > 0).then_some("1"), "section {i}");
        assert!(child(*s, "titlePg").is_some(), "section {i} hides its first number");
    }
    for s in &sections[..3] {
        let p = s.parent().and_then(|p| p.parent()).expect("its paragraph");
        let next = p.next_sibling_element().expect("an annex follows");
        assert!(para_text(next).starts_with("PHỤ LỤC"), "{}", para_text(next));
        assert!(
            path(next, &["pPr", "pageBreakBefore"]).is_none(),
            "the section break is the page break"
        );
    }

    // The PDF's text: each page's number where the layout put it.
    let pdf = render_pdf(&r, &profile_for(&r).expect("profile"), env()).expect("pdf");
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("phu-luc.pdf");
    std::fs::write(&file, pdf.bytes).expect("write");
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let text = String::from_utf8_lossy(&out.stdout);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), l.pages.len());
    for (i, (page, want)) in pages.iter().zip(expected_numbers(l.pages.len(), &starts)).enumerate()
    {
        let first = page.split_whitespace().next().unwrap_or("");
        match want {
            Some(n) => assert_eq!(first, n.to_string(), "page {}", i + 1),
            None => assert!(first.parse::<u32>().is_err(), "page {} unnumbered: {first}", i + 1),
        }
    }
}

#[test]
fn hd36_numbers_the_annexes_on_from_the_text() {
    let r = with_date_2019(with_annexes(marked()));
    let l = laid_out(&r);
    let numbers = page_numbers(&l);
    let want: Vec<Option<u32>> =
        (0..l.pages.len() as u32).map(|i| (i > 0).then_some(i + 1)).collect();
    assert_eq!(numbers, want);
    let pkg = docx(&r);
    let d = doc(pkg.part("word/document.xml"));
    assert_eq!(descendants(d.root_element(), "sectPr").count(), 1);
    assert!(!pkg.part("word/document.xml").contains("pgNumType"));
}

#[test]
fn room_is_left_for_signature_and_seal_and_neither_is_painted() {
    // HD 05: about the 40.6 mm of its own p. 29; HD 36: the four blank lines it had.
    for (r, least_mm) in [(marked(), 38.0), (with_date_2019(marked()), 26.0)] {
        let l = laid_out(&r);
        let title = runs(&l, Role::SignerTitle)[0].1.y;
        let name = runs(&l, Role::SignerName)[0].1.y;
        let gap = (name - title) / 72.0 * 25.4;
        assert!(gap >= least_mm && gap < least_mm + 4.0, "title→name {gap} mm");
        let pkg = docx(&r);
        assert!(pkg.parts.keys().all(|k| !k.starts_with("word/media/")), "no image in the DOCX");
        assert!(!pkg.part("word/document.xml").contains("<w:drawing"));
    }
}

/// The addressee paragraphs: from «Kính …:» up to the legal bases or the body.
fn addressee_lines(d: &roxmltree::Document) -> Vec<String> {
    let texts: Vec<String> = paragraphs(d).into_iter().map(|(_, t)| t).collect();
    let at = texts.iter().position(|t| t.starts_with("Kính ")).expect("«Kính …:»");
    assert!(texts[..at].iter().any(|t| t.contains("Chỉ thị")), "under the subject");
    texts[at..]
        .iter()
        .take_while(|t| t.starts_with("Kính") || t.starts_with("- ") && !t.starts_with("- Căn cứ"))
        .cloned()
        .collect()
}

#[test]
fn a_submission_under_hd05_lists_kinh_trinh_and_opens_the_recipients_with_nhu_tren() {
    let mut r = marked();
    r.header.doc_type = "TỜ TRÌNH".into();
    r.header.type_code = "TTr".into();
    r.header.addressees = vec!["Ban Thường vụ Tỉnh ủy".into(), "Thường trực Tỉnh ủy".into()];
    let d = docx(&r);
    let d = doc(d.part("word/document.xml"));
    assert_eq!(
        addressee_lines(&d),
        ["Kính trình: - Ban Thường vụ Tỉnh ủy;", "- Thường trực Tỉnh ủy;"],
        "p. 25 §9.2.4–9.2.5"
    );
    let texts: Vec<String> = paragraphs(&d).into_iter().map(|(_, t)| t).collect();
    let at = texts.iter().position(|t| t == "Nơi nhận:").expect("«Nơi nhận:»");
    assert_eq!(texts[at + 1], "- Như trên;");
    // The second addressee lines up under the first (its indent is the label's width further).
    let first = find_para_starting(&d, "Kính trình:");
    let second = find_para(&d, "- Thường trực Tỉnh ủy;");
    let left = |p| path(p, &["pPr", "ind"]).map(|n| num_attr(n, "left")).unwrap_or(0);
    assert!(left(second) > left(first) + 500, "{} vs {}", left(second), left(first));
}

#[test]
fn a_report_says_kinh_gui_with_its_profile_endings() {
    for (profile, date, want) in [
        ("dang", (2026, 6, 15), vec!["Kính gửi: Ban Thường vụ Tỉnh ủy;"]),
        ("dang", (2019, 5, 15), vec!["Kính gửi: Ban Thường vụ Tỉnh ủy."]),
        ("nd30", (2026, 6, 15), vec!["Kính gửi: Ban Thường vụ Tỉnh ủy."]),
    ] {
        let mut r = marked();
        r.header.profile = profile.into();
        r.header.date = chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2).expect("date");
        r.header.addressees = vec!["Ban Thường vụ Tỉnh ủy".into()];
        let d = docx(&r);
        let d = doc(d.part("word/document.xml"));
        assert_eq!(addressee_lines(&d), want, "{profile} {date:?}");
    }
    let mut two = marked();
    two.header.profile = "nd30".into();
    two.header.addressees = vec!["Sở Nội vụ".into(), "Sở Tư pháp".into()];
    let d = docx(&two);
    let d = doc(d.part("word/document.xml"));
    assert_eq!(addressee_lines(&d), ["Kính gửi: - Sở Nội vụ;", "- Sở Tư pháp."]);
}
