//! What an import leaves to fill: a field the format requires that the Word file did not have
//! (an untitled section, no subject, no issuer's code, no closing sentence…) becomes a blank
//! «…», as a template leaves it, with a warning naming it: the report exports as a template with
//! blanks does, and the checks list each blank until it is filled. A list block the recognition
//! opened but found nothing for (a «Nguyên nhân» heading with no causes under it) is removed:
//! it holds no text.

use crate::checks::{self, structure};
use crate::diagnostic::{codes, name_places, Diagnostic, Severity};
use crate::model::{Division, Phan, Report};

/// The blank a template leaves where a unit's own text goes.
const BLANK: &str = "…";

/// Fills each empty required field of `report` with a blank; the warnings name the fields.
pub(super) fn fill_required(report: &mut Report) -> Vec<Diagnostic> {
    phan_for_leading_parts(report);
    let profile =
        crate::profile_for(report).or_else(|_| crate::FormatProfile::builtin("nd30")).ok();
    let Some(profile) = profile else { return Vec::new() };
    let found = structure::check(report, &profile);
    let blocking = |code: &'static str| {
        found.iter().filter(move |d| d.code == code && d.severity == Severity::Blocking)
    };
    let empty_blocks: Vec<String> = blocking(codes::EMPTY_BLOCK)
        .map(|d| d.path.trim_end_matches(".items").trim_end_matches(".groups").to_string())
        .collect();
    if !empty_blocks.is_empty() {
        if let Some(fewer) = checks::without(report, &empty_blocks) {
            *report = fewer;
            return fill_required(report);
        }
    }
    let mut empty: Vec<Diagnostic> = blocking(codes::REQUIRED).cloned().collect();
    name_places(report, &mut empty);
    let edits = empty.iter().map(|d| (d.path.as_str(), BLANK.to_string()));
    let Some(filled) = checks::with_texts(report, edits) else { return Vec::new() };
    *report = filled;
    empty
        .into_iter()
        .map(|d| {
            let message = format!(
                "Không thấy «{}» trong tệp Word: đã để chỗ trống «…» để điền (báo cáo vẫn xuất \
                 được, như từ một mẫu).",
                d.place_words
            );
            Diagnostic::warning(codes::IMPORT_BLANK, message).at(d.path)
        })
        .collect()
}

/// Parts before the first «Phần» (its heading was not recognised) go into a «Phần» of their own,
/// left untitled for the blank pass: a body may not mix parts and «Phần» at one level.
fn phan_for_leading_parts(report: &mut Report) {
    let content = &mut report.body.content;
    let Some(first) = content.iter().position(|d| matches!(d, Division::Phan(_))) else { return };
    if first == 0 {
        return;
    }
    let parts = content
        .drain(..first)
        .filter_map(|d| match d {
            Division::Part(p) => Some(p),
            Division::Phan(_) => None,
        })
        .collect();
    let phan = Phan { title: String::new(), hint: None, blocks: Vec::new(), parts };
    content.insert(0, Division::Phan(phan));
}
