//! Puts the children of WordprocessingML elements in the order ECMA-376 gives them, for the
//! parts docx-rs writes (styles, settings, font table, headers, and the body's properties).
//!
//! docx-rs 0.4.22 writes several elements' children out of their schema sequence: `w:rPr`
//! (sizes first, fonts last: `RunProperty::build_to`), `w:style` (run and paragraph properties
//! right after the name, `w:basedOn` last), `w:settings` (`w:defaultTabStop` before
//! `w:zoom`), `w:pPr` (the mark's `w:rPr` first, `w:jc` before spacing and indents), `w:tblPr`
//! (`w:tblCellMar` before `w:tblLayout`), `w:sectPr` (header references after the page setup),
//! and puts an empty `w:rPr` in the paragraph properties of styles, where CT_PPrGeneral
//! has none. Word's validator calls such files invalid and Word drops run properties out of
//! sequence; upstream: bokuweb/docx-rs#724 ("Empty document has 4 OOXML Validator errors",
//! open). Until docx-rs writes them in order, this pass sorts the children of the elements
//! below by their position in the sequence (stably; an element the sequence does not name
//! goes last) and leaves that empty `w:rPr` out. It moves bytes only: each child keeps its
//! exact text.
//!
//! The body's elements (`w:pPr`, `w:rPr`, `w:tblPr`, `w:sectPr`) are sorted the same way by
//! [`element`], which reads docx-rs's own output without a parser: one element at a time, as
//! docx-rs writes it, where parsing the whole body would cost more than writing it.

use std::ops::Range;

use roxmltree::{Document, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// CT_RPr / CT_ParaRPr (EG_RPrBase as a sequence, with the paragraph mark's tracked changes
/// first and `w:rPrChange` last).
const RPR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
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
    "rPrChange",
];

/// CT_PPr (CT_PPrBase, then `w:rPr`, `w:sectPr`, `w:pPrChange`).
const PPR: &[&str] = &[
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
    "rPr",
    "sectPr",
    "pPrChange",
];

/// CT_Style.
const STYLE: &[&str] = &[
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
    "tblStylePr",
];

/// CT_TblPr (CT_TblPrBase and `w:tblPrChange`).
const TBL_PR: &[&str] = &[
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
];

/// CT_TcPr.
const TC_PR: &[&str] = &[
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
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
];

/// CT_Settings (its elements of other namespaces, such as `w14:docId`, go last).
const SETTINGS: &[&str] = &[
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
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
];

/// CT_SectPr (the header and footer references, then the page setup).
const SECT_PR: &[&str] = &[
    "headerReference",
    "footerReference",
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
];

/// The sequence of an element's children, if this pass orders it.
fn sequence(node: Node) -> Option<&'static [&'static str]> {
    if node.tag_name().namespace() != Some(W) {
        return None;
    }
    sequence_named(node.tag_name().name())
}

/// The sequence of the children of the WordprocessingML element named `name`, if ordered.
fn sequence_named(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "rPr" => RPR,
        "pPr" => PPR,
        "style" => STYLE,
        "tblPr" => TBL_PR,
        "tcPr" => TC_PR,
        "settings" => SETTINGS,
        "sectPr" => SECT_PR,
        "styles" => &["docDefaults", "latentStyles", "style"],
        "docDefaults" => &["rPrDefault", "pPrDefault"],
        _ => return None,
    })
}

/// A child's position in `seq`; children the sequence does not name (other namespaces
/// included) go last.
fn rank(seq: &[&str], child: Node) -> usize {
    rank_named(seq, (child.tag_name().namespace() == Some(W)).then(|| child.tag_name().name()))
}

/// The position of the WordprocessingML element named `name` in `seq` (none: another
/// namespace's, last).
fn rank_named(seq: &[&str], name: Option<&str>) -> usize {
    let Some(name) = name else { return usize::MAX };
    seq.iter().position(|n| *n == name).unwrap_or(usize::MAX - 1)
}

/// Appends `xml`, one element as docx-rs writes it, with its children (and theirs) in schema
/// order. docx-rs's text: WordprocessingML under the prefix `w:`, no text between the children
/// of a property element, no comments, `<` and `>` escaped in text and attribute values. An
/// element whose content is not only elements comes out unchanged.
pub(super) fn element(xml: &str, out: &mut String) {
    let Some((open_end, close_start, mut children)) = split(xml) else {
        out.push_str(xml);
        return;
    };
    if let Some(seq) = local_name(xml).and_then(sequence_named) {
        children.sort_by_key(|r| rank_named(seq, local_name(&xml[r.clone()])));
    }
    out.push_str(&xml[..open_end]);
    for child in children {
        element(&xml[child], out);
    }
    out.push_str(&xml[close_start..]);
}

/// The local name of the element starting `xml` if it is WordprocessingML (prefix `w:`).
fn local_name(xml: &str) -> Option<&str> {
    let name = xml.strip_prefix('<')?;
    let name = &name[..name.find([' ', '/', '>']).unwrap_or(name.len())];
    name.strip_prefix("w:")
}

/// The end of the start tag, the start of the end tag and the children of the element `xml`;
/// none for an empty element or one holding text.
fn split(xml: &str) -> Option<(usize, usize, Vec<Range<usize>>)> {
    let open_end = xml.find('>')? + 1;
    if xml[..open_end].ends_with("/>") {
        return None;
    }
    let close_start = xml.rfind("</")?;
    let mut children = Vec::new();
    let mut at = open_end;
    while at < close_start {
        if !xml[at..].starts_with('<') {
            return None;
        }
        let end = element_end(xml, at)?;
        children.push(at..end);
        at = end;
    }
    Some((open_end, close_start, children))
}

/// The end of the element whose start tag begins at `at` (after its end tag).
fn element_end(xml: &str, at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    loop {
        let lt = i + xml[i..].find('<')?;
        let gt = lt + xml[lt..].find('>')? + 1;
        let tag = &xml[lt..gt];
        if tag.starts_with("</") {
            depth = depth.checked_sub(1)?;
        } else if !tag.ends_with("/>") {
            depth += 1;
        }
        i = gt;
        if depth == 0 {
            return Some(gt);
        }
    }
}

/// `xml` with the children of the elements this pass knows in their schema order. Text that is
/// not well-formed comes back unchanged.
pub(super) fn schema_order(xml: &str) -> String {
    let Ok(doc) = Document::parse(xml) else { return xml.to_string() };
    let root = doc.root_element();
    let mut out = String::with_capacity(xml.len());
    out.push_str(&xml[..root.range().start]);
    emit(root, xml, &mut out);
    out.push_str(&xml[root.range().end..]);
    out
}

/// Writes `node` with its element children reordered (and theirs, recursively); the text
/// between children stays where it was.
fn emit(node: Node, src: &str, out: &mut String) {
    let range = node.range();
    let children: Vec<Node> = node.children().filter(Node::is_element).collect();
    let (Some(first), Some(last)) = (children.first(), children.last()) else {
        out.push_str(&src[range]);
        return;
    };
    let mut sorted = children.clone();
    if let Some(seq) = sequence(node) {
        sorted.sort_by_key(|c| rank(seq, *c));
    }
    out.push_str(&src[range.start..first.range().start]);
    for (i, child) in sorted.iter().enumerate() {
        if !misplaced(*child) {
            emit(*child, src, out);
        }
        // The text between the i-th and the next child in the original, kept in place.
        if let Some(next) = children.get(i + 1) {
            out.push_str(&src[children[i].range().end..next.range().start]);
        }
    }
    out.push_str(&src[last.range().end..range.end]);
}

/// An empty `w:rPr` in a `w:pPr` of a style or of the document defaults: docx-rs writes one in
/// every paragraph property, but only a paragraph's own `w:pPr` (CT_PPr) may hold run
/// properties; the style's (CT_PPrGeneral) may not. Left out.
fn misplaced(node: Node) -> bool {
    let parent = node.parent_element();
    node.tag_name().namespace() == Some(W)
        && node.tag_name().name() == "rPr"
        && !node.has_children()
        && parent.is_some_and(|p| {
            p.tag_name().name() == "pPr"
                && p.parent_element().is_some_and(|pp| pp.tag_name().name() != "p")
        })
}

/// `xml` without the children of its root element that `keep` refuses (relationships of parts
/// left out, their content types).
pub(super) fn retain(xml: &str, keep: impl Fn(Node) -> bool) -> String {
    let Ok(doc) = Document::parse(xml) else { return xml.to_string() };
    let mut out = String::with_capacity(xml.len());
    let mut at = 0;
    for child in doc.root_element().children().filter(|c| c.is_element() && !keep(*c)) {
        out.push_str(&xml[at..child.range().start]);
        at = child.range().end;
    }
    out.push_str(&xml[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_properties_and_styles_come_out_in_schema_order() {
        let xml = r#"<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:x="urn:x"><w:style w:styleId="A"><w:name w:val="A" /><w:rPr><w:sz w:val="28" /> <w:b /><x:y /><w:rFonts w:ascii="T" /></w:rPr><w:pPr><w:rPr /><w:jc w:val="left" /><w:spacing /></w:pPr><w:basedOn w:val="B" /></w:style></w:styles>"#;
        let want = r#"<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:x="urn:x"><w:style w:styleId="A"><w:name w:val="A" /><w:basedOn w:val="B" /><w:pPr><w:spacing /><w:jc w:val="left" /></w:pPr><w:rPr><w:rFonts w:ascii="T" /> <w:b /><w:sz w:val="28" /><x:y /></w:rPr></w:style></w:styles>"#;
        assert_eq!(schema_order(xml), want);
        assert_eq!(schema_order(want), want, "already in order: unchanged");
        assert_eq!(schema_order("<a"), "<a", "not XML: unchanged");
    }

    #[test]
    fn body_elements_come_out_in_schema_order() {
        let ppr = r#"<w:pPr><w:rPr><w:sz w:val="28" /><w:b /><w:rFonts w:ascii="T" /></w:rPr><w:jc w:val="left" /><w:spacing w:line="360" /><w:keepNext /><w:sectPr><w:pgSz w:w="1" /><w:cols w:num="1" /><w:headerReference w:type="default" r:id="r" /></w:sectPr></w:pPr>"#;
        let want = r#"<w:pPr><w:keepNext /><w:spacing w:line="360" /><w:jc w:val="left" /><w:rPr><w:rFonts w:ascii="T" /><w:b /><w:sz w:val="28" /></w:rPr><w:sectPr><w:headerReference w:type="default" r:id="r" /><w:pgSz w:w="1" /><w:cols w:num="1" /></w:sectPr></w:pPr>"#;
        let mut out = String::new();
        element(ppr, &mut out);
        assert_eq!(out, want);
        for same in [want, "<w:rPr />", "<w:t>text</w:t>", "<w:pPr>text<w:b /></w:pPr>"] {
            out.clear();
            element(same, &mut out);
            assert_eq!(out, same, "unchanged");
        }
    }

    #[test]
    fn retain_drops_children_of_the_root() {
        let xml = r#"<R><A Id="1"/><B/><A Id="2"/></R>"#;
        assert_eq!(retain(xml, |n| n.attribute("Id") != Some("1")), r#"<R><B/><A Id="2"/></R>"#);
    }
}
