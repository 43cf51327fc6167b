//! The layout stage on its own: snapshots of positioned runs, hard inputs (a 500-character
//! token, a very wide table, an empty section, a 1 000-page report, a character the font lacks),
//! and properties over random reports.

mod common;

use baocao_engine::layout::{Item, Layout};
use baocao_engine::model::*;
use baocao_engine::sample::{generated, sample};
use baocao_engine::{render_layout, FormatProfile};
use common::env;
use proptest::prelude::*;

fn lay(report: &Report, profile: &str) -> Layout {
    let profile = FormatProfile::builtin(profile).expect("profile");
    render_layout(report, &profile, env()).expect("lays out").1
}

/// Positions rounded to 0.1 pt, one item per line.
fn dump(layout: &Layout) -> String {
    let mut s = String::new();
    for (i, page) in layout.pages.iter().enumerate() {
        s.push_str(&format!("== page {}\n", i + 1));
        for item in &page.items {
            match item {
                Item::Text(t) => s.push_str(&format!(
                    "T {:.1} {:.1} {}{}{}{} ws={:.2} {:?}\n",
                    t.x,
                    t.y,
                    t.style.size_pt,
                    if t.style.bold { "b" } else { "" },
                    if t.style.italic { "i" } else { "" },
                    if t.style.underline { "u" } else { "" },
                    t.word_spacing,
                    t.text
                )),
                Item::Line(r) => s.push_str(&format!(
                    "L {:.1} {:.1} {:.1} {:.1} w={}\n",
                    r.x1, r.y1, r.x2, r.y2, r.width
                )),
            }
        }
    }
    s
}

#[test]
fn layout_snapshot_party_profile() {
    insta::assert_snapshot!("layout_hd36", dump(&lay(&sample(), "hd36")));
}

#[test]
fn layout_snapshot_party_profile_of_2026() {
    let r = common::hd05_sample();
    insta::assert_snapshot!("layout_hd05", dump(&lay(&r, "hd05")));
}

#[test]
fn layout_snapshot_state_profile() {
    let mut r = sample();
    r.header.profile = "nd30".into();
    insta::assert_snapshot!("layout_nd30", dump(&lay(&r, "nd30")));
}

/// Every text run lies inside the page's content box, except the page number in the top margin.
fn assert_inside(layout: &Layout) {
    let [left, top, right, bottom] = layout.content;
    for (i, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(t) = item {
                let page_number = t.text == (i + 1).to_string() && t.y < top;
                assert!(
                    t.x >= left - 0.01 && t.x + t.width <= right + 0.05,
                    "page {} run out of width: {t:?}",
                    i + 1
                );
                if !page_number {
                    assert!(
                        t.y > top && t.y <= bottom + 0.01,
                        "page {} run out of height: {t:?}",
                        i + 1
                    );
                }
            }
        }
    }
}

fn all_text(layout: &Layout) -> String {
    layout.pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n")
}

/// The characters of `needle` (spaces aside) appear in `hay` in order.
fn in_order(hay: &str, needle: &str) -> bool {
    let mut it = hay.chars().filter(|c| !c.is_whitespace());
    needle.chars().filter(|c| !c.is_whitespace()).all(|c| it.any(|h| h == c))
}

fn with_paragraph(text: &str) -> Report {
    let mut r = sample();
    r.body.opening = vec![Block::Paragraph(Paragraph { text: text.into() })];
    r
}

#[test]
fn a_500_character_token_is_cut_only_where_it_must_be() {
    let token: String =
        "https://vi.wikipedia.org/wiki/".chars().chain(std::iter::repeat('x')).take(500).collect();
    let text = format!("Xem thêm tại {token} để biết chi tiết.");
    let l = lay(&with_paragraph(&text), "hd36");
    assert_inside(&l);
    assert!(in_order(&all_text(&l), &text));
    // "Xem thêm tại" stays whole on its line before the token starts.
    assert!(all_text(&l).contains("Xem thêm tại"));
}

#[test]
fn a_table_wider_than_the_page_wraps_inside_its_cells() {
    let mut r = sample();
    let columns: Vec<Column> = (0..16)
        .map(|i| Column {
            header: format!("Chỉ tiêu thống kê số {i} của năm"),
            kind: if i == 0 { ColumnKind::Text } else { ColumnKind::Number },
            sum_of: vec![],
            width: None,
            previous: false,
            key: None,
            year: None,
        })
        .collect();
    let row: Vec<Cell> = (0..16)
        .map(|i| {
            if i == 0 {
                Cell::Text("Xã Tân Hòa và các ấp lân cận".into())
            } else {
                Cell::Number(123456.0)
            }
        })
        .collect();
    r.annexes[0].blocks = vec![Block::Table(StatTable {
        title: None,
        unit: None,
        stt: true,
        columns,
        rows: vec![row; 30],
        total_label: Some("Tổng".into()),
        collect: None,
        rules: vec![],
        sources: Default::default(),
    })];
    let l = lay(&r, "hd36");
    assert_inside(&l);
    // Narrow cells break even a number where it must (as Word does); nothing is lost.
    assert!(in_order(&all_text(&l), &"123.456 ".repeat(15)));
    assert!(in_order(&all_text(&l), "Xã Tân Hòa và các ấp lân cận"));
}

#[test]
fn an_empty_section_still_renders() {
    let mut r = sample();
    if let Division::Part(p) = &mut r.body.content[0] {
        p.sections.push(Section {
            hint: None,
            title: "Mục chưa viết".into(),
            blocks: vec![],
            points: vec![],
        });
    }
    let l = lay(&r, "hd36");
    assert_inside(&l);
    assert!(all_text(&l).contains("4. Mục chưa viết"));
}

#[test]
fn a_thousand_page_report_lays_out() {
    let l = lay(&generated(1000), "hd36");
    assert!((950..=1050).contains(&l.pages.len()), "{} pages", l.pages.len());
    assert_inside(&l);
    let last = l.pages.len().to_string();
    assert!(l.pages.last().expect("pages").text().starts_with(&last));
}

#[test]
fn a_character_the_font_lacks_is_named_in_a_warning() {
    let profile = FormatProfile::builtin("hd36").expect("profile");
    let r = with_paragraph("Ký hiệu lạ: 漢 và 🙂.");
    let (_, l, warnings) = render_layout(&r, &profile, env()).expect("lays out");
    assert!(all_text(&l).contains('漢'), "the character is kept, not dropped");
    let w: Vec<String> = warnings.iter().map(|p| p.to_string()).collect();
    assert!(w.iter().any(|m| m.contains("漢") && m.contains("U+6F22")), "{w:?}");
    assert!(w.iter().any(|m| m.contains("U+1F642")), "{w:?}");
}

#[test]
fn headings_are_never_left_alone_at_a_page_foot() {
    let l = lay(&generated(40), "hd36");
    let bottom = l.content[3];
    for page in &l.pages {
        let last = page.items.iter().rev().find_map(|i| match i {
            Item::Text(t) => Some(t),
            Item::Line(_) => None,
        });
        if let Some(t) = last {
            assert!(
                !matches!(
                    t.role,
                    baocao_engine::flow::Role::Part | baocao_engine::flow::Role::Section
                ),
                "heading at the foot of a page: {:?} (bottom {bottom})",
                t.text
            );
        }
    }
}

fn vietnamese_word() -> impl Strategy<Value = String> {
    let syllables = [
        "cán",
        "bộ",
        "đảng",
        "viên",
        "học",
        "tập",
        "và",
        "làm",
        "theo",
        "tư",
        "tưởng",
        "đạo",
        "đức",
        "phong",
        "cách",
        "Hồ",
        "Chí",
        "Minh",
        "Nhân",
        "dân",
        "xã",
        "huyện",
        "ủy",
        "ban",
        "nhiệm",
        "vụ",
        "giải",
        "pháp",
        "“điển",
        "hình”",
        "tiên",
        "tiến,",
        "97,55%",
        "1.234",
        "ngày",
        "15/5/2016",
        "A<B&C",
        "nghiêng",
        "khuyết",
        "điểm;",
        "Ưu",
        "Ơn",
        "Đường",
        "Ỷ",
        "ữ",
        "ẵ",
    ];
    proptest::sample::select(syllables.to_vec()).prop_map(str::to_string)
}

fn sentence(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(vietnamese_word(), 1..max).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_reports_lay_out_inside_the_box_and_keep_every_character(
        paras in proptest::collection::vec(sentence(120), 1..12),
        lessons in proptest::collection::vec(sentence(40), 1..8),
        title in sentence(20),
        cells in proptest::collection::vec(sentence(8), 1..20),
        state in any::<bool>(),
    ) {
        let mut r = sample();
        r.body.opening = paras.iter().map(|t| Block::Paragraph(Paragraph { text: t.clone() })).collect();
        r.body.content = vec![Division::Part(Part {
            hint: None,
            title: title.clone(),
            blocks: vec![Block::Lessons(Lessons { intro: None, ordinals: OrdinalSet::MotLa, items: lessons.clone() })],
            sections: vec![],
        })];
        r.annexes = vec![Annex {
            title: title.clone(),
            blocks: vec![Block::Table(StatTable {
                title: None,
                unit: None,
                stt: true,
                columns: vec![
                    Column { header: "Nội dung".into(), kind: ColumnKind::Text, sum_of: vec![], width: Some(2.0), previous: false, key: None, year: None },
                    Column { header: "Ghi chú".into(), kind: ColumnKind::Text, sum_of: vec![], width: None, previous: false, key: None, year: None },
                ],
                rows: cells.iter().map(|c| vec![Cell::Text(c.clone()), Cell::Text(c.clone())]).collect(),
                total_label: None,
                collect: None,
                rules: vec![],
                sources: Default::default(),
            })],
        }];
        let profile = if state { "nd30" } else { "hd36" };
        r.header.profile = profile.into();
        let fp = FormatProfile::builtin(profile).expect("profile");
        let (_, l, _) = render_layout(&r, &fp, env()).expect("lays out");
        assert_inside(&l);
        let text = all_text(&l);
        let mut expected: Vec<String> = paras.clone();
        expected.extend(lessons.iter().cloned());
        expected.extend(cells.iter().cloned());
        let expected = expected.join(" ");
        prop_assert!(in_order(&text, &expected), "characters lost or reordered in the layout");
        // And out of the PDF itself, as a reader extracts it.
        let pdf = baocao_engine::pdf::write(&l).expect("pdf");
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("p.pdf");
        std::fs::write(&path, pdf).expect("write");
        let out = std::process::Command::new("pdftotext").args(["-raw"]).arg(&path).arg("-").output().expect("pdftotext");
        let pdf_text = String::from_utf8_lossy(&out.stdout);
        prop_assert!(in_order(&pdf_text, &expected), "characters lost or reordered in the PDF text");
    }
}
