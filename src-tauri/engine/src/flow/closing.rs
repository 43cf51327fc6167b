//! The end of the document: closing sentence, the signature and recipients table, and the
//! annexes with their label, title and reference lines.

use crate::model::walk::{self, Node};
use crate::model::AuthorityKind;
use crate::profile::{Align, AnnexProfile, LineSpacing, NoticePosition, ParaStyle};
use crate::text::{date_parts, fill, upper_first};
use crate::units::mm_to_pt;

use super::builder::{cased, centered, para, simple, style, FlowBuilder};
use super::figures::YearRefs;
use super::types::{FBlock, FCell, FPara, FRow, FTable, Role, Span, SpanStyle};

impl FlowBuilder<'_> {
    /// The closing sentence and the signature and recipients table.
    pub(super) fn closing(&mut self) {
        let c = &self.report.closing;
        let cp = &self.p.closing;
        let mut sentence = c.sentence.trim().to_string();
        // A document without a closing sentence (a submission, a plan) ends with its body.
        let has_sentence = !sentence.is_empty();
        if has_sentence {
            if !cp.end_mark.is_empty() && !sentence.ends_with(&cp.end_mark) {
                sentence.push_str(&cp.end_mark);
            }
            let mut p =
                self.body_para(Role::ClosingSentence, self.noted(&sentence, self.body_style()));
            p.keep_next = true;
            p.anchor = Some("closing".into());
            self.push(p);
        }

        let total = self.content_mm();
        let left_w = total * cp.left_width_percent / 100.0;
        let cell = centered(cp.line_spacing);
        let mut left_para = cell.clone();
        left_para.align = Align::Left;
        let mut right = self.signature_cell(&cell);
        let mut left = self.recipients_cell(&left_para);
        // Space between the sentence and the block goes on the first line of each cell.
        for cell in [&mut left, &mut right] {
            if let Some(first) = cell.first_mut() {
                first.space_before_pt = cp.space_before_pt;
            }
        }
        for p in left.iter_mut().chain(right.iter_mut()) {
            p.keep_next = true;
        }
        if !has_sentence {
            if let Some(first) = right.first_mut() {
                first.anchor = Some("closing".into());
            }
        }
        self.blocks.push(FBlock::Table(FTable {
            widths_mm: vec![left_w, total - left_w],
            border_pt: None,
            padding_mm: 0.0,
            rows: vec![FRow {
                cells: vec![
                    FCell { paras: left, v_center: false },
                    FCell { paras: right, v_center: false },
                ],
                repeat_header: false,
                cant_split: true,
            }],
        }));
        self.not_public();
    }

    /// The right cell: authority, title, the room for signature and seal, the name.
    fn signature_cell(&self, cell: &ParaStyle) -> Vec<FPara> {
        let c = &self.report.closing;
        let cp = &self.p.closing;
        let mut right = Vec::new();
        if let Some(a) = &c.authority {
            let prefix = match a.kind {
                AuthorityKind::Tm => cp.tm_prefix.clone(),
                AuthorityKind::Kt => cp.kt_prefix.clone(),
                AuthorityKind::Tl => cp.tl_prefix.clone(),
                AuthorityKind::Q => cp.q_prefix.clone(),
                AuthorityKind::Tuq => cp.tuq_prefix.clone().unwrap_or_default(),
            };
            let text = cased(&format!("{prefix} {}", a.of.trim()), cp.authority.case);
            let s = style(&cp.authority);
            right.push(para(Role::Authority, vec![Span { text, style: s, note: None }], s, cell));
        }
        let mut ts = style(&cp.title);
        if c.authority.is_none() && cp.title_alone_bold {
            ts.bold = true;
        }
        let title = cased(c.signer_title.trim(), cp.title.case);
        right.push(para(
            Role::SignerTitle,
            vec![Span { text: title, style: ts, note: None }],
            ts,
            cell,
        ));
        let ns = style(&cp.name);
        for _ in 0..cp.signature_blank_lines {
            right.push(para(Role::SignatureSpace, vec![], ns, cell));
        }
        let name = cased(c.signer_name.trim(), cp.name.case);
        right.push(para(
            Role::SignerName,
            vec![Span { text: name, style: ns, note: None }],
            ns,
            cell,
        ));
        right
    }

    /// The left cell: «Nơi nhận:», «Như trên» when the document has addressees, the recipients,
    /// the «Lưu» line and the drafter's code.
    fn recipients_cell(&self, left_para: &ParaStyle) -> Vec<FPara> {
        let c = &self.report.closing;
        let cp = &self.p.closing;
        let mut left = Vec::new();
        let ls = style(&cp.recipients_label_style);
        let colon_style =
            if cp.colon_underlined { ls } else { SpanStyle { underline: false, ..ls } };
        left.push(para(
            Role::RecipientsLabel,
            vec![
                Span { text: cp.recipients_label.clone(), style: ls, note: None },
                Span { text: ":".into(), style: colon_style, note: None },
            ],
            ls,
            left_para,
        ));
        let rs = style(&cp.recipient);
        let first = self.p.addressees.as_ref().map(|a| a.first_recipient.as_str()).filter(|f| {
            !f.is_empty()
                && self.report.header.addressees.iter().any(|a| !a.trim().is_empty())
                && !c.recipients.iter().any(|r| r.trim() == *f)
        });
        for r in first.into_iter().chain(c.recipients.iter().map(String::as_str)) {
            let text = format!("{}{}{}", cp.recipient_prefix, r.trim(), cp.recipient_end);
            left.push(para(
                Role::Recipient,
                vec![Span { text, style: rs, note: None }],
                rs,
                left_para,
            ));
        }
        let archive = format!(
            "{}{}",
            cp.recipient_prefix,
            fill(&cp.archive_format, &[("archive", c.archive.trim())])
        );
        left.push(para(
            Role::Recipient,
            vec![Span { text: archive, style: rs, note: None }],
            rs,
            left_para,
        ));
        let drafter = c.drafter.as_deref().map(str::trim).filter(|d| !d.is_empty());
        if let (Some(d), Some(dp)) = (drafter, &cp.drafter) {
            let s = style(&dp.style);
            let text = cased(&fill(&dp.format, &[("drafter", d)]), dp.style.case);
            left.push(para(Role::Drafter, vec![Span { text, style: s, note: None }], s, left_para));
        }
        left
    }

    /// The notice «Không phổ biến…» after the signature block, where the report asks for it
    /// and the profile places it.
    fn not_public(&mut self) {
        let Some(n) = self.p.not_public_notice.as_ref().filter(|_| self.report.header.not_public)
        else {
            return;
        };
        let s = style(&n.style);
        let text = cased(&n.text, n.style.case);
        let mut p = para(
            Role::NotPublic,
            vec![Span { text, style: s, note: None }],
            s,
            &centered(self.p.closing.line_spacing),
        );
        match n.position {
            NoticePosition::LastPageBottom => p.pin_bottom_mm = Some(n.distance_mm),
            NoticePosition::AfterSignature => p.space_before_pt = mm_to_pt(n.distance_mm),
        }
        self.blocks.push(FBlock::Para(p));
    }

    /// The empty paragraph closing a page-numbering section: as small as a paragraph can be.
    fn section_end(&mut self) {
        let mark = SpanStyle { size_pt: 1.0, bold: false, italic: false, underline: false };
        let line = LineSpacing::Exact(1.0);
        self.blocks.push(FBlock::Para(para(Role::SectionEnd, vec![], mark, &centered(line))));
    }

    /// Each annex: label, title, reference line, then its blocks.
    pub(super) fn annexes(&mut self) {
        let ap = &self.p.annex;
        let many = self.report.annexes.len() > 1;
        let h = &self.report.header;
        let (day, month, year) = date_parts(h.date, &self.date_style());
        let date = fill(
            &self.p.dates.citation_format,
            &[("day", &day), ("month", &month), ("year", &year)],
        );
        let doc_type = upper_first(&h.doc_type.to_lowercase());
        let reference = fill(
            &ap.reference_format,
            &[
                ("doc_type", &doc_type),
                ("code", &self.code()),
                ("date", &date),
                ("issuer", h.issuing_body_full.trim()),
            ],
        );
        for (path, node) in walk::annexes(self.report) {
            match node {
                Node::Annex { n, annex } => {
                    let (label, title) = annex_lines(ap, n, many, &annex.title, &self.refs);
                    if ap.own_page_numbers {
                        self.section_end();
                    }
                    let mut l = simple(Role::AnnexLabel, &label, &ap.label_style);
                    l.page_break_before = ap.new_page || ap.own_page_numbers;
                    l.anchor = Some(path);
                    l.keep_next = true;
                    let mut t = simple(Role::AnnexTitle, &title, &ap.title_style);
                    t.keep_next = true;
                    let mut r = simple(Role::AnnexReference, &reference, &ap.reference_style);
                    r.keep_next = true;
                    self.push(l);
                    self.push(t);
                    self.push(r);
                }
                Node::Block(b) => self.block(b, None, &path),
                _ => {}
            }
        }
    }
}

/// An annex's label line ("PHỤ LỤC 2"; "PHỤ LỤC" when it is the only one) and title line as
/// printed (year references replaced, then each line's letter case); `n` counts from 1.
pub(crate) fn annex_lines(
    ap: &AnnexProfile,
    n: usize,
    many: bool,
    title: &str,
    refs: &YearRefs,
) -> (String, String) {
    let label = if many {
        fill(&ap.numbered_label_format, &[("n", &n.to_string())])
    } else {
        ap.label.clone()
    };
    (
        cased(&label, ap.label_style.text.case),
        cased(&refs.apply(title.trim()), ap.title_style.text.case),
    )
}
