//! Reading a report at the boundary: size limit, JSON, NFC, forbidden characters, schema version,
//! and serde errors turned into Vietnamese messages that name the field.

use serde_json::Value;

use crate::error::EngineError;
use crate::model::{Report, SCHEMA_VERSION};
use crate::text::{describe_char, forbidden_xml_char, nfc};

/// Largest report file accepted (a real report is well under 1 MB).
pub const MAX_REPORT_BYTES: u64 = 10 * 1024 * 1024;

/// Parses report JSON: checks size, normalises all text to NFC, rejects characters XML forbids
/// (naming the field), refuses newer schema versions and reports serde errors in Vietnamese.
pub fn report_from_json(bytes: &[u8]) -> Result<Report, EngineError> {
    if bytes.len() as u64 > MAX_REPORT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        EngineError::Load(format!(
            "Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {}); đây không phải tệp báo cáo.",
            e.valid_up_to()
        ))
    })?;
    let mut value: Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
            EngineError::Load(format!(
                "Tệp không phải JSON hợp lệ (dòng {}, cột {}): {}. Đây không phải tệp báo cáo.",
                e.line(),
                e.column(),
                translate_serde(&e.to_string())
            ))
        })?;
    if !value.is_object() {
        return Err(EngineError::Load(
            "Tệp JSON không chứa một báo cáo (cần một đối tượng { … } ở ngoài cùng).".into(),
        ));
    }
    match value.get("schema_version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(SCHEMA_VERSION) => {
            return Err(EngineError::Load(format!(
                "Tệp được tạo bởi phiên bản mới hơn của chương trình (schema_version {v}); \
                 phiên bản này chỉ đọc được đến {SCHEMA_VERSION}. Hãy cập nhật Soạn Báo Cáo."
            )))
        }
        Some(0) => {
            return Err(EngineError::Load("Trường «schema_version» phải từ 1 trở lên.".into()))
        }
        _ => {}
    }
    let mut problems = Vec::new();
    normalise(&mut value, &mut String::new(), &mut problems);
    if let Some(first) = problems.first() {
        return Err(EngineError::Load(first.clone()));
    }
    serde_path_to_error::deserialize::<_, Report>(value).map_err(|e| {
        let path = e.path().to_string();
        let msg = translate_serde(&e.inner().to_string());
        if path.is_empty() || path == "." {
            EngineError::Load(format!("Báo cáo không hợp lệ: {msg}."))
        } else {
            EngineError::Load(format!("Báo cáo không hợp lệ tại «{path}»: {msg}."))
        }
    })
}

/// The message for a file over [`MAX_REPORT_BYTES`].
pub fn too_large(len: u64) -> EngineError {
    EngineError::Load(format!(
        "Tệp quá lớn ({} MB); tệp báo cáo tối đa {} MB. Đây có phải tệp báo cáo không?",
        format!("{:.1}", len as f64 / 1_048_576.0).replace('.', ","),
        MAX_REPORT_BYTES / 1_048_576
    ))
}

fn normalise(v: &mut Value, path: &mut String, problems: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            if let Some(c) = forbidden_xml_char(s) {
                problems.push(format!(
                    "Trường «{}» chứa ký tự điều khiển {} không được phép trong văn bản; \
                     hãy xoá ký tự này (thường do sao chép từ phần mềm khác).",
                    path.trim_start_matches('.'),
                    describe_char(c)
                ));
            }
            let n = nfc(s);
            if n != *s {
                *s = n;
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
fn translate_serde(msg: &str) -> String {
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
