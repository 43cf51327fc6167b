//! Checks of the DOCX writer on a wide set of flows, made from the writer's own input types; with
//! `BAOCAO_DOCX_DUMP=<dir>` they also write each `word/document.xml` there, to compare the body
//! written before and after a change to the writer (after XML canonicalisation).

use std::io::Read;

use chrono::{TimeZone, Utc};

use super::*;
use crate::flow::{FBlock, FCell, FPara, Role, Span};
use crate::model::{Block, Report};
use crate::profile::{Align, LineSpacing};

/// The body of the package `write` makes of `flow`.
fn document(flow: &Flow, profile: &FormatProfile) -> String {
    let bytes = write(flow, profile).expect("writes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut part = zip.by_name("word/document.xml").expect("a body");
    let mut xml = String::new();
    part.read_to_string(&mut xml).expect("UTF-8");
    xml
}

fn flow_of(report: &Report, profile: &FormatProfile) -> Flow {
    let now = Utc.with_ymd_and_hms(2019, 5, 20, 8, 30, 0).single().expect("valid time");
    crate::flow::build(report, profile, now)
}

fn builtin(id: &str) -> FormatProfile {
    FormatProfile::builtin(id).expect("built-in profile")
}

/// Text with every character XML escapes, tabs and line breaks (leading, trailing, doubled).
const AWKWARD: &str = "A & B < C > D \"q\" 'a'\tTab\t\tend\nline two\n\nafter a blank\n";

/// The sample with awkward characters in every paragraph of its body.
fn awkward_sample() -> Report {
    let mut r = crate::sample::sample();
    for block in &mut r.body.opening {
        if let Block::Paragraph(p) = block {
            p.text = format!("{AWKWARD}{}", p.text);
        }
    }
    r
}

/// The flow with every span made awkward and its paragraphs' formatting varied: the cases the
/// built-in profiles rarely or never produce (other line rules, negative spacing, rules, pinned
/// paragraphs, section ends, empty cells, header rows without cantSplit).
fn varied(mut flow: Flow) -> Flow {
    let mut i = 0usize;
    let mut vary = |p: &mut FPara| {
        i += 1;
        for s in &mut p.spans {
            if i.is_multiple_of(3) {
                s.text = format!("{}{AWKWARD}", s.text);
            }
            if i.is_multiple_of(7) {
                s.text = format!("\n{}\t", s.text);
            }
        }
        if i.is_multiple_of(5) {
            p.spans.push(Span { text: "\n".into(), style: p.mark, note: None });
        }
        p.line = match i % 4 {
            0 => LineSpacing::AtLeast(13.5),
            1 => LineSpacing::Multiple(1.15),
            _ => p.line,
        };
        if i.is_multiple_of(6) {
            p.space_before_pt = -3.0;
            p.right_mm = 4.5;
        }
        if i.is_multiple_of(11) {
            p.rule_pt = Some(0.75);
            p.keep_next = true;
        }
        if i.is_multiple_of(13) {
            p.pin_bottom_mm = Some(20.0);
        }
        if i.is_multiple_of(17) {
            p.role = Role::SectionEnd;
        }
        if i % 17 == 1 || i.is_multiple_of(19) {
            p.page_break_before = true;
        }
        p.align = [Align::Left, Align::Center, Align::Right, Align::Justify][i % 4];
    };
    for block in &mut flow.blocks {
        match block {
            FBlock::Para(p) => vary(p),
            FBlock::Table(t) => {
                for (r, row) in t.rows.iter_mut().enumerate() {
                    row.repeat_header |= r == 1;
                    row.cant_split = r.is_multiple_of(2);
                    for (c, cell) in row.cells.iter_mut().enumerate() {
                        cell.paras.iter_mut().for_each(&mut vary);
                        if (r + c) % 5 == 3 {
                            *cell = FCell { paras: Vec::new(), v_center: c.is_multiple_of(2) };
                        }
                    }
                }
            }
        }
    }
    flow
}

/// The flows to compare, by name, with their profiles.
fn flows() -> Vec<(String, Flow, FormatProfile)> {
    let mut out = Vec::new();
    for (name, r) in crate::corpus::corpus() {
        let profile = crate::profile_for(&r).expect("profile");
        let flow = flow_of(&r, &profile);
        out.push((format!("varied-{name}"), varied(flow.clone()), profile.clone()));
        out.push((name, flow, profile));
    }
    for id in FormatProfile::builtin_ids() {
        let mut r = crate::sample::sample();
        r.header.profile = id.into();
        let profile = builtin(id);
        out.push((format!("sample-{id}"), flow_of(&r, &profile), profile.clone()));
        out.push((format!("awkward-{id}"), flow_of(&awkward_sample(), &profile), profile.clone()));
        let mut quiet = profile.clone();
        quiet.page_number.enabled = false;
        out.push((format!("no-page-numbers-{id}"), flow_of(&r, &quiet), quiet));
        let mut first = profile.clone();
        first.page_number.hide_on_first_page = !first.page_number.hide_on_first_page;
        first.page.margin_left_mm += 5.0;
        out.push((format!("first-page-number-{id}"), flow_of(&r, &first), first.clone()));
        out.push((format!("varied-first-{id}"), varied(flow_of(&r, &first)), first));
    }
    for pages in [25, 60] {
        let profile = builtin("hd36");
        out.push((
            format!("generated-{pages}"),
            flow_of(&crate::sample::generated(pages), &profile),
            profile,
        ));
    }
    let long = crate::corpus::long_report(40);
    let profile = crate::profile_for(&long).expect("profile");
    out.push(("long-40".into(), flow_of(&long, &profile), profile));
    out
}

/// The text of a body as Word reads it: every `w:t`, a `w:br` as a line break.
fn body_text(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let mut out = String::new();
    for n in doc.descendants() {
        match n.tag_name().name() {
            "t" => out.push_str(n.text().unwrap_or("")),
            "br" => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// The flow's text as the body must carry it (a tab is written as a space).
fn flow_text(flow: &Flow) -> String {
    let mut out = String::new();
    let mut para =
        |p: &FPara| p.spans.iter().for_each(|s| out.push_str(&s.text.replace('\t', " ")));
    for block in &flow.blocks {
        match block {
            FBlock::Para(p) => para(p),
            FBlock::Table(t) => {
                t.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.paras).for_each(&mut para)
            }
        }
    }
    out
}

/// On every flow of the wide set, the body is well-formed, each paragraph and run opens with its
/// properties (their place in CT_P and CT_R), and the text comes back whole and in order. With
/// `BAOCAO_DOCX_DUMP=<dir>` each body is also written there, to compare the output before and
/// after a change to the writer (after XML canonicalisation).
#[test]
fn every_flow_of_the_wide_set_comes_back_whole() {
    let dump = std::env::var_os("BAOCAO_DOCX_DUMP").map(std::path::PathBuf::from);
    let flows = flows();
    for (name, flow, profile) in &flows {
        let xml = document(flow, profile);
        assert_eq!(body_text(&xml), flow_text(flow), "{name}");
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        for n in doc.descendants().filter(|n| matches!(n.tag_name().name(), "p" | "r")) {
            let first = n.children().find(|c| c.is_element()).map(|c| c.tag_name().name());
            let want = if n.tag_name().name() == "p" { "pPr" } else { "rPr" };
            assert!(
                first.is_none() || first == Some(want),
                "{name}: <{:?}> opens with {first:?}",
                n.tag_name()
            );
        }
        if let Some(dir) = &dump {
            std::fs::create_dir_all(dir).expect("folder");
            std::fs::write(dir.join(format!("{name}.xml")), &xml).expect("written");
        }
    }
    assert!(flows.len() > 60, "only {} flows", flows.len());
}
