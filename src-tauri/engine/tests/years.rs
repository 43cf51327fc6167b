//! Every year printed is a year of the report's period, each once and in order where the years
//! are listed, for every built-in template and every period of 1 to 10 years ending in 2016–2030:
//! the new report, its units' forms (read back from the xlsx), its roll forward by one year and
//! by its own length, and a report made from it saved as a template. Outside the period only
//! dates of earlier documents («ngày 15/5/2016»), next year's tasks («Nhiệm vụ năm 2020») and
//! last period's figures kept in a comparison column under their own year may print a year.
//!
//! The text checked is what users get: the flow every writer draws (for all cases) and the DOCX
//! XML (for a sample of cases).

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use baocao_engine::collect::form::write_form;
use baocao_engine::flow::{build, FBlock, FPara};
use baocao_engine::model::{walk, Block, Period, Report};
use baocao_engine::rollforward::{roll, NewPeriod, ReportKind, RollOptions};
use baocao_engine::templates::{self, Template};
use calamine::Reader;
use chrono::NaiveDate;
use regex::Regex;

/// Printed text: one entry per paragraph, and per table row (its cells), with whether it is a
/// table's first (header) row.
struct Printed {
    lines: Vec<(String, bool)>,
    header_rows: Vec<Vec<String>>,
}

fn para_text(p: &FPara) -> String {
    p.spans.iter().map(|s| s.text.as_str()).collect()
}

fn flow_text(r: &Report) -> Printed {
    let profile = baocao_engine::profile_for(r).expect("profile");
    let flow = build(r, &profile, common::env().now);
    let mut lines = vec![(flow.props.title.clone(), false)];
    let mut header_rows = Vec::new();
    for b in &flow.blocks {
        match b {
            FBlock::Para(p) => lines.push((para_text(p), false)),
            FBlock::Table(t) => {
                for (i, row) in t.rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .cells
                        .iter()
                        .map(|c| c.paras.iter().map(para_text).collect::<Vec<_>>().join(" "))
                        .collect();
                    lines.push((cells.join(" | "), true));
                    if i == 0 {
                        header_rows.push(cells);
                    }
                }
            }
        }
    }
    Printed { lines, header_rows }
}

fn docx_text(r: &Report) -> Printed {
    let profile = baocao_engine::profile_for(r).expect("profile");
    let pkg = common::render(r, &profile.id);
    let xml = pkg.part("word/document.xml");
    let d = common::doc(xml);
    let w = |n: roxmltree::Node, name: &str| n.has_tag_name((common::W, name));
    let mut lines = Vec::new();
    let mut header_rows = Vec::new();
    for p in d.descendants().filter(|n| w(*n, "p")) {
        let in_table = p.ancestors().any(|a| w(a, "tbl"));
        lines.push((common::para_text(p), in_table));
    }
    for tbl in d.descendants().filter(|n| w(*n, "tbl")) {
        if let Some(tr) = tbl.children().find(|n| w(*n, "tr")) {
            let cells = tr
                .children()
                .filter(|n| w(*n, "tc"))
                .map(|tc| {
                    let ps: Vec<String> =
                        tc.descendants().filter(|n| w(*n, "p")).map(common::para_text).collect();
                    ps.join(" ")
                })
                .collect();
            header_rows.push(cells);
        }
    }
    Printed { lines, header_rows }
}

fn forms_text(r: &Report) -> Printed {
    let bytes = write_form(r, None).expect("form");
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("xlsx");
    let mut lines = Vec::new();
    let mut header_rows = Vec::new();
    for name in book.sheet_names().to_vec() {
        if name.starts_with('_') {
            continue;
        }
        let range = book.worksheet_range(&name).expect("sheet");
        for (i, row) in range.rows().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
            for c in &cells {
                assert!(
                    !c.contains('[') || c.contains("[…]"),
                    "form «{name}»: «{c}» has a reference left"
                );
                assert!(!c.contains('{') && c.trim() != "…", "form «{name}»: «{c}» is a blank");
            }
            if i as u32 == baocao_engine::collect::form::HEADER_ROW {
                header_rows.push(cells.clone());
            }
            lines.push((cells.join(" | "), true));
        }
    }
    Printed { lines, header_rows }
}

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)(?:[^\d]|$)").expect("regex"))
}

fn date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:\d{1,2}|…)/(?:\d{1,2}|…)/((?:19|20)\d\d)|ngày (?:\d{1,2}|…) tháng (?:\d{1,2}|…) năm ((?:19|20)\d\d)")
            .expect("regex")
    })
}

/// Checks one output against its period; `what` names the case in failures; `kept` are the
/// years of last period's figures kept in comparison columns.
fn check(p: &Printed, period: Period, kept: &[i32], what: &str) {
    let years = period.years();
    let mut seen = vec![false; years.len()];
    for (line, in_table) in &p.lines {
        let dated: Vec<(usize, usize)> =
            date_re().find_iter(line).map(|m| (m.start(), m.end())).collect();
        for c in year_re().captures_iter(line) {
            let m = c.get(1).expect("year");
            let y: i32 = m.as_str().parse().expect("year");
            if let Some(i) = years.iter().position(|&x| x == y) {
                seen[i] = true;
                continue;
            }
            let in_date = dated.iter().any(|&(a, b)| a <= m.start() && m.end() <= b);
            let lower = line.to_lowercase();
            let next_tasks = y == period.end_year + 1
                && (lower.contains("nhiệm vụ") || lower.contains("phương hướng"));
            let compared = *in_table && kept.contains(&y);
            assert!(
                (in_date && y < period.end_year + 1) || next_tasks || compared,
                "{what}: year {y} outside {}–{} in «{line}»",
                period.start_year,
                period.end_year
            );
        }
        // A list of years («2016, 2017, 2018») lists the period's, every one, in order.
        for list in line.split(['(', ')']) {
            let ys: Vec<i32> =
                list.split(", ").filter_map(|w| w.trim().parse::<i32>().ok()).collect();
            if ys.len() >= 2 && ys.iter().all(|y| (1900..2200).contains(y)) {
                assert_eq!(ys, years, "{what}: the years listed in «{line}»");
            }
        }
    }
    assert!(seen.iter().all(|&s| s), "{what}: not every year of {years:?} is printed");
    for row in &p.header_rows {
        let ys: Vec<i32> = row
            .iter()
            .filter_map(|c| c.trim().strip_prefix("Năm ").and_then(|y| y.get(..4)?.parse().ok()))
            .filter(|y| !kept.contains(y) || years.contains(y))
            .collect();
        if !ys.is_empty() {
            assert_eq!(ys, years, "{what}: year columns {row:?}");
        }
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 10).expect("date")
}

/// The answers for a period: the place and signer as a user types them, the years, the date.
fn answers(t: &Template, period: Period) -> BTreeMap<String, String> {
    let mut a = BTreeMap::new();
    for p in &t.placeholders {
        let v = match (p.key.as_str(), p.kind) {
            ("nam", _) => period.end_year.to_string(),
            (_, templates::PlaceholderKind::Year) => period.start_year.to_string(),
            (_, templates::PlaceholderKind::Date) => format!("{}-06-15", period.end_year),
            _ if p.default.is_none() => "Hòa Bình".to_string(),
            _ => continue,
        };
        a.insert(p.key.clone(), v);
    }
    a
}

/// The years of last period's figures kept under their own year in comparison columns.
fn kept_years(r: &Report) -> Vec<i32> {
    walk::blocks(r)
        .filter_map(|(_, b)| match b {
            Block::Table(t) => Some(t.columns.clone()),
            _ => None,
        })
        .flatten()
        .filter(|c| c.previous)
        .filter_map(|c| c.header.trim().strip_prefix("Năm ").and_then(|y| y.parse().ok()))
        .collect()
}

/// Whether the template asks the start of its period (a multi-year review).
fn asks_start(t: &Template) -> bool {
    t.placeholders.iter().any(|p| p.kind == templates::PlaceholderKind::Year && p.key != "nam")
}

fn shifted(p: Period, by: i32) -> Period {
    Period { start_year: p.start_year + by, end_year: p.end_year + by }
}

/// Every output of one template and period, checked.
fn one_case(t: &Template, period: Period, docx: bool) {
    let what = format!("{} {}–{}", t.id, period.start_year, period.end_year);
    let r = templates::instantiate(t, &answers(t, period), today()).expect("instantiates");
    assert_eq!(r.period, Some(period), "{what}: the period answered");
    check(&flow_text(&r), period, &[], &format!("{what}, new report"));
    check(&forms_text(&r), period, &[], &format!("{what}, forms"));
    if docx {
        check(&docx_text(&r), period, &[], &format!("{what}, DOCX"));
    }
    let len = period.end_year - period.start_year + 1;
    for by in [1, len] {
        let next = roll(&r, &RollOptions::shift(by)).report;
        let p = shifted(period, by);
        assert_eq!(next.period, Some(p), "{what}: rolled by {by}");
        let case = format!("{what}, rolled by {by}");
        check(&flow_text(&next), p, &kept_years(&next), &case);
        if docx && by == len {
            check(&docx_text(&next), p, &kept_years(&next), &format!("{case}, DOCX"));
        }
    }
    let saved = templates::from_report(&r, "Mẫu của tôi").expect("saved as a template");
    let p = shifted(period, 1);
    let again = templates::instantiate(&saved, &answers(&saved, p), today()).expect("from saved");
    assert_eq!(again.period, Some(p), "{what}: from the saved template");
    check(&flow_text(&again), p, &[], &format!("{what}, from the saved template"));
}

#[test]
fn every_year_printed_belongs_to_the_period() {
    let started = std::time::Instant::now();
    let mut cases = 0;
    for t in templates::builtin() {
        let lengths: Vec<i32> = if asks_start(&t) { (1..=10).collect() } else { vec![1] };
        for end in 2016..=2030 {
            for &len in &lengths {
                let period = Period { start_year: end - len + 1, end_year: end };
                // The DOCX for a sample: each template's periods ending in 2019 and 2030.
                one_case(&t, period, end == 2019 || end == 2030 && len % 3 == 1);
                cases += 1;
            }
        }
    }
    eprintln!("{cases} cases in {:.1} s", started.elapsed().as_secs_f64());
    assert!(cases >= 400, "{cases} cases");
}

#[test]
fn a_three_year_review_rolled_into_a_five_year_one_says_so() {
    let t = templates::builtin().into_iter().find(|t| t.id == "so-ket-03-nam-chi-thi-05");
    let t = t.expect("the 3-year review ships");
    let r = templates::instantiate(
        &t,
        &answers(&t, Period { start_year: 2016, end_year: 2019 }),
        today(),
    )
    .expect("instantiates");
    let opts = RollOptions {
        period: NewPeriod::Range { start_year: 2016, end_year: 2021 },
        kind: Some(ReportKind::TongKet),
    };
    let rolled = roll(&r, &opts);
    let next = rolled.report;
    let text: String = flow_text(&next).lines.iter().map(|l| l.0.clone() + "\n").collect();
    assert!(text.contains("tổng kết 05 năm thực hiện Chỉ thị"), "{text}");
    assert!(!text.contains("sơ kết 03 năm"), "{text}");
    assert_eq!(next.header.date, NaiveDate::from_ymd_opt(2021, 6, 15).expect("date"));
    // The district's own plan of 2016 keeps its year; the superior's plan is to be cited anew.
    assert!(text.contains("Kế hoạch số …-KH/HU, ngày …/…/2016"), "{text}");
    assert!(text.contains("Thực hiện Kế hoạch số …-KH/BTGTU, ngày …/…/2021"), "{text}");
    assert!(rolled.notices.iter().any(|n| n.contains("KH/BTGTU")), "{:?}", rolled.notices);
    check(&flow_text(&next), Period { start_year: 2016, end_year: 2021 }, &[], "tổng kết");
    // One year after it: an annual report of 2022 keeping 2021's figures to compare.
    let one =
        roll(&next, &RollOptions { period: NewPeriod::OneYear, kind: Some(ReportKind::Annual) });
    let p = Period { start_year: 2022, end_year: 2022 };
    assert_eq!(one.report.period, Some(p));
    check(&flow_text(&one.report), p, &kept_years(&one.report), "hằng năm");
    let subject = &one.report.header.subject;
    assert!(subject.starts_with("kết quả năm [đến năm] thực hiện Chỉ thị"), "{subject}");
}
