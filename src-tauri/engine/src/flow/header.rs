//! Page 1's header table (bodies, national heading, number and date) and the title block
//! (document type, subject, separator).

use crate::model::Urgency;
use crate::profile::{Align, ParaStyle};
use crate::text::{date_parts, fill, upper};

use super::builder::{cased, centered, fixed, para, rule, simple, style, width_mm, FlowBuilder};
use super::types::{FBlock, FCell, FPara, FRow, FTable, Role, Span};

impl FlowBuilder<'_> {
    /// The two-column header table of page 1.
    pub(super) fn header_block(&mut self) {
        let h = &self.report.header;
        let hp = &self.p.header;
        let total = self.content_mm();
        let left_w = total * hp.left_width_percent / 100.0;
        let right_w = total - left_w;
        let cell_para = centered(hp.line_spacing);

        let mut left = Vec::new();
        if let Some(sup) = h.superior_body.as_deref().filter(|s| !s.trim().is_empty()) {
            let s = style(&hp.superior_body);
            let t = cased(sup, hp.superior_body.case);
            left.push(para(
                Role::SuperiorBody,
                vec![Span { text: t, style: s, note: None }],
                s,
                &cell_para,
            ));
        }
        let s = style(&hp.issuing_body);
        let issuer = cased(&h.issuing_body, hp.issuing_body.case);
        let issuer_w = width_mm(&issuer, &hp.issuing_body);
        left.push(para(
            Role::IssuingBody,
            vec![Span { text: issuer, style: s, note: None }],
            s,
            &cell_para,
        ));
        if let Some(mark) = &hp.issuer_mark {
            left.push(fixed(Role::IssuerMark, mark, &cell_para));
        }
        if let Some(r) = &hp.issuer_rule {
            left.push(rule(r, issuer_w, left_w));
        }

        let mut right = Vec::new();
        for line in &hp.national_lines {
            right.push(fixed(Role::National, line, &cell_para));
        }
        if let Some(last) = hp.national_lines.last() {
            let w = width_mm(&cased(&last.text, last.style.case), &last.style);
            right.push(rule(&hp.national_rule, w, right_w));
        }

        let mut row2 = cell_para.clone();
        row2.space_before_pt = hp.second_row_space_before_pt;
        let s = style(&hp.number_line);
        let number_line = fill(&hp.number_line_format, &[("code", &self.code())]);
        let number =
            para(Role::Number, vec![Span { text: number_line, style: s, note: None }], s, &row2);
        let mut left2 = vec![number];
        left2.extend(self.letter_subject(&cell_para));
        left2.extend(self.under_number(&cell_para));
        let (day, month, year) = date_parts(h.date, &self.date_style());
        let date_text = fill(
            &self.p.dates.header_format,
            &[("place", &h.place), ("day", &day), ("month", &month), ("year", &year)],
        );
        let s = style(&hp.date_line);
        let date =
            para(Role::DateLine, vec![Span { text: date_text, style: s, note: None }], s, &row2);

        self.blocks.push(FBlock::Table(FTable {
            widths_mm: vec![left_w, right_w],
            border_pt: None,
            padding_mm: 0.0,
            rows: vec![
                FRow {
                    cells: vec![
                        FCell { paras: left, v_center: false },
                        FCell { paras: right, v_center: false },
                    ],
                    repeat_header: false,
                    cant_split: true,
                },
                FRow {
                    cells: vec![
                        FCell { paras: left2, v_center: false },
                        FCell { paras: vec![date], v_center: false },
                    ],
                    repeat_header: false,
                    cant_split: true,
                },
            ],
        }));
    }

    /// The subject as printed: each chosen line trimmed, its references replaced.
    fn subject_text(&self) -> String {
        let lines: Vec<&str> = self.report.header.subject.split('\n').map(str::trim).collect();
        self.refs.apply(&lines.join("\n"))
    }

    /// A letter's subject under its number («V/v …»), where the profile lays letters out so.
    fn letter_subject(&self, cell: &ParaStyle) -> Option<FPara> {
        let h = &self.report.header;
        let l = self.p.letter.as_ref().filter(|_| h.is_letter())?;
        let s = style(&l.subject);
        let text = fill(&l.subject_format, &[("subject", &self.subject_text())]);
        let mut p = para(Role::Subject, vec![Span { text, style: s, note: None }], s, cell);
        p.anchor = Some("header".into());
        Some(p)
    }

    /// The urgency mark and the draft round under the number, where the report has them.
    fn under_number(&self, cell: &ParaStyle) -> Vec<FPara> {
        let h = &self.report.header;
        let Some(u) = &self.p.header.under_number else { return Vec::new() };
        let mut out = Vec::new();
        if let Some(level) = h.urgency {
            let words = match level {
                Urgency::Khan => &u.khan,
                Urgency::ThuongKhan => &u.thuong_khan,
                Urgency::HoaToc => &u.hoa_toc,
            };
            let s = style(&u.urgency);
            let text = cased(words, u.urgency.case);
            out.push(para(Role::Urgency, vec![Span { text, style: s, note: None }], s, cell));
        }
        if let Some(n) = h.draft {
            let s = style(&u.draft);
            let text = cased(&fill(&u.draft_format, &[("n", &n.to_string())]), u.draft.case);
            out.push(para(Role::DraftMark, vec![Span { text, style: s, note: None }], s, cell));
        }
        out
    }

    /// Document type, subject and the separator under it.
    pub(super) fn title_block(&mut self) {
        let h = &self.report.header;
        if h.is_letter() && self.p.letter.is_some() {
            // A letter's subject stands under its number; only the addressees come here.
            self.addressees();
            return;
        }
        let mut t = simple(Role::DocType, &h.doc_type, &self.p.doc_type);
        t.keep_next = true;
        t.anchor = Some("header".into());
        self.blocks.push(FBlock::Para(t));
        let sp = &self.p.subject;
        let mut subject = simple(Role::Subject, &self.subject_text(), &sp.style);
        subject.keep_next = true;
        let subject_w = width_mm(&subject.text(), &sp.style.text);
        self.blocks.push(FBlock::Para(subject));
        if let Some(sep) = &sp.separator_text {
            let s = style(&self.p.body.text);
            let mut p = para(
                Role::Separator,
                vec![Span { text: sep.clone(), style: s, note: None }],
                s,
                &centered(sp.style.para.line_spacing),
            );
            p.space_after_pt = sp.separator_space_after_pt;
            self.blocks.push(FBlock::Para(p));
        }
        if let Some(r) = &sp.separator_rule {
            let mut p = rule(r, subject_w, self.content_mm());
            p.space_after_pt = sp.separator_space_after_pt;
            self.blocks.push(FBlock::Para(p));
        }
        self.addressees();
    }

    /// «Kính gửi:» (or «Kính trình:» for a tờ trình) and the addressees: the label and the first
    /// on one line, each next one under the first, every one ended as the profile says.
    fn addressees(&mut self) {
        let h = &self.report.header;
        let names: Vec<&str> =
            h.addressees.iter().map(|a| a.trim()).filter(|a| !a.is_empty()).collect();
        let Some(a) = self.p.addressees.as_ref().filter(|_| !names.is_empty()) else { return };
        let submission = a.submission_types.iter().any(|t| t == &upper(h.doc_type.trim()));
        let label = format!("{}: ", if submission { &a.submission_label } else { &a.label });
        let s = style(&a.style);
        let label_w = width_mm(&label, &a.style);
        let many = names.len() > 1;
        for (i, name) in names.iter().enumerate() {
            let end = if i + 1 == names.len() { &a.last_end } else { &a.end };
            let prefix = if many { a.prefix.as_str() } else { "" };
            let mut spans = Vec::new();
            if i == 0 {
                spans.push(Span { text: label.clone(), style: s, note: None });
            }
            spans.push(Span { text: format!("{prefix}{name}{end}"), style: s, note: None });
            let mut p = para(Role::Addressee, spans, s, &self.p.body.para);
            (p.align, p.first_line_mm) = (Align::Left, 0.0);
            p.left_mm = a.indent_mm + if i == 0 { 0.0 } else { label_w };
            p.space_before_pt = if i == 0 { self.p.body.para.space_before_pt } else { 0.0 };
            p.keep_next = i + 1 < names.len();
            self.blocks.push(FBlock::Para(p));
        }
    }
}
