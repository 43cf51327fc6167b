//! What the editor shows of a report as the document prints it: the outline (each heading's
//! number and title as printed, year references resolved), each statistics table's computed
//! cells and totals row, the openers of lessons and solution groups, and the «Thể thức» choices
//! for a date. Everything comes from the functions the flow uses (`flow::heading_parts`,
//! `flow::phan_lines`, `flow::annex_lines`, `tablefit::grid`, `profile::resolve_id`…), so the
//! editor cannot disagree with the document (issue 26: the UI keeps no copy of this logic).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::flow::{
    annex_lines, cased, group_number, heading_parts, lesson_word, number_style, phan_lines,
    solution_lead, tablefit, YearRefs,
};
use crate::model::walk::{self, Node};
use crate::model::{Block, Report, StatTable};
use crate::profile::{resolve_id, FormatProfile, PARTY_AUTO};
use crate::text::{format_count, roman, viet_letter};

/// The editor's view of a report under its profile.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Outline {
    /// The outline panel's entries, in reading order.
    pub items: Vec<OutlineItem>,
    /// Every statistics table's computed cells and totals.
    pub tables: Vec<TableView>,
    /// The openers of every lessons and solution groups block.
    pub openers: Vec<Openers>,
}

/// What an outline entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OutlineKind {
    /// The header (issuing body, number, date, subject).
    Header,
    /// The opening blocks.
    Opening,
    /// A "Phần" group.
    Phan,
    /// A part (I., II.).
    Part,
    /// A section (1., 2.).
    Section,
    /// A point (a), b)).
    Point,
    /// A block shown in the outline (lessons, solution groups, proposals, tables).
    Block,
    /// The closing, signature and recipients.
    Closing,
    /// An annex.
    Annex,
}

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutlineItem {
    /// The report path (`body.content[0].sections[1]`).
    pub path: String,
    /// What it is.
    pub kind: OutlineKind,
    /// Its number as the document prints it ("I.", "1.", "a)", "Phần thứ nhất", "PHỤ LỤC 2");
    /// empty for entries without one.
    pub number: String,
    /// Its title as printed (year references resolved, in the profile's letter case).
    pub title: String,
    /// The line the outline shows: the number and title, or the entry's name.
    pub label: String,
    /// Nesting depth (0 = top level).
    pub depth: u32,
    /// Whether it is an item of a list (can be moved and deleted).
    pub movable: bool,
}

/// A statistics table's computed values as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableView {
    /// The block's report path.
    pub path: String,
    /// Per row, each column's cell as printed (row sums computed); no STT column.
    pub rows: Vec<Vec<String>>,
    /// The totals row as printed per column (the label in the first text column); none when the
    /// table has no totals row.
    pub totals: Option<Vec<String>>,
}

/// The openers of a lessons or solution groups block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Openers {
    /// The block's report path.
    pub path: String,
    /// Each item's opener as printed before its text ("Một là,", "Thứ tư,", "(3)").
    pub items: Vec<String>,
    /// The lead sentence as printed (solution groups: the count filled in).
    pub lead: Option<String>,
}

impl Outline {
    /// The view of `report` printed under `profile` (the one [`crate::profile_for`] gives).
    pub fn of(report: &Report, profile: &FormatProfile) -> Self {
        let refs = YearRefs::of(report);
        let mut out = Outline::default();
        let fixed = |path: &str, kind, label: &str| OutlineItem {
            path: path.to_string(),
            kind,
            number: String::new(),
            title: String::new(),
            label: label.to_string(),
            depth: 0,
            movable: false,
        };
        out.items.push(fixed(
            "header",
            OutlineKind::Header,
            "Phần đầu (cơ quan, số, ngày, trích yếu)",
        ));
        out.items.push(fixed("body.opening", OutlineKind::Opening, "Mở đầu"));
        out.nodes(report, profile, &refs, walk::body(report));
        out.items.push(fixed("closing", OutlineKind::Closing, "Kết thúc, chữ ký, nơi nhận"));
        out.nodes(report, profile, &refs, walk::annexes(report));
        out
    }

    /// Adds what the walk's nodes show. Only the blocks of a part or a section get an entry
    /// (those of the opening, a Phần, a point or an annex are held by their container's).
    fn nodes(
        &mut self,
        report: &Report,
        p: &FormatProfile,
        refs: &YearRefs,
        nodes: Vec<(String, Node<'_>)>,
    ) {
        let mut holder = None;
        for (path, node) in nodes {
            match node {
                Node::Block(b) => self.block(p, refs, &path, b, holder.map(|d| d + 1)),
                _ => holder = self.node(report, p, refs, path, node),
            }
        }
    }

    /// Adds the entry of a structural node; the depth of a part or section (whose blocks are
    /// listed below it), none for other nodes.
    fn node(
        &mut self,
        report: &Report,
        p: &FormatProfile,
        refs: &YearRefs,
        path: String,
        node: Node<'_>,
    ) -> Option<u32> {
        // Parts inside a Phần are one level down.
        let base = u32::from(path.contains(".parts["));
        let hs = &p.headings;
        let (kind, (number, title), depth) = match node {
            Node::Phan { n, phan } => (OutlineKind::Phan, phan_lines(hs, n, &phan.title, refs), 0),
            Node::Part { n, part } => {
                (OutlineKind::Part, heading_parts(&hs.part, &roman(n), &part.title, refs), base)
            }
            Node::Section { n, section } => {
                let h = &hs.section;
                (
                    OutlineKind::Section,
                    heading_parts(h, &n.to_string(), &section.title, refs),
                    base + 1,
                )
            }
            Node::Point { n, point } => {
                let untitled = "(đoạn mở bằng chữ cái)";
                let title = point.title.as_deref().filter(|t| !t.trim().is_empty());
                let (number, printed) =
                    heading_parts(&hs.point, &viet_letter(n), title.unwrap_or(untitled), refs);
                (
                    OutlineKind::Point,
                    (number, if title.is_some() { printed } else { untitled.into() }),
                    base + 2,
                )
            }
            Node::Annex { n, annex } => {
                let many = report.annexes.len() > 1;
                (OutlineKind::Annex, annex_lines(&p.annex, n, many, &annex.title, refs), 0)
            }
            Node::Block(_) | Node::Opening(_) | Node::Content(_) => return None,
        };
        let sep = if kind == OutlineKind::Phan || kind == OutlineKind::Annex { ": " } else { " " };
        let label = format!("{number}{sep}{title}");
        self.items.push(OutlineItem { path, kind, number, title, label, depth, movable: true });
        matches!(kind, OutlineKind::Part | OutlineKind::Section).then_some(depth)
    }

    /// Adds a block's table view or openers, and its outline entry at `depth` when it has one
    /// and its container lists it.
    fn block(
        &mut self,
        p: &FormatProfile,
        refs: &YearRefs,
        path: &str,
        b: &Block,
        depth: Option<u32>,
    ) {
        let numbers = number_style(p);
        let label = match b {
            Block::Lessons(l) => {
                let sep = p.blocks.ordinal_separator.trim_end();
                let items =
                    (1..=l.items.len()).map(|n| format!("{}{sep}", lesson_word(l, n))).collect();
                self.openers.push(Openers { path: path.to_string(), items, lead: None });
                Some(format!(
                    "Bài học kinh nghiệm ({})",
                    format_count(l.items.len() as u64, &numbers)
                ))
            }
            Block::SolutionGroups(g) => {
                let items = (1..=g.groups.len())
                    .map(|n| group_number(g, n, &p.blocks).trim_end().to_string())
                    .collect();
                let lead = Some(refs.apply(&solution_lead(g, &numbers)));
                self.openers.push(Openers { path: path.to_string(), items, lead });
                Some(format!("{} nhóm giải pháp", format_count(g.groups.len() as u64, &numbers)))
            }
            Block::Table(t) => {
                self.tables.push(table_view(t, p, refs, path));
                let caption = t
                    .title
                    .as_ref()
                    .map(|title| cased(&refs.apply(title), p.table.caption.text.case));
                Some(format!("Bảng: {}", caption.as_deref().unwrap_or("số liệu")))
            }
            Block::Proposals(_) => Some("Đề xuất, kiến nghị".to_string()),
            _ => None,
        };
        if let (Some(label), Some(depth)) = (label, depth) {
            self.items.push(OutlineItem {
                path: path.to_string(),
                kind: OutlineKind::Block,
                number: String::new(),
                title: label.clone(),
                label,
                depth,
                movable: true,
            });
        }
    }
}

/// A table's cells and totals row as [`tablefit::grid`] prints them (year references replaced),
/// without the header row and the STT column.
fn table_view(t: &StatTable, p: &FormatProfile, refs: &YearRefs, path: &str) -> TableView {
    let skip = usize::from(t.stt);
    let mut grid: Vec<Vec<String>> = tablefit::grid(t, p)
        .into_iter()
        .skip(1)
        .map(|row| row.into_iter().skip(skip).map(|c| refs.apply(&c.text)).collect())
        .collect();
    let totals = t.total_label.as_ref().and_then(|_| grid.pop());
    TableView { path: path.to_string(), rows: grid, totals }
}

/// The «Thể thức» field's choices for a report naming `profile` and dated `date`, and the note
/// under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProfileChoices {
    /// The choices: profile id and what the list says.
    pub options: Vec<ProfileOption>,
    /// What the form says under the field; none when there is nothing to say.
    pub note: Option<ProfileNote>,
}

/// One choice of the «Thể thức» field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProfileOption {
    /// The id the report names.
    pub id: String,
    /// The words shown.
    pub label: String,
}

/// The sentence under «Thể thức».
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProfileNote {
    /// The sentence shown.
    pub text: String,
    /// Whether the chosen guidance is not the one in force on the date (shown as a warning).
    pub outdated: bool,
}

/// The built-in profiles with their ids, the Party family's oldest first.
fn builtins() -> Vec<FormatProfile> {
    let mut all: Vec<FormatProfile> = FormatProfile::builtin_ids()
        .into_iter()
        .filter_map(|id| FormatProfile::builtin(id).ok())
        .collect();
    all.sort_by_key(|p| (p.applies.family != PARTY_AUTO, p.applies.from));
    all
}

/// The choices and the note for a report naming `profile` dated `date`: the Party family
/// following the date ([`resolve_id`], as rendering does), each Party guidance pinned, the other
/// built-in profiles, and the report's own id when it is none of these.
pub fn profile_choices(profile: &str, date: NaiveDate) -> ProfileChoices {
    let named = profile.trim();
    let all = builtins();
    let due_id = resolve_id(PARTY_AUTO, date);
    let party: Vec<&FormatProfile> =
        all.iter().filter(|p| p.applies.family == PARTY_AUTO).collect();
    let due = party.iter().find(|p| p.id == due_id).copied();
    let due_name = due.map_or(due_id.clone(), |p| p.applies.short_name.clone());
    let mut options = vec![ProfileOption {
        id: PARTY_AUTO.to_string(),
        label: format!("Văn bản của Đảng, theo ngày văn bản ({due_name})"),
    }];
    for p in &all {
        let label = if p.applies.family == PARTY_AUTO {
            format!("Văn bản của Đảng, luôn theo {}", p.applies.short_name)
        } else {
            p.name.clone()
        };
        options.push(ProfileOption { id: p.id.clone(), label });
    }
    if !options.iter().any(|o| o.id == named) {
        options.push(ProfileOption {
            id: named.to_string(),
            label: format!("Định dạng riêng «{named}»"),
        });
    }
    ProfileChoices { options, note: profile_note(named, date, &party, due) }
}

/// The note under «Thể thức»: the guidance applied and why; a warning when a Party guidance is
/// chosen against the date; none for other profiles.
fn profile_note(
    named: &str,
    date: NaiveDate,
    party: &[&FormatProfile],
    due: Option<&FormatProfile>,
) -> Option<ProfileNote> {
    let due = due?;
    let day = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let due_name = &due.applies.short_name;
    if named == PARTY_AUTO {
        let next = party.iter().find(|p| p.applies.from > due.applies.from);
        let why = match (next.and_then(|p| p.applies.from), due.applies.from) {
            (Some(from), _) => format!("văn bản ngày trước {}", day(from)),
            (None, Some(from)) => format!("văn bản ngày từ {}", day(from)),
            (None, None) => "văn bản mọi ngày".to_string(),
        };
        return Some(ProfileNote {
            text: format!("Áp dụng {due_name}: {why}."), outdated: false
        });
    }
    let chosen = party.iter().find(|p| p.id == named)?;
    let chosen_name = &chosen.applies.short_name;
    Some(if chosen.id == due.id {
        ProfileNote {
            text: format!("Áp dụng {chosen_name}, đúng với ngày văn bản."),
            outdated: false,
        }
    } else {
        ProfileNote {
            text: format!(
                "Văn bản ngày {} theo {due_name}, nhưng đang chọn {chosen_name}.",
                day(date)
            ),
            outdated: true,
        }
    })
}
