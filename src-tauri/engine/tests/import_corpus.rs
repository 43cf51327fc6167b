//! Import of hand-typed Word files: a corpus written the way staff type reports (no heading
//! styles; bold or capitals; Word's automatic numbering; runs split mid-word; merged table
//! headers; TCVN3 in .VnTime/.VnTimeH and VNI-Windows fonts; TCVN3 in a Unicode font; both
//! profiles; header typed with tabs), also re-saved by LibreOffice (which rewrites runs and
//! styles) and saved as .doc. Each file's truth is what the typist meant; the test prints the
//! recall per category and asserts it.

// Test data is built here: an unwrap failing is a defect of the test itself.
#![allow(clippy::unwrap_used)]

mod ooxml;

use baocao_engine::diagnostic::codes;
use std::collections::BTreeMap;
use std::io::Write;

use baocao_engine::import::{import_docx, import_file, Imported};
use baocao_engine::model::*;
use chrono::NaiveDate;

// ---------------------------------------------------------------- what the typist meant

#[derive(Clone)]
enum C {
    Para(&'static str),
    Dash(Vec<&'static str>),
    Plus(Vec<&'static str>),
    Lessons(bool, Vec<&'static str>),
    Groups(&'static str, Vec<(&'static str, Vec<&'static str>)>),
    Proposals(Vec<(&'static str, &'static str)>),
    Causes(Vec<&'static str>, Vec<&'static str>),
    Point(&'static str, &'static str, Vec<C>),
    Table(T),
}

#[derive(Clone)]
struct T {
    title: &'static str,
    unit: Option<&'static str>,
    /// Top header row (text, span) and, when merged, the row below.
    top: Vec<(&'static str, usize)>,
    sub: Vec<&'static str>,
    rows: Vec<(&'static str, Vec<f64>)>,
    /// The totals row as typed; `wrong` puts a wrong figure in it.
    total: bool,
    wrong: bool,
}

impl T {
    /// Column headers as the import flattens them ("Năm 2018 - Nam").
    fn headers(&self) -> Vec<String> {
        let mut out = vec![];
        let mut sub = self.sub.iter();
        for (h, span) in &self.top {
            if *span > 1 {
                for _ in 0..*span {
                    out.push(format!("{h} - {}", sub.next().unwrap()));
                }
            } else {
                out.push(h.to_string());
            }
        }
        out
    }
}

/// A part: its title and its sections (title, content).
type PartSpec = (&'static str, Vec<(&'static str, Vec<C>)>);

#[derive(Clone)]
struct Spec {
    name: &'static str,
    profile: &'static str,
    superior: &'static str,
    issuing: &'static str,
    number: Option<u32>,
    type_code: &'static str,
    issuer: &'static str,
    place: &'static str,
    date: (u32, u32, i32),
    subject: Vec<&'static str>,
    opening: &'static str,
    parts: Vec<PartSpec>,
    sentence: &'static str,
    authority: Option<(&'static str, &'static str)>,
    title: &'static str,
    signer: &'static str,
    recipients: Vec<&'static str>,
    archive: &'static str,
    annexes: Vec<(&'static str, T)>,
    how: How,
}

/// How the file is typed.
#[derive(Clone, Copy, Default)]
struct How {
    /// Part and section numbers made by Word's automatic numbering.
    auto_numbers: bool,
    /// Every run split in two mid-word, with a different language tag.
    split_runs: bool,
    /// Capitals made by the "caps" run property over lower-case text.
    caps_property: bool,
    /// The header typed as lines with tabs instead of a table.
    header_tabs: bool,
    /// Legacy encoding: 0 none, 1 TCVN3 fonts, 2 VNI fonts, 3 TCVN3 in Times New Roman.
    legacy: u8,
}

// ---------------------------------------------------------------- legacy encoders (test data)

const LETTERS: &str = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ";
const TCVN3: &str = "µ¶·¸¹¨»¼½¾Æ©ÇÈÉÊË®ÌÎÏÐÑªÒÓÔÕÖ×ØÜÝÞßáâãä«åæçèé¬êëìíîïñòóô\u{AD}õö÷øùúûüýþ";
const VNI: &str =
    "aø aû aõ aù aï aê aè aú aü aé aë aâ aà aå aã aá aä ñ eø eû eõ eù eï eâ eà eå eã eá eä \
    ì æ ó í ò oø oû oõ où oï oâ oà oå oã oá oä ô ôø ôû ôõ ôù ôï uø uû uõ uù uï ö öø öû öõ öù öï \
    yø yû yõ yù î";

/// A run of text in a font: (text, font, is_capitals_font).
type Piece = (String, &'static str, bool);

/// Text as a TCVN3 typist's runs: .VnTime for lower case and the toneless capitals, .VnTimeH
/// (lower-case codes) for capitals with marks.
fn tcvn3_pieces(s: &str, font: &'static str, font_h: &'static str) -> Vec<Piece> {
    let table: BTreeMap<char, char> = LETTERS.chars().zip(TCVN3.chars()).collect();
    let upper: BTreeMap<char, char> = "ĂÂÊÔƠƯĐ".chars().zip("¡¢£¤¥¦§".chars()).collect();
    let mut out: Vec<Piece> = vec![];
    for c in s.chars() {
        let lower = c.to_lowercase().next().unwrap();
        let (code, h) = if let Some(u) = upper.get(&c) {
            (*u, false)
        } else if c.is_uppercase() && table.contains_key(&lower) {
            (table[&lower], true)
        } else if let Some(t) = table.get(&c) {
            (*t, false)
        } else {
            (c, false)
        };
        let f = if h { font_h } else { font };
        match out.last_mut() {
            Some(last) if last.1 == f => last.0.push(code),
            _ => out.push((code.to_string(), f, h)),
        }
    }
    out
}

fn vni(s: &str) -> String {
    let table: BTreeMap<char, &str> = LETTERS.chars().zip(VNI.split_whitespace()).collect();
    let mut out = String::new();
    for c in s.chars() {
        let lower = c.to_lowercase().next().unwrap();
        match table.get(&lower) {
            Some(code) if c.is_uppercase() => out.extend(code.chars().flat_map(char::to_uppercase)),
            Some(code) => out.push_str(code),
            None => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------- a hand-typed DOCX writer

struct Doc {
    how: How,
    body: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[derive(Clone, Copy, Default)]
struct F {
    bold: bool,
    italic: bool,
    caps: bool,
    center: bool,
    right: bool,
    page_break: bool,
    /// Automatic numbering: (numId, ilvl).
    num: Option<(u32, u32)>,
}

impl Doc {
    fn runs(&self, text: &str, f: F) -> String {
        let (font, font_h) = match self.how.legacy {
            1 => (".VnTime", ".VnTimeH"),
            2 => ("VNI-Times", "VNI-Times"),
            _ => ("Times New Roman", "Times New Roman"),
        };
        let pieces: Vec<Piece> = match self.how.legacy {
            1 | 3 => tcvn3_pieces(text, font, font_h),
            2 => vec![(vni(text), font, false)],
            _ => vec![(text.to_string(), font, false)],
        };
        let mut out = String::new();
        for (t, font, _) in pieces {
            let mut props = format!(r#"<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>"#);
            if f.bold {
                props.push_str("<w:b/>");
            }
            if f.italic {
                props.push_str("<w:i/>");
            }
            if f.caps {
                props.push_str("<w:caps/>");
            }
            props.push_str(r#"<w:sz w:val="28"/>"#);
            // Soft line breaks inside.
            let lines: Vec<&str> = t.split('\n').collect();
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    out.push_str(&format!("<w:r><w:rPr>{props}</w:rPr><w:br/></w:r>"));
                }
                let chars: Vec<char> = line.chars().collect();
                let parts: Vec<String> = if self.how.split_runs && chars.len() > 3 {
                    let m = chars.len() / 2 + 1;
                    vec![chars[..m].iter().collect(), chars[m..].iter().collect()]
                } else {
                    vec![line.to_string()]
                };
                for (k, p) in parts.iter().enumerate() {
                    let lang = if k == 0 { "vi-VN" } else { "en-US" };
                    out.push_str(&format!(
                        r#"<w:r><w:rPr>{props}<w:lang w:val="{lang}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
                        esc(p)
                    ));
                }
            }
        }
        out
    }

    fn p_xml(&self, spans: &[(&str, F)], f: F) -> String {
        // In the order of CT_PPrBase (ECMA-376 wml.xsd), as Word writes it.
        let mut ppr = String::new();
        if f.page_break {
            ppr.push_str("<w:pageBreakBefore/>");
        }
        if let Some((id, lvl)) = f.num {
            ppr.push_str(&format!(
                r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#
            ));
        }
        ppr.push_str(&format!(
            r#"<w:jc w:val="{}"/>"#,
            if f.center {
                "center"
            } else if f.right {
                "right"
            } else {
                "both"
            }
        ));
        let runs: String = spans.iter().map(|(t, sf)| self.runs(t, *sf)).collect();
        format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
    }

    fn p(&mut self, text: &str, f: F) {
        let x = self.p_xml(&[(text, f)], f);
        self.body.push_str(&x);
    }

    /// A paragraph of two spans (a bold or italic lead, then plain text).
    fn p2(&mut self, lead: &str, lf: F, rest: &str) {
        let x = self.p_xml(&[(lead, lf), (rest, F::default())], F::default());
        self.body.push_str(&x);
    }

    fn cell(&self, paras: &[(&str, F)], span: usize, vmerge: Option<bool>) -> String {
        let mut pr = String::new();
        if span > 1 {
            pr.push_str(&format!(r#"<w:gridSpan w:val="{span}"/>"#));
        }
        match vmerge {
            Some(true) => pr.push_str(r#"<w:vMerge w:val="restart"/>"#),
            Some(false) => pr.push_str("<w:vMerge/>"),
            None => {}
        }
        let ps: String = if paras.is_empty() {
            "<w:p/>".into()
        } else {
            paras.iter().map(|(t, f)| self.p_xml(&[(t, *f)], *f)).collect()
        };
        format!("<w:tc><w:tcPr>{pr}</w:tcPr>{ps}</w:tc>")
    }

    fn table(&mut self, rows: Vec<String>, cols: usize) {
        let grid: String = (0..cols).map(|_| r#"<w:gridCol w:w="1500"/>"#).collect();
        let rows: String = rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect();
        self.body.push_str(&format!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"#
        ));
    }

    fn package(&self) -> Vec<u8> {
        let numbering = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;
        let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;
        // Word always ends the body with a paragraph, even after a table.
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}<w:p/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
            self.body
        );
        let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;
        let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
        let doc_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default();
        for (name, data) in [
            ("[Content_Types].xml", types),
            ("_rels/.rels", rels),
            ("word/_rels/document.xml.rels", doc_rels),
            ("word/document.xml", document.as_str()),
            ("word/styles.xml", styles),
            ("word/numbering.xml", numbering),
        ] {
            z.start_file(name, o).unwrap();
            z.write_all(data.as_bytes()).unwrap();
        }
        z.finish().unwrap();
        buf.into_inner()
    }
}

fn bold() -> F {
    F { bold: true, ..F::default() }
}

fn vn(v: f64) -> String {
    // Vietnamese number format: 1.234 and 3,5.
    let int = v.trunc() as i64;
    let s = int.to_string();
    let mut grouped = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if v.fract() != 0.0 {
        grouped.push_str(&format!(",{}", ((v.fract() * 10.0).round() as i64)));
    }
    grouped
}

const ORD: [&str; 6] = ["Một là", "Hai là", "Ba là", "Bốn là", "Năm là", "Sáu là"];
const THU: [&str; 6] = ["Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu"];

fn write(spec: &Spec) -> Vec<u8> {
    let how = spec.how;
    let mut d = Doc { how, body: String::new() };
    let party = spec.profile == "hd36";
    let upper = |s: &str| s.to_uppercase();
    let caps = |s: &str, f: F| -> (String, F) {
        if how.caps_property {
            (s.to_lowercase(), F { caps: true, ..f })
        } else {
            (upper(s), f)
        }
    };
    // Header.
    let number = spec.number.map(|n| format!("{n:02}")).unwrap_or_default();
    let code = if party {
        format!("Số {number}-{}/{}", spec.type_code, spec.issuer)
    } else {
        format!("Số: {number}/{}-{}", spec.type_code, spec.issuer)
    };
    let (dd, mm, yy) = spec.date;
    let date = format!("{}, ngày {dd:02} tháng {mm} năm {yy}", spec.place);
    let national: Vec<&str> = if party {
        vec!["ĐẢNG CỘNG SẢN VIỆT NAM"]
    } else {
        vec!["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    };
    let c = F { center: true, ..F::default() };
    let cb = F { center: true, bold: true, ..F::default() };
    if how.header_tabs {
        // Regular superior body, bold issuing body, bold national heading, one tab between.
        let x = d.p_xml(&[(&format!("{}\t", upper(spec.superior)), c), (national[0], cb)], c);
        d.body.push_str(&x);
        let second = format!("{}\t{}", upper(spec.issuing), national.get(1).unwrap_or(&""));
        d.p(second.trim_end(), cb);
        d.p(&format!("{code}\t{date}"), c);
    } else {
        let sup = upper(spec.superior);
        let iss = caps(spec.issuing, cb);
        let mut left = vec![(sup.as_str(), c), (iss.0.as_str(), iss.1)];
        if party {
            left.push(("*", c));
        }
        let right: Vec<(&str, F)> = national.iter().map(|n| (*n, cb)).collect();
        let row1 = format!("{}{}", d.cell(&left, 1, None), d.cell(&right, 1, None));
        let row2 = format!(
            "{}{}",
            d.cell(&[(&code, c)], 1, None),
            d.cell(&[(&date, F { italic: true, ..c })], 1, None)
        );
        d.table(vec![row1, row2], 2);
    }
    d.p("BÁO CÁO", cb);
    let subject = spec.subject.join("\n");
    d.p(&subject, cb);
    d.p("-----", c);
    d.p(spec.opening, F::default());
    for (pi, (part, sections)) in spec.parts.iter().enumerate() {
        let (t, f) = caps(part, bold());
        if how.auto_numbers {
            d.p(&t, F { num: Some((1, 0)), ..f });
        } else {
            d.p(&format!("{}. {t}", baocao_engine::text::roman(pi + 1)), f);
        }
        for (si, (section, content)) in sections.iter().enumerate() {
            if how.auto_numbers {
                d.p(section, F { num: Some((1, 1)), bold: true, ..F::default() });
            } else {
                d.p(&format!("{}. {section}", si + 1), bold());
            }
            contents(&mut d, content, party);
        }
    }
    d.p(spec.sentence, F::default());
    // Closing table.
    let mut right: Vec<(String, F)> = vec![];
    if let Some((kind, of)) = spec.authority {
        right.push((format!("{kind} {}", upper(of)), cb));
    }
    right.push((upper(spec.title), if spec.authority.is_some() { c } else { cb }));
    right.push(("(Đã ký)".into(), F { italic: true, ..c }));
    right.push((spec.signer.into(), cb));
    let end = if party { "," } else { ";" };
    let mut left: Vec<(String, F)> =
        vec![("Nơi nhận:".into(), F { bold: !party, italic: !party, ..F::default() })];
    for r in &spec.recipients {
        left.push((format!("- {r}{end}"), F::default()));
    }
    left.push((
        if party {
            format!("- Lưu {}.", spec.archive)
        } else {
            format!("- Lưu: VT, {}.", spec.archive)
        },
        F::default(),
    ));
    let l: Vec<(&str, F)> = left.iter().map(|(t, f)| (t.as_str(), *f)).collect();
    let r: Vec<(&str, F)> = right.iter().map(|(t, f)| (t.as_str(), *f)).collect();
    let row = format!("{}{}", d.cell(&l, 1, None), d.cell(&r, 1, None));
    d.table(vec![row], 2);
    for (i, (title, t)) in spec.annexes.iter().enumerate() {
        d.p(&format!("PHỤ LỤC {}", i + 1), F { page_break: true, ..cb });
        d.p(&upper(title), cb);
        table(&mut d, t);
    }
    d.package()
}

fn contents(d: &mut Doc, content: &[C], party: bool) {
    for c in content {
        match c {
            C::Para(t) => d.p(t, F::default()),
            C::Dash(items) => {
                for i in items {
                    d.p(&format!("- {i}"), F::default());
                }
            }
            C::Plus(items) => {
                for i in items {
                    d.p(&format!("+ {i}"), F::default());
                }
            }
            C::Lessons(thu, items) => {
                for (k, i) in items.iter().enumerate() {
                    let ord = if *thu { THU[k] } else { ORD[k] };
                    d.p2(
                        &format!("{ord},"),
                        F { bold: true, italic: true, ..F::default() },
                        &format!(" {i}"),
                    );
                }
            }
            C::Groups(lead, groups) => {
                d.p(lead, F::default());
                for (k, (title, items)) in groups.iter().enumerate() {
                    d.p(&format!("({}) {title}", k + 1), bold());
                    for i in items {
                        d.p(&format!("- {i}"), F::default());
                    }
                }
            }
            C::Proposals(items) => {
                for (a, t) in items {
                    d.p2(
                        &format!("- Đối với {a}:"),
                        F { italic: true, ..F::default() },
                        &format!(" {t}"),
                    );
                }
            }
            C::Causes(obj, subj) => {
                for (label, items) in
                    [("Nguyên nhân khách quan:", obj), ("Nguyên nhân chủ quan:", subj)]
                {
                    d.p(label, F { italic: true, ..F::default() });
                    for i in items {
                        d.p(&format!("- {i}"), F::default());
                    }
                }
            }
            C::Point(letter, title, inner) => {
                d.p(
                    &format!("{letter}) {title}"),
                    F { bold: party, italic: party, ..F::default() },
                );
                contents(d, inner, party);
            }
            C::Table(t) => table(d, t),
        }
    }
}

fn table(d: &mut Doc, t: &T) {
    let cb = F { center: true, bold: true, ..F::default() };
    d.p(t.title, cb);
    if let Some(u) = t.unit {
        d.p(u, F { right: true, italic: true, ..F::default() });
    }
    let merged = !t.sub.is_empty();
    let cols = 1 + t.top.iter().map(|(_, s)| s).sum::<usize>();
    let mut rows = vec![];
    let mut r1 = d.cell(&[("STT", cb)], 1, merged.then_some(true));
    for (h, span) in &t.top {
        let vm = (merged && *span == 1).then_some(true);
        r1.push_str(&d.cell(&[(h, cb)], *span, vm));
    }
    rows.push(r1);
    if merged {
        let mut r2 = d.cell(&[], 1, Some(false));
        let mut sub = t.sub.iter();
        for (_, span) in &t.top {
            if *span == 1 {
                r2.push_str(&d.cell(&[], 1, Some(false)));
            } else {
                for _ in 0..*span {
                    r2.push_str(&d.cell(&[(sub.next().unwrap(), cb)], 1, None));
                }
            }
        }
        rows.push(r2);
    }
    let c = F { center: true, ..F::default() };
    for (i, (label, values)) in t.rows.iter().enumerate() {
        let mut r = d.cell(&[(&(i + 1).to_string(), c)], 1, None);
        r.push_str(&d.cell(&[(label, F::default())], 1, None));
        for v in values {
            r.push_str(&d.cell(&[(&vn(*v), c)], 1, None));
        }
        rows.push(r);
    }
    if t.total {
        let mut r = d.cell(&[("Tổng cộng", cb)], 2, None);
        let n = t.rows[0].1.len();
        for k in 0..n {
            let mut sum: f64 = t.rows.iter().map(|(_, v)| v[k]).sum();
            if t.wrong && k == 0 {
                sum += 10.0;
            }
            r.push_str(&d.cell(&[(&vn(sum), cb)], 1, None));
        }
        rows.push(r);
    }
    d.table(rows, cols);
}

// ---------------------------------------------------------------- the corpus

fn party() -> Spec {
    Spec {
        name: "huyện ủy",
        profile: "hd36",
        superior: "Huyện ủy Long Phú Đông",
        issuing: "Ban Tuyên giáo",
        number: Some(27),
        type_code: "BC",
        issuer: "BTGHU",
        place: "Long Phú Đông",
        date: (14, 4, 2023),
        subject: vec![
            "sơ kết 03 năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị",
            "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        ],
        opening: "Thực hiện Hướng dẫn số 31-HD/BTGTU ngày 02/3/2023 của Ban Tuyên giáo Tỉnh ủy, Ban Tuyên giáo Huyện ủy báo cáo như sau:",
        parts: vec![
            (
                "Công tác lãnh đạo, chỉ đạo",
                vec![
                    ("Công tác quán triệt, triển khai", vec![
                        C::Para("Ban Thường vụ Huyện ủy ban hành kế hoạch thực hiện Chỉ thị, tổ chức hội nghị quán triệt cho cán bộ chủ chốt."),
                        C::Dash(vec!["Tổ chức 06 hội nghị với 1.245 lượt cán bộ, đảng viên tham dự", "Phát hành 3.500 tài liệu chuyên đề đến các chi bộ"]),
                    ]),
                    ("Công tác kiểm tra, giám sát", vec![C::Para("Các cấp ủy lồng ghép kiểm tra việc học tập và làm theo Bác vào chương trình kiểm tra hằng năm.")]),
                ],
            ),
            (
                "Kết quả thực hiện",
                vec![
                    ("Kết quả học tập chuyên đề", vec![
                        C::Table(T {
                            title: "Kết quả học tập chuyên đề qua các năm",
                            unit: Some("Đơn vị tính: lượt người"),
                            top: vec![("Đối tượng", 1), ("Năm 2021", 2), ("Năm 2022", 2)],
                            sub: vec!["Kế hoạch", "Thực hiện", "Kế hoạch", "Thực hiện"],
                            rows: vec![("Đảng viên", vec![4200.0, 4105.0, 4300.0, 4288.0]), ("Đoàn viên", vec![2650.0, 2590.0, 2700.0, 2702.0]), ("Hội viên", vec![5100.0, 4980.0, 5200.0, 5150.0])],
                            total: true,
                            wrong: false,
                        }),
                    ]),
                    ("Việc làm theo", vec![
                        C::Point("a", "Ưu điểm", vec![C::Para("Nhiều mô hình hay được nhân rộng, nhất là trong cải cách hành chính và xây dựng nông thôn mới.")]),
                        C::Point("b", "Hạn chế", vec![C::Dash(vec!["Một số chi bộ sinh hoạt chuyên đề còn hình thức", "Việc nhân rộng điển hình chưa thường xuyên"])]),
                    ]),
                    ("Nguyên nhân của hạn chế", vec![C::Causes(vec!["Địa bàn rộng, giao thông khó khăn"], vec!["Một số cấp ủy chưa quan tâm đúng mức", "Công tác kiểm tra chưa chặt chẽ"])]),
                ],
            ),
            (
                "Bài học kinh nghiệm",
                vec![("Những bài học rút ra", vec![C::Lessons(false, vec![
                    "phải có sự lãnh đạo chặt chẽ của cấp ủy, sự vào cuộc của cả hệ thống chính trị.",
                    "người đứng đầu phải gương mẫu, nói đi đôi với làm.",
                    "gắn việc học tập với giải quyết những vấn đề bức xúc ở cơ sở.",
                    "thường xuyên kiểm tra, biểu dương kịp thời điển hình tiêu biểu.",
                ])])],
            ),
            (
                "Phương hướng, giải pháp",
                vec![("Giải pháp trọng tâm", vec![C::Groups(
                    "Thời gian tới, Ban Tuyên giáo Huyện ủy tập trung thực hiện 03 nhóm giải pháp sau:",
                    vec![
                        ("Nâng cao nhận thức của cán bộ, đảng viên", vec!["Đổi mới hình thức học tập chuyên đề"]),
                        ("Phát huy vai trò nêu gương", vec!["Cán bộ chủ chốt đăng ký việc làm theo hằng năm", "Công khai kết quả tại chi bộ"]),
                        ("Tăng cường kiểm tra, giám sát", vec![]),
                    ],
                )])],
            ),
            (
                "Đề xuất, kiến nghị",
                vec![("Kiến nghị", vec![C::Proposals(vec![
                    ("Ban Tuyên giáo Tỉnh ủy", "biên soạn tài liệu chuyên đề sớm hơn để cơ sở chủ động."),
                    ("Ban Thường vụ Huyện ủy", "bố trí kinh phí cho việc nhân rộng mô hình."),
                ])])],
            ),
        ],
        sentence: "Trên đây là báo cáo sơ kết 03 năm thực hiện Chỉ thị 05-CT/TW của Ban Tuyên giáo Huyện ủy Long Phú Đông.",
        authority: Some(("K/T", "Trưởng ban")),
        title: "Phó Trưởng ban",
        signer: "Nguyễn Thị Thanh Hương",
        recipients: vec!["Ban Tuyên giáo Tỉnh ủy (b/c)", "Thường trực Huyện ủy (b/c)", "Các chi, đảng bộ cơ sở"],
        archive: "Văn phòng",
        annexes: vec![(
            "Danh sách tập thể, cá nhân tiêu biểu",
            T {
                title: "Số lượng được khen thưởng",
                unit: None,
                top: vec![("Cấp khen", 1), ("Tập thể", 1), ("Cá nhân", 1)],
                sub: vec![],
                rows: vec![("Huyện ủy", vec![12.0, 31.0]), ("Tỉnh ủy", vec![3.0, 7.0])],
                total: true,
                wrong: true,
            },
        )],
        how: How::default(),
    }
}

fn state() -> Spec {
    Spec {
        name: "ủy ban",
        profile: "nd30",
        superior: "Ủy ban nhân dân huyện Mỹ Xuyên Tây",
        issuing: "Phòng Văn hóa và Thông tin",
        number: Some(112),
        type_code: "BC",
        issuer: "VHTT",
        place: "Mỹ Xuyên Tây",
        date: (3, 11, 2022),
        subject: vec!["Kết quả thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm 2022"],
        opening: "Căn cứ Kế hoạch số 45/KH-UBND ngày 10/02/2022 của Ủy ban nhân dân huyện, Phòng Văn hóa và Thông tin báo cáo kết quả như sau:",
        parts: vec![
            (
                "Kết quả đạt được",
                vec![
                    ("Xây dựng gia đình văn hóa", vec![
                        C::Para("Toàn huyện có 21.560 hộ đạt danh hiệu gia đình văn hóa, đạt 94,5% tổng số hộ."),
                        C::Plus(vec!["Xã Hòa Tú: 2.310 hộ", "Xã Ngọc Đông: 1.980 hộ"]),
                        C::Table(T {
                            title: "Kết quả bình xét các danh hiệu",
                            unit: Some("Đơn vị tính: đơn vị"),
                            top: vec![("Danh hiệu", 1), ("Đăng ký", 1), ("Đạt", 1)],
                            sub: vec![],
                            rows: vec![("Ấp văn hóa", vec![86.0, 81.0]), ("Cơ quan đạt chuẩn văn hóa", vec![142.0, 139.0]), ("Khu dân cư kiểu mẫu", vec![12.0, 9.0])],
                            total: true,
                            wrong: false,
                        }),
                    ]),
                    ("Thiết chế văn hóa cơ sở", vec![C::Para("Có 11/11 xã, thị trấn có trung tâm văn hóa, thể thao hoạt động thường xuyên.")]),
                ],
            ),
            (
                "Tồn tại, hạn chế",
                vec![("Hạn chế", vec![C::Dash(vec!["Một số thiết chế văn hóa ấp xuống cấp", "Kinh phí cho phong trào còn hạn hẹp"])])],
            ),
            (
                "Phương hướng năm 2023",
                vec![("Nhiệm vụ trọng tâm", vec![C::Lessons(true, vec![
                    "nâng cao chất lượng bình xét danh hiệu văn hóa.",
                    "huy động xã hội hóa nguồn lực cho thiết chế văn hóa.",
                ])])],
            ),
        ],
        sentence: "Trên đây là báo cáo kết quả thực hiện phong trào năm 2022 của Phòng Văn hóa và Thông tin huyện Mỹ Xuyên Tây./.",
        authority: None,
        title: "Trưởng phòng",
        signer: "Trần Quốc Bảo",
        recipients: vec!["UBND huyện", "Sở Văn hóa, Thể thao và Du lịch", "Các xã, thị trấn"],
        archive: "VP",
        annexes: vec![],
        how: How::default(),
    }
}

fn corpus() -> Vec<(String, Spec)> {
    let mut out = vec![];
    for base in [party(), state()] {
        let variants: [(&str, How); 7] = [
            ("gõ tay", How::default()),
            ("số tự động", How { auto_numbers: true, ..How::default() }),
            ("tách run", How { split_runs: true, caps_property: true, ..How::default() }),
            ("đầu tab", How { header_tabs: true, ..How::default() }),
            ("TCVN3 .VnTime", How { legacy: 1, ..How::default() }),
            ("VNI-Times", How { legacy: 2, split_runs: true, ..How::default() }),
            ("TCVN3 trong Times", How { legacy: 3, auto_numbers: true, ..How::default() }),
        ];
        for (v, how) in variants {
            let mut s = base.clone();
            s.how = how;
            out.push((format!("{} / {v}", base.name), s));
        }
    }
    out
}

// ---------------------------------------------------------------- truth and recall

#[derive(Default, Clone, Copy)]
struct Score {
    found: usize,
    expected: usize,
}

impl Score {
    #[track_caller]
    fn add(&mut self, ok: bool) {
        self.expected += 1;
        self.found += usize::from(ok);
        if !ok && std::env::var_os("BAOCAO_CORPUS_VERBOSE").is_some() {
            eprintln!("  miss at {}", std::panic::Location::caller());
        }
    }
    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.found as f64 / self.expected as f64
        }
    }
}

const CATEGORIES: [&str; 6] = ["phần đầu", "dàn ý", "bài học", "bảng", "phần kết", "giữ nguyên"];

/// Scores the import of `spec` per category.
fn score(spec: &Spec, imp: &Imported) -> [Score; 6] {
    let r = &imp.report;
    let mut s = [Score::default(); 6];
    // Header.
    score_header(spec, &r.header, &mut s[0]);
    // Outline: every heading with its level, in order.
    let got = Found::of(r);
    let want = Wanted::of(spec);
    for w in &want.outline {
        s[1].add(got.outline.contains(w));
    }
    s[1].add(got.outline.len() == want.outline.len());
    s[1].add(r.annexes.len() == spec.annexes.len());
    for (i, (title, _)) in spec.annexes.iter().enumerate() {
        s[1].add(r.annexes.get(i).is_some_and(|a| up(&a.title) == up(title)));
    }
    // Lessons.
    for l in &want.lessons {
        s[2].add(got.lessons.iter().any(|g| g == l));
    }
    // Tables: title, unit, headers, each row, the totals row.
    score_tables(&want.tables, &got.tables, &mut s[3]);
    // Closing.
    score_closing(spec, &r.closing, &mut s[4]);
    // Plain paragraphs kept, in order.
    for p in &want.paras {
        s[5].add(got.kept.iter().any(|k| k == p));
    }
    s
}

/// A text in upper case, for comparisons that ignore case.
fn up(x: &str) -> String {
    x.to_uppercase()
}

/// Scores the imported header against `spec`.
fn score_header(spec: &Spec, h: &Header, s: &mut Score) {
    s.add(h.profile == spec.profile);
    s.add(h.superior_body.as_deref().map(up) == Some(up(spec.superior)));
    s.add(up(&h.issuing_body) == up(spec.issuing));
    s.add(h.number == spec.number);
    s.add(h.type_code == spec.type_code);
    s.add(h.issuer_code == spec.issuer);
    s.add(h.place == spec.place);
    let (d, m, y) = spec.date;
    s.add(h.date == NaiveDate::from_ymd_opt(y, m, d).unwrap());
    s.add(h.doc_type == "BÁO CÁO");
    s.add(h.subject == spec.subject.join("\n"));
}

/// What an import holds: the headings with their levels, the lessons, the tables and the
/// plain paragraphs, in order.
struct Found {
    outline: Vec<(u8, String)>,
    lessons: Vec<String>,
    tables: Vec<StatTable>,
    kept: Vec<String>,
}

impl Found {
    /// Gathers what the imported report `r` holds.
    fn of(r: &Report) -> Found {
        let mut got: Vec<(u8, String)> = vec![];
        let mut lessons: Vec<String> = vec![];
        let mut tables: Vec<StatTable> = vec![];
        let mut kept: Vec<String> = vec![];
        for div in &r.body.content {
            if let Division::Part(p) = div {
                got.push((1, up(&p.title)));
                for sec in &p.sections {
                    got.push((2, sec.title.clone()));
                    for pt in &sec.points {
                        got.push((3, pt.title.clone().unwrap_or_default()));
                    }
                }
            }
        }
        let mut walk = |blocks: &Vec<Block>| {
            for b in blocks {
                match b {
                    Block::Lessons(l) => lessons.extend(l.items.iter().cloned()),
                    Block::Table(t) => tables.push(t.clone()),
                    Block::Paragraph(p) => kept.push(p.text.clone()),
                    _ => {}
                }
            }
        };
        walk(&r.body.opening);
        for div in &r.body.content {
            if let Division::Part(p) = div {
                walk(&p.blocks);
                for sec in &p.sections {
                    walk(&sec.blocks);
                    for pt in &sec.points {
                        walk(&pt.blocks);
                    }
                }
            }
        }
        for a in &r.annexes {
            walk(&a.blocks);
        }
        Found { outline: got, lessons, tables, kept }
    }
}

/// What an import of a spec should hold (see [`Found`]).
struct Wanted<'a> {
    outline: Vec<(u8, String)>,
    lessons: Vec<&'a str>,
    tables: Vec<&'a T>,
    paras: Vec<&'a str>,
}

impl<'a> Wanted<'a> {
    /// Gathers what the import of `spec` should hold.
    fn of(spec: &'a Spec) -> Wanted<'a> {
        let mut want: Vec<(u8, String)> = vec![];
        let mut want_lessons = vec![];
        let mut want_tables: Vec<&T> = vec![];
        let mut want_paras: Vec<&str> = vec![spec.opening];
        fn collect<'a>(
            c: &'a [C],
            want: &mut Vec<(u8, String)>,
            ls: &mut Vec<&'a str>,
            ts: &mut Vec<&'a T>,
            ps: &mut Vec<&'a str>,
        ) {
            for x in c {
                match x {
                    C::Point(_, t, inner) => {
                        want.push((3, t.to_string()));
                        collect(inner, want, ls, ts, ps);
                    }
                    C::Lessons(_, items) => ls.extend(items.iter().copied()),
                    C::Table(t) => ts.push(t),
                    C::Para(p) => ps.push(p),
                    _ => {}
                }
            }
        }
        for (part, sections) in &spec.parts {
            want.push((1, up(part)));
            for (sec, c) in sections {
                want.push((2, sec.to_string()));
                collect(c, &mut want, &mut want_lessons, &mut want_tables, &mut want_paras);
            }
        }
        for (_, t) in &spec.annexes {
            want_tables.push(t);
        }
        Wanted { outline: want, lessons: want_lessons, tables: want_tables, paras: want_paras }
    }
}

/// Scores the imported tables against the wanted ones: title, unit, headers, each row, the
/// totals row.
fn score_tables(want_tables: &[&T], tables: &[StatTable], s: &mut Score) {
    for (i, t) in want_tables.iter().enumerate() {
        let g = tables.get(i);
        s.add(g.is_some_and(|g| g.title.as_deref() == Some(t.title)));
        s.add(g.is_some_and(|g| g.unit.as_deref() == t.unit));
        let headers: Vec<String> =
            g.map(|g| g.columns.iter().map(|c| c.header.clone()).collect()).unwrap_or_default();
        let want_h = t.headers();
        s.add(headers == want_h && g.is_some_and(|g| g.stt));
        for (k, (label, values)) in t.rows.iter().enumerate() {
            let ok = g.and_then(|g| g.rows.get(k)).is_some_and(|row| {
                row.first() == Some(&Cell::Text(label.to_string()))
                    && values.iter().enumerate().all(|(j, v)| match row.get(j + 1) {
                        Some(Cell::Number(n)) => n == v,
                        // A computed column: its cells stay empty.
                        Some(Cell::Empty) => {
                            g.is_some_and(|g| g.columns[j + 1].kind == ColumnKind::RowSum)
                        }
                        _ => false,
                    })
            });
            s.add(ok);
        }
        s.add(
            g.is_some_and(|g| g.rows.len() == t.rows.len() && (g.total_label.is_some() == t.total)),
        );
    }
}

/// Scores the imported closing `c` against `spec`.
fn score_closing(spec: &Spec, c: &Closing, s: &mut Score) {
    s.add(c.sentence == spec.sentence);
    s.add(match (&c.authority, spec.authority) {
        (None, None) => true,
        (Some(a), Some((_, of))) => up(&a.of) == up(of),
        _ => false,
    });
    s.add(up(&c.signer_title) == up(spec.title));
    s.add(c.signer_name == spec.signer);
    for rc in &spec.recipients {
        s.add(c.recipients.iter().any(|g| g == rc));
    }
    s.add(c.recipients.len() == spec.recipients.len());
    s.add(c.archive == spec.archive);
}

fn report_scores(rows: &[(String, [Score; 6])]) -> [Score; 6] {
    let mut total = [Score::default(); 6];
    eprintln!("{:<34} {}", "tệp", CATEGORIES.map(|c| format!("{c:>11}")).join(""));
    for (name, s) in rows {
        let cells: String = s.iter().map(|x| format!("{:>5}/{:<5}", x.found, x.expected)).collect();
        eprintln!("{name:<34} {cells}");
        for (t, x) in total.iter_mut().zip(s) {
            t.found += x.found;
            t.expected += x.expected;
        }
    }
    let cells: String = total.iter().map(|x| format!("{:>10.1}%", x.recall() * 100.0)).collect();
    eprintln!("{:<34} {cells}", "recall");
    total
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[test]
fn hand_typed_corpus_recall() {
    let mut rows = vec![];
    for (name, spec) in corpus() {
        let bytes = write(&spec);
        // The corpus imitates Word's files: it must be valid as Word's are (tests/ooxml).
        let bad = ooxml::check_docx(&bytes);
        assert!(
            bad.is_empty(),
            "{name}: not valid WordprocessingML: {:#?}",
            &bad[..bad.len().min(10)]
        );
        if let Ok(dir) = std::env::var("BAOCAO_CORPUS_OUT") {
            std::fs::write(format!("{dir}/{}.docx", name.replace([' ', '/', '.'], "_")), &bytes)
                .unwrap();
        }
        let imp = import_docx(&bytes, today()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(imp.summary.complete, "{name}: {:?}", imp.summary.warnings);
        if spec.how.legacy > 0 {
            assert!(imp.summary.converted > 10, "{name}: {} converted", imp.summary.converted);
            assert!(imp.summary.converted_from.is_some());
        }
        // The wrong total in the party annex is reported.
        if spec.annexes.iter().any(|(_, t)| t.wrong) {
            assert!(imp.summary.warnings.iter().any(|w| w.code == codes::IMPORT_TOTAL), "{name}");
        }
        // Every non-empty paragraph of the original is accounted for.
        let generated = imp
            .summary
            .source
            .iter()
            .filter(|l| l.mark == baocao_engine::import::Mark::Generated)
            .count();
        assert!(generated <= 6, "{name}: {generated} lines taken as generated");
        rows.push((name, score(&spec, &imp)));
    }
    let total = report_scores(&rows);
    // Measured: 100% in every category but the plain paragraphs (98%): TCVN3 read in a Unicode
    // font loses which marked letters were capitals mid-sentence ("của Ủy ban" comes back as
    // "của ủy ban"); sentence starts and words in capitals are restored.
    for (cat, t) in CATEGORIES.iter().zip(total) {
        let floor = if *cat == "giữ nguyên" { 0.97 } else { 0.999 };
        assert!(t.recall() >= floor, "recall of {cat}: {:.1}%", t.recall() * 100.0);
    }
}

/// Through LibreOffice: re-saved as DOCX (runs and styles rewritten) and saved as .doc (imported
/// through LibreOffice again).
#[test]
fn libreoffice_resaved_and_doc_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = vec![];
    for (name, spec) in corpus().into_iter().filter(|(n, _)| {
        n.ends_with("gõ tay") || n.ends_with("số tự động") || n.ends_with(".VnTime")
    }) {
        let src = dir.path().join(format!("{}.docx", name.replace([' ', '/', '.'], "_")));
        std::fs::write(&src, write(&spec)).unwrap();
        for target in ["docx:MS Word 2007 XML", "doc:MS Word 97"] {
            let out = dir.path().join("out");
            let st = std::process::Command::new("soffice")
                .arg(format!("-env:UserInstallation=file://{}/lo", dir.path().display()))
                .args(["--headless", "--convert-to", target, "--outdir"])
                .arg(&out)
                .arg(&src)
                .output()
                .expect("soffice (libreoffice-writer-nogui, scripts/setup.sh)");
            assert!(st.status.success());
            let ext = target.split(':').next().unwrap();
            let file = out.join(src.file_name().unwrap()).with_extension(ext);
            let imp = import_file(&file, today()).unwrap_or_else(|e| panic!("{name} {ext}: {e}"));
            rows.push((format!("{name} ({ext} LibreOffice)"), score(&spec, &imp)));
        }
    }
    let total = report_scores(&rows);
    // Measured: re-saved DOCX and .doc files (LibreOffice → .doc → LibreOffice → DOCX) come back
    // whole. (Before the generator ended the body with a paragraph, as Word always does,
    // LibreOffice's .doc export flattened the body's last table into one line.)
    let floors = [0.999; 6];
    for ((cat, t), floor) in CATEGORIES.iter().zip(total).zip(floors) {
        assert!(
            t.recall() >= floor,
            "recall of {cat} after LibreOffice: {:.1}%",
            t.recall() * 100.0
        );
    }
}
