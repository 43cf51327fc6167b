//! One shape for everything the engine finds wrong (issue 26 §2): the checks before export
//! (structure, form, content, spelling), the layout's warnings, the import of a Word file and the
//! compile of the units' files all report a [`Diagnostic`]: a stable code ([`codes`], listed in
//! `docs/diagnostics.md`), one [`Severity`] scale, a place (a report field and a span in it, or a
//! file, sheet and cell) named in Vietnamese words by the engine, a Vietnamese message, and where
//! one is safe a fix. The app and the `baocao` command only show, count and filter diagnostics by
//! code and severity; none reads a message to decide anything.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Block, Division, Part, Report, ResultItem, Section};

/// How serious a diagnostic is, one scale for every producer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth a look; the text may be right.
    Suggestion,
    /// Probably wrong; the export goes on.
    Warning,
    /// The export is refused (the office would send the report back, or the document cannot be
    /// written right); for a unit's file: its figures are not taken.
    Blocking,
}

impl Severity {
    /// The severity's name as the user reads it: «Lỗi», «Cảnh báo», «Gợi ý».
    pub fn label(self) -> &'static str {
        match self {
            Severity::Blocking => "Lỗi",
            Severity::Warning => "Cảnh báo",
            Severity::Suggestion => "Gợi ý",
        }
    }
}

/// One thing found wrong (or worth a look), with its place in words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Diagnostic {
    /// What kind of thing it is: a stable kebab-case code from [`codes`] (callers filter by it,
    /// never by the message).
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// The report field it is about, e.g. `body.content[1].sections[0].blocks[2].text`; empty
    /// for the whole report or for a place outside the report (a file).
    pub path: String,
    /// Where in the field's text, as `[start, end)` in UTF-16 units (as the editor counts).
    pub span: Option<[u32; 2]>,
    /// The file it is about (a unit's file, an imported file).
    pub file: Option<String>,
    /// The sheet of a unit's form.
    pub sheet: Option<String>,
    /// The cell of a unit's form ("C9").
    pub cell: Option<String>,
    /// The unit the file is from.
    pub unit: Option<String>,
    /// What is wrong and how to fix it, in Vietnamese.
    pub message: String,
    /// The place in Vietnamese words, as the app shows it («I. KẾT QUẢ… › 1. … › dòng 2»,
    /// ««x.xlsx», trang «Biểu 1», ô C9»); empty for the whole report.
    pub place_words: String,
    /// What replaces the span (or the whole field without a span) to fix it.
    pub fix: Option<String>,
    /// For a spelling diagnostic: the word, which the user may add to the dictionary.
    pub word: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with no place yet.
    pub fn new(code: &str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.to_string(),
            severity,
            path: String::new(),
            span: None,
            file: None,
            sheet: None,
            cell: None,
            unit: None,
            message: message.into(),
            place_words: String::new(),
            fix: None,
            word: None,
        }
    }

    /// A blocking diagnostic with no place yet.
    pub fn blocking(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Blocking, message)
    }

    /// A warning with no place yet.
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    /// The same diagnostic about a report field (its words are named by [`name_places`]).
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// The same diagnostic about a span of its field's text.
    pub fn spanning(mut self, span: [u32; 2]) -> Self {
        self.span = Some(span);
        self
    }

    /// The same diagnostic with a fix.
    pub fn with_fix(mut self, fix: Option<String>) -> Self {
        self.fix = fix;
        self
    }

    /// The same diagnostic placed at a sheet and cell of its file.
    pub fn at_cell(mut self, sheet: Option<String>, cell: Option<String>) -> Self {
        self.sheet = sheet;
        self.cell = cell;
        self.place_words = self.file_place_words();
        self
    }

    /// The same diagnostic about a file (none: the report itself) from a unit.
    pub fn in_file(mut self, file: Option<&str>, unit: Option<&str>) -> Self {
        self.file = file.map(str::to_string);
        self.unit = unit.map(str::to_string);
        self.place_words = self.file_place_words();
        self
    }

    /// Whether it refuses the export (or keeps a unit's figures out).
    pub fn is_blocking(&self) -> bool {
        self.severity == Severity::Blocking
    }

    /// The words of a place in a file: «x.xlsx», trang «Biểu 1», ô C9.
    fn file_place_words(&self) -> String {
        let mut place = Vec::new();
        if let Some(f) = &self.file {
            place.push(format!("«{f}»"));
        }
        if let Some(s) = &self.sheet {
            place.push(format!("trang «{s}»"));
        }
        if let Some(c) = &self.cell {
            place.push(format!("ô {c}"));
        }
        place.join(", ")
    }
}

/// «Lỗi: place: message», or «Lỗi: message» without a place: how the `baocao` command prints it.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = self.severity.label();
        if self.place_words.is_empty() {
            write!(f, "{level}: {}", self.message)
        } else {
            write!(f, "{level}: {}: {}", self.place_words, self.message)
        }
    }
}

/// Names the place of every diagnostic about a report field that has no words yet
/// ([`place_words`]).
pub fn name_places(report: &Report, list: &mut [Diagnostic]) {
    for d in list.iter_mut() {
        if d.place_words.is_empty() && !d.path.is_empty() {
            d.place_words = place_words(report, &d.path);
        }
    }
}

/// A report path's place in the words the app shows: the outline entries above it («I. KẾT
/// QUẢ… › 1. Công tác… › Kết quả và số liệu (khối 2) › dòng 2 › số liệu «… tổ chức cơ sở
/// đảng»»), then the field («Phần đầu (cơ quan, số, ngày, trích yếu) › trích yếu»).
pub fn place_words(report: &Report, path: &str) -> String {
    let segs = segments(path);
    let mut w = Words { refs: crate::flow::YearRefs::of(report), out: Vec::new() };
    match segs.as_slice() {
        [Seg::Key("header"), rest @ ..] => {
            w.push("Phần đầu (cơ quan, số, ngày, trích yếu)".into());
            w.fields(rest, Cur::Other);
        }
        [Seg::Key("body"), Seg::Key("opening"), rest @ ..] => {
            w.push("Mở đầu".into());
            w.fields(rest, Cur::Other);
        }
        [Seg::Key("body"), Seg::Key("content"), Seg::Index(i), rest @ ..]
            if *i < report.body.content.len() =>
        {
            w.division(report, *i, rest);
        }
        [Seg::Key("closing"), rest @ ..] => {
            w.push("Kết thúc, chữ ký, nơi nhận".into());
            w.fields(rest, Cur::Other);
        }
        [Seg::Key("footnotes"), Seg::Index(i), ..] if *i < report.footnotes.len() => {
            w.push(format!("Chú thích cuối trang «{}»", report.footnotes[*i].id));
        }
        [Seg::Key("annexes"), Seg::Index(i), rest @ ..] if *i < report.annexes.len() => {
            let annex = &report.annexes[*i];
            w.push(format!("Phụ lục {}: {}", i + 1, annex.title));
            w.blocks_then_fields(&annex.blocks, rest);
        }
        rest => w.fields(rest, Cur::Other),
    }
    w.out.join(" › ")
}

/// One step of a report path: a key or an index.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// `body.content[1].sections[0]` → body, content, 1, sections, 0.
fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, idx) = part.find('[').map_or((part, ""), |i| (&part[..i], &part[i..]));
        if !key.is_empty() {
            out.push(key.parse().map_or(Seg::Key(key), Seg::Index));
        }
        for n in idx.split('[').filter(|s| !s.is_empty()) {
            match n.trim_end_matches(']').parse() {
                Ok(n) => out.push(Seg::Index(n)),
                Err(_) => out.push(Seg::Key(n.trim_end_matches(']'))),
            }
        }
    }
    out
}

/// What the walk down a path is in, where the words need it.
#[derive(Clone, Copy)]
enum Cur<'a> {
    /// A block: its name, and its items for a result's figures.
    Block(&'a Block),
    /// A result's line: its text names its figures.
    Result(&'a ResultItem),
    /// Anything else.
    Other,
}

/// The words of a place, built along the path.
struct Words {
    /// The report's year references, shown as the years they stand for (as the outline does).
    refs: crate::flow::YearRefs,
    out: Vec<String>,
}

impl Words {
    fn push(&mut self, w: String) {
        self.out.push(w);
    }

    /// An outline label with its year references replaced.
    fn label(&mut self, text: String) {
        let t = self.refs.apply(&text);
        self.out.push(t);
    }

    /// A body division: «Phần thứ 2: …» with its parts, or a part numbered among the parts.
    fn division(&mut self, report: &Report, i: usize, rest: &[Seg]) {
        match &report.body.content[i] {
            Division::Phan(phan) => {
                self.label(format!("Phần thứ {}: {}", i + 1, phan.title));
                match rest {
                    [Seg::Key("parts"), Seg::Index(j), rest @ ..] if *j < phan.parts.len() => {
                        self.part(&phan.parts[*j], j + 1, rest);
                    }
                    _ => self.blocks_then_fields(&phan.blocks, rest),
                }
            }
            Division::Part(part) => {
                let n = report.body.content[..=i]
                    .iter()
                    .filter(|d| matches!(d, Division::Part(_)))
                    .count();
                self.part(part, n, rest);
            }
        }
    }

    /// A part «II. KẾT QUẢ…» and what is below it.
    fn part(&mut self, part: &Part, n: usize, rest: &[Seg]) {
        let title = crate::text::upper(&self.refs.apply(&part.title));
        self.label(format!("{}. {title}", crate::text::roman(n)));
        match rest {
            [Seg::Key("sections"), Seg::Index(j), rest @ ..] if *j < part.sections.len() => {
                self.section(&part.sections[*j], j + 1, rest);
            }
            _ => self.outlined_blocks(&part.blocks, rest),
        }
    }

    /// A section «1. …» and what is below it.
    fn section(&mut self, s: &Section, n: usize, rest: &[Seg]) {
        self.label(format!("{n}. {}", s.title));
        match rest {
            [Seg::Key("points"), Seg::Index(j), rest @ ..] if *j < s.points.len() => {
                let p = &s.points[*j];
                let title = p.title.as_deref().unwrap_or("(đoạn mở bằng chữ cái)");
                self.label(format!("{}) {title}", crate::text::viet_letter(j + 1)));
                self.blocks_then_fields(&p.blocks, rest);
            }
            _ => self.outlined_blocks(&s.blocks, rest),
        }
    }

    /// The blocks of a part or section: those the outline lists by their label, the others by
    /// their name and number.
    fn outlined_blocks(&mut self, blocks: &[Block], rest: &[Seg]) {
        match rest {
            [Seg::Key("blocks"), Seg::Index(b), rest @ ..] if *b < blocks.len() => {
                let block = &blocks[*b];
                match block_label(block) {
                    Some(l) => self.label(l),
                    None => self.push(format!("{} (khối {})", block_name(block), b + 1)),
                }
                self.fields(rest, Cur::Block(block));
            }
            _ => self.fields(rest, Cur::Other),
        }
    }

    /// The blocks of a node the outline does not list blocks of.
    fn blocks_then_fields(&mut self, blocks: &[Block], rest: &[Seg]) {
        match rest {
            [Seg::Key("blocks"), Seg::Index(b), rest @ ..] if *b < blocks.len() => {
                let block = &blocks[*b];
                if block_label(block).is_none() {
                    self.push(format!("{} (khối {})", block_name(block), b + 1));
                }
                self.fields(rest, Cur::Block(block));
            }
            _ => self.fields(rest, Cur::Other),
        }
    }

    /// The rest of a path below the outline: lines, groups, rows, figures, fields.
    fn fields(&mut self, rest: &[Seg], mut cur: Cur) {
        let mut i = 0;
        while i < rest.len() {
            match (rest[i], rest.get(i + 1).copied()) {
                (Seg::Key(k @ ("items" | "groups" | "rows")), Some(Seg::Index(n))) => {
                    let noun = match k {
                        "groups" => "nhóm",
                        "rows" => "hàng",
                        _ => "dòng",
                    };
                    self.push(format!("{noun} {}", n + 1));
                    cur = match cur {
                        Cur::Block(Block::Results(r)) if k == "items" => {
                            r.items.get(n).map_or(Cur::Other, Cur::Result)
                        }
                        _ => Cur::Other,
                    };
                    i += 2;
                }
                (Seg::Key("figures"), Some(Seg::Key(name))) => {
                    let text = match cur {
                        Cur::Result(r) => r.text.as_str(),
                        _ => "",
                    };
                    self.push(format!("số liệu «{}»", crate::flow::figure_words(text, name)));
                    cur = Cur::Other;
                    i += 2;
                }
                (Seg::Key(k), _) => {
                    self.push(field_words(k).unwrap_or(k).to_string());
                    cur = Cur::Other;
                    i += 1;
                }
                (Seg::Index(n), _) => {
                    self.push(format!("mục {}", n + 1));
                    cur = Cur::Other;
                    i += 1;
                }
            }
        }
    }
}

/// The words of a field's key («trích yếu», «câu dẫn», «nơi nhận»…).
fn field_words(key: &str) -> Option<&'static str> {
    Some(match key {
        "title" => "tên",
        "subject" => "trích yếu",
        "date" => "ngày ban hành",
        "number" => "số văn bản",
        "place" => "địa danh",
        "issuing_body" => "cơ quan ban hành",
        "issuing_body_full" => "tên đầy đủ của cơ quan",
        "superior_body" => "cơ quan cấp trên",
        "type_code" => "ký hiệu loại",
        "issuer_code" => "ký hiệu cơ quan",
        "doc_type" => "tên loại văn bản",
        "profile" => "thể thức",
        "intro" | "lead" => "câu dẫn",
        "text" => "nội dung",
        "signer" => "người ký",
        "recipients" => "nơi nhận",
        "unit" => "đơn vị tính",
        "total_label" => "dòng tổng",
        "period" => "kỳ báo cáo",
        "sentence" => "câu kết thúc",
        "authority" | "kind" => "hình thức ký",
        "of" => "thẩm quyền ký",
        "signer_title" => "chức vụ người ký",
        "signer_name" => "họ tên người ký",
        "archive" => "nơi lưu",
        "drafter" => "người soạn thảo",
        "urgency" => "độ khẩn",
        "draft" => "lần dự thảo",
        "not_public" => "chỉ dẫn phạm vi phổ biến",
        "columns" => "cột",
        "header" => "tên cột",
        "sum_of" => "các cột được cộng",
        "addressee" => "nơi được đề xuất",
        "objective" => "nguyên nhân khách quan",
        "subjective" => "nguyên nhân chủ quan",
        "body" => "nội dung báo cáo",
        "content" => "các mục",
        _ => return None,
    })
}

/// The Vietnamese name of a block's kind.
pub fn block_name(b: &Block) -> &'static str {
    match b {
        Block::Paragraph(_) => "Đoạn văn",
        Block::Lines(_) => "Các dòng gạch đầu dòng",
        Block::Results(_) => "Kết quả và số liệu",
        Block::Shortcomings(_) => "Hạn chế",
        Block::Causes(_) => "Nguyên nhân",
        Block::Lessons(_) => "Bài học kinh nghiệm",
        Block::SolutionGroups(_) => "Nhóm giải pháp",
        Block::Proposals(_) => "Đề xuất, kiến nghị",
        Block::Table(_) => "Bảng số liệu",
    }
}

/// The outline's label of a block it lists on its own; none for the others.
fn block_label(b: &Block) -> Option<String> {
    let two = |n: usize| if n < 10 { format!("0{n}") } else { n.to_string() };
    match b {
        Block::Lessons(l) => Some(format!("Bài học kinh nghiệm ({})", two(l.items.len()))),
        Block::SolutionGroups(g) => Some(format!("{} nhóm giải pháp", two(g.groups.len()))),
        Block::Table(t) => Some(format!("Bảng: {}", t.title.as_deref().unwrap_or("số liệu"))),
        Block::Proposals(_) => Some("Đề xuất, kiến nghị".into()),
        _ => None,
    }
}

/// Every diagnostic code, each said once: the constant's doc comment is its meaning, and
/// `docs/diagnostics.md` lists them with their severity and who reports them (a test keeps the
/// two in step). Codes from `templates/checks/rules.toml` are data there; they are listed here too.
pub mod codes {
    // The structure group of the checks (checks::structure).
    /// A structural problem of the report: a required field empty, a bad value, a wrong shape.
    pub const STRUCTURE: &str = "cau-truc";
    /// A blank «…» left from a template, to fill before sending.
    pub const BLANK: &str = "cho-trong";
    /// A field the format requires is empty (the title of a part, the subject, the issuer's code…).
    pub const REQUIRED: &str = "thieu-noi-dung";
    /// A list block (results, shortcomings, causes, lessons, solution groups…) with no item.
    pub const EMPTY_BLOCK: &str = "khoi-trong";
    /// A figure still to be filled for this period.
    pub const FIGURE_TO_UPDATE: &str = "cap-nhat-so-lieu";
    /// Text that looks typed in a legacy Vietnamese encoding (TCVN3, VNI).
    pub const LEGACY_ENCODING: &str = "bang-ma-cu";
    /// Punctuation typed where the profile adds its own (a recipient's end).
    pub const TYPED_ENDING: &str = "dau-cuoi-dong";
    /// A character the bundled font lacks (a field's text, or a page of the layout).
    pub const MISSING_GLYPH: &str = "thieu-ky-tu";

    // The form group (checks::form).
    /// The number and symbol: type code against the document type, the body's code.
    pub const NUMBER_SYMBOL: &str = "so-ky-hieu";
    /// The format (profile) chosen against the one in force on the document's date.
    pub const PROFILE: &str = "the-thuc";
    /// The subject line's case and shape.
    pub const SUBJECT: &str = "trich-yeu";
    /// The signing authority (TM., KT., TUQ.) against the signer and the body.
    pub const AUTHORITY: &str = "tham-quyen";
    /// The signer's name as written.
    pub const SIGNER_NAME: &str = "ho-ten-ky";
    /// The recipients' list.
    pub const RECIPIENTS: &str = "noi-nhan";
    /// The archive line («Lưu: VT, …»).
    pub const ARCHIVE: &str = "noi-luu";
    /// The issuing body's code against its name.
    pub const ISSUER_CODE: &str = "ma-co-quan";
    /// The legal bases cited in the opening.
    pub const LEGAL_BASIS: &str = "can-cu";

    // The content group (checks::content).
    /// Ordinals typed by hand that do not follow on.
    pub const ORDINAL: &str = "thu-tu";
    /// A figure in the text against the annexes' tables.
    pub const FIGURE: &str = "so-lieu";
    /// A date that does not exist.
    pub const DATE_INVALID: &str = "ngay-khong-co";
    /// A date after the document's date.
    pub const DATE_FUTURE: &str = "ngay-tuong-lai";
    /// A day or month written without its leading zero (or with a zero where none goes).
    pub const DATE_ZERO: &str = "ngay-so-0";
    /// A level of government abolished (rules.toml `abolished_level`).
    pub const ABOLISHED_LEVEL: &str = "cap-huyen";
    /// The number of solution groups claimed in the text (rules.toml `count`).
    pub const COUNT_GROUPS: &str = "so-nhom-giai-phap";
    /// The number of lessons claimed in the text (rules.toml `count`).
    pub const COUNT_LESSONS: &str = "so-bai-hoc";
    /// The number of proposals claimed in the text (rules.toml `count`).
    pub const COUNT_PROPOSALS: &str = "so-de-xuat";
    /// The number of years claimed against the period (rules.toml `count`).
    pub const COUNT_YEARS: &str = "so-nam";
    /// A footnote marker (`[^id]`) with no note of that id, or a note left empty.
    pub const NOTE_MISSING: &str = "chu-thich-thieu";
    /// A footnote that no marker refers to (it is not printed).
    pub const NOTE_UNUSED: &str = "chu-thich-thua";
    /// A footnote referred to a second time (only the first marker prints its number).
    pub const NOTE_REPEATED: &str = "chu-thich-lap";

    // The typing group (checks::typo, checks::rules).
    /// Decomposed Unicode (combining marks): to compose (NFC).
    pub const NFC: &str = "nfc";
    /// Brackets or quotes that do not pair.
    pub const BRACKETS: &str = "ngoac";
    /// Straight quotes in a document of curly quotes.
    pub const STRAIGHT_QUOTES: &str = "ngoac-thang";
    /// The tone mark placed the other way than the profile's (hoà / hòa).
    pub const TONE_MARK: &str = "dau-thanh";
    /// Two spaces in a row (rules.toml `substitution`).
    pub const DOUBLE_SPACE: &str = "hai-dau-cach";
    /// A space before a punctuation mark (rules.toml `substitution`).
    pub const SPACE_BEFORE_MARK: &str = "cach-truoc-dau";
    /// A space after an opening bracket (rules.toml `substitution`).
    pub const SPACE_AFTER_OPENING: &str = "cach-sau-ngoac-mo";
    /// No space after a comma, semicolon or colon (rules.toml `substitution`).
    pub const NO_SPACE_AFTER_MARK: &str = "thieu-cach-sau-dau";
    /// No space after a full stop (rules.toml `substitution`).
    pub const NO_SPACE_AFTER_STOP: &str = "thieu-cach-sau-cham";
    /// A decimal point written as a dot (rules.toml `substitution`).
    pub const DECIMAL_MARK: &str = "so-thap-phan";
    /// Thousands separated by a comma (rules.toml `substitution`).
    pub const THOUSANDS_MARK: &str = "so-hang-nghin";
    /// A large number without thousands separators (rules.toml `substitution`).
    pub const THOUSANDS_MISSING: &str = "so-chua-tach-nghin";
    /// A body's or title's name not capitalised as the rules say (rules.toml `names`).
    pub const NAME_CASE: &str = "viet-hoa-ten";
    /// «Nhân dân» meaning the people, with a small n (rules.toml `nhan_dan`).
    pub const NHAN_DAN: &str = "nhan-dan";
    /// A word the spelling dictionary does not know (or the dictionary is missing).
    pub const SPELLING: &str = "chinh-ta";

    // Reading a report file (load): the file is refused before any check.
    /// The file is not a report (empty, another program's file, not UTF-8, not JSON, too large).
    pub const NOT_A_REPORT: &str = "khong-phai-bao-cao";
    /// The file's schema version is newer than this program reads, or 0.
    pub const SCHEMA_VERSION: &str = "phien-ban-tep";
    /// A field holds a control character XML forbids.
    pub const CONTROL_CHAR: &str = "ky-tu-dieu-khien";
    /// A field is missing or has the wrong type or value.
    pub const FILE_SHAPE: &str = "sai-cau-truc-tep";
    /// A template cannot be read or filled (templates).
    pub const TEMPLATE: &str = "mau-bao-cao";

    // Import of a Word file (import::recognise).
    /// The header (bodies, number, date) was not recognised.
    pub const IMPORT_NO_HEADER: &str = "nhap-thieu-phan-dau";
    /// The signature and recipients were not recognised.
    pub const IMPORT_NO_CLOSING: &str = "nhap-thieu-phan-ky";
    /// The document's date was not read: today's date stands in.
    pub const IMPORT_NO_DATE: &str = "nhap-thieu-ngay";
    /// The file has images, which are not imported.
    pub const IMPORT_IMAGES: &str = "nhap-hinh-anh";
    /// The file has text boxes, imported as paragraphs.
    pub const IMPORT_TEXT_BOXES: &str = "nhap-hop-van-ban";
    /// Sections outside any part were put into an untitled part.
    pub const IMPORT_UNTITLED_PART: &str = "nhap-muc-chua-ten";
    /// Content after the signature without an annex label was put into an untitled annex.
    pub const IMPORT_UNTITLED_ANNEX: &str = "nhap-phu-luc-chua-ten";
    /// A table's merged header was flattened into one row.
    pub const IMPORT_MERGED_HEADER: &str = "nhap-tieu-de-gop";
    /// A table's total row did not add up: the sum is used.
    pub const IMPORT_TOTAL: &str = "nhap-tong-cong";
    /// A required field the Word file did not have: left as a blank «…» to fill.
    pub const IMPORT_BLANK: &str = "nhap-de-trong";

    // Units' files (collect::read, collect::compile).
    /// The file cannot be read (damaged, protected, not a form of this program, old Word file).
    pub const FILE_UNREADABLE: &str = "tep-khong-doc-duoc";
    /// A sheet of the form is missing (renamed or deleted).
    pub const SHEET_MISSING: &str = "thieu-trang";
    /// A figure's cell holds no whole number ≥ 0 (text, a formula, merged cells…).
    pub const BAD_CELL: &str = "o-khong-hop-le";
    /// The form does not name its unit.
    pub const NO_UNIT: &str = "thieu-ten-don-vi";
    /// The form belongs to another report.
    pub const OTHER_REPORT: &str = "bieu-mau-bao-cao-khac";
    /// The form was made from tables since changed: some cells no longer exist.
    pub const OLD_FORM: &str = "bieu-mau-cu";
    /// The form predates the last change of the tables but still matches.
    pub const OLD_FORM_MATCHING: &str = "bieu-mau-cu-van-khop";
    /// The compiling body's own report among the units' files.
    pub const OWN_REPORT: &str = "bao-cao-cua-minh";
    /// A unit's report with no table matching this report's.
    pub const NO_MATCHING_TABLE: &str = "khong-co-bang-trung";
    /// A form with every cell empty.
    pub const EMPTY_FORM: &str = "bieu-mau-trong";
    /// A unit's row breaks a rule of its table.
    pub const RULE_BROKEN: &str = "sai-quy-tac";
    /// A table's rule as written cannot be checked.
    pub const RULE_UNREADABLE: &str = "quy-tac-khong-doc-duoc";
    /// A unit not on the list of units that report.
    pub const UNLISTED_UNIT: &str = "don-vi-ngoai-danh-sach";
    /// The same unit sent twice: only the file changed last is taken.
    pub const SENT_TWICE: &str = "gui-hai-lan";
    /// A figure far off the unit's figure of the last period.
    pub const OUTLIER: &str = "so-lieu-bat-thuong";

    /// Every code, in the order of `docs/diagnostics.md`.
    pub const ALL: &[&str] = &[
        STRUCTURE,
        REQUIRED,
        EMPTY_BLOCK,
        BLANK,
        FIGURE_TO_UPDATE,
        LEGACY_ENCODING,
        TYPED_ENDING,
        MISSING_GLYPH,
        NUMBER_SYMBOL,
        PROFILE,
        SUBJECT,
        AUTHORITY,
        SIGNER_NAME,
        RECIPIENTS,
        ARCHIVE,
        ISSUER_CODE,
        LEGAL_BASIS,
        ORDINAL,
        FIGURE,
        DATE_INVALID,
        DATE_FUTURE,
        DATE_ZERO,
        ABOLISHED_LEVEL,
        COUNT_GROUPS,
        COUNT_LESSONS,
        COUNT_PROPOSALS,
        COUNT_YEARS,
        NOTE_MISSING,
        NOTE_UNUSED,
        NOTE_REPEATED,
        NFC,
        BRACKETS,
        STRAIGHT_QUOTES,
        TONE_MARK,
        DOUBLE_SPACE,
        SPACE_BEFORE_MARK,
        SPACE_AFTER_OPENING,
        NO_SPACE_AFTER_MARK,
        NO_SPACE_AFTER_STOP,
        DECIMAL_MARK,
        THOUSANDS_MARK,
        THOUSANDS_MISSING,
        NAME_CASE,
        NHAN_DAN,
        SPELLING,
        NOT_A_REPORT,
        SCHEMA_VERSION,
        CONTROL_CHAR,
        FILE_SHAPE,
        TEMPLATE,
        IMPORT_NO_HEADER,
        IMPORT_NO_CLOSING,
        IMPORT_NO_DATE,
        IMPORT_IMAGES,
        IMPORT_TEXT_BOXES,
        IMPORT_UNTITLED_PART,
        IMPORT_UNTITLED_ANNEX,
        IMPORT_MERGED_HEADER,
        IMPORT_TOTAL,
        IMPORT_BLANK,
        FILE_UNREADABLE,
        SHEET_MISSING,
        BAD_CELL,
        NO_UNIT,
        OTHER_REPORT,
        OLD_FORM,
        OLD_FORM_MATCHING,
        OWN_REPORT,
        NO_MATCHING_TABLE,
        EMPTY_FORM,
        RULE_BROKEN,
        RULE_UNREADABLE,
        UNLISTED_UNIT,
        SENT_TWICE,
        OUTLIER,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_keys_and_indexes() {
        assert_eq!(
            segments("body.content[0].sections[1].blocks[2].rows[3][4]"),
            vec![
                Seg::Key("body"),
                Seg::Key("content"),
                Seg::Index(0),
                Seg::Key("sections"),
                Seg::Index(1),
                Seg::Key("blocks"),
                Seg::Index(2),
                Seg::Key("rows"),
                Seg::Index(3),
                Seg::Index(4),
            ]
        );
        assert_eq!(segments(""), vec![]);
    }

    #[test]
    fn places_are_named_as_the_app_names_them() {
        let r = crate::sample::sample();
        let fig = "body.content[0].sections[0].blocks[1].items[1].figures.co_so";
        assert_eq!(
            place_words(&r, fig),
            "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN › 1. Công tác quán triệt, ban \
             hành văn bản lãnh đạo, chỉ đạo › Kết quả và số liệu (khối 2) › dòng 2 › số liệu «… \
             tổ chức cơ sở đảng»"
        );
        assert_eq!(
            place_words(&r, "header.subject"),
            "Phần đầu (cơ quan, số, ngày, trích yếu) › trích yếu"
        );
        assert_eq!(
            place_words(&r, "closing.recipients[2]"),
            "Kết thúc, chữ ký, nơi nhận › nơi nhận › mục 3"
        );
        let item = place_words(&r, "body.content[1].sections[0].blocks[0].items[1].text");
        assert!(item.starts_with("II. "), "{item}");
        assert!(item.contains("› 1. ") && item.ends_with("› dòng 2 › nội dung"), "{item}");
        // The find bar's places (its own copy of this naming was removed from the UI).
        assert_eq!(
            place_words(&r, "body.content[0].sections[0].blocks[1].items[1].text"),
            "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN › 1. Công tác quán triệt, ban \
             hành văn bản lãnh đạo, chỉ đạo › Kết quả và số liệu (khối 2) › dòng 2 › nội dung"
        );
        assert!(place_words(&r, "body.content[2].sections[3].blocks[0].items[1]")
            .ends_with("Bài học kinh nghiệm (04) › dòng 2"));
        assert_eq!(place_words(&r, ""), "");
        assert!(!place_words(&r, "body.content[9].title").contains('['));
    }

    #[test]
    fn a_file_place_names_file_sheet_and_cell() {
        let d = Diagnostic::blocking(codes::BAD_CELL, "có số âm (-1): số lượng không thể âm.")
            .in_file(Some("xa-a.xlsx"), Some("Xã A"))
            .at_cell(Some("Biểu 1".into()), Some("C9".into()));
        assert_eq!(d.place_words, "«xa-a.xlsx», trang «Biểu 1», ô C9");
        assert_eq!(
            d.to_string(),
            "Lỗi: «xa-a.xlsx», trang «Biểu 1», ô C9: có số âm (-1): số lượng không thể âm."
        );
    }

    #[test]
    fn every_code_is_in_the_docs_table_and_every_rule_id_is_a_code() {
        let docs = include_str!("../../../docs/diagnostics.md");
        let codes_section = docs.split("\n## Codes").nth(1).unwrap_or("");
        let table: Vec<&str> = codes_section
            .lines()
            .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
            .collect();
        assert_eq!(table, codes::ALL, "docs/diagnostics.md's table against codes::ALL");
        let rules = crate::checks::rules::builtin();
        let f = &rules.file;
        let ids = f
            .substitution
            .iter()
            .map(|s| s.id.as_str())
            .chain(rules.counts.iter().map(|(c, _)| c.id.as_str()))
            .chain([f.abolished_level.id.as_str()]);
        for id in ids {
            assert!(codes::ALL.contains(&id), "rules.toml's «{id}» is not in codes::ALL");
        }
    }

    #[test]
    fn every_code_is_kebab_case_and_said_once() {
        let mut seen = std::collections::HashSet::new();
        for c in codes::ALL {
            assert!(seen.insert(*c), "{c} twice");
            assert!(c
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'));
        }
    }
}
