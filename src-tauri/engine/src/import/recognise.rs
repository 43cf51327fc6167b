//! Finds the parts of an official report in the paragraphs and tables of a Word file.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use super::read::{RawCell, RawDoc, RawItem, RawPara, RawTable};
use super::{Count, Imported, Mark, SourceLine, Summary};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::*;
use crate::text::{parse_vi_number, strip_typed_ordinal, upper_first};

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid pattern"))
}

macro_rules! regex {
    ($p:expr) => {{
        static R: OnceLock<Regex> = OnceLock::new();
        re(&R, $p)
    }};
}

/// "Số 05-BC/BTGHU" (Party) or "Số: 12/BC-UBND" (State); the number may be blank.
fn number_line(s: &str) -> Option<(Option<u32>, String, String, &'static str)> {
    let party =
        regex!(r"^(?i:số)\s*:?\s*(\d*)\s*-\s*([A-ZĐ]{1,8})\s*/\s*([A-ZĐ0-9][A-ZĐ0-9.\-]*)$");
    let state =
        regex!(r"^(?i:số)\s*:?\s*(\d*)\s*/\s*([A-ZĐ]{1,8})\s*-\s*([A-ZĐ0-9][A-ZĐ0-9.\-]*)$");
    let s = s.trim();
    if let Some(c) = party.captures(s) {
        return Some((c[1].parse().ok(), c[2].into(), c[3].into(), "hd36"));
    }
    state.captures(s).map(|c| (c[1].parse().ok(), c[2].into(), c[3].into(), "nd30"))
}

/// "Cầu Ngang, ngày 05 tháng 3 năm 2019": place and date (the day may be blank).
fn date_line(s: &str) -> Option<(String, Option<NaiveDate>)> {
    let r = regex!(
        r"^(.*?)\s*,\s*(?i:ngày)\s*(\d{0,2})\s*(?i:tháng)\s*(\d{0,2})\s*(?i:năm)\s*(\d{4})\s*\.?$"
    );
    let c = r.captures(s.trim())?;
    let (d, m, y) = (c[2].parse().unwrap_or(1), c[3].parse().unwrap_or(1), c[4].parse().ok()?);
    Some((c[1].trim().to_string(), NaiveDate::from_ymd_opt(y, m, d)))
}

/// The national heading a line is, with the profile it implies.
fn national(s: &str) -> Option<Option<&'static str>> {
    let u = crate::text::upper(s.trim());
    let squeezed: String = u.split_whitespace().collect::<Vec<_>>().join(" ");
    if squeezed.contains("ĐẢNG CỘNG SẢN VIỆT NAM") {
        return Some(Some("hd36"));
    }
    if squeezed.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
        || squeezed.contains("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA")
    {
        return Some(Some("nd30"));
    }
    if squeezed.starts_with("ĐỘC LẬP") && squeezed.contains("HẠNH PHÚC") {
        return Some(None);
    }
    None
}

/// A decoration line: "*", "-----", "***", "---oOo---", a rule typed with underscores.
fn decoration(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '*' | '-' | '_' | '–' | '—' | '=' | '.' | 'o' | 'O' | '0' | ' '))
        && t.chars().any(|c| !matches!(c, 'o' | 'O' | '0' | ' '))
}

/// Part heading "I. TITLE": the Roman numeral and the title.
fn part_heading(s: &str) -> Option<(usize, String)> {
    let r = regex!(r"^([IVXLC]{1,9})\s*[.)/\-–]\s*(\S.*)$");
    let c = r.captures(s.trim())?;
    let n = from_roman(&c[1])?;
    Some((n, c[2].trim().to_string()))
}

fn from_roman(s: &str) -> Option<usize> {
    (1..=199).find(|n| crate::text::roman(*n) == s)
}

/// Section heading "1. Title".
fn section_heading(s: &str) -> Option<(usize, String)> {
    let r = regex!(r"^(\d{1,2})\s*[.)]\s+(\S.*)$");
    let c = r.captures(s.trim())?;
    Some((c[1].parse().ok()?, c[2].trim().to_string()))
}

/// Point heading "a) Title" (the letter and the text after it).
fn point_heading(s: &str) -> Option<String> {
    let r = regex!(r"^([a-zđ])\s*\)\s*(.*)$");
    let c = r.captures(s.trim())?;
    Some(c[2].trim().to_string())
}

/// "Phần thứ nhất", "PHẦN I", "Phần 2" with an optional title after ":" or "-".
fn phan_heading(s: &str) -> Option<String> {
    let r = regex!(r"^(?i:phần)\s+(?:(?i:thứ)\s+\S+|[IVX]+|\d+)\s*(?:[:.\-–]\s*(.*))?$");
    let c = r.captures(s.trim())?;
    Some(c.get(1).map_or("", |m| m.as_str()).trim().to_string())
}

/// A "- " or "+ " line: its marker and text.
fn list_line(s: &str) -> Option<(Marker, &str)> {
    let t = s.trim_start();
    let (marker, rest) = if let Some(r) = t.strip_prefix(['-', '–', '•', '·', '▪', '*']) {
        (Marker::Dash, r)
    } else if let Some(r) = t.strip_prefix('+') {
        (Marker::Plus, r)
    } else {
        return None;
    };
    // "-5%" or "--" is not a list line.
    if rest.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        return None;
    }
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some((marker, rest))
}

/// "Đối với Ban Tuyên giáo Tỉnh ủy: đề nghị …".
fn proposal(s: &str) -> Option<Proposal> {
    let r = regex!(r"^(?i:đối với)\s+([^:]{2,160}?)\s*:\s*(.+)$");
    let c = r.captures(s.trim())?;
    Some(Proposal { addressee: c[1].trim().to_string(), text: c[2].trim().to_string() })
}

/// "(1) …": the group title.
fn parenthesized(s: &str) -> Option<(usize, &str)> {
    let r = regex!(r"^\((\d{1,2})\)\s*(.+)$");
    let c = r.captures(s.trim())?;
    Some((c[1].parse().ok()?, c.get(2)?.as_str()))
}

/// The ordinal set a lesson or group opens with.
fn ordinal_set(s: &str) -> Option<OrdinalSet> {
    strip_typed_ordinal(s)?;
    let lower = s.trim_start().to_lowercase();
    Some(if lower.starts_with("thứ") { OrdinalSet::ThuNhat } else { OrdinalSet::MotLa })
}

/// A solution groups' lead: "… 06 nhóm giải pháp sau:" → "… {count} nhóm giải pháp sau:".
fn group_lead(s: &str) -> Option<String> {
    let r = regex!(
        r"(?i)\b(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)(\s+(?:nhóm|giải pháp|nhiệm vụ))"
    );
    let t = s.trim();
    if !t.ends_with(':') {
        return None;
    }
    let c = r.captures(t)?;
    let m = c.get(1)?;
    Some(format!("{}{{count}}{}", &t[..m.start()], &t[m.end()..]))
}

/// The causes label a line is: objective (false) or subjective (true), and text after it.
fn cause_label(s: &str) -> Option<(bool, String)> {
    let r = regex!(r"^(?:[*\-+]\s*)?(?i:nguyên nhân)\s+(khách quan|chủ quan)\s*[:.]?\s*(.*)$");
    let c = r.captures(s.trim())?;
    Some((c[1].to_lowercase() == "chủ quan", c[2].trim().to_string()))
}

/// Authority "K/T TRƯỞNG BAN", "TM. ỦY BAN NHÂN DÂN".
fn authority(s: &str) -> Option<Authority> {
    let r = regex!(r"^(T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.)\s*(\S.*)$");
    let c = r.captures(s.trim())?;
    let kind = match c[1].trim_end_matches('.') {
        "T/M" | "TM" => AuthorityKind::Tm,
        "K/T" | "KT" => AuthorityKind::Kt,
        "T/L" | "TL" => AuthorityKind::Tl,
        "TUQ" => AuthorityKind::Tuq,
        _ => AuthorityKind::Q,
    };
    Some(Authority { kind, of: c[2].trim().to_string() })
}

/// "Lưu Văn phòng." / "Lưu: VT, VP." → the archive ("Văn phòng", "VP").
fn archive(s: &str) -> Option<String> {
    let r = regex!(r"^(?i:lưu)\s*:?\s*(.*?)\s*[.,;]?$");
    let c = r.captures(s.trim())?;
    let a = c[1].trim();
    let a = a.strip_prefix("VT,").or_else(|| a.strip_prefix("VT ,")).unwrap_or(a).trim();
    let a = if a == "VT" { "" } else { a };
    Some(a.to_string())
}

/// A recipient line without its dash and end punctuation.
fn recipient(s: &str) -> String {
    let t = s.trim();
    let t = t.strip_prefix(['-', '–', '+', '•']).unwrap_or(t).trim();
    t.trim_end_matches([',', ';', '.']).trim().to_string()
}

/// Where body blocks go next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Opening,
    Phan,
    Part,
    Section,
    Point,
    Annex,
}

struct State {
    report_body: Body,
    annexes: Vec<Annex>,
    open: Open,
    /// The solution groups block being filled (its lines go to its last group).
    in_groups: bool,
    /// The causes block being filled: subjective (true) or objective.
    in_causes: Option<bool>,
    /// The heading in force speaks of shortcomings ("Hạn chế", "Tồn tại").
    shortcomings: bool,
    counts: Counts,
    source: Vec<SourceLine>,
    warnings: Vec<Diagnostic>,
}

#[derive(Default)]
struct Counts {
    header: u32,
    phans: u32,
    parts: u32,
    sections: u32,
    points: u32,
    lessons: u32,
    groups: u32,
    proposals: u32,
    causes: u32,
    shortcomings: u32,
    lines: u32,
    tables: u32,
    closing: u32,
    annexes: u32,
    kept: u32,
    converted: u32,
}

impl State {
    /// An empty state, before the first item of the document.
    fn new() -> Self {
        State {
            report_body: Body { opening: vec![], content: vec![] },
            annexes: vec![],
            open: Open::Opening,
            in_groups: false,
            in_causes: None,
            shortcomings: false,
            counts: Counts::default(),
            source: vec![],
            warnings: vec![],
        }
    }
    fn note(&mut self, p: &RawPara, mark: Mark) {
        if p.converted.is_some() {
            self.counts.converted += 1;
        }
        if mark == Mark::Kept {
            self.counts.kept += 1;
        }
        self.source.push(SourceLine {
            text: p.text.clone(),
            mark,
            converted_from: p.converted.map(|e| e.name().to_string()),
            page_break: p.page_break,
        });
    }

    /// The blocks of the innermost open container.
    fn target(&mut self) -> &mut Vec<Block> {
        let open = self.open;
        if open == Open::Annex && !self.annexes.is_empty() {
            return &mut self.annexes.last_mut().expect("not empty").blocks;
        }
        let body = &mut self.report_body;
        if open == Open::Opening || body.content.is_empty() {
            return &mut body.opening;
        }
        match body.content.last_mut().expect("not empty") {
            Division::Phan(ph) => {
                if open == Open::Phan || ph.parts.is_empty() {
                    &mut ph.blocks
                } else {
                    part_target(ph.parts.last_mut().expect("not empty"), open)
                }
            }
            Division::Part(p) => part_target(p, open),
        }
    }

    fn close_runs(&mut self) {
        self.in_groups = false;
        self.in_causes = None;
    }

    fn new_phan(&mut self, title: String) {
        self.close_runs();
        self.report_body.content.push(Division::Phan(Phan {
            title,
            hint: None,
            blocks: vec![],
            parts: vec![],
        }));
        self.open = Open::Phan;
        self.counts.phans += 1;
        self.shortcomings = false;
    }

    fn new_part(&mut self, title: String) {
        self.close_runs();
        let part = Part { title: title.clone(), hint: None, blocks: vec![], sections: vec![] };
        match self.report_body.content.last_mut() {
            Some(Division::Phan(ph)) => ph.parts.push(part),
            _ => self.report_body.content.push(Division::Part(part)),
        }
        self.open = Open::Part;
        self.counts.parts += 1;
        self.shortcomings = speaks_of_shortcomings(&title);
    }

    /// The part sections go into, made (untitled) when the file has none.
    fn part_mut(&mut self) -> &mut Part {
        let needs = match self.report_body.content.last() {
            Some(Division::Part(_)) => false,
            Some(Division::Phan(ph)) => ph.parts.is_empty(),
            None => true,
        };
        if needs {
            self.warnings.push(Diagnostic::warning(
                codes::IMPORT_UNTITLED_PART,
                "Có khoản (1., 2.) nằm ngoài mục La Mã nào: chương trình đặt chúng vào một mục \
                 chưa có tên, hãy đặt tên mục.",
            ));
            self.new_part(String::new());
        }
        match self.report_body.content.last_mut() {
            Some(Division::Part(p)) => p,
            Some(Division::Phan(ph)) => ph.parts.last_mut().expect("made above"),
            None => unreachable!("made above"),
        }
    }

    fn new_section(&mut self, title: String) {
        self.close_runs();
        self.shortcomings = speaks_of_shortcomings(&title);
        let t = title.clone();
        self.part_mut().sections.push(Section {
            title: t,
            hint: None,
            blocks: vec![],
            points: vec![],
        });
        self.open = Open::Section;
        self.counts.sections += 1;
    }

    fn new_point(&mut self, title: Option<String>) {
        self.close_runs();
        if let Some(t) = &title {
            self.shortcomings = speaks_of_shortcomings(t);
        }
        let part = self.part_mut();
        if part.sections.is_empty() {
            part.sections.push(Section {
                title: String::new(),
                hint: None,
                blocks: vec![],
                points: vec![],
            });
        }
        part.sections.last_mut().expect("made above").points.push(Point {
            title,
            hint: None,
            blocks: vec![],
        });
        self.open = Open::Point;
        self.counts.points += 1;
    }

    /// A body paragraph: a lesson, group, proposal, cause, list line, or kept as it is.
    fn body_para(&mut self, p: &RawPara) {
        let text = p.text.trim();
        // Solution groups: lead, then titled groups with their lines.
        if self.solution_groups_para(p, text) {
            return;
        }
        // Causes: the label, then its lines.
        if self.causes_para(p, text) {
            return;
        }
        // Proposals: "- Đối với …: …".
        if self.proposal_para(p, text) {
            return;
        }
        // Lessons: "Một là, …", "Thứ hai, …" in order.
        if self.lesson_para(p, text) {
            return;
        }
        // "- " and "+ " lines; shortcomings under a heading that speaks of them.
        if self.list_para(p, text) {
            return;
        }
        self.close_runs();
        self.target().push(Block::Paragraph(Paragraph { text: text.to_string() }));
        self.note(p, Mark::Kept);
    }

    /// Takes a solution groups' lead, or a group or line of the groups being filled.
    fn solution_groups_para(&mut self, p: &RawPara, text: &str) -> bool {
        if let Some(lead) = group_lead(text) {
            self.close_runs();
            self.target().push(Block::SolutionGroups(SolutionGroups {
                lead,
                numbering: GroupNumbering::Parenthesized,
                groups: vec![],
            }));
            self.in_groups = true;
            self.note(p, Mark::SolutionGroup);
            return true;
        }
        if self.in_groups {
            let group = group_title(text);
            if let Some(Block::SolutionGroups(g)) = self.target().last_mut() {
                if let Some((numbering, title)) = group {
                    if g.groups.is_empty() {
                        g.numbering = numbering;
                    }
                    g.groups.push(SolutionGroup { title, items: vec![] });
                    self.counts.groups += 1;
                    self.note(p, Mark::SolutionGroup);
                    return true;
                }
                if let (Some((_, line)), Some(last)) = (list_line(text), g.groups.last_mut()) {
                    last.items.push(line.to_string());
                    self.note(p, Mark::SolutionGroup);
                    return true;
                }
            }
            self.in_groups = false;
        }
        false
    }

    /// Takes a causes label, or a line of the causes being filled.
    fn causes_para(&mut self, p: &RawPara, text: &str) -> bool {
        if let Some((subjective, rest)) = cause_label(text) {
            self.in_groups = false;
            let continues = matches!(self.target().last(), Some(Block::Causes(_)));
            if !continues {
                self.target().push(Block::Causes(Causes {
                    intro: None,
                    objective: vec![],
                    subjective: vec![],
                }));
            }
            if !rest.is_empty() {
                if let Some(Block::Causes(c)) = self.target().last_mut() {
                    if subjective { &mut c.subjective } else { &mut c.objective }.push(rest);
                }
            }
            self.in_causes = Some(subjective);
            self.note(p, Mark::Cause);
            return true;
        }
        if let Some(subjective) = self.in_causes {
            if let Some((Marker::Dash, line)) = list_line(text) {
                if let Some(Block::Causes(c)) = self.target().last_mut() {
                    if subjective { &mut c.subjective } else { &mut c.objective }
                        .push(line.to_string());
                    self.counts.causes += 1;
                    self.note(p, Mark::Cause);
                    return true;
                }
            }
            self.in_causes = None;
        }
        false
    }

    /// Takes a proposal, with or without its dash.
    fn proposal_para(&mut self, p: &RawPara, text: &str) -> bool {
        let bare = list_line(text).map_or(text, |(_, t)| t);
        if let Some(pr) = proposal(bare) {
            match self.target().last_mut() {
                Some(Block::Proposals(ps)) => ps.items.push(pr),
                _ => {
                    self.target().push(Block::Proposals(Proposals { intro: None, items: vec![pr] }))
                }
            }
            self.counts.proposals += 1;
            self.note(p, Mark::Proposal);
            return true;
        }
        false
    }

    /// Takes a lesson, continuing the lessons of the same ordinal set.
    fn lesson_para(&mut self, p: &RawPara, text: &str) -> bool {
        if let Some(set) = ordinal_set(text) {
            let item = strip_typed_ordinal(text).unwrap_or(text).to_string();
            match self.target().last_mut() {
                Some(Block::Lessons(l)) if l.ordinals == set => l.items.push(item),
                _ => self.target().push(Block::Lessons(Lessons {
                    intro: None,
                    ordinals: set,
                    items: vec![item],
                })),
            }
            self.counts.lessons += 1;
            self.note(p, Mark::Lesson);
            return true;
        }
        false
    }

    /// Takes a "- " or "+ " line, as a shortcoming or a list line.
    fn list_para(&mut self, p: &RawPara, text: &str) -> bool {
        if let Some((marker, line)) = list_line(text) {
            let line = line.to_string();
            let shortcomings = self.shortcomings && marker == Marker::Dash;
            match self.target().last_mut() {
                Some(Block::Shortcomings(s)) if shortcomings => s.items.push(line),
                Some(Block::Lines(l)) if !shortcomings && l.marker == marker => l.items.push(line),
                _ if shortcomings => self
                    .target()
                    .push(Block::Shortcomings(Shortcomings { intro: None, items: vec![line] })),
                _ => self.target().push(Block::Lines(Lines { marker, items: vec![line] })),
            }
            if shortcomings {
                self.counts.shortcomings += 1;
                self.note(p, Mark::Shortcoming);
            } else {
                self.counts.lines += 1;
                self.note(p, Mark::Line);
            }
            return true;
        }
        false
    }
}

/// The numbering and title of a solution group's opening line ("(1) …", "Một là, …").
fn group_title(text: &str) -> Option<(GroupNumbering, String)> {
    if let Some((_, t)) = parenthesized(text) {
        return Some((GroupNumbering::Parenthesized, t.trim().to_string()));
    }
    let set = ordinal_set(text)?;
    let rest = strip_typed_ordinal(text)?.to_string();
    let numbering =
        if set == OrdinalSet::ThuNhat { GroupNumbering::ThuNhat } else { GroupNumbering::MotLa };
    Some((numbering, rest))
}

/// The blocks of a part's innermost open container.
fn part_target(p: &mut Part, open: Open) -> &mut Vec<Block> {
    if !matches!(open, Open::Section | Open::Point) || p.sections.is_empty() {
        return &mut p.blocks;
    }
    let s = p.sections.last_mut().expect("not empty");
    if open == Open::Point && !s.points.is_empty() {
        return &mut s.points.last_mut().expect("not empty").blocks;
    }
    &mut s.blocks
}

fn speaks_of_shortcomings(title: &str) -> bool {
    let t = title.to_lowercase();
    ["hạn chế", "tồn tại", "yếu kém", "khuyết điểm"].iter().any(|w| t.contains(w))
}

/// A heading is typed in bold, or in capitals.
fn emphasised(p: &RawPara) -> bool {
    let letters: Vec<char> = p.text.chars().filter(|c| c.is_alphabetic()).collect();
    p.bold || (letters.len() > 3 && letters.iter().all(|c| !c.is_lowercase()))
}

/// The bold (or italic) opening of a paragraph when it is longer than its number: "1. Title:"
/// in bold and the text running on. Returns (title, rest).
fn run_in_heading(p: &RawPara, number_len: usize) -> Option<(String, String)> {
    let prefix = if p.bold_prefix > number_len + 1 { p.bold_prefix } else { p.italic_prefix };
    if prefix <= number_len + 1 {
        return None;
    }
    let head: String = p.text.chars().take(prefix).collect();
    let rest: String = p.text.chars().skip(prefix).collect();
    let rest = rest.trim().trim_start_matches([':', '.']).trim().to_string();
    if rest.is_empty() {
        return None;
    }
    Some((head, rest))
}

/// Finds the report in the document.
pub fn recognise(mut doc: RawDoc, today: NaiveDate) -> Imported {
    let mut st = State::new();
    let items = carry_page_breaks(std::mem::take(&mut doc.items));

    // 1. The header: a table of bodies/number | national heading/date, or the same lines typed.
    let (mut header, mut i) = header_block(&items, &mut st);
    // Document type and subject.
    let (doc_type, subject) = doc_type_and_subject(&items, &mut i, &mut st);

    // 2. Where the closing starts: the table or paragraph holding "Nơi nhận", or a signature.
    let closing_at = closing_start(&items, i);
    // The closing sentence: the last "Trên đây là …" before the closing.
    let body_end = closing_at.unwrap_or(items.len());
    let sentence_at = closing_sentence_at(&items, i, body_end, closing_at);

    // 3. The body.
    let sentence = body_and_sentence(&items, i, sentence_at, body_end, &mut st);

    // 4. The closing: signature and recipients, then the annexes.
    let (closing, k) = closing_block(&items, closing_at, body_end, &mut st);
    // Annexes, and anything else after the closing.
    after_closing(&items, k, &mut header, &mut st);

    // 5. Assemble.
    let found = Found { header, doc_type, subject, sentence, closing, closing_at };
    assemble(&doc, today, found, &mut st)
}

/// The items without their empty paragraphs, whose page breaks go to the next item.
fn carry_page_breaks(raw: Vec<RawItem>) -> Vec<RawItem> {
    // Empty paragraphs carry only their page break to the next item.
    let mut items: Vec<RawItem> = Vec::with_capacity(raw.len());
    let mut carry_break = false;
    for item in raw {
        match item {
            RawItem::Para(p) if p.text.trim().is_empty() => carry_break |= p.page_break,
            RawItem::Para(mut p) => {
                p.page_break |= std::mem::take(&mut carry_break);
                items.push(RawItem::Para(p));
            }
            RawItem::Table(mut t) => {
                t.page_break |= std::mem::take(&mut carry_break);
                items.push(RawItem::Table(t));
            }
        }
    }
    items
}

/// The header at the start of the items, and the index of the first item after it.
fn header_block(items: &[RawItem], st: &mut State) -> (HeaderFound, usize) {
    let mut header = HeaderFound::default();
    let mut i = 0;
    if let Some(RawItem::Table(t)) = items.first() {
        if t.rows.iter().flatten().any(|c| c.paras.iter().any(|p| header_line(&p.text))) {
            for row in &t.rows {
                for (col, cell) in row.iter().enumerate() {
                    for p in &cell.paras {
                        header.line(p, col == 0, st);
                    }
                }
            }
            i = 1;
        }
    }
    if i == 0 {
        // Lines typed with tabs between the left and right halves.
        i = typed_header(items, &mut header, st);
        if !header.found() {
            // Nothing of a header: what was taken is body text after all.
            st.source.clear();
            header = HeaderFound::default();
            i = 0;
        }
    }
    (header, i)
}

/// Reads the header typed as lines at the start of the items; returns how many it took.
fn typed_header(items: &[RawItem], header: &mut HeaderFound, st: &mut State) -> usize {
    let mut i = 0;
    while let Some(RawItem::Para(p)) = items.get(i) {
        let dated = header.date.is_some() || header.numbered;
        if i >= 12 || (dated && !p.text.contains('\t') && doc_type_line(&p.text)) {
            break;
        }
        if !header_line(&p.text)
            && !header.found()
            && i > 0
            && !p.text.contains('\t')
            && !emphasised(p)
        {
            break;
        }
        let parts: Vec<&str> =
            p.text.split('\t').map(str::trim).filter(|s| !s.is_empty()).collect();
        for (k, part) in parts.iter().enumerate() {
            let mut q = p.clone();
            q.text = part.to_string();
            if k == 0 && parts.len() > 1 {
                // The left half is bold when the bold opening covers it.
                let lead = p.text.find('\t').map_or(0, |t| p.text[..t].chars().count());
                q.bold = p.bold_prefix >= lead;
            }
            header.line(&q, k == 0 && !p.right, st);
        }
        i += 1;
    }
    i
}

/// The document type and the subject lines at `items[*i]`, moving `i` past them.
fn doc_type_and_subject(
    items: &[RawItem],
    i: &mut usize,
    st: &mut State,
) -> (Option<String>, Vec<String>) {
    let mut doc_type = None;
    let mut subject: Vec<String> = vec![];
    if let Some(RawItem::Para(p)) = items.get(*i) {
        if doc_type_line(&p.text) {
            let (first, rest) = p.text.split_once('\n').unwrap_or((&p.text, ""));
            doc_type = Some(first.trim().to_string());
            st.note(p, Mark::DocType);
            if !rest.trim().is_empty() {
                subject.push(rest.trim().to_string());
            }
            *i += 1;
            while let Some(RawItem::Para(p)) = items.get(*i) {
                if decoration(&p.text) {
                    st.note(p, Mark::Generated);
                    *i += 1;
                    break;
                }
                if !(p.center && (p.bold || subject.is_empty())) || subject.len() >= 4 {
                    break;
                }
                subject.push(p.text.trim().to_string());
                st.note(p, Mark::Subject);
                *i += 1;
            }
        }
    }
    (doc_type, subject)
}

/// Where the closing starts, from `items[i]` on, if the document has one.
fn closing_start(items: &[RawItem], i: usize) -> Option<usize> {
    items[i..]
        .iter()
        .position(|it| match it {
            RawItem::Table(t) => t.rows.iter().flatten().any(|c| {
                c.paras.iter().any(|p| recipients_label(&p.text) || authority(&p.text).is_some())
            }),
            RawItem::Para(p) => recipients_label(&p.text),
        })
        .map(|k| k + i)
}

/// Where the closing sentence is in `items[i..body_end]`, if the body ends with one.
fn closing_sentence_at(
    items: &[RawItem],
    i: usize,
    body_end: usize,
    closing_at: Option<usize>,
) -> Option<usize> {
    items[i..body_end]
        .iter()
        .rposition(|it| matches!(it, RawItem::Para(p) if closing_sentence(&p.text)))
        .map(|k| k + i)
        .filter(|k| body_end - k <= 3 || closing_at.is_some())
}

/// Recognises the body from `items[i]` to the closing; returns the closing sentence.
fn body_and_sentence(
    items: &[RawItem],
    i: usize,
    sentence_at: Option<usize>,
    body_end: usize,
    st: &mut State,
) -> String {
    let mut k = i;
    let limit = sentence_at.unwrap_or(body_end);
    body(items, &mut k, limit, st);
    let mut sentence = String::new();
    if let Some(s) = sentence_at {
        if let RawItem::Para(p) = &items[s] {
            sentence = p.text.trim().to_string();
            st.note(p, Mark::ClosingSentence);
            st.counts.closing += 1;
        }
        // Anything between the sentence and the signature stays in the body, at its end.
        let mut k = s + 1;
        body(items, &mut k, body_end, st);
    }
    sentence
}

/// The signature and recipients, and the index of the first item after them.
fn closing_block(
    items: &[RawItem],
    closing_at: Option<usize>,
    body_end: usize,
    st: &mut State,
) -> (ClosingFound, usize) {
    let mut closing = ClosingFound::default();
    let mut k = body_end;
    if let Some(c) = closing_at {
        k = c;
        while k < items.len() && !annex_start(&items[k]) {
            match &items[k] {
                RawItem::Table(t) => {
                    for row in &t.rows {
                        for (col, cell) in row.iter().enumerate() {
                            for p in &cell.paras {
                                closing.line(p, col, st);
                            }
                        }
                    }
                }
                RawItem::Para(p) => closing.line(p, usize::from(p.center || p.right), st),
            }
            k += 1;
        }
        st.counts.closing += closing.count();
    }
    (closing, k)
}

/// Recognises the annexes, and anything else, from `items[k]` to the end.
fn after_closing(items: &[RawItem], mut k: usize, header: &mut HeaderFound, st: &mut State) {
    st.open = Open::Annex;
    while k < items.len() {
        if let RawItem::Para(p) = &items[k] {
            if annex_label(&p.text) {
                annex_heading(items, &mut k, p, header, st);
                continue;
            }
        }
        if st.annexes.is_empty() {
            st.warnings.push(Diagnostic::warning(
                codes::IMPORT_UNTITLED_ANNEX,
                "Có nội dung sau phần ký mà không có nhãn «PHỤ LỤC»: chương trình đặt nó vào một \
                 phụ lục chưa có tên.",
            ));
            st.annexes.push(Annex { title: String::new(), blocks: vec![] });
        }
        let end = (k + 1..items.len()).find(|j| annex_start(&items[*j])).unwrap_or(items.len());
        body(items, &mut k, end, st);
    }
}

/// Opens the annex labelled by `p` (`items[*k]`) with its title, moving `k` past them.
fn annex_heading(
    items: &[RawItem],
    k: &mut usize,
    p: &RawPara,
    header: &mut HeaderFound,
    st: &mut State,
) {
    st.close_runs();
    st.note(p, Mark::Annex);
    *k += 1;
    let mut title: Vec<String> = vec![];
    while let Some(RawItem::Para(q)) = items.get(*k) {
        if annex_reference(&q.text) {
            if header.full.is_none() {
                header.full = reference_issuer(&q.text);
            }
            st.note(q, Mark::Generated);
            *k += 1;
            break;
        }
        // The title is in capitals; a centred line in lower case below it is a
        // table's caption.
        let caps = q.text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        if !title.is_empty() && !caps {
            break;
        }
        if !q.center || title.len() >= 3 || annex_label(&q.text) {
            break;
        }
        title.push(q.text.trim().to_string());
        st.note(q, Mark::Annex);
        *k += 1;
    }
    st.annexes.push(Annex { title: title.join(" "), blocks: vec![] });
    st.counts.annexes += 1;
}

/// What was found outside the body, for the report's assembly.
struct Found {
    header: HeaderFound,
    doc_type: Option<String>,
    subject: Vec<String>,
    sentence: String,
    closing: ClosingFound,
    /// Where the closing starts, if found.
    closing_at: Option<usize>,
}

/// The report and the summary of its import, from what was found.
fn assemble(doc: &RawDoc, today: NaiveDate, found: Found, st: &mut State) -> Imported {
    let Found { header, doc_type, subject, sentence, closing, closing_at } = found;
    let warnings =
        import_warnings(std::mem::take(&mut st.warnings), doc, today, &header, closing_at);
    let report = Report {
        schema_version: SCHEMA_VERSION,
        header: report_header(doc, today, &header, doc_type, &subject),
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
    };
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
    Imported { report, summary }
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

/// The report's header from what the header, document type and subject gave.
fn report_header(
    doc: &RawDoc,
    today: NaiveDate,
    header: &HeaderFound,
    doc_type: Option<String>,
    subject: &[String],
) -> Header {
    // A Party document gets the Party guidance in force on the date it bears (HD 36, or HD 05
    // from 27/5/2026); one whose date could not be read keeps HD 36, named with a warning once
    // today's date is put in. Recipients ending «,» (HD 36) or «;» (HD 05) are both read
    // (`recipient`).
    let profile = match (header.profile.unwrap_or("hd36"), header.date) {
        ("hd36", Some(d)) => crate::profile::resolve_id(crate::profile::PARTY_AUTO, d),
        (other, _) => other.to_string(),
    };
    let (superior, issuing) = header.bodies();
    let issuing = issuing.join("\n");
    let superior = (!superior.is_empty()).then(|| superior.join(" "));
    let place = header.place.clone().unwrap_or_default();
    let full = header.full.clone().or_else(|| {
        doc.creator.clone().filter(|c| {
            let c = crate::text::upper(c);
            !issuing.is_empty() && c.contains(&crate::text::upper(&issuing.replace('\n', " ")))
        })
    });
    let full = full.unwrap_or_else(|| full_name(&issuing, superior.as_deref(), &place));
    Header {
        profile,
        superior_body: superior,
        issuing_body: issuing,
        issuing_body_full: full,
        number: header.number,
        type_code: header.type_code.clone().unwrap_or_else(|| "BC".into()),
        issuer_code: header.issuer_code.clone().unwrap_or_default(),
        place,
        date: header.date.unwrap_or(today),
        doc_type: doc_type.unwrap_or_else(|| "BÁO CÁO".into()),
        subject: subject.join("\n"),
        urgency: None,
        draft: None,
        not_public: false,
        addressees: Vec::new(),
    }
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

/// The issuing body's full name from the header's capitals: "BAN TUYÊN GIÁO" + "HUYỆN ỦY CẦU
/// NGANG" → "Ban Tuyên giáo Huyện ủy Cầu Ngang" (the place keeps its case from the date line).
fn full_name(issuing: &str, superior: Option<&str>, place: &str) -> String {
    let tidy = |s: &str| -> String {
        let lower = s.replace('\n', " ").to_lowercase();
        let mut t = upper_first(lower.trim());
        if !place.is_empty() {
            t = t.replace(&place.to_lowercase(), place);
        }
        t
    };
    let mut full = tidy(issuing);
    if let Some(s) = superior {
        let s = tidy(s);
        full = format!("{full} {s}");
    }
    full
}

fn header_line(s: &str) -> bool {
    national(s).is_some() || number_line(s).is_some() || date_line(s).is_some()
}

fn doc_type_line(s: &str) -> bool {
    let first = s.split('\n').next().unwrap_or("").trim();
    let letters: Vec<char> = first.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && letters.len() <= 30
        && letters.iter().all(|c| c.is_uppercase())
        && !first.chars().any(|c| c.is_ascii_digit())
        && national(first).is_none()
}

fn recipients_label(s: &str) -> bool {
    regex!(r"^(?i:nơi nhận)\s*(?::|$)").is_match(s.trim())
}

fn closing_sentence(s: &str) -> bool {
    let t = s.trim_start().to_lowercase();
    t.starts_with("trên đây là") || t.starts_with("trên đây, ")
}

fn annex_label(s: &str) -> bool {
    regex!(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ|số)?\s*[0-9IVX]{1,4})?\s*$").is_match(s.trim())
}

fn annex_start(item: &RawItem) -> bool {
    matches!(item, RawItem::Para(p) if annex_label(&p.text))
}

fn annex_reference(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('(') && t.to_lowercase().contains("kèm theo")
}

/// "(Kèm theo Báo cáo số …, ngày … của Ban Tuyên giáo Huyện ủy Cầu Ngang)" → the issuer.
fn reference_issuer(s: &str) -> Option<String> {
    let t = s.trim().trim_end_matches(')');
    let i = t.rfind(" của ")?;
    Some(t[i + " của ".len()..].trim().to_string()).filter(|s| !s.is_empty())
}

/// What the header gave.
#[derive(Default)]
struct HeaderFound {
    profile: Option<&'static str>,
    /// Lines of the bodies (left column), with whether each is bold.
    bodies: Vec<(String, bool)>,
    number: Option<u32>,
    type_code: Option<String>,
    issuer_code: Option<String>,
    place: Option<String>,
    date: Option<NaiveDate>,
    full: Option<String>,
    numbered: bool,
}

impl HeaderFound {
    fn found(&self) -> bool {
        self.numbered || self.date.is_some() || self.profile.is_some()
    }

    fn line(&mut self, p: &RawPara, left: bool, st: &mut State) {
        let text = p.text.trim();
        if text.is_empty() {
            return;
        }
        if let Some(prof) = national(text) {
            if let Some(prof) = prof {
                self.profile = Some(prof);
            }
            st.counts.header += 1;
            st.note(p, Mark::Generated);
        } else if let Some((n, t, i, prof)) = number_line(text) {
            self.number = n;
            self.type_code = Some(t);
            self.issuer_code = Some(i);
            self.numbered = true;
            self.profile.get_or_insert(prof);
            st.counts.header += 1;
            st.note(p, Mark::Header);
        } else if let Some((place, date)) = date_line(text) {
            self.place = Some(place);
            self.date = date;
            st.counts.header += 1;
            st.note(p, Mark::Header);
        } else if decoration(text) {
            st.note(p, Mark::Generated);
        } else if left {
            for line in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
                self.bodies.push((line.to_string(), p.bold));
            }
            st.counts.header += 1;
            st.note(p, Mark::Header);
        } else {
            st.note(p, Mark::Kept);
            st.report_body.opening.push(Block::Paragraph(Paragraph { text: text.to_string() }));
        }
    }

    /// The superior body's lines and the issuing body's: the bold lines are the issuing body
    /// and those above them the superior; without bold, the last line is the issuing body.
    fn bodies(&self) -> (Vec<String>, Vec<String>) {
        let lines: Vec<String> = self.bodies.iter().map(|(l, _)| l.clone()).collect();
        match self.bodies.iter().position(|(_, bold)| *bold) {
            Some(first) => (lines[..first].to_vec(), lines[first..].to_vec()),
            None => match lines.split_last() {
                Some((last, rest)) => (rest.to_vec(), vec![last.clone()]),
                None => (vec![], vec![]),
            },
        }
    }
}

/// What the closing gave.
#[derive(Default)]
struct ClosingFound {
    authority: Option<Authority>,
    title: Option<String>,
    name: Option<String>,
    recipients: Vec<String>,
    archive: Option<String>,
    in_recipients: bool,
}

impl ClosingFound {
    fn count(&self) -> u32 {
        u32::from(self.authority.is_some())
            + u32::from(self.title.is_some())
            + u32::from(self.name.is_some())
            + self.recipients.len() as u32
            + u32::from(self.archive.is_some())
    }

    fn line(&mut self, p: &RawPara, col: usize, st: &mut State) {
        for line in p.text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
            let q = RawPara { text: line.to_string(), ..p.clone() };
            if recipients_label(line) {
                self.in_recipients = true;
                let rest = line.split_once(':').map_or("", |(_, r)| r).trim();
                if !rest.is_empty() {
                    self.recipients.push(recipient(rest));
                }
                st.note(&q, Mark::Recipient);
            } else if col == 0 && (self.in_recipients || list_line(line).is_some()) {
                let bare = recipient(line);
                if let Some(a) = archive(&bare) {
                    self.archive = Some(a);
                    st.note(&q, Mark::Archive);
                } else {
                    self.recipients.push(bare);
                    st.note(&q, Mark::Recipient);
                }
            } else if let Some(a) = authority(line) {
                self.authority = Some(a);
                st.note(&q, Mark::Signature);
            } else if regex!(r"^\(?\s*(?i:đã ký|ký,? ghi rõ họ tên|ký tên|đóng dấu)[^)]*\)?$")
                .is_match(line)
            {
                st.note(&q, Mark::Generated);
            } else if self.title.is_none() && !p.bold
                || self.title.is_none() && self.name.is_none() && self.authority.is_some()
            {
                self.title = Some(line.to_string());
                st.note(&q, Mark::Signature);
            } else if self.title.is_none()
                && self.authority.is_none()
                && p.bold
                && line.chars().all(|c| !c.is_lowercase())
            {
                // "CHỦ TỊCH" alone in bold: a title signing in its own name.
                self.title = Some(line.to_string());
                st.note(&q, Mark::Signature);
            } else {
                // The name is the last line of the signature column.
                self.name = Some(line.to_string());
                st.note(&q, Mark::Signature);
            }
        }
    }
}

/// Recognises the body items `items[*k..end]`.
fn body(items: &[RawItem], k: &mut usize, end: usize, st: &mut State) {
    while *k < end {
        match &items[*k] {
            RawItem::Table(t) => {
                let table = stat_table(t, None, None, st);
                st.close_runs();
                st.target().push(Block::Table(table));
            }
            RawItem::Para(p) => {
                // A caption or unit line right above a table goes with it.
                if let Some(skip) = caption(items, *k, end, st) {
                    *k += skip;
                    continue;
                }
                heading_or_para(items, k, p, st);
            }
        }
        *k += 1;
    }
}

/// A caption and/or unit line followed by a table: consumes them all, returns how many items.
fn caption(items: &[RawItem], k: usize, end: usize, st: &mut State) -> Option<usize> {
    let mut title = None;
    let mut unit = None;
    let mut j = k;
    while j < end && j < k + 2 {
        let RawItem::Para(p) = &items[j] else { break };
        let t = p.text.trim();
        let is_unit = regex!(r"^\(?(?i:đơn vị tính|đvt)\s*:").is_match(t);
        if is_unit && unit.is_none() {
            unit = Some(p);
        } else if p.center
            && p.bold
            && title.is_none()
            && unit.is_none()
            && part_heading(t).is_none()
        {
            title = Some(p);
        } else {
            break;
        }
        j += 1;
    }
    let Some(RawItem::Table(t)) = items.get(j).filter(|_| j < end && j > k) else { return None };
    for p in title.iter().chain(unit.iter()) {
        st.note(p, Mark::Table);
    }
    let table = stat_table(
        t,
        title.map(|p| p.text.trim().to_string()),
        unit.map(|p| p.text.trim().to_string()),
        st,
    );
    st.close_runs();
    st.target().push(Block::Table(table));
    Some(j - k + 1)
}

/// A heading ("Phần", I., 1., a)) or a body paragraph.
fn heading_or_para(items: &[RawItem], k: &mut usize, p: &RawPara, st: &mut State) {
    let text = p.text.trim();
    if let Some(mut title) = phan_heading(text) {
        if emphasised(p) || p.center {
            st.note(p, Mark::Phan);
            if title.is_empty() {
                if let Some(RawItem::Para(q)) = items.get(*k + 1) {
                    if q.center || emphasised(q) {
                        title = q.text.trim().to_string();
                        st.note(q, Mark::Phan);
                        *k += 1;
                    }
                }
            }
            st.new_phan(title);
            return;
        }
    }
    if let Some((_, title)) = part_heading(text) {
        if emphasised(p) {
            st.new_part(title);
            st.note(p, Mark::Part);
            return;
        }
    }
    if let Some((n, title)) = section_heading(text) {
        let number_len = n.to_string().len() + 1;
        if p.bold && text.chars().count() <= 300 {
            st.new_section(title);
            st.note(p, Mark::Section);
            return;
        }
        if let Some((head, rest)) = run_in_heading(p, number_len) {
            if let Some((_, title)) = section_heading(&head) {
                st.new_section(title.trim_end_matches([':', '.']).trim().to_string());
                st.note(p, Mark::Section);
                st.target().push(Block::Paragraph(Paragraph { text: rest }));
                return;
            }
        }
    }
    if let Some(title) = point_heading(text) {
        // In the Party format point titles are bold italic; in the State format plain, then
        // short and without an end mark.
        let short = title.chars().count() <= 120
            && !title.ends_with(['.', ';', ',', ':'])
            && !matches!(items.get(*k + 1), Some(RawItem::Para(q)) if point_heading(&q.text).is_some());
        if !title.is_empty() && ((p.bold || p.italic) || short) && title.chars().count() <= 200 {
            st.new_point(Some(title));
            st.note(p, Mark::Point);
            return;
        }
        if let Some((head, rest)) = run_in_heading(p, 2) {
            if let Some(title) = point_heading(&head) {
                st.new_point(Some(title.trim_end_matches([':', '.']).trim().to_string()));
                st.note(p, Mark::Point);
                st.target().push(Block::Paragraph(Paragraph { text: rest }));
                return;
            }
        }
        // An untitled point: the letter opens its first paragraph.
        st.new_point(None);
        if title.is_empty() {
            st.note(p, Mark::Point);
            return;
        }
        let rest = RawPara { text: title, ..p.clone() };
        st.body_para(&rest);
        if let Some(last) = st.source.last_mut() {
            last.text = p.text.clone();
            if last.mark == Mark::Kept {
                last.mark = Mark::Point;
                st.counts.kept -= 1;
            }
        }
        return;
    }
    st.body_para(p);
}

/// A Word table as a statistics table: STT column, merged header rows flattened, numbers read,
/// the "Tổng cộng" row recognised (recomputed on export, checked now).
fn stat_table(
    t: &RawTable,
    title: Option<String>,
    unit: Option<String>,
    st: &mut State,
) -> StatTable {
    st.counts.tables += 1;
    // Lay the rows out on the grid: spanned cells repeat, merged-up cells take the text above.
    let (grid, width, merged) = lay_out_grid(t);
    for row in &t.rows {
        for cell in row {
            for p in &cell.paras {
                st.note(p, Mark::Table);
            }
        }
    }
    // Header rows: the first row, and the rows below it while a merged cell spans into them.
    let header_rows = count_header_rows(t, &grid);
    let mut headers = flat_headers(&grid, header_rows, width);
    if merged && header_rows > 1 {
        st.warnings.push(Diagnostic::warning(
            codes::IMPORT_MERGED_HEADER,
            format!(
                "Bảng {}: tiêu đề có ô gộp, đã trải thành một hàng tiêu đề («{}»).",
                st.counts.tables,
                headers.join(" | ")
            ),
        ));
    }
    let mut rows: Vec<Vec<String>> =
        grid[header_rows..].iter().map(|r| r.iter().map(|c| c.0.clone()).collect()).collect();
    // A row of column numbers "(1) (2) (3)" or "1 2 3" under the header.
    drop_column_numbers(&mut rows);
    // STT column.
    let stt = strip_stt(&mut headers, &mut rows);
    // The totals row.
    let (total_label, file_totals) = totals_row(&mut rows);
    let columns_n = headers.len();
    let numeric = numeric_columns(&rows, columns_n);
    // Relative widths as Word laid the columns out (the STT column's is the profile's).
    let mut columns = table_columns(t, width, stt, &headers, &numeric);
    let mut cells = table_cells(&rows, &numeric, columns_n);
    row_sums(&mut columns, &mut cells);
    if let Some(file) = &file_totals {
        check_totals(file, total_label.as_deref(), &columns, &cells, st);
    }
    StatTable {
        title,
        unit,
        stt,
        columns,
        rows: cells,
        total_label,
        collect: None,
        rules: vec![],
        sources: std::collections::BTreeMap::new(),
    }
}

/// The table's text on its grid (with whether each cell is spanned or merged), the grid's
/// width, and whether any cell is spanned or merged.
fn lay_out_grid(t: &RawTable) -> (Vec<Vec<(String, bool)>>, usize, bool) {
    let width = t.rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max().unwrap_or(0);
    let mut grid: Vec<Vec<(String, bool)>> = Vec::new();
    let mut merged = false;
    for row in &t.rows {
        let mut out: Vec<(String, bool)> = Vec::with_capacity(width);
        for cell in row {
            let text = cell_text(cell);
            let col = out.len();
            let text = if cell.merged_up {
                merged = true;
                grid.last().and_then(|r| r.get(col)).map(|c| c.0.clone()).unwrap_or_default()
            } else {
                text
            };
            if cell.span > 1 {
                merged = true;
            }
            for _ in 0..cell.span {
                out.push((text.clone(), cell.span > 1 || cell.merged_up));
            }
        }
        out.resize(width, (String::new(), false));
        grid.push(out);
    }
    (grid, width, merged)
}

/// How many of the grid's first rows are header rows.
fn count_header_rows(t: &RawTable, grid: &[Vec<(String, bool)>]) -> usize {
    let mut header_rows = 1usize.min(grid.len());
    while header_rows < grid.len()
        && t.rows.get(header_rows).is_some_and(|r| r.iter().any(|c| c.merged_up))
        && grid[header_rows].iter().all(|(c, _)| parse_vi_number(c).is_none())
    {
        header_rows += 1;
    }
    // Under merged top cells, a second header row of plain text (e.g. "Nam | Nữ").
    if header_rows == 1
        && grid.len() > 2
        && t.rows[0].iter().any(|c| c.span > 1)
        && grid[1].iter().all(|(c, _)| parse_vi_number(c).is_none())
    {
        header_rows = 2;
    }
    header_rows
}

/// Each column's header, the header rows' texts joined into one.
fn flat_headers(grid: &[Vec<(String, bool)>], header_rows: usize, width: usize) -> Vec<String> {
    (0..width)
        .map(|col| {
            let mut parts: Vec<&str> = Vec::new();
            for row in &grid[..header_rows] {
                let c = row[col].0.as_str();
                if !c.is_empty() && parts.last() != Some(&c) {
                    parts.push(c);
                }
            }
            parts.join(" - ")
        })
        .collect()
}

/// Drops the row of column numbers under the header, if there is one.
fn drop_column_numbers(rows: &mut Vec<Vec<String>>) {
    if let Some(first) = rows.first() {
        let numbered = first.iter().enumerate().all(|(i, c)| {
            let c = c.trim().trim_start_matches('(').trim_end_matches(')');
            c == (i + 1).to_string() || c.is_empty() || c.chars().all(|ch| ch.is_ascii_uppercase())
        }) && first.iter().filter(|c| !c.trim().is_empty()).count() >= 2
            && first.iter().any(|c| c.contains('('));
        if numbered {
            rows.remove(0);
        }
    }
}

/// Drops the STT column, if the table has one; tells whether it had.
fn strip_stt(headers: &mut Vec<String>, rows: &mut [Vec<String>]) -> bool {
    let stt = headers.first().is_some_and(|h| {
        let h = h.trim().to_uppercase().replace(['.', ' '], "");
        matches!(h.as_str(), "STT" | "TT" | "SỐTT")
    });
    if stt {
        headers.remove(0);
        for r in rows {
            if !r.is_empty() {
                r.remove(0);
            }
        }
    }
    stt
}

/// Takes the totals row off the rows: its label and its cells as the file gives them.
fn totals_row(rows: &mut Vec<Vec<String>>) -> (Option<String>, Option<Vec<String>>) {
    let mut total_label = None;
    let mut file_totals: Option<Vec<String>> = None;
    if let Some(last) = rows.last() {
        let label = last.iter().find(|c| !c.trim().is_empty()).cloned().unwrap_or_default();
        let l = label.trim().to_lowercase();
        if l == "tổng cộng" || l == "tổng" || l == "cộng" || l == "tổng số" || l == "toàn huyện"
        {
            total_label = Some(label.trim().to_string());
            file_totals = rows.pop();
        }
    }
    (total_label, file_totals)
}

/// Whether each column holds numbers (the first column never does).
fn numeric_columns(rows: &[Vec<String>], columns_n: usize) -> Vec<bool> {
    (0..columns_n)
        .map(|c| {
            let mut any = false;
            for r in rows {
                let v = r.get(c).map(String::as_str).unwrap_or("").trim();
                if v.is_empty() || v == "-" {
                    continue;
                }
                if parse_vi_number(v).is_none() {
                    return false;
                }
                any = true;
            }
            any && c > 0
        })
        .collect()
}

/// The table's columns: header, kind and the width Word gave each.
fn table_columns(
    t: &RawTable,
    width: usize,
    stt: bool,
    headers: &[String],
    numeric: &[bool],
) -> Vec<Column> {
    let grid: &[u32] = if t.grid.len() == width { &t.grid[usize::from(stt)..] } else { &[] };
    headers
        .iter()
        .zip(numeric)
        .enumerate()
        .map(|(i, (h, num))| Column {
            header: h.clone(),
            kind: if *num { ColumnKind::Number } else { ColumnKind::Text },
            sum_of: vec![],
            width: grid.get(i).filter(|w| **w > 0).map(|w| f64::from(*w)),
            previous: false,
            key: None,
            year: None,
        })
        .collect()
}

/// The rows' cells, numbers read in the number columns.
fn table_cells(rows: &[Vec<String>], numeric: &[bool], columns_n: usize) -> Vec<Vec<Cell>> {
    rows.iter()
        .map(|r| {
            (0..columns_n)
                .map(|c| {
                    let v = r.get(c).map(String::as_str).unwrap_or("").trim();
                    if v.is_empty() {
                        Cell::Empty
                    } else if numeric[c] {
                        parse_vi_number(v).map_or(Cell::Empty, Cell::Number)
                    } else {
                        Cell::Text(v.to_string())
                    }
                })
                .collect()
        })
        .collect()
}

/// Warns of each number column whose total in the file differs from the sum of its rows.
fn check_totals(
    file: &[String],
    total_label: Option<&str>,
    columns: &[Column],
    cells: &[Vec<Cell>],
    st: &mut State,
) {
    for (c, col) in columns.iter().enumerate() {
        if col.kind != ColumnKind::Number {
            continue;
        }
        let sum: f64 = cells
            .iter()
            .filter_map(|r| match r.get(c) {
                Some(Cell::Number(v)) => Some(*v),
                _ => None,
            })
            .sum();
        if let Some(given) = file.get(c).and_then(|v| parse_vi_number(v)) {
            if (given - sum).abs() > 1e-6 {
                st.warnings.push(Diagnostic::warning(
                    codes::IMPORT_TOTAL,
                    format!(
                    "Bảng {}, cột «{}»: dòng «{}» trong tệp ghi {}, cộng lại các dòng được {}; \
                     chương trình dùng số cộng lại.",
                    st.counts.tables,
                    col.header,
                    total_label.unwrap_or("Tổng cộng"),
                    file[c].trim(),
                    crate::text::format_number(
                        sum,
                        2,
                        &crate::text::NumberStyle {
                            thousands: ".",
                            decimal: ",",
                            pad_counts: false,
                        }
                    )
                ),
                ));
            }
        }
    }
}

/// A number column that is, in every row, the sum of the number columns before it (from the
/// first after the last text column) becomes a computed row-sum column.
fn row_sums(columns: &mut [Column], cells: &mut [Vec<Cell>]) {
    let value = |row: &[Cell], c: usize| match row.get(c) {
        Some(Cell::Number(v)) => Some(*v),
        _ => None,
    };
    for c in 0..columns.len() {
        if columns[c].kind != ColumnKind::Number {
            continue;
        }
        let addends: Vec<usize> = (0..c)
            .rev()
            .take_while(|i| columns[*i].kind == ColumnKind::Number)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if addends.len() < 2 || cells.is_empty() {
            continue;
        }
        let sums = cells.iter().all(|r| {
            let sum: f64 = addends.iter().filter_map(|a| value(r, *a)).sum();
            let any = addends.iter().any(|a| value(r, *a).is_some());
            match value(r, c) {
                Some(v) => any && (v - sum).abs() < 1e-6,
                None => !any,
            }
        });
        let informative =
            cells.iter().any(|r| addends.iter().filter(|a| value(r, **a).is_some()).count() >= 2);
        if sums && informative {
            columns[c].kind = ColumnKind::RowSum;
            columns[c].sum_of = addends;
            for r in cells.iter_mut() {
                if let Some(cell) = r.get_mut(c) {
                    *cell = Cell::Empty;
                }
            }
        }
    }
}

fn cell_text(c: &RawCell) -> String {
    c.paras.iter().map(|p| p.text.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ")
}
