//! Adding the units' figures up into the district report, with the review a board checks first:
//! the reporting rate, files that cannot be taken (and why, by file, sheet and cell), rules a
//! unit's row breaks, outliers against the unit's last period, the same unit twice.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use evalexpr::{ContextWithMutableVariables, DefaultNumericTypes, HashMapContext, Node, Value};
use serde::{Deserialize, Serialize};

use super::form::ID_SHEET;
use super::read::{Submission, SubmissionKind};
use super::{
    collection_id, form_version, keys, norm_name, same_name, sheets, Sheet, TextKind, UnitText,
    BREAKDOWN_TITLE,
};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::walk;
use crate::model::*;

/// What the user chose in the review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Choices {
    /// Files left out (by their `file` name).
    #[serde(default)]
    pub excluded: Vec<String>,
    /// Text items picked into the report.
    #[serde(default)]
    pub picks: Vec<UnitText>,
}

/// How a listed unit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum UnitState {
    /// Received by the deadline (or there is none), figures taken.
    Received,
    /// Received after the deadline, figures taken.
    Late,
    /// A file came but its figures cannot be taken.
    Rejected,
    /// Nothing received.
    Missing,
    /// Sent figures but is not on the list.
    Unlisted,
}

/// A unit in the review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitStatus {
    /// The unit's name.
    pub name: String,
    /// How it stands.
    pub state: UnitState,
    /// The file taken (or rejected).
    pub file: Option<String>,
}

/// A file in the review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileStatus {
    /// The file's name.
    pub file: String,
    /// The unit it is from, as matched to the list.
    pub unit: Option<String>,
    /// What kind of file it is.
    pub kind: SubmissionKind,
    /// Whether its figures are added up.
    pub taken: bool,
    /// Whether the user left it out.
    pub excluded: bool,
    /// How many figures it gave.
    pub figures: usize,
}

/// The review of a compile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Review {
    /// Units on the list.
    pub expected: usize,
    /// Listed units whose figures are taken.
    pub received: usize,
    /// Of those, received by the deadline.
    pub on_time: usize,
    /// "Đã nhận 27/31 đơn vị (đúng hạn 25)".
    pub rate: String,
    /// Every listed unit, then the unlisted ones that sent figures.
    pub units: Vec<UnitStatus>,
    /// Names of the listed units not received.
    pub missing: Vec<String>,
    /// Every file, in the order given.
    pub files: Vec<FileStatus>,
    /// Findings, blocking first.
    pub findings: Vec<Diagnostic>,
    /// The units' text items, to pick into the report.
    pub texts: Vec<UnitText>,
    /// How many findings are blocking.
    pub blocking: usize,
    /// How many district figures were filled from the units.
    pub figures: usize,
}

/// A compile: the report as it would be, and its review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Compiled {
    /// The report with the district figures, their sources, the breakdown annex and the picks.
    pub report: Report,
    /// What the user checks before accepting it.
    pub review: Review,
}

/// Adds the units' figures up into a copy of the report.
pub fn compile(report: &Report, subs: &[Submission], choices: &Choices) -> Compiled {
    let sheets = sheets(report);
    let known: HashSet<String> = keys(&sheets).into_iter().collect();
    let id = collection_id(report);
    let version = form_version(&sheets);
    let collection = report.collection.clone();
    let units: Vec<Unit> = collection.as_ref().map(|c| c.units.clone()).unwrap_or_default();
    let deadline = collection.as_ref().and_then(|c| c.deadline);
    let previous: Vec<UnitFigures> =
        collection.as_ref().map(|c| c.previous.clone()).unwrap_or_default();
    let rules = compile_rules(&sheets);
    // Names compared as `same_name` does, looked up rather than searched (300 units × 300 files).
    let listed: HashMap<String, &Unit> = units.iter().map(|u| (norm_name(&u.name), u)).collect();
    let previous: HashMap<String, &UnitFigures> =
        previous.iter().map(|p| (norm_name(&p.unit), p)).collect();
    let cx = Compilation { subs, sheets: &sheets, known: &known, units: &units, deadline, listed };

    let mut findings: Vec<Diagnostic> = sheets
        .iter()
        .flat_map(rule_problems)
        .map(|mut d| {
            d.message.push_str(" Quy tắc này không được kiểm tra.");
            d
        })
        .collect();
    let checks = Checks {
        id: &id,
        version: &version,
        known: &known,
        rules: &rules,
        own: norm_name(&report.header.issuing_body),
    };
    let (mut files, candidates) = cx.screen(choices, &checks, &mut findings);
    let taken = cx.last_of_each_unit(&candidates, &mut findings);
    cx.outliers(&taken, &previous, &mut findings);

    // Add up.
    let sums = cx.add_up(&taken, &mut files);
    let (out, filled) = cx.fill(report, &sums, &taken, &id, &choices.picks);

    // Units and the rate.
    let (statuses, got, on_time) = cx.unit_statuses(&taken, &files);
    let missing: Vec<String> =
        statuses.iter().filter(|s| s.state == UnitState::Missing).map(|s| s.name.clone()).collect();
    let rate = if units.is_empty() {
        format!("Đã nhận {} đơn vị (chưa có danh sách đơn vị phải báo cáo)", taken.len())
    } else if deadline.is_some() {
        format!("Đã nhận {got}/{} đơn vị (đúng hạn {on_time})", units.len())
    } else {
        format!("Đã nhận {got}/{} đơn vị", units.len())
    };
    findings.sort_by_key(|f| !f.is_blocking());
    let texts = cx.texts(&taken);
    let blocking = findings.iter().filter(|f| f.is_blocking()).count();
    Compiled {
        report: out,
        review: Review {
            expected: units.len(),
            received: got,
            on_time,
            rate,
            units: statuses,
            missing,
            files,
            findings,
            texts,
            blocking,
            figures: filled,
        },
    }
}

/// What every step of a compile reads: the files, the forms' tables and the list of units.
struct Compilation<'a> {
    /// The files, as read.
    subs: &'a [Submission],
    /// The forms' tables.
    sheets: &'a [Sheet],
    /// Every field key the forms ask for.
    known: &'a HashSet<String>,
    /// The units that must report, as listed.
    units: &'a [Unit],
    /// The day by which units must report.
    deadline: Option<NaiveDate>,
    /// The listed units by their name as `norm_name` writes it.
    listed: HashMap<String, &'a Unit>,
}

impl<'a> Compilation<'a> {
    /// Every file's status and its findings, and the files whose figures may be taken:
    /// (submission index, unit name as listed or as written).
    fn screen(
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
    fn last_of_each_unit(
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
    fn outliers(
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

    /// The sums of the taken files' figures the forms ask for, marking those files taken.
    fn add_up(&self, taken: &[(usize, String)], files: &mut [FileStatus]) -> Sums<'a> {
        let (subs, known) = (self.subs, self.known);
        let mut sums: Sums = HashMap::new();
        for (i, u) in taken {
            for (k, v) in &subs[*i].values {
                if known.contains(k) {
                    let e = sums.entry(k.as_str()).or_insert((0.0, vec![]));
                    e.0 += v;
                    e.1.push((u.clone(), *v));
                }
            }
            if let Some(f) = files.get_mut(*i) {
                f.taken = true;
                f.figures = subs[*i].values.keys().filter(|k| known.contains(*k)).count();
            }
        }
        sums
    }

    /// The report with the sums, the breakdown annex, the figures received and the picks;
    /// and how many district figures were filled.
    fn fill(
        &self,
        report: &Report,
        sums: &Sums<'_>,
        taken: &[(usize, String)],
        id: &str,
        picks: &[UnitText],
    ) -> (Report, usize) {
        let (subs, known) = (self.subs, self.known);
        let mut out = report.clone();
        let mut filled = 0;
        if !sums.is_empty() {
            filled = apply(&mut out, self.sheets, sums);
            breakdown(&mut out, self.sheets, taken, subs, self.units);
        }
        let received: Vec<UnitFigures> = taken
            .iter()
            .map(|(i, u)| UnitFigures {
                unit: u.clone(),
                file: subs[*i].file.clone(),
                values: subs[*i]
                    .values
                    .iter()
                    .filter(|(k, _)| known.contains(*k))
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
            })
            .collect();
        let c = out.collection.get_or_insert_with(|| Collection {
            id: id.to_string(),
            units: vec![],
            deadline: None,
            received: vec![],
            previous: vec![],
        });
        if c.id.is_empty() {
            c.id = id.to_string();
        }
        if !taken.is_empty() {
            c.received = received;
        }
        for p in picks {
            place_pick(&mut out, p);
        }
        (out, filled)
    }

    /// How every listed unit stands, then the unlisted ones taken; with how many listed units
    /// were received and how many of them on time.
    fn unit_statuses(
        &self,
        taken: &[(usize, String)],
        files: &[FileStatus],
    ) -> (Vec<UnitStatus>, usize, usize) {
        let (subs, deadline) = (self.subs, self.deadline);
        let mut statuses = Vec::new();
        let (mut got, mut on_time) = (0, 0);
        // Units are named as listed by now (matched above), so exact names find them.
        let taken_by: HashMap<&str, usize> = taken.iter().map(|(i, u)| (u.as_str(), *i)).collect();
        let mut files_by: HashMap<&str, Vec<&FileStatus>> = HashMap::new();
        for f in files {
            if let Some(u) = &f.unit {
                files_by.entry(u.as_str()).or_default().push(f);
            }
        }
        for l in self.units {
            let taken_file = taken_by.get(l.name.as_str()).map(|i| &subs[*i]);
            let state = match taken_file {
                Some(s) => {
                    got += 1;
                    let late = matches!((deadline, s.modified), (Some(d), Some(m)) if m > d);
                    if !late {
                        on_time += 1;
                    }
                    if late {
                        UnitState::Late
                    } else {
                        UnitState::Received
                    }
                }
                None if files_by
                    .get(l.name.as_str())
                    .is_some_and(|fs| fs.iter().any(|f| !f.excluded)) =>
                {
                    UnitState::Rejected
                }
                None => UnitState::Missing,
            };
            let file = taken_file.map(|s| s.file.clone()).or_else(|| {
                files_by.get(l.name.as_str()).and_then(|fs| fs.first()).map(|f| f.file.clone())
            });
            statuses.push(UnitStatus { name: l.name.clone(), state, file });
        }
        for (i, u) in taken {
            if !self.listed.contains_key(&norm_name(u)) {
                statuses.push(UnitStatus {
                    name: u.clone(),
                    state: UnitState::Unlisted,
                    file: Some(subs[*i].file.clone()),
                });
            }
        }
        (statuses, got, on_time)
    }

    /// The taken files' text items, each with its unit.
    fn texts(&self, taken: &[(usize, String)]) -> Vec<UnitText> {
        let subs = self.subs;
        taken
            .iter()
            .flat_map(|(i, u)| {
                subs[*i].texts.iter().map(move |t| UnitText {
                    unit: u.clone(),
                    kind: t.kind,
                    text: t.text.clone(),
                })
            })
            .collect()
    }
}

/// What is checked of every file beyond what reading it found.
struct Checks<'a> {
    /// This report's collection id.
    id: &'a str,
    /// This report's form version.
    version: &'a str,
    /// Every field key the forms ask for.
    known: &'a HashSet<String>,
    /// The tables' rules, per row.
    rules: &'a [Rule<'a>],
    /// The compiling body's own name, as `norm_name` writes it.
    own: String,
}

impl Checks<'_> {
    /// The problems of one file: another report's form, an old form, the district's own report,
    /// nothing to take, broken rules.
    fn of(&self, s: &Submission) -> Vec<Diagnostic> {
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
                super::rule_in_words(sheet, rule),
                values.join(", ")
            ),
        )
        .at_cell(sheet_name, cell),
    )
}

/// Each key's sum and who gave what.
type Sums<'a> = HashMap<&'a str, (f64, Vec<(String, f64)>)>;

type Rule<'a> = (&'a Sheet, &'a super::SheetRow, String, Node<DefaultNumericTypes>);

/// Every (sheet, row, rule) to check, the rule parsed once.
fn compile_rules(sheets: &[Sheet]) -> Vec<Rule<'_>> {
    let mut out = Vec::new();
    for s in sheets {
        for rule in &s.rules {
            let Some(node) = parse_rule(rule) else { continue };
            for row in &s.rows {
                out.push((s, row, rule.clone(), node.clone()));
            }
        }
    }
    out
}

/// A rule as evalexpr reads it ("≤" → "<=", a lone "=" → "=="); none when it does not parse.
pub fn parse_rule(rule: &str) -> Option<Node<DefaultNumericTypes>> {
    let mut r = rule.replace('≤', "<=").replace('≥', ">=").replace('≠', "!=");
    // A lone "=" means equality here, not assignment.
    let chars: Vec<char> = r.chars().collect();
    let mut fixed = String::new();
    for (i, c) in chars.iter().enumerate() {
        fixed.push(*c);
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        if *c == '=' && !"<>=!".contains(prev) && next != '=' {
            fixed.push('=');
        }
    }
    r = fixed;
    let node = evalexpr::build_operator_tree::<DefaultNumericTypes>(&r).ok()?;
    // A rule must give yes or no whatever the figures: try it with every figure 0.
    let mut ctx = HashMapContext::<DefaultNumericTypes>::new();
    for v in node.iter_variable_identifiers() {
        ctx.set_value(v.to_string(), Value::from_float(0.0)).ok()?;
    }
    node.eval_boolean_with_context(&ctx).ok()?;
    Some(node)
}

/// Problems with a form sheet's rules as written: ones that do not parse or name unknown columns
/// (warnings: such a rule is not checked).
pub fn rule_problems(sheet: &Sheet) -> Vec<Diagnostic> {
    let keys: Vec<&str> = sheet.columns.iter().map(|c| c.key.as_str()).collect();
    let mut out = Vec::new();
    for rule in &sheet.rules {
        match parse_rule(rule) {
            None => out.push(format!(
                "Quy tắc «{rule}» của «{}» không đọc được (ví dụ đúng: mo_hinh_moi <= mo_hinh).",
                sheet.title
            )),

            Some(node) => {
                for v in node.iter_variable_identifiers() {
                    if !keys.contains(&v) {
                        let named: Vec<String> = sheet
                            .columns
                            .iter()
                            .filter(|c| c.kind != ColumnKind::Text)
                            .map(|c| format!("«{}» viết là {}", c.header, c.key))
                            .collect();
                        out.push(format!(
                            "Quy tắc «{rule}» của «{}» nói đến «{v}» nhưng bảng không có cột nào \
                             viết như vậy; các cột số: {}.",
                            sheet.title,
                            named.join(", ")
                        ));
                    }
                }
            }
        }
    }
    out.into_iter().map(|m| Diagnostic::warning(codes::RULE_UNREADABLE, m)).collect()
}

fn source_text(parts: &[(String, f64)]) -> String {
    let list: Vec<String> = parts.iter().map(|(u, v)| format!("{u}: {v}")).collect();
    format!("Tổng hợp từ {} đơn vị — {}", parts.len(), list.join("; "))
}

/// Writes the sums and their sources into the report; returns how many figures were filled.
fn apply(out: &mut Report, sheets: &[Sheet], sums: &Sums) -> usize {
    let mut filled = 0;
    let mut blocks = walk::blocks_mut(out);
    for s in sheets {
        for row in &s.rows {
            for (c, key) in row.keys.iter().enumerate() {
                let Some(key) = key else { continue };
                let got = sums.get(key.as_str());
                if got.is_some() {
                    filled += 1;
                }
                if let Some(f) = &row.figure {
                    if let Some(Block::Results(res)) = blocks.get_mut(f.block) {
                        if let Some(fig) =
                            res.items.get_mut(f.item).and_then(|i| i.figures.get_mut(&f.name))
                        {
                            fig.value = got.map(|g| g.0);
                            fig.source = got.map(|g| source_text(&g.1));
                        }
                    }
                    continue;
                }
                if let Some(Block::Table(t)) = blocks.get_mut(s.block) {
                    let col = s.columns[c].index;
                    if let Some(cell) = t.rows.get_mut(row.index).and_then(|r| r.get_mut(col)) {
                        *cell = got.map(|g| Cell::Number(g.0)).unwrap_or(Cell::Empty);
                    }
                    let at = format!("{},{col}", row.index);
                    match got {
                        Some(g) => t.sources.insert(at, source_text(&g.1)),
                        None => t.sources.remove(&at),
                    };
                }
            }
        }
    }
    filled
}

/// The annex with every unit's figures, replacing the one of an earlier compile.
fn breakdown(
    out: &mut Report,
    sheets: &[Sheet],
    taken: &[(usize, String)],
    subs: &[Submission],
    units: &[Unit],
) {
    out.annexes.retain(|a| !same_name(&a.title, BREAKDOWN_TITLE));
    // Listed units in list order, then the others as they came.
    let by_name: HashMap<&str, &(usize, String)> =
        taken.iter().map(|t| (t.1.as_str(), t)).collect();
    let listed: std::collections::HashSet<&str> = units.iter().map(|u| u.name.as_str()).collect();
    let mut order: Vec<&(usize, String)> =
        units.iter().filter_map(|l| by_name.get(l.name.as_str()).copied()).collect();
    order.extend(taken.iter().filter(|(_, u)| !listed.contains(u.as_str())));
    let mut blocks = Vec::new();
    for s in sheets {
        // One column per cell when the table is small, else per column added over the rows.
        let numbers: Vec<usize> =
            (0..s.columns.len()).filter(|&c| s.columns[c].kind == ColumnKind::Number).collect();
        let cells = s.rows.len() * numbers.len();
        let figures = s.rows.iter().any(|r| r.figure.is_some());
        let groups = breakdown_groups(s, &numbers, figures);
        // Five figures a table at most, so that the columns stay readable.
        let chunks: Vec<&[(String, Vec<String>)]> =
            if figures { groups.chunks(5).collect() } else { vec![&groups[..]] };
        for groups in chunks {
            if groups.is_empty() {
                continue;
            }
            let (columns, rows) = breakdown_table(groups, &order, subs);
            let title = if cells <= 6 || figures {
                s.title.clone()
            } else {
                format!("{} (cộng các dòng)", s.title)
            };
            blocks.push(Block::Table(StatTable {
                title: Some(title),
                unit: s.unit_line.clone(),
                stt: true,
                columns,
                rows,
                total_label: Some("Tổng cộng".into()),
                collect: Some(false),
                rules: vec![],
                sources: BTreeMap::new(),
            }));
        }
    }
    if !blocks.is_empty() {
        out.annexes.push(Annex { title: BREAKDOWN_TITLE.to_uppercase(), blocks });
    }
}

/// The figures of one breakdown table's columns: (header, the cells added into it) — a column per
/// result line's figure, per cell of a small table, else per column added over the rows.
fn breakdown_groups(s: &Sheet, numbers: &[usize], figures: bool) -> Vec<(String, Vec<String>)> {
    let cells = s.rows.len() * numbers.len();
    if figures {
        // The result lines' figures: one column each, headed by a short form of the line.
        s.rows
            .iter()
            .filter_map(|r| {
                let key = r.keys.get(1)?.clone()?;
                let short: String = r.label.chars().take(60).collect();
                let more = if r.label.chars().count() > 60 { "…" } else { "" };
                Some((format!("{short}{more}"), vec![key]))
            })
            .collect()
    } else if cells <= 6 {
        let mut g = Vec::new();
        for r in &s.rows {
            for &c in numbers {
                let Some(key) = r.keys[c].clone() else { continue };
                let header = if s.rows.len() == 1 {
                    s.columns[c].header.clone()
                } else if numbers.len() == 1 {
                    r.label.clone()
                } else {
                    format!("{} – {}", r.label, s.columns[c].header)
                };
                g.push((header, vec![key]));
            }
        }
        g
    } else {
        numbers
            .iter()
            .map(|&c| {
                (
                    s.columns[c].header.clone(),
                    s.rows.iter().filter_map(|r| r.keys[c].clone()).collect(),
                )
            })
            .collect()
    }
}

/// One breakdown table's columns and rows: a unit per row, each group's figures added.
fn breakdown_table(
    groups: &[(String, Vec<String>)],
    order: &[&(usize, String)],
    subs: &[Submission],
) -> (Vec<Column>, Vec<Vec<Cell>>) {
    let mut columns = vec![Column {
        header: "Đơn vị".into(),
        kind: ColumnKind::Text,
        sum_of: vec![],
        width: Some(3.0),
        previous: false,
        key: None,
        year: None,
    }];
    columns.extend(groups.iter().map(|(h, _)| Column {
        header: h.clone(),
        kind: ColumnKind::Number,
        sum_of: vec![],
        width: None,
        previous: false,
        key: None,
        year: None,
    }));
    let rows = order
        .iter()
        .map(|(i, u)| {
            let mut row = vec![Cell::Text(u.clone())];
            for (_, ks) in groups {
                let vals: Vec<f64> =
                    ks.iter().filter_map(|k| subs[*i].values.get(k)).copied().collect();
                row.push(if vals.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Number(vals.iter().sum())
                });
            }
            row
        })
        .collect();
    (columns, rows)
}

/// Puts a picked text item where it belongs, naming its unit: a shortcoming with the
/// shortcomings, a proposal after the proposals, a result or model after the first results.
fn place_pick(out: &mut Report, p: &UnitText) {
    let text = format!("{} ({})", p.text.trim_end_matches('.'), p.unit);
    let mut lists = walk::block_lists_mut(out);
    if p.kind == TextKind::Shortcoming {
        for list in lists.iter_mut() {
            if let Some(Block::Shortcomings(s)) =
                list.iter_mut().find(|b| matches!(b, Block::Shortcomings(_)))
            {
                s.items.push(text);
                return;
            }
        }
    }
    let anchor = |b: &Block| match p.kind {
        TextKind::Proposal => matches!(b, Block::Proposals(_)),
        _ => matches!(b, Block::Results(_)),
    };
    for list in lists.iter_mut() {
        if let Some(i) = list.iter().position(anchor) {
            // Picks gather in one list of lines right after the anchor.
            if let Some(Block::Lines(l)) = list.get_mut(i + 1) {
                l.items.push(text);
            } else {
                list.insert(
                    i + 1,
                    Block::Lines(Lines { marker: Marker::default(), items: vec![text] }),
                );
            }
            return;
        }
    }
    // No such block: after the last part's blocks.
    if let Some(list) = lists.iter_mut().rev().find(|l| !l.is_empty()) {
        list.push(Block::Lines(Lines { marker: Marker::default(), items: vec![text] }));
    }
}
