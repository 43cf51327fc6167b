//! Format profiles: every format value (page, fonts, sizes, spacing, rules, punctuation) as data.
//!
//! The built-in profiles live in `templates/profiles/*.toml`; a user may load an edited copy.
//! Writers read only these values; no format value is a constant in writer code.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::EngineError;

/// A complete format profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatProfile {
    /// Short id used in reports ("hd36", "nd30").
    pub id: String,
    /// Name shown to users.
    pub name: String,
    /// The rule it follows, e.g. "Hướng dẫn 36-HD/VPTW ngày 03/4/2018".
    pub basis: String,
    /// Page size, margins and header distance.
    pub page: PageSetup,
    /// Font family and language.
    pub font: FontSetup,
    /// How numbers and counts are written.
    pub numbers: NumberRules,
    /// How dates are written.
    pub dates: DateRules,
    /// The two-column header block.
    pub header: HeaderProfile,
    /// The document type name ("BÁO CÁO").
    pub doc_type: BlockText,
    /// The subject line and what follows it.
    pub subject: SubjectProfile,
    /// Body paragraphs.
    pub body: BlockText,
    /// Heading ladder.
    pub headings: Headings,
    /// Typed blocks: list markers, lessons, solution groups, causes, proposals.
    pub blocks: BlockRules,
    /// Statistics tables.
    pub table: TableProfile,
    /// Closing block: signature and recipients.
    pub closing: ClosingProfile,
    /// Page numbers.
    pub page_number: PageNumber,
    /// Annexes.
    pub annex: AnnexProfile,
    /// Which guidance family the profile belongs to and from which day it applies.
    #[serde(default)]
    pub applies: Applies,
    /// Legal bases («căn cứ») opening the body; none: printed as typed.
    #[serde(default)]
    pub legal_basis: Option<LegalBasis>,
    /// Line spacing the guidance allows for the body (exact lines); none: not bounded.
    #[serde(default)]
    pub line_spacing_bounds: Option<SpacingBounds>,
    /// Document type and issuing-body codes the guidance fixes or retires.
    #[serde(default)]
    pub codes: Codes,
    /// Abbreviations allowed for the administrative level before a place name ("TP").
    #[serde(default)]
    pub place_abbreviations: BTreeMap<String, String>,
    /// Circulation notice «Không phổ biến…» and where it goes; none: not specified.
    #[serde(default)]
    pub not_public_notice: Option<NoticeSpec>,
    /// «Kính gửi» / «Kính trình» under the subject; none: addressees are not printed.
    #[serde(default)]
    pub addressees: Option<AddresseesSpec>,
    /// A letter (công văn: no type name): its number and its subject under the number; none: a
    /// letter is laid out as any document.
    #[serde(default)]
    pub letter: Option<LetterSpec>,
    /// Footnotes' text and separator; none (a profile written before footnotes): the built-in
    /// State profile's ([`FormatProfile::footnote_format`]).
    #[serde(default)]
    pub footnotes: Option<FootnoteFormat>,
}

/// A letter (công văn), which has no type name: the code of its number and its subject, printed
/// under the number in the header's left column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterSpec {
    /// The code when the letter has no type code («{number}/{issuer}»); with one (Party «CV»),
    /// the header's `code_format` applies.
    pub code_format: String,
    /// The subject line under the number («V/v {subject}»).
    pub subject_format: String,
    /// Style of the subject line.
    pub subject: TextStyle,
}

/// How footnotes are printed at the foot of the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FootnoteFormat {
    /// A note's text and paragraph (its number is printed raised, in the same size).
    pub note: BlockText,
    /// The short rule between the text and the notes: its length is a fraction of the text
    /// width, `gap_pt` the height of the line that carries it.
    pub separator: RuleSpec,
}

/// The addressees under the subject: «Kính gửi: - A; - B;».
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddresseesSpec {
    /// The label, without the colon («Kính gửi»).
    pub label: String,
    /// The label for the document types in `submission_types` («Kính trình»).
    pub submission_label: String,
    /// Document types (upper case) that take `submission_label` («TỜ TRÌNH»).
    pub submission_types: Vec<String>,
    /// Marker before each addressee when there are several ("- ").
    pub prefix: String,
    /// Ending of each addressee but the last.
    pub end: String,
    /// Ending of the last addressee.
    pub last_end: String,
    /// Left indent of the label, from the text block's left edge.
    pub indent_mm: f64,
    /// Style of the label and the addressees.
    pub style: TextStyle,
    /// First line of «Nơi nhận» when the document has addressees («Như trên»); empty: none.
    pub first_recipient: String,
}

/// The guidance family a profile belongs to and the day its guidance took effect: a report that
/// names the family ("dang") gets the family's profile in force on the report's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Applies {
    /// Family id ("dang" for the Party's guidances); empty for a profile outside any family.
    #[serde(default)]
    pub family: String,
    /// First day of documents the guidance applies to.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Short name shown to users ("Hướng dẫn 05-HD/VPTW (2026)").
    #[serde(default)]
    pub short_name: String,
}

/// Legal bases: a «lines» block of the opening whose items all start with one of `starts_with`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// Words a legal basis starts with ("Căn cứ").
    pub starts_with: Vec<String>,
    /// Marker before each basis ("- ").
    pub prefix: String,
    /// Ending of each basis but the last (";").
    pub end: String,
    /// Ending of the last basis (".").
    pub last_end: String,
}

/// Bounds of exact line spacing for body text, in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpacingBounds {
    /// Smallest line pitch allowed.
    pub min_pt: f64,
    /// Largest line pitch allowed.
    pub max_pt: f64,
}

impl SpacingBounds {
    /// Whether `spacing` is exact and within the bounds.
    pub fn allows(&self, spacing: LineSpacing) -> bool {
        matches!(spacing, LineSpacing::Exact(v) if v >= self.min_pt && v <= self.max_pt)
    }
}

/// Codes in the number line that the guidance fixes or no longer has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Codes {
    /// Document type name (upper case) → its code, where the guidance fixes it ("QUY ĐỊNH" = "QĐ").
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// Issuing-body names (lower case) → their code ("ban tuyên giáo và dân vận" = "BTGDV").
    #[serde(default)]
    pub bodies: BTreeMap<String, String>,
    /// Parts of an issuing-body code the guidance no longer has → why, shown to the user.
    #[serde(default)]
    pub retired_bodies: BTreeMap<String, String>,
    /// Type codes the guidance no longer uses → the code to use ("QĐi" = "QĐ").
    #[serde(default)]
    pub retired_types: BTreeMap<String, String>,
}

/// A fixed notice and where it is printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeSpec {
    /// The notice's words.
    pub text: String,
    /// Where it goes.
    pub position: NoticePosition,
    /// Distance from the page edge, or from the signature block.
    pub distance_mm: f64,
    /// Its style.
    pub style: TextStyle,
}

/// Where the notice «Không phổ biến…» is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticePosition {
    /// Centred on the text block, its line `distance_mm` above the bottom edge of the page that
    /// ends the text (the signature's page).
    LastPageBottom,
    /// Centred under the signature block, `distance_mm` below it.
    AfterSignature,
}

/// Page geometry in millimetres.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSetup {
    /// Paper width.
    pub width_mm: f64,
    /// Paper height.
    pub height_mm: f64,
    /// Top margin.
    pub margin_top_mm: f64,
    /// Bottom margin.
    pub margin_bottom_mm: f64,
    /// Left margin.
    pub margin_left_mm: f64,
    /// Right margin.
    pub margin_right_mm: f64,
    /// Distance of the page header (page number) from the top edge.
    pub header_distance_mm: f64,
    /// Distance of the page footer from the bottom edge.
    pub footer_distance_mm: f64,
    /// Mirror margins for duplex printing.
    pub mirror_margins: bool,
}

impl PageSetup {
    /// Width of the text area.
    pub fn content_width_mm(&self) -> f64 {
        self.width_mm - self.margin_left_mm - self.margin_right_mm
    }
}

/// Font and language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontSetup {
    /// Family named in the document (all four DOCX font slots).
    pub family: String,
    /// Language tag of the text (spell-checking), e.g. "vi-VN".
    pub language: String,
    /// Default text size.
    pub size_pt: f64,
}

/// Number rules (docs/official-format.md §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberRules {
    /// Thousands separator.
    pub thousands_separator: String,
    /// Decimal separator.
    pub decimal_separator: String,
    /// Counts below 10 get a leading zero ("06 nhóm giải pháp").
    pub pad_counts_below_10: bool,
    /// Most decimals written for numbers and percentages.
    pub max_decimals: usize,
    /// Written for a figure that has no value yet.
    pub missing_figure: String,
}

/// Date rules (HD 36 examples; NĐ 30 text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRules {
    /// Pad days below 10 with a zero.
    pub pad_day_below_10: bool,
    /// Months written with a leading zero.
    pub padded_months: Vec<u32>,
    /// The header line: `{place}`, `{day}`, `{month}`, `{year}`.
    pub header_format: String,
    /// Dates in citations: `{day}`, `{month}`, `{year}`.
    pub citation_format: String,
}

/// Character formatting of a piece of text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TextStyle {
    /// Size in points.
    pub size_pt: f64,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
    /// Underlined.
    #[serde(default)]
    pub underline: bool,
    /// Letter case applied to the text.
    #[serde(default)]
    pub case: Case,
}

/// Letter case applied by the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Case {
    /// As typed.
    #[default]
    Keep,
    /// All capitals.
    Upper,
    /// First letter lower case.
    LowerFirst,
    /// First letter upper case.
    UpperFirst,
}

/// Inline emphasis for a part of a paragraph (an ordinal, a label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Emphasis {
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
    /// Underlined.
    #[serde(default)]
    pub underline: bool,
}

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified (DOCX `both`).
    Justify,
}

/// Line spacing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "value")]
pub enum LineSpacing {
    /// Exactly this many points per line.
    Exact(f64),
    /// At least this many points per line.
    AtLeast(f64),
    /// A multiple of single spacing (1.0 single, 1.5).
    Multiple(f64),
}

/// Paragraph formatting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParaStyle {
    /// Alignment.
    pub align: Align,
    /// First-line indent.
    #[serde(default)]
    pub first_line_indent_mm: f64,
    /// Space before.
    #[serde(default)]
    pub space_before_pt: f64,
    /// Space after.
    #[serde(default)]
    pub space_after_pt: f64,
    /// Line spacing.
    pub line_spacing: LineSpacing,
}

/// Text and paragraph formatting of a block-level element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockText {
    /// Character formatting.
    pub text: TextStyle,
    /// Paragraph formatting.
    pub para: ParaStyle,
}

/// A drawn rule (horizontal line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Line weight.
    pub width_pt: f64,
    /// Length as a fraction of the measured text above it (1.0 = as long as the text).
    pub length_fraction: f64,
    /// Height of the empty line that carries the rule (its distance from the text above).
    pub gap_pt: f64,
}

/// One fixed line of the national heading ("ĐẢNG CỘNG SẢN VIỆT NAM", the State motto…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedLine {
    /// The text.
    pub text: String,
    /// Its formatting.
    pub style: TextStyle,
}

/// The two-column header block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderProfile {
    /// Share of the content width taken by the left column, in percent.
    pub left_width_percent: f64,
    /// Line spacing inside the header cells.
    pub line_spacing: LineSpacing,
    /// Superior body (left column, line 1).
    pub superior_body: TextStyle,
    /// Issuing body (left column, line 2).
    pub issuing_body: TextStyle,
    /// Text line under the issuing body (Party: "*"); none for no such line.
    pub issuer_mark: Option<FixedLine>,
    /// Rule under the issuing body (State); none for no rule.
    pub issuer_rule: Option<RuleSpec>,
    /// The national heading lines in the right column.
    pub national_lines: Vec<FixedLine>,
    /// Rule under the last national line.
    pub national_rule: RuleSpec,
    /// Pattern of the document code: `{number}`, `{type}`, `{issuer}` ("45-BC/BTGHU").
    pub code_format: String,
    /// Pattern of the number line: `{code}` ("Số 45-BC/BTGHU").
    pub number_line_format: String,
    /// Written in place of the number while none is assigned.
    pub blank_number: String,
    /// Numbers below 10 get a leading zero.
    pub pad_number_below_10: bool,
    /// Number line style.
    pub number_line: TextStyle,
    /// Place and date line style.
    pub date_line: TextStyle,
    /// Space between the top row and the number/date row.
    pub second_row_space_before_pt: f64,
    /// Marks printed under the number (urgency, draft round); none: not printed.
    #[serde(default)]
    pub under_number: Option<UnderNumber>,
}

/// The marks under the number line: urgency («KHẨN») and draft round («Dự thảo lần 2»).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnderNumber {
    /// Words of «khẩn».
    pub khan: String,
    /// Words of «thượng khẩn».
    pub thuong_khan: String,
    /// Words of «hỏa tốc».
    pub hoa_toc: String,
    /// Style of the urgency mark.
    pub urgency: TextStyle,
    /// Pattern of the draft line: `{n}` ("Dự thảo lần {n}").
    pub draft_format: String,
    /// Style of the draft line.
    pub draft: TextStyle,
}

/// The subject line and its separator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectProfile {
    /// Formatting of the subject.
    pub style: BlockText,
    /// Text separator line under it (Party: "-----"); none for none.
    pub separator_text: Option<String>,
    /// Rule under it (State); none for none.
    pub separator_rule: Option<RuleSpec>,
    /// Space after the separator.
    pub separator_space_after_pt: f64,
}

/// One rung of the heading ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// Text after the number: "." or "-" after I, "." after 1, ")" after a.
    pub suffix: String,
    /// Character formatting.
    pub text: TextStyle,
    /// Paragraph formatting.
    pub para: ParaStyle,
}

/// The heading ladder (docs/official-format.md §1.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    /// "Phần thứ …" marker line: `{ordinal}` ("nhất", "hai").
    pub phan_marker_format: String,
    /// Style of the "Phần" marker line.
    pub phan_marker: BlockText,
    /// Style of the title line under it.
    pub phan_title: BlockText,
    /// Parts: I., II., …
    pub part: Heading,
    /// Sections: 1., 2., …
    pub section: Heading,
    /// Points used as headings: a), b), …
    pub point: Heading,
    /// Emphasis of the letter when it opens a normal paragraph.
    pub point_opener: Emphasis,
    /// Keep headings on the same page as the next paragraph.
    pub keep_with_next: bool,
}

/// Rules for the typed blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockRules {
    /// "- " marker.
    pub dash_marker: String,
    /// "+ " marker.
    pub plus_marker: String,
    /// Marker of numbered items («{n}. »).
    #[serde(default = "default_number_marker")]
    pub number_marker: String,
    /// Marker of numbered items in brackets («({n}) »).
    #[serde(default = "default_paren_marker")]
    pub paren_marker: String,
    /// Written after a lesson's ordinal ("Một là" + ", ").
    pub ordinal_separator: String,
    /// Emphasis of the ordinal words.
    pub ordinal: Emphasis,
    /// Pattern of "(1)" numbering: `{n}`.
    pub parenthesized_format: String,
    /// Emphasis of a solution group's number and title.
    pub solution_title: Emphasis,
    /// Label of objective causes.
    pub objective_label: String,
    /// Label of subjective causes.
    pub subjective_label: String,
    /// Emphasis of the cause labels.
    pub cause_label: Emphasis,
    /// Pattern of a proposal line: `{addressee}`, `{text}` after the marker.
    pub proposal_format: String,
    /// Emphasis of "Đối với …:".
    pub proposal_addressee: Emphasis,
}

/// Statistics tables (docs/official-format.md §1.6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableProfile {
    /// Cell text.
    pub cell: TextStyle,
    /// Header row text.
    pub header: TextStyle,
    /// Totals row text.
    pub total: TextStyle,
    /// Caption above a table.
    pub caption: BlockText,
    /// Unit line above a table.
    pub unit: BlockText,
    /// Border weight.
    pub border_pt: f64,
    /// Left and right cell padding.
    pub cell_padding_mm: f64,
    /// Line spacing in cells.
    pub line_spacing: LineSpacing,
    /// Header of the row-number column.
    pub stt_header: String,
    /// Alignment of numbers in cells.
    pub number_align: Align,
    /// Width of the STT column.
    pub stt_width_mm: f64,
    /// Space above and below the text in each cell.
    pub cell_space_pt: f64,
    /// Smallest size a wide table's text may shrink to so that no number breaks.
    #[serde(default = "default_min_table_pt")]
    pub min_size_pt: f64,
}

fn default_min_table_pt() -> f64 {
    10.0
}

/// The closing block (docs/official-format.md §1.5, §1.3 #13–#18).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosingProfile {
    /// Share of the content width taken by the recipients column, in percent.
    pub left_width_percent: f64,
    /// Space between the closing sentence and the block.
    pub space_before_pt: f64,
    /// Text appended to the closing sentence ("./." in State practice); empty for none.
    pub end_mark: String,
    /// Prefix for "thay mặt" ("T/M", "TM.").
    pub tm_prefix: String,
    /// Prefix for "ký thay".
    pub kt_prefix: String,
    /// Prefix for "thừa lệnh".
    pub tl_prefix: String,
    /// Prefix for "thừa ủy quyền"; none where the form does not exist (Party).
    pub tuq_prefix: Option<String>,
    /// Prefix for "quyền".
    pub q_prefix: String,
    /// Authority line.
    pub authority: TextStyle,
    /// Signer's title line.
    pub title: TextStyle,
    /// Bold the title when no authority line is above it (\[U\], docs/official-format.md §1.5).
    pub title_alone_bold: bool,
    /// Empty lines left for signature and seal.
    pub signature_blank_lines: usize,
    /// Signer's name.
    pub name: TextStyle,
    /// Line spacing inside the block.
    pub line_spacing: LineSpacing,
    /// "Nơi nhận" label text (without the colon).
    pub recipients_label: String,
    /// Label formatting.
    pub recipients_label_style: TextStyle,
    /// Whether the colon after the label shares its underline.
    pub colon_underlined: bool,
    /// Recipient lines.
    pub recipient: TextStyle,
    /// Prefix of each recipient line.
    pub recipient_prefix: String,
    /// Ending of each recipient line but the last.
    pub recipient_end: String,
    /// The archive line: `{archive}` ("Lưu {archive}.").
    pub archive_format: String,
    /// The drafter's code and copy count at the end of «Nơi nhận»; none: not printed.
    #[serde(default)]
    pub drafter: Option<DrafterLine>,
}

/// The line of the drafter's code and copy count under the archive line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrafterLine {
    /// Pattern: `{drafter}` (what the user typed, e.g. "NVA, 30b").
    pub format: String,
    /// Its style.
    pub style: TextStyle,
}

/// Page numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageNumber {
    /// Print page numbers at all.
    pub enabled: bool,
    /// Alignment in the page header.
    pub align: Align,
    /// Style of the number.
    pub style: TextStyle,
    /// Hide the number on page 1.
    pub hide_on_first_page: bool,
}

/// Annexes (docs/official-format.md §1.6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnexProfile {
    /// Label of a single annex.
    pub label: String,
    /// Label when there are two or more: `{n}`.
    pub numbered_label_format: String,
    /// Label style.
    pub label_style: BlockText,
    /// Title style.
    pub title_style: BlockText,
    /// Reference line: `{doc_type}`, `{code}`, `{date}`, `{issuer}`.
    pub reference_format: String,
    /// Reference line style.
    pub reference_style: BlockText,
    /// Start each annex on a new page.
    pub new_page: bool,
    /// Number each annex's pages on their own, from 1 (each annex starts a new page).
    #[serde(default)]
    pub own_page_numbers: bool,
}

/// Source of the built-in Party profile.
pub const HD36_TOML: &str = include_str!("../../../templates/profiles/hd36.toml");
/// Source of the built-in Party profile of 2026 (Hướng dẫn 05-HD/VPTW).
pub const HD05_TOML: &str = include_str!("../../../templates/profiles/hd05.toml");
/// Source of the built-in State profile.
pub const ND30_TOML: &str = include_str!("../../../templates/profiles/nd30.toml");

/// The id a report names to get the Party guidance in force on its date (HD 36, then HD 05).
pub const PARTY_AUTO: &str = "dang";

/// One built-in profile's place in its family.
#[derive(Debug, Clone)]
struct Entry {
    id: &'static str,
    family: String,
    from: Option<NaiveDate>,
}

fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        FormatProfile::builtin_ids()
            .into_iter()
            .filter_map(|id| {
                let p = FormatProfile::builtin(id).ok()?;
                Some(Entry { id, family: p.applies.family, from: p.applies.from })
            })
            .collect()
    })
}

/// The built-in profile id a report's `profile` means on `date`: a family id ("dang") gives the
/// family's profile in force on that date (the latest whose `applies.from` is not after it, or
/// the earliest for older dates); any other id is itself.
pub fn resolve_id(profile: &str, date: NaiveDate) -> String {
    let id = profile.trim();
    let mut family: Vec<&Entry> = entries().iter().filter(|e| e.family == id).collect();
    if family.is_empty() {
        return id.to_string();
    }
    family.sort_by_key(|e| e.from);
    family
        .iter()
        .rev()
        .find(|e| e.from.is_none_or(|f| f <= date))
        .or(family.first())
        .map_or_else(|| id.to_string(), |e| e.id.to_string())
}

/// The family a built-in profile id belongs to ("dang" for hd36 and hd05), if any.
pub fn family_of(id: &str) -> Option<&'static str> {
    entries().iter().find(|e| e.id == id.trim() && !e.family.is_empty()).map(|e| e.family.as_str())
}

/// Whether the profile is one of the Party's (HD 36, HD 05, or a copy of them).
pub fn is_party(profile: &FormatProfile) -> bool {
    profile.applies.family == PARTY_AUTO || profile.id == "hd36" || profile.id == "hd05"
}

impl FormatProfile {
    /// Parses a profile from TOML text.
    pub fn from_toml(src: &str) -> Result<Self, EngineError> {
        toml::from_str(src).map_err(|e| EngineError::Profile(format!("{e}")))
    }

    /// The footnote format: the profile's own, or else the built-in State profile's.
    pub fn footnote_format(&self) -> FootnoteFormat {
        self.footnotes.clone().unwrap_or_else(|| {
            Self::builtin("nd30")
                .ok()
                .and_then(|p| p.footnotes)
                .expect("the built-in State profile has a footnote format (tested)")
        })
    }

    /// The ids of the built-in profiles.
    pub fn builtin_ids() -> [&'static str; 3] {
        ["hd36", "hd05", "nd30"]
    }

    /// Loads a built-in profile by id.
    pub fn builtin(id: &str) -> Result<Self, EngineError> {
        let src = match id {
            "hd36" => HD36_TOML,
            "hd05" => HD05_TOML,
            "nd30" => ND30_TOML,
            other => {
                return Err(EngineError::UnknownProfile {
                    id: other.to_string(),
                    known: Self::builtin_ids().join(", "),
                })
            }
        };
        Self::from_toml(src)
    }
}

fn default_number_marker() -> String {
    "{n}. ".into()
}

fn default_paren_marker() -> String {
    "({n}) ".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_parse() {
        for id in FormatProfile::builtin_ids() {
            let p = FormatProfile::builtin(id).expect("built-in profile parses");
            assert_eq!(p.id, id);
            assert!(p.footnotes.is_some(), "{id} has a footnote format");
        }
        assert!(FormatProfile::builtin("khac").is_err());
    }

    #[test]
    fn the_party_family_follows_the_date() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("date");
        assert_eq!(resolve_id("dang", d(2019, 5, 15)), "hd36");
        assert_eq!(resolve_id("dang", d(2026, 5, 26)), "hd36");
        assert_eq!(resolve_id("dang", d(2026, 5, 27)), "hd05");
        assert_eq!(resolve_id("dang", d(2026, 6, 15)), "hd05");
        assert_eq!(resolve_id("dang", d(2010, 1, 1)), "hd36", "older dates: the earliest");
        assert_eq!(resolve_id("hd36", d(2026, 6, 15)), "hd36", "an explicit id stays");
        assert_eq!(resolve_id(" nd30 ", d(2026, 6, 15)), "nd30");
        assert_eq!(family_of("hd05"), Some("dang"));
        assert_eq!(family_of("nd30"), None);
    }
}
