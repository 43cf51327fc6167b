//! The long run of the mutation harness: ≥ 100 000 seeded mutants per reader of untrusted files
//! (Word import, units' forms, report files, templates), each read under a time limit and a heap
//! cap; prints the counts per reader and exits non-zero on any panic, hang, heap over 1 GiB or
//! message not in Vietnamese (docs/robustness.md).
//!
//! `cargo run --release -p baocao-engine --example mutate -- --per-reader 100000 --seed 1`
//! Options: `--reader docx|form|report|template` (one reader), `--from N` (first mutant index,
//! to make a failure again), `--heavy-every N` (one in N may be of tens of MB or a bomb; 0: none),
//! `--limit-secs S` (time limit per input), `--trace` (print each mutant before reading it).

use std::time::{Duration, Instant};

#[path = "../tests/support/harness.rs"]
mod harness;
#[path = "../tests/support/mutate.rs"]
mod mutate;
#[path = "../tests/support/readers.rs"]
mod readers;
#[path = "../tests/support/mod.rs"]
mod support;

use harness::{run, Pass, Tally};
use readers::{Reader, Seeds};

/// The command line's options (see the module's documentation).
struct Options {
    per_reader: u64,
    seed: u64,
    from: u64,
    heavy_every: u64,
    limit: u64,
    only: Option<Reader>,
    trace: bool,
}

impl Options {
    /// Reads the options from the command line; exits with status 2 on a bad one.
    fn from_args() -> Options {
        let mut per_reader = 100_000u64;
        let mut seed = 1u64;
        let mut from = 0u64;
        let mut heavy_every = 200u64;
        let mut limit = 10u64;
        let mut only: Option<Reader> = None;
        let mut trace = false;
        let mut args = std::env::args().skip(1);
        while let Some(a) = args.next() {
            let mut num = |what: &str| -> u64 {
                args.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
                    eprintln!("{what} needs a number");
                    std::process::exit(2)
                })
            };
            match a.as_str() {
                "--per-reader" => per_reader = num("--per-reader"),
                "--seed" => seed = num("--seed"),
                "--from" => from = num("--from"),
                "--heavy-every" => heavy_every = num("--heavy-every"),
                "--limit-secs" => limit = num("--limit-secs"),
                "--trace" => trace = true,
                "--reader" => {
                    only = args.next().as_deref().and_then(Reader::from_name);
                    if only.is_none() {
                        eprintln!("--reader takes docx, form, report or template");
                        std::process::exit(2);
                    }
                }
                other => {
                    eprintln!("unknown option {other}");
                    std::process::exit(2);
                }
            }
        }
        Options { per_reader, seed, from, heavy_every, limit, only, trace }
    }
}

fn main() {
    let Options { per_reader, seed, from, heavy_every, limit, only, trace } = Options::from_args();
    harness::quiet_panics();
    let t0 = Instant::now();
    let seeds = Seeds::make();
    eprintln!("seeds made in {:.1} s", t0.elapsed().as_secs_f64());
    let readers: Vec<Reader> = match only {
        Some(r) => vec![r],
        None => Reader::ALL.to_vec(),
    };
    let pass = |indices| Pass { seed, indices, heavy_every, limit: Duration::from_secs(limit) };
    let mut results = Vec::new();
    for reader in readers {
        let start = Instant::now();
        let mut t = Tally::default();
        let mut last = Instant::now();
        if trace {
            for i in from..from + per_reader {
                let (name, m) = seeds.mutant(reader, seed, i, heavy_every);
                eprintln!("{} #{i} ({name}): {}", reader.name(), m.how.join("; "));
                let pass = Pass { indices: i..i + 1, ..pass(from..from) };
                run(&seeds, reader, &pass, &mut t, |_| {});
            }
        } else {
            run(&seeds, reader, &pass(from..from + per_reader), &mut t, |t| {
                if last.elapsed() > Duration::from_secs(60) {
                    last = Instant::now();
                    eprintln!(
                        "{}: {} mutants, {} accepted, {} refused, {} failures, {:.0} s",
                        reader.name(),
                        t.mutants,
                        t.accepted,
                        t.refused,
                        t.panics + t.hangs + t.bad_messages + t.over_memory,
                        start.elapsed().as_secs_f64()
                    );
                }
            });
        }
        eprintln!("{} done in {:.0} s", reader.name(), start.elapsed().as_secs_f64());
        results.push((reader, t, start.elapsed()));
    }
    println!(
        "seed {seed}, mutants {from}..{}, one heavy in {heavy_every}, limit {limit} s per input",
        from + per_reader
    );
    println!(
        "{:<9} {:>8} {:>8} {:>8} {:>6} {:>5} {:>8} {:>8} {:>10} {:>9} {:>8}",
        "reader",
        "mutants",
        "accepted",
        "refused",
        "panics",
        "hangs",
        "bad msg",
        "English",
        "max time",
        "peak MB",
        "run s"
    );
    let mut failed = false;
    for (reader, t, took) in &results {
        println!(
            "{:<9} {:>8} {:>8} {:>8} {:>6} {:>5} {:>8} {:>8} {:>9.2}s {:>9.1} {:>8.0}",
            reader.name(),
            t.mutants,
            t.accepted,
            t.refused,
            t.panics,
            t.hangs,
            t.bad_messages + t.over_memory,
            t.english_detail,
            t.max_time.as_secs_f64(),
            t.peak as f64 / 1_048_576.0,
            took.as_secs_f64()
        );
        failed |= t.failed();
    }
    for (reader, t, _) in &results {
        println!("{}: slowest: {}", reader.name(), t.max_time_at);
        println!("{}: largest heap: {}", reader.name(), t.peak_at);
        for f in &t.failures {
            println!("{}: FAILURE {f}", reader.name());
        }
        for s in &t.english_samples {
            println!("{}: English detail: {s}", reader.name());
        }
    }
    if failed {
        std::process::exit(1);
    }
}
