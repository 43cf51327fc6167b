//! `baocao`: the headless command of Soạn Báo Cáo — render reports to DOCX, validate them,
//! write the built-in sample, the format profiles and the report schema.
//!
//! The application's rules (the data folder, the clock, the export, the units' forms) are the
//! engine's `app` module, shared with the desktop app; each module here is one group of commands.

mod args;
mod check;
mod collect;
mod fidelity;
mod import;
mod new_report;
mod profiles;
mod render;
mod report_io;
mod usage;

use std::process::ExitCode;

use baocao_engine::{report_schema, sample, EngineError};
use clap::Parser;

use args::{Cli, Command};
use report_io::emit;

/// A failure with its Vietnamese message.
pub(crate) struct Failure(pub(crate) String);

impl From<EngineError> for Failure {
    fn from(e: EngineError) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return usage::clap_error(e),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("{msg}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one command.
fn run(cli: Cli) -> Result<(), Failure> {
    let force = cli.force;
    match cli.command {
        Command::Render { report: input, output, format, profile, anyway } => {
            render::cmd_render(input, output, format, profile, anyway, force)
        }
        Command::Sample { output } => {
            emit(output.as_deref(), sample::SAMPLE_JSON.as_bytes(), force)
        }
        Command::Validate { report, profile } => check::cmd_validate(report, profile),
        Command::Import { file, output, json } => import::cmd_import(file, output, json, force),
        Command::Form { report, output, unit, all_units, units } => {
            collect::cmd_form(report, output, unit, all_units, units, force)
        }
        Command::Compile { report, files, output, units, exclude, json } => {
            collect::cmd_compile(report, files, output, units, exclude, json, force)
        }
        Command::Convert { file, from, output } => import::cmd_convert(file, from, output, force),
        Command::Check { report, json, profile, words } => {
            check::cmd_check(report, json, profile, words)
        }
        Command::Profile { id, output } => profiles::cmd_profile(&id, output, force),
        Command::Fidelity { report, profile, words } => {
            fidelity::cmd_fidelity(report, profile, words)
        }
        Command::Templates { library: lib } => new_report::cmd_templates(lib),
        Command::New { template, set, output, library: lib } => {
            new_report::cmd_new(&template, &set, &output, lib, force)
        }
        Command::Rollforward { report, output, years, start_year, end_year, kind } => {
            new_report::cmd_rollforward(report, output, years, start_year, end_year, kind, force)
        }
        Command::Template { action, library: lib } => new_report::cmd_template(action, lib, force),
        Command::Schema { output } => emit(output.as_deref(), report_schema().as_bytes(), force),
    }
}
