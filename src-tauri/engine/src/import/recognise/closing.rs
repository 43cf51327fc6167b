//! The closing: where it starts, the closing sentence's place, and the signature, recipients
//! and archive line.

use crate::import::read::{RawItem, RawPara};
use crate::import::Mark;
use crate::model::*;

use super::patterns::{
    annex_start, archive, authority, closing_sentence, list_line, recipient, recipients_label,
    request_sentence,
};
use super::state::State;

/// Where the closing starts, from `items[i]` on, if the document has one.
pub(super) fn closing_start(items: &[RawItem], i: usize) -> Option<usize> {
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
pub(super) fn closing_sentence_at(
    items: &[RawItem],
    i: usize,
    body_end: usize,
    closing_at: Option<usize>,
) -> Option<usize> {
    let at = |test: fn(&str) -> bool| {
        items[i..body_end]
            .iter()
            .rposition(|it| matches!(it, RawItem::Para(p) if test(&p.text)))
            .map(|k| k + i)
    };
    at(closing_sentence)
        .filter(|k| body_end - k <= 3 || closing_at.is_some())
        // A submission or a letter ends with its request, among its last lines.
        .or_else(|| at(request_sentence).filter(|k| body_end - k <= 3))
}

/// The signature and recipients, and the index of the first item after them.
pub(super) fn closing_block(
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
                RawItem::Para(p) if p.text.contains('\t') => closing.tabbed(p, st),
                RawItem::Para(p) => closing.line(p, usize::from(p.center || p.right), st),
            }
            k += 1;
        }
        st.counts.closing += closing.count();
    }
    (closing, k)
}

/// What the closing gave.
#[derive(Default)]
pub(super) struct ClosingFound {
    /// The signing authority ("TM.", "KT."…).
    pub(super) authority: Option<Authority>,
    /// The signer's title.
    pub(super) title: Option<String>,
    /// The signer's name.
    pub(super) name: Option<String>,
    /// The recipients, in order.
    pub(super) recipients: Vec<String>,
    /// The archive line's text ("Lưu …").
    pub(super) archive: Option<String>,
    /// The recipients are being read.
    in_recipients: bool,
}

impl ClosingFound {
    /// How many of its parts were found.
    fn count(&self) -> u32 {
        u32::from(self.authority.is_some())
            + u32::from(self.title.is_some())
            + u32::from(self.name.is_some())
            + self.recipients.len() as u32
            + u32::from(self.archive.is_some())
    }

    /// Takes a closing line laid out with tabs («Nơi nhận:⇥⇥KT. CHỦ TỊCH»): what stands before
    /// the tabs is the recipients' column, what follows them the signature's; a line that
    /// starts with tabs is all signature.
    fn tabbed(&mut self, p: &RawPara, st: &mut State) {
        let left = !p.text.trim_start_matches(' ').starts_with('\t');
        let parts = p.text.split('\t').map(str::trim).filter(|t| !t.is_empty());
        for (k, part) in parts.enumerate() {
            let q = RawPara { text: part.to_string(), ..p.clone() };
            self.line(&q, usize::from(k > 0 || !left), st);
        }
    }

    /// Takes a line of the closing, in column `col` (0: the recipients' column).
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
            } else if let Some(a) = authority(line).filter(|_| self.authority.is_none()) {
                // «TM.»/«KT.» also ends the recipients: a signature table nested in the
                // closing's left cell comes after them in the same column.
                self.in_recipients = false;
                self.authority = Some(a);
                st.note(&q, Mark::Signature);
            } else if col == 0 && (self.in_recipients || list_line(line).is_some()) {
                let bare = recipient(line);
                if let Some(a) = archive(&bare) {
                    self.archive = Some(a);
                    // The archive line is the last of the recipients.
                    self.in_recipients = false;
                    st.note(&q, Mark::Archive);
                } else {
                    self.recipients.push(bare);
                    st.note(&q, Mark::Recipient);
                }
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
