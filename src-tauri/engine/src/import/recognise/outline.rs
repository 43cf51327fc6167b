//! The body's outline: "Phần", I., 1. and a) headings, tables and the paragraphs between them.

use crate::import::read::{RawItem, RawPara};
use crate::import::Mark;
use crate::model::*;

use super::patterns::{
    emphasised, part_heading, phan_heading, point_heading, run_in_heading, section_heading,
};
use super::state::State;
use super::tables::{caption, stat_table};

/// Recognises the body items `items[*k..end]`.
pub(super) fn body(items: &[RawItem], k: &mut usize, end: usize, st: &mut State) {
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
