//! Finds the parts of an official report in the paragraphs and tables of a Word file: the
//! walk from the header through the body and the closing to the annexes, each part found by
//! its own module.

use std::sync::OnceLock;

use regex::Regex;

/// The regex in `cell`, compiled from `pattern` the first time it is needed.
fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid pattern"))
}

/// `regex!(pattern)`: a `&'static Regex` compiled once (defined before the modules below so
/// that they can use it).
macro_rules! regex {
    ($p:expr) => {{
        static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        $crate::import::recognise::re(&R, $p)
    }};
}

mod annexes;
mod assemble;
mod closing;
mod header;
mod outline;
mod paragraphs;
mod patterns;
mod state;
mod tables;

use chrono::NaiveDate;

use super::read::{RawDoc, RawItem};
use super::{Imported, Mark};
use annexes::after_closing;
use assemble::{assemble, Found};
use closing::{closing_block, closing_sentence_at, closing_start};
use header::{addressees, doc_type_and_subject, header_block};
use outline::body;
use state::State;

/// Finds the report in the document.
pub fn recognise(mut doc: RawDoc, today: NaiveDate) -> Imported {
    let mut st = State::new();
    compose(&mut doc);
    let items = carry_page_breaks(std::mem::take(&mut doc.items));

    // 1. The header: a table of bodies/number | national heading/date, or the same lines typed.
    let (mut header, mut i) = header_block(&items, &mut st);
    // Document type and subject.
    let (doc_type, subject) = doc_type_and_subject(&items, &mut i, &mut st);
    let addressees = addressees(&items, &mut i, &header, &mut st);

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
    let found = Found { header, doc_type, subject, addressees, sentence, closing, closing_at };
    assemble(&doc, today, found, &mut st)
}

/// The document's text in NFC: Word keeps what was typed, and some typists' tools write
/// «nhận» as «nhâ» + a combining dot below, which no pattern (nor the model) expects.
fn compose(doc: &mut RawDoc) {
    let fix = |s: &mut String| {
        if !unicode_normalization::is_nfc(s) {
            *s = crate::text::nfc(s);
        }
    };
    for item in &mut doc.items {
        match item {
            RawItem::Para(p) => fix(&mut p.text),
            RawItem::Table(t) => {
                for p in t.rows.iter_mut().flatten().flat_map(|c| c.paras.iter_mut()) {
                    fix(&mut p.text);
                }
            }
        }
    }
    doc.notes.iter_mut().for_each(fix);
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
