//! Reading a report at the boundary: size limit, JSON, NFC, forbidden characters, schema version,
//! and serde errors turned into Vietnamese messages that name the field.

use serde_json::Value;

use crate::diagnostic::{codes, Diagnostic};
use crate::error::EngineError;
use crate::model::{Report, SCHEMA_VERSION};
use crate::text::{describe_char, forbidden_xml_char, nfc};

/// Largest report file accepted (a real report is well under 1 MB).
pub const MAX_REPORT_BYTES: u64 = 10 * 1024 * 1024;

/// What a file that is not a report is, in words a clerk understands (an empty file, a Word,
/// Excel or PDF file), from its first bytes; `None` when it may be a report.
pub fn foreign_file(bytes: &[u8]) -> Option<String> {
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    let blank = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(bytes)
        .iter()
        .all(u8::is_ascii_whitespace);
    const NOT_YET: &str = "Soạn Báo Cáo chưa đọc được nội dung loại tệp này: hãy tạo báo cáo mới \
                           (hoặc từ mẫu) rồi dán nội dung vào từng phần.";
    const IMPORT: &str =
        "Để đưa báo cáo trong tệp Word vào chương trình, hãy dùng «Nhập từ Word…» \
                          ở màn hình đầu.";
    if blank {
        return Some(format!(
            "Tệp trống ({} byte): trong tệp không có báo cáo nào. Có thể tệp chưa được lưu xong; \
             hãy mở một bản khác, hoặc khôi phục từ bản lưu tạm nếu chương trình đề nghị.",
            bytes.len()
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let what = if contains(b"word/") {
            "tệp Word (.docx)"
        } else if contains(b"xl/") {
            "tệp Excel (.xlsx)"
        } else {
            "tệp nén (.zip)"
        };
        let then = if what.contains("Word") { IMPORT } else { NOT_YET };
        return Some(format!("Đây là {what}, không phải tệp báo cáo của Soạn Báo Cáo. {then}"));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some(format!(
            "Đây là tệp Word hoặc Excel đời cũ (.doc, .xls), không phải tệp báo cáo của Soạn Báo \
             Cáo. {IMPORT}"
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Some(format!("Đây là tệp PDF, không phải tệp báo cáo của Soạn Báo Cáo. {NOT_YET}"));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some(format!(
            "Đây là tệp RTF (Word), không phải tệp báo cáo của Soạn Báo Cáo. {NOT_YET}"
        ));
    }
    None
}

/// Parses report JSON: checks size, normalises all text to NFC, rejects characters XML forbids
/// (naming the field), refuses newer schema versions and reports serde errors in Vietnamese.
pub fn report_from_json(bytes: &[u8]) -> Result<Report, EngineError> {
    if bytes.len() as u64 > MAX_REPORT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if let Some(message) = foreign_file(bytes) {
        return Err(EngineError::load(codes::NOT_A_REPORT, message));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        EngineError::load(
            codes::NOT_A_REPORT,
            format!(
                "Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {}); đây không phải tệp báo cáo.",
                e.valid_up_to()
            ),
        )
    })?;
    let text = text.trim_start_matches('\u{feff}');
    if let Some(report) = plain_report(text) {
        return Ok(report);
    }
    report_from_text(text)
}

/// The report read straight from a text that needs no normalising (no `\r`, no `\u` or `\r`
/// escape that could hide a control character or a line end, no U+FFFE/U+FFFF, already NFC:
/// what the app and `baocao` write), or `None` to take [`report_from_text`]'s way, which
/// normalises and names what is wrong. Both give the same report (tested on every template and
/// corpus report).
fn plain_report(text: &str) -> Option<Report> {
    let needs_work = text.contains(['\r', '\u{FFFE}', '\u{FFFF}'])
        || text.contains("\\u")
        || text.contains("\\r")
        || !unicode_normalization::is_nfc(text);
    if needs_work {
        return None;
    }
    let report: Report = serde_json::from_str(text).ok()?;
    (1..=SCHEMA_VERSION).contains(&report.schema_version).then_some(report)
}

/// The report read through a JSON value: line ends and NFC normalised, forbidden characters,
/// schema versions and shape errors named with their place.
fn report_from_text(text: &str) -> Result<Report, EngineError> {
    let mut value: Value = serde_json::from_str(text).map_err(|e| {
        EngineError::load(
            codes::NOT_A_REPORT,
            format!(
                "Tệp không phải JSON hợp lệ (dòng {}, cột {}): {}. Đây không phải tệp báo cáo.",
                e.line(),
                e.column(),
                translate_serde(&e.to_string())
            ),
        )
    })?;
    if !value.is_object() {
        return Err(EngineError::load(
            codes::NOT_A_REPORT,
            "Tệp JSON không chứa một báo cáo (cần một đối tượng { … } ở ngoài cùng).",
        ));
    }
    match value.get("schema_version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(SCHEMA_VERSION) => {
            return Err(EngineError::load(
                codes::SCHEMA_VERSION,
                format!(
                    "Tệp được tạo bởi phiên bản mới hơn của chương trình (schema_version {v}); \
                 phiên bản này chỉ đọc được đến {SCHEMA_VERSION}. Hãy cập nhật Soạn Báo Cáo."
                ),
            ))
        }
        Some(0) => {
            return Err(EngineError::Load {
                message: "Trường «schema_version» phải từ 1 trở lên.".into(),
                diagnostics: vec![Diagnostic::blocking(
                    codes::SCHEMA_VERSION,
                    "Trường «schema_version» phải từ 1 trở lên.",
                )
                .at("schema_version")],
            })
        }
        _ => {}
    }
    let mut problems = Vec::new();
    normalise(&mut value, &mut String::new(), &mut problems);
    if !problems.is_empty() {
        let message = problems.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("\n");
        return Err(EngineError::Load { message, diagnostics: problems });
    }
    match serde_path_to_error::deserialize::<_, Report>(&value) {
        Ok(report) => Ok(report),
        Err(_) => {
            let problems = diagnose(value);
            let diagnostics = problems
                .iter()
                .map(|p| {
                    Diagnostic::blocking(codes::FILE_SHAPE, format!("{}.", p.message)).at(&p.path)
                })
                .collect();
            Err(EngineError::Load { message: describe_problems(&problems), diagnostics })
        }
    }
}

/// Why a report file cannot be read as a report (the file is refused before any check): where
/// it is and what is wrong.
#[derive(Debug, Clone, PartialEq)]
struct ShapeError {
    path: String,
    message: String,
}

fn describe_problems(problems: &[ShapeError]) -> String {
    let line = |p: &ShapeError| {
        if p.path.is_empty() {
            p.message.clone()
        } else {
            format!("tại «{}»: {}", p.path, p.message)
        }
    };
    match problems {
        [] => "Báo cáo không hợp lệ.".into(),
        [one] if one.path.is_empty() => format!("Báo cáo không hợp lệ: {}.", one.message),
        [one] => format!("Báo cáo không hợp lệ tại «{}»: {}.", one.path, one.message),
        many => {
            let mut s = format!("Báo cáo không hợp lệ, {} lỗi:", many.len());
            for p in many {
                s.push_str(&format!("\n  - {}.", line(p)));
            }
            s
        }
    }
}

/// Every problem serde finds, each at its exact field: a missing required field is filled with a
/// placeholder and the report read again, so all missing fields are named at once; an error inside
/// a block (an internally tagged enum, where serde loses the path) is located by reading the block
/// again as its own type.
fn diagnose(mut value: Value) -> Vec<ShapeError> {
    let mut problems = Vec::new();
    // Fields filled with a placeholder: what is missing inside them is not reported again.
    let mut filled: Vec<Vec<Seg>> = Vec::new();
    for _ in 0..200 {
        let Some((segments, raw)) = first_error(&value) else { break };
        let path = join_path(&segments);
        if let Some(field) = missing_field(&raw) {
            if !filled.iter().any(|f| segments.starts_with(f)) {
                let full = if path.is_empty() { field.clone() } else { format!("{path}.{field}") };
                problems.push(ShapeError {
                    path: full, message: "thiếu trường bắt buộc".into()
                });
            }
            if fill_placeholder(&mut value, &segments, &field) {
                let mut f = segments.clone();
                f.push(Seg::Key(field));
                filled.push(f);
                continue;
            }
        } else {
            problems.push(ShapeError { path, message: translate_serde(&raw) });
        }
        break;
    }
    if problems.is_empty() {
        problems.push(ShapeError {
            path: String::new(), message: "dữ liệu không đọc được".into()
        });
    }
    problems
}

/// A step of a path inside the report's JSON.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn join_path(segments: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segments {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

fn segments_of(path: &serde_path_to_error::Path) -> Vec<Seg> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(Seg::Index(*index)),
            Segment::Map { key } => Some(Seg::Key(key.clone())),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

fn at<'a>(value: &'a Value, segments: &[Seg]) -> Option<&'a Value> {
    segments.iter().try_fold(value, |v, seg| match seg {
        Seg::Key(k) => v.get(k),
        Seg::Index(i) => v.get(i),
    })
}

fn at_mut<'a>(value: &'a mut Value, segments: &[Seg]) -> Option<&'a mut Value> {
    segments.iter().try_fold(value, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k),
        Seg::Index(i) => v.get_mut(i),
    })
}

/// The first error reading `value` as a report: its exact path and serde's message.
fn first_error(value: &Value) -> Option<(Vec<Seg>, String)> {
    let err = serde_path_to_error::deserialize::<_, Report>(value).err()?;
    let mut segments = segments_of(err.path());
    let mut message = err.inner().to_string();
    // Descend into tagged blocks while the error stops at one.
    while let Some(obj) = at(value, &segments) {
        let parent = segments.iter().rev().find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        });
        let Some((inner, msg)) = parent.and_then(|p| tagged_error(obj, p)) else { break };
        message = msg;
        if inner.is_empty() {
            // The error is at the block itself: nothing deeper to find.
            break;
        }
        segments.extend(inner);
    }
    Some((segments, message))
}

/// Reads a tagged object (a block under `blocks`, a part or "Phần" under `content`) as the type
/// its `type` names, returning the error's path inside it and serde's message.
fn tagged_error(obj: &Value, parent_key: &str) -> Option<(Vec<Seg>, String)> {
    use crate::model::*;
    fn read<T: serde::de::DeserializeOwned>(v: &Value) -> Option<(Vec<Seg>, String)> {
        let e = serde_path_to_error::deserialize::<_, T>(v).err()?;
        Some((segments_of(e.path()), e.inner().to_string()))
    }
    let tag = obj.get("type")?.as_str()?;
    let mut inner = obj.clone();
    inner.as_object_mut()?.remove("type");
    let v = &inner;
    match (parent_key, tag) {
        ("content", "part") => read::<Part>(v),
        ("content", "phan") => read::<Phan>(v),
        ("blocks", "paragraph") => read::<Paragraph>(v),
        ("blocks", "lines") => read::<Lines>(v),
        ("blocks", "results") => read::<Results>(v),
        ("blocks", "shortcomings") => read::<Shortcomings>(v),
        ("blocks", "causes") => read::<Causes>(v),
        ("blocks", "lessons") => read::<Lessons>(v),
        ("blocks", "solution_groups") => read::<SolutionGroups>(v),
        ("blocks", "proposals") => read::<Proposals>(v),
        ("blocks", "table") => read::<StatTable>(v),
        _ => None,
    }
}

fn missing_field(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("missing field `")?;
    Some(rest.split('`').next().unwrap_or(rest).to_string())
}

/// Puts a value of some type at `segments.field` so that reading goes on past the missing field;
/// false when no placeholder makes the field readable.
fn fill_placeholder(value: &mut Value, segments: &[Seg], field: &str) -> bool {
    let candidates = [
        Value::String(String::new()),
        Value::String("2000-01-01".into()),
        Value::from(0),
        Value::Array(Vec::new()),
        Value::Object(serde_json::Map::new()),
        Value::Bool(false),
    ];
    let mut field_path = segments.to_vec();
    field_path.push(Seg::Key(field.to_string()));
    for candidate in candidates {
        let Some(Value::Object(map)) = at_mut(value, segments) else { return false };
        map.insert(field.to_string(), candidate);
        match first_error(value) {
            // The placeholder has the wrong type: try the next one.
            Some((segs, msg)) if segs.starts_with(&field_path) && missing_field(&msg).is_none() => {
            }
            _ => return true,
        }
    }
    false
}

/// The message for a file over [`MAX_REPORT_BYTES`].
pub fn too_large(len: u64) -> EngineError {
    EngineError::load(
        codes::NOT_A_REPORT,
        format!(
            "Tệp quá lớn ({} MB); tệp báo cáo tối đa {} MB. Đây có phải tệp báo cáo không?",
            format!("{:.1}", len as f64 / 1_048_576.0).replace('.', ","),
            MAX_REPORT_BYTES / 1_048_576
        ),
    )
}

fn normalise(v: &mut Value, path: &mut String, problems: &mut Vec<Diagnostic>) {
    match v {
        Value::String(s) => {
            if let Some(c) = forbidden_xml_char(s) {
                let field = path.trim_start_matches('.');
                let message = format!(
                    "Trường «{field}» chứa ký tự điều khiển {} không được phép trong văn bản; \
                     hãy xóa ký tự này (thường do sao chép từ phần mềm khác).",
                    describe_char(c)
                );
                problems.push(Diagnostic::blocking(codes::CONTROL_CHAR, message).at(field));
            }
            // Windows line ends (text pasted from another program) become the model's '\n'.
            if s.contains('\r') {
                *s = s.replace("\r\n", "\n").replace('\r', "\n");
            }
            // Most texts are NFC already: the quick check spares rebuilding them.
            if !unicode_normalization::is_nfc(s) {
                *s = nfc(s);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                normalise(item, path, problems);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                let len = path.len();
                path.push('.');
                path.push_str(k);
                normalise(item, path, problems);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Translates the common serde / serde_json messages into Vietnamese.
pub(crate) fn translate_serde(msg: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("thiếu trường bắt buộc «{field}»");
    }
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        let expected = rest.split_once("expected ").map(|x| x.1).unwrap_or("");
        return format!(
            "trường không xác định «{field}» (có thể gõ sai tên; các trường hợp lệ: {})",
            expected.replace("one of ", "").replace('`', "")
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let variant = rest.split('`').next().unwrap_or(rest);
        let expected = rest.split_once("expected ").map(|x| x.1).unwrap_or("");
        return format!(
            "giá trị không hợp lệ «{variant}» (chỉ nhận: {})",
            expected.replace("one of ", "").replace('`', "")
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("sai kiểu dữ liệu: có {}, cần {}", kind(got), kind(want));
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("giá trị không hợp lệ: {}, cần {}", kind(got), kind(want));
        }
    }
    if msg.starts_with("input contains invalid characters") || msg.contains("premature end") {
        return "ngày không hợp lệ (cần dạng NĂM-THÁNG-NGÀY, ví dụ 2019-01-22)".into();
    }
    if msg.starts_with("input is out of range") || msg.starts_with("input is not enough") {
        return "ngày không hợp lệ (cần dạng NĂM-THÁNG-NGÀY, ví dụ 2019-01-22)".into();
    }
    if msg.starts_with("EOF while parsing") {
        return "tệp bị cắt cụt, kết thúc giữa chừng".into();
    }
    if msg.starts_with("expected value") || msg.starts_with("expected ident") {
        return "gặp ký tự không mong đợi".into();
    }
    if msg.starts_with("data did not match any variant of untagged enum Cell") {
        return "ô bảng phải là số, chữ hoặc null".into();
    }
    if msg.starts_with("trailing characters") {
        return "có dữ liệu thừa sau phần báo cáo".into();
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        // A list where an object was expected (serde reads a struct from a sequence too).
        if rest.contains("expected struct") {
            return "cần một đối tượng { … }, không phải danh sách [ … ]".into();
        }
        return "số phần tử của danh sách không đúng".into();
    }
    const SYNTAX: [(&str, &str); 16] = [
        ("expected `:`", "thiếu dấu hai chấm «:» sau tên trường"),
        ("expected `,` or `}`", "thiếu dấu phẩy «,» hoặc dấu đóng «}»"),
        ("expected `,` or `]`", "thiếu dấu phẩy «,» hoặc dấu đóng «]»"),
        ("key must be a string", "tên trường phải đặt trong dấu ngoặc kép"),
        ("trailing comma", "thừa dấu phẩy «,» trước dấu đóng"),
        ("control character", "có ký tự điều khiển (xuống dòng, tab…) trong chuỗi văn bản"),
        ("invalid escape", "chuỗi có mã thoát «\\» không hợp lệ"),
        ("unexpected end of hex escape", "chuỗi có mã thoát «\\u» không hợp lệ"),
        ("lone leading surrogate", "chuỗi có mã «\\u» không thành ký tự (nửa cặp UTF-16)"),
        ("unexpected end of string", "chuỗi văn bản bị cắt cụt"),
        ("invalid unicode code point", "chuỗi có mã «\\u» không phải ký tự Unicode"),
        ("recursion limit exceeded", "dữ liệu lồng nhau quá sâu"),
        ("number out of range", "số quá lớn"),
        ("invalid number", "số không hợp lệ"),
        ("data did not match any variant", "giá trị không thuộc kiểu nào được chấp nhận"),
        ("duplicate field", "một trường được ghi hai lần"),
    ];
    if let Some((_, vi)) = SYNTAX.iter().find(|(en, _)| msg.contains(en)) {
        return (*vi).to_string();
    }
    format!("lỗi dữ liệu ({msg})")
}

fn kind(s: &str) -> String {
    let s = s.trim();
    s.replace("a string", "chuỗi văn bản")
        .replace("string", "chuỗi văn bản")
        .replace("a sequence", "danh sách")
        .replace("sequence", "danh sách")
        .replace("a map", "đối tượng")
        .replace("map", "đối tượng")
        .replace("struct ", "đối tượng ")
        .replace("integer", "số nguyên")
        .replace("floating point", "số thực")
        .replace("u32", "số nguyên không âm")
        .replace("usize", "số nguyên không âm")
        .replace("f64", "số")
        .replace("a boolean", "true/false")
        .replace("boolean", "true/false")
        .replace("unit value", "null")
        .replace("a valid date", "ngày dạng NĂM-THÁNG-NGÀY")
        .replace("internally tagged enum ", "khối có trường «type» ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_message(bytes: &[u8]) -> String {
        match report_from_json(bytes) {
            Err(EngineError::Load { message, .. }) => message,
            other => panic!("expected a load error, got {other:?}"),
        }
    }

    /// The short way and the long way read every template, the sample and the corpus reports
    /// the same; texts the short way must leave to the long way are left to it.
    #[test]
    fn the_short_way_reads_reports_as_the_long_way_does() {
        let mut texts: Vec<String> = vec![crate::sample::SAMPLE_JSON.to_string()];
        for t in crate::templates::builtin() {
            let answers = t
                .placeholders
                .iter()
                .filter(|p| p.default.is_none())
                .map(|p| (p.key.clone(), "Cầu Ngang".into()))
                .collect();
            let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
            let r = crate::templates::instantiate(&t, &answers, today).expect("fills");
            texts.push(serde_json::to_string_pretty(&r).expect("json"));
        }
        for (name, r) in crate::corpus::corpus() {
            texts.push(serde_json::to_string(&r).unwrap_or_else(|_| panic!("{name}")));
        }
        for text in &texts {
            let short = plain_report(text).expect("a report written by us takes the short way");
            assert_eq!(short, report_from_text(text).expect("reads"));
        }
        let sample = crate::sample::SAMPLE_JSON;
        let decomposed = sample.replacen("Ban", "Ba\\u0301n", 1);
        for other in [
            sample.replacen("\n", "\r\n", 1),
            sample.replacen("Ban", "Ban\\r", 1),
            decomposed.clone(),
            sample.replacen("Ban", "Ba\u{301}n", 1),
            sample.replacen("\"schema_version\": 1", "\"schema_version\": 99", 1),
        ] {
            assert!(
                plain_report(&other).is_none(),
                "{}",
                other.chars().take(80).collect::<String>()
            );
        }
        let long = report_from_json(decomposed.as_bytes()).expect("reads");
        assert!(serde_json::to_string(&long).expect("json").contains("Bán"), "NFC on the long way");
    }

    /// The code and field of each reason a file is refused.
    fn load_codes(bytes: &[u8]) -> Vec<(String, String)> {
        match report_from_json(bytes) {
            Err(EngineError::Load { diagnostics, .. }) => {
                diagnostics.into_iter().map(|d| (d.code, d.path)).collect()
            }
            other => panic!("expected a load error, got {other:?}"),
        }
    }

    #[test]
    fn each_reason_a_file_is_refused_is_a_diagnostic_with_its_code_and_field() {
        let not = |s: &str| vec![(codes::NOT_A_REPORT.to_string(), s.to_string())];
        assert_eq!(load_codes(b""), not(""));
        assert_eq!(load_codes(b"{ \"a\": "), not(""));
        assert_eq!(load_codes(b"[1, 2]"), not(""));
        assert_eq!(load_codes(&[0xff, 0xfe, 0x41]), not(""));
        let sample = crate::sample::SAMPLE_JSON;
        let newer = sample.replacen("\"schema_version\": 1", "\"schema_version\": 99", 1);
        assert_eq!(load_codes(newer.as_bytes())[0].0, codes::SCHEMA_VERSION);
        let control = sample.replacen("\"subject\": \"", "\"subject\": \"\\u0007", 1);
        assert_eq!(
            load_codes(control.as_bytes()),
            vec![(codes::CONTROL_CHAR.to_string(), "header.subject".to_string())]
        );
        let mut v: Value = serde_json::from_str(sample).expect("json");
        let header = v["header"].as_object_mut().expect("header");
        header.remove("subject");
        header.remove("place");
        let found = load_codes(&serde_json::to_vec(&v).expect("json"));
        assert!(found.iter().all(|(code, _)| code == codes::FILE_SHAPE), "{found:?}");
        let fields: Vec<&str> = found.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(fields, ["header.place", "header.subject"]);
        v["header"]["date"] = Value::from("hôm qua");
        let found = load_codes(&serde_json::to_vec(&v).expect("json"));
        assert_eq!(found, [(codes::FILE_SHAPE.to_string(), "header.date".to_string())]);
    }

    #[test]
    fn windows_line_ends_become_the_models_line_breaks() {
        let mut v = serde_json::to_value(crate::sample::sample()).expect("JSON");
        v["header"]["subject"] = "Báo cáo sơ kết\r\n03 năm\rthực hiện".into();
        let r = report_from_json(v.to_string().as_bytes()).expect("loads");
        assert_eq!(r.header.subject, "Báo cáo sơ kết\n03 năm\nthực hiện");
    }

    #[test]
    fn foreign_files_are_named_as_a_clerk_knows_them() {
        let m = load_message(b"");
        assert!(m.starts_with("Tệp trống (0 byte)"), "{m}");
        assert!(load_message(b"\xEF\xBB\xBF \n").starts_with("Tệp trống"));
        // A real DOCX of ours: a Word file, with what to do.
        let flow = crate::flow::build(
            &crate::sample::sample(),
            &crate::profile::FormatProfile::builtin("hd36").expect("profile"),
            chrono::Utc::now(),
        );
        let docx = crate::docx::write(
            &flow,
            &crate::profile::FormatProfile::builtin("hd36").expect("profile"),
        )
        .expect("docx");
        let m = load_message(&docx);
        assert!(m.starts_with("Đây là tệp Word (.docx)"), "{m}");
        assert!(m.contains("«Nhập từ Word…»"), "{m}");
        assert!(!m.contains("UTF-8") && !m.contains("byte lỗi"), "{m}");
        assert!(load_message(b"%PDF-1.7\n...").starts_with("Đây là tệp PDF"));
        assert!(load_message(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1]).contains(".doc"));
        assert!(load_message(b"{\\rtf1\\ansi").starts_with("Đây là tệp RTF"));
        // JSON is not foreign: its own messages stay.
        assert!(load_message(b"{").contains("JSON"));
    }

    #[test]
    fn json_syntax_and_shape_errors_are_said_in_vietnamese() {
        // These used to show serde's English («expected `:`», «invalid length 0, expected
        // struct Collection with 5 elements») inside «lỗi dữ liệu (…)».
        for (json, want) in [
            ("{\"a\" 1}", "thiếu dấu hai chấm"),
            ("{\"a\": 1 \"b\": 2}", "thiếu dấu phẩy"),
            ("{\"a\": \"x\u{1}\"}", "ký tự điều khiển"),
            ("{\"a\": \"\\ud800\"}", "mã thoát «\\u»"),
            ("{\"a\": [1,]}", "thừa dấu phẩy"),
        ] {
            let m = load_message(json.as_bytes());
            assert!(m.contains(want) && !m.contains("expected"), "{m}");
        }
        let mut v = serde_json::to_value(crate::sample::sample()).expect("JSON");
        v["collection"] = serde_json::json!([]);
        let m = load_message(&serde_json::to_vec(&v).expect("JSON"));
        assert!(m.contains("«collection»") && m.contains("cần một đối tượng"), "{m}");
    }

    #[test]
    fn serde_messages_are_translated() {
        assert_eq!(translate_serde("missing field `subject`"), "thiếu trường bắt buộc «subject»");
        assert!(translate_serde("unknown field `subjct`, expected one of `a`, `b`")
            .starts_with("trường không xác định «subjct»"));
        assert_eq!(
            translate_serde("invalid type: string \"x\", expected u32"),
            "sai kiểu dữ liệu: có chuỗi văn bản \"x\", cần số nguyên không âm"
        );
    }
}
