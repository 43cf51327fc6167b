//! The engine's four readers of untrusted files, what each is fed (seeds made by the engine
//! itself, mutated by `mutate`) and how its answer is judged: accepted, or refused with
//! messages.
#![allow(dead_code, missing_docs)]

use std::collections::BTreeMap;

use baocao_engine::collect::form::write_form;
use baocao_engine::collect::read::{read_bytes, SubmissionKind};
use baocao_engine::model::{Collection, Report, Unit};
use baocao_engine::sample::sample;
use baocao_engine::{import, load, templates, FormatProfile, RenderEnv};
use chrono::{NaiveDate, TimeZone, Utc};
use fastrand::Rng;

use crate::mutate::{self, Mutant};
use crate::support::{fill, inputs, Put};

/// A reader of untrusted files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// `import::import_docx`.
    Docx,
    /// `collect::read::read_bytes` on .xlsx, .ods and .xls forms.
    Form,
    /// `load::report_from_json`.
    Report,
    /// `templates::parse` (then its defaults and filling).
    Template,
}

impl Reader {
    pub const ALL: [Reader; 4] = [Reader::Docx, Reader::Form, Reader::Report, Reader::Template];

    pub fn name(self) -> &'static str {
        match self {
            Reader::Docx => "docx",
            Reader::Form => "form",
            Reader::Report => "report",
            Reader::Template => "template",
        }
    }

    pub fn from_name(s: &str) -> Option<Reader> {
        Reader::ALL.into_iter().find(|r| r.name() == s)
    }
}

/// What a reader answered.
#[derive(Debug)]
pub struct Answer {
    /// The input was read.
    pub accepted: bool,
    /// Every message shown to the user (refusals, blocking problems, notes).
    pub messages: Vec<String>,
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

/// A seed file: its name (the extension matters to the form reader) and its bytes, with its zip
/// parts when it is a package.
pub struct Seed {
    pub name: String,
    pub bytes: Vec<u8>,
    pub parts: Vec<(String, Vec<u8>)>,
}

impl Seed {
    fn new(name: &str, bytes: Vec<u8>) -> Seed {
        let parts = if bytes.starts_with(b"PK") { mutate::unzip(&bytes) } else { vec![] };
        Seed { name: name.to_string(), bytes, parts }
    }
}

/// The seeds of every reader.
pub struct Seeds {
    pub docx: Vec<Seed>,
    pub form: Vec<Seed>,
    pub report: Vec<Seed>,
    pub template: Vec<Seed>,
}

/// The sample report with a list of units (so its forms have input cells).
fn district() -> Report {
    let mut r = sample();
    r.collection = Some(Collection {
        id: "bc-thu-nghiem".into(),
        units: (1..=3)
            .map(|i| Unit {
                name: format!("Đảng ủy xã Số {i}"),
                kind: Some("Đảng bộ xã".into()),
                contact: None,
            })
            .collect(),
        deadline: NaiveDate::from_ymd_opt(2026, 11, 20),
        received: vec![],
        previous: vec![],
    });
    r
}

/// A small DOCX written by hand with what Word files have and ours do not: lists with levels
/// and overrides, merged cells, a nested table, a text box, a legacy font, a content control.
fn handmade_docx() -> Vec<u8> {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let p = |t: &str, num: Option<(u32, u32)>| {
        let num = num.map_or(String::new(), |(id, l)| {
            format!("<w:pPr><w:numPr><w:ilvl w:val=\"{l}\"/><w:numId w:val=\"{id}\"/></w:numPr></w:pPr>")
        });
        format!("<w:p>{num}<w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>")
    };
    let cell = |t: &str, pr: &str| format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(t, None));
    let table = format!(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>\
         <w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}<w:tc><w:tbl><w:tr>{}</w:tr></w:tbl><w:p/></w:tc>{}</w:tr></w:tbl>",
        cell("TT", "<w:vMerge w:val=\"restart\"/>"),
        cell("Chỉ tiêu", "<w:gridSpan w:val=\"2\"/>"),
        cell("", "<w:vMerge/>"),
        cell("Số đảng viên", ""),
        cell("120", ""),
        cell("2", ""),
        cell("lồng", ""),
        cell("45", ""),
    );
    let body = [
        p("ĐẢNG BỘ HUYỆN THỬ", None),
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/><w:rFonts w:ascii=\".VnTime\"/></w:rPr><w:t>B¸O C¸O</w:t></w:r></w:p>".to_string(),
        p("Kết quả thực hiện", Some((1, 0))),
        p("Công tác lãnh đạo", Some((1, 1))),
        p("Một dòng", Some((2, 0))),
        table,
        format!("<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>", p("Trong ô nội dung", None)),
        format!("<w:p><w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>", p("Hộp văn bản", None)),
        p("Nơi nhận:", None),
    ]
    .concat();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{W}\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let numbering = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"{W}\">\
         <w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>\
         <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.\"/></w:lvl></w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1)\"/></w:lvl></w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
         <w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/></w:lvlOverride></w:num></w:numbering>"
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\"/></w:rPr></w:rPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>"
    );
    let core = "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>Huyện ủy Thử</dc:creator></cp:coreProperties>";
    let entries = [
        mutate::Entry::new("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types/>", true),
        mutate::Entry::new("word/document.xml", document.as_bytes(), true),
        mutate::Entry::new("word/numbering.xml", numbering.as_bytes(), true),
        mutate::Entry::new("word/styles.xml", styles.as_bytes(), true),
        mutate::Entry::new("docProps/core.xml", core.as_bytes(), true),
    ];
    mutate::write_zip(&entries)
}

/// Converts a form with LibreOffice (`target` as `--convert-to` takes it), in a temporary folder.
fn convert(xlsx: &[u8], target: &str, ext: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let src = dir.path().join("don-vi.xlsx");
    std::fs::write(&src, xlsx).expect("write form");
    let out = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}/lo", dir.path().display()))
        .args(["--headless", "--convert-to", target, "--outdir"])
        .arg(dir.path().join("out"))
        .arg(&src)
        .output()
        .expect(
            "soffice (LibreOffice, installed by scripts/setup.sh) makes the .ods and .xls seeds",
        );
    std::fs::read(dir.path().join("out").join(format!("don-vi.{ext}")))
        .unwrap_or_else(|_| panic!("LibreOffice wrote no .{ext}: {out:?}"))
}

impl Seeds {
    /// Every seed, made by the engine (and LibreOffice for the .ods and .xls forms).
    pub fn make() -> Seeds {
        let env =
            RenderEnv { now: Utc.with_ymd_and_hms(2019, 5, 20, 8, 30, 0).single().expect("time") };
        let mut docx = vec![Seed::new("tay.docx", handmade_docx())];
        for id in FormatProfile::builtin_ids() {
            let profile = FormatProfile::builtin(id).expect("profile");
            let out = baocao_engine::render_docx(&sample(), &profile, env).expect("render");
            docx.push(Seed::new(&format!("mau-{id}.docx"), out.bytes));
        }
        let r = district();
        let form = write_form(&r, Some("Đảng ủy xã Số 1")).expect("form");
        let edits: Vec<_> = inputs(&r)
            .into_iter()
            .enumerate()
            .map(|(k, (s, at, _))| (s, at, Put::Number((k * 7 % 50) as f64)))
            .collect();
        let filled = fill(&form, &edits, |_, s| s);
        let ods = convert(&filled, "ods", "ods");
        let xls = convert(&filled, "xls:MS Excel 97", "xls");
        let form = vec![
            Seed::new("don-vi-1.xlsx", filled),
            Seed::new("trong.xlsx", write_form(&r, None).expect("form")),
            Seed::new("don-vi-1.ods", ods),
            Seed::new("don-vi-1.xls", xls),
        ];
        let json = |r: &Report| serde_json::to_vec_pretty(r).expect("JSON");
        let report =
            vec![Seed::new("mau.baocao", json(&sample())), Seed::new("huyen.baocao", json(&r))];
        let mut template: Vec<Seed> = templates::builtin()
            .iter()
            .map(|t| {
                Seed::new(&format!("{}.json", t.id), serde_json::to_vec_pretty(t).expect("JSON"))
            })
            .collect();
        let own = templates::from_report(&r, "Mẫu của huyện").expect("template");
        template.push(Seed::new("mau-huyen.json", serde_json::to_vec_pretty(&own).expect("JSON")));
        Seeds { docx, form, report, template }
    }

    fn of(&self, reader: Reader) -> &[Seed] {
        match reader {
            Reader::Docx => &self.docx,
            Reader::Form => &self.form,
            Reader::Report => &self.report,
            Reader::Template => &self.template,
        }
    }

    /// Mutant `index` for `reader`: the same for the same seed and index. One in `heavy_every`
    /// may be of tens of MB or a bomb; one in twenty is another reader's seed, mutated.
    pub fn mutant(
        &self,
        reader: Reader,
        seed: u64,
        index: u64,
        heavy_every: u64,
    ) -> (String, Mutant) {
        let mut rng = Rng::with_seed(
            seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
                ^ (reader as u64).wrapping_shl(56)
                ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03),
        );
        // Heavy mutants take each heavy mutation in turn.
        let heavy = (heavy_every > 0 && index % heavy_every == heavy_every - 1)
            .then_some((index / heavy_every) as usize);
        let from = if heavy.is_none() && rng.u8(..20) == 0 {
            Reader::ALL[rng.usize(..Reader::ALL.len())]
        } else {
            reader
        };
        // A heavy mutant is made from a package or JSON seed (not an .xls).
        let seeds: Vec<&Seed> = self
            .of(from)
            .iter()
            .filter(|s| heavy.is_none() || !s.parts.is_empty() || s.bytes.starts_with(b"{"))
            .collect();
        let s = seeds[rng.usize(..seeds.len())];
        let structured = heavy.is_some() || rng.u8(..10) > 0;
        let mut m = if !s.parts.is_empty() && structured {
            mutate::zip_package(&s.parts, &mut rng, heavy)
        } else if s.bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) && structured {
            mutate::ole(&s.bytes, &mut rng)
        } else if s.bytes.starts_with(b"{") && structured {
            let shapes = shapes(from);
            mutate::json(&s.bytes, &mut rng, heavy, &shapes)
        } else {
            mutate::bytes(&s.bytes, &mut rng)
        };
        m.how.insert(0, format!("from {}", s.name));
        // The form reader goes by the name's extension too.
        let name = match reader {
            Reader::Form if from == Reader::Form => s.name.clone(),
            Reader::Form => {
                ["a.xlsx", "a.ods", "a.xls", "a.baocao", "a.docx"][rng.usize(..5)].to_string()
            }
            _ => s.name.clone(),
        };
        (name, m)
    }
}

/// Fragments of other versions of a JSON format (old or made by hand).
fn shapes(reader: Reader) -> Vec<(&'static str, serde_json::Value)> {
    use serde_json::json;
    match reader {
        Reader::Template => vec![
            ("template_version", json!(0)),
            ("template_version", json!("1")),
            ("template_version", json!(2)),
            ("placeholders", json!({"nam": "Năm"})),
            ("placeholders", json!([{"key": "nam"}])),
            (
                "placeholders",
                json!([{"key": "x", "label": "X", "default": "{{x+2147483647}}", "kind": "year"}]),
            ),
            (
                "placeholders",
                json!([
                    {"key": "nam", "label": "Năm", "default": "2147483647", "kind": "year"},
                    {"key": "tu_nam", "label": "Từ năm", "default": "{{nam+2147483647}}", "kind": "year"},
                    {"key": "ngay", "label": "Ngày", "default": "{{nam@02-30}}", "kind": "date"}
                ]),
            ),
            ("report", json!("{\"schema_version\":1}")),
            ("fields", json!([])),
            ("schema_version", json!(1)),
        ],
        _ => vec![
            ("schema_version", json!(0)),
            ("schema_version", json!(2)),
            ("schema_version", json!("1")),
            ("body", json!([{"type": "paragraph", "text": "x"}])),
            ("header", json!("ĐẢNG BỘ")),
            ("period", json!("2016-2019")),
            ("period", json!({"start_year": 2019, "end_year": 2016})),
            ("collection", json!([])),
            ("title", json!("Báo cáo")),
            ("sections", json!([{"title": "I.", "paragraphs": ["x"]}])),
        ],
    }
}

/// Runs `reader` on a mutant and says what it answered.
pub fn read(reader: Reader, name: &str, bytes: &[u8]) -> Answer {
    match reader {
        Reader::Docx => match import::import_docx(bytes, today()) {
            Ok(imp) => Answer {
                accepted: true,
                messages: imp.summary.warnings.into_iter().map(|w| w.message).collect(),
            },
            Err(e) => Answer { accepted: false, messages: vec![e.to_string()] },
        },
        Reader::Form => {
            let s = read_bytes(name, bytes, None, today());
            let accepted =
                s.kind != SubmissionKind::Unreadable && !s.problems.iter().any(|p| p.is_blocking());
            Answer { accepted, messages: s.problems.into_iter().map(|p| p.message).collect() }
        }
        Reader::Report => match load::report_from_json(bytes) {
            Ok(_) => Answer { accepted: true, messages: vec![] },
            Err(e) => Answer { accepted: false, messages: vec![e.to_string()] },
        },
        Reader::Template => match templates::parse(bytes) {
            Ok(t) => {
                // What the wizard does next with a template it lists.
                let _ = templates::defaults(&t, today());
                let messages = match templates::instantiate(&t, &BTreeMap::new(), today()) {
                    Ok(_) => vec![],
                    Err(e) => vec![e.to_string()],
                };
                Answer { accepted: true, messages }
            }
            Err(e) => Answer { accepted: false, messages: vec![e.to_string()] },
        },
    }
}
