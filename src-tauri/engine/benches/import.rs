//! Import speed: a 30-page (and a 500-page) DOCX of our own read back into a report, and 1 MB of
//! TCVN3 and VNI
//! text converted to Unicode (targets: under 100 ms and under 20 ms).

use baocao_engine::legacy::{convert, Legacy};
use baocao_engine::{import, profile_for, render_docx_unchecked, sample, RenderEnv};
use chrono::{NaiveDate, TimeZone, Utc};
use criterion::Criterion;

fn bench(c: &mut Criterion) {
    let report = sample::generated(30);
    let profile = profile_for(&report).expect("built-in profile");
    let env = RenderEnv { now: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("date") };
    let docx = render_docx_unchecked(&report, &profile, env).expect("render");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    c.bench_function("import a 30-page DOCX", |b| {
        b.iter(|| import::import_docx(&docx, today).expect("import"))
    });
    // A huge file (500 pages): read whole, in time.
    let big = render_docx_unchecked(&sample::generated(500), &profile, env).expect("render");
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("import a 500-page DOCX", |b| {
        b.iter(|| import::import_docx(&big, today).expect("import"))
    });
    group.finish();
    let tcvn = "Ban Tuyªn gi¸o HuyÖn ñy CÇu Ngang tæ chøc héi nghÞ qu¸n triÖt ChØ thÞ 05. ";
    let vni = "Ban Tuyeân giaùo Huyeän uûy Caàu Ngang toå chöùc hoäi nghò quaùn trieät. ";
    let mb = |s: &str| s.repeat(1024 * 1024 / s.len() + 1);
    let (tcvn, vni) = (mb(tcvn), mb(vni));
    c.bench_function("convert 1 MB of TCVN3", |b| b.iter(|| convert(&tcvn, Legacy::Tcvn3, false)));
    c.bench_function("convert 1 MB of VNI", |b| b.iter(|| convert(&vni, Legacy::Vni, false)));
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
