//! The annexes after the closing: their labels and titles, and what they hold.

use crate::diagnostic::{codes, Diagnostic};
use crate::import::read::{RawItem, RawPara};
use crate::import::Mark;
use crate::model::*;

use super::header::HeaderFound;
use super::outline::body;
use super::patterns::{annex_label, annex_reference, annex_start, reference_issuer};
use super::state::{Open, State};

/// Recognises the annexes, and anything else, from `items[k]` to the end.
pub(super) fn after_closing(
    items: &[RawItem],
    mut k: usize,
    header: &mut HeaderFound,
    st: &mut State,
) {
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
