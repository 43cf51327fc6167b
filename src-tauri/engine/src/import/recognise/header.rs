//! The header: the bodies, number, place and date (in a table or typed as lines), the
//! document type and subject, and the report's header made from them.

use chrono::NaiveDate;

use crate::import::read::{RawDoc, RawItem, RawPara};
use crate::import::Mark;
use crate::model::*;
use crate::text::upper_first;

use super::patterns::{
    date_line, decoration, doc_type_line, emphasised, header_line, national, number_line,
};
use super::state::State;

/// The header at the start of the items, and the index of the first item after it.
pub(super) fn header_block(items: &[RawItem], st: &mut State) -> (HeaderFound, usize) {
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
pub(super) fn doc_type_and_subject(
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

/// A letter's subject line («V/v tập trung …»): what follows «V/v».
fn letter_subject(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let head = t.get(..3)?;
    (head.eq_ignore_ascii_case("v/v")).then(|| t[3..].trim())
}

/// «Kính gửi: …» or «Kính trình: …»: what follows the label on its line.
fn addressee_label(text: &str) -> Option<&str> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let label = ["kính gửi", "kính trình"].into_iter().find(|l| lower.starts_with(l))?;
    let rest = t[label.len()..].trim_start();
    Some(rest.strip_prefix(':').unwrap_or(rest).trim())
}

/// The addressees under the subject: «Kính gửi: A» on one line, or the label and «- A;» lines
/// under it; moves `i` past them.
pub(super) fn addressees(
    items: &[RawItem],
    i: &mut usize,
    header: &HeaderFound,
    st: &mut State,
) -> Vec<String> {
    let mut out = match &header.addressees {
        Some(found) => found.clone(),
        None => {
            let Some(RawItem::Para(p)) = items.get(*i) else { return Vec::new() };
            let Some(first) = addressee_label(&p.text) else { return Vec::new() };
            st.note(p, Mark::Header);
            *i += 1;
            first.split('\n').filter_map(addressee).collect()
        }
    };
    while let Some(RawItem::Para(p)) = items.get(*i) {
        let t = p.text.trim();
        if !t.starts_with(['-', '–']) || out.len() >= 12 {
            break;
        }
        out.extend(t.split('\n').filter_map(addressee));
        st.note(p, Mark::Header);
        *i += 1;
    }
    out
}

/// One addressee without its dash and ending («- Sở Y tế;» → «Sở Y tế»).
fn addressee(line: &str) -> Option<String> {
    let t = line.trim().trim_start_matches(['-', '–']).trim();
    let t = t.trim_end_matches([';', ',', '.']).trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// What the header gave.
#[derive(Default)]
pub(super) struct HeaderFound {
    profile: Option<&'static str>,
    /// Lines of the bodies (left column), with whether each is bold.
    bodies: Vec<(String, bool)>,
    number: Option<u32>,
    type_code: Option<String>,
    issuer_code: Option<String>,
    place: Option<String>,
    /// The date on the date line, when it could be read.
    pub(super) date: Option<NaiveDate>,
    /// The issuing body's full name, when an annex's reference line gave it.
    pub(super) full: Option<String>,
    numbered: bool,
    /// A letter's subject («V/v …» under the number), its lines.
    pub(super) letter_subject: Vec<String>,
    /// The addressees, when «Kính gửi:» was in the header.
    pub(super) addressees: Option<Vec<String>>,
}

impl HeaderFound {
    /// Something of a header was found: the national heading, a number or a date.
    pub(super) fn found(&self) -> bool {
        self.numbered || self.date.is_some() || self.profile.is_some()
    }

    /// Takes a line of the header, in the left column (the bodies) or not.
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
        } else if let Some(rest) = letter_subject(text) {
            self.letter_subject.push(rest.to_string());
            st.counts.header += 1;
            st.note(p, Mark::Subject);
        } else if let Some(first) = addressee_label(text) {
            // «Kính gửi:» typed in the header's table: the addressees follow it.
            self.addressees
                .get_or_insert_with(Vec::new)
                .extend(first.split('\n').filter_map(addressee));
            st.note(p, Mark::Header);
        } else if let Some(to) = self.addressees.as_mut().filter(|_| text.starts_with(['-', '–']))
        {
            to.extend(text.split('\n').filter_map(addressee));
            st.note(p, Mark::Header);
        } else if left && !self.letter_subject.is_empty() && self.numbered {
            // The lines of a letter's subject after its «V/v» line.
            self.letter_subject.push(text.to_string());
            st.note(p, Mark::Subject);
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

/// The report's header from what the header, document type and subject gave.
pub(super) fn report_header(
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
    // A letter: no type name, a «V/v» subject or a number without a type code.
    let letter = doc_type.is_none()
        && (!header.letter_subject.is_empty() || header.type_code.as_deref() == Some(""));
    let (doc_type, subject) = if letter {
        (String::new(), header.letter_subject.join(" "))
    } else {
        (doc_type.unwrap_or_else(|| "BÁO CÁO".into()), subject.join("\n"))
    };
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
        doc_type,
        subject,
        urgency: None,
        draft: None,
        not_public: false,
        addressees: Vec::new(),
    }
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
