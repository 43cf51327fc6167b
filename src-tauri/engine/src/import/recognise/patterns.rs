//! The forms of lines a report is typed in: numbers and dates, headings and their numbering,
//! list, lesson, proposal and cause lines, the signature's and the annexes' labels.

use chrono::NaiveDate;

use crate::import::read::{RawItem, RawPara};
use crate::model::*;
use crate::text::strip_typed_ordinal;

/// "Số 05-BC/BTGHU" (Party) or "Số: 12/BC-UBND" (State); the number may be blank. A type's
/// code may have small letters after its capital («TTr» tờ trình, «CTr» chương trình), an
/// issuer's code a unit in brackets («CAT(PC04)»: a unit of the provincial police). A State
/// letter has no type code («Số: …/UBND-NC»: the type is empty, the issuer «UBND-NC»); a legal
/// document's number carries its year («Số: 30/2020/NĐ-CP»: the year is not kept).
pub(super) fn number_line(s: &str) -> Option<(Option<u32>, String, String, &'static str)> {
    let party = regex!(
        r"^(?i:số)\s*:?\s*(\d*)\s*-\s*([A-ZĐ][A-Za-zĐđ]{0,7})\s*/\s*([A-ZĐ0-9][A-ZĐ0-9.\-()]*)$"
    );
    let state = regex!(
        r"^(?i:số)\s*:?\s*(\d*)\s*(?:/\s*\d{4}\s*)?/\s*([A-ZĐ][A-Za-zĐđ]{0,7})(?:\s*-\s*([A-ZĐ0-9][A-ZĐ0-9.\-()]*))?$"
    );
    let s = s.trim();
    if let Some(c) = party.captures(s) {
        return Some((c[1].parse().ok(), c[2].into(), c[3].into(), "hd36"));
    }
    let c = state.captures(s)?;
    let (first, rest) = (&c[2], c.get(3).map(|m| m.as_str()));
    let number = c[1].parse().ok();
    match rest {
        Some(rest) if is_type_code(first) => Some((number, first.into(), rest.into(), "nd30")),
        // A letter: everything after the «/» is the issuer's code, in capitals.
        _ if first.chars().any(char::is_lowercase) => None,
        Some(rest) => Some((number, String::new(), format!("{first}-{rest}"), "nd30")),
        None => Some((number, String::new(), first.into(), "nd30")),
    }
}

/// Whether a code is a document type's («BC», «TTr»; «CV» is a Party letter's).
fn is_type_code(code: &str) -> bool {
    code == "CV" || crate::checks::rules::builtin().file.type_codes.values().any(|c| c == code)
}

/// "Cầu Ngang, ngày 05 tháng 3 năm 2019": place and date (the day may be blank).
pub(super) fn date_line(s: &str) -> Option<(String, Option<NaiveDate>)> {
    let r = regex!(
        r"^(.*?)\s*,\s*(?i:ngày)\s*(\d{0,2})\s*(?i:tháng)\s*(\d{0,2})\s*(?i:năm)\s*(\d{4})\s*\.?$"
    );
    let c = r.captures(s.trim())?;
    let (d, m, y) = (c[2].parse().unwrap_or(1), c[3].parse().unwrap_or(1), c[4].parse().ok()?);
    Some((c[1].trim().to_string(), NaiveDate::from_ymd_opt(y, m, d)))
}

/// The national heading a line is, with the profile it implies.
pub(super) fn national(s: &str) -> Option<Option<&'static str>> {
    let u = crate::text::upper(s.trim());
    let squeezed: String = u.split_whitespace().collect::<Vec<_>>().join(" ");
    if squeezed.contains("ĐẢNG CỘNG SẢN VIỆT NAM") {
        return Some(Some("hd36"));
    }
    if squeezed.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
        || squeezed.contains("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA")
    {
        return Some(Some("nd30"));
    }
    if squeezed.starts_with("ĐỘC LẬP") && squeezed.contains("HẠNH PHÚC") {
        return Some(None);
    }
    None
}

/// A decoration line: "*", "-----", "***", "---oOo---", a rule typed with underscores.
pub(super) fn decoration(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '*' | '-' | '_' | '–' | '—' | '=' | '.' | 'o' | 'O' | '0' | ' '))
        && t.chars().any(|c| !matches!(c, 'o' | 'O' | '0' | ' '))
}

/// Part heading "I. TITLE": the Roman numeral and the title.
pub(super) fn part_heading(s: &str) -> Option<(usize, String)> {
    let r = regex!(r"^([IVXLC]{1,9})\s*[.)/\-–]\s*(\S.*)$");
    let c = r.captures(s.trim())?;
    let n = from_roman(&c[1])?;
    Some((n, c[2].trim().to_string()))
}

/// The number a Roman numeral up to 199 stands for.
fn from_roman(s: &str) -> Option<usize> {
    (1..=199).find(|n| crate::text::roman(*n) == s)
}

/// Section heading "1. Title".
pub(super) fn section_heading(s: &str) -> Option<(usize, String)> {
    let r = regex!(r"^(\d{1,2})\s*[.)]\s+(\S.*)$");
    let c = r.captures(s.trim())?;
    Some((c[1].parse().ok()?, c[2].trim().to_string()))
}

/// Point heading "a) Title" (the letter and the text after it).
pub(super) fn point_heading(s: &str) -> Option<String> {
    let r = regex!(r"^([a-zđ])\s*\)\s*(.*)$");
    let c = r.captures(s.trim())?;
    Some(c[2].trim().to_string())
}

/// "Phần thứ nhất", "PHẦN I", "Phần 2" with an optional title after ":" or "-".
pub(super) fn phan_heading(s: &str) -> Option<String> {
    let r = regex!(r"^(?i:phần)\s+(?:(?i:thứ)\s+\S+|[IVX]+|\d+)\s*(?:[:.\-–]\s*(.*))?$");
    let c = r.captures(s.trim())?;
    Some(c.get(1).map_or("", |m| m.as_str()).trim().to_string())
}

/// A "- " or "+ " line: its marker and text.
pub(super) fn list_line(s: &str) -> Option<(Marker, &str)> {
    let t = s.trim_start();
    let (marker, rest) = if let Some(r) = t.strip_prefix(['-', '–', '•', '·', '▪', '*']) {
        (Marker::Dash, r)
    } else if let Some(r) = t.strip_prefix('+') {
        (Marker::Plus, r)
    } else if let Some(c) = regex!(r"^\(\d{1,2}\)\s+(\S.*)$").captures(t) {
        // «(1) …»: a numbered item in brackets (its number is written again in order).
        let rest = c.get(1).map_or("", |m| m.as_str());
        return Some((Marker::Paren, rest));
    } else {
        return None;
    };
    // "-5%" or "--" is not a list line.
    if rest.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        return None;
    }
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some((marker, rest))
}

/// "Đối với Ban Tuyên giáo Tỉnh ủy: đề nghị …".
pub(super) fn proposal(s: &str) -> Option<Proposal> {
    let r = regex!(r"^(?i:đối với)\s+([^:]{2,160}?)\s*:\s*(.+)$");
    let c = r.captures(s.trim())?;
    Some(Proposal { addressee: c[1].trim().to_string(), text: c[2].trim().to_string() })
}

/// "(1) …": the group title.
fn parenthesized(s: &str) -> Option<(usize, &str)> {
    let r = regex!(r"^\((\d{1,2})\)\s*(.+)$");
    let c = r.captures(s.trim())?;
    Some((c[1].parse().ok()?, c.get(2)?.as_str()))
}

/// The ordinal set a lesson or group opens with.
pub(super) fn ordinal_set(s: &str) -> Option<OrdinalSet> {
    strip_typed_ordinal(s)?;
    let lower = s.trim_start().to_lowercase();
    Some(if lower.starts_with("thứ") { OrdinalSet::ThuNhat } else { OrdinalSet::MotLa })
}

/// A solution groups' lead: "… 06 nhóm giải pháp sau:" → "… {count} nhóm giải pháp sau:".
pub(super) fn group_lead(s: &str) -> Option<String> {
    let r = regex!(
        r"(?i)\b(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)(\s+(?:nhóm|giải pháp|nhiệm vụ))"
    );
    let t = s.trim();
    if !t.ends_with(':') {
        return None;
    }
    let c = r.captures(t)?;
    let m = c.get(1)?;
    Some(format!("{}{{count}}{}", &t[..m.start()], &t[m.end()..]))
}

/// The causes label a line is: objective (false) or subjective (true), and text after it.
pub(super) fn cause_label(s: &str) -> Option<(bool, String)> {
    let r = regex!(r"^(?:[*\-+]\s*)?(?i:nguyên nhân)\s+(khách quan|chủ quan)\s*[:.]?\s*(.*)$");
    let c = r.captures(s.trim())?;
    Some((c[1].to_lowercase() == "chủ quan", c[2].trim().to_string()))
}

/// Authority "K/T TRƯỞNG BAN", "TM. ỦY BAN NHÂN DÂN".
pub(super) fn authority(s: &str) -> Option<Authority> {
    let r = regex!(r"^(T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.)\s*(\S.*)$");
    let c = r.captures(s.trim())?;
    let kind = match c[1].trim_end_matches('.') {
        "T/M" | "TM" => AuthorityKind::Tm,
        "K/T" | "KT" => AuthorityKind::Kt,
        "T/L" | "TL" => AuthorityKind::Tl,
        "TUQ" => AuthorityKind::Tuq,
        _ => AuthorityKind::Q,
    };
    Some(Authority { kind, of: c[2].trim().to_string() })
}

/// "Lưu Văn phòng." / "Lưu: VT, VP." → the archive ("Văn phòng", "VP").
pub(super) fn archive(s: &str) -> Option<String> {
    let r = regex!(r"^(?i:lưu)\s*:?\s*(.*?)\s*[.,;]?$");
    let c = r.captures(s.trim())?;
    let a = c[1].trim();
    let a = a.strip_prefix("VT,").or_else(|| a.strip_prefix("VT ,")).unwrap_or(a).trim();
    let a = if a == "VT" { "" } else { a };
    Some(a.to_string())
}

/// A recipient line without its dash and end punctuation.
pub(super) fn recipient(s: &str) -> String {
    let t = s.trim();
    let t = t.strip_prefix(['-', '–', '+', '•']).unwrap_or(t).trim();
    t.trim_end_matches([',', ';', '.']).trim().to_string()
}

/// The numbering and title of a solution group's opening line ("(1) …", "Một là, …").
pub(super) fn group_title(text: &str) -> Option<(GroupNumbering, String)> {
    if let Some((_, t)) = parenthesized(text) {
        return Some((GroupNumbering::Parenthesized, t.trim().to_string()));
    }
    let set = ordinal_set(text)?;
    let rest = strip_typed_ordinal(text)?.to_string();
    let numbering =
        if set == OrdinalSet::ThuNhat { GroupNumbering::ThuNhat } else { GroupNumbering::MotLa };
    Some((numbering, rest))
}

/// A title speaks of shortcomings ("Hạn chế", "Tồn tại"…).
pub(super) fn speaks_of_shortcomings(title: &str) -> bool {
    let t = title.to_lowercase();
    ["hạn chế", "tồn tại", "yếu kém", "khuyết điểm"].iter().any(|w| t.contains(w))
}

/// A heading is typed in bold, or in capitals.
pub(super) fn emphasised(p: &RawPara) -> bool {
    let letters: Vec<char> = p.text.chars().filter(|c| c.is_alphabetic()).collect();
    p.bold || (letters.len() > 3 && letters.iter().all(|c| !c.is_lowercase()))
}

/// The bold (or italic) opening of a paragraph when it is longer than its number: "1. Title:"
/// in bold and the text running on. Returns (title, rest).
pub(super) fn run_in_heading(p: &RawPara, number_len: usize) -> Option<(String, String)> {
    let prefix = if p.bold_prefix > number_len + 1 { p.bold_prefix } else { p.italic_prefix };
    if prefix <= number_len + 1 {
        return None;
    }
    let head: String = p.text.chars().take(prefix).collect();
    let rest: String = p.text.chars().skip(prefix).collect();
    let rest = rest.trim().trim_start_matches([':', '.']).trim().to_string();
    if rest.is_empty() {
        return None;
    }
    Some((head, rest))
}

/// A line of the header: the national heading, the number or the date line.
pub(super) fn header_line(s: &str) -> bool {
    national(s).is_some() || number_line(s).is_some() || date_line(s).is_some()
}

/// The document type ("BÁO CÁO"): a short line in capitals, without digits.
pub(super) fn doc_type_line(s: &str) -> bool {
    let first = s.split('\n').next().unwrap_or("").trim();
    let letters: Vec<char> = first.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && letters.len() <= 30
        && letters.iter().all(|c| c.is_uppercase())
        && !first.chars().any(|c| c.is_ascii_digit())
        && national(first).is_none()
}

/// "Nơi nhận:", the recipients' label.
pub(super) fn recipients_label(s: &str) -> bool {
    regex!(r"^(?i:nơi nhận)\s*(?::|$)").is_match(s.trim())
}

/// The closing sentence ("Trên đây là …").
pub(super) fn closing_sentence(s: &str) -> bool {
    let t = s.trim_start().to_lowercase();
    t.starts_with("trên đây là") || t.starts_with("trên đây, ")
}

/// The closing request of a submission or a letter («Sở Tư pháp kính trình …», «Sở Nội vụ kính
/// báo cáo UBND tỉnh./.», «Kính đề nghị …»), not the one that opens its body («… như sau:»).
pub(super) fn request_sentence(s: &str) -> bool {
    let t = s.trim().to_lowercase();
    ["kính trình", "kính báo cáo", "kính đề nghị"].iter().any(|w| t.contains(w))
        && !t.ends_with(':')
}

/// An annex's label ("PHỤ LỤC", "Phụ lục số 2").
pub(super) fn annex_label(s: &str) -> bool {
    regex!(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ|số)?\s*[0-9IVX]{1,4})?\s*$").is_match(s.trim())
}

/// An item that opens an annex: a paragraph holding an annex's label.
pub(super) fn annex_start(item: &RawItem) -> bool {
    matches!(item, RawItem::Para(p) if annex_label(&p.text))
}

/// An annex's reference line ("(Kèm theo Báo cáo số …)").
pub(super) fn annex_reference(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('(') && t.to_lowercase().contains("kèm theo")
}

/// "(Kèm theo Báo cáo số …, ngày … của Ban Tuyên giáo Huyện ủy Cầu Ngang)" → the issuer.
pub(super) fn reference_issuer(s: &str) -> Option<String> {
    let t = s.trim().trim_end_matches(')');
    let i = t.rfind(" của ")?;
    Some(t[i + " của ".len()..].trim().to_string()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::number_line;

    #[test]
    fn number_lines_as_offices_type_them() {
        let got = number_line;
        assert_eq!(got("Số 05-BC/BTGHU"), Some((Some(5), "BC".into(), "BTGHU".into(), "hd36")));
        assert_eq!(got("Số: 12/BC-UBND"), Some((Some(12), "BC".into(), "UBND".into(), "nd30")));
        // A draft's blank number, a submission's and a programme's codes.
        assert_eq!(got("Số:      /TTr-UBND"), Some((None, "TTr".into(), "UBND".into(), "nd30")));
        assert_eq!(got("Số: 3/CTr-UBND"), Some((Some(3), "CTr".into(), "UBND".into(), "nd30")));
        assert_eq!(got("Số 12-TTr/HU"), Some((Some(12), "TTr".into(), "HU".into(), "hd36")));
        assert_eq!(
            got("Số: 409 /TTr-CAT(PC04)"),
            Some((Some(409), "TTr".into(), "CAT(PC04)".into(), "nd30"))
        );
        // A State letter has no type code; a decree's number carries its year.
        assert_eq!(got("Số:     /UBND-NC"), Some((None, String::new(), "UBND-NC".into(), "nd30")));
        assert_eq!(
            got("Số: 1984/SNV-TCBC"),
            Some((Some(1984), String::new(), "SNV-TCBC".into(), "nd30"))
        );
        assert_eq!(got("Số: 12/UBND"), Some((Some(12), String::new(), "UBND".into(), "nd30")));
        assert_eq!(got("Số: 30/2020/NĐ-CP"), Some((Some(30), "NĐ".into(), "CP".into(), "nd30")));
        assert_eq!(got("Số: 5/Ttr-UBND"), None);
        assert_eq!(got("Số: 12/bc-UBND"), None, "a type's code starts with a capital");
        assert_eq!(got("Số điện thoại: 0263"), None);
    }
}
