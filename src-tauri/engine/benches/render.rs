//! Benchmarks: the sample and generated long reports to DOCX (flow + writer + repack).
//! Figures are recorded in docs/performance.md.

use baocao_engine::sample::{generated, sample};
use baocao_engine::{render_docx, FormatProfile, RenderEnv};
use chrono::{TimeZone, Utc};
use criterion::{criterion_main, BenchmarkId, Criterion};

fn env() -> RenderEnv {
    RenderEnv { now: Utc.with_ymd_and_hms(2019, 5, 20, 8, 0, 0).single().expect("time") }
}

fn docx(c: &mut Criterion) {
    let profile = FormatProfile::builtin("hd36").expect("profile");
    let report = sample();
    c.bench_function("docx/sample", |b| {
        b.iter(|| render_docx(&report, &profile, env()).expect("renders").bytes.len())
    });
    let mut group = c.benchmark_group("docx/pages");
    group.sample_size(20);
    for pages in [25, 50, 100] {
        let report = generated(pages);
        group.bench_with_input(BenchmarkId::from_parameter(pages), &report, |b, r| {
            b.iter(|| render_docx(r, &profile, env()).expect("renders").bytes.len())
        });
    }
    group.finish();
}

#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::docx);
}
use group::benches;
criterion_main!(benches);
