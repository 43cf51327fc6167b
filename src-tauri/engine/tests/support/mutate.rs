//! Structure-aware mutations of the files a user's folder may hold: zip packages (DOCX, XLSX,
//! ODS) changed inside their XML and their zip structure, old OLE files (XLS) changed in their
//! header, and JSON (reports, templates) changed in its values and its text. Each mutation is
//! deterministic in the random generator it is given, so a mutant is made again from its seed.
#![allow(dead_code, missing_docs)]

use std::io::{Read, Write};
use std::sync::OnceLock;

use fastrand::Rng;

/// A mutated input and how it was made.
pub struct Mutant {
    /// The bytes to feed the reader.
    pub bytes: Vec<u8>,
    /// The mutations applied, in order (for a failure's report).
    pub how: Vec<String>,
}

/// Numbers that break careless code: signs, limits of 32 and 64 bits, floats, not numbers.
const NUMBERS: &[&str] = &[
    "-1",
    "0",
    "1",
    "-2147483649",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999",
    "1e308",
    "-1e308",
    "1e400",
    "NaN",
    "inf",
    "0x7fffffff",
    "",
    " ",
    "1.5",
    "-0",
    "١٢٣",
];

/// Cell references and ranges out of a sheet's bounds or malformed.
const CELL_REFS: &[&str] = &[
    "XFD1048577",
    "XFD1048576",
    "XFE1",
    "A0",
    "A1048577",
    "A4294967296",
    "ZZZZZZZZ1",
    "A-1",
    "1A",
    "",
    "A1:XFD1048576",
    "A1:A1048576",
    "XFD1:XFD1048576",
    "B2:A1",
    "A1:B2:C3",
    "$A$1",
    "Sheet1!A1",
];

/// Attributes whose values readers use as numbers or indices, by the file formats that have
/// them (DOCX, XLSX, ODS).
const HOT_ATTRIBUTES: &[&str] = &[
    // DOCX
    "w:val",
    "w:w",
    "w:ilvl",
    "w:numId",
    "w:abstractNumId",
    "w:char",
    "w:type",
    "w:styleId",
    "w:ascii",
    "w:hAnsi",
    // XLSX
    "r",
    "s",
    "t",
    "ref",
    "count",
    "uniqueCount",
    "numFmtId",
    "xfId",
    "sheetId",
    "r:id",
    "spans",
    "state",
    "cm",
    "vm",
    "si",
    // ODS
    "table:number-columns-repeated",
    "table:number-rows-repeated",
    "table:number-columns-spanned",
    "table:number-rows-spanned",
    "office:value",
    "office:value-type",
    "table:name",
    "table:formula",
    "office:date-value",
    "calcext:value-type",
];

/// Element names that readers descend into, for deep nesting.
const NESTING: &[&str] = &[
    "w:p",
    "w:r",
    "w:tbl",
    "w:tc",
    "w:tr",
    "w:sdt",
    "w:sdtContent",
    "w:hyperlink",
    "w:ins",
    "w:customXml",
    "w:smartTag",
    "w:fldSimple",
    "w:txbxContent",
    "row",
    "c",
    "is",
    "si",
    "r",
    "table:table-row",
    "table:table-cell",
    "text:p",
    "text:span",
    "x",
];

/// An element `<name …>…</name>` found in XML text: byte range of the whole element.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

/// A random element of `xml`, found by its start tag and the matching end tag (same name,
/// nesting counted); `None` when there is none.
fn random_element(xml: &[u8], rng: &mut Rng) -> Option<Span> {
    let starts: Vec<usize> = memchr_all(xml, b'<')
        .into_iter()
        .filter(|&i| xml.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()))
        .collect();
    if starts.is_empty() {
        return None;
    }
    for _ in 0..8 {
        let start = starts[rng.usize(..starts.len())];
        if let Some(span) = element_at(xml, start) {
            return Some(span);
        }
    }
    None
}

fn memchr_all(xml: &[u8], b: u8) -> Vec<usize> {
    xml.iter().enumerate().filter(|(_, c)| **c == b).map(|(i, _)| i).collect()
}

/// The element whose start tag begins at `start`.
fn element_at(xml: &[u8], start: usize) -> Option<Span> {
    let name_end = start
        + 1
        + xml[start + 1..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')?;
    let name = &xml[start + 1..name_end];
    let tag_end = name_end + xml[name_end..].iter().position(|c| *c == b'>')?;
    if xml[tag_end - 1] == b'/' {
        return Some(Span { start, end: tag_end + 1 });
    }
    let mut depth = 1usize;
    let mut i = tag_end + 1;
    while i < xml.len() {
        if xml[i] == b'<' {
            let rest = &xml[i + 1..];
            if rest.starts_with(b"/") && rest[1..].starts_with(name) {
                depth -= 1;
                if depth == 0 {
                    let close = i + xml[i..].iter().position(|c| *c == b'>')?;
                    return Some(Span { start, end: close + 1 });
                }
            } else if rest.starts_with(name)
                && rest.get(name.len()).is_some_and(|c| c.is_ascii_whitespace() || *c == b'>')
            {
                depth += 1;
            }
        }
        i += 1;
    }
    None
}

/// A place between two tags (just after a `>`), or the start.
fn random_boundary(xml: &[u8], rng: &mut Rng) -> usize {
    let ends = memchr_all(xml, b'>');
    if ends.is_empty() {
        return rng.usize(..=xml.len());
    }
    ends[rng.usize(..ends.len())] + 1
}

/// The value ranges of attributes `name="…"` in `xml` (any attribute when `name` is empty).
fn attribute_values(xml: &[u8], name: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = find(&xml[i..], b"=\"") {
        let eq = i + p;
        let value_start = eq + 2;
        let Some(len) = xml[value_start..].iter().position(|c| *c == b'"') else { break };
        let name_start =
            xml[..eq].iter().rposition(|c| c.is_ascii_whitespace()).map_or(0, |s| s + 1);
        if name.is_empty() || &xml[name_start..eq] == name.as_bytes() {
            out.push((value_start, value_start + len));
        }
        i = value_start + len;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn splice(xml: &mut Vec<u8>, range: (usize, usize), with: &[u8]) {
    xml.splice(range.0..range.1, with.iter().copied());
}

/// A value for an attribute: a number, a cell reference, a long or odd string.
fn odd_value(rng: &mut Rng) -> Vec<u8> {
    match rng.u8(..10) {
        0..=4 => NUMBERS[rng.usize(..NUMBERS.len())].as_bytes().to_vec(),
        5..=6 => CELL_REFS[rng.usize(..CELL_REFS.len())].as_bytes().to_vec(),
        7 => vec![b'9'; rng.usize(20..2000)],
        8 => "&#0;&#xD800;&amp;&lt;\u{FFFF}".as_bytes().to_vec(),
        _ => {
            let n = rng.usize(1..64);
            (0..n).map(|_| rng.u8(0x20..0x7f)).filter(|c| *c != b'"' && *c != b'&').collect()
        }
    }
}

/// Text to put in a text node: long, legacy-encoded looking, control characters, numbers.
fn odd_text(rng: &mut Rng, big: bool) -> Vec<u8> {
    if big {
        // Tens of MB of text in one element.
        let unit: &[u8] = if rng.bool() { "Đảng bộ xã ".as_bytes() } else { b"a" };
        return unit.repeat(rng.usize(10..40) * 1024 * 1024 / unit.len());
    }
    match rng.u8(..8) {
        0 => NUMBERS[rng.usize(..NUMBERS.len())].as_bytes().to_vec(),
        1 => "B¸o c¸o kÕt qu¶ ®¹t ®\u{AD}îc".as_bytes().to_vec(),
        2 => "Phần thứ nhất\n\t\u{AD}\u{200B}\u{FEFF}".as_bytes().to_vec(),
        3 => "I. II. 1. a) - + • Một là, ".repeat(rng.usize(1..500)).into_bytes(),
        4 => "e\u{0301}\u{0323}\u{0309}".repeat(rng.usize(1..2000)).into_bytes(),
        5 => vec![b'x'; rng.usize(1..100_000)],
        6 => "&lt;&gt;&amp;&quot;&#1;&#x1F600;".as_bytes().to_vec(),
        _ => (0..rng.usize(1..200)).map(|_| rng.u8(..)).collect(),
    }
}

/// An XML billion-laughs entity bomb placed in front of `xml`'s root, with a reference to it.
fn entity_bomb(xml: &[u8], external: bool) -> Vec<u8> {
    let mut dtd = String::from("<!DOCTYPE r [<!ENTITY lol0 \"lollollollollol\">");
    for i in 1..10 {
        let prev = format!("&lol{};", i - 1);
        dtd.push_str(&format!("<!ENTITY lol{i} \"{}\">", prev.repeat(10)));
    }
    if external {
        dtd.push_str("<!ENTITY ext SYSTEM \"file:///etc/passwd\">");
    }
    dtd.push_str("]>");
    let body_start = match find(xml, b"?>") {
        Some(p) if xml.starts_with(b"<?xml") => p + 2,
        _ => 0,
    };
    let mut out = xml[..body_start].to_vec();
    out.extend_from_slice(dtd.as_bytes());
    let rest = &xml[body_start..];
    // The reference goes into the first text node, or right after the root's start tag.
    let at = find(rest, b"</").unwrap_or(rest.len());
    out.extend_from_slice(&rest[..at]);
    out.extend_from_slice(if external { b"&ext;" } else { b"&lol9;" });
    out.extend_from_slice(&rest[at..]);
    out
}

/// One mutation of an XML part (of its size or a little more).
pub fn mutate_xml(xml: &mut Vec<u8>, rng: &mut Rng, how: &mut Vec<String>) {
    match rng.u8(..12) {
        0 => {
            if let Some(s) = random_element(xml, rng) {
                xml.drain(s.start..s.end);
                how.push("delete element".into());
            }
        }
        1 => {
            if let Some(s) = random_element(xml, rng) {
                let copies = if rng.u8(..8) == 0 { rng.usize(2..2000) } else { 1 };
                let el = xml[s.start..s.end].to_vec();
                let add = el.repeat(copies);
                xml.splice(s.end..s.end, add);
                how.push(format!("duplicate element ×{copies}"));
            }
        }
        2 => {
            if let (Some(a), Some(b)) = (random_element(xml, rng), random_element(xml, rng)) {
                let (a, b) = if a.start <= b.start { (a, b) } else { (b, a) };
                if a.end <= b.start {
                    let ea = xml[a.start..a.end].to_vec();
                    let eb = xml[b.start..b.end].to_vec();
                    xml.splice(b.start..b.end, ea);
                    xml.splice(a.start..a.end, eb);
                    how.push("swap elements".into());
                }
            }
        }
        3 => {
            if let Some(s) = random_element(xml, rng) {
                let el: Vec<u8> = xml.drain(s.start..s.end).collect();
                let at = random_boundary(xml, rng).min(xml.len());
                xml.splice(at..at, el);
                how.push("move element".into());
            }
        }
        4..=6 => {
            let name = if rng.u8(..3) > 0 {
                HOT_ATTRIBUTES[rng.usize(..HOT_ATTRIBUTES.len())]
            } else {
                ""
            };
            let mut values = attribute_values(xml, name);
            if values.is_empty() {
                values = attribute_values(xml, "");
            }
            if !values.is_empty() {
                let range = values[rng.usize(..values.len())];
                let v = odd_value(rng);
                how.push(format!(
                    "attribute {} = {:?}",
                    if name.is_empty() { "(any)" } else { name },
                    String::from_utf8_lossy(&v[..v.len().min(40)])
                ));
                splice(xml, range, &v);
            }
        }
        7 => {
            // A text node (or a <v> value) replaced.
            let texts: Vec<(usize, usize)> = memchr_all(xml, b'>')
                .into_iter()
                .filter_map(|i| {
                    let len = xml[i + 1..].iter().position(|c| *c == b'<')?;
                    (len > 0).then_some((i + 1, i + 1 + len))
                })
                .collect();
            if !texts.is_empty() {
                let range = texts[rng.usize(..texts.len())];
                let t = odd_text(rng, false);
                splice(xml, range, &t);
                how.push("text replaced".into());
            }
        }
        8 => {
            let n = rng.usize(1..200);
            for _ in 0..n {
                if xml.is_empty() {
                    break;
                }
                let i = rng.usize(..xml.len());
                xml[i] = rng.u8(..);
            }
            how.push(format!("{n} bytes changed"));
        }
        9 => {
            let at = rng.usize(..=xml.len());
            xml.truncate(at);
            how.push(format!("XML cut at {at}"));
        }
        10 => {
            // Encoding lies, stray BOMs and invalid UTF-8.
            let v: &[u8] = match rng.u8(..4) {
                0 => b"\xFF\xFE",
                1 => b"\xEF\xBB\xBF",
                2 => b"\xC3\x28\xA0\xA1\xF0\x28\x8C\x28",
                _ => b"\xED\xA0\x80",
            };
            let at = if rng.bool() { 0 } else { random_boundary(xml, rng).min(xml.len()) };
            xml.splice(at..at, v.iter().copied());
            if rng.bool() {
                if let Some(p) = find(xml, b"UTF-8") {
                    xml.splice(p..p + 5, b"UTF-16".iter().copied());
                }
            }
            how.push("encoding broken".into());
        }
        _ => {
            // Moderate nesting (a few hundred) of an element readers descend into.
            let name = NESTING[rng.usize(..NESTING.len())];
            let depth = rng.usize(50..600);
            nest(xml, rng, name, depth, true);
            how.push(format!("nested <{name}> ×{depth}"));
        }
    }
}

/// Tens of MB of text in one text node.
fn mutate_xml_heavy_text(xml: &mut Vec<u8>, rng: &mut Rng, how: &mut Vec<String>) {
    let texts: Vec<usize> = memchr_all(xml, b'>');
    let at = if texts.is_empty() { 0 } else { texts[rng.usize(..texts.len())] + 1 };
    let t = odd_text(rng, true);
    how.push(format!("text of {} MB", t.len() / 1024 / 1024));
    xml.splice(at..at, t);
}

/// A huge number of small elements (a dense sheet, a long document).
fn mutate_many_elements(xml: &mut Vec<u8>, rng: &mut Rng, how: &mut Vec<String>) {
    let unit: &[u8] = match rng.u8(..4) {
        0 => b"<w:p><w:r><w:t>x</w:t></w:r></w:p>",
        1 => b"<row><c r=\"A1\"><v>1</v></c></row>",
        2 => b"<c r=\"XFD1048576\" t=\"s\"><v>4294967295</v></c>",
        _ => b"<table:table-cell table:number-columns-repeated=\"16384\"/>",
    };
    let n = rng.usize(100_000..1_000_000);
    let at = random_boundary(xml, rng).min(xml.len());
    xml.splice(at..at, unit.repeat(n));
    how.push(format!("{n} small elements"));
}

fn nest(xml: &mut Vec<u8>, rng: &mut Rng, name: &str, depth: usize, closed: bool) {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let mut add = open.repeat(depth).into_bytes();
    if closed {
        add.extend_from_slice(close.repeat(depth).as_bytes());
    }
    let at = random_boundary(xml, rng).min(xml.len());
    xml.splice(at..at, add);
}

/// A zip entry as written: the name, the stored bytes and what the headers declare.
#[derive(Clone)]
pub struct Entry {
    pub name: Vec<u8>,
    pub data: Vec<u8>,
    pub method: u16,
    pub crc: u32,
    pub compressed: u32,
    pub uncompressed: u32,
}

impl Entry {
    /// An entry holding `plain`, deflated or stored, with true headers.
    pub fn new(name: &str, plain: &[u8], deflate: bool) -> Entry {
        let data = if deflate {
            let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(plain).expect("deflate");
            e.finish().expect("deflate")
        } else {
            plain.to_vec()
        };
        Entry {
            name: name.as_bytes().to_vec(),
            compressed: data.len() as u32,
            uncompressed: plain.len() as u32,
            crc: crc32fast::hash(plain),
            method: if deflate { 8 } else { 0 },
            data,
        }
    }
}

/// Writes a zip with exactly the given headers (true or not).
pub fn write_zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes());
            v.extend_from_slice(&0x0800u16.to_le_bytes());
            v.extend_from_slice(&e.method.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
            v.extend_from_slice(&0x21u16.to_le_bytes());
            v.extend_from_slice(&e.crc.to_le_bytes());
            v.extend_from_slice(&e.compressed.to_le_bytes());
            v.extend_from_slice(&e.uncompressed.to_le_bytes());
            v.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(&0x04034b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(&e.name);
        out.extend_from_slice(&e.data);
        central.extend_from_slice(&0x02014b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        common(&mut central);
        central.extend_from_slice(&[0; 6]);
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(&e.name);
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x06054b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A deflate stream inflating to `gib` GiB of `unit` repeated: one MiB compressed once (with a
/// sync flush, so it refers to nothing before it) and its blocks repeated, then a final empty
/// block. A few MB stand for GBs.
pub fn bomb_stream(unit: &[u8], mib: usize) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk: Vec<u8> = unit.iter().copied().cycle().take(1 << 20).collect();
    e.write_all(&chunk).expect("deflate");
    e.flush().expect("sync flush");
    let block = e.get_ref().clone();
    let mut out = block.repeat(mib);
    out.extend_from_slice(&[0x03, 0x00]);
    out
}

/// Bombs made once per process: 4 GiB of XML elements, 4 GiB of zeros.
fn bombs() -> &'static [(Vec<u8>, u64)] {
    static B: OnceLock<Vec<(Vec<u8>, u64)>> = OnceLock::new();
    B.get_or_init(|| {
        vec![
            (
                bomb_stream(b"<w:p><w:r><w:t>x</w:t></w:r></w:p><row><c><v>1</v></c></row>", 4096),
                4 << 30,
            ),
            (bomb_stream(b"\0", 4096), 4 << 30),
            (bomb_stream(b"<a>", 256), 256 << 20),
        ]
    })
}

/// The parts of a zip package, in order (unreadable entries left out).
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return vec![] };
    let mut out = Vec::new();
    for i in 0..z.len() {
        let Ok(mut f) = z.by_index(i) else { continue };
        let mut data = Vec::new();
        if f.read_to_end(&mut data).is_ok() {
            out.push((f.name().to_string(), data));
        }
    }
    out
}

fn is_xml(name: &str) -> bool {
    name.ends_with(".xml") || name.ends_with(".rels")
}

/// The heavy mutations of a zip package, one of which `zip_package` applies when asked.
pub const ZIP_HEAVY: usize = 8;

/// The part a reader reads first: the document, the first sheet, the content.
fn main_part(parts: &[(String, Vec<u8>)]) -> Option<usize> {
    ["word/document.xml", "xl/worksheets/sheet1.xml", "content.xml", "xl/sharedStrings.xml"]
        .iter()
        .find_map(|n| parts.iter().position(|p| p.0 == *n))
}

/// Mutates a zip package: its XML parts, its parts, its zip structure; `heavy` (below
/// [`ZIP_HEAVY`]) applies one mutation of tens of MB or GBs to the main part: 100 000 nested
/// elements (closed or not), an entity bomb, tens of MB of text, a million small elements, a zip
/// bomb (true or lying sizes), a large extra part.
pub fn zip_package(parts: &[(String, Vec<u8>)], rng: &mut Rng, heavy: Option<usize>) -> Mutant {
    let mut m = ZipMutation { parts: parts.to_vec(), how: Vec::new(), bomb: None };
    if let (Some(k), Some(main)) = (heavy, main_part(&m.parts)) {
        m.heavy(k, main, rng);
    }
    let rounds = 1 + usize::from(rng.u8(..3) == 0) + usize::from(rng.u8(..6) == 0);
    for _ in 0..rounds {
        if m.parts.is_empty() {
            break;
        }
        m.round(rng);
    }
    let ZipMutation { parts, mut how, bomb } = m;
    let mut entries: Vec<Entry> =
        parts.iter().map(|(n, d)| Entry::new(n, d, d.len() < (8 << 20))).collect();
    if let Some((i, is_bomb)) = bomb {
        let i = i.min(entries.len().saturating_sub(1));
        if let Some(e) = entries.get_mut(i) {
            if is_bomb {
                let all = bombs();
                let (stream, size) = &all[rng.usize(..all.len())];
                e.data = stream.clone();
                e.method = 8;
                e.compressed = stream.len() as u32;
                e.crc = rng.u32(..);
                // The declared size is the truth (up to 4 GiB), or a lie.
                e.uncompressed =
                    if rng.bool() { (*size).min(u64::from(u32::MAX)) as u32 } else { 100 };
            } else {
                match rng.u8(..4) {
                    0 => e.uncompressed = rng.u32(..),
                    1 => e.uncompressed /= 2,
                    2 => e.compressed = rng.u32(..),
                    _ => e.crc ^= 1,
                }
            }
        }
    }
    let mut bytes = write_zip(&entries);
    // Sometimes the zip structure itself.
    if rng.u8(..5) == 0 {
        zip_structure(&mut bytes, rng, &mut how);
    }
    Mutant { bytes, how }
}

/// A zip package being mutated: its parts, the mutations applied, and the entry whose headers
/// will lie (`true`: with a zip bomb).
struct ZipMutation {
    parts: Vec<(String, Vec<u8>)>,
    how: Vec<String>,
    bomb: Option<(usize, bool)>,
}

impl ZipMutation {
    /// Applies heavy mutation `k` to the main part (index `main`), or to the package.
    fn heavy(&mut self, k: usize, main: usize, rng: &mut Rng) {
        let ZipMutation { parts, how, bomb } = self;
        let xml = &mut parts[main].1;
        match k % ZIP_HEAVY {
            0 => {
                let name = NESTING[rng.usize(..NESTING.len())];
                nest(xml, rng, name, 100_000, true);
                how.push(format!("nested <{name}> ×100000"));
            }
            1 => {
                let name = NESTING[rng.usize(..NESTING.len())];
                nest(xml, rng, name, 100_000, false);
                how.push(format!("nested <{name}> ×100000 unclosed"));
            }
            2 => {
                let external = rng.u8(..4) == 0;
                *xml = entity_bomb(xml, external);
                how.push(if external { "external entity" } else { "billion laughs" }.into());
            }
            3 => mutate_xml_heavy_text(xml, rng, how),
            4 => mutate_many_elements(xml, rng, how),
            5 | 6 => {
                *bomb = Some((main, true));
                how.push("zip bomb".into());
            }
            _ => {
                let mb = rng.usize(10..40);
                how.push(format!("extra part of {mb} MB"));
                parts.push(("word/media/big.bin".into(), vec![0x5a; mb << 20]));
            }
        }
    }

    /// One round of mutations: an XML part changed, or a part dropped, duplicated, swapped,
    /// emptied, renamed or given lying headers.
    fn round(&mut self, rng: &mut Rng) {
        let ZipMutation { parts, how, bomb } = self;
        let choice = rng.u8(..18);
        match choice {
            0..=10 => {
                // Mostly the parts readers look at.
                let xml: Vec<usize> = (0..parts.len()).filter(|&i| is_xml(&parts[i].0)).collect();
                let main: Vec<usize> = xml
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let n = &parts[i].0;
                        n.contains("document")
                            || n.contains("sheet")
                            || n.contains("content")
                            || n.contains("sharedStrings")
                            || n.contains("numbering")
                            || n.contains("styles")
                            || n.contains("workbook")
                    })
                    .collect();
                let from = if !main.is_empty() && rng.bool() { &main } else { &xml };
                if from.is_empty() {
                    return;
                }
                let i = from[rng.usize(..from.len())];
                how.push(format!("in {}:", parts[i].0));
                mutate_xml(&mut parts[i].1, rng, how);
            }
            11 => {
                let i = rng.usize(..parts.len());
                how.push(format!("drop part {}", parts[i].0));
                parts.remove(i);
            }
            12 => {
                let i = rng.usize(..parts.len());
                how.push(format!("duplicate part {}", parts[i].0));
                let p = parts[i].clone();
                parts.insert(rng.usize(..=parts.len()), p);
            }
            13 => {
                let i = rng.usize(..parts.len());
                let j = rng.usize(..parts.len());
                how.push(format!("part {} holds {}", parts[i].0, parts[j].0));
                parts[i].1 = parts[j].1.clone();
            }
            14 => {
                let i = rng.usize(..parts.len());
                how.push(format!("empty part {}", parts[i].0));
                parts[i].1.clear();
            }
            15 => {
                let i = rng.usize(..parts.len());
                let name = match rng.u8(..4) {
                    0 => "../../evil.xml".to_string(),
                    1 => parts[i].0.to_uppercase(),
                    2 => format!("/{}", parts[i].0),
                    _ => parts[i].0.replace('/', "\\"),
                };
                how.push(format!("rename {} to {name}", parts[i].0));
                parts[i].0 = name;
            }
            _ => {
                // A part's declared sizes or CRC lie (no bomb).
                let i = rng.usize(..parts.len());
                how.push(format!("headers of {} lie", parts[i].0));
                *bomb = Some((i, false));
            }
        }
    }
}

/// Mutations of the zip container: cut, flipped bytes, central directory fields.
fn zip_structure(bytes: &mut Vec<u8>, rng: &mut Rng, how: &mut Vec<String>) {
    match rng.u8(..5) {
        0 => {
            let at = rng.usize(..=bytes.len());
            bytes.truncate(at);
            how.push(format!("zip cut at {at}"));
        }
        1 => {
            let n = rng.usize(1..32);
            for _ in 0..n {
                if !bytes.is_empty() {
                    let i = rng.usize(..bytes.len());
                    bytes[i] ^= 1 << rng.u8(..8);
                }
            }
            how.push(format!("{n} zip bits flipped"));
        }
        2 => {
            // Entry counts of the end record.
            if let Some(p) = bytes.windows(4).rposition(|w| w == [0x50, 0x4b, 0x05, 0x06]) {
                let v = rng.u16(..).to_le_bytes();
                if p + 12 <= bytes.len() {
                    bytes[p + 8..p + 10].copy_from_slice(&v);
                    bytes[p + 10..p + 12].copy_from_slice(&v);
                }
                how.push("entry count changed".into());
            }
        }
        3 => {
            // Central directory offset and size.
            if let Some(p) = bytes.windows(4).rposition(|w| w == [0x50, 0x4b, 0x05, 0x06]) {
                if p + 20 <= bytes.len() {
                    let v = rng.u32(..).to_le_bytes();
                    let at = if rng.bool() { p + 12 } else { p + 16 };
                    bytes[at..at + 4].copy_from_slice(&v);
                }
                how.push("central directory offset or size changed".into());
            }
        }
        _ => {
            // A name length in the central directory.
            let cds: Vec<usize> = bytes
                .windows(4)
                .enumerate()
                .filter(|(_, w)| *w == [0x50, 0x4b, 0x01, 0x02])
                .map(|(i, _)| i)
                .collect();
            if !cds.is_empty() {
                let p = cds[rng.usize(..cds.len())];
                if p + 30 <= bytes.len() {
                    let field = p + [28, 30, 32][rng.usize(..3)];
                    let v = rng.u16(..).to_le_bytes();
                    bytes[field..field + 2].copy_from_slice(&v);
                }
                how.push("central directory name, extra or comment length changed".into());
            }
        }
    }
}

/// Mutates an OLE compound file (an old .xls): header fields, sector chains, bytes.
pub fn ole(seed: &[u8], rng: &mut Rng) -> Mutant {
    let mut b = seed.to_vec();
    let mut how = Vec::new();
    for _ in 0..1 + usize::from(rng.bool()) {
        match rng.u8(..6) {
            0 => {
                // Header: sector shift, counts of FAT/directory/mini-FAT sectors, first sectors.
                let fields = [30usize, 32, 40, 44, 48, 56, 60, 64, 68, 72, 76];
                let f = fields[rng.usize(..fields.len())];
                if f + 4 <= b.len() {
                    let v: u32 = match rng.u8(..4) {
                        0 => u32::MAX,
                        1 => u32::MAX - 1,
                        2 => rng.u32(..),
                        _ => rng.u32(..4096),
                    };
                    let n = if f == 30 || f == 32 { 2 } else { 4 };
                    b[f..f + n].copy_from_slice(&v.to_le_bytes()[..n]);
                }
                how.push(format!("OLE header field at {f}"));
            }
            1 => {
                // A word of a FAT, directory or stream sector.
                if b.len() > 516 {
                    let at = 512 + rng.usize(..(b.len() - 516)) / 4 * 4;
                    let v =
                        [u32::MAX, u32::MAX - 1, u32::MAX - 2, 0, rng.u32(..), rng.u32(..100_000)]
                            [rng.usize(..6)];
                    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
                }
                how.push("OLE sector word changed".into());
            }
            2 => {
                let at = rng.usize(..=b.len());
                b.truncate(at);
                how.push(format!("cut at {at}"));
            }
            3 => {
                let n = rng.usize(1..64);
                for _ in 0..n {
                    if !b.is_empty() {
                        let i = rng.usize(..b.len());
                        b[i] = rng.u8(..);
                    }
                }
                how.push(format!("{n} bytes changed"));
            }
            4 => {
                // A BIFF record's length (records are [type u16][len u16]).
                if b.len() > 1024 {
                    let at = 512 + rng.usize(..b.len() - 516);
                    let v = [0xFFFFu16, 0, 8224, rng.u16(..)][rng.usize(..4)];
                    b[at + 2..at + 4].copy_from_slice(&v.to_le_bytes());
                }
                how.push("record length changed".into());
            }
            _ => {
                let i = rng.usize(..=b.len());
                let chunk = if rng.bool() {
                    vec![0xFF; rng.usize(1..4096)]
                } else {
                    b[i..].iter().take(rng.usize(1..4096)).copied().collect()
                };
                b.splice(i..i, chunk);
                how.push("bytes inserted".into());
            }
        }
    }
    Mutant { bytes: b, how }
}

/// Mutates raw bytes: cut, flip, insert, repeat.
pub fn bytes(seed: &[u8], rng: &mut Rng) -> Mutant {
    let mut b = seed.to_vec();
    let how = match rng.u8(..4) {
        0 => {
            let at = rng.usize(..=b.len());
            b.truncate(at);
            format!("cut at {at}")
        }
        1 => {
            let n = rng.usize(1..64);
            for _ in 0..n {
                if !b.is_empty() {
                    let i = rng.usize(..b.len());
                    b[i] ^= 1 << rng.u8(..8);
                }
            }
            format!("{n} bits flipped")
        }
        2 => {
            let i = rng.usize(..=b.len());
            let n = rng.usize(1..256);
            b.splice(i..i, (0..n).map(|_| rng.u8(..)));
            format!("{n} random bytes inserted")
        }
        _ => {
            let i = rng.usize(..=b.len());
            let j = (i + rng.usize(..4096)).min(b.len());
            let chunk = b[i..j].to_vec();
            b.splice(i..i, chunk);
            "a stretch repeated".to_string()
        }
    };
    Mutant { bytes: b, how: vec![how] }
}

/// Paths of every value inside a JSON value.
fn json_paths(v: &serde_json::Value, path: &mut Vec<PathSeg>, out: &mut Vec<Vec<PathSeg>>) {
    out.push(path.clone());
    match v {
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(PathSeg::Index(i));
                json_paths(x, path, out);
                path.pop();
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                path.push(PathSeg::Key(k.clone()));
                json_paths(x, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathSeg {
    Key(String),
    Index(usize),
}

fn at_mut<'a>(v: &'a mut serde_json::Value, path: &[PathSeg]) -> Option<&'a mut serde_json::Value> {
    path.iter().try_fold(v, |v, s| match s {
        PathSeg::Key(k) => v.get_mut(k),
        PathSeg::Index(i) => v.get_mut(*i),
    })
}

/// A JSON value of an unexpected kind or size.
fn odd_json(rng: &mut Rng) -> serde_json::Value {
    use serde_json::{json, Value};
    match rng.u8(..16) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(u64::MAX),
        4 => json!(i64::MIN),
        5 => json!(1e308),
        6 => json!(-1e308),
        7 => json!(0.5),
        8 => json!(""),
        9 => json!("2019-02-30"),
        10 => json!("\u{0001}\u{FFFE}e\u{0301}"),
        11 => json!([]),
        12 => json!({}),
        13 => json!({ "type": "unknown_block", "x": 1 }),
        14 => json!([[[1]], {"a": [null]}]),
        _ => json!("{{nam+2147483647}} {{x-99999999999}} {{nam@99-99}} {{"),
    }
}

/// Mutates JSON: values (delete, change type, huge numbers and strings, unknown fields, old
/// shapes), then sometimes the text (cut, deep nesting, invalid UTF-8, lone surrogates).
/// `shapes` are fragments another version of the format may hold.
/// The heavy mutations of JSON, one of which `json` applies when asked.
pub const JSON_HEAVY: usize = 4;

/// Mutates JSON; `heavy` (below [`JSON_HEAVY`]) applies one mutation of MBs first: a string of
/// MBs, an array of 10⁵ items, 100 000 nested arrays, tens of MB of spaces.
pub fn json(
    seed: &[u8],
    rng: &mut Rng,
    heavy: Option<usize>,
    shapes: &[(&str, serde_json::Value)],
) -> Mutant {
    let mut how = Vec::new();
    let Ok(mut v) = serde_json::from_slice::<serde_json::Value>(seed) else {
        return bytes(seed, rng);
    };
    if let Some(k) = heavy {
        if let Some(text) = json_heavy(&mut v, k, rng, &mut how) {
            return Mutant { bytes: text, how };
        }
    }
    let rounds = 1 + rng.usize(..3);
    for _ in 0..rounds {
        json_round(&mut v, rng, shapes, &mut how);
    }
    let mut text = serde_json::to_vec_pretty(&v).expect("JSON");
    if rng.u8(..3) == 0 {
        json_text(&mut text, rng, &mut how);
    }
    Mutant { bytes: text, how }
}

/// Applies heavy JSON mutation `k` to `v`; `Some` holds the mutant's text when the mutation is
/// made in the text itself.
fn json_heavy(
    v: &mut serde_json::Value,
    k: usize,
    rng: &mut Rng,
    how: &mut Vec<String>,
) -> Option<Vec<u8>> {
    let mut paths = Vec::new();
    json_paths(v, &mut Vec::new(), &mut paths);
    let path = paths[rng.usize(..paths.len())].clone();
    let new = match k % JSON_HEAVY {
        0 => serde_json::Value::String("Đảng ủy ".repeat(rng.usize(100_000..1_200_000))),
        1 => serde_json::Value::Array(vec![
            serde_json::json!({"type": "paragraph", "text": "x"});
            rng.usize(10_000..200_000)
        ]),
        2 => {
            let mut text = serde_json::to_vec(v).expect("JSON");
            let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
            let at = find(&text, b":").map_or(0, |p| p + 1);
            text.splice(at..at, deep.bytes().chain(*b","));
            how.push("nesting depth 100000".into());
            return Some(text);
        }
        _ => {
            let mut text = serde_json::to_vec(v).expect("JSON");
            let mb = rng.usize(10..30);
            text.splice(1..1, vec![b' '; mb << 20]);
            how.push(format!("{mb} MB of spaces"));
            return Some(text);
        }
    };
    if let Some(x) = at_mut(v, &path) {
        *x = new;
    }
    how.push(format!("heavy value at {path:?}"));
    None
}

/// One round of value mutations of `v`: a random value deleted, changed, grown or swapped.
fn json_round(
    v: &mut serde_json::Value,
    rng: &mut Rng,
    shapes: &[(&str, serde_json::Value)],
    how: &mut Vec<String>,
) {
    let mut paths = Vec::new();
    json_paths(v, &mut Vec::new(), &mut paths);
    let path = paths[rng.usize(..paths.len())].clone();
    let choice = rng.u8(..8);
    match choice {
        0 => {
            if let Some((last, parent)) = path.split_last() {
                if let Some(p) = at_mut(v, parent) {
                    match (p, last) {
                        (serde_json::Value::Object(o), PathSeg::Key(k)) => {
                            o.remove(k);
                        }
                        (serde_json::Value::Array(a), PathSeg::Index(i)) if *i < a.len() => {
                            a.remove(*i);
                        }
                        _ => {}
                    }
                }
                how.push(format!("delete {path:?}"));
            }
        }
        1..=3 => {
            let new = odd_json(rng);
            if let Some(x) = at_mut(v, &path) {
                *x = new;
            }
            how.push(format!("value at {path:?} changed"));
        }
        4 => {
            if let Some(serde_json::Value::Object(o)) = at_mut(v, &path) {
                o.insert("truong_la".into(), serde_json::json!({"x": [1, 2]}));
                how.push(format!("unknown field at {path:?}"));
            }
        }
        5 => {
            if let Some(serde_json::Value::Array(a)) = at_mut(v, &path) {
                if !a.is_empty() {
                    let i = rng.usize(..a.len());
                    let n = if rng.u8(..8) == 0 { rng.usize(2..2000) } else { 1 };
                    let x = a[i].clone();
                    for _ in 0..n {
                        a.push(x.clone());
                    }
                    how.push(format!("array item repeated ×{n} at {path:?}"));
                }
            }
        }
        6 => {
            if !shapes.is_empty() {
                let (key, shape) = &shapes[rng.usize(..shapes.len())];
                if let Some(o) = v.as_object_mut() {
                    o.insert((*key).to_string(), shape.clone());
                }
                how.push(format!("other version's «{key}»"));
            }
        }
        _ => {
            // Swap two values.
            let other = paths[rng.usize(..paths.len())].clone();
            let a = at_mut(v, &path).map(|x| x.clone());
            let b = at_mut(v, &other).map(|x| x.clone());
            if let (Some(a), Some(b)) = (a, b) {
                if !path.is_empty() && !other.is_empty() {
                    if let Some(x) = at_mut(v, &path) {
                        *x = b;
                    }
                    if let Some(x) = at_mut(v, &other) {
                        *x = a;
                    }
                    how.push("two values swapped".into());
                }
            }
        }
    }
}

/// Mutates JSON text: cut, deep nesting, invalid UTF-8, lone surrogates, odd numbers, quotes.
fn json_text(text: &mut Vec<u8>, rng: &mut Rng, how: &mut Vec<String>) {
    match rng.u8(..8) {
        0 => {
            let at = rng.usize(..=text.len());
            text.truncate(at);
            how.push(format!("JSON cut at {at}"));
        }
        1 => {
            let depth = [100, 127, 128, 129, 200, 10_000, 100_000][rng.usize(..7)];
            let (open, close) = if rng.bool() { ("[", "]") } else { ("{\"a\":", "}") };
            let deep = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            let at = find(text, b": ").map_or(0, |p| p + 2);
            // Replaces the first value.
            let end = at + text[at..].iter().position(|c| *c == b',' || *c == b'\n').unwrap_or(0);
            text.splice(at..end, deep.into_bytes());
            how.push(format!("nesting depth {depth}"));
        }
        2 => {
            let at = rng.usize(..=text.len());
            text.splice(at..at, [0xC3, 0x28, 0xFF, 0xED, 0xA0, 0x80]);
            how.push("invalid UTF-8".into());
        }
        3 => {
            // A lone surrogate escape in a string.
            if let Some(p) = find(text, b"\": \"") {
                let at = p + 4;
                let esc: &[u8] =
                    [&b"\\ud800"[..], b"\\udfff", b"\\ud800\\u0041", b"\\u0000"][rng.usize(..4)];
                text.splice(at..at, esc.iter().copied());
            }
            how.push("lone surrogate".into());
        }
        4 => {
            text.splice(0..0, *b"\xEF\xBB\xBF");
            text.extend_from_slice(b"\n}garbage");
            how.push("BOM and trailing data".into());
        }
        5 => {
            if let Some(p) = find(text, b": ") {
                let n = [&b"1e400"[..], b"-0", b"18446744073709551616", b"1E-400", b"NaN", b"0x10"]
                    [rng.usize(..6)];
                let end = p
                    + 2
                    + text[p + 2..].iter().position(|c| *c == b',' || *c == b'\n').unwrap_or(0);
                text.splice(p + 2..end, n.iter().copied());
            }
            how.push("number text".into());
        }
        6 => {
            *text = text
                .iter()
                .map(|c| if *c == b'"' && rng.u8(..20) == 0 { b'\'' } else { *c })
                .collect();
            how.push("quotes broken".into());
        }
        _ => {
            let m = bytes(text, rng);
            *text = m.bytes;
            how.extend(m.how);
        }
    }
}
