//! Benchmark of the checks before export (issue 11) on a generated 30-page report whose every
//! paragraph differs (so no text is found twice in the memo) with a few misspelt words:
//! - `keystroke`: one paragraph changes (a letter typed, then deleted), the rest remembered —
//!   what runs on every keystroke in the app;
//! - `cold`: everything checked from scratch (the memo emptied each time), spelling included.
//!
//! Needs the system's dictionary (hunspell-vi). Figures are recorded in docs/performance.md.

use baocao_engine::checks::{self, spell};
use baocao_engine::model::{walk, Block};
use baocao_engine::sample::generated;
use baocao_engine::{profile_for, Report};
use criterion::{BenchmarkId, Criterion};

/// Every paragraph made different, a misspelt word in every tenth.
fn varied(pages: usize) -> Report {
    let mut r = generated(pages);
    for (i, b) in walk::blocks_mut(&mut r).into_iter().enumerate() {
        if let Block::Paragraph(p) = b {
            p.text.push_str(&format!(" Kết quả đợt {i} được ghi nhận"));
            if i % 10 == 0 {
                p.text.push_str(" và nhân rôngg");
            }
            p.text.push('.');
        }
    }
    r
}

fn main() {
    assert!(spell::load_now(Vec::new()).is_some(), "the benchmark needs hunspell-vi");
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("checks");
    group.sample_size(30);
    let pages = 30;
    let mut r = varied(pages);
    let profile = profile_for(&r).expect("profile");
    let n = checks::check(&r, &profile).len();
    eprintln!("checks on {pages} pages: {n} findings");
    let mut flip = false;
    group.bench_with_input(BenchmarkId::new("keystroke", pages), &pages, |b, _| {
        b.iter(|| {
            flip = !flip;
            let text = walk::blocks_mut(&mut r)
                .into_iter()
                .rev()
                .find_map(|b| match b {
                    Block::Paragraph(p) => Some(&mut p.text),
                    _ => None,
                })
                .expect("a paragraph");
            if flip {
                text.push('x');
            } else {
                text.pop();
            }
            checks::check(&r, &profile).len()
        })
    });
    group.bench_with_input(BenchmarkId::new("cold", pages), &r.clone(), |b, r| {
        b.iter(|| {
            checks::rules::clear_memo();
            checks::check(r, &profile).len()
        })
    });
    group.finish();
    c.final_summary();
}
