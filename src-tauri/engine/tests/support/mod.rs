//! Filling the units' forms as a user's Excel stores what they type (shared by the collect tests
//! and the collect benchmark): values written straight into the sheets' XML.

use std::io::{Read, Write};

use baocao_engine::collect::form::{cell, HEADER_ROW};
use baocao_engine::collect::sheets;
use baocao_engine::model::Report;

/// What to write into an empty input cell.
pub enum Put {
    /// A number.
    Number(f64),
    /// Text (an inline string).
    #[allow(dead_code)] // Used by the tests, not by the benchmark.
    Text(&'static str),
    /// A formula with its cached result.
    #[allow(dead_code)] // Used by the tests, not by the benchmark.
    Formula(&'static str, f64),
}

/// The form with `edits` (sheet index, cell, value) written in, then `extra` applied to each part.
pub fn fill(
    form: &[u8],
    edits: &[(usize, String, Put)],
    extra: impl Fn(&str, String) -> String,
) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(form)).expect("form is a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("zip entry");
        let name = f.name().to_string();
        let mut s = String::new();
        f.read_to_string(&mut s).expect("XML part");
        for (sheet, at, put) in edits {
            if name != format!("xl/worksheets/sheet{}.xml", sheet + 1) {
                continue;
            }
            let re = regex::Regex::new(&format!(r#"<c r="{at}" s="(\d+)"/>"#)).expect("regex");
            assert!(re.is_match(&s), "{at} is not an empty input cell in {name}");
            let body = match put {
                Put::Number(v) => format!(r#"<c r="{at}" s="$1"><v>{v}</v></c>"#),
                Put::Text(t) => {
                    format!(r#"<c r="{at}" s="$1" t="inlineStr"><is><t>{t}</t></is></c>"#)
                }
                Put::Formula(f, v) => format!(r#"<c r="{at}" s="$1"><f>{f}</f><v>{v}</v></c>"#),
            };
            s = re.replace(&s, body.as_str()).into_owned();
        }
        let s = extra(&name, s);
        out.start_file(name, zip::write::SimpleFileOptions::default()).expect("zip");
        out.write_all(s.as_bytes()).expect("zip");
    }
    out.finish().expect("zip").into_inner()
}

/// Every input cell of the report's forms: (sheet index, cell, key).
pub fn inputs(r: &Report) -> Vec<(usize, String, String)> {
    let mut out = vec![];
    for (i, s) in sheets(r).iter().enumerate() {
        for (y, row) in s.rows.iter().enumerate() {
            for (x, key) in row.keys.iter().enumerate() {
                if let Some(k) = key {
                    out.push((i, cell(HEADER_ROW + 1 + y as u32, x as u16 + 1), k.clone()));
                }
            }
        }
    }
    out
}
