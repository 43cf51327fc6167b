//! Reads a DOCX package into plain paragraphs and tables, as a reader sees them: the text with
//! Word's automatic numbers written in, soft line breaks, bold/italic/centred, page breaks, and
//! legacy-encoded text converted (by the run's font, or by the text itself).

use std::collections::HashMap;
use std::io::Read;

use roxmltree::{Document, Node};

use crate::legacy::{self, Legacy};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The most text read from the parts, all together (a zip bomb stops here; a real report's
/// parts are a few MB).
const MAX_PARTS_BYTES: u64 = 64 * 1024 * 1024;

/// The most XML nodes in the document part (a real report has well under 10⁶), and in each
/// other part: past these a hostile file would take GBs of memory.
const MAX_DOCUMENT_NODES: u32 = 2_000_000;
const MAX_PART_NODES: u32 = 250_000;

/// The deepest nesting of elements read (Word nests tables a few levels; the reader descends
/// by recursion, so a file nesting 100 000 elements would overflow the stack).
pub const MAX_DEPTH: usize = 256;

/// A paragraph as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawPara {
    /// Text, Word's automatic number first; "\n" for a soft line break.
    pub text: String,
    /// Most letters are bold.
    pub bold: bool,
    /// Most letters are italic.
    pub italic: bool,
    /// How many characters the text opens with in bold (after the automatic number).
    pub bold_prefix: usize,
    /// How many characters the text opens with in italic.
    pub italic_prefix: usize,
    /// Centred.
    pub center: bool,
    /// Aligned right.
    pub right: bool,
    /// Starts on a new page.
    pub page_break: bool,
    /// Word's automatic number ("I.", "1.", "a)", "-"), already at the start of `text`.
    pub label: Option<String>,
    /// The legacy encoding the text was converted from.
    pub converted: Option<Legacy>,
}

/// A table cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawCell {
    /// Its paragraphs (nested tables flattened).
    pub paras: Vec<RawPara>,
    /// Grid columns it spans.
    pub span: usize,
    /// It continues the merged cell above (vertical merge).
    pub merged_up: bool,
}

impl RawCell {
    /// The cell's text, paragraphs joined by "\n".
    pub fn text(&self) -> String {
        self.paras.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n")
    }
}

/// A table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawTable {
    /// Rows of cells.
    pub rows: Vec<Vec<RawCell>>,
    /// Starts on a new page.
    pub page_break: bool,
    /// Widths of the grid's columns (twips), as Word laid them out.
    pub grid: Vec<u32>,
}

/// A paragraph or a table.
#[derive(Debug, Clone, PartialEq)]
pub enum RawItem {
    /// A paragraph.
    Para(RawPara),
    /// A table.
    Table(RawTable),
}

/// The document as read.
#[derive(Debug, Clone, Default)]
pub struct RawDoc {
    /// The body in reading order.
    pub items: Vec<RawItem>,
    /// The document's author property (our own files write the issuing body's full name).
    pub creator: Option<String>,
    /// Pictures met (not imported).
    pub images: usize,
    /// Text boxes met (their text becomes paragraphs after the paragraph holding them).
    pub text_boxes: usize,
    /// The footnotes' texts in the order of their references: the text holds note `k`'s
    /// reference as the marker `[^k]` (k from 1) where Word has it.
    pub notes: Vec<String>,
}

/// Why a package could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not a zip package at all.
    NotZip,
    /// An OLE compound file: an old .doc, or a DOCX protected by a password.
    Ole {
        /// It holds an encrypted package (password).
        encrypted: bool,
    },
    /// A zip without `word/document.xml`.
    NoDocument,
    /// A part that is not well-formed XML, or a damaged zip.
    Corrupt(String),
}

/// For an OLE compound file (an old .doc, or a DOCX protected by a password), whether it holds
/// an encrypted package; `None` for any other file.
pub fn ole(bytes: &[u8]) -> Option<bool> {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return None;
    }
    // The encrypted package's stream is named "EncryptionInfo" (UTF-16 in the directory).
    let name: Vec<u8> = "EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes).collect();
    Some(bytes.windows(name.len()).any(|w| w == name.as_slice()))
}

/// Reads the package.
pub fn read(bytes: &[u8]) -> Result<RawDoc, ReadError> {
    if let Some(encrypted) = ole(bytes) {
        return Err(ReadError::Ole { encrypted });
    }
    if !bytes.starts_with(b"PK") {
        return Err(ReadError::NotZip);
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| ReadError::Corrupt("cấu trúc tệp nén bị hỏng hoặc tệp bị cắt cụt".into()))?;
    let mut budget = MAX_PARTS_BYTES;
    let mut part = |name: &str| -> Result<Option<String>, ReadError> {
        let Ok(f) = zip.by_name(name) else { return Ok(None) };
        let mut data = Vec::new();
        // One byte more than the budget tells a part that is too large.
        f.take(budget + 1)
            .read_to_end(&mut data)
            .map_err(|e| ReadError::Corrupt(format!("{name}: {}", inflate_error(&e))))?;
        if data.len() as u64 > budget {
            return Err(ReadError::Corrupt(format!(
                "{name}: nội dung giải nén lớn hơn {} MB, có thể là tệp nén độc hại",
                MAX_PARTS_BYTES >> 20
            )));
        }
        budget -= data.len() as u64;
        String::from_utf8(data)
            .map(Some)
            .map_err(|_| ReadError::Corrupt(format!("{name}: không phải văn bản UTF-8")))
    };
    let document = part("word/document.xml")?.ok_or(ReadError::NoDocument)?;
    let styles = part("word/styles.xml")?;
    let numbering = part("word/numbering.xml")?;
    let footnotes = part("word/footnotes.xml")?;
    let core = part("docProps/core.xml")?;

    fn xml<'a>(name: &str, s: &'a str, nodes_limit: u32) -> Result<Document<'a>, ReadError> {
        let opts =
            roxmltree::ParsingOptions { allow_dtd: false, nodes_limit, ..Default::default() };
        let d = Document::parse_with_options(s, opts)
            .map_err(|e| ReadError::Corrupt(format!("{name}: {}", xml_error(&e))))?;
        if too_deep(d.root(), MAX_DEPTH) {
            return Err(ReadError::Corrupt(format!(
                "{name}: các phần tử lồng nhau quá {MAX_DEPTH} tầng"
            )));
        }
        Ok(d)
    }
    let doc = xml("word/document.xml", &document, MAX_DOCUMENT_NODES)?;
    let styles_doc =
        styles.as_deref().map(|s| xml("word/styles.xml", s, MAX_PART_NODES)).transpose()?;
    let numbering_doc =
        numbering.as_deref().map(|s| xml("word/numbering.xml", s, MAX_PART_NODES)).transpose()?;
    let footnotes_doc =
        footnotes.as_deref().map(|s| xml("word/footnotes.xml", s, MAX_PART_NODES)).transpose()?;
    let creator = core.as_deref().and_then(|s| {
        let d = xml("docProps/core.xml", s, MAX_PART_NODES).ok()?;
        let c = d.descendants().find(|n| n.tag_name().name() == "creator")?.text()?.trim();
        (!c.is_empty()).then(|| c.to_string())
    });

    let mut reader = Reader {
        styles: styles_doc.as_ref().map(Styles::read).unwrap_or_default(),
        numbering: numbering_doc.as_ref().map(Numbering::read).unwrap_or_default(),
        counters: HashMap::new(),
        images: 0,
        text_boxes: 0,
        pending_break: false,
        footnotes: HashMap::new(),
        notes: Vec::new(),
    };
    if let Some(d) = &footnotes_doc {
        reader.footnotes = reader.read_footnotes(d);
    }
    let body = doc
        .root_element()
        .children()
        .find(|n| is_w(n, "body"))
        .ok_or_else(|| ReadError::Corrupt("word/document.xml: không có w:body".into()))?;
    let mut items = Vec::new();
    reader.block_children(body, &mut items);
    convert_detected(&mut items);
    // In Unicode text a soft hyphen is only a place to break a word (in TCVN3 it is ư).
    for_each_para(&mut items, &mut |p| {
        if p.converted.is_none() {
            p.text.retain(|c| c != '\u{AD}');
        }
    });
    Ok(RawDoc {
        items,
        creator,
        images: reader.images,
        text_boxes: reader.text_boxes,
        notes: reader.notes,
    })
}

/// Whether elements nest deeper than `limit` under `root` (walked without recursion).
fn too_deep(root: Node, limit: usize) -> bool {
    let mut node = root;
    let mut depth = 0usize;
    loop {
        if let Some(c) = node.first_child() {
            node = c;
            depth += 1;
            if depth > limit {
                return true;
            }
            continue;
        }
        loop {
            if depth == 0 {
                return false;
            }
            if let Some(s) = node.next_sibling() {
                node = s;
                break;
            }
            match node.parent() {
                Some(p) => {
                    node = p;
                    depth -= 1;
                }
                None => return false,
            }
        }
    }
}

/// What went wrong inflating a part, in Vietnamese.
pub(crate) fn inflate_error(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "dữ liệu nén bị cắt cụt",
        std::io::ErrorKind::InvalidData if e.to_string().contains("checksum") => {
            "dữ liệu nén sai mã kiểm tra (CRC)"
        }
        _ => "dữ liệu nén bị hỏng",
    }
}

/// What is wrong with a part's XML, in Vietnamese, with where.
fn xml_error(e: &roxmltree::Error) -> String {
    use roxmltree::Error as E;
    let pos = e.pos();
    let what = match e {
        E::DtdDetected => "có khai báo DTD (thực thể XML), tệp Word không có",
        E::NodesLimitReached => "quá nhiều phần tử, có thể là tệp độc hại",
        E::EntityReferenceLoop(_) => "thực thể XML tham chiếu vòng",
        E::UnexpectedEndOfStream => "XML bị cắt cụt",
        E::NonXmlChar(..) => "có ký tự không được phép trong XML",
        E::UnknownNamespace(..) => "dùng tiền tố không khai báo (namespace)",
        E::UnexpectedCloseTag(..) => "thẻ đóng không khớp thẻ mở",
        E::DuplicatedAttribute(..) => "thuộc tính lặp lại",
        _ => "XML không hợp lệ",
    };
    format!("{what} ở dòng {}, cột {}", pos.row, pos.col)
}

/// Converts the text not in a legacy font when the document's text, taken together, is legacy
/// (old files often typed TCVN3 in a Unicode font, or in a font Word replaced).
fn convert_detected(items: &mut [RawItem]) {
    let mut all = String::new();
    for_each_para(items, &mut |p| {
        if p.converted.is_none() {
            all.push_str(&p.text);
            all.push('\n');
        }
    });
    let document = legacy::detect(&all);
    for_each_para(items, &mut |p| {
        if p.converted.is_some()
            || p.text.is_ascii()
            || p.text.chars().any(legacy::unicode_vietnamese)
        {
            return;
        }
        // In a legacy document every paragraph is; elsewhere, a paragraph that is on its own.
        let Some(enc) = document.or_else(|| legacy::detect(&p.text)) else { return };
        let converted = legacy::convert_without_font(&p.text, enc);
        if converted != p.text {
            p.text = converted;
            p.converted = Some(enc);
        }
    });
}

/// Calls `f` on every paragraph, those in table cells included.
pub fn for_each_para(items: &mut [RawItem], f: &mut impl FnMut(&mut RawPara)) {
    for item in items {
        match item {
            RawItem::Para(p) => f(p),
            RawItem::Table(t) => {
                for cell in t.rows.iter_mut().flatten() {
                    cell.paras.iter_mut().for_each(&mut *f);
                }
            }
        }
    }
}

fn is_w(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is_w(c, name))
}

fn attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on_off(props: Node, name: &str) -> Option<bool> {
    child(props, name).map(|e| !matches!(attr(e, "val"), Some("0" | "false" | "off" | "none")))
}

/// Run properties that matter here.
#[derive(Debug, Clone, Default)]
struct RunProps {
    bold: Option<bool>,
    italic: Option<bool>,
    caps: Option<bool>,
    font: Option<String>,
}

impl RunProps {
    fn read(rpr: Node) -> Self {
        let font = child(rpr, "rFonts")
            .and_then(|f| attr(f, "ascii").or_else(|| attr(f, "hAnsi")).map(str::to_string));
        RunProps {
            bold: on_off(rpr, "b"),
            italic: on_off(rpr, "i"),
            caps: on_off(rpr, "caps"),
            font,
        }
    }

    /// `self` over `base`.
    fn over(&self, base: &RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            caps: self.caps.or(base.caps),
            font: self.font.clone().or_else(|| base.font.clone()),
        }
    }
}

/// A style's own properties and its parent.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    run: RunProps,
    align: Option<String>,
    num: Option<(String, u32)>,
}

/// The styles part: paragraph and character styles by id, the defaults.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    defaults: RunProps,
    default_para: Option<String>,
}

impl Styles {
    fn read(doc: &Document) -> Self {
        let mut s = Styles::default();
        let root = doc.root_element();
        if let Some(rpr) = child(root, "docDefaults")
            .and_then(|d| child(d, "rPrDefault"))
            .and_then(|d| child(d, "rPr"))
        {
            s.defaults = RunProps::read(rpr);
        }
        for st in root.children().filter(|c| is_w(c, "style")) {
            let Some(id) = attr(st, "styleId") else { continue };
            if attr(st, "default").is_some_and(|d| d == "1" || d == "true")
                && attr(st, "type") == Some("paragraph")
            {
                s.default_para = Some(id.to_string());
            }
            let ppr = child(st, "pPr");
            let style = Style {
                based_on: child(st, "basedOn").and_then(|b| attr(b, "val")).map(str::to_string),
                run: child(st, "rPr").map(RunProps::read).unwrap_or_default(),
                align: ppr
                    .and_then(|p| child(p, "jc"))
                    .and_then(|j| attr(j, "val"))
                    .map(str::to_string),
                num: ppr.and_then(|p| child(p, "numPr")).and_then(num_pr),
            };
            s.by_id.insert(id.to_string(), style);
        }
        s
    }

    /// A style's run properties with those it inherits (the defaults last).
    fn run(&self, id: Option<&str>) -> RunProps {
        let mut props = RunProps::default();
        let mut id = id.map(str::to_string);
        for _ in 0..16 {
            let Some(st) = id.as_ref().and_then(|i| self.by_id.get(i)) else { break };
            props = props.over(&st.run);
            id = st.based_on.clone();
        }
        props.over(&self.defaults)
    }

    /// A paragraph style's alignment and numbering, inherited.
    fn para(&self, id: Option<&str>) -> (Option<String>, Option<(String, u32)>) {
        let (mut align, mut num) = (None, None);
        let mut id = id.map(str::to_string);
        for _ in 0..16 {
            let Some(st) = id.as_ref().and_then(|i| self.by_id.get(i)) else { break };
            align = align.or_else(|| st.align.clone());
            num = num.or_else(|| st.num.clone());
            id = st.based_on.clone();
        }
        (align, num)
    }
}

/// `w:numPr` as (numId, ilvl); numId 0 switches numbering off.
fn num_pr(n: Node) -> Option<(String, u32)> {
    let id = child(n, "numId").and_then(|e| attr(e, "val"))?.to_string();
    let lvl =
        child(n, "ilvl").and_then(|e| attr(e, "val")).and_then(|v| v.parse().ok()).unwrap_or(0);
    Some((id, lvl))
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The numbering part: each list instance's levels.
#[derive(Debug, Default)]
struct Numbering {
    /// numId → levels (index = ilvl).
    lists: HashMap<String, Vec<Level>>,
}

impl Numbering {
    fn read(doc: &Document) -> Self {
        let root = doc.root_element();
        let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
        for a in root.children().filter(|c| is_w(c, "abstractNum")) {
            let Some(id) = attr(a, "abstractNumId") else { continue };
            abstracts.insert(id.to_string(), levels(a));
        }
        let mut lists = HashMap::new();
        for n in root.children().filter(|c| is_w(c, "num")) {
            let Some(id) = attr(n, "numId") else { continue };
            let Some(abs) = child(n, "abstractNumId").and_then(|a| attr(a, "val")) else {
                continue;
            };
            let mut lv = abstracts.get(abs).cloned().unwrap_or_default();
            for o in n.children().filter(|c| is_w(c, "lvlOverride")) {
                let Some(i) = attr(o, "ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if let Some(l) = child(o, "lvl") {
                    if let Some(level) = levels_one(l) {
                        if i < lv.len() {
                            lv[i] = level;
                        }
                    }
                }
                if let Some(s) = child(o, "startOverride").and_then(|s| attr(s, "val")) {
                    if let (Some(l), Ok(s)) = (lv.get_mut(i), s.parse()) {
                        l.start = s;
                    }
                }
            }
            lists.insert(id.to_string(), lv);
        }
        Numbering { lists }
    }
}

fn levels(a: Node) -> Vec<Level> {
    let mut out: Vec<Level> = Vec::new();
    for l in a.children().filter(|c| is_w(c, "lvl")) {
        let i = attr(l, "ilvl").and_then(|v| v.parse::<usize>().ok()).unwrap_or(out.len());
        if i > 9 {
            continue;
        }
        if out.len() <= i {
            out.resize(i + 1, Level::default());
        }
        if let Some(level) = levels_one(l) {
            out[i] = level;
        }
    }
    out
}

fn levels_one(l: Node) -> Option<Level> {
    let v = |name: &str| child(l, name).and_then(|e| attr(e, "val")).map(str::to_string);
    Some(Level {
        start: v("start").and_then(|s| s.parse().ok()).unwrap_or(1),
        format: v("numFmt").unwrap_or_else(|| "decimal".into()),
        text: v("lvlText").unwrap_or_default(),
    })
}

/// A number in a list format (Word writes numbers past its letters' and roman numerals' range
/// in decimal).
fn format_number(n: u32, format: &str) -> String {
    let format = match format {
        "upperRoman" | "lowerRoman" if n > 3999 => "decimal",
        "upperLetter" | "lowerLetter" if n > 780 => "decimal",
        f => f,
    };
    match format {
        "upperRoman" => crate::text::roman(n as usize),
        "lowerRoman" => crate::text::roman(n as usize).to_lowercase(),
        "upperLetter" | "lowerLetter" => {
            // Word's letters: a…z, then aa, bb…
            let n = n.max(1) - 1;
            let c = (b'a' + (n % 26) as u8) as char;
            let s: String = std::iter::repeat_n(c, (n / 26 + 1) as usize).collect();
            if format == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "decimalZero" => format!("{n:02}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// A bullet character as text (Symbol/Wingdings private-use codes become "•", "-" stays).
fn bullet(text: &str) -> String {
    match text.chars().next() {
        Some(c @ ('-' | '+' | '–' | '*' | '•' | '◦' | '▪' | '·')) => c.to_string(),
        Some('\u{F02D}') => "-".into(),
        Some('\u{F02B}') => "+".into(),
        _ => "•".into(),
    }
}

struct Reader {
    styles: Styles,
    numbering: Numbering,
    /// numId → the counters of its levels.
    counters: HashMap<String, Vec<u32>>,
    images: usize,
    text_boxes: usize,
    /// A page or section break ended the last paragraph: the next item starts a page.
    pending_break: bool,
    /// The texts of `word/footnotes.xml`'s notes by id (separators left out).
    footnotes: HashMap<String, String>,
    /// The texts of the notes referred to so far, in order.
    notes: Vec<String>,
}

/// Text gathered from runs, with how much of it is bold/italic.
#[derive(Default)]
struct Gather {
    text: String,
    letters: usize,
    bold: usize,
    italic: usize,
    /// Leading characters in bold / italic, while the run of them lasts.
    bold_prefix: Option<usize>,
    italic_prefix: Option<usize>,
    chars: usize,
    /// The legacy encoding a run was converted from, by its font.
    converted: Option<Legacy>,
    page_break: bool,
    /// Paragraphs of text boxes inside this paragraph.
    boxes: Vec<RawItem>,
}

impl Gather {
    /// Adds a footnote's marker: text that counts as no letter and breaks no bold or italic
    /// opening.
    fn push_marker(&mut self, marker: &str) {
        let n = marker.chars().count();
        for p in [&mut self.bold_prefix, &mut self.italic_prefix].into_iter().flatten() {
            if *p == self.chars {
                *p += n;
            }
        }
        self.chars += n;
        self.text.push_str(marker);
    }

    fn push(&mut self, text: &str, bold: bool, italic: bool) {
        let n = text.chars().count();
        let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
        self.letters += letters;
        if bold {
            self.bold += letters;
        }
        if italic {
            self.italic += letters;
        }
        let blank = text.trim().is_empty();
        for (prefix, on) in [(&mut self.bold_prefix, bold), (&mut self.italic_prefix, italic)] {
            match prefix {
                None if on || (blank && self.chars == 0) => *prefix = Some(n),
                Some(p) if *p == self.chars && (on || blank) => *p += n,
                None => *prefix = Some(0),
                _ => {}
            }
        }
        self.chars += n;
        self.text.push_str(text);
    }
}

impl Reader {
    /// The text of each note of `word/footnotes.xml` by its id: its paragraphs joined by line
    /// breaks, without Word's separators, the note's own number, or the empty brackets left
    /// around that number ("(¹)").
    fn read_footnotes(&mut self, doc: &Document) -> HashMap<String, String> {
        let mut out = HashMap::new();
        for note in doc.root_element().children().filter(|n| is_w(n, "footnote")) {
            if attr(note, "type").is_some_and(|t| t != "normal") {
                continue;
            }
            let Some(id) = attr(note, "id") else { continue };
            let mut paras = Vec::new();
            for p in note.children().filter(|n| is_w(n, "p")) {
                let mut g = Gather::default();
                let style =
                    child(p, "pPr").and_then(|p| child(p, "pStyle")).and_then(|s| attr(s, "val"));
                let para_run = self.styles.run(style);
                self.inline(p, &para_run, &mut g);
                let text = g.text.replace('\u{AD}', "");
                let text = text.trim();
                if !text.is_empty() {
                    paras.push(text.to_string());
                }
            }
            let text = paras.join("\n");
            let text = text.strip_prefix("()").unwrap_or(&text).trim_start();
            out.insert(id.to_string(), text.to_string());
        }
        out
    }

    /// Reads the block-level children of the body, a cell, a text box or a content control.
    fn block_children(&mut self, parent: Node, out: &mut Vec<RawItem>) {
        for n in parent.children().filter(|n| n.is_element()) {
            if is_w(&n, "p") {
                self.paragraph(n, out);
            } else if is_w(&n, "tbl") {
                let t = self.table(n);
                out.push(RawItem::Table(t));
            } else if is_w(&n, "sdt") {
                if let Some(c) = child(n, "sdtContent") {
                    self.block_children(c, out);
                }
            } else if is_w(&n, "customXml") || is_w(&n, "ins") || is_w(&n, "moveTo") {
                self.block_children(n, out);
            }
        }
    }

    fn table(&mut self, tbl: Node) -> RawTable {
        let mut t =
            RawTable { page_break: std::mem::take(&mut self.pending_break), ..Default::default() };
        if let Some(g) = child(tbl, "tblGrid") {
            t.grid = g
                .children()
                .filter(|c| is_w(c, "gridCol"))
                .map(|c| attr(c, "w").and_then(|w| w.parse::<f64>().ok()).unwrap_or(0.0) as u32)
                .collect();
        }
        for tr in tbl.children().filter(|c| is_w(c, "tr")) {
            let mut row = Vec::new();
            for tc in tr.children().filter(|c| is_w(c, "tc") || is_w(c, "sdt")) {
                let tc = if is_w(&tc, "sdt") {
                    match child(tc, "sdtContent").and_then(|c| child(c, "tc")) {
                        Some(t) => t,
                        None => continue,
                    }
                } else {
                    tc
                };
                let pr = child(tc, "tcPr");
                let span = pr
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(|g| attr(g, "val"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1usize)
                    .clamp(1, 64);
                let merged_up = pr
                    .and_then(|p| child(p, "vMerge"))
                    .is_some_and(|m| attr(m, "val").is_none_or(|v| v == "continue"));
                let mut items = Vec::new();
                self.block_children(tc, &mut items);
                let mut paras = Vec::new();
                flatten(items, &mut paras);
                row.push(RawCell { paras, span, merged_up });
            }
            t.rows.push(row);
        }
        t
    }

    fn paragraph(&mut self, p: Node, out: &mut Vec<RawItem>) {
        let ppr = child(p, "pPr");
        let style_id = ppr.and_then(|p| child(p, "pStyle")).and_then(|s| attr(s, "val"));
        let style_id = style_id.map(str::to_string).or_else(|| self.styles.default_para.clone());
        let (style_align, style_num) = self.styles.para(style_id.as_deref());
        let align = ppr
            .and_then(|p| child(p, "jc"))
            .and_then(|j| attr(j, "val"))
            .map(str::to_string)
            .or(style_align);
        let para_run = self.styles.run(style_id.as_deref());
        let mark_run = ppr.and_then(|p| child(p, "rPr")).map(RunProps::read).unwrap_or_default();
        let num = ppr.and_then(|p| child(p, "numPr")).and_then(num_pr).or(style_num);
        let mut g =
            Gather { page_break: std::mem::take(&mut self.pending_break), ..Default::default() };
        if ppr.is_some_and(|p| on_off(p, "pageBreakBefore") == Some(true)) {
            g.page_break = true;
        }
        let label = num.and_then(|(id, lvl)| self.label(&id, lvl));
        if let Some(l) = &label {
            // The number takes the formatting of the paragraph mark.
            let r = mark_run.over(&para_run);
            let text = format!("{l} ");
            g.push(&text, r.bold == Some(true), r.italic == Some(true));
        }
        self.inline(p, &para_run, &mut g);
        // A section break in the paragraph: what follows starts a new page (usually).
        if ppr.is_some_and(|p| child(p, "sectPr").is_some()) {
            self.pending_break = true;
        }
        let text = g.text.trim_end_matches([' ', '\t']).to_string();
        let letters = g.letters.max(1);
        let para = RawPara {
            bold: g.bold * 2 > letters && g.bold > 0,
            italic: g.italic * 2 > letters && g.italic > 0,
            bold_prefix: g.bold_prefix.unwrap_or(0),
            italic_prefix: g.italic_prefix.unwrap_or(0),
            center: matches!(align.as_deref(), Some("center")),
            right: matches!(align.as_deref(), Some("right" | "end")),
            page_break: g.page_break,
            label,
            converted: g.converted,
            text,
        };
        out.push(RawItem::Para(para));
        out.append(&mut g.boxes);
    }

    /// The automatic number of a paragraph in list `id` at level `lvl`, counting it.
    fn label(&mut self, id: &str, lvl: u32) -> Option<String> {
        if id == "0" {
            return None;
        }
        let levels = self.numbering.lists.get(id)?;
        let lvl = lvl as usize;
        let level = levels.get(lvl)?;
        let counters = self.counters.entry(id.to_string()).or_default();
        if counters.len() < levels.len() {
            counters.resize(levels.len(), 0);
        }
        for (i, c) in counters.iter_mut().enumerate() {
            if i == lvl {
                *c = if *c == 0 { level.start } else { c.saturating_add(1) };
            } else if i > lvl {
                *c = 0;
            }
        }
        if level.format == "bullet" {
            return Some(bullet(&level.text));
        }
        let mut text = level.text.clone();
        for (i, l) in levels.iter().enumerate().take(9) {
            let key = format!("%{}", i + 1);
            if text.contains(&key) {
                let n = if counters[i] == 0 { l.start } else { counters[i] };
                text = text.replace(&key, &format_number(n, &l.format));
            }
        }
        (!text.trim().is_empty()).then_some(text)
    }

    /// Reads runs and what holds them (links, insertions, fields, content controls).
    fn inline(&mut self, parent: Node, para_run: &RunProps, g: &mut Gather) {
        for n in parent.children().filter(|n| n.is_element()) {
            let name = n.tag_name().name();
            if n.tag_name().namespace() == Some(MC) && name == "AlternateContent" {
                // The choice (DrawingML) holds the same content as the fallback (VML).
                if let Some(choice) = n.children().find(|c| c.tag_name().name() == "Choice") {
                    self.inline(choice, para_run, g);
                }
                continue;
            }
            if n.tag_name().namespace() != Some(W) {
                self.objects(n, g);
                continue;
            }
            match name {
                "r" => self.run(n, para_run, g),
                "del" | "moveFrom" | "pPr" | "rPr" | "proofErr" | "bookmarkStart"
                | "bookmarkEnd" => {}
                "drawing" | "pict" | "object" => self.objects(n, g),
                _ => self.inline(n, para_run, g),
            }
        }
    }

    /// Pictures and text boxes inside a drawing.
    fn objects(&mut self, n: Node, g: &mut Gather) {
        let boxes: Vec<Node> = n.descendants().filter(|d| is_w(d, "txbxContent")).collect();
        if boxes.is_empty() {
            if n.descendants().any(|d| matches!(d.tag_name().name(), "blip" | "imagedata")) {
                self.images += 1;
            }
            return;
        }
        for b in boxes {
            // Nested boxes are read with their outer box.
            if b.ancestors().skip(1).any(|a| is_w(&a, "txbxContent")) {
                continue;
            }
            self.text_boxes += 1;
            let mut items = Vec::new();
            self.block_children(b, &mut items);
            g.boxes.extend(items);
        }
    }

    fn run(&mut self, r: Node, para_run: &RunProps, g: &mut Gather) {
        let own = child(r, "rPr").map(RunProps::read).unwrap_or_default();
        let char_style = child(r, "rPr")
            .and_then(|p| child(p, "rStyle"))
            .and_then(|s| attr(s, "val"))
            .map(|id| self.styles.run(Some(id)));
        let props = match char_style {
            Some(cs) => own.over(&cs).over(para_run),
            None => own.over(para_run),
        };
        let mut text = String::new();
        let mut note = None;
        for c in r.children().filter(|c| c.is_element()) {
            match c.tag_name().name() {
                "t" if is_w(&c, "t") => text.push_str(c.text().unwrap_or("")),
                "tab" | "ptab" => text.push('\t'),
                "br" => {
                    if matches!(attr(c, "type"), Some("page") | Some("column")) {
                        if g.text.trim().is_empty() && text.trim().is_empty() {
                            g.page_break = true;
                        } else {
                            self.pending_break = true;
                        }
                    } else {
                        text.push('\n');
                    }
                }
                "cr" => text.push('\n'),
                "noBreakHyphen" => text.push('-'),
                // TCVN3's ư is the soft hyphen's code, which LibreOffice writes as this element.
                "softHyphen" => text.push('\u{AD}'),
                "sym" => {
                    let code = attr(c, "char").and_then(|h| u32::from_str_radix(h, 16).ok());
                    text.push_str(&bullet(
                        &code.and_then(char::from_u32).unwrap_or('•').to_string(),
                    ));
                }
                "drawing" | "pict" | "object" => self.objects(c, g),
                "AlternateContent" => {
                    // As in `inline`: the choice only, not its fallback's copy of the text.
                    if let Some(choice) = c.children().find(|k| k.tag_name().name() == "Choice") {
                        self.inline(choice, para_run, g);
                    }
                }
                "footnoteReference" if is_w(&c, "footnoteReference") => {
                    note = attr(c, "id").and_then(|id| self.footnotes.get(id)).cloned();
                }
                _ => {}
            }
        }
        if let Some(note) = note {
            self.run_text(text, &props, g);
            self.notes.push(note);
            g.push_marker(&format!("[^{}]", self.notes.len()));
            return;
        }
        self.run_text(text, &props, g);
    }

    /// Adds a run's text, converted from a legacy encoding by the run's font if it has one.
    fn run_text(&mut self, mut text: String, props: &RunProps, g: &mut Gather) {
        if text.is_empty() {
            return;
        }
        if let Some((enc, capitals)) = props.font.as_deref().and_then(legacy::font_encoding) {
            // A VNI mark may open a run when Word split the letter from its mark ("SA|ÛN"):
            // it joins the letter ending the text so far.
            if enc == Legacy::Vni && g.converted.is_some() && text.starts_with(legacy::is_vni_mark)
            {
                if let Some(last) = g.text.pop() {
                    g.chars -= 1;
                    text.insert(0, last);
                }
            }
            let converted = legacy::convert(&text, enc, capitals);
            if converted != text {
                g.converted = Some(enc);
            }
            text = converted;
        }
        if props.caps == Some(true) {
            text = text.to_uppercase();
        }
        g.push(&text, props.bold == Some(true), props.italic == Some(true));
    }
}

/// Paragraphs of `items`, tables' cells written out row by row.
fn flatten(items: Vec<RawItem>, out: &mut Vec<RawPara>) {
    for item in items {
        match item {
            RawItem::Para(p) => out.push(p),
            RawItem::Table(t) => {
                for cell in t.rows.into_iter().flatten() {
                    out.extend(cell.paras);
                }
            }
        }
    }
}
