//! Typography that needs more than a pattern: quotes and brackets that do not pair up, straight
//! quotes in a document that uses curly ones, text not in NFC, text typed in a legacy encoding,
//! and one placement of the tone mark on oa, oe, uy per document (hòa/hoà, ủy/uỷ).

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::rules::{finding, memo_field, Rules};
use super::{Context, Diagnostic, Field, Severity};
use crate::diagnostic::codes;

/// Where the tone mark goes on oa, oe, uy without a final consonant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ToneStyle {
    /// On the first vowel: hòa, khỏe, ủy.
    Old,
    /// On the second: hoà, khoẻ, uỷ.
    New,
}

impl ToneStyle {
    /// The profile's preference.
    pub fn of(rules: &Rules, profile: &str) -> Self {
        if rules.profile(profile).tone_style == "new" {
            ToneStyle::New
        } else {
            ToneStyle::Old
        }
    }

    fn name(self) -> &'static str {
        match self {
            ToneStyle::Old => "hòa, khỏe, ủy",
            ToneStyle::New => "hoà, khoẻ, uỷ",
        }
    }
}

/// The same syllables with the tone on the first vowel (old) and on the second (new).
const OLD: [&str; 15] =
    ["òa", "óa", "ỏa", "õa", "ọa", "òe", "óe", "ỏe", "õe", "ọe", "ùy", "úy", "ủy", "ũy", "ụy"];
const NEW: [&str; 15] =
    ["oà", "oá", "oả", "oã", "oạ", "oè", "oé", "oẻ", "oẽ", "oẹ", "uỳ", "uý", "uỷ", "uỹ", "uỵ"];

/// The word with its tone mark moved to `style`; none when it has nothing to move.
pub fn restyle(word: &str, style: ToneStyle) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 2 {
        return None;
    }
    let pair: String = chars[n - 2..].iter().flat_map(|c| c.to_lowercase()).collect();
    let (from, to) = match style {
        ToneStyle::New => (&OLD, &NEW),
        ToneStyle::Old => (&NEW, &OLD),
    };
    let i = from.iter().position(|p| *p == pair)?;
    // «quý», «quỳ»: the u belongs to «qu», and the mark sits on y either way.
    if pair.ends_with(|c: char| "yỳýỷỹỵ".contains(c))
        && n >= 3
        && chars[n - 3].to_lowercase().eq(['q'])
    {
        return None;
    }
    let mut out: String = chars[..n - 2].iter().collect();
    for (orig, new) in chars[n - 2..].iter().zip(to[i].chars()) {
        if orig.is_uppercase() {
            out.extend(new.to_uppercase());
        } else {
            out.push(new);
        }
    }
    Some(out)
}

/// The findings of this module's rules (and of the rules file's per-text rules).
pub fn check(fields: &[Field], cx: &Context, out: &mut Vec<Diagnostic>) {
    let profile = cx.profile.id.as_str();
    let want = ToneStyle::of(cx.rules, profile);
    let tone_key = format!("dau-thanh\u{1}{profile}\u{1}");
    for f in fields {
        out.extend(cx.rules.check_field(f, profile, cx.min));
        out.extend(memo_field("typo\u{1}", f, || text_findings(f.text)));
        // Tone marks placed the other way only warn.
        if cx.wants(Severity::Warning) {
            out.extend(memo_field(&tone_key, f, || tone_findings(f.text, want, &cx.profile.name)));
        }
    }
    if cx.wants(Severity::Suggestion) {
        straight_quotes(fields, out);
    }
}

fn text_findings(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The quick check answers «yes» for precomposed Vietnamese without composing it.
    if !text.is_ascii() && is_nfc_quick(text.chars()) != IsNormalized::Yes {
        let nfc: String = text.nfc().collect();
        if nfc != text {
            out.push(Diagnostic {
                code: codes::NFC.into(),
                severity: Severity::Warning,
                path: String::new(),
                span: None,
                message: "Văn bản có chữ tổ hợp (dấu gõ tách khỏi chữ, kiểu Unicode tổ hợp): \
                          bản in có thể lệch dấu. Sửa để chuyển sang Unicode dựng sẵn (NFC)."
                    .into(),
                fix: Some(nfc),
                word: None,
                file: None,
                sheet: None,
                cell: None,
                unit: None,
                place_words: String::new(),
            });
        }
    }
    if let Some(enc) = crate::legacy::detect(text) {
        out.push(Diagnostic {
            code: codes::LEGACY_ENCODING.into(),
            severity: Severity::Blocking,
            path: String::new(),
            span: Some([0, text.encode_utf16().count() as u32]),
            message: format!(
                "Đoạn này có vẻ được gõ bằng bảng mã cũ {} chứ không phải Unicode: bản in sẽ \
                 thành chữ lạ. Sửa để chuyển cả đoạn sang Unicode (xem lại chữ hoa sau khi sửa).",
                enc.name()
            ),
            fix: Some(crate::text::nfc(&crate::legacy::convert_without_font(text, enc))),
            word: None,
            file: None,
            sheet: None,
            cell: None,
            unit: None,
            place_words: String::new(),
        });
    }
    for (open, close, what) in
        [('(', ')', "ngoặc đơn"), ('“', '”', "ngoặc kép"), ('«', '»', "ngoặc kép")]
    {
        let mut stack = Vec::new();
        for (i, c) in text.char_indices() {
            if c == open {
                stack.push(i);
            } else if c == close && stack.pop().is_none() {
                out.push(finding(
                    codes::BRACKETS,
                    Severity::Warning,
                    text,
                    i,
                    i + c.len_utf8(),
                    &format!("Dấu đóng {what} «{close}» không có dấu mở «{open}» đi trước."),
                    None,
                ));
            }
        }
        for i in stack {
            out.push(finding(
                codes::BRACKETS,
                Severity::Warning,
                text,
                i,
                i + open.len_utf8(),
                &format!("Dấu mở {what} «{open}» chưa có dấu đóng «{close}»."),
                None,
            ));
        }
    }
    let straight: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    if straight.len() % 2 == 1 {
        let i = straight[straight.len() - 1];
        out.push(finding(
            codes::BRACKETS,
            Severity::Warning,
            text,
            i,
            i + 1,
            "Dấu ngoặc kép «\"» không thành cặp: thiếu dấu mở hoặc dấu đóng.",
            None,
        ));
    }
    out
}

/// Words with the tone on oa, oe, uy placed the other way than the profile's.
fn tone_findings(text: &str, want: ToneStyle, profile_name: &str) -> Vec<Diagnostic> {
    const MARKED: &str = "òóỏõọùúủũụàáảãạèéẻẽẹỳýỷỹỵÒÓỎÕỌÙÚỦŨỤÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ";
    if !text.chars().any(|c| MARKED.contains(c)) {
        return Vec::new();
    }
    let other = if want == ToneStyle::Old { ToneStyle::New } else { ToneStyle::Old };
    let message = format!(
        "Đặt dấu thanh một kiểu trong cả văn bản: định dạng «{profile_name}» dùng kiểu {}, \
         không dùng kiểu {}: «{{found}}» → «{{fix}}».",
        want.name(),
        other.name()
    );
    super::words::words(text)
        .into_iter()
        // A word `restyle` changes is written the other way.
        .filter_map(|(a, b, w)| {
            let fix = restyle(w, want)?;
            Some(finding(codes::TONE_MARK, Severity::Warning, text, a, b, &message, Some(fix)))
        })
        .collect()
}

/// Straight quotes «"» in a document whose other quotes are curly («“ ”»).
fn straight_quotes(fields: &[Field], out: &mut Vec<Diagnostic>) {
    if !fields.iter().any(|f| f.text.contains(['“', '”'])) {
        return;
    }
    for f in fields {
        let text = f.text;
        for (k, (i, _)) in text.match_indices('"').enumerate() {
            let opening = k % 2 == 0;
            let mut x = finding(
                codes::STRAIGHT_QUOTES,
                Severity::Suggestion,
                text,
                i,
                i + 1,
                "Văn bản dùng ngoặc kép cong “ ”; dấu «\"» nên đổi cho thống nhất.",
                Some(if opening { "“" } else { "”" }.to_string()),
            );
            x.path.clone_from(&f.path);
            out.push(x);
        }
    }
}
