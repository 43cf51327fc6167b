//! Adding the units' figures up into the district report, with the review a board checks first:
//! the reporting rate, files that cannot be taken (and why, by file, sheet and cell), rules a
//! unit's row breaks, outliers against the unit's last period, the same unit twice.
//!
//! [`compile()`] ties the steps together: the files screened (`screen`, with the `checks` of
//! each and its tables' `rules`), the figures added up and written into the report (`fill`, with
//! the `breakdown` annex), and each unit's `status`.

mod breakdown;
mod checks;
mod fill;
mod rules;
mod screen;
mod status;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::read::{Submission, SubmissionKind};
use super::{collection_id, form_version, keys, norm_name, sheets, Sheet, UnitText};
use crate::diagnostic::Diagnostic;
use crate::model::*;
use checks::Checks;
use rules::compile_rules;
pub use rules::{parse_rule, rule_problems};

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

impl Compilation<'_> {
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
