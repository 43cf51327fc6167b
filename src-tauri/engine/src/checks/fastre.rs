//! Regexes with a quick test first. The regex crate's fast engine (a lazy DFA) cannot evaluate a
//! Unicode word boundary (`\b`) on non-ASCII text, so on Vietnamese text a pattern with `\b` runs
//! on its slower engines over the whole text (most of a cold check's time, docs/performance.md).
//! The same pattern without its `\b`s runs on the DFA; removing an assertion only widens what a
//! pattern matches, so a text the quick test rejects has no match, and most texts are rejected
//! there.

use std::sync::OnceLock;

use regex::{CaptureMatches, Captures, Matches, Regex};

/// A regex and, when it has word boundaries, the same pattern without them. Both are compiled
/// when first needed (compiling was a third of a cold `baocao render`): the full one only once
/// the quick test lets a text through, which for most rules never happens in a report.
#[derive(Debug)]
pub struct Bounded {
    pattern: String,
    full: OnceLock<Regex>,
    quick: Option<String>,
    compiled: OnceLock<Option<Regex>>,
}

impl Bounded {
    /// Checks `pattern`'s syntax; the error says what is wrong (as compiling it would).
    pub fn new(pattern: &str) -> Result<Self, String> {
        regex_syntax::Parser::new().parse(pattern).map_err(|e| e.to_string())?;
        let quick = without_word_boundaries(pattern);
        Ok(Bounded {
            pattern: pattern.to_string(),
            full: OnceLock::new(),
            quick,
            compiled: OnceLock::new(),
        })
    }

    /// The regex itself. A pattern that parses but cannot be compiled (over the crate's size
    /// limit) matches nothing.
    fn full(&self) -> &Regex {
        self.full.get_or_init(|| {
            Regex::new(&self.pattern).unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("empty"))
        })
    }

    /// Whether the pattern and its quick test both compile (the shipped rules are tested with it).
    pub fn compiles(&self) -> bool {
        Regex::new(&self.pattern).is_ok()
            && self.quick.as_deref().is_none_or(|q| Regex::new(q).is_ok())
    }

    /// False when `text` surely has no match.
    pub fn may_match(&self, text: &str) -> bool {
        let quick =
            self.compiled.get_or_init(|| self.quick.as_deref().and_then(|q| Regex::new(q).ok()));
        quick.as_ref().is_none_or(|q| q.is_match(text))
    }

    /// Every match's groups, as [`Regex::captures_iter`].
    pub fn captures_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<CaptureMatches<'r, 'h>>> {
        self.may_match(text).then(|| self.full().captures_iter(text)).into_iter().flatten()
    }

    /// Every match, as [`Regex::find_iter`].
    pub fn find_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<Matches<'r, 'h>>> {
        self.may_match(text).then(|| self.full().find_iter(text)).into_iter().flatten()
    }

    /// The first match's groups, as [`Regex::captures`].
    pub fn captures<'h>(&self, text: &'h str) -> Option<Captures<'h>> {
        if self.may_match(text) {
            self.full().captures(text)
        } else {
            None
        }
    }

    /// Whether `text` has a match.
    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.full().is_match(text)
    }
}

/// `pattern` with every `\b` (and `\b{…}`) removed; `None` when it has none.
fn without_word_boundaries(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut found = false;
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => {
                found = true;
                if chars.peek() == Some(&'{') {
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                    }
                }
            }
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_word_boundaries_are_removed() {
        assert_eq!(without_word_boundaries(r"(?i)\bhai\s+là\b").as_deref(), Some(r"(?i)hai\s+là"));
        assert_eq!(without_word_boundaries(r"\\b\B\d").as_deref(), None);
        assert_eq!(without_word_boundaries(r"\b{start}x\b{end}").as_deref(), Some("x"));
    }

    #[test]
    fn it_finds_what_the_regex_finds() {
        let p = r"(?i)\b(?P<n>\d{1,2}|một|hai|ba|bốn)\s+nhóm\s+giải\s+pháp";
        let (b, r) = (Bounded::new(p).expect("valid"), Regex::new(p).expect("valid"));
        for text in [
            "Đề ra Bốn nhóm giải pháp chủ yếu; hai nhóm giải pháp khác.",
            "Không có gì ở đây cả: hainhóm giải pháp dính liền.",
            "Thứ tự: 3 nhóm giải pháp, ấp Một nhóm giải pháp.",
            "",
        ] {
            let a: Vec<_> = b.captures_iter(text).map(|c| c["n"].to_string()).collect();
            let e: Vec<_> = r.captures_iter(text).map(|c| c["n"].to_string()).collect();
            assert_eq!(a, e, "{text}");
            assert_eq!(b.is_match(text), r.is_match(text));
        }
    }
}
