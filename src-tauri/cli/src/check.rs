//! `validate` and `check`: the report's diagnostics, printed with their places.

use std::path::PathBuf;

use baocao_engine::app::paths;
use baocao_engine::{checks, Diagnostic, Report, Severity};

use crate::profiles::choose_profile;
use crate::report_io::read_report;
use crate::Failure;

/// Lists the report's structure diagnostics (the structure group of the checks); fails when one
/// is blocking.
pub(crate) fn cmd_validate(report: PathBuf, profile: Option<String>) -> Result<(), Failure> {
    let r = read_report(&report)?;
    let profile = choose_profile(&r, profile.as_deref())?;
    let mut problems = checks::structure::check(&r, &profile);
    baocao_engine::diagnostic::name_places(&r, &mut problems);
    let errors = problems.iter().filter(|p| p.is_blocking()).count();
    println!("{}", baocao_engine::profile_line(&r, &profile));
    for p in &problems {
        println!("{p}");
    }
    if errors > 0 {
        Err(Failure(format!(
            "«{}»: {errors} lỗi, {} cảnh báo.",
            report.display(),
            problems.len() - errors
        )))
    } else {
        println!(
            "«{}» hợp lệ ({} cảnh báo), định dạng «{}».",
            report.display(),
            problems.len(),
            profile.name
        );
        Ok(())
    }
}

/// Runs the format, content and spelling checks and prints each finding with its place.
pub(crate) fn cmd_check(
    report: PathBuf,
    json: bool,
    profile: Option<String>,
    words: Option<PathBuf>,
) -> Result<(), Failure> {
    let r = read_report(&report)?;
    let profile = choose_profile(&r, profile.as_deref())?;
    let words = words.or_else(|| paths::data_dir().map(|d| paths::words_file(&d)));
    checks::spell::load_now(words.map(|w| checks::spell::read_word_list(&w)).unwrap_or_default());
    let findings = checks::check(&r, &profile);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let blocking = count(Severity::Blocking);
    if json {
        println!("{}", serde_json::to_string_pretty(&findings).unwrap_or_default());
    } else {
        for f in &findings {
            println!("{}", with_excerpt(&r, f));
        }
    }
    let text = format!(
        "«{}»: {blocking} lỗi chặn, {} cảnh báo, {} gợi ý.",
        report.display(),
        count(Severity::Warning),
        count(Severity::Suggestion)
    );
    if blocking > 0 {
        Err(Failure(text))
    } else {
        if !json {
            println!("{text}");
        }
        Ok(())
    }
}

/// A finding as `check` prints it: «Lỗi: place «the text found»: message».
fn with_excerpt(r: &Report, f: &Diagnostic) -> String {
    let excerpt = match (f.span, checks::text_at(r, &f.path)) {
        (Some(s), Some(t)) => {
            let units: Vec<u16> =
                t.encode_utf16().skip(s[0] as usize).take((s[1] - s[0]) as usize).collect();
            format!("«{}»", String::from_utf16_lossy(&units))
        }
        _ => return f.to_string(),
    };
    let place = [f.place_words.as_str(), excerpt.as_str()].join(" ");
    format!("{}: {}: {}", f.severity.label(), place.trim(), f.message)
}
