//! Footnotes (issue 27): markers `[^id]` in the report's texts and `Report::footnotes` come out
//! as Word footnotes in the DOCX (read back from `word/footnotes.xml` and `word/document.xml`),
//! at the foot of the page of their reference in our PDF (read back with pdftotext), in the
//! same pages in LibreOffice's print of the DOCX; the checks name a marker without a note and a
//! note without a marker; Word's footnotes come in through the importer (real documents of
//! `shared/reference/real-docs`, read in place).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use baocao_engine::diagnostic::codes;
use baocao_engine::model::{Block, Division, Footnote};
use baocao_engine::{checks, import, profile_for, render_docx, render_layout, render_pdf, sample};
use baocao_engine::{RenderEnv, Report};
use common::{doc, env, unzip, W};

/// The sample report with three footnotes: in the opening (page 1), in a section of part I, and
/// in a list line of part II (a later page).
fn noted_sample() -> Report {
    let mut r = sample::sample();
    let opening = match &mut r.body.opening[0] {
        Block::Paragraph(p) => p,
        other => panic!("the sample opens with a paragraph: {other:?}"),
    };
    opening.text =
        opening.text.replacen("Kế hoạch số 112-KH/BTGTU", "Kế hoạch số 112-KH/BTGTU[^1]", 1);
    assert!(opening.text.contains("[^1]"), "the sample's opening cites Kế hoạch 112");
    // Part I, section 3's paragraph; part II, section 1's second result line.
    let part = |r: &mut Report, i: usize| match &mut r.body.content[i] {
        Division::Part(p) => p.clone(),
        other => panic!("the sample's parts: {other:?}"),
    };
    let mut first = part(&mut r, 0);
    let Some(Block::Paragraph(p)) = first.sections[2].blocks.first_mut() else {
        panic!("part I, section 3 opens with a paragraph")
    };
    p.text.push_str("[^nguon]");
    let mut second = part(&mut r, 1);
    let Some(Block::Results(res)) = second.sections[0].blocks.first_mut() else {
        panic!("part II, section 1 opens with results")
    };
    res.items[1].text.push_str("[^3]");
    r.body.content[0] = Division::Part(first);
    r.body.content[1] = Division::Part(second);
    r.footnotes = vec![
        Footnote {
            id: "1".into(),
            text: "Kế hoạch số 112-KH/BTGTU ngày 08/3/2019 của Ban Tuyên giáo Tỉnh ủy về sơ kết \
                   03 năm thực hiện Chỉ thị 05."
                .into(),
        },
        Footnote {
            id: "nguon".into(),
            text: "Số liệu do **27 tổ chức cơ sở đảng** báo cáo đến ngày 30/4/[năm].".into(),
        },
        Footnote {
            id: "3".into(), text: "Theo báo cáo của các chi bộ trực thuộc.".into()
        },
    ];
    r
}

/// The opening words of each note in the order printed: notes are numbered by their references.
const NOTE_OPENINGS: [&str; 3] = [
    "Kế hoạch số 112-KH/BTGTU ngày 08/3/2019",
    "Số liệu do 27 tổ chức cơ sở",
    "Theo báo cáo của các chi bộ",
];

#[test]
fn docx_writes_word_footnotes_in_the_order_of_their_references() {
    let r = noted_sample();
    let profile = profile_for(&r).expect("profile");
    let pkg = unzip(&render_docx(&r, &profile, env()).expect("docx").bytes);
    let notes = doc(pkg.part("word/footnotes.xml"));
    let footnotes: Vec<_> =
        notes.root_element().children().filter(|n| n.has_tag_name((W, "footnote"))).collect();
    let kinds: Vec<Option<&str>> = footnotes.iter().map(|n| n.attribute((W, "type"))).collect();
    assert_eq!(kinds, [Some("separator"), Some("continuationSeparator"), None, None, None]);
    for (n, opening) in footnotes[2..].iter().zip(NOTE_OPENINGS) {
        let text: String =
            n.descendants().filter(|d| d.has_tag_name((W, "t"))).filter_map(|t| t.text()).collect();
        assert!(text.trim_start().starts_with(opening), "note «{text}» should open «{opening}»");
        assert!(n.descendants().any(|d| d.has_tag_name((W, "footnoteRef"))), "its own number");
        // The profile's footnote size (10 pt = 20 half-points).
        let sizes: Vec<&str> = n
            .descendants()
            .filter(|d| d.has_tag_name((W, "sz")))
            .filter_map(|d| d.attribute((W, "val")))
            .collect();
        assert!(!sizes.is_empty() && sizes.iter().all(|s| *s == "20"), "{sizes:?}");
    }
    assert!(pkg.part("word/footnotes.xml").contains("30/4/2019"), "[năm] resolved in a note");
    let body = doc(pkg.part("word/document.xml"));
    let ids: Vec<&str> = body
        .descendants()
        .filter(|d| d.has_tag_name((W, "footnoteReference")))
        .filter_map(|d| d.attribute((W, "id")))
        .collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert!(!pkg.part("word/document.xml").contains("[^"), "no marker printed");
    assert!(pkg.part("word/_rels/document.xml.rels").contains("Target=\"footnotes.xml\""));
    assert!(pkg.part("[Content_Types].xml").contains("/word/footnotes.xml"));
    assert!(pkg.part("word/styles.xml").contains("w:styleId=\"FootnoteReference\""));
}

#[test]
fn a_report_without_footnotes_has_no_footnotes_part() {
    let r = sample::sample();
    let profile = profile_for(&r).expect("profile");
    let pkg = unzip(&render_docx(&r, &profile, env()).expect("docx").bytes);
    assert!(!pkg.parts.contains_key("word/footnotes.xml"));
    assert!(!pkg.part("word/document.xml").contains("footnoteReference"));
    assert!(!pkg.part("word/_rels/document.xml.rels").contains("footnotes"));
    assert!(!pkg.part("[Content_Types].xml").contains("footnotes"));
    assert!(!pkg.part("word/styles.xml").contains("FootnoteReference"));
}

/// The text of each page of a PDF, read with pdftotext (words joined by single spaces).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The page holding `words` (its first one).
fn page_of(pages: &[String], words: &str) -> Option<usize> {
    pages.iter().position(|p| p.contains(words))
}

/// The words just before each marker of the noted sample, on the page of the reference.
fn reference_words(r: &Report) -> Vec<String> {
    let fields = checks::fields(r);
    let mut out = Vec::new();
    for f in &fields {
        for (range, _) in baocao_engine::text::note_refs(f.text) {
            let before: Vec<&str> = f.text[..range.start].split_whitespace().collect();
            out.push(before[before.len().saturating_sub(3)..].join(" "));
        }
    }
    out
}

#[test]
fn pdf_puts_each_note_at_the_foot_of_the_page_of_its_reference() {
    let r = noted_sample();
    let profile = profile_for(&r).expect("profile");
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("noted.pdf");
    std::fs::write(&pdf, render_pdf(&r, &profile, env()).expect("pdf").bytes).expect("write");
    let pages = pdf_pages(&pdf);
    let refs = reference_words(&r);
    assert_eq!(refs.len(), 3);
    let mut note_pages = Vec::new();
    for (reference, opening) in refs.iter().zip(NOTE_OPENINGS) {
        let at = page_of(&pages, reference).unwrap_or_else(|| panic!("«{reference}» printed"));
        let note = page_of(&pages, opening).unwrap_or_else(|| panic!("note «{opening}» printed"));
        assert_eq!(at, note, "note «{opening}» on the page of «{reference}»");
        note_pages.push(note);
    }
    assert!(note_pages.windows(2).any(|w| w[0] != w[1]), "notes on more than one page");
    assert!(!pages.iter().any(|p| p.contains("[^")), "no marker printed");
    // On each page the notes are below every line of the text, and the rule above them.
    let (_, layout, _) = render_layout(&r, &profile, env()).expect("layout");
    for page in &layout.pages {
        use baocao_engine::layout::Item;
        let texts: Vec<_> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t),
                Item::Line(_) => None,
            })
            .collect();
        let notes: Vec<f64> = texts
            .iter()
            .filter(|t| t.role == baocao_engine::flow::Role::Footnote)
            .map(|t| t.y)
            .collect();
        let Some(top_note) = notes.iter().copied().reduce(f64::min) else { continue };
        let lowest_text = texts
            .iter()
            .filter(|t| t.role != baocao_engine::flow::Role::Footnote)
            .map(|t| t.y)
            .fold(0.0, f64::max);
        assert!(
            lowest_text + 12.0 < top_note,
            "text at {lowest_text} over the notes at {top_note}"
        );
        assert!(notes.iter().all(|y| *y <= layout.content[3]), "notes inside the bottom margin");
    }
}

#[test]
fn a_long_note_continues_on_the_next_page() {
    // The reference ends the opening: the text stops there (as in LibreOffice, no text goes
    // under a note that does not fit whole) and the note fills the rest of the page.
    let mut r = noted_sample();
    let Block::Paragraph(p) = &mut r.body.opening[0] else { unreachable!() };
    p.text = format!("{}[^1]", p.text.replace("[^1]", ""));
    r.footnotes[0].text = "Một câu chú thích dài để ghi chú nguồn số liệu. ".repeat(120);
    let profile = profile_for(&r).expect("profile");
    let (_, layout, _) = render_layout(&r, &profile, env()).expect("layout");
    let with_note: Vec<usize> = layout
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.text().contains("Một câu chú thích dài"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(with_note.first(), Some(&0), "the note starts on the page of its reference");
    assert!(with_note.len() >= 2, "and continues: {with_note:?}");
}

#[test]
fn the_checks_name_a_marker_without_a_note_and_a_note_without_a_marker() {
    let mut r = noted_sample();
    let profile = profile_for(&r).expect("profile");
    let codes_of = |r: &Report| -> Vec<String> {
        checks::check(r, &profile)
            .into_iter()
            .filter(|d| d.code.starts_with("chu-thich"))
            .map(|d| d.code)
            .collect()
    };
    assert!(codes_of(&r).is_empty(), "{:?}", codes_of(&r));
    r.footnotes.retain(|n| n.id != "3");
    r.footnotes.push(Footnote { id: "thua".into(), text: "Không ai tham chiếu.".into() });
    let found = checks::check(&r, &profile);
    let missing = found.iter().find(|d| d.code == codes::NOTE_MISSING).expect("missing note");
    assert!(missing.message.contains("[^3]") && missing.message.contains("chưa có nội dung"));
    assert!(missing.path.starts_with("body.content["), "{}", missing.path);
    let unused = found.iter().find(|d| d.code == codes::NOTE_UNUSED).expect("unused note");
    assert!(unused.message.contains("«thua»") && unused.path == "footnotes[2].text");
    assert!(checks::blocking(&r, &profile).iter().any(|d| d.code == codes::NOTE_MISSING));
    // A second marker of one note.
    let mut twice = noted_sample();
    let Block::Paragraph(p) = &mut twice.body.opening[0] else { unreachable!() };
    p.text.push_str(" Xem thêm[^1].");
    assert!(codes_of(&twice).contains(&codes::NOTE_REPEATED.to_string()));
    for d in found.iter().filter(|d| d.code.starts_with("chu-thich")) {
        assert_eq!(d.message, baocao_engine::text::nfc(&d.message), "NFC message");
    }
}

#[test]
fn old_report_files_load_unchanged() {
    let r = sample::sample();
    let json = serde_json::to_string_pretty(&r).expect("json");
    assert!(!json.contains("footnotes"), "no footnotes key written when there are none");
    let back: Report = baocao_engine::load::report_from_json(json.as_bytes()).expect("loads");
    assert!(back.footnotes.is_empty());
    let noted = noted_sample();
    let json = serde_json::to_string(&noted).expect("json");
    let back = baocao_engine::load::report_from_json(json.as_bytes()).expect("loads");
    assert_eq!(back, noted);
}

/// The real Word documents (read in place, never copied).
fn real_doc(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/reference/real-docs"))
        .join(name)
}

/// The footnotes of an imported real document, after checking each is referred to once, in
/// order, from the report's texts.
fn imported_notes(name: &str) -> Vec<Footnote> {
    let today = env().now.date_naive();
    let imported = import::import_file(&real_doc(name), today)
        .unwrap_or_else(|e| panic!("{name}: not imported: {e}"));
    let r = imported.report;
    let refs: Vec<String> = checks::fields(&r)
        .iter()
        .flat_map(|f| baocao_engine::text::note_refs(f.text))
        .map(|(_, id)| id.to_string())
        .collect();
    let ids: Vec<String> = r.footnotes.iter().map(|n| n.id.clone()).collect();
    assert_eq!(refs, ids, "{name}: one marker per note, in order");
    let profile = profile_for(&r).expect("profile");
    let found = checks::check(&r, &profile);
    assert!(!found.iter().any(|d| d.code.starts_with("chu-thich")), "{name}: {found:#?}");
    let pkg = unzip(&render_docx(&r, &profile, env()).expect("docx").bytes);
    let written = pkg.part("word/document.xml").matches("<w:footnoteReference").count();
    assert_eq!(written, r.footnotes.len(), "{name}: every note written back");
    r.footnotes
}

fn opens(notes: &[Footnote], n: usize, words: &str) {
    let text = &notes[n - 1].text;
    assert!(
        text.starts_with(words),
        "note {n}: «{}» should open «{words}»",
        &text[..text.len().min(80)]
    );
}

#[test]
fn imported_word_footnotes_become_footnotes() {
    let notes = imported_notes("state-baocao-01.docx");
    assert_eq!(notes.len(), 17);
    opens(&notes, 1, "Thường trực Tỉnh ủy và Ủy ban nhân dân tỉnh đã thành lập các đoàn công tác");
    opens(&notes, 2, "Trước sáp nhập tỉnh:\n- UBND tỉnh Lâm Đồng đã ban hành");
    opens(&notes, 10, "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng thành lập theo Quyết định");
    opens(&notes, 17, "Trong đó:\n- Chi đầu tư phát triển");
    let notes = imported_notes("state-baocao-05.docx");
    assert_eq!(notes.len(), 8);
    opens(&notes, 1, "Công văn số 946/SKHCN-VP ngày 20/03/2026");
    // «(⁴) Ngoài ra…»: the brackets around Word's own number are left out.
    opens(&notes, 4, "Ngoài ra, Sở Khoa học và Công nghệ đang phối hợp");
    opens(&notes, 8, "19 nhiệm vụ trọng tâm:");
}

#[test]
fn a_doc_file_keeps_its_footnotes_through_libreoffice() {
    if baocao_engine::platform::soffice().is_none() {
        eprintln!("LibreOffice is not installed: the .doc import is not tested");
        return;
    }
    let notes = imported_notes("state-baocao-06.doc");
    assert_eq!(notes.len(), 6);
    opens(&notes, 1, "Công văn số 378/BCĐ ngày 21/7/2025");
}

/// Runs LibreOffice on `docx` (a private profile in `dir`) and returns its PDF's path.
fn libreoffice_pdf(dir: &Path, docx: &Path) -> PathBuf {
    let o = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.join("lo"))
        .arg(docx)
        .output()
        .expect("soffice (libreoffice-writer-nogui)");
    assert!(o.status.success(), "soffice: {}", String::from_utf8_lossy(&o.stderr));
    dir.join("lo").join(docx.with_extension("pdf").file_name().expect("name"))
}

#[test]
fn libreoffice_prints_the_notes_on_the_same_pages() {
    if std::env::var_os("BAOCAO_SKIP_LIBREOFFICE").is_some() {
        eprintln!("BAOCAO_SKIP_LIBREOFFICE set: skipped");
        return;
    }
    let r = noted_sample();
    let profile = profile_for(&r).expect("profile");
    let dir = tempfile::tempdir().expect("tempdir");
    let env = RenderEnv { now: env().now };
    let docx = dir.path().join("noted.docx");
    std::fs::write(&docx, render_docx(&r, &profile, env).expect("docx").bytes).expect("write");
    let ours = dir.path().join("noted.ours.pdf");
    std::fs::write(&ours, render_pdf(&r, &profile, env).expect("pdf").bytes).expect("write");
    let lo = pdf_pages(&libreoffice_pdf(dir.path(), &docx));
    let ours = pdf_pages(&ours);
    assert_eq!(lo.len(), ours.len(), "page count");
    for opening in NOTE_OPENINGS {
        assert_eq!(page_of(&lo, opening), page_of(&ours, opening), "note «{opening}»");
    }
    // Each page starts with the same words (the text above the notes breaks alike).
    for (i, (a, b)) in lo.iter().zip(&ours).enumerate() {
        let first = |p: &str| p.split(' ').take(8).collect::<Vec<_>>().join(" ");
        assert_eq!(first(a), first(b), "page {}", i + 1);
    }
}
