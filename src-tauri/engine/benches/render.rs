//! Benchmarks: the sample and generated long reports to DOCX and PDF (criterion), then — when
//! LibreOffice is installed — the same DOCX printed to PDF by `soffice`, with the ratio.
//! Figures are recorded in docs/performance.md.

use std::process::Command;
use std::time::{Duration, Instant};

use baocao_engine::sample::{generated, sample};
use baocao_engine::{render_docx, render_layout, render_pdf, FormatProfile, RenderEnv, Report};
use chrono::{TimeZone, Utc};
use criterion::{BenchmarkId, Criterion};

fn env() -> RenderEnv {
    RenderEnv { now: Utc.with_ymd_and_hms(2019, 5, 20, 8, 0, 0).single().expect("time") }
}

fn docx(c: &mut Criterion, profile: &FormatProfile) {
    let report = sample();
    c.bench_function("docx/sample", |b| {
        b.iter(|| render_docx(&report, profile, env()).expect("renders").bytes.len())
    });
    let mut group = c.benchmark_group("docx/pages");
    group.sample_size(20);
    for pages in [25, 50, 100] {
        let report = generated(pages);
        group.bench_with_input(BenchmarkId::from_parameter(pages), &report, |b, r| {
            b.iter(|| render_docx(r, profile, env()).expect("renders").bytes.len())
        });
    }
    group.finish();
}

fn pdf(c: &mut Criterion, profile: &FormatProfile) {
    let report = sample();
    c.bench_function("pdf/sample", |b| {
        b.iter(|| render_pdf(&report, profile, env()).expect("renders").bytes.len())
    });
    let mut group = c.benchmark_group("pdf/pages");
    group.sample_size(10);
    // Up to 1 000 pages: the cost should grow linearly (docs/performance.md).
    for pages in [25, 50, 100, 250, 500, 1000] {
        let report = generated(pages);
        group.bench_with_input(BenchmarkId::from_parameter(pages), &report, |b, r| {
            b.iter(|| render_pdf(r, profile, env()).expect("renders").bytes.len())
        });
    }
    group.finish();
    // The writer alone, on a 100-page layout made beforehand.
    let (_, layout, _) = render_layout(&generated(100), profile, env()).expect("lays out");
    c.bench_function("pdf/writer/100", |b| {
        b.iter(|| baocao_engine::pdf::write(&layout).expect("writes").len())
    });
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Times LibreOffice printing our DOCX against our own PDF of the same report.
fn versus_libreoffice(name: &str, report: &Report, profile: &FormatProfile) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let docx = dir.path().join("bc.docx");
    let bytes = render_docx(report, profile, env()).expect("renders").bytes;
    std::fs::write(&docx, bytes).expect("write docx");
    let lo_profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo").display());
    let mut lo = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let ok = Command::new("soffice")
            .args([lo_profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&docx)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if !ok {
            println!("libreoffice: not installed, comparison skipped");
            return;
        }
        lo.push(t.elapsed());
    }
    let mut ours = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        render_pdf(report, profile, env()).expect("renders");
        ours.push(t.elapsed());
    }
    let (lo, ours) = (median(lo), median(ours));
    println!(
        "libreoffice/{name}: soffice DOCX→PDF {:.1} ms (median of 3, warm profile after the first), \
         ours {:.2} ms (median of 10): {:.0}× faster",
        lo.as_secs_f64() * 1e3,
        ours.as_secs_f64() * 1e3,
        lo.as_secs_f64() / ours.as_secs_f64()
    );
}

fn main() {
    let profile = FormatProfile::builtin("hd36").expect("profile");
    let mut c = Criterion::default().configure_from_args();
    docx(&mut c, &profile);
    pdf(&mut c, &profile);
    c.final_summary();
    versus_libreoffice("sample", &sample(), &profile);
    versus_libreoffice("100-pages", &generated(100), &profile);
}
