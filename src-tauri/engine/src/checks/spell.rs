//! Spelling: every Vietnamese syllable the user typed, checked against the system's Hunspell
//! dictionary (Debian `hunspell-vi`, or on Windows the copy the installer puts beside the program
//! as a separate component, read at run time with `spellbook`; it is GPL, so it is not compiled
//! into this program), the rules' word list and the user's own list (names, places,
//! abbreviations) kept in the app's data folder.
//!
//! The dictionary writes the tone of oa, oe, uy the new way (hoà, uỷ); a document written the old
//! way (hòa, ủy) is read the dictionary's way, and suggestions come back in the document's way.
//! Suggestions: the dictionary's syllables with the same letters but other marks (the usual
//! slip: a mark missing or wrong) and Hunspell's own, ranked by how few marks differ, then by how
//! often reports use the syllable (counted in the built-in templates and sample).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock, RwLock};

use unicode_normalization::UnicodeNormalization;

use super::typo::{restyle, ToneStyle};
use super::words::{is_mark, words};
use super::{span16, Context, Diagnostic, Field, Severity};
use crate::diagnostic::codes;

/// The name of the user's word list in the app's data folder.
pub const USER_WORDS_FILE: &str = "tu-dien.txt";

/// A loaded dictionary with the extra words.
pub struct Speller {
    dict: spellbook::Dictionary,
    /// Dictionary syllables by their letters without marks ("mot" → một, mót, mọt, mốt).
    by_base: HashMap<String, Vec<String>>,
    /// How often the built-in reports use each syllable (lower case, new tone style).
    frequency: HashMap<String, u32>,
    /// Words from the rules file and the user's list, exactly as written and in lower case.
    extra: RwLock<HashSet<String>>,
    /// Changes whenever the extra words change (remembered findings are keyed by it).
    generation: AtomicU64,
    suggestions: Mutex<HashMap<String, Vec<String>>>,
}

/// Where the global dictionary stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Not asked for yet.
    NotStarted,
    /// Loading in the background.
    Loading,
    /// Loaded.
    Ready,
    /// The system has no Vietnamese dictionary.
    Missing,
}

static GLOBAL: OnceLock<Speller> = OnceLock::new();
static STATE: AtomicU8 = AtomicU8::new(0);

/// Where the global dictionary stands.
pub fn state() -> State {
    match STATE.load(Ordering::Acquire) {
        0 => State::NotStarted,
        1 => State::Loading,
        2 => State::Ready,
        _ => State::Missing,
    }
}

/// The global dictionary, once loaded.
pub fn global() -> Option<&'static Speller> {
    GLOBAL.get()
}

/// The folder read for `vi_VN.aff` and `vi_VN.dic`: `$BAOCAO_HUNSPELL_DIR`, else Debian's, or
/// on Windows the installer's copy beside the program or LibreOffice's ([`crate::platform`]).
pub fn dictionary_dir() -> PathBuf {
    crate::platform::dictionary_dir()
}

/// Loads the global dictionary on another thread (start-up does not wait), with the words
/// `user_words` reads there (the user's list).
pub fn load_in_background(user_words: impl FnOnce() -> Vec<String> + Send + 'static) {
    if STATE.compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire).is_err() {
        return;
    }
    std::thread::spawn(move || finish_loading(user_words()));
}

/// Loads the global dictionary now (the CLI, tests); returns it, or none when the system has none.
pub fn load_now(user_words: Vec<String>) -> Option<&'static Speller> {
    if STATE.compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire).is_ok() {
        finish_loading(user_words);
    } else {
        while state() == State::Loading {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        if let Some(s) = global() {
            s.add_words(user_words);
        }
    }
    global()
}

fn finish_loading(user_words: Vec<String>) {
    match Speller::from_dir(&dictionary_dir()) {
        Ok(s) => {
            s.add_words(user_words);
            let _ = GLOBAL.set(s);
            STATE.store(2, Ordering::Release);
        }
        Err(_) => STATE.store(3, Ordering::Release),
    }
}

impl Speller {
    /// Reads `vi_VN.aff` and `vi_VN.dic` from `dir`.
    pub fn from_dir(dir: &Path) -> Result<Self, String> {
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name))
                .map_err(|e| format!("Không đọc được từ điển «{}»: {e}.", dir.join(name).display()))
        };
        Self::new(&read("vi_VN.aff")?, &read("vi_VN.dic")?)
    }

    /// A speller from the text of a Hunspell `.aff` and `.dic`.
    pub fn new(aff: &str, dic: &str) -> Result<Self, String> {
        let dict = spellbook::Dictionary::new(aff, dic)
            .map_err(|e| format!("Từ điển chính tả không hợp lệ: {e}."))?;
        let mut by_base: HashMap<String, Vec<String>> = HashMap::new();
        for line in dic.lines().skip(1) {
            let w = line.split('/').next().unwrap_or("").trim();
            if w.is_empty() || w.chars().any(char::is_uppercase) {
                continue;
            }
            by_base.entry(base(w)).or_default().push(w.to_string());
        }
        let mut frequency = HashMap::new();
        for src in crate::templates::BUILTIN.iter().chain([&crate::sample::SAMPLE_JSON]) {
            for (_, _, w) in words(src) {
                let w =
                    restyle(&w.to_lowercase(), ToneStyle::New).unwrap_or_else(|| w.to_lowercase());
                *frequency.entry(w).or_insert(0) += 1;
            }
        }
        let s = Speller {
            dict,
            by_base,
            frequency,
            extra: RwLock::new(HashSet::new()),
            generation: AtomicU64::new(0),
            suggestions: Mutex::new(HashMap::new()),
        };
        s.add_words(super::rules::builtin().file.words.clone());
        Ok(s)
    }

    /// Adds words (the user's list, a word from «Thêm vào từ điển»).
    pub fn add_words(&self, words: impl IntoIterator<Item = String>) {
        let mut extra = self.extra.write().unwrap_or_else(|e| e.into_inner());
        for w in words {
            let w: String = w.trim().nfc().collect();
            if !w.is_empty() {
                extra.insert(w.to_lowercase());
                extra.insert(w);
            }
        }
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Whether a word is spelt right: in the dictionary (either tone style) or the extra words.
    pub fn is_correct(&self, word: &str) -> bool {
        {
            let extra = self.extra.read().unwrap_or_else(|e| e.into_inner());
            if extra.contains(word) || extra.contains(&word.to_lowercase()) {
                return true;
            }
        }
        if self.dict.check(word) {
            return true;
        }
        let lower = word.to_lowercase();
        if lower != word && self.dict.check(&lower) {
            return true;
        }
        match restyle(&lower, ToneStyle::New) {
            Some(w) => self.dict.check(&w),
            None => false,
        }
    }

    /// Suggestions for a misspelt word, best first, in the document's tone style and the word's case.
    pub fn suggest(&self, word: &str, style: ToneStyle) -> Vec<String> {
        let lower = word.to_lowercase();
        let cached =
            self.suggestions.lock().unwrap_or_else(|e| e.into_inner()).get(&lower).cloned();
        let ranked = cached.unwrap_or_else(|| {
            let ranked = self.rank(&lower);
            self.suggestions
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(lower.clone(), ranked.clone());
            ranked
        });
        ranked
            .into_iter()
            .take(5)
            .map(|w| match_case(word, &restyle(&w, style).unwrap_or(w)))
            .collect()
    }

    fn rank(&self, lower: &str) -> Vec<String> {
        let typed = restyle(lower, ToneStyle::New).unwrap_or_else(|| lower.to_string());
        let mut candidates: Vec<String> =
            self.by_base.get(&base(&typed)).cloned().unwrap_or_default();
        let mut more = Vec::new();
        self.dict.suggest(&typed, &mut more);
        candidates.extend(
            more.into_iter()
                .filter(|w| !w.contains([' ', '-']) && !w.chars().any(char::is_uppercase)),
        );
        let mut seen = HashSet::new();
        candidates.retain(|w| w != &typed && seen.insert(w.clone()));
        let typed_nfd: Vec<char> = typed.nfd().collect();
        let typed_base = base(&typed);
        // Fewer changed letters and marks first; a syllable reports use often beats a rare one
        // a mark nearer (a doubling of its use is worth half a mark).
        let mut scored: Vec<(f64, String)> = candidates
            .into_iter()
            .map(|w| {
                let nfd: Vec<char> = w.nfd().collect();
                let mut d = levenshtein(&typed_nfd, &nfd) as f64;
                if base(&w) != typed_base {
                    d += 1.5;
                }
                let f = f64::from(self.frequency.get(&w).copied().unwrap_or(0));
                (d - 0.5 * (1.0 + f).log2(), w)
            })
            .collect();
        scored.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, w)| w).collect()
    }

    /// The spelling findings of one field (remembered per text and word lists).
    pub fn check_field(&self, f: &Field, cx: &Context) -> Vec<Diagnostic> {
        let style = ToneStyle::of(cx.rules, &cx.profile.id);
        let key = format!(
            "chinh-ta\u{1}{}\u{1}{:?}\u{1}",
            self.generation.load(Ordering::Acquire),
            style
        );
        super::rules::memo_field(&key, f, || self.text_findings(f.text, style))
    }

    fn text_findings(&self, text: &str, style: ToneStyle) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (a, b, w) in words(text) {
            if self.is_correct(w) {
                continue;
            }
            // An abbreviation the dictionary lacks: the user adds it; suggestions would be noise.
            if w.chars().count() > 1 && !w.chars().any(char::is_lowercase) && w.is_ascii() {
                out.push(Diagnostic {
                    code: codes::SPELLING.into(),
                    severity: Severity::Suggestion,
                    path: String::new(),
                    span: Some(span16(text, a, b)),
                    message: format!("Chữ viết tắt «{w}» chưa có trong từ điển: nếu viết đúng, chọn «Thêm vào từ điển»."),
                    fix: None,
                    word: Some(w.to_string()),
                    file: None,
                    sheet: None,
                    cell: None,
                    unit: None,
                    place_words: String::new(),
                });
                continue;
            }
            let sugg = self.suggest(w, style);
            let message = match sugg.first() {
                Some(_) => format!(
                    "Có thể sai chính tả: «{w}». Gợi ý: {}. Nếu là tên riêng hay chữ viết tắt, \
                     chọn «Thêm vào từ điển».",
                    sugg.iter().map(|s| format!("«{s}»")).collect::<Vec<_>>().join(", ")
                ),
                None => format!(
                    "Từ điển không có «{w}». Nếu là tên riêng hay chữ viết tắt, chọn «Thêm vào từ điển»."
                ),
            };
            out.push(Diagnostic {
                code: codes::SPELLING.into(),
                severity: Severity::Warning,
                path: String::new(),
                span: Some(span16(text, a, b)),
                message,
                fix: sugg.first().cloned(),
                word: Some(w.to_string()),
                file: None,
                sheet: None,
                cell: None,
                unit: None,
                place_words: String::new(),
            });
        }
        out
    }
}

/// A syllable's letters without marks, lower case ("Một" → "mot", "đảng" → "dang").
pub fn base(w: &str) -> String {
    w.nfd()
        .filter(|c| !is_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

fn match_case(model: &str, w: &str) -> String {
    if model.chars().count() > 1 && !model.chars().any(char::is_lowercase) {
        crate::text::upper(w)
    } else if model.chars().next().is_some_and(char::is_uppercase) {
        crate::text::upper_first(w)
    } else {
        w.to_string()
    }
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let v = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
            cur.push(v);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The words of a word list file (one per line; `#` starts a comment); none if it is absent.
pub fn read_word_list(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|s| {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| l.nfc().collect())
                .collect()
        })
        .unwrap_or_default()
}

/// Adds a word to a word list file (written to a temporary file, then renamed).
pub fn add_to_word_list(path: &Path, word: &str) -> Result<(), crate::EngineError> {
    let mut words = read_word_list(path);
    let word: String = word.trim().nfc().collect();
    if !words.contains(&word) {
        words.push(word);
    }
    let mut text = String::from(
        "# Từ điển riêng của Soạn Báo Cáo: mỗi dòng một từ (tên riêng, địa danh, chữ viết tắt).\n",
    );
    for w in &words {
        text.push_str(w);
        text.push('\n');
    }
    crate::fsio::write_atomic(path, text.as_bytes())
}
