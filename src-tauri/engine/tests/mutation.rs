//! A short seeded pass of the mutation harness over every reader of untrusted files (Word
//! import, units' forms, report files, templates): each mutant must be read or refused with a
//! Vietnamese message, without a panic, within 10 s and 1 GiB of heap. The long run is
//! `cargo run --release -p baocao-engine --example mutate` (docs/robustness.md).

use std::sync::{Mutex, OnceLock};
use std::time::Duration;

#[path = "support/harness.rs"]
mod harness;
#[path = "support/mutate.rs"]
mod mutate;
#[path = "support/readers.rs"]
mod readers;
mod support;

use harness::{run, Pass, Tally};
use readers::{Reader, Seeds};

/// The pass's seed (any fixed number: a failure is made again from it and the mutant's index).
const SEED: u64 = 20_261_123;
/// Mutants per reader.
const PER_READER: u64 = 300;
/// One mutant in this many may be of tens of MB or a zip bomb.
const HEAVY_EVERY: u64 = 30;

fn seeds() -> &'static Seeds {
    static S: OnceLock<Seeds> = OnceLock::new();
    S.get_or_init(Seeds::make)
}

/// Runs the short pass on one reader; the readers run one at a time (the heap peak is the
/// process's).
fn pass(reader: Reader) {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    harness::quiet_panics();
    let mut t = Tally::default();
    let pass = Pass {
        seed: SEED,
        indices: 0..PER_READER,
        heavy_every: HEAVY_EVERY,
        limit: Duration::from_secs(10),
    };
    run(seeds(), reader, &pass, &mut t, |_| {});
    println!(
        "{}: {} mutants, {} accepted, {} refused; slowest {:?} ({}); peak {} MB ({})",
        reader.name(),
        t.mutants,
        t.accepted,
        t.refused,
        t.max_time,
        t.max_time_at,
        t.peak >> 20,
        t.peak_at
    );
    for s in &t.english_samples {
        println!("  English detail: {s}");
    }
    assert!(!t.failed(), "{} failures:\n{}", reader.name(), t.failures.join("\n"));
    assert_eq!(t.mutants, PER_READER);
    assert!(t.refused > 0, "no mutant was refused: the mutations do nothing");
}

#[test]
fn word_import_survives_mutants() {
    pass(Reader::Docx);
}

#[test]
fn form_reader_survives_mutants() {
    pass(Reader::Form);
}

#[test]
fn report_loader_survives_mutants() {
    pass(Reader::Report);
}

#[test]
fn template_parser_survives_mutants() {
    pass(Reader::Template);
}

/// Regressions: each defect found, on a small input made by hand.
mod regressions {
    use std::io::Write;

    use baocao_engine::collect::read::{read_bytes, SubmissionKind};
    use baocao_engine::import::import_docx;

    use crate::harness::{vietnamese, STACK};
    use crate::readers::today;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// A zip holding these parts.
    fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, data) in parts {
            z.start_file(*name, zip::write::SimpleFileOptions::default()).expect("zip");
            z.write_all(data).expect("zip");
        }
        z.finish().expect("zip");
        buf.into_inner()
    }

    fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
        let doc = format!("<w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>");
        let mut parts: Vec<(&str, &[u8])> = vec![("word/document.xml", doc.as_bytes())];
        if let Some(n) = numbering {
            parts.push(("word/numbering.xml", n.as_bytes()));
        }
        package(&parts)
    }

    /// The import's refusal, read on a thread with the app's command stack.
    fn refusal(bytes: Vec<u8>) -> String {
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn(move || match import_docx(&bytes, today()) {
                Ok(_) => panic!("imported"),
                Err(e) => e.to_string(),
            })
            .expect("thread")
            .join()
            .expect("no panic")
    }

    #[test]
    fn deeply_nested_word_xml_is_refused_not_a_stack_overflow() {
        // The reader descends by recursion: 100 000 nested hyperlinks (or tables) overflowed
        // the stack, which ends the whole program.
        let body = format!(
            "<w:p>{}<w:r><w:t>x</w:t></w:r>{}</w:p>",
            "<w:hyperlink>".repeat(100_000),
            "</w:hyperlink>".repeat(100_000)
        );
        let m = refusal(docx(&body, None));
        assert!(m.contains("lồng nhau quá 256 tầng") && vietnamese(&m), "{m}");
        // A real document's nesting (a table in a table) is read.
        let nested = "<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Ô lồng</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>";
        assert!(import_docx(&docx(nested, None), today()).is_ok());
    }

    #[test]
    fn word_xml_bombs_are_refused_in_vietnamese() {
        // An entity bomb: a DTD, which no Word file has.
        let bomb = format!(
            "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
        );
        let m = refusal(package(&[("word/document.xml", bomb.as_bytes())]));
        assert!(m.contains("DTD") && m.contains("bị hỏng") && !m.contains("detected"), "{m}");
        // A part inflating past 64 MB (a zip bomb) stops there.
        let huge = format!("<w:document xmlns:w=\"{W}\"><w:body>{}", "<w:p/>".repeat(12 << 20));
        let m = refusal(package(&[("word/document.xml", huge.as_bytes())]));
        assert!(m.contains("lớn hơn 64 MB"), "{m}");
        // Millions of elements within the size: refused before they take GBs.
        let many = format!(
            "<w:document xmlns:w=\"{W}\"><w:body>{}</w:body></w:document>",
            "<w:p/>".repeat(3_000_000)
        );
        let m = refusal(package(&[("word/document.xml", many.as_bytes())]));
        assert!(m.contains("quá nhiều phần tử"), "{m}");
        // A damaged zip is said in Vietnamese, without the zip library's English.
        let mut cut = docx("<w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p>", None);
        cut.truncate(cut.len() - 30);
        let m = refusal(cut);
        assert!(m.contains("tệp nén bị hỏng") && !m.contains("EOCD"), "{m}");
    }

    #[test]
    fn list_numbers_at_the_limits_neither_overflow_nor_grow() {
        // A list starting at 4294967295 counted past u32 (a panic in debug builds), and a
        // letter list at that number wrote a label of 165 million letters per paragraph.
        let numbering = format!(
            "<w:numbering xmlns:w=\"{W}\"><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"4294967295\"/><w:numFmt w:val=\"upperLetter\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
        );
        let p = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>Mục</w:t></w:r></w:p>";
        let imp = import_docx(&docx(&p.repeat(3), Some(&numbering)), today()).expect("imported");
        let texts: Vec<&str> = imp.summary.source.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["4294967295. Mục"; 3]);
    }

    /// The filled form of the seeds, with `edit` applied to the parts whose name starts so.
    fn form_with(part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
        let seeds = crate::seeds();
        let form = &seeds.form[0];
        let parts: Vec<(String, Vec<u8>)> = form
            .parts
            .iter()
            .map(|(n, d)| {
                let d = if n.starts_with(part) {
                    edit(String::from_utf8(d.clone()).expect("UTF-8")).into_bytes()
                } else {
                    d.clone()
                };
                (n.clone(), d)
            })
            .collect();
        let refs: Vec<(&str, &[u8])> =
            parts.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
        package(&refs)
    }

    fn form_refusal(name: &str, bytes: &[u8]) -> String {
        let s = read_bytes(name, bytes, None, today());
        assert_eq!(s.kind, SubmissionKind::Unreadable, "{:?}", s.problems);
        let m = s.problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join("\n");
        assert!(vietnamese(&m), "{m}");
        m
    }

    #[test]
    fn a_form_with_a_value_in_the_last_cell_is_refused_not_gigabytes() {
        // A value in XFD1048576 beside A1: the spreadsheet reader allocates every cell between
        // (17 billion), which aborts the program.
        let bytes = form_with("xl/worksheets/sheet1.xml", |s| {
            s.replace(
                "</sheetData>",
                "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData>",
            )
        });
        let m = form_refusal("xa.xlsx", &bytes);
        assert!(m.contains("hơn 4 triệu ô"), "{m}");
        // Past the sheet's last row (A1048577): the spreadsheet reader takes it as it is.
        let bytes = form_with("xl/worksheets/sheet1.xml", |s| {
            s.replace(
                "</sheetData>",
                "<row r=\"1048577\"><c r=\"XFE1048577\"><v>1</v></c></row></sheetData>",
            )
        });
        let m = form_refusal("xa.xlsx", &bytes);
        assert!(m.contains("hơn 4 triệu ô"), "{m}");
        // The same in an .ods: a cell with a value repeated over every column of a million rows.
        let ods = "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:spreadsheet><table:table table:name=\"_baocao\"><table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"16384\"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
        let bytes = package(&[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", ods.as_bytes()),
        ]);
        let m = form_refusal("xa.ods", &bytes);
        assert!(m.contains("hơn 4 triệu ô"), "{m}");
    }

    #[test]
    fn an_xls_claiming_billions_of_rows_is_refused() {
        // The .xls reader reserves room for every cell a sheet's «Dimensions» record claims: 4
        // billion rows asked for 9 GB at once, which aborted the program.
        let xls = &crate::seeds().form[3];
        assert!(xls.name.ends_with(".xls"));
        let mut bytes = xls.bytes.clone();
        let at = bytes
            .windows(4)
            .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
            .expect("a Dimensions record");
        bytes[at + 8..at + 12].copy_from_slice(&u32::MAX.to_le_bytes());
        let m = form_refusal("xa.xls", &bytes);
        assert!(m.contains("hơn 4 triệu ô"), "{m}");
        // The form as LibreOffice saved it is read.
        let s = read_bytes("xa.xls", &xls.bytes, None, today());
        assert!(s.problems.is_empty(), "{:?}", s.problems);
    }

    #[test]
    fn a_form_claiming_billions_of_shared_strings_is_refused() {
        // calamine reserves room for the count the file claims before reading any string.
        let bytes = form_with("xl/sharedStrings.xml", |s| {
            let at = s.find("uniqueCount=\"").expect("uniqueCount") + 13;
            let end = at + s[at..].find('"').expect("quote");
            format!("{}4000000000{}", &s[..at], &s[end..])
        });
        let m = form_refusal("xa.xlsx", &bytes);
        assert!(m.contains("bị hỏng"), "{m}");
    }

    #[test]
    fn a_form_the_spreadsheet_reader_panics_on_is_refused() {
        // An .xls whose FAT is gone (its first sector marked free): calamine's OLE reader
        // indexes an empty table (an index out of bounds, in release builds too).
        let mut xls = crate::seeds().form[3].bytes.clone();
        xls[76..80].copy_from_slice(&u32::MAX.to_le_bytes());
        let s = read_bytes("xa.xls", &xls, None, today());
        assert_eq!(s.kind, SubmissionKind::Unreadable);
        assert!(s.problems[0].message.contains("bảng tính bị hỏng"), "{:?}", s.problems);
        // A zip bomb in a sheet: refused before it is inflated whole.
        let bomb = crate::mutate::bomb_stream(b"<row><c><v>1</v></c></row>", 1024);
        let mut entries: Vec<crate::mutate::Entry> = crate::seeds().form[0]
            .parts
            .iter()
            .map(|(n, d)| crate::mutate::Entry::new(n, d, true))
            .collect();
        let sheet =
            entries.iter_mut().find(|e| e.name == b"xl/worksheets/sheet1.xml").expect("sheet");
        sheet.data = bomb;
        sheet.compressed = sheet.data.len() as u32;
        sheet.uncompressed = 1000;
        let m = form_refusal("xa.xlsx", &crate::mutate::write_zip(&entries));
        assert!(m.contains("MB") || m.contains("bị hỏng"), "{m}");
    }
}
