//! The UI keeps no copy of what the engine computes (issue 26): outline numbers and ordinals,
//! year references, table sums and totals, the Party guidance of a date, a place in words. The editor shows the
//! engine's answers (`outline::Outline` with every preview, `outline::profile_choices`); this
//! fails when `ui/src` defines one of the old copies again.

use std::path::{Path, PathBuf};

#[path = "common/scan.rs"]
mod scan;

/// The functions that were copies of the engine's logic, and what replaced each.
const GONE: &[(&str, &str)] = &[
    ("motLa", "text::mot_la, through outline::Openers"),
    ("thuNhat", "text::thu_nhat, through outline::Openers"),
    ("roman", "text::roman, through outline::OutlineItem.number"),
    ("vietLetter", "text::viet_letter, through outline::OutlineItem.number"),
    ("count2", "text::format_count, through outline::Outline"),
    ("withYears", "flow::YearRefs, through outline::OutlineItem.title"),
    ("resolveTable", "flow::resolve_table, through outline::TableView"),
    ("columnTotals", "flow::column_totals, through outline::TableView"),
    ("partyGuidance", "profile::resolve_id, through outline::profile_choices"),
    ("applicableProfile", "profile::resolve_id, through outline::profile_choices"),
    ("profileOptions", "outline::profile_choices"),
    ("profileNote", "outline::profile_choices"),
    ("describePath", "diagnostic::place_words, through the place_words command"),
];

/// The TypeScript files under `dir` (tests included: they must not keep a copy either).
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let typescript = |name: &str| name.ends_with(".ts") || name.ends_with(".tsx");
    scan::files(dir, &["node_modules"], &typescript, out);
}

/// The definitions of the gone functions in `text`: a function, a variable holding one, or an
/// object's method.
fn definitions(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (name, _) in GONE {
            let forms = [
                format!("function {name}("),
                format!("function {name}<"),
                format!("const {name} ="),
                format!("const {name}:"),
                format!("let {name} ="),
                format!("var {name} ="),
                format!("{name}: ("),
                format!("{name}: function"),
            ];
            let method = line.trim_start().starts_with(&format!("{name}("))
                && line.trim_end().ends_with('{');
            if forms.iter().any(|f| line.contains(f.as_str())) || method {
                found.push(format!("{name}: {}", line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_ui_defines_no_copy_of_the_engines_logic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("ui/src"), &mut files);
    assert!(files.len() > 30, "the scan must see the UI: {} files", files.len());
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for d in definitions(&text) {
            found.push(format!("{}: {d}", f.strip_prefix(root).unwrap_or(f).display()));
        }
    }
    let replaced: Vec<String> = GONE.iter().map(|(n, by)| format!("{n} → {by}")).collect();
    assert!(
        found.is_empty(),
        "the engine answers these (take its answer instead):\n{}\n\nreplacements:\n{}",
        found.join("\n"),
        replaced.join("\n")
    );
}

#[test]
fn the_scan_sees_what_it_forbids() {
    assert_eq!(definitions("export function motLa(n: number): string {").len(), 1);
    assert_eq!(definitions("const roman = (n: number) => \"I\";").len(), 1);
    assert_eq!(definitions("export const withYears: (t: string) => string = f;").len(), 1);
    assert_eq!(definitions("  columnTotals(t: StatTable) {").len(), 1);
    assert_eq!(definitions("const api = { partyGuidance: (d: string) => d };").len(), 1);
    assert!(definitions("// function motLa( was here").is_empty());
    assert!(definitions("const word = openers?.items[i] ?? \"\";").is_empty());
    assert!(definitions("import { romanNumeral } from \"x\";").is_empty());
}
