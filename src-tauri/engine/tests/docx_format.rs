//! Reads the generated DOCX back and checks it against the format profiles value by value.

mod common;

use baocao_engine::metrics::text_width_pt;
use baocao_engine::sample::sample;
use baocao_engine::units::{mm_to_twips, pt_to_mm, twips_to_mm};
use baocao_engine::FormatProfile;
use common::*;

#[test]
fn page_size_margins_and_header_distance_follow_the_party_profile() {
    let pkg = render(&sample(), "hd36");
    let d = doc(pkg.part("word/document.xml"));
    let sect = descendants(d.root_element(), "sectPr").last().expect("sectPr");
    let pg = child(sect, "pgSz").expect("pgSz");
    assert_eq!(num_attr(pg, "w"), 11906);
    assert_eq!(num_attr(pg, "h"), 16838);
    let m = child(sect, "pgMar").expect("pgMar");
    assert_eq!(num_attr(m, "top"), 1134);
    assert_eq!(num_attr(m, "bottom"), 1134);
    assert_eq!(num_attr(m, "left"), 1701);
    assert_eq!(num_attr(m, "right"), 850);
    assert_eq!(num_attr(m, "header"), 567);
    assert!(child(sect, "titlePg").is_some(), "different first page (no number on page 1)");
}

#[test]
fn fonts_in_all_four_slots_size_and_language_in_the_defaults() {
    let pkg = render(&sample(), "hd36");
    let s = doc(pkg.part("word/styles.xml"));
    let rpr = path(s.root_element(), &["docDefaults", "rPrDefault", "rPr"]).expect("rPrDefault");
    let fonts = child(rpr, "rFonts").expect("rFonts");
    for slot in ["ascii", "hAnsi", "cs", "eastAsia"] {
        assert_eq!(wattr(fonts, slot), Some("Times New Roman"), "default slot {slot}");
    }
    assert_eq!(size_half_points(rpr), 28);
    let lang = child(rpr, "lang").expect("w:lang in defaults");
    assert_eq!(wattr(lang, "val"), Some("vi-VN"));
    assert_eq!(wattr(lang, "eastAsia"), Some("vi-VN"));

    // Every run names the font in all four slots too.
    let d = doc(pkg.part("word/document.xml"));
    let mut runs = 0;
    for r in descendants(d.root_element(), "r") {
        let f = path(r, &["rPr", "rFonts"]).expect("every run has rFonts");
        for slot in ["ascii", "hAnsi", "cs", "eastAsia"] {
            assert_eq!(wattr(f, slot), Some("Times New Roman"));
        }
        runs += 1;
    }
    assert!(runs > 100, "{runs} runs");
    assert!(!pkg.part("word/document.xml").contains("\"justified\""), "invalid jc value");
}

#[test]
fn party_header_block_sizes_styles_and_rule() {
    let pkg = render(&sample(), "hd36");
    let d = doc(pkg.part("word/document.xml"));
    let profile = FormatProfile::builtin("hd36").expect("profile");

    // The header is the first table: borderless, two columns 45 % / 55 % of 165 mm.
    let tbl = descendants(d.root_element(), "tbl").next().expect("header table");
    let grid: Vec<i64> = descendants(tbl, "gridCol").map(|g| num_attr(g, "w")).collect();
    assert_eq!(grid.len(), 2);
    assert!((grid[0] - 4210).abs() <= 2 && (grid[1] - 5145).abs() <= 2, "{grid:?}");
    let borders = path(tbl, &["tblPr", "tblBorders"]).expect("tblBorders");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let b = child(borders, side).unwrap_or_else(|| panic!("{side} border"));
        assert!(matches!(wattr(b, "val"), Some("nil" | "none")), "header table {side} border");
    }
    assert!(path(tbl, &["tblPr", "tblStyle"]).is_none(), "no bordered table style");

    let sup = find_para(&d, "HUYỆN ỦY TÂN LẬP GIANG");
    assert_eq!(size_half_points(first_rpr(sup)), 28);
    assert!(!is_on(first_rpr(sup), "b"), "superior body is regular");
    assert_eq!(jc(sup), Some("center"));

    let issuer = find_para(&d, "BAN TUYÊN GIÁO");
    assert_eq!(size_half_points(first_rpr(issuer)), 28);
    assert!(is_on(first_rpr(issuer), "b"), "issuing body is bold");

    let star = find_para(&d, "*");
    assert_eq!(size_half_points(first_rpr(star)), 28);

    let number = find_para(&d, "Số 45-BC/BTGHU");
    assert!(!is_on(first_rpr(number), "b"));

    let heading = find_para(&d, "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_eq!(size_half_points(first_rpr(heading)), 30);
    assert!(is_on(first_rpr(heading), "b"));
    assert!(!is_on(first_rpr(heading), "u"), "the rule is a border, not an underline");

    // The rule: the next paragraph is empty, with a bottom border as long as the heading.
    let rule = heading.next_sibling_element().expect("rule paragraph");
    assert_eq!(para_text(rule), "");
    let bottom = path(rule, &["pPr", "pBdr", "bottom"]).expect("bottom border");
    assert_eq!(wattr(bottom, "val"), Some("single"));
    assert_eq!(num_attr(bottom, "sz"), 4, "0.5 pt = 4 eighths");
    // Only the bottom side: a box would print as a thin rectangle (and take height).
    for side in ["top", "left", "right", "between"] {
        assert!(path(rule, &["pPr", "pBdr", side]).is_none(), "rule has a {side} border");
    }
    let ind = path(rule, &["pPr", "ind"]).expect("indents");
    let cell_w = mm_to_twips(profile.page.content_width_mm() * 0.55);
    let length = cell_w as i64 - num_attr(ind, "left") - num_attr(ind, "right");
    let measured =
        mm_to_twips(pt_to_mm(text_width_pt("ĐẢNG CỘNG SẢN VIỆT NAM", 15.0, true, false)));
    assert!((length - measured as i64).abs() <= 3, "rule {length} twips, heading {measured}");
    let mm = twips_to_mm(length as i32);
    assert!((70.0..78.0).contains(&mm), "≈ 74 mm, got {mm}");

    let date = find_para(&d, "Tân Lập Giang, ngày 20 tháng 5 năm 2019");
    assert!(is_on(first_rpr(date), "i"), "date line is italic");
    assert_eq!(size_half_points(first_rpr(date)), 28);

    // Number and date share the second row.
    let row2 = descendants(tbl, "tr").nth(1).expect("second row");
    let texts: Vec<String> = descendants(row2, "p").map(para_text).collect();
    assert_eq!(texts, ["Số 45-BC/BTGHU", "Tân Lập Giang, ngày 20 tháng 5 năm 2019"]);
}

#[test]
fn title_subject_separator_and_body_spacing() {
    let pkg = render(&sample(), "hd36");
    let d = doc(pkg.part("word/document.xml"));
    let t = find_para(&d, "BÁO CÁO");
    assert_eq!(size_half_points(first_rpr(t)), 32);
    assert!(is_on(first_rpr(t), "b"));
    assert_eq!(jc(t), Some("center"));
    let before = path(t, &["pPr", "spacing"]).and_then(|s| wattr(s, "before"));
    assert_eq!(before, Some("360"), "one empty 18 pt line before BÁO CÁO");

    let subject = find_para_starting(&d, "sơ kết 03 năm");
    assert_eq!(size_half_points(first_rpr(subject)), 28);
    assert!(is_on(first_rpr(subject), "b"));
    assert_eq!(jc(subject), Some("center"));
    assert_eq!(para_text(subject).matches('\n').count(), 2, "chosen line breaks kept");
    let sep = subject.next_sibling_element().expect("separator");
    assert_eq!(para_text(sep), "-----");

    let body = find_para_starting(&d, "Thực hiện Kế hoạch số 112-KH/BTGTU");
    assert_eq!(jc(body), Some("both"));
    let ind = path(body, &["pPr", "ind"]).expect("indent");
    assert_eq!(num_attr(ind, "firstLine"), 567);
    let sp = path(body, &["pPr", "spacing"]).expect("spacing");
    assert_eq!(num_attr(sp, "line"), 360);
    assert_eq!(wattr(sp, "lineRule"), Some("exact"));
    assert_eq!(num_attr(sp, "before"), 120);
    assert_eq!(num_attr(sp, "after"), 0);
    assert!(path(body, &["pPr", "widowControl"]).is_some());
}

#[test]
fn heading_ladder_lessons_and_solution_groups_are_generated() {
    let pkg = render(&sample(), "hd36");
    let d = doc(pkg.part("word/document.xml"));
    let texts: Vec<String> = paragraphs(&d).into_iter().map(|(_, t)| t).collect();
    let pos = |prefix: &str| {
        texts
            .iter()
            .position(|t| t.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix:?} missing"))
    };
    let order = [
        "I. CÔNG TÁC LÃNH ĐẠO",
        "1. Công tác quán triệt",
        "2. Việc học tập chuyên đề",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "a) Nguyên nhân của ưu điểm",
        "b) Nguyên nhân của hạn chế",
        "Một là, cấp ủy",
        "Hai là, ",
        "Ba là, ",
        "Bốn là, tăng cường",
        "IV. PHƯƠNG HƯỚNG",
        "(1) Nâng cao",
        "(6) Tăng cường",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
        "- Đối với Ban Tuyên giáo Tỉnh ủy: quan tâm",
        "Trên đây là báo cáo",
    ];
    let positions: Vec<usize> = order.iter().map(|p| pos(p)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "out of order: {positions:?}");

    let part = find_para_starting(&d, "I. CÔNG TÁC");
    assert!(is_on(first_rpr(part), "b"));
    assert!(path(part, &["pPr", "keepNext"]).is_some(), "headings keep with next");
    let point = find_para_starting(&d, "a) Nguyên nhân của ưu điểm");
    assert!(
        is_on(first_rpr(point), "b") && is_on(first_rpr(point), "i"),
        "point heading bold italic"
    );
    // A point without a title: its letter opens the paragraph.
    assert!(texts.iter().any(|t| t.starts_with("a) Ủy ban Kiểm tra Huyện ủy")));
    assert!(texts.iter().any(|t| t.starts_with("b) Ban Tuyên giáo Huyện ủy phối hợp")));

    // Computed count with a leading zero; figures in Vietnamese number format.
    assert!(texts
        .iter()
        .any(|t| t.contains("tập trung thực hiện 06 nhóm nhiệm vụ, giải pháp sau:")));
    assert!(texts
        .iter()
        .any(|t| t.contains("Tổ chức 03 hội nghị quán triệt cấp huyện với 1.146 lượt")));
    assert!(texts.iter().any(|t| t.contains("đạt tỷ lệ 97,55%")));
    assert!(texts.iter().any(|t| t == "Nguyên nhân khách quan:"));
    assert!(texts.iter().any(|t| t.starts_with("+ Ở cơ sở")));
}

#[test]
fn page_number_in_the_header_hidden_on_page_one() {
    let pkg = render(&sample(), "hd36");
    let rels = pkg.part("word/_rels/document.xml.rels");
    let d = doc(pkg.part("word/document.xml"));
    let sect = descendants(d.root_element(), "sectPr").last().expect("sectPr");
    let refs: Vec<(String, String)> = descendants(sect, "headerReference")
        .map(|h| {
            (
                wattr(h, "type").unwrap_or("").to_string(),
                h.attribute((
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                    "id",
                ))
                .unwrap_or("")
                .to_string(),
            )
        })
        .collect();
    let target = |id: &str| {
        let r = doc(rels);
        let node = r.descendants().find(|n| n.attribute("Id") == Some(id)).expect("relationship");
        format!("word/{}", node.attribute("Target").expect("target"))
    };
    let default = refs.iter().find(|(t, _)| t == "default").expect("default header");
    let first = refs.iter().find(|(t, _)| t == "first").expect("first-page header");
    let dh = pkg.part(&target(&default.1));
    let fh = pkg.part(&target(&first.1));
    let dd = doc(dh);
    let instr: String =
        descendants(dd.root_element(), "instrText").filter_map(|n| n.text()).collect();
    assert!(instr.contains("PAGE"), "PAGE field in default header: {instr:?}");
    let p = descendants(dd.root_element(), "p").next().expect("header paragraph");
    assert_eq!(jc(p), Some("center"));
    let sizes: Vec<u32> =
        descendants(p, "r").map(|r| size_half_points(child(r, "rPr").expect("rPr"))).collect();
    assert!(!sizes.is_empty() && sizes.iter().all(|s| *s == 28), "page number 14 pt: {sizes:?}");
    assert!(!fh.contains("PAGE"), "no page number on page 1");
}

#[test]
fn a_zero_in_a_count_column_prints_0_and_one_prints_01() {
    use baocao_engine::model::{Block, Cell};
    let mut r = sample();
    let Block::Table(t) = &mut r.annexes[1].blocks[0] else { panic!("table") };
    t.rows[0][1] = Cell::Number(0.0);
    t.rows[0][2] = Cell::Number(1.0);
    let pkg = render(&r, "hd36");
    let d = doc(pkg.part("word/document.xml"));
    let table = descendants(d.root_element(), "tbl").nth(3).expect("annex 2 table");
    let row = descendants(table, "tr").nth(1).expect("first row");
    let cells: Vec<String> = descendants(row, "p").map(para_text).collect();
    assert_eq!(cells, ["1", "Huyện ủy", "0", "01", "01"]);
}

#[test]
fn statistics_tables_have_borders_repeated_header_and_totals() {
    let pkg = render(&sample(), "hd36");
    let d = doc(pkg.part("word/document.xml"));
    let tables: Vec<_> = descendants(d.root_element(), "tbl").collect();
    // header, closing, 3 annex tables.
    assert_eq!(tables.len(), 5);
    let t = tables[2];
    let borders = path(t, &["tblPr", "tblBorders"]).expect("borders");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let b = child(borders, side).unwrap_or_else(|| panic!("{side}"));
        assert_eq!(wattr(b, "val"), Some("single"));
        assert_eq!(num_attr(b, "sz"), 4);
    }
    let rows: Vec<_> = descendants(t, "tr").collect();
    assert!(path(rows[0], &["trPr", "tblHeader"]).is_some(), "header row repeats");
    assert!(path(rows[1], &["trPr", "tblHeader"]).is_none());
    // The header row never stays alone at a page foot (Word and LibreOffice read keepNext on
    // every paragraph of a row as "keep this row with the next").
    for p in descendants(rows[0], "p") {
        assert!(path(p, &["pPr", "keepNext"]).is_some(), "header cell keeps with the next row");
    }
    assert!(descendants(rows[1], "p").all(|p| path(p, &["pPr", "keepNext"]).is_none()));
    // Row heights are explicit, as our layout computes them: 2 pt + a 13 pt single line
    // (14.94 pt) + 2 pt + the 0.5 pt border = 19.45 pt = 389 twips "at least" for a one-line row.
    let height = |row| path(row, &["trPr", "trHeight"]).expect("row height");
    // Each further 13 pt line adds 14.94 pt (299 twips).
    let heights: Vec<i64> = rows.iter().map(|r| num_attr(height(*r), "val")).collect();
    assert!(heights.contains(&389), "{heights:?}");
    assert!(heights.iter().all(|h| *h >= 389 && (h - 389) % 299 == 0), "{heights:?}");
    assert!(rows.iter().all(|r| wattr(height(*r), "hRule") == Some("atLeast")));
    let header: Vec<String> = descendants(rows[0], "p").map(para_text).collect();
    assert_eq!(header[0], "STT");
    assert!(is_on(first_rpr(descendants(rows[0], "p").next().expect("p")), "b"));
    let last: Vec<String> = descendants(*rows.last().expect("rows"), "p").map(para_text).collect();
    // Totals of each year (2016: 1.146; 2017: 5.204+8.315; 2018: 5.391+9.042+312; 2019:
    // 2.870+4.106) and the row sums.
    assert_eq!(last, ["", "Tổng cộng", "1.146", "13.519", "14.745", "6.976", "36.386", ""]);
    let row2: Vec<String> = descendants(rows[2], "p").map(para_text).collect();
    assert_eq!(row2[0], "2");
    assert_eq!(row2[6], "13.465", "row sum computed");
}

#[test]
fn closing_block_never_splits_and_recipients_follow_the_profile() {
    let pkg = render(&sample(), "hd36");
    let d = doc(pkg.part("word/document.xml"));
    let sentence = find_para_starting(&d, "Trên đây là báo cáo");
    assert!(path(sentence, &["pPr", "keepNext"]).is_some(), "sentence keeps with the block");
    let tables: Vec<_> = descendants(d.root_element(), "tbl").collect();
    let closing = tables[1];
    let row = descendants(closing, "tr").next().expect("row");
    assert!(path(row, &["trPr", "cantSplit"]).is_some());

    let label = find_para(&d, "Nơi nhận:");
    let runs: Vec<_> = descendants(label, "r").collect();
    assert!(is_on(path(runs[0], &["rPr"]).expect("rPr"), "u"), "label underlined");
    assert!(!is_on(path(runs[1], &["rPr"]).expect("rPr"), "u"), "colon not underlined");
    assert_eq!(size_half_points(path(runs[0], &["rPr"]).expect("rPr")), 28);
    let r1 = find_para(&d, "- Ban Tuyên giáo Tỉnh ủy,");
    assert_eq!(size_half_points(first_rpr(r1)), 24);
    find_para(&d, "- Lưu Văn phòng.");

    let auth = find_para(&d, "K/T TRƯỞNG BAN");
    assert!(is_on(first_rpr(auth), "b"));
    let title = find_para(&d, "PHÓ TRƯỞNG BAN");
    assert!(!is_on(first_rpr(title), "b"), "Party: title not bold");
    let name = find_para(&d, "Lê Thị Hồng Nhung");
    assert!(is_on(first_rpr(name), "b"));
    let texts: Vec<String> = descendants(closing, "p").map(para_text).collect();
    let t = texts.iter().position(|t| t == "PHÓ TRƯỞNG BAN").expect("title");
    let n = texts.iter().position(|t| t == "Lê Thị Hồng Nhung").expect("name");
    assert_eq!(n - t - 1, 4, "four blank lines for signature and seal");
}

#[test]
fn annexes_start_on_a_new_page_with_reference_line() {
    let pkg = render(&sample(), "hd36");
    let d = doc(pkg.part("word/document.xml"));
    let label = find_para(&d, "PHỤ LỤC 1");
    assert!(path(label, &["pPr", "pageBreakBefore"]).is_some());
    let label2 = find_para(&d, "PHỤ LỤC 2");
    assert!(path(label2, &["pPr", "pageBreakBefore"]).is_some());
    let reference = "(Kèm theo Báo cáo số 45-BC/BTGHU, ngày 20/5/2019 của Ban Tuyên giáo Huyện ủy Tân Lập Giang)";
    let r = find_para(&d, reference);
    assert!(is_on(first_rpr(r), "i"));
}

#[test]
fn document_properties_and_compression() {
    let pkg = render(&sample(), "hd36");
    let core = doc(pkg.part("docProps/core.xml"));
    let text = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("{name}"))
            .to_string()
    };
    assert!(text("title").starts_with("Báo cáo sơ kết 03 năm thực hiện Chỉ thị số 05-CT/TW"));
    assert_eq!(text("creator"), "Ban Tuyên giáo Huyện ủy Tân Lập Giang");
    assert_eq!(text("created"), "2019-05-20T08:30:00Z");
    assert_eq!(text("modified"), "2019-05-20T08:30:00Z");
    assert_eq!(text("language"), "vi-VN");
    // Every part but the tiny core properties is deflated (setting up a deflate stream costs
    // more than the few hundred bytes it would save there).
    for (name, method) in &pkg.compression {
        let expected = if name == "docProps/core.xml" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        assert_eq!(*method, expected, "{name}");
    }
}

#[test]
fn state_profile_differs_where_nd30_says() {
    let mut report = sample();
    report.header.profile = "nd30".into();
    report.header.superior_body = None;
    report.header.issuing_body = "Ủy ban nhân dân\nhuyện Tân Lập Giang".into();
    report.header.issuer_code = "UBND".into();
    report.header.number = Some(7);
    report.header.date = chrono::NaiveDate::from_ymd_opt(2020, 3, 5).expect("date");
    report.closing.authority = Some(baocao_engine::model::Authority {
        kind: baocao_engine::model::AuthorityKind::Tm,
        of: "Ủy ban nhân dân".into(),
    });
    report.closing.signer_title = "Chủ tịch".into();
    report.closing.archive = "VP".into();
    let pkg = render(&report, "nd30");
    let d = doc(pkg.part("word/document.xml"));
    let sect = descendants(d.root_element(), "sectPr").last().expect("sectPr");
    let m = child(sect, "pgMar").expect("pgMar");
    assert_eq!(num_attr(m, "left"), 1701);

    let qh = find_para(&d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(size_half_points(first_rpr(qh)), 26);
    assert!(is_on(first_rpr(qh), "b"));
    let motto = find_para(&d, "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(size_half_points(first_rpr(motto)), 28);
    let rule = motto.next_sibling_element().expect("rule");
    assert!(path(rule, &["pPr", "pBdr", "bottom"]).is_some(), "rule under the motto");

    let issuer = find_para(&d, "ỦY BAN NHÂN DÂN\nHUYỆN TÂN LẬP GIANG");
    assert!(is_on(first_rpr(issuer), "b"));
    let under = issuer.next_sibling_element().expect("rule under issuer");
    assert!(path(under, &["pPr", "pBdr", "bottom"]).is_some(), "State: rule, no star");
    assert!(paragraphs(&d).iter().all(|(_, t)| t != "*"));

    find_para(&d, "Số: 07/BC-UBND");
    find_para(&d, "Tân Lập Giang, ngày 05 tháng 3 năm 2020");
    let subject = find_para_starting(&d, "Sơ kết 03 năm");
    assert!(is_on(first_rpr(subject), "b"), "State subject capitalised and bold");
    assert!(paragraphs(&d).iter().all(|(_, t)| t != "-----"), "State: rule, not -----");

    find_para(&d, "TM. ỦY BAN NHÂN DÂN");
    let title = find_para(&d, "CHỦ TỊCH");
    assert!(is_on(first_rpr(title), "b"), "State: title bold");
    let label = find_para(&d, "Nơi nhận:");
    let rpr = first_rpr(label);
    assert!(is_on(rpr, "b") && is_on(rpr, "i"));
    assert_eq!(size_half_points(rpr), 24);
    let r = find_para(&d, "- Ban Tuyên giáo Tỉnh ủy;");
    assert_eq!(size_half_points(first_rpr(r)), 22);
    find_para(&d, "- Lưu: VT, VP.");
    find_para_starting(&d, "Trên đây là báo cáo").parent();
    assert!(paragraphs(&d).iter().any(|(_, t)| t.starts_with("Trên đây") && t.ends_with("./.")));
}

#[test]
fn phan_groups_restart_roman_numerals() {
    use baocao_engine::model::{Division, Phan};
    let mut r = sample();
    let parts: Vec<_> = r
        .body
        .content
        .drain(..)
        .map(|d| match d {
            Division::Part(p) => p,
            Division::Phan(_) => unreachable!("the sample has no Phần"),
        })
        .collect();
    let (first, second) = parts.split_at(3);
    r.body.content = vec![
        Division::Phan(Phan {
            hint: None,
            title: "Kết quả 03 năm thực hiện Chỉ thị 05".into(),
            blocks: vec![],
            parts: first.to_vec(),
        }),
        Division::Phan(Phan {
            hint: None,
            title: "Phương hướng, nhiệm vụ thời gian tới".into(),
            blocks: vec![],
            parts: second.to_vec(),
        }),
    ];
    let pkg = render(&r, "hd36");
    let d = doc(pkg.part("word/document.xml"));
    let texts: Vec<String> = paragraphs(&d).into_iter().map(|(_, t)| t).collect();
    let at = |t: &str| texts.iter().position(|x| x == t).unwrap_or_else(|| panic!("{t:?} missing"));
    let p1 = at("Phần thứ nhất");
    assert_eq!(texts[p1 + 1], "KẾT QUẢ 03 NĂM THỰC HIỆN CHỈ THỊ 05");
    let p2 = at("Phần thứ hai");
    assert!(texts[p2 + 2].starts_with("I. PHƯƠNG HƯỚNG"), "numerals restart: {}", texts[p2 + 2]);
    let marker = find_para(&d, "Phần thứ nhất");
    assert_eq!(jc(marker), Some("center"));
    assert!(is_on(first_rpr(marker), "b"));
}

/// A lesson typed "Hai là, …" prints its ordinal once (the engine's), and one warning says why.
#[test]
fn ordinals_typed_by_the_user_are_printed_once() {
    let mut report = sample();
    let mut found = false;
    let mut originals = Vec::new();
    for b in baocao_engine::model::walk::blocks_mut(&mut report) {
        if let baocao_engine::model::Block::Lessons(l) = b {
            originals = vec![l.items[1].clone(), l.items[2].clone()];
            l.items[1] = format!("Hai là, {}", l.items[1]);
            l.items[2] = format!("thứ ba: {}", l.items[2]);
            found = true;
        }
    }
    assert!(found, "the sample has lessons");
    let profile = baocao_engine::FormatProfile::builtin("hd36").expect("profile");
    let rendered = baocao_engine::render_docx(&report, &profile, env()).expect("renders");
    let pkg = unzip(&rendered.bytes);
    let d = doc(pkg.part("word/document.xml"));
    let texts: Vec<String> = paragraphs(&d).into_iter().map(|(_, t)| t).collect();
    for (opener, original) in ["Hai là, ", "Ba là, "].iter().zip(&originals) {
        let expected = format!("{opener}{original}");
        assert!(texts.contains(&expected), "{expected:?} not printed as such");
    }
    let warnings: Vec<&str> = rendered
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .filter(|m| m.contains("gõ sẵn thứ tự"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("2 («Hai là,»)") && warnings[0].contains("3 («thứ ba:»)"));
}

/// Bold and italic inside a paragraph («**Về công tác tuyên truyền:**», «_nghiêng_») reach the
/// DOCX as bold / italic runs, the PDF in the bold and italic faces, the preview's SVG as bold /
/// italic text, without the markers; roll forward and templates keep them.
#[test]
fn inline_bold_and_italic_reach_every_writer() {
    use baocao_engine::model::{Block, Paragraph};
    let mut r = sample();
    r.body.opening = vec![Block::Paragraph(Paragraph {
        text: "**Về công tác tuyên truyền:** Ban Tuyên giáo _chủ động_ phối hợp; tệp ten_tep giữ nguyên."
            .into(),
    })];
    let pkg = render(&r, "hd36");
    let xml = pkg.part("word/document.xml");
    assert!(!xml.contains("**") && !xml.contains("_chủ động_"), "markers left in the DOCX");
    let d = doc(xml);
    let p = find_para_starting(&d, "Về công tác tuyên truyền:");
    let runs: Vec<(String, bool, bool)> = descendants(p, "r")
        .map(|run| {
            let text: String = descendants(run, "t").filter_map(|t| t.text()).collect();
            let rpr = child(run, "rPr");
            (text, rpr.is_some_and(|r| is_on(r, "b")), rpr.is_some_and(|r| is_on(r, "i")))
        })
        .filter(|(t, _, _)| !t.is_empty())
        .collect();
    assert!(runs.iter().any(|(t, b, i)| t == "Về công tác tuyên truyền:" && *b && !*i), "{runs:?}");
    assert!(runs.iter().any(|(t, b, i)| t == "chủ động" && !*b && *i), "{runs:?}");
    assert!(runs.iter().any(|(t, b, _)| t.contains("ten_tep") && !*b), "{runs:?}");

    let profile = FormatProfile::builtin("hd36").expect("profile");
    let pdf = baocao_engine::render_pdf(&r, &profile, env()).expect("pdf");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("b.pdf");
    std::fs::write(&path, &pdf.bytes).expect("write");
    let out =
        std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
    assert!(text.contains("Về công tác tuyên truyền: Ban Tuyên giáo chủ động phối hợp"), "{text}");
    assert!(!text.contains("**"));

    let (_, pages, _) = baocao_engine::render_layout(&r, &profile, env()).expect("layout");
    let svg = baocao_engine::svg::page(&pages, 0, None);
    let bold =
        svg.split("<text").find(|t| t.contains("Về công tác tuyên truyền:")).expect("svg text");
    assert!(bold.contains("bold"), "{bold}");
    let italic = svg.split("<text").find(|t| t.contains("chủ động")).expect("italic");
    assert!(italic.contains("italic") && !italic.contains("Ban Tuyên giáo"), "{italic}");

    let next = baocao_engine::rollforward::next_period(&r, 1);
    assert!(
        matches!(&next.body.opening[0], Block::Paragraph(p) if p.text.starts_with("**Về công tác"))
    );
}
