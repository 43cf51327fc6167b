//! Errors of the engine, each with a Vietnamese message for the user. What is wrong in a report
//! (or a unit's file, or an imported file) is a [`Diagnostic`], not an error.

use crate::diagnostic::Diagnostic;

/// Errors of the engine.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The input is not a readable report (not JSON, wrong shape, wrong type, too large…): the
    /// whole message, and each problem as a diagnostic with its code and field.
    #[error("{message}")]
    Load {
        /// What the user reads.
        message: String,
        /// Each problem (one for a file that is not a report; one per field for a wrong shape).
        diagnostics: Vec<Diagnostic>,
    },
    /// The report was read but has blocking diagnostics (the export is refused).
    #[error("Báo cáo có {} lỗi:\n{}", .0.iter().filter(|d| d.is_blocking()).count(), list(.0))]
    Invalid(Vec<Diagnostic>),
    /// A profile file could not be read.
    #[error("Tệp định dạng (profile) không hợp lệ: {0}")]
    Profile(String),
    /// The report names a profile that does not exist.
    #[error("Không có định dạng «{id}»; các định dạng có sẵn: {known}")]
    UnknownProfile {
        /// The id asked for.
        id: String,
        /// The ids that exist.
        known: String,
    },
    /// A template is malformed or cannot be filled: the message, and the same as a diagnostic
    /// (code `mau-bao-cao`).
    #[error("Mẫu báo cáo: {message}")]
    Template {
        /// What the user reads (after «Mẫu báo cáo: »).
        message: String,
        /// The problem with its code.
        diagnostics: Vec<Diagnostic>,
    },
    /// Reading or writing a file failed (message names the path).
    #[error("{0}")]
    Io(String),
    /// A Word file could not be imported (not a DOCX, protected, damaged, empty…).
    #[error("{0}")]
    Import(String),
    /// Units' forms or reports could not be written or read (message names file, sheet, cell).
    #[error("{0}")]
    Collect(String),
    /// Writing the document failed inside the engine.
    #[error("Không tạo được tệp {format}: {detail}")]
    Write {
        /// "DOCX", "PDF"…
        format: &'static str,
        /// Technical detail.
        detail: String,
    },
}

impl EngineError {
    /// A file refused as a whole for one reason, said by `message`, under `code`.
    pub fn load(code: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        let diagnostics = vec![Diagnostic::blocking(code, message.clone())];
        EngineError::Load { message, diagnostics }
    }
}

impl EngineError {
    /// A template that cannot be read or filled, for the reason `message` says.
    pub fn template(message: impl Into<String>) -> Self {
        let message = message.into();
        let diagnostic = Diagnostic::blocking(
            crate::diagnostic::codes::TEMPLATE,
            format!("Mẫu báo cáo: {message}"),
        );
        EngineError::Template { message, diagnostics: vec![diagnostic] }
    }
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("  - {d}")).collect::<Vec<_>>().join("\n")
}
