//! The format of what the user types into the header and the closing: the number's codes, the
//! subject's first letter, the signature's authority, the recipients and the «Lưu» line, each
//! against the profile.

use super::{Context, Diagnostic, Severity};
use crate::diagnostic::codes;
use crate::model::{AuthorityKind, Block, Closing, Report};
use crate::profile::{is_party, FormatProfile};
use crate::text::{lower_first, upper_first};

/// "Hướng dẫn 36" / "Hướng dẫn 05" from the profile's basis ("Hướng dẫn số 05-HD/VPTW…"), for
/// messages; the profile's name when its basis names no guidance.
fn guide(profile: &FormatProfile) -> String {
    let b = profile.basis.as_str();
    b.strip_prefix("Hướng dẫn số ")
        .and_then(|rest| rest.split('-').next())
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        .map_or_else(|| profile.name.clone(), |n| format!("Hướng dẫn {n}"))
}

/// Lower case with the tone mark of oa, oe, uy in one place («uỷ» → «ủy»), to compare names.
fn fold(s: &str) -> String {
    s.to_lowercase().replace("uỷ", "ủy").replace("oà", "òa").replace("oá", "óa").replace("oả", "ỏa")
}

fn whole(
    code: &str,
    level: Severity,
    path: &str,
    message: String,
    fix: Option<String>,
) -> Diagnostic {
    Diagnostic::new(code, level, message).at(path).with_fix(fix)
}

/// Authority prefixes a user may type although the profile writes them.
const PREFIXES: [&str; 10] = ["T/M", "K/T", "T/L", "TM.", "KT.", "TL.", "TUQ.", "Q.", "TM ", "KT "];

fn strip_prefix(s: &str) -> Option<String> {
    let t = s.trim_start();
    PREFIXES
        .iter()
        .find(|p| t.to_uppercase().starts_with(*p))
        .map(|p| t[p.len()..].trim_start().to_string())
}

/// The findings of this module's rules.
pub fn check(report: &Report, cx: &Context, out: &mut Vec<Diagnostic>) {
    let h = &report.header;
    type_code(h, cx, out);
    let issuer = h.issuer_code.trim();
    if !issuer.is_empty() {
        issuer_spelling(issuer, out);
    }
    if !issuer.is_empty() {
        issuer_codes(h, cx, out);
    }
    profile_in_force(h, cx, out);
    subject_case(h, cx, out);
    let c = &report.closing;
    // The authority line and the title.
    authority(c, cx, out);
    signer(c, cx, out);
    // Recipients and the «Lưu» line.
    recipients(c, cx, out);
    archive(c, cx, out);
    legal_bases(report, cx, out);
}

/// The document type's code against the one the profile gives the type.
fn type_code(h: &crate::model::Header, cx: &Context, out: &mut Vec<Diagnostic>) {
    let rules = &cx.rules.file;
    let party = is_party(cx.profile);
    let codes = &cx.profile.codes;
    // The number and symbol: «Số 45-BC/BTGHU» (Party), «Số: 12/BC-UBND» (State).
    let doc_type = crate::text::upper(h.doc_type.trim());
    let wanted = codes
        .types
        .get(&doc_type)
        .or_else(|| rules.type_codes.get(h.doc_type.trim()))
        .or_else(|| codes.retired_types.get(h.type_code.trim()))
        .cloned();
    let code = h.type_code.trim();
    if !code.is_empty() {
        let clean = code.chars().all(|c| c.is_alphabetic());
        match &wanted {
            Some(w) if w != code => out.push(whole(
                codes::NUMBER_SYMBOL,
                if clean { Severity::Warning } else { Severity::Blocking },
                "header.type_code",
                format!(
                    "Ký hiệu loại văn bản của «{}» là «{w}», không phải «{code}»{} (số, ký hiệu: «{}»).",
                    h.doc_type.trim(),
                    if codes.retired_types.contains_key(code) {
                        format!(" ({} không còn dùng «{code}»)", guide(cx.profile))
                    } else {
                        String::new()
                    },
                    if party { format!("Số …-{w}/{}", h.issuer_code.trim()) } else { format!("Số: …/{w}-{}", h.issuer_code.trim()) }
                ),
                Some(w.clone()),
            )),
            None if !clean => out.push(whole(
                codes::NUMBER_SYMBOL,
                Severity::Blocking,
                "header.type_code",
                format!("Ký hiệu loại văn bản chỉ gồm chữ viết tắt (ví dụ «BC»), không có số, dấu cách hay dấu «/», «-»: «{code}»."),
                None,
            )),
            _ => {}
        }
    }
}

/// The issuing body's code written other than in capitals joined by «-».
fn issuer_spelling(issuer: &str, out: &mut Vec<Diagnostic>) {
    // A blank «…» (a template's, or an import's where the file had no code) is listed as such.
    if issuer.trim() == "…" {
        return;
    }
    // A unit may follow in brackets: «CAT(PC04)».
    let ok = issuer.split('-').all(|p| {
        !p.is_empty()
            && p.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || "()".contains(c))
    });
    if !ok {
        let fix: String = issuer
            .trim_start_matches(['/', '-'])
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '/')
            .flat_map(char::to_uppercase)
            .collect();
        out.push(whole(
            codes::NUMBER_SYMBOL,
            Severity::Blocking,
            "header.issuer_code",
            format!(
                "Ký hiệu cơ quan viết hoa, liền nhau, không có dấu «/» (chương trình tự thêm): «{issuer}» → «{fix}»."
            ),
            Some(fix),
        ));
    }
}

/// A Party guidance chosen by name that is not the one in force on the document's date.
fn profile_in_force(h: &crate::model::Header, cx: &Context, out: &mut Vec<Diagnostic>) {
    let named = h.profile.trim();
    if let Some(family) = crate::profile::family_of(named).filter(|_| named == cx.profile.id) {
        let due = crate::profile::resolve_id(family, h.date);
        if due != named {
            let due_name =
                FormatProfile::builtin(&due).map_or(due.clone(), |p| p.applies.short_name);
            out.push(whole(
                codes::PROFILE,
                Severity::Warning,
                "header.profile",
                format!(
                    "Văn bản ngày {} theo {due_name}, nhưng đang chọn {}: chọn «theo ngày văn bản».",
                    h.date.format("%d/%m/%Y"),
                    cx.profile.applies.short_name
                ),
                Some(family.to_string()),
            ));
        }
    }
}

/// The subject's first letter against the profile's style.
fn subject_case(h: &crate::model::Header, cx: &Context, out: &mut Vec<Diagnostic>) {
    let party = is_party(cx.profile);
    // The subject: Party style starts in lower case («sơ kết …»), State style with a capital.
    let subject = h.subject.trim_start();
    if let Some(first) = subject.chars().next().filter(|c| c.is_alphabetic()) {
        let upper_word = subject
            .split_whitespace()
            .next()
            .is_some_and(|w| w.chars().count() > 1 && !w.chars().any(char::is_lowercase));
        if party && first.is_uppercase() && !upper_word {
            out.push(whole(
                codes::SUBJECT,
                Severity::Warning,
                "header.subject",
                format!("Theo {}, trích yếu của văn bản Đảng bắt đầu bằng chữ thường («sơ kết…», «kết quả…»).", guide(cx.profile)),
                Some(lower_first(&h.subject)),
            ));
        } else if !party && first.is_lowercase() {
            out.push(whole(
                codes::SUBJECT,
                Severity::Warning,
                "header.subject",
                "Theo Nghị định 30, trích yếu viết hoa chữ cái đầu.".into(),
                Some(upper_first(&h.subject)),
            ));
        }
    }
}

/// The authority line against the way of signing chosen, and a deputy signing without one.
fn authority(c: &Closing, cx: &Context, out: &mut Vec<Diagnostic>) {
    let rules = &cx.rules.file;
    let party = is_party(cx.profile);
    if let Some(a) = &c.authority {
        if let Some(fix) = strip_prefix(&a.of) {
            out.push(whole(
                codes::AUTHORITY,
                Severity::Blocking,
                "closing.authority.of",
                format!("Không gõ «{}» trong ô thẩm quyền: chương trình tự viết theo hình thức ký đã chọn.", a.of.trim()[..a.of.trim().len() - fix.len()].trim()),
                Some(fix),
            ));
        }
        let of = a.of.to_lowercase();
        let list =
            cx.rules.profile(&cx.profile.id).collective.as_ref().unwrap_or(&rules.collective);
        let collective = list.iter().any(|x| of.contains(x.as_str()));
        match a.kind {
            AuthorityKind::Tm if !collective => out.push(whole(
                codes::AUTHORITY,
                Severity::Warning,
                "closing.authority.kind",
                format!("«Thay mặt» ({}) dùng khi ký thay mặt tập thể (Ban Thường vụ, Ủy ban nhân dân…); «{}» là một người: cấp phó ký thì chọn «Ký thay».", if party { "T/M" } else { "TM." }, a.of.trim()),
                None,
            )),
            AuthorityKind::Kt if collective => out.push(whole(
                codes::AUTHORITY,
                Severity::Warning,
                "closing.authority.kind",
                format!("«Ký thay» ({}) dùng khi cấp phó ký thay người đứng đầu; ký thay mặt tập thể «{}» thì chọn «Thay mặt».", if party { "K/T" } else { "KT." }, a.of.trim()),
                None,
            )),
            _ => {}
        }
    } else if c.signer_title.trim().to_lowercase().starts_with("phó") {
        out.push(whole(
            codes::AUTHORITY,
            Severity::Warning,
            "closing.authority",
            format!("Người ký là cấp phó («{}») nhưng chưa chọn hình thức «Ký thay» ({}) người đứng đầu.", c.signer_title.trim(), if party { "K/T" } else { "KT." }),
            None,
        ));
    }
}

/// The signer's title and name typed with what the program writes or what is not written there.
fn signer(c: &Closing, cx: &Context, out: &mut Vec<Diagnostic>) {
    let rules = &cx.rules.file;
    if let Some(fix) = strip_prefix(&c.signer_title) {
        out.push(whole(
            codes::AUTHORITY,
            Severity::Blocking,
            "closing.signer_title",
            "Ô chức vụ chỉ ghi chức vụ («Phó Trưởng ban»); hình thức ký (K/T, T/M…) chọn ở ô thẩm quyền.".into(),
            Some(fix),
        ));
    }
    let name = c.signer_name.trim();
    if let Some(t) = rules.academic_titles.iter().find(|t| name.starts_with(t.as_str())) {
        out.push(whole(
            codes::SIGNER_NAME,
            Severity::Warning,
            "closing.signer_name",
            format!("Không ghi học hàm, học vị («{t}») trước họ tên người ký."),
            Some(name[t.len()..].trim().to_string()),
        ));
    }
}

/// Recipients typed with a «Lưu» line, a dash or an ending the program writes.
fn recipients(c: &Closing, cx: &Context, out: &mut Vec<Diagnostic>) {
    for (i, r) in c.recipients.iter().enumerate() {
        let path = format!("closing.recipients[{i}]");
        let t = r.trim();
        if t.starts_with("Lưu") {
            out.push(whole(
                codes::RECIPIENTS,
                Severity::Warning,
                &path,
                "Dòng «Lưu …» do chương trình tự viết ở cuối từ ô «Lưu tại»: xóa dòng nơi nhận này.".into(),
                None,
            ));
            continue;
        }
        let mut fix = t.trim_start_matches(['-', '–', '+', '•']).trim_start().to_string();
        while fix.ends_with([',', ';', '.']) {
            fix.pop();
        }
        let fix = fix.trim_end().to_string();
        if !t.is_empty() && fix != t {
            out.push(whole(
                codes::RECIPIENTS,
                Severity::Warning,
                &path,
                format!(
                    "Không gõ gạch đầu dòng hay dấu cuối dòng ở nơi nhận: chương trình tự thêm «{}» và «{}».",
                    cx.profile.closing.recipient_prefix.trim_end(),
                    cx.profile.closing.recipient_end
                ),
                Some(fix),
            ));
        }
    }
}

/// The «Lưu» line typed with the word «Lưu», an ending or a «VT» the profile writes or omits.
fn archive(c: &Closing, cx: &Context, out: &mut Vec<Diagnostic>) {
    let archive = c.archive.trim();
    if !archive.is_empty() {
        let mut fix = archive.to_string();
        if let Some(rest) = fix.strip_prefix("Lưu") {
            fix = rest.trim_start_matches([':', ' ']).to_string();
        }
        while fix.ends_with(['.', ',', ';']) {
            fix.pop();
        }
        let mut why = Vec::new();
        if fix != archive {
            why.push("không gõ «Lưu» và dấu chấm (chương trình tự viết)".to_string());
        }
        let format_vt = cx.profile.closing.archive_format.contains("VT");
        if fix.split([',', ' ']).any(|w| w == "VT") {
            fix =
                fix.split(',').map(str::trim).filter(|w| *w != "VT").collect::<Vec<_>>().join(", ");
            why.push(if format_vt {
                "chương trình tự viết «Lưu: VT, …», không gõ lại «VT»".to_string()
            } else {
                "văn bản Đảng không ghi «VT» ở dòng Lưu («- Lưu Văn phòng.»)".to_string()
            });
        }
        if !why.is_empty() && !fix.is_empty() {
            out.push(whole(
                codes::ARCHIVE,
                Severity::Warning,
                "closing.archive",
                format!("Dòng Lưu: {}.", why.join("; ")),
                Some(fix),
            ));
        }
    }
}

/// The issuing body's code against the guidance: parts it no longer has («…HU»: no district
/// level in HD 05) and the code of a body it names («Ban Tuyên giáo và Dân vận»: BTGDV).
fn issuer_codes(h: &crate::model::Header, cx: &Context, out: &mut Vec<Diagnostic>) {
    let codes = &cx.profile.codes;
    let issuer = h.issuer_code.trim();
    for part in issuer.split('-') {
        if let Some((old, why)) =
            codes.retired_bodies.iter().find(|(old, _)| part.ends_with(old.as_str()))
        {
            out.push(whole(
                codes::ISSUER_CODE,
                Severity::Warning,
                "header.issuer_code",
                format!("Ký hiệu cơ quan «{issuer}» có «{old}» — {why}."),
                None,
            ));
        }
    }
    let name = fold(&format!("{} {}", h.issuing_body.replace('\n', " "), h.issuing_body_full));
    let body = codes
        .bodies
        .iter()
        .filter(|(n, _)| name.contains(&fold(n)))
        .max_by_key(|(n, _)| n.chars().count());
    if let Some((n, code)) = body {
        if !issuer.contains(code.as_str()) {
            out.push(whole(
                codes::ISSUER_CODE,
                Severity::Suggestion,
                "header.issuer_code",
                format!(
                    "Theo {}, ký hiệu của «{n}» là «{code}» (ví dụ «{code}TU»); ký hiệu đang ghi «{issuer}».",
                    guide(cx.profile)
                ),
                None,
            ));
        }
    }
}

/// Legal bases («Căn cứ …» lines of the opening) typed with an ending other than the profile's:
/// the program writes «;» after each and «.» after the last (HD 05 p. 12 §6.2.3).
fn legal_bases(report: &Report, cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(lb) = &cx.profile.legal_basis else { return };
    for (b, block) in report.body.opening.iter().enumerate() {
        let Block::Lines(l) = block else { continue };
        let all = !l.items.is_empty()
            && l.items
                .iter()
                .all(|i| lb.starts_with.iter().any(|w| i.trim_start().starts_with(w.as_str())));
        if !all {
            continue;
        }
        let last = l.items.len() - 1;
        for (i, item) in l.items.iter().enumerate() {
            let t = item.trim_end();
            let want = if i == last { &lb.last_end } else { &lb.end };
            let bare = t.trim_end_matches([',', ';', '.', ':']).trim_end();
            if bare != t && !t.ends_with(want.as_str()) {
                out.push(whole(
                    codes::LEGAL_BASIS,
                    Severity::Suggestion,
                    &format!("body.opening[{b}].items[{i}]"),
                    format!(
                        "Theo {}, mỗi căn cứ bắt đầu bằng «{}», kết thúc bằng «{}», căn cứ cuối cùng bằng «{}»: chương trình tự viết dấu cuối.",
                        guide(cx.profile),
                        lb.prefix.trim_end(),
                        lb.end,
                        lb.last_end
                    ),
                    Some(bare.to_string()),
                ));
            }
        }
    }
}
