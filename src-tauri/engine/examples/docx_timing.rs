//! Side-by-side DOCX timing (scripts/bench-docxtpl.sh): `-- paragraphs N` prints the paragraphs
//! and tables of the generated N-page report's flow as JSON (what docxtpl is given to render);
//! `-- time N RUNS` renders the same report to DOCX bytes RUNS times in-process and prints the
//! median in milliseconds; `-- report N` prints the report itself as JSON (scripts/bench-stack.sh
//! renders it with the `baocao` CLI).

use std::time::Instant;

use baocao_engine::flow::{self, FBlock};
use baocao_engine::sample::generated;
use baocao_engine::{profile_for, render_docx, RenderEnv};
use chrono::{TimeZone, Utc};

fn env() -> RenderEnv {
    RenderEnv { now: Utc.with_ymd_and_hms(2019, 5, 20, 8, 0, 0).single().expect("time") }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = |i: usize, d: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let report = generated(n(1, 25));
    let profile = profile_for(&report).expect("profile");
    match args.first().map(String::as_str) {
        Some("paragraphs") => {
            let f = flow::build(&report, &profile, env().now);
            let blocks: Vec<serde_json::Value> = f
                .blocks
                .iter()
                .map(|b| match b {
                    FBlock::Para(p) => serde_json::json!({ "text": p.text() }),
                    FBlock::Table(t) => serde_json::json!({ "rows": t
                        .rows
                        .iter()
                        .map(|r| r.cells.iter().map(|c| c.paras.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n")).collect::<Vec<_>>())
                        .collect::<Vec<_>>() }),
                })
                .collect();
            println!("{}", serde_json::Value::Array(blocks));
        }
        Some("time") => {
            let runs = n(2, 30);
            let mut times: Vec<f64> = (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    let bytes = render_docx(&report, &profile, env()).expect("renders").bytes;
                    std::hint::black_box(bytes);
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            times.sort_by(f64::total_cmp);
            println!("{:.3}", times[times.len() / 2]);
        }
        Some("report") => {
            println!("{}", serde_json::to_string(&report).expect("serialises"));
        }
        _ => eprintln!("usage: docx_timing paragraphs N | time N RUNS | report N"),
    }
}
