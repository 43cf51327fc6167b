//! Compile speed and memory (issue 13): 300 units' filled forms read from disk and added up
//! into the sample report (targets: under 2 s, under 200 MB). A timing harness that prints its
//! figures: the forms are written by a child process first, so the peak memory printed (VmHWM)
//! is the compile's own. Run: `cargo bench -p baocao-engine --bench collect`.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Instant;

use baocao_engine::collect::form::{cell, write_form, HEADER_ROW};
use baocao_engine::collect::{compile, read, sheets, Choices};
use baocao_engine::model::{Collection, Report, Unit};
use chrono::NaiveDate;

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
    let mut cells: Vec<(usize, String)> = vec![];
    for (i, s) in sheets(r).iter().enumerate() {
        for (y, row) in s.rows.iter().enumerate() {
            for (x, key) in row.keys.iter().enumerate() {
                if key.is_some() {
                    cells.push((i, cell(HEADER_ROW + 1 + y as u32, x as u16 + 1)));
                }
            }
        }
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(form)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().to_string();
        let mut s = String::new();
        f.read_to_string(&mut s).expect("xml");
        for (k, (sheet, at)) in cells.iter().enumerate() {
            if name == format!("xl/worksheets/sheet{}.xml", sheet + 1) {
                let re = regex::Regex::new(&format!(r#"<c r="{at}" s="(\d+)"/>"#)).expect("regex");
                let v = (u * 7 + k * 13) % 50;
                s = re
                    .replace(&s, format!(r#"<c r="{at}" s="$1"><v>{v}</v></c>"#).as_str())
                    .into_owned();
            }
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).expect("zip");
        out.write_all(s.as_bytes()).expect("zip");
    }
    out.finish().expect("zip").into_inner()
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
