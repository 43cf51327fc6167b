//! Detection of Vietnamese text typed in a legacy 8-bit encoding (TCVN3/ABC with the .Vn fonts,
//! VNI-Windows with the VNI- fonts) and read as Unicode: "Tuyªn gi¸o huyÖn ñy", "Tuyeân giaùo".
//! [`detect`] tells which, [`convert`] turns it into Unicode NFC, and [`font_encoding`] names the
//! encoding of a legacy font (a DOCX run in `.VnTime` is TCVN3 whatever its text looks like).
//! The tables are written from the published encodings: TCVN 5712:1993 (VN3, "ABC") and
//! VNI-Windows.

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

/// TCVN3 (ABC) lower-case letters: the codes 0xA8–0xFE as Latin-1 characters, each followed by
/// the Vietnamese letter it stands for. Capitals with tones have no code: they are typed in the
/// "H" fonts (`.VnTimeH`), whose glyphs at these codes are capitals.
#[rustfmt::skip]
const TCVN3_LOWER: [(char, char); 67] = [
    ('µ', 'à'), ('¶', 'ả'), ('·', 'ã'), ('¸', 'á'), ('¹', 'ạ'),
    ('¨', 'ă'), ('»', 'ằ'), ('¼', 'ẳ'), ('½', 'ẵ'), ('¾', 'ắ'), ('Æ', 'ặ'),
    ('©', 'â'), ('Ç', 'ầ'), ('È', 'ẩ'), ('É', 'ẫ'), ('Ê', 'ấ'), ('Ë', 'ậ'),
    ('®', 'đ'),
    ('Ì', 'è'), ('Î', 'ẻ'), ('Ï', 'ẽ'), ('Ð', 'é'), ('Ñ', 'ẹ'),
    ('ª', 'ê'), ('Ò', 'ề'), ('Ó', 'ể'), ('Ô', 'ễ'), ('Õ', 'ế'), ('Ö', 'ệ'),
    ('×', 'ì'), ('Ø', 'ỉ'), ('Ü', 'ĩ'), ('Ý', 'í'), ('Þ', 'ị'),
    ('ß', 'ò'), ('á', 'ỏ'), ('â', 'õ'), ('ã', 'ó'), ('ä', 'ọ'),
    ('«', 'ô'), ('å', 'ồ'), ('æ', 'ổ'), ('ç', 'ỗ'), ('è', 'ố'), ('é', 'ộ'),
    ('¬', 'ơ'), ('ê', 'ờ'), ('ë', 'ở'), ('ì', 'ỡ'), ('í', 'ớ'), ('î', 'ợ'),
    ('ï', 'ù'), ('ñ', 'ủ'), ('ò', 'ũ'), ('ó', 'ú'), ('ô', 'ụ'),
    ('\u{AD}', 'ư'), ('õ', 'ừ'), ('ö', 'ử'), ('÷', 'ữ'), ('ø', 'ứ'), ('ù', 'ự'),
    ('ú', 'ỳ'), ('û', 'ỷ'), ('ü', 'ỹ'), ('ý', 'ý'), ('þ', 'ỵ'),
];

/// TCVN3 capitals without tones (0xA1–0xA7).
const TCVN3_UPPER: [(char, char); 7] =
    [('¡', 'Ă'), ('¢', 'Â'), ('£', 'Ê'), ('¤', 'Ô'), ('¥', 'Ơ'), ('¦', 'Ư'), ('§', 'Đ')];

/// The letter a TCVN3 code stands for (`None`: the character is itself).
fn tcvn3_char(c: char) -> Option<char> {
    let u = c as u32;
    if !(0xA1..=0xFE).contains(&u) {
        return None;
    }
    static TABLE: std::sync::OnceLock<[char; 94]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = ['\0'; 94];
        for (code, letter) in TCVN3_LOWER.iter().chain(TCVN3_UPPER.iter()) {
            t[*code as usize - 0xA1] = *letter;
        }
        t
    });
    Some(table[u as usize - 0xA1]).filter(|l| *l != '\0')
}

/// A VNI-Windows mark: what it adds to the vowel before it.
#[derive(Clone, Copy)]
struct VniMark {
    /// Circumflex (â ê ô, after a e o) or breve (ă, after a), if any.
    shape: Option<char>,
    /// Tone as a combining character, if any.
    tone: Option<char>,
}

const CIRCUMFLEX: char = '\u{302}';
const BREVE: char = '\u{306}';
const ACUTE: char = '\u{301}';
const GRAVE: char = '\u{300}';
const HOOK: char = '\u{309}';
const TILDE: char = '\u{303}';
const DOT: char = '\u{323}';

/// The mark a VNI-Windows code stands for after a vowel (lower- and upper-case codes alike).
fn vni_mark(c: char) -> Option<VniMark> {
    let m = |shape, tone| Some(VniMark { shape, tone });
    match c {
        'â' | 'Â' => m(Some(CIRCUMFLEX), None),
        'á' | 'Á' => m(Some(CIRCUMFLEX), Some(ACUTE)),
        'à' | 'À' => m(Some(CIRCUMFLEX), Some(GRAVE)),
        'å' | 'Å' => m(Some(CIRCUMFLEX), Some(HOOK)),
        'ã' | 'Ã' => m(Some(CIRCUMFLEX), Some(TILDE)),
        'ä' | 'Ä' => m(Some(CIRCUMFLEX), Some(DOT)),
        'ê' | 'Ê' => m(Some(BREVE), None),
        'é' | 'É' => m(Some(BREVE), Some(ACUTE)),
        'è' | 'È' => m(Some(BREVE), Some(GRAVE)),
        'ú' | 'Ú' => m(Some(BREVE), Some(HOOK)),
        'ü' | 'Ü' => m(Some(BREVE), Some(TILDE)),
        'ë' | 'Ë' => m(Some(BREVE), Some(DOT)),
        'ù' | 'Ù' => m(None, Some(ACUTE)),
        'ø' | 'Ø' => m(None, Some(GRAVE)),
        'û' | 'Û' => m(None, Some(HOOK)),
        'õ' | 'Õ' => m(None, Some(TILDE)),
        'ï' | 'Ï' => m(None, Some(DOT)),
        _ => None,
    }
}

/// Whether `c` is a VNI-Windows mark code (it joins the vowel before it).
pub fn is_vni_mark(c: char) -> bool {
    vni_mark(c).is_some()
}

/// VNI-Windows letters written with one code of their own.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

/// `base` with a VNI mark, if the mark belongs on it (a circumflex on a e o, a breve on a, a tone
/// on any vowel without one).
fn vni_combine(base: char, mark: VniMark) -> Option<char> {
    use unicode_normalization::UnicodeNormalization;
    let lower = base.to_lowercase().next()?;
    let fits = match mark.shape {
        Some(CIRCUMFLEX) => matches!(lower, 'a' | 'e' | 'o'),
        Some(_) => lower == 'a',
        None => {
            matches!(lower, 'a' | 'e' | 'o' | 'u' | 'y' | 'i' | 'ơ' | 'ư' | 'â' | 'ê' | 'ô' | 'ă')
        }
    };
    if !fits {
        return None;
    }
    // Canonical composition needs canonical order (ặ is ạ + breve): NFC sorts the marks.
    let mut letters = [base].into_iter().chain(mark.shape).chain(mark.tone).nfc();
    let l = letters.next()?;
    letters.next().is_none().then_some(l)
}

/// [`vni_combine`] for a mark code, remembered: a few hundred pairs occur.
fn vni_combined(base: char, code: char) -> Option<char> {
    type Table = foldhash::HashMap<(char, char), Option<char>>;
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let marks = "âáàåãäêéèúüëùøûõïÂÁÀÅÃÄÊÉÈÚÜËÙØÛÕÏ";
        let bases = "aeouyiơưâêôăAEOUYIƠƯÂÊÔĂ";
        let mut t = Table::default();
        for b in bases.chars() {
            for m in marks.chars() {
                t.insert((b, m), vni_mark(m).and_then(|mark| vni_combine(b, mark)));
            }
        }
        t
    });
    table.get(&(base, code)).copied().flatten()
}

/// `text` typed in `encoding`, in Unicode NFC. `capitals` is for the TCVN3 "H" fonts
/// (`.VnTimeH`), whose every glyph is a capital.
pub fn convert(text: &str, encoding: Legacy, capitals: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    match encoding {
        Legacy::Tcvn3 if capitals => {
            for c in text.chars() {
                out.extend(tcvn3_char(c).unwrap_or(c).to_uppercase());
            }
        }
        Legacy::Tcvn3 => {
            // A word typed in capitals ("B¸O C¸O") had its marked letters in the capitals font;
            // when that font is lost (replaced by a Unicode font) they come out in lower case.
            // Such a word's other letters (two or more) are all capitals: its marked letters are
            // too ("KÕ" is "Kế", one capital, and stays).
            let mut word_start = 0;
            let (mut upper, mut lower, mut marked) = (0usize, false, false);
            for c in text.chars().chain(std::iter::once(' ')) {
                let l = tcvn3_char(c);
                if l.is_none() && !c.is_alphanumeric() {
                    if upper >= 2 && !lower && marked {
                        let w = out[word_start..].to_uppercase();
                        out.truncate(word_start);
                        out.push_str(&w);
                    }
                    (upper, lower, marked) = (0, false, false);
                    out.push(c);
                    word_start = out.len();
                    continue;
                }
                upper += usize::from(c.is_ascii_uppercase() || l.is_some_and(char::is_uppercase));
                lower |= c.is_ascii_lowercase();
                marked |= l.is_some_and(char::is_lowercase);
                out.push(l.unwrap_or(c));
            }
            // The space added to end the last word.
            out.pop();
        }
        Legacy::Vni => {
            // The last letter written, while a mark may still follow it.
            let mut last: Option<char> = None;
            for c in text.chars() {
                if let Some(base) = last {
                    if let Some(l) = vni_combined(base, c) {
                        out.pop();
                        out.push(l);
                        last = None;
                        continue;
                    }
                }
                let l = vni_letter(c).unwrap_or(c);
                out.push(l);
                last = Some(l);
            }
        }
    }
    out
}

/// The encoding of a legacy font by its name, and whether its glyphs are all capitals:
/// `.VnTime`, `.VnArial`… are TCVN3 (`.VnTimeH`, `.VnArialH` capitals); `VNI-Times`,
/// `VNI-Helve`… are VNI-Windows.
pub fn font_encoding(font: &str) -> Option<(Legacy, bool)> {
    let f = font.trim();
    // Compared as bytes: a font name may start with a letter of several bytes.
    if f.len() > 3 && f.as_bytes()[..3].eq_ignore_ascii_case(b".vn") {
        let name = f.split_whitespace().next().unwrap_or(f);
        return Some((Legacy::Tcvn3, name.ends_with('H')));
    }
    if f.len() > 4 && f.as_bytes()[..4].eq_ignore_ascii_case(b"vni-") {
        return Some((Legacy::Vni, false));
    }
    None
}

/// The text converted when it is detected as legacy, with the encoding found.
pub fn convert_detected(text: &str) -> Option<(Legacy, String)> {
    let enc = detect(text)?;
    Some((enc, convert_without_font(text, enc)))
}

/// [`convert`] for text whose font is lost (pasted, or in a Unicode font): TCVN3 capitals with
/// marks were typed in the capitals font, so a sentence that opens with a marked letter opens
/// with its capital ("¸p" at the start is "Ấp").
pub fn convert_without_font(text: &str, encoding: Legacy) -> String {
    let converted = convert(text, encoding, false);
    if encoding != Legacy::Tcvn3 {
        return converted;
    }
    let mut out = String::with_capacity(converted.len());
    let mut sentence_start = true;
    for (o, c) in converted.chars().zip(text.chars().chain(std::iter::repeat(' '))) {
        // The marked letters only (a plain lower-case letter was typed in lower case).
        if sentence_start && o.is_alphabetic() {
            if tcvn3_char(c).is_some() && o.is_lowercase() {
                out.extend(o.to_uppercase());
            } else {
                out.push(o);
            }
            sentence_start = false;
            continue;
        }
        if matches!(o, '.' | '!' | '?' | '\n' | '\t') {
            sentence_start = true;
        } else if !o.is_whitespace() && !matches!(o, '"' | '“' | '(' | '-' | '–' | '«') {
            sentence_start = sentence_start && !o.is_alphanumeric();
        }
        out.push(o);
    }
    out
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
pub fn unicode_vietnamese(c: char) -> bool {
    matches!(c, '\u{1EA0}'..='\u{1EF9}')
        || matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư')
}

/// The legacy encoding `text` appears to be typed in, if any: [`detect_marks`] finds the marks,
/// and at least seven in ten of the marked words, converted, are Vietnamese syllables (so German
/// "Müller, Größe" or French "café, crème" is never taken for TCVN3).
pub fn detect(text: &str) -> Option<Legacy> {
    let enc = detect_marks(text)?;
    let (mut marked, mut valid) = (0usize, 0usize);
    for word in text.split(split_word) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && tcvn3_char(c).is_none());
        if word.is_ascii() || word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        marked += 1;
        valid += usize::from(syllable(&convert(word, enc, false)));
    }
    (marked > 0 && valid * 10 >= marked * 7).then_some(enc)
}

/// Where words end for detection.
fn split_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '(' | ')' | '"' | '/' | '-')
}

/// Whether `word` (Unicode) is shaped like a Vietnamese syllable: an initial consonant, one to
/// three vowels, a final consonant.
pub fn syllable(word: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    // Tones off (shapes kept: ă â ê ô ơ ư), lower case.
    let bare: String = word
        .nfd()
        .filter(|c| !matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
        .nfc()
        .flat_map(char::to_lowercase)
        .collect();
    const INITIALS: [&str; 27] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
        "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ];
    const FINALS: [&str; 9] = ["", "ch", "ng", "nh", "c", "m", "n", "p", "t"];
    let vowel = |c: char| "aăâeêioôơuưy".contains(c);
    let rest_ok = |rest: &str| {
        let v = rest.chars().take_while(|c| vowel(*c)).count();
        let tail = &rest[rest.char_indices().nth(v).map_or(rest.len(), |(i, _)| i)..];
        (1..=3).contains(&v) && FINALS.contains(&tail)
    };
    if rest_ok(&bare) {
        return true;
    }
    // "gi" and "qu" may also be "g"/"q" before a vowel ("gì" is g + ì).
    INITIALS.iter().any(|i| bare.strip_prefix(i).is_some_and(&rest_ok))
        || bare.strip_prefix('g').is_some_and(|r| r.starts_with('i') && rest_ok(r))
}

/// The encoding `text`'s legacy marks point to, before the syllables are checked: at least two
/// words, and at least two words in five, carry a legacy mark beside a plain letter, and they
/// outnumber the words written in Unicode Vietnamese (so a foreign name such as "Müller" is not
/// taken for one).
pub fn detect_marks(text: &str) -> Option<Legacy> {
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

    /// Every Vietnamese letter with a mark, lower case, in the order of the tables below.
    const LETTERS: &str = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ";
    /// The same letters in TCVN3, one code each.
    const TCVN3: &str = "µ¶·¸¹¨»¼½¾Æ©ÇÈÉÊË®ÌÎÏÐÑªÒÓÔÕÖ×ØÜÝÞßáâãä«åæçèé¬êëìíîïñòóô\u{AD}õö÷øùúûüýþ";
    /// The same letters in VNI-Windows, space-separated (a letter and its marks).
    const VNI: &str = "aø aû aõ aù aï aê aè aú aü aé aë aâ aà aå aã aá aä ñ eø eû eõ eù eï eâ eà eå eã eá eä \
        ì æ ó í ò oø oû oõ où oï oâ oà oå oã oá oä ô ôø ôû ôõ ôù ôï uø uû uõ uù uï ö öø öû öõ öù öï \
        yø yû yõ yù î";

    #[test]
    fn every_letter_converts_in_both_cases_and_both_encodings() {
        let letters: Vec<char> = LETTERS.chars().collect();
        let tcvn: Vec<char> = TCVN3.chars().collect();
        let vni: Vec<&str> = VNI.split_whitespace().collect();
        assert_eq!((letters.len(), tcvn.len(), vni.len()), (67, 67, 67));
        for ((&l, &t), v) in letters.iter().zip(&tcvn).zip(&vni) {
            let upper: String = l.to_uppercase().collect();
            assert_eq!(convert(&t.to_string(), Legacy::Tcvn3, false), l.to_string(), "{t}");
            // Capitals with tones are the same codes in the "H" fonts.
            assert_eq!(convert(&t.to_string(), Legacy::Tcvn3, true), upper, "{t} in .VnTimeH");
            assert_eq!(convert(v, Legacy::Vni, false), l.to_string(), "{v}");
            let v_upper: String = v.chars().flat_map(char::to_uppercase).collect();
            assert_eq!(convert(&v_upper, Legacy::Vni, false), upper, "{v_upper}");
            // A capital base with a lower-case mark (a capitalised word) is a capital too.
            let mut cs = v.chars();
            let first: String = cs.next().into_iter().flat_map(char::to_uppercase).collect();
            if v.chars().count() > 1 {
                assert_eq!(convert(&format!("{first}{}", cs.as_str()), Legacy::Vni, false), upper);
            }
        }
        // TCVN3's own capitals without tones.
        assert_eq!(convert("¡¢£¤¥¦§", Legacy::Tcvn3, false), "ĂÂÊÔƠƯĐ");
        // Text is NFC, and what is not a code stays.
        let s = convert("Ban Tuyªn gi¸o HuyÖn ñy CÇu Ngang, n¨m 2019 (50%)", Legacy::Tcvn3, false);
        assert_eq!(s, "Ban Tuyên giáo Huyện ủy Cầu Ngang, năm 2019 (50%)");
        assert_eq!(crate::text::nfc(&s), s);
        let s = convert("Ban Tuyeân giaùo Huyeän uûy Caàu Ngang; ngöôøi daân", Legacy::Vni, false);
        assert_eq!(s, "Ban Tuyên giáo Huyện ủy Cầu Ngang; người dân");
        let s = convert("BAN TUYEÂN GIAÙO HUYEÄN UÛY; ÑAÛNG COÄNG SAÛN", Legacy::Vni, false);
        assert_eq!(s, "BAN TUYÊN GIÁO HUYỆN ỦY; ĐẢNG CỘNG SẢN");
        assert_eq!(convert("BAN TUY£N GI¸O", Legacy::Tcvn3, true), "BAN TUYÊN GIÁO");
        // Capitals typed in .VnTimeH but read in a Unicode font: whole words in capitals.
        assert_eq!(
            convert("B¸O C¸O kÕt qu¶ PHô LôC 1", Legacy::Tcvn3, false),
            "BÁO CÁO kết quả PHỤ LỤC 1"
        );
        assert_eq!(convert("KÕ ho¹ch, Cã, Mü", Legacy::Tcvn3, false), "Kế hoạch, Có, Mỹ");
        assert_eq!(convert("§¹T §¦îC; §ã", Legacy::Tcvn3, false), "ĐẠT ĐƯỢC; Đó");
        // Without the font, a sentence opening with a marked letter opens with its capital.
        assert_eq!(
            convert_without_font("Êp v¨n hãa. ñy ban x·; ®Èy m¹nh", Legacy::Tcvn3),
            "Ấp văn hóa. Ủy ban xã; đẩy mạnh"
        );
    }

    #[test]
    fn ordinary_latin1_text_is_never_converted() {
        // French, German, Spanish and English text uses the Latin-1 letters TCVN3 and VNI reuse.
        for s in [
            "Le café de la gare est fermé; à côté, l'hôtel où j'ai mangé une crème brûlée.",
            "Über die Brücke gehen Müller, Jäger und Schröder; Straße, Größe, Ärger.",
            "El niño comió piña en la montaña; Ñandú, acción, corazón.",
            "Naïve façade, déjà vu, coöperate, Zoë, Noël, résumé, fiancée, señor.",
            "Ông Müller (Đức) và bà Lefèvre (Pháp) thăm huyện; café sữa đá.",
            "Giá 25 €, 3 × 4 = 12, ½ kg, ¼ giờ, § 3, © 2019, ± 5%, 25 °C, µm.",
        ] {
            assert_eq!(convert_detected(s), None, "{s}");
        }
    }

    #[test]
    fn legacy_fonts_are_named() {
        assert_eq!(font_encoding(".VnTime"), Some((Legacy::Tcvn3, false)));
        assert_eq!(font_encoding(".VnTimeH"), Some((Legacy::Tcvn3, true)));
        assert_eq!(font_encoding(".VnArialH"), Some((Legacy::Tcvn3, true)));
        assert_eq!(font_encoding("VNI-Times"), Some((Legacy::Vni, false)));
        assert_eq!(font_encoding("Times New Roman"), None);
        assert_eq!(font_encoding("Vni"), None);
        // A name whose first letters take several bytes (found by the mutation harness: a
        // slice inside a letter panicked).
        assert_eq!(font_encoding("١٢٣"), None);
        assert_eq!(font_encoding("Ðảng"), None);
    }

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
            proptest::prop_assert_eq!(detect_marks(&text), reference(&text));
        }
    }
}
