//! TypeScript declarations of the report model and of the commands' types, generated from the
//! Rust types (ts-rs) into `ui/src/bindings/types.ts`; a test fails when the committed file is stale.

use ts_rs::{Config, TS};

use crate::commands::{
    ExportFormat, ExportOutcome, NextPeriod, Opened, Preview, PreviewPage, Question, Recovered,
    Wizard, WizardState,
};
use baocao_engine::model::*;

/// Path of the generated file, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/bindings/types.ts";

/// The generated TypeScript source.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        Report::decl(&cfg),
        Header::decl(&cfg),
        Body::decl(&cfg),
        Division::decl(&cfg),
        Phan::decl(&cfg),
        Part::decl(&cfg),
        Section::decl(&cfg),
        Point::decl(&cfg),
        Block::decl(&cfg),
        Paragraph::decl(&cfg),
        Marker::decl(&cfg),
        Lines::decl(&cfg),
        Results::decl(&cfg),
        ResultItem::decl(&cfg),
        Figure::decl(&cfg),
        FigureKind::decl(&cfg),
        Shortcomings::decl(&cfg),
        Causes::decl(&cfg),
        OrdinalSet::decl(&cfg),
        Lessons::decl(&cfg),
        GroupNumbering::decl(&cfg),
        SolutionGroups::decl(&cfg),
        SolutionGroup::decl(&cfg),
        Proposals::decl(&cfg),
        Proposal::decl(&cfg),
        StatTable::decl(&cfg),
        Column::decl(&cfg),
        ColumnKind::decl(&cfg),
        Cell::decl(&cfg),
        AuthorityKind::decl(&cfg),
        Urgency::decl(&cfg),
        Authority::decl(&cfg),
        Closing::decl(&cfg),
        Annex::decl(&cfg),
        Footnote::decl(&cfg),
        Period::decl(&cfg),
        baocao_engine::templates::TemplateInfo::decl(&cfg),
        baocao_engine::templates::PlaceholderKind::decl(&cfg),
        Question::decl(&cfg),
        Wizard::decl(&cfg),
        baocao_engine::Severity::decl(&cfg),
        baocao_engine::Diagnostic::decl(&cfg),
        WizardState::decl(&cfg),
        Preview::decl(&cfg),
        baocao_engine::outline::Outline::decl(&cfg),
        baocao_engine::outline::OutlineKind::decl(&cfg),
        baocao_engine::outline::OutlineItem::decl(&cfg),
        baocao_engine::outline::TableView::decl(&cfg),
        baocao_engine::outline::Openers::decl(&cfg),
        baocao_engine::outline::ProfileChoices::decl(&cfg),
        baocao_engine::outline::ProfileOption::decl(&cfg),
        baocao_engine::outline::ProfileNote::decl(&cfg),
        PreviewPage::decl(&cfg),
        Opened::decl(&cfg),
        Recovered::decl(&cfg),
        NextPeriod::decl(&cfg),
        baocao_engine::rollforward::RollOptions::decl(&cfg),
        baocao_engine::rollforward::NewPeriod::decl(&cfg),
        baocao_engine::rollforward::ReportKind::decl(&cfg),
        ExportOutcome::decl(&cfg),
        ExportFormat::decl(&cfg),
        baocao_engine::import::Mark::decl(&cfg),
        baocao_engine::import::SourceLine::decl(&cfg),
        baocao_engine::import::Count::decl(&cfg),
        baocao_engine::import::Summary::decl(&cfg),
        crate::commands::WordImport::decl(&cfg),
        crate::commands::Converted::decl(&cfg),
        Collection::decl(&cfg),
        Unit::decl(&cfg),
        UnitFigures::decl(&cfg),
        crate::commands::CompileProgress::decl(&cfg),
        crate::commands::FormTable::decl(&cfg),
        baocao_engine::collect::TextKind::decl(&cfg),
        baocao_engine::collect::UnitText::decl(&cfg),
        baocao_engine::collect::read::SubmissionKind::decl(&cfg),
        baocao_engine::collect::read::Submission::decl(&cfg),
        baocao_engine::collect::Choices::decl(&cfg),
        baocao_engine::collect::compile::UnitState::decl(&cfg),
        baocao_engine::collect::compile::UnitStatus::decl(&cfg),
        baocao_engine::collect::compile::FileStatus::decl(&cfg),
        baocao_engine::collect::Review::decl(&cfg),
        baocao_engine::collect::Compiled::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `src-tauri/src/bindings.rs` (ts-rs). Do not edit:\n\
         // run `BAOCAO_UPDATE_BINDINGS=1 cargo test -p soan-bao-cao --test bindings`.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(d.trim());
        out.push_str("\n\n");
    }
    let list =
        |items: &[&str]| items.iter().map(|w| format!("{w:?}")).collect::<Vec<_>>().join(", ");
    // The profile id that follows the Party guidance in force on the document's date.
    out.push_str(&format!(
        "export const PARTY_AUTO = {:?};\n\n",
        baocao_engine::profile::PARTY_AUTO
    ));
    // The codes of the findings the app lists before export: what is still to fill.
    use baocao_engine::diagnostic::codes;
    out.push_str(&format!(
        "export const UNFINISHED_CODES = [{}] as const;\n\n",
        list(&[codes::BLANK, codes::FIGURE_TO_UPDATE])
    ));
    // The code of the spelling findings: the fields underline them their own way.
    out.push_str(&format!("export const SPELLING_CODE = {:?};\n\n", codes::SPELLING));
    out.trim_end().to_string() + "\n"
}
