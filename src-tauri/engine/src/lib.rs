//! Soạn Báo Cáo document engine: report model → format profile → flow → DOCX, or → pages → PDF/SVG.
//!
//! Pipeline:
//! 1. [`load::report_from_json`] reads a report at the boundary (size, NFC, forbidden characters,
//!    schema version, Vietnamese messages naming the field);
//! 2. [`checks::check`] lists every [`Diagnostic`] at once (blocking ones refuse the export,
//!    the others inform); the import and the compile of units' files report diagnostics too;
//! 3. [`flow::build`] applies a [`profile::FormatProfile`] and generates all derived text
//!    (numbering, ordinals, counts, figures, totals, header and closing blocks);
//! 4. [`docx::write`] draws the flow as an official-format DOCX;
//! 5. [`layout::layout`] breaks the same flow into pages with the bundled font's metrics,
//!    which [`pdf::write`] and [`svg::write`] draw;
//! 6. for the live preview, [`render_preview`] keeps a [`preview::PreviewSession`]: the layout is
//!    [`layout::Incremental`] (only changed blocks broken again, pagination resumed at the first
//!    touched page and stopped where it meets the old layout) and only changed pages are drawn.
//!
//! [`model::walk`] visits the report's tree in reading order with each node's path
//! (`body.content[1].sections[0].blocks[2]`): the checks, the flow and roll forward all use it.
//! The format rules behind the profiles: `docs/official-format.md`; what the writers rely on in
//! their libraries: `docs/library-notes.md`.
//!
//! No GUI dependency: the engine builds, tests and runs headless.

pub mod app;
pub mod checks;
pub mod collect;
pub mod corpus;
pub mod diagnostic;
pub mod docx;
pub mod error;
pub mod fidelity;
pub mod flow;
pub mod fsio;
pub mod import;
pub mod layout;
pub mod legacy;
pub mod load;
pub mod memo;
pub mod metrics;
pub mod model;
pub mod outline;
pub mod pdf;
pub mod periods;
pub mod platform;
pub mod preview;
pub mod profile;
pub mod rollforward;
pub mod sample;
pub mod svg;
pub mod templates;
pub mod text;
pub mod units;

use chrono::{DateTime, Utc};

pub use diagnostic::{Diagnostic, Severity};
pub use error::EngineError;
pub use flow::tablefit;
pub use model::Report;
pub use profile::FormatProfile;

/// What rendering needs from outside: the clock (document properties), so output is reproducible.
#[derive(Debug, Clone, Copy)]
pub struct RenderEnv {
    /// The time written into the document properties.
    pub now: DateTime<Utc>,
}

/// A rendered document and the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The checks' and the layout's warnings (blocking ones refuse the render).
    pub warnings: Vec<Diagnostic>,
}

/// Resolves the profile a report names: one of the built-in profiles. The Party family
/// ("dang") gives the guidance in force on the report's date: HD 36 before 27/5/2026, HD 05 from
/// then (`applies` in each profile); an explicit id ("hd36", "hd05", "nd30") is that profile.
pub fn profile_for(report: &Report) -> Result<FormatProfile, EngineError> {
    FormatProfile::builtin(&applicable_profile_id(report))
}

/// The id of the built-in profile that applies to the report (see [`profile_for`]).
pub fn applicable_profile_id(report: &Report) -> String {
    profile::resolve_id(&report.header.profile, report.header.date)
}

/// One line naming the format that applies and why, for people: «Thể thức: Văn bản của Đảng
/// (Hướng dẫn 05-HD/VPTW), theo ngày văn bản 15/06/2026 (áp dụng từ 27/05/2026).»
pub fn profile_line(report: &Report, profile: &FormatProfile) -> String {
    let named = report.header.profile.trim();
    let date = report.header.date.format("%d/%m/%Y");
    let why = if profile::family_of(&profile.id).is_some_and(|f| f == named) {
        match profile.applies.from {
            Some(from) => format!(
                ", theo ngày văn bản {date} (áp dụng cho văn bản từ ngày {})",
                from.format("%d/%m/%Y")
            ),
            None => format!(", theo ngày văn bản {date}"),
        }
    } else if named == profile.id {
        ", do báo cáo chọn".to_string()
    } else {
        String::new()
    };
    format!("Thể thức: {}{why}.", profile.name)
}

/// Validates the report, then renders it as DOCX under `profile`.
pub fn render_docx(
    report: &Report,
    profile: &FormatProfile,
    env: RenderEnv,
) -> Result<Rendered, EngineError> {
    let (bytes, warnings) = validated(report, profile, || {
        let flow = flow::build(report, profile, env.now);
        docx::write(&flow, profile)
    })?;
    Ok(Rendered { bytes, warnings })
}

/// Runs `work` while another core checks the report: its result is returned, with the
/// structure group's warnings, only if the checks find nothing blocking ([`checks::for_export`];
/// [`checks::blocking`] is the one answer the app and `baocao render` give too); blocking
/// diagnostics come first, whatever `work` returned.
/// Building a flow and laying it out never depend on the report being valid (the preview does
/// both for reports with errors), so nothing waits for the checks.
fn validated<T>(
    report: &Report,
    profile: &FormatProfile,
    work: impl FnOnce() -> Result<T, EngineError>,
) -> Result<(T, Vec<Diagnostic>), EngineError> {
    let (found, result) = std::thread::scope(|scope| {
        let checking = scope.spawn(|| checks::for_export(report, profile));
        let result = work();
        (checking.join(), result)
    });
    let found = found.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let (blocking, rest): (Vec<Diagnostic>, Vec<Diagnostic>) =
        found.into_iter().partition(Diagnostic::is_blocking);
    if !blocking.is_empty() {
        return Err(EngineError::Invalid(blocking));
    }
    let warnings = rest.into_iter().filter(|d| d.severity == Severity::Warning).collect();
    Ok((result?, warnings))
}

/// Renders the report as DOCX whatever its problems (the user was told of them and chose to go on).
pub fn render_docx_unchecked(
    report: &Report,
    profile: &FormatProfile,
    env: RenderEnv,
) -> Result<Vec<u8>, EngineError> {
    docx::write(&flow::build(report, profile, env.now), profile)
}

/// Renders the report as PDF whatever its problems (the user was told of them and chose to go on).
pub fn render_pdf_unchecked(
    report: &Report,
    profile: &FormatProfile,
    env: RenderEnv,
) -> Result<Vec<u8>, EngineError> {
    let flow = flow::build(report, profile, env.now);
    pdf::write(&layout::layout(&flow, profile))
}

/// Validates the report and lays it out on pages (for PDF, SVG and previews).
pub fn render_layout(
    report: &Report,
    profile: &FormatProfile,
    env: RenderEnv,
) -> Result<(flow::Flow, layout::Layout, Vec<Diagnostic>), EngineError> {
    let ((flow, pages), mut warnings) = validated(report, profile, || {
        let flow = flow::build(report, profile, env.now);
        let pages = layout::layout(&flow, profile);
        Ok((flow, pages))
    })?;
    warnings.extend(pages.warnings.iter().cloned());
    Ok((flow, pages, warnings))
}

/// Validates the report, then renders it as PDF under `profile`.
pub fn render_pdf(
    report: &Report,
    profile: &FormatProfile,
    env: RenderEnv,
) -> Result<Rendered, EngineError> {
    // The PDF is written while the checks run, not after them.
    let ((bytes, layout_warnings), mut warnings) = validated(report, profile, || {
        let pages = layout::layout(&flow::build(report, profile, env.now), profile);
        Ok((pdf::write(&pages)?, pages.warnings))
    })?;
    warnings.extend(layout_warnings);
    Ok(Rendered { bytes, warnings })
}

/// Lays the report out for the live preview, whatever its problems (listed with the pages), and
/// draws only the pages a client holding version `known` lacks.
pub fn render_preview(
    session: &mut preview::PreviewSession,
    report: &Report,
    known: Option<u64>,
    env: RenderEnv,
) -> Result<preview::PreviewPages, EngineError> {
    session.render(report, known, env.now)
}

/// The JSON Schema of the report file, generated from the Rust types.
pub fn report_schema() -> String {
    let schema = schemars::schema_for!(Report);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// Path of the committed schema, relative to the repository root.
pub const SCHEMA_PATH: &str = "templates/schema/report.schema.json";
