//! Import of a Word file (last year's report, typed by hand) into a [`Report`].
//!
//! [`read`] turns the package into paragraphs and tables as a reader sees them (automatic
//! numbers written in, legacy text converted); [`recognise`](self::recognise) then finds the
//! parts of an official report in them the way staff type them, without styles: the header
//! table, "Phần thứ …", "I.", "1.", "a)" headings in bold or capitals, lessons, solution groups,
//! proposals, causes, list lines, statistics tables, the signature and recipients table and the
//! annexes. Whatever is not recognised stays, in order, as a paragraph where it stood.

mod blanks;
pub mod read;
mod recognise;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::EngineError;
use crate::model::Report;

pub use recognise::recognise;

/// What a paragraph of the original became.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// A line of the header (bodies, number, place and date).
    Header,
    /// The document type.
    DocType,
    /// The subject line.
    Subject,
    /// A "Phần thứ …" heading or its title.
    Phan,
    /// A part heading (I.).
    Part,
    /// A section heading (1.).
    Section,
    /// A point heading or letter (a)).
    Point,
    /// A lesson ("Một là, …").
    Lesson,
    /// A solution group's lead or title, or one of its lines.
    SolutionGroup,
    /// A proposal ("- Đối với …: …").
    Proposal,
    /// A cause, or the label of causes.
    Cause,
    /// A shortcoming line.
    Shortcoming,
    /// A "- " or "+ " line.
    Line,
    /// A table's caption, unit line or cell.
    Table,
    /// The closing sentence.
    ClosingSentence,
    /// The signature block (authority, title, name).
    Signature,
    /// "Nơi nhận:" or a recipient.
    Recipient,
    /// The "Lưu …" line.
    Archive,
    /// An annex's label or title.
    Annex,
    /// A line the program writes itself (the "*", the motto, the separator, an annex's
    /// reference line): not stored, written again on export.
    Generated,
    /// Kept as a plain paragraph: not recognised as anything else.
    Kept,
}

/// A paragraph of the original, as shown beside the recognised outline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceLine {
    /// Its text (converted to Unicode when it was legacy).
    pub text: String,
    /// What it became.
    pub mark: Mark,
    /// The legacy encoding it was converted from ("TCVN3 (ABC, phông .VnTime)"), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted_from: Option<String>,
    /// Starts a new page in the original.
    pub page_break: bool,
}

/// A count of one kind of thing recognised.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Count {
    /// What, in Vietnamese ("Mục (I, II…)").
    pub label: String,
    /// How many.
    pub n: u32,
}

/// What the import found, for the review screen and the CLI.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    /// Counts of what was recognised, in document order of kinds.
    pub counts: Vec<Count>,
    /// Paragraphs kept as plain paragraphs.
    pub kept: u32,
    /// Things the user should know (merged cells flattened, totals that did not add up,
    /// pictures left out, no header found…): warnings without a place.
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
    /// The legacy encoding text was converted from, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted_from: Option<String>,
    /// Paragraphs converted from a legacy encoding.
    pub converted: u32,
    /// The header and the closing were both found: the report is whole.
    pub complete: bool,
    /// The original's paragraphs in order, each with what it became.
    pub source: Vec<SourceLine>,
}

/// A report read from a Word file, with what was recognised.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The report.
    pub report: Report,
    /// What was recognised.
    pub summary: Summary,
}

/// Imports DOCX bytes; `today` dates a report whose date line could not be read.
pub fn import_docx(bytes: &[u8], today: NaiveDate) -> Result<Imported, EngineError> {
    use read::ReadError;
    let doc = read::read(bytes).map_err(|e| {
        EngineError::Import(match e {
            ReadError::NotZip => {
                "Tệp này không phải là tệp Word (.docx). Hãy mở tệp trong Word hoặc LibreOffice \
                 và lưu lại dưới dạng «Word Document (.docx)»."
                    .into()
            }
            ReadError::Ole { encrypted: true } => {
                "Tệp Word được bảo vệ bằng mật khẩu. Hãy mở tệp trong Word, bỏ mật khẩu \
                 (Tệp › Thông tin › Bảo vệ tài liệu) rồi lưu lại và nhập lần nữa."
                    .into()
            }
            ReadError::Ole { encrypted: false } => {
                "Đây là tệp Word cũ (.doc). Hãy mở tệp trong Word hoặc LibreOffice và lưu lại \
                 dưới dạng «Word Document (.docx)», rồi nhập tệp .docx đó."
                    .into()
            }
            ReadError::NoDocument => {
                "Tệp nén này không chứa văn bản Word (thiếu word/document.xml): không phải tệp \
                 .docx."
                    .into()
            }
            ReadError::Corrupt(detail) => {
                format!("Tệp Word bị hỏng, không đọc được ({detail}). Hãy thử mở tệp trong Word và lưu lại.")
            }
        })
    })?;
    let has_text = doc.items.iter().any(|i| match i {
        read::RawItem::Para(p) => !p.text.trim().is_empty(),
        read::RawItem::Table(t) => {
            t.rows.iter().flatten().any(|c| c.paras.iter().any(|p| !p.text.trim().is_empty()))
        }
    });
    if !has_text {
        return Err(EngineError::Import(
            "Tệp Word không có nội dung chữ nào để nhập (trống, hoặc chỉ có hình ảnh).".into(),
        ));
    }
    Ok(recognise(doc, today))
}

/// Imports a Word file by path: a .docx directly; a .doc through LibreOffice when it is
/// installed ([`crate::platform::soffice`]), with a message saying how to save it as .docx when it is not.
pub fn import_file(path: &std::path::Path, today: NaiveDate) -> Result<Imported, EngineError> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .map_err(|e| EngineError::Io(format!("Không mở được tệp «{shown}»: {e}.")))?;
    if meta.is_dir() {
        return Err(EngineError::Io(format!("«{shown}» là một thư mục, không phải tệp Word.")));
    }
    if meta.len() > 512 * 1024 * 1024 {
        return Err(EngineError::Import(format!(
            "Tệp «{shown}» quá lớn ({} MB) để nhập.",
            meta.len() / 1024 / 1024
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| EngineError::Io(format!("Không đọc được tệp «{shown}»: {e}.")))?;
    match import_docx(&bytes, today) {
        Err(EngineError::Import(m)) if read::ole(&bytes) == Some(false) => {
            let converted =
                convert_doc(path).map_err(|why| EngineError::Import(format!("{m} {why}")))?;
            import_docx(&converted, today)
        }
        other => other,
    }
}

/// Converts an old .doc to DOCX bytes with LibreOffice, in a temporary folder.
fn convert_doc(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let soffice = crate::platform::soffice()
        .ok_or(crate::platform::missing_libreoffice_message(cfg!(windows)))?;
    let dir = tempfile::tempdir().map_err(|e| format!("Không tạo được thư mục tạm: {e}."))?;
    // A profile of its own, so a LibreOffice window the user has open does not take the job.
    let profile = crate::platform::soffice_profile_arg(&dir.path().join("lo"));
    let out = std::process::Command::new(&soffice)
        .args([&profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(dir.path())
        .arg(path)
        .output()
        .map_err(|e| format!("LibreOffice không chạy được: {e}."))?;
    let stem = path.file_stem().unwrap_or_default();
    let docx = dir.path().join(stem).with_extension("docx");
    std::fs::read(&docx).map_err(|_| {
        format!(
            "LibreOffice không chuyển được tệp ({}).",
            String::from_utf8_lossy(&out.stderr).trim()
        )
    })
}
