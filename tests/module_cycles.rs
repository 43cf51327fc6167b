//! No import cycle between Rust modules (issue 26): two modules that use each other (as
//! `checks/spell.rs` and `checks/typo.rs` once did) are one job split in the wrong place. For
//! each crate (engine, CLI, shell) every source file is a module; a `crate::…`, `super::…` or
//! `self::…` path in its code (in `use` lines, braces expanded, or inline) is an edge to the
//! deepest module file the path names. A module using its own ancestors (the items a parent
//! shares with its children) is not counted; any other cycle fails, named module by module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A crate's modules: module path (`checks::spell`, `` for the root) → the file's code.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let rel = path.strip_prefix(src).expect("under src").with_extension("");
                let mut parts: Vec<String> =
                    rel.iter().map(|p| p.to_string_lossy().to_string()).collect();
                if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                    parts.pop();
                }
                let code = std::fs::read_to_string(&path).unwrap_or_default();
                // A file's unit tests may reach anywhere.
                let code = code.split("#[cfg(test)]").next().unwrap_or("").to_string();
                out.insert(parts.join("::"), code);
            }
        }
    }
    out
}

/// Every path written in `code` that starts at `crate`, `super` or `self`, `use` groups
/// expanded (`use super::{a::b, c}` gives `super::a::b` and `super::c`).
fn paths(code: &str) -> Vec<String> {
    let code: String =
        code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("use ") {
        let after = &rest[at + 4..];
        let end = after.find(';').unwrap_or(after.len());
        expand("", &after[..end].split_whitespace().collect::<String>(), &mut out);
        rest = &after[end..];
    }
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    for (i, _) in code.match_indices("crate::").chain(code.match_indices("super::")) {
        if code[..i].chars().next_back().is_some_and(word) {
            continue;
        }
        let tail: String = code[i..].chars().take_while(|&c| word(c)).collect();
        out.push(tail);
    }
    out.retain(|p| ["crate", "super", "self"].iter().any(|s| p.split("::").next() == Some(s)));
    out
}

/// Adds `prefix` joined with each path of a `use` tree (`a::{b, c::{d}}`) to `out`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let join = |p: &str| if prefix.is_empty() { p.to_string() } else { format!("{prefix}::{p}") };
    for item in split_top(tree) {
        match item.find('{') {
            Some(b) => {
                let head = item[..b].trim_end_matches("::");
                let inner = &item[b + 1..item.rfind('}').unwrap_or(item.len())];
                expand(&join(head), inner, out);
            }
            None => out.push(join(item.split(" as ").next().unwrap_or(item))),
        }
    }
}

/// The comma-separated items of a `use` tree at the top level of braces.
fn split_top(tree: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0, 0, Vec::new());
    for (i, c) in tree.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&tree[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&tree[start..]);
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

/// The module a path from module `at` names: the longest prefix that is a module of the crate.
fn target(at: &str, path: &str, mods: &BTreeMap<String, String>) -> Option<String> {
    let mut base: Vec<&str> = if at.is_empty() { vec![] } else { at.split("::").collect() };
    let mut parts = path.split("::").peekable();
    match parts.next()? {
        "crate" => base.clear(),
        "self" => {}
        "super" => {
            base.pop()?;
            while parts.peek() == Some(&"super") {
                parts.next();
                base.pop()?;
            }
        }
        _ => return None,
    }
    let mut best = base.join("::");
    let mut cur = base.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for p in parts {
        cur.push(p.to_string());
        let name = cur.join("::");
        if !mods.contains_key(&name) {
            break;
        }
        best = name;
    }
    mods.contains_key(&best).then_some(best)
}

/// Whether `a` is `b` or one of its ancestors.
fn ancestor_or_self(a: &str, b: &str) -> bool {
    a.is_empty() || a == b || b.starts_with(&format!("{a}::"))
}

/// The module graph: module → the modules it uses (ancestors left out).
fn graph(mods: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    mods.iter()
        .map(|(m, code)| {
            let uses = paths(code)
                .iter()
                .filter_map(|p| target(m, p, mods))
                .filter(|t| !ancestor_or_self(t, m))
                .collect();
            (m.clone(), uses)
        })
        .collect()
}

/// One cycle of the graph, as a list of modules, if there is any.
fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // 0: not seen, 1: on the current path, 2: done.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            match state.get(m).copied().unwrap_or(0) {
                1 => {
                    let from = path.iter().position(|p| p == m).unwrap_or(0);
                    let mut c = path[from..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, g, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if state.get(n).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, g, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_module_cycle_in_the_engine_the_cli_or_the_shell() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for src in ["src-tauri/engine/src", "src-tauri/cli/src", "src-tauri/src"] {
        let mods = modules(&PathBuf::from(root).join(src));
        assert!(!mods.is_empty(), "{src}: no sources seen");
        let g = graph(&mods);
        let edges: usize = g.values().map(BTreeSet::len).sum();
        // The engine has dozens of modules that use one another: the scan must see them.
        assert!(!src.contains("engine") || edges > 30, "{src}: too few uses seen ({edges})");
        if let Some(c) = cycle(&g) {
            panic!("{src}: modules use each other: {}", c.join(" → "));
        }
    }
}

#[test]
fn the_scan_sees_a_cycle_through_use_groups_and_inline_paths() {
    let mods: BTreeMap<String, String> = [
        ("", "mod checks;"),
        ("checks", "use crate::model::Report;\nmod spell; mod typo;"),
        ("checks::spell", "use super::{typo::{restyle, Style as S}, Context};"),
        ("checks::typo", "fn f() { crate::checks::spell::words(); }"),
        ("model", "pub struct Report;"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let g = graph(&mods);
    assert_eq!(g["checks::spell"], BTreeSet::from(["checks::typo".to_string()]));
    assert_eq!(g["checks"], BTreeSet::from(["model".to_string()]));
    let c = cycle(&g).expect("spell and typo use each other");
    assert!(c.contains(&"checks::spell".to_string()) && c.contains(&"checks::typo".to_string()));
    let mut fixed = mods.clone();
    fixed.insert("checks::typo".into(), "fn f() {}".into());
    assert_eq!(cycle(&graph(&fixed)), None);
}
