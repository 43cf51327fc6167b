//! Bad input to the import: each gets a clear Vietnamese message or a report with what could be
//! read and notes saying what was not — never a crash, never a partial report called whole.

// Test data is built here: an unwrap failing is a defect of the test itself.
#![allow(clippy::unwrap_used)]

use baocao_engine::diagnostic::codes;
use std::io::Write;

use baocao_engine::import::import_docx;
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn message(bytes: &[u8]) -> String {
    match import_docx(bytes, today()) {
        Ok(_) => panic!("imported"),
        Err(e) => e.to_string(),
    }
}

/// A DOCX package holding these parts.
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    for (name, data) in parts {
        z.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(data.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>{body}</w:body></w:document>"#
    )
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

#[test]
fn files_that_are_not_word_documents_are_named() {
    let m = message(b"%PDF-1.7 not a word file");
    assert!(m.contains("không phải là tệp Word (.docx)"), "{m}");
    assert!(m.contains("lưu lại"), "{m}");
    // An old .doc (OLE) and a password-protected DOCX (OLE holding EncryptionInfo).
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0u8, 512));
    let m = message(&ole);
    assert!(m.contains("tệp Word cũ (.doc)"), "{m}");
    ole.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    let m = message(&ole);
    assert!(m.contains("mật khẩu"), "{m}");
    // A zip that is not a DOCX, a damaged zip, a DOCX whose XML is cut off.
    let m = message(&package(&[("readme.txt", "hello")]));
    assert!(m.contains("thiếu word/document.xml"), "{m}");
    let mut cut = package(&[("word/document.xml", &document(&p("Báo cáo")))]);
    cut.truncate(cut.len() / 2);
    let m = message(&cut);
    assert!(m.contains("bị hỏng"), "{m}");
    let m = message(&package(&[("word/document.xml", "<w:document><w:body><w:p>")]));
    assert!(m.contains("bị hỏng"), "{m}");
}

#[test]
fn an_empty_document_is_called_empty() {
    let m = message(&package(&[("word/document.xml", &document("<w:p/><w:p/>"))]));
    assert!(m.contains("không có nội dung"), "{m}");
}

#[test]
fn a_document_without_header_is_not_presented_as_whole() {
    let body = [p("Một đoạn văn bản bình thường."), p("- Một dòng gạch đầu dòng")].concat();
    let imp = import_docx(&package(&[("word/document.xml", &document(&body))]), today()).unwrap();
    assert!(!imp.summary.complete);
    assert!(imp.summary.warnings.iter().any(|w| w.code == codes::IMPORT_NO_HEADER));
    assert!(imp.summary.warnings.iter().any(|w| w.code == codes::IMPORT_NO_CLOSING));
    // Nothing dropped: the paragraph and the line are both in the report.
    let json = serde_json::to_string(&imp.report).unwrap();
    assert!(
        json.contains("Một đoạn văn bản bình thường.") && json.contains("Một dòng gạch đầu dòng")
    );
}

#[test]
fn pictures_are_counted_and_text_boxes_read() {
    let picture = r#"<w:p><w:r><w:drawing><wp:inline><a:graphic><a:graphicData><a:blip/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#;
    let text_box = format!(
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        p("Chữ trong hộp văn bản.")
    );
    let body = [p("Đoạn trước."), picture.to_string(), text_box, p("Đoạn sau.")].concat();
    let imp = import_docx(&package(&[("word/document.xml", &document(&body))]), today()).unwrap();
    assert!(
        imp.summary
            .warnings
            .iter()
            .any(|w| w.code == codes::IMPORT_IMAGES && w.message.contains("1 hình ảnh")),
        "{:?}",
        imp.summary.warnings
    );
    assert!(
        imp.summary
            .warnings
            .iter()
            .any(|w| w.code == codes::IMPORT_TEXT_BOXES && w.message.contains("1 hộp văn bản")),
        "{:?}",
        imp.summary.warnings
    );
    let texts: Vec<&str> = imp.summary.source.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["Đoạn trước.", "Chữ trong hộp văn bản.", "Đoạn sau."]);
}

/// Text typed decomposed («nhâ» + a combining dot below, as some tools write it) is read in NFC:
/// the closing's «Nơi nhận:» laid out with tabs beside «KT. CHỦ TỊCH» is found, and nothing
/// of the report is left decomposed.
#[test]
fn decomposed_text_and_a_closing_laid_out_with_tabs_are_read() {
    let nfd = |s: &str| unicode_normalization::UnicodeNormalization::nfd(s).collect::<String>();
    let body = [
        p("ỦY BAN NHÂN DÂN"),
        p("Số: /BC-UBND"),
        p("Lâm Đồng, ngày 05 tháng 3 năm 2026"),
        p("BÁO CÁO"),
        p("Kết quả công tác"),
        p(&nfd("Trên đây là báo cáo kết quả công tác./.")),
        p(&nfd("Nơi nhận:\t\t\tKT. CHỦ TỊCH")),
        p(&nfd("- Bộ Công an;\t\t\tPHÓ CHỦ TỊCH")),
        p(&nfd("- Lưu: VT.")),
        p(&nfd("\t\t\tNguyễn Văn An")),
    ]
    .concat();
    let bytes = package(&[("word/document.xml", &document(&body))]);
    let imported = import_docx(&bytes, today()).expect("imported");
    let json = serde_json::to_string(&imported.report).unwrap();
    assert!(unicode_normalization::is_nfc(&json), "the report keeps decomposed text");
    let c = &imported.report.closing;
    assert_eq!(c.recipients, vec!["Bộ Công an".to_string()]);
    assert_eq!(
        (c.signer_title.as_str(), c.signer_name.as_str()),
        ("PHÓ CHỦ TỊCH", "Nguyễn Văn An")
    );
    assert!(c.authority.is_some(), "KT. not read");
    assert!(c.sentence.starts_with("Trên đây là"), "{:?}", c.sentence);
}
