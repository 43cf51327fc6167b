//! Helpers shared by the engine's integration tests: render, unzip, read XML back.
#![allow(dead_code, missing_docs)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use baocao_engine::{render_docx, FormatProfile, RenderEnv, Report};
use chrono::{TimeZone, Utc};

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The pinned clock used by every test.
pub fn env() -> RenderEnv {
    RenderEnv { now: Utc.with_ymd_and_hms(2019, 5, 20, 8, 30, 0).single().expect("valid time") }
}

/// The parts of a DOCX package, by name, as text.
pub struct Package {
    pub parts: BTreeMap<String, String>,
    pub compression: BTreeMap<String, zip::CompressionMethod>,
}

impl Package {
    pub fn part(&self, name: &str) -> &str {
        self.parts.get(name).unwrap_or_else(|| panic!("missing part {name}"))
    }
}

pub fn unzip(bytes: &[u8]) -> Package {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("DOCX is a zip");
    let mut parts = BTreeMap::new();
    let mut compression = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        let mut s = String::new();
        if f.name().ends_with(".xml") || f.name().ends_with(".rels") {
            f.read_to_string(&mut s).expect("utf-8 part");
        }
        compression.insert(f.name().to_string(), f.compression());
        parts.insert(f.name().to_string(), s);
    }
    Package { parts, compression }
}

pub fn render(report: &Report, profile_id: &str) -> Package {
    let profile = FormatProfile::builtin(profile_id).expect("profile");
    let out = render_docx(report, &profile, env()).expect("renders");
    unzip(&out.bytes)
}

pub fn doc(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).expect("well-formed XML")
}

/// The `w:`-namespaced attribute of a node.
pub fn wattr<'a>(n: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// The first `w:` child element called `name`.
pub fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(W)
    })
}

/// Follows a path of `w:` children.
pub fn path<'a, 'i>(n: roxmltree::Node<'a, 'i>, names: &[&str]) -> Option<roxmltree::Node<'a, 'i>> {
    names.iter().try_fold(n, |n, name| child(n, name))
}

pub fn descendants<'a, 'i>(
    n: roxmltree::Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    n.descendants().filter(move |c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(W)
    })
}

/// The text of a paragraph (w:t joined, w:br as "\n").
pub fn para_text(p: roxmltree::Node) -> String {
    let mut s = String::new();
    for n in p.descendants() {
        if n.is_element() && n.tag_name().namespace() == Some(W) {
            match n.tag_name().name() {
                "t" => s.push_str(n.text().unwrap_or("")),
                "br" => s.push('\n'),
                _ => {}
            }
        }
    }
    s
}

/// All body paragraphs (including those in tables), in order, with their text.
pub fn paragraphs<'a, 'i>(
    d: &'a roxmltree::Document<'i>,
) -> Vec<(roxmltree::Node<'a, 'i>, String)> {
    descendants(d.root_element(), "p").map(|p| (p, para_text(p))).collect()
}

/// The paragraph whose text equals `text`.
pub fn find_para<'a, 'i>(d: &'a roxmltree::Document<'i>, text: &str) -> roxmltree::Node<'a, 'i> {
    paragraphs(d)
        .into_iter()
        .find(|(_, t)| t == text)
        .map(|(p, _)| p)
        .unwrap_or_else(|| panic!("no paragraph with text {text:?}"))
}

/// The paragraph whose text starts with `prefix`.
pub fn find_para_starting<'a, 'i>(
    d: &'a roxmltree::Document<'i>,
    prefix: &str,
) -> roxmltree::Node<'a, 'i> {
    paragraphs(d)
        .into_iter()
        .find(|(_, t)| t.starts_with(prefix))
        .map(|(p, _)| p)
        .unwrap_or_else(|| panic!("no paragraph starting with {prefix:?}"))
}

/// Run properties of the first run of a paragraph.
pub fn first_rpr<'a, 'i>(p: roxmltree::Node<'a, 'i>) -> roxmltree::Node<'a, 'i> {
    path(p, &["r", "rPr"]).expect("run with rPr")
}

pub fn size_half_points(rpr: roxmltree::Node) -> u32 {
    child(rpr, "sz").and_then(|s| wattr(s, "val")).expect("w:sz").parse().expect("number")
}

pub fn is_on(rpr: roxmltree::Node, name: &str) -> bool {
    match child(rpr, name) {
        None => false,
        Some(n) => !matches!(wattr(n, "val"), Some("false" | "0" | "none")),
    }
}

pub fn jc<'a>(p: roxmltree::Node<'a, '_>) -> Option<&'a str> {
    path(p, &["pPr", "jc"]).and_then(|n| wattr(n, "val"))
}

pub fn num_attr(n: roxmltree::Node, name: &str) -> i64 {
    wattr(n, name).unwrap_or_else(|| panic!("missing w:{name}")).parse().expect("number")
}

/// The answers a template has no default for (the district, the signer), as a user types them.
pub fn named(t: &baocao_engine::templates::Template) -> BTreeMap<String, String> {
    t.placeholders
        .iter()
        .filter(|p| p.default.is_none())
        .map(|p| {
            let v = if p.key == "huyen" { "Cầu Ngang" } else { "Trần Văn Bình" };
            (p.key.clone(), v.to_string())
        })
        .collect()
}

/// The sample dated 15/6/2026 under the Party family (so HD 05), with two legal bases opening
/// it (recipients «;», legal bases «-» … «;» … «.»).
pub fn hd05_sample() -> Report {
    use baocao_engine::model::{Block, Lines, Marker};
    let mut r = baocao_engine::sample::sample();
    r.header.profile = "dang".into();
    r.header.date = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).expect("date");
    let items = vec![
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam".into(),
        "Căn cứ Quy định số 399-QĐ/TW, ngày 09/01/2026 của Ban Bí thư".into(),
    ];
    r.body.opening.insert(0, Block::Lines(Lines { marker: Marker::Dash, items }));
    r
}
