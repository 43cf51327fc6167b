//! An offline checker of WordprocessingML packages (DOCX) against ECMA-376, for the tests.
//!
//! No validator that ships the ECMA-376 schemas can decide here: the Open XML SDK and the
//! validators built on it need .NET or download a binary, and `openxml-audit` (PyPI), which runs
//! offline, rejects 12 of the 13 real Word documents (docs/library-notes.md B.7). So this
//! module encodes, from the standard, what Word relies on:
//!
//! * **Child order** (Part 1, the transitional schema `wml.xsd`): the content model of every
//!   WordprocessingML element we write and of those Word writes around them, each under its
//!   complexType name. A child must not come before one its parent's sequence puts earlier;
//!   choice groups share one position; a once-only child must not repeat; required children
//!   must be there. Unknown `w:` children and, for the elements we write, unknown `w:`
//!   attributes are reported.
//! * **Markup compatibility** (Part 3): elements and attributes of an `mc:Ignorable` namespace
//!   are removed before the check (`mc:ProcessContent` keeps their children), an
//!   `mc:AlternateContent` is replaced by the first `mc:Choice` whose `Requires` namespaces are
//!   understood, else by its `mc:Fallback`; any other namespace that is neither understood (the
//!   ECMA-376 and VML ones) nor ignorable is an error on a `w:` element or as its child.
//! * **The package** (Part 2): every part has a content type (M2.4), every internal
//!   relationship's target exists, every part but `[Content_Types].xml` and the relationship
//!   parts is reached from the package relationships (each WordprocessingML part type of Part 1
//!   §11.3 "shall be the target of" a relationship), every `r:` attribute names a relationship
//!   of its part, and each part's root element is the one its content type requires.
//!
//! One deliberate strictness: in the transitional `wml.xsd` of the 5th edition, `EG_RPrBase`
//! (the children of `w:rPr`) is an `xsd:choice` repeated without bound, so any order validates
//! against that file (§17.3.2.28 only forbids repeating a child); the Open XML SDK's validator
//! and Word itself treat it as the sequence listed in `RPR_BASE` below: Word ignores run
//! properties out of that order (TurboDocx/html-to-docx#202, python-docx-template#625). This
//! module checks the sequence.
//!
//! The sequences are written out here again on purpose, not taken from the writer's own tables
//! (`src/docx/order.rs`): a checker that shared them would pass whatever error they held.
//!
//! Elements of other schemas (DrawingML, VML, math) are not checked, only walked through to
//! reach the WordprocessingML inside them (a text box's `w:txbxContent`).

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::io::{Cursor, Read};
use std::sync::OnceLock;

use roxmltree::{Document, Node};

/// The WordprocessingML namespace.
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const TYPES: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// Namespaces an ECMA-376 (transitional) consumer understands: those of Part 1's schemas and
/// the VML ones its transitional part (Part 4) adds.
const UNDERSTOOD: [&str; 17] = [
    W,
    R,
    XML,
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas",
    "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
    "urn:schemas-microsoft-com:vml",
    "urn:schemas-microsoft-com:office:office",
    "urn:schemas-microsoft-com:office:word",
    "urn:schemas-microsoft-com:office:excel",
    "urn:schemas-microsoft-com:office:powerpoint",
];

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Not a ZIP archive, or a part that is not well-formed XML.
    Malformed,
    /// A child before one its parent's sequence puts earlier.
    Order,
    /// A child that may occur once occurs again.
    Repeated,
    /// A required child is missing.
    Missing,
    /// A `w:` child its parent's content model does not have.
    UnknownChild,
    /// A `w:` (or unqualified) attribute its element does not have.
    UnknownAttribute,
    /// An element or attribute of a namespace neither understood nor ignorable (Part 3).
    Compatibility,
    /// A root element other than the one the part's content type requires (Part 1 §11.3).
    Root,
    /// A part without a content type (Part 2, M2.4).
    ContentType,
    /// A part no relationship reaches.
    Orphan,
    /// A relationship whose target part is not in the package.
    MissingTarget,
    /// An `r:` attribute naming no relationship of its part.
    MissingRelationship,
}

/// One violation: where, what, and the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// What is wrong.
    pub kind: Kind,
    /// The part, as named in the ZIP archive.
    pub part: String,
    /// Where in the part (an XPath-like path), empty for package-level violations.
    pub path: String,
    /// What is wrong, with the rule it breaks.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} in {} {}: {}", self.kind, self.part, self.path, self.message)
    }
}

/// The number of violations of each kind.
pub fn tally(violations: &[Violation]) -> BTreeMap<Kind, usize> {
    let mut out = BTreeMap::new();
    for v in violations {
        *out.entry(v.kind).or_insert(0) += 1;
    }
    out
}

// ------------------------------------------------------------------------------ content models

/// One position of a content model: the names that may stand there.
#[derive(Clone)]
struct Slot {
    names: Vec<&'static str>,
    /// More than one child may stand at this position (maxOccurs > 1, or a repeated choice).
    repeat: bool,
    /// At least one child must stand here.
    required: bool,
}

/// A complexType: its children in order, and the `w:` attributes it has (`None`: not checked).
struct Model {
    ct: &'static str,
    slots: Vec<Slot>,
    attrs: Option<Vec<&'static str>>,
}

/// Each name its own optional, once-only position (an `xsd:sequence` of `minOccurs="0"`).
fn seq(names: &[&'static str]) -> Vec<Slot> {
    names.iter().map(|n| Slot { names: vec![n], repeat: false, required: false }).collect()
}

/// One optional, once-only position holding any of `names` (an `xsd:choice`).
fn either(names: &[&'static str]) -> Slot {
    Slot { names: names.to_vec(), repeat: false, required: false }
}

/// One position holding any number of `names` (a repeated choice, or `maxOccurs="unbounded"`).
fn many(names: &[&'static str]) -> Slot {
    Slot { names: names.to_vec(), repeat: true, required: false }
}

/// One required, once-only position.
fn req(name: &'static str) -> Slot {
    Slot { names: vec![name], repeat: false, required: true }
}

fn cat(parts: &[&[&'static str]]) -> Vec<&'static str> {
    parts.iter().flat_map(|p| p.iter().copied()).collect()
}

/// EG_RangeMarkupElements.
const RANGE_MARKUP: [&str; 16] = [
    "bookmarkStart",
    "bookmarkEnd",
    "moveFromRangeStart",
    "moveFromRangeEnd",
    "moveToRangeStart",
    "moveToRangeEnd",
    "commentRangeStart",
    "commentRangeEnd",
    "customXmlInsRangeStart",
    "customXmlInsRangeEnd",
    "customXmlDelRangeStart",
    "customXmlDelRangeEnd",
    "customXmlMoveFromRangeStart",
    "customXmlMoveFromRangeEnd",
    "customXmlMoveToRangeStart",
    "customXmlMoveToRangeEnd",
];

/// EG_RunLevelElements but the math (m:) elements and EG_RangeMarkupElements: proofErr,
/// permStart, permEnd, the tracked changes, contentPart.
const RUN_LEVEL: [&str; 8] =
    ["proofErr", "permStart", "permEnd", "ins", "del", "moveFrom", "moveTo", "contentPart"];

/// EG_RunInnerContent: what a run holds after its properties.
const RUN_INNER: [&str; 33] = [
    "br",
    "t",
    "contentPart",
    "delText",
    "instrText",
    "delInstrText",
    "noBreakHyphen",
    "softHyphen",
    "dayShort",
    "monthShort",
    "yearShort",
    "dayLong",
    "monthLong",
    "yearLong",
    "annotationRef",
    "footnoteRef",
    "endnoteRef",
    "separator",
    "continuationSeparator",
    "sym",
    "pgNum",
    "cr",
    "tab",
    "object",
    "pict",
    "fldChar",
    "ruby",
    "footnoteReference",
    "endnoteReference",
    "commentReference",
    "drawing",
    "ptab",
    "lastRenderedPageBreak",
];

/// CT_PPrBase, in sequence (ECMA-376 Part 1 §17.3.1.26 pPr; wml.xsd CT_PPrBase).
const PPR_BASE: [&str; 33] = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
];

/// EG_RPrBase as a sequence (§17.3.2.28 rPr; the order of wml.xsd's choice, which the Open XML
/// SDK and Word enforce: see the module documentation).
const RPR_BASE: [&str; 39] = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
];

/// CT_Settings (§17.15.1, document settings), in sequence; `m:mathPr` and `sl:schemaLibrary` are of
/// other namespaces and not checked.
const SETTINGS: [&str; 94] = [
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "uiCompat97To2003",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "shapeDefaults",
];

/// The end of CT_Settings after `shapeDefaults`.
const SETTINGS_END: [&str; 3] = ["doNotEmbedSmartTags", "decimalSymbol", "listSeparator"];

/// CT_Compat's legacy options (§17.15.3), in sequence, before `compatSetting`.
const COMPAT: [&str; 65] = [
    "useSingleBorderforContiguousCells",
    "wpJustification",
    "noTabHangInd",
    "noLeading",
    "spaceForUL",
    "noColumnBalance",
    "balanceSingleByteDoubleByteWidth",
    "noExtraLineSpacing",
    "doNotLeaveBackslashAlone",
    "ulTrailSpace",
    "doNotExpandShiftReturn",
    "spacingInWholePoints",
    "lineWrapLikeWord6",
    "printBodyTextBeforeHeader",
    "printColBlack",
    "wpSpaceWidth",
    "showBreaksInFrames",
    "subFontBySize",
    "suppressBottomSpacing",
    "suppressTopSpacing",
    "suppressSpacingAtTopOfPage",
    "suppressTopSpacingWP",
    "suppressSpBfAfterPgBrk",
    "swapBordersFacingPages",
    "convMailMergeEsc",
    "truncateFontHeightsLikeWP6",
    "mwSmallCaps",
    "usePrinterMetrics",
    "doNotSuppressParagraphBorders",
    "wrapTrailSpaces",
    "footnoteLayoutLikeWW8",
    "shapeLayoutLikeWW8",
    "alignTablesRowByRow",
    "forgetLastTabAlignment",
    "adjustLineHeightInTable",
    "autoSpaceLikeWord95",
    "noSpaceRaiseLower",
    "doNotUseHTMLParagraphAutoSpacing",
    "layoutRawTableWidth",
    "layoutTableRowsApart",
    "useWord97LineBreakRules",
    "doNotBreakWrappedTables",
    "doNotSnapToGridInCell",
    "selectFldWithFirstOrLastChar",
    "applyBreakingRules",
    "doNotWrapTextWithPunct",
    "doNotUseEastAsianBreakRules",
    "useWord2002TableStyleRules",
    "growAutofit",
    "useFELayout",
    "useNormalStyleForList",
    "doNotUseIndentAsNumberingTabStop",
    "useAltKinsokuLineBreakRules",
    "allowSpaceOfSameStyleInTable",
    "doNotSuppressIndentation",
    "doNotAutofitConstrainedTables",
    "autofitToFirstFixedWidthCell",
    "underlineTabInNumList",
    "displayHangulFixedWidth",
    "splitPgBreakAndParaMark",
    "doNotVertAlignCellWithSp",
    "doNotBreakConstrainedForcedTable",
    "doNotVertAlignInTxbx",
    "useAnsiKerningPairs",
    "cachedColBalance",
];

/// Elements of type CT_OnOff (attribute `w:val` only).
const ON_OFF: [&str; 64] = [
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "rtl",
    "cs",
    "specVanish",
    "oMath",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "widowControl",
    "suppressLineNumbers",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "cantSplit",
    "tblHeader",
    "hidden",
    "titlePg",
    "noWrap",
    "tcFitText",
    "hideMark",
    "bidiVisual",
    "autoRedefine",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "isLgl",
    "formProt",
    "noEndnote",
    "rtlGutter",
    "doNotHyphenateCaps",
    "evenAndOddHeaders",
    "mirrorMargins",
    "trackRevisions",
    "updateFields",
    "embedTrueTypeFonts",
    "saveSubsetFonts",
];

const BORDER_ATTRS: [&str; 9] =
    ["val", "color", "themeColor", "themeTint", "themeShade", "sz", "space", "shadow", "frame"];

/// The schema: complexType name → model.
fn schema() -> &'static HashMap<&'static str, Model> {
    static SCHEMA: OnceLock<HashMap<&'static str, Model>> = OnceLock::new();
    SCHEMA.get_or_init(build_schema)
}

/// The element groups that several complexTypes take as content.
struct Groups {
    block: Vec<&'static str>,
    p_content: Vec<&'static str>,
    row_content: Vec<&'static str>,
    cell_content: Vec<&'static str>,
}

/// Adds a complexType to the schema: its name, child slots and attributes (`None`: any).
type Add<'a> = dyn FnMut(&'static str, Vec<Slot>, Option<&[&'static str]>) + 'a;

/// Builds the schema (see [`schema`]).
fn build_schema() -> HashMap<&'static str, Model> {
    let block = cat(&[&["customXml", "sdt", "p", "tbl", "altChunk"], &RANGE_MARKUP, &RUN_LEVEL]);
    let p_content = cat(&[
        &["customXml", "smartTag", "sdt", "dir", "bdo", "r", "fldSimple", "hyperlink", "subDoc"],
        &RANGE_MARKUP,
        &RUN_LEVEL,
    ]);
    let row_content = cat(&[&["tr", "customXml", "sdt"], &RANGE_MARKUP, &RUN_LEVEL]);
    let cell_content = cat(&[&["tc", "customXml", "sdt"], &RANGE_MARKUP, &RUN_LEVEL]);
    let g = Groups { block, p_content, row_content, cell_content };
    let mut s: HashMap<&'static str, Model> = HashMap::new();
    let mut add = |ct: &'static str, slots: Vec<Slot>, attrs: Option<&[&'static str]>| {
        s.insert(ct, Model { ct, slots, attrs: attrs.map(<[_]>::to_vec) });
    };
    document_types(&mut add, &g);
    table_types(&mut add, &g);
    cell_types(&mut add, &g);
    section_types(&mut add, &g);
    style_types(&mut add);
    settings_types(&mut add);
    s
}

/// Adds the main document's types: body, paragraphs, runs and their properties (§17.2).
fn document_types(add: &mut Add, g: &Groups) {
    let none: Option<&[&str]> = Some(&[]);
    let val: Option<&[&str]> = Some(&["val"]);

    // The main document (§17.2).
    add("CT_Document", seq(&["background", "body"]), Some(&["conformance"]));
    add("CT_Body", vec![many(&g.block), either(&["sectPr"])], none);
    add(
        "CT_P",
        vec![either(&["pPr"]), many(&g.p_content)],
        Some(&["rsidRPr", "rsidR", "rsidDel", "rsidP", "rsidRDefault"]),
    );
    add("CT_PPr", [seq(&PPR_BASE), seq(&["rPr", "sectPr", "pPrChange"])].concat(), none);
    add("CT_PPrGeneral", [seq(&PPR_BASE), seq(&["pPrChange"])].concat(), none);
    add("CT_PPrBase", seq(&PPR_BASE), none);
    add(
        "CT_ParaRPr",
        [seq(&["ins", "del", "moveFrom", "moveTo"]), seq(&RPR_BASE), seq(&["rPrChange"])].concat(),
        none,
    );
    add("CT_RPr", [seq(&RPR_BASE), seq(&["rPrChange"])].concat(), none);
    add("CT_R", vec![either(&["rPr"]), many(&RUN_INNER)], Some(&["rsidRPr", "rsidDel", "rsidR"]));
    add("CT_Text", vec![], none);
    add("CT_Empty", vec![], none);
    add("CT_Br", vec![], Some(&["type", "clear"]));
    add(
        "CT_FldChar",
        vec![either(&["fldData", "ffData", "numberingChange"])],
        Some(&["fldCharType", "fldLock", "dirty"]),
    );
    add("CT_OnOff", vec![], val);
    add("CT_String", vec![], val);
    add("CT_DecimalNumber", vec![], val);
    add("CT_HpsMeasure", vec![], val);
    add("CT_Jc", vec![], val);
    add("CT_VerticalJc", vec![], val);
    add("CT_SignedTwipsMeasure", vec![], val);
    add(
        "CT_Fonts",
        vec![],
        Some(&[
            "hint",
            "ascii",
            "hAnsi",
            "eastAsia",
            "cs",
            "asciiTheme",
            "hAnsiTheme",
            "eastAsiaTheme",
            "cstheme",
        ]),
    );
    add("CT_Language", vec![], Some(&["val", "eastAsia", "bidi"]));
    add("CT_Underline", vec![], Some(&["val", "color", "themeColor", "themeTint", "themeShade"]));
    add(
        "CT_Spacing",
        vec![],
        Some(&[
            "before",
            "beforeLines",
            "beforeAutospacing",
            "after",
            "afterLines",
            "afterAutospacing",
            "line",
            "lineRule",
        ]),
    );
    add(
        "CT_Ind",
        vec![],
        Some(&[
            "start",
            "startChars",
            "end",
            "endChars",
            "left",
            "leftChars",
            "right",
            "rightChars",
            "hanging",
            "hangingChars",
            "firstLine",
            "firstLineChars",
        ]),
    );
    add("CT_Border", vec![], Some(&BORDER_ATTRS));
    add("CT_PBdr", seq(&["top", "left", "bottom", "right", "between", "bar"]), none);
    add("CT_NumPr", seq(&["ilvl", "numId", "numberingChange", "ins"]), none);
    add("CT_Tabs", vec![Slot { names: vec!["tab"], repeat: true, required: true }], none);
    add("CT_TabStop", vec![], Some(&["val", "leader", "pos"]));
}

/// Adds the table, grid and row types (§17.4).
fn table_types(add: &mut Add, g: &Groups) {
    let none: Option<&[&str]> = Some(&[]);

    // Tables (§17.4).
    add(
        "CT_Tbl",
        vec![many(&RANGE_MARKUP), req("tblPr"), req("tblGrid"), many(&g.row_content)],
        none,
    );
    add(
        "CT_TblPr",
        seq(&[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
            "tblCaption",
            "tblDescription",
            "tblPrChange",
        ]),
        none,
    );
    add(
        "CT_TblBorders",
        vec![
            either(&["top"]),
            either(&["left", "start"]),
            either(&["bottom"]),
            either(&["right", "end"]),
            either(&["insideH"]),
            either(&["insideV"]),
        ],
        none,
    );
    add(
        "CT_TblCellMar",
        vec![
            either(&["top"]),
            either(&["left", "start"]),
            either(&["bottom"]),
            either(&["right", "end"]),
        ],
        none,
    );
    add("CT_TblWidth", vec![], Some(&["w", "type"]));
    add("CT_TblLayoutType", vec![], Some(&["type"]));
    add(
        "CT_TblLook",
        vec![],
        Some(&["firstRow", "lastRow", "firstColumn", "lastColumn", "noHBand", "noVBand", "val"]),
    );
    add("CT_TblGrid", vec![many(&["gridCol"]), either(&["tblGridChange"])], none);
    add("CT_TblGridBase", vec![many(&["gridCol"])], none);
    add("CT_TblGridCol", vec![], Some(&["w"]));
    add(
        "CT_Row",
        vec![either(&["tblPrEx"]), either(&["trPr"]), many(&g.cell_content)],
        Some(&["rsidRPr", "rsidR", "rsidDel", "rsidTr"]),
    );
    add(
        "CT_TrPr",
        [
            vec![many(&[
                "cnfStyle",
                "divId",
                "gridBefore",
                "gridAfter",
                "wBefore",
                "wAfter",
                "cantSplit",
                "trHeight",
                "tblHeader",
                "tblCellSpacing",
                "jc",
                "hidden",
            ])],
            seq(&["ins", "del", "trPrChange"]),
        ]
        .concat(),
        none,
    );
    add("CT_Height", vec![], Some(&["val", "hRule"]));
}

/// Adds the table cell types (§17.4).
fn cell_types(add: &mut Add, g: &Groups) {
    let none: Option<&[&str]> = Some(&[]);

    add(
        "CT_Tc",
        vec![either(&["tcPr"]), Slot { names: g.block.clone(), repeat: true, required: true }],
        Some(&["id"]),
    );
    add(
        "CT_TcPr",
        [
            seq(&[
                "cnfStyle",
                "tcW",
                "gridSpan",
                "hMerge",
                "vMerge",
                "tcBorders",
                "shd",
                "noWrap",
                "tcMar",
                "textDirection",
                "tcFitText",
                "vAlign",
                "hideMark",
                "headers",
            ]),
            vec![either(&["cellIns", "cellDel", "cellMerge"])],
            seq(&["tcPrChange"]),
        ]
        .concat(),
        none,
    );
    add(
        "CT_TcBorders",
        vec![
            either(&["top"]),
            either(&["left", "start"]),
            either(&["bottom"]),
            either(&["right", "end"]),
            either(&["insideH"]),
            either(&["insideV"]),
            either(&["tl2br"]),
            either(&["tr2bl"]),
        ],
        none,
    );
}

/// Adds the section, header, footer, note, comment and text box types.
fn section_types(add: &mut Add, g: &Groups) {
    let none: Option<&[&str]> = Some(&[]);

    // Sections (§17.6).
    add(
        "CT_SectPr",
        [
            vec![many(&["headerReference", "footerReference"])],
            seq(&[
                "footnotePr",
                "endnotePr",
                "type",
                "pgSz",
                "pgMar",
                "paperSrc",
                "pgBorders",
                "lnNumType",
                "pgNumType",
                "cols",
                "formProt",
                "vAlign",
                "noEndnote",
                "titlePg",
                "textDirection",
                "bidi",
                "rtlGutter",
                "docGrid",
                "printerSettings",
                "sectPrChange",
            ]),
        ]
        .concat(),
        Some(&["rsidRPr", "rsidDel", "rsidR", "rsidSect"]),
    );
    add("CT_HdrFtrRef", vec![], Some(&["type"]));
    add("CT_PageSz", vec![], Some(&["w", "h", "orient", "code"]));
    add(
        "CT_PageMar",
        vec![],
        Some(&["top", "right", "bottom", "left", "header", "footer", "gutter"]),
    );
    add("CT_Columns", vec![many(&["col"])], Some(&["equalWidth", "space", "num", "sep"]));
    add("CT_DocGrid", vec![], Some(&["type", "linePitch", "charSpace"]));

    // Headers, footers, notes, comments, text boxes (§17.10, §17.11, §17.13.4).
    add("CT_HdrFtr", vec![Slot { names: g.block.clone(), repeat: true, required: true }], none);
    add(
        "CT_FtnEdn",
        vec![Slot { names: g.block.clone(), repeat: true, required: true }],
        Some(&["type", "id"]),
    );
    add("CT_Footnotes", vec![many(&["footnote"])], none);
    add("CT_Endnotes", vec![many(&["endnote"])], none);
    add("CT_Comments", vec![many(&["comment"])], none);
    add("CT_Comment", vec![many(&g.block)], Some(&["id", "author", "date", "initials"]));
    add("CT_TxbxContent", vec![many(&g.block)], none);
}

/// Adds the style types (§17.7).
fn style_types(add: &mut Add) {
    let none: Option<&[&str]> = Some(&[]);

    // Styles (§17.7).
    add(
        "CT_Styles",
        vec![either(&["docDefaults"]), either(&["latentStyles"]), many(&["style"])],
        none,
    );
    add("CT_DocDefaults", seq(&["rPrDefault", "pPrDefault"]), none);
    add("CT_RPrDefault", seq(&["rPr"]), none);
    add("CT_PPrDefault", seq(&["pPr"]), none);
    add(
        "CT_LatentStyles",
        vec![many(&["lsdException"])],
        Some(&[
            "defLockedState",
            "defUIPriority",
            "defSemiHidden",
            "defUnhideWhenUsed",
            "defQFormat",
            "count",
        ]),
    );
    add(
        "CT_LsdException",
        vec![],
        Some(&["name", "locked", "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat"]),
    );
    add(
        "CT_Style",
        [
            seq(&[
                "name",
                "aliases",
                "basedOn",
                "next",
                "link",
                "autoRedefine",
                "hidden",
                "uiPriority",
                "semiHidden",
                "unhideWhenUsed",
                "qFormat",
                "locked",
                "personal",
                "personalCompose",
                "personalReply",
                "rsid",
                "pPr",
                "rPr",
                "tblPr",
                "trPr",
                "tcPr",
            ]),
            vec![many(&["tblStylePr"])],
        ]
        .concat(),
        Some(&["type", "styleId", "default", "customStyle"]),
    );
    add("CT_TblStylePr", seq(&["pPr", "rPr", "tblPr", "trPr", "tcPr"]), Some(&["type"]));
}

/// Adds the settings, numbering and font types.
fn settings_types(add: &mut Add) {
    let none: Option<&[&str]> = Some(&[]);

    // Settings (§17.15).
    add(
        "CT_Settings",
        [seq(&SETTINGS), seq(&SETTINGS_END)]
            .concat()
            .into_iter()
            .map(|mut slot| {
                slot.repeat = matches!(
                    slot.names[0],
                    "activeWritingStyle" | "attachedSchema" | "smartTagType"
                );
                slot
            })
            .collect(),
        None,
    );
    add("CT_Compat", [seq(&COMPAT), vec![many(&["compatSetting"])]].concat(), none);
    add("CT_CompatSetting", vec![], Some(&["name", "uri", "val"]));
    add("CT_DocRsids", vec![either(&["rsidRoot"]), many(&["rsid"])], none);

    // Numbering (§17.9).
    add(
        "CT_Numbering",
        vec![
            many(&["numPicBullet"]),
            many(&["abstractNum"]),
            many(&["num"]),
            either(&["numIdMacAtCleanup"]),
        ],
        none,
    );
    add(
        "CT_AbstractNum",
        [
            seq(&["nsid", "multiLevelType", "tmpl", "name", "styleLink", "numStyleLink"]),
            vec![many(&["lvl"])],
        ]
        .concat(),
        Some(&["abstractNumId"]),
    );
    add(
        "CT_Lvl",
        seq(&[
            "start",
            "numFmt",
            "lvlRestart",
            "pStyle",
            "isLgl",
            "suff",
            "lvlText",
            "lvlPicBulletId",
            "legacy",
            "lvlJc",
            "pPr",
            "rPr",
        ]),
        Some(&["ilvl", "tplc", "tentative"]),
    );
    add("CT_Num", vec![req("abstractNumId"), many(&["lvlOverride"])], Some(&["numId"]));
    add("CT_NumLvl", seq(&["startOverride", "lvl"]), Some(&["ilvl"]));

    // Fonts (§17.8).
    add("CT_FontsList", vec![many(&["font"])], none);
    add(
        "CT_Font",
        seq(&[
            "altName",
            "panose1",
            "charset",
            "family",
            "notTrueType",
            "pitch",
            "sig",
            "embedRegular",
            "embedBold",
            "embedItalic",
            "embedBoldItalic",
        ]),
        Some(&["name"]),
    );
}

/// The complexType of a `w:` element, from its name and its parent's (`None`: the parent is not
/// a `w:` element). `None` when the element is not modelled here.
fn type_of(parent: Option<&str>, name: &str) -> Option<&'static str> {
    let p = parent.unwrap_or("");
    Some(match name {
        "document" => "CT_Document",
        "body" => "CT_Body",
        "p" => "CT_P",
        "pPr" => match p {
            "p" => "CT_PPr",
            "pPrChange" => "CT_PPrBase",
            _ => "CT_PPrGeneral",
        },
        "rPr" => match p {
            "pPr" | "rPrChange" => "CT_ParaRPr",
            _ => "CT_RPr",
        },
        "r" => "CT_R",
        "t" | "delText" | "instrText" | "delInstrText" => "CT_Text",
        "br" => "CT_Br",
        "tab" if p == "tabs" => "CT_TabStop",
        "tab" | "cr" | "noBreakHyphen" | "softHyphen" | "lastRenderedPageBreak" => "CT_Empty",
        "fldChar" => "CT_FldChar",
        "tabs" => "CT_Tabs",
        "numPr" => "CT_NumPr",
        "pBdr" => "CT_PBdr",
        "top" | "left" | "start" | "bottom" | "right" | "end" | "insideH" | "insideV"
        | "between" | "bar" | "tl2br" | "tr2bl"
            if matches!(p, "pBdr" | "tblBorders" | "tcBorders") =>
        {
            "CT_Border"
        }
        "top" | "left" | "start" | "bottom" | "right" | "end"
            if matches!(p, "tblCellMar" | "tcMar") =>
        {
            "CT_TblWidth"
        }
        "bdr" => "CT_Border",
        "spacing" if p == "pPr" => "CT_Spacing",
        "spacing" => "CT_SignedTwipsMeasure",
        "ind" => "CT_Ind",
        "jc" => "CT_Jc",
        "rFonts" => "CT_Fonts",
        "lang" => "CT_Language",
        "u" => "CT_Underline",
        "sz" | "szCs" | "kern" => "CT_HpsMeasure",
        "pStyle" | "rStyle" | "tblStyle" | "basedOn" | "next" | "link" | "aliases" => "CT_String",
        "name" if matches!(p, "style" | "abstractNum") => "CT_String",
        "uiPriority" | "gridSpan" | "outlineLvl" | "ilvl" | "numId" | "abstractNumId"
        | "gridBefore" | "gridAfter" => "CT_DecimalNumber",
        "start" if p == "lvl" => "CT_DecimalNumber",
        n if ON_OFF.contains(&n) => "CT_OnOff",
        "tbl" => "CT_Tbl",
        "tblPr" => "CT_TblPr",
        "tblBorders" => "CT_TblBorders",
        "tblCellMar" | "tcMar" => "CT_TblCellMar",
        "tcBorders" => "CT_TcBorders",
        "tblW" | "tcW" | "tblInd" | "tblCellSpacing" | "wBefore" | "wAfter" => "CT_TblWidth",
        "tblLayout" => "CT_TblLayoutType",
        "tblLook" => "CT_TblLook",
        "tblGrid" if p == "tblGridChange" => "CT_TblGridBase",
        "tblGrid" => "CT_TblGrid",
        "gridCol" => "CT_TblGridCol",
        "tr" => "CT_Row",
        "trPr" => "CT_TrPr",
        "trHeight" => "CT_Height",
        "tc" => "CT_Tc",
        "tcPr" => "CT_TcPr",
        "vAlign" => "CT_VerticalJc",
        "sectPr" => "CT_SectPr",
        "headerReference" | "footerReference" => "CT_HdrFtrRef",
        "pgSz" => "CT_PageSz",
        "pgMar" => "CT_PageMar",
        "cols" => "CT_Columns",
        "docGrid" => "CT_DocGrid",
        "hdr" | "ftr" => "CT_HdrFtr",
        "footnotes" => "CT_Footnotes",
        "endnotes" => "CT_Endnotes",
        "footnote" | "endnote" if matches!(p, "footnotes" | "endnotes") => "CT_FtnEdn",
        "comments" => "CT_Comments",
        "comment" => "CT_Comment",
        "txbxContent" => "CT_TxbxContent",
        "styles" => "CT_Styles",
        "docDefaults" => "CT_DocDefaults",
        "rPrDefault" => "CT_RPrDefault",
        "pPrDefault" => "CT_PPrDefault",
        "latentStyles" => "CT_LatentStyles",
        "lsdException" => "CT_LsdException",
        "style" if p == "styles" => "CT_Style",
        "tblStylePr" => "CT_TblStylePr",
        "settings" => "CT_Settings",
        "compat" => "CT_Compat",
        "compatSetting" => "CT_CompatSetting",
        "rsids" => "CT_DocRsids",
        "numbering" => "CT_Numbering",
        "abstractNum" => "CT_AbstractNum",
        "lvl" => "CT_Lvl",
        "num" if p == "numbering" => "CT_Num",
        "lvlOverride" => "CT_NumLvl",
        "fonts" => "CT_FontsList",
        "font" if p == "fonts" => "CT_Font",
        _ => return None,
    })
}

// ------------------------------------------------------------------------ markup compatibility

/// Whether `ns` is ignorable at `node` (an `mc:Ignorable` on it or an ancestor lists a prefix
/// bound to `ns` there).
fn ignorable(node: Node, ns: &str) -> bool {
    node.ancestors().filter(|a| a.is_element()).any(|a| {
        a.attribute((MC, "Ignorable")).is_some_and(|list| {
            list.split_whitespace().any(|prefix| a.lookup_namespace_uri(Some(prefix)) == Some(ns))
        })
    })
}

/// Whether an ignorable element keeps its children (`mc:ProcessContent` in scope names it).
fn process_content(node: Node) -> bool {
    let (ns, name) = (node.tag_name().namespace(), node.tag_name().name());
    node.ancestors().filter(|a| a.is_element()).any(|a| {
        a.attribute((MC, "ProcessContent")).is_some_and(|list| {
            list.split_whitespace().any(|q| {
                let (prefix, local) = q.split_once(':').unwrap_or(("", q));
                a.lookup_namespace_uri(Some(prefix)) == ns && (local == "*" || local == name)
            })
        })
    })
}

/// The branch of an `mc:AlternateContent` an ECMA-376 consumer takes: the first `mc:Choice`
/// whose `Requires` prefixes are all understood namespaces, else the `mc:Fallback`.
fn select_branch<'a, 'i>(alternate: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    alternate.children().filter(Node::is_element).find(|c| {
        c.tag_name().namespace() == Some(MC)
            && match c.tag_name().name() {
                "Choice" => c.attribute("Requires").is_some_and(|req| {
                    req.split_whitespace().all(|prefix| {
                        c.lookup_namespace_uri(Some(prefix))
                            .is_some_and(|ns| UNDERSTOOD.contains(&ns))
                    })
                }),
                "Fallback" => true,
                _ => false,
            }
    })
}

/// The children of `node` as an ECMA-376 consumer sees them after markup-compatibility
/// processing: ignorable elements dropped (or replaced by their children), alternate content
/// replaced by the selected branch's children.
fn effective_children<'a, 'i>(node: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    for c in node.children().filter(Node::is_element) {
        let ns = c.tag_name().namespace().unwrap_or("");
        if ns == MC {
            if c.tag_name().name() == "AlternateContent" {
                if let Some(branch) = select_branch(c) {
                    out.extend(effective_children(branch));
                }
            }
        } else if ns != W && !UNDERSTOOD.contains(&ns) && ignorable(c, ns) {
            if process_content(c) {
                out.extend(effective_children(c));
            }
        } else {
            out.push(c);
        }
    }
    out
}

// ------------------------------------------------------------------------------ part checking

/// An XPath-like path of an element: `/w:document/w:body/w:p[3]/w:pPr`.
fn path_of(node: Node) -> String {
    let mut steps = Vec::new();
    for n in node.ancestors().filter(Node::is_element) {
        let name = n.tag_name();
        let prefix = name
            .namespace()
            .and_then(|ns| n.lookup_prefix(ns))
            .map(|p| format!("{p}:"))
            .unwrap_or_default();
        let same = |s: &Node| s.is_element() && s.tag_name() == name;
        let index = n.prev_siblings().skip(1).filter(same).count();
        let count = index + n.next_siblings().skip(1).filter(same).count();
        steps.push(if count > 0 {
            format!("{prefix}{}[{}]", name.name(), index + 1)
        } else {
            format!("{prefix}{}", name.name())
        });
    }
    steps.reverse();
    format!("/{}", steps.join("/"))
}

struct PartCheck<'v> {
    part: String,
    /// How many elements were checked against a content model.
    modelled: usize,
    /// The relationship ids of this part.
    rel_ids: HashSet<String>,
    out: &'v mut Vec<Violation>,
}

impl PartCheck<'_> {
    fn report(&mut self, kind: Kind, node: Node, message: String) {
        self.out.push(Violation { kind, part: self.part.clone(), path: path_of(node), message });
    }

    /// Checks a `w:` element and everything under it. `parent`: the parent's local name when it
    /// is a `w:` element.
    fn element(&mut self, node: Node, parent: Option<&str>) {
        let name = node.tag_name().name();
        let model = type_of(parent, name).and_then(|t| schema().get(t));
        self.attributes(node, model, true);
        let children = effective_children(node);
        if let Some(m) = model {
            self.modelled += 1;
            self.order(node, m, &children);
        }
        for c in children {
            if c.tag_name().namespace() == Some(W) {
                self.element(c, Some(name));
            } else {
                let ns = c.tag_name().namespace().unwrap_or("");
                if !UNDERSTOOD.contains(&ns) {
                    self.report(
                        Kind::Compatibility,
                        c,
                        format!(
                            "element {} of namespace «{ns}», neither understood nor ignorable \
                             here (ECMA-376 Part 3: a consumer shall treat it as an error)",
                            c.tag_name().name()
                        ),
                    );
                }
                self.foreign(c);
            }
        }
    }

    /// Walks content of another schema to the WordprocessingML inside it.
    fn foreign(&mut self, node: Node) {
        self.attributes(node, None, false);
        for c in effective_children(node) {
            if c.tag_name().namespace() == Some(W) {
                self.element(c, None);
            } else {
                self.foreign(c);
            }
        }
    }

    /// Attribute checks: `w:` attributes against the model, namespaces (on `w:` elements), and
    /// relationship ids.
    fn attributes(&mut self, node: Node, model: Option<&Model>, wordml: bool) {
        for a in node.attributes() {
            let ns = a.namespace().unwrap_or("");
            if ns == R {
                if !self.rel_ids.contains(a.value()) {
                    self.report(
                        Kind::MissingRelationship,
                        node,
                        format!(
                            "r:{}=\"{}\" names no relationship of {} (ST_RelationshipId: the id \
                             of a relationship in the part's relationship part)",
                            a.name(),
                            a.value(),
                            self.part
                        ),
                    );
                }
                continue;
            }
            if !wordml {
                continue;
            }
            if ns == W || ns.is_empty() {
                if let Some(allowed) = model.and_then(|m| m.attrs.as_ref().map(|a| (m.ct, a))) {
                    if !allowed.1.contains(&a.name()) {
                        let shown = if ns.is_empty() {
                            a.name().to_string()
                        } else {
                            format!("w:{}", a.name())
                        };
                        self.report(
                            Kind::UnknownAttribute,
                            node,
                            format!("attribute {shown} is not an attribute of {}", allowed.0),
                        );
                    }
                }
            } else if ns != MC && !UNDERSTOOD.contains(&ns) && !ignorable(node, ns) {
                self.report(
                    Kind::Compatibility,
                    node,
                    format!(
                        "attribute {} of namespace «{ns}», neither understood nor ignorable here \
                         (ECMA-376 Part 3)",
                        a.name()
                    ),
                );
            }
        }
    }

    /// The children's order against the model.
    fn order(&mut self, node: Node, m: &Model, children: &[Node]) {
        let mut cur = 0usize;
        let mut matched = vec![false; m.slots.len()];
        let mut prev: Option<&str> = None;
        for c in children.iter().filter(|c| c.tag_name().namespace() == Some(W)) {
            let name = c.tag_name().name();
            let at: Vec<usize> =
                (0..m.slots.len()).filter(|&i| m.slots[i].names.contains(&name)).collect();
            if at.is_empty() {
                self.report(
                    Kind::UnknownChild,
                    *c,
                    format!("w:{name} is not a child of w:{} ({})", node.tag_name().name(), m.ct),
                );
                continue;
            }
            match at.iter().find(|&&i| i >= cur) {
                Some(&i) => {
                    if i == cur && matched[i] && !m.slots[i].repeat {
                        self.report(
                            Kind::Repeated,
                            *c,
                            format!("w:{name} occurs more than once in {} (maxOccurs 1)", m.ct),
                        );
                    }
                    cur = i;
                    matched[i] = true;
                    prev = Some(name);
                }
                None => {
                    let before = prev.unwrap_or("?");
                    self.report(
                        Kind::Order,
                        *c,
                        format!(
                            "w:{name} after w:{before}: the sequence of {} puts w:{name} before \
                             w:{before}",
                            m.ct
                        ),
                    );
                }
            }
        }
        for (i, slot) in m.slots.iter().enumerate() {
            if slot.required && !matched[i] {
                self.report(
                    Kind::Missing,
                    node,
                    format!("{} requires a w:{} child", m.ct, slot.names.join(" | w:")),
                );
            }
        }
    }
}

// ----------------------------------------------------------------------------------- package

/// The root element a WordprocessingML content type requires (Part 1 §11.3), with the clause.
fn required_root(content_type: &str) -> Option<(&'static str, &'static str)> {
    let t = content_type
        .strip_prefix("application/vnd.openxmlformats-officedocument.wordprocessingml.")?;
    Some(match t {
        "document.main+xml" | "template.main+xml" => ("document", "§11.3.10"),
        "styles+xml" => ("styles", "§11.3.12"),
        "settings+xml" => ("settings", "§11.3.3"),
        "numbering+xml" => ("numbering", "§11.3.11"),
        "fontTable+xml" => ("fonts", "§11.3.5"),
        "header+xml" => ("hdr", "§11.3.9"),
        "footer+xml" => ("ftr", "§11.3.6"),
        "comments+xml" => ("comments", "§11.3.2"),
        "footnotes+xml" => ("footnotes", "§11.3.7"),
        "endnotes+xml" => ("endnotes", "§11.3.4"),
        "webSettings+xml" => ("webSettings", "§11.3.13"),
        _ => return None,
    })
}

/// A relationship read from a relationship part.
struct Rel {
    id: String,
    target: String,
    /// The resolved part name (lower case), for internal relationships.
    part: Option<String>,
}

/// Resolves a relationship target against its source part (Part 2 §9.2: relative references).
fn resolve(source: &str, target: &str) -> String {
    let target = target.split('#').next().unwrap_or("");
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => match source.rfind('/') {
            Some(i) => format!("{}{target}", &source[..=i]),
            None => target.to_string(),
        },
    };
    let mut out: Vec<String> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(percent_decode(s)),
        }
    }
    out.join("/")
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The source part of a relationship part (`""`: the package), or `None` if `name` is not one.
fn rels_source(name: &str) -> Option<String> {
    let (dir, file) = match name.rfind('/') {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => ("", name),
    };
    let file = file.strip_suffix(".rels")?;
    let dir = if dir == "_rels" { "" } else { dir.strip_suffix("/_rels")? };
    Some(if dir.is_empty() { file.to_string() } else { format!("{dir}/{file}") })
}

/// Records a package-level violation.
fn pv(out: &mut Vec<Violation>, kind: Kind, part: &str, message: String) {
    out.push(Violation { kind, part: part.to_string(), path: String::new(), message });
}

/// The violations of a DOCX package. Never panics on bad input: a broken archive or part is a
/// violation.
pub fn check_docx(bytes: &[u8]) -> Vec<Violation> {
    check(bytes).violations
}

/// What a check found.
pub struct Checked {
    /// The violations.
    pub violations: Vec<Violation>,
    /// The parts in the package.
    pub parts: usize,
    /// The WordprocessingML elements checked against a content model.
    pub elements: usize,
}

/// Checks a DOCX package (see [`check_docx`]), counting what was checked.
pub fn check(bytes: &[u8]) -> Checked {
    let mut out = Vec::new();
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => {
            pv(&mut out, Kind::Malformed, "", format!("not a ZIP archive: {e}"));
            return Checked { violations: out, parts: 0, elements: 0 };
        }
    };
    // Part names as stored, and by lower-case name (part names compare case-insensitively,
    // Part 2 §9.1.1).
    let parts = read_parts(&mut zip, &mut out);
    let lower: HashMap<String, String> =
        parts.keys().map(|k| (k.to_lowercase(), k.clone())).collect();
    let mut pkg = Package {
        parts,
        lower,
        defaults: HashMap::new(),
        overrides: HashMap::new(),
        rels: HashMap::new(),
        out,
    };

    // Content types (Part 2 §9.1.2, M2.4).
    pkg.read_content_types();
    pkg.check_content_types();

    // Relationships.
    pkg.read_rels();
    pkg.check_rel_targets();
    // Reachability from the package relationships.
    pkg.check_reachable();

    // XML parts in the WordprocessingML namespace.
    let elements = pkg.check_xml_parts();
    Checked { violations: pkg.out, parts: pkg.parts.len(), elements }
}

/// Reads every file entry of the archive, by name as stored; an unreadable entry is a violation.
fn read_parts(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    out: &mut Vec<Violation>,
) -> BTreeMap<String, Vec<u8>> {
    let mut parts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for i in 0..zip.len() {
        let Ok(mut f) = zip.by_index(i) else {
            pv(out, Kind::Malformed, "", format!("ZIP entry {i} unreadable"));
            continue;
        };
        if f.is_dir() {
            continue;
        }
        let name = f.name().to_string();
        let mut data = Vec::new();
        if f.read_to_end(&mut data).is_err() {
            pv(out, Kind::Malformed, &name, "entry unreadable".into());
            continue;
        }
        parts.insert(name, data);
    }
    parts
}

/// A package being checked: its parts, what has been read of them, and the violations so far.
struct Package {
    /// The parts by name as stored.
    parts: BTreeMap<String, Vec<u8>>,
    /// Lower-case part name → name as stored.
    lower: HashMap<String, String>,
    /// Content types by lower-case extension.
    defaults: HashMap<String, String>,
    /// Content types by lower-case part name.
    overrides: HashMap<String, String>,
    /// Relationships by lower-case source part (`""`: the package).
    rels: HashMap<String, Vec<Rel>>,
    out: Vec<Violation>,
}

impl Package {
    /// Reads the Default and Override entries of `[Content_Types].xml`.
    fn read_content_types(&mut self) {
        let (defaults, overrides, out) = (&mut self.defaults, &mut self.overrides, &mut self.out);
        match self.parts.get("[Content_Types].xml").map(|b| String::from_utf8_lossy(b).into_owned())
        {
            None => {
                pv(out, Kind::ContentType, "[Content_Types].xml", "no Content Types stream".into())
            }
            Some(text) => match Document::parse(&text) {
                Err(e) => pv(out, Kind::Malformed, "[Content_Types].xml", e.to_string()),
                Ok(d) => {
                    for n in d
                        .root_element()
                        .children()
                        .filter(|n| n.tag_name().namespace() == Some(TYPES))
                    {
                        let ct = n.attribute("ContentType").unwrap_or("").to_string();
                        match n.tag_name().name() {
                            "Default" => {
                                defaults.insert(
                                    n.attribute("Extension").unwrap_or("").to_lowercase(),
                                    ct,
                                );
                            }
                            "Override" => {
                                let name = n.attribute("PartName").unwrap_or("");
                                overrides.insert(name.trim_start_matches('/').to_lowercase(), ct);
                            }
                            _ => {}
                        }
                    }
                }
            },
        }
    }

    /// The content type of a part: its Override, else the Default of its extension.
    fn content_type(&self, name: &str) -> Option<String> {
        self.overrides.get(&name.to_lowercase()).cloned().or_else(|| {
            let ext = name.rsplit_once('.').map(|(_, e)| e.to_lowercase())?;
            self.defaults.get(&ext).cloned()
        })
    }

    /// Reports every part that has no content type.
    fn check_content_types(&mut self) {
        for name in self.parts.keys().filter(|n| *n != "[Content_Types].xml") {
            if self.content_type(name).is_none() {
                pv(
                    &mut self.out,
                    Kind::ContentType,
                    name,
                    "no Default or Override in [Content_Types].xml gives this part a content type \
                     (ECMA-376 Part 2, M2.4)"
                        .into(),
                );
            }
        }
    }

    /// Reads every relationship part into `rels`; one that is not XML is a violation.
    fn read_rels(&mut self) {
        for (name, data) in &self.parts {
            let Some(source) = rels_source(name) else { continue };
            let text = String::from_utf8_lossy(data);
            let d = match Document::parse(&text) {
                Ok(d) => d,
                Err(e) => {
                    pv(&mut self.out, Kind::Malformed, name, e.to_string());
                    continue;
                }
            };
            let list = d
                .root_element()
                .children()
                .filter(|n| {
                    n.tag_name().namespace() == Some(RELS) && n.tag_name().name() == "Relationship"
                })
                .map(|n| {
                    let target = n.attribute("Target").unwrap_or("").to_string();
                    let external = n.attribute("TargetMode") == Some("External");
                    Rel {
                        id: n.attribute("Id").unwrap_or("").to_string(),
                        part: (!external).then(|| resolve(&source, &target).to_lowercase()),
                        target,
                    }
                })
                .collect();
            self.rels.insert(source.to_lowercase(), list);
        }
    }

    /// Reports relationship parts whose source is missing and relationships whose target is.
    fn check_rel_targets(&mut self) {
        for (name, _) in self.parts.iter().filter(|(n, _)| rels_source(n).is_some()) {
            let source = rels_source(name).unwrap_or_default();
            if !source.is_empty() && !self.lower.contains_key(&source.to_lowercase()) {
                pv(
                    &mut self.out,
                    Kind::Orphan,
                    name,
                    format!("relationship part of «{source}», which is not in the package"),
                );
            }
            for r in self.rels.get(&source.to_lowercase()).into_iter().flatten() {
                if let Some(p) = &r.part {
                    if !self.lower.contains_key(p) {
                        pv(
                            &mut self.out,
                            Kind::MissingTarget,
                            name,
                            format!(
                                "relationship {} targets «{}» ({p}), which is not in the package",
                                r.id, r.target
                            ),
                        );
                    }
                }
            }
        }
    }

    /// Reports every part that no chain of relationships from the package reaches.
    fn check_reachable(&mut self) {
        let mut reached: BTreeSet<String> = BTreeSet::new();
        let mut queue = vec![String::new()];
        while let Some(src) = queue.pop() {
            for r in self.rels.get(&src).into_iter().flatten() {
                if let Some(p) = &r.part {
                    if self.lower.contains_key(p) && reached.insert(p.clone()) {
                        queue.push(p.clone());
                    }
                }
            }
        }
        for name in self.parts.keys() {
            let l = name.to_lowercase();
            if name == "[Content_Types].xml" || reached.contains(&l) {
                continue;
            }
            if let Some(src) = rels_source(name) {
                if src.is_empty() || reached.contains(&src.to_lowercase()) {
                    continue;
                }
            }
            let ct = self.content_type(name).unwrap_or_default();
            let rule = match required_root(&ct) {
                Some((_, clause)) => {
                    format!(
                        "ECMA-376 Part 1 {clause}: the part shall be the target of a relationship"
                    )
                }
                None => "every part is reached through relationships from the package".to_string(),
            };
            pv(
                &mut self.out,
                Kind::Orphan,
                name,
                format!("no relationship reaches this part ({ct}); {rule}"),
            );
        }
    }

    /// Checks the root and content models of every XML part; returns how many elements were
    /// checked against a content model.
    fn check_xml_parts(&mut self) -> usize {
        let mut elements = 0;
        for (name, data) in &self.parts {
            let ct = self.content_type(name).unwrap_or_default();
            if rels_source(name).is_some() || !(ct.ends_with("xml") || name.ends_with(".xml")) {
                continue;
            }
            let text = String::from_utf8_lossy(data);
            let d = match Document::parse(&text) {
                Ok(d) => d,
                Err(e) => {
                    pv(&mut self.out, Kind::Malformed, name, e.to_string());
                    continue;
                }
            };
            let root = d.root_element();
            if let Some((want, clause)) = required_root(&ct) {
                if root.tag_name().namespace() != Some(W) || root.tag_name().name() != want {
                    pv(
                        &mut self.out,
                        Kind::Root,
                        name,
                        format!(
                            "root element {} but {ct} requires w:{want} (ECMA-376 Part 1 {clause})",
                            root.tag_name().name()
                        ),
                    );
                }
            }
            if root.tag_name().namespace() != Some(W) {
                continue;
            }
            let rel_ids: HashSet<String> = self
                .rels
                .get(&name.to_lowercase())
                .into_iter()
                .flatten()
                .map(|r| r.id.clone())
                .collect();
            let mut check =
                PartCheck { part: name.clone(), modelled: 0, rel_ids, out: &mut self.out };
            check.element(root, None);
            elements += check.modelled;
        }
        elements
    }
}

/// Checks one WordprocessingML part on its own (no relationships: every `r:` attribute is
/// reported), for unit tests of the content models.
pub fn check_part(xml: &str) -> Vec<Violation> {
    let mut out = Vec::new();
    match Document::parse(xml) {
        Err(e) => out.push(Violation {
            kind: Kind::Malformed,
            part: "part".into(),
            path: String::new(),
            message: e.to_string(),
        }),
        Ok(d) => {
            let mut check = PartCheck {
                part: "part".into(),
                modelled: 0,
                rel_ids: HashSet::new(),
                out: &mut out,
            };
            check.element(d.root_element(), None);
        }
    }
    out
}
