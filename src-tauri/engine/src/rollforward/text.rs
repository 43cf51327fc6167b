//! The text of next period's report: what moves with the period and what stays.
//!
//! Period-relative years written as numbers become computed references (see
//! [`year_references`]) and «sơ kết 03 năm» becomes «sơ kết [số năm] năm», so
//! they follow the new period; dates of documents written with a reference («ngày …/…/[từ năm]»,
//! the district's own plan) are fixed to the year they had; the superior document the opening
//! cites for last period («Thực hiện Kế hoạch số 112-KH/BTGTU, ngày 08/3/2019…») loses its
//! number and date, to be filled for this period; the kind of review changes when asked.

use std::sync::OnceLock;

use regex::{Captures, Regex};
use serde_json::Value;

use super::ReportKind;
use crate::flow::{YearRefs, YEAR_REFS};

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid pattern"))
}

/// «sơ kết 03 năm», «tổng kết 05 năm» with the period's own length → «… [số năm] năm».
pub fn span_references(text: &str, span: i32) -> String {
    static SPAN: OnceLock<Regex> = OnceLock::new();
    let pattern = re(&SPAN, r"(?i)(sơ kết|tổng kết|kết quả|qua) (\d{1,2}) năm");
    pattern
        .replace_all(text, |c: &Captures| {
            if c[2].parse::<i32>().ok() == Some(span) {
                format!("{} [số năm] năm", &c[1])
            } else {
                c[0].to_string()
            }
        })
        .into_owned()
}

/// Dates of documents written with a year reference («ngày …/…/[từ năm]», «ngày 12/7/[năm]»)
/// fixed to the year the reference had: a past document's date does not move with the period.
pub fn fix_document_dates(text: &str, old: &YearRefs) -> String {
    if !text.contains("/[") {
        return text.to_string();
    }
    static DATE: OnceLock<Regex> = OnceLock::new();
    let pattern = re(&DATE, r"(ngày\s+(?:\d{1,2}|…)/(?:\d{1,2}|…)/)(\[[^\]]+\])");
    pattern
        .replace_all(text, |c: &Captures| {
            if YEAR_REFS.contains(&&c[2]) {
                format!("{}{}", &c[1], old.apply(&c[2]))
            } else {
                c[0].to_string()
            }
        })
        .into_owned()
}

/// The opening's citation of a superior document dated in one of `years` (last period's),
/// with its number and date left blank for this period's; the citation as it was, if any.
pub fn blank_superior_document(text: &str, years: &[i32]) -> (String, Option<String>) {
    static DOC: OnceLock<Regex> = OnceLock::new();
    let pattern = re(
        &DOC,
        r"(?P<kind>(?:Kế hoạch|Hướng dẫn|Công văn|Chỉ thị|Thông báo|Quyết định|văn bản|Văn bản)) số (?P<num>\d+|…)(?P<code>[-/][\p{L}\d/\-]+)?(?P<sep>,? ngày )(?P<d>\d{1,2}|…)/(?P<m>\d{1,2}|…)/(?P<y>\d{4})",
    );
    let mut found = None;
    let out = pattern.replace(text, |c: &Captures| {
        let year: i32 = c["y"].parse().unwrap_or(0);
        if !years.contains(&year) {
            return c[0].to_string();
        }
        found = Some(c[0].to_string());
        let code = c.name("code").map_or("", |m| m.as_str());
        format!("{} số …{code}{}…/…/[năm]", &c["kind"], &c["sep"])
    });
    (out.into_owned(), found)
}

/// The phrase naming a kind of review in the text: «sơ kết [số năm] năm», «tổng kết [số năm]
/// năm», «kết quả năm [đến năm]».
fn kind_phrase(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Annual => "kết quả năm [đến năm]",
        ReportKind::SoKet => "sơ kết [số năm] năm",
        ReportKind::TongKet => "tổng kết [số năm] năm",
    }
}

/// The text with the kind of review changed to `kind` where the text names it with the
/// period's references («sơ kết [số năm] năm» → «tổng kết [số năm] năm»); other uses of the
/// words («định kỳ sơ kết, tổng kết») stay.
pub fn change_kind(text: &str, kind: ReportKind) -> String {
    let target = kind_phrase(kind);
    let mut out = text.to_string();
    for from in [
        "sơ kết [số năm] năm",
        "tổng kết [số năm] năm",
        "kết quả năm [đến năm]",
        "kết quả năm [năm]",
    ] {
        if from == target {
            continue;
        }
        out = out.replace(from, target);
        out = out.replace(&crate::text::upper_first(from), &crate::text::upper_first(target));
    }
    out
}

/// Calls `f` on every string of a JSON value, except under the object keys in `skip`.
pub(crate) fn strings_mut(v: &mut Value, skip: &[&str], f: &mut impl FnMut(&mut String)) {
    match v {
        Value::String(s) => f(s),
        Value::Array(a) => a.iter_mut().for_each(|x| strings_mut(x, skip, f)),
        Value::Object(o) => o
            .iter_mut()
            .filter(|(k, _)| !skip.contains(&k.as_str()))
            .for_each(|(_, x)| strings_mut(x, skip, f)),
        _ => {}
    }
}

/// `text` with the period's years written as computed references where the words around them
/// say they are the period's: «năm END», «tháng M/END», «từ năm START», «từ tháng M/START»,
/// «START–END» (any dash). Other years (a directive's date «ngày 15/5/2016») stay as written.
pub fn year_references(text: &str, start: i32, end: i32) -> String {
    let (s, e) = (start.to_string(), end.to_string());
    if !text.contains(e.as_str()) && !text.contains(s.as_str()) {
        return text.to_string();
    }
    let mut out = text.to_string();
    if start < end {
        for dash in ["–", "-", " – ", " - ", "—"] {
            out = out.replace(&format!("{s}{dash}{e}"), &format!("[từ năm]{dash}[đến năm]"));
        }
    }
    let boundary = |rest: &str| !rest.chars().next().is_some_and(|c| c.is_ascii_digit());
    let rewrite = |before: &[&str], year: &str, reference: &str, out: &mut String| {
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(year) {
            let (head, tail) = rest.split_at(i);
            let after = &tail[year.len()..];
            let head_ok = before.iter().any(|w| month_or_word_before(head, w));
            result.push_str(head);
            if head_ok && boundary(after) {
                result.push_str(reference);
            } else {
                result.push_str(year);
            }
            rest = after;
        }
        result.push_str(rest);
        *out = result;
    };
    rewrite(&["năm ", "Năm ", "tháng /"], &e, "[đến năm]", &mut out);
    if start < end {
        rewrite(&["từ năm ", "Từ năm ", "từ tháng /", "Từ tháng /"], &s, "[từ năm]", &mut out);
    }
    out
}

/// Whether `head` ends with `word` («năm ») or, for a pattern «tháng /», with «tháng M/».
fn month_or_word_before(head: &str, word: &str) -> bool {
    match word.strip_suffix('/') {
        Some(month_word) => {
            let Some(h) = head.strip_suffix('/') else { return false };
            let digits = h.len() - h.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            (1..=2).contains(&digits) && h[..h.len() - digits].ends_with(month_word)
        }
        None => head.ends_with(word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;

    #[test]
    fn past_documents_keep_their_dates_and_the_superior_one_is_blanked() {
        let old = YearRefs::for_period(2019, Some(Period { start_year: 2016, end_year: 2019 }));
        assert_eq!(
            fix_document_dates("Kế hoạch số …-KH/HU, ngày …/…/[từ năm] về", &old),
            "Kế hoạch số …-KH/HU, ngày …/…/2016 về"
        );
        assert_eq!(fix_document_dates("từ tháng 5/[từ năm]", &old), "từ tháng 5/[từ năm]");
        let (text, found) = blank_superior_document(
            "Thực hiện Kế hoạch số 112-KH/BTGTU, ngày 08/3/2019 của Ban Tuyên giáo Tỉnh ủy về sơ kết; Chỉ thị số 05-CT/TW, ngày 15/5/2016",
            &[2019],
        );
        assert_eq!(
            text,
            "Thực hiện Kế hoạch số …-KH/BTGTU, ngày …/…/[năm] của Ban Tuyên giáo Tỉnh ủy về sơ kết; Chỉ thị số 05-CT/TW, ngày 15/5/2016"
        );
        assert_eq!(found.as_deref(), Some("Kế hoạch số 112-KH/BTGTU, ngày 08/3/2019"));
        let (same, none) = blank_superior_document("Chỉ thị số 05-CT/TW, ngày 15/5/2016", &[2019]);
        assert_eq!((same.as_str(), none), ("Chỉ thị số 05-CT/TW, ngày 15/5/2016", None));
    }

    #[test]
    fn a_three_year_review_becomes_a_five_year_one() {
        let t = span_references("Báo cáo sơ kết 03 năm thực hiện; qua 03 năm; 04 năm", 3);
        assert_eq!(t, "Báo cáo sơ kết [số năm] năm thực hiện; qua [số năm] năm; 04 năm");
        assert_eq!(
            change_kind("Sơ kết [số năm] năm; định kỳ sơ kết, tổng kết", ReportKind::TongKet),
            "Tổng kết [số năm] năm; định kỳ sơ kết, tổng kết"
        );
        assert_eq!(
            change_kind("kết quả năm [năm] học tập", ReportKind::SoKet),
            "sơ kết [số năm] năm học tập"
        );
    }
}
