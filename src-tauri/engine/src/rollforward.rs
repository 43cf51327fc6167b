//! "Next period's report" from an existing one: the period chosen (the same years moved on, one
//! year, as many years as the last, or a range) and, if asked, another kind of review (annual,
//! sơ kết, tổng kết); the date moved with the period's end, the document number cleared,
//! structure and recurring text kept, figures cleared ("cần cập nhật"). Tables whose columns are
//! years shift their years (a year still in the new period keeps its figures under its own year);
//! tables whose columns are kinds keep last period's figures in a comparison column beside each
//! figure column. Period-relative years in the text follow the new period, dates of past
//! documents stay, the superior document cited for last period is left blank to fill, and the
//! items picked from the units last period are taken out.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::collect::{same_name, BREAKDOWN_TITLE};
use crate::flow::YearRefs;
use crate::model::walk;
use crate::model::*;
use crate::periods::{apply_plan, keep_all, mark_year_columns, year_plan, Planned};

mod text;

pub(crate) use text::strings_mut;
pub use text::year_references;

pub use text::{change_kind, span_references};

/// Label appended to the header of a comparison column.
pub const PREVIOUS_SUFFIX: &str = " (kỳ trước)";

fn add_years(d: NaiveDate, years: i32) -> NaiveDate {
    let y = d.year() + years;
    NaiveDate::from_ymd_opt(y, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
        .unwrap_or(d)
}

/// The period of next period's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NewPeriod {
    /// Every year moved on by `years`, the date too: 2016–2019 by 1 → 2017–2020.
    Shift {
        /// How many years.
        years: i32,
    },
    /// The one year after the last period: 2016–2019 → 2020.
    OneYear,
    /// As many years as the last period, right after it: 2016–2019 → 2020–2023.
    SameLength,
    /// Years chosen by the user, e.g. 2016–2021 for the 5-year review after a 3-year one.
    Range {
        /// First year.
        start_year: i32,
        /// Last year.
        end_year: i32,
    },
}

impl Default for NewPeriod {
    fn default() -> Self {
        NewPeriod::Shift { years: 1 }
    }
}

/// The kind of review a report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// A year's report: «kết quả năm [đến năm]».
    Annual,
    /// A mid-term review: «sơ kết [số năm] năm».
    SoKet,
    /// A final review: «tổng kết [số năm] năm».
    TongKet,
}

/// What «Báo cáo kỳ sau» makes: the new period and, if set, the new kind of review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RollOptions {
    /// The new period.
    #[serde(default)]
    pub period: NewPeriod,
    /// The new kind of review; none keeps the text's own.
    #[serde(default)]
    pub kind: Option<ReportKind>,
}

impl RollOptions {
    /// Every year moved on by `years`, the kind kept (what «Báo cáo kỳ sau» did before asking).
    pub fn shift(years: i32) -> Self {
        RollOptions { period: NewPeriod::Shift { years }, kind: None }
    }
}

/// Next period's report and what changed beyond dates and figures, for the user.
#[derive(Debug, Clone)]
pub struct Rolled {
    /// The new report.
    pub report: Report,
    /// Notices in Vietnamese («Báo cáo kỳ sau theo Hướng dẫn 05-HD/VPTW…»).
    pub notices: Vec<String>,
}

/// The report for the next period as `opts` says, with notices: the Party guidance when the new
/// date falls under another one (HD 05 from 27/5/2026), the superior document to cite anew, the
/// units' items taken out.
pub fn roll(report: &Report, opts: &RollOptions) -> Rolled {
    let mut notices = Vec::new();
    let next = roll_into(report, opts, true, &mut notices);
    let old = crate::profile::resolve_id(&report.header.profile, report.header.date);
    let new = crate::profile::resolve_id(&next.header.profile, next.header.date);
    if new != old {
        let name = |id: &str| {
            crate::profile::FormatProfile::builtin(id).map(|p| p.name).unwrap_or(id.to_string())
        };
        notices.insert(
            0,
            format!(
                "Báo cáo kỳ sau (ngày {}) theo {} thay cho {}: thể thức văn bản của Đảng nay theo \
                 ngày văn bản.",
                next.header.date.format("%d/%m/%Y"),
                name(&new),
                name(&old)
            ),
        );
    }
    Rolled { report: next, notices }
}

/// A Party report moved to a date under another guidance than its own (HD 05 from 27/5/2026)
/// names the Party family instead, which follows the date.
fn follow_guidance(old: &Report, next: &mut Report) {
    let was = crate::profile::resolve_id(&old.header.profile, old.header.date);
    if let Some(family) = crate::profile::family_of(&was) {
        if crate::profile::resolve_id(family, next.header.date) != was {
            next.header.profile = family.to_string();
        }
    }
}

/// The report for the period `years` later (see [`roll`] for the notices).
pub fn next_period(report: &Report, years: i32) -> Report {
    roll_into(report, &RollOptions::shift(years), true, &mut Vec::new())
}

/// The report as a template's starting point: the same period, every figure cleared (year
/// columns too), last period's table figures kept as comparison columns.
pub(crate) fn for_template(report: &Report) -> Report {
    roll_into(report, &RollOptions::shift(0), false, &mut Vec::new())
}

/// The new period and how many years the date moves.
fn new_period(report: &Report, p: NewPeriod) -> (Option<Period>, i32) {
    let old = report.period;
    let end = old.map_or(report.header.date.year(), |p| p.end_year);
    let (period, moved) = match (p, old) {
        (NewPeriod::Shift { years }, Some(o)) => {
            (Period { start_year: o.start_year + years, end_year: o.end_year + years }, years)
        }
        (NewPeriod::Shift { years }, None) => return (None, years),
        (NewPeriod::OneYear, _) => (Period { start_year: end + 1, end_year: end + 1 }, 1),
        (NewPeriod::SameLength, Some(o)) => {
            let n = o.end_year - o.start_year + 1;
            (Period { start_year: o.end_year + 1, end_year: o.end_year + n }, n)
        }
        (NewPeriod::SameLength, None) => return (None, 1),
        (NewPeriod::Range { start_year, end_year }, _) => {
            (Period { start_year, end_year }, end_year - end)
        }
    };
    if old.is_none() && matches!(p, NewPeriod::OneYear) {
        return (None, moved);
    }
    (Some(period), moved)
}

fn roll_into(
    report: &Report,
    opts: &RollOptions,
    carry: bool,
    notices: &mut Vec<String>,
) -> Report {
    let mut r = report.clone();
    let (period, moved) = new_period(report, opts.period);
    r.header.date = add_years(r.header.date, moved);
    follow_guidance(report, &mut r);
    r.header.number = None;
    r.period = period;
    let old_refs = YearRefs::of(report);
    let mut units: Vec<String> = Vec::new();
    // This period's unit figures become last period's, for the outlier check.
    if let Some(c) = &mut r.collection {
        units = c.units.iter().map(|u| u.name.clone()).collect();
        units.extend(c.received.iter().map(|u| u.unit.clone()));
        c.previous = std::mem::take(&mut c.received);
        // A new period, new forms: last period's forms are another report's.
        c.id = String::new();
        c.deadline = c.deadline.map(|d| add_years(d, moved));
    }
    roll_text(report, &mut r, opts.kind, notices);
    remove_unit_items(&mut r, &units, notices);
    let new_refs = YearRefs::of(&r);
    let years = r.period.map(|p| p.years()).unwrap_or_default();
    for b in walk::blocks_mut(&mut r) {
        match b {
            Block::Results(res) => {
                for item in &mut res.items {
                    for f in item.figures.values_mut() {
                        f.value = None;
                        f.source = None;
                    }
                }
            }
            Block::Table(t) => {
                t.sources.clear();
                let years_table = report.period.is_some_and(|p| mark_year_columns(t, &old_refs, p));
                roll_table(t, years_table.then_some(years.as_slice()), &new_refs, carry);
            }
            _ => {}
        }
    }
    r
}

/// The text moved on: period-relative years as references, past documents' dates fixed, the
/// superior document of last period blanked (with a notice), the kind of review changed.
fn roll_text(old: &Report, r: &mut Report, kind: Option<ReportKind>, notices: &mut Vec<String>) {
    let old_refs = YearRefs::of(old);
    let mut last_years = vec![old.header.date.year()];
    last_years.extend(old.period.map(|p| p.end_year));
    let Ok(mut v) = serde_json::to_value(&*r) else { return };
    let span = old.period.map(|p| p.span());
    strings_mut(&mut v, &["columns", "rows", "sources", "collection"], &mut |s| {
        let mut t = text::fix_document_dates(s, &old_refs);
        if let Some(p) = old.period {
            t = year_references(&t, p.start_year, p.end_year);
        }
        if let Some(n) = span {
            t = span_references(&t, n);
        }
        if let Some(k) = kind {
            t = change_kind(&t, k);
        }
        *s = t;
    });
    if let Ok(next) = serde_json::from_value::<Report>(v) {
        *r = next;
    }
    // After the references: «…/…/[năm]» is this period's date, not a past one to fix.
    for b in &mut r.body.opening {
        if let Block::Paragraph(p) = b {
            let (text, found) = text::blank_superior_document(&p.text, &last_years);
            if let Some(doc) = found {
                p.text = text;
                notices.push(format!(
                    "Câu mở đầu dẫn «{doc}» của kỳ trước: số và ngày đã để trống «…», hãy ghi \
                     văn bản của cấp trên cho kỳ này."
                ));
            }
        }
    }
}

/// Takes out the items picked from the units last period (lines ending «(Đảng ủy xã A)») and
/// the annex of each unit's figures, with a notice.
fn remove_unit_items(r: &mut Report, units: &[String], notices: &mut Vec<String>) {
    let mut removed = 0;
    if !units.is_empty() {
        let from_unit = |t: &str| {
            let t = t.trim_end();
            units.iter().any(|u| {
                t.strip_suffix(')')
                    .and_then(|t| t.rsplit_once('('))
                    .is_some_and(|(_, name)| same_name(name, u))
            })
        };
        for list in walk::block_lists_mut(r) {
            for b in list.iter_mut() {
                let items = match b {
                    Block::Lines(l) => &mut l.items,
                    Block::Shortcomings(s) => &mut s.items,
                    _ => continue,
                };
                let before = items.len();
                items.retain(|t| !from_unit(t));
                removed += before - items.len();
            }
            list.retain(|b| !matches!(b, Block::Lines(l) if l.items.is_empty()));
        }
    }
    let annexes = r.annexes.len();
    r.annexes.retain(|a| !same_name(&a.title, BREAKDOWN_TITLE));
    if removed > 0 || annexes != r.annexes.len() {
        let annex = if annexes != r.annexes.len() {
            " và phụ lục «Số liệu theo đơn vị»"
        } else {
            ""
        };
        notices.push(format!(
            "Đã bỏ {removed} ý của các đơn vị ở kỳ trước{annex}; tổng hợp lại từ đơn vị cho kỳ này."
        ));
    }
}

/// A year table whose new years share none with the old ones keeps its latest old year's
/// figures for comparison, under that year's own header, before the new years («Năm 2019 |
/// Năm 2020»).
fn with_last_year(t: &StatTable, mut plan: Vec<Planned>, years: &[i32]) -> Vec<Planned> {
    let old = t.columns.iter().enumerate().filter(|(_, c)| c.year.is_some());
    if old.clone().any(|(_, c)| c.year.is_some_and(|y| years.contains(&y))) {
        return plan;
    }
    let Some((i, last)) = old.max_by_key(|(_, c)| c.year) else { return plan };
    let at = plan.iter().position(|p| p.column.year.is_some()).unwrap_or(plan.len());
    let column = Column { previous: true, year: None, key: None, ..last.clone() };
    plan.insert(at, Planned { column, was: None, from: Some(i) });
    plan
}

/// Next period's table: old comparison columns dropped; year columns (when `years` is given)
/// made the new period's, a year still in it keeping its figures when `carry`, with a note;
/// each other figure column cleared, its values moved to a comparison column right after it.
fn roll_table(t: &mut StatTable, years: Option<&[i32]>, refs: &YearRefs, carry: bool) {
    let kept: Vec<Planned> = keep_all(t).into_iter().filter(|p| !p.column.previous).collect();
    apply_plan(t, kept);
    let old_years: Vec<i32> = t.columns.iter().filter_map(|c| c.year).collect();
    let plan = match years {
        Some(ys) => with_last_year(t, year_plan(t, ys, refs, carry), ys),
        None => {
            t.columns.iter_mut().for_each(|c| c.year = None);
            keep_all(t)
        }
    };
    let mut out = Vec::new();
    for p in plan {
        if p.column.kind != ColumnKind::Number || p.column.year.is_some() || p.column.previous {
            out.push(p);
            continue;
        }
        let previous = Column {
            header: format!("{}{PREVIOUS_SUFFIX}", p.column.header),
            kind: ColumnKind::Number,
            sum_of: vec![],
            width: p.column.width,
            previous: true,
            key: None,
            year: None,
        };
        let from = p.from;
        out.push(Planned { from: None, ..p });
        out.push(Planned { column: previous, was: None, from });
    }
    apply_plan(t, out);
    for (c, col) in t.columns.iter().enumerate() {
        let Some(y) = col.year.filter(|y| old_years.contains(y)) else { continue };
        for (r, row) in t.rows.iter().enumerate() {
            if matches!(row.get(c), Some(Cell::Number(_))) {
                t.sources.insert(
                    format!("{r},{c}"),
                    format!("Số liệu năm {y} lấy từ báo cáo kỳ trước: kiểm tra lại."),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_party_report_rolled_into_2026_moves_to_hd05_and_says_so() {
        let mut r = crate::sample::sample();
        r.header.date = NaiveDate::from_ymd_opt(2025, 6, 15).expect("date");
        assert_eq!(r.header.profile, "hd36");
        let rolled = roll(&r, &RollOptions::shift(1));
        assert_eq!(rolled.report.header.profile, "dang");
        assert_eq!(crate::applicable_profile_id(&rolled.report), "hd05");
        let guidance = |n: &[String]| n.iter().filter(|m| m.contains("thể thức")).count();
        assert_eq!(guidance(&rolled.notices), 1, "{:?}", rolled.notices);
        assert!(rolled.notices[0].contains("05-HD/VPTW"), "{:?}", rolled.notices);
        // Within one guidance nothing moves and nothing is said of it.
        r.header.date = NaiveDate::from_ymd_opt(2018, 6, 15).expect("date");
        let same = roll(&r, &RollOptions::shift(1));
        assert_eq!(same.report.header.profile, "hd36");
        assert_eq!(guidance(&same.notices), 0, "{:?}", same.notices);
    }

    #[test]
    fn last_periods_unit_items_are_taken_out_and_the_superior_plan_blanked() {
        let mut r = crate::sample::sample();
        r.collection = Some(Collection {
            id: "bc-1".into(),
            units: vec![Unit {
                name: "Đảng ủy xã Hòa Lợi".into(), kind: None, contact: None
            }],
            deadline: None,
            received: vec![],
            previous: vec![],
        });
        let lists = walk::block_lists_mut(&mut r);
        let Some(Block::Shortcomings(s)) =
            lists.into_iter().flatten().find(|b| matches!(b, Block::Shortcomings(_)))
        else {
            panic!("the sample has shortcomings")
        };
        let kept = s.items.len();
        s.items.push("Thiếu kinh phí (Đảng ủy xã Hòa Lợi)".into());
        let rolled = roll(&r, &RollOptions::shift(1));
        let items: Vec<&String> = walk::blocks(&rolled.report)
            .filter_map(|(_, b)| if let Block::Shortcomings(s) = b { Some(&s.items) } else { None })
            .flatten()
            .collect();
        assert_eq!(items.len(), kept, "{items:?}");
        assert!(rolled.notices.iter().any(|n| n.contains("Đã bỏ 1 ý")), "{:?}", rolled.notices);
        let opening = match &rolled.report.body.opening[0] {
            Block::Paragraph(p) => p.text.clone(),
            _ => String::new(),
        };
        assert!(
            opening.starts_with("Thực hiện Kế hoạch số …-KH/BTGTU, ngày …/…/[năm]"),
            "{opening}"
        );
        assert!(opening.contains("từ tháng 5/[từ năm] đến tháng 5/[đến năm]"), "{opening}");
    }

    #[test]
    fn a_leap_day_moves_to_the_28th() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).expect("date");
        assert_eq!(add_years(d, 1), NaiveDate::from_ymd_opt(2025, 2, 28).expect("date"));
    }
}
