//! Word files and legacy text: importing a .docx/.doc, converting pasted TCVN3/VNI text.

use super::*;

/// A Word file brought in: the report and what was recognised in it.
#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
pub struct WordImport {
    /// The report read from the file (not saved yet).
    pub report: Report,
    /// What was recognised, with the original's paragraphs.
    pub summary: baocao_engine::import::Summary,
    /// The Word file.
    pub file: String,
    /// The recognised report's outline as it would print (empty when its profile is unknown).
    pub outline: baocao_engine::outline::Outline,
}

/// Imports a Word file (.docx; .doc through LibreOffice) into a new, unsaved report.
#[tauri::command]
pub async fn import_word(path: String) -> Result<WordImport, String> {
    let file = path.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let today = clock::today();
        baocao_engine::import::import_file(Path::new(&path), today).map_err(msg)
    })
    .await
    .map_err(|e| e.to_string())?
    .map(|i| {
        let outline = baocao_engine::profile_for(&i.report)
            .map(|p| baocao_engine::outline::Outline::of(&i.report, &p))
            .unwrap_or_default();
        WordImport { report: i.report, summary: i.summary, file, outline }
    })
}

/// Text typed in a legacy encoding, converted.
#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
pub struct Converted {
    /// The text in Unicode NFC.
    pub text: String,
    /// The encoding it was typed in, as users know it.
    pub from: String,
}

/// Converts pasted text when it is TCVN3 or VNI-Windows; none when it is ordinary text.
#[tauri::command]
pub fn convert_legacy(text: String) -> Option<Converted> {
    let (enc, text) = baocao_engine::legacy::convert_detected(&text)?;
    Some(Converted { text: baocao_engine::text::nfc(&text), from: enc.name().to_string() })
}
