//! Which files are taken: each file's status and findings, one file per unit (the one changed
//! last), and the figures far off the unit's last period.

use std::collections::{BTreeMap, HashMap};

use crate::collect::norm_name;
use crate::diagnostic::{codes, Diagnostic};
use crate::model::*;

use super::checks::Checks;
use super::{Choices, Compilation, FileStatus};

impl Compilation<'_> {
    /// Every file's status and its findings, and the files whose figures may be taken:
    /// (submission index, unit name as listed or as written).
    pub(super) fn screen(
        &self,
        choices: &Choices,
        checks: &Checks<'_>,
        findings: &mut Vec<Diagnostic>,
    ) -> (Vec<FileStatus>, Vec<(usize, String)>) {
        let (subs, units, listed) = (self.subs, self.units, &self.listed);
        let mut files = Vec::new();
        // Candidates: (submission index, unit name as listed or as written).
        let mut candidates: Vec<(usize, String)> = Vec::new();
        for (i, s) in subs.iter().enumerate() {
            let excluded = choices.excluded.iter().any(|f| f == &s.file);
            let unit = s.unit.as_ref().map(|u| {
                listed.get(&norm_name(u)).map(|l| l.name.clone()).unwrap_or_else(|| u.clone())
            });
            files.push(FileStatus {
                file: s.file.clone(),
                unit: unit.clone(),
                kind: s.kind,
                taken: false,
                excluded,
                figures: 0,
            });
            if excluded {
                continue;
            }
            let mut problems: Vec<Diagnostic> =
                s.problems.iter().cloned().chain(checks.of(s)).collect();
            let blocked = problems.iter().any(Diagnostic::is_blocking);
            if let Some(u) = unit.as_ref().filter(|_| !blocked) {
                if !units.is_empty() && !listed.contains_key(&norm_name(u)) {
                    problems.push(Diagnostic::warning(codes::UNLISTED_UNIT, format!(
                        "Đơn vị «{u}» không có trong danh sách đơn vị báo cáo; số liệu vẫn được cộng."
                    )));
                }
                candidates.push((i, u.clone()));
            }
            let (file, unit) = (Some(s.file.as_str()), unit.as_deref());
            findings.extend(problems.into_iter().map(|p| p.in_file(file, unit)));
        }
        (files, candidates)
    }

    /// The candidates taken, one file per unit, each other file of a unit found blocking.
    pub(super) fn last_of_each_unit(
        &self,
        candidates: &[(usize, String)],
        findings: &mut Vec<Diagnostic>,
    ) -> Vec<(usize, String)> {
        let subs = self.subs;
        // The same unit twice: the file changed last is taken.
        let mut by_unit: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, u) in candidates {
            by_unit.entry(norm_name(u)).or_default().push(*i);
        }
        let mut taken: Vec<(usize, String)> = Vec::new();
        for (i, u) in candidates {
            let same = &by_unit[&norm_name(u)];
            let keep = *same.iter().max_by_key(|&&j| (subs[j].modified, j)).unwrap_or(i);
            if keep == *i {
                taken.push((*i, u.clone()));
            } else {
                let p = Diagnostic::blocking(
                    codes::SENT_TWICE,
                    format!(
                    "Đơn vị «{u}» gửi hai lần: chỉ lấy tệp «{}» (sửa sau cùng), không lấy tệp này. \
                     Hãy bỏ chọn tệp không dùng.",
                    subs[keep].file
                ),
                );
                findings.push(p.in_file(Some(&subs[*i].file), Some(u)));
            }
        }
        taken
    }

    /// Findings for the taken figures far off the unit's figures of the last period.
    pub(super) fn outliers(
        &self,
        taken: &[(usize, String)],
        previous: &HashMap<String, &UnitFigures>,
        findings: &mut Vec<Diagnostic>,
    ) {
        let subs = self.subs;
        // Outliers against the unit's last period, each figure said as the form shows it.
        let described: HashMap<&str, String> = self
            .sheets
            .iter()
            .flat_map(|s| {
                s.rows.iter().flat_map(move |r| {
                    r.keys.iter().enumerate().filter_map(move |(c, k)| {
                        let k = k.as_deref()?;
                        Some((
                            k,
                            format!(
                                "«{}», dòng «{}», cột «{}»",
                                s.title, r.label, s.columns[c].header
                            ),
                        ))
                    })
                })
            })
            .collect();
        for (i, u) in taken {
            let s = &subs[*i];
            let Some(prev) = previous.get(&norm_name(u)) else { continue };
            for (k, v) in &s.values {
                let Some(p) = prev.values.get(k) else { continue };
                if *p > 0.0 && (*v > 3.0 * p || *v < p / 3.0) {
                    let (sheet, cell) = s.cells.get(k).cloned().unzip();
                    let what = described.get(k.as_str()).cloned().unwrap_or_else(|| {
                        // A figure no longer in the forms: its table and row, without the key.
                        let words: Vec<&str> = k.split('|').collect();
                        format!("«{}»", words[..words.len().saturating_sub(1).max(1)].join(" › "))
                    });
                    let how = if *v > 3.0 * p {
                        "gấp hơn 3 lần"
                    } else {
                        "chưa bằng một phần ba"
                    };
                    let p = Diagnostic::warning(codes::OUTLIER, format!(
                        "{what}: {v} so với {p} kỳ trước ({how}): hãy hỏi lại đơn vị xem có gõ nhầm không."
                    ))
                    .at_cell(sheet, cell);
                    findings.push(p.in_file(Some(&s.file), Some(u)));
                }
            }
        }
    }
}
