//! Checks that read the text against the report itself: counts typed in the text against the
//! items present («06 nhóm giải pháp»), ordinals typed by hand («Một là… Ba là»), figures quoted
//! in the text against the tables' totals and the results' figures, and dates (impossible, after
//! the document's date, padded against the profile's rule).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::fastre::Bounded;
use chrono::NaiveDate;

use super::rules::{finding, skip_spans};
use super::{Context, Diagnostic, Field, Kind, Severity};
use crate::diagnostic::codes;
use crate::flow::{parse_figures, Piece};
use crate::model::walk::{self, Node};
use crate::model::*;
use crate::text::{format_count, parse_vi_number, NumberStyle, ORDINAL_WORDS, VIET_LETTERS};

/// The findings of this module's rules.
pub fn check(report: &Report, fields: &[Field], cx: &Context, out: &mut Vec<Diagnostic>) {
    counts(report, fields, cx, out);
    ordinals(report, out);
    // Figures against the annexes only warn.
    if cx.wants(Severity::Warning) {
        figures(report, fields, cx, out);
    }
    dates(report, fields, cx, out);
    abolished_level(report, fields, cx, out);
    footnotes(report, fields, out);
}

/// Footnote markers against the notes: a marker without a note (or with an empty one) is an
/// error (it prints as typed), a second marker of a note is an error (it prints as typed too),
/// a note no marker refers to is a warning (it is not printed).
fn footnotes(report: &Report, fields: &[Field], out: &mut Vec<Diagnostic>) {
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    let mut referred: Vec<&str> = Vec::new();
    for f in fields.iter().filter(|f| !f.path.starts_with("footnotes[")) {
        for (range, id) in crate::text::note_refs(f.text) {
            let note = report.footnotes.iter().find(|n| same(&n.id, id));
            let (code, message) = if referred.iter().any(|r| same(r, id)) {
                let m = "Chú thích «{found}» đã được tham chiếu ở chỗ khác: mỗi chú thích chỉ \
                         tham chiếu một lần (dấu này sẽ in nguyên như đã gõ).";
                (codes::NOTE_REPEATED, m)
            } else if note.is_none_or(|n| n.text.trim().is_empty()) {
                let m = "Dấu chú thích «{found}» chưa có nội dung chú thích: hãy thêm chú thích \
                         cuối trang cho nó hoặc xóa dấu này.";
                (codes::NOTE_MISSING, m)
            } else {
                referred.push(id);
                continue;
            };
            let d = super::rules::finding(
                code,
                Severity::Blocking,
                f.text,
                range.start,
                range.end,
                message,
                None,
            );
            out.push(d.at(f.path.clone()));
        }
    }
    for (i, n) in report.footnotes.iter().enumerate() {
        if !referred.iter().any(|r| same(r, &n.id)) && !n.text.trim().is_empty() {
            let message = format!(
                "Chú thích «{}» không được tham chiếu ở đâu trong văn bản nên sẽ không được in: \
                 hãy đặt dấu «[^{}]» vào chỗ cần chú thích hoặc xóa chú thích này.",
                n.id, n.id
            );
            let d = Diagnostic::warning(codes::NOTE_UNUSED, message);
            out.push(d.at(format!("footnotes[{i}].text")));
        }
    }
}

/// Bodies of the district level (abolished from 1/7/2025) named in a document dated from then,
/// outside quotation marks and sentences about the past (`[abolished_level]` of the rules).
fn abolished_level(report: &Report, fields: &[Field], cx: &Context, out: &mut Vec<Diagnostic>) {
    let a = &cx.rules.file.abolished_level;
    let date = report.header.date;
    if date < a.from || !cx.wants(a.level) {
        return;
    }
    let day = date.format("%d/%m/%Y").to_string();
    let message = a.message.replace("{date}", &day);
    for f in fields {
        let key = format!("{}\u{1}{message}", a.id);
        out.extend(super::rules::memo_field(&key, f, || abolished_in(f.text, &message, cx)));
    }
    // The issuer's code («…/BTGHU»), unless the profile's own rule said it already.
    let code = report.header.issuer_code.trim();
    let said = out.iter().any(|x| x.path == "header.issuer_code" && x.code == codes::ISSUER_CODE);
    if let Some(c) = a.codes.iter().find(|c| code.split('-').any(|p| p.ends_with(c.as_str()))) {
        if !said {
            out.push(Diagnostic {
                code: a.id.clone(),
                severity: a.level,
                path: "header.issuer_code".into(),
                span: None,
                message: message.replace("{found}", &format!("{code} ({c})")),
                fix: None,
                word: None,
                file: None,
                sheet: None,
                cell: None,
                unit: None,
                place_words: String::new(),
            });
        }
    }
}

/// The abolished level's names in one text that are neither quoted nor about the past.
fn abolished_in(text: &str, message: &str, cx: &Context) -> Vec<Diagnostic> {
    static NUMBER: OnceLock<Bounded> = OnceLock::new();
    let a = &cx.rules.file.abolished_level;
    let quoted = quote_spans(text);
    let computed = skip_spans(text);
    let number = re(&NUMBER, r"\d+-\p{Lu}[\p{L}-]*/(?:\p{Lu}+-)*$");
    let mut out = Vec::new();
    for m in cx.rules.abolished.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        let inside = |spans: &[(usize, usize)]| spans.iter().any(|&(a, b)| a <= s && e <= b);
        // Quoted, or the body's code in a document's number («Kế hoạch số 12-KH/HU»).
        if inside(&quoted) || inside(&computed) || number.is_match(&text[..s]) {
            continue;
        }
        let clause = clause_at(text, s, e);
        let lower = clause.to_lowercase();
        if a.past.iter().any(|w| lower.contains(&w.to_lowercase()))
            || earliest_date(clause).is_some_and(|d| d < a.from)
        {
            continue;
        }
        out.push(finding(&a.id, a.level, text, s, e, message, None));
    }
    out
}

/// Byte ranges inside quotation marks: “…”, «…», "…" (the marks included).
fn quote_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        let closes = match c {
            '”' => Some('“'),
            '»' => Some('«'),
            '"' if open.last().is_some_and(|o| o.0 == '"') => Some('"'),
            _ => None,
        };
        match closes {
            Some(o) => {
                if let Some(k) = open.iter().rposition(|x| x.0 == o) {
                    out.push((open[k].1, i + c.len_utf8()));
                    open.truncate(k);
                }
            }
            None if matches!(c, '“' | '«' | '"') => open.push((c, i)),
            None => {}
        }
    }
    out
}

/// The sentence or clause around bytes `s..e`: up to «.», «;», «!», «?» before a space, or a
/// line break.
fn clause_at(text: &str, s: usize, e: usize) -> &str {
    let ends = |c: char, next: Option<char>| {
        c == '\n' || (matches!(c, '.' | ';' | '!' | '?') && next.is_none_or(char::is_whitespace))
    };
    let mut start = 0;
    let mut iter = text[..s].char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|x| x.1).or_else(|| text[s..].chars().next());
        if ends(c, next) {
            start = i + c.len_utf8();
        }
    }
    let mut end = text.len();
    let rest: Vec<(usize, char)> = text[e..].char_indices().collect();
    for (k, &(i, c)) in rest.iter().enumerate() {
        if ends(c, rest.get(k + 1).map(|x| x.1)) {
            end = e + i;
            break;
        }
    }
    &text[start..end]
}

/// The earliest date written in a text: «3/6/2016», «ngày 03 tháng 6 năm 2016», «tháng 5/2016»,
/// «năm 2016» (a month or a year counts from its first day).
fn earliest_date(text: &str) -> Option<NaiveDate> {
    static DATES: OnceLock<Bounded> = OnceLock::new();
    let re = re(
        &DATES,
        r"(?i)\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})\b|ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})|tháng\s+(?P<m3>\d{1,2})[/.-](?P<y3>\d{4})\b|năm\s+(?P<y4>\d{4})\b",
    );
    let num = |c: &regex::Captures, names: &[&str]| -> Option<u32> {
        names.iter().find_map(|n| c.name(n)).and_then(|m| m.as_str().parse().ok())
    };
    re.captures_iter(text)
        .filter_map(|c| {
            let y = num(&c, &["y", "y2", "y3", "y4"])? as i32;
            let m = num(&c, &["m", "m2", "m3"]).unwrap_or(1);
            let d = num(&c, &["d", "d2"]).unwrap_or(1);
            NaiveDate::from_ymd_opt(y, m, d)
        })
        .min()
}

fn re(cell: &'static OnceLock<Bounded>, pattern: &str) -> &'static Bounded {
    cell.get_or_init(|| Bounded::new(pattern).expect("valid pattern"))
}

const NUMBER_WORDS: [&str; 10] =
    ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"];

/// A count typed in digits or in words.
fn parse_count(s: &str) -> Option<usize> {
    s.parse()
        .ok()
        .or_else(|| NUMBER_WORDS.iter().position(|w| *w == s.to_lowercase()).map(|i| i + 1))
}

fn style<'a>(cx: &Context<'a>) -> NumberStyle<'a> {
    NumberStyle {
        thousands: &cx.profile.numbers.thousands_separator,
        decimal: &cx.profile.numbers.decimal_separator,
        pad_counts: cx.profile.numbers.pad_counts_below_10,
    }
}

/// `n` written as `typed` was: digits (padded by the profile) or a word (same case).
fn write_like(typed: &str, n: usize, cx: &Context) -> String {
    if typed.chars().all(|c| c.is_ascii_digit()) {
        format_count(n as u64, &style(cx))
    } else {
        let w =
            NUMBER_WORDS.get(n.wrapping_sub(1)).map_or_else(|| n.to_string(), |w| w.to_string());
        if typed.starts_with(char::is_uppercase) {
            crate::text::upper_first(&w)
        } else {
            w
        }
    }
}

/// For each block in reading order, the index of its first field (a block without fields takes
/// the next block's).
fn block_positions<'a>(report: &'a Report, fields: &[Field]) -> Vec<(usize, &'a Block)> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, f) in fields.iter().enumerate() {
        if let Some(block) = block_of(&f.path) {
            first.entry(block).or_insert(i);
        }
    }
    let mut next = fields.len();
    let mut out: Vec<(usize, &Block)> = walk::blocks(report)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|(path, b)| {
            if let Some(&i) = first.get(path.as_str()) {
                next = i;
            }
            (next, b)
        })
        .collect();
    out.reverse();
    out
}

/// The path of the block a field is in: up to its last «blocks[i]» or «opening[i]».
fn block_of(path: &str) -> Option<&str> {
    let start = path.rfind("blocks[").into_iter().chain(path.rfind("opening[")).max()?;
    let end = start + path[start..].find(']')? + 1;
    Some(&path[..end])
}

fn counts(report: &Report, fields: &[Field], cx: &Context, out: &mut Vec<Diagnostic>) {
    let blocks = block_positions(report, fields);
    for (rule, re) in cx.rules.counts.iter().filter(|(rule, _)| cx.wants(rule.level)) {
        let present: Vec<(usize, usize)> = match rule.counts.as_str() {
            "period_years" => report
                .period
                .map(|p| vec![(0, (p.end_year - p.start_year).max(0) as usize)])
                .unwrap_or_default(),
            kind => blocks
                .iter()
                .filter_map(|(at, b)| match (kind, b) {
                    ("solution_groups", Block::SolutionGroups(g)) => Some((*at, g.groups.len())),
                    ("lessons", Block::Lessons(l)) => Some((*at, l.items.len())),
                    ("proposals", Block::Proposals(p)) => Some((*at, p.items.len())),
                    _ => None,
                })
                .collect(),
        };
        if present.is_empty() {
            continue;
        }
        for (fi, f) in fields.iter().enumerate() {
            if !matches!(f.kind, Kind::Prose | Kind::Title) {
                continue;
            }
            for caps in re.captures_iter(f.text) {
                let Some(m) = caps.name("n") else { continue };
                let Some(n) = parse_count(m.as_str()) else { continue };
                if present.iter().any(|(_, k)| *k == n) {
                    continue;
                }
                // The nearest block of the kind from here on, else the last before.
                let (_, k) = present
                    .iter()
                    .find(|(at, _)| *at >= fi)
                    .or(present.last())
                    .copied()
                    .unwrap_or((0, n));
                let whole = caps.get(0).map_or(m.as_str(), |x| x.as_str());
                let message = if rule.counts == "period_years" {
                    format!(
                        "Văn bản ghi «{}» nhưng kỳ báo cáo là {} năm ({}–{}): sửa số năm cho khớp.",
                        whole.trim(),
                        k,
                        report.period.map_or(0, |p| p.start_year),
                        report.period.map_or(0, |p| p.end_year)
                    )
                } else {
                    format!(
                        "Văn bản ghi «{}» nhưng báo cáo liệt kê {} {}: sửa số cho khớp (hoặc thêm, bớt mục).",
                        whole.trim(),
                        k,
                        rule.what
                    )
                };
                let mut x = finding(
                    &rule.id,
                    rule.level,
                    f.text,
                    m.start(),
                    m.end(),
                    &message,
                    Some(write_like(m.as_str(), k, cx)),
                );
                x.path.clone_from(&f.path);
                out.push(x);
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OrdKind {
    MotLa,
    ThuNhat,
    Letter,
    Digit,
}

fn ordinal_text(kind: OrdKind, n: usize, typed: &str) -> String {
    let capital = typed.starts_with(char::is_uppercase);
    let s = match kind {
        OrdKind::MotLa => crate::text::mot_la(n),
        OrdKind::ThuNhat => crate::text::thu_nhat(n),
        OrdKind::Letter => crate::text::viet_letter(n),
        OrdKind::Digit => n.to_string(),
    };
    if matches!(kind, OrdKind::MotLa | OrdKind::ThuNhat) && !capital {
        crate::text::lower_first(&s)
    } else {
        s
    }
}

/// Ordinals typed at the start of a text or of a sentence: kind, value, byte range.
fn openers(text: &str) -> Vec<(OrdKind, usize, usize, usize)> {
    static WORDS: OnceLock<Bounded> = OnceLock::new();
    static START: OnceLock<Bounded> = OnceLock::new();
    let words = re(
        &WORDS,
        r"(?:^|[.;:!?]\s+|\n)\s*(?P<o>(?i:(?:mười\s+)?(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|lăm)\s+là|thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))\b)\s*[,:]?",
    );
    let start = re(&START, r"^\s*(?P<o>(?P<l>[a-zđ])\)|(?P<d>\d{1,2})[.)])\s");
    let mut out = Vec::new();
    for c in words.captures_iter(text) {
        let Some(o) = c.name("o") else { continue };
        let lower = o.as_str().to_lowercase();
        let lower: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
        let (kind, n) = if let Some(rest) = lower.strip_prefix("thứ ") {
            let n = match rest {
                "nhất" => 1,
                "tư" => 4,
                w => ORDINAL_WORDS.iter().position(|x| x.to_lowercase() == w).map_or(0, |i| i + 1),
            };
            (OrdKind::ThuNhat, n)
        } else {
            let w = lower.trim_end_matches(" là").replace("lăm", "năm");
            (
                OrdKind::MotLa,
                ORDINAL_WORDS.iter().position(|x| x.to_lowercase() == w).map_or(0, |i| i + 1),
            )
        };
        // «Thứ hai» is also Monday: only with a comma or colon after it.
        if kind == OrdKind::ThuNhat
            && !c.get(0).is_some_and(|m| m.as_str().trim_end().ends_with([',', ':']))
        {
            continue;
        }
        if n > 0 {
            out.push((kind, n, o.start(), o.end()));
        }
    }
    if let Some(c) = start.captures(text) {
        if let (Some(o), Some(l)) = (c.name("o"), c.name("l")) {
            if let Some(i) = VIET_LETTERS.iter().position(|x| *x == l.as_str()) {
                out.push((OrdKind::Letter, i + 1, o.start(), l.end()));
            }
        }
        if let (Some(_), Some(d)) = (c.name("o"), c.name("d")) {
            if let Ok(n) = d.as_str().parse() {
                out.push((OrdKind::Digit, n, d.start(), d.end()));
            }
        }
    }
    out.sort_by_key(|o| o.2);
    out
}

/// The texts of one container (a part's, section's, point's or annex's blocks), in order.
fn container_texts<'a>(blocks: &'a [Block], path: &str) -> Vec<(String, &'a str)> {
    let mut v = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let bp = format!("{path}.blocks[{i}]");
        let mut fs = Vec::new();
        super::block_fields(&mut fs, &bp, b);
        // Lessons and groups numbered by the engine: typed ordinals there are another rule's.
        if matches!(b, Block::Lessons(_) | Block::Table(_)) {
            continue;
        }
        if let Block::SolutionGroups(g) = b {
            if g.numbering != GroupNumbering::Parenthesized {
                continue;
            }
        }
        v.extend(fs.into_iter().filter(|f| f.kind == Kind::Prose).map(|f| (f.path, f.text)));
    }
    v
}

fn ordinals(report: &Report, out: &mut Vec<Diagnostic>) {
    let mut containers: Vec<Vec<(String, &str)>> = Vec::new();
    let opening: Vec<(String, &str)> = report
        .body
        .opening
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) => Some((format!("body.opening[{i}].text"), p.text.as_str())),
            _ => None,
        })
        .collect();
    containers.push(opening);
    for (path, node) in walk::walk(report) {
        let blocks: &[Block] = match node {
            Node::Phan { phan, .. } => &phan.blocks,
            Node::Part { part, .. } => &part.blocks,
            Node::Section { section, .. } => &section.blocks,
            Node::Point { point, .. } => &point.blocks,
            Node::Annex { annex, .. } => &annex.blocks,
            _ => continue,
        };
        containers.push(container_texts(blocks, &path));
    }
    for texts in containers {
        let mut last: Vec<(OrdKind, usize)> = Vec::new();
        for (path, text) in &texts {
            for (kind, n, a, b) in openers(text) {
                let prev = last.iter().find(|(k, _)| *k == kind).map(|(_, n)| *n);
                let expected = match prev {
                    None => {
                        last.push((kind, n));
                        continue;
                    }
                    Some(p) => p + 1,
                };
                if n == expected || n == 1 {
                    last.retain(|(k, _)| *k != kind);
                    last.push((kind, n));
                    continue;
                }
                let typed = &text[a..b];
                let want = ordinal_text(kind, expected, typed);
                let message = if n > expected {
                    format!(
                        "Thứ tự gõ tay bị nhảy: sau «{}» là «{typed}», thiếu «{want}».",
                        ordinal_text(kind, expected - 1, typed)
                    )
                } else {
                    format!("Thứ tự gõ tay bị lặp hoặc ngược: sau «{}» lại là «{typed}»; đúng ra là «{want}».", ordinal_text(kind, expected - 1, typed))
                };
                let mut x =
                    finding(codes::ORDINAL, Severity::Blocking, text, a, b, &message, Some(want));
                x.path.clone_from(path);
                out.push(x);
                last.retain(|(k, _)| *k != kind);
                last.push((kind, expected));
            }
        }
    }
}

struct Source {
    /// Lower-case words the figure is known by (a column's header, the words after a figure).
    key: String,
    /// Its value.
    value: f64,
    /// Where it is, in words.
    what: String,
    /// A total or a figure (else a single cell, which only confirms a number).
    main: bool,
    /// From a table (else from a result's figure).
    table: bool,
}

fn sources(report: &Report) -> Vec<Source> {
    let refs = crate::flow::YearRefs::of(report);
    let mut out = Vec::new();
    let mut table_no = 0;
    for (path, b) in walk::blocks(report) {
        match b {
            Block::Table(t) => {
                table_no += 1;
                let place = match path
                    .strip_prefix("annexes[")
                    .and_then(|r| r.split(']').next())
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    Some(i) => format!("Phụ lục {}", i + 1),
                    None => format!("bảng {table_no}"),
                };
                let value_of = |row: &[Cell], j: usize| -> f64 {
                    match t.columns.get(j).map(|c| c.kind) {
                        Some(ColumnKind::RowSum) => t.columns[j]
                            .sum_of
                            .iter()
                            .map(|&k| if let Some(Cell::Number(v)) = row.get(k) { *v } else { 0.0 })
                            .sum(),
                        _ => {
                            if let Some(Cell::Number(v)) = row.get(j) {
                                *v
                            } else {
                                0.0
                            }
                        }
                    }
                };
                for (j, c) in t.columns.iter().enumerate() {
                    if c.kind == ColumnKind::Text || c.previous {
                        continue;
                    }
                    let key = refs.apply(&c.header).to_lowercase();
                    let total: f64 = t.rows.iter().map(|r| value_of(r, j)).sum();
                    out.push(Source {
                        key: key.clone(),
                        value: total,
                        what: format!(
                            "tổng cột «{}» ({place}) là {}",
                            refs.apply(c.header.trim()),
                            fmt(total)
                        ),
                        main: true,
                        table: true,
                    });
                    for r in &t.rows {
                        out.push(Source {
                            key: key.clone(),
                            value: value_of(r, j),
                            what: String::new(),
                            main: false,
                            table: true,
                        });
                    }
                }
            }
            Block::Results(r) => {
                for item in &r.items {
                    let Ok(pieces) = parse_figures(&item.text) else { continue };
                    for (i, p) in pieces.iter().enumerate() {
                        let (Piece::Figure(name), Some(Piece::Text(after))) =
                            (p, pieces.get(i + 1))
                        else {
                            continue;
                        };
                        let Some(v) = item.figures.get(name).and_then(|f| f.value) else {
                            continue;
                        };
                        let key: Vec<String> = after
                            .split(|c: char| !c.is_alphabetic())
                            .filter(|w| !w.is_empty())
                            .take(3)
                            .map(str::to_lowercase)
                            .collect();
                        if key.len() < 3 {
                            continue;
                        }
                        out.push(Source {
                            key: key.join(" "),
                            value: v,
                            what: format!(
                                "số liệu «{}» ở phần kết quả là {}",
                                crate::flow::figure_words(&item.text, name),
                                fmt(v)
                            ),
                            main: true,
                            table: false,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn fmt(v: f64) -> String {
    crate::text::format_number(
        v,
        2,
        &NumberStyle { thousands: ".", decimal: ",", pad_counts: false },
    )
}

fn figures(report: &Report, fields: &[Field], cx: &Context, out: &mut Vec<Diagnostic>) {
    let sources = sources(report);
    if sources.is_empty() {
        return;
    }
    static CLAIM: OnceLock<Bounded> = OnceLock::new();
    let claim = re(
        &CLAIM,
        r"(?:^|[^\p{L}\d.,/\-])(?P<n>\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s+(?P<w>\p{L}+\s+\p{L}+)(?:\s+(?P<w3>\p{L}+))?",
    );
    for f in fields {
        if f.kind != Kind::Prose
            || f.path.contains(".items[") && f.path.ends_with("].text") && f.text.contains('{')
        {
            continue;
        }
        let skip = skip_spans(f.text);
        for c in claim.captures_iter(f.text) {
            let (Some(n), Some(w)) = (c.name("n"), c.name("w")) else { continue };
            if skip.iter().any(|&(a, b)| n.start() < b && n.end() > a) {
                continue;
            }
            let before = f.text[..n.start()].trim_end().to_lowercase();
            if ["ngày", "tháng", "năm", "số", "khoản", "điều", "mục", "điểm", "lần", "thứ"]
                .iter()
                .any(|x| before.ends_with(x))
            {
                continue;
            }
            let Some(value) = parse_vi_number(n.as_str()) else { continue };
            let words: String =
                w.as_str().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
            let three = c.name("w3").map(|x| format!("{words} {}", x.as_str().to_lowercase()));
            // A result's figure is known by the three words after it; a column by its header.
            let matching: Vec<&Source> = sources
                .iter()
                .filter(|s| {
                    if s.table {
                        s.key.contains(&words)
                    } else {
                        Some(&s.key) == three.as_ref()
                    }
                })
                .collect();
            if matching.is_empty() || matching.iter().any(|s| (s.value - value).abs() < 1e-9) {
                continue;
            }
            let mains: Vec<&&Source> = matching.iter().filter(|s| s.main).collect();
            if mains.is_empty() {
                continue;
            }
            let first = mains[0].value;
            let fix = mains.iter().all(|s| (s.value - first).abs() < 1e-9).then(|| {
                if first.fract() == 0.0 && first >= 0.0 {
                    format_count(
                        first as u64,
                        &NumberStyle { pad_counts: n.as_str().starts_with('0'), ..style(cx) },
                    )
                } else {
                    fmt(first)
                }
            });
            let said: Vec<&str> = mains.iter().take(2).map(|s| s.what.as_str()).collect();
            let message = format!(
                "Văn bản ghi «{} {}» nhưng {}: kiểm tra lại số liệu cho khớp.",
                n.as_str(),
                w.as_str(),
                said.join("; ")
            );
            let mut x = finding(
                codes::FIGURE,
                Severity::Warning,
                f.text,
                n.start(),
                n.end(),
                &message,
                fix,
            );
            x.path.clone_from(&f.path);
            out.push(x);
        }
    }
}

fn dates(report: &Report, fields: &[Field], cx: &Context, out: &mut Vec<Diagnostic>) {
    static FULL: OnceLock<Bounded> = OnceLock::new();
    static NUMERIC: OnceLock<Bounded> = OnceLock::new();
    let full =
        re(&FULL, r"(?i)\bngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\b");
    let numeric = re(&NUMERIC, r"(?:^|[^\d/.\-])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b");
    let doc_date = report.header.date;
    let rules = &cx.profile.dates;
    for f in fields {
        if !matches!(f.kind, Kind::Prose | Kind::Title) {
            continue;
        }
        for (re, padding) in [(full, true), (numeric, false)] {
            for c in re.captures_iter(f.text) {
                let (Some(d), Some(m), Some(y)) = (c.name("d"), c.name("m"), c.name("y")) else {
                    continue;
                };
                let (Ok(dn), Ok(mn), Ok(yn)) = (
                    d.as_str().parse::<u32>(),
                    m.as_str().parse::<u32>(),
                    y.as_str().parse::<i32>(),
                ) else {
                    continue;
                };
                let mut push = |x: Diagnostic| {
                    let mut x = x;
                    x.path.clone_from(&f.path);
                    out.push(x);
                };
                let Some(date) = NaiveDate::from_ymd_opt(yn, mn, dn) else {
                    push(finding(
                        codes::DATE_INVALID,
                        Severity::Blocking,
                        f.text,
                        d.start(),
                        y.end(),
                        &format!("Ngày {dn}/{mn}/{yn} không có thật (tháng {mn} năm {yn} không có ngày {dn}): kiểm tra lại."),
                        None,
                    ));
                    continue;
                };
                let before = f.text[..d.start()].to_lowercase();
                let tail: String =
                    before.chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect();
                let planned = ["đến", "trước", "hạn", "dự kiến", "sẽ", "kế hoạch"]
                    .iter()
                    .any(|w| tail.contains(w));
                if date > doc_date && !planned {
                    push(finding(
                        codes::DATE_FUTURE,
                        Severity::Warning,
                        f.text,
                        d.start(),
                        y.end(),
                        &format!(
                            "Ngày {dn}/{mn}/{yn} sau ngày ban hành báo cáo ({}): báo cáo chỉ nói việc đã làm; kiểm tra lại năm, tháng.",
                            doc_date.format("%d/%m/%Y")
                        ),
                        None,
                    ));
                }
                if padding {
                    let want_d = if rules.pad_day_below_10 && dn < 10 {
                        format!("{dn:02}")
                    } else {
                        dn.to_string()
                    };
                    let want_m = if rules.padded_months.contains(&mn) {
                        format!("{mn:02}")
                    } else {
                        mn.to_string()
                    };
                    if d.as_str() != want_d || m.as_str() != want_m {
                        let fix = format!("{want_d} tháng {want_m}");
                        push(finding(
                            codes::DATE_ZERO,
                            Severity::Warning,
                            f.text,
                            d.start(),
                            m.end(),
                            &format!(
                                "Ngày dưới 10 và tháng 1, 2 viết thêm số 0 ở trước (các tháng khác thì không): «ngày {} tháng {}» → «ngày {fix}».",
                                d.as_str(),
                                m.as_str()
                            ),
                            Some(fix.clone()),
                        ));
                    }
                }
            }
        }
    }
}
