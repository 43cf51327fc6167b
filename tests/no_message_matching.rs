//! Findings are told apart by their code, never by their Vietnamese text (issue 26): a message
//! reworded must not silently switch a feature off, as it once did for the blanks listed before
//! export. Scans the engine, CLI, shell and UI sources (tests excepted) for code that reads a
//! finding's message to decide something.

use std::path::{Path, PathBuf};

#[path = "common/scan.rs"]
mod scan;

/// What deciding on a message's text looks like in Rust and in TypeScript.
const NEEDLES: &[&str] = &[
    "message.contains(",
    "message.starts_with(",
    "message.ends_with(",
    "message ==",
    "message.startsWith(",
    "message.includes(",
    "message.endsWith(",
    "message.match(",
    "message ===",
    "message !==",
    "message !=",
    "message.indexOf(",
    "message.search(",
    "message.find(",
    "message.matches(",
    "message.as_str() ==",
    "message.as_str() !=",
    "message.eq(",
];

/// A regular expression tried on a message (`/…/.test(p.message)`, `re.is_match(&f.message)`).
fn regex_on_message(line: &str) -> bool {
    [".test(", ".is_match(", ".exec("].iter().any(|call| {
        line.split(call).skip(1).any(|rest| {
            let arg = rest.split(')').next().unwrap_or("");
            arg.trim_end().ends_with("message")
        })
    })
}

/// The source files to scan: Rust under src-tauri (not tests, benches), TypeScript under ui/src
/// (not unit tests).
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let code = |name: &str| {
        (name.ends_with(".rs") || name.ends_with(".ts") || name.ends_with(".tsx"))
            && !name.contains(".test.")
    };
    scan::files(dir, &["tests", "benches", "node_modules", "target"], &code, out);
}

/// The lines of `text` that decide on a message's text (a Rust file's unit tests excepted).
fn offending(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .filter(|l| NEEDLES.iter().any(|n| l.contains(n)) || regex_on_message(l))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn no_source_decides_on_a_message_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src-tauri"), &mut files);
    sources(&root.join("ui/src"), &mut files);
    assert!(files.len() > 50, "the scan must see the sources: {} files", files.len());
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for line in offending(&text) {
            found.push(format!("{}: {line}", f.strip_prefix(root).unwrap_or(f).display()));
        }
    }
    assert!(
        found.is_empty(),
        "filter findings by their code, not their text:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_sees_what_it_forbids() {
    let rust = "let n = list.iter().filter(|p| p.message.contains(\"cần cập nhật\")).count();";
    let ts = "const blanks = problems.filter((p) => p.message.startsWith(BLANK_WARNING));";
    assert_eq!(offending(rust).len(), 1);
    assert_eq!(offending(ts).len(), 1);
    assert!(offending("let n = list.iter().filter(|p| p.code == codes::BLANK).count();").is_empty());
    assert_eq!(offending("const hit = found.some((f) => /cấp huyện/.test(f.message));").len(), 1);
    assert_eq!(offending("if RE.is_match(&d.message) { return; }").len(), 1);
    assert_eq!(offending("let at = w.message.find(\"cộng lại\");").len(), 1);
    assert!(offending("println!(\"{}\", d.message);").is_empty());
    assert!(offending("#[cfg(test)]\nmod t { fn f() { assert!(m.message.contains(\"x\")); } }")
        .is_empty());
}
