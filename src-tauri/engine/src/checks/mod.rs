//! The checks before export: format, content and spelling, each finding with its place (a field
//! path and a span in its text), a Vietnamese message and, where one is safe, a fix.
//!
//! Every finding is a [`Diagnostic`] (code, severity, place, message, fix), its place named in
//! words at the end ([`crate::diagnostic::name_places`]); [`blocking`] is the one answer to what
//! refuses an export, for the app, `baocao render` and the engine's `render_*`.
//!
//! - Structure and required fields ([`structure`]: its blocking findings block, its warnings warn).
//! - Wording and format rules are data: `templates/checks/rules.toml` ([`rules`]), with the
//!   settings that differ by profile there too.
//! - Rules that need the model are code: counts claimed in the text against the items present,
//!   ordinals typed by hand, figures against the annexes' tables, dates ([`content`]); header,
//!   signature and recipients ([`form`]); quotes, brackets, NFC, legacy encodings, one spelling
//!   per document ([`typo`]); spelling against the system's Hunspell dictionary ([`spell`]).
//!
//! Rules that read one text alone are remembered per text, so checking after a keystroke reads
//! again only the field that changed.

use crate::diagnostic::{codes, Diagnostic, Severity};
use crate::model::walk::{self, Node};
use crate::model::*;
use crate::profile::FormatProfile;

pub mod content;
pub mod fastre;
pub mod form;
pub mod rules;
pub mod spell;
pub mod structure;
pub mod typo;
pub mod words;

/// What kind of text a field holds, which decides the rules that read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Paragraphs, list lines, results, lessons, groups, proposals, the closing sentence.
    Prose,
    /// Headings, the subject, captions, column headers.
    Title,
    /// Names: bodies, place, signer, recipients, addressees.
    Name,
    /// A table's text cell.
    Cell,
}

/// One text the user typed, with its path.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// The field's path.
    pub path: String,
    /// Its text.
    pub text: &'a str,
    /// What it holds.
    pub kind: Kind,
}

/// Every text the user typed, in reading order, with its path and kind.
pub fn fields(report: &Report) -> Vec<Field<'_>> {
    let mut v: Vec<Field<'_>> = Vec::new();
    let h = &report.header;
    push(&mut v, "header.superior_body", h.superior_body.as_deref(), Kind::Name);
    push(&mut v, "header.issuing_body", Some(&h.issuing_body), Kind::Name);
    push(&mut v, "header.issuing_body_full", Some(&h.issuing_body_full), Kind::Name);
    push(&mut v, "header.place", Some(&h.place), Kind::Name);
    push(&mut v, "header.subject", Some(&h.subject), Kind::Title);
    for (path, node) in walk::body(report) {
        node_fields(&mut v, &path, node);
    }
    let c = &report.closing;
    push(&mut v, "closing.sentence", Some(&c.sentence), Kind::Prose);
    if let Some(a) = &c.authority {
        push(&mut v, "closing.authority.of", Some(&a.of), Kind::Name);
    }
    push(&mut v, "closing.signer_title", Some(&c.signer_title), Kind::Name);
    push(&mut v, "closing.signer_name", Some(&c.signer_name), Kind::Name);
    for (i, r) in c.recipients.iter().enumerate() {
        v.push(Field { path: format!("closing.recipients[{i}]"), text: r, kind: Kind::Name });
    }
    push(&mut v, "closing.archive", Some(&c.archive), Kind::Name);
    for (path, node) in walk::annexes(report) {
        node_fields(&mut v, &path, node);
    }
    for (i, n) in report.footnotes.iter().enumerate() {
        v.push(Field { path: format!("footnotes[{i}].text"), text: &n.text, kind: Kind::Prose });
    }
    v
}

fn push<'a>(v: &mut Vec<Field<'a>>, path: &str, text: Option<&'a str>, kind: Kind) {
    if let Some(text) = text {
        v.push(Field { path: path.to_string(), text, kind });
    }
}

fn list<'a>(v: &mut Vec<Field<'a>>, path: &str, key: &str, items: &'a [String], kind: Kind) {
    for (i, t) in items.iter().enumerate() {
        v.push(Field { path: format!("{path}.{key}[{i}]"), text: t, kind });
    }
}

fn node_fields<'a>(v: &mut Vec<Field<'a>>, path: &str, node: Node<'a>) {
    let title = |v: &mut Vec<Field<'a>>, t: &'a str| {
        v.push(Field { path: format!("{path}.title"), text: t, kind: Kind::Title })
    };
    match node {
        Node::Opening(_) | Node::Content(_) => {}
        Node::Phan { phan, .. } => title(v, &phan.title),
        Node::Part { part, .. } => title(v, &part.title),
        Node::Section { section, .. } => title(v, &section.title),
        Node::Point { point, .. } => {
            if let Some(t) = &point.title {
                title(v, t)
            }
        }
        Node::Annex { annex, .. } => title(v, &annex.title),
        Node::Block(b) => block_fields(v, path, b),
    }
}

fn block_fields<'a>(v: &mut Vec<Field<'a>>, path: &str, b: &'a Block) {
    let intro = |v: &mut Vec<Field<'a>>, t: &'a Option<String>| {
        push(v, &format!("{path}.intro"), t.as_deref(), Kind::Prose)
    };
    match b {
        Block::Paragraph(p) => push(v, &format!("{path}.text"), Some(&p.text), Kind::Prose),
        Block::Lines(l) => list(v, path, "items", &l.items, Kind::Prose),
        Block::Results(r) => {
            intro(v, &r.intro);
            for (i, it) in r.items.iter().enumerate() {
                push(v, &format!("{path}.items[{i}].text"), Some(&it.text), Kind::Prose);
            }
        }
        Block::Shortcomings(s) => {
            intro(v, &s.intro);
            list(v, path, "items", &s.items, Kind::Prose);
        }
        Block::Causes(c) => {
            intro(v, &c.intro);
            list(v, path, "objective", &c.objective, Kind::Prose);
            list(v, path, "subjective", &c.subjective, Kind::Prose);
        }
        Block::Lessons(l) => {
            intro(v, &l.intro);
            list(v, path, "items", &l.items, Kind::Prose);
        }
        Block::SolutionGroups(g) => {
            push(v, &format!("{path}.lead"), Some(&g.lead), Kind::Prose);
            for (i, grp) in g.groups.iter().enumerate() {
                let gp = format!("{path}.groups[{i}]");
                push(v, &format!("{gp}.title"), Some(&grp.title), Kind::Prose);
                list(v, &gp, "items", &grp.items, Kind::Prose);
            }
        }
        Block::Proposals(p) => {
            intro(v, &p.intro);
            for (i, it) in p.items.iter().enumerate() {
                let ip = format!("{path}.items[{i}]");
                push(v, &format!("{ip}.addressee"), Some(&it.addressee), Kind::Name);
                push(v, &format!("{ip}.text"), Some(&it.text), Kind::Prose);
            }
        }
        Block::Table(t) => {
            push(v, &format!("{path}.title"), t.title.as_deref(), Kind::Title);
            push(v, &format!("{path}.unit"), t.unit.as_deref(), Kind::Title);
            for (i, c) in t.columns.iter().enumerate() {
                push(v, &format!("{path}.columns[{i}].header"), Some(&c.header), Kind::Title);
            }
            push(v, &format!("{path}.total_label"), t.total_label.as_deref(), Kind::Title);
            for (r, row) in t.rows.iter().enumerate() {
                for (i, cell) in row.iter().enumerate() {
                    if let Cell::Text(s) = cell {
                        v.push(Field {
                            path: format!("{path}.rows[{r}][{i}]"),
                            text: s,
                            kind: Kind::Cell,
                        });
                    }
                }
            }
        }
    }
}

/// What the checks read besides the report: the profile, the rules, the dictionary.
pub struct Context<'a> {
    /// The report's format profile.
    pub profile: &'a FormatProfile,
    /// The rules (`templates/checks/rules.toml`).
    pub rules: &'a rules::Rules,
    /// The spelling dictionary; none while it loads or when the system has none.
    pub speller: Option<&'a spell::Speller>,
    /// The least severity asked for: rules that can only say less are not run.
    pub min: Severity,
}

impl Context<'_> {
    /// Whether findings of `level` are asked for.
    pub fn wants(&self, level: Severity) -> bool {
        level >= self.min
    }
}

/// Every finding of the report under `profile`, in reading order of their fields, with the
/// spelling dictionary if it has loaded ([`spell::global`]), each place named in words.
pub fn check(report: &Report, profile: &FormatProfile) -> Vec<Diagnostic> {
    check_at_least(report, profile, Severity::Suggestion)
}

/// What blocks an export, one answer for the app («Kiểm tra trước khi xuất»), `baocao render`
/// and the engine's `render_*`: the checks' blocking findings (the structure group's among them),
/// found without running the rules that can only warn or suggest.
pub fn blocking(report: &Report, profile: &FormatProfile) -> Vec<Diagnostic> {
    check_at_least(report, profile, Severity::Blocking)
}

/// What an export reports: [`blocking`]'s findings, then the structure group's warnings (a
/// character the font lacks, a subject that wraps, figures still to fill…); the wording,
/// content and spelling advice is [`check`]'s («Kiểm tra» in the app, `baocao check`).
pub fn for_export(report: &Report, profile: &FormatProfile) -> Vec<Diagnostic> {
    let cx = Context {
        profile,
        rules: rules::builtin(),
        speller: spell::global(),
        min: Severity::Blocking,
    };
    let structure = structure::check(report, profile);
    let mut warnings: Vec<Diagnostic> = structure
        .iter()
        .filter(|p| p.severity == Severity::Warning && !said_elsewhere(p))
        .cloned()
        .collect();
    let mut out = groups(report, &cx, structure);
    crate::diagnostic::name_places(report, &mut warnings);
    out.extend(warnings);
    out
}

/// Parses the rules and compiles the patterns an export's checks need (once per process), by
/// checking the built-in sample: a command runs it while it reads the report.
pub fn warm_up() {
    let report = crate::sample::sample();
    if let Ok(profile) = crate::profile_for(&report) {
        let _ = blocking(&report, &profile);
    }
}

/// A structure finding the checks' own rules say with a place in the text and a fix.
fn said_elsewhere(p: &Diagnostic) -> bool {
    [codes::LEGACY_ENCODING, codes::TYPED_ENDING].contains(&p.code.as_str())
}

/// The findings of `min` severity or more.
fn check_at_least(report: &Report, profile: &FormatProfile, min: Severity) -> Vec<Diagnostic> {
    let speller = spell::global();
    check_with(report, &Context { profile, rules: rules::builtin(), speller, min })
}

/// Spelling against the dictionary (suggestions and warnings only), or the note that the system
/// has none.
fn spelling(fields: &[Field], cx: &Context, out: &mut Vec<Diagnostic>) {
    if !cx.wants(Severity::Warning) {
        return;
    }
    if let Some(speller) = cx.speller {
        for f in fields {
            out.extend(speller.check_field(f, cx));
        }
    } else if spell::state() == spell::State::Missing {
        let message = crate::platform::missing_dictionary_message(cfg!(windows));
        out.push(Diagnostic::new(codes::SPELLING, Severity::Suggestion, message));
    }
}

/// [`check`] with a given context: the findings of `cx.min` severity or more.
pub fn check_with(report: &Report, cx: &Context) -> Vec<Diagnostic> {
    groups(report, cx, structure::check(report, cx.profile))
}

/// The groups' findings of `cx.min` severity or more, after the structure group's (already
/// run), sorted in reading order and named. The per-text rules (typing and spelling) run on a
/// second thread: they need nothing the other groups find.
fn groups(report: &Report, cx: &Context, structure: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = structure.into_iter().filter(|p| !said_elsewhere(p)).collect();
    let fields = fields(report);
    let per_text = std::thread::scope(|scope| {
        let per_text = scope.spawn(|| {
            let mut found = Vec::new();
            typo::check(&fields, cx, &mut found);
            spelling(&fields, cx, &mut found);
            found
        });
        form::check(report, cx, &mut out);
        content::check(report, &fields, cx, &mut out);
        per_text.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    out.extend(per_text);
    out.retain(|d| cx.wants(d.severity));
    let order: std::collections::HashMap<&str, usize> =
        fields.iter().enumerate().map(|(i, f)| (f.path.as_str(), i)).collect();
    out.sort_by_key(|f| {
        (
            std::cmp::Reverse(f.severity),
            order.get(f.path.as_str()).copied().unwrap_or(usize::MAX),
            f.span.map_or(0, |s| s[0]),
        )
    });
    out.dedup();
    crate::diagnostic::name_places(report, &mut out);
    out
}

/// The UTF-16 span of the bytes `start..end` of `text`.
pub fn span16(text: &str, start: usize, end: usize) -> [u32; 2] {
    let a = text[..start].encode_utf16().count();
    let b = a + text[start..end].encode_utf16().count();
    [a as u32, b as u32]
}

/// The byte range of a UTF-16 span of `text`; none if it does not fall on characters.
pub fn byte_range(text: &str, span: [u32; 2]) -> Option<(usize, usize)> {
    let (mut units, mut start, mut end) = (0u32, None, None);
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), '\0'))) {
        if units == span[0] && start.is_none() {
            start = Some(i);
        }
        if units == span[1] {
            end = Some(i);
            break;
        }
        units += c.len_utf16() as u32;
    }
    Some((start?, end?))
}

/// The text of a field of the report, by its path; none for a path that is not a text.
pub fn text_at<'a>(report: &'a Report, path: &str) -> Option<&'a str> {
    fields(report).into_iter().find(|f| f.path == path).map(|f| f.text).or(match path {
        "header.type_code" => Some(report.header.type_code.as_str()),
        "header.issuer_code" => Some(report.header.issuer_code.as_str()),
        _ => None,
    })
}

/// The report with a finding's fix applied; none when the finding has no fix or the field has
/// changed since (its span no longer holds what was found).
pub fn apply_fix(report: &Report, finding: &Diagnostic) -> Option<Report> {
    let fix = finding.fix.as_ref()?;
    let old = text_at(report, &finding.path)?;
    let new = match finding.span {
        Some(span) => {
            let (a, b) = byte_range(old, span)?;
            format!("{}{fix}{}", &old[..a], &old[b..])
        }
        None => fix.clone(),
    };
    with_text(report, &finding.path, new)
}

/// The report with the text field at `path` set to `text`; none when `path` names no field.
pub(crate) fn with_text(report: &Report, path: &str, text: String) -> Option<Report> {
    with_texts(report, [(path, text)])
}

/// The report with each `(path, text)` set (one pass over the report); none when a path names
/// no field.
pub(crate) fn with_texts<'p>(
    report: &Report,
    edits: impl IntoIterator<Item = (&'p str, String)>,
) -> Option<Report> {
    let mut value = serde_json::to_value(report).ok()?;
    for (path, text) in edits {
        *pointer_mut(&mut value, path)? = serde_json::Value::String(text);
    }
    serde_json::from_value(value).ok()
}

/// The report without the array elements at `paths` (`body.content[0].sections[1].blocks[2]`);
/// none when a path names no element.
pub(crate) fn without(report: &Report, paths: &[String]) -> Option<Report> {
    let mut at: Vec<(&str, usize)> = paths
        .iter()
        .map(|p| {
            let open = p.rfind('[')?;
            let index = p[open + 1..].strip_suffix(']')?.parse().ok()?;
            Some((&p[..open], index))
        })
        .collect::<Option<_>>()?;
    // Later elements first, so that the earlier paths still hold.
    at.sort_by(|a, b| b.cmp(a));
    at.dedup();
    let mut value = serde_json::to_value(report).ok()?;
    for (parent, index) in at {
        let list = pointer_mut(&mut value, parent)?.as_array_mut()?;
        (index < list.len()).then(|| list.remove(index))?;
    }
    serde_json::from_value(value).ok()
}

/// The JSON value at a report path (`body.content[1].title`).
fn pointer_mut<'a>(v: &'a mut serde_json::Value, path: &str) -> Option<&'a mut serde_json::Value> {
    let mut cur = v;
    for seg in path.split('.') {
        let (key, idx) = match seg.find('[') {
            Some(i) => (&seg[..i], &seg[i..]),
            None => (seg, ""),
        };
        if !key.is_empty() {
            cur = cur.get_mut(key)?;
        }
        for n in idx.split('[').filter(|s| !s.is_empty()) {
            let n: usize = n.trim_end_matches(']').parse().ok()?;
            cur = cur.get_mut(n)?;
        }
    }
    Some(cur)
}
