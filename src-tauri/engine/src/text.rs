//! Vietnamese text rules: NFC, XML-safe characters, ordinals, numbering, numbers and dates.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// Returns the text in Unicode NFC (precomposed Vietnamese letters).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Vietnamese letters without their marks, lower case ("Đảng Ủy" → "dang uy"); other characters kept.
pub fn fold_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Returns the first character that XML 1.0 forbids (C0 controls other than tab, LF, CR;
/// U+FFFE, U+FFFF), if any.
pub fn forbidden_xml_char(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
    })
}

/// Text escaped for XML content and attribute values (`&`, `<`, `>`, `"`), for every XML the
/// engine writes (DOCX parts, SVG pages). Text without those characters is borrowed as is.
pub fn xml_escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Describes a character for a message: "U+0007".
pub fn describe_char(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Upper-cases Vietnamese text ("Huyện ủy Cầu Ngang" → "HUYỆN ỦY CẦU NGANG").
pub fn upper(s: &str) -> String {
    nfc(&s.to_uppercase())
}

/// Lower-cases the first letter only ("Sơ kết…" → "sơ kết…").
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Upper-cases the first letter only ("kết quả…" → "Kết quả…").
pub fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Ordinal words for "Một là", "Hai là", … (position 1 to 20).
pub const ORDINAL_WORDS: [&str; 20] = [
    "Một",
    "Hai",
    "Ba",
    "Bốn",
    "Năm",
    "Sáu",
    "Bảy",
    "Tám",
    "Chín",
    "Mười",
    "Mười một",
    "Mười hai",
    "Mười ba",
    "Mười bốn",
    "Mười lăm",
    "Mười sáu",
    "Mười bảy",
    "Mười tám",
    "Mười chín",
    "Hai mươi",
];

/// The opener of the n-th (1-based) lesson in the "Một là" set: "Một là", "Hai là", …
/// Falls back to digits past twenty, which no real report reaches.
pub fn mot_la(n: usize) -> String {
    match n.checked_sub(1).and_then(|i| ORDINAL_WORDS.get(i)) {
        Some(w) => format!("{w} là"),
        None => format!("{n} là"),
    }
}

/// The opener of the n-th (1-based) item in the "Thứ nhất" set: "Thứ nhất", "Thứ hai", "Thứ tư", …
pub fn thu_nhat(n: usize) -> String {
    match n {
        1 => "Thứ nhất".to_string(),
        4 => "Thứ tư".to_string(),
        _ => match n.checked_sub(1).and_then(|i| ORDINAL_WORDS.get(i)) {
            Some(w) => format!("Thứ {}", w.to_lowercase()),
            None => format!("Thứ {n}"),
        },
    }
}

/// A piece of body text with its inline emphasis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// The text, markers removed.
    pub text: String,
    /// Written `**so**`.
    pub bold: bool,
    /// Written `_so_`.
    pub italic: bool,
}

/// The footnote markers of a text (`[^id]`, see [`crate::model::Footnote`]): each one's byte
/// range in `text` and its id (one or more characters, none a space or a bracket).
pub fn note_refs(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("[^").map(|i| i + from) {
        let id_start = i + 2;
        let id_len = text[id_start..]
            .find(|c: char| c == ']' || c == '[' || c.is_whitespace())
            .unwrap_or(text.len() - id_start);
        let end = id_start + id_len;
        if id_len > 0 && text[end..].starts_with(']') {
            out.push((i..end + 1, &text[id_start..end]));
            from = end + 1;
        } else {
            from = id_start;
        }
    }
    out
}

/// A piece of text cut at its footnote markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotePiece<'a> {
    /// Text between markers.
    Text(&'a str),
    /// A marker's id.
    Ref(&'a str),
}

/// The text cut at its footnote markers, in order (no empty text pieces).
pub fn note_pieces(text: &str) -> Vec<NotePiece<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for (range, id) in note_refs(text) {
        if range.start > at {
            out.push(NotePiece::Text(&text[at..range.start]));
        }
        out.push(NotePiece::Ref(id));
        at = range.end;
    }
    if at < text.len() || out.is_empty() {
        out.push(NotePiece::Text(&text[at..]));
    }
    out
}

/// Splits body text at its inline emphasis: `**đậm**` (bold) and `_nghiêng_` (italic), either
/// inside the other. A marker counts only in a pair that encloses text starting and ending with
/// a non-space (`_` also only outside a word: `ten_tep` stays as typed); anything unpaired is
/// printed as typed.
pub fn inline_marks(text: &str) -> Vec<Marked> {
    let mut out = Vec::new();
    if !text.contains("**") && !text.contains('_') {
        out.push(Marked { text: text.to_string(), bold: false, italic: false });
        return out;
    }
    for (part, bold) in pairs(text, "**", false) {
        for (piece, italic) in pairs(&part, "_", true) {
            match out.last_mut() {
                Some(m) if m.bold == bold && m.italic == italic => m.text.push_str(&piece),
                _ => out.push(Marked { text: piece, bold, italic }),
            }
        }
    }
    out.retain(|m| !m.text.is_empty());
    if out.is_empty() {
        out.push(Marked { text: String::new(), bold: false, italic: false });
    }
    out
}

/// `text` cut at pairs of `marker`: (piece, inside a pair). `outside_words`: a marker next to a
/// letter or digit on its outer side is not one.
fn pairs(text: &str, marker: &str, outside_words: bool) -> Vec<(String, bool)> {
    let word = |c: Option<char>| outside_words && c.is_some_and(char::is_alphanumeric);
    let opens = |at: usize| {
        let before = text[..at].chars().next_back();
        let after = text[at + marker.len()..].chars().next();
        !word(before) && after.is_some_and(|c| !c.is_whitespace())
    };
    let closes = |at: usize| {
        let before = text[..at].chars().next_back();
        let after = text[at + marker.len()..].chars().next();
        before.is_some_and(|c| !c.is_whitespace()) && !word(after)
    };
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(marker).map(|i| i + from) {
        let inner = i + marker.len();
        let close = opens(i)
            .then(|| {
                let mut j = inner;
                while let Some(k) = text[j..].find(marker).map(|k| k + j) {
                    if k > inner && closes(k) {
                        return Some(k);
                    }
                    j = k + marker.len();
                }
                None
            })
            .flatten();
        match close {
            Some(k) => {
                plain.push_str(&text[from..i]);
                out.push((std::mem::take(&mut plain), false));
                out.push((text[inner..k].to_string(), true));
                from = k + marker.len();
            }
            None => {
                plain.push_str(&text[from..inner]);
                from = inner;
            }
        }
    }
    plain.push_str(&text[from..]);
    out.push((plain, false));
    out
}

/// The text after an ordinal the user typed at the start of a lesson or a group ("Hai là, …",
/// "Thứ ba: …", "3 là …"), which the engine writes itself: `None` if there is none.
pub fn strip_typed_ordinal(item: &str) -> Option<&str> {
    // Every opener in lower case, the longest first ("mười một là" before "một là"), and the
    // longest's length in characters; made once.
    static OPENERS: std::sync::OnceLock<(Vec<String>, usize)> = std::sync::OnceLock::new();
    let (openers, longest) = OPENERS.get_or_init(|| {
        let mut all: Vec<String> = (1..=ORDINAL_WORDS.len())
            .flat_map(|n| [mot_la(n), thu_nhat(n), format!("{n} là"), format!("thứ {n}")])
            .map(|o| o.to_lowercase())
            .collect();
        all.sort_by_key(|o| std::cmp::Reverse(o.len()));
        let longest = all.iter().map(|o| o.chars().count()).max().unwrap_or(0);
        (all, longest)
    });
    let text = item.trim_start();
    // Only the start can hold an opener: the longest, and the character after it.
    let lower: String = text.chars().take(*longest + 1).flat_map(char::to_lowercase).collect();
    let opener = openers.iter().find(|o| {
        lower.starts_with(o.as_str())
            && !lower[o.len()..].starts_with(|c: char| c.is_alphanumeric())
    })?;
    // Lower-casing Vietnamese keeps byte lengths, so the opener's length holds in `text` too.
    let rest = text.get(opener.len()..)?;
    Some(
        rest.trim_start_matches([',', ':', '.', ';', ' ', '\u{A0}'])
            .trim_start_matches(['-', '–'])
            .trim_start(),
    )
}

/// The ordinal for "Phần thứ …" headings: "nhất", "hai", "ba", "tư", …
pub fn phan_ordinal(n: usize) -> String {
    lower_first(thu_nhat(n).trim_start_matches("Thứ ").trim())
}

/// Roman numeral of n (1-based), as used for parts: I, II, III, IV, …
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Letters of points a), b), …, in Vietnamese alphabet order (no f, j, w, z; đ after d).
pub const VIET_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// The letter of the n-th (1-based) point: a, b, c, d, đ, e, g, …; past y it doubles (aa, bb…).
pub fn viet_letter(n: usize) -> String {
    let i = n.saturating_sub(1);
    VIET_LETTERS[i % VIET_LETTERS.len()].repeat(i / VIET_LETTERS.len() + 1)
}

/// Separators and padding used to write numbers.
#[derive(Debug, Clone)]
pub struct NumberStyle<'a> {
    /// Thousands separator ("." in Vietnamese).
    pub thousands: &'a str,
    /// Decimal separator ("," in Vietnamese).
    pub decimal: &'a str,
    /// Whether counts below 10 get a leading zero ("06 nhóm").
    pub pad_counts: bool,
}

/// Writes a count: "06" (padded from 1 to 9 when the style says so; zero is "0"), "12", "1.234".
pub fn format_count(n: u64, style: &NumberStyle) -> String {
    if style.pad_counts && (1..10).contains(&n) {
        format!("0{n}")
    } else {
        group_thousands(&n.to_string(), style.thousands)
    }
}

/// Writes a number with grouped thousands and at most `max_decimals` decimals, trailing zeros
/// dropped: 26472 → "26.472", 97.55 → "97,55".
pub fn format_number(x: f64, max_decimals: usize, style: &NumberStyle) -> String {
    let negative = x < 0.0;
    let s = format!("{:.*}", max_decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let mut out = String::new();
    if negative && (int != "0" || !frac.is_empty()) {
        out.push('-');
    }
    out.push_str(&group_thousands(&int, style.thousands));
    if !frac.is_empty() {
        out.push_str(style.decimal);
        out.push_str(&frac);
    }
    out
}

fn group_thousands(digits: &str, sep: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// Zero-padding rule for dates (NĐ 30; HD 36 by its examples).
#[derive(Debug, Clone)]
pub struct DateStyle<'a> {
    /// Pad the day when it is below 10.
    pub pad_day: bool,
    /// Months that get a leading zero (1 and 2 by the rule).
    pub padded_months: &'a [u32],
}

/// Day and month of a date as written: ("05", "3") for 5 March with the official rule.
pub fn date_parts(date: NaiveDate, style: &DateStyle) -> (String, String, String) {
    let day = if style.pad_day && date.day() < 10 {
        format!("0{}", date.day())
    } else {
        date.day().to_string()
    };
    let month = if style.padded_months.contains(&date.month()) && date.month() < 10 {
        format!("0{}", date.month())
    } else {
        date.month().to_string()
    };
    (day, month, date.year().to_string())
}

/// Fills `{name}` placeholders of a profile pattern from pairs; unknown names stay as they are.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// A number as Vietnamese writes it: «26.472» and «1 234» → 26472 and 1234, «97,5» → 97.5,
/// «05» → 5, «-3» → -3; none for anything else («1.2.3», «12abc»).
pub fn parse_vi_number(s: &str) -> Option<f64> {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let r = R.get_or_init(|| {
        regex::Regex::new(r"^-?(\d{1,3}(?:[. \u{A0}]\d{3})+|\d+)(?:,(\d+))?$")
            .expect("valid pattern")
    });
    let t = s.trim();
    let c = r.captures(t)?;
    let int: String = c[1].chars().filter(char::is_ascii_digit).collect();
    let v = match c.get(2) {
        Some(f) => format!("{int}.{}", f.as_str()).parse().ok()?,
        None => int.parse::<f64>().ok()?,
    };
    Some(if t.starts_with('-') { -v } else { v })
}

#[cfg(test)]
mod tests {

    fn marks(t: &str) -> Vec<(String, bool, bool)> {
        inline_marks(t).into_iter().map(|m| (m.text, m.bold, m.italic)).collect()
    }

    #[test]
    fn inline_bold_and_italic() {
        let s = |t: &str, b, i| (t.to_string(), b, i);
        assert_eq!(
            marks("**Về công tác tuyên truyền:** Ban đã _chủ động_ phối hợp."),
            [
                s("Về công tác tuyên truyền:", true, false),
                s(" Ban đã ", false, false),
                s("chủ động", false, true),
                s(" phối hợp.", false, false)
            ]
        );
        assert_eq!(
            marks("**đậm _và nghiêng_**"),
            [s("đậm ", true, false), s("và nghiêng", true, true)]
        );
        // Unpaired or spaced markers and words with underscores stay as typed.
        for t in ["a ** b ** c", "**chưa đóng", "ten_tep_moi", "2 * 3 = 6", "_ a _", "(*)", ""] {
            assert_eq!(marks(t), [s(t, false, false)], "{t:?}");
        }
        assert_eq!(marks("x **** y"), [s("x **** y", false, false)]);
    }

    #[test]
    fn typed_ordinals_are_found_and_only_them() {
        use super::strip_typed_ordinal as strip;
        assert_eq!(strip("Hai là, phải tổng kết kịp thời."), Some("phải tổng kết kịp thời."));
        assert_eq!(strip("  hai là: phải"), Some("phải"));
        assert_eq!(strip("Thứ nhất, nâng cao nhận thức"), Some("nâng cao nhận thức"));
        assert_eq!(strip("Thứ tư - đẩy mạnh"), Some("đẩy mạnh"));
        assert_eq!(strip("Mười một là, cuối"), Some("cuối"));
        assert_eq!(strip("3 là, ba"), Some("ba"));
        assert_eq!(strip("MỘT LÀ, hoa"), Some("hoa"));
        for plain in [
            "Phải tổng kết kịp thời.",
            "Hai lần tổ chức hội thi",
            "Ba lãnh đạo chủ chốt",
            "Thứ nhì là",
            "Một lần nữa",
            "Năm 2019, huyện",
            "Hai làng văn hóa",
        ] {
            assert_eq!(strip(plain), None, "{plain}");
        }
    }

    #[test]
    fn xml_escape_escapes_the_four_characters_and_borrows_plain_text() {
        assert_eq!(super::xml_escape(r#"a & b < c > "d""#), "a &amp; b &lt; c &gt; &quot;d&quot;");
        assert!(matches!(super::xml_escape("Huyện ủy"), std::borrow::Cow::Borrowed(_)));
    }

    use super::*;

    #[test]
    fn footnote_markers_are_found_and_nothing_else() {
        let text = "36 Nghị quyết[^4], xem [^nguon]. [năm] [^] [^a b] [^x";
        let ids: Vec<&str> = note_refs(text).into_iter().map(|(_, id)| id).collect();
        assert_eq!(ids, ["4", "nguon"]);
        let (range, _) = &note_refs(text)[0];
        assert_eq!(&text[range.clone()], "[^4]");
        assert_eq!(
            note_pieces("a[^1][^2] b"),
            [NotePiece::Text("a"), NotePiece::Ref("1"), NotePiece::Ref("2"), NotePiece::Text(" b")]
        );
        assert_eq!(note_pieces(""), [NotePiece::Text("")]);
    }

    fn vn() -> NumberStyle<'static> {
        NumberStyle { thousands: ".", decimal: ",", pad_counts: true }
    }

    #[test]
    fn ordinals_are_generated_from_position() {
        let got: Vec<String> = (1..=5).map(mot_la).collect();
        assert_eq!(got, ["Một là", "Hai là", "Ba là", "Bốn là", "Năm là"]);
        assert_eq!(mot_la(10), "Mười là");
        assert_eq!(mot_la(21), "21 là");
        let got: Vec<String> = (1..=5).map(thu_nhat).collect();
        assert_eq!(got, ["Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm"]);
        assert_eq!(phan_ordinal(1), "nhất");
        assert_eq!(phan_ordinal(4), "tư");
    }

    #[test]
    fn numbering_ladders() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        let letters: String = (1..=8).map(viet_letter).collect::<Vec<_>>().join(" ");
        assert_eq!(letters, "a b c d đ e g h");
        assert_eq!(viet_letter(23), "y");
        assert_eq!(viet_letter(24), "aa");
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(format_count(6, &vn()), "06");
        // Nothing to pad: a zero count is written "0", not "00".
        assert_eq!(format_count(0, &vn()), "0");
        assert_eq!(format_count(10, &vn()), "10");
        assert_eq!(format_count(26472, &vn()), "26.472");
        assert_eq!(format_number(97.55, 2, &vn()), "97,55");
        assert_eq!(format_number(98.50, 2, &vn()), "98,5");
        assert_eq!(format_number(1234567.0, 2, &vn()), "1.234.567");
        assert_eq!(format_number(-0.001, 2, &vn()), "0");
        assert_eq!(format_number(-1500.25, 2, &vn()), "-1.500,25");
    }

    #[test]
    fn dates_follow_the_padding_rule() {
        let style = DateStyle { pad_day: true, padded_months: &[1, 2] };
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
        assert_eq!(date_parts(d(2019, 1, 22), &style), ("22".into(), "01".into(), "2019".into()));
        assert_eq!(date_parts(d(2018, 4, 3), &style), ("03".into(), "4".into(), "2018".into()));
        assert_eq!(date_parts(d(2018, 2, 20), &style), ("20".into(), "02".into(), "2018".into()));
        assert_eq!(date_parts(d(2020, 12, 5), &style), ("05".into(), "12".into(), "2020".into()));
    }

    #[test]
    fn nfc_and_case() {
        let decomposed = "Ho\u{0302}\u{0323}i";
        assert_eq!(nfc(decomposed), "Hội");
        assert_eq!(upper("Huyện ủy Cầu Ngang"), "HUYỆN ỦY CẦU NGANG");
        assert_eq!(upper("đảng"), "ĐẢNG");
        assert_eq!(lower_first("Sơ kết"), "sơ kết");
        assert_eq!(upper_first("kết quả"), "Kết quả");
        assert_eq!(forbidden_xml_char("a\u{7}b"), Some('\u{7}'));
        assert_eq!(forbidden_xml_char("a\tb\nc"), None);
    }
}
