//! Runs a reader on mutants under limits and tallies what happened: each input on a worker
//! thread with a 2 MiB stack (as the app's command threads have) and a time limit, panics
//! caught, the heap capped for the whole process (an allocation past the cap aborts, which fails
//! the run) and its peak measured per input, and every message the user would see checked for
//! Vietnamese.
#![allow(dead_code, missing_docs)]

use std::sync::mpsc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use cap::Cap;
use peak_alloc::PeakAlloc;

use crate::readers::{read, Answer, Reader, Seeds};

/// Most heap one input may take.
pub const INPUT_MEMORY: usize = 1 << 30;

/// The process's heap cap. An input over [`INPUT_MEMORY`] is counted as a failure; one that
/// asks past this cap aborts the run.
#[global_allocator]
pub static ALLOC: Cap<PeakAlloc> = Cap::new(PeakAlloc, 4 << 30);

/// The worker threads' stack: Rust's default for spawned threads, as the app's commands get.
pub const STACK: usize = 2 << 20;

/// Letters with Vietnamese diacritics (lower case).
const VIETNAMESE: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";

/// Whether a message is Vietnamese: not blank, with letters only Vietnamese has.
pub fn vietnamese(m: &str) -> bool {
    !m.trim().is_empty() && m.chars().flat_map(char::to_lowercase).any(|c| VIETNAMESE.contains(c))
}

/// Words of Rust, serde, zip and XML errors: a message holding one (outside «quotes», which
/// hold the user's own text) carries a technical detail in English.
const ENGLISH: &[&str] = &[
    "invalid",
    "error",
    "expected",
    "unexpected",
    "missing",
    "failed",
    "found",
    "unknown",
    "unsupported",
    "overflow",
    "attempt",
    "EOF",
    "eof",
    "malformed",
    "Error",
    "Invalid",
];

/// The message without the user's text quoted in «» (which may be anything).
fn unquoted(m: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in m.chars() {
        match c {
            '«' => depth += 1,
            '»' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether a message carries an English technical detail.
pub fn english_detail(m: &str) -> bool {
    let u = unquoted(m);
    ENGLISH.iter().any(|w| {
        u.match_indices(w).any(|(i, _)| {
            let before = u[..i].chars().next_back();
            let after = u[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// What one input did.
pub enum Outcome {
    /// The reader answered.
    Answered(Answer),
    /// The reader panicked (message and place).
    Panicked(String),
    /// The reader did not answer within the time limit.
    Hung,
}

/// The last panic's message and place, from the hook.
static PANIC: Mutex<String> = Mutex::new(String::new());

/// Records panics of worker threads instead of printing them (others print as usual).
pub fn quiet_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some("mutant") {
            let place = info.location().map(|l| l.to_string()).unwrap_or_default();
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            *PANIC.lock().unwrap_or_else(|e| e.into_inner()) = format!("{msg} at {place}");
        } else {
            default(info);
        }
    }));
}

/// Runs `reader` on one input on a worker thread: what it did, how long it took, and the most
/// heap it held above what was held before it started.
pub fn run_one(
    reader: Reader,
    name: String,
    bytes: Vec<u8>,
    limit: Duration,
) -> (Outcome, Duration, usize) {
    let (tx, rx) = mpsc::channel();
    ALLOC_PEAK.reset_peak_usage();
    let base = ALLOC_PEAK.current_usage();
    let worker = std::thread::Builder::new()
        .name("mutant".into())
        .stack_size(STACK)
        .spawn(move || {
            let start = Instant::now();
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                read(reader, &name, &bytes)
            }));
            let took = start.elapsed();
            drop(bytes);
            let _ = tx.send((r, took));
        })
        .expect("worker thread");
    match rx.recv_timeout(limit) {
        Ok((r, took)) => {
            let _ = worker.join();
            let peak = ALLOC_PEAK.peak_usage().saturating_sub(base);
            let outcome = match r {
                Ok(a) => Outcome::Answered(a),
                Err(_) => {
                    Outcome::Panicked(PANIC.lock().unwrap_or_else(|e| e.into_inner()).clone())
                }
            };
            (outcome, took, peak)
        }
        // The worker is left running: a run stops its reader after a hang.
        Err(_) => (Outcome::Hung, limit, ALLOC_PEAK.peak_usage().saturating_sub(base)),
    }
}

/// The peak tracker under the cap.
const ALLOC_PEAK: PeakAlloc = PeakAlloc;

/// What a run of one reader found.
#[derive(Default)]
pub struct Tally {
    pub mutants: u64,
    pub accepted: u64,
    pub refused: u64,
    pub panics: u64,
    pub hangs: u64,
    /// Messages that are blank or not Vietnamese.
    pub bad_messages: u64,
    /// Inputs whose heap peak went over [`INPUT_MEMORY`].
    pub over_memory: u64,
    /// Messages with an English technical detail beside the Vietnamese (not a failure).
    pub english_detail: u64,
    pub max_time: Duration,
    pub max_time_at: String,
    pub peak: usize,
    pub peak_at: String,
    /// The failures, described (the first 50).
    pub failures: Vec<String>,
    /// A few distinct messages with an English detail.
    pub english_samples: Vec<String>,
}

impl Tally {
    /// Whether anything failed.
    pub fn failed(&self) -> bool {
        self.panics + self.hangs + self.bad_messages + self.over_memory > 0
    }

    fn fail(&mut self, what: String) {
        if self.failures.len() < 50 {
            self.failures.push(what);
        }
    }
}

/// Which mutants a run reads and how.
pub struct Pass {
    /// The seed the mutants are made from.
    pub seed: u64,
    /// The mutants' indices.
    pub indices: std::ops::Range<u64>,
    /// One mutant in this many may be of tens of MB or a bomb (0: none).
    pub heavy_every: u64,
    /// The time limit per input.
    pub limit: Duration,
}

/// Runs a pass's mutants of `reader`, stopping the reader at its first hang.
pub fn run(
    seeds: &Seeds,
    reader: Reader,
    pass: &Pass,
    tally: &mut Tally,
    mut progress: impl FnMut(&Tally),
) {
    let Pass { seed, heavy_every, limit, .. } = *pass;
    for index in pass.indices.clone() {
        let (name, m) = seeds.mutant(reader, seed, index, heavy_every);
        let crate::mutate::Mutant { bytes, how } = m;
        let at = || format!("{} #{index} ({}): {}", reader.name(), name, how.join("; "));
        let (outcome, took, peak) = run_one(reader, name.clone(), bytes, limit);
        tally.mutants += 1;
        if took > tally.max_time {
            tally.max_time = took;
            tally.max_time_at = at();
        }
        if peak > tally.peak {
            tally.peak = peak;
            tally.peak_at = at();
        }
        if peak > INPUT_MEMORY {
            tally.over_memory += 1;
            tally.fail(format!("{} MB of heap: {}", peak >> 20, at()));
        }
        match outcome {
            Outcome::Hung => {
                tally.hangs += 1;
                tally.fail(format!("no answer in {limit:?}: {}", at()));
                progress(tally);
                return;
            }
            Outcome::Panicked(msg) => {
                tally.panics += 1;
                tally.fail(format!("panic «{msg}»: {}", at()));
            }
            Outcome::Answered(a) => {
                if a.accepted {
                    tally.accepted += 1;
                } else {
                    tally.refused += 1;
                    if a.messages.is_empty() {
                        tally.bad_messages += 1;
                        tally.fail(format!("refused without a message: {}", at()));
                    }
                }
                for msg in &a.messages {
                    if !vietnamese(msg) {
                        tally.bad_messages += 1;
                        tally.fail(format!("message not in Vietnamese «{msg}»: {}", at()));
                    } else if english_detail(msg) {
                        tally.english_detail += 1;
                        let short: String = msg.chars().take(300).collect();
                        if tally.english_samples.len() < 20
                            && !tally.english_samples.contains(&short)
                        {
                            tally.english_samples.push(short);
                        }
                    }
                }
            }
        }
        progress(tally);
    }
}
