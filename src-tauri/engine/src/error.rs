//! Errors of the engine, each with a Vietnamese message for the user.

use std::fmt;

/// A problem found in a report, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What kind of problem it is, a stable kebab-case code callers filter by (never the
    /// message): see [`codes`].
    pub code: &'static str,
    /// Path of the field, e.g. `body.content[1].sections[0].title`.
    pub path: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// Whether the report can still be rendered.
    pub severity: Severity,
}

/// The codes of [`Problem`]s that callers tell apart.
pub mod codes {
    /// A structural problem of the report (required field, bad value, wrong shape).
    pub const STRUCTURE: &str = "cau-truc";
    /// A blank «…» left from a template, to fill before sending.
    pub const BLANK: &str = "cho-trong";
    /// A figure still to be filled for this period.
    pub const FIGURE_TO_UPDATE: &str = "cap-nhat-so-lieu";
    /// Text that looks typed in a legacy Vietnamese encoding.
    pub const LEGACY_ENCODING: &str = "bang-ma-cu";
    /// Punctuation typed where the profile adds its own (a recipient's end).
    pub const TYPED_ENDING: &str = "dau-cuoi-dong";
    /// A character the bundled font lacks.
    pub const MISSING_GLYPH: &str = "thieu-ky-tu";
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Rendering goes on; the user should look.
    Warning,
    /// Rendering stops.
    Error,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "Lỗi",
            Severity::Warning => "Cảnh báo",
        };
        if self.path.is_empty() {
            write!(f, "{level}: {}", self.message)
        } else {
            write!(f, "{level} tại «{}»: {}", self.path, self.message)
        }
    }
}

/// Errors of the engine.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The input is not a readable report (not JSON, wrong shape, wrong type, too large…).
    #[error("{0}")]
    Load(String),
    /// The report was read but has blocking problems.
    #[error("Báo cáo có {} lỗi:\n{}", .0.iter().filter(|p| p.severity == Severity::Error).count(), list(.0))]
    Invalid(Vec<Problem>),
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
    /// A template is malformed or cannot be filled.
    #[error("Mẫu báo cáo: {0}")]
    Template(String),
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

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n")
}
