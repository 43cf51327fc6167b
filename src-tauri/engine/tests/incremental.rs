//! The incremental layout of the live preview gives exactly the layout a full run gives, after
//! any sequence of edits (text typed, paragraphs added, removed, moved, page breaks), on the
//! generated corpus of realistic reports in both profiles; and it reports exactly the pages that
//! changed.

mod common;

use baocao_engine::corpus::{corpus, long_report};
use baocao_engine::flow::{self, FBlock, Flow};
use baocao_engine::layout::{layout, Incremental};
use baocao_engine::{profile_for, FormatProfile, Report};
use common::env;
use proptest::prelude::*;

fn flow_of(report: &Report) -> (Flow, FormatProfile) {
    let profile = profile_for(report).expect("profile");
    (flow::build(report, &profile, env().now), profile)
}

/// One edit of the flow, as typing and the editor's commands make them.
#[derive(Debug, Clone)]
enum Edit {
    /// Words typed at the end of a paragraph (or of a table's first cell).
    Type(usize, usize),
    /// Characters deleted at the end of a paragraph.
    Delete(usize, usize),
    /// A paragraph copied after itself (a new paragraph).
    Duplicate(usize),
    /// A block removed.
    Remove(usize),
    /// A block moved elsewhere.
    Move(usize, usize),
    /// A page break asked before a paragraph.
    Break(usize),
}

fn apply(flow: &mut Flow, edit: &Edit) {
    let n = flow.blocks.len();
    if n == 0 {
        return;
    }
    fn para_text(b: &mut FBlock) -> Option<&mut String> {
        match b {
            FBlock::Para(p) => p.spans.last_mut().map(|s| &mut s.text),
            FBlock::Table(t) => t
                .rows
                .last_mut()
                .and_then(|r| r.cells.first_mut())
                .and_then(|c| c.paras.first_mut())
                .and_then(|p| p.spans.last_mut())
                .map(|s| &mut s.text),
        }
    }
    match *edit {
        Edit::Type(i, words) => {
            if let Some(t) = para_text(&mut flow.blocks[i % n]) {
                for k in 0..words {
                    t.push_str(if k % 3 == 0 { " tuyên truyền" } else { " thực hiện" });
                }
            }
        }
        Edit::Delete(i, chars) => {
            if let Some(t) = para_text(&mut flow.blocks[i % n]) {
                let keep = t.chars().count().saturating_sub(chars);
                *t = t.chars().take(keep).collect();
            }
        }
        Edit::Duplicate(i) => {
            let b = flow.blocks[i % n].clone();
            flow.blocks.insert(i % n + 1, b);
        }
        Edit::Remove(i) => {
            if n > 1 {
                flow.blocks.remove(i % n);
            }
        }
        Edit::Move(i, j) => {
            let b = flow.blocks.remove(i % n);
            flow.blocks.insert(j % n, b);
        }
        Edit::Break(i) => {
            if let FBlock::Para(p) = &mut flow.blocks[i % n] {
                p.page_break_before = !p.page_break_before;
            }
        }
    }
}

/// Applies the edits one by one; after each, the incremental layout equals a full layout and
/// its list of changed pages is exactly the pages that differ.
fn check(report: &Report, edits: &[Edit]) -> Result<(), TestCaseError> {
    let (mut flow, profile) = flow_of(report);
    let mut inc = Incremental::new();
    inc.update(flow.clone(), &profile);
    let mut before = layout(&flow, &profile);
    prop_assert_eq!(inc.layout(), Some(&before));
    for (k, e) in edits.iter().enumerate() {
        apply(&mut flow, e);
        let up = inc.update(flow.clone(), &profile);
        let full = layout(&flow, &profile);
        let got = inc.layout().expect("layout");
        prop_assert_eq!(got.pages.len(), full.pages.len(), "page count after edit {} {:?}", k, e);
        for (n, (a, b)) in got.pages.iter().zip(&full.pages).enumerate() {
            prop_assert_eq!(a, b, "page {} after edit {} {:?}", n + 1, k, e);
        }
        prop_assert_eq!(got, &full);
        let differ: Vec<usize> =
            (0..full.pages.len()).filter(|&n| before.pages.get(n) != full.pages.get(n)).collect();
        prop_assert_eq!(&up.changed, &differ, "changed pages after edit {} {:?}", k, e);
        before = full;
    }
    Ok(())
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), 1..40usize).prop_map(|(i, w)| Edit::Type(i, w)),
        2 => (any::<usize>(), 1..200usize).prop_map(|(i, c)| Edit::Delete(i, c)),
        1 => any::<usize>().prop_map(Edit::Duplicate),
        1 => any::<usize>().prop_map(Edit::Remove),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Edit::Move(i, j)),
        1 => any::<usize>().prop_map(Edit::Break),
    ]
}

proptest! {
    // A fixed seed: the same 64 cases on every run, over every corpus report (a suite that fails
    // one run in many is a flaky suite). Random seeds found the renumbering defect below; after
    // its fix 6 000 random cases passed (session 14), run by hand with `RngSeed::Random`.
    #![proptest_config(ProptestConfig {
        cases: 64,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_207),
        ..ProptestConfig::default()
    })]

    #[test]
    fn equals_a_full_layout_after_any_edits(
        which in 0usize..64,
        edits in proptest::collection::vec(edit(), 1..12),
    ) {
        let reports = corpus();
        let (_, report) = &reports[which % reports.len()];
        check(report, &edits)?;
    }
}

#[test]
fn typing_in_a_long_report_relays_one_block_and_one_page() {
    let report = long_report(100);
    let (mut flow, profile) = flow_of(&report);
    let mut inc = Incremental::new();
    let first = inc.update(flow.clone(), &profile);
    let pages = inc.layout().expect("layout").pages.len();
    assert_eq!(first.changed.len(), pages, "the first update draws every page");
    // A word typed in a body paragraph about two thirds in.
    let i = flow.blocks.len() * 2 / 3;
    let i = (i..flow.blocks.len())
        .find(|&k| matches!(&flow.blocks[k], FBlock::Para(p) if p.text().len() > 200))
        .expect("a body paragraph");
    if let FBlock::Para(p) = &mut flow.blocks[i] {
        p.spans.last_mut().expect("span").text.push('x');
    }
    let up = inc.update(flow.clone(), &profile);
    assert_eq!(up.relaid_blocks, 1);
    assert!(up.repaginated_pages <= 2, "{up:?}");
    assert_eq!(up.changed.len(), 1, "{up:?}");
    assert_eq!(up.version, first.version + 1);
    assert_eq!(inc.layout(), Some(&layout(&flow, &profile)));
    // The same flow again changes nothing.
    let again = inc.update(flow, &profile);
    assert!(again.changed.is_empty());
    assert_eq!(again.version, up.version);
}

/// The preview follows the item being edited: each lesson («Bốn là, …») is anchored on the page
/// where its line starts, a block on its first line's page; anchors are sent again only when
/// they change.
#[test]
fn every_item_is_anchored_where_its_line_starts_and_anchors_are_sent_when_changed() {
    use baocao_engine::model::{walk, Block};
    use baocao_engine::preview::PreviewSession;
    let report = baocao_engine::sample::sample();
    let (lessons, n) = walk::blocks(&report)
        .find_map(|(p, b)| match b {
            Block::Lessons(l) => Some((p, l.items.len())),
            _ => None,
        })
        .expect("lessons");
    let mut s = PreviewSession::new();
    let first = s.render(&report, None, env().now).expect("preview");
    let anchors = first.anchors.expect("all anchors on a complete answer");
    let page_of = |a: &str| anchors.iter().position(|p| p.iter().any(|x| x == a));
    for i in 0..n {
        let page = page_of(&format!("{lessons}.items[{i}]")).expect("item anchored");
        // The page holds the item's ordinal word.
        let svg = &first.pages[page].1;
        let word = ["Một là", "Hai là", "Ba là", "Bốn là"][i.min(3)];
        assert!(svg.contains(word) || i > 3, "{word} not on page {page}");
    }
    assert!(page_of(&lessons).is_some() || page_of(&format!("{lessons}.items[0]")).is_some());
    // A letter typed at the end of a paragraph moves no anchor: none are sent.
    let mut edited = report.clone();
    edited.closing.sentence.push('.');
    let second = s.render(&edited, Some(first.version), env().now).expect("preview");
    assert!(!second.complete && second.anchors.is_none(), "anchors resent without a change");
    // A client that lost the version gets them all again.
    let third = s.render(&edited, None, env().now).expect("preview");
    assert!(third.anchors.is_some());
}

/// Found by a random proptest run: in corpus report 16, a shortened cell of annex 1's table
/// brings annex 2's title up onto annex 1's page; the pages kept from the old layout after it
/// must be numbered from the new start of annex 2 (they kept their old numbers).
#[test]
fn a_shortened_cell_of_a_long_table_lays_out_as_a_full_layout() {
    let reports = corpus();
    let (_, report) = &reports[16 % reports.len()];
    check(report, &[Edit::Delete(615_173_284_245_297_499, 9)]).expect("equal to a full layout");
}
