//! Report templates: a report outline with guidance hints and boilerplate text holding
//! placeholders (`{{huyen}}`, `{{nam}}`…), default answers, and the user's own template library.
//!
//! Built-in templates live in `templates/library/`; user templates are JSON files in a folder of
//! the user's data directory, named by their id (lower-case ASCII letters, digits and "-"), so
//! nothing is ever written outside that folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::EngineError;
use crate::fsio;
use crate::load::report_from_json;
use crate::model::Report;
use crate::rollforward::strings_mut;
/// The period's years in a text as computed references (kept here, where templates were first
/// given them).
pub use crate::rollforward::year_references;
use crate::text::nfc;

/// The template format version this build writes and the newest it reads.
pub const TEMPLATE_VERSION: u32 = 1;

/// A template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Format version.
    pub template_version: u32,
    /// File-safe id: lower-case ASCII letters, digits and "-".
    pub id: String,
    /// Name shown to users.
    pub name: String,
    /// What the template is for.
    #[serde(default)]
    pub description: String,
    /// The blanks the wizard asks for, in order.
    #[serde(default)]
    pub placeholders: Vec<Placeholder>,
    /// The report, with `{{key}}` placeholders in its text.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub report: Value,
}

/// One blank of a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Placeholder {
    /// Key used in the text as `{{key}}`.
    pub key: String,
    /// Question shown in the wizard.
    pub label: String,
    /// Default answer; may use `{{hom_nay}}` (today, YYYY-MM-DD), `{{nam_nay}}` (this year),
    /// earlier answers, with a year offset (`{{nam-3}}`), `{{nam@hom_nay}}` (today's day and
    /// month in the year answered for `nam`) and `{{nam@05-20}}` (20 May of that year). The
    /// wizard re-evaluates it as earlier answers change, until the user types this answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Help shown under the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// What the answer is.
    #[serde(default)]
    pub kind: PlaceholderKind,
    /// The answers accepted, when the question is a choice (who signs: the head or a deputy);
    /// none: any answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
}

/// One answer of a choice question, and the report fields it sets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The answer, as `{{key}}` writes it (matched without regard to case: «phó bí thư»).
    pub value: String,
    /// Report fields this answer sets, by dotted path (`"closing.authority": null`); their
    /// strings may hold placeholders.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub sets: BTreeMap<String, Value>,
}

/// What a placeholder's answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PlaceholderKind {
    /// Text.
    #[default]
    Text,
    /// A year (a field holding only `{{key}}` becomes a number, e.g. the period's years).
    Year,
    /// A date, YYYY-MM-DD.
    Date,
}

/// A template as listed: where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Shipped with the program (cannot be renamed or deleted).
    pub builtin: bool,
}

/// The built-in templates, in the order the start screen lists them: the offices since 1/7/2025
/// first (no district level: docs/offices-2026.md), then the district templates of before.
pub(crate) const BUILTIN: [&str; 9] = [
    include_str!("../../../templates/library/dang-uy-xa-bao-cao.json"),
    include_str!("../../../templates/library/btgdv-tinh-bao-cao.json"),
    include_str!("../../../templates/library/hoc-tap-lam-theo-bac-nam-dang-uy-xa.json"),
    include_str!("../../../templates/library/hoc-tap-lam-theo-bac-nam-btgdv-tinh.json"),
    include_str!("../../../templates/library/ubnd-xa-bao-cao.json"),
    include_str!("../../../templates/library/so-ket-03-nam-chi-thi-05.json"),
    include_str!("../../../templates/library/ket-qua-nam-hoc-tap-lam-theo-bac.json"),
    include_str!("../../../templates/library/tong-ket-05-nam.json"),
    include_str!("../../../templates/library/ubnd-huyen-bao-cao-ket-qua.json"),
];

fn err(msg: impl Into<String>) -> EngineError {
    EngineError::template(msg)
}

/// Whether `id` is a safe template id (no path characters).
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

/// A file-safe id from a Vietnamese name: "Sơ kết 03 năm" → "so-ket-03-nam".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in crate::text::fold_marks(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    if out.is_empty() {
        "mau".to_string()
    } else {
        out
    }
}

/// Every `{{key}}` in the strings of a JSON value.
fn used_keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let mut rest = s.as_str();
            while let Some(start) = rest.find("{{") {
                let after = &rest[start + 2..];
                match after.find("}}") {
                    Some(end) => {
                        let key = &after[..end];
                        if !key.is_empty()
                            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        {
                            out.push(key.to_string());
                        }
                        rest = &after[end + 2..];
                    }
                    None => break,
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| used_keys(x, out)),
        Value::Object(o) => o.values().for_each(|x| used_keys(x, out)),
        _ => {}
    }
}

fn substitute(v: &mut Value, values: &BTreeMap<String, String>, years: &[&str]) {
    match v {
        Value::String(s) => {
            // A field that is just a year placeholder ("start_year": "{{tu_nam}}") becomes a number.
            if let Some(k) = s.strip_prefix("{{").and_then(|x| x.strip_suffix("}}")) {
                if years.contains(&k) {
                    if let Some(n) = values.get(k).and_then(|y| y.parse::<i64>().ok()) {
                        *v = Value::from(n);
                        return;
                    }
                }
            }
            if s.contains("{{") {
                for (k, val) in values {
                    *s = s.replace(&format!("{{{{{k}}}}}"), val);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| substitute(x, values, years)),
        Value::Object(o) => o.values_mut().for_each(|x| substitute(x, values, years)),
        _ => {}
    }
}

/// Reads and checks a template: version, id, declared placeholders, and that it fills into a
/// valid report with its defaults.
pub fn parse(bytes: &[u8]) -> Result<Template, EngineError> {
    let max = crate::load::MAX_REPORT_BYTES;
    if bytes.len() as u64 > max {
        return Err(err(format!(
            "tệp mẫu quá lớn ({} MB; tối đa {} MB): đây không phải tệp mẫu báo cáo.",
            bytes.len() >> 20,
            max >> 20
        )));
    }
    let v: Value = serde_json::from_slice(bytes).map_err(|e| {
        err(format!("tệp mẫu không phải JSON hợp lệ (dòng {}, cột {}).", e.line(), e.column()))
    })?;
    match v.get("template_version").and_then(Value::as_u64) {
        Some(n) if n > u64::from(TEMPLATE_VERSION) => {
            return Err(err(format!(
                "mẫu được tạo bởi phiên bản mới hơn của chương trình (template_version {n}); phiên bản này chỉ đọc được đến {TEMPLATE_VERSION}."
            )))
        }
        None if v.get("schema_version").is_some() => {
            return Err(err("đây là tệp báo cáo, không phải tệp mẫu; hãy mở nó bằng «Mở tệp báo cáo»."))
        }
        None => return Err(err("tệp không phải mẫu báo cáo (thiếu «template_version»).")),
        _ => {}
    }
    let t: Template = serde_path_to_error::deserialize(v).map_err(|e| {
        err(format!(
            "tệp mẫu không hợp lệ tại «{}»: {}.",
            e.path(),
            crate::load::translate_serde(&e.inner().to_string())
        ))
    })?;
    if !valid_id(&t.id) {
        return Err(err(format!(
            "mã mẫu «{}» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu «-».",
            t.id
        )));
    }
    let declared: Vec<&str> = t.placeholders.iter().map(|p| p.key.as_str()).collect();
    let mut used = Vec::new();
    used_keys(&t.report, &mut used);
    if let Some(unknown) = used.iter().find(|k| !declared.contains(&k.as_str())) {
        return Err(err(format!(
            "mẫu «{}» dùng chỗ trống «{{{{{unknown}}}}}» nhưng không khai báo nó trong «placeholders».",
            t.name
        )));
    }
    for p in t.placeholders.iter().filter(|p| !p.choices.is_empty()) {
        if let Some(d) = p.default.as_deref().filter(|d| !d.contains("{{")) {
            if chosen(p, d).is_none() {
                return Err(err(format!(
                    "mẫu «{}»: câu trả lời mặc định «{d}» của «{}» không nằm trong các lựa chọn.",
                    t.name, p.label
                )));
            }
        }
    }
    Ok(t)
}

/// The choice an answer picks (compared trimmed, in NFC, without regard to case).
fn chosen<'a>(p: &'a Placeholder, answer: &str) -> Option<&'a Choice> {
    let a = nfc(answer.trim()).to_lowercase();
    p.choices.iter().find(|c| nfc(c.value.trim()).to_lowercase() == a)
}

/// A choice answer that is none of the choices, in Vietnamese.
fn not_a_choice(p: &Placeholder, answer: &str) -> Option<String> {
    if p.choices.is_empty() || answer.trim().is_empty() || chosen(p, answer).is_some() {
        return None;
    }
    let list: Vec<String> = p.choices.iter().map(|c| format!("«{}»", c.value)).collect();
    Some(format!("«{}» chỉ nhận {}; đã nhập «{}».", p.label, list.join(" hoặc "), answer.trim()))
}

/// Sets the JSON value at a dotted path of objects (`closing.authority`), adding the last key.
fn set_path(v: &mut Value, path: &str, new: Value) -> Result<(), EngineError> {
    let (parents, last) = match path.rsplit_once('.') {
        Some((p, l)) => (Some(p), l),
        None => (None, path),
    };
    let mut cur = v;
    for key in parents.into_iter().flat_map(|p| p.split('.')) {
        cur =
            cur.get_mut(key).ok_or_else(|| err(format!("mẫu đặt «{path}»: không có «{key}».")))?;
    }
    let obj =
        cur.as_object_mut().ok_or_else(|| err(format!("mẫu đặt «{path}»: không phải mục.")))?;
    obj.insert(last.to_string(), new);
    Ok(())
}

/// Evaluates a default: `{{hom_nay}}`, `{{nam_nay}}`, earlier answers, `{{key-3}}` / `{{key+1}}`.
fn eval_default(text: &str, known: &BTreeMap<String, String>, today: NaiveDate) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let expr = &after[..end];
        // "{{nam@hom_nay}}": today's day and month in the year of `nam`.
        // "{{nam@05-20}}": 20 May of that year.
        if let Some((year_key, when)) = expr.split_once('@') {
            let year = known.get(year_key).and_then(|y| y.trim().parse::<i32>().ok());
            let (month, day) = match NaiveDate::parse_from_str(&format!("2000-{when}"), "%Y-%m-%d")
            {
                Ok(d) => (d.month(), d.day()),
                Err(_) => (today.month(), today.day()),
            };
            let date = year.and_then(|y| {
                NaiveDate::from_ymd_opt(y, month, day)
                    .or_else(|| NaiveDate::from_ymd_opt(y, month, 28))
            });
            match date {
                Some(d) => out.push_str(&d.format("%Y-%m-%d").to_string()),
                None => out.push_str(&today.format("%Y-%m-%d").to_string()),
            }
            rest = &after[end + 2..];
            continue;
        }
        let (name, offset) = match expr.find(['+', '-']) {
            Some(i) => (&expr[..i], expr[i..].parse::<i32>().ok()),
            None => (expr, Some(0)),
        };
        let base = match name {
            "hom_nay" => Some(today.format("%Y-%m-%d").to_string()),
            "nam_nay" => Some(today.year().to_string()),
            k => known.get(k).cloned(),
        };
        match (base, offset) {
            (Some(b), Some(0)) => out.push_str(&b),
            (Some(b), Some(o)) => match b.parse::<i32>().ok().and_then(|y| y.checked_add(o)) {
                Some(y) => out.push_str(&y.to_string()),
                None => out.push_str(&b),
            },
            _ => out.push_str(&format!("{{{{{expr}}}}}")),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The wizard's starting answers: each placeholder's default, evaluated in order (blank
/// where there is none).
pub fn defaults(t: &Template, today: NaiveDate) -> BTreeMap<String, String> {
    wizard_values(t, &BTreeMap::new(), today)
}

/// Every answer, linked: those the user gave as given (trimmed, NFC), the others from their
/// defaults evaluated on the answers before them (so «Năm cuối» 2019 makes «Năm bắt đầu» 2016
/// and the date 2019 until the user types them).
pub fn wizard_values(
    t: &Template,
    answers: &BTreeMap<String, String>,
    today: NaiveDate,
) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    for p in &t.placeholders {
        let v = match answers.get(&p.key) {
            Some(a) => nfc(a.trim()),
            None => match &p.default {
                Some(d) => eval_default(d, &values, today),
                None => String::new(),
            },
        };
        values.insert(p.key.clone(), v);
    }
    values
}

/// Answers that contradict each other, in Vietnamese: a start year (default `{{nam-3}}`) after
/// the year it counts back from, a date (default `{{nam@hom_nay}}`) before that year.
pub fn contradictions(t: &Template, values: &BTreeMap<String, String>) -> Vec<String> {
    let label = |k: &str| {
        t.placeholders.iter().find(|p| p.key == k).map_or(k.to_string(), |p| p.label.clone())
    };
    let year = |k: &str| values.get(k).and_then(|v| v.trim().parse::<i32>().ok());
    let mut out = Vec::new();
    for p in &t.placeholders {
        out.extend(values.get(&p.key).and_then(|v| not_a_choice(p, v)));
        let Some(d) = p.default.as_deref() else { continue };
        let Some(expr) = d.strip_prefix("{{").and_then(|d| d.strip_suffix("}}")) else { continue };
        if let Some((other, _)) = expr.split_once('@') {
            let date =
                values.get(&p.key).and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
            if let (Some(date), Some(y)) = (date, year(other)) {
                if date.year() < y {
                    out.push(format!(
                        "«{}» ({}) trước «{}» ({y}): báo cáo không thể ban hành trước năm của kỳ báo cáo.",
                        p.label,
                        date.format("%d/%m/%Y"),
                        label(other)
                    ));
                }
            }
        } else if let Some(i) = expr.find('-').filter(|_| p.kind == PlaceholderKind::Year) {
            let other = &expr[..i];
            if let (Some(a), Some(b)) = (year(&p.key), year(other)) {
                if a > b {
                    out.push(format!(
                        "«{}» ({a}) sau «{}» ({b}): kỳ báo cáo sẽ là «từ {a} đến {b}».",
                        p.label,
                        label(other)
                    ));
                }
            }
        }
    }
    out
}

/// The questions still unanswered (their labels): the wizard's «Tạo báo cáo» waits for them.
pub fn unanswered(t: &Template, values: &BTreeMap<String, String>) -> Vec<String> {
    t.placeholders
        .iter()
        .filter(|p| values.get(&p.key).is_none_or(|v| v.trim().is_empty()))
        .map(|p| p.label.clone())
        .collect()
}

/// Fills a template with answers (the rest from defaults) into a new report.
pub fn instantiate(
    t: &Template,
    answers: &BTreeMap<String, String>,
    today: NaiveDate,
) -> Result<Report, EngineError> {
    let declared: Vec<&str> = t.placeholders.iter().map(|p| p.key.as_str()).collect();
    if let Some(k) = answers.keys().find(|k| !declared.contains(&k.as_str())) {
        return Err(err(format!(
            "mẫu «{}» không có chỗ trống «{k}»; các chỗ trống: {}.",
            t.name,
            declared.join(", ")
        )));
    }
    let mut values = wizard_values(t, answers, today);
    for p in &t.placeholders {
        if let Some(c) = values.get(&p.key).and_then(|v| chosen(p, v)) {
            values.insert(p.key.clone(), c.value.clone());
        }
    }
    let missing = unanswered(t, &values);
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(|l| format!("«{l}»")).collect();
        return Err(err(format!("chưa điền: {}.", list.join(", "))));
    }
    for p in &t.placeholders {
        let v = &values[&p.key];
        let ok = match p.kind {
            PlaceholderKind::Text => true,
            PlaceholderKind::Year => v.parse::<i32>().is_ok_and(|y| (1900..=2200).contains(&y)),
            PlaceholderKind::Date => NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok(),
        };
        if !ok {
            let want = if p.kind == PlaceholderKind::Year {
                "một năm, ví dụ 2019"
            } else {
                "một ngày có thật, ví dụ 20/05/2019"
            };
            return Err(err(format!("«{}» ({}) phải là {want}; đã nhập «{v}».", p.label, p.key)));
        }
    }
    let contradicting = contradictions(t, &values);
    if !contradicting.is_empty() {
        return Err(err(contradicting.join(" ")));
    }
    let years: Vec<&str> = t
        .placeholders
        .iter()
        .filter(|p| p.kind == PlaceholderKind::Year)
        .map(|p| p.key.as_str())
        .collect();
    let mut report = t.report.clone();
    substitute(&mut report, &values, &years);
    // What a choice answer sets (who signs: the authority line and the title).
    for p in &t.placeholders {
        for (path, v) in
            values.get(&p.key).and_then(|a| chosen(p, a)).map(|c| &c.sets).into_iter().flatten()
        {
            let mut v = v.clone();
            substitute(&mut v, &values, &years);
            set_path(&mut report, path, v)?;
        }
    }
    let mut left = Vec::new();
    used_keys(&report, &mut left);
    if let Some(k) = left.first() {
        return Err(err(format!("còn chỗ trống «{{{{{k}}}}}» chưa điền.")));
    }
    let json = serde_json::to_vec(&report).map_err(|e| err(e.to_string()))?;
    let mut report = report_from_json(&json)
        .map_err(|e| err(format!("mẫu «{}» tạo ra báo cáo không hợp lệ: {e}", t.name)))?;
    // Tables with a column per year get one for each year of the answered period.
    crate::periods::fit_to_period(&mut report);
    Ok(report)
}

/// The built-in templates.
pub fn builtin() -> Vec<Template> {
    BUILTIN.iter().filter_map(|src| parse(src.as_bytes()).ok()).collect()
}

/// A report turned into a template that asks what the built-in ones ask: the figures cleared
/// with last period's table values kept as comparison columns (as «Báo cáo kỳ sau» does), the
/// document number cleared, and the period's years, the date, the place and the signer's name
/// as the wizard's questions (defaults: the report's own place and signer, a period as long as
/// this one ending this year). Years of the period written in the text («năm 2019», «tháng
/// 5/2016», «2016–2019») become computed year references, so they follow the new period.
pub fn from_report(report: &Report, name: &str) -> Result<Template, EngineError> {
    let name = nfc(name.trim());
    if name.is_empty() {
        return Err(err("tên mẫu không được để trống."));
    }
    let mut r = crate::rollforward::for_template(report);
    // The template's date is an answer: a Party report's guidance follows it (HD 36 / HD 05).
    if let Some(family) = crate::profile::family_of(&r.header.profile) {
        r.header.profile = family.to_string();
    }
    // A template keeps the list of units (reused next time), not any unit's figures.
    if let Some(c) = &mut r.collection {
        c.previous.clear();
        c.received.clear();
    }
    let mut placeholders = Vec::new();
    let q = |key: &str, label: &str, default: String, kind| Placeholder {
        key: key.into(),
        label: label.into(),
        default: Some(default),
        hint: None,
        kind,
        choices: Vec::new(),
    };
    let place = r.header.place.trim().to_string();
    if !place.is_empty() {
        placeholders.push(q(
            "dia_danh",
            "Địa danh (nơi ban hành)",
            place.clone(),
            PlaceholderKind::Text,
        ));
    }
    let span = r.period.map(|p| p.end_year - p.start_year);
    let end_label = if span.is_some_and(|s| s > 0) {
        "Năm cuối của kỳ báo cáo"
    } else {
        "Năm báo cáo"
    };
    placeholders.push(q("nam", end_label, "{{nam_nay}}".into(), PlaceholderKind::Year));
    if let Some(s) = span.filter(|&s| s > 0) {
        placeholders.push(q(
            "tu_nam",
            "Năm bắt đầu của kỳ báo cáo",
            format!("{{{{nam-{s}}}}}"),
            PlaceholderKind::Year,
        ));
    }
    // Issued on the same day of the year as this report, in the year answered.
    let day = r.header.date.format("%m-%d");
    placeholders.push(q(
        "ngay",
        "Ngày ban hành",
        format!("{{{{nam@{day}}}}}"),
        PlaceholderKind::Date,
    ));
    let signer = r.closing.signer_name.trim().to_string();
    if !signer.is_empty() {
        placeholders.push(q("nguoi_ky", "Họ tên người ký", signer.clone(), PlaceholderKind::Text));
    }
    let mut v = serde_json::to_value(&r).map_err(|e| err(e.to_string()))?;
    // The report's own text must not read as blanks.
    let mut typed = Vec::new();
    used_keys(&v, &mut typed);
    if let Some(k) = typed.first() {
        return Err(err(format!(
            "báo cáo có chữ «{{{{{k}}}}}», trùng cách viết chỗ trống của mẫu; hãy sửa chữ này trước khi lưu làm mẫu."
        )));
    }
    if let Some(p) = r.period {
        // Not in tables: their year columns are a breakdown, and the comparison columns hold
        // last period's values under last period's headers.
        strings_mut(&mut v, &["columns", "rows"], &mut |s| {
            *s = crate::rollforward::span_references(
                &year_references(s, p.start_year, p.end_year),
                p.span(),
            )
        });
    }
    if !place.is_empty() {
        strings_mut(&mut v, &[], &mut |s| {
            if s.contains(place.as_str()) {
                *s = s.replace(place.as_str(), "{{dia_danh}}");
            }
        });
    }
    v["header"]["date"] = Value::from("{{ngay}}");
    if let Some(p) = r.period {
        v["period"]["end_year"] = Value::from("{{nam}}");
        v["period"]["start_year"] =
            Value::from(if p.end_year > p.start_year { "{{tu_nam}}" } else { "{{nam}}" });
    }
    if !signer.is_empty() {
        v["closing"]["signer_name"] = Value::from("{{nguoi_ky}}");
    }
    Ok(Template {
        template_version: TEMPLATE_VERSION,
        id: slug(&name),
        name,
        description: format!("Tạo từ báo cáo «{}».", report.header.subject.replace('\n', " ")),
        placeholders,
        report: v,
    })
}

/// The user's template folder.
#[derive(Debug, Clone)]
pub struct UserLibrary {
    dir: PathBuf,
}

impl UserLibrary {
    /// A library in `dir` (created when first written).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        UserLibrary { dir: dir.into() }
    }

    fn path(&self, id: &str) -> Result<PathBuf, EngineError> {
        if !valid_id(id) {
            return Err(err(format!(
                "tên mẫu «{id}» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu «-»."
            )));
        }
        Ok(self.dir.join(format!("{id}.json")))
    }

    /// User templates, by name; unreadable files are skipped (the library stays usable).
    pub fn list(&self) -> Vec<Template> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut out: Vec<Template> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().and_then(|x| x.to_str()) == Some("json"))
            .filter_map(|e| fsio::read_limited(&e.path()).ok())
            .filter_map(|b| parse(&b).ok())
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// Finds a user template by id.
    pub fn get(&self, id: &str) -> Result<Template, EngineError> {
        let p = self.path(id)?;
        if !p.exists() {
            return Err(err(format!("không có mẫu «{id}» trong thư viện.")));
        }
        parse(&fsio::read_limited(&p)?)
    }

    /// Saves a template; an id already taken gets a numeric suffix. Returns the id used.
    pub fn save(&self, mut t: Template) -> Result<String, EngineError> {
        fsio::create_dir(&self.dir, true)?;
        let base = if valid_id(&t.id) { t.id.clone() } else { slug(&t.name) };
        let mut id = base.clone();
        let mut n = 2;
        let taken: Vec<String> = builtin().into_iter().map(|b| b.id).collect();
        while self.path(&id)?.exists() || taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        t.id = id.clone();
        let json = serde_json::to_vec_pretty(&t).map_err(|e| err(e.to_string()))?;
        fsio::write_atomic(&self.path(&id)?, &json)?;
        Ok(id)
    }

    /// Renames a template (its name; the id and file stay).
    pub fn rename(&self, id: &str, name: &str) -> Result<(), EngineError> {
        let mut t = self.get(id)?;
        let name = nfc(name.trim());
        if name.is_empty() {
            return Err(err("tên mẫu không được để trống."));
        }
        t.name = name;
        let json = serde_json::to_vec_pretty(&t).map_err(|e| err(e.to_string()))?;
        fsio::write_atomic(&self.path(id)?, &json)
    }

    /// Deletes a template.
    pub fn delete(&self, id: &str) -> Result<(), EngineError> {
        let p = self.path(id)?;
        std::fs::remove_file(&p)
            .map_err(|e| EngineError::Io(format!("Không xóa được mẫu «{id}»: {e}.")))
    }

    /// Copies a template (built-in or user) to a file to share.
    pub fn export(&self, id: &str, to: &Path) -> Result<(), EngineError> {
        let t = match builtin().into_iter().find(|b| b.id == id) {
            Some(t) => t,
            None => self.get(id)?,
        };
        let json = serde_json::to_vec_pretty(&t).map_err(|e| err(e.to_string()))?;
        fsio::write_atomic(to, &json)
    }

    /// Adds a template file shared by another office. Returns the id used.
    pub fn import(&self, from: &Path) -> Result<String, EngineError> {
        let t = parse(&fsio::read_limited(from)?)
            .map_err(|e| err(format!("«{}»: {e}", from.display())))?;
        self.save(t)
    }
}

/// Built-in and user templates, for a list.
pub fn list_all(user: &UserLibrary) -> Vec<TemplateInfo> {
    let info = |t: &Template, builtin| TemplateInfo {
        id: t.id.clone(),
        name: t.name.clone(),
        description: t.description.clone(),
        builtin,
    };
    builtin()
        .iter()
        .map(|t| info(t, true))
        .chain(user.list().iter().map(|t| info(t, false)))
        .collect()
}

/// Finds a template by id among the built-in and user templates.
pub fn find(user: &UserLibrary, id: &str) -> Result<Template, EngineError> {
    if let Some(t) = builtin().into_iter().find(|t| t.id == id) {
        return Ok(t);
    }
    user.get(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_defaults() {
        assert_eq!(slug("Sơ kết 03 năm Chỉ thị 05"), "so-ket-03-nam-chi-thi-05");
        assert_eq!(slug("Đảng ủy / ../../etc"), "dang-uy-etc");
        assert!(!valid_id("../x"));
        assert!(!valid_id("A"));
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let mut known = BTreeMap::new();
        known.insert("nam".to_string(), "2019".to_string());
        assert_eq!(eval_default("{{nam-3}}–{{nam}}", &known, today), "2016–2019");
        assert_eq!(eval_default("{{nam_nay}}", &known, today), "2026");
        assert_eq!(eval_default("{{hom_nay}}", &known, today), "2026-11-22");
        assert_eq!(eval_default("{{nam@hom_nay}}", &known, today), "2019-11-22");
        let leap = NaiveDate::from_ymd_opt(2024, 2, 29).expect("date");
        assert_eq!(eval_default("{{nam@hom_nay}}", &known, leap), "2019-02-28");
        assert_eq!(eval_default("{{nam@05-20}}", &known, today), "2019-05-20");
        assert_eq!(eval_default("{{nam@02-29}}", &known, today), "2019-02-28");
        // An offset past the year's range leaves the year as it is (no overflow).
        assert_eq!(eval_default("{{nam+2147483647}}", &known, today), "2019");
    }
}
