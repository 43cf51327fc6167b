//! The report model: one semantic tree (header, body, closing, annexes) that every writer reads.
//!
//! Nothing generated is stored here: ordinal words ("Một là"), numbering (I., 1., a), đ)),
//! counts ("06 nhóm"), totals and formatted figures are derived when writing. [`walk`] visits the
//! tree in reading order with each node's path.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub mod walk;

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A report document as saved in a `.json` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Version of this file format; files from a newer version are refused, older ones migrated.
    pub schema_version: u32,
    /// Header block: bodies, number, place and date, document type, subject.
    pub header: Header,
    /// The body tree: an opening paragraph then parts (optionally grouped in "Phần").
    pub body: Body,
    /// Closing sentence, signature block and recipients.
    pub closing: Closing,
    /// Statistics annexes (phụ lục), each starting on a new page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annexes: Vec<Annex>,
    /// The period reported on, for the computed year references in the text ("[từ năm]").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The units expected to report their figures, and what they sent ("tổng hợp").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<Collection>,
    /// The footnotes' texts, referred to from any text of the report by `[^id]` (see
    /// [`Footnote`]); empty for a report without footnotes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Footnote>,
}

/// A footnote (chú thích cuối trang). The text that it annotates holds a marker `[^id]` where
/// the reference goes (`… 36 Nghị quyết QPPL[^4], …`), in any body text (paragraphs, list lines,
/// results, headings, the closing sentence); the note's text is kept here, once. The writers
/// number the notes 1, 2, 3… in the order of their references in the document (the `id` is only
/// a name: "1", "nguon"…), print a superscript number at the reference and the note at the foot
/// of the page. A marker without a note here, or a note nothing refers to, is a check finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    /// The name its markers use: `[^3]` refers to the note with id "3".
    pub id: String,
    /// The note's text, with the body's inline emphasis; "\n" is a line break.
    pub text: String,
}

/// The units that report to this body, and the figures they sent, for compiling the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Collection {
    /// Identifier written into this report's forms, to tell them from other reports' forms.
    pub id: String,
    /// The units expected to report, in the order the board lists them.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// The day units' reports are due; later ones are counted late.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
    /// The figures each unit sent for this period (by field key), as last compiled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub received: Vec<UnitFigures>,
    /// The figures each unit sent for the previous period, for the outlier check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous: Vec<UnitFigures>,
}

/// A unit expected to report, e.g. "Đảng ủy xã Hòa Lợi".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The unit's name as it appears in the forms and the breakdown annex.
    pub name: String,
    /// What kind of unit it is, e.g. "Đảng bộ xã", "Chi bộ cơ quan".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Who to call or write to about its report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// One unit's figures for a period, by field key (see `collect::fields`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct UnitFigures {
    /// The unit's name.
    pub unit: String,
    /// The file the figures came from.
    #[serde(default)]
    pub file: String,
    /// Figures by field key.
    pub values: BTreeMap<String, f64>,
}

/// The years a report covers. Text refers to them with computed references written in square
/// brackets, replaced when the report is written and moved on by "next period's report":
/// `[năm]` (year of the report's date), `[năm trước]`, `[năm sau]`, `[từ năm]`, `[đến năm]`,
/// `[số năm]` (end − start, at least 1: "03"), `[các năm]` (every year: "2016, 2017, 2018, 2019").
/// Statistics tables may have one column per year of the period ([`Column::year`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First year of the period.
    pub start_year: i32,
    /// Last year of the period.
    pub end_year: i32,
}

impl Period {
    /// Every year of the period, in order: 2016–2019 → 2016, 2017, 2018, 2019 (none when the
    /// end comes before the start).
    pub fn years(&self) -> Vec<i32> {
        (self.start_year..=self.end_year).collect()
    }

    /// The length as reports count it («sơ kết 03 năm» for 2016–2019): end − start, at least 1.
    pub fn span(&self) -> i32 {
        (self.end_year - self.start_year).max(1)
    }
}

/// The header block of page 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Id of the format profile: "dang" (Party, the guidance in force on `date`: HD 36 before
    /// 27/5/2026, HD 05 from then), "hd36" or "hd05" (that Party guidance whatever the date),
    /// "nd30" (State), or a user profile.
    pub profile: String,
    /// Directly superior body, e.g. "Huyện ủy Cầu Ngang"; none for a body without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superior_body: Option<String>,
    /// Issuing body as printed in the header, e.g. "Ban Tuyên giáo"; "\n" forces a line break.
    pub issuing_body: String,
    /// Full name of the issuing body for citations and document properties,
    /// e.g. "Ban Tuyên giáo Huyện ủy Cầu Ngang".
    pub issuing_body_full: String,
    /// Registered document number; none while the clerk has not assigned it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// Document type code in the number, e.g. "BC".
    pub type_code: String,
    /// Issuing body code in the number, e.g. "BTGHU" or "UBND".
    pub issuer_code: String,
    /// Place name in the date line, e.g. "Cầu Ngang".
    pub place: String,
    /// Date of issue (YYYY-MM-DD).
    pub date: NaiveDate,
    /// Document type name, e.g. "BÁO CÁO".
    #[serde(default = "default_doc_type")]
    pub doc_type: String,
    /// Subject line (trích yếu); "\n" marks a chosen line break.
    pub subject: String,
    /// Urgency mark printed under the number («KHẨN»); none for an ordinary document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// Draft round printed under the number («Dự thảo lần 2»); none for the final text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<u32>,
    /// Print «Không phổ biến trên phương tiện thông tin đại chúng» where the profile places it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_public: bool,
    /// Addressees printed under the subject after «Kính gửi:» («Kính trình:» for a tờ trình under
    /// HD 05), one per line, without punctuation (the profile adds it); empty for none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<String>,
}

impl Header {
    /// Whether the document is a letter (công văn), the one type printed without a type name.
    pub fn is_letter(&self) -> bool {
        self.doc_type.trim().is_empty()
    }

    /// Whether the document is a report («BÁO CÁO…»): a report ends with a closing sentence; a
    /// submission, a plan or a letter need not.
    pub fn is_report(&self) -> bool {
        crate::text::upper(self.doc_type.trim()).starts_with("BÁO CÁO")
    }
}

/// How urgently a document must travel (dấu chỉ mức độ khẩn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// «Khẩn».
    Khan,
    /// «Thượng khẩn».
    ThuongKhan,
    /// «Hỏa tốc».
    HoaToc,
}

fn default_doc_type() -> String {
    "BÁO CÁO".to_string()
}

/// The body of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Blocks before the first heading ("Thực hiện Kế hoạch số …, … báo cáo như sau:").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opening: Vec<Block>,
    /// Parts (I., II., …), or "Phần" groups holding parts; not both.
    pub content: Vec<Division>,
}

/// A top-level division of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Division {
    /// "Phần thứ nhất" with a title, holding parts (long reports).
    Phan(Phan),
    /// A part with a Roman numeral: "I. KẾT QUẢ THỰC HIỆN".
    Part(Part),
}

/// A "Phần" group: "Phần thứ nhất" / title, then its parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Phan {
    /// Title line under "Phần thứ …", e.g. "Kết quả 03 năm thực hiện Chỉ thị 05".
    pub title: String,
    /// Guidance for whoever fills this part (from a template); shown in the editor, never printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Blocks before the first part of this Phần.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Parts; their Roman numerals restart in each Phần.
    #[serde(default)]
    pub parts: Vec<Part>,
}

/// A part (mục): Roman numeral, title in capitals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Title as typed; the profile sets its case.
    pub title: String,
    /// Guidance for whoever fills this part (from a template); shown in the editor, never printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Blocks under the title, before the first section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Numbered sections (1., 2., …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

/// A numbered section (khoản): "1. Công tác quán triệt, triển khai".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Title in sentence case.
    pub title: String,
    /// Guidance for whoever fills this part (from a template); shown in the editor, never printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Blocks under the title, before the first point.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Lettered points (a), b), …, đ), …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<Point>,
}

/// A lettered point (điểm): a heading "a) Ưu điểm", or a letter opening its first paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// Heading text; without one, the letter opens the first paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Guidance for whoever fills this part (from a template); shown in the editor, never printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Content of the point.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// A content block that staff fill in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A justified body paragraph with first-line indent.
    Paragraph(Paragraph),
    /// Lines opened by "- " (or "+ " one level down).
    Lines(Lines),
    /// Results given with figures: each item's text cites its figures as `{name}`.
    Results(Results),
    /// Shortcomings and limitations.
    Shortcomings(Shortcomings),
    /// Causes split into objective and subjective.
    Causes(Causes),
    /// Lessons learned, opened "Một là, …", "Hai là, …" by position.
    Lessons(Lessons),
    /// Numbered groups of solutions, announced with their computed count.
    SolutionGroups(SolutionGroups),
    /// Proposals addressed to named bodies ("- Đối với …: …").
    Proposals(Proposals),
    /// A statistics table with computed totals.
    Table(StatTable),
}

/// A plain paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// Text; "\n" is a line break inside the paragraph.
    pub text: String,
}

/// Marker of a list line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Marker {
    /// "- " (level 4 of the ladder).
    #[default]
    Dash,
    /// "+ " (level 5).
    Plus,
    /// "1. ", "2. ", …: numbered items that are not headings (a list of names, a decree's khoản).
    Number,
    /// "(1) ", "(2) ", …: numbered items in brackets.
    Paren,
}

/// A run of list lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Lines {
    /// Marker printed before each line.
    #[serde(default)]
    pub marker: Marker,
    /// One entry per line.
    pub items: Vec<String>,
}

/// Results with figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// Optional lead paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// Marker of each result line.
    #[serde(default)]
    pub marker: Marker,
    /// The result lines.
    pub items: Vec<ResultItem>,
}

/// One result line, e.g. "Tổ chức {hoi_nghi} hội nghị với {luot} lượt cán bộ tham gia".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ResultItem {
    /// Text citing figures as `{name}`; write `{{` and `}}` for literal braces.
    pub text: String,
    /// The figures cited by the text, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub figures: BTreeMap<String, Figure>,
}

/// A figure: a value with its kind, and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The value; none while it is still to be filled ("cần cập nhật").
    pub value: Option<f64>,
    /// How the value is written.
    #[serde(default)]
    pub kind: FigureKind,
    /// Where the value comes from (a unit's form, a table, a source document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Whether units report it in their forms and the value is their sum.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub collect: bool,
}

/// How a figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// A count of things: "05 hội nghị" (padded below 10 when the profile says so), "1.234".
    Count,
    /// A quantity: "26.472", "3,5".
    #[default]
    Number,
    /// A percentage: "97,55%".
    Percent,
}

/// Shortcomings, written as list lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Shortcomings {
    /// Optional lead paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// One shortcoming per line.
    pub items: Vec<String>,
}

/// Causes, objective then subjective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Causes {
    /// Optional lead paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// Objective causes (khách quan).
    #[serde(default)]
    pub objective: Vec<String>,
    /// Subjective causes (chủ quan).
    #[serde(default)]
    pub subjective: Vec<String>,
}

/// Which ordinal words open the items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OrdinalSet {
    /// "Một là, …", "Hai là, …".
    #[default]
    MotLa,
    /// "Thứ nhất, …", "Thứ hai, …".
    ThuNhat,
}

/// Lessons learned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Lessons {
    /// Optional lead paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// Ordinal words used.
    #[serde(default)]
    pub ordinals: OrdinalSet,
    /// One lesson per entry, without its ordinal ("phải thường xuyên …").
    pub items: Vec<String>,
}

/// How solution groups are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GroupNumbering {
    /// "(1) …", "(2) …".
    #[default]
    Parenthesized,
    /// "Một là, …", "Hai là, …".
    MotLa,
    /// "Thứ nhất, …".
    ThuNhat,
}

/// Groups of solutions, announced by a lead sentence with their count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SolutionGroups {
    /// Lead sentence with `{count}` where the number of groups goes:
    /// "… tập trung thực hiện {count} nhóm giải pháp sau:".
    pub lead: String,
    /// Numbering of the groups.
    #[serde(default)]
    pub numbering: GroupNumbering,
    /// The groups.
    pub groups: Vec<SolutionGroup>,
}

/// One group of solutions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SolutionGroup {
    /// The group's statement.
    pub title: String,
    /// Detail lines ("- …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

/// Proposals and recommendations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Proposals {
    /// Optional lead paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// One proposal per addressee.
    pub items: Vec<Proposal>,
}

/// A proposal to a named body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// The body addressed, e.g. "Ban Tuyên giáo Tỉnh ủy".
    pub addressee: String,
    /// What is proposed.
    pub text: String,
}

/// A statistics table; STT, row sums and the totals row are computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct StatTable {
    /// Caption above the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Unit line above the table, e.g. "Đơn vị tính: lượt người".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Whether a computed STT column comes first.
    #[serde(default = "yes")]
    pub stt: bool,
    /// Columns (without STT).
    pub columns: Vec<Column>,
    /// Rows: one cell per column; cells of computed columns stay null.
    pub rows: Vec<Vec<Cell>>,
    /// Label of the computed totals row ("Tổng cộng"); none for no totals row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_label: Option<String>,
    /// Whether units fill this table in their forms; unset means yes for an annex table with
    /// number columns, no elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collect: Option<bool>,
    /// Rules every unit's row must keep, over column keys, e.g. "mo_hinh_moi <= mo_hinh".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    /// Where compiled cells came from, by "row,column" (0-based), e.g. "Tổng hợp từ 27 đơn vị…".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, String>,
}

fn yes() -> bool {
    true
}

/// A table column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Header text.
    pub header: String,
    /// What the column holds.
    #[serde(default)]
    pub kind: ColumnKind,
    /// For `row_sum`: the 0-based indices of the columns added up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sum_of: Vec<usize>,
    /// Relative width; columns without one share the rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    /// Last period's figures kept for comparison (made by "next period's report").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub previous: bool,
    /// Name of the column in the table's rules; unset means made from the header
    /// ("Mô hình mới" → "mo_hinh_moi").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The year of the report's period this number column holds: the table has one such column
    /// per year of the period, made from the period and moved on with it, headed "Năm 2016",
    /// "Năm 2017"…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Text, left-aligned, not totalled.
    #[default]
    Text,
    /// Numbers, totalled in the totals row.
    Number,
    /// Computed: the sum of `sum_of` in the same row; totalled too.
    RowSum,
}

/// A table cell: text, a number, or empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum Cell {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// Empty (also the cells of computed columns).
    Empty,
}

/// Who signs, and on whose behalf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AuthorityKind {
    /// Thay mặt (on behalf of a collective): Party "T/M", State "TM.".
    Tm,
    /// Ký thay (deputy signs for the head): Party "K/T", State "KT.".
    Kt,
    /// Thừa lệnh (by order): Party "T/L", State "TL.".
    Tl,
    /// Thừa ủy quyền (by delegated authority): State "TUQ." only.
    Tuq,
    /// Quyền (acting): "Q." in both.
    Q,
}

/// The authority line above the signer's title, e.g. "K/T TRƯỞNG BAN".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// The form of authority.
    pub kind: AuthorityKind,
    /// On whose behalf, e.g. "Trưởng ban" or "Ban Thường vụ".
    pub of: String,
}

/// The closing: last sentence, signature block, recipients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Closing {
    /// Closing sentence ("Trên đây là báo cáo …").
    pub sentence: String,
    /// Authority line; none when the head signs in their own name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    /// Signer's title, e.g. "Phó Trưởng ban".
    pub signer_title: String,
    /// Signer's full name, without academic titles.
    pub signer_name: String,
    /// Recipients, one per line, without punctuation (the profile adds it).
    pub recipients: Vec<String>,
    /// Where the file copy is kept: "Văn phòng" → "- Lưu Văn phòng." (Party).
    pub archive: String,
    /// Drafter's code and number of copies issued, printed at the end of «Nơi nhận»
    /// (e.g. "NVA, 30b"); none when the office does not count copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafter: Option<String>,
}

/// An annex (phụ lục).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Annex {
    /// Title under "PHỤ LỤC".
    pub title: String,
    /// Content: usually tables, possibly notes.
    pub blocks: Vec<Block>,
}
