//! The built-in sample: a 3-year review of Directive 05-CT/TW by the propaganda board of the
//! fictional district of Hòa Bình Đông, written for this project. The app opens it by default.

use crate::model::Report;

/// The sample report as JSON text (templates/samples/).
pub const SAMPLE_JSON: &str = include_str!("../../../templates/samples/so-ket-03-nam-chi-thi-05.json");

/// Parses the built-in sample.
pub fn sample() -> Report {
    // The sample is compiled in and checked by tests; a parse failure is a build defect.
    crate::load::report_from_json(SAMPLE_JSON.as_bytes())
        .unwrap_or_else(|e| panic!("built-in sample is invalid: {e}"))
}
