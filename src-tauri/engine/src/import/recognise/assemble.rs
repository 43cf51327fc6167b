//! The report and the import's summary, assembled from what was found.

use chrono::NaiveDate;

use crate::diagnostic::{codes, Diagnostic};
use crate::import::read::RawDoc;
use crate::import::{Count, Imported, Summary};
use crate::model::*;

use super::closing::ClosingFound;
use super::header::{report_header, HeaderFound};
use super::state::{Counts, State};

/// What was found outside the body, for the report's assembly.
pub(super) struct Found {
    /// What the header gave.
    pub(super) header: HeaderFound,
    /// The document type, if found.
    pub(super) doc_type: Option<String>,
    /// The subject's lines.
    pub(super) subject: Vec<String>,
    /// The addressees («Kính gửi»).
    pub(super) addressees: Vec<String>,
    /// The closing sentence (empty when there is none).
    pub(super) sentence: String,
    /// What the closing gave.
    pub(super) closing: ClosingFound,
    /// Where the closing starts, if found.
    pub(super) closing_at: Option<usize>,
}

/// The report and the summary of its import, from what was found.
pub(super) fn assemble(doc: &RawDoc, today: NaiveDate, found: Found, st: &mut State) -> Imported {
    let Found { header, doc_type, subject, addressees, sentence, closing, closing_at } = found;
    let warnings =
        import_warnings(std::mem::take(&mut st.warnings), doc, today, &header, closing_at);
    let mut report = Report {
        schema_version: SCHEMA_VERSION,
        header: Header { addressees, ..report_header(doc, today, &header, doc_type, &subject) },
        body: std::mem::replace(&mut st.report_body, Body { opening: vec![], content: vec![] }),
        closing: Closing {
            sentence,
            authority: closing.authority.clone(),
            signer_title: closing.title.clone().unwrap_or_default(),
            signer_name: closing.name.clone().unwrap_or_default(),
            recipients: closing.recipients.clone(),
            archive: closing.archive.clone().unwrap_or_default(),
            drafter: None,
        },
        annexes: std::mem::take(&mut st.annexes),
        period: None,
        collection: None,
        footnotes: Vec::new(),
    };
    report.footnotes = kept_notes(&report, &doc.notes);
    let c = &st.counts;
    let converted_from = st.source.iter().find_map(|s| s.converted_from.clone());
    let counts = summary_counts(c);
    let summary = Summary {
        counts,
        kept: c.kept,
        warnings,
        converted_from,
        converted: c.converted,
        complete: header.found() && closing_at.is_some(),
        source: std::mem::take(&mut st.source),
    };
    let mut imported = Imported { report, summary };
    let blanks = super::super::blanks::fill_required(&mut imported.report);
    imported.summary.warnings.extend(blanks);
    imported
}

/// The warnings met on the way, with those on what the import lacks or left out.
fn import_warnings(
    mut warnings: Vec<Diagnostic>,
    doc: &RawDoc,
    today: NaiveDate,
    header: &HeaderFound,
    closing_at: Option<usize>,
) -> Vec<Diagnostic> {
    let warn = |code: &str, m: &str| Diagnostic::warning(code, m);
    if !header.found() {
        let m = "Không nhận ra phần đầu văn bản (cơ quan, số, ngày tháng): hãy điền phần đầu.";
        warnings.insert(0, warn(codes::IMPORT_NO_HEADER, m));
    }
    if closing_at.is_none() {
        let m = "Không nhận ra phần ký và «Nơi nhận»: hãy điền người ký và nơi nhận.";
        warnings.push(warn(codes::IMPORT_NO_CLOSING, m));
    }
    if header.date.is_none() {
        let m = format!(
            "Không đọc được ngày của văn bản: tạm đặt ngày hôm nay ({}).",
            today.format("%d/%m/%Y")
        );
        warnings.push(warn(codes::IMPORT_NO_DATE, &m));
    }
    if doc.images > 0 {
        let m = format!("Tệp có {} hình ảnh: chương trình không nhập hình ảnh.", doc.images);
        warnings.push(warn(codes::IMPORT_IMAGES, &m));
    }
    if doc.text_boxes > 0 {
        let m = format!(
            "Tệp có {} hộp văn bản (text box): chữ trong đó được nhập thành đoạn văn ngay sau đoạn \
             chứa nó.",
            doc.text_boxes
        );
        warnings.push(warn(codes::IMPORT_TEXT_BOXES, &m));
    }
    warnings
}

/// The summary's counts of what was recognised, those found at least once.
fn summary_counts(c: &Counts) -> Vec<Count> {
    [
        ("Phần đầu (cơ quan, số, ngày, tên)", c.header),
        ("Phần (Phần thứ …)", c.phans),
        ("Mục (I, II…)", c.parts),
        ("Khoản (1, 2…)", c.sections),
        ("Điểm (a, b…)", c.points),
        ("Bài học (Một là…)", c.lessons),
        ("Nhóm giải pháp", c.groups),
        ("Kiến nghị (Đối với…)", c.proposals),
        ("Nguyên nhân", c.causes),
        ("Hạn chế", c.shortcomings),
        ("Dòng gạch đầu dòng", c.lines),
        ("Bảng số liệu", c.tables),
        ("Phần kết (câu kết, ký, nơi nhận)", c.closing),
        ("Phụ lục", c.annexes),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(l, n)| Count { label: l.to_string(), n })
    .collect()
}

/// The notes of the Word file whose markers (`[^k]`, see [`RawDoc::notes`]) the report's texts
/// kept, as its footnotes.
fn kept_notes(report: &Report, notes: &[String]) -> Vec<crate::model::Footnote> {
    if notes.is_empty() {
        return Vec::new();
    }
    let fields = crate::checks::fields(report);
    let referred: std::collections::HashSet<&str> =
        fields.iter().flat_map(|f| crate::text::note_refs(f.text)).map(|(_, id)| id).collect();
    notes
        .iter()
        .enumerate()
        .map(|(i, text)| crate::model::Footnote { id: (i + 1).to_string(), text: text.clone() })
        .filter(|n| referred.contains(n.id.as_str()))
        .collect()
}
