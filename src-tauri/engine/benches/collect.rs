//! Compile speed and memory (issue 13): 300 units' filled forms read from disk and added up
//! into the sample report (targets: under 2 s, under 200 MB). A timing harness that prints its
//! figures: the forms are written by a child process first, so the peak memory printed (VmHWM)
//! is the compile's own. Run: `cargo bench -p baocao-engine --bench collect`.

use std::path::Path;
use std::time::Instant;

use baocao_engine::collect::form::write_form;
use baocao_engine::collect::{compile, read, Choices};
use baocao_engine::model::{Collection, Report, Unit};
use chrono::NaiveDate;

#[path = "../tests/support/mod.rs"]
mod support;
use support::{fill, inputs, Put};

const UNITS: usize = 300;

fn district() -> Report {
    let mut r = baocao_engine::sample::sample();
    r.collection = Some(Collection {
        id: "bc-bench".into(),
        units: (1..=UNITS)
            .map(|i| Unit { name: format!("Đơn vị {i}"), kind: None, contact: None })
            .collect(),
        deadline: None,
        received: vec![],
        previous: vec![],
    });
    r
}

/// A form with every input cell filled, as Excel stores typed numbers.
fn filled(r: &Report, u: usize) -> Vec<u8> {
    let form = write_form(r, Some(&format!("Đơn vị {u}"))).expect("form");
    let edits: Vec<_> = inputs(r)
        .into_iter()
        .enumerate()
        .map(|(k, (sheet, at, _))| (sheet, at, Put::Number(((u * 7 + k * 13) % 50) as f64)))
        .collect();
    fill(&form, &edits, |_, s| s)
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(dir) = std::env::var_os("BAOCAO_BENCH_WRITE_FORMS") {
        let r = district();
        for u in 1..=UNITS {
            std::fs::write(Path::new(&dir).join(format!("don-vi-{u}.xlsx")), filled(&r, u))
                .expect("write");
        }
        return;
    }
    // `cargo bench` passes --bench; a plain run (as `cargo test --benches`) only checks it builds.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let st = std::process::Command::new(&args[0])
        .env("BAOCAO_BENCH_WRITE_FORMS", dir.path())
        .status()
        .expect("child");
    assert!(st.success());
    let r = district();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut paths: Vec<_> =
        std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    let bytes: u64 = paths.iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len())).sum();
    for run in 1..=3 {
        let t = Instant::now();
        let subs: Vec<_> = paths.iter().map(|p| read::read_path(p, today)).collect();
        let read_ms = t.elapsed().as_secs_f64() * 1000.0;
        let done = compile(&r, &subs, &Choices::default());
        let total_ms = t.elapsed().as_secs_f64() * 1000.0;
        assert_eq!(done.review.received, UNITS, "{:?}", done.review.findings.first());
        println!(
            "run {run}: {UNITS} forms ({:.1} MB) read in {read_ms:.0} ms, read + compiled in {total_ms:.0} ms; \
             {} figures, peak memory (VmHWM) {:.0} MB",
            bytes as f64 / 1e6,
            done.review.figures,
            peak_rss_mb()
        );
    }
}
