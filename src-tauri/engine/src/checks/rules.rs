//! The rules kept as data (`templates/checks/rules.toml`): typography and number-format
//! substitutions, names of bodies with their capitals, «Nhân dân», counts typed in the text,
//! type codes, and the settings that differ by profile.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;

use super::fastre::Bounded;

use crate::memo::TextMemo;
use serde::Deserialize;

use super::{span16, Diagnostic, Field, Kind, Severity};
use crate::diagnostic::codes;

/// Source of the built-in rules.
pub const RULES_TOML: &str = include_str!("../../../../templates/checks/rules.toml");

/// Settings that differ by profile.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileRules {
    /// "old" (hòa, ủy) or "new" (hoà, uỷ).
    pub tone_style: String,
    /// Whether «Nhân dân» meaning the people takes a capital N.
    pub nhan_dan: bool,
    /// Bodies that sign collectively («T/M») under this profile; none: the common list.
    #[serde(default)]
    pub collective: Option<Vec<String>>,
}

/// A substitution: a pattern and what replaces it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Substitution {
    /// Rule id.
    pub id: String,
    /// Level of its findings.
    pub level: Severity,
    /// Kinds of fields it reads ("prose", "title", "name", "cell").
    pub kinds: Vec<String>,
    /// The regular expression.
    pub pattern: String,
    /// Only this group of a match is flagged and replaced (0: the whole match).
    #[serde(default)]
    pub group: usize,
    /// Replacement with `$1`-style groups.
    #[serde(default)]
    pub replace: Option<String>,
    /// A change made in code: "group_thousands", "comma_to_dot".
    #[serde(default)]
    pub transform: Option<String>,
    /// Message with `{found}` and `{fix}`.
    pub message: String,
    /// Only for these profiles (all when empty).
    #[serde(default)]
    pub profiles: Vec<String>,
}

/// Names written with their capitals.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// Level of the findings.
    pub level: Severity,
    /// Kinds of fields read.
    pub kinds: Vec<String>,
    /// Message with `{found}` and `{fix}`.
    pub message: String,
    /// The names as they must be written.
    pub list: Vec<String>,
}

/// The «Nhân dân» rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NhanDan {
    /// Level of the findings.
    pub level: Severity,
    /// Message with `{found}` and `{fix}`.
    pub message: String,
    /// Words after which «nhân dân» belongs to a body's name (lower case).
    pub inside_names: Vec<String>,
}

/// A count typed in the text and what it must equal.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountRule {
    /// Rule id.
    pub id: String,
    /// Level of the findings.
    pub level: Severity,
    /// Pattern with a group `n`, the number.
    pub pattern: String,
    /// What it counts: "solution_groups", "lessons", "proposals", "period_years".
    pub counts: String,
    /// What is counted, in words.
    pub what: String,
}

/// Names of bodies of an abolished level (the district, from 1/7/2025), warned about in a
/// document dated from then on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbolishedLevel {
    /// Rule id.
    pub id: String,
    /// Level of the findings.
    pub level: Severity,
    /// The first day without the level (YYYY-MM-DD).
    pub from: chrono::NaiveDate,
    /// Names of its bodies, matched whatever the case, «ủy» or «uỷ».
    pub names: Vec<String>,
    /// Codes of its bodies, matched as whole words in capitals.
    pub codes: Vec<String>,
    /// Words saying a sentence speaks of the time before («(cũ)»).
    pub past: Vec<String>,
    /// Message with `{found}` and `{date}`.
    pub message: String,
}

/// The rules file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// Settings per profile id.
    pub profiles: BTreeMap<String, ProfileRules>,
    /// Substitutions.
    pub substitution: Vec<Substitution>,
    /// Names of bodies.
    pub names: Names,
    /// «Nhân dân».
    pub nhan_dan: NhanDan,
    /// Counts typed in the text.
    pub count: Vec<CountRule>,
    /// Document type name → code of the number.
    pub type_codes: BTreeMap<String, String>,
    /// Bodies that sign collectively (lower case).
    pub collective: Vec<String>,
    /// Academic titles not written before a signer's name.
    pub academic_titles: Vec<String>,
    /// Words the dictionary lacks that reports use.
    pub words: Vec<String>,
    /// Bodies of the abolished district level.
    pub abolished_level: AbolishedLevel,
}

/// The rules, compiled.
pub struct Rules {
    /// The file as read.
    pub file: RulesFile,
    subs: Vec<(Substitution, Bounded)>,
    names: Vec<(String, Bounded)>,
    nhan_dan: Bounded,
    /// Count rules with their patterns.
    pub counts: Vec<(CountRule, Bounded)>,
    /// The names and codes of the abolished level, as one pattern.
    pub abolished: Bounded,
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Prose => "prose",
        Kind::Title => "title",
        Kind::Name => "name",
        Kind::Cell => "cell",
    }
}

impl Rules {
    /// Reads and compiles a rules file; the message names the rule whose pattern is wrong.
    pub fn from_toml(src: &str) -> Result<Self, String> {
        let file: RulesFile =
            toml::from_str(src).map_err(|e| format!("Tệp quy tắc kiểm tra: {e}"))?;
        let re = |id: &str, p: &str| {
            Bounded::new(p).map_err(|e| format!("Quy tắc «{id}»: biểu thức không hợp lệ: {e}"))
        };
        let subs = file
            .substitution
            .iter()
            .map(|s| Ok((s.clone(), re(&s.id, &s.pattern)?)))
            .collect::<Result<_, String>>()?;
        let names = file
            .names
            .list
            .iter()
            .map(|n| {
                let words: Vec<String> = n.split_whitespace().map(regex::escape).collect();
                Ok((n.clone(), re(n, &format!(r"(?i)\b{}\b", words.join(r"\s+")))?))
            })
            .collect::<Result<_, String>>()?;
        let counts = file
            .count
            .iter()
            .map(|c| Ok((c.clone(), re(&c.id, &c.pattern)?)))
            .collect::<Result<_, String>>()?;
        let a = &file.abolished_level;
        let mut level_names: Vec<&String> = a.names.iter().collect();
        // The longest first, so «Ban Tuyên giáo Huyện ủy» is found whole.
        level_names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        let names_re: Vec<String> = level_names
            .iter()
            .map(|n| {
                let words: Vec<String> = n
                    .split_whitespace()
                    .map(|w| regex::escape(w).replace("ủy", "(?:ủy|uỷ)").replace("Ủy", "(?:Ủy|Uỷ)"))
                    .collect();
                words.join(r"\s+")
            })
            .collect();
        let codes: Vec<String> = a.codes.iter().map(|c| regex::escape(c)).collect();
        let abolished = re(
            &a.id,
            &format!(r"(?i:\b(?:{})\b)|\b(?:{})\b", names_re.join("|"), codes.join("|")),
        )?;
        Ok(Rules {
            subs,
            names,
            nhan_dan: re("nhan-dan", r"\b[Nn]hân\s+[Dd]ân\b")?,
            counts,
            abolished,
            file,
        })
    }

    /// The settings of a profile (the Party profile's for an unknown one).
    pub fn profile(&self, id: &str) -> &ProfileRules {
        self.file
            .profiles
            .get(id)
            .or_else(|| self.file.profiles.get("hd36"))
            .or_else(|| self.file.profiles.values().next())
            .expect("the rules file has profiles")
    }

    /// The findings of the per-text rules of `min` severity or more in one field (remembered
    /// per text).
    pub fn check_field(&self, f: &Field, profile: &str, min: Severity) -> Vec<Diagnostic> {
        let key = format!("{profile}\u{1}{}\u{1}{min:?}\u{1}", kind_name(f.kind));
        memo_field(&key, f, || self.text_findings(f.text, f.kind, profile, min))
    }

    fn text_findings(
        &self,
        text: &str,
        kind: Kind,
        profile: &str,
        min: Severity,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let kind = kind_name(kind);
        let names = skip_spans(text);
        let skipped = |a: usize, b: usize| names.iter().any(|&(s, e)| a < e && b > s);
        for (s, re) in &self.subs {
            if s.level < min
                || !s.kinds.iter().any(|k| k == kind)
                || (!s.profiles.is_empty() && !s.profiles.iter().any(|p| p == profile))
            {
                continue;
            }
            for caps in re.captures_iter(text) {
                let Some(m) = caps.get(s.group) else { continue };
                if skipped(m.start(), m.end()) {
                    continue;
                }
                let fix = match (&s.replace, s.transform.as_deref()) {
                    (Some(r), _) => {
                        let mut out = String::new();
                        caps.expand(r, &mut out);
                        Some(out)
                    }
                    (None, Some("group_thousands")) => Some(group_thousands(m.as_str())),
                    (None, Some("comma_to_dot")) => Some(m.as_str().replace(',', ".")),
                    _ => None,
                };
                out.push(finding(&s.id, s.level, text, m.start(), m.end(), &s.message, fix));
            }
        }
        if kind != "cell" && !is_all_caps(text) {
            let n = &self.file.names;
            if n.level >= min && n.kinds.iter().any(|k| k == kind) {
                for (name, re) in &self.names {
                    for m in re.find_iter(text) {
                        if m.as_str() != name.as_str()
                            && !is_all_caps(m.as_str())
                            && !same_but_first(m.as_str(), name)
                        {
                            out.push(finding(
                                codes::NAME_CASE,
                                n.level,
                                text,
                                m.start(),
                                m.end(),
                                &n.message,
                                Some(name.clone()),
                            ));
                        }
                    }
                }
            }
            if self.profile(profile).nhan_dan && kind == "prose" && self.file.nhan_dan.level >= min
            {
                let nd = &self.file.nhan_dan;
                for m in self.nhan_dan.find_iter(text) {
                    let before = text[..m.start()].trim_end().to_lowercase();
                    let inside = nd.inside_names.iter().any(|w| before.ends_with(w.as_str()));
                    let want = if inside { "nhân dân" } else { "Nhân dân" };
                    let found = m.as_str();
                    // «Ủy ban Nhân dân», «Hội đồng Nhân dân»: the names rule says it.
                    let named =
                        ["ủy ban", "uỷ ban", "hội đồng"].iter().any(|w| before.ends_with(w));
                    if found != want && !(inside && named) {
                        out.push(finding(
                            codes::NHAN_DAN,
                            nd.level,
                            text,
                            m.start(),
                            m.end(),
                            &nd.message,
                            Some(want.to_string()),
                        ));
                    }
                }
            }
        }
        out
    }
}

/// Whether two spellings differ only in the first letter's case (a sentence may start with it).
fn same_but_first(a: &str, b: &str) -> bool {
    let mut x = a.chars();
    let mut y = b.chars();
    let (Some(p), Some(q)) = (x.next(), y.next()) else { return false };
    p.to_lowercase().eq(q.to_lowercase()) && x.as_str() == y.as_str() && p.is_uppercase()
}

/// Whether a text has letters and all of them are capitals (a heading typed in capitals).
pub fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Byte ranges of a text that no wording rule reads: figure names `{name}` and computed
/// references `[năm]`.
pub fn skip_spans(text: &str) -> Vec<(usize, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"\{[A-Za-z0-9_]+\}|\[[^\[\]\n]{1,20}\]|https?://\S+|www\.\S+|\S+@\S+")
            .expect("valid")
    });
    re.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

/// A finding at bytes `a..b` of `text`; the message's `{found}` and `{fix}` filled.
pub fn finding(
    code: &str,
    severity: Severity,
    text: &str,
    a: usize,
    b: usize,
    message: &str,
    fix: Option<String>,
) -> Diagnostic {
    let found = &text[a..b];
    let message = message
        .replace("{found}", found.trim())
        .replace("{fix}", fix.as_deref().unwrap_or("").trim());
    Diagnostic::new(code, severity, message).spanning(span16(text, a, b)).with_fix(fix)
}

/// "12345" → "12.345".
pub fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The built-in rules, compiled once.
pub fn builtin() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        Rules::from_toml(RULES_TOML).expect("the built-in rules are valid (tested)")
    })
}

static MEMO: TextMemo<Vec<Diagnostic>> = TextMemo::new(32 << 20);

/// The findings of a per-text rule set in field `f` (`key` names the set and its settings),
/// remembered per text, each placed at the field's path.
pub fn memo_field(
    key: &str,
    f: &Field,
    compute: impl FnOnce() -> Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut found = MEMO.get(key, f.text, compute);
    for x in &mut found {
        x.path.clone_from(&f.path);
    }
    found
}

/// Forgets every remembered finding (benchmarks measure checks from scratch with it).
pub fn clear_memo() {
    MEMO.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_pattern_and_its_quick_test_compile() {
        // Patterns are compiled when first needed: one that did not compile would match nothing.
        let r = builtin();
        let all = r.subs.iter().map(|(_, b)| b).chain(r.names.iter().map(|(_, b)| b));
        let all = all.chain(r.counts.iter().map(|(_, b)| b)).chain([&r.nhan_dan, &r.abolished]);
        let mut n = 0;
        for b in all {
            assert!(b.compiles(), "{b:?}");
            n += 1;
        }
        assert!(n > 30, "only {n} patterns");
    }
}
