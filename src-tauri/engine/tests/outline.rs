//! The editor's view of a report (`outline::Outline`, `outline::profile_choices`): each outline
//! label, opener and table total is what the document prints, over the corpus, every shipped
//! template and the sample with a «Phần» group; the «Thể thức» choices follow the date as
//! rendering does.

mod common;

use baocao_engine::flow::{self, FBlock, FPara, Flow};
use baocao_engine::model::{walk, Block, Division, Phan, StatTable};
use baocao_engine::outline::{profile_choices, Outline, OutlineKind};
use baocao_engine::profile::resolve_id;
use baocao_engine::{profile_for, templates, FormatProfile, Report};
use chrono::NaiveDate;
use common::*;

/// The reports checked: the corpus, every shipped template filled, the sample with a Phần.
fn reports() -> Vec<(String, Report)> {
    let mut out = baocao_engine::corpus::corpus();
    let today = NaiveDate::from_ymd_opt(2019, 5, 20).expect("date");
    for t in templates::builtin() {
        let r = templates::instantiate(&t, &named(&t), today).expect("template fills");
        out.push((format!("template {}", t.id), r));
    }
    out.push(("sample with a Phần".into(), with_phan(baocao_engine::sample::sample())));
    out.push(("hd05 sample".into(), hd05_sample()));
    out
}

/// The sample with its first two parts in a «Phần» group, the others in a second one.
fn with_phan(mut r: Report) -> Report {
    let mut parts: Vec<_> = r
        .body
        .content
        .drain(..)
        .filter_map(|d| match d {
            Division::Part(p) => Some(p),
            Division::Phan(_) => None,
        })
        .collect();
    let rest = parts.split_off(2);
    let phan = |title: &str, parts| {
        Division::Phan(Phan { title: title.into(), hint: None, blocks: vec![], parts })
    };
    r.body.content = vec![
        phan("Kết quả giai đoạn [từ năm] – [đến năm]", parts),
        phan("Phương hướng, nhiệm vụ", rest),
    ];
    r.period = Some(baocao_engine::model::Period { start_year: 2016, end_year: 2019 });
    r
}

/// Whether the point at `path` is untitled and opens with a table (no paragraph of its own).
fn report_block_first(report: &Report, path: &str) -> bool {
    let first = format!("{path}.blocks[0]");
    walk::blocks(report).any(|(p, b)| p == first && matches!(b, Block::Table(_)))
}

/// The flow's paragraphs in order.
fn paras(flow: &Flow) -> Vec<&FPara> {
    flow.blocks
        .iter()
        .filter_map(|b| match b {
            FBlock::Para(p) => Some(p),
            FBlock::Table(_) => None,
        })
        .collect()
}

/// The paragraph anchored at `path` and the one after it, if a paragraph is.
fn try_anchored<'a>(ps: &[&'a FPara], path: &str) -> Option<(&'a FPara, Option<&'a FPara>)> {
    let i = ps.iter().position(|p| p.anchor.as_deref() == Some(path))?;
    Some((ps[i], ps.get(i + 1).copied()))
}

/// The paragraph anchored at `path` and the one after it.
fn anchored<'a>(ps: &[&'a FPara], path: &str) -> (&'a FPara, Option<&'a FPara>) {
    let i = ps
        .iter()
        .position(|p| p.anchor.as_deref() == Some(path))
        .unwrap_or_else(|| panic!("no paragraph anchored at {path}"));
    (ps[i], ps.get(i + 1).copied())
}

#[test]
fn every_outline_label_is_what_the_flow_prints() {
    let mut checked = 0;
    for (name, report) in reports() {
        let profile = profile_for(&report).expect("profile");
        let view = Outline::of(&report, &profile);
        let flow = flow::build(&report, &profile, env().now);
        let ps = paras(&flow);
        for it in &view.items {
            let what = format!("{name}: {}", it.path);
            match it.kind {
                OutlineKind::Part | OutlineKind::Section => {
                    assert_eq!(anchored(&ps, &it.path).0.text(), it.label, "{what}");
                    checked += 1;
                }
                OutlineKind::Point => {
                    // An untitled point's letter opens its first block's paragraph (anchored at
                    // the block); one opening with a table has no paragraph of its own.
                    let first = format!("{}.blocks[0]", it.path);
                    let Some((p, _)) =
                        try_anchored(&ps, &it.path).or_else(|| try_anchored(&ps, &first))
                    else {
                        assert!(report_block_first(&report, &it.path), "{what}: no paragraph");
                        continue;
                    };
                    assert!(p.text().starts_with(&it.number), "{what}: {}", p.text());
                    if p.role == flow::Role::Point {
                        assert_eq!(p.text(), it.label, "{what}");
                    }
                    checked += 1;
                }
                OutlineKind::Phan | OutlineKind::Annex => {
                    let (marker, title) = anchored(&ps, &it.path);
                    assert_eq!(marker.text(), it.number, "{what}");
                    assert_eq!(title.expect("title line").text(), it.title, "{what}");
                    assert_eq!(it.label, format!("{}: {}", it.number, it.title), "{what}");
                    checked += 1;
                }
                _ => {}
            }
            assert!(!it.label.contains("[năm") && !it.label.contains("[từ năm]"), "{what}");
        }
        for o in &view.openers {
            for (i, opener) in o.items.iter().enumerate() {
                let key = if o.lead.is_some() { "groups" } else { "items" };
                let (p, _) = anchored(&ps, &format!("{}.{key}[{i}]", o.path));
                assert!(p.text().contains(opener.as_str()), "{name}: {} «{opener}»", o.path);
                checked += 1;
            }
            if let Some(lead) = &o.lead {
                let (p, _) = anchored(&ps, &o.path);
                assert!(p.text().ends_with(lead.as_str()), "{name}: {} lead «{lead}»", o.path);
            }
        }
        assert_tables(&name, &report, &view, &flow);
    }
    assert!(checked > 500, "{checked} labels checked");
}

/// Each table's view is the statistics table the flow prints (body rows and totals, no STT).
fn assert_tables(name: &str, report: &Report, view: &Outline, flow: &Flow) {
    let tables: Vec<(String, &StatTable)> = walk::blocks(report)
        .filter_map(|(path, b)| match b {
            Block::Table(t) => Some((path, t)),
            _ => None,
        })
        .collect();
    assert_eq!(view.tables.len(), tables.len(), "{name}");
    // The statistics tables are the flow's bordered ones, in reading order.
    let printed: Vec<_> = flow
        .blocks
        .iter()
        .filter_map(|b| match b {
            FBlock::Table(t) if t.border_pt.is_some() => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(printed.len(), tables.len(), "{name}");
    for ((path, t), (tv, ft)) in tables.iter().zip(view.tables.iter().zip(printed)) {
        assert_eq!(&tv.path, path);
        let skip = usize::from(t.stt);
        let rows: Vec<Vec<String>> = ft.rows[1..]
            .iter()
            .map(|r| {
                r.cells[skip..].iter().map(|c| c.paras.iter().map(FPara::text).collect()).collect()
            })
            .collect();
        let (body, totals) = match t.total_label {
            Some(_) => (&rows[..rows.len() - 1], rows.last().cloned()),
            None => (&rows[..], None),
        };
        assert_eq!(tv.rows, body, "{name}: {path}");
        assert_eq!(tv.totals, totals, "{name}: {path}");
    }
}

#[test]
fn outline_labels_are_in_the_docx() {
    let report = with_phan(baocao_engine::sample::sample());
    let profile = profile_for(&report).expect("profile");
    let view = Outline::of(&report, &profile);
    let pkg = render(&report, &profile.id);
    let d = doc(pkg.part("word/document.xml"));
    let texts: Vec<String> = paragraphs(&d).into_iter().map(|(_, t)| t).collect();
    for it in
        view.items.iter().filter(|it| matches!(it.kind, OutlineKind::Part | OutlineKind::Section))
    {
        assert!(texts.contains(&it.label), "DOCX lacks «{}»", it.label);
    }
    let phan = &view.items.iter().find(|it| it.kind == OutlineKind::Phan).expect("a Phần");
    assert!(texts.contains(&phan.number) && texts.contains(&phan.title), "{phan:?}");
}

#[test]
fn the_samples_outline_reads_as_before() {
    let report = baocao_engine::sample::sample();
    let view = Outline::of(&report, &profile_for(&report).expect("profile"));
    let labels: Vec<&str> = view.items.iter().map(|i| i.label.as_str()).collect();
    assert!(labels[0].starts_with("Phần đầu"), "{labels:?}");
    assert_eq!(labels[1], "Mở đầu");
    for want in [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN",
        "a) Nguyên nhân của ưu điểm",
        "Bài học kinh nghiệm (04)",
        "06 nhóm giải pháp",
        "Kết thúc, chữ ký, nơi nhận",
    ] {
        assert!(labels.contains(&want), "{want} not in {labels:?}");
    }
    assert!(labels.last().expect("items").starts_with("PHỤ LỤC 2: "), "{labels:?}");
    let first = &view.items[2];
    assert_eq!((first.path.as_str(), first.depth, first.movable), ("body.content[0]", 0, true));
    assert_eq!(first.number, "I.");
    let section = view.items.iter().find(|i| i.kind == OutlineKind::Section).expect("section");
    assert_eq!((section.number.as_str(), section.depth), ("1.", 1));
    let point = view.items.iter().find(|i| i.kind == OutlineKind::Point).expect("point");
    assert_eq!((point.number.as_str(), point.depth), ("a)", 2));
    assert!(!view.items[0].movable && !view.items[1].movable);
    // The openers of the lessons, as the editor shows them before each item.
    let lessons = view.openers.iter().find(|o| o.lead.is_none()).expect("lessons");
    assert_eq!(lessons.items, ["Một là,", "Hai là,", "Ba là,", "Bốn là,"]);
    let groups = view.openers.iter().find(|o| o.lead.is_some()).expect("groups");
    assert_eq!(groups.items[..2], ["(1)".to_string(), "(2)".to_string()]);
    let lead = groups.lead.as_deref().expect("lead");
    assert!(lead.contains("thực hiện 06 nhóm nhiệm vụ, giải pháp sau:"), "{lead}");
}

#[test]
fn year_references_in_titles_are_the_years() {
    let mut report = with_phan(baocao_engine::sample::sample());
    report.annexes.truncate(1);
    report.annexes[0].title = "Số liệu năm [năm]".into();
    let view = Outline::of(&report, &profile_for(&report).expect("profile"));
    let labels: Vec<&str> = view.items.iter().map(|i| i.label.as_str()).collect();
    assert!(labels.contains(&"Phần thứ nhất: KẾT QUẢ GIAI ĐOẠN 2016 – 2019"), "{labels:?}");
    assert!(labels.contains(&"PHỤ LỤC: SỐ LIỆU NĂM 2019"), "{labels:?}");
    // Inside the Phần the parts are one level down.
    let part = view.items.iter().find(|i| i.path == "body.content[0].parts[0]").expect("part");
    assert_eq!(
        (part.label.as_str(), part.depth),
        ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN", 1)
    );
    assert!(labels.contains(&"Phần thứ hai: PHƯƠNG HƯỚNG, NHIỆM VỤ"), "{labels:?}");
    // The parts of the next Phần are numbered from I again.
    let after = view.items.iter().find(|i| i.path == "body.content[1].parts[0]").expect("part");
    assert!(after.label.starts_with("I. "), "{after:?}");
}

#[test]
fn table_totals_are_computed_and_written_as_printed() {
    let mut report = baocao_engine::sample::sample();
    let table: StatTable = serde_json::from_value(serde_json::json!({
        "stt": true,
        "columns": [
            { "header": "Nội dung", "kind": "text" },
            { "header": "2018", "kind": "number" },
            { "header": "2019", "kind": "number" },
            { "header": "Tổng", "kind": "row_sum", "sum_of": [1, 2] }
        ],
        "rows": [["a", 1146, null, null], ["b", 5204, 5391, null]],
        "total_label": "Tổng cộng"
    }))
    .expect("table");
    report.annexes.truncate(1);
    report.annexes[0].blocks = vec![Block::Table(table)];
    let view = Outline::of(&report, &FormatProfile::builtin("hd36").expect("profile"));
    let tv = view.tables.iter().find(|t| t.path == "annexes[0].blocks[0]").expect("table");
    assert_eq!(tv.rows[0], ["a", "1.146", "", "1.146"]);
    assert_eq!(tv.rows[1], ["b", "5.204", "5.391", "10.595"]);
    assert_eq!(tv.totals.as_deref().expect("totals"), ["Tổng cộng", "6.350", "5.391", "11.741"]);
}

#[test]
fn the_party_guidance_follows_the_date_in_the_choices() {
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("date");
    let start = d(2026, 4, 1);
    for day in 0..120 {
        let date = start + chrono::Days::new(day);
        let due = resolve_id("dang", date);
        assert_eq!(due, if date >= d(2026, 5, 27) { "hd05" } else { "hd36" });
        let c = profile_choices("dang", date);
        let want = if due == "hd05" { "05-HD/VPTW" } else { "36-HD/VPTW" };
        assert!(c.options[0].label.contains(want), "{date}: {:?}", c.options[0]);
    }
    let ids = |c: &baocao_engine::outline::ProfileChoices| {
        c.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&profile_choices("dang", d(2026, 6, 15))), ["dang", "hd36", "hd05", "nd30"]);
    assert_eq!(
        ids(&profile_choices("cua-toi", d(2026, 6, 15))),
        ["dang", "hd36", "hd05", "nd30", "cua-toi"]
    );
    let note = |p, date| profile_choices(p, date).note;
    let n = note("dang", d(2026, 6, 15)).expect("note");
    assert_eq!(n.text, "Áp dụng Hướng dẫn 05-HD/VPTW (2026): văn bản ngày từ 27/05/2026.");
    assert!(!n.outdated);
    let n = note("dang", d(2019, 5, 15)).expect("note");
    assert_eq!(n.text, "Áp dụng Hướng dẫn 36-HD/VPTW (2018): văn bản ngày trước 27/05/2026.");
    let n = note("hd36", d(2026, 6, 15)).expect("note");
    assert!(n.outdated);
    assert_eq!(
        n.text,
        "Văn bản ngày 15/06/2026 theo Hướng dẫn 05-HD/VPTW (2026), nhưng đang chọn Hướng dẫn 36-HD/VPTW (2018)."
    );
    assert!(!note("hd05", d(2026, 6, 15)).expect("note").outdated);
    assert!(!note("hd36", d(2019, 5, 20)).expect("note").outdated);
    assert_eq!(note("nd30", d(2026, 6, 15)), None);
}
