//! The structure group of the checks: the report against the model's rules and the profile
//! (required fields, values, shapes, blanks «…» left from a template, figures to update,
//! characters the font lacks), every diagnostic at once, each with its field path and a
//! Vietnamese message. [`super::check`] runs it with the other groups.

use std::collections::BTreeSet;

use crate::diagnostic::{codes, Diagnostic};
use crate::flow::{figure_words, parse_figures, Piece};
use crate::legacy::{self, Legacy};
use crate::memo::TextMemo;
use crate::metrics::{missing_glyphs, text_width_pt};
use crate::model::walk::{self, Node};
use crate::model::*;
use crate::profile::{Case, FormatProfile, TextStyle};
use crate::text::{describe_char, upper};
use crate::units::pt_to_mm;

struct Checker<'a> {
    problems: Vec<Diagnostic>,
    profile: &'a FormatProfile,
    /// The report's year references, to name columns as printed («Năm [từ năm]» → «Năm 2016»).
    refs: crate::flow::YearRefs,
    /// Whether the body opens with text (a document may be only that).
    has_opening: bool,
}

impl Checker<'_> {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.error_as(codes::STRUCTURE, path, message);
    }

    /// A list block (results, shortcomings, causes, lessons, groups…) with nothing in it.
    fn empty_block(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.error_as(codes::EMPTY_BLOCK, path, message);
    }

    /// A blocking finding of a kind callers tell apart (`code`).
    fn error_as(
        &mut self,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        let message = crate::text::upper_first(&message.into());
        self.problems.push(Diagnostic::blocking(code, message).at(path));
    }

    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.warn_as(codes::STRUCTURE, path, message);
    }

    /// A warning of a kind callers tell apart (`code`).
    fn warn_as(&mut self, code: &'static str, path: impl Into<String>, message: impl Into<String>) {
        let message = crate::text::upper_first(&message.into());
        self.problems.push(Diagnostic::warning(code, message).at(path));
    }

    fn required(&mut self, path: &str, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.error_as(codes::REQUIRED, path, format!("{what} không được để trống."));
        } else {
            self.glyphs(path, value);
        }
    }

    fn glyphs(&mut self, path: &str, value: &str) {
        // Templates leave «…» where a unit's own figure, name, number or date goes.
        if value.contains('…') {
            self.warn_as(
                codes::BLANK,
                path,
                format!(
                    "{BLANK_WARNING}: thay bằng số liệu, tên, số hoặc ngày của đơn vị (hoặc xóa \
                     nếu không dùng)."
                ),
            );
        }
        let TextFindings { missing, legacy } = text_findings(value);
        if !missing.is_empty() {
            let list: Vec<String> =
                missing.iter().map(|c| format!("«{c}» ({})", describe_char(*c))).collect();
            self.warn_as(
                codes::MISSING_GLYPH,
                path,
                format!(
                    "có ký tự phông chữ Times New Roman (Liberation Serif) không có: {}; \
                     bản PDF in ký tự này thành ô vuông «□», tệp Word giữ nguyên ký tự \
                     (Word chỉ hiện được nếu máy có phông chứa nó).",
                    list.join(", ")
                ),
            );
        }
        if let Some(enc) = legacy {
            let shown: String = value.chars().take(40).collect();
            let more = if value.chars().count() > 40 { "…" } else { "" };
            self.warn_as(
                codes::LEGACY_ENCODING,
                path,
                format!(
                    "văn bản «{shown}{more}» có vẻ được gõ bằng bảng mã cũ {} chứ không phải \
                     Unicode: bản in sẽ thành chữ lạ. Hãy chuyển mã sang Unicode (ví dụ bằng \
                     chức năng chuyển mã của Unikey) rồi dán lại.",
                    enc.name()
                ),
            );
        }
    }
}

/// The start of the warning about a blank «…» left in a text (code [`codes::BLANK`]).
const BLANK_WARNING: &str = "còn chỗ trống «…» chưa điền";

/// What the character checks found in one text.
#[derive(Clone)]
struct TextFindings {
    /// Characters the bundled font lacks.
    missing: Vec<char>,
    /// The legacy encoding the text appears typed in.
    legacy: Option<Legacy>,
}

/// Texts shorter than this are checked each time (cheaper than keeping them).
const MEMO_MIN_LEN: usize = 32;
/// The memo is emptied when the texts it keeps pass this many bytes.
const MEMO_MAX_BYTES: usize = 16 << 20;

/// The character checks of `value`, remembered per text: validating after an edit (each
/// keystroke in the app, then the export) checks only the texts that changed.
fn text_findings(value: &str) -> TextFindings {
    static MEMO: TextMemo<TextFindings> = TextMemo::new(MEMO_MAX_BYTES);
    let check = || TextFindings { missing: missing_glyphs(value), legacy: legacy::detect(value) };
    if value.len() < MEMO_MIN_LEN {
        return check();
    }
    MEMO.get("", value, check)
}

/// One warning for the items of a list that start with an ordinal the user typed: the engine
/// writes «Một là, …» by position and drops the typed one.
fn typed_ordinals<'a>(
    c: &mut Checker,
    path: &str,
    items: impl Iterator<Item = &'a str>,
    what: &str,
) {
    let typed: Vec<String> = items
        .enumerate()
        .filter_map(|(i, t)| {
            let rest = crate::text::strip_typed_ordinal(t)?;
            let opener = t.trim_start()[..t.trim_start().len() - rest.len()].trim_end();
            Some(format!("{} («{opener}»)", i + 1))
        })
        .collect();
    if !typed.is_empty() {
        c.warn(
            path,
            format!(
                "{what} {} có gõ sẵn thứ tự ở đầu: chương trình tự đánh «Một là, Hai là, …» theo \
                 vị trí nên bỏ phần gõ sẵn khi in (không cần gõ).",
                typed.join(", ")
            ),
        );
    }
}

/// The structure diagnostics of a report under a profile (blocking ones refuse the export),
/// without their places in words ([`super::check`] names them).
pub fn check(report: &Report, profile: &FormatProfile) -> Vec<Diagnostic> {
    let has_opening = report.body.opening.iter().any(|b| match b {
        Block::Paragraph(p) => !p.text.trim().is_empty(),
        _ => true,
    });
    let refs = crate::flow::YearRefs::of(report);
    let mut c = Checker { problems: Vec::new(), profile, refs, has_opening };
    let h = &report.header;
    header_profile(&mut c, h);
    header_fields(&mut c, h);
    report_period(&mut c, report);
    header_number(&mut c, h);

    for (path, n) in walk::body(report) {
        node(&mut c, &path, n);
    }

    closing(&mut c, &report.closing, report.header.is_report());
    for (path, n) in walk::annexes(report) {
        node(&mut c, &path, n);
    }
    c.problems
}

/// Warns when the profile in use is not the one the header names or the one in force, or sets
/// a line spacing out of its bounds.
fn header_profile(c: &mut Checker, h: &Header) {
    let profile = c.profile;
    let named = crate::profile::resolve_id(&h.profile, h.date);
    if named != profile.id {
        c.warn(
            "header.profile",
            format!("báo cáo ghi định dạng «{}» nhưng đang dùng «{}».", h.profile, profile.id),
        );
    } else if let Some(family) = crate::profile::family_of(&named) {
        // An explicit Party guidance that is not the one in force on the document's date.
        let due = crate::profile::resolve_id(family, h.date);
        if due != named {
            let due_name = FormatProfile::builtin(&due).map(|p| p.name).unwrap_or(due);
            c.warn(
                "header.profile",
                format!(
                    "văn bản ngày {} theo {} nhưng đang chọn «{}»: chọn «Văn bản của Đảng (theo \
                     ngày văn bản)» để dùng hướng dẫn đúng ngày.",
                    h.date.format("%d/%m/%Y"),
                    due_name,
                    profile.name
                ),
            );
        }
    }
    if let Some(b) = profile.line_spacing_bounds {
        if !b.allows(profile.body.para.line_spacing) {
            c.warn(
                "header.profile",
                format!(
                    "định dạng «{}» đặt khoảng cách dòng ngoài giới hạn «chính xác từ {} đến {} pt».",
                    profile.id, b.min_pt, b.max_pt
                ),
            );
        }
    }
}

/// Checks the header's text fields: filled where required, typeable and fitting their box.
fn header_fields(c: &mut Checker, h: &Header) {
    let profile = c.profile;
    if let Some(s) = &h.superior_body {
        c.glyphs("header.superior_body", s);
    }
    c.required("header.issuing_body", &h.issuing_body, "Tên cơ quan ban hành");
    c.required("header.issuing_body_full", &h.issuing_body_full, "Tên đầy đủ của cơ quan ban hành");
    // A letter (công văn) has no type name; under NĐ 30 its number has no type code either.
    let letter = profile.letter.as_ref().filter(|_| h.is_letter());
    if letter.is_none_or(|l| l.code_format.contains("{type}")) {
        c.required("header.type_code", &h.type_code, "Ký hiệu loại văn bản (ví dụ BC)");
    }
    c.required("header.issuer_code", &h.issuer_code, "Ký hiệu cơ quan (ví dụ BTGHU)");
    c.required("header.place", &h.place, "Địa danh");
    if letter.is_none() {
        c.required("header.doc_type", &h.doc_type, "Tên loại văn bản");
    }
    c.required("header.subject", &h.subject, "Trích yếu");
    let left_mm = profile.page.content_width_mm() * profile.header.left_width_percent / 100.0;
    // A letter's subject stands under its number, in the header's left column.
    match letter {
        Some(l) => fits(c, "header.subject", &h.subject, &l.subject, left_mm),
        None => fits(
            c,
            "header.subject",
            &h.subject,
            &profile.subject.style.text,
            profile.page.content_width_mm(),
        ),
    }
    fits(c, "header.issuing_body", &h.issuing_body, &profile.header.issuing_body, left_mm);
    if let Some(s) = &h.superior_body {
        fits(c, "header.superior_body", s, &profile.header.superior_body, left_mm);
    }
}

/// Checks the reporting period: declared where the text uses it, in order, matching the tables.
fn report_period(c: &mut Checker, report: &Report) {
    if report.period.is_none() {
        let json = serde_json::to_string(report).unwrap_or_default();
        for r in ["[từ năm]", "[đến năm]", "[số năm]", "[các năm]"] {
            if json.contains(r) {
                c.warn("period", format!("văn bản dùng «{r}» nhưng báo cáo chưa khai báo kỳ báo cáo (từ năm, đến năm)."));
            }
        }
    }
    if let Some(p) = report.period {
        if p.end_year < p.start_year {
            c.error("period", "Năm kết thúc kỳ báo cáo phải sau năm bắt đầu.");
        }
    }
    for (path, have) in crate::periods::out_of_step(report) {
        c.warn(
            path,
            format!(
                "các cột năm của bảng ({have}) không khớp các năm của kỳ báo cáo ({}): sửa \
                 các cột năm cho đủ từng năm, đúng thứ tự.",
                c.refs.apply("[các năm]")
            ),
        );
    }
}

/// Checks the number, the draft, the urgency and the «not public» notice against the profile.
fn header_number(c: &mut Checker, h: &Header) {
    let profile = c.profile;
    if h.number.is_none() {
        c.warn("header.number", "chưa có số văn bản; để trống cho văn thư điền.");
    }
    if h.number == Some(0) {
        c.error("header.number", "Số văn bản phải từ 1 trở lên.");
    }
    if h.draft == Some(0) {
        c.error("header.draft", "Lần dự thảo phải từ 1 trở lên (để trống cho bản chính thức).");
    }
    if (h.urgency.is_some() || h.draft.is_some()) && profile.header.under_number.is_none() {
        c.warn(
            "header.urgency",
            format!(
                "Định dạng «{}» không in độ khẩn và lần dự thảo; hai dòng này bị bỏ qua.",
                profile.name
            ),
        );
    }
    if h.not_public && profile.not_public_notice.is_none() {
        c.warn(
            "header.not_public",
            format!(
                "Định dạng «{}» không quy định chỉ dẫn «Không phổ biến…»; dòng này không được in.",
                profile.name
            ),
        );
    }
}

/// Checks the closing: its required fields, the signing authority and the recipients.
fn closing(c: &mut Checker, cl: &Closing, report: bool) {
    let profile = c.profile;
    // Only a report must end with a closing sentence («Trên đây là báo cáo…»).
    if report || !cl.sentence.trim().is_empty() {
        c.required("closing.sentence", &cl.sentence, "Câu kết thúc");
    }
    c.required("closing.signer_title", &cl.signer_title, "Chức vụ người ký");
    c.required("closing.signer_name", &cl.signer_name, "Họ tên người ký");
    c.required("closing.archive", &cl.archive, "Nơi lưu (ví dụ «Văn phòng»)");
    if let Some(d) = &cl.drafter {
        c.glyphs("closing.drafter", d);
    }
    if let Some(a) = &cl.authority {
        c.required("closing.authority.of", &a.of, "Thẩm quyền ký (ví dụ «Trưởng ban»)");
        if a.kind == AuthorityKind::Tuq && profile.closing.tuq_prefix.is_none() {
            c.error(
                "closing.authority.kind",
                format!(
                    "Định dạng «{}» không có hình thức ký «thừa ủy quyền» (TUQ.).",
                    profile.name
                ),
            );
        }
    }
    if cl.recipients.is_empty() {
        c.warn("closing.recipients", "chưa có nơi nhận nào ngoài dòng «Lưu».");
    }
    for (i, r) in cl.recipients.iter().enumerate() {
        let path = format!("closing.recipients[{i}]");
        c.required(&path, r, "Nơi nhận");
        let t = r.trim_end();
        if t.ends_with(',') || t.ends_with(';') || t.ends_with('.') {
            c.warn_as(
                codes::TYPED_ENDING,
                &path,
                "không cần gõ dấu cuối dòng; chương trình tự thêm theo định dạng.",
            );
        }
    }
}

/// Checks one node of the report's tree (its blocks come as nodes of their own).
fn node(c: &mut Checker, path: &str, node: Node) {
    match node {
        Node::Opening(_) => {}
        Node::Content(content) => {
            if content.is_empty() && !c.has_opening {
                c.error(path, "Báo cáo chưa có phần nào (I., II., …).");
            } else if content.is_empty() {
                // A short document (a letter, a submission, a brief report) is its paragraphs.
                c.warn(path, "văn bản chỉ có các đoạn văn, chưa chia phần (I., II., …).");
            }
            let phans = content.iter().filter(|d| matches!(d, Division::Phan(_))).count();
            if phans > 0 && phans < content.len() {
                c.error(
                    path,
                    "Không được trộn «Phần» với mục La Mã ở cùng cấp: hoặc mọi mục nằm trong các \
                     Phần, hoặc không dùng Phần.",
                );
            }
        }
        Node::Phan { phan, .. } => {
            c.required(&format!("{path}.title"), &phan.title, "Tên Phần");
            if phan.parts.is_empty() && phan.blocks.is_empty() {
                c.warn(path, "Phần này chưa có nội dung.");
            }
        }
        Node::Part { part, .. } => c.required(&format!("{path}.title"), &part.title, "Tên mục"),
        Node::Section { section, .. } => {
            c.required(&format!("{path}.title"), &section.title, "Tên tiểu mục")
        }
        Node::Point { point, .. } => {
            if let Some(t) = &point.title {
                c.required(&format!("{path}.title"), t, "Tên điểm");
            } else if !matches!(
                point.blocks.first(),
                Some(Block::Paragraph(_) | Block::Lines(_) | Block::Results(_))
            ) {
                c.warn(path, "điểm không có tiêu đề nên chữ cái sẽ đứng một mình trên dòng.");
            }
        }
        Node::Annex { annex, .. } => {
            c.required(&format!("{path}.title"), &annex.title, "Tên phụ lục");
            if annex.blocks.is_empty() {
                c.warn(path, "phụ lục chưa có nội dung.");
            }
        }
        Node::Block(b) => block(c, path, b),
    }
}

/// Warns when a line, measured with the real font, is wider than its box and will wrap by itself.
fn fits(c: &mut Checker, path: &str, text: &str, style: &TextStyle, box_mm: f64) {
    for (i, line) in text.split('\n').enumerate() {
        let shown = match style.case {
            Case::Upper => upper(line.trim()),
            _ => line.trim().to_string(),
        };
        let mm = pt_to_mm(text_width_pt(&shown, style.size_pt, style.bold, style.italic));
        if mm > box_mm {
            c.warn(
                path,
                format!(
                    "dòng {} dài {:.0} mm, vượt bề rộng {:.0} mm nên sẽ tự xuống dòng; \
                     nên ngắt dòng (xuống dòng) ở chỗ hợp nghĩa.",
                    i + 1,
                    mm,
                    box_mm
                ),
            );
        }
    }
}

fn items(c: &mut Checker, path: &str, items: &[String], what: &str) {
    if items.is_empty() {
        c.empty_block(format!("{path}.items"), format!("{what} chưa có mục nào."));
    }
    for (i, t) in items.iter().enumerate() {
        c.required(&format!("{path}.items[{i}]"), t, what);
    }
}

fn block(c: &mut Checker, path: &str, b: &Block) {
    match b {
        Block::Paragraph(p) => c.required(&format!("{path}.text"), &p.text, "Đoạn văn"),
        Block::Lines(l) => items(c, path, &l.items, "Danh sách"),
        Block::Results(r) => {
            if r.items.is_empty() {
                c.empty_block(format!("{path}.items"), "Kết quả chưa có dòng nào.");
            }
            for (i, item) in r.items.iter().enumerate() {
                result_item(c, &format!("{path}.items[{i}]"), item);
            }
        }
        Block::Shortcomings(s) => items(c, path, &s.items, "Hạn chế"),
        Block::Causes(k) => {
            if k.objective.is_empty() && k.subjective.is_empty() {
                c.empty_block(path, "Nguyên nhân chưa có mục nào (khách quan hoặc chủ quan).");
            }
            for (i, t) in k.objective.iter().enumerate() {
                c.required(&format!("{path}.objective[{i}]"), t, "Nguyên nhân khách quan");
            }
            for (i, t) in k.subjective.iter().enumerate() {
                c.required(&format!("{path}.subjective[{i}]"), t, "Nguyên nhân chủ quan");
            }
        }
        Block::Lessons(l) => {
            items(c, path, &l.items, "Bài học kinh nghiệm");
            typed_ordinals(c, path, l.items.iter().map(String::as_str), "bài học");
        }
        Block::SolutionGroups(g) => {
            let n = g.lead.matches("{count}").count();
            if n != 1 {
                c.error(
                    format!("{path}.lead"),
                    "Câu dẫn phải chứa đúng một «{count}» ở chỗ đặt số nhóm giải pháp \
                     (ví dụ «… thực hiện {count} nhóm giải pháp sau:»).",
                );
            }
            if g.groups.is_empty() {
                c.empty_block(format!("{path}.groups"), "Chưa có nhóm giải pháp nào.");
            }
            if !matches!(g.numbering, GroupNumbering::Parenthesized) {
                let titles = g.groups.iter().map(|grp| grp.title.as_str());
                typed_ordinals(c, path, titles, "nhóm giải pháp");
            }
            for (i, grp) in g.groups.iter().enumerate() {
                let gp = format!("{path}.groups[{i}]");
                c.required(&format!("{gp}.title"), &grp.title, "Nhóm giải pháp");
                for (j, t) in grp.items.iter().enumerate() {
                    c.required(&format!("{gp}.items[{j}]"), t, "Nội dung giải pháp");
                }
            }
        }
        Block::Proposals(p) => {
            if p.items.is_empty() {
                c.error(format!("{path}.items"), "Chưa có đề xuất nào.");
            }
            for (i, it) in p.items.iter().enumerate() {
                c.required(
                    &format!("{path}.items[{i}].addressee"),
                    &it.addressee,
                    "Nơi được đề xuất",
                );
                c.required(&format!("{path}.items[{i}].text"), &it.text, "Nội dung đề xuất");
            }
        }
        Block::Table(t) => table(c, path, t),
    }
}

fn result_item(c: &mut Checker, path: &str, item: &ResultItem) {
    c.required(&format!("{path}.text"), &item.text, "Kết quả");
    let pieces = match parse_figures(&item.text) {
        Ok(p) => p,
        Err(e) => {
            c.error(format!("{path}.text"), format!("Lỗi trong câu kết quả: {e}."));
            return;
        }
    };
    let cited: BTreeSet<&str> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Figure(n) => Some(n.as_str()),
            Piece::Text(_) => None,
        })
        .collect();
    for name in &cited {
        match item.figures.get(*name) {
            None => c.error(
                format!("{path}.text"),
                format!("câu dẫn số liệu «{{{name}}}» nhưng chưa khai báo số liệu này."),
            ),
            Some(f) => {
                if f.value.is_none() {
                    c.warn_as(
                        codes::FIGURE_TO_UPDATE,
                        format!("{path}.figures.{name}"),
                        format!(
                            "số liệu «{}» cần cập nhật (chưa có giá trị).",
                            figure_words(&item.text, name)
                        ),
                    );
                }
                if let Some(v) = f.value {
                    if !v.is_finite()
                        || (f.kind == FigureKind::Count && (v < 0.0 || v.fract() != 0.0))
                    {
                        c.error(
                            format!("{path}.figures.{name}"),
                            format!(
                                "số liệu «{}» là số đếm, phải là số nguyên không âm.",
                                figure_words(&item.text, name)
                            ),
                        );
                    }
                }
            }
        }
    }
    for name in item.figures.keys() {
        if !cited.contains(name.as_str()) {
            c.warn(format!("{path}.figures.{name}"), "số liệu đã khai báo nhưng câu không dùng.");
        }
    }
}

fn table(c: &mut Checker, path: &str, t: &StatTable) {
    if t.columns.is_empty() {
        c.error(format!("{path}.columns"), "Bảng chưa có cột nào.");
        return;
    }
    if t.rows.iter().all(|r| r.len() == t.columns.len()) {
        for w in crate::flow::tablefit::warnings(t, c.profile) {
            c.warn(path, w);
        }
    }
    if t.rows.is_empty() {
        c.warn(format!("{path}.rows"), "bảng chưa có dòng số liệu nào.");
    }
    for (i, col) in t.columns.iter().enumerate() {
        let cp = format!("{path}.columns[{i}]");
        c.required(&format!("{cp}.header"), &col.header, "Tên cột");
        if col.kind == ColumnKind::RowSum {
            if col.sum_of.is_empty() {
                c.error(format!("{cp}.sum_of"), "Cột tổng chưa chọn cột nào để cộng.");
            }
            for &j in &col.sum_of {
                match t.columns.get(j) {
                    Some(o) if o.kind == ColumnKind::Number => {}
                    Some(_) => c.error(
                        format!("{cp}.sum_of"),
                        format!("cột {} không phải cột số nên không cộng được.", j + 1),
                    ),
                    None => c.error(
                        format!("{cp}.sum_of"),
                        format!("không có cột {} (bảng có {} cột).", j + 1, t.columns.len()),
                    ),
                }
            }
        } else if col.year.is_some() && col.kind != ColumnKind::Number {
            c.error(&cp, "cột của một năm trong kỳ báo cáo phải là cột số.");
        } else if !col.sum_of.is_empty() {
            c.warn(format!("{cp}.sum_of"), "chỉ cột loại «row_sum» mới dùng «sum_of».");
        }
    }
    if t.total_label.is_some() && !t.columns.iter().any(|c| c.kind == ColumnKind::Text) {
        c.warn(path, "bảng không có cột chữ để ghi nhãn dòng tổng cộng.");
    }
    for (r, row) in t.rows.iter().enumerate() {
        let rp = format!("{path}.rows[{r}]");
        // After "next period's report": a figure still empty beside last period's value.
        for (i, col) in t.columns.iter().enumerate() {
            let beside = t.columns.get(i + 1).filter(|c| c.previous);
            if col.kind == ColumnKind::Number && !col.previous && beside.is_some() {
                if let (Some(Cell::Empty), Some(Cell::Number(_))) = (row.get(i), row.get(i + 1)) {
                    c.warn_as(
                        codes::FIGURE_TO_UPDATE,
                        format!("{rp}[{i}]"),
                        format!("số liệu «{}» cần cập nhật cho kỳ này.", c.refs.apply(&col.header)),
                    );
                }
            }
        }
        if row.len() != t.columns.len() {
            c.error(&rp, format!("dòng có {} ô nhưng bảng có {} cột.", row.len(), t.columns.len()));
        }
        for (i, (cell, col)) in row.iter().zip(&t.columns).enumerate() {
            let cp = format!("{rp}[{i}]");
            match (col.kind, cell) {
                (ColumnKind::RowSum, Cell::Empty) => {}
                (ColumnKind::RowSum, _) => {
                    c.warn(&cp, "ô của cột tổng được tính tự động; giá trị gõ vào bị bỏ qua.")
                }
                (ColumnKind::Number, Cell::Text(s)) if !s.trim().is_empty() => c.error(
                    &cp,
                    format!("cột «{}» là cột số nhưng ô ghi «{s}».", c.refs.apply(&col.header)),
                ),
                (_, Cell::Number(v)) if !v.is_finite() => c.error(&cp, "số không hợp lệ."),
                (_, Cell::Text(s)) => c.glyphs(&cp, s),
                _ => {}
            }
        }
    }
}
