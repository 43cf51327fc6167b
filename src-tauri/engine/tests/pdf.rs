//! The PDF as a reader sees it: qpdf's structure check, embedded subset fonts with Unicode maps,
//! the text of each page in order, A4, page numbers from page 2, document info and language.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use baocao_engine::sample::sample;
use baocao_engine::{render_layout, render_pdf, FormatProfile, Report};
use common::env;

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed (scripts/setup.sh installs it): {e}"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn write_pdf(report: &Report, profile: &str, dir: &Path) -> PathBuf {
    let profile = FormatProfile::builtin(profile).expect("profile");
    let out = render_pdf(report, &profile, env()).expect("renders");
    let path = dir.join("bc.pdf");
    std::fs::write(&path, out.bytes).expect("write");
    path
}

/// The PDF's page count, as pdfinfo reads it.
fn page_count(pdf: &str) -> usize {
    tool("pdfinfo", &[pdf])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

#[test]
fn qpdf_accepts_it_and_fonts_are_embedded_subsets_with_unicode() {
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = write_pdf(&sample(), "hd36", dir.path());
    let p = pdf.to_str().expect("path");
    let check = tool("qpdf", &["--check", p]);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
    let fonts = tool("pdffonts", &[p]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 4, "four faces used by the sample:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains('+') && cols[0].contains("LiberationSerif"), "{row}");
        assert_eq!(cols[1..4], ["CID", "TrueType", "Identity-H"], "{row}");
        assert_eq!(cols[4..7], ["yes", "yes", "yes"], "embedded, subset, Unicode map: {row}");
    }
    let info = tool("pdfinfo", &[p]);
    assert!(info.contains("Page size:       595.276 x 841.89 pts (A4)"), "{info}");
    assert!(!info.contains("PDF/X") && !info.contains("Custom Metadata: yes"), "claims: {info}");
    assert!(info.contains("Author:          Ban Tuyên giáo Huyện ủy Tân Lập Giang"), "{info}");
    assert!(info.contains("Title:           Báo cáo sơ kết 03 năm"), "{info}");
    let size = std::fs::metadata(&pdf).expect("meta").len();
    assert!(size < 200_000, "subset fonts keep the file small: {size} bytes");

    let doc = lopdf::Document::load(&pdf).expect("lopdf reads it");
    let lang = doc.catalog().expect("catalog").get(b"Lang").expect("/Lang");
    assert_eq!(lang.as_str().expect("string"), b"vi-VN");
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    // printpdf names fonts and the file ID at random; ours are fixed (the Windows build is
    // compared byte for byte with this one).
    let profile = FormatProfile::builtin("hd36").expect("profile");
    let a = render_pdf(&sample(), &profile, env()).expect("renders").bytes;
    let b = render_pdf(&sample(), &profile, env()).expect("renders").bytes;
    assert!(a == b, "two renders of the sample differ");
}

#[test]
fn every_page_text_comes_back_in_order_with_page_numbers_from_page_two() {
    let dir = tempfile::tempdir().expect("tmp");
    let report = sample();
    let pdf = write_pdf(&report, "hd36", dir.path());
    let p = pdf.to_str().expect("path");
    let profile = FormatProfile::builtin("hd36").expect("profile");
    let (_, layout, _) = render_layout(&report, &profile, env()).expect("layout");
    assert_eq!(page_count(p), layout.pages.len());
    for (i, page) in layout.pages.iter().enumerate() {
        let n = (i + 1).to_string();
        let text = tool("pdftotext", &["-raw", "-f", &n, "-l", &n, p, "-"]);
        assert_eq!(words(&text), words(&page.text()), "page {n}");
        let first = text.lines().map(str::trim).find(|l| !l.is_empty()).expect("text");
        if i == 0 {
            assert_eq!(first, "HUYỆN ỦY TÂN LẬP GIANG", "no number on page 1");
        } else {
            assert_eq!(first, n, "page {n} starts with its number");
        }
    }
    // The whole input comes back: every lesson and the totals row.
    let all = tool("pdftotext", &["-raw", p, "-"]);
    for needle in
        ["Một là, cấp ủy", "Bốn là, tăng cường", "06 nhóm nhiệm vụ", "36.386", "- Lưu Văn phòng."]
    {
        assert!(all.contains(needle), "{needle:?}");
    }
    // A picture of page 1 for a person to look at.
    let art = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/artifacts");
    std::fs::create_dir_all(&art).expect("artifacts dir");
    let prefix = art.join("pdf-page");
    tool("pdftoppm", &["-r", "80", "-png", "-f", "1", "-l", "1", p, prefix.to_str().expect("p")]);
    assert!(art.join("pdf-page-1.png").exists());
}

#[test]
fn state_profile_pdf_reads_back() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut r = sample();
    r.header.profile = "nd30".into();
    let pdf = write_pdf(&r, "nd30", dir.path());
    let text = tool("pdftotext", &["-raw", "-f", "1", "-l", "1", pdf.to_str().expect("p"), "-"]);
    for needle in
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 45/BC-BTGHU"]
    {
        assert!(text.contains(needle), "{needle:?} in\n{text}");
    }
}

/// The words of the PDF in reading order, without the page numbers (a paragraph running over a
/// page break then reads on without them).
fn pdf_words(pdf: &Path) -> Vec<String> {
    let p = pdf.to_str().expect("path");
    let mut out = Vec::new();
    for i in 1..=page_count(p) {
        let n = i.to_string();
        let text = tool("pdftotext", &["-raw", "-f", &n, "-l", &n, p, "-"]);
        let mut w = words(&text);
        if i > 1 && w.first() == Some(&n) {
            w.remove(0);
        }
        out.extend(w);
    }
    out
}

/// Every paragraph of the input (the flow's body paragraphs: headings, text, lessons, lines,
/// closing sentence) comes back from the PDF whole, as consecutive words, and in order: a
/// paragraph dropped, cut short, duplicated out of place or moved fails here.
#[test]
fn every_paragraph_of_the_input_comes_back_whole_and_in_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let corpus = baocao_engine::corpus::corpus();
    let mut reports = vec![("mẫu".to_string(), sample())];
    reports.extend(corpus.into_iter().filter(|(n, _)| n.contains("nd30")).take(1));
    for (name, report) in reports {
        let profile = baocao_engine::profile_for(&report).expect("profile");
        let pdf = write_pdf(&report, &profile.id, dir.path());
        let got = pdf_words(&pdf);
        let flow = baocao_engine::flow::build(&report, &profile, env().now);
        let mut at = 0;
        let mut checked = 0;
        for block in &flow.blocks {
            let baocao_engine::flow::FBlock::Para(p) = block else { continue };
            let want = words(&p.text());
            if want.is_empty() {
                continue;
            }
            let found = (at..=got.len().saturating_sub(want.len()))
                .find(|&k| got[k..k + want.len()] == want[..]);
            let Some(k) = found else {
                panic!("{name}: paragraph not found whole after word {at}: {:?}", p.text());
            };
            at = k + want.len();
            checked += 1;
        }
        assert!(checked > 30, "{name}: only {checked} paragraphs");
    }
}

/// The glyph ids each font's `/W` array gives a width, by font resource name.
fn widths_by_font(doc: &lopdf::Document) -> std::collections::BTreeMap<Vec<u8>, Vec<u16>> {
    use lopdf::Object;
    let page = doc.get_pages().into_values().next().expect("a page");
    let fonts = doc.get_page_fonts(page).expect("fonts");
    let mut out = std::collections::BTreeMap::new();
    for (name, font) in fonts {
        let kids = font.get(b"DescendantFonts").and_then(Object::as_array).expect("descendant");
        let cid = match &kids[0] {
            Object::Reference(r) => doc.get_dictionary(*r).expect("CIDFont"),
            o => o.as_dict().expect("CIDFont"),
        };
        let w = cid.get(b"W").expect("/W");
        let w = match w {
            Object::Reference(r) => doc.get_object(*r).expect("W"),
            o => o,
        };
        let w = w.as_array().expect("array");
        let mut gids = Vec::new();
        let mut i = 0;
        while i + 1 < w.len() {
            // c [w1 w2 …] or c_first c_last w
            let first = w[i].as_i64().expect("gid") as u16;
            match &w[i + 1] {
                Object::Array(ws) => {
                    gids.extend((0..ws.len() as u16).map(|k| first + k));
                    i += 2;
                }
                last => {
                    gids.extend(first..=last.as_i64().expect("gid") as u16);
                    i += 3;
                }
            }
        }
        out.insert(name, gids);
    }
    out
}

/// A long report is serialised by printpdf in parts (`pdf/parts.rs`) joined into one file: it
/// reads back whole, page after page, each font describes every glyph any page shows (a font
/// made from one part's pages would not), and its resources are shared by all pages.
#[test]
fn a_long_report_written_in_parts_reads_back_whole_with_every_glyph_described() {
    use lopdf::content::Content;
    use lopdf::Object;
    let dir = tempfile::tempdir().expect("tmp");
    let report = baocao_engine::corpus::long_report(120);
    let profile = baocao_engine::profile_for(&report).expect("profile");
    let pdf = write_pdf(&report, &profile.id, dir.path());
    let p = pdf.to_str().expect("path");
    let check = tool("qpdf", &["--check", p]);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
    let (_, layout, _) = render_layout(&report, &profile, env()).expect("layout");
    assert!(layout.pages.len() >= 100, "{} pages", layout.pages.len());
    assert_eq!(page_count(p), layout.pages.len());
    for (i, page) in layout.pages.iter().enumerate() {
        let n = (i + 1).to_string();
        let text = tool("pdftotext", &["-raw", "-f", &n, "-l", &n, p, "-"]);
        assert_eq!(words(&text), words(&page.text()), "page {n}");
    }
    let doc = lopdf::Document::load(&pdf).expect("lopdf reads it");
    let described = widths_by_font(&doc);
    assert_eq!(described.len(), 4, "four faces");
    let mut shown = 0;
    for (_, page) in doc.get_pages() {
        let content = Content::decode(&doc.get_page_content(page)).expect("ops");
        let mut font: Vec<u8> = Vec::new();
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => font = op.operands[0].as_name().expect("name").to_vec(),
                "Tj" | "TJ" => {
                    let strings: Vec<&Object> = match &op.operands[0] {
                        Object::Array(a) => a.iter().collect(),
                        o => vec![o],
                    };
                    for s in strings.into_iter().filter_map(|o| o.as_str().ok()) {
                        for pair in s.chunks(2) {
                            let gid = u16::from_be_bytes([pair[0], pair[1]]);
                            assert!(described[&font].contains(&gid), "glyph {gid} of {font:?}");
                            shown += 1;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    assert!(shown > 100_000, "{shown} glyphs shown");
    let resources: std::collections::BTreeSet<_> = doc
        .get_pages()
        .values()
        .map(|id| doc.get_dictionary(*id).and_then(|d| d.get(b"Resources")).expect("res").clone())
        .map(|r| format!("{r:?}"))
        .collect();
    assert_eq!(resources.len(), 1, "one resources dictionary for every page");
}
