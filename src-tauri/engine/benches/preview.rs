//! Benchmarks of the live preview: one keystroke in a 30-page and a 100-page report, through the
//! engine's preview session (validation, flow, incremental layout, SVG of the changed pages),
//! against a full layout and drawing of every page (what the preview did before issue 9).
//! Figures are recorded in docs/performance.md.

use baocao_engine::model::{Block, Division, Part};
use baocao_engine::preview::PreviewSession;
use baocao_engine::sample::generated;
use baocao_engine::{checks, flow, layout, profile_for, svg, Report};
use chrono::{TimeZone, Utc};
use criterion::{BenchmarkId, Criterion};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2019, 5, 20, 8, 0, 0).single().expect("time")
}

/// The texts of the report's body paragraphs, in order.
fn paragraphs(r: &mut Report) -> Vec<&mut String> {
    fn blocks<'a>(bs: &'a mut [Block], out: &mut Vec<&'a mut String>) {
        out.extend(bs.iter_mut().filter_map(|b| match b {
            Block::Paragraph(p) => Some(&mut p.text),
            _ => None,
        }));
    }
    fn part<'a>(p: &'a mut Part, out: &mut Vec<&'a mut String>) {
        blocks(&mut p.blocks, out);
        for s in &mut p.sections {
            blocks(&mut s.blocks, out);
            for pt in &mut s.points {
                blocks(&mut pt.blocks, out);
            }
        }
    }
    let mut out = Vec::new();
    for d in &mut r.body.content {
        match d {
            Division::Part(p) => part(p, &mut out),
            Division::Phan(ph) => {
                blocks(&mut ph.blocks, &mut out);
                ph.parts.iter_mut().for_each(|p| part(p, &mut out));
            }
        }
    }
    out
}

/// The text of a body paragraph about two thirds into the report (where a user types).
fn typed_text(r: &mut Report) -> &mut String {
    let mut all = paragraphs(r);
    let n = all.len();
    all.swap_remove(n * 2 / 3)
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("preview/keystroke");
    group.sample_size(30);
    for pages in [30, 100] {
        let report = generated(pages);
        // Incremental: alternately add and remove a letter, as typing and deleting do.
        let mut session = PreviewSession::new();
        let mut r = report.clone();
        let first = session.render(&r, None, now()).expect("preview");
        let mut known = Some(first.version);
        let mut flip = false;
        group.bench_with_input(BenchmarkId::new("incremental", pages), &pages, |b, _| {
            b.iter(|| {
                flip = !flip;
                let t = typed_text(&mut r);
                if flip {
                    t.push('x');
                } else {
                    t.pop();
                }
                let p = session.render(&r, known, now()).expect("preview");
                known = Some(p.version);
                p.pages.len()
            })
        });
        // Before: validation, flow, full layout and every page drawn.
        let profile = profile_for(&report).expect("profile");
        group.bench_with_input(BenchmarkId::new("full", pages), &report, |b, r| {
            b.iter(|| {
                let problems = checks::structure::check(r, &profile).len();
                let f = flow::build(r, &profile, now());
                let l = layout::layout(&f, &profile);
                svg::write(&l, None).len() + problems
            })
        });
        // Parts of the incremental path, to see where the time goes.
        group.bench_with_input(BenchmarkId::new("validate", pages), &report, |b, r| {
            b.iter(|| checks::structure::check(r, &profile).len())
        });
        group.bench_with_input(BenchmarkId::new("flow", pages), &report, |b, r| {
            b.iter(|| flow::build(r, &profile, now()).blocks.len())
        });
        let json = serde_json::to_vec(&report).expect("json");
        group.bench_with_input(BenchmarkId::new("read-json", pages), &json, |b, j| {
            b.iter(|| serde_json::from_slice::<Report>(j).expect("report").body.content.len())
        });
    }
    group.finish();
    c.final_summary();
}
