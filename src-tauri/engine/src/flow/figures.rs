//! Computed values written into the text: year references ("[năm sau]"), `{name}` figures in
//! result texts, row sums and column totals of statistics tables, and the profile's number style.

use crate::model::{Cell, ColumnKind, Period, Report, StatTable};
use crate::profile::FormatProfile;
use crate::text::NumberStyle;

use super::types::FPara;

/// The computed year references of a report (see [`crate::model::Period`]) and their values.
pub struct YearRefs {
    pairs: Vec<(&'static str, String)>,
}

/// The computed year references that text may contain.
pub const YEAR_REFS: [&str; 7] =
    ["[năm]", "[năm trước]", "[năm sau]", "[từ năm]", "[đến năm]", "[số năm]", "[các năm]"];

impl YearRefs {
    /// The values for a report: from its date and, for the period references, its period.
    pub fn of(report: &Report) -> Self {
        use chrono::Datelike;
        Self::for_period(report.header.date.year(), report.period)
    }

    /// The values for a report dated in `year` covering `period`.
    pub fn for_period(year: i32, period: Option<Period>) -> Self {
        let mut pairs = vec![
            ("[năm]", year.to_string()),
            ("[năm trước]", (year - 1).to_string()),
            ("[năm sau]", (year + 1).to_string()),
        ];
        if let Some(p) = period {
            let span = p.span();
            let years: Vec<String> = p.years().iter().map(i32::to_string).collect();
            pairs.push(("[từ năm]", p.start_year.to_string()));
            pairs.push(("[đến năm]", p.end_year.to_string()));
            pairs.push(("[số năm]", if span < 10 { format!("0{span}") } else { span.to_string() }));
            pairs.push(("[các năm]", years.join(", ")));
        }
        YearRefs { pairs }
    }

    /// Replaces the references in a text.
    pub fn apply(&self, text: &str) -> String {
        if !text.contains('[') {
            return text.to_string();
        }
        let mut out = text.to_string();
        for (k, v) in &self.pairs {
            out = out.replace(k, v);
        }
        out
    }

    pub(super) fn apply_para(&self, p: &mut FPara) {
        for span in &mut p.spans {
            if span.text.contains('[') {
                span.text = self.apply(&span.text);
            }
        }
    }
}

/// One piece of a result text: literal text or a cited figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Text(String),
    /// `{name}`: a figure.
    Figure(String),
}

/// Splits a result text into literal pieces and `{name}` figures; `{{` and `}}` are braces.
pub fn parse_figures(text: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => name.push(c),
                        None => return Err("thiếu dấu «}» đóng tên số liệu".into()),
                    }
                }
                if name.trim().is_empty() {
                    return Err("tên số liệu trong «{}» bị trống".into());
                }
                if !lit.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut lit)));
                }
                out.push(Piece::Figure(name.trim().to_string()));
            }
            '}' => return Err("dấu «}» đứng một mình (viết «}}» nếu muốn in dấu ngoặc)".into()),
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Text(lit));
    }
    Ok(out)
}

/// A result's figure named by the words of its sentence, for messages: «… lượt cán bộ chủ chốt
/// tham dự» (the figure as «…», then up to five words after it), or the words before it when
/// the sentence ends with it («đạt tỷ lệ …»); the name itself when the text does not cite it.
pub fn figure_words(text: &str, name: &str) -> String {
    let pieces = parse_figures(text).unwrap_or_default();
    let Some(at) = pieces.iter().position(|p| p == &Piece::Figure(name.to_string())) else {
        return name.to_string();
    };
    let words = |p: &Piece| match p {
        Piece::Text(t) => t.clone(),
        Piece::Figure(_) => "…".to_string(),
    };
    let after: String = pieces[at + 1..].iter().map(words).collect();
    let before: String = pieces[..at].iter().map(words).collect();
    let stop = |c: char| ",;:.()!?\n".contains(c);
    let after: Vec<&str> = after.split(stop).next().unwrap_or("").split_whitespace().collect();
    if after.len() >= 2 {
        return format!("… {}", after.iter().take(5).copied().collect::<Vec<_>>().join(" "));
    }
    let before: Vec<&str> = before.rsplit(stop).next().unwrap_or("").split_whitespace().collect();
    let from = before.len().saturating_sub(5);
    let mut out = before[from..].join(" ");
    out.push_str(if out.is_empty() { "…" } else { " …" });
    if let Some(w) = after.first() {
        out = format!("{out} {w}");
    }
    out
}

/// The profile's number rules as the text module takes them.
pub(crate) fn number_style(p: &FormatProfile) -> NumberStyle<'_> {
    NumberStyle {
        thousands: &p.numbers.thousands_separator,
        decimal: &p.numbers.decimal_separator,
        pad_counts: p.numbers.pad_counts_below_10,
    }
}

/// A table cell after computing row sums.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// Empty.
    Empty,
}

/// The table's cells with row sums computed (computed columns ignore what was typed).
pub fn resolve_table(t: &StatTable) -> Vec<Vec<Resolved>> {
    t.rows
        .iter()
        .map(|row| {
            let mut out: Vec<Resolved> = t
                .columns
                .iter()
                .enumerate()
                .map(|(c, col)| match (col.kind, row.get(c)) {
                    (ColumnKind::RowSum, _) => Resolved::Empty,
                    (_, Some(Cell::Number(v))) => Resolved::Number(*v),
                    (_, Some(Cell::Text(s))) if !s.trim().is_empty() => Resolved::Text(s.clone()),
                    _ => Resolved::Empty,
                })
                .collect();
            for (c, col) in t.columns.iter().enumerate() {
                if col.kind == ColumnKind::RowSum {
                    let nums: Vec<f64> = col
                        .sum_of
                        .iter()
                        .filter_map(|&i| match out.get(i) {
                            Some(Resolved::Number(v)) => Some(*v),
                            _ => None,
                        })
                        .collect();
                    if !nums.is_empty() {
                        out[c] = Resolved::Number(nums.iter().sum());
                    }
                }
            }
            out
        })
        .collect()
}

/// Sums of each numeric or row-sum column (none for text columns or all-empty columns).
pub fn column_totals(t: &StatTable, values: &[Vec<Resolved>]) -> Vec<Option<f64>> {
    t.columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            if col.kind == ColumnKind::Text {
                return None;
            }
            let nums: Vec<f64> = values
                .iter()
                .filter_map(|r| match r.get(c) {
                    Some(Resolved::Number(v)) => Some(*v),
                    _ => None,
                })
                .collect();
            (!nums.is_empty()).then(|| nums.iter().sum())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_parsed() {
        assert_eq!(
            parse_figures("Tổ chức {hn} hội nghị {{x}}").expect("parses"),
            vec![
                Piece::Text("Tổ chức ".into()),
                Piece::Figure("hn".into()),
                Piece::Text(" hội nghị {x}".into())
            ]
        );
        assert!(parse_figures("a {b").is_err());
        assert!(parse_figures("a } b").is_err());
        assert!(parse_figures("a {} b").is_err());
    }

    #[test]
    fn figures_are_named_by_their_words() {
        let t = "Tổ chức {hn} hội nghị quán triệt cấp huyện với {luot} lượt cán bộ chủ chốt tham dự; đạt tỷ lệ {ty_le}.";
        assert_eq!(figure_words(t, "hn"), "… hội nghị quán triệt cấp");
        assert_eq!(figure_words(t, "luot"), "… lượt cán bộ chủ chốt");
        assert_eq!(figure_words(t, "ty_le"), "đạt tỷ lệ …");
        assert_eq!(figure_words(t, "khac"), "khac");
    }
}
