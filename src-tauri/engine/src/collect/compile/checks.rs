//! What is checked of every file beyond what reading it found: another report's form, an old
//! form, the district's own report, nothing to take, a unit's row breaking its table's rules.

use std::collections::HashSet;

use evalexpr::{ContextWithMutableVariables, DefaultNumericTypes, HashMapContext, Value};

use crate::collect::form::ID_SHEET;
use crate::collect::norm_name;
use crate::collect::read::{Submission, SubmissionKind};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::*;

use super::rules::Rule;

/// What is checked of every file beyond what reading it found.
pub(super) struct Checks<'a> {
    /// This report's collection id.
    pub(super) id: &'a str,
    /// This report's form version.
    pub(super) version: &'a str,
    /// Every field key the forms ask for.
    pub(super) known: &'a HashSet<String>,
    /// The tables' rules, per row.
    pub(super) rules: &'a [Rule<'a>],
    /// The compiling body's own name, as `norm_name` writes it.
    pub(super) own: String,
}

impl Checks<'_> {
    /// The problems of one file: another report's form, an old form, the district's own report,
    /// nothing to take, broken rules.
    pub(super) fn of(&self, s: &Submission) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let id_read =
            !s.problems.iter().any(|p| p.is_blocking() && p.sheet.as_deref() == Some(ID_SHEET));
        let report = matches!(s.kind, SubmissionKind::Report | SubmissionKind::Word);
        if s.kind == SubmissionKind::Form && id_read {
            if s.report_id.as_deref() != Some(self.id) {
                out.push(Diagnostic::blocking(
                    codes::OTHER_REPORT,
                    "Biểu mẫu này thuộc một báo cáo khác (không phải báo cáo đang tổng hợp): hãy \
                     kiểm tra đơn vị đã điền đúng biểu mẫu được gửi chưa.",
                ));
            } else if s.version.as_deref() != Some(self.version) {
                let gone: Vec<&String> =
                    s.values.keys().filter(|k| !self.known.contains(*k)).collect();
                out.push(match gone.first() {
                    Some(k) => {
                        let (sheet, cell) = s.cells.get(*k).cloned().unzip();
                        Diagnostic::blocking(codes::OLD_FORM, format!(
                            "Biểu mẫu làm theo bảng cũ: «{}» không còn trong báo cáo ({} ô như vậy). \
                             Hãy gửi biểu mẫu mới cho đơn vị.",
                            k.replace('|', " › "),
                            gone.len()
                        ))
                        .at_cell(sheet, cell)
                    }
                    None => Diagnostic::warning(codes::OLD_FORM_MATCHING,
                        "Biểu mẫu được tạo trước lần sửa bảng gần nhất; các ô vẫn khớp nên số liệu \
                         vẫn được lấy.",
                    ),
                });
            }
        }
        if report && s.unit.as_deref().is_some_and(|u| norm_name(u) == self.own) {
            out.push(Diagnostic::blocking(
                codes::OWN_REPORT,
                "Đây là báo cáo của chính cơ quan đang tổng hợp, không phải của một đơn vị: số \
                 liệu không được cộng (để khỏi cộng hai lần).",
            ));
        }
        if report
            && !s.values.keys().any(|k| self.known.contains(k))
            && !s.problems.iter().any(Diagnostic::is_blocking)
        {
            out.push(Diagnostic::warning(
                codes::NO_MATCHING_TABLE,
                "Báo cáo của đơn vị không có bảng số liệu nào trùng với bảng của báo cáo này: chỉ \
                 lấy được phần nội dung.",
            ));
        }
        if s.kind == SubmissionKind::Form && s.values.is_empty() && s.problems.is_empty() {
            out.push(Diagnostic::warning(
                codes::EMPTY_FORM,
                "Biểu mẫu chưa điền số liệu nào (mọi ô đều trống): đơn vị được tính là đã gửi, \
                 nhưng không có số để cộng.",
            ));
        }
        if s.kind == SubmissionKind::Form || !s.values.is_empty() {
            out.extend(self.rules.iter().filter_map(|r| broken_rule(s, r)));
        }
        out
    }
}

/// The problem of a unit's row that breaks a rule of its table; none when the row keeps it.
fn broken_rule(s: &Submission, (sheet, row, rule, node): &Rule<'_>) -> Option<Diagnostic> {
    let value =
        |c: usize| row.keys[c].as_ref().and_then(|k| s.values.get(k)).copied().unwrap_or(0.0);
    let mut ctx = HashMapContext::<DefaultNumericTypes>::new();
    for (c, col) in sheet.columns.iter().enumerate() {
        ctx.set_value(col.key.clone(), Value::from_float(value(c))).ok()?;
    }
    if node.eval_boolean_with_context(&ctx).ok()? {
        return None;
    }
    let named: Vec<usize> =
        (0..sheet.columns.len()).filter(|&c| rule.contains(&sheet.columns[c].key)).collect();
    let first_cell =
        named.iter().find_map(|&c| row.keys[c].as_ref().and_then(|k| s.cells.get(k)).cloned());
    let values: Vec<String> = named
        .iter()
        .filter(|&&c| sheet.columns[c].kind == ColumnKind::Number)
        .map(|&c| format!("«{}» = {}", sheet.columns[c].header, value(c)))
        .collect();
    let (sheet_name, cell) = match first_cell {
        Some((sh, c)) => (Some(sh), Some(c)),
        None => (Some(sheet.name.clone()), None),
    };
    Some(
        Diagnostic::blocking(
            codes::RULE_BROKEN,
            format!(
                "Dòng «{}» của «{}» không đúng quy tắc «{}» ({}): hãy nhờ đơn vị kiểm tra lại.",
                row.label,
                sheet.title,
                crate::collect::rule_in_words(sheet, rule),
                values.join(", ")
            ),
        )
        .at_cell(sheet_name, cell),
    )
}
