//! The flow's types: paragraphs of styled spans and tables, with their roles and document
//! properties. Writers read these and nothing else.

use chrono::{DateTime, NaiveDate, Utc};

use crate::profile::{Align, LineSpacing, TextStyle};

/// The resolved document.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// Document properties.
    pub props: DocProps,
    /// Blocks in reading order.
    pub blocks: Vec<FBlock>,
    /// The footnotes, numbered in the order of their references (empty for none).
    pub notes: Vec<FNote>,
}

/// A footnote as printed: its number and its paragraph, which opens with the number as a span
/// whose `note` is that number.
#[derive(Debug, Clone, PartialEq)]
pub struct FNote {
    /// Its number, from 1.
    pub number: u32,
    /// The note's paragraph.
    pub para: FPara,
}

/// Document properties (title, author, dates, language).
#[derive(Debug, Clone, PartialEq)]
pub struct DocProps {
    /// Title: document type and subject on one line.
    pub title: String,
    /// Author: the issuing body's full name.
    pub author: String,
    /// Subject line.
    pub subject: String,
    /// Language tag.
    pub language: String,
    /// Date of the document.
    pub date: NaiveDate,
    /// When the file was made (injected clock).
    pub generated: DateTime<Utc>,
}

/// What a paragraph is, for tests and for layout decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Superior body line.
    SuperiorBody,
    /// Issuing body line.
    IssuingBody,
    /// The "*" line.
    IssuerMark,
    /// National heading line (Party heading, Quốc hiệu, Tiêu ngữ).
    National,
    /// A drawn rule.
    Rule,
    /// Number line.
    Number,
    /// Place and date line.
    DateLine,
    /// Document type name.
    DocType,
    /// Subject line.
    Subject,
    /// The "-----" separator.
    Separator,
    /// "Phần thứ …" line.
    PhanMarker,
    /// Title under a "Phần" marker.
    PhanTitle,
    /// Part heading (I.).
    Part,
    /// Section heading (1.).
    Section,
    /// Point heading (a)).
    Point,
    /// Body text.
    Body,
    /// A lesson paragraph.
    Lesson,
    /// A solution group's title.
    SolutionGroup,
    /// Closing sentence.
    ClosingSentence,
    /// Authority line.
    Authority,
    /// Signer's title.
    SignerTitle,
    /// Blank signature line.
    SignatureSpace,
    /// Signer's name.
    SignerName,
    /// "Nơi nhận:" label.
    RecipientsLabel,
    /// A recipient line.
    Recipient,
    /// Annex label ("PHỤ LỤC").
    AnnexLabel,
    /// Annex title.
    AnnexTitle,
    /// Annex reference line.
    AnnexReference,
    /// Table caption or unit line.
    TableCaption,
    /// Table cell text.
    TableCell,
    /// A footnote's paragraph.
    Footnote,
    /// Urgency mark under the number («KHẨN»).
    Urgency,
    /// Draft round under the number («Dự thảo lần 2»).
    DraftMark,
    /// Drafter's code and copy count at the end of «Nơi nhận».
    Drafter,
    /// The notice «Không phổ biến trên phương tiện thông tin đại chúng».
    NotPublic,
    /// «Kính gửi:» and an addressee, or a further addressee.
    Addressee,
    /// A page number (layout only).
    PageNumber,
    /// The empty paragraph that ends a page-numbering section (the next block starts a new
    /// page numbered from 1).
    SectionEnd,
}

/// Character formatting of a span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpanStyle {
    /// Size in points.
    pub size_pt: f64,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
}

/// A run of text with one style; "\n" inside is a line break.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Its style.
    pub style: SpanStyle,
    /// The footnote this span refers to (its text is the note's number, printed raised); none
    /// for text.
    pub note: Option<u32>,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct FPara {
    /// What it is.
    pub role: Role,
    /// Its text runs (empty for a blank line or a rule).
    pub spans: Vec<Span>,
    /// Formatting of the paragraph mark (sets the height of an empty paragraph).
    pub mark: SpanStyle,
    /// Alignment.
    pub align: Align,
    /// First-line indent.
    pub first_line_mm: f64,
    /// Left indent.
    pub left_mm: f64,
    /// Right indent.
    pub right_mm: f64,
    /// Space before.
    pub space_before_pt: f64,
    /// Space after.
    pub space_after_pt: f64,
    /// Line spacing.
    pub line: LineSpacing,
    /// Keep on the page of the next paragraph.
    pub keep_next: bool,
    /// Start on a new page.
    pub page_break_before: bool,
    /// A rule drawn under the paragraph with this weight (the paragraph itself is empty).
    pub rule_pt: Option<f64>,
    /// Where in the report this paragraph starts a part (`body.content[1].sections[0]`), for
    /// previews that follow the part being edited.
    pub anchor: Option<String>,
    /// Drawn out of the flow on the page where it falls, its line's bottom this far above the
    /// page's bottom edge; none for a paragraph in the flow.
    pub pin_bottom_mm: Option<f64>,
}

impl FPara {
    /// The paragraph's plain text.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A table: the header and closing layout tables, or a statistics table.
#[derive(Debug, Clone, PartialEq)]
pub struct FTable {
    /// Column widths.
    pub widths_mm: Vec<f64>,
    /// Border weight; none for a borderless layout table.
    pub border_pt: Option<f64>,
    /// Left and right cell padding.
    pub padding_mm: f64,
    /// Rows.
    pub rows: Vec<FRow>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct FRow {
    /// Cells, one per column.
    pub cells: Vec<FCell>,
    /// Repeat this row at the top of each page (header row).
    pub repeat_header: bool,
    /// Never split this row across pages.
    pub cant_split: bool,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct FCell {
    /// Paragraphs of the cell.
    pub paras: Vec<FPara>,
    /// Centre the content vertically (statistics tables); top otherwise.
    pub v_center: bool,
}

/// A block of the flow.
#[derive(Debug, Clone, PartialEq)]
pub enum FBlock {
    /// A paragraph.
    Para(FPara),
    /// A table.
    Table(FTable),
}

impl From<&TextStyle> for SpanStyle {
    fn from(t: &TextStyle) -> Self {
        SpanStyle { size_pt: t.size_pt, bold: t.bold, italic: t.italic, underline: t.underline }
    }
}
