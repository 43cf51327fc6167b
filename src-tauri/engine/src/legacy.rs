//! Detection of Vietnamese text typed in a legacy 8-bit encoding (TCVN3/ABC with the .Vn fonts,
//! VNI-Windows with the VNI- fonts) and read as Unicode: "Tuyªn gi¸o huyÖn ñy", "Tuyeân giaùo".
//! Detection only (conversion comes with the import of old documents).

/// A legacy encoding the text appears to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN3 (ABC), fonts .VnTime, .VnArial…: tones as Latin-1 symbols ("gi¸o").
    Tcvn3,
    /// VNI-Windows, fonts VNI-Times…: a base letter followed by a mark letter ("giaùo").
    Vni,
}

impl Legacy {
    /// The encoding's name as users know it.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC, phông .VnTime)",
            Legacy::Vni => "VNI-Windows (phông VNI-Times)",
        }
    }
}

/// Latin-1 characters TCVN3 uses for Vietnamese letters that are not themselves Vietnamese
/// letters (`ª` = ê, `¸` = á, `Ö` = ệ, `ñ` = ủ, `®` = đ, `§` = Đ…).
fn tcvn3_letter(c: char) -> bool {
    matches!(
        c,
        'ª' | '¸'
            | 'µ'
            | '¶'
            | '·'
            | '¹'
            | '¨'
            | '»'
            | '¼'
            | '½'
            | '¾'
            | 'Æ'
            | '©'
            | 'Ç'
            | 'Ë'
            | '®'
            | 'Î'
            | 'Ï'
            | 'Ð'
            | 'Ñ'
            | 'Ö'
            | '×'
            | 'Ø'
            | 'Ü'
            | 'Þ'
            | 'ß'
            | 'ä'
            | 'å'
            | 'æ'
            | 'ç'
            | 'ë'
            | 'î'
            | 'ï'
            | 'ñ'
            | 'ö'
            | '÷'
            | 'ø'
            | 'û'
            | 'ü'
            | 'þ'
            | '¡'
            | '¢'
            | '£'
            | '¤'
            | '¥'
            | '¦'
            | '§'
            | '¬'
            | '\u{AD}'
    )
}

/// Of those, the ones that are symbols (never letters in any language): TCVN3 and not VNI.
fn tcvn3_symbol(c: char) -> bool {
    tcvn3_letter(c) && !c.is_alphabetic()
}

fn ascii_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// A VNI mark after a plain vowel, in a pair Vietnamese spelling never has ("eâ" = ê, "aù" = á,
/// "oâ" = ô); pairs that are real Vietnamese ("oà", "uê", "iê", "uô") do not count.
fn vni_pair(prev: char, c: char) -> bool {
    if !ascii_vowel(prev) {
        return false;
    }
    let p = prev.to_ascii_lowercase();
    let l = c.to_lowercase().next().unwrap_or(c);
    matches!(l, 'ù' | 'ú' | 'õ' | 'ø' | 'û' | 'ï' | 'å' | 'ä' | 'ë' | 'ü' | 'ö' | 'ÿ')
        || (matches!(p, 'a' | 'e') && matches!(l, 'á' | 'à' | 'ã' | 'â' | 'ê' | 'é' | 'è'))
        || (p == 'o' && matches!(l, 'â' | 'ê'))
}

/// Letters only Unicode Vietnamese has (ă, đ, ĩ, ũ, ơ, ư and the Latin Extended Additional
/// block): a word with one was typed in Unicode.
fn unicode_vietnamese(c: char) -> bool {
    matches!(c, '\u{1EA0}'..='\u{1EF9}')
        || matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư')
}

/// The legacy encoding `text` appears to be typed in, if any: at least two words, and at least
/// two words in five, carry a legacy mark beside a plain letter, and they outnumber the words
/// written in Unicode Vietnamese (so a foreign name such as "Müller" is not taken for one).
pub fn detect(text: &str) -> Option<Legacy> {
    // Every legacy mark is a non-ASCII character: plain ASCII text is never legacy.
    if text.is_ascii() {
        return None;
    }
    let (mut tcvn, mut vni, mut shared, mut unicode) = (0usize, 0usize, 0usize, 0usize);
    let mut words = 0usize;
    for word in text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '(' | ')' | '"' | '/')
    }) {
        match scan_word(word) {
            Word::Unicode => unicode += 1,
            Word::Tcvn3 => tcvn += 1,
            Word::Vni => vni += 1,
            Word::Shared => shared += 1,
            Word::Plain { alphabetic } => {
                words += usize::from(alphabetic);
                continue;
            }
        }
        words += 1;
    }
    let total = tcvn + vni + shared;
    // Legacy text marks most words (Vietnamese words mostly carry a tone or a vowel mark).
    if total < 2 || total <= unicode || total * 5 < words * 2 {
        return None;
    }
    Some(if vni > tcvn { Legacy::Vni } else { Legacy::Tcvn3 })
}

/// What one word looks like.
enum Word {
    /// It has a letter only Unicode Vietnamese has.
    Unicode,
    /// It has a TCVN3 symbol beside a plain letter.
    Tcvn3,
    /// It has a VNI mark after a plain vowel.
    Vni,
    /// It has a mark both encodings use.
    Shared,
    /// None of these; `alphabetic` if it has a letter.
    Plain { alphabetic: bool },
}

/// Classifies a word in one pass over its characters.
fn scan_word(word: &str) -> Word {
    let (mut t, mut v, mut s, mut alphabetic) = (false, false, false, false);
    if word.is_ascii() {
        return Word::Plain { alphabetic: word.bytes().any(|b| b.is_ascii_alphabetic()) };
    }
    let mut prev: Option<char> = None;
    let mut chars = word.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if unicode_vietnamese(c) {
            return Word::Unicode;
        }
        alphabetic = alphabetic || c.is_alphabetic();
        if !c.is_ascii() {
            if prev.is_some_and(|p| vni_pair(p, c)) {
                v = true;
            }
            if first && matches!(c, 'ñ' | 'Ñ') && next.is_some_and(|n| n.is_ascii_alphabetic()) {
                s = true;
            }
            let beside_letter = prev.is_some_and(|p| p.is_ascii_alphabetic())
                || next.is_some_and(|n| n.is_ascii_alphabetic());
            if tcvn3_letter(c) && beside_letter {
                if tcvn3_symbol(c) {
                    t = true;
                } else {
                    s = true;
                }
            }
        }
        prev = Some(c);
        first = false;
    }
    if t {
        Word::Tcvn3
    } else if v {
        Word::Vni
    } else if s {
        Word::Shared
    } else {
        Word::Plain { alphabetic }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_text_is_recognised() {
        assert_eq!(detect("Tuyªn gi¸o huyÖn ñy"), Some(Legacy::Tcvn3));
        assert_eq!(detect("Ban Tuyªn gi¸o HuyÖn ñy CÇu Ngang"), Some(Legacy::Tcvn3));
        assert_eq!(detect("Tuyeân giaùo"), Some(Legacy::Vni));
        assert_eq!(detect("Ban Tuyeân giaùo Huyeän uûy Caàu Ngang"), Some(Legacy::Vni));
    }

    #[test]
    fn unicode_vietnamese_and_english_are_not() {
        for s in [
            "Ban Tuyên giáo Huyện ủy Cầu Ngang",
            "Hoà bình, khoẻ mạnh, thuê nhà, muôn năm, tiên tiến, yêu nước, quê hương, xoá đói",
            "Đoàn kết, toàn dân, ngoài ra, khoé mắt, thuý, Thủy, mùa, đúng, «Mở»",
            "The quick brown fox jumps over the lazy dog; naïve café, Zoë Müller and Nuñez",
            "Ông Müller và bà Nuñez đã đến thăm huyện",
            "3 × 4 = 12; 25 °C; § 3; © 2019",
        ] {
            assert_eq!(detect(s), None, "{s}");
        }
    }

    /// The first, plain implementation: a vector of each word's characters, one pass per test.
    fn reference(text: &str) -> Option<Legacy> {
        let (mut tcvn, mut vni, mut shared, mut unicode) = (0usize, 0usize, 0usize, 0usize);
        let mut words = 0usize;
        let mut chars: Vec<char> = Vec::new();
        for word in text.split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '(' | ')' | '"' | '/')
        }) {
            chars.clear();
            chars.extend(word.chars());
            if chars.iter().any(|c| c.is_alphabetic()) {
                words += 1;
            }
            if chars.iter().any(|c| unicode_vietnamese(*c)) {
                unicode += 1;
                continue;
            }
            let beside_letter = |i: usize| {
                let l = |j: Option<usize>| {
                    j.and_then(|j| chars.get(j)).is_some_and(|c| c.is_ascii_alphabetic())
                };
                l(i.checked_sub(1)) || l(Some(i + 1))
            };
            let (mut t, mut v, mut s) = (false, false, false);
            for (i, &c) in chars.iter().enumerate() {
                if i > 0 && vni_pair(chars[i - 1], c) {
                    v = true;
                }
                if i == 0
                    && matches!(c, 'ñ' | 'Ñ')
                    && chars.get(1).is_some_and(|n| n.is_ascii_alphabetic())
                {
                    s = true;
                }
                if tcvn3_letter(c) && beside_letter(i) {
                    if tcvn3_symbol(c) {
                        t = true;
                    } else {
                        s = true;
                    }
                }
            }
            if t {
                tcvn += 1;
            } else if v {
                vni += 1;
            } else if s {
                shared += 1;
            }
        }
        let total = tcvn + vni + shared;
        // Legacy text marks most words (Vietnamese words mostly carry a tone or a vowel mark).
        if total < 2 || total <= unicode || total * 5 < words * 2 {
            return None;
        }
        Some(if vni > tcvn { Legacy::Vni } else { Legacy::Tcvn3 })
    }

    proptest::proptest! {
        #[test]
        fn one_pass_scan_agrees_with_the_plain_implementation(
            text in "([a-eghnouyA-Z ,.]|[ªªÖñ¸µÇâêôùúõøûïåäëüöÿáàãéèÑÿ]|[ăđơưệủ]|[Müï]){0,60}"
        ) {
            proptest::prop_assert_eq!(detect(&text), reference(&text));
        }
    }
}
